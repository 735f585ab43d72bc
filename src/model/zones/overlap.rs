//! Where two states' 200 nm zones overlap: the overlap, and the equidistance (median) line
//! between their baselines inside it — every point of which is as far from one state's nearest
//! EEZ-generating baseline as from the other's. Not an agreed boundary, and labelled so.

use super::build::Zones;
use super::entitlement::Entitlement;
use super::geodesic::ecef_nm;
use super::kdtree::KdTree;
use super::lens::ZoneKind;
use super::samples::Samples;
use crate::model::Country;
use geo::bool_ops::unary_union;
use geo::{
    BooleanOps, BoundingRect, Coord, LineString, MultiLineString, MultiPolygon, Point, Rect,
};
use std::collections::HashMap;
use std::sync::Arc;

/// A grid edge: its lower-left node and direction (0 along x, 1 along y).
type EdgeKey = (usize, usize, u8);

/// What every equidistance line says about itself.
pub const EQUIDISTANCE_LABEL: &str = "equidistance, not an agreed boundary";

/// Grid spacing for finding the line (finer where the overlap is small: at most
/// [`MAX_GRID_NODES`] a side); each crossing is then placed exactly by bisection. Between two
/// crossings the line is straight, so a turn of the true line inside a cell is cut.
pub const GRID_NM: f64 = 10.0;
pub const MAX_GRID_NODES: usize = 60;

/// The overlap of two states' 200 nm zones and the equidistance line between them.
#[derive(Clone, Debug)]
pub struct Overlap {
    pub a: Country,
    pub b: Country,
    pub area: MultiPolygon<f64>,
    pub equidistance: MultiLineString<f64>,
    pub label: &'static str,
}

/// One state's EEZ reach (its coast and the features it holds) and the baselines behind it.
struct Reach {
    state: Country,
    area: MultiPolygon<f64>,
    bbox: Rect<f64>,
    sites: Vec<Arc<Samples>>,
}

impl Reach {
    fn distance_nm(&self, p: Point<f64>) -> f64 {
        self.sites
            .iter()
            .filter_map(|s| s.nearest(p).map(|(d, _)| d))
            .fold(f64::INFINITY, f64::min)
    }

    /// The straight chord to the nearest site: within 0.03 nm below the geodesic distance
    /// up to 200 nm, for the grid.
    fn chord_nm(&self, p: Point<f64>) -> f64 {
        self.sites
            .iter()
            .filter_map(|s| s.nearest_chord_nm(p))
            .fold(f64::INFINITY, f64::min)
    }
}

/// Every pair of states whose 200 nm zones overlap under this lens.
pub fn overlaps(z: &Zones) -> Vec<Overlap> {
    overlaps_with(z, &|e| Arc::new(Samples::new(e, ZoneKind::Eez)))
}

/// As [`overlaps`], with each entitlement's EEZ baseline samples from `eez_samples` (the
/// zone build has made them already).
pub fn overlaps_with(
    z: &Zones,
    eez_samples: &dyn Fn(&Entitlement) -> Arc<Samples>,
) -> Vec<Overlap> {
    let reaches = reaches(z, eez_samples);
    // All EEZ-generating baseline points labelled by state, to mask where a third state is nearer.
    let mut all: Vec<([f64; 3], u32)> = Vec::new();
    for (i, r) in reaches.iter().enumerate() {
        for s in &r.sites {
            all.extend(s.points.iter().map(|p| (ecef_nm(*p), i as u32)));
        }
    }
    let all = KdTree::new(all);
    let mut out = Vec::new();
    for i in 0..reaches.len() {
        for j in i + 1..reaches.len() {
            let (a, b) = (&reaches[i], &reaches[j]);
            if !rects_meet(&a.bbox, &b.bbox) {
                continue;
            }
            let area = a.area.intersection(&b.area);
            if area.0.is_empty() {
                continue;
            }
            let equidistance = median_line(&area, (i, a), (j, b), &all);
            out.push(Overlap {
                a: a.state,
                b: b.state,
                area,
                equidistance,
                label: EQUIDISTANCE_LABEL,
            });
        }
    }
    out
}

fn rects_meet(a: &Rect<f64>, b: &Rect<f64>) -> bool {
    a.min().x <= b.max().x
        && b.min().x <= a.max().x
        && a.min().y <= b.max().y
        && b.min().y <= a.max().y
}

fn reaches(z: &Zones, eez_samples: &dyn Fn(&Entitlement) -> Arc<Samples>) -> Vec<Reach> {
    let mut by_state: HashMap<Country, (Vec<&MultiPolygon<f64>>, Vec<&Entitlement>)> =
        HashMap::new();
    for zone in z.zones.iter().filter(|x| x.kind == ZoneKind::Eez) {
        let e = &z.entitlements[zone.entitlement];
        if let Some(h) = e.holder {
            let entry = by_state.entry(h).or_default();
            entry.0.push(&zone.area);
            entry.1.push(e);
        }
    }
    let mut out: Vec<Reach> = by_state
        .into_iter()
        .filter_map(|(state, (areas, ents))| {
            let area = if areas.len() == 1 {
                areas[0].clone()
            } else {
                unary_union(areas)
            };
            let bbox = area.bounding_rect()?;
            let sites = ents.iter().map(|e| eez_samples(e)).collect();
            Some(Reach {
                state,
                area,
                bbox,
                sites,
            })
        })
        .collect();
    out.sort_by_key(|r| r.state);
    out
}

/// The line where the distances to `a` and `b` are equal, inside their overlap and where no
/// third state is nearer: marching squares on a grid of chord distances, each crossing then
/// bisected on the ellipsoid.
fn median_line(
    area: &MultiPolygon<f64>,
    (ia, a): (usize, &Reach),
    (ib, b): (usize, &Reach),
    all: &KdTree,
) -> MultiLineString<f64> {
    let Some(bbox) = area.bounding_rect() else {
        return MultiLineString(Vec::new());
    };
    let mid_lat = bbox.center().y.to_radians().cos().max(0.2);
    let extent_deg = bbox.height().max(bbox.width() * mid_lat);
    let lat_step = (GRID_NM / 60.0).max(extent_deg / (MAX_GRID_NODES - 1) as f64);
    let lon_step = lat_step / mid_lat;
    let nx = (bbox.width() / lon_step).ceil() as usize + 1;
    let ny = (bbox.height() / lat_step).ceil() as usize + 1;
    let node = |i: usize, j: usize| Coord {
        x: bbox.min().x + i as f64 * lon_step,
        y: bbox.min().y + j as f64 * lat_step,
    };
    let reach = ZoneKind::Eez.limit_nm();
    let values: Vec<Option<f64>> = (0..ny)
        .flat_map(|j| (0..nx).map(move |i| (i, j)))
        .map(|(i, j)| {
            let p = node(i, j);
            let (c, nearest) = all.nearest_chord(ecef_nm(Point::from(p)))?;
            // Only where a or b is the nearest state and both reach.
            if (nearest as usize != ia && nearest as usize != ib) || c > reach {
                return None;
            }
            let (da, db) = (a.chord_nm(Point::from(p)), b.chord_nm(Point::from(p)));
            (da <= 200.5 && db <= 200.5).then_some(da - db)
        })
        .collect();
    let exact = |p: Coord<f64>| a.distance_nm(Point::from(p)) - b.distance_nm(Point::from(p));
    let chord_diff = |p: Coord<f64>| a.chord_nm(Point::from(p)) - b.chord_nm(Point::from(p));
    march(&values, (nx, ny), &node, &chord_diff, &exact)
}

/// Marching squares over the grid of distance differences: the zero line, each crossing
/// settled on the ellipsoid, chained into lines.
fn march(
    values: &[Option<f64>],
    (nx, ny): (usize, usize),
    node: &dyn Fn(usize, usize) -> Coord<f64>,
    rough_diff: &dyn Fn(Coord<f64>) -> f64,
    exact: &dyn Fn(Coord<f64>) -> f64,
) -> MultiLineString<f64> {
    let mut crossings: HashMap<EdgeKey, Option<Coord<f64>>> = HashMap::new();
    let mut segments: Vec<(EdgeKey, EdgeKey)> = Vec::new();
    let v = |i: usize, j: usize| values[j * nx + i];
    for j in 0..ny.saturating_sub(1) {
        for i in 0..nx.saturating_sub(1) {
            let corners = [v(i, j), v(i + 1, j), v(i + 1, j + 1), v(i, j + 1)];
            let Some(c) = corners.iter().copied().collect::<Option<Vec<f64>>>() else {
                continue;
            };
            // Edges: bottom, right, top, left; keyed by the lower-left node and direction so
            // that neighbouring cells share them.
            let edges = [
                ((i, j, 0u8), 0, 1),
                ((i + 1, j, 1u8), 1, 2),
                ((i, j + 1, 0u8), 3, 2),
                ((i, j, 1u8), 0, 3),
            ];
            let mut hit = Vec::new();
            for (key, s, t) in edges {
                if (c[s] < 0.0) != (c[t] < 0.0) {
                    let at = *crossings.entry(key).or_insert_with(|| {
                        let (p, q) = edge_ends(key, &node);
                        crossing(p, q, &rough_diff, &exact)
                    });
                    if at.is_some() {
                        hit.push(key);
                    }
                }
            }
            if hit.len() == 2 {
                segments.push((hit[0], hit[1]));
            } else if hit.len() == 4 {
                segments.push((hit[0], hit[1]));
                segments.push((hit[2], hit[3]));
            }
        }
    }
    let crossings: HashMap<EdgeKey, Coord<f64>> = crossings
        .into_iter()
        .filter_map(|(k, v)| v.map(|c| (k, c)))
        .collect();
    chain(&segments, &crossings)
}

fn edge_ends(
    key: (usize, usize, u8),
    node: &impl Fn(usize, usize) -> Coord<f64>,
) -> (Coord<f64>, Coord<f64>) {
    let (i, j, dir) = key;
    if dir == 0 {
        (node(i, j), node(i + 1, j))
    } else {
        (node(i, j), node(i, j + 1))
    }
}

/// Where the exact difference changes sign between `p` and `q`: found from chords first
/// (cheap), then settled on the ellipsoid within a bracket of about 1.5 nm around it (the two
/// differ by well under that), or over the whole edge if the bracket misses.
fn crossing(
    p: Coord<f64>,
    q: Coord<f64>,
    rough_diff: &impl Fn(Coord<f64>) -> f64,
    exact: &impl Fn(Coord<f64>) -> f64,
) -> Option<Coord<f64>> {
    let rough = bisect(p, q, rough_diff, ROUGH_NM).unwrap_or((p + q) / 2.0);
    let len_nm = length_nm(p, q);
    let t = (1.5 / len_nm.max(1e-9)).min(1.0);
    let (lo, hi) = (
        rough + (p - rough) * t.min(1.0),
        rough + (q - rough) * t.min(1.0),
    );
    bisect(lo, hi, exact, EXACT_NM).or_else(|| bisect(p, q, exact, EXACT_NM))
}

/// How closely the chords' crossing is placed (it only centres the exact search's bracket).
const ROUGH_NM: f64 = 0.01;
/// How closely a crossing is placed on the ellipsoid: about 1 m.
const EXACT_NM: f64 = 0.0005;

/// The approximate length of `p`-`q` (degrees of lon/lat), nm.
fn length_nm(p: Coord<f64>, q: Coord<f64>) -> f64 {
    (q.y - p.y).hypot((q.x - p.x) * p.y.to_radians().cos()) * 60.0
}

/// The point between `p` and `q` where `f` changes sign, to within `within_nm`; `None` when
/// `f` puts both ends on one side (the chords' grid values misjudged a near tie).
fn bisect(
    p: Coord<f64>,
    q: Coord<f64>,
    f: &impl Fn(Coord<f64>) -> f64,
    within_nm: f64,
) -> Option<Coord<f64>> {
    let (mut lo, mut hi) = (p, q);
    let f_lo = f(lo);
    if (f_lo < 0.0) == (f(hi) < 0.0) {
        return None;
    }
    // Halvings until the bracket is within the precision asked (at most 40).
    let halvings = (length_nm(p, q) / within_nm).log2().ceil().clamp(0.0, 40.0) as usize;
    for _ in 0..halvings {
        let mid = (lo + hi) / 2.0;
        if (f(mid) < 0.0) == (f_lo < 0.0) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some((lo + hi) / 2.0)
}

/// Joins segments that share crossing points into polylines (a loop over edges, no recursion).
fn chain(
    segments: &[(EdgeKey, EdgeKey)],
    at: &HashMap<EdgeKey, Coord<f64>>,
) -> MultiLineString<f64> {
    let mut by_end: HashMap<EdgeKey, Vec<usize>> = HashMap::new();
    for (k, (s, t)) in segments.iter().enumerate() {
        by_end.entry(*s).or_default().push(k);
        by_end.entry(*t).or_default().push(k);
    }
    let mut used = vec![false; segments.len()];
    let mut lines = Vec::new();
    // Start from ends met once (open lines) first, then whatever remains (loops).
    let mut order: Vec<usize> = (0..segments.len()).collect();
    order.sort_by_key(|&k| {
        let (s, t) = segments[k];
        let open = by_end[&s].len() == 1 || by_end[&t].len() == 1;
        !open
    });
    for start in order {
        if used[start] {
            continue;
        }
        used[start] = true;
        let (s, t) = segments[start];
        let (first, mut cur) = if by_end[&t].len() == 1 {
            (t, s)
        } else {
            (s, t)
        };
        let mut keys = vec![first, cur];
        while let Some(&next) = by_end[&cur].iter().find(|&&k| !used[k]) {
            used[next] = true;
            let (s, t) = segments[next];
            cur = if s == cur { t } else { s };
            keys.push(cur);
        }
        let coords: Vec<Coord<f64>> = keys.iter().filter_map(|k| at.get(k).copied()).collect();
        if coords.len() >= 2 {
            lines.push(LineString(coords));
        }
    }
    MultiLineString(lines)
}
