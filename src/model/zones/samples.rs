//! Baseline points dense enough to stand for the baselines, indexed for nearest-point queries
//! measured exactly on the ellipsoid.

use super::entitlement::Entitlement;
use super::geodesic::{densify, distance_nm, ecef_nm, simplify_indices};
use super::kdtree::{CHORD_EPS_NM, KdTree};
use super::lens::ZoneKind;
use geo::{LineString, Point};

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

/// Sampled baselines of the sources of one entitlement that generate one zone kind.
pub struct Samples {
    pub points: Vec<Point<f64>>,
    /// Index into the entitlement's sources, per point.
    pub source: Vec<usize>,
    /// Earth-centred positions (nm), for chord bounds on the geodesic distance.
    tree: KdTree,
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
            .map(|(i, p)| (ecef_nm(*p), i as u32))
            .collect();
        Self {
            points,
            source,
            tree: KdTree::new(entries),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The sample nearest `p` on the ellipsoid: (distance nm, sample index). No geodesic is
    /// shorter than its straight chord through the Earth, nor longer than a bound the chord
    /// gives, so only the samples whose chord is within that bound of the shortest chord can
    /// be nearest; those few are measured exactly (ties go to the lower index).
    pub fn nearest(&self, p: Point<f64>) -> Option<(f64, usize)> {
        let mut best: Option<(f64, usize)> = None;
        self.tree.candidates(ecef_nm(p), |_, id| {
            let i = id as usize;
            let d = distance_nm(p, self.points[i]);
            if best.is_none_or(|(b, bi)| d < b || (d == b && i < bi)) {
                best = Some((d, i));
            }
        });
        best
    }

    /// The straight chord (nm) from `p` to the nearest sample: a lower bound on the geodesic
    /// distance, within 0.03 nm of it up to 200 nm, for approximate work.
    pub fn nearest_chord_nm(&self, p: Point<f64>) -> Option<f64> {
        self.tree.nearest_chord(ecef_nm(p)).map(|(c, _)| c)
    }

    /// Whether any sample lies within `limit_nm` of `p`: only samples whose chord is within
    /// the limit can be.
    pub fn within(&self, p: Point<f64>, limit_nm: f64) -> bool {
        let reach = limit_nm + CHORD_EPS_NM;
        let mut found = false;
        self.tree.visit_within(ecef_nm(p), reach * reach, |_, id| {
            found = found || distance_nm(p, self.points[id as usize]) <= limit_nm;
        });
        found
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
