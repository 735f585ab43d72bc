//! Agreements on a chosen date: each with its status then, and a toggle for its sites on the map.

use super::incidents_panel::{DateText, date_field};
use crate::model::{AgreementStatus, Atlas, Date};
use egui::{Color32, RichText, Ui};
use std::collections::BTreeSet;

/// One line per agreement, e.g. "Japan–Philippines RAA: signed, not in force".
pub fn status_line(short_name: &str, status: AgreementStatus) -> String {
    format!("{short_name}: {}", status.label())
}

fn status_color(s: AgreementStatus) -> Color32 {
    match s {
        AgreementStatus::InForce => Color32::from_rgb(0x00, 0x6d, 0x4f),
        AgreementStatus::SignedNotInForce => Color32::from_rgb(0xa0, 0x62, 0x00),
        AgreementStatus::UnderNegotiation => Color32::from_rgb(0x55, 0x5f, 0x9e),
        AgreementStatus::NotYetSigned | AgreementStatus::Terminated => Color32::GRAY,
    }
}

/// What the user asked of the agreements panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgreementsAction {
    /// A new as-of date (`Some(None)`: back to following the timeline and the data).
    pub as_of: Option<Option<Date>>,
    /// Show (true) or hide an agreement's sites on the map.
    pub show_sites: Option<(String, bool)>,
    /// An agreement whose name was clicked, by index.
    pub opened: Option<usize>,
}

/// Draws the as-of field and the list, each agreement with its status on that date.
pub fn agreements_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    current_as_of: Option<Date>,
    as_of_text: &mut DateText,
    hidden: &BTreeSet<String>,
    range_end: Option<Date>,
) -> AgreementsAction {
    let mut action = AgreementsAction::default();
    as_of_text.follow(current_as_of);
    let mut edited = current_as_of;
    date_field(ui, "As of", as_of_text, &mut edited);
    if edited != current_as_of {
        action.as_of = Some(edited);
    }
    let as_of = current_as_of;
    // Same rule as the map: a set date, else the end of the timeline's range, else the data's.
    let date = as_of.or(range_end).or(atlas.as_of);
    if let Some(d) = atlas.as_of
        && ui
            .small_button(format!("data's as-of date ({d})"))
            .clicked()
    {
        action.as_of = Some(None);
    }
    let Some(date) = date else {
        ui.label("Set a date to see each agreement's status.");
        return action;
    };
    let why = if as_of.is_some() {
        ""
    } else if range_end.is_some() {
        " (end of the timeline range)"
    } else {
        " (the data's as-of date)"
    };
    changes_ui(ui, atlas, date, &mut action);
    ui.weak(format!("Status on {date}{why}:"));
    for (i, a) in atlas.agreements.iter().enumerate() {
        let status = a.status_on(date);
        let parties = a
            .parties
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(", ");
        ui.horizontal_wrapped(|ui| {
            let mut shown = !hidden.contains(&a.id);
            if ui
                .checkbox(&mut shown, "")
                .on_hover_text("show it on the map (its link and sites)")
                .changed()
            {
                action.show_sites = Some((a.id.clone(), shown));
            }
            let text =
                RichText::new(status_line(&a.short_name, status)).color(status_color(status));
            if ui
                .link(text)
                .on_hover_text(format!("{} — parties: {parties}", a.name))
                .clicked()
            {
                action.opened = Some(i);
            }
        });
    }
    action
}

/// The milestones nearest the date (talks, signature, entry into force, end), as links.
fn changes_ui(ui: &mut Ui, atlas: &Atlas, date: Date, action: &mut AgreementsAction) {
    egui::CollapsingHeader::new("Changes near this date")
        .default_open(true)
        .show(ui, |ui| {
            for c in atlas.changes_near(date, CHANGES_SHOWN) {
                let Some(a) = atlas.agreements.get(c.agreement) else {
                    continue;
                };
                let line = change_line(c.date, &a.short_name, c.milestone.label());
                let text = if c.date > date {
                    RichText::new(line).weak()
                } else {
                    RichText::new(line)
                };
                if ui.link(text).clicked() {
                    action.opened = Some(c.agreement);
                }
            }
        });
}

/// How many milestones the changes list shows.
const CHANGES_SHOWN: usize = 5;

/// "2025-09-11: Japan–Philippines RAA enters into force".
pub fn change_line(date: Date, short_name: &str, what: &str) -> String {
    format!("{date}: {short_name} {what}")
}
