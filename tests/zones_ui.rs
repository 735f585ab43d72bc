//! Maritime zones in the window's panels: the incident filter's *where* criterion and the
//! incident inspector's "What's here" section.

// Helpers outside #[test] functions: a failed expectation should panic.
#![allow(clippy::expect_used)]

mod common;

use common::harness_with;
use contested_waters::app::{App, Command, SideTab, StartOptions};
use contested_waters::io;
use contested_waters::model::zones::query::whats_here;
use contested_waters::model::zones::{Inputs, ZoneKind, coast};
use contested_waters::model::{Atlas, Country};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn incidents_tab(dir: &std::path::Path) -> Harness<'static, App> {
    harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            side_tab: SideTab::Incidents,
            data_dir: Some(dir.to_path_buf()),
            ..StartOptions::default()
        },
    )
}

/// Steps the app until the zones of the lens shown have arrived from the background.
fn wait_for_zones(h: &mut Harness<'static, App>) {
    for _ in 0..900 {
        if h.state().zone_scene().is_some() {
            h.run_steps(20);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.run_steps(1);
    }
    panic!("the zones were not computed in 90 s");
}

/// The incidents in `state`'s `kind` per "What's here?" (distance queries, not the zone
/// polygons the filter uses), and those too close to the limit for the two to agree.
fn by_distance(atlas: &Atlas, state: &str, kind: ZoneKind) -> (Vec<String>, Vec<String>) {
    // The coast the app measures from (the GSHHG shoreline when the data has it, read apart
    // from the rest of the data).
    let shoreline = io::load_shoreline(&io::DataSource::Embedded).expect("the shoreline");
    let coasts = coast::coasts(
        &atlas.countries,
        &atlas.features,
        &shoreline,
        coast::coast_box(),
    );
    let inputs = Inputs {
        coasts: &coasts,
        features: &atlas.features,
        claims: &atlas.claims,
    };
    let lens = atlas.lenses.get("award").expect("the award lens");
    let state = Country::parse(state).expect("a code");
    let (mut inside, mut edge) = (Vec::new(), Vec::new());
    for i in &atlas.incidents {
        let a = whats_here(i.position, lens, inputs);
        let hit = a
            .zones
            .iter()
            .find(|z| z.state == Some(state) && z.kind == kind);
        // Polygons stand within 0.1 nm of the true limit (tests/zones.rs).
        let near_limit = a
            .zones
            .iter()
            .any(|z| z.state == Some(state) && (z.distance_nm - z.kind.limit_nm()).abs() < 0.25);
        if near_limit {
            edge.push(i.id.clone());
        } else if hit.is_some() && (kind == ZoneKind::TerritorialSea || !in_ts(&a, state)) {
            inside.push(i.id.clone());
        }
    }
    (inside, edge)
}

fn in_ts(a: &contested_waters::model::zones::query::WhatsHere, state: Country) -> bool {
    a.zones
        .iter()
        .any(|z| z.state == Some(state) && z.kind == ZoneKind::TerritorialSea)
}

fn listed_ids(h: &Harness<'static, App>) -> Vec<String> {
    let app = h.state();
    let mut ids: Vec<String> = app
        .listed_incidents()
        .iter()
        .map(|&i| app.atlas().incidents[i].id.clone())
        .collect();
    ids.sort();
    ids
}

fn assert_listed_as(h: &Harness<'static, App>, oracle: &(Vec<String>, Vec<String>)) {
    let listed = listed_ids(h);
    let (inside, edge) = oracle;
    for id in inside {
        assert!(listed.contains(id), "{id} is inside but not listed");
    }
    for id in &listed {
        assert!(
            inside.contains(id) || edge.contains(id),
            "{id} is listed but not inside"
        );
    }
}

#[test]
fn where_filter_lists_the_incidents_in_a_states_zone_under_the_lens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = incidents_tab(dir.path());
    let total = h.state().atlas().incidents.len();
    h.get_by_label("Turn maritime zones on (Layers tab) to filter by zone.");
    h.state_mut()
        .apply(Command::SetLens(Some("award".to_owned())));
    h.run_steps(2);
    h.get_by_label("Inactive until the zones under the 2016 award lens are computed…");
    wait_for_zones(&mut h);
    // One of the user's own incidents, 5 nm east of Kuba-jima (Senkakus).
    let mut mine = h.state().atlas().incidents[0].clone();
    mine.position = geo::Point::new(123.7745, 25.9233);
    h.state_mut().apply(Command::AddIncident(Box::new(mine)));
    h.run_steps(20);
    let my_id = h.state().my_log().incidents()[0].id.clone();
    let total = total + 1;
    assert_eq!(h.state().atlas().incidents.len(), total);
    // JPN's territorial sea, chosen in the panel.
    h.get_by_label(contested_waters::ui::where_filter::STATE_LABEL)
        .click();
    h.run_steps(20);
    h.get_by_label("JPN Japan").click();
    h.run_steps(20);
    let within = h.state().filter().within.expect("a where criterion");
    assert_eq!(
        (within.state.code(), within.zone),
        ("JPN", ZoneKind::TerritorialSea)
    );
    h.get_by_label("Only incidents in Japan's territorial sea under the 2016 award lens.");
    let ts = by_distance(h.state().atlas(), "JPN", ZoneKind::TerritorialSea);
    assert_listed_as(&h, &ts);
    let listed = listed_ids(&h);
    for id in [
        "inc-2012-09-14-cms-senkaku-territorial-sea",
        "inc-2020-10-11-ccg-57-hour-intrusion-taisho",
        "inc-2008-12-08-haijian-senkaku-territorial-sea",
        my_id.as_str(),
    ] {
        assert!(
            listed.contains(&id.to_owned()),
            "{id} in JPN's territorial sea"
        );
    }
    // 16 nm from Kuba-jima: the contiguous zone, not the territorial sea.
    let cz_only = "inc-2016-06-09-plan-frigate-senkaku-contiguous-zone";
    assert!(!listed.contains(&cz_only.to_owned()));
    let n = h.state().incidents_shown();
    assert!(n < total / 2);
    h.get_by_label(&format!("{n} of {total} incidents shown"));
    // The contiguous zone: beyond the territorial sea.
    h.get_by_label("contiguous zone").click();
    h.run_steps(20);
    assert_listed_as(
        &h,
        &by_distance(h.state().atlas(), "JPN", ZoneKind::ContiguousZone),
    );
    let listed = listed_ids(&h);
    assert!(listed.contains(&cz_only.to_owned()));
    assert!(!listed.contains(&my_id));
    // Zones off: the criterion stays in the filter but is inactive, and says so.
    h.state_mut().apply(Command::SetLens(None));
    h.run_steps(20);
    assert_eq!(h.state().incidents_shown(), total);
    assert!(h.state().filter().within.is_some());
    h.get_by_label("Inactive: maritime zones are off (Layers tab). Every place is shown.");
}

#[test]
fn the_incident_inspector_says_whats_here_under_the_lens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = incidents_tab(dir.path());
    let id = "inc-2024-06-17-second-thomas-boarding";
    let i = h
        .state()
        .atlas()
        .incidents
        .iter()
        .position(|x| x.id == id)
        .expect("the incident in the data");
    h.state_mut().apply(Command::SelectIncident(i));
    h.run_steps(20);
    // Zones off: one line saying how to turn them on.
    h.get_by_label(contested_waters::ui::whats_here::LENS_OFF_HINT);
    assert!(
        h.query_by_label_contains("exclusive economic zone")
            .is_none()
    );
    h.state_mut()
        .apply(Command::SetLens(Some("award".to_owned())));
    h.run_steps(20);
    assert!(
        h.query_by_label(contested_waters::ui::whats_here::LENS_OFF_HINT)
            .is_none()
    );
    h.get_by_label("Under the lens: 2016 award");
    // A low-tide elevation inside the Philippines' EEZ: no territorial sea under the award.
    h.get_by_label_contains("PHL: exclusive economic zone (200 nm) — ");
    assert!(
        h.query_by_label_contains("territorial sea (12 nm) — ")
            .is_none()
    );
    h.get_by_label_contains("Second Thomas Shoal / Ayungin Shoal — 0.");
    // The maximal reading gives the shoal a territorial sea of its own.
    h.state_mut()
        .apply(Command::SetLens(Some("maximal".to_owned())));
    h.run_steps(20);
    h.get_by_label("Under the lens: Every feature a full island");
    h.get_by_label_contains("territorial sea (12 nm) — ");
}

#[test]
fn the_about_box_lists_every_lens_rule_with_its_basis() {
    use contested_waters::ui::about_lenses::basis_line;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = incidents_tab(dir.path());
    h.state_mut().apply(Command::ToggleAbout);
    h.run();
    let table = h.state().atlas().lenses.clone();
    let mut shown = 0;
    for lens in &table.lenses {
        h.get_by_label(&lens.summary);
        for rule in lens.rules() {
            h.get_by_label(&basis_line(rule));
            let why = h.query_all_by_label(&rule.why).count();
            assert!(why > 0, "{}: its reason is not shown", rule.id);
            shown += 1;
        }
    }
    assert!(shown >= 15, "{shown} rules");
}

#[test]
fn past_zoom_8_the_map_draws_the_fine_coast_once_loaded_and_says_what_it_is_worth() {
    use contested_waters::map::Camera;
    use contested_waters::map::paint::{BASEMAP_SCALE_NOTICE, FINE_COAST_NOTICE};
    let mut h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            camera: Some(Camera::at_lon_lat(123.53, 25.74, 12.0)),
            ..StartOptions::default()
        },
    );
    // Loaded off the UI thread: Natural Earth's dashed islands meanwhile, then GSHHG's.
    for _ in 0..600 {
        if h.query_by_label(FINE_COAST_NOTICE).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.run_steps(1);
    }
    assert!(
        h.query_by_label(FINE_COAST_NOTICE).is_some(),
        "the fine coast is drawn"
    );
    assert!(h.query_by_label(BASEMAP_SCALE_NOTICE).is_none());
    h.state_mut()
        .apply(Command::SetCamera(Camera::at_lon_lat(123.53, 25.74, 8.0)));
    h.run_steps(3);
    assert!(
        h.query_by_label(FINE_COAST_NOTICE).is_none(),
        "zoom 8: Natural Earth"
    );
}
