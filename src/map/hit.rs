//! Hit testing: what lies under a point of the map, with the rules of precedence the map
//! draws by (a feature or site over a cluster ring, real data over synthetic and user data).

use super::camera::{Camera, ScreenRect};
use super::cluster::Cluster;
use super::layers::Layers;
use super::paint::pos;
use super::projection::lon_lat_from_world;
use super::scene::Scene;
use super::style;
use super::synthetic::{SyntheticHit, SyntheticLayer};
use super::user::{UserHit, UserLayerView};
use super::view::Shown;
use super::web::{LinkPath, WebLayout};

/// How near a link the pointer must be to hover it, in points (links are thin).
const LINK_TOLERANCE_PT: f64 = 4.0;
use crate::model::{BaseCountry, Country, RecordRef};
use geo::Coord;

/// What is under the pointer.
#[derive(Clone, Debug)]
pub enum Hit<'a> {
    /// An incident cluster of two or more.
    Cluster(&'a Cluster),
    Record(RecordRef),
    Synthetic(SyntheticHit),
    /// A user layer's feature or cell, described.
    User(String),
    /// An agreement's link between two parties.
    Link(&'a LinkPath),
    /// A party's mark of the agreement web (a badge at the edge for one off the map).
    Party(Country),
    /// A country's land, with nothing drawn over it there.
    Land(Country),
}

/// Everything a hit test reads, for one frame.
pub struct HitTest<'a> {
    pub scene: &'a Scene,
    pub layers: &'a Layers,
    pub shown: Shown<'a>,
    pub clusters: &'a [Cluster],
    /// The synthetic layer, if drawn.
    pub synthetic: Option<&'a SyntheticLayer>,
    pub user_layers: &'a [UserLayerView],
    /// The agreement web as drawn this frame.
    pub web: Option<&'a WebLayout>,
    /// The base map's countries (the scene's land index refers to them).
    pub countries: &'a [BaseCountry],
    pub camera: Camera,
    pub viewport: ScreenRect,
    pub tolerance_m: f64,
}

impl<'a> HitTest<'a> {
    fn world(&self, screen: Coord<f64>) -> Coord<f64> {
        self.camera.world_from_screen(&self.viewport, screen)
    }

    /// Whether a record is drawn (and so may be picked).
    fn is_drawn(&self, r: RecordRef) -> bool {
        self.layers.shows(r)
            && match r {
                RecordRef::Incident(i) => self.shown.incidents.get(i) == Some(&true),
                RecordRef::Site(i) => self.shown.sites.get(i) == Some(&true),
                _ => true,
            }
    }

    /// The drawn record nearest `screen` within tolerance, by the pick index's precedence.
    pub fn record_at(&self, screen: Coord<f64>) -> Option<RecordRef> {
        self.scene
            .pick
            .pick(self.world(screen), self.tolerance_m, |r| self.is_drawn(r))
    }

    /// The cluster (of two or more) whose ring covers `screen`.
    fn cluster_ring_at(&self, screen: Coord<f64>) -> Option<&'a Cluster> {
        self.clusters
            .iter()
            .filter(|c| c.members.len() > 1)
            .find(|c| {
                let centre = pos(self
                    .camera
                    .screen_from_world(&self.viewport, c.center_world));
                centre.distance(pos(screen)) <= style::cluster_radius(c.members.len()) + 2.0
            })
    }

    /// The cluster of two or more that holds incident `i`.
    fn cluster_of(&self, i: usize) -> Option<&'a Cluster> {
        self.clusters
            .iter()
            .find(|c| c.members.len() > 1 && c.members.binary_search(&i).is_ok())
    }

    /// What is under `screen`: a feature or site first, then a cluster (of the incident
    /// picked, or whose ring is there), a record, a party's mark, a link, a synthetic
    /// incident, a user feature, and last the land of a country.
    pub fn hit_at(&self, screen: Coord<f64>) -> Option<Hit<'a>> {
        self.drawn_at(screen).or_else(|| {
            let at = lon_lat_from_world(self.world(screen));
            let ci = self.scene.land.country_at(self.countries, at)?;
            self.countries.get(ci)?.iso.map(Hit::Land)
        })
    }

    /// What is drawn under `screen` (everything but the land).
    fn drawn_at(&self, screen: Coord<f64>) -> Option<Hit<'a>> {
        let picked = self.record_at(screen);
        let cluster = match picked {
            Some(RecordRef::Feature(_) | RecordRef::Site(_)) => None,
            Some(RecordRef::Incident(i)) => {
                self.cluster_of(i).or_else(|| self.cluster_ring_at(screen))
            }
            _ => self.cluster_ring_at(screen),
        };
        if let Some(c) = cluster {
            return Some(Hit::Cluster(c));
        }
        if let Some(r) = picked {
            return Some(Hit::Record(r));
        }
        if let Some(party) = self.web.and_then(|w| w.party_at(screen)) {
            return Some(Hit::Party(party));
        }
        if let Some(link) = self.web.and_then(|w| w.link_at(screen, LINK_TOLERANCE_PT)) {
            return Some(Hit::Link(link));
        }
        let at = self.world(screen);
        if let Some(s) = self
            .synthetic
            .and_then(|s| s.pick(self.camera.zoom, at, self.tolerance_m))
        {
            return Some(Hit::Synthetic(s));
        }
        self.user_text_at(at).map(Hit::User)
    }

    /// What a user layer has at `at`, topmost layer first: a feature's name (or its index in
    /// the file), or how many features share the cell.
    fn user_text_at(&self, at: Coord<f64>) -> Option<String> {
        self.user_layers
            .iter()
            .rev()
            .filter(|l| l.settings.visible && l.settings.opacity > 0.0)
            .find_map(|l| {
                let text = match l.scene.pick(self.camera.zoom, at, self.tolerance_m)? {
                    UserHit::Feature(i) => match l.layer.name_of(i) {
                        Some(name) => format!("{name} — feature #{i}"),
                        None => format!("feature #{i}"),
                    },
                    UserHit::Several(n) => format!("{n} features here — zoom in"),
                };
                Some(format!("{}: {text}", l.layer.name))
            })
    }
}
