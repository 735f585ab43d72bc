//! Labels: the selected feature's name first, then seas, countries and features, each placed
//! only where it overlaps no symbol or label placed before it.

use super::{Canvas, MapLayers};
use crate::map::focus::country_anchor;
use crate::map::labels::{LabelBox, place_label_alternatives};
use crate::map::projection::world_from_lon_lat;
use crate::map::scene::Scene;
use crate::map::style;
use crate::model::{Atlas, Item, RecordRef};
use egui::{Align2, Color32, FontId, Pos2, Rect, Vec2};
use geo::Coord;
use std::sync::Arc;

/// Sea and strait names, placed by hand (placement only: no claim is implied).
const SEA_LABELS: [(&str, f64, f64); 11] = [
    ("South China Sea", 113.2, 13.8),
    ("East China Sea", 125.3, 29.6),
    ("Philippine Sea", 129.0, 17.5),
    ("Sulu Sea", 120.3, 8.6),
    ("Celebes Sea", 122.8, 4.0),
    ("Gulf of Tonkin", 107.8, 19.9),
    ("Gulf of Thailand", 101.8, 9.6),
    ("Yellow Sea", 123.2, 35.3),
    ("Taiwan Strait", 119.4, 24.1),
    ("Luzon Strait", 120.9, 20.6),
    ("Java Sea", 111.0, -5.0),
];

/// Longest label drawn, in characters: a hostile name must not become a huge text mesh.
const MAX_LABEL_CHARS: usize = 80;

/// A label that may be placed if it overlaps nothing placed before it.
struct LabelCandidate {
    text: String,
    anchor: Pos2,
    align: Align2,
    size_pt: f32,
    color: Color32,
    italic: bool,
    /// Alternatives of one label share a group.
    group: usize,
}

/// A label shortened for the map (an ellipsis marks the cut).
fn short(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL_CHARS {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(MAX_LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// A feature's label goes right of its symbol, else left, above or below.
fn feature_candidates(atlas: &Atlas, i: usize, p: Pos2) -> Vec<LabelCandidate> {
    let Some(f) = atlas.features.get(i) else {
        return Vec::new();
    };
    [
        (Vec2::new(9.0, 0.0), Align2::LEFT_CENTER),
        (Vec2::new(-9.0, 0.0), Align2::RIGHT_CENTER),
        (Vec2::new(0.0, -9.0), Align2::CENTER_BOTTOM),
        (Vec2::new(0.0, 9.0), Align2::CENTER_TOP),
    ]
    .into_iter()
    .map(|(offset, align)| LabelCandidate {
        text: short(&f.name),
        anchor: p + offset,
        align,
        size_pt: 12.0,
        color: style::FEATURE_LABEL,
        italic: false,
        group: 1_000_000 + i,
    })
    .collect()
}

/// Sea and country names, in that order.
fn area_candidates(
    c: &Canvas<'_>,
    atlas: &Atlas,
    scene: &Scene,
    first_group: usize,
) -> Vec<LabelCandidate> {
    let mut out = Vec::new();
    for (name, lon, lat) in SEA_LABELS {
        out.push(LabelCandidate {
            text: name.to_owned(),
            anchor: c.to_screen(world_from_lon_lat(Coord { x: lon, y: lat })),
            align: Align2::CENTER_CENTER,
            size_pt: 14.0,
            color: style::SEA_LABEL,
            italic: true,
            group: first_group + out.len(),
        });
    }
    for (ci, country) in atlas.countries.iter().enumerate() {
        if let Some(anchor) = country_anchor(atlas, scene, ci) {
            out.push(LabelCandidate {
                text: short(&country.name),
                anchor: c.to_screen(anchor),
                align: Align2::CENTER_CENTER,
                size_pt: 13.0,
                color: style::COUNTRY_LABEL,
                italic: false,
                group: first_group + out.len(),
            });
        }
    }
    out
}

pub fn paint_labels(
    c: &Canvas<'_>,
    atlas: &Atlas,
    scene: &Scene,
    m: &MapLayers<'_>,
    features: &[(usize, Pos2)],
    occupied: Vec<LabelBox>,
) {
    let selected = match m.marks.selected {
        Some(Item::Record(RecordRef::Feature(i))) => Some(i),
        _ => None,
    };
    // Candidates in priority order: the selected feature, seas, countries, then features.
    let mut cands: Vec<LabelCandidate> = Vec::new();
    if let Some(&(i, p)) = features.iter().find(|(i, _)| Some(*i) == selected) {
        cands.extend(feature_candidates(atlas, i, p));
    }
    if m.layers.basemap.visible {
        let first = cands.len();
        cands.extend(area_candidates(c, atlas, scene, first));
    }
    for &(i, p) in features.iter().filter(|(i, _)| Some(*i) != selected) {
        cands.extend(feature_candidates(atlas, i, p));
    }
    place(c, cands, &occupied);
}

/// Lays out every candidate near the screen and draws those that fit.
fn place(c: &Canvas<'_>, cands: Vec<LabelCandidate>, occupied: &[LabelBox]) {
    let clip = c.painter.clip_rect();
    let placed: Vec<(Arc<egui::Galley>, Rect, usize)> = cands
        .into_iter()
        .filter(|cand| clip.expand(100.0).contains(cand.anchor))
        .map(|cand| {
            let mut job = egui::text::LayoutJob::simple_singleline(
                cand.text,
                FontId::proportional(cand.size_pt),
                cand.color,
            );
            if let Some(s) = job.sections.first_mut() {
                s.format.italics = cand.italic;
            }
            let galley = c.painter.layout_job(job);
            let rect = cand.align.anchor_size(cand.anchor, galley.size());
            (galley, rect, cand.group)
        })
        .collect();
    let boxes: Vec<LabelBox> = placed
        .iter()
        .map(|(_, r, _)| LabelBox {
            min: [f64::from(r.min.x), f64::from(r.min.y)],
            max: [f64::from(r.max.x), f64::from(r.max.y)],
        })
        .collect();
    let groups: Vec<usize> = placed.iter().map(|(.., g)| *g).collect();
    for i in place_label_alternatives(&boxes, &groups, occupied, 2.0) {
        let Some((g, r, _)) = placed.get(i) else {
            continue;
        };
        c.painter
            .rect_filled(r.expand(1.0), 3.0, style::HALO.gamma_multiply(0.55));
        c.painter.galley(r.min, g.clone(), Color32::BLACK);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(short("Itu Aba"), "Itu Aba");
        let long = "x".repeat(5_000_000);
        let s = short(&long);
        assert_eq!(s.chars().count(), MAX_LABEL_CHARS);
        assert!(s.ends_with('…'));
    }
}
