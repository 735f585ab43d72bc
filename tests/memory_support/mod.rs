//! Shared by the memory tests: each runs in a test binary of its own, so that no other test's
//! allocations (or memory the allocator kept from an earlier case) share the process.

use contested_waters::io::user_file::{NoControl, load_user_file};
use std::fmt::Write as _;

/// The bound this test holds: the loader's peak above what the process held before the load,
/// as a multiple of the file's size. Measured at 3.6× (line) and 4.3× (points) for the whole
/// `--check` process; the headroom is for allocator variation, not for regressions.
pub const MAX_PEAK_PER_BYTE: f64 = 6.0;

/// A kB figure from /proc/self/status.
fn status_kb(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a kB figure")
}

/// Bytes the load of `path` raised the process's peak above its resident size before it.
pub fn load_peak_bytes(path: &std::path::Path) -> u64 {
    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak (Linux ≥ 4.0)");
    let before = status_kb("VmRSS:");
    let layer = load_user_file(path, &NoControl).expect("the file loads");
    let peak = status_kb("VmHWM:");
    drop(layer);
    peak.saturating_sub(before) * 1024
}

/// A survey-track-like line going back and forth: `n` vertices.
#[allow(dead_code)] // one binary uses each generator
pub fn zigzag_line(n: usize) -> String {
    let mut s = String::with_capacity(n * 32);
    s.push_str(r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"track"},"geometry":{"type":"LineString","coordinates":["#);
    for i in 0..n {
        let lon = 110.0 + (i % 1000) as f64 * 0.004;
        let lat = 10.0 + if i % 2 == 0 { 0.0 } else { 0.01 } + (i / 1000) as f64 * 1e-5;
        write!(s, "{}[{lon:.6},{lat:.6}]", if i > 0 { "," } else { "" }).expect("write");
    }
    s.push_str("]}}]}");
    s
}

/// One MultiPoint of `n` points.
#[allow(dead_code)] // one binary uses each generator
pub fn multipoint(n: usize) -> String {
    let mut s = String::with_capacity(n * 28);
    s.push_str(r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"soundings"},"geometry":{"type":"MultiPoint","coordinates":["#);
    for i in 0..n {
        let lon = 105.0 + (i % 2000) as f64 * 0.01;
        let lat = 2.0 + (i / 2000) as f64 * 0.01;
        write!(s, "{}[{lon:.5},{lat:.5}]", if i > 0 { "," } else { "" }).expect("write");
    }
    s.push_str("]}}]}");
    s
}

/// Writes `text` as `name` in a temporary folder, loads it, and holds the bound.
pub fn check(name: &str, text: String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, &text).expect("write");
    let size = text.len() as f64;
    drop(text);
    let peak = load_peak_bytes(&path) as f64;
    let per_byte = peak / size;
    println!(
        "{name}: {:.1} MB file, peak {:.1} MB above the start: {per_byte:.2}x its size",
        size / 1e6,
        peak / 1e6
    );
    assert!(
        per_byte <= MAX_PEAK_PER_BYTE,
        "{name}: loading peaked at {per_byte:.2}x the file's size (bound {MAX_PEAK_PER_BYTE}x)"
    );
}
