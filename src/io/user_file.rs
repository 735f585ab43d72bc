//! User GeoJSON files of any size: streamed feature by feature into flat coordinate buffers,
//! never into a `serde_json::Value` tree. A bad feature is reported and skipped; the rest load.
//! Progress is reported as bytes parsed, and the load can be cancelled between features.

use super::collection::read_bytes;
use super::error::{FeatureRef, LoadError};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// A user layer: every geometry's coordinates in flat buffers (lon, lat pairs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserLayer {
    pub name: String,
    /// Point positions (from Point and MultiPoint), lon/lat degrees.
    pub points: Vec<[f64; 2]>,
    /// Feature index of each point (for picking and error messages).
    pub point_feature: Vec<u32>,
    /// Line and polygon-ring vertices, lon/lat degrees; `paths` slices it.
    pub path_coords: Vec<[f64; 2]>,
    /// `[start, end)` ranges into `path_coords`, one per line or ring.
    pub paths: Vec<(u32, u32)>,
    /// The `name` property of each feature, when it has one.
    pub names: Vec<Option<String>>,
}

/// What a load produced: the layer and the features it had to skip.
#[derive(Debug)]
pub struct UserLoad {
    pub layer: UserLayer,
    pub skipped: Vec<LoadError>,
}

/// Reports progress (bytes parsed of bytes total) and asks whether to stop.
pub trait LoadControl {
    fn progress(&self, done_bytes: usize, total_bytes: usize);
    fn cancelled(&self) -> bool;
}

/// A control that never cancels and ignores progress.
pub struct NoControl;

impl LoadControl for NoControl {
    fn progress(&self, _: usize, _: usize) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// An atomic flag is a control too: set it to cancel.
impl LoadControl for AtomicBool {
    fn progress(&self, _: usize, _: usize) {}
    fn cancelled(&self) -> bool {
        self.load(Ordering::Relaxed)
    }
}

/// The message a cancelled load ends with.
pub const CANCELLED: &str = "load cancelled";

/// Reads and parses a user file.
pub fn load_user_file(path: &Path, control: &dyn LoadControl) -> Result<UserLoad, LoadError> {
    let bytes = read_bytes(path)?;
    let name = path
        .file_name()
        .map_or_else(|| "layer".to_owned(), |n| n.to_string_lossy().into_owned());
    parse_user_geojson(path, name, &bytes, control)
}

/// Parses GeoJSON bytes (a FeatureCollection) into a user layer.
pub fn parse_user_geojson(
    path: &Path,
    name: String,
    bytes: &[u8],
    control: &dyn LoadControl,
) -> Result<UserLoad, LoadError> {
    let mut sink = Sink {
        file: path.to_path_buf(),
        base: bytes.as_ptr() as usize,
        total: bytes.len(),
        layer: UserLayer {
            name,
            ..Default::default()
        },
        skipped: Vec::new(),
        control,
        index: 0,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result = CollectionSeed(&mut sink)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    match result {
        Ok(()) => {
            control.progress(bytes.len(), bytes.len());
            Ok(UserLoad {
                layer: sink.layer,
                skipped: sink.skipped,
            })
        }
        Err(e) if e.to_string().starts_with(CANCELLED) => Err(LoadError::Structure {
            file: path.to_path_buf(),
            message: CANCELLED.to_owned(),
        }),
        Err(e) => Err(LoadError::Json {
            file: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }),
    }
}

struct Sink<'c> {
    file: PathBuf,
    /// Address of the first byte, to turn a feature's slice into a progress offset.
    base: usize,
    total: usize,
    layer: UserLayer,
    skipped: Vec<LoadError>,
    control: &'c dyn LoadControl,
    index: usize,
}

impl Sink<'_> {
    /// Converts one feature's raw text; a bad feature is recorded and skipped.
    fn feature(&mut self, raw: &RawValue) {
        let index = self.index;
        self.index += 1;
        let text = raw.get();
        let done = (text.as_ptr() as usize).saturating_sub(self.base) + text.len();
        if index.is_multiple_of(4096) {
            self.control.progress(done.min(self.total), self.total);
        }
        match serde_json::from_str::<FeatureIn>(text) {
            Ok(f) => {
                let id = f.id.as_ref().map(id_text);
                // Roll back what a half-converted feature added before its error.
                let marks = (
                    self.layer.points.len(),
                    self.layer.path_coords.len(),
                    self.layer.paths.len(),
                );
                if let Err(problem) = self.add(index, f) {
                    self.layer.points.truncate(marks.0);
                    self.layer.point_feature.truncate(marks.0);
                    self.layer.path_coords.truncate(marks.1);
                    self.layer.paths.truncate(marks.2);
                    self.skip(index, id, problem);
                }
            }
            Err(e) => {
                let id = serde_json::from_str::<IdOnly>(text)
                    .ok()
                    .and_then(|x| x.id)
                    .as_ref()
                    .map(id_text);
                self.skip(index, id, format!("{e}"));
            }
        }
    }

    fn skip(&mut self, index: usize, id: Option<String>, problem: String) {
        self.skipped.push(LoadError::Geometry {
            file: self.file.clone(),
            feature: FeatureRef { index, id },
            problem,
        });
    }

    fn add(&mut self, index: usize, f: FeatureIn) -> Result<(), String> {
        let feature = u32::try_from(index).map_err(|_| "too many features".to_owned())?;
        let Some(g) = f.geometry else {
            return Err("no geometry".into());
        };
        let check = |c: &[f64]| -> Result<[f64; 2], String> {
            match c {
                [x, y, ..]
                    if x.is_finite()
                        && y.is_finite()
                        && (-180.0..=180.0).contains(x)
                        && (-90.0..=90.0).contains(y) =>
                {
                    Ok([*x, *y])
                }
                _ => Err(format!(
                    "coordinate {c:?} is not a valid longitude, latitude"
                )),
            }
        };
        let path = |layer: &mut UserLayer, line: &[Vec<f64>]| -> Result<(), String> {
            let start = u32::try_from(layer.path_coords.len()).map_err(|_| "too many vertices")?;
            for c in line {
                layer.path_coords.push(check(c)?);
            }
            let end = u32::try_from(layer.path_coords.len()).map_err(|_| "too many vertices")?;
            layer.paths.push((start, end));
            Ok(())
        };
        match g {
            GeometryIn::Point { coordinates } => {
                self.layer.points.push(check(&coordinates)?);
                self.layer.point_feature.push(feature);
            }
            GeometryIn::MultiPoint { coordinates } => {
                for c in &coordinates {
                    self.layer.points.push(check(c)?);
                    self.layer.point_feature.push(feature);
                }
            }
            GeometryIn::LineString { coordinates } => path(&mut self.layer, &coordinates)?,
            GeometryIn::MultiLineString { coordinates } | GeometryIn::Polygon { coordinates } => {
                for l in &coordinates {
                    path(&mut self.layer, l)?;
                }
            }
            GeometryIn::MultiPolygon { coordinates } => {
                for p in &coordinates {
                    for l in p {
                        path(&mut self.layer, l)?;
                    }
                }
            }
        }
        self.layer.names.push(f.properties.and_then(|p| p.name));
        Ok(())
    }
}

#[derive(Deserialize)]
struct IdOnly {
    id: Option<serde_json::Value>,
}

/// A feature id as text (strings without their quotes).
fn id_text(v: &serde_json::Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

#[derive(Deserialize)]
struct FeatureIn {
    id: Option<serde_json::Value>,
    geometry: Option<GeometryIn>,
    properties: Option<PropsIn>,
}

#[derive(Deserialize)]
struct PropsIn {
    #[serde(default, deserialize_with = "name_or_none")]
    name: Option<String>,
}

/// A name property that is not a string is ignored rather than an error.
fn name_or_none<'de, D: de::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    })
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum GeometryIn {
    Point {
        coordinates: Vec<f64>,
    },
    MultiPoint {
        coordinates: Vec<Vec<f64>>,
    },
    LineString {
        coordinates: Vec<Vec<f64>>,
    },
    MultiLineString {
        coordinates: Vec<Vec<Vec<f64>>>,
    },
    Polygon {
        coordinates: Vec<Vec<Vec<f64>>>,
    },
    MultiPolygon {
        coordinates: Vec<Vec<Vec<Vec<f64>>>>,
    },
}

/// Walks the top-level object, handing each element of `features` to the sink.
struct CollectionSeed<'s, 'c>(&'s mut Sink<'c>);

impl<'de> DeserializeSeed<'de> for CollectionSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CollectionSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut saw_features = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "features" {
                map.next_value_seed(FeaturesSeed(&mut *self.0))?;
                saw_features = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if saw_features {
            Ok(())
        } else {
            Err(de::Error::custom(
                "no \"features\" array: not a FeatureCollection",
            ))
        }
    }
}

struct FeaturesSeed<'s, 'c>(&'s mut Sink<'c>);

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            if self.0.control.cancelled() {
                return Err(de::Error::custom(CANCELLED));
            }
            self.0.feature(raw);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<UserLoad, LoadError> {
        parse_user_geojson(
            Path::new("test.geojson"),
            "test".into(),
            text.as_bytes(),
            &NoControl,
        )
    }

    #[test]
    fn points_lines_and_polygons_into_flat_buffers() {
        let text = r#"{"type":"FeatureCollection","name":"x","features":[
          {"type":"Feature","properties":{"name":"a"},"geometry":{"type":"Point","coordinates":[117.7,15.1]}},
          {"type":"Feature","properties":{"name":7},"geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}},
          {"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[0,0],[1,1],[2,0]]}},
          {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.2,0.2],[0.3,0.2],[0.2,0.3],[0.2,0.2]]]}}
        ]}"#;
        let l = parse(text).expect("parses").layer;
        assert_eq!(l.points, vec![[117.7, 15.1], [1.0, 2.0], [3.0, 4.0]]);
        assert_eq!(l.point_feature, vec![0, 1, 1]);
        assert_eq!(l.paths, vec![(0, 3), (3, 7), (7, 11)]);
        assert_eq!(l.names, vec![Some("a".into()), None, None, None]);
    }

    #[test]
    fn one_bad_feature_among_many_is_skipped_and_reported() {
        let mut text = String::from(r#"{"type":"FeatureCollection","features":["#);
        for i in 0..1000 {
            if i > 0 {
                text.push(',');
            }
            if i == 637 {
                text.push_str(r#"{"type":"Feature","id":"bad-one","geometry":{"type":"Point","coordinates":[500,2]}}"#);
            } else if i == 800 {
                text.push_str(r#"{"type":"Feature","id":801,"geometry":{"type":"Circle","coordinates":[1,2]}}"#);
            } else {
                text.push_str(&format!(
                    r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{},{}]}}}}"#,
                    100 + i % 30,
                    i % 20
                ));
            }
        }
        text.push_str("]}");
        let load = parse(&text).expect("parses");
        assert_eq!(load.layer.points.len(), 998);
        assert_eq!(load.skipped.len(), 2);
        let msgs: Vec<String> = load.skipped.iter().map(ToString::to_string).collect();
        assert!(
            msgs[0].contains("feature #637")
                && msgs[0].contains("bad-one")
                && msgs[0].contains("500"),
            "{}",
            msgs[0]
        );
        assert!(
            msgs[1].contains("feature #800") && msgs[1].contains("801"),
            "{}",
            msgs[1]
        );
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let err = parse("{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":\"Feature\",\n\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},\n{oops}]}")
            .expect_err("broken");
        match err {
            LoadError::Json { line, .. } => assert_eq!(line, 4),
            other => panic!("{other:?}"),
        }
        assert!(parse("[1,2,3]").is_err());
        assert!(parse(r#"{"type":"Feature"}"#).is_err());
    }

    #[test]
    fn cancel_stops_between_features() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}]}"#;
        let flag = AtomicBool::new(true);
        let err = parse_user_geojson(Path::new("c.geojson"), "c".into(), text.as_bytes(), &flag)
            .expect_err("cancelled");
        assert!(err.to_string().contains(CANCELLED));
    }
}
