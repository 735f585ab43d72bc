//! The workbench on the command line: `--import` merges a file into My incidents in a
//! `--data-dir` without a window and prints the plan; `--export` includes the user's incidents
//! marked `mine`.

// A binary that cannot start should fail the test loudly.
#![allow(clippy::expect_used)]

use contested_waters::io::incident_log::{LOG_FILE, LogStore};
use contested_waters::io::{self, export};
use contested_waters::model::workbench::REGION;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contested-waters"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_model_region_is_the_apps_region() {
    let r = contested_waters::app::default_region();
    assert_eq!(
        (r.min().x, r.min().y, r.max().x, r.max().y),
        (
            REGION.west_deg,
            REGION.south_deg,
            REGION.east_deg,
            REGION.north_deg
        )
    );
}

#[test]
fn import_merges_a_colleagues_file_and_reports_the_plan() {
    let atlas = io::load(&io::DataSource::Embedded).atlas;
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    // A colleague's file: two bundled incidents (already present) and two of theirs, one of
    // which lies 1 km from a bundled incident on the same day.
    let mut theirs = atlas.incidents[5].clone();
    theirs.id = "colleague-1".into();
    theirs.position = geo::Point::new(theirs.position.x(), theirs.position.y() + 0.009);
    let mut other = atlas.incidents[6].clone();
    other.id = "colleague-2".into();
    other.date = "2025-01-01".parse().expect("date");
    other.date_end = None;
    let pick = [&atlas.incidents[0], &atlas.incidents[1], &theirs, &other];
    let rows: Vec<export::ExportRow<'_>> =
        pick.iter().map(|x| export::ExportRow::data(x)).collect();
    let file = tmp.path().join("colleague.csv");
    export::export_rows(&file, &rows).expect("written");

    let out = run(&["--data-dir", s(&data), "--import", s(&file)]);
    let said = ok(&out);
    assert!(
        said.contains("2 to add, 0 changed, 2 skipped (already present), 1 likely duplicates"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "colleague-1 is 1.0 km from {}",
            atlas.incidents[5].id
        )),
        "{said}"
    );
    let log = LogStore::new(&data).load().expect("log");
    let ids: Vec<&str> = log.iter().map(|e| e.incident.id.as_str()).collect();
    assert_eq!(ids, ["colleague-1", "colleague-2"]);
    // Importing it again adds nothing.
    let said = ok(&run(&["--data-dir", s(&data), "--import", s(&file)]));
    assert!(said.contains("0 to add, 0 changed, 4 skipped"), "{said}");

    // Export includes them, marked mine, after the data's.
    let out_csv = tmp.path().join("all.csv");
    let said = ok(&run(&["--data-dir", s(&data), "--export", s(&out_csv)]));
    let n = atlas.incidents.len();
    assert!(
        said.contains(&format!(
            "{} of {} incidents written (2 of them yours)",
            n + 2,
            n + 2
        )),
        "{said}"
    );
    let mut r = csv::Reader::from_path(&out_csv).expect("csv");
    let origins: Vec<String> = r
        .records()
        .map(|x| x.expect("row")[16].to_owned())
        .collect();
    assert_eq!(origins.iter().filter(|o| *o == "mine").count(), 2);
    assert_eq!(origins.iter().filter(|o| *o == "data").count(), n);
    assert_eq!(origins[n..], ["mine", "mine"]);
}

#[test]
fn import_refuses_to_touch_a_corrupt_log_and_bad_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).expect("dir");
    std::fs::write(data.join(LOG_FILE), "not json").expect("write");
    let file = tmp.path().join("in.geojson");
    let atlas = io::load(&io::DataSource::Embedded).atlas;
    export::export_incidents(&file, &atlas, &[0]).expect("written");
    let out = run(&["--data-dir", s(&data), "--import", s(&file)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(LOG_FILE) && err.contains("line 1"), "{err}");
    assert_eq!(
        std::fs::read_to_string(data.join(LOG_FILE)).expect("log"),
        "not json"
    );
    // An unknown format is named.
    let out = run(&["--data-dir", s(&data), "--import", "notes.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.txt"));
}

#[test]
fn import_as_layer_keeps_the_file_as_a_layer_the_app_finds() {
    let atlas = io::load(&io::DataSource::Embedded).atlas;
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    // One bundled incident (its id is taken) and one of the colleague's.
    let mut theirs = atlas.incidents[6].clone();
    theirs.id = "colleague-9".into();
    let pick = [&atlas.incidents[0], &theirs];
    let rows: Vec<export::ExportRow<'_>> =
        pick.iter().map(|x| export::ExportRow::data(x)).collect();
    let file = tmp.path().join("their log.csv");
    export::export_rows(&file, &rows).expect("written");

    let said = ok(&run(&[
        "--data-dir",
        s(&data),
        "--import-as-layer",
        s(&file),
    ]));
    assert!(
        said.contains("2 incident(s) kept as the layer \"their_log\""),
        "{said}"
    );
    assert!(said.contains("1 id(s) already in use renamed"), "{said}");
    assert!(
        !data.join(LOG_FILE).exists(),
        "nothing merged into My incidents"
    );
    let (layers, problems) = io::incident_layers::load_layers(&data);
    assert!(problems.is_empty(), "{problems:?}");
    let ids: Vec<String> = layers[0].1.iter().map(|e| e.incident.id.clone()).collect();
    assert_eq!(layers[0].0, "their_log");
    assert_eq!(
        ids,
        [
            format!("{}@their_log", atlas.incidents[0].id),
            "colleague-9".into()
        ]
    );
    // A second import of the same file is a second layer, its ids unique again.
    let said = ok(&run(&[
        "--data-dir",
        s(&data),
        "--import-as-layer",
        s(&file),
    ]));
    assert!(said.contains("\"their_log-2\""), "{said}");
    assert!(said.contains("2 id(s) already in use renamed"), "{said}");

    // --export includes the layers' incidents, marked with their layer.
    let out_csv = tmp.path().join("all.csv");
    let said = ok(&run(&["--data-dir", s(&data), "--export", s(&out_csv)]));
    assert!(said.contains("(4 from imported layers)"), "{said}");
    let mut r = csv::Reader::from_path(&out_csv).expect("csv");
    let rows: Vec<(String, String)> = r
        .records()
        .map(|x| {
            let x = x.expect("row");
            (x[0].to_owned(), x[16].to_owned())
        })
        .collect();
    let n = atlas.incidents.len();
    assert_eq!(rows.len(), n + 4);
    assert_eq!(
        rows[n + 1],
        ("colleague-9".to_owned(), "imported:their_log".to_owned())
    );
    assert_eq!(rows[n + 3].1, "imported:their_log-2");
    assert!(
        rows[n + 3].0.starts_with("colleague-9@their_log-2"),
        "{:?}",
        rows[n + 3]
    );

    // `--select` (checked before the window opens) knows the layers' ids, renamed as the app
    // renames them, and still refuses an id that is nowhere.
    use contested_waters::workbench_cli::user_has_incident;
    assert!(user_has_incident(Some(&data), &atlas, &rows[n + 3].0));
    assert!(user_has_incident(Some(&data), &atlas, "colleague-9"));
    assert!(!user_has_incident(Some(&data), &atlas, "colleague-10"));
    assert!(!user_has_incident(None, &atlas, "colleague-9"));
}
