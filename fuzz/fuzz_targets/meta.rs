//! The `meta.json` and `series.json` loaders on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = contested_waters::io::meta::parse_meta(Path::new("meta.json"), text);
        let _ = contested_waters::io::meta::parse_series(Path::new("series.json"), text);
    }
});
