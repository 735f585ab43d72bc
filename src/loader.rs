//! Loading user files off the UI thread, with progress and cancel.

use crate::io::LoadError;
use crate::io::user_file::{LoadControl, UserLoad, load_user_file, load_user_reader};
use crate::map::synthetic::SyntheticLayer;
use crate::map::user::UserScene;
use crate::model::Date;
use crate::model::synthetic::SyntheticIncidents;
use crate::model::user_layer::UserLayer;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A loaded user layer with its projected geometry.
pub struct LoadedLayer {
    pub layer: UserLayer,
    pub scene: UserScene,
    /// The first features skipped, with why.
    pub skipped: Vec<LoadError>,
    /// How many were skipped in all.
    pub skipped_total: usize,
}

impl std::fmt::Debug for LoadedLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedLayer")
            .field("name", &self.layer.name)
            .field("points", &self.layer.points.len())
            .field("paths", &self.layer.paths.len())
            .field("skipped_total", &self.skipped_total)
            .finish_non_exhaustive()
    }
}

/// How a job ended.
pub enum JobOutcome {
    Loaded(Box<LoadedLayer>),
    /// `--stress` incidents, ready to draw.
    Synthetic(Box<SyntheticLayer>),
    Failed(LoadError),
    Cancelled,
}

struct Control {
    /// Progress in thousandths.
    permille: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    repaint: Option<egui::Context>,
}

impl LoadControl for Control {
    fn progress(&self, done: usize, total: usize) {
        #[allow(clippy::cast_possible_truncation)]
        let p = (done.saturating_mul(1000) / total.max(1)).min(1000) as u32;
        self.permille.store(p, Ordering::Relaxed);
        if let Some(ctx) = &self.repaint {
            ctx.request_repaint();
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// One file being loaded on a background thread.
pub struct LoadJob {
    pub path: PathBuf,
    permille: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    rx: Receiver<JobOutcome>,
}

impl LoadJob {
    /// Starts loading `path`; `repaint` (when given) is woken on progress and at the end.
    pub fn start(path: &Path, repaint: Option<egui::Context>) -> Self {
        let file = path.to_path_buf();
        Self::spawn(path.to_path_buf(), repaint, move |control| {
            user_outcome(load_user_file(&file, control), control)
        })
    }

    /// Starts loading a user layer from any reader (`label` names it, as a file's path
    /// would): the same bounded read, parse, progress and cancel as [`Self::start`].
    pub fn from_reader(
        label: PathBuf,
        reader: impl Read + Send + 'static,
        repaint: Option<egui::Context>,
    ) -> Self {
        let name = label.clone();
        Self::spawn(label, repaint, move |control| {
            user_outcome(load_user_reader(&name, reader, control), control)
        })
    }

    /// Generates `n` synthetic incidents dated up to `last` (seeded, labelled synthetic) as
    /// a layer of their own, so anyone can feel the app at scale; they never enter the real
    /// data.
    pub fn synthetic(n: usize, seed: u64, last: Date, repaint: Option<egui::Context>) -> Self {
        Self::spawn(
            PathBuf::from(format!("{n} synthetic incidents")),
            repaint,
            move |control| {
                let keep_going = |done: usize| {
                    // Generation is the first half of the work; sorting the rest.
                    control.progress(done, n.saturating_mul(2));
                    !control.cancelled()
                };
                match SyntheticIncidents::generate(n, seed, last, &keep_going) {
                    Some(data) if !control.cancelled() => {
                        JobOutcome::Synthetic(Box::new(SyntheticLayer::build(data)))
                    }
                    _ => JobOutcome::Cancelled,
                }
            },
        )
    }

    /// Runs `work` on a background thread with progress and cancel wired to this job, and
    /// sends its outcome back (waking the UI when it can).
    fn spawn(
        label: PathBuf,
        repaint: Option<egui::Context>,
        work: impl FnOnce(&Control) -> JobOutcome + Send + 'static,
    ) -> Self {
        let permille = Arc::new(AtomicU32::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let control = Control {
            permille: permille.clone(),
            cancel: cancel.clone(),
            repaint,
        };
        std::thread::spawn(move || {
            let outcome = work(&control);
            // The app may have gone away; nothing is lost if nobody listens.
            if tx.send(outcome).is_ok()
                && let Some(ctx) = &control.repaint
            {
                ctx.request_repaint();
            }
        });
        Self {
            path: label,
            permille,
            cancel,
            rx,
        }
    }

    /// Fraction done, 0 to 1.
    pub fn progress(&self) -> f32 {
        #[allow(clippy::cast_precision_loss)]
        let p = self.permille.load(Ordering::Relaxed) as f32;
        p / 1000.0
    }

    /// Asks the job to stop at the next feature.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The outcome, once the job has ended.
    pub fn poll(&self) -> Option<JobOutcome> {
        match self.rx.try_recv() {
            Ok(o) => Some(o),
            Err(TryRecvError::Empty) => None,
            // The thread ended without sending: it panicked. Say so; never call it cancelled.
            Err(TryRecvError::Disconnected) => Some(JobOutcome::Failed(LoadError::Interrupted {
                file: self.path.clone(),
            })),
        }
    }
}

/// How a user file's load ended (a load that finished after a cancel counts as cancelled).
fn user_outcome(result: Result<UserLoad, LoadError>, control: &Control) -> JobOutcome {
    match result {
        Ok(UserLoad {
            layer,
            skipped,
            skipped_total,
        }) if !control.cancelled() => loaded(layer, skipped, skipped_total),
        Ok(_) | Err(LoadError::Cancelled { .. }) => JobOutcome::Cancelled,
        Err(e) => JobOutcome::Failed(e),
    }
}

/// A finished layer: its geometry projected and aggregated (still on the loading thread).
fn loaded(layer: UserLayer, skipped: Vec<LoadError>, skipped_total: usize) -> JobOutcome {
    let scene = UserScene::build(&layer);
    JobOutcome::Loaded(Box::new(LoadedLayer {
        layer,
        scene,
        skipped,
        skipped_total,
    }))
}
