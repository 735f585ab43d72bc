//! The file dialogs' part of the app: where each opens, and what a choice does. A choice
//! goes where the typed-path fields send theirs (open, import, export, save image, compare).

use super::App;
use super::command::Command;
use crate::model::file_pick::{Pick, start_folder};
use std::path::{Path, PathBuf};

impl App {
    /// The folder the next file dialog opens in: the last one used, else home.
    pub(super) fn start_folder(&self) -> PathBuf {
        let home = dirs::home_dir();
        let working = std::env::current_dir().unwrap_or_default();
        start_folder(
            self.state.saved.last_folder.as_deref(),
            home.as_deref(),
            &working,
            Path::is_dir,
        )
    }

    /// Opens a file dialog, or carries out its choice.
    pub(super) fn apply_files(&mut self, cmd: Command) {
        match cmd {
            Command::Browse(pick) => {
                let folder = self.start_folder();
                let name = match pick {
                    Pick::Export => Path::new(self.dialogs.export_path.trim())
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned()),
                    Pick::SaveImage => Some(crate::ui::save_image::suggested_name()),
                    _ => None,
                };
                self.dialogs.picker.open(pick, &folder, name.as_deref());
            }
            Command::Picked(pick, path) => {
                if let Some(folder) = pick.folder_of(&path) {
                    self.state.saved.last_folder = Some(folder);
                }
                self.carry_out(pick, path);
            }
            _ => {}
        }
    }

    fn carry_out(&mut self, pick: Pick, path: PathBuf) {
        match pick {
            Pick::OpenLayer => self.apply(Command::OpenFile(path)),
            Pick::ImportIncidents => self.apply(Command::PlanImport(path)),
            Pick::Export => {
                self.dialogs.export_path = path.display().to_string();
                self.apply(Command::ExportShown(path));
            }
            Pick::SaveImage => self.dialogs.save_image.start(&path),
            Pick::CompareFolder => self.apply(Command::CompareWith(path)),
        }
    }
}
