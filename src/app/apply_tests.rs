//! `App::apply` without a window: a command in, the state out.

use super::{App, Command, Selection, SideTab, StartOptions};
use crate::map::Camera;
use crate::model::{Date, IncidentFilter, IncidentKind, Item, RecordRef};
use geo::Coord;

fn app() -> App {
    let report = crate::io::load(&crate::io::DataSource::Embedded);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    App::from_report(report, StartOptions::default(), None)
}

fn date(s: &str) -> Date {
    s.parse()
        .unwrap_or_else(|e| panic!("test date {s} does not parse: {e}"))
}

fn record(app: &App, id: &str) -> RecordRef {
    app.atlas()
        .item_by_id(id)
        .unwrap_or_else(|| panic!("{id} not in the data"))
}

#[test]
fn selecting_listing_and_clearing() {
    let mut app = app();
    let scarborough = record(&app, "scarborough-shoal");
    app.apply(Command::Select(Some(Item::Record(scarborough))));
    assert_eq!(app.selected(), Some(Item::Record(scarborough)));
    app.apply(Command::ListCluster(vec![3, 5]));
    assert_eq!(
        app.selected(),
        None,
        "a cluster list replaces the selection"
    );
    assert_eq!(app.cluster_list(), Some(&[3, 5][..]));
    app.apply(Command::Select(None));
    assert_eq!(app.state().selection, Selection::None);
}

#[test]
fn go_to_selects_and_centres_a_feature() {
    let mut app = app();
    let r = record(&app, "second-thomas-shoal");
    app.apply(Command::GoTo(r));
    assert_eq!(app.selected(), Some(Item::Record(r)));
    let RecordRef::Feature(i) = r else {
        panic!("a feature: {r:?}")
    };
    let p = app.atlas().features[i].position;
    let cam = app
        .saved()
        .camera
        .unwrap_or_else(|| panic!("the map moved"));
    let c = cam.center_lon_lat();
    assert!(
        (c.x - p.x()).abs() < 1e-6 && (c.y - p.y()).abs() < 1e-6,
        "{c:?}"
    );
    assert!(
        cam.zoom >= 9.0,
        "close enough to see the shoal: {}",
        cam.zoom
    );
}

#[test]
fn the_filter_drives_the_derived_counts_and_stepping() {
    let mut app = app();
    let all = app.incidents_shown();
    assert_eq!(all, app.atlas().incidents.len());
    let water_cannon = app
        .atlas()
        .incidents
        .iter()
        .filter(|x| x.kind == IncidentKind::WaterCannon)
        .count();
    app.apply(Command::SetFilter(IncidentFilter {
        kinds: [IncidentKind::WaterCannon].into(),
        ..IncidentFilter::default()
    }));
    assert_eq!(app.incidents_shown(), water_cannon);
    assert!(water_cannon > 1 && water_cannon < all);
    // Stepping forward from nothing: the oldest shown water-cannon incident, centred.
    app.apply(Command::SetCamera(Camera::at_lon_lat(120.0, 15.0, 7.0)));
    app.apply(Command::StepIncident { forward: true });
    let first = app.selected().and_then(Item::incident);
    let Some(i) = first else {
        panic!("an incident is selected: {:?}", app.selected())
    };
    let x = &app.atlas().incidents[i];
    assert_eq!(x.kind, IncidentKind::WaterCannon);
    let oldest = app
        .atlas()
        .incidents
        .iter()
        .filter(|y| y.kind == IncidentKind::WaterCannon)
        .map(|y| y.date)
        .min();
    assert_eq!(Some(x.date), oldest);
    let cam = app.saved().camera.unwrap_or_else(|| panic!("camera"));
    assert!((cam.center_lon_lat().x - x.position.x()).abs() < 1e-6);
    assert!((cam.zoom - 7.0).abs() < 1e-9, "the zoom is kept");
    app.apply(Command::StepIncident { forward: false });
    assert_eq!(
        app.selected().and_then(Item::incident),
        Some(i),
        "nothing before the first: the selection stays"
    );
}

#[test]
fn the_date_range_shifts_by_months_only_when_set() {
    let mut app = app();
    app.apply(Command::ShiftDateRange { months: 1 });
    assert_eq!((app.filter().from, app.filter().to), (None, None));
    app.apply(Command::SetDateRange(
        Some(date("2024-01-31")),
        Some(date("2024-03-31")),
    ));
    app.apply(Command::ShiftDateRange { months: 1 });
    assert_eq!(
        app.filter().from,
        Some(date("2024-02-29")),
        "clamped to February's end"
    );
    assert_eq!(app.filter().to, Some(date("2024-04-30")));
    app.apply(Command::ShiftDateRange { months: -2 });
    assert_eq!(app.filter().from, Some(date("2023-12-29")));
    // The timeline's end drives the agreements' date unless one is set.
    assert_eq!(app.agreements_as_of(), Some(date("2024-02-29")));
    app.apply(Command::SetAsOf(Some(date("2014-01-01"))));
    assert_eq!(app.agreements_as_of(), Some(date("2014-01-01")));
}

#[test]
fn hiding_an_agreement_hides_its_sites() {
    let mut app = app();
    app.apply(Command::SetAsOf(Some(date("2025-01-01"))));
    let edca: Vec<usize> = (0..app.atlas().sites.len())
        .filter(|&i| {
            app.atlas().sites[i]
                .agreements
                .iter()
                .any(|a| a == "agr-usa-phl-edca")
        })
        .collect();
    assert!(edca.len() >= 9, "{edca:?}");
    assert!(edca.iter().all(|&i| app.derived.site_visible[i]));
    app.apply(Command::ShowAgreementSites {
        id: "agr-usa-phl-edca".into(),
        shown: false,
    });
    assert!(edca.iter().all(|&i| !app.derived.site_visible[i]));
    app.apply(Command::ShowAgreementSites {
        id: "agr-usa-phl-edca".into(),
        shown: true,
    });
    assert!(edca.iter().all(|&i| app.derived.site_visible[i]));
    // Before EDCA was signed none of its sites shows.
    app.apply(Command::SetAsOf(Some(date("2014-04-27"))));
    assert!(edca.iter().all(|&i| !app.derived.site_visible[i]));
}

#[test]
fn the_ruler_collects_points_and_ends() {
    let mut app = app();
    let p = |x: f64, y: f64| Coord { x, y };
    app.apply(Command::AddRulerPoint(p(1.0, 1.0)));
    assert!(app.measurement().is_none(), "no ruler, no point");
    app.apply(Command::ToggleRuler);
    app.apply(Command::AddRulerPoint(p(117.0, 15.0)));
    app.apply(Command::AddRulerPoint(p(118.0, 15.0)));
    app.apply(Command::UndoRulerPoint);
    let points = app.measurement().map(|m| m.points().to_vec());
    assert_eq!(points, Some(vec![p(117.0, 15.0)]));
    app.apply(Command::EndRuler);
    assert!(app.measurement().is_none());
    app.apply(Command::MeasureFrom(p(120.0, 10.0)));
    assert_eq!(app.measurement().map(|m| m.points().len()), Some(1));
}

#[test]
fn settings_commands_change_only_what_they_name() {
    let mut app = app();
    let before = app.saved().clone();
    app.apply(Command::SetSideTab(SideTab::Agreements));
    app.apply(Command::ToggleHelp);
    assert_eq!(app.state().side_tab, SideTab::Agreements);
    assert!(app.state().windows.help);
    assert_eq!(*app.saved(), before, "nothing persisted changed");
    app.apply(Command::ToggleTimeline);
    assert!(!app.saved().show_timeline);
    let mut layers = app.saved().layers.clone();
    layers.claims.visible = false;
    app.apply(Command::SetLayers(layers.clone()));
    assert_eq!(app.saved().layers, layers);
}

#[test]
fn saved_state_that_cannot_be_shown_is_reset_and_said() {
    let mut saved = super::SavedState {
        camera: Some(Camera {
            center_world: (f64::NAN, 1e308),
            zoom: 5.0,
        }),
        ..Default::default()
    };
    saved.layers.claims.opacity = f32::NAN;
    saved.filter.from = Some(date("2024-05-01"));
    saved.filter.to = Some(date("2024-01-01"));
    let report = crate::io::load(&crate::io::DataSource::Embedded);
    let app = App::from_report(report, StartOptions::default(), Some(saved));
    assert_eq!(app.saved().camera, None, "the default view instead");
    assert!((app.saved().layers.claims.opacity - 1.0).abs() < f32::EPSILON);
    assert_eq!((app.filter().from, app.filter().to), (None, None));
    assert!(
        app.errors()
            .iter()
            .any(|e| e.contains("view") && e.contains("layers") && e.contains("date range")),
        "{:?}",
        app.errors()
    );
    // A sane saved state is kept as it was.
    let good = super::SavedState {
        camera: Some(Camera::at_lon_lat(117.0, 15.0, 9.0)),
        ..Default::default()
    };
    let (kept, reset) = good.clone().sanitized();
    assert_eq!(kept, good);
    assert!(reset.is_empty());
}
