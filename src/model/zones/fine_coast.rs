//! The coasts from a finer shoreline (GSHHG full resolution), whose rings name no country.
//! Each ring goes to the state whose base-map (Natural Earth) coast lies nearest; a ring several
//! states share (the Asian mainland, Borneo, New Guinea, Timor) is cut where the nearest
//! base-map coast changes hands. Rings that are disputed features go to no state: those keep
//! the positions the data sources.

use super::coast::{Coasts, FEATURE_ISLAND_NM, StateCoast, coastal_edges, region_state};
use super::geodesic::distance_nm;
use crate::model::{BaseCountry, Country, DisputedFeature, FeatureGroup};
use geo::{
    BoundingRect, Contains, ConvexHull, Coord, LineString, MultiLineString, MultiPoint,
    MultiPolygon, Point, Polygon, Rect,
};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Line};
use std::collections::HashMap;

/// Where the coast comes from, for `generated_by`.
pub const FINE_ORIGIN: &str = "GSHHG 2.3.7 full-resolution shoreline, simplified to 100 m";

/// A ring whose nearest base-map coast is farther than this goes to no state. The base map has
/// every state's outlying islands; a shoreline ring farther than this from all of them is an
/// islet whose holder the base map cannot tell (e.g. Okinotorishima, ~390 nm from Japan's
/// nearest base-map coast, whose entitlement China and Korea contest).
pub const MAX_ATTRIBUTION_NM: f64 = 150.0;

/// A ring this small (degrees, either side) that lies on a disputed group is that group's.
const SMALL_RING_DEG: f64 = 0.3;
/// Rings up to this size take the state of their centre; larger ones are probed along their
/// length and cut where the nearest state changes.
const ONE_STATE_DEG: f64 = 0.5;
/// Probes along a large ring before it is taken as one state's.
const PROBES: usize = 48;

/// Longitude scale for the planar nearest-coast index (cos 20°, the region's middle): the
/// index only ranks nearby coasts, so one scale serves the whole region.
const LON_SCALE: f64 = 0.94;

type Edge = GeomWithData<Line<[f64; 2]>, Option<Country>>;

/// The base map's coastal edges (land borders left out), each with its region state (`None`
/// for a country outside the region, whose shoreline is then no one's here).
struct NearestCoast {
    tree: RTree<Edge>,
}

impl NearestCoast {
    fn new(countries: &[BaseCountry]) -> Self {
        let plane = |c: Coord<f64>| [c.x * LON_SCALE, c.y];
        let mut edges = Vec::new();
        coastal_edges(countries, |country, a, b| {
            edges.push(Edge::new(
                Line::new(plane(a), plane(b)),
                region_state(country),
            ));
        });
        Self {
            tree: RTree::bulk_load(edges),
        }
    }

    /// The state whose base-map coast is nearest `c`, if it is a region state within reach.
    fn state_at(&self, c: Coord<f64>) -> Option<Country> {
        let q = [c.x * LON_SCALE, c.y];
        let (edge, d2) = self.tree.nearest_neighbor_iter_with_distance_2(&q).next()?;
        let reach_deg = MAX_ATTRIBUTION_NM / 60.0;
        (d2 <= reach_deg * reach_deg).then_some(edge.data)?
    }
}

/// Where disputed features lie: within [`FEATURE_ISLAND_NM`] of one, or inside the convex hull
/// of a group's features (the Spratlys hold reefs the data does not list, e.g. one 31 nm from
/// the nearest listed feature, inside the group).
struct DisputedAreas<'a> {
    features: &'a [DisputedFeature],
    hulls: Vec<Polygon<f64>>,
}

impl<'a> DisputedAreas<'a> {
    fn new(features: &'a [DisputedFeature]) -> Self {
        let mut groups: HashMap<FeatureGroup, Vec<Point<f64>>> = HashMap::new();
        for f in features {
            let pts = groups.entry(f.group).or_default();
            pts.push(f.position);
            if let Some(o) = &f.outline {
                pts.extend(o.exterior().points());
            }
        }
        let hulls = groups
            .into_values()
            .filter(|pts| pts.len() >= 3)
            .map(|pts| MultiPoint(pts).convex_hull())
            .collect();
        Self { features, hulls }
    }

    fn hold(&self, c: Coord<f64>) -> bool {
        self.hulls.iter().any(|h| h.contains(&c))
            || self
                .features
                .iter()
                .any(|f| distance_nm(Point::from(c), f.position) < FEATURE_ISLAND_NM)
    }
}

/// Builds the coasts of the region states from shoreline `rings`, keeping the parts within
/// `window` (lon/lat): [`COAST_BOX`](super::coast::COAST_BOX) for every zone, or the reach
/// of one query.
pub fn from_rings(
    countries: &[BaseCountry],
    features: &[DisputedFeature],
    rings: &[Polygon<f64>],
    window: Rect<f64>,
) -> Coasts {
    let nearest = NearestCoast::new(countries);
    let disputed = DisputedAreas::new(features);
    let inside = |c: &Coord<f64>| rect_has(&window, *c);
    let mut by_state: HashMap<Country, LinesAndLand> = HashMap::new();
    for ring in rings {
        let Some(r) = ring.bounding_rect() else {
            continue;
        };
        if !rects_meet(&r, &window) {
            continue;
        }
        let small = r.width() <= SMALL_RING_DEG && r.height() <= SMALL_RING_DEG;
        if small && disputed.hold(r.center()) {
            continue;
        }
        let coords = &ring.exterior().0;
        let labels = labels(coords, &r, &nearest);
        let label = |i: usize| match &labels {
            Ok(each) => each[i],
            Err(one) => *one,
        };
        let mut touched: Vec<Country> = Vec::new();
        for (state, run) in runs(coords, &label, &inside) {
            let entry = by_state.entry(state).or_default();
            entry.0.push(run);
            if !touched.contains(&state) {
                touched.push(state);
                entry.1.push(ring.clone());
            }
        }
    }
    let mut states: Vec<StateCoast> = by_state
        .into_iter()
        .map(|(state, (lines, land))| StateCoast {
            state,
            lines: MultiLineString(lines),
            land: MultiPolygon(land),
            origin: FINE_ORIGIN.into(),
        })
        .collect();
    states.sort_by_key(|s| s.state);
    Coasts { states }
}

/// A state's coast lines and the shoreline rings they lie on.
type LinesAndLand = (Vec<LineString<f64>>, Vec<Polygon<f64>>);

/// One state for the whole ring (`Err`), or one per vertex (`Ok`).
type Labels = Result<Vec<Option<Country>>, Option<Country>>;

/// The state of each vertex of a ring: small rings take their centre's; large ones are probed
/// and, where the probes disagree, labelled vertex by vertex.
fn labels(coords: &[Coord<f64>], r: &Rect<f64>, nearest: &NearestCoast) -> Labels {
    if r.width() <= ONE_STATE_DEG && r.height() <= ONE_STATE_DEG {
        return Err(nearest.state_at(r.center()));
    }
    let step = (coords.len() / PROBES).max(1);
    let first = nearest.state_at(coords[0]);
    if coords
        .iter()
        .step_by(step)
        .all(|c| nearest.state_at(*c) == first)
    {
        return Err(first);
    }
    Ok(coords.iter().map(|c| nearest.state_at(*c)).collect())
}

/// The runs of a closed ring's edges that belong to one state and touch the window; an edge
/// belongs to its first vertex's state.
fn runs(
    coords: &[Coord<f64>],
    label: &dyn Fn(usize) -> Option<Country>,
    inside: &dyn Fn(&Coord<f64>) -> bool,
) -> Vec<(Country, LineString<f64>)> {
    let mut out = Vec::new();
    let mut cur: Option<(Country, Vec<Coord<f64>>)> = None;
    let flush = |cur: &mut Option<(Country, Vec<Coord<f64>>)>, out: &mut Vec<_>| {
        if let Some((s, run)) = cur.take()
            && run.len() >= 2
        {
            out.push((s, LineString(run)));
        }
    };
    for (i, w) in coords.windows(2).enumerate() {
        let state = label(i).filter(|_| inside(&w[0]) || inside(&w[1]));
        match (state, cur.as_mut()) {
            (Some(s), Some((cs, run))) if *cs == s && run.last() == Some(&w[0]) => run.push(w[1]),
            (Some(s), _) => {
                flush(&mut cur, &mut out);
                cur = Some((s, vec![w[0], w[1]]));
            }
            (None, _) => flush(&mut cur, &mut out),
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn rect_has(r: &Rect<f64>, c: Coord<f64>) -> bool {
    (r.min().x..=r.max().x).contains(&c.x) && (r.min().y..=r.max().y).contains(&c.y)
}

fn rects_meet(a: &Rect<f64>, b: &Rect<f64>) -> bool {
    a.min().x <= b.max().x
        && b.min().x <= a.max().x
        && a.min().y <= b.max().y
        && b.min().y <= a.max().y
}
