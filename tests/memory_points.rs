//! Peak memory per input byte, stated and held: loading a large user file must not cost more
//! than a few times its size (a 500 MB MultiPoint once peaked at 7.2 GB, 14x its size).
//!
//! Linux only: the peak is the process's high-water mark (`VmHWM`), reset before the load
//! through `/proc/self/clear_refs`; one case per test binary (see `memory_support`).

#![cfg(target_os = "linux")]
// Helpers panic on a broken expectation by design.
#![allow(clippy::expect_used)]

mod memory_support;

#[test]
fn loading_a_million_point_multipoint_peaks_at_a_few_times_its_size() {
    memory_support::check("points.geojson", memory_support::multipoint(1_000_000));
}
