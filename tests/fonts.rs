//! Every character of the bundled data has a glyph in the app's fonts (so no name shows as
//! boxes). Fails when data gains a character the font subsets lack: rerun `scripts/make-fonts`.

use egui::FontId;

#[test]
fn every_character_in_the_assets_has_a_glyph() {
    let ctx = egui::Context::default();
    contested_waters::ui::fonts::install(&ctx);
    // Fonts are loaded at the start of the first pass.
    let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
    out.textures_delta.clear();
    let mut text = String::new();
    for f in [
        "features.geojson",
        "claims.geojson",
        "incidents.geojson",
        "agreements.geojson",
        "series.json",
        "meta.json",
    ] {
        let bytes = contested_waters::io::DataSource::Embedded.read(f);
        text.push_str(&String::from_utf8(bytes.expect("asset readable")).expect("UTF-8"));
    }
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
    chars.sort_unstable();
    chars.dedup();
    assert!(
        chars.iter().any(|c| ('\u{4e00}'..='\u{9fff}').contains(c)),
        "the data has CJK names"
    );
    assert!(chars.contains(&'ư'), "the data has Vietnamese names");
    let font = FontId::proportional(14.0);
    let missing: String =
        ctx.fonts_mut(|f| chars.iter().filter(|c| !f.has_glyph(&font, **c)).collect());
    assert!(missing.is_empty(), "no glyph for: {missing}");
}
