//! The command line: help, and clear errors with a non-zero exit for bad arguments (no window
//! is opened for these).

// A binary that cannot start should fail the test loudly.
#![allow(clippy::expect_used)]

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_contested-waters"))
        .args(args)
        .output()
        .expect("binary runs")
}

#[test]
fn help_describes_the_options() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for opt in ["--view", "--screenshot", "--assets", "LON,LAT,ZOOM"] {
        assert!(text.contains(opt), "help lacks {opt}:\n{text}");
    }
}

#[test]
fn bad_view_is_refused_with_a_message() {
    for (arg, needle) in [
        ("117,15", "LON,LAT,ZOOM"),
        ("117,95,5", "latitude"),
        ("117,15,99", "zoom"),
        ("x,15,5", "longitude"),
    ] {
        let out = run(&["--view", arg]);
        assert!(!out.status.success(), "{arg} accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{arg}: {err}");
    }
}

#[test]
fn unknown_flag_is_refused() {
    let out = run(&["--no-such-flag"]);
    assert!(!out.status.success());
}
