//! A user layer projected once into world metres, ready to draw.

use super::camera::Camera;
use super::cluster::{AggCell, CELL_PT, aggregate};
use super::projection::world_from_lon_lat;
use crate::io::user_file::UserLayer;
use geo::{Coord, Rect};
use rstar::RTree;
use rstar::primitives::GeomWithData;

/// Zoom levels with precomputed point aggregates; above the last, visible points are found
/// with the R-tree and clustered per frame (there are few of them by then).
pub const AGG_LEVELS: std::ops::RangeInclusive<u8> = 0..=12;

/// World-space copy of a user layer's geometry.
#[derive(Clone, Debug, Default)]
pub struct UserScene {
    pub points: Vec<Coord<f64>>,
    pub paths: Vec<Vec<[f64; 2]>>,
    /// Bounding box of each path, for culling.
    pub path_bounds: Vec<Rect<f64>>,
    /// Point counts per grid cell for each level of [`AGG_LEVELS`], so a frame's work follows
    /// the cells on screen, not the points loaded.
    pub levels: Vec<Vec<AggCell>>,
    /// Points by position, for the zooms past the last aggregate level.
    pub index: RTree<GeomWithData<[f64; 2], u32>>,
}

impl UserScene {
    /// Projects every coordinate once (done on the loading thread).
    pub fn build(layer: &UserLayer) -> Self {
        let w = |c: &[f64; 2]| world_from_lon_lat(Coord { x: c[0], y: c[1] });
        let points: Vec<Coord<f64>> = layer.points.iter().map(w).collect();
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
        let levels = AGG_LEVELS
            .map(|z| {
                let cam = Camera {
                    center_world: (0.0, 0.0),
                    zoom: f64::from(z),
                };
                aggregate(&points, CELL_PT * cam.m_per_px())
            })
            .collect();
        let index = RTree::bulk_load(
            points
                .iter()
                .enumerate()
                .filter_map(|(i, c)| Some(GeomWithData::new([c.x, c.y], u32::try_from(i).ok()?)))
                .collect(),
        );
        Self {
            points,
            paths,
            path_bounds,
            levels,
            index,
        }
    }
}

/// A user layer as the map shows it: its data, its projected geometry, its settings.
pub struct UserLayerView {
    pub layer: UserLayer,
    pub scene: UserScene,
    pub settings: super::layers::LayerSettings,
}
