//! The coast zones are measured from, and the data zone computations read. One function picks
//! the coast, so that a finer one (the GSHHG coast of `io::coast`) can replace the base map's
//! by changing only this file.

use crate::model::Atlas;
use crate::model::zones::coast::{self, Coasts};

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

/// Loads what zones need from a data source. A bad record or file is returned as a warning
/// (a lens table that failed to load leaves no lens to compute, which callers report).
pub fn load_zone_data(src: &super::DataSource) -> (ZoneData, Vec<super::LoadError>) {
    let report = super::load(src);
    let coasts = coast::from_countries(&report.atlas.countries, &report.atlas.features);
    let data = ZoneData {
        lenses: report.atlas.lenses.clone(),
        atlas: report.atlas,
        coasts,
    };
    (data, report.errors)
}
