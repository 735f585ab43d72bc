//! Baseline points dense enough to stand for the baselines, indexed for nearest-point queries
//! measured exactly on the ellipsoid.

use super::entitlement::Entitlement;
use super::geodesic::{densify, distance_nm, ecef_nm, max_geodesic_for_chord_nm, simplify_indices};
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

    /// The sample nearest `p` on the ellipsoid: (distance nm, sample index).
    pub fn nearest(&self, p: Point<f64>) -> Option<(f64, usize)> {
        let n = self.nearest_bounded(p)?;
        Some((self.distance_nm(p, &n), n.index))
    }

    /// The exact distance from `p` to `n`, the sample [`nearest_bounded`](Self::nearest_bounded)
    /// found for it.
    pub fn distance_nm(&self, p: Point<f64>, n: &Nearest) -> f64 {
        if n.lo_nm == n.hi_nm {
            n.lo_nm
        } else {
            distance_nm(p, self.points[n.index])
        }
    }

    /// The sample nearest `p` on the ellipsoid, and bounds on its distance. No geodesic is
    /// shorter than its straight chord through the Earth, nor longer than a bound the chord
    /// gives, so only the samples whose chord is within that bound of the shortest chord can
    /// be nearest. When that is one sample, its chord and bound are the distance's bounds (a
    /// few millionths of a nm apart at 12 nm), with no ellipsoid measure; when several, each is
    /// measured exactly (ties go to the lower index) and the bounds are that distance.
    pub fn nearest_bounded(&self, p: Point<f64>) -> Option<Nearest> {
        let mut first: Option<(f64, usize)> = None;
        let mut exact: Option<(f64, usize)> = None;
        let measure = |i: usize, exact: &mut Option<(f64, usize)>| {
            let d = distance_nm(p, self.points[i]);
            if exact.is_none_or(|(b, bi)| d < b || (d == b && i < bi)) {
                *exact = Some((d, i));
            }
        };
        self.tree.candidates(ecef_nm(p), |c2, id| match first {
            None => first = Some((c2, id as usize)),
            Some((_, f)) => {
                if exact.is_none() {
                    measure(f, &mut exact);
                }
                measure(id as usize, &mut exact);
            }
        });
        if let Some((d, index)) = exact {
            return Some(Nearest {
                lo_nm: d,
                hi_nm: d,
                index,
            });
        }
        let (c2, index) = first?;
        let chord = c2.sqrt();
        Some(Nearest {
            lo_nm: chord - CHORD_EPS_NM,
            hi_nm: max_geodesic_for_chord_nm(chord) + CHORD_EPS_NM,
            index,
        })
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

/// The nearest sample to a point, its distance known to lie in `lo_nm..=hi_nm`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Nearest {
    pub lo_nm: f64,
    pub hi_nm: f64,
    pub index: usize,
}

impl Nearest {
    /// Whether the distance lies within `tolerance_nm` of `limit_nm`: `Some(true)` when every
    /// distance in the bounds lies strictly within it, `Some(false)` when every one lies
    /// strictly beyond it, `None` when the bounds cannot tell (then measure exactly).
    pub fn near(&self, limit_nm: f64, tolerance_nm: f64) -> Option<bool> {
        let (lo, hi) = (self.lo_nm - limit_nm, self.hi_nm - limit_nm);
        if lo > -tolerance_nm && hi < tolerance_nm {
            Some(true)
        } else if lo > tolerance_nm || hi < -tolerance_nm {
            Some(false)
        } else {
            None
        }
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
