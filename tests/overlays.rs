//! Incident filters and agreement status by date, through the UI.

// Test helpers panic on a broken expectation by design.
#![allow(clippy::expect_used)]

mod common;

use common::harness_with;
use contested_waters::app::{SideTab, StartOptions};
use contested_waters::io;
use contested_waters::model::{Date, IncidentKind};
use contested_waters::model::{Item, RecordRef};
use egui_kittest::kittest::Queryable;

fn date(s: &str) -> Date {
    contested_waters::io::props::parse_date(s).expect("valid date")
}

fn bundled() -> io::LoadReport {
    io::load(&io::DataSource::Embedded)
}

/// The app with the bundled data and the Incidents tab open.
fn incidents_tab() -> egui_kittest::Harness<'static, contested_waters::app::App> {
    harness_with(
        bundled(),
        StartOptions {
            side_tab: SideTab::Incidents,
            ..Default::default()
        },
    )
}

#[test]
fn choosing_only_water_cannon_shows_their_count() {
    let mut h = incidents_tab();
    let total = h.state().atlas().incidents.len();
    let water = h
        .state()
        .atlas()
        .incidents
        .iter()
        .filter(|i| i.kind == IncidentKind::WaterCannon)
        .count();
    assert!(water > 5 && water < total);
    h.get_by_label(&format!("{total} of {total} incidents shown"));
    h.get_by_label("none").click_accesskit();
    h.run();
    h.get_by_label(&format!("0 of {total} incidents shown"));
    h.get_by_label("Water cannon").click_accesskit();
    h.run();
    h.get_by_label(&format!("{water} of {total} incidents shown"));
    assert_eq!(h.state().incidents_shown(), water);
}

#[test]
fn the_raa_is_signed_but_not_in_force_in_june_2025_and_in_force_in_october() {
    let opts = |d: &str| StartOptions {
        as_of: Some(date(d)),
        side_tab: SideTab::Agreements,
        ..Default::default()
    };
    let h = harness_with(bundled(), opts("2025-06-01"));
    h.get_by_label("Japan–Philippines RAA: signed, not in force");
    assert!(
        h.query_by_label("Japan–Philippines RAA: in force")
            .is_none()
    );
    let h = harness_with(bundled(), opts("2025-10-01"));
    h.get_by_label("Japan–Philippines RAA: in force");
    // Before 2026-01-15 the Japan–Philippines ACSA is not yet signed; on the data's as-of date it is.
    let h = harness_with(bundled(), opts("2025-12-31"));
    h.get_by_label("Japan–Philippines ACSA: not yet signed");
    let mut h = harness_with(bundled(), StartOptions::default());
    h.get_by_label("Agreements").click();
    h.run();
    h.get_by_label("Japan–Philippines ACSA: signed, not in force");
}

#[test]
fn edca_sites_appear_only_once_edca_exists() {
    let site_pos = |h: &egui_kittest::Harness<'static, contested_waters::app::App>| {
        let app = h.state();
        let s = app
            .atlas()
            .sites
            .iter()
            .find(|s| s.id.contains("bautista"))
            .expect("Antonio Bautista site");
        app.screen_of_lon_lat(s.position.x(), s.position.y())
            .expect("on screen")
    };
    let before = StartOptions {
        as_of: Some(date("2010-01-01")),
        ..Default::default()
    };
    let mut h = harness_with(bundled(), before);
    let p = site_pos(&h);
    common::click_at(&mut h, p);
    assert!(
        !matches!(h.state().selected(), Some(Item::Record(RecordRef::Site(_)))),
        "{:?}",
        h.state().selected()
    );
    let mut h = harness_with(bundled(), StartOptions::default());
    let p = site_pos(&h);
    common::click_at(&mut h, p);
    assert!(
        matches!(h.state().selected(), Some(Item::Record(RecordRef::Site(_)))),
        "{:?}",
        h.state().selected()
    );
}

#[test]
fn clicking_a_cluster_lists_its_incidents_and_choosing_one_opens_it() {
    use contested_waters::map::projection::lon_lat_from_world;
    let mut h = harness_with(bundled(), StartOptions::default());
    let app = h.state();
    let screen = |lon: f64, lat: f64| app.screen_of_lon_lat(lon, lat).expect("drawn");
    let symbols: Vec<egui::Pos2> = app
        .atlas()
        .features
        .iter()
        .map(|f| screen(f.position.x(), f.position.y()))
        .chain(
            app.atlas()
                .sites
                .iter()
                .map(|s| screen(s.position.x(), s.position.y())),
        )
        .collect();
    // A cluster away from every feature and site symbol, so the click can only mean the cluster.
    let (members, at) = app
        .clusters()
        .map(|c| {
            let ll = lon_lat_from_world(c.center_world);
            (c.members.clone(), screen(ll.x, ll.y))
        })
        .find(|(_, p)| symbols.iter().all(|s| s.distance(*p) > 14.0))
        .expect("the default view has a cluster of incidents in open water");
    assert!(members.len() > 1);
    common::click_at(&mut h, at);
    assert_eq!(h.state().cluster_list(), Some(members.as_slice()));
    h.get_by_label(&format!("{} incidents here", members.len()));
    // The newest is listed first; choosing it opens it in the inspector.
    let atlas = h.state().atlas();
    let newest = *members
        .iter()
        .max_by_key(|&&i| atlas.incidents[i].date)
        .expect("members");
    let text = atlas.incidents[newest].one_line();
    h.get_by_label(&text).click_accesskit();
    h.run();
    assert_eq!(
        h.state().selected(),
        Some(Item::Record(RecordRef::Incident(newest)))
    );
}

#[test]
fn a_drag_on_the_timeline_sets_the_date_range_and_the_count() {
    let mut h = incidents_tab();
    let total = h.state().atlas().incidents.len();
    assert_eq!(h.state().incidents_shown(), total);
    let rect = h.state().timeline_rect().expect("timeline drawn");
    let y = rect.center().y;
    let from = egui::pos2(rect.left() + rect.width() * 0.55, y);
    let to = egui::pos2(rect.left() + rect.width() * 0.85, y);
    h.drag_at(from);
    h.run();
    for k in 1..=5u8 {
        h.hover_at(from + (to - from) * (f32::from(k) / 5.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    let f = h.state().filter().clone();
    let (Some(a), Some(b)) = (f.from, f.to) else {
        panic!("the drag set no range: {f:?}");
    };
    assert!(
        a < b && a.to_string().as_str() > "2010" && b.to_string().as_str() < "2027",
        "{a} .. {b}"
    );
    let expected = h
        .state()
        .atlas()
        .incidents
        .iter()
        .filter(|i| f.matches(i))
        .count();
    assert!(expected > 0 && expected < total, "{expected}");
    assert_eq!(h.state().incidents_shown(), expected);
    h.get_by_label(&format!("{expected} of {total} incidents shown"));
}

fn range_options(from: &str, to: &str) -> StartOptions {
    let filter = contested_waters::model::IncidentFilter {
        from: Some(date(from)),
        to: Some(date(to)),
        ..Default::default()
    };
    StartOptions {
        filter: Some(filter),
        ..Default::default()
    }
}

#[test]
fn bracket_keys_step_the_range_by_a_month() {
    let mut h = harness_with(bundled(), range_options("2024-01-15", "2024-06-30"));
    h.key_press(egui::Key::CloseBracket);
    h.run();
    assert_eq!(h.state().filter().from, Some(date("2024-02-15")));
    assert_eq!(h.state().filter().to, Some(date("2024-07-30")));
    h.key_press(egui::Key::OpenBracket);
    h.key_press(egui::Key::OpenBracket);
    h.run();
    assert_eq!(h.state().filter().from, Some(date("2023-12-15")));
}

#[test]
fn play_moves_the_window_forward_and_the_count_follows() {
    let mut h = harness_with(bundled(), range_options("2012-01-01", "2012-12-31"));
    let before = h.state().filter().clone();
    h.get_by_label("▶ Play").click_accesskit();
    h.run_steps(30);
    let after = h.state().filter().clone();
    let (Some(a0), Some(a1), Some(b0), Some(b1)) = (before.from, after.from, before.to, after.to)
    else {
        panic!("the range was lost: {after:?}");
    };
    assert!(a1 > a0 && b1 > b0, "{a0}..{b0} -> {a1}..{b1}");
    // The window keeps its length (to within a day of rounding).
    let len0 = (b0 - a0).num_days();
    let len1 = (b1 - a1).num_days();
    assert!((len0 - len1).abs() <= 1, "{len0} vs {len1}");
    let expected = h
        .state()
        .atlas()
        .incidents
        .iter()
        .filter(|i| after.matches(i))
        .count();
    assert_eq!(h.state().incidents_shown(), expected);
    h.get_by_label("Pause").click_accesskit();
    h.run_steps(3);
    let paused = h.state().filter().clone();
    h.run_steps(10);
    assert_eq!(
        h.state().filter(),
        &paused,
        "paused means the range stays put"
    );
}

/// Playback moves the range as input read before the panels are drawn: each frame is one
/// layout pass (a second pass per frame doubled the cost of playing), and the panels drawn in
/// that pass already count the new range.
#[test]
fn playing_draws_each_frame_once_with_the_new_range() {
    let mut opts = range_options("2012-01-01", "2012-12-31");
    opts.side_tab = SideTab::Incidents;
    let mut h = harness_with(bundled(), opts);
    h.get_by_label("▶ Play").click_accesskit();
    h.run_steps(3);
    let mut moved = 0;
    for _ in 0..20 {
        let before = h.state().filter().clone();
        let passes = h.ctx.cumulative_pass_nr();
        h.step();
        assert_eq!(
            h.ctx.cumulative_pass_nr() - passes,
            1,
            "one layout pass per playing frame"
        );
        if h.state().filter() != &before {
            moved += 1;
        }
        let shown = h.state().incidents_shown();
        h.get_by_label(&format!("Export {shown}"));
    }
    assert!(moved >= 10, "the range moved in only {moved} of 20 frames");
}

#[test]
fn agreement_status_follows_the_end_of_the_timeline_range() {
    let mut opts = range_options("2024-01-01", "2025-06-01");
    opts.side_tab = SideTab::Agreements;
    let h = harness_with(bundled(), opts.clone());
    h.get_by_label("Japan–Philippines RAA: signed, not in force");
    h.get_by_label_contains("(end of the timeline range)");
    // A date the user sets wins over the range.
    opts.as_of = Some(date("2025-10-01"));
    let h = harness_with(bundled(), opts);
    h.get_by_label("Japan–Philippines RAA: in force");
}

#[test]
fn arrow_keys_over_the_timeline_step_the_range_not_the_map() {
    let mut h = harness_with(bundled(), range_options("2024-01-15", "2024-06-30"));
    let camera = h.state().camera();
    let rect = h.state().timeline_rect().expect("timeline drawn");
    h.hover_at(rect.center());
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(h.state().filter().from, Some(date("2024-02-15")));
    assert_eq!(h.state().camera(), camera, "the map did not pan");
}

#[test]
fn the_incidents_tab_lists_the_shown_incidents_newest_first_and_a_click_opens_one() {
    let mut h = incidents_tab();
    let atlas = h.state().atlas().clone();
    let line = |i: usize| atlas.incidents[i].one_line();
    let newest = (0..atlas.incidents.len())
        .max_by_key(|&i| (atlas.incidents[i].date, i))
        .expect("incidents");
    let oldest_laser = (0..atlas.incidents.len())
        .filter(|&i| atlas.incidents[i].kind == IncidentKind::Laser)
        .min_by_key(|&i| (atlas.incidents[i].date, i))
        .expect("a laser incident");
    // The newest is at the top; an old laser incident is far down, not laid out.
    assert!(h.query_by_label(&line(newest)).is_some());
    assert!(h.query_by_label(&line(oldest_laser)).is_none());
    // Only lasers: the list follows the filter, and the old one comes into view.
    h.get_by_label("none").click_accesskit();
    h.run();
    h.get_by_label("Laser").click_accesskit();
    h.run();
    assert!(
        h.query_by_label(&line(newest)).is_none()
            || atlas.incidents[newest].kind == IncidentKind::Laser
    );
    h.get_by_label(&line(oldest_laser)).click_accesskit();
    h.run();
    assert_eq!(
        h.state().selected(),
        Some(Item::Record(RecordRef::Incident(oldest_laser)))
    );
    let p = atlas.incidents[oldest_laser].position;
    common::assert_centred_on(&h, p.x(), p.y());
}

#[test]
fn a_selection_made_on_the_map_or_with_n_p_scrolls_the_incident_list_to_it() {
    let mut h = incidents_tab();
    let atlas = h.state().atlas().clone();
    let line = |i: usize| atlas.incidents[i].one_line();
    let oldest = (0..atlas.incidents.len())
        .min_by_key(|&i| (atlas.incidents[i].date, i))
        .expect("incidents");
    assert!(
        h.query_by_label(&line(oldest)).is_none(),
        "far down the list"
    );
    // N with nothing selected takes the earliest shown incident: the list follows.
    h.key_press(egui::Key::N);
    // The scroll bar fades in over a few frames.
    h.run_steps(10);
    assert_eq!(
        h.state().selected(),
        Some(Item::Record(RecordRef::Incident(oldest)))
    );
    assert!(
        h.query_by_label(&line(oldest)).is_some(),
        "scrolled into view"
    );
}

/// The agreement links drawn: (agreement id, party, party, status label), sorted.
fn drawn_links(
    h: &egui_kittest::Harness<'static, contested_waters::app::App>,
) -> Vec<(String, String, String, &'static str)> {
    let app = h.state();
    let mut out: Vec<_> = app
        .web_links()
        .iter()
        .map(|l| {
            (
                app.atlas().agreements[l.agreement].id.clone(),
                l.a.code().to_owned(),
                l.b.code().to_owned(),
                l.status.label(),
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_agreement_web_differs_between_2014_and_2026() {
    let on = |d: &str| {
        let h = harness_with(
            bundled(),
            StartOptions {
                as_of: Some(date(d)),
                ..Default::default()
            },
        );
        drawn_links(&h)
    };
    let early = on("2014-01-01");
    let late = on("2026-02-01");
    let has = |links: &[(String, String, String, &str)], id: &str, status: &str| {
        links.iter().any(|(a, _, _, s)| a == id && *s == status)
    };
    // The Japan–Philippines RAA: signed 2024, in force 2025-09-11.
    assert!(
        !early.iter().any(|(a, ..)| a == "agr-jpn-phl-raa"),
        "{early:?}"
    );
    assert!(has(&late, "agr-jpn-phl-raa", "in force"), "{late:?}");
    // Their ACSA, signed 2026-01-15 and awaiting the Diet, is drawn as signed (dashed).
    assert!(has(&late, "agr-jpn-phl-acsa", "signed, not in force"));
    // The US–Philippines treaty links the two on both dates.
    for links in [&early, &late] {
        assert!(links.iter().any(|(a, x, y, s)| a == "agr-usa-phl-mdt"
            && [x.as_str(), y.as_str()].contains(&"PHL")
            && *s == "in force"));
    }
    assert!(
        late.len() > early.len(),
        "{} vs {}",
        late.len(),
        early.len()
    );
}

#[test]
fn switching_the_lens_changes_the_zones_drawn_and_whats_here() {
    let mut h = harness_with(bundled(), StartOptions::default());
    // Second Thomas Shoal: a low-tide elevation under the award, a full island at most.
    let shoal = (115.866_667, 9.733_333);
    h.state_mut()
        .apply(contested_waters::app::Command::WhatsHere(geo::Coord {
            x: shoal.0,
            y: shoal.1,
        }));
    h.run();
    let kinds_near_shoal = |h: &mut egui_kittest::Harness<'static, contested_waters::app::App>| {
        let a = h.state_mut().whats_here().cloned().expect("an answer");
        a.zones
            .iter()
            .map(|z| (z.state.map(|c| c.code().to_owned()), z.kind))
            .collect::<Vec<_>>()
    };
    let award = kinds_near_shoal(&mut h);
    use contested_waters::model::zones::ZoneKind;
    assert!(
        award
            .iter()
            .any(|(s, k)| s.as_deref() == Some("PHL") && *k == ZoneKind::Eez),
        "in the Philippines' EEZ under the award: {award:?}"
    );
    assert!(
        !award.iter().any(|(_, k)| *k == ZoneKind::TerritorialSea),
        "a low-tide elevation has no territorial sea under the award: {award:?}"
    );
    h.get_by_label("Every feature a full island")
        .click_accesskit();
    // The zones compute in the background under a spinner: step, do not wait to settle.
    h.run_steps(2);
    assert_eq!(h.state().saved().lens.as_deref(), Some("maximal"));
    let maximal = kinds_near_shoal(&mut h);
    assert!(
        maximal.iter().any(|(_, k)| *k == ZoneKind::TerritorialSea),
        "under the maximal reading the shoal has a territorial sea: {maximal:?}"
    );
    // The zones arrive from the background and are drawn.
    for _ in 0..600 {
        if h.state().zone_scene().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.run_steps(1);
    }
    let scene = h.state().zone_scene().expect("zones computed");
    assert_eq!(scene.lens, "maximal");
    assert!(
        scene
            .zones
            .iter()
            .any(|z| z.feature && z.kind == ZoneKind::TerritorialSea)
    );
}
