//! The incident filter's *where* row: a state holding zones under the lens shown, and a zone
//! kind. With zones off or still computing it says so, and the criterion is inactive.

use crate::model::within::{Within, ZoneIndex};
use crate::model::zones::ZoneKind;
use crate::model::{Country, IncidentFilter};
use egui::Ui;

/// What the *where* criterion can be answered from.
pub enum WhereZones<'a> {
    /// No lens shown.
    Off,
    /// The lens shown (its name) is being computed.
    Computing(&'a str),
    /// The lens shown (its name) and its zones.
    Ready(&'a str, &'a ZoneIndex),
}

/// The label of the state picker (tests find it by this).
pub const STATE_LABEL: &str = "Inside the zones of";

/// Short names for the zone kind buttons.
pub fn kind_word(k: ZoneKind) -> &'static str {
    match k {
        ZoneKind::TerritorialSea => "territorial sea",
        ZoneKind::ContiguousZone => "contiguous zone",
        ZoneKind::Eez => "EEZ",
    }
}

/// What the row says about the criterion, in a line.
pub fn status_line(zones: &WhereZones<'_>, within: Option<Within>) -> String {
    match (zones, within) {
        (WhereZones::Off, Some(_)) => {
            "Inactive: maritime zones are off (Layers tab). Every place is shown.".to_owned()
        }
        (WhereZones::Off, None) => "Turn maritime zones on (Layers tab) to filter by zone.".into(),
        (WhereZones::Computing(lens), _) => {
            format!("Inactive until the zones under the {lens} lens are computed…")
        }
        (WhereZones::Ready(lens, _), Some(w)) => format!(
            "Only incidents in {}'s {} under the {lens} lens.",
            w.state.name(),
            kind_word(w.zone)
        ),
        (WhereZones::Ready(lens, _), None) => format!("Anywhere (zones under the {lens} lens)."),
    }
}

/// Draws the row; returns the filter edited when the user changed it.
pub fn where_ui(
    ui: &mut Ui,
    zones: &WhereZones<'_>,
    current: &IncidentFilter,
) -> Option<IncidentFilter> {
    ui.add_space(4.0);
    ui.label("Where:");
    let mut within = current.within;
    if let WhereZones::Ready(_, index) = zones {
        let states = index.states();
        state_picker(ui, &states, &mut within);
        if let Some(w) = &mut within {
            ui.horizontal(|ui| {
                for k in ZoneKind::ALL {
                    ui.selectable_value(&mut w.zone, k, kind_word(k));
                }
            });
        }
    } else if within.is_some() && ui.small_button("Clear where").clicked() {
        within = None;
    }
    ui.weak(status_line(zones, within));
    (within != current.within).then(|| IncidentFilter {
        within,
        ..current.clone()
    })
}

fn state_picker(ui: &mut Ui, states: &[(Country, Vec<ZoneKind>)], within: &mut Option<Within>) {
    let mut state: Option<Country> = within.map(|w| w.state);
    let text = state.map_or_else(|| "anywhere".to_owned(), state_text);
    egui::ComboBox::from_label(STATE_LABEL)
        .selected_text(text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut state, None, "anywhere");
            for (c, _) in states {
                ui.selectable_value(&mut state, Some(*c), state_text(*c));
            }
        });
    *within = state.map(|state| Within {
        state,
        zone: within.map_or(ZoneKind::TerritorialSea, |w| w.zone),
    });
}

/// "JPN Japan": the picker's entry for a state.
pub fn state_text(c: Country) -> String {
    format!("{} {}", c.code(), c.name())
}
