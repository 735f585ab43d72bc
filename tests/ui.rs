//! Headless UI tests (egui_kittest, no renderer): what a user does, and what the app then shows.

mod common;

use common::{click_at, feature_screen_pos, harness, harness_with, lon_lat_at};
use contested_waters::app::StartOptions;
use contested_waters::io;
use contested_waters::model::{Item, RecordRef};
use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, TouchPhase, Vec2};
use egui_kittest::kittest::Queryable;

#[test]
fn starts_with_the_bundled_data_and_no_error_banner() {
    let h = harness();
    let app = h.state();
    assert!(app.errors().is_empty(), "{:?}", app.errors());
    assert!(
        h.query_by_label_contains("problem(s) while loading")
            .is_none()
    );
    assert!(app.atlas().features.len() >= 35);
    h.get_by_label_contains("Data as of");
    // The default view frames the region: Scarborough Shoal is on screen.
    let p = feature_screen_pos(&h, "scarborough-shoal");
    let vp = app.map_viewport().expect("viewport");
    assert!(f64::from(p.x) > vp.min.x && f64::from(p.x) < vp.min.x + vp.size.x);
}

#[test]
fn clicking_scarborough_shoal_selects_it_and_shows_its_names() {
    let mut h = harness();
    let p = feature_screen_pos(&h, "scarborough-shoal");
    click_at(&mut h, p);
    let idx = h.state().atlas().feature_index("scarborough-shoal");
    assert_eq!(
        h.state().selected(),
        idx.map(|i| Item::Record(RecordRef::Feature(i)))
    );
    assert!(h.query_all_by_label("Scarborough Shoal").count() >= 1);
    // Local names render (the harness panics on a missing glyph, so CJK text must have one).
    h.get_by_label("黄岩岛");
    h.get_by_label_contains("Bajo de Masinloc");
}

#[test]
fn with_the_features_layer_off_the_same_click_selects_no_feature() {
    let mut h = harness();
    let p = feature_screen_pos(&h, "scarborough-shoal");
    h.get_by_label("Disputed features").click_accesskit();
    h.run();
    click_at(&mut h, p);
    assert!(
        !matches!(
            h.state().selected(),
            Some(Item::Record(RecordRef::Feature(_)))
        ),
        "{:?}",
        h.state().selected()
    );
    // Scarborough also carries incidents (drawn on the shoal) and China's 2024 baselines; with
    // those layers hidden too, nothing at all is picked there.
    h.get_by_label("Incident markers").click_accesskit();
    h.get_by_label("Claim lines and zones").click_accesskit();
    h.run();
    click_at(&mut h, p);
    assert_eq!(h.state().selected(), None);
}

#[test]
fn clicking_empty_sea_and_escape_clear_the_selection() {
    let mut h = harness();
    let p = feature_screen_pos(&h, "scarborough-shoal");
    click_at(&mut h, p);
    common::assert_selected(&h, "scarborough-shoal");
    // Open sea east of Luzon, far from every symbol.
    let sea = h.state().screen_of_lon_lat(127.5, 15.5).expect("on screen");
    click_at(&mut h, sea);
    assert_eq!(h.state().selected(), None);
    click_at(&mut h, p);
    common::assert_selected(&h, "scarborough-shoal");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().selected(), None);
}

#[test]
fn a_drag_moves_the_view_by_the_drag_distance() {
    let mut h = harness();
    let from = Pos2::new(700.0, 400.0);
    let to = Pos2::new(820.0, 330.0);
    let grabbed = lon_lat_at(&h, from);
    h.drag_at(from);
    h.run();
    for k in 1..=4u8 {
        let t = f32::from(k) / 4.0;
        h.hover_at(from + (to - from) * t);
        h.run();
    }
    h.drop_at(to);
    h.run();
    let now = lon_lat_at(&h, to);
    assert!(
        (now.0 - grabbed.0).abs() < 1e-6 && (now.1 - grabbed.1).abs() < 1e-6,
        "{grabbed:?} vs {now:?}"
    );
}

#[test]
fn wheel_zoom_keeps_the_point_under_the_cursor_fixed() {
    let mut h = harness();
    let cursor = Pos2::new(760.0, 330.0);
    h.hover_at(cursor);
    h.run();
    let before = lon_lat_at(&h, cursor);
    let zoom_before = h.state().camera().expect("camera").zoom;
    h.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: Vec2::new(0.0, 240.0),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let zoom_after = h.state().camera().expect("camera").zoom;
    assert!(
        zoom_after > zoom_before + 0.5,
        "{zoom_before} -> {zoom_after}"
    );
    let after = lon_lat_at(&h, cursor);
    assert!(
        (after.0 - before.0).abs() < 1e-6 && (after.1 - before.1).abs() < 1e-6,
        "{before:?} vs {after:?}"
    );
}

#[test]
fn keys_zoom_pan_and_home_resets() {
    let mut h = harness();
    let home = h.state().camera().expect("camera");
    h.key_press(Key::Plus);
    h.run();
    assert!((h.state().camera().expect("camera").zoom - home.zoom - 1.0).abs() < 1e-9);
    h.key_press(Key::ArrowRight);
    h.run();
    assert_ne!(
        h.state().camera().expect("camera").center_world,
        home.center_world
    );
    h.key_press(Key::Home);
    h.run();
    assert_eq!(h.state().camera(), Some(home));
}

#[test]
fn a_broken_asset_file_shows_a_banner_and_the_rest_still_loads() {
    let dir = std::env::temp_dir().join(format!("cw-broken-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("basemap")).expect("temp dir");
    for f in [
        io::FEATURES_FILE,
        io::CLAIMS_FILE,
        io::AGREEMENTS_FILE,
        io::META_FILE,
        io::SERIES_FILE,
        io::BASEMAP_FILE,
    ] {
        let bytes = io::DataSource::Embedded.read(f).expect("bundled file");
        std::fs::write(dir.join(f), bytes).expect("copy asset");
    }
    std::fs::write(
        dir.join(io::INCIDENTS_FILE),
        "{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": ",
    )
    .expect("write");
    let report = io::load_dir(&dir);
    let mut h = harness_with(report, StartOptions::default());
    h.run();
    h.get_by_label_contains("problem(s) while loading");
    h.get_by_label_contains("incidents.geojson: invalid JSON at line 1");
    let app = h.state();
    assert!(app.atlas().incidents.is_empty());
    assert!(app.atlas().features.len() >= 35, "features still load");
    assert!(!app.atlas().countries.is_empty(), "base map still loads");
    // The map still works: Scarborough can be selected.
    let p = feature_screen_pos(&h, "scarborough-shoal");
    click_at(&mut h, p);
    assert!(matches!(
        h.state().selected(),
        Some(Item::Record(RecordRef::Feature(_)))
    ));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_as_of_date_opens_what_the_data_covers_and_leaves_out() {
    let mut h = harness();
    assert!(h.query_by_label("Limitations").is_none());
    h.get_by_label_contains("Data as of").click();
    h.run();
    h.get_by_label("Limitations");
    h.get_by_label_contains("Japan's ADIZ is not drawn");
    // The counts are the atlas's own.
    let n = h.state().atlas().incidents.len();
    h.get_by_label_contains(&format!("{n} incidents"));
    // A second click closes it.
    h.get_by_label_contains("Data as of").click();
    h.run();
    assert!(h.query_by_label("Limitations").is_none());
}

#[test]
fn the_inspector_copies_its_sources_as_citations() {
    let mut h = harness();
    let at = feature_screen_pos(&h, "scarborough-shoal");
    click_at(&mut h, at);
    let a = h.state().atlas();
    let i = a.feature_index("scarborough-shoal").expect("feature");
    let expected: Vec<String> = a.features[i].sources.iter().map(|s| s.citation()).collect();
    h.get_by_label("Copy").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec![expected.join("\n")]);
    assert!(expected.iter().all(|c| c.contains("http")));
}

#[test]
fn f1_opens_and_closes_the_shortcut_sheet() {
    let mut h = harness();
    assert!(h.query_by_label("Keyboard and mouse").is_none());
    h.key_press(Key::F1);
    h.run();
    h.get_by_label("Keyboard and mouse");
    for (keys, _) in contested_waters::ui::help::SHORTCUTS {
        h.get_by_label(keys);
    }
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("Keyboard and mouse").is_none());
}

#[test]
fn zoomed_past_the_base_maps_scale_the_map_says_its_small_islands_are_approximate() {
    // Natural Earth's Senkaku polygons lie km from the sourced island markers (and GSHHG's,
    // drawn once loaded, up to 4 km): at zoom 12 the map must say so; zoomed out, or where no
    // small island is on screen, it must not.
    use contested_waters::map::Camera;
    use contested_waters::map::paint::{BASEMAP_SCALE_NOTICE, FINE_COAST_NOTICE};
    let at = |lon, lat, zoom| {
        harness_with(
            io::load(&io::DataSource::Embedded),
            StartOptions {
                camera: Some(Camera::at_lon_lat(lon, lat, zoom)),
                ..StartOptions::default()
            },
        )
    };
    let notice = |h: &egui_kittest::Harness<'static, contested_waters::app::App>| {
        h.query_by_label(BASEMAP_SCALE_NOTICE).is_some()
            || h.query_by_label(FINE_COAST_NOTICE).is_some()
    };
    assert!(notice(&at(123.53, 25.74, 12.0)), "Senkakus, zoom 12");
    assert!(!notice(&at(123.53, 25.74, 8.0)), "Senkakus, zoom 8");
    assert!(
        !notice(&at(119.5, 17.5, 12.0)),
        "open sea west of Luzon, zoom 12"
    );
}

#[test]
fn ctrl_s_opens_the_save_image_dialog_and_esc_closes_it_keeping_the_selection() {
    let mut h = harness();
    let pos = feature_screen_pos(&h, "scarborough-shoal");
    click_at(&mut h, pos);
    let selected = h.state().selected();
    common::assert_selected(&h, "scarborough-shoal");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("Save map image").is_some(), "dialog open");
    let path = h
        .state_mut()
        .save_image()
        .path_text()
        .expect("a file field")
        .clone();
    assert!(
        path.ends_with(".png") && path.contains("contested-waters-map-"),
        "{path}"
    );
    // While the dialog is open, map shortcuts are off: M does not start the ruler.
    h.key_press(Key::M);
    h.run();
    assert!(h.state().measurement().is_none());
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Save map image").is_none(),
        "dialog closed"
    );
    assert_eq!(h.state().selected(), selected, "Esc closed only the dialog");
    // The status bar's button opens it too.
    h.get_by_label("Save image (Ctrl+S)").click();
    h.run();
    assert!(h.query_by_label("Save map image").is_some());
}

#[test]
fn n_and_p_step_through_the_shown_incidents_in_time_and_the_map_follows() {
    use contested_waters::model::{IncidentFilter, IncidentKind};
    // Only water-cannon incidents from 2023 on: stepping must skip everything else.
    let filter = IncidentFilter {
        kinds: [IncidentKind::WaterCannon].into_iter().collect(),
        from: contested_waters::io::props::parse_date("2023-01-01"),
        ..IncidentFilter::default()
    };
    let mut h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            filter: Some(filter.clone()),
            ..StartOptions::default()
        },
    );
    let atlas = h.state().atlas().clone();
    let mut expected: Vec<usize> = filter.matching(&atlas.incidents);
    expected.sort_by_key(|&i| (atlas.incidents[i].date, i));
    assert!(
        expected.len() >= 3,
        "the data has water-cannon incidents since 2023"
    );
    let selected_incident =
        |h: &egui_kittest::Harness<'static, contested_waters::app::App>| match h.state().selected()
        {
            Some(Item::Record(RecordRef::Incident(i))) => Some(i),
            _ => None,
        };
    let mut seen = Vec::new();
    for _ in 0..expected.len() {
        h.key_press(Key::N);
        h.run();
        let i = selected_incident(&h).expect("an incident is selected");
        let p = atlas.incidents[i].position;
        common::assert_centred_on(&h, p.x(), p.y());
        seen.push(i);
    }
    assert_eq!(seen, expected, "every shown incident once, in date order");
    // At the end N stays; P walks back; the inspector's button does the same.
    h.key_press(Key::N);
    h.run();
    assert_eq!(selected_incident(&h), expected.last().copied());
    h.key_press(Key::P);
    h.run();
    assert_eq!(selected_incident(&h), Some(expected[expected.len() - 2]));
    h.get_by_label("← Previous (P)").click();
    h.run();
    assert_eq!(selected_incident(&h), Some(expected[expected.len() - 3]));
}

#[test]
fn a_saved_state_cleaned_before_start_is_said_in_the_banner() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("app.ron");
    std::fs::write(&path, "\u{1} not a saved state").expect("write");
    let notes = contested_waters::app::saved_file::clean(&path);
    assert!(!notes.is_empty(), "garbage is moved aside with a note");
    let mut h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            start_notes: notes.clone(),
            ..StartOptions::default()
        },
    );
    h.run();
    h.get_by_label_contains("problem(s) while loading");
    h.get_by_label_contains(&notes[0]);
    assert!(h.state().errors().iter().any(|e| *e == notes[0]));
}

/// A frame in which nothing happens is laid out once: a second pass per frame (asked for by
/// a command that changes what panels show) would double the cost of every idle repaint,
/// such as the pointer moving over the map.
#[test]
fn an_idle_frame_is_one_layout_pass() {
    let mut h = harness();
    let centre = h.state().map_viewport().map(|vp| {
        Pos2::new(
            (vp.min.x + vp.size.x / 2.0) as f32,
            (vp.min.y + vp.size.y / 2.0) as f32,
        )
    });
    for k in 0..10 {
        if let Some(c) = centre {
            // The pointer moving over the map: hover and tooltip, nothing else.
            h.hover_at(c + Vec2::new(k as f32, 0.0));
        }
        let passes = h.ctx.cumulative_pass_nr();
        h.step();
        assert_eq!(h.ctx.cumulative_pass_nr() - passes, 1, "frame {k}");
    }
}
