//! Dragging a marker the user may move: one of their own incidents, or the incident form's pin.
//! A drag that starts anywhere else pans the map as before; the widget reports only the drop,
//! so the whole drag is one edit (and one undo step).

use super::camera::{Camera, ScreenRect};
use super::paint::pos;
use super::projection::{lon_lat_from_world, world_from_lon_lat};
use super::style;
use crate::model::IncidentKind;
use egui::{Color32, Painter, Stroke};
use geo::Coord;
use std::ops::Range;

/// How near the pin's head the press must be to grab it, in points.
const PIN_GRAB_PT: f64 = 10.0;

/// What is dragged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DragTarget {
    /// An incident, by index in the atlas.
    Incident(usize),
    /// The incident form's pin.
    Pin,
}

/// What may be dragged this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draggable {
    /// Incidents (atlas indices) the user may move: their own.
    pub incidents: Range<usize>,
    /// The form's pin (lon/lat), while the form has a position.
    pub pin: Option<Coord<f64>>,
}

/// A marker being dragged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarkerDrag {
    pub target: DragTarget,
    /// The marker's world position when grabbed.
    pub from_world: Coord<f64>,
    /// Where the press began, in screen points.
    grab_pt: Coord<f64>,
}

impl Draggable {
    /// The pin's world position, if the press at `grab_pt` is on it.
    fn pin_at(&self, camera: &Camera, vp: &ScreenRect, grab_pt: Coord<f64>) -> Option<Coord<f64>> {
        let world = world_from_lon_lat(self.pin?);
        let foot = camera.screen_from_world(vp, world);
        let near = |p: Coord<f64>| (p.x - grab_pt.x).hypot(p.y - grab_pt.y) <= PIN_GRAB_PT;
        (near(foot) || near(pin_head(foot))).then_some(world)
    }

    /// What a press at `grab_pt` grabs: the pin (drawn on top), else the incident `picked`
    /// there if the user may move it. `None`: the drag pans the map.
    pub fn grab(
        &self,
        picked: Option<usize>,
        incidents_world: &[Coord<f64>],
        camera: &Camera,
        vp: &ScreenRect,
        grab_pt: Coord<f64>,
    ) -> Option<MarkerDrag> {
        let (target, from_world) = match self.pin_at(camera, vp, grab_pt) {
            Some(w) => (DragTarget::Pin, w),
            None => {
                let i = picked.filter(|i| self.incidents.contains(i))?;
                (DragTarget::Incident(i), *incidents_world.get(i)?)
            }
        };
        Some(MarkerDrag {
            target,
            from_world,
            grab_pt,
        })
    }
}

impl MarkerDrag {
    /// Where the marker is (world) with the pointer at `pointer_pt`: it keeps the offset it
    /// had from the pointer when grabbed, so it does not jump.
    pub fn world_at(&self, camera: &Camera, vp: &ScreenRect, pointer_pt: Coord<f64>) -> Coord<f64> {
        let start = camera.screen_from_world(vp, self.from_world);
        let to = Coord {
            x: start.x + pointer_pt.x - self.grab_pt.x,
            y: start.y + pointer_pt.y - self.grab_pt.y,
        };
        camera.world_from_screen(vp, to)
    }

    /// The lon/lat the marker is dropped at.
    pub fn lon_lat_at(
        &self,
        camera: &Camera,
        vp: &ScreenRect,
        pointer_pt: Coord<f64>,
    ) -> Coord<f64> {
        lon_lat_from_world(self.world_at(camera, vp, pointer_pt))
    }
}

/// Where the pin's head is drawn above its foot (screen points).
fn pin_head(foot: Coord<f64>) -> Coord<f64> {
    Coord {
        x: foot.x,
        y: foot.y - 14.0,
    }
}

/// The form's pin: a stem from the position up to a round head.
pub fn paint_pin(painter: &Painter, foot_pt: Coord<f64>) {
    let foot = pos(foot_pt);
    let head = pos(pin_head(foot_pt));
    let ink = Color32::from_rgb(0xc0, 0x20, 0x20);
    painter.line_segment([foot, head], Stroke::new(2.0, ink));
    painter.circle(head, 5.5, ink, Stroke::new(1.5, Color32::WHITE));
    painter.circle_filled(foot, 2.0, ink);
}

/// A dragged incident: a line from where it was, and its symbol where it would drop.
pub fn paint_dragged_incident(
    painter: &Painter,
    from_pt: Coord<f64>,
    to_pt: Coord<f64>,
    kind: IncidentKind,
) {
    let (from, to) = (pos(from_pt), pos(to_pt));
    painter.line_segment([from, to], Stroke::new(1.5, style::HIGHLIGHT));
    painter.circle_filled(to, 8.0, style::HIGHLIGHT.gamma_multiply(0.7));
    style::incident_symbol(painter, to, 3.5, kind, 1.0);
}
