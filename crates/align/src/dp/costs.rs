//! The cost table: the price of every non-null bead that ends in the band.

use super::{Band, Shape};

/// Rows of the band in one block of a [`CostTable`]: a widened band's
/// table is built a block at a time, each block freed from the earlier
/// table as soon as its cells are copied, so the two tables never exist
/// whole at once.
/// (Few in the tests, so that their lattices span several blocks.)
const BLOCK_ROWS: usize = if cfg!(test) { 64 } else { 2048 };

/// The costs of all non-null beads that end in a band: per cell, one slot
/// per shape; `INFINITY` where the bead would start outside the band.
/// Stored in blocks of [`BLOCK_ROWS`] rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct CostTable {
    /// Slots per cell (the shapes' count).
    shapes: usize,
    /// Per block: the index of its first cell in the band, and its slots.
    blocks: Vec<(usize, Vec<f32>)>,
}

impl CostTable {
    /// The slots of cell `cell` (its index in the band), which is in row
    /// `i`; empty if there is none. (The passes read whole rows,
    /// [`CostTable::row`]; the tests check cells.)
    #[cfg(test)]
    pub(crate) fn cell(&self, i: usize, cell: usize) -> &[f32] {
        let s = self.shapes;
        self.blocks
            .get(i / BLOCK_ROWS)
            .and_then(|(first, slots)| {
                let k = cell.checked_sub(*first)?;
                slots.get(k * s..(k + 1) * s)
            })
            .unwrap_or_default()
    }

    /// The slots of every cell of row `i` of `band` (the table's band),
    /// in cell order; empty if there is no such row.
    #[inline]
    pub(crate) fn row(&self, band: &Band, i: usize) -> &[f32] {
        let s = self.shapes;
        let Some((first, slots)) = self.blocks.get(i / BLOCK_ROWS) else {
            return &[];
        };
        let (a, b) = (band.first_cell(i), band.first_cell(i + 1));
        a.checked_sub(*first)
            .and_then(|a| slots.get(a * s..(b - *first) * s))
            .unwrap_or_default()
    }

    /// The cost of the bead of shape `si` that ends at cell `cell` of row
    /// `i` (`INFINITY` if there is none).
    #[inline]
    #[cfg(test)]
    pub(crate) fn get(&self, i: usize, cell: usize, si: usize) -> f32 {
        self.cell(i, cell).get(si).copied().unwrap_or(f32::INFINITY)
    }

    /// A table over `band` from its slots in cell order, `shapes` a cell.
    #[cfg(test)]
    pub(crate) fn from_slots(band: &Band, shapes: usize, slots: &[f32]) -> CostTable {
        let blocks = (0..band.lo.len())
            .step_by(BLOCK_ROWS)
            .map(|r0| {
                let r1 = (r0 + BLOCK_ROWS).min(band.lo.len());
                let (a, b) = (band.first_cell(r0), band.first_cell(r1));
                (
                    a,
                    slots
                        .get(a * shapes..b * shapes)
                        .unwrap_or_default()
                        .to_vec(),
                )
            })
            .collect();
        CostTable { shapes, blocks }
    }

    /// The slots of every cell in cell order.
    #[cfg(test)]
    pub(crate) fn to_slots(&self) -> Vec<f32> {
        self.blocks
            .iter()
            .flat_map(|(_, b)| b.iter().copied())
            .collect()
    }
}

/// The [`CostTable`] of the non-null beads that end in the band. Rows are
/// computed in parallel.
#[cfg(test)]
pub(crate) fn cost_table<S: Default>(band: &Band, shapes: &[Shape], fill: RunFn<S>) -> CostTable {
    cost_table_reusing(band, shapes, fill, None)
}

/// Rows of a cost table priced by one task: fewer would cost more in
/// hand-over between threads than the rows themselves.
const ROWS_PER_TASK: usize = 64;

/// Prices the beads of every shape that end at the cells `j0..j1` of row
/// `i`, into one slot per shape and cell (a run of a row is priced at
/// once: what the cells of a row share is computed once). The slots of
/// beads that start outside the band may be left as they are: they are
/// set to infinity afterwards. The first argument is the task's scratch
/// (`S::default()` when a task starts; a task prices consecutive rows
/// in order), for what the runs of neighbouring rows share. A bead's
/// price may depend on the band only through the rows its source side
/// spans (`i − k..i`): [`cost_table_reusing`] copies it where those rows
/// are as they were.
pub(crate) type RunFn<'a, S> = &'a (dyn Fn(&mut S, usize, usize, usize, &mut [f32]) + Sync);

/// [`cost_table`], copying the cells of an earlier table over a narrower
/// band with the same rows (`reuse`) rather than pricing them again: a
/// cell whose beads all started inside the narrower band, and any cell
/// of a row whose beads start in rows that did not widen (their
/// infinities stay). A widened band prices its new cells and those next
/// to where it widened. The earlier table is freed a block at a time as
/// it is read.
pub(crate) fn cost_table_reusing<S: Default>(
    band: &Band,
    shapes: &[Shape],
    fill: RunFn<S>,
    reuse: Option<(Band, CostTable)>,
) -> CostTable {
    let s = shapes.len();
    let rows = band.lo.len();
    let (old_band, mut old) = match reuse {
        Some((b, t)) => (Some(b), Some(t)),
        None => (None, None),
    };
    let blocks = (0..rows)
        .step_by(BLOCK_ROWS)
        .enumerate()
        .map(|(k, r0)| {
            let r1 = (r0 + BLOCK_ROWS).min(rows);
            let first = band.first_cell(r0);
            let mut slots = vec![f32::INFINITY; (band.first_cell(r1) - first) * s];
            // The earlier table's block of the same rows, taken out of it.
            let old_block = old
                .as_mut()
                .and_then(|t| t.blocks.get_mut(k))
                .map(std::mem::take);
            let reuse = old_band.as_ref().zip(old_block.as_ref());
            fill_rows(band, shapes, fill, r0..r1, &mut slots, reuse);
            (first, slots)
        })
        .collect();
    CostTable { shapes: s, blocks }
}

/// Fills the slots of rows `rows` of `band` (`slots`, from the first cell
/// of the first row), copying the cells of `reuse` (a narrower band and
/// its block of the same rows).
fn fill_rows<S: Default>(
    band: &Band,
    shapes: &[Shape],
    fill: RunFn<S>,
    rows: std::ops::Range<usize>,
    slots: &mut [f32],
    reuse: Option<(&Band, &(usize, Vec<f32>))>,
) {
    use rayon::prelude::*;
    let s = shapes.len();
    let kmax = shapes.iter().map(|&(k, _)| k).max().unwrap_or(0);
    band.rows_mut_in(rows, slots, s)
        .into_par_iter()
        .with_min_len(ROWS_PER_TASK)
        .for_each_init(S::default, |scratch, (i, row)| {
            let lo = band.lo.get(i).copied().unwrap_or(0);
            let cells = row.len() / s.max(1);
            // Where the rows a bead ending in this row can start in are
            // as they were, every cell the earlier band had is as it was,
            // the infinities of beads that started outside it too.
            let settled = reuse.is_some_and(|(b, _)| {
                (i.saturating_sub(kmax)..i)
                    .all(|r| b.lo.get(r) == band.lo.get(r) && b.hi.get(r) == band.hi.get(r))
            });
            // Copy the cells priced before; price the runs between them.
            let mut run_start: Option<usize> = None;
            for off in 0..=cells {
                let old = (off < cells)
                    .then(|| {
                        reuse.and_then(|(b, (first, t))| {
                            let k = b.index(i, lo + off)?.checked_sub(*first)?;
                            t.get(k * s..(k + 1) * s)
                                .filter(|c| settled || c.iter().all(|x| x.is_finite()))
                        })
                    })
                    .flatten();
                if old.is_none() && off < cells {
                    run_start.get_or_insert(off);
                    continue;
                }
                if let Some(a) = run_start.take() {
                    if let Some(out) = row.get_mut(a * s..off * s) {
                        fill(scratch, i, lo + a, lo + off, out);
                    }
                }
                if let (Some(old), Some(cell)) = (old, row.get_mut(off * s..(off + 1) * s)) {
                    cell.copy_from_slice(old);
                }
            }
            // Beads that start outside the band: per shape, the columns
            // where they start inside it are one range.
            for (si, &(k, l)) in shapes.iter().enumerate() {
                let starts = i
                    .checked_sub(k)
                    .and_then(|r| Some((*band.lo.get(r)? + l, *band.hi.get(r)? + l)));
                // The cells before and after the range (all of them if
                // there is none).
                let (a, b) = starts.map_or((cells, cells), |(a, b)| {
                    (
                        a.saturating_sub(lo).min(cells),
                        b.saturating_sub(lo).min(cells),
                    )
                });
                let outside = (0..a).chain(b.max(a)..cells);
                for off in outside {
                    if let Some(slot) = row.get_mut(off * s + si) {
                        *slot = f32::INFINITY;
                    }
                }
            }
        });
}
