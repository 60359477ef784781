//! The features of a document pair, extracted once for both passes.

use crate::features::{self, Concepts};
use crate::Sentence;

/// The prepared features of a document pair (independent of the band).
pub(crate) struct Prepared {
    /// Per sentence: length, punctuation and script (the item lists are
    /// moved out into the fields below).
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

/// Extracts the features of both sides.
pub(crate) fn prepare(src: &[Sentence], tgt: &[Sentence]) -> Prepared {
    use rayon::prelude::*;
    // Items are extracted in parallel a chunk at a time and the lexicon
    // words interned as they come, so that one string per word of the
    // whole document never exists at once.
    let side = |sents: &[Sentence]| -> (Vec<features::RawItems>, features::Interned) {
        let mut raw = Vec::with_capacity(sents.len());
        let mut lex = features::Interned::default();
        for chunk in sents.chunks(4096) {
            let mut items: Vec<features::RawItems> = chunk
                .par_iter()
                .with_min_len(PARALLEL_MIN_ITEMS)
                .map(|s| features::raw_items(s.text))
                .collect();
            for r in &mut items {
                // Each word ends with the one-byte LEX_END.
                let count = r
                    .lex
                    .bytes()
                    .filter(|&b| b == features::LEX_END as u8)
                    .count();
                lex.push_counted(r.lex.split_terminator(features::LEX_END), count);
                r.lex = String::new();
            }
            raw.extend(items);
        }
        lex.finish();
        (raw, lex)
    };
    let ((src_raw, src_lex), (tgt_raw, tgt_lex)) = if src.len() + tgt.len() < PARALLEL_MIN_ITEMS {
        (side(src), side(tgt))
    } else {
        rayon::join(|| side(src), || side(tgt))
    };
    let (mut src_raw, mut tgt_raw) = (src_raw, tgt_raw);
    let scripts = (
        features::dominant_script(&src_raw),
        features::dominant_script(&tgt_raw),
    );
    // Names (capitalised Latin words, and Chinese characters in pinyin)
    // for a pair of which one side is Chinese.
    if features::names_matter(scripts) {
        let src_text: Vec<&str> = src.iter().map(|s| s.text).collect();
        let tgt_text: Vec<&str> = tgt.iter().map(|s| s.text).collect();
        if scripts.0 == features::CJK {
            features::add_names((&tgt_text, &mut tgt_raw), (&src_text, &mut src_raw));
        } else {
            features::add_names((&src_text, &mut src_raw), (&tgt_text, &mut tgt_raw));
        }
    }
    // Move the item lists out rather than copy them: on long documents
    // they are most of the memory.
    let take = |raw: &mut [features::RawItems],
                f: fn(&mut features::RawItems) -> &mut Vec<String>|
     -> Vec<Vec<String>> { raw.iter_mut().map(|r| std::mem::take(f(r))).collect() };
    let src_numbers = take(&mut src_raw, |r| &mut r.numbers);
    let tgt_numbers = take(&mut tgt_raw, |r| &mut r.numbers);
    let words = features::concepts(
        take(&mut src_raw, |r| &mut r.words),
        take(&mut tgt_raw, |r| &mut r.words),
        features::cognate_pairs,
    );
    let numbers = features::concepts(src_numbers, tgt_numbers, features::identical_pairs);
    let same_script = scripts.0 == scripts.1;
    let orphans = |raw: &[features::RawItems], other: &features::Interned| -> Vec<bool> {
        if !same_script || raw.iter().all(|r| r.initials.is_empty()) {
            return vec![false; raw.len()];
        }
        let words: rustc_hash::FxHashSet<&str> = other.types.iter().map(String::as_str).collect();
        raw.iter()
            .map(|r| r.initials.iter().any(|w| !words.contains(w.as_str())))
            .collect()
    };
    let (src_orphan, tgt_orphan) = (orphans(&src_raw, &tgt_lex), orphans(&tgt_raw, &src_lex));
    Prepared {
        src_orphan,
        tgt_orphan,
        src_lex,
        tgt_lex,
        src_raw,
        tgt_raw,
        numbers,
        words,
    }
}
