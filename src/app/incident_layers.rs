//! The incident list's tail and the imported layers inside the app.
//!
//! `atlas.incidents` holds the bundled incidents, then My incidents, then each imported layer's
//! ([`IncidentLayout`]). An edit of the log changes only the window of the tail it touched
//! (found by comparing the log's `Arc`s with the ones last copied), so an edit with a
//! 10,000-incident log copies and re-indexes one incident, not ten thousand. A layer added or
//! removed rewrites the whole tail (rare, and the user waits for it anyway).

use super::App;
use super::command::Command;
use super::derived::MyIncidents;
use super::state::{SavedState, Selection};
use super::workbench::Workbench;
use crate::io::incident_layers;
use crate::model::workbench::layout::Window;
use crate::model::workbench::{ImportedLayer, IncidentLayout, LogEntry, Whose};
use crate::model::{Incident, Item, RecordRef};
use std::collections::HashSet;
use std::path::Path;

impl Workbench {
    /// Where each layer's incidents sit in `atlas.incidents`.
    pub fn layout(&self) -> IncidentLayout {
        IncidentLayout {
            bundled: self.bundled,
            mine: self.log.incidents().len(),
            imported: self.layers.iter().map(ImportedLayer::len).collect(),
        }
    }

    /// Whose `atlas.incidents[i]` is.
    pub fn whose(&self, i: usize) -> Option<Whose> {
        self.layout().whose(i)
    }

    /// The layout with which layers are on, for the visibility flags.
    pub(super) fn shown_layers(&self, saved: &SavedState) -> MyIncidents {
        MyIncidents {
            layout: self.layout(),
            shown: saved.show_my_incidents,
            imported_shown: self
                .layers
                .iter()
                .map(|l| !saved.hidden_incident_layers.contains(&l.name))
                .collect(),
            revision: self.synced,
        }
    }

    /// Reads the layers kept in `dir`, their ids made unique against the bundled incidents,
    /// the log's and each other's; returns the problems (a layer that fails is left out).
    pub(super) fn open_layers(&mut self, dir: &Path, bundled: &[Incident]) -> Vec<String> {
        let (found, problems) = incident_layers::load_layers(dir);
        let mut taken: HashSet<String> = bundled
            .iter()
            .chain(self.log.incidents().iter().map(|x| &**x))
            .map(|x| x.id.clone())
            .collect();
        for (name, entries) in found {
            let (layer, _) = ImportedLayer::new(name, entries, &mut taken);
            self.add_layer(layer);
        }
        problems
            .iter()
            .map(|e| format!("Imported layer not loaded: {e}"))
            .collect()
    }

    fn add_layer(&mut self, layer: ImportedLayer) {
        let ids: Vec<String> = layer
            .records
            .incidents()
            .iter()
            .map(|x| x.id.clone())
            .collect();
        // The log never hands out an id a layer holds.
        self.log.reserve_ids(ids.iter().map(String::as_str));
        self.reserved.extend(ids);
        self.layers.push(layer);
    }

    /// Rewrites `incidents` past the bundled ones: the log's, then each layer's.
    pub(super) fn write_tail(&mut self, incidents: &mut Vec<Incident>) {
        incidents.truncate(self.bundled);
        let layers = self.layers.iter().map(|l| l.records.incidents());
        for part in std::iter::once(self.log.incidents()).chain(layers) {
            incidents.extend(part.iter().map(|x| Incident::clone(x)));
        }
        self.in_atlas = self.log.incidents().to_vec();
    }
}

impl App {
    /// Brings every incident view in line with the log after an edit, touching only the
    /// incidents that changed (the layers after them only move).
    pub(super) fn sync_my_incidents(&mut self) {
        let wb = &mut self.workbench;
        let now = wb.log.incidents();
        let w = Window::between(&wb.in_atlas, now);
        if w.is_empty() {
            return;
        }
        let incidents = &mut self.data.atlas.incidents;
        let at = wb.bundled + w.at;
        let added = now.iter().skip(w.at).take(w.added);
        incidents.splice(at..at + w.removed, added.map(|x| Incident::clone(x)));
        let new = incidents.get(at..at + w.added).unwrap_or_default();
        self.dialogs.find.splice_incidents(at, w.removed, new);
        // Projecting and indexing the incidents' points is a few milliseconds for 10,000.
        self.data.scene.set_incidents(incidents);
        self.dialogs.timeline.invalidate();
        wb.in_atlas = now.to_vec();
        wb.synced += 1;
    }

    /// Rebuilds every incident view from the log and the layers, from scratch: what each
    /// edit cost before edits were brought in incrementally (the benchmark's baseline).
    #[doc(hidden)]
    pub fn rebuild_incident_views(&mut self) {
        self.rebuild_incident_tail();
        self.refresh_derived();
    }

    /// Rewrites the whole tail (a layer came or went).
    fn rebuild_incident_tail(&mut self) {
        self.workbench.write_tail(&mut self.data.atlas.incidents);
        self.data.scene.set_incidents(&self.data.atlas.incidents);
        self.dialogs.timeline.invalidate();
        self.dialogs.find.reindex(&self.data.atlas);
        self.workbench.synced += 1;
        // Indices past the bundled incidents may have moved.
        let bundled = self.workbench.bundled;
        let stale = match &self.state.selection {
            Selection::Item(Item::Record(RecordRef::Incident(i))) => *i >= bundled,
            Selection::Cluster(members) => members.iter().any(|&i| i >= bundled),
            _ => false,
        };
        if stale {
            self.state.selection = Selection::None;
        }
    }

    pub(super) fn apply_incident_layers(&mut self, cmd: Command) {
        match cmd {
            Command::KeepImportAsLayer => self.keep_import_as_layer(),
            Command::RemoveIncidentLayer(name) => self.remove_incident_layer(&name),
            Command::ShowIncidentLayer { name, shown } => {
                let hidden = &mut self.state.saved.hidden_incident_layers;
                if shown {
                    hidden.remove(&name);
                } else {
                    hidden.insert(name);
                }
            }
            _ => {}
        }
    }

    /// Keeps the planned import as a read-only layer of its own, written to the data folder.
    fn keep_import_as_layer(&mut self) {
        let Some(p) = self.workbench.pending_import.take() else {
            return;
        };
        let stem = p.path.file_stem().unwrap_or_default().to_string_lossy();
        let names: Vec<&str> = self
            .workbench
            .layers
            .iter()
            .map(|l| l.name.as_str())
            .collect();
        let name = crate::model::workbench::imported::layer_name(&stem, &names);
        let mut taken: HashSet<String> = self
            .data
            .atlas
            .incidents
            .iter()
            .map(|x| x.id.clone())
            .collect();
        let entries = p.incoming.into_iter().map(LogEntry::new).collect();
        let (layer, renamed) = ImportedLayer::new(name, entries, &mut taken);
        let kept = match &self.workbench.dir {
            Some(dir) => match incident_layers::save_layer(dir, &layer.name, &layer.records) {
                Ok(path) => format!("kept in {}", path.display()),
                Err(e) => {
                    self.report_errors([format!("Imported layer: {e}; shown until you quit")]);
                    "not saved".to_owned()
                }
            },
            None => "not saved (no data folder)".to_owned(),
        };
        let renamed = match renamed {
            0 => String::new(),
            n => format!(
                "; {n} id(s) already in use were renamed <id>@{}",
                layer.name
            ),
        };
        self.workbench.status = Some(format!(
            "Imported {} as the layer \"{}\": {} incident(s), {kept}{renamed}",
            p.path.display(),
            layer.name,
            layer.len(),
        ));
        self.workbench.add_layer(layer);
        self.rebuild_incident_tail();
    }

    /// Drops an imported layer; its copy in the data folder is moved to `layers/removed/`.
    fn remove_incident_layer(&mut self, name: &str) {
        let wb = &mut self.workbench;
        let Some(k) = wb.layers.iter().position(|l| l.name == name) else {
            return;
        };
        let removed = wb
            .dir
            .as_deref()
            .map_or(Ok(()), |dir| incident_layers::remove_layer(dir, name));
        if let Err(e) = removed {
            self.report_errors([format!("Imported layer: {e}")]);
            return;
        }
        let layer = self.workbench.layers.remove(k);
        self.workbench.status = Some(format!("Removed the layer \"{}\"", layer.name));
        self.state.saved.hidden_incident_layers.remove(name);
        self.rebuild_incident_tail();
    }
}
