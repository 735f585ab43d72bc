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
pub mod csv_cells;
pub mod error;
pub mod export;
pub mod features;
pub mod incident_csv;
pub mod incident_import;
pub mod incident_log;
pub mod incidents;
pub mod log_fs;
pub mod map_image;
pub mod meta;
pub mod props;
pub mod save_worker;
pub mod user_file;

pub use error::{FeatureRef, LoadError};

use crate::model::Atlas;
use std::path::{Path, PathBuf};

/// The bundled files, relative to the assets folder.
pub const BASEMAP_FILE: &str = "basemap/countries.geojson";
pub const FEATURES_FILE: &str = "features.geojson";
pub const CLAIMS_FILE: &str = "claims.geojson";
pub const INCIDENTS_FILE: &str = "incidents.geojson";
pub const AGREEMENTS_FILE: &str = "agreements.geojson";
pub const META_FILE: &str = "meta.json";
pub const SERIES_FILE: &str = "series.json";

/// What loading a folder produced: the data that loaded, and every error met on the way.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub atlas: Atlas,
    pub errors: Vec<LoadError>,
}

/// The assets folder bundled with the app (the crate's `assets/`).
pub fn bundled_assets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

/// Loads every file of an assets folder, each independently.
pub fn load_dir(dir: &Path) -> LoadReport {
    let mut report = LoadReport::default();
    let errors = &mut report.errors;
    let atlas = &mut report.atlas;

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

    match meta::load_meta(&dir.join(META_FILE)) {
        Ok(m) => {
            atlas.as_of = Some(m.as_of);
            atlas.notes = m.notes;
            atlas.limitations = m.limitations;
        }
        Err(e) => errors.push(e),
    }
    atlas.countries = take(errors, basemap::load(&dir.join(BASEMAP_FILE))).unwrap_or_default();
    atlas.features = take(errors, features::load(&dir.join(FEATURES_FILE))).unwrap_or_default();
    atlas.claims = take(errors, claims::load(&dir.join(CLAIMS_FILE))).unwrap_or_default();
    atlas.incidents = take(errors, incidents::load(&dir.join(INCIDENTS_FILE))).unwrap_or_default();
    if let Some(a) = take(errors, agreements::load(&dir.join(AGREEMENTS_FILE))) {
        atlas.agreements = a.agreements;
        atlas.sites = a.sites;
        atlas.statements = a.statements;
    }
    atlas.series = take(errors, meta::load_series(&dir.join(SERIES_FILE))).unwrap_or_default();
    report
}
