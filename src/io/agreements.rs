//! `agreements.geojson` → [`Agreement`]s, [`Site`]s and [`Statement`]s.

use super::collection::{convert_all, geometry, parse_collection, read_text};
use super::error::LoadError;
use super::props::Props;
use crate::model::{Agreement, AgreementKind, Site, Statement};
use geo::Geometry;
use geojson::Feature;
use std::path::Path;

/// One record of the agreements file.
pub enum Record {
    Agreement(Agreement),
    Site(Site),
    Statement(Statement),
}

/// What the agreements file holds, split by record type.
#[derive(Default)]
pub struct Agreements {
    pub agreements: Vec<Agreement>,
    pub sites: Vec<Site>,
    pub statements: Vec<Statement>,
}

/// Loads agreements, sites and statements; bad records are reported and skipped.
pub fn load(path: &Path) -> Result<(Agreements, Vec<LoadError>), LoadError> {
    parse(path, &read_text(path)?)
}

/// Parses the text of a file at `path` (named in errors).
pub fn parse(path: &Path, text: &str) -> Result<(Agreements, Vec<LoadError>), LoadError> {
    let fc = parse_collection(path, text)?;
    let (records, errors) = convert_all(path, fc, convert);
    let mut out = Agreements::default();
    for r in records {
        match r {
            Record::Agreement(a) => out.agreements.push(a),
            Record::Site(s) => out.sites.push(s),
            Record::Statement(s) => out.statements.push(s),
        }
    }
    Ok((out, errors))
}

fn convert(p: &Props<'_>, f: &Feature) -> Result<Record, LoadError> {
    match p.string("record")?.as_str() {
        "agreement" => agreement(p).map(Record::Agreement),
        "site" => site(p, f).map(Record::Site),
        "statement" => statement(p, f).map(Record::Statement),
        other => Err(p.error(
            "record",
            format!("unknown record type \"{other}\"; accepted: agreement, site, statement"),
        )),
    }
}

fn agreement(p: &Props<'_>) -> Result<Agreement, LoadError> {
    let signed = p.date("signed")?;
    let in_force = p.opt_date("in_force")?;
    if in_force.is_some_and(|d| d < signed) {
        return Err(p.error("in_force", "is before the signing date"));
    }
    let terminated = p.opt_date("terminated")?;
    if terminated.is_some_and(|d| d < signed) {
        return Err(p.error("terminated", "is before the signing date"));
    }
    if let (Some(t), Some(f)) = (terminated, in_force)
        && t < f
    {
        return Err(p.error("terminated", "is before the in_force date"));
    }
    Ok(Agreement {
        id: p.string("id")?,
        name: p.string("name")?,
        short_name: p.string("short_name")?,
        parties: p.countries("parties")?,
        kind: p.enumeration(
            "kind",
            AgreementKind::parse,
            "treaty, access, logistics, status_of_forces, defense_cooperation",
        )?,
        signed,
        in_force,
        terminated,
        status_note: p.opt_string("status_note")?,
        scope: p.text("scope")?,
        summary: p.text("summary")?,
        uncertain: p.strings("uncertain")?,
        sources: p.sources()?,
    })
}

fn site(p: &Props<'_>, f: &Feature) -> Result<Site, LoadError> {
    let Geometry::Point(position) = geometry(p, f)? else {
        return Err(p.geometry_error("a site must be a Point"));
    };
    let sources = p.sources()?;
    p.position_source(sources.len())?;
    Ok(Site {
        id: p.string("id")?,
        name: p.string("name")?,
        aliases: p.aliases()?,
        agreements: p.strings("agreements")?,
        country: p.country("country")?,
        added: p.opt_date("added")?,
        notes: p.text("notes")?,
        uncertain: p.strings("uncertain")?,
        sources,
        position,
    })
}

fn statement(p: &Props<'_>, f: &Feature) -> Result<Statement, LoadError> {
    let zone = match f.geometry {
        None => None,
        Some(_) => match geometry(p, f)? {
            Geometry::Polygon(poly) => Some(poly),
            _ => return Err(p.geometry_error("a statement's zone must be a Polygon (or null)")),
        },
    };
    Ok(Statement {
        id: p.string("id")?,
        agreement_id: p.string("agreement_id")?,
        date: p.date("date")?,
        speaker: p.string("speaker")?,
        covers: p.strings("covers")?,
        summary: p.string("summary")?,
        sources: p.sources()?,
        zone,
    })
}
