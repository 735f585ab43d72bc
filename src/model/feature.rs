//! Disputed islands, reefs, shoals and banks.

use super::closed::closed_enum;
use super::common::{Alias, Country, Date, DatePrecision, Source};
use geo::{Point, Polygon};

closed_enum! {
    /// Physical kind of a feature (before any reclamation).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum FeatureKind {
        Island = "island" => "island",
        Rock = "rock" => "rock",
        Cay = "cay" => "cay",
        Reef = "reef" => "reef",
        LowTideElevation = "low_tide_elevation" => "low-tide elevation",
        Submerged = "submerged" => "submerged feature",
        Bank = "bank" => "bank",
    }
}

closed_enum! {
    /// The island group a feature belongs to.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum FeatureGroup {
        Senkaku = "senkaku" => "Senkaku / Diaoyu Islands",
        Spratly = "spratly" => "Spratly Islands",
        Paracel = "paracel" => "Paracel Islands",
        Pratas = "pratas" => "Pratas",
        Scarborough = "scarborough" => "Scarborough Shoal",
        Luconia = "luconia" => "Luconia Shoals",
        James = "james" => "James Shoal",
        Other = "other" => "other",
    }
}

closed_enum! {
    /// How the 2016 South China Sea arbitral award (PCA Case 2013-19) classified a feature.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum AwardClass {
        /// High-tide feature that cannot sustain habitation: 12 nm territorial sea only.
        Rock = "rock" => "rock (Art. 121(3)): territorial sea only, no EEZ or continental shelf",
        /// Above water only at low tide: no territorial sea of its own.
        LowTideElevation = "low_tide_elevation" => "low-tide elevation: no territorial sea of its own",
        /// Submerged at high and low tide: no entitlement.
        Submerged = "submerged" => "submerged: generates no maritime entitlement",
    }
}

/// The award's finding on one feature, with the paragraphs that state it.
#[derive(Clone, Debug, PartialEq)]
pub struct Arbitration {
    pub classification: AwardClass,
    pub paragraphs: Option<String>,
}

closed_enum! {
    /// A facility on a feature, recorded only where a source says so.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Facility {
        Runway = "runway" => "runway",
        Harbour = "harbour" | "harbor" => "harbour",
        Helipad = "helipad" => "helipad",
        Radar = "radar" => "radar",
        Lighthouse = "lighthouse" => "lighthouse",
        Garrison = "garrison" => "garrison",
        Outpost = "outpost" => "outpost",
        Platform = "platform" => "platform",
        Reclaimed = "reclaimed" => "reclaimed land",
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
