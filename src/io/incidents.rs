//! `incidents.geojson` → [`Incident`]s.

use super::collection::{bytes_to_collection, convert_all, geometry, read_bytes};
use super::error::LoadError;
use super::props::Props;
use crate::model::incident::{Actor, ActorRole, LocationPrecision, Sea};
use crate::model::{Incident, IncidentKind};
use geo::Geometry;
use geojson::Feature;
use std::path::Path;

/// Loads incidents; bad records are reported and skipped.
pub fn load(path: &Path) -> Result<(Vec<Incident>, Vec<LoadError>), LoadError> {
    from_bytes(path, read_bytes(path)?)
}

/// The same from a file's bytes (named `path` in errors), wherever they were read.
pub fn from_bytes(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(Vec<Incident>, Vec<LoadError>), LoadError> {
    let fc = bytes_to_collection(path, bytes)?;
    Ok(convert_all(path, &fc, convert))
}

/// One feature of an incidents file as an [`Incident`] (also used by the user's log).
pub fn convert(p: &Props<'_>, f: &Feature) -> Result<Incident, LoadError> {
    let Geometry::Point(position) = geometry(p, f)? else {
        return Err(p.geometry_error("expected a Point"));
    };
    let date = p.date("date")?;
    let date_end = p.opt_date("date_end")?;
    if date_end.is_some_and(|end| end < date) {
        return Err(p.error("date_end", "is before date"));
    }
    let actors = p
        .objects("actors")?
        .into_iter()
        .map(|(path, o)| {
            let code = p.required_field(o, &path, "country")?;
            let role = p.required_field(o, &path, "role")?;
            Ok(Actor {
                name: p.required_field(o, &path, "name")?.to_owned(),
                agency: p.field(o, &path, "agency")?.map(str::to_owned),
                country: crate::model::Country::parse(code).ok_or_else(|| {
                    p.error(
                        &format!("{path}.country"),
                        format!("\"{code}\" is not an accepted alpha-3 code"),
                    )
                })?,
                role: ActorRole::parse(role).ok_or_else(|| {
                    p.error(
                        &format!("{path}.role"),
                        format!(
                            "unknown role \"{role}\"; accepted: {}",
                            ActorRole::accepted()
                        ),
                    )
                })?,
            })
        })
        .collect::<Result<Vec<_>, LoadError>>()?;
    if actors.is_empty() {
        return Err(p.error("actors", "at least one actor is required"));
    }
    Ok(Incident {
        id: p.string("id")?,
        date,
        date_end,
        date_precision: p.date_precision("date_precision")?,
        kind: p.enumeration("kind", IncidentKind::parse, &IncidentKind::accepted())?,
        sea: p.enumeration("sea", Sea::parse, &Sea::accepted())?,
        actors,
        location_name: p.string("location_name")?,
        location_precision: p.enumeration(
            "location_precision",
            LocationPrecision::parse,
            &LocationPrecision::accepted(),
        )?,
        feature_id: p.opt_string("feature_id")?,
        summary: p.string("summary")?,
        casualties: p.opt_string("casualties")?,
        disputed_accounts: p.opt_string("disputed_accounts")?,
        uncertain: p.strings("uncertain")?,
        sources: p.sources()?,
        position,
    })
}
