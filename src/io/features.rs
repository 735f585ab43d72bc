//! `features.geojson` → [`DisputedFeature`]s.

use super::collection::{bytes_to_collection, convert_all, geometry, read_bytes};
use super::error::LoadError;
use super::props::Props;
use crate::model::feature::{Arbitration, AwardClass, Facility};
use crate::model::{DisputedFeature, FeatureGroup, FeatureKind};
use geo::Geometry;
use geojson::Feature;
use std::path::Path;

/// Loads the disputed features; bad records are reported and skipped.
pub fn load(path: &Path) -> Result<(Vec<DisputedFeature>, Vec<LoadError>), LoadError> {
    from_bytes(path, read_bytes(path)?)
}

/// The same from a file's bytes (named `path` in errors), wherever they were read.
pub fn from_bytes(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(Vec<DisputedFeature>, Vec<LoadError>), LoadError> {
    let fc = bytes_to_collection(path, bytes)?;
    Ok(convert_all(path, &fc, convert))
}

fn convert(p: &Props<'_>, f: &Feature) -> Result<DisputedFeature, LoadError> {
    let (position, outline) = match geometry(p, f)? {
        Geometry::Point(pt) => (pt, None),
        Geometry::GeometryCollection(gc) => match gc.0.as_slice() {
            [Geometry::Point(pt), Geometry::Polygon(poly)] => (*pt, Some(poly.clone())),
            _ => {
                return Err(
                    p.geometry_error("a GeometryCollection must hold one Point then one Polygon")
                );
            }
        },
        _ => {
            return Err(
                p.geometry_error("expected a Point (or a Point + Polygon GeometryCollection)")
            );
        }
    };
    let arbitration = arbitration(p)?;
    Ok(DisputedFeature {
        id: p.string("id")?,
        name: p.string("name")?,
        aliases: p.aliases()?,
        group: p.enumeration("group", FeatureGroup::parse, &FeatureGroup::accepted())?,
        kind: p.enumeration("kind", FeatureKind::parse, &FeatureKind::accepted())?,
        claimants: p.countries("claimants")?,
        controlled_by: p.opt_country("controlled_by")?,
        controlled_since: p.opt_date("controlled_since")?,
        controlled_since_precision: p.date_precision("controlled_since_precision")?,
        arbitration,
        facilities: p
            .strings("facilities")?
            .iter()
            .map(|s| {
                Facility::parse(s).ok_or_else(|| {
                    let accepted = Facility::accepted();
                    p.error(
                        "facilities",
                        format!("unknown facility \"{s}\"; accepted: {accepted}"),
                    )
                })
            })
            .collect::<Result<_, _>>()?,
        area_km2: p.opt_f64("area_km2")?,
        notes: p.text("notes")?,
        uncertain: p.strings("uncertain")?,
        sources: p.sources()?,
        position,
        outline,
    })
}

/// `arbitration_2016`: null, or `{classification, paragraphs?}`.
fn arbitration(p: &Props<'_>) -> Result<Option<Arbitration>, LoadError> {
    let Some(obj) = p.object("arbitration_2016")? else {
        return Ok(None);
    };
    let path = "arbitration_2016";
    let class = p.required_field(obj, path, "classification")?;
    let classification = AwardClass::parse(class).ok_or_else(|| {
        p.error(
            "arbitration_2016.classification",
            format!(
                "unknown value \"{class}\"; accepted: {}",
                AwardClass::accepted()
            ),
        )
    })?;
    Ok(Some(Arbitration {
        classification,
        paragraphs: p.field(obj, path, "paragraphs")?.map(str::to_owned),
    }))
}
