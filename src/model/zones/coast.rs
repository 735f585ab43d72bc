//! The normal baseline (UNCLOS art. 5: the low-water line) of each coastal state in the region,
//! as polylines: from the finer GSHHG shoreline where the data has it (`fine_coast`), else from
//! the base map's country outlines with their land borders removed.

use super::geodesic::distance_nm;
use crate::model::{BaseCountry, Country, DisputedFeature};
use geo::{BoundingRect, Coord, LineString, MultiLineString, MultiPolygon, Point, Polygon, Rect};
use std::collections::HashMap;

/// The coastal states whose zones are computed (ISO alpha-3).
pub const REGION_STATES: [&str; 13] = [
    "CHN", "TWN", "JPN", "KOR", "PRK", "PHL", "VNM", "MYS", "BRN", "IDN", "KHM", "THA", "SGP",
];

/// Territories drawn apart in the base map whose coasts are another state's (by base-map name).
const TERRITORIES: [(&str, &str); 2] = [("Hong Kong", "CHN"), ("Macao", "CHN")];

/// Coasts are kept inside this box (lon/lat degrees): the area of the East and South China seas
/// the app shows, widened by 200 nm so that every limit inside the shown area is complete.
pub const COAST_BOX: (f64, f64, f64, f64) = (95.0, -6.0, 140.0, 41.0);

/// A small base-map island (under 0.3° across) within this distance of a disputed feature
/// belongs to that disputed group: it is left out of the state's coast so that only the lens
/// decides what the group generates. (The Paracels hold a base-map islet 24 nm from the nearest
/// feature the data records; no undisputed island lies this close to a disputed feature.)
pub const FEATURE_ISLAND_NM: f64 = 25.0;

/// One state's normal baseline and land.
#[derive(Clone, Debug)]
pub struct StateCoast {
    pub state: Country,
    pub lines: MultiLineString<f64>,
    /// Land, to tell land from sea (and to drop the inland holes of a buffer).
    pub land: MultiPolygon<f64>,
    /// Where the coast comes from, for `generated_by`.
    pub origin: String,
}

/// Every coastal state's baseline.
#[derive(Clone, Debug, Default)]
pub struct Coasts {
    pub states: Vec<StateCoast>,
}

impl Coasts {
    pub fn get(&self, state: Country) -> Option<&StateCoast> {
        self.states.iter().find(|s| s.state == state)
    }

    /// The state whose land holds `p`, if any. Land several states share (one shoreline ring
    /// for the Asian mainland or Borneo) goes to the state whose coast is nearest `p`.
    pub fn land_at(&self, p: Point<f64>) -> Option<Country> {
        use geo::Contains;
        let mut on: Vec<&StateCoast> = self
            .states
            .iter()
            .filter(|s| {
                s.land.0.iter().any(|poly| {
                    poly.bounding_rect().is_some_and(|r| rect_has(&r, p.0)) && poly.contains(&p)
                })
            })
            .collect();
        if on.len() > 1 {
            let to_coast = |s: &StateCoast| {
                s.lines
                    .0
                    .iter()
                    .flat_map(|l| l.0.iter())
                    .map(|c| (c.x - p.x()).hypot(c.y - p.y()))
                    .fold(f64::INFINITY, f64::min)
            };
            on.sort_by(|a, b| to_coast(a).total_cmp(&to_coast(b)));
        }
        on.first().map(|s| s.state)
    }
}

/// The coasts zones are measured from: the finer `shoreline` rings (GSHHG) when there are any,
/// else the base map's outlines; only what lies within `window` (lon/lat) is kept.
pub fn coasts(
    countries: &[BaseCountry],
    features: &[DisputedFeature],
    shoreline: &[Polygon<f64>],
    window: Rect<f64>,
) -> Coasts {
    if shoreline.is_empty() {
        from_countries(countries, features)
    } else {
        super::fine_coast::from_rings(countries, features, shoreline, window)
    }
}

/// [`COAST_BOX`] as a rectangle.
pub fn coast_box() -> Rect<f64> {
    let (x0, y0, x1, y1) = COAST_BOX;
    Rect::new(Coord { x: x0, y: y0 }, Coord { x: x1, y: y1 })
}

/// A window around `p` holding every coast within `reach_nm` of it (with room for the
/// sphere's error and for long baseline segments that pass near `p`), clipped to [`COAST_BOX`].
pub fn window_around(p: Point<f64>, reach_nm: f64) -> Rect<f64> {
    let dlat = reach_nm * 1.01 / 60.0 + 0.5;
    let lat_far = (p.y().abs() + dlat).min(80.0);
    let dlon = dlat / lat_far.to_radians().cos();
    let b = coast_box();
    Rect::new(
        Coord {
            x: (p.x() - dlon).max(b.min().x),
            y: (p.y() - dlat).max(b.min().y),
        },
        Coord {
            x: (p.x() + dlon).min(b.max().x),
            y: (p.y() + dlat).min(b.max().y),
        },
    )
}

/// Calls `f` with every coastal edge of every country: outline edges no other outline shares.
pub(super) fn coastal_edges(
    countries: &[BaseCountry],
    mut f: impl FnMut(&BaseCountry, Coord<f64>, Coord<f64>),
) {
    let shared = shared_edges(countries);
    for c in countries {
        for poly in &c.shape.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                for seg in ring.lines() {
                    if shared
                        .get(&edge_key(seg.start, seg.end))
                        .copied()
                        .unwrap_or(0)
                        < 2
                    {
                        f(c, seg.start, seg.end);
                    }
                }
            }
        }
    }
}

/// How many outline edges fall on each edge: two where countries share a land border.
fn shared_edges(countries: &[BaseCountry]) -> HashMap<EdgeKey, u32> {
    let mut shared: HashMap<EdgeKey, u32> = HashMap::new();
    for c in countries {
        for poly in &c.shape.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                for seg in ring.lines() {
                    *shared.entry(edge_key(seg.start, seg.end)).or_default() += 1;
                }
            }
        }
    }
    shared
}

fn rect_has(r: &Rect<f64>, c: Coord<f64>) -> bool {
    (r.min().x..=r.max().x).contains(&c.x) && (r.min().y..=r.max().y).contains(&c.y)
}

/// Quantised undirected edge, to find edges two countries share (land borders).
type EdgeKey = ((i64, i64), (i64, i64));

fn edge_key(a: Coord<f64>, b: Coord<f64>) -> EdgeKey {
    let q = |c: Coord<f64>| ((c.x * 1e7).round() as i64, (c.y * 1e7).round() as i64);
    let (qa, qb) = (q(a), q(b));
    if qa <= qb { (qa, qb) } else { (qb, qa) }
}

/// Builds the coasts from the base map: each region state's outline minus the edges it shares
/// with another country, clipped to [`COAST_BOX`], without the islands that are disputed features.
pub fn from_countries(countries: &[BaseCountry], features: &[DisputedFeature]) -> Coasts {
    let shared = shared_edges(countries);
    let mut by_state: Vec<StateCoast> = Vec::new();
    for c in countries {
        let Some(state) = region_state(c) else {
            continue;
        };
        let polys: Vec<&Polygon<f64>> = c
            .shape
            .0
            .iter()
            .filter(|p| !is_disputed_island(p, features))
            .collect();
        let mut lines = Vec::new();
        for poly in &polys {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                coastal_runs(ring, &shared, &mut lines);
            }
        }
        let land: Vec<Polygon<f64>> = polys.into_iter().cloned().collect();
        match by_state.iter_mut().find(|s| s.state == state) {
            Some(s) => {
                s.lines.0.extend(lines);
                s.land.0.extend(land);
            }
            None => by_state.push(StateCoast {
                state,
                lines: MultiLineString(lines),
                land: MultiPolygon(land),
                origin: "Natural Earth 1:10m coastline".into(),
            }),
        }
    }
    by_state.retain(|s| !s.lines.0.is_empty());
    Coasts { states: by_state }
}

/// The region state whose coast a base-map country's is (Hong Kong's and Macao's are China's).
pub(super) fn region_state(c: &BaseCountry) -> Option<Country> {
    if let Some(iso) = c.iso
        && REGION_STATES.contains(&iso.code())
    {
        return Some(iso);
    }
    TERRITORIES
        .iter()
        .find(|(name, _)| c.name == *name)
        .and_then(|(_, code)| Country::parse(code))
}

/// A small island lying on a disputed feature's position.
fn is_disputed_island(p: &Polygon<f64>, features: &[DisputedFeature]) -> bool {
    let Some(r) = p.bounding_rect() else {
        return false;
    };
    if r.width() > 0.3 || r.height() > 0.3 {
        return false;
    }
    let centre = Point::from(r.center());
    features
        .iter()
        .any(|f| distance_nm(centre, f.position) < FEATURE_ISLAND_NM)
}

/// Appends the runs of `ring` that are coast (not shared with another country, inside the box).
fn coastal_runs(
    ring: &LineString<f64>,
    shared: &HashMap<EdgeKey, u32>,
    out: &mut Vec<LineString<f64>>,
) {
    let (x0, y0, x1, y1) = COAST_BOX;
    let inside = |c: Coord<f64>| (x0..=x1).contains(&c.x) && (y0..=y1).contains(&c.y);
    let mut run: Vec<Coord<f64>> = Vec::new();
    let mut flush = |run: &mut Vec<Coord<f64>>| {
        if run.len() >= 2 {
            out.push(LineString(std::mem::take(run)));
        }
        run.clear();
    };
    for seg in ring.lines() {
        let coastal = shared
            .get(&edge_key(seg.start, seg.end))
            .copied()
            .unwrap_or(0)
            < 2;
        if coastal && (inside(seg.start) || inside(seg.end)) {
            if run.last() != Some(&seg.start) {
                flush(&mut run);
                run.push(seg.start);
            }
            run.push(seg.end);
        } else {
            flush(&mut run);
        }
    }
    flush(&mut run);
}
