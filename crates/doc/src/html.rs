//! HTML and XHTML pages: parsed as a browser parses them (html5ever,
//! the HTML standard's tokenizer and tree construction), then walked in
//! document order into blocks.
//!
//! - Blocks: `p` and `div`-like containers holding text directly
//!   (paragraphs), `h1`–`h6` (headings), `li`, `dt`, `dd` (list items),
//!   `td`, `th` (table cells), `caption`, `figcaption` (captions),
//!   `blockquote`, `pre` (paragraphs; `pre` keeps its line breaks),
//!   notes marked `role="doc-footnote"`/`doc-endnote(s)` (footnotes). The
//!   innermost of those kinds wins (`<li><p>` is a list item), but a
//!   footnote holds only footnotes. Inline elements join; `br` is a line
//!   break inside its block; whitespace collapses as a browser shows it.
//! - Left out: `head`, `script`, `style`, `template`, `noscript`,
//!   `iframe`, SVG and MathML, form controls (`button`, `select`,
//!   `textarea`), ruby annotations (`rt`, `rp`), comments, and elements
//!   marked `hidden` or `style="display: none"`.
//! - Page chrome: when the page has a `main` (or `role="main"`), or else
//!   `article`s (not inside `nav`, `aside`, `header`, `footer` or
//!   `form`), only those are read, and inside them `nav`, `aside` and
//!   `form` are left out (an article's own `header` and `footer`, with its
//!   title and byline, stay); a note counts the blocks left out. A page
//!   with neither is read whole. [`crate::DocReader::keep_chrome`] reads
//!   every page whole.
//! - Encoding: a byte-order mark, the user's `--encoding`, the page's
//!   declaration in its first 1024 bytes, then the bytes
//!   ([`charset::decode_page`]).
//! - Depth: the tree is a flat vector (nothing recurses); past 512
//!   open elements start tags are ignored and their text kept in the
//!   element around them ([`dom`]). A tag keeps its first 1,000
//!   attributes ([`guard`]).

mod charset;
mod dom;
mod guard;

use html5ever::{local_name, ns};

use crate::{BlockKind, DocError, Document, DocumentBuilder, Format};
use dom::{Data, Dom, Id};

/// Reads a page from its bytes; `label` is the user's encoding, if any.
pub(crate) fn read(
    bytes: Vec<u8>,
    (label, lang): (Option<&str>, Option<&str>),
    keep_chrome: bool,
) -> Result<Document, DocError> {
    let page = charset::decode_page(bytes, label, lang)?;
    let dom = dom::parse(&page.text);
    drop(page.text);
    let mut out = DocumentBuilder::new(Format::Html, page.encoding);
    out.encoding_detected(page.detected);
    for note in page.notes {
        out.note(note);
    }
    let roots = if keep_chrome {
        Vec::new()
    } else {
        content_roots(&dom)
    };
    let mut walker = Walker {
        dom: &dom,
        out,
        text: String::new(),
        space: false,
        blocks: Vec::new(),
        pre: 0,
        footnote: 0,
        inside: usize::from(roots.is_empty()),
        drop_chrome: !keep_chrome && !roots.is_empty(),
        roots: roots.into_iter().collect(),
        left_out: 0,
        any: false,
    };
    walker.walk();
    let Walker {
        mut out,
        left_out,
        any,
        ..
    } = walker;
    if left_out > 0 {
        out.note(format!(
            "left out {left_out} block{} of page chrome outside the main content (--keep-chrome keeps {})",
            if left_out == 1 { "" } else { "s" },
            if left_out == 1 { "it" } else { "them" },
        ));
    }
    if !any {
        out.note("the page holds no text");
    }
    if dom.capped > 0 {
        out.note(format!(
            "{} tags had more than {} attributes; the rest were ignored",
            dom.capped,
            guard::MAX_ATTRS
        ));
    }
    if dom.dropped > 0 {
        out.note(format!(
            "the page nests more than {} elements deep; {} tags below that were ignored (their text is kept)",
            dom::MAX_OPEN,
            dom.dropped
        ));
    }
    Ok(out.build())
}

/// What an element does to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not read, nor anything inside it.
    Skip,
    /// A block: its own kind, or `None` for a container whose text is a
    /// paragraph unless an outer block gives it a kind.
    Block(Option<BlockKind>),
    /// A line break.
    Break,
    /// Text that joins the text around it.
    Inline,
}

/// The role of element `id`.
fn role(dom: &Dom, id: Id, drop_chrome: bool) -> Role {
    let Some((name, _)) = dom.element(id) else {
        return Role::Inline;
    };
    if name.ns != ns!(html) {
        return Role::Skip;
    }
    let hidden = dom.attr(id, "hidden").is_some()
        || dom.attr(id, "style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        });
    if hidden {
        return Role::Skip;
    }
    let aria = dom.attr(id, "role").unwrap_or_default();
    if drop_chrome && matches!(aria, "navigation" | "complementary" | "search") {
        return Role::Skip;
    }
    if matches!(aria, "doc-footnote" | "doc-endnote" | "doc-endnotes") {
        return Role::Block(Some(BlockKind::Footnote));
    }
    let heading = |level| Role::Block(Some(BlockKind::Heading { level }));
    match name.local {
        local_name!("head")
        | local_name!("script")
        | local_name!("style")
        | local_name!("template")
        | local_name!("noscript")
        | local_name!("iframe")
        | local_name!("object")
        | local_name!("embed")
        | local_name!("audio")
        | local_name!("video")
        | local_name!("canvas")
        | local_name!("button")
        | local_name!("select")
        | local_name!("textarea")
        | local_name!("datalist")
        | local_name!("rt")
        | local_name!("rp")
        | local_name!("title") => Role::Skip,
        local_name!("nav") | local_name!("aside") | local_name!("form") if drop_chrome => {
            Role::Skip
        }
        local_name!("br") => Role::Break,
        local_name!("h1") => heading(1),
        local_name!("h2") => heading(2),
        local_name!("h3") => heading(3),
        local_name!("h4") => heading(4),
        local_name!("h5") => heading(5),
        local_name!("h6") => heading(6),
        local_name!("li") | local_name!("dt") | local_name!("dd") => {
            Role::Block(Some(BlockKind::ListItem))
        }
        local_name!("td") | local_name!("th") => Role::Block(Some(BlockKind::TableCell)),
        local_name!("caption") | local_name!("figcaption") => Role::Block(Some(BlockKind::Caption)),
        local_name!("address")
        | local_name!("article")
        | local_name!("aside")
        | local_name!("blockquote")
        | local_name!("body")
        | local_name!("center")
        | local_name!("details")
        | local_name!("dialog")
        | local_name!("dir")
        | local_name!("div")
        | local_name!("dl")
        | local_name!("fieldset")
        | local_name!("figure")
        | local_name!("footer")
        | local_name!("form")
        | local_name!("header")
        | local_name!("hgroup")
        | local_name!("hr")
        | local_name!("html")
        | local_name!("legend")
        | local_name!("main")
        | local_name!("menu")
        | local_name!("nav")
        | local_name!("ol")
        | local_name!("option")
        | local_name!("p")
        | local_name!("pre")
        | local_name!("section")
        | local_name!("summary")
        | local_name!("table")
        | local_name!("tbody")
        | local_name!("tfoot")
        | local_name!("thead")
        | local_name!("tr")
        | local_name!("ul")
        | local_name!("listing")
        | local_name!("plaintext")
        | local_name!("xmp") => Role::Block(None),
        _ => Role::Inline,
    }
}

/// Whether element `id` is named `name` (HTML namespace).
fn is(dom: &Dom, id: Id, name: html5ever::LocalName) -> bool {
    dom.element(id)
        .is_some_and(|(n, _)| n.ns == ns!(html) && n.local == name)
}

/// The elements that hold the page's content when it marks it: the
/// outermost `main`s (or `role="main"`), else the outermost `article`s
/// that are not inside page chrome. Empty when the page marks neither.
fn content_roots(dom: &Dom) -> Vec<Id> {
    let ids = 0..dom.nodes.len();
    let mains: Vec<Id> = ids
        .clone()
        .filter(|&id| is(dom, id, local_name!("main")) || dom.attr(id, "role") == Some("main"))
        .collect();
    let outermost = |found: Vec<Id>, excluded: &dyn Fn(Id) -> bool| -> Vec<Id> {
        let set: std::collections::HashSet<Id> = found.iter().copied().collect();
        found
            .into_iter()
            .filter(|&id| {
                if role(dom, id, false) == Role::Skip {
                    return false;
                }
                let mut up = dom.parent(id);
                // Real pages nest a few dozen deep; the walk is bounded by
                // the tree's depth, which the parser bounds.
                while let Some(p) = up {
                    if set.contains(&p) || excluded(p) {
                        return false;
                    }
                    up = dom.parent(p);
                }
                // Attached to the document (not a template's contents).
                in_document(dom, id)
            })
            .collect()
    };
    let hidden = |id: Id| role(dom, id, false) == Role::Skip;
    let roots = outermost(mains, &hidden);
    if !roots.is_empty() {
        return roots;
    }
    let articles: Vec<Id> = ids
        .filter(|&id| is(dom, id, local_name!("article")))
        .collect();
    let chrome = |id: Id| {
        hidden(id)
            || [
                local_name!("nav"),
                local_name!("aside"),
                local_name!("header"),
                local_name!("footer"),
                local_name!("form"),
            ]
            .into_iter()
            .any(|n| is(dom, id, n))
    };
    outermost(articles, &chrome)
}

/// Whether `id` hangs from the document node.
fn in_document(dom: &Dom, id: Id) -> bool {
    let mut cur = id;
    while let Some(p) = dom.parent(cur) {
        cur = p;
    }
    cur == 0
}

/// Walks the tree into blocks.
struct Walker<'a> {
    dom: &'a Dom,
    out: DocumentBuilder,
    /// The text of the block being read.
    text: String,
    /// Whitespace seen since the last character of `text`.
    space: bool,
    /// Open block elements and their kinds.
    blocks: Vec<(Id, Option<BlockKind>)>,
    /// `pre` elements open.
    pre: usize,
    /// Footnote blocks open.
    footnote: usize,
    /// Content roots open (or 1 when the whole page is read).
    inside: usize,
    roots: std::collections::HashSet<Id>,
    drop_chrome: bool,
    /// Blocks of chrome not read.
    left_out: usize,
    /// Whether any block was read.
    any: bool,
}

impl Walker<'_> {
    /// Visits every node in document order, without recursion.
    fn walk(&mut self) {
        let dom = self.dom;
        let mut cur = dom.first_child(0);
        while let Some(id) = cur {
            let descend = self.enter(id);
            if let (true, Some(child)) = (descend, dom.first_child(id)) {
                cur = Some(child);
                continue;
            }
            // Leave `id` and every ancestor whose children are done.
            let mut done = id;
            cur = loop {
                self.leave(done, descend || done != id);
                if let Some(next) = dom.next(done) {
                    break Some(next);
                }
                match dom.parent(done) {
                    Some(p) if p != 0 => done = p,
                    _ => break None,
                }
            };
        }
        self.flush();
    }

    /// Starts node `id`; whether to read inside it.
    fn enter(&mut self, id: Id) -> bool {
        match &self.dom.nodes.get(id).map(|n| &n.data) {
            Some(Data::Text(t)) => {
                self.add_text(t);
                return false;
            }
            Some(Data::Element { .. }) => {}
            _ => return false,
        }
        if self.roots.contains(&id) {
            self.flush();
            self.inside += 1;
        }
        // Outside the content, chrome is walked to count what is left out.
        match role(self.dom, id, self.drop_chrome && self.inside > 0) {
            Role::Skip => false,
            Role::Inline => true,
            Role::Break => {
                self.line_break();
                false
            }
            Role::Block(kind) => {
                self.flush();
                self.blocks.push((id, kind));
                if kind == Some(BlockKind::Footnote) {
                    self.footnote += 1;
                }
                if is(self.dom, id, local_name!("pre")) {
                    self.pre += 1;
                }
                true
            }
        }
    }

    /// Ends node `id` (`entered`: its inside was read).
    fn leave(&mut self, id: Id, entered: bool) {
        if entered && self.blocks.last().is_some_and(|&(b, _)| b == id) {
            self.flush();
            if let Some((_, kind)) = self.blocks.pop() {
                if kind == Some(BlockKind::Footnote) {
                    self.footnote -= 1;
                }
            }
            if is(self.dom, id, local_name!("pre")) {
                self.pre = self.pre.saturating_sub(1);
            }
        }
        if self.roots.contains(&id) {
            self.flush();
            self.inside = self.inside.saturating_sub(1);
        }
    }

    fn add_text(&mut self, t: &str) {
        if self.pre > 0 {
            let t = t.replace("\r\n", "\n").replace('\r', "\n");
            for c in t.chars() {
                if c == '\n' {
                    self.line_break();
                } else {
                    self.text.push(c);
                }
            }
            return;
        }
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                self.space = true;
                continue;
            }
            if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push(c);
        }
    }

    fn line_break(&mut self) {
        let kept = self.text.trim_end_matches([' ', '\t']).len();
        self.text.truncate(kept);
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.space = false;
    }

    /// Ends the block being read.
    fn flush(&mut self) {
        self.space = false;
        if self.text.trim().is_empty() {
            self.text.clear();
            return;
        }
        if self.inside == 0 {
            self.left_out += 1;
        } else {
            let kind = if self.footnote > 0 {
                BlockKind::Footnote
            } else {
                self.blocks
                    .iter()
                    .rev()
                    .find_map(|&(_, k)| k)
                    .unwrap_or(BlockKind::Paragraph)
            };
            let text: String = self
                .text
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            self.out.push(kind, &text);
            self.any = true;
        }
        self.text.clear();
    }
}

#[cfg(test)]
mod tests;
