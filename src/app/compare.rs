//! "Compare with…" in the app: the other folder loads and is compared on a thread (the frame
//! shows its progress and a Cancel button meanwhile), then a window lists what it adds,
//! changes and removes.

use super::App;
use super::command::Command;
use crate::io::compare::{Comparison, compare_dir_controlled};
use crate::io::user_file::LoadControl;
use crate::io::{DataSource, LoadError};
use crate::model::Atlas;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// Reads one file of the other folder (tests hold bytes back with it).
pub type CompareReader = Box<dyn FnMut(&DataSource, &str) -> Result<Vec<u8>, LoadError> + Send>;

/// A comparison under way.
struct Running {
    dir: PathBuf,
    started: Instant,
    done: Receiver<Result<Comparison, LoadError>>,
    control: Arc<Control>,
}

/// What the comparing thread and the frame share: progress, and the Cancel button's flag.
#[derive(Default)]
struct Control {
    /// Bytes read, in thousandths of the folder's.
    permille: AtomicU32,
    cancel: AtomicBool,
    repaint: Option<egui::Context>,
}

impl LoadControl for Control {
    fn progress(&self, done_bytes: usize, total_bytes: usize) {
        let p = done_bytes.saturating_mul(1000) / total_bytes.max(1);
        self.permille.store(
            u32::try_from(p.min(1000)).unwrap_or(1000),
            Ordering::Relaxed,
        );
        if let Some(ctx) = &self.repaint {
            ctx.request_repaint();
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// The comparison under way, the last one shown, and the window's folder field.
#[derive(Default)]
pub struct Compare {
    running: Option<Running>,
    pub result: Option<Comparison>,
    pub window: bool,
    pub folder_text: String,
}

impl Compare {
    /// The folder being compared and for how long, while one is.
    pub fn running(&self) -> Option<(&std::path::Path, std::time::Duration)> {
        self.running
            .as_ref()
            .map(|r| (r.dir.as_path(), r.started.elapsed()))
    }

    /// How much of the other folder has been read (0 to 1), while comparing.
    pub fn progress(&self) -> Option<f32> {
        let r = self.running.as_ref()?;
        #[allow(clippy::cast_precision_loss)]
        let p = r.control.permille.load(Ordering::Relaxed) as f32 / 1000.0;
        Some(p)
    }

    /// Stops the comparison under way: nothing more is read, and its answer is dropped.
    fn cancel(&mut self) {
        if let Some(r) = self.running.take() {
            r.control.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// A finished comparison, as a command.
    pub fn poll(&mut self) -> Option<Command> {
        let r = self.running.as_ref()?;
        let outcome = match r.done.try_recv() {
            Ok(Ok(c)) => Some(Command::CompareDone(Box::new(c))),
            Ok(Err(LoadError::Cancelled { .. })) => None,
            Ok(Err(e)) => Some(Command::CompareFailed(format!("Compare with: {e}"))),
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Some(Command::CompareFailed(format!(
                "Compare with {}: the comparison stopped unexpectedly",
                r.dir.display()
            ))),
        };
        self.running = None;
        outcome
    }
}

/// Our records to compare against: the bundled ones (not the user's own incidents).
fn ours(atlas: &Atlas, bundled: usize) -> Atlas {
    Atlas {
        as_of: atlas.as_of,
        features: atlas.features.clone(),
        claims: atlas.claims.clone(),
        incidents: atlas.incidents.iter().take(bundled).cloned().collect(),
        agreements: atlas.agreements.clone(),
        sites: atlas.sites.clone(),
        statements: atlas.statements.clone(),
        ..Atlas::default()
    }
}

impl App {
    pub(super) fn apply_compare(&mut self, cmd: Command) {
        let compare = &mut self.compare;
        match cmd {
            Command::CompareWith(dir) => {
                compare.window = true;
                compare.folder_text = dir.display().to_string();
                if !dir.is_dir() {
                    let e = format!("Compare with {}: not a folder", dir.display());
                    self.report_errors([e]);
                    return;
                }
                self.start_compare(dir, Box::new(|src: &DataSource, name: &str| src.read(name)));
            }
            Command::CancelCompare => compare.cancel(),
            Command::CompareDone(c) => {
                compare.result = Some(*c);
                compare.window = true;
            }
            Command::CompareFailed(e) => self.report_errors([e]),
            Command::ToggleCompare => compare.window = !compare.window,
            _ => {}
        }
    }

    /// Loads `dir` on a thread, reading each file through `read_file`, and compares it with
    /// the bundled data; the frame shows its progress and a Cancel button meanwhile.
    pub fn compare_through(&mut self, dir: PathBuf, read_file: CompareReader) {
        self.compare.window = true;
        self.start_compare(dir, read_file);
    }

    fn start_compare(&mut self, dir: PathBuf, mut read_file: CompareReader) {
        // A comparison already under way is replaced.
        self.compare.cancel();
        let ours = ours(&self.data.atlas, self.workbench.bundled);
        let (tx, rx) = channel();
        let control = Arc::new(Control {
            repaint: self.jobs.repaint(),
            ..Control::default()
        });
        let thread_control = Arc::clone(&control);
        let thread_dir = dir.clone();
        std::thread::spawn(move || {
            let c = &*thread_control;
            let _ = tx.send(compare_dir_controlled(
                &ours,
                &thread_dir,
                &mut read_file,
                c,
            ));
            if let Some(ctx) = &c.repaint {
                ctx.request_repaint();
            }
        });
        self.compare.running = Some(Running {
            dir,
            started: Instant::now(),
            done: rx,
            control,
        });
    }

    /// The progress bar and Cancel while comparing, and the window.
    pub(super) fn compare_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        if let Some((dir, elapsed)) = self.compare.running() {
            egui::Panel::top("comparing").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!(
                        "Loading and comparing {} ({} s)",
                        dir.display(),
                        elapsed.as_secs()
                    ));
                    let p = self.compare.progress().unwrap_or_default();
                    ui.add(
                        egui::ProgressBar::new(p)
                            .desired_width(200.0)
                            .show_percentage(),
                    );
                    if ui.button("Cancel").clicked() {
                        cmds.push(Command::CancelCompare);
                    }
                });
            });
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        }
        if !self.compare.window {
            return;
        }
        let c = &mut self.compare;
        let ask = crate::ui::compare_window::compare_window(
            ui.ctx(),
            c.result.as_ref(),
            &self.data.atlas,
            &mut c.folder_text,
        );
        if let Some(r) = ask.go_to {
            cmds.push(Command::GoTo(r));
        }
        if ask.compare {
            cmds.push(Command::CompareWith(PathBuf::from(c.folder_text.trim())));
        }
        if ask.browse {
            cmds.push(Command::Browse(
                crate::model::file_pick::Pick::CompareFolder,
            ));
        }
        if ask.close {
            cmds.push(Command::ToggleCompare);
        }
    }
}
