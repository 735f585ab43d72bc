//! What start-up spends on the bundled data: loading every file (from the binary and from disk), building the scene,
//! building the first level of detail of the base map (simplify + triangulate), and indexing
//! every name for the find box; and what one keystroke in the find box costs.

use contested_waters::io;
use contested_waters::map::Scene;
use contested_waters::map::scene::lod_for_zoom;
use contested_waters::model::search::SearchIndex;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn startup(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut g = c.benchmark_group("startup");
    g.sample_size(20);
    // The two sources side by side: their difference is what inflating the embedded copy costs.
    g.bench_function("load_dir", |b| b.iter(|| black_box(io::load_dir(&dir))));
    g.bench_function("load_embedded", |b| {
        b.iter(|| black_box(io::load(&io::DataSource::Embedded)))
    });
    let report = io::load(&io::DataSource::Embedded);
    g.bench_function("scene_build", |b| {
        b.iter(|| black_box(Scene::build(&report.atlas)))
    });
    g.bench_function("base_lod_default_view", |b| {
        b.iter_batched(
            || Scene::build(&report.atlas),
            |mut scene| black_box(scene.base_lod(lod_for_zoom(4.95)).len()),
            criterion::BatchSize::LargeInput,
        );
    });
    g.bench_function("base_lod_full_detail", |b| {
        b.iter_batched(
            || Scene::build(&report.atlas),
            |mut scene| black_box(scene.base_lod(lod_for_zoom(16.0)).len()),
            criterion::BatchSize::LargeInput,
        );
    });
    g.bench_function("search_index_build", |b| {
        b.iter(|| black_box(SearchIndex::build(&report.atlas)))
    });
    let index = SearchIndex::build(&report.atlas);
    // A Vietnamese name without its accents: every name is compared, and none matches first.
    g.bench_function("search_query_keystroke", |b| {
        b.iter(|| black_box(index.query(black_box("bai co may"), 8)))
    });
    g.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
