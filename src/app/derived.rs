//! Data derived from the state: what the filter and the as-of date show, and the selected
//! agreement's emphasis. Recomputed by [`Derived::update`] when its inputs differ from the
//! ones it was computed from; nothing invalidates it by hand.

use super::state::{Selection, State};
use crate::map::focus::{AgreementFocus, agreement_focus};
use crate::map::synthetic::SyntheticLayer;
use crate::map::{Scene, Shown};
use crate::model::filter::in_time_order;
use crate::model::within::ZoneIndex;
use crate::model::workbench::IncidentLayout;
use crate::model::{Atlas, Date, IncidentFilter, Item, RecordRef};
use std::collections::BTreeSet;

/// The inputs of the visibility flags.
#[derive(Clone, Debug, PartialEq)]
struct ShownKey {
    filter: IncidentFilter,
    as_of: Option<Date>,
    hidden: BTreeSet<String>,
    mine: MyIncidents,
    /// The lens whose zones the *where* criterion was answered from (`None`: inactive).
    zones: Option<String>,
}

/// Where the user's incidents and each imported layer's sit in `atlas.incidents`, which of
/// them are shown, and a count of their updates (the incidents changed when it moved).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MyIncidents {
    pub layout: IncidentLayout,
    pub shown: bool,
    /// Per imported layer, in order.
    pub imported_shown: Vec<bool>,
    pub revision: u64,
}

impl MyIncidents {
    /// Where the incidents of the layers switched off are.
    pub fn hidden(&self) -> Vec<std::ops::Range<usize>> {
        let mut off = Vec::new();
        if !self.shown {
            off.push(self.layout.mine());
        }
        for (k, shown) in self.imported_shown.iter().enumerate() {
            if !shown {
                off.extend(self.layout.imported(k));
            }
        }
        off.retain(|r| !r.is_empty());
        off
    }

    /// Clears the flags of the incidents whose layer is off.
    fn hide_layers_off(&self, visible: &mut [bool]) {
        for r in self.hidden() {
            for v in visible.iter_mut().take(r.end).skip(r.start) {
                *v = false;
            }
        }
    }
}

/// Caches computed from the state.
#[derive(Debug, Default)]
pub struct Derived {
    key: Option<ShownKey>,
    /// Per incident: passes the filter.
    pub incident_visible: Vec<bool>,
    /// Per site: shown on the as-of date.
    pub site_visible: Vec<bool>,
    /// The shown incidents, newest first (the Incidents tab's list).
    pub newest_first: Vec<usize>,
    /// Bumped each time the flags are recomputed.
    revision: u64,
    /// The selected agreement's emphasis, with its index.
    focus: Option<(usize, AgreementFocus)>,
}

impl Derived {
    /// Brings every cache in line with `state`; cheap when nothing changed.
    pub fn update(
        &mut self,
        state: &State,
        atlas: &Atlas,
        scene: &Scene,
        synthetic: Option<&mut SyntheticLayer>,
        mine: MyIncidents,
        zones: Option<&ZoneIndex>,
    ) {
        let saved = &state.saved;
        let zones = zones.filter(|_| saved.filter.within.is_some());
        let zones_lens = zones.map(|z| z.lens.clone());
        let as_of = state.agreements_as_of(atlas.as_of);
        let same = self.key.as_ref().is_some_and(|k| {
            k.filter == saved.filter
                && k.as_of == as_of
                && k.hidden == saved.hidden_agreements
                && k.mine == mine
                && k.zones == zones_lens
        });
        if !same {
            self.incident_visible = saved.filter.visibility(&atlas.incidents, zones);
            mine.hide_layers_off(&mut self.incident_visible);
            self.site_visible = atlas.sites_shown_on(as_of, &saved.hidden_agreements);
            self.newest_first = in_time_order(&atlas.incidents, &self.incident_visible);
            self.newest_first.reverse();
            self.revision += 1;
            self.key = Some(ShownKey {
                filter: saved.filter.clone(),
                as_of,
                hidden: saved.hidden_agreements.clone(),
                mine,
                zones: zones_lens,
            });
        }
        if let Some(s) = synthetic {
            // A no-op unless the filter changed, or the layer is new.
            s.set_filter(&saved.filter);
        }
        let wanted = match state.selection {
            Selection::Item(Item::Record(RecordRef::Agreement(i))) => Some(i),
            _ => None,
        };
        if self.focus.as_ref().map(|(i, _)| *i) != wanted {
            self.focus = wanted.map(|i| (i, agreement_focus(atlas, scene, i)));
        }
    }

    /// What the map shows of the incidents and sites.
    pub fn shown(&self) -> Shown<'_> {
        Shown {
            incidents: &self.incident_visible,
            sites: &self.site_visible,
            revision: self.revision,
        }
    }

    /// How many incidents pass the filter.
    pub fn incidents_shown(&self) -> usize {
        self.newest_first.len()
    }

    /// The selected agreement's emphasis.
    pub fn focus(&self) -> Option<&AgreementFocus> {
        self.focus.as_ref().map(|(_, f)| f)
    }
}
