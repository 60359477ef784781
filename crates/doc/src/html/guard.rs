//! A bound on the attributes of one tag, applied to the text before it is
//! tokenized.
//!
//! html5ever's tokenizer checks each new attribute of a tag against all
//! the tag's earlier ones, so a tag with n attributes costs O(n²): one
//! tag of 150,000 attributes (1.4 MB) took 8.8 s of CPU. Past
//! [`MAX_ATTRS`] a tag's further attributes are cut out of the text (no
//! attribute carries text ura reads).

use std::borrow::Cow;

/// Most attributes a tag keeps: real tags have a few dozen at most.
pub(crate) const MAX_ATTRS: usize = 1000;

/// Elements whose content the tokenizer reads as text, not as tags.
const RAW: [&[u8]; 9] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
];

/// `text` with the attributes past the [`MAX_ATTRS`]th of each tag cut
/// out, and how many tags were cut. Tags are found as the HTML tokenizer
/// finds them: comments and the content of raw-text elements (scripts,
/// styles, …) are passed over, quoted values may hold `>`.
pub(crate) fn cap_attributes(text: &str) -> (Cow<'_, str>, usize) {
    let b = text.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|r| memchr::memchr(b'<', r)) {
        let lt = i + off;
        let rest = b.get(lt..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let (end, name, cut) = tag(b, lt + 1);
        if let Some(from) = cut {
            cuts.push((from, end));
        }
        i = end;
        let raw = RAW.iter().find(|r| name.eq_ignore_ascii_case(r));
        if let Some(raw) = raw {
            // To the matching end tag, whatever it holds.
            let mut at = i;
            i = b.len();
            while let Some(off) = b.get(at..).and_then(|r| memchr::memchr(b'<', r)) {
                let p = at + off;
                let close = b.get(p + 2..p + 2 + raw.len());
                if b.get(p + 1) == Some(&b'/') && close.is_some_and(|c| c.eq_ignore_ascii_case(raw))
                {
                    i = p;
                    break;
                }
                at = p + 1;
            }
        }
    }
    if cuts.is_empty() {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for &(a, z) in &cuts {
        out.push_str(text.get(from..a).unwrap_or_default());
        from = z;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    (Cow::Owned(out), cuts.len())
}

/// Lexes the tag whose name starts at `i`: the offset of its `>` (or of
/// the end of the text), its name, and where its attributes past the
/// limit start.
fn tag(b: &[u8], mut i: usize) -> (usize, &[u8], Option<usize>) {
    let start = i;
    while b
        .get(i)
        .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'/' && c != b'>')
    {
        i += 1;
    }
    let name = b.get(start..i).unwrap_or_default();
    let mut count = 0;
    let mut cut = None;
    loop {
        while b
            .get(i)
            .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/')
        {
            i += 1;
        }
        match b.get(i) {
            None => return (b.len(), name, cut),
            Some(b'>') => return (i, name, cut),
            Some(_) => {}
        }
        count += 1;
        if count > MAX_ATTRS && cut.is_none() {
            cut = Some(i);
        }
        // The name (a first '=' belongs to it), then an optional value.
        i += 1;
        while b
            .get(i)
            .is_some_and(|&c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>' | b'='))
        {
            i += 1;
        }
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                i = b
                    .get(i + 1..)
                    .and_then(|r| memchr::memchr(q, r))
                    .map_or(b.len(), |e| i + 1 + e + 1);
            }
            _ => {
                while b
                    .get(i)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'>')
                {
                    i += 1;
                }
            }
        }
    }
}

/// The offset of `needle` in `b` from `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|e| from + e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_keep_their_first_attributes() {
        let many: String = (0..MAX_ATTRS + 5)
            .map(|k| format!(" a{k}=\"v>{k}\""))
            .collect();
        let page = format!("<p{many}>Text</p><b x>y</b>");
        let (capped, cut) = cap_attributes(&page);
        assert_eq!(cut, 1);
        let kept: String = (0..MAX_ATTRS).map(|k| format!(" a{k}=\"v>{k}\"")).collect();
        assert_eq!(capped, format!("<p{kept} >Text</p><b x>y</b>"));
        // Comments and scripts are passed over; pages with few attributes
        // are not copied.
        let words = "<b ".to_string() + &"w ".repeat(MAX_ATTRS + 5);
        for page in [
            format!("<!-- {words} --><p>x</p>"),
            format!("<script>if (a {words}) {{}}</script><p>x</p>"),
            "<p a=1 b='2' c=\"3\" d>x</p>".to_string(),
        ] {
            let (capped, cut) = cap_attributes(&page);
            assert!(matches!(capped, Cow::Borrowed(_)) && cut == 0, "{page}");
        }
        // Unterminated: to the end.
        let open = format!("<p{many}");
        let (capped, cut) = cap_attributes(&open);
        assert_eq!((capped.as_ref(), cut), (format!("<p{kept} ").as_str(), 1));
    }
}
