//! Graticule: meridians and parallels at a spacing that suits the zoom.

use super::projection::WORLD_WIDTH_M;

/// Candidate spacings in degrees, coarse to fine (down to one minute).
const STEPS_DEG: [f64; 14] = [
    30.0,
    10.0,
    5.0,
    2.0,
    1.0,
    0.5,
    0.25,
    1.0 / 6.0,
    0.1,
    1.0 / 12.0,
    1.0 / 20.0,
    1.0 / 30.0,
    1.0 / 60.0,
    1.0 / 120.0,
];

/// The finest spacing whose lines stay at least `min_gap_pt` apart on screen at the equator's scale.
pub fn step_deg(pt_per_m: f64, min_gap_pt: f64) -> f64 {
    let px_per_deg = WORLD_WIDTH_M / 360.0 * pt_per_m;
    STEPS_DEG
        .iter()
        .copied()
        .take_while(|s| s * px_per_deg >= min_gap_pt)
        .last()
        .unwrap_or(STEPS_DEG[0])
}

/// Multiples of `step` within `[min, max]`.
pub fn ticks(min: f64, max: f64, step: f64) -> Vec<f64> {
    if step.is_nan() || step <= 0.0 || !min.is_finite() || !max.is_finite() || max < min {
        return Vec::new();
    }
    let first = (min / step).ceil();
    let last = (max / step).floor();
    let n = (last - first).max(-1.0);
    if n > 10_000.0 {
        return Vec::new();
    }
    // `n` is bounded above, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let count = (n + 1.0) as usize;
    (0..count).map(|k| (first + k as f64) * step).collect()
}

/// Formats a tick as degrees and minutes, e.g. `117°30′E`.
pub fn format_tick(value: f64, positive: char, negative: char) -> String {
    let hemi = if value < 0.0 { negative } else { positive };
    let total_min = (value.abs() * 60.0).round();
    let deg = (total_min / 60.0).floor();
    let min = total_min - deg * 60.0;
    if min == 0.0 {
        format!("{deg:.0}°{hemi}")
    } else {
        format!("{deg:.0}°{min:02.0}′{hemi}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::camera::Camera;

    #[test]
    fn finer_as_you_zoom() {
        let coarse = step_deg(Camera::at_lon_lat(118.0, 15.0, 4.0).pt_per_m(), 80.0);
        let fine = step_deg(Camera::at_lon_lat(118.0, 15.0, 12.0).pt_per_m(), 80.0);
        assert!(fine < coarse, "{fine} vs {coarse}");
        assert!(coarse >= 5.0);
        assert!(fine <= 1.0 / 12.0);
    }

    #[test]
    fn ticks_are_multiples_inside_the_range() {
        assert_eq!(ticks(103.2, 111.0, 2.0), vec![104.0, 106.0, 108.0, 110.0]);
        assert!(ticks(5.0, 1.0, 1.0).is_empty());
        assert!(ticks(0.0, 1.0, 0.0).is_empty());
    }

    #[test]
    fn formats_degrees_and_minutes() {
        assert_eq!(format_tick(117.5, 'E', 'W'), "117°30′E");
        assert_eq!(format_tick(-2.0, 'N', 'S'), "2°S");
    }
}
