//! A layer from the user's own GeoJSON file, kept in flat buffers: a file of millions of
//! features costs a few allocations, not one per feature.

/// A user layer: every geometry's coordinates in flat buffers (lon, lat pairs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserLayer {
    pub name: String,
    /// Point positions (from Point and MultiPoint), lon/lat degrees.
    pub points: Vec<[f64; 2]>,
    /// Feature index of each point (for picking and error messages).
    pub point_feature: Vec<u32>,
    /// Line and polygon-ring vertices, lon/lat degrees; `paths` slices it.
    pub path_coords: Vec<[f64; 2]>,
    /// `[start, end)` ranges into `path_coords`, one per line or ring.
    pub paths: Vec<(u32, u32)>,
    /// Feature index of each line or ring.
    pub path_feature: Vec<u32>,
    /// The `name` property of every feature of the file, by feature index, as `[start, end)`
    /// into `name_text` (empty when it has none or was skipped): one buffer, not a `String`
    /// per feature.
    pub names: Vec<(u32, u32)>,
    pub name_text: String,
}

impl UserLayer {
    /// The `name` property of a feature of the file, when it has one.
    pub fn name_of(&self, feature: usize) -> Option<&str> {
        let &(a, b) = self.names.get(feature)?;
        self.name_text
            .get(a as usize..b as usize)
            .filter(|n| !n.is_empty())
    }

    /// Appends another part of the same file (its features follow this part's).
    pub fn append(&mut self, other: UserLayer) {
        let offset = u32::try_from(self.path_coords.len()).unwrap_or(u32::MAX);
        self.points.extend(other.points);
        self.point_feature.extend(other.point_feature);
        self.path_coords.extend(other.path_coords);
        self.paths.extend(
            other
                .paths
                .into_iter()
                .map(|(a, b)| (a.saturating_add(offset), b.saturating_add(offset))),
        );
        self.path_feature.extend(other.path_feature);
        let text_offset = u32::try_from(self.name_text.len()).unwrap_or(u32::MAX);
        self.name_text.push_str(&other.name_text);
        self.names.extend(
            other
                .names
                .into_iter()
                .map(|(a, b)| (a.saturating_add(text_offset), b.saturating_add(text_offset))),
        );
    }
}
