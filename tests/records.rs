//! Every bundled loader parses record by record: one hostile record (a one-number position, an
//! unknown geometry type, string coordinates, `properties` an array, `id` an object, `bbox` a
//! string, `"type": "feature"`, no `geometry`) is skipped and named by file, index and id while
//! the rest of its file loads; a byte-order mark is accepted. Then the checks across files:
//! unique ids, references that resolve, dates in order.

// A failed expectation in a test should panic with its message.
#![allow(clippy::expect_used)]

use contested_waters::io::{self, LoadError};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The hostile records of `scripts/make-hostile-fixtures`, in file order, as (index, id).
fn hostile_ids(prefix: &str, first_index: usize) -> Vec<(usize, String)> {
    [
        "one-number",
        "unknown-type",
        "string-coords",
        "props-array",
        "id-object",
        "bbox-string",
        "lower-type",
        "no-geometry",
    ]
    .iter()
    .enumerate()
    .map(|(k, name)| (first_index + k, format!("{prefix}{name}")))
    .collect()
}

/// Asserts each error is about the expected record, in order, and names the file.
fn assert_skipped(errors: &[LoadError], file: &str, expected: &[(usize, String)]) {
    let got: Vec<(usize, String)> = errors
        .iter()
        .map(|e| {
            let f = e.feature().expect("a record error names its feature");
            (f.index, f.id.clone().unwrap_or_default())
        })
        .collect();
    assert_eq!(got, expected, "{errors:#?}");
    for e in errors {
        let text = e.to_string();
        assert!(text.contains(file), "{text}");
        assert!(text.contains(&format!("feature #{}", e.feature().map_or(0, |f| f.index))));
    }
}

#[test]
fn one_hostile_incident_never_drops_the_file() {
    let (good, errors) =
        io::incidents::load(&fixture("records-incidents.geojson")).expect("the file loads");
    let ids: Vec<&str> = good.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["inc-good-a", "inc-good-b"]);
    assert_skipped(
        &errors,
        "records-incidents.geojson",
        &hostile_ids("inc-", 1),
    );
}

#[test]
fn one_hostile_feature_never_drops_the_file() {
    let (good, errors) =
        io::features::load(&fixture("records-features.geojson")).expect("the file loads");
    let ids: Vec<&str> = good.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["feat-good-a", "feat-good-b"]);
    let mut expected = hostile_ids("feat-", 1);
    expected.push((9, "feat-bad-position-source".into()));
    assert_skipped(&errors, "records-features.geojson", &expected);
    assert!(errors[8].to_string().contains("position_source"));
}

#[test]
fn one_hostile_claim_never_drops_the_file_and_a_bom_is_accepted() {
    let (good, errors) =
        io::claims::load(&fixture("records-claims.geojson")).expect("the file loads");
    let ids: Vec<&str> = good.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["claim-good-a", "claim-good-b"]);
    assert_skipped(&errors, "records-claims.geojson", &hostile_ids("claim-", 1));
}

#[test]
fn hostile_sites_and_agreements_with_dates_out_of_order_are_skipped() {
    let (a, errors) =
        io::agreements::load(&fixture("records-agreements.geojson")).expect("the file loads");
    let ids: Vec<&str> = a.agreements.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["agr-good-a"]);
    let sites: Vec<&str> = a.sites.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(sites, ["site-good-b"]);
    let mut expected = vec![
        (1, "agr-terminated-early".to_owned()),
        (2, "agr-in-force-early".to_owned()),
    ];
    expected.extend(hostile_ids("site-", 3));
    assert_skipped(&errors, "records-agreements.geojson", &expected);
    assert!(
        errors[0].to_string().contains("terminated"),
        "{}",
        errors[0]
    );
    assert!(errors[1].to_string().contains("in_force"), "{}", errors[1]);
}

#[test]
fn a_bom_before_a_bundled_file_is_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(io::INCIDENTS_FILE),
    )
    .expect("bundled incidents");
    let path = dir.path().join("incidents.geojson");
    std::fs::write(&path, format!("\u{FEFF}{src}")).expect("write");
    let (with_bom, errors) = io::incidents::load(&path).expect("loads with a BOM");
    assert!(errors.is_empty(), "{errors:?}");
    let (plain, _) = io::incidents::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(io::INCIDENTS_FILE),
    )
    .expect("bundled incidents load");
    assert_eq!(with_bom.len(), plain.len());
}

#[test]
fn a_megabyte_name_is_refused_naming_the_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(fixture("records-features.geojson")).expect("fixture");
    let long = "x".repeat(5 * 1024 * 1024);
    let text = text.replacen("\"Good Shoal\"", &format!("\"{long}\""), 1);
    let path = dir.path().join("features.geojson");
    std::fs::write(&path, text).expect("write");
    let (good, errors) = io::features::load(&path).expect("loads");
    assert_eq!(good.len(), 1);
    let first = &errors[0];
    assert_eq!(first.feature().map(|f| f.index), Some(0));
    let msg = first.to_string();
    assert!(
        msg.contains("name") && msg.contains("at most"),
        "{}",
        &msg[..200.min(msg.len())]
    );
    // The message quotes no more than an excerpt of the hostile value.
    assert!(errors.iter().all(|e| e.to_string().len() < 2_000));
}

#[test]
fn cross_file_problems_are_warnings_and_duplicates_are_dropped() {
    let report = io::load_dir(&fixture("inconsistent"));
    let warnings: Vec<String> = report
        .errors
        .iter()
        .filter(|e| e.is_warning())
        .map(ToString::to_string)
        .collect();
    let has = |file: &str, id: &str, words: &str| {
        warnings
            .iter()
            .any(|w| w.contains(file) && w.contains(&format!("\"{id}\"")) && w.contains(words))
    };
    assert!(
        has("features.geojson", "dup-a", "already used by a feature"),
        "{warnings:#?}"
    );
    assert!(
        has(
            "claims.geojson",
            "feat-ok",
            "already used by a feature in features.geojson"
        ),
        "{warnings:#?}"
    );
    assert!(
        has("incidents.geojson", "inc-dangling", "no-such-feature"),
        "{warnings:#?}"
    );
    assert!(
        has("agreements.geojson", "site-dangling", "agr-missing"),
        "{warnings:#?}"
    );
    assert!(
        has("agreements.geojson", "st-dangling", "agr-gone"),
        "{warnings:#?}"
    );
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
    let a = &report.atlas;
    // The first of each duplicate stays, so an id names exactly one record.
    assert_eq!(a.features.len(), 2);
    assert!(a.claims.is_empty());
    assert_eq!(a.incidents.len(), 2);
    assert!(matches!(
        a.item_by_id("dup-a"),
        Some(contested_waters::model::RecordRef::Feature(0))
    ));
}

#[test]
fn the_bundled_data_has_no_cross_file_problems() {
    let report = io::load(&io::DataSource::Embedded);
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
}
