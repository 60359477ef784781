//! TMX 1.4b: a writer that CAT tools accept, and a reader for the same
//! subset.
//!
//! What the writer guarantees (see `../shared/formats/CAT-TOOLS.md`): the
//! header carries every attribute the DTD requires; each `<tu>` has exactly
//! two `<tuv>` (Trados imports bilingual units only) with `xml:lang` codes
//! in BCP 47 form (`en-US`, never `en_US`); characters that XML 1.0 does
//! not allow (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) are
//! removed and counted, since one of them makes OmegaT drop the whole
//! file; units are `segtype="sentence"` so OmegaT uses multi-sentence
//! units as they are.

use std::io::Write;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// The header of a TMX file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TmxHeader {
    /// Source language (a BCP 47 code; see [`normalize_lang`]).
    pub src_lang: String,
    /// Target language.
    pub tgt_lang: String,
    /// Creation date in TMX form, `YYYYMMDDThhmmssZ` (see [`tmx_date`]).
    pub creation_date: String,
    /// Version of the tool that wrote the file.
    pub tool_version: String,
}

/// One translation unit: a source segment, a target segment and
/// properties.
#[derive(Debug, Clone, PartialEq)]
pub struct TmxUnit {
    /// Source text.
    pub src: String,
    /// Target text.
    pub tgt: String,
    /// Properties as (type, value); types should start with `x-`.
    pub props: Vec<(String, String)>,
}

/// What the writer did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TmxStats {
    /// Units written.
    pub units: usize,
    /// Characters removed because XML 1.0 does not allow them.
    pub removed_chars: usize,
}

pub use ura_lang::LangError;

/// Errors of the TMX reader.
#[derive(Debug, thiserror::Error)]
pub enum TmxError {
    /// The XML is malformed.
    #[error("malformed XML at byte {pos}: {message}")]
    Xml {
        /// Byte offset where the reader stopped.
        pos: u64,
        /// What went wrong.
        message: String,
    },
    /// A document whose root element is not `<tmx>`.
    #[error("not a TMX file ({0})")]
    NotTmx(String),
    /// A `<tu>` without exactly two `<tuv>`.
    #[error("translation unit {index} has {count} language variants, expected 2")]
    Variants {
        /// 0-based index of the unit.
        index: usize,
        /// How many `<tuv>` it had.
        count: usize,
    },
}

/// Normalises a language code to BCP 47 form (`en_US` → `en-US`); see
/// [`ura_lang::normalize`].
pub fn normalize_lang(code: &str) -> Result<String, LangError> {
    ura_lang::normalize(code)
}

/// Whether XML 1.0 allows `c` in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML 1.0 does not allow, and how many
/// were removed.
fn xml_clean(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if text.chars().all(is_xml_char) {
        return (text.into(), 0);
    }
    let kept: String = text.chars().filter(|&c| is_xml_char(c)).collect();
    let removed = text.chars().count() - kept.chars().count();
    (kept.into(), removed)
}

/// Escapes text content: the XML specials, and CR as a character
/// reference so that a parser's end-of-line handling keeps it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// A TMX date (`YYYYMMDDThhmmssZ`, UTC) for a time in seconds since the
/// Unix epoch.
pub fn tmx_date(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

/// Writes a TMX 1.4b document with one `<tu>` per unit (a slice, or
/// units made one at a time as they are written).
pub fn write_tmx<W: Write, U: std::borrow::Borrow<TmxUnit>>(
    out: W,
    header: &TmxHeader,
    units: impl IntoIterator<Item = U>,
) -> std::io::Result<TmxStats> {
    let mut w = TmxWriter::new(out, header)?;
    for unit in units {
        w.write_unit(unit.borrow())?;
    }
    Ok(w.finish()?.1)
}

/// Writes a TMX 1.4b document unit by unit, so that a large corpus never
/// has to be held in memory: [`TmxWriter::new`] writes the header,
/// [`TmxWriter::write_unit`] one `<tu>`, [`TmxWriter::finish`] the end.
pub struct TmxWriter<W: Write> {
    w: Writer<W>,
    src_lang: String,
    tgt_lang: String,
    stats: TmxStats,
}

impl<W: Write> TmxWriter<W> {
    /// Starts a document: declaration, doctype, `<tmx>`, `<header>`,
    /// `<body>`.
    pub fn new(out: W, header: &TmxHeader) -> std::io::Result<Self> {
        let mut w = Writer::new(out);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.get_mut()
            .write_all(b"\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n")?;
        w.write_event(Event::Start(
            BytesStart::new("tmx").with_attributes([("version", "1.4")]),
        ))?;
        w.get_mut().write_all(b"\n  ")?;
        let head = BytesStart::new("header").with_attributes([
            ("creationtool", "ura"),
            ("creationtoolversion", header.tool_version.as_str()),
            ("segtype", "sentence"),
            ("o-tmf", "ura"),
            ("adminlang", "en"),
            ("srclang", header.src_lang.as_str()),
            ("datatype", "plaintext"),
            ("creationdate", header.creation_date.as_str()),
        ]);
        w.write_event(Event::Empty(head))?;
        w.get_mut().write_all(b"\n  ")?;
        w.write_event(Event::Start(BytesStart::new("body")))?;
        Ok(TmxWriter {
            w,
            src_lang: header.src_lang.clone(),
            tgt_lang: header.tgt_lang.clone(),
            stats: TmxStats::default(),
        })
    }

    /// Writes one `<tu>`: its props, then the two `<tuv>`.
    pub fn write_unit(&mut self, unit: &TmxUnit) -> std::io::Result<()> {
        let w = &mut self.w;
        w.get_mut().write_all(b"\n    ")?;
        w.write_event(Event::Start(BytesStart::new("tu")))?;
        for (kind, value) in &unit.props {
            let (value, removed) = xml_clean(value);
            self.stats.removed_chars += removed;
            w.get_mut().write_all(b"\n      ")?;
            w.write_event(Event::Start(
                BytesStart::new("prop").with_attributes([("type", kind.as_str())]),
            ))?;
            w.write_event(Event::Text(BytesText::from_escaped(escape(&value))))?;
            w.write_event(Event::End(BytesEnd::new("prop")))?;
        }
        for (lang, text) in [(&self.src_lang, &unit.src), (&self.tgt_lang, &unit.tgt)] {
            let (text, removed) = xml_clean(text);
            self.stats.removed_chars += removed;
            w.get_mut().write_all(b"\n      ")?;
            w.write_event(Event::Start(
                BytesStart::new("tuv").with_attributes([("xml:lang", lang.as_str())]),
            ))?;
            w.write_event(Event::Start(BytesStart::new("seg")))?;
            w.write_event(Event::Text(BytesText::from_escaped(escape(&text))))?;
            w.write_event(Event::End(BytesEnd::new("seg")))?;
            w.write_event(Event::End(BytesEnd::new("tuv")))?;
        }
        w.get_mut().write_all(b"\n    ")?;
        w.write_event(Event::End(BytesEnd::new("tu")))?;
        self.stats.units += 1;
        Ok(())
    }

    /// Ends the document; returns the output and what was written.
    pub fn finish(mut self) -> std::io::Result<(W, TmxStats)> {
        let w = &mut self.w;
        w.get_mut().write_all(b"\n  ")?;
        w.write_event(Event::End(BytesEnd::new("body")))?;
        w.get_mut().write_all(b"\n")?;
        w.write_event(Event::End(BytesEnd::new("tmx")))?;
        w.get_mut().write_all(b"\n")?;
        Ok((self.w.into_inner(), self.stats))
    }
}

/// A translation unit as read back: the language and text of its two
/// variants, and its properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadUnit {
    /// (language, text) of the first `<tuv>`.
    pub src: (String, String),
    /// (language, text) of the second `<tuv>`.
    pub tgt: (String, String),
    /// Properties as (type, value).
    pub props: Vec<(String, String)>,
}

/// Reads the units of a TMX document written by [`write_tmx`] (or any
/// TMX whose units have exactly two variants).
pub fn read_tmx(xml: &str) -> Result<Vec<ReadUnit>, TmxError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut units = Vec::new();
    let mut variants: Vec<(String, String)> = Vec::new();
    let mut props: Vec<(String, String)> = Vec::new();
    let mut lang = String::new();
    let mut prop_type: Option<String> = None;
    let mut text = String::new();
    let mut in_seg = false;
    let mut root_seen = false;
    let xml_err = |reader: &quick_xml::Reader<&[u8]>, e: &dyn std::fmt::Display| TmxError::Xml {
        pos: reader.buffer_position(),
        message: e.to_string(),
    };
    loop {
        let event = reader.read_event().map_err(|e| xml_err(&reader, &e))?;
        match &event {
            Event::Start(e) | Event::Empty(e) if !root_seen => {
                root_seen = true;
                let name = e.name().into_inner().to_string();
                if name != "tmx" {
                    return Err(TmxError::NotTmx(format!(
                        "its root element is <{name}>, not <tmx>"
                    )));
                }
            }
            Event::Text(t) if !root_seen && !t.trim().is_empty() => {
                return Err(TmxError::NotTmx("it begins with text, not <tmx>".into()));
            }
            Event::Eof if !root_seen => {
                return Err(TmxError::NotTmx("it holds no XML element".into()))
            }
            _ => {}
        }
        match event {
            Event::Start(e) => match e.name().into_inner() {
                "tu" => {
                    variants.clear();
                    props.clear();
                }
                "tuv" => {
                    lang.clear();
                    for attr in e.attributes().flatten() {
                        if attr.key.into_inner() == "xml:lang" || attr.key.into_inner() == "lang" {
                            lang = attr
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map_err(|e| xml_err(&reader, &e))?
                                .into_owned();
                        }
                    }
                }
                "seg" => {
                    in_seg = true;
                    text.clear();
                }
                "prop" => {
                    text.clear();
                    prop_type = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.into_inner() == "type")
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        });
                }
                _ => {}
            },
            Event::Text(t) if in_seg || prop_type.is_some() => text.push_str(&t),
            Event::GeneralRef(r) if in_seg || prop_type.is_some() => {
                let name: &str = &r;
                let resolved = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                match resolved {
                    Some(c) => text.push(c),
                    None => return Err(xml_err(&reader, &format!("unknown entity &{name};"))),
                }
            }
            Event::CData(c) if in_seg => text.push_str(&c),
            Event::End(e) => match e.name().into_inner() {
                "seg" => {
                    in_seg = false;
                    variants.push((std::mem::take(&mut lang), std::mem::take(&mut text)));
                }
                "prop" => {
                    if let Some(kind) = prop_type.take() {
                        props.push((kind, std::mem::take(&mut text)));
                    }
                }
                "tu" => {
                    if variants.len() != 2 {
                        return Err(TmxError::Variants {
                            index: units.len(),
                            count: variants.len(),
                        });
                    }
                    let mut v = std::mem::take(&mut variants).into_iter();
                    if let (Some(src), Some(tgt)) = (v.next(), v.next()) {
                        units.push(ReadUnit {
                            src,
                            tgt,
                            props: std::mem::take(&mut props),
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> TmxHeader {
        TmxHeader {
            src_lang: "en".into(),
            tgt_lang: "sq".into(),
            creation_date: tmx_date(0),
            tool_version: "0.1.0".into(),
        }
    }

    #[test]
    fn language_codes_are_normalised_or_rejected() {
        assert_eq!(normalize_lang("en_US").unwrap(), "en-US");
        for (not_tmx, why) in [
            ("en,sq,score,bead\nHi,Tung,0.9,1-1\n", "it begins with text"),
            (
                "<?xml version=\"1.0\"?>\n<html><body/></html>",
                "its root element is <html>",
            ),
            ("", "it holds no XML element"),
        ] {
            let err = read_tmx(not_tmx).unwrap_err().to_string();
            assert!(
                err.starts_with("not a TMX file") && err.contains(why),
                "{err}"
            );
        }
        assert_eq!(normalize_lang("EN").unwrap(), "en");
        assert_eq!(normalize_lang("zh_hant_tw").unwrap(), "zh-Hant-TW");
        assert_eq!(normalize_lang("pt-br").unwrap(), "pt-BR");
        for bad in ["", "e", "english", "en US", "en-", "12"] {
            assert!(normalize_lang(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_are_utc_in_tmx_form() {
        assert_eq!(tmx_date(0), "19700101T000000Z");
        assert_eq!(tmx_date(951_782_400), "20000229T000000Z");
        assert_eq!(tmx_date(1_795_826_096), "20261128T003456Z");
    }

    #[test]
    fn hostile_text_round_trips_after_removing_illegal_characters() {
        let units = vec![
            TmxUnit {
                src: "Tom & Jerry <b> ]]> \"quoted\" 'x'".into(),
                tgt: "Tom & Jerry <b> ]]> \"thonjëza\" 'x'".into(),
                props: vec![("x-ura-score".into(), "0.9".into())],
            },
            TmxUnit {
                src: "bell\u{7} and NUL\u{0} and \u{FFFF} gone; tab\tkept, CR\r\nkept".into(),
                tgt: "مرحبا 👩‍👩‍👧 e\u{301}".into(),
                props: vec![],
            },
        ];
        let mut buf = Vec::new();
        let stats = write_tmx(&mut buf, &header(), &units).unwrap();
        assert_eq!(
            stats,
            TmxStats {
                units: 2,
                removed_chars: 3
            }
        );
        let xml = String::from_utf8(buf).unwrap();
        let back = read_tmx(&xml).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].src, ("en".to_string(), units[0].src.clone()));
        assert_eq!(back[0].tgt.1, units[0].tgt);
        assert_eq!(back[0].props, units[0].props);
        assert_eq!(
            back[1].src.1,
            "bell and NUL and  gone; tab\tkept, CR\r\nkept"
        );
        assert_eq!(back[1].tgt.1, units[1].tgt);
    }

    #[test]
    fn reader_rejects_units_without_two_variants_and_malformed_xml() {
        let one = r#"<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>"#;
        assert!(matches!(
            read_tmx(one),
            Err(TmxError::Variants { index: 0, count: 1 })
        ));
        assert!(matches!(
            read_tmx("<tmx><body><tu></body>"),
            Err(TmxError::Xml { .. })
        ));
    }
}
