//! Loading user files off the UI thread, with progress and cancel.

use crate::io::LoadError;
use crate::io::user_file::{LoadControl, UserLayer, UserLoad, load_user_file};
use crate::map::user::UserScene;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A loaded user layer with its projected geometry.
pub struct LoadedLayer {
    pub layer: UserLayer,
    pub scene: UserScene,
    pub skipped: Vec<LoadError>,
}

/// How a job ended.
pub enum JobOutcome {
    Loaded(Box<LoadedLayer>),
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
        Self::spawn(
            path.to_path_buf(),
            repaint,
            move |control| match load_user_file(&file, control) {
                Ok(UserLoad { layer, skipped }) if !control.cancelled() => loaded(layer, skipped),
                Ok(_) => JobOutcome::Cancelled,
                Err(_) if control.cancelled() => JobOutcome::Cancelled,
                Err(e) => JobOutcome::Failed(e),
            },
        )
    }

    /// Generates `n` synthetic points (seeded, labelled synthetic) as a layer of their own, so
    /// anyone can feel the app at scale; they never enter the real data.
    pub fn synthetic(n: usize, seed: u64, repaint: Option<egui::Context>) -> Self {
        Self::spawn(
            PathBuf::from(format!("synthetic-{n}-points")),
            repaint,
            move |control| {
                synthetic_layer(n, seed, control)
                    .map_or(JobOutcome::Cancelled, |layer| loaded(layer, Vec::new()))
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
            Err(TryRecvError::Disconnected) => Some(JobOutcome::Cancelled),
        }
    }
}

/// A finished layer: its geometry projected and aggregated (still on the loading thread).
fn loaded(layer: UserLayer, skipped: Vec<LoadError>) -> JobOutcome {
    let scene = UserScene::build(&layer);
    JobOutcome::Loaded(Box::new(LoadedLayer {
        layer,
        scene,
        skipped,
    }))
}

/// Where synthetic points crowd (lon, lat, spread in degrees): invented hot spots, for load only.
const HOT_SPOTS: [(f64, f64, f64); 6] = [
    (117.8, 15.2, 0.6),
    (115.9, 9.7, 0.8),
    (123.5, 25.8, 0.7),
    (112.0, 16.5, 1.0),
    (114.3, 10.5, 1.2),
    (120.0, 22.0, 2.5),
];

/// `n` seeded points: half around the hot spots, half spread over the region.
fn synthetic_layer(n: usize, seed: u64, control: &Control) -> Option<UserLayer> {
    use rand::{Rng, SeedableRng, rngs::StdRng};
    let mut rng = StdRng::seed_from_u64(seed);
    let mut layer = UserLayer {
        name: format!("SYNTHETIC: {n} generated points (seed {seed}), not real incidents"),
        ..Default::default()
    };
    layer.points.reserve(n);
    for i in 0..n {
        if i % 65_536 == 0 {
            if control.cancelled() {
                return None;
            }
            control.progress(i, n);
        }
        let (lon, lat) = if rng.random_bool(0.5) {
            let (x, y, s) = HOT_SPOTS[rng.random_range(0..HOT_SPOTS.len())];
            // Sum of uniforms: a cheap bell shape.
            let d = |r: &mut StdRng| {
                (r.random::<f64>() + r.random::<f64>() + r.random::<f64>() - 1.5) * s
            };
            (x + d(&mut rng), y + d(&mut rng))
        } else {
            (rng.random_range(104.0..132.0), rng.random_range(2.0..34.0))
        };
        layer.points.push([lon, lat]);
        layer
            .point_feature
            .push(u32::try_from(i).unwrap_or(u32::MAX));
    }
    Some(layer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn control() -> Control {
        Control {
            permille: Arc::new(AtomicU32::new(0)),
            cancel: Arc::new(AtomicBool::new(false)),
            repaint: None,
        }
    }

    #[test]
    fn synthetic_points_are_seeded_labelled_and_in_the_region() {
        let a = synthetic_layer(5000, 7, &control()).unwrap_or_default();
        let b = synthetic_layer(5000, 7, &control()).unwrap_or_default();
        let c = synthetic_layer(5000, 8, &control()).unwrap_or_default();
        assert_eq!(a.points.len(), 5000);
        assert_eq!(a, b, "same seed, same points");
        assert_ne!(a.points, c.points);
        assert!(a.name.starts_with("SYNTHETIC"));
        assert!(
            a.points
                .iter()
                .all(|p| (95.0..140.0).contains(&p[0]) && (-5.0..40.0).contains(&p[1]))
        );
        let cancelled = control();
        cancelled.cancel.store(true, Ordering::Relaxed);
        assert!(synthetic_layer(5000, 7, &cancelled).is_none());
    }
}
