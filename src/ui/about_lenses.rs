//! The About box's list of every lens rule, read from the lens table (`assets/lenses.json`):
//! what each applies to, what it generates and on what legal basis. Nothing here is written by
//! hand, so the box cannot drift from the rules the zones are built with.

use crate::model::zones::lens::{BaselineRule, FeatureMatch, Rule};
use crate::model::zones::{Lens, LensTable, ZoneKind};
use egui::Ui;

/// One rule as the About box shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleRow {
    /// What the rule applies to, e.g. "Features the award found a low-tide elevation".
    pub applies_to: String,
    /// "territorial sea, contiguous zone, EEZ", or "no zone".
    pub generates: String,
    pub why: String,
    /// The legal basis line: the rule's source and its id in the table.
    pub basis: String,
}

fn zone_words(r: &Rule) -> String {
    if r.generates.is_empty() {
        return "no zone".to_owned();
    }
    let word = |k: &ZoneKind| match k {
        ZoneKind::TerritorialSea => "territorial sea",
        ZoneKind::ContiguousZone => "contiguous zone",
        ZoneKind::Eez => "EEZ",
    };
    r.generates.iter().map(word).collect::<Vec<_>>().join(", ")
}

/// The basis line of `r`: "Basis: UNCLOS arts. 3, 5 (rule award-coast)".
pub fn basis_line(r: &Rule) -> String {
    format!("Basis: {} (rule {})", r.source, r.id)
}

fn feature_condition(m: &FeatureMatch) -> String {
    let mut parts = Vec::new();
    if let Some(a) = m.award {
        parts.push(format!("the award found a {}", a.label()));
    }
    if let Some(g) = &m.groups {
        let names: Vec<&str> = g.iter().map(|g| g.label()).collect();
        parts.push(format!("in the {}", names.join(" or ")));
    }
    if let Some(k) = &m.kinds {
        let names: Vec<&str> = k.iter().map(|k| k.label()).collect();
        parts.push(format!("recorded as {}", names.join(", ")));
    }
    if parts.is_empty() {
        "Every disputed feature".to_owned()
    } else {
        format!("Disputed features {}", parts.join("; "))
    }
}

fn baseline_condition(b: &BaselineRule) -> String {
    let which = b.claim.as_deref().map_or_else(
        || "Any other declared baseline".to_owned(),
        |c| format!("Declared baseline {c}"),
    );
    let applied = if b.apply { "applied" } else { "not applied" };
    let from = b.group.map_or_else(String::new, |g| {
        format!(", extending the zones of the {}", g.label())
    });
    format!("{which}: {applied}{from}")
}

fn row(applies_to: String, r: &Rule) -> RuleRow {
    RuleRow {
        applies_to,
        generates: zone_words(r),
        why: r.why.clone(),
        basis: basis_line(r),
    }
}

/// Every rule of `lens`, in the order the table applies them.
pub fn rule_rows(lens: &Lens) -> Vec<RuleRow> {
    let mut rows = vec![row("Coasts of the region's states".to_owned(), &lens.coast)];
    rows.extend(
        lens.features
            .iter()
            .map(|f| row(feature_condition(&f.when), &f.rule)),
    );
    rows.extend(
        lens.baselines
            .iter()
            .chain(std::iter::once(&lens.other_baselines))
            .map(|b| row(baseline_condition(b), &b.rule)),
    );
    rows
}

/// The section: each lens with its summary and rules.
pub fn lenses_ui(ui: &mut Ui, table: &LensTable) {
    if table.lenses.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.strong("Maritime zone lenses and their rules");
    ui.weak("Rules are tried in order; the first that matches a feature decides.");
    for lens in &table.lenses {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(&lens.name).strong().size(15.0));
        ui.label(&lens.summary);
        for r in rule_rows(lens) {
            ui.add_space(2.0);
            ui.label(egui::RichText::new(format!("{} → {}", r.applies_to, r.generates)).strong());
            ui.label(&r.why);
            ui.weak(&r.basis);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> LensTable {
        let bytes = include_bytes!("../../assets/lenses.json").to_vec();
        crate::io::lenses::from_bytes(std::path::Path::new("lenses.json"), bytes)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_rule_of_the_table_has_a_row_with_its_basis() {
        let t = table();
        assert!(t.lenses.len() >= 2);
        for lens in &t.lenses {
            let rows = rule_rows(lens);
            let rules: Vec<&Rule> = lens.rules().collect();
            assert_eq!(rows.len(), rules.len(), "{}", lens.id);
            for (row, rule) in rows.iter().zip(rules) {
                assert_eq!(row.basis, basis_line(rule));
                assert!(row.basis.contains(&rule.source) && row.basis.contains(&rule.id));
                assert_eq!(row.why, rule.why);
            }
        }
    }

    #[test]
    fn rows_say_what_a_rule_applies_to_and_generates() {
        let t = table();
        let award = t.get("award").unwrap_or_else(|| panic!("no award lens"));
        let rows = rule_rows(award);
        let lte = rows
            .iter()
            .find(|r| r.basis.contains("rule award-low-tide-elevation"))
            .unwrap_or_else(|| panic!("no low-tide elevation rule"));
        assert!(lte.applies_to.contains("low-tide elevation"), "{lte:?}");
        assert_eq!(lte.generates, "no zone");
        let coast = &rows[0];
        assert_eq!(coast.generates, "territorial sea, contiguous zone, EEZ");
        assert!(coast.basis.contains("UNCLOS"));
    }
}
