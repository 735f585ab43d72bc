//! `lenses.json` → [`LensTable`]: the rules of each lens, checked so that an unknown value or a
//! feature kind without a rule is a load error naming the file, the lens and the rule.

use super::error::LoadError;
use crate::model::zones::lens::{
    BaselineRule, FeatureMatch, FeatureRule, Lens, LensTable, Rule, ZoneKind,
};
use crate::model::{AwardClass, FeatureGroup, FeatureKind};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The lenses the command line and the app name; the table must define each.
pub const REQUIRED_LENSES: [&str; 2] = ["award", "maximal"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    #[allow(dead_code)]
    about: String,
    #[serde(default)]
    #[allow(dead_code)]
    references: BTreeMap<String, String>,
    lenses: Vec<RawLens>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLens {
    id: String,
    name: String,
    summary: String,
    coast: RawRule,
    features: Vec<RawRule>,
    baselines: Vec<RawRule>,
    other_baselines: RawRule,
}

/// Any rule, read loosely so that each problem can be reported with the rule's id.
#[derive(Deserialize)]
struct RawRule {
    id: Option<String>,
    #[serde(flatten)]
    fields: BTreeMap<String, Value>,
}

/// Loads and checks the lens table from a file.
pub fn load(path: &Path) -> Result<LensTable, LoadError> {
    let bytes = super::source::read_file(path, super::source::MAX_FILE_BYTES)?;
    from_bytes(path, bytes)
}

/// Checks the lens table read from `path`'s bytes.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<LensTable, LoadError> {
    let text = super::collection::bytes_to_text(path, bytes)?;
    let raw: RawTable = serde_json::from_str(&text).map_err(|e| LoadError::json(path, e))?;
    let err = |message: String| LoadError::Structure {
        file: path.to_owned(),
        message,
    };
    let lenses = raw
        .lenses
        .into_iter()
        .map(|l| convert_lens(l).map_err(&err))
        .collect::<Result<Vec<_>, _>>()?;
    for id in REQUIRED_LENSES {
        if !lenses.iter().any(|l| l.id == id) {
            return Err(err(format!(
                "no lens \"{id}\" (required: {})",
                REQUIRED_LENSES.join(", ")
            )));
        }
    }
    Ok(LensTable { lenses })
}

fn convert_lens(l: RawLens) -> Result<Lens, String> {
    let at = |rule: &str, e: String| format!("lens \"{}\", rule \"{rule}\": {e}", l.id);
    let coast = rule(&l.coast, &[]).map_err(|e| at(l.coast.id.as_deref().unwrap_or("coast"), e))?;
    let features = l
        .features
        .iter()
        .map(|r| feature_rule(r).map_err(|e| at(r.id.as_deref().unwrap_or("?"), e)))
        .collect::<Result<Vec<_>, _>>()?;
    let baselines = l
        .baselines
        .iter()
        .map(|r| baseline_rule(r, true).map_err(|e| at(r.id.as_deref().unwrap_or("?"), e)))
        .collect::<Result<Vec<_>, _>>()?;
    let other_baselines = baseline_rule(&l.other_baselines, false).map_err(|e| {
        at(
            l.other_baselines.id.as_deref().unwrap_or("other_baselines"),
            e,
        )
    })?;
    for kind in FeatureKind::ALL {
        let covered = features.iter().any(|r| {
            r.when.is_kind_default() && r.when.kinds.as_ref().is_none_or(|k| k.contains(&kind))
        });
        if !covered {
            return Err(format!(
                "lens \"{}\": no rule covers features of kind \"{}\" on their own (add a rule whose `when` names only that kind)",
                l.id,
                kind_key(kind)
            ));
        }
    }
    Ok(Lens {
        id: l.id,
        name: l.name,
        summary: l.summary,
        coast,
        features,
        baselines,
        other_baselines,
    })
}

/// The common fields of a rule; `extra` names the other fields the caller reads.
fn rule(r: &RawRule, extra: &[&str]) -> Result<Rule, String> {
    let id = r.id.clone().ok_or("missing \"id\"")?;
    for key in r.fields.keys() {
        if !["generates", "why", "source"].contains(&key.as_str()) && !extra.contains(&key.as_str())
        {
            return Err(format!("unknown field \"{key}\""));
        }
    }
    let text = |key: &str| match r.fields.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        _ => Err(format!("\"{key}\" must be a non-empty string")),
    };
    let generates = strings(r.fields.get("generates"), "generates")?
        .iter()
        .map(|s| {
            ZoneKind::parse(s).ok_or_else(|| {
                format!("unknown zone \"{s}\" in \"generates\"; accepted: territorial_sea, contiguous_zone, eez")
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Rule {
        id,
        generates,
        why: text("why")?,
        source: text("source")?,
    })
}

fn strings(v: Option<&Value>, key: &str) -> Result<Vec<String>, String> {
    match v {
        None => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("\"{key}\" must list strings"))
            })
            .collect(),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(_) => Err(format!("\"{key}\" must be a string or a list of strings")),
    }
}

fn feature_rule(r: &RawRule) -> Result<FeatureRule, String> {
    let rule = rule(r, &["when"])?;
    let Some(Value::Object(when)) = r.fields.get("when") else {
        return Err("\"when\" must be an object (award, group, kind)".into());
    };
    let mut m = FeatureMatch::default();
    for (key, v) in when {
        match key.as_str() {
            "award" => {
                let s = v.as_str().ok_or("\"when.award\" must be a string")?;
                m.award = Some(AwardClass::parse(s).ok_or_else(|| {
                    format!("unknown award classification \"{s}\"; accepted: rock, low_tide_elevation, submerged")
                })?);
            }
            "group" => {
                let groups = strings(Some(v), "when.group")?
                    .iter()
                    .map(|s| {
                        FeatureGroup::parse(s).ok_or_else(|| {
                            format!("unknown group \"{s}\"; accepted: senkaku, spratly, paracel, pratas, scarborough, luconia, james, other")
                        })
                    })
                    .collect::<Result<_, _>>()?;
                m.groups = Some(groups);
            }
            "kind" => {
                let kinds = strings(Some(v), "when.kind")?
                    .iter()
                    .map(|s| {
                        FeatureKind::parse(s).ok_or_else(|| {
                            format!("unknown feature kind \"{s}\"; accepted: island, rock, low_tide_elevation, submerged, bank, reef, cay")
                        })
                    })
                    .collect::<Result<_, _>>()?;
                m.kinds = Some(kinds);
            }
            other => {
                return Err(format!(
                    "unknown condition \"{other}\" in \"when\"; accepted: award, group, kind"
                ));
            }
        }
    }
    if m == FeatureMatch::default() {
        return Err("\"when\" is empty; name an award classification, a group or a kind".into());
    }
    Ok(FeatureRule { when: m, rule })
}

fn baseline_rule(r: &RawRule, named: bool) -> Result<BaselineRule, String> {
    let extra: &[&str] = if named {
        &["claim", "group", "apply", "note"]
    } else {
        &["apply", "note"]
    };
    let rule = rule(r, extra)?;
    let apply = r
        .fields
        .get("apply")
        .and_then(Value::as_bool)
        .ok_or("\"apply\" must be true or false")?;
    if apply == rule.generates.is_empty() {
        return Err(if apply {
            "\"apply\": true needs the zones it generates in \"generates\"".into()
        } else {
            "\"apply\": false generates nothing; remove \"generates\"".into()
        });
    }
    let opt_text = |key: &str| -> Result<Option<String>, String> {
        match r.fields.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("\"{key}\" must be a string")),
        }
    };
    let claim = opt_text("claim")?;
    if named && claim.is_none() {
        return Err("missing \"claim\" (the id of a baseline in claims.geojson)".into());
    }
    let group = opt_text("group")?
        .map(|s| {
            FeatureGroup::parse(&s)
                .ok_or_else(|| format!("unknown group \"{s}\"; accepted: senkaku, spratly, paracel, pratas, scarborough, luconia, james, other"))
        })
        .transpose()?;
    Ok(BaselineRule {
        claim,
        group,
        apply,
        rule,
        note: opt_text("note")?,
    })
}

fn kind_key(k: FeatureKind) -> &'static str {
    match k {
        FeatureKind::Island => "island",
        FeatureKind::Rock => "rock",
        FeatureKind::LowTideElevation => "low_tide_elevation",
        FeatureKind::Submerged => "submerged",
        FeatureKind::Bank => "bank",
        FeatureKind::Reef => "reef",
        FeatureKind::Cay => "cay",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("cw-lenses-{}-{name}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("lenses.json");
        let _ = std::fs::write(&path, text);
        path
    }

    fn bundled() -> String {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lenses.json"),
        )
        .unwrap_or_default()
    }

    #[test]
    fn bundled_table_loads_with_both_lenses_and_every_rule_explained() {
        let t = load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lenses.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        for id in REQUIRED_LENSES {
            let lens = t.get(id).unwrap_or_else(|| panic!("lens {id}"));
            assert!(
                lens.rules()
                    .all(|r| !r.why.is_empty() && !r.source.is_empty())
            );
        }
    }

    #[test]
    fn unknown_zone_names_file_lens_and_rule() {
        let text = bundled().replacen(
            "\"generates\": [\"territorial_sea\", \"contiguous_zone\"],",
            "\"generates\": [\"territorial_sea\", \"fishing_zone\"],",
            1,
        );
        let path = write("zone", &text);
        let e = load(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            e.contains("lenses.json")
                && e.contains("lens \"award\"")
                && e.contains("rule \"award-rock\"")
                && e.contains("fishing_zone"),
            "{e}"
        );
    }

    #[test]
    fn unknown_condition_and_uncovered_kind_are_errors() {
        let text = bundled().replacen(
            "\"when\": { \"award\": \"submerged\" }",
            "\"when\": { \"colour\": \"blue\" }",
            1,
        );
        let e = load(&write("cond", &text))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("rule \"award-submerged\"") && e.contains("unknown condition \"colour\""),
            "{e}"
        );
        let text = bundled().replacen(
            "\"kind\": [\"submerged\", \"bank\"]",
            "\"kind\": [\"submerged\"]",
            1,
        );
        let e = load(&write("kind", &text))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("lens \"award\"") && e.contains("kind \"bank\""),
            "{e}"
        );
    }
}
