//! Large point layers: the user's files and the `--stress` incidents, drawn as counted cells
//! or a density grid, with single points as symbols.

use super::{Canvas, Marks};
use crate::map::pyramid::{CellAgg, PointPyramid};
use crate::map::style;
use crate::map::synthetic::SyntheticLayer;
use crate::map::user::UserLayerView;
use crate::model::{IncidentKind, Item};
use egui::{Align2, Color32, FontId, Mesh, Rect, Shape, Stroke, Vec2};

/// A user layer with more cells than this on screen, or a cell this full, is drawn as a
/// density grid (count labels would carpet the map).
const DENSITY_ABOVE_CELLS: usize = 300;
const DENSITY_FROM_COUNT: u32 = 100;

/// Draws the synthetic cells as a density grid: a cell of several as a square shaded by
/// its count (log scale against the fullest cell on screen), a single incident as its
/// kind's symbol. Drawn under the real data so its features and incidents stay readable.
pub fn paint_synthetic(c: &Canvas<'_>, layer: &SyntheticLayer, cells: &[CellAgg], marks: Marks) {
    let opacity = layer.settings.opacity;
    paint_density(c, cells, style::SYNTHETIC, opacity);
    let marks = Marks {
        hovered: None,
        ..marks
    };
    for cell in cells.iter().filter(|cell| cell.count == 1) {
        let p = c.to_screen(cell.center_world);
        let kind = layer
            .data
            .kind_of(cell.first)
            .unwrap_or(IncidentKind::Other);
        c.highlight(p, Item::Synthetic(cell.first), marks, 6.0);
        style::incident_symbol(c.painter, p, 3.5, kind, opacity * 0.8);
    }
}

/// Draws the user's layers: lines and rings culled by their bounds, points clustered.
pub fn paint_user_layers(c: &Canvas<'_>, user_layers: &[UserLayerView]) {
    let vis = c.camera.visible_world(&c.viewport);
    for l in user_layers.iter().filter(|l| l.settings.visible) {
        let opacity = l.settings.opacity;
        let stroke = Stroke::new(1.3, style::faded(style::USER, opacity));
        let (lod, shown) = l.scene.lines_in(&c.camera, vis);
        for i in shown {
            for run in c.screen_runs(lod.get(i).map_or(&[][..], Vec::as_slice)) {
                c.painter.add(Shape::line(run, stroke));
            }
        }
        let cells = l.scene.point_cells(&c.camera, &c.viewport, 20.0);
        let dense = cells.len() > DENSITY_ABOVE_CELLS
            || cells.iter().any(|cell| cell.count >= DENSITY_FROM_COUNT);
        if dense {
            paint_density(c, &cells, style::USER, opacity);
        }
        for cell in &cells {
            let (p, count) = (c.to_screen(cell.center_world), cell.count as usize);
            if count == 1 {
                let r = Rect::from_center_size(p, Vec2::splat(5.0));
                c.painter
                    .rect_filled(r, 0.0, style::faded(style::USER, opacity));
            } else if !dense {
                let radius = style::cluster_radius(count);
                c.painter.circle(
                    p,
                    radius,
                    style::faded(style::USER.gamma_multiply(0.35), opacity),
                    stroke,
                );
                c.painter.text(
                    p,
                    Align2::CENTER_CENTER,
                    style::compact_count(count),
                    FontId::proportional(10.0),
                    style::faded(Color32::BLACK, opacity),
                );
            }
        }
    }
}

/// Cells of several as squares shaded by count (log scale against the fullest cell on
/// screen): readable however many there are, where count labels would carpet the map.
fn paint_density(c: &Canvas<'_>, cells: &[CellAgg], color: Color32, opacity: f32) {
    let max = cells
        .iter()
        .map(|cell| cell.count)
        .max()
        .unwrap_or(1)
        .max(2);
    let log_max = f64::from(max).ln();
    let mut mesh = Mesh::default();
    for cell in cells.iter().filter(|cell| cell.count > 1) {
        let r = PointPyramid::cell_rect(cell.key);
        let a = c.to_screen(r.min());
        let b = c.to_screen(r.max());
        let t = f64::from(cell.count).ln() / log_max;
        // 0.1..0.55 of the opacity: the sparsest cells stay visible, the fullest let the
        // base map show through.
        #[allow(clippy::cast_possible_truncation)]
        let alpha = (0.1 + 0.45 * t) as f32 * opacity;
        mesh.add_colored_rect(
            Rect::from_two_pos(a, b).shrink(0.5),
            style::faded(color, alpha),
        );
    }
    c.painter.add(Shape::mesh(mesh));
}
