//! Synthetic incidents for stress testing (`--stress N`): seeded, labelled, kept apart from the
//! real data, and stored column by column so a million of them filter in a few milliseconds.
//!
//! Nothing here describes a real event: positions crowd around invented hot spots, dates,
//! kinds and actor countries are drawn at random.

use super::common::{Country, Date};
use super::filter::IncidentFilter;
use super::incident::IncidentKind;
use super::timeline::KindCounts;
use chrono::Datelike;
use geo::Coord;
use std::collections::BTreeMap;

// Actor countries are kept as bits of a u32.
const _: () = assert!(Country::COUNT <= 32);

/// Where synthetic points crowd (lon, lat, spread in degrees): invented, for load only.
const HOT_SPOTS: [(f64, f64, f64); 6] = [
    (117.8, 15.2, 0.6),
    (115.9, 9.7, 0.8),
    (123.5, 25.8, 0.7),
    (112.0, 16.5, 1.0),
    (114.3, 10.5, 1.2),
    (120.0, 22.0, 2.5),
];

/// Countries drawn as the first and second actor, with weights.
const FIRST: [(&str, u32); 3] = [("CHN", 85), ("VNM", 8), ("PHL", 7)];
const SECOND: [(&str, u32); 6] = [
    ("PHL", 45),
    ("VNM", 20),
    ("JPN", 20),
    ("MYS", 8),
    ("TWN", 4),
    ("IDN", 3),
];

/// The row is filtered out (in [`SyntheticIncidents::shown_kinds`]).
pub const HIDDEN: u8 = u8::MAX;

/// Synthetic incidents, one column per attribute; row `i` is one incident.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyntheticIncidents {
    pub seed: u64,
    pub lon_lat: Vec<Coord<f64>>,
    /// Index into [`IncidentKind::ALL`].
    pub kind: Vec<u8>,
    /// Days from the common era (chrono's numbering).
    pub day: Vec<i32>,
    /// Bits of [`Country::index`] of the actors.
    pub actors: Vec<u32>,
}

/// An [`IncidentFilter`] turned into bit masks and day numbers, for tight loops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompiledFilter {
    kinds: u16,
    /// Zero means every country.
    actors: u32,
    from: i32,
    to: i32,
}

impl CompiledFilter {
    pub fn new(f: &IncidentFilter) -> Self {
        let kinds = IncidentKind::ALL
            .iter()
            .enumerate()
            .filter(|(_, k)| f.kinds.contains(k))
            .fold(0u16, |m, (i, _)| m | (1 << i));
        let actors = f.actors.iter().fold(0u32, |m, c| m | (1 << c.index()));
        Self {
            kinds,
            actors,
            from: f.from.map_or(i32::MIN, |d| d.num_days_from_ce()),
            to: f.to.map_or(i32::MAX, |d| d.num_days_from_ce()),
        }
    }

    /// The same filter with no date range (what the timeline counts).
    pub fn all_time(self) -> Self {
        Self {
            from: i32::MIN,
            to: i32::MAX,
            ..self
        }
    }

    /// Whether a row with these columns passes.
    pub fn matches(&self, kind: u8, day: i32, actors: u32) -> bool {
        self.kinds & (1 << kind) != 0
            && (self.actors == 0 || self.actors & actors != 0)
            && day >= self.from
            && day <= self.to
    }
}

/// A weighted choice among `(code, weight)`; the codes are on the closed list (tested).
fn pick_country(options: &[(&str, u32)], roll: u32) -> u32 {
    let total: u32 = options.iter().map(|(_, w)| w).sum();
    let mut r = roll % total.max(1);
    for (code, w) in options {
        if r < *w {
            return Country::parse(code).map_or(0, |c| 1 << c.index());
        }
        r -= w;
    }
    0
}

impl SyntheticIncidents {
    /// `n` seeded incidents dated from 2010 to `last`. `keep_going(done)` is asked every few
    /// thousand rows (for progress); `None` when it says stop.
    pub fn generate(
        n: usize,
        seed: u64,
        last: Date,
        keep_going: &dyn Fn(usize) -> bool,
    ) -> Option<Self> {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let mut rng = StdRng::seed_from_u64(seed);
        let first = Date::from_ymd_opt(2010, 1, 1).map_or(0, |d| d.num_days_from_ce());
        let last = last.num_days_from_ce().max(first);
        let mut s = Self {
            seed,
            lon_lat: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            day: Vec::with_capacity(n),
            actors: Vec::with_capacity(n),
        };
        for i in 0..n {
            if i % 65_536 == 0 && !keep_going(i) {
                return None;
            }
            let (lon, lat) = if rng.random_bool(0.5) {
                let (x, y, spread) = HOT_SPOTS[rng.random_range(0..HOT_SPOTS.len())];
                // Sum of uniforms: a cheap bell shape.
                let d = |r: &mut StdRng| {
                    (r.random::<f64>() + r.random::<f64>() + r.random::<f64>() - 1.5) * spread
                };
                (x + d(&mut rng), y + d(&mut rng))
            } else {
                (rng.random_range(104.0..132.0), rng.random_range(2.0..34.0))
            };
            s.lon_lat.push(Coord { x: lon, y: lat });
            // The kind list is short (11), so the index fits a u8.
            #[allow(clippy::cast_possible_truncation)]
            s.kind
                .push(rng.random_range(0..IncidentKind::ALL.len()) as u8);
            s.day.push(rng.random_range(first..=last));
            s.actors
                .push(pick_country(&FIRST, rng.random()) | pick_country(&SECOND, rng.random()));
        }
        Some(s)
    }

    pub fn len(&self) -> usize {
        self.kind.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kind.is_empty()
    }

    /// Reorders the rows: row `i` becomes old row `order[i]` (e.g. a spatial sort).
    pub fn permute(&mut self, order: &[u32]) {
        fn take<T: Copy>(v: &[T], order: &[u32]) -> Vec<T> {
            order
                .iter()
                .filter_map(|&i| v.get(i as usize).copied())
                .collect()
        }
        self.lon_lat = take(&self.lon_lat, order);
        self.kind = take(&self.kind, order);
        self.day = take(&self.day, order);
        self.actors = take(&self.actors, order);
    }

    pub fn kind_of(&self, i: usize) -> Option<IncidentKind> {
        self.kind
            .get(i)
            .and_then(|&k| IncidentKind::ALL.get(usize::from(k)).copied())
    }

    pub fn date_of(&self, i: usize) -> Option<Date> {
        self.day
            .get(i)
            .and_then(|&d| Date::from_num_days_from_ce_opt(d))
    }

    /// The actor countries of row `i`, in the closed list's order.
    pub fn actors_of(&self, i: usize) -> Vec<Country> {
        let mask = self.actors.get(i).copied().unwrap_or(0);
        Country::all()
            .filter(|c| mask & (1 << c.index()) != 0)
            .collect()
    }

    /// Fills `out` with each row's kind index where it passes the filter, else [`HIDDEN`]:
    /// what drawing needs in one byte per row.
    pub fn shown_kinds(&self, f: CompiledFilter, out: &mut Vec<u8>) {
        out.clear();
        out.extend(
            self.kind
                .iter()
                .zip(&self.day)
                .zip(&self.actors)
                .map(|((&k, &d), &a)| if f.matches(k, d, a) { k } else { HIDDEN }),
        );
    }

    /// Monthly counts by kind of the rows that pass `f` (its date range ignored, as for the
    /// real incidents' timeline). Keyed by (year, month).
    pub fn monthly_counts(&self, f: CompiledFilter) -> BTreeMap<(i32, u32), KindCounts> {
        let f = f.all_time();
        // Count per day first (a few thousand days), then fold the days into months.
        let Some(&min_day) = self.day.iter().min() else {
            return BTreeMap::new();
        };
        let span = self.day.iter().max().map_or(0, |m| m - min_day) + 1;
        let mut per_day: Vec<KindCounts> =
            vec![KindCounts::default(); usize::try_from(span).unwrap_or(0)];
        for ((&k, &d), &a) in self.kind.iter().zip(&self.day).zip(&self.actors) {
            if f.matches(k, d, a)
                && let Some(c) = usize::try_from(d - min_day)
                    .ok()
                    .and_then(|i| per_day.get_mut(i))
                && let Some(x) = c.get_mut(usize::from(k))
            {
                *x += 1;
            }
        }
        let mut out: BTreeMap<(i32, u32), KindCounts> = BTreeMap::new();
        for (offset, counts) in (0..).zip(per_day) {
            if counts.iter().all(|c| *c == 0) {
                continue;
            }
            let Some(date) = Date::from_num_days_from_ce_opt(min_day + offset) else {
                continue;
            };
            let e = out.entry((date.year(), date.month())).or_default();
            for (t, c) in e.iter_mut().zip(counts) {
                *t += c;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("a valid test date")
    }

    fn sample() -> SyntheticIncidents {
        SyntheticIncidents::generate(20_000, 7, d("2026-03-27"), &|_| true).unwrap_or_default()
    }

    #[test]
    fn generation_is_seeded_and_in_range() {
        let a = sample();
        assert_eq!(a.len(), 20_000);
        assert_eq!(a, sample());
        let b = SyntheticIncidents::generate(20_000, 8, d("2026-03-27"), &|_| true);
        assert_ne!(Some(&a), b.as_ref());
        assert!(
            a.lon_lat
                .iter()
                .all(|c| (95.0..140.0).contains(&c.x) && (-5.0..40.0).contains(&c.y))
        );
        assert!((0..a.len()).all(|i| {
            a.date_of(i)
                .is_some_and(|x| x >= d("2010-01-01") && x <= d("2026-03-27"))
        }));
        assert!((0..a.len()).all(|i| a.kind_of(i).is_some() && a.actors_of(i).len() <= 2));
        assert!(SyntheticIncidents::generate(5, 1, d("2020-01-01"), &|_| false).is_none());
        for (code, _) in FIRST.iter().chain(&SECOND) {
            assert!(Country::parse(code).is_some(), "{code}");
        }
    }

    /// The column filter agrees with the model's filter on every row.
    #[test]
    fn compiled_filter_matches_the_incident_filter() {
        let a = sample();
        let filters = [
            IncidentFilter::default(),
            IncidentFilter {
                kinds: [IncidentKind::WaterCannon, IncidentKind::Laser].into(),
                actors: [Country::parse("JPN").unwrap_or_else(|| unreachable!())].into(),
                from: Some(d("2015-06-01")),
                to: Some(d("2019-12-31")),
                within: None,
            },
            IncidentFilter {
                kinds: [].into(),
                ..Default::default()
            },
        ];
        for f in &filters {
            let mut shown = Vec::new();
            a.shown_kinds(CompiledFilter::new(f), &mut shown);
            for (i, k) in shown.iter().enumerate() {
                let v = *k != HIDDEN;
                if v {
                    assert_eq!(Some(*k), a.kind.get(i).copied(), "row {i} keeps its kind");
                }
                let kind = a.kind_of(i).unwrap_or(IncidentKind::Other);
                let date = a.date_of(i).unwrap_or_default();
                let actors = a.actors_of(i);
                let want = f.kinds.contains(&kind)
                    && (f.actors.is_empty() || actors.iter().any(|c| f.actors.contains(c)))
                    && f.from.is_none_or(|x| date >= x)
                    && f.to.is_none_or(|x| date <= x);
                assert_eq!(v, want, "row {i}");
            }
        }
    }

    #[test]
    fn monthly_counts_sum_to_the_rows_passing_kind_and_actor() {
        let a = sample();
        let f = IncidentFilter {
            kinds: [IncidentKind::Boarding].into(),
            from: Some(d("2030-01-01")),
            ..Default::default()
        };
        let counts = a.monthly_counts(CompiledFilter::new(&f));
        let n: usize = counts.values().flat_map(|c| c.iter()).sum();
        let want = (0..a.len())
            .filter(|&i| a.kind_of(i) == Some(IncidentKind::Boarding))
            .count();
        assert_eq!(n, want);
        assert!(n > 0);
        let march_2020 = (0..a.len())
            .filter(|&i| {
                a.kind_of(i) == Some(IncidentKind::Boarding)
                    && a.date_of(i)
                        .is_some_and(|x| x.year() == 2020 && x.month() == 3)
            })
            .count();
        assert_eq!(counts.get(&(2020, 3)).map_or(0, |c| c[3]), march_2020);
    }

    #[test]
    fn permuting_keeps_rows_together() {
        let a = sample();
        let mut b = a.clone();
        let order: Vec<u32> = (0..a.len() as u32).rev().collect();
        b.permute(&order);
        let last = a.len() - 1;
        assert_eq!(b.lon_lat[0], a.lon_lat[last]);
        assert_eq!(b.day[0], a.day[last]);
        assert_eq!(b.kind[0], a.kind[last]);
        assert_eq!(b.actors[0], a.actors[last]);
    }
}
