//! The frame's parts for the user's own incidents: the menu bar, the incident form, the
//! inspector's badge and buttons, the Incidents tab's row, and the banner's choices for a log
//! that failed to load. Each reports commands; none changes state.

use super::App;
use super::command::{Command, FormStart};
use crate::model::file_pick::Pick;
use crate::model::workbench::Whose;
use crate::ui::incident_form::{FormOutcome, incident_form_ui};
use egui::Ui;

/// Today's date, bounding the form's dates.
fn today() -> crate::model::Date {
    chrono::Utc::now().date_naive()
}

impl App {
    /// The menu bar: File, Edit, View, Help.
    pub(super) fn menu_bar_ui(&mut self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let log = &self.workbench.log;
        let undo = log.undo_label().map(|l| format!("Undo {l}"));
        let redo = log.redo_label().map(|l| format!("Redo {l}"));
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    for (label, pick) in [
                        ("Open layer…", Pick::OpenLayer),
                        ("Import incidents…", Pick::ImportIncidents),
                        ("Export…", Pick::Export),
                        ("Save map image…", Pick::SaveImage),
                        ("Compare with…", Pick::CompareFolder),
                    ] {
                        if ui.button(label).clicked() {
                            cmds.push(Command::Browse(pick));
                        }
                    }
                    ui.separator();
                    if ui.button("Quit").clicked() {
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
                ui.menu_button("Edit", |ui| {
                    let undo_text = undo.as_deref().unwrap_or("Undo");
                    if ui
                        .add_enabled(
                            undo.is_some(),
                            egui::Button::new(undo_text).shortcut_text("Ctrl+Z"),
                        )
                        .clicked()
                    {
                        cmds.push(Command::Undo);
                    }
                    let redo_text = redo.as_deref().unwrap_or("Redo");
                    if ui
                        .add_enabled(
                            redo.is_some(),
                            egui::Button::new(redo_text).shortcut_text("Ctrl+Shift+Z"),
                        )
                        .clicked()
                    {
                        cmds.push(Command::Redo);
                    }
                    ui.separator();
                    if ui.button("Add incident…").clicked() {
                        cmds.push(Command::OpenIncidentForm(FormStart::New(None)));
                    }
                });
                ui.menu_button("View", |ui| {
                    if ui.button("Timeline (T)").clicked() {
                        cmds.push(Command::ToggleTimeline);
                    }
                    if ui.button("Reset view (Home)").clicked() {
                        cmds.push(Command::ResetView);
                    }
                });
                ui.menu_button("Help", |ui| {
                    if ui.button("Keyboard and mouse (F1)").clicked() {
                        cmds.push(Command::ToggleHelp);
                    }
                    if ui.button("About the data").clicked() {
                        cmds.push(Command::ToggleAbout);
                    }
                });
            });
        });
    }

    /// The incident form, while open: Save reports the add or the edit and closes it.
    pub(super) fn incident_form_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let Some(form) = &mut self.dialogs.incident_form else {
            return;
        };
        match incident_form_ui(ctx, form, today()) {
            Some(FormOutcome::Save(incident)) => {
                cmds.push(match form.editing.take() {
                    Some(id) => Command::EditIncident { id, incident },
                    None => Command::AddIncident(incident),
                });
                self.dialogs.incident_form = None;
            }
            Some(FormOutcome::Cancel) => self.dialogs.incident_form = None,
            None => {}
        }
    }

    /// "Import incidents": a file field, then the plan to confirm before anything is merged.
    pub(super) fn import_windows_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let mut open = self.dialogs.import_open;
        let path = &mut self.dialogs.import_path;
        egui::Window::new("Import incidents")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(
                    "A GeoJSON in the bundled schema, or a CSV with the columns Export writes:",
                );
                let l = ui.label("File to import");
                let field = ui.text_edit_singleline(path).labelled_by(l.id);
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let (read, browse) = ui
                    .horizontal(|ui| {
                        let read = ui.add_enabled(
                            !path.trim().is_empty(),
                            egui::Button::new("Read the file"),
                        );
                        (read.clicked(), ui.button("Browse…").clicked())
                    })
                    .inner;
                if browse {
                    cmds.push(Command::Browse(Pick::ImportIncidents));
                }
                if read || enter {
                    cmds.push(Command::PlanImport(std::path::PathBuf::from(path.trim())));
                }
            });
        if open != self.dialogs.import_open {
            cmds.push(Command::ToggleImportDialog);
        }
        self.import_plan_ui(ctx, cmds);
    }

    /// The plan of a file read for import: merge it, keep it as a layer, or cancel.
    fn import_plan_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let Some(p) = &self.workbench.pending_import else {
            return;
        };
        let options = &mut self.dialogs.import_options;
        egui::Window::new("Merge into My incidents, or keep as a layer?")
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(format!("{}:", p.path.display()));
                ui.strong(p.plan.summary());
                if !p.left_out.is_empty() {
                    ui.label(format!(
                        "{} record(s) of the file could not be read:",
                        p.left_out.len()
                    ));
                    for e in p.left_out.iter().take(5) {
                        ui.weak(e);
                    }
                }
                ui.checkbox(
                    &mut options.include_likely_duplicates,
                    "Add the likely duplicates too",
                );
                use crate::model::workbench::ChangePolicy;
                ui.label("Records whose id is taken by different content:");
                ui.radio_value(
                    &mut options.changed,
                    ChangePolicy::KeepBoth,
                    "keep both (the import under a new id)",
                );
                ui.radio_value(&mut options.changed, ChangePolicy::Replace, "replace mine");
                ui.radio_value(&mut options.changed, ChangePolicy::KeepMine, "keep mine");
                ui.horizontal(|ui| {
                    if ui.button("Merge").clicked() {
                        cmds.push(Command::ConfirmImport(*options));
                    }
                    if ui
                        .button("Keep as a separate layer")
                        .on_hover_text(
                            "Show the file's incidents as a read-only layer of their own, \
                             beside My incidents (nothing is merged)",
                        )
                        .clicked()
                    {
                        cmds.push(Command::KeepImportAsLayer);
                    }
                    if ui.button("Cancel").clicked() {
                        cmds.push(Command::CancelImport);
                    }
                });
            });
    }

    /// The Incidents tab's row for the user's log: Add incident, and how the last save went.
    pub(super) fn my_incidents_row_ui(&self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            if ui
                .button("Add incident")
                .on_hover_text("Add an incident to My incidents (or right-click the map)")
                .clicked()
            {
                cmds.push(Command::OpenIncidentForm(FormStart::New(None)));
            }
            if ui
                .button("Import…")
                .on_hover_text(
                    "Merge a file of incidents into My incidents, or keep it as a layer of its own",
                )
                .clicked()
            {
                cmds.push(Command::ToggleImportDialog);
            }
            let wb = &self.workbench;
            let where_ = match &wb.dir {
                Some(d) => format!(
                    "My incidents: {} (in {})",
                    wb.log.incidents().len(),
                    d.display()
                ),
                None => format!("My incidents: {} (not saved)", wb.log.incidents().len()),
            };
            ui.weak(where_);
        });
        if let Some(s) = &self.workbench.status {
            ui.weak(s);
        }
        if self.workbench.corrupt.is_some() && !self.state.windows.errors {
            // Here once the banner that offers them is dismissed.
            corrupt_log_ui(ui, cmds);
        }
        ui.separator();
    }

    /// Above an incident in the inspector: whose it is, and what the user may do with it.
    pub(super) fn incident_actions_ui(&self, ui: &mut Ui, i: usize, cmds: &mut Vec<Command>) {
        let Some(x) = self.data.atlas.incidents.get(i) else {
            return;
        };
        ui.horizontal(|ui| {
            let layer = match self.workbench.whose(i) {
                Some(Whose::Imported { layer, .. }) => self.workbench.layers.get(layer),
                _ => None,
            };
            if let Some(l) = layer {
                ui.label(
                    egui::RichText::new(format!(" from {} ", l.name))
                        .strong()
                        .background_color(egui::Color32::from_rgb(0xcc, 0xe4, 0xff)),
                )
                .on_hover_text("An imported layer's incident (read-only)");
            }
            if self.workbench.is_mine(i) {
                ui.label(
                    egui::RichText::new(" Your incident ")
                        .strong()
                        .background_color(egui::Color32::from_rgb(0xff, 0xe8, 0xa0)),
                );
                if ui.small_button("Edit…").clicked() {
                    cmds.push(Command::OpenIncidentForm(FormStart::Edit(x.id.clone())));
                }
                if ui.small_button("Delete").clicked() {
                    cmds.push(Command::DeleteIncident(x.id.clone()));
                }
            } else if ui
                .small_button("Duplicate as mine")
                .on_hover_text("Copy into My incidents, where you can correct it")
                .clicked()
            {
                cmds.push(Command::DuplicateAsMine(i));
            }
        });
        if let Some(from) = self.workbench.log.derived_from(&x.id) {
            ui.weak(format!("Copied from {from}"));
        }
    }

    /// The Layers tab's incident layers: My incidents, then each imported file's, each with
    /// its count and a toggle; imported ones can be removed.
    pub(super) fn incident_layers_ui(&self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        let saved = &self.state.saved;
        let mut on = saved.show_my_incidents;
        let n = self.workbench.log.incidents().len();
        ui.checkbox(&mut on, format!("My incidents ({n})"))
            .on_hover_text("Your own incident log, drawn with the bundled incidents' symbols");
        if on != saved.show_my_incidents {
            cmds.push(Command::ShowMyIncidents(on));
        }
        for l in &self.workbench.layers {
            let shown = !saved.hidden_incident_layers.contains(&l.name);
            let mut on = shown;
            ui.horizontal(|ui| {
                ui.checkbox(&mut on, format!("{} ({})", l.name, l.len()))
                    .on_hover_text("An imported incident file, kept as a read-only layer");
                if ui
                    .small_button("Remove")
                    .on_hover_text("Drop this layer (its copy is moved to layers/removed/ in the data folder; the file it came from is not touched)")
                    .clicked()
                {
                    cmds.push(Command::RemoveIncidentLayer(l.name.clone()));
                }
            });
            if on != shown {
                let name = l.name.clone();
                cmds.push(Command::ShowIncidentLayer { name, shown: on });
            }
        }
    }

    /// What the map lets the user drag: their own incidents (not while a broken log is held),
    /// and the open form's pin.
    pub(super) fn draggable(&self) -> crate::map::drag::Draggable {
        let wb = &self.workbench;
        let form = self.dialogs.incident_form.as_ref();
        crate::map::drag::Draggable {
            incidents: if wb.corrupt.is_some() {
                0..0
            } else {
                wb.mine()
            },
            pin: form
                .and_then(|f| f.draft.lon_lat())
                .map(|(x, y)| geo::Coord { x, y }),
        }
    }

    /// Opens the form, empty or on one of the user's incidents.
    pub(super) fn open_incident_form(&mut self, start: FormStart) {
        use crate::ui::incident_form::IncidentForm;
        self.dialogs.incident_form = match start {
            FormStart::New(at) => Some(IncidentForm::new_at(at, today())),
            FormStart::Edit(id) => self.workbench.log.get(&id).map(IncidentForm::edit),
        };
    }
}

/// The banner's choices for a log that failed to load.
pub(super) fn corrupt_log_ui(ui: &mut Ui, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label("My incidents failed to load; it is kept as it is.");
        if ui.button("Open the backup").clicked() {
            cmds.push(Command::OpenLogBackup);
        }
        if ui.button("Start a new log").clicked() {
            cmds.push(Command::StartNewLog);
        }
    });
}
