//! "Save map image" (Ctrl+S): a dialog for the file name, then the map cut out of the next
//! frame's screenshot, stamped with its scale and attribution, written as a PNG.

use crate::io::map_image::{PointRect, Rgba, crop, default_file_name, save_png};
use egui::{Context, Key, Rect, Ui};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Frames drawn between "Save" and the capture: the dialog closes and the stamp appears.
const FRAMES_BEFORE_CAPTURE: u8 = 2;
/// A window system that never delivers the screenshot must not leave the stamp up forever.
const CAPTURE_TIMEOUT: Duration = Duration::from_secs(5);

type Outcome = Arc<Mutex<Option<Result<PathBuf, String>>>>;

struct Job {
    path: PathBuf,
    frames_left: u8,
    requested_at: Option<Instant>,
    outcome: Outcome,
}

/// The dialog, the capture in progress and what the last one did.
#[derive(Default)]
pub struct SaveImage {
    /// The file field, while the dialog is open.
    dialog: Option<String>,
    job: Option<Job>,
    message: Option<String>,
}

impl SaveImage {
    /// Opens the dialog on a time-stamped name in `folder` (the last one used, or home).
    pub fn open_dialog(&mut self, folder: &Path) {
        self.dialog = Some(folder.join(suggested_name()).display().to_string());
    }

    /// Starts the capture to `path` (".png" added when missing) and closes the dialog.
    pub fn start(&mut self, path: &Path) {
        let mut path = path.to_path_buf();
        if path.extension().is_none() {
            path.set_extension("png");
        }
        self.job = Some(Job {
            path,
            frames_left: FRAMES_BEFORE_CAPTURE,
            requested_at: None,
            outcome: Arc::default(),
        });
        self.dialog = None;
    }

    /// The dialog's file field, while it is open.
    pub fn path_text(&mut self) -> Option<&mut String> {
        self.dialog.as_mut()
    }

    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }

    /// Whether the map should draw its stamp (a capture is under way).
    pub fn capturing(&self) -> bool {
        self.job.is_some()
    }

    /// What the last save did: the file written, or the error naming it.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The dialog window; "Save" or Enter starts the capture, Esc or "Cancel" closes it.
    /// Returns whether "Browse…" was clicked (the file dialog then chooses the path).
    pub fn dialog_ui(&mut self, ctx: &Context) -> bool {
        let Some(text) = &mut self.dialog else {
            return false;
        };
        let mut save = false;
        let mut close = false;
        let mut browse = false;
        egui::Window::new("Save map image")
            .collapsible(false)
            .resizable(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui: &mut Ui| {
                ui.label("The map as shown, with its scale and attribution, as a PNG.");
                ui.horizontal(|ui| {
                    let label = ui.label("File");
                    let field = ui
                        .add(egui::TextEdit::singleline(text).desired_width(380.0))
                        .labelled_by(label.id);
                    if !field.has_focus()
                        && !field.lost_focus()
                        && ui.memory(|m| m.focused().is_none())
                    {
                        field.request_focus();
                    }
                    save |= field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    browse |= ui.button("Browse…").clicked();
                });
                ui.horizontal(|ui| {
                    save |= ui.button("Save").clicked();
                    close |= ui.button("Cancel").clicked();
                });
                close |= ui.input(|i| i.key_pressed(Key::Escape));
            });
        if save && !text.trim().is_empty() {
            let path = PathBuf::from(text.trim());
            self.start(&path);
        } else if close {
            self.dialog = None;
        }
        browse
    }

    /// Advances the capture; call once per frame, after the map (at `map_rect`) is drawn.
    pub fn step(&mut self, ctx: &Context, map_rect: Option<Rect>) {
        let Some(job) = &mut self.job else {
            return;
        };
        ctx.request_repaint();
        if job.frames_left > 0 {
            job.frames_left -= 1;
            return;
        }
        let Some(requested_at) = job.requested_at else {
            let Some(rect) = map_rect else {
                self.finish(Err("the map is not on screen".into()));
                return;
            };
            job.requested_at = Some(Instant::now());
            let (path, outcome, repaint) = (job.path.clone(), job.outcome.clone(), ctx.clone());
            let ppp = ctx.pixels_per_point();
            ctx.request_screenshot(move |image| {
                // Encoding a large window takes a while: not on the thread that draws.
                std::thread::spawn(move || {
                    let result = crop(&rgba_of(&image), point_rect(rect), ppp)
                        .ok_or_else(|| format!("{}: the map is not on screen", path.display()))
                        .and_then(|map| save_png(&path, &map).map_err(|e| e.to_string()))
                        .map(|()| path);
                    if let Ok(mut slot) = outcome.lock() {
                        *slot = Some(result);
                    }
                    repaint.request_repaint();
                });
            });
            return;
        };
        let done = job.outcome.lock().ok().and_then(|mut slot| slot.take());
        match done {
            Some(result) => self.finish(result),
            None if requested_at.elapsed() > CAPTURE_TIMEOUT => {
                let path = job.path.display().to_string();
                self.finish(Err(format!(
                    "{path}: no screenshot came from the window system"
                )));
            }
            None => {}
        }
    }

    fn finish(&mut self, result: Result<PathBuf, String>) {
        self.message = Some(match result {
            Ok(path) => format!("Saved the map to {}", path.display()),
            Err(e) => format!("Map not saved: {e}"),
        });
        self.job = None;
    }
}

/// A time-stamped file name for a map image taken now.
pub fn suggested_name() -> String {
    default_file_name(chrono::Local::now().naive_local())
}

/// A window capture as plain RGBA bytes (what the writer takes).
pub fn rgba_of(image: &egui::ColorImage) -> Rgba {
    Rgba {
        width: image.size[0],
        height: image.size[1],
        pixels: image.pixels.iter().flat_map(|c| c.to_array()).collect(),
    }
}

fn point_rect(r: Rect) -> PointRect {
    PointRect {
        min: [r.min.x, r.min.y],
        max: [r.max.x, r.max.y],
    }
}
