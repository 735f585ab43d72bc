//! The find box: type any name (in any of its languages), an id, a vessel or a date; pick a
//! result with the mouse, or with ↑/↓ and Enter. `Ctrl+F` focuses it, `Esc` clears it.

use crate::model::search::{Hit, SearchIndex};
use crate::model::{Atlas, RecordRef};
use egui::{Key, Ui};

/// Results listed under the box.
const SHOWN: usize = 8;

pub struct FindState {
    pub text: String,
    index: SearchIndex,
    /// Row chosen with the arrow keys.
    highlighted: usize,
    /// Focus the box on the next frame (Ctrl+F).
    focus_requested: bool,
    /// The box had the keyboard in the last frame: its Esc is not the map's.
    had_focus: bool,
    /// The results of `searched`, kept while the text stays the same (a query costs ~0.1 ms).
    searched: String,
    hits: Vec<Hit>,
}

impl FindState {
    pub fn new(atlas: &Atlas) -> Self {
        Self {
            text: String::new(),
            index: SearchIndex::build(atlas),
            highlighted: 0,
            focus_requested: false,
            had_focus: false,
            searched: String::new(),
            hits: Vec::new(),
        }
    }

    /// Indexes `atlas` again (its incidents changed); what is typed stays.
    pub fn reindex(&mut self, atlas: &Atlas) {
        self.index = SearchIndex::build(atlas);
        self.searched.clear();
        self.hits.clear();
    }

    /// Follows an edit of the atlas's incidents (see [`SearchIndex::splice_incidents`]).
    pub fn splice_incidents(
        &mut self,
        at: usize,
        removed: usize,
        added: &[crate::model::Incident],
    ) {
        self.index.splice_incidents(at, removed, added);
        self.searched.clear();
        self.hits.clear();
    }

    /// Whether the box had the keyboard in the last frame (egui drops the focus on Esc before
    /// the app sees the key, so the app asks this instead).
    pub fn had_focus(&self) -> bool {
        self.had_focus
    }

    pub fn request_focus(&mut self) {
        self.focus_requested = true;
    }
}

fn kind_tag(r: RecordRef) -> &'static str {
    match r {
        RecordRef::Feature(_) => "feature",
        RecordRef::Incident(_) => "incident",
        RecordRef::Site(_) => "site",
        RecordRef::Claim(_) => "line/zone",
        RecordRef::Agreement(_) => "agreement",
    }
}

/// Draws the box and its results; returns the record picked this frame.
pub fn find_ui(ui: &mut Ui, state: &mut FindState) -> Option<RecordRef> {
    let edit = egui::TextEdit::singleline(&mut state.text)
        .hint_text("Find a name, vessel, date… (Ctrl+F)")
        .desired_width(f32::INFINITY);
    let response = ui.add(edit);
    if std::mem::take(&mut state.focus_requested) {
        response.request_focus();
    }
    if response.changed() {
        state.highlighted = 0;
    }
    if state.searched != state.text {
        state.hits = state.index.query(&state.text, SHOWN);
        state.searched.clone_from(&state.text);
    }
    let hits = state.hits.clone();
    let has_focus = response.has_focus();
    let lost_focus = response.lost_focus();
    state.had_focus = has_focus;
    let (down, up, enter, escape) = ui.input(|i| {
        (
            i.key_pressed(Key::ArrowDown),
            i.key_pressed(Key::ArrowUp),
            i.key_pressed(Key::Enter),
            i.key_pressed(Key::Escape),
        )
    });
    if has_focus && !hits.is_empty() {
        if down {
            state.highlighted = (state.highlighted + 1).min(hits.len() - 1);
        }
        if up {
            state.highlighted = state.highlighted.saturating_sub(1);
        }
    }
    state.highlighted = state.highlighted.min(hits.len().saturating_sub(1));
    // A single-line edit gives up focus on Enter and on Esc.
    if lost_focus && escape {
        state.text.clear();
        return None;
    }
    let mut picked = if lost_focus && enter {
        hits.get(state.highlighted).map(|h| h.record)
    } else {
        None
    };
    if state.text.trim().is_empty() {
        return None;
    }
    if hits.is_empty() {
        ui.weak("Nothing found.");
    }
    for (row, hit) in hits.iter().enumerate() {
        // Say which name matched when it is not the one shown (e.g. "Ayungin Shoal").
        let text = match &hit.matched {
            Some(alias) => format!("{} ({alias})", hit.label),
            None => hit.label.clone(),
        };
        let r = ui
            .horizontal(|ui| {
                ui.weak(kind_tag(hit.record));
                // One line per result, cut to the panel; the whole text on hover.
                ui.add(egui::Button::selectable(row == state.highlighted, text.as_str()).truncate())
                    .on_hover_text(text.as_str())
            })
            .inner;
        if r.clicked() {
            picked = Some(hit.record);
        }
    }
    if picked.is_some() {
        state.text.clear();
        state.highlighted = 0;
    }
    picked
}
