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

/// The real binary started under a fresh HOME whose saved state (`app.ron`, where eframe keeps
/// it) holds `entries`, writing its first frame with the saved state honoured; returns the
/// image and the saved-state folder.
fn start_with_saved_state(name: &str, app_ron: &str) -> (RgbaImage, std::path::PathBuf) {
    let home = std::env::temp_dir().join(format!("cw-home-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&home).ok();
    let dir = home.join("share").join("contested-waters");
    std::fs::create_dir_all(&dir).expect("a fresh HOME");
    if app_ron == "/dev/zero" {
        #[cfg(unix)]
        std::os::unix::fs::symlink("/dev/zero", dir.join("app.ron")).expect("a link");
    } else {
        std::fs::write(dir.join("app.ron"), app_ron).expect("app.ron written");
    }
    let out = home.join("shot.png");
    let run = Command::new(env!("CARGO_BIN_EXE_contested-waters"))
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("share"))
        .args([
            "--screenshot-saved-state",
            "--size",
            "1280x800",
            "--screenshot",
        ])
        .arg(&out)
        .output()
        .expect("the app runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success() && !stderr.contains("panicked"),
        "{name}: exited with {}: {stderr}",
        run.status
    );
    let img = image::open(&out)
        .unwrap_or_else(|e| panic!("{name}: no PNG: {e}"))
        .to_rgba8();
    (img, dir)
}

/// eframe's saved state with these entries (its format: a map of RON strings).
fn app_ron(entries: &[(&str, String)]) -> String {
    let kv: std::collections::HashMap<&str, &str> =
        entries.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ron::to_string(&kv).expect("RON")
}

/// Our saved state with this camera, as the app writes it.
fn saved_camera(x: f64, y: f64, zoom: f64) -> String {
    let state = contested_waters::app::SavedState {
        camera: Some(contested_waters::map::Camera {
            center_world: (x, y),
            zoom,
        }),
        ..Default::default()
    };
    ron::to_string(&state).expect("RON")
}

/// A saved state that once stopped the app at every start (egui's zoom factor 0, NaN or 1e9,
/// a NaN window) or showed a blank map (a NaN or 1e308 camera), or grew without end (a link to
/// /dev/zero): the real app starts and draws the map from each.
#[test]
fn a_hostile_saved_state_never_stops_the_real_app_from_starting() {
    if std::env::var_os("DISPLAY").is_none() {
        panic!("DISPLAY is not set: run under Xvfb (see .ci/run)");
    }
    let state_key = "contested-waters-state";
    let egui = |zoom: &str| ("egui", format!("(options:(zoom_factor:{zoom}))"));
    let cases = [
        ("zoom-0", app_ron(&[egui("0.0")])),
        ("zoom-nan", app_ron(&[egui("NaN")])),
        ("zoom-1e9", app_ron(&[egui("1e9")])),
        (
            "camera-nan",
            app_ron(&[(state_key, saved_camera(f64::NAN, 0.0, 5.0))]),
        ),
        (
            "camera-1e308",
            app_ron(&[(state_key, saved_camera(1e308, -1e308, 1e308))]),
        ),
        (
            "window-nan",
            app_ron(&[(
                "window",
                "(inner_size_points:Some((x:NaN,y:1e300)),fullscreen:false,maximized:false)"
                    .to_owned(),
            )]),
        ),
        ("garbage", "\u{1}not a saved state(((".to_owned()),
        ("dev-zero", "/dev/zero".to_owned()),
    ];
    for (name, text) in &cases {
        let (img, dir) = start_with_saved_state(name, text);
        let sea = share_near(&img, [0xd6, 0xe6, 0xef]);
        let land = share_between(&img, [0xf1, 0xee, 0xe4], [0xa9, 0xc6, 0x8c]);
        assert!(
            img.width() >= 1200 && sea > 0.12 && land > 0.05,
            "{name}: {}x{}, sea {sea:.3}, land {land:.3}",
            img.width(),
            img.height()
        );
        // What eframe reads next time holds nothing hostile either.
        let kept = std::fs::read_to_string(dir.join("app.ron")).unwrap_or_default();
        assert!(!kept.contains("zoom_factor"), "{name}: {kept}");
        if let Some(home) = dir.parent().and_then(std::path::Path::parent) {
            std::fs::remove_dir_all(home).ok();
        }
    }
}
