//! Defence agreements, the sites they cover and statements on their scope.

use super::closed::closed_enum;
use super::common::{Alias, Country, Date, Source};
use geo::{Point, Polygon};

closed_enum! {
    /// Broad type of an agreement.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum AgreementKind {
        /// A treaty in which the parties undertake to act if one of them is attacked.
        MutualDefense = "mutual_defense" => "mutual-defence treaty",
        /// A treaty without a mutual-defence commitment (for records of no more specific kind).
        Treaty = "treaty" => "treaty",
        Access = "access" => "access agreement",
        StatusOfForces = "status_of_forces" => "status of forces",
        Logistics = "logistics" => "logistics agreement",
        /// Protection of classified military information or intelligence sharing (GSOMIA and kin).
        InformationSecurity = "information_security" => "information security",
        DefenseCooperation = "defense_cooperation" | "defence_cooperation" => "defence cooperation",
    }
}

/// Where an agreement stands on a given date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgreementStatus {
    NotYetSigned,
    /// Talks have begun (a dated `negotiation_began`) and nothing is signed yet.
    UnderNegotiation,
    SignedNotInForce,
    InForce,
    Terminated,
}

impl AgreementStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotYetSigned => "not yet signed",
            Self::UnderNegotiation => "under negotiation",
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
    /// The day the parties agreed to open talks, where a source gives it (informational).
    pub talks_agreed: Option<Date>,
    /// The day negotiations began; from then until `signed` the agreement is under negotiation.
    pub negotiation_began: Option<Date>,
    /// `None`: not signed (yet).
    pub signed: Option<Date>,
    pub in_force: Option<Date>,
    pub terminated: Option<Date>,
    pub status_note: Option<String>,
    pub scope: String,
    pub summary: String,
    pub uncertain: Vec<String>,
    pub sources: Vec<Source>,
}

impl Agreement {
    /// An access agreement with no parties, dates or text, named `id`: the base the unit
    /// tests of coverage and the web fill in.
    #[cfg(test)]
    pub(crate) fn bare(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: id.to_owned(),
            short_name: id.to_owned(),
            parties: Vec::new(),
            kind: AgreementKind::Access,
            talks_agreed: None,
            negotiation_began: None,
            signed: None,
            in_force: None,
            terminated: None,
            status_note: None,
            scope: String::new(),
            summary: String::new(),
            uncertain: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// Status on `date`: each boundary day counts as the new state (signed on the signing day,
    /// under negotiation on the day talks began, terminated on the termination day).
    pub fn status_on(&self, date: Date) -> AgreementStatus {
        let reached = |d: Option<Date>| d.is_some_and(|d| date >= d);
        if reached(self.terminated) {
            AgreementStatus::Terminated
        } else if reached(self.signed) {
            if reached(self.in_force) {
                AgreementStatus::InForce
            } else {
                AgreementStatus::SignedNotInForce
            }
        } else if reached(self.negotiation_began) {
            AgreementStatus::UnderNegotiation
        } else {
            AgreementStatus::NotYetSigned
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

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    /// Dates loosely after the Japan–Philippines RAA, with talks and a termination added.
    fn agreement() -> Agreement {
        Agreement {
            id: "a".into(),
            name: "RAA".into(),
            short_name: "RAA".into(),
            parties: vec![],
            kind: AgreementKind::Access,
            talks_agreed: Some(d(2023, 11, 3)),
            negotiation_began: Some(d(2023, 12, 1)),
            signed: Some(d(2024, 7, 8)),
            in_force: Some(d(2025, 9, 11)),
            terminated: Some(d(2030, 1, 1)),
            status_note: None,
            scope: String::new(),
            summary: String::new(),
            uncertain: vec![],
            sources: vec![],
        }
    }

    #[test]
    fn status_at_each_boundary_day() {
        use AgreementStatus::*;
        let a = agreement();
        for (date, want) in [
            (d(2023, 11, 3), NotYetSigned), // agreeing to talk is not negotiating
            (d(2023, 11, 30), NotYetSigned),
            (d(2023, 12, 1), UnderNegotiation),
            (d(2024, 7, 7), UnderNegotiation),
            (d(2024, 7, 8), SignedNotInForce),
            (d(2025, 9, 10), SignedNotInForce),
            (d(2025, 9, 11), InForce),
            (d(2029, 12, 31), InForce),
            (d(2030, 1, 1), Terminated),
        ] {
            assert_eq!(a.status_on(date), want, "on {date}");
        }
    }

    #[test]
    fn unsigned_agreements_are_under_negotiation_only_once_talks_began() {
        let mut a = agreement();
        a.signed = None;
        a.in_force = None;
        a.terminated = None;
        assert_eq!(
            a.status_on(d(2040, 1, 1)),
            AgreementStatus::UnderNegotiation
        );
        a.negotiation_began = None;
        assert_eq!(a.status_on(d(2040, 1, 1)), AgreementStatus::NotYetSigned);
    }

    #[test]
    fn signed_without_entry_into_force_stays_pending_and_talks_ending_terminates() {
        let mut a = agreement();
        a.in_force = None;
        a.terminated = None;
        assert_eq!(
            a.status_on(d(2040, 1, 1)),
            AgreementStatus::SignedNotInForce
        );
        // Talks abandoned before any signature.
        a.signed = None;
        a.terminated = Some(d(2024, 1, 1));
        assert_eq!(
            a.status_on(d(2023, 12, 31)),
            AgreementStatus::UnderNegotiation
        );
        assert_eq!(a.status_on(d(2024, 1, 1)), AgreementStatus::Terminated);
    }

    #[test]
    fn every_kind_parses_from_its_values_and_has_its_own_label() {
        let variants = AgreementKind::ALL;
        for k in variants {
            assert_eq!(AgreementKind::parse(k.key()), Some(k));
            assert!(AgreementKind::accepted().contains(k.key()));
        }
        assert_eq!(
            AgreementKind::parse("defence_cooperation"),
            Some(AgreementKind::DefenseCooperation),
            "the British spelling is accepted too"
        );
        let labels: std::collections::HashSet<&str> = variants.iter().map(|k| k.label()).collect();
        assert_eq!(labels.len(), variants.len(), "two kinds share a label");
        assert_eq!(
            AgreementKind::InformationSecurity.label(),
            "information security"
        );
        assert_eq!(
            AgreementKind::parse("defence_cooperation"),
            Some(AgreementKind::DefenseCooperation)
        );
        assert_eq!(AgreementKind::parse("alliance"), None);
        assert_eq!(AgreementKind::parse("Treaty"), None);
    }
}
