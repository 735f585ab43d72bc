//! `basemap/countries.geojson` (Natural Earth) → [`BaseCountry`]s.

use super::collection::{bytes_to_collection, convert_all, geometry, read_bytes};
use super::error::LoadError;
use crate::model::{BaseCountry, Country};
use geo::{Geometry, MultiPolygon};
use std::path::Path;

/// Loads the base map's country polygons.
pub fn load(path: &Path) -> Result<(Vec<BaseCountry>, Vec<LoadError>), LoadError> {
    from_bytes(path, read_bytes(path)?)
}

/// The same from a file's bytes (named `path` in errors), wherever they were read.
pub fn from_bytes(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(Vec<BaseCountry>, Vec<LoadError>), LoadError> {
    let fc = bytes_to_collection(path, bytes)?;
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
