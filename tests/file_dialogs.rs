//! The File menu's file dialogs (egui_file, drawn by egui, so headless tests drive them like
//! any window): open a layer, export, save the map image; each opens in the folder used last,
//! which persists. The typed-path fields stay as a fallback.

// Helpers panic on a broken expectation by design.
#![allow(clippy::expect_used)]

mod common;

use common::harness_in;
use contested_waters::app::App;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

fn menu(h: &mut Harness<'static, App>, item: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

const TWO_POINTS: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"a"},"geometry":{"type":"Point","coordinates":[115.1,10.2]}},
{"type":"Feature","properties":{"name":"b"},"geometry":{"type":"Point","coordinates":[116.3,11.4]}}]}"#;

#[test]
fn open_layer_lists_geojson_files_and_opens_the_chosen_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sub = dir.path().join("surveys");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(sub.join("reefs.geojson"), TWO_POINTS).expect("write");
    std::fs::write(sub.join("notes.txt"), "not a layer").expect("write");
    let mut h = harness_in(&sub);
    menu(&mut h, "Open layer…");
    assert!(
        h.query_by_label("📂  Open layer").is_some(),
        "the dialog is open"
    );
    assert!(
        h.query_by_label("🗋 notes.txt").is_none(),
        "only GeoJSON files are listed"
    );
    h.get_by_label("🗋 reefs.geojson").click();
    h.run();
    // The dialog's Open (the Layers tab has one too; the dialog is drawn last).
    h.get_all_by_label("Open").last().expect("Open").click();
    // A few frames, not `run`: the load it starts repaints (progress) until it ends.
    h.run_steps(3);
    assert!(
        h.query_by_label("📂  Open layer").is_none(),
        "the dialog closed"
    );
    for _ in 0..2000 {
        if h.state().loading() == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run();
    let layers = h.state().user_layers();
    assert_eq!(layers.len(), 1, "{:?}", h.state().errors());
    assert_eq!(layers[0].layer.points.len(), 2);
    assert!(
        h.query_by_label_contains("reefs").is_some(),
        "listed in the Layers tab"
    );
    assert_eq!(
        h.state().saved().last_folder.as_deref(),
        Some(sub.as_path()),
        "the next dialog opens where this one chose"
    );
}

#[test]
fn export_writes_where_the_dialog_says_and_cancel_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness_in(dir.path());
    menu(&mut h, "Export…");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.state().export_message().is_none(),
        "cancelled: nothing written"
    );
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    menu(&mut h, "Export…");
    // The name the Incidents tab's field holds is suggested.
    h.get_by_label("Save").click();
    h.run();
    let out = dir.path().join("contested-waters-incidents.csv");
    let csv = std::fs::read_to_string(&out).expect("the export was written");
    assert!(
        csv.starts_with(&contested_waters::io::export::CSV_HEADER.join(",")),
        "a CSV"
    );
    let shown = h.state().incidents_shown();
    let said = h.state().export_message().expect("a message");
    assert!(
        said.contains(&format!("Wrote {shown} incidents to {}", out.display())),
        "{said}"
    );
}

#[test]
fn save_map_image_starts_the_capture_at_the_chosen_path_and_keeps_the_typed_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness_in(dir.path());
    menu(&mut h, "Save map image…");
    assert!(h.query_by_label("💾  Save the map as an image").is_some());
    h.get_by_label("Save").click();
    // The capture repaints until the screenshot comes: step, not run.
    h.step();
    assert!(
        h.state_mut().save_image().capturing(),
        "the capture started"
    );
    assert!(h.query_by_label("💾  Save the map as an image").is_none());
    // The typed-path dialog (Ctrl+S) opens in the last folder and offers Browse….
    let mut h = harness_in(dir.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let typed = h
        .state_mut()
        .save_image()
        .path_text()
        .expect("a file field")
        .clone();
    assert!(Path::new(&typed).starts_with(dir.path()), "{typed}");
    // The dialog's Browse… (the Layers tab has one too; the dialog is drawn last).
    h.get_all_by_label("Browse…")
        .last()
        .expect("Browse…")
        .click();
    h.run();
    assert!(h.query_by_label("💾  Save the map as an image").is_some());
}
