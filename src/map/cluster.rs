//! Grid clustering of points: nearby incidents merge into one symbol at low zoom and split as
//! you zoom in. Cells are fixed in world space for a zoom, so clusters do not shimmer as you pan.

use geo::Coord;
use std::collections::HashMap;

/// Points closer than this on screen merge into one cluster symbol.
pub const CELL_PT: f64 = 36.0;

/// Points that fell into one grid cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Mean position of the members, world metres.
    pub center_world: Coord<f64>,
    /// Indices of the members, ascending.
    pub members: Vec<usize>,
}

/// Groups `points` (index, world position) into square cells `cell_m` wide.
pub fn grid_clusters(
    points: impl IntoIterator<Item = (usize, Coord<f64>)>,
    cell_m: f64,
) -> Vec<Cluster> {
    let cell_m = if cell_m.is_finite() && cell_m > 0.0 {
        cell_m
    } else {
        1.0
    };
    let mut cells: HashMap<(i64, i64), (Coord<f64>, Vec<usize>)> = HashMap::new();
    for (i, c) in points {
        // Cell indices of any on-Earth point fit an i64 comfortably.
        #[allow(clippy::cast_possible_truncation)]
        let key = ((c.x / cell_m).floor() as i64, (c.y / cell_m).floor() as i64);
        let e = cells
            .entry(key)
            .or_insert((Coord { x: 0.0, y: 0.0 }, Vec::new()));
        e.0 = e.0 + c;
        e.1.push(i);
    }
    let mut out: Vec<Cluster> = cells
        .into_values()
        .map(|(sum, mut members)| {
            members.sort_unstable();
            #[allow(clippy::cast_precision_loss)]
            let n = members.len() as f64;
            Cluster {
                center_world: Coord {
                    x: sum.x / n,
                    y: sum.y / n,
                },
                members,
            }
        })
        .collect();
    out.sort_by_key(|c| c.members[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng, rngs::StdRng};

    fn points(n: usize) -> Vec<(usize, Coord<f64>)> {
        let mut rng = StdRng::seed_from_u64(3);
        (0..n)
            .map(|i| {
                (
                    i,
                    Coord {
                        x: rng.random_range(-50_000.0..50_000.0),
                        y: rng.random_range(-50_000.0..50_000.0),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn counts_are_preserved_and_every_point_is_in_one_cluster() {
        let pts = points(5000);
        let clusters = grid_clusters(pts.iter().copied(), 7_000.0);
        let mut all: Vec<usize> = clusters
            .iter()
            .flat_map(|c| c.members.iter().copied())
            .collect();
        assert_eq!(all.len(), pts.len());
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), pts.len());
    }

    #[test]
    fn members_share_a_cell_and_zooming_in_splits() {
        let pts = points(2000);
        let coarse = grid_clusters(pts.iter().copied(), 20_000.0);
        let fine = grid_clusters(pts.iter().copied(), 2_000.0);
        assert!(
            fine.len() > coarse.len() * 4,
            "{} vs {}",
            fine.len(),
            coarse.len()
        );
        for c in &coarse {
            let cell = |i: usize| {
                (
                    (pts[i].1.x / 20_000.0).floor(),
                    (pts[i].1.y / 20_000.0).floor(),
                )
            };
            assert!(c.members.iter().all(|&i| cell(i) == cell(c.members[0])));
        }
    }

    #[test]
    fn center_is_the_mean() {
        let c = grid_clusters(
            [
                (0, Coord { x: 10.0, y: 10.0 }),
                (1, Coord { x: 30.0, y: 50.0 }),
            ],
            100.0,
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].center_world, Coord { x: 20.0, y: 30.0 });
    }
}
