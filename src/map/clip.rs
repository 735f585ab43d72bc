//! Clipping polylines to the screen, so long lines far off-screen (a claim line crossing the
//! whole sea at reef zoom) cost nothing to stroke or dash; and thinning them on screen, so a
//! coast-hugging line of thousands of vertices costs what the pixels it covers cost.

/// Splits a polyline into the runs that lie inside the rectangle `[min, max]`.
pub fn clip_polyline(points: &[[f64; 2]], min: [f64; 2], max: [f64; 2]) -> Vec<Vec<[f64; 2]>> {
    let mut runs: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut current: Vec<[f64; 2]> = Vec::new();
    for w in points.windows(2) {
        match clip_segment(w[0], w[1], min, max) {
            Some((a, b)) => {
                if current.last() != Some(&a) {
                    if current.len() > 1 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(a);
                }
                current.push(b);
            }
            None => {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

/// Drops the points of a screen run that lie within `min_step` of the last point kept (the
/// first and last points always stay): at region zoom a 200 nm limit's vertices are a few
/// metres of screen apart, and stroking or dashing each one is wasted work.
pub fn thin_run(run: &mut Vec<[f64; 2]>, min_step: f64) {
    let Some(&last) = run.last() else {
        return;
    };
    let min_sq = min_step * min_step;
    let mut kept = 0;
    for i in 0..run.len() {
        let p = run[i];
        let far = kept == 0 || {
            let q = run[kept - 1];
            (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) >= min_sq
        };
        if far {
            run[kept] = p;
            kept += 1;
        }
    }
    run.truncate(kept);
    if run.last() != Some(&last) {
        if run.len() > 1 {
            // The last kept point is within `min_step` of the end: the end replaces it.
            run.pop();
        }
        run.push(last);
    }
}

/// Liang–Barsky: the part of segment `a`–`b` inside the rectangle, if any.
fn clip_segment(
    a: [f64; 2],
    b: [f64; 2],
    min: [f64; 2],
    max: [f64; 2],
) -> Option<([f64; 2], [f64; 2])> {
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for axis in 0..2 {
        for (p, q) in [
            (-d[axis], a[axis] - min[axis]),
            (d[axis], max[axis] - a[axis]),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return None;
                }
            }
        }
    }
    let at = |t: f64| [a[0] + t * d[0], a[1] + t * d[1]];
    Some((at(t0), at(t1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: [f64; 2] = [0.0, 0.0];
    const MAX: [f64; 2] = [100.0, 100.0];

    #[test]
    fn inside_lines_are_kept_whole() {
        let line = [[10.0, 10.0], [50.0, 20.0], [90.0, 90.0]];
        assert_eq!(clip_polyline(&line, MIN, MAX), vec![line.to_vec()]);
    }

    #[test]
    fn a_long_line_is_cut_at_the_edges() {
        let runs = clip_polyline(&[[-1.0e7, 50.0], [1.0e7, 50.0]], MIN, MAX);
        assert_eq!(runs.len(), 1);
        assert!(
            (runs[0][0][0] - 0.0).abs() < 1e-6 && (runs[0][1][0] - 100.0).abs() < 1e-6,
            "{runs:?}"
        );
    }

    #[test]
    fn leaving_and_coming_back_makes_two_runs() {
        let line = [[10.0, 50.0], [200.0, 50.0], [200.0, 60.0], [10.0, 60.0]];
        let runs = clip_polyline(&line, MIN, MAX);
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert!(
            runs.iter()
                .flatten()
                .all(|p| p[0] >= -1e-9 && p[0] <= 100.0 + 1e-9)
        );
    }

    #[test]
    fn thinning_keeps_the_ends_and_points_a_step_apart() {
        let mut run: Vec<[f64; 2]> = (0..=100).map(|i| [f64::from(i) * 0.1, 0.0]).collect();
        thin_run(&mut run, 0.5);
        assert_eq!(run.first(), Some(&[0.0, 0.0]));
        assert_eq!(run.last(), Some(&[10.0, 0.0]));
        assert!(run.len() >= 20 && run.len() <= 21, "{}", run.len());
        assert!(
            run.windows(2)
                .all(|w| (w[1][0] - w[0][0]) >= 0.5 - 1e-9 || w[1] == [10.0, 0.0]),
            "{run:?}"
        );
        // A corner sharper than the step survives when its points are a step apart.
        let mut corner = vec![[0.0, 0.0], [5.0, 0.0], [5.0, 5.0]];
        thin_run(&mut corner, 0.5);
        assert_eq!(corner, vec![[0.0, 0.0], [5.0, 0.0], [5.0, 5.0]]);
        // A run shorter than the step keeps both ends, so it is still drawn.
        let mut dot = vec![[1.0, 1.0], [1.1, 1.0], [1.2, 1.0]];
        thin_run(&mut dot, 0.5);
        assert_eq!(dot, vec![[1.0, 1.0], [1.2, 1.0]]);
    }

    #[test]
    fn outside_lines_vanish() {
        assert!(clip_polyline(&[[-10.0, -10.0], [-5.0, 200.0]], MIN, MAX).is_empty());
        assert!(clip_polyline(&[[150.0, 150.0]], MIN, MAX).is_empty());
    }
}
