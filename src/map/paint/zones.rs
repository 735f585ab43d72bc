//! Maritime zones under the chosen lens: territorial seas solid, contiguous zones dashed, EEZ
//! limits long-dashed; overlaps of two EEZs outlined, with their equidistance lines labelled
//! as not agreed boundaries; disputed features' zones labelled with holder and claimants.

use super::Canvas;
use crate::map::style;
use crate::map::zones::{LinesKey, ZoneScene};
use crate::model::zones::ZoneKind;
use egui::epaint::Tessellator;
use egui::{Color32, Mesh, Shape, Stroke};

/// Labels of feature zones appear from this zoom on (below it they would carpet the map).
const LABEL_MIN_ZOOM: f64 = 7.0;

/// How a zone limit is stroked: colour, width, dash and gap (points; no dash: solid).
pub fn zone_style(kind: ZoneKind) -> (Color32, f32, Option<(f32, f32)>) {
    match kind {
        ZoneKind::TerritorialSea => (style::ZONE_TS, 1.4, None),
        ZoneKind::ContiguousZone => (style::ZONE_CZ, 1.2, Some((5.0, 4.0))),
        ZoneKind::Eez => (style::ZONE_EEZ, 1.3, Some((12.0, 5.0))),
    }
}

pub fn paint_zones(c: &Canvas<'_>, zones: &ZoneScene, opacity: f32) {
    let ctx = c.painter.ctx();
    let clip = c.painter.clip_rect();
    let key = LinesKey {
        camera: c.camera,
        viewport: c.viewport,
        clip: [clip.min.x, clip.min.y, clip.max.x, clip.max.y],
        opacity,
        pixels_per_point: ctx.pixels_per_point(),
    };
    let mesh = zones.lines_mesh(key, || {
        let mut shapes = Vec::new();
        zone_lines(c, zones, opacity, &mut shapes);
        tessellate(c, shapes)
    });
    c.painter.add(Shape::Mesh(mesh));
    for o in &zones.overlaps {
        if let Some(w) = o.label_at.filter(|w| c.near_screen(*w, 0.0)) {
            label(c, c.to_screen(w), &o.label, style::ZONE_OVERLAP, opacity);
        }
    }
    if c.camera.zoom >= LABEL_MIN_ZOOM {
        for (w, text) in zones.labels.iter().filter(|(w, _)| c.near_screen(*w, 0.0)) {
            label(c, c.to_screen(*w), text, style::ZONE_TS, opacity);
        }
    }
}

/// Tessellates the zone lines as egui would (its options, this screen's pixel density), so
/// that a frame with the same view draws the mesh again instead of dashing and stroking
/// thousands of segments: the pointer moving over the map repaints at the same view.
fn tessellate(c: &Canvas<'_>, shapes: Vec<Shape>) -> Mesh {
    let ctx = c.painter.ctx();
    let options = ctx.tessellation_options(|o| *o);
    // Lines and dots only: no text, so no font atlas and no prepared discs are needed.
    let mut t = Tessellator::new(ctx.pixels_per_point(), options, [1, 1], Vec::new());
    t.set_clip_rect(c.painter.clip_rect());
    let mut mesh = Mesh::default();
    for s in shapes {
        t.tessellate_shape(s, &mut mesh);
    }
    mesh
}

/// The limits, overlaps and equidistance lines, as shapes.
fn zone_lines(c: &Canvas<'_>, zones: &ZoneScene, opacity: f32, out: &mut Vec<Shape>) {
    let overlap = Stroke::new(1.0, style::faded(style::ZONE_OVERLAP, 0.6 * opacity));
    let median = Stroke::new(2.0, style::faded(style::ZONE_OVERLAP, opacity));
    for o in &zones.overlaps {
        for ring in &o.rings {
            for run in c.line_runs(ring) {
                out.extend(Shape::dotted_line(&run, overlap.color, 4.0, 0.8));
            }
        }
        for line in &o.equidistance {
            for run in c.line_runs(line) {
                out.extend(Shape::dashed_line(&run, median, 9.0, 4.0));
            }
        }
    }
    for z in &zones.zones {
        let (color, width, dash) = zone_style(z.kind);
        let stroke = Stroke::new(width, style::faded(color, opacity));
        for ring in &z.rings {
            for run in c.line_runs(ring) {
                match dash {
                    None => out.push(Shape::line(run, stroke)),
                    Some((d, g)) => out.extend(Shape::dashed_line(&run, stroke, d, g)),
                }
            }
        }
    }
}

fn label(c: &Canvas<'_>, at: egui::Pos2, text: &str, color: Color32, opacity: f32) {
    super::boxed_label(c, at, text, color, opacity, 0.7);
}
