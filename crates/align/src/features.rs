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
mod lexicon;
mod names;
mod numbers;

pub(crate) use concepts::{
    cognate_pairs, concepts, concepts_interned, identical_pairs, intersect, lexicon_pairs,
    lexicons_pairs, Concepts, Interned,
};
pub(crate) use fold::fold;
use fold::fold_into;
pub(crate) use lexicon::learn_lexicon_interned;
pub(crate) use names::{add_names, names_matter};
use numbers::{
    ascii_digit, is_clock_time, read_number, scale_after, scaled, without_leading_zeros,
};

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

/// The raw items of one sentence, before concepts are assigned.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawItems {
    /// Normalised numbers ("1000000", "2.5", "9").
    pub numbers: Vec<String>,
    /// Folded words (lower-cased, diacritics stripped) of 4+ letters, and
    /// acronyms of 2+ capitals, for identity and cognates.
    pub words: Vec<String>,
    /// All folded words (and single CJK characters), for the lexicon, each
    /// followed by [`LEX_END`] (one string per sentence, not one per word).
    pub lex: String,
    /// Punctuation counts per class.
    pub punct: [u16; PUNCT_CLASSES],
    /// Length in characters, without whitespace.
    pub chars: u32,
    /// The script that most of its letters are written in (a small class
    /// id; 0 when it has no letters).
    pub script: u8,
    /// Initials: single capital letters followed by a full stop ("M." in
    /// "M.B."), folded.
    pub initials: Vec<String>,
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

/// Ends each word of [`RawItems::lex`].
pub(crate) const LEX_END: char = '\0';

fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Whether `c` is a combining mark (none lies below U+0300, which spares
/// the table lookup for most letters of Latin text).
fn is_mark(c: char) -> bool {
    c >= '\u{300}' && unicode_normalization::char::is_combining_mark(c)
}

/// Extracts the raw items of a sentence.
pub(crate) fn raw_items(text: &str) -> RawItems {
    let mut items = RawItems {
        lex: String::with_capacity(text.len() + text.len() / 4),
        ..RawItems::default()
    };
    let mut scripts = [0u32; 8];
    // Middle dots outside words: the Greek semicolon (ano teleia, U+0387,
    // which NFC writes as U+00B7).
    let mut middle_dots = 0u16;
    let mut iter = text.char_indices().peekable();
    let mut prev = ' ';
    while let Some((pos, c)) = iter.next() {
        let before = std::mem::replace(&mut prev, c);
        if c.is_whitespace() {
            continue;
        }
        items.chars += 1;
        if matches!(c, '\u{b7}' | '\u{387}')
            && !(before.is_alphabetic() && iter.peek().is_some_and(|&(_, d)| d.is_alphabetic()))
        {
            middle_dots = middle_dots.saturating_add(1);
        }
        let quote = matches!(c, '\'' | '‘' | '’')
            && !(before.is_alphanumeric()
                && iter.peek().is_some_and(|&(_, d)| d.is_alphanumeric()));
        if quote {
            // A single quote, not an apostrophe inside a word ("don't").
            if let Some(slot) = items.punct.get_mut(QUOTES) {
                *slot = slot.saturating_add(1);
            }
        } else if let Some(p) = punct_class(c) {
            if let Some(slot) = items.punct.get_mut(p) {
                *slot = slot.saturating_add(1);
            }
        }
        if ascii_digit(c).is_some() {
            let (number, len) = read_number(text.get(pos..).unwrap_or_default());
            // The number's other characters count towards the length too.
            let number_chars = text.get(pos..pos + len).map_or(0, |s| s.chars().count());
            // Spaces between thousands groups are not counted as length.
            let spaces = text
                .get(pos..pos + len)
                .map_or(0, |s| s.chars().filter(|c| c.is_whitespace()).count());
            items.chars += number_chars.saturating_sub(1 + spaces) as u32;
            for _ in 1..number_chars {
                iter.next();
            }
            if number.matches('.').count() >= 2 || is_clock_time(&number) {
                // A date or a version ("10.9.2017", "27.10.14"): its parts,
                // as "September 10, 2017" or "9/10/2017" give them; a time
                // ("10.30", "10,30"), as "10:30" and "10h30" do.
                items
                    .numbers
                    .extend(number.split('.').map(without_leading_zeros));
            } else {
                // "1.5 million", "150万": the value too, as the other side
                // may write it with another scale or none.
                let scaled = scale_after(text.get(pos + len..).unwrap_or_default())
                    .map(|exp| scaled(&number, exp));
                items.numbers.push(number);
                items.numbers.extend(scaled);
            }
            continue;
        }
        if !c.is_alphabetic() {
            continue;
        }
        if let Some(n) = scripts.get_mut(usize::from(script_of(c))) {
            *n += 1;
        }
        if is_cjk(c) {
            items.lex.push(c);
            items.lex.push(LEX_END);
            continue;
        }
        // A word: a run of alphabetic, non-CJK characters.
        let mut end = pos + c.len_utf8();
        let mut upper = c.is_uppercase();
        let mut count = 1usize;
        while let Some(&(p, d)) = iter.peek() {
            // Combining marks stay in the word: accents of text in NFD
            // ("Krako\u{301}w"), viramas and tone marks of Indic and Thai
            // words.
            let mark = is_mark(d);
            if !(d.is_alphabetic() || mark) || is_cjk(d) {
                break;
            }
            if !mark {
                if let Some(n) = scripts.get_mut(usize::from(script_of(d))) {
                    *n += 1;
                }
                upper &= d.is_uppercase();
            }
            count += 1;
            end = p + d.len_utf8();
            iter.next();
        }
        items.chars += (count - 1) as u32;
        let start = items.lex.len();
        fold_into(text.get(pos..end).unwrap_or_default(), &mut items.lex);
        let folded = items.lex.get(start..).unwrap_or_default();
        let acronym = count >= 2 && upper;
        if count == 1 && upper && text.get(end..).is_some_and(|r| r.starts_with('.')) {
            items.initials.push(folded.to_string());
        }
        if count >= 4 || acronym {
            items.words.push(folded.to_string());
        }
        items.lex.push(LEX_END);
    }
    items.script = (1..8u8)
        .filter(|&s| scripts.get(usize::from(s)).copied().unwrap_or(0) > 0)
        .max_by_key(|&s| {
            (
                scripts.get(usize::from(s)).copied().unwrap_or(0),
                std::cmp::Reverse(s),
            )
        })
        .unwrap_or(0);
    if items.script == GREEK {
        // Greek writes its question mark as ";" and its semicolon as a
        // raised dot: count them as what they are, so that they meet the
        // "?" and ";" of a translation.
        let semicolons = std::mem::replace(&mut items.punct[SEMICOLON], middle_dots);
        items.punct[QUESTION] = items.punct[QUESTION].saturating_add(semicolons);
    }
    items
}

#[cfg(test)]
mod tests;
