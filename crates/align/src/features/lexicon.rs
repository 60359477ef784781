//! Learning a lexicon from the 1-1 beads of a path.

use super::intern::{Interned, Lists};

/// Learns word associations from confident 1-1 pairs: Dice coefficient
/// over sentence co-occurrence, at least `min_cooc` co-occurrences and
/// Dice ≥ `min_dice`; each word keeps its best partner (both ways).
pub(crate) fn learn_lexicon_interned(
    src: &Interned,
    tgt: &Interned,
    pairs: &[(usize, usize)],
    min_cooc: u32,
    min_dice: f64,
) -> Vec<(String, String)> {
    let (src_types, tgt_types) = (&src.types, &tgt.types);
    // The distinct words of each bead's sentences, marked seen with the
    // bead's number (their order does not matter: counts do not depend
    // on it, and ties are broken by id).
    let mut seen_src = vec![u32::MAX; src_types.len()];
    let mut seen_tgt = vec![u32::MAX; tgt_types.len()];
    let unique = |lists: &Lists, k: usize, seen: &mut [u32], bead: u32| -> Vec<u32> {
        let list = lists.get(k);
        let mut v = Vec::with_capacity(list.len());
        for &w in list {
            if let Some(s) = seen.get_mut(w as usize) {
                if *s != bead {
                    *s = bead;
                    v.push(w);
                }
            }
        }
        v
    };
    // The target words of each bead, and for each source word the beads
    // it occurs in (compressed rows): co-occurrences are then counted one
    // source word at a time, in memory linear in the text rather than in
    // the number of distinct word pairs.
    let mut src_df = vec![0u32; src_types.len()];
    let mut tgt_df = vec![0u32; tgt_types.len()];
    let mut bead_tgt: Vec<Vec<u32>> = Vec::with_capacity(pairs.len());
    let mut bead_src: Vec<Vec<u32>> = Vec::with_capacity(pairs.len());
    for (bead, &(a, b)) in pairs.iter().enumerate() {
        let bead = bead as u32;
        let sw = unique(&src.lists, a, &mut seen_src, bead);
        let tw = unique(&tgt.lists, b, &mut seen_tgt, bead);
        for &w in &sw {
            if let Some(d) = src_df.get_mut(w as usize) {
                *d += 1;
            }
        }
        for &t in &tw {
            if let Some(d) = tgt_df.get_mut(t as usize) {
                *d += 1;
            }
        }
        bead_src.push(sw);
        bead_tgt.push(tw);
    }
    // A target word in fewer beads than `min_cooc` co-occurs too rarely
    // with any word: it is not counted.
    for tw in &mut bead_tgt {
        tw.retain(|&t| tgt_df.get(t as usize).is_some_and(|&d| d >= min_cooc));
    }
    // start[w]..start[w + 1]: where word w's beads go in `beads_of`.
    let start: Vec<usize> = std::iter::once(0)
        .chain(src_df.iter().scan(0usize, |acc, &d| {
            *acc += d as usize;
            Some(*acc)
        }))
        .collect();
    let mut fill = start.clone();
    let mut beads_of = vec![0u32; start.last().copied().unwrap_or(0)];
    for (k, sw) in bead_src.iter().enumerate() {
        for &w in sw {
            if let Some(pos) = fill.get_mut(w as usize) {
                if let Some(slot) = beads_of.get_mut(*pos) {
                    *slot = k as u32;
                }
                *pos += 1;
            }
        }
    }
    drop(bead_src);
    // Best partner of each word, both ways; ties go to the smaller id so
    // the result does not depend on the order of counting.
    let mut best_src: Vec<(f64, u32)> = vec![(0.0, u32::MAX); src_types.len()];
    let mut best_tgt: Vec<(f64, u32)> = vec![(0.0, u32::MAX); tgt_types.len()];
    let mut counts = vec![0u32; tgt_types.len()];
    let mut touched: Vec<u32> = Vec::new();
    for w in 0..src_types.len() {
        let ds = src_df.get(w).copied().unwrap_or(0);
        if ds < min_cooc {
            continue;
        }
        let (lo, hi) = (
            start.get(w).copied().unwrap_or(0),
            start.get(w + 1).copied().unwrap_or(0),
        );
        for &k in beads_of.get(lo..hi).unwrap_or_default() {
            for &t in bead_tgt.get(k as usize).map_or(&[][..], Vec::as_slice) {
                if let Some(c) = counts.get_mut(t as usize) {
                    if *c == 0 {
                        touched.push(t);
                    }
                    *c += 1;
                }
            }
        }
        for &t in &touched {
            let c = counts.get(t as usize).copied().unwrap_or(0);
            if let Some(v) = counts.get_mut(t as usize) {
                *v = 0;
            }
            if c < min_cooc {
                continue;
            }
            let dt = f64::from(tgt_df.get(t as usize).copied().unwrap_or(1));
            let dice = 2.0 * f64::from(c) / (f64::from(ds) + dt);
            if dice < min_dice {
                continue;
            }
            let s = w as u32;
            if let Some(b) = best_src.get_mut(w) {
                if dice > b.0 || (dice == b.0 && t < b.1) {
                    *b = (dice, t);
                }
            }
            if let Some(b) = best_tgt.get_mut(t as usize) {
                if dice > b.0 || (dice == b.0 && s < b.1) {
                    *b = (dice, s);
                }
            }
        }
        touched.clear();
    }
    // Each word keeps its best partner, in both directions.
    let from_src = best_src
        .iter()
        .enumerate()
        .filter(|(_, &(_, t))| t != u32::MAX)
        .map(|(s, &(_, t))| (s as u32, t));
    let from_tgt = best_tgt
        .iter()
        .enumerate()
        .filter(|(_, &(_, s))| s != u32::MAX)
        .map(|(t, &(_, s))| (s, t as u32));
    let mut ids: Vec<(u32, u32)> = from_src.chain(from_tgt).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out: Vec<(String, String)> = ids
        .into_iter()
        .map(|(s, t)| {
            (
                src_types.get(s as usize).to_string(),
                tgt_types.get(t as usize).to_string(),
            )
        })
        .collect();
    out.sort_unstable();
    out
}
