//! What the map widget keeps between frames: what the last frame saw (for the app's status
//! bar and keyboard), and the incident clusters, rebuilt only when the view or what is
//! shown changes.

use super::camera::{Camera, ScreenRect};
use super::cluster::{CELL_PT, Cluster, grid_clusters};
use super::view::Shown;
use super::web::WebLayout;
use crate::model::Item;
use geo::Coord;

/// Points this far off screen still join clusters, so symbols at the edges do not pop.
const CLUSTER_PAD_PT: f64 = 40.0;

/// The inputs the clusters were built from.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ClusterKey {
    camera: Camera,
    viewport: ScreenRect,
    revision: u64,
    incidents_on: bool,
}

/// State the map widget keeps across frames (borrowed mutably while it is shown).
#[derive(Debug, Default)]
pub struct MapMemory {
    /// The map's rectangle in the last frame.
    pub viewport: Option<ScreenRect>,
    /// The camera the last frame was drawn with.
    pub camera: Option<Camera>,
    /// Where the pointer was over the map (lon/lat).
    pub cursor_lon_lat: Option<Coord<f64>>,
    /// The record under the pointer.
    pub hovered: Option<Item>,
    /// The agreement web as the last frame drew it.
    pub web: Option<WebLayout>,
    /// A marker being dragged (one of the user's incidents, or the form's pin).
    pub drag: Option<super::drag::MarkerDrag>,
    clusters: Option<(ClusterKey, Vec<Cluster>)>,
}

impl MapMemory {
    /// The incident clusters drawn in the last frame (single incidents included).
    pub fn clusters(&self) -> &[Cluster] {
        self.clusters.as_ref().map_or(&[], |(_, c)| c.as_slice())
    }

    /// Rebuilds the clusters if the view, the filter or the layer's visibility changed.
    pub fn refresh_clusters(
        &mut self,
        incidents_world: &[Coord<f64>],
        shown: Shown<'_>,
        incidents_on: bool,
        camera: Camera,
        viewport: ScreenRect,
    ) {
        let key = ClusterKey {
            camera,
            viewport,
            revision: shown.revision,
            incidents_on,
        };
        if self.clusters.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let clusters = if incidents_on {
            let vis = camera.visible_world(&viewport);
            let pad = CLUSTER_PAD_PT * camera.m_per_pt();
            let on_screen = |w: &Coord<f64>| {
                w.x >= vis.min().x - pad
                    && w.x <= vis.max().x + pad
                    && w.y >= vis.min().y - pad
                    && w.y <= vis.max().y + pad
            };
            grid_clusters(
                incidents_world
                    .iter()
                    .enumerate()
                    .filter(|(i, w)| shown.incidents.get(*i) == Some(&true) && on_screen(w))
                    .map(|(i, w)| (i, *w)),
                CELL_PT * camera.m_per_pt(),
            )
        } else {
            Vec::new()
        };
        self.clusters = Some((key, clusters));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown<'a>(flags: &'a [bool], revision: u64) -> Shown<'a> {
        Shown {
            incidents: flags,
            sites: &[],
            revision,
        }
    }

    #[test]
    fn clusters_follow_the_filter_revision_and_the_view() {
        let world = [Coord { x: 0.0, y: 0.0 }, Coord { x: 10.0, y: 0.0 }];
        let vp = ScreenRect::new(0.0, 0.0, 800.0, 600.0);
        let cam = Camera::at_lon_lat(0.0, 0.0, 5.0);
        let mut m = MapMemory::default();
        m.refresh_clusters(&world, shown(&[true, true], 1), true, cam, vp);
        assert_eq!(m.clusters().len(), 1);
        assert_eq!(m.clusters()[0].members, [0, 1]);
        // Same revision: the cache stands even if the flags passed differ.
        m.refresh_clusters(&world, shown(&[true, false], 1), true, cam, vp);
        assert_eq!(m.clusters()[0].members, [0, 1]);
        m.refresh_clusters(&world, shown(&[true, false], 2), true, cam, vp);
        assert_eq!(m.clusters()[0].members, [0]);
        m.refresh_clusters(&world, shown(&[true, false], 2), false, cam, vp);
        assert!(m.clusters().is_empty(), "the incidents layer is off");
    }
}
