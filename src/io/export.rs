//! Writing the incidents a filter shows to a file, with every source, so a reader can take
//! them into a spreadsheet (CSV) or another GIS (GeoJSON, in the schema of
//! `assets/incidents.geojson`, so the app itself can open it again).
//!
//! The file is written beside its final name and renamed over it only when complete: a failed
//! export never leaves a half-written file in place of an earlier one.

use crate::model::{Atlas, Incident};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// What an export is written as, chosen by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    GeoJson,
}

impl ExportFormat {
    /// `.csv`, or `.geojson` / `.json`; anything else is refused.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Self::Csv),
            "geojson" | "json" => Some(Self::GeoJson),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}: unknown export format; name the file .csv, .geojson or .json", path.display())]
    UnknownFormat { path: PathBuf },
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot format the export: {message}", path.display())]
    Format { path: PathBuf, message: String },
    #[error("{}: not written: no incident matches the filter", path.display())]
    Nothing { path: PathBuf },
    #[error("{}: not written: it is inside the data folder being read ({})", path.display(), data_dir.display())]
    InsideData { path: PathBuf, data_dir: PathBuf },
    #[error("{}: not written: the incidents did not load ({cause})", path.display())]
    DataNotLoaded { path: PathBuf, cause: String },
}

/// Refuses an export path inside `data_dir` (the folder the data is read from): an export
/// named like a data file would replace it. Both are resolved through symbolic links; a
/// target that does not exist yet is judged by its folder.
pub fn refuse_inside_data(path: &Path, data_dir: &Path) -> Result<(), ExportError> {
    let Ok(data) = data_dir.canonicalize() else {
        return Ok(());
    };
    let resolved = path.canonicalize().or_else(|_| {
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        parent
            .canonicalize()
            .map(|p| p.join(path.file_name().unwrap_or_default()))
    });
    match resolved {
        Ok(target) if target.starts_with(&data) => Err(ExportError::InsideData {
            path: path.to_path_buf(),
            data_dir: data_dir.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// The CSV columns, in order. List cells (actors, uncertain, sources) hold one item per line;
/// `origin` says whose the incident is ([`Origin`]); `incident_csv` reads the same columns back.
pub const CSV_HEADER: [&str; 18] = [
    "id",
    "date",
    "date_end",
    "kind",
    "sea",
    "location_name",
    "location_precision",
    "feature_id",
    "latitude",
    "longitude",
    "actors",
    "summary",
    "casualties",
    "disputed_accounts",
    "uncertain",
    "sources",
    "origin",
    "derived_from",
];

/// Whose an exported incident is: the data folder's, the user's own log, or an imported layer's
/// (by name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin<'a> {
    Data,
    Mine,
    Imported(&'a str),
}

impl<'a> Origin<'a> {
    /// The text in the `origin` column and property: `data`, `mine`, `imported:<layer>`.
    pub fn key(self) -> String {
        match self {
            Self::Data => "data".to_owned(),
            Self::Mine => "mine".to_owned(),
            Self::Imported(layer) => format!("imported:{layer}"),
        }
    }

    pub fn parse(s: &'a str) -> Option<Self> {
        match s {
            "data" => Some(Self::Data),
            "mine" => Some(Self::Mine),
            _ => s.strip_prefix("imported:").map(Self::Imported),
        }
    }
}

/// A text cell made safe to open in a spreadsheet: one that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return would be read as a formula, so it gets a leading `'` (the
/// OWASP advice for CSV injection). Numbers are never passed through here, so a negative
/// coordinate stays a number.
pub fn neutralise_cell(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// One incident to export, with whose it is and what it was copied from.
#[derive(Clone, Copy, Debug)]
pub struct ExportRow<'a> {
    pub incident: &'a Incident,
    pub origin: Origin<'a>,
    pub derived_from: Option<&'a str>,
}

impl<'a> ExportRow<'a> {
    /// A row of the data folder's incidents.
    pub fn data(incident: &'a Incident) -> Self {
        Self {
            incident,
            origin: Origin::Data,
            derived_from: None,
        }
    }
}

fn data_rows<'a>(atlas: &'a Atlas, indices: &[usize]) -> Vec<ExportRow<'a>> {
    indices
        .iter()
        .filter_map(|&i| atlas.incidents.get(i))
        .map(ExportRow::data)
        .collect()
}

fn csv_row(row: &ExportRow<'_>) -> Vec<String> {
    use super::csv_cells::{ITEM_SEPARATOR, actor_text, source_text};
    let x = row.incident;
    let list = |items: Vec<String>| items.join(ITEM_SEPARATOR);
    let text = neutralise_cell;
    vec![
        text(x.id.clone()),
        // To the precision the sources give: no invented day or month.
        x.date_precision.format(x.date),
        x.date_end.map(|d| d.to_string()).unwrap_or_default(),
        x.kind.key().to_owned(),
        x.sea.key().to_owned(),
        text(x.location_name.clone()),
        x.location_precision.key().to_owned(),
        text(x.feature_id.clone().unwrap_or_default()),
        format!("{:.6}", x.position.y()),
        format!("{:.6}", x.position.x()),
        text(list(x.actors.iter().map(actor_text).collect())),
        text(x.summary.clone()),
        text(x.casualties.clone().unwrap_or_default()),
        text(x.disputed_accounts.clone().unwrap_or_default()),
        text(list(x.uncertain.clone())),
        text(list(x.sources.iter().map(source_text).collect())),
        row.origin.key(),
        text(row.derived_from.unwrap_or_default().to_owned()),
    ]
}

/// The incidents `indices` of `atlas` as CSV (RFC 4180), a header row first.
pub fn incidents_csv(atlas: &Atlas, indices: &[usize]) -> Result<String, csv::Error> {
    rows_csv(&data_rows(atlas, indices))
}

/// `rows` as CSV (RFC 4180), a header row first.
pub fn rows_csv(rows: &[ExportRow<'_>]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    for row in rows {
        w.write_record(csv_row(row))?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One incident as a GeoJSON Feature in the schema of `assets/incidents.geojson`.
pub fn incident_feature(x: &Incident) -> Value {
    let mut props = json!({
        "id": x.id,
        "date": x.date.to_string(),
        "date_precision": x.date_precision.key(),
        "kind": x.kind.key(),
        "sea": x.sea.key(),
        "actors": x.actors.iter().map(|a| {
            let mut v = json!({
                "name": a.name,
                "country": a.country.code(),
                "role": a.role.label(),
            });
            if let (Some(agency), Some(o)) = (&a.agency, v.as_object_mut()) {
                o.insert("agency".into(), json!(agency));
            }
            v
        }).collect::<Vec<_>>(),
        "location_name": x.location_name,
        "location_precision": x.location_precision.key(),
        "summary": x.summary,
        "sources": x.sources.iter().map(|s| {
            let mut v = json!({ "publisher": s.publisher, "url": s.url });
            if let Some(o) = v.as_object_mut() {
                if let Some(t) = &s.title {
                    o.insert("title".into(), json!(t));
                }
                if let Some(d) = s.date {
                    o.insert("date".into(), json!(d.to_string()));
                    if s.date_is_accessed {
                        o.insert("date_kind".into(), json!("accessed"));
                    }
                }
            }
            v
        }).collect::<Vec<_>>(),
    });
    if let Some(o) = props.as_object_mut() {
        let optional = [
            ("date_end", x.date_end.map(|d| d.to_string())),
            ("feature_id", x.feature_id.clone()),
            ("casualties", x.casualties.clone()),
            ("disputed_accounts", x.disputed_accounts.clone()),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                o.insert(key.into(), json!(v));
            }
        }
        if !x.uncertain.is_empty() {
            o.insert("uncertain".into(), json!(x.uncertain));
        }
    }
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [x.position.x(), x.position.y()] },
        "properties": props,
    })
}

/// The incidents `indices` of `atlas` as a GeoJSON FeatureCollection in the assets' schema.
pub fn incidents_geojson(atlas: &Atlas, indices: &[usize]) -> Value {
    rows_geojson(&data_rows(atlas, indices))
}

/// `rows` as a GeoJSON FeatureCollection; the user's incidents carry `origin: "mine"` (and
/// `derived_from` when copied), the data's are written exactly in the assets' schema.
pub fn rows_geojson(rows: &[ExportRow<'_>]) -> Value {
    json!({
        "type": "FeatureCollection",
        "features": rows.iter().map(row_feature).collect::<Vec<_>>(),
    })
}

fn row_feature(row: &ExportRow<'_>) -> Value {
    let mut f = incident_feature(row.incident);
    if let Some(props) = f.get_mut("properties").and_then(Value::as_object_mut) {
        if row.origin != Origin::Data {
            props.insert("origin".into(), json!(row.origin.key()));
        }
        if let Some(d) = row.derived_from {
            props.insert("derived_from".into(), json!(d));
        }
    }
    f
}

/// Writes the incidents `indices` to `path` in the format its extension names; returns how
/// many were written. Refuses (writing nothing) when no index names an incident.
pub fn export_incidents(
    path: &Path,
    atlas: &Atlas,
    indices: &[usize],
) -> Result<usize, ExportError> {
    export_rows(path, &data_rows(atlas, indices))
}

/// Writes `rows` to `path` in the format its extension names; returns how many were written.
pub fn export_rows(path: &Path, rows: &[ExportRow<'_>]) -> Result<usize, ExportError> {
    let format = ExportFormat::from_path(path).ok_or_else(|| ExportError::UnknownFormat {
        path: path.to_path_buf(),
    })?;
    // A header-only file written over an earlier export would destroy it for nothing.
    if rows.is_empty() {
        return Err(ExportError::Nothing {
            path: path.to_path_buf(),
        });
    }
    let formatting = |message: String| ExportError::Format {
        path: path.to_path_buf(),
        message,
    };
    let text = match format {
        ExportFormat::Csv => rows_csv(rows).map_err(|e| formatting(e.to_string()))?,
        ExportFormat::GeoJson => serde_json::to_string_pretty(&rows_geojson(rows))
            .map_err(|e| formatting(e.to_string()))?,
    };
    let write = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    super::atomic::write_atomically(path, text.as_bytes()).map_err(write)?;
    Ok(rows.len())
}
