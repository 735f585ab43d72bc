//! The shortcut sheet (F1): every key and mouse action in one place.

use egui::Ui;

/// What each key or gesture does, in the order a new user meets them.
pub const SHORTCUTS: [(&str, &str); 19] = [
    ("Drag, arrow keys", "pan"),
    (
        "Wheel, pinch, + / −",
        "zoom (the point under the cursor stays put)",
    ),
    ("Double-click", "zoom in"),
    ("Home", "back to the whole region"),
    (
        "Click",
        "open a feature, incident, site or line in the inspector",
    ),
    (
        "Esc",
        "clear the selection (or end the ruler, or clear the find box)",
    ),
    ("Ctrl+F", "find any name, vessel, id or date"),
    ("↑ / ↓, Enter", "choose a find result"),
    ("Z", "bring the selection into view"),
    (
        "N / P",
        "the next / previous shown incident in time (the map follows)",
    ),
    ("M", "start or end the ruler"),
    ("Backspace", "remove the ruler's last point"),
    (
        "Right-click",
        "copy a position, measure from it, centre on it, add an incident there",
    ),
    (
        "Ctrl+Z / Ctrl+Shift+Z",
        "undo / redo an edit of My incidents",
    ),
    (
        "Ctrl+S",
        "save the map as a PNG, with its scale and attribution",
    ),
    ("T", "show or hide the timeline"),
    ("[ / ]", "move the timeline's date range by a month"),
    ("← / → over the timeline", "the same"),
    ("F1", "this sheet"),
];

pub fn help_ui(ui: &mut Ui) {
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (keys, what) in SHORTCUTS {
                ui.strong(keys);
                ui.label(what);
                ui.end_row();
            }
        });
}
