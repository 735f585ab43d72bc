//! Source links: only http(s) URLs ever become clickable.

use crate::io::props::is_web_url;
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
            if is_web_url(&s.url) {
                ui.hyperlink_to(title, &s.url).on_hover_text(&s.url);
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
