//! Undo and redo for the incident log, as commands that each carry what is needed to invert them.
//!
//! A step stores only the entries it touched (never a copy of the whole log), so a thousand
//! steps of history on a 10,000-incident log cost a thousand entries, not ten million.

use super::{LogEntry, LogRecords};
use std::collections::VecDeque;

/// How many steps undo can go back; older steps are forgotten.
pub const MAX_UNDO_DEPTH: usize = 1000;

/// One change to the records; indices are valid at the moment the change applies.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Change {
    Insert {
        index: usize,
        entry: LogEntry,
    },
    Remove {
        index: usize,
        entry: LogEntry,
    },
    /// Boxed: an edit is the largest change, and most steps are inserts.
    Replace {
        index: usize,
        before: Box<LogEntry>,
        after: Box<LogEntry>,
    },
}

impl Change {
    /// Applies the change.
    pub(crate) fn apply(&self, r: &mut LogRecords) {
        match self {
            Self::Insert { index, entry } => r.insert(*index, entry.clone()),
            Self::Remove { index, .. } => r.remove(*index),
            Self::Replace { index, after, .. } => r.replace(*index, (**after).clone()),
        }
    }

    /// Applies the inverse of the change (what undo does).
    fn unapply(&self, r: &mut LogRecords) {
        match self {
            Self::Insert { index, .. } => r.remove(*index),
            Self::Remove { index, entry } => r.insert(*index, entry.clone()),
            Self::Replace { index, before, .. } => r.replace(*index, (**before).clone()),
        }
    }
}

/// One user action (an edit, a delete, a whole merge): undone and redone as a unit.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub label: String,
    pub changes: Vec<Change>,
}

impl Step {
    pub(crate) fn redo(&self, r: &mut LogRecords) {
        for c in &self.changes {
            c.apply(r);
        }
    }

    pub(crate) fn undo(&self, r: &mut LogRecords) {
        for c in self.changes.iter().rev() {
            c.unapply(r);
        }
    }
}

/// The undo stack (bounded) and the redo stack (cleared by any new step).
#[derive(Clone, Debug, Default)]
pub(crate) struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
}

impl History {
    pub(crate) fn push(&mut self, step: Step) {
        self.redo.clear();
        if self.undo.len() == MAX_UNDO_DEPTH {
            self.undo.pop_front();
        }
        self.undo.push_back(step);
    }

    /// The step to undo, moved to the redo stack.
    pub(crate) fn take_undo(&mut self) -> Option<&Step> {
        let step = self.undo.pop_back()?;
        self.redo.push(step);
        self.redo.last()
    }

    /// The step to redo, moved back to the undo stack.
    pub(crate) fn take_redo(&mut self) -> Option<&Step> {
        let step = self.redo.pop()?;
        self.undo.push_back(step);
        self.undo.back()
    }

    pub(crate) fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|s| s.label.as_str())
    }

    pub(crate) fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub(crate) fn undo_depth(&self) -> usize {
        self.undo.len()
    }
}
