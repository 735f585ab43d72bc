//! The fine coast for the map past zoom 8: prepared on a thread the first time the view goes
//! past that zoom (never at start, which most sessions would not need), from the shoreline the
//! data loader parsed for the zones (one parse, one copy in memory).

use super::App;
use crate::io::coast::COAST_FILE;
use crate::io::{DataSource, load_shoreline};
use crate::map::fine_coast::{FineCoast, wants_fine_coast};
use geo::Polygon;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, OnceLock};

/// Where the fine coast's load stands.
#[derive(Default)]
pub enum FineCoastJob {
    /// Not asked for yet.
    #[default]
    Idle,
    Loading(Receiver<Result<FineCoast, String>>),
    /// Arrived (and handed to the scene), or failed (and reported): never started again.
    Done,
}

/// The shoreline, read and parsed once, on first need, by whichever job needs it first (the
/// zones or the fine coast): parsing it at start would delay the first frame.
pub struct Shoreline {
    source: DataSource,
    cell: OnceLock<Result<Arc<Vec<Polygon<f64>>>, String>>,
}

impl Shoreline {
    pub fn new(source: DataSource) -> Self {
        Self {
            source,
            cell: OnceLock::new(),
        }
    }

    /// The shoreline (empty if the data has none), or why it could not be read.
    pub fn get(&self) -> Result<Arc<Vec<Polygon<f64>>>, String> {
        self.cell
            .get_or_init(|| load_shoreline(&self.source).map_err(|e| e.to_string()))
            .clone()
    }
}

/// Prepares the loaded shoreline for the map; an empty one (the data has none, or it failed
/// to load and was reported then) is an error naming the file.
pub fn load(shoreline: &[Polygon<f64>]) -> Result<FineCoast, String> {
    if shoreline.is_empty() {
        return Err(format!("the data has no shoreline ({COAST_FILE})"));
    }
    Ok(FineCoast::build(shoreline))
}

impl App {
    /// Starts the load once the view is past zoom 8, and hands the coast to the scene when it
    /// arrives (a failure goes to the problems banner; the base map stays).
    pub(super) fn poll_fine_coast(&mut self, ctx: &egui::Context) {
        // Before the map's first frame, the view it will open on (`--view`).
        let camera = self.map.camera.or(self.state.saved.camera);
        let zoom = camera.map_or(0.0, |c| c.zoom);
        match &self.fine_coast {
            FineCoastJob::Idle if wants_fine_coast(zoom) => {
                let (tx, rx) = channel();
                let shoreline = Arc::clone(&self.shoreline);
                let ctx = ctx.clone();
                std::thread::spawn(move || {
                    if tx.send(shoreline.get().and_then(|s| load(&s))).is_ok() {
                        ctx.request_repaint();
                    }
                });
                self.fine_coast = FineCoastJob::Loading(rx);
            }
            FineCoastJob::Loading(rx) => match rx.try_recv() {
                Ok(Ok(coast)) => {
                    self.data.scene.fine_coast = Some(coast);
                    self.fine_coast = FineCoastJob::Done;
                }
                Ok(Err(e)) => {
                    self.report_errors([format!("The finer coast was not loaded: {e}")]);
                    self.fine_coast = FineCoastJob::Done;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.fine_coast = FineCoastJob::Done,
            },
            _ => {}
        }
    }

    /// Whether the fine coast is being prepared (a `--screenshot` waits for it).
    pub fn fine_coast_loading(&self) -> bool {
        matches!(self.fine_coast, FineCoastJob::Loading(_))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_coast_loads_and_a_missing_one_is_named() {
        let shoreline = super::Shoreline::new(crate::io::DataSource::Embedded).get();
        let coast = super::load(&shoreline.expect("read")).expect("the bundled coast");
        assert!(coast.len() > 20_000, "{} rings", coast.len());
        let err = super::load(&[]).err();
        assert!(err.is_some_and(|e| e.contains("gshhg-f-100m.txt")));
    }
}
