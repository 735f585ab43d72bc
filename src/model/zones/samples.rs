//! Baseline points dense enough to stand for the baselines, indexed for nearest-point queries
//! measured exactly on the ellipsoid.

use super::entitlement::Entitlement;
use super::geodesic::{
    chord2_from_sphere_nm, densify, distance_nm, sphere_nm_from_chord2, sphere_slack_nm,
    unit_vector,
};
use super::lens::ZoneKind;
use geo::Point;
use rstar::RTree;
use rstar::primitives::GeomWithData;

/// Baselines are sampled at most this far apart. Measuring from samples instead of the line
/// overstates a distance d by at most step²/(8·d): under 0.011 nm at 12 nm.
pub const SAMPLE_STEP_NM: f64 = 1.0;

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
            for l in &s.lines {
                let pts = densify(l, SAMPLE_STEP_NM);
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
        for (entry, chord2) in self.tree.nearest_neighbor_iter_with_distance_2(&q) {
            let sphere = sphere_nm_from_chord2(chord2);
            if let Some((d, _)) = best
                && sphere > d + sphere_slack_nm(d)
            {
                break;
            }
            let i = entry.data as usize;
            let d = distance_nm(p, self.points[i]);
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
