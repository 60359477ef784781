//! Straightforward forms of the lattice sums, for the tests: the
//! searches of [`super::viterbi`] and [`super::posteriors`] keep a few rows
//! where these store every cell, and must give the same numbers.

use super::posteriors::{divide, row_scale};
use super::viterbi::argmin;
use super::{null_cost, Band, NullFn, Shape, Step, D, I, M};

/// [`viterbi`](super::viterbi) with the scores of every cell stored and a
/// byte per state for the back-pointers (as before the scores were kept
/// for a few rows only): the reference its paths must match.
pub(super) fn viterbi_stored(
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

/// ln Σ e^v over `values`.
pub(super) fn logsumexp(values: &[f64]) -> f64 {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + values.iter().map(|v| (v - max).exp()).sum::<f64>().ln()
}

/// [`posteriors`](super::posteriors) with the forward and backward sums
/// stored for every cell (as before they were kept for a few rows only):
/// the reference its arithmetic must match bit for bit.
///
/// Posterior probability of each step of `path` under the lattice with
/// costs divided by `temperature`. The sums run over `sub`, a band inside
/// `band` (whose [`cost_table`](super::cost_table) is `table`) around the path: the mass of
/// paths far from the best one is negligible. `path` may also hold steps
/// off the best path whose cells are in `sub` (0 for a shape the lattice
/// does not search).
///
/// The sums are kept as probabilities (an exponential per bead weight in
/// each direction, no logarithm per cell), each row scaled by its largest
/// value so that long documents do not underflow; the scales are kept as
/// logarithms.
#[allow(clippy::too_many_arguments)]
pub(super) fn posteriors_stored(
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

/// The former log-space sums (a log-sum-exp per state and cell), as
/// the reference for [`posteriors`](super::posteriors).
#[allow(clippy::too_many_arguments)]
pub(super) fn posteriors_in_logs(
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
