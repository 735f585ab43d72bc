//! The command line.

use crate::map::Camera;
use crate::map::camera::{MAX_ZOOM, MIN_ZOOM};
use clap::Parser;
use std::path::PathBuf;

/// Contested Waters: an offline map of the disputed East and South China seas.
#[derive(Debug, Parser)]
#[command(name = "contested-waters", version, about)]
pub struct Cli {
    /// Open on this view: longitude,latitude,zoom (e.g. 117.76,15.15,11).
    #[arg(long, value_name = "LON,LAT,ZOOM", value_parser = parse_view, allow_hyphen_values = true)]
    pub view: Option<Camera>,

    /// Render the first complete frame to this PNG file and exit.
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,

    /// Select this item at start (a feature, incident, site or claim id, e.g. scarborough-shoal).
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,

    /// Data folder to load instead of the bundled assets/.
    #[arg(long, value_name = "DIR")]
    pub assets: Option<PathBuf>,

    /// Window size in points, WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size)]
    pub size: (f32, f32),
}

/// Parses `LON,LAT,ZOOM` with ranges checked.
pub fn parse_view(s: &str) -> Result<Camera, String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let [lon, lat, zoom] = parts.as_slice() else {
        return Err(format!(
            "expected LON,LAT,ZOOM (three numbers separated by commas), got \"{s}\""
        ));
    };
    let num = |name: &str, v: &str| {
        v.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("{name} \"{v}\" is not a number"))
    };
    let (lon, lat, zoom) = (
        num("longitude", lon)?,
        num("latitude", lat)?,
        num("zoom", zoom)?,
    );
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("longitude {lon} is outside -180..180"));
    }
    if !(-85.0..=85.0).contains(&lat) {
        return Err(format!("latitude {lat} is outside -85..85"));
    }
    if !(MIN_ZOOM..=MAX_ZOOM).contains(&zoom) {
        return Err(format!("zoom {zoom} is outside {MIN_ZOOM}..{MAX_ZOOM}"));
    }
    Ok(Camera::at_lon_lat(lon, lat, zoom))
}

fn parse_size(s: &str) -> Result<(f32, f32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT, got \"{s}\""))?;
    let w: f32 = w
        .trim()
        .parse()
        .map_err(|_| format!("width \"{w}\" is not a number"))?;
    let h: f32 = h
        .trim()
        .parse()
        .map_err(|_| format!("height \"{h}\" is not a number"))?;
    if !(200.0..=8000.0).contains(&w) || !(200.0..=8000.0).contains(&h) {
        return Err("each side must be between 200 and 8000".into());
    }
    Ok((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_is_parsed_and_checked() {
        let cam = parse_view("117.76,15.15,11").unwrap_or_else(|e| panic!("{e}"));
        assert!((cam.center_lon_lat().x - 117.76).abs() < 1e-9);
        assert!((cam.zoom - 11.0).abs() < 1e-12);
        assert!(parse_view("117.76,15.15").is_err());
        assert!(parse_view("200,15,5").is_err());
        assert!(parse_view("117,15,40").is_err());
        assert!(parse_view("a,b,c").is_err());
        assert!(parse_view("117,NaN,5").is_err());
    }
}
