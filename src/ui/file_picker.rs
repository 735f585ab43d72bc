//! The file dialogs: one open at a time, drawn by egui itself (`egui_file`), so it works on
//! any desktop (no portal, no GTK) and in headless tests, and never blocks the frame: the
//! dialog is drawn each frame like any window and reports the chosen path once.

use crate::model::file_pick::{Pick, PickKind};
use egui_file::{FileDialog, State};
use std::path::{Path, PathBuf};

/// The dialog open now, and what it is for.
#[derive(Default)]
pub struct FilePicker {
    open: Option<(Pick, FileDialog)>,
}

impl FilePicker {
    /// Opens the dialog for `pick` in `folder`, suggesting `file_name` for a save.
    pub fn open(&mut self, pick: Pick, folder: &Path, file_name: Option<&str>) {
        let dialog = match pick.kind() {
            PickKind::OpenFile => FileDialog::open_file(),
            PickKind::SaveFile => FileDialog::save_file(),
            PickKind::Folder => FileDialog::select_folder(),
        };
        let mut dialog = dialog
            .title(pick.title())
            .initial_path(folder)
            .show_rename(false)
            .show_new_folder(pick.kind() != PickKind::OpenFile)
            .keep_on_top(true)
            .show_files_filter(Box::new(move |p: &Path| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| pick.accepts(n))
            }));
        // A map image takes any name (".png" is added); other saves and opens need their formats.
        if pick.kind() != PickKind::Folder && pick != Pick::SaveImage {
            dialog = dialog.filename_filter(Box::new(move |name: &str| pick.accepts(name)));
        }
        if let Some(name) = file_name {
            dialog = dialog.default_filename(name);
        }
        dialog.open();
        self.open = Some((pick, dialog));
    }

    /// Whether a dialog is open (it has the keyboard).
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// What the open dialog is for.
    pub fn pick(&self) -> Option<Pick> {
        self.open.as_ref().map(|(p, _)| *p)
    }

    /// Draws the open dialog; returns what was chosen, once, when the user confirms.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<(Pick, PathBuf)> {
        let (pick, dialog) = self.open.as_mut()?;
        let pick = *pick;
        let chosen = match dialog.show(ctx).state() {
            State::Open => return None,
            State::Selected => dialog.path().map(Path::to_path_buf),
            State::Closed | State::Cancelled => None,
        };
        self.open = None;
        chosen.map(|p| (pick, p))
    }
}
