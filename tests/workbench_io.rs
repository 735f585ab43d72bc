//! The user's incident log on disk: it round-trips, a failed save at any step leaves the
//! previous log intact, a corrupt log is reported and never overwritten, saves run off the
//! calling thread and coalesce; CSV imports round-trip and report bad rows by row and column;
//! a modified data folder is compared record by record.

// A failed expectation in a test should panic with its message.
#![allow(clippy::expect_used)]

use contested_waters::io::incident_log::{
    BACKUP_FILE, LOG_FILE, LogError, LogFs, LogState, LogStore, RealFs,
};
use contested_waters::io::save_worker::SaveWorker;
use contested_waters::io::{self, export, incident_csv};
use contested_waters::model::workbench::{IncidentLog, LogEntry, LogRecords, REGION};
use contested_waters::model::{Atlas, Date, Incident};
use std::path::Path;
use std::sync::Arc;

fn bundled() -> Atlas {
    let report = io::load(&io::DataSource::Embedded);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report.atlas
}

fn today() -> Date {
    "2026-12-01".parse().expect("date")
}

/// A log of the first `n` bundled incidents, added as mine (fresh ids) plus one duplicate.
fn sample_log(atlas: &Atlas, n: usize) -> IncidentLog {
    let mut log = IncidentLog::default();
    log.reserve_ids(atlas.incidents.iter().map(|x| x.id.as_str()));
    for x in atlas.incidents.iter().take(n) {
        log.add(x.clone());
    }
    log.duplicate_as_mine(&atlas.incidents[n]);
    log
}

fn entries(r: &LogRecords) -> Vec<LogEntry> {
    r.entries().collect()
}

#[test]
fn add_save_load_gives_the_same_incidents() {
    let atlas = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let log = sample_log(&atlas, 30);
    let mut store = LogStore::new(dir.path());
    assert!(store.load().expect("no log yet").is_empty());
    assert!(matches!(store.state(), LogState::New));
    let stats = store.save(log.records()).expect("saved");
    assert_eq!(stats.incidents, 31);
    // A restart: a new store over the same folder.
    let mut again = LogStore::new(dir.path());
    let back = again.load().expect("loads");
    assert_eq!(back, entries(log.records()));
    assert!(
        back[30].derived_from.is_some(),
        "duplicate keeps its origin"
    );
    assert!(matches!(again.state(), LogState::Loaded));
    // The file is in the bundled schema: the bundled loader reads it too.
    let (plain, errors) = io::incidents::load(&dir.path().join(LOG_FILE)).expect("parses");
    assert!(errors.is_empty(), "{errors:?}");
    let mine: Vec<&Incident> = log.incidents().iter().map(|x| &**x).collect();
    assert_eq!(plain.iter().collect::<Vec<_>>(), mine);
    // A second save keeps the first as the backup.
    let mut edited = log.clone();
    let id = edited.incidents()[0].id.clone();
    edited.delete(&id).expect("delete");
    again.save(edited.records()).expect("saved");
    let backup = contested_waters::io::incident_log::read_log_file(&dir.path().join(BACKUP_FILE))
        .expect("backup loads");
    assert_eq!(backup, entries(log.records()));
}

/// Real file operations, with one step failing.
struct FailAt(&'static str);

impl LogFs for FailAt {
    fn write_synced(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if self.0 == "write" {
            // Half a file, then the disk is full.
            std::fs::write(path, &bytes[..bytes.len() / 2])?;
            return Err(std::io::Error::other("no space left on device (simulated)"));
        }
        RealFs.write_synced(path, bytes)
    }
    fn hard_link(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        if self.0 == "backup" {
            return Err(std::io::Error::other("simulated link failure"));
        }
        RealFs.hard_link(from, to)
    }
    fn copy_synced(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        if self.0 == "backup" {
            return Err(std::io::Error::other("simulated copy failure"));
        }
        RealFs.copy_synced(from, to)
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        if self.0 == "rename" && to.file_name().is_some_and(|n| n == LOG_FILE) {
            return Err(std::io::Error::other("simulated crash before the rename"));
        }
        RealFs.rename(from, to)
    }
    fn remove(&self, path: &Path) -> std::io::Result<()> {
        RealFs.remove(path)
    }
    fn sync_dir(&self, dir: &Path) -> std::io::Result<()> {
        RealFs.sync_dir(dir)
    }
    fn create_dir_all(&self, dir: &Path) -> std::io::Result<()> {
        RealFs.create_dir_all(dir)
    }
}

#[test]
fn a_save_failing_at_any_step_leaves_the_previous_log_intact() {
    let atlas = bundled();
    let first = sample_log(&atlas, 10);
    let second = sample_log(&atlas, 20);
    for step in ["write", "backup", "rename"] {
        let dir = tempfile::tempdir().expect("temp dir");
        LogStore::new(dir.path())
            .save(first.records())
            .expect("first save");
        let before = std::fs::read(dir.path().join(LOG_FILE)).expect("log");
        let mut store = LogStore::with_fs(dir.path(), Arc::new(FailAt(step)));
        let err = store.save(second.records()).expect_err("must fail");
        assert!(matches!(err, LogError::Io { .. }), "{step}: {err}");
        assert!(err.to_string().contains("simulated"), "{step}: {err}");
        assert_eq!(
            std::fs::read(dir.path().join(LOG_FILE)).expect("log"),
            before,
            "{step}: the log changed"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(names.is_empty(), "{step}: left {names:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device_fails_the_save_and_keeps_the_log() {
    // /dev/full accepts opening and fails every write with ENOSPC.
    struct Full;
    impl LogFs for Full {
        fn write_synced(&self, _: &Path, bytes: &[u8]) -> std::io::Result<()> {
            RealFs.write_synced(Path::new("/dev/full"), bytes)
        }
        fn hard_link(&self, a: &Path, b: &Path) -> std::io::Result<()> {
            RealFs.hard_link(a, b)
        }
        fn copy_synced(&self, a: &Path, b: &Path) -> std::io::Result<()> {
            RealFs.copy_synced(a, b)
        }
        fn rename(&self, a: &Path, b: &Path) -> std::io::Result<()> {
            RealFs.rename(a, b)
        }
        fn remove(&self, p: &Path) -> std::io::Result<()> {
            RealFs.remove(p)
        }
        fn sync_dir(&self, d: &Path) -> std::io::Result<()> {
            RealFs.sync_dir(d)
        }
        fn create_dir_all(&self, d: &Path) -> std::io::Result<()> {
            RealFs.create_dir_all(d)
        }
    }
    if !Path::new("/dev/full").exists() {
        return;
    }
    let atlas = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let first = sample_log(&atlas, 5);
    LogStore::new(dir.path())
        .save(first.records())
        .expect("save");
    let mut store = LogStore::with_fs(dir.path(), Arc::new(Full));
    let err = store
        .save(sample_log(&atlas, 8).records())
        .expect_err("full device");
    assert!(err.to_string().contains("write the new log"), "{err}");
    let back = LogStore::new(dir.path()).load().expect("loads").len();
    assert_eq!(back, 6);
}

#[test]
fn a_corrupt_log_is_reported_and_never_overwritten() {
    let atlas = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let good = sample_log(&atlas, 3);
    let mut store = LogStore::new(dir.path());
    store.save(good.records()).expect("save");
    store
        .save(good.records())
        .expect("save again: backup exists");
    let log_path = dir.path().join(LOG_FILE);
    let text = std::fs::read_to_string(&log_path).expect("log");
    // A hand edit breaks one record: an unknown kind in the first feature.
    let broken = text.replacen("\"kind\":\"", "\"kind\":\"x", 1);
    assert_ne!(broken, text);
    std::fs::write(&log_path, &broken).expect("write");
    let mut store = LogStore::new(dir.path());
    let message = store.load().expect_err("corrupt").to_string();
    assert!(
        message.contains(LOG_FILE) && message.contains("feature #"),
        "{message}"
    );
    assert!(message.contains("kind"), "{message}");
    assert!(store.is_corrupt());
    // A later save (e.g. an edit made anyway) is refused; the file is untouched.
    let err = store.save(good.records()).expect_err("refused");
    assert!(matches!(err, LogError::RefusedCorrupt { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&log_path).expect("log"), broken);
    // Opening the backup moves the broken file aside and then saves again.
    let (entries, aside) = store.recover_from_backup().expect("backup");
    assert_eq!(entries.len(), 4);
    assert_eq!(std::fs::read_to_string(&aside).expect("aside"), broken);
    assert!(
        aside
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("incidents.corrupt-"))
    );
    store.save(good.records()).expect("saves after recovery");
    // Invalid JSON: named with line and column; starting a new log keeps the broken file.
    std::fs::write(
        &log_path,
        "{\"type\": \"FeatureCollection\", \"features\": [",
    )
    .expect("w");
    let mut store = LogStore::new(dir.path());
    let message = store.load().expect_err("corrupt").to_string();
    assert!(message.contains("line 1"), "{message}");
    let aside = store.start_new().expect("aside").expect("moved");
    assert!(aside.exists() && !log_path.exists());
    store.save(good.records()).expect("a new log");
}

#[test]
fn a_log_with_a_repeated_id_is_corrupt() {
    let atlas = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let all: Vec<usize> = vec![0, 0];
    export::export_incidents(&dir.path().join(LOG_FILE), &atlas, &all).expect("written");
    let mut store = LogStore::new(dir.path());
    let message = store.load().expect_err("repeated id").to_string();
    assert!(
        message.contains("repeats the id of feature #0"),
        "{message}"
    );
}

#[test]
fn saves_run_on_the_worker_and_coalesce_to_the_newest() {
    let atlas = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let worker = SaveWorker::spawn(LogStore::new(dir.path())).expect("thread");
    let mut log = sample_log(&atlas, 50);
    for k in 0..200u64 {
        let mut x = contested_waters::model::Incident::clone(&log.incidents()[0]);
        x.summary = format!("revision {k}");
        let id = x.id.clone();
        log.edit(&id, x).expect("edit");
        worker.request(log.revision(), log.snapshot());
    }
    let (store, mut results) = worker.finish();
    assert!(store.is_some());
    assert!(
        !results.is_empty() && results.len() <= 200,
        "{}",
        results.len()
    );
    let last = results.pop().expect("a result");
    assert_eq!(last.revision, log.revision());
    assert!(last.outcome.is_ok(), "{:?}", last.outcome);
    let back = LogStore::new(dir.path()).load().expect("loads");
    assert_eq!(back, entries(log.records()));
}

#[test]
fn csv_export_then_import_gives_the_same_incidents() {
    let atlas = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("all.csv");
    let all: Vec<usize> = (0..atlas.incidents.len()).collect();
    export::export_incidents(&path, &atlas, &all).expect("export");
    let import = incident_csv::load(&path, today(), &REGION).expect("reads");
    assert!(
        import.errors.is_empty(),
        "{:?}",
        &import.errors[..3.min(import.errors.len())]
    );
    assert_eq!(import.incidents.len(), atlas.incidents.len());
    for (x, y) in atlas.incidents.iter().zip(&import.incidents) {
        assert!(
            contested_waters::model::workbench::merge::same_content(x, y) && x.id == y.id,
            "{} differs after the round trip:\n{x:?}\n{y:?}",
            x.id
        );
    }
}

#[test]
fn a_bad_csv_row_is_reported_by_row_and_column_and_the_rest_imports() {
    let atlas = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("some.csv");
    export::export_incidents(&path, &atlas, &[0, 1, 2, 3]).expect("export");
    let text = std::fs::read_to_string(&path).expect("csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().expect("header").clone();
    let mut rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let mut bad: Vec<String> = rows[1].iter().map(str::to_owned).collect();
    bad[col("sources")] = "Somebody <ftp://example.org/x>".into();
    rows[1] = csv::StringRecord::from(bad);
    let mut bad: Vec<String> = rows[2].iter().map(str::to_owned).collect();
    bad[col("latitude")] = "45.0".into();
    rows[2] = csv::StringRecord::from(bad);
    let mut w = csv::Writer::from_path(&path).expect("writer");
    w.write_record(&header).expect("header");
    for row in &rows {
        w.write_record(row).expect("row");
    }
    w.flush().expect("flush");
    let import = incident_csv::load(&path, today(), &REGION).expect("reads");
    let ids: Vec<&str> = import.incidents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            atlas.incidents[0].id.as_str(),
            atlas.incidents[3].id.as_str()
        ]
    );
    let messages: Vec<String> = import.errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("some.csv") && messages[0].contains("row 3"),
        "{messages:?}"
    );
    assert!(messages[0].contains("column \"sources\"") && messages[0].contains("http(s)"));
    assert!(messages[1].contains("row 4") && messages[1].contains("column \"latitude\""));
    // A file without a needed column is refused as a whole, naming the column.
    std::fs::write(&path, "id,date\nx,2024-01-01\n").expect("w");
    let err = incident_csv::load(&path, today(), &REGION).expect_err("missing columns");
    assert!(err.to_string().contains("\"kind\""), "{err}");
}

#[test]
fn compare_lists_what_a_modified_data_folder_adds_changes_and_removes() {
    use contested_waters::model::workbench::diff::compare;
    let old = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"),
        dir.path(),
    );
    let inc_path = dir.path().join(io::INCIDENTS_FILE);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&inc_path).expect("read")).expect("json");
    let features = v["features"].as_array_mut().expect("features");
    let removed = features.remove(0)["properties"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    features[0]["properties"]["summary"] = "A corrected summary.".into();
    let changed = features[0]["properties"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let mut extra = features[1].clone();
    extra["properties"]["id"] = "inc-test-added".into();
    features.push(extra);
    std::fs::write(&inc_path, serde_json::to_string(&v).expect("json")).expect("write");
    let feat_path = dir.path().join(io::FEATURES_FILE);
    let mut f: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&feat_path).expect("read")).expect("json");
    f["features"][0]["properties"]["notes"] = "Changed notes.".into();
    let changed_feature = f["features"][0]["properties"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    std::fs::write(&feat_path, serde_json::to_string(&f).expect("json")).expect("write");
    let new = io::load_dir(dir.path());
    assert!(new.errors.is_empty(), "{:?}", new.errors);
    let d = compare(&old, &new.atlas);
    assert_eq!(d.incidents.added, ["inc-test-added"]);
    assert_eq!(d.incidents.changed, [changed]);
    assert_eq!(d.incidents.removed, [removed]);
    assert_eq!(d.features.changed, [changed_feature]);
    assert!(d.features.added.is_empty() && d.features.removed.is_empty());
    assert!(d.claims.is_empty() && d.agreements.is_empty() && d.sites.is_empty());
    assert_eq!(d.summary_lines().len(), 2, "{:?}", d.summary_lines());
    assert!(compare(&old, &old).is_empty());
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).expect("dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

#[test]
fn an_incident_log_is_in_the_bundled_schema_and_keeps_copies_origin() {
    let atlas = bundled();
    let log = sample_log(&atlas, 2);
    let text = String::from_utf8(
        contested_waters::io::incident_log::log_bytes(log.records()).expect("bytes"),
    )
    .expect("utf-8");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let props = &v["features"][2]["properties"];
    assert_eq!(props["derived_from"], atlas.incidents[2].id.as_str());
    let ids: Vec<&Incident> = log.incidents().iter().map(|x| &**x).collect();
    assert!(ids.iter().all(|x| x.id.starts_with("my-")));
}
