//! Zones and What's-here answers as JSON / GeoJSON for the command line.

use crate::model::zones::build::{GeneratedBy, Zones};
use crate::model::zones::query::WhatsHere;
use serde_json::{Value, json};
use std::path::Path;

fn round(x: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (x * k).round() / k
}

fn generated_by(g: &GeneratedBy) -> Value {
    json!({ "rule": g.rule, "baseline": g.baseline, "source": g.source, "note": g.note })
}

/// The What's-here answer: `zones`, `claims` (ids), `nearest_features`, and context.
pub fn whats_here_json(w: &WhatsHere) -> Value {
    let zones: Vec<Value> = w
        .zones
        .iter()
        .map(|z| {
            json!({
                "state": z.state.map(|c| c.code().to_owned()),
                "claimants": z.claimants.iter().map(|c| c.code()).collect::<Vec<_>>(),
                "zone": z.kind.key(),
                "distance_nm": round(z.distance_nm, 2),
                "generated_by": generated_by(&z.generated_by),
                "label": z.label,
            })
        })
        .collect();
    let features: Vec<Value> = w
        .nearest_features
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "name": f.name,
                "distance_nm": round(f.distance_nm, 2),
                // A bearing means nothing at the feature itself.
                "bearing_deg": (f.distance_nm >= 0.01).then(|| round(f.bearing_deg, 1)),
                "holder": f.holder.map(|c| c.code().to_owned()),
                "rule": f.rule,
                "generates": f.generates.iter().map(|k| k.key()).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "lens": w.lens,
        "point": [w.point.x(), w.point.y()],
        "on_land": w.on_land.map(|c| c.code().to_owned()),
        "zones": zones,
        "claims": w.claims.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        "claims_how": w.claims.iter().map(|c| json!({"id": c.id, "how": c.how})).collect::<Vec<_>>(),
        "nearest_features": features,
    })
}

/// The zones as a GeoJSON FeatureCollection, one feature per entitlement and zone.
pub fn zones_geojson(z: &Zones) -> Value {
    let features: Vec<Value> = z
        .zones
        .iter()
        .filter(|zone| !zone.area.0.is_empty())
        .map(|zone| {
            let e = &z.entitlements[zone.entitlement];
            let geometry = geojson::Geometry::from(&zone.area);
            json!({
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "lens": z.lens,
                    "key": e.key,
                    "state": e.holder.map(|c| c.code().to_owned()),
                    "claimants": e.claimants.iter().map(|c| c.code()).collect::<Vec<_>>(),
                    "label": e.label(),
                    "zone": zone.kind.key(),
                    "limit_nm": zone.kind.limit_nm(),
                    "area_is": "everything within limit_nm of the baselines, land included; the contiguous zone and EEZ are its parts beyond the territorial sea",
                    "generated_by": zone.generated_by.iter().map(generated_by).collect::<Vec<_>>(),
                }
            })
        })
        .collect();
    let mut features = features;
    for o in &z.overlaps {
        let pair = [o.a.code(), o.b.code()];
        features.push(json!({
            "type": "Feature",
            "geometry": geojson::Geometry::from(&o.area),
            "properties": { "lens": z.lens, "zone": "eez_overlap", "states": pair,
                "label": format!("{} and {}: 200 nm zones overlap", pair[0], pair[1]) }
        }));
        if !o.equidistance.0.is_empty() {
            features.push(json!({
                "type": "Feature",
                "geometry": geojson::Geometry::from(&o.equidistance),
                "properties": { "lens": z.lens, "zone": "equidistance_line", "states": pair,
                    "label": o.label }
            }));
        }
    }
    json!({ "type": "FeatureCollection", "features": features })
}

/// Writes the zones to `path` atomically; returns how many features were written.
pub fn write_zones(path: &Path, z: &Zones) -> std::io::Result<usize> {
    let v = zones_geojson(z);
    let n = v["features"].as_array().map_or(0, Vec::len);
    let text = serde_json::to_string(&v).map_err(std::io::Error::other)?;
    super::atomic::write_atomically(path, text.as_bytes())?;
    Ok(n)
}
