//! Scale: picking among a million incidents (synthetic, through the app's cells; and the
//! R-tree for comparison), and loading a large GeoJSON file with the streamed
//! typed loader against parsing it into the `geojson` crate's FeatureCollection (same bytes,
//! same run). The test data is generated here, deterministically; nothing large is committed.

use contested_waters::io::user_file::{NoControl, parse_user_geojson};
use contested_waters::map::pick::PickIndex;
use contested_waters::map::synthetic::SyntheticLayer;
use contested_waters::model::RecordRef;
use contested_waters::model::synthetic::SyntheticIncidents;
mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use geo::Coord;
use rand::{Rng, SeedableRng, rngs::StdRng};
use std::hint::black_box;
use std::path::Path;

/// A million points spread over the region, in world metres.
fn million_points() -> Vec<Coord<f64>> {
    let mut rng = StdRng::seed_from_u64(42);
    (0..1_000_000)
        .map(|_| {
            contested_waters::map::projection::world_from_lon_lat(Coord {
                x: rng.random_range(104.0..132.0),
                y: rng.random_range(2.0..34.0),
            })
        })
        .collect()
}

fn pick(c: &mut Criterion) {
    // The app's path: a million synthetic incidents (`--stress`), a hit test at the pointer
    // among the cells drawn at zoom 8 (the same cells, with the same counts, as drawn).
    let last = chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap_or_default();
    let layer = SyntheticLayer::build(
        SyntheticIncidents::generate(1_000_000, 1, last, &|_| true).unwrap_or_default(),
    );
    let mut rng = StdRng::seed_from_u64(1);
    let queries: Vec<Coord<f64>> = (0..1024)
        .map(|_| layer.pyramid.world[rng.random_range(0..layer.len())])
        .collect();
    let zoom = 8.0;
    // 8 pt at zoom 8 ≈ 4.9 km: a realistic tolerance at a mid zoom.
    let tolerance_m = 8.0 * contested_waters::map::Camera::at_lon_lat(118.0, 15.0, zoom).m_per_pt();
    let mut k = 0;
    c.bench_function("pick_1m", |b| {
        b.iter(|| {
            k = (k + 1) % queries.len();
            black_box(layer.pick(zoom, queries[k], tolerance_m))
        });
    });
    // The R-tree the real data is picked with, loaded with a million points, for comparison.
    let pts = million_points();
    let index = PickIndex::build(&[], &pts, &[], &[]);
    c.bench_function("pick_1m_rtree", |b| {
        b.iter(|| {
            k = (k + 1) % queries.len();
            black_box(index.pick(queries[k], tolerance_m, |i: RecordRef| {
                matches!(i, RecordRef::Incident(_))
            }))
        });
    });
}

fn load(c: &mut Criterion) {
    let n_points = std::env::var("CW_LOAD_POINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400_000);
    let text = common::synthetic_geojson(n_points, n_points / 10);
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("streamed_typed", text.len()),
        &text,
        |b, t| {
            b.iter(|| {
                black_box(
                    parse_user_geojson(
                        Path::new("bench.geojson"),
                        "bench".into(),
                        t.as_bytes(),
                        &NoControl,
                    )
                    .map(|l| l.layer.points.len()),
                )
            });
        },
    );
    g.bench_with_input(
        BenchmarkId::new("geojson_crate", text.len()),
        &text,
        |b, t| {
            b.iter(|| {
                black_box(matches!(
                    t.parse::<geojson::GeoJson>(),
                    Ok(geojson::GeoJson::FeatureCollection(_))
                ))
            });
        },
    );
    g.finish();
}

criterion_group!(benches, pick, load);
criterion_main!(benches);
