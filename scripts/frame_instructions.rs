//! Frames of the app for `scripts/frame-instructions`, which copies this file into a checkout
//! of each commit it compares (as an example, so old commits need not have it) and counts the
//! instructions of `run_frames` under callgrind. Usage: `frames SCENARIO N`, with SCENARIO
//! `default` (the default view), `playing` (the timeline playing) or `million` (a million
//! synthetic incidents at the full-region view). The app is built as benches/frame.rs builds
//! it, from the checkout's own assets/ (older commits have no embedded data).
use contested_waters::app::{App, StartOptions};
use contested_waters::io;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let scenario = args.get(1).cloned().unwrap_or_default();
    if !["default", "playing", "million"].contains(&scenario.as_str()) {
        eprintln!("usage: frames default|playing|million [FRAMES]");
        std::process::exit(2);
    }
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(300);
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut options = StartOptions::default();
    if scenario == "million" {
        options.stress = Some(1_000_000);
    }
    let app = App::from_report(io::load_dir(&dir), options, None);
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .with_context_setup(contested_waters::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run_steps(5);
    while h.state().loading() > 0 {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run_steps(3);
    if scenario == "playing" {
        h.get_by_label("▶ Play").click_accesskit();
        h.step();
    }
    let prims = run_frames(&mut h, n);
    let playing = h.query_by_label("Pause").is_some();
    // The scenario held: the timeline played to the last frame, the million were drawn.
    eprintln!("{scenario}: {n} frames, {prims} primitives, still playing: {playing}");
}

/// The frames measured (callgrind: --toggle-collect=*run_frames*).
#[inline(never)]
fn run_frames(h: &mut Harness<'static, App>, n: usize) -> usize {
    let mut prims = 0;
    for _ in 0..n {
        h.step();
        let out = h.output();
        prims += h
            .ctx
            .tessellate(out.shapes.clone(), out.pixels_per_point)
            .len();
    }
    prims
}
