//! "About the data": the as-of date, what the data covers, what it leaves out or could not
//! verify, and how much of it there is, so no reader mistakes a gap for an absence of events.

use crate::model::Atlas;
use egui::Ui;
use std::collections::HashSet;

/// Distinct source URLs cited anywhere in the atlas.
pub fn source_count(atlas: &Atlas) -> usize {
    let urls: HashSet<&str> = atlas.sources().map(|s| s.url.as_str()).collect();
    urls.len()
}

/// The window's contents.
pub fn about_ui(ui: &mut Ui, atlas: &Atlas) {
    // Counted while the window is open (about a thousand sources): no state to keep in step.
    let sources = source_count(atlas);
    match atlas.as_of {
        Some(d) => ui.strong(format!("As of {d}")),
        None => ui.strong("The data has no as-of date"),
    };
    ui.label(format!(
        "{} disputed features · {} claim lines and zones · {} incidents · {} agreements with {} sites and {} dated statements · {} series · {sources} distinct sources",
        atlas.features.len(),
        atlas.claims.len(),
        atlas.incidents.len(),
        atlas.agreements.len(),
        atlas.sites.len(),
        atlas.statements.len(),
        atlas.series.len(),
    ));
    if !atlas.notes.is_empty() {
        ui.add_space(6.0);
        ui.label(&atlas.notes);
    }
    if !atlas.limitations.is_empty() {
        ui.add_space(6.0);
        ui.strong("Limitations");
        for l in &atlas.limitations {
            ui.label(format!("• {l}"));
        }
    }
    super::about_lenses::lenses_ui(ui, &atlas.lenses);
    ui.add_space(6.0);
    ui.weak("Every record cites its sources (open one in the inspector); assets/SOURCES.md lists them all with their licences. The base map is Natural Earth (public domain).");
}
