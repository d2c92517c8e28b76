//! Positions of a sorted index in decreasing population order, lazily: a segment tree of
//! range maxima, split around each maximum as it is taken (k results cost O(k log n)).

use std::collections::BinaryHeap;
use std::ops::Range;

/// Range-maximum queries over a fixed array of weights.
pub(super) struct RangeMax {
    size: usize,
    /// The weights, padded with zeros up to `size`.
    weights: Vec<u32>,
    /// `tree[node]` = position of the largest weight under `node` (the smaller position on
    /// ties); leaves at `size..2 * size`.
    tree: Vec<u32>,
}

impl RangeMax {
    pub(super) fn new(mut weights: Vec<u32>) -> Self {
        let size = weights.len().next_power_of_two();
        weights.resize(size, 0);
        let mut tree = vec![0u32; 2 * size];
        for (i, leaf) in tree[size..].iter_mut().enumerate() {
            *leaf = i as u32;
        }
        let mut s = Self { size, weights, tree };
        for node in (1..size).rev() {
            s.tree[node] = s.better(s.tree[2 * node], s.tree[2 * node + 1]);
        }
        s
    }

    /// The position with the larger weight (the smaller position on ties).
    fn better(&self, a: u32, b: u32) -> u32 {
        let (wa, wb) = (self.weights[a as usize], self.weights[b as usize]);
        if wb > wa || (wb == wa && b < a) { b } else { a }
    }

    /// The position of the largest weight in `range` (not empty, within the weights).
    fn max_in(&self, range: Range<usize>) -> usize {
        let (mut lo, mut hi) = (range.start + self.size, range.end + self.size);
        let mut best = range.start as u32;
        while lo < hi {
            if lo & 1 == 1 {
                best = self.better(best, self.tree[lo]);
                lo += 1;
            }
            if hi & 1 == 1 {
                hi -= 1;
                best = self.better(best, self.tree[hi]);
            }
            lo /= 2;
            hi /= 2;
        }
        best as usize
    }

    /// The positions of `range` from the largest weight down.
    pub(super) fn descending(&self, range: Range<usize>) -> Descending<'_> {
        let mut d = Descending {
            rm: self,
            heap: BinaryHeap::with_capacity(32),
        };
        d.push(range);
        d
    }
}

/// Iterator of [`RangeMax::descending`].
pub(super) struct Descending<'a> {
    rm: &'a RangeMax,
    /// (weight of the range's maximum, its position reversed for ties, range start, end).
    heap: BinaryHeap<(u32, std::cmp::Reverse<usize>, usize, usize)>,
}

impl Descending<'_> {
    fn push(&mut self, range: Range<usize>) {
        if range.is_empty() || range.end > self.rm.size {
            return;
        }
        let pos = self.rm.max_in(range.clone());
        self.heap
            .push((self.rm.weights[pos], std::cmp::Reverse(pos), range.start, range.end));
    }
}

impl Iterator for Descending<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let (_, std::cmp::Reverse(pos), start, end) = self.heap.pop()?;
        self.push(start..pos);
        self.push(pos + 1..end);
        Some(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descending_order_in_ranges() {
        let rm = RangeMax::new(vec![5, 1, 9, 9, 3, 7, 0]);
        assert_eq!(rm.descending(0..7).collect::<Vec<_>>(), [2, 3, 5, 0, 4, 1, 6]);
        assert_eq!(rm.descending(3..6).collect::<Vec<_>>(), [3, 5, 4]);
        assert_eq!(rm.descending(4..4).count(), 0);
        assert_eq!(RangeMax::new(vec![]).descending(0..0).count(), 0);
    }
}
