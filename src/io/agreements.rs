//! `agreements.geojson` → [`Agreement`]s, [`Site`]s and [`Statement`]s.

use super::collection::{bytes_to_collection, convert_all, geometry, read_bytes};
use super::error::LoadError;
use super::props::Props;
use crate::model::{Agreement, AgreementKind, Date, Site, Statement};
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
    from_bytes(path, read_bytes(path)?)
}

/// The same from a file's bytes (named `path` in errors), wherever they were read.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<(Agreements, Vec<LoadError>), LoadError> {
    let fc = bytes_to_collection(path, bytes)?;
    let (records, errors) = convert_all(path, &fc, convert);
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
    let dates = AgreementDates {
        talks_agreed: p.opt_date("talks_agreed")?,
        negotiation_began: p.opt_date("negotiation_began")?,
        signed: p.opt_date("signed")?,
        in_force: p.opt_date("in_force")?,
        terminated: p.opt_date("terminated")?,
    };
    dates.check(p)?;
    Ok(Agreement {
        id: p.string("id")?,
        name: p.string("name")?,
        short_name: p.string("short_name")?,
        parties: p.countries("parties")?,
        kind: p.enumeration("kind", AgreementKind::parse, &AgreementKind::accepted())?,
        talks_agreed: dates.talks_agreed,
        negotiation_began: dates.negotiation_began,
        signed: dates.signed,
        in_force: dates.in_force,
        terminated: dates.terminated,
        status_note: p.opt_string("status_note")?,
        scope: p.text("scope")?,
        summary: p.text("summary")?,
        uncertain: p.strings("uncertain")?,
        sources: p.sources()?,
    })
}

/// An agreement's milestones, checked for order before they reach the model.
struct AgreementDates {
    talks_agreed: Option<Date>,
    negotiation_began: Option<Date>,
    signed: Option<Date>,
    in_force: Option<Date>,
    terminated: Option<Date>,
}

impl AgreementDates {
    /// An unsigned agreement must say when talks began; it cannot be in force; and each
    /// milestone follows the ones before it (a law may take effect retroactively: record its
    /// enactment as both dates and say so in `status_note`).
    fn check(&self, p: &Props<'_>) -> Result<(), LoadError> {
        if self.signed.is_none() {
            if self.negotiation_began.is_none() {
                return Err(p.error(
                    "signed",
                    "is null, so `negotiation_began` must give the date talks began",
                ));
            }
            if self.in_force.is_some() {
                return Err(p.error("in_force", "is set but the agreement is not signed"));
            }
        }
        let order = [
            ("talks_agreed", self.talks_agreed),
            ("negotiation_began", self.negotiation_began),
            ("signed", self.signed),
            ("in_force", self.in_force),
            ("terminated", self.terminated),
        ];
        for (i, (later, later_date)) in order.iter().enumerate() {
            let Some(later_date) = later_date else {
                continue;
            };
            if let Some((earlier, Some(earlier_date))) = order[..i]
                .iter()
                .rev()
                .find(|(_, d)| d.is_some_and(|d| d > *later_date))
            {
                return Err(p.error(
                    later,
                    format!("{later_date} is before {earlier} ({earlier_date})"),
                ));
            }
        }
        Ok(())
    }
}

fn site(p: &Props<'_>, f: &Feature) -> Result<Site, LoadError> {
    let Geometry::Point(position) = geometry(p, f)? else {
        return Err(p.geometry_error("a site must be a Point"));
    };
    Ok(Site {
        id: p.string("id")?,
        name: p.string("name")?,
        aliases: p.aliases()?,
        agreements: p.strings("agreements")?,
        country: p.country("country")?,
        added: p.opt_date("added")?,
        notes: p.text("notes")?,
        uncertain: p.strings("uncertain")?,
        sources: p.sources()?,
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
