//! Where the camera goes when the user asks for a record (from the find box): points are
//! centred at a zoom where their neighbours separate, lines and zones are fitted whole, and an
//! agreement frames the sites it covers.

use super::camera::Camera;
use crate::model::{Atlas, ClaimGeometry, RecordRef};
use geo::{BoundingRect, Coord, MultiPoint, Point, Rect};

/// Zoom at which a point record is shown, unless the view is already closer: the Spratlys'
/// features separate from each other here.
pub const POINT_ZOOM: f64 = 9.0;

/// Share of the viewport a fitted line or zone fills, so its edges stay clear of the panels.
const FIT_FILL: f64 = 0.85;

/// The camera that shows `record`, given the current camera and the viewport size (points);
/// `None` when the record has no place (an agreement without sites).
pub fn camera_for(
    atlas: &Atlas,
    record: RecordRef,
    current: Option<Camera>,
    viewport: Coord<f64>,
) -> Option<Camera> {
    let zoom = current.map_or(POINT_ZOOM, |c| c.zoom.max(POINT_ZOOM));
    let centred = |p: Point<f64>| Camera::at_lon_lat(p.x(), p.y(), zoom);
    match record {
        RecordRef::Feature(i) => atlas.features.get(i).map(|f| centred(f.position)),
        RecordRef::Incident(i) => atlas.incidents.get(i).map(|x| centred(x.position)),
        RecordRef::Site(i) => atlas.sites.get(i).map(|s| centred(s.position)),
        RecordRef::Claim(i) => {
            let bounds = match &atlas.claims.get(i)?.geometry {
                ClaimGeometry::Lines(l) => l.bounding_rect(),
                ClaimGeometry::Areas(a) => a.bounding_rect(),
            }?;
            Some(fit(bounds, viewport))
        }
        RecordRef::Agreement(i) => {
            let id = &atlas.agreements.get(i)?.id;
            let sites: MultiPoint<f64> = atlas
                .sites
                .iter()
                .filter(|s| s.agreements.contains(id))
                .map(|s| s.position)
                .collect();
            match sites.0.as_slice() {
                [] => None,
                [one] => Some(centred(*one)),
                _ => Some(fit(sites.bounding_rect()?, viewport)),
            }
        }
    }
}

fn fit(bounds: Rect<f64>, viewport: Coord<f64>) -> Camera {
    Camera::fit_lon_lat(
        bounds,
        Coord {
            x: viewport.x * FIT_FILL,
            y: viewport.y * FIT_FILL,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::camera::ScreenRect;
    use crate::map::projection::world_from_lon_lat;
    use crate::model::{Agreement, AgreementKind, Claim, ClaimKind, Country, Site};
    use geo::{CoordsIter, LineString, MultiLineString};

    fn date(s: &str) -> crate::model::Date {
        s.parse().expect("a valid test date")
    }

    fn country(code: &str) -> Country {
        Country::parse(code).unwrap_or_else(|| panic!("{code} on the closed list"))
    }

    fn site(id: &str, lon: f64, lat: f64, agreement: &str) -> Site {
        Site {
            id: id.into(),
            name: id.into(),
            aliases: Vec::new(),
            agreements: vec![agreement.into()],
            country: country("PHL"),
            added: None,
            notes: String::new(),
            uncertain: Vec::new(),
            sources: Vec::new(),
            position: Point::new(lon, lat),
        }
    }

    fn atlas() -> Atlas {
        let line = LineString::from(vec![(110.0, 5.0), (118.0, 21.0), (121.0, 12.0)]);
        Atlas {
            claims: vec![Claim {
                id: "line".into(),
                name: "line".into(),
                aliases: Vec::new(),
                claimant: country("CHN"),
                parties: Vec::new(),
                kind: ClaimKind::DashLine,
                declared: None,
                legal_status: String::new(),
                points_source: String::new(),
                uncertain: Vec::new(),
                sources: Vec::new(),
                geometry: ClaimGeometry::Lines(MultiLineString::new(vec![line])),
            }],
            agreements: ["edca", "none"]
                .iter()
                .map(|id| Agreement {
                    id: (*id).into(),
                    name: (*id).into(),
                    short_name: (*id).into(),
                    parties: vec![country("USA"), country("PHL")],
                    kind: AgreementKind::Access,
                    talks_agreed: None,
                    negotiation_began: None,
                    signed: Some(date("2014-04-28")),
                    in_force: None,
                    terminated: None,
                    status_note: None,
                    scope: String::new(),
                    summary: String::new(),
                    uncertain: Vec::new(),
                    sources: Vec::new(),
                })
                .collect(),
            sites: vec![
                site("a", 120.5, 18.5, "edca"),
                site("b", 118.7, 9.7, "edca"),
                site("c", 132.0, 10.0, "other"),
            ],
            ..Atlas::default()
        }
    }

    fn on_screen(cam: &Camera, size: Coord<f64>, lon: f64, lat: f64) -> bool {
        let vp = ScreenRect::new(0.0, 0.0, size.x, size.y);
        let s = cam.screen_from_world(&vp, world_from_lon_lat(Coord { x: lon, y: lat }));
        (0.0..=size.x).contains(&s.x) && (0.0..=size.y).contains(&s.y)
    }

    #[test]
    fn a_point_is_centred_and_never_zoomed_out() {
        let a = atlas();
        let size = Coord { x: 800.0, y: 600.0 };
        let far = Camera::at_lon_lat(100.0, 0.0, 4.0);
        let cam = camera_for(&a, RecordRef::Site(1), Some(far), size).unwrap_or(far);
        let c = cam.center_lon_lat();
        assert!((c.x - 118.7).abs() < 1e-9 && (c.y - 9.7).abs() < 1e-9);
        assert!((cam.zoom - POINT_ZOOM).abs() < 1e-9);
        let close = Camera::at_lon_lat(100.0, 0.0, 13.0);
        let cam = camera_for(&a, RecordRef::Site(1), Some(close), size).unwrap_or(far);
        assert!(
            (cam.zoom - 13.0).abs() < 1e-9,
            "a closer view keeps its zoom"
        );
    }

    #[test]
    fn a_line_is_fitted_whole() {
        let a = atlas();
        let size = Coord { x: 800.0, y: 600.0 };
        let cam = camera_for(&a, RecordRef::Claim(0), None, size);
        let Some(cam) = cam else {
            panic!("a claim always has a camera")
        };
        let ClaimGeometry::Lines(l) = &a.claims[0].geometry else {
            panic!("test data")
        };
        for c in l.coords_iter() {
            assert!(on_screen(&cam, size, c.x, c.y), "{c:?} off screen");
        }
        // Fitted, not merely inside: a whole zoom level closer would lose a vertex.
        let closer = Camera {
            zoom: cam.zoom + 1.0,
            ..cam
        };
        assert!(l.coords_iter().any(|c| !on_screen(&closer, size, c.x, c.y)));
    }

    #[test]
    fn an_agreement_frames_its_own_sites_only() {
        let a = atlas();
        let size = Coord { x: 800.0, y: 600.0 };
        let Some(cam) = camera_for(&a, RecordRef::Agreement(0), None, size) else {
            panic!("the agreement has sites")
        };
        assert!(on_screen(&cam, size, 120.5, 18.5) && on_screen(&cam, size, 118.7, 9.7));
        assert!(
            !on_screen(&cam, size, 132.0, 10.0),
            "another agreement's site"
        );
        assert_eq!(camera_for(&a, RecordRef::Agreement(1), None, size), None);
    }
}
