//! The agreement web: a link per agreement between its parties (coloured by kind, patterned
//! by status), a mark per party, and the areas dated statements say agreements cover.

use super::{Canvas, pos};
use crate::map::scene::Scene;
use crate::map::style;
use crate::map::web::WebLayout;
use crate::model::coverage::Coverage;
use crate::model::web::AgreementWeb;
use crate::model::web_diff::{ChangeKind, WebDiff};
use crate::model::{Atlas, FeatureGroup};
use egui::{Align2, Color32, FontId, Pos2, Shape, Stroke};
use geo::{ConvexHull, Coord, MultiPoint, Point};

/// Colour of coverage areas and rings.
const COVERAGE: Color32 = Color32::from_rgb(0x1d, 0x3f, 0x6e);

/// What the web's links are marked with.
#[derive(Clone, Copy, Debug, Default)]
pub struct WebMarks<'a> {
    /// The selected agreement.
    pub highlight: Option<usize>,
    /// While comparing two dates: what changed between them.
    pub diff: Option<&'a WebDiff>,
}

/// Draws the covered areas, then the links, then the party marks.
pub fn paint_web(
    c: &Canvas<'_>,
    atlas: &Atlas,
    scene: &Scene,
    web: &AgreementWeb<'_>,
    layout: &WebLayout,
    marks: WebMarks<'_>,
    opacity: f32,
) {
    paint_coverage(c, atlas, scene, web, opacity);
    for l in &layout.links {
        let points: Vec<Pos2> = l.screen.iter().map(|p| pos(*p)).collect();
        let change = marks
            .diff
            .and_then(|d| d.change_of(l.agreement))
            .map(|ch| ch.kind);
        if let Some(kind) = change {
            style::stroke_change(c.painter, &points, kind, opacity);
        }
        // A link that is gone is drawn faintly over its mark, as it was.
        let opacity = if change == Some(ChangeKind::Gone) {
            0.4 * opacity
        } else {
            opacity
        };
        let lit = marks.highlight == Some(l.agreement);
        if lit {
            c.painter.add(Shape::line(
                points.clone(),
                Stroke::new(6.0, style::HIGHLIGHT.gamma_multiply(0.7)),
            ));
        }
        let (width, alpha) = if lit { (2.8, 1.0) } else { (1.5, 0.7) };
        style::stroke_agreement(c.painter, &points, l.kind, l.status, width, alpha * opacity);
    }
    for m in &layout.parties {
        let p = pos(m.screen);
        let (fill, text) = if m.at_edge {
            (Color32::WHITE, Color32::BLACK)
        } else {
            (style::PARTY_LINK, Color32::WHITE)
        };
        #[allow(clippy::cast_possible_truncation)]
        c.painter.circle(
            p,
            crate::map::web::PARTY_RADIUS_PT as f32,
            style::faded(fill, opacity),
            Stroke::new(1.0, style::PARTY_LINK),
        );
        c.painter.text(
            p,
            Align2::CENTER_CENTER,
            m.party.code(),
            FontId::proportional(7.5),
            style::faded(text, opacity),
        );
    }
}

/// Areas and features that statements say an agreement covers on the date: the South China
/// Sea as the hull of its disputed features (the statements name no limits), the Senkakus and
/// single features as rings.
fn paint_coverage(
    c: &Canvas<'_>,
    atlas: &Atlas,
    scene: &Scene,
    web: &AgreementWeb<'_>,
    opacity: f32,
) {
    let stroke = Stroke::new(1.5, style::faded(COVERAGE, 0.8 * opacity));
    for area in &web.covered {
        let Some(a) = atlas.agreements.get(area.agreement) else {
            continue;
        };
        let label = format!(
            "{}: covered (since {})",
            a.short_name,
            area.since.format("%Y")
        );
        match area.coverage {
            Coverage::SouthChinaSea => {
                let pts: Vec<Point<f64>> = scene
                    .features
                    .iter()
                    .zip(&atlas.features)
                    .filter(|(_, f)| f.group != FeatureGroup::Senkaku)
                    .map(|(w, _)| Point(*w))
                    .collect();
                let hull = MultiPoint(pts).convex_hull();
                let ring: Vec<Pos2> = hull.exterior().0.iter().map(|w| c.to_screen(*w)).collect();
                c.painter.add(Shape::convex_polygon(
                    ring.clone(),
                    style::faded(COVERAGE, 0.06 * opacity),
                    Stroke::NONE,
                ));
                c.painter
                    .extend(Shape::dashed_line(&ring, stroke, 10.0, 6.0));
                let top = ring.iter().copied().min_by(|x, y| x.y.total_cmp(&y.y));
                if let Some(t) = top {
                    ring_label(c, t + egui::vec2(0.0, -4.0), &label, opacity);
                }
            }
            Coverage::Senkaku | Coverage::Feature(_) => {
                for i in atlas.features_covered_by(area.coverage) {
                    if let Some(w) = scene.features.get(i) {
                        c.painter.circle_stroke(c.to_screen(*w), 16.0, stroke);
                    }
                }
                if area.coverage == Coverage::Senkaku {
                    let at = senkaku_centre(atlas, scene);
                    if let Some(w) = at {
                        ring_label(c, c.to_screen(w) + egui::vec2(0.0, -20.0), &label, opacity);
                    }
                }
            }
            Coverage::Pacific => {}
        }
    }
}

fn senkaku_centre(atlas: &Atlas, scene: &Scene) -> Option<Coord<f64>> {
    let pts: Vec<Coord<f64>> = scene
        .features
        .iter()
        .zip(&atlas.features)
        .filter(|(_, f)| f.group == FeatureGroup::Senkaku)
        .map(|(w, _)| *w)
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let n = pts.len() as f64;
    (!pts.is_empty()).then(|| pts.iter().fold(Coord { x: 0.0, y: 0.0 }, |a, b| a + *b) / n)
}

fn ring_label(c: &Canvas<'_>, at: Pos2, text: &str, opacity: f32) {
    super::boxed_label(c, at, text, COVERAGE, opacity, 0.75);
}
