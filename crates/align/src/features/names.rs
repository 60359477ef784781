//! Names for a pair of which one side is Chinese: capitalised Latin
//! words and Chinese character pairs in pinyin.

use rustc_hash::FxHashMap as HashMap;

use super::{fold_into, is_mark, script_of, CJK, NAME};

/// Whether `c` is a Chinese character (Han), not kana or hangul.
pub(crate) fn is_han(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Whether names are worth matching between sides written mostly in
/// `scripts` (the dominant script of each): when exactly one is Chinese.
/// Between two alphabets, names are matched as words already.
pub(crate) fn names_matter(scripts: (u8, u8)) -> bool {
    (scripts.0 == CJK) != (scripts.1 == CJK)
}

/// The names of a sentence in Chinese characters: each two characters in
/// a row in pinyin ("清扬" → "qingyang") that `known` (names of the other
/// side) holds, each once. None for a sentence with kana: Japanese reads
/// its characters otherwise.
#[cfg(test)]
pub(crate) fn pinyin_names(text: &str, known: &HashMap<String, u32>) -> Vec<String> {
    pinyin_names_filtered(text, known, &KnownFilter::of(known))
}

/// What a pair of syllables must have to be one of the known names:
/// their first two bytes those of a name, their length a name's. Most
/// pairs fail it, and are neither written out nor looked up.
struct KnownFilter {
    /// Bit `b1` of word `b0 * 4 + b1 / 64`: a name starts with bytes
    /// `b0`, `b1`.
    starts: Vec<u64>,
    /// Bit `n` (below 64): a name is `n` bytes long; bit 63 for any
    /// longer.
    lengths: u64,
}

impl KnownFilter {
    /// The filter of the names in `known`.
    fn of(known: &HashMap<String, u32>) -> KnownFilter {
        let mut f = KnownFilter {
            starts: vec![0; 256 * 4],
            lengths: 0,
        };
        for k in known.keys() {
            let b = k.as_bytes();
            if let (Some(&b0), Some(&b1)) = (b.first(), b.get(1)) {
                f.mark(b0, b1);
            }
            f.lengths |= 1 << k.len().min(63);
        }
        f
    }

    fn mark(&mut self, b0: u8, b1: u8) {
        let i = usize::from(b0) * 4 + usize::from(b1 / 64);
        if let Some(w) = self.starts.get_mut(i) {
            *w |= 1 << (b1 % 64);
        }
    }

    /// Whether syllables `a` then `b` may spell a name.
    fn may_be(&self, a: &str, b: &str) -> bool {
        let len = a.len() + b.len();
        if self.lengths & (1 << len.min(63)) == 0 {
            return false;
        }
        let mut two = a.bytes().chain(b.bytes());
        let (Some(b0), Some(b1)) = (two.next(), two.next()) else {
            // A name of fewer than two bytes: only the look-up tells.
            return true;
        };
        let i = usize::from(b0) * 4 + usize::from(b1 / 64);
        self.starts
            .get(i)
            .is_some_and(|w| w & (1 << (b1 % 64)) != 0)
    }
}

/// `pinyin_names` with `filter` the [`KnownFilter`] of `known`, built
/// once for all sentences of a side.
fn pinyin_names_filtered(
    text: &str,
    known: &HashMap<String, u32>,
    filter: &KnownFilter,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if known.is_empty() {
        return out;
    }
    let mut last: Option<&'static str> = None;
    let mut window = String::new();
    // Whether the sentence has kana (then it has no names, found or not).
    let mut kana = false;
    for c in text.chars() {
        kana |= matches!(u32::from(c), 0x3040..=0x30FF);
        let syllable = is_han(c)
            .then(|| pinyin::ToPinyin::to_pinyin(&c).map(|p| p.plain()))
            .flatten();
        if let (Some(a), Some(b)) = (last, syllable) {
            if !filter.may_be(a, b) {
                last = syllable;
                continue;
            }
            window.clear();
            window.push_str(a);
            window.push_str(b);
            if known.contains_key(&window) && !out.contains(&window) {
                out.push(window.clone());
            }
        }
        last = syllable;
    }
    if kana {
        out.clear();
    }
    out
}

/// The capitalised words of two letters or more (not acronyms) of a
/// sentence in Latin letters, folded ("Qingyang"), each with whether it
/// is the sentence's first word (where any word is capitalised).
pub(crate) fn latin_names(text: &str, out: &mut Vec<(String, bool)>) {
    for (k, word) in letter_runs(text).enumerate() {
        let mut chars = word.chars().filter(|&c| !is_mark(c));
        let Some(first) = chars.next() else {
            continue;
        };
        // A lower-case letter after the first makes it two letters or
        // more; most words fail at their first letter, unread further.
        if first.is_uppercase() && script_of(first) == 1 && chars.any(char::is_lowercase) {
            let mut name = String::new();
            fold_into(word, &mut name);
            out.push((name, k == 0));
        }
    }
}

/// Whether `c` is a letter or a combining mark (of a word, for
/// [`letter_runs`]).
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

/// The maximal runs of letters and combining marks of `text`, in order:
/// its words, as `text.split(|c| !is_word_char(c))` without the empty
/// ones gives them, read a byte at a time over ASCII.
pub(crate) fn letter_runs(text: &str) -> impl Iterator<Item = &str> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    // Whether the character at byte `p` is a word character, and its
    // length in bytes.
    let at = move |p: usize| -> Option<(bool, usize)> {
        let &b = bytes.get(p)?;
        if b < 0x80 {
            return Some((b.is_ascii_alphabetic(), 1));
        }
        let c = text.get(p..)?.chars().next()?;
        Some((is_word_char(c), c.len_utf8()))
    };
    std::iter::from_fn(move || {
        // Past the characters between words.
        loop {
            let (word, len) = at(pos)?;
            if word {
                break;
            }
            pos += len;
        }
        let start = pos;
        while let Some((true, len)) = at(pos) {
            pos += len;
        }
        text.get(start..pos)
    })
}

/// The name items of both sides of a pair of which one is Chinese
/// (`latin` the other, each as its sentences' texts), each starting with
/// [`NAME`], per sentence, as (`latin`'s, `chinese`'s): the
/// capitalised words of `latin` that are names — capitalised somewhere
/// other than at the start of a sentence ("Women" opening a sentence is
/// not, "Qingyang" is) — and the pinyin pairs of `chinese` that spell one
/// of them. A pinyin pair found in more than twice as many sentences as
/// its name, plus two, is a common word that sounds alike ("我们",
/// "women") and is left out.
pub(crate) fn name_items(latin: &[&str], chinese: &[&str]) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let per_sentence: Vec<Vec<(String, bool)>> = latin
        .iter()
        .map(|t| {
            let mut v = Vec::new();
            latin_names(t, &mut v);
            v
        })
        .collect();
    let inside: rustc_hash::FxHashSet<&str> = per_sentence
        .iter()
        .flatten()
        .filter(|(_, first)| !first)
        .map(|(w, _)| w.as_str())
        .collect();
    // The names of each sentence, and the number of sentences each is in.
    let mut known: HashMap<String, u32> = HashMap::default();
    let mut names_of: Vec<Vec<String>> = Vec::with_capacity(per_sentence.len());
    for names in &per_sentence {
        let mut own: Vec<String> = names
            .iter()
            .filter(|(w, _)| inside.contains(w.as_str()))
            .map(|(w, _)| w.clone())
            .collect();
        own.sort_unstable();
        own.dedup();
        for w in &own {
            *known.entry(w.clone()).or_default() += 1;
        }
        names_of.push(own);
    }
    let filter = KnownFilter::of(&known);
    let found: Vec<Vec<String>> = chinese
        .iter()
        .map(|t| pinyin_names_filtered(t, &known, &filter))
        .collect();
    let mut df: HashMap<&str, u32> = HashMap::default();
    for w in found.iter().flatten() {
        *df.entry(w.as_str()).or_default() += 1;
    }
    let alike = |w: &str| {
        let zh = df.get(w).copied().unwrap_or(0);
        let en = known.get(w).copied().unwrap_or(0);
        zh <= 2 * en + 2
    };
    let chinese_names = found
        .iter()
        .map(|names| {
            let kept = names.iter().filter(|w| alike(w));
            kept.map(|w| format!("{NAME}{w}")).collect()
        })
        .collect();
    let latin_names = names_of
        .iter()
        .map(|names| names.iter().map(|w| format!("{NAME}{w}")).collect())
        .collect();
    (latin_names, chinese_names)
}
