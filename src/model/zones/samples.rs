//! Baseline points dense enough to stand for the baselines, indexed for nearest-point queries
//! measured exactly on the ellipsoid.

use super::entitlement::Entitlement;
use super::geodesic::{
    chord2_from_sphere_nm, densify, distance_nm, simplify_indices, sphere_nm_from_chord2,
    sphere_slack_nm, unit_vector,
};
use super::lens::ZoneKind;
use geo::{LineString, Point};
use rstar::RTree;
use rstar::primitives::GeomWithData;

/// Baselines are simplified by at most `tolerance` and then sampled at most `step` apart, per
/// zone: measuring from samples instead of the line errs by at most tolerance + step²/(8·limit),
/// under 0.05 nm for every zone (0.011 + 0.01 at 12 nm; 0.016 + 0.02 at 24; 0.006 + 0.04 at 200),
/// while far fewer points are searched for the wider zones.
pub fn sampling_nm(kind: ZoneKind) -> (f64, f64) {
    match kind {
        ZoneKind::TerritorialSea => (1.0, 0.01),
        ZoneKind::ContiguousZone => (1.75, 0.02),
        ZoneKind::Eez => (3.0, 0.04),
    }
}

type Entry = GeomWithData<[f64; 3], u32>;

/// Sampled baselines of the sources of one entitlement that generate one zone kind.
pub struct Samples {
    pub points: Vec<Point<f64>>,
    /// Index into the entitlement's sources, per point.
    pub source: Vec<usize>,
    tree: RTree<Entry>,
}

impl Samples {
    pub fn new(e: &Entitlement, kind: ZoneKind) -> Self {
        let mut points = Vec::new();
        let mut source = Vec::new();
        for (i, s) in e.sources.iter().enumerate() {
            if !s.generates(kind) {
                continue;
            }
            let (step, tolerance) = sampling_nm(kind);
            for l in &s.lines {
                let pts = densify(&simplified(l, tolerance), step);
                source.extend(std::iter::repeat_n(i, pts.len()));
                points.extend(pts);
            }
            source.extend(std::iter::repeat_n(i, s.points.len()));
            points.extend(s.points.iter().copied());
        }
        let entries = points
            .iter()
            .enumerate()
            .map(|(i, p)| Entry::new(unit_vector(*p), i as u32))
            .collect();
        Self {
            points,
            source,
            tree: RTree::bulk_load(entries),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The sample nearest `p` on the ellipsoid: (distance nm, sample index). Candidates come
    /// from the sphere and are measured exactly until no closer one can remain.
    pub fn nearest(&self, p: Point<f64>) -> Option<(f64, usize)> {
        let q = unit_vector(p);
        let mut best: Option<(f64, usize)> = None;
        // Ellipsoid over sphere for the first candidate: nearby candidates lie in nearly the
        // same direction, so the same ratio holds for them to within 0.1 % (flattening 1/298
        // over the few degrees of azimuth the candidates span), which keeps the exact
        // measures few.
        let mut ratio = 1.0;
        for (entry, chord2) in self.tree.nearest_neighbor_iter_with_distance_2(&q) {
            let sphere = sphere_nm_from_chord2(chord2);
            if let Some((d, _)) = best
                && sphere * ratio > d * 1.0015 + 0.01
            {
                break;
            }
            let i = entry.data as usize;
            let d = distance_nm(p, self.points[i]);
            if best.is_none() && sphere > 1e-9 {
                ratio = d / sphere;
            }
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, i));
            }
        }
        best
    }

    /// Whether any sample lies within `limit_nm` of `p` (cheaper than [`nearest`](Self::nearest)
    /// far from the limit).
    pub fn within(&self, p: Point<f64>, limit_nm: f64) -> bool {
        let reach = chord2_from_sphere_nm(limit_nm + sphere_slack_nm(limit_nm));
        let q = unit_vector(p);
        self.tree
            .locate_within_distance(q, reach)
            .any(|e| distance_nm(p, self.points[e.data as usize]) <= limit_nm)
    }
}

/// `line` simplified by at most `tolerance_nm` (in a local plane: degrees of latitude and
/// degrees of longitude scaled by the cosine of latitude, 60 nm a degree), vertices kept as given.
pub fn simplified(line: &LineString<f64>, tolerance_nm: f64) -> LineString<f64> {
    let Some(first) = line.0.first() else {
        return line.clone();
    };
    let k = first.y.to_radians().cos();
    let idx = simplify_indices(&line.0, tolerance_nm / 60.0, |c| geo::Coord {
        x: c.x * k,
        y: c.y,
    });
    LineString(idx.into_iter().map(|i| line.0[i]).collect())
}
