//! Embeds the bundled data in the binary, so a copied or installed binary needs no `assets/`
//! folder beside it: each file listed in [`EMBED`] is deflate-compressed into `OUT_DIR` and
//! `src/io/source.rs` includes the generated table (`embedded.rs`). Also passes the data's as-of
//! date (from `assets/meta.json`) to `--version` as `CONTESTED_WATERS_AS_OF`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What the binary carries, relative to `assets/`: files, or folders taken whole. Entries that
/// do not exist are skipped, so data a branch has not added yet (e.g. `coast/`) costs nothing.
const EMBED: &[&str] = &[
    "meta.json",
    "series.json",
    "features.geojson",
    "claims.geojson",
    "incidents.geojson",
    "agreements.geojson",
    "lenses.json",
    "basemap",
    "coast",
    "fonts",
];

/// Deflate level: 9 is miniz's best ratio short of the slow "uber" level 10.
const LEVEL: u8 = 9;

fn main() {
    println!("cargo:rerun-if-changed=assets");
    println!("cargo:rerun-if-changed=build.rs");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let assets = manifest.join("assets");

    let mut files = Vec::new();
    for entry in EMBED {
        collect(&assets, &assets.join(entry), &mut files);
    }
    files.sort();

    let mut table = String::from(
        "/// The embedded files: name relative to `assets/`, size in bytes, deflate data.\n\
         pub static FILES: &[(&str, usize, &[u8])] = &[\n",
    );
    for (i, name) in files.iter().enumerate() {
        let raw = match std::fs::read(assets.join(name)) {
            Ok(b) => b,
            Err(e) => fail(&format!("cannot read assets/{name}: {e}")),
        };
        let packed = miniz_oxide::deflate::compress_to_vec(&raw, LEVEL);
        let blob = out.join(format!("embedded-{i}.deflate"));
        if let Err(e) = std::fs::write(&blob, &packed) {
            fail(&format!("cannot write {}: {e}", blob.display()));
        }
        let _ = writeln!(
            table,
            "    ({name:?}, {}, include_bytes!({:?})),",
            raw.len(),
            blob.display().to_string()
        );
    }
    table.push_str("];\n");
    println!(
        "cargo:rustc-env=CONTESTED_WATERS_AS_OF={}",
        as_of(&assets.join("meta.json"))
    );
    if let Err(e) = std::fs::write(out.join("embedded.rs"), table) {
        fail(&format!("cannot write embedded.rs: {e}"));
    }
}

/// Adds `path` (a file, or every file under a folder) to `files` as names relative to `root`.
fn collect(root: &Path, path: &Path, files: &mut Vec<String>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            fail(&format!("cannot list {}", path.display()));
        };
        for entry in entries.flatten() {
            collect(root, &entry.path(), files);
        }
    } else if path.is_file()
        && let Ok(rel) = path.strip_prefix(root)
    {
        // Names use `/` on every platform, as the loader asks for them.
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.push(parts.join("/"));
    }
}

/// The `"as_of"` value of meta.json, or "unknown" (the loader reports the real problem).
fn as_of(meta: &Path) -> String {
    let text = std::fs::read_to_string(meta).unwrap_or_default();
    let date = text.split("\"as_of\"").nth(1).and_then(|rest| {
        let rest = rest.trim_start().strip_prefix(':')?.trim_start();
        let rest = rest.strip_prefix('"')?;
        rest.split('"').next()
    });
    match date {
        Some(d) if d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
            d.to_owned()
        }
        _ => "unknown".to_owned(),
    }
}

fn fail(message: &str) -> ! {
    println!("cargo:warning={message}");
    std::process::exit(1)
}
