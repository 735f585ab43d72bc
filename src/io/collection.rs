//! Reading a GeoJSON FeatureCollection with bounded size and errors that name the place.

use super::error::LoadError;
use super::props::Props;
use geo::{Coord, CoordsIter, Geometry};
use geojson::{Feature, FeatureCollection, GeoJson};
use std::path::Path;

pub use super::source::MAX_FILE_BYTES;

/// Parses a file's bytes (named `path` in errors) into a FeatureCollection.
pub fn bytes_to_collection(path: &Path, bytes: Vec<u8>) -> Result<FeatureCollection, LoadError> {
    let text = bytes_to_text(path, bytes)?;
    parse_collection(path, &text)
}

/// A file's bytes as UTF-8 text (named `path` in errors).
pub fn bytes_to_text(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| LoadError::Read {
        file: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })
}

/// Reads a file's bytes from disk, bounded by [`MAX_FILE_BYTES`] (see [`super::source::read_file`]).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    super::source::read_file(path, MAX_FILE_BYTES)
}

/// Reads a file from disk (bounded) as a FeatureCollection.
pub fn read_collection(path: &Path) -> Result<FeatureCollection, LoadError> {
    bytes_to_collection(path, read_bytes(path)?)
}

/// Reads a file from disk (bounded) as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    bytes_to_text(path, read_bytes(path)?)
}

/// Parses GeoJSON text that must be a FeatureCollection.
pub fn parse_collection(path: &Path, text: &str) -> Result<FeatureCollection, LoadError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| LoadError::json(path, e))?;
    match GeoJson::from_json_value(value) {
        Ok(GeoJson::FeatureCollection(fc)) => Ok(fc),
        Ok(_) => Err(LoadError::Structure {
            file: path.to_path_buf(),
            message: "expected a GeoJSON FeatureCollection".into(),
        }),
        Err(e) => Err(LoadError::Structure {
            file: path.to_path_buf(),
            message: format!("not valid GeoJSON: {e}"),
        }),
    }
}

/// Converts each feature with `convert`, keeping the good ones and collecting an error per bad one.
pub fn convert_all<T>(
    path: &Path,
    fc: &FeatureCollection,
    mut convert: impl FnMut(&Props<'_>, &Feature) -> Result<T, LoadError>,
) -> (Vec<T>, Vec<LoadError>) {
    let empty = serde_json::Map::new();
    let mut good = Vec::with_capacity(fc.features.len());
    let mut errors = Vec::new();
    for (index, feature) in fc.features.iter().enumerate() {
        let props = Props::new(path, index, feature.properties.as_ref().unwrap_or(&empty));
        match convert(&props, feature) {
            Ok(t) => good.push(t),
            Err(e) => errors.push(e),
        }
    }
    (good, errors)
}

/// The feature's geometry as a `geo` geometry, with every coordinate a valid lon/lat.
pub fn geometry(props: &Props<'_>, feature: &Feature) -> Result<Geometry<f64>, LoadError> {
    let g = feature
        .geometry
        .as_ref()
        .ok_or_else(|| props.geometry_error("missing"))?;
    let g: Geometry<f64> = Geometry::try_from(g.value.clone())
        .map_err(|e| props.geometry_error(format!("cannot convert: {e}")))?;
    if let Some(c) = g.coords_iter().find(|c| !is_lon_lat(*c)) {
        return Err(props.geometry_error(format!(
            "coordinate ({}, {}) is not a valid longitude, latitude",
            c.x, c.y
        )));
    }
    Ok(g)
}

fn is_lon_lat(c: Coord<f64>) -> bool {
    c.x.is_finite()
        && c.y.is_finite()
        && (-180.0..=180.0).contains(&c.x)
        && (-85.0..=85.0).contains(&c.y)
}
