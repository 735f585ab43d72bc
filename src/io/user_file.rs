//! User GeoJSON files of any size: streamed feature by feature into flat coordinate buffers,
//! never into a `serde_json::Value` tree. A bad feature is reported and skipped; the rest load.
//! Progress is reported as bytes parsed, and the load can be cancelled between features.

use super::collection::{MAX_FILE_BYTES, read_bytes};
use super::error::{FeatureRef, LoadError};
use super::limits::{MAX_VERTICES_PER_GEOMETRY, display_name};
use super::source::read_bounded;
use super::user_scan::{CollectionSeed, Scan};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;
use std::io::Read;
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
    parse_user_geojson(path, layer_name(path), &bytes, control)
}

/// Reads (bounded by [`MAX_FILE_BYTES`]) and parses a user file from any reader; `path`
/// names it in errors and gives the layer its name.
pub fn load_user_reader(
    path: &Path,
    reader: impl Read,
    control: &dyn LoadControl,
) -> Result<UserLoad, LoadError> {
    let bytes = read_bounded(path, reader, MAX_FILE_BYTES)?;
    parse_user_geojson(path, layer_name(path), &bytes, control)
}

/// A layer is named after its file.
fn layer_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "layer".to_owned(), |n| n.to_string_lossy().into_owned())
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
    let sinks = convert_parts(path, bytes, &raws, control);
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

/// The second pass: features converted on every core, in chunks whose parts come back in
/// file order (none when cancelled or a part failed).
fn convert_parts(
    path: &Path,
    bytes: &[u8],
    raws: &[&RawValue],
    control: &dyn LoadControl,
) -> Vec<Sink> {
    // At least two parts even on one core: the join is then always the tested path.
    let threads = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .clamp(2, 8);
    // Small files are not worth a thread.
    let chunk = raws.len().div_ceil(threads).max(20_000);
    std::thread::scope(|scope| {
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
    })
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

#[cfg(test)]
#[path = "user_file_tests.rs"]
mod tests;
