//! What may follow a terminator and still belong to its sentence:
//! closing quotes and brackets, reference markers.

use super::{char_at, Scanner};
use crate::chars::{is_closer, is_invisible};

impl Scanner<'_> {
    /// Reference markers after a terminator ("long.[1]", "war.[7][8]",
    /// "disputed. [3]"): up to four bracketed numbers of at most three
    /// digits, glued or after one space, stay with the sentence when
    /// whitespace or the end follows them. Returns the position after
    /// them, or `k`.
    pub(super) fn skip_citations(&self, k: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut p = if bytes.get(k) == Some(&b' ') && bytes.get(k + 1) == Some(&b'[') {
            k + 1
        } else {
            k
        };
        let mut markers = 0;
        while markers < 4 && bytes.get(p) == Some(&b'[') {
            let digits = bytes
                .get(p + 1..)
                .unwrap_or_default()
                .iter()
                .take(4)
                .take_while(|b| b.is_ascii_digit())
                .count();
            if !(1..=3).contains(&digits) || bytes.get(p + 1 + digits) != Some(&b']') {
                break;
            }
            p += digits + 2;
            markers += 1;
        }
        let ends = p >= self.end || char_at(self.text, p).is_some_and(char::is_whitespace);
        if markers > 0 && ends {
            p.min(self.end)
        } else {
            k
        }
    }
    /// Whether the period at `i` stands inside brackets opened after the
    /// start of the sentence ("Three cities (Paris, Rome and Berlin.)
    /// Signed"): then it ends nothing. A bracket that opens the sentence
    /// holds a sentence of its own. Looks back at most 400 bytes.
    pub(super) fn bracket_opened_inside(&self, i: usize) -> bool {
        let lo = (i.saturating_sub(400).max(self.seg)..i)
            .find(|&p| self.text.is_char_boundary(p))
            .unwrap_or(i);
        let before = self.text.get(lo..i).unwrap_or_default();
        let mut depth = 0i32;
        for (p, c) in before.char_indices().rev() {
            match c {
                ')' | ']' => depth += 1,
                '(' | '[' if depth > 0 => depth -= 1,
                '(' | '[' => return !self.at_segment_start(lo + p),
                _ => {}
            }
        }
        false
    }
    /// Where the unit's quotation marks first appear (found in one pass,
    /// the first time a quote asks).
    fn quote_marks(&mut self) -> QuoteMarks {
        if let Some(q) = self.quotes {
            return q;
        }
        let mut q = QuoteMarks::default();
        let unit = self.text.get(self.unit_start..self.end).unwrap_or_default();
        // All six marks start with byte E2 or C2: look only there.
        for p in memchr::memchr2_iter(0xE2, 0xC2, unit.as_bytes()) {
            let Some(c) = unit.get(p..).and_then(|r| r.chars().next()) else {
                continue;
            };
            let at = self.unit_start + p;
            match c {
                '„' if q.low_double.is_none() => q.low_double = Some(at),
                '‚' if q.low_single.is_none() => q.low_single = Some(at),
                '»' | '«' if q.guillemet.is_none() => q.guillemet = Some((at, c)),
                '›' | '‹' if q.single_guillemet.is_none() => q.single_guillemet = Some((at, c)),
                _ => {}
            }
        }
        self.quotes = Some(q);
        q
    }
    pub(super) fn skip_closers(&mut self, mut k: usize) -> usize {
        while k < self.end {
            match char_at(self.text, k) {
                Some(c)
                    if (is_closer(c) && !self.opens_quote(c, k))
                        || self.closes_reversed(c, k)
                        || is_invisible(c) =>
                {
                    k += c.len_utf8();
                }
                _ => break,
            }
        }
        k
    }
    /// « Bonjour ! »: French sets its closing guillemet off by a space.
    /// A », › or ” after one space and before a space, a closer or the
    /// end still belongs to the sentence; returns the position after it
    /// (and any closers that follow), or `k`.
    pub(super) fn skip_spaced_closer(&mut self, k: usize) -> usize {
        let rest = self.text.get(k..self.end).unwrap_or_default();
        let mut chars = rest.chars();
        let (Some(space), Some(closer)) = (chars.next(), chars.next()) else {
            return k;
        };
        let after = chars.next();
        if matches!(space, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
            && matches!(closer, '»' | '›' | '”')
            && after.is_none_or(|c| c.is_whitespace() || is_closer(c))
        {
            self.skip_closers(k + space.len_utf8() + closer.len_utf8())
        } else {
            k
        }
    }
    /// Whether the guillemet `c` at `k` closes a quotation opened the other
    /// way round: German, Danish and Slovenian quote »so« (French «so»),
    /// which the first guillemet of the unit tells.
    fn closes_reversed(&mut self, c: char, k: usize) -> bool {
        if !matches!(c, '«' | '‹') {
            return false;
        }
        let q = self.quote_marks();
        let first = match c {
            '«' => q.guillemet.filter(|&(_, x)| x == '»'),
            '‹' => q.single_guillemet.filter(|&(_, x)| x == '›'),
            _ => return false,
        };
        first.is_some_and(|(at, _)| at < k)
    }

    /// Whether the quote `c` at `k` opens a quotation: “ and ‘ close only
    /// what „ and ‚ opened (German, Czech: „so“); elsewhere (English,
    /// Chinese: “so”) they open one, and belong to the next sentence
    /// ("。”“您能").
    fn opens_quote(&mut self, c: char, k: usize) -> bool {
        if !matches!(c, '“' | '‘') {
            return false;
        }
        let q = self.quote_marks();
        let low = match c {
            '“' => q.low_double,
            '‘' => q.low_single,
            _ => return false,
        };
        low.is_none_or(|at| at >= k)
    }
}

/// Where a unit's quotation marks first appear: the low quotes of German
/// and Czech („so“), and the first guillemet of each kind, which tells
/// whether the unit quotes »so« or «so».
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct QuoteMarks {
    low_double: Option<usize>,
    low_single: Option<usize>,
    guillemet: Option<(usize, char)>,
    single_guillemet: Option<(usize, char)>,
}
