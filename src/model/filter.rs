//! Which incidents are shown: by kind, by actor country, by date range and by where they took
//! place (a state's zone under the lens shown). Pure model logic.

use super::common::{Country, Date};
use super::incident::{Incident, IncidentKind};
use super::within::{Within, ZoneIndex};
use std::collections::BTreeSet;

/// The incident filter the user sets; an empty `actors` set means every country.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IncidentFilter {
    pub kinds: BTreeSet<IncidentKind>,
    pub actors: BTreeSet<Country>,
    /// Inclusive bounds; `None` is open-ended.
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Inside a state's zone under the lens shown; `None`: anywhere.
    #[serde(default)]
    pub within: Option<Within>,
}

impl Default for IncidentFilter {
    fn default() -> Self {
        Self {
            kinds: IncidentKind::ALL.into_iter().collect(),
            actors: BTreeSet::new(),
            from: None,
            to: None,
            within: None,
        }
    }
}

impl IncidentFilter {
    /// True when the incident passes every criterion but *where* (see [`Self::matches_in`]):
    /// its kind is chosen, one of its actors is from a chosen country (or none is chosen), and
    /// its days overlap the date range.
    pub fn matches(&self, i: &Incident) -> bool {
        self.kinds.contains(&i.kind)
            && (self.actors.is_empty() || i.actors.iter().any(|a| self.actors.contains(&a.country)))
            && self.from.is_none_or(|from| i.last_day() >= from)
            && self.to.is_none_or(|to| i.date <= to)
    }

    /// Whether the *where* criterion applies: one is set and the zones of the lens shown are
    /// computed (`zones`: `None` with zones off or still computing).
    pub fn within_active(&self, zones: Option<&ZoneIndex>) -> bool {
        self.within.is_some() && zones.is_some()
    }

    /// True when the incident passes every criterion; *where* only while it is active.
    pub fn matches_in(&self, i: &Incident, zones: Option<&ZoneIndex>) -> bool {
        self.matches(i)
            && match (self.within, zones) {
                (Some(w), Some(ix)) => ix.contains(i.position, w),
                _ => true,
            }
    }

    /// One flag per incident, in order: what the map draws and picks (see [`Self::matches_in`]).
    pub fn visibility(&self, incidents: &[Incident], zones: Option<&ZoneIndex>) -> Vec<bool> {
        incidents
            .iter()
            .map(|i| self.matches_in(i, zones))
            .collect()
    }

    /// Indices of the incidents it shows, in data order, with no zones at hand (the command
    /// line's export): *where* is inactive.
    pub fn matching(&self, incidents: &[Incident]) -> Vec<usize> {
        (0..incidents.len())
            .filter(|&i| self.matches_in(&incidents[i], None))
            .collect()
    }
}

/// Indices of the shown incidents, oldest first (data order within a day): the order the
/// incident list (reversed) and stepping with N / P follow.
pub fn in_time_order(incidents: &[Incident], shown: &[bool]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..incidents.len())
        .filter(|&i| shown.get(i).copied().unwrap_or(false))
        .collect();
    order.sort_by_key(|&i| (incidents[i].date, i));
    order
}

/// The shown incident after `current` in time (or before it, when `forward` is false): by
/// date, then data order for the same date. With no current incident, or one not shown, the
/// earliest (or latest) shown. `None` past either end: stepping stops there.
pub fn step_incident(
    incidents: &[Incident],
    shown: &[bool],
    current: Option<usize>,
    forward: bool,
) -> Option<usize> {
    let order = in_time_order(incidents, shown);
    let at = current.and_then(|c| order.iter().position(|&i| i == c));
    match (at, forward) {
        (None, true) => order.first().copied(),
        (None, false) => order.last().copied(),
        (Some(k), true) => order.get(k + 1).copied(),
        (Some(k), false) => k.checked_sub(1).and_then(|k| order.get(k).copied()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::incident::{Actor, ActorRole, LocationPrecision, Sea};

    fn d(s: &str) -> Date {
        s.parse().expect("a valid test date")
    }

    fn inc(
        id: &str,
        date: &str,
        end: Option<&str>,
        kind: IncidentKind,
        countries: &[&str],
    ) -> Incident {
        Incident {
            id: id.into(),
            date: d(date),
            date_end: end.map(d),
            date_precision: Default::default(),
            kind,
            sea: Sea::SouthChinaSea,
            actors: countries
                .iter()
                .filter_map(|c| Country::parse(c))
                .map(|country| Actor {
                    name: "x".into(),
                    agency: None,
                    country,
                    role: ActorRole::Other,
                })
                .collect(),
            location_name: String::new(),
            location_precision: LocationPrecision::Approximate,
            feature_id: None,
            summary: String::new(),
            casualties: None,
            disputed_accounts: None,
            uncertain: vec![],
            sources: vec![],
            position: geo::Point::new(115.0, 10.0),
        }
    }

    fn fixture() -> Vec<Incident> {
        vec![
            inc(
                "a",
                "2023-08-05",
                None,
                IncidentKind::WaterCannon,
                &["CHN", "PHL"],
            ),
            inc(
                "b",
                "2014-05-02",
                Some("2014-07-16"),
                IncidentKind::Collision,
                &["CHN", "VNM"],
            ),
            inc(
                "c",
                "2024-06-17",
                None,
                IncidentKind::Boarding,
                &["CHN", "PHL"],
            ),
            inc(
                "d",
                "2013-01-30",
                None,
                IncidentKind::Other,
                &["CHN", "JPN"],
            ),
            inc(
                "e",
                "2024-03-05",
                None,
                IncidentKind::WaterCannon,
                &["CHN", "PHL"],
            ),
        ]
    }

    fn shown(f: &IncidentFilter) -> Vec<String> {
        fixture()
            .iter()
            .filter(|i| f.matches(i))
            .map(|i| i.id.clone())
            .collect()
    }

    #[test]
    fn default_shows_everything() {
        assert_eq!(shown(&IncidentFilter::default()), ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn by_kind() {
        let f = IncidentFilter {
            kinds: [IncidentKind::WaterCannon].into(),
            ..Default::default()
        };
        assert_eq!(shown(&f), ["a", "e"]);
    }

    #[test]
    fn by_actor_country() {
        let mut f = IncidentFilter::default();
        f.actors.extend(Country::parse("VNM"));
        assert_eq!(shown(&f), ["b"]);
        f.actors.extend(Country::parse("JPN"));
        assert_eq!(shown(&f), ["b", "d"]);
    }

    #[test]
    fn by_date_range_with_multi_day_overlap_and_inclusive_bounds() {
        let f = IncidentFilter {
            from: Some(d("2014-07-16")),
            to: Some(d("2023-08-05")),
            ..Default::default()
        };
        // b ends on the first day of the range; a falls on its last day.
        assert_eq!(shown(&f), ["a", "b"]);
        let f = IncidentFilter {
            from: Some(d("2014-07-17")),
            to: Some(d("2023-08-04")),
            ..Default::default()
        };
        assert!(shown(&f).is_empty());
    }

    #[test]
    fn filters_combine() {
        let mut f = IncidentFilter {
            kinds: [IncidentKind::WaterCannon, IncidentKind::Boarding].into(),
            from: Some(d("2024-01-01")),
            ..Default::default()
        };
        f.actors.extend(Country::parse("PHL"));
        assert_eq!(shown(&f), ["c", "e"]);
    }

    #[test]
    fn where_applies_only_with_zones_and_combines_with_the_rest() {
        use crate::model::within::tests::{index, w};
        use crate::model::zones::ZoneKind;
        let mut incs = fixture();
        // a and c in JPN's territorial sea, e in its EEZ, b and d far off.
        let at = [
            (0.5, 0.5),
            (30.0, 30.0),
            (0.6, 0.4),
            (40.0, 0.0),
            (3.0, 3.0),
        ];
        for (i, (x, y)) in incs.iter_mut().zip(at) {
            i.position = geo::Point::new(x, y);
        }
        let ix = index();
        let mut f = IncidentFilter {
            within: Some(w("JPN", ZoneKind::TerritorialSea)),
            ..Default::default()
        };
        let ids = |f: &IncidentFilter, zones| {
            let v = f.visibility(&incs, zones);
            incs.iter()
                .zip(v)
                .filter(|(_, on)| *on)
                .map(|(i, _)| i.id.clone())
                .collect::<Vec<_>>()
        };
        assert!(f.within_active(Some(&ix)));
        assert_eq!(ids(&f, Some(&ix)), ["a", "c"]);
        // No zones (off, or computing): inactive, every place shown.
        assert!(!f.within_active(None));
        assert_eq!(ids(&f, None), ["a", "b", "c", "d", "e"]);
        f.within = Some(w("JPN", ZoneKind::Eez));
        assert_eq!(ids(&f, Some(&ix)), ["e"]);
        f.kinds = [IncidentKind::Boarding].into();
        assert!(ids(&f, Some(&ix)).is_empty());
    }

    #[test]
    fn a_filter_saved_before_where_existed_still_reads() {
        let old = r#"{"kinds":["collision"],"actors":["JPN"],"from":null,"to":null}"#;
        let f: IncidentFilter = serde_json::from_str(old).expect("an old saved filter");
        assert_eq!(f.within, None);
        assert_eq!(f.actors.len(), 1);
    }

    #[test]
    fn stepping_goes_by_date_among_shown_incidents_and_stops_at_the_ends() {
        let k = IncidentKind::WaterCannon;
        let incs = vec![
            inc("a", "2024-03-05", None, k, &[]),
            inc("b", "2023-01-01", None, k, &[]),
            inc("c", "2024-03-05", None, k, &[]),
            inc("d", "2025-07-01", None, k, &[]),
        ];
        let all = vec![true; 4];
        // Date order 1, then 0 and 2 (same day: data order), then 3.
        assert_eq!(step_incident(&incs, &all, None, true), Some(1));
        assert_eq!(step_incident(&incs, &all, Some(1), true), Some(0));
        assert_eq!(step_incident(&incs, &all, Some(0), true), Some(2));
        assert_eq!(step_incident(&incs, &all, Some(2), true), Some(3));
        assert_eq!(step_incident(&incs, &all, Some(3), true), None);
        assert_eq!(step_incident(&incs, &all, Some(1), false), None);
        assert_eq!(step_incident(&incs, &all, Some(2), false), Some(0));
        assert_eq!(step_incident(&incs, &all, None, false), Some(3));
        // Hidden incidents are skipped; a hidden current one starts from the first shown.
        let shown = vec![true, false, false, true];
        assert_eq!(step_incident(&incs, &shown, Some(0), true), Some(3));
        assert_eq!(step_incident(&incs, &shown, Some(1), true), Some(0));
        assert_eq!(step_incident(&incs, &[false; 4], None, true), None);
    }

    #[test]
    fn countries_in_a_role_are_listed_once_in_the_order_named() {
        let mut x = inc(
            "a",
            "2024-01-01",
            None,
            IncidentKind::Other,
            &["CHN", "PHL", "CHN", "USA"],
        );
        let roles = [
            ActorRole::Initiator,
            ActorRole::Target,
            ActorRole::Initiator,
            ActorRole::Responder,
        ];
        for (a, r) in x.actors.iter_mut().zip(roles) {
            a.role = r;
        }
        let code = |v: Vec<Country>| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(code(x.countries_in_role(ActorRole::Initiator)), ["CHN"]);
        assert_eq!(code(x.countries_in_role(ActorRole::Target)), ["PHL"]);
        assert_eq!(code(x.countries_in_role(ActorRole::Responder)), ["USA"]);
        assert!(x.countries_in_role(ActorRole::Other).is_empty());
    }
}
