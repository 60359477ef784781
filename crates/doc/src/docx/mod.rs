//! DOCX (Office Open XML WordprocessingML) to blocks.
//!
//! The main part is found as Word finds it: the `officeDocument`
//! relationship of `_rels/.rels`, checked against `[Content_Types].xml`
//! (whose Word main content type also finds the part when the
//! relationship is missing); it need not be `word/document.xml`. Its
//! own relationships name the styles, footnotes and endnotes parts.
//!
//! Blocks, in order: every paragraph of the body (headings from the
//! outline level of the paragraph or its style; captions from the Caption
//! style; list items from numbering, `w:numPr`, direct or by style), each
//! table cell, and after each block the footnotes and endnotes it cites
//! and the text boxes it holds, as [`crate::BlockKind::Footnote`] and as
//! paragraphs. What is read and how is in [`body`]'s docs. Page headers
//! and footers, comments and imported content in other formats
//! (`w:altChunk`) are left out, each with a note when there is any.

mod body;
mod styles;
mod symbol;

use std::collections::HashMap;

use crate::blocks::{document, Piece, Seen};
use crate::xml::{self, Elem, Flow, Handler};
use crate::zipread::{resolve, Package};
use crate::{sniff, DocError, Document, Format};
use body::Body;
use styles::Styles;

/// The WordprocessingML namespaces (transitional, strict).
pub(crate) const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// The markup-compatibility namespace (`mc:AlternateContent`).
pub(crate) const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// The Office Math namespaces (transitional, strict).
pub(crate) const M: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
];

/// Content types of a Word main part (document, template, with macros).
const MAIN_TYPES: [&str; 4] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// An OOXML on/off value: absent or `true`/`1`/`on` is on.
pub(crate) fn on_off(v: &str) -> bool {
    !matches!(v.trim(), "false" | "0" | "off")
}

/// Reads a DOCX file.
pub(crate) fn read(bytes: &[u8]) -> Result<Document, DocError> {
    let mut pkg = Package::open(bytes)?;
    let main = main_part(&mut pkg)?;
    let rels = relationships(&mut pkg, &main)?;
    let part = |suffix: &str| -> Vec<String> {
        rels.iter()
            .filter(|(t, _)| t.rsplit('/').next() == Some(suffix))
            .map(|(_, target)| target.clone())
            .collect()
    };
    let styles = match part("styles").first() {
        Some(p) => Styles::read(&mut pkg, p)?,
        None => Styles::default(),
    };
    let mut notes = HashMap::new();
    let mut seen = Seen::default();
    for p in part("footnotes").iter().chain(&part("endnotes")) {
        let (body, _) = read_part(&mut pkg, p, &styles, HashMap::new())?;
        seen.add(body.seen);
        notes.extend(body.collected);
    }
    let (body, found) = read_part(&mut pkg, &main, &styles, notes)?;
    if !found {
        return Err(DocError::Corrupt(format!(
            "the main part {main} is missing from this .docx; open it in Word and save it again"
        )));
    }
    seen.add(body.seen);
    let blocks = body.sink.finish();

    let mut furniture = false;
    for p in part("header").iter().chain(&part("footer")) {
        let (body, _) = read_part(&mut pkg, p, &styles, HashMap::new())?;
        // Page numbers alone are not text left out.
        furniture |= body
            .sink
            .finish()
            .iter()
            .any(|(_, t)| t.chars().any(char::is_alphabetic));
    }
    let mut comments = 0;
    for p in part("comments") {
        let (body, _) = read_part(&mut pkg, &p, &styles, HashMap::new())?;
        comments += body.seen.comments;
    }
    seen.furniture = furniture;
    seen.comments = comments;
    document(Format::Docx, &blocks, seen)
}

/// Reads part `name` with a fresh handler; whether the part exists.
fn read_part<'s>(
    pkg: &mut Package<'_>,
    name: &str,
    styles: &'s Styles,
    notes: HashMap<String, Vec<Piece>>,
) -> Result<(Body<'s>, bool), DocError> {
    let mut body = Body::new(styles, notes);
    let found = pkg
        .with_part(name, |r, part| xml::parse(r, part, &mut body))?
        .is_some();
    Ok((body, found))
}

/// The name of the main document part.
fn main_part(pkg: &mut Package<'_>) -> Result<String, DocError> {
    let mut types = Collect::new(&["Override", "Default"]);
    if let Some(bytes) = pkg.read("[Content_Types].xml")? {
        xml::parse(&mut &bytes[..], "[Content_Types].xml", &mut types)?;
    }
    let type_of = |part: &str| -> Option<String> {
        let ext = part.rsplit('.').next().unwrap_or_default();
        types
            .items
            .iter()
            .find(|e| {
                e.get("PartName")
                    .is_some_and(|p| p.trim_start_matches('/').eq_ignore_ascii_case(part))
            })
            .or_else(|| {
                types.items.iter().find(|e| {
                    e.get("Extension")
                        .is_some_and(|x| x.eq_ignore_ascii_case(ext))
                })
            })
            .and_then(|e| e.get("ContentType").cloned())
    };
    let mut rels = Collect::new(&["Relationship"]);
    if let Some(bytes) = pkg.read("_rels/.rels")? {
        xml::parse(&mut &bytes[..], "_rels/.rels", &mut rels)?;
    }
    let by_rel = rels
        .items
        .iter()
        .filter(|r| r.get("TargetMode").is_none_or(|m| m != "External"))
        .find(|r| {
            r.get("Type")
                .is_some_and(|t| t.rsplit('/').next() == Some("officeDocument"))
        })
        .and_then(|r| r.get("Target"))
        .map(|t| resolve("", t))
        .and_then(|t| pkg.find(&t));
    let by_type = || {
        types
            .items
            .iter()
            .find(|e| {
                e.get("ContentType")
                    .is_some_and(|c| MAIN_TYPES.contains(&c.as_str()))
            })
            .and_then(|e| e.get("PartName"))
            .and_then(|p| pkg.find(p))
    };
    let main = by_rel
        .or_else(by_type)
        .or_else(|| pkg.find("word/document.xml"))
        .ok_or_else(|| {
            DocError::Corrupt(
                "this zip has no Word main document part; it is not a .docx, or a damaged one: open it in Word and save it again"
                    .into(),
            )
        })?;
    match type_of(&main) {
        Some(t) if t.contains("spreadsheetml") => Err(sniff::xlsx_error()),
        Some(t) if t.contains("presentationml") => Err(sniff::pptx_error()),
        // Another application's main part (a missing Override, giving
        // the part a generic type, is let through as Word does not).
        Some(t) if t.ends_with(".main+xml") && !MAIN_TYPES.contains(&t.as_str()) => {
            Err(DocError::Unsupported(format!(
                "the main part {main} is of type {t}, not a Word document; ura reads .docx, .odt and text"
            )))
        }
        _ => Ok(main),
    }
}

/// The relationships of part `source`: (type, resolved target) of each
/// internal one.
fn relationships(pkg: &mut Package<'_>, source: &str) -> Result<Vec<(String, String)>, DocError> {
    let (dir, file) = source.rsplit_once('/').unwrap_or(("", source));
    let name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let mut rels = Collect::new(&["Relationship"]);
    if let Some(bytes) = pkg.read(&name)? {
        xml::parse(&mut &bytes[..], &name, &mut rels)?;
    }
    Ok(rels
        .items
        .into_iter()
        .filter(|r| r.get("TargetMode").is_none_or(|m| m != "External"))
        .filter_map(|mut r| {
            let target = resolve(source, &r.remove("Target")?);
            Some((r.remove("Type")?, target))
        })
        .collect())
}

/// Collects the attributes of the elements named `names` (relationships,
/// content types), whatever their namespace.
struct Collect {
    names: &'static [&'static str],
    items: Vec<HashMap<String, String>>,
}

impl Collect {
    fn new(names: &'static [&'static str]) -> Self {
        Collect {
            names,
            items: Vec::new(),
        }
    }
}

impl Handler for Collect {
    fn start(&mut self, el: &Elem<'_>) -> Result<Flow, DocError> {
        if self.names.contains(&el.local) {
            let attrs = [
                "Id",
                "Type",
                "Target",
                "TargetMode",
                "PartName",
                "Extension",
                "ContentType",
            ]
            .iter()
            .filter_map(|k| Some((k.to_string(), el.attr(k)?)))
            .collect();
            self.items.push(attrs);
        }
        Ok(Flow::Enter)
    }
    fn end(&mut self) {}
    fn text(&mut self, _: &str) {}
}

#[cfg(test)]
pub(crate) mod tests;
