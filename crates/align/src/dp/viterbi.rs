//! The best path through the band.
//!
//! The scores are kept for the rows a bead reaches back over only (a
//! [`Ring`]); what the trace back needs of every cell is its
//! back-pointers, packed into two bytes.

use super::ring::Ring;
use super::{Band, CostTable, NullFn, Shape, Step, D, I, M};

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

/// A cell of the scores: per state, and the cheapest state with its
/// score ([`argmin`], worked out once for every bead that leaves it).
#[derive(Clone, Copy)]
struct Cell {
    states: [f32; 3],
    best: f32,
    arg: u8,
}

impl Cell {
    /// A cell with these scores.
    fn of(states: [f32; 3]) -> Self {
        let (arg, best) = argmin(states);
        Cell {
            states,
            best,
            arg: arg as u8,
        }
    }
}

/// The prices of a null bead of one sentence as `f32`: (opening a run,
/// extending one), where the other side is at a paragraph boundary and
/// where it is inside a paragraph.
type NullPair = [(f32, f32); 2];

/// The prices of a null bead of sentence `k` of one side.
fn null_pair(nc: NullFn, src: bool, k: usize) -> NullPair {
    std::array::from_fn(|inside| {
        let price = |extend| (nc.price)(src, k, extend, inside == 1) as f32;
        (price(false), price(true))
    })
}

/// The best path through the band, given the [`cost_table`](super::cost_table)
/// of the non-null beads (every shape at least one sentence a side) and
/// the price of null beads.
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
    let inf = Cell::of([f32::INFINITY; 3]);
    let mut v: Ring<Cell> = Ring::new(kmax + 1);
    let mut back = vec![Back::default(); band.cells()];
    // The target side's null prices of the columns the rows span, a
    // window that moves along with the band (`cols[c]` is column
    // `cols_lo + c`'s sentence before it, `j − 1`).
    let mut cols: std::collections::VecDeque<NullPair> = Default::default();
    let mut cols_lo = 1;
    // Per row, reused: the shapes whose beads start in a row held, and
    // the cheapest non-null bead into each cell.
    let mut plan: Vec<(usize, usize, isize)> = Vec::with_capacity(ns);
    let mut into_m: Vec<(f32, Back)> = Vec::new();
    for i in 0..=n {
        let (lo, hi) = (
            band.lo.get(i).copied().unwrap_or(0),
            band.hi.get(i).copied().unwrap_or(0),
        );
        let mut cur = v.take(i, lo, hi, inf);
        if i == 0 {
            if let Some(c) = cur.first_mut().filter(|_| lo == 0) {
                *c = Cell::of([0.0, f32::INFINITY, f32::INFINITY]);
            }
        }
        // Per shape whose beads start in a row held: its slot, its height,
        // and what takes a cell's offset in row i to its start's there
        // (`j − l` less that row's first column).
        plan.clear();
        plan.extend(shapes.iter().enumerate().filter_map(|(si, &(k, l))| {
            let plo = (k > 0 && k <= i).then(|| v.row(i - k).0)?;
            Some((si, k, lo as isize - l as isize - plo as isize))
        }));
        let row_costs = table.row(band, i);
        let first = band.first_cell(i);
        let width = hi.saturating_sub(lo).min(cur.len());
        // The cheapest non-null bead into each cell and its packed
        // back-pointer, shape by shape (each cell sees the shapes in
        // their order, as a cell-by-cell loop would).
        into_m.clear();
        into_m.extend(
            cur.iter()
                .take(width)
                .map(|c| (c.states[M], Back::default())),
        );
        for &(si, k, delta) in &plan {
            let prow = v.row(i - k).1;
            // The offsets whose start is in that row: off + delta in
            // 0..prow.len().
            let from = usize::try_from(-delta).unwrap_or(0);
            let to = usize::try_from(prow.len() as isize - delta)
                .unwrap_or(0)
                .min(width)
                .min(row_costs.len() / ns.max(1));
            let (Some(starts), Some(cells)) = (
                prow.get(from.saturating_add_signed(delta)..),
                into_m.get_mut(from..to),
            ) else {
                continue;
            };
            let costs = row_costs.get(from * ns + si..).unwrap_or_default();
            for ((cell, prev), &c) in cells.iter_mut().zip(starts).zip(costs.iter().step_by(ns)) {
                let total = prev.best + c;
                if c.is_finite() && total < cell.0 {
                    let mut bp = Back::default();
                    bp.set(M, Some(si), usize::from(prev.arg));
                    *cell = (total, bp);
                }
            }
        }
        // Null prices of this row's source sentence (a deletion ends in
        // row i), and of the target sentences of its columns.
        let src_null = (i > 0).then(|| null_pair(nc, true, i - 1));
        let want = lo.max(1);
        while cols_lo < want {
            if cols.pop_front().is_none() {
                cols_lo = want;
                break;
            }
            cols_lo += 1;
        }
        while cols_lo + cols.len() < hi {
            let j = cols_lo + cols.len();
            cols.push_back(null_pair(nc, false, j - 1));
        }
        let src_inside = nc.inside(false, i);
        let (above_lo, above) = if i > 0 { v.row(i - 1) } else { (0, &[][..]) };
        let tgt_null = cols.make_contiguous();
        // The states of the cell to the left, once it is done.
        let mut left: Option<[f32; 3]> = None;
        for (off, (&(m_best, m_back), cell)) in into_m.iter().zip(cur.iter_mut()).enumerate() {
            let j = lo + off;
            let mut best = cell.states;
            best[M] = m_best;
            let mut bp = m_back;
            // A deletion from the cell above, an insertion from the cell
            // to the left: opening a run (from the other states) or
            // extending one.
            let up = j.checked_sub(above_lo).and_then(|x| above.get(x));
            if let (Some(up), Some(p)) = (up, src_null) {
                relax(&mut best, &mut bp, D, &up.states, p[nc.inside(true, j)]);
            }
            let prices = j.checked_sub(cols_lo).and_then(|c| tgt_null.get(c));
            if let (Some(l), Some(p)) = (left, prices) {
                relax(&mut best, &mut bp, I, &l, p[src_inside]);
            }
            *cell = Cell::of(best);
            left = Some(cell.states);
            if let Some(c) = back.get_mut(first + off) {
                *c = bp;
            }
        }
        v.put(i, cur);
    }
    // Trace back from (n, m).
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    let Some(end) = v.get(n, m) else {
        return steps;
    };
    let mut state = usize::from(end.arg);
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

/// Lowers `best[state]` to the cheapest null bead into `state` from the
/// states `prev` of the cell it leaves, at the prices (opening a run,
/// extending one); the states are tried in order, the first cheapest
/// kept.
fn relax(
    best: &mut [f32; 3],
    bp: &mut Back,
    state: usize,
    prev: &[f32; 3],
    (open, extend): (f32, f32),
) {
    for (ps, pv) in prev.iter().enumerate() {
        let total = pv + if ps == state { extend } else { open };
        if total < best[state] {
            best[state] = total;
            bp.set(state, None, ps);
        }
    }
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
