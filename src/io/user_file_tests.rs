//! Tests of the user-file loader (kept apart so the loader reads in one screen or two).

use super::*;

fn parse(text: &str) -> Result<UserLoad, LoadError> {
    parse_user_geojson(
        Path::new("test.geojson"),
        "test".into(),
        text.as_bytes(),
        &NoControl,
    )
}

#[test]
fn points_lines_and_polygons_into_flat_buffers() {
    let text = r#"{"type":"FeatureCollection","name":"x","features":[
      {"type":"Feature","properties":{"name":"a"},"geometry":{"type":"Point","coordinates":[117.7,15.1]}},
      {"type":"Feature","properties":{"name":7},"geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}},
      {"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[0,0],[1,1],[2,0]]}},
      {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.2,0.2],[0.3,0.2],[0.2,0.3],[0.2,0.2]]]}}
    ]}"#;
    let l = parse(text).expect("parses").layer;
    assert_eq!(l.points, vec![[117.7, 15.1], [1.0, 2.0], [3.0, 4.0]]);
    assert_eq!(l.point_feature, vec![0, 1, 1]);
    assert_eq!(l.paths, vec![(0, 3), (3, 7), (7, 11)]);
    let names: Vec<&str> = l
        .names
        .iter()
        .map(|&(a, b)| &l.name_text[a as usize..b as usize])
        .collect();
    assert_eq!(names, vec!["a", "", "", ""]);
}

/// Big enough to be converted in parallel chunks: the joined layer is in file order.
#[test]
fn chunks_join_in_file_order() {
    let n: u32 = 45_000;
    let mut text = String::from(r#"{"type":"FeatureCollection","features":["#);
    for i in 0..n {
        if i > 0 {
            text.push(',');
        }
        let (x, y) = (f64::from(i % 300) * 0.1, f64::from(i % 200) * 0.1);
        if i == 30_001 {
            text.push_str(r#"{"type":"Feature","id":"bad","geometry":{"type":"Point","coordinates":[900,1]}}"#);
        } else if i % 2 == 0 {
            text.push_str(&format!(
                r#"{{"type":"Feature","properties":{{"name":"f{i}"}},"geometry":{{"type":"Point","coordinates":[{x},{y}]}}}}"#
            ));
        } else {
            text.push_str(&format!(
                r#"{{"type":"Feature","properties":{{"name":"f{i}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{x},1],[1,1],[{x},{y}]]]}}}}"#
            ));
        }
    }
    text.push_str("]}");
    let load = parse(&text).expect("parses");
    let l = &load.layer;
    assert_eq!(load.skipped.len(), 1);
    assert!(load.skipped[0].to_string().contains("feature #30001"));
    assert_eq!(l.points.len(), n as usize / 2);
    let expected: Vec<u32> = (0..n).step_by(2).collect();
    assert_eq!(l.point_feature, expected);
    assert_eq!(l.paths.len(), n as usize / 2 - 1);
    let mut end = 0;
    for &(a, b) in &l.paths {
        assert_eq!((a, b - a), (end, 4));
        end = b;
    }
    assert_eq!(end as usize, l.path_coords.len());
    let names: Vec<&str> = l
        .names
        .iter()
        .map(|&(a, b)| &l.name_text[a as usize..b as usize])
        .collect();
    let want: Vec<String> = (0..n)
        .map(|i| {
            if i == 30_001 {
                String::new()
            } else {
                format!("f{i}")
            }
        })
        .collect();
    assert_eq!(names.len(), want.len());
    let first_bad = names.iter().zip(&want).position(|(a, b)| a != b);
    assert_eq!(first_bad, None, "first differing name");
    assert_eq!(l.name_of(44_999), Some("f44999"));
    assert_eq!(l.name_of(30_001), None);
    assert!(l.path_feature.iter().all(|f| f % 2 == 1));
}

#[test]
fn a_file_of_bad_features_reports_a_bounded_number() {
    let mut text = String::from(r#"{"type":"FeatureCollection","features":["#);
    let n = 50_000;
    for i in 0..n {
        if i > 0 {
            text.push(',');
        }
        if i == 40_000 {
            text.push_str(r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}"#);
        } else {
            text.push_str(r#"{"type":"Feature","geometry":null}"#);
        }
    }
    text.push_str("]}");
    let load = parse(&text).expect("parses");
    assert_eq!(load.layer.points, vec![[1.0, 2.0]]);
    assert_eq!(load.layer.point_feature, vec![40_000]);
    assert_eq!(load.skipped_total, n - 1);
    assert_eq!(load.skipped.len(), MAX_SKIP_REPORTS);
    assert!(load.skipped[0].to_string().contains("feature #0"));
    assert!(load.skipped[99].to_string().contains("feature #99"));
}

#[test]
fn hostile_nesting_skips_the_feature_without_a_crash() {
    let deep = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{{"type":"Point","coordinates":{}1{}}}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    // The feature is skipped and named; the load itself goes on.
    let load = parse(&deep).expect("the collection itself is sound");
    assert_eq!(load.skipped_total, 1);
    let msg = load.skipped[0].to_string();
    assert!(msg.contains("feature #0") && msg.contains("Point"), "{msg}");
}

#[test]
fn altitudes_are_ignored_and_short_positions_rejected() {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Point","coordinates":[117.7,15.1,12.5]}},
      {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0,1],[1,0,1],[1,1,1],[0,0,1]]],[[[5,5],[6,5],[6,6],[5,5]]]]}},
      {"type":"Feature","id":"short","geometry":{"type":"LineString","coordinates":[[0,0],[1]]}},
      {"type":"Feature","id":"none","geometry":{"type":"Point"}}
    ]}"#;
    let load = parse(text).expect("parses");
    assert_eq!(load.layer.points, vec![[117.7, 15.1]]);
    assert_eq!(load.layer.paths, vec![(0, 4), (4, 8)]);
    assert_eq!(load.layer.path_coords[5], [6.0, 5.0]);
    let msgs: Vec<String> = load.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(
        msgs[0].contains("short") && msgs[0].contains("LineString"),
        "{}",
        msgs[0]
    );
    assert!(
        msgs[1].contains("none") && msgs[1].contains("without coordinates"),
        "{}",
        msgs[1]
    );
}

#[test]
fn one_bad_feature_among_many_is_skipped_and_reported() {
    let mut text = String::from(r#"{"type":"FeatureCollection","features":["#);
    for i in 0..1000 {
        if i > 0 {
            text.push(',');
        }
        if i == 637 {
            text.push_str(r#"{"type":"Feature","id":"bad-one","geometry":{"type":"Point","coordinates":[500,2]}}"#);
        } else if i == 800 {
            text.push_str(
                r#"{"type":"Feature","id":801,"geometry":{"type":"Circle","coordinates":[1,2]}}"#,
            );
        } else {
            text.push_str(&format!(
                r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{},{}]}}}}"#,
                100 + i % 30,
                i % 20
            ));
        }
    }
    text.push_str("]}");
    let load = parse(&text).expect("parses");
    assert_eq!(load.layer.points.len(), 998);
    assert_eq!(load.skipped.len(), 2);
    let msgs: Vec<String> = load.skipped.iter().map(ToString::to_string).collect();
    assert!(
        msgs[0].contains("feature #637") && msgs[0].contains("bad-one") && msgs[0].contains("500"),
        "{}",
        msgs[0]
    );
    assert!(
        msgs[1].contains("feature #800") && msgs[1].contains("801"),
        "{}",
        msgs[1]
    );
}

#[test]
fn broken_json_names_line_and_column() {
    let err = parse("{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":\"Feature\",\n\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},\n{oops}]}")
        .expect_err("broken");
    match err {
        LoadError::Json { line, .. } => assert_eq!(line, 4),
        other => panic!("{other:?}"),
    }
    assert!(parse("[1,2,3]").is_err());
    assert!(parse(r#"{"type":"Feature"}"#).is_err());
}

#[test]
fn cancel_stops_between_features() {
    let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}]}"#;
    let flag = AtomicBool::new(true);
    let err = parse_user_geojson(Path::new("c.geojson"), "c".into(), text.as_bytes(), &flag)
        .expect_err("cancelled");
    assert!(matches!(err, LoadError::Cancelled { .. }), "{err:?}");
    assert!(err.to_string().contains(CANCELLED));
}

/// A control that cancels itself once progress has reached `at_bytes` (a hook inside the
/// load), and remembers the furthest progress it was told.
struct CancelAt {
    at_bytes: usize,
    furthest: std::sync::atomic::AtomicUsize,
}

impl LoadControl for CancelAt {
    fn progress(&self, done: usize, _: usize) {
        self.furthest.fetch_max(done, Ordering::Relaxed);
    }
    fn cancelled(&self) -> bool {
        self.furthest.load(Ordering::Relaxed) >= self.at_bytes
    }
}

fn points(n: usize) -> String {
    let features: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{},1]}}}}"#,
                i % 100
            )
        })
        .collect();
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

#[test]
fn cancel_set_during_the_scan_stops_it_before_the_second_pass() {
    let text = points(10_000);
    // The first progress report (at the first feature) sets it; the scan sees it later.
    let control = CancelAt {
        at_bytes: 1,
        furthest: 0.into(),
    };
    let err = parse_user_geojson(
        Path::new("c.geojson"),
        "c".into(),
        text.as_bytes(),
        &control,
    )
    .expect_err("cancelled");
    assert!(matches!(err, LoadError::Cancelled { .. }), "{err:?}");
    let furthest = control.furthest.load(Ordering::Relaxed);
    assert!(
        furthest < text.len() / 2,
        "the second pass never started: progress {furthest} of {}",
        text.len()
    );
}

#[test]
fn cancel_set_during_the_second_pass_stops_it() {
    let text = points(10_000);
    // Set when the second pass reports its first progress past the half (the scan is done).
    let control = CancelAt {
        at_bytes: text.len() / 2 + 1,
        furthest: 0.into(),
    };
    let err = parse_user_geojson(
        Path::new("c.geojson"),
        "c".into(),
        text.as_bytes(),
        &control,
    )
    .expect_err("cancelled");
    assert!(matches!(err, LoadError::Cancelled { .. }), "{err:?}");
    let furthest = control.furthest.load(Ordering::Relaxed);
    assert!(
        furthest > text.len() / 2 && furthest < text.len(),
        "stopped within the second pass: progress {furthest} of {}",
        text.len()
    );
}
