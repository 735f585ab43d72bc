//! Maritime zones in the app: each lens's zones computed once in the background when first
//! shown, and "What's here?" answered for one point at a time (by distance queries).

use super::App;
use super::command::Command;
use super::fine_coast::Shoreline;
use crate::map::zones::ZoneScene;
use crate::model::within::ZoneIndex;
use crate::model::zones::query::{WhatsHere, whats_here};
use crate::model::zones::{AreaCache, Coasts, Inputs, build_with, coast};
use crate::model::{Atlas, Item};
use crate::ui::whats_here::IncidentHere;
use geo::{Coord, Point};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, OnceLock};

/// How many "What's here?" answers are kept.
const HERE_CACHE: usize = 4;

/// The coasts (cut from the shoreline once) and the zone areas computed so far, shared by
/// every lens: a second lens recomputes only the zones its rules change.
#[derive(Default)]
struct Shared {
    coasts: OnceLock<Coasts>,
    areas: AreaCache,
}

impl Shared {
    /// The coasts, cut from the shoreline (read now if no one has yet); a shoreline that cannot
    /// be read leaves the base map's coast, and the reason.
    fn coasts(&self, atlas: &Atlas, shoreline: &Shoreline) -> (&Coasts, Option<String>) {
        let mut problem = None;
        let coasts = self.coasts.get_or_init(|| {
            let rings = shoreline.get().unwrap_or_else(|e| {
                problem = Some(format!("Zones use the base map's coast: {e}"));
                Arc::default()
            });
            let a = atlas;
            coast::coasts(&a.countries, &a.features, &rings, coast::coast_box())
        });
        (coasts, problem)
    }
}

/// A lens's zones to draw and to query, and a problem met computing them.
type Computed = (ZoneScene, ZoneIndex, Option<String>);

/// Zones computed and under way.
#[derive(Default)]
pub struct ZoneStore {
    /// Computed, one per lens asked for.
    pub scenes: Vec<ZoneScene>,
    /// Each computed lens's zones for the incident filter's *where*.
    indexes: Vec<ZoneIndex>,
    /// Lenses being computed.
    pending: Vec<(String, Receiver<Computed>)>,
    /// Problems met computing zones, for the problems banner.
    pub problems: Vec<String>,
    /// What every lens's job and What's-here share: made once, by whichever needs it first.
    shared: Arc<Shared>,
    /// The last answers, newest first, with the point and lens each is for (the window's
    /// and the selected incident's can both be open).
    here: Vec<(Coord<f64>, String, WhatsHere)>,
}

impl ZoneStore {
    /// The zones of a lens, once computed.
    pub fn scene(&self, lens: &str) -> Option<&ZoneScene> {
        self.scenes.iter().find(|s| s.lens == lens)
    }

    /// The zones of a lens for point queries, once computed.
    pub fn index(&self, lens: &str) -> Option<&ZoneIndex> {
        self.indexes.iter().find(|s| s.lens == lens)
    }

    /// Lenses still being computed.
    pub fn pending(&self) -> impl Iterator<Item = &str> {
        self.pending.iter().map(|(l, _)| l.as_str())
    }

    /// Starts computing a lens's zones unless they exist or are under way.
    fn ensure(
        &mut self,
        atlas: &Atlas,
        shoreline: &Arc<Shoreline>,
        lens_id: &str,
        repaint: Option<egui::Context>,
    ) {
        if self.scene(lens_id).is_some() || self.pending().any(|l| l == lens_id) {
            return;
        }
        let Some(lens) = atlas.lenses.get(lens_id).cloned() else {
            return;
        };
        // What the coasts and zones read (the shoreline is shared, not copied).
        let atlas = Atlas {
            countries: atlas.countries.clone(),
            features: atlas.features.clone(),
            claims: atlas.claims.clone(),
            ..Atlas::default()
        };
        let (shared, shoreline) = (Arc::clone(&self.shared), Arc::clone(shoreline));
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let (coasts, problem) = shared.coasts(&atlas, &shoreline);
            let inputs = Inputs {
                coasts,
                features: &atlas.features,
                claims: &atlas.claims,
            };
            let zones = build_with(&lens, inputs, &shared.areas);
            let index = ZoneIndex::new(&zones, coasts);
            if tx.send((ZoneScene::build(&zones), index, problem)).is_ok()
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
        let (indexes, problems) = (&mut self.indexes, &mut self.problems);
        self.pending.retain(|(_, rx)| match rx.try_recv() {
            Ok((scene, index, problem)) => {
                indexes.push(index);
                problems.extend(problem);
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
    fn answer(
        &mut self,
        atlas: &Atlas,
        shoreline: &Shoreline,
        point: Coord<f64>,
        lens_id: &str,
    ) -> Option<&WhatsHere> {
        let cached = self
            .here
            .iter()
            .position(|(p, l, _)| *p == point && l == lens_id);
        if let Some(k) = cached {
            let hit = self.here.remove(k);
            self.here.insert(0, hit);
        } else {
            let lens = atlas.lenses.get(lens_id)?;
            let (coasts, problem) = self.shared.coasts(atlas, shoreline);
            self.problems.extend(problem);
            let inputs = Inputs {
                coasts,
                features: &atlas.features,
                claims: &atlas.claims,
            };
            let answer = whats_here(Point(point), lens, inputs);
            self.here.insert(0, (point, lens_id.to_owned(), answer));
            self.here.truncate(HERE_CACHE);
        }
        self.here.first().map(|(.., a)| a)
    }
}

impl App {
    /// Starts the zones of the lens shown, if they are not there yet.
    pub(super) fn ensure_zones(&mut self) {
        if let Some(lens) = self.state.saved.lens.clone() {
            let repaint = self.jobs.repaint();
            self.zones
                .ensure(&self.data.atlas, &self.shoreline, &lens, repaint);
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
        self.zones
            .answer(&self.data.atlas, &self.shoreline, point, &lens)
    }

    /// The selected incident's "What's here" section: `None` with no incident selected (or a
    /// lens the data lacks).
    pub fn incident_here(&mut self) -> Option<IncidentHere> {
        let i = self.state.selection.item().and_then(Item::incident)?;
        let point = self.data.atlas.incidents.get(i)?.position.0;
        let Some(lens) = self.state.saved.lens.clone() else {
            return Some(IncidentHere::LensOff);
        };
        let name = self.data.atlas.lenses.get(&lens)?.name.clone();
        let shoreline = &self.shoreline;
        let answer = self
            .zones
            .answer(&self.data.atlas, shoreline, point, &lens)?
            .clone();
        Some(IncidentHere::Answer(name, answer))
    }

    /// The zones of the lens shown for the incident filter's *where*: `None` with zones off or
    /// still computing.
    pub fn zone_index(&self) -> Option<&ZoneIndex> {
        self.zones.index(self.state.saved.lens.as_deref()?)
    }

    /// What the incident filter's *where* can be answered from now.
    pub(super) fn where_zones(&self) -> crate::ui::where_filter::WhereZones<'_> {
        use crate::ui::where_filter::WhereZones;
        let Some(lens) = self.state.saved.lens.as_deref() else {
            return WhereZones::Off;
        };
        // A lens the data lacks is never computed: no zones to answer from.
        let Some(name) = self.data.atlas.lenses.get(lens).map(|l| l.name.as_str()) else {
            return WhereZones::Off;
        };
        match self.zones.index(lens) {
            Some(index) => WhereZones::Ready(name, index),
            None => WhereZones::Computing(name),
        }
    }

    /// The zones drawn now, if computed.
    pub fn zone_scene(&self) -> Option<&ZoneScene> {
        self.zones.scene(self.state.saved.lens.as_deref()?)
    }
}
