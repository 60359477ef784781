//! Bead priors and punctuation-agreement costs: Gale & Church's, and
//! those re-estimated from pass 1's path for pass 2.

use std::cmp::Ordering;

use crate::dp::{Shape, Step};
use crate::features::PUNCT_CLASSES;
use crate::model::Model;
use crate::search::one_to_one;

/// `−ln P(shape)` of a non-null bead shape.
pub(crate) fn prior_cost(shape: Shape) -> f64 {
    // ln is not const: the values of −ln p for the priors below.
    match shape {
        (1, 1) => 0.116_533_816,
        (1, 2) | (2, 1) => 3.112_266_09,
        (2, 2) => 4.509_860_006,
        (1, 3) | (3, 1) => 5.809_142_99,
        _ => 6.907_755_28,
    }
}

/// The priors that [`prior_cost`] takes the logarithm of.
#[cfg(test)]
pub(crate) fn prior(shape: Shape) -> f64 {
    let p: f64 = match shape {
        (1, 1) => 0.89,
        (1, 2) | (2, 1) => 0.0445,
        (2, 2) => 0.011,
        (1, 3) | (3, 1) => 0.003,
        _ => 0.001,
    };
    p
}

/// Number of agreement bins.
pub(crate) const BINS: usize = 6;

/// Learned costs of the punctuation agreement bins.
pub(crate) type PunctCosts = [f64; BINS];

/// Pseudo-count added to each agreement bin when learning its cost.
pub(crate) const BIN_SMOOTHING: f64 = 2.0;

/// Bound on the magnitude of a learned bin cost, in nats.
pub(crate) const BIN_COST_CAP: f64 = 6.0;

/// Weight, in beads, of Gale & Church's priors when the shape priors
/// are re-estimated from pass 1's path.
pub(crate) const PRIOR_SMOOTHING: f64 = 100.0;

/// The agreement bin of two punctuation profiles: no punctuation, marks
/// on one side only, none matched, and matched with Dice below ½, below
/// 1, and 1.
pub(crate) fn agreement_bin(pa: &[u32; PUNCT_CLASSES], pb: &[u32; PUNCT_CLASSES]) -> usize {
    agreement_bin_of(pa, pb, pa.iter().sum(), pb.iter().sum())
}

/// [`agreement_bin`] of profiles with `ia` and `ib` marks in all.
#[inline]
pub(crate) fn agreement_bin_of(pa: &[u32], pb: &[u32], ia: u32, ib: u32) -> usize {
    if ia == 0 && ib == 0 {
        return 0;
    }
    if ia == 0 || ib == 0 {
        return 1;
    }
    let m = punct_shared(pa, pb);
    if m == 0 {
        return 2;
    }
    let dice = 2.0 * f64::from(m) / f64::from(ia + ib);
    if dice < 0.5 {
        3
    } else if dice < 1.0 {
        4
    } else {
        5
    }
}

/// Marks two punctuation profiles share.
#[inline]
pub(crate) fn punct_shared(pa: &[u32], pb: &[u32]) -> u32 {
    pa.iter().zip(pb).map(|(x, y)| x.min(y)).sum()
}

/// How much punctuation agreement says in this document pair: per bin,
/// `−ln(P(bin | aligned) / P(bin | neighbours))`, counted over the 1-1
/// beads of pass 1's path (aligned) and the pairs one sentence off them
/// (neighbours), smoothed and capped. Punctuation is nearly the only
/// anchor between Chinese and English and noise in OCR'd text; this
/// weighs it by what it is worth in the pair at hand.
pub(crate) fn punct_costs(model: &Model, path: &[Step], n: usize, m: usize) -> PunctCosts {
    let bin =
        |a: usize, b: usize| agreement_bin(&model.src.punct(a, a + 1), &model.tgt.punct(b, b + 1));
    let mut pos = [0.0f64; BINS];
    let mut neg = [0.0f64; BINS];
    for (a, b) in one_to_one(path) {
        if let Some(c) = pos.get_mut(bin(a, b)) {
            *c += 1.0;
        }
        for (x, y) in [(a + 1, b), (a, b + 1)] {
            if x < n && y < m {
                if let Some(c) = neg.get_mut(bin(x, y)) {
                    *c += 1.0;
                }
            }
        }
    }
    let (tp, tn) = (pos.iter().sum::<f64>(), neg.iter().sum::<f64>());
    let norm = BIN_SMOOTHING * BINS as f64;
    std::array::from_fn(|k| {
        let p = (pos[k] + BIN_SMOOTHING) / (tp + norm);
        let q = (neg[k] + BIN_SMOOTHING) / (tn + norm);
        (-(p / q).ln()).clamp(-BIN_COST_CAP, BIN_COST_CAP)
    })
}

/// Bead shape costs, `−ln P`, indexed by source and target count.
pub(crate) type Priors = [[f64; 5]; 5];

/// Gale & Church's priors as a table.
pub(crate) fn default_priors() -> Priors {
    std::array::from_fn(|k| std::array::from_fn(|l| prior_cost((k, l))))
}

/// Priors re-estimated from a path searched over `searched` shapes: the
/// shape counts of its non-null beads, smoothed towards Gale & Church's
/// priors with the weight of `PRIOR_SMOOTHING` beads. A translation that
/// splits most sentences in two gets a cheap 1-2. Larger shapes the path
/// could not use move with the searched shape one sentence smaller; null
/// beads keep Gale & Church's priors.
pub(crate) fn estimated_priors(path: &[Step], searched: &[Shape]) -> Priors {
    let base = default_priors();
    let mut counts = [[0.0f64; 5]; 5];
    let mut total = 0.0;
    for s in path {
        let (k, l) = (s.i1 - s.i0, s.j1 - s.j0);
        if k == 0 || l == 0 {
            continue;
        }
        if let Some(c) = counts.get_mut(k).and_then(|r| r.get_mut(l)) {
            *c += 1.0;
            total += 1.0;
        }
    }
    let alpha = PRIOR_SMOOTHING;
    // Mass of the non-null shapes under the base priors.
    let base_mass: f64 = (1..5)
        .flat_map(|k| (1..5).map(move |l| (k, l)))
        .map(|(k, l)| (-base[k][l]).exp())
        .sum();
    let estimate = |k: usize, l: usize| {
        let p0 = (-base[k][l]).exp() / base_mass;
        let p = (counts[k][l] + alpha * p0) / (total + alpha);
        -(p * base_mass).ln()
    };
    std::array::from_fn(|k| {
        std::array::from_fn(|l| {
            if searched.contains(&(k, l)) {
                return estimate(k, l);
            }
            // A larger shape pass 1 could not use (1-4, 2-3) changes as the
            // searched one with a sentence less on its longer side (1-3,
            // 2-2) did: a translation that often splits a sentence in three
            // splits one in four more often than Gale & Church's prior says.
            let near = match k.cmp(&l) {
                Ordering::Less if k > 0 => (k, l - 1),
                Ordering::Greater if l > 0 => (k - 1, l),
                _ => return base[k][l],
            };
            if !searched.contains(&near) {
                return base[k][l];
            }
            base[k][l] + estimate(near.0, near.1) - base[near.0][near.1]
        })
    })
}
