//! The find box: names in every language find their record, and picking one selects it and
//! brings it into view.

// A failed expectation in a test should panic with its message.
#![allow(clippy::expect_used)]

mod common;

use common::harness;
use contested_waters::io;
use contested_waters::model::Atlas;
use contested_waters::model::search::SearchIndex;
use contested_waters::model::{Item, RecordRef};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

fn atlas() -> Atlas {
    let report = io::load(&io::DataSource::Embedded);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report.atlas
}

fn first_feature(index: &SearchIndex, atlas: &Atlas, query: &str) -> String {
    match index.query(query, 5).first().map(|h| h.record) {
        Some(RecordRef::Feature(i)) => atlas.features[i].id.clone(),
        other => panic!("{query:?}: first hit {other:?}, not a feature"),
    }
}

#[test]
fn local_names_find_their_feature_whatever_the_accents_and_case() {
    let a = atlas();
    let index = SearchIndex::build(&a);
    for (query, id) in [
        ("Second Thomas", "second-thomas-shoal"),
        ("ayungin", "second-thomas-shoal"),
        ("bai co may", "second-thomas-shoal"),
        ("Bãi Cỏ Mây", "second-thomas-shoal"),
        ("仁爱礁", "second-thomas-shoal"),
        ("钓鱼岛", "uotsuri-shima"),
        ("Diaoyu Dao", "uotsuri-shima"),
        ("bajo de masinloc", "scarborough-shoal"),
        ("HUANGYAN", "scarborough-shoal"),
        ("rozul", "iroquois-reef"),
        ("dao ba binh", "itu-aba"),
    ] {
        assert_eq!(first_feature(&index, &a, query), id, "{query:?}");
    }
}

#[test]
fn vessels_ids_and_words_in_any_order_find_incidents_and_agreements() {
    let a = atlas();
    let index = SearchIndex::build(&a);
    let hits = index.query("Sierra Madre", 50);
    assert!(!hits.is_empty());
    for h in &hits {
        let RecordRef::Incident(i) = h.record else {
            panic!("{h:?} is not an incident")
        };
        assert!(
            a.incidents[i]
                .actors
                .iter()
                .any(|x| x.name.contains("Sierra Madre"))
                || a.incidents[i].location_name.contains("Sierra Madre")
                || a.incidents[i].id.contains("sierra-madre"),
            "{} does not mention the ship",
            a.incidents[i].id
        );
    }
    // Newest first among equally good matches.
    let dates: Vec<_> = hits
        .iter()
        .filter_map(|h| match h.record {
            RecordRef::Incident(i) => Some((h.class, a.incidents[i].date)),
            _ => None,
        })
        .collect();
    assert!(
        dates
            .windows(2)
            .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 >= w[1].1))
    );
    // An agreement by its short name, and words in any order.
    let edca = a
        .agreements
        .iter()
        .position(|x| x.id == "agr-usa-phl-edca")
        .map(RecordRef::Agreement);
    assert_eq!(index.query("edca", 1).first().map(|h| h.record), edca);
    let both = index.query("madre sierra", 3);
    assert!(
        matches!(both.first().map(|h| h.record), Some(RecordRef::Incident(_))),
        "{both:?}"
    );
    assert!(index.query("xyzzy", 5).is_empty());
    assert!(index.query("  ", 5).is_empty());
}

/// The find box: the first text field, at the top of the side panel.
fn find_box<'a>(
    h: &'a egui_kittest::Harness<'static, contested_waters::app::App>,
) -> egui_kittest::Node<'a> {
    h.query_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .expect("a text field")
}

#[test]
fn ctrl_f_typing_and_enter_select_the_feature_and_centre_the_map_on_it() {
    let mut h = harness();
    let before = h.state().camera().expect("camera");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    find_box(&h).type_text("ayungin");
    h.run();
    // The result list names the record and the alias that matched.
    h.get_by_label_contains("Second Thomas Shoal");
    h.key_press(Key::Enter);
    h.run();
    h.run();
    let a = h.state().atlas();
    let i = a.feature_index("second-thomas-shoal").expect("feature");
    assert_eq!(
        h.state().selected(),
        Some(Item::Record(RecordRef::Feature(i)))
    );
    let cam = h.state().camera().expect("camera");
    assert!(cam.zoom >= contested_waters::map::goto::POINT_ZOOM && cam.zoom > before.zoom);
    let p = a.features[i].position;
    common::assert_centred_on(&h, p.x(), p.y());
    // The box is cleared after a pick, and the list with it.
    assert_eq!(find_box(&h).value().as_deref(), Some(""));
    assert_eq!(h.query_all_by_label("feature").count(), 0);
}

#[test]
fn clicking_a_result_selects_it_and_escape_clears_the_box() {
    let mut h = harness();
    find_box(&h).focus();
    h.run();
    find_box(&h).type_text("EDCA");
    h.run();
    h.get_by_label("EDCA").click();
    h.run();
    let a = h.state().atlas();
    let i = a
        .agreements
        .iter()
        .position(|x| x.id == "agr-usa-phl-edca")
        .expect("EDCA");
    assert_eq!(
        h.state().selected(),
        Some(Item::Record(RecordRef::Agreement(i)))
    );
    // Escape in the box clears what was typed and leaves the selection alone.
    find_box(&h).focus();
    h.run();
    find_box(&h).type_text("scarb");
    h.run();
    assert!(h.query_all_by_label("feature").count() >= 1);
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert_eq!(h.query_all_by_label("feature").count(), 0);
    assert_eq!(find_box(&h).value().as_deref(), Some(""));
    assert_eq!(
        h.state().selected(),
        Some(Item::Record(RecordRef::Agreement(i)))
    );
}

#[test]
fn z_and_the_inspector_button_bring_the_selection_into_view() {
    let mut h = harness();
    let at = common::feature_screen_pos(&h, "scarborough-shoal");
    common::click_at(&mut h, at);
    let a = h.state().atlas();
    let i = a.feature_index("scarborough-shoal").expect("feature");
    assert_eq!(
        h.state().selected(),
        Some(Item::Record(RecordRef::Feature(i)))
    );
    let p = a.features[i].position;
    let before = h.state().camera().expect("camera");
    h.key_press(Key::Z);
    h.run();
    let cam = h.state().camera().expect("camera");
    assert!(cam.zoom >= contested_waters::map::goto::POINT_ZOOM && cam.zoom > before.zoom);
    common::assert_centred_on(&h, p.x(), p.y());
    // Pan away, then the button brings it back.
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_ne!(
        h.state().camera().expect("camera").center_world,
        cam.center_world
    );
    h.get_by_label("Zoom to (Z)").click();
    h.run();
    assert_eq!(
        h.state().camera().expect("camera").center_world,
        cam.center_world
    );
}
