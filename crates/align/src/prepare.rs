//! The features of a document pair, extracted once for both passes.

use crate::features::{self, Concepts};
use crate::Sentence;

/// The prepared features of a document pair (independent of the band).
pub(crate) struct Prepared {
    /// Per sentence: length, punctuation and script.
    pub(crate) src_raw: Vec<features::RawItems>,
    pub(crate) tgt_raw: Vec<features::RawItems>,
    /// Per sentence, the folded words for the lexicon (interned).
    pub(crate) src_lex: features::Interned,
    pub(crate) tgt_lex: features::Interned,
    pub(crate) numbers: Concepts,
    pub(crate) words: Concepts,
    /// Per sentence of each side: it has an initial that occurs nowhere in
    /// the other text (both written in the same script).
    pub(crate) src_orphan: Vec<bool>,
    pub(crate) tgt_orphan: Vec<bool>,
}

impl Prepared {
    /// The three lexical features a pass matches sentences on: numbers,
    /// words, and the pass's `lexicon`.
    pub(crate) fn features<'a>(&'a self, lexicon: &'a Concepts) -> [&'a Concepts; 3] {
        [&self.numbers, &self.words, lexicon]
    }
}

/// Work items (sentences, rows of a band) below which a loop is not split
/// across threads: on a short document the hand-over costs more than the
/// work, and in a batch the other threads are busy with other documents.
pub(crate) const PARALLEL_MIN_ITEMS: usize = 256;

/// Sentences scanned at a time: their tokens are interned before the
/// next ones are scanned, so that the tokens of a long document never
/// exist at once.
const SCAN_GROUP: usize = 4096;

/// Sentences one thread scans at a time within a group.
const SCAN_CHUNK: usize = 512;

/// The items of one side, interned.
struct SideItems {
    raw: Vec<features::RawItems>,
    /// The lexicon's tokens.
    lex: features::Interned,
    /// The lexicon ids of the word items, and of the initials.
    words: features::Lists,
    initials: features::Lists,
    numbers: features::Interned,
}

/// Scans and interns the items of one side's sentences.
fn side_items(sents: &[Sentence]) -> SideItems {
    use rayon::prelude::*;
    let mut out = SideItems {
        raw: Vec::with_capacity(sents.len()),
        lex: features::Interned::default(),
        words: features::Lists::default(),
        initials: features::Lists::default(),
        numbers: features::Interned::default(),
    };
    let scan = |chunk: &[Sentence]| features::Scan::of(chunk.iter().map(|s| s.text));
    for group in sents.chunks(SCAN_GROUP) {
        let scans: Vec<features::Scan> = if group.len() < 2 * PARALLEL_MIN_ITEMS {
            vec![scan(group)]
        } else {
            group.par_chunks(SCAN_CHUNK).map(scan).collect()
        };
        for scan in scans {
            // Room for new types in a third of the tokens or more (most
            // are repeats), so that the table rarely grows token by token.
            out.lex
                .reserve_types(scan.token_count() / 2, scan.text_len() / 2);
            for k in 0..scan.len() {
                for t in scan.tokens(k) {
                    let id = out.lex.intern_hashed(t.text, t.hash);
                    out.lex.lists.push(id);
                    if t.kind & features::WORD != 0 {
                        out.words.push(id);
                    }
                    if t.kind & features::INITIAL != 0 {
                        out.initials.push(id);
                    }
                }
                out.lex.lists.end_list();
                out.words.end_list();
                out.initials.end_list();
                out.numbers.push(scan.numbers(k).iter().map(String::as_str));
            }
            out.raw.extend(scan.raw);
        }
    }
    out.lex.finish();
    out
}

/// The word items of a side: its lexicon tokens that are words (`words`,
/// as lexicon ids), then its `names`, interned in that order.
fn word_items(
    lex: &features::Interned,
    words: &features::Lists,
    names: Option<&[Vec<String>]>,
) -> features::Interned {
    let mut out = features::Interned::default();
    // The word id of each lexicon id, once it has one.
    let mut of_lex = vec![u32::MAX; lex.types.len()];
    let (new_words, bytes) = of_lex_count(words, &lex.types);
    out.reserve_types(new_words, bytes);
    for k in 0..words.len() {
        for &l in words.get(k) {
            if let Some(slot) = of_lex.get_mut(l as usize) {
                if *slot == u32::MAX {
                    // Distinct lexicon types are distinct words: a new
                    // type, with the hash the lexicon has for it.
                    let w = lex.types.get(l as usize);
                    *slot = out.push_new_type(w, lex.hash_of(l));
                }
                out.lists.push(*slot);
            }
        }
        for name in names.and_then(|n| n.get(k)).into_iter().flatten() {
            let id = out.intern(name);
            out.lists.push(id);
        }
        out.lists.end_list();
    }
    out
}

/// The number of distinct lexicon ids (of `types`) in `words`, and their
/// words' bytes.
fn of_lex_count(words: &features::Lists, types: &features::Types) -> (usize, usize) {
    let mut seen = vec![false; types.len()];
    let (mut n, mut bytes) = (0, 0);
    for k in 0..words.len() {
        for &l in words.get(k) {
            if let Some(s) = seen.get_mut(l as usize) {
                if !*s {
                    n += 1;
                    bytes += types.get(l as usize).len();
                }
                *s = true;
            }
        }
    }
    (n, bytes)
}

/// Extracts the features of both sides.
pub(crate) fn prepare(src: &[Sentence], tgt: &[Sentence]) -> Prepared {
    let (src_items, tgt_items) = if src.len() + tgt.len() < PARALLEL_MIN_ITEMS {
        (side_items(src), side_items(tgt))
    } else {
        rayon::join(|| side_items(src), || side_items(tgt))
    };
    let scripts = (
        features::dominant_script(&src_items.raw),
        features::dominant_script(&tgt_items.raw),
    );
    // Names (capitalised Latin words, and Chinese characters in pinyin)
    // for a pair of which one side is Chinese.
    let (src_names, tgt_names) = if features::names_matter(scripts) {
        let src_text: Vec<&str> = src.iter().map(|s| s.text).collect();
        let tgt_text: Vec<&str> = tgt.iter().map(|s| s.text).collect();
        if scripts.0 == features::CJK {
            let (latin, chinese) = features::name_items(&tgt_text, &src_text);
            (Some(chinese), Some(latin))
        } else {
            let (latin, chinese) = features::name_items(&src_text, &tgt_text);
            (Some(latin), Some(chinese))
        }
    } else {
        (None, None)
    };
    let words = features::concepts_of(
        &word_items(&src_items.lex, &src_items.words, src_names.as_deref()),
        &word_items(&tgt_items.lex, &tgt_items.words, tgt_names.as_deref()),
        features::cognate_pairs,
    );
    let numbers = features::concepts_of(
        &src_items.numbers,
        &tgt_items.numbers,
        features::identical_pairs,
    );
    let same_script = scripts.0 == scripts.1;
    // Whether each sentence has an initial that is no word of the other
    // side.
    let orphans = |own: &SideItems, other: &features::Interned| -> Vec<bool> {
        if !same_script || own.initials.no_ids() {
            return vec![false; own.raw.len()];
        }
        (0..own.raw.len())
            .map(|k| {
                own.initials
                    .get(k)
                    .iter()
                    .any(|&id| other.id(own.lex.types.get(id as usize)).is_none())
            })
            .collect()
    };
    let src_orphan = orphans(&src_items, &tgt_items.lex);
    let tgt_orphan = orphans(&tgt_items, &src_items.lex);
    Prepared {
        src_orphan,
        tgt_orphan,
        src_lex: src_items.lex,
        tgt_lex: tgt_items.lex,
        src_raw: src_items.raw,
        tgt_raw: tgt_items.raw,
        numbers,
        words,
    }
}
