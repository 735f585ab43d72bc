//! One country's agreements on a date, grouped by where each stands then (for its inspector).

use super::{Agreement, AgreementStatus, Atlas, Country, Date};

/// A country's agreements on one date, each list in the order of the data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartyAgreements {
    pub in_force: Vec<usize>,
    pub signed: Vec<usize>,
    pub negotiating: Vec<usize>,
    /// Ended on or before the date: history.
    pub terminated: Vec<usize>,
    /// Statements dated on or before the date on what its agreements cover (by index).
    pub statements: Vec<usize>,
}

impl PartyAgreements {
    /// How many agreements bind the country (signed, whether or not in force).
    pub fn binding(&self) -> usize {
        self.in_force.len() + self.signed.len()
    }

    /// The groups with their status, in the order the inspector lists them.
    pub fn groups(&self) -> [(AgreementStatus, &[usize]); 4] {
        [
            (AgreementStatus::InForce, &self.in_force),
            (AgreementStatus::SignedNotInForce, &self.signed),
            (AgreementStatus::UnderNegotiation, &self.negotiating),
            (AgreementStatus::Terminated, &self.terminated),
        ]
    }
}

impl Atlas {
    /// The agreements `country` is a party to, by status on `date` (those not yet under
    /// negotiation are left out), and the dated statements on what they cover.
    pub fn party_agreements(&self, country: Country, date: Date) -> PartyAgreements {
        let mut out = PartyAgreements::default();
        for (i, a) in self.agreements.iter().enumerate() {
            if !a.parties.contains(&country) {
                continue;
            }
            let list = match a.status_on(date) {
                AgreementStatus::InForce => &mut out.in_force,
                AgreementStatus::SignedNotInForce => &mut out.signed,
                AgreementStatus::UnderNegotiation => &mut out.negotiating,
                AgreementStatus::Terminated => &mut out.terminated,
                AgreementStatus::NotYetSigned => continue,
            };
            list.push(i);
        }
        out.statements = (0..self.statements.len())
            .filter(|&s| {
                let st = &self.statements[s];
                st.date <= date
                    && self
                        .agreements
                        .iter()
                        .any(|a| a.id == st.agreement_id && a.parties.contains(&country))
            })
            .collect();
        out
    }

    /// "with Japan" / "with the United States, Australia": the other parties of agreement `i`.
    pub fn partners_of(&self, i: usize, country: Country) -> Vec<Country> {
        self.agreements.get(i).map_or_else(Vec::new, |a| {
            a.parties
                .iter()
                .copied()
                .filter(|p| *p != country)
                .collect()
        })
    }
}

/// "talks agreed 2023-11-03 · signed 2024-07-08 · in force 2025-09-11": the dates known.
pub fn dates_line(a: &Agreement) -> String {
    [
        ("talks agreed", a.talks_agreed),
        ("talks began", a.negotiation_began),
        ("signed", a.signed),
        ("in force", a.in_force),
        ("terminated", a.terminated),
    ]
    .iter()
    .filter_map(|(what, d)| d.map(|d| format!("{what} {d}")))
    .collect::<Vec<_>>()
    .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("a valid test date")
    }

    fn ids(atlas: &Atlas, list: &[usize]) -> Vec<String> {
        list.iter()
            .map(|&i| atlas.agreements[i].id.clone())
            .collect()
    }

    #[test]
    fn the_philippines_in_2026_and_in_2014() {
        let atlas = crate::io::load(&crate::io::DataSource::Embedded).atlas;
        let phl = Country::parse("PHL").expect("PHL");
        let late = atlas.party_agreements(phl, d("2026-02-01"));
        let in_force = ids(&atlas, &late.in_force);
        for id in ["agr-jpn-phl-raa", "agr-usa-phl-mdt", "agr-usa-phl-edca"] {
            assert!(in_force.iter().any(|x| x == id), "{id}: {in_force:?}");
        }
        assert!(ids(&atlas, &late.signed).contains(&"agr-jpn-phl-acsa".to_owned()));
        assert_eq!(late.binding(), late.in_force.len() + late.signed.len());
        assert!(late.binding() >= 5);
        // Every listed agreement has the Philippines as a party, and none is listed twice.
        let mut all: Vec<usize> = late.groups().iter().flat_map(|(_, l)| l.to_vec()).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        assert!(
            all.iter()
                .all(|&i| atlas.agreements[i].parties.contains(&phl))
        );
        let early = atlas.party_agreements(phl, d("2014-01-01"));
        let early_all: Vec<String> = early
            .groups()
            .iter()
            .flat_map(|(_, l)| ids(&atlas, l))
            .collect();
        assert!(!early_all.contains(&"agr-jpn-phl-raa".to_owned()));
        assert!(early.binding() < late.binding());
        assert!(early.statements.len() <= late.statements.len());
        assert!(
            late.statements
                .iter()
                .all(|&s| atlas.statements[s].date <= d("2026-02-01"))
        );
    }

    #[test]
    fn partners_leave_the_country_out() {
        let atlas = crate::io::load(&crate::io::DataSource::Embedded).atlas;
        let phl = Country::parse("PHL").expect("PHL");
        let raa = atlas
            .agreements
            .iter()
            .position(|a| a.id == "agr-jpn-phl-raa")
            .expect("RAA");
        assert_eq!(
            atlas.partners_of(raa, phl),
            vec![Country::parse("JPN").expect("JPN")]
        );
        assert_eq!(
            dates_line(&atlas.agreements[raa]),
            "signed 2024-07-08 · in force 2025-09-11"
        );
    }
}
