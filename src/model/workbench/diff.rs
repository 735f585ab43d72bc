//! What a newer data folder brings: records added, changed and removed, by id, per collection.

use crate::model::Atlas;
use std::collections::HashMap;

/// The differences in one collection (ids, each list in the order of the file it comes from).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordDiff {
    /// In the new data only.
    pub added: Vec<String>,
    /// In both, with different content.
    pub changed: Vec<String>,
    /// In the old data only.
    pub removed: Vec<String>,
}

impl RecordDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// Compares two collections by id; `id` gives a record's id.
    pub fn of<T: PartialEq>(old: &[T], new: &[T], id: impl Fn(&T) -> &str) -> Self {
        let old_by_id: HashMap<&str, &T> = old.iter().map(|x| (id(x), x)).collect();
        let new_by_id: HashMap<&str, &T> = new.iter().map(|x| (id(x), x)).collect();
        let mut d = Self::default();
        for x in new {
            match old_by_id.get(id(x)) {
                None => d.added.push(id(x).to_owned()),
                Some(o) if *o != x => d.changed.push(id(x).to_owned()),
                Some(_) => {}
            }
        }
        d.removed = old
            .iter()
            .map(&id)
            .filter(|k| !new_by_id.contains_key(k))
            .map(str::to_owned)
            .collect();
        d
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

/// What `new` adds, changes and removes relative to `old`.
pub fn compare(old: &Atlas, new: &Atlas) -> AtlasDiff {
    AtlasDiff {
        features: RecordDiff::of(&old.features, &new.features, |x| x.id.as_str()),
        claims: RecordDiff::of(&old.claims, &new.claims, |x| x.id.as_str()),
        incidents: RecordDiff::of(&old.incidents, &new.incidents, |x| x.id.as_str()),
        agreements: RecordDiff::of(&old.agreements, &new.agreements, |x| x.id.as_str()),
        sites: RecordDiff::of(&old.sites, &new.sites, |x| x.id.as_str()),
        statements: RecordDiff::of(&old.statements, &new.statements, |x| x.id.as_str()),
    }
}
