//! One frame: input read into commands, panels laid out (each reports commands), the map
//! drawn, then every command applied. A command that changes what a panel already drew
//! asks egui for one more layout pass, so a click shows in the inspector in the same frame.

use super::App;
use super::command::{Command, FormStart};
use super::keyboard::{KeyContext, shortcuts};
use super::options::{SideTab, default_region, map_attribution};
use super::state::Selection;
use crate::map::{Camera, MapAction, MapView};
use crate::model::file_pick::Pick;
use crate::model::{Item, RecordRef};
use crate::ui;
use egui::Ui;
use geo::Coord;
use std::path::PathBuf;

impl From<MapAction> for Command {
    fn from(a: MapAction) -> Self {
        match a {
            MapAction::Moved(c) => Self::SetCamera(c),
            MapAction::Select(item) => Self::Select(item),
            MapAction::ListCluster(members) => Self::ListCluster(members),
            MapAction::AddRulerPoint(p) => Self::AddRulerPoint(p),
            MapAction::MeasureFrom(p) => Self::MeasureFrom(p),
            MapAction::CentreAt(p) => Self::CentreAt(p),
            MapAction::AddIncidentAt(p) => Self::OpenIncidentForm(FormStart::New(Some(p))),
            MapAction::WhatsHere(p) => Self::WhatsHere(p),
            MapAction::MoveIncident { index, to } => Self::MoveIncident { index, to },
            MapAction::MovePin(p) => Self::SetFormPosition(p),
        }
    }
}

/// Files dropped on the window this frame.
fn dropped_files(ui: &Ui) -> Vec<Command> {
    ui.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .map(Command::OpenFile)
            .collect()
    })
}

impl App {
    /// Draws one frame of the whole app.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.frames == 0 {
            // Panels learn their sizes in the first pass; a second pass draws them settled.
            ctx.request_discard("first frame: panel sizes settle");
        }
        self.jobs.set_repaint(&ctx);
        // What arrived before anything is drawn applies at once.
        let mut early = self.jobs.poll();
        let problems = self.workbench.poll();
        self.report_errors(problems);
        early.extend(self.zones.poll());
        let zone_problems = std::mem::take(&mut self.zones.problems);
        self.report_errors(zone_problems);
        self.poll_fine_coast(&ctx);
        early.extend(self.compare.poll());
        early.extend(dropped_files(ui));
        early.extend(shortcuts(ui, self.key_context()));
        early.extend(self.play_step(&ctx));
        for cmd in early {
            self.apply(cmd);
        }
        let mut cmds = Vec::new();
        self.menu_bar_ui(ui, &mut cmds);
        self.bars_and_windows_ui(ui, &mut cmds);
        self.incident_form_ui(&ctx, &mut cmds);
        self.import_windows_ui(&ctx, &mut cmds);
        self.compare_ui(ui, &mut cmds);
        self.status_bar_ui(ui, &mut cmds);
        self.side_panel_ui(ui, &mut cmds);
        self.inspector_panel_ui(ui, &mut cmds);
        self.timeline_panel_ui(ui, &mut cmds);
        self.map_panel_ui(ui, &mut cmds);
        if let Some((pick, path)) = self.dialogs.picker.show(&ctx) {
            cmds.push(Command::Picked(pick, path));
        }
        let save = &mut self.dialogs.save_image;
        if save.dialog_ui(&ctx) {
            cmds.push(Command::Browse(Pick::SaveImage));
        }
        save.step(
            &ctx,
            self.map.viewport.as_ref().map(crate::map::view::egui_rect),
        );
        if cmds.iter().any(Command::touches_panels) {
            ctx.request_discard("a command changed what the panels show");
        }
        for cmd in cmds {
            self.apply(cmd);
        }
        self.frames += 1;
        let coast_loading = self.fine_coast_loading();
        if let Some(job) = &mut self.screenshot {
            let busy =
                !self.jobs.is_empty() || self.zones.pending().next().is_some() || coast_loading;
            job.step(&ctx, self.frames, busy);
        }
    }

    fn key_context(&self) -> KeyContext {
        KeyContext {
            dialog_open: self.dialogs.save_image.dialog_open() || self.dialogs.picker.is_open(),
            measuring: self.state.measure.is_some(),
            over_timeline: self.dialogs.timeline_hovered,
            find_had_focus: self.dialogs.find.had_focus(),
        }
    }

    /// Load progress, the problems banner, the shortcut sheet and "About the data".
    fn bars_and_windows_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let computing: Vec<String> = self.zones.pending().map(str::to_owned).collect();
        if !self.jobs.is_empty() || !computing.is_empty() {
            egui::Panel::top("jobs").show(ui, |ui| {
                self.jobs.progress_ui(ui, cmds);
                for lens in computing {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!("Computing maritime zones under the {lens} lens…"));
                    });
                }
            });
        }
        if let Some(p) = self.state.windows.here {
            self.whats_here_window(ui, p, cmds);
        }
        if self.state.windows.errors {
            let corrupt = self.workbench.corrupt.is_some();
            egui::Panel::top("errors").show(ui, |ui| {
                banner_ui(ui, &self.state.errors, cmds);
                if corrupt {
                    super::frame_workbench::corrupt_log_ui(ui, cmds);
                }
            });
        }
        let mut help = self.state.windows.help;
        egui::Window::new("Keyboard and mouse")
            .open(&mut help)
            .collapsible(false)
            .resizable(false)
            .show(ui.ctx(), ui::help::help_ui);
        let mut about = self.state.windows.about;
        let atlas = &self.data.atlas;
        egui::Window::new("About the data")
            .open(&mut about)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ui.ctx().content_rect().center())
            .default_width(460.0)
            .vscroll(true)
            .show(ui.ctx(), |ui| ui::about::about_ui(ui, atlas));
        // A window's own close button.
        if help != self.state.windows.help {
            cmds.push(Command::ToggleHelp);
        }
        if about != self.state.windows.about {
            cmds.push(Command::ToggleAbout);
        }
    }

    fn whats_here_window(&mut self, ui: &mut Ui, p: Coord<f64>, cmds: &mut Vec<Command>) {
        let mut open = true;
        let lens = self.state.here_lens().to_owned();
        let name = self.data.atlas.lenses.get(&lens).map(|l| l.name.clone());
        let answer = self.whats_here().cloned();
        egui::Window::new("What's here?")
            .open(&mut open)
            .pivot(egui::Align2::RIGHT_TOP)
            .default_pos(ui.ctx().content_rect().right_top() + egui::vec2(-350.0, 40.0))
            .default_width(380.0)
            .vscroll(true)
            .show(ui.ctx(), |ui| {
                ui.label(crate::map::coords::format_lon_lat(p));
                match (&answer, name) {
                    (Some(a), Some(name)) => {
                        ui::whats_here::whats_here_ui(ui, &self.data.atlas, &name, a)
                    }
                    _ => {
                        ui.label(format!("No lens \"{lens}\" in the data: cannot answer."));
                    }
                }
            });
        if !open {
            cmds.push(Command::CloseWhatsHere);
        }
    }

    fn status_bar_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let Some(cam) = self.map.camera else {
            egui::Panel::bottom("status").show(ui, |_| {});
            return;
        };
        egui::Panel::bottom("status").show(ui, |ui| {
            let action = ui::status::status_ui(
                ui,
                &cam,
                self.map.cursor_lon_lat,
                self.data.atlas.as_of,
                self.state.measure.as_ref(),
                self.dialogs.save_image.message(),
            );
            for (asked, cmd) in [
                (action.save_image, Command::OpenSaveImage),
                (action.toggle_ruler, Command::ToggleRuler),
                (action.open_about, Command::ToggleAbout),
            ] {
                if asked {
                    cmds.push(cmd);
                }
            }
        });
    }

    fn side_panel_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        egui::Panel::left("side")
            .default_size(260.0)
            .size_range(200.0..=340.0)
            .show(ui, |ui| {
                if let Some(record) = ui::find::find_ui(ui, &mut self.dialogs.find) {
                    cmds.push(Command::GoTo(record));
                }
                ui.horizontal(|ui| {
                    for (tab, label) in SideTab::ALL {
                        if ui
                            .selectable_label(self.state.side_tab == tab, label)
                            .clicked()
                        {
                            cmds.push(Command::SetSideTab(tab));
                        }
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| match self.state.side_tab {
                        SideTab::Layers => self.layers_tab_ui(ui, cmds),
                        SideTab::Incidents => self.incidents_tab_ui(ui, cmds),
                        SideTab::Agreements => self.agreements_tab_ui(ui, cmds),
                    });
            });
    }

    fn layers_tab_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let lens = self.state.saved.lens.as_deref();
        if let Some(choice) = ui::layers_panel::zones_ui(ui, &self.data.atlas.lenses, lens) {
            cmds.push(Command::SetLens(choice));
        }
        if let Some(layers) = ui::layers_panel::layers_ui(ui, &self.state.saved.layers) {
            cmds.push(Command::SetLayers(layers));
        }
        self.incident_layers_ui(ui, cmds);
        let action = ui::layers_panel::user_layers_ui(
            ui,
            &self.data.user_layers,
            &mut self.dialogs.open_path_text,
        );
        cmds.extend(action.remove.map(Command::RemoveUserLayer));
        cmds.extend(action.open.map(Command::OpenFile));
        if action.browse {
            cmds.push(Command::Browse(Pick::OpenLayer));
        }
        if let Some((index, settings)) = action.settings {
            cmds.push(Command::SetUserLayer { index, settings });
        }
        if let Some(s) = &self.data.synthetic {
            let row = ui::layers_panel::synthetic_layer_ui(ui, s);
            cmds.extend(row.settings.map(Command::SetSyntheticLayer));
            if row.remove {
                cmds.push(Command::RemoveSynthetic);
            }
        }
    }

    fn incidents_tab_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let atlas = &self.data.atlas;
        let shown = self.derived.incidents_shown();
        let dialogs = &mut self.dialogs;
        let filter = &self.state.saved.filter;
        if let Some(f) = ui::incidents_panel::incident_filter_ui(
            ui,
            atlas,
            filter,
            &mut dialogs.date_fields,
            shown,
        ) {
            cmds.push(Command::SetFilter(f));
        }
        let filter = &self.state.saved.filter;
        if let Some(f) = ui::where_filter::where_ui(ui, &self.where_zones(), filter) {
            cmds.push(Command::SetFilter(f));
        }
        if let Some(s) = &self.data.synthetic {
            ui.label(ui::incidents_panel::synthetic_count_label(
                s.shown(),
                s.len(),
            ));
        }
        self.my_incidents_row_ui(ui, cmds);
        let dialogs = &mut self.dialogs;
        let atlas = &self.data.atlas;
        let message = self.state.export_message.as_deref();
        let ask = ui::incidents_panel::export_ui(ui, &mut dialogs.export_path, shown, message);
        if ask.export {
            cmds.push(Command::ExportShown(PathBuf::from(
                dialogs.export_path.trim(),
            )));
        }
        if ask.browse {
            cmds.push(Command::Browse(Pick::Export));
        }
        let newest_first = &self.derived.newest_first;
        let selected = self.state.selection.item().and_then(Item::incident);
        // Follow a selection made elsewhere (map, N / P) once; not one made in the list.
        let reveal = selected
            .filter(|&i| dialogs.list_revealed != Some(i))
            .and_then(|i| newest_first.iter().position(|&j| j == i));
        dialogs.list_revealed = selected;
        let list = ui::incidents_panel::incident_list_ui(ui, atlas, newest_first, selected, reveal);
        if let Some(i) = list {
            dialogs.list_revealed = Some(i);
            cmds.push(Command::SelectIncident(i));
        }
    }

    fn agreements_tab_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let diff = self.web_diff();
        let compare = ui::compare_panel::compare_ui(
            ui,
            &self.data.atlas,
            self.state.compare_with,
            &mut self.dialogs.compare_text,
            diff.as_ref(),
        );
        cmds.extend(compare.compare_with.map(Command::SetCompareDate));
        if let Some(i) = compare.opened {
            cmds.push(Command::Select(Some(Item::Record(RecordRef::Agreement(i)))));
        }
        let saved = &self.state.saved;
        let action = ui::agreements_panel::agreements_ui(
            ui,
            &self.data.atlas,
            saved.as_of,
            &mut self.dialogs.as_of_text,
            &saved.hidden_agreements,
            saved.filter.to,
        );
        cmds.extend(action.as_of.map(Command::SetAsOf));
        if let Some((id, shown)) = action.show_sites {
            cmds.push(Command::ShowAgreementSites { id, shown });
        }
        if let Some(i) = action.opened {
            cmds.push(Command::Select(Some(Item::Record(RecordRef::Agreement(i)))));
        }
    }

    fn inspector_panel_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let here = self.incident_here();
        let atlas = &self.data.atlas;
        egui::Panel::right("inspector")
            .default_size(330.0)
            .show(ui, |ui| match &self.state.selection {
                Selection::Item(Item::Synthetic(row)) => {
                    if let Some(s) = &self.data.synthetic {
                        ui::inspector::synthetic_ui(ui, s, *row);
                    }
                }
                Selection::Item(Item::Record(record)) => {
                    if let Some(i) = record.incident() {
                        self.incident_actions_ui(ui, i, cmds);
                    }
                    record_inspector_ui(ui, atlas, *record, here.as_ref(), cmds);
                }
                Selection::Item(Item::Country(c)) => {
                    let date = self.agreements_as_of();
                    if let Some(i) = ui::country_inspector::country_ui(ui, atlas, *c, date) {
                        cmds.push(Command::Select(Some(Item::Record(RecordRef::Agreement(i)))));
                    }
                }
                Selection::Cluster(members) => {
                    if let Some(i) = ui::inspector::cluster_ui(ui, atlas, members) {
                        cmds.push(Command::Select(Some(Item::Record(RecordRef::Incident(i)))));
                    }
                }
                Selection::None => ui::inspector::empty_ui(ui),
            });
    }

    /// The playing timeline's next date window, as input read before the panels are drawn.
    fn play_step(&mut self, ctx: &egui::Context) -> Option<Command> {
        if !self.state.saved.show_timeline {
            return None;
        }
        let (from, to) = ui::timeline_panel::play_step(
            ctx,
            &self.state.saved.filter,
            &mut self.dialogs.timeline,
            self.data.atlas.as_of,
        )?;
        Some(Command::SetDateRange(Some(from), Some(to)))
    }

    fn timeline_panel_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        if !self.state.saved.show_timeline {
            self.dialogs.timeline_hovered = false;
            return;
        }
        let lens = self.state.saved.lens.as_deref();
        let zones = lens.and_then(|l| self.zones.index(l));
        let hidden = self.workbench.shown_layers(&self.state.saved).hidden();
        let panel = egui::Panel::bottom("timeline")
            .resizable(false)
            .show(ui, |ui| {
                let range = ui::timeline_panel::timeline_ui(
                    ui,
                    &self.data.atlas,
                    self.data.synthetic.as_ref(),
                    &self.state.saved.filter,
                    zones,
                    &hidden,
                    &mut self.dialogs.timeline,
                );
                if let Some((from, to)) = range {
                    cmds.push(Command::SetDateRange(Some(from), Some(to)));
                }
            });
        self.dialogs.timeline_hovered = panel.response.contains_pointer();
    }

    fn map_panel_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let stamp = map_attribution(self.data.atlas.as_of);
        let capturing = self.dialogs.save_image.capturing();
        let as_of = self.agreements_as_of();
        let diff = self.web_diff();
        let lens = self.state.saved.lens.clone();
        let lens = lens.as_deref();
        let draggable = self.draggable();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let size = ui.available_size();
                let camera = self.state.saved.camera.unwrap_or_else(|| {
                    let size = Coord {
                        x: f64::from(size.x),
                        y: f64::from(size.y),
                    };
                    Camera::fit_lon_lat(default_region(), size)
                });
                // A few dozen agreements: cheaper to derive each frame than to cache.
                let hidden = &self.state.saved.hidden_agreements;
                let web = match &diff {
                    Some(d) => Some(self.data.atlas.compared_web(d, hidden)),
                    None => as_of.map(|d| self.data.atlas.web_on(d, hidden)),
                };
                let action = MapView {
                    atlas: &self.data.atlas,
                    scene: &mut self.data.scene,
                    camera,
                    layers: &self.state.saved.layers,
                    selected: self.state.selection.item(),
                    shown: self.derived.shown(),
                    focus: self.derived.focus(),
                    web: web.as_ref(),
                    web_diff: diff.as_ref(),
                    zones: lens.and_then(|l| self.zones.scene(l)),
                    user_layers: &self.data.user_layers,
                    synthetic: self.data.synthetic.as_ref(),
                    measure: self.state.measure.as_ref(),
                    stamp: capturing.then_some(stamp.as_str()),
                    memory: &mut self.map,
                    draggable,
                }
                .show(ui);
                cmds.extend(action.map(Command::from));
            });
    }
}

/// The inspector for one record, with Zoom to and (for incidents) Previous / Next.
fn record_inspector_ui(
    ui: &mut Ui,
    atlas: &crate::model::Atlas,
    record: RecordRef,
    here: Option<&ui::whats_here::IncidentHere>,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if ui
            .small_button("Zoom to (Z)")
            .on_hover_text("Move the map to this item")
            .clicked()
        {
            cmds.push(Command::GoTo(record));
        }
        if record.incident().is_some() {
            if ui
                .small_button("← Previous (P)")
                .on_hover_text("The shown incident before this one in time")
                .clicked()
            {
                cmds.push(Command::StepIncident { forward: false });
            }
            if ui
                .small_button("Next (N) →")
                .on_hover_text("The shown incident after this one in time")
                .clicked()
            {
                cmds.push(Command::StepIncident { forward: true });
            }
        }
    });
    let after = |ui: &mut Ui| {
        if let Some(h) = here {
            ui::whats_here::incident_section_ui(ui, atlas, h);
        }
    };
    if let Some(next) = ui::inspector::inspector_with(ui, atlas, record, after) {
        cmds.push(Command::Select(Some(Item::Record(next))));
    }
}

/// The load-problems banner.
fn banner_ui(ui: &mut Ui, errors: &[String], cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.colored_label(
            egui::Color32::from_rgb(0xb0, 0x20, 0x20),
            format!(
                "Warning: {} problem(s) while loading data; everything else loaded.",
                errors.len()
            ),
        );
        if ui.button("Dismiss").clicked() {
            cmds.push(Command::DismissErrors);
        }
    });
    egui::ScrollArea::vertical()
        .max_height(90.0)
        .show(ui, |ui| {
            for e in errors {
                ui.label(e);
            }
        });
}
