//! Each validation rule of the incident form, alone, names its field.

use super::super::region::REGION;
use super::super::test_support::{day, incident};
use super::*;

fn today() -> Date {
    day("2026-05-10")
}

fn good() -> IncidentDraft {
    IncidentDraft::from_incident(&incident("x", "2024-06-17", 116.0, 10.0))
}

/// The fields `d` is refused for.
fn bad_fields(d: &IncidentDraft) -> Vec<Field> {
    validate(d, today(), &REGION)
        .into_iter()
        .map(|e| e.field)
        .collect()
}

fn assert_only(d: &IncidentDraft, field: Field, needle: &str) {
    let errs = validate(d, today(), &REGION);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].field, field, "{errs:?}");
    assert!(errs[0].message.contains(needle), "{errs:?}");
}

#[test]
fn a_valid_draft_converts_back_to_the_same_incident() {
    let mut x = incident("a", "2024-06-17", 116.25, 10.5);
    x.id.clear();
    let back = IncidentDraft::from_incident(&x).to_incident(today(), &REGION);
    assert_eq!(back, Ok(x));
    assert!(validate(&good(), today(), &REGION).is_empty());
}

#[test]
fn urls_must_be_http_with_a_host() {
    for (url, needle) in [
        ("ftp://example.org/x", "http(s)"),
        ("javascript:alert(1)", "http(s)"),
        ("https://", "not a URL"),
        ("example.org/report", "not a URL"),
        ("", "required"),
        ("https://exa mple.org", "not a URL"),
    ] {
        let mut d = good();
        d.sources[0].url = url.into();
        assert_only(&d, Field::SourceUrl(0), needle);
    }
    let mut d = good();
    d.sources[0].url = "http://news.example.com/a?b=c".into();
    assert!(bad_fields(&d).is_empty());
}

#[test]
fn dates_cannot_be_in_the_future_nor_end_before_they_start() {
    let mut d = good();
    d.date = "2026-05-11".into();
    assert_only(&d, Field::Date, "future");
    d.date = "2026-05-10".into();
    assert!(bad_fields(&d).is_empty(), "today is allowed");
    let mut d = good();
    d.date_end = "2024-06-16".into();
    assert_only(&d, Field::DateEnd, "before");
    d.date_end = "2030-01-01".into();
    assert_only(&d, Field::DateEnd, "future");
    d.date_end = "2024-06-18".into();
    assert!(bad_fields(&d).is_empty());
    d.date = "17/06/2024".into();
    assert_only(&d, Field::Date, "not a date");
    d.date = "2024-02-30".into();
    assert_only(&d, Field::Date, "not a date");
}

#[test]
fn date_precision_follows_the_form_of_the_date() {
    let mut d = good();
    d.date_precision = String::new();
    d.date = "2024-06".into();
    let x = d.to_incident(today(), &REGION).unwrap();
    assert_eq!(
        (x.date, x.date_precision),
        (day("2024-06-01"), DatePrecision::Month)
    );
    d.date_precision = "day".into();
    assert_only(&d, Field::Date, "YYYY-MM-DD");
    d.date_precision = "weekly".into();
    assert_only(&d, Field::DatePrecision, "weekly");
}

#[test]
fn positions_must_lie_in_the_region() {
    let mut d = good();
    d.latitude = "40.5".into();
    assert_only(&d, Field::Latitude, "outside the region");
    let mut d = good();
    d.longitude = "100".into();
    assert_only(&d, Field::Longitude, "outside the region");
    d.longitude = "east".into();
    assert_only(&d, Field::Longitude, "not a longitude");
    d.longitude = "104".into();
    assert!(bad_fields(&d).is_empty(), "the edge is inside");
}

#[test]
fn sources_summary_kind_and_actors_are_required() {
    let mut d = good();
    d.sources.clear();
    assert_only(&d, Field::Sources, "at least one source");
    let mut d = good();
    d.sources.push(SourceDraft::default());
    assert!(
        bad_fields(&d).is_empty(),
        "an empty row of the form is ignored"
    );
    d.sources[1].url = "https://example.org".into();
    assert_only(&d, Field::SourcePublisher(1), "publisher");
    let mut d = good();
    d.summary = "   ".into();
    assert_only(&d, Field::Summary, "summary");
    let mut d = good();
    d.kind = "torpedo".into();
    assert_only(&d, Field::Kind, "water_cannon");
    let mut d = good();
    d.actors.clear();
    assert_only(&d, Field::Actors, "at least one actor");
    let mut d = good();
    d.actors[0].country = "XXX".into();
    assert_only(&d, Field::ActorCountry(0), "XXX");
    let mut d = good();
    d.sea = "med".into();
    assert_only(&d, Field::Sea, "scs");
}

#[test]
fn every_bad_field_is_reported_at_once() {
    let d = IncidentDraft::default();
    let fields = bad_fields(&d);
    for f in [
        Field::Date,
        Field::Kind,
        Field::Sea,
        Field::Actors,
        Field::LocationName,
        Field::LocationPrecision,
        Field::Latitude,
        Field::Longitude,
        Field::Summary,
        Field::Sources,
    ] {
        assert!(fields.contains(&f), "{f:?} not reported: {fields:?}");
    }
    assert_eq!(Field::SourceUrl(2).key(), "sources[2].url");
}
