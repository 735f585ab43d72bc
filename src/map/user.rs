//! A user layer projected once into world metres, ready to draw at any scale.
//!
//! Points, and lines or rings smaller than a couple of pixels at the current level, are
//! counted into the grid cells of a Morton pyramid, so a frame's work follows the cells on
//! screen, not the features loaded. Larger lines and rings are drawn simplified for the
//! level, each level's simplification built once, on first use.

use super::camera::{Camera, ScreenRect};
use super::projection::world_from_lon_lat;
use super::pyramid::{
    CellAgg, CellCache, CellHit, PointPyramid, cell_m, grow, level_for_zoom, pick_cells,
};
use crate::model::user_layer::UserLayer;
use geo::{Coord, Rect};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// A line or ring narrower than this many pixels at a level is counted, not drawn.
const TINY_PX: f64 = 2.0;
/// Simplification tolerance, in pixels at the level's zoom.
const SIMPLIFY_PX: f64 = 0.6;
/// Cells are 32 px wide at their level's zoom (see `pyramid`).
const CELL_PX: f64 = 32.0;

/// Every path of a layer simplified for one level (empty where tiny at that level).
pub type LodPaths = Arc<Vec<Vec<[f64; 2]>>>;

/// World-space copy of a user layer's geometry.
#[derive(Debug, Default)]
pub struct UserScene {
    /// Points, then the centre of each path, in one Morton pyramid.
    pub index: PointPyramid,
    /// How many of the pyramid's entries are points (the rest are path centres).
    pub n_points: usize,
    pub paths: Vec<Vec<[f64; 2]>>,
    /// The file's feature index of each point, then of each path (as the index entries).
    pub feature_of: Vec<u32>,
    /// Bounding box of each path, for culling.
    pub path_bounds: Vec<Rect<f64>>,
    /// Per path: an earlier path has the very same coordinates. Such a copy is neither
    /// simplified nor drawn (it would only paint the same pixels again): a file of 10,000
    /// copies of one claim costs one claim per frame.
    pub duplicate: Vec<bool>,
    /// Aggregates of the cells drawn lately.
    cache: Mutex<CellCache>,
    /// Simplified paths per level (empty where the path is tiny at that level).
    lods: Mutex<HashMap<u32, LodPaths>>,
}

/// The width in metres below which a path is counted rather than drawn at a level.
fn tiny_m(level: u32) -> f64 {
    TINY_PX * cell_m(level) / CELL_PX
}

impl UserScene {
    /// Projects every coordinate once (done on the loading thread).
    pub fn build(layer: &UserLayer) -> Self {
        let w = |c: &[f64; 2]| world_from_lon_lat(Coord { x: c[0], y: c[1] });
        let mut entries: Vec<Coord<f64>> = layer.points.iter().map(w).collect();
        let n_points = entries.len();
        let mut feature_of = layer.point_feature.clone();
        feature_of.resize(n_points, u32::MAX);
        let mut paths = Vec::with_capacity(layer.paths.len());
        let mut path_bounds = Vec::with_capacity(layer.paths.len());
        for (k, &(a, b)) in layer.paths.iter().enumerate() {
            let Some(slice) = layer.path_coords.get(a as usize..b as usize) else {
                continue;
            };
            if slice.is_empty() {
                continue;
            }
            let pts: Vec<[f64; 2]> = slice
                .iter()
                .map(|c| {
                    let p = w(c);
                    [p.x, p.y]
                })
                .collect();
            let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
            for p in &pts {
                min = [min[0].min(p[0]), min[1].min(p[1])];
                max = [max[0].max(p[0]), max[1].max(p[1])];
            }
            let bounds = Rect::new(
                Coord {
                    x: min[0],
                    y: min[1],
                },
                Coord {
                    x: max[0],
                    y: max[1],
                },
            );
            entries.push(bounds.center());
            feature_of.push(layer.path_feature.get(k).copied().unwrap_or(u32::MAX));
            path_bounds.push(bounds);
            paths.push(pts);
        }
        let duplicate = duplicates(&paths);
        Self {
            index: PointPyramid::build(&entries),
            n_points,
            paths,
            feature_of,
            path_bounds,
            duplicate,
            cache: Mutex::new(CellCache::default()),
            lods: Mutex::new(HashMap::new()),
        }
    }

    fn is_duplicate(&self, path: usize) -> bool {
        self.duplicate.get(path).copied().unwrap_or(false)
    }

    /// Points in the layer.
    pub fn point_count(&self) -> usize {
        self.n_points
    }

    /// Whether a path is counted into cells rather than drawn at a level.
    fn is_tiny(&self, path: usize, level: u32) -> bool {
        self.path_bounds
            .get(path)
            .is_some_and(|b| b.width().max(b.height()) < tiny_m(level))
    }

    /// The cells to draw at this camera: points, and paths too small to draw as lines.
    pub fn point_cells(&self, camera: &Camera, viewport: &ScreenRect, pad_pt: f64) -> Vec<CellAgg> {
        let vis = camera.visible_world(viewport);
        let pad = pad_pt * camera.m_per_pt();
        self.cells_in(camera.zoom, grow(vis.min(), vis.max(), pad))
    }

    /// What is drawn under `at` (world metres) at this zoom, from the few cells near it.
    /// A single point or small feature comes back as its file's feature index.
    pub fn pick(&self, zoom: f64, at: Coord<f64>, tolerance_m: f64) -> Option<UserHit> {
        match pick_cells(
            &self.cells_in(zoom, grow(at, at, tolerance_m)),
            at,
            tolerance_m,
        )? {
            CellHit::Single(slot) => {
                let entry = *self.index.order.get(slot)? as usize;
                let feature = *self.feature_of.get(entry)?;
                (feature != u32::MAX).then_some(UserHit::Feature(feature as usize))
            }
            CellHit::Cluster(c) => Some(UserHit::Several(c.count)),
        }
    }

    fn cells_in(&self, zoom: f64, rect: Rect<f64>) -> Vec<CellAgg> {
        let level = level_for_zoom(zoom);
        let order = &self.index.order;
        let class_of = |s: usize| {
            let i = order.get(s).map_or(usize::MAX, |i| *i as usize);
            match i.checked_sub(self.n_points) {
                None => Some(0),
                Some(path) => self.is_tiny(path, level).then_some(0),
            }
        };
        // A poisoned lock only means a panic elsewhere mid-update; the cache is still sound.
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        // The level decides which paths count, and the cache is keyed by level already.
        cache.cells(&self.index, level, rect, 0, class_of)
    }

    /// The paths to draw as lines at this camera's level, simplified for it, with their
    /// indices; those meeting `view` only.
    pub fn lines_in(&self, camera: &Camera, view: Rect<f64>) -> (LodPaths, Vec<usize>) {
        let level = level_for_zoom(camera.zoom);
        let lod = {
            let mut lods = self.lods.lock().unwrap_or_else(PoisonError::into_inner);
            lods.entry(level)
                .or_insert_with(|| Arc::new(self.simplified(level)))
                .clone()
        };
        let meets = |b: &Rect<f64>| {
            b.max().x >= view.min().x
                && b.min().x <= view.max().x
                && b.max().y >= view.min().y
                && b.min().y <= view.max().y
        };
        let shown = self
            .path_bounds
            .iter()
            .enumerate()
            .filter(|(i, b)| !self.is_duplicate(*i) && !self.is_tiny(*i, level) && meets(b))
            .map(|(i, _)| i)
            .collect();
        (lod, shown)
    }

    /// Every path simplified for a level (tiny ones left empty: they are counted instead).
    fn simplified(&self, level: u32) -> Vec<Vec<[f64; 2]>> {
        let tolerance = SIMPLIFY_PX * cell_m(level) / CELL_PX;
        self.paths
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if self.is_duplicate(i) || self.is_tiny(i, level) {
                    return Vec::new();
                }
                let line: Vec<Coord<f64>> = p.iter().map(|c| Coord { x: c[0], y: c[1] }).collect();
                super::simplify::rdp(&line, tolerance, 2)
                    .into_iter()
                    .map(|c| [c.x, c.y])
                    .collect()
            })
            .collect()
    }
}

/// Marks each path whose coordinates equal an earlier path's (by hash, then compared).
fn duplicates(paths: &[Vec<[f64; 2]>]) -> Vec<bool> {
    use std::hash::{Hash, Hasher};
    let mut first_of: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut out = Vec::with_capacity(paths.len());
    for (i, p) in paths.iter().enumerate() {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for c in p {
            c[0].to_bits().hash(&mut h);
            c[1].to_bits().hash(&mut h);
        }
        let same = first_of.entry(h.finish()).or_default();
        let dup = same.iter().any(|&j| paths.get(j) == Some(p));
        if !dup {
            same.push(i);
        }
        out.push(dup);
    }
    out
}

/// What the pointer is over in a user layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserHit {
    /// A feature of the file, by index.
    Feature(usize),
    /// A cell of this many features.
    Several(u32),
}

/// A user layer as the map shows it: its data, its projected geometry, its settings.
pub struct UserLayerView {
    pub layer: UserLayer,
    pub scene: UserScene,
    pub settings: super::layers::LayerSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_of_one_path_are_drawn_once() {
        let mut l = UserLayer::default();
        let ring = [[115.0, 10.0], [116.0, 10.0], [116.0, 11.0], [115.0, 10.0]];
        for k in 0..5u32 {
            let a = l.path_coords.len() as u32;
            l.path_coords.extend(ring);
            if k == 3 {
                // One that differs by a vertex is its own path.
                l.path_coords.push([115.5, 9.0]);
            }
            l.paths.push((a, l.path_coords.len() as u32));
            l.path_feature.push(k);
        }
        let scene = UserScene::build(&l);
        assert_eq!(scene.duplicate, [false, true, true, false, true]);
        let cam = Camera::at_lon_lat(115.5, 10.5, 8.0);
        let vp = ScreenRect::new(0.0, 0.0, 800.0, 600.0);
        let (lod, shown) = scene.lines_in(&cam, cam.visible_world(&vp));
        assert_eq!(shown, [0, 3]);
        assert!(lod[1].is_empty() && !lod[0].is_empty());
    }

    /// A layer of `n` points and `n` small square rings (about 1 km) spread over 10 degrees.
    fn layer(n: usize) -> UserLayer {
        let mut l = UserLayer::default();
        for i in 0..n {
            #[allow(clippy::cast_precision_loss)]
            let (x, y) = (110.0 + (i % 100) as f64 * 0.1, 5.0 + (i / 100) as f64 * 0.1);
            l.points.push([x + 0.05, y + 0.05]);
            l.point_feature.push(0);
            let start = u32::try_from(l.path_coords.len()).unwrap_or(0);
            for c in [
                [x, y],
                [x + 0.01, y],
                [x + 0.01, y + 0.01],
                [x, y + 0.01],
                [x, y],
            ] {
                l.path_coords.push(c);
            }
            l.paths.push((start, start + 5));
        }
        l
    }

    fn viewport() -> ScreenRect {
        ScreenRect::new(0.0, 0.0, 1280.0, 800.0)
    }

    #[test]
    fn every_feature_is_counted_or_drawn_at_every_zoom() {
        let scene = UserScene::build(&layer(2_000));
        for zoom in [3.0, 6.0, 9.0, 12.0, 15.0] {
            let cam = Camera::at_lon_lat(115.0, 10.0, zoom);
            let vis = cam.visible_world(&viewport());
            let counted: u32 = scene
                .point_cells(&cam, &viewport(), 1e9 / cam.m_per_pt())
                .iter()
                .map(|c| c.count)
                .sum();
            let everywhere = Rect::new(Coord { x: -1e9, y: -1e9 }, Coord { x: 1e9, y: 1e9 });
            let (_, drawn) = scene.lines_in(&cam, everywhere);
            assert_eq!(
                counted as usize + drawn.len(),
                4_000,
                "zoom {zoom}: every point and ring once"
            );
            let (lod, in_view) = scene.lines_in(&cam, vis);
            for i in in_view {
                assert!(lod[i].len() >= 2, "a drawn ring keeps its shape");
            }
        }
        // Rings about 1 km wide: counted at zoom 3, drawn at zoom 12.
        let (_, far) = scene.lines_in(
            &Camera::at_lon_lat(115.0, 10.0, 3.0),
            Rect::new(Coord { x: -1e9, y: -1e9 }, Coord { x: 1e9, y: 1e9 }),
        );
        let (_, near) = scene.lines_in(
            &Camera::at_lon_lat(115.0, 10.0, 12.0),
            Rect::new(Coord { x: -1e9, y: -1e9 }, Coord { x: 1e9, y: 1e9 }),
        );
        assert!(far.is_empty());
        assert_eq!(near.len(), 2_000);
    }

    #[test]
    fn picking_a_lone_point_gives_its_feature() {
        let mut l = layer(50);
        // Feature numbers as a file would give them: points are features 100 and up.
        l.point_feature = (100..150).collect();
        l.path_feature = (0..50).collect();
        let scene = UserScene::build(&l);
        let p = l.points[7];
        let cam = Camera::at_lon_lat(p[0], p[1], 14.0);
        let at = world_from_lon_lat(Coord { x: p[0], y: p[1] });
        assert_eq!(
            scene.pick(cam.zoom, at, 8.0 * cam.m_per_pt()),
            Some(UserHit::Feature(107))
        );
        // Zoomed far out the points share a cell.
        let far = Camera::at_lon_lat(p[0], p[1], 3.0);
        assert!(matches!(
            scene.pick(far.zoom, at, 8.0 * far.m_per_pt()),
            Some(UserHit::Several(n)) if n > 1
        ));
    }
}
