//! Picking: which item lies under a screen position, within a pixel tolerance.
//!
//! An R-tree query in world space; points win over lines, and among points the more specific
//! layer wins (a disputed feature over an incident drawn on it).

use super::scene::ClaimLines;
use crate::model::RecordRef;
use geo::Coord;
use rstar::primitives::{GeomWithData, Line};
use rstar::{PointDistance, RTree};

/// Lower wins when several records are within tolerance: a disputed feature over a site over
/// an incident drawn on it, and points over lines.
fn priority(r: RecordRef) -> u8 {
    match r {
        RecordRef::Feature(_) => 0,
        RecordRef::Site(_) => 1,
        RecordRef::Incident(_) => 2,
        RecordRef::Claim(_) => 3,
        RecordRef::Agreement(_) => 4,
    }
}

type PointItem = GeomWithData<[f64; 2], RecordRef>;
type SegmentItem = GeomWithData<Line<[f64; 2]>, RecordRef>;

/// Spatial indexes of every pickable point and line segment.
pub struct PickIndex {
    points: RTree<PointItem>,
    segments: RTree<SegmentItem>,
}

impl PickIndex {
    pub fn build(
        features: &[Coord<f64>],
        incidents: &[Coord<f64>],
        sites: &[Coord<f64>],
        claims: &[ClaimLines],
    ) -> Self {
        let tag = |v: &[Coord<f64>], f: fn(usize) -> RecordRef| -> Vec<PointItem> {
            v.iter()
                .enumerate()
                .map(|(i, c)| GeomWithData::new([c.x, c.y], f(i)))
                .collect()
        };
        let mut points = tag(features, RecordRef::Feature);
        points.extend(tag(incidents, RecordRef::Incident));
        points.extend(tag(sites, RecordRef::Site));
        let segments = claims
            .iter()
            .flat_map(|c| {
                c.lines.iter().flat_map(move |line| {
                    line.windows(2).map(move |w| {
                        GeomWithData::new(Line::new(w[0], w[1]), RecordRef::Claim(c.claim))
                    })
                })
            })
            .collect();
        Self {
            points: RTree::bulk_load(points),
            segments: RTree::bulk_load(segments),
        }
    }

    /// The best visible item within `tolerance_m` of `world`, if any.
    pub fn pick(
        &self,
        world: Coord<f64>,
        tolerance_m: f64,
        visible: impl Fn(RecordRef) -> bool,
    ) -> Option<RecordRef> {
        let q = [world.x, world.y];
        let r2 = tolerance_m * tolerance_m;
        let best_point = self
            .points
            .locate_within_distance(q, r2)
            .filter(|p| visible(p.data))
            .min_by(|a, b| {
                rank(a.data, a.distance_2(&q)).total_cmp_key(&rank(b.data, b.distance_2(&q)))
            })
            .map(|p| p.data);
        best_point.or_else(|| {
            self.segments
                .locate_within_distance(q, r2)
                .filter(|s| visible(s.data))
                .min_by(|a, b| a.distance_2(&q).total_cmp(&b.distance_2(&q)))
                .map(|s| s.data)
        })
    }
}

/// Sort key: priority first, then distance.
fn rank(item: RecordRef, d2: f64) -> (u8, f64) {
    (priority(item), d2)
}

trait TotalCmpKey {
    fn total_cmp_key(&self, other: &Self) -> std::cmp::Ordering;
}

impl TotalCmpKey for (u8, f64) {
    fn total_cmp_key(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0).then(self.1.total_cmp(&other.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng, rngs::StdRng};

    /// The same rule as `pick`, by scanning everything.
    fn brute_force(
        features: &[Coord<f64>],
        incidents: &[Coord<f64>],
        world: Coord<f64>,
        tol: f64,
        visible: impl Fn(RecordRef) -> bool,
    ) -> Option<RecordRef> {
        let d2 = |c: &Coord<f64>| (c.x - world.x).powi(2) + (c.y - world.y).powi(2);
        features
            .iter()
            .enumerate()
            .map(|(i, c)| (RecordRef::Feature(i), d2(c)))
            .chain(
                incidents
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (RecordRef::Incident(i), d2(c))),
            )
            .filter(|(it, d)| *d <= tol * tol && visible(*it))
            .min_by(|a, b| rank(a.0, a.1).total_cmp_key(&rank(b.0, b.1)))
            .map(|(it, _)| it)
    }

    #[test]
    fn equals_brute_force_on_random_data() {
        let mut rng = StdRng::seed_from_u64(7);
        let mut gen_pts = |n: usize| -> Vec<Coord<f64>> {
            (0..n)
                .map(|_| Coord {
                    x: rng.random_range(0.0..10_000.0),
                    y: rng.random_range(0.0..10_000.0),
                })
                .collect()
        };
        let features = gen_pts(300);
        let incidents = gen_pts(2000);
        let queries = gen_pts(500);
        let index = PickIndex::build(&features, &incidents, &[], &[]);
        let mut hits = 0;
        for (k, q) in queries.iter().enumerate() {
            let tol = [30.0, 120.0, 400.0][k % 3];
            // Hide every third incident to check the visibility filter too.
            let visible = |it: RecordRef| !matches!(it, RecordRef::Incident(i) if i % 3 == 0);
            let got = index.pick(*q, tol, visible);
            assert_eq!(
                got,
                brute_force(&features, &incidents, *q, tol, visible),
                "query {k}"
            );
            hits += usize::from(got.is_some());
        }
        assert!(
            hits > 50 && hits < 500,
            "the test must exercise both hits and misses: {hits}"
        );
    }

    #[test]
    fn lines_are_picked_when_no_point_is_near() {
        let claims = vec![ClaimLines {
            claim: 4,
            lines: vec![vec![[0.0, 0.0], [1000.0, 0.0]]],
            closed: false,
        }];
        let index = PickIndex::build(&[Coord { x: 500.0, y: 500.0 }], &[], &[], &claims);
        assert_eq!(
            index.pick(Coord { x: 300.0, y: 5.0 }, 10.0, |_| true),
            Some(RecordRef::Claim(4))
        );
        assert_eq!(
            index.pick(Coord { x: 300.0, y: 50.0 }, 10.0, |_| true),
            None
        );
        assert_eq!(
            index.pick(Coord { x: 300.0, y: 5.0 }, 10.0, |i| !matches!(
                i,
                RecordRef::Claim(_)
            )),
            None
        );
        assert_eq!(
            index.pick(Coord { x: 505.0, y: 500.0 }, 10.0, |_| true),
            Some(RecordRef::Feature(0))
        );
    }
}
