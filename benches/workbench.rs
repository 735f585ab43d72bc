//! What saving the user's incident log costs with 10,000 incidents: serializing it, the whole
//! crash-safe save (write, fsync, backup link, rename, folder sync), and what the UI thread
//! pays to hand a snapshot to the save worker (the number that must fit in a frame). Also the
//! one copy an edit makes when a save still holds the previous snapshot, and a 10,000-row import.

use contested_waters::io;
use contested_waters::io::incident_log::{LogStore, log_bytes};
use contested_waters::io::save_worker::SaveWorker;
use contested_waters::model::workbench::{IncidentLog, MergeOptions, MergePlan};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const N: usize = 10_000;

/// 10,000 incidents: the bundled ones repeated, each added as the user's (fresh ids).
fn big_log() -> IncidentLog {
    let atlas = io::load(&io::DataSource::Embedded).atlas;
    let mut log = IncidentLog::default();
    log.reserve_ids(atlas.incidents.iter().map(|x| x.id.as_str()));
    for x in atlas.incidents.iter().cycle().take(N) {
        log.add(x.clone());
    }
    log
}

fn workbench(c: &mut Criterion) {
    let mut log = big_log();
    let dir = std::env::temp_dir().join(format!("cw-bench-workbench-{}", std::process::id()));
    let mut g = c.benchmark_group("workbench_10k");
    g.sample_size(20);
    g.bench_function("serialize", |b| {
        b.iter(|| black_box(log_bytes(log.records()).map(|v| v.len())))
    });
    let mut store = LogStore::new(&dir);
    g.bench_function("save_crash_safe", |b| {
        b.iter(|| black_box(store.save(log.records()).map(|s| s.bytes)))
    });
    match SaveWorker::spawn(LogStore::new(&dir)) {
        Ok(worker) => {
            g.bench_function("request_save_ui_thread", |b| {
                b.iter(|| worker.request(log.revision(), black_box(log.snapshot())))
            });
            let _ = worker.finish();
        }
        Err(e) => eprintln!("no save worker: {e}"),
    }
    let id = log.incidents()[0].id.clone();
    let mut k = 0u64;
    g.bench_function("edit_no_snapshot_held", |b| {
        b.iter(|| {
            k += 1;
            let mut x = contested_waters::model::Incident::clone(&log.incidents()[0]);
            x.summary = format!("edit {k}");
            black_box(log.edit(&id, x))
        })
    });
    g.bench_function("edit_while_a_save_holds_the_snapshot", |b| {
        b.iter(|| {
            k += 1;
            let held = log.snapshot();
            let mut x = contested_waters::model::Incident::clone(&log.incidents()[0]);
            x.summary = format!("edit {k}");
            let r = log.edit(&id, x);
            drop(held);
            black_box(r)
        })
    });
    // An import of 10,000 rows without ids (a spreadsheet) into the 10,000-incident log: every
    // row is new and lies on an incident of the same day and kind (the worst case for the
    // likely-duplicate search).
    let incoming: Vec<_> = log
        .incidents()
        .iter()
        .map(|x| {
            let mut y = contested_waters::model::Incident::clone(x);
            y.id.clear();
            y
        })
        .collect();
    g.sample_size(10);
    g.bench_function("merge_plan_and_apply_10k_rows", |b| {
        b.iter_batched(
            || (log.clone(), incoming.clone()),
            |(mut l, rows)| {
                let plan = MergePlan::new(&l, &[], rows);
                black_box(plan.apply(&mut l, &MergeOptions::default()))
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, workbench);
criterion_main!(benches);
