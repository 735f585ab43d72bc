//! Countries of the base map (Natural Earth 1:10m), and which one holds a point.

use super::common::Country;
use geo::{BoundingRect, Contains, Coord, MultiPolygon, Point};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

/// One country (or territory) outline from the base map.
#[derive(Clone, Debug)]
pub struct BaseCountry {
    pub name: String,
    /// `None` for territories outside the closed list of codes the data uses.
    pub iso: Option<Country>,
    pub shape: MultiPolygon<f64>,
}

/// A polygon's bounding box, with (country index, polygon index within its shape).
type PolygonBox = GeomWithData<Rectangle<[f64; 2]>, (usize, usize)>;

/// Each polygon of each country by bounding box (lon/lat degrees): a click tests only the few
/// polygons whose box holds it, not every coastline vertex of the region.
#[derive(Clone, Debug, Default)]
pub struct LandIndex {
    tree: RTree<PolygonBox>,
}

impl LandIndex {
    /// Indexes the countries' polygons (once per load).
    pub fn build(countries: &[BaseCountry]) -> Self {
        let boxes = countries
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| {
                c.shape.0.iter().enumerate().filter_map(move |(pi, p)| {
                    let r = p.bounding_rect()?;
                    let corners = ([r.min().x, r.min().y], [r.max().x, r.max().y]);
                    Some(GeomWithData::new(
                        Rectangle::from_corners(corners.0, corners.1),
                        (ci, pi),
                    ))
                })
            })
            .collect();
        Self {
            tree: RTree::bulk_load(boxes),
        }
    }

    /// The country (by index into `countries`, the list the index was built from) whose land
    /// holds `lon_lat`. Longitudes are taken modulo 360.
    pub fn country_at(&self, countries: &[BaseCountry], lon_lat: Coord<f64>) -> Option<usize> {
        let lon = (lon_lat.x + 180.0).rem_euclid(360.0) - 180.0;
        let p = [lon, lon_lat.y];
        let mut hits: Vec<(usize, usize)> = self
            .tree
            .locate_in_envelope_intersecting(&AABB::from_point(p))
            .map(|g| g.data)
            .collect();
        // The same answer whatever the tree's layout, should two outlines overlap.
        hits.sort_unstable();
        hits.into_iter()
            .find(|&(ci, pi)| {
                countries
                    .get(ci)
                    .and_then(|c| c.shape.0.get(pi))
                    .is_some_and(|poly| poly.contains(&Point::new(p[0], p[1])))
            })
            .map(|(ci, _)| ci)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn square(x0: f64, y0: f64, side: f64) -> geo::Polygon<f64> {
        polygon![(x: x0, y: y0), (x: x0 + side, y: y0), (x: x0 + side, y: y0 + side), (x: x0, y: y0 + side)]
    }

    #[test]
    fn a_point_is_in_the_polygon_that_holds_it_not_one_whose_box_does() {
        // An L-shaped country whose bounding box covers a point of the sea in its crook.
        let l_shape = polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 4.0), (x: 0.0, y: 4.0)];
        let countries = vec![
            BaseCountry {
                name: "L".into(),
                iso: Country::parse("PHL"),
                shape: MultiPolygon(vec![l_shape, square(10.0, 10.0, 1.0)]),
            },
            BaseCountry {
                name: "Island".into(),
                iso: Country::parse("JPN"),
                shape: MultiPolygon(vec![square(5.0, 5.0, 1.0)]),
            },
        ];
        let index = LandIndex::build(&countries);
        let at = |x, y| index.country_at(&countries, Coord { x, y });
        assert_eq!(at(0.5, 3.0), Some(0));
        assert_eq!(at(10.5, 10.5), Some(0), "its second polygon");
        assert_eq!(at(3.0, 3.0), None, "inside the box, outside the land");
        assert_eq!(at(5.5, 5.5), Some(1));
        assert_eq!(at(5.5 - 360.0, 5.5), Some(1), "longitudes wrap");
        assert_eq!(at(50.0, 50.0), None);
    }

    #[test]
    fn central_luzon_is_in_the_philippines() {
        let atlas = crate::io::load(&crate::io::DataSource::Embedded).atlas;
        let index = LandIndex::build(&atlas.countries);
        let ci = index.country_at(&atlas.countries, Coord { x: 120.9, y: 15.6 });
        let iso = ci.and_then(|i| atlas.countries[i].iso);
        assert_eq!(iso, Country::parse("PHL"));
        // The sea west of Luzon.
        assert_eq!(
            index.country_at(&atlas.countries, Coord { x: 118.0, y: 15.6 }),
            None
        );
    }
}
