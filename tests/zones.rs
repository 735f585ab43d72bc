//! Maritime zones from the bundled data: limits at their distance (against a brute-force
//! geodesic search), the award's classifications applied, and both lenses' answers.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use contested_waters::io::zone_data::{ZoneData, load_zone_data};
use contested_waters::model::zones::ZoneKind;
use contested_waters::model::zones::build::zone_area;
use contested_waters::model::zones::entitlement::{Entitlement, entitlements};
use contested_waters::model::zones::geodesic::{
    EARTH_RADIUS_NM, distance_nm, distance_to_segment_nm, unit_vector,
};
use contested_waters::model::zones::query::{WhatsHere, whats_here};
use geo::{Coord, Point};
use std::sync::OnceLock;

fn data() -> &'static ZoneData {
    static DATA: OnceLock<ZoneData> = OnceLock::new();
    DATA.get_or_init(|| {
        let (data, warnings) = load_zone_data(&contested_waters::io::DataSource::Embedded);
        assert!(warnings.is_empty(), "{warnings:?}");
        data
    })
}

fn ask(lon: f64, lat: f64, lens: &str) -> WhatsHere {
    let d = data();
    whats_here(
        Point::new(lon, lat),
        d.lenses.get(lens).expect("lens"),
        d.inputs(),
    )
}

/// Great-circle distance from `p` to segment a-b on the sphere, nm (cross-track, clamped).
fn sphere_to_segment_nm(p: [f64; 3], a: [f64; 3], b: [f64; 3]) -> f64 {
    let ang = |u: [f64; 3], v: [f64; 3]| {
        let d = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
        d.clamp(-1.0, 1.0).acos()
    };
    let n = [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ];
    let nn = (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]).sqrt();
    let ends = ang(p, a).min(ang(p, b));
    if nn < 1e-15 {
        return ends * EARTH_RADIUS_NM;
    }
    let n = [n[0] / nn, n[1] / nn, n[2] / nn];
    let s = p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
    // The foot of the perpendicular, and whether it falls between a and b.
    let f = [p[0] - s * n[0], p[1] - s * n[1], p[2] - s * n[2]];
    let fl = (f[0] * f[0] + f[1] * f[1] + f[2] * f[2]).sqrt();
    let f = [f[0] / fl, f[1] / fl, f[2] / fl];
    let inside = (ang(a, f) + ang(f, b) - ang(a, b)).abs() < 1e-9;
    if inside {
        s.abs().asin() * EARTH_RADIUS_NM
    } else {
        ends * EARTH_RADIUS_NM
    }
}

/// Brute force: every segment and point of every baseline of `e` that generates `kind` is
/// measured on the sphere, and all within 1 nm of the best are measured exactly on WGS 84.
fn brute_distance_nm(p: Point<f64>, e: &Entitlement, kind: ZoneKind) -> f64 {
    let pu = unit_vector(p);
    let mut cands: Vec<(f64, Point<f64>, Option<Point<f64>>)> = Vec::new();
    for s in e.sources.iter().filter(|s| s.generates(kind)) {
        for q in &s.points {
            cands.push((
                sphere_to_segment_nm(pu, unit_vector(*q), unit_vector(*q)),
                *q,
                None,
            ));
        }
        for l in &s.lines {
            for seg in l.lines() {
                let (a, b) = (Point::from(seg.start), Point::from(seg.end));
                cands.push((
                    sphere_to_segment_nm(pu, unit_vector(a), unit_vector(b)),
                    a,
                    Some(b),
                ));
            }
        }
    }
    let best = cands.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
    cands
        .iter()
        .filter(|c| c.0 <= best * 1.01 + 1.0)
        .map(|&(_, a, b)| match b {
            Some(b) => distance_to_segment_nm(p, a, b),
            None => distance_nm(p, a),
        })
        .fold(f64::INFINITY, f64::min)
}

fn entitlement(lens: &str, key_starts: &str) -> Entitlement {
    let d = data();
    let lens = d.lenses.get(lens).expect("lens");
    entitlements(lens, &d.coasts, &d.atlas.features, &d.atlas.claims)
        .into_iter()
        .find(|e| e.key.starts_with(key_starts))
        .unwrap_or_else(|| panic!("no entitlement {key_starts}"))
}

/// Points along every ring of `area`: vertices and points inside edges, about `n` in all.
fn points_along(area: &geo::MultiPolygon<f64>, n: usize) -> Vec<Point<f64>> {
    let coords: Vec<(Coord<f64>, Coord<f64>)> = area
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|r| r.lines().map(|l| (l.start, l.end)))
        .collect();
    let step = (coords.len() / n).max(1);
    coords
        .iter()
        .step_by(step)
        .enumerate()
        .map(|(i, (a, b))| {
            let t = [0.0, 0.5, 0.25, 0.8][i % 4];
            Point::new(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
        })
        .collect()
}

fn assert_limit(lens: &str, key: &str, kind: ZoneKind, n: usize) {
    let e = entitlement(lens, key);
    let area = zone_area(&e, kind, &data().coasts);
    assert!(!area.0.is_empty(), "{key} {kind:?}: no area");
    let pts = points_along(&area, n);
    assert!(
        pts.len() >= n / 2,
        "{key} {kind:?}: only {} points",
        pts.len()
    );
    let mut worst = (0.0_f64, Point::new(0.0, 0.0));
    for p in pts {
        let d = brute_distance_nm(p, &e, kind);
        let off = (d - kind.limit_nm()).abs();
        if off > worst.0 {
            worst = (off, p);
        }
    }
    assert!(
        worst.0 <= 0.1,
        "{key} {kind:?}: a limit point lies {:.3} nm off at {:?}",
        worst.0,
        worst.1
    );
}

#[test]
fn taiwan_limits_lie_at_12_24_and_200_nm_from_its_coast() {
    for kind in ZoneKind::ALL {
        assert_limit("award", "TWN", kind, 150);
    }
}

#[test]
fn the_widest_coasts_eez_limits_lie_at_200_nm() {
    // The planar first pass thins these coasts the most (thousands of 200 nm disks).
    for key in ["IDN", "PHL"] {
        assert_limit("award", key, ZoneKind::Eez, 120);
    }
}

/// What's here measures a point's distance to the nearest generating baseline with a quick
/// ranking first: it must find the same distance as the brute-force search, on and around the
/// 200 nm limits of the widest coasts, where the ellipsoid and the sphere disagree most.
#[test]
fn whats_here_distances_match_a_brute_force_search() {
    use contested_waters::model::zones::query::nearest_source;
    for key in ["IDN", "PHL", "MYS", "VNM"] {
        let e = entitlement("award", key);
        let area = zone_area(&e, ZoneKind::Eez, &data().coasts);
        for (i, p) in points_along(&area, 60).into_iter().enumerate() {
            // On the limit, a little inside it and a little beyond it.
            let shift = [0.0, -0.3, 0.3][i % 3];
            let p = Point::new(p.x() + shift, p.y() + shift / 2.0);
            let brute = brute_distance_nm(p, &e, ZoneKind::Eez);
            match nearest_source(p, &e, ZoneKind::Eez) {
                Some((d, _)) => assert!(
                    (d - brute).abs() < 1e-6,
                    "{key} at {p:?}: {d} nm, brute force {brute} nm"
                ),
                None => assert!(
                    brute > 200.0,
                    "{key} at {p:?}: none, brute force {brute} nm"
                ),
            }
        }
    }
}

#[test]
fn nearest_samples_and_their_bounds_agree_with_measuring_every_sample() {
    use contested_waters::model::zones::samples::Samples;
    // Points on, inside and beyond Taiwan's limits: the chord bounds hold the exact distance,
    // and the sample found is the nearest of all, measured one by one.
    let e = entitlement("award", "TWN");
    for kind in ZoneKind::ALL {
        let samples = Samples::new(&e, kind);
        let area = zone_area(&e, kind, &data().coasts);
        for (i, p) in points_along(&area, 40).into_iter().enumerate() {
            let p = Point::new(p.x() + 0.05 * (i % 3) as f64, p.y() - 0.05 * (i % 2) as f64);
            let n = samples.nearest_bounded(p).expect("samples");
            let (d, at) = samples.nearest(p).expect("samples");
            let brute = samples
                .points
                .iter()
                .map(|q| distance_nm(p, *q))
                .fold(f64::INFINITY, f64::min);
            let width = 0.03 * (d / 200.0).powi(3) + 1e-5;
            assert!(
                n.lo_nm <= d && d <= n.hi_nm && n.hi_nm - n.lo_nm < width,
                "{n:?} {d}"
            );
            assert_eq!(d, brute, "{p:?}");
            assert_eq!(distance_nm(p, samples.points[at]), brute);
        }
    }
}

#[test]
fn feature_limits_lie_at_their_distance_from_the_features() {
    assert_limit("award", "senkaku/", ZoneKind::Eez, 120);
    assert_limit("award", "scarborough/", ZoneKind::TerritorialSea, 60);
    // The maximal lens adds China's declared straight baselines to the Paracels' zone.
    assert_limit("maximal", "paracel/CHN", ZoneKind::TerritorialSea, 150);
}

#[test]
fn award_gives_a_low_tide_elevation_no_territorial_sea() {
    // Second Thomas Shoal and Mischief Reef: low-tide elevations (Award ¶¶380-381, ¶¶377-378),
    // within the Philippines' EEZ (¶¶290, 646-647).
    for (id, lon, lat) in [
        ("second-thomas-shoal", 115.866667, 9.733333),
        ("mischief-reef", 115.533333, 9.916667),
    ] {
        let w = ask(lon, lat, "award");
        assert!(w.on_land.is_none());
        assert!(
            !w.zones
                .iter()
                .any(|z| z.generated_by.baseline == format!("feature:{id}")),
            "{id} generates a zone under the award: {:?}",
            w.zones
        );
        let eez = w
            .zones
            .iter()
            .find(|z| {
                z.kind == ZoneKind::Eez
                    && z.state.map(|c| c.code().to_owned()).as_deref() == Some("PHL")
                    && z.claimants.is_empty()
            })
            .unwrap_or_else(|| panic!("{id}: not in the Philippines' EEZ: {:?}", w.zones));
        assert!(
            eez.generated_by.baseline.starts_with("coast:PHL")
                || eez.generated_by.baseline.starts_with("claim:phl-")
        );
        assert_eq!(w.nearest_features[0].id, id);
        assert!(w.nearest_features[0].generates.is_empty());
        assert_eq!(w.nearest_features[0].rule, "award-low-tide-elevation");
        // No state's territorial sea reaches it.
        assert!(
            !w.zones.iter().any(|z| z.kind == ZoneKind::TerritorialSea),
            "{:?}",
            w.zones
        );
        if id == "second-thomas-shoal" {
            // About 105 nm west of Palawan (Wikipedia, "Second Thomas Shoal"; the example);
            // Natural Earth's coast allows a few nm either way.
            assert!(
                (95.0..115.0).contains(&eez.distance_nm),
                "{}",
                eez.distance_nm
            );
        }
    }
    // Under the maximal lens the shoal is a full island with its own territorial sea.
    let w = ask(115.866667, 9.733333, "maximal");
    assert!(w.zones.iter().any(|z| z.kind == ZoneKind::TerritorialSea
        && z.generated_by.baseline == "feature:second-thomas-shoal"));
}

#[test]
fn award_gives_scarborough_shoal_a_territorial_sea_but_no_eez() {
    // Award ¶¶554, 556: Scarborough Shoal's high-tide features are rocks.
    let at = |lens: &str| ask(117.772188, 15.157692 + 5.0 / 60.0, lens);
    let w = at("award");
    let ts = w
        .zones
        .iter()
        .find(|z| {
            z.kind == ZoneKind::TerritorialSea
                && z.generated_by.baseline == "feature:scarborough-shoal"
        })
        .unwrap_or_else(|| panic!("{:?}", w.zones));
    assert_eq!(ts.generated_by.rule, "award-rock");
    assert!((4.9..5.1).contains(&ts.distance_nm), "{}", ts.distance_nm);
    // 30 nm off, the shoal generates nothing under the award, but an EEZ under the maximal lens.
    let far = |lens: &str| ask(117.772188, 15.157692 + 0.5, lens);
    let scarborough = |w: &WhatsHere| {
        w.zones.iter().any(|z| {
            z.generated_by.baseline.contains("scarborough")
                || z.generated_by.baseline.contains("huangyan")
        })
    };
    assert!(!scarborough(&far("award")));
    assert!(scarborough(&far("maximal")));
}

#[test]
fn senkaku_zones_carry_holder_and_claimants() {
    let w = ask(123.473333, 25.743333 + 10.0 / 60.0, "award");
    let ts = w
        .zones
        .iter()
        .find(|z| z.kind == ZoneKind::TerritorialSea)
        .unwrap_or_else(|| panic!("{:?}", w.zones));
    assert_eq!(ts.label, "JPN, claimed by CHN, TWN");
    // The award did not classify the Senkakus: the data's kinds decide (islands and rocks).
    assert!(
        ["award-default-island", "award-default-rock"].contains(&ts.generated_by.rule.as_str()),
        "{:?}",
        ts.generated_by
    );
    assert!(
        ts.generated_by.baseline.starts_with("feature:"),
        "{:?}",
        ts.generated_by
    );
    // Beyond 12 nm but within 200 nm of Uotsuri-shima (an island in the data): its EEZ.
    let w = ask(123.473333, 25.743333 + 1.0, "award");
    assert!(
        w.zones
            .iter()
            .any(|z| z.kind == ZoneKind::Eez && z.label == "JPN, claimed by CHN, TWN"),
        "{:?}",
        w.zones
    );
}

#[test]
fn land_is_not_sea() {
    // Manila lies on Luzon.
    let w = ask(121.0, 14.6, "award");
    assert_eq!(
        w.on_land.map(|c| c.code().to_owned()).as_deref(),
        Some("PHL")
    );
    assert!(w.zones.is_empty());
}

#[test]
fn equidistance_lines_are_equidistant_and_labelled() {
    use contested_waters::model::zones::build::{Zone, Zones, generated_by};
    use contested_waters::model::zones::overlap::{EQUIDISTANCE_LABEL, overlaps};
    // China and Vietnam face each other across the Gulf of Tonkin: their coasts' 200 nm zones
    // overlap (only the two coasts are built here, to keep the test quick).
    let (chn, vnm) = (entitlement("award", "CHN"), entitlement("award", "VNM"));
    let zones = [&chn, &vnm]
        .iter()
        .enumerate()
        .map(|(i, e)| Zone {
            entitlement: i,
            kind: ZoneKind::Eez,
            area: zone_area(e, ZoneKind::Eez, &data().coasts),
            generated_by: generated_by(e, ZoneKind::Eez),
        })
        .collect();
    let z = Zones {
        lens: "award".into(),
        entitlements: vec![chn.clone(), vnm.clone()],
        zones,
        overlaps: Vec::new(),
    };
    let found = overlaps(&z);
    let o = found
        .iter()
        .find(|o| o.a.code() == "CHN" && o.b.code() == "VNM")
        .expect("a CHN-VNM overlap");
    assert_eq!(o.label, EQUIDISTANCE_LABEL);
    assert!(!o.area.0.is_empty() && !o.equidistance.0.is_empty());
    let mut n = 0;
    for l in &o.equidistance.0 {
        for c in l.0.iter().step_by(5) {
            let p = Point::from(*c);
            let (da, db) = (
                brute_distance_nm(p, &chn, ZoneKind::Eez),
                brute_distance_nm(p, &vnm, ZoneKind::Eez),
            );
            assert!(da <= 200.1 && db <= 200.1, "{p:?} outside the overlap");
            assert!((da - db).abs() < 0.1, "{p:?}: {da:.3} vs {db:.3}");
            n += 1;
        }
    }
    assert!(n >= 5, "only {n} points checked");
}

#[test]
fn base_map_islets_of_disputed_groups_are_not_a_state_coast() {
    // Near Woody Island (Paracels) China's zones come from the Paracel features, not from a
    // base-map islet counted as China's coast; the mainland (Hainan) is about 150 nm away.
    let w = ask(112.3375, 16.9, "award");
    assert!(
        w.zones
            .iter()
            .any(|z| z.generated_by.baseline == "feature:woody-island")
    );
    for z in w
        .zones
        .iter()
        .filter(|z| z.generated_by.baseline == "coast:CHN")
    {
        // GSHHG's Hainan (its offshore islets) lies 149.4 nm from this point; Natural Earth's
        // outline had put it over 150. Paracel islets would lie within 30 nm.
        assert!(z.distance_nm > 140.0, "{z:?}");
    }
}

#[test]
fn coasts_come_from_the_gshhg_shoreline_cut_between_states() {
    use contested_waters::model::zones::fine_coast::FINE_ORIGIN;
    let d = data();
    let coast = |code: &str| {
        d.coasts
            .states
            .iter()
            .find(|s| s.state.code() == code)
            .unwrap_or_else(|| panic!("no {code} coast"))
    };
    for code in ["CHN", "TWN", "JPN", "PHL", "VNM", "MYS", "BRN", "IDN"] {
        assert_eq!(coast(code).origin, FINE_ORIGIN, "{code}");
    }
    // Borneo is one shoreline ring: Brunei's part of it stays on Brunei's stretch of coast.
    for l in &coast("BRN").lines.0 {
        for c in &l.0 {
            assert!(
                (113.9..115.5).contains(&c.x) && (4.0..5.2).contains(&c.y),
                "{c:?}"
            );
        }
    }
    // Itu Aba (a disputed feature, in GSHHG) is no state's coast: it keeps its sourced position.
    let itu_aba = Point::new(114.366, 10.377);
    for s in &d.coasts.states {
        for l in &s.lines.0 {
            for c in &l.0 {
                assert!(
                    distance_nm(itu_aba, Point::from(*c)) > 20.0,
                    "{}",
                    s.state.code()
                );
            }
        }
    }
}
