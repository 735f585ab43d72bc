//! Computed maritime zones ready to draw: every limit's rings in world metres, the overlaps
//! of two states' 200 nm zones with their equidistance lines, and a label per disputed
//! feature's territorial sea. Projected once, when the zones arrive.

use super::camera::{Camera, ScreenRect};
use super::projection::world_from_lon_lat;
use crate::model::zones::{ZoneKind, Zones};
use egui::Mesh;
use geo::{Area, BoundingRect, Centroid, Coord, LineString};
use std::sync::{Arc, Mutex};

/// Zoom levels below this draw a simplified copy of each line (one per level); from it on,
/// the full geometry. A 200 nm limit is thousands of vertices metres apart, which at region
/// zoom fall within one point of each other.
const SIMPLIFIED_BELOW_LEVEL: u8 = 10;
/// The simplified copies stay within this distance of the line, in points at the level's zoom.
const SIMPLIFY_TOLERANCE_PT: f64 = 0.5;

/// A line in world metres with its bounding box, so a line off screen is skipped without
/// projecting its vertices (a zoomed-in view sees a few of the thousands of rings), and its
/// simplified copies for the low zooms.
#[derive(Clone, Debug)]
pub struct WorldLine {
    pub min: Coord<f64>,
    pub max: Coord<f64>,
    pub points: Vec<[f64; 2]>,
    /// Per zoom level below [`SIMPLIFIED_BELOW_LEVEL`], the line simplified for it.
    simplified: Vec<Vec<[f64; 2]>>,
}

impl WorldLine {
    /// The points to draw at `zoom`.
    pub fn points_at(&self, zoom: f64) -> &[[f64; 2]] {
        let level = usize::from(super::scene::lod_for_zoom(zoom));
        self.simplified.get(level).unwrap_or(&self.points)
    }

    /// Each level's copy simplified from the next finer one (Douglas–Peucker, geo's
    /// semantics; a closed ring keeps at least four points). Each step may move the line by
    /// half the tolerance at its zoom; the steps before it at most as much again (each half
    /// the one after), so a copy stays within the tolerance of the full line.
    fn simplify(points: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
        let closed = points.len() > 3 && points.first() == points.last();
        let min_len = if closed { 4 } else { 2 };
        let mut levels = vec![Vec::new(); usize::from(SIMPLIFIED_BELOW_LEVEL)];
        let mut finer: Vec<Coord<f64>> =
            points.iter().map(|p| Coord { x: p[0], y: p[1] }).collect();
        for level in (0..SIMPLIFIED_BELOW_LEVEL).rev() {
            let cam = super::camera::Camera {
                center_world: (0.0, 0.0),
                zoom: f64::from(level),
            };
            let step_m = SIMPLIFY_TOLERANCE_PT / 2.0 * cam.m_per_pt();
            finer = super::simplify::rdp(&finer, step_m, min_len);
            if let Some(l) = levels.get_mut(usize::from(level)) {
                *l = finer.iter().map(|c| [c.x, c.y]).collect();
            }
        }
        levels
    }

    fn new(points: Vec<[f64; 2]>) -> Self {
        let mut min = Coord {
            x: f64::INFINITY,
            y: f64::INFINITY,
        };
        let mut max = Coord {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        };
        for p in &points {
            min = Coord {
                x: min.x.min(p[0]),
                y: min.y.min(p[1]),
            };
            max = Coord {
                x: max.x.max(p[0]),
                y: max.y.max(p[1]),
            };
        }
        let simplified = Self::simplify(&points);
        Self {
            min,
            max,
            points,
            simplified,
        }
    }
}

/// One zone's limit as world-space rings.
#[derive(Clone, Debug)]
pub struct ZoneRings {
    pub kind: ZoneKind,
    /// A disputed feature's zone (not a state's coast).
    pub feature: bool,
    pub rings: Vec<WorldLine>,
}

/// An overlap of two 200 nm zones, and its equidistance line.
#[derive(Clone, Debug)]
pub struct OverlapRings {
    pub label: String,
    pub rings: Vec<WorldLine>,
    pub equidistance: Vec<WorldLine>,
    /// Where the line's label goes (world metres).
    pub label_at: Option<Coord<f64>>,
}

/// What the zone lines' mesh was tessellated for: the same view, clip, opacity and pixel
/// density give the same mesh.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinesKey {
    pub camera: Camera,
    pub viewport: ScreenRect,
    pub clip: [f32; 4],
    pub opacity: f32,
    pub pixels_per_point: f32,
}

/// The zones of one lens, projected.
#[derive(Debug)]
pub struct ZoneScene {
    pub lens: String,
    pub zones: Vec<ZoneRings>,
    pub overlaps: Vec<OverlapRings>,
    /// "JPN, claimed by CHN, TWN" at the top of a disputed feature's territorial sea.
    pub labels: Vec<(Coord<f64>, String)>,
    /// The lines as last tessellated, with what for (painting holds the scene shared, so
    /// the cache sits behind a lock, as the synthetic layer's cells do).
    lines: Mutex<Option<(LinesKey, Arc<Mesh>)>>,
}

impl Clone for ZoneScene {
    fn clone(&self) -> Self {
        Self {
            lens: self.lens.clone(),
            zones: self.zones.clone(),
            overlaps: self.overlaps.clone(),
            labels: self.labels.clone(),
            lines: Mutex::new(None),
        }
    }
}

fn project(line: &LineString<f64>) -> WorldLine {
    WorldLine::new(
        line.0
            .iter()
            .map(|c| {
                let w = world_from_lon_lat(*c);
                [w.x, w.y]
            })
            .collect(),
    )
}

fn rings_of(area: &geo::MultiPolygon<f64>) -> Vec<WorldLine> {
    area.0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(project)
        .collect()
}

impl ZoneScene {
    /// The lines' mesh for `key`: the last one if it was made for the same key, else
    /// `make`'s, kept for the next frame.
    pub fn lines_mesh(&self, key: LinesKey, make: impl FnOnce() -> Mesh) -> Arc<Mesh> {
        // A poisoned lock only means a panic elsewhere mid-paint; the cache is still sound
        // to replace.
        let mut cache = self
            .lines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((k, mesh)) = cache.as_ref()
            && *k == key
        {
            return Arc::clone(mesh);
        }
        let mesh = Arc::new(make());
        *cache = Some((key, Arc::clone(&mesh)));
        mesh
    }

    pub fn build(zones: &Zones) -> Self {
        let mut labels = Vec::new();
        let out = zones
            .zones
            .iter()
            .map(|z| {
                let e = zones.entitlements.get(z.entitlement);
                let feature = e.is_some_and(|e| e.group.is_some());
                if feature
                    && z.kind == ZoneKind::TerritorialSea
                    && let (Some(e), Some(r)) = (e, z.area.bounding_rect())
                {
                    let top = Coord {
                        x: r.center().x,
                        y: r.max().y,
                    };
                    labels.push((world_from_lon_lat(top), e.label()));
                }
                ZoneRings {
                    kind: z.kind,
                    feature,
                    rings: rings_of(&z.area),
                }
            })
            .collect();
        let overlaps = zones
            .overlaps
            .iter()
            .map(|o| {
                let longest = o
                    .equidistance
                    .0
                    .iter()
                    .max_by(|a, b| a.0.len().cmp(&b.0.len()));
                let label_at = longest
                    .and_then(|l| l.0.get(l.0.len() / 2))
                    .map(|c| world_from_lon_lat(*c))
                    .or_else(|| o.area.centroid().map(|c| world_from_lon_lat(c.0)));
                OverlapRings {
                    label: format!("{}–{}: {}", o.a.code(), o.b.code(), o.label),
                    rings: rings_of(&o.area),
                    equidistance: o.equidistance.0.iter().map(project).collect(),
                    label_at: label_at.filter(|_| o.area.unsigned_area() > 0.0),
                }
            })
            .collect();
        Self {
            lens: zones.lens.clone(),
            zones: out,
            overlaps,
            labels,
            lines: Mutex::new(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance from `p` to the segment `a`–`b`.
    fn to_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
        let d = [b[0] - a[0], b[1] - a[1]];
        let len_sq = d[0] * d[0] + d[1] * d[1];
        let t = if len_sq > 0.0 {
            (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len_sq).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (p[0] - a[0] - t * d[0]).hypot(p[1] - a[1] - t * d[1])
    }

    #[test]
    fn the_lines_mesh_is_made_again_only_when_the_view_changes() {
        let scene = ZoneScene::build(&Zones {
            lens: "award".into(),
            entitlements: Vec::new(),
            zones: Vec::new(),
            overlaps: Vec::new(),
        });
        let key = |x: f64| LinesKey {
            camera: Camera {
                center_world: (x, 0.0),
                zoom: 5.0,
            },
            viewport: ScreenRect::new(0.0, 0.0, 100.0, 100.0),
            clip: [0.0, 0.0, 100.0, 100.0],
            opacity: 1.0,
            pixels_per_point: 1.0,
        };
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            Mesh::default()
        };
        let a = scene.lines_mesh(key(0.0), make);
        let b = scene.lines_mesh(key(0.0), make);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(made.get(), 1, "the same view draws the kept mesh");
        let c = scene.lines_mesh(key(1.0), make);
        assert_eq!(made.get(), 2, "a panned view makes a new one");
        assert!(!Arc::ptr_eq(&a, &c));
        assert!(
            scene.clone().lines.lock().is_ok_and(|m| m.is_none()),
            "a clone starts empty"
        );
    }

    #[test]
    fn simplified_copies_stay_within_half_a_point_and_shrink_with_the_zoom() {
        // A 200 nm circle of 4,000 vertices (metres), as a buffer's ring.
        let r = 370_400.0;
        let mut ring: Vec<[f64; 2]> = (0..4000)
            .map(|k| {
                let a = f64::from(k) / 4000.0 * std::f64::consts::TAU;
                [1.2e7 + r * a.cos(), 1.0e6 + r * a.sin()]
            })
            .collect();
        ring.push(ring[0]);
        let line = WorldLine::new(ring.clone());
        let mut last = 0;
        for level in 0..SIMPLIFIED_BELOW_LEVEL {
            let zoom = f64::from(level) + 0.5;
            let copy = line.points_at(zoom);
            assert_eq!(copy.first(), ring.first());
            assert_eq!(copy.last(), ring.last());
            assert!(copy.len() >= 4 && copy.len() < ring.len(), "level {level}");
            assert!(copy.len() >= last, "finer levels keep more");
            last = copy.len();
            let cam = super::super::camera::Camera {
                center_world: (0.0, 0.0),
                zoom: f64::from(level),
            };
            let tol_m = SIMPLIFY_TOLERANCE_PT * cam.m_per_pt();
            let worst = ring
                .iter()
                .map(|p| {
                    copy.windows(2)
                        .map(|w| to_segment(*p, w[0], w[1]))
                        .fold(f64::INFINITY, f64::min)
                })
                .fold(0.0, f64::max);
            assert!(
                worst <= tol_m,
                "level {level}: {worst} m off, tolerance {tol_m} m"
            );
        }
        assert_eq!(
            line.points_at(12.0),
            ring.as_slice(),
            "full detail when zoomed in"
        );
    }
}
