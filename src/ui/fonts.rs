//! Fonts: egui's defaults plus bundled Noto subsets, so Chinese, Japanese and Vietnamese names
//! render as text (not boxes) on machines with no CJK fonts installed.
//!
//! The subsets hold only the characters the bundled data and the app use; `scripts/make-fonts`
//! regenerates them and `tests/fonts.rs` fails when a character has no glyph.

use crate::io::DataSource;
use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// The bundled fonts: egui's name for each, and its file in the data.
pub const FONT_FILES: [(&str, &str); 2] = [
    ("noto-sans", "fonts/NotoSans-subset.ttf"),
    ("noto-cjk", "fonts/NotoSansCJKsc-subset.otf"),
];

/// egui's default fonts with the Noto subsets (read from the binary's embedded data, as the
/// rest of the data is) as fallbacks for every family. A font that cannot be read is reported
/// and left out: names in its scripts then show as boxes, but the app runs.
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    for (name, file) in FONT_FILES {
        match DataSource::Embedded.read(file) {
            Ok(bytes) => {
                fonts
                    .font_data
                    .insert(name.into(), Arc::new(FontData::from_owned(bytes)));
                for family in [FontFamily::Proportional, FontFamily::Monospace] {
                    fonts.families.entry(family).or_default().push(name.into());
                }
            }
            Err(e) => eprintln!("warning: {e}"),
        }
    }
    fonts
}

/// Installs the fonts and the light theme (a map reads best on light panels) into a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    ctx.set_theme(egui::Theme::Light);
}
