//! Coordinates as people read and paste them: decimal degrees, and degrees with decimal
//! minutes as charts and coast-guard reports give them.

use geo::Coord;

/// Degrees and decimal minutes, e.g. `15°09.000′N`.
pub fn format_dm(value: f64, positive: char, negative: char) -> String {
    let hemi = if value < 0.0 { negative } else { positive };
    let v = value.abs();
    let mut deg = v.floor();
    let mut min = (v - deg) * 60.0;
    if min >= 59.9995 {
        deg += 1.0;
        min = 0.0;
    }
    format!("{deg:.0}°{min:06.3}′{hemi}")
}

/// A lon/lat as decimal degrees and degrees-minutes.
pub fn format_lon_lat(lon_lat: Coord<f64>) -> String {
    format!(
        "{:.5}°, {:.5}°  ({} {})",
        lon_lat.y,
        lon_lat.x,
        format_dm(lon_lat.y, 'N', 'S'),
        format_dm(lon_lat.x, 'E', 'W')
    )
}

/// A lon/lat as "lat, lon" in decimal degrees, the order map sites and GPS units accept.
pub fn format_lat_lon_decimal(lon_lat: Coord<f64>) -> String {
    format!("{:.6}, {:.6}", lon_lat.y, lon_lat.x)
}

/// A lon/lat as degrees and decimal minutes, latitude first, e.g. `15°09.000′N 117°45.600′E`.
pub fn format_lat_lon_dm(lon_lat: Coord<f64>) -> String {
    format!(
        "{} {}",
        format_dm(lon_lat.y, 'N', 'S'),
        format_dm(lon_lat.x, 'E', 'W')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_minutes() {
        assert_eq!(format_dm(15.15, 'N', 'S'), "15°09.000′N");
        assert_eq!(format_dm(-0.5, 'N', 'S'), "0°30.000′S");
        assert_eq!(format_dm(117.99999999, 'E', 'W'), "118°00.000′E");
    }

    #[test]
    fn pasteable_forms_put_latitude_first() {
        let scarborough = Coord {
            x: 117.76,
            y: 15.15,
        };
        assert_eq!(format_lat_lon_decimal(scarborough), "15.150000, 117.760000");
        assert_eq!(format_lat_lon_dm(scarborough), "15°09.000′N 117°45.600′E");
        let south_west = Coord { x: -0.5, y: -0.25 };
        assert_eq!(format_lat_lon_dm(south_west), "0°15.000′S 0°30.000′W");
    }
}
