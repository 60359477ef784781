//! Pass 1's band: the anchor chain and the centre interpolated along it.

use crate::dp::Band;
use crate::prepare::Prepared;

/// Rows of distance from the nearest anchor point per column added to
/// pass 1's band: where anchors are far apart, the centre interpolated
/// between them by length can be far off (a long stretch of text whose
/// ratio of lengths differs from its surroundings).
pub(crate) const SLACK_ROWS: usize = 10;

/// The most pass 1's band grows by, in multiples of its half-width.
pub(crate) const SLACK_MAX: usize = 4;

/// Items that occur in more sentences than this are not used for the
/// pass-1 anchor chain.
pub(crate) const MAX_ANCHOR_REPEAT: u32 = 1000;

/// The centre of the pass-1 band: the longest increasing chain of anchor
/// points (items that occur in as many sentences on each side, their k-th
/// occurrences paired), interpolated by character position between them.
/// Returns the centre's column per row, and per row the number of rows
/// to the nearest point of the chain (the ends of the matrix count).
pub(crate) fn anchor_center(prep: &Prepared, n: usize, m: usize) -> (Vec<usize>, Vec<usize>) {
    let mut points: Vec<(usize, usize)> = Vec::new();
    for concepts in [&prep.numbers, &prep.words] {
        // Items that occur in as many sentences on each side: the k-th
        // occurrence on one side is paired with the k-th on the other.
        let equal = |c: u32| {
            let d = concepts.df_src.get(c as usize).copied().unwrap_or(0);
            d > 0 && d <= MAX_ANCHOR_REPEAT && concepts.df_tgt.get(c as usize) == Some(&d)
        };
        let mut src_occ: Vec<Vec<u32>> = vec![Vec::new(); concepts.df_src.len()];
        for (a, list) in concepts.src.iter().enumerate() {
            for &c in list.iter().filter(|&&c| equal(c)) {
                if let Some(v) = src_occ.get_mut(c as usize) {
                    v.push(a as u32);
                }
            }
        }
        let mut seen = vec![0u32; concepts.df_tgt.len()];
        for (b, list) in concepts.tgt.iter().enumerate() {
            for &c in list.iter().filter(|&&c| equal(c)) {
                let Some(k) = seen.get_mut(c as usize) else {
                    continue;
                };
                if let Some(&a) = src_occ.get(c as usize).and_then(|v| v.get(*k as usize)) {
                    points.push((a as usize + 1, b + 1));
                }
                *k += 1;
            }
        }
    }
    let src_cum = cumulative(prep.src_raw.iter().map(|r| r.chars));
    let tgt_cum = cumulative(prep.tgt_raw.iter().map(|r| r.chars));
    let (st, tt) = (
        src_cum.last().copied().unwrap_or(1.0).max(1.0),
        tgt_cum.last().copied().unwrap_or(1.0).max(1.0),
    );
    // Drop points far from the diagonal (by relative character position).
    points.retain(|&(a, b)| {
        let x = src_cum.get(a).copied().unwrap_or(0.0) / st;
        let y = tgt_cum.get(b).copied().unwrap_or(0.0) / tt;
        (x - y).abs() <= 0.25
    });
    points.sort_unstable();
    points.dedup();
    let mut chain = longest_chain(&points);
    chain.insert(0, (0, 0));
    chain.push((n, m));
    let mut center = vec![0usize; n + 1];
    // Per row, the rows to the nearest point of the chain.
    let mut from_anchor = vec![0usize; n + 1];
    for win in chain.windows(2) {
        let (Some(&(a0, b0)), Some(&(a1, b1))) = (win.first(), win.get(1)) else {
            continue;
        };
        let (sa, sb) = (
            src_cum.get(a0).copied().unwrap_or(0.0),
            src_cum.get(a1).copied().unwrap_or(0.0),
        );
        let (ta, tb) = (
            tgt_cum.get(b0).copied().unwrap_or(0.0),
            tgt_cum.get(b1).copied().unwrap_or(0.0),
        );
        for i in a0..=a1 {
            let frac = if sb > sa {
                (src_cum.get(i).copied().unwrap_or(0.0) - sa) / (sb - sa)
            } else {
                0.0
            };
            let target = ta + frac * (tb - ta);
            // The column whose cumulative length is nearest the target.
            let j = tgt_cum.partition_point(|&c| c < target).clamp(b0, b1);
            if let Some(v) = center.get_mut(i) {
                *v = j;
            }
            if let Some(d) = from_anchor.get_mut(i) {
                *d = (i - a0).min(a1 - i);
            }
        }
    }
    (center, from_anchor)
}

/// Pass 1's band: half-width `w` around the anchor centre, more the
/// farther a row is from an anchor point (`from_anchor`, in rows): one
/// column per [`SLACK_ROWS`] rows, up to `SLACK_MAX·w` more. Between
/// anchor points far apart the centre is interpolated by length, and a
/// long stretch whose ratio of lengths differs from the rest (one novel
/// of several in a file) takes the true path far from it.
pub(crate) fn first_band(center: &[usize], from_anchor: &[usize], w: usize, m: usize) -> Band {
    let width = |i: usize| {
        let d = from_anchor.get(i).copied().unwrap_or(0);
        w + (d / SLACK_ROWS).min(w * SLACK_MAX)
    };
    Band::around_widths(center, width, m)
}

/// Longest chain of points strictly increasing in both coordinates
/// (points sorted by the first).
pub(crate) fn longest_chain(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting on the second coordinate; ties in the first
    // coordinate must not chain, so process groups with equal `a`
    // in decreasing `b`.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&x, &y| {
        let (px, py) = (
            points.get(x).copied().unwrap_or_default(),
            points.get(y).copied().unwrap_or_default(),
        );
        px.0.cmp(&py.0).then(py.1.cmp(&px.1))
    });
    let mut tails: Vec<usize> = Vec::new(); // indices into points
    let mut prev: Vec<Option<usize>> = vec![None; points.len()];
    for &p in &order {
        let b = points.get(p).map_or(0, |x| x.1);
        let pos = tails.partition_point(|&t| points.get(t).map_or(0, |x| x.1) < b);
        if pos > 0 {
            if let Some(slot) = prev.get_mut(p) {
                *slot = tails.get(pos - 1).copied();
            }
        }
        if pos == tails.len() {
            tails.push(p);
        } else if let Some(slot) = tails.get_mut(pos) {
            *slot = p;
        }
    }
    let mut chain = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(p) = cur {
        if let Some(&pt) = points.get(p) {
            chain.push(pt);
        }
        cur = prev.get(p).copied().flatten();
    }
    chain.reverse();
    chain
}

pub(crate) fn cumulative(lengths: impl Iterator<Item = u32>) -> Vec<f64> {
    let mut out = vec![0.0];
    let mut acc = 0.0;
    for l in lengths {
        acc += f64::from(l);
        out.push(acc);
    }
    out
}
