//! Reading a GeoJSON FeatureCollection with bounded size and errors that name the place.

use super::error::{FeatureRef, LoadError};
use super::limits::{MAX_RECORDS, MAX_VERTICES_PER_GEOMETRY};
use super::props::Props;
use geo::{Coord, CoordsIter, Geometry};
use geojson::Feature;
use serde_json::Value;
use std::path::Path;

pub use super::source::MAX_FILE_BYTES;

/// The features of a FeatureCollection that parsed as GeoJSON, each with its index in the
/// file, and an error for each one that did not (which is skipped: one bad record never
/// drops its file).
#[derive(Debug, Default)]
pub struct Records {
    pub features: Vec<(usize, Feature)>,
    pub errors: Vec<LoadError>,
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

/// Reads a file from disk (bounded) as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    bytes_to_text(path, read_bytes(path)?)
}

/// Reads a file from disk (bounded) as a FeatureCollection's records.
pub fn read_collection(path: &Path) -> Result<Records, LoadError> {
    parse_collection(path, &read_text(path)?)
}

/// Longest excerpt of a parser's message kept in an error (some quote the whole value).
const MAX_MESSAGE_CHARS: usize = 300;

/// Parses GeoJSON text that must be a FeatureCollection, feature by feature. The JSON must be
/// well formed and the top level a FeatureCollection (else the whole file fails); a feature
/// that is not valid GeoJSON is reported with its index and id and skipped. A UTF-8 byte-order
/// mark at the start is ignored.
pub fn parse_collection(path: &Path, text: &str) -> Result<Records, LoadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| LoadError::json(path, e))?;
    let structure = |message: &str| LoadError::Structure {
        file: path.to_path_buf(),
        message: message.to_owned(),
    };
    let Value::Object(mut top) = value else {
        return Err(structure(
            "expected a GeoJSON FeatureCollection (a JSON object)",
        ));
    };
    if top.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(structure(
            "expected a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\")",
        ));
    }
    let Some(Value::Array(items)) = top.remove("features") else {
        return Err(structure("a FeatureCollection needs a \"features\" array"));
    };
    if items.len() > MAX_RECORDS {
        return Err(structure(&format!(
            "{} features, over the limit of {MAX_RECORDS} for a data file",
            items.len()
        )));
    }
    let mut records = Records::default();
    for (index, item) in items.into_iter().enumerate() {
        let id = record_id(&item);
        match Feature::try_from(item) {
            Ok(f) => records.features.push((index, f)),
            Err(e) => records.errors.push(LoadError::Record {
                file: path.to_path_buf(),
                feature: FeatureRef { index, id },
                problem: format!("not a valid GeoJSON Feature: {}", excerpt(&e.to_string())),
            }),
        }
    }
    Ok(records)
}

/// The id to name a record by in errors: `properties.id`, else the Feature's own `id`.
fn record_id(item: &Value) -> Option<String> {
    let text = |v: &Value| match v {
        Value::String(s) => Some(excerpt(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    item.get("properties")
        .and_then(|p| p.get("id"))
        .and_then(text)
        .or_else(|| item.get("id").and_then(text))
}

/// At most [`MAX_MESSAGE_CHARS`] characters of `s`, marked when cut.
pub fn excerpt(s: &str) -> String {
    match s.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

/// Converts each feature with `convert`, keeping the good ones; the errors are the records'
/// own (from parsing) and one per feature `convert` rejects, in file order.
pub fn convert_all<T>(
    path: &Path,
    records: Records,
    mut convert: impl FnMut(&Props<'_>, &Feature) -> Result<T, LoadError>,
) -> (Vec<T>, Vec<LoadError>) {
    let empty = serde_json::Map::new();
    let mut good = Vec::with_capacity(records.features.len());
    let mut errors = records.errors;
    for (index, feature) in &records.features {
        let props = Props::new(path, *index, feature.properties.as_ref().unwrap_or(&empty));
        match convert(&props, feature) {
            Ok(t) => good.push(t),
            Err(e) => errors.push(e),
        }
    }
    errors.sort_by_key(|e| e.feature().map_or(0, |f| f.index));
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
    let vertices = g.coords_count();
    if vertices > MAX_VERTICES_PER_GEOMETRY {
        return Err(props.geometry_error(format!(
            "{vertices} vertices, over the limit of {MAX_VERTICES_PER_GEOMETRY} for one geometry"
        )));
    }
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
