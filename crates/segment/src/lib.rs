//! Rule-based, lossless sentence splitting.
//!
//! `ura-segment` splits text into sentences and returns **byte spans into
//! the original text**: nothing is copied, rewritten or lost. Joining the
//! spans with the text between them (which is only whitespace) gives back
//! the input exactly. [`Segment::text`] gives the normalised text of a
//! sentence (NFC, whitespace runs collapsed).
//!
//! Rules are per language and data-driven: the abbreviation, sentence
//! starter and month lists live in `rules/*.txt` (English, Albanian,
//! German, French, Spanish, Italian, Portuguese, Dutch, Russian,
//! Ukrainian, Polish, Czech, Slovak, Swedish, Danish, Norwegian, Finnish,
//! Hungarian, Romanian, Greek, Turkish, Catalan, Croatian, Bulgarian,
//! Serbian, Macedonian, Slovenian, Estonian, Lithuanian, Latvian,
//! Indonesian, Vietnamese, Hindi, Armenian, Arabic and Kazakh, and a
//! generic list used for any other code). The scanner handles abbreviations, initials
//! ("H. Khan", "M. A."), numbers and ordinal dates ("9. Oktober"),
//! ordinals before nouns and names ("im 19. Jahrhundert", "II. János Pál"),
//! ellipses, `?!` runs, quotes and brackets after a terminator, lists,
//! URLs and e-mail addresses, terminators of other scripts (`。 । ؟ ።`),
//! and a change of script with no space between two words (a caption glued
//! to the first word of an article).
//!
//! ```
//! let text = "By Av. M.B., Lawyer\n\nH. Khan met the lawyer. He explained.";
//! let segments = ura_segment::segment(text, "en");
//! let sentences: Vec<&str> = segments.iter().map(|s| s.as_str(text)).collect();
//! assert_eq!(sentences, ["By Av. M.B., Lawyer", "H. Khan met the lawyer.", "He explained."]);
//! assert_eq!(segments[1].paragraph, 1);
//! ```
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]

mod chars;
mod rules;
mod scan;

pub use chars::is_invisible;
pub use rules::{languages, primary_subtag};

use rules::Rules;
use unicode_normalization::UnicodeNormalization;

/// One sentence: a byte span into the original text and the index of the
/// paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Segment {
    /// Byte offset of the first byte of the sentence.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Index of the paragraph (blocks separated by blank lines), from 0,
    /// counting only paragraphs that hold a segment.
    pub paragraph: usize,
}

impl Segment {
    /// The sentence exactly as it stands in `text` (the text it was cut
    /// from).
    pub fn as_str<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or_default()
    }

    /// The sentence normalised ([`normalize`]): NFC, every run of
    /// whitespace collapsed to one space (a line break between two letters
    /// of a script written without spaces is dropped), invisible format
    /// characters dropped.
    pub fn text(&self, text: &str) -> String {
        normalize(self.as_str(text))
    }
}

/// How line breaks are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LineMode {
    /// A line break ends a segment and a blank line ends a paragraph; this
    /// is how CAT tools read plain text. The default.
    #[default]
    Lines,
    /// Single line breaks inside a paragraph are spaces (hard-wrapped
    /// text); a line that starts with a bullet still starts a segment.
    Wrapped,
    /// One sentence per line, taken as given; a blank line ends a
    /// paragraph.
    Presegmented,
}

/// A sentence splitter for one language.
///
/// ```
/// use ura_segment::{LineMode, Segmenter};
/// let splitter = Segmenter::new("de").line_mode(LineMode::Wrapped);
/// let text = "Am 9. Oktober kam er\nnach Hause. Dort blieb er.";
/// let spans = splitter.segment(text);
/// assert_eq!(spans.len(), 2);
/// assert_eq!(spans[0].text(text), "Am 9. Oktober kam er nach Hause.");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Segmenter {
    rules: &'static Rules,
    known: bool,
    mode: LineMode,
}

impl Segmenter {
    /// A splitter for the language `lang` (a BCP 47 or POSIX code such as
    /// `en`, `sq`, `de-CH`, `pt_BR`). Codes without rules of their own get
    /// the generic rules; see [`Segmenter::is_known_language`].
    pub fn new(lang: &str) -> Self {
        let (rules, known) = Rules::for_language(lang);
        Segmenter {
            rules,
            known,
            mode: LineMode::default(),
        }
    }

    /// Sets how line breaks are read. By default, [`LineMode::Lines`].
    pub fn line_mode(mut self, mode: LineMode) -> Self {
        self.mode = mode;
        self
    }

    /// Whether the language has rules of its own (otherwise the generic
    /// rules are used).
    pub fn is_known_language(&self) -> bool {
        self.known
    }

    /// The code of the rules in use (`"en"`, …, or `"generic"`).
    pub fn rules_code(&self) -> &'static str {
        self.rules.code
    }

    /// Splits `text` into sentences.
    pub fn segment(&self, text: &str) -> Vec<Segment> {
        let mut out = Vec::new();
        self.segment_each(text, |s| out.push(s));
        out
    }

    /// Splits `text` into sentences and hands each to `emit` in order, as
    /// soon as it is found: memory beyond `text` stays that of one line
    /// (one paragraph in [`LineMode::Wrapped`]), however long the text.
    ///
    /// ```
    /// let mut n = 0;
    /// ura_segment::Segmenter::new("en").segment_each("One. Two.\nThree.", |_| n += 1);
    /// assert_eq!(n, 3);
    /// ```
    pub fn segment_each(&self, text: &str, mut emit: impl FnMut(Segment)) {
        let mut spans = Vec::new();
        let mut paragraph = 0usize;
        let mut paragraph_used = false;
        // Start of the pending unit (wrapped mode joins lines).
        let mut unit: Option<(usize, usize)> = None;
        let flush = |unit: &mut Option<(usize, usize)>,
                     spans: &mut Vec<(usize, usize)>,
                     out: &mut dyn FnMut(Segment),
                     paragraph: usize,
                     used: &mut bool| {
            if let Some((a, b)) = unit.take() {
                scan::Scanner::new(text, self.rules, a, b, spans).run();
                *used |= !spans.is_empty();
                for (start, end) in spans.drain(..) {
                    out(Segment {
                        start,
                        end,
                        paragraph,
                    });
                }
            }
        };
        let out = &mut emit;
        for (start, end) in lines(text) {
            let line = text.get(start..end).unwrap_or_default();
            let trimmed = line.trim();
            // A line of invisible characters alone (a stray soft hyphen)
            // is blank: as a sentence its text would be empty.
            if chars::is_blank(trimmed) {
                flush(&mut unit, &mut spans, out, paragraph, &mut paragraph_used);
                if paragraph_used {
                    paragraph += 1;
                    paragraph_used = false;
                }
                continue;
            }
            match self.mode {
                LineMode::Presegmented => {
                    let s = start + (line.len() - line.trim_start().len());
                    out(Segment {
                        start: s,
                        end: s + trimmed.len(),
                        paragraph,
                    });
                    paragraph_used = true;
                }
                LineMode::Lines => {
                    unit = Some((start, end));
                    flush(&mut unit, &mut spans, out, paragraph, &mut paragraph_used);
                }
                LineMode::Wrapped => {
                    let starts_item = trimmed.starts_with(chars::is_bullet);
                    match unit {
                        Some((a, _)) if !starts_item => unit = Some((a, end)),
                        _ => {
                            flush(&mut unit, &mut spans, out, paragraph, &mut paragraph_used);
                            unit = Some((start, end));
                        }
                    }
                }
            }
        }
        flush(&mut unit, &mut spans, out, paragraph, &mut paragraph_used);
    }
}

/// Splits `text` in language `lang` with the default line mode
/// ([`LineMode::Lines`]).
pub fn segment(text: &str, lang: &str) -> Vec<Segment> {
    Segmenter::new(lang).segment(text)
}

/// The lines of `text` as byte ranges without their terminators (`\n`,
/// `\r\n` or a lone `\r`).
fn lines(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let rest = bytes.get(start..).unwrap_or_default();
        match memchr::memchr2(b'\n', b'\r', rest) {
            Some(p) => {
                let end = start + p;
                pos = end + 1;
                if rest.get(p) == Some(&b'\r') && rest.get(p + 1) == Some(&b'\n') {
                    pos += 1;
                }
                Some((start, end))
            }
            None => {
                pos = bytes.len();
                Some((start, bytes.len()))
            }
        }
    })
}

/// Normalises a sentence for output: NFC, and every run of whitespace
/// collapsed to one space; a run that holds a line break between two
/// letters of a script written without spaces (Chinese, Japanese, Thai)
/// is dropped instead. Zero-width spaces, word joiners, stray byte-order
/// marks and soft hyphens are dropped.
pub fn normalize(s: &str) -> String {
    normalize_cow(s).into_owned()
}

/// [`normalize`], borrowing `s` when it is normal already (most
/// sentences are), so that printing it needs no copy.
///
/// ```
/// use std::borrow::Cow;
/// assert!(matches!(ura_segment::normalize_cow("One two."), Cow::Borrowed(_)));
/// assert_eq!(ura_segment::normalize_cow("One  two."), "One two.");
/// ```
pub fn normalize_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_normal(s) {
        s.into()
    } else {
        normalize_fully(s).into()
    }
}

/// Whether `s` is normal already: no whitespace but single spaces,
/// nothing invisible, and NFC by the quick NFC test (which says yes for
/// most text, and maybe, sending it the long way, for the rest).
///
/// One pass: ASCII byte by byte (most sentences are ASCII throughout),
/// other characters decoded. Only characters from U+0300 on are looked up
/// for NFC: text below is NFC (no combining marks, nothing that NFC
/// rewrites), so the quick test's look-ups of accented letters are
/// skipped, its answer the same.
fn is_normal(s: &str) -> bool {
    use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized};
    let bytes = s.as_bytes();
    let mut at = 0;
    let mut prev_space = false;
    // The combining class of the previous character, for the quick
    // test's check of their order.
    let mut last_class = 0u8;
    loop {
        // Eight bytes at a time while they are ASCII without control
        // characters: only a double space can make them irregular.
        if let Some(chunk) = bytes
            .get(at..at + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            let w = u64::from_le_bytes(chunk);
            // The top bit of a byte of `w + 0x60…` is clear for a byte
            // below 0x20 (an ASCII byte plus 0x60 carries into no other).
            if w & HIGH == 0 && !(w + 0x60 * ONES) & HIGH == 0 {
                let x = w ^ (0x20 * ONES);
                // The top bit of each byte that is a space.
                let spaces = !(((x & !HIGH) + !HIGH) | x | !HIGH);
                if spaces & (spaces >> 8) != 0 || (prev_space && spaces & 0x80 != 0) {
                    return false;
                }
                prev_space = spaces >> 63 != 0;
                last_class = 0;
                at += 8;
                continue;
            }
        }
        let Some(&b) = bytes.get(at) else {
            return true;
        };
        if b.is_ascii() {
            match b {
                b' ' if prev_space => return false,
                b' ' => prev_space = true,
                b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => return false,
                _ => prev_space = false,
            }
            last_class = 0;
            at += 1;
            continue;
        }
        let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        at += c.len_utf8();
        prev_space = false;
        if is_plain_starter(c) {
            last_class = 0;
            continue;
        }
        if c.is_whitespace() || chars::is_invisible(c) {
            return false;
        }
        if c < '\u{300}' {
            last_class = 0;
            continue;
        }
        let class = canonical_combining_class(c);
        if last_class > class && class != 0 {
            return false;
        }
        if is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
            return false;
        }
        last_class = class;
    }
}

/// A byte of ones in each byte of a word, for [`is_normal`]'s eight bytes
/// at a time.
const ONES: u64 = u64::from_le_bytes([1; 8]);

/// The top bit of each byte of a word.
const HIGH: u64 = 0x80 * ONES;

/// Whether `c` is in a block of common characters from U+0300 on that are
/// neither whitespace nor invisible, and that NFC keeps as they are
/// whatever comes before or after them (starters the quick NFC test says
/// yes to): general punctuation (dashes, quotes, the ellipsis), CJK
/// punctuation before its combining tone marks, CJK ideographs, Hangul
/// syllables and full-width forms. [`is_normal`] skips their look-ups
/// (a test checks every one of them against the tables).
fn is_plain_starter(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205e}'
            | '\u{3001}'..='\u{3029}'
            | '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{ac00}'..='\u{d7a3}'
            | '\u{ff01}'..='\u{ff60}'
    )
}

/// [`normalize`] without the check for text that is normal already.
fn normalize_fully(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if chars::is_invisible(c) {
            continue;
        }
        if !c.is_whitespace() {
            out.push(c);
            prev = Some(c);
            continue;
        }
        let mut newline = c == '\n' || c == '\r';
        while let Some(&n) = chars.peek() {
            if !n.is_whitespace() {
                break;
            }
            newline |= n == '\n' || n == '\r';
            chars.next();
        }
        let next = chars.peek().copied();
        let joined_no_space = newline
            && prev.is_some_and(chars::is_no_space_script)
            && next.is_some_and(chars::is_no_space_script);
        if !joined_no_space {
            out.push(' ');
        }
    }
    out.nfc().collect()
}

#[cfg(test)]
mod tests;
