//! The incident workbench in the window: the form, its checks as typed, the new incident on
//! the map and in the list under the filter, undo and redo, and the log found again after a
//! restart. Each test keeps its log in a temporary folder.

mod common;

use common::harness_with;
use contested_waters::app::{App, Command, SideTab, StartOptions};
use contested_waters::io;
use contested_waters::model::{IncidentFilter, IncidentKind};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

fn workbench(dir: &Path) -> Harness<'static, App> {
    harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            side_tab: SideTab::Incidents,
            data_dir: Some(dir.to_path_buf()),
            ..StartOptions::default()
        },
    )
}

/// Types `text` into the form field labelled `label` (after clearing it).
fn fill(h: &mut Harness<'static, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Fills every required field with a valid value except the source URL.
fn fill_form(h: &mut Harness<'static, App>, url: &str) {
    fill(h, "Kind", "water_cannon");
    fill(h, "Sea", "scs");
    fill(h, "Actor 1 name", "Test actor");
    fill(h, "Actor 1 country", "CHN");
    fill(h, "Actor 1 role", "initiator");
    fill(h, "Location name", "Test position");
    fill(h, "Longitude", "115.5");
    fill(h, "Latitude", "10.5");
    fill(h, "Summary", "A record made by the UI test.");
    fill(h, "Source 1 publisher", "Test publisher");
    fill(h, "Source 1 URL", url);
}

fn only_kinds(kinds: &[IncidentKind]) -> IncidentFilter {
    IncidentFilter {
        kinds: kinds.iter().copied().collect(),
        ..IncidentFilter::default()
    }
}

#[test]
fn an_incident_added_in_the_form_shows_filters_undoes_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(dir.path());
    let bundled = h.state().atlas().incidents.len();
    let shown_before = h.state().incidents_shown();
    h.get_by_label("Add incident").click();
    h.run();
    fill_form(&mut h, "ftp://example.org/report");
    // A URL that is not http(s) is marked and blocks saving.
    h.get_by_label_contains("is not an http(s) URL");
    h.get_by_label("Save").click();
    h.run();
    assert!(
        h.state().my_log().incidents().is_empty(),
        "saved with a bad URL"
    );

    fill(&mut h, "Source 1 URL", "https://example.org/report");
    assert!(h.query_by_label_contains("is not an http(s) URL").is_none());
    h.get_by_label("Save").click();
    h.run();
    h.run();
    let app = h.state();
    let mine = app.my_log().incidents();
    assert_eq!(mine.len(), 1, "the valid incident is saved");
    let id = mine[0].id.clone();
    assert!(id.starts_with("my-"), "{id}");
    let i = bundled;
    assert_eq!(app.atlas().incidents[i].id, id);
    assert_eq!(app.incidents_shown(), shown_before + 1);
    assert!(app.listed_incidents().contains(&i), "in the list");
    assert!(app.incidents_drawn().any(|j| j == i), "on the map");
    h.get_by_label_contains("Your incident");

    // The incident filter applies to it like to any other.
    h.state_mut()
        .apply(Command::SetFilter(only_kinds(&[IncidentKind::Collision])));
    h.run();
    assert!(!h.state().listed_incidents().contains(&i));
    assert!(!h.state().incidents_drawn().any(|j| j == i));
    h.state_mut()
        .apply(Command::SetFilter(only_kinds(&[IncidentKind::WaterCannon])));
    h.run();
    assert!(h.state().listed_incidents().contains(&i));
    h.state_mut()
        .apply(Command::SetFilter(IncidentFilter::default()));
    h.run();

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().my_log().incidents().is_empty(), "undo removes it");
    assert_eq!(h.state().incidents_shown(), shown_before);
    assert!(!h.state().incidents_drawn().any(|j| j == i));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        h.state().my_log().incidents().len(),
        1,
        "redo brings it back"
    );
    assert!(h.state().listed_incidents().contains(&i));

    // Closing the app waits for the pending save; a new app on the folder finds the incident.
    drop(h);
    assert!(dir.path().join("incidents.geojson").exists());
    let h = workbench(dir.path());
    let mine = h.state().my_log().incidents();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, id);
    assert_eq!(mine[0].sources[0].url, "https://example.org/report");
    assert!(h.state().listed_incidents().contains(&bundled));
}

#[test]
fn a_log_that_fails_to_load_is_reported_kept_and_not_edited() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("incidents.geojson");
    std::fs::write(&log, "{ not json").expect("write");
    let mut h = workbench(dir.path());
    assert!(h.state().log_is_corrupt());
    assert!(
        h.state()
            .errors()
            .iter()
            .any(|e| e.contains("incidents.geojson")),
        "{:?}",
        h.state().errors()
    );
    h.get_by_label("Open the backup");
    let bundled = h.state().atlas().incidents[0].clone();
    h.state_mut().apply(Command::AddIncident(Box::new(bundled)));
    h.run();
    assert!(h.state().my_log().incidents().is_empty());
    drop(h);
    assert_eq!(
        std::fs::read_to_string(&log).expect("read"),
        "{ not json",
        "the broken log is never overwritten"
    );

    // Starting a new log moves the broken one aside and saves from then on.
    let mut h = workbench(dir.path());
    h.get_by_label("Start a new log").click();
    h.run();
    assert!(!h.state().log_is_corrupt());
    let x = h.state().atlas().incidents[0].clone();
    h.state_mut().apply(Command::DuplicateAsMine(0));
    h.run();
    assert_eq!(h.state().my_log().incidents().len(), 1);
    assert_eq!(h.state().my_log().incidents()[0].summary, x.summary);
    drop(h);
    let moved = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("incidents.corrupt-")
        });
    assert!(moved, "the broken log was moved aside");
    let h = workbench(dir.path());
    assert_eq!(h.state().my_log().incidents().len(), 1);
}

#[test]
fn an_import_shows_its_plan_and_merges_only_when_confirmed() {
    // A colleague's log: one incident, written by their app.
    let theirs = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(theirs.path());
    let mut x = h.state().atlas().incidents[0].clone();
    x.summary = "A colleague's account, made by the UI test.".to_owned();
    // Applied without a frame: the save is requested at once (and a frame would scroll the
    // list to the new selection for many steps).
    h.state_mut().apply(Command::AddIncident(Box::new(x)));
    drop(h);
    let file = theirs.path().join("incidents.geojson");

    let mine = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(mine.path());
    h.state_mut().apply(Command::ToggleImportDialog);
    h.run();
    h.get_by_label("File to import").focus();
    h.run();
    h.get_by_label("File to import")
        .type_text(&file.display().to_string());
    h.run();
    h.get_by_label("Read the file").click();
    h.run();
    // The plan is shown; nothing is merged yet.
    h.get_by_label_contains("1 to add, 0 changed");
    assert!(h.state().my_log().incidents().is_empty());
    h.get_by_label("Merge").click();
    h.run();
    let log = h.state().my_log();
    assert_eq!(log.incidents().len(), 1);
    assert_eq!(
        log.incidents()[0].summary,
        "A colleague's account, made by the UI test."
    );
    assert!(
        h.query_by_label_contains("1 to add").is_none(),
        "the window closed"
    );
    // The whole merge is one undoable step.
    h.state_mut().apply(Command::Undo);
    assert!(h.state().my_log().incidents().is_empty());
}

#[test]
fn the_export_marks_the_users_incidents_as_theirs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(dir.path());
    h.state_mut().apply(Command::DuplicateAsMine(0));
    let bundled_id = h.state().atlas().incidents[0].id.clone();
    let mine_id = h.state().my_log().incidents()[0].id.clone();
    let out = dir.path().join("shown.csv");
    h.state_mut().apply(Command::ExportShown(out.clone()));
    // (id, origin, derived_from) of each exported row.
    let rows = |out: &Path| -> Vec<(String, String, String)> {
        let mut r = csv::Reader::from_path(out).expect("written");
        r.records()
            .map(|rec| {
                let rec = rec.expect("a CSV row");
                let col = |i: usize| rec.get(i).unwrap_or_default().to_owned();
                (col(0), col(16), col(17))
            })
            .collect()
    };
    let all = rows(&out);
    let find = |id: &str| all.iter().find(|r| r.0 == id).cloned();
    assert_eq!(
        find(&mine_id),
        Some((mine_id.clone(), "mine".to_owned(), bundled_id.clone()))
    );
    assert_eq!(
        find(&bundled_id),
        Some((bundled_id.clone(), "data".to_owned(), String::new()))
    );
    // With the layer off, the user's incidents are not shown, so not exported.
    h.state_mut().apply(Command::ShowMyIncidents(false));
    h.state_mut().apply(Command::ExportShown(out.clone()));
    assert!(rows(&out).iter().all(|r| r.0 != mine_id));
    assert!(rows(&out).iter().any(|r| r.0 == bundled_id));
}

#[test]
fn the_inspector_edits_and_deletes_only_the_users_incidents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(dir.path());
    // A bundled incident offers a copy, not an edit.
    h.state_mut().apply(Command::SelectIncident(0));
    h.run_steps(30);
    assert!(h.query_by_label("Edit…").is_none());
    h.get_by_label("Duplicate as mine").click();
    h.run_steps(30);
    let id = h.state().my_log().incidents()[0].id.clone();
    h.get_by_label_contains("Your incident");
    h.get_by_label("Edit…").click();
    h.run();
    fill(&mut h, "Summary", "Corrected by the UI test.");
    h.get_by_label("Save").click();
    h.run_steps(30);
    let x = &h.state().my_log().incidents()[0];
    assert_eq!(
        (x.id.as_str(), x.summary.as_str()),
        (id.as_str(), "Corrected by the UI test.")
    );
    let i = h.state().my_incident_ref(&id).expect("mine");
    assert_eq!(
        h.state().selected(),
        Some(contested_waters::model::Item::Record(i))
    );
    h.get_by_label("Delete").click();
    h.run_steps(30);
    assert!(h.state().my_log().incidents().is_empty());
    h.state_mut().apply(Command::Undo);
    assert_eq!(
        h.state().my_log().incidents()[0].summary,
        "Corrected by the UI test."
    );
    h.state_mut().apply(Command::Undo);
    assert_ne!(
        h.state().my_log().incidents()[0].summary,
        "Corrected by the UI test."
    );
}

#[test]
fn a_broken_log_can_be_replaced_by_its_backup() {
    // A good log, written by the app, becomes the backup of a broken one.
    let good = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(good.path());
    h.state_mut().apply(Command::DuplicateAsMine(1));
    let id = h.state().my_log().incidents()[0].id.clone();
    drop(h);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        good.path().join("incidents.geojson"),
        dir.path().join("incidents.geojson.bak"),
    )
    .expect("copy");
    std::fs::write(dir.path().join("incidents.geojson"), "[]").expect("write");
    let mut h = workbench(dir.path());
    assert!(h.state().log_is_corrupt());
    h.get_by_label("Open the backup").click();
    h.run();
    assert!(!h.state().log_is_corrupt());
    assert_eq!(h.state().my_log().incidents()[0].id, id);
    let i = h.state().my_incident_ref(&id).expect("in the atlas");
    assert!(
        h.state()
            .listed_incidents()
            .contains(&i.incident().expect("incident"))
    );
    drop(h);
    let h = workbench(dir.path());
    assert_eq!(
        h.state().my_log().incidents().len(),
        1,
        "saved after recovery"
    );
}

#[test]
fn add_incident_here_fills_in_the_right_clicked_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(dir.path());
    let vp = h.state().map_viewport().expect("viewport");
    let at = egui::Pos2::new((vp.min.x + 200.0) as f32, (vp.min.y + 150.0) as f32);
    let (lon, lat) = common::lon_lat_at(&h, at);
    common::right_click_at(&mut h, at);
    h.get_by_label("Add incident here").click();
    h.run();
    let value = |h: &Harness<'static, App>, label: &str| -> f64 {
        let v = h.get_by_label(label).value().unwrap_or_default();
        v.parse().unwrap_or_else(|_| panic!("{label}: {v:?}"))
    };
    assert!((value(&h, "Longitude") - lon).abs() < 1e-4, "{lon}");
    assert!((value(&h, "Latitude") - lat).abs() < 1e-4, "{lat}");
}

#[test]
fn deleting_an_incident_drops_a_selection_that_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(dir.path());
    let bundled = h.state().atlas().incidents.len();
    h.state_mut().apply(Command::DuplicateAsMine(0));
    let id = h.state().my_log().incidents()[0].id.clone();
    // A cluster listing a bundled incident and the user's.
    h.state_mut().apply(Command::ListCluster(vec![0, bundled]));
    h.run();
    h.state_mut().apply(Command::DeleteIncident(id));
    assert_eq!(h.state().cluster_list(), None);
    assert_eq!(h.state().atlas().incidents.len(), bundled);
    // The inspector draws without the deleted incident.
    h.run();
    // A bundled selection survives an edit of the log.
    h.state_mut().apply(Command::Select(Some(
        contested_waters::model::Item::Record(contested_waters::model::RecordRef::Incident(1)),
    )));
    h.state_mut().apply(Command::Undo);
    assert_eq!(
        h.state().selected(),
        Some(contested_waters::model::Item::Record(
            contested_waters::model::RecordRef::Incident(1)
        ))
    );
}

#[test]
fn the_edit_menu_names_and_undoes_the_last_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(dir.path());
    h.state_mut().apply(Command::DuplicateAsMine(0));
    h.state_mut().apply(Command::Select(None));
    h.run();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Undo Duplicate as mine").click();
    h.run();
    assert!(h.state().my_log().incidents().is_empty());
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Redo Duplicate as mine").click();
    h.run();
    assert_eq!(h.state().my_log().incidents().len(), 1);
}

/// Presses at `from`, moves in steps to `to` and releases there.
fn drag(h: &mut Harness<'static, App>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=4u8 {
        let t = f32::from(k) / 4.0;
        h.hover_at(from + (to - from) * t);
        h.run();
    }
    h.drop_at(to);
    // A moved incident is selected, and the list scrolls to it for many frames.
    h.run_steps(30);
}

fn position_of(h: &Harness<'static, App>, id: &str) -> (f64, f64) {
    let Some(x) = h.state().my_log().get(id) else {
        panic!("{id} not in the log");
    };
    let x = x.position;
    (x.x(), x.y())
}

#[test]
fn dragging_my_incident_moves_it_in_one_undoable_step_and_bundled_ones_stay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(dir.path());
    // One of mine alone in open sea (west of Scarborough Shoal, no feature near).
    let mut x = h.state().atlas().incidents[0].clone();
    x.position = geo::Point::new(116.2, 14.2);
    h.state_mut().apply(Command::AddIncident(Box::new(x)));
    let id = h.state().my_log().incidents()[0].id.clone();
    h.state_mut().apply(Command::Select(None));
    h.run();
    let camera = h.state().camera().expect("camera");
    let from = h.state().screen_of_lon_lat(116.2, 14.2).expect("drawn");
    let to = from + egui::vec2(70.0, 45.0);
    let dropped = common::lon_lat_at(&h, to);
    drag(&mut h, from, to);
    let now = position_of(&h, &id);
    assert!(
        (now.0 - dropped.0).abs() < 1e-3 && (now.1 - dropped.1).abs() < 1e-3,
        "moved to {now:?}, dropped at {dropped:?}"
    );
    assert_eq!(h.state().camera(), Some(camera), "the drag did not pan");
    assert_eq!(h.state().my_log().undo_label(), Some("Move incident"));
    assert_eq!(h.state().my_log().undo_depth(), 2, "add + one move");
    let i = h.state().my_incident_ref(&id).and_then(|r| r.incident());
    let atlas_x = &h.state().atlas().incidents[i.expect("mine")];
    assert_eq!(
        (atlas_x.position.x(), atlas_x.position.y()),
        now,
        "on the map"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(position_of(&h, &id), (116.2, 14.2), "undo puts it back");

    // Dropped outside the region: refused and said, the incident stays.
    let far = egui::Pos2::new(1000.0, 120.0);
    let far_ll = common::lon_lat_at(&h, far);
    assert!(far_ll.0 > 132.0 || far_ll.1 > 34.0, "{far_ll:?}");
    let from = h.state().screen_of_lon_lat(116.2, 14.2).expect("drawn");
    drag(&mut h, from, from + (far - from));
    assert_eq!(position_of(&h, &id), (116.2, 14.2));
    assert!(
        h.state()
            .errors()
            .iter()
            .any(|e| e.contains("outside the region"))
    );

    // A bundled incident is read-only: the same drag pans the map instead.
    let b = h.state().atlas().incidents[1].clone();
    h.state_mut().apply(Command::SelectIncident(1));
    h.state_mut().apply(Command::ZoomBy(4.0));
    h.run();
    let from = h
        .state()
        .screen_of_lon_lat(b.position.x(), b.position.y())
        .expect("drawn");
    let camera = h.state().camera();
    drag(&mut h, from, from + egui::vec2(70.0, 45.0));
    assert_eq!(h.state().atlas().incidents[1].position, b.position);
    assert_ne!(h.state().camera(), camera, "the drag panned");
    assert_eq!(h.state().my_log().undo_label(), Some("Add incident"));
}

#[test]
fn the_forms_pin_drags_to_a_new_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = workbench(dir.path());
    h.state_mut().apply(Command::OpenIncidentForm(
        contested_waters::app::command::FormStart::New(Some(geo::Coord { x: 116.2, y: 14.2 })),
    ));
    h.run();
    let from = h.state().screen_of_lon_lat(116.2, 14.2).expect("drawn");
    let to = from + egui::vec2(-50.0, 30.0);
    let dropped = common::lon_lat_at(&h, to);
    drag(&mut h, from, to);
    let value = |label: &str| -> f64 {
        let v = h.get_by_label(label).value().unwrap_or_default();
        v.parse().unwrap_or_else(|_| panic!("{label}: {v:?}"))
    };
    assert!((value("Longitude") - dropped.0).abs() < 1e-4, "{dropped:?}");
    assert!((value("Latitude") - dropped.1).abs() < 1e-4, "{dropped:?}");
    assert!(
        h.state().my_log().incidents().is_empty(),
        "nothing saved yet"
    );
}
