//! The bundled `agreements.geojson` loader on arbitrary bytes: errors, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = contested_waters::io::agreements::parse(Path::new("agreements.geojson"), text);
    }
});
