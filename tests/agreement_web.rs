//! The agreement web through the UI: a country's inspector, negotiation dates, comparing dates.

// Test helpers panic on a broken expectation by design.
#![allow(clippy::expect_used)]

mod common;

use common::{click_at, harness_with};
use contested_waters::app::{App, StartOptions};
use contested_waters::io;
use contested_waters::model::{Country, Date, Item};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn date(s: &str) -> Date {
    io::props::parse_date(s).expect("valid date")
}

fn country(code: &str) -> Country {
    Country::parse(code).expect("a known country")
}

fn on(d: &str) -> Harness<'static, App> {
    harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            as_of: Some(date(d)),
            ..Default::default()
        },
    )
}

/// Distance from `p` to the segment `a`–`b`, in points.
fn segment_distance(p: egui::Pos2, a: egui::Pos2, b: egui::Pos2) -> f32 {
    let d = b - a;
    let t = ((p - a).dot(d) / d.length_sq().max(1e-6)).clamp(0.0, 1.0);
    p.distance(a + d * t)
}

/// The first of `candidates` (lon/lat) on screen whose surroundings hold no link or party
/// of the web and no agreement site: a click there lands on whatever is beneath.
fn clear_point(h: &Harness<'static, App>, candidates: &[(f64, f64)]) -> egui::Pos2 {
    let app = h.state();
    let pos = |c: &geo::Coord<f64>| egui::pos2(c.x as f32, c.y as f32);
    let sites: Vec<egui::Pos2> = app
        .atlas()
        .sites
        .iter()
        .filter_map(|s| app.screen_of_lon_lat(s.position.x(), s.position.y()))
        .collect();
    candidates
        .iter()
        .filter_map(|&(lon, lat)| app.screen_of_lon_lat(lon, lat))
        .find(|&p| {
            !sites.iter().any(|&s| p.distance(s) < 16.0)
                && !app
                    .web_parties()
                    .iter()
                    .any(|m| p.distance(pos(&m.screen)) < 16.0)
                && !app.web_links().iter().any(|l| {
                    l.screen
                        .windows(2)
                        .any(|w| segment_distance(p, pos(&w[0]), pos(&w[1])) < 8.0)
                })
        })
        .expect("one candidate is clear of links and sites")
}

/// Points of Luzon (lon/lat), a tenth of a degree apart.
fn luzon() -> Vec<(f64, f64)> {
    let land = io::load(&io::DataSource::Embedded)
        .atlas
        .countries
        .into_iter()
        .find(|c| c.iso == Some(country("PHL")))
        .expect("the Philippines on the base map")
        .shape;
    use geo::Contains;
    (0..30)
        .flat_map(|i| (0..40).map(move |j| (120.0 + 0.1 * f64::from(i), 14.5 + 0.1 * f64::from(j))))
        .filter(|&(x, y)| land.contains(&geo::Point::new(x, y)))
        .collect()
}

/// Clicks Luzon, away from EDCA sites and the web's links.
fn click_luzon(h: &mut Harness<'static, App>) {
    let p = clear_point(h, &luzon());
    click_at(h, p);
}

#[test]
fn a_click_on_philippine_land_lists_its_agreements_on_the_date() {
    let mut h = on("2026-02-01");
    click_luzon(&mut h);
    assert_eq!(h.state().selected(), Some(Item::Country(country("PHL"))));
    let atlas = h.state().atlas().clone();
    let mine = atlas.party_agreements(country("PHL"), date("2026-02-01"));
    h.get_by_label(&format!(
        "{} agreements bind it on 2026-02-01",
        mine.binding()
    ));
    h.get_by_label(&format!("In force ({})", mine.in_force.len()));
    h.get_by_label(&format!("Signed, not in force ({})", mine.signed.len()));
    for name in [
        "Japan–Philippines RAA",
        "Japan–Philippines ACSA",
        "US–Philippines MDT",
        "EDCA",
    ] {
        h.get_by_label(name);
    }
    // The RAA and the ACSA, with their partner.
    assert!(h.query_all_by_label("with Japan").count() >= 2);
    // History: SEATO ended in 1977.
    h.get_by_label_contains("Ended (history)");
    h.get_by_label("SEATO");
    // A name opens the agreement.
    h.get_by_label("Japan–Philippines ACSA").click_accesskit();
    h.run();
    let acsa = atlas.item_by_id("agr-jpn-phl-acsa").expect("the ACSA");
    assert_eq!(h.state().selected(), Some(Item::Record(acsa)));
}

#[test]
fn in_2014_the_philippines_has_no_raa_yet() {
    let mut h = on("2014-01-01");
    click_luzon(&mut h);
    assert_eq!(h.state().selected(), Some(Item::Country(country("PHL"))));
    h.get_by_label("US–Philippines MDT");
    assert!(h.query_by_label("Japan–Philippines RAA").is_none());
    assert!(h.query_by_label("Japan–Philippines ACSA").is_none());
}

#[test]
fn a_click_on_an_edge_badge_selects_that_country_and_the_sea_selects_none() {
    let mut h = on("2026-02-01");
    let badge = h
        .state()
        .web_parties()
        .iter()
        .find(|m| m.at_edge && m.party == country("USA"))
        .map(|m| egui::pos2(m.screen.x as f32, m.screen.y as f32))
        .expect("the United States at the map's edge");
    click_at(&mut h, badge);
    assert_eq!(h.state().selected(), Some(Item::Country(country("USA"))));
    h.get_by_label("United States");
    let sea = clear_point(
        &h,
        &[(110.5, 14.0), (126.0, 26.5), (113.0, 19.0), (128.0, 20.0)],
    );
    click_at(&mut h, sea);
    assert_eq!(h.state().selected(), None);
}

#[test]
fn select_takes_a_country_code() {
    let h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            as_of: Some(date("2026-02-01")),
            select: Some("JPN".into()),
            ..Default::default()
        },
    );
    assert_eq!(h.state().selected(), Some(Item::Country(country("JPN"))));
    h.get_by_label("Japan–Philippines RAA");
}

#[test]
fn the_agreement_inspector_shows_when_talks_were_agreed_and_began() {
    let select = |id: &str| {
        harness_with(
            io::load(&io::DataSource::Embedded),
            StartOptions {
                select: Some(id.into()),
                ..Default::default()
            },
        )
    };
    // Japan–Philippines information security: talks agreed 2025-04-29, begun by 2025-05-28.
    let h = select("agr-jpn-phl-isa");
    h.get_by_label("Talks agreed:");
    h.get_by_label("2025-04-29");
    h.get_by_label("Negotiation began:");
    h.get_by_label("2025-05-28");
    h.get_by_label("Sources");
    // An agreement with neither date has no such rows.
    let h = select("agr-jpn-phl-raa");
    assert!(h.query_by_label("Talks agreed:").is_none());
    assert!(h.query_by_label("Negotiation began:").is_none());
}

#[test]
fn comparing_2014_with_2026_lists_the_raa_as_new_and_marks_it_on_the_map() {
    let h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            as_of: Some(date("2026-02-01")),
            compare_date: Some(date("2014-01-01")),
            side_tab: contested_waters::app::SideTab::Agreements,
            ..Default::default()
        },
    );
    h.get_by_label("Japan–Philippines RAA: not yet signed → in force");
    h.get_by_label("Japan–Philippines ACSA: not yet signed → signed, not in force");
    let diff = h.state().web_diff().expect("comparing");
    let raa = h
        .state()
        .atlas()
        .agreements
        .iter()
        .position(|a| a.id == "agr-jpn-phl-raa")
        .expect("RAA");
    assert_eq!(
        diff.change_of(raa).map(|c| c.kind),
        Some(contested_waters::model::web_diff::ChangeKind::New)
    );
    assert!(h.state().web_links().iter().any(|l| l.agreement == raa));
}
