//! Painting the map, one file per layer. Every painter reads a [`Canvas`] (the egui painter
//! through the frame's camera) and what the frame computed; none reads input or changes state.

mod basemap;
mod density;
mod graticule;
mod labels;
mod overlays;
mod points;
mod ruler;
mod web;
mod zones;

pub use zones::zone_style;

pub use basemap::{BASEMAP_SCALE_NOTICE, FINE_COAST_NOTICE, basemap_scale_notice};
pub use ruler::paint_measurement;

use super::camera::{Camera, ScreenRect};
use super::cluster::Cluster;
use super::focus::AgreementFocus;
use super::layers::Layers;
use super::pyramid::CellAgg;
use super::scene::Scene;
use super::style;
use super::synthetic::SyntheticLayer;
use super::user::UserLayerView;
use super::web::WebLayout;
use super::zones::{WorldLine, ZoneScene};
use crate::model::web::AgreementWeb;
use crate::model::{Atlas, Item, RecordRef};
use egui::{Color32, Pos2, Stroke};
use geo::Coord;

/// Screen lines keep a vertex only this far (points) from the last one kept: finer detail
/// is below a pixel and only costs strokes and dashes.
const THIN_STEP_PT: f64 = 0.5;

/// A point on screen, in egui points.
pub fn pos(c: Coord<f64>) -> Pos2 {
    // Screen coordinates fit f32 comfortably; the world stays f64.
    #[allow(clippy::cast_possible_truncation)]
    Pos2::new(c.x as f32, c.y as f32)
}

/// The egui painter seen through one frame's camera.
pub struct Canvas<'p> {
    pub painter: &'p egui::Painter,
    pub camera: Camera,
    pub viewport: ScreenRect,
}

impl Canvas<'_> {
    pub fn to_screen(&self, w: Coord<f64>) -> Pos2 {
        pos(self.camera.screen_from_world(&self.viewport, w))
    }

    fn to_screen_arr(&self, w: [f64; 2]) -> Pos2 {
        self.to_screen(Coord { x: w[0], y: w[1] })
    }

    /// A world polyline on screen, cut to the visible area (plus a margin) so that lines far
    /// off-screen are neither stroked nor dashed, and thinned to points half a point apart.
    fn screen_runs(&self, world: &[[f64; 2]]) -> Vec<Vec<Pos2>> {
        let screen: Vec<[f64; 2]> = world
            .iter()
            .map(|w| {
                let s = self
                    .camera
                    .screen_from_world(&self.viewport, Coord { x: w[0], y: w[1] });
                [s.x, s.y]
            })
            .collect();
        let r = self.painter.clip_rect().expand(8.0);
        let (min, max) = (
            [f64::from(r.min.x), f64::from(r.min.y)],
            [f64::from(r.max.x), f64::from(r.max.y)],
        );
        super::clip::clip_polyline(&screen, min, max)
            .into_iter()
            .map(|mut run| {
                super::clip::thin_run(&mut run, THIN_STEP_PT);
                run.into_iter()
                    .map(|p| pos(Coord { x: p[0], y: p[1] }))
                    .collect()
            })
            .collect()
    }

    /// [`Self::screen_runs`] of a line with a known bounding box: nothing projected when the
    /// box is off screen.
    fn line_runs(&self, line: &WorldLine) -> Vec<Vec<Pos2>> {
        let vis = self.camera.visible_world(&self.viewport);
        let pad = 8.0 * self.camera.m_per_pt();
        let off = line.max.x < vis.min().x - pad
            || line.min.x > vis.max().x + pad
            || line.max.y < vis.min().y - pad
            || line.min.y > vis.max().y + pad;
        if off {
            return Vec::new();
        }
        self.screen_runs(line.points_at(self.camera.zoom))
    }

    /// Whether a world point is on screen, or within `pad_pt` of it.
    fn near_screen(&self, w: Coord<f64>, pad_pt: f64) -> bool {
        let vis = self.camera.visible_world(&self.viewport);
        let pad = pad_pt * self.camera.m_per_pt();
        w.x >= vis.min().x - pad
            && w.x <= vis.max().x + pad
            && w.y >= vis.min().y - pad
            && w.y <= vis.max().y + pad
    }

    /// The selection ring, or the hover glow, behind a symbol.
    fn highlight(&self, p: Pos2, item: Item, marks: Marks, radius_pt: f32) {
        if marks.selected == Some(item) {
            self.painter.circle(
                p,
                radius_pt + 2.0,
                style::HIGHLIGHT.gamma_multiply(0.6),
                Stroke::new(2.0, Color32::BLACK),
            );
        } else if marks.hovered == Some(item) {
            self.painter
                .circle_filled(p, radius_pt, style::HIGHLIGHT.gamma_multiply(0.7));
        }
    }
}

/// A small text centred above `at`, on a white backdrop of `backdrop` opacity (times the
/// layer's): the labels the web and the zones put on the map.
fn boxed_label(c: &Canvas<'_>, at: Pos2, text: &str, color: Color32, opacity: f32, backdrop: f32) {
    let g = c.painter.layout_no_wrap(
        text.to_owned(),
        egui::FontId::proportional(10.5),
        style::faded(color, opacity),
    );
    let rect = egui::Align2::CENTER_BOTTOM.anchor_size(at, g.size());
    c.painter.rect_filled(
        rect.expand(2.0),
        3.0,
        style::faded(Color32::WHITE, backdrop * opacity),
    );
    c.painter.galley(rect.min, g, color);
}

/// What is selected and hovered, for highlights.
#[derive(Clone, Copy, Debug, Default)]
pub struct Marks {
    pub selected: Option<Item>,
    pub hovered: Option<Item>,
}

impl Marks {
    fn touches(self, record: RecordRef) -> bool {
        self.selected == Some(Item::Record(record)) || self.hovered == Some(Item::Record(record))
    }
}

/// Everything one frame paints, computed before painting.
pub struct MapLayers<'a> {
    pub atlas: &'a Atlas,
    pub layers: &'a Layers,
    pub marks: Marks,
    pub clusters: &'a [Cluster],
    /// Per agreement site: shown on the as-of date.
    pub site_visible: &'a [bool],
    pub focus: Option<&'a AgreementFocus>,
    pub user_layers: &'a [UserLayerView],
    /// The synthetic layer with its cells on screen.
    pub synthetic: Option<(&'a SyntheticLayer, &'a [CellAgg])>,
    /// The agreement web on the date, laid out for this frame.
    pub web: Option<(&'a AgreementWeb<'a>, &'a WebLayout)>,
    /// While comparing two dates: what changed on the web between them.
    pub web_diff: Option<&'a crate::model::web_diff::WebDiff>,
    /// Per base-map country: how strongly its land is shaded as a party (0 to 1).
    pub land_tint: &'a [f32],
    /// Maritime zones under the chosen lens, when shown.
    pub zones: Option<&'a ZoneScene>,
}

/// Paints every layer in order; returns the notice to show when small islands on screen may
/// lie off their true place (so the caller can say so).
pub fn paint_layers(
    canvas: &Canvas<'_>,
    scene: &mut Scene,
    m: &MapLayers<'_>,
) -> Option<&'static str> {
    canvas
        .painter
        .rect_filled(canvas.painter.clip_rect(), 0.0, style::SEA);
    let layers = m.layers;
    let approximate_islands = if layers.basemap.visible {
        basemap::paint_basemap(canvas, scene, layers.basemap.opacity, m.land_tint)
    } else {
        None
    };
    if layers.graticule.visible {
        graticule::paint_graticule(canvas, layers.graticule.opacity);
    }
    if let Some(z) = m.zones {
        zones::paint_zones(canvas, z, layers.claims.opacity.max(0.3));
    }
    if layers.claims.visible {
        overlays::paint_claims(canvas, m.atlas, scene, m.marks, layers.claims.opacity);
    }
    if let (Some((web, layout)), true) = (m.web, layers.agreements.visible) {
        let highlight = match m.marks.selected {
            Some(Item::Record(RecordRef::Agreement(i))) => Some(i),
            _ => None,
        };
        let opacity = layers.agreements.opacity;
        let marks = web::WebMarks {
            highlight,
            diff: m.web_diff,
        };
        web::paint_web(canvas, m.atlas, scene, web, layout, marks, opacity);
    }
    density::paint_user_layers(canvas, m.user_layers);
    if let Some((layer, cells)) = m.synthetic {
        density::paint_synthetic(canvas, layer, cells, m.marks);
    }
    if let Some(f) = m.focus {
        overlays::paint_focus(canvas, scene, f);
    }
    let mut occupied = Vec::new();
    if layers.agreements.visible {
        points::paint_sites(canvas, scene, m, layers.agreements.opacity);
    }
    if layers.incidents.visible {
        occupied.extend(points::paint_incidents(canvas, m));
    }
    let feature_labels = if layers.features.visible {
        points::paint_features(canvas, scene, m, &mut occupied)
    } else {
        Vec::new()
    };
    labels::paint_labels(canvas, m.atlas, scene, m, &feature_labels, occupied);
    approximate_islands
}
