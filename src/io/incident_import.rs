//! Reading a file of incidents to merge into the user's log: a GeoJSON in the bundled schema
//! (a colleague's export) or a CSV with the columns our export writes. Records that fail to
//! load are left out and described, naming file and place.

use super::export::ExportFormat;
use super::incident_csv;
use crate::model::workbench::Region;
use crate::model::{Date, Incident};
use std::path::Path;

/// The incidents read, and what was left out.
#[derive(Debug, Default)]
pub struct Incoming {
    pub incidents: Vec<Incident>,
    /// One line per record left out.
    pub left_out: Vec<String>,
}

/// Reads `file` by its extension; `today` and `region` check CSV rows as the form does.
pub fn read_incoming(file: &Path, today: Date, region: &Region) -> Result<Incoming, String> {
    match ExportFormat::from_path(file) {
        Some(ExportFormat::Csv) => {
            let import = incident_csv::load(file, today, region).map_err(|e| e.to_string())?;
            Ok(Incoming {
                incidents: import.incidents,
                left_out: import.errors.iter().map(ToString::to_string).collect(),
            })
        }
        Some(ExportFormat::GeoJson) => {
            let (incidents, errors) = super::incidents::load(file).map_err(|e| e.to_string())?;
            Ok(Incoming {
                incidents,
                left_out: errors.iter().map(ToString::to_string).collect(),
            })
        }
        None => Err(format!(
            "{}: unknown format; name the file .csv, .geojson or .json",
            file.display()
        )),
    }
}
