//! What the panels keep while the user types and looks: text fields, the find box, the
//! timeline's drag, the save dialog. Widget state, not app state: it changes nothing shown
//! on the map until a panel reports a command.

use crate::model::Atlas;
use crate::ui::find::FindState;
use crate::ui::incident_form::IncidentForm;
use crate::ui::incidents_panel::{DateFields, DateText};
use crate::ui::save_image::SaveImage;
use crate::ui::timeline_panel::TimelineState;

/// The panels' own state.
pub struct Dialogs {
    pub date_fields: DateFields,
    pub as_of_text: DateText,
    pub compare_text: DateText,
    /// The "open a file" field of the Layers tab.
    pub open_path_text: String,
    /// Where "Export" writes.
    pub export_path: String,
    pub find: FindState,
    pub timeline: TimelineState,
    /// The pointer is over the timeline panel (arrow keys then step its range).
    pub timeline_hovered: bool,
    /// The incident the Incidents tab's list last scrolled to (or was clicked in).
    pub list_revealed: Option<usize>,
    /// "Save map image" (Ctrl+S): its dialog, the capture under way, the last outcome.
    pub save_image: SaveImage,
    /// The "Import incidents" dialog is open, and its file field.
    pub import_open: bool,
    pub import_path: String,
    /// The import's merge options, as chosen in its confirm window.
    pub import_options: crate::model::workbench::MergeOptions,
    /// The incident form, while open.
    pub incident_form: Option<IncidentForm>,
    /// The file dialog open now (File menu, Browse… buttons).
    pub picker: crate::ui::file_picker::FilePicker,
}

impl Dialogs {
    pub fn new(atlas: &Atlas) -> Self {
        Self {
            date_fields: DateFields::default(),
            as_of_text: DateText::default(),
            compare_text: DateText::default(),
            open_path_text: String::new(),
            export_path: "contested-waters-incidents.csv".to_owned(),
            find: FindState::new(atlas),
            timeline: TimelineState::default(),
            timeline_hovered: false,
            list_revealed: None,
            save_image: SaveImage::default(),
            incident_form: None,
            picker: crate::ui::file_picker::FilePicker::default(),
            import_open: false,
            import_path: String::new(),
            import_options: crate::model::workbench::MergeOptions::default(),
        }
    }
}
