//! Inputs that once broke (or were built to break) the loaders and the geometry pipeline, run
//! under plain `cargo test`. Every crash the fuzzers (`scripts/fuzz`) find is saved under
//! `tests/fixtures/fuzz/<target>/` and replayed here through the same code as its target.

// A failed expectation in a test should panic with its message.
#![allow(clippy::expect_used)]

use contested_waters::io::user_file::{NoControl, parse_user_geojson};
use contested_waters::io::{self, web_url};
use contested_waters::map::camera::{MAX_ZOOM, MIN_ZOOM};
use contested_waters::map::simplify::{label_point, simplify_polygon};
use contested_waters::map::user::UserScene;
use contested_waters::map::{Camera, Scene, ScreenRect};
use contested_waters::model::{Atlas, BaseCountry};
use geo::{Coord, LineString, MultiPolygon, Polygon, TriangulateEarcut};
use std::path::{Path, PathBuf};

/// What the `pipeline` fuzz target does with one input: load as a user layer, then project,
/// simplify, triangulate and pick at zooms chosen by the first byte.
fn pipeline(data: &[u8]) {
    let Some((&seed, json)) = data.split_first() else {
        return;
    };
    let Ok(load) = parse_user_geojson(Path::new("fuzz.geojson"), "fuzz".into(), json, &NoControl)
    else {
        return;
    };
    let scene = UserScene::build(&load.layer);
    let viewport = ScreenRect::new(0.0, 0.0, 800.0, 600.0);
    for k in 0..3u8 {
        let t = f64::from(seed.wrapping_add(k.wrapping_mul(85))) / 255.0;
        let zoom = MIN_ZOOM + t * (MAX_ZOOM - MIN_ZOOM);
        let at = load
            .layer
            .path_coords
            .first()
            .or(load.layer.points.first())
            .copied()
            .unwrap_or([115.0, 12.0]);
        let cam = Camera::at_lon_lat(at[0], at[1].clamp(-85.0, 85.0), zoom);
        let (_paths, shown) = scene.lines_in(&cam, cam.visible_world(&viewport));
        assert!(shown.len() <= scene.paths.len());
        let _ = scene.point_cells(&cam, &viewport, 8.0);
        let _ = scene.pick(zoom, cam.center(), 6.0 * cam.m_per_pt());
        for p in scene.paths.iter().take(64) {
            let ring: LineString<f64> = p.iter().map(|c| Coord { x: c[0], y: c[1] }).collect();
            let poly = simplify_polygon(&Polygon::new(ring, vec![]), cam.m_per_pt() * 0.6);
            let _ = label_point(&poly);
            if poly.exterior().0.len() <= 2_000 {
                let _ = poly.earcut_triangles_raw();
            }
        }
    }
}

/// Replays one saved input through the code of the fuzz target it was found by.
fn replay(target: &str, data: &[u8]) {
    let text = std::str::from_utf8(data).ok();
    let path = Path::new("fuzz.geojson");
    match target {
        "user_geojson" => {
            let _ = parse_user_geojson(path, "fuzz".into(), data, &NoControl);
        }
        "features" => {
            let _ = text.map(|t| io::features::parse(path, t));
        }
        "claims" => {
            let _ = text.map(|t| io::claims::parse(path, t));
        }
        "incidents" => {
            let _ = text.map(|t| io::incidents::parse(path, t));
        }
        "agreements" => {
            let _ = text.map(|t| io::agreements::parse(path, t));
        }
        "meta" => {
            let _ = text.map(|t| io::meta::parse_meta(path, t));
            let _ = text.map(|t| io::meta::parse_series(path, t));
        }
        "web_url" => {
            if let Some(url) = text.and_then(web_url::web_url) {
                assert_eq!(
                    web_url::web_url(url.as_str()).map(|u| u.to_string()),
                    Some(url.to_string())
                );
            }
        }
        "pipeline" => pipeline(data),
        other => panic!("tests/fixtures/fuzz/{other}: no such fuzz target"),
    }
}

#[test]
fn every_saved_fuzz_input_is_handled() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let Ok(targets) = std::fs::read_dir(&root) else {
        return;
    };
    for target in targets.filter_map(Result::ok) {
        let name = target.file_name().to_string_lossy().into_owned();
        if !target.path().is_dir() {
            continue;
        }
        for input in std::fs::read_dir(target.path())
            .expect("readable")
            .flatten()
        {
            let data = std::fs::read(input.path()).expect("readable input");
            replay(&name, &data);
        }
    }
}

/// A survey-track-shaped line: back and forth `n` times (the shape that overflowed geo's
/// recursive Douglas–Peucker while drawing).
fn back_and_forth(n: usize) -> String {
    let mut s = String::from(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"track"},"geometry":{"type":"LineString","coordinates":["#,
    );
    for i in 0..n {
        let lon = if i % 2 == 0 { 114.0 } else { 116.0 };
        let lat = 10.0 + i as f64 * 1e-5;
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!("[{lon},{lat:.6}]"));
    }
    s.push_str("]}}]}");
    s
}

#[test]
fn a_hundred_thousand_vertex_track_draws_at_every_zoom() {
    let text = back_and_forth(100_000);
    let mut data = vec![0u8];
    data.extend_from_slice(text.as_bytes());
    for seed in [0u8, 170] {
        data[0] = seed;
        pipeline(&data);
    }
}

#[test]
fn a_saw_tooth_base_map_polygon_builds_its_scene_and_every_level() {
    // 100k vertices of teeth along a coast: geo's interior_point sweep overflowed on it.
    let mut ring = vec![Coord { x: 110.0, y: 10.0 }];
    for i in 0..50_000 {
        let x = 110.0 + f64::from(i) * 1e-4;
        ring.push(Coord { x, y: 12.0 });
        ring.push(Coord {
            x: x + 5e-5,
            y: 10.5,
        });
    }
    ring.extend([Coord { x: 115.0, y: 10.0 }, Coord { x: 110.0, y: 10.0 }]);
    let atlas = Atlas {
        countries: vec![BaseCountry {
            name: "Saw".into(),
            iso: None,
            shape: MultiPolygon(vec![Polygon::new(LineString(ring), vec![])]),
        }],
        ..Atlas::default()
    };
    let mut scene = Scene::build(&atlas);
    for lod in [0u8, 4, 8, 12] {
        let polys = scene.base_lod(lod);
        assert_eq!(polys.len(), 1);
    }
    assert!(scene.built_lods() >= 4);
}

#[test]
fn hostile_urls_never_become_links() {
    for bad in [
        "https:/[/../../x.html",
        "https:/%zz",
        "http:/a:99999",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://",
    ] {
        assert!(!web_url::is_web_url(bad), "{bad}");
    }
}
