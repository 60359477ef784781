//! Concepts: the items of both sides merged where they match, kept where
//! they occur on both sides.

use rustc_hash::FxHashMap as HashMap;

use super::intern::{Interned, Lists, Types};
use super::NAME;

/// Sentences of both sides as sorted lists of concept ids for one
/// feature, keeping only concepts that occur on both sides.
#[derive(Debug, Default, Clone)]
pub(crate) struct Concepts {
    pub src: Vec<Vec<u32>>,
    pub tgt: Vec<Vec<u32>>,
    /// Number of sentences each concept occurs in, per side.
    pub df_src: Vec<u32>,
    pub df_tgt: Vec<u32>,
}

impl Concepts {
    /// No concept: `n` source and `m` target sentences without items (what
    /// [`concepts_of`] keeps when no pair of types matches).
    fn none(n: usize, m: usize) -> Concepts {
        Concepts {
            src: vec![Vec::new(); n],
            tgt: vec![Vec::new(); m],
            df_src: Vec::new(),
            df_tgt: Vec::new(),
        }
    }
}

/// A union-find over item types, used to merge matching types into
/// concepts.
pub(crate) struct UnionFind(Vec<u32>);

impl UnionFind {
    fn find(&mut self, mut x: u32) -> u32 {
        while let Some(&p) = self.0.get(x as usize) {
            if p == x {
                break;
            }
            let gp = self.0.get(p as usize).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(x as usize) {
                *slot = gp;
            }
            x = gp;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            if let Some(slot) = self.0.get_mut(ra as usize) {
                *slot = rb;
            }
        }
    }
}

/// Builds concepts for one feature from each side's item lists (as
/// [`concepts_of`] does of them interned).
#[cfg(test)]
/// `matches(src_types, tgt_types)` lists pairs of (src type, tgt type)
/// indices that match.
pub(crate) fn concepts(
    src: Vec<Vec<String>>,
    tgt: Vec<Vec<String>>,
    matches: impl FnOnce(&Types, &Types) -> Vec<(u32, u32)>,
) -> Concepts {
    let intern = |lists: Vec<Vec<String>>| {
        let mut out = Interned::default();
        for l in &lists {
            out.push(l.iter().map(String::as_str));
        }
        out
    };
    let (src, tgt) = (intern(src), intern(tgt));
    concepts_of((&src.types, &src.lists), (&tgt.types, &tgt.lists), matches)
}

/// [`concepts`] for words already interned, `matches` looking the
/// pairs up in both sides' types.
pub(crate) fn concepts_interned(
    src: &Interned,
    tgt: &Interned,
    matches: impl FnOnce(&Interned, &Interned) -> Vec<(u32, u32)>,
) -> Concepts {
    let pairs = matches(src, tgt);
    concepts_of(
        (&src.types, &src.lists),
        (&tgt.types, &tgt.lists),
        |_, _| pairs,
    )
}

/// [`concepts`] of both sides' items, each as its types and its
/// sentences' lists of type ids.
pub(crate) fn concepts_of(
    (src_types, src_lists): (&Types, &Lists),
    (tgt_types, tgt_lists): (&Types, &Lists),
    matches: impl FnOnce(&Types, &Types) -> Vec<(u32, u32)>,
) -> Concepts {
    let offset = src_types.len() as u32;
    let total = src_types.len() + tgt_types.len();
    let pairs = matches(src_types, tgt_types);
    if pairs.is_empty() {
        return Concepts::none(src_lists.len(), tgt_lists.len());
    }
    let mut uf = UnionFind((0..total as u32).collect());
    for (s, t) in pairs {
        uf.union(s, offset + t);
    }
    // A concept is kept when it has a member on each side.
    let mut has_src = vec![false; total];
    let mut has_tgt = vec![false; total];
    for s in 0..offset {
        let r = uf.find(s) as usize;
        if let Some(v) = has_src.get_mut(r) {
            *v = true;
        }
    }
    for t in 0..tgt_types.len() as u32 {
        let r = uf.find(offset + t) as usize;
        if let Some(v) = has_tgt.get_mut(r) {
            *v = true;
        }
    }
    // Dense ids for kept concepts.
    let mut dense = vec![u32::MAX; total];
    let mut next = 0u32;
    let mut concept_of = |uf: &mut UnionFind, node: u32| -> Option<u32> {
        let r = uf.find(node) as usize;
        if !(has_src.get(r).copied().unwrap_or(false) && has_tgt.get(r).copied().unwrap_or(false)) {
            return None;
        }
        let slot = dense.get_mut(r)?;
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        Some(*slot)
    };
    // Each type's concept, worked out at its first occurrence (so that
    // dense ids follow first occurrence): UNSEEN before, NONE for a type
    // whose concept is not kept.
    const UNSEEN: u32 = u32::MAX;
    const NONE: u32 = u32::MAX - 1;
    let mut of_type = vec![UNSEEN; total];
    // A sentence's concepts are gathered in `scratch`, then copied into
    // a list of their exact number (none allocated for no concept).
    let mut scratch: Vec<u32> = Vec::new();
    let mut to_concepts = |lists: &Lists, base: u32, uf: &mut UnionFind| -> Vec<Vec<u32>> {
        (0..lists.len())
            .map(|k| {
                scratch.clear();
                scratch.extend(lists.get(k).iter().filter_map(|&t| {
                    let slot = of_type.get_mut((base + t) as usize)?;
                    if *slot == UNSEEN {
                        *slot = concept_of(uf, base + t).unwrap_or(NONE);
                    }
                    (*slot != NONE).then_some(*slot)
                }));
                scratch.sort_unstable();
                scratch.dedup();
                scratch.to_vec()
            })
            .collect()
    };
    let src_c = to_concepts(src_lists, 0, &mut uf);
    let tgt_c = to_concepts(tgt_lists, offset, &mut uf);
    let n = next as usize;
    let df = |lists: &[Vec<u32>]| {
        let mut df = vec![0u32; n];
        for l in lists {
            for &c in l {
                if let Some(v) = df.get_mut(c as usize) {
                    *v += 1;
                }
            }
        }
        df
    };
    Concepts {
        df_src: df(&src_c),
        df_tgt: df(&tgt_c),
        src: src_c,
        tgt: tgt_c,
    }
}

/// Identical types match.
pub(crate) fn identical_pairs(src: &Types, tgt: &Types) -> Vec<(u32, u32)> {
    let index: HashMap<&str, u32> = src.iter().enumerate().map(|(i, s)| (s, i as u32)).collect();
    tgt.iter()
        .enumerate()
        .filter_map(|(j, t)| index.get(t).map(|&i| (i, j as u32)))
        .collect()
}

/// Cognates: identical, or sharing a 4-letter prefix, or normalised
/// Levenshtein similarity ≥ 0.7 (compared only within buckets of the same
/// first two letters and lengths within two of each other).
pub(crate) fn cognate_pairs(src: &Types, tgt: &Types) -> Vec<(u32, u32)> {
    /// The first `n` characters of `w` (of `len` characters), if it has
    /// that many (none for a name, which matches only identically).
    fn prefix(w: &str, len: usize, n: usize) -> Option<&str> {
        if w.starts_with(NAME) {
            return None;
        }
        if len == w.len() {
            // As many characters as bytes: ASCII.
            return w.get(..n);
        }
        match w.char_indices().nth(n) {
            Some((end, _)) => w.get(..end),
            None => (len == n).then_some(w),
        }
    }
    let mut pairs = identical_pairs(src, tgt);
    // The words of each side, looked up once rather than at each use.
    let (src, tgt): (Vec<&str>, Vec<&str>) = (src.iter().collect(), tgt.iter().collect());
    // Words sharing their first four letters: each word is paired with the
    // most alike word of the other side that shares them (the longest
    // common prefix, then the closest length, then the first), both ways,
    // so that the pairs do not depend on which side is the source.
    /// The words of each 4-letter prefix, as chains through `next`
    /// (from the head, the last such word; `u32::MAX` ends a chain): no
    /// list allocated per prefix. The order of candidates does not matter
    /// to the choice of `closest`, whose key ends with the candidate.
    struct By4<'w> {
        head: HashMap<&'w str, u32>,
        next: Vec<u32>,
    }
    impl By4<'_> {
        fn candidates(&self, p: &str) -> impl Iterator<Item = u32> + '_ {
            let first = self.head.get(p).copied().unwrap_or(u32::MAX);
            std::iter::successors(Some(first).filter(|&c| c != u32::MAX), |&c| {
                self.next
                    .get(c as usize)
                    .copied()
                    .filter(|&n| n != u32::MAX)
            })
        }
    }
    fn by4<'w>(p4: &[Option<&'w str>]) -> By4<'w> {
        let mut head: HashMap<&str, u32> = HashMap::default();
        head.reserve(p4.len());
        let mut next = vec![u32::MAX; p4.len()];
        for (i, &p) in p4.iter().enumerate() {
            if let Some(p) = p {
                let slot = head.entry(p).or_insert(u32::MAX);
                if let Some(n) = next.get_mut(i) {
                    *n = *slot;
                }
                *slot = i as u32;
            }
        }
        By4 { head, next }
    }
    // Each word's length in characters and 4-letter prefix, worked out
    // once.
    let lens = |words: &[&str]| -> Vec<usize> { words.iter().map(|w| w.chars().count()).collect() };
    fn p4<'w>(words: &[&'w str], lens: &[usize]) -> Vec<Option<&'w str>> {
        words
            .iter()
            .zip(lens)
            .map(|(w, &len)| prefix(w, len, 4))
            .collect()
    }
    let (src_len, tgt_len) = (lens(&src), lens(&tgt));
    let (src_p4, tgt_p4) = (p4(&src, &src_len), p4(&tgt, &tgt_len));
    let (src4, tgt4) = (by4(&src_p4), by4(&tgt_p4));
    /// The candidate of `words` (of `lens` characters) most alike `w` (of
    /// `len` characters).
    fn closest(
        (w, len): (&str, usize),
        candidates: impl Iterator<Item = u32>,
        words: &[&str],
        lens: &[usize],
    ) -> Option<u32> {
        candidates.min_by_key(|&c| {
            let o = words.get(c as usize).copied().unwrap_or_default();
            let common = w.chars().zip(o.chars()).take_while(|(a, b)| a == b).count();
            let o_len = lens.get(c as usize).copied().unwrap_or(0);
            (std::cmp::Reverse(common), len.abs_diff(o_len), c)
        })
    }
    // For each word of `words`, its most alike partner in `other`
    // (grouped by prefix in `groups`).
    let partners = |(words, lens, p4): (&[&str], &[usize], &[Option<&str>]),
                    (other, other_lens): (&[&str], &[usize]),
                    groups: &By4| {
        words
            .iter()
            .zip(lens)
            .zip(p4)
            .enumerate()
            .filter_map(|(a, ((w, &len), p))| {
                let b =
                    p.and_then(|p| closest((w, len), groups.candidates(p), other, other_lens))?;
                Some((a as u32, b))
            })
            .collect::<Vec<_>>()
    };
    let tgt_side = (&tgt[..], &tgt_len[..], &tgt_p4[..]);
    let src_side = (&src[..], &src_len[..], &src_p4[..]);
    pairs.extend(
        partners(tgt_side, (&src, &src_len), &src4)
            .into_iter()
            .map(|(j, i)| (i, j)),
    );
    pairs.extend(partners(src_side, (&tgt, &tgt_len), &tgt4));
    let mut by2: HashMap<&str, Vec<u32>> = HashMap::default();
    for ((i, s), &len) in src.iter().enumerate().zip(&src_len) {
        if len >= 4 {
            if let Some(p) = prefix(s, len, 2) {
                by2.entry(p).or_default().push(i as u32);
            }
        }
    }
    // Each source word's bag (its characters sorted), sorted at its first
    // comparison rather than at every one; the target word's, once for
    // its bucket.
    let mut src_bags = Bags::new(src.len());
    let mut tgt_bag: Vec<char> = Vec::new();
    for ((j, t), &tl) in tgt.iter().enumerate().zip(&tgt_len) {
        if tl < 4 {
            continue;
        }
        let Some(bucket) = prefix(t, tl, 2).and_then(|p| by2.get(p)) else {
            continue;
        };
        let mut tgt_sorted = false;
        for &i in bucket {
            let Some(&sl) = src_len.get(i as usize) else {
                continue;
            };
            let s = src.get(i as usize).copied().unwrap_or_default();
            if sl.abs_diff(tl) > 2 || s == *t {
                continue;
            }
            let bags = if sl <= BAG_MOST && tl <= BAG_MOST {
                if !tgt_sorted {
                    sorted_chars_into(t, &mut tgt_bag);
                    tgt_sorted = true;
                }
                Some((src_bags.get(i as usize, s, sl), &tgt_bag[..]))
            } else {
                None
            };
            if similar_bags((s, sl), (t, tl), bags) {
                pairs.push((i, j as u32));
            }
        }
    }
    pairs
}

/// The longest word whose bag of characters [`similar`] compares.
const BAG_MOST: usize = 32;

/// The words' characters sorted, each worked out once.
pub(super) struct Bags {
    chars: Vec<char>,
    /// Where each word's characters start in `chars` (`u32::MAX` before
    /// they are sorted).
    at: Vec<u32>,
}

impl Bags {
    pub(super) fn new(words: usize) -> Bags {
        Bags {
            chars: Vec::new(),
            at: vec![u32::MAX; words],
        }
    }

    /// The characters of word `i` (`w`, of `len` characters), sorted.
    pub(super) fn get(&mut self, i: usize, w: &str, len: usize) -> &[char] {
        let Some(at) = self.at.get_mut(i) else {
            return &[];
        };
        if *at == u32::MAX {
            *at = self.chars.len() as u32;
            let start = self.chars.len();
            self.chars.extend(w.chars());
            if let Some(bag) = self.chars.get_mut(start..) {
                bag.sort_unstable();
            }
        }
        let start = *at as usize;
        self.chars.get(start..start + len).unwrap_or_default()
    }
}

/// `w`'s characters sorted, into `out` (cleared first).
fn sorted_chars_into(w: &str, out: &mut Vec<char>) {
    out.clear();
    out.extend(w.chars());
    out.sort_unstable();
}

/// Whether words `a` and `b` (with their lengths in characters) have a
/// normalised Levenshtein similarity of 0.7 or more. Most pairs are told
/// apart by a bound first: the distance is at least the number of
/// characters of one that the other lacks (counted as multisets), so a
/// pair that bound puts below 0.7 is below it.
#[cfg(test)]
pub(super) fn similar(a: (&str, usize), b: (&str, usize)) -> bool {
    let (mut x, mut y) = (Vec::new(), Vec::new());
    let bags = (a.1 <= BAG_MOST && b.1 <= BAG_MOST).then(|| {
        sorted_chars_into(a.0, &mut x);
        sorted_chars_into(b.0, &mut y);
        (&x[..], &y[..])
    });
    similar_bags(a, b, bags)
}

/// [`similar`], with the words' characters sorted (`bags`) when neither
/// is longer than [`BAG_MOST`].
fn similar_bags(
    (a, la): (&str, usize),
    (b, lb): (&str, usize),
    bags: Option<(&[char], &[char])>,
) -> bool {
    if let Some((x, y)) = bags {
        // As strsim computes the similarity, with `bag` for the distance.
        let bag = bag_distance(x, y);
        let bound = 1.0 - (bag as f64) / (la.max(lb) as f64);
        if bound < 0.7 {
            return false;
        }
    }
    strsim::normalized_levenshtein(a, b) >= 0.7
}

/// The characters of one word that the other lacks, counted as multisets,
/// whichever word lacks more, of the words' characters sorted.
fn bag_distance(x: &[char], y: &[char]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while let (Some(c), Some(d)) = (x.get(i), y.get(j)) {
        match c.cmp(d) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (x.len() - common).max(y.len() - common)
}

/// Size of the intersection of two sorted lists.
pub(crate) fn intersect(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut k) = (0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                k += 1;
                i += 1;
                j += 1;
            }
        }
    }
    k
}

/// Lexicon pairs (src word, tgt word), folded, as type-index pairs.
pub(crate) fn lexicon_pairs(
    lexicon: &[(String, String)],
) -> impl Fn(&Interned, &Interned) -> Vec<(u32, u32)> + '_ {
    lexicons_pairs([lexicon, &[]])
}

/// [`lexicon_pairs`] of the pairs of two lexicons, the first's first (a
/// corpus's or a learned one, and the user's dictionary), without
/// copying them into one.
pub(crate) fn lexicons_pairs<'a>(
    lexicons: [&'a [(String, String)]; 2],
) -> impl Fn(&Interned, &Interned) -> Vec<(u32, u32)> + 'a {
    move |src, tgt| {
        lexicons
            .iter()
            .flat_map(|l| l.iter())
            .filter_map(|(s, t)| Some((src.id(s)?, tgt.id(t)?)))
            .collect()
    }
}
