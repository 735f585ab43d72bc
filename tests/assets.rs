//! The bundled data: it loads cleanly and meets the schema's rules (assets/SCHEMA.md).

use contested_waters::io::{self, LoadReport};
use contested_waters::model::{Atlas, ClaimGeometry, ClaimKind, Date, FeatureGroup, Source};
use geo::{Coord, CoordsIter, Distance, Haversine, Point};
use std::collections::HashSet;
use std::sync::OnceLock;

fn report() -> &'static LoadReport {
    static REPORT: OnceLock<LoadReport> = OnceLock::new();
    REPORT.get_or_init(|| io::load(&io::DataSource::Embedded))
}

fn atlas() -> &'static Atlas {
    &report().atlas
}

/// Disputed features and incidents lie in the region (100–135°E, 0–36°N).
fn in_region(c: Coord<f64>) -> bool {
    (100.0..=135.0).contains(&c.x) && (0.0..=36.0).contains(&c.y)
}

/// Agreement sites may lie anywhere in the parties' territories (Japan, Australia, …).
fn in_agreement_bounds(c: Coord<f64>) -> bool {
    (90.0..=160.0).contains(&c.x) && (-45.0..=50.0).contains(&c.y)
}

#[test]
fn every_asset_loads_without_errors() {
    let errors: Vec<String> = report().errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "load errors:\n{}", errors.join("\n"));
}

#[test]
fn counts_meet_the_dataset_issue() {
    let a = atlas();
    assert!(a.features.len() >= 35, "{} features", a.features.len());
    assert!(a.incidents.len() >= 100, "{} incidents", a.incidents.len());
    assert!(
        a.agreements.len() >= 25,
        "{} agreements",
        a.agreements.len()
    );
    assert!(!a.claims.is_empty());
    assert!(
        a.countries.len() > 20,
        "base map has {} countries",
        a.countries.len()
    );
}

#[test]
fn agreements_cover_both_sides_and_every_stage() {
    use contested_waters::model::{AgreementKind, AgreementStatus};
    let a = atlas();
    let as_of = a.as_of.expect("meta.json has an as-of date");
    let with = |code: &str| {
        a.agreements
            .iter()
            .any(|x| x.parties.iter().any(|c| c.code() == code))
    };
    assert!(with("CHN") && with("PRK") && with("USA"), "both sides");
    let status = |s: AgreementStatus| a.agreements.iter().any(|x| x.status_on(as_of) == s);
    for s in [
        AgreementStatus::UnderNegotiation,
        AgreementStatus::SignedNotInForce,
        AgreementStatus::InForce,
        AgreementStatus::Terminated,
    ] {
        assert!(status(s), "no agreement is {} on {as_of}", s.label());
    }
    for k in [
        AgreementKind::MutualDefense,
        AgreementKind::InformationSecurity,
        AgreementKind::Logistics,
        AgreementKind::Access,
    ] {
        assert!(
            a.agreements.iter().any(|x| x.kind == k),
            "no {} agreement",
            k.label()
        );
    }
}

#[test]
fn ids_are_unique_across_files() {
    let a = atlas();
    let ids = a
        .features
        .iter()
        .map(|f| &f.id)
        .chain(a.claims.iter().map(|c| &c.id))
        .chain(a.incidents.iter().map(|i| &i.id))
        .chain(a.agreements.iter().map(|x| &x.id))
        .chain(a.sites.iter().map(|s| &s.id))
        .chain(a.statements.iter().map(|s| &s.id))
        .chain(a.series.iter().map(|s| &s.id));
    let mut seen = HashSet::new();
    for id in ids {
        assert!(seen.insert(id), "duplicate id {id}");
    }
}

#[test]
fn dates_are_not_after_the_as_of_date_and_ends_follow_starts() {
    let a = atlas();
    let as_of = a.as_of.expect("meta.json has an as-of date");
    let check =
        |what: &str, d: Date| assert!(d <= as_of, "{what}: {d} is after the as-of date {as_of}");
    for i in &a.incidents {
        check(&i.id, i.date);
        if let Some(end) = i.date_end {
            check(&i.id, end);
            assert!(end >= i.date, "{}: ends before it starts", i.id);
        }
    }
    for x in &a.agreements {
        let milestones = [
            x.talks_agreed,
            x.negotiation_began,
            x.signed,
            x.in_force,
            x.terminated,
        ];
        for d in milestones.iter().flatten() {
            check(&x.id, *d);
        }
        let known: Vec<Date> = milestones.iter().flatten().copied().collect();
        assert!(
            known.windows(2).all(|w| w[0] <= w[1]),
            "{}: milestones out of order {known:?}",
            x.id
        );
        assert!(
            x.signed.is_some() || x.negotiation_began.is_some(),
            "{}: neither signed nor under negotiation",
            x.id
        );
    }
    for s in &a.statements {
        check(&s.id, s.date);
    }
    for f in &a.features {
        if let Some(d) = f.controlled_since {
            check(&f.id, d);
        }
    }
}

#[test]
fn coordinates_lie_inside_the_region() {
    let a = atlas();
    for f in &a.features {
        assert!(in_region(f.position.0), "{} at {:?}", f.id, f.position);
    }
    for i in &a.incidents {
        assert!(in_region(i.position.0), "{} at {:?}", i.id, i.position);
    }
    for c in &a.claims {
        let coords: Vec<Coord<f64>> = match &c.geometry {
            contested_waters::model::ClaimGeometry::Lines(m) => m.coords_iter().collect(),
            contested_waters::model::ClaimGeometry::Areas(m) => m.coords_iter().collect(),
        };
        assert!(
            coords.iter().all(|c| in_region(*c)),
            "{} leaves the region",
            c.id
        );
    }
    for s in &a.sites {
        assert!(
            in_agreement_bounds(s.position.0),
            "{} at {:?}",
            s.id,
            s.position
        );
    }
}

fn all_sources(a: &Atlas) -> impl Iterator<Item = (&str, &[Source])> {
    a.features
        .iter()
        .map(|f| (f.id.as_str(), f.sources.as_slice()))
        .chain(
            a.claims
                .iter()
                .map(|c| (c.id.as_str(), c.sources.as_slice())),
        )
        .chain(
            a.incidents
                .iter()
                .map(|i| (i.id.as_str(), i.sources.as_slice())),
        )
        .chain(
            a.agreements
                .iter()
                .map(|x| (x.id.as_str(), x.sources.as_slice())),
        )
        .chain(
            a.sites
                .iter()
                .map(|s| (s.id.as_str(), s.sources.as_slice())),
        )
        .chain(
            a.statements
                .iter()
                .map(|s| (s.id.as_str(), s.sources.as_slice())),
        )
        .chain(
            a.series
                .iter()
                .map(|s| (s.id.as_str(), s.sources.as_slice())),
        )
}

#[test]
fn every_record_has_a_web_source_with_a_publisher() {
    for (id, sources) in all_sources(atlas()) {
        assert!(!sources.is_empty(), "{id} has no source");
        for s in sources {
            assert!(
                s.url.starts_with("https://") || s.url.starts_with("http://"),
                "{id}: {}",
                s.url
            );
            assert!(
                !s.publisher.trim().is_empty(),
                "{id}: source without publisher"
            );
        }
    }
}

#[test]
fn references_between_records_resolve() {
    let a = atlas();
    for i in &a.incidents {
        if let Some(fid) = &i.feature_id {
            assert!(
                a.feature_index(fid).is_some(),
                "{}: unknown feature {fid}",
                i.id
            );
        }
    }
    let agreement_ids: HashSet<&str> = a.agreements.iter().map(|x| x.id.as_str()).collect();
    for s in &a.sites {
        for id in &s.agreements {
            assert!(
                agreement_ids.contains(id.as_str()),
                "{}: unknown agreement {id}",
                s.id
            );
        }
    }
    for s in &a.statements {
        assert!(
            agreement_ids.contains(s.agreement_id.as_str()),
            "{}: unknown agreement",
            s.id
        );
    }
}

#[test]
fn incidents_placed_at_a_feature_sit_on_it() {
    let a = atlas();
    for i in a.incidents.iter().filter(|i| {
        i.location_precision == contested_waters::model::incident::LocationPrecision::Feature
    }) {
        let fid = i
            .feature_id
            .as_deref()
            .unwrap_or_else(|| panic!("{} has feature precision but no feature_id", i.id));
        let f = &a.features[a.feature_index(fid).unwrap_or_else(|| panic!("{fid}"))];
        let m = Haversine.distance(i.position, f.position);
        assert!(m < 100.0, "{} is {m:.0} m from {fid}", i.id);
    }
}

#[test]
fn aliases_and_names_are_non_empty() {
    let a = atlas();
    for f in &a.features {
        assert!(!f.name.trim().is_empty());
        assert!(!f.aliases.is_empty(), "{} has no local names", f.id);
        for al in &f.aliases {
            assert!(
                !al.name.trim().is_empty() && !al.lang.trim().is_empty(),
                "{}",
                f.id
            );
        }
        assert!(!f.claimants.is_empty(), "{} has no claimant", f.id);
    }
}

#[test]
fn every_senkaku_island_is_in_the_data() {
    let a = atlas();
    for id in [
        "uotsuri-shima",
        "kuba-jima",
        "taisho-jima",
        "kita-kojima",
        "minami-kojima",
        "scarborough-shoal",
    ] {
        assert!(a.feature_index(id).is_some(), "{id} missing");
    }
}

#[derive(serde::Deserialize)]
struct Reference {
    id: String,
    lon: f64,
    lat: f64,
    tolerance_km: f64,
    /// Whose government published the position (`CHN`, `JPN`), when it is official.
    #[serde(default)]
    official: Option<String>,
    /// The gazetteer or hydrographic publication behind the position, when it is one
    /// (not an encyclopedia).
    #[serde(default)]
    authority: Option<String>,
}

#[test]
fn known_positions_match_independent_references() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/reference_positions.json"
    );
    let text = std::fs::read_to_string(path).expect("reference file");
    let refs: Vec<Reference> = serde_json::from_str(&text).expect("reference JSON");
    assert!(refs.len() >= 17);
    let a = atlas();
    for r in &refs {
        let f = &a.features[a
            .feature_index(&r.id)
            .unwrap_or_else(|| panic!("{} not in data", r.id))];
        let km = Haversine.distance(f.position, Point::new(r.lon, r.lat)) / 1000.0;
        assert!(
            km <= r.tolerance_km,
            "{}: {km:.2} km from the reference (tolerance {} km)",
            r.id,
            r.tolerance_km
        );
    }
    // Every Senkaku feature is checked against China's official position and against Japan's
    // (its gazetteer where it names the feature, else the centroid of its official outline).
    let official = |id: &str, by: &str| {
        refs.iter()
            .any(|r| r.id == id && r.official.as_deref() == Some(by))
    };
    let senkaku: Vec<&str> = a
        .features
        .iter()
        .filter(|f| f.group == FeatureGroup::Senkaku)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(senkaku.len(), 8, "five islands and three rocks");
    // A dozen Spratly features are checked against a gazetteer or sailing directions.
    let spratly_checked: HashSet<&str> = refs
        .iter()
        .filter(|r| r.authority.is_some())
        .filter(|r| {
            a.feature_index(&r.id)
                .is_some_and(|i| a.features[i].group == FeatureGroup::Spratly)
        })
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        spratly_checked.len() >= 12,
        "only {} Spratly features have an authoritative reference: {spratly_checked:?}",
        spratly_checked.len()
    );
    for id in &senkaku {
        assert!(
            official(id, "CHN"),
            "{id}: no position from China's official sources"
        );
        assert!(
            official(id, "JPN"),
            "{id}: no position from Japan's official sources"
        );
    }
}

#[test]
fn sources_md_lists_every_source_the_data_cites() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/SOURCES.md"))
        .expect("assets/SOURCES.md");
    let a = atlas();
    let urls = a.sources().map(|s| s.url.as_str());
    for url in urls {
        assert!(
            text.contains(&format!("]({url})")),
            "{url} is not in SOURCES.md: run scripts/make-sources-md"
        );
    }
}

#[test]
fn baselines_close_unless_their_record_says_they_are_partial() {
    // A baseline system encloses its islands, so every line must return to its first point;
    // one read only in part must say so in its name and list the missing points.
    let a = atlas();
    let mut closed = 0;
    for c in a.claims.iter().filter(|c| {
        matches!(
            c.kind,
            ClaimKind::Baseline | ClaimKind::ArchipelagicBaseline
        )
    }) {
        let ClaimGeometry::Lines(lines) = &c.geometry else {
            panic!("{}: a baseline should be drawn as lines", c.id);
        };
        let open = lines.0.iter().any(|l| !l.is_closed());
        if c.name.contains("partial") {
            assert!(open, "{}: says partial but every line closes", c.id);
            assert!(
                c.uncertain.iter().any(|u| u.contains("missing")),
                "{}: partial, but `uncertain` names no missing points",
                c.id
            );
        } else {
            assert!(!open, "{}: a line does not return to its first point", c.id);
            closed += 1;
        }
    }
    // The Senkakus (2012), the Paracels (1996) and Scarborough Shoal (2024) are complete.
    assert!(closed >= 3, "only {closed} complete baseline systems");
}

/// The copy built into the binary and the `assets/` folder on disk load through one path into
/// the same atlas, so every test of the embedded data holds for `--assets DIR` too.
#[test]
fn the_embedded_data_and_the_assets_folder_load_the_same_atlas() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let on_disk = io::load_dir(&dir);
    assert!(on_disk.errors.is_empty(), "{:?}", on_disk.errors);
    assert!(!atlas().incidents.is_empty() && !atlas().countries.is_empty());
    assert_eq!(format!("{:?}", on_disk.atlas), format!("{:?}", atlas()));
    // And every embedded file is byte for byte the one on disk.
    for name in io::DataSource::embedded_names() {
        let embedded = io::DataSource::Embedded.read(name).expect("embedded");
        assert_eq!(
            embedded,
            std::fs::read(dir.join(name)).expect("on disk"),
            "{name}"
        );
    }
}

/// Errors about the embedded copy name the file as the bundled one, not a path that may not
/// exist on the user's machine.
#[test]
fn the_embedded_source_names_its_files_as_bundled() {
    let path = io::DataSource::Embedded.path(io::INCIDENTS_FILE);
    assert_eq!(path, std::path::Path::new("(bundled)/incidents.geojson"));
    assert!(
        atlas()
            .as_of
            .is_some_and(|d| d.to_string() == io::source::EMBEDDED_AS_OF)
    );
}
