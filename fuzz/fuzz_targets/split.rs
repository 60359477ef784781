//! The splitter on arbitrary text: spans are ordered, disjoint, trimmed,
//! on char boundaries, never empty once normalised, and only whitespace
//! (or invisible format characters) lies between them, in every language
//! with a rule file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ura_segment::{LineMode, Segmenter};

/// What may lie between sentences: whitespace, and the invisible
/// characters that carry nothing (a lone soft hyphen is no sentence).
fn blank(c: char) -> bool {
    c.is_whitespace() || ura_segment::is_invisible(c)
}

fuzz_target!(|data: &[u8]| {
    let (mode_byte, rest) = data.split_first().unwrap_or((&0, &[]));
    let text = String::from_utf8_lossy(rest);
    // Every language with a rule file, and one without.
    let langs: Vec<&str> = ura_segment::languages().chain(["xx"]).collect();
    let lang = langs[usize::from(*mode_byte) % langs.len()];
    let modes = [LineMode::Lines, LineMode::Wrapped, LineMode::Presegmented];
    let mode = modes[usize::from(*mode_byte) / langs.len() % modes.len()];
    let segs = Segmenter::new(lang).line_mode(mode).segment(&text);
    let mut pos = 0;
    for s in &segs {
        assert!(s.start >= pos && s.start < s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(text[pos..s.start].chars().all(blank));
        let piece = &text[s.start..s.end];
        assert_eq!(piece.trim(), piece);
        assert!(!s.text(&text).is_empty());
        pos = s.end;
    }
    assert!(text[pos..].chars().all(blank));
});
