//! A user layer projected once into world metres, ready to draw.

use super::camera::{Camera, ScreenRect};
use super::projection::world_from_lon_lat;
use super::pyramid::{CellAgg, CellCache, PointPyramid, level_for_zoom};
use crate::io::user_file::UserLayer;
use geo::{Coord, Rect};
use std::sync::Mutex;

/// World-space copy of a user layer's geometry.
#[derive(Debug, Default)]
pub struct UserScene {
    /// Points sorted into a Morton pyramid: every zoom's grid cells are runs of it, so a
    /// frame's work follows the cells on screen, not the points loaded.
    pub points: PointPyramid,
    pub paths: Vec<Vec<[f64; 2]>>,
    /// Bounding box of each path, for culling.
    pub path_bounds: Vec<Rect<f64>>,
    /// Aggregates of the cells drawn lately.
    cache: Mutex<CellCache>,
}

impl UserScene {
    /// Projects every coordinate once (done on the loading thread).
    pub fn build(layer: &UserLayer) -> Self {
        let w = |c: &[f64; 2]| world_from_lon_lat(Coord { x: c[0], y: c[1] });
        let world: Vec<Coord<f64>> = layer.points.iter().map(w).collect();
        let points = PointPyramid::build(&world);
        drop(world);
        let mut paths = Vec::with_capacity(layer.paths.len());
        let mut path_bounds = Vec::with_capacity(layer.paths.len());
        for &(a, b) in &layer.paths {
            let Some(slice) = layer.path_coords.get(a as usize..b as usize) else {
                continue;
            };
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
            if pts.is_empty() {
                continue;
            }
            path_bounds.push(Rect::new(
                Coord {
                    x: min[0],
                    y: min[1],
                },
                Coord {
                    x: max[0],
                    y: max[1],
                },
            ));
            paths.push(pts);
        }
        Self {
            points,
            paths,
            path_bounds,
            cache: Mutex::new(CellCache::default()),
        }
    }

    /// The point cells to draw at this camera (every point counts: user layers have no filter).
    pub fn point_cells(&self, camera: &Camera, viewport: &ScreenRect, pad_px: f64) -> Vec<CellAgg> {
        let vis = camera.visible_world(viewport);
        let pad = pad_px * camera.m_per_px();
        let rect = Rect::new(
            Coord {
                x: vis.min().x - pad,
                y: vis.min().y - pad,
            },
            Coord {
                x: vis.max().x + pad,
                y: vis.max().y + pad,
            },
        );
        // A poisoned lock only means a panic elsewhere mid-update; the cache is still sound.
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.cells(&self.points, level_for_zoom(camera.zoom), rect, 0, |_| {
            Some(0)
        })
    }
}

/// A user layer as the map shows it: its data, its projected geometry, its settings.
pub struct UserLayerView {
    pub layer: UserLayer,
    pub scene: UserScene,
    pub settings: super::layers::LayerSettings,
}
