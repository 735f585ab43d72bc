//! Keyboard shortcuts, read into commands. Text fields keep their keys: the map's shortcuts
//! apply only when no field has the keyboard.

use super::command::Command;
use egui::{Key, Modifiers, Ui};
use geo::Coord;

/// Points the map moves per arrow-key press.
const ARROW_PAN_PT: f64 = 120.0;

/// What the shortcuts depend on besides the keys.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyContext {
    /// The save dialog is open (it has the keyboard; its own Esc closes it).
    pub dialog_open: bool,
    pub measuring: bool,
    /// The pointer is over the timeline: arrows step its range instead of panning.
    pub over_timeline: bool,
    /// The find box had the keyboard (its Esc clears it, not the selection).
    pub find_had_focus: bool,
}

/// The commands this frame's key presses ask for.
pub fn shortcuts(ui: &Ui, k: KeyContext) -> Vec<Command> {
    let mut out = Vec::new();
    if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::F)) {
        out.push(Command::FocusFind);
    }
    if ui.input(|i| i.key_pressed(Key::F1)) {
        out.push(Command::ToggleHelp);
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::S)) {
        out.push(Command::OpenSaveImage);
    }
    if k.dialog_open || ui.ctx().egui_wants_keyboard_input() {
        return out;
    }
    // Undo / redo of My incidents (a text field keeps its own undo).
    if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)) {
        out.push(Command::Redo);
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Z)) {
        out.push(Command::Undo);
    }
    let pressed = |key: Key| ui.input(|i| i.key_pressed(key));
    for (key, command) in [
        (Key::T, Command::ToggleTimeline),
        (Key::M, Command::ToggleRuler),
        (Key::Z, Command::ZoomToSelection),
        (Key::N, Command::StepIncident { forward: true }),
        (Key::P, Command::StepIncident { forward: false }),
        (Key::Home, Command::ResetView),
        (Key::Minus, Command::ZoomBy(-1.0)),
    ] {
        if pressed(key) {
            out.push(command);
        }
    }
    if pressed(Key::Plus) || pressed(Key::Equals) {
        out.push(Command::ZoomBy(1.0));
    }
    if k.measuring && pressed(Key::Backspace) {
        out.push(Command::UndoRulerPoint);
    }
    if pressed(Key::Escape) {
        // Esc ends the ruler first; the selection stays.
        if k.measuring {
            out.push(Command::EndRuler);
        } else if !k.find_had_focus {
            out.push(Command::Select(None));
        }
    }
    out.extend(arrows(ui, k.over_timeline));
    out
}

/// Arrows pan the map, or over the timeline step its range by a month (as `[` / `]` do).
fn arrows(ui: &Ui, over_timeline: bool) -> Option<Command> {
    let (left, right, up, down, back, forth) = ui.input(|i| {
        (
            i.key_pressed(Key::ArrowLeft),
            i.key_pressed(Key::ArrowRight),
            i.key_pressed(Key::ArrowUp),
            i.key_pressed(Key::ArrowDown),
            i.key_pressed(Key::OpenBracket),
            i.key_pressed(Key::CloseBracket),
        )
    });
    let step = |a: bool, b: bool| i32::from(b) - i32::from(a);
    if over_timeline {
        let months = step(left, right) + step(back, forth);
        return (months != 0).then_some(Command::ShiftDateRange { months });
    }
    let months = step(back, forth);
    if months != 0 {
        return Some(Command::ShiftDateRange { months });
    }
    let dx = f64::from(step(right, left));
    let dy = f64::from(step(down, up));
    (dx != 0.0 || dy != 0.0).then_some(Command::PanBy(Coord {
        x: dx * ARROW_PAN_PT,
        y: dy * ARROW_PAN_PT,
    }))
}
