//! Thin egui panels: they draw state and report what the user chose; the app applies it.

pub mod about;
pub mod about_lenses;
pub mod agreements_panel;
pub mod compare_panel;
pub mod compare_window;
pub mod country_inspector;
pub mod file_picker;
pub mod find;
pub mod fonts;
pub mod help;
pub mod incident_form;
pub mod incidents_panel;
pub mod inspector;
pub mod layers_panel;
pub mod links;
pub mod save_image;
pub mod status;
pub mod timeline_panel;
pub mod whats_here;
pub mod where_filter;
