//! What the map emphasises when an agreement is selected: its parties' territories, the links
//! between them, and the features its dated statements say it covers.

use super::projection::world_from_lon_lat;
use super::scene::Scene;
use crate::model::Atlas;
use geo::Coord;

/// Emphasis for one agreement, precomputed when the selection changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgreementFocus {
    /// Per base-map country: a party to the agreement.
    pub countries: Vec<bool>,
    /// Lines between the parties' label anchors, world metres.
    pub links: Vec<(Coord<f64>, Coord<f64>)>,
    /// Features that a dated statement says the agreement covers.
    pub features: Vec<usize>,
}

/// Label anchors of large countries whose interior point lies outside the region (placement
/// only); shared with the map's country labels.
pub const COUNTRY_ANCHORS: [(&str, f64, f64); 4] = [
    ("China", 112.0, 27.0),
    ("Japan", 131.0, 32.3),
    ("Indonesia", 113.5, -1.5),
    ("Taiwan", 121.0, 23.6),
];

/// The anchor a country's label (and an agreement link) uses.
pub fn country_anchor(atlas: &Atlas, scene: &Scene, country: usize) -> Option<Coord<f64>> {
    let name = atlas.countries.get(country)?.name.as_str();
    COUNTRY_ANCHORS
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(_, lon, lat)| world_from_lon_lat(Coord { x: *lon, y: *lat }))
        .or_else(|| scene.country_anchors.get(country).copied().flatten())
}

/// The focus of agreement `index`.
pub fn agreement_focus(atlas: &Atlas, scene: &Scene, index: usize) -> AgreementFocus {
    let Some(a) = atlas.agreements.get(index) else {
        return AgreementFocus::default();
    };
    let countries: Vec<bool> = atlas
        .countries
        .iter()
        .map(|c| c.iso.is_some_and(|iso| a.parties.contains(&iso)))
        .collect();
    // One anchor per party that has territory on the base map.
    let anchors: Vec<Coord<f64>> = a
        .parties
        .iter()
        .filter_map(|p| {
            let ci = atlas.countries.iter().position(|c| c.iso == Some(*p))?;
            country_anchor(atlas, scene, ci)
        })
        .collect();
    let mut links = Vec::new();
    for (i, x) in anchors.iter().enumerate() {
        for y in &anchors[i + 1..] {
            links.push((*x, *y));
        }
    }
    let features = atlas.features_covered_by_agreement(index);
    AgreementFocus {
        countries,
        links,
        features,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_japan_treaty_focus_covers_japan_and_the_senkakus() {
        let atlas = crate::io::load(&crate::io::DataSource::Embedded).atlas;
        let scene = Scene::build(&atlas);
        let idx = atlas
            .agreements
            .iter()
            .position(|a| a.id == "agr-usa-jpn-tmcs")
            .expect("treaty in data");
        let f = agreement_focus(&atlas, &scene, idx);
        let shaded: Vec<&str> = atlas
            .countries
            .iter()
            .zip(&f.countries)
            .filter(|(_, on)| **on)
            .map(|(c, _)| c.name.as_str())
            .collect();
        assert!(shaded.contains(&"Japan"), "{shaded:?}");
        assert!(
            !shaded.contains(&"China") && !shaded.contains(&"Philippines"),
            "{shaded:?}"
        );
        let uotsuri = atlas.feature_index("uotsuri-shima").expect("Uotsuri");
        assert!(
            f.features.contains(&uotsuri),
            "statements on Article 5 cover the Senkakus"
        );
        assert!(
            !f.features.contains(
                &atlas
                    .feature_index("scarborough-shoal")
                    .expect("Scarborough")
            )
        );
        let mdt = atlas
            .agreements
            .iter()
            .position(|a| a.id == "agr-usa-phl-mdt")
            .expect("MDT");
        let f = agreement_focus(&atlas, &scene, mdt);
        let scarborough = atlas
            .feature_index("scarborough-shoal")
            .expect("Scarborough");
        assert!(
            f.features.contains(&scarborough),
            "statements say the MDT covers the South China Sea"
        );
        assert!(!f.features.contains(&uotsuri));
        let rap = atlas
            .agreements
            .iter()
            .position(|a| a.id == "agr-jpn-phl-raa")
            .expect("RAA");
        let f = agreement_focus(&atlas, &scene, rap);
        assert_eq!(f.links.len(), 1, "Japan and the Philippines are linked");
    }
}
