//! Our data against what the 2016 award (PCA Case No. 2013-19) found, as listed in
//! `tests/data/award_facts.json` with the paragraph and source of each fact.

use contested_waters::io::{basemap, features};
use contested_waters::model::{AwardClass, BaseCountry, Country, DisputedFeature};
use geo::{CoordsIter, Distance, Geodesic, Point};
use std::path::Path;

const METRES_PER_NM: f64 = 1852.0;

#[derive(serde::Deserialize)]
struct Facts {
    facts: Vec<Fact>,
}

#[derive(serde::Deserialize)]
struct Fact {
    feature: String,
    fact: String,
    #[serde(default)]
    classification: Option<String>,
    #[serde(default)]
    distance_nm: Option<f64>,
    #[serde(default)]
    to: Option<String>,
    paragraphs: Vec<String>,
    source_url: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn facts() -> Vec<Fact> {
    let text = std::fs::read_to_string(root().join("tests/data/award_facts.json"))
        .unwrap_or_else(|e| panic!("award_facts.json: {e}"));
    let facts: Facts =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("award_facts.json: {e}"));
    facts.facts
}

fn features() -> Vec<DisputedFeature> {
    let (features, errors) =
        features::load(&root().join("assets/features.geojson")).unwrap_or_else(|e| panic!("{e}"));
    assert!(errors.is_empty(), "{errors:?}");
    features
}

fn feature<'a>(all: &'a [DisputedFeature], id: &str) -> &'a DisputedFeature {
    all.iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("award fact names {id}, which is not in features.geojson"))
}

fn nm(a: Point<f64>, b: Point<f64>) -> f64 {
    Geodesic.distance(a, b) / METRES_PER_NM
}

#[test]
fn every_fact_cites_paragraphs_and_a_source() {
    let facts = facts();
    assert!(facts.len() >= 10);
    for f in &facts {
        assert!(
            !f.paragraphs.is_empty(),
            "{}: {} has no paragraph",
            f.feature,
            f.fact
        );
        assert!(f.paragraphs.iter().all(|p| p.parse::<u32>().is_ok()));
        assert!(f.source_url.starts_with("https://"), "{}", f.source_url);
    }
}

/// Each feature's `arbitration_2016` classification is the award's, and its paragraph note
/// cites the paragraphs the award gives for it.
#[test]
fn classifications_match_the_award() {
    let all = features();
    let mut checked = 0;
    for f in facts().iter().filter(|f| f.fact == "classification") {
        let want = f.classification.as_deref().and_then(AwardClass::parse);
        let want = want.unwrap_or_else(|| panic!("{}: bad classification", f.feature));
        let ours = feature(&all, &f.feature).arbitration.as_ref();
        let ours = ours.unwrap_or_else(|| panic!("{}: no arbitration_2016 record", f.feature));
        assert_eq!(ours.classification, want, "{}", f.feature);
        let cited = ours.paragraphs.as_deref().unwrap_or("");
        for p in &f.paragraphs {
            assert!(
                cited.contains(&format!("¶{p}")),
                "{}: ¶{p} missing from \"{cited}\"",
                f.feature
            );
        }
        checked += 1;
    }
    assert!(checked >= 6);
}

/// A low-tide elevation whose low-water line the award lets a high-tide feature use must lie
/// within 12 nm of it (UNCLOS Art. 13). Reference points, not outlines: the tolerance is zero,
/// which the data meets with margin (Gaven–Namyit 8.5 nm, Hughes–Sin Cowe 10.2 nm).
#[test]
fn low_tide_elevations_lie_within_12_nm_of_the_feature_that_uses_them() {
    let all = features();
    let mut checked = 0;
    for f in facts().iter().filter(|f| f.fact == "within_nm") {
        let (Some(limit), Some(to)) = (f.distance_nm, f.to.as_deref()) else {
            panic!("{}: within_nm needs distance_nm and to", f.feature);
        };
        let d = nm(
            feature(&all, &f.feature).position,
            feature(&all, to).position,
        );
        assert!(
            d < limit,
            "{} is {d:.2} nm from {to}, the award needs < {limit}",
            f.feature
        );
        checked += 1;
    }
    assert!(checked >= 2);
}

/// Features the award placed in a state's EEZ lie within 200 nm of that state's land. Measured
/// to the vertices of the Natural Earth 1:10m outline (which only overstates the distance).
#[test]
fn features_in_the_philippine_eez_lie_within_200_nm_of_its_land() {
    let all = features();
    let (countries, errors) =
        basemap::load(&root().join("assets/basemap/countries.geojson")).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let mut checked = 0;
    for f in facts().iter().filter(|f| f.fact == "within_nm_of_country") {
        let code = f.to.as_deref().and_then(Country::parse).unwrap();
        let land: Vec<&BaseCountry> = countries.iter().filter(|c| c.iso == Some(code)).collect();
        assert!(!land.is_empty(), "{code} not in the basemap");
        let p = feature(&all, &f.feature).position;
        let d = land
            .iter()
            .flat_map(|c| c.shape.coords_iter())
            .map(|c| nm(p, Point::from(c)))
            .fold(f64::INFINITY, f64::min);
        let limit = f.distance_nm.unwrap();
        assert!(d < limit, "{} is {d:.1} nm from {code}'s land", f.feature);
        checked += 1;
    }
    assert!(checked >= 2);
}
