//! Loading: files on disk → the typed [`Atlas`](crate::model::Atlas), with typed errors.
//!
//! Each file loads on its own: a file that fails leaves the others standing, and a bad record
//! is reported and skipped while the rest of its file loads.

pub mod agreements;
pub mod atomic;
pub mod basemap;
pub mod claims;
pub mod coast;
pub mod collection;
pub mod compare;
pub mod csv_cells;
pub mod error;
pub mod export;
pub mod features;
pub mod incident_csv;
pub mod incident_import;
pub mod incident_layers;
pub mod incident_log;
pub mod incidents;
pub mod lenses;
pub mod limits;
pub mod log_fs;
pub mod map_image;
pub mod meta;
pub mod props;
pub mod save_worker;
pub mod source;
pub mod user_file;
mod user_scan;
pub mod validate;
pub mod web_url;
pub mod zone_data;
pub mod zones_export;

pub use error::{FeatureRef, LoadError};
pub use source::DataSource;

use crate::model::Atlas;
use std::path::Path;

/// The bundled files, relative to the assets folder.
pub const BASEMAP_FILE: &str = "basemap/countries.geojson";
pub const FEATURES_FILE: &str = "features.geojson";
pub const CLAIMS_FILE: &str = "claims.geojson";
pub const INCIDENTS_FILE: &str = "incidents.geojson";
pub const AGREEMENTS_FILE: &str = "agreements.geojson";
pub const META_FILE: &str = "meta.json";
pub const SERIES_FILE: &str = "series.json";
pub const LENSES_FILE: &str = "lenses.json";

/// What loading a folder produced: the data that loaded, and every error met on the way.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub atlas: Atlas,
    pub errors: Vec<LoadError>,
}

/// Loads every file of an assets folder, each independently (see [`load`]).
pub fn load_dir(dir: &Path) -> LoadReport {
    load(&DataSource::Dir(dir.to_path_buf()))
}

/// Every file [`load`] reads, in the order it reads them.
pub const DATA_FILES: [&str; 9] = [
    META_FILE,
    BASEMAP_FILE,
    FEATURES_FILE,
    CLAIMS_FILE,
    INCIDENTS_FILE,
    AGREEMENTS_FILE,
    SERIES_FILE,
    LENSES_FILE,
    coast::COAST_FILE,
];

/// Reads one file of a data source by name: [`DataSource::read`], or a wrapper of it that
/// reports progress, stops on cancel, or (in tests) holds the bytes back.
pub type ReadFile<'a> = dyn FnMut(&DataSource, &str) -> Result<Vec<u8>, LoadError> + 'a;

/// One path for every file: the source's bytes, then the file's parser.
fn read<T>(
    src: &DataSource,
    read_file: &mut ReadFile<'_>,
    name: &str,
    parse: impl FnOnce(&Path, Vec<u8>) -> Result<T, LoadError>,
) -> Result<T, LoadError> {
    parse(&src.path(name), read_file(src, name)?)
}

/// Runs one file's loader, keeping its records and errors.
fn take<T>(
    errors: &mut Vec<LoadError>,
    result: Result<(T, Vec<LoadError>), LoadError>,
) -> Option<T> {
    match result {
        Ok((value, mut errs)) => {
            errors.append(&mut errs);
            Some(value)
        }
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// Loads every file of a data source, each independently.
pub fn load(src: &DataSource) -> LoadReport {
    load_through(src, &mut |src: &DataSource, name: &str| src.read(name))
}

/// [`load`], reading each file through `read_file`.
pub fn load_through(src: &DataSource, read_file: &mut ReadFile<'_>) -> LoadReport {
    let mut report = LoadReport::default();
    let errors = &mut report.errors;
    let atlas = &mut report.atlas;
    match read(src, read_file, META_FILE, meta::meta_from_bytes) {
        Ok(m) => {
            atlas.as_of = Some(m.as_of);
            atlas.notes = m.notes;
            atlas.limitations = m.limitations;
        }
        Err(e) => errors.push(e),
    }
    atlas.countries = take(
        errors,
        read(src, read_file, BASEMAP_FILE, basemap::from_bytes),
    )
    .unwrap_or_default();
    atlas.features = take(
        errors,
        read(src, read_file, FEATURES_FILE, features::from_bytes),
    )
    .unwrap_or_default();
    atlas.claims = take(
        errors,
        read(src, read_file, CLAIMS_FILE, claims::from_bytes),
    )
    .unwrap_or_default();
    atlas.incidents = take(
        errors,
        read(src, read_file, INCIDENTS_FILE, incidents::from_bytes),
    )
    .unwrap_or_default();
    if let Some(a) = take(
        errors,
        read(src, read_file, AGREEMENTS_FILE, agreements::from_bytes),
    ) {
        atlas.agreements = a.agreements;
        atlas.sites = a.sites;
        atlas.statements = a.statements;
    }
    atlas.series = take(
        errors,
        read(src, read_file, SERIES_FILE, meta::series_from_bytes),
    )
    .unwrap_or_default();
    match read(src, read_file, LENSES_FILE, lenses::from_bytes) {
        Ok(t) => atlas.lenses = t,
        Err(e) => errors.push(e),
    }
    errors.extend(validate::check_atlas(&src.path(""), atlas));
    report
}

/// The finer shoreline (`coast/`), read apart from [`load`]: only the zones and the map past
/// zoom 8 need it, and parsing it in [`load`] lengthened every start (~15 % to the first
/// frame). A data source without it has none (zones then use the base map's coast).
pub fn load_shoreline(
    src: &DataSource,
) -> Result<std::sync::Arc<Vec<geo::Polygon<f64>>>, LoadError> {
    let path = src.path(coast::COAST_FILE);
    match src
        .read(coast::COAST_FILE)
        .and_then(|bytes| coast::from_bytes(&path, bytes))
    {
        Ok(rings) => Ok(std::sync::Arc::new(rings)),
        Err(LoadError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(std::sync::Arc::default())
        }
        Err(e) => Err(e),
    }
}
