//! The stamp on a saved map image: a scale bar (km and nm) and an attribution line, so the
//! picture still says how big it is and where it came from once it leaves the app; and the
//! scale bars themselves, which the status bar draws too.

use super::Camera;
use super::scale::{fmt_len, scale_bars};
use super::style;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, Vec2};

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
    let ((_, km_pt), (_, nm_pt)) = scale_bars(camera);
    #[allow(clippy::cast_possible_truncation)]
    let longest = km_pt.max(nm_pt) as f32;
    let pad = 6.0;
    let bar_block = Vec2::new(longest + 48.0, 26.0);
    let size = Vec2::new(
        text.size().x.max(bar_block.x) + 2.0 * pad,
        text.size().y + bar_block.y + 2.0 * pad,
    );
    let frame = Rect::from_min_size(map.right_bottom() - size - Vec2::splat(8.0), size);
    painter.rect_filled(frame, 3.0, style::HALO);
    let x0 = frame.left() + pad;
    paint_scale_bars(
        painter,
        Pos2::new(x0, frame.top() + pad + 6.0),
        camera,
        color,
    );
    painter.galley(Pos2::new(x0, frame.top() + pad + bar_block.y), text, color);
}

/// The km bar, and 12 points below it the nm bar, each with end ticks and its length, starting
/// at `start` (left end of the km bar). The status bar and the stamp both draw these.
pub fn paint_scale_bars(painter: &Painter, start: Pos2, camera: &Camera, color: Color32) {
    let ((km, km_pt), (nm, nm_pt)) = scale_bars(camera);
    #[allow(clippy::cast_possible_truncation)]
    let (km_pt, nm_pt) = (km_pt as f32, nm_pt as f32);
    let stroke = Stroke::new(1.5, color);
    let x0 = start.x;
    for (y, len, label) in [
        (start.y, km_pt, format!("{} km", fmt_len(km))),
        (start.y + 12.0, nm_pt, format!("{} nm", fmt_len(nm))),
    ] {
        painter.line_segment([Pos2::new(x0, y), Pos2::new(x0 + len, y)], stroke);
        for x in [x0, x0 + len] {
            painter.line_segment([Pos2::new(x, y - 3.0), Pos2::new(x, y + 1.0)], stroke);
        }
        painter.text(
            Pos2::new(x0 + len + 4.0, y),
            Align2::LEFT_CENTER,
            label,
            FontId::proportional(11.0),
            color,
        );
    }
}
