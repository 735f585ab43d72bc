//! Point symbols: agreement sites, incidents (single, or merged into counted rings), and the
//! disputed features, each with its highlight.

use super::{Canvas, MapLayers};
use crate::map::labels::LabelBox;
use crate::map::scene::Scene;
use crate::map::style;
use crate::model::{Item, RecordRef};
use egui::{Align2, Color32, FontId, Pos2, Vec2};

/// Feature names appear from this zoom on.
const FEATURE_LABEL_MIN_ZOOM: f64 = 6.5;

pub fn paint_sites(c: &Canvas<'_>, scene: &Scene, m: &MapLayers<'_>, opacity: f32) {
    for (i, w) in scene.sites.iter().enumerate() {
        if m.site_visible.get(i) != Some(&true) || !c.near_screen(*w, 20.0) {
            continue;
        }
        let p = c.to_screen(*w);
        c.highlight(p, Item::Record(RecordRef::Site(i)), m.marks, 7.0);
        style::site_symbol(c.painter, p, 4.5, opacity);
    }
}

/// Draws the incident clusters; returns the boxes their count labels occupy.
pub fn paint_incidents(c: &Canvas<'_>, m: &MapLayers<'_>) -> Vec<LabelBox> {
    let opacity = m.layers.incidents.opacity;
    let mut occupied = Vec::new();
    for cluster in m.clusters {
        let p = c.to_screen(cluster.center_world);
        if let [i] = cluster.members.as_slice() {
            let Some(inc) = m.atlas.incidents.get(*i) else {
                continue;
            };
            c.highlight(p, Item::Record(RecordRef::Incident(*i)), m.marks, 6.0);
            style::incident_symbol(c.painter, p, 3.5, inc.kind, opacity);
            continue;
        }
        let members = &cluster.members;
        let contains = |item: Option<Item>| {
            item.and_then(Item::incident)
                .is_some_and(|i| members.binary_search(&i).is_ok())
        };
        let kinds = members
            .iter()
            .filter_map(|i| m.atlas.incidents.get(*i).map(|x| x.kind));
        let r = style::cluster_radius(members.len());
        if contains(m.marks.selected) || contains(m.marks.hovered) {
            c.painter
                .circle_filled(p, r + 3.0, style::HIGHLIGHT.gamma_multiply(0.7));
        }
        style::cluster_symbol(c.painter, p, r, kinds, opacity);
        let text_at = p + Vec2::new(r * 0.75, -r * 0.75);
        let g = c.painter.layout_no_wrap(
            members.len().to_string(),
            FontId::proportional(11.0),
            Color32::BLACK,
        );
        let rect = Align2::LEFT_BOTTOM.anchor_size(text_at, g.size());
        c.painter.rect_filled(
            rect.expand(1.5),
            4.0,
            style::faded(Color32::WHITE, 0.85 * opacity),
        );
        c.painter.galley(rect.min, g, Color32::BLACK);
        occupied.push(LabelBox {
            min: [f64::from(rect.min.x), f64::from(rect.min.y)],
            max: [f64::from(rect.max.x), f64::from(rect.max.y)],
        });
    }
    occupied
}

/// Draws the disputed features (their symbols join `occupied`); returns the features whose
/// names should be labelled, with where their symbols are.
pub fn paint_features(
    c: &Canvas<'_>,
    scene: &Scene,
    m: &MapLayers<'_>,
    occupied: &mut Vec<LabelBox>,
) -> Vec<(usize, Pos2)> {
    let mut labels = Vec::new();
    for (i, w) in scene.features.iter().enumerate() {
        let Some(f) = m.atlas.features.get(i).filter(|_| c.near_screen(*w, 20.0)) else {
            continue;
        };
        let p = c.to_screen(*w);
        let item = Item::Record(RecordRef::Feature(i));
        c.highlight(p, item, m.marks, 10.0);
        let fill = style::holder_color(f.controlled_by);
        style::feature_symbol(c.painter, p, 5.5, f.kind, fill, m.layers.features.opacity);
        occupied.push(LabelBox::centered(
            [f64::from(p.x), f64::from(p.y)],
            [12.0, 12.0],
        ));
        if c.camera.zoom >= FEATURE_LABEL_MIN_ZOOM || m.marks.selected == Some(item) {
            labels.push((i, p));
        }
    }
    labels
}
