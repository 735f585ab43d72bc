//! Malformed files give typed errors that name the file, the feature and the property, and a
//! bad record does not stop the good ones of the same file from loading.

// Helpers that cannot set up their files should fail the test loudly.
#![allow(clippy::expect_used)]

use contested_waters::io::{self, FeatureRef, LoadError};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Asserts `e` is a property error on feature `index`/`id`, property `property`.
fn assert_property_error(e: &LoadError, file: &str, index: usize, id: &str, property: &str) {
    match e {
        LoadError::Property {
            file: f,
            feature,
            property: p,
            ..
        } => {
            assert!(f.ends_with(file), "{f:?}");
            assert_eq!(
                feature,
                &FeatureRef {
                    index,
                    id: Some(id.to_owned())
                }
            );
            assert_eq!(p, property);
        }
        other => panic!("expected a property error, got {other:?}"),
    }
    let text = e.to_string();
    assert!(
        text.contains(file) && text.contains(id) && text.contains(property),
        "{text}"
    );
}

#[test]
fn unknown_feature_kind_names_feature_and_property() {
    let (good, errors) = io::features::load(&fixture("bad-features.geojson")).expect("file parses");
    assert_eq!(good.len(), 1);
    assert_eq!(good[0].id, "good-one");
    assert_eq!(errors.len(), 1);
    assert_property_error(&errors[0], "bad-features.geojson", 1, "bad-kind", "kind");
    assert!(errors[0].to_string().contains("volcano"));
}

#[test]
fn unknown_country_code_is_refused() {
    let (good, errors) = io::claims::load(&fixture("bad-claims.geojson")).expect("file parses");
    assert!(good.is_empty());
    assert_property_error(
        &errors[0],
        "bad-claims.geojson",
        0,
        "bad-claimant",
        "claimant",
    );
}

#[test]
fn one_bad_incident_among_good_ones() {
    let (good, errors) =
        io::incidents::load(&fixture("bad-incidents.geojson")).expect("file parses");
    assert_eq!(
        good.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        ["inc-good-1", "inc-good-2"]
    );
    assert_eq!(errors.len(), 1);
    assert_property_error(
        &errors[0],
        "bad-incidents.geojson",
        2,
        "inc-bad-date",
        "date",
    );
}

#[test]
fn non_web_source_url_is_refused() {
    let (good, errors) =
        io::agreements::load(&fixture("bad-agreements.geojson")).expect("file parses");
    assert!(good.agreements.is_empty());
    assert_property_error(
        &errors[0],
        "bad-agreements.geojson",
        0,
        "agr-bad-url",
        "sources[0].url",
    );
}

#[test]
fn agreement_milestones_out_of_order_or_missing_are_refused() {
    let file = "bad-agreement-dates.geojson";
    let (good, errors) = io::agreements::load(&fixture(file)).expect("file parses");
    let ids: Vec<&str> = good.agreements.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["agr-talks"]);
    let talks = &good.agreements[0];
    assert_eq!(talks.signed, None);
    assert_eq!(
        talks.negotiation_began.map(|d| d.to_string()).as_deref(),
        Some("2025-06-01")
    );
    assert_eq!(
        talks.talks_agreed.map(|d| d.to_string()).as_deref(),
        Some("2025-05-01")
    );
    assert_eq!(errors.len(), 4);
    assert_property_error(&errors[0], file, 1, "agr-unsigned-no-talks", "signed");
    assert_property_error(&errors[1], file, 2, "agr-force-before-signing", "in_force");
    assert_property_error(&errors[2], file, 3, "agr-bad-kind", "kind");
    // The accepted values come from the kind table, new kinds included.
    let text = errors[2].to_string();
    assert!(
        text.contains("information_security") && text.contains("mutual_defense"),
        "{text}"
    );
    assert_property_error(&errors[3], file, 4, "agr-talks-after-signing", "signed");
}

#[test]
fn truncated_json_reports_line_and_column() {
    let Err(e) = io::features::load(&fixture("truncated.geojson")) else {
        panic!("truncated file loaded");
    };
    match &e {
        LoadError::Json { file, line, .. } => {
            assert!(file.ends_with("truncated.geojson"));
            assert_eq!(*line, 3);
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn a_feature_is_not_a_collection() {
    let Err(e) = io::features::load(&fixture("not-a-collection.geojson")) else {
        panic!("loaded");
    };
    assert!(matches!(e, LoadError::Structure { .. }), "{e:?}");
    assert!(e.to_string().contains("FeatureCollection"));
}

#[test]
fn a_missing_file_is_a_read_error_naming_it() {
    let Err(e) = io::incidents::load(&fixture("no-such-file.geojson")) else {
        panic!("loaded");
    };
    assert!(matches!(e, LoadError::Read { .. }));
    assert!(e.to_string().contains("no-such-file.geojson"));
}

#[test]
fn meta_limitations_load_and_a_non_string_one_is_named() {
    let bundled =
        io::meta::load_meta(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/meta.json"))
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(!bundled.notes.is_empty());
    assert!(
        bundled.limitations.iter().any(|l| l.contains("ADIZ")),
        "the omitted Japanese ADIZ is said in the data"
    );
    let e = io::meta::load_meta(&fixture("bad-meta-limitations.json"))
        .err()
        .unwrap_or_else(|| panic!("a number among the limitations must be refused"));
    let text = e.to_string();
    assert!(
        text.contains("bad-meta-limitations.json") && text.contains("\"limitations\"[1]"),
        "{text}"
    );
}

/// A fresh empty folder for one test.
fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cw-io-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs `read` on another thread and fails (rather than hangs) if it takes over 20 s.
fn within_seconds<T: Send + 'static>(read: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(read());
    });
    rx.recv_timeout(std::time::Duration::from_secs(20))
        .expect("the read returned instead of hanging")
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("incidents.geojson");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // As a user layer (--open, --check) and as an asset of a data folder.
    let path = fifo.clone();
    let e = within_seconds(move || io::collection::read_bytes(&path))
        .expect_err("a FIFO must be refused");
    assert!(matches!(e, LoadError::NotRegular { .. }), "{e:?}");
    assert!(e.to_string().contains("incidents.geojson") && e.to_string().contains("FIFO"));
    let report = within_seconds(move || io::load_dir(&dir));
    assert!(
        report
            .errors
            .iter()
            .any(|e| matches!(e, LoadError::NotRegular { file, .. } if *file == fifo)),
        "{:?}",
        report.errors
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_and_a_link_to_it_are_refused() {
    let dir = temp_dir("zero");
    let link = dir.join("meta.json");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    for path in [PathBuf::from("/dev/zero"), link] {
        let p = path.clone();
        let e = within_seconds(move || io::collection::read_bytes(&p))
            .expect_err("a device must be refused");
        assert!(matches!(e, LoadError::NotRegular { .. }), "{e:?}");
        let text = e.to_string();
        assert!(
            text.contains(&path.display().to_string()) && text.contains("character device"),
            "{text}"
        );
    }
}

#[test]
fn a_file_over_the_limit_is_refused_naming_it() {
    let dir = temp_dir("limit");
    let path = dir.join("big.geojson");
    std::fs::write(&path, vec![b' '; 1001]).expect("write");
    let e = io::source::read_file(&path, 1000).expect_err("over the limit");
    match &e {
        LoadError::TooLarge {
            file,
            size_bytes,
            limit_bytes,
        } => {
            assert_eq!(file, &path);
            assert_eq!((*size_bytes, *limit_bytes), (1001, 1000));
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(e.to_string().contains("big.geojson"), "{e}");
    // At the limit it reads, whole.
    assert_eq!(
        io::source::read_file(&path, 1001)
            .expect("at the limit")
            .len(),
        1001
    );
}
