//! The incidents filter: kinds, actor countries and a date range, with the count shown.

use crate::io::props::parse_date;
use crate::map::style;
use crate::model::{Atlas, Country, Date, IncidentFilter, IncidentKind};
use egui::{RichText, Ui, Vec2};
use std::collections::BTreeSet;

/// The text of a date field while the user types (its date applies once it parses). It
/// follows the date it edits when that changes elsewhere (the timeline, `[` / `]`).
#[derive(Clone, Debug, Default)]
pub struct DateText {
    pub text: String,
    /// The date the text last showed or set.
    synced: Option<Date>,
}

impl DateText {
    /// Shows `value` if it changed since the text last showed or set it.
    pub fn follow(&mut self, value: Option<Date>) {
        if value != self.synced {
            self.text = value.map(|d| d.to_string()).unwrap_or_default();
            self.synced = value;
        }
    }
}

/// The From and To fields of the incident filter.
#[derive(Clone, Debug, Default)]
pub struct DateFields {
    pub from: DateText,
    pub to: DateText,
}

/// The count line, e.g. "12 of 148 incidents shown".
pub fn count_label(shown: usize, total: usize) -> String {
    format!("{shown} of {total} incidents shown")
}

/// The line under the filter for `--stress` incidents, counts grouped by thousands.
pub fn synthetic_count_label(shown: usize, total: usize) -> String {
    format!(
        "+ {} of {} SYNTHETIC incidents (--stress)",
        thousands(shown),
        thousands(total)
    )
}

/// 1234567 → "1,234,567".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Draws the filter; returns it edited when the user changed it.
pub fn incident_filter_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    current: &IncidentFilter,
    fields: &mut DateFields,
    shown: usize,
) -> Option<IncidentFilter> {
    fields.from.follow(current.from);
    fields.to.follow(current.to);
    let mut edited = current.clone();
    let filter = &mut edited;
    ui.label(RichText::new(count_label(shown, atlas.incidents.len())).strong());
    ui.horizontal(|ui| {
        ui.label("Kinds:");
        if ui.small_button("all").clicked() {
            filter.kinds = IncidentKind::ALL.into_iter().collect();
        }
        if ui.small_button("none").clicked() {
            filter.kinds.clear();
        }
    });
    for kind in IncidentKind::ALL {
        let n = atlas.incidents.iter().filter(|i| i.kind == kind).count();
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(14.0, 14.0), egui::Sense::hover());
            style::incident_symbol(&ui.painter_at(rect), rect.center(), 4.0, kind, 1.0);
            let mut on = filter.kinds.contains(&kind);
            if ui.checkbox(&mut on, kind.label()).changed() {
                if on {
                    filter.kinds.insert(kind);
                } else {
                    filter.kinds.remove(&kind);
                }
            }
            ui.weak(format!("{n}"));
        });
    }
    ui.add_space(4.0);
    ui.label("Actor country (none ticked: any):");
    let countries: BTreeSet<Country> = atlas
        .incidents
        .iter()
        .flat_map(|i| i.actors.iter().map(|a| a.country))
        .collect();
    ui.horizontal_wrapped(|ui| {
        for c in countries {
            let mut on = filter.actors.contains(&c);
            if ui
                .checkbox(&mut on, c.code())
                .on_hover_text(c.name())
                .changed()
            {
                if on {
                    filter.actors.insert(c);
                } else {
                    filter.actors.remove(&c);
                }
            }
        }
    });
    ui.add_space(4.0);
    date_field(ui, "From", &mut fields.from, &mut filter.from);
    date_field(ui, "To", &mut fields.to, &mut filter.to);
    if let (Some(a), Some(b)) = (filter.from, filter.to)
        && a > b
    {
        ui.colored_label(
            egui::Color32::from_rgb(0xb0, 0x20, 0x20),
            "From is after To: nothing matches.",
        );
    }
    (edited != *current).then_some(edited)
}

/// A YYYY-MM-DD field: empty clears the bound, a valid date sets it, anything else is flagged.
pub fn date_field(ui: &mut Ui, label: &str, field: &mut DateText, value: &mut Option<Date>) {
    ui.horizontal(|ui| {
        ui.label(format!("{label}:"));
        let resp = ui.add(
            egui::TextEdit::singleline(&mut field.text)
                .desired_width(90.0)
                .hint_text("YYYY-MM-DD"),
        );
        let trimmed = field.text.trim();
        if trimmed.is_empty() {
            if resp.changed() {
                *value = None;
                field.synced = None;
            }
        } else if let Some(d) = parse_date(trimmed) {
            if resp.changed() {
                *value = Some(d);
                field.synced = Some(d);
            }
        } else {
            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x20, 0x20), "not a date");
        }
    });
}

/// The export row: a file name (its extension picks CSV or GeoJSON) and a button; returns true
/// when the button was clicked.
pub fn export_ui(ui: &mut Ui, path: &mut String, shown: usize, message: Option<&str>) -> ExportAsk {
    ui.separator();
    ui.label("Export the shown incidents with their sources (.csv or .geojson):");
    let mut ask = ExportAsk::default();
    ui.horizontal(|ui| {
        let label = ui.label("File");
        ui.add(egui::TextEdit::singleline(path).desired_width(200.0))
            .labelled_by(label.id);
    });
    // The buttons on a row of their own, so the row never widens the panel.
    ui.horizontal(|ui| {
        ask.export = ui
            .add_enabled(shown > 0, egui::Button::new(format!("Export {shown}")))
            .clicked();
        ask.browse = ui
            .add_enabled(shown > 0, egui::Button::new("Browse…"))
            .on_hover_text("Choose where to export in a file dialog")
            .clicked();
    });
    if let Some(m) = message {
        ui.weak(m);
    }
    ask
}

/// What the export row asked for: write to the typed file, or choose one in a dialog.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportAsk {
    pub export: bool,
    pub browse: bool,
}

/// The shown incidents, newest first, one line each; returns the one clicked. Only the rows
/// in view are laid out, so a long list costs no more than a short one.
///
/// `reveal`: a row to scroll into view (two rows below the top), when the selection changed
/// elsewhere (on the map, with N / P).
pub fn incident_list_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    newest_first: &[usize],
    selected: Option<usize>,
    reveal: Option<usize>,
) -> Option<usize> {
    ui.separator();
    ui.label(RichText::new("Shown incidents, newest first").strong());
    let mut chosen = None;
    let row_height = ui.spacing().interact_size.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("incident-list")
        .max_height(320.0)
        .auto_shrink([false, true]);
    if let Some(row) = reveal {
        let pitch = row_height + ui.spacing().item_spacing.y;
        #[allow(clippy::cast_precision_loss)]
        let offset = row.saturating_sub(2) as f32 * pitch;
        area = area.vertical_scroll_offset(offset);
    }
    area.show_rows(ui, row_height, newest_first.len(), |ui, rows| {
        for &i in newest_first.get(rows).unwrap_or_default() {
            let Some(x) = atlas.incidents.get(i) else {
                continue;
            };
            let line = x.one_line();
            let button = egui::Button::selectable(selected == Some(i), line.as_str()).truncate();
            if ui.add(button).on_hover_text(&x.summary).clicked() {
                chosen = Some(i);
            }
        }
    });
    chosen
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        let t = super::thousands;
        assert_eq!(
            [t(0), t(999), t(1000), t(70_350), t(1_000_000)],
            ["0", "999", "1,000", "70,350", "1,000,000"]
        );
    }
}
