//! Maritime zones in the app: each lens's zones computed once in the background when first
//! shown, and "What's here?" answered for one point at a time (by distance queries).

use super::App;
use super::command::Command;
use crate::map::zones::ZoneScene;
use crate::model::zones::query::{WhatsHere, whats_here};
use crate::model::zones::{Coasts, Inputs, build, coast};
use crate::model::{Atlas, Item};
use geo::{Coord, Point};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Zones computed and under way.
#[derive(Default)]
pub struct ZoneStore {
    /// Computed, one per lens asked for.
    pub scenes: Vec<ZoneScene>,
    /// Lenses being computed.
    pending: Vec<(String, Receiver<ZoneScene>)>,
    /// The coasts What's-here measures from (made on first use).
    coasts: Option<Coasts>,
    /// The last answer, with the point and lens it is for.
    here: Option<(Coord<f64>, String, WhatsHere)>,
}

impl ZoneStore {
    /// The zones of a lens, once computed.
    pub fn scene(&self, lens: &str) -> Option<&ZoneScene> {
        self.scenes.iter().find(|s| s.lens == lens)
    }

    /// Lenses still being computed.
    pub fn pending(&self) -> impl Iterator<Item = &str> {
        self.pending.iter().map(|(l, _)| l.as_str())
    }

    /// Starts computing a lens's zones unless they exist or are under way.
    fn ensure(&mut self, atlas: &Atlas, lens_id: &str, repaint: Option<egui::Context>) {
        if self.scene(lens_id).is_some() || self.pending().any(|l| l == lens_id) {
            return;
        }
        let Some(lens) = atlas.lenses.get(lens_id).cloned() else {
            return;
        };
        let (countries, features, claims, shoreline) = (
            atlas.countries.clone(),
            atlas.features.clone(),
            atlas.claims.clone(),
            atlas.shoreline.clone(),
        );
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let coasts = coast::coasts(&countries, &features, &shoreline, coast::coast_box());
            let inputs = Inputs {
                coasts: &coasts,
                features: &features,
                claims: &claims,
            };
            let scene = ZoneScene::build(&build(&lens, inputs));
            if tx.send(scene).is_ok()
                && let Some(ctx) = repaint
            {
                ctx.request_repaint();
            }
        });
        self.pending.push((lens_id.to_owned(), rx));
    }

    /// Collects finished lenses as commands.
    pub fn poll(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        self.pending.retain(|(_, rx)| match rx.try_recv() {
            Ok(scene) => {
                out.push(Command::ZonesReady(Box::new(scene)));
                false
            }
            Err(TryRecvError::Empty) => true,
            // The thread died: let a later request start it again.
            Err(TryRecvError::Disconnected) => false,
        });
        out
    }

    /// The answer for `point` under `lens_id`, computed if it is not the last one.
    fn answer(&mut self, atlas: &Atlas, point: Coord<f64>, lens_id: &str) -> Option<&WhatsHere> {
        let fresh = self
            .here
            .as_ref()
            .is_some_and(|(p, l, _)| *p == point && l == lens_id);
        if !fresh {
            let lens = atlas.lenses.get(lens_id)?;
            let coasts = self.coasts.get_or_insert_with(|| {
                let a = atlas;
                coast::coasts(&a.countries, &a.features, &a.shoreline, coast::coast_box())
            });
            let inputs = Inputs {
                coasts,
                features: &atlas.features,
                claims: &atlas.claims,
            };
            let answer = whats_here(Point(point), lens, inputs);
            self.here = Some((point, lens_id.to_owned(), answer));
        }
        self.here.as_ref().map(|(.., a)| a)
    }
}

impl App {
    /// Starts the zones of the lens shown, if they are not there yet.
    pub(super) fn ensure_zones(&mut self) {
        if let Some(lens) = self.state.saved.lens.clone() {
            let repaint = self.jobs.repaint();
            self.zones.ensure(&self.data.atlas, &lens, repaint);
        }
    }

    /// The point "What's here?" is about: the window's, else (with zones on) the selected
    /// incident's.
    pub fn here_point(&self) -> Option<Coord<f64>> {
        self.state.windows.here.or_else(|| {
            self.state.saved.lens.as_ref()?;
            let i = self.state.selection.item().and_then(Item::incident)?;
            self.data.atlas.incidents.get(i).map(|x| x.position.0)
        })
    }

    /// "What's here?" for the current point, under the lens shown (or the award's).
    pub fn whats_here(&mut self) -> Option<&WhatsHere> {
        let point = self.here_point()?;
        let lens = self.state.here_lens().to_owned();
        self.zones.answer(&self.data.atlas, point, &lens)
    }

    /// The zones drawn now, if computed.
    pub fn zone_scene(&self) -> Option<&ZoneScene> {
        self.zones.scene(self.state.saved.lens.as_deref()?)
    }
}
