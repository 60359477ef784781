//! The banded lattice: Viterbi for the best path, forward–backward for
//! bead posteriors. Three states per cell remember whether the last bead
//! was a deletion (1-0), an insertion (0-1) or anything else, so that a
//! run of null beads pays an opening cost once and a smaller cost per
//! further sentence.
//!
//! - [`band`]: the corridor of cells the searches run in;
//! - [`costs`]: the table of the non-null beads' costs over a band;
//! - [`viterbi`]: the best path;
//! - [`posteriors`]: forward–backward sums and the posterior of each step.
//!
//! Memory: the cost table is the only array over the whole band besides
//! Viterbi's back-pointers (two bytes a cell); the scores and the
//! forward and backward sums are kept for the last few rows only (as
//! many as the tallest shape needs), so a long document costs little more
//! than its table.

mod band;
mod costs;
mod posteriors;
#[cfg(test)]
mod reference;
mod ring;
#[cfg(test)]
mod tests;
mod viterbi;

pub(crate) use band::Band;
#[cfg(test)]
pub(crate) use costs::cost_table;
pub(crate) use costs::{cost_table_reusing, CostTable};
pub(crate) use posteriors::posteriors;
pub(crate) use viterbi::viterbi;

/// A bead shape: source and target sentence counts.
pub(crate) type Shape = (usize, usize);

/// Prices null beads: `price(source side?, sentence index, extends a
/// run?, the other side is inside a paragraph there?)`, with, per
/// position of each side (`0..=` its sentence count), whether it is
/// inside a paragraph (the sentences on either side of it share one; a
/// position missing is not). A source null of sentence `i` in column `j`
/// sits at target position `j`.
pub(crate) struct NullPrices<'a> {
    pub price: &'a (dyn Fn(bool, usize, bool, bool) -> f64 + Sync),
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
    #[cfg(test)]
    pub(crate) fn cost(&self, src: bool, k: usize, other: usize, extend: bool) -> f64 {
        (self.price)(src, k, extend, self.inside(src, other) == 1)
    }
}

/// The state of a cell whose last bead is not a null bead.
const M: usize = 0;
/// The state of a cell whose last bead is a deletion (1-0).
const D: usize = 1;
/// The state of a cell whose last bead is an insertion (0-1).
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
#[cfg(test)]
fn null_cost(prev: usize, into: usize, i: usize, j: usize, nc: NullFn) -> f64 {
    if into == D {
        nc.cost(true, i - 1, j, prev == D)
    } else {
        nc.cost(false, j - 1, i, prev == I)
    }
}
