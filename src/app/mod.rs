//! The app: a thin owner of its parts, each with one job.
//!
//! - [`state`]: what the user has chosen (persisted view, layers and filters; the selection);
//! - [`derived`]: caches computed from the state, recomputed when their inputs change;
//! - [`jobs`]: background loads and the `--screenshot` capture;
//! - [`dialogs`]: the panels' own widget state (text fields, the find box, the save dialog);
//! - [`command`] and [`apply`]: panels, the map, the keyboard and jobs report [`Command`]s,
//!   and [`App::apply`] alone changes the state;
//! - [`frame`]: lays out one frame and collects its commands (`frame_workbench`: the menu bar,
//!   the incident form and import windows, the inspector's buttons for the user's incidents);
//! - [`workbench`]: the user's own incident log, its saves, and its place among the incidents.

pub mod apply;
#[cfg(test)]
mod apply_tests;
pub mod command;
mod compare;
pub mod derived;
pub mod dialogs;
mod files;
mod fine_coast;
mod frame;
mod frame_workbench;
mod incident_layers;
pub mod jobs;
pub mod keyboard;
pub mod options;
pub mod saved_file;
pub mod state;
pub mod workbench;
pub mod zones;

pub use command::Command;
pub use options::{ScreenshotResult, SideTab, StartOptions, default_region, map_attribution};
pub use state::{SavedState, Selection, State};

use crate::io::LoadReport;
use crate::map::synthetic::SyntheticLayer;
use crate::map::user::UserLayerView;
use crate::map::{Camera, MapMemory, Scene, ScreenRect};
use crate::model::{Atlas, IncidentFilter, Item, RecordRef};
use derived::Derived;
use dialogs::Dialogs;
use jobs::{Jobs, ScreenshotJob};

/// Key under which the saved state is stored by eframe.
const STORAGE_KEY: &str = "contested-waters-state";

/// The data shown: the bundled atlas and its scene, the user's files, the `--stress` layer.
pub struct Data {
    pub atlas: Atlas,
    pub scene: Scene,
    pub user_layers: Vec<UserLayerView>,
    /// Synthetic incidents, never mixed with the atlas.
    pub synthetic: Option<SyntheticLayer>,
}

pub struct App {
    data: Data,
    state: State,
    derived: Derived,
    /// What the map widget keeps between frames.
    map: MapMemory,
    jobs: Jobs,
    dialogs: Dialogs,
    zones: zones::ZoneStore,
    screenshot: Option<ScreenshotJob>,
    frames: u64,
    /// The user's own incident log.
    workbench: workbench::Workbench,
    fine_coast: fine_coast::FineCoastJob,
    /// The finer shoreline, read on first need (zones, or the map past zoom 8).
    shoreline: std::sync::Arc<fine_coast::Shoreline>,
    /// "Compare with…": a comparison under way, and the last one.
    compare: compare::Compare,
}

impl App {
    /// Builds the app from loaded data (no eframe needed: tests use this).
    pub fn from_report(
        report: LoadReport,
        options: StartOptions,
        saved: Option<SavedState>,
    ) -> Self {
        let scene = Scene::build(&report.atlas);
        Self::from_parts(report, scene, options, saved)
    }

    /// Builds the app from loaded data and its scene, built elsewhere (e.g. on a thread while
    /// the window opens).
    pub fn from_parts(
        report: LoadReport,
        scene: Scene,
        options: StartOptions,
        saved: Option<SavedState>,
    ) -> Self {
        let mut atlas = report.atlas;
        let (mut workbench, log_problems) =
            workbench::Workbench::open(options.data_dir.clone(), &atlas.incidents);
        workbench.write_tail(&mut atlas.incidents);
        let mut scene = scene;
        if atlas.incidents.len() > workbench.bundled {
            scene.set_incidents(&atlas.incidents);
        }
        let (saved, reset) = saved.unwrap_or_default().sanitized();
        let mut state = State {
            saved,
            side_tab: options.side_tab,
            errors: report
                .errors
                .iter()
                .map(ToString::to_string)
                .chain(log_problems)
                .chain(options.start_notes.iter().cloned())
                .collect(),
            ..State::default()
        };
        if !reset.is_empty() {
            state.errors.push(format!(
                "Saved settings could not be used and were reset: {}",
                reset.join(", ")
            ));
        }
        state.windows.errors = !state.errors.is_empty();
        options.apply_to(&mut state, &atlas);
        let mut jobs = Jobs::default();
        for path in &options.open {
            jobs.start(path);
        }
        if let Some(n) = options.stress {
            // Synthetic incidents end where the real data ends (or today, without an as-of date).
            let last = atlas
                .as_of
                .unwrap_or_else(|| chrono::Utc::now().date_naive());
            jobs.start_synthetic(n, last);
        }
        let mut app = Self {
            dialogs: Dialogs::new(&atlas),
            data: Data {
                atlas,
                scene,
                user_layers: Vec::new(),
                synthetic: None,
            },
            state,
            derived: Derived::default(),
            map: MapMemory::default(),
            jobs,
            zones: zones::ZoneStore::default(),
            screenshot: options.screenshot.map(|path| {
                ScreenshotJob::new(
                    path,
                    options.screenshot_result,
                    options.exit_after_screenshot,
                )
            }),
            frames: 0,
            workbench,
            fine_coast: fine_coast::FineCoastJob::default(),
            shoreline: std::sync::Arc::new(fine_coast::Shoreline::new(options.data_source.clone())),
            compare: compare::Compare::default(),
        };
        if let Some(p) = options.add_incident_at {
            app.open_incident_form(command::FormStart::New(Some(p)));
        }
        app.refresh_derived();
        app
    }

    /// Builds the app inside eframe: fonts, and the saved state unless a view was given.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        report: LoadReport,
        scene: Scene,
        options: StartOptions,
    ) -> Self {
        // egui's memory was restored from disk before the app exists; nothing of ours lives
        // there, and a hostile zoom factor in it must not outlive this start.
        cc.egui_ctx.memory_mut(|m| *m = egui::Memory::default());
        cc.egui_ctx.set_zoom_factor(1.0);
        crate::ui::fonts::install(&cc.egui_ctx);
        let saved = if options.screenshot.is_some() && !options.screenshot_saved_state {
            None
        } else {
            cc.storage
                .and_then(|s| eframe::get_value::<SavedState>(s, STORAGE_KEY))
        };
        Self::from_parts(report, scene, options, saved)
    }

    /// Brings the derived caches in line with the state.
    fn refresh_derived(&mut self) {
        self.ensure_zones();
        let lens = self.state.saved.lens.as_deref();
        let zones = lens.and_then(|l| self.zones.index(l));
        let data = &mut self.data;
        self.derived.update(
            &self.state,
            &data.atlas,
            &data.scene,
            data.synthetic.as_mut(),
            self.workbench.shown_layers(&self.state.saved),
            zones,
        );
    }

    pub fn atlas(&self) -> &Atlas {
        &self.data.atlas
    }

    /// The state (what the user has chosen).
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The persisted part of the state.
    pub fn saved(&self) -> &SavedState {
        &self.state.saved
    }

    pub fn selected(&self) -> Option<Item> {
        self.state.selection.item()
    }

    /// Incident clusters (two or more incidents) drawn in the last frame.
    pub fn clusters(&self) -> impl Iterator<Item = &crate::map::cluster::Cluster> {
        self.map.clusters().iter().filter(|c| c.members.len() > 1)
    }

    /// Every incident the last frame drew on the map (alone or in a cluster), by index.
    pub fn incidents_drawn(&self) -> impl Iterator<Item = usize> + '_ {
        self.map
            .clusters()
            .iter()
            .flat_map(|c| c.members.iter().copied())
    }

    /// The incidents listed after a click on a cluster.
    pub fn cluster_list(&self) -> Option<&[usize]> {
        match &self.state.selection {
            Selection::Cluster(members) => Some(members),
            _ => None,
        }
    }

    pub fn errors(&self) -> &[String] {
        &self.state.errors
    }

    /// The current incident filter.
    pub fn filter(&self) -> &IncidentFilter {
        &self.state.saved.filter
    }

    /// Where the timeline's monthly plot was drawn in the last frame.
    pub fn timeline_rect(&self) -> Option<egui::Rect> {
        self.dialogs.timeline.plot_rect
    }

    /// How many incidents the timeline's monthly plot counts (once drawn).
    pub fn timeline_counted(&self) -> Option<usize> {
        self.dialogs.timeline.counted()
    }

    /// How many incidents pass the filter.
    pub fn incidents_shown(&self) -> usize {
        self.derived.incidents_shown()
    }

    /// The date agreements are shown as of.
    pub fn agreements_as_of(&self) -> Option<crate::model::Date> {
        self.state.agreements_as_of(self.data.atlas.as_of)
    }

    /// The map's viewport in the last frame.
    pub fn map_viewport(&self) -> Option<ScreenRect> {
        self.map.viewport
    }

    /// The camera the last frame was drawn with.
    pub fn camera(&self) -> Option<Camera> {
        self.map.camera
    }

    /// Where a lon/lat is on screen in the last frame's map viewport.
    pub fn screen_of_lon_lat(&self, lon: f64, lat: f64) -> Option<egui::Pos2> {
        let cam = self.map.camera?;
        let vp = self.map.viewport?;
        let world = crate::map::projection::world_from_lon_lat(geo::Coord { x: lon, y: lat });
        Some(crate::map::paint::pos(cam.screen_from_world(&vp, world)))
    }

    /// The agreement links the last frame drew (none with the layer off).
    pub fn web_links(&self) -> &[crate::map::web::LinkPath] {
        self.map.web.as_ref().map_or(&[], |w| w.links.as_slice())
    }

    /// What changed on the agreement web between the as-of date and the compare date.
    pub fn web_diff(&self) -> Option<crate::model::web_diff::WebDiff> {
        let (a, b) = (self.agreements_as_of()?, self.state.compare_with?);
        Some(
            self.data
                .atlas
                .web_diff((a, b), &self.state.saved.hidden_agreements),
        )
    }

    /// The parties of the agreement web the last frame drew (marks and edge badges).
    pub fn web_parties(&self) -> &[crate::map::web::PartyMark] {
        self.map.web.as_ref().map_or(&[], |w| w.parties.as_slice())
    }

    /// The `--stress` incidents, once generated.
    pub fn synthetic(&self) -> Option<&SyntheticLayer> {
        self.data.synthetic.as_ref()
    }

    /// The user's own incident log ("My incidents").
    pub fn my_log(&self) -> &crate::model::workbench::IncidentLog {
        &self.workbench.log
    }

    /// The imported incident layers, in list order (after My incidents).
    pub fn incident_layers(&self) -> &[crate::model::workbench::ImportedLayer] {
        &self.workbench.layers
    }

    /// Whether the user's log failed to load (and is kept, unsaved, until the user decides).
    pub fn log_is_corrupt(&self) -> bool {
        self.workbench.corrupt.is_some()
    }

    /// The user's incident `id` as a record of the atlas (they follow the bundled ones).
    pub fn my_incident_ref(&self, id: &str) -> Option<RecordRef> {
        self.workbench.atlas_index(id).map(RecordRef::Incident)
    }

    /// The incidents the Incidents tab lists, newest first (indices into `atlas().incidents`).
    pub fn listed_incidents(&self) -> &[usize] {
        &self.derived.newest_first
    }

    /// The user's layers.
    pub fn user_layers(&self) -> &[UserLayerView] {
        &self.data.user_layers
    }

    /// Files still loading.
    pub fn loading(&self) -> usize {
        self.jobs.len()
    }

    /// Loads a user layer from a reader rather than a path (`label` names it): the same
    /// bounded read, parse, progress bar and Cancel as a file opened from the menu.
    pub fn open_reader(
        &mut self,
        label: std::path::PathBuf,
        reader: impl std::io::Read + Send + 'static,
    ) {
        self.jobs.start_reader(label, reader);
    }

    /// The ruler's path, while measuring.
    pub fn measurement(&self) -> Option<&crate::map::measure::Measurement> {
        self.state.measure.as_ref()
    }

    /// What the last export did.
    pub fn export_message(&self) -> Option<&str> {
        self.state.export_message.as_deref()
    }

    /// Where the export row writes (its text field).
    pub fn set_export_path(&mut self, path: &str) {
        path.clone_into(&mut self.dialogs.export_path);
    }

    /// The last "Compare with…" result, once its folder has loaded.
    pub fn comparison(&self) -> Option<&crate::io::compare::Comparison> {
        self.compare.result.as_ref()
    }

    /// How much of the folder being compared has been read (0 to 1), while comparing.
    pub fn compare_progress(&self) -> Option<f32> {
        self.compare.progress()
    }

    /// Whether a comparison is loading.
    pub fn comparing(&self) -> bool {
        self.compare.running().is_some()
    }

    /// "Save map image": its dialog, file field and last outcome.
    pub fn save_image(&mut self) -> &mut crate::ui::save_image::SaveImage {
        &mut self.dialogs.save_image
    }
}

impl StartOptions {
    /// Puts the command line's choices into a fresh state (they win over saved ones).
    fn apply_to(&self, state: &mut State, atlas: &Atlas) {
        let saved = &mut state.saved;
        if self.camera.is_some() {
            saved.camera = self.camera;
        }
        if let Some(f) = &self.filter {
            saved.filter = f.clone();
        }
        if self.as_of.is_some() {
            saved.as_of = self.as_of;
        }
        state.compare_with = state.compare_with.or(self.compare_date);
        if self.lens.is_some() {
            saved.lens.clone_from(&self.lens);
        }
        if let Some(shown) = &self.agreements {
            saved.hidden_agreements = atlas
                .agreements
                .iter()
                .map(|a| a.id.clone())
                .filter(|id| !shown.contains(id))
                .collect();
        }
        if let Some(item) = self
            .select
            .as_deref()
            .and_then(|id| atlas.selectable_by_id(id))
        {
            state.selection = Selection::Item(item);
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, STORAGE_KEY, &self.state.saved);
        }
    }

    /// egui's own memory (window zoom, widget state) is not restored from disk: a zoom factor
    /// of 0 or NaN in a hand-edited file would stop the app at every start, and nothing the
    /// user chose lives there (the view and layers are in [`SavedState`], validated).
    fn persist_egui_memory(&self) -> bool {
        false
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        crate::map::style::SEA.to_normalized_gamma_f32()
    }
}
