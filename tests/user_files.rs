//! Opening the user's own GeoJSON files: loaded off the UI thread into a layer of their own;
//! a bad feature is reported and skipped; a cancelled load leaves the app as it was (the
//! cancel tests hold the file's bytes back until they have cancelled, so no machine is too fast).

// Helpers panic on a broken expectation by design.
#![allow(clippy::expect_used)]

mod common;

use common::harness_with;
use contested_waters::app::{App, StartOptions};
use contested_waters::io;
use contested_waters::loader::{JobOutcome, LoadJob};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fmt::Write as _;
use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// A FeatureCollection of `n` points (feature `bad`, if any, with an impossible longitude).
fn points_geojson(n: usize, bad: Option<usize>) -> String {
    let mut s = String::with_capacity(n * 90);
    s.push_str("{\"type\":\"FeatureCollection\",\"features\":[");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        let lon = if Some(i) == bad {
            999.0
        } else {
            105.0 + (i % 2500) as f64 * 0.01
        };
        let lat = 3.0 + (i / 2500 % 3000) as f64 * 0.01;
        write!(s, "{{\"type\":\"Feature\",\"id\":{i},\"properties\":{{\"name\":\"p{i}\"}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{lon},{lat}]}}}}").expect("write");
    }
    s.push_str("]}");
    s
}

/// Writes [`points_geojson`] to a temporary file.
fn write_points(name: &str, n: usize, bad: Option<usize>) -> PathBuf {
    let path = std::env::temp_dir().join(format!("cw-{}-{name}", std::process::id()));
    std::fs::write(&path, points_geojson(n, bad)).expect("temp file");
    path
}

/// A reader that gives nothing until its gate opens (a message, or the sender dropped): a
/// load reading it cannot end before the test has done what it must first.
struct Gated {
    gate: Receiver<()>,
    open: bool,
    bytes: std::io::Cursor<Vec<u8>>,
}

impl Read for Gated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.open {
            // An error means the sender is gone, which opens the gate too.
            self.gate.recv().ok();
            self.open = true;
        }
        self.bytes.read(buf)
    }
}

fn gated(text: String) -> (Gated, Sender<()>) {
    let (tx, rx) = channel();
    let reader = Gated {
        gate: rx,
        open: false,
        bytes: std::io::Cursor::new(text.into_bytes()),
    };
    (reader, tx)
}

/// Waits (boundedly) for a job to end.
fn outcome_of(job: &LoadJob) -> JobOutcome {
    for _ in 0..4000 {
        if let Some(outcome) = job.poll() {
            return outcome;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the load did not end");
}

fn outcome_name(outcome: &JobOutcome) -> &'static str {
    match outcome {
        JobOutcome::Loaded(_) => "Loaded",
        JobOutcome::Synthetic(_) => "Synthetic",
        JobOutcome::Failed(_) => "Failed",
        JobOutcome::Cancelled => "Cancelled",
    }
}

fn wait_for_loads(h: &mut Harness<'static, App>) {
    for _ in 0..2000 {
        if h.state().loading() == 0 {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    panic!("the load did not finish");
}

#[test]
fn open_loads_the_good_features_and_reports_the_bad_one() {
    let path = write_points("one-bad.geojson", 3000, Some(1234));
    let report = io::load(&io::DataSource::Embedded);
    let features = report.atlas.features.len();
    let mut h = harness_with(
        report,
        StartOptions {
            open: vec![path.clone()],
            ..Default::default()
        },
    );
    wait_for_loads(&mut h);
    let app = h.state();
    assert_eq!(app.user_layers().len(), 1);
    assert_eq!(app.user_layers()[0].layer.points.len(), 2999);
    assert_eq!(
        app.atlas().features.len(),
        features,
        "nothing already loaded is lost"
    );
    let errors = app.errors().join("\n");
    assert!(
        errors.contains("feature #1234") && errors.contains("999"),
        "{errors}"
    );
    h.get_by_label_contains("problem(s) while loading");
    std::fs::remove_file(path).ok();
}

/// The gated load, left alone, loads every feature: the gate itself cancels nothing.
#[test]
fn a_gated_load_loads_once_its_gate_opens() {
    let (reader, gate) = gated(points_geojson(3000, None));
    let job = LoadJob::from_reader(PathBuf::from("gated.geojson"), reader, None);
    gate.send(()).expect("the load waits on its gate");
    match outcome_of(&job) {
        JobOutcome::Loaded(l) => {
            assert_eq!(l.layer.name, "gated.geojson");
            assert_eq!(l.layer.points.len(), 3000);
        }
        other => panic!("{} instead of Loaded", outcome_name(&other)),
    }
}

/// Cancelled while its reader still holds the bytes back, so always before the first feature
/// is parsed: the job ends `Cancelled`, on any machine.
#[test]
fn a_load_cancelled_before_its_first_feature_ends_cancelled() {
    let (reader, gate) = gated(points_geojson(3000, None));
    let job = LoadJob::from_reader(PathBuf::from("gated.geojson"), reader, None);
    job.cancel();
    gate.send(()).expect("the load waits on its gate");
    let outcome = outcome_of(&job);
    assert!(
        matches!(outcome, JobOutcome::Cancelled),
        "{} instead of Cancelled",
        outcome_name(&outcome)
    );
}

#[test]
fn a_cancelled_load_leaves_the_app_as_it_was() {
    let kept = write_points("kept.geojson", 500, None);
    let mut h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            open: vec![kept.clone()],
            ..Default::default()
        },
    );
    wait_for_loads(&mut h);
    assert_eq!(h.state().user_layers().len(), 1);
    let view = h.state().saved().clone();
    let features = h.state().atlas().features.len();
    // A second file whose bytes are held back until the Cancel button has been pressed.
    let (reader, gate) = gated(points_geojson(3000, None));
    h.state_mut()
        .open_reader(PathBuf::from("held.geojson"), reader);
    h.run();
    assert_eq!(h.state().loading(), 1);
    h.get_by_label("Cancel").click_accesskit();
    h.run();
    gate.send(()).expect("the load waits on its gate");
    wait_for_loads(&mut h);
    let app = h.state();
    let layers: Vec<(&str, usize)> = app
        .user_layers()
        .iter()
        .map(|l| (l.layer.name.as_str(), l.layer.points.len()))
        .collect();
    let kept_name = kept.file_name().map(|n| n.to_string_lossy().into_owned());
    assert_eq!(
        layers,
        vec![(kept_name.as_deref().unwrap_or(""), 500)],
        "the cancelled file adds no layer; the one loaded before is intact"
    );
    assert!(
        app.errors().is_empty(),
        "cancelling is not an error: {:?}",
        app.errors()
    );
    assert_eq!(
        *app.saved(),
        view,
        "view, layers and filters are as they were"
    );
    assert_eq!(app.atlas().features.len(), features);
    std::fs::remove_file(kept).ok();
}

#[test]
fn a_missing_file_is_reported_by_name() {
    let path = PathBuf::from("/nonexistent/nowhere.geojson");
    let mut h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            open: vec![path],
            ..Default::default()
        },
    );
    wait_for_loads(&mut h);
    assert!(h.state().user_layers().is_empty());
    assert!(
        h.state()
            .errors()
            .iter()
            .any(|e| e.contains("nowhere.geojson")),
        "{:?}",
        h.state().errors()
    );
}

#[test]
fn hovering_a_point_of_an_opened_file_names_it() {
    let path = write_points("hover.geojson", 3000, None);
    // Point 2500 sits at 105.00 E, 3.01 N (see `write_points`); open zoomed in on it.
    let mut h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            open: vec![path.clone()],
            camera: Some(contested_waters::map::Camera::at_lon_lat(105.0, 3.01, 15.0)),
            ..Default::default()
        },
    );
    wait_for_loads(&mut h);
    let at = h.state().screen_of_lon_lat(105.0, 3.01).expect("on screen");
    h.hover_at(at);
    h.run();
    let tooltip = "hover.geojson: p2500 — feature #2500";
    assert!(
        h.query_all_by_label_contains(tooltip).next().is_some(),
        "no tooltip {tooltip:?}"
    );
    std::fs::remove_file(path).ok();
}

#[test]
fn removing_a_layer_takes_it_off_the_map_and_keeps_the_rest() {
    let path = write_points("remove.geojson", 500, None);
    let mut h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            open: vec![path.clone()],
            ..Default::default()
        },
    );
    wait_for_loads(&mut h);
    let features = h.state().atlas().features.len();
    assert_eq!(h.state().user_layers().len(), 1);
    h.get_by_label("Remove").click_accesskit();
    h.run();
    assert!(h.state().user_layers().is_empty());
    assert_eq!(h.state().atlas().features.len(), features);
    std::fs::remove_file(path).ok();
}
