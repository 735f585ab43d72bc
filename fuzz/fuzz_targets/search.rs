//! The find box's query on the bundled atlas: any text, any limit, no panic; hits are in range.
#![no_main]

use contested_waters::io;
use contested_waters::model::search::SearchIndex;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static INDEX: OnceLock<SearchIndex> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let index =
        INDEX.get_or_init(|| SearchIndex::build(&io::load_dir(&io::bundled_assets_dir()).atlas));
    let Some((&limit, rest)) = data.split_first() else {
        return;
    };
    let query = String::from_utf8_lossy(rest);
    let hits = index.query(&query, usize::from(limit));
    assert!(hits.len() <= usize::from(limit));
});
