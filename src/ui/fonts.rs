//! Fonts: egui's defaults plus bundled Noto subsets, so Chinese, Japanese and Vietnamese names
//! render as text (not boxes) on machines with no CJK fonts installed.
//!
//! The subsets hold only the characters the bundled data and the app use; `scripts/make-fonts`
//! regenerates them and `tests/fonts.rs` fails when a character has no glyph.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-subset.ttf");
const NOTO_CJK: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-subset.otf");

/// egui's default fonts with the Noto subsets as fallbacks for every family.
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".into(),
        Arc::new(FontData::from_static(NOTO_SANS)),
    );
    fonts
        .font_data
        .insert("noto-cjk".into(), Arc::new(FontData::from_static(NOTO_CJK)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.push("noto-sans".into());
        list.push("noto-cjk".into());
    }
    fonts
}

/// Installs the fonts and the light theme (a map reads best on light panels) into a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    ctx.set_theme(egui::Theme::Light);
}
