//! Many points, sorted once along a Z-order (Morton) curve of Web Mercator world space.
//!
//! The grid cells of every zoom level nest (a cell is four cells of the next level) and each
//! is one contiguous run of the sorted points, found by binary search. So aggregating a
//! million points for the cells on screen, or finding the points near the cursor, costs the
//! cells and points involved, never a pass over all of them, and one sort replaces a
//! hash aggregation per level plus an R-tree.

use super::projection::WORLD_WIDTH_M;
use geo::{Coord, Rect};
use std::collections::HashMap;
use std::ops::Range;

/// Bits per axis of the Morton code: cells of the finest level are about 2.4 m wide.
const BITS: u32 = 24;
/// A level-`z` cell is the world divided by 2^(z + 3): 32 px at zoom `z` with 256 px tiles.
const LEVEL_SHIFT: u32 = 3;
/// The finest level whose cells are still coarser than a code step.
pub const MAX_LEVEL: u32 = BITS - LEVEL_SHIFT;
/// Kinds a cell counts separately (incident kinds; user points use class 0).
pub const CLASSES: usize = 11;

/// A grid cell of one level: its column and row from the world's west and south edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CellKey {
    pub level: u32,
    pub col: u32,
    pub row: u32,
}

/// What one cell holds of the points that pass a filter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellAgg {
    pub key: CellKey,
    /// Mean position of the counted points (so a single point sits where it is).
    pub center_world: Coord<f64>,
    pub count: u32,
    /// Counts per class (incident kind index).
    pub by_class: [u32; CLASSES],
    /// Slot (sorted position) of one counted point: the point itself when `count` is 1.
    pub first: usize,
}

/// Points in Morton order with the permutation back to the caller's order.
#[derive(Clone, Debug, Default)]
pub struct PointPyramid {
    codes: Vec<u64>,
    /// World positions, sorted.
    pub world: Vec<Coord<f64>>,
    /// `order[slot]` is the caller's index of the point at `slot`.
    pub order: Vec<u32>,
}

/// The cell size of a level, in world metres.
pub fn cell_m(level: u32) -> f64 {
    WORLD_WIDTH_M / f64::from(1u32 << (level.min(MAX_LEVEL) + LEVEL_SHIFT))
}

/// The level whose cells are 32–64 px wide at a camera zoom.
pub fn level_for_zoom(zoom: f64) -> u32 {
    // Finite zooms in 0..=MAX_LEVEL convert exactly.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let z = if zoom.is_finite() {
        zoom.floor().clamp(0.0, f64::from(MAX_LEVEL)) as u32
    } else {
        0
    };
    z
}

/// Grid position of a world coordinate at the finest resolution (clamped to the world).
fn grid(v: f64) -> u32 {
    let steps = f64::from(1u32 << BITS);
    let g = ((v / WORLD_WIDTH_M + 0.5) * steps).floor();
    // Clamped into 0..2^24 first, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let g = if g.is_finite() {
        g.clamp(0.0, steps - 1.0) as u32
    } else {
        0
    };
    g
}

/// Interleaves the bits of `x` (even positions) and `y` (odd positions).
fn interleave(x: u32, y: u32) -> u64 {
    fn spread(v: u32) -> u64 {
        let mut v = u64::from(v);
        v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF;
        v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF;
        v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
        v = (v | (v << 2)) & 0x3333_3333_3333_3333;
        v = (v | (v << 1)) & 0x5555_5555_5555_5555;
        v
    }
    spread(x) | (spread(y) << 1)
}

/// The inverse of [`interleave`].
fn deinterleave(code: u64) -> (u32, u32) {
    fn squeeze(mut v: u64) -> u32 {
        v &= 0x5555_5555_5555_5555;
        v = (v | (v >> 1)) & 0x3333_3333_3333_3333;
        v = (v | (v >> 2)) & 0x0F0F_0F0F_0F0F_0F0F;
        v = (v | (v >> 4)) & 0x00FF_00FF_00FF_00FF;
        v = (v | (v >> 8)) & 0x0000_FFFF_0000_FFFF;
        v = (v | (v >> 16)) & 0x0000_0000_FFFF_FFFF;
        // Masked to 32 bits just above.
        #[allow(clippy::cast_possible_truncation)]
        let v = v as u32;
        v
    }
    (squeeze(code), squeeze(code >> 1))
}

impl PointPyramid {
    /// Sorts `points` (world metres) into Morton order.
    pub fn build(points: &[Coord<f64>]) -> Self {
        let mut keyed: Vec<(u64, u32)> = points
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    interleave(grid(c.x), grid(c.y)),
                    u32::try_from(i).unwrap_or(u32::MAX),
                )
            })
            .collect();
        keyed.sort_unstable();
        let world = keyed
            .iter()
            .filter_map(|&(_, i)| points.get(i as usize).copied())
            .collect();
        let (codes, order) = keyed.into_iter().unzip();
        Self {
            codes,
            world,
            order,
        }
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The slots of the points inside a cell.
    pub fn cell_range(&self, key: CellKey) -> Range<usize> {
        let level = key.level.min(MAX_LEVEL);
        let shift = 2 * (BITS - level - LEVEL_SHIFT);
        let lo = interleave(key.col, key.row) << shift;
        let hi = lo + (1u64 << shift);
        let a = self.codes.partition_point(|&c| c < lo);
        let b = a + self.codes[a..].partition_point(|&c| c < hi);
        a..b
    }

    /// The cell of a level containing a world position.
    pub fn cell_at(level: u32, world: Coord<f64>) -> CellKey {
        let level = level.min(MAX_LEVEL);
        let shift = BITS - level - LEVEL_SHIFT;
        CellKey {
            level,
            col: grid(world.x) >> shift,
            row: grid(world.y) >> shift,
        }
    }

    /// The world rectangle a cell covers.
    pub fn cell_rect(key: CellKey) -> Rect<f64> {
        let size = cell_m(key.level);
        let x0 = f64::from(key.col) * size - WORLD_WIDTH_M / 2.0;
        let y0 = f64::from(key.row) * size - WORLD_WIDTH_M / 2.0;
        Rect::new(
            Coord { x: x0, y: y0 },
            Coord {
                x: x0 + size,
                y: y0 + size,
            },
        )
    }

    /// The non-empty cells of a level that meet `rect` (world metres), with their slots.
    pub fn cells_in(&self, level: u32, rect: Rect<f64>) -> Vec<(CellKey, Range<usize>)> {
        let a = Self::cell_at(level, rect.min());
        let b = Self::cell_at(level, rect.max());
        let mut out = Vec::new();
        if self.codes.is_empty() {
            return out;
        }
        let grid_cells = (u64::from(b.col - a.col) + 1) * (u64::from(b.row - a.row) + 1);
        if grid_cells > self.codes.len() as u64 {
            // More cells than points (a huge rectangle): one pass over the runs is cheaper.
            return self.runs(a.level, a, b);
        }
        for row in a.row..=b.row {
            for col in a.col..=b.col {
                let key = CellKey {
                    level: a.level,
                    col,
                    row,
                };
                let r = self.cell_range(key);
                if !r.is_empty() {
                    out.push((key, r));
                }
            }
        }
        out
    }

    /// Every non-empty cell of a level within the column/row bounds of `a` and `b`, by walking
    /// the sorted codes (each cell is one run).
    fn runs(&self, level: u32, a: CellKey, b: CellKey) -> Vec<(CellKey, Range<usize>)> {
        let shift = 2 * (BITS - level - LEVEL_SHIFT);
        let mut out = Vec::new();
        let mut start = 0;
        while start < self.codes.len() {
            let cell = self.codes[start] >> shift;
            let end = start + self.codes[start..].partition_point(|&c| c >> shift == cell);
            let (col, row) = deinterleave(cell);
            if (a.col..=b.col).contains(&col) && (a.row..=b.row).contains(&row) {
                out.push((CellKey { level, col, row }, start..end));
            }
            start = end;
        }
        out
    }

    /// Aggregates the slots of a cell that `class_of` lets through (`None` = filtered out).
    pub fn aggregate(
        &self,
        key: CellKey,
        slots: Range<usize>,
        class_of: impl Fn(usize) -> Option<u8>,
    ) -> Option<CellAgg> {
        let mut agg = CellAgg {
            key,
            center_world: Coord { x: 0.0, y: 0.0 },
            count: 0,
            by_class: [0; CLASSES],
            first: slots.start,
        };
        let (mut sx, mut sy) = (0.0, 0.0);
        for s in slots {
            let Some(class) = class_of(s) else { continue };
            if agg.count == 0 {
                agg.first = s;
            }
            agg.count += 1;
            if let Some(c) = agg.by_class.get_mut(usize::from(class)) {
                *c += 1;
            }
            let w = self.world[s];
            sx += w.x;
            sy += w.y;
        }
        (agg.count > 0).then(|| {
            let n = f64::from(agg.count);
            agg.center_world = Coord {
                x: sx / n,
                y: sy / n,
            };
            agg
        })
    }
}

/// What the pointer is over among drawn cells.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellHit {
    /// A cell holding one counted point, drawn as the point itself: its slot.
    Single(usize),
    /// A cell of several.
    Cluster(CellAgg),
}

/// What lies under `at` (world metres) among `cells`: the nearest single point within
/// `tolerance_m`, else the cell of several that covers it.
pub fn pick_cells(cells: &[CellAgg], at: Coord<f64>, tolerance_m: f64) -> Option<CellHit> {
    let dist = |c: &CellAgg| (c.center_world.x - at.x).hypot(c.center_world.y - at.y);
    let single = cells
        .iter()
        .filter(|c| c.count == 1)
        .map(|c| (dist(c), c))
        .filter(|(d, _)| *d <= tolerance_m)
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, c)) = single {
        return Some(CellHit::Single(c.first));
    }
    cells
        .iter()
        .filter(|c| c.count > 1)
        .find(|c| {
            let r = PointPyramid::cell_rect(c.key);
            at.x >= r.min().x && at.x < r.max().x && at.y >= r.min().y && at.y < r.max().y
        })
        .map(|c| CellHit::Cluster(*c))
}

/// The rectangle from `min` to `max` grown by `pad` on every side.
pub fn grow(min: Coord<f64>, max: Coord<f64>, pad: f64) -> Rect<f64> {
    Rect::new(
        Coord {
            x: min.x - pad,
            y: min.y - pad,
        },
        Coord {
            x: max.x + pad,
            y: max.y + pad,
        },
    )
}

/// The aggregates of the cells drawn lately, kept until the level or the filter changes, so a
/// steady frame costs the cells on screen and a pan costs only the cells it uncovers.
#[derive(Debug, Default)]
pub struct CellCache {
    /// (level, filter generation) the cells were computed for.
    stamp: Option<(u32, u64)>,
    cells: HashMap<CellKey, Option<CellAgg>>,
}

/// Cells kept before the cache starts afresh (a long pan at a high zoom).
const CACHE_CAP: usize = 1 << 18;

impl CellCache {
    /// The aggregates of the non-empty cells of `level` meeting `rect`. `generation` names the
    /// filter `class_of` stands for: a new one empties the cache.
    pub fn cells(
        &mut self,
        pyramid: &PointPyramid,
        level: u32,
        rect: Rect<f64>,
        generation: u64,
        class_of: impl Fn(usize) -> Option<u8> + Copy,
    ) -> Vec<CellAgg> {
        let level = level.min(MAX_LEVEL);
        if self.stamp != Some((level, generation)) || self.cells.len() > CACHE_CAP {
            self.cells.clear();
            self.stamp = Some((level, generation));
        }
        pyramid
            .cells_in(level, rect)
            .into_iter()
            .filter_map(|(key, slots)| {
                *self
                    .cells
                    .entry(key)
                    .or_insert_with(|| pyramid.aggregate(key, slots, class_of))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::projection::world_from_lon_lat;
    use rand::{Rng, SeedableRng, rngs::StdRng};

    fn points(n: usize, seed: u64) -> Vec<Coord<f64>> {
        let mut rng = StdRng::seed_from_u64(seed);
        (0..n)
            .map(|_| {
                world_from_lon_lat(Coord {
                    x: rng.random_range(110.0..120.0),
                    y: rng.random_range(5.0..15.0),
                })
            })
            .collect()
    }

    fn region() -> Rect<f64> {
        Rect::new(
            world_from_lon_lat(Coord { x: 100.0, y: 0.0 }),
            world_from_lon_lat(Coord { x: 130.0, y: 20.0 }),
        )
    }

    #[test]
    fn every_point_is_in_exactly_one_cell_of_every_level() {
        let pts = points(20_000, 1);
        let p = PointPyramid::build(&pts);
        for level in [0, 3, 7, 12] {
            let cells = p.cells_in(level, region());
            let total: usize = cells.iter().map(|(_, r)| r.len()).sum();
            assert_eq!(total, pts.len(), "level {level}");
            for (key, r) in &cells {
                let rect = PointPyramid::cell_rect(*key);
                for s in r.clone() {
                    assert_eq!(PointPyramid::cell_at(level, p.world[s]), *key);
                    let w = p.world[s];
                    assert!(w.x >= rect.min().x && w.x <= rect.max().x);
                    assert!(w.y >= rect.min().y && w.y <= rect.max().y);
                }
            }
        }
    }

    #[test]
    fn cells_nest_and_split_as_the_level_grows() {
        let pts = points(5_000, 2);
        let p = PointPyramid::build(&pts);
        let coarse = p.cells_in(6, region());
        let fine = p.cells_in(7, region());
        assert!(fine.len() > coarse.len());
        for (key, r) in &fine {
            let parent = CellKey {
                level: 6,
                col: key.col / 2,
                row: key.row / 2,
            };
            let pr = p.cell_range(parent);
            assert!(pr.start <= r.start && r.end <= pr.end);
        }
    }

    #[test]
    fn order_maps_slots_back_to_input_positions() {
        let pts = points(3_000, 3);
        let p = PointPyramid::build(&pts);
        for (s, &i) in p.order.iter().enumerate() {
            assert_eq!(p.world[s], pts[i as usize]);
        }
        let mut seen: Vec<u32> = p.order.clone();
        seen.sort_unstable();
        assert!(seen.iter().enumerate().all(|(i, &v)| v as usize == i));
    }

    #[test]
    fn aggregation_preserves_counts_under_a_filter() {
        let pts = points(10_000, 4);
        let p = PointPyramid::build(&pts);
        // Keep the points whose original index is odd; class by index mod 3.
        let class_of = |s: usize| {
            let i = p.order[s];
            (i % 2 == 1).then_some((i % 3) as u8)
        };
        for level in [2, 5, 9, 14] {
            let aggs: Vec<CellAgg> = p
                .cells_in(level, region())
                .into_iter()
                .filter_map(|(k, r)| p.aggregate(k, r, class_of))
                .collect();
            let n: u32 = aggs.iter().map(|a| a.count).sum();
            assert_eq!(n as usize, pts.len() / 2, "level {level}");
            for a in &aggs {
                assert_eq!(a.by_class.iter().sum::<u32>(), a.count);
                assert!(class_of(a.first).is_some());
            }
        }
    }

    #[test]
    fn a_view_rectangle_gets_only_the_cells_it_meets() {
        let pts = points(10_000, 5);
        let p = PointPyramid::build(&pts);
        let view = Rect::new(
            world_from_lon_lat(Coord { x: 112.0, y: 7.0 }),
            world_from_lon_lat(Coord { x: 113.0, y: 8.0 }),
        );
        let level = 9;
        let inside = pts
            .iter()
            .filter(|c| {
                c.x >= view.min().x
                    && c.x <= view.max().x
                    && c.y >= view.min().y
                    && c.y <= view.max().y
            })
            .count();
        let got: usize = p.cells_in(level, view).iter().map(|(_, r)| r.len()).sum();
        // Whole cells are returned: at least every point inside, and not many more.
        assert!(got >= inside);
        let pad = cell_m(level);
        let near = pts
            .iter()
            .filter(|c| {
                c.x >= view.min().x - pad
                    && c.x <= view.max().x + pad
                    && c.y >= view.min().y - pad
                    && c.y <= view.max().y + pad
            })
            .count();
        assert!(got <= near);
    }

    #[test]
    fn a_huge_rectangle_gives_the_same_cells_as_the_grid_walk() {
        let pts = points(300, 6);
        let p = PointPyramid::build(&pts);
        let small = Rect::new(
            world_from_lon_lat(Coord { x: 111.0, y: 6.0 }),
            world_from_lon_lat(Coord { x: 111.4, y: 6.4 }),
        );
        // 300 points, but thousands of grid cells: the run walk answers.
        let (a, b) = (
            PointPyramid::cell_at(12, small.min()),
            PointPyramid::cell_at(12, small.max()),
        );
        assert!(u64::from(b.col - a.col + 1) * u64::from(b.row - a.row + 1) > 300);
        let walked = p.cells_in(12, small);
        let mut grid = Vec::new();
        for row in a.row..=b.row {
            for col in a.col..=b.col {
                let key = CellKey {
                    level: 12,
                    col,
                    row,
                };
                let r = p.cell_range(key);
                if !r.is_empty() {
                    grid.push((key, r));
                }
            }
        }
        let mut walked_sorted = walked.clone();
        walked_sorted.sort_by_key(|(_, r)| r.start);
        grid.sort_by_key(|(_, r)| r.start);
        assert_eq!(walked_sorted, grid);
        assert!(!grid.is_empty());
        assert_eq!(deinterleave(interleave(12_345, 678)), (12_345, 678));
    }

    #[test]
    fn the_cache_follows_the_filter_generation() {
        let pts = points(5_000, 7);
        let p = PointPyramid::build(&pts);
        let mut cache = CellCache::default();
        let all = |_: usize| Some(0u8);
        let none = |_: usize| None::<u8>;
        let n = |v: &[CellAgg]| v.iter().map(|a| a.count as usize).sum::<usize>();
        assert_eq!(n(&cache.cells(&p, 5, region(), 1, all)), 5_000);
        // Same generation: the cached cells answer, whatever the closure says now.
        assert_eq!(n(&cache.cells(&p, 5, region(), 1, none)), 5_000);
        assert_eq!(n(&cache.cells(&p, 5, region(), 2, none)), 0);
        assert_eq!(n(&cache.cells(&p, 6, region(), 2, all)), 5_000);
    }

    #[test]
    fn cell_sizes_halve_per_level_and_match_the_zoom() {
        assert!((cell_m(5) / cell_m(6) - 2.0).abs() < 1e-12);
        let cam = crate::map::Camera::at_lon_lat(115.0, 10.0, 6.0);
        let px = cell_m(level_for_zoom(6.0)) / cam.m_per_pt();
        assert!((px - 32.0).abs() < 1e-6, "{px}");
        assert_eq!(level_for_zoom(6.99), 6);
        assert_eq!(level_for_zoom(-3.0), 0);
        assert_eq!(level_for_zoom(f64::NAN), 0);
        assert_eq!(level_for_zoom(99.0), MAX_LEVEL);
    }

    #[test]
    fn empty_and_off_world_inputs_do_not_panic() {
        let p = PointPyramid::build(&[]);
        assert!(p.cells_in(4, region()).is_empty());
        let odd = [
            Coord {
                x: f64::NAN,
                y: 0.0,
            },
            Coord { x: 1e12, y: -1e12 },
        ];
        let p = PointPyramid::build(&odd);
        assert_eq!(p.len(), 2);
    }
}
