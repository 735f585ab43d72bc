//! The status bar: cursor position, zoom, scale bar, the ruler and the data's as-of date.

use crate::map::Camera;
use crate::map::coords::format_lon_lat;
use crate::map::measure::{M_PER_NM, Measurement, format_distance};
use crate::map::projection::ground_m_per_world_m;
use crate::model::Date;
use egui::{Pos2, Stroke, Ui, Vec2};
use geo::Coord;

/// Longest scale bar, in points.
const MAX_BAR_PT: f64 = 110.0;

/// The largest 1-2-5 number not above `max`.
pub fn nice_below(max: f64) -> f64 {
    if max.is_nan() || max <= 0.0 {
        return 0.0;
    }
    let p = 10f64.powf(max.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v <= max)
        .unwrap_or(p)
}

/// Ground metres per screen point at the camera's centre latitude.
pub fn ground_m_per_pt(camera: &Camera) -> f64 {
    camera.m_per_px() * ground_m_per_world_m(camera.center_lon_lat().y)
}

/// Lengths of the scale bars: `(km, points)` and `(nm, points)`.
pub fn scale_bars(camera: &Camera) -> ((f64, f64), (f64, f64)) {
    let m_per_pt = ground_m_per_pt(camera);
    let km = nice_below(MAX_BAR_PT * m_per_pt / 1000.0);
    let nm = nice_below(MAX_BAR_PT * m_per_pt / M_PER_NM);
    ((km, km * 1000.0 / m_per_pt), (nm, nm * M_PER_NM / m_per_pt))
}

fn fmt_len(v: f64) -> String {
    if v >= 1.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// What the user asked of the status bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusAction {
    pub toggle_ruler: bool,
    pub open_about: bool,
}

/// The status bar.
pub fn status_ui(
    ui: &mut Ui,
    camera: &Camera,
    cursor: Option<Coord<f64>>,
    as_of: Option<Date>,
    ruler: Option<&Measurement>,
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
        let ((km, km_pt), (nm, nm_pt)) = scale_bars(camera);
        #[allow(clippy::cast_possible_truncation)]
        let (km_pt, nm_pt) = (km_pt as f32, nm_pt as f32);
        let (rect, _) = ui.allocate_exact_size(
            Vec2::new(MAX_BAR_PT as f32 + 70.0, 26.0),
            egui::Sense::hover(),
        );
        let p = ui.painter_at(rect);
        let color = ui.visuals().text_color();
        let stroke = Stroke::new(1.5, color);
        let x0 = rect.left() + 2.0;
        for (y, len, text) in [
            (rect.top() + 8.0, km_pt, format!("{} km", fmt_len(km))),
            (rect.top() + 20.0, nm_pt, format!("{} nm", fmt_len(nm))),
        ] {
            p.line_segment([Pos2::new(x0, y), Pos2::new(x0 + len, y)], stroke);
            p.line_segment([Pos2::new(x0, y - 3.0), Pos2::new(x0, y + 1.0)], stroke);
            p.line_segment(
                [Pos2::new(x0 + len, y - 3.0), Pos2::new(x0 + len, y + 1.0)],
                stroke,
            );
            p.text(
                Pos2::new(x0 + len + 4.0, y),
                egui::Align2::LEFT_CENTER,
                text,
                egui::FontId::proportional(11.0),
                color,
            );
        }
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
        let about = match as_of {
            Some(d) => format!("Data as of {d}"),
            None => "About the data".to_owned(),
        };
        action.open_about = ui
            .link(about)
            .on_hover_text("What the data covers, what it leaves out, and its sources")
            .clicked();
    });
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_numbers() {
        assert_eq!(nice_below(7.3), 5.0);
        assert_eq!(nice_below(180.0), 100.0);
        assert_eq!(nice_below(0.31), 0.2);
    }

    #[test]
    fn scale_bar_is_true_to_the_centre_latitude() {
        // Same zoom, higher latitude: a kilometre takes more points (Mercator stretch).
        let low = Camera::at_lon_lat(118.0, 5.0, 8.0);
        let high = Camera::at_lon_lat(118.0, 33.0, 8.0);
        let pt_per_km = |c: &Camera| 1000.0 / ground_m_per_pt(c);
        assert!(pt_per_km(&high) > pt_per_km(&low) * 1.15);
        let ((km, km_pt), (nm, nm_pt)) = scale_bars(&high);
        assert!((km_pt - km * pt_per_km(&high)).abs() < 1e-6);
        assert!((nm_pt - nm * 1.852 * pt_per_km(&high)).abs() < 1e-6);
        assert!(km_pt <= MAX_BAR_PT && nm_pt <= MAX_BAR_PT && km_pt > MAX_BAR_PT / 5.0);
    }
}
