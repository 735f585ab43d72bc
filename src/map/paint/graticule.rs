//! Meridians and parallels at a step that suits the zoom, labelled at the map's edges.

use super::Canvas;
use crate::map::graticule::{format_tick, step_deg, ticks};
use crate::map::projection::{lon_lat_from_world, world_from_lon_lat};
use crate::map::style;
use egui::{Align2, FontId, Pos2, Stroke};
use geo::Coord;

pub fn paint_graticule(c: &Canvas<'_>, opacity: f32) {
    let step = step_deg(c.camera.pt_per_m(), 90.0);
    let vis = c.camera.visible_world(&c.viewport);
    let a = lon_lat_from_world(vis.min());
    let b = lon_lat_from_world(vis.max());
    let stroke = Stroke::new(0.7, style::faded(style::GRATICULE, opacity));
    let font = FontId::proportional(10.0);
    let text_color = style::faded(style::SEA_LABEL, opacity);
    let r = c.painter.clip_rect();
    for lon in ticks(a.x, b.x, step) {
        let x = c.to_screen(world_from_lon_lat(Coord { x: lon, y: 0.0 })).x;
        c.painter
            .line_segment([Pos2::new(x, r.top()), Pos2::new(x, r.bottom())], stroke);
        c.painter.text(
            Pos2::new(x + 2.0, r.top() + 2.0),
            Align2::LEFT_TOP,
            format_tick(lon, 'E', 'W'),
            font.clone(),
            text_color,
        );
    }
    for lat in ticks(a.y, b.y, step) {
        let y = c.to_screen(world_from_lon_lat(Coord { x: 0.0, y: lat })).y;
        c.painter
            .line_segment([Pos2::new(r.left(), y), Pos2::new(r.right(), y)], stroke);
        c.painter.text(
            Pos2::new(r.left() + 2.0, y - 1.0),
            Align2::LEFT_BOTTOM,
            format_tick(lat, 'N', 'S'),
            font.clone(),
            text_color,
        );
    }
}
