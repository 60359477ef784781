//! The per-character scan of sentences into their raw items, written
//! into one set of buffers for many sentences.

use super::fold::fold_into;
use super::intern::hash_word;
use super::numbers::{
    ascii_digit, is_clock_time, read_number, scale_after, scaled, without_leading_zeros,
};
use super::{
    is_cjk, is_mark, punct_class, script_of, RawItems, CJK, GREEK, QUESTION, QUOTES, SEMICOLON,
};

/// A lexicon token that is also a word item (4+ letters, or an acronym).
pub(crate) const WORD: u8 = 1;
/// A lexicon token that is an initial (a single capital before a full
/// stop).
pub(crate) const INITIAL: u8 = 2;

/// What a [`Scan`] does with the tokens it finds: keeps them
/// ([`Buffered`]) or interns them at once.
pub(crate) trait TokenSink {
    /// Takes the token `text[start..]` (the scan's buffer, which holds
    /// nothing else after `start`), hashed to `hash` ([`hash_word`]), of
    /// kind `kind` ([`WORD`], [`INITIAL`]). What is left of `text` after
    /// `start` stays in the buffer.
    fn token(&mut self, text: &mut String, start: usize, hash: u64, kind: u8);

    /// Ends the sentence: the next token is the next one's.
    fn end_sentence(&mut self);
}

/// The raw items of a run of sentences: per sentence its [`RawItems`],
/// its lexicon tokens (folded words and single CJK characters, some of
/// them also word items or initials), given to `tokens`, and its numbers.
#[derive(Debug, Default)]
pub(crate) struct Scan<T = Buffered> {
    /// Per sentence: length, punctuation, script.
    pub raw: Vec<RawItems>,
    /// The tokens' text ([`Buffered`] keeps it, one token after
    /// another).
    text: String,
    /// What takes the tokens.
    pub tokens: T,
    /// Normalised numbers ("1000000", "2.5", "9"), and per sentence where
    /// its numbers end.
    numbers: Vec<String>,
    sentence_numbers: Vec<u32>,
}

/// The tokens of a [`Scan`], kept for later (to be interned by one thread
/// after many have scanned).
#[derive(Debug, Default)]
pub(crate) struct Buffered {
    /// Per token: where it ends in the scan's text, its hash
    /// ([`hash_word`]) and its kind ([`WORD`], [`INITIAL`]).
    ends: Vec<TokenEnd>,
    /// Per sentence: where its tokens end in `ends`.
    sentence_tokens: Vec<u32>,
}

/// One token of [`Buffered`].
#[derive(Debug, Clone, Copy)]
struct TokenEnd {
    hash: u64,
    end: u32,
    kind: u8,
}

impl TokenSink for Buffered {
    #[inline(always)]
    fn token(&mut self, text: &mut String, _start: usize, hash: u64, kind: u8) {
        self.ends.push(TokenEnd {
            hash,
            end: text.len() as u32,
            kind,
        });
    }

    fn end_sentence(&mut self) {
        self.sentence_tokens.push(self.ends.len() as u32);
    }
}

/// Whether `c` is a CJK unified ideograph (U+4E00–U+9FFF): alphabetic,
/// of the CJK script class and CJK ([`is_cjk`]), so a token alone.
pub(crate) fn is_unified_ideograph(c: char) -> bool {
    matches!(u32::from(c), 0x4E00..=0x9FFF)
}

/// [`char::is_alphabetic`], without its table look-up for the letters
/// of Latin-1 and Latin Extended-A and -B (U+00C0–U+024F: all letters
/// but × and ÷), the commonest non-ASCII letters of European text.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match u32::from(c) {
        0xD7 | 0xF7 => false,
        0xC0..=0x24F => true,
        _ => c.is_alphabetic(),
    }
}

/// One token of a [`Scan`].
pub(crate) struct Token<'a> {
    pub text: &'a str,
    pub hash: u64,
    pub kind: u8,
}

/// The number of sentences and their bytes.
fn sizes<'t>(texts: impl Iterator<Item = &'t str>) -> (usize, usize) {
    texts.fold((0, 0), |(n, b), t| (n + 1, b + t.len()))
}

impl Scan {
    /// Scans `texts`, one sentence each, keeping the tokens.
    pub(crate) fn of<'t, I>(texts: I) -> Scan
    where
        I: IntoIterator<Item = &'t str>,
        I::IntoIter: Clone,
    {
        let texts = texts.into_iter();
        // Room for all of them at once, rather than buffers that grow by
        // doubling: the tokens' text is about as long as the sentences',
        // and a token takes at least two bytes of them, most four or more.
        let (sentences, bytes) = sizes(texts.clone());
        let tokens = Buffered {
            ends: Vec::with_capacity(bytes / 4),
            sentence_tokens: Vec::with_capacity(sentences),
        };
        let mut scan = Scan::with_capacity(tokens, sentences, bytes);
        for t in texts {
            scan.push(t);
        }
        scan
    }

    /// The bytes of the tokens of all sentences.
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The number of tokens of all sentences.
    pub(crate) fn token_count(&self) -> usize {
        self.tokens.ends.len()
    }

    /// The tokens of sentence `k`.
    pub(crate) fn tokens(&self, k: usize) -> impl Iterator<Item = Token<'_>> + '_ {
        let ends = &self.tokens.sentence_tokens;
        let lo = k
            .checked_sub(1)
            .and_then(|p| ends.get(p))
            .map_or(0, |&e| e as usize);
        let hi = ends.get(k).map_or(lo, |&e| e as usize);
        let mut start = lo
            .checked_sub(1)
            .and_then(|p| self.tokens.ends.get(p))
            .map_or(0, |e| e.end as usize);
        let tokens = self.tokens.ends.get(lo..hi).unwrap_or_default();
        tokens.iter().map(move |e| {
            let end = e.end as usize;
            let text = self.text.get(start..end).unwrap_or_default();
            start = end;
            Token {
                text,
                hash: e.hash,
                kind: e.kind,
            }
        })
    }
}

impl<T: TokenSink> Scan<T> {
    /// Scans `texts`, one sentence each, into `tokens`, which keeps none
    /// of their text (the scan's buffer holds one token at a time).
    pub(crate) fn into_sink<'t, I>(texts: I, tokens: T) -> Scan<T>
    where
        I: IntoIterator<Item = &'t str>,
        I::IntoIter: Clone,
    {
        let texts = texts.into_iter();
        let (sentences, _) = sizes(texts.clone());
        let mut scan = Scan::with_capacity(tokens, sentences, 64);
        for t in texts {
            scan.push(t);
        }
        scan
    }

    /// An empty scan into `tokens`, with room for `sentences` sentences
    /// and `bytes` bytes of tokens.
    fn with_capacity(tokens: T, sentences: usize, bytes: usize) -> Scan<T> {
        Scan {
            raw: Vec::with_capacity(sentences),
            text: String::with_capacity(bytes),
            tokens,
            numbers: Vec::new(),
            sentence_numbers: Vec::with_capacity(sentences),
        }
    }

    /// The number of sentences.
    pub(crate) fn len(&self) -> usize {
        self.raw.len()
    }

    /// The numbers of sentence `k`.
    pub(crate) fn numbers(&self, k: usize) -> &[String] {
        let lo = k
            .checked_sub(1)
            .and_then(|p| self.sentence_numbers.get(p))
            .copied()
            .unwrap_or(0) as usize;
        let hi = self.sentence_numbers.get(k).map_or(lo, |&e| e as usize);
        self.numbers.get(lo..hi).unwrap_or_default()
    }

    /// Ends the token that starts at byte `start` of `text` (inlined into
    /// the scan: a token is a few bytes, the call cost as much).
    #[inline(always)]
    fn end_token(&mut self, start: usize, kind: u8) {
        let hash = hash_word(self.text.get(start..).unwrap_or_default());
        self.tokens.token(&mut self.text, start, hash, kind);
    }

    /// Scans one sentence.
    pub(crate) fn push(&mut self, text: &str) {
        let mut items = RawItems::default();
        let mut scripts = [0u32; 8];
        // Middle dots outside words: the Greek semicolon (ano teleia,
        // U+0387, which NFC writes as U+00B7).
        let mut middle_dots = 0u16;
        let bytes = text.as_bytes();
        let next_char = |p: usize| text.get(p..).and_then(|r| r.chars().next());
        let mut pos = 0;
        // The character of the previous step (a number's or a word's
        // first character for what follows it, as they are one step).
        let mut prev = ' ';
        while let Some(&b) = bytes.get(pos) {
            let c = if b < 0x80 {
                char::from(b)
            } else {
                next_char(pos).unwrap_or(' ')
            };
            let after = pos + c.len_utf8();
            let before = std::mem::replace(&mut prev, c);
            if is_unified_ideograph(c) {
                // The commonest letter of Chinese text: a letter (not
                // whitespace, punctuation or a digit) and a token alone.
                items.chars += 1;
                if let Some(n) = scripts.get_mut(usize::from(CJK)) {
                    *n += 1;
                }
                let start = self.text.len();
                self.text.push(c);
                self.end_token(start, 0);
                pos = after;
                continue;
            }
            if c.is_whitespace() {
                pos = after;
                continue;
            }
            items.chars += 1;
            if matches!(c, '\u{b7}' | '\u{387}')
                && !(before.is_alphabetic() && next_char(after).is_some_and(char::is_alphabetic))
            {
                middle_dots = middle_dots.saturating_add(1);
            }
            let quote = matches!(c, '\'' | '‘' | '’')
                && !(before.is_alphanumeric()
                    && next_char(after).is_some_and(char::is_alphanumeric));
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
                let digits = text.get(pos..pos + len).unwrap_or_default();
                // The number's other characters count towards the length
                // too, but not spaces between thousands groups.
                let number_chars = digits.chars().count();
                let spaces = digits.chars().filter(|c| c.is_whitespace()).count();
                items.chars += number_chars.saturating_sub(1 + spaces) as u32;
                pos += len.max(c.len_utf8());
                if number.matches('.').count() >= 2 || is_clock_time(&number) {
                    // A date or a version ("10.9.2017", "27.10.14"): its
                    // parts, as "September 10, 2017" or "9/10/2017" give
                    // them; a time ("10.30", "10,30"), as "10:30" and
                    // "10h30" do.
                    self.numbers
                        .extend(number.split('.').map(without_leading_zeros));
                } else {
                    // "1.5 million", "150万": the value too, as the other
                    // side may write it with another scale or none.
                    let scaled = scale_after(text.get(pos..).unwrap_or_default())
                        .map(|exp| scaled(&number, exp));
                    self.numbers.push(number);
                    self.numbers.extend(scaled);
                }
                continue;
            }
            if !(if b < 0x80 {
                b.is_ascii_alphabetic()
            } else {
                is_letter(c)
            }) {
                pos = after;
                continue;
            }
            if let Some(n) = scripts.get_mut(usize::from(script_of(c))) {
                *n += 1;
            }
            if b >= 0x80 && is_cjk(c) {
                let start = self.text.len();
                self.text.push(c);
                self.end_token(start, 0);
                pos = after;
                continue;
            }
            // A word: a run of alphabetic, non-CJK characters.
            let mut end = after;
            let mut upper = c.is_uppercase();
            let mut count = 1usize;
            // Whether the word is all ASCII (folded by lower-casing).
            let mut ascii = b < 0x80;
            // An ASCII word is written lower-cased as it is read; any
            // other is folded once it is read.
            let start = self.text.len();
            if ascii {
                self.text.push(char::from(b.to_ascii_lowercase()));
            }
            loop {
                // ASCII letters first, as one run.
                let mut run = 0u32;
                while let Some(&d) = bytes.get(end) {
                    if !d.is_ascii_alphabetic() {
                        break;
                    }
                    upper &= d.is_ascii_uppercase();
                    if ascii {
                        self.text.push(char::from(d.to_ascii_lowercase()));
                    }
                    run += 1;
                    end += 1;
                }
                if let Some(n) = scripts.get_mut(1) {
                    *n += run;
                }
                count += run as usize;
                // An ASCII character after them ends the word.
                if bytes.get(end).is_none_or(u8::is_ascii) {
                    break;
                }
                let Some(d) = next_char(end) else {
                    break;
                };
                // Combining marks stay in the word: accents of text in
                // NFD ("Krako\u{301}w"), viramas and tone marks of Indic
                // and Thai words.
                let mark = is_mark(d);
                if !(is_letter(d) || mark) || is_cjk(d) {
                    break;
                }
                ascii = false;
                if !mark {
                    if let Some(n) = scripts.get_mut(usize::from(script_of(d))) {
                        *n += 1;
                    }
                    upper &= d.is_uppercase();
                }
                count += 1;
                end += d.len_utf8();
            }
            items.chars += (count - 1) as u32;
            if !ascii {
                // Not lower-cased as read: the ASCII letters before the
                // first other one are folded with the rest.
                self.text.truncate(start);
                fold_into(text.get(pos..end).unwrap_or_default(), &mut self.text);
            }
            let acronym = count >= 2 && upper;
            let mut kind = 0;
            if count == 1 && upper && bytes.get(end) == Some(&b'.') {
                kind |= INITIAL;
            }
            if count >= 4 || acronym {
                kind |= WORD;
            }
            self.end_token(start, kind);
            pos = end;
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
            // raised dot: count them as what they are, so that they meet
            // the "?" and ";" of a translation.
            let semicolons = std::mem::replace(&mut items.punct[SEMICOLON], middle_dots);
            items.punct[QUESTION] = items.punct[QUESTION].saturating_add(semicolons);
        }
        self.raw.push(items);
        self.tokens.end_sentence();
        self.sentence_numbers.push(self.numbers.len() as u32);
    }
}
