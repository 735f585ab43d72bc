//! Planning an import before anything is written: which incoming incidents are new, which
//! change a record with the same id, which are already here, and which look like an incident
//! already logged under another id (same day, same kind, within 5 km).

use super::history::Change;
use super::{IdAllocator, IncidentLog, LogEntry};
use crate::model::{Date, Incident, IncidentKind};
use geo::{Distance, Geodesic};
use std::collections::{HashMap, HashSet};

/// Two incidents of the same day and kind closer than this are listed as likely duplicates.
pub const LIKELY_DUPLICATE_KM: f64 = 5.0;

/// Positions closer than this (degrees) count as the same: the CSV keeps six decimals.
const SAME_POSITION_DEG: f64 = 1e-6;

/// Which collection an existing record is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// The user's log (editable).
    Mine,
    /// The bundled data (read-only).
    Bundled,
}

/// An incoming incident whose id is taken by a record with other content.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    pub incoming: Incident,
    pub existing_in: Existing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// The same id with the same content is already here (or was imported before).
    AlreadyPresent,
    /// The incoming file holds this id more than once; the first one counts.
    RepeatedInFile,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    pub id: String,
    pub reason: SkipReason,
}

/// An incoming incident (by its place in [`MergePlan::added`]) that looks like one already here.
#[derive(Clone, Debug, PartialEq)]
pub struct LikelyDuplicate {
    pub added_index: usize,
    pub existing_id: String,
    pub existing_in: Existing,
    pub distance_km: f64,
}

/// What an import would do; nothing is written until [`MergePlan::apply`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergePlan {
    pub added: Vec<Incident>,
    pub changed: Vec<Changed>,
    pub skipped: Vec<Skipped>,
    pub likely_duplicates: Vec<LikelyDuplicate>,
}

/// What to do with an incoming incident whose id is taken by different content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChangePolicy {
    /// Replace the log's version (a bundled record is never replaced: it is kept as a copy).
    Replace,
    /// Keep the log's version and add the incoming one as a copy under a new id.
    #[default]
    KeepBoth,
    /// Keep what is here; drop the incoming version.
    KeepMine,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergeOptions {
    pub changed: ChangePolicy,
    /// Add incoming incidents listed as likely duplicates (they are new ids).
    pub include_likely_duplicates: bool,
}

impl Default for MergeOptions {
    /// Nothing is lost: changed records are kept side by side, likely duplicates are added.
    fn default() -> Self {
        Self {
            changed: ChangePolicy::KeepBoth,
            include_likely_duplicates: true,
        }
    }
}

/// What applying a plan did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub added: usize,
    pub replaced: usize,
    pub kept_both: usize,
    pub not_taken: usize,
}

/// True when `a` and `b` say the same thing (ids aside; positions to the CSV's precision).
pub fn same_content(a: &Incident, b: &Incident) -> bool {
    let close = (a.position.x() - b.position.x()).abs() < SAME_POSITION_DEG
        && (a.position.y() - b.position.y()).abs() < SAME_POSITION_DEG;
    if !close {
        return false;
    }
    let mut b = b.clone();
    b.id.clone_from(&a.id);
    b.position = a.position;
    *a == b
}

/// The existing records, indexed for planning.
struct Index<'a> {
    by_id: HashMap<&'a str, (Existing, &'a Incident)>,
    /// Log entries by the id they were copied from.
    copies_of: HashMap<&'a str, Vec<&'a Incident>>,
    by_day_kind: HashMap<(Date, IncidentKind), Vec<(Existing, &'a Incident)>>,
}

impl<'a> Index<'a> {
    fn new(log: &'a IncidentLog, bundled: &'a [Incident]) -> Self {
        let mut ix = Self {
            by_id: HashMap::new(),
            copies_of: HashMap::new(),
            by_day_kind: HashMap::new(),
        };
        let mine = log.incidents().iter().map(|x| (Existing::Mine, &**x));
        let theirs = bundled.iter().map(|x| (Existing::Bundled, x));
        for (place, x) in theirs.chain(mine) {
            ix.by_id.insert(&x.id, (place, x));
            ix.by_day_kind
                .entry((x.date, x.kind))
                .or_default()
                .push((place, x));
        }
        for (i, x) in log.incidents().iter().enumerate() {
            if let Some(from) = log.records().derived_from(i) {
                ix.copies_of.entry(from).or_default().push(x);
            }
        }
        ix
    }

    fn already_present(&self, x: &Incident) -> bool {
        let same_id = self
            .by_id
            .get(x.id.as_str())
            .is_some_and(|(_, e)| same_content(e, x));
        let copied = self
            .copies_of
            .get(x.id.as_str())
            .is_some_and(|v| v.iter().any(|e| same_content(e, x)));
        same_id || copied
    }

    fn likely_duplicates(&self, x: &Incident) -> Vec<(Existing, &'a Incident, f64)> {
        let Some(candidates) = self.by_day_kind.get(&(x.date, x.kind)) else {
            return Vec::new();
        };
        candidates
            .iter()
            .filter(|(_, e)| e.id != x.id)
            .map(|&(place, e)| (place, e, Geodesic.distance(e.position, x.position) / 1000.0))
            .filter(|&(_, _, km)| km <= LIKELY_DUPLICATE_KM)
            .collect()
    }
}

impl MergePlan {
    /// Plans merging `incoming` into `log`, with `bundled` the read-only data. Incoming
    /// incidents with an empty id (e.g. CSV rows without one) are always new.
    pub fn new(log: &IncidentLog, bundled: &[Incident], incoming: Vec<Incident>) -> Self {
        let ix = Index::new(log, bundled);
        let mut plan = Self::default();
        let mut seen: HashSet<String> = HashSet::new();
        for x in incoming {
            if !x.id.is_empty() && !seen.insert(x.id.clone()) {
                plan.skip(&x, SkipReason::RepeatedInFile);
            } else if ix.already_present(&x) {
                plan.skip(&x, SkipReason::AlreadyPresent);
            } else if let Some(&(existing_in, _)) = ix.by_id.get(x.id.as_str()) {
                plan.changed.push(Changed {
                    incoming: x,
                    existing_in,
                });
            } else {
                let added_index = plan.added.len();
                for (existing_in, e, km) in ix.likely_duplicates(&x) {
                    plan.likely_duplicates.push(LikelyDuplicate {
                        added_index,
                        existing_id: e.id.clone(),
                        existing_in,
                        distance_km: km,
                    });
                }
                plan.added.push(x);
            }
        }
        plan
    }

    fn skip(&mut self, x: &Incident, reason: SkipReason) {
        self.skipped.push(Skipped {
            id: x.id.clone(),
            reason,
        });
    }

    /// One line for a status bar or the command line.
    pub fn summary(&self) -> String {
        format!(
            "{} to add, {} changed, {} skipped (already present), {} likely duplicates",
            self.added.len(),
            self.changed.len(),
            self.skipped.len(),
            self.likely_duplicates.len()
        )
    }

    /// Merges into `log` as one undoable step ("Import incidents").
    pub fn apply(&self, log: &mut IncidentLog, options: &MergeOptions) -> MergeSummary {
        let (changes, sum) = self.changes_for(log, options);
        log.commit("Import incidents", changes);
        sum
    }

    /// The changes applying the plan makes, in order (new entries appended, then replaces).
    fn changes_for(
        &self,
        log: &IncidentLog,
        options: &MergeOptions,
    ) -> (Vec<Change>, MergeSummary) {
        let mut sum = MergeSummary::default();
        let mut changes = Vec::new();
        let mut ids = IdAllocator::new(log);
        let mut next_index = log.records().len();
        let mut push_new = |mut entry: LogEntry, changes: &mut Vec<Change>| {
            entry.incident.id = ids.keep_or_fresh(&entry.incident.id, entry.incident.date);
            changes.push(Change::Insert {
                index: next_index,
                entry,
            });
            next_index += 1;
        };
        let doubtful: HashSet<usize> = self
            .likely_duplicates
            .iter()
            .map(|d| d.added_index)
            .collect();
        for (i, x) in self.added.iter().enumerate() {
            if doubtful.contains(&i) && !options.include_likely_duplicates {
                sum.not_taken += 1;
                continue;
            }
            push_new(LogEntry::new(x.clone()), &mut changes);
            sum.added += 1;
        }
        for c in &self.changed {
            let at = log.records().index_of(&c.incoming.id);
            match (options.changed, c.existing_in, at) {
                (ChangePolicy::KeepMine, ..) => sum.not_taken += 1,
                (ChangePolicy::Replace, Existing::Mine, Some(index)) => {
                    if let Some(before) = log.records().entry(index) {
                        let after = LogEntry {
                            incident: c.incoming.clone(),
                            derived_from: before.derived_from.clone(),
                        };
                        changes.push(Change::Replace {
                            index,
                            before: Box::new(before),
                            after: Box::new(after),
                        });
                        sum.replaced += 1;
                    }
                }
                _ => {
                    let entry = LogEntry {
                        incident: c.incoming.clone(),
                        derived_from: Some(c.incoming.id.clone()),
                    };
                    push_new(entry, &mut changes);
                    sum.kept_both += 1;
                }
            }
        }
        (changes, sum)
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod merge_tests;
