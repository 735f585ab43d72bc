//! Lines over the sea: claim lines and zones, and the selected agreement's links and the
//! features its statements say it covers.

use super::{Canvas, Marks};
use crate::map::focus::AgreementFocus;
use crate::map::scene::Scene;
use crate::map::style;
use crate::model::{Atlas, RecordRef};
use egui::{Shape, Stroke};

pub fn paint_claims(c: &Canvas<'_>, atlas: &Atlas, scene: &Scene, marks: Marks, opacity: f32) {
    for lines in &scene.claims {
        let Some(claim) = atlas.claims.get(lines.claim) else {
            continue;
        };
        let mut st = style::claim_style(claim.kind);
        if marks.touches(RecordRef::Claim(lines.claim)) {
            st.width += 2.0;
        }
        for line in &lines.lines {
            for run in c.screen_runs(line) {
                style::stroke_line(c.painter, run, &st, opacity);
            }
        }
    }
}

pub fn paint_focus(c: &Canvas<'_>, scene: &Scene, f: &AgreementFocus) {
    let stroke = Stroke::new(2.0, style::PARTY_LINK);
    for (x, y) in &f.links {
        let (a, b) = (c.to_screen(*x), c.to_screen(*y));
        c.painter
            .extend(Shape::dashed_line(&[a, b], stroke, 9.0, 5.0));
        c.painter.circle_filled(a, 4.0, style::PARTY_LINK);
        c.painter.circle_filled(b, 4.0, style::PARTY_LINK);
    }
    for &fi in &f.features {
        if let Some(w) = scene.features.get(fi) {
            c.painter
                .circle_stroke(c.to_screen(*w), 22.0, Stroke::new(2.5, style::PARTY_LINK));
        }
    }
}
