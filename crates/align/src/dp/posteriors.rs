//! Forward–backward sums over a band around the best path, and the
//! posterior of each step of a path.
//!
//! Each sweep keeps only the rows a bead reaches over (a [`Ring`]): what
//! the posteriors need of the sums is the forward sums at the steps'
//! start cells and the backward sums at their end cells, taken as each
//! sweep passes them, and the logarithms of the row scales (one number a
//! row). The arithmetic is that of sums stored in full
//! (`reference::posteriors_stored`, which the tests compare bit for
//! bit).

use super::ring::Ring;
use super::{Band, CostTable, NullFn, Shape, Step, D, I, M};

/// The scale a row of sums is divided by: its largest value (1 when the
/// row holds no mass).
pub(super) fn row_scale(largest: f64) -> f64 {
    if largest > 0.0 && largest.is_finite() {
        largest
    } else {
        1.0
    }
}

/// The most weights (cells of the posteriors' band times shapes) kept
/// from the forward sweep for the backward one: 2 MB (few in the tests,
/// so that both ways are compared with the reference).
const WEIGHT_CACHE_MAX: usize = if cfg!(test) { 4_000 } else { 1 << 18 };

/// Divides every state of `cells` by `scale`.
pub(super) fn divide(cells: &mut [[f64; 3]], scale: f64) {
    for x in cells.iter_mut().flatten() {
        *x /= scale;
    }
}

/// A cell of the forward sums: the states, and their total (summed
/// before the row is scaled, so not the total of the scaled states).
type Forward = ([f64; 3], f64);

/// A row the backward sweep reads: its first column and sums, its row
/// of the cost table (with the band's first column there), and where its
/// weights start in the forward sweep's cache.
type Ahead<'a> = (usize, &'a [[f64; 3]], (usize, &'a [f32]), usize);

/// Posterior probability of each step of `path` under the lattice with
/// costs divided by `temperature`. The sums run over `sub`, a band inside
/// `band` (whose [`cost_table`](super::cost_table) is `table`) around the
/// path: the mass of paths far from the best one is negligible. `path`
/// may also hold steps off the best path whose cells are in `sub` (0 for
/// a shape the lattice does not search).
///
/// The sums are kept as probabilities (an exponential per bead weight in
/// each direction, no logarithm per cell), each row scaled by its largest
/// value so that long documents do not underflow; the scales are kept as
/// logarithms.
#[allow(clippy::too_many_arguments)]
pub(crate) fn posteriors(
    band: &Band,
    sub: &Band,
    n: usize,
    m: usize,
    shapes: &[Shape],
    nc: NullFn,
    table: &CostTable,
    temperature: f64,
    path: &[Step],
) -> Vec<f64> {
    let t = temperature.max(1e-6);
    let row = |i: usize| {
        (
            sub.lo.get(i).copied().unwrap_or(0),
            sub.hi.get(i).copied().unwrap_or(0),
        )
    };
    let ns = shapes.len();
    // Row i of the cost table, with the band's first column there.
    let table_row = |i: usize| (band.lo.get(i).copied().unwrap_or(0), table.row(band, i));
    // e^(−cost/T) of the bead of shape `si` ending in column `j` of a row
    // of the cost table (0 where there is none).
    let weight_in = |(lo, costs): (usize, &[f32]), j: usize, si: usize| -> f64 {
        let c = j
            .checked_sub(lo)
            .and_then(|x| costs.get(x * ns + si))
            .copied()
            .unwrap_or(f32::INFINITY);
        if c.is_finite() {
            (-f64::from(c) / t).exp()
        } else {
            0.0
        }
    };
    // e^(−cost/T) of the bead of shape `si` that ends at (i, j) (the
    // caller has found its start inside `sub`).
    let weight = |i: usize, j: usize, si: usize| weight_in(table_row(i), j, si);
    // The forward sweep's weights, per cell of `sub` and shape, for the
    // backward sweep to read rather than take an exponential again; for
    // short documents only (long ones compute them twice rather than
    // hold a table larger than the cost table's part in `sub`).
    let mut cache = if sub.cells() * ns <= WEIGHT_CACHE_MAX {
        vec![0.0f64; sub.cells() * ns]
    } else {
        Vec::new()
    };
    // e^(−cost/T) of leaving each sentence unaligned: (opening a run,
    // extending one), where the other side is at a paragraph boundary
    // and where it is inside a paragraph.
    let null_weights = |src: bool, count: usize| -> Vec<[(f64, f64); 2]> {
        (0..count)
            .map(|k| {
                std::array::from_fn(|inside| {
                    let price = |extend| (-(nc.price)(src, k, extend, inside == 1) / t).exp();
                    (price(false), price(true))
                })
            })
            .collect()
    };
    // The weights of sentence `k` of one side at position `other` of the
    // other.
    let at = |weights: &[[(f64, f64); 2]], src: bool, k: usize, other: usize| {
        weights
            .get(k)
            .and_then(|w| w.get(nc.inside(src, other)))
            .copied()
            .unwrap_or((0.0, 0.0))
    };
    let (src_null, tgt_null) = (null_weights(true, n), null_weights(false, m));
    // The weight of a null bead into `into` from state `prev`.
    let null_w = |(open, extend): (f64, f64), prev: usize, into: usize| {
        if prev == into {
            extend
        } else {
            open
        }
    };
    let kmax = shapes.iter().map(|s| s.0).max().unwrap_or(1).max(1);
    let zero = [0.0f64; 3];
    // The steps in order of their start rows and of their end rows; a
    // step whose cells are not both in `sub` has no mass.
    let in_sub = |s: &Step| sub.index(s.i0, s.j0).is_some() && sub.index(s.i1, s.j1).is_some();
    // The state a step ends in: M for a non-null bead, D for a
    // deletion, I for an insertion.
    let end_state = |s: &Step| {
        let (k, l) = (s.i1 - s.i0, s.j1 - s.j0);
        if k > 0 && l > 0 {
            M
        } else if k == 1 {
            D
        } else {
            I
        }
    };
    // The forward part of a step's mass, from the forward sums at its
    // start: their total for a non-null bead (whose weight is taken at
    // the end), the sum into its null bead's state for a null bead.
    let forward_part = |s: &Step, fv: [f64; 3], f_tot: f64| match end_state(s) {
        M => f_tot,
        D => {
            let nw = at(&src_null, true, s.i0, s.j0);
            (0..3).map(|ps| fv[ps] * null_w(nw, ps, D)).sum::<f64>()
        }
        _ => {
            let nw = at(&tgt_null, false, s.j0, s.i0);
            (0..3).map(|ps| fv[ps] * null_w(nw, ps, I)).sum::<f64>()
        }
    };
    let mut by_start: Vec<usize> = (0..path.len()).collect();
    by_start.sort_by_key(|&p| path.get(p).map_or(0, |s| s.i0));
    let mut by_end = by_start.clone();
    by_end.sort_by_key(|&p| std::cmp::Reverse(path.get(p).map_or(0, |s| s.i1)));

    // Forward. Row i is stored divided by C_i, the product of the row
    // scales up to i (`log_c[i]` = ln C_i). It fills `cache`, if any.
    // Returns each step's forward part, the logarithms of the row scales
    // and ln Z in row n's scale.
    let forward = |cache: &mut [f64]| -> (Vec<f64>, Vec<f64>, f64) {
        // The row-scale ratios of the rows a bead reaches back over, and
        // the sums over the non-null beads into each cell of a row,
        // refilled per row.
        let mut rel: Vec<f64> = Vec::with_capacity(kmax + 1);
        let mut into: Vec<f64> = Vec::new();
        let mut f: Ring<Forward> = Ring::new(kmax + 1);
        let mut log_c = vec![0.0f64; n + 1];
        // What the mass of each step needs of the forward sums at its start
        // (`forward_part`) and of the backward sums at its end (the state it
        // ends in), taken as each sweep passes them.
        let mut at_start = vec![0.0f64; path.len()];
        let mut starts = by_start.iter().peekable();
        let mut log_z = f64::NEG_INFINITY;
        for i in 0..=n {
            let (lo, hi) = row(i);
            let mut cur = f.take(i, lo, hi, (zero, 0.0));
            // Row i is first summed in the scale of row i − 1; row i − k is
            // in its own, `rel[k]` = C_{i−k} / C_{i−1} converts.
            let prev_log = if i > 0 {
                log_c.get(i - 1).copied().unwrap_or(0.0)
            } else {
                0.0
            };
            rel.clear();
            rel.extend((0..=kmax).map(|k| {
                if k >= 1 && k <= i {
                    (log_c.get(i - k).copied().unwrap_or(0.0) - prev_log).exp()
                } else {
                    0.0
                }
            }));
            let costs = table_row(i);
            let cached = sub.first_cell(i) * ns;
            let width = hi.saturating_sub(lo).min(cur.len());
            // The sum over the non-null beads into each cell, shape by shape
            // (each cell adds the shapes in their order, as a cell-by-cell
            // loop would): a bead of height k starts in row i − k, held
            // (none for a height of 0: the shapes are non-null).
            into.clear();
            into.extend((lo..lo + width).map(|j| if i == 0 && j == 0 { 1.0 } else { 0.0 }));
            for (si, &(k, l)) in shapes.iter().enumerate() {
                if k == 0 || k > i {
                    continue;
                }
                let (plo, prow) = f.row(i - k);
                let r = rel.get(k).copied().unwrap_or(0.0);
                // The offsets whose start column j − l is in that row.
                let from = (l + plo).saturating_sub(lo);
                let to = (l + plo + prow.len()).saturating_sub(lo).min(width);
                let (Some(begins), Some(sums)) = (
                    prow.get((lo + from).saturating_sub(l + plo)..),
                    into.get_mut(from..to),
                ) else {
                    continue;
                };
                for ((off, sum), &(_, tot)) in (from..).zip(sums).zip(begins) {
                    let w = weight_in(costs, lo + off, si);
                    if let Some(slot) = cache.get_mut(cached + off * ns + si) {
                        *slot = w;
                    }
                    *sum += tot * r * w;
                }
            }
            let (above_lo, above) = if i > 0 { f.row(i - 1) } else { (0, &[][..]) };
            let mut largest = 0.0f64;
            for (off, &into_m) in into.iter().enumerate() {
                let j = lo + off;
                let mut acc = [into_m, 0.0, 0.0];
                if let Some((prev, _)) = j.checked_sub(above_lo).and_then(|x| above.get(x)) {
                    let nw = at(&src_null, true, i - 1, j);
                    acc[D] = (0..3).map(|ps| prev[ps] * null_w(nw, ps, D)).sum();
                }
                if let Some((prev, _)) = off.checked_sub(1).and_then(|x| cur.get(x)) {
                    let nw = at(&tgt_null, false, j - 1, i);
                    acc[I] = (0..3).map(|ps| prev[ps] * null_w(nw, ps, I)).sum();
                }
                let tot = acc[M] + acc[D] + acc[I];
                largest = largest.max(tot);
                if let Some(c) = cur.get_mut(off) {
                    *c = (acc, tot);
                }
            }
            let scale = row_scale(largest);
            for (states, tot) in &mut cur {
                divide(std::slice::from_mut(states), scale);
                *tot /= scale;
            }
            f.put(i, cur);
            if let Some(lc) = log_c.get_mut(i) {
                *lc = prev_log + scale.ln();
            }
            while let Some(&&p) = starts.peek() {
                let Some(s) = path.get(p).filter(|s| s.i0 == i) else {
                    break;
                };
                if let (Some((fv, f_tot)), Some(slot)) = (f.get(i, s.j0), at_start.get_mut(p)) {
                    *slot = forward_part(s, fv, f_tot);
                }
                starts.next();
            }
            if i == n {
                log_z = f.get(n, m).map_or(f64::NEG_INFINITY, |(_, tot)| tot.ln());
            }
        }
        (at_start, log_c, log_z)
    };

    // Backward. Row i is stored divided by D_i, the product of the row
    // scales from i on (`log_d[i]` = ln D_i). It reads the forward
    // sweep's weights from `cache`, if any. Returns each step's backward
    // part and the logarithms of the row scales.
    let backward = |cache: &[f64]| -> (Vec<f64>, Vec<f64>) {
        // The row-scale ratios of the rows a bead reaches forward over,
        // and the sums over the non-null beads out of each cell of a row,
        // refilled per row.
        let mut rel: Vec<f64> = Vec::with_capacity(kmax + 1);
        let mut into: Vec<f64> = Vec::new();
        let mut b: Ring<[f64; 3]> = Ring::new(kmax + 1);
        let mut log_d = vec![0.0f64; n + 2];
        let mut at_end = vec![0.0f64; path.len()];
        let mut ends = by_end.iter().peekable();
        for i in (0..=n).rev() {
            let (lo, hi) = row(i);
            let mut cur = b.take(i, lo, hi, zero);
            let next_log = log_d.get(i + 1).copied().unwrap_or(0.0);
            rel.clear();
            rel.extend((0..=kmax).map(|k| {
                if k >= 1 && i + k <= n {
                    (log_d.get(i + k).copied().unwrap_or(0.0) - next_log).exp()
                } else {
                    0.0
                }
            }));
            // The rows a bead of each height reaches forward to, with their
            // costs and the first of their weights kept.
            let nexts: Vec<Ahead> = (0..=kmax)
                .map(|k| {
                    let (plo, prow) = if k == 0 { (0, &[][..]) } else { b.row(i + k) };
                    (plo, prow, table_row(i + k), sub.first_cell(i + k) * ns)
                })
                .collect();
            let width = hi.saturating_sub(lo).min(cur.len());
            // The sum over the non-null beads out of each cell, shape by
            // shape (in their order for each cell, as a cell-by-cell loop
            // would).
            into.clear();
            into.resize(width, 0.0);
            for (si, &(k, l)) in shapes.iter().enumerate() {
                let Some(&(plo, prow, costs, cached)) = nexts.get(k) else {
                    continue;
                };
                let r = rel.get(k).copied().unwrap_or(0.0);
                // The offsets whose end column j + l is in that row.
                let from = plo.saturating_sub(lo + l);
                let to = (plo + prow.len()).saturating_sub(lo + l).min(width);
                let (Some(ends), Some(sums)) = (
                    prow.get((lo + from + l).saturating_sub(plo)..),
                    into.get_mut(from..to),
                ) else {
                    continue;
                };
                for ((off, sum), next) in (from..).zip(sums).zip(ends) {
                    let x = lo + off + l - plo;
                    let w = match cache.get(cached + x * ns + si) {
                        Some(&w) => w,
                        None => weight_in(costs, lo + off + l, si),
                    };
                    *sum += w * next[M] * r;
                }
            }
            let (below_lo, below) = nexts
                .get(1)
                .map_or((0, &[][..]), |&(plo, prow, _, _)| (plo, prow));
            let mut largest = 0.0f64;
            for (off, &into_m) in into.iter().enumerate().rev() {
                let j = lo + off;
                let acc = if i == n && j == m {
                    [1.0; 3]
                } else {
                    let next_d = j
                        .checked_sub(below_lo)
                        .and_then(|x| below.get(x))
                        .map_or(0.0, |c| c[D]);
                    let next_i = cur.get(off + 1).map_or(0.0, |c| c[I]);
                    let nd = at(&src_null, true, i, j);
                    let ni = at(&tgt_null, false, j, i);
                    std::array::from_fn(|s| {
                        into_m + next_d * null_w(nd, s, D) + next_i * null_w(ni, s, I)
                    })
                };
                largest = acc.iter().copied().fold(largest, f64::max);
                if let Some(c) = cur.get_mut(off) {
                    *c = acc;
                }
            }
            drop(nexts);
            let scale = row_scale(largest);
            divide(&mut cur, scale);
            b.put(i, cur);
            if let Some(ld) = log_d.get_mut(i) {
                *ld = next_log + scale.ln();
            }
            while let Some(&&p) = ends.peek() {
                let Some(s) = path.get(p).filter(|s| s.i1 == i) else {
                    break;
                };
                if let (Some(cell), Some(slot)) = (b.get(i, s.j1), at_end.get_mut(p)) {
                    *slot = cell[end_state(s)];
                }
                ends.next();
            }
        }
        (at_end, log_d)
    };
    // With the forward weights kept, the backward sweep reads them, so it
    // runs second; without, the two sweeps are independent and run side
    // by side (on a long document, where each is a pass over the band).
    let ((at_start, log_c, log_z), (at_end, log_d)) = if cache.is_empty() {
        rayon::join(|| forward(&mut []), || backward(&[]))
    } else {
        let fw = forward(&mut cache);
        (fw, backward(&cache))
    };

    let log_z = log_z + log_c.get(n).copied().unwrap_or(0.0);
    path.iter()
        .zip(at_start.iter().zip(&at_end))
        .map(|(s, (&fwd, &bwd))| {
            if !in_sub(s) {
                return 0.0;
            }
            let (k, l) = (s.i1 - s.i0, s.j1 - s.j0);
            let mass = if k > 0 && l > 0 {
                // A shape the lattice does not hold has no mass in it.
                let Some(si) = shapes.iter().position(|&sh| sh == (k, l)) else {
                    return 0.0;
                };
                fwd * weight(s.i1, s.j1, si) * bwd
            } else {
                fwd * bwd
            };
            let log_p = mass.ln()
                + log_c.get(s.i0).copied().unwrap_or(0.0)
                + log_d.get(s.i1).copied().unwrap_or(0.0)
                - log_z;
            let p = log_p.exp();
            if p.is_finite() {
                p.clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect()
}
