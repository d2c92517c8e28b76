//! Positions of a sorted index in decreasing population order, lazily: a segment tree of
//! range maxima, split around each maximum as it is taken (k results cost O(k log n)).

use std::collections::BinaryHeap;
use std::ops::Range;

/// Range-maximum queries over a fixed array of weights.
pub(super) struct RangeMax {
    size: usize,
    weights: Vec<u32>,
    /// `tree[node]` = position of the largest weight under `node` (`usize::MAX` for padding).
    tree: Vec<u32>,
}

impl RangeMax {
    pub(super) fn new(weights: Vec<u32>) -> Self {
        let size = weights.len().next_power_of_two().max(1);
        let mut tree = vec![u32::MAX; 2 * size];
        for i in 0..weights.len() {
            tree[size + i] = i as u32;
        }
        let mut s = Self { size, weights, tree };
        for node in (1..size).rev() {
            s.tree[node] = s.better(s.tree[2 * node], s.tree[2 * node + 1]);
        }
        s
    }

    fn weight(&self, pos: u32) -> Option<u32> {
        self.weights.get(pos as usize).copied()
    }

    /// The position with the larger weight (the smaller position on ties).
    fn better(&self, a: u32, b: u32) -> u32 {
        match (self.weight(a), self.weight(b)) {
            (Some(wa), Some(wb)) if wb > wa || (wb == wa && b < a) => b,
            (Some(_), _) => a,
            _ => b,
        }
    }

    /// The position of the largest weight in `range`.
    fn max_in(&self, range: Range<usize>) -> Option<usize> {
        let (mut lo, mut hi) = (range.start + self.size, range.end + self.size);
        let mut best = u32::MAX;
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
        self.weight(best).map(|_| best as usize)
    }

    /// The positions of `range` from the largest weight down.
    pub(super) fn descending(&self, range: Range<usize>) -> Descending<'_> {
        let mut d = Descending {
            rm: self,
            heap: BinaryHeap::new(),
        };
        d.push(range);
        d
    }
}

/// Iterator of [`RangeMax::descending`].
pub(super) struct Descending<'a> {
    rm: &'a RangeMax,
    /// (weight, reversed position for ties, range start, range end, position).
    heap: BinaryHeap<(u32, std::cmp::Reverse<usize>, usize, usize)>,
}

impl Descending<'_> {
    fn push(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if let Some(pos) = self.rm.max_in(range.clone()) {
            self.heap
                .push((self.rm.weights[pos], std::cmp::Reverse(pos), range.start, range.end));
        }
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
