//! Adversarial polygons (a 100k-vertex spiral, a 100k-tooth saw, a self-intersecting star)
//! through the whole geometry pipeline on a thread with a small stack: projection, label
//! points, simplification and triangulation at every level of detail for the base map, and
//! loading, indexing and picking as a user layer. A recursion whose depth grows with the
//! input would overflow 256 KiB (an abort, which no test harness catches) long before 100k.
//! Above `FILL_MAX_VERTICES` a base polygon is drawn as its outline (ear clipping is quadratic
//! on such shapes); just under it, it is triangulated, on the same small stack.

use contested_waters::io::user_file::{NoControl, parse_user_geojson};
use contested_waters::map::camera::{MAX_ZOOM, MIN_ZOOM};
use contested_waters::map::scene::{FILL_MAX_VERTICES, FULL_DETAIL_LOD};
use contested_waters::map::user::UserScene;
use contested_waters::map::{Camera, Scene, ScreenRect};
use contested_waters::model::Atlas;
use contested_waters::model::basemap::BaseCountry;
use geo::{Coord, LineString, MultiPolygon, Polygon};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::path::Path;

const STACK_BYTES: usize = 256 * 1024;
const VERTICES: usize = 100_000;

/// A thick spiral arm: out along one edge, back along the other (no two edges cross).
fn spiral(vertices: usize) -> Vec<Coord<f64>> {
    let half = vertices / 2;
    let turns = 40.0;
    let arm = |i: usize, offset: f64| {
        let t = i as f64 / half as f64;
        let theta = t * turns * std::f64::consts::TAU;
        let r = 0.2 + 4.0 * t + offset;
        Coord {
            x: 115.0 + r * theta.cos(),
            y: 12.0 + r * theta.sin(),
        }
    };
    let gap = 4.0 / turns * 0.4;
    (0..half)
        .map(|i| arm(i, 0.0))
        .chain((0..half).rev().map(|i| arm(i, gap)))
        .collect()
}

/// A saw: teeth along the top, a straight base.
fn saw(vertices: usize) -> Vec<Coord<f64>> {
    let n = vertices - 2;
    let mut v: Vec<Coord<f64>> = (0..n)
        .map(|i| Coord {
            x: 110.0 + 10.0 * i as f64 / n as f64,
            y: if i % 2 == 0 { 10.0 } else { 12.0 },
        })
        .collect();
    v.push(Coord { x: 120.0, y: 8.0 });
    v.push(Coord { x: 110.0, y: 8.0 });
    v
}

/// Points at random angles and radii in random order: edges cross everywhere.
fn star(vertices: usize) -> Vec<Coord<f64>> {
    let mut rng = StdRng::seed_from_u64(14);
    (0..vertices)
        .map(|_| {
            let a: f64 = rng.random_range(0.0..std::f64::consts::TAU);
            let r: f64 = rng.random_range(0.1..5.0);
            Coord {
                x: 115.0 + r * a.cos(),
                y: 12.0 + r * a.sin(),
            }
        })
        .collect()
}

/// The ring as a one-feature GeoJSON polygon.
fn geojson(ring: &[Coord<f64>]) -> String {
    let coords: Vec<String> = ring
        .iter()
        .chain(ring.first())
        .map(|c| format!("[{},{}]", c.x, c.y))
        .collect();
    format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"x"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}]}}"#,
        coords.join(",")
    )
}

/// The base map and a user layer made of `ring`, through every stage.
fn pipeline(ring: Vec<Coord<f64>>) {
    let json = geojson(&ring);
    let atlas = Atlas {
        countries: vec![BaseCountry {
            name: "Adversarial".to_owned(),
            iso: None,
            shape: MultiPolygon(vec![Polygon::new(LineString(ring), vec![])]),
        }],
        ..Atlas::default()
    };
    let mut scene = Scene::build(&atlas);
    for lod in 0..=FULL_DETAIL_LOD {
        let polygons = scene.base_lod(lod);
        assert_eq!(polygons.len(), 1);
    }
    // At full detail: filled (triangles over the ring's vertices) up to the budget, else
    // drawn as its outline; never nothing.
    let full = &scene.base_lod(FULL_DETAIL_LOD)[0];
    assert!(!full.rings.is_empty() && full.rings[0].len() > 2);
    let n: usize = full.rings.iter().map(Vec::len).sum();
    assert_eq!(
        !full.fill.indices.is_empty(),
        n <= FILL_MAX_VERTICES,
        "{n} vertices"
    );
    let load = parse_user_geojson(
        Path::new("deep.geojson"),
        "deep".into(),
        json.as_bytes(),
        &NoControl,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let user = UserScene::build(&load.layer);
    let viewport = ScreenRect::new(0.0, 0.0, 800.0, 600.0);
    for zoom in [MIN_ZOOM, 6.0, 11.0, MAX_ZOOM] {
        let cam = Camera::at_lon_lat(115.0, 12.0, zoom);
        let (_paths, shown) = user.lines_in(&cam, cam.visible_world(&viewport));
        assert!(shown.len() <= user.paths.len());
        let _ = user.pick(zoom, cam.center(), 6.0 * cam.m_per_pt());
    }
}

/// Runs `f` on a thread with a small stack; an overflow aborts the test binary.
fn on_small_stack(name: &str, f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(STACK_BYTES)
        .spawn(f)
        .unwrap_or_else(|e| panic!("{e}"))
        .join()
        .unwrap_or_else(|_| panic!("{name}: the pipeline panicked"));
}

#[test]
fn a_100k_vertex_spiral_needs_no_deep_stack() {
    on_small_stack("spiral", || pipeline(spiral(VERTICES)));
}

#[test]
fn a_100k_tooth_saw_needs_no_deep_stack() {
    on_small_stack("saw", || pipeline(saw(VERTICES)));
}

#[test]
fn a_self_intersecting_100k_star_needs_no_deep_stack() {
    on_small_stack("star", || pipeline(star(VERTICES)));
}

/// Just under the budget each shape is triangulated: ear clipping's own recursion (it splits
/// a ring it cannot clip) stays shallow on them.
#[test]
fn shapes_just_under_the_fill_budget_are_triangulated_on_a_small_stack() {
    let n = FILL_MAX_VERTICES - 100;
    on_small_stack("spiral-fill", move || pipeline(spiral(n)));
    on_small_stack("saw-fill", move || pipeline(saw(n)));
    on_small_stack("star-fill", move || pipeline(star(n / 2)));
}
