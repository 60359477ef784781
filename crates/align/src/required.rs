//! Required beads: alignment around beads a person has fixed.
//!
//! Every path must contain the required beads, so the lattice falls apart
//! at their corners into independent pieces: the rectangle between the
//! end of one required bead and the start of the next. The best path
//! through the restricted lattice is the best path through each piece,
//! joined with the required beads, and the posterior of a bead inside a
//! piece is its posterior within that piece (the sum over paths factors
//! at the corners every path passes). So each piece is searched with the
//! same model (costs in the sentences' own indices), as a lattice of its
//! own: nothing in the DP changes.
//!
//! A required bead ends any run of null beads: the piece after it starts
//! afresh, so a null bead just after a required one pays the opening
//! cost.

use std::ops::Range;

use crate::dp::{self, Band, Step};
use crate::model::{build_model, pair_cache_reusing, RunScratch};
use crate::prepare::Prepared;
use crate::search::{Pass, Search, POSTERIOR_BAND};
use crate::{Aligner, Sentence};

/// Why a list of required beads cannot be aligned with
/// ([`Aligner::align_required`]). Beads are counted from 0 in the order
/// given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequiredError {
    /// A bead with no sentence on either side, or a range whose end is
    /// before its start.
    #[error("required bead {index} ({src:?}, {tgt:?}) holds no sentence")]
    Empty {
        /// The bead's position in the list.
        index: usize,
        /// Its source sentences.
        src: Range<usize>,
        /// Its target sentences.
        tgt: Range<usize>,
    },
    /// A bead beyond the last sentence of a side.
    #[error(
        "required bead {index} ({src:?}, {tgt:?}) lies beyond the {n} source and {m} target sentences"
    )]
    OutOfRange {
        /// The bead's position in the list.
        index: usize,
        /// Its source sentences.
        src: Range<usize>,
        /// Its target sentences.
        tgt: Range<usize>,
        /// Source sentences.
        n: usize,
        /// Target sentences.
        m: usize,
    },
    /// A bead that starts before the previous one ends on either side:
    /// beads must be in document order and must not overlap.
    #[error("required bead {index} overlaps or comes before required bead {}", index - 1)]
    OutOfOrder {
        /// The bead's position in the list.
        index: usize,
    },
}

/// The required beads as steps of a path, checked: each holds a sentence,
/// lies within the `n` × `m` sentences, and starts where or after the
/// previous one ends on both sides.
pub(crate) fn steps(
    required: &[(Range<usize>, Range<usize>)],
    n: usize,
    m: usize,
) -> Result<Vec<Step>, RequiredError> {
    let mut out: Vec<Step> = Vec::with_capacity(required.len());
    for (index, (src, tgt)) in required.iter().enumerate() {
        let (src, tgt) = (src.clone(), tgt.clone());
        if src.start > src.end || tgt.start > tgt.end || (src.is_empty() && tgt.is_empty()) {
            return Err(RequiredError::Empty { index, src, tgt });
        }
        if src.end > n || tgt.end > m {
            return Err(RequiredError::OutOfRange {
                index,
                src,
                tgt,
                n,
                m,
            });
        }
        if out
            .last()
            .is_some_and(|p| src.start < p.i1 || tgt.start < p.j1)
        {
            return Err(RequiredError::OutOfOrder { index });
        }
        out.push(Step {
            i0: src.start,
            j0: tgt.start,
            i1: src.end,
            j1: tgt.end,
        });
    }
    Ok(out)
}

/// A cell of the lattice: (source sentences, target sentences) before it.
type Corner = (usize, usize);

/// The pieces of the lattice between the required beads: (start corner,
/// end corner) of each, before each required bead and after the last
/// (empty where two required beads touch).
fn pieces(required: &[Step], n: usize, m: usize) -> Vec<(Corner, Corner)> {
    let mut from = (0, 0);
    let mut out = Vec::with_capacity(required.len() + 1);
    for r in required {
        out.push((from, (r.i0, r.j0)));
        from = (r.i1, r.j1);
    }
    out.push((from, (n, m)));
    out
}

/// The only path through a piece with no sentence on one side: a null
/// bead per sentence of the other.
fn null_steps((i0, j0): Corner, (i1, j1): Corner) -> Vec<Step> {
    let src = (i0..i1).map(|i| Step {
        i0: i,
        j0,
        i1: i + 1,
        j1,
    });
    let tgt = (j0..j1).map(|j| Step {
        i0,
        j0: j,
        i1,
        j1: j + 1,
    });
    src.chain(tgt).collect()
}

/// The path of a pair with a side without sentences, through the required
/// beads; every bead's posterior is 1 (there is no other path).
pub(crate) fn trivial_path(required: &[Step], n: usize, m: usize) -> Vec<Step> {
    let mut path = Vec::new();
    for (k, (from, to)) in pieces(required, n, m).into_iter().enumerate() {
        path.extend(null_steps(from, to));
        path.extend(required.get(k).copied());
    }
    path
}

/// One searched piece: its window of the band, cost table and path (in
/// the window's coordinates).
struct Piece {
    from: Corner,
    to: Corner,
    window: Band,
    table: dp::CostTable,
    path: Vec<Step>,
}

/// [`Aligner::search`] through `required` beads (checked by [`steps`],
/// not empty): each piece between them is searched in its window of the
/// band, and the band is widened where a piece's path touches an edge of
/// the band that is not an edge of the piece. The result carries the
/// posteriors (one per step of the path; 1 for a required bead), since
/// its cost tables are the pieces'.
pub(crate) fn search(
    aligner: &Aligner,
    (src, tgt): (&[Sentence], &[Sentence]),
    prep: &Prepared,
    pass: &Pass,
    band: Band,
    required: &[Step],
) -> Search {
    let (n, m) = (src.len(), tgt.len());
    let corners: Vec<(usize, usize)> = required
        .iter()
        .flat_map(|s| [(s.i0, s.j0), (s.i1, s.j1)])
        .collect();
    let mut band = band.holding(&corners, pass.band, m);
    let mut model = build_model(src, tgt, prep, pass, &band);
    let spans = pieces(required, n, m);
    let mut extra = pass.band;
    let mut previous: Vec<Option<(Band, dp::CostTable)>> = vec![None; spans.len()];
    loop {
        let mut searched = Vec::with_capacity(spans.len());
        let mut touching = Vec::new();
        for (&(from, to), old) in spans.iter().zip(&mut previous) {
            let (rows, cols) = (to.0 - from.0, to.1 - from.1);
            if rows == 0 || cols == 0 {
                searched.push(None);
                continue;
            }
            let window = band.window(from, to);
            let fill =
                |scratch: &mut RunScratch, i: usize, j0: usize, j1: usize, out: &mut [f32]| {
                    let (j0, j1) = (j0 + from.1, j1 + from.1);
                    model.costs_in_run(scratch, i + from.0, j0, j1, pass.shapes, out)
                };
            let table = dp::cost_table_reusing(&window, pass.shapes, &fill, old.take());
            let price = |s: bool, k: usize, extend: bool, inside: bool| {
                model.null_at(s, k + if s { from.0 } else { from.1 }, extend, inside)
            };
            let null = window_nulls(&model, &price, from);
            let path = dp::viterbi(&window, rows, cols, pass.shapes, &null, &table);
            touching.extend(
                path.iter()
                    .filter(|s| window.on_inner_edge(s.i1, s.j1, cols))
                    .map(|s| s.i1 + from.0),
            );
            searched.push(Some(Piece {
                from,
                to,
                window,
                table,
                path,
            }));
        }
        let Some(wider) = band.widened_for(&touching, extra, (n, m)) else {
            let (path, posteriors) = join(aligner, &model, pass, &spans, searched, required);
            return Search {
                path,
                band,
                model,
                table: dp::CostTable::default(),
                shapes: pass.shapes.to_vec(),
                posteriors: Some(posteriors),
            };
        };
        let earlier = Some((&model.pair_band, model.pair_matches.as_slice()));
        model.pair_matches = pair_cache_reusing(prep.features(pass.lexicon), &wider, earlier);
        model.pair_band = wider.clone();
        band = wider;
        previous = searched
            .into_iter()
            .map(|p| p.map(|p| (p.window, p.table)))
            .collect();
        extra *= 2;
    }
}

/// The prices of null beads in the window of a piece that starts at
/// `from`: `price` takes the window's sentence indices, and the
/// positions inside paragraphs are the sides' own from `from` on.
fn window_nulls<'a>(
    model: &'a crate::model::Model,
    price: &'a (dyn Fn(bool, usize, bool, bool) -> f64 + Sync),
    from: Corner,
) -> dp::NullPrices<'a> {
    dp::NullPrices {
        price,
        src_inside: model.src.inside.get(from.0..).unwrap_or_default(),
        tgt_inside: model.tgt.inside.get(from.1..).unwrap_or_default(),
    }
}

/// Per step of `path`, whether it is one of the `required` beads (both in
/// document order; every required bead is a step of the path).
pub(crate) fn marks(path: &[Step], required: &[Step]) -> Vec<bool> {
    let mut next = required.iter().peekable();
    path.iter()
        .map(|s| {
            let hit = next.peek().is_some_and(|r| *r == s);
            if hit {
                next.next();
            }
            hit
        })
        .collect()
}

/// The path of the whole pair and its posteriors: each piece's path with
/// its posteriors within the piece, then the required bead after it.
fn join(
    aligner: &Aligner,
    model: &crate::model::Model,
    pass: &Pass,
    spans: &[(Corner, Corner)],
    searched: Vec<Option<Piece>>,
    required: &[Step],
) -> (Vec<Step>, Vec<f64>) {
    let mut path = Vec::new();
    let mut posteriors = Vec::new();
    for (k, (piece, &(from, to))) in searched.into_iter().zip(spans).enumerate() {
        match piece {
            None => {
                let nulls = null_steps(from, to);
                posteriors.extend(nulls.iter().map(|_| 1.0));
                path.extend(nulls);
            }
            Some(p) => {
                let (rows, cols) = (p.to.0 - p.from.0, p.to.1 - p.from.1);
                let price = |s: bool, k: usize, extend: bool, inside: bool| {
                    model.null_at(s, k + if s { p.from.0 } else { p.from.1 }, extend, inside)
                };
                let null = window_nulls(model, &price, p.from);
                let sub = Band::around_path(&p.path, POSTERIOR_BAND, rows, cols);
                posteriors.extend(dp::posteriors(
                    &p.window,
                    &sub,
                    rows,
                    cols,
                    pass.shapes,
                    &null,
                    &p.table,
                    aligner.temperature,
                    &p.path,
                ));
                path.extend(p.path.iter().map(|s| Step {
                    i0: s.i0 + p.from.0,
                    j0: s.j0 + p.from.1,
                    i1: s.i1 + p.from.0,
                    j1: s.j1 + p.from.1,
                }));
            }
        }
        if let Some(&r) = required.get(k) {
            path.push(r);
            posteriors.push(1.0);
        }
    }
    (path, posteriors)
}

#[cfg(test)]
mod tests;
