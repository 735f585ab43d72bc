//! `claims.geojson` → [`Claim`]s.

use super::collection::{convert_all, geometry, parse_collection, read_text};
use super::error::LoadError;
use super::props::Props;
use crate::model::{Claim, ClaimGeometry, ClaimKind};
use geo::{Geometry, MultiLineString, MultiPolygon};
use geojson::Feature;
use std::path::Path;

/// Loads claim lines and zones; bad records are reported and skipped.
pub fn load(path: &Path) -> Result<(Vec<Claim>, Vec<LoadError>), LoadError> {
    parse(path, &read_text(path)?)
}

/// Parses the text of a file at `path` (named in errors).
pub fn parse(path: &Path, text: &str) -> Result<(Vec<Claim>, Vec<LoadError>), LoadError> {
    let fc = parse_collection(path, text)?;
    Ok(convert_all(path, fc, convert))
}

fn convert(p: &Props<'_>, f: &Feature) -> Result<Claim, LoadError> {
    let geometry = match geometry(p, f)? {
        Geometry::LineString(l) => ClaimGeometry::Lines(MultiLineString(vec![l])),
        Geometry::MultiLineString(m) => ClaimGeometry::Lines(m),
        Geometry::Polygon(poly) => ClaimGeometry::Areas(MultiPolygon(vec![poly])),
        Geometry::MultiPolygon(m) => ClaimGeometry::Areas(m),
        _ => {
            return Err(p.geometry_error(
                "expected a LineString, MultiLineString, Polygon or MultiPolygon",
            ));
        }
    };
    Ok(Claim {
        id: p.string("id")?,
        name: p.string("name")?,
        aliases: p.aliases()?,
        claimant: p.country("claimant")?,
        kind: p.enumeration(
            "kind",
            ClaimKind::parse,
            "dash_line, baseline, archipelagic_baseline, adiz, claim_area, territorial_sea",
        )?,
        declared: p.opt_date("declared")?,
        legal_status: p.text("legal_status")?,
        points_source: p.text("points_source")?,
        uncertain: p.strings("uncertain")?,
        sources: p.sources()?,
        geometry,
    })
}
