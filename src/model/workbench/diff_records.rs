//! What the comparison needs of each kind of record: its id, a name to show, and its fields
//! one by one (so a changed record can say which fields changed).

use crate::model::{Agreement, Claim, DisputedFeature, Incident, Site, Statement};

/// A record of the data, as the comparison sees it.
pub trait Compared: PartialEq {
    fn record_id(&self) -> &str;
    /// A short name for a list (the record's name; an incident's date, kind and place).
    fn display_name(&self) -> String;
    /// Each field by its schema name, with its value written out (compared as text).
    fn field_values(&self) -> Vec<(&'static str, String)>;
}

/// `(name, value)` for each named field, the value in its `Debug` form.
macro_rules! fields {
    ($x:expr; $($f:ident),* $(,)?) => {
        vec![$((stringify!($f), format!("{:?}", $x.$f))),*]
    };
}

impl Compared for Incident {
    fn record_id(&self) -> &str {
        &self.id
    }
    fn display_name(&self) -> String {
        self.one_line()
    }
    fn field_values(&self) -> Vec<(&'static str, String)> {
        fields!(self; date, date_end, date_precision, kind, sea, actors, location_name,
            location_precision, feature_id, summary, casualties, disputed_accounts, uncertain,
            sources, position)
    }
}

impl Compared for DisputedFeature {
    fn record_id(&self) -> &str {
        &self.id
    }
    fn display_name(&self) -> String {
        self.name.clone()
    }
    fn field_values(&self) -> Vec<(&'static str, String)> {
        fields!(self; name, aliases, group, kind, claimants, controlled_by, controlled_since,
            controlled_since_precision, arbitration, facilities, area_km2, notes, uncertain,
            sources, position, outline)
    }
}

impl Compared for Claim {
    fn record_id(&self) -> &str {
        &self.id
    }
    fn display_name(&self) -> String {
        self.name.clone()
    }
    fn field_values(&self) -> Vec<(&'static str, String)> {
        fields!(self; name, aliases, claimant, parties, kind, declared, legal_status,
            points_source, uncertain, sources, geometry)
    }
}

impl Compared for Agreement {
    fn record_id(&self) -> &str {
        &self.id
    }
    fn display_name(&self) -> String {
        self.name.clone()
    }
    fn field_values(&self) -> Vec<(&'static str, String)> {
        fields!(self; name, short_name, parties, kind, talks_agreed, negotiation_began, signed,
            in_force, terminated, status_note, scope, summary, uncertain, sources)
    }
}

impl Compared for Site {
    fn record_id(&self) -> &str {
        &self.id
    }
    fn display_name(&self) -> String {
        self.name.clone()
    }
    fn field_values(&self) -> Vec<(&'static str, String)> {
        fields!(self; name, aliases, agreements, country, added, notes, uncertain, sources,
            position)
    }
}

impl Compared for Statement {
    fn record_id(&self) -> &str {
        &self.id
    }
    fn display_name(&self) -> String {
        format!("{} ({})", self.speaker, self.date)
    }
    fn field_values(&self) -> Vec<(&'static str, String)> {
        fields!(self; agreement_id, date, speaker, covers, summary, sources, zone)
    }
}

/// The fields whose values differ between two versions of a record, in schema order.
pub fn changed_fields<T: Compared>(old: &T, new: &T) -> Vec<&'static str> {
    old.field_values()
        .into_iter()
        .zip(new.field_values())
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, _), _)| name)
        .collect()
}
