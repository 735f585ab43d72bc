//! The cartographic style: colours and symbols, shared by the map and the legend so the
//! legend's swatches are drawn by the same code as the map.

use crate::model::{ClaimKind, Country, FeatureKind, IncidentKind};
use egui::{Color32, Painter, Pos2, Shape, Stroke, Vec2, epaint::PathStroke};

pub const SEA: Color32 = Color32::from_rgb(0xd6, 0xe6, 0xef);
pub const LAND: Color32 = Color32::from_rgb(0xf1, 0xee, 0xe4);
pub const BORDER: Color32 = Color32::from_rgb(0x9c, 0x95, 0x88);
pub const GRATICULE: Color32 = Color32::from_rgba_premultiplied(0x50, 0x70, 0x88, 0x50);
pub const SEA_LABEL: Color32 = Color32::from_rgb(0x4a, 0x6f, 0x8a);
pub const COUNTRY_LABEL: Color32 = Color32::from_rgb(0x6b, 0x62, 0x55);
pub const FEATURE_LABEL: Color32 = Color32::from_rgb(0x22, 0x22, 0x22);
pub const HALO: Color32 = Color32::from_rgba_premultiplied(0xf4, 0xf6, 0xf8, 0xd0);
pub const HIGHLIGHT: Color32 = Color32::from_rgb(0xff, 0xd4, 0x00);
/// Land of the parties to the selected agreement.
pub const PARTY: Color32 = Color32::from_rgb(0xd9, 0xe4, 0xc4);
/// Land of a country bound by many agreements (the web shades towards it by count).
pub const PARTY_STRONG: Color32 = Color32::from_rgb(0xa9, 0xc6, 0x8c);
/// Links between parties, and features a statement says an agreement covers.
pub const PARTY_LINK: Color32 = Color32::from_rgb(0x1d, 0x3f, 0x6e);
/// The user's own layers.
pub const USER: Color32 = Color32::from_rgb(0x7a, 0x1f, 0x6e);
/// `--stress` synthetic incidents: a neutral slate, unlike any real layer.
pub const SYNTHETIC: Color32 = Color32::from_rgb(0x3a, 0x3f, 0x58);
/// Maritime zone limits: territorial sea, contiguous zone, EEZ, and where two EEZs overlap.
pub const ZONE_TS: Color32 = Color32::from_rgb(0x00, 0x6d, 0x77);
pub const ZONE_CZ: Color32 = Color32::from_rgb(0x2a, 0x9d, 0x8f);
pub const ZONE_EEZ: Color32 = Color32::from_rgb(0x26, 0x46, 0x9e);
pub const ZONE_OVERLAP: Color32 = Color32::from_rgb(0xa0, 0x1a, 0x7d);
pub const SITE: Color32 = Color32::from_rgb(0x1d, 0x3f, 0x6e);

/// Okabe–Ito palette (colour-blind safe).
mod okabe_ito {
    use egui::Color32;
    pub const ORANGE: Color32 = Color32::from_rgb(0xe6, 0x9f, 0x00);
    pub const SKY_BLUE: Color32 = Color32::from_rgb(0x56, 0xb4, 0xe9);
    pub const GREEN: Color32 = Color32::from_rgb(0x00, 0x9e, 0x73);
    pub const YELLOW: Color32 = Color32::from_rgb(0xf0, 0xe4, 0x42);
    pub const BLUE: Color32 = Color32::from_rgb(0x00, 0x72, 0xb2);
    pub const VERMILLION: Color32 = Color32::from_rgb(0xd5, 0x5e, 0x00);
    pub const PURPLE: Color32 = Color32::from_rgb(0xcc, 0x79, 0xa7);
    pub const GREY: Color32 = Color32::from_rgb(0x88, 0x88, 0x88);
}

/// Fill colour of a feature by who holds it (grey when unoccupied).
pub fn holder_color(holder: Option<Country>) -> Color32 {
    match holder.map(|c| c.code().to_owned()).as_deref() {
        Some("CHN") => okabe_ito::VERMILLION,
        Some("PHL") => okabe_ito::BLUE,
        Some("VNM") => okabe_ito::ORANGE,
        Some("TWN") => okabe_ito::GREEN,
        Some("MYS") => okabe_ito::PURPLE,
        Some("JPN") => okabe_ito::SKY_BLUE,
        Some(_) => okabe_ito::YELLOW,
        None => okabe_ito::GREY,
    }
}

/// Holders shown in the legend, in order.
pub const LEGEND_HOLDERS: [&str; 6] = ["CHN", "PHL", "VNM", "TWN", "MYS", "JPN"];

/// Multiplies a colour's alpha by `opacity`.
pub fn faded(c: Color32, opacity: f32) -> Color32 {
    c.gamma_multiply(opacity.clamp(0.0, 1.0))
}

/// Draws a disputed feature's symbol: shape by physical kind, fill by holder.
pub fn feature_symbol(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    kind: FeatureKind,
    fill: Color32,
    opacity: f32,
) {
    let fill = faded(fill, opacity);
    let outline = Stroke::new(1.2, faded(Color32::from_gray(40), opacity));
    let r = radius;
    let poly = |pts: Vec<Pos2>, filled: bool| {
        if filled {
            Shape::convex_polygon(pts, fill, outline)
        } else {
            Shape::closed_line(pts, Stroke::new(2.0, fill))
        }
    };
    let shape = match kind {
        FeatureKind::Island => Shape::circle_filled(center, r, fill),
        FeatureKind::Cay => Shape::circle_filled(center, r * 0.8, fill),
        FeatureKind::Rock => poly(
            vec![
                center + Vec2::new(0.0, -r * 1.15),
                center + Vec2::new(r, r * 0.75),
                center + Vec2::new(-r, r * 0.75),
            ],
            true,
        ),
        FeatureKind::Reef => poly(diamond(center, r), true),
        FeatureKind::LowTideElevation => {
            Shape::circle_stroke(center, r * 0.85, Stroke::new(2.2, fill))
        }
        FeatureKind::Submerged => poly(diamond(center, r), false),
        FeatureKind::Bank => poly(
            vec![
                center + Vec2::new(-r * 0.8, -r * 0.8),
                center + Vec2::new(r * 0.8, -r * 0.8),
                center + Vec2::new(r * 0.8, r * 0.8),
                center + Vec2::new(-r * 0.8, r * 0.8),
            ],
            false,
        ),
    };
    painter.add(shape);
    if matches!(kind, FeatureKind::Island | FeatureKind::Cay) {
        painter.circle_stroke(
            center,
            if kind == FeatureKind::Cay { r * 0.8 } else { r },
            outline,
        );
    }
}

fn diamond(c: Pos2, r: f32) -> Vec<Pos2> {
    vec![
        c + Vec2::new(0.0, -r),
        c + Vec2::new(r, 0.0),
        c + Vec2::new(0.0, r),
        c + Vec2::new(-r, 0.0),
    ]
}

/// Colour of an incident kind (distinct hues, colour-blind safe where the palette allows).
pub fn incident_color(kind: IncidentKind) -> Color32 {
    match kind {
        IncidentKind::WaterCannon => okabe_ito::SKY_BLUE,
        IncidentKind::Collision => okabe_ito::VERMILLION,
        IncidentKind::Blocking => okabe_ito::ORANGE,
        IncidentKind::Boarding => okabe_ito::PURPLE,
        IncidentKind::Laser => okabe_ito::GREEN,
        IncidentKind::Flare => okabe_ito::YELLOW,
        IncidentKind::Incursion => okabe_ito::BLUE,
        IncidentKind::AirIntercept => Color32::from_rgb(0x5a, 0x3d, 0x99),
        IncidentKind::Swarming => Color32::from_rgb(0x8c, 0x56, 0x3b),
        IncidentKind::ArmedClash => Color32::BLACK,
        IncidentKind::Other => okabe_ito::GREY,
    }
}

/// Draws an incident marker.
pub fn incident_symbol(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    kind: IncidentKind,
    opacity: f32,
) {
    let fill = faded(incident_color(kind), opacity);
    let stroke = Stroke::new(1.0, faded(Color32::WHITE, opacity));
    let r = radius * 1.15;
    let c = center;
    match incident_shape(kind) {
        IncidentShape::Circle => {
            painter.circle(c, radius, fill, stroke);
        }
        IncidentShape::Square => {
            let rect = egui::Rect::from_center_size(c, Vec2::splat(radius * 1.8));
            painter.rect(rect, 0.0, fill, stroke, egui::StrokeKind::Middle);
        }
        IncidentShape::TriangleUp => {
            painter.add(Shape::convex_polygon(
                vec![
                    c + Vec2::new(0.0, -r),
                    c + Vec2::new(r, r * 0.8),
                    c + Vec2::new(-r, r * 0.8),
                ],
                fill,
                stroke,
            ));
        }
        IncidentShape::TriangleDown => {
            painter.add(Shape::convex_polygon(
                vec![
                    c + Vec2::new(-r, -r * 0.8),
                    c + Vec2::new(r, -r * 0.8),
                    c + Vec2::new(0.0, r),
                ],
                fill,
                stroke,
            ));
        }
        IncidentShape::Diamond => {
            painter.add(Shape::convex_polygon(diamond(c, r), fill, stroke));
        }
    }
}

/// Marker shapes for incidents: shape and colour both vary with the kind, so kinds stay apart
/// for readers who cannot tell the colours apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncidentShape {
    Circle,
    Square,
    TriangleUp,
    TriangleDown,
    Diamond,
}

/// The shape of an incident kind's marker.
pub fn incident_shape(kind: IncidentKind) -> IncidentShape {
    match kind {
        IncidentKind::WaterCannon | IncidentKind::Incursion | IncidentKind::Other => {
            IncidentShape::Circle
        }
        IncidentKind::Collision | IncidentKind::ArmedClash => IncidentShape::TriangleUp,
        IncidentKind::Blocking | IncidentKind::Swarming => IncidentShape::Square,
        IncidentKind::Boarding | IncidentKind::Laser => IncidentShape::Diamond,
        IncidentKind::Flare | IncidentKind::AirIntercept => IncidentShape::TriangleDown,
    }
}

/// Draws an agreement site marker (a square).
pub fn site_symbol(painter: &Painter, center: Pos2, radius: f32, opacity: f32) {
    let r = egui::Rect::from_center_size(center, Vec2::splat(radius * 2.0));
    painter.rect(
        r,
        1.0,
        faded(SITE, opacity),
        Stroke::new(1.0, faded(Color32::WHITE, opacity)),
        egui::StrokeKind::Middle,
    );
}

/// How a claim kind is stroked.
pub struct LineStyle {
    pub color: Color32,
    pub width: f32,
    /// `Some((dash, gap))` for dashed lines, in points.
    pub dash: Option<(f32, f32)>,
}

pub fn claim_style(kind: ClaimKind) -> LineStyle {
    match kind {
        ClaimKind::DashLine => LineStyle {
            color: okabe_ito::VERMILLION,
            width: 3.0,
            dash: None,
        },
        ClaimKind::Adiz => LineStyle {
            color: Color32::from_rgb(0x8a, 0x2b, 0x8a),
            width: 1.6,
            dash: Some((8.0, 5.0)),
        },
        ClaimKind::Baseline => LineStyle {
            color: Color32::from_rgb(0xb0, 0x30, 0x30),
            width: 1.4,
            dash: Some((2.0, 2.5)),
        },
        ClaimKind::ArchipelagicBaseline => LineStyle {
            color: okabe_ito::BLUE,
            width: 1.4,
            dash: Some((2.0, 2.5)),
        },
        ClaimKind::ClaimArea => LineStyle {
            color: okabe_ito::BLUE,
            width: 1.8,
            dash: Some((10.0, 4.0)),
        },
        ClaimKind::TerritorialSea => LineStyle {
            color: okabe_ito::GREEN,
            width: 1.2,
            dash: Some((4.0, 3.0)),
        },
        ClaimKind::AgreedBoundary => LineStyle {
            color: Color32::from_rgb(0x33, 0x33, 0x33),
            width: 1.6,
            dash: None,
        },
    }
}

/// Strokes a polyline in a claim's style.
pub fn stroke_line(painter: &Painter, points: Vec<Pos2>, style: &LineStyle, opacity: f32) {
    let stroke = Stroke::new(style.width, faded(style.color, opacity));
    match style.dash {
        None => {
            painter.add(Shape::line(points, PathStroke::from(stroke)));
        }
        Some((dash, gap)) => {
            painter.extend(Shape::dashed_line(&points, stroke, dash, gap));
        }
    }
}

/// Radius of an incident cluster's ring, growing slowly with its size.
/// A count short enough for a cluster label, truncated (never rounded up): 987, 1.2k, 45k, 1.3M.
pub fn compact_count(n: usize) -> String {
    match n {
        0..=999 => n.to_string(),
        1_000..=9_999 => format!("{}.{}k", n / 1_000, n % 1_000 / 100),
        10_000..=999_999 => format!("{}k", n / 1_000),
        _ => format!("{}.{}M", n / 1_000_000, n % 1_000_000 / 100_000),
    }
}

pub fn cluster_radius(count: usize) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let n = count.max(1) as f32;
    (7.0 + 2.2 * n.log2()).min(18.0)
}

/// Draws an incident cluster as a ring split by kind (the mix of kinds at a glance), with a
/// light centre so a feature symbol drawn on top stays readable.
pub fn cluster_symbol(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    kinds: impl Iterator<Item = IncidentKind>,
    opacity: f32,
) {
    let mut counts: Vec<(IncidentKind, usize)> = Vec::new();
    for k in kinds {
        match counts.iter_mut().find(|(kk, _)| *kk == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    cluster_symbol_counts(painter, center, radius, counts, opacity);
}

/// [`cluster_symbol`] from counts per kind (for cells that hold counts, not members).
pub fn cluster_symbol_counts(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    mut counts: Vec<(IncidentKind, usize)>,
    opacity: f32,
) {
    counts.retain(|(_, n)| *n > 0);
    counts.sort();
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let mut start = -std::f32::consts::FRAC_PI_2;
    for (kind, n) in counts {
        #[allow(clippy::cast_precision_loss)]
        let sweep = std::f32::consts::TAU * n as f32 / total.max(1) as f32;
        // Convex pieces of at most a quarter turn each.
        let pieces = (sweep / std::f32::consts::FRAC_PI_2).ceil().max(1.0);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let steps = (pieces as usize) * 6;
        let mut pts = vec![center];
        for s in 0..=steps {
            #[allow(clippy::cast_precision_loss)]
            let a = start + sweep * s as f32 / steps as f32;
            pts.push(center + radius * Vec2::angled(a));
        }
        for piece in split_fan(&pts) {
            painter.add(Shape::convex_polygon(
                piece,
                faded(incident_color(kind), opacity),
                Stroke::NONE,
            ));
        }
        start += sweep;
    }
    painter.circle(
        center,
        radius * 0.55,
        faded(Color32::WHITE, opacity),
        Stroke::new(1.0, faded(Color32::from_gray(60), opacity)),
    );
    painter.circle_stroke(
        center,
        radius,
        Stroke::new(1.0, faded(Color32::from_gray(60), opacity)),
    );
}

/// Splits a fan (centre then arc points) into convex pieces of at most 7 arc points.
fn split_fan(pts: &[Pos2]) -> Vec<Vec<Pos2>> {
    let Some((&c, arc)) = pts.split_first() else {
        return Vec::new();
    };
    arc.windows(2)
        .collect::<Vec<_>>()
        .chunks(6)
        .map(|ws| {
            let mut v = vec![c, ws[0][0]];
            v.extend(ws.iter().map(|w| w[1]));
            v
        })
        .collect()
}

/// The colour of an agreement's link, by kind (Okabe–Ito, so kinds stay apart for colour-blind
/// readers; line patterns carry the status).
pub fn agreement_color(kind: crate::model::AgreementKind) -> Color32 {
    use crate::model::AgreementKind as K;
    match kind {
        K::MutualDefense => Color32::from_rgb(0x1d, 0x3f, 0x6e),
        K::Treaty => okabe_ito::GREY,
        K::Access => okabe_ito::GREEN,
        K::StatusOfForces => okabe_ito::SKY_BLUE,
        K::Logistics => okabe_ito::ORANGE,
        K::InformationSecurity => okabe_ito::PURPLE,
        K::DefenseCooperation => okabe_ito::VERMILLION,
    }
}

/// Strokes an agreement's link: solid in force, dashed signed, dotted under negotiation.
pub fn stroke_agreement(
    painter: &Painter,
    points: &[Pos2],
    kind: crate::model::AgreementKind,
    status: crate::model::AgreementStatus,
    width: f32,
    opacity: f32,
) {
    use crate::model::AgreementStatus as S;
    let color = faded(agreement_color(kind), opacity);
    let stroke = Stroke::new(width, color);
    match status {
        S::InForce => {
            painter.add(Shape::line(points.to_vec(), PathStroke::from(stroke)));
        }
        S::SignedNotInForce => painter.extend(Shape::dashed_line(points, stroke, 7.0, 4.0)),
        S::UnderNegotiation => {
            painter.extend(Shape::dotted_line(points, color, 5.0, width * 0.6));
        }
        S::NotYetSigned | S::Terminated => {}
    }
}

/// Colour marking a link in the compare view: new (green), status changed (violet), gone
/// (red); dark enough to read as text on the panel too.
pub fn change_color(kind: crate::model::web_diff::ChangeKind) -> Color32 {
    use crate::model::web_diff::ChangeKind as K;
    match kind {
        K::New => Color32::from_rgb(0x0a, 0x8a, 0x2e),
        K::Changed => Color32::from_rgb(0x7b, 0x3f, 0xbf),
        K::Gone => Color32::from_rgb(0xc0, 0x1c, 0x1c),
    }
}

/// The compare view's mark under a link: a wide halo in the change's colour (dashed for a
/// link that is gone).
pub fn stroke_change(
    painter: &Painter,
    points: &[Pos2],
    kind: crate::model::web_diff::ChangeKind,
    opacity: f32,
) {
    let stroke = Stroke::new(7.0, faded(change_color(kind), 0.55 * opacity));
    if kind == crate::model::web_diff::ChangeKind::Gone {
        painter.extend(Shape::dashed_line(points, stroke, 9.0, 5.0));
    } else {
        painter.add(Shape::line(points.to_vec(), PathStroke::from(stroke)));
    }
}

/// `a` blended towards `b` by `t` (0 to 1).
pub fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let ch = |x: u8, y: u8| {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let v = (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
        v
    };
    Color32::from_rgb(ch(a.r(), b.r()), ch(a.g(), b.g()), ch(a.b(), b.b()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn compact_counts_truncate() {
        let c = super::compact_count;
        assert_eq!(
            [
                c(7),
                c(999),
                c(1_000),
                c(9_999),
                c(45_678),
                c(999_999),
                c(1_299_999)
            ],
            ["7", "999", "1.0k", "9.9k", "45k", "999k", "1.2M"]
        );
    }
}
