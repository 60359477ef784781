//! The body of a DOCX part (the document, its notes, headers, comments):
//! WordprocessingML events to blocks.
//!
//! Read as Word shows the document with its tracked changes accepted:
//! - text is in `w:t` (and `m:t` in equations); runs join with nothing
//!   between them; `w:tab`/`w:ptab` are tabs, `w:br` and `w:cr` line
//!   breaks, `w:noBreakHyphen` U+2011, `w:softHyphen` U+00AD (the
//!   splitter drops it), `w:sym` its character ([`symbol`]);
//! - a page or column break (`w:br w:type="page"`) is a space, not a line
//!   break: it moves text to the next page, and a sentence may run across
//!   it (translations place it elsewhere as their text reflows);
//! - field results are kept and their codes dropped (`w:instrText`, and
//!   whatever lies between a `w:fldChar` begin and its separate, nested
//!   fields included); `w:fldSimple` is read through to its runs;
//! - insertions and moves' destinations (`w:ins`, `w:moveTo`) are read,
//!   deletions and moves' sources (`w:del`, `w:moveFrom`, deleted table
//!   rows and cells) are not; a deleted paragraph mark joins the
//!   paragraph to the next; old formatting (`w:rPrChange`,
//!   `w:pPrChange`) is ignored;
//! - hidden text (`w:vanish`, directly or through the run's or the
//!   paragraph's style) is skipped, as are ruby annotations (`w:rt`) and
//!   a content control's placeholder text;
//! - content controls, hyperlinks, smart tags, `w:customXml` and other
//!   wrappers are read through; of `mc:AlternateContent`, the first
//!   `mc:Choice` (or, with none, the `mc:Fallback`) only, else text
//!   boxes would come twice;
//! - text boxes (`w:txbxContent`) and the notes a `w:footnoteReference`
//!   or `w:endnoteReference` cites follow the block that anchors them
//!   (see [`crate::blocks`]).

use std::collections::HashMap;

use super::styles::Styles;
use super::symbol::symbol;
use super::{on_off, M, MC, W};
use crate::blocks::{Piece, Seen, Sink};
use crate::xml::{Elem, Flow, Handler};
use crate::{BlockKind, DocError};

/// What to do when an open element ends.
#[derive(Debug, Clone)]
enum Act {
    None,
    /// `w:p`: whether it is a block of its own (not in a cell), whether
    /// its mark is deleted, whether its style hides its text.
    Para {
        own: bool,
        mark_deleted: bool,
        hidden: bool,
    },
    PPr,
    NumPr,
    MarkRPr,
    /// `w:r`: whether its properties hide it (`None`: they do not say).
    Run(Option<bool>),
    RPr,
    /// `w:t`: whether its text is hidden.
    Text(bool),
    Cell,
    TrPr,
    TcPr,
    TextBox,
    /// `mc:AlternateContent`: whether a branch was read.
    Alt(bool),
    /// `w:sdt`: whether it shows its placeholder.
    Sdt(bool),
    SdtPr,
    /// A footnote or endnote of a notes part, with its key.
    Note(String),
}

/// Paragraph properties being read.
#[derive(Debug, Default)]
struct ParaProps {
    style: Option<String>,
    outline: Option<u8>,
    numbered: Option<bool>,
    mark_deleted: bool,
}

/// Run properties being read.
#[derive(Debug, Default)]
struct RunProps {
    style: Option<String>,
    vanish: Option<bool>,
}

/// The handler of a WordprocessingML part.
pub(crate) struct Body<'s> {
    styles: &'s Styles,
    /// Notes to place where they are cited, by key (`f3`, `e1`).
    notes: HashMap<String, Vec<Piece>>,
    /// Notes read from a notes part, by key.
    pub collected: HashMap<String, Vec<Piece>>,
    pub sink: Sink,
    pub seen: Seen,
    stack: Vec<Act>,
    ppr: ParaProps,
    rpr: RunProps,
    /// Open fields, innermost last: whether each is in its code part.
    fields: Vec<bool>,
    /// Set inside a deleted table row or cell: the stack length at which
    /// reading resumes.
    dead: Option<usize>,
}

impl<'s> Body<'s> {
    /// A handler for a part of a document with `styles`, placing `notes`
    /// where they are cited.
    pub fn new(styles: &'s Styles, notes: HashMap<String, Vec<Piece>>) -> Self {
        Body {
            styles,
            notes,
            collected: HashMap::new(),
            sink: Sink::default(),
            seen: Seen::default(),
            stack: Vec::new(),
            ppr: ParaProps::default(),
            rpr: RunProps::default(),
            fields: Vec::new(),
            dead: None,
        }
    }

    /// Whether text at this point is shown: not in a field's code, not
    /// hidden by its run or paragraph.
    fn hidden(&self) -> (bool, bool) {
        let in_code = self.fields.iter().any(|&code| code);
        let mut run = None;
        let mut para = false;
        for act in self.stack.iter().rev() {
            match act {
                Act::Run(h) if run.is_none() => run = Some(*h),
                Act::Para { hidden, .. } => {
                    para = *hidden;
                    break;
                }
                _ => {}
            }
        }
        (in_code, run.flatten().unwrap_or(para))
    }

    fn visible(&self) -> bool {
        self.hidden() == (false, false)
    }

    /// The kind of a paragraph with properties `p`.
    fn kind(&self, p: &ParaProps) -> BlockKind {
        let style = p.style.as_deref().or(self.styles.default_para.as_deref());
        if style.is_some_and(|s| self.styles.is_caption(s)) {
            return BlockKind::Caption;
        }
        let level = match p.outline {
            Some(l) => (l < 9).then_some(l + 1),
            None => style.and_then(|s| self.styles.heading_level(s)),
        };
        if let Some(level) = level {
            return BlockKind::Heading { level };
        }
        let numbered = p
            .numbered
            .or_else(|| style.and_then(|s| self.styles.numbered(s)));
        if numbered == Some(true) {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    /// Skips the rest of the open element at `up` places from the end
    /// of the stack (1: the innermost), a deleted table row or cell.
    fn kill(&mut self, up: usize) {
        self.dead = Some(self.stack.len().saturating_sub(up));
        self.seen.tracked = true;
    }

    /// The element's action and flow, inside the properties elements.
    fn in_props(&mut self, el: &Elem<'_>, parent: &Act) -> Option<(Act, Flow)> {
        let val = || el.attr("val");
        let enter = |act| Some((act, Flow::Enter));
        let skip = Some((Act::None, Flow::Skip));
        match (parent, el.local) {
            (Act::PPr, "pStyle") => self.ppr.style = val(),
            (Act::PPr, "outlineLvl") => {
                self.ppr.outline = val()
                    .and_then(|v| v.trim().parse::<u8>().ok())
                    .map(|l| l.min(9));
            }
            (Act::PPr, "numPr") => return enter(Act::NumPr),
            (Act::PPr, "rPr") => return enter(Act::MarkRPr),
            (Act::NumPr, "numId") => {
                self.ppr.numbered = Some(val().is_some_and(|v| v.trim() != "0"))
            }
            (Act::MarkRPr, "del" | "moveFrom") => {
                self.ppr.mark_deleted = true;
                self.seen.tracked = true;
            }
            (Act::MarkRPr, "ins" | "moveTo") => self.seen.tracked = true,
            (Act::RPr, "vanish" | "specVanish") => {
                self.rpr.vanish = Some(val().as_deref().is_none_or(on_off));
            }
            (Act::RPr, "rStyle") => self.rpr.style = val(),
            (Act::TrPr, "del") => self.kill(2),
            (Act::TcPr, "cellDel") => self.kill(2),
            (Act::SdtPr, "showingPlcHdr") => {
                if val().as_deref().is_none_or(on_off) {
                    if let Some(Act::Sdt(p)) = self.stack.iter_mut().rev().nth(1) {
                        *p = true;
                    }
                }
            }
            (
                Act::PPr
                | Act::NumPr
                | Act::MarkRPr
                | Act::RPr
                | Act::TrPr
                | Act::TcPr
                | Act::SdtPr,
                _,
            ) => {}
            _ => return None,
        }
        skip
    }

    /// The action and flow of a WordprocessingML element.
    fn word(&mut self, el: &Elem<'_>) -> (Act, Flow) {
        let enter = |act| (act, Flow::Enter);
        let skip = (Act::None, Flow::Skip);
        match el.local {
            "p" => {
                let own = self.sink.begin_para(BlockKind::Paragraph);
                let hidden = self
                    .styles
                    .default_para
                    .as_deref()
                    .and_then(|s| self.styles.hidden(s))
                    .unwrap_or(false);
                enter(Act::Para {
                    own,
                    mark_deleted: false,
                    hidden,
                })
            }
            "pPr" => {
                self.ppr = ParaProps::default();
                enter(Act::PPr)
            }
            "r" => enter(Act::Run(None)),
            "rPr" => {
                self.rpr = RunProps::default();
                enter(Act::RPr)
            }
            "t" => match self.hidden() {
                (true, _) => skip,
                (false, hidden) => enter(Act::Text(hidden)),
            },
            "delText" | "delInstrText" | "instrText" | "fldData" | "rt" => skip,
            "tab" | "ptab" | "br" | "cr" | "noBreakHyphen" | "softHyphen" | "sym" => {
                if self.visible() {
                    let c = match el.local {
                        "tab" | "ptab" => Some('\t'),
                        "br" => match el.attr("type").as_deref() {
                            Some("page" | "column") => Some(' '),
                            _ => Some('\n'),
                        },
                        "cr" => Some('\n'),
                        "noBreakHyphen" => Some('\u{2011}'),
                        "softHyphen" => Some('\u{ad}'),
                        _ => symbol(el.attr("font").as_deref(), el.attr("char").as_deref()),
                    };
                    if let Some(c) = c {
                        self.sink.push(c);
                    }
                }
                skip
            }
            "fldChar" => {
                match el.attr("fldCharType").as_deref() {
                    Some("begin") => self.fields.push(true),
                    Some("separate") => {
                        if let Some(code) = self.fields.last_mut() {
                            *code = false;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                }
                skip
            }
            "footnoteReference" | "endnoteReference" => {
                if self.visible() {
                    let key = format!("{}{}", &el.local[..1], el.attr("id").unwrap_or_default());
                    if let Some(note) = self.notes.remove(&key) {
                        self.sink.defer(note);
                    }
                }
                skip
            }
            "tc" => {
                self.sink.begin_cell();
                enter(Act::Cell)
            }
            "trPr" => enter(Act::TrPr),
            "tcPr" => enter(Act::TcPr),
            "txbxContent" => {
                self.sink.begin_scope(None);
                enter(Act::TextBox)
            }
            "del" | "moveFrom" => {
                self.seen.tracked = true;
                skip
            }
            "ins" | "moveTo" => {
                self.seen.tracked = true;
                enter(Act::None)
            }
            "sdt" => enter(Act::Sdt(false)),
            "sdtPr" => enter(Act::SdtPr),
            "sdtContent" => match self.stack.last() {
                Some(Act::Sdt(true)) => skip,
                _ => enter(Act::None),
            },
            "footnote" | "endnote" => {
                let separator = el.attr("type").is_some_and(|t| t != "normal");
                if separator {
                    skip
                } else {
                    let key = format!("{}{}", &el.local[..1], el.attr("id").unwrap_or_default());
                    self.sink.begin_scope(Some(BlockKind::Footnote));
                    enter(Act::Note(key))
                }
            }
            "comment" => {
                self.seen.comments += 1;
                enter(Act::None)
            }
            "altChunk" | "subDoc" => {
                self.seen.alt_chunks += 1;
                skip
            }
            "sdtEndPr"
            | "rPrChange"
            | "pPrChange"
            | "sectPr"
            | "sectPrChange"
            | "tblPr"
            | "tblPrChange"
            | "tblGrid"
            | "tblPrEx"
            | "trPrChange"
            | "tcPrChange"
            | "numberingChange"
            | "commentReference"
            | "annotationRef"
            | "footnoteRef"
            | "endnoteRef"
            | "separator"
            | "continuationSeparator"
            | "lastRenderedPageBreak"
            | "bookmarkStart"
            | "bookmarkEnd"
            | "proofErr" => skip,
            _ => enter(Act::None),
        }
    }
}

impl Handler for Body<'_> {
    fn start(&mut self, el: &Elem<'_>) -> Result<Flow, DocError> {
        if self.dead.is_some() {
            return Ok(Flow::Skip);
        }
        let parent = self.stack.last().cloned().unwrap_or(Act::None);
        let (act, flow) = if W.contains(&el.ns) {
            match self.in_props(el, &parent) {
                Some(done) => done,
                None => self.word(el),
            }
        } else if el.ns == MC {
            match (el.local, &parent) {
                ("AlternateContent", _) => (Act::Alt(false), Flow::Enter),
                ("Choice" | "Fallback", Act::Alt(true)) => (Act::None, Flow::Skip),
                ("Choice" | "Fallback", Act::Alt(false)) => {
                    if let Some(Act::Alt(taken)) = self.stack.last_mut() {
                        *taken = true;
                    }
                    (Act::None, Flow::Enter)
                }
                _ => (Act::None, Flow::Enter),
            }
        } else if M.contains(&el.ns) && el.local == "t" {
            match self.hidden() {
                (true, _) => (Act::None, Flow::Skip),
                (false, hidden) => (Act::Text(hidden), Flow::Enter),
            }
        } else {
            // DrawingML, VML, Word 2010+ extensions: read through (text
            // boxes sit deep inside them).
            (Act::None, Flow::Enter)
        };
        if flow == Flow::Enter {
            self.stack.push(act);
        }
        Ok(flow)
    }

    fn end(&mut self) {
        match self.stack.pop() {
            Some(Act::Para {
                own, mark_deleted, ..
            }) => {
                // A field still in its code at a paragraph's end lost its
                // separator (a damaged or half-deleted field): close it,
                // or it would hide the rest of the document.
                self.fields.retain(|&code| !code);
                if mark_deleted {
                    self.sink.join_next();
                } else if own {
                    self.sink.end_para();
                }
            }
            Some(Act::PPr) => {
                let props = std::mem::take(&mut self.ppr);
                let kind = self.kind(&props);
                let hidden = props
                    .style
                    .as_deref()
                    .or(self.styles.default_para.as_deref())
                    .and_then(|s| self.styles.hidden(s))
                    .unwrap_or(false);
                if let Some(Act::Para {
                    own,
                    mark_deleted,
                    hidden: h,
                }) = self.stack.last_mut()
                {
                    *mark_deleted = props.mark_deleted;
                    *h = hidden;
                    if *own {
                        self.sink.set_kind(kind);
                    }
                }
            }
            Some(Act::RPr) => {
                let props = std::mem::take(&mut self.rpr);
                let hidden = props
                    .vanish
                    .or_else(|| props.style.as_deref().and_then(|s| self.styles.hidden(s)));
                if let Some(Act::Run(h)) = self.stack.last_mut() {
                    *h = hidden;
                }
            }
            Some(Act::Cell) => self.sink.end_cell(),
            Some(Act::TextBox) => self.sink.end_scope(),
            Some(Act::Note(key)) => {
                let blocks = self.sink.take_scope();
                self.collected.insert(key, blocks);
            }
            _ => {}
        }
        if self.dead.is_some_and(|d| self.stack.len() <= d) {
            self.dead = None;
        }
    }

    fn text(&mut self, text: &str) {
        match self.stack.last() {
            Some(Act::Text(false)) => {
                if text.contains(['\n', '\r']) {
                    self.sink.text(&text.replace(['\n', '\r'], " "));
                } else {
                    self.sink.text(text);
                }
            }
            Some(Act::Text(true)) if !text.trim().is_empty() => self.seen.hidden = true,
            _ => {}
        }
    }
}
