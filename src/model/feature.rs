//! Disputed islands, reefs, shoals and banks.

use super::common::{Alias, Country, Date, DatePrecision, Source};
use geo::{Point, Polygon};

/// Physical kind of a feature (before any reclamation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeatureKind {
    Island,
    Rock,
    LowTideElevation,
    Submerged,
    Bank,
    Reef,
    Cay,
}

impl FeatureKind {
    pub const ALL: [Self; 7] = [
        Self::Island,
        Self::Rock,
        Self::Cay,
        Self::Reef,
        Self::LowTideElevation,
        Self::Submerged,
        Self::Bank,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "island" => Self::Island,
            "rock" => Self::Rock,
            "low_tide_elevation" => Self::LowTideElevation,
            "submerged" => Self::Submerged,
            "bank" => Self::Bank,
            "reef" => Self::Reef,
            "cay" => Self::Cay,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Island => "island",
            Self::Rock => "rock",
            Self::LowTideElevation => "low-tide elevation",
            Self::Submerged => "submerged feature",
            Self::Bank => "bank",
            Self::Reef => "reef",
            Self::Cay => "cay",
        }
    }
}

/// The island group a feature belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeatureGroup {
    Senkaku,
    Spratly,
    Paracel,
    Pratas,
    Scarborough,
    Luconia,
    James,
    Other,
}

impl FeatureGroup {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "senkaku" => Self::Senkaku,
            "spratly" => Self::Spratly,
            "paracel" => Self::Paracel,
            "pratas" => Self::Pratas,
            "scarborough" => Self::Scarborough,
            "luconia" => Self::Luconia,
            "james" => Self::James,
            "other" => Self::Other,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Senkaku => "Senkaku / Diaoyu Islands",
            Self::Spratly => "Spratly Islands",
            Self::Paracel => "Paracel Islands",
            Self::Pratas => "Pratas",
            Self::Scarborough => "Scarborough Shoal",
            Self::Luconia => "Luconia Shoals",
            Self::James => "James Shoal",
            Self::Other => "other",
        }
    }
}

/// How the 2016 South China Sea arbitral award (PCA Case 2013-19) classified a feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwardClass {
    /// High-tide feature that cannot sustain habitation: 12 nm territorial sea only.
    Rock,
    /// Above water only at low tide: no territorial sea of its own.
    LowTideElevation,
    /// Submerged at high and low tide: no entitlement.
    Submerged,
}

impl AwardClass {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "rock" => Self::Rock,
            "low_tide_elevation" => Self::LowTideElevation,
            "submerged" => Self::Submerged,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Rock => "rock (Art. 121(3)): territorial sea only, no EEZ or continental shelf",
            Self::LowTideElevation => "low-tide elevation: no territorial sea of its own",
            Self::Submerged => "submerged: generates no maritime entitlement",
        }
    }
}

/// The award's finding on one feature, with the paragraphs that state it.
#[derive(Clone, Debug, PartialEq)]
pub struct Arbitration {
    pub classification: AwardClass,
    pub paragraphs: Option<String>,
}

/// A facility on a feature, recorded only where a source says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facility {
    Runway,
    Harbour,
    Helipad,
    Radar,
    Lighthouse,
    Garrison,
    Outpost,
    Platform,
    Reclaimed,
}

impl Facility {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "runway" => Self::Runway,
            "harbour" | "harbor" => Self::Harbour,
            "helipad" => Self::Helipad,
            "radar" => Self::Radar,
            "lighthouse" => Self::Lighthouse,
            "garrison" => Self::Garrison,
            "outpost" => Self::Outpost,
            "platform" => Self::Platform,
            "reclaimed" => Self::Reclaimed,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Runway => "runway",
            Self::Harbour => "harbour",
            Self::Helipad => "helipad",
            Self::Radar => "radar",
            Self::Lighthouse => "lighthouse",
            Self::Garrison => "garrison",
            Self::Outpost => "outpost",
            Self::Platform => "platform",
            Self::Reclaimed => "reclaimed land",
        }
    }
}

/// A disputed island, rock, reef, shoal or bank.
#[derive(Clone, Debug, PartialEq)]
pub struct DisputedFeature {
    pub id: String,
    pub name: String,
    pub aliases: Vec<Alias>,
    pub group: FeatureGroup,
    pub kind: FeatureKind,
    pub claimants: Vec<Country>,
    pub controlled_by: Option<Country>,
    pub controlled_since: Option<Date>,
    pub controlled_since_precision: DatePrecision,
    pub arbitration: Option<Arbitration>,
    pub facilities: Vec<Facility>,
    pub area_km2: Option<f64>,
    pub notes: String,
    pub uncertain: Vec<String>,
    pub sources: Vec<Source>,
    /// Reference position, lon/lat degrees.
    pub position: Point<f64>,
    /// Sourced outline, when the data has one.
    pub outline: Option<Polygon<f64>>,
}
