//! Bounds on what one record may hold, so a hostile file costs a clear error or a cut label,
//! never the renderer's limits or all the memory.

/// Names are shown as map labels: a longer one is cut (with an ellipsis), so a
/// megabyte-long name never reaches the renderer as a single label.
pub const MAX_NAME_CHARS: usize = 200;

/// Geometries with more vertices are skipped (reported): drawing one that large would take
/// more memory and time than any real layer needs.
pub const MAX_VERTICES_PER_GEOMETRY: usize = 5_000_000;

/// Records a bundled data file may hold (the largest has under a thousand); a file of more
/// is refused whole rather than turned into gigabytes of scene.
pub const MAX_RECORDS: usize = 50_000;

/// `name` cut to [`MAX_NAME_CHARS`] characters.
pub fn display_name(name: &str) -> std::borrow::Cow<'_, str> {
    match name.char_indices().nth(MAX_NAME_CHARS) {
        Some((cut, _)) => format!("{}…", &name[..cut]).into(),
        None => name.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_on_a_character_boundary() {
        assert_eq!(display_name("Scarborough Shoal"), "Scarborough Shoal");
        let long = "黄岩岛".repeat(1_000_000);
        let cut = display_name(&long);
        assert_eq!(cut.chars().count(), MAX_NAME_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}
