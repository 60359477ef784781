//! Anchor evidence: numbers, identical tokens and cognates, a learned or
//! given lexicon, and punctuation.
//!
//! Each lexical feature maps the items of every sentence to *concepts*:
//! an item of one side and an item of the other side share a concept when
//! they match (same number; identical, same 4-letter prefix or similar
//! spelling; a lexicon pair). Items whose concept has no member on the
//! other side anywhere in the document are dropped: they can never match.
//! Then a sentence is a sorted list of concept ids, and two sentences
//! match on the concepts they share.

mod concepts;
mod fold;
mod intern;
mod lexicon;
mod names;
mod numbers;
mod scan;

#[cfg(test)]
pub(crate) use concepts::concepts;
pub(crate) use concepts::{
    cognate_pairs, concepts_interned, concepts_of, identical_pairs, intersect, lexicon_pairs,
    lexicons_pairs, Concepts,
};
pub(crate) use fold::fold;
use fold::fold_into;
pub(crate) use intern::{Interned, Lists, Types};
pub(crate) use lexicon::learn_lexicon_interned;
pub(crate) use names::{name_items, names_matter};
pub(crate) use scan::{Scan, TokenSink, INITIAL, WORD};

/// Punctuation classes that survive translation.
pub(crate) const PUNCT_CLASSES: usize = 7;

/// The class of quotation marks.
const QUOTES: usize = 4;

/// The classes of question marks and semicolons.
const QUESTION: usize = 0;
const SEMICOLON: usize = 3;

/// The script class of Greek letters ([`script_of`]).
const GREEK: u8 = 2;

/// The script class of Chinese, Japanese and Korean ([`script_of`]).
pub(crate) const CJK: u8 = 6;

/// The mark that starts a *name* item among the words: two Chinese
/// characters in pinyin ("清扬" → "qingyang"), or a capitalised Latin word
/// ("Qingyang"). Names match only names, and only identically; they are
/// kept only for a pair of which one side is Chinese ([`add_names`]).
pub(crate) const NAME: char = '\u{2}';

fn punct_class(c: char) -> Option<usize> {
    Some(match c {
        // Not the inverted marks of Spanish: they open a sentence whose
        // "?" or "!" is counted already, and a translation has no
        // counterpart for them.
        '?' | '？' | '؟' => 0,
        '!' | '！' => 1,
        ':' | '：' => 2,
        ';' | '；' | '؛' => 3,
        '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '「' | '」' | '『' | '』' => {
            QUOTES
        }
        '(' | ')' | '[' | ']' | '（' | '）' | '［' | '］' | '【' | '】' | '〔' | '〕' => 5,
        '–' | '—' | '―' => 6,
        _ => return None,
    })
}

/// What the aligner keeps of a sentence besides its items: length,
/// punctuation and script.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawItems {
    /// Punctuation counts per class.
    pub punct: [u16; PUNCT_CLASSES],
    /// Length in characters, without whitespace.
    pub chars: u32,
    /// The script that most of its letters are written in (a small class
    /// id; 0 when it has no letters).
    pub script: u8,
}

/// Whether combining marks on letters of `script` ([`script_of`]) are
/// diacritics a fold may drop: accents in Latin, Greek and Cyrillic (1–3),
/// optional vowel points in Hebrew and Arabic (4, 5); not in the other
/// scripts, where they are vowels.
fn marks_are_diacritics(script: u8) -> bool {
    matches!(script, 1..=5)
}

/// A coarse script class of a letter: Latin, Greek, Cyrillic, Hebrew,
/// Arabic, CJK, other.
fn script_of(c: char) -> u8 {
    match u32::from(c) {
        0x0000..=0x024F | 0x1E00..=0x1EFF => 1,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => 2,
        0x0400..=0x052F => 3,
        0x0590..=0x05FF => 4,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            5
        }
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF => {
            6
        }
        _ => 7,
    }
}

/// The script of most letters of a side.
pub(crate) fn dominant_script(raw: &[RawItems]) -> u8 {
    let mut counts = [0usize; 8];
    for r in raw {
        if let Some(c) = counts.get_mut(usize::from(r.script)) {
            *c += r.chars as usize;
        }
    }
    (1..8u8)
        .max_by_key(|&s| {
            (
                counts.get(usize::from(s)).copied().unwrap_or(0),
                std::cmp::Reverse(s),
            )
        })
        .unwrap_or(0)
}

fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Whether `c` is a combining mark (none lies below U+0300, which spares
/// the table lookup for most letters of Latin text).
fn is_mark(c: char) -> bool {
    c >= '\u{300}' && unicode_normalization::char::is_combining_mark(c)
}

#[cfg(test)]
mod tests;
