//! The command line: help, and clear errors with a non-zero exit for bad arguments (no window
//! is opened for these).

// A binary that cannot start should fail the test loudly.
#![allow(clippy::expect_used)]

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_contested-waters"))
        .args(args)
        .output()
        .expect("binary runs")
}

#[test]
fn help_describes_the_options() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for opt in ["--view", "--screenshot", "--assets", "LON,LAT,ZOOM"] {
        assert!(text.contains(opt), "help lacks {opt}:\n{text}");
    }
}

#[test]
fn bad_view_is_refused_with_a_message() {
    for (arg, needle) in [
        ("117,15", "LON,LAT,ZOOM"),
        ("117,95,5", "latitude"),
        ("117,15,99", "zoom"),
        ("x,15,5", "longitude"),
    ] {
        let out = run(&["--view", arg]);
        assert!(!out.status.success(), "{arg} accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{arg}: {err}");
    }
}

#[test]
fn unknown_flag_is_refused() {
    let out = run(&["--no-such-flag"]);
    assert!(!out.status.success());
}

#[test]
fn export_writes_the_filtered_incidents_without_a_window() {
    let dir = std::env::temp_dir().join(format!("cw-cli-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let all = dir.join("all.csv");
    let out = run(&["--export", all.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let some = dir.join("some.geojson");
    let out = run(&[
        "--kinds",
        "water_cannon",
        "--actors",
        "VNM",
        "--from",
        "2014-01-01",
        "--export",
        some.to_str().expect("utf-8 path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    let rows = std::fs::read_to_string(&all).expect("csv").lines().count();
    let text = std::fs::read_to_string(&some).expect("geojson");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let features = v["features"].as_array().expect("features");
    assert!(
        !features.is_empty() && features.len() + 1 < rows,
        "a filtered subset"
    );
    assert!(said.contains(&format!("{} of", features.len())), "{said}");
    for f in features {
        let p = &f["properties"];
        assert_eq!(p["kind"], "water_cannon");
        assert!(p["date"].as_str().is_some_and(|d| d >= "2014-01-01"));
        let actors = p["actors"].as_array().expect("actors");
        assert!(actors.iter().any(|a| a["country"] == "VNM"));
    }
    // A format it cannot write: a message naming the file, a non-zero exit, no file.
    let bad = dir.join("incidents.xlsx");
    let out = run(&["--export", bad.to_str().expect("utf-8 path")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("incidents.xlsx"));
    assert!(!bad.exists());
}

#[test]
fn version_gives_the_app_version_and_the_data_as_of_date() {
    let out = run(&["--version"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let meta = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/meta.json"))
        .expect("meta.json");
    let meta: serde_json::Value = serde_json::from_str(&meta).expect("JSON");
    let as_of = meta["as_of"].as_str().expect("as_of");
    assert!(
        text.contains(env!("CARGO_PKG_VERSION")) && text.contains(as_of),
        "{text}"
    );
}

#[test]
fn bare_paths_are_opened_as_layers_after_open_ones() {
    use clap::Parser;
    let cli = contested_waters::cli::Cli::try_parse_from([
        "contested-waters",
        "a.geojson",
        "--open",
        "b.geojson",
        "c.geojson",
    ])
    .expect("parses");
    let want: Vec<std::path::PathBuf> = ["b.geojson", "a.geojson", "c.geojson"]
        .iter()
        .map(Into::into)
        .collect();
    assert_eq!(cli.open_paths(), want);
}

#[cfg(unix)]
#[test]
fn check_refuses_a_device_at_once() {
    let out = run(&["--check", "/dev/zero"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/zero") && err.contains("not a regular file"),
        "{err}"
    );
}
