//! Streaming the XML parts of office documents to a format's handler:
//! one loop for DOCX and ODT that resolves namespaces and character
//! references, and refuses what no office program writes.
//!
//! - A DOCTYPE is refused: Office Open XML forbids DTDs in its parts and
//!   OpenDocument never writes one, so a part that has one was made to
//!   attack a parser (entity expansion, "billion laughs", external
//!   entities). quick-xml expands no entity; nothing here does either.
//! - An entity reference other than the five XML predefines and
//!   character references is an error (without a DTD it is undefined).
//! - Elements nest at most [`MAX_DEPTH`] deep; the loop keeps no stack
//!   of its own beyond a counter, and the handlers keep theirs in vectors.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::zipread::io_error;
use crate::DocError;

/// How deep elements may nest in a part. Real documents stay under 100
/// (a table in a table in a text box is some 30 levels).
pub const MAX_DEPTH: usize = 1000;

/// What the loop does with an element's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Read the content; [`Handler::end`] is called at the element's end.
    Enter,
    /// Skip the content; no call for it nor for the element's end.
    Skip,
}

/// An element as a handler sees it: its namespace URI (empty when it has
/// none), local name and attributes.
pub(crate) struct Elem<'a> {
    pub ns: &'a str,
    pub local: &'a str,
    start: &'a BytesStart<'a>,
}

impl Elem<'_> {
    /// The value of the attribute with local name `local`, whatever its
    /// prefix (`w:val`, `text:c`), with references resolved.
    pub fn attr(&self, local: &str) -> Option<String> {
        self.start
            .attributes()
            .flatten()
            .find(|a| a.key.local_name().into_inner() == local)
            .map(
                |a| match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                    Ok(v) => v.into_owned(),
                    Err(_) => a.value.to_string(),
                },
            )
    }
}

/// A format's reader of a part's events.
pub(crate) trait Handler {
    /// An element starts (an empty one too: its end follows at once when
    /// this returns [`Flow::Enter`]).
    fn start(&mut self, el: &Elem<'_>) -> Result<Flow, DocError>;
    /// The element whose start returned [`Flow::Enter`] ends.
    fn end(&mut self);
    /// Character data (references resolved, line ends normalised).
    fn text(&mut self, text: &str);
}

/// Reads the XML part `part` from `source` into `handler`. UTF-8 (with
/// or without a byte-order mark) is streamed; UTF-16, which the formats
/// allow, is converted first.
pub(crate) fn parse(
    source: &mut dyn BufRead,
    part: &str,
    handler: &mut dyn Handler,
) -> Result<(), DocError> {
    let head = source.fill_buf().map_err(|e| io_error(part, &e))?;
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let mut bytes = Vec::new();
        source
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(part, &e))?;
        let encoding = if bytes.starts_with(&[0xFF, 0xFE]) {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, bad) = encoding.decode(&bytes);
        if bad {
            return Err(DocError::Corrupt(format!(
                "the part {part} is not valid UTF-16; open the file and save it again"
            )));
        }
        let mut slice = text.as_bytes();
        return run(&mut slice, part, handler);
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        source.consume(3);
    }
    run(source, part, handler)
}

/// The event loop.
fn run<R: BufRead>(source: R, part: &str, handler: &mut dyn Handler) -> Result<(), DocError> {
    let mut reader = NsReader::from_reader(source);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    // While skipping: the depth at which the skipped element started.
    let mut skip_from: Option<usize> = None;
    let malformed = |pos: u64, e: &dyn std::fmt::Display| {
        DocError::Corrupt(format!(
            "the part {part} is not well-formed XML (at byte {pos}: {e}); open the file and save it again"
        ))
    };
    loop {
        buf.clear();
        let pos = reader.buffer_position();
        let (ns, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok(ok) => ok,
            Err(quick_xml::Error::Io(e)) => return Err(io_error(part, &e)),
            Err(e) => return Err(malformed(reader.error_position(), &e)),
        };
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let empty = matches!(event, Event::Empty(_));
                if !empty {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(DocError::TooLarge(format!(
                            "the part {part} nests elements more than {MAX_DEPTH} deep; refused"
                        )));
                    }
                }
                if skip_from.is_some() {
                    continue;
                }
                let el = Elem {
                    ns: namespace(&ns),
                    local: start.local_name().into_inner(),
                    start,
                };
                let flow = handler.start(&el)?;
                match (flow, empty) {
                    (Flow::Enter, true) => handler.end(),
                    (Flow::Skip, false) => skip_from = Some(depth),
                    _ => {}
                }
            }
            Event::End(_) => {
                match skip_from {
                    Some(d) if d == depth => skip_from = None,
                    Some(_) => {}
                    None => handler.end(),
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if skip_from.is_none() => handler.text(&t.xml10_content()),
            Event::CData(t) if skip_from.is_none() => handler.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match &*r {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().map_err(|e| malformed(pos, &e))?,
                };
                let Some(c) = c else {
                    return Err(malformed(
                        pos,
                        &format!("the entity &{}; is not defined", &*r),
                    ));
                };
                if skip_from.is_none() {
                    let mut tmp = [0u8; 4];
                    handler.text(c.encode_utf8(&mut tmp));
                }
            }
            Event::DocType(_) => {
                return Err(DocError::Unsupported(format!(
                    "the part {part} declares a DOCTYPE, which Word and LibreOffice never write; \
                     refused (entity declarations can attack a reader): open the file and save it again"
                )))
            }
            Event::Eof => {
                if depth > 0 {
                    return Err(malformed(pos, &"the part ends inside an element"));
                }
                return Ok(());
            }
            _ => {}
        }
    }
}

/// The namespace URI of a resolved name (empty when unbound or unknown).
fn namespace<'n>(ns: &ResolveResult<'n>) -> &'n str {
    match ns {
        ResolveResult::Bound(n) => n.into_inner(),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records `name(attr)` at starts, `/` at ends and text.
    #[derive(Default)]
    struct Log(Vec<String>);

    impl Handler for Log {
        fn start(&mut self, el: &Elem<'_>) -> Result<Flow, DocError> {
            self.0.push(format!("{}|{}", el.ns, el.local));
            Ok(if el.local == "skip" {
                Flow::Skip
            } else {
                Flow::Enter
            })
        }
        fn end(&mut self) {
            self.0.push("/".into());
        }
        fn text(&mut self, text: &str) {
            self.0.push(text.into());
        }
    }

    fn log(xml: &[u8]) -> Result<Vec<String>, DocError> {
        let mut h = Log::default();
        parse(&mut &xml[..], "test.xml", &mut h)?;
        Ok(h.0)
    }

    #[test]
    fn namespaces_resolve_whatever_the_prefix() {
        let got = log(b"<x:a xmlns:x=\"urn:a\"><b xmlns=\"urn:b\">t&amp;&#x2019;</b><skip><c/>hidden</skip><x:e/></x:a>").unwrap();
        assert_eq!(
            got,
            ["urn:a|a", "urn:b|b", "t", "&", "\u{2019}", "/", "|skip", "urn:a|e", "/", "/"]
        );
    }

    #[test]
    fn utf16_and_bom_parts_are_read() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("<a>é</a>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(log(&utf16).unwrap(), ["|a", "é", "/"]);
        assert_eq!(log(b"\xEF\xBB\xBF<a>x</a>").unwrap(), ["|a", "x", "/"]);
    }

    #[test]
    fn hostile_xml_is_refused() {
        let laughs = b"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><a>&lol2;</a>";
        let err = log(laughs).unwrap_err();
        assert!(err.to_string().contains("DOCTYPE"), "{err}");
        let undefined = log(b"<a>&nbsp;</a>").unwrap_err();
        assert!(
            undefined.to_string().contains("&nbsp; is not defined"),
            "{undefined}"
        );
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(matches!(log(deep.as_bytes()), Err(DocError::TooLarge(_))));
        // Just under the limit is fine, however deep it skips.
        let ok = format!(
            "{}{}",
            "<skip>".repeat(MAX_DEPTH),
            "</skip>".repeat(MAX_DEPTH)
        );
        assert!(log(ok.as_bytes()).is_ok());
        for bad in [&b"<a><b></a>"[..], b"<a>", b"\xFF\xFE\x00\xD8"] {
            assert!(
                matches!(log(bad), Err(DocError::Corrupt(_))),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
