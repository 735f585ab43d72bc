//! `basemap/countries.geojson` (Natural Earth) → [`BaseCountry`]s.

use super::collection::{convert_all, geometry, read_collection};
use super::error::LoadError;
use crate::model::{BaseCountry, Country};
use geo::{Geometry, MultiPolygon};
use std::path::Path;

/// Loads the base map's country polygons.
pub fn load(path: &Path) -> Result<(Vec<BaseCountry>, Vec<LoadError>), LoadError> {
    let fc = read_collection(path)?;
    Ok(convert_all(path, &fc, |p, f| {
        let shape = match geometry(p, f)? {
            Geometry::Polygon(poly) => MultiPolygon(vec![poly]),
            Geometry::MultiPolygon(m) => m,
            _ => return Err(p.geometry_error("expected a Polygon or MultiPolygon")),
        };
        Ok(BaseCountry {
            name: p.string("name")?,
            iso: Country::parse(&p.text("iso_a3")?),
            shape,
        })
    }))
}
