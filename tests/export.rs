//! Exporting the incidents a filter shows: the CSV keeps every field intact whatever commas,
//! quotes or line breaks it holds; the GeoJSON reloads as the same incidents; a failed export
//! names its file and leaves nothing half-written behind.

// A failed expectation in a test should panic with its message.
#![allow(clippy::expect_used)]

mod common;

use contested_waters::io::export::{self, CSV_HEADER, ExportError};
use contested_waters::io::{self};
use contested_waters::model::{Atlas, IncidentFilter, IncidentKind};
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

fn atlas() -> Atlas {
    let report = io::load(&io::DataSource::Embedded);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report.atlas
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cw-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn water_cannon(a: &Atlas) -> Vec<usize> {
    let f = IncidentFilter {
        kinds: [IncidentKind::WaterCannon].into_iter().collect(),
        ..IncidentFilter::default()
    };
    f.matching(&a.incidents)
}

#[test]
fn csv_has_one_row_per_shown_incident_and_every_field_intact() {
    let a = atlas();
    let shown = water_cannon(&a);
    assert!(shown.len() > 5 && shown.len() < a.incidents.len());
    let path = temp("csv").join("water-cannon.csv");
    let n = export::export_incidents(&path, &a, &shown).expect("export");
    assert_eq!(n, shown.len());
    let mut r = csv::Reader::from_path(&path).expect("readable CSV");
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), shown.len());
    let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).expect("column");
    for (row, &i) in rows.iter().zip(&shown) {
        let x = &a.incidents[i];
        assert_eq!(&row[col("id")], x.id);
        assert_eq!(&row[col("kind")], "water_cannon");
        // Summaries hold commas and quotes; they come back unchanged.
        assert_eq!(&row[col("summary")], x.summary);
        assert_eq!(row[col("date")], x.date_precision.format(x.date));
        let lat: f64 = row[col("latitude")].parse().expect("latitude");
        assert!((lat - x.position.y()).abs() < 1e-6);
        for s in &x.sources {
            assert!(
                row[col("sources")].contains(&s.url),
                "{} lost a source",
                x.id
            );
        }
    }
    assert!(!path.with_extension("csv.partial").exists());
}

#[test]
fn geojson_reloads_as_the_same_incidents() {
    let a = atlas();
    let all: Vec<usize> = (0..a.incidents.len()).collect();
    let path = temp("geojson").join("all.geojson");
    assert_eq!(
        export::export_incidents(&path, &a, &all).expect("export"),
        all.len()
    );
    let (back, errors) = io::incidents::load(&path).expect("the export parses");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back.len(), a.incidents.len());
    for (x, y) in a.incidents.iter().zip(&back) {
        assert_eq!(x.id, y.id);
        assert_eq!(
            (x.date, x.date_end, x.date_precision),
            (y.date, y.date_end, y.date_precision)
        );
        assert_eq!(
            (x.kind, x.sea, x.location_precision),
            (y.kind, y.sea, y.location_precision)
        );
        assert_eq!(x.actors, y.actors);
        assert_eq!(x.position, y.position);
        assert_eq!(x.sources, y.sources);
        assert_eq!(
            (
                &x.summary,
                &x.casualties,
                &x.disputed_accounts,
                &x.uncertain,
                &x.feature_id
            ),
            (
                &y.summary,
                &y.casualties,
                &y.disputed_accounts,
                &y.uncertain,
                &y.feature_id
            )
        );
    }
}

#[test]
fn a_failed_export_names_the_file_and_leaves_nothing_half_written() {
    let a = atlas();
    let dir = temp("fail");
    let unknown = dir.join("incidents.xlsx");
    match export::export_incidents(&unknown, &a, &[0]) {
        Err(e @ ExportError::UnknownFormat { .. }) => {
            assert!(e.to_string().contains("incidents.xlsx"), "{e}");
        }
        other => panic!("expected an unknown-format error, got {other:?}"),
    }
    assert!(!unknown.exists());
    // A directory in the way: the rename fails, the directory is untouched, no partial file.
    let blocked = dir.join("blocked.csv");
    std::fs::create_dir(&blocked).expect("dir");
    std::fs::write(blocked.join("keep.txt"), "mine").expect("file");
    match export::export_incidents(&blocked, &a, &[0]) {
        Err(e @ ExportError::Write { .. }) => assert!(e.to_string().contains("blocked.csv"), "{e}"),
        other => panic!("expected a write error, got {other:?}"),
    }
    assert_eq!(
        std::fs::read_to_string(blocked.join("keep.txt"))
            .ok()
            .as_deref(),
        Some("mine")
    );
    assert!(!dir.join("blocked.csv.partial").exists());
    // A folder that does not exist.
    let missing = dir.join("no-such-folder").join("x.geojson");
    assert!(matches!(
        export::export_incidents(&missing, &a, &[0]),
        Err(ExportError::Write { .. })
    ));
}

#[test]
fn the_incidents_panel_exports_what_the_filter_shows() {
    let mut h = common::harness();
    h.get_by_label("Incidents").click();
    h.run();
    let from: contested_waters::model::Date = "2024-01-01".parse().expect("date");
    h.state_mut()
        .apply(contested_waters::app::Command::SetDateRange(
            Some(from),
            None,
        ));
    h.run();
    h.run();
    let shown = h.state().incidents_shown();
    assert!(shown > 0 && shown < h.state().atlas().incidents.len());
    let path = temp("panel").join("since-2024.csv");
    h.state_mut()
        .set_export_path(path.to_str().expect("utf-8 path"));
    h.run();
    h.get_by_label(&format!("Export {shown}")).click();
    h.run();
    let rows = csv::Reader::from_path(&path)
        .expect("written")
        .records()
        .count();
    assert_eq!(rows, shown);
    assert!(
        h.state()
            .export_message()
            .is_some_and(|m| m.starts_with(&format!("Wrote {shown}")))
    );
    // A name it cannot write is refused under the button, naming the file; nothing else changes.
    h.state_mut().set_export_path("incidents.xlsx");
    h.run();
    h.get_by_label(&format!("Export {shown}")).click();
    h.run();
    h.get_by_label_contains("Not written: incidents.xlsx");
    assert!(h.state().errors().is_empty());
    assert!(!std::path::Path::new("incidents.xlsx").exists());
}
