//! Where each incident layer sits in the one incident list every view reads (filters, map,
//! timeline, list, inspector, export): the bundled incidents, then My incidents, then each
//! imported file's, in the order they were imported.

use std::ops::Range;
use std::sync::Arc;

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

/// What changed between two versions of a list whose unchanged items are the same [`Arc`]s
/// (as an edit of the log leaves them): from index `at`, `removed` items of `old` became
/// `added` items of `new`. Costs a pointer comparison per item, never an item comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub at: usize,
    pub removed: usize,
    pub added: usize,
}

impl Window {
    pub fn between<T>(old: &[Arc<T>], new: &[Arc<T>]) -> Self {
        let same = |(a, b): &(&Arc<T>, &Arc<T>)| Arc::ptr_eq(a, b);
        let at = old.iter().zip(new).take_while(same).count();
        let room = old.len().min(new.len()) - at;
        let tail = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(same)
            .count();
        Self {
            at,
            removed: old.len() - at - tail,
            added: new.len() - at - tail,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.removed == 0 && self.added == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_covers_exactly_what_changed() {
        let old: Vec<Arc<u8>> = (0..6).map(Arc::new).collect();
        let w = |new: &[Arc<u8>]| Window::between(&old, new);
        assert!(w(&old).is_empty());
        // Replaced in place (equal content, new Arc: still a change).
        let mut new = old.clone();
        new[2] = Arc::new(2);
        assert_eq!(
            w(&new),
            Window {
                at: 2,
                removed: 1,
                added: 1
            }
        );
        // Appended, removed from the middle, removed at the end.
        let mut new = old.clone();
        new.push(Arc::new(9));
        assert_eq!(
            w(&new),
            Window {
                at: 6,
                removed: 0,
                added: 1
            }
        );
        let mut new = old.clone();
        new.remove(3);
        assert_eq!(
            w(&new),
            Window {
                at: 3,
                removed: 1,
                added: 0
            }
        );
        assert_eq!(
            w(&old[..4]),
            Window {
                at: 4,
                removed: 2,
                added: 0
            }
        );
        // Everything new (a log replaced by its backup), and a repeated item.
        let fresh: Vec<Arc<u8>> = (0..3).map(Arc::new).collect();
        assert_eq!(
            w(&fresh),
            Window {
                at: 0,
                removed: 6,
                added: 3
            }
        );
        let mut new = old.clone();
        new.insert(1, Arc::clone(&old[0]));
        let got = w(&new);
        assert_eq!((got.removed, got.added), (0, 1));
        let mut rebuilt = old[..got.at].to_vec();
        rebuilt.extend_from_slice(&new[got.at..got.at + got.added]);
        rebuilt.extend_from_slice(&old[got.at + got.removed..]);
        assert!(rebuilt.iter().zip(&new).all(|(a, b)| Arc::ptr_eq(a, b)));
    }

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
