//! The incident filter's *where* criterion: inside a chosen state's territorial sea, contiguous
//! zone or EEZ under the lens shown. Answered from the lens's computed zones (point in polygon),
//! so it needs them: until they exist the criterion is inactive, never silently empty.

use super::Country;
use super::zones::{Coasts, ZoneKind, Zones};
use geo::{BoundingRect, Contains, Coord, MultiPolygon, Point, Rect};

/// Inside `state`'s `zone` (the state holding the zone: JPN for the Senkakus' territorial sea).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Within {
    pub state: Country,
    #[serde(with = "zone_key")]
    pub zone: ZoneKind,
}

/// A zone kind saved by the word the data and command line use (`territorial_sea`, …).
mod zone_key {
    use super::ZoneKind;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(k: &ZoneKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(k.key())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ZoneKind, D::Error> {
        let word = String::deserialize(d)?;
        ZoneKind::parse(&word)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown zone kind {word}")))
    }
}

/// One zone's area with its box, for a quick reject.
#[derive(Clone, Debug)]
struct Area {
    state: Country,
    kind: ZoneKind,
    bbox: Rect<f64>,
    area: MultiPolygon<f64>,
}

/// The zones of one lens, by holder and kind, ready for point queries.
#[derive(Clone, Debug)]
pub struct ZoneIndex {
    pub lens: String,
    areas: Vec<Area>,
    /// The states' land: a point on land is in no zone (as "What's here?" answers).
    land: Vec<(Rect<f64>, MultiPolygon<f64>)>,
}

fn rect_has(r: &Rect<f64>, c: Coord<f64>) -> bool {
    (r.min().x..=r.max().x).contains(&c.x) && (r.min().y..=r.max().y).contains(&c.y)
}

impl ZoneIndex {
    /// Indexes `zones`; zones of an unoccupied disputed feature (no holder) cannot be chosen
    /// and are left out.
    pub fn new(zones: &Zones, coasts: &Coasts) -> Self {
        let areas = zones
            .zones
            .iter()
            .filter_map(|z| {
                let state = zones.entitlements.get(z.entitlement)?.holder?;
                Some(Area {
                    state,
                    kind: z.kind,
                    bbox: z.area.bounding_rect()?,
                    area: z.area.clone(),
                })
            })
            .collect();
        let land = coasts
            .states
            .iter()
            .filter_map(|s| Some((s.land.bounding_rect()?, s.land.clone())))
            .collect();
        Self {
            lens: zones.lens.clone(),
            areas,
            land,
        }
    }

    /// The states holding a zone, each with the kinds it holds, by code.
    pub fn states(&self) -> Vec<(Country, Vec<ZoneKind>)> {
        let mut out: Vec<(Country, Vec<ZoneKind>)> = Vec::new();
        for a in &self.areas {
            match out.iter_mut().find(|(s, _)| *s == a.state) {
                Some((_, kinds)) if !kinds.contains(&a.kind) => kinds.push(a.kind),
                Some(_) => {}
                None => out.push((a.state, vec![a.kind])),
            }
        }
        for (_, kinds) in &mut out {
            kinds.sort();
        }
        out.sort_by(|a, b| a.0.code().cmp(b.0.code()));
        out
    }

    fn in_any(&self, p: Point<f64>, state: Country, kind: ZoneKind) -> bool {
        self.areas.iter().any(|a| {
            a.state == state && a.kind == kind && rect_has(&a.bbox, p.0) && a.area.contains(&p)
        })
    }

    fn on_land(&self, p: Point<f64>) -> bool {
        self.land
            .iter()
            .any(|(r, land)| rect_has(r, p.0) && land.contains(&p))
    }

    /// Whether `p` (lon/lat) lies in `w`'s zone. The contiguous zone and the EEZ lie beyond the
    /// territorial sea (UNCLOS arts. 33, 55): a point in the state's territorial sea is in
    /// neither, though it lies within 24 and 200 nm of the baselines.
    pub fn contains(&self, p: Point<f64>, w: Within) -> bool {
        if self.on_land(p) || !self.in_any(p, w.state, w.zone) {
            return false;
        }
        w.zone == ZoneKind::TerritorialSea || !self.in_any(p, w.state, ZoneKind::TerritorialSea)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::zones::entitlement::Entitlement;
    use crate::model::zones::{Zone, coast::StateCoast};
    use geo::{LineString, MultiLineString, Polygon, Rect};

    fn square(x0: f64, y0: f64, size: f64) -> MultiPolygon<f64> {
        let r = Rect::new(
            Coord { x: x0, y: y0 },
            Coord {
                x: x0 + size,
                y: y0 + size,
            },
        );
        MultiPolygon(vec![r.to_polygon()])
    }

    fn country(code: &str) -> Country {
        Country::parse(code).expect("a listed code")
    }

    fn ent(key: &str, holder: Option<&str>) -> Entitlement {
        Entitlement {
            key: key.into(),
            holder: holder.map(country),
            claimants: vec![],
            group: None,
            sources: vec![],
        }
    }

    fn zone(entitlement: usize, kind: ZoneKind, area: MultiPolygon<f64>) -> Zone {
        Zone {
            entitlement,
            kind,
            area,
            generated_by: vec![],
        }
    }

    /// JPN: a territorial sea 0..1, an EEZ 0..10 (territorial sea inside), land at 0..0.2;
    /// PHL: an EEZ 5..15; an unheld feature's territorial sea at 20..21.
    pub fn index() -> ZoneIndex {
        let zones = Zones {
            lens: "award".into(),
            entitlements: vec![
                ent("jpn", Some("JPN")),
                ent("phl", Some("PHL")),
                ent("x", None),
            ],
            zones: vec![
                zone(0, ZoneKind::TerritorialSea, square(0.0, 0.0, 1.0)),
                zone(0, ZoneKind::Eez, square(0.0, 0.0, 10.0)),
                zone(1, ZoneKind::Eez, square(5.0, 5.0, 10.0)),
                zone(2, ZoneKind::TerritorialSea, square(20.0, 20.0, 1.0)),
            ],
            overlaps: vec![],
        };
        let coasts = Coasts {
            states: vec![StateCoast {
                state: country("JPN"),
                lines: MultiLineString(vec![LineString(vec![])]),
                land: MultiPolygon(vec![Polygon::new(
                    square(0.0, 0.0, 0.2).0[0].exterior().clone(),
                    vec![],
                )]),
                origin: "test".into(),
            }],
        };
        ZoneIndex::new(&zones, &coasts)
    }

    pub fn w(state: &str, zone: ZoneKind) -> Within {
        Within {
            state: country(state),
            zone,
        }
    }

    #[test]
    fn a_point_in_the_territorial_sea_is_in_it_and_not_in_the_eez() {
        let ix = index();
        let p = Point::new(0.5, 0.5);
        assert!(ix.contains(p, w("JPN", ZoneKind::TerritorialSea)));
        assert!(!ix.contains(p, w("JPN", ZoneKind::Eez)));
        assert!(!ix.contains(p, w("PHL", ZoneKind::Eez)));
    }

    #[test]
    fn beyond_the_territorial_sea_the_eez_holds_and_overlaps_count_for_both() {
        let ix = index();
        assert!(ix.contains(Point::new(3.0, 3.0), w("JPN", ZoneKind::Eez)));
        assert!(!ix.contains(Point::new(3.0, 3.0), w("JPN", ZoneKind::TerritorialSea)));
        let both = Point::new(7.0, 7.0);
        assert!(ix.contains(both, w("JPN", ZoneKind::Eez)));
        assert!(ix.contains(both, w("PHL", ZoneKind::Eez)));
        assert!(!ix.contains(Point::new(12.0, 12.0), w("JPN", ZoneKind::Eez)));
        assert!(!ix.contains(Point::new(30.0, 30.0), w("PHL", ZoneKind::Eez)));
    }

    #[test]
    fn a_point_on_land_is_in_no_zone() {
        let ix = index();
        assert!(!ix.contains(Point::new(0.1, 0.1), w("JPN", ZoneKind::TerritorialSea)));
        assert!(ix.contains(Point::new(0.3, 0.1), w("JPN", ZoneKind::TerritorialSea)));
    }

    #[test]
    fn states_lists_holders_and_their_kinds_but_not_unheld_features() {
        let states = index().states();
        let codes: Vec<(&str, Vec<ZoneKind>)> =
            states.iter().map(|(c, k)| (c.code(), k.clone())).collect();
        assert_eq!(
            codes,
            [
                ("JPN", vec![ZoneKind::TerritorialSea, ZoneKind::Eez]),
                ("PHL", vec![ZoneKind::Eez])
            ]
        );
    }

    #[test]
    fn saved_by_its_words_and_unknown_words_refused() {
        let json = serde_json::to_string(&w("JPN", ZoneKind::TerritorialSea)).expect("json");
        assert_eq!(json, r#"{"state":"JPN","zone":"territorial_sea"}"#);
        let back: Within = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, w("JPN", ZoneKind::TerritorialSea));
        let bad = serde_json::from_str::<Within>(r#"{"state":"JPN","zone":"high_seas"}"#);
        assert!(bad.is_err_and(|e| e.to_string().contains("high_seas")));
    }
}
