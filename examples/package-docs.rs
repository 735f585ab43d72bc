//! Writes the man page and the shell completions for the Debian package, from the command
//! line's own definition (`cli::Cli`), so they cannot drift from `--help`. An example rather
//! than part of the app, so the generators stay out of the shipped binary:
//!
//! `cargo run --example package-docs -- OUT_DIR` writes `OUT_DIR/contested-waters.1` and
//! `OUT_DIR/completions/{contested-waters.bash,_contested-waters,contested-waters.fish}`.

use clap::CommandFactory;
use clap_complete::Shell;
use contested_waters::cli::Cli;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: package-docs OUT_DIR");
        return ExitCode::from(2);
    };
    match write_all(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn write_all(out: &std::path::Path) -> std::io::Result<()> {
    let completions = out.join("completions");
    std::fs::create_dir_all(&completions)?;
    let cmd = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    std::fs::write(out.join("contested-waters.1"), page)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut cmd.clone(), "contested-waters", &completions)?;
    }
    Ok(())
}
