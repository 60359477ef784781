//! The encoding of a web page: byte-order mark, then the encoding its
//! first 1024 bytes declare (`<meta charset>`, `<meta http-equiv>`, an
//! XML declaration), then the bytes themselves.

use crate::{decode_auto_hinted, decode_with, DocError};

/// How far into a page its encoding declaration is looked for (the HTML
/// standard's prescan reads 1024 bytes).
const PRESCAN: usize = 1024;

/// A decoded page.
#[derive(Debug)]
pub(crate) struct Page {
    pub text: String,
    pub encoding: &'static str,
    pub detected: bool,
    pub notes: Vec<String>,
}

/// Decodes a page: a byte-order mark wins, then the encoding the user
/// named (`label`), then the one the page declares, then UTF-8 or the
/// encoding detected from the bytes ([`crate::decode_auto_hinted`], with the language as a hint). A declaration
/// the bytes contradict loses: a page that says `windows-1252` but is
/// valid UTF-8 (with characters beyond ASCII) is read as UTF-8, and one
/// that says UTF-8 but is not valid UTF-8 is read as detected, with a
/// note either way.
pub(crate) fn decode_page(
    bytes: Vec<u8>,
    label: Option<&str>,
    lang: Option<&str>,
) -> Result<Page, DocError> {
    let decode_auto = |bytes, label| decode_auto_hinted(bytes, label, lang);
    let page = |d: crate::Decoded, notes: Vec<String>| Page {
        text: d.text,
        encoding: d.encoding,
        detected: d.detected,
        notes,
    };
    if label.is_some() || encoding_rs::Encoding::for_bom(&bytes).is_some() {
        return Ok(page(decode_auto(bytes, label)?, Vec::new()));
    }
    let Some(declared) = declared_label(bytes.get(..PRESCAN).unwrap_or(&bytes)) else {
        return Ok(page(decode_auto(bytes, None)?, Vec::new()));
    };
    let Some(encoding) = encoding_rs::Encoding::for_label(declared.as_bytes()) else {
        let note = format!("the page declares an unknown encoding '{declared}'; ignored");
        return Ok(page(decode_auto(bytes, None)?, vec![note]));
    };
    // As browsers do: a UTF-16 declaration in bytes read as ASCII is
    // wrong (a real UTF-16 page has a byte-order mark), and
    // x-user-defined is windows-1252.
    let encoding = match encoding.name() {
        "UTF-16LE" | "UTF-16BE" => encoding_rs::UTF_8,
        "x-user-defined" => encoding_rs::WINDOWS_1252,
        _ => encoding,
    };
    let utf8 = std::str::from_utf8(&bytes).is_ok();
    if encoding == encoding_rs::UTF_8 {
        let d = decode_auto(bytes, None)?;
        let notes = if d.detected {
            vec![format!(
                "the page declares UTF-8 but is not UTF-8; read as {} (detected)",
                d.encoding
            )]
        } else {
            Vec::new()
        };
        return Ok(Page {
            detected: false,
            ..page(d, notes)
        });
    }
    if utf8 && !bytes.is_ascii() {
        let note = format!("the page declares {declared} but its bytes are UTF-8; read as UTF-8");
        return Ok(page(decode_auto(bytes, None)?, vec![note]));
    }
    let text = decode_with(&bytes, encoding.name())?;
    Ok(Page {
        text,
        encoding: encoding.name(),
        detected: false,
        notes: Vec::new(),
    })
}

/// The encoding label a page's start declares: in a `<meta charset>`, a
/// `<meta http-equiv="content-type" content="…; charset=…">`, or an XML
/// declaration (`<?xml … encoding="…"?>`, for XHTML). Comments are
/// skipped, as the HTML standard's prescan does.
fn declared_label(head: &[u8]) -> Option<String> {
    if let Some(rest) = head.strip_prefix(b"<?xml") {
        let end = find(rest, b"?>").unwrap_or(rest.len());
        let decl = rest.get(..end).unwrap_or_default();
        if let Some(v) = attrs(decl).into_iter().find(|(n, _)| n == "encoding") {
            return Some(v.1);
        }
    }
    let mut at = 0;
    while let Some(off) = head
        .get(at..)
        .and_then(|h| h.iter().position(|&b| b == b'<'))
    {
        let start = at + off;
        let rest = head.get(start..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            at = start + 4 + find(rest.get(4..).unwrap_or_default(), b"-->")? + 3;
            continue;
        }
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let tag = rest.get(1..end).unwrap_or_default();
        at = start + end.max(1);
        let is_meta = tag.len() > 4
            && tag
                .get(..4)
                .is_some_and(|t| t.eq_ignore_ascii_case(b"meta"))
            && tag
                .get(4)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/');
        if !is_meta {
            continue;
        }
        let attrs = attrs(tag.get(4..).unwrap_or_default());
        let get = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        if let Some(charset) = get("charset") {
            return Some(charset.trim().to_string());
        }
        let content_type =
            get("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("content-type"));
        if let (true, Some(content)) = (content_type, get("content")) {
            if let Some(charset) = charset_in_content(content) {
                return Some(charset);
            }
        }
    }
    None
}

/// The attributes of a tag's inside as (lower-cased name, value) pairs.
fn attrs(tag: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(tag);
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let s = text.as_ref();
    loop {
        while chars
            .next_if(|(_, c)| c.is_whitespace() || *c == '/')
            .is_some()
        {}
        let Some(&(name_start, _)) = chars.peek() else {
            break;
        };
        let mut name_end = s.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '/' {
                name_end = i;
                break;
            }
            chars.next();
        }
        let name = s
            .get(name_start..name_end)
            .unwrap_or_default()
            .to_ascii_lowercase();
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if(|(_, c)| *c == '=').is_some() {
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            match chars.peek().map(|&(_, c)| c) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some((_, c)) = chars.next_if(|(_, c)| !c.is_whitespace()) {
                        value.push(c);
                    }
                }
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

/// The charset of a `content` attribute (`text/html; charset=utf-8`).
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content
        .get(at + 7..)?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest.get(1..)?.split(q).next()?,
        _ => rest.split(|c: char| c.is_whitespace() || c == ';').next()?,
    };
    (!value.is_empty()).then(|| value.to_string())
}

/// The offset of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_in_the_first_kilobyte() {
        let cases: &[(&str, Option<&str>)] = &[
            ("<meta charset=\"windows-1252\">", Some("windows-1252")),
            ("<META CHARSET=iso-8859-2>", Some("iso-8859-2")),
            ("<meta charset='koi8-r' />", Some("koi8-r")),
            (
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
                Some("ISO-8859-1"),
            ),
            (
                "<meta content='text/html;charset=\"utf-8\"' http-equiv=content-type>",
                Some("utf-8"),
            ),
            (
                "<meta http-equiv=\"refresh\" content=\"5; charset=x\">",
                None,
            ),
            (
                "<!-- <meta charset=koi8-r> --><meta charset=utf-8>",
                Some("utf-8"),
            ),
            ("<metadata charset=x><p>no", None),
            (
                "<?xml version=\"1.0\" encoding=\"ISO-8859-7\"?><html>",
                Some("ISO-8859-7"),
            ),
            ("<html><head><title>t</title></head>", None),
        ];
        for (page, want) in cases {
            assert_eq!(declared_label(page.as_bytes()).as_deref(), *want, "{page}");
        }
        let late = " ".repeat(PRESCAN) + "<meta charset=koi8-r>";
        assert_eq!(
            declared_label(late.get(..PRESCAN).unwrap().as_bytes()),
            None
        );
    }

    #[test]
    fn the_declared_encoding_is_used_unless_the_bytes_contradict_it() {
        let latin = b"<meta charset=windows-1252><p>Caf\xE9".to_vec();
        let p = decode_page(latin, None, None).unwrap();
        assert_eq!(
            (p.text.as_str(), p.encoding),
            ("<meta charset=windows-1252><p>Café", "windows-1252")
        );
        assert!(p.notes.is_empty() && !p.detected);
        // Declared Latin-1, written in UTF-8: UTF-8, with a note.
        let wrong = "<meta charset=iso-8859-1><p>Shqipëri".as_bytes().to_vec();
        let p = decode_page(wrong, None, None).unwrap();
        assert_eq!(
            (p.text.as_str(), p.encoding),
            ("<meta charset=iso-8859-1><p>Shqipëri", "UTF-8")
        );
        assert_eq!(p.notes.len(), 1, "{:?}", p.notes);
        // Declared UTF-8, written in windows-1252: detected, with a note.
        let wrong =
            b"<meta charset=utf-8><p>Caf\xE9 cr\xE8me, na\xEFve fa\xE7ade, d\xE9j\xE0 vu.".to_vec();
        let p = decode_page(wrong, None, None).unwrap();
        assert!(p.text.ends_with("déjà vu."), "{}", p.text);
        assert_eq!(p.notes.len(), 1);
        // The user's --encoding and a byte-order mark win.
        let p = decode_page(
            b"<meta charset=utf-8><p>\xE9".to_vec(),
            Some("iso-8859-2"),
            None,
        )
        .unwrap();
        assert!(p.text.ends_with('é'));
        let p = decode_page(
            b"\xEF\xBB\xBF<meta charset=koi8-r><p>\xC3\xA9".to_vec(),
            None,
            None,
        )
        .unwrap();
        assert!(p.text.ends_with('é'));
        // An unknown label is ignored, with a note.
        let p = decode_page(b"<meta charset=klingon><p>x".to_vec(), None, None).unwrap();
        assert_eq!(p.encoding, "UTF-8");
        assert_eq!(p.notes.len(), 1);
        // A UTF-16 declaration without a byte-order mark is read as UTF-8.
        let p = decode_page(b"<meta charset=utf-16><p>ok".to_vec(), None, None).unwrap();
        assert_eq!(p.encoding, "UTF-8");
    }
}
