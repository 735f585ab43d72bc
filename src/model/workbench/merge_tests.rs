//! Merge planning finds new, changed, already-present and likely-duplicate incidents, and a
//! merge is one undoable step.

use super::super::test_support::incident;
use super::*;

fn log_with(xs: &[Incident]) -> IncidentLog {
    IncidentLog::from_entries(xs.iter().cloned().map(LogEntry::new))
}

#[test]
fn exact_changed_new_and_repeated_are_told_apart() {
    let mine = incident("my-2024-06-17-1", "2024-06-17", 116.0, 10.0);
    let bundled = vec![incident("inc-a", "2024-05-01", 117.0, 11.0)];
    let log = log_with(std::slice::from_ref(&mine));
    let mut changed = mine.clone();
    changed.summary = "their version".into();
    let mut bundled_changed = bundled[0].clone();
    bundled_changed.casualties = Some("two injured".into());
    let mut rounded = bundled[0].clone();
    rounded.position = geo::Point::new(117.000_000_4, 11.0);
    let fresh = incident("col-1", "2023-01-01", 120.0, 20.0);
    let plan = MergePlan::new(
        &log,
        &bundled,
        vec![
            mine.clone(),
            changed,
            rounded,
            bundled_changed,
            fresh.clone(),
            fresh,
        ],
    );
    let skipped: Vec<(&str, SkipReason)> = plan
        .skipped
        .iter()
        .map(|s| (s.id.as_str(), s.reason))
        .collect();
    assert_eq!(
        skipped,
        [
            ("my-2024-06-17-1", SkipReason::AlreadyPresent),
            ("my-2024-06-17-1", SkipReason::RepeatedInFile),
            ("inc-a", SkipReason::AlreadyPresent),
            ("inc-a", SkipReason::RepeatedInFile),
            ("col-1", SkipReason::RepeatedInFile),
        ]
    );
    assert_eq!(plan.added.len(), 1);
    assert!(plan.changed.is_empty());
}

#[test]
fn same_id_other_content_is_a_change_and_policies_apply_it() {
    let mine = incident("my-2024-06-17-1", "2024-06-17", 116.0, 10.0);
    let bundled = vec![incident("inc-a", "2024-05-01", 117.0, 11.0)];
    let mut theirs = mine.clone();
    theirs.summary = "their version".into();
    let mut corrected = bundled[0].clone();
    corrected.casualties = Some("two injured".into());
    let incoming = vec![theirs.clone(), corrected.clone()];
    let plan = MergePlan::new(&log_with(std::slice::from_ref(&mine)), &bundled, incoming);
    let places: Vec<Existing> = plan.changed.iter().map(|c| c.existing_in).collect();
    assert_eq!(places, [Existing::Mine, Existing::Bundled]);

    // Keep both (the default): nothing of mine changes; both arrive as copies with new ids.
    let mut log = log_with(std::slice::from_ref(&mine));
    let sum = plan.apply(&mut log, &MergeOptions::default());
    assert_eq!((sum.kept_both, sum.replaced), (2, 0));
    assert_eq!(log.get(&mine.id), Some(&mine));
    assert_eq!(log.incidents().len(), 3);
    let copy = &log.incidents()[2];
    assert_eq!(log.derived_from(&copy.id), Some("inc-a"));
    assert_eq!(copy.casualties.as_deref(), Some("two injured"));
    // Importing the same file again finds the copies: nothing more is added.
    let again = MergePlan::new(&log, &bundled, vec![theirs.clone(), corrected]);
    assert_eq!(
        (again.added.len(), again.changed.len(), again.skipped.len()),
        (0, 0, 2)
    );

    // Replace: my version is replaced; the bundled one cannot be, so it is still a copy.
    let mut log = log_with(std::slice::from_ref(&mine));
    let opts = MergeOptions {
        changed: ChangePolicy::Replace,
        ..MergeOptions::default()
    };
    let sum = plan.apply(&mut log, &opts);
    assert_eq!((sum.replaced, sum.kept_both), (1, 1));
    assert_eq!(
        log.get(&mine.id).map(|x| x.summary.as_str()),
        Some("their version")
    );
    // The whole merge is one step.
    assert_eq!(log.undo().as_deref(), Some("Import incidents"));
    assert_eq!(log.incidents(), [std::sync::Arc::new(mine.clone())]);
}

#[test]
fn likely_duplicates_are_same_day_same_kind_within_5_km() {
    let bundled = vec![incident("inc-a", "2024-05-01", 117.0, 11.0)];
    let log = IncidentLog::default();
    // 0.04° of latitude is about 4.4 km; 0.05° about 5.5 km.
    let near = incident("c-near", "2024-05-01", 117.0, 11.04);
    let far = incident("c-far", "2024-05-01", 117.0, 11.05);
    let other_day = incident("c-day", "2024-05-02", 117.0, 11.0);
    let mut other_kind = incident("c-kind", "2024-05-01", 117.0, 11.0);
    other_kind.kind = IncidentKind::Laser;
    let plan = MergePlan::new(&log, &bundled, vec![near, far, other_day, other_kind]);
    assert_eq!(plan.added.len(), 4);
    assert_eq!(
        plan.likely_duplicates.len(),
        1,
        "{:?}",
        plan.likely_duplicates
    );
    let d = &plan.likely_duplicates[0];
    assert_eq!((d.added_index, d.existing_id.as_str()), (0, "inc-a"));
    assert!((d.distance_km - 4.42).abs() < 0.05, "{}", d.distance_km);
    assert_eq!(d.existing_in, Existing::Bundled);

    let mut log = IncidentLog::default();
    let opts = MergeOptions {
        include_likely_duplicates: false,
        ..MergeOptions::default()
    };
    let sum = plan.apply(&mut log, &opts);
    assert_eq!((sum.added, sum.not_taken), (3, 1));
    assert!(log.get("c-near").is_none() && log.get("c-far").is_some());
}

#[test]
fn rows_without_an_id_get_a_fresh_one() {
    let mut log = IncidentLog::default();
    log.reserve_ids(["inc-a"]);
    let plan = MergePlan::new(
        &log,
        &[],
        vec![
            incident("", "2024-05-01", 117.0, 11.0),
            incident("", "2024-05-01", 118.0, 12.0),
        ],
    );
    plan.apply(&mut log, &MergeOptions::default());
    let ids: Vec<&str> = log.incidents().iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["my-2024-05-01-1", "my-2024-05-01-2"]);
}
