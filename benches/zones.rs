//! Maritime zones: every zone of both lenses built from the bundled data (issue 11's
//! `zones_build_ms`), one What's-here query without building zones, and loading what zones read
//! (the baseline for the query's whole-process time).

use contested_waters::io;
use contested_waters::io::zone_data::load_zone_data;
use contested_waters::model::zones::{build_all, query::whats_here};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn zones(c: &mut Criterion) {
    let src = io::DataSource::Embedded;
    let (data, _) = load_zone_data(&src);
    let (Some(award), Some(maximal)) = (data.lenses.get("award"), data.lenses.get("maximal"))
    else {
        eprintln!("zones bench: lenses.json lacks award or maximal");
        return;
    };
    let mut g = c.benchmark_group("zones");
    g.sample_size(10);
    g.bench_function("build_both_lenses", |b| {
        b.iter(|| black_box(build_all(&[award, maximal], data.inputs())))
    });
    g.bench_function("where_second_thomas", |b| {
        let p = geo::Point::new(115.866667, 9.733333);
        b.iter(|| black_box(whats_here(p, award, data.inputs())))
    });
    g.bench_function("load_zone_data", |b| {
        b.iter(|| black_box(load_zone_data(&src).1.is_empty()))
    });
    g.finish();
}

criterion_group!(benches, zones);
criterion_main!(benches);
