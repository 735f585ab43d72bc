//! "Compare with": a second date for the agreement web, and what changed between the two
//! dates in words, each change opening its agreement.

use super::incidents_panel::{DateText, date_field};
use crate::map::style::change_color;
use crate::model::web_diff::WebDiff;
use crate::model::{Atlas, Date};
use egui::{RichText, Ui};

/// What the user asked of the compare section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompareAction {
    /// A new compare date (`Some(None)`: stop comparing).
    pub compare_with: Option<Option<Date>>,
    /// An agreement whose change was clicked, by index.
    pub opened: Option<usize>,
}

/// Draws the compare field and, when comparing, the differences between the two dates.
pub fn compare_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    current: Option<Date>,
    text: &mut DateText,
    diff: Option<&WebDiff>,
) -> CompareAction {
    let mut action = CompareAction::default();
    text.follow(current);
    let mut edited = current;
    ui.horizontal(|ui| {
        date_field(ui, "Compare with", text, &mut edited);
        if current.is_some() && ui.small_button("stop").clicked() {
            edited = None;
        }
    });
    if edited != current {
        action.compare_with = Some(edited);
    }
    let Some(diff) = diff else {
        if current.is_none() {
            ui.weak("A second date: the map then marks what changed between the two.");
        }
        return action;
    };
    ui.weak(format!(
        "The map shows the web on {}, marking what changed since {}:",
        diff.later, diff.earlier
    ));
    if diff.changes.is_empty() {
        ui.label("No agreement changed between the two dates.");
    }
    for c in &diff.changes {
        let text = RichText::new(diff.line(atlas, c)).color(change_color(c.kind));
        if ui.link(text).on_hover_text(c.kind.label()).clicked() {
            action.opened = Some(c.agreement);
        }
    }
    ui.separator();
    action
}
