//! The map's right-click menu: copy the position in two forms, measure from it, centre on it.

use super::coords::{format_lat_lon_decimal, format_lat_lon_dm};
use super::view::MapAction;
use egui::Pos2;
use geo::Coord;

/// Shows the menu; the position is the one right-clicked, kept while the menu is open.
/// Copying is done here; what changes the app is returned.
pub fn context_menu(
    response: &egui::Response,
    lon_lat_at: impl Fn(Pos2) -> Coord<f64>,
) -> Option<MapAction> {
    let id = response.id.with("context_lon_lat");
    if response.secondary_clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let ll = lon_lat_at(p);
        response.ctx.data_mut(|d| d.insert_temp(id, ll));
    }
    let mut action = None;
    response.context_menu(|ui| {
        let Some(ll) = ui.ctx().data(|d| d.get_temp::<Coord<f64>>(id)) else {
            return;
        };
        let decimal = format_lat_lon_decimal(ll);
        let dm = format_lat_lon_dm(ll);
        if ui.button(format!("Copy {decimal}")).clicked() {
            ui.ctx().copy_text(decimal);
            ui.close();
        }
        if ui.button(format!("Copy {dm}")).clicked() {
            ui.ctx().copy_text(dm);
            ui.close();
        }
        ui.separator();
        if ui.button("Measure from here").clicked() {
            action = Some(MapAction::MeasureFrom(ll));
            ui.close();
        }
        if ui.button("Add incident here").clicked() {
            action = Some(MapAction::AddIncidentAt(ll));
            ui.close();
        }
        if ui.button("What's here?").clicked() {
            action = Some(MapAction::WhatsHere(ll));
            ui.close();
        }
        if ui.button("Centre the map here").clicked() {
            action = Some(MapAction::CentreAt(ll));
            ui.close();
        }
    });
    action
}
