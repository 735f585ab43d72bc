//! The incident workbench: the user's own incident log ("My incidents"), editable with undo and
//! redo, validated field by field, merged with imports, and compared against data updates.
//!
//! Pure logic: no egui, no files. The UI turns a form into an [`IncidentDraft`], checks it with
//! [`validate`], converts it with [`IncidentDraft::to_incident`] and calls [`IncidentLog::add`]
//! or [`IncidentLog::edit`]; `io::incident_log` saves [`IncidentLog::snapshot`]s off the UI thread.

pub mod diff;
mod diff_records;
pub mod draft;
mod history;
pub mod imported;
pub mod layout;
pub mod merge;
pub mod region;

pub use draft::{ActorDraft, Field, FieldError, IncidentDraft, SourceDraft, validate};
pub use history::MAX_UNDO_DEPTH;
pub use imported::ImportedLayer;
pub use layout::{IncidentLayout, Whose};
pub use merge::{ChangePolicy, MergeOptions, MergePlan, MergeSummary};
pub use region::{REGION, Region};

use super::{Date, Incident};
use geo::Point;
use history::{Change, History, Step};
use std::collections::HashSet;
use std::sync::Arc;

/// The prefix of every id the log makes, so that its ids never look like bundled ones.
pub const MY_ID_PREFIX: &str = "my-";

/// One incident of the log, with the id of the record it was copied from, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    pub incident: Incident,
    /// Set by *Duplicate as mine* (the bundled id) and by merges that keep both versions.
    pub derived_from: Option<String>,
}

impl LogEntry {
    pub fn new(incident: Incident) -> Self {
        Self {
            incident,
            derived_from: None,
        }
    }
}

/// The log's records: incidents as one slice and, beside each, where it came from.
///
/// Each incident sits behind its own [`Arc`]: copying the records (what an edit does while a
/// save still holds a snapshot) copies pointers, never incidents, and an edit allocates only
/// the incident it changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogRecords {
    incidents: Vec<Arc<Incident>>,
    derived_from: Vec<Option<String>>,
}

impl LogRecords {
    pub fn from_entries(entries: impl IntoIterator<Item = LogEntry>) -> Self {
        let mut r = Self::default();
        for e in entries {
            r.incidents.push(Arc::new(e.incident));
            r.derived_from.push(e.derived_from);
        }
        r
    }

    pub fn incidents(&self) -> &[Arc<Incident>] {
        &self.incidents
    }

    /// The id the incident at `index` was copied from.
    pub fn derived_from(&self, index: usize) -> Option<&str> {
        self.derived_from.get(index).and_then(Option::as_deref)
    }

    pub fn entry(&self, index: usize) -> Option<LogEntry> {
        Some(LogEntry {
            incident: Incident::clone(self.incidents.get(index)?),
            derived_from: self.derived_from.get(index)?.clone(),
        })
    }

    pub fn entries(&self) -> impl Iterator<Item = LogEntry> + '_ {
        (0..self.incidents.len()).filter_map(|i| self.entry(i))
    }

    pub fn len(&self) -> usize {
        self.incidents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.incidents.is_empty()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.incidents.iter().position(|x| x.id == id)
    }

    fn insert(&mut self, index: usize, e: LogEntry) {
        let index = index.min(self.incidents.len());
        self.incidents.insert(index, Arc::new(e.incident));
        self.derived_from.insert(index, e.derived_from);
    }

    fn remove(&mut self, index: usize) {
        if index < self.incidents.len() {
            self.incidents.remove(index);
            self.derived_from.remove(index);
        }
    }

    fn replace(&mut self, index: usize, e: LogEntry) {
        if let (Some(x), Some(d)) = (
            self.incidents.get_mut(index),
            self.derived_from.get_mut(index),
        ) {
            *x = Arc::new(e.incident);
            *d = e.derived_from;
        }
    }
}

/// Hands out ids for one step (one add, or a whole merge) after reading the log's ids once,
/// so a merge of thousands of rows stays linear.
pub(crate) struct IdAllocator<'a> {
    log: &'a IncidentLog,
    log_ids: HashSet<&'a str>,
    /// Highest `n` in use per `my-YYYY-MM-DD-` prefix.
    highest: std::collections::HashMap<String, u64>,
    taken: HashSet<String>,
}

impl<'a> IdAllocator<'a> {
    pub(crate) fn new(log: &'a IncidentLog) -> Self {
        let mut highest = std::collections::HashMap::new();
        for id in log.incidents().iter().map(|x| x.id.as_str()) {
            if let Some((prefix, n)) = id.rsplit_once('-')
                && prefix.starts_with(MY_ID_PREFIX)
                && let Ok(n) = n.parse::<u64>()
            {
                let h = highest.entry(format!("{prefix}-")).or_insert(0);
                *h = n.max(*h);
            }
        }
        Self {
            log,
            log_ids: log.incidents().iter().map(|x| x.id.as_str()).collect(),
            highest,
            taken: HashSet::new(),
        }
    }

    fn is_free(&self, id: &str) -> bool {
        !id.is_empty()
            && !self.taken.contains(id)
            && !self.log_ids.contains(id)
            && !self.log.reserved.contains(id)
    }

    /// Keeps `id` if nothing holds it, else hands out a fresh one for `date`.
    pub(crate) fn keep_or_fresh(&mut self, id: &str, date: Date) -> String {
        if self.is_free(id) {
            self.taken.insert(id.to_owned());
            id.to_owned()
        } else {
            self.fresh(date)
        }
    }

    /// One past the highest number in use for the date, so a deleted incident's id is not
    /// handed out again while a higher one exists.
    pub(crate) fn fresh(&mut self, date: Date) -> String {
        let prefix = format!("{MY_ID_PREFIX}{}-", date.format("%Y-%m-%d"));
        let mut n = self.highest.get(&prefix).copied().unwrap_or(0);
        let id = loop {
            n += 1;
            let id = format!("{prefix}{n}");
            if self.is_free(&id) {
                break id;
            }
        };
        self.highest.insert(prefix, n);
        self.taken.insert(id.clone());
        id
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    #[error("no incident with id \"{0}\" in My incidents")]
    UnknownId(String),
    #[error("{id} not moved: {why}")]
    OutsideRegion { id: String, why: String },
}

/// The user's incident log with its undo history.
///
/// The records sit behind an [`Arc`] so a save can take a snapshot in constant time; an edit
/// made while a save still holds the snapshot copies the records once (copy on write).
#[derive(Clone, Debug, Default)]
pub struct IncidentLog {
    records: Arc<LogRecords>,
    history: History,
    /// Ids the log must never hand out (the bundled incidents').
    reserved: HashSet<String>,
    revision: u64,
}

impl IncidentLog {
    /// A log holding `entries` (as loaded), with an empty history.
    pub fn from_entries(entries: impl IntoIterator<Item = LogEntry>) -> Self {
        Self {
            records: Arc::new(LogRecords::from_entries(entries)),
            ..Self::default()
        }
    }

    /// Ids new incidents must not take, e.g. every bundled incident's.
    pub fn reserve_ids<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        self.reserved.extend(ids.into_iter().map(str::to_owned));
    }

    pub fn incidents(&self) -> &[Arc<Incident>] {
        self.records.incidents()
    }

    pub fn records(&self) -> &LogRecords {
        &self.records
    }

    /// The records as they are now, for a save on another thread; O(1).
    pub fn snapshot(&self) -> Arc<LogRecords> {
        Arc::clone(&self.records)
    }

    /// Counts changes (edits, undos, redos): a save is due when it moved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn get(&self, id: &str) -> Option<&Incident> {
        self.records.index_of(id).map(|i| &*self.incidents()[i])
    }

    /// The id `id`'s incident was copied from.
    pub fn derived_from(&self, id: &str) -> Option<&str> {
        self.records
            .index_of(id)
            .and_then(|i| self.records.derived_from(i))
    }

    /// A new id `my-YYYY-MM-DD-n` (the incident's date) taken by no record and no reserved id.
    pub fn fresh_id(&self, date: Date) -> String {
        IdAllocator::new(self).fresh(date)
    }

    /// Adds an incident under a fresh id (whatever id it carried); returns the id.
    pub fn add(&mut self, incident: Incident) -> String {
        self.add_entry(LogEntry::new(incident), "Add incident")
    }

    /// Copies a bundled (read-only) incident into the log under a fresh id, noting its origin.
    pub fn duplicate_as_mine(&mut self, bundled: &Incident) -> String {
        let entry = LogEntry {
            incident: bundled.clone(),
            derived_from: Some(bundled.id.clone()),
        };
        self.add_entry(entry, "Duplicate as mine")
    }

    fn add_entry(&mut self, mut entry: LogEntry, label: &str) -> String {
        let id = self.fresh_id(entry.incident.date);
        entry.incident.id.clone_from(&id);
        let index = self.records.len();
        self.commit(label, vec![Change::Insert { index, entry }]);
        id
    }

    /// Replaces the incident `id` with `incident` (which keeps the id `id`); `Ok(false)` when
    /// nothing changed (no undo step is made).
    pub fn edit(&mut self, id: &str, mut incident: Incident) -> Result<bool, EditError> {
        let index = self.index(id)?;
        let before = self.entry_at(index)?;
        incident.id = id.to_owned();
        if before.incident == incident {
            return Ok(false);
        }
        let after = LogEntry {
            incident,
            derived_from: before.derived_from.clone(),
        };
        self.commit(
            "Edit incident",
            vec![Change::Replace {
                index,
                before: Box::new(before),
                after: Box::new(after),
            }],
        );
        Ok(true)
    }

    /// Moves the incident `id` to `lon_lat` (degrees), checked as the form checks a position;
    /// one undoable step, `Ok(false)` when it did not move.
    pub fn move_to(
        &mut self,
        id: &str,
        lon_lat: Point<f64>,
        region: &Region,
    ) -> Result<bool, EditError> {
        let index = self.index(id)?;
        region
            .check(lon_lat.x(), lon_lat.y())
            .map_err(|why| EditError::OutsideRegion {
                id: id.to_owned(),
                why,
            })?;
        let before = self.entry_at(index)?;
        if before.incident.position == lon_lat {
            return Ok(false);
        }
        let mut after = before.clone();
        after.incident.position = lon_lat;
        self.commit(
            "Move incident",
            vec![Change::Replace {
                index,
                before: Box::new(before),
                after: Box::new(after),
            }],
        );
        Ok(true)
    }

    /// Deletes the incident `id`; returns it.
    pub fn delete(&mut self, id: &str) -> Result<Incident, EditError> {
        let index = self.index(id)?;
        let entry = self.entry_at(index)?;
        let removed = entry.incident.clone();
        self.commit("Delete incident", vec![Change::Remove { index, entry }]);
        Ok(removed)
    }

    /// Undoes the last step; returns its label ("Edit incident", …).
    pub fn undo(&mut self) -> Option<String> {
        let step = self.history.take_undo()?;
        step.undo(Arc::make_mut(&mut self.records));
        self.revision += 1;
        Some(step.label.clone())
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.history.take_redo()?;
        step.redo(Arc::make_mut(&mut self.records));
        self.revision += 1;
        Some(step.label.clone())
    }

    /// What undo would undo, for a menu item "Undo Edit incident".
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// How many steps undo can go back (at most [`MAX_UNDO_DEPTH`]).
    pub fn undo_depth(&self) -> usize {
        self.history.undo_depth()
    }

    /// Applies `changes` in order as one undoable step (nothing when empty).
    pub(crate) fn commit(&mut self, label: &str, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        let step = Step {
            label: label.to_owned(),
            changes,
        };
        step.redo(Arc::make_mut(&mut self.records));
        self.history.push(step);
        self.revision += 1;
    }

    fn index(&self, id: &str) -> Result<usize, EditError> {
        self.records
            .index_of(id)
            .ok_or_else(|| EditError::UnknownId(id.to_owned()))
    }

    fn entry_at(&self, index: usize) -> Result<LogEntry, EditError> {
        self.records
            .entry(index)
            .ok_or_else(|| EditError::UnknownId(format!("#{index}")))
    }
}

#[cfg(test)]
mod log_tests;
#[cfg(test)]
mod test_support;
