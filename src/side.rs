//! One side of a pair: a document read, split into sentences, with the
//! structure the aligner and the outputs use.

use std::path::Path;

use anyhow::Result;
use ura_doc::{BlockKind, Document};

use crate::input::{self, ReadOptions};

/// A sentence of a document: its byte span in [`Document::text`], its
/// paragraph (a running count over the blocks) and its block's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DocSentence {
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
pub(crate) fn split_document(
    doc: &Document,
    lang: &str,
    mode: ura_segment::LineMode,
) -> Vec<DocSentence> {
    let splitter = ura_segment::Segmenter::new(lang);
    let mut out = Vec::new();
    let mut next_paragraph = 0;
    for block in &doc.blocks {
        let block_mode = if block.kind == BlockKind::Text {
            mode
        } else {
            ura_segment::LineMode::Lines
        };
        let text = doc.block_text(block);
        let segments = splitter.line_mode(block_mode).segment(text);
        let first = next_paragraph;
        for s in &segments {
            out.push(DocSentence {
                start: block.span.start + s.start,
                end: block.span.start + s.end,
                paragraph: first + s.paragraph,
                kind: block.kind,
            });
            next_paragraph = first + s.paragraph + 1;
        }
    }
    out
}

/// One side of the pair, split into sentences.
pub(crate) struct SideText {
    /// Language code as given (or `und`).
    pub lang: String,
    /// Normalised sentences.
    pub sentences: Vec<String>,
    /// Paragraph of each sentence.
    pub paragraphs: Vec<usize>,
}

impl SideText {
    /// The sentences of `doc` in `lang` (empty: unknown, written `und`).
    pub fn from_document(doc: &Document, lang: String, mode: ura_segment::LineMode) -> SideText {
        let split = split_document(doc, &lang, mode);
        SideText {
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
        }
    }

    /// The sentences, for the aligner.
    pub fn as_sentences(&self) -> Vec<ura_align::Sentence<'_>> {
        self.sentences
            .iter()
            .zip(&self.paragraphs)
            .map(|(t, &p)| ura_align::Sentence::new(t, p))
            .collect()
    }
}

/// Reads, decodes and splits both sides of a pair, with their language
/// flags.
pub(crate) fn split_pair(
    (src, tgt): (&Path, &Path),
    (src_lang, tgt_lang): (Option<&str>, Option<&str>),
    opts: &ReadOptions,
) -> Result<(SideText, SideText)> {
    Ok((
        split_side(src, (src_lang, "--src-lang"), "the source", opts)?,
        split_side(tgt, (tgt_lang, "--tgt-lang"), "the target", opts)?,
    ))
}

/// Reads, decodes and splits one side.
fn split_side(
    path: &Path,
    lang_flag: (Option<&str>, &str),
    what: &str,
    opts: &ReadOptions,
) -> Result<SideText> {
    let doc = input::read(Some(path), opts)?;
    let lang = input::language(lang_flag, Some(path), what, opts.mode);
    Ok(SideText::from_document(&doc, lang, opts.mode))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ura_doc::{DocumentBuilder, Format};

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
}
