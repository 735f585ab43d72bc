//! The incident form: every field of the incident schema, checked as it is typed. A field with
//! a problem is tinted red with the message under it; Save stays disabled until none is left.

use crate::model::workbench::{ActorDraft, Field, FieldError, IncidentDraft, REGION, SourceDraft};
use crate::model::{Date, Incident};
use egui::{Color32, RichText, TextEdit, Ui};

const ERROR_TEXT: Color32 = Color32::from_rgb(0xb0, 0x20, 0x20);
const ERROR_FILL: Color32 = Color32::from_rgb(0xff, 0xe4, 0xe4);

/// The form's widget state: the draft as typed, and which incident it edits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IncidentForm {
    pub draft: IncidentDraft,
    /// The id of the user's incident being edited; `None` for a new one.
    pub editing: Option<String>,
}

impl IncidentForm {
    /// A new incident at `lon_lat` (if given), dated `today`, with one actor and one source row.
    pub fn new_at(lon_lat: Option<geo::Coord<f64>>, today: Date) -> Self {
        let mut draft = IncidentDraft {
            date: today.format("%Y-%m-%d").to_string(),
            location_precision: "approximate".to_owned(),
            actors: vec![ActorDraft::default()],
            sources: vec![SourceDraft::default()],
            ..IncidentDraft::default()
        };
        if let Some(c) = lon_lat {
            draft.set_lon_lat(c.x, c.y);
        }
        Self {
            draft,
            editing: None,
        }
    }

    /// The form on an existing incident of the user's.
    pub fn edit(x: &Incident) -> Self {
        Self {
            draft: IncidentDraft::from_incident(x),
            editing: Some(x.id.clone()),
        }
    }
}

/// What the user did with the form this frame.
#[derive(Debug)]
pub enum FormOutcome {
    Save(Box<Incident>),
    Cancel,
}

/// Shows the form in a window; `today` bounds its dates.
pub fn incident_form_ui(
    ctx: &egui::Context,
    form: &mut IncidentForm,
    today: Date,
) -> Option<FormOutcome> {
    let errors = crate::model::workbench::validate(&form.draft, today, &REGION);
    let title = if form.editing.is_some() {
        "Edit incident"
    } else {
        "Add incident"
    };
    let mut outcome = None;
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .default_width(420.0)
        .show(ctx, |ui| {
            // The buttons stay in view below the scrolled fields.
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.7)
                .show(ui, |ui| fields_ui(ui, &mut form.draft, &errors));
            ui.separator();
            ui.horizontal(|ui| {
                let save = ui
                    .add_enabled(errors.is_empty(), egui::Button::new("Save"))
                    .on_disabled_hover_text("Fix the fields marked in red first");
                if save.clicked()
                    && let Ok(x) = form.draft.to_incident(today, &REGION)
                {
                    outcome = Some(FormOutcome::Save(Box::new(x)));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(FormOutcome::Cancel);
                }
                if !errors.is_empty() {
                    ui.colored_label(ERROR_TEXT, format!("{} problem(s)", errors.len()));
                }
            });
        });
    if !open {
        outcome = Some(FormOutcome::Cancel);
    }
    outcome
}

fn fields_ui(ui: &mut Ui, d: &mut IncidentDraft, errors: &[FieldError]) {
    let e = |f: Field| errors.iter().find(|x| x.field == f);
    row(
        ui,
        "Date",
        "YYYY-MM-DD, YYYY-MM or YYYY",
        &mut d.date,
        e(Field::Date),
    );
    row(
        ui,
        "End date",
        "optional, YYYY-MM-DD",
        &mut d.date_end,
        e(Field::DateEnd),
    );
    let hint = "day, month, year (empty: from the date)";
    row(
        ui,
        "Date precision",
        hint,
        &mut d.date_precision,
        e(Field::DatePrecision),
    );
    let kinds = crate::model::IncidentKind::accepted();
    row(ui, "Kind", &kinds, &mut d.kind, e(Field::Kind));
    row(ui, "Sea", "scs or ecs", &mut d.sea, e(Field::Sea));
    ui.separator();
    actors_ui(ui, &mut d.actors, errors);
    ui.separator();
    row(
        ui,
        "Location name",
        "",
        &mut d.location_name,
        e(Field::LocationName),
    );
    let hint = "exact, feature, approximate";
    row(
        ui,
        "Location precision",
        hint,
        &mut d.location_precision,
        e(Field::LocationPrecision),
    );
    row(
        ui,
        "Disputed feature id",
        "optional",
        &mut d.feature_id,
        None,
    );
    row(
        ui,
        "Longitude",
        "decimal degrees east",
        &mut d.longitude,
        e(Field::Longitude),
    );
    row(
        ui,
        "Latitude",
        "decimal degrees north",
        &mut d.latitude,
        e(Field::Latitude),
    );
    ui.separator();
    multiline(ui, "Summary", &mut d.summary, e(Field::Summary));
    row(ui, "Casualties", "optional", &mut d.casualties, None);
    multiline(ui, "Disputed accounts", &mut d.disputed_accounts, None);
    uncertain_ui(ui, &mut d.uncertain);
    ui.separator();
    sources_ui(ui, &mut d.sources, errors);
}

/// The points the sources leave uncertain, one per line (empty lines are dropped when the
/// incident is made, so a new line can be typed).
fn uncertain_ui(ui: &mut Ui, uncertain: &mut Vec<String>) {
    let before = uncertain.join("\n");
    let mut text = before.clone();
    multiline(ui, "Uncertain points (one per line)", &mut text, None);
    if text != before {
        *uncertain = text.split('\n').map(str::to_owned).collect();
    }
}

fn actors_ui(ui: &mut Ui, actors: &mut Vec<ActorDraft>, errors: &[FieldError]) {
    let e = |f: Field| errors.iter().find(|x| x.field == f);
    ui.strong("Actors");
    show_error(ui, e(Field::Actors));
    let mut remove = None;
    for (i, a) in actors.iter_mut().enumerate() {
        let n = i + 1;
        ui.push_id(("actor", i), |ui| {
            row(
                ui,
                &format!("Actor {n} name"),
                "e.g. China Coast Guard",
                &mut a.name,
                e(Field::ActorName(i)),
            );
            row(
                ui,
                &format!("Actor {n} agency"),
                "optional",
                &mut a.agency,
                None,
            );
            row(
                ui,
                &format!("Actor {n} country"),
                "ISO alpha-3, e.g. PHL",
                &mut a.country,
                e(Field::ActorCountry(i)),
            );
            let hint = "initiator, target, responder, other";
            row(
                ui,
                &format!("Actor {n} role"),
                hint,
                &mut a.role,
                e(Field::ActorRole(i)),
            );
            if ui.small_button(format!("Remove actor {n}")).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        actors.remove(i);
    }
    if ui.button("Add actor").clicked() {
        actors.push(ActorDraft::default());
    }
}

fn sources_ui(ui: &mut Ui, sources: &mut Vec<SourceDraft>, errors: &[FieldError]) {
    let e = |f: Field| errors.iter().find(|x| x.field == f);
    ui.strong("Sources");
    show_error(ui, e(Field::Sources));
    let mut remove = None;
    for (i, s) in sources.iter_mut().enumerate() {
        let n = i + 1;
        ui.push_id(("source", i), |ui| {
            row(
                ui,
                &format!("Source {n} publisher"),
                "",
                &mut s.publisher,
                e(Field::SourcePublisher(i)),
            );
            row(
                ui,
                &format!("Source {n} title"),
                "optional",
                &mut s.title,
                None,
            );
            row(
                ui,
                &format!("Source {n} URL"),
                "https://…",
                &mut s.url,
                e(Field::SourceUrl(i)),
            );
            row(
                ui,
                &format!("Source {n} date"),
                "YYYY-MM-DD, optional",
                &mut s.date,
                e(Field::SourceDate(i)),
            );
            ui.checkbox(&mut s.date_is_accessed, "The date is when it was consulted");
            if ui.small_button(format!("Remove source {n}")).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        sources.remove(i);
    }
    if ui.button("Add source").clicked() {
        sources.push(SourceDraft::default());
    }
}

/// A labelled one-line field, tinted with its error below it.
fn row(ui: &mut Ui, label: &str, hint: &str, value: &mut String, error: Option<&FieldError>) {
    let l = ui.label(label);
    let mut edit = TextEdit::singleline(value)
        .hint_text(hint)
        .desired_width(f32::INFINITY);
    if error.is_some() {
        edit = edit.background_color(ERROR_FILL);
    }
    ui.add(edit).labelled_by(l.id);
    show_error(ui, error);
}

fn multiline(ui: &mut Ui, label: &str, value: &mut String, error: Option<&FieldError>) {
    let l = ui.label(label);
    let mut edit = TextEdit::multiline(value)
        .desired_rows(3)
        .desired_width(f32::INFINITY);
    if error.is_some() {
        edit = edit.background_color(ERROR_FILL);
    }
    ui.add(edit).labelled_by(l.id);
    show_error(ui, error);
}

fn show_error(ui: &mut Ui, error: Option<&FieldError>) {
    if let Some(e) = error {
        ui.label(RichText::new(&e.message).color(ERROR_TEXT).small());
    }
}
