//! Who generates zones under a lens, and from which baselines: a state's coast (with the
//! declared baselines the lens applies), or a group of disputed features with one holder.

use super::coast::Coasts;
use super::lens::{Lens, Rule, ZoneKind};
use crate::model::{Claim, ClaimGeometry, ClaimKind, Country, DisputedFeature, FeatureGroup};
use geo::{LineString, Point};

/// One baseline (a coast, a declared line or a feature) and the rule that makes it generate.
#[derive(Clone, Debug)]
pub struct Source {
    /// `coast:PHL`, `claim:<id>` or `feature:<id>`.
    pub baseline: String,
    pub rule: Rule,
    /// What the zone should say about this baseline (e.g. that it is partial).
    pub note: Option<String>,
    pub lines: Vec<LineString<f64>>,
    pub points: Vec<Point<f64>>,
}

impl Source {
    /// Whether this baseline generates `kind` and has geometry to measure from.
    pub fn generates(&self, kind: ZoneKind) -> bool {
        self.rule.generates(kind) && !(self.lines.is_empty() && self.points.is_empty())
    }
}

/// The holder of a set of zones: a state's coast, or disputed features sharing group, holder
/// and claimants.
#[derive(Clone, Debug)]
pub struct Entitlement {
    /// Stable key, e.g. `PHL` or `spratly/VNM/CHN,PHL,TWN`.
    pub key: String,
    /// Who holds it (`None`: a disputed feature no one occupies).
    pub holder: Option<Country>,
    /// The other states that claim it (empty for a state's own coast).
    pub claimants: Vec<Country>,
    pub group: Option<FeatureGroup>,
    pub sources: Vec<Source>,
}

impl Entitlement {
    /// "JPN, claimed by CHN, TWN"; "PHL".
    pub fn label(&self) -> String {
        let holder = self
            .holder
            .map_or_else(|| "unoccupied".to_owned(), |c| c.code().to_owned());
        if self.claimants.is_empty() {
            holder.to_owned()
        } else {
            let others: Vec<&str> = self.claimants.iter().map(Country::code).collect();
            format!("{holder}, claimed by {}", others.join(", "))
        }
    }

    pub fn generates(&self, kind: ZoneKind) -> bool {
        self.sources.iter().any(|s| s.generates(kind))
    }
}

/// The entitlements a lens gives: every state's coast, every disputed-feature group, and the
/// declared baselines the lens applies attached to one of them.
pub fn entitlements(
    lens: &Lens,
    coasts: &Coasts,
    features: &[DisputedFeature],
    claims: &[Claim],
) -> Vec<Entitlement> {
    let mut out: Vec<Entitlement> = coasts
        .states
        .iter()
        .map(|c| Entitlement {
            key: c.state.code().to_owned(),
            holder: Some(c.state),
            claimants: Vec::new(),
            group: None,
            sources: vec![Source {
                baseline: format!("coast:{}", c.state.code()),
                rule: lens.coast.clone(),
                note: Some(c.origin.clone()),
                lines: c.lines.0.clone(),
                points: Vec::new(),
            }],
        })
        .collect();
    for f in features {
        let Some(rule) = lens.feature_rule(f) else {
            continue;
        };
        let mut claimants: Vec<Country> = f
            .claimants
            .iter()
            .copied()
            .filter(|c| Some(*c) != f.controlled_by)
            .collect();
        claimants.sort();
        let codes: Vec<&str> = claimants.iter().map(Country::code).collect();
        let key = format!(
            "{}/{}/{}",
            group_key(f.group),
            f.controlled_by
                .map_or_else(|| "none".to_owned(), |c| c.code().to_owned()),
            codes.join(",")
        );
        let (lines, points) = match &f.outline {
            Some(o) => (vec![o.exterior().clone()], Vec::new()),
            None => (Vec::new(), vec![f.position]),
        };
        let source = Source {
            baseline: format!("feature:{}", f.id),
            rule: rule.clone(),
            note: None,
            lines,
            points,
        };
        match out.iter_mut().find(|e| e.key == key) {
            Some(e) => e.sources.push(source),
            None => out.push(Entitlement {
                key,
                holder: f.controlled_by,
                claimants,
                group: Some(f.group),
                sources: vec![source],
            }),
        }
    }
    for claim in claims {
        attach_baseline(lens, claim, &mut out);
    }
    out
}

fn attach_baseline(lens: &Lens, claim: &Claim, out: &mut Vec<Entitlement>) {
    if !matches!(
        claim.kind,
        ClaimKind::Baseline | ClaimKind::ArchipelagicBaseline
    ) {
        return;
    }
    let rule = lens.baseline_rule(&claim.id);
    let lines = match &claim.geometry {
        ClaimGeometry::Lines(m) => m.0.clone(),
        ClaimGeometry::Areas(m) => m.0.iter().map(|p| p.exterior().clone()).collect(),
    };
    let source = Source {
        baseline: format!("claim:{}", claim.id),
        rule: rule.rule.clone(),
        note: rule.note.clone(),
        lines: if rule.apply { lines } else { Vec::new() },
        points: Vec::new(),
    };
    // The group's entitlement with the most features, else the claimant's own coast.
    let target = match rule.group {
        Some(g) => out
            .iter()
            .enumerate()
            .filter(|(_, e)| e.group == Some(g))
            .max_by_key(|(_, e)| e.sources.len())
            .map(|(i, _)| i),
        None => out
            .iter()
            .position(|e| e.group.is_none() && e.holder == Some(claim.claimant)),
    };
    match target {
        Some(i) => out[i].sources.push(source),
        None => out.push(Entitlement {
            key: format!("{}/{}", claim.claimant.code(), claim.id),
            holder: Some(claim.claimant),
            claimants: Vec::new(),
            group: rule.group,
            sources: vec![source],
        }),
    }
}

pub fn group_key(g: FeatureGroup) -> &'static str {
    match g {
        FeatureGroup::Senkaku => "senkaku",
        FeatureGroup::Spratly => "spratly",
        FeatureGroup::Paracel => "paracel",
        FeatureGroup::Pratas => "pratas",
        FeatureGroup::Scarborough => "scarborough",
        FeatureGroup::Luconia => "luconia",
        FeatureGroup::James => "james",
        FeatureGroup::Other => "other",
    }
}
