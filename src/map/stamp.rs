//! The stamp on a saved map image: a scale bar (km and nm) and an attribution line, so the
//! picture still says how big it is and where it came from once it leaves the app.

use super::Camera;
use super::scale::{fmt_len, scale_bars};
use super::style;
use egui::{Align2, FontId, Painter, Pos2, Rect, Stroke, Vec2};

/// Draws the stamp in the map's bottom-right corner, with `note` (if any) as a last line.
pub fn paint_stamp(
    painter: &Painter,
    map: Rect,
    camera: &Camera,
    attribution: &str,
    note: Option<&str>,
) {
    let font = FontId::proportional(11.0);
    let color = style::FEATURE_LABEL;
    let lines = match note {
        Some(n) => format!("{attribution}\n{n}"),
        None => attribution.to_owned(),
    };
    let text = painter.layout_no_wrap(lines, font.clone(), color);
    let ((km, km_pt), (nm, nm_pt)) = scale_bars(camera);
    #[allow(clippy::cast_possible_truncation)]
    let (km_pt, nm_pt) = (km_pt as f32, nm_pt as f32);
    let pad = 6.0;
    let bar_block = Vec2::new(km_pt.max(nm_pt) + 48.0, 26.0);
    let size = Vec2::new(
        text.size().x.max(bar_block.x) + 2.0 * pad,
        text.size().y + bar_block.y + 2.0 * pad,
    );
    let frame = Rect::from_min_size(map.right_bottom() - size - Vec2::splat(8.0), size);
    painter.rect_filled(frame, 3.0, style::HALO);
    let stroke = Stroke::new(1.5, color);
    let x0 = frame.left() + pad;
    for (y, len, label) in [
        (
            frame.top() + pad + 6.0,
            km_pt,
            format!("{} km", fmt_len(km)),
        ),
        (
            frame.top() + pad + 18.0,
            nm_pt,
            format!("{} nm", fmt_len(nm)),
        ),
    ] {
        painter.line_segment([Pos2::new(x0, y), Pos2::new(x0 + len, y)], stroke);
        for x in [x0, x0 + len] {
            painter.line_segment([Pos2::new(x, y - 3.0), Pos2::new(x, y + 1.0)], stroke);
        }
        painter.text(
            Pos2::new(x0 + len + 4.0, y),
            Align2::LEFT_CENTER,
            label,
            font.clone(),
            color,
        );
    }
    painter.galley(Pos2::new(x0, frame.top() + pad + bar_block.y), text, color);
}
