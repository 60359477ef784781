//! Subtitles: SubRip (`.srt`) and WebVTT (`.vtt`), one
//! [`BlockKind::Cue`] block per cue with its start and end time.
//!
//! SRT: numbered cues, a timing line `00:01:02,500 --> 00:01:04,000`
//! (a `.` for the comma, one-digit hours and coordinates after the times
//! are read too), text lines, a blank line. WebVTT: a `WEBVTT` header
//! (and header lines up to the first blank line), then blocks: `NOTE`,
//! `STYLE` and `REGION` blocks skipped, cues with an optional identifier
//! line, a timing line `[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt` with cue
//! settings after it, text lines. Markup in the text is stripped (see
//! [`markup`]). A cue whose timing line cannot be read is left out with
//! a note; a file with text but no readable cue is an error.

mod markup;

use crate::{BlockKind, DocError, Document, DocumentBuilder, Format};

/// A cue left out, for the note and the error.
struct Skipped {
    /// 1-based line number of its first line.
    line: usize,
    /// What was wrong.
    why: String,
}

/// Reads subtitles (`format` is [`Format::Srt`] or [`Format::WebVtt`])
/// from their decoded text.
pub(crate) fn read(
    text: &str,
    format: Format,
    encoding: &'static str,
) -> Result<Document, DocError> {
    let vtt = format == Format::WebVtt;
    let lines: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut builder = DocumentBuilder::new(format, encoding);
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut cues = 0usize;
    let mut k = 0;
    if vtt {
        match lines.first() {
            Some(first) if is_vtt_header(first) => {}
            _ if text.trim().is_empty() => {}
            _ => builder.note("no WEBVTT line at the start; read as WebVTT all the same"),
        }
        // The header block: up to the first blank line.
        if lines.first().is_some_and(|l| is_vtt_header(l)) {
            while k < lines.len() && !lines[k].trim().is_empty() {
                k += 1;
            }
        }
    }
    while k < lines.len() {
        if lines[k].trim().is_empty() {
            k += 1;
            continue;
        }
        // A block: up to the next blank line, or (SRT without blank lines
        // between cues) up to the next cue number before a timing line.
        let start = k;
        let mut end = k + 1;
        while end < lines.len() && !lines[end].trim().is_empty() {
            if !vtt
                && end > start + 1
                && is_srt_number(lines[end])
                && lines.get(end + 1).is_some_and(|l| l.contains("-->"))
            {
                break;
            }
            end += 1;
        }
        let block = &lines[start..end];
        k = end;
        if vtt && is_vtt_skipped_block(block[0]) {
            continue;
        }
        let Some(t) = block.iter().position(|l| l.contains("-->")) else {
            skipped.push(Skipped {
                line: start + 1,
                why: format!("no timing line in '{}'", shorten(block[0])),
            });
            continue;
        };
        // Before the timing line: the SRT number or the VTT identifier;
        // more lines there mean a damaged cue, but its timing still holds.
        let Some((start_ms, end_ms)) = timing(block[t], vtt) else {
            skipped.push(Skipped {
                line: start + t + 1,
                why: format!("the timing line '{}' cannot be read", shorten(block[t])),
            });
            continue;
        };
        let text = markup::cue_text(&block[t + 1..], vtt);
        builder.push(BlockKind::Cue { start_ms, end_ms }, &text);
        cues += 1;
    }
    if cues == 0 {
        if let Some(first) = skipped.first() {
            return Err(DocError::Corrupt(format!(
                "no readable subtitle cue: line {}: {}; a cue's timing reads {}",
                first.line,
                first.why,
                if vtt {
                    "00:01:02.500 --> 00:01:04.000"
                } else {
                    "00:01:02,500 --> 00:01:04,000"
                }
            )));
        }
    }
    if let Some(first) = skipped.first() {
        builder.note(format!(
            "{} cue{} left out (line {}: {})",
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" },
            first.line,
            first.why
        ));
    }
    Ok(builder.build())
}

/// The first line of a WebVTT file: `WEBVTT`, then nothing or a space,
/// tab and free text.
fn is_vtt_header(line: &str) -> bool {
    line.strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// A WebVTT block that holds no cue: `NOTE`, `STYLE`, `REGION`.
fn is_vtt_skipped_block(first: &str) -> bool {
    ["NOTE", "STYLE", "REGION"].iter().any(|kw| {
        first
            .strip_prefix(kw)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    }) && !first.contains("-->")
}

/// An SRT cue number line.
fn is_srt_number(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

/// A line cut to 40 characters for a message.
fn shorten(line: &str) -> String {
    let line = line.trim();
    match line.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

/// The start and end (ms) of a timing line; `None` when either time
/// cannot be read or the cue ends before it starts.
fn timing(line: &str, vtt: bool) -> Option<(u64, u64)> {
    let (a, b) = line.split_once("-->")?;
    let start = time(a.trim(), vtt)?;
    // Cue settings (WebVTT) or coordinates (SRT) follow the end time.
    let end = time(b.split_whitespace().next()?, vtt)?;
    (end >= start).then_some((start, end))
}

/// A time `[h:]mm:ss,mmm` (SRT also takes `.`; WebVTT only `.`), in
/// milliseconds.
fn time(s: &str, vtt: bool) -> Option<u64> {
    let (clock, frac) = match s.rsplit_once(if vtt { '.' } else { ',' }) {
        Some(parts) => parts,
        None if !vtt => s.rsplit_once('.')?,
        None => return None,
    };
    let digits = |t: &str, max: usize| -> Option<u64> {
        (!t.is_empty() && t.len() <= max && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let ms = match frac.len() {
        1 => digits(frac, 1)? * 100,
        2 => digits(frac, 2)? * 10,
        3 => digits(frac, 3)?,
        _ => return None,
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [m, s] if vtt => (0, digits(m, 2)?, digits(s, 2)?),
        [h, m, s] => (digits(h, 4)?, digits(m, 2)?, digits(s, 2)?),
        _ => return None,
    };
    if m > 59 || sec > 59 {
        return None;
    }
    Some(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_srt(text: &str, encoding: &'static str) -> Result<Document, DocError> {
        read(text, Format::Srt, encoding)
    }

    fn read_vtt(text: &str, encoding: &'static str) -> Result<Document, DocError> {
        read(text, Format::WebVtt, encoding)
    }

    /// (start, end, text) of every cue of a document.
    fn cues(doc: &Document) -> Vec<(u64, u64, String)> {
        doc.blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::Cue { start_ms, end_ms } => {
                    (start_ms, end_ms, doc.block_text(b).to_string())
                }
                other => panic!("not a cue: {other:?}"),
            })
            .collect()
    }

    fn c(start: u64, end: u64, text: &str) -> (u64, u64, String) {
        (start, end, text.to_string())
    }

    #[test]
    fn srt_cues_with_their_times() {
        type Case = (&'static str, &'static str, Vec<(u64, u64, String)>);
        let cases: Vec<Case> = vec![
            (
                "two cues, markup and dialogue",
                "1\n00:01:02,500 --> 00:01:04,000\n<i>Hello</i> there,\nmy friend.\n\n2\n00:01:05,000 --> 00:01:07,250\n- Coming?\n- {\\an8}Yes.\n",
                vec![c(62_500, 64_000, "Hello there, my friend."), c(65_000, 67_250, "- Coming?\n- Yes.")],
            ),
            (
                "CRLF, a BOM, one-digit hours, a dot, coordinates, no final newline",
                "\u{feff}1\r\n0:00:01.000 --> 0:00:02.000 X1:100 X2:200 Y1:10 Y2:50\r\nOne\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nTwo",
                vec![c(1000, 2000, "One"), c(3000, 4000, "Two")],
            ),
            (
                "no blank line between cues, extra blank lines, an empty cue",
                "1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:03,000 --> 00:00:04,000\nTwo\n\n\n\n3\n00:00:05,000 --> 00:00:06,000\n\n4\n00:00:07,000 --> 00:00:08,000\nFour\n",
                vec![c(1000, 2000, "One"), c(3000, 4000, "Two"), c(7000, 8000, "Four")],
            ),
            (
                "a cue without its number",
                "00:00:01,000 --> 00:00:02,000\nUnnumbered\n",
                vec![c(1000, 2000, "Unnumbered")],
            ),
            (
                "hours past 99",
                "1\n100:00:00,000 --> 100:00:01,000\nLate\n",
                vec![c(360_000_000, 360_001_000, "Late")],
            ),
        ];
        for (what, input, want) in cases {
            let doc = read_srt(input, "UTF-8").unwrap();
            assert_eq!(cues(&doc), want, "{what}");
            assert!(doc.notes.is_empty(), "{what}: {:?}", doc.notes);
            assert_eq!(doc.format, Format::Srt);
        }
    }

    #[test]
    fn webvtt_cues_with_their_times() {
        let input = "WEBVTT - a title\nKind: captions\nLanguage: en\n\n\
            NOTE This file was made by hand\nacross two lines\n\n\
            STYLE\n::cue { color: yellow }\n\n\
            REGION\nid:fred width:40%\n\n\
            intro\n00:01.000 --> 00:04.000 align:start line:0\n<v Roger>Hi &amp; welcome\n\n\
            00:00:05.500 --> 00:00:07.000\n<c.loud>Loud</c> <b>and</b> clear\n\n\
            3\n01:00:00.000 --> 01:00:01.000 region:fred\nAn hour in\n\n\
            NOTE a last note\n";
        let doc = read_vtt(input, "UTF-8").unwrap();
        assert_eq!(
            cues(&doc),
            vec![
                c(1000, 4000, "Hi & welcome"),
                c(5500, 7000, "Loud and clear"),
                c(3_600_000, 3_601_000, "An hour in"),
            ]
        );
        assert!(doc.notes.is_empty(), "{:?}", doc.notes);
        // Without the header, cues are still read, with a note.
        let doc = read_vtt("00:01.000 --> 00:02.000\nNo header\n", "UTF-8").unwrap();
        assert_eq!(cues(&doc), vec![c(1000, 2000, "No header")]);
        assert_eq!(doc.notes.len(), 1);
    }

    #[test]
    fn times_read_and_refused() {
        let cases: &[(&str, bool, Option<u64>)] = &[
            ("00:01:02,500", false, Some(62_500)),
            ("00:01:02.500", false, Some(62_500)),
            ("1:02:03,4", false, Some(3_723_400)),
            ("01:02.500", true, Some(62_500)),
            ("00:01:02.500", true, Some(62_500)),
            // WebVTT needs the dot, SRT the hours.
            ("00:01:02,500", true, None),
            ("01:02,500", false, None),
            ("00:61:02,500", false, None),
            ("00:01:02,5000", false, None),
            ("aa:01:02,500", false, None),
            ("", false, None),
        ];
        for (input, vtt, want) in cases {
            assert_eq!(time(input, *vtt), *want, "{input} vtt={vtt}");
        }
        assert_eq!(timing("00:00:02,000 --> 00:00:01,000", false), None);
    }

    #[test]
    fn broken_timing_lines_skip_the_cue_with_a_note() {
        let input = "1\n00:00:01,000 --> 00:00:02,000\nGood\n\n2\n00:00:xx,000 --> 00:00:04,000\nBad time\n\n3\nno timing at all\n\n4\n00:00:05,000 --> 00:00:06,000\nGood again\n";
        let doc = read_srt(input, "UTF-8").unwrap();
        assert_eq!(
            cues(&doc),
            vec![c(1000, 2000, "Good"), c(5000, 6000, "Good again")]
        );
        assert_eq!(
            doc.notes,
            ["2 cues left out (line 6: the timing line '00:00:xx,000 --> 00:00:04,000' cannot be read)"]
        );
    }

    #[test]
    fn nothing_readable_is_an_error_and_nothing_at_all_is_empty() {
        let err = read_srt("1\n00:00:01 --> 00:00:02\nNo milliseconds\n", "UTF-8").unwrap_err();
        assert!(matches!(err, DocError::Corrupt(_)));
        assert_eq!(
            err.to_string(),
            "no readable subtitle cue: line 2: the timing line '00:00:01 --> 00:00:02' cannot be read; a cue's timing reads 00:01:02,500 --> 00:01:04,000"
        );
        let err = read_vtt("WEBVTT\n\nJust text\n", "UTF-8").unwrap_err();
        assert!(err.to_string().contains("no timing line"), "{err}");
        for empty in ["", "\n\n", "WEBVTT\n", "WEBVTT\n\nNOTE only a note\n"] {
            let doc = read_vtt(empty, "UTF-8").unwrap();
            assert!(doc.blocks.is_empty(), "{empty:?}");
        }
        assert!(read_srt("", "UTF-8").unwrap().blocks.is_empty());
    }
}
