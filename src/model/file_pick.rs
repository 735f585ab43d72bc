//! What each file dialog is for: its title, the files it lists, the name it suggests, and the
//! folder it opens in. Pure: the app checks the file system and draws the dialog.

use std::path::{Path, PathBuf};

/// The open and save dialogs of the File menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// A GeoJSON file to show as a layer of its own.
    OpenLayer,
    /// A file of incidents to merge into My incidents.
    ImportIncidents,
    /// Where to write the shown incidents (.csv or .geojson).
    Export,
    /// Where to write the map as a PNG.
    SaveImage,
    /// A data folder (e.g. a newer release) to compare ours with.
    CompareFolder,
}

/// What kind of dialog a pick needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickKind {
    OpenFile,
    SaveFile,
    Folder,
}

impl Pick {
    pub fn title(self) -> &'static str {
        match self {
            Self::OpenLayer => "Open layer",
            Self::ImportIncidents => "Import incidents",
            Self::Export => "Export the shown incidents",
            Self::SaveImage => "Save the map as an image",
            Self::CompareFolder => "Compare with a data folder",
        }
    }

    pub fn kind(self) -> PickKind {
        match self {
            Self::OpenLayer | Self::ImportIncidents => PickKind::OpenFile,
            Self::Export | Self::SaveImage => PickKind::SaveFile,
            Self::CompareFolder => PickKind::Folder,
        }
    }

    /// File extensions (lower case, no dot) the dialog lists and accepts; empty: any.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::OpenLayer => &["geojson", "json"],
            Self::ImportIncidents | Self::Export => &["geojson", "json", "csv"],
            Self::SaveImage => &["png"],
            Self::CompareFolder => &[],
        }
    }

    /// Whether a file name fits this dialog (by extension, in any case).
    pub fn accepts(self, name: &str) -> bool {
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let allowed = self.extensions();
        allowed.is_empty() || ext.is_some_and(|e| allowed.contains(&e.as_str()))
    }

    /// The folder a chosen path puts the next dialog in: a chosen folder itself, else the
    /// file's folder.
    pub fn folder_of(self, chosen: &Path) -> Option<PathBuf> {
        match self.kind() {
            PickKind::Folder => Some(chosen.to_path_buf()),
            _ => chosen
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf),
        }
    }
}

/// The folder a dialog opens in: the last one used while it still exists, else the home
/// folder, else the working folder. `is_dir` is the file system's answer.
pub fn start_folder(
    last: Option<&Path>,
    home: Option<&Path>,
    working: &Path,
    is_dir: impl Fn(&Path) -> bool,
) -> PathBuf {
    last.filter(|p| is_dir(p))
        .or(home.filter(|p| is_dir(p)))
        .unwrap_or(working)
        .to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pick_lists_only_its_files() {
        assert!(Pick::OpenLayer.accepts("reefs.GeoJSON"));
        assert!(!Pick::OpenLayer.accepts("log.csv"));
        assert!(Pick::ImportIncidents.accepts("log.csv"));
        assert!(Pick::Export.accepts("out.geojson"));
        assert!(!Pick::Export.accepts("out.txt"));
        assert!(!Pick::Export.accepts("no-extension"));
        assert!(Pick::SaveImage.accepts("map.png"));
        assert!(Pick::CompareFolder.accepts("anything"));
        assert_eq!(Pick::CompareFolder.kind(), PickKind::Folder);
        assert_eq!(Pick::SaveImage.kind(), PickKind::SaveFile);
    }

    #[test]
    fn the_next_dialog_opens_where_the_last_choice_was() {
        let file = Path::new("/data/logs/mine.csv");
        assert_eq!(
            Pick::ImportIncidents.folder_of(file),
            Some(PathBuf::from("/data/logs"))
        );
        assert_eq!(
            Pick::CompareFolder.folder_of(Path::new("/data/v2")),
            Some(PathBuf::from("/data/v2"))
        );
        assert_eq!(Pick::Export.folder_of(Path::new("bare.csv")), None);
    }

    #[test]
    fn a_vanished_last_folder_falls_back_to_home_then_the_working_folder() {
        let exists = |p: &Path| p.starts_with("/home");
        let last = Path::new("/mnt/gone");
        let home = Path::new("/home/ana");
        let work = Path::new("/tmp");
        let at = |last, home| start_folder(last, home, work, exists);
        assert_eq!(at(Some(last), Some(home)), home);
        assert_eq!(
            at(Some(Path::new("/home/ana/maps")), Some(home)),
            Path::new("/home/ana/maps")
        );
        assert_eq!(at(Some(last), None), work);
        assert_eq!(at(None, Some(Path::new("/nope"))), work);
    }
}
