//! What the user (or a finished background job) asked for. Panels, the map widget, the
//! keyboard and the jobs only report commands; [`App::apply`](super::App::apply) carries them out.

use super::options::SideTab;
use crate::io::LoadError;
use crate::loader::LoadedLayer;
use crate::map::layers::LayerSettings;
use crate::map::synthetic::SyntheticLayer;
use crate::map::{Camera, Layers};
use crate::model::file_pick::Pick;
use crate::model::workbench::MergeOptions;
use crate::model::{Date, Incident, IncidentFilter, Item, RecordRef};
use geo::Coord;
use std::path::PathBuf;

/// One thing to change.
#[derive(Debug)]
pub enum Command {
    /// Select an item, or clear the selection (and any cluster list).
    Select(Option<Item>),
    /// List a clicked cluster's incidents in the inspector.
    ListCluster(Vec<usize>),
    /// Select an incident and centre the map on it at the current zoom.
    SelectIncident(usize),
    /// Select the shown incident after (`forward`) or before the selected one in time.
    StepIncident {
        forward: bool,
    },
    /// Select a record and move the map to it.
    GoTo(RecordRef),
    /// Move the map to the selection.
    ZoomToSelection,

    /// Show the map through this camera.
    SetCamera(Camera),
    /// Frame the default region again.
    ResetView,
    /// Centre the map on a lon/lat at the current zoom.
    CentreAt(Coord<f64>),
    /// Zoom by this many levels about the map's centre.
    ZoomBy(f64),
    /// Pan by this many points (positive x moves the map's content right).
    PanBy(Coord<f64>),

    SetLayers(Layers),
    SetFilter(IncidentFilter),
    SetDateRange(Option<Date>, Option<Date>),
    /// Move the date range by whole months (negative: back).
    ShiftDateRange {
        months: i32,
    },
    /// Show agreements as of this date (`None`: follow the timeline and the data).
    SetAsOf(Option<Date>),
    /// Compare the agreement web with this second date (`None`: stop comparing).
    SetCompareDate(Option<Date>),
    /// Show or hide an agreement's sites.
    ShowAgreementSites {
        id: String,
        shown: bool,
    },
    SetSideTab(SideTab),
    ToggleTimeline,

    /// Start the ruler, or end it.
    ToggleRuler,
    MeasureFrom(Coord<f64>),
    AddRulerPoint(Coord<f64>),
    UndoRulerPoint,
    EndRuler,

    /// Load a GeoJSON file as a layer, in the background.
    OpenFile(PathBuf),
    /// Stop a load under way, by its place in the list.
    CancelLoad(usize),
    LayerLoaded(Box<LoadedLayer>),
    SyntheticReady(Box<SyntheticLayer>),
    LoadFailed(LoadError),
    SetUserLayer {
        index: usize,
        settings: LayerSettings,
    },
    RemoveUserLayer(usize),
    SetSyntheticLayer(LayerSettings),
    RemoveSynthetic,

    /// Draw maritime zones under this lens (`None`: zones off).
    SetLens(Option<String>),
    /// A lens's zones, computed in the background.
    ZonesReady(Box<crate::map::zones::ZoneScene>),
    /// Answer "What's here?" for a point (lon/lat), in a window.
    WhatsHere(Coord<f64>),
    CloseWhatsHere,
    /// Write the incidents the filter shows to this file.
    ExportShown(PathBuf),
    ToggleHelp,
    ToggleAbout,
    DismissErrors,
    /// Open the "Save map image" dialog.
    OpenSaveImage,
    /// Put the keyboard in the find box.
    FocusFind,

    /// Add an incident to My incidents (it gets a fresh id) and select it.
    AddIncident(Box<Incident>),
    /// Replace one of the user's incidents.
    EditIncident {
        id: String,
        incident: Box<Incident>,
    },
    /// Delete one of the user's incidents.
    DeleteIncident(String),
    /// Copy a bundled or imported incident (by index) into My incidents.
    DuplicateAsMine(usize),
    /// Undo the last edit of My incidents.
    Undo,
    Redo,
    /// Replace a log that failed to load with its backup (the broken file is moved aside).
    OpenLogBackup,
    /// Start an empty log in place of one that failed to load (moved aside).
    StartNewLog,
    /// Show or hide My incidents on the map and in the lists.
    ShowMyIncidents(bool),
    /// Read a file of incidents and show what merging it would do (nothing is written yet).
    PlanImport(PathBuf),
    /// Merge the planned import into My incidents (one undoable step).
    ConfirmImport(MergeOptions),
    CancelImport,
    /// Keep the planned import as a read-only incident layer of its own (not merged).
    KeepImportAsLayer,
    /// Show or hide an imported incident layer (by name).
    ShowIncidentLayer {
        name: String,
        shown: bool,
    },
    /// Drop an imported incident layer (by name) and its copy in the data folder.
    RemoveIncidentLayer(String),
    /// Open or close the "Import incidents" dialog.
    ToggleImportDialog,
    /// Open the incident form: empty at a position, or on one of the user's incidents.
    OpenIncidentForm(FormStart),
    /// Move one of the user's incidents (atlas index) to a lon/lat: one undoable edit.
    MoveIncident {
        index: usize,
        to: Coord<f64>,
    },
    /// Put the open incident form's position at a lon/lat (its pin was dragged).
    SetFormPosition(Coord<f64>),
    /// Open a file dialog (File menu, Browse… buttons).
    Browse(Pick),
    /// A file dialog's choice: carried out as its purpose says.
    Picked(Pick, PathBuf),
    /// Load another data folder in the background and compare it with ours.
    CompareWith(PathBuf),
    CompareDone(Box<crate::io::compare::Comparison>),
    CompareFailed(String),
    /// Stop the comparison under way (its answer is dropped).
    CancelCompare,
    /// Open or close the "Compare with…" window.
    ToggleCompare,
}

/// What the incident form starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum FormStart {
    /// A new incident, at this lon/lat if given.
    New(Option<Coord<f64>>),
    /// One of the user's incidents, by id.
    Edit(String),
}

impl Command {
    /// Whether panels laid out before the map may show something stale after this command
    /// (so the frame is laid out once more). Moving the map changes only the map itself.
    pub fn touches_panels(&self) -> bool {
        !matches!(
            self,
            Self::SetCamera(_) | Self::PanBy(_) | Self::ZoomBy(_) | Self::CentreAt(_)
        )
    }
}
