//! `--stress`: synthetic incidents go through the incident filter, are drawn and picked in
//! the app, and stay apart from the real data.

mod common;

use common::{click_at, harness_with};
use contested_waters::app::Command;
use contested_waters::app::{App, StartOptions};
use contested_waters::io;
use contested_waters::map::Camera;
use contested_waters::model::Item;
use contested_waters::model::{IncidentFilter, IncidentKind};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const N: usize = 20_000;

fn stressed(camera: Option<Camera>) -> Harness<'static, App> {
    let mut h = harness_with(
        io::load(&io::DataSource::Embedded),
        StartOptions {
            stress: Some(N),
            camera,
            ..Default::default()
        },
    );
    for _ in 0..2000 {
        if h.state().loading() == 0 {
            h.run();
            return h;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    panic!("the synthetic incidents were not generated");
}

#[test]
fn the_filter_applies_to_synthetic_incidents_and_the_real_data_is_untouched() {
    let mut h = stressed(None);
    let real = h.state().atlas().incidents.len();
    let s = h.state().synthetic().expect("synthetic layer");
    assert_eq!((s.len(), s.shown()), (N, N));
    let lasers = (0..N)
        .filter(|&i| s.data.kind_of(i) == Some(IncidentKind::Laser))
        .count();
    assert!(lasers > 0 && lasers < N);
    h.state_mut().apply(Command::SetFilter(IncidentFilter {
        kinds: [IncidentKind::Laser].into(),
        ..Default::default()
    }));
    h.run();
    let s = h.state().synthetic().expect("synthetic layer");
    assert_eq!(s.shown(), lasers);
    assert_eq!(
        h.state().atlas().incidents.len(),
        real,
        "no synthetic row in the atlas"
    );
    h.state_mut().apply(Command::SetSideTab(
        contested_waters::app::SideTab::Incidents,
    ));
    h.run();
    let label = contested_waters::ui::incidents_panel::synthetic_count_label(lasers, N);
    assert!(label.contains(&format!("of {},{:03} SYNTHETIC", N / 1000, N % 1000)));
    assert!(h.query_by_label(&label).is_some(), "missing {label}");
}

#[test]
fn clicking_a_lone_synthetic_incident_opens_it_marked_synthetic() {
    // Find a row that is alone in its cell at zoom 15, then click it.
    let probe = stressed(None);
    let s = probe.state().synthetic().expect("synthetic layer");
    let row = (0..N)
        .step_by(97)
        .find(|&i| {
            let p = s.data.lon_lat[i];
            let cam = Camera::at_lon_lat(p.x, p.y, 15.0);
            let vp = contested_waters::map::ScreenRect::new(0.0, 0.0, 600.0, 400.0);
            s.cells(&cam, &vp, 0.0).len() == 1
        })
        .expect("a lone row");
    let p = s.data.lon_lat[row];
    let mut h = stressed(Some(Camera::at_lon_lat(p.x, p.y, 15.0)));
    let at = h.state().screen_of_lon_lat(p.x, p.y).expect("on screen");
    click_at(&mut h, at);
    assert_eq!(h.state().selected(), Some(Item::Synthetic(row)));
    assert!(h.query_by_label("Synthetic incident").is_some());
    assert!(
        h.query_by_label_contains("Not a real event").is_some(),
        "the inspector must say it is synthetic"
    );
}

#[test]
fn clicking_a_dense_synthetic_cell_zooms_in_on_it() {
    let start = Camera::at_lon_lat(117.8, 15.2, 6.0);
    let mut h = stressed(Some(start));
    // The hot spot at 117.8 E 15.2 N: dense cells all around; click beside Scarborough Shoal's
    // symbol so no real feature is hit.
    let at = h.state().screen_of_lon_lat(117.5, 15.6).expect("on screen");
    click_at(&mut h, at);
    let cam = h.state().camera().expect("camera");
    assert!(
        (cam.zoom - (start.zoom + 2.0)).abs() < 1e-9,
        "zoom {} after the click",
        cam.zoom
    );
    assert_eq!(h.state().selected(), None);
}
