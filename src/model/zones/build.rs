//! All zones of a lens: one polygon per entitlement and zone kind, built in parallel.

use super::buffer::buffer;
use super::coast::Coasts;
use super::entitlement::{Entitlement, entitlements};
use super::lens::{Lens, ZoneKind};
use super::overlap::{Overlap, overlaps_with};
use super::samples::Samples;
use crate::model::{Claim, DisputedFeature};
use geo::MultiPolygon;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Which rule and baseline generated (part of) a zone.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratedBy {
    pub rule: String,
    /// `coast:PHL`, `claim:<id>` or `feature:<id>`.
    pub baseline: String,
    pub source: String,
    pub note: Option<String>,
}

/// The area within one zone's limit of one entitlement's baselines (land near the coast
/// included: the contiguous zone and EEZ are the parts beyond the territorial sea).
#[derive(Clone, Debug)]
pub struct Zone {
    /// Index into [`Zones::entitlements`].
    pub entitlement: usize,
    pub kind: ZoneKind,
    pub area: MultiPolygon<f64>,
    pub generated_by: Vec<GeneratedBy>,
}

/// Every zone one lens gives.
#[derive(Clone, Debug)]
pub struct Zones {
    pub lens: String,
    pub entitlements: Vec<Entitlement>,
    pub zones: Vec<Zone>,
    /// Where two states' 200 nm zones overlap, with the equidistance line between them.
    pub overlaps: Vec<Overlap>,
}

/// The inputs every lens reads.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub coasts: &'a Coasts,
    pub features: &'a [DisputedFeature],
    pub claims: &'a [Claim],
}

struct Job {
    lens: usize,
    entitlement: usize,
    kind: ZoneKind,
    /// Jobs with the same baselines and limit share one result (lenses agree on most coasts).
    signature: String,
}

/// Zone areas by the baselines and limit that made them, kept between builds from the same
/// inputs: a lens built after another recomputes only what differs (most coasts' zones are the
/// same under every lens).
#[derive(Default)]
pub struct AreaCache(Mutex<HashMap<String, MultiPolygon<f64>>>);

/// Builds the zones of every lens, sharing work the lenses have in common, on all cores.
pub fn build_all(lenses: &[&Lens], inputs: Inputs<'_>) -> Vec<Zones> {
    build_all_with(lenses, inputs, &AreaCache::default())
}

/// As [`build_all`], reusing and filling `cache` (which must come from the same inputs).
pub fn build_all_with(lenses: &[&Lens], inputs: Inputs<'_>, cache: &AreaCache) -> Vec<Zones> {
    let per_lens: Vec<Vec<Entitlement>> = lenses
        .iter()
        .map(|l| entitlements(l, inputs.coasts, inputs.features, inputs.claims))
        .collect();
    let mut jobs = Vec::new();
    for (li, ents) in per_lens.iter().enumerate() {
        for (ei, e) in ents.iter().enumerate() {
            for kind in ZoneKind::ALL {
                if e.generates(kind) {
                    jobs.push(Job {
                        lens: li,
                        entitlement: ei,
                        kind,
                        signature: signature(e, kind),
                    });
                }
            }
        }
    }
    let mut results = cache.0.lock().map(|c| c.clone()).unwrap_or_default();
    let mut unique: Vec<&Job> = Vec::new();
    for j in &jobs {
        if !results.contains_key(&j.signature) && !unique.iter().any(|u| u.signature == j.signature)
        {
            unique.push(j);
        }
    }
    // Largest first so that the last job to finish is a small one.
    let cost = |j: &Job| {
        let e = &per_lens[j.lens][j.entitlement];
        let n: usize = e
            .sources
            .iter()
            .map(|s| s.lines.iter().map(|l| l.0.len()).sum::<usize>() + s.points.len())
            .sum();
        n as f64 * j.kind.limit_nm().sqrt()
    };
    unique.sort_by(|a, b| cost(b).total_cmp(&cost(a)));
    let (fresh, eez_samples) = run_jobs(&unique, &per_lens, inputs.coasts);
    if let Ok(mut c) = cache.0.lock() {
        c.extend(fresh.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    results.extend(fresh);
    let mut out: Vec<Zones> = lenses
        .iter()
        .zip(per_lens)
        .map(|(l, ents)| Zones {
            lens: l.id.clone(),
            entitlements: ents,
            zones: Vec::new(),
            overlaps: Vec::new(),
        })
        .collect();
    for j in &jobs {
        let Some(area) = results.get(&j.signature) else {
            continue;
        };
        let e = &out[j.lens].entitlements[j.entitlement];
        let generated_by = generated_by(e, j.kind);
        out[j.lens].zones.push(Zone {
            entitlement: j.entitlement,
            kind: j.kind,
            area: area.clone(),
            generated_by,
        });
    }
    add_overlaps(&mut out, &eez_samples);
    out
}

/// The lenses' overlaps side by side, one thread each, measuring from the EEZ samples the zone
/// jobs made (made afresh only for an area that came from the cache).
fn add_overlaps(out: &mut [Zones], eez_samples: &HashMap<String, Arc<Samples>>) {
    let samples_of = |e: &Entitlement| {
        eez_samples
            .get(&signature(e, ZoneKind::Eez))
            .cloned()
            .unwrap_or_else(|| Arc::new(Samples::new(e, ZoneKind::Eez)))
    };
    std::thread::scope(|s| {
        for z in out.iter_mut() {
            let samples_of = &samples_of;
            s.spawn(move || z.overlaps = overlaps_with(z, samples_of));
        }
    });
}

/// Areas by signature, and the EEZ jobs' baseline samples (which the overlaps measure from).
type JobResults = (
    HashMap<String, MultiPolygon<f64>>,
    HashMap<String, Arc<Samples>>,
);

/// Computes each job's area on every core, largest jobs first; keyed by signature.
fn run_jobs(unique: &[&Job], per_lens: &[Vec<Entitlement>], coasts: &Coasts) -> JobResults {
    let results: Mutex<JobResults> = Mutex::new(JobResults::default());
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(unique.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(j) = unique.get(i) else { break };
                    let e = &per_lens[j.lens][j.entitlement];
                    let samples = Samples::new(e, j.kind);
                    let area = zone_area_from(e, j.kind, coasts, &samples);
                    if let Ok(mut r) = results.lock() {
                        r.0.insert(j.signature.clone(), area);
                        if j.kind == ZoneKind::Eez {
                            r.1.insert(j.signature.clone(), Arc::new(samples));
                        }
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

/// Builds the zones of one lens.
pub fn build(lens: &Lens, inputs: Inputs<'_>) -> Zones {
    build_with(lens, inputs, &AreaCache::default())
}

/// Builds the zones of one lens, reusing and filling `cache`.
pub fn build_with(lens: &Lens, inputs: Inputs<'_>, cache: &AreaCache) -> Zones {
    build_all_with(&[lens], inputs, cache)
        .pop()
        .unwrap_or(Zones {
            lens: lens.id.clone(),
            entitlements: Vec::new(),
            zones: Vec::new(),
            overlaps: Vec::new(),
        })
}

/// The area within `kind`'s limit of the baselines of `e` that generate it.
pub fn zone_area(e: &Entitlement, kind: ZoneKind, coasts: &Coasts) -> MultiPolygon<f64> {
    zone_area_from(e, kind, coasts, &Samples::new(e, kind))
}

/// As [`zone_area`], measuring from `samples` (`Samples::new(e, kind)`).
pub fn zone_area_from(
    e: &Entitlement,
    kind: ZoneKind,
    coasts: &Coasts,
    samples: &Samples,
) -> MultiPolygon<f64> {
    if samples.is_empty() {
        return MultiPolygon(Vec::new());
    }
    let gen_sources = e.sources.iter().filter(|s| s.generates(kind));
    let mut lines = Vec::new();
    let mut points = Vec::new();
    for s in gen_sources {
        lines.extend(s.lines.iter().cloned());
        points.extend(s.points.iter().copied());
    }
    let land = if e.group.is_none() {
        e.holder.and_then(|h| coasts.get(h)).map(|c| &c.land)
    } else {
        None
    };
    buffer(&lines, &points, samples, kind.limit_nm(), land)
}

pub fn generated_by(e: &Entitlement, kind: ZoneKind) -> Vec<GeneratedBy> {
    e.sources
        .iter()
        .filter(|s| s.generates(kind))
        .map(|s| GeneratedBy {
            rule: s.rule.id.clone(),
            baseline: s.baseline.clone(),
            source: s.rule.source.clone(),
            note: s.note.clone(),
        })
        .collect()
}

fn signature(e: &Entitlement, kind: ZoneKind) -> String {
    let mut ids: Vec<&str> = e
        .sources
        .iter()
        .filter(|s| s.generates(kind))
        .map(|s| s.baseline.as_str())
        .collect();
    ids.sort_unstable();
    format!("{}|{}|{}", e.key, kind.key(), ids.join(","))
}
