//! Value types shared by every record: countries, dates, sources, names.

use super::closed::closed_enum;
use chrono::NaiveDate;
use std::fmt;

/// A calendar date. Sources give dates, never times, so a plain date is the honest type.
pub type Date = NaiveDate;

closed_enum! {
    /// How precisely a date is known; a month-precision date is stored as the first of that month.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum DatePrecision {
        #[default]
        Day = "day" => "to the day",
        Month = "month" => "to the month",
        Year = "year" => "to the year",
    }
}

impl DatePrecision {
    /// Formats `date` to the precision the source supports (no invented day or month).
    pub fn format(self, date: Date) -> String {
        match self {
            Self::Day => date.format("%Y-%m-%d").to_string(),
            Self::Month => date.format("%Y-%m").to_string(),
            Self::Year => date.format("%Y").to_string(),
        }
    }
}

/// ISO 3166-1 alpha-3 codes the data may use, with display names.
///
/// A closed list (a subset of ISO 3166-1) so that a typo in the data is a load error, not a new
/// country.
const COUNTRIES: &[(&str, &str)] = &[
    ("AUS", "Australia"),
    ("BRN", "Brunei"),
    ("CAN", "Canada"),
    ("CHN", "China"),
    ("FRA", "France"),
    ("GBR", "United Kingdom"),
    ("IDN", "Indonesia"),
    ("IND", "India"),
    ("JPN", "Japan"),
    ("KHM", "Cambodia"),
    ("KOR", "South Korea"),
    ("MYS", "Malaysia"),
    ("NZL", "New Zealand"),
    ("PHL", "Philippines"),
    ("PRK", "North Korea"),
    ("RUS", "Russia"),
    ("SGP", "Singapore"),
    ("THA", "Thailand"),
    ("TWN", "Taiwan"),
    ("USA", "United States"),
    ("VNM", "Vietnam"),
    // Appended, not sorted in, so the indices above (used in bit sets) stay the same.
    // Outside the region: a party to the 1954 Manila Pact.
    ("PAK", "Pakistan"),
];

/// A validated ISO 3166-1 alpha-3 country code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 3]);

impl Country {
    /// Parses an alpha-3 code from the closed list; `None` for anything else.
    pub fn parse(code: &str) -> Option<Self> {
        COUNTRIES
            .iter()
            .find(|(c, _)| *c == code)
            .and_then(|(c, _)| c.as_bytes().try_into().ok().map(Self))
    }

    /// How many codes the closed list holds (each has an [`index`](Self::index) below this).
    pub const COUNT: usize = COUNTRIES.len();

    /// Every code on the closed list, in its order.
    pub fn all() -> impl Iterator<Item = Self> {
        COUNTRIES
            .iter()
            .filter_map(|(c, _)| c.as_bytes().try_into().ok().map(Self))
    }

    /// Position in the closed list: a small dense number for bit sets.
    pub fn index(&self) -> usize {
        COUNTRIES
            .iter()
            .position(|(c, _)| c.as_bytes() == self.0)
            .unwrap_or(0)
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// English short name for display.
    pub fn name(&self) -> &'static str {
        COUNTRIES
            .iter()
            .find(|(c, _)| c.as_bytes() == self.0)
            .map_or("?", |(_, n)| n)
    }

    /// Every code the data may use, for error messages.
    pub fn accepted_codes() -> String {
        COUNTRIES
            .iter()
            .map(|(c, _)| *c)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl serde::Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Country {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Self::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown country code {code}")))
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where a fact comes from. The loader guarantees the URL is http or https.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub publisher: String,
    pub title: Option<String>,
    pub url: String,
    pub date: Option<Date>,
    /// True when `date` is the date the page was consulted rather than published.
    pub date_is_accessed: bool,
}

impl Source {
    /// One line a writer can paste: publisher, title, date (saying when it is an access date)
    /// and URL, e.g. `Reuters, "Title", published 2024-06-17, https://…`.
    pub fn citation(&self) -> String {
        let mut parts = vec![self.publisher.clone()];
        if let Some(t) = &self.title {
            parts.push(format!("\u{201c}{t}\u{201d}"));
        }
        if let Some(d) = self.date {
            let kind = if self.date_is_accessed {
                "accessed"
            } else {
                "published"
            };
            parts.push(format!("{kind} {d}"));
        }
        parts.push(self.url.clone());
        parts.join(", ")
    }
}

/// A name in one language or script, e.g. `zh-Hans` 黄岩岛.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// BCP-47 tag as written in the data.
    pub lang: String,
    pub name: String,
    pub note: Option<String>,
}

impl Alias {
    /// A readable label for the language tag (falls back to the tag itself).
    pub fn language_label(&self) -> &str {
        match self.lang.as_str() {
            "zh-Hans" => "Chinese (simplified)",
            "zh-Hant" => "Chinese (traditional)",
            "zh" => "Chinese",
            "zh-Latn-pinyin" => "Pinyin",
            "ja" => "Japanese",
            "ja-Latn" => "Japanese (romaji)",
            "fil" | "tl" => "Filipino",
            "vi" => "Vietnamese",
            "ms" => "Malay",
            "id" => "Indonesian",
            "en" => "English",
            "en-PH" => "English (Philippines)",
            "fr" => "French",
            "und" => "code",
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_names_publisher_title_date_kind_and_url() {
        let mut s = Source {
            publisher: "Manila Bulletin".into(),
            title: Some("PCG report".into()),
            url: "https://mb.com.ph/x".into(),
            date: "2026-05-07".parse().ok(),
            date_is_accessed: false,
        };
        assert_eq!(
            s.citation(),
            "Manila Bulletin, \u{201c}PCG report\u{201d}, published 2026-05-07, https://mb.com.ph/x"
        );
        s.title = None;
        s.date_is_accessed = true;
        assert_eq!(
            s.citation(),
            "Manila Bulletin, accessed 2026-05-07, https://mb.com.ph/x"
        );
        s.date = None;
        assert_eq!(s.citation(), "Manila Bulletin, https://mb.com.ph/x");
    }
}
