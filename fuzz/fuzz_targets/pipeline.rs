//! A parsed user layer through projection, simplification, triangulation and picking at
//! several zooms chosen by the input's first byte.
#![no_main]

use contested_waters::io::user_file::{NoControl, parse_user_geojson};
use contested_waters::map::camera::{MAX_ZOOM, MIN_ZOOM};
use contested_waters::map::simplify::{label_point, simplify_polygon};
use contested_waters::map::user::UserScene;
use contested_waters::map::{Camera, ScreenRect};
use geo::{Coord, LineString, Polygon, TriangulateEarcut};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
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
        let lon_lat = load
            .layer
            .path_coords
            .first()
            .or(load.layer.points.first())
            .copied()
            .unwrap_or([115.0, 12.0]);
        let cam = Camera::at_lon_lat(lon_lat[0], lon_lat[1].clamp(-85.0, 85.0), zoom);
        let (_paths, shown) = scene.lines_in(&cam, cam.visible_world(&viewport));
        assert!(shown.len() <= scene.paths.len());
        let _ = scene.point_cells(&cam, &viewport, 8.0);
        let _ = scene.pick(zoom, cam.center(), 6.0 * cam.m_per_pt());
        // Every line as a ring: simplified, triangulated and labelled as base-map land is.
        for p in scene.paths.iter().take(64) {
            let ring: LineString<f64> = p.iter().map(|c| Coord { x: c[0], y: c[1] }).collect();
            let poly = simplify_polygon(&Polygon::new(ring, vec![]), cam.m_per_pt() * 0.6);
            let _ = label_point(&poly);
            if poly.exterior().0.len() <= 2_000 {
                let _ = poly.earcut_triangles_raw();
            }
        }
    }
});
