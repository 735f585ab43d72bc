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
/// rest of the data is) as fallbacks for every family, and egui's emoji fonts last (for the
/// file dialogs' icons): a character our fonts have never changes face. A font that cannot be
/// read is reported and left out: names in its scripts then show as boxes, but the app runs.
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let families = [FontFamily::Proportional, FontFamily::Monospace];
    let mut emoji: Vec<String> = Vec::new();
    for family in &families {
        let list = fonts.families.entry(family.clone()).or_default();
        for name in EMOJI_FONTS {
            if let Some(at) = list.iter().position(|n| n == name) {
                list.remove(at);
                if !emoji.iter().any(|n| n == name) {
                    emoji.push(name.to_owned());
                }
            }
        }
    }
    for (name, file) in FONT_FILES {
        match DataSource::Embedded.read(file) {
            Ok(bytes) => {
                fonts
                    .font_data
                    .insert(name.into(), Arc::new(FontData::from_owned(bytes)));
                for family in &families {
                    fonts
                        .families
                        .entry(family.clone())
                        .or_default()
                        .push(name.into());
                }
            }
            Err(e) => eprintln!("warning: {e}"),
        }
    }
    for family in &families {
        fonts
            .families
            .entry(family.clone())
            .or_default()
            .extend(emoji.iter().cloned());
    }
    fonts
}

/// egui's emoji fonts (its `monochrome_emoji_fonts` feature), moved after ours.
const EMOJI_FONTS: [&str; 2] = ["NotoEmoji-Regular", "emoji-icon-font"];

/// Installs the fonts and the light theme (a map reads best on light panels) into a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    ctx.set_theme(egui::Theme::Light);
}
