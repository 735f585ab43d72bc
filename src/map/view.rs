//! `MapView`: the egui widget that shows the scene through the camera.
//!
//! Built every frame from borrowed state. It first reads the input into a plain [`MapFrame`]
//! (the camera after pan and zoom, what is under the pointer, what a click asked for), then
//! paints from it, and returns the one [`MapAction`] the user asked for. It changes nothing of
//! the app's: what it keeps between frames lives in the [`MapMemory`] it is lent.

use super::camera::{Camera, ScreenRect};
use super::context_menu::context_menu;
use super::drag::{DragTarget, Draggable};
use super::focus::AgreementFocus;
use super::hit::{Hit, HitTest};
use super::layers::Layers;
use super::measure::Measurement;
use super::memory::MapMemory;
use super::paint::{self, Canvas, MapLayers, Marks, pos};
use super::projection::{lon_lat_from_world, world_from_lon_lat};
use super::scene::Scene;
use super::synthetic::{SyntheticHit, SyntheticLayer};
use super::user::UserLayerView;
use super::web::{LinkPath, WebLayout, lay_out};
use super::zones::ZoneScene;
use crate::model::web::AgreementWeb;
use crate::model::{Atlas, Item, RecordRef};
use egui::{Pos2, Rect, Response, Sense, Ui};
use geo::Coord;

/// Pick tolerance around the pointer, in points.
pub const PICK_TOLERANCE_PT: f64 = 8.0;
/// The agreement web is drawn below this zoom (a region, not a reef).
pub const WEB_MAX_ZOOM: f64 = 6.0;
/// How strongly a selected country's land is shaded (0 to 1).
const SELECTED_COUNTRY_TINT: f32 = 0.8;
/// Zoom levels per point of wheel scrolling.
const WHEEL_ZOOM_PER_PT: f64 = 1.0 / 120.0;

/// What the user asked of the map this frame; the app carries it out.
#[derive(Clone, Debug, PartialEq)]
pub enum MapAction {
    /// The view was panned or zoomed.
    Moved(Camera),
    /// Something was clicked (`None`: empty map, which clears the selection).
    Select(Option<Item>),
    /// An incident cluster was clicked: list these incidents.
    ListCluster(Vec<usize>),
    /// Clicked while measuring: a new ruler vertex (lon/lat).
    AddRulerPoint(Coord<f64>),
    /// Context menu: start the ruler at this point (lon/lat).
    MeasureFrom(Coord<f64>),
    /// Context menu: centre the map on this point (lon/lat).
    CentreAt(Coord<f64>),
    /// Context menu: add an incident of the user's at this point (lon/lat).
    AddIncidentAt(Coord<f64>),
    /// Context menu: what zones and claims hold this point (lon/lat).
    WhatsHere(Coord<f64>),
    /// One of the user's incidents (atlas index) was dragged and dropped at `to` (lon/lat).
    MoveIncident { index: usize, to: Coord<f64> },
    /// The incident form's pin was dragged and dropped here (lon/lat).
    MovePin(Coord<f64>),
}

/// What is shown after the filter and the as-of date (the app's derived state).
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    /// Per incident: passes the filter (what is drawn and picked).
    pub incidents: &'a [bool],
    /// Per agreement site: shown on the as-of date.
    pub sites: &'a [bool],
    /// Changes whenever the flags do (caches key on it instead of comparing the flags).
    pub revision: u64,
}

/// The map widget.
pub struct MapView<'a> {
    pub atlas: &'a Atlas,
    pub scene: &'a mut Scene,
    pub camera: Camera,
    pub layers: &'a Layers,
    pub selected: Option<Item>,
    pub shown: Shown<'a>,
    /// Emphasis of the selected agreement, if one is selected.
    pub focus: Option<&'a AgreementFocus>,
    /// The agreement web on the as-of date (drawn with the agreements layer).
    pub web: Option<&'a AgreementWeb<'a>>,
    /// While comparing two dates: what changed on the web between them (`web` is then the
    /// later date's web with the links gone since the earlier one added).
    pub web_diff: Option<&'a crate::model::web_diff::WebDiff>,
    /// Maritime zones under the chosen lens, when on and computed.
    pub zones: Option<&'a ZoneScene>,
    pub user_layers: &'a [UserLayerView],
    /// `--stress` incidents, if any.
    pub synthetic: Option<&'a SyntheticLayer>,
    /// The ruler, while measuring: clicks add vertices instead of selecting.
    pub measure: Option<&'a Measurement>,
    /// Attribution to stamp with a scale bar in the corner, while the map is being saved.
    pub stamp: Option<&'a str>,
    /// What the widget keeps between frames.
    pub memory: &'a mut MapMemory,
    /// The markers the user may drag (their own incidents, the form's pin).
    pub draggable: Draggable,
}

/// What one frame computed from the input, before anything is painted.
struct MapFrame {
    viewport: ScreenRect,
    camera: Camera,
    /// The record under the pointer (highlighted).
    hovered: Option<Item>,
    /// What to say of what the pointer is over.
    tooltip: Option<String>,
    cursor_lon_lat: Option<Coord<f64>>,
    action: Option<MapAction>,
}

fn coord(p: Pos2) -> Coord<f64> {
    Coord {
        x: f64::from(p.x),
        y: f64::from(p.y),
    }
}

/// The viewport of an egui rect.
pub fn screen_rect(rect: Rect) -> ScreenRect {
    ScreenRect::new(
        f64::from(rect.min.x),
        f64::from(rect.min.y),
        f64::from(rect.width()),
        f64::from(rect.height()),
    )
}

/// The egui rect of a viewport (the inverse of [`screen_rect`]).
pub fn egui_rect(vp: &ScreenRect) -> Rect {
    Rect::from_min_size(pos(vp.min), egui::vec2(pos(vp.size).x, pos(vp.size).y))
}

/// The camera after this frame's drag (unless it moves a marker), wheel, pinch and
/// double-click.
fn moved_camera(
    ui: &Ui,
    response: &Response,
    viewport: &ScreenRect,
    camera: Camera,
    pan: bool,
) -> Camera {
    let mut camera = camera;
    if pan && response.dragged() {
        camera = camera.panned_by_pt(coord(response.drag_delta().to_pos2()));
    }
    if let Some(hover) = response.hover_pos() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta().y, i.zoom_delta()));
        let mut dz = f64::from(scroll) * WHEEL_ZOOM_PER_PT;
        if pinch != 1.0 && pinch > 0.0 {
            dz += f64::from(pinch).log2();
        }
        if response.double_clicked() {
            dz += 1.0;
        }
        if dz != 0.0 {
            camera = camera.zoomed_about(viewport, coord(hover), dz);
        }
    }
    camera.kept_on_world()
}

impl MapView<'_> {
    /// Reads the input, paints, and returns what the user asked for.
    pub fn show(mut self, ui: &mut Ui) -> Option<MapAction> {
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        let viewport = screen_rect(rect);
        let dropped = self.track_drag(ui, &response, &viewport);
        let pan = self.memory.drag.is_none() && dropped.is_none();
        let camera = moved_camera(ui, &response, &viewport, self.camera, pan);
        let incidents_on = self.layers.incidents.visible;
        self.memory.refresh_clusters(
            &self.scene.incidents,
            self.shown,
            incidents_on,
            camera,
            viewport,
        );
        // Zoomed in, most parties are off the map and the web is only clutter at its edges.
        let web = self
            .web
            .filter(|_| self.layers.agreements.visible && camera.zoom < WEB_MAX_ZOOM)
            .map(|w| lay_out(self.atlas, self.scene, w, &camera, &viewport));
        let frame = self.compute(&response, viewport, camera, web.as_ref());
        let lon_lat_at =
            |p: Pos2| lon_lat_from_world(camera.world_from_screen(&viewport, coord(p)));
        let menu = context_menu(&response, lon_lat_at);
        self.paint(ui, rect, &frame, web.as_ref());
        if self.stamp.is_none() {
            // Being saved: no tooltip may end up in the picture.
            if let Some(text) = &frame.tooltip {
                response.on_hover_text_at_pointer(text);
            }
        }
        self.memory.viewport = Some(viewport);
        self.memory.camera = Some(camera);
        self.memory.cursor_lon_lat = frame.cursor_lon_lat;
        self.memory.hovered = frame.hovered;
        self.memory.web = web;
        menu.or(dropped).or(frame.action)
    }

    /// Grabs a marker the user may move when a drag starts on one; the drop when it ends.
    fn track_drag(&mut self, ui: &Ui, response: &Response, vp: &ScreenRect) -> Option<MapAction> {
        if response.drag_started() {
            let press = ui.input(|i| i.pointer.press_origin()).map(coord);
            let grabbed = press.and_then(|p| {
                let test = self.hit_test(self.camera, *vp, None);
                let picked = test.record_at(p).and_then(RecordRef::incident);
                let world = &self.scene.incidents;
                self.draggable.grab(picked, world, &self.camera, vp, p)
            });
            self.memory.drag = grabbed;
        }
        if !response.drag_stopped() {
            if !response.dragged() {
                self.memory.drag = None;
            }
            return None;
        }
        let drag = self.memory.drag.take()?;
        let at = ui.input(|i| i.pointer.latest_pos()).map(coord)?;
        let to = drag.lon_lat_at(&self.camera, vp, at);
        Some(match drag.target {
            DragTarget::Incident(index) => MapAction::MoveIncident { index, to },
            DragTarget::Pin => MapAction::MovePin(to),
        })
    }

    /// What lies under points of the map drawn through `camera`.
    fn hit_test<'b>(
        &'b self,
        camera: Camera,
        viewport: ScreenRect,
        web: Option<&'b WebLayout>,
    ) -> HitTest<'b> {
        HitTest {
            scene: self.scene,
            layers: self.layers,
            shown: self.shown,
            clusters: self.memory.clusters(),
            synthetic: self
                .synthetic
                .filter(|s| s.settings.visible && s.settings.opacity > 0.0),
            user_layers: self.user_layers,
            web,
            countries: &self.atlas.countries,
            camera,
            viewport,
            tolerance_m: PICK_TOLERANCE_PT * camera.m_per_pt(),
        }
    }

    /// What the pointer is over and what a click asked for.
    fn compute(
        &self,
        response: &Response,
        viewport: ScreenRect,
        camera: Camera,
        web: Option<&WebLayout>,
    ) -> MapFrame {
        let test = self.hit_test(camera, viewport, web);
        let lon_lat_at =
            |p: Pos2| lon_lat_from_world(camera.world_from_screen(&viewport, coord(p)));
        let hover_pos = response.hover_pos();
        let single_click = response.clicked() && !response.double_clicked();
        let click_pos = response.interact_pointer_pos().filter(|_| single_click);
        let action = match (click_pos, self.measure) {
            (Some(p), Some(_)) => Some(MapAction::AddRulerPoint(lon_lat_at(p))),
            (Some(p), None) => Some(match test.hit_at(coord(p)) {
                Some(Hit::Cluster(c)) => MapAction::ListCluster(c.members.clone()),
                Some(Hit::Record(r)) => MapAction::Select(Some(Item::Record(r))),
                Some(Hit::Link(link)) => {
                    MapAction::Select(Some(Item::Record(RecordRef::Agreement(link.agreement))))
                }
                Some(Hit::Party(c) | Hit::Land(c)) => MapAction::Select(Some(Item::Country(c))),
                Some(Hit::Synthetic(SyntheticHit::Single(row))) => {
                    MapAction::Select(Some(Item::Synthetic(row)))
                }
                // Too many to list: zoom in on them instead.
                Some(Hit::Synthetic(SyntheticHit::Cluster(c))) => {
                    MapAction::Moved(camera.zoomed_about(
                        &viewport,
                        camera.screen_from_world(&viewport, c.center_world),
                        2.0,
                    ))
                }
                Some(Hit::User(_)) | None => MapAction::Select(None),
            }),
            (None, _) => (camera != self.camera).then_some(MapAction::Moved(camera)),
        };
        MapFrame {
            viewport,
            camera,
            hovered: hover_pos
                .and_then(|p| test.record_at(coord(p)))
                .map(Item::Record),
            tooltip: hover_pos
                .and_then(|p| test.hit_at(coord(p)))
                .and_then(|h| self.tooltip(&h)),
            cursor_lon_lat: hover_pos.map(lon_lat_at),
            action,
        }
    }

    fn paint(&mut self, ui: &mut Ui, rect: Rect, frame: &MapFrame, web: Option<&WebLayout>) {
        let painter = ui.painter_at(rect);
        let canvas = Canvas {
            painter: &painter,
            camera: frame.camera,
            viewport: frame.viewport,
        };
        let synthetic = self
            .synthetic
            .filter(|s| s.settings.visible && s.settings.opacity > 0.0);
        let synth_cells = synthetic
            .map(|s| s.cells(&frame.camera, &frame.viewport, 40.0))
            .unwrap_or_default();
        let layers = MapLayers {
            atlas: self.atlas,
            layers: self.layers,
            marks: Marks {
                selected: self.selected,
                hovered: frame.hovered,
            },
            clusters: self.memory.clusters(),
            site_visible: self.shown.sites,
            focus: self.focus,
            user_layers: self.user_layers,
            synthetic: synthetic.map(|s| (s, synth_cells.as_slice())),
            web: self.web.zip(web),
            web_diff: self.web_diff,
            land_tint: &self.land_tint(),
            zones: self.zones,
        };
        // The scene's LOD meshes are built on first use: painting needs it mutably.
        let approximate_islands = paint::paint_layers(&canvas, self.scene, &layers);
        if let Some(text) = self.stamp {
            // Being saved: the notice goes into the stamp, which would cover it.
            super::stamp::paint_stamp(&painter, rect, &frame.camera, text, approximate_islands);
        } else if let Some(notice) = approximate_islands {
            paint::basemap_scale_notice(ui, rect, notice);
        }
        self.paint_markers(ui, &painter, frame);
        if let Some(m) = self.measure {
            paint::paint_measurement(
                &painter,
                &frame.camera,
                &frame.viewport,
                m,
                frame.cursor_lon_lat,
            );
            if ui.rect_contains_pointer(rect) {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
            }
        }
    }

    /// The form's pin, and a marker being dragged where it would drop.
    fn paint_markers(&self, ui: &Ui, painter: &egui::Painter, frame: &MapFrame) {
        let (cam, vp) = (&frame.camera, &frame.viewport);
        let drag = self.memory.drag;
        let pointer = ui.input(|i| i.pointer.latest_pos()).map(coord);
        let dragged_to = drag.zip(pointer).map(|(d, p)| d.world_at(cam, vp, p));
        let pin = match (drag.map(|d| d.target), dragged_to) {
            (Some(DragTarget::Pin), Some(w)) => Some(w),
            _ => self.draggable.pin.map(world_from_lon_lat),
        };
        if let Some(w) = pin {
            super::drag::paint_pin(painter, cam.screen_from_world(vp, w));
        }
        if let (Some(d), Some(to)) = (drag, dragged_to)
            && let DragTarget::Incident(i) = d.target
            && let Some(x) = self.atlas.incidents.get(i)
        {
            let from = cam.screen_from_world(vp, d.from_world);
            let to = cam.screen_from_world(vp, to);
            super::drag::paint_dragged_incident(painter, from, to, x.kind);
        }
        if drag.is_some() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
        }
    }

    /// The tooltip for what the pointer is over.
    fn tooltip(&self, hit: &Hit) -> Option<String> {
        Some(match hit {
            Hit::Cluster(c) => format!("{} incidents here — click to list them", c.members.len()),
            Hit::Record(r) => self.atlas.item_name(Item::Record(*r)),
            Hit::Synthetic(SyntheticHit::Single(row)) => {
                super::synthetic::row_line(self.synthetic?, *row)
            }
            Hit::Synthetic(SyntheticHit::Cluster(c)) => {
                format!("{} SYNTHETIC incidents here — click to zoom in", c.count)
            }
            Hit::User(text) => text.clone(),
            Hit::Link(link) => self.link_tooltip(link),
            Hit::Party(c) => format!("{} — click for its agreements", c.name()),
            // Land is everywhere: no tooltip follows the pointer across it.
            Hit::Land(_) => return None,
        })
    }
}

impl MapView<'_> {
    /// Per base-map country: how strongly its land is shaded. A selected agreement shades its
    /// parties; otherwise the web shades each country by how many agreements bind it.
    fn land_tint(&self) -> Vec<f32> {
        let mut tint = self.web_tint();
        if let Some(Item::Country(selected)) = self.selected {
            // A selected country stands out from the shading by agreements.
            tint.resize(self.atlas.countries.len(), 0.0);
            for (t, c) in tint.iter_mut().zip(&self.atlas.countries) {
                if c.iso == Some(selected) {
                    *t = SELECTED_COUNTRY_TINT;
                }
            }
        }
        tint
    }

    fn web_tint(&self) -> Vec<f32> {
        if let Some(f) = self.focus {
            return f
                .countries
                .iter()
                .map(|&p| if p { 0.45 } else { 0.0 })
                .collect();
        }
        let Some(web) = self.web.filter(|_| self.layers.agreements.visible) else {
            return Vec::new();
        };
        self.atlas
            .countries
            .iter()
            .map(|c| {
                let n = c
                    .iso
                    .and_then(|iso| web.binds.get(&iso))
                    .copied()
                    .unwrap_or(0);
                #[allow(clippy::cast_precision_loss)]
                let t = if n == 0 {
                    0.0
                } else {
                    0.2 + 0.12 * (n - 1) as f32
                };
                t.min(1.0)
            })
            .collect()
    }

    /// The agreements between the two parties of a hovered link, with their status.
    fn link_tooltip(&self, link: &LinkPath) -> String {
        if link.spoke {
            let Some(a) = self.atlas.agreements.get(link.agreement) else {
                return String::new();
            };
            let parties: Vec<&str> = a.parties.iter().map(|p| p.code()).collect();
            let status = link.status.label();
            return format!(
                "{} ({}): {status}\nclick to open",
                a.short_name,
                parties.join(", ")
            );
        }
        let mut lines = vec![format!("{} – {}", link.a.name(), link.b.name())];
        if let Some(web) = self.web {
            for e in web
                .edges
                .iter()
                .filter(|e| (e.a, e.b) == (link.a, link.b) || (e.a, e.b) == (link.b, link.a))
            {
                if let Some(a) = self.atlas.agreements.get(e.agreement) {
                    lines.push(format!("{}: {}", a.short_name, e.status.label()));
                }
            }
        }
        lines.push("click to open".to_owned());
        lines.join("\n")
    }
}
