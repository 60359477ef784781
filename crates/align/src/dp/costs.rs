//! The cost table: the price of every non-null bead that ends in the band.

use super::{Band, Shape};

/// The costs of all non-null beads that end in the band, indexed by
/// `cell * shapes.len() + shape`; `INFINITY` where the bead would start
/// outside the band. Rows are computed in parallel.
#[cfg(test)]
pub(crate) fn cost_table(band: &Band, shapes: &[Shape], fill: RunFn) -> Vec<f32> {
    cost_table_reusing(band, shapes, fill, None)
}

/// Rows of a cost table priced by one task: fewer would cost more in
/// hand-over between threads than the rows themselves.
const ROWS_PER_TASK: usize = 64;

/// Prices the beads of every shape that end at the cells `j0..j1` of row
/// `i`, into one slot per shape and cell (a run of a row is priced at
/// once: what the cells of a row share is computed once).
pub(crate) type RunFn<'a> = &'a (dyn Fn(usize, usize, usize, &mut [f32]) + Sync);

/// [`cost_table`], copying the cells of an earlier table over a narrower
/// band (`reuse`) whose beads all started inside it, rather than pricing
/// them again: a widened band only prices its new cells.
pub(crate) fn cost_table_reusing(
    band: &Band,
    shapes: &[Shape],
    fill: RunFn,
    reuse: Option<(&Band, &[f32])>,
) -> Vec<f32> {
    use rayon::prelude::*;
    let s = shapes.len();
    let mut table = vec![f32::INFINITY; band.cells() * s];
    let rows = band.rows_mut(&mut table, s);
    rows.into_par_iter()
        .with_min_len(ROWS_PER_TASK)
        .for_each(|(i, row)| {
            let lo = band.lo.get(i).copied().unwrap_or(0);
            let cells = row.len() / s.max(1);
            // Copy the cells priced before; price the runs between them.
            let mut run_start: Option<usize> = None;
            for off in 0..=cells {
                let old = (off < cells)
                    .then(|| {
                        reuse.and_then(|(b, t)| {
                            let k = b.index(i, lo + off)?;
                            t.get(k * s..(k + 1) * s)
                                .filter(|c| c.iter().all(|x| x.is_finite()))
                        })
                    })
                    .flatten();
                if old.is_none() && off < cells {
                    run_start.get_or_insert(off);
                    continue;
                }
                if let Some(a) = run_start.take() {
                    if let Some(out) = row.get_mut(a * s..off * s) {
                        fill(i, lo + a, lo + off, out);
                    }
                }
                if let (Some(old), Some(cell)) = (old, row.get_mut(off * s..(off + 1) * s)) {
                    cell.copy_from_slice(old);
                }
            }
            for (off, cell) in row.chunks_mut(s).enumerate() {
                let j = lo + off;
                for (slot, &(k, l)) in cell.iter_mut().zip(shapes) {
                    if k > i || l > j || band.index(i - k, j - l).is_none() {
                        *slot = f32::INFINITY;
                    }
                }
            }
        });
    table
}
