//! Document readers: bytes to an ordered list of typed blocks of text.
//!
//! `ura-doc` is the one door through which every input reaches ura: it
//! decodes plain text (UTF-8, UTF-16, or a legacy encoding, named or
//! detected: [`decode_auto`]) and reads structured documents into a
//! [`Document`]: its text, and its blocks in reading order, each with its
//! [`BlockKind`] (heading, paragraph, list item, table cell, caption,
//! footnote, subtitle cue). The format is found from the content
//! ([`sniff_format`]: zip containers by their parts, HTML by its start,
//! PDF by `%PDF`, subtitles by their timing lines), the file extension
//! breaking ties, or forced with [`DocReader::format`].
//!
//! ```
//! use ura_doc::{BlockKind, DocReader, Format};
//! let doc = DocReader::new().read(b"Hello world.\n\nA second paragraph.".to_vec()).unwrap();
//! assert_eq!(doc.format, Format::Text);
//! // Plain text is one block; the splitter finds its paragraphs.
//! assert_eq!(doc.blocks.len(), 1);
//! assert_eq!(doc.blocks[0].kind, BlockKind::Text);
//! assert_eq!(doc.block_text(&doc.blocks[0]), "Hello world.\n\nA second paragraph.");
//! ```
//!
//! ## DOCX and ODT
//!
//! Word (`.docx`, `.docm`, `.dotx`), OpenDocument text (`.odt`) and flat
//! OpenDocument (`.fodt`) files are read as their producer shows them,
//! with tracked changes accepted: one block per paragraph (a heading by
//! its outline level or heading style, whatever the language of the style
//! ids; a caption by the Caption style; a list item by its numbering), one
//! per table cell (its paragraphs joined by line breaks; a nested table
//! splits it in document order), and the footnotes and endnotes a block
//! cites, then the text boxes it holds, right after it (so a note never
//! cuts its anchoring sentence, and lands where the translation's does).
//! Runs join with nothing between them; line breaks stay line breaks, a
//! page break is a space. Field codes, deleted and hidden text, comments,
//! and page headers and footers are left out, each with a note
//! ([`Document::notes`]) when the document has any. A document with no
//! text in its body is a [`DocError::NoText`].
//!
//! ## Limits
//!
//! Zip containers are read part by part through a counting reader, never
//! trusting the sizes the archive declares: a part may inflate to at most
//! [`limits::MAX_PART`] (128 MiB), the parts read from one file to
//! [`limits::MAX_TOTAL`] (256 MiB) together, and past its first
//! [`limits::RATIO_FLOOR`] (8 MiB) a part may not have inflated to more
//! than [`limits::MAX_RATIO`] (200) times the compressed bytes read for
//! it; over any of them the file is a [`DocError::TooLarge`]. Parts are streamed to the
//! XML parser, not inflated whole. XML with a DOCTYPE is refused (no
//! office program writes one; entity declarations are how "billion laughs"
//! and external-entity attacks work), an undefined entity is an error,
//! and elements may nest at most [`limits::MAX_DEPTH`] (1000) deep.
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]

mod blocks;
mod decode;
mod docx;
mod html;
mod markdown;
mod odt;
mod pdf;
mod sniff;
mod subtitle;
mod xml;
mod zipread;

use std::ops::Range;

pub use decode::{
    decode, decode_auto, decode_auto_hinted, decode_owned, decode_with, tld_for_language,
    DecodeError, Decoded,
};

/// The limits office documents are read under (see the crate docs).
pub mod limits {
    pub use crate::xml::MAX_DEPTH;
    pub use crate::zipread::{MAX_PART, MAX_RATIO, MAX_TOTAL, RATIO_FLOOR};
}

pub use sniff::sniff_format;

/// A document format ura reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (any encoding; paragraphs by blank lines).
    Text,
    /// Word (Office Open XML) `.docx`.
    Docx,
    /// OpenDocument text `.odt`.
    Odt,
    /// HTML or XHTML.
    Html,
    /// Markdown (CommonMark with GitHub tables).
    Markdown,
    /// PDF with a text layer.
    Pdf,
    /// SubRip subtitles `.srt`.
    Srt,
    /// WebVTT subtitles `.vtt`.
    WebVtt,
}

impl Format {
    /// Every format, in the order of [`Format::name`]'s list.
    pub const ALL: [Format; 8] = [
        Format::Text,
        Format::Docx,
        Format::Odt,
        Format::Html,
        Format::Markdown,
        Format::Pdf,
        Format::Srt,
        Format::WebVtt,
    ];

    /// The format's short name (`text`, `docx`, `odt`, `html`, `markdown`,
    /// `pdf`, `srt`, `vtt`), as `--from` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Pdf => "pdf",
            Format::Srt => "srt",
            Format::WebVtt => "vtt",
        }
    }

    /// The format a name or file extension stands for (`md`, `htm`,
    /// `xhtml`, `txt`, `webvtt` included), case-insensitively.
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Format::Text,
            "docx" | "docm" | "dotx" => Format::Docx,
            "odt" | "ott" | "fodt" => Format::Odt,
            "html" | "htm" | "xhtml" | "xht" => Format::Html,
            "markdown" | "md" | "mkd" | "mdown" => Format::Markdown,
            "pdf" => Format::Pdf,
            "srt" => Format::Srt,
            "vtt" | "webvtt" => Format::WebVtt,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a block of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// Plain text: its paragraphs and line breaks are read by the
    /// splitter's line mode (blank lines end paragraphs).
    Text,
    /// A heading, level 1 (the highest) to 9.
    Heading {
        /// 1 for a title or top-level heading.
        level: u8,
    },
    /// A body paragraph.
    Paragraph,
    /// An item of a list.
    ListItem,
    /// A cell of a table.
    TableCell,
    /// A caption of a figure or table.
    Caption,
    /// A footnote or an endnote.
    Footnote,
    /// A subtitle cue, shown from `start_ms` to `end_ms` (milliseconds).
    Cue {
        /// Start time in milliseconds.
        start_ms: u64,
        /// End time in milliseconds.
        end_ms: u64,
    },
}

impl BlockKind {
    /// A short name of the kind (`text`, `heading`, `paragraph`,
    /// `list-item`, `table-cell`, `caption`, `footnote`, `cue`), as
    /// outputs carry it.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Text => "text",
            BlockKind::Heading { .. } => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list-item",
            BlockKind::TableCell => "table-cell",
            BlockKind::Caption => "caption",
            BlockKind::Footnote => "footnote",
            BlockKind::Cue { .. } => "cue",
        }
    }
}

/// One block of a document: its kind and its byte span in
/// [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text's byte range in [`Document::text`].
    pub span: Range<usize>,
}

/// A document read into blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The format it was read as.
    pub format: Format,
    /// The text of every block, in order, blocks separated by a blank
    /// line (for plain text: the decoded input itself).
    pub text: String,
    /// The blocks in reading order; none is empty.
    pub blocks: Vec<Block>,
    /// The encoding the text was decoded from (`UTF-8`, `windows-1252`,
    /// …; for container formats, that of their XML parts).
    pub encoding: &'static str,
    /// Whether that encoding was detected rather than known (see
    /// [`decode_auto`]); a caller should say so.
    pub encoding_detected: bool,
    /// Things the reader left out or could not read, for the user (one
    /// line each, without a prefix).
    pub notes: Vec<String>,
}

impl Document {
    /// The text of a block of this document.
    pub fn block_text(&self, block: &Block) -> &str {
        self.text.get(block.span.clone()).unwrap_or_default()
    }

    /// Whether the document holds no text at all (no block, or blocks of
    /// whitespace only).
    pub fn is_blank(&self) -> bool {
        self.blocks
            .iter()
            .all(|b| self.block_text(b).trim().is_empty())
    }
}

/// Builds a [`Document`] block by block, as format readers do: blocks are
/// trimmed, empty ones dropped, and each is separated from the previous
/// by a blank line.
#[derive(Debug)]
pub struct DocumentBuilder {
    doc: Document,
}

impl DocumentBuilder {
    /// An empty document of `format`, decoded from `encoding`.
    pub fn new(format: Format, encoding: &'static str) -> Self {
        DocumentBuilder {
            doc: Document {
                format,
                text: String::new(),
                blocks: Vec::new(),
                encoding,
                encoding_detected: false,
                notes: Vec::new(),
            },
        }
    }

    /// Adds a block of `kind` with `text` (trimmed; nothing is added when
    /// it is blank).
    pub fn push(&mut self, kind: BlockKind, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.doc.text.is_empty() {
            self.doc.text.push_str("\n\n");
        }
        let start = self.doc.text.len();
        self.doc.text.push_str(text);
        self.doc.blocks.push(Block {
            kind,
            span: start..self.doc.text.len(),
        });
    }

    /// Adds a note for the user (something left out or unreadable).
    pub fn note(&mut self, note: impl Into<String>) {
        self.doc.notes.push(note.into());
    }

    /// Marks the encoding as detected rather than known.
    pub fn encoding_detected(&mut self, detected: bool) {
        self.doc.encoding_detected = detected;
    }

    /// The document.
    pub fn build(self) -> Document {
        self.doc
    }
}

/// Why a document could not be read. Every message says what is wrong
/// and, where there is one, what to do; the caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocError {
    /// Text that could not be decoded.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A format ura recognises but does not read, and what to do instead.
    #[error("{0}")]
    Unsupported(String),
    /// A damaged file: what is wrong with it.
    #[error("{0}")]
    Corrupt(String),
    /// A file or a part of it over a safety limit (zip bombs, nesting).
    #[error("{0}")]
    TooLarge(String),
    /// An encrypted or password-protected file.
    #[error("{0}")]
    Encrypted(String),
    /// A document with no text to read (a scanned PDF, say).
    #[error("{0}")]
    NoText(String),
}

/// Reads documents: [`DocReader::read`] takes a file's bytes and gives a
/// [`Document`].
#[derive(Debug, Clone, Default)]
pub struct DocReader {
    format: Option<Format>,
    encoding: Option<String>,
    extension: Option<String>,
    keep_chrome: bool,
    language: Option<String>,
}

impl DocReader {
    /// A reader with the defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads every input as `format`. By default, the format is found
    /// from the content, the extension breaking ties ([`sniff_format`]).
    pub fn format(&mut self, format: Option<Format>) -> &mut Self {
        self.format = format;
        self
    }

    /// The encoding of text input (a WHATWG label such as `windows-1252`);
    /// a byte-order mark still wins. By default, UTF-8 unless a
    /// byte-order mark or the bytes say otherwise ([`decode_auto`]).
    pub fn encoding(&mut self, label: Option<&str>) -> &mut Self {
        self.encoding = label.map(str::to_string);
        self
    }

    /// The input's file extension (without the dot), a tie-breaker for
    /// the format. By default, none.
    pub fn extension(&mut self, ext: Option<&str>) -> &mut Self {
        self.extension = ext.map(str::to_ascii_lowercase);
        self
    }

    /// Whether to keep the page chrome of web pages. By default, off: a
    /// page with a `main` (or else `article`s) is read from those only,
    /// and without the `nav`, `aside` and `form` inside them (an
    /// article's own `header` and `footer`, with its title, stay); a page
    /// with neither is read whole either way.
    pub fn keep_chrome(&mut self, yes: bool) -> &mut Self {
        self.keep_chrome = yes;
        self
    }

    /// The language of the input, if known, as a hint to the detection of
    /// legacy encodings ([`decode_auto_hinted`]). By default, none.
    pub fn language(&mut self, lang: Option<&str>) -> &mut Self {
        self.language = lang.map(str::to_string);
        self
    }

    /// Reads a document from its bytes.
    pub fn read(&self, bytes: Vec<u8>) -> Result<Document, DocError> {
        let format = match self.format {
            Some(f) => f,
            None => sniff_format(&bytes, self.extension.as_deref())?,
        };
        match format {
            Format::Text => self.read_text(bytes),
            Format::Html => html::read(
                bytes,
                (self.encoding.as_deref(), self.language.as_deref()),
                self.keep_chrome,
            ),
            Format::Markdown => {
                markdown::read(bytes, self.encoding.as_deref(), self.language.as_deref())
            }
            Format::Docx => docx::read(&bytes),
            Format::Odt => odt::read(&bytes),
            Format::Pdf => pdf::read(bytes),
            Format::Srt | Format::WebVtt => {
                let decoded =
                    decode_auto_hinted(bytes, self.encoding.as_deref(), self.language.as_deref())?;
                let mut doc = subtitle::read(&decoded.text, format, decoded.encoding)?;
                doc.encoding_detected = decoded.detected;
                Ok(doc)
            }
        }
    }

    /// Plain text: one [`BlockKind::Text`] block holding the decoded
    /// input (none when it is empty).
    fn read_text(&self, bytes: Vec<u8>) -> Result<Document, DocError> {
        let decoded =
            decode_auto_hinted(bytes, self.encoding.as_deref(), self.language.as_deref())?;
        let blocks = if decoded.text.is_empty() {
            Vec::new()
        } else {
            vec![Block {
                kind: BlockKind::Text,
                span: 0..decoded.text.len(),
            }]
        };
        Ok(Document {
            format: Format::Text,
            text: decoded.text,
            blocks,
            encoding: decoded.encoding,
            encoding_detected: decoded.detected,
            notes: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name("MD"), Some(Format::Markdown));
        assert_eq!(Format::from_name("doc"), None);
    }

    #[test]
    fn the_builder_trims_and_separates_blocks() {
        let mut b = DocumentBuilder::new(Format::Html, "UTF-8");
        b.push(BlockKind::Heading { level: 1 }, "  Title ");
        b.push(BlockKind::Paragraph, " \n ");
        b.push(BlockKind::Paragraph, "Body.");
        let doc = b.build();
        assert_eq!(doc.text, "Title\n\nBody.");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
        assert_eq!(texts, ["Title", "Body."]);
        assert!(!doc.is_blank());
    }

    #[test]
    fn empty_text_has_no_blocks() {
        let doc = DocReader::new().read(Vec::new()).unwrap();
        assert!(doc.blocks.is_empty() && doc.is_blank());
        let doc = DocReader::new().read(b" \n\n ".to_vec()).unwrap();
        assert!(doc.is_blank());
    }
}
