//! Markdown: CommonMark with GitHub's tables, footnotes, task lists and
//! strikethrough, definition lists and heading attributes (pandoc writes
//! `# Title {#id}`), read with pulldown-cmark.
//!
//! Headings, paragraphs, list items (and definition list terms and
//! definitions), table cells, block quotes and footnote definitions are
//! blocks; the innermost kind wins (a paragraph in a list item is a list
//! item), and a footnote holds only footnotes. Inline markup is
//! stripped: link text, image alt text and code spans are kept, URLs,
//! footnote markers and inline HTML tags dropped (`<br>` is a line
//! break). Soft line breaks are spaces, hard ones line breaks. Fenced
//! and indented code blocks, HTML blocks and front matter (YAML `---` or
//! TOML `+++`) are not prose: they are skipped, and a note says how many.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::{decode_auto_hinted, BlockKind, DocError, Document, DocumentBuilder, Format};

/// Reads a Markdown document from its bytes; `label` is the user's
/// encoding, if any, and `lang` the text's language, if known (a hint
/// for a legacy encoding).
pub(crate) fn read(
    bytes: Vec<u8>,
    label: Option<&str>,
    lang: Option<&str>,
) -> Result<Document, DocError> {
    let decoded = decode_auto_hinted(bytes, label, lang)?;
    let mut out = DocumentBuilder::new(Format::Markdown, decoded.encoding);
    out.encoding_detected(decoded.detected);
    let mut opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_DEFINITION_LIST;
    if writes_typography_in_ascii(&decoded.text) {
        opts |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let mut r = Reader {
        out,
        text: String::new(),
        blocks: Vec::new(),
        footnote: 0,
        skipping: 0,
        code: 0,
        html: 0,
        front: false,
    };
    for event in Parser::new_ext(&decoded.text, opts) {
        r.event(event);
    }
    r.flush();
    let Reader {
        mut out,
        code,
        html,
        front,
        ..
    } = r;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if code > 0 {
        out.note(format!("skipped {code} code block{}", plural(code)));
    }
    if html > 0 {
        out.note(format!("skipped {html} HTML block{}", plural(html)));
    }
    if front {
        out.note("skipped the front matter");
    }
    Ok(out.build())
}

/// Whether the text writes curly quotes, dashes and ellipses in ASCII
/// (`"…"`, `'`, `--`, `---`, `...`), as pandoc's Markdown does (its
/// `smart` extension, on by default: `pandoc page.html -o page.md`
/// writes "–" as `--`, "’" as `'`, and escapes the straight ones, `\'`).
/// A text holding any of those characters itself was written by a tool
/// or a person that types them (CommonMark, GitHub Markdown), and its
/// ASCII marks are meant as they are.
fn writes_typography_in_ascii(text: &str) -> bool {
    !text.contains([
        '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{2013}', '\u{2014}', '\u{2026}',
    ])
}

/// The state of a read.
struct Reader {
    out: DocumentBuilder,
    /// The text of the block being read.
    text: String,
    /// The kinds of the open blocks (`None`: a container whose text is a
    /// paragraph unless an outer block gives it a kind).
    blocks: Vec<Option<BlockKind>>,
    /// Footnote definitions open.
    footnote: usize,
    /// Skipped blocks open (code, HTML, front matter).
    skipping: usize,
    /// Code and HTML blocks skipped.
    code: usize,
    html: usize,
    /// Whether front matter was skipped.
    front: bool,
}

impl Reader {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            _ if self.skipping > 0 => {}
            Event::Text(t) | Event::Code(t) => self.text.push_str(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text.push_str(&t),
            Event::SoftBreak => self.text.push(' '),
            Event::HardBreak => self.text.push('\n'),
            Event::InlineHtml(h) => {
                let tag = h.trim().to_ascii_lowercase();
                if matches!(tag.as_str(), "<br>" | "<br/>" | "<br />") {
                    self.text.push('\n');
                }
            }
            Event::Rule => self.flush(),
            Event::Html(_) | Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        let kind = match tag {
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                if self.skipping == 0 {
                    self.flush();
                    match tag {
                        Tag::CodeBlock(_) => self.code += 1,
                        Tag::HtmlBlock => self.html += 1,
                        _ => self.front = true,
                    }
                }
                self.skipping += 1;
                return;
            }
            Tag::Heading { level, .. } => Some(BlockKind::Heading { level: level as u8 }),
            Tag::Item | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                Some(BlockKind::ListItem)
            }
            Tag::TableCell => Some(BlockKind::TableCell),
            Tag::FootnoteDefinition(_) => Some(BlockKind::Footnote),
            Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::DefinitionList
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow => None,
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => return,
        };
        if self.skipping > 0 {
            return;
        }
        self.flush();
        if kind == Some(BlockKind::Footnote) {
            self.footnote += 1;
        }
        self.blocks.push(kind);
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                self.skipping = self.skipping.saturating_sub(1);
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => {}
            _ if self.skipping > 0 => {}
            _ => {
                self.flush();
                if self.blocks.pop().flatten() == Some(BlockKind::Footnote) {
                    self.footnote = self.footnote.saturating_sub(1);
                }
            }
        }
    }

    /// Ends the block being read.
    fn flush(&mut self) {
        if self.text.trim().is_empty() {
            self.text.clear();
            return;
        }
        let kind = if self.footnote > 0 {
            BlockKind::Footnote
        } else {
            self.blocks
                .iter()
                .rev()
                .find_map(|&k| k)
                .unwrap_or(BlockKind::Paragraph)
        };
        let text: Vec<String> = self
            .text
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        self.out.push(kind, &text.join("\n"));
        self.text.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(md: &str) -> (Vec<(BlockKind, String)>, Vec<String>) {
        let doc = read(md.as_bytes().to_vec(), None, None).unwrap();
        let blocks = doc
            .blocks
            .iter()
            .map(|b| (b.kind, doc.block_text(b).to_string()))
            .collect();
        (blocks, doc.notes)
    }

    use BlockKind::{Footnote, Heading, ListItem, Paragraph, TableCell};

    #[test]
    fn blocks_and_their_kinds() {
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            (
                "# Title {#top}\n\nOne *two*\nthree.\n\nSetext\n------",
                &[
                    (Heading { level: 1 }, "Title"),
                    (Paragraph, "One two three."),
                    (Heading { level: 2 }, "Setext"),
                ],
            ),
            (
                "- tight item\n- [link text](http://x.org \"t\") and ![alt text](a.png)\n\n1. loose\n\n   second para\n",
                &[
                    (ListItem, "tight item"),
                    (ListItem, "link text and alt text"),
                    (ListItem, "loose"),
                    (ListItem, "second para"),
                ],
            ),
            (
                "| A | B |\n|---|---|\n| `c` | **d** |\n",
                &[(TableCell, "A"), (TableCell, "B"), (TableCell, "c"), (TableCell, "d")],
            ),
            (
                "> Quoted\n> text.\n>\n> - item in quote\n",
                &[(Paragraph, "Quoted text."), (ListItem, "item in quote")],
            ),
            (
                "Line one  \nline two\\\nline three<br>four\n",
                &[(Paragraph, "Line one\nline two\nline three\nfour")],
            ),
            (
                "Text with a note.[^1]\n\n[^1]: The note, with a list:\n\n    - in it\n",
                &[(Paragraph, "Text with a note."), (Footnote, "The note, with a list:"), (Footnote, "in it")],
            ),
            (
                "- [x] done\n- [ ] ~~struck~~ kept\n",
                &[(ListItem, "done"), (ListItem, "struck kept")],
            ),
            (
                "Term\n: Definition.\n",
                &[(ListItem, "Term"), (ListItem, "Definition.")],
            ),
            ("Before\n\n---\n\nAfter\n", &[(Paragraph, "Before"), (Paragraph, "After")]),
            ("Some <span>inline</span> html.", &[(Paragraph, "Some inline html.")]),
            ("&eacute;t&#233; &amp; \\*x\\*", &[(Paragraph, "été & *x*")]),
        ];
        for (md, want) in cases {
            let (got, _) = blocks(md);
            let want: Vec<(BlockKind, String)> =
                want.iter().map(|(k, t)| (*k, t.to_string())).collect();
            assert_eq!(got, want, "{md:?}");
        }
    }

    #[test]
    fn ascii_typography_is_read_as_pandoc_writes_it_unless_the_text_types_its_own() {
        // pandoc -t markdown of 'He said "hi" -- it's – ok… and “curly” ‘single’ — em... done'.
        let pandoc =
            "He said \\\"hi\\\" \\-- it\\'s -- ok... and \"curly\" 'single' --- em\\... done";
        assert_eq!(
            blocks(pandoc).0,
            [(
                Paragraph,
                "He said \"hi\" -- it's \u{2013} ok\u{2026} and \u{201c}curly\u{201d} \u{2018}single\u{2019} \u{2014} em... done".to_string()
            )]
        );
        // pandoc -t gfm of the same: typed as it is.
        let gfm = "He said \"hi\" -- it's \u{2013} ok\u{2026} and \u{201c}curly\u{201d}";
        assert_eq!(blocks(gfm).0, [(Paragraph, gfm.to_string())]);
    }

    #[test]
    fn code_html_and_front_matter_are_skipped_with_a_note() {
        let md = "---\ntitle: Front\n---\n\n# Head\n\n```rust\nlet x = 1;\n```\n\n    indented code\n\n<div>\nraw html\n</div>\n\nBody.\n";
        let (got, notes) = blocks(md);
        assert_eq!(
            got,
            [
                (Heading { level: 1 }, "Head".to_string()),
                (Paragraph, "Body.".to_string())
            ]
        );
        assert_eq!(
            notes,
            [
                "skipped 2 code blocks",
                "skipped 1 HTML block",
                "skipped the front matter"
            ]
        );
    }

    #[test]
    fn deep_nesting_and_empty_input_read_sanely() {
        let (got, _) = blocks(&(">".repeat(100_000) + " deep"));
        assert_eq!(got, [(Paragraph, "deep".to_string())]);
        let (got, _) = blocks(&("[".repeat(100_000) + "x" + &"]".repeat(100_000)));
        assert_eq!(got.len(), 1);
        let (got, _) = blocks(&"- ".repeat(50_000));
        assert!(got.is_empty());
        assert!(blocks("").0.is_empty());
        assert!(blocks("```\nonly code\n```").0.is_empty());
    }
}
