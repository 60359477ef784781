//! The banded lattice: Viterbi for the best path, forward–backward for
//! bead posteriors. Three states per cell remember whether the last bead
//! was a deletion (1-0), an insertion (0-1) or anything else, so that a
//! run of null beads pays an opening cost once and a smaller cost per
//! further sentence.

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
        let mut rows = Vec::with_capacity(self.lo.len());
        let mut rest = data;
        for i in 0..self.lo.len() {
            let width = self
                .hi
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(self.lo.get(i).copied().unwrap_or(0));
            let (row, tail) = std::mem::take(&mut rest).split_at_mut(width * per_cell);
            rows.push((i, row));
            rest = tail;
        }
        rows
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

/// A bead shape: source and target sentence counts.
pub(crate) type Shape = (usize, usize);

/// Prices null beads: `price(source side?, sentence index, extends a
/// run?, the other side is inside a paragraph there?)`, with, per
/// position of each side (`0..=` its sentence count), whether it is
/// inside a paragraph (the sentences on either side of it share one; a
/// position missing is not). A source null of sentence `i` in column `j`
/// sits at target position `j`.
pub(crate) struct NullPrices<'a> {
    pub price: &'a dyn Fn(bool, usize, bool, bool) -> f64,
    pub src_inside: &'a [bool],
    pub tgt_inside: &'a [bool],
}

/// How the searches take the prices of null beads.
pub(crate) type NullFn<'a> = &'a NullPrices<'a>;

impl NullPrices<'_> {
    /// Whether position `x` of the side other than the null's is inside a
    /// paragraph, as 0 or 1.
    fn inside(&self, src: bool, x: usize) -> usize {
        let flags = if src {
            self.tgt_inside
        } else {
            self.src_inside
        };
        usize::from(flags.get(x).copied().unwrap_or(false))
    }

    /// The cost of a null bead of sentence `k` of one side at position
    /// `other` of the other side.
    pub(crate) fn cost(&self, src: bool, k: usize, other: usize, extend: bool) -> f64 {
        (self.price)(src, k, extend, self.inside(src, other) == 1)
    }
}

const M: usize = 0;
const D: usize = 1;
const I: usize = 2;

/// One step of a path: from cell (i0, j0) to (i1, j1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    pub i0: usize,
    pub j0: usize,
    pub i1: usize,
    pub j1: usize,
}

/// Cost of a null bead into `into` (D or I) from state `prev`, ending at
/// cell (i, j).
fn null_cost(prev: usize, into: usize, i: usize, j: usize, nc: NullFn) -> f64 {
    if into == D {
        nc.cost(true, i - 1, j, prev == D)
    } else {
        nc.cost(false, j - 1, i, prev == I)
    }
}

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

/// The best path through the band, given the [`cost_table`] of the
/// non-null beads and the price of null beads.
pub(crate) fn viterbi(
    band: &Band,
    n: usize,
    m: usize,
    shapes: &[Shape],
    nc: NullFn,
    table: &[f32],
) -> Vec<Step> {
    let cells = band.cells();
    let ns = shapes.len();
    let mut v = vec![[f32::INFINITY; 3]; cells];
    // Back-pointer: shape index * 4 + previous state; 255 = none.
    let mut back = vec![[u8::MAX; 3]; cells];
    if let Some(c) = v.get_mut(0) {
        c[M] = 0.0;
    }
    let null_shape = ns as u8;
    for i in 0..=n {
        let (lo, hi) = (
            band.lo.get(i).copied().unwrap_or(0),
            band.hi.get(i).copied().unwrap_or(0),
        );
        for j in lo..hi {
            let Some(here) = band.index(i, j) else {
                continue;
            };
            let mut best = v.get(here).copied().unwrap_or([f32::INFINITY; 3]);
            let mut bp = back.get(here).copied().unwrap_or([u8::MAX; 3]);
            let costs = table.get(here * ns..(here + 1) * ns).unwrap_or_default();
            for (si, (&(k, l), &c)) in shapes.iter().zip(costs).enumerate() {
                if !c.is_finite() {
                    continue;
                }
                let Some(from) = band.index(i - k, j - l) else {
                    continue;
                };
                let (ps, pv) = argmin(v.get(from).copied().unwrap_or([f32::INFINITY; 3]));
                let total = pv + c;
                if total < best[M] {
                    best[M] = total;
                    bp[M] = (si as u8) * 4 + ps as u8;
                }
            }
            for (state, di, dj) in [(D, 1, 0), (I, 0, 1)] {
                if di > i || dj > j {
                    continue;
                }
                let Some(from) = band.index(i - di, j - dj) else {
                    continue;
                };
                let prev = v.get(from).copied().unwrap_or([f32::INFINITY; 3]);
                // Opening a run (from the other states) and extending one.
                let (open, extend) = (
                    null_cost(M, state, i, j, nc) as f32,
                    null_cost(state, state, i, j, nc) as f32,
                );
                for (ps, pv) in prev.iter().enumerate() {
                    let total = pv + if ps == state { extend } else { open };
                    if total < best[state] {
                        best[state] = total;
                        bp[state] = null_shape * 4 + ps as u8;
                    }
                }
            }
            if let Some(c) = v.get_mut(here) {
                *c = best;
            }
            if let Some(c) = back.get_mut(here) {
                *c = bp;
            }
        }
    }
    // Trace back from (n, m).
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    let Some(end) = band.index(n, m) else {
        return steps;
    };
    let (mut state, _) = argmin(v.get(end).copied().unwrap_or([f32::INFINITY; 3]));
    while i > 0 || j > 0 {
        let Some(here) = band.index(i, j) else { break };
        let code = back.get(here).map_or(u8::MAX, |b| b[state]);
        if code == u8::MAX {
            break;
        }
        let (shape, prev) = ((code / 4) as usize, (code % 4) as usize);
        let (k, l) = if shape == ns {
            if state == D {
                (1, 0)
            } else {
                (0, 1)
            }
        } else {
            shapes.get(shape).copied().unwrap_or((1, 1))
        };
        steps.push(Step {
            i0: i - k,
            j0: j - l,
            i1: i,
            j1: j,
        });
        i -= k;
        j -= l;
        state = prev;
    }
    steps.reverse();
    steps
}

fn argmin(v: [f32; 3]) -> (usize, f32) {
    let mut best = (M, v[M]);
    for s in [D, I] {
        if v[s] < best.1 {
            best = (s, v[s]);
        }
    }
    best
}

#[cfg(test)]
fn logsumexp(values: &[f64]) -> f64 {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + values.iter().map(|v| (v - max).exp()).sum::<f64>().ln()
}

/// The scale a row of sums is divided by: its largest value (1 when the
/// row holds no mass).
fn row_scale(largest: f64) -> f64 {
    if largest > 0.0 && largest.is_finite() {
        largest
    } else {
        1.0
    }
}

/// Divides every state of `cells` by `scale`.
fn divide(cells: &mut [[f64; 3]], scale: f64) {
    for x in cells.iter_mut().flatten() {
        *x /= scale;
    }
}

/// Posterior probability of each step of `path` under the lattice with
/// costs divided by `temperature`. The sums run over `sub`, a band inside
/// `band` (whose [`cost_table`] is `table`) around the path: the mass of
/// paths far from the best one is negligible. `path` may also hold steps
/// off the best path whose cells are in `sub` (0 for a shape the lattice
/// does not search).
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
    table: &[f32],
    temperature: f64,
    path: &[Step],
) -> Vec<f64> {
    let t = temperature.max(1e-6);
    let ns = shapes.len();
    let cells = sub.cells();
    let row = |i: usize| {
        (
            sub.lo.get(i).copied().unwrap_or(0),
            sub.hi.get(i).copied().unwrap_or(0),
        )
    };
    // e^(−cost/T) of the bead of shape `si` that ends at (i, j) (the
    // caller has found its start inside `sub`). Computed where used, not
    // stored: a table of them would be the largest array of the pass.
    let weight = |i: usize, j: usize, si: usize| -> f64 {
        let c = band
            .index(i, j)
            .and_then(|cell| table.get(cell * ns + si))
            .copied()
            .unwrap_or(f32::INFINITY);
        if c.is_finite() {
            (-f64::from(c) / t).exp()
        } else {
            0.0
        }
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
    let kmax = shapes.iter().map(|s| s.0).max().unwrap_or(1);
    let zero = [0.0f64; 3];

    // Forward. Row i is stored divided by C_i, the product of the row
    // scales up to i (`log_c[i]` = ln C_i).
    let mut f = vec![zero; cells];
    let mut f_tot = vec![0.0f64; cells];
    let mut log_c = vec![0.0f64; n + 1];
    for i in 0..=n {
        let (lo, hi) = row(i);
        // Row i is first summed in the scale of row i − 1; row i − k is
        // in its own, `rel[k]` = C_{i−k} / C_{i−1} converts.
        let prev_log = if i > 0 {
            log_c.get(i - 1).copied().unwrap_or(0.0)
        } else {
            0.0
        };
        let rel: Vec<f64> = (0..=kmax)
            .map(|k| {
                if k >= 1 && k <= i {
                    (log_c.get(i - k).copied().unwrap_or(0.0) - prev_log).exp()
                } else {
                    0.0
                }
            })
            .collect();
        let mut largest = 0.0f64;
        for j in lo..hi {
            let Some(here) = sub.index(i, j) else {
                continue;
            };
            let mut acc = zero;
            if i == 0 && j == 0 {
                acc[M] = 1.0;
            }
            for (si, &(k, l)) in shapes.iter().enumerate() {
                let from = (k <= i && l <= j)
                    .then(|| sub.index(i - k, j - l))
                    .flatten();
                if let Some(from) = from {
                    acc[M] += f_tot.get(from).copied().unwrap_or(0.0)
                        * rel.get(k).copied().unwrap_or(0.0)
                        * weight(i, j, si);
                }
            }
            if let Some((p, from)) = i.checked_sub(1).and_then(|p| Some((p, sub.index(p, j)?))) {
                let nw = at(&src_null, true, p, j);
                let prev = f.get(from).copied().unwrap_or(zero);
                acc[D] = (0..3).map(|ps| prev[ps] * null_w(nw, ps, D)).sum();
            }
            if let Some((p, from)) = j.checked_sub(1).and_then(|p| Some((p, sub.index(i, p)?))) {
                let nw = at(&tgt_null, false, p, i);
                let prev = f.get(from).copied().unwrap_or(zero);
                acc[I] = (0..3).map(|ps| prev[ps] * null_w(nw, ps, I)).sum();
            }
            let tot = acc[M] + acc[D] + acc[I];
            largest = largest.max(tot);
            if let Some(c) = f.get_mut(here) {
                *c = acc;
            }
            if let Some(c) = f_tot.get_mut(here) {
                *c = tot;
            }
        }
        let cells = sub.row(i).map(|(_, r)| r).unwrap_or_default();
        let scale = row_scale(largest);
        divide(f.get_mut(cells.clone()).unwrap_or_default(), scale);
        for c in f_tot.get_mut(cells).unwrap_or_default() {
            *c /= scale;
        }
        if let Some(lc) = log_c.get_mut(i) {
            *lc = prev_log + scale.ln();
        }
    }

    // Backward. Row i is stored divided by D_i, the product of the row
    // scales from i on (`log_d[i]` = ln D_i).
    let mut b = vec![zero; cells];
    let mut log_d = vec![0.0f64; n + 2];
    for i in (0..=n).rev() {
        let (lo, hi) = row(i);
        let next_log = log_d.get(i + 1).copied().unwrap_or(0.0);
        let rel: Vec<f64> = (0..=kmax)
            .map(|k| {
                if k >= 1 && i + k <= n {
                    (log_d.get(i + k).copied().unwrap_or(0.0) - next_log).exp()
                } else {
                    0.0
                }
            })
            .collect();
        let mut largest = 0.0f64;
        for j in (lo..hi).rev() {
            let Some(here) = sub.index(i, j) else {
                continue;
            };
            let acc = if i == n && j == m {
                [1.0; 3]
            } else {
                let mut into_m = 0.0;
                for (si, &(k, l)) in shapes.iter().enumerate() {
                    let Some(to) = sub.index(i + k, j + l) else {
                        continue;
                    };
                    into_m += weight(i + k, j + l, si)
                        * b.get(to).map_or(0.0, |c| c[M])
                        * rel.get(k).copied().unwrap_or(0.0);
                }
                let next_d = sub
                    .index(i + 1, j)
                    .and_then(|to| b.get(to))
                    .map_or(0.0, |c| c[D]);
                let next_i = sub
                    .index(i, j + 1)
                    .and_then(|to| b.get(to))
                    .map_or(0.0, |c| c[I]);
                let nd = at(&src_null, true, i, j);
                let ni = at(&tgt_null, false, j, i);
                std::array::from_fn(|s| {
                    into_m + next_d * null_w(nd, s, D) + next_i * null_w(ni, s, I)
                })
            };
            largest = acc.iter().copied().fold(largest, f64::max);
            if let Some(c) = b.get_mut(here) {
                *c = acc;
            }
        }
        let scale = row_scale(largest);
        let cells = sub.row(i).map(|(_, r)| r).unwrap_or_default();
        divide(b.get_mut(cells).unwrap_or_default(), scale);
        if let Some(ld) = log_d.get_mut(i) {
            *ld = next_log + scale.ln();
        }
    }

    let log_z = sub
        .index(n, m)
        .and_then(|e| f_tot.get(e))
        .map_or(f64::NEG_INFINITY, |v| v.ln())
        + log_c.get(n).copied().unwrap_or(0.0);
    path.iter()
        .map(|s| {
            let (Some(from), Some(to)) = (sub.index(s.i0, s.j0), sub.index(s.i1, s.j1)) else {
                return 0.0;
            };
            let fv = f.get(from).copied().unwrap_or(zero);
            let bv = b.get(to).copied().unwrap_or(zero);
            let (k, l) = (s.i1 - s.i0, s.j1 - s.j0);
            let mass = if k > 0 && l > 0 {
                // A shape the lattice does not hold has no mass in it.
                let Some(si) = shapes.iter().position(|&sh| sh == (k, l)) else {
                    return 0.0;
                };
                f_tot.get(from).copied().unwrap_or(0.0) * weight(s.i1, s.j1, si) * bv[M]
            } else if k == 1 {
                let nw = at(&src_null, true, s.i0, s.j0);
                (0..3).map(|ps| fv[ps] * null_w(nw, ps, D)).sum::<f64>() * bv[D]
            } else {
                let nw = at(&tgt_null, false, s.j0, s.i0);
                (0..3).map(|ps| fv[ps] * null_w(nw, ps, I)).sum::<f64>() * bv[I]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The former log-space sums (a log-sum-exp per state and cell), as
    /// the reference for [`posteriors`].
    #[allow(clippy::too_many_arguments)]
    fn posteriors_in_logs(
        band: &Band,
        sub: &Band,
        n: usize,
        m: usize,
        shapes: &[Shape],
        nc: NullFn,
        table: &[f32],
        temperature: f64,
        path: &[Step],
    ) -> Vec<f64> {
        let t = temperature.max(1e-6);
        let ns = shapes.len();
        let cells = sub.cells();
        let ninf = [f64::NEG_INFINITY; 3];
        // Cost of the bead of shape `s` that ends at (i, j).
        let cost = |i: usize, j: usize, s: usize| {
            band.index(i, j)
                .and_then(|cell| table.get(cell * ns + s))
                .map_or(f64::INFINITY, |&c| f64::from(c))
        };
        let mut terms: Vec<f64> = Vec::with_capacity(ns + 3);
        // Forward, with the log-sum over states of each cell kept apart.
        let mut f = vec![ninf; cells];
        let mut f_tot = vec![f64::NEG_INFINITY; cells];
        for i in 0..=n {
            let (lo, hi) = (
                sub.lo.get(i).copied().unwrap_or(0),
                sub.hi.get(i).copied().unwrap_or(0),
            );
            for j in lo..hi {
                let Some(here) = sub.index(i, j) else {
                    continue;
                };
                let mut acc = ninf;
                if i == 0 && j == 0 {
                    acc[M] = 0.0;
                }
                terms.clear();
                for (si, &(k, l)) in shapes.iter().enumerate() {
                    if k > i || l > j {
                        continue;
                    }
                    let c = cost(i, j, si);
                    if !c.is_finite() {
                        continue;
                    }
                    let Some(from) = sub.index(i - k, j - l) else {
                        continue;
                    };
                    let prev = f_tot.get(from).copied().unwrap_or(f64::NEG_INFINITY);
                    if prev.is_finite() {
                        terms.push(prev - c / t);
                    }
                }
                if !terms.is_empty() {
                    terms.push(acc[M]);
                    acc[M] = logsumexp(&terms);
                }
                for (state, di, dj) in [(D, 1, 0), (I, 0, 1)] {
                    if di > i || dj > j {
                        continue;
                    }
                    let Some(from) = sub.index(i - di, j - dj) else {
                        continue;
                    };
                    let prev = f.get(from).copied().unwrap_or(ninf);
                    let mut into = [f64::NEG_INFINITY; 3];
                    for (ps, pv) in prev.iter().enumerate() {
                        if pv.is_finite() {
                            if let Some(slot) = into.get_mut(ps) {
                                *slot = pv - null_cost(ps, state, i, j, nc) / t;
                            }
                        }
                    }
                    acc[state] = logsumexp(&into);
                }
                if let Some(c) = f.get_mut(here) {
                    *c = acc;
                }
                if let Some(c) = f_tot.get_mut(here) {
                    *c = logsumexp(&acc);
                }
            }
        }
        // Backward.
        let mut b = vec![ninf; cells];
        if let Some(end) = sub.index(n, m).and_then(|e| b.get_mut(e)) {
            *end = [0.0; 3];
        }
        for i in (0..=n).rev() {
            let (lo, hi) = (
                sub.lo.get(i).copied().unwrap_or(0),
                sub.hi.get(i).copied().unwrap_or(0),
            );
            for j in (lo..hi).rev() {
                if i == n && j == m {
                    continue;
                }
                let Some(here) = sub.index(i, j) else {
                    continue;
                };
                terms.clear();
                for (si, &(k, l)) in shapes.iter().enumerate() {
                    let Some(to) = sub.index(i + k, j + l) else {
                        continue;
                    };
                    let next = b.get(to).map_or(f64::NEG_INFINITY, |c| c[M]);
                    let c = cost(i + k, j + l, si);
                    if next.is_finite() && c.is_finite() {
                        terms.push(next - c / t);
                    }
                }
                let into_m = if terms.is_empty() {
                    f64::NEG_INFINITY
                } else {
                    logsumexp(&terms)
                };
                let next_d = sub
                    .index(i + 1, j)
                    .and_then(|to| b.get(to))
                    .map_or(f64::NEG_INFINITY, |c| c[D]);
                let next_i = sub
                    .index(i, j + 1)
                    .and_then(|to| b.get(to))
                    .map_or(f64::NEG_INFINITY, |c| c[I]);
                let mut acc = ninf;
                for (s, slot) in acc.iter_mut().enumerate() {
                    let d = if next_d.is_finite() {
                        next_d - null_cost(s, D, i + 1, j, nc) / t
                    } else {
                        next_d
                    };
                    let ins = if next_i.is_finite() {
                        next_i - null_cost(s, I, i, j + 1, nc) / t
                    } else {
                        next_i
                    };
                    *slot = logsumexp(&[into_m, d, ins]);
                }
                if let Some(c) = b.get_mut(here) {
                    *c = acc;
                }
            }
        }
        let z = sub
            .index(n, m)
            .and_then(|e| f_tot.get(e))
            .copied()
            .unwrap_or(f64::NEG_INFINITY);
        path.iter()
            .map(|s| {
                let (Some(from), Some(to)) = (sub.index(s.i0, s.j0), sub.index(s.i1, s.j1)) else {
                    return 0.0;
                };
                let fv = f.get(from).copied().unwrap_or(ninf);
                let bv = b.get(to).copied().unwrap_or(ninf);
                let (k, l) = (s.i1 - s.i0, s.j1 - s.j0);
                let log_p = if k > 0 && l > 0 {
                    let si = shapes.iter().position(|&sh| sh == (k, l)).unwrap_or(0);
                    f_tot.get(from).copied().unwrap_or(f64::NEG_INFINITY) - cost(s.i1, s.j1, si) / t
                        + bv[M]
                } else {
                    let state = if k == 1 { D } else { I };
                    let into: Vec<f64> = (0..3)
                        .map(|ps| fv[ps] - null_cost(ps, state, s.i1, s.j1, nc) / t)
                        .collect();
                    logsumexp(&into) + bv[state]
                };
                let p = (log_p - z).exp();
                if p.is_finite() {
                    p.clamp(0.0, 1.0)
                } else {
                    0.0
                }
            })
            .collect()
    }

    #[test]
    fn band_is_monotone_connected_and_holds_the_corners() {
        let band = Band::around(&[0, 1, 9, 10], 1, 10);
        assert!(band.index(0, 0).is_some());
        assert!(band.index(3, 10).is_some());
        for i in 1..4 {
            assert!(band.lo[i] >= band.lo[i - 1]);
            assert!(band.hi[i] >= band.hi[i - 1]);
            assert!(
                band.hi[i - 1] > band.lo[i],
                "rows {} and {i} overlap",
                i - 1
            );
        }
    }

    #[test]
    fn a_window_is_the_band_cut_to_a_rectangle() {
        let band = Band::around(&[0, 1, 2, 3, 4, 5], 1, 5).holding(&[(2, 4)], 0, 5);
        let win = band.window((2, 1), (4, 4));
        for i in 0..=2 {
            for j in 0..=3 {
                assert_eq!(
                    win.index(i, j).is_some(),
                    band.index(i + 2, j + 1).is_some(),
                    "({i}, {j})"
                );
            }
        }
        assert!(win.index(0, 0).is_some() && win.index(2, 3).is_some());
        assert_eq!(win.hi.last(), Some(&4));
    }

    #[test]
    fn viterbi_prefers_cheap_beads_and_covers_everything() {
        let band = Band::around(&[0, 1, 2, 3], 10, 3);
        let shapes = [(1, 1), (2, 1), (1, 2)];
        let price = |_, _, extend, _| if extend { 2.0 } else { 5.0 };
        let nc = &NullPrices {
            price: &price,
            src_inside: &[],
            tgt_inside: &[],
        };
        // 1-1 beads are cheap on the diagonal.
        let cost = |i: usize, j: usize, k: usize, l: usize| {
            if k == 1 && l == 1 && i == j {
                0.1
            } else {
                3.0
            }
        };
        let fill = |i: usize, j0: usize, _: usize, out: &mut [f32]| {
            for (off, cell) in out.chunks_mut(shapes.len()).enumerate() {
                let j = j0 + off;
                for (slot, &(k, l)) in cell.iter_mut().zip(&shapes) {
                    if k <= i && l <= j {
                        *slot = cost(i - k, j - l, k, l) as f32;
                    }
                }
            }
        };
        let table = cost_table(&band, &shapes, &fill);
        let path = viterbi(&band, 3, 3, &shapes, nc, &table);
        assert_eq!(path.len(), 3);
        assert!(path.iter().all(|s| s.i1 - s.i0 == 1 && s.j1 - s.j0 == 1));
        let post = posteriors(&band, &band, 3, 3, &shapes, nc, &table, 1.0, &path);
        assert!(post.iter().all(|&p| p > 0.5 && p <= 1.0), "{post:?}");
    }

    #[test]
    fn null_runs_pay_opening_once() {
        let band = Band::around(&[0, 0, 0, 0], 10, 0);
        let price = |_, _, extend, _| if extend { 1.0 } else { 5.0 };
        let nc = &NullPrices {
            price: &price,
            src_inside: &[],
            tgt_inside: &[],
        };
        let cost = |_: usize, _: usize, _: usize, _: usize| 0.0;
        let fill =
            |_: usize, _: usize, _: usize, out: &mut [f32]| out.fill(cost(0, 0, 1, 1) as f32);
        let table = cost_table(&band, &[(1, 1)], &fill);
        let path = viterbi(&band, 3, 0, &[(1, 1)], nc, &table);
        assert_eq!(path.len(), 3);
        let post = posteriors(&band, &band, 3, 0, &[(1, 1)], nc, &table, 1.0, &path);
        // The only path: every bead is certain.
        assert!(post.iter().all(|&p| (p - 1.0).abs() < 1e-9), "{post:?}");
    }

    #[test]
    fn scaled_posteriors_match_the_log_space_sums() {
        // A pseudo-random lattice: costs from a linear congruential
        // sequence, long enough that unscaled probabilities underflow.
        let mut seed = 12_345u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as f64 / f64::from(1u32 << 31)
        };
        let (n, m) = (400, 380);
        // The shapes up to 4-1 (not 2-3, 3-2).
        let shapes = crate::SHAPES.get(..8).unwrap_or_default();
        assert_eq!(shapes.last(), Some(&(4, 1)));
        let center: Vec<usize> = (0..=n).map(|i| i * m / n).collect();
        let band = Band::around(&center, 6, m);
        let table: Vec<f32> = (0..band.cells() * shapes.len())
            .map(|_| (next() * 12.0) as f32)
            .collect();
        let src_null: Vec<f64> = (0..n).map(|_| 2.0 + next() * 6.0).collect();
        let tgt_null: Vec<f64> = (0..m).map(|_| 2.0 + next() * 6.0).collect();
        // Some positions inside a paragraph, where some sentences pay more
        // to be left unaligned.
        let src_inside: Vec<bool> = (0..=n).map(|_| next() < 0.7).collect();
        let tgt_inside: Vec<bool> = (0..=m).map(|_| next() < 0.7).collect();
        let price = |src: bool, k: usize, extend: bool, inside: bool| {
            let c = if src { src_null[k] } else { tgt_null[k] };
            let c = if extend { c / 2.0 } else { c };
            if inside && k.is_multiple_of(3) {
                c + 1.5
            } else {
                c
            }
        };
        let nc = &NullPrices {
            price: &price,
            src_inside: &src_inside,
            tgt_inside: &tgt_inside,
        };
        let full = cost_table_reusing(
            &band,
            shapes,
            &|_, _, _, out: &mut [f32]| out.fill(0.0),
            None,
        );
        // Keep the infinities of beads that start outside the band.
        let table: Vec<f32> = table
            .iter()
            .zip(&full)
            .map(|(&c, &f)| if f.is_finite() { c } else { f })
            .collect();
        let path = viterbi(&band, n, m, shapes, nc, &table);
        let sub = Band::around_path(&path, 4, n, m);
        for t in [1.0, 1.6] {
            let new = posteriors(&band, &sub, n, m, shapes, nc, &table, t, &path);
            let old = posteriors_in_logs(&band, &sub, n, m, shapes, nc, &table, t, &path);
            assert_eq!(new.len(), path.len());
            for (a, b) in new.iter().zip(&old) {
                assert!((a - b).abs() < 1e-9, "{a} vs {b}");
            }
            assert!(new.iter().any(|&p| p < 0.9), "a lattice with doubt");
        }
    }
}
