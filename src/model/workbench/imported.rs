//! Imported incident layers: a file of incidents (a colleague's log, an export) kept beside
//! My incidents as a read-only layer of its own, rather than merged into the user's log.
//!
//! Every incident view finds incidents by their place in one list, so ids need not be unique
//! for the app to work; they are made unique anyway, so that an id names one incident in
//! find, in `--select` and in an export: an imported id already held by a bundled incident,
//! one of the user's, an earlier layer's or an earlier record of the same file becomes
//! `<id>@<layer>` (then `<id>@<layer>-2`, …).

use super::{LogEntry, LogRecords};
use std::collections::HashSet;

/// One imported file's incidents, read-only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedLayer {
    /// A name safe as a file name (`<data-dir>/layers/<name>.geojson`) and unique among layers.
    pub name: String,
    pub records: LogRecords,
}

impl ImportedLayer {
    /// The layer `name` holding `entries`, their ids made unique against `taken` (which gains
    /// them); returns the layer and how many ids were renamed.
    pub fn new(
        name: String,
        mut entries: Vec<LogEntry>,
        taken: &mut HashSet<String>,
    ) -> (Self, usize) {
        let renamed = resolve_ids(&mut entries, &name, taken);
        let layer = Self {
            name,
            records: LogRecords::from_entries(entries),
        };
        (layer, renamed)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// A layer name from a file's stem: letters, digits, `-` and `_` kept, anything else `_`
/// (so the name is a safe file name on every platform), at most 60 characters, and unique
/// among `taken` (`name-2`, `name-3`, …).
pub fn layer_name(stem: &str, taken: &[&str]) -> String {
    let mut base: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    if base.trim_matches('_').is_empty() {
        base = "layer".to_owned();
    }
    let mut name = base.clone();
    let mut n = 1;
    while taken.contains(&name.as_str()) {
        n += 1;
        name = format!("{base}-{n}");
    }
    name
}

/// Renames each entry whose id is in `taken` (or empty) to `<id>@<layer>` (then
/// `<id>@<layer>-2`, …), adding every id to `taken`; returns how many were renamed.
pub fn resolve_ids(entries: &mut [LogEntry], layer: &str, taken: &mut HashSet<String>) -> usize {
    let mut renamed = 0;
    for e in entries {
        let id = &mut e.incident.id;
        if id.is_empty() || taken.contains(id.as_str()) {
            let base = format!("{id}@{layer}");
            let mut candidate = base.clone();
            let mut n = 1;
            while taken.contains(&candidate) {
                n += 1;
                candidate = format!("{base}-{n}");
            }
            *id = candidate;
            renamed += 1;
        }
        taken.insert(id.clone());
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::super::test_support::incident;
    use super::*;

    fn entries(ids: &[&str]) -> Vec<LogEntry> {
        ids.iter()
            .map(|id| LogEntry::new(incident(id, "2025-01-02", 115.0, 10.0)))
            .collect()
    }

    #[test]
    fn names_are_safe_file_names_and_unique() {
        assert_eq!(layer_name("colleague log", &[]), "colleague_log");
        assert_eq!(layer_name("../../etc/passwd", &[]), "______etc_passwd");
        assert_eq!(layer_name("", &[]), "layer");
        assert_eq!(layer_name("...", &[]), "layer");
        assert_eq!(layer_name("a", &["a", "a-2"]), "a-3");
        assert_eq!(layer_name(&"x".repeat(100), &[]).len(), 60);
        assert_eq!(layer_name("Bãi_Cỏ", &[]), "Bãi_Cỏ");
    }

    #[test]
    fn colliding_ids_are_renamed_and_others_kept() {
        let mut taken: HashSet<String> = ["inc-1", "my-2025-01-02-1"].map(String::from).into();
        let mut e = entries(&["inc-1", "theirs-1", "my-2025-01-02-1", "theirs-1", ""]);
        let renamed = resolve_ids(&mut e, "bob", &mut taken);
        let ids: Vec<&str> = e.iter().map(|x| x.incident.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "inc-1@bob",
                "theirs-1",
                "my-2025-01-02-1@bob",
                "theirs-1@bob",
                "@bob"
            ]
        );
        assert_eq!(renamed, 4);
        assert!(ids.iter().all(|id| taken.contains(*id)));
        // A second layer of the same name (not possible in the app, but safe) still differs.
        let mut again = entries(&["inc-1"]);
        resolve_ids(&mut again, "bob", &mut taken);
        assert_eq!(again[0].incident.id, "inc-1@bob-2");
    }

    #[test]
    fn a_layer_holds_its_entries_with_unique_ids() {
        let mut taken: HashSet<String> = ["a"].map(String::from).into();
        let (layer, renamed) = ImportedLayer::new("f".into(), entries(&["a", "b"]), &mut taken);
        assert_eq!(renamed, 1);
        assert_eq!(layer.len(), 2);
        assert_eq!(layer.records.index_of("a@f"), Some(0));
        assert_eq!(layer.records.index_of("b"), Some(1));
    }
}
