//! `--where` and `--export-zones`: maritime zones from the command line, without a window.

use contested_waters::cli::LensChoice;
use contested_waters::io::DataSource;
use contested_waters::io::zone_data::{ZoneData, load_zone_data, load_zone_data_near};
use contested_waters::io::zones_export::{whats_here_json, write_zones};
use contested_waters::model::zones::{self, Lens};
use std::path::Path;
use std::process::ExitCode;

/// The zone data, with every coast or only those a query at `near` can reach.
fn load(
    src: &DataSource,
    lens: Option<LensChoice>,
    near: Option<geo::Point<f64>>,
) -> Result<(ZoneData, String), ExitCode> {
    let (data, warnings) = match near {
        Some(p) => load_zone_data_near(src, p, zones::ZoneKind::Eez.limit_nm()),
        None => load_zone_data(src),
    };
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    Ok((data, lens.unwrap_or(LensChoice::Award).id().to_owned()))
}

fn lens<'a>(data: &'a ZoneData, id: &str) -> Result<&'a Lens, ExitCode> {
    data.lenses.get(id).ok_or_else(|| {
        eprintln!("error: lenses.json has no lens \"{id}\"");
        ExitCode::FAILURE
    })
}

/// `--where LON,LAT`: the What's-here answer as JSON on stdout.
pub fn where_is(src: &DataSource, choice: Option<LensChoice>, (lon, lat): (f64, f64)) -> ExitCode {
    let run = || -> Result<(), ExitCode> {
        let p = geo::Point::new(lon, lat);
        let (data, id) = load(src, choice, Some(p))?;
        let lens = lens(&data, &id)?;
        let answer = zones::query::whats_here(p, lens, data.inputs());
        let text = serde_json::to_string_pretty(&whats_here_json(&answer)).map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        })?;
        println!("{text}");
        Ok(())
    };
    run().err().unwrap_or(ExitCode::SUCCESS)
}

/// `--export-zones PATH`: every zone of the lens as GeoJSON.
pub fn export_zones(src: &DataSource, choice: Option<LensChoice>, path: &Path) -> ExitCode {
    let run = || -> Result<(), ExitCode> {
        let (data, id) = load(src, choice, None)?;
        let lens = lens(&data, &id)?;
        let zones = zones::build(lens, data.inputs());
        let n = write_zones(path, &zones).map_err(|e| {
            eprintln!("error: {}: {e}", path.display());
            ExitCode::FAILURE
        })?;
        println!("{}: {n} zones written (lens {id})", path.display());
        Ok(())
    };
    run().err().unwrap_or(ExitCode::SUCCESS)
}
