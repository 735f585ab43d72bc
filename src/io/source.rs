//! Where data comes from — the copy embedded in the binary or a folder on disk — and the one
//! function through which every file is read from disk.
//!
//! Both sources hand the loaders the same bytes, so the tests that load the embedded data also
//! vouch for `--assets DIR`, and a copied or installed binary needs nothing beside it.

use super::error::LoadError;
use std::io::Read;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The bundled data's as-of date, fixed when the binary was built.
pub const EMBEDDED_AS_OF: &str = env!("CONTESTED_WATERS_AS_OF");

/// Data files larger than this are refused rather than risk exhausting memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A set of data files addressed by name relative to its root (`incidents.geojson`,
/// `basemap/countries.geojson`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DataSource {
    /// The bundled data, compiled into the binary (`build.rs`).
    #[default]
    Embedded,
    /// A folder laid out as `assets/` is (`--assets DIR`).
    Dir(PathBuf),
}

impl DataSource {
    /// The file's bytes, each read bounded by [`MAX_FILE_BYTES`].
    pub fn read(&self, name: &str) -> Result<Vec<u8>, LoadError> {
        match self {
            Self::Embedded => read_embedded(name),
            Self::Dir(dir) => read_file(&dir.join(name), MAX_FILE_BYTES),
        }
    }

    /// How errors name the file: its path on disk, or `(bundled)/NAME` for the embedded copy.
    pub fn path(&self, name: &str) -> PathBuf {
        match self {
            Self::Embedded => Path::new("(bundled)").join(name),
            Self::Dir(dir) => dir.join(name),
        }
    }

    /// The embedded files' names, sorted.
    pub fn embedded_names() -> impl Iterator<Item = &'static str> {
        embedded::FILES.iter().map(|(name, _, _)| *name)
    }
}

fn read_embedded(name: &str) -> Result<Vec<u8>, LoadError> {
    let file = DataSource::Embedded.path(name);
    let Some((_, size_bytes, packed)) = embedded::FILES.iter().find(|(n, _, _)| *n == name) else {
        return Err(LoadError::Read {
            file,
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not among the files built into this binary",
            ),
        });
    };
    miniz_oxide::inflate::decompress_to_vec_with_limit(packed, *size_bytes).map_err(|e| {
        LoadError::Read {
            file,
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
        }
    })
}

/// Reads a whole file from disk: the one way the app reads a file.
///
/// Refuses anything but a regular file (after following symlinks): a FIFO would block, and
/// `/dev/zero` or `/dev/urandom` never end while their `metadata().len()` is 0. Reads at most
/// `limit_bytes + 1` bytes even so, since a regular file can grow while it is read and
/// `/proc` files report a size of 0.
pub fn read_file(path: &Path, limit_bytes: u64) -> Result<Vec<u8>, LoadError> {
    let read_err = |source| LoadError::Read {
        file: path.to_path_buf(),
        source,
    };
    // Checked before opening: opening a FIFO blocks until a writer comes, and opening some
    // devices has effects of its own.
    let meta = std::fs::metadata(path).map_err(read_err)?;
    refuse_special(path, &meta)?;
    let too_large = |size_bytes| LoadError::TooLarge {
        file: path.to_path_buf(),
        size_bytes,
        limit_bytes,
    };
    if meta.len() > limit_bytes {
        return Err(too_large(meta.len()));
    }
    let file = open_no_wait(path).map_err(read_err)?;
    // Checked again on the open file, in case the path was swapped for something else.
    let meta = file.metadata().map_err(read_err)?;
    refuse_special(path, &meta)?;
    let capacity = usize::try_from(meta.len().min(limit_bytes)).unwrap_or(0);
    read_bounded_into(path, file, limit_bytes, Vec::with_capacity(capacity))
}

/// Reads a whole reader, at most `limit_bytes` (`path` names it in errors): a file opened by
/// other means, or a stream.
pub fn read_bounded(
    path: &Path,
    reader: impl Read,
    limit_bytes: u64,
) -> Result<Vec<u8>, LoadError> {
    read_bounded_into(path, reader, limit_bytes, Vec::new())
}

/// Reads `limit_bytes + 1` bytes at most, so that more than the limit is seen and refused.
fn read_bounded_into(
    path: &Path,
    reader: impl Read,
    limit_bytes: u64,
    mut bytes: Vec<u8>,
) -> Result<Vec<u8>, LoadError> {
    reader
        .take(limit_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Read {
            file: path.to_path_buf(),
            source,
        })?;
    let read_bytes = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read_bytes > limit_bytes {
        return Err(LoadError::TooLarge {
            file: path.to_path_buf(),
            size_bytes: read_bytes,
            limit_bytes,
        });
    }
    Ok(bytes)
}

/// Opens for reading without waiting on a FIFO that has no writer (`O_NONBLOCK`; it changes
/// nothing for the regular files that are then read).
fn open_no_wait(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// An error unless `meta` is a regular file's.
fn refuse_special(path: &Path, meta: &std::fs::Metadata) -> Result<(), LoadError> {
    if meta.is_file() {
        return Ok(());
    }
    Err(LoadError::NotRegular {
        file: path.to_path_buf(),
        kind: file_kind(&meta.file_type()),
    })
}

/// What a non-regular file is, in words.
fn file_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_inflates_to_its_recorded_size() {
        for (name, size, _) in embedded::FILES {
            let bytes = DataSource::Embedded.read(name).expect("inflates");
            assert_eq!(bytes.len(), *size, "{name}");
        }
        assert!(DataSource::embedded_names().any(|n| n == "incidents.geojson"));
    }

    #[test]
    fn a_missing_embedded_file_is_a_read_error_naming_it() {
        let e = DataSource::Embedded.read("nope.json").expect_err("missing");
        assert!(e.to_string().contains("(bundled)/nope.json"), "{e}");
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = std::env::temp_dir();
        let e = read_file(&dir, 10).expect_err("a folder");
        assert!(matches!(e, LoadError::NotRegular { .. }), "{e:?}");
    }
}
