//! Finding records by name: every neutral name, local alias, id, vessel and date, matched
//! without regard to case, accents or punctuation, so "bai co may", "Bãi Cỏ Mây", "ayungin"
//! and "仁爱礁" all find Second Thomas Shoal.

use super::{Alias, Atlas, Incident, RecordRef};
use chrono::Datelike;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// How a query matched a name; lower ranks first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchClass {
    /// The whole name.
    Exact,
    /// The start of the name.
    Prefix,
    /// The start of a word inside the name.
    WordPrefix,
    /// Anywhere inside the name.
    Substring,
    /// Every word of the query somewhere in the record's names (e.g. "sierra madre 2024").
    AllWords,
}

/// One record found.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub record: RecordRef,
    /// What the record is called in lists.
    pub label: String,
    /// The alias that matched, when it is not the label itself (shown as "also …").
    pub matched: Option<String>,
    pub class: MatchClass,
}

/// A record's searchable names, folded once when the index is built.
#[derive(Clone, Debug)]
struct Entry {
    record: RecordRef,
    label: String,
    /// Original names; the first is the label.
    names: Vec<String>,
    folded: Vec<String>,
    /// Ties between equally good matches: features first, incidents last and newest first.
    order: (u8, i64),
}

impl Entry {
    fn new(record: RecordRef, names: Vec<String>, order: (u8, i64)) -> Self {
        Self {
            record,
            label: names.first().cloned().unwrap_or_default(),
            folded: names.iter().map(|n| fold(n)).collect(),
            names,
            order,
        }
    }

    /// Incident `i`: found by place, actors, agencies, id and date.
    fn incident(i: usize, x: &Incident) -> Self {
        // Place before kind: in a narrow list the place tells incidents apart.
        let label = format!(
            "{} · {} · {}",
            x.date,
            x.location_name,
            x.kind.label().to_lowercase()
        );
        let mut names = vec![label, x.location_name.clone()];
        names.extend(x.actors.iter().map(|a| a.name.clone()));
        names.extend(x.actors.iter().filter_map(|a| a.agency.clone()));
        names.push(x.id.clone());
        names.push(x.date.to_string());
        // Newest first among incidents.
        let day = i64::from(x.date.num_days_from_ce());
        Self::new(RecordRef::Incident(i), names, (4, -day))
    }
}

/// A record that matched: how, its tie order, its entry, and which of its names matched.
type Candidate = (MatchClass, (u8, i64), usize, Option<usize>);

/// All searchable records of an atlas.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Where the incidents' entries start (they come last, in the atlas's order).
    incidents_from: usize,
}

/// Folds a name for comparison: lower case, accents removed (đ → d), punctuation and runs of
/// white space turned into one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// How `query` (folded, non-empty) matches `name` (folded).
fn class_of(query: &str, name: &str) -> Option<MatchClass> {
    if name == query {
        return Some(MatchClass::Exact);
    }
    let at = name.find(query)?;
    Some(if at == 0 {
        MatchClass::Prefix
    } else if name[..at].ends_with(' ') || !is_spaced(name) {
        // Names without spaces (Chinese, Japanese) have no word starts to prefer.
        MatchClass::WordPrefix
    } else {
        MatchClass::Substring
    })
}

/// A named record's searchable names: its name first (the label), every alias, its id.
fn named(name: &str, aliases: &[Alias], id: &str) -> Vec<String> {
    std::iter::once(name)
        .chain(aliases.iter().map(|a| a.name.as_str()))
        .chain(std::iter::once(id))
        .map(str::to_owned)
        .collect()
}

/// `word` begins a word of `name` (anywhere, for names written without spaces).
fn starts_a_word(word: &str, name: &str) -> bool {
    matches!(
        class_of(word, name),
        Some(MatchClass::Exact | MatchClass::Prefix | MatchClass::WordPrefix)
    )
}

fn is_spaced(name: &str) -> bool {
    name.contains(' ')
}

impl SearchIndex {
    /// Indexes every feature, site, claim, agreement and incident of `atlas`.
    pub fn build(atlas: &Atlas) -> Self {
        let mut entries = Vec::new();
        for (i, f) in atlas.features.iter().enumerate() {
            let names = named(&f.name, &f.aliases, &f.id);
            entries.push(Entry::new(RecordRef::Feature(i), names, (0, 0)));
        }
        for (i, s) in atlas.sites.iter().enumerate() {
            let names = named(&s.name, &s.aliases, &s.id);
            entries.push(Entry::new(RecordRef::Site(i), names, (1, 0)));
        }
        for (i, c) in atlas.claims.iter().enumerate() {
            let names = named(&c.name, &c.aliases, &c.id);
            entries.push(Entry::new(RecordRef::Claim(i), names, (2, 0)));
        }
        for (i, a) in atlas.agreements.iter().enumerate() {
            // Listed by the short name people use ("EDCA"), found by either.
            let names = vec![a.short_name.clone(), a.name.clone(), a.id.clone()];
            entries.push(Entry::new(RecordRef::Agreement(i), names, (3, 0)));
        }
        let incidents_from = entries.len();
        entries.extend(
            atlas
                .incidents
                .iter()
                .enumerate()
                .map(|(i, x)| Entry::incident(i, x)),
        );
        Self {
            entries,
            incidents_from,
        }
    }

    /// Follows an edit of the atlas's incidents: `removed` incidents from index `at` were
    /// replaced by `added` (the atlas's incidents from `at` now); later ones shift. Costs the
    /// changed incidents, not the whole atlas (an edit of a 10,000-incident log).
    pub fn splice_incidents(&mut self, at: usize, removed: usize, added: &[Incident]) {
        let start = (self.incidents_from + at).min(self.entries.len());
        let end = (start + removed).min(self.entries.len());
        let new = added
            .iter()
            .enumerate()
            .map(|(k, x)| Entry::incident(at + k, x));
        self.entries.splice(start..end, new);
        if removed != added.len() {
            for (k, e) in self
                .entries
                .iter_mut()
                .enumerate()
                .skip(start + added.len())
            {
                e.record = RecordRef::Incident(k - self.incidents_from);
            }
        }
    }

    /// Number of indexed records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` records for `query`, best first; nothing for a blank query.
    pub fn query(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let words: Vec<&str> = q.split(' ').collect();
        let mut found: Vec<Candidate> = Vec::new();
        for (e_index, e) in self.entries.iter().enumerate() {
            let best = e
                .folded
                .iter()
                .enumerate()
                .filter_map(|(n, name)| class_of(&q, name).map(|c| (c, n)))
                .min();
            if let Some((class, n)) = best {
                found.push((class, e.order, e_index, Some(n)));
            } else if words.len() > 1
                && words
                    .iter()
                    .all(|w| e.folded.iter().any(|name| starts_a_word(w, name)))
            {
                found.push((MatchClass::AllWords, e.order, e_index, None));
            }
        }
        found.sort_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| self.entries[a.2].label.cmp(&self.entries[b.2].label))
        });
        found
            .into_iter()
            .take(limit)
            .map(|(class, _, e_index, name)| {
                let e = &self.entries[e_index];
                let matched = name
                    .filter(|&n| n > 0 && e.folded[n] != e.folded[0])
                    .map(|n| e.names[n].clone());
                Hit {
                    record: e.record,
                    label: e.label.clone(),
                    matched,
                    class,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Bãi Cỏ Mây"), "bai co may");
        assert_eq!(fold("Đá Vành Khăn"), "da vanh khan");
        assert_eq!(fold("  Uotsuri-shima  "), "uotsuri shima");
        assert_eq!(fold("Itu Aba / Taiping"), "itu aba taiping");
        assert_eq!(fold("仁爱礁"), "仁爱礁");
        assert_eq!(fold("--"), "");
    }

    #[test]
    fn classes_rank_whole_then_start_then_word_then_inside() {
        assert_eq!(
            class_of("scarborough shoal", "scarborough shoal"),
            Some(MatchClass::Exact)
        );
        assert_eq!(
            class_of("scar", "scarborough shoal"),
            Some(MatchClass::Prefix)
        );
        assert_eq!(
            class_of("shoal", "scarborough shoal"),
            Some(MatchClass::WordPrefix)
        );
        assert_eq!(
            class_of("borough", "scarborough shoal"),
            Some(MatchClass::Substring)
        );
        assert_eq!(class_of("爱礁", "仁爱礁"), Some(MatchClass::WordPrefix));
        assert_eq!(class_of("reef", "scarborough shoal"), None);
        assert!(MatchClass::Exact < MatchClass::Prefix);
        assert!(MatchClass::Substring < MatchClass::AllWords);
    }

    #[test]
    fn words_in_any_order_must_each_start_a_word() {
        assert!(starts_a_word("co", "bai co may"));
        assert!(!starts_a_word("co", "escoda shoal"));
        assert!(starts_a_word("爱礁", "仁爱礁"));
    }

    #[test]
    fn a_spliced_index_answers_as_one_built_afresh() {
        let report = crate::io::load(&crate::io::DataSource::Embedded);
        let mut atlas = report.atlas;
        let mut index = SearchIndex::build(&atlas);
        let ids = |index: &SearchIndex| -> Vec<(RecordRef, String)> {
            index
                .entries
                .iter()
                .map(|e| (e.record, e.names.join("|")))
                .collect()
        };
        // Replace incident 2, delete incident 0, insert two at 5.
        let mut x = atlas.incidents[1].clone();
        x.location_name = "Spliced test place".into();
        atlas.incidents[2] = x;
        index.splice_incidents(2, 1, &atlas.incidents[2..3]);
        atlas.incidents.remove(0);
        index.splice_incidents(0, 1, &[]);
        let extra = [atlas.incidents[3].clone(), atlas.incidents[4].clone()];
        atlas.incidents.splice(5..5, extra);
        index.splice_incidents(5, 0, &atlas.incidents[5..7]);
        assert_eq!(ids(&index), ids(&SearchIndex::build(&atlas)));
        let hits = index.query("spliced test place", 1);
        assert_eq!(hits[0].record, RecordRef::Incident(1));
    }
}
