//! User GeoJSON files of any size: streamed feature by feature into flat coordinate buffers,
//! never into a `serde_json::Value` tree. A bad feature is reported and skipped; the rest load.
//! Progress is reported as bytes parsed, and the load can be cancelled between features.

use super::collection::read_bytes;
use super::error::{FeatureRef, LoadError};
use super::limits::{MAX_VERTICES_PER_GEOMETRY, display_name};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub use crate::model::user_layer::UserLayer;

/// What a load produced: the layer and the features it had to skip.
#[derive(Debug)]
pub struct UserLoad {
    pub layer: UserLayer,
    /// The first [`MAX_SKIP_REPORTS`] features skipped, in file order, with why.
    pub skipped: Vec<LoadError>,
    /// How many features were skipped in all (a hostile file may have millions).
    pub skipped_total: usize,
}

/// Skipped features reported one by one; past this they are only counted, so a file of
/// millions of bad features cannot fill memory or the screen with messages.
pub const MAX_SKIP_REPORTS: usize = 100;

/// Reports progress (bytes parsed of bytes total) and asks whether to stop.
pub trait LoadControl: Sync {
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
///
/// Two passes: one checks the JSON and finds each feature's text; then the features are
/// converted on every core, in chunks whose results are joined in file order.
pub fn parse_user_geojson(
    path: &Path,
    name: String,
    bytes: &[u8],
    control: &dyn LoadControl,
) -> Result<UserLoad, LoadError> {
    let mut raws: Vec<&RawValue> = Vec::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let scan = Scan {
        raws: &mut raws,
        control,
        base: bytes.as_ptr() as usize,
        total: bytes.len(),
    };
    let result = CollectionSeed(scan)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    let cancelled = || LoadError::Cancelled {
        file: path.to_path_buf(),
    };
    match result {
        Ok(()) => {}
        // The scan stops with an error when asked to: the control says which it was.
        Err(_) if control.cancelled() => return Err(cancelled()),
        Err(e) => return Err(LoadError::json(path, e)),
    }
    // At least two parts even on one core: the join is then always the tested path.
    let threads = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .clamp(2, 8);
    // Small files are not worth a thread.
    let chunk = raws.len().div_ceil(threads).max(20_000);
    let sinks: Vec<Sink> = std::thread::scope(|scope| {
        let handles: Vec<_> = raws
            .chunks(chunk)
            .enumerate()
            .map(|(k, part)| {
                let mut sink = Sink {
                    file: path.to_path_buf(),
                    layer: UserLayer::default(),
                    skipped: Vec::new(),
                    skipped_total: 0,
                    index: k * chunk,
                };
                scope.spawn(move || {
                    for (j, raw) in part.iter().enumerate() {
                        if j % 4096 == 0 {
                            if control.cancelled() {
                                return None;
                            }
                            // The first chunk speaks for all: they are the same size.
                            if k == 0 {
                                let half = bytes.len() / 2;
                                control.progress(half + half * j / part.len().max(1), bytes.len());
                            }
                        }
                        sink.feature(raw);
                    }
                    Some(sink)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default()
    });
    if control.cancelled() {
        return Err(cancelled());
    }
    if sinks.is_empty() && !raws.is_empty() {
        // A part ended without its result: a bug, not the user's doing nor the file's.
        return Err(LoadError::Interrupted {
            file: path.to_path_buf(),
        });
    }
    // The first part becomes the layer (no copy); the others are appended to it.
    let mut parts = sinks.into_iter();
    let (mut layer, mut skipped, mut skipped_total) = parts
        .next()
        .map_or_else(Default::default, |s| (s.layer, s.skipped, s.skipped_total));
    layer.name = name;
    for s in parts {
        layer.append(s.layer);
        let room = MAX_SKIP_REPORTS.saturating_sub(skipped.len());
        skipped.extend(s.skipped.into_iter().take(room));
        skipped_total += s.skipped_total;
    }
    control.progress(bytes.len(), bytes.len());
    Ok(UserLoad {
        layer,
        skipped,
        skipped_total,
    })
}

/// The first pass: where each feature's text is, with progress and cancel.
struct Scan<'r, 'de, 'c> {
    raws: &'r mut Vec<&'de RawValue>,
    control: &'c dyn LoadControl,
    /// Address of the first byte, to turn a feature's slice into a progress offset.
    base: usize,
    total: usize,
}

/// Converts features into one part of the layer.
struct Sink {
    file: PathBuf,
    layer: UserLayer,
    skipped: Vec<LoadError>,
    /// Features skipped in this part, reported or not.
    skipped_total: usize,
    /// Index in the file of the next feature.
    index: usize,
}

impl Sink {
    /// Converts one feature's raw text; a bad feature is recorded and skipped.
    fn feature(&mut self, raw: &RawValue) {
        let index = self.index;
        self.index += 1;
        let text = raw.get();
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
                    self.layer.path_feature.truncate(marks.2);
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
        // Names stay aligned with feature indices.
        let at = u32::try_from(self.layer.name_text.len()).unwrap_or(u32::MAX);
        self.layer.names.push((at, at));
        self.skipped_total += 1;
        if self.skipped.len() < MAX_SKIP_REPORTS {
            self.skipped.push(LoadError::Geometry {
                file: self.file.clone(),
                feature: FeatureRef { index, id },
                problem,
            });
        }
    }

    fn add(&mut self, index: usize, f: FeatureIn) -> Result<(), String> {
        let feature = u32::try_from(index).map_err(|_| "too many features".to_owned())?;
        let Some(g) = f.geometry else {
            return Err("no geometry".into());
        };
        let check = |c: &Position| -> Result<[f64; 2], String> {
            let [x, y] = c.0;
            if x.is_finite()
                && y.is_finite()
                && (-180.0..=180.0).contains(&x)
                && (-90.0..=90.0).contains(&y)
            {
                Ok([x, y])
            } else {
                Err(format!(
                    "coordinate [{x}, {y}] is not a valid longitude, latitude"
                ))
            }
        };
        let path = |layer: &mut UserLayer, line: &[Position]| -> Result<(), String> {
            let start = u32::try_from(layer.path_coords.len()).map_err(|_| "too many vertices")?;
            for c in line {
                layer.path_coords.push(check(c)?);
            }
            let end = u32::try_from(layer.path_coords.len()).map_err(|_| "too many vertices")?;
            layer.paths.push((start, end));
            layer.path_feature.push(feature);
            Ok(())
        };
        let g = g.read()?;
        let vertices = g.vertex_count();
        if vertices > MAX_VERTICES_PER_GEOMETRY {
            return Err(format!(
                "{vertices} vertices, over the limit of {MAX_VERTICES_PER_GEOMETRY} for one geometry"
            ));
        }
        match g {
            GeometryIn::Point(c) => {
                self.layer.points.push(check(&c)?);
                self.layer.point_feature.push(feature);
            }
            GeometryIn::MultiPoint(cs) => {
                for c in &cs {
                    self.layer.points.push(check(c)?);
                    self.layer.point_feature.push(feature);
                }
            }
            GeometryIn::LineString(cs) => path(&mut self.layer, &cs)?,
            GeometryIn::Lines(lines) => {
                for l in &lines {
                    path(&mut self.layer, l)?;
                }
            }
            GeometryIn::MultiPolygon(polys) => {
                for p in &polys {
                    for l in p {
                        path(&mut self.layer, l)?;
                    }
                }
            }
        }
        let name = f.properties.and_then(|p| p.name).and_then(|raw| {
            // A name that is not a string is ignored rather than an error.
            serde_json::from_str::<std::borrow::Cow<'_, str>>(raw.get()).ok()
        });
        let start = u32::try_from(self.layer.name_text.len()).map_err(|_| "too many names")?;
        self.layer
            .name_text
            .push_str(&display_name(name.as_deref().unwrap_or("")));
        let end = u32::try_from(self.layer.name_text.len()).map_err(|_| "too many names")?;
        self.layer.names.push((start, end));
        Ok(())
    }
}

#[derive(Deserialize)]
struct IdOnly {
    id: Option<serde_json::Value>,
}

/// A feature id as text (strings without their quotes), cut to a readable length.
fn id_text(v: &serde_json::Value) -> String {
    super::collection::excerpt(&v.as_str().map_or_else(|| v.to_string(), str::to_owned))
}

#[derive(Deserialize)]
struct FeatureIn<'a> {
    id: Option<serde_json::Value>,
    #[serde(borrow)]
    geometry: Option<GeometryRaw<'a>>,
    #[serde(borrow)]
    properties: Option<PropsIn<'a>>,
}

#[derive(Deserialize)]
struct PropsIn<'a> {
    /// Kept as text until converted: most names need no allocation of their own.
    #[serde(borrow)]
    name: Option<&'a RawValue>,
}

/// A geometry with its coordinates still as text: the type decides how they are read, so
/// they go straight into typed positions (no buffered tree, no `Vec<f64>` per position).
#[derive(Deserialize)]
struct GeometryRaw<'a> {
    #[serde(rename = "type", borrow)]
    kind: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    coordinates: Option<&'a RawValue>,
}

/// A GeoJSON position: longitude, latitude, and any further values (altitude) ignored.
struct Position([f64; 2]);

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Position;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a position [longitude, latitude]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Position, A::Error> {
                let x: f64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let y: f64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Position([x, y]))
            }
        }
        d.deserialize_seq(V)
    }
}

/// A geometry's coordinates, read according to its type.
enum GeometryIn {
    Point(Position),
    MultiPoint(Vec<Position>),
    LineString(Vec<Position>),
    /// MultiLineString and Polygon: lists of lines or rings.
    Lines(Vec<Vec<Position>>),
    MultiPolygon(Vec<Vec<Vec<Position>>>),
}

impl GeometryIn {
    fn vertex_count(&self) -> usize {
        match self {
            Self::Point(_) => 1,
            Self::MultiPoint(v) | Self::LineString(v) => v.len(),
            Self::Lines(l) => l.iter().map(Vec::len).sum(),
            Self::MultiPolygon(p) => p.iter().flatten().map(Vec::len).sum(),
        }
    }
}

impl GeometryRaw<'_> {
    fn read(&self) -> Result<GeometryIn, String> {
        let text = self
            .coordinates
            .ok_or_else(|| format!("{} without coordinates", self.kind))?
            .get();
        let e = |e: serde_json::Error| format!("{} coordinates: {e}", self.kind);
        Ok(match &*self.kind {
            "Point" => GeometryIn::Point(serde_json::from_str(text).map_err(e)?),
            "MultiPoint" => GeometryIn::MultiPoint(serde_json::from_str(text).map_err(e)?),
            "LineString" => GeometryIn::LineString(serde_json::from_str(text).map_err(e)?),
            "MultiLineString" | "Polygon" => {
                GeometryIn::Lines(serde_json::from_str(text).map_err(e)?)
            }
            "MultiPolygon" => GeometryIn::MultiPolygon(serde_json::from_str(text).map_err(e)?),
            other => return Err(format!("unsupported geometry type {other:?}")),
        })
    }
}

/// Walks the top-level object, collecting the text of each element of `features`.
struct CollectionSeed<'r, 'de, 'c>(Scan<'r, 'de, 'c>);

impl<'de> DeserializeSeed<'de> for CollectionSeed<'_, 'de, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CollectionSeed<'_, 'de, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut saw_features = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "features" {
                map.next_value_seed(FeaturesSeed(&mut self.0))?;
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

struct FeaturesSeed<'s, 'r, 'de, 'c>(&'s mut Scan<'r, 'de, 'c>);

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_, '_, 'de, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_, '_, 'de, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let scan = self.0;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            if scan.raws.len().is_multiple_of(4096) {
                if scan.control.cancelled() {
                    return Err(de::Error::custom(CANCELLED));
                }
                // The scan is the first half of the work.
                let text = raw.get();
                let done = (text.as_ptr() as usize).saturating_sub(scan.base) + text.len();
                scan.control.progress(done.min(scan.total) / 2, scan.total);
            }
            scan.raws.push(raw);
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
        let names: Vec<&str> = l
            .names
            .iter()
            .map(|&(a, b)| &l.name_text[a as usize..b as usize])
            .collect();
        assert_eq!(names, vec!["a", "", "", ""]);
    }

    /// Big enough to be converted in parallel chunks: the joined layer is in file order.
    #[test]
    fn chunks_join_in_file_order() {
        let n: u32 = 45_000;
        let mut text = String::from(r#"{"type":"FeatureCollection","features":["#);
        for i in 0..n {
            if i > 0 {
                text.push(',');
            }
            let (x, y) = (f64::from(i % 300) * 0.1, f64::from(i % 200) * 0.1);
            if i == 30_001 {
                text.push_str(r#"{"type":"Feature","id":"bad","geometry":{"type":"Point","coordinates":[900,1]}}"#);
            } else if i % 2 == 0 {
                text.push_str(&format!(
                    r#"{{"type":"Feature","properties":{{"name":"f{i}"}},"geometry":{{"type":"Point","coordinates":[{x},{y}]}}}}"#
                ));
            } else {
                text.push_str(&format!(
                    r#"{{"type":"Feature","properties":{{"name":"f{i}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{x},1],[1,1],[{x},{y}]]]}}}}"#
                ));
            }
        }
        text.push_str("]}");
        let load = parse(&text).expect("parses");
        let l = &load.layer;
        assert_eq!(load.skipped.len(), 1);
        assert!(load.skipped[0].to_string().contains("feature #30001"));
        assert_eq!(l.points.len(), n as usize / 2);
        let expected: Vec<u32> = (0..n).step_by(2).collect();
        assert_eq!(l.point_feature, expected);
        assert_eq!(l.paths.len(), n as usize / 2 - 1);
        let mut end = 0;
        for &(a, b) in &l.paths {
            assert_eq!((a, b - a), (end, 4));
            end = b;
        }
        assert_eq!(end as usize, l.path_coords.len());
        let names: Vec<&str> = l
            .names
            .iter()
            .map(|&(a, b)| &l.name_text[a as usize..b as usize])
            .collect();
        let want: Vec<String> = (0..n)
            .map(|i| {
                if i == 30_001 {
                    String::new()
                } else {
                    format!("f{i}")
                }
            })
            .collect();
        assert_eq!(names.len(), want.len());
        let first_bad = names.iter().zip(&want).position(|(a, b)| a != b);
        assert_eq!(first_bad, None, "first differing name");
        assert_eq!(l.name_of(44_999), Some("f44999"));
        assert_eq!(l.name_of(30_001), None);
        assert!(l.path_feature.iter().all(|f| f % 2 == 1));
    }

    #[test]
    fn a_file_of_bad_features_reports_a_bounded_number() {
        let mut text = String::from(r#"{"type":"FeatureCollection","features":["#);
        let n = 50_000;
        for i in 0..n {
            if i > 0 {
                text.push(',');
            }
            if i == 40_000 {
                text.push_str(
                    r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}"#,
                );
            } else {
                text.push_str(r#"{"type":"Feature","geometry":null}"#);
            }
        }
        text.push_str("]}");
        let load = parse(&text).expect("parses");
        assert_eq!(load.layer.points, vec![[1.0, 2.0]]);
        assert_eq!(load.layer.point_feature, vec![40_000]);
        assert_eq!(load.skipped_total, n - 1);
        assert_eq!(load.skipped.len(), MAX_SKIP_REPORTS);
        assert!(load.skipped[0].to_string().contains("feature #0"));
        assert!(load.skipped[99].to_string().contains("feature #99"));
    }

    #[test]
    fn hostile_nesting_skips_the_feature_without_a_crash() {
        let deep = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{{"type":"Point","coordinates":{}1{}}}}}]}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        // The feature is skipped and named; the load itself goes on.
        let load = parse(&deep).expect("the collection itself is sound");
        assert_eq!(load.skipped_total, 1);
        let msg = load.skipped[0].to_string();
        assert!(msg.contains("feature #0") && msg.contains("Point"), "{msg}");
    }

    #[test]
    fn altitudes_are_ignored_and_short_positions_rejected() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[117.7,15.1,12.5]}},
          {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0,1],[1,0,1],[1,1,1],[0,0,1]]],[[[5,5],[6,5],[6,6],[5,5]]]]}},
          {"type":"Feature","id":"short","geometry":{"type":"LineString","coordinates":[[0,0],[1]]}},
          {"type":"Feature","id":"none","geometry":{"type":"Point"}}
        ]}"#;
        let load = parse(text).expect("parses");
        assert_eq!(load.layer.points, vec![[117.7, 15.1]]);
        assert_eq!(load.layer.paths, vec![(0, 4), (4, 8)]);
        assert_eq!(load.layer.path_coords[5], [6.0, 5.0]);
        let msgs: Vec<String> = load.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].contains("short") && msgs[0].contains("LineString"),
            "{}",
            msgs[0]
        );
        assert!(
            msgs[1].contains("none") && msgs[1].contains("without coordinates"),
            "{}",
            msgs[1]
        );
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
        assert!(matches!(err, LoadError::Cancelled { .. }), "{err:?}");
        assert!(err.to_string().contains(CANCELLED));
    }
}
