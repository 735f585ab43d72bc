//! The ruler: while measuring, clicks add points instead of selecting, the total is the
//! geodesic length of the clicked path, Backspace undoes a point and Esc ends the ruler.

// A failed expectation in a test should panic with its message.
#![allow(clippy::expect_used)]

mod common;

use common::{click_at, feature_screen_pos, harness, lon_lat_at, right_click_at};
use egui::Key;
use egui_kittest::kittest::Queryable;
use geo::{Distance, Geodesic, Point};

#[test]
fn clicks_measure_the_geodesic_path_and_select_nothing() {
    let mut h = harness();
    h.key_press(Key::M);
    h.run();
    assert!(h.state().measurement().is_some(), "M starts the ruler");
    // A click right on a feature adds a point; it does not select the feature.
    let a = feature_screen_pos(&h, "scarborough-shoal");
    let b = feature_screen_pos(&h, "second-thomas-shoal");
    click_at(&mut h, a);
    click_at(&mut h, b);
    assert_eq!(h.state().selected(), None);
    let m = h.state().measurement().expect("measuring");
    assert_eq!(m.points().len(), 2);
    let (la, lb) = (lon_lat_at(&h, a), lon_lat_at(&h, b));
    let expected = Geodesic.distance(Point::new(la.0, la.1), Point::new(lb.0, lb.1));
    assert!(
        (m.total_m() - expected).abs() < 1.0,
        "{} vs {expected}",
        m.total_m()
    );
    // Scarborough to Second Thomas is roughly 600 km: the points are where the clicks were.
    assert!((550_000.0..650_000.0).contains(&expected), "{expected}");
    // The running total is in the status bar, in km and nautical miles.
    h.get_by_label_contains(" nm");
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(
        h.state().measurement().expect("measuring").points().len(),
        1
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().measurement().is_none(), "Esc ends the ruler");
    // Out of the ruler, a click selects again.
    click_at(&mut h, a);
    common::assert_selected(&h, "scarborough-shoal");
}

#[test]
fn esc_while_measuring_keeps_the_selection_and_the_button_toggles_the_ruler() {
    let mut h = harness();
    let a = feature_screen_pos(&h, "scarborough-shoal");
    click_at(&mut h, a);
    let selected = h.state().selected();
    common::assert_selected(&h, "scarborough-shoal");
    h.get_by_label("Measure (M)").click();
    h.run();
    assert!(h.state().measurement().is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().measurement().is_none());
    assert_eq!(
        h.state().selected(),
        selected,
        "the first Esc only ends the ruler"
    );
    h.get_by_label("Measure (M)").click();
    h.run();
    h.get_by_label("Measure (M)").click();
    h.run();
    assert!(h.state().measurement().is_none(), "a second click ends it");
}

#[test]
fn the_context_menu_starts_the_ruler_where_it_was_opened_and_centres_the_map() {
    let mut h = harness();
    let at = feature_screen_pos(&h, "second-thomas-shoal");
    let expected = lon_lat_at(&h, at);
    right_click_at(&mut h, at);
    // Both pasteable forms of the position are offered.
    h.get_by_label_contains("Copy 9.");
    h.get_by_label_contains("Copy 9°");
    h.get_by_label("Measure from here").click();
    h.run();
    let m = h.state().measurement().expect("the menu starts the ruler");
    assert_eq!(m.points().len(), 1);
    let p = m.points()[0];
    assert!((p.x - expected.0).abs() < 1e-9 && (p.y - expected.1).abs() < 1e-9);
    // Centre the map on a right-clicked point, keeping the zoom.
    let zoom = h.state().camera().expect("camera").zoom;
    let scarborough = feature_screen_pos(&h, "scarborough-shoal");
    let target = lon_lat_at(&h, scarborough);
    right_click_at(&mut h, scarborough);
    h.get_by_label("Centre the map here").click();
    h.run();
    let cam = h.state().camera().expect("camera");
    common::assert_centred_on(&h, target.0, target.1);
    assert!((cam.zoom - zoom).abs() < 1e-9);
}
