//! Scale bars: the longest round (1-2-5) length that fits, true at the centre latitude.

use super::Camera;
use super::measure::M_PER_NM;
use super::projection::ground_m_per_world_m;

/// Longest scale bar, in points.
pub const MAX_BAR_PT: f64 = 110.0;

/// The largest 1-2-5 number not above `max`.
pub fn nice_below(max: f64) -> f64 {
    if max.is_nan() || max <= 0.0 {
        return 0.0;
    }
    let p = 10f64.powf(max.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v <= max)
        .unwrap_or(p)
}

/// Ground metres per screen point at the camera's centre latitude.
pub fn ground_m_per_pt(camera: &Camera) -> f64 {
    camera.m_per_pt() * ground_m_per_world_m(camera.center_lon_lat().y)
}

/// Lengths of the scale bars: `(km, points)` and `(nm, points)`.
pub fn scale_bars(camera: &Camera) -> ((f64, f64), (f64, f64)) {
    let m_per_pt = ground_m_per_pt(camera);
    let km = nice_below(MAX_BAR_PT * m_per_pt / 1000.0);
    let nm = nice_below(MAX_BAR_PT * m_per_pt / M_PER_NM);
    ((km, km * 1000.0 / m_per_pt), (nm, nm * M_PER_NM / m_per_pt))
}

/// A bar length as printed: whole numbers above one, else as is (0.5, 0.2).
pub fn fmt_len(v: f64) -> String {
    if v >= 1.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_numbers() {
        assert_eq!(nice_below(7.3), 5.0);
        assert_eq!(nice_below(180.0), 100.0);
        assert_eq!(nice_below(0.31), 0.2);
    }

    #[test]
    fn scale_bar_is_true_to_the_centre_latitude() {
        // Same zoom, higher latitude: a kilometre takes more points (Mercator stretch).
        let low = Camera::at_lon_lat(118.0, 5.0, 8.0);
        let high = Camera::at_lon_lat(118.0, 33.0, 8.0);
        let pt_per_km = |c: &Camera| 1000.0 / ground_m_per_pt(c);
        assert!(pt_per_km(&high) > pt_per_km(&low) * 1.15);
        let ((km, km_pt), (nm, nm_pt)) = scale_bars(&high);
        assert!((km_pt - km * pt_per_km(&high)).abs() < 1e-6);
        assert!((nm_pt - nm * 1.852 * pt_per_km(&high)).abs() < 1e-6);
        assert!(km_pt <= MAX_BAR_PT && nm_pt <= MAX_BAR_PT && km_pt > MAX_BAR_PT / 5.0);
    }
}
