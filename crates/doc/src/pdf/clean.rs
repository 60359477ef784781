//! Text clean-up after layout: right-to-left runs put back in logical
//! order, ligatures and presentation forms normalised, running headers,
//! footers and page numbers dropped, lines joined with words broken at a
//! line end rejoined.

use std::collections::{BTreeSet, HashMap};

use unicode_normalization::UnicodeNormalization;

use super::layout::Line;

/// A line's text as the reader keeps it: right-to-left runs in logical
/// order (a PDF draws them left to right), then [`normalize`]d.
pub(crate) fn line_text(visual: &str) -> String {
    normalize(&visual_to_logical(visual))
}

/// Ligatures (`ﬁ`, `ﬂ`), Hebrew and Arabic presentation forms, vertical
/// and small forms replaced by their compatibility equivalents (NFKC for
/// those characters only: other compatibility characters, such as
/// full-width punctuation or superscripts, mean what they show); control
/// characters dropped, tabs made spaces, soft hyphens dropped but at the
/// end (where they mark a word broken across lines).
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let last = text.trim_end().chars().next_back();
    let end = text.trim_end().len();
    for (i, c) in text.char_indices() {
        match c {
            '\t' => out.push(' '),
            '\u{ad}' if !(Some(c) == last && i + c.len_utf8() == end) => {}
            '\u{feff}' => {}
            c if c.is_control() => {}
            '\u{fb00}'..='\u{fdff}' | '\u{fe10}'..='\u{fe6f}' | '\u{fe70}'..='\u{fefe}' => {
                out.extend(c.to_string().nfkc());
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether a character is written right to left (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and their presentation forms).
fn is_rtl(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{fefe}')
}

/// A line in visual order (glyphs left to right) with its right-to-left
/// runs reversed into logical order: each run from one right-to-left
/// character to the last before a left-to-right letter, digits inside it
/// kept left to right, brackets mirrored.
pub(crate) fn visual_to_logical(text: &str) -> String {
    if !text.chars().any(is_rtl) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < chars.len() {
        if !is_rtl(chars[k]) {
            out.push(chars[k]);
            k += 1;
            continue;
        }
        // The run: RTL characters and what is neutral between them.
        let mut end = k;
        let mut j = k;
        while j < chars.len() && (is_rtl(chars[j]) || !chars[j].is_alphabetic()) {
            if is_rtl(chars[j]) {
                end = j;
            }
            j += 1;
        }
        let run = &chars[k..=end];
        let mut reversed: Vec<char> = Vec::with_capacity(run.len());
        let mut m = run.len();
        while m > 0 {
            // Digits stay left to right inside the reversed run.
            let mut d = m;
            while d > 0 && run[d - 1].is_ascii_digit() {
                d -= 1;
            }
            if d < m {
                reversed.extend_from_slice(&run[d..m]);
                m = d;
                continue;
            }
            m -= 1;
            reversed.push(match run[m] {
                '(' => ')',
                ')' => '(',
                '[' => ']',
                ']' => '[',
                '«' => '»',
                '»' => '«',
                c => c,
            });
        }
        out.extend(reversed);
        k = end + 1;
    }
    out
}

/// A line's key as running furniture: lower case, numbers as `#`,
/// spaces collapsed ("Page 3 of 12" and "Page 4 of 12" are one key).
fn furniture_key(text: &str) -> String {
    let mut key = String::new();
    let mut digits = false;
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_numeric() {
            if !digits {
                key.push('#');
            }
            digits = true;
            continue;
        }
        digits = false;
        if c.is_whitespace() {
            if !key.ends_with(' ') {
                key.push(' ');
            }
        } else {
            key.push(c);
        }
    }
    key
}

/// Drops running headers, footers and page numbers: lines among the two
/// top or two bottom baselines of a page whose key ([`furniture_key`])
/// recurs in the same place on more than half the pages (and on two at
/// least). Returns the pages and the number of lines dropped.
pub(crate) fn drop_furniture(mut pages: Vec<Vec<Line>>) -> (Vec<Vec<Line>>, usize) {
    let n = pages.len();
    if n < 2 {
        return (pages, 0);
    }
    // (zone, key) -> pages it is on; zone 0 top, 1 bottom.
    let mut seen: HashMap<(u8, String), BTreeSet<usize>> = HashMap::new();
    let zones: Vec<Vec<Option<u8>>> = pages.iter().map(|p| zones(p)).collect();
    for (k, page) in pages.iter().enumerate() {
        for (line, zone) in page.iter().zip(&zones[k]) {
            if let Some(z) = zone {
                seen.entry((*z, furniture_key(&line.text)))
                    .or_default()
                    .insert(k);
            }
        }
    }
    let mut dropped = 0;
    for (k, page) in pages.iter_mut().enumerate() {
        let mut zone = zones[k].iter();
        page.retain(|line| {
            let Some(Some(z)) = zone.next() else {
                return true;
            };
            let count = seen
                .get(&(*z, furniture_key(&line.text)))
                .map_or(0, BTreeSet::len);
            let furniture = count >= 2 && 2 * count > n;
            dropped += usize::from(furniture);
            !furniture
        });
    }
    (pages, dropped)
}

/// For each line of a page: 0 when it is on one of the page's two top
/// baselines, 1 on one of the two bottom ones, none otherwise.
fn zones(page: &[Line]) -> Vec<Option<u8>> {
    let mut ys: Vec<f64> = page.iter().map(|l| l.y).collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let top = ys.get(1).or(ys.first()).copied().unwrap_or(f64::INFINITY);
    let bottom = ys
        .len()
        .checked_sub(2)
        .and_then(|k| ys.get(k))
        .or(ys.last())
        .copied()
        .unwrap_or(f64::NEG_INFINITY);
    page.iter()
        .map(|l| {
            if l.y >= top - 0.5 {
                Some(0)
            } else if l.y <= bottom + 0.5 {
                Some(1)
            } else {
                None
            }
        })
        .collect()
}

/// How often each word (lower case) occurs in a document, to decide
/// whether a hyphen at a line end belongs to the word.
#[derive(Debug, Default)]
pub(crate) struct Words(HashMap<String, usize>);

impl Words {
    /// The words of every line of a document, but for the halves of words
    /// broken at a line end.
    pub(crate) fn of<'a>(lines: impl IntoIterator<Item = &'a str>) -> Words {
        let mut words = Words::default();
        let mut broken = false;
        for line in lines {
            let mut tokens: Vec<&str> = line.split_whitespace().collect();
            if broken && !tokens.is_empty() {
                tokens.remove(0);
            }
            broken = line.trim_end().ends_with(is_hyphen) || line.trim_end().ends_with('\u{ad}');
            if broken {
                tokens.pop();
            }
            for t in tokens {
                let w = word(t);
                if !w.is_empty() {
                    *words.0.entry(w.to_lowercase()).or_default() += 1;
                }
            }
        }
        words
    }

    fn count(&self, word: &str) -> usize {
        self.0.get(&word.to_lowercase()).copied().unwrap_or(0)
    }
}

/// A hyphen that may break a word at a line end.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}')
}

/// A token without the punctuation around it.
fn word(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The lines of a paragraph joined with spaces, words broken at a line
/// end rejoined: always after a soft hyphen; after a hyphen, as the rest
/// of the document writes the word (joined or hyphenated), else joined
/// when a lower-case letter follows, unless the part before is an
/// acronym or a number ("UNHCR-", "COVID-19-") or a prefix the document
/// never uses alone before a word it does ("ex-" + "terrorist"; this
/// keeps a wrong hyphen in "re-turn" when neither "return" nor
/// "re-turn" occurs elsewhere but "turn" does).
pub(crate) fn join_lines(lines: &[String], words: &Words) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        if out.ends_with('\u{ad}') {
            out.pop();
            out.push_str(line);
            continue;
        }
        match broken_word(&out, line, words) {
            Some(true) => {
                out.pop();
                out.push_str(line);
            }
            Some(false) => out.push_str(line),
            None => {
                out.push(' ');
                out.push_str(line);
            }
        }
    }
    out
}

/// Whether `before` ends in a hyphenated half word that `after` ends:
/// `Some(true)` to join without the hyphen, `Some(false)` to keep it (a
/// compound), `None` when no word is broken here.
fn broken_word(before: &str, after: &str, words: &Words) -> Option<bool> {
    let stem = before.strip_suffix(is_hyphen)?;
    let last = stem.split_whitespace().next_back()?;
    if !last.chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let first = after.split_whitespace().next()?;
    let rest = word(first);
    if rest.is_empty() || !first.starts_with(char::is_alphanumeric) {
        return None;
    }
    let head = word(last);
    let joined = words.count(&format!("{head}{rest}"));
    let hyphenated = words.count(&format!("{head}-{rest}"));
    if joined != hyphenated {
        return Some(joined > hyphenated);
    }
    let capitals = head.chars().filter(|c| c.is_uppercase()).count();
    let acronym = capitals >= 2 || head.chars().any(|c| c.is_numeric());
    // A prefix before a word the document uses on its own ("ex-" before
    // "terrorist"): a compound broken at its hyphen.
    let prefixed = rest.chars().count() >= 3 && words.count(rest) > 0 && words.count(head) == 0;
    Some(rest.starts_with(char::is_lowercase) && !acronym && !prefixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_and_presentation_forms_are_normalised_and_nothing_else() {
        let cases = [
            ("ﬁnal ﬂow ﬀ ﬃ", "final flow ff ffi"),
            // Arabic presentation forms to letters.
            ("\u{fe8d}\u{fedf}", "\u{627}\u{644}"),
            // Full-width punctuation, superscripts, NBSP stay.
            ("日本，２² a\u{a0}b", "日本，２² a\u{a0}b"),
            ("tab\there\u{7}", "tab here"),
            ("soft\u{ad}ly", "softly"),
            (
                "broken at the end soft\u{ad}",
                "broken at the end soft\u{ad}",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input:?}");
        }
    }

    #[test]
    fn right_to_left_runs_come_back_in_logical_order() {
        let cases = [
            ("no rtl here", "no rtl here"),
            // A Persian run drawn left to right before English text.
            ("دحتم للمOn October", "ملل متحدOn October"),
            ("שלום (2017) עולם", "םלוע (2017) םולש"),
            ("abc אבג def", "abc גבא def"),
        ];
        for (input, want) in cases {
            assert_eq!(visual_to_logical(input), want, "{input:?}");
        }
    }

    fn line(text: &str, y: f64) -> Line {
        Line {
            text: text.into(),
            x0: 50.0,
            x1: 300.0,
            y,
            size: 10.0,
            first_word: 20.0,
        }
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_dropped() {
        let page = |n: usize, body: &str| {
            vec![
                line("Annual Report 2017", 800.0),
                line(body, 700.0),
                line(&format!("body {n} second line"), 688.0),
                line("more body", 676.0),
                line(["", "one", "two", "three"][n], 664.0),
                line(&format!("Page {n} of 3"), 40.0),
            ]
        };
        let pages = vec![page(1, "Title"), page(2, "continued"), page(3, "end")];
        let (pages, dropped) = drop_furniture(pages);
        assert_eq!(dropped, 6);
        let texts: Vec<Vec<&str>> = pages
            .iter()
            .map(|p| p.iter().map(|l| l.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts[0],
            ["Title", "body 1 second line", "more body", "one"]
        );
        // "more body" repeats on every page but not at the top or bottom.
        assert_eq!(
            texts[2],
            ["end", "body 3 second line", "more body", "three"]
        );
        // One page: nothing is furniture.
        let (one, dropped) = drop_furniture(vec![page(1, "x")]);
        assert_eq!((one[0].len(), dropped), (6, 0));
    }

    #[test]
    fn a_line_on_fewer_than_half_the_pages_stays() {
        let pages: Vec<Vec<Line>> = (0..4)
            .map(|k| {
                let top = if k < 2 { "Chapter one" } else { "Other text" };
                vec![
                    line(top, 800.0),
                    line(["one", "two", "three", "four"][k], 700.0),
                ]
            })
            .collect();
        let (_, dropped) = drop_furniture(pages);
        assert_eq!(dropped, 0);
    }

    #[test]
    fn hyphens_at_line_ends_join_words_or_stay_in_compounds() {
        let doc = [
            "the re-settlement of members",
            "UNHCR-në and UNHCR-ja",
            "a well-known fact",
            "the translation of it",
            "a terrorist group, a sett-",
            "ing broken here",
        ];
        let words = Words::of(doc);
        let cases: [(&[&str], &str); 12] = [
            // Unknown word, lower case after: a broken word (the halves
            // broken elsewhere are no evidence of a word "ing").
            (&["a broken sett-", "ing here"], "a broken setting here"),
            // A prefix the text never uses alone before a word it does.
            (&["an ex-", "terrorist group"], "an ex-terrorist group"),
            (&["a fact-", "known thing"], "a factknown thing"),
            // The hyphenated form occurs elsewhere: a compound.
            (&["the re-", "settlement again"], "the re-settlement again"),
            (&["a well-", "known fact"], "a well-known fact"),
            // The joined form occurs elsewhere: joined.
            (&["a trans-", "lation of"], "a translation of"),
            (&["members of", "the group"], "members of the group"),
            // An acronym before the hyphen keeps it.
            (
                &["paid by UNHCR-", "së officials"],
                "paid by UNHCR-së officials",
            ),
            // Upper case after: a compound ("Albanian-American").
            (&["Albanian-", "American ties"], "Albanian-American ties"),
            // A dash between words is no hyphen.
            (&["the meeting –", "as planned"], "the meeting – as planned"),
            (&["a soft\u{ad}", "ware"], "a software"),
            (&["costs 5-", "10 euros"], "costs 5-10 euros"),
        ];
        for (lines, want) in cases {
            let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
            assert_eq!(join_lines(&lines, &words), want, "{lines:?}");
        }
    }
}
