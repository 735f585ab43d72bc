//! An imported file kept as an incident layer of its own: on the map and in the list with a
//! badge naming it, under the filters, exported with its origin, switched off and on, found
//! again after a restart, and removed. Each test keeps its data folder in a temporary folder.

// Helpers that set up a test's files panic when they cannot.
#![allow(clippy::expect_used)]

mod common;

use common::harness_with;
use contested_waters::app::{App, Command, SideTab, StartOptions};
use contested_waters::io;
use contested_waters::model::workbench::{LogEntry, LogRecords};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

fn app_in(dir: &Path) -> Harness<'static, App> {
    harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            side_tab: SideTab::Layers,
            data_dir: Some(dir.to_path_buf()),
            ..StartOptions::default()
        },
    )
}

/// A colleague's file of two incidents: a bundled one they corrected (its id is the bundled
/// one's, so it collides) and one of their own.
fn colleagues_file(dir: &Path) -> (PathBuf, String) {
    let atlas = io::load(&io::DataSource::Embedded).atlas;
    let mut corrected = atlas.incidents[0].clone();
    corrected.summary = "Corrected by a colleague in the layer test.".to_owned();
    let mut theirs = atlas.incidents[1].clone();
    theirs.id = "colleague-1".to_owned();
    theirs.summary = "A colleague's own record, made by the layer test.".to_owned();
    let records = LogRecords::from_entries([corrected, theirs].map(LogEntry::new));
    let bytes = io::incident_log::log_bytes(&records).expect("formatted");
    let file = dir.join("colleague.geojson");
    std::fs::write(&file, bytes).expect("written");
    (file, atlas.incidents[0].id.clone())
}

fn import_as_layer(h: &mut Harness<'static, App>, file: &Path) {
    h.state_mut().apply(Command::ToggleImportDialog);
    h.run();
    h.get_by_label("File to import").focus();
    h.run();
    h.get_by_label("File to import")
        .type_text(&file.display().to_string());
    h.run();
    h.get_by_label("Read the file").click();
    h.run();
    h.get_by_label("Keep as a separate layer").click();
    h.run();
}

/// Clicks the widget labelled `label` in the side panel, scrolled into view first (the
/// Layers tab is taller than the window).
fn click(h: &mut Harness<'static, App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// (id, origin) of each row of an exported CSV.
fn exported(out: &Path) -> Vec<(String, String)> {
    let mut r = csv::Reader::from_path(out).expect("written");
    r.records()
        .map(|rec| {
            let rec = rec.expect("a CSV row");
            let col = |i: usize| rec.get(i).unwrap_or_default().to_owned();
            (col(0), col(16))
        })
        .collect()
}

#[test]
fn a_file_kept_as_a_layer_shows_toggles_survives_a_restart_and_is_removed() {
    let theirs = tempfile::tempdir().expect("temp dir");
    let (file, bundled_id) = colleagues_file(theirs.path());
    let mine = tempfile::tempdir().expect("temp dir");
    let mut h = app_in(mine.path());
    let bundled = h.state().atlas().incidents.len();
    let shown_before = h.state().incidents_shown();
    import_as_layer(&mut h, &file);

    // Two incidents after the bundled ones, the colliding id renamed; nothing merged.
    let app = h.state();
    assert!(app.my_log().incidents().is_empty(), "not merged");
    assert_eq!(app.incident_layers().len(), 1);
    assert_eq!(app.incident_layers()[0].name, "colleague");
    let ids: Vec<&str> = app.atlas().incidents[bundled..]
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [format!("{bundled_id}@colleague").as_str(), "colleague-1"]
    );
    assert_eq!(app.incidents_shown(), shown_before + 2);
    for i in [bundled, bundled + 1] {
        assert!(app.listed_incidents().contains(&i), "{i} in the list");
        assert!(app.incidents_drawn().any(|j| j == i), "{i} on the map");
    }
    assert!(mine.path().join("layers/colleague.geojson").is_file());
    h.get_by_label("colleague (2)");

    // The inspector names the layer; the incident is read-only but can be copied.
    h.state_mut().apply(Command::SelectIncident(bundled + 1));
    h.run_steps(30);
    h.get_by_label_contains("from colleague");
    assert!(h.query_by_label("Edit…").is_none(), "read-only");
    h.get_by_label("Duplicate as mine");

    // The export marks the layer's incidents with their origin.
    let out = mine.path().join("shown.csv");
    h.state_mut().apply(Command::ExportShown(out.clone()));
    let rows = exported(&out);
    assert!(rows.contains(&("colleague-1".into(), "imported:colleague".into())));
    assert!(rows.contains(&(bundled_id.clone(), "data".into())));

    // Switched off: gone from the count, the list, the map and the timeline.
    let timeline = h.state().timeline_counted().expect("the timeline drew");
    click(&mut h, "colleague (2)");
    let app = h.state();
    assert_eq!(app.incidents_shown(), shown_before);
    assert_eq!(app.timeline_counted(), Some(timeline - 2));
    assert!(!app.listed_incidents().contains(&(bundled + 1)));
    assert!(!app.incidents_drawn().any(|j| j >= bundled));
    click(&mut h, "colleague (2)");
    assert_eq!(h.state().incidents_shown(), shown_before + 2);

    // A new app over the same folder finds the layer again.
    drop(h);
    let mut h = app_in(mine.path());
    assert_eq!(h.state().incident_layers().len(), 1);
    assert_eq!(h.state().atlas().incidents[bundled + 1].id, "colleague-1");
    assert!(h.state().listed_incidents().contains(&(bundled + 1)));

    // Removed: gone from the app and from the data folder, and stays gone after a restart.
    click(&mut h, "Remove");
    assert!(h.state().incident_layers().is_empty());
    assert_eq!(h.state().atlas().incidents.len(), bundled);
    assert_eq!(h.state().incidents_shown(), shown_before);
    assert!(!mine.path().join("layers/colleague.geojson").exists());
    drop(h);
    assert!(app_in(mine.path()).state().incident_layers().is_empty());
}

#[test]
fn my_incidents_sit_before_the_layers_and_edits_keep_both_in_line() {
    let theirs = tempfile::tempdir().expect("temp dir");
    let (file, _) = colleagues_file(theirs.path());
    let mine = tempfile::tempdir().expect("temp dir");
    let mut h = app_in(mine.path());
    let bundled = h.state().atlas().incidents.len();
    import_as_layer(&mut h, &file);
    // A copy of the layer's incident goes into My incidents, before the layer.
    h.state_mut().apply(Command::DuplicateAsMine(bundled + 1));
    let app = h.state();
    let copy = app.my_log().incidents()[0].clone();
    assert_eq!(
        app.my_log().derived_from(&copy.id),
        Some("colleague-1"),
        "copied from the layer's incident"
    );
    let ids = |app: &App| -> Vec<String> {
        app.atlas().incidents[bundled..]
            .iter()
            .map(|x| x.id.clone())
            .collect()
    };
    let layer_ids: Vec<String> = ids(app)[1..].to_vec();
    assert_eq!(ids(app)[0], copy.id);
    assert_eq!(app.incidents_shown(), h.state().listed_incidents().len());
    // Edits, a delete and their undos move the layer's incidents along, unchanged.
    h.state_mut().apply(Command::DuplicateAsMine(0));
    h.state_mut()
        .apply(Command::DeleteIncident(copy.id.clone()));
    let app = h.state();
    assert_eq!(app.atlas().incidents.len(), bundled + 3);
    assert_eq!(ids(app)[1..], layer_ids[..]);
    h.state_mut().apply(Command::Undo);
    h.state_mut().apply(Command::Undo);
    let app = h.state();
    assert_eq!(ids(app)[0], copy.id);
    assert_eq!(ids(app)[1..], layer_ids[..]);
    let listed = app.listed_incidents();
    assert!((bundled..bundled + 3).all(|i| listed.contains(&i)));
    // The log never hands out an id the layer holds.
    assert!(layer_ids.iter().all(|id| app.my_log().get(id).is_none()));
}
