//! The web of defence agreements on a date: which pairs of countries an agreement links and
//! in what state, how many agreements bind each country, what dated statements say an
//! agreement covers, and what changed near the date.

use super::coverage::Coverage;
use super::{AgreementStatus, Atlas, Country, Date};
use std::collections::{BTreeMap, BTreeSet};

/// One agreement between one pair of its parties (a multilateral one gives every pair).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebEdge {
    /// The agreement, by index in the atlas.
    pub agreement: usize,
    pub a: Country,
    pub b: Country,
    pub status: AgreementStatus,
    /// This edge's place among the edges of the same pair, and how many there are: drawn
    /// as curves bowed apart so parallel agreements stay distinct.
    pub lane: usize,
    pub lanes: usize,
}

/// What a dated statement says an agreement covers, from that date on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoveredArea<'a> {
    pub agreement: usize,
    pub coverage: Coverage<'a>,
    /// The first statement that said so.
    pub since: Date,
}

/// The web on one date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgreementWeb<'a> {
    pub edges: Vec<WebEdge>,
    /// Agreements in effect (signed or in force) binding each country.
    pub binds: BTreeMap<Country, usize>,
    pub covered: Vec<CoveredArea<'a>>,
}

/// Whether an agreement shows on the web in this state: from the start of talks until it ends.
pub fn on_the_web(status: AgreementStatus) -> bool {
    !matches!(
        status,
        AgreementStatus::NotYetSigned | AgreementStatus::Terminated
    )
}

/// Whether an agreement binds its parties in this state (signed, whether or not in force).
pub fn binds(status: AgreementStatus) -> bool {
    matches!(
        status,
        AgreementStatus::SignedNotInForce | AgreementStatus::InForce
    )
}

/// What happened to an agreement on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Milestone {
    TalksBegan,
    Signed,
    InForce,
    Terminated,
}

impl Milestone {
    pub fn label(self) -> &'static str {
        match self {
            Self::TalksBegan => "talks begin",
            Self::Signed => "signed",
            Self::InForce => "enters into force",
            Self::Terminated => "terminated",
        }
    }
}

/// A dated milestone of an agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub date: Date,
    pub agreement: usize,
    pub milestone: Milestone,
}

impl Atlas {
    /// The agreements' web as of `date`, leaving out the agreements whose ids are `hidden`.
    pub fn web_on(&self, date: Date, hidden: &BTreeSet<String>) -> AgreementWeb<'_> {
        let mut edges = Vec::new();
        let mut binds_count: BTreeMap<Country, usize> = BTreeMap::new();
        for (i, a) in self.agreements.iter().enumerate() {
            let status = a.status_on(date);
            if !on_the_web(status) || hidden.contains(&a.id) {
                continue;
            }
            if binds(status) {
                for p in &a.parties {
                    *binds_count.entry(*p).or_default() += 1;
                }
            }
            for (k, x) in a.parties.iter().enumerate() {
                for y in &a.parties[k + 1..] {
                    let (a, b) = if x <= y { (*x, *y) } else { (*y, *x) };
                    edges.push(WebEdge {
                        agreement: i,
                        a,
                        b,
                        status,
                        lane: 0,
                        lanes: 1,
                    });
                }
            }
        }
        number_lanes(&mut edges);
        AgreementWeb {
            edges,
            binds: binds_count,
            covered: self.covered_on(date),
        }
    }

    /// What statements dated on or before `date` say agreements in effect then cover.
    fn covered_on(&self, date: Date) -> Vec<CoveredArea<'_>> {
        let mut out: Vec<CoveredArea<'_>> = Vec::new();
        for s in self.statements.iter().filter(|s| s.date <= date) {
            let Some(i) = self.agreements.iter().position(|a| a.id == s.agreement_id) else {
                continue;
            };
            if !binds(self.agreements[i].status_on(date)) {
                continue;
            }
            for word in &s.covers {
                let coverage = Coverage::parse(word);
                match out
                    .iter_mut()
                    .find(|c| c.agreement == i && c.coverage == coverage)
                {
                    Some(c) => c.since = c.since.min(s.date),
                    None => out.push(CoveredArea {
                        agreement: i,
                        coverage,
                        since: s.date,
                    }),
                }
            }
        }
        out
    }

    /// Every agreement milestone, oldest first.
    pub fn agreement_changes(&self) -> Vec<Change> {
        let mut out: Vec<Change> = self
            .agreements
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                [
                    a.negotiation_began.map(|d| (d, Milestone::TalksBegan)),
                    a.signed.map(|d| (d, Milestone::Signed)),
                    a.in_force.map(|d| (d, Milestone::InForce)),
                    a.terminated.map(|d| (d, Milestone::Terminated)),
                ]
                .into_iter()
                .flatten()
                .map(move |(date, milestone)| Change {
                    date,
                    agreement: i,
                    milestone,
                })
            })
            .collect();
        out.sort_by_key(|c| (c.date, c.agreement));
        out
    }

    /// The `n` milestones nearest `date` (before or after), in date order.
    pub fn changes_near(&self, date: Date, n: usize) -> Vec<Change> {
        let mut all = self.agreement_changes();
        all.sort_by_key(|c| ((c.date - date).num_days().abs(), c.date, c.agreement));
        all.truncate(n);
        all.sort_by_key(|c| (c.date, c.agreement));
        all
    }
}

/// Numbers the edges of each pair of countries 0, 1, … (in agreement order).
pub(super) fn number_lanes(edges: &mut [WebEdge]) {
    edges.sort_by_key(|e| (e.a, e.b, e.agreement));
    let mut start = 0;
    while start < edges.len() {
        let pair = (edges[start].a, edges[start].b);
        let end = start
            + edges[start..]
                .iter()
                .take_while(|e| (e.a, e.b) == pair)
                .count();
        let lanes = end - start;
        for (lane, e) in edges[start..end].iter_mut().enumerate() {
            e.lane = lane;
            e.lanes = lanes;
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agreement, Statement};

    fn d(s: &str) -> Date {
        s.parse().expect("a valid test date")
    }

    fn c(code: &str) -> Country {
        Country::parse(code).expect("a known country")
    }

    fn agreement(
        id: &str,
        parties: &[&str],
        signed: &str,
        in_force: Option<&str>,
        end: Option<&str>,
    ) -> Agreement {
        Agreement {
            parties: parties.iter().map(|p| c(p)).collect(),
            signed: Some(d(signed)),
            in_force: in_force.map(d),
            terminated: end.map(d),
            ..Agreement::bare(id)
        }
    }

    fn atlas() -> Atlas {
        Atlas {
            agreements: vec![
                agreement(
                    "raa",
                    &["PHL", "JPN"],
                    "2024-07-08",
                    Some("2025-09-11"),
                    None,
                ),
                agreement("acsa", &["JPN", "PHL"], "2026-01-15", None, None),
                agreement(
                    "five",
                    &["GBR", "AUS", "NZL"],
                    "1971-04-16",
                    Some("1971-11-01"),
                    None,
                ),
                agreement(
                    "old",
                    &["USA", "TWN"],
                    "1954-12-02",
                    Some("1955-03-03"),
                    Some("1980-01-01"),
                ),
            ],
            statements: vec![Statement {
                id: "s".into(),
                agreement_id: "raa".into(),
                date: d("2025-10-01"),
                speaker: String::new(),
                covers: vec!["south_china_sea".into()],
                summary: String::new(),
                sources: Vec::new(),
                zone: None,
            }],
            ..Atlas::default()
        }
    }

    #[test]
    fn edges_follow_status_and_share_lanes_by_pair() {
        let a = atlas();
        let web = a.web_on(d("2026-02-01"), &BTreeSet::new());
        let jp: Vec<&WebEdge> = web.edges.iter().filter(|e| e.a == c("JPN")).collect();
        assert_eq!(jp.len(), 2, "RAA and ACSA link Japan and the Philippines");
        assert_eq!((jp[0].lane, jp[1].lane, jp[0].lanes), (0, 1, 2));
        assert_eq!(jp[0].status, AgreementStatus::InForce);
        assert_eq!(jp[1].status, AgreementStatus::SignedNotInForce);
        assert_eq!(
            web.edges.iter().filter(|e| e.agreement == 2).count(),
            3,
            "three pairs of three parties"
        );
        assert!(
            web.edges.iter().all(|e| e.agreement != 3),
            "terminated: gone"
        );
        assert_eq!(web.binds.get(&c("JPN")), Some(&2));
        assert_eq!(web.binds.get(&c("TWN")), None);
        // Before the RAA was signed only the old treaty and the 1971 arrangement exist.
        let hidden: BTreeSet<String> = ["raa".to_owned()].into();
        let without = a.web_on(d("2026-02-01"), &hidden);
        assert!(
            without.edges.iter().all(|e| e.agreement != 0),
            "a hidden agreement is left out"
        );
        assert_eq!(without.binds.get(&c("JPN")), Some(&1));
        let early = a.web_on(d("1975-01-01"), &BTreeSet::new());
        assert_eq!(early.edges.len(), 4);
        assert_eq!(early.binds.get(&c("USA")), Some(&1));
    }

    #[test]
    fn coverage_starts_with_its_first_statement() {
        let a = atlas();
        assert!(
            a.web_on(d("2025-09-30"), &BTreeSet::new())
                .covered
                .is_empty()
        );
        let web = a.web_on(d("2025-10-01"), &BTreeSet::new());
        assert_eq!(web.covered.len(), 1);
        assert_eq!(web.covered[0].coverage, Coverage::SouthChinaSea);
        assert_eq!(web.covered[0].since, d("2025-10-01"));
    }

    #[test]
    fn changes_near_a_date_are_the_nearest_milestones() {
        let a = atlas();
        let near = a.changes_near(d("2025-09-01"), 2);
        assert_eq!(near.len(), 2);
        assert_eq!(
            (near[0].date, near[0].milestone),
            (d("2025-09-11"), Milestone::InForce)
        );
        assert_eq!(
            (near[1].date, near[1].milestone),
            (d("2026-01-15"), Milestone::Signed)
        );
        assert_eq!(a.agreement_changes().len(), 8);
    }
}
