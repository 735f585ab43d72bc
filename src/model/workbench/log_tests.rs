//! The log against a model that keeps a full copy of every state: random seeded sequences of
//! add, edit, delete, duplicate, undo and redo must leave both in the same state at every step.

use super::test_support::{day, incident};
use super::*;
use rand::{Rng, SeedableRng, rngs::StdRng};

/// The simplest possible undo: a stack of whole states.
#[derive(Default)]
struct Model {
    past: Vec<Vec<LogEntry>>,
    now: Vec<LogEntry>,
    future: Vec<Vec<LogEntry>>,
}

impl Model {
    fn change(&mut self, next: Vec<LogEntry>) {
        self.past.push(std::mem::replace(&mut self.now, next));
        self.future.clear();
    }
    fn undo(&mut self) {
        if let Some(p) = self.past.pop() {
            self.future.push(std::mem::replace(&mut self.now, p));
        }
    }
    fn redo(&mut self) {
        if let Some(f) = self.future.pop() {
            self.past.push(std::mem::replace(&mut self.now, f));
        }
    }
}

fn entries(log: &IncidentLog) -> Vec<LogEntry> {
    log.records().entries().collect()
}

fn run_sequence(seed: u64, steps: usize) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut log = IncidentLog::default();
    log.reserve_ids(["my-2024-06-17-1"]);
    let mut model = Model::default();
    let bundled = incident("inc-bundled", "2024-06-17", 116.0, 10.0);
    for step in 0..steps {
        let n = log.incidents().len();
        let op = rng.random_range(0..7);
        let what = match op {
            0 | 1 => {
                let date = format!("2024-06-{:02}", rng.random_range(15..19));
                let x = incident("ignored", &date, 116.0 + rng.random::<f64>(), 10.0);
                let id = log.add(x.clone());
                let mut next = model.now.clone();
                next.push(LogEntry::new(Incident { id, ..x }));
                model.change(next);
                "add"
            }
            2 if n > 0 => {
                let i = rng.random_range(0..n);
                let id = log.incidents()[i].id.clone();
                let mut x = Incident::clone(&log.incidents()[i]);
                x.summary = format!("edited at step {step}");
                assert_eq!(log.edit(&id, x.clone()), Ok(true));
                let mut next = model.now.clone();
                next[i].incident = x;
                model.change(next);
                "edit"
            }
            3 if n > 0 => {
                let i = rng.random_range(0..n);
                let id = log.incidents()[i].id.clone();
                assert!(log.delete(&id).is_ok());
                let mut next = model.now.clone();
                next.remove(i);
                model.change(next);
                "delete"
            }
            4 => {
                let id = log.duplicate_as_mine(&bundled);
                let mut next = model.now.clone();
                next.push(LogEntry {
                    incident: Incident {
                        id,
                        ..bundled.clone()
                    },
                    derived_from: Some("inc-bundled".into()),
                });
                model.change(next);
                "duplicate"
            }
            5 => {
                assert_eq!(log.undo().is_some(), !model.past.is_empty());
                model.undo();
                "undo"
            }
            _ => {
                assert_eq!(log.redo().is_some(), !model.future.is_empty());
                model.redo();
                "redo"
            }
        };
        assert_eq!(
            entries(&log),
            model.now,
            "seed {seed}, step {step} ({what})"
        );
        let ids: HashSet<&str> = log.incidents().iter().map(|x| x.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            log.incidents().len(),
            "ids unique at step {step}"
        );
        assert!(
            !ids.contains("my-2024-06-17-1"),
            "a reserved id was handed out"
        );
    }
}

#[test]
fn random_edit_sequences_match_the_model() {
    for seed in 0..40 {
        run_sequence(seed, 300);
    }
}

#[test]
fn a_new_edit_clears_redo_and_history_is_bounded() {
    let mut log = IncidentLog::default();
    let a = log.add(incident("", "2024-01-02", 116.0, 10.0));
    assert_eq!(a, "my-2024-01-02-1");
    assert_eq!(log.undo().as_deref(), Some("Add incident"));
    assert!(log.incidents().is_empty());
    assert_eq!(log.redo_label(), Some("Add incident"));
    log.add(incident("", "2024-01-03", 116.0, 10.0));
    assert_eq!(log.redo(), None, "a new edit clears redo");
    for k in 0..(MAX_UNDO_DEPTH + 5) {
        let mut x = Incident::clone(&log.incidents()[0]);
        x.summary = format!("v{k}");
        assert_eq!(log.edit(&x.id.clone(), x), Ok(true));
    }
    assert_eq!(log.undo_depth(), MAX_UNDO_DEPTH);
    while log.undo().is_some() {}
    // The oldest steps (the add and the first edits) fell off: the incident stays, at the
    // summary the oldest remembered edit replaced.
    assert_eq!(log.incidents().len(), 1);
    assert_eq!(log.incidents()[0].summary, "v4");
}

#[test]
fn edits_name_their_target_and_no_op_edits_make_no_step() {
    let mut log = IncidentLog::default();
    let id = log.add(incident("", "2024-01-02", 116.0, 10.0));
    let same = Incident::clone(&log.incidents()[0]);
    assert_eq!(log.edit(&id, same), Ok(false));
    assert_eq!(log.undo_depth(), 1);
    assert_eq!(
        log.delete("my-1999-01-01-1").err(),
        Some(EditError::UnknownId("my-1999-01-01-1".into()))
    );
    // An edit keeps the id whatever the replacement carries.
    let mut x = incident("other-id", "2024-01-05", 117.0, 11.0);
    x.summary = "moved".into();
    assert_eq!(log.edit(&id, x), Ok(true));
    assert_eq!(log.get(&id).map(|x| x.date), Some(day("2024-01-05")));
}

#[test]
fn ids_never_collide_with_bundled_ones_or_each_other() {
    let mut log = IncidentLog::default();
    log.reserve_ids(["my-2024-01-02-1", "my-2024-01-02-2"]);
    let a = log.add(incident("", "2024-01-02", 116.0, 10.0));
    let b = log.add(incident("", "2024-01-02", 116.0, 10.0));
    assert_eq!(
        (a.as_str(), b.as_str()),
        ("my-2024-01-02-3", "my-2024-01-02-4")
    );
    let bundled = incident("inc-2024-01-02-x", "2024-01-02", 116.0, 10.0);
    let c = log.duplicate_as_mine(&bundled);
    assert_eq!(c, "my-2024-01-02-5");
    assert_eq!(log.derived_from(&c), Some("inc-2024-01-02-x"));
    assert_eq!(log.get(&c).map(|x| &x.summary), Some(&bundled.summary));
}

#[test]
fn a_snapshot_is_not_changed_by_later_edits() {
    let mut log = IncidentLog::default();
    let id = log.add(incident("", "2024-01-02", 116.0, 10.0));
    let snap = log.snapshot();
    let r0 = log.revision();
    assert!(log.delete(&id).is_ok());
    assert!(log.revision() > r0);
    assert_eq!(snap.len(), 1);
    assert!(log.incidents().is_empty());
}

#[test]
fn a_move_is_one_undoable_step_and_stays_in_the_region() {
    let mut log = IncidentLog::default();
    let id = log.add(incident("x", "2024-06-17", 116.0, 10.0));
    let to = geo::Point::new(117.25, 11.5);
    assert_eq!(log.move_to(&id, to, &REGION), Ok(true));
    assert_eq!(log.get(&id).map(|x| x.position), Some(to));
    assert_eq!(log.undo_label(), Some("Move incident"));
    assert_eq!(log.move_to(&id, to, &REGION), Ok(false), "no move, no step");
    assert_eq!(log.undo_depth(), 2);
    let outside = log.move_to(&id, geo::Point::new(150.0, 11.5), &REGION);
    assert!(
        matches!(&outside, Err(EditError::OutsideRegion { why, .. }) if why.contains("150° is outside")),
        "{outside:?}"
    );
    assert_eq!(log.get(&id).map(|x| x.position), Some(to));
    log.undo();
    assert_eq!(
        log.get(&id).map(|x| x.position),
        Some(geo::Point::new(116.0, 10.0))
    );
    assert!(matches!(
        log.move_to("my-none", to, &REGION),
        Err(EditError::UnknownId(_))
    ));
}
