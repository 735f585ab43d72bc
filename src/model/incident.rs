//! Incidents at sea and in the air.

use super::common::{Country, Date, DatePrecision, Source};
use geo::Point;

/// What happened. `Collision` includes deliberate ramming.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum IncidentKind {
    WaterCannon,
    Collision,
    Blocking,
    Boarding,
    Laser,
    Flare,
    Incursion,
    AirIntercept,
    Swarming,
    ArmedClash,
    Other,
}

impl IncidentKind {
    pub const ALL: [Self; 11] = [
        Self::WaterCannon,
        Self::Collision,
        Self::Blocking,
        Self::Boarding,
        Self::Laser,
        Self::Flare,
        Self::Incursion,
        Self::AirIntercept,
        Self::Swarming,
        Self::ArmedClash,
        Self::Other,
    ];

    /// The data's (and the command line's) spelling.
    pub fn key(self) -> &'static str {
        match self {
            Self::WaterCannon => "water_cannon",
            Self::Collision => "collision",
            Self::Blocking => "blocking",
            Self::Boarding => "boarding",
            Self::Laser => "laser",
            Self::Flare => "flare",
            Self::Incursion => "incursion",
            Self::AirIntercept => "air_intercept",
            Self::Swarming => "swarming",
            Self::ArmedClash => "armed_clash",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::WaterCannon => "Water cannon",
            Self::Collision => "Collision / ramming",
            Self::Blocking => "Blocking",
            Self::Boarding => "Boarding",
            Self::Laser => "Laser",
            Self::Flare => "Flares",
            Self::Incursion => "Incursion",
            Self::AirIntercept => "Aircraft intercept",
            Self::Swarming => "Militia swarming",
            Self::ArmedClash => "Armed clash",
            Self::Other => "Other",
        }
    }
}

/// Which sea an incident took place in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sea {
    SouthChinaSea,
    EastChinaSea,
}

impl Sea {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "scs" => Self::SouthChinaSea,
            "ecs" => Self::EastChinaSea,
            _ => return None,
        })
    }

    /// The word the data files use.
    pub fn key(self) -> &'static str {
        match self {
            Self::SouthChinaSea => "scs",
            Self::EastChinaSea => "ecs",
        }
    }
}

/// An actor's part in an incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorRole {
    Initiator,
    Target,
    Responder,
    Other,
}

impl ActorRole {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "initiator" => Self::Initiator,
            "target" => Self::Target,
            "responder" => Self::Responder,
            "other" => Self::Other,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Initiator => "initiator",
            Self::Target => "target",
            Self::Responder => "responder",
            Self::Other => "other",
        }
    }
}

/// A vessel, aircraft, unit or agency involved in an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub name: String,
    pub agency: Option<String>,
    pub country: Country,
    pub role: ActorRole,
}

/// How exactly the incident's position is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationPrecision {
    /// A source gives coordinates.
    Exact,
    /// At a named feature; drawn at the feature's position.
    Feature,
    /// Placed by description only.
    Approximate,
}

impl LocationPrecision {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "exact" => Self::Exact,
            "feature" => Self::Feature,
            "approximate" => Self::Approximate,
            _ => return None,
        })
    }

    /// The word the data files use.
    pub fn key(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Feature => "feature",
            Self::Approximate => "approximate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Exact => "exact (coordinates from a source)",
            Self::Feature => "at the named feature",
            Self::Approximate => "approximate",
        }
    }
}

/// One dated incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    pub id: String,
    pub date: Date,
    pub date_end: Option<Date>,
    pub date_precision: DatePrecision,
    pub kind: IncidentKind,
    pub sea: Sea,
    pub actors: Vec<Actor>,
    pub location_name: String,
    pub location_precision: LocationPrecision,
    pub feature_id: Option<String>,
    pub summary: String,
    pub casualties: Option<String>,
    pub disputed_accounts: Option<String>,
    pub uncertain: Vec<String>,
    pub sources: Vec<Source>,
    pub position: Point<f64>,
}

impl Incident {
    /// The last day of the incident (the start day for one-day events).
    pub fn last_day(&self) -> Date {
        self.date_end.unwrap_or(self.date)
    }

    /// Countries of the actors with `role`, each once, in the order first named.
    pub fn countries_in_role(&self, role: ActorRole) -> Vec<Country> {
        let mut out: Vec<Country> = Vec::new();
        for a in self.actors.iter().filter(|a| a.role == role) {
            if !out.contains(&a.country) {
                out.push(a.country);
            }
        }
        out
    }
}
