//! An incident as the user types it (strings), checked field by field, and turned into an
//! [`Incident`] only when every field is valid: the form marks each bad field as it is typed.

use super::region::Region;
use crate::model::common::{Country, Date, DatePrecision, Source};
use crate::model::incident::{Actor, ActorRole, LocationPrecision, Sea};
use crate::model::{Incident, IncidentKind};
use geo::Point;

/// One actor as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActorDraft {
    pub name: String,
    pub agency: String,
    /// ISO alpha-3, e.g. `PHL`.
    pub country: String,
    /// `initiator`, `target`, `responder` or `other`.
    pub role: String,
}

/// One source as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceDraft {
    pub publisher: String,
    pub title: String,
    pub url: String,
    /// `YYYY-MM-DD` or empty.
    pub date: String,
    /// The date is when the page was consulted, not published.
    pub date_is_accessed: bool,
}

/// Every field of the incident schema, as typed (keys as in `assets/incidents.geojson`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IncidentDraft {
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for month or year precision.
    pub date: String,
    pub date_end: String,
    /// `day`, `month`, `year`, or empty to take it from the form of `date`.
    pub date_precision: String,
    pub kind: String,
    /// `scs` or `ecs`.
    pub sea: String,
    pub actors: Vec<ActorDraft>,
    pub location_name: String,
    pub location_precision: String,
    pub feature_id: String,
    pub latitude: String,
    pub longitude: String,
    pub summary: String,
    pub casualties: String,
    pub disputed_accounts: String,
    pub uncertain: Vec<String>,
    pub sources: Vec<SourceDraft>,
}

/// A field of the form; [`Field::key`] names it as the data files do (`sources[1].url`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Date,
    DateEnd,
    DatePrecision,
    Kind,
    Sea,
    Actors,
    ActorName(usize),
    ActorCountry(usize),
    ActorRole(usize),
    LocationName,
    LocationPrecision,
    Latitude,
    Longitude,
    Summary,
    Sources,
    SourcePublisher(usize),
    SourceUrl(usize),
    SourceDate(usize),
}

impl Field {
    pub fn key(self) -> String {
        match self {
            Self::Date => "date".into(),
            Self::DateEnd => "date_end".into(),
            Self::DatePrecision => "date_precision".into(),
            Self::Kind => "kind".into(),
            Self::Sea => "sea".into(),
            Self::Actors => "actors".into(),
            Self::ActorName(i) => format!("actors[{i}].name"),
            Self::ActorCountry(i) => format!("actors[{i}].country"),
            Self::ActorRole(i) => format!("actors[{i}].role"),
            Self::LocationName => "location_name".into(),
            Self::LocationPrecision => "location_precision".into(),
            Self::Latitude => "latitude".into(),
            Self::Longitude => "longitude".into(),
            Self::Summary => "summary".into(),
            Self::Sources => "sources".into(),
            Self::SourcePublisher(i) => format!("sources[{i}].publisher"),
            Self::SourceUrl(i) => format!("sources[{i}].url"),
            Self::SourceDate(i) => format!("sources[{i}].date"),
        }
    }
}

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field.key(), self.message)
    }
}

/// Every problem of `draft`, field by field (empty when it can be saved). `today` bounds dates:
/// an incident cannot have happened in the future.
pub fn validate(draft: &IncidentDraft, today: Date, region: &Region) -> Vec<FieldError> {
    match draft.to_incident(today, region) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    }
}

/// Collects field errors while a draft is converted.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn push(&mut self, field: Field, message: impl Into<String>) {
        self.0.push(FieldError {
            field,
            message: message.into(),
        });
    }

    /// `Some(value)` when `result` is ok, else records the error.
    fn take<T>(&mut self, field: Field, result: Result<T, String>) -> Option<T> {
        result.map_err(|m| self.push(field, m)).ok()
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn required(s: &str, what: &str) -> Result<String, String> {
    non_empty(s).ok_or_else(|| format!("{what} is required"))
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, with the precision the form implies.
fn parse_date_form(s: &str) -> Option<(Date, DatePrecision)> {
    let s = s.trim();
    match s.len() {
        10 => Date::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(|d| (d, DatePrecision::Day)),
        7 => Date::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
            .ok()
            .map(|d| (d, DatePrecision::Month)),
        4 if s.bytes().all(|b| b.is_ascii_digit()) => {
            Date::parse_from_str(&format!("{s}-01-01"), "%Y-%m-%d")
                .ok()
                .map(|d| (d, DatePrecision::Year))
        }
        _ => None,
    }
}

fn parse_day(s: &str) -> Result<Date, String> {
    match parse_date_form(s) {
        Some((d, DatePrecision::Day)) => Ok(d),
        _ => Err(format!("\"{}\" is not a date YYYY-MM-DD", s.trim())),
    }
}

/// An http(s) URL with a host; anything else is never opened.
fn check_url(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("a URL is required".into());
    }
    let url = url::Url::parse(s).map_err(|e| format!("\"{s}\" is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("\"{s}\" is not an http(s) URL"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("\"{s}\" has no host"));
    }
    if s.contains(char::is_whitespace) {
        return Err(format!("\"{s}\" contains spaces"));
    }
    Ok(s.to_owned())
}

fn parse_key<T>(s: &str, parse: impl Fn(&str) -> Option<T>, accepted: &str) -> Result<T, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(format!("required; accepted: {accepted}"));
    }
    parse(s).ok_or_else(|| format!("unknown value \"{s}\"; accepted: {accepted}"))
}

fn parse_degrees(s: &str, what: &str) -> Result<f64, String> {
    let s = s.trim();
    s.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("\"{s}\" is not a {what} in decimal degrees"))
}

impl IncidentDraft {
    /// The position as typed (lon, lat in degrees), when both parse; for the map's pin, which
    /// shows it even outside the region (the form says what is wrong).
    pub fn lon_lat(&self) -> Option<(f64, f64)> {
        let lon = parse_degrees(&self.longitude, "longitude").ok()?;
        let lat = parse_degrees(&self.latitude, "latitude").ok()?;
        Some((lon, lat))
    }

    /// Sets the position (a right-click's, a dragged pin's) to 5 decimals (about a metre).
    pub fn set_lon_lat(&mut self, lon_deg: f64, lat_deg: f64) {
        self.longitude = format!("{lon_deg:.5}");
        self.latitude = format!("{lat_deg:.5}");
    }

    /// The draft of an existing incident, for editing (converts back to an equal incident).
    pub fn from_incident(x: &Incident) -> Self {
        Self {
            date: x.date_precision.format(x.date),
            date_end: x.date_end.map(|d| d.to_string()).unwrap_or_default(),
            date_precision: x.date_precision.key().to_owned(),
            kind: x.kind.key().to_owned(),
            sea: x.sea.key().to_owned(),
            actors: x
                .actors
                .iter()
                .map(|a| ActorDraft {
                    name: a.name.clone(),
                    agency: a.agency.clone().unwrap_or_default(),
                    country: a.country.code().to_owned(),
                    role: a.role.label().to_owned(),
                })
                .collect(),
            location_name: x.location_name.clone(),
            location_precision: x.location_precision.key().to_owned(),
            feature_id: x.feature_id.clone().unwrap_or_default(),
            latitude: x.position.y().to_string(),
            longitude: x.position.x().to_string(),
            summary: x.summary.clone(),
            casualties: x.casualties.clone().unwrap_or_default(),
            disputed_accounts: x.disputed_accounts.clone().unwrap_or_default(),
            uncertain: x.uncertain.clone(),
            sources: x
                .sources
                .iter()
                .map(|s| SourceDraft {
                    publisher: s.publisher.clone(),
                    title: s.title.clone().unwrap_or_default(),
                    url: s.url.clone(),
                    date: s.date.map(|d| d.to_string()).unwrap_or_default(),
                    date_is_accessed: s.date_is_accessed,
                })
                .collect(),
        }
    }

    /// The incident (with an empty id: the log assigns one), or every field error.
    pub fn to_incident(&self, today: Date, region: &Region) -> Result<Incident, Vec<FieldError>> {
        let mut e = Errors::default();
        let dates = self.dates(today, &mut e);
        let kind = e.take(
            Field::Kind,
            parse_key(&self.kind, IncidentKind::parse, &IncidentKind::accepted()),
        );
        let sea = e.take(Field::Sea, parse_key(&self.sea, Sea::parse, "scs, ecs"));
        let actors = self.actors(&mut e);
        let location_name = e.take(
            Field::LocationName,
            required(&self.location_name, "a location name"),
        );
        let location_precision = e.take(
            Field::LocationPrecision,
            parse_key(
                &self.location_precision,
                LocationPrecision::parse,
                "exact, feature, approximate",
            ),
        );
        let position = self.position(region, &mut e);
        let summary = e.take(Field::Summary, required(&self.summary, "a summary"));
        let sources = self.sources(&mut e);
        if !e.0.is_empty() {
            return Err(e.0);
        }
        let (
            Some((date, date_end, date_precision)),
            Some(kind),
            Some(sea),
            Some(location_name),
            Some(location_precision),
            Some(position),
            Some(summary),
        ) = (
            dates,
            kind,
            sea,
            location_name,
            location_precision,
            position,
            summary,
        )
        else {
            return Err(e.0);
        };
        Ok(Incident {
            id: String::new(),
            date,
            date_end,
            date_precision,
            kind,
            sea,
            actors,
            location_name,
            location_precision,
            feature_id: non_empty(&self.feature_id),
            summary,
            casualties: non_empty(&self.casualties),
            disputed_accounts: non_empty(&self.disputed_accounts),
            uncertain: self.uncertain.iter().filter_map(|u| non_empty(u)).collect(),
            sources,
            position,
        })
    }

    fn dates(&self, today: Date, e: &mut Errors) -> Option<(Date, Option<Date>, DatePrecision)> {
        let Some((date, implied)) = parse_date_form(&self.date) else {
            let msg = if self.date.trim().is_empty() {
                "a date is required (YYYY-MM-DD, or YYYY-MM / YYYY)".to_owned()
            } else {
                format!(
                    "\"{}\" is not a date YYYY-MM-DD (or YYYY-MM, YYYY)",
                    self.date.trim()
                )
            };
            e.push(Field::Date, msg);
            return None;
        };
        let precision = match self.date_precision.trim() {
            "" => implied,
            p => {
                let given = e.take(
                    Field::DatePrecision,
                    parse_key(p, parse_precision, "day, month, year"),
                )?;
                if given != implied {
                    e.push(
                        Field::Date,
                        format!("with {p} precision write the date as {}", form_of(given)),
                    );
                    return None;
                }
                given
            }
        };
        if date > today {
            e.push(Field::Date, format!("{date} is in the future"));
        }
        let date_end = match non_empty(&self.date_end) {
            None => None,
            Some(s) => {
                let end = e.take(Field::DateEnd, parse_day(&s))?;
                if end < date {
                    e.push(Field::DateEnd, format!("{end} is before the date {date}"));
                } else if end > today {
                    e.push(Field::DateEnd, format!("{end} is in the future"));
                }
                Some(end)
            }
        };
        Some((date, date_end, precision))
    }

    fn actors(&self, e: &mut Errors) -> Vec<Actor> {
        let mut out = Vec::new();
        let named: Vec<(usize, &ActorDraft)> = self
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| *a != &ActorDraft::default())
            .collect();
        if named.is_empty() {
            e.push(Field::Actors, "at least one actor is required");
        }
        for (i, a) in named {
            let name = e.take(Field::ActorName(i), required(&a.name, "a name"));
            let country = e.take(
                Field::ActorCountry(i),
                parse_key(&a.country, Country::parse, &Country::accepted_codes()),
            );
            let role = e.take(
                Field::ActorRole(i),
                parse_key(
                    &a.role,
                    ActorRole::parse,
                    "initiator, target, responder, other",
                ),
            );
            if let (Some(name), Some(country), Some(role)) = (name, country, role) {
                out.push(Actor {
                    name,
                    agency: non_empty(&a.agency),
                    country,
                    role,
                });
            }
        }
        out
    }

    fn position(&self, region: &Region, e: &mut Errors) -> Option<Point<f64>> {
        let lat = e.take(Field::Latitude, parse_degrees(&self.latitude, "latitude"));
        let lon = e.take(
            Field::Longitude,
            parse_degrees(&self.longitude, "longitude"),
        );
        let lat = lat.and_then(|v| e.take(Field::Latitude, region.lat_error(v).map_or(Ok(v), Err)));
        let lon =
            lon.and_then(|v| e.take(Field::Longitude, region.lon_error(v).map_or(Ok(v), Err)));
        Some(Point::new(lon?, lat?))
    }

    fn sources(&self, e: &mut Errors) -> Vec<Source> {
        let given: Vec<(usize, &SourceDraft)> = self
            .sources
            .iter()
            .enumerate()
            .filter(|(_, s)| *s != &SourceDraft::default())
            .collect();
        if given.is_empty() {
            e.push(
                Field::Sources,
                "at least one source (publisher and URL) is required",
            );
        }
        let mut out = Vec::new();
        for (i, s) in given {
            let publisher = e.take(
                Field::SourcePublisher(i),
                required(&s.publisher, "a publisher"),
            );
            let url = e.take(Field::SourceUrl(i), check_url(&s.url));
            let date = match non_empty(&s.date) {
                None => Some(None),
                Some(d) => e.take(Field::SourceDate(i), parse_day(&d)).map(Some),
            };
            if let (Some(publisher), Some(url), Some(date)) = (publisher, url, date) {
                out.push(Source {
                    publisher,
                    title: non_empty(&s.title),
                    url,
                    date,
                    date_is_accessed: s.date_is_accessed && date.is_some(),
                });
            }
        }
        out
    }
}

fn parse_precision(s: &str) -> Option<DatePrecision> {
    [
        DatePrecision::Day,
        DatePrecision::Month,
        DatePrecision::Year,
    ]
    .into_iter()
    .find(|p| p.key() == s)
}

fn form_of(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "YYYY-MM-DD",
        DatePrecision::Month => "YYYY-MM",
        DatePrecision::Year => "YYYY",
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod draft_tests;
