//! `assets/coast/*.txt` → land polygons: the finer GSHHG shoreline written by `scripts/make-coast`.
//!
//! The format (see `assets/coast/README.md`) is one ring per line: the first point absolute,
//! then deltas, all integers in units of [`UNIT_DEG`]; `#` lines are comments. Deltas keep the
//! file at ~3 MB where GeoJSON would need ~8 MB.

use geo::{Coord, LineString, Polygon};
use std::path::{Path, PathBuf};

/// Degrees per stored integer step (about 11 m at the equator).
pub const UNIT_DEG: f64 = 1e-4;

/// The bundled coast, relative to the assets folder.
pub const COAST_FILE: &str = "coast/gshhg-f-100m.txt";

/// A coast file that cannot be read or parsed; names the file, line and ring.
#[derive(Debug, thiserror::Error)]
pub enum CoastError {
    #[error("{}: cannot read the file: {source}", file.display())]
    Read {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: line {line} (ring {ring}): {problem}", file.display())]
    Ring {
        file: PathBuf,
        line: usize,
        ring: usize,
        problem: String,
    },
}

/// Loads every ring of a coast file as a land polygon (no holes: lakes are not in the file).
pub fn load(path: &Path) -> Result<Vec<Polygon<f64>>, CoastError> {
    let text = std::fs::read_to_string(path).map_err(|source| CoastError::Read {
        file: path.to_path_buf(),
        source,
    })?;
    parse(path, &text)
}

/// Parses a coast file's bytes as the data loader reads every file; errors name the file, line
/// and ring.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Vec<Polygon<f64>>, super::LoadError> {
    let structure = |message: String| super::LoadError::Structure {
        file: path.to_path_buf(),
        message,
    };
    let text = String::from_utf8(bytes).map_err(|e| structure(format!("not UTF-8 text: {e}")))?;
    parse(path, &text).map_err(|e| match e {
        CoastError::Ring {
            line,
            ring,
            problem,
            ..
        } => structure(format!("line {line} (ring {ring}): {problem}")),
        CoastError::Read { source, .. } => super::LoadError::Read {
            file: path.to_path_buf(),
            source,
        },
    })
}

/// Parses the text of a coast file; `path` only names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Polygon<f64>>, CoastError> {
    let mut polygons = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let ring_error = |problem: String| CoastError::Ring {
            file: path.to_path_buf(),
            line: index + 1,
            ring: polygons.len() + 1,
            problem,
        };
        let ring = parse_ring(line).map_err(ring_error)?;
        polygons.push(Polygon::new(ring, Vec::new()));
    }
    Ok(polygons)
}

/// One line: `x0,y0 dx1,dy1 …`, closed (its deltas sum to zero) and at least a triangle.
fn parse_ring(line: &str) -> Result<LineString<f64>, String> {
    let (mut x, mut y) = (0_i64, 0_i64);
    let mut coords = Vec::new();
    for (i, token) in line.split_ascii_whitespace().enumerate() {
        let (dx, dy) = token
            .split_once(',')
            .and_then(|(a, b)| Some((a.parse::<i64>().ok()?, b.parse::<i64>().ok()?)))
            .ok_or_else(|| format!("point {}: \"{token}\" is not two integers \"x,y\"", i + 1))?;
        (x, y) = (x + dx, y + dy);
        let c = Coord {
            x: x as f64 * UNIT_DEG,
            y: y as f64 * UNIT_DEG,
        };
        if !(-180.0..=180.0).contains(&c.x) || !(-90.0..=90.0).contains(&c.y) {
            return Err(format!(
                "point {} ({}, {}) is off the globe",
                i + 1,
                c.x,
                c.y
            ));
        }
        coords.push(c);
    }
    if coords.len() < 4 {
        return Err(format!(
            "a ring needs at least 4 points, found {}",
            coords.len()
        ));
    }
    if coords.first() != coords.last() {
        return Err("the ring is not closed (its deltas do not sum to zero)".into());
    }
    Ok(LineString::new(coords))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_deltas_into_a_closed_ring() {
        let polys = parse(Path::new("t.txt"), "# c\n1000,2000 10,0 0,10 -10,-10\n").unwrap();
        assert_eq!(polys.len(), 1);
        let c: Vec<_> = polys[0].exterior().coords().copied().collect();
        assert_eq!(c.len(), 4);
        assert!((c[1].x - 0.101).abs() < 1e-12 && (c[1].y - 0.2).abs() < 1e-12);
        assert_eq!(c[0], c[3]);
    }

    #[test]
    fn errors_name_the_file_line_and_ring() {
        let text = "# header\n0,0 1,0 0,1 -1,-1\n\n0,0 1,0 x,1 -1,-1\n";
        let msg = parse(Path::new("coast.txt"), text).unwrap_err().to_string();
        assert!(
            msg.starts_with("coast.txt: line 4 (ring 2): point 3"),
            "{msg}"
        );
        let open = parse(Path::new("c.txt"), "0,0 1,0 0,1 0,1\n").unwrap_err();
        assert!(open.to_string().contains("not closed"), "{open}");
        let short = parse(Path::new("c.txt"), "0,0 1,0 -1,0\n").unwrap_err();
        assert!(short.to_string().contains("at least 4 points"), "{short}");
        let off = parse(Path::new("c.txt"), "0,0 1900000,0 0,1 -1900000,-1\n").unwrap_err();
        assert!(off.to_string().contains("off the globe"), "{off}");
    }
}
