//! The best path through the band.
//!
//! The scores are kept for the rows a bead reaches back over only (a
//! [`Ring`]); what the trace back needs of every cell is its
//! back-pointers, packed into two bytes.

use super::ring::Ring;
use super::{null_cost, Band, CostTable, NullFn, Shape, Step, D, I, M};

/// The back-pointers of a cell packed into 16 bits: bits 0–1 the state
/// before a deletion (D) plus one, bits 2–3 the state before an
/// insertion (I) plus one, bits 4–15 for state M the shape index times 3
/// plus the state before, plus one; 0 in a field is none.
#[derive(Clone, Copy, Default)]
struct Back(u16);

impl Back {
    /// The back-pointer of `state`: the shape index (`None` for a null
    /// bead) and the state before; `None` if the cell was not reached in
    /// that state.
    fn get(self, state: usize) -> Option<(Option<usize>, usize)> {
        let code = usize::from(self.0);
        match state {
            M => (code >> 4).checked_sub(1).map(|c| (Some(c / 3), c % 3)),
            D => (code & 3).checked_sub(1).map(|p| (None, p)),
            _ => ((code >> 2) & 3).checked_sub(1).map(|p| (None, p)),
        }
    }

    /// Sets the back-pointer of `state` to a bead of shape `shape` (`None`
    /// for a null bead) from state `prev`.
    fn set(&mut self, state: usize, shape: Option<usize>, prev: usize) {
        let prev = prev as u16 + 1;
        self.0 = match (state, shape) {
            (M, Some(s)) => (self.0 & 0xF) | (((s as u16) * 3 + prev) << 4),
            (D, _) => (self.0 & !3) | prev,
            _ => (self.0 & !0xC) | (prev << 2),
        };
    }
}

/// The most shapes the packed back-pointers hold (12 bits for M).
const MAX_SHAPES: usize = (0xFFF - 1) / 3;

/// The best path through the band, given the [`cost_table`](super::cost_table)
/// of the non-null beads and the price of null beads.
pub(crate) fn viterbi(
    band: &Band,
    n: usize,
    m: usize,
    shapes: &[Shape],
    nc: NullFn,
    table: &CostTable,
) -> Vec<Step> {
    let ns = shapes.len();
    assert!(ns <= MAX_SHAPES, "at most {MAX_SHAPES} shapes");
    let kmax = shapes.iter().map(|s| s.0).max().unwrap_or(0).max(1);
    let inf = [f32::INFINITY; 3];
    let mut v: Ring<[f32; 3]> = Ring::new(kmax + 1);
    let mut back = vec![Back::default(); band.cells()];
    for i in 0..=n {
        let (lo, hi) = (
            band.lo.get(i).copied().unwrap_or(0),
            band.hi.get(i).copied().unwrap_or(0),
        );
        v.start(i, lo, hi, inf);
        if i == 0 {
            v.set(0, 0, [0.0, f32::INFINITY, f32::INFINITY]);
        }
        for j in lo..hi {
            let Some(here) = band.index(i, j) else {
                continue;
            };
            let mut best = v.get(i, j).unwrap_or(inf);
            let mut bp = Back::default();
            let costs = table.cell(i, here);
            for (si, (&(k, l), &c)) in shapes.iter().zip(costs).enumerate() {
                if !c.is_finite() || k > i || l > j {
                    continue;
                }
                let Some(prev) = v.get(i - k, j - l) else {
                    continue;
                };
                let (ps, pv) = argmin(prev);
                let total = pv + c;
                if total < best[M] {
                    best[M] = total;
                    bp.set(M, Some(si), ps);
                }
            }
            for (state, di, dj) in [(D, 1, 0), (I, 0, 1)] {
                if di > i || dj > j {
                    continue;
                }
                let Some(prev) = v.get(i - di, j - dj) else {
                    continue;
                };
                // Opening a run (from the other states) and extending one.
                let (open, extend) = (
                    null_cost(M, state, i, j, nc) as f32,
                    null_cost(state, state, i, j, nc) as f32,
                );
                for (ps, pv) in prev.iter().enumerate() {
                    let total = pv + if ps == state { extend } else { open };
                    if total < best[state] {
                        best[state] = total;
                        bp.set(state, None, ps);
                    }
                }
            }
            v.set(i, j, best);
            if let Some(c) = back.get_mut(here) {
                *c = bp;
            }
        }
    }
    // Trace back from (n, m).
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    let Some(end) = v.get(n, m) else {
        return steps;
    };
    let (mut state, _) = argmin(end);
    while i > 0 || j > 0 {
        let Some(here) = band.index(i, j) else { break };
        let Some((shape, prev)) = back.get(here).and_then(|b| b.get(state)) else {
            break;
        };
        let (k, l) = match shape {
            None if state == D => (1, 0),
            None => (0, 1),
            Some(s) => shapes.get(s).copied().unwrap_or((1, 1)),
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

/// The cheapest state of a cell and its score (M before D before I on
/// ties).
pub(super) fn argmin(v: [f32; 3]) -> (usize, f32) {
    let mut best = (M, v[M]);
    for s in [D, I] {
        if v[s] < best.1 {
            best = (s, v[s]);
        }
    }
    best
}
