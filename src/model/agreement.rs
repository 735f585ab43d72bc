//! Defence agreements, the sites they cover and statements on their scope.

use super::common::{Alias, Country, Date, Source};
use geo::{Point, Polygon};

/// Broad type of an agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgreementKind {
    Treaty,
    Access,
    Logistics,
    StatusOfForces,
    DefenseCooperation,
}

impl AgreementKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "treaty" => Self::Treaty,
            "access" => Self::Access,
            "logistics" => Self::Logistics,
            "status_of_forces" => Self::StatusOfForces,
            "defense_cooperation" | "defence_cooperation" => Self::DefenseCooperation,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Treaty => "treaty",
            Self::Access => "access agreement",
            Self::Logistics => "logistics agreement",
            Self::StatusOfForces => "status of forces",
            Self::DefenseCooperation => "defence cooperation",
        }
    }
}

/// Where an agreement stands on a given date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgreementStatus {
    NotYetSigned,
    SignedNotInForce,
    InForce,
    Terminated,
}

impl AgreementStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotYetSigned => "not yet signed",
            Self::SignedNotInForce => "signed, not in force",
            Self::InForce => "in force",
            Self::Terminated => "terminated",
        }
    }
}

/// A bilateral or multilateral defence agreement.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub parties: Vec<Country>,
    pub kind: AgreementKind,
    pub signed: Date,
    pub in_force: Option<Date>,
    pub terminated: Option<Date>,
    pub status_note: Option<String>,
    pub scope: String,
    pub summary: String,
    pub uncertain: Vec<String>,
    pub sources: Vec<Source>,
}

impl Agreement {
    /// Status on `date`: each boundary day counts as the new state (signed on the signing day).
    pub fn status_on(&self, date: Date) -> AgreementStatus {
        if date < self.signed {
            AgreementStatus::NotYetSigned
        } else if self.terminated.is_some_and(|t| date >= t) {
            AgreementStatus::Terminated
        } else if self.in_force.is_some_and(|f| date >= f) {
            AgreementStatus::InForce
        } else {
            AgreementStatus::SignedNotInForce
        }
    }
}

/// A base or facility covered by one or more agreements (e.g. an EDCA agreed location).
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub aliases: Vec<Alias>,
    pub agreements: Vec<String>,
    pub country: Country,
    pub added: Option<Date>,
    pub notes: String,
    pub uncertain: Vec<String>,
    pub sources: Vec<Source>,
    pub position: Point<f64>,
}

/// A dated official statement on what an agreement covers.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub id: String,
    pub agreement_id: String,
    pub date: Date,
    pub speaker: String,
    /// Feature ids and area words (`south_china_sea`, `senkaku`, `pacific`).
    pub covers: Vec<String>,
    pub summary: String,
    pub sources: Vec<Source>,
    pub zone: Option<Polygon<f64>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raa() -> Agreement {
        Agreement {
            id: "a".into(),
            name: "RAA".into(),
            short_name: "RAA".into(),
            parties: vec![],
            kind: AgreementKind::Access,
            signed: Date::from_ymd_opt(2024, 7, 8).unwrap_or_default(),
            in_force: Date::from_ymd_opt(2025, 9, 11),
            terminated: None,
            status_note: None,
            scope: String::new(),
            summary: String::new(),
            uncertain: vec![],
            sources: vec![],
        }
    }

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn status_at_each_boundary_day() {
        let a = raa();
        assert_eq!(a.status_on(d(2024, 7, 7)), AgreementStatus::NotYetSigned);
        assert_eq!(
            a.status_on(d(2024, 7, 8)),
            AgreementStatus::SignedNotInForce
        );
        assert_eq!(
            a.status_on(d(2025, 9, 10)),
            AgreementStatus::SignedNotInForce
        );
        assert_eq!(a.status_on(d(2025, 9, 11)), AgreementStatus::InForce);
    }

    #[test]
    fn terminated_and_pending() {
        let mut a = raa();
        a.terminated = Some(d(2030, 1, 1));
        assert_eq!(a.status_on(d(2030, 1, 1)), AgreementStatus::Terminated);
        a.in_force = None;
        a.terminated = None;
        assert_eq!(
            a.status_on(d(2040, 1, 1)),
            AgreementStatus::SignedNotInForce
        );
    }
}
