//! The base map: land filled (parties of a selected agreement shaded), borders stroked, and
//! small islands dashed once the view is beyond Natural Earth's scale; past zoom 8, once it has
//! loaded, the finer GSHHG coast instead.

use super::Canvas;
use crate::map::fine_coast::{FineCoast, wants_fine_coast};
use crate::map::scene::{Scene, WorldMesh, beyond_basemap_scale, lod_for_zoom};
use crate::map::style;
use egui::{Mesh, Rect, Shape, Stroke, Ui, epaint::Vertex};

/// What the dashed islands mean, shown along the map's foot while any are on screen.
pub const BASEMAP_SCALE_NOTICE: &str = "Dashed islands: Natural Earth 1:10m, beyond its scale here; may be km off. Markers are sourced.";

/// What the fine coast's small islands are worth, shown while one is on screen (GSHHG's
/// own accuracy, measured in `assets/coast/README.md`).
pub const FINE_COAST_NOTICE: &str = "Coast: GSHHG full resolution; small islands may be 0.1 to 4 km off (most at the Senkakus). Markers are sourced.";

/// Draws the base map; returns the notice to show when small islands on screen may lie off
/// their place: Natural Earth's beyond its scale (drawn dashed), or the fine coast's.
pub fn paint_basemap(
    c: &Canvas<'_>,
    scene: &mut Scene,
    opacity: f32,
    land_tint: &[f32],
) -> Option<&'static str> {
    if wants_fine_coast(c.camera.zoom)
        && let Some(coast) = &scene.fine_coast
    {
        let small = paint_fine_coast(c, coast, opacity);
        return small.then_some(FINE_COAST_NOTICE);
    }
    let visible = scene.base_polygons_in(c.camera.visible_world(&c.viewport));
    let beyond_scale = beyond_basemap_scale(c.camera.zoom);
    let approximate: Vec<bool> = visible
        .iter()
        .map(|&i| beyond_scale && scene.base_small.get(i).copied().unwrap_or(false))
        .collect();
    let tint: Vec<f32> = visible
        .iter()
        .map(|&i| {
            let country = scene.base_country.get(i).copied();
            country
                .and_then(|ci| land_tint.get(ci))
                .copied()
                .unwrap_or(0.0)
        })
        .collect();
    let polys = scene.base_lod(lod_for_zoom(c.camera.zoom));

    let mut mesh = Mesh::default();
    for ((&i, &approx), &t) in visible.iter().zip(&approximate).zip(&tint) {
        let Some(p) = polys.get(i).filter(|_| !approx) else {
            continue;
        };
        let color = style::faded(style::mix(style::LAND, style::PARTY_STRONG, t), opacity);
        if !push_fill(c, &mut mesh, &p.fill, color) {
            break;
        }
    }
    c.painter.add(Shape::mesh(mesh));
    let border = Stroke::new(0.8, style::faded(style::BORDER, opacity));
    let dashed = Stroke::new(1.2, style::faded(style::BORDER, opacity));
    for (&i, &approx) in visible.iter().zip(&approximate) {
        let Some(p) = polys.get(i) else { continue };
        for ring in &p.rings {
            for run in c.screen_runs(ring) {
                if approx {
                    c.painter.extend(Shape::dashed_line(&run, dashed, 4.0, 3.0));
                } else {
                    c.painter.add(Shape::line(run, border));
                }
            }
        }
    }
    approximate.contains(&true).then_some(BASEMAP_SCALE_NOTICE)
}

/// Past zoom 8: the GSHHG coast's land and shoreline in place of Natural Earth's outlines
/// (which lie up to kilometres off there). It has no countries, so no party shading or land
/// borders are drawn at these zooms. Returns whether a small island is on screen.
fn paint_fine_coast(c: &Canvas<'_>, coast: &FineCoast, opacity: f32) -> bool {
    let visible = coast.polygons_in(c.camera.visible_world(&c.viewport));
    let polys = coast.lod(lod_for_zoom(c.camera.zoom));
    let color = style::faded(style::LAND, opacity);
    let mut mesh = Mesh::default();
    for p in visible.iter().filter_map(|&i| polys.get(i)) {
        if !push_fill(c, &mut mesh, &p.fill, color) {
            break;
        }
    }
    c.painter.add(Shape::mesh(mesh));
    let shore = Stroke::new(0.8, style::faded(style::BORDER, opacity));
    for p in visible.iter().filter_map(|&i| polys.get(i)) {
        for ring in &p.rings {
            for run in c.screen_runs(ring) {
                c.painter.add(Shape::line(run, shore));
            }
        }
    }
    visible.iter().any(|&i| coast.is_small(i))
}

/// The line along the map's foot that says small islands may be kilometres off.
pub fn basemap_scale_notice(ui: &mut Ui, rect: Rect, notice: &str) {
    let strip = Rect::from_min_max(
        egui::pos2(rect.left() + 6.0, rect.bottom() - 24.0),
        egui::pos2(rect.right() - 6.0, rect.bottom() - 4.0),
    );
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(strip)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
        |ui| {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(notice)
                        .color(style::COUNTRY_LABEL)
                        .background_color(style::HALO),
                )
                .selectable(false)
                .truncate(),
            );
        },
    );
}

/// Appends a triangulated fill to `mesh` in screen space; false once the mesh's 32-bit
/// indices are full (the caller stops adding).
fn push_fill(c: &Canvas<'_>, mesh: &mut Mesh, fill: &WorldMesh, color: egui::Color32) -> bool {
    let Ok(base) = u32::try_from(mesh.vertices.len()) else {
        return false;
    };
    mesh.vertices.extend(fill.vertices.iter().map(|v| Vertex {
        pos: c.to_screen_arr(*v),
        uv: egui::epaint::WHITE_UV,
        color,
    }));
    mesh.indices.extend(fill.indices.iter().map(|k| base + k));
    true
}
