//! Source links: only http(s) URLs ever become clickable.
//!
//! The link opens the URL as parsed and normalised by [`web_url`], and the hover shows that
//! same text, so what the reader sees is what the browser gets.

use crate::io::web_url::web_url;
use crate::model::Source;
use egui::Ui;

/// Lists sources, each as a clickable link when its URL is http(s), plain text otherwise.
pub fn sources_ui(ui: &mut Ui, sources: &[Source]) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Sources").strong());
        if ui
            .small_button("Copy")
            .on_hover_text("Copy these sources as citations, one per line")
            .clicked()
        {
            let text: Vec<String> = sources.iter().map(Source::citation).collect();
            ui.ctx().copy_text(text.join("\n"));
        }
    });
    for s in sources {
        let title = s.title.as_deref().unwrap_or(&s.publisher);
        let date = s
            .date
            .map(|d| {
                let kind = if s.date_is_accessed {
                    "accessed"
                } else {
                    "published"
                };
                format!(" ({kind} {d})")
            })
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.label("•");
            if let Some(url) = web_url(&s.url) {
                ui.hyperlink_to(title, url.as_str())
                    .on_hover_text(url.as_str());
            } else {
                ui.label(title);
            }
            if s.title.is_some() {
                ui.weak(format!("— {}{date}", s.publisher));
            } else {
                ui.weak(date);
            }
        });
    }
}
