//! Language codes for ura: BCP 47 normalisation ([`normalize`]), codes
//! found in file names ([`from_file_name`]), which codes name the same
//! language ([`same_language`]), and (with the default `detect` feature)
//! the language of a text ([`detect`]).
//!
//! ```
//! assert_eq!(ura_lang::normalize("pt_br").unwrap(), "pt-BR");
//! let name = std::path::Path::new("Report_2020.EN.docx");
//! assert_eq!(ura_lang::from_file_name(name).as_deref(), Some("en"));
//! assert_eq!(ura_lang::from_file_name("often.txt".as_ref()), None);
//! assert!(ura_lang::same_language("sr-Latn", "hr"));
//! ```
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]

mod confirm;
#[cfg(feature = "detect")]
mod detect;

pub use confirm::confirms;

#[cfg(feature = "detect")]
pub use detect::{detect, Detection, MIN_LETTERS, MIN_SHARE};

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// A language code that is not a plausible BCP 47 tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a language code (expected e.g. en, sq, en-US, pt-BR)")]
pub struct LangError(pub String);

/// Normalises a language code to BCP 47 form: `en_US` → `en-US`,
/// `EN` → `en`, `zh_hant_tw` → `zh-Hant-TW`. Rejects anything that is not
/// letters and digits in hyphen-separated subtags of 1–8 characters, with
/// a primary subtag of 2–3 letters. (Any such primary subtag is accepted:
/// `und`, private and rare codes are the caller's business.)
pub fn normalize(code: &str) -> Result<String, LangError> {
    let err = || LangError(code.to_string());
    let parts: Vec<&str> = code.trim().split(['-', '_']).collect();
    let primary = parts.first().ok_or_else(err)?;
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(err());
    }
    let mut out = primary.to_ascii_lowercase();
    for part in parts.iter().skip(1) {
        if !(1..=8).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(err());
        }
        out.push('-');
        match part.len() {
            // Region: upper case (US, BR); script: title case (Hant).
            2 => out.push_str(&part.to_ascii_uppercase()),
            4 if part.bytes().all(|b| b.is_ascii_alphabetic()) => {
                let mut chars = part.chars();
                if let Some(first) = chars.next() {
                    out.push(first.to_ascii_uppercase());
                }
                out.push_str(&chars.as_str().to_ascii_lowercase());
            }
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    Ok(out)
}

/// One row of the ISO 639 table: the two-letter code, the three-letter
/// terminology and bibliographic codes, the English name.
struct Iso639 {
    two: &'static str,
    terminology: &'static str,
    bibliographic: Option<&'static str>,
    name: &'static str,
}

/// The ISO 639-1 languages (`data/iso639.tsv`).
fn iso639() -> &'static [Iso639] {
    static TABLE: OnceLock<Vec<Iso639>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/iso639.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let (two, terminology, bibliographic, name) =
                    (f.next()?, f.next()?, f.next()?, f.next()?);
                Some(Iso639 {
                    two,
                    terminology,
                    bibliographic: (bibliographic != "-").then_some(bibliographic),
                    name,
                })
            })
            .collect()
    })
}

/// The two-letter code of a language given by its ISO 639-1 code or its
/// ISO 639-2 code (terminology or bibliographic: `sqi`, `alb`), in any
/// case; `None` for anything else.
pub fn iso639_1(primary: &str) -> Option<&'static str> {
    iso639_1_lower(&primary.to_ascii_lowercase())
}

/// [`iso639_1`] of a code already in lower case: one look-up in a map
/// built once per process from [`iso639`] (each code to the first row
/// that holds it, as a scan of the rows would find).
fn iso639_1_lower(p: &str) -> Option<&'static str> {
    static CODES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    CODES
        .get_or_init(|| {
            let mut codes = HashMap::new();
            for r in iso639() {
                for code in [Some(r.two), Some(r.terminology), r.bibliographic]
                    .into_iter()
                    .flatten()
                {
                    codes.entry(code).or_insert(r.two);
                }
            }
            codes
        })
        .get(p)
        .copied()
}

/// The English name of a language code's primary language (`sq-AL` →
/// `Albanian`), if it is in ISO 639-1.
pub fn english_name(code: &str) -> Option<&'static str> {
    let two = iso639_1(primary_subtag(code))?;
    iso639().iter().find(|r| r.two == two).map(|r| r.name)
}

/// The primary subtag of a code (`pt-BR` → `pt`).
pub fn primary_subtag(code: &str) -> &str {
    code.split(['-', '_']).next().unwrap_or(code)
}

/// Languages so close in writing that a detector cannot be trusted to tell
/// them apart, and that a file name or flag may well give one for the
/// other: Serbo-Croatian's standards, Malay and Indonesian, Norwegian's
/// written forms.
const CLOSE: &[&[&str]] = &[
    &["sh", "hr", "sr", "bs", "cnr"],
    &["ms", "id"],
    &["no", "nb", "nn"],
];

/// Whether two codes name the same language, or languages of one of the
/// groups a reader cannot tell apart by their text (Serbo-Croatian's
/// standards, Malay and Indonesian, Norwegian's written forms):
/// `en-US` and `en`, `eng` and `en`, `sr-Latn` and `hr`.
pub fn same_language(a: &str, b: &str) -> bool {
    let (a, b) = (language_key(a), language_key(b));
    a == b
        || CLOSE
            .iter()
            .any(|group| group.contains(&a.as_ref()) && group.contains(&b.as_ref()))
}

/// What [`same_language`] compares of a code: its primary subtag in
/// lower case, as its ISO 639-1 code when it has one (`ENG-us` → `en`).
/// Borrowed unless the subtag has upper-case letters and no ISO 639-1
/// code.
fn language_key(code: &str) -> Cow<'_, str> {
    let p = primary_subtag(code);
    let p: Cow<'_, str> = if p.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(p.to_ascii_lowercase())
    } else {
        Cow::Borrowed(p)
    };
    match iso639_1_lower(&p) {
        Some(two) => Cow::Borrowed(two),
        None => p,
    }
}

/// ISO 639 codes that are also common words or abbreviations in file
/// names (`my_notes`, `how_to`, `final_fin`): taken only when no other
/// token of the name is a code.
const WORD_LIKE: &[&str] = &[
    "am", "an", "as", "be", "ha", "he", "hi", "id", "ie", "io", "is", "it", "la", "my", "na", "ne",
    "no", "oc", "or", "os", "so", "to", "arm", "cat", "dan", "fin", "geo", "ice", "lit", "nor",
];

/// The languages whose three-letter codes (ISO 639-2, terminology or
/// bibliographic) are read in file names; other three-letter tokens are
/// too often words (`mar`, `may`, `per`).
const THREE_LETTER: &[&str] = &[
    "af", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et",
    "eu", "fa", "fi", "fr", "ga", "gl", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka",
    "kk", "ko", "lt", "lv", "mk", "mt", "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl",
    "sq", "sr", "sv", "sw", "ta", "th", "tr", "uk", "ur", "vi", "zh",
];

/// A language code in a file name: a token of the stem (the name without
/// its extension, cut at `.`, `_`, `-`, spaces and brackets; a code and a
/// region or script joined by `-` or `_` stay one: `en-US`, `pt_BR`,
/// `zh-Hant`, `es-419`) that is an ISO 639 code, two letters or (for
/// common languages) three, in any case: `en.txt`, `article.en.txt`,
/// `article_en.txt`, `Report.EN.txt`, `en-US_press.txt`, `sq-AL.docx`,
/// `contract_eng.docx`. Never a piece of a word (`often.txt` gives
/// nothing). When several tokens are codes, a code that is not also a
/// common word (`my`, `it`, `no`, …) wins, then one at either end of the
/// stem, then one with a region, then the first (`en.lo.docx` is `en`).
/// Three-letter codes are given as their two-letter form (`eng` → `en`).
pub fn from_file_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => stem,
        _ => name,
    };
    // The pieces, each with whether it is joined to the next by `-`/`_`.
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut start = 0;
    for (i, c) in stem.char_indices() {
        if matches!(c, '.' | ' ' | '(' | ')' | '[' | ']' | '+' | ',' | '_' | '-') {
            if i > start {
                pieces.push((&stem[start..i], matches!(c, '_' | '-')));
            }
            start = i + c.len_utf8();
        }
    }
    if start < stem.len() {
        pieces.push((&stem[start..], false));
    }
    let last = pieces.len().saturating_sub(1);
    // (not word-like, at an end, with a subtag, earlier): highest wins.
    type Rank = (bool, bool, bool, std::cmp::Reverse<usize>);
    let mut best: Option<(Rank, String)> = None;
    for (i, &(piece, joined)) in pieces.iter().enumerate() {
        let with_subtag = pieces
            .get(i + 1)
            .filter(|_| joined)
            .and_then(|(next, _)| code_token(&format!("{piece}-{next}")))
            .map(|code| (code, i + 1));
        let Some((code, end)) = with_subtag.or_else(|| code_token(piece).map(|c| (c, i))) else {
            continue;
        };
        let word_like = WORD_LIKE.contains(&piece.to_ascii_lowercase().as_str());
        let rank = (
            !word_like,
            i == 0 || end == last,
            end > i,
            std::cmp::Reverse(i),
        );
        if best.as_ref().is_none_or(|(r, _)| rank > *r) {
            best = Some((rank, code));
        }
    }
    best.map(|(_, code)| code)
}

/// `token` as a normalised language code, if it is one.
fn code_token(token: &str) -> Option<String> {
    let mut parts = token.split(['-', '_']);
    let primary = parts.next()?;
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let two = iso639_1(primary)?;
    if primary.len() == 3 && !THREE_LETTER.contains(&two) {
        return None;
    }
    let mut out = two.to_string();
    for part in parts {
        let region = (part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()))
            || (part.len() == 3 && part.bytes().all(|b| b.is_ascii_digit()));
        let script = part.len() == 4 && part.bytes().all(|b| b.is_ascii_alphabetic());
        if !(region || script) {
            return None;
        }
        out.push('-');
        out.push_str(part);
    }
    normalize(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_keys_agree_with_a_scan_of_the_iso_table() {
        // `same_language` as first written: a lower-cased copy looked
        // up row by row.
        let by_scan = |a: &str, b: &str| {
            let key = |code: &str| {
                let p = primary_subtag(code).to_ascii_lowercase();
                iso639()
                    .iter()
                    .find(|r| {
                        r.two == p || r.terminology == p || r.bibliographic == Some(p.as_str())
                    })
                    .map_or(p, |r| r.two.to_string())
            };
            let (a, b) = (key(a), key(b));
            a == b
                || CLOSE
                    .iter()
                    .any(|group| group.contains(&a.as_str()) && group.contains(&b.as_str()))
        };
        let mut codes: Vec<String> = iso639()
            .iter()
            .flat_map(|r| [Some(r.two), Some(r.terminology), r.bibliographic])
            .flatten()
            .map(String::from)
            .collect();
        codes.extend(
            [
                "",
                "EN",
                "En-gb",
                "ALB",
                "sqi_AL",
                "sr-Latn",
                "SH",
                "cnr",
                "no",
                "NB",
                "xx",
                "xyz-Q",
                "-",
                "zh_Hant_TW",
                "Ü",
            ]
            .map(String::from),
        );
        for a in &codes {
            for b in [
                "en", "sq", "hr", "nb", "id", "ms", "zh", "xx", "", "EN-us", "Ü",
            ] {
                assert_eq!(same_language(a, b), by_scan(a, b), "{a} {b}");
                assert_eq!(same_language(b, a), by_scan(b, a), "{b} {a}");
            }
        }
        for code in &codes {
            let lower = code.to_ascii_lowercase();
            let scan = iso639()
                .iter()
                .find(|r| {
                    r.two == lower || r.terminology == lower || r.bibliographic == Some(&lower)
                })
                .map(|r| r.two);
            assert_eq!(iso639_1(code), scan, "{code}");
        }
    }

    #[test]
    fn codes_are_normalised() {
        for (given, want) in [
            ("en", "en"),
            ("EN", "en"),
            ("en_US", "en-US"),
            ("zh_hant_tw", "zh-Hant-TW"),
            ("es-419", "es-419"),
            (" sq ", "sq"),
        ] {
            assert_eq!(normalize(given).unwrap(), want);
        }
        for bad in ["", "e", "english", "e/n", "en-", "x y", "en-toolongsubtag"] {
            assert!(normalize(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_in_file_names() {
        let cases = [
            ("en.txt", Some("en")),
            ("data/unhcr/sq.txt", Some("sq")),
            ("article.en.txt", Some("en")),
            ("article_en.txt", Some("en")),
            ("Report.EN.txt", Some("en")),
            ("en-US_press.txt", Some("en-US")),
            ("sq-AL.docx", Some("sq-AL")),
            ("pt_BR.txt", Some("pt-BR")),
            ("my_notes_en_US.txt", Some("en-US")),
            ("report-fr-FR.docx", Some("fr-FR")),
            ("press-release-de.html", Some("de")),
            ("Annual report 2020 (FR).pdf", Some("fr")),
            ("zh-Hant.srt", Some("zh-Hant")),
            ("contract_eng.docx", Some("en")),
            ("notes_alb.txt", Some("sq")),
            ("en", Some("en")),
            ("en.lo.docx", Some("en")),
            ("sq.pandoc.md", Some("sq")),
            ("my_report_en.txt", Some("en")),
            ("how_to_read_it.txt", Some("it")),
            ("report_mar.txt", None),
            ("de_notes_en.txt", Some("de")),
            ("often.txt", None),
            ("original.txt", None),
            ("translation.txt", None),
            ("src.txt", None),
            ("report_final_v2.docx", None),
            ("e1.txt", None),
            ("enUS.txt", None),
        ];
        for (name, want) in cases {
            assert_eq!(from_file_name(Path::new(name)).as_deref(), want, "{name}");
        }
    }

    #[test]
    fn close_languages_and_forms_of_one_code_are_the_same_language() {
        assert!(same_language("en", "en-GB"));
        assert!(same_language("eng", "EN"));
        assert!(same_language("sr-Latn", "hr"));
        assert!(same_language("nb", "no"));
        assert!(!same_language("en", "sq"));
        assert!(!same_language("da", "nb"));
        assert_eq!(english_name("sq-AL"), Some("Albanian"));
        assert_eq!(iso639_1("ger"), Some("de"));
        assert_eq!(iso639_1("xx"), None);
    }
}
