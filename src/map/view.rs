//! `MapView`: the egui widget that draws the scene through the camera and reports input.
//!
//! Built every frame; it borrows the state it needs and returns a [`MapOutput`]. It changes
//! nothing itself: the app applies the new camera and the selection.

use super::camera::{Camera, ScreenRect};
use super::cluster::{Cluster, grid_clusters};
use super::focus::AgreementFocus;
use super::graticule;
use super::labels::{LabelBox, place_label_alternatives};
use super::layers::Layers;
use super::pick::Item;
use super::projection::{lon_lat_from_world, world_from_lon_lat};
use super::scene::{Scene, beyond_basemap_scale, lod_for_zoom};
use super::style;
use super::synthetic::SyntheticHit;
use crate::model::Atlas;
use egui::{
    Align2, Color32, FontId, Mesh, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, epaint::Vertex,
};
use geo::Coord;

/// Pick tolerance around the pointer, in points.
pub const PICK_TOLERANCE_PT: f64 = 8.0;
/// Zoom levels per point of wheel scrolling.
const WHEEL_ZOOM_PER_PT: f64 = 1.0 / 120.0;
/// A user layer with more cells than this on screen, or a cell this full, is drawn as a
/// density grid (count labels would carpet the map).
const DENSITY_ABOVE_CELLS: usize = 300;
const DENSITY_FROM_COUNT: u32 = 100;
/// Feature names appear from this zoom on.
const FEATURE_LABEL_MIN_ZOOM: f64 = 6.5;

/// Sea and strait names, placed by hand (placement only: no claim is implied).
const SEA_LABELS: [(&str, f64, f64); 11] = [
    ("South China Sea", 113.2, 13.8),
    ("East China Sea", 125.3, 29.6),
    ("Philippine Sea", 129.0, 17.5),
    ("Sulu Sea", 120.3, 8.6),
    ("Celebes Sea", 122.8, 4.0),
    ("Gulf of Tonkin", 107.8, 19.9),
    ("Gulf of Thailand", 101.8, 9.6),
    ("Yellow Sea", 123.2, 35.3),
    ("Taiwan Strait", 119.4, 24.1),
    ("Luzon Strait", 120.9, 20.6),
    ("Java Sea", 111.0, -5.0),
];

/// What the user did to the map this frame.
#[derive(Clone, Debug, Default)]
pub struct MapOutput {
    /// The camera after this frame's pan and zoom.
    pub camera: Option<Camera>,
    pub hovered: Option<Item>,
    /// `Some(None)` when empty map was clicked (clears the selection).
    pub clicked: Option<Option<Item>>,
    /// The members of an incident cluster that was clicked.
    pub clicked_cluster: Option<Vec<usize>>,
    /// The incident clusters drawn this frame.
    pub clusters: Vec<Cluster>,
    pub cursor_lon_lat: Option<Coord<f64>>,
    pub viewport: Option<ScreenRect>,
    /// Where the map was clicked while measuring (lon/lat): a new ruler vertex.
    pub measure_click: Option<Coord<f64>>,
    /// What the user chose from the map's context menu.
    pub context_action: Option<ContextAction>,
}

/// A map context-menu choice the app carries out (copying is done by the menu itself).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ContextAction {
    /// Start the ruler with this point (lon/lat).
    MeasureFrom(Coord<f64>),
    /// Centre the map on this point (lon/lat).
    CentreAt(Coord<f64>),
}

/// The map widget.
pub struct MapView<'a> {
    pub atlas: &'a Atlas,
    pub scene: &'a mut Scene,
    pub camera: Camera,
    pub layers: &'a Layers,
    pub selected: Option<Item>,
    /// Per incident: passes the filter (what is drawn and picked).
    pub incident_visible: &'a [bool],
    /// Per agreement site: shown on the as-of date.
    pub site_visible: &'a [bool],
    /// Emphasis of the selected agreement, if one is selected.
    pub focus: Option<&'a AgreementFocus>,
    /// The user's own layers.
    pub user_layers: &'a [super::user::UserLayerView],
    /// `--stress` incidents, if any.
    pub synthetic: Option<&'a super::synthetic::SyntheticLayer>,
    /// The ruler, while measuring: clicks add vertices instead of selecting.
    pub measure: Option<&'a super::measure::Measurement>,
    /// Attribution to stamp with a scale bar in the corner, while the map is being saved.
    pub stamp: Option<&'a str>,
}

/// Whether an item is drawn (and so may be picked).
fn is_drawn(layers: &Layers, incident_visible: &[bool], site_visible: &[bool], item: Item) -> bool {
    layers.shows(item)
        && match item {
            Item::Incident(i) => incident_visible.get(i).copied().unwrap_or(false),
            Item::Site(i) => site_visible.get(i).copied().unwrap_or(false),
            _ => true,
        }
}

fn pos(c: Coord<f64>) -> Pos2 {
    // Screen coordinates fit f32 comfortably; the world stays f64.
    #[allow(clippy::cast_possible_truncation)]
    Pos2::new(c.x as f32, c.y as f32)
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

impl MapView<'_> {
    /// Handles input, paints, and reports what happened.
    pub fn show(self, ui: &mut Ui) -> MapOutput {
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        let viewport = screen_rect(rect);
        let mut camera = self.camera;

        if response.dragged() {
            camera = camera.panned_by_px(coord(response.drag_delta().to_pos2()));
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
                camera = camera.zoomed_about(&viewport, coord(hover), dz);
            }
        }

        let clusters = if self.layers.incidents.visible {
            let vis = camera.visible_world(&viewport);
            let pad = 40.0 * camera.m_per_px();
            let on_screen = |w: &Coord<f64>| {
                w.x >= vis.min().x - pad
                    && w.x <= vis.max().x + pad
                    && w.y >= vis.min().y - pad
                    && w.y <= vis.max().y + pad
            };
            grid_clusters(
                self.scene
                    .incidents
                    .iter()
                    .enumerate()
                    .filter(|(i, w)| self.incident_visible.get(*i) == Some(&true) && on_screen(w))
                    .map(|(i, w)| (i, *w)),
                super::cluster::CELL_PT * camera.m_per_px(),
            )
        } else {
            Vec::new()
        };
        let cluster_of = |i: usize| {
            clusters
                .iter()
                .find(|c| c.members.len() > 1 && c.members.binary_search(&i).is_ok())
        };
        let tolerance_m = PICK_TOLERANCE_PT * camera.m_per_px();
        let layers = self.layers;
        let pick_at = |p: Pos2| {
            self.scene.pick.pick(
                camera.world_from_screen(&viewport, coord(p)),
                tolerance_m,
                |it| is_drawn(layers, self.incident_visible, self.site_visible, it),
            )
        };
        // Synthetic cells on screen: drawn, and picked where nothing real is.
        let synthetic = self
            .synthetic
            .filter(|s| s.settings.visible && s.settings.opacity > 0.0);
        let synth_cells = synthetic
            .map(|s| s.cells(&camera, &viewport, 40.0))
            .unwrap_or_default();
        let synth_at = |p: Pos2| {
            synthetic.and_then(|s| {
                s.pick(
                    camera.zoom,
                    camera.world_from_screen(&viewport, coord(p)),
                    tolerance_m,
                )
            })
        };
        let hovered = response.hover_pos().and_then(pick_at);
        // A cluster symbol is hit anywhere on its ring; features and sites drawn over it win.
        let cluster_at = |p: Pos2| {
            clusters.iter().filter(|c| c.members.len() > 1).find(|c| {
                let centre = pos(camera.screen_from_world(&viewport, c.center_world));
                centre.distance(p) <= style::cluster_radius(c.members.len()) + 2.0
            })
        };
        let mut clicked_cluster = None;
        let mut zoom_into = None;
        let lon_lat_at =
            |p: Pos2| lon_lat_from_world(camera.world_from_screen(&viewport, coord(p)));
        let single_click = response.clicked() && !response.double_clicked();
        let measure_click = if single_click && self.measure.is_some() {
            response.interact_pointer_pos().map(lon_lat_at)
        } else {
            None
        };
        let clicked = if single_click && self.measure.is_none() {
            response.interact_pointer_pos().and_then(|p| {
                let picked = pick_at(p);
                let cluster = match picked {
                    Some(Item::Feature(_) | Item::Site(_)) => None,
                    Some(Item::Incident(i)) => cluster_of(i).or_else(|| cluster_at(p)),
                    _ => cluster_at(p),
                };
                match (cluster, picked, synth_at(p)) {
                    (Some(c), ..) => {
                        clicked_cluster = Some(c.members.clone());
                        None
                    }
                    (None, None, Some(SyntheticHit::Single(row))) => {
                        Some(Some(Item::Synthetic(row)))
                    }
                    (None, None, Some(SyntheticHit::Cluster(c))) => {
                        // Too many to list: zoom in on them instead.
                        zoom_into = Some(c.center_world);
                        None
                    }
                    (None, picked, _) => Some(picked),
                }
            })
        } else {
            None
        };

        let cursor_lon_lat = response.hover_pos().map(lon_lat_at);

        let context_action = context_menu(&response, lon_lat_at);

        let painter = ui.painter_at(rect);
        let ctx = Painter2 {
            painter: &painter,
            camera,
            viewport,
            site_visible: self.site_visible,
            focus: self.focus,
            user_layers: self.user_layers,
            synthetic: synthetic.map(|s| (s, synth_cells.as_slice())),
        };
        let approximate_islands = ctx.paint(
            self.atlas,
            self.scene,
            layers,
            self.selected,
            hovered,
            &clusters,
        );
        if let Some(text) = self.stamp {
            // Being saved: the notice goes into the stamp, which would cover it.
            let notice = approximate_islands.then_some(BASEMAP_SCALE_NOTICE);
            super::stamp::paint_stamp(&painter, rect, &camera, text, notice);
        } else if approximate_islands {
            basemap_scale_notice(ui, rect);
        }

        if let Some(m) = self.measure {
            paint_measurement(&painter, &camera, &viewport, m, cursor_lon_lat);
            if response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
            }
        }

        let hover_cluster = match hovered {
            Some(Item::Incident(i)) => cluster_of(i),
            Some(Item::Feature(_) | Item::Site(_)) => None,
            _ => response.hover_pos().and_then(cluster_at),
        };
        if self.stamp.is_some() {
            // Being saved: no tooltip may end up in the picture.
        } else if let Some(c) = hover_cluster {
            response.on_hover_text_at_pointer(format!(
                "{} incidents here — click to list them",
                c.members.len()
            ));
        } else if let Some(item) = hovered {
            response.on_hover_text_at_pointer(item_name(self.atlas, item));
        } else if let (Some(s), Some(hit)) = (synthetic, response.hover_pos().and_then(synth_at)) {
            response.on_hover_text_at_pointer(match hit {
                SyntheticHit::Single(row) => super::synthetic::row_line(s, row),
                SyntheticHit::Cluster(c) => {
                    format!("{} SYNTHETIC incidents here — click to zoom in", c.count)
                }
            });
        } else if let Some(text) = response.hover_pos().and_then(|p| {
            let at = camera.world_from_screen(&viewport, coord(p));
            user_hover_text(self.user_layers, camera.zoom, at, tolerance_m)
        }) {
            response.on_hover_text_at_pointer(text);
        }
        // A click on a synthetic cluster zooms in on it from the next frame.
        let camera = zoom_into.map_or(camera, |w| {
            camera.zoomed_about(&viewport, camera.screen_from_world(&viewport, w), 2.0)
        });
        MapOutput {
            camera: (camera != self.camera).then_some(camera),
            hovered,
            clicked,
            clicked_cluster,
            cursor_lon_lat,
            viewport: Some(viewport),
            clusters,
            measure_click,
            context_action,
        }
    }
}

/// Right-click menu: copy the position in two forms, measure from it, centre on it. The
/// position is the one right-clicked, kept while the menu is open.
fn context_menu(
    response: &egui::Response,
    lon_lat_at: impl Fn(Pos2) -> Coord<f64>,
) -> Option<ContextAction> {
    use super::coords::{format_lat_lon_decimal, format_lat_lon_dm};
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
            action = Some(ContextAction::MeasureFrom(ll));
            ui.close();
        }
        if ui.button("Centre the map here").clicked() {
            action = Some(ContextAction::CentreAt(ll));
            ui.close();
        }
    });
    action
}

/// The ruler: its geodesic path, its vertices, a leg from the last vertex to the pointer, and
/// the running total beside the pointer (or the last vertex).
/// What the dashed islands mean, shown along the map's foot while any are on screen.
pub const BASEMAP_SCALE_NOTICE: &str = "Dashed islands: Natural Earth 1:10m, beyond its scale here; may be km off. Markers are sourced.";

fn basemap_scale_notice(ui: &mut Ui, rect: Rect) {
    let strip = Rect::from_min_max(
        egui::pos2(rect.left() + 6.0, rect.bottom() - 24.0),
        egui::pos2(rect.right() - 6.0, rect.bottom() - 4.0),
    );
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(strip)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
        |ui| {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(BASEMAP_SCALE_NOTICE)
                        .color(style::COUNTRY_LABEL)
                        .background_color(style::HALO),
                )
                .selectable(false)
                .truncate(),
            );
        },
    );
}

fn paint_measurement(
    painter: &egui::Painter,
    camera: &Camera,
    viewport: &ScreenRect,
    m: &super::measure::Measurement,
    cursor: Option<Coord<f64>>,
) {
    use super::measure::format_distance;
    let to_screen =
        |ll: Coord<f64>| pos(camera.screen_from_world(viewport, world_from_lon_lat(ll)));
    let ink = Color32::from_rgb(0xc0, 0x10, 0x60);
    let stroke = egui::Stroke::new(2.0, ink);
    let halo = egui::Stroke::new(4.0, Color32::from_white_alpha(200));
    let mut live = m.clone();
    if let (Some(c), false) = (cursor, m.points().is_empty()) {
        live.push(c);
    }
    let path: Vec<Pos2> = live.drawn_path().into_iter().map(to_screen).collect();
    if path.len() > 1 {
        painter.add(egui::Shape::line(path.clone(), halo));
        painter.add(egui::Shape::line(path, stroke));
    }
    for p in m.points() {
        painter.circle(to_screen(*p), 3.5, Color32::WHITE, stroke);
    }
    let (Some(last), true) = (live.points().last(), live.points().len() > 1) else {
        return;
    };
    let text = if live.points().len() > m.points().len() {
        let leg = live.legs_m().last().copied().unwrap_or_default();
        format!(
            "leg {}\ntotal {}",
            format_distance(leg),
            format_distance(live.total_m())
        )
    } else {
        format!("total {}", format_distance(live.total_m()))
    };
    let galley = painter.layout_no_wrap(text, egui::FontId::proportional(12.0), ink);
    // Up and to the right of the point, moved inside the map near its edges.
    let clip = painter.clip_rect().shrink(4.0);
    let anchor = to_screen(*last) + egui::vec2(10.0, -10.0 - galley.size().y);
    let size = galley.size() + egui::vec2(6.0, 6.0);
    let min = egui::pos2(
        anchor.x.min(clip.right() - size.x).max(clip.left()),
        anchor.y.max(clip.top()).min(clip.bottom() - size.y),
    );
    let bg = egui::Rect::from_min_size(min, size);
    painter.rect_filled(bg, 3.0, Color32::from_white_alpha(230));
    painter.galley(bg.min + egui::vec2(3.0, 3.0), galley, ink);
}

/// What a user layer has under the pointer, topmost layer first: a feature's name (or its
/// index in the file), or how many features share the cell.
fn user_hover_text(
    layers: &[super::user::UserLayerView],
    zoom: f64,
    at: Coord<f64>,
    tolerance_m: f64,
) -> Option<String> {
    layers
        .iter()
        .rev()
        .filter(|l| l.settings.visible && l.settings.opacity > 0.0)
        .find_map(|l| {
            let text = match l.scene.pick(zoom, at, tolerance_m)? {
                super::user::UserHit::Feature(i) => match l.layer.name_of(i) {
                    Some(name) => format!("{name} — feature #{i}"),
                    None => format!("feature #{i}"),
                },
                super::user::UserHit::Several(n) => format!("{n} features here — zoom in"),
            };
            Some(format!("{}: {text}", l.layer.name))
        })
}

/// One line for an incident in tooltips and lists: date, kind, place.
pub fn incident_line(x: &crate::model::Incident) -> String {
    format!(
        "{} — {} ({})",
        x.date_precision.format(x.date),
        x.kind.label(),
        x.location_name
    )
}

/// The display name of an item, for tooltips and lists.
pub fn item_name(atlas: &Atlas, item: Item) -> String {
    match item {
        Item::Feature(i) => atlas.features.get(i).map(|f| f.name.clone()),
        Item::Incident(i) => atlas.incidents.get(i).map(incident_line),
        Item::Site(i) => atlas.sites.get(i).map(|s| s.name.clone()),
        Item::Claim(i) => atlas.claims.get(i).map(|c| c.name.clone()),
        Item::Agreement(i) => atlas.agreements.get(i).map(|a| a.name.clone()),
        Item::Synthetic(row) => Some(format!("SYNTHETIC incident {row}")),
    }
    .unwrap_or_default()
}

/// A label that may be placed if it overlaps nothing placed before it.
struct LabelCandidate {
    text: String,
    anchor: Pos2,
    align: Align2,
    size_pt: f32,
    color: Color32,
    italic: bool,
    /// Alternatives of one label share a group.
    group: usize,
}

/// Painting state for one frame.
struct Painter2<'p> {
    painter: &'p egui::Painter,
    camera: Camera,
    viewport: ScreenRect,
    site_visible: &'p [bool],
    focus: Option<&'p AgreementFocus>,
    user_layers: &'p [super::user::UserLayerView],
    /// The synthetic layer and its cells on screen.
    synthetic: Option<(
        &'p super::synthetic::SyntheticLayer,
        &'p [super::pyramid::CellAgg],
    )>,
}

impl Painter2<'_> {
    fn to_screen(&self, w: Coord<f64>) -> Pos2 {
        pos(self.camera.screen_from_world(&self.viewport, w))
    }

    /// A world polyline on screen, cut to the visible area (plus a margin) so that lines far
    /// off-screen are neither stroked nor dashed.
    fn screen_runs(&self, world: &[[f64; 2]]) -> Vec<Vec<Pos2>> {
        let screen: Vec<[f64; 2]> = world
            .iter()
            .map(|w| {
                let s = self
                    .camera
                    .screen_from_world(&self.viewport, Coord { x: w[0], y: w[1] });
                [s.x, s.y]
            })
            .collect();
        let r = self.painter.clip_rect().expand(8.0);
        let (min, max) = (
            [f64::from(r.min.x), f64::from(r.min.y)],
            [f64::from(r.max.x), f64::from(r.max.y)],
        );
        super::clip::clip_polyline(&screen, min, max)
            .into_iter()
            .map(|run| {
                run.into_iter()
                    .map(|p| pos(Coord { x: p[0], y: p[1] }))
                    .collect()
            })
            .collect()
    }

    fn to_screen_arr(&self, w: [f64; 2]) -> Pos2 {
        self.to_screen(Coord { x: w[0], y: w[1] })
    }

    /// Draws every layer; returns whether small islands were drawn as approximate outlines.
    fn paint(
        &self,
        atlas: &Atlas,
        scene: &mut Scene,
        layers: &Layers,
        selected: Option<Item>,
        hovered: Option<Item>,
        clusters: &[Cluster],
    ) -> bool {
        let rect = self.painter.clip_rect();
        self.painter.rect_filled(rect, 0.0, style::SEA);
        let mut occupied: Vec<LabelBox> = Vec::new();
        let approximate_islands =
            layers.basemap.visible && self.paint_basemap(scene, layers.basemap.opacity);
        if layers.graticule.visible {
            self.paint_graticule(layers.graticule.opacity);
        }
        if layers.claims.visible {
            for c in &scene.claims {
                let Some(claim) = atlas.claims.get(c.claim) else {
                    continue;
                };
                let mut st = style::claim_style(claim.kind);
                if selected == Some(Item::Claim(c.claim)) || hovered == Some(Item::Claim(c.claim)) {
                    st.width += 2.0;
                }
                for line in &c.lines {
                    for run in self.screen_runs(line) {
                        style::stroke_line(self.painter, run, &st, layers.claims.opacity);
                    }
                }
            }
        }
        self.paint_user_layers();
        if let Some((layer, cells)) = self.synthetic {
            self.paint_synthetic(layer, cells, selected);
        }
        if let Some(f) = self.focus {
            let stroke = Stroke::new(2.0, style::PARTY_LINK);
            for (x, y) in &f.links {
                let (a, b) = (self.to_screen(*x), self.to_screen(*y));
                self.painter
                    .extend(Shape::dashed_line(&[a, b], stroke, 9.0, 5.0));
                self.painter.circle_filled(a, 4.0, style::PARTY_LINK);
                self.painter.circle_filled(b, 4.0, style::PARTY_LINK);
            }
            for &fi in &f.features {
                if let Some(w) = scene.features.get(fi) {
                    self.painter.circle_stroke(
                        self.to_screen(*w),
                        22.0,
                        Stroke::new(2.5, style::PARTY_LINK),
                    );
                }
            }
        }
        let visible_world = self.camera.visible_world(&self.viewport);
        let on_screen = |w: &Coord<f64>| {
            let pad = 20.0 * self.camera.m_per_px();
            w.x >= visible_world.min().x - pad
                && w.x <= visible_world.max().x + pad
                && w.y >= visible_world.min().y - pad
                && w.y <= visible_world.max().y + pad
        };
        if layers.agreements.visible {
            for (i, w) in scene
                .sites
                .iter()
                .enumerate()
                .filter(|(i, w)| self.site_visible.get(*i) == Some(&true) && on_screen(w))
            {
                let p = self.to_screen(*w);
                self.highlight(p, Item::Site(i), selected, hovered, 7.0);
                style::site_symbol(self.painter, p, 4.5, layers.agreements.opacity);
            }
        }
        if layers.incidents.visible {
            for c in clusters {
                let p = self.to_screen(c.center_world);
                let contains = |item: Option<Item>| matches!(item, Some(Item::Incident(i)) if c.members.binary_search(&i).is_ok());
                match c.members.as_slice() {
                    [i] => {
                        let Some(inc) = atlas.incidents.get(*i) else {
                            continue;
                        };
                        self.highlight(p, Item::Incident(*i), selected, hovered, 6.0);
                        style::incident_symbol(
                            self.painter,
                            p,
                            3.5,
                            inc.kind,
                            layers.incidents.opacity,
                        );
                    }
                    members => {
                        let kinds = members
                            .iter()
                            .filter_map(|i| atlas.incidents.get(*i).map(|x| x.kind));
                        let r = style::cluster_radius(members.len());
                        if contains(selected) || contains(hovered) {
                            self.painter.circle_filled(
                                p,
                                r + 3.0,
                                style::HIGHLIGHT.gamma_multiply(0.7),
                            );
                        }
                        style::cluster_symbol(self.painter, p, r, kinds, layers.incidents.opacity);
                        let text_at = p + Vec2::new(r * 0.75, -r * 0.75);
                        let g = self.painter.layout_no_wrap(
                            members.len().to_string(),
                            FontId::proportional(11.0),
                            Color32::BLACK,
                        );
                        let rect = Align2::LEFT_BOTTOM.anchor_size(text_at, g.size());
                        self.painter.rect_filled(
                            rect.expand(1.5),
                            4.0,
                            style::faded(Color32::WHITE, 0.85 * layers.incidents.opacity),
                        );
                        self.painter.galley(rect.min, g, Color32::BLACK);
                        occupied.push(LabelBox {
                            min: [f64::from(rect.min.x), f64::from(rect.min.y)],
                            max: [f64::from(rect.max.x), f64::from(rect.max.y)],
                        });
                    }
                }
            }
        }
        let mut feature_labels = Vec::new();
        if layers.features.visible {
            for (i, w) in scene
                .features
                .iter()
                .enumerate()
                .filter(|(_, w)| on_screen(w))
            {
                let Some(f) = atlas.features.get(i) else {
                    continue;
                };
                let p = self.to_screen(*w);
                self.highlight(p, Item::Feature(i), selected, hovered, 10.0);
                let fill = style::holder_color(f.controlled_by);
                style::feature_symbol(self.painter, p, 5.5, f.kind, fill, layers.features.opacity);
                occupied.push(LabelBox::centered(
                    [f64::from(p.x), f64::from(p.y)],
                    [12.0, 12.0],
                ));
                let wanted = self.camera.zoom >= FEATURE_LABEL_MIN_ZOOM
                    || selected == Some(Item::Feature(i));
                if wanted {
                    feature_labels.push((i, p));
                }
            }
        }
        self.paint_labels(atlas, scene, layers, &feature_labels, selected, occupied);
        approximate_islands
    }

    /// Draws the synthetic cells as a density grid: a cell of several as a square shaded by
    /// its count (log scale against the fullest cell on screen), a single incident as its
    /// kind's symbol. Drawn under the real data so its features and incidents stay readable.
    fn paint_synthetic(
        &self,
        layer: &super::synthetic::SyntheticLayer,
        cells: &[super::pyramid::CellAgg],
        selected: Option<Item>,
    ) {
        let opacity = layer.settings.opacity;
        self.paint_density(cells, style::SYNTHETIC, opacity);
        for c in cells.iter().filter(|c| c.count == 1) {
            let p = self.to_screen(c.center_world);
            let kind = layer
                .data
                .kind_of(c.first)
                .unwrap_or(crate::model::IncidentKind::Other);
            self.highlight(p, Item::Synthetic(c.first), selected, None, 6.0);
            style::incident_symbol(self.painter, p, 3.5, kind, opacity * 0.8);
        }
    }

    /// Draws the user's layers: lines and rings culled by their bounds, points clustered.
    fn paint_user_layers(&self) {
        let vis = self.camera.visible_world(&self.viewport);
        for l in self.user_layers.iter().filter(|l| l.settings.visible) {
            let opacity = l.settings.opacity;
            let stroke = Stroke::new(1.3, style::faded(style::USER, opacity));
            let (lod, shown) = l.scene.lines_in(&self.camera, vis);
            for i in shown {
                for run in self.screen_runs(lod.get(i).map_or(&[][..], Vec::as_slice)) {
                    self.painter.add(Shape::line(run, stroke));
                }
            }
            let cells = l.scene.point_cells(&self.camera, &self.viewport, 20.0);
            let dense = cells.len() > DENSITY_ABOVE_CELLS
                || cells.iter().any(|c| c.count >= DENSITY_FROM_COUNT);
            if dense {
                self.paint_density(&cells, style::USER, opacity);
            }
            for cell in &cells {
                let (p, count) = (self.to_screen(cell.center_world), cell.count as usize);
                if count == 1 {
                    let r = egui::Rect::from_center_size(p, Vec2::splat(5.0));
                    self.painter
                        .rect_filled(r, 0.0, style::faded(style::USER, opacity));
                } else if !dense {
                    let radius = style::cluster_radius(count);
                    self.painter.circle(
                        p,
                        radius,
                        style::faded(style::USER.gamma_multiply(0.35), opacity),
                        stroke,
                    );
                    self.painter.text(
                        p,
                        Align2::CENTER_CENTER,
                        style::compact_count(count),
                        FontId::proportional(10.0),
                        style::faded(Color32::BLACK, opacity),
                    );
                }
            }
        }
    }

    /// Cells of several as squares shaded by count (log scale against the fullest cell on
    /// screen): readable however many there are, where count labels would carpet the map.
    fn paint_density(&self, cells: &[super::pyramid::CellAgg], color: Color32, opacity: f32) {
        let max = cells.iter().map(|c| c.count).max().unwrap_or(1).max(2);
        let log_max = f64::from(max).ln();
        let mut mesh = Mesh::default();
        for c in cells.iter().filter(|c| c.count > 1) {
            let r = super::pyramid::PointPyramid::cell_rect(c.key);
            let a = self.to_screen(r.min());
            let b = self.to_screen(r.max());
            let t = f64::from(c.count).ln() / log_max;
            // 0.1..0.55 of the opacity: the sparsest cells stay visible, the fullest let the
            // base map show through.
            #[allow(clippy::cast_possible_truncation)]
            let alpha = (0.1 + 0.45 * t) as f32 * opacity;
            mesh.add_colored_rect(
                Rect::from_two_pos(a, b).shrink(0.5),
                style::faded(color, alpha),
            );
        }
        self.painter.add(Shape::mesh(mesh));
    }

    fn highlight(
        &self,
        p: Pos2,
        item: Item,
        selected: Option<Item>,
        hovered: Option<Item>,
        r: f32,
    ) {
        if selected == Some(item) {
            self.painter.circle(
                p,
                r + 2.0,
                style::HIGHLIGHT.gamma_multiply(0.6),
                Stroke::new(2.0, Color32::BLACK),
            );
        } else if hovered == Some(item) {
            self.painter
                .circle_filled(p, r, style::HIGHLIGHT.gamma_multiply(0.7));
        }
    }

    /// Draws the base map; returns whether small islands were drawn as approximate outlines
    /// (the view is beyond the base map's scale and one is on screen).
    fn paint_basemap(&self, scene: &mut Scene, opacity: f32) -> bool {
        let visible = scene.base_polygons_in(self.camera.visible_world(&self.viewport));
        let lod = lod_for_zoom(self.camera.zoom);
        let beyond_scale = beyond_basemap_scale(self.camera.zoom);
        let approximate: Vec<bool> = visible
            .iter()
            .map(|&i| beyond_scale && scene.base_small.get(i).copied().unwrap_or(false))
            .collect();
        let any_approximate = approximate.contains(&true);
        let country_of: Vec<Option<usize>> = visible
            .iter()
            .map(|&i| scene.base_country.get(i).copied())
            .collect();
        let polys = scene.base_lod(lod);
        let land = style::faded(style::LAND, opacity);
        let party = style::faded(style::PARTY, opacity);
        let mut mesh = Mesh::default();
        for ((&i, country), &approx) in visible.iter().zip(&country_of).zip(&approximate) {
            if approx {
                continue;
            }
            let Some(p) = polys.get(i) else { continue };
            let is_party = self.focus.is_some_and(|f| {
                country
                    .and_then(|c| f.countries.get(c))
                    .copied()
                    .unwrap_or(false)
            });
            let land = if is_party { party } else { land };
            let Ok(base) = u32::try_from(mesh.vertices.len()) else {
                break;
            };
            mesh.vertices.extend(p.fill.vertices.iter().map(|v| Vertex {
                pos: self.to_screen_arr(*v),
                uv: egui::epaint::WHITE_UV,
                color: land,
            }));
            mesh.indices.extend(p.fill.indices.iter().map(|k| base + k));
        }
        self.painter.add(Shape::mesh(mesh));
        let border = Stroke::new(0.8, style::faded(style::BORDER, opacity));
        let dashed = Stroke::new(1.2, style::faded(style::BORDER, opacity));
        for (&i, &approx) in visible.iter().zip(&approximate) {
            let Some(p) = polys.get(i) else { continue };
            for ring in &p.rings {
                for run in self.screen_runs(ring) {
                    if approx {
                        self.painter
                            .extend(Shape::dashed_line(&run, dashed, 4.0, 3.0));
                    } else {
                        self.painter.add(Shape::line(run, border));
                    }
                }
            }
        }
        any_approximate
    }

    fn paint_graticule(&self, opacity: f32) {
        let step = graticule::step_deg(self.camera.px_per_m(), 90.0);
        let vis = self.camera.visible_world(&self.viewport);
        let a = lon_lat_from_world(vis.min());
        let b = lon_lat_from_world(vis.max());
        let stroke = Stroke::new(0.7, style::faded(style::GRATICULE, opacity));
        let font = FontId::proportional(10.0);
        let text_color = style::faded(style::SEA_LABEL, opacity);
        let r = self.painter.clip_rect();
        for lon in graticule::ticks(a.x, b.x, step) {
            let x = self
                .to_screen(world_from_lon_lat(Coord { x: lon, y: 0.0 }))
                .x;
            self.painter
                .line_segment([Pos2::new(x, r.top()), Pos2::new(x, r.bottom())], stroke);
            self.painter.text(
                Pos2::new(x + 2.0, r.top() + 2.0),
                Align2::LEFT_TOP,
                graticule::format_tick(lon, 'E', 'W'),
                font.clone(),
                text_color,
            );
        }
        for lat in graticule::ticks(a.y, b.y, step) {
            let y = self
                .to_screen(world_from_lon_lat(Coord { x: 0.0, y: lat }))
                .y;
            self.painter
                .line_segment([Pos2::new(r.left(), y), Pos2::new(r.right(), y)], stroke);
            self.painter.text(
                Pos2::new(r.left() + 2.0, y - 1.0),
                Align2::LEFT_BOTTOM,
                graticule::format_tick(lat, 'N', 'S'),
                font.clone(),
                text_color,
            );
        }
    }

    fn paint_labels(
        &self,
        atlas: &Atlas,
        scene: &Scene,
        layers: &Layers,
        features: &[(usize, Pos2)],
        selected: Option<Item>,
        occupied: Vec<LabelBox>,
    ) {
        // Candidates in priority order: the selected feature, seas, countries, then features.
        let mut cands: Vec<LabelCandidate> = Vec::new();
        let sel_feature = match selected {
            Some(Item::Feature(i)) => Some(i),
            _ => None,
        };
        let mut feats: Vec<&(usize, Pos2)> = features.iter().collect();
        feats.sort_by_key(|(i, _)| (Some(*i) != sel_feature, *i));
        // A feature's label goes right of its symbol, else left, above or below.
        let feature_cand = |(i, p): &(usize, Pos2)| -> Vec<LabelCandidate> {
            let Some(f) = atlas.features.get(*i) else {
                return Vec::new();
            };
            [
                (Vec2::new(9.0, 0.0), Align2::LEFT_CENTER),
                (Vec2::new(-9.0, 0.0), Align2::RIGHT_CENTER),
                (Vec2::new(0.0, -9.0), Align2::CENTER_BOTTOM),
                (Vec2::new(0.0, 9.0), Align2::CENTER_TOP),
            ]
            .into_iter()
            .map(|(offset, align)| LabelCandidate {
                text: f.name.clone(),
                anchor: *p + offset,
                align,
                size_pt: 12.0,
                color: style::FEATURE_LABEL,
                italic: false,
                group: 1_000_000 + *i,
            })
            .collect()
        };
        if let Some(first) = feats.first().filter(|(i, _)| Some(*i) == sel_feature) {
            cands.extend(feature_cand(first));
        }
        if layers.basemap.visible {
            for (name, lon, lat) in SEA_LABELS {
                cands.push(LabelCandidate {
                    text: name.to_owned(),
                    anchor: self.to_screen(world_from_lon_lat(Coord { x: lon, y: lat })),
                    align: Align2::CENTER_CENTER,
                    size_pt: 14.0,
                    color: style::SEA_LABEL,
                    italic: true,
                    group: cands.len(),
                });
            }
            for (ci, c) in atlas.countries.iter().enumerate() {
                if let Some(anchor) = super::focus::country_anchor(atlas, scene, ci) {
                    cands.push(LabelCandidate {
                        text: c.name.clone(),
                        anchor: self.to_screen(anchor),
                        align: Align2::CENTER_CENTER,
                        size_pt: 13.0,
                        color: style::COUNTRY_LABEL,
                        italic: false,
                        group: cands.len(),
                    });
                }
            }
        }
        cands.extend(
            feats
                .iter()
                .filter(|(i, _)| Some(*i) != sel_feature)
                .flat_map(|f| feature_cand(f)),
        );

        let clip = self.painter.clip_rect();
        let placed: Vec<(std::sync::Arc<egui::Galley>, Rect, usize)> = cands
            .into_iter()
            .filter(|c| clip.expand(100.0).contains(c.anchor))
            .map(|c| {
                let mut job = egui::text::LayoutJob::simple_singleline(
                    c.text,
                    FontId::proportional(c.size_pt),
                    c.color,
                );
                if let Some(s) = job.sections.first_mut() {
                    s.format.italics = c.italic;
                }
                let galley = self.painter.layout_job(job);
                let rect = c.align.anchor_size(c.anchor, galley.size());
                (galley, rect, c.group)
            })
            .collect();
        let boxes: Vec<LabelBox> = placed
            .iter()
            .map(|(_, r, _)| LabelBox {
                min: [f64::from(r.min.x), f64::from(r.min.y)],
                max: [f64::from(r.max.x), f64::from(r.max.y)],
            })
            .collect();
        let groups: Vec<usize> = placed.iter().map(|(.., g)| *g).collect();
        for i in place_label_alternatives(&boxes, &groups, &occupied, 2.0) {
            let (g, r, _) = &placed[i];
            self.painter
                .rect_filled(r.expand(1.0), 3.0, style::HALO.gamma_multiply(0.55));
            self.painter.galley(r.min, g.clone(), Color32::BLACK);
        }
    }
}
