//! The app: owns the state, lays out the panels and applies what they report.

use crate::io::LoadReport;
use crate::map::layers::Layers;
use crate::map::{Camera, Item, MapView, Scene, ScreenRect};
use crate::model::Atlas;
use crate::model::{AgreementStatus, Date, IncidentFilter};
use crate::ui;
use egui::{Key, Ui};
use geo::{Coord, Rect};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The region framed by default: the East and South China seas.
pub fn default_region() -> Rect<f64> {
    Rect::new(Coord { x: 104.0, y: 2.0 }, Coord { x: 132.0, y: 34.0 })
}

/// Key under which the saved state is stored by eframe.
const STORAGE_KEY: &str = "contested-waters-state";
/// Points the map moves per arrow-key press.
const ARROW_PAN_PT: f64 = 120.0;

/// What persists between runs: the view and the layer settings (never caches or data).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SavedState {
    /// `None` frames the default region (refitted as the window changes size).
    pub camera: Option<Camera>,
    pub layers: Layers,
    #[serde(default)]
    pub filter: IncidentFilter,
    /// Date agreements are shown as of; `None` is the data's as-of date.
    #[serde(default)]
    pub as_of: Option<Date>,
    /// Agreements whose sites are hidden on the map.
    #[serde(default)]
    pub hidden_agreements: BTreeSet<String>,
    /// Whether the timeline panel is open (`T` toggles it).
    #[serde(default = "yes")]
    pub show_timeline: bool,
}

fn yes() -> bool {
    true
}

impl Default for SavedState {
    fn default() -> Self {
        Self {
            camera: None,
            layers: Layers::default(),
            filter: IncidentFilter::default(),
            as_of: None,
            hidden_agreements: BTreeSet::new(),
            show_timeline: true,
        }
    }
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
    /// Start with agreements shown as of this date.
    pub as_of: Option<Date>,
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
}

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

/// Outcome of a `--screenshot` run, read by `main` after the window closes.
pub type ScreenshotResult = Arc<Mutex<Option<Result<(), String>>>>;

struct ScreenshotJob {
    path: PathBuf,
    requested: bool,
    result: ScreenshotResult,
    exit_when_written: bool,
}

/// Passes drawn before a screenshot is requested: the first frame runs two (its first pass
/// is discarded so panel sizes settle), and the screenshot shows the frame after the request.
const SCREENSHOT_AFTER_FRAMES: u64 = 1;

pub struct App {
    atlas: Atlas,
    scene: Scene,
    /// Load errors, shown in a banner until dismissed.
    errors: Vec<String>,
    show_errors: bool,
    pub saved: SavedState,
    selected: Option<Item>,
    hovered: Option<Item>,
    cursor_lon_lat: Option<Coord<f64>>,
    map_viewport: Option<ScreenRect>,
    /// Per incident: passes the filter. Recomputed only when the filter changes.
    incident_visible: Vec<bool>,
    /// Per site: shown on the as-of date. Recomputed only when the date or toggles change.
    site_visible: Vec<bool>,
    /// The inputs `incident_visible` and `site_visible` were computed from.
    applied: Option<(IncidentFilter, Option<Date>, BTreeSet<String>)>,
    date_fields: ui::incidents_panel::DateFields,
    /// The left panel's page.
    pub side_tab: SideTab,
    timeline: ui::timeline_panel::TimelineState,
    /// The pointer is over the timeline panel (arrow keys then step its range).
    timeline_hovered: bool,
    /// Layers from the user's own files.
    user_layers: Vec<crate::map::user::UserLayerView>,
    /// `--stress` incidents (synthetic, never mixed with the atlas).
    synthetic: Option<crate::map::synthetic::SyntheticLayer>,
    /// Files being loaded in the background.
    jobs: Vec<crate::loader::LoadJob>,
    open_path_text: String,
    as_of_text: String,
    /// The find box and its index of names.
    find: ui::find::FindState,
    /// The ruler, while measuring (`M`).
    measure: Option<crate::map::measure::Measurement>,
    /// Where "Export" writes the shown incidents, and what the last export did.
    export_path: String,
    export_message: Option<String>,
    /// "About the data" is open.
    show_about: bool,
    /// The shortcut sheet (F1).
    show_help: bool,
    /// "Save map image" (Ctrl+S): its dialog, the capture under way, the last outcome.
    save_image: ui::save_image::SaveImage,
    /// The incident the Incidents tab's list last scrolled to (or was clicked in).
    list_revealed: Option<usize>,
    /// Incidents of the cluster the user clicked, listed in the inspector.
    cluster_list: Option<Vec<usize>>,
    /// Incident clusters drawn in the last frame.
    clusters: Vec<crate::map::cluster::Cluster>,
    /// Emphasis of the selected agreement, with its index (recomputed when that changes).
    focus: Option<(usize, crate::map::focus::AgreementFocus)>,
    /// The camera the last frame was drawn with.
    view_camera: Option<Camera>,
    screenshot: Option<ScreenshotJob>,
    frames: u64,
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
        let mut saved = saved.unwrap_or_default();
        if options.camera.is_some() {
            saved.camera = options.camera;
        }
        if let Some(f) = options.filter {
            saved.filter = f;
        }
        if options.as_of.is_some() {
            saved.as_of = options.as_of;
        }
        if let Some(shown) = &options.agreements {
            saved.hidden_agreements = report
                .atlas
                .agreements
                .iter()
                .map(|a| a.id.clone())
                .filter(|id| !shown.contains(id))
                .collect();
        }
        // Synthetic incidents end where the real data ends (or today, without an as-of date).
        let synthetic_last = report
            .atlas
            .as_of
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        let date_fields = ui::incidents_panel::DateFields::from_filter(&saved.filter);
        let as_of_text = saved.as_of.map(|d| d.to_string()).unwrap_or_default();
        let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
        let selected = options
            .select
            .as_deref()
            .and_then(|id| report_item(&report.atlas, id));
        let find = ui::find::FindState::new(&report.atlas);
        Self {
            atlas: report.atlas,
            scene,
            show_errors: !errors.is_empty(),
            errors,
            saved,
            selected,
            hovered: None,
            cursor_lon_lat: None,
            map_viewport: None,
            incident_visible: Vec::new(),
            site_visible: Vec::new(),
            applied: None,
            date_fields,
            as_of_text,
            find,
            measure: None,
            show_about: false,
            show_help: false,
            save_image: ui::save_image::SaveImage::default(),
            list_revealed: None,
            export_path: "contested-waters-incidents.csv".to_owned(),
            export_message: None,
            side_tab: options.side_tab,
            timeline: ui::timeline_panel::TimelineState::default(),
            timeline_hovered: false,
            user_layers: Vec::new(),
            synthetic: None,
            jobs: options
                .open
                .iter()
                .map(|p| crate::loader::LoadJob::start(p, None))
                .chain(
                    options
                        .stress
                        .map(|n| crate::loader::LoadJob::synthetic(n, 1, synthetic_last, None)),
                )
                .collect(),
            open_path_text: String::new(),
            view_camera: None,
            cluster_list: None,
            clusters: Vec::new(),
            focus: None,
            screenshot: options.screenshot.map(|path| ScreenshotJob {
                path,
                requested: false,
                result: options.screenshot_result,
                exit_when_written: options.exit_after_screenshot,
            }),
            frames: 0,
        }
    }

    /// Builds the app inside eframe: fonts, and the saved state unless a view was given.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        report: LoadReport,
        scene: Scene,
        options: StartOptions,
    ) -> Self {
        ui::fonts::install(&cc.egui_ctx);
        let saved = if options.screenshot.is_some() {
            None
        } else {
            cc.storage
                .and_then(|s| eframe::get_value::<SavedState>(s, STORAGE_KEY))
        };
        Self::from_parts(report, scene, options, saved)
    }

    pub fn atlas(&self) -> &Atlas {
        &self.atlas
    }

    pub fn selected(&self) -> Option<Item> {
        self.selected
    }

    /// Incident clusters (two or more incidents) drawn in the last frame.
    pub fn clusters(&self) -> impl Iterator<Item = &crate::map::cluster::Cluster> {
        self.clusters.iter().filter(|c| c.members.len() > 1)
    }

    /// The incidents listed after a click on a cluster.
    pub fn cluster_list(&self) -> Option<&[usize]> {
        self.cluster_list.as_deref()
    }

    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// Sets the incident date range (and the text of its fields).
    pub fn set_date_range(&mut self, from: Option<Date>, to: Option<Date>) {
        self.saved.filter.from = from;
        self.saved.filter.to = to;
        self.date_fields = ui::incidents_panel::DateFields::from_filter(&self.saved.filter);
    }

    /// The current incident filter.
    pub fn filter(&self) -> &IncidentFilter {
        &self.saved.filter
    }

    /// Where the timeline's monthly plot was drawn in the last frame.
    pub fn timeline_rect(&self) -> Option<egui::Rect> {
        self.timeline.plot_rect
    }

    /// How many incidents pass the filter.
    pub fn incidents_shown(&self) -> usize {
        self.incident_visible.iter().filter(|v| **v).count()
    }

    /// The date agreements are shown as of.
    /// An as-of date the user set wins; otherwise it follows the end of the timeline's range,
    /// and without a range it is the data's as-of date.
    pub fn agreements_as_of(&self) -> Option<Date> {
        self.saved
            .as_of
            .or(self.saved.filter.to)
            .or(self.atlas.as_of)
    }

    /// Recomputes what is visible when the filter, the as-of date or the toggles changed.
    /// Geometry is untouched: only flags change.
    fn refresh_visibility(&mut self, ctx: &egui::Context) {
        let key = (
            self.saved.filter.clone(),
            self.saved.as_of,
            self.saved.hidden_agreements.clone(),
        );
        if self.applied.as_ref() == Some(&key) {
            return;
        }
        // A layer that arrives later gets the filter when it is added (`poll_jobs`).
        if let Some(s) = &mut self.synthetic {
            s.set_filter(&self.saved.filter);
        }
        self.incident_visible = self.saved.filter.visibility(&self.atlas.incidents);
        let date = self.agreements_as_of();
        let atlas = &self.atlas;
        let hidden = &self.saved.hidden_agreements;
        self.site_visible = atlas
            .sites
            .iter()
            .map(|s| {
                let added = date.is_some_and(|d| s.added.is_none_or(|a| a <= d));
                added
                    && s.agreements.iter().any(|id| {
                        !hidden.contains(id)
                            && atlas
                                .agreements
                                .iter()
                                .find(|a| &a.id == id)
                                .is_some_and(|a| {
                                    date.is_some_and(|d| {
                                        matches!(
                                            a.status_on(d),
                                            AgreementStatus::InForce
                                                | AgreementStatus::SignedNotInForce
                                        )
                                    })
                                })
                    })
            })
            .collect();
        self.applied = Some(key);
        // The panels drew this frame with the old counts: draw once more.
        ctx.request_repaint();
    }

    /// The map's viewport in the last frame.
    pub fn map_viewport(&self) -> Option<ScreenRect> {
        self.map_viewport
    }

    /// The camera the last frame was drawn with.
    pub fn camera(&self) -> Option<Camera> {
        self.view_camera
    }

    /// Where a lon/lat is on screen in the last frame's map viewport.
    pub fn screen_of_lon_lat(&self, lon: f64, lat: f64) -> Option<egui::Pos2> {
        let cam = self.view_camera?;
        let vp = self.map_viewport?;
        let s = cam.screen_from_world(
            &vp,
            crate::map::projection::world_from_lon_lat(Coord { x: lon, y: lat }),
        );
        #[allow(clippy::cast_possible_truncation)]
        Some(egui::Pos2::new(s.x as f32, s.y as f32))
    }

    /// Draws one frame of the whole app.
    /// The `--stress` incidents, once generated.
    pub fn synthetic(&self) -> Option<&crate::map::synthetic::SyntheticLayer> {
        self.synthetic.as_ref()
    }

    /// The user's layers.
    pub fn user_layers(&self) -> &[crate::map::user::UserLayerView] {
        &self.user_layers
    }

    /// Files still loading.
    pub fn loading(&self) -> usize {
        self.jobs.len()
    }

    /// Starts loading a user file in the background.
    pub fn open_file(&mut self, path: &std::path::Path, ctx: Option<egui::Context>) {
        self.jobs.push(crate::loader::LoadJob::start(path, ctx));
    }

    /// Collects finished loads: a layer is added only when its file loaded; errors go to the
    /// banner; a cancelled load changes nothing.
    fn poll_jobs(&mut self, ctx: &egui::Context) {
        use crate::loader::JobOutcome;
        let mut still = Vec::new();
        for job in std::mem::take(&mut self.jobs) {
            match job.poll() {
                None => still.push(job),
                Some(JobOutcome::Loaded(l)) => {
                    let l = *l;
                    if !l.skipped.is_empty() {
                        self.errors
                            .extend(l.skipped.iter().map(ToString::to_string));
                        let more = l.skipped_total.saturating_sub(l.skipped.len());
                        if more > 0 {
                            self.errors.push(format!(
                                "{}: … and {more} more features skipped",
                                l.layer.name
                            ));
                        }
                        self.show_errors = true;
                    }
                    self.user_layers.push(crate::map::user::UserLayerView {
                        layer: l.layer,
                        scene: l.scene,
                        settings: crate::map::layers::LayerSettings::default(),
                    });
                }
                Some(JobOutcome::Synthetic(mut layer)) => {
                    layer.set_filter(&self.saved.filter);
                    self.synthetic = Some(*layer);
                    // Timeline counts now include them.
                    self.timeline.invalidate();
                }
                Some(JobOutcome::Failed(e)) => {
                    self.errors.push(e.to_string());
                    self.show_errors = true;
                }
                Some(JobOutcome::Cancelled) => {}
            }
        }
        self.jobs = still;
        if !self.jobs.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    fn jobs_ui(&mut self, ui: &mut Ui) {
        for job in &self.jobs {
            ui.horizontal(|ui| {
                let name = job.path.file_name().map_or_else(
                    || job.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                ui.label(format!("Loading {name}"));
                ui.add(
                    egui::ProgressBar::new(job.progress())
                        .desired_width(200.0)
                        .show_percentage(),
                );
                if ui.button("Cancel").clicked() {
                    job.cancel();
                }
            });
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) {
        if self.frames == 0 {
            // Panels learn their sizes in the first pass; a second pass draws them settled.
            ui.ctx().request_discard("first frame: panel sizes settle");
        }
        self.poll_jobs(&ui.ctx().clone());
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        for p in dropped {
            self.open_file(&p, Some(ui.ctx().clone()));
        }
        self.keyboard(ui);
        self.refresh_visibility(ui.ctx());
        if !self.jobs.is_empty() {
            egui::Panel::top("jobs").show(ui, |ui| self.jobs_ui(ui));
        }
        if self.show_errors {
            egui::Panel::top("errors").show(ui, |ui| self.banner_ui(ui));
        }
        if self.show_help {
            egui::Window::new("Keyboard and mouse")
                .open(&mut self.show_help)
                .collapsible(false)
                .resizable(false)
                .show(ui.ctx(), ui::help::help_ui);
        }
        if self.show_about {
            let atlas = &self.atlas;
            let centre = ui.ctx().content_rect().center();
            egui::Window::new("About the data")
                .open(&mut self.show_about)
                .pivot(egui::Align2::CENTER_CENTER)
                .default_pos(centre)
                .default_width(460.0)
                .vscroll(true)
                .show(ui.ctx(), |ui| ui::about::about_ui(ui, atlas));
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            if let Some(cam) = self.view_camera {
                let action = ui::status::status_ui(
                    ui,
                    &cam,
                    self.cursor_lon_lat,
                    self.atlas.as_of,
                    self.measure.as_ref(),
                    self.save_image.message(),
                );
                if action.save_image {
                    self.save_image.open_dialog();
                }
                if action.toggle_ruler {
                    self.toggle_measure();
                }
                if action.open_about {
                    self.show_about = !self.show_about;
                }
            }
        });
        egui::Panel::left("side")
            .default_size(260.0)
            .size_range(200.0..=340.0)
            .show(ui, |ui| {
                if let Some(record) = ui::find::find_ui(ui, &mut self.find) {
                    self.go_to(record);
                }
                ui.horizontal(|ui| {
                    for (tab, label) in [
                        (SideTab::Layers, "Layers"),
                        (SideTab::Incidents, "Incidents"),
                        (SideTab::Agreements, "Agreements"),
                    ] {
                        ui.selectable_value(&mut self.side_tab, tab, label);
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.side_panel_ui(ui));
            });
        egui::Panel::right("inspector").default_size(330.0).show(ui, |ui| match self.selected {
            Some(Item::Synthetic(row)) => {
                if let Some(s) = &self.synthetic {
                    ui::inspector::synthetic_ui(ui, s, row);
                }
            }
            Some(item) => {
                let (zoom, step) = ui
                    .horizontal(|ui| {
                        let zoom = ui
                            .small_button("Zoom to (Z)")
                            .on_hover_text("Move the map to this item")
                            .clicked();
                        let mut step = None;
                        if matches!(item, Item::Incident(_)) {
                            if ui
                                .small_button("← Previous (P)")
                                .on_hover_text("The shown incident before this one in time")
                                .clicked()
                            {
                                step = Some(false);
                            }
                            if ui
                                .small_button("Next (N) →")
                                .on_hover_text("The shown incident after this one in time")
                                .clicked()
                            {
                                step = Some(true);
                            }
                        }
                        (zoom, step)
                    })
                    .inner;
                if zoom && let Some(record) = record_of(item) {
                    self.go_to(record);
                }
                if let Some(forward) = step {
                    self.step_incident(forward);
                }
                if let Some(next) = ui::inspector::inspector_ui(ui, &self.atlas, item) {
                    self.selected = Some(next);
                }
            }
            None if self.cluster_list.is_some() => {
                let list = self.cluster_list.as_deref().unwrap_or_default();
                if let Some(i) = ui::inspector::cluster_ui(ui, &self.atlas, list) {
                    self.selected = Some(Item::Incident(i));
                }
            }
            None => {
                ui.heading("Inspector");
                ui.label("Click a feature, incident, site or line on the map to see who claims it, who holds it, and the sources.");
                ui.add_space(8.0);
                ui.weak("Drag to pan · wheel or pinch to zoom · double-click to zoom in · +/− zoom · arrows pan · Home resets · Esc clears the selection · Ctrl+F finds · Z zooms to the selection · M measures · right-click copies a position · N / P step through incidents in time · Ctrl+S saves the map as a picture · T shows the timeline · F1 lists every shortcut");
            }
        });
        if self.saved.show_timeline {
            let panel = egui::Panel::bottom("timeline")
                .resizable(false)
                .show(ui, |ui| {
                    let range = ui::timeline_panel::timeline_ui(
                        ui,
                        &self.atlas,
                        self.synthetic.as_ref(),
                        &self.saved.filter,
                        &mut self.timeline,
                    );
                    if let Some((from, to)) = range {
                        self.set_date_range(Some(from), Some(to));
                    }
                });
            self.timeline_hovered = panel.response.contains_pointer();
        } else {
            self.timeline_hovered = false;
        }
        self.refresh_visibility(ui.ctx());
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.map_ui(ui));
        self.save_image.dialog_ui(ui.ctx());
        let map_rect = self.map_viewport.as_ref().map(crate::map::view::egui_rect);
        self.save_image.step(ui.ctx(), map_rect);
        self.frames += 1;
        self.screenshot_step(ui.ctx());
    }

    fn side_panel_ui(&mut self, ui: &mut Ui) {
        match self.side_tab {
            SideTab::Layers => {
                ui::layers_panel::layers_ui(ui, &mut self.saved.layers);
                let action = ui::layers_panel::user_layers_ui(
                    ui,
                    &mut self.user_layers,
                    &mut self.open_path_text,
                );
                if let Some(i) = action.remove
                    && i < self.user_layers.len()
                {
                    // A large layer takes a noticeable time to free: not on the UI thread.
                    let layer = self.user_layers.remove(i);
                    std::thread::spawn(move || drop(layer));
                }
                if let Some(p) = action.open {
                    self.open_file(&p, Some(ui.ctx().clone()));
                }
                if let Some(s) = &mut self.synthetic
                    && ui::layers_panel::synthetic_layer_ui(ui, s)
                {
                    let layer = self.synthetic.take();
                    std::thread::spawn(move || drop(layer));
                    if matches!(self.selected, Some(Item::Synthetic(_))) {
                        self.selected = None;
                    }
                    self.timeline.invalidate();
                }
            }
            SideTab::Incidents => {
                let shown = self.incidents_shown();
                ui::incidents_panel::incident_filter_ui(
                    ui,
                    &self.atlas,
                    &mut self.saved.filter,
                    &mut self.date_fields,
                    shown,
                );
                if let Some(s) = &self.synthetic {
                    ui.label(ui::incidents_panel::synthetic_count_label(
                        s.shown(),
                        s.len(),
                    ));
                }
                if ui::incidents_panel::export_ui(
                    ui,
                    &mut self.export_path,
                    shown,
                    self.export_message.as_deref(),
                ) {
                    self.export_shown();
                }
                let mut newest_first = crate::model::filter::in_time_order(
                    &self.atlas.incidents,
                    &self.incident_visible,
                );
                newest_first.reverse();
                let selected = match self.selected {
                    Some(Item::Incident(i)) => Some(i),
                    _ => None,
                };
                // Follow a selection made elsewhere (map, N / P) once; not one made in the list.
                let reveal = selected
                    .filter(|&i| self.list_revealed != Some(i))
                    .and_then(|i| newest_first.iter().position(|&j| j == i));
                self.list_revealed = selected;
                if let Some(i) = ui::incidents_panel::incident_list_ui(
                    ui,
                    &self.atlas,
                    &newest_first,
                    selected,
                    reveal,
                ) {
                    self.list_revealed = Some(i);
                    self.select_incident(i);
                }
            }
            SideTab::Agreements => {
                let opened = ui::agreements_panel::agreements_ui(
                    ui,
                    &self.atlas,
                    &mut self.saved.as_of,
                    &mut self.as_of_text,
                    &mut self.saved.hidden_agreements,
                    self.saved.filter.to,
                );
                if let Some(i) = opened {
                    self.selected = Some(Item::Agreement(i));
                }
            }
        }
    }

    /// Keeps the agreement emphasis in step with the selection.
    fn refresh_focus(&mut self) {
        let want = match self.selected {
            Some(Item::Agreement(i)) => Some(i),
            _ => None,
        };
        if self.focus.as_ref().map(|(i, _)| *i) != want {
            self.focus = want.map(|i| {
                (
                    i,
                    crate::map::focus::agreement_focus(&self.atlas, &self.scene, i),
                )
            });
        }
    }

    fn map_ui(&mut self, ui: &mut Ui) {
        self.refresh_focus();
        let size = ui.available_size();
        let camera = self.saved.camera.unwrap_or_else(|| {
            Camera::fit_lon_lat(
                default_region(),
                Coord {
                    x: f64::from(size.x),
                    y: f64::from(size.y),
                },
            )
        });
        self.view_camera = Some(camera);
        let stamp = map_attribution(self.atlas.as_of);
        let out = MapView {
            atlas: &self.atlas,
            scene: &mut self.scene,
            camera,
            layers: &self.saved.layers,
            selected: self.selected,
            incident_visible: &self.incident_visible,
            site_visible: &self.site_visible,
            focus: self.focus.as_ref().map(|(_, f)| f),
            user_layers: &self.user_layers,
            synthetic: self.synthetic.as_ref(),
            measure: self.measure.as_ref(),
            stamp: self.save_image.capturing().then_some(stamp.as_str()),
        }
        .show(ui);
        if let (Some(m), Some(p)) = (&mut self.measure, out.measure_click) {
            m.push(p);
        }
        match out.context_action {
            Some(crate::map::view::ContextAction::MeasureFrom(p)) => {
                let mut m = crate::map::measure::Measurement::default();
                m.push(p);
                self.measure = Some(m);
            }
            Some(crate::map::view::ContextAction::CentreAt(p)) => {
                let zoom = out.camera.unwrap_or(camera).zoom;
                self.saved.camera = Some(Camera::at_lon_lat(p.x, p.y, zoom));
            }
            None => {}
        }
        if let Some(cam) = out.camera {
            self.saved.camera = Some(cam);
        }
        if let Some(click) = out.clicked {
            self.selected = click;
            self.cluster_list = None;
        }
        if let Some(members) = out.clicked_cluster {
            self.selected = None;
            self.cluster_list = Some(members);
        }
        self.clusters = out.clusters;
        self.hovered = out.hovered;
        self.cursor_lon_lat = out.cursor_lon_lat;
        self.map_viewport = out.viewport;
    }

    fn banner_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.colored_label(
                egui::Color32::from_rgb(0xb0, 0x20, 0x20),
                format!(
                    "Warning: {} problem(s) while loading data; everything else loaded.",
                    self.errors.len()
                ),
            );
            if ui.button("Dismiss").clicked() {
                self.show_errors = false;
            }
        });
        egui::ScrollArea::vertical()
            .max_height(90.0)
            .show(ui, |ui| {
                for e in &self.errors {
                    ui.label(e);
                }
            });
    }

    /// Writes the incidents the filter shows (real ones only) to `export_path`; what happened,
    /// or why not (naming the file), is said under the button.
    pub fn export_shown(&mut self) {
        let shown = self.saved.filter.matching(&self.atlas.incidents);
        let path = PathBuf::from(self.export_path.trim());
        self.export_message = Some(
            match crate::io::export::export_incidents(&path, &self.atlas, &shown) {
                Ok(n) => format!("Wrote {n} incidents to {}", path.display()),
                Err(e) => format!("Not written: {e}"),
            },
        );
    }

    /// Where the export row writes.
    pub fn set_export_path(&mut self, path: &str) {
        path.clone_into(&mut self.export_path);
    }

    /// What the last export did.
    pub fn export_message(&self) -> Option<&str> {
        self.export_message.as_deref()
    }

    /// "Save map image": its dialog, file field and last outcome.
    pub fn save_image(&mut self) -> &mut ui::save_image::SaveImage {
        &mut self.save_image
    }

    /// Selects the shown incident after (or before) the selected one in time, or the first
    /// (last) when no incident is selected, and centres the map on it at the current zoom.
    pub fn step_incident(&mut self, forward: bool) {
        let current = match self.selected {
            Some(Item::Incident(i)) => Some(i),
            _ => None,
        };
        let Some(i) = crate::model::filter::step_incident(
            &self.atlas.incidents,
            &self.incident_visible,
            current,
            forward,
        ) else {
            return;
        };
        self.select_incident(i);
    }

    /// Selects an incident and centres the map on it at the current zoom.
    pub fn select_incident(&mut self, i: usize) {
        self.selected = Some(Item::Incident(i));
        self.cluster_list = None;
        if let (Some(x), Some(cam)) = (
            self.atlas.incidents.get(i),
            self.saved.camera.or(self.view_camera),
        ) {
            self.saved.camera = Some(Camera::at_lon_lat(x.position.x(), x.position.y(), cam.zoom));
        }
    }

    /// Starts the ruler, or ends it (and forgets its path).
    pub fn toggle_measure(&mut self) {
        self.measure = match self.measure {
            Some(_) => None,
            None => Some(crate::map::measure::Measurement::default()),
        };
    }

    /// The ruler's path, while measuring.
    pub fn measurement(&self) -> Option<&crate::map::measure::Measurement> {
        self.measure.as_ref()
    }

    /// Selects a record and moves the map to it.
    pub fn go_to(&mut self, record: crate::model::RecordRef) {
        self.selected = Some(item_of(record));
        self.cluster_list = None;
        let size = self
            .map_viewport
            .map_or(Coord { x: 800.0, y: 600.0 }, |vp| vp.size);
        let current = self.saved.camera.or(self.view_camera);
        if let Some(cam) = crate::map::goto::camera_for(&self.atlas, record, current, size) {
            self.saved.camera = Some(cam);
        }
    }

    /// Global shortcuts, unless a text field has the keyboard.
    fn keyboard(&mut self, ui: &Ui) {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::F)) {
            self.find.request_focus();
        }
        if ui.input(|i| i.key_pressed(Key::F1)) {
            self.show_help = !self.show_help;
        }
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::S)) {
            self.save_image.open_dialog();
        }
        if self.save_image.dialog_open() {
            // The dialog has the keyboard (its own Esc closes it).
            return;
        }
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        if ui.input(|i| i.key_pressed(Key::T)) {
            self.saved.show_timeline = !self.saved.show_timeline;
        }
        if ui.input(|i| i.key_pressed(Key::M)) {
            self.toggle_measure();
        }
        if ui.input(|i| i.key_pressed(Key::Z))
            && let Some(record) = self.selected.and_then(record_of)
        {
            self.go_to(record);
        }
        let (next, previous) = ui.input(|i| (i.key_pressed(Key::N), i.key_pressed(Key::P)));
        if next != previous {
            self.step_incident(next);
        }
        if let Some(m) = &mut self.measure {
            let (undo, end) =
                ui.input(|i| (i.key_pressed(Key::Backspace), i.key_pressed(Key::Escape)));
            if undo {
                m.undo();
            }
            if end {
                // Esc ends the ruler first; the selection stays.
                self.measure = None;
                return;
            }
        }
        // Over the timeline, the arrow keys step the range by a month instead of panning.
        let over_timeline = self.timeline_hovered;
        let step = ui.input(|i| {
            let arrows = if over_timeline {
                i32::from(i.key_pressed(Key::ArrowRight)) - i32::from(i.key_pressed(Key::ArrowLeft))
            } else {
                0
            };
            i32::from(i.key_pressed(Key::CloseBracket)) - i32::from(i.key_pressed(Key::OpenBracket))
                + arrows
        });
        if step != 0 {
            let f = &self.saved.filter;
            let shift = |d: Option<Date>| {
                d.and_then(|d| {
                    let m = chrono::Months::new(1);
                    if step > 0 {
                        d.checked_add_months(m)
                    } else {
                        d.checked_sub_months(m)
                    }
                })
            };
            if f.from.is_some() || f.to.is_some() {
                let (from, to) = (shift(f.from), shift(f.to));
                self.set_date_range(from, to);
            }
        }
        let (zoom_in, zoom_out, home, escape, dx, dy) = ui.input(|i| {
            let dx = f64::from(u8::from(i.key_pressed(Key::ArrowLeft)))
                - f64::from(u8::from(i.key_pressed(Key::ArrowRight)));
            let dy = f64::from(u8::from(i.key_pressed(Key::ArrowUp)))
                - f64::from(u8::from(i.key_pressed(Key::ArrowDown)));
            (
                i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
                i.key_pressed(Key::Minus),
                i.key_pressed(Key::Home),
                i.key_pressed(Key::Escape),
                dx,
                dy,
            )
        });
        // Over the timeline the arrows belong to it.
        let (dx, dy) = if over_timeline { (0.0, 0.0) } else { (dx, dy) };
        if escape && !self.find.had_focus() {
            self.selected = None;
            self.cluster_list = None;
        }
        if home {
            // Re-framed on the next map frame.
            self.saved.camera = None;
            return;
        }
        if !(zoom_in || zoom_out || dx != 0.0 || dy != 0.0) {
            return;
        }
        let (Some(mut cam), Some(vp)) = (self.view_camera, self.map_viewport) else {
            return;
        };
        if zoom_in || zoom_out {
            let dz = if zoom_in { 1.0 } else { -1.0 };
            cam = cam.zoomed_about(&vp, vp.center(), dz);
        }
        if dx != 0.0 || dy != 0.0 {
            cam = cam.panned_by_px(Coord {
                x: dx * ARROW_PAN_PT,
                y: dy * ARROW_PAN_PT,
            });
        }
        self.saved.camera = Some(cam);
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.screenshot else {
            return;
        };
        if job.requested {
            let done = job.result.lock().map(|r| r.is_some()).unwrap_or(true);
            if done {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint();
            }
            return;
        }
        ctx.request_repaint();
        // The first complete frame: data loaded, including files opened with --open.
        if self.frames < SCREENSHOT_AFTER_FRAMES || !self.jobs.is_empty() {
            return;
        }
        job.requested = true;
        let path = job.path.clone();
        let result = job.result.clone();
        let repaint = ctx.clone();
        let exit_when_written = job.exit_when_written;
        ctx.request_screenshot(move |image| {
            let outcome = crate::io::map_image::save_png(&path, &image).map_err(|e| e.to_string());
            // The frame is written (or failed): a screenshot run has nothing else to do or to
            // save, so it ends here rather than after the window's teardown frames.
            if exit_when_written {
                match &outcome {
                    Ok(()) => std::process::exit(0),
                    Err(e) => {
                        eprintln!("error: {e}");
                        std::process::exit(1);
                    }
                }
            }
            if let Ok(mut slot) = result.lock() {
                *slot = Some(outcome);
            }
            repaint.request_repaint();
        });
    }
}

/// The attribution stamped on a saved map image.
pub fn map_attribution(as_of: Option<crate::model::Date>) -> String {
    let data = as_of.map_or_else(|| "data".to_owned(), |d| format!("data as of {d}"));
    format!("Contested Waters · {data}, every fact sourced in the app · base map Natural Earth")
}

fn report_item(atlas: &Atlas, id: &str) -> Option<Item> {
    atlas.item_by_id(id).map(item_of)
}

/// The atlas record of a map item (`None` for synthetic incidents, which are not in it).
fn record_of(item: Item) -> Option<crate::model::RecordRef> {
    use crate::model::RecordRef;
    match item {
        Item::Feature(i) => Some(RecordRef::Feature(i)),
        Item::Incident(i) => Some(RecordRef::Incident(i)),
        Item::Site(i) => Some(RecordRef::Site(i)),
        Item::Claim(i) => Some(RecordRef::Claim(i)),
        Item::Agreement(i) => Some(RecordRef::Agreement(i)),
        Item::Synthetic(_) => None,
    }
}

/// The map item of an atlas record.
fn item_of(r: crate::model::RecordRef) -> Item {
    match r {
        crate::model::RecordRef::Feature(i) => Item::Feature(i),
        crate::model::RecordRef::Incident(i) => Item::Incident(i),
        crate::model::RecordRef::Site(i) => Item::Site(i),
        crate::model::RecordRef::Claim(i) => Item::Claim(i),
        crate::model::RecordRef::Agreement(i) => Item::Agreement(i),
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, STORAGE_KEY, &self.saved);
        }
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        crate::map::style::SEA.to_normalized_gamma_f32()
    }
}
