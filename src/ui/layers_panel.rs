//! The layers panel: visibility, opacity and a legend drawn with the map's own symbols.

use crate::map::layers::{LayerId, LayerSettings, Layers};
use crate::map::style;
use crate::model::{ClaimKind, Country, FeatureKind, IncidentKind};
use egui::{Pos2, Ui, Vec2};

const SWATCH: Vec2 = Vec2::new(26.0, 14.0);

fn swatch(ui: &mut Ui, draw: impl FnOnce(&egui::Painter, egui::Rect)) {
    let (rect, _) = ui.allocate_exact_size(SWATCH, egui::Sense::hover());
    draw(&ui.painter_at(rect), rect);
}

fn legend_row(ui: &mut Ui, label: &str, draw: impl FnOnce(&egui::Painter, egui::Rect)) {
    ui.horizontal(|ui| {
        swatch(ui, draw);
        ui.label(label);
    });
}

/// Draws the panel; returns the settings edited when the user changed them.
pub fn layers_ui(ui: &mut Ui, current: &Layers) -> Option<Layers> {
    let mut edited = current.clone();
    let layers = &mut edited;
    ui.scope(|ui| {
        for id in LayerId::ALL {
            let s = layers.get_mut(id);
            ui.checkbox(&mut s.visible, id.label());
            ui.horizontal(|ui| {
                ui.add_space(22.0);
                ui.spacing_mut().slider_width = 120.0;
                ui.add_enabled(
                    s.visible,
                    egui::Slider::new(&mut s.opacity, 0.0..=1.0).show_value(false),
                )
                .on_hover_text("opacity");
                ui.weak(format!("{:.0}%", s.opacity * 100.0));
            });
            ui.indent(("legend-indent", id), |ui| {
                egui::CollapsingHeader::new("Legend")
                    .id_salt(("legend", id))
                    .default_open(id == LayerId::Features)
                    .show(ui, |ui| legend_ui(ui, id));
            });
            ui.add_space(4.0);
        }
    });
    (edited != *current).then_some(edited)
}

fn legend_ui(ui: &mut Ui, id: LayerId) {
    match id {
        LayerId::Features => features_legend_ui(ui),
        LayerId::Incidents => {
            for kind in IncidentKind::ALL {
                legend_row(ui, kind.label(), |p, r| {
                    style::incident_symbol(p, r.center(), 4.0, kind, 1.0)
                });
            }
        }
        LayerId::Agreements => agreements_legend_ui(ui),
        LayerId::Claims => {
            for kind in ClaimKind::ALL {
                legend_row(ui, kind.label(), |p, r| {
                    let st = style::claim_style(kind);
                    let y = r.center().y;
                    style::stroke_line(
                        p,
                        vec![Pos2::new(r.left() + 1.0, y), Pos2::new(r.right() - 1.0, y)],
                        &st,
                        1.0,
                    );
                });
            }
        }
        LayerId::Basemap => basemap_legend_ui(ui),
        LayerId::Graticule => legend_row(ui, "meridians and parallels", |p, r| {
            p.line_segment(
                [r.left_center(), r.right_center()],
                egui::Stroke::new(0.7, style::GRATICULE),
            );
        }),
    }
}

fn features_legend_ui(ui: &mut Ui) {
    for kind in FeatureKind::ALL {
        legend_row(ui, kind.label(), |p, r| {
            style::feature_symbol(p, r.center(), 5.5, kind, style::holder_color(None), 1.0)
        });
    }
    ui.label("Colour: who holds it");
    for code in style::LEGEND_HOLDERS {
        let c = Country::parse(code);
        legend_row(ui, c.map_or(code, |c| c.name()), |p, r| {
            style::feature_symbol(
                p,
                r.center(),
                5.5,
                FeatureKind::Island,
                style::holder_color(c),
                1.0,
            )
        });
    }
    legend_row(ui, "unoccupied", |p, r| {
        style::feature_symbol(
            p,
            r.center(),
            5.5,
            FeatureKind::Island,
            style::holder_color(None),
            1.0,
        )
    });
}

fn agreements_legend_ui(ui: &mut Ui) {
    use crate::model::{AgreementKind, AgreementStatus};
    let line = |p: &egui::Painter, r: egui::Rect, kind, status| {
        let y = r.center().y;
        let pts = [Pos2::new(r.left() + 1.0, y), Pos2::new(r.right() - 1.0, y)];
        style::stroke_agreement(p, &pts, kind, status, 2.0, 1.0);
    };
    for kind in AgreementKind::ALL {
        legend_row(ui, kind.label(), |p, r| {
            line(p, r, kind, AgreementStatus::InForce);
        });
    }
    ui.label("Line: the agreement's status on the date");
    for status in [
        AgreementStatus::InForce,
        AgreementStatus::SignedNotInForce,
        AgreementStatus::UnderNegotiation,
    ] {
        legend_row(ui, status.label(), |p, r| {
            line(p, r, AgreementKind::Treaty, status);
        });
    }
    legend_row(ui, "land: darker, more agreements bind it", |p, r| {
        p.rect_filled(r.shrink(1.0), 0.0, style::PARTY_STRONG);
    });
    legend_row(ui, "party off the map (at the edge)", |p, r| {
        p.circle(
            r.center(),
            6.0,
            egui::Color32::WHITE,
            egui::Stroke::new(1.0, style::PARTY_LINK),
        );
    });
    legend_row(ui, "area a dated statement says is covered", |p, r| {
        dashed_box(p, r, egui::Stroke::new(1.5, style::PARTY_LINK), 5.0);
    });
    legend_row(ui, "base or site covered by an agreement", |p, r| {
        style::site_symbol(p, r.center(), 4.5, 1.0);
    });
    ui.label("Comparing two dates (Agreements tab):");
    for kind in crate::model::web_diff::ChangeKind::ALL {
        legend_row(ui, kind.label(), |p, r| {
            let y = r.center().y;
            let pts = [Pos2::new(r.left() + 1.0, y), Pos2::new(r.right() - 1.0, y)];
            style::stroke_change(p, &pts, kind, 1.0);
        });
    }
}

/// A swatch's outline, dashed (`dash` long, 3 pt gaps), inset 2 pt.
fn dashed_box(p: &egui::Painter, r: egui::Rect, stroke: egui::Stroke, dash: f32) {
    let r = r.shrink(2.0);
    let ring = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    p.extend(egui::Shape::dashed_line(&ring, stroke, dash, 3.0));
}

fn basemap_legend_ui(ui: &mut Ui) {
    legend_row(ui, "land", |p, r| {
        p.rect_filled(r.shrink(1.0), 0.0, style::LAND);
        p.rect_stroke(
            r.shrink(1.0),
            0.0,
            egui::Stroke::new(0.8, style::BORDER),
            egui::StrokeKind::Inside,
        );
    });
    legend_row(ui, "sea", |p, r| {
        p.rect_filled(r.shrink(1.0), 0.0, style::SEA);
    });
    legend_row(
        ui,
        "small island, zoomed in past 1:10m: approximate",
        |p, r| dashed_box(p, r, egui::Stroke::new(1.2, style::BORDER), 4.0),
    );
}

/// The maritime zones: Off or a lens, with what the lens assumes and the legend. Returns the
/// choice when the user changed it (`Some(None)`: off).
pub fn zones_ui(
    ui: &mut Ui,
    lenses: &crate::model::zones::LensTable,
    current: Option<&str>,
) -> Option<Option<String>> {
    use crate::model::zones::ZoneKind;
    let mut choice = None;
    ui.strong("Maritime zones");
    ui.horizontal_wrapped(|ui| {
        if ui.selectable_label(current.is_none(), "Off").clicked() {
            choice = Some(None);
        }
        for l in &lenses.lenses {
            let on = current == Some(l.id.as_str());
            if ui
                .selectable_label(on, &l.name)
                .on_hover_text(&l.summary)
                .clicked()
                && !on
            {
                choice = Some(Some(l.id.clone()));
            }
        }
    });
    if current.is_some() {
        for kind in ZoneKind::ALL {
            legend_row(ui, kind.label(), |p, r| {
                let (color, width, dash) = crate::map::paint::zone_style(kind);
                let y = r.center().y;
                let pts = [Pos2::new(r.left() + 1.0, y), Pos2::new(r.right() - 1.0, y)];
                let stroke = egui::Stroke::new(width, color);
                match dash {
                    None => {
                        p.line_segment(pts, stroke);
                    }
                    Some((d, g)) => p.extend(egui::Shape::dashed_line(&pts, stroke, d, g)),
                }
            });
        }
        legend_row(ui, "equidistance, not an agreed boundary", |p, r| {
            let y = r.center().y;
            let pts = [Pos2::new(r.left() + 1.0, y), Pos2::new(r.right() - 1.0, y)];
            p.extend(egui::Shape::dashed_line(
                &pts,
                egui::Stroke::new(2.0, style::ZONE_OVERLAP),
                9.0,
                4.0,
            ));
        });
        ui.weak("Right-click the map: What's here?");
    }
    ui.add_space(6.0);
    choice
}

/// What the user asked of their own layers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserLayersAction {
    pub open: Option<std::path::PathBuf>,
    pub remove: Option<usize>,
    /// New settings for one layer, by index.
    pub settings: Option<(usize, LayerSettings)>,
    /// "Browse…": choose the file in a file dialog.
    pub browse: bool,
}

/// What the user asked of a layer they added: new settings, or its removal.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayerRowAction {
    pub settings: Option<LayerSettings>,
    pub remove: bool,
}

/// The user's layers: visibility, opacity, remove; and a field to open a GeoJSON file
/// (dropping a file on the window, or `--open PATH`, work too).
pub fn user_layers_ui(
    ui: &mut Ui,
    layers: &[crate::map::user::UserLayerView],
    path_text: &mut String,
) -> UserLayersAction {
    let mut action = UserLayersAction::default();
    ui.add_space(6.0);
    ui.strong("Your layers");
    for (i, l) in layers.iter().enumerate() {
        let summary = format!(
            "{} ({} points, {} lines)",
            l.layer.name,
            l.layer.points.len(),
            l.layer.paths.len()
        );
        let row = removable_layer_row(ui, l.settings, summary);
        if row.remove {
            action.remove = Some(i);
        }
        if let Some(settings) = row.settings {
            action.settings = Some((i, settings));
        }
    }
    ui.horizontal(|ui| {
        // Narrow enough for the two buttons beside it in the panel's default width (a width
        // taken from `available_width` would grow the resizable panel frame after frame).
        ui.add(
            egui::TextEdit::singleline(path_text)
                .desired_width(100.0)
                .hint_text("path/to/file.geojson"),
        );
        if ui.button("Open").clicked() && !path_text.trim().is_empty() {
            action.open = Some(std::path::PathBuf::from(path_text.trim()));
        }
        action.browse = ui
            .button("Browse…")
            .on_hover_text("Choose a GeoJSON file to open as a layer")
            .clicked();
    });
    ui.weak("or drop a GeoJSON file on the window");
    action
}

/// The `--stress` layer: visibility, opacity, and a button to drop it.
pub fn synthetic_layer_ui(
    ui: &mut Ui,
    layer: &crate::map::synthetic::SyntheticLayer,
) -> LayerRowAction {
    ui.add_space(6.0);
    ui.strong("Stress test");
    let summary = format!(
        "SYNTHETIC incidents: {} generated (seed {}), not real",
        super::incidents_panel::thousands(layer.len()),
        layer.data.seed
    );
    removable_layer_row(ui, layer.settings, summary)
}

/// A layer the user added: visibility with its summary, opacity, and Remove.
fn removable_layer_row(ui: &mut Ui, current: LayerSettings, summary: String) -> LayerRowAction {
    let mut settings = current;
    ui.checkbox(&mut settings.visible, summary);
    ui.horizontal(|ui| {
        ui.add_space(22.0);
        ui.spacing_mut().slider_width = 90.0;
        ui.add_enabled(
            settings.visible,
            egui::Slider::new(&mut settings.opacity, 0.0..=1.0)
                .show_value(false)
                .text("opacity"),
        );
        let remove = ui.small_button("Remove").clicked();
        LayerRowAction {
            settings: (settings != current).then_some(settings),
            remove,
        }
    })
    .inner
}
