//! Which format a file is, from its content (the extension breaks ties).

use std::io::Read;

use crate::{DocError, Format};

/// The OLE compound file signature: legacy Office files (`.doc`, `.xls`,
/// `.ppt`) and password-protected Office Open XML files.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// How far into a file the signatures of text formats are looked for.
const HEAD: usize = 4096;

/// The format of a file from its bytes: a zip container by its parts
/// (DOCX by its content types or `word/document.xml`, ODT by its
/// `mimetype`), PDF by `%PDF-` in its first kilobyte, HTML by a doctype or
/// an `<html>`, `<head>` or `<body>` tag near its start, WebVTT by its
/// `WEBVTT` line, SRT by a cue number followed by a timing line;
/// otherwise the extension (`ext`, without the dot) decides among the
/// text formats (`md` is Markdown, `html` HTML, `srt`/`vtt` subtitles),
/// and plain text is the default.
///
/// Formats ura recognises but does not read are errors saying what to do:
/// legacy Word/Excel/PowerPoint files and password-protected Office files
/// (OLE compound files), RTF, spreadsheets and presentations (OOXML or
/// OpenDocument), EPUB and other zip archives, TMX and other XML.
///
/// ```
/// use ura_doc::{sniff_format, Format};
/// assert_eq!(sniff_format(b"%PDF-1.7\n...", None).unwrap(), Format::Pdf);
/// assert_eq!(sniff_format(b"<!DOCTYPE html><p>Hi", None).unwrap(), Format::Html);
/// assert_eq!(sniff_format(b"# Title\n\nText", Some("md")).unwrap(), Format::Markdown);
/// assert_eq!(sniff_format(b"# Title\n\nText", Some("txt")).unwrap(), Format::Text);
/// let err = sniff_format(b"{\\rtf1\\ansi Hello}", None).unwrap_err();
/// assert!(err.to_string().contains("save it as .docx"));
/// ```
pub fn sniff_format(bytes: &[u8], ext: Option<&str>) -> Result<Format, DocError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_format(bytes);
    }
    if bytes.starts_with(OLE) {
        return Err(ole_error(bytes));
    }
    let head = bytes.get(..HEAD).unwrap_or(bytes);
    if memfind(head.get(..1024).unwrap_or(head), b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if plain_start(head) {
        return Ok(by_extension(ext));
    }
    text_format(bytes, head, ext)
}

/// The format of a file that is no container, no PDF, from its start
/// `head` decoded ([`text_head`]); `bytes` are the whole file.
fn text_format(bytes: &[u8], head: &[u8], ext: Option<&str>) -> Result<Format, DocError> {
    let head = text_head(head);
    let start = head.trim_start();
    if start.starts_with("{\\rtf") {
        return Err(DocError::Unsupported(
            "RTF is not supported; save it as .docx or .odt (or as plain text)".into(),
        ));
    }
    if start.starts_with("WEBVTT") {
        return Ok(Format::WebVtt);
    }
    if looks_like_srt(start) {
        return Ok(Format::Srt);
    }
    if start.starts_with('<') {
        if start.contains("<office:document") {
            return flat_odf_format(bytes);
        }
        if let Some(format) = markup_format(start)? {
            return Ok(format);
        }
    }
    Ok(by_extension(ext))
}

/// The text format that the extension `ext` names, plain text by default.
fn by_extension(ext: Option<&str>) -> Format {
    match ext.and_then(Format::from_name) {
        Some(f @ (Format::Markdown | Format::Html | Format::Srt | Format::WebVtt)) => f,
        _ => Format::Text,
    }
}

/// Whether the start of a file without a byte-order mark is, after ASCII
/// whitespace, an ASCII character that starts none of the signatures
/// [`sniff_format`] looks for in [`text_head`] (`{\rtf`, `WEBVTT`, an SRT
/// cue number, `<`), or nothing: the head then need not be decoded, its
/// format is [`by_extension`]'s.
fn plain_start(head: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(head).is_some() {
        return false;
    }
    // The ASCII characters that `char::is_whitespace` (and so
    // `str::trim_start`) takes.
    let Some(at) = head
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
    else {
        return true;
    };
    let rest = head.get(at..).unwrap_or_default();
    // A character of several bytes: no signature starts with one, but it
    // may be whitespace (U+3000) that the decoded head would skip.
    let len = match rest.first() {
        Some(b) if b.is_ascii() => return !matches!(b, b'{' | b'W' | b'<' | b'0'..=b'9'),
        Some(0xC2..=0xDF) => 2,
        Some(0xE0..=0xEF) => 3,
        Some(0xF0..=0xF4) => 4,
        _ => return false,
    };
    rest.get(..len)
        .and_then(|first| std::str::from_utf8(first).ok())
        .and_then(|first| first.chars().next())
        .is_some_and(|c| !c.is_whitespace() && c != '\u{feff}')
}

/// The start of a text file as text, lower-cased where ASCII: UTF-16 with
/// a byte-order mark decoded, anything else read as UTF-8 with invalid
/// bytes replaced (only ASCII signatures are looked for).
fn text_head(head: &[u8]) -> String {
    let text = match encoding_rs::Encoding::for_bom(head) {
        Some((enc, bom)) => enc
            .decode_without_bom_handling(head.get(bom..).unwrap_or_default())
            .0
            .into_owned(),
        None => String::from_utf8_lossy(head).into_owned(),
    };
    text.trim_start_matches('\u{feff}').to_string()
}

/// A cue number on the first line and an SRT timing line on the second.
fn looks_like_srt(start: &str) -> bool {
    let mut lines = start.lines().map(str::trim);
    let number = lines.next().unwrap_or_default();
    let timing = lines.next().unwrap_or_default();
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && timing.contains("-->")
        && timing.bytes().take(8).filter(|&b| b == b':').count() == 2
}

/// A flat OpenDocument file (one XML document, `<office:document>`): a
/// text document (`.fodt`) by the mimetype its root names (its many
/// namespace declarations may push that past the first kilobytes).
fn flat_odf_format(bytes: &[u8]) -> Result<Format, DocError> {
    let head = bytes.get(..64 << 10).unwrap_or(bytes);
    let Some(at) = memfind(head, b"office:mimetype=\"") else {
        return Ok(Format::Odt);
    };
    let rest = head.get(at + 17..).unwrap_or_default();
    let end = rest.iter().position(|&b| b == b'"').unwrap_or(rest.len());
    let mimetype = String::from_utf8_lossy(rest.get(..end).unwrap_or_default());
    match mimetype.as_ref() {
        "application/vnd.oasis.opendocument.text"
        | "application/vnd.oasis.opendocument.text-template" => Ok(Format::Odt),
        m => Err(DocError::Unsupported(format!(
            "this flat OpenDocument file is not a text document ({m}); ura reads .odt and .fodt text documents"
        ))),
    }
}

/// HTML or XHTML by its first tags; other XML is an error.
fn markup_format(start: &str) -> Result<Option<Format>, DocError> {
    let lower = start.to_ascii_lowercase();
    // A TMX file has a <body> too: it is told first.
    if lower.contains("<tmx") && !lower.contains("<html") {
        return Err(DocError::Unsupported(
            "this is a TMX file, already aligned (ura stats summarises it)".into(),
        ));
    }
    let html = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
        || lower.contains("http://www.w3.org/1999/xhtml");
    if html {
        return Ok(Some(Format::Html));
    }
    if lower.starts_with("<?xml") || lower.starts_with("<!doctype") {
        return Err(DocError::Unsupported(
            "an XML document that is not XHTML; ura reads text, DOCX, ODT, HTML, Markdown, PDF, SRT and WebVTT"
                .into(),
        ));
    }
    Ok(None)
}

/// The format of a zip archive from its parts.
fn zip_format(bytes: &[u8]) -> Result<Format, DocError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        DocError::Corrupt(format!(
            "a damaged or truncated zip archive ({e}); open the file and save it again"
        ))
    })?;
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("word/document.xml") {
        return Ok(Format::Docx);
    }
    if has("xl/workbook.xml") {
        return Err(xlsx_error());
    }
    if has("ppt/presentation.xml") {
        return Err(pptx_error());
    }
    let has_content = has("content.xml");
    let content_types = small_part(&mut zip, "[Content_Types].xml", 1 << 20);
    if content_types.contains("wordprocessingml.document.main")
        || content_types.contains("wordprocessingml.template.main")
        || content_types.contains("ms-word.document.macroEnabled.main")
        || content_types.contains("ms-word.template.macroEnabledTemplate.main")
    {
        return Ok(Format::Docx);
    }
    let mimetype = small_part(&mut zip, "mimetype", 200);
    match mimetype.trim() {
        "application/vnd.oasis.opendocument.text"
        | "application/vnd.oasis.opendocument.text-template" => Ok(Format::Odt),
        m if m.starts_with("application/vnd.oasis.opendocument.") => {
            Err(DocError::Unsupported(format!(
                "this OpenDocument file is not a text document ({m}); ura reads .odt text documents"
            )))
        }
        "application/epub+zip" => Err(DocError::Unsupported(
            "EPUB is not supported; save the book as .docx, .odt or HTML".into(),
        )),
        _ if has_content => Ok(Format::Odt),
        _ => Err(DocError::Unsupported(
            "a zip archive that is not a Word (.docx) or OpenDocument text (.odt) document".into(),
        )),
    }
}

/// The error for an Excel workbook given as a Word document.
pub(crate) fn xlsx_error() -> DocError {
    DocError::Unsupported(
        "this is an Excel workbook (.xlsx), not a Word document; ura reads .docx, .odt and text"
            .into(),
    )
}

/// The error for a PowerPoint presentation given as a Word document.
pub(crate) fn pptx_error() -> DocError {
    DocError::Unsupported(
        "this is a PowerPoint presentation (.pptx); save it as .docx or PDF first".into(),
    )
}

/// The text of a small zip part (at most `limit` bytes of it), or nothing.
fn small_part<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
) -> String {
    let mut text = String::new();
    if let Ok(part) = zip.by_name(name) {
        let _ = part.take(limit).read_to_string(&mut text);
    }
    text
}

/// What an OLE compound file is, as an error saying what to do.
fn ole_error(bytes: &[u8]) -> DocError {
    let utf16 =
        |name: &str| -> Vec<u8> { name.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let holds = |name: &str| memfind(bytes, &utf16(name)).is_some();
    if holds("EncryptedPackage") {
        DocError::Encrypted(
            "a password-protected Office document; remove the password (save a copy without it) and try again"
                .into(),
        )
    } else if holds("WordDocument") {
        DocError::Unsupported("Word 97–2003 .doc is not supported; save it as .docx".into())
    } else if holds("Workbook") || holds("Book") {
        DocError::Unsupported(
            "an Excel 97–2003 .xls workbook, not a text document; ura reads .docx, .odt and text"
                .into(),
        )
    } else if holds("PowerPoint Document") {
        DocError::Unsupported(
            "a PowerPoint 97–2003 .ppt presentation; save it as .docx or PDF first".into(),
        )
    } else {
        DocError::Unsupported(
            "an OLE compound file (a legacy Office format); save it as .docx".into(),
        )
    }
}

/// The offset of `needle` in `hay`.
fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_start_is_sniffed_as_the_slow_way_sniffs_it() {
        let heads: &[&[u8]] = &[
            b"",
            b"   \n\t\r\x0b\x0c",
            b"Hello.",
            b"  hello <html>",
            b"\x0b\x0cText",
            b"\xEF\xBB\xBFHello",
            b"\xEF\xBB\xBF<html>",
            b"\xFF\xFEH\0i\0",
            b"\xFE\xFF\0H\0i",
            b"\xC2\xA0<html><body>x",
            b"\xE3\x80\x80WEBVTT\n",
            b"\xFF<html>",
            b"\x1c<html>",
            b"  <html><body>x",
            b"<tmx version=\"1.4\"><body>",
            b"<?xml version=\"1.0\"?><root/>",
            b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi",
            b"1\n00:00:01,000 --> 00:00:02,000\nHi",
            b"12 apples",
            b"{\\rtf1 Hello}",
            b"{ \"json\": 1 }",
            b"# Title\n\nText",
            b"W is a letter",
            b"\xC3\xA9t\xC3\xA9",
            b"\0binary",
            "第一句。".as_bytes(),
            "  Ünnep <html>".as_bytes(),
            "\u{3000}<html><body>x".as_bytes(),
            "\u{2028}WEBVTT\n".as_bytes(),
            "\u{85}1\n00:00:01,000 --> 00:00:02,000\nHi".as_bytes(),
            b" \xEF\xBB\xBF<html>",
            b"\xE4\xB8",
            b"\xC3(<html>",
            b"\xF0\x9F\x91\x8D ok",
            b"\xF5\x80\x80\x80",
        ];
        for &head in heads {
            for ext in [
                None,
                Some("txt"),
                Some("md"),
                Some("html"),
                Some("srt"),
                Some("vtt"),
            ] {
                let slow = text_format(head, head, ext).map_err(|e| e.to_string());
                if plain_start(head) {
                    assert_eq!(slow, Ok(by_extension(ext)), "{head:?} {ext:?}");
                }
                let fast = sniff_format(head, ext).map_err(|e| e.to_string());
                assert_eq!(fast, slow, "{head:?} {ext:?}");
            }
        }
        assert!(plain_start(b"Hello."));
        assert!(!plain_start(b"<p>"));
    }

    #[test]
    fn text_formats_by_content_and_extension() {
        let cases: &[(&[u8], Option<&str>, Format)] = &[
            (b"Hello.", None, Format::Text),
            (b"Hello.", Some("html"), Format::Html),
            (b"<p>Hello.</p>", Some("htm"), Format::Html),
            (
                b"\xEF\xBB\xBF<!DOCTYPE html>\n<p>x",
                Some("txt"),
                Format::Html,
            ),
            (
                b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
                None,
                Format::Html,
            ),
            (
                b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi",
                Some("txt"),
                Format::WebVtt,
            ),
            (b"1\n00:00:01,000 --> 00:00:02,500\nHi\n", None, Format::Srt),
            (
                b"1\r\n00:00:01,000 --> 00:00:02,500\r\nHi\r\n",
                None,
                Format::Srt,
            ),
            (b"1. The first point\n2. The second", None, Format::Text),
            (b"Hi", Some("vtt"), Format::WebVtt),
            (b"# Title", Some("MD"), Format::Markdown),
            (b"<b>bold</b> text", None, Format::Text),
            (b"%PDF-1.4\n%\xE2\xE3\xCF\xD3", Some("txt"), Format::Pdf),
        ];
        for (bytes, ext, want) in cases {
            assert_eq!(
                sniff_format(bytes, *ext).unwrap(),
                *want,
                "{:?} {ext:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<html><body>Hi".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(sniff_format(&utf16, None).unwrap(), Format::Html);
    }

    #[test]
    fn formats_ura_does_not_read_say_what_to_do() {
        let mut doc = OLE.to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        let err = sniff_format(&doc, Some("doc")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Word 97–2003 .doc is not supported; save it as .docx"
        );
        let mut enc = OLE.to_vec();
        enc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(matches!(
            sniff_format(&enc, Some("docx")),
            Err(DocError::Encrypted(_))
        ));
        let tmx =
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">";
        assert!(sniff_format(tmx, None)
            .unwrap_err()
            .to_string()
            .contains("TMX"));
        // A whole TMX has a <body>, which is no HTML's.
        let tmx = b"<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu/></body></tmx>";
        assert!(sniff_format(tmx, Some("tmx"))
            .unwrap_err()
            .to_string()
            .contains("TMX"));
        let truncated = b"PK\x03\x04\x14\x00\x00\x00";
        assert!(matches!(
            sniff_format(truncated, Some("docx")),
            Err(DocError::Corrupt(_))
        ));
    }

    /// A zip archive holding `parts` (name, content), stored.
    pub(crate) fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, content) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(content.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn zip_containers_by_their_parts() {
        let docx = zip_of(&[
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ]);
        assert_eq!(sniff_format(&docx, Some("zip")).unwrap(), Format::Docx);
        let odt = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", "<x/>"),
        ]);
        assert_eq!(sniff_format(&odt, Some("docx")).unwrap(), Format::Odt);
        let xlsx = zip_of(&[("xl/workbook.xml", "<workbook/>")]);
        let err = sniff_format(&xlsx, Some("docx")).unwrap_err().to_string();
        assert!(err.contains("Excel workbook"), "{err}");
        let ods = zip_of(&[("mimetype", "application/vnd.oasis.opendocument.spreadsheet")]);
        assert!(sniff_format(&ods, None).is_err());
        // The main part found by its content type alone (a template).
        let dotx = zip_of(&[(
            "[Content_Types].xml",
            r#"<Types><Override PartName="/word/main.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"/></Types>"#,
        )]);
        assert_eq!(sniff_format(&dotx, None).unwrap(), Format::Docx);
        // Flat OpenDocument: text is ODT, a spreadsheet is not read.
        let flat = |mimetype: &str| {
            format!(
                "<?xml version=\"1.0\"?>\n<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\" office:mimetype=\"{mimetype}\">"
            )
        };
        let fodt = flat("application/vnd.oasis.opendocument.text");
        assert_eq!(sniff_format(fodt.as_bytes(), None).unwrap(), Format::Odt);
        let fods = flat("application/vnd.oasis.opendocument.spreadsheet");
        let err = sniff_format(fods.as_bytes(), Some("fodt")).unwrap_err();
        assert!(err.to_string().contains("not a text document"), "{err}");
        let other = zip_of(&[("readme.txt", "hi")]);
        assert!(matches!(
            sniff_format(&other, None),
            Err(DocError::Unsupported(_))
        ));
    }
}
