//! Where each incident layer sits in the one incident list every view reads (filters, map,
//! timeline, list, inspector, export): the bundled incidents, then My incidents, then each
//! imported file's, in the order they were imported.

use std::ops::Range;

/// Whose an incident of the list is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whose {
    Bundled,
    /// The user's, at this index of their log.
    Mine(usize),
    /// An imported file's (read-only): layer `layer`, its incident `index`.
    Imported {
        layer: usize,
        index: usize,
    },
}

/// How many incidents each layer has, in list order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncidentLayout {
    pub bundled: usize,
    pub mine: usize,
    /// Per imported layer, in order.
    pub imported: Vec<usize>,
}

impl IncidentLayout {
    /// Where My incidents are.
    pub fn mine(&self) -> Range<usize> {
        self.bundled..self.bundled + self.mine
    }

    /// Where imported layer `layer`'s incidents are.
    pub fn imported(&self, layer: usize) -> Option<Range<usize>> {
        let len = *self.imported.get(layer)?;
        let start = self.mine().end + self.imported.iter().take(layer).sum::<usize>();
        Some(start..start + len)
    }

    /// How many incidents the list holds.
    pub fn len(&self) -> usize {
        self.mine().end + self.imported.iter().sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whose the incident at `i` is; `None` past the end.
    pub fn whose(&self, i: usize) -> Option<Whose> {
        if i < self.bundled {
            return Some(Whose::Bundled);
        }
        if self.mine().contains(&i) {
            return Some(Whose::Mine(i - self.bundled));
        }
        let mut start = self.mine().end;
        for (layer, &len) in self.imported.iter().enumerate() {
            if (start..start + len).contains(&i) {
                return Some(Whose::Imported {
                    layer,
                    index: i - start,
                });
            }
            start += len;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_belongs_to_one_layer_in_list_order() {
        let l = IncidentLayout {
            bundled: 3,
            mine: 2,
            imported: vec![1, 0, 2],
        };
        assert_eq!(l.len(), 8);
        assert_eq!(l.mine(), 3..5);
        assert_eq!(l.imported(0), Some(5..6));
        assert_eq!(l.imported(1), Some(6..6));
        assert_eq!(l.imported(2), Some(6..8));
        assert_eq!(l.imported(3), None);
        let whose: Vec<_> = (0..9).map(|i| l.whose(i)).collect();
        assert_eq!(whose[2], Some(Whose::Bundled));
        assert_eq!(whose[3], Some(Whose::Mine(0)));
        assert_eq!(whose[4], Some(Whose::Mine(1)));
        assert_eq!(whose[5], Some(Whose::Imported { layer: 0, index: 0 }));
        assert_eq!(whose[7], Some(Whose::Imported { layer: 2, index: 1 }));
        assert_eq!(whose[8], None);
    }
}
