//! `--where` and `--export-zones`: the JSON a script reads, on a few known points.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_contested-waters"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn json_of(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cw-zones-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn where_at_second_thomas_shoal_reads_as_the_issue_says() {
    // The issue's example: "in the Philippines' EEZ (about 105 nm from Palawan) under the award;
    // no territorial sea (low-tide elevation); inside the nine-dash line and the KIG".
    let v = json_of(&["--where", "115.866667,9.733333"]);
    assert_eq!(v["lens"], "award");
    let zones = v["zones"].as_array().expect("zones");
    let phl = zones
        .iter()
        .find(|z| z["state"] == "PHL" && z["zone"] == "eez")
        .unwrap_or_else(|| panic!("no PHL EEZ: {v}"));
    let d = phl["distance_nm"].as_f64().expect("distance");
    assert!((95.0..115.0).contains(&d), "{d}");
    assert_eq!(phl["claimants"].as_array().map(Vec::len), Some(0));
    assert!(
        phl["generated_by"]["rule"]
            .as_str()
            .is_some_and(|r| r.starts_with("award-"))
    );
    assert!(!zones.iter().any(|z| z["zone"] == "territorial_sea"), "{v}");
    let claims: Vec<&str> = v["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        claims.contains(&"phl-kalayaan-island-group") && claims.contains(&"chn-nine-dash-line"),
        "{claims:?}"
    );
    let first = &v["nearest_features"][0];
    assert_eq!(first["id"], "second-thomas-shoal");
    assert_eq!(first["generates"].as_array().map(Vec::len), Some(0));
    assert!(first["distance_nm"].as_f64().is_some_and(|d| d < 0.01));
}

#[test]
fn where_near_uotsuri_shima_names_holder_and_claimants_under_both_lenses() {
    // 5' (about 5 nm) north of Uotsuri-shima's position in features.geojson.
    for lens in ["award", "maximal"] {
        let v = json_of(&["--where", "123.473333,25.826667", "--lens", lens]);
        let ts = v["zones"]
            .as_array()
            .expect("zones")
            .iter()
            .find(|z| z["zone"] == "territorial_sea")
            .unwrap_or_else(|| panic!("{lens}: no territorial sea: {v}"));
        assert_eq!(ts["state"], "JPN");
        assert_eq!(ts["claimants"], serde_json::json!(["CHN", "TWN"]));
        assert!(ts["distance_nm"].as_f64().is_some_and(|d| d <= 12.0));
        assert!(
            ts["generated_by"]["baseline"]
                .as_str()
                .is_some_and(|b| b.starts_with("feature:") || b.starts_with("claim:"))
        );
    }
}

#[test]
fn bad_where_and_bad_lens_are_refused() {
    assert!(!run(&["--where", "115.8"]).status.success());
    assert!(!run(&["--where", "115.8,95"]).status.success());
    assert!(
        !run(&["--where", "115.8,9.7", "--lens", "generous"])
            .status
            .success()
    );
}

/// A small data folder: Taiwan's and Japan's outlines, the Senkaku features, the bundled claims
/// and lenses (so the export stays quick in a debug build).
fn small_assets(dir: &Path) {
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let read = |f: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(bundled.join(f)).expect("read"))
            .expect("json")
    };
    let keep = |mut v: Value, f: &dyn Fn(&Value) -> bool| {
        let kept: Vec<Value> = v["features"]
            .as_array()
            .expect("features")
            .iter()
            .filter(|x| f(x))
            .cloned()
            .collect();
        v["features"] = Value::Array(kept);
        v
    };
    std::fs::create_dir_all(dir.join("basemap")).expect("dir");
    let countries = keep(read("basemap/countries.geojson"), &|x| {
        x["properties"]["iso_a3"] == "TWN"
    });
    std::fs::write(dir.join("basemap/countries.geojson"), countries.to_string()).expect("write");
    let features = keep(read("features.geojson"), &|x| {
        x["properties"]["group"] == "senkaku"
    });
    std::fs::write(dir.join("features.geojson"), features.to_string()).expect("write");
    for f in ["claims.geojson", "lenses.json"] {
        std::fs::copy(bundled.join(f), dir.join(f)).expect("copy");
    }
}

#[test]
fn export_zones_writes_one_feature_per_holder_and_zone() {
    let dir = temp_dir("export");
    small_assets(&dir);
    let out_path = dir.join("zones.geojson");
    let out = run(&[
        "--assets",
        dir.to_str().unwrap(),
        "--export-zones",
        out_path.to_str().unwrap(),
        "--lens",
        "award",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out_path).expect("written"))
        .expect("GeoJSON");
    let feats = v["features"].as_array().expect("features");
    let find = |state: &str, zone: &str| {
        feats.iter().find(|f| {
            f["properties"]["state"] == state
                && f["properties"]["zone"] == zone
                && f["properties"]["claimants"]
                    .as_array()
                    .is_some_and(|c| c.is_empty())
        })
    };
    for zone in ["territorial_sea", "contiguous_zone", "eez"] {
        let f = find("TWN", zone).unwrap_or_else(|| panic!("no TWN {zone}"));
        assert_eq!(f["geometry"]["type"], "MultiPolygon");
        assert_eq!(f["properties"]["generated_by"][0]["baseline"], "coast:TWN");
        assert_eq!(f["properties"]["generated_by"][0]["rule"], "award-coast");
    }
    let senkaku: Vec<&Value> = feats
        .iter()
        .filter(|f| f["properties"]["label"] == "JPN, claimed by CHN, TWN")
        .collect();
    let kinds: Vec<&str> = senkaku
        .iter()
        .filter_map(|f| f["properties"]["zone"].as_str())
        .collect();
    // The award did not classify the Senkakus: islands in the data keep all three zones.
    for zone in ["territorial_sea", "contiguous_zone", "eez"] {
        assert!(kinds.contains(&zone), "{kinds:?}");
    }
    // Taiwan's and the Senkakus' 200 nm zones overlap, with a labelled equidistance line.
    assert!(
        feats
            .iter()
            .any(|f| f["properties"]["zone"] == "equidistance_line"
                && f["properties"]["label"] == "equidistance, not an agreed boundary"
                && f["properties"]["states"] == serde_json::json!(["JPN", "TWN"]))
    );
}

#[test]
fn a_lens_table_with_an_unknown_rule_value_is_refused_naming_file_and_rule() {
    let dir = temp_dir("badlens");
    small_assets(&dir);
    let text = std::fs::read_to_string(dir.join("lenses.json")).expect("read");
    let bad = text.replacen("\"award\": \"submerged\"", "\"award\": \"sandbar\"", 1);
    assert_ne!(bad, text);
    std::fs::write(dir.join("lenses.json"), bad).expect("write");
    let out = run(&["--assets", dir.to_str().unwrap(), "--where", "121,20"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lenses.json") && err.contains("award-submerged") && err.contains("sandbar"),
        "{err}"
    );
}
