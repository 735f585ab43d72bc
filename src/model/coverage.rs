//! What agreements cover on a date: which sites are in effect, and which features the dated
//! statements on an agreement's scope name (the area words resolved to features here, once).

use super::{AgreementStatus, Atlas, Date, FeatureGroup};
use std::collections::BTreeSet;

/// An entry of a statement's `covers`: an area word, or a feature id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage<'a> {
    /// The Senkaku / Diaoyu Islands (the US–Japan treaty's Article 5 statements).
    Senkaku,
    /// "Anywhere in the South China Sea".
    SouthChinaSea,
    /// The Pacific area (of the US–Philippines treaty); no feature of ours lies in it.
    Pacific,
    /// One disputed feature, by id.
    Feature(&'a str),
}

impl<'a> Coverage<'a> {
    /// Reads a `covers` entry; any word that is not an area is taken as a feature id.
    pub fn parse(word: &'a str) -> Self {
        match word {
            "senkaku" => Self::Senkaku,
            "south_china_sea" => Self::SouthChinaSea,
            "pacific" => Self::Pacific,
            id => Self::Feature(id),
        }
    }
}

impl Atlas {
    /// Per site: whether it is shown on `date` — added by then, and under at least one
    /// agreement that is signed or in force then and whose sites are not hidden.
    /// With no date nothing is shown.
    pub fn sites_shown_on(&self, date: Option<Date>, hidden: &BTreeSet<String>) -> Vec<bool> {
        let Some(date) = date else {
            return vec![false; self.sites.len()];
        };
        let in_effect = |id: &String| {
            !hidden.contains(id)
                && self
                    .agreements
                    .iter()
                    .find(|a| &a.id == id)
                    .is_some_and(|a| {
                        matches!(
                            a.status_on(date),
                            AgreementStatus::InForce | AgreementStatus::SignedNotInForce
                        )
                    })
        };
        self.sites
            .iter()
            .map(|s| s.added.is_none_or(|a| a <= date) && s.agreements.iter().any(in_effect))
            .collect()
    }

    /// Features that one coverage entry stands for, by index.
    pub fn features_covered_by(&self, coverage: Coverage<'_>) -> Vec<usize> {
        let in_group = |keep: &dyn Fn(FeatureGroup) -> bool| -> Vec<usize> {
            (0..self.features.len())
                .filter(|&i| keep(self.features[i].group))
                .collect()
        };
        match coverage {
            Coverage::Senkaku => in_group(&|g| g == FeatureGroup::Senkaku),
            // No sea polygon is bundled: the disputed features of the South China Sea stand
            // for the area the statement names.
            Coverage::SouthChinaSea => in_group(&|g| g != FeatureGroup::Senkaku),
            Coverage::Pacific => Vec::new(),
            Coverage::Feature(id) => self.feature_index(id).into_iter().collect(),
        }
    }

    /// Features that any dated statement says agreement `index` covers, sorted, no repeats.
    pub fn features_covered_by_agreement(&self, index: usize) -> Vec<usize> {
        let Some(a) = self.agreements.get(index) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = self
            .statements
            .iter()
            .filter(|s| s.agreement_id == a.id)
            .flat_map(|s| s.covers.iter())
            .flat_map(|c| self.features_covered_by(Coverage::parse(c)))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agreement, Site};

    fn d(s: &str) -> Date {
        s.parse().unwrap_or_else(|_| panic!("bad test date {s}"))
    }

    fn atlas() -> Atlas {
        let agreement =
            |id: &str, signed: &str, in_force: Option<&str>, end: Option<&str>| Agreement {
                signed: Some(d(signed)),
                in_force: in_force.map(d),
                terminated: end.map(d),
                ..Agreement::bare(id)
            };
        let site = |agreements: &[&str], added: Option<&str>| Site {
            id: String::new(),
            name: String::new(),
            aliases: Vec::new(),
            agreements: agreements.iter().map(|s| (*s).to_owned()).collect(),
            country: crate::model::Country::parse("PHL").unwrap_or_else(|| panic!("PHL")),
            added: added.map(d),
            notes: String::new(),
            uncertain: Vec::new(),
            sources: Vec::new(),
            position: geo::Point::new(120.0, 15.0),
        };
        Atlas {
            agreements: vec![
                agreement("a", "2014-04-28", Some("2014-06-25"), None),
                agreement("b", "2000-01-01", Some("2000-01-02"), Some("2010-01-01")),
            ],
            sites: vec![
                site(&["a"], Some("2016-03-18")),
                site(&["a"], Some("2023-04-03")),
                site(&["b"], None),
                site(&["a", "b"], None),
            ],
            ..Atlas::default()
        }
    }

    #[test]
    fn sites_follow_the_date_their_agreements_and_the_toggles() {
        let a = atlas();
        let none = BTreeSet::new();
        assert_eq!(
            a.sites_shown_on(Some(d("2016-03-17")), &none),
            [false, false, false, true]
        );
        assert_eq!(
            a.sites_shown_on(Some(d("2016-03-18")), &none),
            [true, false, false, true]
        );
        assert_eq!(
            a.sites_shown_on(Some(d("2005-01-01")), &none),
            [false, false, true, true],
            "agreement a is not yet signed; b is in force"
        );
        assert_eq!(
            a.sites_shown_on(Some(d("2010-01-01")), &none),
            [false, false, false, false],
            "b is terminated on its termination day; a not yet signed"
        );
        let hidden: BTreeSet<String> = ["a".to_owned()].into();
        assert_eq!(
            a.sites_shown_on(Some(d("2024-01-01")), &hidden),
            [false, false, false, false]
        );
        assert_eq!(a.sites_shown_on(None, &none), [false; 4]);
    }

    #[test]
    fn coverage_words_resolve_to_features() {
        assert_eq!(Coverage::parse("senkaku"), Coverage::Senkaku);
        assert_eq!(Coverage::parse("south_china_sea"), Coverage::SouthChinaSea);
        assert_eq!(
            Coverage::parse("scarborough-shoal"),
            Coverage::Feature("scarborough-shoal")
        );
    }
}
