//! A static k-d tree over Earth-centred points (nm) for the nearest-baseline searches that
//! dominate the zone build: one allocation-free descent gathers every point whose straight
//! chord could belong to the geodesically nearest one, so only those few are measured on the
//! ellipsoid (rstar's general-purpose queries cost several times more per search here).

use super::geodesic::max_geodesic_for_chord_nm;

/// Points per leaf: scanned linearly, which is cheaper than descending further.
const LEAF: usize = 8;
/// Median splits keep the tree balanced, log2(n / LEAF) + 1 levels deep, and a depth-first
/// walk holds at most two entries a level: this bounds the walk's stack for any tree that
/// fits in memory.
const MAX_DEPTH: usize = 64;

#[derive(Clone, Copy, Debug)]
struct Node {
    lo: [f64; 3],
    hi: [f64; 3],
    /// Leaf: the range of `points` it holds; inner node: its children's node indices.
    a: u32,
    b: u32,
    leaf: bool,
}

/// Points with a caller's id each (ids need not be unique).
#[derive(Clone, Debug, Default)]
pub struct KdTree {
    nodes: Vec<Node>,
    points: Vec<[f64; 3]>,
    ids: Vec<u32>,
}

impl KdTree {
    pub fn new(entries: Vec<([f64; 3], u32)>) -> Self {
        let mut entries = entries;
        let mut nodes = Vec::with_capacity(2 * entries.len() / LEAF + 1);
        if !entries.is_empty() {
            nodes.push(leaf_node(&entries, 0, entries.len()));
        }
        // Split nodes breadth-first with an explicit list: no recursion.
        let mut next = 0;
        while next < nodes.len() {
            let (s, e) = (nodes[next].a as usize, nodes[next].b as usize);
            if e - s > LEAF {
                let n = nodes[next];
                let axis = (0..3)
                    .max_by(|&i, &j| (n.hi[i] - n.lo[i]).total_cmp(&(n.hi[j] - n.lo[j])))
                    .unwrap_or(0);
                let mid = s + (e - s) / 2;
                entries[s..e]
                    .select_nth_unstable_by(mid - s, |x, y| x.0[axis].total_cmp(&y.0[axis]));
                let left = nodes.len() as u32;
                nodes.push(leaf_node(&entries, s, mid));
                nodes.push(leaf_node(&entries, mid, e));
                nodes[next] = Node {
                    a: left,
                    b: left + 1,
                    leaf: false,
                    ..n
                };
            }
            next += 1;
        }
        let (points, ids) = entries.into_iter().unzip();
        Self { nodes, points, ids }
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The smallest chord from `q` to any point (nm), and that point's id.
    pub fn nearest_chord(&self, q: [f64; 3]) -> Option<(f64, u32)> {
        let mut best: Option<(f64, u32)> = None;
        self.descend(q, |c2, id| {
            if best.is_none_or(|(b, _)| c2 < b) {
                best = Some((c2, id));
            }
            best.map_or(f64::INFINITY, |(b, _)| b)
        });
        best.map(|(c2, id)| (c2.sqrt(), id))
    }

    /// Calls `f(chord², id)` for every point whose chord could make it the geodesically
    /// nearest to `q`: no farther than the longest geodesic the shortest chord allows.
    pub fn candidates(&self, q: [f64; 3], mut f: impl FnMut(f64, u32)) {
        let mut reach2 = f64::INFINITY;
        let mut min_c2 = f64::INFINITY;
        let mut buf = [(0.0_f64, 0_u32); CANDIDATES];
        let mut n = 0;
        let mut overflow = false;
        self.descend(q, |c2, id| {
            if c2 < min_c2 {
                min_c2 = c2;
                let r = max_geodesic_for_chord_nm(c2.sqrt()) + CHORD_EPS_NM;
                reach2 = r * r;
            }
            if c2 <= reach2 && !overflow {
                if n == buf.len() {
                    // Drop what the radius has since excluded before giving up on the buffer.
                    let mut kept = 0;
                    for k in 0..n {
                        if buf[k].0 <= reach2 {
                            buf[kept] = buf[k];
                            kept += 1;
                        }
                    }
                    n = kept;
                }
                if n < buf.len() {
                    buf[n] = (c2, id);
                    n += 1;
                } else {
                    overflow = true;
                }
            }
            reach2
        });
        if overflow {
            self.visit_within(q, reach2, f);
        } else {
            for &(c2, id) in &buf[..n] {
                if c2 <= reach2 {
                    f(c2, id);
                }
            }
        }
    }

    /// Calls `f(chord², id)` for every point within chord² `r2` of `q`.
    pub fn visit_within(&self, q: [f64; 3], r2: f64, mut f: impl FnMut(f64, u32)) {
        let mut stack = [0u32; MAX_DEPTH * 2];
        let mut top = usize::from(!self.nodes.is_empty());
        while top > 0 {
            top -= 1;
            let n = &self.nodes[stack[top] as usize];
            if box_dist2(n, q) > r2 {
                continue;
            }
            if n.leaf {
                for i in n.a as usize..n.b as usize {
                    let c2 = dist2(self.points[i], q);
                    if c2 <= r2 {
                        f(c2, self.ids[i]);
                    }
                }
            } else if top + 2 <= stack.len() {
                stack[top] = n.a;
                stack[top + 1] = n.b;
                top += 2;
            }
        }
    }

    /// Depth-first descent, nearer child first, pruning nodes farther than the radius² that
    /// `step` returns after each point it is given (chord², id).
    fn descend(&self, q: [f64; 3], mut step: impl FnMut(f64, u32) -> f64) {
        let mut r2 = f64::INFINITY;
        let mut stack = [0u32; MAX_DEPTH * 2];
        let mut top = usize::from(!self.nodes.is_empty());
        while top > 0 {
            top -= 1;
            let n = &self.nodes[stack[top] as usize];
            if box_dist2(n, q) > r2 {
                continue;
            }
            if n.leaf {
                for i in n.a as usize..n.b as usize {
                    r2 = step(dist2(self.points[i], q), self.ids[i]);
                }
            } else if top + 2 <= stack.len() {
                let (l, r) = (&self.nodes[n.a as usize], &self.nodes[n.b as usize]);
                let (near, far) = if box_dist2(l, q) <= box_dist2(r, q) {
                    (n.a, n.b)
                } else {
                    (n.b, n.a)
                };
                stack[top] = far;
                stack[top + 1] = near;
                top += 2;
            }
        }
    }
}

/// Candidates kept during one descent before falling back to a second pass.
const CANDIDATES: usize = 32;

/// Rounding allowance when a chord is compared with a geodesic distance (about 2 mm).
pub const CHORD_EPS_NM: f64 = 1e-6;

fn leaf_node(entries: &[([f64; 3], u32)], s: usize, e: usize) -> Node {
    let mut lo = [f64::INFINITY; 3];
    let mut hi = [f64::NEG_INFINITY; 3];
    for (p, _) in &entries[s..e] {
        for ((l, h), v) in lo.iter_mut().zip(hi.iter_mut()).zip(p) {
            *l = l.min(*v);
            *h = h.max(*v);
        }
    }
    Node {
        lo,
        hi,
        a: s as u32,
        b: e as u32,
        leaf: true,
    }
}

fn dist2(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (x, y, z) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    x * x + y * y + z * z
}

/// Squared distance from `q` to the node's box (0 inside).
fn box_dist2(n: &Node, q: [f64; 3]) -> f64 {
    let d = |k: usize| (n.lo[k] - q[k]).max(q[k] - n.hi[k]).max(0.0);
    let (x, y, z) = (d(0), d(1), d(2));
    x * x + y * y + z * z
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::zones::geodesic::{distance_nm, ecef_nm};
    use geo::Point;

    /// Deterministic points scattered over the region (a small linear congruential generator).
    fn scatter(n: usize, seed: u64) -> Vec<Point<f64>> {
        let mut s = seed;
        let mut next = || {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..n)
            .map(|_| Point::new(100.0 + 30.0 * next(), -5.0 + 45.0 * next()))
            .collect()
    }

    #[test]
    fn geodesics_lie_between_their_chord_and_the_chords_bound() {
        let pts = scatter(400, 7);
        for w in pts.windows(2) {
            let (a, b) = (
                w[0],
                Point::new(w[0].x() + (w[1].x() - 115.0) / 5.0, w[1].y()),
            );
            let (ua, ub) = (ecef_nm(a), ecef_nm(b));
            let chord = dist2(ua, ub).sqrt();
            let d = distance_nm(a, b);
            let bound = max_geodesic_for_chord_nm(chord);
            assert!(
                chord <= d + 1e-9 && d <= bound + 1e-9,
                "{chord} {d} {bound}"
            );
            // Tight enough to prune: 0.03 nm at 200 nm, growing as the cube of the distance.
            assert!(
                bound - chord <= 0.03 * (d / 200.0).powi(3) + 1e-9,
                "{d}: {bound} {chord}"
            );
        }
    }

    #[test]
    fn candidates_hold_the_geodesically_nearest_point() {
        let pts = scatter(3000, 11);
        let tree = KdTree::new(
            pts.iter()
                .enumerate()
                .map(|(i, p)| (ecef_nm(*p), i as u32))
                .collect(),
        );
        for q in scatter(300, 23) {
            let brute = pts
                .iter()
                .map(|p| distance_nm(q, *p))
                .fold(f64::INFINITY, f64::min);
            let mut found = f64::INFINITY;
            let mut n = 0;
            tree.candidates(ecef_nm(q), |_, id| {
                found = found.min(distance_nm(q, pts[id as usize]));
                n += 1;
            });
            assert_eq!(found, brute, "{q:?}");
            assert!(n <= 3, "{n} candidates for {q:?}");
            let (c, _) = tree.nearest_chord(ecef_nm(q)).expect("non-empty");
            assert!(c <= brute && brute - c < 0.05 * (brute / 200.0).powi(3) + 1e-6);
        }
        assert!(KdTree::new(Vec::new()).nearest_chord([0.0; 3]).is_none());
    }
}
