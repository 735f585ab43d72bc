//! Count series (e.g. days per year of Chinese coast guard presence near the Senkakus).

use super::common::Source;

/// One value of a series, for a period like `2012` or `2012-09`.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesPoint {
    pub period: String,
    pub value: f64,
}

/// A sourced time series of counts; kept apart from point incidents on purpose.
#[derive(Clone, Debug)]
pub struct Series {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub points: Vec<SeriesPoint>,
    pub notes: String,
    pub sources: Vec<Source>,
}
