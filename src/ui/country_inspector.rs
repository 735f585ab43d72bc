//! A country's inspector: the agreements that bind it on the as-of date, grouped by status,
//! each opening the agreement; its ended agreements as history; the statements on their scope.

use super::links::sources_ui;
use crate::model::party::dates_line;
use crate::model::{AgreementStatus, Atlas, Country, Date};
use egui::{RichText, Ui};

/// The heading of a status group, e.g. "In force (4)".
pub fn group_title(status: AgreementStatus, n: usize) -> String {
    let title = match status {
        AgreementStatus::InForce => "In force",
        AgreementStatus::SignedNotInForce => "Signed, not in force",
        AgreementStatus::UnderNegotiation => "Under negotiation",
        AgreementStatus::Terminated => "Ended (history)",
        AgreementStatus::NotYetSigned => "Not yet signed",
    };
    format!("{title} ({n})")
}

/// Draws a country's agreements on `date`. Returns the agreement the user opened, by index.
pub fn country_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    country: Country,
    date: Option<Date>,
) -> Option<usize> {
    ui.heading(country.name());
    ui.label(format!("{country} · defence agreements"));
    ui.separator();
    let Some(date) = date else {
        ui.label("Set an as-of date (Agreements tab) to see its agreements.");
        return None;
    };
    let mine = atlas.party_agreements(country, date);
    let n = mine.binding();
    let noun = if n == 1 {
        "agreement binds"
    } else {
        "agreements bind"
    };
    ui.strong(format!("{n} {noun} it on {date}"));
    ui.weak("signed, whether or not in force");
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (status, list) in mine.groups() {
                if list.is_empty() {
                    continue;
                }
                ui.add_space(6.0);
                ui.label(RichText::new(group_title(status, list.len())).strong());
                for &i in list {
                    if agreement_row(ui, atlas, country, i) {
                        chosen = Some(i);
                    }
                }
            }
            statements_ui(ui, atlas, &mine.statements);
        });
    chosen
}

/// One agreement: its name as a link, its partners and dates. True when clicked.
fn agreement_row(ui: &mut Ui, atlas: &Atlas, country: Country, i: usize) -> bool {
    let Some(a) = atlas.agreements.get(i) else {
        return false;
    };
    let partners: Vec<&str> = atlas
        .partners_of(i, country)
        .iter()
        .map(|c| c.name())
        .collect();
    let clicked = ui
        .link(&a.short_name)
        .on_hover_text(format!("{} — {}", a.name, a.kind.label()))
        .clicked();
    ui.indent(("partners", i), |ui| {
        ui.weak(format!("with {}", partners.join(", ")));
        ui.weak(dates_line(a));
    });
    clicked
}

/// Statements on what the country's agreements cover, each with its sources (folded).
fn statements_ui(ui: &mut Ui, atlas: &Atlas, statements: &[usize]) {
    if statements.is_empty() {
        return;
    }
    ui.separator();
    ui.label(RichText::new("Statements on what its agreements cover").strong());
    for &s in statements {
        let Some(st) = atlas.statements.get(s) else {
            continue;
        };
        let agreement = atlas
            .agreements
            .iter()
            .find(|a| a.id == st.agreement_id)
            .map_or(st.agreement_id.as_str(), |a| a.short_name.as_str());
        ui.label(format!("{} — {agreement} — {}", st.date, st.speaker));
        if !st.covers.is_empty() {
            ui.weak(format!("covers: {}", st.covers.join(", ")));
        }
        egui::CollapsingHeader::new("what was said, and sources")
            .id_salt(("statement", s))
            .show(ui, |ui| {
                ui.label(&st.summary);
                sources_ui(ui, &st.sources);
            });
    }
}
