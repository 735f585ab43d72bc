//! Typed access to a GeoJSON feature's `properties`, turning every problem into a [`LoadError`].

use super::error::{FeatureRef, LoadError};
use crate::model::{Alias, Country, Date, DatePrecision, Source};
use serde_json::{Map, Value};
use std::path::Path;

/// The properties of one feature, with what is needed to name it in errors.
pub struct Props<'a> {
    file: &'a Path,
    feature: FeatureRef,
    map: &'a Map<String, Value>,
}

type Result<T> = std::result::Result<T, LoadError>;

/// Longest text a property may hold. The longest in the bundled data is ~1,200 bytes; a
/// megabyte-long name or summary is an error, not a label the renderer cannot hold.
pub const MAX_TEXT_BYTES: usize = 32 * 1024;

impl<'a> Props<'a> {
    pub fn new(file: &'a Path, index: usize, map: &'a Map<String, Value>) -> Self {
        let id = map
            .get("id")
            .and_then(Value::as_str)
            .map(super::collection::excerpt);
        Self {
            file,
            feature: FeatureRef { index, id },
            map,
        }
    }

    pub fn feature_ref(&self) -> &FeatureRef {
        &self.feature
    }

    /// An error about `property` of this feature.
    pub fn error(&self, property: &str, problem: impl Into<String>) -> LoadError {
        LoadError::Property {
            file: self.file.to_path_buf(),
            feature: self.feature.clone(),
            property: property.to_owned(),
            problem: problem.into(),
        }
    }

    /// An error about this feature's geometry.
    pub fn geometry_error(&self, problem: impl Into<String>) -> LoadError {
        LoadError::Geometry {
            file: self.file.to_path_buf(),
            feature: self.feature.clone(),
            problem: problem.into(),
        }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Refuses a text longer than [`MAX_TEXT_BYTES`] (see there).
    fn bounded<'s>(&self, key: &str, s: &'s str) -> Result<&'s str> {
        if s.len() > MAX_TEXT_BYTES {
            return Err(self.error(
                key,
                format!(
                    "is {} bytes long; at most {MAX_TEXT_BYTES} are accepted",
                    s.len()
                ),
            ));
        }
        Ok(s)
    }

    /// A required, non-empty string.
    pub fn string(&self, key: &str) -> Result<String> {
        self.opt_string(key)?
            .ok_or_else(|| self.error(key, "missing (a non-empty string is required)"))
    }

    /// An optional string; present but empty or not a string is an error.
    pub fn opt_string(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) if !s.trim().is_empty() => {
                Ok(Some(self.bounded(key, s)?.to_owned()))
            }
            Some(Value::String(_)) => Err(self.error(key, "is empty")),
            Some(other) => {
                Err(self.error(key, format!("expected a string, found {}", found(other))))
            }
        }
    }

    /// A string that may be absent or empty (free text such as notes).
    pub fn text(&self, key: &str) -> Result<String> {
        match self.get(key) {
            None => Ok(String::new()),
            Some(Value::String(s)) => Ok(self.bounded(key, s)?.to_owned()),
            Some(other) => {
                Err(self.error(key, format!("expected a string, found {}", found(other))))
            }
        }
    }

    /// A required enum value, parsed by `parse`; the error lists what is accepted.
    pub fn enumeration<T>(
        &self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        accepted: &str,
    ) -> Result<T> {
        let s = self.string(key)?;
        parse(&s)
            .ok_or_else(|| self.error(key, format!("unknown value \"{s}\"; accepted: {accepted}")))
    }

    pub fn date(&self, key: &str) -> Result<Date> {
        self.opt_date(key)?
            .ok_or_else(|| self.error(key, "missing (an ISO 8601 date YYYY-MM-DD is required)"))
    }

    pub fn opt_date(&self, key: &str) -> Result<Option<Date>> {
        self.opt_string(key)?
            .map(|s| {
                parse_date(&s).ok_or_else(|| {
                    self.error(key, format!("\"{s}\" is not an ISO 8601 date (YYYY-MM-DD)"))
                })
            })
            .transpose()
    }

    pub fn date_precision(&self, key: &str) -> Result<DatePrecision> {
        match self.opt_string(key)?.as_deref() {
            None => Ok(DatePrecision::Day),
            Some(s) => DatePrecision::parse(s).ok_or_else(|| {
                let accepted = DatePrecision::accepted();
                self.error(key, format!("unknown value \"{s}\"; accepted: {accepted}"))
            }),
        }
    }

    pub fn country(&self, key: &str) -> Result<Country> {
        let s = self.string(key)?;
        self.parse_country(key, &s)
    }

    pub fn opt_country(&self, key: &str) -> Result<Option<Country>> {
        self.opt_string(key)?
            .map(|s| self.parse_country(key, &s))
            .transpose()
    }

    fn parse_country(&self, key: &str, s: &str) -> Result<Country> {
        Country::parse(s).ok_or_else(|| {
            self.error(
                key,
                format!(
                    "\"{s}\" is not an accepted ISO 3166-1 alpha-3 code ({})",
                    Country::accepted_codes()
                ),
            )
        })
    }

    pub fn countries(&self, key: &str) -> Result<Vec<Country>> {
        let list = self.strings(key)?;
        if list.is_empty() {
            return Err(self.error(key, "must list at least one country"));
        }
        list.iter().map(|s| self.parse_country(key, s)).collect()
    }

    /// An array of non-empty strings; absent means empty.
    pub fn strings(&self, key: &str) -> Result<Vec<String>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Value::String(s) if !s.trim().is_empty() => {
                        Ok(self.bounded(&format!("{key}[{i}]"), s)?.to_owned())
                    }
                    _ => Err(self.error(&format!("{key}[{i}]"), "expected a non-empty string")),
                })
                .collect(),
            Some(other) => Err(self.error(
                key,
                format!("expected an array of strings, found {}", found(other)),
            )),
        }
    }

    pub fn opt_f64(&self, key: &str) -> Result<Option<f64>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_f64()
                .filter(|x| x.is_finite())
                .map(Some)
                .ok_or_else(|| self.error(key, format!("expected a number, found {}", found(v)))),
        }
    }

    /// The objects of an array property, each with its path for errors (`actors[2]`).
    pub fn objects(&self, key: &str) -> Result<Vec<(String, &'a Map<String, Value>)>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let path = format!("{key}[{i}]");
                    v.as_object()
                        .map(|o| (path.clone(), o))
                        .ok_or_else(|| self.error(&path, "expected an object"))
                })
                .collect(),
            Some(other) => {
                Err(self.error(key, format!("expected an array, found {}", found(other))))
            }
        }
    }

    /// A string field of a nested object (`actors[2].name`).
    pub fn field<'m>(
        &self,
        obj: &'m Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Result<Option<&'m str>> {
        match obj.get(key).filter(|v| !v.is_null()) {
            None => Ok(None),
            Some(Value::String(s)) if !s.trim().is_empty() => {
                Ok(Some(self.bounded(&format!("{path}.{key}"), s)?))
            }
            Some(_) => Err(self.error(&format!("{path}.{key}"), "expected a non-empty string")),
        }
    }

    pub fn required_field<'m>(
        &self,
        obj: &'m Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Result<&'m str> {
        self.field(obj, path, key)?
            .ok_or_else(|| self.error(&format!("{path}.{key}"), "missing"))
    }

    /// `sources`: at least one, each with a publisher and an http(s) URL.
    pub fn sources(&self) -> Result<Vec<Source>> {
        let objs = self.objects("sources")?;
        if objs.is_empty() {
            return Err(self.error("sources", "every record needs at least one source"));
        }
        objs.into_iter()
            .map(|(path, o)| {
                let url = self.required_field(o, &path, "url")?;
                if !is_web_url(url) {
                    return Err(self.error(
                        &format!("{path}.url"),
                        format!("\"{url}\" is not an http(s) URL"),
                    ));
                }
                let date = self
                    .field(o, &path, "date")?
                    .map(|s| {
                        parse_date(s).ok_or_else(|| {
                            self.error(
                                &format!("{path}.date"),
                                format!("\"{s}\" is not an ISO 8601 date"),
                            )
                        })
                    })
                    .transpose()?;
                Ok(Source {
                    publisher: self.required_field(o, &path, "publisher")?.to_owned(),
                    title: self.field(o, &path, "title")?.map(str::to_owned),
                    url: url.to_owned(),
                    date,
                    date_is_accessed: self.field(o, &path, "date_kind")? == Some("accessed"),
                })
            })
            .collect()
    }

    /// `position_source`: absent, or the index of the source (of `source_count`) that gives
    /// the coordinates; a position must rest on a source the record cites.
    pub fn position_source(&self, source_count: usize) -> Result<Option<usize>> {
        match self.get("position_source") {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|i| usize::try_from(i).ok())
                .filter(|i| *i < source_count)
                .map(Some)
                .ok_or_else(|| {
                    self.error(
                        "position_source",
                        format!(
                            "{} is not the index of one of the {source_count} sources",
                            super::collection::excerpt(&v.to_string())
                        ),
                    )
                }),
        }
    }

    /// `aliases`: `{lang, name, note?}` objects, every name non-empty.
    pub fn aliases(&self) -> Result<Vec<Alias>> {
        self.objects("aliases")?
            .into_iter()
            .map(|(path, o)| {
                Ok(Alias {
                    lang: self.required_field(o, &path, "lang")?.to_owned(),
                    name: self.required_field(o, &path, "name")?.to_owned(),
                    note: self.field(o, &path, "note")?.map(str::to_owned),
                })
            })
            .collect()
    }
}

pub use super::web_url::is_web_url;
pub use crate::model::date::parse_date;

impl<'a> Props<'a> {
    /// An optional object property.
    pub fn object(&self, key: &str) -> Result<Option<&'a Map<String, Value>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(other) => {
                Err(self.error(key, format!("expected an object, found {}", found(other))))
            }
        }
    }
}

/// A value named for an error message: its kind for arrays and objects, a short excerpt for
/// the rest (a hostile value may be megabytes long).
fn found(v: &Value) -> String {
    match v {
        Value::Array(items) => format!("an array of {} items", items.len()),
        Value::Object(_) => "an object".to_owned(),
        Value::String(s) => format!("\"{}\"", super::collection::excerpt(s)),
        other => other.to_string(),
    }
}
