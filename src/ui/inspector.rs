//! The inspector: every property of the selected item in readable form, with its sources.

use super::links::sources_ui;
use crate::model::{Atlas, Country, RecordRef};
use egui::{RichText, Ui};

/// Draws the selected item. Returns an item the user chose from inside it (a linked feature or
/// incident), for the app to select.
pub fn inspector_ui(ui: &mut Ui, atlas: &Atlas, item: RecordRef) -> Option<RecordRef> {
    inspector_with(ui, atlas, item, |_| {})
}

/// [`inspector_ui`] with `after` drawn below the item, in the same scroll area (an incident's
/// "What's here" section).
pub fn inspector_with(
    ui: &mut Ui,
    atlas: &Atlas,
    item: RecordRef,
    after: impl FnOnce(&mut Ui),
) -> Option<RecordRef> {
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            chosen = item_ui(ui, atlas, item);
            after(ui);
        });
    chosen
}

fn item_ui(ui: &mut Ui, atlas: &Atlas, item: RecordRef) -> Option<RecordRef> {
    let mut chosen = None;
    match item {
        RecordRef::Feature(i) => {
            if let Some(f) = atlas.features.get(i) {
                chosen = feature_ui(ui, atlas, f);
            }
        }
        RecordRef::Incident(i) => {
            if let Some(x) = atlas.incidents.get(i) {
                chosen = incident_ui(ui, atlas, x);
            }
        }
        RecordRef::Site(i) => {
            if let Some(s) = atlas.sites.get(i) {
                site_ui(ui, atlas, s);
            }
        }
        RecordRef::Claim(i) => {
            if let Some(c) = atlas.claims.get(i) {
                claim_ui(ui, c);
            }
        }
        RecordRef::Agreement(i) => {
            if let Some(a) = atlas.agreements.get(i) {
                chosen = agreement_ui(ui, atlas, a);
            }
        }
    }
    chosen
}

/// The inspector with nothing selected: what to do, and the main shortcuts.
pub fn empty_ui(ui: &mut Ui) {
    ui.heading("Inspector");
    ui.label("Click a feature, incident, site or line on the map to see who claims it, who holds it, and the sources.");
    ui.add_space(8.0);
    ui.weak("Drag to pan · wheel or pinch to zoom · double-click to zoom in · +/− zoom · arrows pan · Home resets · Esc clears the selection · Ctrl+F finds · Z zooms to the selection · M measures · right-click copies a position · N / P step through incidents in time · Ctrl+S saves the map as a picture · T shows the timeline · F1 lists every shortcut");
}

fn countries(list: &[Country]) -> String {
    list.iter()
        .map(|c| format!("{} ({c})", c.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn row(ui: &mut Ui, key: &str, value: impl Into<String>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{key}:")).strong());
        ui.label(value.into());
    });
}

fn list_block(ui: &mut Ui, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    ui.label(RichText::new(title).strong());
    for s in items {
        ui.horizontal_wrapped(|ui| {
            ui.label("•");
            ui.label(s);
        });
    }
}

fn feature_ui(ui: &mut Ui, atlas: &Atlas, f: &crate::model::DisputedFeature) -> Option<RecordRef> {
    ui.heading(&f.name);
    ui.label(format!("{} · {}", f.kind.label(), f.group.label()));
    ui.separator();
    if !f.aliases.is_empty() {
        ui.label(RichText::new("Names").strong());
        egui::Grid::new("aliases")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for a in &f.aliases {
                    ui.weak(a.language_label());
                    ui.label(&a.name);
                    ui.end_row();
                }
            });
    }
    status_rows(ui, f);
    if !f.facilities.is_empty() {
        row(
            ui,
            "Facilities",
            f.facilities
                .iter()
                .map(|x| x.label())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(a) = f.area_km2 {
        row(ui, "Area", format!("{a} km²"));
    }
    row(
        ui,
        "Position",
        crate::map::coords::format_lon_lat(f.position.0),
    );
    if !f.notes.is_empty() {
        ui.add_space(4.0);
        ui.label(&f.notes);
    }
    list_block(ui, "Uncertain or disputed", &f.uncertain);
    ui.add_space(4.0);
    sources_ui(ui, &f.sources);
    incidents_here_ui(ui, atlas, &f.id)
}

/// Who claims and holds a feature, and what the 2016 award said of it.
fn status_rows(ui: &mut Ui, f: &crate::model::DisputedFeature) {
    row(ui, "Claimed by", countries(&f.claimants));
    let holder = match f.controlled_by {
        Some(c) => {
            let since = f
                .controlled_since
                .map(|d| format!(" since {}", f.controlled_since_precision.format(d)))
                .unwrap_or_default();
            format!("{} ({c}){since}", c.name())
        }
        None => "no one (unoccupied)".to_owned(),
    };
    row(ui, "Held by", holder);
    match &f.arbitration {
        Some(a) => {
            let paras = a
                .paragraphs
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            row(
                ui,
                "2016 award",
                format!("{}{paras}", a.classification.label()),
            );
        }
        None => row(ui, "2016 award", "not classified by the tribunal"),
    }
}

/// The incidents at a feature, newest first, as links; returns the one clicked.
fn incidents_here_ui(ui: &mut Ui, atlas: &Atlas, id: &str) -> Option<RecordRef> {
    let at = atlas.incidents_at(id);
    let mut chosen = None;
    if !at.is_empty() {
        ui.separator();
        ui.label(RichText::new(format!("Incidents here ({}), newest first", at.len())).strong());
        for i in at {
            let Some(x) = atlas.incidents.get(i) else {
                continue;
            };
            let text = format!("{} — {}", x.date_precision.format(x.date), x.kind.label());
            if ui.link(text).clicked() {
                chosen = Some(RecordRef::Incident(i));
            }
        }
    }
    chosen
}

/// "China → Philippines": who started it and against whom, when the data says.
fn sides_line(x: &crate::model::Incident) -> Option<String> {
    use crate::model::incident::ActorRole;
    let names = |role| {
        x.countries_in_role(role)
            .iter()
            .map(|c| c.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (from, to) = (names(ActorRole::Initiator), names(ActorRole::Target));
    match (from.is_empty(), to.is_empty()) {
        (false, false) => Some(format!("{from} → {to}")),
        (false, true) => Some(format!("by {from}")),
        (true, false) => Some(format!("against {to}")),
        (true, true) => None,
    }
}

fn incident_ui(ui: &mut Ui, atlas: &Atlas, x: &crate::model::Incident) -> Option<RecordRef> {
    ui.heading(match x.kind {
        crate::model::IncidentKind::Other => "Other incident",
        k => k.label(),
    });
    if let Some(sides) = sides_line(x) {
        ui.strong(sides);
    }
    let dates = match x.date_end {
        Some(end) => format!(
            "{} to {}",
            x.date_precision.format(x.date),
            x.date_precision.format(end)
        ),
        None => x.date_precision.format(x.date),
    };
    ui.label(dates);
    ui.separator();
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Place:").strong());
        ui.label(&x.location_name);
        if let Some(fi) = x
            .feature_id
            .as_deref()
            .and_then(|id| atlas.feature_index(id))
            && ui.link("(open feature)").clicked()
        {
            chosen = Some(RecordRef::Feature(fi));
        }
    });
    row(
        ui,
        "Position",
        format!(
            "{} — {}",
            crate::map::coords::format_lon_lat(x.position.0),
            x.location_precision.label()
        ),
    );
    ui.label(RichText::new("Actors").strong());
    for a in &x.actors {
        let agency = a
            .agency
            .as_deref()
            .map(|g| format!(", {g}"))
            .unwrap_or_default();
        ui.label(format!(
            "• {}{agency} — {} ({}), {}",
            a.name,
            a.country.name(),
            a.country,
            a.role.label()
        ));
    }
    ui.add_space(4.0);
    ui.label(&x.summary);
    if let Some(c) = &x.casualties {
        row(ui, "Casualties", c);
    }
    if let Some(d) = &x.disputed_accounts {
        row(ui, "Accounts differ", d);
    }
    list_block(ui, "Uncertain", &x.uncertain);
    ui.add_space(4.0);
    sources_ui(ui, &x.sources);
    chosen
}

fn site_ui(ui: &mut Ui, atlas: &Atlas, s: &crate::model::Site) {
    ui.heading(&s.name);
    ui.label(format!("{} ({})", s.country.name(), s.country));
    ui.separator();
    for id in &s.agreements {
        if let Some(a) = atlas.agreements.iter().find(|a| &a.id == id) {
            row(ui, "Agreement", &a.name);
        }
    }
    if let Some(d) = s.added {
        row(ui, "Site since", d.to_string());
    }
    if !s.aliases.is_empty() {
        row(
            ui,
            "Also",
            s.aliases
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    row(
        ui,
        "Position",
        crate::map::coords::format_lon_lat(s.position.0),
    );
    if !s.notes.is_empty() {
        ui.label(&s.notes);
    }
    list_block(ui, "Uncertain", &s.uncertain);
    sources_ui(ui, &s.sources);
}

fn claim_ui(ui: &mut Ui, c: &crate::model::Claim) {
    ui.heading(&c.name);
    ui.label(format!(
        "{} — {} ({})",
        c.kind.label(),
        c.claimant.name(),
        c.claimant
    ));
    ui.separator();
    if let Some(d) = c.declared {
        row(ui, "Declared", d.to_string());
    }
    if !c.aliases.is_empty() {
        row(
            ui,
            "Names",
            c.aliases
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(" · "),
        );
    }
    if !c.legal_status.is_empty() {
        ui.label(RichText::new("Legal status").strong());
        ui.label(&c.legal_status);
    }
    if !c.points_source.is_empty() {
        row(ui, "Vertices from", &c.points_source);
    }
    list_block(ui, "Uncertain", &c.uncertain);
    sources_ui(ui, &c.sources);
}

fn agreement_ui(ui: &mut Ui, atlas: &Atlas, a: &crate::model::Agreement) -> Option<RecordRef> {
    ui.heading(&a.name);
    ui.label(format!("{} · {}", a.short_name, a.kind.label()));
    ui.separator();
    row(ui, "Parties", countries(&a.parties));
    // Dated only where a source gives the day (see the sources and "Uncertain" below).
    if let Some(d) = a.talks_agreed {
        row(ui, "Talks agreed", d.to_string());
    }
    if let Some(d) = a.negotiation_began {
        row(ui, "Negotiation began", d.to_string());
    }
    row(
        ui,
        "Signed",
        a.signed
            .map_or_else(|| "not yet".to_owned(), |d| d.to_string()),
    );
    row(
        ui,
        "In force",
        a.in_force
            .map_or_else(|| "not yet".to_owned(), |d| d.to_string()),
    );
    if let Some(t) = a.terminated {
        row(ui, "Terminated", t.to_string());
    }
    if let Some(n) = &a.status_note {
        row(ui, "Status", n);
    }
    if !a.scope.is_empty() {
        ui.label(RichText::new("Scope").strong());
        ui.label(&a.scope);
    }
    if !a.summary.is_empty() {
        ui.label(&a.summary);
    }
    list_block(ui, "Uncertain", &a.uncertain);
    sources_ui(ui, &a.sources);
    let mut chosen = None;
    let sites: Vec<usize> = (0..atlas.sites.len())
        .filter(|&i| atlas.sites[i].agreements.contains(&a.id))
        .collect();
    if !sites.is_empty() {
        ui.separator();
        ui.label(RichText::new(format!("Sites ({})", sites.len())).strong());
        for i in sites {
            if ui.link(&atlas.sites[i].name).clicked() {
                chosen = Some(RecordRef::Site(i));
            }
        }
    }
    let statements: Vec<&crate::model::Statement> = atlas
        .statements
        .iter()
        .filter(|s| s.agreement_id == a.id)
        .collect();
    if !statements.is_empty() {
        ui.separator();
        ui.label(RichText::new("Statements on what it covers").strong());
        for s in statements {
            ui.label(RichText::new(format!("{} — {}", s.date, s.speaker)).strong());
            if !s.covers.is_empty() {
                ui.weak(format!("covers: {}", s.covers.join(", ")));
            }
            ui.label(&s.summary);
            sources_ui(ui, &s.sources);
            ui.add_space(4.0);
        }
    }
    chosen
}

/// The incidents of a clicked cluster, newest first. Returns the one the user chose.
pub fn cluster_ui(ui: &mut Ui, atlas: &Atlas, members: &[usize]) -> Option<usize> {
    ui.heading(format!("{} incidents here", members.len()));
    ui.label("Choose one to open it:");
    let mut sorted: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| i < atlas.incidents.len())
        .collect();
    sorted.sort_by_key(|&i| std::cmp::Reverse(atlas.incidents[i].date));
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for i in sorted {
                if ui.link(atlas.incidents[i].one_line()).clicked() {
                    chosen = Some(i);
                }
            }
        });
    chosen
}

/// A `--stress` incident: what was generated for it, said plainly to be synthetic.
pub fn synthetic_ui(ui: &mut Ui, layer: &crate::map::synthetic::SyntheticLayer, index: usize) {
    ui.heading("Synthetic incident");
    ui.colored_label(
        egui::Color32::from_rgb(0xb0, 0x20, 0x20),
        format!(
            "Generated by --stress (seed {}) to test the app at scale. Not a real event.",
            layer.data.seed
        ),
    );
    ui.add_space(6.0);
    row(ui, "Row", index.to_string());
    if let Some(k) = layer.data.kind_of(index) {
        row(ui, "Kind", k.label());
    }
    if let Some(d) = layer.data.date_of(index) {
        row(ui, "Date", d.to_string());
    }
    row(ui, "Actors", countries(&layer.data.actors_of(index)));
    if let Some(c) = layer.data.lon_lat.get(index) {
        row(ui, "Position", format!("{:.4}, {:.4}", c.y, c.x));
    }
}
