//! `meta.json` (the as-of date) and `series.json` (count series).

use super::collection::{bytes_to_text, read_bytes};
use super::error::LoadError;
use super::props::{Props, parse_date};
use crate::model::Date;
use crate::model::series::{Series, SeriesPoint};
use serde_json::Value;
use std::path::Path;

fn parse_json(path: &Path, bytes: Vec<u8>) -> Result<Value, LoadError> {
    let text = bytes_to_text(path, bytes)?;
    serde_json::from_str(&text).map_err(|e| LoadError::json(path, e))
}

fn structure(path: &Path, message: impl Into<String>) -> LoadError {
    LoadError::Structure {
        file: path.to_path_buf(),
        message: message.into(),
    }
}

/// What `meta.json` says about the data as a whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub as_of: Date,
    /// Coverage in prose.
    pub notes: String,
    /// What the data leaves out or could not verify, one statement each.
    pub limitations: Vec<String>,
}

/// Reads the as-of date (required), the notes and the limitations (optional).
pub fn load_meta(path: &Path) -> Result<Meta, LoadError> {
    meta_from_bytes(path, read_bytes(path)?)
}

/// The same from the file's bytes (named `path` in errors), wherever they were read.
pub fn meta_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Meta, LoadError> {
    let v = parse_json(path, bytes)?;
    let as_of = as_of(path, &v)?;
    let notes = match v.get("notes") {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(structure(path, "property \"notes\" must be a string")),
    };
    let limitations = match v.get("limitations") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, x)| {
                x.as_str().map(str::to_owned).ok_or_else(|| {
                    structure(path, format!("\"limitations\"[{i}] must be a string"))
                })
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(structure(
                path,
                "property \"limitations\" must be an array of strings",
            ));
        }
    };
    Ok(Meta {
        as_of,
        notes,
        limitations,
    })
}

fn as_of(path: &Path, v: &Value) -> Result<Date, LoadError> {
    let s = v
        .get("as_of")
        .and_then(Value::as_str)
        .ok_or_else(|| structure(path, "property \"as_of\" (YYYY-MM-DD) is missing"))?;
    parse_date(s).ok_or_else(|| {
        structure(
            path,
            format!("property \"as_of\": \"{s}\" is not an ISO 8601 date"),
        )
    })
}

/// Reads the count series.
pub fn load_series(path: &Path) -> Result<(Vec<Series>, Vec<LoadError>), LoadError> {
    series_from_bytes(path, read_bytes(path)?)
}

/// The same from the file's bytes (named `path` in errors), wherever they were read.
pub fn series_from_bytes(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(Vec<Series>, Vec<LoadError>), LoadError> {
    let v = parse_json(path, bytes)?;
    let list = v
        .get("series")
        .and_then(Value::as_array)
        .ok_or_else(|| structure(path, "expected an object with a \"series\" array"))?;
    let empty = serde_json::Map::new();
    let mut good = Vec::new();
    let mut errors = Vec::new();
    for (index, item) in list.iter().enumerate() {
        let p = Props::new(path, index, item.as_object().unwrap_or(&empty));
        match series(&p) {
            Ok(s) => good.push(s),
            Err(e) => errors.push(e),
        }
    }
    Ok((good, errors))
}

fn series(p: &Props<'_>) -> Result<Series, LoadError> {
    let points = p
        .objects("points")?
        .into_iter()
        .map(|(path, o)| {
            let value = o
                .get("value")
                .and_then(Value::as_f64)
                .filter(|x| x.is_finite())
                .ok_or_else(|| p.error(&format!("{path}.value"), "expected a number"))?;
            let period = match o.get("period") {
                Some(Value::String(s)) if !s.is_empty() => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => {
                    return Err(p.error(
                        &format!("{path}.period"),
                        "expected a period such as \"2012\"",
                    ));
                }
            };
            Ok(SeriesPoint { period, value })
        })
        .collect::<Result<Vec<_>, LoadError>>()?;
    Ok(Series {
        id: p.string("id")?,
        name: p.string("name")?,
        unit: p.text("unit")?,
        points,
        notes: p.text("notes")?,
        sources: p.sources()?,
    })
}
