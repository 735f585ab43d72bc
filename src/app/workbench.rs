//! The user's own incident log ("My incidents") inside the app: loaded from the data folder at
//! start, edited only through commands (with undo and redo), saved off the UI thread after each
//! change. A log that failed to load is held, never saved over, until the user opens its
//! backup or starts a new one.
//!
//! For the map, the filters, the timeline, the list and the inspector, the user's incidents
//! follow the bundled ones in `atlas.incidents` (indices from `bundled` on), then each imported
//! layer's, so every incident view treats them alike; `incident_layers` keeps that tail in
//! line after each change.

use super::App;
use super::command::Command;
use super::state::Selection;
use crate::io::incident_log::LogStore;
use crate::io::save_worker::SaveWorker;
use crate::model::workbench::{IncidentLog, LogEntry, MergePlan, REGION};
use crate::model::{Incident, Item, RecordRef};
use std::path::PathBuf;

/// A file read for import, with what merging it would do.
#[derive(Debug)]
pub struct PendingImport {
    pub path: PathBuf,
    pub plan: MergePlan,
    /// The file's incidents as read (kept whole, for *Keep as a separate layer*).
    pub incoming: Vec<Incident>,
    /// Records of the file that could not be read.
    pub left_out: Vec<String>,
}

/// The log, its store and its save worker.
#[derive(Default)]
pub struct Workbench {
    pub log: IncidentLog,
    /// The store of a log that failed to load, kept until the user decides (no saves).
    held: Option<LogStore>,
    worker: Option<SaveWorker>,
    /// Why the log could not be loaded (file and place), while it is held.
    pub corrupt: Option<String>,
    /// The last save's outcome, for the Incidents tab.
    pub status: Option<String>,
    /// How many incidents of `atlas.incidents` are bundled (the user's follow them).
    pub bundled: usize,
    /// Where the log lives (`None`: no log is loaded or saved, as in tests).
    pub dir: Option<PathBuf>,
    /// Bumped each time the incident views are brought in line with the log.
    pub synced: u64,
    /// An import read and planned, waiting for the user to confirm it.
    pub pending_import: Option<PendingImport>,
    /// Ids the log must not hand out (the bundled incidents' and the imported layers').
    pub(super) reserved: Vec<String>,
    /// Imported files kept as layers of their own (read-only), after My incidents.
    pub layers: Vec<crate::model::workbench::ImportedLayer>,
    /// The log's incidents as `atlas.incidents` holds them now (the same `Arc`s): an edit is
    /// brought in line by comparing pointers, touching only what changed.
    pub(super) in_atlas: Vec<std::sync::Arc<Incident>>,
}

impl Workbench {
    /// Loads the log and the imported layers in `dir`; returns the workbench and the problems
    /// to show.
    pub fn open(dir: Option<PathBuf>, bundled: &[Incident]) -> (Self, Vec<String>) {
        let mut wb = Self {
            bundled: bundled.len(),
            dir: dir.clone(),
            ..Self::default()
        };
        let mut problem = None;
        if let Some(dir) = &dir {
            let mut store = LogStore::new(dir);
            match store.load().map_err(ToString::to_string) {
                Ok(entries) => {
                    wb.log = IncidentLog::from_entries(entries);
                    problem = wb.start_worker(store);
                }
                Err(e) => {
                    problem = Some(format!(
                        "My incidents: {e}. It is kept as it is and nothing is saved until you \
                         open its backup or start a new log."
                    ));
                    wb.corrupt = Some(e);
                    wb.held = Some(store);
                }
            }
        }
        wb.reserved = bundled.iter().map(|x| x.id.clone()).collect();
        let mut problems: Vec<String> = problem.into_iter().collect();
        if let Some(dir) = &dir {
            problems.extend(wb.open_layers(dir, bundled));
        }
        wb.log.reserve_ids(wb.reserved.iter().map(String::as_str));
        (wb, problems)
    }

    fn start_worker(&mut self, store: LogStore) -> Option<String> {
        match SaveWorker::spawn(store) {
            Ok(w) => {
                self.worker = Some(w);
                None
            }
            Err(e) => Some(format!("My incidents: cannot start saving: {e}")),
        }
    }

    /// Asks the worker to save the log as it is now (returns at once).
    fn request_save(&self) {
        if let Some(w) = &self.worker {
            w.request(self.log.revision(), self.log.snapshot());
        }
    }

    /// Save outcomes that arrived; failures come back as problems to show.
    pub fn poll(&mut self) -> Vec<String> {
        let Some(w) = &self.worker else {
            return Vec::new();
        };
        let mut problems = Vec::new();
        for r in w.poll() {
            match r.outcome {
                Ok(stats) => {
                    self.status = Some(format!("Saved {} incident(s)", stats.incidents));
                }
                Err(e) => {
                    self.status = Some("Not saved (see the banner)".to_owned());
                    problems.push(format!("My incidents: {e}"));
                }
            }
        }
        problems
    }

    /// The index in `atlas.incidents` of the user's incident `id`.
    pub fn atlas_index(&self, id: &str) -> Option<usize> {
        self.log.records().index_of(id).map(|i| self.bundled + i)
    }

    /// Whether `atlas.incidents[i]` is one of the user's.
    pub fn is_mine(&self, i: usize) -> bool {
        self.mine().contains(&i)
    }

    /// Where the user's incidents are in `atlas.incidents`.
    pub fn mine(&self) -> std::ops::Range<usize> {
        self.bundled..self.bundled + self.log.incidents().len()
    }

    /// Replaces the held log with its backup, or with an empty one; returns what happened.
    fn resolve_corrupt(&mut self, backup: bool) -> Result<String, String> {
        let Some(mut store) = self.held.take() else {
            return Err("My incidents: the log is not held".to_owned());
        };
        let outcome = if backup {
            store
                .recover_from_backup()
                .map(|(entries, aside)| (entries, Some(aside)))
        } else {
            store.start_new().map(|aside| (Vec::new(), aside))
        };
        match outcome {
            Ok((entries, aside)) => {
                self.replace_log(entries);
                self.corrupt = None;
                let moved = aside.map_or_else(String::new, |p| {
                    format!("; the broken log was moved to {}", p.display())
                });
                let what = if backup {
                    "opened the backup"
                } else {
                    "started a new log"
                };
                let problem = self.start_worker(store);
                self.request_save();
                problem.map_or_else(|| Ok(format!("My incidents: {what}{moved}")), Err)
            }
            Err(e) => {
                self.held = Some(store);
                Err(format!("My incidents: {e}"))
            }
        }
    }

    /// Merges the planned import as one undoable step.
    fn confirm_import(&mut self, options: &crate::model::workbench::MergeOptions) {
        if let Some(p) = self.pending_import.take() {
            let s = p.plan.apply(&mut self.log, options);
            self.status = Some(format!(
                "Imported {}: {} added, {} replaced, {} kept side by side, {} not taken",
                p.path.display(),
                s.added,
                s.replaced,
                s.kept_both,
                s.not_taken
            ));
        }
    }

    fn replace_log(&mut self, entries: Vec<LogEntry>) {
        self.log = IncidentLog::from_entries(entries);
        self.log
            .reserve_ids(self.reserved.iter().map(String::as_str));
    }
}

impl App {
    /// Carries out an edit of the user's log, then saves it and refreshes the views.
    pub(super) fn apply_workbench(&mut self, cmd: Command) {
        if self.workbench.corrupt.is_some()
            && !matches!(cmd, Command::OpenLogBackup | Command::StartNewLog)
        {
            self.report_errors([
                "My incidents: not changed: open the backup or start a new log first".to_owned(),
            ]);
            return;
        }
        let before = self.workbench.log.revision();
        let mut select = None;
        let replaced = matches!(cmd, Command::OpenLogBackup | Command::StartNewLog);
        let mine = self.workbench.mine();
        let log = &mut self.workbench.log;
        match cmd {
            Command::AddIncident(x) => select = Some(log.add(*x)),
            Command::EditIncident { id, incident } => {
                if let Err(e) = log.edit(&id, *incident) {
                    self.report_errors([e.to_string()]);
                }
                select = Some(id);
            }
            Command::DeleteIncident(id) => {
                if let Err(e) = log.delete(&id) {
                    self.report_errors([e.to_string()]);
                }
            }
            Command::DuplicateAsMine(i) => {
                // Bundled and imported incidents are read-only; the user's are edited instead.
                if let Some(x) = self
                    .data
                    .atlas
                    .incidents
                    .get(i)
                    .filter(|_| !mine.contains(&i))
                {
                    select = Some(log.duplicate_as_mine(x));
                }
            }
            Command::ConfirmImport(options) => self.workbench.confirm_import(&options),
            Command::MoveIncident { index, to } => {
                // Only the user's incidents move (the map offers no other drag).
                let j = index.checked_sub(self.workbench.bundled);
                let id = j.and_then(|j| log.incidents().get(j)).map(|x| x.id.clone());
                if let Some(id) = id {
                    match log.move_to(&id, geo::Point::new(to.x, to.y), &REGION) {
                        Ok(_) => select = Some(id),
                        Err(e) => self.report_errors([format!("My incidents: {e}")]),
                    }
                }
            }
            Command::Undo => {
                log.undo();
            }
            Command::Redo => {
                log.redo();
            }
            Command::OpenLogBackup | Command::StartNewLog => {
                let backup = matches!(cmd, Command::OpenLogBackup);
                match self.workbench.resolve_corrupt(backup) {
                    Ok(m) => self.workbench.status = Some(m),
                    Err(e) => self.report_errors([e]),
                }
            }
            _ => {}
        }
        if self.workbench.log.revision() == before && select.is_none() && !replaced {
            return;
        }
        self.after_log_change(select);
    }

    /// Saves and redraws after an edit of the log, and selects `select` (an incident id) if
    /// given, else drops a selection whose index may have moved.
    fn after_log_change(&mut self, select: Option<String>) {
        self.workbench.request_save();
        self.sync_my_incidents();
        // Indices past the bundled incidents may have moved: a selection naming one is dropped.
        let wb = &self.workbench;
        let stale = match &self.state.selection {
            Selection::Item(Item::Record(RecordRef::Incident(i))) => *i >= wb.bundled,
            Selection::Cluster(members) => members.iter().any(|&i| i >= wb.bundled),
            _ => false,
        };
        if let Some(i) = select.and_then(|id| wb.atlas_index(&id)) {
            self.state.selection = Selection::Item(Item::Record(RecordRef::Incident(i)));
        } else if stale {
            self.state.selection = Selection::None;
        }
    }

    /// Reads a file and plans its merge; the confirm window shows the plan.
    pub(super) fn plan_import(&mut self, path: &std::path::Path) {
        let today = chrono::Utc::now().date_naive();
        match crate::io::incident_import::read_incoming(path, today, &REGION) {
            Ok(incoming) => {
                let all = &self.data.atlas.incidents;
                let bundled = all.get(..self.workbench.bundled).unwrap_or(all);
                let kept = incoming.incidents.clone();
                let plan = MergePlan::new(&self.workbench.log, bundled, incoming.incidents);
                self.workbench.pending_import = Some(PendingImport {
                    path: path.to_path_buf(),
                    plan,
                    incoming: kept,
                    left_out: incoming.left_out,
                });
                self.dialogs.import_open = false;
            }
            Err(e) => self.report_errors([format!("Import: {e}")]),
        }
    }
}
