//! The user GeoJSON loader (`--open`, `--check`) on arbitrary bytes.
#![no_main]

use contested_waters::io::user_file::{NoControl, parse_user_geojson};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(load) = parse_user_geojson(Path::new("fuzz.geojson"), "fuzz".into(), data, &NoControl)
    {
        let l = &load.layer;
        assert_eq!(l.points.len(), l.point_feature.len());
        assert_eq!(l.paths.len(), l.path_feature.len());
        for &(a, b) in &l.paths {
            assert!(a <= b && (b as usize) <= l.path_coords.len());
        }
        for i in 0..l.names.len() {
            let _ = l.name_of(i);
        }
    }
});
