//! The area within a distance of a set of baselines, as polygons accurate on the ellipsoid.
//!
//! Two steps: a planar buffer (geo's i_overlay offset, round joins) in an azimuthal
//! equidistant projection centred on the baselines gives the shape to within a few nm (the
//! projection's distortion), then every vertex is moved onto the true limit — the point at the
//! exact geodesic distance from its nearest baseline sample — and edges whose midpoint is off
//! the limit are split until it is not. The result's vertices lie on the limit to 0.005 nm and
//! its edge midpoints to [`EDGE_TOLERANCE_NM`].

use super::geodesic::{EARTH_RADIUS_NM, bearing_deg, destination, simplify_indices};
use super::samples::Samples;
use geo::algorithm::buffer::{BufferStyle, LineJoin};
use geo::bool_ops::unary_union;
use geo::{
    BoundingRect, Buffer, Contains, Coord, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon, Simplify,
};

/// A vertex is on the limit when its distance to the nearest baseline is within this of it.
const VERTEX_TOLERANCE_NM: f64 = 0.005;
/// An edge is split when its corrected midpoint moves more than this.
pub const EDGE_TOLERANCE_NM: f64 = 0.02;
/// Splits per edge at most (2⁸ pieces), so the work is bounded.
const MAX_SPLIT_DEPTH: u32 = 8;

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
    let (planar_lines, planar_points) = planar_baselines(lines, points, &proj, limit_nm);
    let planar = planar_buffer(planar_lines, planar_points, limit_nm);
    let polys = planar
        .0
        .iter()
        .map(|poly| {
            let exterior = LineString(poly.exterior().0.iter().map(|c| proj.inverse(*c)).collect());
            let holes = poly
                .interiors()
                .iter()
                .map(|h| LineString(h.0.iter().map(|c| proj.inverse(*c)).collect()))
                .filter(|h| is_sea_beyond_limit(h, samples, limit_nm) && !hole_on_land(h, land))
                .map(|h| onto_limit(&h, samples, limit_nm))
                .collect();
            Polygon::new(onto_limit(&exterior, samples, limit_nm), holes)
        })
        .collect();
    MultiPolygon(polys)
}

/// The planar area within `limit_nm` of the baselines. Below 100 nm it is built in two steps,
/// as a buffer by a tenth of the limit, simplified, then grown by the rest: disks add up
/// (D(r) ⊕ D(L − r) = D(L)), and growing the few outlines of the first step overlaps far less
/// than stroking every segment of a detailed coast the full width.
fn planar_buffer(
    lines: Vec<LineString<f64>>,
    points: Vec<Point<f64>>,
    limit_nm: f64,
) -> MultiPolygon<f64> {
    let two_steps = limit_nm < 100.0;
    // As points (100 nm and more), each baseline point lies within the cover radius of a point
    // kept and the line within the simplification tolerance of it: disks grown by both cover
    // the true buffer, so the outline lies just outside the limit and no false hole appears.
    let first_nm = if two_steps {
        limit_nm * 0.1
    } else {
        // A line point lies within an eighth of the cover of a point sampled from the line.
        limit_nm + cover_nm(limit_nm) * 1.125 + simplify_nm(limit_nm)
    };
    // A chord of about 8 nm on the round joins; the correction makes the limit exact.
    let angle = (8.0 / limit_nm).clamp(0.04, 0.3);
    let style = |d: f64| BufferStyle::new(d).line_join(LineJoin::Round(angle));
    let mut parts = Vec::new();
    if !lines.is_empty() {
        parts.push(MultiLineString(lines).buffer_with_style(style(first_nm)));
    }
    if !points.is_empty() {
        parts.push(MultiPoint(points).buffer_with_style(style(first_nm)));
    }
    let blobs = if parts.len() == 1 {
        parts.pop().unwrap_or_else(|| MultiPolygon(Vec::new()))
    } else {
        unary_union(parts.iter())
    };
    if !two_steps {
        return blobs;
    }
    let tolerance = simplify_nm(limit_nm);
    blobs
        .simplify(tolerance)
        .buffer_with_style(style(limit_nm - first_nm))
}

/// A true hole is sea beyond the limit, so its edge lies near the limit; the planar union also
/// leaves slivers well inside it (circles meeting at a few points), which are dropped.
fn is_sea_beyond_limit(hole: &LineString<f64>, samples: &Samples, limit_nm: f64) -> bool {
    let inside_nm = limit_nm - 1.0 - 0.02 * limit_nm;
    hole.0.iter().step_by((hole.0.len() / 4).max(1)).all(|c| {
        let p = Point::from(*c);
        samples.nearest_bounded(p).is_none_or(|n| {
            if n.lo_nm > inside_nm || n.hi_nm <= inside_nm {
                n.lo_nm > inside_nm
            } else {
                samples.distance_nm(p, &n) > inside_nm
            }
        })
    })
}

/// The baselines for the planar pass, which only has to be close (the correction then moves
/// every vertex onto the true limit): lines simplified by 4 % of the limit (at most 1 nm; the
/// planar union's cost grows with the overlaps of a detailed coast's segments, ~25 times
/// less work than at 0.5 % on the GSHHG coast of Korea).
/// For limits of 100 nm and more the lines become points a quarter of [`cover_nm`] apart,
/// thinned so that every one lies within [`cover_nm`] of one kept: the union of circles stays
/// cheap where a wide stroke of a detailed coast would make every segment's outline cross
/// hundreds of others. For the territorial sea, a line
/// no wider than a cell is taken as a point, so islets stay circles.
fn planar_baselines(
    lines: &[LineString<f64>],
    points: &[Point<f64>],
    proj: &Azimuthal,
    limit_nm: f64,
) -> (Vec<LineString<f64>>, Vec<Point<f64>>) {
    let tolerance = simplify_nm(limit_nm);
    let as_points = limit_nm >= 100.0;
    let cell = if as_points {
        cover_nm(limit_nm) / 4.0
    } else {
        (limit_nm * 0.02).clamp(0.1, 2.0)
    };
    let mut planar_lines = Vec::new();
    let mut planar_points: Vec<Coord<f64>> = points.iter().map(|p| proj.forward(p.0)).collect();
    for l in lines {
        let l: Vec<Coord<f64>> = l.0.iter().map(|c| proj.forward(*c)).collect();
        let kept: Vec<Coord<f64>> = simplify_indices(&l, tolerance, |c| c)
            .into_iter()
            .map(|i| l[i])
            .collect();
        let Some(&first) = kept.first() else { continue };
        let extent = kept
            .iter()
            .map(|c| (c.x - first.x).hypot(c.y - first.y))
            .fold(0.0, f64::max);
        if as_points {
            for w in kept.windows(2) {
                let n = ((w[1] - w[0]).x.hypot((w[1] - w[0]).y) / cell)
                    .ceil()
                    .max(1.0) as usize;
                planar_points.extend((0..n).map(|k| w[0] + (w[1] - w[0]) * (k as f64 / n as f64)));
            }
            planar_points.extend(kept.last().copied());
        } else if extent <= cell {
            planar_points.push(first);
        } else {
            planar_lines.push(LineString(kept));
        }
    }
    if as_points {
        planar_points = cover(planar_points, cover_nm(limit_nm));
    } else {
        let mut seen = std::collections::HashSet::new();
        planar_points
            .retain(|c| seen.insert(((c.x / cell).floor() as i64, (c.y / cell).floor() as i64)));
    }
    (
        planar_lines,
        planar_points.into_iter().map(Point::from).collect(),
    )
}

/// Planar simplification of the baselines for the first pass: 4 % of the limit, at most 1 nm.
fn simplify_nm(limit_nm: f64) -> f64 {
    (limit_nm * 0.04).clamp(0.05, 1.0)
}

/// For limits of 100 nm and more, every baseline point lies within this of a point kept for
/// the planar pass (10 % of the limit). The union of 200 nm disks costs about the square of
/// their number (each crosses every other within 400 nm): 15 nm apart as before, the
/// Indonesian EEZ's 2,400 disks took ~2 s; 20 nm covers, ~600 disks, ~0.15 s.
fn cover_nm(limit_nm: f64) -> f64 {
    limit_nm * 0.1
}

/// The points, thinned so that each one dropped lies within `r` of one kept (greedy, in
/// order, on a grid of `r`).
fn cover(points: Vec<Coord<f64>>, r: f64) -> Vec<Coord<f64>> {
    let key = |c: Coord<f64>| ((c.x / r).floor() as i64, (c.y / r).floor() as i64);
    let mut grid: std::collections::HashMap<(i64, i64), Vec<Coord<f64>>> =
        std::collections::HashMap::new();
    let mut kept = Vec::new();
    for p in points {
        let (i, j) = key(p);
        let near = (i - 1..=i + 1).any(|x| {
            (j - 1..=j + 1).any(|y| {
                grid.get(&(x, y))
                    .is_some_and(|v| v.iter().any(|q| (q.x - p.x).hypot(q.y - p.y) <= r))
            })
        });
        if !near {
            grid.entry((i, j)).or_default().push(p);
            kept.push(p);
        }
    }
    kept
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
        let Some(n) = samples.nearest_bounded(p) else {
            return p;
        };
        // On the limit, or on a sample (no direction to move in).
        let done = match n.near(limit_nm, VERTEX_TOLERANCE_NM) {
            Some(near) if n.lo_nm >= 1e-9 => near,
            _ => {
                let d = samples.distance_nm(p, &n);
                (d - limit_nm).abs() < VERTEX_TOLERANCE_NM || d < 1e-9
            }
        };
        if done {
            return p;
        }
        let q = samples.points[n.index];
        p = destination(q, bearing_deg(q, p), limit_nm);
    }
    p
}

/// Whether `p` lies within `tolerance_nm` of the limit (true with no baseline at all),
/// measured on the ellipsoid only when the chord's bounds cannot tell.
fn on_limit(p: Point<f64>, samples: &Samples, limit_nm: f64, tolerance_nm: f64) -> bool {
    samples.nearest_bounded(p).is_none_or(|n| {
        n.near(limit_nm, tolerance_nm)
            .unwrap_or_else(|| (samples.distance_nm(p, &n) - limit_nm).abs() <= tolerance_nm)
    })
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
            let at = |t: f64| Point::new(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y()));
            // The midpoint on the limit (its distance to the nearest sample within tolerance
            // of the limit), and the quarter points too: an edge across a corner of the limit
            // (where the nearest baseline changes) can have its midpoint on one arc and a
            // quarter point off both.
            let settled = [0.5, 0.25, 0.75]
                .iter()
                .all(|&t| on_limit(at(t), samples, limit_nm, EDGE_TOLERANCE_NM));
            if settled || depth >= MAX_SPLIT_DEPTH {
                continue;
            }
            let on = correct(at(0.5), samples, limit_nm);
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
