//! A user layer projected once into world metres, ready to draw.

use super::projection::world_from_lon_lat;
use crate::io::user_file::UserLayer;
use geo::{Coord, Rect};

/// World-space copy of a user layer's geometry.
#[derive(Clone, Debug, Default)]
pub struct UserScene {
    pub points: Vec<Coord<f64>>,
    pub paths: Vec<Vec<[f64; 2]>>,
    /// Bounding box of each path, for culling.
    pub path_bounds: Vec<Rect<f64>>,
}

impl UserScene {
    /// Projects every coordinate once (done on the loading thread).
    pub fn build(layer: &UserLayer) -> Self {
        let w = |c: &[f64; 2]| world_from_lon_lat(Coord { x: c[0], y: c[1] });
        let points = layer.points.iter().map(w).collect();
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
        }
    }
}

/// A user layer as the map shows it: its data, its projected geometry, its settings.
pub struct UserLayerView {
    pub layer: UserLayer,
    pub scene: UserScene,
    pub settings: super::layers::LayerSettings,
}
