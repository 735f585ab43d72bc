//! The text of the CSV export's list cells (actors, sources, uncertain points), written and read
//! back: one item per line inside the cell, so that commas and semicolons in names survive.

use crate::model::common::{Country, Date, Source};
use crate::model::incident::{Actor, ActorRole};

/// Items of a list cell are separated by line breaks (a spreadsheet shows one per line).
pub const ITEM_SEPARATOR: &str = "\n";

/// One actor as `name (agency, CTY, role)` or `name (CTY, role)`.
pub fn actor_text(a: &Actor) -> String {
    match &a.agency {
        Some(agency) => format!("{} ({agency}, {}, {})", a.name, a.country, a.role.label()),
        None => format!("{} ({}, {})", a.name, a.country, a.role.label()),
    }
}

/// One source as `Publisher, “Title”, published 2024-06-17 <https://…>` (title and date when
/// known; `accessed` instead of `published` for an access date).
pub fn source_text(s: &Source) -> String {
    let mut text = s.publisher.clone();
    if let Some(t) = &s.title {
        text.push_str(&format!(", \u{201c}{t}\u{201d}"));
    }
    if let Some(d) = s.date {
        let kind = if s.date_is_accessed {
            "accessed"
        } else {
            "published"
        };
        text.push_str(&format!(", {kind} {d}"));
    }
    format!("{text} <{}>", s.url)
}

/// The items of a list cell (empty lines dropped).
pub fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(ITEM_SEPARATOR)
        .map(|s| s.trim_end_matches('\r').trim())
        .filter(|s| !s.is_empty())
}

/// Parses [`actor_text`]: the last balanced parenthesis holds `[agency, ]CTY, role`.
pub fn parse_actor(text: &str) -> Result<Actor, String> {
    let form = || format!("\"{text}\" is not \"name (agency, CTY, role)\"");
    let body = text.strip_suffix(')').ok_or_else(form)?;
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let open = open.ok_or_else(form)?;
    let name = body[..open].trim();
    let mut parts = body[open + 1..].rsplitn(3, ", ");
    let role = parts.next().ok_or_else(form)?;
    let code = parts.next().ok_or_else(form)?;
    let agency = parts.next().map(str::trim).filter(|s| !s.is_empty());
    if name.is_empty() {
        return Err(form());
    }
    Ok(Actor {
        name: name.to_owned(),
        agency: agency.map(str::to_owned),
        country: Country::parse(code.trim()).ok_or_else(|| {
            format!(
                "\"{code}\" is not an accepted country code ({})",
                Country::accepted_codes()
            )
        })?,
        role: ActorRole::parse(role.trim()).ok_or_else(|| {
            format!("unknown role \"{role}\"; accepted: initiator, target, responder, other")
        })?,
    })
}

/// Parses [`source_text`] from the right: `<url>`, then the date, then the quoted title.
pub fn parse_source(text: &str) -> Result<Source, String> {
    let form = || format!("\"{text}\" is not \"Publisher, “Title”, published YYYY-MM-DD <URL>\"");
    let body = text.strip_suffix('>').ok_or_else(form)?;
    let open = body.rfind('<').ok_or_else(form)?;
    let url = body[open + 1..].trim().to_owned();
    let mut rest = body[..open].trim_end();
    let mut date: Option<Date> = None;
    let mut date_is_accessed = false;
    for (kind, accessed) in [(", published ", false), (", accessed ", true)] {
        if let Some(at) = rest.rfind(kind) {
            let tail = &rest[at + kind.len()..];
            if let Some(d) = super::props::parse_date(tail) {
                date = Some(d);
                date_is_accessed = accessed;
                rest = &rest[..at];
                break;
            }
        }
    }
    let mut title = None;
    if let (Some(body), Some(at)) = (rest.strip_suffix('\u{201d}'), rest.find(", \u{201c}")) {
        let start = at + ", \u{201c}".len();
        if start <= body.len() {
            title = Some(body[start..].to_owned());
            rest = &rest[..at];
        }
    }
    let publisher = rest.trim();
    if publisher.is_empty() {
        return Err(form());
    }
    Ok(Source {
        publisher: publisher.to_owned(),
        title,
        url,
        date,
        date_is_accessed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_with_parentheses_and_commas_read_back() {
        for (name, agency) in [
            ("Chinese navy (radio warnings)", Some("PLA Navy")),
            ("Two CCG boats; six officers", None),
            (
                "Coast Guard",
                Some("Coast Guard Administration (Taiwan), Kinmen"),
            ),
        ] {
            let a = Actor {
                name: name.into(),
                agency: agency.map(Into::into),
                country: Country::parse("TWN").unwrap(),
                role: ActorRole::Responder,
            };
            assert_eq!(parse_actor(&actor_text(&a)), Ok(a));
        }
        assert!(parse_actor("BRP Sierra Madre").is_err());
        assert!(parse_actor("X (PHL, hero)").unwrap_err().contains("hero"));
        assert!(parse_actor("X (XYZ, target)").unwrap_err().contains("XYZ"));
    }

    #[test]
    fn sources_with_or_without_title_and_date_read_back() {
        let mut s = Source {
            publisher: "Rappler; Inquirer".into(),
            title: Some("A \u{201c}quoted\u{201d} title, with commas".into()),
            url: "https://example.org/a?b=<c>".replace(['<', '>'], ""),
            date: Some(super::super::props::parse_date("2024-06-17").unwrap()),
            date_is_accessed: true,
        };
        assert_eq!(parse_source(&source_text(&s)), Ok(s.clone()));
        s.title = None;
        assert_eq!(parse_source(&source_text(&s)), Ok(s.clone()));
        s.date = None;
        s.date_is_accessed = false;
        assert_eq!(parse_source(&source_text(&s)), Ok(s.clone()));
        assert!(parse_source("Reuters https://x").is_err());
    }
}
