//! Quotations and brackets that hold terminators without ending the
//! sentence around them: a book title `《你好！中国》`, a Japanese quote
//! before its particle (`「行こう。早く。」と`), a parenthesis opened in the
//! sentence (`(first published 1851. Reprinted 1900)`), and, by the rule
//! option `quotation_whole`, a quotation inside its reporting sentence
//! (`He said: «Go. Now.» and left.`).
//!
//! The scanner follows the outermost such mark of the unit as it goes
//! (one at a time) and looks for its closing mark only when a terminator
//! stands inside, at most [`LOOKAHEAD`] chars ahead of the opening mark;
//! a mark not closed there is stray and changes nothing. Every char is
//! looked at by at most one such search (see [`Enclosures::dead_until`]),
//! so the scan stays linear.

use super::{char_at, char_before, Scanner};
use crate::chars::{is_closer, is_lower, is_opener};

/// How far (in chars) after its opening mark a closing mark is looked
/// for. A quotation or parenthesis longer than this is split as before.
pub(super) const LOOKAHEAD: usize = 400;

/// The kinds of enclosure, by the mark that closes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `«…»`
    Guillemets,
    /// `»…«` (German, Danish)
    Reversed,
    /// `„…“` or `„…”`
    Low,
    /// `“…”`
    Curly,
    /// `"…"`
    Straight,
    /// `「…」`
    Japanese,
    /// `『…』`
    JapaneseDouble,
    /// `《…》`
    Book,
    /// `(…)`
    Paren,
    /// `（…）`
    WideParen,
}

const KINDS: usize = 10;

impl Kind {
    fn index(self) -> usize {
        self as usize
    }

    /// The kind a char opens, when it may open one.
    fn opened_by(c: char) -> Option<Kind> {
        Some(match c {
            '«' => Kind::Guillemets,
            '»' => Kind::Reversed,
            '„' => Kind::Low,
            '“' => Kind::Curly,
            '"' => Kind::Straight,
            '「' => Kind::Japanese,
            '『' => Kind::JapaneseDouble,
            '《' => Kind::Book,
            '(' => Kind::Paren,
            '（' => Kind::WideParen,
            _ => return None,
        })
    }

    /// Whether `c` closes this kind.
    fn closed_by(self, c: char) -> bool {
        match self {
            Kind::Guillemets => c == '»',
            Kind::Reversed => c == '«',
            Kind::Low => matches!(c, '“' | '”'),
            Kind::Curly => c == '”',
            Kind::Straight => c == '"',
            Kind::Japanese => c == '」',
            Kind::JapaneseDouble => c == '』',
            Kind::Book => c == '》',
            Kind::Paren => c == ')',
            Kind::WideParen => c == '）',
        }
    }

    /// Marks that open whatever stands before them (scripts written
    /// without spaces put them right after a letter).
    fn opens_anywhere(self) -> bool {
        matches!(
            self,
            Kind::Japanese | Kind::JapaneseDouble | Kind::Book | Kind::WideParen | Kind::Paren
        )
    }
}

/// The enclosure being followed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Open {
    kind: Kind,
    /// Byte offset of the opening mark.
    at: usize,
    /// Byte offset of the closing mark, once looked for.
    close: Option<usize>,
    /// Marks of the same kind opened inside and not closed yet, while
    /// the closing mark has not been looked for.
    depth: u32,
}

/// The scanner's enclosure state.
#[derive(Debug, Default, Clone)]
pub(super) struct Enclosures {
    open: Option<Open>,
    /// Per kind, the end of the last search that found no closing mark:
    /// an opening mark of that kind before it has none within
    /// [`LOOKAHEAD`] either as far as that search went, and is not
    /// followed (which keeps every char in at most one search).
    dead_until: [usize; KINDS],
}

impl Scanner<'_> {
    /// Called for each char the scanner visits that may open or close an
    /// enclosure (`c` at `i`).
    /// Out of line: quotation marks and brackets are rare beside the
    /// letters the scan loop goes through.
    #[cold]
    #[inline(never)]
    pub(super) fn track_enclosure(&mut self, c: char, i: usize) {
        if let Some(open) = self.enclosures.open {
            let nested = open.close.is_none()
                && !open.kind.closed_by(c)
                && Kind::opened_by(c) == Some(open.kind)
                && self.opens_at(open.kind, i);
            let slot = &mut self.enclosures.open;
            match open.close {
                Some(close) if i >= close => *slot = None,
                Some(_) => {}
                None if open.kind.closed_by(c) && open.depth == 0 => *slot = None,
                None if open.kind.closed_by(c) => {
                    *slot = Some(Open {
                        depth: open.depth - 1,
                        ..open
                    });
                }
                None if nested => {
                    *slot = Some(Open {
                        depth: open.depth + 1,
                        ..open
                    });
                }
                None => {}
            }
            return;
        }
        let Some(kind) = Kind::opened_by(c) else {
            return;
        };
        if i < self.enclosures.dead_until[kind.index()] || !self.opens_at(kind, i) {
            return;
        }
        self.enclosures.open = Some(Open {
            kind,
            at: i,
            close: None,
            depth: 0,
        });
    }

    /// Whether the mark of `kind` at `i` opens: after a space, an opening
    /// mark or the start, and before a word (`»so«` opens, `« so »`
    /// closes, French spacing aside: `« Bonjour »`); brackets and the
    /// marks of scripts without spaces open wherever they stand.
    fn opens_at(&self, kind: Kind, i: usize) -> bool {
        if kind.opens_anywhere() {
            return true;
        }
        let prev = char_before(self.text, i).filter(|_| i > self.unit_start);
        let after_space = prev
            .is_none_or(|p| p.is_whitespace() || is_opener(p) || matches!(p, ':' | '/' | '\u{a0}'));
        let next = self.text.get(i..self.end).and_then(|r| r.chars().nth(1));
        let before_word = kind == Kind::Guillemets || next.is_some_and(|n| !n.is_whitespace());
        after_space && before_word
    }

    /// A terminator run from `i` to `j`, whose closers reach `k`: whether
    /// it stands inside an enclosure whose convention keeps it from ending
    /// the sentence. Forgets the enclosure when the closers close it.
    #[inline]
    pub(super) fn enclosed(&mut self, i: usize, j: usize, k: usize) -> bool {
        self.enclosures.open.is_some() && self.enclosed_slow(i, j, k)
    }

    /// [`Scanner::enclosed`] when an enclosure is followed (out of line:
    /// most terminators stand in none, and the scan loop stays small).
    #[cold]
    #[inline(never)]
    fn enclosed_slow(&mut self, i: usize, j: usize, k: usize) -> bool {
        let Some(open) = self.enclosures.open else {
            return false;
        };
        let close = match open.close {
            Some(c) => c,
            None => match self.find_close(open) {
                Some(c) => {
                    self.enclosures.open = Some(Open {
                        close: Some(c),
                        ..open
                    });
                    c
                }
                None => {
                    self.enclosures.open = None;
                    return false;
                }
            },
        };
        if close < k {
            // The closers after the terminator close the enclosure: the
            // terminator ends it, and what follows decides as usual.
            self.enclosures.open = None;
            return false;
        }
        if open.at < self.seg || close < j || i <= open.at {
            return false;
        }
        let after = close + char_at(self.text, close).map_or(1, char::len_utf8);
        let inside_sentence = !self.at_segment_start(open.at);
        match open.kind {
            Kind::Book => true,
            Kind::Japanese | Kind::JapaneseDouble => {
                self.text.get(after..self.end).is_some_and(|r| {
                    r.starts_with('と') || r.starts_with("って") || r.starts_with("など")
                })
            }
            Kind::Paren | Kind::WideParen => inside_sentence,
            _ => self.rules.quotation_whole && (inside_sentence || self.continues(after)),
        }
    }

    /// The first closing mark of `open` within [`LOOKAHEAD`] chars, in
    /// the unit.
    fn find_close(&mut self, open: Open) -> Option<usize> {
        let from = open.at + char_at(self.text, open.at).map_or(1, char::len_utf8);
        let rest = self.text.get(from..self.end).unwrap_or_default();
        let mut end = from;
        let mut depth = 0u32;
        for (n, (p, c)) in rest.char_indices().enumerate() {
            if n >= LOOKAHEAD {
                break;
            }
            if open.kind.closed_by(c) {
                if depth == 0 {
                    return Some(from + p);
                }
                depth -= 1;
            } else if Kind::opened_by(c) == Some(open.kind) && self.opens_at(open.kind, from + p) {
                depth += 1;
            }
            end = from + p + c.len_utf8();
        }
        let dead = &mut self.enclosures.dead_until[open.kind.index()];
        *dead = (*dead).max(end);
        None
    }

    /// Whether the sentence goes on after a closing quote at `after`
    /// (more closers, then a comma, a lower-case word, or a dash and a
    /// lower-case word: `«Иди», — сказал он`, `„Geh“, sagte er`).
    fn continues(&self, after: usize) -> bool {
        let rest = self.text.get(after..self.end).unwrap_or_default();
        let rest = rest.trim_start_matches(is_closer).trim_start();
        let mut chars = rest.chars();
        match chars.next() {
            Some(',' | ';') => true,
            Some('—' | '–' | '-') => chars
                .as_str()
                .trim_start()
                .chars()
                .next()
                .is_some_and(is_lower),
            Some(c) => is_lower(c),
            None => false,
        }
    }
}
