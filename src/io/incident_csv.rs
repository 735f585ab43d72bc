//! Incidents from a CSV file with the columns our CSV export writes (found by name, in any
//! order), each row checked as the incident form checks it. A bad row is reported with its
//! row, line and column, and the other rows still import.

use super::LoadError;
use super::csv_cells::{items, parse_actor, parse_source};
use crate::model::workbench::{ActorDraft, Field, IncidentDraft, Region, SourceDraft};
use crate::model::{Date, Incident};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Columns every row needs; the others of [`super::export::CSV_HEADER`] are optional.
pub const REQUIRED_COLUMNS: [&str; 10] = [
    "date",
    "kind",
    "sea",
    "location_name",
    "location_precision",
    "latitude",
    "longitude",
    "actors",
    "summary",
    "sources",
];

#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error(transparent)]
    Read(#[from] LoadError),
    #[error("{}: the header has no column \"{column}\" (needed: {})", file.display(), REQUIRED_COLUMNS.join(", "))]
    MissingColumn { file: PathBuf, column: String },
    #[error("{}: not readable as CSV: {message}", file.display())]
    Csv { file: PathBuf, message: String },
    #[error("{}: row {row} (line {line}), column \"{column}\": {message}", file.display())]
    Row {
        file: PathBuf,
        /// As a spreadsheet numbers it: the header is row 1.
        row: usize,
        line: u64,
        column: String,
        message: String,
    },
}

/// The rows that imported, and an error for each problem of the others.
#[derive(Debug, Default)]
pub struct CsvImport {
    pub incidents: Vec<Incident>,
    /// `derived_from` of each incident (same order), when the column has it.
    pub derived_from: Vec<Option<String>>,
    pub errors: Vec<CsvError>,
}

/// The column a form field's error belongs to.
fn column_of(field: Field) -> &'static str {
    match field {
        Field::Date => "date",
        Field::DateEnd => "date_end",
        Field::DatePrecision => "date_precision",
        Field::Kind => "kind",
        Field::Sea => "sea",
        Field::Actors | Field::ActorName(_) | Field::ActorCountry(_) | Field::ActorRole(_) => {
            "actors"
        }
        Field::LocationName => "location_name",
        Field::LocationPrecision => "location_precision",
        Field::Latitude => "latitude",
        Field::Longitude => "longitude",
        Field::Summary => "summary",
        Field::Sources | Field::SourcePublisher(_) | Field::SourceUrl(_) | Field::SourceDate(_) => {
            "sources"
        }
    }
}

/// Reads `path`; `today` and `region` bound dates and positions as in the form.
pub fn load(path: &Path, today: Date, region: &Region) -> Result<CsvImport, CsvError> {
    let text = super::collection::read_text(path)?;
    parse(path, text.trim_start_matches('\u{feff}'), today, region)
}

/// Parses CSV text (`path` names it in errors).
pub fn parse(path: &Path, text: &str, today: Date, region: &Region) -> Result<CsvImport, CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| CsvError::Csv {
        file: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let columns: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_owned(), i))
        .collect();
    if let Some(missing) = REQUIRED_COLUMNS.iter().find(|c| !columns.contains_key(**c)) {
        return Err(CsvError::MissingColumn {
            file: path.to_path_buf(),
            column: (*missing).to_owned(),
        });
    }
    let mut out = CsvImport::default();
    for (k, record) in reader.records().enumerate() {
        let row = k + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                out.errors
                    .push(row_error(path, row, line, "", e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let cells = Cells {
            record: &record,
            columns: &columns,
        };
        match row_incident(&cells, today, region) {
            Ok(x) => {
                out.incidents.push(x);
                let from = cells.get("derived_from").trim();
                out.derived_from
                    .push((!from.is_empty()).then(|| from.to_owned()));
            }
            Err(problems) => out.errors.extend(
                problems
                    .into_iter()
                    .map(|(column, message)| row_error(path, row, line, column, message)),
            ),
        }
    }
    Ok(out)
}

fn row_error(path: &Path, row: usize, line: u64, column: &str, message: String) -> CsvError {
    CsvError::Row {
        file: path.to_path_buf(),
        row,
        line,
        column: column.to_owned(),
        message,
    }
}

/// One row's cells by column name.
struct Cells<'r> {
    record: &'r csv::StringRecord,
    columns: &'r HashMap<String, usize>,
}

impl<'r> Cells<'r> {
    /// The cell of column `name` (empty when the file has no such column), without the `'`
    /// our export puts before text a spreadsheet would read as a formula.
    fn get(&self, name: &str) -> &'r str {
        let cell = self
            .columns
            .get(name)
            .and_then(|&i| self.record.get(i))
            .unwrap_or_default();
        match cell.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
            _ => cell,
        }
    }
}

/// One row as an incident, or its problems as (column, message).
fn row_incident(
    cells: &Cells<'_>,
    today: Date,
    region: &Region,
) -> Result<Incident, Vec<(&'static str, String)>> {
    let cell = |name: &str| cells.get(name);
    let mut problems = Vec::new();
    let mut actors = Vec::new();
    for (i, text) in items(cell("actors")).enumerate() {
        match parse_actor(text) {
            Ok(a) => actors.push(ActorDraft {
                name: a.name,
                agency: a.agency.unwrap_or_default(),
                country: a.country.code().to_owned(),
                role: a.role.label().to_owned(),
            }),
            Err(m) => problems.push(("actors", format!("line {} of the cell: {m}", i + 1))),
        }
    }
    let mut sources = Vec::new();
    for (i, text) in items(cell("sources")).enumerate() {
        match parse_source(text) {
            Ok(s) => sources.push(SourceDraft {
                publisher: s.publisher,
                title: s.title.unwrap_or_default(),
                url: s.url,
                date: s.date.map(|d| d.to_string()).unwrap_or_default(),
                date_is_accessed: s.date_is_accessed,
            }),
            Err(m) => problems.push(("sources", format!("line {} of the cell: {m}", i + 1))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let draft = IncidentDraft {
        date: cell("date").to_owned(),
        date_end: cell("date_end").to_owned(),
        date_precision: cell("date_precision").to_owned(),
        kind: cell("kind").to_owned(),
        sea: cell("sea").to_owned(),
        actors,
        location_name: cell("location_name").to_owned(),
        location_precision: cell("location_precision").to_owned(),
        feature_id: cell("feature_id").to_owned(),
        latitude: cell("latitude").to_owned(),
        longitude: cell("longitude").to_owned(),
        summary: cell("summary").to_owned(),
        casualties: cell("casualties").to_owned(),
        disputed_accounts: cell("disputed_accounts").to_owned(),
        uncertain: items(cell("uncertain")).map(str::to_owned).collect(),
        sources,
    };
    let mut x = draft.to_incident(today, region).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| (column_of(e.field), e.to_string()))
            .collect::<Vec<_>>()
    })?;
    x.id = cell("id").trim().to_owned();
    Ok(x)
}
