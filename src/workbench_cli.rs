//! The command line's workbench: `--import FILE` merges into My incidents without a window,
//! `--import-as-layer FILE` keeps a file as an incident layer of its own,
//! `--export` writes the user's incidents (marked `mine`) beside the data's.

use crate::cli::Cli;
use crate::io::export::{ExportFormat, ExportRow, Origin};
use crate::io::incident_log::{LOG_FILE, LogStore, default_data_dir};
use crate::io::{self, incident_csv};
use crate::model::workbench::merge::Existing;
use crate::model::workbench::{
    ImportedLayer, IncidentLog, LogEntry, MergeOptions, MergePlan, REGION,
};
use crate::model::{Atlas, Incident};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `--data-dir`, else the platform's data folder.
pub fn data_dir(cli: &Cli) -> Option<PathBuf> {
    cli.data_dir.clone().or_else(default_data_dir)
}

/// Incidents from a GeoJSON (bundled schema) or CSV (our export's columns) file; bad records
/// are printed as warnings and left out.
fn read_incoming(file: &Path) -> Result<Vec<Incident>, String> {
    match ExportFormat::from_path(file) {
        Some(ExportFormat::Csv) => {
            let today = chrono::Local::now().date_naive();
            let import = incident_csv::load(file, today, &REGION).map_err(|e| e.to_string())?;
            for e in &import.errors {
                eprintln!("warning: not imported: {e}");
            }
            Ok(import.incidents)
        }
        Some(ExportFormat::GeoJson) => {
            let (incidents, errors) = io::incidents::load(file).map_err(|e| e.to_string())?;
            for e in &errors {
                eprintln!("warning: not imported: {e}");
            }
            Ok(incidents)
        }
        None => Err(format!(
            "{}: unknown format; name the file .csv, .geojson or .json",
            file.display()
        )),
    }
}

/// Opens the log in `dir` with the data's ids reserved; a log that fails to load is an error.
fn open_log(dir: &Path, atlas: &Atlas) -> Result<(LogStore, IncidentLog), String> {
    let mut store = LogStore::new(dir);
    let entries = store.load().map_err(|e| {
        format!("{e}\nhint: the app can open the backup or start a new log; nothing was changed")
    })?;
    let mut log = IncidentLog::from_entries(entries);
    log.reserve_ids(atlas.incidents.iter().map(|x| x.id.as_str()));
    Ok((store, log))
}

/// What both imports start from: the data folder, the file's incidents and the bundled data;
/// or, printed, why not, with the exit code to return.
fn open_import(
    cli: &Cli,
    assets: &io::DataSource,
    file: &Path,
) -> Result<(PathBuf, Vec<Incident>, io::LoadReport), ExitCode> {
    let Some(dir) = data_dir(cli) else {
        eprintln!("error: no data folder on this system; give one with --data-dir DIR");
        return Err(ExitCode::from(2));
    };
    let incoming = read_incoming(file).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::FAILURE
    })?;
    Ok((dir, incoming, io::load(assets)))
}

/// `--import FILE`.
pub fn import(cli: &Cli, assets: &io::DataSource, file: &Path) -> ExitCode {
    let (dir, incoming, report) = match open_import(cli, assets, file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let (mut store, mut log) = match open_log(&dir, &report.atlas) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let plan = MergePlan::new(&log, &report.atlas.incidents, incoming);
    println!("{}: {}", file.display(), plan.summary());
    for d in &plan.likely_duplicates {
        let whose = match d.existing_in {
            Existing::Mine => "yours",
            Existing::Bundled => "in the data",
        };
        let incoming_id = plan.added.get(d.added_index).map_or("", |x| x.id.as_str());
        println!(
            "likely duplicate: {} is {:.1} km from {} ({whose}), same day and kind",
            if incoming_id.is_empty() {
                "a row without id"
            } else {
                incoming_id
            },
            d.distance_km,
            d.existing_id
        );
    }
    for c in &plan.changed {
        println!(
            "changed: {} differs from the record with this id; kept both (the import as a copy)",
            c.incoming.id
        );
    }
    let sum = plan.apply(&mut log, &MergeOptions::default());
    match store.save(log.records()) {
        Ok(_) => {
            println!(
                "{}: {} added, {} kept beside a changed record; My incidents holds {}",
                dir.join(LOG_FILE).display(),
                sum.added,
                sum.kept_both,
                log.incidents().len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--import-as-layer FILE`: the file's incidents kept as a layer of their own, ids already
/// in use (the data's, the log's, other layers') renamed `<id>@<layer>`.
pub fn import_as_layer(cli: &Cli, assets: &io::DataSource, file: &Path) -> ExitCode {
    use crate::io::incident_layers;
    use crate::model::workbench::imported::layer_name;
    let (dir, incoming, report) = match open_import(cli, assets, file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut taken: std::collections::HashSet<String> = report
        .atlas
        .incidents
        .iter()
        .map(|x| x.id.clone())
        .collect();
    match LogStore::new(&dir).load() {
        Ok(entries) => taken.extend(entries.into_iter().map(|e| e.incident.id)),
        Err(e) => eprintln!("warning: your log's ids are not checked: {e}"),
    }
    let (layers, _) = incident_layers::load_layers(&dir);
    let names: Vec<&str> = layers.iter().map(|(n, _)| n.as_str()).collect();
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    let name = layer_name(&stem, &names);
    taken.extend(
        layers
            .iter()
            .flat_map(|(_, e)| e.iter().map(|e| e.incident.id.clone())),
    );
    let entries = incoming.into_iter().map(LogEntry::new).collect();
    let (layer, renamed) = ImportedLayer::new(name, entries, &mut taken);
    match incident_layers::save_layer(&dir, &layer.name, &layer.records) {
        Ok(path) => {
            println!(
                "{}: {} incident(s) kept as the layer \"{}\" in {}; {renamed} id(s) already in \
                 use renamed <id>@{}",
                file.display(),
                layer.len(),
                layer.name,
                path.display(),
                layer.name
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--export PATH`: the data's incidents the filter selects, and the user's when a log exists.
pub fn export(cli: &Cli, assets: &io::DataSource, path: &Path) -> ExitCode {
    let filter = match cli.incident_filter() {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let io::DataSource::Dir(dir) = assets
        && let Err(e) = io::export::refuse_inside_data(path, dir)
    {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let report = io::load(assets);
    for e in &report.errors {
        eprintln!("warning: {e}");
    }
    if let Some(e) = incidents_failed(&report, assets, path) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let log = data_dir(cli)
        .filter(|d| d.join(LOG_FILE).exists())
        .and_then(|d| match open_log(&d, &report.atlas) {
            Ok((_, log)) => Some(log),
            Err(e) => {
                eprintln!("warning: your incidents are not included: {e}");
                None
            }
        })
        .unwrap_or_default();
    let shown = filter.matching(&report.atlas.incidents);
    let mine: Vec<usize> = (0..log.incidents().len())
        .filter(|&i| filter.matches(&log.incidents()[i]))
        .collect();
    let mut rows: Vec<ExportRow<'_>> = shown
        .iter()
        .map(|&i| ExportRow::data(&report.atlas.incidents[i]))
        .collect();
    rows.extend(mine.iter().map(|&i| ExportRow {
        incident: &log.incidents()[i],
        origin: Origin::Mine,
        derived_from: log.records().derived_from(i),
    }));
    let layers = open_layers(data_dir(cli).as_deref(), &report.atlas, &log);
    let from_layers = layer_rows(&layers, &filter);
    let imported = from_layers.len();
    rows.extend(from_layers);
    match io::export::export_rows(path, &rows) {
        Ok(n) => {
            let in_layers: usize = layers.iter().map(ImportedLayer::len).sum();
            let total = report.atlas.incidents.len() + log.incidents().len() + in_layers;
            let mut yours = if log.incidents().is_empty() {
                String::new()
            } else {
                format!(" ({} of them yours)", mine.len())
            };
            if !layers.is_empty() {
                yours.push_str(&format!(" ({imported} from imported layers)"));
            }
            println!(
                "{}: {n} of {total} incidents written{yours}",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Why nothing can be exported when the incidents file itself failed (missing, unreadable,
/// not JSON): nothing of it is to be trusted.
fn incidents_failed(
    report: &io::LoadReport,
    assets: &io::DataSource,
    path: &Path,
) -> Option<io::export::ExportError> {
    let incidents_file = assets.path(io::INCIDENTS_FILE);
    let e = report
        .errors
        .iter()
        .find(|e| e.file() == incidents_file && e.feature().is_none() && !e.is_warning())?;
    Some(io::export::ExportError::DataNotLoaded {
        path: path.to_path_buf(),
        cause: e.to_string(),
    })
}

/// The layers' incidents `filter` selects, each marked with its layer.
fn layer_rows<'a>(
    layers: &'a [ImportedLayer],
    filter: &crate::model::IncidentFilter,
) -> Vec<ExportRow<'a>> {
    let mut rows = Vec::new();
    for l in layers {
        let records = &l.records;
        rows.extend(
            (0..records.len())
                .filter(|&i| filter.matches(&records.incidents()[i]))
                .map(|i| ExportRow {
                    incident: &records.incidents()[i],
                    origin: Origin::Imported(&l.name),
                    derived_from: records.derived_from(i),
                }),
        );
    }
    rows
}

/// Whether `id` names one of the user's incidents (My incidents or an imported layer, ids as
/// the app makes them) in `dir`: `--select` is checked before the window opens, and the
/// bundled data alone does not know them.
pub fn user_has_incident(dir: Option<&Path>, atlas: &Atlas, id: &str) -> bool {
    let Some(d) = dir else {
        return false;
    };
    let log = match open_log(d, atlas) {
        Ok((_, log)) => log,
        Err(_) => IncidentLog::default(),
    };
    log.incidents().iter().any(|x| x.id == id)
        || open_layers(dir, atlas, &log)
            .iter()
            .any(|l| l.records.incidents().iter().any(|x| x.id == id))
}

/// The imported layers in `dir`, their ids made unique as the app makes them (against the
/// data's, the log's and each other's); a layer that fails to load is named and left out.
fn open_layers(dir: Option<&Path>, atlas: &Atlas, log: &IncidentLog) -> Vec<ImportedLayer> {
    let Some(dir) = dir else {
        return Vec::new();
    };
    let (found, problems) = crate::io::incident_layers::load_layers(dir);
    for e in &problems {
        eprintln!("warning: an imported layer is not included: {e}");
    }
    let mut taken: std::collections::HashSet<String> = atlas
        .incidents
        .iter()
        .chain(log.incidents().iter().map(|x| &**x))
        .map(|x| x.id.clone())
        .collect();
    found
        .into_iter()
        .map(|(name, entries)| ImportedLayer::new(name, entries, &mut taken).0)
        .collect()
}

/// `--compare DIR`: what another data folder adds, changes and removes, as JSON on stdout;
/// a summary and the folder's problems on stderr. Exit 2 when DIR is not a folder.
pub fn compare(assets: &io::DataSource, dir: &Path) -> ExitCode {
    if !dir.is_dir() {
        eprintln!("error: --compare {}: not a folder", dir.display());
        return ExitCode::from(2);
    }
    let ours = io::load(assets);
    let c = io::compare::compare_dir(&ours.atlas, dir);
    for e in &c.errors {
        eprintln!("warning: {e}");
    }
    for line in c.summary_lines() {
        eprintln!("{line}");
    }
    match serde_json::to_string_pretty(&c.to_json()) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
