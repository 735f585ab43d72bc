//! Test data shared by the benches, generated deterministically (nothing large is committed).

use rand::{Rng, SeedableRng, rngs::StdRng};
use std::fmt::Write as _;

/// GeoJSON text of `n_points` points and `n_polygons` small polygons.
pub fn synthetic_geojson(n_points: usize, n_polygons: usize) -> String {
    let mut rng = StdRng::seed_from_u64(7);
    let mut s = String::with_capacity(n_points * 110 + n_polygons * 400);
    s.push_str("{\"type\":\"FeatureCollection\",\"features\":[");
    for i in 0..n_points + n_polygons {
        if i > 0 {
            s.push(',');
        }
        let (x, y): (f64, f64) = (rng.random_range(104.0..132.0), rng.random_range(2.0..34.0));
        if i < n_points {
            let _ = write!(
                s,
                "{{\"type\":\"Feature\",\"properties\":{{\"name\":\"p{i}\",\"kind\":\"water_cannon\"}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{x:.6},{y:.6}]}}}}"
            );
        } else {
            let _ = write!(
                s,
                "{{\"type\":\"Feature\",\"properties\":{{\"name\":\"a{i}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[["
            );
            for k in 0..12 {
                let a = f64::from(k) / 12.0 * std::f64::consts::TAU;
                let _ = write!(s, "[{:.6},{:.6}],", x + 0.05 * a.cos(), y + 0.05 * a.sin());
            }
            let _ = write!(s, "[{:.6},{:.6}]]]}}}}", x + 0.05, y);
        }
    }
    s.push_str("]}");
    s
}
