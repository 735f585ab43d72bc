//! The finer GSHHG coast (`io::coast`) for the map past zoom 8, where Natural Earth's 1:10m
//! outlines are kilometres off: projected, indexed and simplified per level of detail once, off
//! the UI thread, then drawn like the base map.

use super::projection::world_from_lon_lat;
use super::scene::{FULL_DETAIL_LOD, LodPolygon, SMALL_ISLAND_KM2, build_lod};
use geo::{BoundingRect, GeodesicArea, MapCoords, Polygon, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

/// Past this zoom the map draws the fine coast instead of the base map's land.
pub const FINE_COAST_ZOOM: f64 = 8.0;

/// The levels of detail built. The coast is stored simplified to 100 m, under the base map's
/// simplification tolerance only from zoom 10 (0.6 pt ≈ 92 m there): levels 10 to 12 would be
/// copies of the full detail, so every zoom from 10 draws that (and memory holds three levels).
const LODS: [u8; 3] = [8, 9, FULL_DETAIL_LOD];

/// Whether the map draws the fine coast at a zoom.
pub fn wants_fine_coast(zoom: f64) -> bool {
    zoom > FINE_COAST_ZOOM
}

/// The fine coast, ready to draw.
pub struct FineCoast {
    /// Ring bounding boxes, for viewport culling.
    index: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    /// The levels of [`LODS`], in order.
    lods: Vec<Vec<LodPolygon>>,
    /// Per polygon: an island under [`SMALL_ISLAND_KM2`], which may lie off its place.
    small: Vec<bool>,
}

impl FineCoast {
    /// Projects, indexes and simplifies land polygons (lon/lat) for every level drawn. Slow
    /// (a second or more for the bundled coast): call it off the UI thread.
    pub fn build(land: &[Polygon<f64>]) -> Self {
        let world: Vec<Polygon<f64>> = land
            .iter()
            .map(|p| p.map_coords(world_from_lon_lat))
            .collect();
        let index = RTree::bulk_load(
            world
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let r = p.bounding_rect()?;
                    let corners = ([r.min().x, r.min().y], [r.max().x, r.max().y]);
                    Some(GeomWithData::new(
                        Rectangle::from_corners(corners.0, corners.1),
                        i,
                    ))
                })
                .collect(),
        );
        let lods = LODS.iter().map(|&lod| build_lod(&world, lod)).collect();
        let small = land
            .iter()
            .map(|p| p.geodesic_area_unsigned() < SMALL_ISLAND_KM2 * 1e6)
            .collect();
        Self { index, lods, small }
    }

    /// Whether polygon `i` is a small island.
    pub fn is_small(&self, i: usize) -> bool {
        self.small.get(i).copied().unwrap_or(false)
    }

    /// Polygons whose box meets `world`, in a stable order.
    pub fn polygons_in(&self, world: Rect<f64>) -> Vec<usize> {
        let env = AABB::from_corners(
            [world.min().x, world.min().y],
            [world.max().x, world.max().y],
        );
        let mut v: Vec<usize> = self
            .index
            .locate_in_envelope_intersecting(&env)
            .map(|g| g.data)
            .collect();
        v.sort_unstable();
        v
    }

    /// The polygons at a level of detail: the coarsest level built at or finer than it.
    pub fn lod(&self, lod: u8) -> &[LodPolygon] {
        let k = LODS
            .iter()
            .position(|&l| l >= lod)
            .unwrap_or(LODS.len() - 1);
        self.lods.get(k).map_or(&[], Vec::as_slice)
    }

    /// How many polygons it holds.
    pub fn len(&self) -> usize {
        self.index.size()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Coord, Rect};

    fn square(x: f64, y: f64, size_deg: f64) -> Polygon<f64> {
        Rect::new(
            Coord { x, y },
            Coord {
                x: x + size_deg,
                y: y + size_deg,
            },
        )
        .to_polygon()
    }

    #[test]
    fn only_past_zoom_8() {
        assert!(!wants_fine_coast(8.0));
        assert!(wants_fine_coast(8.01));
        assert!(wants_fine_coast(14.0));
    }

    #[test]
    fn polygons_are_culled_and_every_level_is_triangulated() {
        // Itu Aba's size (about 1.4 km by 0.4 km, here a 0.01° square) and a far one.
        let coast = FineCoast::build(&[square(114.36, 10.37, 0.01), square(120.0, 20.0, 0.5)]);
        assert_eq!(coast.len(), 2);
        let near = |lon: f64, lat: f64| {
            let a = world_from_lon_lat(Coord {
                x: lon - 0.1,
                y: lat - 0.1,
            });
            let b = world_from_lon_lat(Coord {
                x: lon + 0.1,
                y: lat + 0.1,
            });
            coast.polygons_in(Rect::new(a, b))
        };
        assert_eq!(near(114.365, 10.375), [0]);
        assert_eq!(near(120.2, 20.2), [1]);
        assert!(near(100.0, 0.0).is_empty());
        for lod in [0, 9, 11, 13, 20] {
            let polys = coast.lod(lod);
            assert_eq!(polys.len(), 2, "level {lod}");
            assert!(!polys[1].fill.indices.is_empty(), "level {lod}");
        }
        // At full detail the small island keeps its four corners.
        assert!(coast.lod(13)[0].fill.indices.len() >= 6);
        // From zoom 10 the full detail is drawn; zoom 9 is simplified apart.
        assert!(std::ptr::eq(coast.lod(10), coast.lod(13)));
        assert!(!std::ptr::eq(coast.lod(9), coast.lod(13)));
        // About 1 km² and 2,800 km²: one under the small-island size, one over.
        assert!(coast.is_small(0) && !coast.is_small(1));
    }
}
