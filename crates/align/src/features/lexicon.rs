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
    // Each bead's distinct words go into a list of `rows`, each counted
    // once in `df` (the beads a word occurs in).
    let unique =
        |lists: &Lists, k: usize, seen: &mut [u32], bead: u32, rows: &mut Lists, df: &mut [u32]| {
            for &w in lists.get(k) {
                if let Some(s) = seen.get_mut(w as usize) {
                    if *s != bead {
                        *s = bead;
                        rows.push(w);
                        if let Some(d) = df.get_mut(w as usize) {
                            *d += 1;
                        }
                    }
                }
            }
            rows.end_list();
        };
    // The target words of each bead (compressed rows), and for each
    // source word the beads it occurs in: co-occurrences are then
    // counted one source word at a time, in memory linear in the text
    // rather than in the number of distinct word pairs.
    let mut src_df = vec![0u32; src_types.len()];
    let mut tgt_df = vec![0u32; tgt_types.len()];
    let mut bead_tgt = Lists::default();
    let mut bead_src = Lists::default();
    for (bead, &(a, b)) in pairs.iter().enumerate() {
        let bead = bead as u32;
        unique(
            &src.lists,
            a,
            &mut seen_src,
            bead,
            &mut bead_src,
            &mut src_df,
        );
        unique(
            &tgt.lists,
            b,
            &mut seen_tgt,
            bead,
            &mut bead_tgt,
            &mut tgt_df,
        );
    }
    // A target word in fewer beads than `min_cooc` co-occurs too rarely
    // with any word: it is not counted.
    bead_tgt.retain(|t| tgt_df.get(t as usize).is_some_and(|&d| d >= min_cooc));
    // start[w]..start[w + 1]: where word w's beads go in `beads_of`.
    let start: Vec<usize> = std::iter::once(0)
        .chain(src_df.iter().scan(0usize, |acc, &d| {
            *acc += d as usize;
            Some(*acc)
        }))
        .collect();
    let mut fill = start.clone();
    let mut beads_of = vec![0u32; start.last().copied().unwrap_or(0)];
    for k in 0..bead_src.len() {
        for &w in bead_src.get(k) {
            if let Some(pos) = fill.get_mut(w as usize) {
                if let Some(slot) = beads_of.get_mut(*pos) {
                    *slot = k as u32;
                }
                *pos += 1;
            }
        }
    }
    drop(bead_src);
    let counting = Counting {
        min_cooc,
        min_dice,
        src_df: &src_df,
        tgt_df: &tgt_df,
        start: &start,
        beads_of: &beads_of,
        bead_tgt: &bead_tgt,
    };
    let mut best = Best::new(tgt_types.len());
    (0..src_types.len()).for_each(|w| counting.word(w, &mut best));
    // Each word keeps its best partner, in both directions.
    let from_tgt = best
        .tgt
        .iter()
        .enumerate()
        .filter(|(_, &(_, s))| s != u32::MAX)
        .map(|(t, &(_, s))| (s, t as u32));
    let mut ids: Vec<(u32, u32)> = best.src.into_iter().chain(from_tgt).collect();
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

/// What co-occurrences are counted from: the beads and the thresholds.
struct Counting<'a> {
    min_cooc: u32,
    min_dice: f64,
    src_df: &'a [u32],
    tgt_df: &'a [u32],
    /// `start[w]..start[w + 1]`: source word w's beads in `beads_of`.
    start: &'a [usize],
    beads_of: &'a [u32],
    bead_tgt: &'a Lists,
}

impl Counting<'_> {
    /// Counts source word `w`'s co-occurrences and offers its pairs to
    /// `best`.
    fn word(&self, w: usize, best: &mut Best) {
        let ds = self.src_df.get(w).copied().unwrap_or(0);
        if ds < self.min_cooc {
            return;
        }
        let (lo, hi) = (
            self.start.get(w).copied().unwrap_or(0),
            self.start.get(w + 1).copied().unwrap_or(0),
        );
        for &k in self.beads_of.get(lo..hi).unwrap_or_default() {
            for &t in self.bead_tgt.get(k as usize) {
                if let Some(c) = best.counts.get_mut(t as usize) {
                    if *c == 0 {
                        best.touched.push(t);
                    }
                    *c += 1;
                }
            }
        }
        // Best partner of the word, and offers to its partners'; ties go
        // to the smaller id so the result does not depend on the order of
        // counting.
        let mut mine = (0.0, u32::MAX);
        let s = w as u32;
        for &t in &best.touched {
            let c = best.counts.get(t as usize).copied().unwrap_or(0);
            if let Some(v) = best.counts.get_mut(t as usize) {
                *v = 0;
            }
            if c < self.min_cooc {
                continue;
            }
            let dt = f64::from(self.tgt_df.get(t as usize).copied().unwrap_or(1));
            let dice = 2.0 * f64::from(c) / (f64::from(ds) + dt);
            if dice < self.min_dice {
                continue;
            }
            if better((dice, t), mine) {
                mine = (dice, t);
            }
            if let Some(b) = best.tgt.get_mut(t as usize) {
                if better((dice, s), *b) {
                    *b = (dice, s);
                }
            }
        }
        best.touched.clear();
        if mine.1 != u32::MAX {
            best.src.push((s, mine.1));
        }
    }
}

/// Whether partner `a` (Dice, id) beats `b`: a higher Dice, or the same
/// and a smaller id.
fn better(a: (f64, u32), b: (f64, u32)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}

/// The best partners found over the source words counted so far, and
/// the counting's working buffers.
struct Best {
    /// (source word, its best target word), for the words counted.
    src: Vec<(u32, u32)>,
    /// Each target word's best (Dice, source word) so far.
    tgt: Vec<(f64, u32)>,
    /// Co-occurrences of the word being counted, by target word (zero
    /// between words).
    counts: Vec<u32>,
    /// The target words whose count is not zero.
    touched: Vec<u32>,
}

impl Best {
    /// None found yet, over `tgt_types` target words.
    fn new(tgt_types: usize) -> Best {
        Best {
            src: Vec::new(),
            tgt: vec![(0.0, u32::MAX); tgt_types],
            counts: vec![0; tgt_types],
            touched: Vec::new(),
        }
    }
}
