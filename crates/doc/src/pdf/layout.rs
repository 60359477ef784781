//! Glyphs to lines, lines to paragraphs, from their geometry.
//!
//! A line is a run of glyphs, consecutive in the content stream, on one
//! baseline (a smaller raised or lowered glyph, a footnote mark, stays in
//! it); its glyphs are put in x order, overprinted copies (fake bold)
//! dropped, and a space put where the gap between two glyphs is wider
//! than [`WORD_GAP`] em. A gap wider than [`COLUMN_GAP`] em splits it
//! (table cells, columns sharing a baseline).
//!
//! Consecutive lines make one paragraph unless something says otherwise:
//! a change of font size; a vertical gap wider than the document's usual
//! line pitch; a previous line that ends short (the next line's first
//! word would have fitted after it); an indented line after a line ending
//! a sentence, or an outdented one (a hanging list item). Where the text
//! jumps (next column, next page) the paragraph goes on only when the
//! line before the jump is full and does not end a sentence, or the next
//! one starts in lower case. Blocks in a larger font than the body are
//! headings, level by size.

use std::collections::HashMap;

use super::Glyph;
use crate::BlockKind;

/// A gap wider than this (in em of the font) between two glyphs is a
/// space between words.
const WORD_GAP: f64 = 0.15;
/// A gap wider than this (in em) on one baseline splits the line.
const COLUMN_GAP: f64 = 2.5;
/// A vertical gap this many times the usual line pitch ends a paragraph.
const PARAGRAPH_GAP: f64 = 1.3;
/// A line starting this many em further right (left) than the previous
/// one is indented (outdented).
const INDENT: f64 = 0.8;

/// A line of text on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// Its text, glyphs in x order, spaces between words.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Baseline (y upwards).
    pub y: f64,
    /// Font size of most of its glyphs.
    pub size: f64,
    /// Width of its first word.
    pub first_word: f64,
}

impl Line {
    /// Whether the line holds nothing but spaces.
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The lines of a page, in content-stream order.
pub(crate) fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut run: Vec<&Glyph> = Vec::new();
    let mut base: Option<(f64, f64)> = None;
    for g in glyphs {
        let same = match base {
            None => true,
            Some((y, size)) => {
                let dy = g.y - y;
                dy.abs() <= 0.3 * size.max(g.size)
                    || (g.size < 0.9 * size && dy > -0.4 * size && dy < 0.7 * size)
            }
        };
        if !same {
            split_run(&mut run, &mut out);
            base = None;
        }
        if base.is_none() {
            base = Some((g.y, g.size));
        }
        run.push(g);
    }
    split_run(&mut run, &mut out);
    out.retain(|l| !l.is_blank());
    out
}

/// Sorts a run of glyphs on one baseline by x and cuts it into lines at
/// wide gaps; empties `run`.
fn split_run(run: &mut Vec<&Glyph>, out: &mut Vec<Line>) {
    run.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut start = 0;
    for k in 1..=run.len() {
        let cut = k == run.len() || {
            let (a, b) = (run[k - 1], run[k]);
            b.x0 - a.x1 > COLUMN_GAP * a.size.max(b.size) && !a.text.trim().is_empty()
        };
        if cut {
            if let Some(line) = line_of(&run[start..k]) {
                out.push(line);
            }
            start = k;
        }
    }
    run.clear();
}

/// A line from glyphs in x order.
fn line_of(glyphs: &[&Glyph]) -> Option<Line> {
    let first = glyphs.iter().find(|g| !g.text.trim().is_empty())?;
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut first_word_end: Option<f64> = None;
    let mut sizes: Vec<(f64, usize)> = Vec::new();
    let (mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY);
    for &g in glyphs {
        if g.text.is_empty() {
            // Ink without text: the gap to the next glyph starts here.
            prev = Some(g);
            continue;
        }
        let blank = g.text.trim().is_empty();
        if let Some(p) = prev {
            // Overprinted copies (fake bold, shadows) draw the same
            // glyph again at almost the same place.
            if p.text == g.text && (g.x0 - p.x0).abs() < 0.1 * g.size {
                continue;
            }
            let gap = g.x0 - p.x1;
            let spaced =
                text.ends_with(char::is_whitespace) || g.text.starts_with(char::is_whitespace);
            if !spaced && gap > WORD_GAP * p.size.min(g.size) {
                text.push(' ');
                first_word_end.get_or_insert(p.x1);
            }
        }
        if blank {
            if !text.is_empty() && !text.ends_with(' ') {
                first_word_end.get_or_insert(prev.map_or(g.x0, |p| p.x1));
                text.push(' ');
            }
        } else {
            text.push_str(&g.text);
            x0 = x0.min(g.x0);
            x1 = x1.max(g.x1);
            match sizes.iter_mut().find(|(s, _)| (*s - g.size).abs() < 0.25) {
                Some((_, n)) => *n += 1,
                None => sizes.push((g.size, 1)),
            }
        }
        prev = Some(g);
    }
    let size = sizes
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(first.size, |(s, _)| *s);
    let text = text.trim_end().to_string();
    let first_word = first_word_end.map_or(x1, |e| e.min(x1)) - x0;
    Some(Line {
        text,
        x0,
        x1,
        y: first.y,
        size,
        first_word,
    })
}

/// A paragraph: its kind and its lines (joined later, when the whole
/// document's words are known).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Para {
    /// Heading or paragraph.
    pub kind: BlockKind,
    /// Its lines' texts, in order.
    pub lines: Vec<String>,
}

/// The document's typical measures.
struct Measures {
    /// Font size of most of the text.
    body: f64,
    /// Usual distance between baselines, in em.
    pitch: f64,
}

/// Font size of most text, and the usual line pitch in em.
fn measures(pages: &[Vec<Line>]) -> Measures {
    let mut sizes: Vec<(f64, usize)> = Vec::new();
    let mut pitches: Vec<f64> = Vec::new();
    for page in pages {
        for (k, l) in page.iter().enumerate() {
            let n = l.text.chars().count();
            match sizes.iter_mut().find(|(s, _)| (*s - l.size).abs() < 0.25) {
                Some((_, c)) => *c += n,
                None => sizes.push((l.size, n)),
            }
            if let Some(p) = k.checked_sub(1).and_then(|j| page.get(j)) {
                let dy = p.y - l.y;
                if (p.size - l.size).abs() < 0.25 && dy > 0.0 && dy < 3.0 * l.size && overlap(p, l)
                {
                    pitches.push(dy / l.size);
                }
            }
        }
    }
    let body = sizes
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(10.0, |(s, _)| *s);
    // The lower quartile: within paragraphs lines are closer than between.
    pitches.sort_by(f64::total_cmp);
    let pitch = pitches.get(pitches.len() / 4).copied().unwrap_or(1.2);
    Measures { body, pitch }
}

/// Whether two lines share some horizontal extent.
fn overlap(a: &Line, b: &Line) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1
}

/// The right edges text columns reach: for lines of each font size
/// (buckets 5% apart) starting at each x (bins an eighth of that size
/// wide), the furthest right any of them reaches, over the whole
/// document (pages share a layout; a page may hold a single short line).
/// A look-up visits some 9 × 50 bins whatever the sizes.
struct Columns(HashMap<(i64, i64), f64>);

/// Size buckets are this ratio apart.
const SIZE_STEP: f64 = 1.05;

impl Columns {
    fn of(pages: &[Vec<Line>]) -> Columns {
        let mut map: HashMap<(i64, i64), f64> = HashMap::new();
        for l in pages.iter().flatten() {
            let b = size_bucket(l.size);
            let e = map.entry((b, x_bin(b, l.x0))).or_insert(l.x1);
            *e = e.max(l.x1);
        }
        Columns(map)
    }

    /// The right edge of the column a line is in: the furthest right
    /// that lines of about its size (±20%) starting near its left edge
    /// (±3 em) reach.
    fn right(&self, line: &Line) -> f64 {
        let mut right = line.x1;
        let b = size_bucket(line.size);
        let reach = 3.0 * line.size;
        for s in b - 4..=b + 4 {
            for x in x_bin(s, line.x0 - reach)..=x_bin(s, line.x0 + reach) {
                if let Some(r) = self.0.get(&(s, x)) {
                    right = right.max(*r);
                }
            }
        }
        right
    }
}

/// A font size's bucket in [`Columns`].
fn size_bucket(size: f64) -> i64 {
    (size.max(0.01).ln() / SIZE_STEP.ln()).round() as i64
}

/// An x position's bin in [`Columns`] for size bucket `b`.
fn x_bin(b: i64, x: f64) -> i64 {
    let width = (SIZE_STEP.powi(b.clamp(-400, 400) as i32) / 8.0).max(0.25);
    (x / width).floor() as i64
}

/// Whether a line ends a sentence (or a clause that usually ends a
/// paragraph).
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '*') || c.is_whitespace()
    });
    t.ends_with(['.', '!', '?', ':', '。', '！', '？', '؟', '।', '…'])
}

/// Whether a text starts with a lower-case letter.
fn starts_lower(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// The paragraphs of a document's pages (headers and footers already
/// dropped).
pub(crate) fn paragraphs(pages: &[Vec<Line>]) -> Vec<Para> {
    let m = measures(pages);
    let columns = Columns::of(pages);
    let mut paras: Vec<(Vec<String>, f64)> = Vec::new();
    let mut prev: Option<(&Line, f64)> = None;
    for page in pages {
        for (k, line) in page.iter().enumerate() {
            let right = columns.right(line);
            let joins = match prev {
                None => false,
                Some((a, a_right)) => {
                    let jump = k == 0 || line.y > a.y + 0.5 * a.size || line.x0 >= a.x1;
                    continues(a, a_right, line, jump, &m)
                }
            };
            match paras.last_mut() {
                Some((lines, _)) if joins => lines.push(line.text.clone()),
                _ => paras.push((vec![line.text.clone()], line.size)),
            }
            prev = Some((line, right));
        }
    }
    let mut heading_sizes: Vec<f64> = paras
        .iter()
        .map(|(_, s)| *s)
        .filter(|s| *s >= 1.15 * m.body)
        .collect();
    heading_sizes.sort_by(|a, b| b.total_cmp(a));
    heading_sizes.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    paras
        .into_iter()
        .map(|(lines, size)| {
            let kind = match heading_sizes.iter().position(|s| (size - s).abs() < 0.5) {
                Some(rank) if size >= 1.15 * m.body => BlockKind::Heading {
                    level: u8::try_from(rank + 1).unwrap_or(9).min(9),
                },
                _ => BlockKind::Paragraph,
            };
            Para { kind, lines }
        })
        .collect()
}

/// Whether line `b` goes on the paragraph that line `a` (whose column
/// ends at `a_right`) is in; `jump` when `b` is not below `a` in the same
/// column.
fn continues(a: &Line, a_right: f64, b: &Line, jump: bool, m: &Measures) -> bool {
    if (a.size - b.size).abs() > 0.15 * a.size.max(b.size) {
        return false;
    }
    let em = a.size;
    let short = a_right - a.x1 > b.first_word + 0.5 * em;
    if jump {
        return !short && (!ends_sentence(&a.text) || starts_lower(&b.text));
    }
    let gap = a.y - b.y;
    if gap > PARAGRAPH_GAP * m.pitch * em {
        return false;
    }
    if short {
        return false;
    }
    if b.x0 < a.x0 - INDENT * em {
        return false;
    }
    if b.x0 > a.x0 + INDENT * em && ends_sentence(&a.text) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from `x` on baseline `y`, `size` points, each
    /// character half an em wide.
    fn glyphs(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(k, c)| {
                let x0 = x + k as f64 * size * 0.5;
                Glyph {
                    text: c.to_string(),
                    x0,
                    x1: x0 + size * 0.5,
                    y,
                    size,
                }
            })
            .collect()
    }

    #[test]
    fn glyphs_make_lines_with_spaces_from_gaps() {
        let mut g = glyphs("Hello", 10.0, 700.0, 10.0);
        // Glyphs without text (a kashida) fill a gap: no space there.
        g[2].text = String::new();
        g[2].x1 += 5.0;
        for later in &mut g[3..] {
            later.x0 += 5.0;
            later.x1 += 5.0;
        }
        // A word drawn with no space glyph, a gap of one em before it.
        g.extend(glyphs("world", 45.0, 700.0, 10.0));
        // A raised footnote mark stays on the line.
        g.extend(glyphs("1", 70.0, 703.0, 6.0));
        // The next line.
        g.extend(glyphs("Next line", 10.0, 688.0, 10.0));
        let lines = lines(&g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Helo world1", "Next line"]);
        assert_eq!(lines[1].first_word, 20.0);
        assert_eq!(lines[0].size, 10.0);
    }

    #[test]
    fn glyphs_out_of_order_and_overprinted_are_read_once_in_x_order() {
        let mut g = glyphs("ab", 20.0, 500.0, 10.0);
        g.splice(0..0, glyphs("xy", 10.0, 500.0, 10.0));
        // Fake bold: the same glyphs again, shifted a little.
        g.extend(glyphs("ab", 20.3, 500.0, 10.0));
        let lines = lines(&g);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "xyab");
    }

    #[test]
    fn a_wide_gap_on_a_baseline_splits_columns() {
        let mut g = glyphs("left column", 10.0, 700.0, 10.0);
        g.extend(glyphs("right column", 300.0, 700.0, 10.0));
        let texts: Vec<String> = lines(&g).into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["left column", "right column"]);
    }

    /// A line at (x0, y), 10 points, with `text` (half an em a character).
    fn line(text: &str, x0: f64, y: f64) -> Line {
        let first = text.split(' ').next().unwrap_or("").chars().count() as f64 * 5.0;
        Line {
            text: text.to_string(),
            x0,
            x1: x0 + text.chars().count() as f64 * 5.0,
            y,
            size: 10.0,
            first_word: first,
        }
    }

    fn para_texts(pages: &[Vec<Line>]) -> Vec<Vec<String>> {
        paragraphs(pages).into_iter().map(|p| p.lines).collect()
    }

    #[test]
    fn lines_join_into_paragraphs_by_geometry() {
        // 40 characters fill the column (200 points from x = 50).
        let full = "a full line of forty characters here, so";
        assert_eq!(full.len(), 40);
        type Case<'a> = (&'a str, Vec<Line>, Vec<Vec<&'a str>>);
        let cases: Vec<Case> = vec![
            (
                "a short line ends a paragraph",
                vec![
                    line(full, 50.0, 700.0),
                    line("ends here.", 50.0, 688.0),
                    line("Next one", 50.0, 676.0),
                ],
                vec![vec![full, "ends here."], vec!["Next one"]],
            ),
            (
                "a line short by less than the next word still goes on",
                vec![
                    line("a line short by a long word ending here", 50.0, 700.0),
                    line("responsibility of all", 50.0, 688.0),
                    line(full, 50.0, 676.0),
                ],
                vec![
                    vec![
                        "a line short by a long word ending here",
                        "responsibility of all",
                    ],
                    vec![full],
                ],
            ),
            (
                "a wider vertical gap ends a paragraph",
                vec![
                    line(full, 50.0, 700.0),
                    line(full, 50.0, 688.0),
                    line(full, 50.0, 670.0),
                ],
                vec![vec![full, full], vec![full]],
            ),
            (
                "an indented line after a sentence's end starts one",
                vec![
                    line("a full line of forty characters ends it.", 50.0, 700.0),
                    line("An indented line", 70.0, 688.0),
                ],
                vec![
                    vec!["a full line of forty characters ends it."],
                    vec!["An indented line"],
                ],
            ),
        ];
        for (what, lines, want) in cases {
            assert_eq!(para_texts(&[lines]), want, "{what}");
        }
    }

    #[test]
    fn paragraphs_go_on_across_pages_only_when_unfinished() {
        let full = "a full line of forty characters here, so";
        let ends = "a full line of forty characters ends it.";
        let pages = vec![
            vec![line(full, 50.0, 700.0), line(full, 50.0, 688.0)],
            vec![line("it goes on.", 50.0, 700.0)],
            vec![line(ends, 50.0, 700.0), line(ends, 50.0, 688.0)],
            vec![line("New paragraph.", 50.0, 700.0)],
        ];
        assert_eq!(
            para_texts(&pages),
            vec![
                vec![full, full, "it goes on."],
                vec![ends, ends],
                vec!["New paragraph."],
            ]
        );
    }

    #[test]
    fn larger_text_is_a_heading_by_size() {
        let mut title = line("Title", 50.0, 750.0);
        title.size = 20.0;
        let mut sub = line("Section", 50.0, 720.0);
        sub.size = 14.0;
        let body = "a full line of forty characters here, so";
        let paras = paragraphs(&[vec![
            title,
            sub,
            line(body, 50.0, 700.0),
            line(body, 50.0, 688.0),
        ]]);
        let kinds: Vec<BlockKind> = paras.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading { level: 1 },
                BlockKind::Heading { level: 2 },
                BlockKind::Paragraph
            ]
        );
    }
}
