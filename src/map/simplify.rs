//! Line simplification and label points that never recurse on input size.
//!
//! geo's `Simplify` (Douglas–Peucker) recurses once per split and `interior_point` runs a
//! recursive sweep: a 100k-vertex back-and-forth track or saw-tooth ring overflows the stack,
//! which aborts the process (no panic guard catches it). These versions keep an explicit stack
//! and give geo's output for the same input, with two bounds for hostile sizes: long paths are
//! first thinned to one vertex per tolerance distance, and the splitting work is capped, so a
//! pathological path is drawn coarser rather than late.

use geo::{Coord, Distance, Euclidean, Line, LineString, Polygon};

/// Paths longer than this are first thinned by distance (see [`radial_thin`]); shorter ones
/// are simplified exactly as geo's `Simplify` would.
pub const THIN_ABOVE_VERTICES: usize = 4096;
/// Distance evaluations allowed per vertex (plus a floor) before the remaining spans are kept
/// as thinned: Douglas–Peucker is quadratic on adversarial input (each split peeling off one
/// vertex). The floor covers the worst case of any path up to [`THIN_ABOVE_VERTICES`]
/// (n²/2), so those always match geo exactly.
const WORK_PER_VERTEX: usize = 16;
const WORK_FLOOR: usize = 1 << 24;

/// Douglas–Peucker on `coords` with geo's semantics: `min_len` is 2 for a line and 4 for a
/// ring (a span is never culled below it), ties go to the later vertex, `epsilon <= 0`
/// returns the input.
pub fn rdp(coords: &[Coord<f64>], epsilon: f64, min_len: usize) -> Vec<Coord<f64>> {
    if epsilon.is_nan() || epsilon <= 0.0 || coords.len() <= 2 {
        return coords.to_vec();
    }
    let thinned = if coords.len() > THIN_ABOVE_VERTICES {
        radial_thin(coords, epsilon)
    } else {
        Vec::new()
    };
    // A ring thinned below a ring's minimum is simplified whole (the work cap bounds it).
    let coords = if thinned.len() >= min_len {
        &thinned[..]
    } else {
        coords
    };
    let mut budget = coords.len().saturating_mul(WORK_PER_VERTEX).max(WORK_FLOOR);
    let mut remaining = coords.len();
    let mut out = Vec::new();
    // Spans [first, last] still to simplify, the leftmost on top: leaves come off in order.
    let mut stack = vec![(0usize, coords.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let span = &coords[first..=last];
        if span.len() > 2 && budget == 0 {
            // Out of work: the rest of the path is drawn as thinned, not simplified further.
            out.extend_from_slice(&span[..span.len() - 1]);
            continue;
        }
        let split = if span.len() > 2 {
            budget = budget.saturating_sub(span.len());
            farthest(span, epsilon).map(|k| first + k)
        } else {
            None
        };
        if let Some(mid) = split {
            stack.push((mid, last));
            stack.push((first, mid));
            continue;
        }
        // A leaf: keep its ends, unless culling would leave fewer than `min_len` vertices.
        let culled = span.len().saturating_sub(2);
        if remaining - culled < min_len {
            out.extend_from_slice(&span[..span.len() - 1]);
        } else {
            remaining -= culled;
            out.push(span[0]);
        }
    }
    out.push(coords[coords.len() - 1]);
    out
}

/// The index (within `span`) of the interior vertex farthest from the chord, if farther than
/// `epsilon`; geo's fold, so equal distances pick the later vertex.
fn farthest(span: &[Coord<f64>], epsilon: f64) -> Option<usize> {
    let chord = Line::new(span[0], span[span.len() - 1]);
    let (index, distance) = span[1..span.len() - 1].iter().enumerate().fold(
        (0usize, 0.0f64),
        |(best, best_d), (i, c)| {
            let d = Euclidean.distance(*c, &chord);
            if d >= best_d {
                (i + 1, d)
            } else {
                (best, best_d)
            }
        },
    );
    (distance > epsilon).then_some(index)
}

/// Drops every vertex closer than `epsilon` to the last one kept (the last vertex always
/// stays): a dense path at a coarse zoom shrinks to what can be seen before any splitting.
pub fn radial_thin(coords: &[Coord<f64>], epsilon: f64) -> Vec<Coord<f64>> {
    let Some((&last, rest)) = coords.split_last() else {
        return Vec::new();
    };
    let mut out: Vec<Coord<f64>> = Vec::new();
    for &c in rest {
        let far = out
            .last()
            .is_none_or(|k| (c.x - k.x).hypot(c.y - k.y) >= epsilon);
        if far {
            out.push(c);
        }
    }
    out.push(last);
    out
}

/// A line simplified as geo's `LineString::simplify` would.
pub fn simplify_line(line: &LineString<f64>, epsilon: f64) -> LineString<f64> {
    LineString(rdp(&line.0, epsilon, 2))
}

/// A polygon simplified as geo's `Polygon::simplify` would (every ring on its own).
pub fn simplify_polygon(poly: &Polygon<f64>, epsilon: f64) -> Polygon<f64> {
    let ring = |r: &LineString<f64>| LineString(rdp(&r.0, epsilon, 4));
    Polygon::new(
        ring(poly.exterior()),
        poly.interiors().iter().map(ring).collect(),
    )
}

/// A point inside `poly` to hang its label on, found without recursion: along the horizontal
/// line through the middle of its bounding box, the middle of the widest stretch inside the
/// polygon (holes count as outside). `None` for an empty or flat polygon.
pub fn label_point(poly: &Polygon<f64>) -> Option<Coord<f64>> {
    let ext = &poly.exterior().0;
    let (mut y_min, mut y_max) = (f64::INFINITY, f64::NEG_INFINITY);
    for c in ext {
        y_min = y_min.min(c.y);
        y_max = y_max.max(c.y);
    }
    // Also false when a coordinate is NaN.
    if y_min.partial_cmp(&y_max) != Some(std::cmp::Ordering::Less) {
        return None;
    }
    let y = 0.5 * (y_min + y_max);
    let mut xs: Vec<f64> = Vec::new();
    for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
        for w in ring.0.windows(2) {
            let (a, b) = (w[0], w[1]);
            // Half-open rule: a vertex exactly on the line counts once.
            if (a.y > y) != (b.y > y) {
                xs.push(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
            }
        }
    }
    xs.retain(|x| x.is_finite());
    xs.sort_by(f64::total_cmp);
    xs.chunks_exact(2)
        .map(|p| (p[0], p[1]))
        .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
        .filter(|(a, b)| b > a)
        .map(|(a, b)| Coord {
            x: 0.5 * (a + b),
            y,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Point, Simplify, polygon};
    use rand::{Rng, SeedableRng};

    fn random_path(rng: &mut rand::rngs::StdRng, n: usize) -> Vec<Coord<f64>> {
        (0..n)
            .map(|_| Coord {
                x: f64::from(rng.random_range(-50i32..50)) / 4.0,
                y: f64::from(rng.random_range(-50i32..50)) / 4.0,
            })
            .collect()
    }

    #[test]
    fn same_output_as_geo_on_small_inputs() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for case in 0..3000 {
            let n = case % 40;
            let coords = random_path(&mut rng, n);
            let eps = [0.0, 0.1, 1.0, 3.0, 10.0, 100.0][case % 6];
            let line = LineString(coords.clone());
            assert_eq!(simplify_line(&line, eps), line.simplify(eps), "line {case}");
            let poly = Polygon::new(LineString(coords), vec![]);
            assert_eq!(
                simplify_polygon(&poly, eps),
                poly.simplify(eps),
                "ring {case}"
            );
        }
    }

    #[test]
    fn a_million_vertex_zig_zag_neither_overflows_nor_stalls() {
        // Back and forth with a slowly growing swing: every split peels off one vertex, which
        // is what sent geo's recursion a million frames deep.
        let zig: Vec<Coord<f64>> = (0..1_000_000)
            .map(|i| Coord {
                x: f64::from(i % 2) * (1.0 + f64::from(i) * 1e-3),
                y: f64::from(i) * 1e-6,
            })
            .collect();
        let out = rdp(&zig, 0.5, 2);
        assert_eq!(out.first(), zig.first());
        assert_eq!(out.last(), zig.last());
        assert!(out.len() >= 2 && out.len() <= zig.len());
        // At a tolerance below the swing, the shape is kept, not collapsed to its ends.
        assert!(out.len() > 1000, "{}", out.len());
        let thin = rdp(&zig, 1e4, 2);
        assert_eq!(thin.len(), 2);
    }

    #[test]
    fn label_point_lies_inside_awkward_shapes() {
        // A saw-tooth comb of 100k vertices and a C-shape whose centroid is outside.
        let mut comb = vec![Coord { x: 0.0, y: 0.0 }];
        for i in 0..50_000 {
            let x = f64::from(i);
            comb.push(Coord { x, y: 10.0 });
            comb.push(Coord { x: x + 0.5, y: 1.0 });
        }
        comb.extend([
            Coord {
                x: 50_000.0,
                y: 0.0,
            },
            Coord { x: 0.0, y: 0.0 },
        ]);
        let c_shape = polygon![
            (x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 2.0), (x: 2.0, y: 2.0),
            (x: 2.0, y: 8.0), (x: 10.0, y: 8.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0),
        ];
        let holed = Polygon::new(
            LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]),
            vec![LineString::from(vec![
                (2.0, 2.0),
                (8.0, 2.0),
                (8.0, 8.0),
                (2.0, 8.0),
            ])],
        );
        for poly in [Polygon::new(LineString(comb), vec![]), c_shape, holed] {
            let p = label_point(&poly).map(Point::from);
            assert!(p.is_some_and(|p| poly.contains(&p)), "{p:?}");
        }
        let flat = Polygon::new(LineString::from(vec![(0.0, 1.0), (5.0, 1.0)]), vec![]);
        assert_eq!(label_point(&flat), None);
    }
}
