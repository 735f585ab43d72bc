//! The file operations a log save is made of, behind a trait so tests can make any step fail.

use std::io::Write;
use std::path::Path;

/// File operations for saving the log; [`RealFs`] does them on disk.
pub trait LogFs: Send + Sync {
    /// Creates or truncates `path`, writes `bytes` and syncs them to the device.
    fn write_synced(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()>;
    fn hard_link(&self, from: &Path, to: &Path) -> std::io::Result<()>;
    /// Copies `from` to `to` and syncs the copy (where hard links are not supported).
    fn copy_synced(&self, from: &Path, to: &Path) -> std::io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()>;
    fn remove(&self, path: &Path) -> std::io::Result<()>;
    /// Syncs a folder, so that renames in it survive a power loss.
    fn sync_dir(&self, dir: &Path) -> std::io::Result<()>;
    fn create_dir_all(&self, dir: &Path) -> std::io::Result<()>;
}

/// The real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct RealFs;

impl LogFs for RealFs {
    fn write_synced(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let mut f = std::fs::File::create(path)?;
        f.write_all(bytes)?;
        f.sync_all()
    }

    fn hard_link(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::hard_link(from, to)
    }

    fn copy_synced(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::copy(from, to)?;
        std::fs::File::open(to)?.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::rename(from, to)
    }

    fn remove(&self, path: &Path) -> std::io::Result<()> {
        std::fs::remove_file(path)
    }

    #[cfg(unix)]
    fn sync_dir(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::File::open(dir)?.sync_all()
    }

    /// Windows cannot open a folder as a file; its renames are made durable by the file system.
    #[cfg(not(unix))]
    fn sync_dir(&self, _dir: &Path) -> std::io::Result<()> {
        Ok(())
    }

    fn create_dir_all(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)
    }
}
