//! Computed maritime zones ready to draw: every limit's rings in world metres, the overlaps
//! of two states' 200 nm zones with their equidistance lines, and a label per disputed
//! feature's territorial sea. Projected once, when the zones arrive.

use super::projection::world_from_lon_lat;
use crate::model::zones::{ZoneKind, Zones};
use geo::{Area, BoundingRect, Centroid, Coord, LineString};

/// A line in world metres with its bounding box, so a line off screen is skipped without
/// projecting its vertices (a zoomed-in view sees a few of the thousands of rings).
#[derive(Clone, Debug)]
pub struct WorldLine {
    pub min: Coord<f64>,
    pub max: Coord<f64>,
    pub points: Vec<[f64; 2]>,
}

impl WorldLine {
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
        Self { min, max, points }
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

/// The zones of one lens, projected.
#[derive(Clone, Debug)]
pub struct ZoneScene {
    pub lens: String,
    pub zones: Vec<ZoneRings>,
    pub overlaps: Vec<OverlapRings>,
    /// "JPN, claimed by CHN, TWN" at the top of a disputed feature's territorial sea.
    pub labels: Vec<(Coord<f64>, String)>,
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
        }
    }
}
