//! The first pass over a user's GeoJSON: check the JSON and find each feature's text
//! (a `RawValue`), with progress and cancel, before the features are converted in parallel.

use super::user_file::{CANCELLED, LoadControl};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// The first pass: where each feature's text is, with progress and cancel.
pub(super) struct Scan<'r, 'de, 'c> {
    pub(super) raws: &'r mut Vec<&'de RawValue>,
    pub(super) control: &'c dyn LoadControl,
    /// Address of the first byte, to turn a feature's slice into a progress offset.
    pub(super) base: usize,
    pub(super) total: usize,
}

/// Walks the top-level object, collecting the text of each element of `features`.
pub(super) struct CollectionSeed<'r, 'de, 'c>(pub(super) Scan<'r, 'de, 'c>);

impl<'de> DeserializeSeed<'de> for CollectionSeed<'_, 'de, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CollectionSeed<'_, 'de, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut saw_features = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "features" {
                map.next_value_seed(FeaturesSeed(&mut self.0))?;
                saw_features = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if saw_features {
            Ok(())
        } else {
            Err(de::Error::custom(
                "no \"features\" array: not a FeatureCollection",
            ))
        }
    }
}

struct FeaturesSeed<'s, 'r, 'de, 'c>(&'s mut Scan<'r, 'de, 'c>);

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_, '_, 'de, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_, '_, 'de, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let scan = self.0;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            if scan.raws.len().is_multiple_of(4096) {
                if scan.control.cancelled() {
                    return Err(de::Error::custom(CANCELLED));
                }
                // The scan is the first half of the work.
                let text = raw.get();
                let done = (text.as_ptr() as usize).saturating_sub(scan.base) + text.len();
                scan.control.progress(done.min(scan.total) / 2, scan.total);
            }
            scan.raws.push(raw);
        }
        Ok(())
    }
}
