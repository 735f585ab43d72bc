//! Writing a file so that a failure never leaves half of it and never touches another file.
//!
//! The bytes go to a uniquely named temporary file beside the target (so an existing
//! `x.csv.partial`, or a second export to the same path at the same moment, is never
//! consumed), are flushed to disk, and only then is the file renamed over the target.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a unique sibling temporary file that is synced and then
/// renamed into place; on failure the temporary file is removed and whatever was at `path`
/// before is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Temporary files are private (0600) by default; the export is an ordinary file, so it
    // gets the mode `std::fs::write` would give it (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On failure the error carries the temporary file, which is deleted when it is dropped.
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename itself is durable once the folder is synced (not possible on every platform).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .map(|it| {
                it.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".tmp"))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn an_existing_partial_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = dir.path().join("x.csv");
        let partial = dir.path().join("x.csv.partial");
        std::fs::write(&partial, "someone else's").unwrap_or_else(|e| panic!("{e}"));
        write_atomically(&target, b"new").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&target).ok().as_deref(), Some(&b"new"[..]));
        assert_eq!(
            std::fs::read(&partial).ok().as_deref(),
            Some(&b"someone else's"[..])
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn concurrent_writes_to_one_path_all_succeed_whole() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = dir.path().join("same.csv");
        let results: Vec<std::io::Result<()>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8u8)
                .map(|k| {
                    let target = &target;
                    s.spawn(move || write_atomically(target, &vec![b'a' + k; 100_000]))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| panic!("writer panicked")))
                .collect()
        });
        assert!(results.iter().all(Result::is_ok), "{results:?}");
        // Whichever came last, the file is one writer's bytes, whole.
        let bytes = std::fs::read(&target).unwrap_or_default();
        assert_eq!(bytes.len(), 100_000);
        assert!(bytes.iter().all(|b| *b == bytes[0]));
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_rename_leaves_the_target_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = dir.path().join("blocked.csv");
        std::fs::create_dir(&target).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(target.join("keep.txt"), "mine").unwrap_or_else(|e| panic!("{e}"));
        assert!(write_atomically(&target, b"new").is_err());
        assert_eq!(
            std::fs::read_to_string(target.join("keep.txt"))
                .ok()
                .as_deref(),
            Some("mine")
        );
        assert!(leftovers(dir.path()).is_empty());
    }
}
