//! The synthetic incidents of `--stress N` as a map layer: rows sorted into a Morton pyramid,
//! the filter's flags per row, and a cache of the cell aggregates on screen. A filter change
//! costs one pass over the rows; a frame costs the cells on screen.

use super::camera::{Camera, ScreenRect};
use super::layers::LayerSettings;
use super::projection::world_from_lon_lat;
use super::pyramid::{CellAgg, CellCache, CellHit, PointPyramid, grow, level_for_zoom, pick_cells};
use crate::model::IncidentFilter;
use crate::model::synthetic::{CompiledFilter, HIDDEN, SyntheticIncidents};
use geo::Coord;
use std::sync::Mutex;

/// Synthetic incidents ready to draw and pick.
#[derive(Debug)]
pub struct SyntheticLayer {
    /// Rows in the pyramid's order: row `i` is at slot `i`.
    pub data: SyntheticIncidents,
    pub pyramid: PointPyramid,
    pub settings: LayerSettings,
    /// Per row: its kind index when it passes the filter, else `HIDDEN`.
    shown_kind: Vec<u8>,
    shown: usize,
    filter: Option<CompiledFilter>,
    /// Bumped whenever `visible` changes, so cached cells are recomputed.
    generation: u64,
    cache: Mutex<CellCache>,
}

/// What the pointer is over in the synthetic layer (`Single` holds the row).
pub type SyntheticHit = CellHit;

impl SyntheticLayer {
    /// Projects and sorts the rows (done on the loading thread). Every row starts visible.
    pub fn build(mut data: SyntheticIncidents) -> Self {
        let world: Vec<Coord<f64>> = data
            .lon_lat
            .iter()
            .map(|c| world_from_lon_lat(*c))
            .collect();
        let pyramid = PointPyramid::build(&world);
        data.permute(&pyramid.order);
        let n = data.len();
        Self {
            shown_kind: data.kind.clone(),
            data,
            pyramid,
            settings: LayerSettings::default(),
            shown: n,
            filter: None,
            generation: 0,
            cache: Mutex::new(CellCache::default()),
        }
    }

    pub fn len(&self) -> usize {
        self.data.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Rows passing the filter.
    pub fn shown(&self) -> usize {
        self.shown
    }

    pub fn is_visible(&self, row: usize) -> bool {
        self.shown_kind.get(row).is_some_and(|k| *k != HIDDEN)
    }

    /// Applies the incident filter; a no-op when it has not changed.
    pub fn set_filter(&mut self, filter: &IncidentFilter) {
        let f = CompiledFilter::new(filter);
        if self.filter == Some(f) {
            return;
        }
        self.filter = Some(f);
        self.data.shown_kinds(f, &mut self.shown_kind);
        self.shown = self.shown_kind.iter().filter(|k| **k != HIDDEN).count();
        self.generation += 1;
    }

    /// The cells to draw at this camera: each the filtered rows of one grid cell on screen.
    pub fn cells(&self, camera: &Camera, viewport: &ScreenRect, pad_pt: f64) -> Vec<CellAgg> {
        let vis = camera.visible_world(viewport);
        let pad = pad_pt * camera.m_per_pt();
        self.cells_in(camera.zoom, grow(vis.min(), vis.max(), pad))
    }

    /// What is drawn under `at` (world metres) at this zoom: only the few cells within the
    /// tolerance are looked at, and they are the same cells, with the same counts, as drawn.
    pub fn pick(&self, zoom: f64, at: Coord<f64>, tolerance_m: f64) -> Option<SyntheticHit> {
        pick_cells(
            &self.cells_in(zoom, grow(at, at, tolerance_m)),
            at,
            tolerance_m,
        )
    }

    fn cells_in(&self, zoom: f64, rect: geo::Rect<f64>) -> Vec<CellAgg> {
        let shown = &self.shown_kind;
        let class_of = |s: usize| shown.get(s).copied().filter(|k| *k != HIDDEN);
        // A poisoned lock only means a panic elsewhere mid-update; the cache is still sound
        // to clear and refill.
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.cells(
            &self.pyramid,
            level_for_zoom(zoom),
            rect,
            self.generation,
            class_of,
        )
    }
}

/// One line for a synthetic incident in tooltips, marked as synthetic.
pub fn row_line(layer: &SyntheticLayer, row: usize) -> String {
    format!(
        "SYNTHETIC — {} — {}",
        layer
            .data
            .date_of(row)
            .map_or_else(String::new, |d| d.to_string()),
        layer.data.kind_of(row).map_or("", |k| k.label())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, IncidentKind};

    fn layer(n: usize) -> SyntheticLayer {
        let last = Date::from_ymd_opt(2026, 3, 27).unwrap_or_default();
        SyntheticLayer::build(
            SyntheticIncidents::generate(n, 11, last, &|_| true).unwrap_or_default(),
        )
    }

    fn viewport() -> ScreenRect {
        ScreenRect::new(0.0, 0.0, 1280.0, 800.0)
    }

    /// The sum of the drawn cells' counts equals the incidents passing the filter.
    #[test]
    fn drawn_counts_equal_the_filtered_incidents() {
        let mut l = layer(50_000);
        let cam = Camera::at_lon_lat(118.0, 18.0, 4.0);
        let n = |l: &SyntheticLayer| {
            l.cells(&cam, &viewport(), 40.0)
                .iter()
                .map(|c| c.count as usize)
                .sum::<usize>()
        };
        assert_eq!(n(&l), 50_000);
        let f = IncidentFilter {
            kinds: [IncidentKind::Laser, IncidentKind::Flare].into(),
            from: Date::from_ymd_opt(2018, 1, 1),
            ..Default::default()
        };
        l.set_filter(&f);
        let want = (0..l.len())
            .filter(|&i| {
                matches!(
                    l.data.kind_of(i),
                    Some(IncidentKind::Laser | IncidentKind::Flare)
                ) && l.data.date_of(i) >= Date::from_ymd_opt(2018, 1, 1)
            })
            .count();
        assert_eq!(l.shown(), want);
        assert_eq!(
            n(&l),
            want,
            "the cache must not serve the old filter's cells"
        );
        l.set_filter(&IncidentFilter::default());
        assert_eq!(n(&l), 50_000);
    }

    /// Zoomed in, picking through the aggregates finds what a brute-force search finds.
    #[test]
    fn picking_agrees_with_brute_force_when_zoomed_in() {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let mut l = layer(200_000);
        l.set_filter(&IncidentFilter {
            kinds: [IncidentKind::WaterCannon, IncidentKind::Collision].into(),
            ..Default::default()
        });
        let mut rng = StdRng::seed_from_u64(5);
        let mut checked = 0;
        for _ in 0..300 {
            let lon = rng.random_range(105.0..131.0);
            let lat = rng.random_range(3.0..33.0);
            let cam = Camera::at_lon_lat(lon, lat, 13.0);
            let cells = l.cells(&cam, &viewport(), 40.0);
            let at = world_from_lon_lat(Coord { x: lon, y: lat });
            let tol = 8.0 * cam.m_per_pt();
            let got = pick_cells(&cells, at, tol);
            assert_eq!(
                got,
                l.pick(cam.zoom, at, tol),
                "picking near the cursor = over the drawn cells"
            );
            let brute = (0..l.len())
                .filter(|&i| l.is_visible(i))
                .map(|i| {
                    let w = l.pyramid.world[i];
                    ((w.x - at.x).hypot(w.y - at.y), i)
                })
                .filter(|(d, _)| *d <= tol)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            match (got, brute) {
                (Some(SyntheticHit::Single(i)), Some((_, j))) => {
                    assert_eq!(i, j);
                    checked += 1;
                }
                (Some(SyntheticHit::Cluster(c)), Some((_, j))) => {
                    assert!(l.pyramid.cell_range(c.key).contains(&j));
                }
                (None, None) | (Some(SyntheticHit::Cluster(_)), None) => {}
                (None, Some((d, j))) => panic!("missed row {j} at {d} m"),
                (Some(SyntheticHit::Single(i)), None) => panic!("picked {i}, nothing is near"),
            }
        }
        // Queries land at random, mostly in open sea; also aim at rows themselves.
        let visible: Vec<usize> = (0..l.len()).filter(|&i| l.is_visible(i)).collect();
        for _ in 0..300 {
            let j = visible[rng.random_range(0..visible.len())];
            let c = l.data.lon_lat[j];
            let cam = Camera::at_lon_lat(c.x, c.y, 15.0);
            let cells = l.cells(&cam, &viewport(), 40.0);
            let tol = 8.0 * cam.m_per_pt();
            match pick_cells(&cells, l.pyramid.world[j], tol) {
                Some(SyntheticHit::Single(i)) => {
                    assert_eq!(i, j);
                    checked += 1;
                }
                Some(SyntheticHit::Cluster(c)) => {
                    assert!(l.pyramid.cell_range(c.key).contains(&j));
                }
                None => panic!("row {j} not picked at its own position"),
            }
        }
        assert!(checked > 200, "only {checked} single picks checked");
    }
}
