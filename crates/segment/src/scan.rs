//! The boundary scanner: finds sentence ends inside one unit of text
//! (a line, or a paragraph in wrapped mode).

use crate::chars::{
    is_bullet, is_capital, is_closer, is_invisible, is_lower, is_no_space_script, is_opener,
    is_question_or_exclamation, is_strong_terminator, script_class, ScriptClass, LATIN,
};
use crate::rules::{AbbrevKind, Rules};

mod closers;
mod enclosure;
mod script;

use closers::QuoteMarks;

/// How far back the scanner looks for the word before a period. Longer
/// tokens (URLs, junk) are treated as ordinary words; the cap keeps the
/// scan linear on inputs without spaces.
const MAX_TOKEN: usize = 64;

/// The char starting at byte `i`, if `i` is in bounds and on a boundary.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The char ending at byte `i`.
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// A list marker: `1`, `12`, `a`, `B` before `.` or `)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Number(u32),
    Letter(u8),
}

impl Marker {
    fn parse(tok: &str) -> Option<Marker> {
        let bytes = tok.as_bytes();
        match bytes {
            [b] if b.is_ascii_alphabetic() => Some(Marker::Letter(b.to_ascii_lowercase())),
            _ if (1..=3).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_digit) => {
                tok.parse().ok().map(Marker::Number)
            }
            _ => None,
        }
    }

    fn follows(self, prev: Marker) -> bool {
        match (prev, self) {
            (Marker::Number(a), Marker::Number(b)) => b == a + 1,
            (Marker::Letter(a), Marker::Letter(b)) => b == a + 1,
            _ => false,
        }
    }
}

/// Bytes the scanner must look at: terminators, `)` (list markers) and
/// the lead and continuation bytes of non-ASCII characters.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        t[b] = true;
        b += 1;
    }
    t[b'.' as usize] = true;
    t[b'?' as usize] = true;
    t[b'!' as usize] = true;
    t[b')' as usize] = true;
    // Enclosures (see `enclosure`).
    t[b'(' as usize] = true;
    t[b'"' as usize] = true;
    // The question mark of Greek (see `Rules::question_semicolon`).
    t[b';' as usize] = true;
    // Full stops by option (`colon_full_stop`, `semicolon_full_stop`).
    t[b':' as usize] = true;
    t
};

/// Scans one unit and appends the spans of its sentences (trimmed of
/// surrounding whitespace, never empty) to `out`.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    rules: &'a Rules,
    /// Start of the unit.
    unit_start: usize,
    /// End of the unit (exclusive).
    end: usize,
    /// The script with the most letters in the unit, once a change of
    /// script has asked for it.
    main_script: Option<ScriptClass>,
    /// Where the unit's quotation marks first appear, once asked for.
    quotes: Option<QuoteMarks>,
    /// The quotation or bracket being followed (see `enclosure`).
    enclosures: enclosure::Enclosures,
    /// Start of the current segment.
    seg: usize,
    /// The last list marker seen at the start of a segment.
    last_marker: Option<Marker>,
    out: &'a mut Vec<(usize, usize)>,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(
        text: &'a str,
        rules: &'a Rules,
        start: usize,
        end: usize,
        out: &'a mut Vec<(usize, usize)>,
    ) -> Self {
        Scanner {
            text,
            rules,
            unit_start: start,
            end,
            main_script: None,
            quotes: None,
            enclosures: enclosure::Enclosures::default(),
            seg: start,
            last_marker: None,
            out,
        }
    }

    /// Ends the current segment at `at`; the next one starts there.
    fn cut(&mut self, at: usize) {
        let piece = self.text.get(self.seg..at).unwrap_or_default();
        let trimmed_start = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !crate::chars::is_blank(trimmed) {
            let s = self.seg + trimmed_start;
            self.out.push((s, s + trimmed.len()));
        }
        self.seg = at;
    }

    /// Whether only whitespace and bullets stand between the start of the
    /// current segment and `at`.
    fn at_segment_start(&self, at: usize) -> bool {
        self.text
            .get(self.seg..at)
            .is_some_and(|s| s.chars().all(|c| c.is_whitespace() || is_bullet(c)))
    }

    pub(crate) fn run(mut self) {
        let bytes = self.text.as_bytes();
        let mut i = self.seg;
        // Script class of the previous letter and the length of its run.
        let mut prev_class: ScriptClass = 0;
        let mut run_len = 0usize;
        while i < self.end {
            // Fast path: skip ASCII bytes that no rule looks at. Only a
            // Latin run (or none) can precede them without a script check.
            if prev_class == LATIN || prev_class == 0 {
                let start = i;
                let rest = bytes.get(i..self.end).unwrap_or_default();
                i += rest
                    .iter()
                    .position(|&b| SPECIAL[usize::from(b)])
                    .unwrap_or(rest.len());
                if i > start {
                    let skipped = bytes.get(start..i).unwrap_or_default();
                    let trailing = skipped
                        .iter()
                        .rev()
                        .take(2)
                        .take_while(|b| b.is_ascii_alphabetic())
                        .count();
                    if trailing == 0 {
                        prev_class = 0;
                    } else {
                        let continued = trailing == skipped.len() && prev_class == LATIN;
                        run_len = if continued {
                            run_len + trailing
                        } else {
                            trailing
                        };
                        prev_class = LATIN;
                    }
                    continue;
                }
            }
            let byte = bytes.get(i).copied().unwrap_or(b' ');
            if byte < 0x80 {
                match byte {
                    b'a'..=b'z' | b'A'..=b'Z' => {
                        self.letter(i, LATIN, &mut prev_class, &mut run_len);
                        i += 1;
                    }
                    b'.' | b'?' | b'!' => {
                        if byte == b'.' {
                            self.list_marker(i);
                        }
                        i = self.terminator(i);
                        prev_class = 0;
                    }
                    b')' => {
                        self.list_marker(i);
                        self.track_enclosure(')', i);
                        prev_class = 0;
                        i += 1;
                    }
                    b'(' | b'"' => {
                        self.track_enclosure(char::from(byte), i);
                        prev_class = 0;
                        i += 1;
                    }
                    b';' if self.rules.question_semicolon => {
                        i = self.terminator(i);
                        prev_class = 0;
                    }
                    b';' if self.rules.semicolon_full_stop => {
                        i = self.soft_stop(i, ';');
                        prev_class = 0;
                    }
                    b':' if self.rules.colon_full_stop => {
                        i = self.soft_stop(i, ':');
                        prev_class = 0;
                    }
                    _ => {
                        prev_class = 0;
                        i += 1;
                    }
                }
                continue;
            }
            let Some(ch) = char_at(self.text, i) else {
                break;
            };
            if ch == '…' || is_strong_terminator(ch) || is_question_or_exclamation(ch) {
                i = self.terminator(i);
                prev_class = 0;
                continue;
            }
            if ch == '،' && self.rules.arabic_comma_full_stop {
                i = self.soft_stop(i, ch);
                prev_class = 0;
                continue;
            }
            if matches!(
                ch,
                '«' | '»'
                    | '„'
                    | '“'
                    | '”'
                    | '「'
                    | '」'
                    | '『'
                    | '』'
                    | '《'
                    | '》'
                    | '（'
                    | '）'
            ) {
                self.track_enclosure(ch, i);
            }
            if is_bullet(ch)
                && char_before(self.text, i).is_some_and(char::is_whitespace)
                && !self.at_segment_start(i)
            {
                self.cut(i);
            }
            if ch.is_alphabetic() {
                let class = script_class(ch);
                if class != 0 {
                    self.letter(i, class, &mut prev_class, &mut run_len);
                }
                // Letters of the Common and Inherited scripts (combining
                // vowel signs) continue the previous run.
            } else if !is_mark(ch) {
                prev_class = 0;
            }
            i += ch.len_utf8();
        }
        self.cut(self.end);
    }

    /// A mark that ends a sentence only by a rule-file option (`:` `;`
    /// `،`) at `i`: it does before whitespace and a word that is not in
    /// lower case; a colon only after a letter of a script other than
    /// Latin ("Նա եկավ: Մենք", not "Note: The" nor "10:30").
    fn soft_stop(&mut self, i: usize, mark: char) -> usize {
        let after = i + mark.len_utf8();
        if mark == ':'
            && !char_before(self.text, i)
                .is_some_and(|c| c.is_alphabetic() && !matches!(script_class(c), 0 | LATIN))
        {
            return after;
        }
        let k = self.skip_closers(after);
        if self.enclosed(i, after, k) || !char_at(self.text, k).is_some_and(char::is_whitespace) {
            return k;
        }
        if self
            .next_word(k)
            .is_some_and(|(first, _, _)| is_capital(first))
        {
            self.cut(k);
        }
        k
    }

    /// Checks for a list marker (`2.`, `b)`) ending just before `i`. A
    /// marker that continues the sequence of the marker that opened an
    /// earlier segment starts a new segment ("1. The first item 2. The
    /// second item").
    fn list_marker(&mut self, i: usize) {
        // A marker is at most three ASCII characters: look no further back.
        let lo = (i.saturating_sub(8).max(self.seg)..=i)
            .find(|&p| self.text.is_char_boundary(p))
            .unwrap_or(i);
        let before = self.text.get(lo..i).unwrap_or_default();
        let start = match before.rfind(|c: char| c.is_whitespace() || is_bullet(c)) {
            Some(p) => lo + p + before[p..].chars().next().map_or(1, char::len_utf8),
            None if lo == self.seg => lo,
            None => return,
        };
        let Some(marker) = self.text.get(start..i).and_then(Marker::parse) else {
            return;
        };
        // The marker must be followed by whitespace, possibly after `)`.
        let mut after = i + 1;
        if self.text.as_bytes().get(after) == Some(&b')') {
            after += 1;
        }
        if !char_at(self.text, after).is_some_and(char::is_whitespace) {
            return;
        }
        if self.at_segment_start(start) {
            self.last_marker = Some(marker);
        } else if self.last_marker.is_some_and(|prev| marker.follows(prev)) {
            self.cut(start);
            self.last_marker = Some(marker);
        }
    }

    /// Handles the terminator run starting at `i`; returns where to go on
    /// scanning.
    fn terminator(&mut self, i: usize) -> usize {
        let text = self.text;
        let attached = i > self.seg && char_before(text, i).is_some_and(|c| !c.is_whitespace());
        // Collect the run: dots (possibly spaced, ". . ."), ellipses, ? and !.
        let mut j = i;
        let mut dots = 0usize;
        let mut question = false;
        let mut strong = false;
        let mut spaced = false;
        let mut spaced_after_first = false;
        while j < self.end {
            let Some(ch) = char_at(text, j) else { break };
            match ch {
                '.' => dots += 1,
                '…' => dots += 3,
                ' ' if dots > 0
                    && !question
                    && !strong
                    && text.as_bytes().get(j + 1) == Some(&b'.') =>
                {
                    if j == i + 1 {
                        spaced_after_first = true;
                    }
                    spaced = true;
                }
                c if is_strong_terminator(c) => strong = true,
                c if is_question_or_exclamation(c) => question = true,
                ';' if self.rules.question_semicolon => question = true,
                _ => break,
            }
            j += ch.len_utf8();
        }
        // "Why? . . . Nobody knew.": an ellipsis set off after ? or !
        // belongs to the mark.
        if question && dots == 0 {
            let rest = text.get(j..self.end).unwrap_or_default();
            if let Some(pat) = [" . . .", " …", " ..."]
                .into_iter()
                .find(|p| rest.starts_with(p))
            {
                j += pat.len();
                dots = 3;
            }
        }
        let closed = self.skip_closers(j);
        let closed = self.skip_spaced_closer(closed);
        let mut k = self.skip_citations(closed);
        // "Boldog (?) Budapest", "(!)": a mark in brackets of its own
        // comments on the text and ends nothing.
        // "He said: «Go. Now.» and left.", "《你好！中国》": see `enclosure`.
        let enclosed = self.enclosed(i, j, k);
        if enclosed
            || (char_before(text, i) == Some('(')
                && text.get(j..).is_some_and(|r| r.starts_with(')')))
        {
            return k;
        }

        // "compounds. . . . The practice": a period ending the sentence,
        // then an ellipsis opening the next one.
        if attached && spaced_after_first && dots >= 4 && !question && self.word_follows(k) {
            self.cut(i + 1);
            return i + 1;
        }
        if k >= self.end {
            return self.end;
        }
        if strong {
            // Japanese quotes a sentence and goes on with a particle:
            // "「行こう。」と彼は言った。" is one sentence.
            let quoted = text.get(j..k).is_some_and(|c| c.contains(['」', '』']));
            let particle = text
                .get(k..self.end)
                .is_some_and(|r| r.starts_with('と') || r.starts_with("って"));
            if !(quoted && particle) {
                self.cut(k);
            }
            return k;
        }
        let Some(next) = char_at(text, k) else {
            return self.end;
        };
        // A source tag glued after the final stop: "Albania./ Gazeta".
        if matches!(next, '/' | '|')
            && char_at(text, k + 1).is_none_or(char::is_whitespace)
            && (question || dots > 0)
        {
            self.cut(k);
            return k;
        }
        // "one.\u{200b}Two": a zero-width space stands for a space.
        let invisible_space = text.get(j..k).is_some_and(|c| c.ends_with(is_invisible));
        if !next.is_whitespace() && !invisible_space {
            // "呢?也": ASCII "?", "!" or "." between letters of a script
            // written without spaces ends a sentence; an ellipsis does
            // when a quote or bracket closes it ("不过……”海老公道"), and is
            // a pause otherwise.
            let after = text
                .get(k..self.end)
                .unwrap_or_default()
                .trim_start_matches(is_opener)
                .chars()
                .next();
            let unspaced = after.is_some_and(is_no_space_script)
                && char_before(text, i).is_some_and(|c| is_no_space_script(c) || is_closer(c))
                && (question || dots == 1 || j != k);
            if unspaced || (dots == 1 && !question && j == k && self.glued_sentence(i, k)) {
                self.cut(k);
            }
            return k;
        }
        // Whitespace follows: look at the next word.
        let Some((first, word, initial)) = self.next_word(k) else {
            k = self.end;
            return k;
        };
        let lower = is_lower(first);
        let is_break = if question {
            // "Ты где? я жду" (Russian, Kazakh), but not a dialogue
            // attribution: "— Куда? — спросил он."
            let dash_led = text
                .get(k..self.end)
                .is_some_and(|r| r.trim_start().starts_with(['—', '–', '-']));
            // Nor a quotation the mark closes: "«Ты придёшь?» и ушёл".
            let quoted = text.get(j..k).is_some_and(|c| c.contains(is_quote));
            !lower || (self.rules.question_before_lower && dots == 0 && !dash_led && !quoted)
        } else if dots >= 2 {
            let bracketed = char_before(text, i).is_some_and(|c| matches!(c, '[' | '('));
            // Chinese and Japanese end sentences with 。！？: an ellipsis
            // before more of their text ("我叫…… 叫小玄子。") is a pause.
            let pause = j == k
                && is_no_space_script(first)
                && text
                    .get(k..)
                    .is_some_and(|r| r.trim_start().starts_with(first));
            !(bracketed || lower || pause || (!attached && spaced && dots == 3))
        } else {
            // A quotation closed after the period ("… one o'clock A.M."
            // "Wow"): the abbreviation ends the quoted sentence.
            let quoted = text.get(j..k).is_some_and(|c| c.contains(is_quote));
            let in_brackets = text
                .get(j..k)
                .is_some_and(|c| c.contains([')', ']']) && self.bracket_opened_inside(i));
            !in_brackets
                && ((quoted && is_capital(first)) || self.period_breaks(i, first, word, initial))
        };
        if is_break {
            self.cut(k);
        }
        k
    }

    /// Whether a word (a letter or digit, possibly after spaces) follows
    /// at `k` inside the unit.
    fn word_follows(&self, k: usize) -> bool {
        self.text
            .get(k..self.end)
            .unwrap_or_default()
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    }

    /// The next word after whitespace at `k`: its first significant char
    /// (after openers), the word itself (letters and digits), and whether
    /// it is an initial (a single letter followed by a period).
    fn next_word(&self, k: usize) -> Option<(char, &'a str, bool)> {
        let rest = self.text.get(k..self.end)?;
        // "? — спросил он": openers and the spaces after a dash.
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || is_opener(c));
        let first = rest.chars().next()?;
        let len = rest
            .char_indices()
            .take_while(|&(p, c)| p < MAX_TOKEN && c.is_alphanumeric())
            .last()
            .map_or(0, |(p, c)| p + c.len_utf8());
        let word = rest.get(..len).unwrap_or_default();
        let initial = word.chars().count() == 1 && rest.get(len..)?.starts_with('.');
        Some((first, word, initial))
    }

    /// The token before the period at `i`: back to the previous
    /// whitespace, without leading openers and bullets. `None` when it is
    /// longer than [`MAX_TOKEN`].
    fn token_before(&self, i: usize) -> Option<(usize, &'a str)> {
        let lo = i.saturating_sub(MAX_TOKEN).max(self.seg);
        let window = self.text.get(lo..i).or_else(|| {
            // `lo` fell inside a char: move forward to a boundary.
            (lo..i)
                .find(|&p| self.text.is_char_boundary(p))
                .and_then(|p| self.text.get(p..i))
        })?;
        let start = match window.rfind(char::is_whitespace) {
            Some(p) => i - window.len() + p + window[p..].chars().next().map_or(1, char::len_utf8),
            None if lo == self.seg => i - window.len(),
            None => return None,
        };
        let raw = self.text.get(start..i)?;
        let tok = raw.trim_start_matches(|c| is_opener(c) || is_bullet(c));
        Some((i - tok.len(), tok))
    }

    /// Decides whether a single period at `i`, followed by whitespace and
    /// a word starting with `first`, ends a sentence.
    fn period_breaks(&self, i: usize, first: char, word: &str, initial: bool) -> bool {
        let lower = is_lower(first);
        let Some((tok_start, tok)) = self.token_before(i) else {
            return !lower;
        };
        if tok.is_empty() || tok.contains('@') || tok.contains("://") || tok.starts_with("www.") {
            return !lower;
        }
        if self.at_segment_start(tok_start) && Marker::parse(tok).is_some() {
            return false;
        }
        let starter = !initial && self.rules.is_starter(word);
        // "in the U.S. Mr. Lee", "at 6 P.M. Mr. Brown": a title opens the
        // next sentence, unless the abbreviation is part of a phrase that
        // opens this one ("At 7 a.m. Mrs. Hall opened").
        // Asked only after an abbreviation: most periods never need it.
        let title_ends = || {
            let title = !initial
                && is_capital(first)
                && word.chars().nth(1).is_some()
                && self.rules.classify(word) == AbbrevKind::Prefix;
            title && !self.opens_sentence(tok_start)
        };
        // "и т. д.", "z. B.": a spaced abbreviation is listed unspaced;
        // "l'av.", "dell'avv.": an abbreviation after an elided article.
        let elided = tok
            .rsplit_once(['\'', '’'])
            .map(|(_, tail)| tail.to_string())
            .filter(|tail| !tail.is_empty());
        let kind = [self.spaced_pair(tok_start, tok), elided]
            .into_iter()
            .flatten()
            .map(|t| self.rules.classify(&t))
            .find(|&k| k != AbbrevKind::None)
            .unwrap_or_else(|| self.rules.classify(tok));
        match kind {
            AbbrevKind::Prefix => return false,
            AbbrevKind::Numeric if first.is_numeric() => return false,
            AbbrevKind::Abbrev => return starter || title_ends(),
            // "She earned a Ph.D. Everyone", "in 300 B.C. Its walls".
            AbbrevKind::Final if tok.contains('.') && self.opens_sentence(tok_start) => {
                return starter
            }
            // "at 5 p.m. Tuesday", "8 P.M. Eastern Time": a weekday or a
            // time zone after a time of day goes on with the sentence.
            AbbrevKind::Final => {
                return is_capital(first) && !self.rules.continues_after_final(word)
            }
            AbbrevKind::Numeric | AbbrevKind::None => {}
        }
        if lower {
            // Greek starts sentences in lower case; a number, an initial
            // or a dotted abbreviation before the period still goes on.
            // "είπε «ναι». η": closing quotes and brackets are not part
            // of the word.
            let tok = tok.trim_end_matches(is_closer);
            let word_like = tok.chars().count() >= 2
                && tok.chars().all(char::is_alphabetic)
                && !is_roman_numeral(tok);
            return self.rules.lower_starts && word_like;
        }
        // "MADRID, 12 mar. (EUROPA PRESS)": a short month name after a day
        // is an abbreviation, though the same word ("mar", the sea) can end
        // a sentence elsewhere.
        let short_month = tok.chars().count() <= 4
            && !tok.chars().any(char::is_uppercase)
            && self.word_before(tok_start).is_some_and(|w| {
                (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
            })
            && self.rules.is_month(tok);
        if short_month {
            return starter;
        }
        if self.rules.ordinal_dot {
            let number = tok.len() <= 3 && tok.bytes().all(|b| b.is_ascii_digit());
            if number && (self.rules.is_month(word) || first.is_numeric()) {
                return false;
            }
            // "im 19. Jahrhundert", "a 33. Magyar Filmszemle", "II. János
            // Pál": an ordinal before a capitalised noun or name, unless a
            // sentence starter follows ("auf Seite 12. Dort").
            let ordinal = is_roman_numeral(tok)
                || (number
                    && self
                        .word_before(tok_start)
                        .is_some_and(|w| self.rules.is_ordinal_before(w)));
            if ordinal {
                return starter;
            }
        }
        // An initial after a slash is still an initial: "© UNHCR/A. Ivanova"
        // (a photo credit).
        let last = tok.rsplit('/').next().unwrap_or(tok);
        let mut letters = last.chars().filter(|c| c.is_alphabetic());
        // Scripts without case have no initials: a one-letter word there
        // is a word ("په کور کې و." in Pashto).
        let single_letter = last.chars().count() == 1
            && letters
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_lowercase());
        if single_letter || is_dotted_abbreviation(last) {
            return starter || title_ends();
        }
        true
    }

    /// Whether the token at `tok_start` stands in the first three words
    /// of the segment (a phrase that opens the sentence: "At 7 a.m.").
    fn opens_sentence(&self, tok_start: usize) -> bool {
        // Two words fit in 200 bytes; looking no further keeps it cheap.
        tok_start.saturating_sub(self.seg) <= 200
            && self
                .text
                .get(self.seg..tok_start)
                .unwrap_or_default()
                .split_whitespace()
                .take(3)
                .count()
                <= 2
    }

    /// The word before the token at `tok_start` (after whitespace),
    /// without openers; `None` at the start of the segment.
    fn word_before(&self, tok_start: usize) -> Option<&'a str> {
        let before = self.text.get(self.seg..tok_start)?;
        let trimmed = before.trim_end();
        if trimmed.len() == before.len() {
            return None;
        }
        let word = trimmed.rsplit(char::is_whitespace).next()?;
        Some(word.trim_start_matches(is_opener)).filter(|w| !w.is_empty())
    }

    /// A one-letter token at `tok_start` that follows another one-letter
    /// token, its period and one space ("т. д", "z. B"): the two as one
    /// dotted abbreviation ("т.д"), as the rule lists write them.
    fn spaced_pair(&self, tok_start: usize, tok: &str) -> Option<String> {
        if tok.chars().count() != 1 {
            return None;
        }
        let before = self.text.get(self.seg..tok_start)?;
        let before = before.strip_suffix(' ')?.strip_suffix('.')?;
        let mut rev = before.chars().rev();
        let letter = rev.next().filter(|c| c.is_alphabetic())?;
        if rev.next().is_some_and(|c| !c.is_whitespace()) {
            return None;
        }
        Some(format!("{letter}.{tok}"))
    }

    /// "world.Today": a period glued between a word and a capitalised
    /// word ends a sentence, unless the token is an address, a dotted
    /// abbreviation or a listed title.
    fn glued_sentence(&self, i: usize, k: usize) -> bool {
        let mut after = self.text.get(k..self.end).unwrap_or_default().chars();
        let (Some(a), Some(b)) = (after.next(), after.next()) else {
            return false;
        };
        if !(a.is_uppercase() && b.is_lowercase()) {
            return false;
        }
        let Some((_, tok)) = self.token_before(i) else {
            return false;
        };
        if tok.contains(['@', '.', '/', ':']) {
            return false;
        }
        // The rest of the token must not look like an address either
        // ("Jane.Doe@example.com").
        let rest = self.text.get(k..self.end).unwrap_or_default();
        let rest_tok = rest
            .char_indices()
            .take_while(|&(p, c)| p < MAX_TOKEN && !c.is_whitespace())
            .map(|(_, c)| c);
        let mut prev_dot = false;
        for c in rest_tok {
            if c == '@' || c == '/' || (prev_dot && c.is_alphanumeric()) {
                return false;
            }
            prev_dot = c == '.';
        }
        let word: String = tok
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == ',')
            .collect();
        word.chars().count() >= 2
            && !tok.starts_with(|c: char| c.is_uppercase() && tok.len() <= 3)
            && self.rules.classify(tok) == AbbrevKind::None
    }
}

/// A quotation mark that may close a quotation after its terminator.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '“' | '»' | '«' | '’' | '\'' | '」' | '』')
}

/// A Roman numeral below 40 ("II", "XIV", "XXIII": the numbers of kings,
/// popes and centuries; not "CD" or "CV", which are words).
fn is_roman_numeral(tok: &str) -> bool {
    (1..=6).contains(&tok.len()) && tok.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// "U.S", "e.g", "p.sh", "Ph.D": letters in groups of at most four,
/// separated by periods.
fn is_dotted_abbreviation(tok: &str) -> bool {
    tok.contains('.')
        && tok.split('.').all(|part| {
            // French joins the initials of a compound first name with a
            // hyphen: "J.-P. Sartre" (not a suffix: "Kft.-től").
            let part = match part.strip_prefix('-') {
                Some(initial) if initial.chars().all(char::is_uppercase) => initial,
                _ => part,
            };
            let n = part.chars().count();
            (1..=4).contains(&n) && part.chars().all(char::is_alphabetic)
        })
}

/// Combining marks (which continue a run of letters; none lies below
/// U+0300).
fn is_mark(ch: char) -> bool {
    ch >= '\u{300}' && unicode_normalization::char::is_combining_mark(ch)
}
