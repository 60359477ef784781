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
    tokens: Tokens,
    numbers: features::Interned,
}

/// The lexicon tokens of one side, interned.
#[derive(Default)]
struct Tokens {
    /// The lexicon's tokens.
    lex: features::Interned,
    /// The lexicon ids of the word items, and of the initials.
    words: features::Lists,
    initials: features::Lists,
}

impl Tokens {
    /// Adds token `t` (hashed to `hash`, of kind `kind`) to the sentence
    /// being built.
    #[inline(always)]
    fn add(&mut self, t: &str, hash: u64, kind: u8) {
        let id = self.lex.intern_hashed(t, hash);
        self.lex.lists.push(id);
        if kind & features::WORD != 0 {
            self.words.push(id);
        }
        if kind & features::INITIAL != 0 {
            self.initials.push(id);
        }
    }
}

/// Interns each token as it is found, leaving the scan's buffer empty
/// (so that it holds only the token a scan gives it).
impl features::TokenSink for Tokens {
    #[inline(always)]
    fn token(&mut self, text: &mut String, start: usize, hash: u64, kind: u8) {
        debug_assert_eq!(start, 0);
        self.add(text, hash, kind);
        text.clear();
    }

    fn end_sentence(&mut self) {
        self.lex.lists.end_list();
        self.words.end_list();
        self.initials.end_list();
    }
}

/// Scans and interns the items of one side's sentences.
fn side_items(sents: &[Sentence]) -> SideItems {
    use features::TokenSink;
    use rayon::prelude::*;
    let mut raw = Vec::with_capacity(sents.len());
    let mut tokens = Tokens::default();
    let mut numbers = features::Interned::default();
    let scan = |chunk: &[Sentence]| features::Scan::of(chunk.iter().map(|s| s.text));
    for group in sents.chunks(SCAN_GROUP) {
        if group.len() < 2 * PARALLEL_MIN_ITEMS {
            // On one thread the tokens are interned as they are found,
            // not kept for a second pass. Room for types in an eighth of
            // the bytes or more, so that the table rarely grows.
            let bytes: usize = group.iter().map(|s| s.text.len()).sum();
            tokens.lex.reserve_types(bytes / 8, bytes / 2);
            let scan = features::Scan::into_sink(group.iter().map(|s| s.text), tokens);
            for k in 0..scan.len() {
                numbers.push(scan.numbers(k).iter().map(String::as_str));
            }
            raw.extend(scan.raw);
            tokens = scan.tokens;
            continue;
        }
        let scans: Vec<features::Scan> = group.par_chunks(SCAN_CHUNK).map(scan).collect();
        for scan in scans {
            // Room for new types in a third of the tokens or more (most
            // are repeats), so that the table rarely grows token by token.
            tokens
                .lex
                .reserve_types(scan.token_count() / 2, scan.text_len() / 2);
            for k in 0..scan.len() {
                for t in scan.tokens(k) {
                    tokens.add(t.text, t.hash, t.kind);
                }
                tokens.end_sentence();
                numbers.push(scan.numbers(k).iter().map(String::as_str));
            }
            raw.extend(scan.raw);
        }
    }
    tokens.lex.finish();
    SideItems {
        raw,
        tokens,
        numbers,
    }
}

/// The word items of a side: its lexicon tokens that are words (`words`,
/// as lexicon ids), then its `names`, as types (in order of first
/// occurrence) and per sentence their ids.
fn word_items(
    lex: &features::Interned,
    words: &features::Lists,
    names: Option<&[Vec<String>]>,
) -> (features::Types, features::Lists) {
    let mut types = features::Types::default();
    let mut lists = features::Lists::default();
    // Room for every lexicon type (more than the words among them).
    types.reserve(lex.types.len(), lex.types.text_len());
    // The word id of each lexicon id, once it has one.
    let mut of_lex = vec![u32::MAX; lex.types.len()];
    // The id of each name. No name is a word (a name starts with
    // `features::NAME`, no word does), so names are looked up only
    // among themselves, and words not at all: distinct lexicon types
    // are distinct words.
    let mut of_name: rustc_hash::FxHashMap<&str, u32> = Default::default();
    for k in 0..words.len() {
        for &l in words.get(k) {
            if let Some(slot) = of_lex.get_mut(l as usize) {
                if *slot == u32::MAX {
                    *slot = types.len() as u32;
                    types.push(lex.types.get(l as usize));
                }
                lists.push(*slot);
            }
        }
        for name in names.and_then(|n| n.get(k)).into_iter().flatten() {
            let id = *of_name.entry(name).or_insert_with(|| {
                types.push(name);
                types.len() as u32 - 1
            });
            lists.push(id);
        }
        lists.end_list();
    }
    (types, lists)
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
    let src_words = word_items(
        &src_items.tokens.lex,
        &src_items.tokens.words,
        src_names.as_deref(),
    );
    let tgt_words = word_items(
        &tgt_items.tokens.lex,
        &tgt_items.tokens.words,
        tgt_names.as_deref(),
    );
    let words = features::concepts_of(
        (&src_words.0, &src_words.1),
        (&tgt_words.0, &tgt_words.1),
        features::cognate_pairs,
    );
    drop((src_words, tgt_words));
    let numbers = features::concepts_of(
        (&src_items.numbers.types, &src_items.numbers.lists),
        (&tgt_items.numbers.types, &tgt_items.numbers.lists),
        features::identical_pairs,
    );
    let same_script = scripts.0 == scripts.1;
    // Whether each sentence has an initial that is no word of the other
    // side.
    let orphans = |own: &SideItems, other: &features::Interned| -> Vec<bool> {
        if !same_script || own.tokens.initials.no_ids() {
            return vec![false; own.raw.len()];
        }
        (0..own.raw.len())
            .map(|k| {
                own.tokens
                    .initials
                    .get(k)
                    .iter()
                    .any(|&id| other.id(own.tokens.lex.types.get(id as usize)).is_none())
            })
            .collect()
    };
    let src_orphan = orphans(&src_items, &tgt_items.tokens.lex);
    let tgt_orphan = orphans(&tgt_items, &src_items.tokens.lex);
    Prepared {
        src_orphan,
        tgt_orphan,
        src_lex: src_items.tokens.lex,
        tgt_lex: tgt_items.tokens.lex,
        src_raw: src_items.raw,
        tgt_raw: tgt_items.raw,
        numbers,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The interned items of a side, as text (ids, lists and raw items).
    fn summary(items: &SideItems) -> String {
        let t = &items.tokens;
        let lists = |l: &features::Lists| -> Vec<Vec<u32>> {
            (0..l.len()).map(|k| l.get(k).to_vec()).collect()
        };
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            t.lex.types.iter().collect::<Vec<_>>(),
            lists(&t.lex.lists),
            lists(&t.words),
            lists(&t.initials),
            items.numbers.types.iter().collect::<Vec<_>>(),
            lists(&items.numbers.lists),
            items.raw,
        )
    }

    #[test]
    fn tokens_interned_as_scanned_are_those_interned_after_a_scan() {
        let texts = [
            "Naïve H. Khan met Mr. Balla in Kraków on 9 October 2017.",
            "陈清扬说：“好。” 1.5 million people",
            "Krako\u{301}w ÉU\u{301}A don't co-operate MEK-ut",
            "ΑΘΗΝΑ Ευρώπη Путин हिन्दी ไม่ 한국 ａＢ",
            "UNHCR në Tiranë, 15 000 personnes, 10.9.2017",
        ];
        // More sentences than one thread scans alone: scanned in chunks,
        // then interned.
        let owned: Vec<String> = (0..3 * PARALLEL_MIN_ITEMS)
            .map(|k| format!("{} x{}", texts[k % texts.len()], k % 7))
            .collect();
        let sents: Vec<Sentence> = owned.iter().map(|t| Sentence::new(t, 0)).collect();
        assert!(sents.len() >= 2 * PARALLEL_MIN_ITEMS);
        let after = side_items(&sents);
        // The same sentences interned as they are scanned, a few at a
        // time (groups below the threshold).
        let mut raw = Vec::new();
        let mut tokens = Tokens::default();
        let mut numbers = features::Interned::default();
        for group in sents.chunks(100) {
            let scan = features::Scan::into_sink(group.iter().map(|s| s.text), tokens);
            for k in 0..scan.len() {
                numbers.push(scan.numbers(k).iter().map(String::as_str));
            }
            raw.extend(scan.raw);
            tokens = scan.tokens;
        }
        tokens.lex.finish();
        let during = SideItems {
            raw,
            tokens,
            numbers,
        };
        assert_eq!(summary(&after), summary(&during));
    }
}
