//! The text of a cue: markup stripped, entities decoded, lines joined.

/// The text of a cue from its lines: tags (`<i>`, `<b>`, `<u>`,
/// `<font …>`, `<c.x>`, `<v Speaker>`, `<lang …>`, `<ruby>`, inline
/// timestamps `<00:01.500>`) and ASS override blocks (`{\an8}`) removed,
/// ruby text (`<rt>…</rt>`) dropped, entities decoded when `entities`
/// (WebVTT), lines joined with a space but for a dialogue line starting
/// with a dash, which starts on a line of its own.
pub(crate) fn cue_text(lines: &[&str], entities: bool) -> String {
    let mut out = String::new();
    for line in lines {
        let mut text = strip_markup(line);
        if entities {
            text = decode_entities(&text);
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(if is_dialogue(&text) { '\n' } else { ' ' });
        }
        out.push_str(&text);
    }
    out
}

/// A line of dialogue: a dash, then a space or a letter (`- Yes.`,
/// `-Yes.`, `– Oui.`), not a negative number.
fn is_dialogue(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(chars.next(), Some('-' | '–' | '—'))
        && chars
            .next()
            .is_some_and(|c| c.is_whitespace() || c.is_alphabetic() || c == '¿' || c == '¡')
}

/// A line without its tags and override blocks.
fn strip_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    // Inside <rt>…</rt> (ruby annotations: pronunciation, not text).
    let mut ruby_text = false;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(len) = tag_len(rest) {
                let tag = rest[1..len - 1].trim().to_ascii_lowercase();
                if tag == "rt" || tag.starts_with("rt ") || tag.starts_with("rt.") {
                    ruby_text = true;
                } else if tag == "/rt" {
                    ruby_text = false;
                }
                rest = &rest[len..];
                continue;
            }
        }
        if c == '{' && rest[1..].starts_with('\\') {
            if let Some(end) = rest.find('}') {
                rest = &rest[end + 1..];
                continue;
            }
        }
        if !ruby_text {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of the tag `text` starts with: `<` then a letter, `/` or a
/// digit (a timestamp), up to the next `>` with no `<` before it.
fn tag_len(text: &str) -> Option<usize> {
    let body = text.get(1..)?;
    let first = body.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first.is_ascii_digit()) {
        return None;
    }
    let end = body.find(['>', '<'])?;
    (body.as_bytes()[end] == b'>').then_some(end + 2)
}

/// Character references decoded: the named ones WebVTT defines (and a
/// few more that real files hold) and numeric ones; anything else kept as
/// written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|k| k + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "lrm" => Some('\u{200e}'),
            "rlm" => Some('\u{200f}'),
            _ => name.strip_prefix('#').and_then(|num| {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_stripped_and_lines_joined() {
        let cases: &[(&[&str], bool, &str)] = &[
            (
                &["<i>Hello</i> there,", "my <b>friend</b>."],
                false,
                "Hello there, my friend.",
            ),
            (
                &["<font color=\"#ffff00\">Yellow</font> text"],
                false,
                "Yellow text",
            ),
            (
                &["{\\an8}On top", "of the screen"],
                false,
                "On top of the screen",
            ),
            (&["{\\i1}Slanted{\\i0} words"], false, "Slanted words"),
            (
                &["<v Roger Bingham>We are in New York City"],
                true,
                "We are in New York City",
            ),
            (
                &["<c.yellow.bg_blue>Coloured</c> and <u>underlined</u>"],
                true,
                "Coloured and underlined",
            ),
            (
                &["Karaoke <00:00:01.000>word <00:01.500>by word"],
                true,
                "Karaoke word by word",
            ),
            (
                &["<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>です"],
                true,
                "漢字です",
            ),
            (&["<lang en-GB>Colour</lang>"], true, "Colour"),
            (
                &["Tom &amp; Jerry &lt;3 &#233;t&#xE9; &nbsp;", "&bogus; & co"],
                true,
                "Tom & Jerry <3 été &bogus; & co",
            ),
            // SRT: entities are text, a lone < is no tag.
            (
                &["Tom &amp; Jerry", "a < b > c"],
                false,
                "Tom &amp; Jerry a < b > c",
            ),
            // Dialogue lines keep their own line.
            (
                &["- Are you coming?", "- Yes, I am."],
                false,
                "- Are you coming?\n- Yes, I am.",
            ),
            (&["Where to?", "-Home."], false, "Where to?\n-Home."),
            (&["It was", "-5 degrees"], false, "It was -5 degrees"),
            (&["  spaced   out  ", "", "<i></i>"], false, "spaced out"),
        ];
        for (lines, entities, want) in cases {
            assert_eq!(cue_text(lines, *entities), *want, "{lines:?}");
        }
    }
}
