//! How the app starts: the command line's choices, and the defaults it falls back on.

use crate::map::Camera;
use crate::model::{Date, IncidentFilter};
use geo::{Coord, Rect};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The region framed by default: the East and South China seas.
pub fn default_region() -> Rect<f64> {
    let r = crate::model::workbench::REGION;
    Rect::new(
        Coord {
            x: r.west_deg,
            y: r.south_deg,
        },
        Coord {
            x: r.east_deg,
            y: r.north_deg,
        },
    )
}

/// The attribution stamped on a saved map image.
pub fn map_attribution(as_of: Option<Date>) -> String {
    let data = as_of.map_or_else(|| "data".to_owned(), |d| format!("data as of {d}"));
    format!("Contested Waters · {data}, every fact sourced in the app · base map Natural Earth")
}

/// Outcome of a `--screenshot` run, read by `main` after the window closes.
pub type ScreenshotResult = Arc<Mutex<Option<Result<(), String>>>>;

/// Which page the left panel shows.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
pub enum SideTab {
    #[default]
    Layers,
    Incidents,
    Agreements,
}

impl SideTab {
    pub const ALL: [(Self, &'static str); 3] = [
        (Self::Layers, "Layers"),
        (Self::Incidents, "Incidents"),
        (Self::Agreements, "Agreements"),
    ];
}

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// Open on this view instead of the saved or default one.
    pub camera: Option<Camera>,
    /// Write the first complete frame to this PNG and exit.
    pub screenshot: Option<PathBuf>,
    /// Select the item with this id at start.
    pub select: Option<String>,
    /// Start with this incident filter instead of the saved one.
    pub filter: Option<IncidentFilter>,
    /// Start with maritime zones drawn under this lens (a lens id).
    pub lens: Option<String>,
    /// Start with agreements shown as of this date.
    pub as_of: Option<Date>,
    /// Compare the agreement web on the as-of date with this date.
    pub compare_date: Option<Date>,
    /// Show only these agreements' sites (ids).
    pub agreements: Option<BTreeSet<String>>,
    /// The left panel's page at start.
    pub side_tab: SideTab,
    /// User GeoJSON files to load at start (each becomes a layer).
    pub open: Vec<PathBuf>,
    /// Add this many synthetic incidents as a layer of their own (for feeling the app at scale).
    pub stress: Option<usize>,
    /// Filled with the screenshot's outcome; the caller keeps a clone to read it after exit.
    pub screenshot_result: ScreenshotResult,
    /// End the process as soon as the screenshot is written (exit code 0, or 1 on failure).
    pub exit_after_screenshot: bool,
    /// With a screenshot: start from the saved state anyway (a screenshot ignores it otherwise).
    pub screenshot_saved_state: bool,
    /// Folder of the user's incident log; `None` loads and saves no log (tests stay hermetic).
    pub data_dir: Option<PathBuf>,
    /// The data the app was loaded from (`--assets`): the finer coast is read from it later.
    pub data_source: crate::io::DataSource,
    /// Open the incident form at start, for a new incident at this lon/lat.
    pub add_incident_at: Option<geo::Coord<f64>>,
    /// Problems found before the app existed (the saved-state file cleaned in `main`), shown in
    /// the load-problems banner with the rest.
    pub start_notes: Vec<String>,
}
