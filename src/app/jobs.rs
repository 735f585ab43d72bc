//! Background work the app waits on: files loading (with progress and cancel), and the
//! `--screenshot` capture. Finished loads come back as commands.

use super::command::Command;
use super::options::ScreenshotResult;
use crate::loader::{JobOutcome, LoadJob};
use crate::model::Date;
use egui::Ui;
use std::path::{Path, PathBuf};

/// Files being loaded in the background.
#[derive(Default)]
pub struct Jobs {
    loads: Vec<LoadJob>,
    /// Woken on progress and when a load ends (none in tests without a window).
    repaint: Option<egui::Context>,
}

impl Jobs {
    /// The context to wake when a load progresses.
    pub fn set_repaint(&mut self, ctx: &egui::Context) {
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
        }
    }

    /// The context to wake from a background thread.
    pub fn repaint(&self) -> Option<egui::Context> {
        self.repaint.clone()
    }

    /// Starts loading a user file.
    pub fn start(&mut self, path: &Path) {
        self.loads.push(LoadJob::start(path, self.repaint.clone()));
    }

    /// Starts loading a user layer from any reader (`label` names it as a path would).
    pub fn start_reader(&mut self, label: PathBuf, reader: impl std::io::Read + Send + 'static) {
        self.loads
            .push(LoadJob::from_reader(label, reader, self.repaint.clone()));
    }

    /// Starts generating `n` synthetic incidents dated up to `last`.
    pub fn start_synthetic(&mut self, n: usize, last: Date) {
        self.loads
            .push(LoadJob::synthetic(n, 1, last, self.repaint.clone()));
    }

    /// Asks load `index` to stop.
    pub fn cancel(&self, index: usize) {
        if let Some(job) = self.loads.get(index) {
            job.cancel();
        }
    }

    pub fn len(&self) -> usize {
        self.loads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.loads.is_empty()
    }

    /// Collects the loads that ended, as commands (a cancelled load reports nothing).
    pub fn poll(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        self.loads.retain(|job| match job.poll() {
            None => true,
            Some(JobOutcome::Loaded(l)) => {
                out.push(Command::LayerLoaded(l));
                false
            }
            Some(JobOutcome::Synthetic(s)) => {
                out.push(Command::SyntheticReady(s));
                false
            }
            Some(JobOutcome::Failed(e)) => {
                out.push(Command::LoadFailed(e));
                false
            }
            Some(JobOutcome::Cancelled) => false,
        });
        if !self.loads.is_empty()
            && let Some(ctx) = &self.repaint
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        out
    }

    /// A progress bar and a Cancel button per load.
    pub fn progress_ui(&self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        for (i, job) in self.loads.iter().enumerate() {
            ui.horizontal(|ui| {
                let name = job.path.file_name().map_or_else(
                    || job.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                ui.label(format!("Loading {name}"));
                ui.add(
                    egui::ProgressBar::new(job.progress())
                        .desired_width(200.0)
                        .show_percentage(),
                );
                if ui.button("Cancel").clicked() {
                    cmds.push(Command::CancelLoad(i));
                }
            });
        }
    }
}

/// Passes drawn before a screenshot is requested: the first frame runs two (its first pass
/// is discarded so panel sizes settle), and the screenshot shows the frame after the request.
const SCREENSHOT_AFTER_FRAMES: u64 = 1;

/// A `--screenshot` run: the first complete frame goes to a PNG.
pub struct ScreenshotJob {
    pub path: PathBuf,
    requested: bool,
    result: ScreenshotResult,
    exit_when_written: bool,
}

impl ScreenshotJob {
    pub fn new(path: PathBuf, result: ScreenshotResult, exit_when_written: bool) -> Self {
        Self {
            path,
            requested: false,
            result,
            exit_when_written,
        }
    }

    /// Requests the capture once the data (and files opened at start) are in; closes the
    /// window once it is written.
    pub fn step(&mut self, ctx: &egui::Context, frames: u64, loading: bool) {
        if self.requested {
            let done = self.result.lock().map(|r| r.is_some()).unwrap_or(true);
            if done {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint();
            }
            return;
        }
        ctx.request_repaint();
        if frames < SCREENSHOT_AFTER_FRAMES || loading {
            return;
        }
        self.requested = true;
        let path = self.path.clone();
        let result = self.result.clone();
        let repaint = ctx.clone();
        let exit_when_written = self.exit_when_written;
        ctx.request_screenshot(move |image| {
            let rgba = crate::ui::save_image::rgba_of(&image);
            let outcome = crate::io::map_image::save_png(&path, &rgba).map_err(|e| e.to_string());
            // The frame is written (or failed): a screenshot run has nothing else to do or to
            // save, so it ends here rather than after the window's teardown frames.
            if exit_when_written {
                match &outcome {
                    Ok(()) => std::process::exit(0),
                    Err(e) => {
                        eprintln!("error: {e}");
                        std::process::exit(1);
                    }
                }
            }
            if let Ok(mut slot) = result.lock() {
                *slot = Some(outcome);
            }
            repaint.request_repaint();
        });
    }
}
