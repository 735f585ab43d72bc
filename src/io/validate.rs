//! Checks across files, after every file has loaded on its own: ids unique over the whole
//! atlas (so `--select` and links are unambiguous), every reference resolving. Each problem
//! is a warning ([`LoadError::Inconsistent`]); a duplicate record is dropped (the first one
//! met, in the order the files load, stays).

use super::error::LoadError;
use super::{AGREEMENTS_FILE, CLAIMS_FILE, FEATURES_FILE, INCIDENTS_FILE};
use crate::model::Atlas;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Checks `atlas` (loaded from `dir`), drops duplicate records, and returns a warning per problem.
pub fn check_atlas(dir: &Path, atlas: &mut Atlas) -> Vec<LoadError> {
    let mut warnings = Vec::new();
    drop_duplicate_ids(dir, atlas, &mut warnings);
    check_references(dir, atlas, &mut warnings);
    warnings
}

fn warn(dir: &Path, file: &str, id: &str, problem: String) -> LoadError {
    LoadError::Inconsistent {
        file: dir.join(file),
        id: super::collection::excerpt(id),
        problem,
    }
}

/// The ids seen so far, with the kind of record and the file that first used each.
type Seen = HashMap<String, (&'static str, &'static str)>;

/// Keeps the records of one list whose id is new; warns about (and drops) the others.
fn keep_unique<T>(
    items: &mut Vec<T>,
    id_of: impl Fn(&T) -> &str,
    (kind, file): (&'static str, &'static str),
    seen: &mut Seen,
    dir: &Path,
    warnings: &mut Vec<LoadError>,
) {
    items.retain(|x| {
        let id = id_of(x);
        if let Some((first_kind, first_file)) = seen.get(id) {
            warnings.push(warn(
                dir,
                file,
                id,
                format!(
                    "this {kind}'s id is already used by a {first_kind} in {first_file}; the {kind} is ignored"
                ),
            ));
            false
        } else {
            seen.insert(id.to_owned(), (kind, file));
            true
        }
    });
}

fn drop_duplicate_ids(dir: &Path, a: &mut Atlas, warnings: &mut Vec<LoadError>) {
    let mut seen = Seen::new();
    let s = &mut seen;
    let w = &mut *warnings;
    keep_unique(
        &mut a.features,
        |x| &x.id,
        ("feature", FEATURES_FILE),
        s,
        dir,
        w,
    );
    keep_unique(&mut a.claims, |x| &x.id, ("claim", CLAIMS_FILE), s, dir, w);
    keep_unique(
        &mut a.incidents,
        |x| &x.id,
        ("incident", INCIDENTS_FILE),
        s,
        dir,
        w,
    );
    let agr = AGREEMENTS_FILE;
    keep_unique(&mut a.agreements, |x| &x.id, ("agreement", agr), s, dir, w);
    keep_unique(&mut a.sites, |x| &x.id, ("site", agr), s, dir, w);
    keep_unique(&mut a.statements, |x| &x.id, ("statement", agr), s, dir, w);
}

fn check_references(dir: &Path, a: &Atlas, warnings: &mut Vec<LoadError>) {
    let agreements: HashSet<&str> = a.agreements.iter().map(|x| x.id.as_str()).collect();
    let features: HashSet<&str> = a.features.iter().map(|x| x.id.as_str()).collect();
    for site in &a.sites {
        for id in site
            .agreements
            .iter()
            .filter(|id| !agreements.contains(id.as_str()))
        {
            warnings.push(warn(
                dir,
                AGREEMENTS_FILE,
                &site.id,
                format!(
                    "site lists agreement \"{}\", which is not in the data",
                    super::collection::excerpt(id)
                ),
            ));
        }
    }
    for st in a
        .statements
        .iter()
        .filter(|st| !agreements.contains(st.agreement_id.as_str()))
    {
        warnings.push(warn(
            dir,
            AGREEMENTS_FILE,
            &st.id,
            format!(
                "statement's agreement_id \"{}\" is not in the data",
                super::collection::excerpt(&st.agreement_id)
            ),
        ));
    }
    for x in &a.incidents {
        if let Some(f) = x.feature_id.as_deref().filter(|f| !features.contains(f)) {
            warnings.push(warn(
                dir,
                INCIDENTS_FILE,
                &x.id,
                format!(
                    "feature_id \"{}\" is not a feature of {FEATURES_FILE}",
                    super::collection::excerpt(f)
                ),
            ));
        }
    }
}
