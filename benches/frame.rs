//! CPU time of one whole frame of the app (egui pass + tessellation of what it painted), with
//! the bundled data: at the default view, zoomed to one reef, and while the timeline plays.
//! Rendering to pixels is not included (that is the GPU's, or Mesa's, work).

use contested_waters::app::{App, StartOptions};
use contested_waters::io;
use contested_waters::map::Camera;
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};

fn harness(options: StartOptions) -> Harness<'static, App> {
    let app = App::from_report(io::load_dir(&io::bundled_assets_dir()), options, None);
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .with_context_setup(contested_waters::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run_steps(5);
    h
}

/// One frame: the egui pass, then tessellating its shapes into meshes.
fn frame(h: &mut Harness<'static, App>) -> usize {
    h.step();
    let out = h.output();
    let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
    prims.len()
}

fn frames(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame");
    g.sample_size(30).measurement_time(Duration::from_secs(6));
    let mut h = harness(StartOptions::default());
    g.bench_function("default_view", |b| b.iter(|| frame(&mut h)));
    let reef = StartOptions {
        camera: Some(Camera::at_lon_lat(115.86, 9.73, 15.0)),
        ..Default::default()
    };
    let mut h = harness(reef);
    g.bench_function("reef", |b| b.iter(|| frame(&mut h)));
    // Playing: the date window moves every frame, so the filter, counts and clusters follow.
    let mut h = harness(StartOptions::default());
    g.bench_function("timeline_playing", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                if let Some(play) = h.query_by_label("▶ Play") {
                    // Stopped at the end of the data (or not started): start again, untimed.
                    play.click_accesskit();
                    h.step();
                }
                let t = Instant::now();
                std::hint::black_box(frame(&mut h));
                total += t.elapsed();
            }
            total
        });
    });
    g.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
