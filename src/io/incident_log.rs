//! The user's incident log on disk: `incidents.geojson` in the user's data folder, in the
//! bundled schema, saved so that a crash or a full disk never leaves a broken or empty log.
//!
//! A save writes a new file beside the log and syncs it, links the current log as
//! `incidents.geojson.bak`, renames the new file over the log and syncs the folder: at every
//! instant `incidents.geojson` is a complete log (the old one or the new one). A log that fails
//! to load is never overwritten: saves are refused until the user opens the backup or starts
//! a new log, and either way the broken file is first moved aside, never deleted.

use super::collection::{convert_all, read_collection};
use super::error::{FeatureRef, LoadError};
use crate::model::workbench::{LogEntry, LogRecords};
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use super::log_fs::{LogFs, RealFs};

/// The log's file name in the data folder.
pub const LOG_FILE: &str = "incidents.geojson";
/// The previous version, kept by every save.
pub const BACKUP_FILE: &str = "incidents.geojson.bak";

/// The platform's data folder for the app (e.g. `~/.local/share/contested-waters`).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("contested-waters"))
}

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("{}: the log cannot be loaded ({} problem(s)); first: {}", file.display(), errors.len(), first(errors))]
    Invalid {
        file: PathBuf,
        errors: Vec<LoadError>,
    },
    #[error("{}: not saved: the log failed to load, and is kept as it is until you open the backup or start a new log", file.display())]
    RefusedCorrupt { file: PathBuf },
    #[error("{}: cannot {step}: {source}", file.display())]
    Io {
        file: PathBuf,
        step: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot format the log: {message}", file.display())]
    Format { file: PathBuf, message: String },
    #[error("{}: there is no backup to open", file.display())]
    NoBackup { file: PathBuf },
}

fn first(errors: &[LoadError]) -> String {
    errors.first().map(ToString::to_string).unwrap_or_default()
}

/// What the store knows about the log file.
#[derive(Debug)]
pub enum LogState {
    /// No log file yet (nothing loaded): the first save creates it.
    New,
    /// The log loaded completely; saves replace it.
    Loaded,
    /// The log failed to load: saves are refused. `error` says what and where.
    Corrupt { error: LogError },
}

/// What one save did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveStats {
    pub incidents: usize,
    pub bytes: usize,
    /// Serialize, write, sync and rename.
    pub elapsed: Duration,
}

/// The log's folder, its state, and the file operations it saves with.
pub struct LogStore {
    dir: PathBuf,
    state: LogState,
    fs: Arc<dyn LogFs>,
}

impl std::fmt::Debug for LogStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogStore")
            .field("dir", &self.dir)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl LogStore {
    /// A store for the log in `dir` (nothing is read until [`load`](Self::load)).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self::with_fs(dir, Arc::new(RealFs))
    }

    /// As [`new`](Self::new) with other file operations (tests inject failures).
    pub fn with_fs(dir: impl Into<PathBuf>, fs: Arc<dyn LogFs>) -> Self {
        Self {
            dir: dir.into(),
            state: LogState::New,
            fs,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.join(LOG_FILE)
    }

    pub fn backup_path(&self) -> PathBuf {
        self.dir.join(BACKUP_FILE)
    }

    pub fn state(&self) -> &LogState {
        &self.state
    }

    pub fn is_corrupt(&self) -> bool {
        matches!(self.state, LogState::Corrupt { .. })
    }

    /// Loads the log: no file is an empty log; a file that fails to load, even in one record,
    /// makes the store [`LogState::Corrupt`] and returns the error (naming file and place).
    pub fn load(&mut self) -> Result<Vec<LogEntry>, &LogError> {
        let path = self.log_path();
        if !path.exists() {
            self.state = LogState::New;
            return Ok(Vec::new());
        }
        match read_log_file(&path) {
            Ok(entries) => {
                self.state = LogState::Loaded;
                Ok(entries)
            }
            Err(error) => {
                self.state = LogState::Corrupt { error };
                match &self.state {
                    LogState::Corrupt { error } => Err(error),
                    _ => Ok(Vec::new()),
                }
            }
        }
    }

    /// Opens the backup in place of a log that failed to load: the broken log is moved aside
    /// (returned path), the backup's entries are returned and the next save writes them.
    pub fn recover_from_backup(&mut self) -> Result<(Vec<LogEntry>, PathBuf), LogError> {
        let backup = self.backup_path();
        if !backup.exists() {
            return Err(LogError::NoBackup { file: backup });
        }
        let entries = read_log_file(&backup)?;
        let aside = self.move_aside()?;
        self.state = LogState::Loaded;
        Ok((entries, aside))
    }

    /// Starts an empty log after moving a broken one aside; returns where it went.
    pub fn start_new(&mut self) -> Result<Option<PathBuf>, LogError> {
        let aside = if self.log_path().exists() {
            Some(self.move_aside()?)
        } else {
            None
        };
        self.state = LogState::New;
        Ok(aside)
    }

    /// Renames the log to `incidents.corrupt-<UTC time>.geojson` (never over another file).
    fn move_aside(&self) -> Result<PathBuf, LogError> {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let aside = (0..1000)
            .map(|n| match n {
                0 => self.dir.join(format!("incidents.corrupt-{stamp}.geojson")),
                n => self
                    .dir
                    .join(format!("incidents.corrupt-{stamp}-{n}.geojson")),
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| {
                self.dir
                    .join(format!("incidents.corrupt-{stamp}-x.geojson"))
            });
        let log = self.log_path();
        self.fs
            .rename(&log, &aside)
            .map_err(|source| io_error(&log, "move the broken log aside", source))?;
        Ok(aside)
    }

    /// Saves `records` crash-safely (see the module doc); refused while the log is corrupt.
    pub fn save(&mut self, records: &LogRecords) -> Result<SaveStats, LogError> {
        let start = Instant::now();
        let bytes = self.serialize(records)?;
        self.write(&bytes, records.len(), start)
    }

    /// The log's text for `records` (refused while the log is corrupt).
    pub fn serialize(&self, records: &LogRecords) -> Result<Vec<u8>, LogError> {
        let log = self.log_path();
        if self.is_corrupt() {
            return Err(LogError::RefusedCorrupt { file: log });
        }
        log_bytes(records).map_err(|message| LogError::Format { file: log, message })
    }

    /// Writes serialized log text crash-safely; `incidents` and `start` are for the stats.
    pub fn write(
        &mut self,
        bytes: &[u8],
        incidents: usize,
        start: Instant,
    ) -> Result<SaveStats, LogError> {
        if self.is_corrupt() {
            return Err(LogError::RefusedCorrupt {
                file: self.log_path(),
            });
        }
        self.fs
            .create_dir_all(&self.dir)
            .map_err(|e| io_error(&self.dir, "create the data folder", e))?;
        let tmp = self
            .dir
            .join(format!(".{LOG_FILE}.{}.tmp", std::process::id()));
        let result = self.replace_with(&tmp, bytes);
        if result.is_err() {
            let _ = self.fs.remove(&tmp);
        }
        result?;
        self.state = LogState::Loaded;
        Ok(SaveStats {
            incidents,
            bytes: bytes.len(),
            elapsed: start.elapsed(),
        })
    }

    /// The steps of a save, in the order that keeps a complete log at every instant.
    fn replace_with(&self, tmp: &Path, bytes: &[u8]) -> Result<(), LogError> {
        let (fs, log) = (&self.fs, self.log_path());
        fs.write_synced(tmp, bytes)
            .map_err(|e| io_error(tmp, "write the new log", e))?;
        if log.exists() {
            // The backup is replaced atomically too: link (or copy) the log beside it first.
            let backup = self.backup_path();
            let staged = self.dir.join(format!("{BACKUP_FILE}.tmp"));
            let _ = fs.remove(&staged);
            fs.hard_link(&log, &staged)
                .or_else(|_| fs.copy_synced(&log, &staged))
                .map_err(|e| io_error(&staged, "keep the previous log as a backup", e))?;
            fs.rename(&staged, &backup)
                .map_err(|e| io_error(&backup, "keep the previous log as a backup", e))?;
        }
        fs.rename(tmp, &log)
            .map_err(|e| io_error(&log, "replace the log", e))?;
        fs.sync_dir(&self.dir)
            .map_err(|e| io_error(&self.dir, "sync the data folder", e))
    }
}

fn io_error(file: &Path, step: &'static str, source: std::io::Error) -> LogError {
    LogError::Io {
        file: file.to_path_buf(),
        step,
        source,
    }
}

/// The log as GeoJSON text in the bundled schema (plus `derived_from` on copies), one incident
/// per line: compact to write, and a change to one incident is a one-line diff.
pub fn log_bytes(records: &LogRecords) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(records.len() * 2048 + 64);
    out.extend_from_slice(b"{\"type\": \"FeatureCollection\", \"features\": [\n");
    for (i, x) in records.incidents().iter().enumerate() {
        let mut f = super::export::incident_feature(x);
        if let (Some(from), Some(props)) = (
            records.derived_from(i),
            f.get_mut("properties")
                .and_then(serde_json::Value::as_object_mut),
        ) {
            props.insert("derived_from".into(), json!(from));
        }
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut out, &f).map_err(|e| e.to_string())?;
    }
    out.extend_from_slice(b"\n]}\n");
    Ok(out)
}

/// Reads a log (or any incidents file in the bundled schema) completely: any bad record or a
/// repeated id is an error, since a partial load saved back would lose the rest.
pub fn read_log_file(path: &Path) -> Result<Vec<LogEntry>, LogError> {
    let invalid = |errors| LogError::Invalid {
        file: path.to_path_buf(),
        errors,
    };
    let fc = read_collection(path).map_err(|e| invalid(vec![e]))?;
    let (entries, errors) = convert_all(path, fc, |p, f| {
        Ok(LogEntry {
            incident: super::incidents::convert(p, f)?,
            derived_from: p.opt_string("derived_from")?,
        })
    });
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut repeats = Vec::new();
    for (index, e) in entries.iter().enumerate() {
        if let Some(firstly) = seen.insert(&e.incident.id, index) {
            repeats.push(LoadError::Property {
                file: path.to_path_buf(),
                feature: FeatureRef {
                    index,
                    id: Some(e.incident.id.clone()),
                },
                property: "id".into(),
                problem: format!("repeats the id of feature #{firstly}"),
            });
        }
    }
    if repeats.is_empty() {
        Ok(entries)
    } else {
        Err(invalid(repeats))
    }
}
