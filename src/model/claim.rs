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
    /// A boundary two states agreed by treaty (territorial sea, EEZ and/or continental shelf).
    AgreedBoundary,
}

impl ClaimKind {
    /// Every kind with its data name and its label: the one table `parse`, `name` and `label` read.
    const TABLE: [(Self, &'static str, &'static str); 7] = [
        (Self::DashLine, "dash_line", "dashed-line claim"),
        (Self::Baseline, "baseline", "straight baselines"),
        (
            Self::ArchipelagicBaseline,
            "archipelagic_baseline",
            "archipelagic baselines",
        ),
        (Self::Adiz, "adiz", "air defence identification zone"),
        (Self::ClaimArea, "claim_area", "claimed area"),
        (Self::TerritorialSea, "territorial_sea", "territorial sea"),
        (
            Self::AgreedBoundary,
            "agreed_boundary",
            "agreed maritime boundary",
        ),
    ];

    pub const ALL: [Self; 7] = {
        let mut all = [Self::DashLine; 7];
        let mut i = 0;
        while i < all.len() {
            all[i] = Self::TABLE[i].0;
            i += 1;
        }
        all
    };

    pub fn parse(s: &str) -> Option<Self> {
        Self::TABLE
            .iter()
            .find(|(_, name, _)| *name == s)
            .map(|(kind, _, _)| *kind)
    }

    /// The name used in `claims.geojson`.
    pub fn name(self) -> &'static str {
        self.entry().1
    }

    pub fn label(self) -> &'static str {
        self.entry().2
    }

    /// Every data name, comma-separated, for load errors.
    pub fn names() -> String {
        Self::TABLE.map(|(_, name, _)| name).join(", ")
    }

    fn entry(self) -> &'static (Self, &'static str, &'static str) {
        // TABLE lists every variant, so the fallback is never taken.
        Self::TABLE
            .iter()
            .find(|(kind, _, _)| *kind == self)
            .unwrap_or(&Self::TABLE[0])
    }
}

/// The geometry of a claim: lines, or areas (drawn by their rings).
#[derive(Clone, Debug)]
pub enum ClaimGeometry {
    Lines(MultiLineString<f64>),
    Areas(MultiPolygon<f64>),
}

/// A line or zone one state declares.
#[derive(Clone, Debug)]
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
            assert_eq!(ClaimKind::parse(kind.name()), Some(kind), "{kind:?}");
            assert!(ClaimKind::names().contains(kind.name()));
        }
        let mut names: Vec<_> = ClaimKind::ALL.iter().map(|k| k.name()).collect();
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
