//! The app's state: what persists between runs, and what lasts for this run only. Only
//! [`App::apply`](super::App::apply) changes it.

use super::options::SideTab;
use crate::map::measure::Measurement;
use crate::map::{Camera, Layers};
use crate::model::{Date, IncidentFilter, Item};
use std::collections::BTreeSet;

/// What persists between runs: the view and the layer settings (never caches or data).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SavedState {
    /// `None` frames the default region (refitted as the window changes size).
    pub camera: Option<Camera>,
    pub layers: Layers,
    #[serde(default)]
    pub filter: IncidentFilter,
    /// Date agreements are shown as of; `None` is the data's as-of date.
    #[serde(default)]
    pub as_of: Option<Date>,
    /// Agreements whose sites are hidden on the map.
    #[serde(default)]
    pub hidden_agreements: BTreeSet<String>,
    /// Whether the timeline panel is open (`T` toggles it).
    #[serde(default = "yes")]
    pub show_timeline: bool,
    /// Whether the user's own incidents are shown.
    #[serde(default = "yes")]
    pub show_my_incidents: bool,
    /// Imported incident layers switched off, by name.
    #[serde(default)]
    pub hidden_incident_layers: BTreeSet<String>,
    /// The lens maritime zones are drawn under (a lens id); `None`: zones off.
    #[serde(default)]
    pub lens: Option<String>,
    /// The folder the last file dialog chose in; the next one opens there.
    #[serde(default)]
    pub last_folder: Option<std::path::PathBuf>,
}

fn yes() -> bool {
    true
}

impl Default for SavedState {
    fn default() -> Self {
        Self {
            camera: None,
            layers: Layers::default(),
            filter: IncidentFilter::default(),
            as_of: None,
            hidden_agreements: BTreeSet::new(),
            show_timeline: true,
            show_my_incidents: true,
            hidden_incident_layers: BTreeSet::new(),
            lens: None,
            last_folder: None,
        }
    }
}

impl SavedState {
    /// The saved state with every field that cannot be shown reset to its default, and what
    /// was reset (for the status line). A hand-edited or corrupted file must never stop the
    /// app from opening.
    pub fn sanitized(mut self) -> (Self, Vec<&'static str>) {
        let mut reset = Vec::new();
        if self.camera.is_some_and(|c| !c.is_sane()) {
            self.camera = None;
            reset.push("view");
        }
        let bad_opacity = |o: f32| !(0.0..=1.0).contains(&o);
        let layers = &self.layers;
        if crate::map::LayerId::ALL
            .iter()
            .any(|id| bad_opacity(layers.get(*id).opacity))
        {
            self.layers = crate::map::Layers::default();
            reset.push("layers");
        }
        if let (Some(a), Some(b)) = (self.filter.from, self.filter.to)
            && a > b
        {
            self.filter.from = None;
            self.filter.to = None;
            reset.push("date range");
        }
        (self, reset)
    }
}

/// What the inspector shows: one item, or the incidents of a clicked cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    None,
    Item(Item),
    Cluster(Vec<usize>),
}

impl Selection {
    pub fn item(&self) -> Option<Item> {
        match self {
            Self::Item(i) => Some(*i),
            _ => None,
        }
    }
}

/// Windows and dialogs that are open.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Windows {
    /// "What's here?" for this point (lon/lat).
    pub here: Option<geo::Coord<f64>>,
    pub help: bool,
    pub about: bool,
    /// The load-problems banner.
    pub errors: bool,
}

/// Everything the app knows of the user's session.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub saved: SavedState,
    pub selection: Selection,
    /// The ruler, while measuring (`M`).
    pub measure: Option<Measurement>,
    pub side_tab: SideTab,
    pub windows: Windows,
    /// Problems met while loading, shown in a banner until dismissed.
    pub errors: Vec<String>,
    /// What the last export did (or why it did not).
    pub export_message: Option<String>,
    /// A second date the agreement web is compared with (this run only).
    pub compare_with: Option<Date>,
}

/// The lens "What's here?" answers under when zones are off.
pub const DEFAULT_LENS: &str = "award";

impl State {
    /// The lens to answer "What's here?" under: the one drawn, else the award's.
    pub fn here_lens(&self) -> &str {
        self.saved.lens.as_deref().unwrap_or(DEFAULT_LENS)
    }

    /// The date agreements are shown as of: a date the user set wins; otherwise the end of the
    /// timeline's range, and without a range the data's as-of date.
    pub fn agreements_as_of(&self, data_as_of: Option<Date>) -> Option<Date> {
        self.saved.as_of.or(self.saved.filter.to).or(data_as_of)
    }
}
