//! Claim lines, baselines and zones.

use super::common::{Alias, Country, Date, Source};
use geo::{MultiLineString, MultiPolygon};

/// What kind of line or zone a claim is; drives its map style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    DashLine,
    Baseline,
    ArchipelagicBaseline,
    Adiz,
    ClaimArea,
    TerritorialSea,
}

impl ClaimKind {
    pub const ALL: [Self; 6] = [
        Self::DashLine,
        Self::Baseline,
        Self::ArchipelagicBaseline,
        Self::Adiz,
        Self::ClaimArea,
        Self::TerritorialSea,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "dash_line" => Self::DashLine,
            "baseline" => Self::Baseline,
            "archipelagic_baseline" => Self::ArchipelagicBaseline,
            "adiz" => Self::Adiz,
            "claim_area" => Self::ClaimArea,
            "territorial_sea" => Self::TerritorialSea,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::DashLine => "dashed-line claim",
            Self::Baseline => "straight baselines",
            Self::ArchipelagicBaseline => "archipelagic baselines",
            Self::Adiz => "air defence identification zone",
            Self::ClaimArea => "claimed area",
            Self::TerritorialSea => "territorial sea",
        }
    }
}

/// The geometry of a claim: lines, or areas (drawn by their rings).
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimGeometry {
    Lines(MultiLineString<f64>),
    Areas(MultiPolygon<f64>),
}

/// A line or zone one state declares.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub id: String,
    pub name: String,
    pub aliases: Vec<Alias>,
    pub claimant: Country,
    pub kind: ClaimKind,
    pub declared: Option<Date>,
    pub legal_status: String,
    pub points_source: String,
    pub uncertain: Vec<String>,
    pub sources: Vec<Source>,
    pub geometry: ClaimGeometry,
}
