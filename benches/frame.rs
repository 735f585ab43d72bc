//! CPU time of one whole frame of the app (egui pass + tessellation of what it painted), with
//! the bundled data: at the default view, zoomed to one reef, while the timeline plays, and
//! with a million synthetic incidents at the full-region view — against a naive path that
//! projects every incident and adds one egui shape per incident every frame. Also the time
//! from a date-range change to the next frame's geometry with a million incidents.
//! Rendering to pixels is not included (that is the GPU's, or Mesa's, work).

mod common;

use contested_waters::app::Command;
use contested_waters::app::{App, StartOptions};
use contested_waters::io;
use contested_waters::map::Camera;
use contested_waters::map::projection::world_from_lon_lat;
use contested_waters::model::synthetic::SyntheticIncidents;
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};

fn harness(options: StartOptions) -> Harness<'static, App> {
    let app = App::from_report(io::load(&io::DataSource::Embedded), options, None);
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .with_context_setup(contested_waters::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run_steps(5);
    h
}

/// A million synthetic incidents (`--stress`, seed 1), generated in the background as the app
/// does, waited for.
const MILLION: usize = 1_000_000;

fn stressed() -> Harness<'static, App> {
    let mut h = harness(StartOptions {
        stress: Some(MILLION),
        ..Default::default()
    });
    while h.state().loading() > 0 {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run_steps(3);
    assert_eq!(h.state().synthetic().map(|s| s.len()), Some(MILLION));
    h
}

/// The naive path: the app without its synthetic layer, plus every incident projected and
/// painted as its own circle on the map, every frame.
fn naive() -> Harness<'static, (App, Vec<geo::Coord<f64>>)> {
    let atlas_last = chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap_or_default();
    let rows = SyntheticIncidents::generate(MILLION, 1, atlas_last, &|_| true)
        .map(|s| s.lon_lat)
        .unwrap_or_default();
    let app = App::from_report(
        io::load(&io::DataSource::Embedded),
        StartOptions::default(),
        None,
    );
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .with_context_setup(contested_waters::ui::fonts::install)
        .build_ui_state(
            |ui, (app, rows): &mut (App, Vec<geo::Coord<f64>>)| {
                app.ui(ui);
                let (Some(cam), Some(vp)) = (app.camera(), app.map_viewport()) else {
                    return;
                };
                let clip = egui::Rect::from_min_size(
                    egui::pos2(vp.min.x as f32, vp.min.y as f32),
                    egui::vec2(vp.size.x as f32, vp.size.y as f32),
                );
                let painter = ui
                    .ctx()
                    .layer_painter(egui::LayerId::background())
                    .with_clip_rect(clip);
                for ll in rows.iter() {
                    let s = cam.screen_from_world(&vp, world_from_lon_lat(*ll));
                    painter.circle_filled(
                        egui::pos2(s.x as f32, s.y as f32),
                        3.5,
                        egui::Color32::from_rgb(0x3a, 0x3f, 0x58),
                    );
                }
            },
            (app, rows),
        );
    h.run_steps(3);
    h
}

/// One frame: the egui pass, then tessellating its shapes into meshes.
fn frame<S>(h: &mut Harness<'static, S>) -> usize {
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
    // The same view with the award lens's zones drawn (issue 11's frame_zones_ratio: this over
    // default_view), once they are computed.
    let mut h = harness(StartOptions {
        lens: Some("award".into()),
        ..Default::default()
    });
    while h.state().zone_scene().is_none() {
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.run_steps(3);
    g.bench_function("default_view_zones", |b| b.iter(|| frame(&mut h)));
    let reef = StartOptions {
        camera: Some(Camera::at_lon_lat(115.86, 9.73, 15.0)),
        ..Default::default()
    };
    let mut h = harness(reef);
    g.bench_function("reef", |b| b.iter(|| frame(&mut h)));
    // Past the base map's scale with small islands on screen: dashed outlines and the notice.
    let senkakus = StartOptions {
        camera: Some(Camera::at_lon_lat(123.53, 25.74, 12.0)),
        ..Default::default()
    };
    let mut h = harness(senkakus);
    g.bench_function("senkakus_zoom12", |b| b.iter(|| frame(&mut h)));
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

fn million(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    let mut h = stressed();
    g.bench_function("1m_full_region", |b| b.iter(|| frame(&mut h)));
    g.finish();
    // Change the date range, then draw: visibility of a million rows, the cells on screen
    // re-aggregated, and the frame.
    let ranges = [
        (
            chrono::NaiveDate::from_ymd_opt(2015, 1, 1),
            chrono::NaiveDate::from_ymd_opt(2019, 12, 31),
        ),
        (
            chrono::NaiveDate::from_ymd_opt(2020, 6, 1),
            chrono::NaiveDate::from_ymd_opt(2024, 5, 31),
        ),
    ];
    let mut k = 0;
    c.bench_function("filter_1m", |b| {
        b.iter(|| {
            k = (k + 1) % 2;
            let (from, to) = ranges[k];
            h.state_mut().apply(Command::SetDateRange(from, to));
            frame(&mut h)
        });
    });
    drop(h);
    // A user's file of the perf report's size (99 MB: 640k points, 64k small polygons),
    // opened as `--open` does, at the full-region view.
    let path = std::env::temp_dir().join(format!("cw-bench-{}.geojson", std::process::id()));
    if std::fs::write(&path, common::synthetic_geojson(640_000, 64_000)).is_ok() {
        let mut h = harness(StartOptions {
            open: vec![path.clone()],
            ..Default::default()
        });
        while h.state().loading() > 0 {
            std::thread::sleep(Duration::from_millis(20));
            h.step();
        }
        h.run_steps(3);
        assert_eq!(h.state().user_layers().len(), 1);
        let mut g = c.benchmark_group("frame");
        g.sample_size(10).measurement_time(Duration::from_secs(6));
        g.bench_function("user_file_99mb", |b| b.iter(|| frame(&mut h)));
        // Zoomed in to where its rings are drawn as lines and its points split.
        h.state_mut()
            .apply(Command::SetCamera(Camera::at_lon_lat(115.0, 10.0, 9.0)));
        h.run_steps(3);
        g.bench_function("user_file_99mb_zoom9", |b| b.iter(|| frame(&mut h)));
        g.finish();
    }
    std::fs::remove_file(&path).ok();
    let mut h = naive();
    let mut g = c.benchmark_group("frame");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("1m_naive", |b| b.iter(|| frame(&mut h)));
    g.finish();
}

criterion_group!(benches, frames, million);
criterion_main!(benches);
