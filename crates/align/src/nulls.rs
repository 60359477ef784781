//! Null beads reviewed after the search: the local alternatives of each
//! one (joining its sentence to the bead before or after it, or pairing
//! it with a null sentence facing it), its confidence, and the neighbour
//! it would join ([`Attachment`]).
//!
//! The lattice prices a null bead at a fixed cost, with no evidence of
//! its own, and the posterior of a null bead is less telling than that of
//! a 1-1 bead: on the development sets a null bead that is the only one
//! of its run was right 15–20% of the time at posteriors of 0.2–0.6,
//! against 70–90% for one inside a run (a passage the other side lacks).
//! So a null bead's confidence is computed on its own terms here: see
//! [`null_confidence`].

use crate::dp::Step;
use crate::model::Model;
use crate::{Alignment, Attachment, Bead, Neighbour};

/// What the review of one null bead found.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Review {
    /// Null beads of the same side in its run (1: it stands alone).
    pub run: usize,
    /// Its sentence looks untranslated: written in a script foreign to
    /// its side, or a one-line paragraph without final punctuation (a
    /// byline, a dateline, a caption), which opens a null run cheaply.
    pub untranslated: bool,
    /// The cost of its cheapest local alternative minus that of the path,
    /// in nats (`INFINITY` when it has none: inside a run).
    pub margin: f64,
    /// The neighbour it would join, the merged bead, and the margin of
    /// that merge; `None` inside a run.
    pub attach: Option<(Neighbour, Step, f64)>,
}

fn is_null(s: &Step) -> bool {
    s.i0 == s.i1 || s.j0 == s.j1
}

/// Whether a null step is a source sentence (1-0).
fn on_source(s: &Step) -> bool {
    s.i1 > s.i0
}

/// The sentence of a null step.
fn sentence(s: &Step) -> usize {
    if on_source(s) {
        s.i0
    } else {
        s.j0
    }
}

fn union(a: &Step, b: &Step) -> Step {
    Step {
        i0: a.i0.min(b.i0),
        j0: a.j0.min(b.j0),
        i1: a.i1.max(b.i1),
        j1: a.j1.max(b.j1),
    }
}

impl Model {
    /// The cost of any non-null bead, of any shape (one the lattice does
    /// not search pays the smallest prior); sentence pairs outside the
    /// band count as sharing no item.
    pub(crate) fn bead_cost(&self, s: &Step) -> f64 {
        let mut matched = [0u32; 3];
        for a in s.i0..s.i1 {
            for b in s.j0..s.j1 {
                for (m, p) in matched.iter_mut().zip(self.pair(a, b)) {
                    *m += u32::from(p);
                }
            }
        }
        let shape = (s.i1 - s.i0, s.j1 - s.j0);
        self.cost_of(
            &self.src.span(s.i0, s.i1),
            &self.tgt.span(s.j0, s.j1),
            shape,
            matched,
        )
    }

    /// The cost the path pays for its null step `p` (opening its run, or
    /// extending it; a required bead, marked in `fixed`, ends a run).
    fn null_on_path(&self, path: &[Step], p: usize, fixed: &[bool]) -> f64 {
        let Some(s) = path.get(p) else {
            return 0.0;
        };
        let extends = p.checked_sub(1).is_some_and(|q| {
            path.get(q)
                .is_some_and(|o| is_null(o) && on_source(o) == on_source(s))
                && !fixed.get(q).copied().unwrap_or(false)
        });
        self.null_on(s, extends)
    }

    /// The cost of the null step `s`, opening a run or `extending` one.
    fn null_on(&self, s: &Step, extending: bool) -> f64 {
        let (side, other) = if on_source(s) {
            (&self.tgt, s.j0)
        } else {
            (&self.src, s.i0)
        };
        let inside = side.inside.get(other).copied().unwrap_or(false);
        self.null_at(on_source(s), sentence(s), extending, inside)
    }
}

/// Reviews the step `p` of `path` if it is a null bead: its run, and what
/// joining it to the bead before or after it, or pairing it with a null
/// of the other side next to it, would cost instead. Steps marked in
/// `fixed` (required beads, [`crate::Aligner::align_required`]) are not
/// reviewed, end runs, and are never joined or paired.
pub(crate) fn review(model: &Model, path: &[Step], p: usize, fixed: &[bool]) -> Option<Review> {
    let free = |q: usize| !fixed.get(q).copied().unwrap_or(false);
    let s = path.get(p).copied().filter(|s| is_null(s) && free(p))?;
    let side = on_source(&s);
    let same = |q: usize| {
        free(q)
            && path
                .get(q)
                .is_some_and(|o| is_null(o) && on_source(o) == side)
    };
    let first = (0..p).rev().take_while(|&q| same(q)).last().unwrap_or(p);
    let last = (p + 1..path.len())
        .take_while(|&q| same(q))
        .last()
        .unwrap_or(p);
    let own = model.null_on_path(path, p, fixed);
    let mut margin = f64::INFINITY;
    let mut attach: Option<(Neighbour, Step, f64)> = None;
    let mut consider = |to: Neighbour, q: usize, after: f64| {
        let Some(o) = path.get(q).filter(|_| free(q)) else {
            return;
        };
        if is_null(o) {
            // A null of the other side next to it: pairing the two.
            if on_source(o) != side {
                let pair = union(&s, o);
                let d = model.bead_cost(&pair) - own - model.null_on_path(path, q, fixed);
                margin = margin.min(d);
            }
            return;
        }
        let merged = union(&s, o);
        let d = model.bead_cost(&merged) - model.bead_cost(o) - own + after;
        margin = margin.min(d);
        if attach.is_none_or(|(_, _, m)| d < m) {
            attach = Some((to, merged, d));
        }
    };
    if p == first {
        if let Some(q) = p.checked_sub(1) {
            // The next null of the run, if any, would open it instead.
            let after = match path.get(p + 1) {
                Some(n) if p < last => model.null_on(n, false) - model.null_on(n, true),
                _ => 0.0,
            };
            consider(Neighbour::Before, q, after);
        }
    }
    if p == last {
        consider(Neighbour::After, p + 1, 0.0);
    }
    let untranslated = model.null(side, sentence(&s), false) <= model.p.null_header;
    Some(Review {
        run: last - first + 1,
        untranslated,
        margin,
        attach,
    })
}

/// The power of the posterior in the confidence of a null bead that
/// stands alone, [`NULL_POWER`], falls as `run^−NULL_POWER_DECAY` with
/// the length of its run: 3 alone, 1.3 in a run of two, 0.8 of three,
/// 0.4 of five.
const NULL_POWER: f64 = 3.0;
const NULL_POWER_DECAY: f64 = 1.2;

/// A null bead's confidence: `posterior^g · e^(−0.3·stray)`, at most
/// `σ(margin/T)`.
///
/// - `g` is `3·run^−1.2` for a run of `run` null beads of one side (a
///   null bead that stands alone: 3), and 0.6, as for other beads, for a
///   sentence that looks untranslated ([`Review::untranslated`]). On the
///   development sets, damaged or not, a lone null bead with a posterior
///   of 0.2–0.6 was right 15–20% of the time, one in a run of five or
///   more 60–100% (a passage the other side lacks).
/// - `σ(margin/T)` are the odds of the path against the cheapest local
///   alternative ([`review`]: joining the sentence to a neighbour, or
///   pairing it with a null sentence facing it) at the temperature `T` of
///   the posteriors: a null bead that such a merge nearly explains (the
///   merge within `T·ln 9` nats, 3.5 at T = 1.6) never scores 0.9, even
///   where the lattice does not hold the merged shape.
pub(crate) fn null_confidence(
    posterior: f64,
    stray: f64,
    review: &Review,
    temperature: f64,
) -> f64 {
    let power = if review.untranslated {
        crate::confidence::CONFIDENCE_POWER
    } else {
        let run = i32::try_from(review.run.max(1)).unwrap_or(i32::MAX);
        NULL_POWER * f64::from(run).powf(-NULL_POWER_DECAY)
    };
    let base =
        posterior.clamp(0.0, 1.0).powf(power) * (-crate::confidence::STRAY_FIT * stray).exp();
    let odds = 1.0 / (1.0 + (-review.margin / temperature.max(1e-6)).exp());
    let score = base.min(odds);
    if score.is_finite() {
        score
    } else {
        0.0
    }
}

/// Whether a null bead's cheapest alternative is close enough (the path
/// less than 9 times as likely) that it cannot score 0.9
/// ([`null_confidence`]).
#[cfg(test)]
pub(crate) fn explained(review: &Review, temperature: f64) -> bool {
    review.margin < temperature * 9.0f64.ln()
}

/// The posterior of the bead a null bead would make with its neighbour:
/// its posterior under the lattice (`lattice`), or, for a shape the
/// lattice does not search (1-5, 3-3 …, where `lattice` is 0), the
/// posterior it would have in a lattice that also held it: with `joint`
/// the posterior of the null bead and its neighbour together (at most the
/// lower of theirs), and `r = e^(−margin/T)` the weight of the merged bead
/// against the two, `joint·r / (1 + joint·r)`.
pub(crate) fn merged_posterior(lattice: f64, joint: f64, margin: f64, temperature: f64) -> f64 {
    if lattice > 0.0 {
        return lattice;
    }
    let r = (-margin / temperature.max(1e-6)).exp();
    let p = joint * r / (1.0 + joint * r);
    if p.is_finite() {
        p.clamp(0.0, 1.0)
    } else if r.is_infinite() && joint > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// The confidence below which an unaligned sentence is more likely to
/// have a counterpart than not (null beads are calibrated on their own):
/// the default threshold of [`Alignment::attach_unaligned`], and of a
/// warning that names the sentences a TMX leaves out.
pub const LOW_CONFIDENCE: f64 = 0.5;

impl Alignment {
    /// The unaligned sentences (1-0 and 0-1 beads) scoring below `below`,
    /// with their bead's index: the ones worth a look before a TMX,
    /// which has no unit for them, is used.
    pub fn doubtful_unaligned(&self, below: f64) -> impl Iterator<Item = (usize, &Bead)> {
        self.beads
            .iter()
            .enumerate()
            .filter(move |(_, b)| b.is_unaligned() && b.score < below)
    }

    /// Joins each unaligned sentence scoring below `below` to the
    /// neighbouring bead it most likely belongs to ([`Bead::attach`]),
    /// which then scores as the joined bead; returns how many were
    /// joined. A choice for builders of translation memories who prefer
    /// a unit one sentence too long to a sentence missing: a sentence the
    /// aligner doubts is unaligned is most often part of the unit next to
    /// it (a 2-1 cut into 1-1 and 1-0) or of a stretch aligned one
    /// sentence off. Sentences inside a run of unaligned ones (a passage
    /// the other side lacks) and confident ones stay as they are, as does
    /// a sentence whose neighbour no longer adjoins it (beads edited by
    /// the caller).
    ///
    /// ```
    /// use ura_align::{AlignerBuilder, Sentence, LOW_CONFIDENCE};
    /// let src = ["The meeting was held in Tirana.", "Nothing was agreed, and the lawyer left after an hour."];
    /// let tgt = ["Takimi u mbajt në Tiranë.", "Asgjë nuk u ra dakord.", "Avokatja u largua pas një ore."];
    /// let s: Vec<Sentence> = src.iter().map(|t| Sentence::new(t, 0)).collect();
    /// let t: Vec<Sentence> = tgt.iter().map(|t| Sentence::new(t, 0)).collect();
    /// let mut alignment = AlignerBuilder::new().build().align(&s, &t);
    /// alignment.attach_unaligned(LOW_CONFIDENCE);
    /// assert!(alignment.doubtful_unaligned(LOW_CONFIDENCE).next().is_none());
    /// ```
    pub fn attach_unaligned(&mut self, below: f64) -> usize {
        let (beads, count) =
            join_marked(std::mem::take(&mut self.beads), |_, b, _| b.score < below);
        self.beads = beads;
        count
    }
}

/// Joins each unaligned bead for which `marked` (given its index, the
/// bead and its attachment) holds to the neighbour of its
/// [`Bead::attach`], which then scores as the joined bead (the lower of
/// the two when it takes one from each side); returns the beads and how
/// many were joined.
pub(crate) fn join_marked(
    beads: Vec<Bead>,
    mut marked: impl FnMut(usize, &Bead, &Attachment) -> bool,
) -> (Vec<Bead>, usize) {
    let mut out: Vec<Bead> = Vec::with_capacity(beads.len());
    // Whether the last bead of `out` has taken a sentence already.
    let mut joined_last = false;
    // An unaligned sentence waiting to join the bead after it.
    let mut pending: Option<(Bead, f64)> = None;
    let mut count = 0;
    let join = |into: &mut Bead, other: &Bead, score: f64, joined: bool| {
        into.src = into.src.start.min(other.src.start)..into.src.end.max(other.src.end);
        into.tgt = into.tgt.start.min(other.tgt.start)..into.tgt.end.max(other.tgt.end);
        into.score = if joined { into.score.min(score) } else { score };
        into.attach = None;
    };
    for (k, bead) in beads.into_iter().enumerate() {
        let wanted = bead
            .attach
            .filter(|a| bead.is_unaligned() && marked(k, &bead, a));
        match wanted {
            Some(Attachment {
                to: Neighbour::Before,
                score,
            }) => {
                let adjoins = |l: &&mut Bead| {
                    !l.is_unaligned() && l.src.end == bead.src.start && l.tgt.end == bead.tgt.start
                };
                if let Some(last) = out.last_mut().filter(adjoins) {
                    join(last, &bead, score, joined_last);
                    joined_last = true;
                    count += 1;
                    continue;
                }
            }
            Some(Attachment {
                to: Neighbour::After,
                score,
            }) if pending.is_none() => {
                pending = Some((bead, score));
                continue;
            }
            _ => {}
        }
        let mut bead = bead;
        joined_last = false;
        if let Some((waiting, score)) = pending.take() {
            if !bead.is_unaligned()
                && waiting.src.end == bead.src.start
                && waiting.tgt.end == bead.tgt.start
            {
                join(&mut bead, &waiting, score, false);
                joined_last = true;
                count += 1;
            } else {
                out.push(waiting);
            }
        }
        out.push(bead);
    }
    out.extend(pending.map(|(b, _)| b));
    (out, count)
}

#[cfg(test)]
mod tests;
