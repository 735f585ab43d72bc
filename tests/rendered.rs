//! Rendered tests (cargo feature `rendered`; need Mesa's software Vulkan/GL, which `.ci/run`
//! installs): a kittest snapshot of the default view, and a real window under X (Xvfb) that
//! writes its first frame with `--screenshot`, checked to be a map and not a blank window.

#![cfg(feature = "rendered")]
// Helpers panic on a broken expectation by design.
#![allow(clippy::expect_used)]

mod common;

use egui_kittest::kittest::Queryable;
use image::{Rgba, RgbaImage};
use std::process::Command;

#[test]
fn default_view_snapshot() {
    let mut h = common::harness();
    h.run();
    h.snapshot("default_view");
}

/// Share of pixels within a small distance of `color`.
fn share_near(img: &RgbaImage, color: [u8; 3]) -> f64 {
    let near = |p: &Rgba<u8>| (0..3).all(|i| p.0[i].abs_diff(color[i]) <= 6);
    let n = img.pixels().filter(|p| near(p)).count();
    n as f64 / f64::from(img.width() * img.height())
}

/// Share of pixels on the blend from colour `a` to colour `b` (within a small distance).
fn share_between(img: &RgbaImage, a: [u8; 3], b: [u8; 3]) -> f64 {
    let on_blend = |p: &Rgba<u8>| {
        (0..=20).any(|k| {
            let t = f64::from(k) / 20.0;
            (0..3).all(|i| {
                let c = f64::from(a[i]) + (f64::from(b[i]) - f64::from(a[i])) * t;
                (f64::from(p.0[i]) - c).abs() <= 6.0
            })
        })
    };
    let n = img.pixels().filter(|p| on_blend(p)).count();
    n as f64 / f64::from(img.width() * img.height())
}

#[test]
fn real_window_screenshot_is_a_map() {
    if std::env::var_os("DISPLAY").is_none() {
        panic!("DISPLAY is not set: run under Xvfb (see .ci/run)");
    }
    let out = std::env::temp_dir().join(format!("cw-shot-{}.png", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_contested-waters"))
        .args(["--screenshot"])
        .arg(&out)
        .args(["--size", "1280x800"])
        .status()
        .expect("the app runs");
    assert!(status.success(), "--screenshot exited with {status}");
    let img = image::open(&out).expect("a PNG was written").to_rgba8();
    std::fs::remove_file(&out).ok();
    assert!(
        img.width() >= 1200 && img.height() >= 760,
        "{}x{}",
        img.width(),
        img.height()
    );
    let sea = share_near(&img, [0xd6, 0xe6, 0xef]);
    // Land is plain, or shaded towards the party colour by how many agreements bind it.
    let land = share_between(&img, [0xf1, 0xee, 0xe4], [0xa9, 0xc6, 0x8c]);
    // The default view is mostly sea with a good deal of land: a blank or black window fails.
    // (The agreement web tints the South China Sea that statements say is covered, so part
    // of the sea is not the plain sea colour.)
    assert!(sea > 0.12 && sea < 0.75, "sea share {sea:.3}");
    assert!(land > 0.05 && land < 0.50, "land share {land:.3}");
    let mut colors: Vec<u32> = img.pixels().map(|p| u32::from_le_bytes(p.0)).collect();
    colors.sort_unstable();
    colors.dedup();
    assert!(colors.len() > 200, "only {} colours", colors.len());
}

#[test]
fn screenshot_of_a_bad_path_fails_with_a_message() {
    if std::env::var_os("DISPLAY").is_none() {
        panic!("DISPLAY is not set: run under Xvfb (see .ci/run)");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_contested-waters"))
        .args(["--screenshot", "/nonexistent-dir/x.png"])
        .output()
        .expect("the app runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent-dir/x.png"));
}

/// Renders the app with `options` and returns the image.
fn render(options: contested_waters::app::StartOptions) -> RgbaImage {
    let mut h = common::harness_with(
        contested_waters::io::load(&contested_waters::io::DataSource::Embedded),
        options,
    );
    h.run();
    h.render().expect("rendered")
}

fn differing_pixels(a: &RgbaImage, b: &RgbaImage) -> usize {
    a.pixels()
        .zip(b.pixels())
        .filter(|(p, q)| (0..3).any(|i| p.0[i].abs_diff(q.0[i]) > 8))
        .count()
}

fn date(s: &str) -> contested_waters::model::Date {
    contested_waters::io::props::parse_date(s).expect("date")
}

#[test]
fn the_map_differs_between_two_as_of_dates_and_two_date_ranges() {
    use contested_waters::app::StartOptions;
    use contested_waters::model::IncidentFilter;
    let as_of = |d: &str| StartOptions {
        as_of: Some(date(d)),
        ..Default::default()
    };
    // Before EDCA (2014) its sites are absent; on the data's date they are drawn.
    let before = render(as_of("2010-01-01"));
    let after = render(as_of("2024-01-01"));
    assert!(
        differing_pixels(&before, &after) > 200,
        "{}",
        differing_pixels(&before, &after)
    );
    let range = |from: &str, to: &str| StartOptions {
        filter: Some(IncidentFilter {
            from: Some(date(from)),
            to: Some(date(to)),
            ..Default::default()
        }),
        ..Default::default()
    };
    let early = render(range("2012-01-01", "2013-12-31"));
    let late = render(range("2024-01-01", "2025-12-31"));
    assert!(
        differing_pixels(&early, &late) > 200,
        "{}",
        differing_pixels(&early, &late)
    );
    // The same options render the same map (the comparison above is not noise).
    let again = render(range("2024-01-01", "2025-12-31"));
    assert!(
        differing_pixels(&late, &again) < 50,
        "{}",
        differing_pixels(&late, &again)
    );
}

/// Pixels darker than mid-grey in the image's bottom-right `w`×`h` corner.
fn dark_in_corner(img: &RgbaImage, w: u32, h: u32) -> usize {
    let (x0, y0) = (
        img.width().saturating_sub(w),
        img.height().saturating_sub(h),
    );
    img.enumerate_pixels()
        .filter(|(x, y, p)| *x >= x0 && *y >= y0 && p.0[..3].iter().all(|&c| c < 100))
        .count()
}

#[test]
fn saving_the_map_writes_the_map_area_with_its_scale_and_attribution() {
    let mut h = common::harness();
    let before = h.render().expect("rendered");
    let path = std::env::temp_dir().join(format!("cw-map-{}.png", std::process::id()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    *h.state_mut().save_image().path_text().expect("dialog open") = path.display().to_string();
    h.get_by_label("Save").click();
    // The dialog closes, the stamp is drawn, the next frame is captured and written (on a
    // thread of its own): step frames until the outcome arrives.
    let start = std::time::Instant::now();
    while h.state_mut().save_image().message().is_none()
        && start.elapsed() < std::time::Duration::from_secs(20)
    {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let message = h.state_mut().save_image().message().map(str::to_owned);
    assert_eq!(
        message.as_deref(),
        Some(format!("Saved the map to {}", path.display()).as_str())
    );
    let saved = image::open(&path).expect("a PNG").to_rgba8();
    std::fs::remove_file(&path).ok();
    // Only the map: narrower and shorter than the window, but most of it.
    let (w, h_px) = (before.width(), before.height());
    assert!(
        saved.width() < w && saved.width() > w / 2,
        "{}",
        saved.width()
    );
    assert!(
        saved.height() < h_px && saved.height() > h_px / 2,
        "{}",
        saved.height()
    );
    assert!(share_near(&saved, [0xd6, 0xe6, 0xef]) > 0.2, "mostly sea");
    // The stamp (scale bars, attribution) darkens the bottom-right corner; the same corner
    // of the map as drawn before saving has no such text.
    let stamped = dark_in_corner(&saved, 420, 60);
    let rect = contested_waters::map::view::egui_rect(
        &h.state().map_viewport().expect("the map was drawn"),
    );
    // kittest draws at one pixel per point; truncation to whole pixels is intended.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let map_before = image::imageops::crop_imm(
        &before,
        rect.min.x as u32,
        rect.min.y as u32,
        rect.width() as u32,
        rect.height() as u32,
    )
    .to_image();
    assert_eq!(map_before.dimensions(), saved.dimensions());
    let plain = dark_in_corner(&map_before, 420, 60);
    assert!(
        stamped > 150 && stamped > 3 * plain,
        "stamped {stamped}, plain {plain}"
    );
}
