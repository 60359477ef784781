//! The model: the pricing of beads (length, priors, anchors, punctuation,
//! paragraphs, structure) over a prepared document pair.

use crate::dp::{self, Band, Shape};
use crate::features::{self, Concepts, PUNCT_CLASSES};
use crate::prepare::{Prepared, PARALLEL_MIN_ITEMS};
use crate::priors::{agreement_bin_of, prior_cost, punct_shared, Priors, PunctCosts};
use crate::search::Pass;
use crate::structure::{self, SpanStructure, Structure};
use crate::Sentence;

/// Model constants, in nats.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    pub(crate) number_weight: f64,
    pub(crate) word_weight: f64,
    pub(crate) lexicon_weight: f64,
    pub(crate) punct_weight: f64,
    /// Both sides have items of a feature and none match.
    pub(crate) mismatch: f64,
    /// One side has items of a feature, the other none.
    pub(crate) one_sided: f64,
    pub(crate) paragraph_cross: f64,
    pub(crate) paragraph_start: f64,
    /// A null bead opening a run, and each further one.
    pub(crate) null_open: f64,
    pub(crate) null_extend: f64,
    /// A null bead for a sentence with no anchorable item at all.
    pub(crate) null_unanchored: f64,
    /// A null bead for a one-line paragraph without final punctuation
    /// (bylines, datelines, captions), and one extending a run.
    pub(crate) null_header: f64,
    pub(crate) null_header_extend: f64,
    /// A null bead for a sentence written in a script foreign to its side.
    pub(crate) null_foreign: f64,
    /// A non-null bead holding a sentence with an initial that occurs
    /// nowhere in the other text.
    pub(crate) orphan_initials: f64,
}

pub(crate) const PARAMS: Params = Params {
    number_weight: 6.0,
    word_weight: 6.0,
    lexicon_weight: 6.0,
    punct_weight: 6.0,
    mismatch: 1.0,
    one_sided: 1.0,
    paragraph_cross: 4.0,
    paragraph_start: 1.5,
    null_open: 5.3,
    null_extend: 2.5,
    null_unanchored: 2.5,
    null_header: 1.5,
    null_header_extend: 0.7,
    null_foreign: 1.0,
    orphan_initials: 3.0,
};

pub(crate) const LENGTH_COST_CAP: f64 = 30.0;

/// `ln(erfc(x))` for x ≥ 0, accurate in the far tail (Numerical Recipes'
/// Chebyshev fit, taken in log space so it never underflows).
pub(crate) fn ln_erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t.ln() + poly
}

/// Steps per unit of `|δ|` in the [`length_cost`] table.
pub(crate) const LENGTH_STEPS: f64 = 256.0;

/// The length cost `min(−ln erfc(|δ|/√2), cap)` of a normalised length
/// difference, read from a table (linear interpolation, error below 1e-5
/// but at the corner where the cap starts) instead of computing a
/// logarithm per bead: it is the hottest term of the cost function.
#[cfg(test)]
pub(crate) fn length_cost(delta: f64) -> f64 {
    length_cost_in(length_table(), delta)
}

/// The costs at `|δ|` = k / [`LENGTH_STEPS`] for k = 0, 1, … up to where
/// they reach the cap.
pub(crate) fn length_costs() -> Vec<f64> {
    // Up to the |δ| where the cost reaches the cap (≈ 7.5).
    let mut t = Vec::new();
    let mut k = 0.0;
    loop {
        let c = (-ln_erfc(k / LENGTH_STEPS / std::f64::consts::SQRT_2)).min(LENGTH_COST_CAP);
        t.push(c);
        if c >= LENGTH_COST_CAP {
            break;
        }
        k += 1.0;
    }
    t
}

/// The table [`length_cost`] reads: per step k of [`length_costs`], its
/// cost and the difference to the next one (none after the last, the
/// cap, so that the last step reads the cap like the steps beyond).
fn length_table() -> &'static [(f64, f64)] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<(f64, f64)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let costs = length_costs();
        let next = costs.iter().skip(1).map(Some).chain([None]);
        costs
            .iter()
            .zip(next)
            .map(|(&a, b)| b.map_or((LENGTH_COST_CAP, 0.0), |&b| (a, b - a)))
            .collect()
    })
}

/// [`length_cost`] read from `table` ([`length_table`], fetched once by
/// a loop that prices many beads): `a + (b − a)·(x − k)` between the
/// steps `k` and `k + 1` around `x`, the cap from the last step on.
#[inline]
fn length_cost_in(table: &[(f64, f64)], delta: f64) -> f64 {
    let x = delta * LENGTH_STEPS;
    // Also NaN, and beyond the table.
    if !(0.0..(table.len() as f64)).contains(&x) {
        return LENGTH_COST_CAP;
    }
    // `x` is below the table's length, so within `u32`.
    let k = x as u32 as usize;
    match table.get(k) {
        Some(&(a, d)) => a + d * (x - k as f64),
        None => LENGTH_COST_CAP,
    }
}

/// One side of a document pair, prepared for the cost function.
pub(crate) struct Side {
    /// Prefix sums over the sentences before each index (one more entry
    /// than sentences), in one place so that a span reads two entries.
    pub(crate) prefix: Vec<Prefix>,
    pub(crate) paragraph: Vec<usize>,
    /// Per sentence, the cost of opening a null run with it, and of
    /// extending one.
    pub(crate) null_open: Vec<(f64, f64)>,
    /// Classes and time spans (empty for text that has none).
    pub(crate) structure: Structure,
    /// Per position (`0..=` sentences), whether it is inside a paragraph:
    /// the sentences before and after it share one (and have no time:
    /// in subtitles, time rather than cues tells where a unit ends).
    pub(crate) inside: Vec<bool>,
}

/// Sums over the sentences before an index of one side.
#[derive(Default, Clone, Copy)]
pub(crate) struct Prefix {
    /// Length in characters.
    pub(crate) chars: f64,
    /// The counts, in one array so that a span's are one subtraction of
    /// arrays: per feature, matchable items ([`ITEMS`]); punctuation per
    /// class ([`PUNCT`]) and in all ([`PUNCT_TOTAL`]); sentences with
    /// orphan initials ([`ORPHAN`]).
    pub(crate) counts: [u32; COUNTS],
}

/// Where [`Prefix::counts`] keeps the items of each feature.
const ITEMS: usize = 0;
/// Where [`Prefix::counts`] keeps the punctuation classes.
const PUNCT: usize = 3;
/// Where [`Prefix::counts`] keeps all punctuation marks.
const PUNCT_TOTAL: usize = PUNCT + PUNCT_CLASSES;
/// Where [`Prefix::counts`] keeps the sentences with orphan initials.
const ORPHAN: usize = PUNCT_TOTAL + 1;
/// The length of [`Prefix::counts`].
const COUNTS: usize = ORPHAN + 1;

/// What the cost function needs of a span of sentences `a..b` of one
/// side.
#[derive(Default, Clone, Copy)]
pub(crate) struct Span {
    pub(crate) chars: f64,
    /// Its counts, as in [`Prefix::counts`]: items per feature,
    /// punctuation per class and in all, sentences with orphan initials.
    pub(crate) counts: [u32; COUNTS],
    /// Whether it crosses a paragraph boundary ([`CROSSES`]), starts a
    /// paragraph ([`STARTS`]), holds a sentence with orphan initials
    /// ([`ORPHAN_MARK`]), has items of each feature ([`ITEMS_MARK`] `<<
    /// f`) and punctuation ([`PUNCT_MARK`]): bits, so that a bead
    /// compares its spans' at once.
    pub(crate) marks: u8,
    /// Its sentences' classes and time span.
    pub(crate) structure: SpanStructure,
}

impl Span {
    /// Matchable items of feature `f`.
    #[inline]
    fn items(&self, f: usize) -> u32 {
        self.counts.get(ITEMS + f).copied().unwrap_or(0)
    }

    /// Punctuation counts per class.
    #[inline]
    fn punct(&self) -> &[u32] {
        self.counts.get(PUNCT..PUNCT_TOTAL).unwrap_or_default()
    }
}

/// [`Span::marks`]: it crosses a paragraph boundary.
const CROSSES: u8 = 1;
/// [`Span::marks`]: it starts a paragraph.
const STARTS: u8 = 2;
/// [`Span::marks`]: it holds a sentence with orphan initials.
const ORPHAN_MARK: u8 = 4;
/// [`Span::marks`]: it has items of feature 0 (and, shifted by `f`, of
/// feature `f`).
const ITEMS_MARK: u8 = 8;
/// [`Span::marks`]: it has punctuation.
const PUNCT_MARK: u8 = 64;

impl Side {
    /// The span of sentences `a..b` (non-empty when `a < b`).
    #[inline]
    pub(crate) fn span(&self, a: usize, b: usize) -> Span {
        let zero = Prefix::default();
        let (x, y) = (self.prefix.get(a), self.prefix.get(b));
        let counts = match (x, y) {
            // The sums grow along the side: within it, a plain
            // subtraction of the arrays (which vectorises).
            (Some(x), Some(y)) if a <= b => {
                let mut d = y.counts;
                for (d, x) in d.iter_mut().zip(&x.counts) {
                    *d = d.wrapping_sub(*x);
                }
                d
            }
            _ => self.span_counts_outside(a, b),
        };
        let (x, y) = (x.unwrap_or(&zero), y.unwrap_or(&zero));
        Span {
            chars: y.chars - x.chars,
            counts,
            marks: (u8::from(b > a && self.para(a) != self.para(b - 1)) * CROSSES)
                | (u8::from(self.starts_paragraph(a)) * STARTS)
                | (u8::from(counts[ORPHAN] > 0) * ORPHAN_MARK)
                | (u8::from(counts[ITEMS] > 0) * ITEMS_MARK)
                | (u8::from(counts[ITEMS + 1] > 0) * (ITEMS_MARK << 1))
                | (u8::from(counts[ITEMS + 2] > 0) * (ITEMS_MARK << 2))
                | (u8::from(counts[PUNCT_TOTAL] > 0) * PUNCT_MARK),
            structure: if self.structure.is_empty() {
                SpanStructure::default()
            } else {
                self.structure.span(a, b)
            },
        }
    }

    /// [`Side::span`]'s counts for `a > b`, or an end beyond the side:
    /// saturating differences, no punctuation when an end is missing.
    #[cold]
    fn span_counts_outside(&self, a: usize, b: usize) -> [u32; COUNTS] {
        let zero = Prefix::default();
        let x = self.prefix.get(a).unwrap_or(&zero);
        let y = self.prefix.get(b).unwrap_or(&zero);
        let mut d: [u32; COUNTS] = std::array::from_fn(|c| y.counts[c].saturating_sub(x.counts[c]));
        let punct = self.punct(a, b);
        for (d, p) in d[PUNCT..PUNCT_TOTAL].iter_mut().zip(punct) {
            *d = p;
        }
        d[PUNCT_TOTAL] = punct.iter().sum();
        d
    }

    pub(crate) fn punct(&self, a: usize, b: usize) -> [u32; PUNCT_CLASSES] {
        let (Some(x), Some(y)) = (self.prefix.get(a), self.prefix.get(b)) else {
            return [0; PUNCT_CLASSES];
        };
        std::array::from_fn(|c| y.counts[PUNCT + c].saturating_sub(x.counts[PUNCT + c]))
    }
    pub(crate) fn para(&self, i: usize) -> usize {
        self.paragraph.get(i).copied().unwrap_or(0)
    }
    pub(crate) fn starts_paragraph(&self, i: usize) -> bool {
        i == 0 || self.para(i) != self.para(i - 1)
    }
}

/// Everything the cost function needs about a document pair.
pub(crate) struct Model {
    pub(crate) p: Params,
    pub(crate) src: Side,
    pub(crate) tgt: Side,
    pub(crate) ratio: f64,
    pub(crate) variance: f64,
    /// Per sentence pair in the band, matched concepts per feature.
    pub(crate) pair_band: Band,
    pub(crate) pair_matches: Vec<[u8; 3]>,
    /// `−ln P(shape)` by (source count, target count).
    pub(crate) priors: Priors,
    /// The cost of each punctuation agreement bin ([`agreement_bin`]),
    /// learned from pass 1 ([`punct_costs`]); pass 1 itself uses a fixed
    /// weight.
    pub(crate) punct_costs: Option<PunctCosts>,
    /// Either side has classes or times ([`Structure::is_empty`]): the
    /// structure term is priced.
    pub(crate) structured: bool,
}

/// The most sentences a side of a bead priced by [`Model::costs_in_run`]
/// has.
const RUN_SPANS: usize = 4;

/// Target positions whose spans a [`RunScratch`] makes at once (about
/// 100 bytes a span, [`RUN_SPANS`] a position: 50 KB). A task prices
/// consecutive rows, whose runs move along the target side with the
/// band, so a window serves about as many rows as it has positions, less
/// the band's width; a task of few rows (64 at least) makes one window.
/// (Few in the tests, so that a band's runs cross windows.)
pub(crate) const SPAN_WINDOW: usize = if cfg!(test) { 5 } else { 128 };

/// What [`Model::costs_in_run`] keeps between the runs that one task
/// prices: the target spans of a window of positions, made once for all
/// the rows whose runs fall in it rather than again for every row, and
/// the run's buffer of sums. A scratch belongs to one model (its spans
/// are that model's target side's): one cost table's tasks make theirs.
#[derive(Default)]
pub(crate) struct RunScratch {
    /// The first target position whose spans `spans` holds.
    base: usize,
    /// The spans of the last 1 to [`RUN_SPANS`] target sentences before
    /// each position from `base` on, with their share of the length term
    /// (`chars / ratio`), at `RUN_SPANS · (position − base) + count − 1`.
    spans: Vec<(Span, f64)>,
    /// The run's sums of matches ([`Model::costs_in_run`]).
    pre: Vec<[u64; RUN_SPANS + 1]>,
    /// The shapes that fit in the row: slot, counts, prior and the
    /// columns where their beads start inside the band.
    fits: Vec<(usize, usize, usize, f64, std::ops::Range<usize>)>,
}

/// A sentence pair's matches per feature, in 16-bit lanes of one word.
#[inline]
fn pack(p: [u8; 3]) -> u64 {
    u64::from(p[0]) | u64::from(p[1]) << 16 | u64::from(p[2]) << 32
}

/// The counts [`pack`] packed.
#[inline]
fn unpack(c: u64) -> [u32; 3] {
    std::array::from_fn(|f| ((c >> (16 * f)) & 0xffff) as u32)
}

impl Model {
    /// The matches of sentence pair (a, b); none outside the band.
    pub(crate) fn pair(&self, a: usize, b: usize) -> [u8; 3] {
        self.pair_band
            .index(a, b)
            .and_then(|k| self.pair_matches.get(k))
            .copied()
            .unwrap_or([0; 3])
    }

    /// Costs of the beads of every shape that end at the cells `j0..j1` of
    /// row `i`, into `out` (one slot per shape and cell). The spans of the
    /// last source sentences are shared by the whole run; the
    /// sentence-pair matches of the run's columns are summed over the last
    /// source sentences once, then over the columns, so that a bead's are
    /// one difference of two sums.
    pub(crate) fn costs_in_run(
        &self,
        scratch: &mut RunScratch,
        i: usize,
        j0: usize,
        j1: usize,
        shapes: &[Shape],
        out: &mut [f32],
    ) {
        const B: usize = RUN_SPANS;
        let kmax = shapes.iter().map(|s| s.0).max().unwrap_or(1).min(B);
        let lmax = shapes.iter().map(|s| s.1).max().unwrap_or(1).min(B);
        let (ki, table) = (kmax.min(i), length_table());
        // The spans of the last k source sentences, shared by every cell
        // of the row and every shape that uses them, with their share of
        // the length term.
        let mut spans_src = [(Span::default(), 0.0); B + 1];
        for (k, slot) in spans_src.iter_mut().enumerate().take(ki + 1).skip(1) {
            let span = self.src.span(i - k, i);
            *slot = (span, self.ratio * span.chars);
        }
        // The shapes that fit in the row, with their slot, prior and the
        // columns where their beads start inside the band (the pair
        // cache's, the table's or one holding it): a bead starting
        // outside is not priced (its slot is set to infinity).
        let RunScratch {
            base,
            spans,
            pre,
            fits,
        } = scratch;
        fits.clear();
        fits.extend(
            shapes
                .iter()
                .enumerate()
                .filter(|&(_, &(k, l))| k <= i && k <= B && (1..=B).contains(&l))
                .map(|(s, &(k, l))| {
                    let starts = self.pair_band.lo.get(i - k).copied().unwrap_or(0) + l
                        ..self.pair_band.hi.get(i - k).copied().unwrap_or(0) + l;
                    (s, k, l, self.prior((k, l)), starts)
                }),
        );
        // Per column of the run (and the `lmax` before it), the matches of
        // its pairs with the last x source sentences, summed over x, the
        // three features packed in 16-bit lanes (at most 4×4 pairs of at
        // most 255 matches each), then summed over the columns before it:
        // `pre[t][x]` holds the columns `c0..c0 + t`, so that a bead's
        // matches are one difference. The sums wrap, but modulo 2^64 the
        // difference is the bead's packed sum, whose lanes do not carry.
        let c0 = j0.saturating_sub(lmax);
        pre.clear();
        pre.resize(j1.saturating_sub(c0) + 1, [0u64; B + 1]);
        for x in 1..ki + 1 {
            let Some((lo, cells)) = self
                .pair_band
                .row(i - x)
                .and_then(|(lo, cells)| Some((lo, self.pair_matches.get(cells)?)))
            else {
                continue;
            };
            // The run's columns the pair cache's row holds (the others'
            // pairs have no matches).
            let (first, last) = (c0.max(lo), j1.min(lo + cells.len()));
            if first >= last {
                continue;
            }
            let (Some(cols), Some(pairs)) = (
                pre.get_mut(first - c0 + 1..last - c0 + 1),
                cells.get(first - lo..last - lo),
            ) else {
                continue;
            };
            for (col, &p) in cols.iter_mut().zip(pairs) {
                col[x] = pack(p);
            }
        }
        let mut acc = [0u64; B + 1];
        for col in pre.iter_mut().skip(1) {
            for x in 1..ki + 1 {
                col[x] += col[x - 1];
            }
            for (a, c) in acc.iter_mut().zip(col.iter_mut()) {
                *a = a.wrapping_add(*c);
                *c = *a;
            }
        }
        // The spans of the last 1 to `B` target sentences before each
        // cell of the run, at `B · (j − j0) + count − 1`: from the
        // scratch's window, made anew from `j0` on if it does not hold
        // the run.
        let held = *base <= j0 && j1 <= *base + spans.len() / B;
        if !held {
            let end = (j0 + SPAN_WINDOW).min(self.tgt.prefix.len()).max(j1);
            *base = j0;
            spans.clear();
            spans.extend((j0..end).flat_map(|j| {
                (1..=B).map(move |y| {
                    if y <= j {
                        let span = self.tgt.span(j - y, j);
                        (span, span.chars / self.ratio)
                    } else {
                        (Span::default(), 0.0)
                    }
                })
            }));
        }
        let spans_tgt = spans.get(B * (j0 - *base)..).unwrap_or_default();
        let per_cell = shapes.len().max(1);
        // A shape at a time, over the cells where its beads start inside
        // the band and at or after the first target sentence.
        for (s, k, l, prior, starts) in fits.iter() {
            let (s, k, l, prior) = (*s, *k, *l, *prior);
            let (a, ra) = &spans_src[k];
            let (from, to) = (j0.max(l).max(starts.start), j1.min(starts.end));
            if from >= to {
                continue;
            }
            // Cells `from..to`, walked together: their target spans, the
            // sums up to their columns and up to `l` columns before
            // (`from - l ≥ c0`, as `from ≥ j0` and `l ≤ lmax`, or
            // `c0 = 0`), and their slots (all within the run).
            let (Some(tgt), Some(upto), Some(before), Some(slots)) = (
                spans_tgt.get(B * (from - j0)..B * (to - j0)),
                pre.get(from - c0..to - c0),
                pre.get(from - l - c0..to - l - c0),
                out.get_mut(per_cell * (from - j0)..per_cell * (to - j0)),
            ) else {
                continue;
            };
            let cells = tgt
                .chunks_exact(B)
                .zip(upto.iter().zip(before))
                .zip(slots.chunks_exact_mut(per_cell));
            for ((tgt, (upto, before)), slots) in cells {
                let (Some((b, rb)), Some(slot)) = (tgt.get(l - 1), slots.get_mut(s)) else {
                    continue;
                };
                let matched = unpack(upto[k].wrapping_sub(before[k]));
                *slot = self.price(a, b, (*ra, *rb), prior, matched, table) as f32;
            }
        }
    }

    /// `−ln P(shape)`: the pass's prior, or Gale & Church's for a shape
    /// beyond its table.
    fn prior(&self, shape: Shape) -> f64 {
        self.priors
            .get(shape.0)
            .and_then(|r| r.get(shape.1))
            .copied()
            .unwrap_or_else(|| prior_cost(shape))
    }

    /// Cost of a non-null bead of shape (k, l) starting at (i, j).
    #[cfg(test)]
    pub(crate) fn cost(&self, i: usize, j: usize, k: usize, l: usize) -> f64 {
        let mut matched = [0u32; 3];
        for a in i..i + k {
            for b in j..j + l {
                let p = self.pair(a, b);
                for f in 0..3 {
                    matched[f] += u32::from(p[f]);
                }
            }
        }
        let (a, b) = (self.src.span(i, i + k), self.tgt.span(j, j + l));
        self.cost_of(&a, &b, (k, l), matched)
    }

    /// Gale & Church's δ of the spans `a` and `b`: the target length's
    /// deviation from the expected one, in standard deviations.
    pub(crate) fn delta(&self, a: &Span, b: &Span) -> f64 {
        let (l1, l2) = (a.chars, b.chars);
        let mean = ((l1 + l2 / self.ratio) / 2.0).max(1.0);
        (l2 - self.ratio * l1) / (self.variance * mean).sqrt()
    }

    /// Cost of a non-null bead of `shape` made of the source span `a` and
    /// the target span `b`, given the matched items per feature of its
    /// sentence pairs.
    pub(crate) fn cost_of(&self, a: &Span, b: &Span, shape: Shape, matched: [u32; 3]) -> f64 {
        let scaled = (self.ratio * a.chars, b.chars / self.ratio);
        self.price(a, b, scaled, self.prior(shape), matched, length_table())
    }

    /// [`Model::cost_of`] with the parts a run shares worked out: the
    /// spans' shares of the length term (`ratio·` the source length, the
    /// target length `/ratio`), the shape's `prior`, the [`length_table`].
    #[inline(always)]
    fn price(
        &self,
        a: &Span,
        b: &Span,
        (ra, rb): (f64, f64),
        prior: f64,
        matched: [u32; 3],
        table: &[(f64, f64)],
    ) -> f64 {
        // Gale & Church's δ, as in [`Model::delta`].
        let mean = ((a.chars + rb) / 2.0).max(1.0);
        let delta = (b.chars - ra) / (self.variance * mean).sqrt();
        let mut cost = length_cost_in(table, delta.abs());
        cost += prior;
        let p = &self.p;
        // Which of the spans' features have items, on either side and on
        // both.
        let (either, both) = (a.marks | b.marks, a.marks & b.marks);
        // Lexical anchors.
        for (f, weight) in [p.number_weight, p.word_weight, p.lexicon_weight]
            .into_iter()
            .enumerate()
        {
            let mark = ITEMS_MARK << f;
            if either & mark == 0 {
                continue;
            }
            if both & mark == 0 {
                cost += p.one_sided;
                continue;
            }
            let (ia, ib) = (a.items(f), b.items(f));
            let m = matched[f].min(ia).min(ib);
            if m == 0 {
                cost += p.mismatch;
            } else {
                cost -= weight * 2.0 * f64::from(m) / f64::from(ia + ib);
            }
        }
        // Punctuation profile.
        match &self.punct_costs {
            Some(costs) => {
                let (ia, ib) = (a.counts[PUNCT_TOTAL], b.counts[PUNCT_TOTAL]);
                let bin = agreement_bin_of(a.punct(), b.punct(), ia, ib);
                cost += costs.get(bin).copied().unwrap_or(0.0);
            }
            None if both & PUNCT_MARK != 0 => {
                let (ia, ib) = (a.counts[PUNCT_TOTAL], b.counts[PUNCT_TOTAL]);
                let m = punct_shared(a.punct(), b.punct());
                if m > 0 {
                    cost -= p.punct_weight * 2.0 * f64::from(m) / f64::from(ia + ib);
                }
            }
            None => {}
        }
        // Document structure: classes, and time spans, which for
        // subtitles replace paragraphs (each cue is one, and the two
        // languages cut a film's speech into cues differently). Text
        // without any costs nothing here.
        let timed = if self.structured {
            cost += structure::cost(&a.structure, &b.structure);
            a.structure.time.is_some() && b.structure.time.is_some()
        } else {
            false
        };
        let differ = a.marks ^ b.marks;
        if !timed {
            if differ & CROSSES != 0 {
                cost += p.paragraph_cross;
            }
            if differ & STARTS != 0 {
                cost += p.paragraph_start;
            }
        }
        if either & ORPHAN_MARK != 0 {
            cost += p.orphan_initials;
        }
        cost
    }

    /// Cost of a null bead for sentence `k` of one side where the other
    /// side is `inside` a paragraph or not: a sentence that starts a
    /// paragraph pays [`Params::paragraph_start`] to be left unaligned
    /// inside a paragraph of the other side, as a bead that starts a
    /// paragraph on one side only does (a paragraph the other side
    /// lacks is left out whole, at one of its paragraph boundaries).
    pub(crate) fn null_at(&self, src: bool, k: usize, extend: bool, inside: bool) -> f64 {
        let side = if src { &self.src } else { &self.tgt };
        let cost = self.null(src, k, extend);
        if inside && side.starts_paragraph(k) {
            cost + self.p.paragraph_start
        } else {
            cost
        }
    }

    /// The prices of null beads for the searches (calling `price`, which
    /// is [`Model::null_at`]).
    pub(crate) fn null_prices<'a>(
        &'a self,
        price: &'a (dyn Fn(bool, usize, bool, bool) -> f64 + Sync),
    ) -> dp::NullPrices<'a> {
        dp::NullPrices {
            price,
            src_inside: &self.src.inside,
            tgt_inside: &self.tgt.inside,
        }
    }

    /// Cost of a null bead for sentence `k` of one side, where the other
    /// side is at a paragraph boundary.
    pub(crate) fn null(&self, src: bool, k: usize, extend: bool) -> f64 {
        let side = if src { &self.src } else { &self.tgt };
        let (open, further) = side
            .null_open
            .get(k)
            .copied()
            .unwrap_or((self.p.null_open, self.p.null_extend));
        if extend {
            further
        } else {
            open
        }
    }
}

pub(crate) fn build_model(
    src: &[Sentence],
    tgt: &[Sentence],
    prep: &Prepared,
    pass: &Pass,
    band: &Band,
) -> Model {
    let Pass {
        lexicon,
        priors,
        punct_costs,
        ..
    } = *pass;
    let sum_src: f64 = prep.src_raw.iter().map(|r| f64::from(r.chars)).sum();
    let sum_tgt: f64 = prep.tgt_raw.iter().map(|r| f64::from(r.chars)).sum();
    let ratio = if sum_src > 0.0 && sum_tgt > 0.0 {
        sum_tgt / sum_src
    } else {
        1.0
    };
    let feats = prep.features(lexicon);
    let p = PARAMS;
    let side = |raw: &[features::RawItems],
                sents: &[Sentence],
                lists: [&Vec<Vec<u32>>; 3],
                orphan: &[bool]| {
        let dominant = features::dominant_script(raw);
        let null_open = (0..sents.len())
            .map(|k| {
                let r = raw.get(k);
                let mut c = p.null_open;
                if r.is_some_and(|r| r.script != 0 && r.script != dominant) {
                    c = c.min(p.null_foreign);
                }
                if lists.iter().all(|l| l.get(k).is_none_or(Vec::is_empty)) {
                    c = c.min(p.null_unanchored);
                }
                let para = sents.get(k).map(|s| s.paragraph);
                let alone = (k == 0 || sents.get(k - 1).map(|s| s.paragraph) != para)
                    && sents.get(k + 1).map(|s| s.paragraph) != para;
                let unterminated = sents.get(k).is_some_and(|s| {
                    !s.text.trim_end().ends_with(|c: char| {
                        matches!(
                            c,
                            '.' | '?' | '!' | '…' | '。' | '？' | '！' | '"' | '”' | '»' | ')'
                        )
                    })
                });
                let mut e = c.min(p.null_extend);
                if alone && unterminated {
                    c = c.min(p.null_header);
                    e = e.min(p.null_header_extend);
                }
                (c, e)
            })
            .collect();
        let mut prefix = Vec::with_capacity(raw.len() + 1);
        let mut acc = Prefix::default();
        prefix.push(acc);
        for (k, r) in raw.iter().enumerate() {
            acc.chars += f64::from(r.chars);
            for (f, list) in lists.iter().enumerate() {
                acc.counts[ITEMS + f] += list.get(k).map_or(0, |c| c.len() as u32);
            }
            for (a, p) in acc.counts[PUNCT..PUNCT_TOTAL].iter_mut().zip(r.punct) {
                *a += u32::from(p);
            }
            acc.counts[PUNCT_TOTAL] += r.punct.iter().map(|&p| u32::from(p)).sum::<u32>();
            acc.counts[ORPHAN] += u32::from(orphan.get(k).copied().unwrap_or(false));
            prefix.push(acc);
        }
        let paragraph: Vec<usize> = sents.iter().map(|s| s.paragraph).collect();
        let untimed = |k: usize| sents.get(k).is_some_and(|s| s.time.is_none());
        let inside = (0..=paragraph.len())
            .map(|x| {
                x > 0
                    && paragraph
                        .get(x - 1)
                        .is_some_and(|p| paragraph.get(x) == Some(p))
                    && untimed(x - 1)
                    && untimed(x)
            })
            .collect();
        Side {
            prefix,
            paragraph,
            null_open,
            structure: Structure::of(sents),
            inside,
        }
    };
    let src_side = side(&prep.src_raw, src, feats.map(|c| &c.src), &prep.src_orphan);
    let mut tgt_side = side(&prep.tgt_raw, tgt, feats.map(|c| &c.tgt), &prep.tgt_orphan);
    tgt_side.structure.sync_to(&src_side.structure);
    let structured = !(src_side.structure.is_empty() && tgt_side.structure.is_empty());
    Model {
        p,
        src: src_side,
        tgt: tgt_side,
        ratio,
        // 6.8 per character of the longer side (see the crate docs).
        variance: 6.8 * ratio * ratio.min(1.0),
        pair_matches: pair_cache(feats, band),
        pair_band: band.clone(),
        priors,
        punct_costs,
        structured,
    }
}

/// Matched items per feature of every sentence pair (a, b) of `band`'s
/// cells (row a, column b).
pub(crate) fn pair_cache(feats: [&Concepts; 3], band: &Band) -> Vec<[u8; 3]> {
    pair_cache_reusing(feats, band, None)
}

/// [`pair_cache`], copying the pairs that an earlier cache over another
/// band (`earlier`: the band and its cache) holds, rather than
/// intersecting their concepts again: a widened band's cache only
/// computes its new pairs.
pub(crate) fn pair_cache_reusing(
    feats: [&Concepts; 3],
    band: &Band,
    earlier: Option<(&Band, &[[u8; 3]])>,
) -> Vec<[u8; 3]> {
    use rayon::prelude::*;
    let mut pair_matches = vec![[0u8; 3]; band.cells()];
    band.rows_mut(&mut pair_matches, 1)
        .into_par_iter()
        .with_min_len(PARALLEL_MIN_ITEMS)
        .for_each(|(a, row)| {
            let lo = band.lo.get(a).copied().unwrap_or(0);
            for (off, slot) in row.iter_mut().enumerate() {
                let b = lo + off;
                let known = earlier.and_then(|(band, cache)| cache.get(band.index(a, b)?));
                if let Some(known) = known {
                    *slot = *known;
                    continue;
                }
                for (f, c) in feats.iter().enumerate() {
                    if let (Some(x), Some(y)) = (c.src.get(a), c.tgt.get(b)) {
                        slot[f] = features::intersect(x, y).min(255) as u8;
                    }
                }
            }
        });
    pair_matches
}
