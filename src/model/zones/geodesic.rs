//! Distances on the WGS 84 ellipsoid (geo's geodesic measures, which use geographiclib), and
//! the spherical approximations used only to pick candidates before an exact measure.

use geo::{Bearing, Destination, Distance, Geodesic, InterpolatePoint, LineString, Point};

/// Metres in one international nautical mile.
pub const M_PER_NM: f64 = 1852.0;

/// Mean Earth radius in nautical miles (IUGG mean radius 6371.0088 km), for approximations.
pub const EARTH_RADIUS_NM: f64 = 6_371_008.8 / M_PER_NM;

/// Geodesic distance on WGS 84, nm.
pub fn distance_nm(a: Point<f64>, b: Point<f64>) -> f64 {
    Geodesic.distance(a, b) / M_PER_NM
}

/// Initial geodesic bearing from `a` to `b`, degrees clockwise from north in 0..360.
pub fn bearing_deg(a: Point<f64>, b: Point<f64>) -> f64 {
    Geodesic.bearing(a, b).rem_euclid(360.0)
}

/// The point `dist_nm` from `a` along the geodesic with initial bearing `bearing_deg`.
pub fn destination(a: Point<f64>, bearing_deg: f64, dist_nm: f64) -> Point<f64> {
    Geodesic.destination(a, bearing_deg, dist_nm * M_PER_NM)
}

/// WGS 84 semi-major axis in nm and first eccentricity squared (flattening 1/298.257223563).
const WGS84_A_NM: f64 = 6_378_137.0 / M_PER_NM;
const WGS84_E2: f64 = (2.0 - 1.0 / 298.257_223_563) / 298.257_223_563;

/// Earth-centred Cartesian coordinates (nm) of a lon/lat point on the WGS 84 ellipsoid. The
/// straight chord between two such points is never longer than the geodesic between them (a
/// straight line is the shortest path in space), and shorter by only about d³/(24·R²) —
/// 0.03 nm at 200 nm: a lower bound tight enough to rank candidates and sound for every
/// azimuth and latitude, unlike a sphere scaled by one ratio.
pub fn ecef_nm(p: Point<f64>) -> [f64; 3] {
    let (lon, lat) = (p.x().to_radians(), p.y().to_radians());
    let (sin_lat, cos_lat) = lat.sin_cos();
    let n = WGS84_A_NM / (1.0 - WGS84_E2 * sin_lat * sin_lat).sqrt();
    [
        n * cos_lat * lon.cos(),
        n * cos_lat * lon.sin(),
        n * (1.0 - WGS84_E2) * sin_lat,
    ]
}

/// The WGS 84 meridian radius of curvature at the equator, a(1 − e²), nm: the smallest radius
/// of curvature of any normal section anywhere on the ellipsoid.
const WGS84_M0_NM: f64 = WGS84_A_NM * (1.0 - WGS84_E2);

/// The longest a geodesic can be between two points `chord_nm` apart in a straight line. A
/// geodesic bends in space only as much as the normal section along it, never more sharply
/// than radius [`WGS84_M0_NM`], so (Schur's comparison theorem) it is no longer than the arc of
/// that radius over the same chord: 0.028 nm more than a 200 nm chord. Beyond a chord of one
/// such radius (a quarter of the globe, far outside any query here) no bound is given.
pub fn max_geodesic_for_chord_nm(chord_nm: f64) -> f64 {
    if chord_nm > WGS84_M0_NM {
        return f64::INFINITY;
    }
    2.0 * WGS84_M0_NM * (chord_nm / (2.0 * WGS84_M0_NM)).asin()
}

/// Unit vector of a lon/lat point on the sphere (for chord-distance indexes).
pub fn unit_vector(p: Point<f64>) -> [f64; 3] {
    let (lon, lat) = (p.x().to_radians(), p.y().to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// Great-circle distance (sphere of mean radius), nm, from a squared chord of unit vectors.
pub fn sphere_nm_from_chord2(chord2: f64) -> f64 {
    2.0 * (chord2.sqrt() / 2.0).min(1.0).asin() * EARTH_RADIUS_NM
}

/// Squared chord of unit vectors for a spherical distance in nm.
pub fn chord2_from_sphere_nm(d_nm: f64) -> f64 {
    let c = 2.0
        * (d_nm / EARTH_RADIUS_NM / 2.0)
            .min(std::f64::consts::FRAC_PI_2)
            .sin();
    c * c
}

/// How far the sphere may misjudge an ellipsoidal distance: WGS 84 geodesics differ from
/// great circles on the mean sphere by under 0.6 % (flattening 1/298), plus a small margin.
pub fn sphere_slack_nm(d_nm: f64) -> f64 {
    0.007 * d_nm + 0.05
}

/// Points along `line` no more than `step_nm` apart, following each segment's geodesic,
/// every vertex kept. Segments the sphere puts clearly under a step (most of a detailed coast)
/// are not measured on the ellipsoid.
pub fn densify(line: &LineString<f64>, step_nm: f64) -> Vec<Point<f64>> {
    let mut out = Vec::with_capacity(line.0.len());
    for seg in line.lines() {
        let (a, b) = (Point::from(seg.start), Point::from(seg.end));
        out.push(a);
        let (ua, ub) = (unit_vector(a), unit_vector(b));
        let chord2 = (ua[0] - ub[0]).powi(2) + (ua[1] - ub[1]).powi(2) + (ua[2] - ub[2]).powi(2);
        let sphere = sphere_nm_from_chord2(chord2);
        if sphere + sphere_slack_nm(sphere) < step_nm {
            continue;
        }
        let d = distance_nm(a, b);
        let n = (d / step_nm).ceil() as usize;
        for i in 1..n {
            out.push(Geodesic.point_at_ratio_between(a, b, i as f64 / n as f64));
        }
    }
    if let Some(last) = line.0.last() {
        out.push(Point::from(*last));
    }
    out
}

/// Distance from `p` to the geodesic segment `a`-`b`, nm, by golden-section search along it
/// (the distance along a short segment is unimodal); for tests and checks, not hot paths.
pub fn distance_to_segment_nm(p: Point<f64>, a: Point<f64>, b: Point<f64>) -> f64 {
    let at = |t: f64| distance_nm(p, Geodesic.point_at_ratio_between(a, b, t));
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    let g = (5.0_f64.sqrt() - 1.0) / 2.0;
    let (mut x1, mut x2) = (hi - g * (hi - lo), lo + g * (hi - lo));
    let (mut f1, mut f2) = (at(x1), at(x2));
    for _ in 0..60 {
        if f1 < f2 {
            hi = x2;
            (x2, f2) = (x1, f1);
            x1 = hi - g * (hi - lo);
            f1 = at(x1);
        } else {
            lo = x1;
            (x1, f1) = (x2, f2);
            x2 = lo + g * (hi - lo);
            f2 = at(x2);
        }
        if hi - lo < 1e-9 {
            break;
        }
    }
    f1.min(f2).min(at(0.0)).min(at(1.0))
}

/// Douglas-Peucker in a plane given by `to_plane`, with an explicit stack (no recursion on
/// the line's length): the indices of the vertices kept, first and last always among them.
pub fn simplify_indices(
    coords: &[geo::Coord<f64>],
    tolerance: f64,
    to_plane: impl Fn(geo::Coord<f64>) -> geo::Coord<f64>,
) -> Vec<usize> {
    let n = coords.len();
    if n < 3 {
        return (0..n).collect();
    }
    let plane: Vec<geo::Coord<f64>> = coords.iter().map(|c| to_plane(*c)).collect();
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = vec![(0usize, n - 1)];
    while let Some((s, e)) = stack.pop() {
        let (a, b) = (plane[s], plane[e]);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len2 = dx * dx + dy * dy;
        let mut worst = (0.0_f64, 0usize);
        for (i, p) in plane.iter().enumerate().take(e).skip(s + 1) {
            let t = if len2 > 0.0 {
                (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let d = (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy);
            if d > worst.0 {
                worst = (d, i);
            }
        }
        if worst.0 > tolerance {
            keep[worst.1] = true;
            stack.push((s, worst.1));
            stack.push((worst.1, e));
        }
    }
    (0..n).filter(|&i| keep[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_at_the_equator_is_about_59_7_nm() {
        // WGS 84: the meridian arc from 0° to 1° N is 110 574 m (geographiclib) = 59.705 nm.
        let d = distance_nm(Point::new(120.0, 0.0), Point::new(120.0, 1.0));
        assert!((d - 59.705).abs() < 0.01, "{d}");
        let q = destination(Point::new(120.0, 0.0), 0.0, d);
        assert!((q.y() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn chord_round_trip_and_segment_distance() {
        let c2 = chord2_from_sphere_nm(200.0);
        assert!((sphere_nm_from_chord2(c2) - 200.0).abs() < 1e-9);
        // A point 10' north of the middle of an east-west segment on the equator.
        let d = distance_to_segment_nm(
            Point::new(120.5, 1.0 / 6.0),
            Point::new(120.0, 0.0),
            Point::new(121.0, 0.0),
        );
        let direct = distance_nm(Point::new(120.5, 1.0 / 6.0), Point::new(120.5, 0.0));
        assert!((d - direct).abs() < 0.01, "{d} vs {direct}");
    }
}
