//! Spherical Web Mercator (EPSG:3857): lon/lat degrees ⇄ world metres.
//!
//! World y grows northwards; screens flip it in [`super::camera`].

use geo::Coord;
use std::f64::consts::{FRAC_PI_4, PI};

/// WGS 84 semi-major axis, the sphere radius Web Mercator uses.
pub const EARTH_RADIUS_M: f64 = 6_378_137.0;
/// Latitude limit of Web Mercator (the world is a square).
pub const MAX_LAT_DEG: f64 = 85.051_128_779_806_59;
/// Width of the whole world in world metres.
pub const WORLD_WIDTH_M: f64 = 2.0 * PI * EARTH_RADIUS_M;

/// Projects lon/lat degrees to world metres (latitude clamped to the Mercator limit).
pub fn world_from_lon_lat(lon_lat: Coord<f64>) -> Coord<f64> {
    let lat = lon_lat.y.clamp(-MAX_LAT_DEG, MAX_LAT_DEG).to_radians();
    Coord {
        x: EARTH_RADIUS_M * lon_lat.x.to_radians(),
        y: EARTH_RADIUS_M * (FRAC_PI_4 + lat / 2.0).tan().ln(),
    }
}

/// Inverse of [`world_from_lon_lat`].
pub fn lon_lat_from_world(world: Coord<f64>) -> Coord<f64> {
    Coord {
        x: (world.x / EARTH_RADIUS_M).to_degrees(),
        y: (2.0 * (world.y / EARTH_RADIUS_M).exp().atan() - PI / 2.0).to_degrees(),
    }
}

/// Ground metres per world metre at a latitude (Mercator stretches by 1/cos φ).
pub fn ground_m_per_world_m(lat_deg: f64) -> f64 {
    lat_deg.to_radians().cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    #[test]
    fn known_values() {
        // Origin, the antimeridian, and a published EPSG:3857 value for 45°N.
        let o = world_from_lon_lat(c(0.0, 0.0));
        assert!(o.x.abs() < 1e-9 && o.y.abs() < 1e-9);
        let e = world_from_lon_lat(c(180.0, 0.0));
        assert!((e.x - 20_037_508.342_789_244).abs() < 1e-6);
        let n = world_from_lon_lat(c(0.0, 45.0));
        assert!((n.y - 5_621_521.486_192_066).abs() < 1e-3, "{}", n.y);
        let top = world_from_lon_lat(c(0.0, MAX_LAT_DEG));
        assert!((top.y - 20_037_508.342_789_244).abs() < 1e-3);
    }

    #[test]
    fn round_trips_across_the_region() {
        for lon in [104.0, 112.5, 117.76, 123.47, 132.0] {
            for lat in [-10.0, 2.0, 9.73, 15.15, 25.74, 34.0, 60.0] {
                let back = lon_lat_from_world(world_from_lon_lat(c(lon, lat)));
                assert!(
                    (back.x - lon).abs() < 1e-9 && (back.y - lat).abs() < 1e-9,
                    "{lon},{lat} -> {back:?}"
                );
            }
        }
    }

    #[test]
    fn scale_shrinks_with_latitude() {
        assert!((ground_m_per_world_m(0.0) - 1.0).abs() < 1e-12);
        assert!((ground_m_per_world_m(60.0) - 0.5).abs() < 1e-12);
    }
}
