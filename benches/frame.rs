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

/// A harness built on first use: only when criterion's filter selects a benchmark that uses
/// it, so a filtered run skips the long set-ups (a million rows, zones) of the others.
struct Lazy<S: 'static> {
    make: Option<Box<dyn FnOnce() -> Harness<'static, S>>>,
    h: Option<Harness<'static, S>>,
}

impl<S: 'static> Lazy<S> {
    fn new(make: impl FnOnce() -> Harness<'static, S> + 'static) -> Self {
        Self {
            make: Some(Box::new(make)),
            h: None,
        }
    }

    fn get(&mut self) -> &mut Harness<'static, S> {
        let make = self.make.take();
        self.h.get_or_insert_with(|| match make {
            Some(make) => make(),
            None => unreachable!("a Lazy's harness is built once and kept"),
        })
    }
}

/// The app with zones of the award lens computed and drawn.
fn zoned() -> Harness<'static, App> {
    let mut h = harness(StartOptions {
        lens: Some("award".into()),
        ..Default::default()
    });
    while h.state().zone_scene().is_none() {
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.run_steps(3);
    h
}

/// Frames of the harness `make` builds while the map pans two points each frame (back and
/// forth), as benchmark `name`: nothing drawn can be kept from the last frame.
fn bench_panning(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    make: impl FnOnce() -> Harness<'static, App> + 'static,
) {
    let mut h = Lazy::new(make);
    let mut k = 0_u64;
    g.bench_function(name, |b| {
        let h = h.get();
        b.iter(|| {
            k += 1;
            let dx = if k % 40 < 20 { 2.0 } else { -2.0 };
            h.state_mut()
                .apply(Command::PanBy(geo::Coord { x: dx, y: 0.0 }));
            frame(h)
        })
    });
}

/// Frames of the harness `make` builds, as benchmark `name`.
fn bench_frames(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    make: impl FnOnce() -> Harness<'static, App> + 'static,
) {
    let mut h = Lazy::new(make);
    g.bench_function(name, |b| {
        let h = h.get();
        b.iter(|| frame(h))
    });
}

fn frames(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame");
    g.sample_size(30).measurement_time(Duration::from_secs(6));
    bench_frames(&mut g, "default_view", || harness(StartOptions::default()));
    // The same view with the award lens's zones drawn (issue 11's frame_zones_ratio: this over
    // default_view), once they are computed.
    bench_frames(&mut g, "default_view_zones", zoned);
    // The same two while the map pans (issue 11's ratio when nothing can be kept).
    bench_panning(&mut g, "default_view_panning", || {
        harness(StartOptions::default())
    });
    bench_panning(&mut g, "default_view_zones_panning", zoned);
    bench_frames(&mut g, "reef", || {
        harness(StartOptions {
            camera: Some(Camera::at_lon_lat(115.86, 9.73, 15.0)),
            ..Default::default()
        })
    });
    // Past the base map's scale with small islands on screen: dashed outlines and the notice.
    bench_frames(&mut g, "senkakus_zoom12", || {
        harness(StartOptions {
            camera: Some(Camera::at_lon_lat(123.53, 25.74, 12.0)),
            ..Default::default()
        })
    });
    // Playing: the date window moves every frame, so the filter, counts and clusters follow.
    let mut h = Lazy::new(|| harness(StartOptions::default()));
    g.bench_function("timeline_playing", |b| {
        let h = h.get();
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                if let Some(play) = h.query_by_label("▶ Play") {
                    // Stopped at the end of the data (or not started): start again, untimed.
                    play.click_accesskit();
                    h.step();
                }
                let t = Instant::now();
                std::hint::black_box(frame(h));
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
    let mut h = Lazy::new(stressed);
    g.bench_function("1m_full_region", |b| {
        let h = h.get();
        b.iter(|| frame(h))
    });
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
        let h = h.get();
        b.iter(|| {
            k = (k + 1) % 2;
            let (from, to) = ranges[k];
            h.state_mut().apply(Command::SetDateRange(from, to));
            frame(h)
        });
    });
    drop(h);
    user_file(c);
    let mut g = c.benchmark_group("frame");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    let mut h = Lazy::new(naive);
    g.bench_function("1m_naive", |b| {
        let h = h.get();
        b.iter(|| frame(h))
    });
    g.finish();
}

/// A user's file of the perf report's size (99 MB: 640k points, 64k small polygons), opened
/// as `--open` does, at the full-region view, then zoomed in to where its rings are drawn as
/// lines and its points split. The file is written only when one of these is selected.
fn user_file(c: &mut Criterion) {
    let path = std::env::temp_dir().join(format!("cw-bench-{}.geojson", std::process::id()));
    let open = path.clone();
    let mut h = Lazy::new(move || {
        if let Err(e) = std::fs::write(&open, common::synthetic_geojson(640_000, 64_000)) {
            panic!("cannot write {}: {e}", open.display());
        }
        let mut h = harness(StartOptions {
            open: vec![open],
            ..Default::default()
        });
        while h.state().loading() > 0 {
            std::thread::sleep(Duration::from_millis(20));
            h.step();
        }
        h.run_steps(3);
        assert_eq!(h.state().user_layers().len(), 1);
        h
    });
    let mut g = c.benchmark_group("frame");
    g.sample_size(10).measurement_time(Duration::from_secs(6));
    g.bench_function("user_file_99mb", |b| {
        let h = h.get();
        b.iter(|| frame(h))
    });
    g.bench_function("user_file_99mb_zoom9", |b| {
        let h = h.get();
        if h.state().camera().is_none_or(|c| c.zoom < 9.0) {
            h.state_mut()
                .apply(Command::SetCamera(Camera::at_lon_lat(115.0, 10.0, 9.0)));
            h.run_steps(3);
        }
        b.iter(|| frame(h))
    });
    g.finish();
    std::fs::remove_file(&path).ok();
}

criterion_group!(benches, frames, million);
criterion_main!(benches);
