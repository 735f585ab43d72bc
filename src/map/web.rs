//! The agreement web on screen: where each party sits, and each agreement's link between two
//! parties as a curve bowed apart from the other links of the same pair. Plain geometry (no
//! egui), computed once per frame before the map paints and hit-tests it.

use super::camera::{Camera, ScreenRect};
use super::focus::country_anchor;
use super::projection::world_from_lon_lat;
use super::scene::Scene;
use crate::model::web::AgreementWeb;
use crate::model::{AgreementKind, AgreementStatus, Atlas, Country};
use geo::Coord;

/// Where parties with no land on the base map are anchored: their capitals, the Americas
/// shifted a turn east so that they lie across the Pacific. Placement only; links to them are
/// clamped to the edge of the map with a badge naming the party.
const OFF_MAP_ANCHORS: [(&str, f64, f64); 6] = [
    ("USA", -77.04 + 360.0, 38.90),
    ("CAN", -75.70 + 360.0, 45.42),
    ("GBR", -0.13, 51.51),
    ("FRA", 2.35, 48.86),
    ("NZL", 174.78, -41.29),
    ("PAK", 73.05, 33.68),
];

/// Points between a badge and the map's edge.
const EDGE_INSET_PT: f64 = 18.0;
/// Spacing of party badges stacked along an edge.
const BADGE_STEP_PT: f64 = 22.0;
/// Radius of a party's mark, in points (drawn and clicked).
pub const PARTY_RADIUS_PT: f64 = 9.0;
/// Points per link curve.
const CURVE_POINTS: usize = 24;

/// A party's anchor in world metres: its label anchor on the base map, else its capital.
pub fn party_anchor(atlas: &Atlas, scene: &Scene, party: Country) -> Option<Coord<f64>> {
    let on_map = atlas
        .countries
        .iter()
        .position(|c| c.iso == Some(party))
        .and_then(|ci| country_anchor(atlas, scene, ci));
    on_map.or_else(|| {
        OFF_MAP_ANCHORS
            .iter()
            .find(|(code, ..)| *code == party.code())
            .map(|(_, lon, lat)| world_from_lon_lat(Coord { x: *lon, y: *lat }))
    })
}

/// A party on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct PartyMark {
    pub party: Country,
    pub screen: Coord<f64>,
    /// The anchor is off the map: the mark sits at the edge, towards it.
    pub at_edge: bool,
}

/// One agreement's link on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkPath {
    pub agreement: usize,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub a: Country,
    pub b: Country,
    /// A spoke from party `a` to the hub of a multilateral agreement (`b` is `a` then).
    pub spoke: bool,
    pub screen: Vec<Coord<f64>>,
}

/// The web laid out for one frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WebLayout {
    pub parties: Vec<PartyMark>,
    pub links: Vec<LinkPath>,
}

/// Clamps a screen point into the viewport, `inset` from its edges; says whether it moved.
fn clamp_into(vp: &ScreenRect, p: Coord<f64>, inset: f64) -> (Coord<f64>, bool) {
    let (x0, y0) = (vp.min.x + inset, vp.min.y + inset);
    let (x1, y1) = (vp.min.x + vp.size.x - inset, vp.min.y + vp.size.y - inset);
    if x1 <= x0 || y1 <= y0 {
        return (p, false);
    }
    let q = Coord {
        x: p.x.clamp(x0, x1),
        y: p.y.clamp(y0, y1),
    };
    (q, q != p)
}

/// A quadratic curve from `a` to `b`, its middle pushed sideways by `bow` times the chord.
fn bowed(a: Coord<f64>, b: Coord<f64>, bow: f64) -> Vec<Coord<f64>> {
    let d = b - a;
    let normal = Coord { x: -d.y, y: d.x };
    let control = (a + b) * 0.5 + normal * bow;
    #[allow(clippy::cast_precision_loss)]
    (0..=CURVE_POINTS)
        .map(|k| {
            let t = k as f64 / CURVE_POINTS as f64;
            a * ((1.0 - t) * (1.0 - t)) + control * (2.0 * t * (1.0 - t)) + b * (t * t)
        })
        .collect()
}

/// Lays the web out for the camera: parties placed (clamped to the map's edge when off it)
/// and each link bowed by its lane so that parallel links stay apart.
pub fn lay_out(
    atlas: &Atlas,
    scene: &Scene,
    web: &AgreementWeb<'_>,
    camera: &Camera,
    viewport: &ScreenRect,
) -> WebLayout {
    let mut parties: Vec<PartyMark> = Vec::new();
    let mut mark = |party: Country| -> Option<Coord<f64>> {
        if let Some(m) = parties.iter().find(|m| m.party == party) {
            return Some(m.screen);
        }
        let world = party_anchor(atlas, scene, party)?;
        let (mut screen, at_edge) = clamp_into(
            viewport,
            camera.screen_from_world(viewport, world),
            EDGE_INSET_PT,
        );
        if at_edge {
            // Parties clamped to the same stretch of edge are stacked, not drawn on each other.
            let centre_y = viewport.min.y + viewport.size.y / 2.0;
            let step = if screen.y < centre_y {
                BADGE_STEP_PT
            } else {
                -BADGE_STEP_PT
            };
            while parties
                .iter()
                .any(|m| (m.screen.x - screen.x).hypot(m.screen.y - screen.y) < BADGE_STEP_PT - 1.0)
            {
                screen.y += step;
            }
        }
        parties.push(PartyMark {
            party,
            screen,
            at_edge,
        });
        Some(screen)
    };
    let mut links = Vec::new();
    let mut hubs_done: Vec<usize> = Vec::new();
    for e in &web.edges {
        let (Some(a), Some(b)) = (mark(e.a), mark(e.b)) else {
            continue;
        };
        let Some(agreement) = atlas.agreements.get(e.agreement) else {
            continue;
        };
        if agreement.parties.len() > 2 {
            // Every pair of eight parties would be 28 lines: a star through their centre
            // says the same with one line per party.
            if !hubs_done.contains(&e.agreement) {
                hubs_done.push(e.agreement);
                let spokes: Vec<(Country, Coord<f64>)> = agreement
                    .parties
                    .iter()
                    .filter_map(|p| mark(*p).map(|s| (*p, s)))
                    .collect();
                links.extend(star(e.agreement, agreement.kind, e.status, &spokes));
            }
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let bow = 0.12 + 0.16 * (e.lane as f64 - (e.lanes as f64 - 1.0) / 2.0);
        links.push(LinkPath {
            agreement: e.agreement,
            kind: agreement.kind,
            status: e.status,
            a: e.a,
            b: e.b,
            spoke: false,
            screen: bowed(a, b, bow),
        });
    }
    WebLayout { parties, links }
}

/// Spokes from each party to the parties' centre.
fn star(
    agreement: usize,
    kind: AgreementKind,
    status: AgreementStatus,
    parties: &[(Country, Coord<f64>)],
) -> Vec<LinkPath> {
    #[allow(clippy::cast_precision_loss)]
    let n = parties.len().max(1) as f64;
    let hub = parties
        .iter()
        .fold(Coord { x: 0.0, y: 0.0 }, |acc, (_, p)| acc + *p)
        / n;
    parties
        .iter()
        .map(|(party, p)| LinkPath {
            agreement,
            kind,
            status,
            a: *party,
            b: *party,
            spoke: true,
            screen: bowed(*p, hub, 0.05),
        })
        .collect()
}

/// Distance from `p` to segment `a`–`b`.
fn segment_distance(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let d = b - a;
    let len2 = d.x * d.x + d.y * d.y;
    let t = if len2 > 0.0 {
        (((p - a).x * d.x + (p - a).y * d.y) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let q = a + d * t;
    ((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt()
}

impl WebLayout {
    /// The link nearest `screen` within `tolerance_pt`.
    pub fn link_at(&self, screen: Coord<f64>, tolerance_pt: f64) -> Option<&LinkPath> {
        self.links
            .iter()
            .map(|l| {
                let d = l
                    .screen
                    .windows(2)
                    .map(|w| segment_distance(screen, w[0], w[1]))
                    .fold(f64::INFINITY, f64::min);
                (l, d)
            })
            .filter(|(_, d)| *d <= tolerance_pt)
            .min_by(|x, y| x.1.total_cmp(&y.1))
            .map(|(l, _)| l)
    }

    /// The party whose mark covers `screen` (the last drawn, which is on top).
    pub fn party_at(&self, screen: Coord<f64>) -> Option<Country> {
        self.parties
            .iter()
            .rev()
            .find(|m| (m.screen.x - screen.x).hypot(m.screen.y - screen.y) <= PARTY_RADIUS_PT)
            .map(|m| m.party)
    }

    /// Every link between the two parties of `link` (either order).
    pub fn links_between(&self, a: Country, b: Country) -> impl Iterator<Item = &LinkPath> {
        self.links
            .iter()
            .filter(move |l| (l.a, l.b) == (a, b) || (l.a, l.b) == (b, a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bowed_curve_starts_and_ends_on_its_anchors_and_bows_sideways() {
        let a = Coord { x: 0.0, y: 0.0 };
        let b = Coord { x: 100.0, y: 0.0 };
        let c = bowed(a, b, 0.2);
        assert_eq!(c.first(), Some(&a));
        assert_eq!(c.last(), Some(&b));
        let mid = c[CURVE_POINTS / 2];
        assert!((mid.x - 50.0).abs() < 1e-9);
        assert!(
            (mid.y - 10.0).abs() < 1e-9,
            "half the control offset: {mid:?}"
        );
        let other = bowed(a, b, -0.2)[CURVE_POINTS / 2];
        assert!(other.y < 0.0, "the other lane bows the other way");
    }

    #[test]
    fn off_map_points_are_clamped_to_the_edge() {
        let vp = ScreenRect::new(0.0, 0.0, 800.0, 600.0);
        let (q, moved) = clamp_into(
            &vp,
            Coord {
                x: 5000.0,
                y: 300.0,
            },
            18.0,
        );
        assert!(moved);
        assert_eq!(q, Coord { x: 782.0, y: 300.0 });
        let (q, moved) = clamp_into(&vp, Coord { x: 400.0, y: 300.0 }, 18.0);
        assert!(!moved);
        assert_eq!(q, Coord { x: 400.0, y: 300.0 });
    }

    #[test]
    fn every_party_of_the_data_has_an_anchor() {
        let atlas = crate::io::load(&crate::io::DataSource::Embedded).atlas;
        let scene = Scene::build(&atlas);
        for a in &atlas.agreements {
            for p in &a.parties {
                assert!(
                    party_anchor(&atlas, &scene, *p).is_some(),
                    "{p} ({}) has no anchor",
                    a.id
                );
            }
        }
    }

    #[test]
    fn the_nearest_link_is_found_within_tolerance() {
        let atlas = crate::io::load(&crate::io::DataSource::Embedded).atlas;
        let scene = Scene::build(&atlas);
        let date = "2026-02-01".parse().expect("a valid test date");
        let web = atlas.web_on(date, &std::collections::BTreeSet::new());
        let cam = Camera::fit_lon_lat(
            geo::Rect::new(Coord { x: 104.0, y: 2.0 }, Coord { x: 132.0, y: 34.0 }),
            Coord { x: 800.0, y: 600.0 },
        );
        let vp = ScreenRect::new(0.0, 0.0, 800.0, 600.0);
        let layout = lay_out(&atlas, &scene, &web, &cam, &vp);
        assert!(
            layout.links.len() >= web.edges.len() / 2,
            "most links are drawn"
        );
        let link = &layout.links[0];
        let on = link.screen[CURVE_POINTS / 2];
        let found = layout.link_at(on, 3.0).map(|l| l.agreement);
        let candidates: Vec<usize> = layout
            .links
            .iter()
            .filter(|l| {
                l.screen
                    .windows(2)
                    .any(|w| segment_distance(on, w[0], w[1]) < 1e-6)
            })
            .map(|l| l.agreement)
            .collect();
        assert!(found.is_some_and(|f| candidates.contains(&f)), "{found:?}");
        let far = Coord {
            x: -500.0,
            y: -500.0,
        };
        assert!(layout.link_at(far, 3.0).is_none());
    }
}
