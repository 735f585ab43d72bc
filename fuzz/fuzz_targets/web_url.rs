//! The source-link check: whatever it accepts is an http(s) URL with a host, and opening it
//! again gives the same URL (what is shown is what is opened).
#![no_main]

use contested_waters::io::web_url::web_url;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(url) = web_url(s) {
        assert!(matches!(url.scheme(), "http" | "https"), "{s:?}");
        assert!(url.host_str().is_some_and(|h| !h.is_empty()), "{s:?}");
        let again = web_url(url.as_str());
        assert_eq!(
            again.as_ref().map(|u| u.as_str()),
            Some(url.as_str()),
            "{s:?}"
        );
    }
});
