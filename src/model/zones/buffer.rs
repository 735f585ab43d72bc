//! The area within a distance of a set of baselines, as polygons accurate on the ellipsoid.
//!
//! Two steps: a planar buffer (geo's i_overlay offset, round joins) in an azimuthal
//! equidistant projection centred on the baselines gives the shape to within a few nm (the
//! projection's distortion), then every vertex is moved onto the true limit — the point at the
//! exact geodesic distance from its nearest baseline sample — and edges whose midpoint is off
//! the limit are split until it is not. The result's vertices lie on the limit to 0.005 nm and
//! its edge midpoints to [`EDGE_TOLERANCE_NM`].

use super::geodesic::{EARTH_RADIUS_NM, bearing_deg, destination};
use super::samples::Samples;
use geo::algorithm::buffer::{BufferStyle, LineJoin};
use geo::bool_ops::unary_union;
use geo::{
    BoundingRect, Buffer, Contains, Coord, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};

/// A vertex is on the limit when its distance to the nearest baseline is within this of it.
const VERTEX_TOLERANCE_NM: f64 = 0.005;
/// An edge is split when its corrected midpoint moves more than this.
pub const EDGE_TOLERANCE_NM: f64 = 0.02;
/// Splits per edge at most (2⁶ pieces), so the work is bounded.
const MAX_SPLIT_DEPTH: u32 = 6;

/// Azimuthal equidistant projection on the mean sphere, nm, centred at `(lon0, lat0)`.
#[derive(Clone, Copy, Debug)]
pub struct Azimuthal {
    lon0: f64,
    lat0: f64,
}

impl Azimuthal {
    pub fn centred_on(c: Coord<f64>) -> Self {
        Self {
            lon0: c.x.to_radians(),
            lat0: c.y.to_radians(),
        }
    }

    pub fn forward(&self, c: Coord<f64>) -> Coord<f64> {
        let (lon, lat) = (c.x.to_radians(), c.y.to_radians());
        let dl = lon - self.lon0;
        let cos_c =
            (self.lat0.sin() * lat.sin() + self.lat0.cos() * lat.cos() * dl.cos()).clamp(-1.0, 1.0);
        let ang = cos_c.acos();
        let k = if ang < 1e-12 { 1.0 } else { ang / ang.sin() } * EARTH_RADIUS_NM;
        Coord {
            x: k * lat.cos() * dl.sin(),
            y: k * (self.lat0.cos() * lat.sin() - self.lat0.sin() * lat.cos() * dl.cos()),
        }
    }

    pub fn inverse(&self, c: Coord<f64>) -> Coord<f64> {
        let rho = c.x.hypot(c.y);
        if rho < 1e-12 {
            return Coord {
                x: self.lon0.to_degrees(),
                y: self.lat0.to_degrees(),
            };
        }
        let ang = rho / EARTH_RADIUS_NM;
        let lat = (ang.cos() * self.lat0.sin() + c.y * ang.sin() * self.lat0.cos() / rho)
            .clamp(-1.0, 1.0)
            .asin();
        let lon = self.lon0
            + (c.x * ang.sin())
                .atan2(rho * self.lat0.cos() * ang.cos() - c.y * self.lat0.sin() * ang.sin());
        Coord {
            x: lon.to_degrees(),
            y: lat.to_degrees(),
        }
    }
}

/// The area within `limit_nm` of the baselines sampled in `samples` (lines and points are the
/// same baselines, unsampled, for the planar first pass). Holes whose edge lies on `land` are
/// dropped: they are inland, not sea beyond the limit.
pub fn buffer(
    lines: &[LineString<f64>],
    points: &[Point<f64>],
    samples: &Samples,
    limit_nm: f64,
    land: Option<&MultiPolygon<f64>>,
) -> MultiPolygon<f64> {
    let Some(bbox) = MultiPoint(samples.points.clone()).bounding_rect() else {
        return MultiPolygon(Vec::new());
    };
    let proj = Azimuthal::centred_on(bbox.center());
    let fwd_line = |l: &LineString<f64>| LineString(l.0.iter().map(|c| proj.forward(*c)).collect());
    // A chord of about 4 nm on the round joins; the correction below makes it exact.
    let angle = (4.0 / limit_nm).clamp(0.02, 0.2);
    let style = || BufferStyle::new(limit_nm).line_join(LineJoin::Round(angle));
    let mut parts = Vec::new();
    if !lines.is_empty() {
        let planar = MultiLineString(lines.iter().map(fwd_line).collect());
        parts.push(planar.buffer_with_style(style()));
    }
    if !points.is_empty() {
        let planar = MultiPoint(
            points
                .iter()
                .map(|p| Point::from(proj.forward(p.0)))
                .collect(),
        );
        parts.push(planar.buffer_with_style(style()));
    }
    let planar = if parts.len() == 1 {
        parts.pop().unwrap_or_else(|| MultiPolygon(Vec::new()))
    } else {
        unary_union(parts.iter())
    };
    let polys = planar
        .0
        .iter()
        .map(|poly| {
            let ring = |r: &LineString<f64>| {
                let geo_ring = LineString(r.0.iter().map(|c| proj.inverse(*c)).collect());
                onto_limit(&geo_ring, samples, limit_nm)
            };
            let holes = poly
                .interiors()
                .iter()
                .filter(|h| !hole_on_land(h, land))
                .map(ring)
                .collect();
            Polygon::new(ring(poly.exterior()), holes)
        })
        .collect();
    MultiPolygon(polys)
}

fn hole_on_land(hole: &LineString<f64>, land: Option<&MultiPolygon<f64>>) -> bool {
    let (Some(land), Some(first)) = (land, hole.0.first()) else {
        return false;
    };
    land.contains(&Point::from(*first))
}

/// Moves `p` onto the limit: the point `limit_nm` from its nearest baseline sample, along the
/// geodesic from that sample through `p`. A few steps settle it even where two arcs meet.
pub fn correct(p: Point<f64>, samples: &Samples, limit_nm: f64) -> Point<f64> {
    let mut p = p;
    for _ in 0..8 {
        let Some((d, i)) = samples.nearest(p) else {
            return p;
        };
        if (d - limit_nm).abs() < VERTEX_TOLERANCE_NM || d < 1e-9 {
            return p;
        }
        let q = samples.points[i];
        p = destination(q, bearing_deg(q, p), limit_nm);
    }
    p
}

/// The ring with every vertex on the limit and edges split until their midpoints are too.
fn onto_limit(ring: &LineString<f64>, samples: &Samples, limit_nm: f64) -> LineString<f64> {
    let verts: Vec<Point<f64>> = ring
        .0
        .iter()
        .take(ring.0.len().saturating_sub(1))
        .map(|c| correct(Point::from(*c), samples, limit_nm))
        .collect();
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(verts.len() * 2);
    for (i, &a) in verts.iter().enumerate() {
        let b = verts[(i + 1) % verts.len()];
        out.push(a.0);
        // Explicit stack of (a, b, depth): no recursion on input size.
        let mut stack = vec![(a, b, 0u32)];
        while let Some((a, b, depth)) = stack.pop() {
            let mid = Point::new((a.x() + b.x()) / 2.0, (a.y() + b.y()) / 2.0);
            let on = correct(mid, samples, limit_nm);
            let off_nm = super::geodesic::distance_nm(mid, on);
            if off_nm <= EDGE_TOLERANCE_NM || depth >= MAX_SPLIT_DEPTH {
                continue;
            }
            // Second half first on the stack so that the first half is emitted first.
            stack.push((on, b, depth + 1));
            stack.push((a, on, depth + 1));
            // Emit in order: the stack is processed depth-first left to right, so collect the
            // split points as they are confirmed.
            out.push(on.0);
        }
        sort_tail_along(&mut out, a.0, b.0);
    }
    if let Some(first) = out.first().copied() {
        out.push(first);
    }
    LineString(out)
}

/// The split points of one edge were pushed in discovery order; order them along the edge.
fn sort_tail_along(out: &mut [Coord<f64>], a: Coord<f64>, b: Coord<f64>) {
    let Some(start) = out.iter().rposition(|c| *c == a) else {
        return;
    };
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    out[start + 1..].sort_by(|p, q| {
        let tp = (p.x - a.x) * dx + (p.y - a.y) * dy;
        let tq = (q.x - a.x) * dx + (q.y - a.y) * dy;
        tp.total_cmp(&tq)
    });
}
