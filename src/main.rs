//! Parses the command line and starts the window; everything else lives in the library.

use clap::Parser;
use contested_waters::{app, cli::Cli, io};
use std::process::ExitCode;

mod zones_cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(path) = &cli.check {
        return check_file(path);
    }
    let src = cli
        .assets
        .clone()
        .map_or(io::DataSource::Embedded, io::DataSource::Dir);
    if let Some(path) = &cli.export {
        return contested_waters::workbench_cli::export(&cli, &src, path);
    }
    if let Some(dir) = &cli.compare {
        return contested_waters::workbench_cli::compare(&src, dir);
    }
    if let Some(file) = &cli.import {
        return contested_waters::workbench_cli::import(&cli, &src, file);
    }
    if let Some(file) = &cli.import_as_layer {
        return contested_waters::workbench_cli::import_as_layer(&cli, &src, file);
    }
    if let Some(at) = cli.where_ {
        return zones_cli::where_is(&src, cli.lens, at);
    }
    if let Some(path) = &cli.export_zones {
        return zones_cli::export_zones(&src, cli.lens, path);
    }
    // The data loads and its scene is built while the window opens.
    let loading = std::thread::spawn(move || {
        let report = io::load(&src);
        let scene = contested_waters::map::Scene::build(&report.atlas);
        (report, scene)
    });
    let join = move || {
        loading.join().unwrap_or_else(|_| {
            eprintln!("error: loading the data failed unexpectedly; starting without it");
            let report = io::LoadReport::default();
            let scene = contested_waters::map::Scene::build(&report.atlas);
            (report, scene)
        })
    };
    // Ids given on the command line are checked against the data before any window opens.
    if cli.select.is_none() && cli.agreements.is_none() {
        return run(&cli, join);
    }
    let (report, scene) = join();
    if let Some(id) = &cli.select
        && report.atlas.selectable_by_id(id).is_none()
        && !contested_waters::workbench_cli::user_has_incident(
            contested_waters::workbench_cli::data_dir(&cli).as_deref(),
            &report.atlas,
            id,
        )
    {
        eprintln!(
            "error: --select {id}: no feature, incident, site, claim or agreement has this id, and it is no country code"
        );
        return ExitCode::FAILURE;
    }
    if let Some(ids) = &cli.agreements
        && let Some(bad) = ids
            .iter()
            .find(|id| !report.atlas.agreements.iter().any(|a| &a.id == *id))
    {
        let accepted: Vec<&str> = report
            .atlas
            .agreements
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        eprintln!(
            "error: --agreements: unknown id \"{bad}\"; accepted: {}",
            accepted.join(", ")
        );
        return ExitCode::from(2);
    }
    run(&cli, move || (report, scene))
}

/// Opens the window; `data` gives the loaded data and scene when the app is created.
/// What the window starts with, from the command line.
fn start_options(
    cli: &Cli,
    filter: Option<contested_waters::model::IncidentFilter>,
    screenshot_result: app::ScreenshotResult,
) -> app::StartOptions {
    app::StartOptions {
        camera: cli.view,
        screenshot: cli.screenshot.clone(),
        select: cli.select.clone(),
        side_tab: cli.panel,
        open: cli.open_paths(),
        stress: cli.stress.map(|n| n as usize),
        filter,
        as_of: cli.as_of,
        compare_date: cli.compare_date,
        lens: cli.lens.map(|l| l.id().to_owned()),
        agreements: cli
            .agreements
            .as_ref()
            .map(|ids| ids.iter().cloned().collect()),
        screenshot_result,
        exit_after_screenshot: true,
        data_source: cli
            .assets
            .clone()
            .map_or(io::DataSource::Embedded, io::DataSource::Dir),
        screenshot_saved_state: cli.screenshot_saved_state,
        data_dir: cli
            .data_dir
            .clone()
            .or_else(io::incident_log::default_data_dir),
        add_incident_at: cli.add_incident_at.map(|(x, y)| geo::Coord { x, y }),
        start_notes: Vec::new(),
    }
}

fn run(
    cli: &Cli,
    data: impl FnOnce() -> (io::LoadReport, contested_waters::map::Scene) + 'static,
) -> ExitCode {
    let filter = match cli.incident_filter() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let result_slot = app::ScreenshotResult::default();
    let mut options = start_options(cli, filter, result_slot.clone());
    // eframe reads its saved state before the app exists: a hostile one is cleaned first, and
    // what was changed is said on stderr and in the app's banner.
    if let Some(path) = app::saved_file::path() {
        for note in app::saved_file::clean(&path) {
            eprintln!("warning: {note}");
            options.start_notes.push(note);
        }
    }
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Contested Waters")
            .with_app_id(app::saved_file::APP_ID)
            .with_inner_size([cli.size.0, cli.size.1]),
        persist_window: cli.screenshot.is_none(),
        ..Default::default()
    };
    let run = eframe::run_native(
        "Contested Waters",
        native,
        Box::new(move |cc| {
            let (report, scene) = data();
            for e in &report.errors {
                eprintln!("warning: {e}");
            }
            Ok(Box::new(app::App::new(cc, report, scene, options)))
        }),
    );
    if let Err(e) = run {
        eprintln!("error: cannot open the window: {e}");
        return ExitCode::FAILURE;
    }
    if cli.screenshot.is_some() {
        let outcome = result_slot.lock().ok().and_then(|r| r.clone());
        return match outcome {
            Some(Ok(())) => ExitCode::SUCCESS,
            Some(Err(e)) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
            None => {
                eprintln!("error: the window closed before a screenshot was taken");
                ExitCode::FAILURE
            }
        };
    }
    ExitCode::SUCCESS
}

/// `--check PATH`: the whole user-file path without a window (also what perf-report times).
fn check_file(path: &std::path::Path) -> ExitCode {
    use contested_waters::io::user_file::{NoControl, load_user_file};
    if path.is_dir() {
        return check_assets_dir(path);
    }
    let start = std::time::Instant::now();
    match load_user_file(path, &NoControl) {
        Ok(load) => {
            let parsed = start.elapsed();
            let scene = contested_waters::map::user::UserScene::build(&load.layer);
            println!(
                "{}: {} points, {} lines or rings, {} features skipped (read and parse {:.0} ms, project and index {:.0} ms)",
                path.display(),
                scene.point_count(),
                scene.paths.len(),
                load.skipped_total,
                parsed.as_secs_f64() * 1e3,
                (start.elapsed() - parsed).as_secs_f64() * 1e3,
            );
            for e in &load.skipped {
                eprintln!("skipped: {e}");
            }
            if load.skipped_total > load.skipped.len() {
                eprintln!(
                    "… and {} more features skipped",
                    load.skipped_total - load.skipped.len()
                );
            }
            // The process ends here: freeing a large layer piece by piece (~0.1 s for 100 MB)
            // would only delay the exit, so the memory goes back to the system with it.
            std::mem::forget((load, scene));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--check DIR`: loads a data folder as the app would and lists every error and warning
/// (bad records, duplicate ids, references to nothing); fails when there is any.
fn check_assets_dir(dir: &std::path::Path) -> ExitCode {
    let mut report = io::load_dir(dir);
    // The shoreline is read apart from the rest (start-up does not need it); check it too.
    if let Err(e) = io::load_shoreline(&io::DataSource::Dir(dir.to_path_buf())) {
        report.errors.push(e);
    }
    let a = &report.atlas;
    println!(
        "{}: {} features, {} claims, {} incidents, {} agreements, {} sites, {} statements; {} errors, {} warnings",
        dir.display(),
        a.features.len(),
        a.claims.len(),
        a.incidents.len(),
        a.agreements.len(),
        a.sites.len(),
        a.statements.len(),
        report.errors.iter().filter(|e| !e.is_warning()).count(),
        report.errors.iter().filter(|e| e.is_warning()).count(),
    );
    for e in &report.errors {
        let kind = if e.is_warning() { "warning" } else { "error" };
        eprintln!("{kind}: {e}");
    }
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
