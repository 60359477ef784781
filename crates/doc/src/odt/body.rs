//! The parts of an OpenDocument text (`styles.xml`, `content.xml`, or a
//! flat `.fodt` holding both): styles, then the body's events to blocks.
//!
//! - `text:h` is a heading of its `text:outline-level` (1 when absent);
//!   a `text:p` is one too when its style, along `style:parent-style-name`,
//!   has a `style:default-outline-level` or a heading's built-in name
//!   (LibreOffice writes a converted HTML `<h1>` as a paragraph styled
//!   "Heading 1"); a paragraph styled Caption (or a style based on it:
//!   Illustration, Table, Figure) is a caption; paragraphs in `text:list`
//!   are list items; each `table:table-cell` is a block.
//! - `text:note`: its citation (the number) is not text; its body is a
//!   [`crate::BlockKind::Footnote`] after the block that cites it.
//! - Tracked changes read as accepted: `text:tracked-changes` (where the
//!   deleted text is kept) is skipped; the `text:change` marks carry none.
//! - `text:s` is `text:c` spaces, `text:tab` a tab, `text:line-break` a
//!   line break; any other run of whitespace is one space, and none at a
//!   paragraph's start.
//! - Left out: text hidden by `text:display="none"` (sections, character
//!   styles), hidden-text fields, ruby annotations, comments
//!   (`office:annotation`), index templates, the cached numbers of lists
//!   and headings, images' alt text, and the page headers and footers of
//!   the master pages (noted).

use std::collections::HashMap;

use crate::blocks::{level_by_name, Seen, Sink};
use crate::xml::{Elem, Flow, Handler};
use crate::{BlockKind, DocError};

const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
const SVG: &str = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

/// How many spaces one `text:s` may stand for (`text:c` is unbounded).
const MAX_SPACES: usize = 1000;
/// How many parent styles are followed.
const CHAIN: usize = 32;

#[derive(Debug, Default)]
struct Style {
    parent: Option<String>,
    display: Option<String>,
    outline: Option<u8>,
    hidden: bool,
}

/// The state a paragraph or scope replaces and gives back at its end.
#[derive(Debug, Clone, Copy)]
struct Saved {
    in_para: bool,
    soft: bool,
    lists: usize,
}

#[derive(Debug)]
enum Act {
    None,
    Body,
    Style,
    Furniture,
    List,
    /// A paragraph (whether a block of its own) or a heading.
    Para(bool, Saved),
    Cell(Saved),
    /// A note or a text box.
    Scope(Saved),
}

/// The handler of every part of one document (styles first).
#[derive(Debug, Default)]
pub(crate) struct Odt {
    styles: HashMap<(String, String), Style>,
    /// The style being read: (family, name).
    current: Option<(String, String, Style)>,
    pub sink: Sink,
    pub seen: Seen,
    stack: Vec<Act>,
    in_body: bool,
    furniture: usize,
    in_para: bool,
    /// The last text was collapsible whitespace (or none yet): more
    /// whitespace adds nothing.
    soft: bool,
    lists: usize,
}

impl Odt {
    fn saved(&self) -> Saved {
        Saved {
            in_para: self.in_para,
            soft: self.soft,
            lists: self.lists,
        }
    }

    fn restore(&mut self, s: Saved) {
        self.in_para = s.in_para;
        self.soft = s.soft;
        self.lists = s.lists;
    }

    /// `name` of `family` with its display name, then its parents. A
    /// name no style defines still comes (pandoc uses "Title" without
    /// defining it).
    fn chain<'s>(
        &'s self,
        family: &'s str,
        name: Option<String>,
    ) -> impl Iterator<Item = (String, Option<&'s Style>)> + 's {
        let mut next = name;
        std::iter::from_fn(move || {
            let name = next.take()?;
            let style = self.styles.get(&(family.to_string(), name.clone()));
            next = style.and_then(|s| s.parent.clone());
            Some((name, style))
        })
        .take(CHAIN)
    }

    /// The kind of a `text:p` of paragraph style `style`.
    fn para_kind(&self, style: Option<String>) -> BlockKind {
        let mut level = None;
        for (name, s) in self.chain("paragraph", style) {
            let names = [
                Some(name.replace("_20_", " ")),
                s.and_then(|s| s.display.clone()),
            ];
            let mut names = names.iter().flatten();
            if names
                .clone()
                .any(|n| n.trim().eq_ignore_ascii_case("caption"))
            {
                return BlockKind::Caption;
            }
            if level.is_none() {
                level = s
                    .and_then(|s| s.outline)
                    .or_else(|| names.find_map(|n| level_by_name(n)));
            }
        }
        match level {
            Some(level) => BlockKind::Heading { level },
            None if self.lists > 0 => BlockKind::ListItem,
            None => BlockKind::Paragraph,
        }
    }

    fn hidden_text(&self, style: Option<String>) -> bool {
        self.chain("text", style)
            .any(|(_, s)| s.is_some_and(|s| s.hidden))
    }

    /// The whitespace-collapsed form of body text.
    fn collapse(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.soft {
                    out.push(' ');
                    self.soft = true;
                }
            } else {
                out.push(c);
                self.soft = false;
            }
        }
        out
    }

    /// Starts a style definition.
    fn style(&mut self, el: &Elem<'_>) -> Flow {
        let family = el.attr("family").unwrap_or_default();
        let name = el.attr("name").unwrap_or_default();
        let style = Style {
            parent: el.attr("parent-style-name"),
            display: el.attr("display-name"),
            outline: el
                .attr("default-outline-level")
                .and_then(|l| l.trim().parse::<u8>().ok())
                .filter(|&l| l > 0)
                .map(|l| l.min(9)),
            hidden: false,
        };
        self.current = Some((family, name, style));
        Flow::Enter
    }

    /// An element of the body (`office:text`).
    fn body(&mut self, el: &Elem<'_>) -> Result<(Act, Flow), DocError> {
        let enter = |act| Ok((act, Flow::Enter));
        let skip = Ok((Act::None, Flow::Skip));
        match (el.ns, el.local) {
            (TEXT, "p" | "h") => {
                let kind = if el.local == "h" {
                    let level = el
                        .attr("outline-level")
                        .and_then(|l| l.trim().parse::<u8>().ok())
                        .unwrap_or(1)
                        .clamp(1, 9);
                    BlockKind::Heading { level }
                } else {
                    self.para_kind(el.attr("style-name"))
                };
                let saved = self.saved();
                let own = self.sink.begin_para(kind);
                self.in_para = true;
                self.soft = true;
                enter(Act::Para(own, saved))
            }
            (TEXT, "list" | "numbered-paragraph") => {
                self.lists += 1;
                enter(Act::List)
            }
            (TEXT, "span") if self.hidden_text(el.attr("style-name")) => {
                self.seen.hidden = true;
                skip
            }
            (TEXT, "s" | "tab" | "line-break") => {
                if self.in_para {
                    match el.local {
                        "s" => {
                            let n = el
                                .attr("c")
                                .and_then(|c| c.trim().parse::<usize>().ok())
                                .unwrap_or(1)
                                .min(MAX_SPACES);
                            self.sink.text(&" ".repeat(n));
                            self.soft = false;
                        }
                        "tab" => {
                            self.sink.push('\t');
                            self.soft = false;
                        }
                        _ => {
                            self.sink.push('\n');
                            self.soft = true;
                        }
                    }
                }
                skip
            }
            (TEXT, "note") => {
                let saved = self.saved();
                self.sink.begin_scope(Some(BlockKind::Footnote));
                self.in_para = false;
                self.lists = 0;
                enter(Act::Scope(saved))
            }
            (TEXT, "tracked-changes" | "change" | "change-start" | "change-end") => {
                self.seen.tracked = true;
                skip
            }
            (TEXT, "section") if el.attr("display").as_deref() == Some("none") => {
                self.seen.hidden = true;
                skip
            }
            (TEXT, "hidden-text" | "hidden-paragraph") => {
                self.seen.hidden = true;
                skip
            }
            (
                TEXT,
                "note-citation"
                | "soft-page-break"
                | "conditional-text"
                | "ruby-text"
                | "number"
                | "placeholder"
                | "sequence-decls"
                | "variable-decls"
                | "user-field-decls"
                | "dde-connection-decls"
                | "bookmark"
                | "bookmark-start"
                | "bookmark-end",
            ) => skip,
            (TEXT, local) if local.ends_with("-source") => skip,
            (TABLE, "table-cell") => {
                let saved = self.saved();
                self.sink.begin_cell();
                self.in_para = false;
                enter(Act::Cell(saved))
            }
            (
                TABLE,
                "covered-table-cell" | "table-column" | "table-columns" | "table-header-columns",
            ) => skip,
            (
                DRAW,
                "text-box" | "custom-shape" | "rect" | "ellipse" | "circle" | "polygon"
                | "polyline" | "regular-polygon" | "path" | "line" | "connector" | "caption"
                | "measure",
            ) => {
                let saved = self.saved();
                self.sink.begin_scope(None);
                self.in_para = false;
                self.lists = 0;
                enter(Act::Scope(saved))
            }
            (
                DRAW,
                "image" | "object" | "object-ole" | "applet" | "plugin" | "floating-frame"
                | "enhanced-geometry" | "glue-point" | "contour-polygon" | "contour-path",
            ) => skip,
            (SVG, "title" | "desc") => skip,
            (OFFICE, "annotation") => {
                self.seen.comments += 1;
                skip
            }
            (OFFICE, "annotation-end" | "forms" | "binary-data") => skip,
            _ => enter(Act::None),
        }
    }
}

impl Handler for Odt {
    fn start(&mut self, el: &Elem<'_>) -> Result<Flow, DocError> {
        if self.furniture > 0 {
            self.stack.push(Act::None);
            return Ok(Flow::Enter);
        }
        if self.in_body {
            let (act, flow) = self.body(el)?;
            if flow == Flow::Enter {
                self.stack.push(act);
            }
            return Ok(flow);
        }
        if let Some((_, _, style)) = self.current.as_mut() {
            if el.ns == STYLE && el.local == "text-properties" {
                style.hidden |= el.attr("display").as_deref() == Some("none");
            }
            return Ok(Flow::Skip);
        }
        let (act, flow) = match (el.ns, el.local) {
            (
                OFFICE,
                "document" | "document-content" | "document-styles" | "styles" | "automatic-styles"
                | "master-styles" | "body",
            ) => (Act::None, Flow::Enter),
            (OFFICE, "text") => {
                self.in_body = true;
                (Act::Body, Flow::Enter)
            }
            (OFFICE, "spreadsheet" | "presentation" | "drawing" | "chart" | "image") => {
                return Err(DocError::Unsupported(format!(
                    "this OpenDocument file is not a text document (it holds a {}); ura reads .odt text documents",
                    el.local
                )))
            }
            (STYLE, "style") => (Act::Style, self.style(el)),
            (STYLE, "master-page") => (Act::None, Flow::Enter),
            (STYLE, local) if local.starts_with("header") || local.starts_with("footer") => {
                self.furniture += 1;
                (Act::Furniture, Flow::Enter)
            }
            _ => (Act::None, Flow::Skip),
        };
        if flow == Flow::Enter {
            self.stack.push(act);
        }
        Ok(flow)
    }

    fn end(&mut self) {
        match self.stack.pop() {
            Some(Act::Body) => self.in_body = false,
            Some(Act::Style) => {
                if let Some((family, name, style)) = self.current.take() {
                    self.styles.insert((family, name), style);
                }
            }
            Some(Act::Furniture) => self.furniture -= 1,
            Some(Act::List) => self.lists = self.lists.saturating_sub(1),
            Some(Act::Para(own, saved)) => {
                if own {
                    self.sink.end_para();
                }
                self.restore(saved);
            }
            Some(Act::Cell(saved)) => {
                self.sink.end_cell();
                self.restore(saved);
            }
            Some(Act::Scope(saved)) => {
                self.sink.end_scope();
                self.restore(saved);
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.furniture > 0 {
            // Page numbers alone are not text left out.
            self.seen.furniture |= text.chars().any(char::is_alphabetic);
        } else if self.in_body && self.in_para {
            let text = self.collapse(text);
            self.sink.text(&text);
        }
    }
}
