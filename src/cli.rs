//! The command line.

use crate::app::SideTab;
use crate::map::Camera;
use crate::map::camera::{MAX_ZOOM, MIN_ZOOM};
use crate::model::{Country, Date, IncidentFilter, IncidentKind};
use clap::Parser;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// `--version`: the app's version and the as-of date of the data built into it (`build.rs`).
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (bundled data as of ",
    env!("CONTESTED_WATERS_AS_OF"),
    ")"
);

/// Contested Waters: an offline map of the disputed East and South China seas.
#[derive(Debug, Parser)]
#[command(name = "contested-waters", version, long_version = LONG_VERSION, about)]
pub struct Cli {
    /// GeoJSON files to open as layers, as --open does (what a file manager passes when a
    /// file is opened with the app).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Open on this view: longitude,latitude,zoom (e.g. 117.76,15.15,11).
    #[arg(long, value_name = "LON,LAT,ZOOM", value_parser = parse_view, allow_hyphen_values = true)]
    pub view: Option<Camera>,

    /// Render the first complete frame to this PNG file and exit.
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,

    /// With --screenshot: start from the saved view and layers as a normal start does (tests
    /// of a hostile saved state use it; by default a screenshot ignores the saved state).
    #[arg(long, hide = true, requires = "screenshot")]
    pub screenshot_saved_state: bool,

    /// Select this item at start (a feature, incident, site, claim or agreement id, e.g.
    /// scarborough-shoal, or a country's alpha-3 code, e.g. PHL, for its agreements).
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,

    /// Show agreements as of this date (YYYY-MM-DD); default: the data's as-of date.
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub as_of: Option<Date>,

    /// Compare the agreement web on the as-of date with this date (YYYY-MM-DD): the map marks
    /// the links new, changed and gone between the two, the Agreements tab lists them.
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub compare_date: Option<Date>,

    /// Show only incidents on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub from: Option<Date>,

    /// Show only incidents on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub to: Option<Date>,

    /// Show only these incident kinds, comma-separated (e.g. water_cannon,collision).
    #[arg(long, value_name = "KINDS", value_parser = parse_kinds)]
    pub kinds: Option<BTreeSet<IncidentKind>>,

    /// Show only incidents involving these countries, comma-separated ISO alpha-3 (e.g. PHL,VNM).
    #[arg(long, value_name = "CODES", value_parser = parse_countries)]
    pub actors: Option<BTreeSet<Country>>,

    /// Show only these agreements' sites, comma-separated ids (e.g. agr-usa-phl-edca).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub agreements: Option<Vec<String>>,

    /// The left panel's page at start.
    #[arg(long, value_enum, default_value_t = SideTab::Layers)]
    pub panel: SideTab,

    /// Open the incident form at start, for a new incident at LON,LAT (e.g. 116.2,14.2).
    #[arg(long, value_name = "LON,LAT", value_parser = parse_lon_lat, allow_hyphen_values = true)]
    pub add_incident_at: Option<(f64, f64)>,

    /// Open a GeoJSON file as a layer of its own (repeatable); loads in the background.
    #[arg(long, value_name = "PATH")]
    pub open: Vec<PathBuf>,

    /// Add N synthetic incidents (seeded, labelled synthetic, kept apart from the real data) to
    /// feel the app at scale; the incident filter and the timeline apply to them. At most
    /// 5,000,000 (about 0.5 GB).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_STRESS))]
    pub stress: Option<u32>,

    /// Load a GeoJSON file as --open would (parse, project, index), print a summary and
    /// the features it skipped, and exit without opening a window. Given a data folder,
    /// load it as --assets would and list every error and warning (exit 1 if any).
    #[arg(long, value_name = "PATH")]
    pub check: Option<PathBuf>,

    /// Write the incidents the filter options select (--from, --to, --kinds, --actors; all
    /// when none is given) to a .csv or .geojson file, with their sources, and exit without
    /// opening a window. Your own incidents (--data-dir) are included, marked origin "mine",
    /// and your imported layers', marked "imported:NAME".
    #[arg(long, value_name = "PATH")]
    pub export: Option<PathBuf>,

    /// Folder of your own incident log ("My incidents", incidents.geojson); default: the
    /// platform's data folder (e.g. ~/.local/share/contested-waters).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Merge a file of incidents (GeoJSON in the bundled schema, or CSV with the columns
    /// --export writes) into My incidents without opening a window, and print what was added,
    /// changed, skipped and looks like a duplicate.
    #[arg(long, value_name = "FILE")]
    pub import: Option<PathBuf>,

    /// Keep a file of incidents (as --import reads) as a read-only incident layer of its own
    /// in the data folder (layers/NAME.geojson), without opening a window; print a summary.
    #[arg(long, value_name = "FILE", conflicts_with = "import")]
    pub import_as_layer: Option<PathBuf>,

    /// Data folder to load instead of the bundled assets/.
    #[arg(long, value_name = "DIR")]
    pub assets: Option<PathBuf>,

    /// Compare another data folder (e.g. a newer release of the data) with ours (the bundled
    /// data, or --assets): print, as JSON, the records it adds, changes (with the fields that
    /// changed) and removes, per collection, and the problems met reading it; then exit.
    #[arg(long, value_name = "DIR")]
    pub compare: Option<PathBuf>,

    /// Maritime zones under this reading: award (the 2016 award applied) or maximal (every
    /// claimed feature a full island). Opens with the zones layer on; with --where or
    /// --export-zones, the lens they use (default award).
    #[arg(long, value_enum, value_name = "LENS")]
    pub lens: Option<LensChoice>,

    /// Print what is at LON,LAT (the zones that contain it under --lens, the claims around it,
    /// the nearest disputed features) as JSON and exit.
    #[arg(long = "where", value_name = "LON,LAT", value_parser = parse_lon_lat, allow_hyphen_values = true)]
    pub where_: Option<(f64, f64)>,

    /// Write the maritime zones under --lens (one feature per state or feature group and zone)
    /// to a GeoJSON file and exit.
    #[arg(long, value_name = "PATH")]
    pub export_zones: Option<PathBuf>,

    /// Window size in points, WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size)]
    pub size: (f32, f32),
}

impl Cli {
    /// Every file to open as a layer: `--open`'s, then the bare paths.
    pub fn open_paths(&self) -> Vec<PathBuf> {
        self.open.iter().chain(&self.files).cloned().collect()
    }
}

/// A lens of the maritime zones (see `assets/lenses.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LensChoice {
    Award,
    Maximal,
}

impl LensChoice {
    /// The lens id in `lenses.json`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Award => "award",
            Self::Maximal => "maximal",
        }
    }
}

/// Parses `LON,LAT` with ranges checked.
pub fn parse_lon_lat(s: &str) -> Result<(f64, f64), String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let [lon, lat] = parts.as_slice() else {
        return Err(format!(
            "expected LON,LAT (two numbers separated by a comma), got \"{s}\""
        ));
    };
    let num = |name: &str, v: &str| {
        v.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("{name} \"{v}\" is not a number"))
    };
    let (lon, lat) = (num("longitude", lon)?, num("latitude", lat)?);
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("longitude {lon} is outside -180..180"));
    }
    if !(-85.0..=85.0).contains(&lat) {
        return Err(format!("latitude {lat} is outside -85..85"));
    }
    Ok((lon, lat))
}

/// Largest `--stress`: peak memory grows by about 90 bytes per synthetic incident, so the
/// old limit of 50 million took 4.3 GB.
pub const MAX_STRESS: i64 = 5_000_000;

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

/// Parses a YYYY-MM-DD date.
pub fn parse_date_arg(s: &str) -> Result<Date, String> {
    crate::io::props::parse_date(s.trim())
        .ok_or_else(|| format!("\"{s}\" is not a date; expected YYYY-MM-DD, e.g. 2024-06-17"))
}

/// Parses a comma-separated list of incident kinds.
pub fn parse_kinds(s: &str) -> Result<BTreeSet<IncidentKind>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| {
            IncidentKind::parse(k).ok_or_else(|| {
                format!(
                    "unknown incident kind \"{k}\"; accepted: {}",
                    IncidentKind::accepted()
                )
            })
        })
        .collect::<Result<BTreeSet<_>, _>>()
        .and_then(|set| {
            if set.is_empty() {
                Err("list at least one kind".to_owned())
            } else {
                Ok(set)
            }
        })
}

/// Parses a comma-separated list of ISO alpha-3 country codes.
pub fn parse_countries(s: &str) -> Result<BTreeSet<Country>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| {
            Country::parse(c).ok_or_else(|| {
                format!(
                    "unknown country \"{c}\"; accepted: {}",
                    Country::accepted_codes()
                )
            })
        })
        .collect::<Result<BTreeSet<_>, _>>()
        .and_then(|set| {
            // An empty list would otherwise mean "no actor filter", i.e. every country.
            if set.is_empty() {
                Err("list at least one country code (e.g. PHL,VNM)".to_owned())
            } else {
                Ok(set)
            }
        })
}

impl Cli {
    /// The incident filter the options ask for, or `None` to keep the saved one.
    pub fn incident_filter(&self) -> Result<Option<IncidentFilter>, String> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(format!("--from {from} is after --to {to}"));
        }
        if self.from.is_none() && self.to.is_none() && self.kinds.is_none() && self.actors.is_none()
        {
            return Ok(None);
        }
        let mut f = IncidentFilter::default();
        if let Some(k) = &self.kinds {
            f.kinds.clone_from(k);
        }
        if let Some(a) = &self.actors {
            f.actors.clone_from(a);
        }
        f.from = self.from;
        f.to = self.to;
        Ok(Some(f))
    }
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

    #[test]
    fn kinds_dates_and_ranges() {
        let k = parse_kinds("water_cannon, collision").unwrap_or_default();
        assert_eq!(
            k,
            [IncidentKind::WaterCannon, IncidentKind::Collision].into()
        );
        let err = parse_kinds("water_cannon,lazer").err().unwrap_or_default();
        assert!(
            err.contains("lazer") && err.contains("air_intercept"),
            "{err}"
        );
        assert!(parse_date_arg("2024-02-30").is_err());
        for bad in ["+202-01-01", "-999-12-31", "", " "] {
            assert!(parse_date_arg(bad).is_err(), "{bad:?}");
        }
        for empty in ["", " ", ",", " , "] {
            assert!(parse_kinds(empty).is_err(), "--kinds {empty:?}");
            assert!(parse_countries(empty).is_err(), "--actors {empty:?}");
        }
        let cli = Cli::parse_from(["cw", "--from", "2025-01-01", "--to", "2024-01-01"]);
        assert!(cli.incident_filter().is_err());
        let cli = Cli::parse_from(["cw", "--kinds", "laser", "--actors", "PHL"]);
        let f = cli.incident_filter().ok().flatten().unwrap_or_default();
        assert_eq!(f.kinds, [IncidentKind::Laser].into());
        assert_eq!(f.actors.len(), 1);
        assert!(
            Cli::parse_from(["cw"])
                .incident_filter()
                .ok()
                .flatten()
                .is_none()
        );
    }
}
