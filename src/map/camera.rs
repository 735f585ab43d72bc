//! The camera: which world point is at the centre of the viewport, and at what zoom.
//!
//! An immutable value: every operation returns a new camera. Screen coordinates are points
//! (egui's logical pixels) with y growing downwards; world coordinates are Web Mercator metres.

use super::projection::{WORLD_WIDTH_M, lon_lat_from_world, world_from_lon_lat};
use geo::{Coord, Rect};

/// Zoom bounds: the whole of East Asia down to a single reef (about 1:10,000).
pub const MIN_ZOOM: f64 = 2.0;
pub const MAX_ZOOM: f64 = 17.0;
/// Tile size the zoom scale is defined on (zoom z = 256·2^z points for the world's width).
const TILE_PX: f64 = 256.0;

/// A rectangle on the screen, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenRect {
    pub min: Coord<f64>,
    pub size: Coord<f64>,
}

impl ScreenRect {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self {
            min: Coord { x, y },
            size: Coord {
                x: width,
                y: height,
            },
        }
    }

    pub fn center(&self) -> Coord<f64> {
        Coord {
            x: self.min.x + self.size.x / 2.0,
            y: self.min.y + self.size.y / 2.0,
        }
    }
}

/// Where the map looks and how close.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Camera {
    /// World point (Web Mercator metres) at the viewport's centre.
    pub center_world: (f64, f64),
    /// Continuous zoom level, as in web map tiles.
    pub zoom: f64,
}

impl Camera {
    /// Whether the camera can be drawn: a finite centre on the world and a zoom in range
    /// (a saved state can hold anything: NaN, 1e308).
    pub fn is_sane(&self) -> bool {
        let half = super::projection::WORLD_WIDTH_M;
        let (x, y) = self.center_world;
        x.is_finite()
            && y.is_finite()
            && x.abs() <= half
            && y.abs() <= half
            && (MIN_ZOOM..=MAX_ZOOM).contains(&self.zoom)
    }

    /// This camera with its centre kept on the world square and its zoom in range: panning or
    /// zooming about a far corner must not carry the view off into the void.
    pub fn kept_on_world(self) -> Self {
        let half = WORLD_WIDTH_M / 2.0;
        let keep = |v: f64| {
            if v.is_finite() {
                v.clamp(-half, half)
            } else {
                0.0
            }
        };
        let zoom = if self.zoom.is_finite() {
            self.zoom.clamp(MIN_ZOOM, MAX_ZOOM)
        } else {
            MIN_ZOOM
        };
        Self {
            center_world: (keep(self.center_world.0), keep(self.center_world.1)),
            zoom,
        }
    }

    /// A camera centred on a lon/lat at a zoom (clamped to the allowed range).
    pub fn at_lon_lat(lon: f64, lat: f64, zoom: f64) -> Self {
        let w = world_from_lon_lat(Coord { x: lon, y: lat });
        Self {
            center_world: (w.x, w.y),
            zoom: zoom.clamp(MIN_ZOOM, MAX_ZOOM),
        }
    }

    /// The camera that fits a lon/lat rectangle into a viewport of `size_pt`.
    pub fn fit_lon_lat(bounds: Rect<f64>, size_pt: Coord<f64>) -> Self {
        let min = world_from_lon_lat(bounds.min());
        let max = world_from_lon_lat(bounds.max());
        let span_x = (max.x - min.x).max(1.0);
        let span_y = (max.y - min.y).max(1.0);
        let pt_per_m = (size_pt.x / span_x).min(size_pt.y / span_y);
        let zoom = (pt_per_m * WORLD_WIDTH_M / TILE_PX).log2();
        Self {
            center_world: ((min.x + max.x) / 2.0, (min.y + max.y) / 2.0),
            zoom: zoom.clamp(MIN_ZOOM, MAX_ZOOM),
        }
    }

    pub fn center(&self) -> Coord<f64> {
        Coord {
            x: self.center_world.0,
            y: self.center_world.1,
        }
    }

    /// The centre as lon/lat degrees.
    pub fn center_lon_lat(&self) -> Coord<f64> {
        lon_lat_from_world(self.center())
    }

    /// Screen points per world metre.
    pub fn pt_per_m(&self) -> f64 {
        TILE_PX * self.zoom.exp2() / WORLD_WIDTH_M
    }

    /// World metres per screen point.
    pub fn m_per_pt(&self) -> f64 {
        1.0 / self.pt_per_m()
    }

    pub fn screen_from_world(&self, viewport: &ScreenRect, world: Coord<f64>) -> Coord<f64> {
        let s = self.pt_per_m();
        let c = viewport.center();
        Coord {
            x: c.x + (world.x - self.center_world.0) * s,
            y: c.y - (world.y - self.center_world.1) * s,
        }
    }

    pub fn world_from_screen(&self, viewport: &ScreenRect, screen: Coord<f64>) -> Coord<f64> {
        let m = self.m_per_pt();
        let c = viewport.center();
        Coord {
            x: self.center_world.0 + (screen.x - c.x) * m,
            y: self.center_world.1 - (screen.y - c.y) * m,
        }
    }

    /// The world rectangle the viewport shows.
    pub fn visible_world(&self, viewport: &ScreenRect) -> Rect<f64> {
        let a = self.world_from_screen(viewport, viewport.min);
        let b = self.world_from_screen(viewport, viewport.min + viewport.size);
        Rect::new(a, b)
    }

    /// Moves the map with the pointer: a drag by `delta_pt` moves the content by the same amount.
    pub fn panned_by_pt(&self, delta_pt: Coord<f64>) -> Self {
        let m = self.m_per_pt();
        Self {
            center_world: (
                self.center_world.0 - delta_pt.x * m,
                self.center_world.1 + delta_pt.y * m,
            ),
            zoom: self.zoom,
        }
    }

    /// Zooms by `delta_zoom` levels keeping the world point under `anchor` (screen) fixed.
    pub fn zoomed_about(&self, viewport: &ScreenRect, anchor: Coord<f64>, delta_zoom: f64) -> Self {
        let before = self.world_from_screen(viewport, anchor);
        let zoom = (self.zoom + delta_zoom).clamp(MIN_ZOOM, MAX_ZOOM);
        let scaled = Self {
            center_world: self.center_world,
            zoom,
        };
        let after = scaled.world_from_screen(viewport, anchor);
        Self {
            center_world: (
                self.center_world.0 + before.x - after.x,
                self.center_world.1 + before.y - after.y,
            ),
            zoom,
        }
    }

    /// Map scale denominator (1:N) at the centre, for a screen of `px_per_mm` points per mm.
    pub fn scale_denominator(&self, px_per_mm: f64) -> f64 {
        let lat = self.center_lon_lat().y;
        self.m_per_pt() * super::projection::ground_m_per_world_m(lat) * px_per_mm * 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vp() -> ScreenRect {
        ScreenRect::new(10.0, 20.0, 1000.0, 700.0)
    }

    #[test]
    fn screen_world_round_trips_at_several_zooms() {
        for zoom in [2.0, 4.5, 8.0, 12.3, 16.9] {
            let cam = Camera::at_lon_lat(117.76, 15.15, zoom);
            for (x, y) in [
                (10.0, 20.0),
                (510.0, 370.0),
                (1009.0, 719.0),
                (-50.0, 900.0),
            ] {
                let s = Coord { x, y };
                let back = cam.screen_from_world(&vp(), cam.world_from_screen(&vp(), s));
                assert!(
                    (back.x - x).abs() < 1e-6 && (back.y - y).abs() < 1e-6,
                    "zoom {zoom}: {back:?}"
                );
            }
        }
    }

    #[test]
    fn centre_of_viewport_is_the_camera_centre() {
        let cam = Camera::at_lon_lat(115.86, 9.73, 10.0);
        let c = cam.world_from_screen(&vp(), vp().center());
        let ll = lon_lat_from_world(c);
        assert!((ll.x - 115.86).abs() < 1e-9 && (ll.y - 9.73).abs() < 1e-9);
    }

    #[test]
    fn zoom_about_cursor_keeps_its_lon_lat() {
        let cam = Camera::at_lon_lat(118.0, 18.0, 5.0);
        let cursor = Coord { x: 800.0, y: 150.0 };
        let before = lon_lat_from_world(cam.world_from_screen(&vp(), cursor));
        for dz in [1.0, -0.7, 3.3] {
            let z = cam.zoomed_about(&vp(), cursor, dz);
            assert!((z.zoom - (5.0 + dz)).abs() < 1e-12);
            let after = lon_lat_from_world(z.world_from_screen(&vp(), cursor));
            assert!(
                (after.x - before.x).abs() < 1e-9 && (after.y - before.y).abs() < 1e-9,
                "{dz}"
            );
        }
    }

    #[test]
    fn a_view_panned_or_zoomed_off_the_world_is_kept_on_it() {
        let far = Camera::at_lon_lat(179.0, 80.0, MIN_ZOOM)
            .panned_by_pt(Coord { x: -1e6, y: 1e6 })
            .kept_on_world();
        assert!(far.is_sane(), "{far:?}");
        assert_eq!(far.center_world.0, WORLD_WIDTH_M / 2.0);
        let inside = Camera::at_lon_lat(115.0, 12.0, 6.0);
        assert_eq!(inside.kept_on_world(), inside);
        let bad = Camera {
            center_world: (f64::NAN, f64::INFINITY),
            zoom: f64::NAN,
        };
        assert!(bad.kept_on_world().is_sane());
    }

    #[test]
    fn zoom_is_clamped() {
        let cam = Camera::at_lon_lat(118.0, 18.0, 16.5).zoomed_about(&vp(), vp().center(), 5.0);
        assert_eq!(cam.zoom, MAX_ZOOM);
        assert_eq!(Camera::at_lon_lat(0.0, 0.0, -3.0).zoom, MIN_ZOOM);
    }

    #[test]
    fn pan_moves_content_with_the_pointer() {
        let cam = Camera::at_lon_lat(118.0, 18.0, 6.0);
        let p = Coord { x: 300.0, y: 300.0 };
        let w = cam.world_from_screen(&vp(), p);
        let moved = cam.panned_by_pt(Coord { x: 40.0, y: -25.0 });
        let now = moved.screen_from_world(&vp(), w);
        assert!(
            (now.x - 340.0).abs() < 1e-6 && (now.y - 275.0).abs() < 1e-6,
            "{now:?}"
        );
    }

    #[test]
    fn fit_shows_the_whole_rectangle() {
        let bounds = Rect::new(Coord { x: 104.0, y: 2.0 }, Coord { x: 132.0, y: 34.0 });
        let cam = Camera::fit_lon_lat(bounds, vp().size);
        let vis = cam.visible_world(&vp());
        for corner in [bounds.min(), bounds.max()] {
            let w = world_from_lon_lat(corner);
            assert!(vis.min().x <= w.x + 1.0 && w.x <= vis.max().x + 1.0);
            assert!(vis.min().y <= w.y + 1.0 && w.y <= vis.max().y + 1.0);
        }
    }

    #[test]
    fn reef_scale_is_reachable() {
        // About 1:20,000 at 96 dpi (3.78 px/mm) must be within the zoom range.
        let cam = Camera::at_lon_lat(115.86, 9.73, MAX_ZOOM);
        assert!(cam.scale_denominator(3.78) < 20_000.0);
    }
}
