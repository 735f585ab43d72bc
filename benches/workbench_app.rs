//! What one edit of My incidents costs the UI thread inside the app: the log edit, the save
//! request, and bringing every incident view in line (the incidents re-listed, re-projected
//! and re-indexed for picking and find, the filter flags recomputed). Measured with 10,000
//! incidents in the log against the same edit with a log of one, and against the same edit
//! followed by a rebuild of every incident view from scratch (what each edit cost before
//! edits were spliced in: the baseline, in the same run).

use contested_waters::app::{App, Command, StartOptions};
use contested_waters::io;
use contested_waters::io::incident_log::LogStore;
use contested_waters::model::Incident;
use contested_waters::model::workbench::IncidentLog;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

/// An app whose log (in `dir`) holds `n` incidents: the bundled ones repeated.
fn app_with_log(dir: &Path, n: usize) -> Option<App> {
    let report = io::load(&io::DataSource::Embedded);
    let mut log = IncidentLog::default();
    log.reserve_ids(report.atlas.incidents.iter().map(|x| x.id.as_str()));
    for x in report.atlas.incidents.iter().cycle().take(n) {
        log.add(x.clone());
    }
    std::fs::create_dir_all(dir).ok()?;
    LogStore::new(dir).save(log.records()).ok()?;
    let options = StartOptions {
        data_dir: Some(dir.to_path_buf()),
        ..StartOptions::default()
    };
    Some(App::from_report(report, options, None))
}

/// Edits the first of the log's incidents, a new summary each time; `full` also rebuilds
/// every incident view from scratch afterwards, as each edit did before they were spliced in.
fn edit_first(app: &mut App, first: &Incident, k: &mut u64, full: bool) {
    *k += 1;
    let mut x = first.clone();
    x.summary = format!("edit {k}");
    let id = x.id.clone();
    app.apply(black_box(Command::EditIncident {
        id,
        incident: Box::new(x),
    }));
    if full {
        app.rebuild_incident_views();
    }
}

fn edit_in_app(c: &mut Criterion) {
    let mut g = c.benchmark_group("app_edit");
    g.sample_size(20);
    for (n, full) in [(1, false), (10_000, false), (10_000, true)] {
        let dir = std::env::temp_dir().join(format!("cw-bench-app-{}-{n}", std::process::id()));
        let Some(mut app) = app_with_log(&dir, n) else {
            eprintln!("cannot set up a log of {n}");
            continue;
        };
        let Some(first) = app.my_log().incidents().first().map(|x| (**x).clone()) else {
            continue;
        };
        let mut k = 0u64;
        let name = if full {
            format!("log_of_{n}_full_rebuild")
        } else {
            format!("log_of_{n}")
        };
        g.bench_function(name, |b| {
            b.iter(|| edit_first(&mut app, &first, &mut k, full))
        });
        drop(app);
        let _ = std::fs::remove_dir_all(&dir);
    }
    g.finish();
}

/// Deleting the log's first incident and undoing it: every later incident moves twice.
fn delete_and_undo_in_app(c: &mut Criterion) {
    let mut g = c.benchmark_group("app_delete_undo");
    g.sample_size(20);
    let n = 10_000;
    for full in [false, true] {
        let dir = std::env::temp_dir().join(format!("cw-bench-del-{}-{full}", std::process::id()));
        let Some(mut app) = app_with_log(&dir, n) else {
            eprintln!("cannot set up a log of {n}");
            continue;
        };
        let Some(id) = app.my_log().incidents().first().map(|x| x.id.clone()) else {
            continue;
        };
        let name = if full {
            format!("log_of_{n}_full_rebuild")
        } else {
            format!("log_of_{n}")
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                app.apply(black_box(Command::DeleteIncident(id.clone())));
                app.apply(Command::Undo);
                if full {
                    // Once per step, as before.
                    app.rebuild_incident_views();
                    app.rebuild_incident_views();
                }
            })
        });
        drop(app);
        let _ = std::fs::remove_dir_all(&dir);
    }
    g.finish();
}

criterion_group!(benches, edit_in_app, delete_and_undo_in_app);
criterion_main!(benches);
