//! "Compare with…" and `--compare DIR`: a copy of the bundled data with one incident added,
//! one changed and one removed is reported as exactly that, per collection, with ids, names
//! and the changed fields; a broken file in the other folder is named and not compared.
//!
//! The "newer release" is written at test time from assets/ (a committed copy would go stale
//! at every data update); the added incident is a copy of a bundled one under a test id.

// Helpers panic on a broken expectation by design.
#![allow(clippy::expect_used)]

mod common;

use contested_waters::app::{App, StartOptions};
use contested_waters::io;
use contested_waters::model::{Item, RecordRef};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the update changed.
struct Update {
    dir: PathBuf,
    added: String,
    changed: String,
    removed: String,
}

/// Copies the data files to `parent/update` and edits its incidents.
fn write_update(parent: &Path) -> Update {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let dir = parent.join("update");
    std::fs::create_dir_all(dir.join("basemap")).expect("mkdir");
    for f in [
        io::META_FILE,
        io::BASEMAP_FILE,
        io::FEATURES_FILE,
        io::CLAIMS_FILE,
        io::AGREEMENTS_FILE,
        io::SERIES_FILE,
        io::LENSES_FILE,
    ] {
        std::fs::copy(assets.join(f), dir.join(f)).expect("copy");
    }
    let text = std::fs::read_to_string(assets.join(io::INCIDENTS_FILE)).expect("read");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let features = v["features"].as_array_mut().expect("features");
    let id = |x: &serde_json::Value| x["properties"]["id"].as_str().expect("id").to_owned();
    let removed = id(&features.remove(0));
    features[0]["properties"]["summary"] = "A corrected summary.".into();
    let changed = id(&features[0]);
    let mut extra = features[1].clone();
    extra["properties"]["id"] = "inc-test-added".into();
    features.push(extra);
    let out = serde_json::to_string(&v).expect("json");
    std::fs::write(dir.join(io::INCIDENTS_FILE), out).expect("write");
    Update {
        dir,
        added: "inc-test-added".into(),
        changed,
        removed,
    }
}

fn compare_cli(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_contested-waters"))
        .arg("--compare")
        .arg(dir)
        .output()
        .expect("binary runs")
}

fn ids(v: &serde_json::Value) -> Vec<&str> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|x| x["id"].as_str().expect("id"))
        .collect()
}

#[test]
fn compare_on_the_command_line_lists_the_added_changed_and_removed_incident() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let u = write_update(tmp.path());
    let out = compare_cli(&u.dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let inc = &v["collections"]["incidents"];
    assert_eq!(ids(&inc["added"]), [u.added.as_str()]);
    assert_eq!(ids(&inc["changed"]), [u.changed.as_str()]);
    assert_eq!(ids(&inc["removed"]), [u.removed.as_str()]);
    assert_eq!(inc["changed"][0]["fields"], serde_json::json!(["summary"]));
    assert!(
        inc["added"][0]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
    for c in ["features", "claims", "agreements", "sites", "statements"] {
        let d = &v["collections"][c];
        assert!(
            ["added", "changed", "removed"]
                .iter()
                .all(|k| ids(&d[k]).is_empty()),
            "{c}: {d}"
        );
    }
    assert_eq!(v["errors"], serde_json::json!([]));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("incidents: 1 added, 1 changed, 1 removed"),
        "{said}"
    );
}

#[test]
fn a_broken_file_in_the_other_folder_is_named_and_not_compared() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let u = write_update(tmp.path());
    std::fs::write(
        u.dir.join(io::CLAIMS_FILE),
        "{\"type\": \"FeatureCollection\", \"feat",
    )
    .expect("write");
    let out = compare_cli(&u.dir);
    assert!(
        out.status.success(),
        "never fatal: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["not_compared"], serde_json::json!(["claims"]));
    assert!(
        ids(&v["collections"]["claims"]["removed"]).is_empty(),
        "unknown, not removed"
    );
    let errors = v["errors"].to_string();
    assert!(errors.contains("claims.geojson"), "{errors}");
    assert_eq!(
        ids(&v["collections"]["incidents"]["added"]),
        [u.added.as_str()]
    );
    let out = compare_cli(&tmp.path().join("no-such-folder"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder"));
}

#[test]
fn compare_with_lists_the_three_incidents_and_links_to_ours() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let u = write_update(tmp.path());
    let mut h = common::harness_in(tmp.path());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Compare with…").click();
    h.run();
    h.get_by_label("🗀 update").click();
    h.run();
    // The dialog's Open (the Layers tab has one too; the dialog is drawn last).
    h.get_all_by_label("Open").last().expect("Open").click();
    // A spinner turns while the folder loads: step, not run.
    h.step();
    for _ in 0..4000 {
        if h.state().comparison().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run();
    let c = h.state().comparison().expect("the comparison finished");
    assert_eq!(c.dir, u.dir);
    h.get_by_label_contains("incidents: 1 added, 1 changed, 1 removed");
    for id in [&u.added, &u.changed, &u.removed] {
        assert!(h.query_by_label_contains(id).is_some(), "{id} listed");
    }
    assert!(
        h.query_by_label_contains("features:").is_none(),
        "only what differs is listed"
    );
    // A changed record of ours is a link to it.
    h.get_by_label_contains(&format!("~ {} ", u.changed))
        .click();
    h.run();
    let want = h.state().atlas().item_by_id(&u.changed).expect("ours");
    assert_eq!(h.state().selected(), Some(Item::Record(want)));
    assert!(matches!(want, RecordRef::Incident(_)));
}

/// A comparison whose incidents file is held back at a gate: the status bar shows how much
/// of the folder was read and a Cancel button; once cancelled, the app stops waiting at once,
/// no file is read after the gate opens, and no comparison is shown.
#[test]
fn a_comparison_cancelled_while_reading_reads_no_more_and_shows_nothing() {
    use std::sync::mpsc::{RecvTimeoutError, channel};
    use std::time::Duration;
    let tmp = tempfile::tempdir().expect("temp dir");
    let u = write_update(tmp.path());
    let (gate_tx, gate) = channel::<()>();
    let (seen_tx, seen) = channel::<String>();
    let reader = Box::new(move |src: &io::DataSource, name: &str| {
        seen_tx.send(name.to_owned()).ok();
        if name == io::INCIDENTS_FILE {
            // An error means the test dropped the gate, which opens it too.
            gate.recv().ok();
        }
        src.read(name)
    });
    let report = io::load(&io::DataSource::Embedded);
    let app = App::from_report(report, StartOptions::default(), None);
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .with_context_setup(contested_waters::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.state_mut().compare_through(u.dir.clone(), reader);
    // Every file before the incidents is read, then the thread waits at the gate.
    let wait = Duration::from_secs(60);
    loop {
        let name = seen
            .recv_timeout(wait)
            .expect("the comparison reads its files");
        if name == io::INCIDENTS_FILE {
            break;
        }
    }
    h.step();
    let p = h.state().compare_progress().expect("comparing");
    assert!(p > 0.0 && p < 1.0, "progress {p}");
    h.get_by_label("Cancel").click();
    h.step();
    h.step();
    assert!(!h.state().comparing(), "the app stopped waiting");
    assert!(h.query_by_label("Cancel").is_none(), "the bar is gone");
    // Opened after the cancel: the thread ends without reading another file.
    gate_tx.send(()).expect("the thread waits at the gate");
    assert_eq!(
        seen.recv_timeout(wait),
        Err(RecvTimeoutError::Disconnected),
        "no file read after the cancel"
    );
    for _ in 0..3 {
        h.step();
    }
    assert!(h.state().comparison().is_none());
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
}
