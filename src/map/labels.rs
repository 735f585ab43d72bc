//! Label placement: keep labels from overlapping, most important first.

/// A label's box on screen, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelBox {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl LabelBox {
    /// A box of `size` centred on `center`.
    pub fn centered(center: [f64; 2], size: [f64; 2]) -> Self {
        Self {
            min: [center[0] - size[0] / 2.0, center[1] - size[1] / 2.0],
            max: [center[0] + size[0] / 2.0, center[1] + size[1] / 2.0],
        }
    }

    fn overlaps(&self, other: &Self, gap: f64) -> bool {
        self.min[0] - gap < other.max[0]
            && other.min[0] - gap < self.max[0]
            && self.min[1] - gap < other.max[1]
            && other.min[1] - gap < self.max[1]
    }
}

/// Greedy placement: walks `boxes` in order (most important first) and keeps each box that
/// overlaps none kept before it (nor any of `occupied`). Returns the kept indices.
pub fn place_labels(boxes: &[LabelBox], occupied: &[LabelBox], gap_pt: f64) -> Vec<usize> {
    let groups: Vec<usize> = (0..boxes.len()).collect();
    place_label_alternatives(boxes, &groups, occupied, gap_pt)
}

/// Like [`place_labels`], where consecutive boxes with the same `group` are alternative
/// positions of one label (e.g. right of its symbol, then left): at most one per group is kept.
pub fn place_label_alternatives(
    boxes: &[LabelBox],
    groups: &[usize],
    occupied: &[LabelBox],
    gap_pt: f64,
) -> Vec<usize> {
    let mut kept: Vec<LabelBox> = occupied.to_vec();
    let mut out = Vec::new();
    let mut placed_group: Option<usize> = None;
    for (i, (b, g)) in boxes.iter().zip(groups).enumerate() {
        if placed_group == Some(*g) {
            continue;
        }
        if kept.iter().all(|k| !b.overlaps(k, gap_pt)) {
            kept.push(*b);
            out.push(i);
            placed_group = Some(*g);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_labels_never_overlap_and_priority_wins() {
        let a = LabelBox::centered([100.0, 100.0], [80.0, 14.0]);
        let b = LabelBox::centered([130.0, 105.0], [80.0, 14.0]); // overlaps a
        let c = LabelBox::centered([300.0, 100.0], [80.0, 14.0]);
        assert_eq!(place_labels(&[a, b, c], &[], 2.0), vec![0, 2]);
        assert_eq!(place_labels(&[b, a, c], &[], 2.0), vec![0, 2]);
        assert_eq!(place_labels(&[a, b, c], &[c], 2.0), vec![0]);
    }

    #[test]
    fn an_alternative_position_is_used_when_the_first_is_taken() {
        let taken = LabelBox::centered([100.0, 100.0], [80.0, 14.0]);
        let right = LabelBox::centered([130.0, 100.0], [40.0, 14.0]);
        let left = LabelBox::centered([20.0, 100.0], [40.0, 14.0]);
        let far = LabelBox::centered([400.0, 100.0], [40.0, 14.0]);
        assert_eq!(
            place_label_alternatives(&[right, left, far], &[7, 7, 8], &[taken], 2.0),
            vec![1, 2]
        );
        // The first free alternative wins; later ones of the group are skipped.
        assert_eq!(
            place_label_alternatives(&[left, far], &[7, 7], &[], 2.0),
            vec![0]
        );
    }

    #[test]
    fn random_boxes_kept_are_pairwise_disjoint() {
        let boxes: Vec<LabelBox> = (0..200)
            .map(|i| {
                let f = f64::from(i);
                LabelBox::centered(
                    [(f * 37.0) % 900.0, (f * 53.0) % 600.0],
                    [60.0 + f % 40.0, 14.0],
                )
            })
            .collect();
        let kept = place_labels(&boxes, &[], 0.0);
        assert!(kept.len() > 10);
        for (n, &i) in kept.iter().enumerate() {
            for &j in &kept[n + 1..] {
                assert!(!boxes[i].overlaps(&boxes[j], 0.0), "{i} and {j} overlap");
            }
        }
    }
}
