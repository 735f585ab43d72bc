//! What changed in the agreement web between two dates: agreements that joined it, left it,
//! or changed status, for the "Compare with" view.

use super::web::{AgreementWeb, number_lanes, on_the_web};
use super::{AgreementStatus, Atlas, Date};
use std::collections::BTreeSet;

/// How an agreement's place on the web changed between the two dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Not on the web on the earlier date, on it on the later one.
    New,
    /// On the web on both dates, in a different status.
    Changed,
    /// On the web on the earlier date, ended (or not yet begun) on the later one.
    Gone,
}

impl ChangeKind {
    pub const ALL: [Self; 3] = [Self::New, Self::Changed, Self::Gone];

    pub fn label(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Changed => "status changed",
            Self::Gone => "gone",
        }
    }
}

/// One agreement's change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WebChange {
    pub agreement: usize,
    pub before: AgreementStatus,
    pub after: AgreementStatus,
    pub kind: ChangeKind,
}

/// The differences between the web on two dates (`earlier` ≤ `later`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebDiff {
    pub earlier: Date,
    pub later: Date,
    /// New first, then changed, then gone; each in the order of the data.
    pub changes: Vec<WebChange>,
}

impl WebDiff {
    /// The change of agreement `i`, if it changed.
    pub fn change_of(&self, i: usize) -> Option<&WebChange> {
        self.changes.iter().find(|c| c.agreement == i)
    }

    /// "Japan–Philippines RAA: not yet signed → in force".
    pub fn line(&self, atlas: &Atlas, change: &WebChange) -> String {
        let name = atlas
            .agreements
            .get(change.agreement)
            .map_or("?", |a| a.short_name.as_str());
        format!(
            "{name}: {} → {}",
            change.before.label(),
            change.after.label()
        )
    }
}

impl Atlas {
    /// What changed on the web between two dates, given in either order, leaving out the
    /// agreements whose ids are `hidden`.
    pub fn web_diff(&self, dates: (Date, Date), hidden: &BTreeSet<String>) -> WebDiff {
        let (earlier, later) = (dates.0.min(dates.1), dates.0.max(dates.1));
        let mut changes: Vec<WebChange> = self
            .agreements
            .iter()
            .enumerate()
            .filter(|(_, a)| !hidden.contains(&a.id))
            .filter_map(|(i, a)| {
                let (before, after) = (a.status_on(earlier), a.status_on(later));
                let kind = match (on_the_web(before), on_the_web(after)) {
                    (false, true) => ChangeKind::New,
                    (true, false) => ChangeKind::Gone,
                    (true, true) if before != after => ChangeKind::Changed,
                    _ => return None,
                };
                Some(WebChange {
                    agreement: i,
                    before,
                    after,
                    kind,
                })
            })
            .collect();
        changes.sort_by_key(|c| (c.kind, c.agreement));
        WebDiff {
            earlier,
            later,
            changes,
        }
    }

    /// The web drawn while comparing: the later date's, with the links gone since the
    /// earlier date added back (in their earlier status) so they can be shown as gone.
    pub fn compared_web(&self, diff: &WebDiff, hidden: &BTreeSet<String>) -> AgreementWeb<'_> {
        let mut web = self.web_on(diff.later, hidden);
        let before = self.web_on(diff.earlier, hidden);
        let gone = |i: usize| {
            diff.change_of(i)
                .is_some_and(|c| c.kind == ChangeKind::Gone)
        };
        web.edges
            .extend(before.edges.into_iter().filter(|e| gone(e.agreement)));
        number_lanes(&mut web.edges);
        web
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agreement, Country};

    fn d(s: &str) -> Date {
        s.parse().expect("a valid test date")
    }

    fn agreement(id: &str, dates: [Option<&str>; 4]) -> Agreement {
        let [began, signed, in_force, terminated] = dates.map(|x| x.map(d));
        Agreement {
            short_name: id.to_uppercase(),
            parties: ["JPN", "PHL"]
                .iter()
                .filter_map(|c| Country::parse(c))
                .collect(),
            negotiation_began: began,
            signed,
            in_force,
            terminated,
            ..Agreement::bare(id)
        }
    }

    fn atlas() -> Atlas {
        Atlas {
            agreements: vec![
                agreement("raa", [None, Some("2024-07-08"), Some("2025-09-11"), None]),
                agreement(
                    "old",
                    [
                        None,
                        Some("1951-08-30"),
                        Some("1952-08-27"),
                        Some("2025-01-01"),
                    ],
                ),
                agreement("talks", [Some("2025-05-28"), None, None, None]),
                agreement(
                    "steady",
                    [None, Some("1951-08-30"), Some("1952-08-27"), None],
                ),
            ],
            ..Atlas::default()
        }
    }

    fn kinds(diff: &WebDiff) -> Vec<(usize, ChangeKind)> {
        diff.changes.iter().map(|c| (c.agreement, c.kind)).collect()
    }

    #[test]
    fn each_boundary_day_counts_as_the_new_state() {
        let a = atlas();
        let none = BTreeSet::new();
        // The day before signing against the signing day: new, as signed.
        let diff = a.web_diff((d("2024-07-07"), d("2024-07-08")), &none);
        assert_eq!(kinds(&diff), vec![(0, ChangeKind::New)]);
        assert_eq!(diff.changes[0].after, AgreementStatus::SignedNotInForce);
        assert_eq!(
            diff.line(&a, &diff.changes[0]),
            "RAA: not yet signed → signed, not in force"
        );
        // Entry into force: changed, not new.
        let diff = a.web_diff((d("2025-09-10"), d("2025-09-11")), &none);
        assert_eq!(kinds(&diff), vec![(0, ChangeKind::Changed)]);
        // Termination day: gone.
        let diff = a.web_diff((d("2024-12-31"), d("2025-01-01")), &none);
        assert_eq!(kinds(&diff), vec![(1, ChangeKind::Gone)]);
        assert_eq!(diff.changes[0].after, AgreementStatus::Terminated);
        // The day talks began: new, under negotiation.
        let diff = a.web_diff((d("2025-05-27"), d("2025-05-28")), &none);
        assert_eq!(kinds(&diff), vec![(2, ChangeKind::New)]);
        // The same day on both sides: nothing.
        assert!(
            a.web_diff((d("2025-09-11"), d("2025-09-11")), &none)
                .changes
                .is_empty()
        );
    }

    #[test]
    fn order_of_dates_does_not_matter_and_hidden_ones_are_left_out() {
        let a = atlas();
        let none = BTreeSet::new();
        let forward = a.web_diff((d("2014-01-01"), d("2026-02-01")), &none);
        let backward = a.web_diff((d("2026-02-01"), d("2014-01-01")), &none);
        assert_eq!(forward, backward);
        assert_eq!(forward.earlier, d("2014-01-01"));
        assert_eq!(
            kinds(&forward),
            vec![
                (0, ChangeKind::New),
                (2, ChangeKind::New),
                (1, ChangeKind::Gone)
            ],
            "new first, then gone; the steady treaty is no change"
        );
        let hidden: BTreeSet<String> = ["raa".to_owned()].into();
        let diff = a.web_diff((d("2014-01-01"), d("2026-02-01")), &hidden);
        assert!(diff.change_of(0).is_none());
    }

    #[test]
    fn the_compared_web_keeps_gone_links_in_their_earlier_status() {
        let a = atlas();
        let none = BTreeSet::new();
        let diff = a.web_diff((d("2014-01-01"), d("2026-02-01")), &none);
        let web = a.compared_web(&diff, &none);
        let mut by: Vec<(usize, AgreementStatus, usize)> = web
            .edges
            .iter()
            .map(|e| (e.agreement, e.status, e.lanes))
            .collect();
        by.sort_by_key(|x| x.0);
        use AgreementStatus::*;
        assert_eq!(
            by,
            vec![
                (0, InForce, 4),
                (1, InForce, 4),
                (2, UnderNegotiation, 4),
                (3, InForce, 4)
            ]
        );
        // The bound count is the later date's.
        assert_eq!(web.binds.values().copied().max(), Some(2));
    }
}
