//! Imported incident layers on disk: each is `<data-dir>/layers/<name>.geojson`, in the log's
//! schema, written atomically when the layer is made and moved to `layers/removed/` when it is
//! removed (one click must not destroy the only copy, if the imported file is gone since).
//!
//! The folder itself is the list of layers (read in name order at start): nothing else must
//! be kept in step with it, the data folder stays self-contained (copy it and the layers
//! come along), and a layer file dropped in by hand is picked up too.

use super::incident_log::{LogError, log_bytes, read_log_file};
use crate::model::workbench::{LogEntry, LogRecords};
use std::path::{Path, PathBuf};

/// The layers' folder inside the data folder.
pub const LAYERS_DIR: &str = "layers";
/// Where removed layers go, inside [`LAYERS_DIR`] (not read as layers: a folder of its own).
pub const REMOVED_DIR: &str = "removed";
const EXTENSION: &str = "geojson";

#[derive(Debug, thiserror::Error)]
pub enum LayerError {
    #[error("{}: cannot {step}: {source}", path.display())]
    Io {
        path: PathBuf,
        step: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot format the layer: {message}", path.display())]
    Format { path: PathBuf, message: String },
    #[error(transparent)]
    Load(#[from] LogError),
}

/// Where layer `name` lives in `data_dir`.
pub fn layer_path(data_dir: &Path, name: &str) -> PathBuf {
    data_dir
        .join(LAYERS_DIR)
        .join(format!("{name}.{EXTENSION}"))
}

/// Writes layer `name` (creating the folder); a failure leaves any earlier file intact.
pub fn save_layer(
    data_dir: &Path,
    name: &str,
    records: &LogRecords,
) -> Result<PathBuf, LayerError> {
    let path = layer_path(data_dir, name);
    let io = |step, source| LayerError::Io {
        path: path.clone(),
        step,
        source,
    };
    std::fs::create_dir_all(data_dir.join(LAYERS_DIR)).map_err(|e| io("create its folder", e))?;
    let bytes = log_bytes(records).map_err(|message| LayerError::Format {
        path: path.clone(),
        message,
    })?;
    super::atomic::write_atomically(&path, &bytes).map_err(|e| io("write", e))?;
    Ok(path)
}

/// Moves layer `name`'s file to `layers/removed/` (replacing an earlier removed layer of that
/// name), so it stops loading but can be put back by hand.
pub fn remove_layer(data_dir: &Path, name: &str) -> Result<(), LayerError> {
    let path = layer_path(data_dir, name);
    if !path.exists() {
        return Ok(()); // Nothing to remove (removed twice, or deleted by hand).
    }
    let removed = data_dir.join(LAYERS_DIR).join(REMOVED_DIR);
    let io = |step, source| LayerError::Io {
        path: path.clone(),
        step,
        source,
    };
    std::fs::create_dir_all(&removed).map_err(|e| io("create the removed-layers folder", e))?;
    std::fs::rename(&path, removed.join(format!("{name}.{EXTENSION}")))
        .map_err(|e| io("move aside", e))
}

/// Every layer in `data_dir`, in name order, and a problem per layer that could not be read
/// (left out; its file is left as it is). No folder: no layers.
pub fn load_layers(data_dir: &Path) -> (Vec<(String, Vec<LogEntry>)>, Vec<LayerError>) {
    let dir = data_dir.join(LAYERS_DIR);
    let listing = match std::fs::read_dir(&dir) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), Vec::new()),
        Err(e) => {
            let e = LayerError::Io {
                path: dir,
                step: "list",
                source: e,
            };
            return (Vec::new(), vec![e]);
        }
    };
    let mut named: Vec<(String, PathBuf)> = listing
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == EXTENSION) && p.is_file())
        .filter_map(|p| Some((p.file_stem()?.to_str()?.to_owned(), p)))
        .collect();
    named.sort();
    let mut layers = Vec::new();
    let mut problems = Vec::new();
    for (name, path) in named {
        match read_log_file(&path) {
            Ok(entries) => layers.push((name, entries)),
            Err(e) => problems.push(e.into()),
        }
    }
    (layers, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workbench::LogEntry;

    fn records(n: usize) -> LogRecords {
        let report = crate::io::load(&crate::io::DataSource::Embedded);
        LogRecords::from_entries(
            report
                .atlas
                .incidents
                .into_iter()
                .take(n)
                .map(LogEntry::new),
        )
    }

    #[test]
    fn layers_round_trip_in_name_order_and_go_when_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (none, problems) = load_layers(dir.path());
        assert!(none.is_empty() && problems.is_empty());
        save_layer(dir.path(), "zeta", &records(2)).expect("saved");
        save_layer(dir.path(), "alpha", &records(3)).expect("saved");
        let (layers, problems) = load_layers(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<&str> = layers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["alpha", "zeta"]);
        let back = LogRecords::from_entries(layers[0].1.clone());
        assert_eq!(back, records(3));
        remove_layer(dir.path(), "alpha").expect("removed");
        assert_eq!(load_layers(dir.path()).0.len(), 1);
        let kept = dir
            .path()
            .join(LAYERS_DIR)
            .join(REMOVED_DIR)
            .join("alpha.geojson");
        assert!(
            kept.is_file(),
            "a removed layer is moved aside, not deleted"
        );
        // Removing what is not there is not an error.
        remove_layer(dir.path(), "alpha").expect("nothing to remove");
    }

    #[test]
    fn a_broken_layer_file_is_reported_by_name_and_the_rest_load() {
        let dir = tempfile::tempdir().expect("temp dir");
        save_layer(dir.path(), "good", &records(1)).expect("saved");
        let bad = layer_path(dir.path(), "bad");
        std::fs::write(&bad, "{ not json").expect("write");
        std::fs::write(dir.path().join(LAYERS_DIR).join("notes.txt"), "x").expect("write");
        let (layers, problems) = load_layers(dir.path());
        assert_eq!(layers.len(), 1);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().contains("bad.geojson"),
            "{}",
            problems[0]
        );
        assert_eq!(std::fs::read_to_string(&bad).expect("kept"), "{ not json");
    }

    #[test]
    fn a_failed_save_names_the_file_and_leaves_no_layer() {
        let dir = tempfile::tempdir().expect("temp dir");
        // The layers "folder" is a file: nothing can be written under it.
        std::fs::write(dir.path().join(LAYERS_DIR), "x").expect("write");
        let e = save_layer(dir.path(), "x", &records(1)).expect_err("cannot save");
        assert!(e.to_string().contains("x.geojson"), "{e}");
    }
}
