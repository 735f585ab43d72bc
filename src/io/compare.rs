//! "Compare with…": loads another data folder (e.g. a newer release) and lists what it adds,
//! changes and removes against ours. The other folder's problems are listed by file and place,
//! never fatal; a file of it that failed as a whole is not compared (its records are not
//! "removed": they are unknown).

use super::user_file::LoadControl;
use super::{
    AGREEMENTS_FILE, CLAIMS_FILE, DataSource, FEATURES_FILE, INCIDENTS_FILE, LoadError, ReadFile,
};
use crate::model::workbench::diff::{AtlasDiff, compare_only};
use crate::model::{Atlas, Date};
use std::path::{Path, PathBuf};

/// What another data folder brings.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    pub dir: PathBuf,
    pub ours_as_of: Option<Date>,
    pub theirs_as_of: Option<Date>,
    pub diff: AtlasDiff,
    /// Collections whose file in the other folder failed to load (not compared).
    pub not_compared: Vec<&'static str>,
    /// Every problem met loading the other folder, naming file and place.
    pub errors: Vec<String>,
}

/// The file each collection is read from.
fn file_of(collection: &str) -> &'static str {
    match collection {
        "features" => FEATURES_FILE,
        "claims" => CLAIMS_FILE,
        "incidents" => INCIDENTS_FILE,
        _ => AGREEMENTS_FILE,
    }
}

/// Whether `e` means the whole file failed (not one record of it).
fn file_failed(e: &LoadError, file: &Path) -> bool {
    e.file() == file && e.feature().is_none() && !e.is_warning()
}

/// Loads `dir` as a data folder and compares it with `ours` (the bundled records only).
pub fn compare_dir(ours: &Atlas, dir: &Path) -> Comparison {
    compare_dir_through(ours, dir, &mut |src: &DataSource, name: &str| {
        src.read(name)
    })
}

/// [`compare_dir`] reporting the bytes read to `control` and stopping once it is cancelled
/// (no file is read after that; the answer is [`LoadError::Cancelled`]).
pub fn compare_dir_controlled(
    ours: &Atlas,
    dir: &Path,
    read_file: &mut ReadFile<'_>,
    control: &dyn LoadControl,
) -> Result<Comparison, LoadError> {
    let total = data_bytes(dir);
    let mut done = 0usize;
    let mut read = |src: &DataSource, name: &str| {
        if control.cancelled() {
            return Err(LoadError::Cancelled {
                file: src.path(name),
            });
        }
        let bytes = read_file(src, name)?;
        done = done.saturating_add(bytes.len());
        control.progress(done, total);
        Ok(bytes)
    };
    let c = compare_dir_through(ours, dir, &mut read);
    if control.cancelled() {
        return Err(LoadError::Cancelled {
            file: dir.to_path_buf(),
        });
    }
    Ok(c)
}

/// How many bytes the data files in `dir` hold (a missing one counts nothing): what a
/// comparison's progress counts against.
pub fn data_bytes(dir: &Path) -> usize {
    let bytes: u64 = super::DATA_FILES
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum();
    usize::try_from(bytes).unwrap_or(usize::MAX)
}

/// [`compare_dir`], reading each file through `read_file`.
pub fn compare_dir_through(ours: &Atlas, dir: &Path, read_file: &mut ReadFile<'_>) -> Comparison {
    let src = DataSource::Dir(dir.to_path_buf());
    let theirs = super::load_through(&src, read_file);
    let failed = |collection: &str| {
        let file = src.path(file_of(collection));
        theirs.errors.iter().any(|e| file_failed(e, &file))
    };
    let not_compared: Vec<&'static str> = crate::model::workbench::diff::COLLECTIONS
        .into_iter()
        .filter(|c| failed(c))
        .collect();
    Comparison {
        dir: dir.to_path_buf(),
        ours_as_of: ours.as_of,
        theirs_as_of: theirs.atlas.as_of,
        diff: compare_only(ours, &theirs.atlas, |c| !not_compared.contains(&c)),
        not_compared,
        errors: theirs.errors.iter().map(ToString::to_string).collect(),
    }
}

impl Comparison {
    /// The comparison as JSON: per collection, the records added, changed (with the fields
    /// that changed) and removed, each with id and name; then what was not compared and why.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{Value, json};
        let mut collections = serde_json::Map::new();
        for (name, d) in self.diff.collections() {
            let list = |ids: &[String]| -> Vec<Value> {
                ids.iter()
                    .map(|id| {
                        let mut v = json!({"id": id, "name": d.names.get(id)});
                        if let Some(f) = d.changed_fields.get(id) {
                            v["fields"] = json!(f);
                        }
                        v
                    })
                    .collect()
            };
            collections.insert(
                name.to_owned(),
                json!({
                    "added": list(&d.added),
                    "changed": list(&d.changed),
                    "removed": list(&d.removed),
                }),
            );
        }
        let date = |d: Option<Date>| d.map(|d| d.to_string());
        json!({
            "folder": self.dir.display().to_string(),
            "ours_as_of": date(self.ours_as_of),
            "theirs_as_of": date(self.theirs_as_of),
            "collections": collections,
            "not_compared": self.not_compared,
            "errors": self.errors,
        })
    }

    /// One line per collection that differs, then those not compared.
    pub fn summary_lines(&self) -> Vec<String> {
        let mut lines = self.diff.summary_lines();
        lines.extend(
            self.not_compared
                .iter()
                .map(|c| format!("{c}: not compared ({} failed to load)", file_of(c))),
        );
        if lines.is_empty() {
            lines.push("no differences".to_owned());
        }
        lines
    }
}
