//! Incidents over time: monthly counts by kind, and the mapping between dates and a continuous
//! "fractional year" axis used by the timeline plot.

use super::common::Date;
use super::filter::IncidentFilter;
use super::incident::{Incident, IncidentKind};
use super::within::ZoneIndex;
use chrono::Datelike;
use std::collections::BTreeMap;

/// Counts per kind for one month, indexed like [`IncidentKind::ALL`].
pub type KindCounts = [usize; IncidentKind::ALL.len()];

/// Position of a date on the fractional-year axis (2024-07-01 ≈ 2024.497).
pub fn year_fraction(d: Date) -> f64 {
    let days_in_year = if d.leap_year() { 366.0 } else { 365.0 };
    f64::from(d.year()) + f64::from(d.ordinal0()) / days_in_year
}

/// The date at a fractional-year position (clamped to the calendar chrono supports).
pub fn date_at(x: f64) -> Option<Date> {
    if !x.is_finite() || !(-9999.0..=9999.0).contains(&x) {
        return None;
    }
    let year = x.floor();
    // Bounded above, so the casts are exact.
    #[allow(clippy::cast_possible_truncation)]
    let y = year as i32;
    let start = Date::from_ymd_opt(y, 1, 1)?;
    let days_in_year = if start.leap_year() { 366.0 } else { 365.0 };
    #[allow(clippy::cast_possible_truncation)]
    let offset = ((x - year) * days_in_year + 1e-6).floor() as i64;
    start.checked_add_signed(chrono::TimeDelta::days(offset.clamp(0, 365)))
}

/// Monthly counts by kind of the incidents that pass `filter` ignoring its date range (the
/// timeline shows all of time, with the range marked on it). Keyed by (year, month). `zones`:
/// the lens's zones the *where* criterion is answered from (`None`: inactive).
pub fn monthly_counts(
    incidents: &[Incident],
    filter: &IncidentFilter,
    zones: Option<&ZoneIndex>,
) -> BTreeMap<(i32, u32), KindCounts> {
    monthly_counts_of(incidents, filter, zones)
}

/// [`monthly_counts`] of any incidents (e.g. those of the incident layers switched on).
pub fn monthly_counts_of<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    filter: &IncidentFilter,
    zones: Option<&ZoneIndex>,
) -> BTreeMap<(i32, u32), KindCounts> {
    let all_time = IncidentFilter {
        from: None,
        to: None,
        ..filter.clone()
    };
    let mut out: BTreeMap<(i32, u32), KindCounts> = BTreeMap::new();
    for i in incidents
        .into_iter()
        .filter(|i| all_time.matches_in(i, zones))
    {
        let k = IncidentKind::ALL
            .iter()
            .position(|k| *k == i.kind)
            .unwrap_or(IncidentKind::ALL.len() - 1);
        out.entry((i.date.year(), i.date.month())).or_default()[k] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("a valid test date")
    }

    #[test]
    fn axis_round_trips_to_the_day() {
        for s in [
            "2010-01-01",
            "2016-07-12",
            "2024-02-29",
            "2024-12-31",
            "1974-01-19",
        ] {
            let date = d(s);
            let x = year_fraction(date);
            // Anywhere inside the day maps back to it.
            assert_eq!(date_at(x), Some(date), "{s}");
            assert_eq!(date_at(x + 0.5 / 366.0), Some(date), "{s}");
        }
        assert!(
            year_fraction(d("2024-07-01")) > 2024.49 && year_fraction(d("2024-07-01")) < 2024.51
        );
        assert_eq!(date_at(f64::NAN), None);
    }

    #[test]
    fn monthly_counts_follow_kind_filter_but_not_dates() {
        let atlas = crate::io::load(&crate::io::DataSource::Embedded).atlas;
        let total: usize = monthly_counts(&atlas.incidents, &IncidentFilter::default(), None)
            .values()
            .flat_map(|c| c.iter())
            .sum();
        assert_eq!(total, atlas.incidents.len());
        let water = IncidentFilter {
            kinds: [IncidentKind::WaterCannon].into(),
            from: Some(d("2030-01-01")),
            ..Default::default()
        };
        let counts = monthly_counts(&atlas.incidents, &water, None);
        let n: usize = counts.values().map(|c| c[0]).sum();
        assert_eq!(
            n,
            atlas
                .incidents
                .iter()
                .filter(|i| i.kind == IncidentKind::WaterCannon)
                .count()
        );
        assert!(counts.values().all(|c| c[1..].iter().all(|x| *x == 0)));
    }

    #[test]
    fn monthly_counts_follow_where_while_it_is_active() {
        use crate::model::within::tests::{index, w};
        use crate::model::zones::ZoneKind;
        let atlas = crate::io::load(&crate::io::DataSource::Embedded).atlas;
        let mut incs: Vec<Incident> = atlas.incidents.iter().take(5).cloned().collect();
        // Two in the test index's JPN territorial sea, the rest far off.
        for (k, i) in incs.iter_mut().enumerate() {
            i.position = if k < 2 {
                geo::Point::new(0.5, 0.5)
            } else {
                geo::Point::new(50.0, 50.0)
            };
        }
        let f = IncidentFilter {
            within: Some(w("JPN", ZoneKind::TerritorialSea)),
            ..Default::default()
        };
        let total = |zones: Option<&ZoneIndex>| -> usize {
            monthly_counts(&incs, &f, zones)
                .values()
                .flat_map(|c| c.iter())
                .sum()
        };
        let ix = index();
        assert_eq!(total(Some(&ix)), 2);
        assert_eq!(total(None), 5, "inactive without zones");
    }
}
