//! The typed data model: plain Rust over `geo` types, free of egui and of file formats.

pub mod agreement;
pub mod basemap;
pub mod claim;
mod closed;
pub mod common;
pub mod coverage;
pub mod date;
pub mod feature;
pub mod file_pick;
pub mod filter;
pub mod incident;
pub mod party;
pub mod search;
pub mod series;
pub mod synthetic;
pub mod timeline;
pub mod user_layer;
pub mod web;
pub mod web_diff;
pub mod within;
pub mod workbench;
pub mod zones;

pub use agreement::{Agreement, AgreementKind, AgreementStatus, Site, Statement};
pub use basemap::{BaseCountry, LandIndex};
pub use claim::{Claim, ClaimGeometry, ClaimKind};
pub use common::{Alias, Country, Date, DatePrecision, Source};
pub use feature::{AwardClass, DisputedFeature, FeatureGroup, FeatureKind};
pub use filter::IncidentFilter;
pub use incident::{Incident, IncidentKind};
pub use series::Series;

/// Everything the app shows, as loaded from `assets/` (or a subset, when some files failed).
#[derive(Clone, Debug, Default)]
pub struct Atlas {
    /// The data's as-of date, from `meta.json`.
    pub as_of: Option<Date>,
    /// What the data covers, in prose (`meta.json`).
    pub notes: String,
    /// What the data leaves out or could not verify (`meta.json`), shown in "About the data".
    pub limitations: Vec<String>,
    pub countries: Vec<BaseCountry>,
    pub features: Vec<DisputedFeature>,
    pub claims: Vec<Claim>,
    pub incidents: Vec<Incident>,
    pub agreements: Vec<Agreement>,
    pub sites: Vec<Site>,
    pub statements: Vec<Statement>,
    pub series: Vec<Series>,
    /// Readings of the law the maritime zones are computed under (`lenses.json`).
    pub lenses: zones::LensTable,
    /// The finer shoreline zones are measured from (GSHHG full resolution, `coast/`): land
    /// rings, no lakes. Empty when the data has none; zones then use the base map's outlines.
    /// Not read by `io::load` (start-up does not need it): `io::load_shoreline` fills it.
    pub shoreline: std::sync::Arc<Vec<geo::Polygon<f64>>>,
}

/// A record of the atlas that has a place on the map, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordRef {
    Feature(usize),
    Incident(usize),
    Site(usize),
    Claim(usize),
    Agreement(usize),
}

impl RecordRef {
    /// The incident's index, if this is an incident.
    pub fn incident(self) -> Option<usize> {
        match self {
            Self::Incident(i) => Some(i),
            _ => None,
        }
    }
}

/// What the user can select: a record of the atlas, a `--stress` incident, which is kept
/// apart from the atlas (by its row in the synthetic layer) so it is never taken for real data,
/// or a country (its land or its badge clicked), by alpha-3 code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Record(RecordRef),
    Synthetic(usize),
    Country(Country),
}

impl Item {
    /// The atlas record, unless this is a synthetic incident.
    pub fn record(self) -> Option<RecordRef> {
        match self {
            Self::Record(r) => Some(r),
            Self::Synthetic(_) | Self::Country(_) => None,
        }
    }

    /// The atlas incident's index, if this is one.
    pub fn incident(self) -> Option<usize> {
        self.record().and_then(RecordRef::incident)
    }
}

impl From<RecordRef> for Item {
    fn from(r: RecordRef) -> Self {
        Self::Record(r)
    }
}

impl Atlas {
    /// Finds a mappable record by id.
    pub fn item_by_id(&self, id: &str) -> Option<RecordRef> {
        let feature = self.features.iter().position(|f| f.id == id);
        let incident = || self.incidents.iter().position(|x| x.id == id);
        let site = || self.sites.iter().position(|x| x.id == id);
        let claim = || self.claims.iter().position(|x| x.id == id);
        let agreement = || self.agreements.iter().position(|x| x.id == id);
        feature
            .map(RecordRef::Feature)
            .or_else(|| incident().map(RecordRef::Incident))
            .or_else(|| site().map(RecordRef::Site))
            .or_else(|| claim().map(RecordRef::Claim))
            .or_else(|| agreement().map(RecordRef::Agreement))
    }

    /// What `--select` names: a mappable record by id, else a country by alpha-3 code.
    pub fn selectable_by_id(&self, id: &str) -> Option<Item> {
        self.item_by_id(id)
            .map(Item::Record)
            .or_else(|| Country::parse(id).map(Item::Country))
    }

    /// Every source cited by any record (with repeats).
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.features
            .iter()
            .flat_map(|x| &x.sources)
            .chain(self.claims.iter().flat_map(|x| &x.sources))
            .chain(self.incidents.iter().flat_map(|x| &x.sources))
            .chain(self.agreements.iter().flat_map(|x| &x.sources))
            .chain(self.sites.iter().flat_map(|x| &x.sources))
            .chain(self.statements.iter().flat_map(|x| &x.sources))
            .chain(self.series.iter().flat_map(|x| &x.sources))
    }

    /// The display name of an item, for tooltips and lists.
    pub fn item_name(&self, item: Item) -> String {
        match item {
            Item::Record(RecordRef::Feature(i)) => self.features.get(i).map(|f| f.name.clone()),
            Item::Record(RecordRef::Incident(i)) => self.incidents.get(i).map(Incident::one_line),
            Item::Record(RecordRef::Site(i)) => self.sites.get(i).map(|s| s.name.clone()),
            Item::Record(RecordRef::Claim(i)) => self.claims.get(i).map(|c| c.name.clone()),
            Item::Record(RecordRef::Agreement(i)) => self.agreements.get(i).map(|a| a.name.clone()),
            Item::Synthetic(row) => Some(format!("SYNTHETIC incident {row}")),
            Item::Country(c) => Some(c.name().to_owned()),
        }
        .unwrap_or_default()
    }

    /// Index of the disputed feature with this id.
    pub fn feature_index(&self, id: &str) -> Option<usize> {
        self.features.iter().position(|f| f.id == id)
    }

    /// Incidents at the feature `id`, newest first.
    pub fn incidents_at(&self, id: &str) -> Vec<usize> {
        let mut at: Vec<usize> = (0..self.incidents.len())
            .filter(|&i| self.incidents[i].feature_id.as_deref() == Some(id))
            .collect();
        at.sort_by_key(|&i| std::cmp::Reverse(self.incidents[i].date));
        at
    }
}
