//! Claim lines, baselines and zones.

use super::closed::closed_enum;
use super::common::{Alias, Country, Date, Source};
use geo::{MultiLineString, MultiPolygon};

closed_enum! {
    /// What kind of line or zone a claim is; drives its map style.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ClaimKind {
        DashLine = "dash_line" => "dashed-line claim",
        Baseline = "baseline" => "straight baselines",
        ArchipelagicBaseline = "archipelagic_baseline" => "archipelagic baselines",
        Adiz = "adiz" => "air defence identification zone",
        ClaimArea = "claim_area" => "claimed area",
        TerritorialSea = "territorial_sea" => "territorial sea",
        /// A boundary two states agreed by treaty (territorial sea, EEZ and/or continental shelf).
        AgreedBoundary = "agreed_boundary" => "agreed maritime boundary",
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
    /// Both states of an agreed boundary (empty for a one-state claim).
    pub parties: Vec<Country>,
    pub kind: ClaimKind,
    pub declared: Option<Date>,
    pub legal_status: String,
    pub points_source: String,
    pub uncertain: Vec<String>,
    pub sources: Vec<Source>,
    pub geometry: ClaimGeometry,
}

#[cfg(test)]
mod tests {
    use super::ClaimKind;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in ClaimKind::ALL {
            assert_eq!(ClaimKind::parse(kind.key()), Some(kind), "{kind:?}");
            assert!(ClaimKind::accepted().contains(kind.key()));
        }
        let mut names: Vec<_> = ClaimKind::ALL.iter().map(|k| k.key()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ClaimKind::ALL.len(), "names are unique");
        assert_eq!(
            ClaimKind::parse("agreed_boundary"),
            Some(ClaimKind::AgreedBoundary)
        );
        assert_eq!(ClaimKind::parse("boundary"), None);
    }
}
