//! The coast zones are measured from, and the data zone computations read. One function picks
//! the coast, so that a finer one (the GSHHG coast of `io::coast`) can replace the base map's
//! by changing only this file.

use crate::model::Atlas;
use crate::model::zones::coast::{self, Coasts};
use std::path::Path;

/// The baseline polylines per state for the assets folder `dir`. Today: the base map's
/// coastlines (Natural Earth 1:10m) already loaded in `atlas`, their land borders removed.
pub fn load(_dir: &Path, atlas: &Atlas) -> Coasts {
    coast::from_countries(&atlas.countries, &atlas.features)
}

/// What zone computations read: the lens table and the coasts, features and claims.
pub struct ZoneData {
    pub lenses: crate::model::zones::LensTable,
    pub atlas: Atlas,
    pub coasts: Coasts,
}

impl ZoneData {
    pub fn inputs(&self) -> crate::model::zones::Inputs<'_> {
        crate::model::zones::Inputs {
            coasts: &self.coasts,
            features: &self.atlas.features,
            claims: &self.atlas.claims,
        }
    }
}

/// Loads only the files zones need (base map, features, claims, lenses) from `dir`. A bad
/// record is skipped and returned as a warning; a missing or unreadable file is an error.
pub fn load_zone_data(dir: &Path) -> Result<(ZoneData, Vec<super::LoadError>), super::LoadError> {
    use super::{BASEMAP_FILE, CLAIMS_FILE, FEATURES_FILE, LENSES_FILE};
    let lenses = super::lenses::load(&dir.join(LENSES_FILE))?;
    let mut warnings = Vec::new();
    let (countries, w) = super::basemap::load(&dir.join(BASEMAP_FILE))?;
    warnings.extend(w);
    let (features, w) = super::features::load(&dir.join(FEATURES_FILE))?;
    warnings.extend(w);
    let (claims, w) = super::claims::load(&dir.join(CLAIMS_FILE))?;
    warnings.extend(w);
    let atlas = Atlas {
        countries,
        features,
        claims,
        ..Atlas::default()
    };
    let coasts = load(dir, &atlas);
    Ok((
        ZoneData {
            lenses,
            atlas,
            coasts,
        },
        warnings,
    ))
}
