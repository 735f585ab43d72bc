//! Countries of the base map (Natural Earth 1:10m).

use super::common::Country;
use geo::MultiPolygon;

/// One country (or territory) outline from the base map.
#[derive(Clone, Debug)]
pub struct BaseCountry {
    pub name: String,
    /// `None` for territories outside the closed list of codes the data uses.
    pub iso: Option<Country>,
    pub shape: MultiPolygon<f64>,
}
