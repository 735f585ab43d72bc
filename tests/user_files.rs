//! Opening the user's own GeoJSON files: loaded off the UI thread into a layer of their own;
//! a bad feature is reported and skipped; a cancelled load leaves the app as it was.

// Helpers panic on a broken expectation by design.
#![allow(clippy::expect_used)]

mod common;

use common::harness_with;
use contested_waters::app::{App, StartOptions};
use contested_waters::io;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Writes a FeatureCollection of `n` points (feature `bad`, if any, with an impossible longitude).
fn write_points(name: &str, n: usize, bad: Option<usize>) -> PathBuf {
    let path = std::env::temp_dir().join(format!("cw-{}-{name}", std::process::id()));
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
    std::fs::write(&path, s).expect("temp file");
    path
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

#[test]
fn a_cancelled_load_leaves_the_app_as_it_was() {
    let path = write_points("big.geojson", 400_000, None);
    let mut h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            open: vec![path.clone()],
            ..Default::default()
        },
    );
    let view = h.state().saved().clone();
    assert_eq!(h.state().loading(), 1);
    h.get_by_label("Cancel").click_accesskit();
    wait_for_loads(&mut h);
    let app = h.state();
    assert!(
        app.user_layers().is_empty(),
        "a cancelled file adds no layer"
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
    assert!(app.atlas().features.len() >= 35);
    std::fs::remove_file(path).ok();
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
