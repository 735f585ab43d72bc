//! The ruler: its geodesic path, its vertices, a leg from the last vertex to the pointer, and
//! the running total beside the pointer (or the last vertex).

use super::pos;
use crate::map::camera::{Camera, ScreenRect};
use crate::map::measure::{Measurement, format_distance};
use crate::map::projection::world_from_lon_lat;
use egui::{Color32, Pos2};
use geo::Coord;

pub fn paint_measurement(
    painter: &egui::Painter,
    camera: &Camera,
    viewport: &ScreenRect,
    m: &Measurement,
    cursor: Option<Coord<f64>>,
) {
    let to_screen =
        |ll: Coord<f64>| pos(camera.screen_from_world(viewport, world_from_lon_lat(ll)));
    let ink = Color32::from_rgb(0xc0, 0x10, 0x60);
    let stroke = egui::Stroke::new(2.0, ink);
    let halo = egui::Stroke::new(4.0, Color32::from_white_alpha(200));
    let mut live = m.clone();
    if let (Some(c), false) = (cursor, m.points().is_empty()) {
        live.push(c);
    }
    let path: Vec<Pos2> = live.drawn_path().into_iter().map(to_screen).collect();
    if path.len() > 1 {
        painter.add(egui::Shape::line(path.clone(), halo));
        painter.add(egui::Shape::line(path, stroke));
    }
    for p in m.points() {
        painter.circle(to_screen(*p), 3.5, Color32::WHITE, stroke);
    }
    let (Some(last), true) = (live.points().last(), live.points().len() > 1) else {
        return;
    };
    let text = if live.points().len() > m.points().len() {
        let leg = live.legs_m().last().copied().unwrap_or_default();
        format!(
            "leg {}\ntotal {}",
            format_distance(leg),
            format_distance(live.total_m())
        )
    } else {
        format!("total {}", format_distance(live.total_m()))
    };
    let galley = painter.layout_no_wrap(text, egui::FontId::proportional(12.0), ink);
    // Up and to the right of the point, moved inside the map near its edges.
    let clip = painter.clip_rect().shrink(4.0);
    let anchor = to_screen(*last) + egui::vec2(10.0, -10.0 - galley.size().y);
    let size = galley.size() + egui::vec2(6.0, 6.0);
    let min = egui::pos2(
        anchor.x.min(clip.right() - size.x).max(clip.left()),
        anchor.y.max(clip.top()).min(clip.bottom() - size.y),
    );
    let bg = egui::Rect::from_min_size(min, size);
    painter.rect_filled(bg, 3.0, Color32::from_white_alpha(230));
    painter.galley(bg.min + egui::vec2(3.0, 3.0), galley, ink);
}
