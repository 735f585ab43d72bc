//! Agreed maritime boundaries in `claims.geojson`: sanity checks on their sourced turning points,
//! and load errors for a boundary record without its two parties.

use contested_waters::io::{self, LoadError};
use contested_waters::model::{BaseCountry, Claim, ClaimGeometry, ClaimKind};
use geo::{Contains, CoordsIter, Distance, Geodesic, Point};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn boundaries() -> Vec<Claim> {
    let (claims, errors) =
        io::claims::load(&root().join("assets/claims.geojson")).unwrap_or_else(|e| panic!("{e}"));
    assert!(errors.is_empty(), "{errors:?}");
    claims
        .into_iter()
        .filter(|c| c.kind == ClaimKind::AgreedBoundary)
        .collect()
}

fn land() -> Vec<BaseCountry> {
    let path = root().join("assets/basemap/countries.geojson");
    let (countries, errors) = io::basemap::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(errors.is_empty(), "{errors:?}");
    countries
}

fn points(c: &Claim) -> Vec<Point<f64>> {
    match &c.geometry {
        ClaimGeometry::Lines(m) => m.coords_iter().map(Point::from).collect(),
        ClaimGeometry::Areas(_) => panic!("{}: a boundary is a line", c.id),
    }
}

fn length_nm(c: &Claim) -> f64 {
    points(c)
        .windows(2)
        .map(|w| Geodesic.distance(w[0], w[1]) / 1852.0)
        .sum()
}

#[test]
fn the_four_sourced_boundaries_load_with_both_parties() {
    let b = boundaries();
    let ids: Vec<_> = b.iter().map(|c| c.id.as_str()).collect();
    for id in [
        "chn-vnm-tonkin-gulf-2000",
        "idn-phl-eez-2014",
        "idn-vnm-continental-shelf-2003",
        "tha-vnm-gulf-of-thailand-1997",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for c in &b {
        assert_eq!(c.parties.len(), 2, "{}", c.id);
        assert!(c.parties.contains(&c.claimant), "{}", c.id);
        assert!(
            !c.points_source.is_empty() && !c.sources.is_empty(),
            "{}",
            c.id
        );
    }
}

/// Every turning point is at sea: inside no country of the Natural Earth 1:10m basemap.
#[test]
fn turning_points_lie_at_sea() {
    let land = land();
    for c in boundaries() {
        for (i, p) in points(&c).into_iter().enumerate() {
            let on = land.iter().find(|country| country.shape.contains(&p));
            assert!(
                on.is_none(),
                "{} point {}: on land ({})",
                c.id,
                i + 1,
                on.map_or("", |l| l.name.as_str())
            );
        }
    }
}

/// The Philippine DFA gave the 2014 line's length as 627.51 nm; the geodesic length through our
/// eight points must agree to the 0.01 nm the DFA quotes (plus rounding of the 6-decimal points).
#[test]
fn philippines_indonesia_line_has_the_officially_stated_length() {
    let b = boundaries();
    let line = b.iter().find(|c| c.id == "idn-phl-eez-2014").unwrap();
    assert_eq!(points(line).len(), 8);
    let len = length_nm(line);
    assert!((len - 627.51).abs() < 0.02, "{len:.3} nm");
}

/// The Gulf of Tonkin line has all 21 points of Article II, and point 21 lies on the gulf's
/// closing line that Article I defines, from Yinggezui (18°30′19″N 108°41′17″E) to the point on
/// Viet Nam's coast at 16°57′40″N 107°08′42″E (measured: 3 m off the chord).
#[test]
fn tonkin_line_has_21_points_and_ends_on_the_closing_line() {
    let b = boundaries();
    let line = b
        .iter()
        .find(|c| c.id == "chn-vnm-tonkin-gulf-2000")
        .unwrap();
    let pts = points(line);
    assert_eq!(pts.len(), 21);
    let dms = |d: f64, m: f64, s: f64| d + m / 60.0 + s / 3600.0;
    let yinggezui = Point::new(dms(108.0, 41.0, 17.0), dms(18.0, 30.0, 19.0));
    let south_end = Point::new(dms(107.0, 8.0, 42.0), dms(16.0, 57.0, 40.0));
    let closing = geo::Line::new(yinggezui, south_end);
    let off_deg = geo::Euclidean.distance(&closing, &pts[20]);
    assert!(
        off_deg < 0.001,
        "point 21 is {off_deg:.5} degrees off the closing line"
    );
}

/// No segment is implausibly long for a negotiated line in these seas (the longest sourced one,
/// Indonesia–Viet Nam X1 to A4, is 160 nm).
#[test]
fn segments_are_of_plausible_length() {
    for c in boundaries() {
        for w in points(&c).windows(2) {
            let nm = Geodesic.distance(w[0], w[1]) / 1852.0;
            assert!(nm > 0.01 && nm < 200.0, "{}: a {nm:.1} nm segment", c.id);
        }
    }
}

#[test]
fn an_agreed_boundary_needs_two_parties_including_the_claimant() {
    let path = root().join("tests/fixtures/bad-boundaries.geojson");
    let (good, errors) = io::claims::load(&path).unwrap();
    assert_eq!(
        good.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["good"]
    );
    assert_eq!(errors.len(), 3);
    for (e, id) in errors
        .iter()
        .zip(["no-parties", "claimant-not-party", "one-party"])
    {
        match e {
            LoadError::Property {
                file,
                feature,
                property,
                ..
            } => {
                assert!(Path::new(file).ends_with("bad-boundaries.geojson"));
                assert_eq!(feature.id.as_deref(), Some(id));
                assert_eq!(property, "parties");
            }
            other => panic!("{id}: expected a property error, got {other:?}"),
        }
    }
}
