//! Saving the map as a PNG: the map's rectangle cut out of a window screenshot.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum MapImageError {
    #[error("{}: the map is not on screen, nothing to save", path.display())]
    Empty { path: PathBuf },
    #[error("{}: cannot encode the PNG: {message}", path.display())]
    Encode { path: PathBuf, message: String },
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// An image as rows of 8-bit RGBA pixels, top row first (what a window capture gives).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rgba {
    pub width: usize,
    pub height: usize,
    /// `width * height * 4` bytes.
    pub pixels: Vec<u8>,
}

/// A rectangle in points (as the UI lays things out): `[x, y]` of its corners.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointRect {
    pub min: [f32; 2],
    pub max: [f32; 2],
}

/// The part of `image` under `rect` (in points, at `pixels_per_point`), clamped to the image;
/// `None` when nothing of it is inside, or the buffer does not match its size. Never panics.
pub fn crop(image: &Rgba, rect: PointRect, pixels_per_point: f32) -> Option<Rgba> {
    let (w, h) = (image.width, image.height);
    if image.pixels.len() != w.checked_mul(h)?.checked_mul(4)? {
        return None;
    }
    // Pixel edges: rounding the rect's edges, clamped to the image (casts saturate).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (px(rect.min[0], w), px(rect.max[0], w));
    let (y0, y1) = (px(rect.min[1], h), px(rect.max[1], h));
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for row in image.pixels.chunks_exact(w * 4).skip(y0).take(y1 - y0) {
        pixels.extend_from_slice(row.get(x0 * 4..x1 * 4)?);
    }
    Some(Rgba {
        width: x1 - x0,
        height: y1 - y0,
        pixels,
    })
}

/// A file name that sorts by when it was made: `contested-waters-map-20261126-041905.png`.
pub fn default_file_name(now: chrono::NaiveDateTime) -> String {
    format!("contested-waters-map-{}.png", now.format("%Y%m%d-%H%M%S"))
}

/// The file a typed name stands for: trimmed, and `.png` added when it has no extension.
pub fn png_path(typed: &str) -> PathBuf {
    let mut path = PathBuf::from(typed.trim());
    if path.extension().is_none() {
        path.set_extension("png");
    }
    path
}

/// Writes `image` to `path` as a PNG, atomically (see [`super::atomic`]).
pub fn save_png(path: &Path, image: &Rgba) -> Result<(), MapImageError> {
    let (w, h) = (image.width, image.height);
    let encode = |message: String| MapImageError::Encode {
        path: path.to_path_buf(),
        message,
    };
    let is_png = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if !is_png {
        return Err(encode("only PNG is written: name the file .png".into()));
    }
    let (Ok(w), Ok(h)) = (u32::try_from(w), u32::try_from(h)) else {
        return Err(encode("image too large".into()));
    };
    if w == 0 || h == 0 {
        return Err(MapImageError::Empty {
            path: path.to_path_buf(),
        });
    }
    let rgba = image::RgbaImage::from_raw(w, h, image.pixels.clone())
        .ok_or_else(|| encode("pixel buffer has the wrong size".into()))?;
    let mut png = Vec::new();
    rgba.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| encode(e.to_string()))?;
    super::atomic::write_atomically(path, &png).map_err(|source| MapImageError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 4×3 image whose pixel (x, y) has red = x and green = y.
    fn grid() -> Rgba {
        let pixels = (0..3u8)
            .flat_map(|y| (0..4u8).flat_map(move |x| [x, y, 0, 255]))
            .collect();
        Rgba {
            width: 4,
            height: 3,
            pixels,
        }
    }

    fn rect(min: [f32; 2], max: [f32; 2]) -> PointRect {
        PointRect { min, max }
    }

    fn pixel(image: &Rgba, i: usize) -> &[u8] {
        &image.pixels[i * 4..i * 4 + 4]
    }

    #[test]
    fn crop_takes_the_rect_in_points_at_the_pixel_density() {
        // 1×1 point at (1, 0) with 2 pixels per point: pixels x 2..4, y 0..2.
        let c = crop(&grid(), rect([1.0, 0.0], [2.0, 1.0]), 2.0).expect("inside");
        assert_eq!((c.width, c.height), (2, 2));
        assert_eq!(pixel(&c, 0), [2, 0, 0, 255]);
        assert_eq!(pixel(&c, 3), [3, 1, 0, 255]);
    }

    #[test]
    fn crop_clamps_to_the_image_and_is_none_outside_it() {
        let c = crop(&grid(), rect([-5.0, 1.0], [50.0, 50.0]), 1.0).expect("overlaps");
        assert_eq!((c.width, c.height), (4, 2));
        assert_eq!(pixel(&c, 0), [0, 1, 0, 255]);
        assert!(crop(&grid(), rect([10.0, 10.0], [20.0, 20.0]), 1.0).is_none());
        let mut short = grid();
        short.pixels.pop();
        assert!(
            crop(&short, rect([0.0, 0.0], [2.0, 2.0]), 1.0).is_none(),
            "a buffer that does not match its size is refused, not sliced"
        );
    }

    #[test]
    fn saved_png_reads_back_and_failures_name_the_file() {
        let dir = std::env::temp_dir().join(format!("cw-map-image-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("map.png");
        save_png(&path, &grid()).expect("saved");
        let back = image::open(&path).expect("a PNG").to_rgba8();
        assert_eq!(back.dimensions(), (4, 3));
        assert_eq!(back.get_pixel(3, 2).0, [3, 2, 0, 255]);
        // A missing folder: the error names the file, and nothing is left behind.
        let bad = dir.join("no-such-folder").join("map.png");
        let e = save_png(&bad, &grid()).expect_err("cannot write");
        assert!(e.to_string().contains("map.png"), "{e}");
        assert!(!dir.join("no-such-folder").exists());
        let e = save_png(&dir.join("map.jpeg"), &grid()).expect_err("not a PNG name");
        assert!(
            e.to_string().contains("map.jpeg") && e.to_string().contains(".png"),
            "{e}"
        );
        assert!(!dir.join("map.jpeg").exists());
        let empty = Rgba {
            width: 0,
            height: 0,
            pixels: Vec::new(),
        };
        assert!(matches!(
            save_png(&path, &empty),
            Err(MapImageError::Empty { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_typed_name_without_extension_becomes_a_png() {
        assert_eq!(
            png_path("  maps/scarborough "),
            PathBuf::from("maps/scarborough.png")
        );
        assert_eq!(png_path("a.PNG"), PathBuf::from("a.PNG"));
        assert_eq!(png_path("shot.jpeg"), PathBuf::from("shot.jpeg"));
    }

    #[test]
    fn default_names_sort_by_time() {
        let t = |s: &str| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").expect("a time")
        };
        let a = default_file_name(t("2026-11-26 04:19:05"));
        let b = default_file_name(t("2026-11-26 14:02:00"));
        assert_eq!(a, "contested-waters-map-20261126-041905.png");
        assert!(a < b);
    }
}
