//! Saving the incident log off the UI thread: the UI hands over a snapshot (an `Arc`, so no
//! copy) and goes on; the worker writes the newest snapshot it has and reports each result.

use super::incident_log::{LogError, LogStore, SaveStats};
use crate::model::workbench::LogRecords;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

/// A save request: the log's revision and its records at that revision.
struct Job {
    revision: u64,
    records: Arc<LogRecords>,
}

/// The outcome of one save, for the status bar.
#[derive(Debug)]
pub struct SaveResult {
    /// The log revision that was written (or failed to be).
    pub revision: u64,
    pub outcome: Result<SaveStats, LogError>,
}

/// A thread that owns the [`LogStore`] and saves snapshots, newest first.
pub struct SaveWorker {
    jobs: Option<Sender<Job>>,
    results: Receiver<SaveResult>,
    thread: Option<JoinHandle<LogStore>>,
}

impl SaveWorker {
    /// Starts the worker; it saves through `store` until stopped.
    pub fn spawn(store: LogStore) -> std::io::Result<Self> {
        let (jobs, inbox) = channel::<Job>();
        let (report, results) = channel();
        let thread = std::thread::Builder::new()
            .name("incident-log-save".into())
            .spawn(move || run(store, &inbox, &report))?;
        Ok(Self {
            jobs: Some(jobs),
            results,
            thread: Some(thread),
        })
    }

    /// Asks for `records` (the log at `revision`) to be saved; returns at once. Requests made
    /// while a save runs are coalesced: only the newest is written next.
    pub fn request(&self, revision: u64, records: Arc<LogRecords>) {
        if let Some(tx) = &self.jobs {
            // A send fails only when the worker has ended; `finish` reports that.
            let _ = tx.send(Job { revision, records });
        }
    }

    /// Results that arrived since the last poll (never blocks).
    pub fn poll(&self) -> Vec<SaveResult> {
        self.results.try_iter().collect()
    }

    /// Finishes pending saves, stops the thread and gives back the store and the last results.
    pub fn finish(mut self) -> (Option<LogStore>, Vec<SaveResult>) {
        self.jobs = None;
        let store = self.thread.take().and_then(|t| t.join().ok());
        (store, self.results.try_iter().collect())
    }
}

impl Drop for SaveWorker {
    /// Closing the app waits for the pending save: an edit made just before quitting is kept.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(mut store: LogStore, inbox: &Receiver<Job>, report: &Sender<SaveResult>) -> LogStore {
    while let Ok(mut job) = inbox.recv() {
        // Coalesce: whatever queued up while the last save ran, only the newest matters.
        while let Ok(newer) = inbox.try_recv() {
            job = newer;
        }
        // The snapshot is let go once serialized, before the slow part (write, fsync): an edit
        // made meanwhile then changes the log in place instead of copying it.
        let start = std::time::Instant::now();
        let incidents = job.records.len();
        let bytes = store.serialize(&job.records);
        drop(job.records);
        let outcome = bytes.and_then(|b| store.write(&b, incidents, start));
        let _ = report.send(SaveResult {
            revision: job.revision,
            outcome,
        });
    }
    store
}
