//! "What's here?": the zones that contain a point under a lens, the claims around it and the
//! nearest disputed features, by distance queries alone (no zone polygons are built).

use super::buffer::Azimuthal;
use super::build::{GeneratedBy, Inputs};
use super::entitlement::{Entitlement, entitlements};
use super::geodesic::{bearing_deg, distance_nm, distance_to_segment_nm};
use super::lens::{Lens, ZoneKind};
use crate::model::{ClaimGeometry, ClaimKind, Country};
use geo::{Contains, Coord, LineString, MultiLineString, Point, Polygon};

/// How many disputed features the answer lists.
pub const NEAREST_FEATURES: usize = 5;

/// A zone that contains the point.
#[derive(Clone, Debug)]
pub struct ZoneHit {
    /// The entitlement's holder (`None`: an unoccupied disputed feature).
    pub state: Option<Country>,
    /// The other states that claim the feature (empty for a state's own coast).
    pub claimants: Vec<Country>,
    pub kind: ZoneKind,
    /// To the nearest baseline that generates the zone.
    pub distance_nm: f64,
    pub generated_by: GeneratedBy,
    pub label: String,
}

/// A disputed feature near the point, with what the lens gives it.
#[derive(Clone, Debug)]
pub struct NearFeature {
    pub id: String,
    pub name: String,
    pub distance_nm: f64,
    /// From the point to the feature, degrees from north.
    pub bearing_deg: f64,
    pub holder: Option<Country>,
    pub rule: String,
    pub generates: Vec<ZoneKind>,
}

/// A claim line or area around the point.
#[derive(Clone, Debug)]
pub struct ClaimHit {
    pub id: String,
    /// How containment was decided (an area, or a dashed line read as closed).
    pub how: &'static str,
}

#[derive(Clone, Debug)]
pub struct WhatsHere {
    pub lens: String,
    pub point: Point<f64>,
    /// The state whose land (on the base map) holds the point; zones are then not listed.
    pub on_land: Option<Country>,
    pub zones: Vec<ZoneHit>,
    pub claims: Vec<ClaimHit>,
    pub nearest_features: Vec<NearFeature>,
}

/// Answers "what's here?" for `p` (lon/lat) under `lens`.
pub fn whats_here(p: Point<f64>, lens: &Lens, inputs: Inputs<'_>) -> WhatsHere {
    let on_land = inputs.coasts.land_at(p);
    let ents = entitlements(lens, inputs.coasts, inputs.features, inputs.claims);
    let mut zones = Vec::new();
    if on_land.is_none() {
        for e in &ents {
            zones.extend(hits(p, e));
        }
    }
    zones.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(a.distance_nm.total_cmp(&b.distance_nm))
    });
    WhatsHere {
        lens: lens.id.clone(),
        point: p,
        on_land,
        zones,
        claims: claims_around(p, inputs),
        nearest_features: nearest_features(p, lens, inputs),
    }
}

/// The zones of one entitlement holding `p`: its territorial sea, or else its contiguous zone
/// and EEZ (both lie beyond the territorial sea, UNCLOS arts. 33, 55).
fn hits(p: Point<f64>, e: &Entitlement) -> Vec<ZoneHit> {
    let nearest = |kind: ZoneKind| nearest_source(p, e, kind);
    let hit = |kind: ZoneKind, (d, i): (f64, usize)| {
        let s = &e.sources[i];
        ZoneHit {
            state: e.holder,
            claimants: e.claimants.clone(),
            kind,
            distance_nm: d,
            generated_by: GeneratedBy {
                rule: s.rule.id.clone(),
                baseline: s.baseline.clone(),
                source: s.rule.source.clone(),
                note: s.note.clone(),
            },
            label: e.label(),
        }
    };
    if let Some(ts) =
        nearest(ZoneKind::TerritorialSea).filter(|(d, _)| *d <= ZoneKind::TerritorialSea.limit_nm())
    {
        return vec![hit(ZoneKind::TerritorialSea, ts)];
    }
    [ZoneKind::ContiguousZone, ZoneKind::Eez]
        .into_iter()
        .filter_map(|k| {
            nearest(k)
                .filter(|(d, _)| *d <= k.limit_nm())
                .map(|n| hit(k, n))
        })
        .collect()
}

/// The nearest baseline of `e` that generates `kind`, if one lies within the zone's reach:
/// (distance nm, source index). Segments are ranked in a projection centred on `p` (exact for
/// distances from `p` on the sphere) and the close ones measured on the ellipsoid.
pub fn nearest_source(p: Point<f64>, e: &Entitlement, kind: ZoneKind) -> Option<(f64, usize)> {
    let (shortest, longest) = GEODESIC_OVER_SPHERE;
    let reach = kind.limit_nm() / shortest + SEGMENT_MARGIN_NM;
    let proj = Azimuthal::centred_on(p.0);
    // (approximate distance, source, segment or point)
    let mut cands: Vec<Candidate> = Vec::new();
    let deg_reach = reach / 60.0;
    let lon_reach = deg_reach / p.y().to_radians().cos().max(0.1) + 1.0;
    // Whether the box a..b comes within reach of `p` (a long straight baseline may pass near
    // `p` with both ends far away).
    let near_box = |a: &Coord<f64>, b: &Coord<f64>| {
        a.y.min(b.y) - p.y() < deg_reach + 1.0
            && p.y() - a.y.max(b.y) < deg_reach + 1.0
            && a.x.min(b.x) - p.x() < lon_reach
            && p.x() - a.x.max(b.x) < lon_reach
    };
    for (i, s) in e
        .sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.generates(kind))
    {
        for q in &s.points {
            if near_box(&q.0, &q.0) {
                let c = proj.forward(q.0);
                cands.push((c.x.hypot(c.y), i, q.0, None));
            }
        }
        for l in &s.lines {
            for seg in l.lines() {
                if near_box(&seg.start, &seg.end) {
                    let d = planar_to_segment(proj.forward(seg.start), proj.forward(seg.end));
                    cands.push((d, i, seg.start, Some(seg.end)));
                }
            }
        }
    }
    let best_approx = cands.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
    if best_approx > reach {
        return None;
    }
    // A candidate can be the nearest on the ellipsoid only if its sphere distance, shrunk
    // by the most the ellipsoid can shrink it, beats the best one's grown by the most.
    let bound = best_approx * longest / shortest + SEGMENT_MARGIN_NM;
    cands
        .iter()
        .filter(|c| c.0 <= bound)
        .map(|&(_, i, a, b)| {
            let d = match b {
                Some(b) => distance_to_segment_nm(p, Point::from(a), Point::from(b)),
                None => distance_nm(p, Point::from(a)),
            };
            (d, i)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
}

/// Bounds on a WGS 84 geodesic's length over the great circle between the same points on the
/// mean sphere, at every azimuth and latitude: the ellipsoid's radius of curvature runs from
/// 6,335.4 km (the meridian's, at the equator) to 6,399.6 km (at the poles) against the mean
/// radius's 6,371.0 km.
const GEODESIC_OVER_SPHERE: (f64, f64) = (0.9944, 1.0045);

/// How far a segment's distance in the azimuthal plane may fall from its great circle's (a
/// projected great circle bends unless it runs through the query point).
const SEGMENT_MARGIN_NM: f64 = 0.25;

/// A baseline piece near the query: approximate distance, source index, point or segment.
type Candidate = (f64, usize, Coord<f64>, Option<Coord<f64>>);

/// Distance from the origin to segment a-b in the plane.
fn planar_to_segment(a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(a.x * dx + a.y * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a.x + t * dx).hypot(a.y + t * dy)
}

/// Claims whose area holds `p`; a dashed line counts when `p` lies inside the ring its dashes
/// make when taken in order around their centre (the claimant has published no closed line, so
/// this is a reading of the map: the answer says so).
fn claims_around(p: Point<f64>, inputs: Inputs<'_>) -> Vec<ClaimHit> {
    inputs
        .claims
        .iter()
        .filter_map(|c| match &c.geometry {
            ClaimGeometry::Areas(m) if m.contains(&p) => Some(ClaimHit {
                id: c.id.clone(),
                how: "inside the area",
            }),
            ClaimGeometry::Lines(m) if c.kind == ClaimKind::DashLine => {
                let ring = dashes_as_ring(m);
                (ring.0.len() >= 4 && Polygon::new(ring, Vec::new()).contains(&p)).then(|| ClaimHit {
                    id: c.id.clone(),
                    how: "inside the dashed line, its dashes joined in order around their centre",
                })
            }
            _ => None,
        })
        .collect()
}

/// The dashes of a dashed line joined into one closed ring: sorted by the angle of their
/// middles around the centre of all dashes, each turned to run the same way round.
pub fn dashes_as_ring(m: &MultiLineString<f64>) -> LineString<f64> {
    let mids: Vec<Coord<f64>> =
        m.0.iter()
            .filter_map(|l| Some((*l.0.first()? + *l.0.last()?) / 2.0))
            .collect();
    if mids.is_empty() {
        return LineString(Vec::new());
    }
    let n = mids.len() as f64;
    let c = mids
        .iter()
        .fold(Coord { x: 0.0, y: 0.0 }, |a, b| a + *b / n);
    let angle = |q: Coord<f64>| (q.y - c.y).atan2(q.x - c.x);
    let mut dashes: Vec<(f64, Vec<Coord<f64>>)> =
        m.0.iter()
            .filter(|l| !l.0.is_empty())
            .map(|l| {
                let mut pts = l.0.clone();
                // Counter-clockwise: the end lies at a larger angle than the start (mod 2π).
                let (a0, a1) = (angle(pts[0]), angle(pts[pts.len() - 1]));
                if (a1 - a0).rem_euclid(std::f64::consts::TAU) > std::f64::consts::PI {
                    pts.reverse();
                }
                let mid = (pts[0] + pts[pts.len() - 1]) / 2.0;
                (angle(mid), pts)
            })
            .collect();
    dashes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut ring: Vec<Coord<f64>> = dashes.into_iter().flat_map(|(_, pts)| pts).collect();
    if let Some(first) = ring.first().copied() {
        ring.push(first);
    }
    LineString(ring)
}

fn nearest_features(p: Point<f64>, lens: &Lens, inputs: Inputs<'_>) -> Vec<NearFeature> {
    let mut near: Vec<NearFeature> = inputs
        .features
        .iter()
        .map(|f| {
            let rule = lens.feature_rule(f);
            NearFeature {
                id: f.id.clone(),
                name: f.name.clone(),
                distance_nm: distance_nm(p, f.position),
                bearing_deg: bearing_deg(p, f.position),
                holder: f.controlled_by,
                rule: rule.map(|r| r.id.clone()).unwrap_or_default(),
                generates: rule.map(|r| r.generates.clone()).unwrap_or_default(),
            }
        })
        .collect();
    near.sort_by(|a, b| a.distance_nm.total_cmp(&b.distance_nm));
    near.truncate(NEAREST_FEATURES);
    near
}
