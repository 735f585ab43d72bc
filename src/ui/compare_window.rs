//! The "Compare with…" window: what another data folder adds, changes and removes, per
//! collection, each record by id and name; a record that exists in our data is a link to it.

use crate::io::compare::Comparison;
use crate::model::workbench::diff::{Change, DiffEntry};
use crate::model::{Atlas, RecordRef};
use egui::Ui;

/// What the user asked of the window.
#[derive(Debug, Default)]
pub struct CompareAsk {
    /// Show this record of ours.
    pub go_to: Option<RecordRef>,
    /// Compare with the folder typed in the field.
    pub compare: bool,
    /// Choose a folder in a file dialog.
    pub browse: bool,
    pub close: bool,
}

/// The window, while a comparison is shown (or a folder is being typed).
pub fn compare_window(
    ctx: &egui::Context,
    result: Option<&Comparison>,
    ours: &Atlas,
    folder: &mut String,
) -> CompareAsk {
    let mut ask = CompareAsk::default();
    let mut open = true;
    egui::Window::new("Compare with a data folder")
        .open(&mut open)
        .default_width(520.0)
        .vscroll(true)
        .show(ctx, |ui| {
            folder_row(ui, folder, &mut ask);
            if let Some(c) = result {
                ui.separator();
                comparison_ui(ui, c, ours, &mut ask);
            }
        });
    ask.close = !open;
    ask
}

/// The typed-path fallback: a folder field, Compare, and Browse….
fn folder_row(ui: &mut Ui, folder: &mut String, ask: &mut CompareAsk) {
    ui.horizontal(|ui| {
        let label = ui.label("Folder");
        let field = ui
            .add(egui::TextEdit::singleline(folder).desired_width(280.0))
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let go = ui
            .add_enabled(!folder.trim().is_empty(), egui::Button::new("Compare"))
            .clicked();
        ask.compare = (go || enter) && !folder.trim().is_empty();
        ask.browse = ui.button("Browse…").clicked();
    });
}

fn comparison_ui(ui: &mut Ui, c: &Comparison, ours: &Atlas, ask: &mut CompareAsk) {
    let date = |d: Option<crate::model::Date>| d.map_or_else(|| "?".to_owned(), |d| d.to_string());
    ui.label(format!(
        "{} (data as of {}) against ours (as of {}):",
        c.dir.display(),
        date(c.theirs_as_of),
        date(c.ours_as_of)
    ));
    if c.diff.is_empty() && c.not_compared.is_empty() {
        ui.strong("No records added, changed or removed.");
    }
    for (name, d) in c.diff.collections() {
        if d.is_empty() {
            continue;
        }
        let title = format!(
            "{name}: {} added, {} changed, {} removed",
            d.added.len(),
            d.changed.len(),
            d.removed.len()
        );
        egui::CollapsingHeader::new(title)
            .default_open(true)
            .show(ui, |ui| {
                for e in d.entries() {
                    entry_ui(ui, &e, ours, ask);
                }
            });
    }
    for name in &c.not_compared {
        ui.label(format!("{name}: not compared (its file failed to load)"));
    }
    if !c.errors.is_empty() {
        egui::CollapsingHeader::new(format!("{} problem(s) in that folder", c.errors.len()))
            .default_open(c.diff.is_empty())
            .show(ui, |ui| {
                for e in &c.errors {
                    ui.weak(e);
                }
            });
    }
}

/// One record: a link when it exists in our data (changed or removed ones), else plain text.
fn entry_ui(ui: &mut Ui, e: &DiffEntry<'_>, ours: &Atlas, ask: &mut CompareAsk) {
    let mut text = format!("{} {} — {}", e.change.sign(), e.id, e.name);
    if !e.fields.is_empty() {
        text.push_str(&format!(" ({})", e.fields.join(", ")));
    }
    let record = (e.change != Change::Added)
        .then(|| ours.item_by_id(e.id))
        .flatten();
    match record {
        Some(r) => {
            if ui
                .link(text)
                .on_hover_text(format!(
                    "{} in the other folder; show ours",
                    e.change.word()
                ))
                .clicked()
            {
                ask.go_to = Some(r);
            }
        }
        None => {
            ui.label(text);
        }
    }
}
