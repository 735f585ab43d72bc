//! What a newer data folder brings: records added, changed and removed, by id, per collection,
//! with each record's name and, for a changed one, the fields that changed.

use super::diff_records::{Compared, changed_fields};
use crate::model::Atlas;
use std::collections::{BTreeMap, HashMap};

/// The differences in one collection (ids, each list in the order of the file it comes from).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordDiff {
    /// In the new data only.
    pub added: Vec<String>,
    /// In both, with different content.
    pub changed: Vec<String>,
    /// In the old data only.
    pub removed: Vec<String>,
    /// The name of each record listed (the new version's for a changed one).
    pub names: BTreeMap<String, String>,
    /// For each changed record, the fields that differ (schema names, in schema order).
    pub changed_fields: BTreeMap<String, Vec<&'static str>>,
}

/// How a record differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Changed,
    Removed,
}

impl Change {
    /// The sign a list shows before the record.
    pub fn sign(self) -> &'static str {
        match self {
            Self::Added => "+",
            Self::Changed => "~",
            Self::Removed => "−",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Changed => "changed",
            Self::Removed => "removed",
        }
    }
}

/// One record of a [`RecordDiff`], for a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffEntry<'a> {
    pub change: Change,
    pub id: &'a str,
    pub name: &'a str,
    /// The changed fields (empty unless `change` is [`Change::Changed`]).
    pub fields: &'a [&'static str],
}

impl RecordDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// Compares two collections by id.
    pub fn of<T: Compared>(old: &[T], new: &[T]) -> Self {
        let old_by_id: HashMap<&str, &T> = old.iter().map(|x| (x.record_id(), x)).collect();
        let new_by_id: HashMap<&str, &T> = new.iter().map(|x| (x.record_id(), x)).collect();
        let mut d = Self::default();
        for x in new {
            let id = x.record_id();
            match old_by_id.get(id) {
                None => d.added.push(id.to_owned()),
                Some(o) if *o != x => {
                    d.changed.push(id.to_owned());
                    d.changed_fields
                        .insert(id.to_owned(), changed_fields(*o, x));
                }
                Some(_) => continue,
            }
            d.names.insert(id.to_owned(), x.display_name());
        }
        for x in old
            .iter()
            .filter(|x| !new_by_id.contains_key(x.record_id()))
        {
            d.removed.push(x.record_id().to_owned());
            d.names.insert(x.record_id().to_owned(), x.display_name());
        }
        d
    }

    /// Every record listed: the added, then the changed, then the removed.
    pub fn entries(&self) -> impl Iterator<Item = DiffEntry<'_>> {
        fn tag(change: Change, ids: &[String]) -> impl Iterator<Item = (Change, &str)> {
            ids.iter().map(move |id| (change, id.as_str()))
        }
        tag(Change::Added, &self.added)
            .chain(tag(Change::Changed, &self.changed))
            .chain(tag(Change::Removed, &self.removed))
            .map(|(change, id)| DiffEntry {
                change,
                id,
                name: self.names.get(id).map_or("", String::as_str),
                fields: self.changed_fields.get(id).map_or(&[], Vec::as_slice),
            })
    }
}

/// Everything that differs between two atlases, collection by collection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AtlasDiff {
    pub features: RecordDiff,
    pub claims: RecordDiff,
    pub incidents: RecordDiff,
    pub agreements: RecordDiff,
    pub sites: RecordDiff,
    pub statements: RecordDiff,
}

impl AtlasDiff {
    /// Each collection with its plural name, for a summary table.
    pub fn collections(&self) -> [(&'static str, &RecordDiff); 6] {
        [
            ("features", &self.features),
            ("claims", &self.claims),
            ("incidents", &self.incidents),
            ("agreements", &self.agreements),
            ("sites", &self.sites),
            ("statements", &self.statements),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.collections().iter().all(|(_, d)| d.is_empty())
    }

    /// One line per collection that differs, e.g. `incidents: 3 added, 1 changed, 0 removed`.
    pub fn summary_lines(&self) -> Vec<String> {
        self.collections()
            .iter()
            .filter(|(_, d)| !d.is_empty())
            .map(|(name, d)| {
                format!(
                    "{name}: {} added, {} changed, {} removed",
                    d.added.len(),
                    d.changed.len(),
                    d.removed.len()
                )
            })
            .collect()
    }
}

/// The collections of an atlas, by their plural names (as [`AtlasDiff::collections`] lists them).
pub const COLLECTIONS: [&str; 6] = [
    "features",
    "claims",
    "incidents",
    "agreements",
    "sites",
    "statements",
];

/// What `new` adds, changes and removes relative to `old`.
pub fn compare(old: &Atlas, new: &Atlas) -> AtlasDiff {
    compare_only(old, new, |_| true)
}

/// As [`compare`], for the collections `include` names (see [`COLLECTIONS`]); the others are
/// left empty (e.g. a file of the new data that failed to load says nothing of its records).
pub fn compare_only(old: &Atlas, new: &Atlas, include: impl Fn(&str) -> bool) -> AtlasDiff {
    fn of<T: Compared>(on: bool, old: &[T], new: &[T]) -> RecordDiff {
        if on {
            RecordDiff::of(old, new)
        } else {
            RecordDiff::default()
        }
    }
    AtlasDiff {
        features: of(include("features"), &old.features, &new.features),
        claims: of(include("claims"), &old.claims, &new.claims),
        incidents: of(include("incidents"), &old.incidents, &new.incidents),
        agreements: of(include("agreements"), &old.agreements, &new.agreements),
        sites: of(include("sites"), &old.sites, &new.sites),
        statements: of(include("statements"), &old.statements, &new.statements),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workbench::test_support::incident;

    #[test]
    fn each_record_is_named_and_a_changed_one_says_which_fields() {
        let a = incident("inc-a", "2024-01-02", 117.0, 15.0);
        let b = incident("inc-b", "2024-02-03", 116.0, 14.0);
        let c = incident("inc-c", "2024-03-04", 115.0, 13.0);
        let mut b2 = b.clone();
        b2.summary = "Corrected.".into();
        b2.location_name = "Another shoal".into();
        let d = RecordDiff::of(&[a.clone(), b.clone()], &[b2.clone(), c.clone()]);
        assert_eq!(
            (d.added.clone(), d.changed.clone(), d.removed.clone()),
            (
                vec!["inc-c".to_owned()],
                vec!["inc-b".to_owned()],
                vec!["inc-a".to_owned()]
            )
        );
        let entries: Vec<DiffEntry<'_>> = d.entries().collect();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].change, Change::Added);
        assert_eq!(entries[0].name, c.one_line());
        assert_eq!(entries[1].fields, ["location_name", "summary"]);
        assert_eq!(entries[1].name, b2.one_line(), "the new version's name");
        assert_eq!(entries[2].name, a.one_line());
        assert!(entries[0].fields.is_empty() && entries[2].fields.is_empty());
    }

    #[test]
    fn a_collection_left_out_is_not_compared() {
        let old = Atlas {
            incidents: vec![incident("inc-a", "2024-01-02", 117.0, 15.0)],
            ..Atlas::default()
        };
        let new = Atlas::default();
        assert_eq!(compare(&old, &new).incidents.removed, ["inc-a"]);
        assert!(compare_only(&old, &new, |c| c != "incidents").is_empty());
    }
}
