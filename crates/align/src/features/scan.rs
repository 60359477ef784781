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

/// The raw items of a run of sentences: per sentence its [`RawItems`],
/// its lexicon tokens (folded words and single CJK characters, some of
/// them also word items or initials) and its numbers.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Per sentence: length, punctuation, script.
    pub raw: Vec<RawItems>,
    /// The tokens, one after another.
    text: String,
    /// Per token: where it ends in `text`, its hash ([`hash_word`]) and
    /// its kind ([`WORD`], [`INITIAL`]).
    ends: Vec<u32>,
    hashes: Vec<u64>,
    kinds: Vec<u8>,
    /// Per sentence: where its tokens end in `ends`.
    sentence_tokens: Vec<u32>,
    /// Normalised numbers ("1000000", "2.5", "9"), and per sentence where
    /// its numbers end.
    numbers: Vec<String>,
    sentence_numbers: Vec<u32>,
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

impl Scan {
    /// Scans `texts`, one sentence each.
    pub(crate) fn of<'t, I>(texts: I) -> Scan
    where
        I: IntoIterator<Item = &'t str>,
        I::IntoIter: Clone,
    {
        let texts = texts.into_iter();
        // Room for all of them at once, rather than buffers that grow by
        // doubling: the tokens' text is about as long as the sentences',
        // and a token takes at least two bytes of them, most four or more.
        let (sentences, bytes) = texts.clone().fold((0, 0), |(n, b), t| (n + 1, b + t.len()));
        let mut scan = Scan {
            raw: Vec::with_capacity(sentences),
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(bytes / 4),
            hashes: Vec::with_capacity(bytes / 4),
            kinds: Vec::with_capacity(bytes / 4),
            sentence_tokens: Vec::with_capacity(sentences),
            numbers: Vec::new(),
            sentence_numbers: Vec::with_capacity(sentences),
        };
        for t in texts {
            scan.push(t);
        }
        scan
    }

    /// The number of sentences.
    pub(crate) fn len(&self) -> usize {
        self.raw.len()
    }

    /// The bytes of the tokens of all sentences.
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The number of tokens of all sentences.
    pub(crate) fn token_count(&self) -> usize {
        self.ends.len()
    }

    /// The tokens of sentence `k`.
    pub(crate) fn tokens(&self, k: usize) -> impl Iterator<Item = Token<'_>> + '_ {
        let range = |ends: &[u32], k: usize| {
            let lo = k
                .checked_sub(1)
                .and_then(|p| ends.get(p))
                .copied()
                .unwrap_or(0);
            lo as usize..ends.get(k).copied().unwrap_or(lo) as usize
        };
        range(&self.sentence_tokens, k).map(move |t| {
            let start = t
                .checked_sub(1)
                .and_then(|p| self.ends.get(p))
                .copied()
                .unwrap_or(0) as usize;
            let end = self.ends.get(t).copied().unwrap_or(0) as usize;
            Token {
                text: self.text.get(start..end).unwrap_or_default(),
                hash: self.hashes.get(t).copied().unwrap_or(0),
                kind: self.kinds.get(t).copied().unwrap_or(0),
            }
        })
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
        self.ends.push(self.text.len() as u32);
        self.hashes.push(hash);
        self.kinds.push(kind);
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
            loop {
                // ASCII letters first, as one run.
                let run = bytes.get(end..).unwrap_or_default();
                let run = run
                    .get(..run.iter().take_while(|d| d.is_ascii_alphabetic()).count())
                    .unwrap_or_default();
                if !run.is_empty() {
                    if let Some(n) = scripts.get_mut(1) {
                        *n += run.len() as u32;
                    }
                    upper = upper && run.iter().all(u8::is_ascii_uppercase);
                    count += run.len();
                    end += run.len();
                }
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
            let start = self.text.len();
            let word = text.get(pos..end).unwrap_or_default();
            if ascii {
                self.text.push_str(word);
                if let Some(appended) = self.text.get_mut(start..) {
                    appended.make_ascii_lowercase();
                }
            } else {
                fold_into(word, &mut self.text);
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
        self.sentence_tokens.push(self.ends.len() as u32);
        self.sentence_numbers.push(self.numbers.len() as u32);
    }
}
