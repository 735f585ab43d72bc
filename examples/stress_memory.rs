//! Builds the `--stress N` layer exactly as the app does at start (generate, then index) and
//! exits, so its peak memory can be measured without a window:
//! `/usr/bin/time -v cargo run --release --example stress_memory -- 5000000`.

use contested_waters::map::synthetic::SyntheticLayer;
use contested_waters::model::Date;
use contested_waters::model::synthetic::SyntheticIncidents;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(n) = std::env::args()
        .nth(1)
        .and_then(|s| s.parse::<usize>().ok())
    else {
        eprintln!("usage: stress_memory N");
        return ExitCode::from(2);
    };
    let last = Date::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let Some(data) = SyntheticIncidents::generate(n, 1, last, &|_| true) else {
        return ExitCode::FAILURE;
    };
    let layer = SyntheticLayer::build(data);
    println!("{n} synthetic incidents built");
    std::mem::forget(layer);
    ExitCode::SUCCESS
}
