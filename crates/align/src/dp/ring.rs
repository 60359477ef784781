//! The last rows of a sweep over a band: what a lattice needs of the rows
//! before the one it is filling is at most as many rows back as the
//! tallest shape, so a sweep keeps those rows only.

/// The last `depth` rows of a sweep (or more: a power of two), each with
/// its first column.
pub(super) struct Ring<T> {
    /// Per slot (row `i` in slot `i & mask`): the row held (`usize::MAX`
    /// for none), its first column and its cells.
    slots: Vec<(usize, usize, Vec<T>)>,
    /// The slots' count less one.
    mask: usize,
}

impl<T: Copy> Ring<T> {
    /// A ring of at least `depth` rows, none held yet.
    pub(super) fn new(depth: usize) -> Self {
        let size = depth.max(1).next_power_of_two();
        Ring {
            slots: (0..size).map(|_| (usize::MAX, 0, Vec::new())).collect(),
            mask: size - 1,
        }
    }

    /// Row `i` with the columns `lo..hi`, every cell `init`, in place of
    /// the row `depth` rows before (or after) it.
    pub(super) fn start(&mut self, i: usize, lo: usize, hi: usize, init: T) {
        if let Some((row, first, cells)) = self.slots.get_mut(i & self.mask) {
            *row = i;
            *first = lo;
            cells.clear();
            cells.resize(hi.saturating_sub(lo), init);
        }
    }

    /// The cell (i, j), if row `i` is held and holds column `j`.
    #[inline]
    pub(super) fn get(&self, i: usize, j: usize) -> Option<T> {
        let (row, lo, cells) = self.slots.get(i & self.mask)?;
        if *row != i || j < *lo {
            return None;
        }
        cells.get(j - lo).copied()
    }

    /// Row `i` with the columns `lo..hi`, every cell `init`, in place of
    /// the row `depth` rows before (or after) it, taken out of the ring
    /// to be filled while the rows before it are read; [`Ring::put`]
    /// gives it back.
    pub(super) fn take(&mut self, i: usize, lo: usize, hi: usize, init: T) -> Vec<T> {
        self.start(i, lo, hi, init);
        self.slots
            .get_mut(i & self.mask)
            .map(|(_, _, cells)| std::mem::take(cells))
            .unwrap_or_default()
    }

    /// Gives back row `i`'s cells, taken by [`Ring::take`].
    pub(super) fn put(&mut self, i: usize, cells: Vec<T>) {
        if let Some((row, _, slot)) = self.slots.get_mut(i & self.mask) {
            if *row == i {
                *slot = cells;
            }
        }
    }

    /// Row `i`'s first column and cells, if it is held (an empty row
    /// otherwise, whose columns are none).
    #[inline]
    pub(super) fn row(&self, i: usize) -> (usize, &[T]) {
        match self.slots.get(i & self.mask) {
            Some((row, lo, cells)) if *row == i => (*lo, cells),
            _ => (0, &[]),
        }
    }
}
