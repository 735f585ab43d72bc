//! The one harness builder every UI test uses: the app at a fixed size, with its fonts.

// Test helpers: not every test file uses every helper, and a failed expectation should panic.
#![allow(dead_code, clippy::expect_used)]

use contested_waters::app::{App, SavedState, StartOptions};
use contested_waters::io::{self, LoadReport};
use egui::{Event, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::{Harness, HarnessBuilder};
use std::path::Path;

pub const SIZE: Vec2 = Vec2::new(1280.0, 800.0);

/// What every UI test's harness shares: the window's size and theme, the app's fonts, and
/// room to settle.
pub fn builder() -> HarnessBuilder<App> {
    Harness::builder()
        // New widgets ask for one more frame to style themselves; a selection that scrolls a
        // list reveals rows over several frames, so settling may take more than egui's 4.
        .with_max_steps(16)
        .with_size(SIZE)
        .with_theme(egui::Theme::Light)
        .with_context_setup(contested_waters::ui::fonts::install)
}

/// A harness that draws `app` with `builder`'s settings.
pub fn build(builder: HarnessBuilder<App>, app: App) -> Harness<'static, App> {
    builder.build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// A harness over the app built from `report`.
pub fn harness_with(report: LoadReport, options: StartOptions) -> Harness<'static, App> {
    let app = App::from_report(report, options, None);
    let mut h = build(builder(), app);
    h.run();
    h
}

/// The app with the bundled data, its file dialogs opening in `folder` (as if last used
/// there).
pub fn harness_in(folder: &Path) -> Harness<'static, App> {
    let saved = SavedState {
        last_folder: Some(folder.to_path_buf()),
        ..SavedState::default()
    };
    let report = io::load(&io::DataSource::Embedded);
    let app = App::from_report(report, StartOptions::default(), Some(saved));
    // egui_file's own path fields have no accessible names (its widgets, not ours).
    let mut h = build(builder().with_accessibility_check(false), app);
    h.run();
    h
}

/// A harness over the app with the bundled data and the default view.
pub fn harness() -> Harness<'static, App> {
    harness_with(io::load(&io::DataSource::Embedded), StartOptions::default())
}

/// A primary click at a screen position.
pub fn click_at(h: &mut Harness<'static, App>, pos: Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

/// A secondary (right) click at a screen position: opens the map's context menu.
pub fn right_click_at(h: &mut Harness<'static, App>, pos: Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

/// The screen position of a feature of the bundled data.
pub fn feature_screen_pos(h: &Harness<'static, App>, id: &str) -> Pos2 {
    let app = h.state();
    let i = app
        .atlas()
        .feature_index(id)
        .unwrap_or_else(|| panic!("{id} not in data"));
    let p = app.atlas().features[i].position;
    app.screen_of_lon_lat(p.x(), p.y())
        .expect("map has been drawn")
}

/// The lon/lat under a screen position, per the app's current camera.
pub fn lon_lat_at(h: &Harness<'static, App>, pos: Pos2) -> (f64, f64) {
    let app = h.state();
    let cam = app.camera().expect("camera");
    let vp = app.map_viewport().expect("viewport");
    let w = cam.world_from_screen(
        &vp,
        geo::Coord {
            x: f64::from(pos.x),
            y: f64::from(pos.y),
        },
    );
    let ll = contested_waters::map::projection::lon_lat_from_world(w);
    (ll.x, ll.y)
}

/// Asserts that the map is centred on a lon/lat.
pub fn assert_centred_on(h: &Harness<'static, App>, lon: f64, lat: f64) {
    let c = h.state().camera().expect("camera").center_lon_lat();
    assert!(
        (c.x - lon).abs() < 1e-6 && (c.y - lat).abs() < 1e-6,
        "centred on {c:?}, not ({lon}, {lat})"
    );
}

/// Asserts that the record with this id is what the app has selected.
pub fn assert_selected(h: &Harness<'static, App>, id: &str) {
    let app = h.state();
    let record = app
        .atlas()
        .item_by_id(id)
        .unwrap_or_else(|| panic!("{id} not in data"));
    assert_eq!(
        app.selected(),
        Some(contested_waters::model::Item::Record(record)),
        "{id} is selected"
    );
}
