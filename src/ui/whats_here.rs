//! "What's here?": the zones holding a point under a lens, with the rule and distance behind
//! each, the claim lines and areas around it, and the nearest disputed features.

use crate::model::Atlas;
use crate::model::zones::query::WhatsHere;
use egui::{RichText, Ui};

/// The incident inspector's "What's here" section.
#[derive(Clone, Debug)]
pub enum IncidentHere {
    /// Zones are off: the section is a hint.
    LensOff,
    /// The answer under the lens shown (its name).
    Answer(String, WhatsHere),
}

/// The hint the section shows with zones off.
pub const LENS_OFF_HINT: &str =
    "Turn on maritime zones (Layers tab) to see whose waters this was in.";

/// Draws the section below an incident.
pub fn incident_section_ui(ui: &mut Ui, atlas: &Atlas, here: &IncidentHere) {
    ui.separator();
    ui.label(RichText::new("What's here").heading());
    match here {
        IncidentHere::LensOff => {
            ui.weak(LENS_OFF_HINT);
        }
        IncidentHere::Answer(lens, a) => whats_here_ui(ui, atlas, lens, a),
    }
}

/// One line for a zone that holds the point, e.g. "PHL: EEZ — 105.3 nm from coast:PHL".
pub fn zone_line(hit: &crate::model::zones::query::ZoneHit) -> String {
    format!(
        "{}: {} — {:.1} nm from {}",
        hit.label,
        hit.kind.label(),
        hit.distance_nm,
        hit.generated_by.baseline
    )
}

/// Draws the answer under the lens named `lens_name`.
pub fn whats_here_ui(ui: &mut Ui, atlas: &Atlas, lens_name: &str, a: &WhatsHere) {
    ui.weak(format!("Under the lens: {lens_name}"));
    if let Some(c) = a.on_land {
        ui.label(format!("On land: {} ({c})", c.name()));
    }
    ui.label(RichText::new("Zones").strong());
    if a.zones.is_empty() && a.on_land.is_none() {
        ui.label("In no state's zone under this lens (high seas).");
    }
    for z in &a.zones {
        ui.label(zone_line(z)).on_hover_text(format!(
            "rule: {}\nsource: {}",
            z.generated_by.rule, z.generated_by.source
        ));
        if let Some(note) = &z.generated_by.note {
            ui.weak(note);
        }
    }
    ui.label(RichText::new("Claims around it").strong());
    if a.claims.is_empty() {
        ui.label("Inside no claim line or area.");
    }
    for c in &a.claims {
        let name = atlas
            .claims
            .iter()
            .find(|x| x.id == c.id)
            .map_or(c.id.as_str(), |x| x.name.as_str());
        ui.label(format!("inside {name} ({})", c.how));
    }
    ui.label(RichText::new("Nearest disputed features").strong());
    for f in &a.nearest_features {
        let zones = if f.generates.is_empty() {
            "no zone of its own".to_owned()
        } else {
            f.generates
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(", ")
        };
        ui.label(format!(
            "{} — {:.1} nm, bearing {:.0}° ({zones})",
            f.name, f.distance_nm, f.bearing_deg
        ));
    }
}
