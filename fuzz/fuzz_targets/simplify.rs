//! Differential: the iterative Douglas–Peucker gives geo's output on small inputs, and the
//! label point of a simple ring is inside it or absent.
#![no_main]

use contested_waters::map::simplify::{
    THIN_ABOVE_VERTICES, label_point, simplify_line, simplify_polygon,
};
use geo::{Coord, LineString, Polygon, Simplify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&e, rest)) = data.split_first() else {
        return;
    };
    let eps = f64::from(e) / 16.0;
    let coords: Vec<Coord<f64>> = rest
        .chunks_exact(2)
        .map(|p| Coord {
            x: f64::from(p[0] as i8),
            y: f64::from(p[1] as i8),
        })
        .collect();
    let line = LineString(coords);
    let ours = simplify_line(&line, eps);
    if line.0.len() <= THIN_ABOVE_VERTICES {
        assert_eq!(ours, line.simplify(eps));
        let poly = Polygon::new(line.clone(), vec![]);
        assert_eq!(simplify_polygon(&poly, eps), poly.simplify(eps));
        let _ = label_point(&poly);
    }
});
