//! The scene: the atlas projected once into world metres, indexed, and simplified per zoom level.
//!
//! Pan and zoom never re-project: the view only transforms these cached world coordinates.
//! Simplified and triangulated base-map meshes are built once per level of detail, on first use.

use super::pick::PickIndex;
use super::projection::world_from_lon_lat;
use crate::model::{Atlas, ClaimGeometry};
use geo::{
    Area, BoundingRect, Coord, GeodesicArea, LineString, MapCoords, Polygon, Rect,
    TriangulateEarcut,
};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use std::collections::HashMap;

/// Finest level of detail: at and above it the base map is drawn unsimplified.
pub const FULL_DETAIL_LOD: u8 = 13;
/// Simplification tolerance, in screen points at the level's zoom.
const SIMPLIFY_TOLERANCE_PX: f64 = 0.6;

/// From this zoom (about 1:1,000,000) the view is ten times beyond the base map's 1:10m scale:
/// Natural Earth places small islands there up to several km off (its Uotsuri-shima is 6 km from
/// the island), which would contradict the sourced feature markers drawn on top.
pub const BEYOND_BASEMAP_SCALE_ZOOM: f64 = 9.0;
/// Land polygons smaller than this are "small islands": generalised, and drawn as dashed
/// outlines beyond the base map's scale. Main islands (Hainan, Taiwan, Luzon) stay filled.
pub const SMALL_ISLAND_KM2: f64 = 100.0;
/// Polygons with more vertices than this (after simplification) are drawn as outlines only:
/// ear clipping is quadratic on a saw-tooth or a self-crossing ring (minutes at 100k vertices),
/// and the bundled base map's largest polygon has 8,426.
pub const FILL_MAX_VERTICES: usize = 12_000;

/// Whether a zoom is beyond the base map's scale (see [`BEYOND_BASEMAP_SCALE_ZOOM`]).
pub fn beyond_basemap_scale(zoom: f64) -> bool {
    zoom >= BEYOND_BASEMAP_SCALE_ZOOM
}

/// The level of detail used at a zoom.
pub fn lod_for_zoom(zoom: f64) -> u8 {
    // Truncation is intended: a level covers [z, z + 1).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let z = zoom.floor().clamp(0.0, f64::from(FULL_DETAIL_LOD)) as u8;
    z
}

/// A triangulated polygon in world metres.
#[derive(Clone, Debug, Default)]
pub struct WorldMesh {
    pub vertices: Vec<[f64; 2]>,
    pub indices: Vec<u32>,
}

/// One base-map polygon at one level of detail: its fill and its rings (for borders).
#[derive(Clone, Debug, Default)]
pub struct LodPolygon {
    pub fill: WorldMesh,
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// A claim's lines in world metres.
#[derive(Clone, Debug)]
pub struct ClaimLines {
    pub claim: usize,
    pub lines: Vec<Vec<[f64; 2]>>,
    /// True for areas (rings drawn closed).
    pub closed: bool,
}

/// Everything the map draws, in world coordinates.
pub struct Scene {
    /// Base-map polygons at full detail, flattened over countries.
    base_polygons: Vec<Polygon<f64>>,
    /// Country index of each base polygon.
    pub base_country: Vec<usize>,
    /// Whether each base polygon is a small island (under [`SMALL_ISLAND_KM2`]).
    pub base_small: Vec<bool>,
    /// Base polygons by bounding box, for viewport culling.
    base_index: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    lods: HashMap<u8, Vec<LodPolygon>>,
    pub features: Vec<Coord<f64>>,
    pub incidents: Vec<Coord<f64>>,
    pub sites: Vec<Coord<f64>>,
    pub claims: Vec<ClaimLines>,
    /// Label anchor (world) of each country: an interior point of its largest polygon.
    pub country_anchors: Vec<Option<Coord<f64>>>,
    pub pick: PickIndex,
    /// The finer coast drawn past zoom 8, once loaded (off the UI thread, on first need).
    pub fine_coast: Option<super::fine_coast::FineCoast>,
    /// The countries' land by bounding box (lon/lat), for a click on land.
    pub land: crate::model::LandIndex,
}

fn project_polygon(p: &Polygon<f64>) -> Polygon<f64> {
    p.map_coords(world_from_lon_lat)
}

fn to_array(c: Coord<f64>) -> [f64; 2] {
    [c.x, c.y]
}

fn line_points(l: &LineString<f64>) -> Vec<[f64; 2]> {
    l.0.iter()
        .map(|c| to_array(world_from_lon_lat(*c)))
        .collect()
}

impl Scene {
    /// Projects and indexes an atlas. Cost is linear in its size; done once per load.
    pub fn build(atlas: &Atlas) -> Self {
        let mut base_polygons = Vec::new();
        let mut base_country = Vec::new();
        let mut base_small = Vec::new();
        let mut country_anchors = Vec::with_capacity(atlas.countries.len());
        for (ci, country) in atlas.countries.iter().enumerate() {
            let mut largest: Option<(f64, Coord<f64>)> = None;
            for poly in &country.shape {
                let w = project_polygon(poly);
                let area = w.unsigned_area();
                if largest.is_none_or(|(a, _)| area > a)
                    && let Some(p) = super::simplify::label_point(&w)
                {
                    largest = Some((area, p));
                }
                base_polygons.push(w);
                base_country.push(ci);
                base_small.push(poly.geodesic_area_unsigned() < SMALL_ISLAND_KM2 * 1e6);
            }
            country_anchors.push(largest.map(|(_, c)| c));
        }
        let base_index = RTree::bulk_load(
            base_polygons
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let r = p.bounding_rect()?;
                    Some(GeomWithData::new(
                        Rectangle::from_corners(to_array(r.min()), to_array(r.max())),
                        i,
                    ))
                })
                .collect(),
        );
        let features: Vec<_> = atlas
            .features
            .iter()
            .map(|f| world_from_lon_lat(f.position.0))
            .collect();
        let incidents: Vec<_> = atlas
            .incidents
            .iter()
            .map(|i| world_from_lon_lat(i.position.0))
            .collect();
        let sites: Vec<_> = atlas
            .sites
            .iter()
            .map(|s| world_from_lon_lat(s.position.0))
            .collect();
        let claims = claim_lines(&atlas.claims);
        let pick = PickIndex::build(&features, &incidents, &sites, &claims);
        Self {
            base_polygons,
            base_country,
            base_small,
            base_index,
            lods: HashMap::new(),
            features,
            incidents,
            sites,
            claims,
            country_anchors,
            pick,
            fine_coast: None,
            land: crate::model::LandIndex::build(&atlas.countries),
        }
    }

    /// Base polygons whose bounding box meets `world` (viewport culling).
    pub fn base_polygons_in(&self, world: Rect<f64>) -> Vec<usize> {
        let env = AABB::from_corners(to_array(world.min()), to_array(world.max()));
        let mut v: Vec<usize> = self
            .base_index
            .locate_in_envelope_intersecting(&env)
            .map(|g| g.data)
            .collect();
        // Stable draw order regardless of the tree's layout.
        v.sort_unstable();
        v
    }

    /// The base map at a level of detail, building (and caching) it on first use.
    pub fn base_lod(&mut self, lod: u8) -> &[LodPolygon] {
        let polygons = &self.base_polygons;
        self.lods
            .entry(lod)
            .or_insert_with(|| build_lod(polygons, lod))
    }

    /// Re-projects the incidents (after the user's log changed) and re-indexes them for picking.
    pub fn set_incidents(&mut self, incidents: &[crate::model::Incident]) {
        self.incidents = incidents
            .iter()
            .map(|i| world_from_lon_lat(i.position.0))
            .collect();
        self.pick = PickIndex::build(&self.features, &self.incidents, &self.sites, &self.claims);
    }

    /// Number of levels built so far (for tests and diagnostics).
    pub fn built_lods(&self) -> usize {
        self.lods.len()
    }
}

/// Simplifies and triangulates every base polygon for one level of detail.
pub(crate) fn build_lod(polygons: &[Polygon<f64>], lod: u8) -> Vec<LodPolygon> {
    let tolerance_m = if lod >= FULL_DETAIL_LOD {
        0.0
    } else {
        let cam = super::camera::Camera {
            center_world: (0.0, 0.0),
            zoom: f64::from(lod),
        };
        SIMPLIFY_TOLERANCE_PX * cam.m_per_pt()
    };
    polygons
        .iter()
        .map(|p| {
            let tiny = p
                .bounding_rect()
                .is_none_or(|r| r.width().max(r.height()) < tolerance_m * 1.5);
            if tiny {
                // Smaller than a couple of pixels at this level: nothing worth drawing.
                return LodPolygon::default();
            }
            let simple = if tolerance_m > 0.0 {
                super::simplify::simplify_polygon(p, tolerance_m)
            } else {
                p.clone()
            };
            let fill = if vertex_count(&simple) <= FILL_MAX_VERTICES {
                let raw = simple.earcut_triangles_raw();
                WorldMesh {
                    vertices: raw.vertices,
                    indices: raw
                        .triangle_indices
                        .into_iter()
                        .filter_map(|i| u32::try_from(i).ok())
                        .collect(),
                }
            } else {
                WorldMesh::default()
            };
            let rings = std::iter::once(simple.exterior())
                .chain(simple.interiors())
                .map(|r| r.0.iter().map(|c| to_array(*c)).collect())
                .collect();
            LodPolygon { fill, rings }
        })
        .collect()
}

fn vertex_count(p: &Polygon<f64>) -> usize {
    std::iter::once(p.exterior())
        .chain(p.interiors())
        .map(|r| r.0.len())
        .sum()
}

/// Every claim's lines (or area rings) in world metres.
fn claim_lines(claims: &[crate::model::Claim]) -> Vec<ClaimLines> {
    claims
        .iter()
        .enumerate()
        .map(|(i, c)| match &c.geometry {
            ClaimGeometry::Lines(m) => ClaimLines {
                claim: i,
                lines: m.0.iter().map(line_points).collect(),
                closed: false,
            },
            ClaimGeometry::Areas(m) => ClaimLines {
                claim: i,
                lines: m
                    .0
                    .iter()
                    .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                    .map(line_points)
                    .collect(),
                closed: true,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BaseCountry;
    use geo::{MultiPolygon, polygon};

    fn square(lon: f64, lat: f64, side: f64) -> Polygon<f64> {
        polygon![
            (x: lon, y: lat),
            (x: lon + side, y: lat),
            (x: lon + side, y: lat + side),
            (x: lon, y: lat + side),
            (x: lon, y: lat),
        ]
    }

    #[test]
    fn small_islands_are_told_apart_by_their_ground_area_not_their_projected_size() {
        // A 0.05° square at 20°N is ~29 km² (small), a 1° square ~11,600 km² (not). A 0.09°
        // square at 70°N is ~34 km² on the ground but ~290 km² in Web Mercator metres, so a
        // projected-area test would call it large.
        let atlas = Atlas {
            countries: vec![BaseCountry {
                name: "test".into(),
                iso: None,
                shape: MultiPolygon(vec![
                    square(120.0, 20.0, 0.05),
                    square(121.0, 20.0, 1.0),
                    square(120.0, 70.0, 0.09),
                ]),
            }],
            ..Atlas::default()
        };
        let scene = Scene::build(&atlas);
        assert_eq!(scene.base_small, vec![true, false, true]);
    }

    #[test]
    fn the_base_map_is_beyond_its_scale_from_zoom_nine() {
        assert!(!beyond_basemap_scale(8.99));
        assert!(beyond_basemap_scale(BEYOND_BASEMAP_SCALE_ZOOM));
        assert!(beyond_basemap_scale(15.0));
    }
}
