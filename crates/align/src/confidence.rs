//! The confidence of a bead: its posterior weighed by its length fit,
//! its stray anchors and its size.

use crate::dp::{Shape, Step};
use crate::features::Concepts;

/// The power that maps a bead's fit-weighted posterior to its confidence
/// (a monotone calibration: it moves the mean score, not the ranking).
pub(crate) const CONFIDENCE_POWER: f64 = 0.6;

/// Nats of confidence lost per standard deviation of a bead's length
/// deviation |δ| (after [`CONFIDENCE_POWER`]).
pub(crate) const LENGTH_FIT: f64 = 0.05;

/// Nats of confidence lost per stray anchor of a bead (weighed as in
/// [`stray_anchors`]).
pub(crate) const STRAY_FIT: f64 = 0.3;

/// The factor of a bead's confidence for each of its sentences beyond
/// the first on each side (a 2-2 bead: two).
pub(crate) const SIZE_FIT: f64 = 0.95;

/// A bead's confidence from its posterior probability, its length
/// deviation δ (0 for null beads), its weighed stray anchors and its
/// shape: `posterior^0.6 · e^(−0.05·|δ|) · e^(−0.3·stray) · 0.95^(k+l−2)` for a
/// k-l bead (null beads: no size factor). The posterior says how sure the
/// model is of this bead against the other paths; the length fit and the
/// stray anchors say how well the bead holds together on its own, so a
/// bead that wins only because every alternative is worse (a part of a
/// larger unit whose sentences are cut differently in the translation)
/// scores lower; each further sentence of a merged bead is one more edge
/// that can be off in ways the lattice cannot express (its largest
/// shapes are 4-1 and 3-2).
pub(crate) fn confidence(posterior: f64, delta: f64, stray: f64, shape: Shape) -> f64 {
    let (k, l) = shape;
    let size = if k > 0 && l > 0 {
        SIZE_FIT.powi(i32::try_from(k + l - 2).unwrap_or(i32::MAX))
    } else {
        1.0
    };
    let fit = -LENGTH_FIT * delta.abs() - STRAY_FIT * stray;
    let score = posterior.clamp(0.0, 1.0).powf(CONFIDENCE_POWER) * fit.exp() * size;
    if score.is_finite() {
        score
    } else {
        0.0
    }
}

/// The stray anchors of the bead `step`: items of one side of it (per
/// feature of `feats`, as concept ids) that no sentence of its other side
/// holds but a sentence next to that side does — the sentence just
/// before or just after it (for a null bead, those on either side of the
/// gap it fills). Each concept counts once per side of the bead, weighed
/// by 1/d for a concept found in d sentences (of the side where it is
/// more frequent): a name or number said once pins its partner down; a
/// word found in every other sentence lands next to a bead by chance.
pub(crate) fn stray_anchors(step: &Step, feats: &[&Concepts], scratch: &mut [Vec<u32>; 4]) -> f64 {
    fn gather(side: &[Vec<u32>], sentences: impl Iterator<Item = usize>, out: &mut Vec<u32>) {
        out.clear();
        for k in sentences {
            out.extend(side.get(k).into_iter().flatten());
        }
        out.sort_unstable();
        out.dedup();
    }
    let strays = |own: &[u32], other: &[u32], next: &[u32], f: &Concepts| -> f64 {
        own.iter()
            .filter(|c| other.binary_search(c).is_err() && next.binary_search(c).is_ok())
            .map(|&c| {
                let df = |d: &[u32]| d.get(c as usize).copied().unwrap_or(0);
                1.0 / f64::from(df(&f.df_src).max(df(&f.df_tgt)).max(1))
            })
            .sum()
    };
    let around = |a: usize, b: usize| [a.checked_sub(1), Some(b)].into_iter().flatten();
    let [src, tgt, src_next, tgt_next] = scratch;
    let mut weight = 0.0;
    for f in feats {
        gather(&f.src, step.i0..step.i1, src);
        gather(&f.tgt, step.j0..step.j1, tgt);
        gather(&f.src, around(step.i0, step.i1), src_next);
        gather(&f.tgt, around(step.j0, step.j1), tgt_next);
        weight += strays(src, tgt, tgt_next, f) + strays(tgt, src, src_next, f);
    }
    weight
}
