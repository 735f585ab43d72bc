//! Incidents at sea and in the air.

use super::closed::closed_enum;
use super::common::{Country, Date, DatePrecision, Source};
use geo::Point;

closed_enum! {
    /// What happened.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
    )]
    #[serde(rename_all = "snake_case")]
    pub enum IncidentKind {
        WaterCannon = "water_cannon" => "Water cannon",
        Collision = "collision" => "Collision / ramming",
        Blocking = "blocking" => "Blocking",
        Boarding = "boarding" => "Boarding",
        Laser = "laser" => "Laser",
        Flare = "flare" => "Flares",
        Incursion = "incursion" => "Incursion",
        AirIntercept = "air_intercept" => "Aircraft intercept",
        Swarming = "swarming" => "Militia swarming",
        ArmedClash = "armed_clash" => "Armed clash",
        Other = "other" => "Other",
    }
}

closed_enum! {
    /// Which sea an incident happened in.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Sea {
        SouthChinaSea = "scs" => "South China Sea",
        EastChinaSea = "ecs" => "East China Sea",
    }
}

closed_enum! {
    /// What part an actor played.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ActorRole {
        Initiator = "initiator" => "initiator",
        Target = "target" => "target",
        Responder = "responder" => "responder",
        Other = "other" => "other",
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

closed_enum! {
    /// How exactly the incident's position is known.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum LocationPrecision {
        /// A source gives coordinates.
        Exact = "exact" => "exact (coordinates from a source)",
        /// At a named feature; drawn at the feature's position.
        Feature = "feature" => "at the named feature",
        /// Placed by description only.
        Approximate = "approximate" => "approximate",
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
    /// One line for tooltips and lists: date (to its precision), kind, place.
    pub fn one_line(&self) -> String {
        format!(
            "{} — {} ({})",
            self.date_precision.format(self.date),
            self.kind.label(),
            self.location_name
        )
    }

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
