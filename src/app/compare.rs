//! "Compare with…" in the app: the other folder loads and is compared on a thread (the frame
//! shows a spinner meanwhile), then a window lists what it adds, changes and removes.

use super::App;
use super::command::Command;
use crate::io::compare::{Comparison, compare_dir};
use crate::model::Atlas;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// A comparison under way.
struct Running {
    dir: PathBuf,
    started: Instant,
    done: Receiver<Comparison>,
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

    /// A finished comparison, as a command.
    pub fn poll(&mut self) -> Option<Command> {
        let r = self.running.as_ref()?;
        match r.done.try_recv() {
            Ok(c) => {
                self.running = None;
                Some(Command::CompareDone(Box::new(c)))
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                let dir = r.dir.display().to_string();
                self.running = None;
                Some(Command::CompareFailed(format!(
                    "Compare with {dir}: the comparison stopped unexpectedly"
                )))
            }
        }
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
                let ours = ours(&self.data.atlas, self.workbench.bundled);
                let (tx, rx) = channel();
                let repaint = self.jobs.repaint();
                let thread_dir = dir.clone();
                std::thread::spawn(move || {
                    let _ = tx.send(compare_dir(&ours, &thread_dir));
                    if let Some(ctx) = repaint {
                        ctx.request_repaint();
                    }
                });
                compare.running = Some(Running {
                    dir,
                    started: Instant::now(),
                    done: rx,
                });
            }
            Command::CompareDone(c) => {
                compare.result = Some(*c);
                compare.window = true;
            }
            Command::CompareFailed(e) => self.report_errors([e]),
            Command::ToggleCompare => compare.window = !compare.window,
            _ => {}
        }
    }

    /// The spinner while comparing, and the window.
    pub(super) fn compare_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        if let Some((dir, elapsed)) = self.compare.running() {
            egui::Panel::top("comparing").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!(
                        "Loading and comparing {} ({} s)…",
                        dir.display(),
                        elapsed.as_secs()
                    ));
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
