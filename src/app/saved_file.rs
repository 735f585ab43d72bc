//! The file eframe keeps between runs (`app.ron`), checked before eframe reads it.
//!
//! eframe restores egui's memory (its zoom factor among it) and the window's place from this
//! file before the app exists, whatever [`eframe::App::persist_egui_memory`] says; a zoom
//! factor of 0 or NaN, or a NaN window size, then panics in winit at every start. So the file is
//! cleaned first: egui's memory is dropped (nothing of ours lives there), a window entry with
//! a number that cannot be a window is dropped, and a file that is not a regular file, is too
//! large, or does not parse is moved aside (kept, never deleted). The app's own entry is
//! validated field by field later ([`super::SavedState::sanitized`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The app id eframe files the state under (`NativeOptions::viewport.app_id`).
pub const APP_ID: &str = "contested-waters";
/// eframe's key for egui's memory.
const EGUI_KEY: &str = "egui";
/// eframe's key for the window's position and size.
const WINDOW_KEY: &str = "window";
/// A saved state is a few kB; anything much larger is not ours to read.
const MAX_BYTES: u64 = 4 << 20;
/// Window positions and sizes beyond this many pixels are not a real screen's.
const MAX_WINDOW_PX: f64 = 100_000.0;

/// Where eframe keeps the saved state on this platform.
pub fn path() -> Option<PathBuf> {
    eframe::storage_dir(APP_ID).map(|d| d.join("app.ron"))
}

/// Makes the file at `path` safe for eframe to read; returns what was changed, for the
/// user (empty when nothing was). Never fails: a problem is reported and the app starts.
pub fn clean(path: &Path) -> Vec<String> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Vec::new(); // No saved state yet (or a dangling link: eframe reads nothing).
    };
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return move_aside(path, "not a regular file of at most 4 MB");
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return move_aside(path, "unreadable or not UTF-8");
    };
    let Ok(mut kv) = ron::from_str::<HashMap<String, String>>(&text) else {
        return move_aside(path, "not a saved state");
    };
    let mut notes = Vec::new();
    // egui's memory goes without a note: older versions saved it, and nothing in it was chosen
    // by the user.
    let mut changed = kv.remove(EGUI_KEY).is_some();
    if kv.get(WINDOW_KEY).is_some_and(|w| !window_is_sane(w)) {
        kv.remove(WINDOW_KEY);
        changed = true;
        notes.push("the saved window size or position was unusable and was reset".to_owned());
    }
    if changed && let Err(e) = write(path, &kv) {
        notes.push(format!(
            "{}: cannot rewrite the saved state: {e}",
            path.display()
        ));
    }
    notes
}

/// Whether every number in eframe's window entry is finite and of a screen's size.
fn window_is_sane(ron_text: &str) -> bool {
    fn numbers_ok(v: &ron::Value) -> bool {
        match v {
            ron::Value::Number(n) => {
                let x = n.into_f64();
                x.is_finite() && x.abs() <= MAX_WINDOW_PX
            }
            ron::Value::Map(m) => m.iter().all(|(k, v)| numbers_ok(k) && numbers_ok(v)),
            ron::Value::Seq(s) => s.iter().all(numbers_ok),
            ron::Value::Option(Some(v)) => numbers_ok(v),
            _ => true,
        }
    }
    ron::from_str::<ron::Value>(ron_text).is_ok_and(|v| numbers_ok(&v))
}

/// Writes the cleaned entries back in eframe's format (through a temporary file, so a failed
/// write leaves the old file whole).
fn write(path: &Path, kv: &HashMap<String, String>) -> std::io::Result<()> {
    let text = ron::ser::to_string_pretty(kv, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Renames a file eframe must not read to `app.ron.unusable` (replacing an older one).
fn move_aside(path: &Path, why: &str) -> Vec<String> {
    let aside = path.with_extension("ron.unusable");
    match std::fs::rename(path, &aside) {
        Ok(()) => vec![format!(
            "{}: {why}; moved to {} and started with default settings",
            path.display(),
            aside.display()
        )],
        Err(e) => vec![format!(
            "{}: {why}, and it cannot be moved aside: {e}",
            path.display()
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join("app.ron");
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        p
    }

    fn entries(p: &Path) -> HashMap<String, String> {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{e}"));
        ron::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn egui_memory_is_dropped_and_our_state_kept() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = saved(
            dir.path(),
            r#"{"egui": "(options:(zoom_factor:NaN))", "contested-waters-state": "(camera:None)"}"#,
        );
        assert!(clean(&p).is_empty());
        let kv = entries(&p);
        assert!(!kv.contains_key(EGUI_KEY));
        assert_eq!(
            kv.get("contested-waters-state").map(String::as_str),
            Some("(camera:None)")
        );
    }

    #[test]
    fn a_window_of_nan_or_huge_size_is_reset_and_a_sane_one_kept() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let good = "(inner_size_points:Some((x:1280.0,y:800.0)),fullscreen:false)";
        for (window, kept) in [
            (good, true),
            ("(inner_size_points:Some((x:NaN,y:800.0)))", false),
            ("(inner_size_points:Some((x:1e300,y:800.0)))", false),
            ("(position:Some((x:-inf,y:0.0)))", false),
        ] {
            let text = ron::to_string(&HashMap::from([(WINDOW_KEY, window)]))
                .unwrap_or_else(|e| panic!("{e}"));
            let p = saved(dir.path(), &text);
            let notes = clean(&p);
            assert_eq!(entries(&p).contains_key(WINDOW_KEY), kept, "{window}");
            assert_eq!(notes.is_empty(), kept, "{window}: {notes:?}");
        }
    }

    #[test]
    fn garbage_and_special_files_are_moved_aside() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = saved(dir.path(), "\u{1}\u{2} not ron");
        let notes = clean(&p);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(!p.exists());
        assert!(dir.path().join("app.ron.unusable").exists());
        #[cfg(unix)]
        {
            let link = dir.path().join("app.ron");
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap_or_else(|e| panic!("{e}"));
            let notes = clean(&link);
            assert!(notes[0].contains("not a regular file"), "{notes:?}");
            assert!(!link.exists());
        }
    }

    #[test]
    fn no_file_is_no_change() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        assert!(clean(&dir.path().join("app.ron")).is_empty());
        assert!(!dir.path().join("app.ron").exists());
    }
}
