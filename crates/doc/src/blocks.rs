//! Blocks from the paragraphs, table cells, notes and text boxes of
//! office documents (DOCX and ODT share it).
//!
//! A format's reader calls [`Sink`] as elements open and close; the sink
//! keeps document order:
//! - a paragraph outside a table is a block of its own kind;
//! - a table cell is one block: its paragraphs joined by line breaks. A
//!   table nested in a cell splits it: the text before the inner table,
//!   each inner cell, then the text after it, in that order;
//! - a note or a text box is a scope of its own, read where it is
//!   anchored but placed after the block that anchors it (the paragraph
//!   or cell that cites the footnote or holds the text box), so that the
//!   anchoring sentence is not cut in two. Every block of a note is a
//!   [`BlockKind::Footnote`].

use crate::{BlockKind, DocError, Document, DocumentBuilder, Format};

/// A block as the sink gives it: its kind and its text.
pub(crate) type Piece = (BlockKind, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Para,
    Cell,
}

#[derive(Debug)]
struct Frame {
    role: Role,
    kind: BlockKind,
    text: String,
    /// A paragraph began inside this cell: a line break comes before the
    /// next text, if the cell has text already.
    sep: bool,
    /// The paragraph mark was deleted (a tracked change): the next
    /// paragraph continues this one.
    joinable: bool,
    /// Blocks anchored in this one (notes, text boxes), placed after it.
    after: Vec<Piece>,
}

#[derive(Debug, Default)]
struct Scope {
    /// The kind every block of this scope takes (notes).
    force: Option<BlockKind>,
    frames: Vec<Frame>,
    blocks: Vec<Piece>,
}

impl Scope {
    /// Emits `frame`'s text so far and what is anchored in it.
    fn flush(&mut self, top: usize) {
        let force = self.force;
        let Some(frame) = self.frames.get_mut(top) else {
            return;
        };
        let text = tidy(&std::mem::take(&mut frame.text));
        let after = std::mem::take(&mut frame.after);
        let kind = frame.kind;
        frame.sep = false;
        if !text.is_empty() {
            self.blocks.push((force.unwrap_or(kind), text));
        }
        self.blocks
            .extend(after.into_iter().map(|(k, t)| (force.unwrap_or(k), t)));
    }

    /// Pops the top frame, emitting it.
    fn pop(&mut self) -> Option<Role> {
        let top = self.frames.len().checked_sub(1)?;
        self.flush(top);
        self.frames.pop().map(|f| f.role)
    }

    fn push(&mut self, role: Role, kind: BlockKind) {
        if let Some(top) = self.frames.len().checked_sub(1) {
            self.flush(top);
        }
        self.frames.push(Frame {
            role,
            kind,
            text: String::new(),
            sep: false,
            joinable: false,
            after: Vec::new(),
        });
    }

    /// Emits every open frame and gives the blocks.
    fn close(mut self) -> Vec<Piece> {
        while self.pop().is_some() {}
        self.blocks
    }
}

/// Collects the blocks of a document part (see the module docs).
#[derive(Debug)]
pub(crate) struct Sink {
    /// The body, then the notes and text boxes open inside it.
    scopes: Vec<Scope>,
}

impl Default for Sink {
    fn default() -> Self {
        Sink {
            scopes: vec![Scope::default()],
        }
    }
}

impl Sink {
    fn scope(&mut self) -> &mut Scope {
        if self.scopes.is_empty() {
            self.scopes.push(Scope::default());
        }
        let last = self.scopes.len() - 1;
        &mut self.scopes[last]
    }

    /// A paragraph of `kind` begins. Returns whether it is a block of
    /// its own (then [`Sink::end_para`] ends it); inside a table cell it
    /// is not, and its text joins the cell's.
    pub fn begin_para(&mut self, kind: BlockKind) -> bool {
        let scope = self.scope();
        match scope.frames.last_mut() {
            Some(f) if f.joinable => {
                f.joinable = false;
                f.role == Role::Para
            }
            Some(f) if f.role == Role::Cell => {
                f.sep = true;
                false
            }
            _ => {
                scope.push(Role::Para, kind);
                true
            }
        }
    }

    /// The kind of the paragraph begun last (known only after its
    /// properties are read).
    pub fn set_kind(&mut self, kind: BlockKind) {
        if let Some(f) = self.scope().frames.last_mut() {
            if f.role == Role::Para {
                f.kind = kind;
            }
        }
    }

    /// The paragraph begun with [`Sink::begin_para`] ends.
    pub fn end_para(&mut self) {
        let scope = self.scope();
        if scope.frames.last().is_some_and(|f| f.role == Role::Para) {
            scope.pop();
        }
    }

    /// The current paragraph's mark is deleted (a tracked change): the
    /// next paragraph continues it, with no break between them. Call
    /// instead of [`Sink::end_para`].
    pub fn join_next(&mut self) {
        if let Some(f) = self.scope().frames.last_mut() {
            f.joinable = true;
        }
    }

    /// A table cell begins.
    pub fn begin_cell(&mut self) {
        self.scope().push(Role::Cell, BlockKind::TableCell);
    }

    /// The innermost table cell ends.
    pub fn end_cell(&mut self) {
        let scope = self.scope();
        while let Some(role) = scope.pop() {
            if role == Role::Cell {
                break;
            }
        }
    }

    /// A note or a text box begins: its blocks go after the block that
    /// anchors it; all of kind `force` when given.
    pub fn begin_scope(&mut self, force: Option<BlockKind>) {
        self.scopes.push(Scope {
            force,
            ..Scope::default()
        });
    }

    /// The innermost note or text box ends.
    pub fn end_scope(&mut self) {
        if self.scopes.len() < 2 {
            return;
        }
        let blocks = self.take_scope();
        self.defer(blocks);
    }

    /// Ends the innermost note or text box and gives its blocks (instead
    /// of placing them, as [`Sink::end_scope`] does).
    pub fn take_scope(&mut self) -> Vec<Piece> {
        if self.scopes.len() < 2 {
            return Vec::new();
        }
        self.scopes.pop().map(Scope::close).unwrap_or_default()
    }

    /// Places `blocks` after the block being read (or next, when none
    /// is open).
    pub fn defer(&mut self, blocks: Vec<Piece>) {
        let scope = self.scope();
        match scope.frames.last_mut() {
            Some(f) => f.after.extend(blocks),
            None => scope.blocks.extend(blocks),
        }
    }

    /// Adds text to the open paragraph or cell (nothing when none is).
    pub fn text(&mut self, text: &str) {
        if let Some(f) = self.scope().frames.last_mut() {
            if f.sep {
                if !f.text.is_empty() {
                    f.text.push('\n');
                }
                f.sep = false;
            }
            f.text.push_str(text);
        }
    }

    /// Adds a character (see [`Sink::text`]).
    pub fn push(&mut self, c: char) {
        let mut tmp = [0u8; 4];
        self.text(c.encode_utf8(&mut tmp));
    }

    /// The blocks of the part, in order. A heading repeated right after
    /// itself is kept once: pandoc writes a document's title as a Title
    /// paragraph before the same text as the body's first heading.
    pub fn finish(mut self) -> Vec<Piece> {
        while self.scopes.len() > 1 {
            self.end_scope();
        }
        let blocks = self.scopes.pop().map(Scope::close).unwrap_or_default();
        let mut out: Vec<Piece> = Vec::with_capacity(blocks.len());
        for (kind, text) in blocks {
            let repeated = matches!(kind, BlockKind::Heading { .. })
                && out
                    .last()
                    .is_some_and(|(k, t)| matches!(k, BlockKind::Heading { .. }) && *t == text);
            if !repeated {
                out.push((kind, text));
            }
        }
        out
    }
}

/// The heading level of a built-in style name: "heading 1" to
/// "heading 9" (any case, space optional), "Title" 1, "Subtitle" 2.
pub(crate) fn level_by_name(name: &str) -> Option<u8> {
    let name = name.trim().to_ascii_lowercase();
    match name.as_str() {
        "title" => return Some(1),
        "subtitle" => return Some(2),
        _ => {}
    }
    let digits = name.strip_prefix("heading")?.trim_start();
    match digits.as_bytes() {
        [d @ b'1'..=b'9'] => Some(d - b'0'),
        _ => None,
    }
}

/// What a document held that its blocks leave out, for its notes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Seen {
    /// Tracked changes (read as accepted).
    pub tracked: bool,
    /// Hidden text with letters in it.
    pub hidden: bool,
    /// Page headers or footers with text.
    pub furniture: bool,
    /// Comments.
    pub comments: usize,
    /// Content in another format (DOCX `w:altChunk`) or subdocuments.
    pub alt_chunks: usize,
}

impl Seen {
    /// Adds what another part held.
    pub fn add(&mut self, other: Seen) {
        self.tracked |= other.tracked;
        self.hidden |= other.hidden;
        self.furniture |= other.furniture;
        self.comments += other.comments;
        self.alt_chunks += other.alt_chunks;
    }
}

/// The document of `format` from its blocks, with a note for each thing
/// left out; a document with no text is an error saying so.
pub(crate) fn document(format: Format, blocks: &[Piece], seen: Seen) -> Result<Document, DocError> {
    if blocks.iter().all(|(_, t)| t.trim().is_empty()) {
        let also = if seen.furniture {
            " (only its page headers or footers have some, and ura does not read them)"
        } else {
            ""
        };
        return Err(DocError::NoText(format!(
            "no text in this document{also}; nothing to align"
        )));
    }
    let mut doc = DocumentBuilder::new(format, "UTF-8");
    for (kind, text) in blocks {
        doc.push(*kind, text);
    }
    if seen.tracked {
        doc.note("tracked changes read as accepted (insertions kept, deletions left out)");
    }
    if seen.hidden {
        doc.note("hidden text left out");
    }
    if seen.furniture {
        doc.note("page headers and footers left out");
    }
    if seen.comments > 0 {
        doc.note(format!("{} comment(s) left out", seen.comments));
    }
    if seen.alt_chunks > 0 {
        doc.note(format!(
            "{} embedded part(s) in another format (altChunk, subdocument) left out; open and save the file in Word to merge them",
            seen.alt_chunks
        ));
    }
    Ok(doc.build())
}

/// A block's text with each line trimmed and blank lines dropped (a
/// block is one paragraph for the splitter; `\n` inside it is a line
/// break).
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::*;

    fn texts(blocks: &[Piece]) -> Vec<(BlockKind, &str)> {
        blocks.iter().map(|(k, t)| (*k, t.as_str())).collect()
    }

    #[test]
    fn cells_join_their_paragraphs_and_nested_tables_keep_order() {
        let mut s = Sink::default();
        assert!(s.begin_para(Paragraph));
        s.text("Before.");
        s.end_para();
        s.begin_cell();
        assert!(!s.begin_para(Paragraph));
        s.text("Outer ");
        assert!(!s.begin_para(Paragraph));
        s.text(" second line ");
        s.begin_cell();
        s.begin_para(Paragraph);
        s.text("Inner");
        s.end_cell();
        s.begin_para(Paragraph);
        s.text("After inner");
        s.end_cell();
        s.begin_cell();
        s.begin_para(Paragraph);
        s.end_cell();
        assert_eq!(
            texts(&s.finish()),
            [
                (Paragraph, "Before."),
                (TableCell, "Outer\nsecond line"),
                (TableCell, "Inner"),
                (TableCell, "After inner"),
            ]
        );
    }

    #[test]
    fn notes_and_text_boxes_follow_their_anchor() {
        let mut s = Sink::default();
        s.begin_para(Paragraph);
        s.text("A sentence");
        s.begin_scope(Some(Footnote));
        s.begin_para(Paragraph);
        s.text("The note.");
        s.end_para();
        s.end_scope();
        s.text(" goes on.");
        s.begin_scope(None);
        s.begin_para(Heading { level: 2 });
        s.text("Boxed");
        s.end_para();
        s.end_scope();
        s.set_kind(ListItem);
        s.end_para();
        assert_eq!(
            texts(&s.finish()),
            [
                (ListItem, "A sentence goes on."),
                (Footnote, "The note."),
                (Heading { level: 2 }, "Boxed"),
            ]
        );
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_the_next_paragraph() {
        let mut s = Sink::default();
        s.begin_para(Paragraph);
        s.text("One half ");
        s.join_next();
        assert!(s.begin_para(Paragraph));
        s.text("and the other.");
        s.end_para();
        s.begin_cell();
        s.begin_para(Paragraph);
        s.text("Cell ");
        s.join_next();
        s.begin_para(Paragraph);
        s.text("text");
        s.end_cell();
        assert_eq!(
            texts(&s.finish()),
            [
                (Paragraph, "One half and the other."),
                (TableCell, "Cell text")
            ]
        );
    }

    #[test]
    fn a_repeated_heading_is_kept_once() {
        let mut s = Sink::default();
        for (kind, text) in [
            (Heading { level: 1 }, "Title"),
            (Heading { level: 1 }, "Title"),
            (Paragraph, "Body."),
            (Paragraph, "Body."),
        ] {
            s.begin_para(kind);
            s.text(text);
            s.end_para();
        }
        assert_eq!(
            texts(&s.finish()),
            [
                (Heading { level: 1 }, "Title"),
                (Paragraph, "Body."),
                (Paragraph, "Body.")
            ]
        );
    }

    #[test]
    fn built_in_names() {
        for (name, want) in [
            ("heading 3", Some(3)),
            ("Heading3", Some(3)),
            ("Title", Some(1)),
            ("Subtitle", Some(2)),
            ("heading 10", None),
            ("Heading", None),
            ("headings 1", None),
        ] {
            assert_eq!(level_by_name(name), want, "{name}");
        }
    }

    #[test]
    fn unclosed_frames_are_emitted_and_text_outside_is_dropped() {
        let mut s = Sink::default();
        s.text("nowhere");
        s.begin_scope(None);
        s.begin_cell();
        s.text("open cell");
        assert_eq!(texts(&s.finish()), [(TableCell, "open cell")]);
        assert_eq!(tidy("  a \n\n \t\n b "), "a\nb");
    }
}
