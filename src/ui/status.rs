//! The status bar: cursor position, zoom, scale bar, the ruler and the data's as-of date.

use crate::map::Camera;
use crate::map::coords::format_lon_lat;
use crate::map::measure::{Measurement, format_distance};
use crate::map::scale::MAX_BAR_PT;
use crate::map::stamp::paint_scale_bars;
use crate::model::Date;
use egui::{Pos2, Ui, Vec2};
use geo::Coord;

/// What the user asked of the status bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusAction {
    pub toggle_ruler: bool,
    pub open_about: bool,
    pub save_image: bool,
}

/// The status bar.
pub fn status_ui(
    ui: &mut Ui,
    camera: &Camera,
    cursor: Option<Coord<f64>>,
    as_of: Option<Date>,
    ruler: Option<&Measurement>,
    save_message: Option<&str>,
) -> StatusAction {
    let mut action = StatusAction::default();
    ui.horizontal(|ui| {
        match cursor {
            Some(c) => ui.monospace(format_lon_lat(c)),
            None => ui.monospace("cursor outside the map"),
        };
        ui.separator();
        ui.monospace(format!(
            "zoom {:.2}  ·  1:{:.0}",
            camera.zoom,
            camera.scale_denominator(3.78)
        ));
        ui.separator();
        let (rect, _) = ui.allocate_exact_size(
            Vec2::new(MAX_BAR_PT as f32 + 70.0, 26.0),
            egui::Sense::hover(),
        );
        paint_scale_bars(
            &ui.painter_at(rect),
            Pos2::new(rect.left() + 2.0, rect.top() + 8.0),
            camera,
            ui.visuals().text_color(),
        );
        ui.separator();
        action.toggle_ruler = ui
            .selectable_label(ruler.is_some(), "Measure (M)")
            .on_hover_text("Click points on the map to measure geodesic distances; Backspace removes the last point, Esc or M ends")
            .clicked();
        if let Some(m) = ruler {
            match m.points().len() {
                0 => ui.weak("click the map to start"),
                _ => ui.strong(format_distance(m.total_m())),
            };
        }
        ui.separator();
        action.save_image = ui
            .button("Save image (Ctrl+S)")
            .on_hover_text("Save the map as shown, with its scale and attribution, as a PNG")
            .clicked();
        ui.separator();
        let about = match as_of {
            Some(d) => format!("Data as of {d}"),
            None => "About the data".to_owned(),
        };
        action.open_about = ui
            .link(about)
            .on_hover_text("What the data covers, what it leaves out, and its sources")
            .clicked();
        // Last, so a long path truncates instead of pushing the rest off the bar.
        if let Some(m) = save_message {
            ui.separator();
            ui.add(egui::Label::new(egui::RichText::new(m).weak()).truncate())
                .on_hover_text(m);
        }
    });
    action
}
