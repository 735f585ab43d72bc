//! Incidents for the workbench's unit tests (invented test values, not data).

use crate::model::common::{Country, Date, Source};
use crate::model::incident::{Actor, ActorRole, LocationPrecision, Sea};
use crate::model::{Incident, IncidentKind};
use geo::Point;

pub(crate) fn day(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

/// A valid incident with `id` on `date` at `lon`, `lat`.
pub(crate) fn incident(id: &str, date: &str, lon: f64, lat: f64) -> Incident {
    Incident {
        id: id.into(),
        date: day(date),
        date_end: None,
        date_precision: crate::model::DatePrecision::Day,
        kind: IncidentKind::WaterCannon,
        sea: Sea::SouthChinaSea,
        actors: vec![Actor {
            name: "Test vessel A".into(),
            agency: Some("Test agency".into()),
            country: Country::parse("CHN").unwrap(),
            role: ActorRole::Initiator,
        }],
        location_name: "Test shoal".into(),
        location_precision: LocationPrecision::Approximate,
        feature_id: None,
        summary: format!("Test summary for {id}"),
        casualties: None,
        disputed_accounts: None,
        uncertain: vec![],
        sources: vec![Source {
            publisher: "Test publisher".into(),
            title: Some("Test title".into()),
            url: "https://example.org/report".into(),
            date: Some(day(date)),
            date_is_accessed: false,
        }],
        position: Point::new(lon, lat),
    }
}
