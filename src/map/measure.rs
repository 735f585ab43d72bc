//! The ruler: distances along a path the user clicks, measured on the WGS 84 ellipsoid
//! (Karney's geodesics, as charts and the law of the sea measure them) and drawn as geodesics,
//! which on a Mercator map are curves, not the straight segments between the clicks.

use geo::{Coord, Distance, Geodesic, InterpolatePoint, Point};

/// Metres in an international nautical mile.
pub const M_PER_NM: f64 = 1852.0;

/// Longest straight piece of a drawn geodesic: short enough to look curved where it is.
const DRAW_STEP_M: f64 = 20_000.0;

/// A path being measured, as lon/lat vertices in click order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measurement {
    points: Vec<Coord<f64>>,
}

fn point(c: Coord<f64>) -> Point<f64> {
    Point::from(c)
}

impl Measurement {
    pub fn points(&self) -> &[Coord<f64>] {
        &self.points
    }

    pub fn push(&mut self, lon_lat: Coord<f64>) {
        self.points.push(lon_lat);
    }

    /// Removes the last vertex (Backspace).
    pub fn undo(&mut self) {
        self.points.pop();
    }

    /// Length of each leg, metres.
    pub fn legs_m(&self) -> Vec<f64> {
        self.points
            .windows(2)
            .map(|w| Geodesic.distance(point(w[0]), point(w[1])))
            .collect()
    }

    /// Length of the whole path, metres.
    pub fn total_m(&self) -> f64 {
        self.legs_m().iter().sum()
    }

    /// The path as drawn: every leg densified along its geodesic, lon/lat.
    pub fn drawn_path(&self) -> Vec<Coord<f64>> {
        let mut out: Vec<Coord<f64>> = self.points.first().copied().into_iter().collect();
        for w in self.points.windows(2) {
            out.extend(
                Geodesic
                    .points_along_line(point(w[0]), point(w[1]), DRAW_STEP_M, true)
                    .skip(1)
                    .map(Coord::from),
            );
        }
        out
    }
}

/// A distance in both units a maritime reader uses, e.g. "212.4 km · 114.7 nm".
pub fn format_distance(m: f64) -> String {
    let km = m / 1000.0;
    let nm = m / M_PER_NM;
    if km < 10.0 {
        format!("{km:.2} km · {nm:.2} nm")
    } else {
        format!("{km:.1} km · {nm:.1} nm")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    #[test]
    fn a_degree_of_the_equator_and_a_meridian_arc_have_their_ellipsoid_lengths() {
        let mut m = Measurement::default();
        m.push(c(0.0, 0.0));
        m.push(c(1.0, 0.0));
        // WGS 84: a = 6378137 m, so a degree of the equator is 111319.49 m.
        assert!((m.total_m() - 111_319.49).abs() < 0.01, "{}", m.total_m());
        m.push(c(1.0, 1.0));
        // A degree of meridian from the equator is 110574.39 m (not a sphere's 111195 m).
        let legs = m.legs_m();
        assert_eq!(legs.len(), 2);
        assert!((legs[1] - 110_574.39).abs() < 0.5, "{}", legs[1]);
        assert!((m.total_m() - legs.iter().sum::<f64>()).abs() < 1e-9);
    }

    #[test]
    fn undo_drops_the_last_vertex_only() {
        let mut m = Measurement::default();
        m.push(c(114.0, 10.0));
        m.push(c(116.0, 9.7));
        m.push(c(118.7, 9.7));
        let two = {
            let mut t = Measurement::default();
            t.push(c(114.0, 10.0));
            t.push(c(116.0, 9.7));
            t.total_m()
        };
        m.undo();
        assert_eq!(m.points().len(), 2);
        assert!((m.total_m() - two).abs() < 1e-9);
        m.undo();
        m.undo();
        m.undo();
        assert!(m.points().is_empty());
        assert!(m.total_m().abs() < f64::EPSILON);
    }

    #[test]
    fn the_drawn_path_follows_the_geodesic_and_keeps_the_clicks() {
        let mut m = Measurement::default();
        let (a, b, e) = (c(110.0, 20.0), c(125.0, 30.0), c(125.0, 5.0));
        for p in [a, b, e] {
            m.push(p);
        }
        let path = m.drawn_path();
        assert_eq!(path.first(), Some(&a));
        assert_eq!(path.last(), Some(&e));
        assert!(path.contains(&b), "the middle click is a vertex");
        // No drawn piece is longer than the step, and the pieces add up to the measured total.
        let pieces: Vec<f64> = path
            .windows(2)
            .map(|w| Geodesic.distance(point(w[0]), point(w[1])))
            .collect();
        assert!(pieces.iter().all(|d| *d <= DRAW_STEP_M + 1.0));
        assert!((pieces.iter().sum::<f64>() - m.total_m()).abs() < 1.0);
        // A geodesic from 20°N to 30°N bulges poleward of the straight lon/lat line.
        let mid = path[path.len() / 4];
        let straight_lat = 20.0 + (mid.x - 110.0) / 15.0 * 10.0;
        assert!(mid.y > straight_lat, "{mid:?}");
    }

    #[test]
    fn distances_read_in_km_and_nautical_miles() {
        assert_eq!(format_distance(1852.0), "1.85 km · 1.00 nm");
        assert_eq!(format_distance(370_400.0), "370.4 km · 200.0 nm");
    }
}
