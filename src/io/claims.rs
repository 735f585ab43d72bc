//! `claims.geojson` → [`Claim`]s.

use super::collection::{bytes_to_collection, convert_all, geometry, read_bytes};
use super::error::LoadError;
use super::props::Props;
use crate::model::{Claim, ClaimGeometry, ClaimKind, Country};
use geo::{Geometry, MultiLineString, MultiPolygon};
use geojson::Feature;
use std::path::Path;

/// Loads claim lines and zones; bad records are reported and skipped.
pub fn load(path: &Path) -> Result<(Vec<Claim>, Vec<LoadError>), LoadError> {
    from_bytes(path, read_bytes(path)?)
}

/// The same from a file's bytes (named `path` in errors), wherever they were read.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<(Vec<Claim>, Vec<LoadError>), LoadError> {
    let fc = bytes_to_collection(path, bytes)?;
    Ok(convert_all(path, &fc, convert))
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
    let kind = p.enumeration("kind", ClaimKind::parse, &ClaimKind::accepted())?;
    let claimant = p.country("claimant")?;
    let parties = parties(p, kind, claimant)?;
    Ok(Claim {
        id: p.string("id")?,
        name: p.string("name")?,
        aliases: p.aliases()?,
        claimant,
        parties,
        kind,
        declared: p.opt_date("declared")?,
        legal_status: p.text("legal_status")?,
        points_source: p.text("points_source")?,
        uncertain: p.strings("uncertain")?,
        sources: p.sources()?,
        geometry,
    })
}

/// `parties` is required for an agreed boundary (two distinct states, the claimant among them)
/// and optional elsewhere.
fn parties(p: &Props<'_>, kind: ClaimKind, claimant: Country) -> Result<Vec<Country>, LoadError> {
    let parties = if p.strings("parties")?.is_empty() {
        Vec::new()
    } else {
        p.countries("parties")?
    };
    if kind == ClaimKind::AgreedBoundary {
        let distinct = parties.len() == 2 && parties[0] != parties[1];
        if !distinct || !parties.contains(&claimant) {
            return Err(p.error(
                "parties",
                "an agreed_boundary needs two distinct parties, one of them the claimant",
            ));
        }
    }
    Ok(parties)
}
