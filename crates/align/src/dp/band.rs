//! The band: the corridor of cells the searches run in.

use super::Step;

/// The whole matrix of a pair of up to about 2,000 sentences a side: a
/// band may always widen this far.
const FULL_MATRIX_CELLS: usize = 1 << 22;

/// Cells per sentence (of both sides) a band may widen to beyond
/// [`FULL_MATRIX_CELLS`]: far more than the paths of translations need
/// (a few dozen), far less than the whole matrix of two long texts that
/// are not translations of each other, whose paths touch the edge of any
/// band and would widen it to all `n·m` cells (tens of gigabytes at
/// 100,000 sentences a side).
const CELLS_PER_SENTENCE: usize = 64;

/// Most cells a search may widen its band to for `n` by `m` sentences.
pub(crate) fn cell_budget(n: usize, m: usize) -> usize {
    FULL_MATRIX_CELLS.max(CELLS_PER_SENTENCE.saturating_mul(n.saturating_add(m).saturating_add(2)))
}

/// A corridor of cells: for each row `i` (source sentences consumed,
/// `0..=n`) the target columns `lo[i]..hi[i]`.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
    start: Vec<usize>,
}

impl Band {
    /// A band of half-width `w` around `center[i]` (one center per row),
    /// made monotone and connected, always holding (0,0) and (n,m).
    #[cfg(test)]
    pub(crate) fn around(center: &[usize], w: usize, m: usize) -> Band {
        Band::around_widths(center, |_| w, m)
    }

    /// A band of half-width `width(i)` around `center[i]`, made monotone
    /// and connected, always holding (0,0) and (n,m).
    pub(crate) fn around_widths(
        center: &[usize],
        width: impl Fn(usize) -> usize,
        m: usize,
    ) -> Band {
        let lo = center
            .iter()
            .enumerate()
            .map(|(i, &c)| c.saturating_sub(width(i)))
            .collect();
        let hi = center
            .iter()
            .enumerate()
            .map(|(i, &c)| (c + width(i) + 1).min(m + 1))
            .collect();
        Band::from_edges(lo, hi, m)
    }

    /// The band widened by `extra` columns on both sides in the rows
    /// within `radius` of any row in `rows`.
    pub(crate) fn widened(&self, rows: &[usize], extra: usize, radius: usize, m: usize) -> Band {
        let (mut lo, mut hi) = (self.lo.clone(), self.hi.clone());
        let n_rows = lo.len();
        for &r in rows {
            for i in r.saturating_sub(radius)..(r + radius + 1).min(n_rows) {
                if let Some(v) = lo.get_mut(i) {
                    *v = v.saturating_sub(extra);
                }
                if let Some(v) = hi.get_mut(i) {
                    *v = (*v + extra).min(m + 1);
                }
            }
        }
        Band::from_edges(lo, hi, m)
    }

    /// The band a search goes on in when its best path runs along the
    /// inner edge in rows `touching`: widened by `extra` columns within
    /// `2·extra` rows of them. `None` when no row touches, the band is
    /// already the whole matrix, or the widened band would pass the
    /// [`cell_budget`] of `n` by `m` sentences.
    pub(crate) fn widened_for(
        &self,
        touching: &[usize],
        extra: usize,
        (n, m): (usize, usize),
    ) -> Option<Band> {
        if touching.is_empty() || self.is_full(m) {
            return None;
        }
        Some(self.widened(touching, extra, 2 * extra, m)).filter(|w| w.cells() <= cell_budget(n, m))
    }

    /// A band of half-width `w` around every cell of `path` (rows the
    /// path jumps over take the span of the row before).
    pub(crate) fn around_path(path: &[Step], w: usize, n: usize, m: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        let mut mark = |i: usize, j: usize| {
            if let (Some(l), Some(h)) = (lo.get_mut(i), hi.get_mut(i)) {
                *l = (*l).min(j.saturating_sub(w));
                *h = (*h).max((j + w + 1).min(m + 1));
            }
        };
        mark(0, 0);
        for s in path {
            mark(s.i0, s.j0);
            mark(s.i1, s.j1);
        }
        for i in 1..=n {
            if lo.get(i) == Some(&usize::MAX) {
                let (pl, ph) = (
                    lo.get(i - 1).copied().unwrap_or(0),
                    hi.get(i - 1).copied().unwrap_or(0),
                );
                if let (Some(l), Some(h)) = (lo.get_mut(i), hi.get_mut(i)) {
                    *l = pl;
                    *h = ph;
                }
            }
        }
        Band::from_edges(lo, hi, m)
    }

    /// The band also holding every cell within `w` columns of `cells`
    /// (required beads' corners, which a path must reach).
    pub(crate) fn holding(&self, cells: &[(usize, usize)], w: usize, m: usize) -> Band {
        let (mut lo, mut hi) = (self.lo.clone(), self.hi.clone());
        for &(i, j) in cells {
            if let (Some(l), Some(h)) = (lo.get_mut(i), hi.get_mut(i)) {
                *l = (*l).min(j.saturating_sub(w));
                *h = (*h).max((j + w + 1).min(m + 1));
            }
        }
        Band::from_edges(lo, hi, m)
    }

    /// The cells of rows `i0..=i1` and columns `j0..=j1` as a band of
    /// their own, whose cell (0, 0) is (i0, j0): the lattice between two
    /// required beads. Both corners must be in the band; the window is
    /// then monotone and connected like the band.
    pub(crate) fn window(&self, (i0, j0): (usize, usize), (i1, j1): (usize, usize)) -> Band {
        let rows = i0..=i1;
        let lo = rows
            .clone()
            .map(|i| self.lo.get(i).map_or(0, |&l| l.max(j0) - j0))
            .collect();
        let hi = rows
            .map(|i| {
                self.hi
                    .get(i)
                    .map_or(0, |&h| h.min(j1 + 1).saturating_sub(j0))
            })
            .collect();
        Band::from_edges(lo, hi, j1.saturating_sub(j0))
    }

    /// `data`, `per_cell` values per cell of the band in cell order, cut
    /// into one slice per row (with the row's index), for filling rows in
    /// parallel.
    pub(crate) fn rows_mut<'a, T>(
        &self,
        data: &'a mut [T],
        per_cell: usize,
    ) -> Vec<(usize, &'a mut [T])> {
        self.rows_mut_in(0..self.lo.len(), data, per_cell)
    }

    /// [`Band::rows_mut`] for the rows `rows` only, `data` starting at the
    /// first cell of the first of them.
    pub(crate) fn rows_mut_in<'a, T>(
        &self,
        rows: std::ops::Range<usize>,
        data: &'a mut [T],
        per_cell: usize,
    ) -> Vec<(usize, &'a mut [T])> {
        let mut out = Vec::with_capacity(rows.len());
        let mut rest = data;
        for i in rows {
            let width = self
                .hi
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(self.lo.get(i).copied().unwrap_or(0));
            let (row, tail) = std::mem::take(&mut rest).split_at_mut(width * per_cell);
            out.push((i, row));
            rest = tail;
        }
        out
    }

    /// The index of the first cell of row `i` (the band's cell count for
    /// the row after the last).
    pub(crate) fn first_cell(&self, i: usize) -> usize {
        self.start
            .get(i)
            .or(self.start.last())
            .copied()
            .unwrap_or(0)
    }

    /// Whether the band holds every cell of the matrix.
    pub(crate) fn is_full(&self, m: usize) -> bool {
        self.lo.iter().all(|&l| l == 0) && self.hi.iter().all(|&h| h == m + 1)
    }

    /// A band from row edges, made monotone and connected, always holding
    /// (0, 0) and (n, m).
    fn from_edges(mut lo: Vec<usize>, mut hi: Vec<usize>, m: usize) -> Band {
        let rows = lo.len();
        if let Some(first) = lo.first_mut() {
            *first = 0;
        }
        if let Some(last) = hi.last_mut() {
            *last = m + 1;
        }
        // lo non-decreasing (backwards min), hi non-decreasing (forward max).
        for i in (0..rows.saturating_sub(1)).rev() {
            let next = lo.get(i + 1).copied().unwrap_or(m);
            if let Some(v) = lo.get_mut(i) {
                *v = (*v).min(next);
            }
        }
        for i in 1..rows {
            let prev = hi.get(i - 1).copied().unwrap_or(0);
            if let Some(v) = hi.get_mut(i) {
                *v = (*v).max(prev);
            }
        }
        // Consecutive rows overlap, so a path can always pass.
        for i in 1..rows {
            let l = lo.get(i).copied().unwrap_or(0);
            if let Some(v) = hi.get_mut(i - 1) {
                *v = (*v).max(l + 1).min(m + 1);
            }
        }
        let mut start = Vec::with_capacity(rows + 1);
        let mut acc = 0;
        for (l, h) in lo.iter().zip(&hi) {
            start.push(acc);
            acc += h.saturating_sub(*l);
        }
        start.push(acc);
        Band { lo, hi, start }
    }

    /// Total number of cells.
    pub(crate) fn cells(&self) -> usize {
        self.start.last().copied().unwrap_or(0)
    }

    /// Row `i`: its first column and the range of its cells' indices.
    pub(crate) fn row(&self, i: usize) -> Option<(usize, std::ops::Range<usize>)> {
        let (lo, hi, start) = (*self.lo.get(i)?, *self.hi.get(i)?, *self.start.get(i)?);
        Some((lo, start..start + hi.saturating_sub(lo)))
    }

    /// The index of cell (i, j), if it is in the band.
    #[inline]
    pub(crate) fn index(&self, i: usize, j: usize) -> Option<usize> {
        let lo = *self.lo.get(i)?;
        let hi = *self.hi.get(i)?;
        (lo <= j && j < hi).then(|| self.start.get(i).map(|s| s + j - lo))?
    }

    /// Whether cell (i, j) lies on an edge of the band that is not an
    /// edge of the whole matrix.
    pub(crate) fn on_inner_edge(&self, i: usize, j: usize, m: usize) -> bool {
        let (Some(&lo), Some(&hi)) = (self.lo.get(i), self.hi.get(i)) else {
            return false;
        };
        (j == lo && lo > 0) || (j + 1 == hi && hi <= m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_widens_within_its_cell_budget_only() {
        // Two texts of 5,000 sentences whose path touches the edge of a
        // band around the diagonal: a first widening fits, one by
        // thousands of columns (where the doubling rounds lead when the
        // texts are not translations) would hold millions of cells and
        // stops.
        let (n, m) = (5_000, 5_000);
        let center: Vec<usize> = (0..=n).collect();
        let band = Band::around(&center, 6, m);
        let rows = [100, 2_500, 4_000];
        let wider = band
            .widened_for(&rows, 12, (n, m))
            .expect("a first widening fits");
        assert!(wider.cells() > band.cells());
        assert!(band.widened_for(&[2_500], 2_048, (n, m)).is_none());
        assert!(band.widened(&[2_500], 2_048, 4_096, m).cells() > cell_budget(n, m));
        // Nothing touches, or the band is the whole matrix: no widening.
        assert!(band.widened_for(&[], 12, (n, m)).is_none());
        let small = Band::around(&[0, 1, 2, 3], 10, 3);
        assert!(small.is_full(3));
        assert!(small.widened_for(&[1], 12, (3, 3)).is_none());
        // A short pair may always widen to its whole matrix.
        let short = Band::around(&(0..=1_000).collect::<Vec<_>>(), 6, 1_000);
        let whole = short
            .widened_for(&[500], 2_048, (1_000, 1_000))
            .expect("fits");
        assert!(whole.is_full(1_000));
    }
}
