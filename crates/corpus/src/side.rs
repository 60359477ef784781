//! One side of a pair: a document split into sentences, with the
//! structure the aligner and the outputs use.

use ura_doc::{BlockKind, Document};

/// A sentence of a document: its byte span in [`Document::text`], its
/// paragraph (a running count over the blocks) and its block's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocSentence {
    /// Byte offset of its first byte in the document's text.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Paragraph index, from 0, counting only paragraphs that hold a
    /// sentence.
    pub paragraph: usize,
    /// The kind of the block it comes from.
    pub kind: BlockKind,
}

/// Splits every block of `doc` into sentences: plain-text blocks with
/// `mode`, the blocks of structured documents with line breaks ending
/// sentences ([`ura_segment::LineMode::Lines`]). Each block starts a
/// paragraph.
pub fn split_document(doc: &Document, lang: &str, mode: ura_segment::LineMode) -> Vec<DocSentence> {
    let mut out = Vec::new();
    split_document_each(doc, lang, mode, |s| out.push(s));
    out
}

/// [`split_document`], handing each sentence to `emit` as soon as it is
/// found instead of collecting them (`ura split` prints them so, in memory
/// that does not grow with the number of sentences).
pub fn split_document_each(
    doc: &Document,
    lang: &str,
    mode: ura_segment::LineMode,
    mut emit: impl FnMut(DocSentence),
) {
    let splitter = ura_segment::Segmenter::new(lang);
    let mut next_paragraph = 0;
    for block in &doc.blocks {
        let block_mode = if block.kind == BlockKind::Text {
            mode
        } else {
            ura_segment::LineMode::Lines
        };
        let text = doc.block_text(block);
        let first = next_paragraph;
        splitter.line_mode(block_mode).segment_each(text, |s| {
            emit(DocSentence {
                start: block.span.start + s.start,
                end: block.span.start + s.end,
                paragraph: first + s.paragraph,
                kind: block.kind,
            });
            next_paragraph = first + s.paragraph + 1;
        });
    }
}

/// One side of the pair, split into sentences.
pub struct Side {
    /// Language code as given (or `und`).
    pub lang: String,
    /// Normalised sentences.
    pub sentences: Vec<String>,
    /// Paragraph of each sentence.
    pub paragraphs: Vec<usize>,
    /// Where each sentence starts, for messages: a 1-based line number of
    /// plain text, else a 1-based block (paragraph) number.
    pub locations: Vec<usize>,
    /// What [`Side::locations`] count: `line` or `paragraph`.
    pub location_unit: &'static str,
    /// The kind of block each sentence comes from.
    pub kinds: Vec<BlockKind>,
}

impl Side {
    /// The sentences of `doc` in `lang` (empty: unknown, written `und`).
    pub fn from_document(doc: &Document, lang: String, mode: ura_segment::LineMode) -> Side {
        let split = split_document(doc, &lang, mode);
        let plain = doc.format == ura_doc::Format::Text;
        let locations = if plain {
            line_numbers(&doc.text, split.iter().map(|s| s.start))
        } else {
            block_numbers(doc, split.iter().map(|s| s.start))
        };
        Side {
            lang: if lang.is_empty() {
                "und".to_string()
            } else {
                lang
            },
            sentences: split
                .iter()
                .map(|s| ura_segment::normalize(doc.text.get(s.start..s.end).unwrap_or_default()))
                .collect(),
            paragraphs: split.iter().map(|s| s.paragraph).collect(),
            locations,
            location_unit: if plain { "line" } else { "paragraph" },
            kinds: split.iter().map(|s| s.kind).collect(),
        }
    }

    /// The sentences, for the aligner.
    ///
    /// Each carries its block kind as a class (plain text has none) and,
    /// for subtitle cues, its time.
    pub fn as_sentences(&self) -> Vec<ura_align::Sentence<'_>> {
        use ura_align::Class;
        self.sentences
            .iter()
            .zip(&self.paragraphs)
            .zip(&self.kinds)
            .map(|((t, &p), &kind)| {
                let s = ura_align::Sentence::new(t, p);
                match kind {
                    BlockKind::Text => s,
                    BlockKind::Heading { .. } => s.with_class(Class::Heading),
                    BlockKind::Paragraph => s.with_class(Class::Body),
                    BlockKind::ListItem => s.with_class(Class::ListItem),
                    BlockKind::TableCell => s.with_class(Class::TableCell),
                    BlockKind::Caption => s.with_class(Class::Caption),
                    BlockKind::Footnote => s.with_class(Class::Footnote),
                    BlockKind::Cue { start_ms, end_ms } => {
                        s.with_class(Class::Cue).with_time(start_ms, end_ms)
                    }
                }
            })
            .collect()
    }
}

/// How a block kind is named in outputs (`heading-2`, `list-item`), or
/// `None` for plain text, which has no kinds to tell.
pub fn block_label(kind: BlockKind) -> Option<String> {
    match kind {
        BlockKind::Text => None,
        BlockKind::Heading { level } => Some(format!("heading-{level}")),
        other => Some(other.name().to_string()),
    }
}

/// The 1-based line of each offset of `text` (offsets in order).
fn line_numbers(text: &str, offsets: impl Iterator<Item = usize>) -> Vec<usize> {
    let (mut line, mut at) = (1, 0);
    offsets
        .map(|offset| {
            let upto = offset.max(at);
            let between = text.as_bytes().get(at..upto).unwrap_or_default();
            line += between.iter().filter(|&&b| b == b'\n').count();
            at = upto;
            line
        })
        .collect()
}

/// The 1-based number of the block holding each offset (offsets in
/// order).
fn block_numbers(doc: &Document, offsets: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut block = 0;
    offsets
        .map(|offset| {
            while doc.blocks.get(block).is_some_and(|b| b.span.end <= offset) {
                block += 1;
            }
            block + 1
        })
        .collect()
}

impl Side {
    /// A side from sentences already split (one per item, normalised as
    /// [`Side::from_document`] normalises them), with their paragraph
    /// indices (non-decreasing; by default all in paragraph 0, as the
    /// lines of a `--presegmented` text without blank lines), in `lang`
    /// (empty: unknown, written `und`).
    pub fn from_sentences(
        lang: String,
        sentences: Vec<String>,
        paragraphs: Option<Vec<usize>>,
    ) -> Side {
        let n = sentences.len();
        Side {
            lang: if lang.is_empty() {
                "und".to_string()
            } else {
                lang
            },
            paragraphs: paragraphs.unwrap_or_else(|| vec![0; n]),
            locations: (1..=n).collect(),
            location_unit: "sentence",
            kinds: vec![BlockKind::Text; n],
            sentences: sentences
                .iter()
                .map(|s| ura_segment::normalize(s))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ura_doc::{DocumentBuilder, Format};

    #[test]
    fn block_kinds_reach_the_aligner_as_classes_and_times() {
        let mut b = DocumentBuilder::new(Format::Srt, "UTF-8");
        b.push(BlockKind::Heading { level: 2 }, "Title");
        b.push(BlockKind::TableCell, "Cell.");
        b.push(
            BlockKind::Cue {
                start_ms: 1000,
                end_ms: 2500,
            },
            "Hello. Bye.",
        );
        let side = Side::from_document(&b.build(), "en".into(), ura_segment::LineMode::Lines);
        let got: Vec<_> = side
            .as_sentences()
            .iter()
            .map(|s| (s.text, s.class, s.time))
            .collect();
        use ura_align::Class;
        assert_eq!(
            got,
            [
                ("Title", Some(Class::Heading), None),
                ("Cell.", Some(Class::TableCell), None),
                ("Hello.", Some(Class::Cue), Some((1000, 2500))),
                ("Bye.", Some(Class::Cue), Some((1000, 2500))),
            ]
        );
        let text = ura_doc::DocReader::new().read(b"One.".to_vec()).unwrap();
        let side = Side::from_document(&text, "en".into(), ura_segment::LineMode::Lines);
        assert_eq!(side.as_sentences()[0].class, None);
    }

    #[test]
    fn blocks_are_paragraphs_and_spans_point_into_the_document() {
        let mut b = DocumentBuilder::new(Format::Html, "UTF-8");
        b.push(BlockKind::Heading { level: 1 }, "A title");
        b.push(BlockKind::Paragraph, "One. Two.\nThree");
        b.push(BlockKind::ListItem, "Four.");
        let doc = b.build();
        let split = split_document(&doc, "en", ura_segment::LineMode::Wrapped);
        let got: Vec<(&str, usize, BlockKind)> = split
            .iter()
            .map(|s| (&doc.text[s.start..s.end], s.paragraph, s.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("A title", 0, BlockKind::Heading { level: 1 }),
                ("One.", 1, BlockKind::Paragraph),
                // A line break inside a block ends a sentence, whatever
                // the mode for plain text.
                ("Two.", 1, BlockKind::Paragraph),
                ("Three", 1, BlockKind::Paragraph),
                ("Four.", 2, BlockKind::ListItem),
            ]
        );
    }

    #[test]
    fn plain_text_paragraphs_follow_the_line_mode() {
        let doc = ura_doc::DocReader::new()
            .read(b"One\ntwo.\n\nThree.".to_vec())
            .unwrap();
        let lines = split_document(&doc, "en", ura_segment::LineMode::Lines);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2].paragraph, 1);
        let wrapped = split_document(&doc, "en", ura_segment::LineMode::Wrapped);
        assert_eq!(wrapped.len(), 2);
    }

    #[test]
    fn sentences_given_as_a_list_are_the_lines_of_a_presegmented_text() {
        let doc = ura_doc::DocReader::new()
            .read(b"One  two.\nThree.".to_vec())
            .unwrap();
        let read = Side::from_document(&doc, "en".into(), ura_segment::LineMode::Presegmented);
        let given =
            Side::from_sentences("en".into(), vec!["One  two.".into(), "Three.".into()], None);
        assert_eq!(given.sentences, read.sentences);
        assert_eq!(given.paragraphs, read.paragraphs);
        let split = Side::from_sentences(
            String::new(),
            vec!["A".into(), "B".into()],
            Some(vec![0, 1]),
        );
        assert_eq!((split.lang.as_str(), split.paragraphs), ("und", vec![0, 1]));
    }
}
