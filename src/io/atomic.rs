//! Writing a file so that a failure never leaves half of it: write `PATH.partial`, then rename.

use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` through a sibling `.partial` file renamed into place; on failure
/// the partial file is removed and whatever was at `path` before is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })
}
