//! Thin egui panels: they draw state and report what the user chose; the app applies it.

pub mod fonts;
pub mod inspector;
pub mod layers_panel;
pub mod links;
pub mod status;
