//! Lenses: readings of the law of the sea that say what each coast, feature and declared
//! baseline generates. The rules are data (`assets/lenses.json`); this module holds their types.

use crate::model::{AwardClass, DisputedFeature, FeatureGroup, FeatureKind};

/// A maritime zone, by its outer limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ZoneKind {
    TerritorialSea,
    ContiguousZone,
    Eez,
}

impl ZoneKind {
    pub const ALL: [Self; 3] = [Self::TerritorialSea, Self::ContiguousZone, Self::Eez];

    /// The word the data and the command line use.
    pub fn key(self) -> &'static str {
        match self {
            Self::TerritorialSea => "territorial_sea",
            Self::ContiguousZone => "contiguous_zone",
            Self::Eez => "eez",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == s)
    }

    /// How far the zone reaches from the baselines (UNCLOS arts. 3, 33(2), 57).
    pub fn limit_nm(self) -> f64 {
        match self {
            Self::TerritorialSea => 12.0,
            Self::ContiguousZone => 24.0,
            Self::Eez => 200.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::TerritorialSea => "territorial sea (12 nm)",
            Self::ContiguousZone => "contiguous zone (24 nm)",
            Self::Eez => "exclusive economic zone (200 nm)",
        }
    }
}

/// One rule of a lens: what it generates, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub id: String,
    /// The zones it generates (empty: none).
    pub generates: Vec<ZoneKind>,
    pub why: String,
    pub source: String,
}

impl Rule {
    pub fn generates(&self, kind: ZoneKind) -> bool {
        self.generates.contains(&kind)
    }
}

/// Which features a feature rule applies to; every given condition must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeatureMatch {
    pub award: Option<AwardClass>,
    pub groups: Option<Vec<FeatureGroup>>,
    pub kinds: Option<Vec<FeatureKind>>,
}

impl FeatureMatch {
    pub fn matches(&self, f: &DisputedFeature) -> bool {
        let class = f.arbitration.as_ref().map(|a| a.classification);
        self.award.is_none_or(|a| class == Some(a))
            && self.groups.as_ref().is_none_or(|g| g.contains(&f.group))
            && self.kinds.as_ref().is_none_or(|k| k.contains(&f.kind))
    }

    /// A match on kind alone: a complete default for those kinds.
    pub fn is_kind_default(&self) -> bool {
        self.award.is_none() && self.groups.is_none()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FeatureRule {
    pub when: FeatureMatch,
    pub rule: Rule,
}

/// Whether a declared baseline (a claim of kind baseline or archipelagic baseline) applies.
#[derive(Clone, Debug, PartialEq)]
pub struct BaselineRule {
    /// The claim id; `None` for the lens's default for baselines it does not list.
    pub claim: Option<String>,
    /// The feature group whose zone the baseline extends; `None`: the claimant's own coast.
    pub group: Option<FeatureGroup>,
    pub apply: bool,
    pub rule: Rule,
    /// What the zone should say about this baseline (e.g. that the data holds only part of it).
    pub note: Option<String>,
}

/// A reading of the law: the rules for coasts, features and declared baselines.
#[derive(Clone, Debug, PartialEq)]
pub struct Lens {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub coast: Rule,
    /// Tried in order; the first that matches decides.
    pub features: Vec<FeatureRule>,
    pub baselines: Vec<BaselineRule>,
    pub other_baselines: BaselineRule,
}

impl Lens {
    /// The rule that decides what `f` generates. The loader checks every kind has a default,
    /// so `None` means a table built by hand without one.
    pub fn feature_rule(&self, f: &DisputedFeature) -> Option<&Rule> {
        self.features
            .iter()
            .find(|r| r.when.matches(f))
            .map(|r| &r.rule)
    }

    /// The rule for the declared baseline `claim_id`.
    pub fn baseline_rule(&self, claim_id: &str) -> &BaselineRule {
        self.baselines
            .iter()
            .find(|b| b.claim.as_deref() == Some(claim_id))
            .unwrap_or(&self.other_baselines)
    }

    /// Every rule of the lens, for the About box and the report.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        std::iter::once(&self.coast)
            .chain(self.features.iter().map(|r| &r.rule))
            .chain(self.baselines.iter().map(|b| &b.rule))
            .chain(std::iter::once(&self.other_baselines.rule))
    }
}

/// The lenses the app offers, from `assets/lenses.json`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LensTable {
    pub lenses: Vec<Lens>,
}

impl LensTable {
    pub fn get(&self, id: &str) -> Option<&Lens> {
        self.lenses.iter().find(|l| l.id == id)
    }
}
