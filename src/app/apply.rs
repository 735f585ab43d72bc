//! [`App::apply`]: the one place the app's state changes. Everything the user asks for, from
//! any panel, the map, the keyboard or a finished job, comes here as a [`Command`].

use super::App;
use super::command::Command;
use super::state::Selection;
use crate::map::Camera;
use crate::map::layers::LayerSettings;
use crate::map::user::UserLayerView;
use crate::model::filter::step_incident;
use crate::model::{Date, Item, RecordRef};
use geo::Coord;

/// The map's size assumed before it has been drawn (for framing a record).
const DEFAULT_MAP_SIZE_PT: Coord<f64> = Coord { x: 800.0, y: 600.0 };

impl App {
    /// Carries out one command; the derived caches follow at once.
    pub fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::Select(_)
            | Command::ListCluster(_)
            | Command::SelectIncident(_)
            | Command::StepIncident { .. }
            | Command::GoTo(_)
            | Command::ZoomToSelection => self.apply_selection(cmd),
            Command::SetCamera(_)
            | Command::ResetView
            | Command::CentreAt(_)
            | Command::ZoomBy(_)
            | Command::PanBy(_) => self.apply_view(cmd),
            Command::ToggleRuler
            | Command::MeasureFrom(_)
            | Command::AddRulerPoint(_)
            | Command::UndoRulerPoint
            | Command::EndRuler => self.apply_ruler(cmd),
            Command::OpenFile(_)
            | Command::CancelLoad(_)
            | Command::LayerLoaded(_)
            | Command::SyntheticReady(_)
            | Command::LoadFailed(_)
            | Command::SetUserLayer { .. }
            | Command::RemoveUserLayer(_)
            | Command::SetSyntheticLayer(_)
            | Command::RemoveSynthetic => self.apply_layers(cmd),
            Command::AddIncident(_)
            | Command::EditIncident { .. }
            | Command::DeleteIncident(_)
            | Command::DuplicateAsMine(_)
            | Command::Undo
            | Command::Redo
            | Command::OpenLogBackup
            | Command::StartNewLog
            | Command::MoveIncident { .. }
            | Command::ConfirmImport(_) => self.apply_workbench(cmd),
            Command::PlanImport(path) => self.plan_import(&path),
            Command::CancelImport => self.workbench.pending_import = None,
            Command::KeepImportAsLayer
            | Command::ShowIncidentLayer { .. }
            | Command::RemoveIncidentLayer(_) => self.apply_incident_layers(cmd),
            Command::ToggleImportDialog => {
                self.dialogs.import_open = !self.dialogs.import_open;
            }
            Command::OpenIncidentForm(start) => self.open_incident_form(start),
            Command::SetFormPosition(p) => {
                if let Some(f) = &mut self.dialogs.incident_form {
                    f.draft.set_lon_lat(p.x, p.y);
                }
            }
            Command::Browse(_) | Command::Picked(..) => self.apply_files(cmd),
            Command::CompareWith(_)
            | Command::CompareDone(_)
            | Command::CompareFailed(_)
            | Command::CancelCompare
            | Command::ToggleCompare => self.apply_compare(cmd),
            other => self.apply_settings(other),
        }
        self.refresh_derived();
    }

    /// The camera now: the one set, else the one the map last drew with.
    fn current_camera(&self) -> Option<Camera> {
        self.state.saved.camera.or(self.map.camera)
    }

    fn apply_selection(&mut self, cmd: Command) {
        let selection = &mut self.state.selection;
        match cmd {
            Command::Select(item) => *selection = item.map_or(Selection::None, Selection::Item),
            Command::ListCluster(members) => *selection = Selection::Cluster(members),
            Command::SelectIncident(i) => self.select_incident(i),
            Command::StepIncident { forward } => {
                let current = selection.item().and_then(Item::incident);
                let incidents = &self.data.atlas.incidents;
                let visible = &self.derived.incident_visible;
                if let Some(i) = step_incident(incidents, visible, current, forward) {
                    self.select_incident(i);
                }
            }
            Command::GoTo(record) => self.go_to(record),
            Command::ZoomToSelection => {
                if let Some(record) = selection.item().and_then(Item::record) {
                    self.go_to(record);
                }
            }
            _ => {}
        }
    }

    /// Selects an incident and centres the map on it at the current zoom.
    fn select_incident(&mut self, i: usize) {
        self.state.selection = Selection::Item(Item::Record(RecordRef::Incident(i)));
        if let (Some(x), Some(cam)) = (self.data.atlas.incidents.get(i), self.current_camera()) {
            let p = x.position;
            self.state.saved.camera = Some(Camera::at_lon_lat(p.x(), p.y(), cam.zoom));
        }
    }

    /// Selects a record and moves the map to it.
    fn go_to(&mut self, record: RecordRef) {
        self.state.selection = Selection::Item(Item::Record(record));
        let size = self.map.viewport.map_or(DEFAULT_MAP_SIZE_PT, |vp| vp.size);
        let current = self.current_camera();
        if let Some(cam) = crate::map::goto::camera_for(&self.data.atlas, record, current, size) {
            self.state.saved.camera = Some(cam);
        }
    }

    fn apply_view(&mut self, cmd: Command) {
        let current = self.current_camera();
        let viewport = self.map.viewport;
        let camera = &mut self.state.saved.camera;
        match cmd {
            Command::SetCamera(c) => *camera = Some(c),
            // Re-framed on the next map frame.
            Command::ResetView => *camera = None,
            Command::CentreAt(p) => {
                if let Some(cam) = current {
                    *camera = Some(Camera::at_lon_lat(p.x, p.y, cam.zoom));
                }
            }
            Command::ZoomBy(dz) => {
                if let (Some(cam), Some(vp)) = (current, viewport) {
                    *camera = Some(cam.zoomed_about(&vp, vp.center(), dz));
                }
            }
            Command::PanBy(d) => {
                if let Some(cam) = current {
                    *camera = Some(cam.panned_by_pt(d));
                }
            }
            _ => {}
        }
        *camera = camera.map(Camera::kept_on_world);
    }

    fn apply_ruler(&mut self, cmd: Command) {
        let measure = &mut self.state.measure;
        match cmd {
            Command::ToggleRuler => {
                *measure = match measure {
                    Some(_) => None,
                    None => Some(Default::default()),
                };
            }
            Command::MeasureFrom(p) => {
                let mut m = crate::map::measure::Measurement::default();
                m.push(p);
                *measure = Some(m);
            }
            Command::AddRulerPoint(p) => {
                if let Some(m) = measure {
                    m.push(p);
                }
            }
            Command::UndoRulerPoint => {
                if let Some(m) = measure {
                    m.undo();
                }
            }
            Command::EndRuler => *measure = None,
            _ => {}
        }
    }

    fn apply_layers(&mut self, cmd: Command) {
        match cmd {
            Command::OpenFile(path) => self.jobs.start(&path),
            Command::CancelLoad(i) => self.jobs.cancel(i),
            Command::LayerLoaded(loaded) => {
                let l = *loaded;
                let name = l.layer.name.clone();
                self.report_errors(l.skipped.iter().map(ToString::to_string));
                let more = l.skipped_total.saturating_sub(l.skipped.len());
                if more > 0 {
                    self.report_errors([format!("{name}: … and {more} more features skipped")]);
                }
                self.data.user_layers.push(UserLayerView {
                    layer: l.layer,
                    scene: l.scene,
                    settings: LayerSettings::default(),
                });
            }
            Command::SyntheticReady(layer) => self.data.synthetic = Some(*layer),
            Command::LoadFailed(e) => self.report_errors([e.to_string()]),
            Command::SetUserLayer { index, settings } => {
                if let Some(l) = self.data.user_layers.get_mut(index) {
                    l.settings = settings;
                }
            }
            Command::RemoveUserLayer(i) if i < self.data.user_layers.len() => {
                // A large layer takes a noticeable time to free: not on the UI thread.
                let layer = self.data.user_layers.remove(i);
                std::thread::spawn(move || drop(layer));
            }
            Command::SetSyntheticLayer(settings) => {
                if let Some(s) = &mut self.data.synthetic {
                    s.settings = settings;
                }
            }
            Command::RemoveSynthetic => {
                let layer = self.data.synthetic.take();
                std::thread::spawn(move || drop(layer));
                if matches!(self.state.selection, Selection::Item(Item::Synthetic(_))) {
                    self.state.selection = Selection::None;
                }
            }
            _ => {}
        }
    }

    /// Adds problems to the banner and shows it.
    pub(super) fn report_errors(&mut self, errors: impl IntoIterator<Item = String>) {
        let before = self.state.errors.len();
        self.state.errors.extend(errors);
        if self.state.errors.len() > before {
            self.state.windows.errors = true;
        }
    }

    fn apply_settings(&mut self, cmd: Command) {
        let state = &mut self.state;
        let saved = &mut state.saved;
        match cmd {
            Command::SetLayers(l) => saved.layers = l,
            Command::SetFilter(f) => saved.filter = f,
            Command::SetDateRange(from, to) => (saved.filter.from, saved.filter.to) = (from, to),
            Command::ShiftDateRange { months } => {
                let f = &mut saved.filter;
                if f.from.is_some() || f.to.is_some() {
                    (f.from, f.to) = (shift(f.from, months), shift(f.to, months));
                }
            }
            Command::SetAsOf(d) => saved.as_of = d,
            Command::SetCompareDate(d) => state.compare_with = d,
            Command::ShowAgreementSites { id, shown: true } => {
                saved.hidden_agreements.remove(&id);
            }
            Command::ShowAgreementSites { id, shown: false } => {
                saved.hidden_agreements.insert(id);
            }
            Command::SetSideTab(t) => state.side_tab = t,
            Command::ToggleTimeline => saved.show_timeline = !saved.show_timeline,
            Command::ShowMyIncidents(shown) => saved.show_my_incidents = shown,
            Command::ExportShown(path) => self.export_shown(&path),
            Command::SetLens(lens) => saved.lens = lens,
            Command::ZonesReady(scene) => self.zones.scenes.push(*scene),
            Command::WhatsHere(p) => state.windows.here = Some(p),
            Command::CloseWhatsHere => state.windows.here = None,
            Command::ToggleHelp => state.windows.help = !state.windows.help,
            Command::ToggleAbout => state.windows.about = !state.windows.about,
            Command::DismissErrors => state.windows.errors = false,
            Command::OpenSaveImage => {
                let folder = self.start_folder();
                self.dialogs.save_image.open_dialog(&folder);
            }
            Command::FocusFind => self.dialogs.find.request_focus(),
            _ => {}
        }
    }

    /// Writes the incidents the filter shows (real ones only; the user's marked `mine`, an
    /// imported layer's `imported:<layer>`); what happened, or why not (naming the file), is
    /// kept for the panel to say.
    fn export_shown(&mut self, path: &std::path::Path) {
        use crate::io::export::{ExportRow, Origin};
        use crate::model::workbench::Whose;
        let atlas = &self.data.atlas;
        let wb = &self.workbench;
        // As shown: the filter, and each incident layer's only while it is on.
        let visible = &self.derived.incident_visible;
        let layout = wb.layout();
        let rows: Vec<ExportRow<'_>> = (0..atlas.incidents.len())
            .filter(|&i| visible.get(i) == Some(&true))
            .filter_map(|i| {
                let incident = atlas.incidents.get(i)?;
                Some(match layout.whose(i)? {
                    Whose::Bundled => ExportRow::data(incident),
                    Whose::Mine(j) => ExportRow {
                        incident,
                        origin: Origin::Mine,
                        derived_from: wb.log.records().derived_from(j),
                    },
                    Whose::Imported { layer, index } => {
                        let l = wb.layers.get(layer)?;
                        ExportRow {
                            incident,
                            origin: Origin::Imported(&l.name),
                            derived_from: l.records.derived_from(index),
                        }
                    }
                })
            })
            .collect();
        self.state.export_message = Some(match crate::io::export::export_rows(path, &rows) {
            Ok(n) => format!("Wrote {n} incidents to {}", path.display()),
            Err(e) => format!("Not written: {e}"),
        });
    }
}

/// A date moved by whole months (clamped to the month's end), if it can be.
fn shift(d: Option<Date>, months: i32) -> Option<Date> {
    let d = d?;
    let m = chrono::Months::new(months.unsigned_abs());
    if months >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}
