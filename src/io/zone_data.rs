//! The coast zones are measured from, and the data zone computations read: the GSHHG shoreline
//! (`io::coast`) where the data has it, else the base map's outlines (`coast::coasts` picks).

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
    load_within(src, coast::coast_box())
}

/// As [`load_zone_data`], with only the coasts within `reach_nm` of `p`: all a What's-here
/// query at `p` reads (no baseline farther than the widest zone can generate a zone there).
pub fn load_zone_data_near(
    src: &super::DataSource,
    p: geo::Point<f64>,
    reach_nm: f64,
) -> (ZoneData, Vec<super::LoadError>) {
    load_within(src, coast::window_around(p, reach_nm))
}

fn load_within(
    src: &super::DataSource,
    window: geo::Rect<f64>,
) -> (ZoneData, Vec<super::LoadError>) {
    let mut report = super::load(src);
    match super::load_shoreline(src) {
        Ok(rings) => report.atlas.shoreline = rings,
        Err(e) => report.errors.push(e),
    }
    let a = &report.atlas;
    let coasts = coast::coasts(&a.countries, &a.features, &a.shoreline, window);
    let data = ZoneData {
        lenses: report.atlas.lenses.clone(),
        atlas: report.atlas,
        coasts,
    };
    (data, report.errors)
}
