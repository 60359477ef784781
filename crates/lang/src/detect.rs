//! The language of a text, with `lingua` (75 languages, Albanian among
//! them), in its low-accuracy mode (trigram models: fast enough for a
//! document per call).
//!
//! A text is sampled line by line across its length; each sampled line is
//! reduced to its words in the text's main script (so that a Persian
//! caption glued to an English article, or English names in a Russian
//! one, do not vote), and each line votes for its language with its
//! number of letters.

use std::sync::OnceLock;

use lingua::{LanguageDetector, LanguageDetectorBuilder};
use unicode_script::{Script, UnicodeScript};

/// Fewest letters a detection must rest on to be called confident: below
/// this (a title, a one-line file) trigram statistics are too thin. A
/// character of Chinese, Japanese, Korean or Yi counts as three letters.
pub const MIN_LETTERS: usize = 100;

/// Smallest share of the voting letters the winner must hold to be called
/// confident: below it the text is mixed or the languages are close.
pub const MIN_SHARE: f64 = 0.75;

/// How many stretches of text are sampled, spread evenly over it (the
/// first words of a document are often a title, a byline or a caption).
const CHUNKS: usize = 8;

/// Letters a sampled stretch gathers from consecutive words before it
/// votes: single short lines (dialogue, headings) are too thin for trigram
/// statistics, a few together are not.
const CHUNK_LETTERS: usize = 120;

/// How much of a text is looked at, from its start.
const HEAD_BYTES: usize = 64 << 10;

/// Fewest letters a stretch needs to vote.
const CHUNK_MIN_LETTERS: usize = 15;

/// What [`detect`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// The language's ISO 639-1 code (`en`, `sq`, `zh`).
    pub code: String,
    /// The share of the sampled letters that voted for it (0–1).
    pub share: f64,
    /// How many letters the vote rests on.
    pub letters: usize,
    /// Whether the detection can be trusted: at least [`MIN_LETTERS`]
    /// letters and a share of at least [`MIN_SHARE`].
    pub confident: bool,
}

/// The detector, built once: models load lazily, per language, on first
/// use, and stay loaded for the rest of the run.
fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_all_languages()
            .with_low_accuracy_mode()
            .build()
    })
}

/// The language of `text`, or `None` when no sampled line has enough
/// letters to vote (see [`Detection::confident`] for how sure it is).
///
/// ```
/// let d = ura_lang::detect(
///     "Përfaqësuesi ligjor takohet me UNHCR-në në Tiranë për të sqaruar \
///      statusin e dezertorëve. Avokatja dhe një i larguar nga organizata u \
///      pritën në zyrat e UNHCR-së në Tiranë nga zyra e mbrojtjes ligjore.",
/// )
/// .unwrap();
/// assert_eq!(d.code, "sq");
/// assert!(d.confident);
/// assert!(!ura_lang::detect("Hello there.").is_some_and(|d| d.confident));
/// ```
pub fn detect(text: &str) -> Option<Detection> {
    let head = head(text);
    let script = main_script(head)?;
    let mut votes: Vec<(lingua::Language, usize)> = Vec::new();
    let mut letters = 0;
    for chunk in sample_chunks(head, script) {
        let n = count_letters(&chunk);
        if n < CHUNK_MIN_LETTERS {
            continue;
        }
        letters += n;
        if let Some(lang) = detector().detect_language_of(chunk) {
            match votes.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, v)) => *v += n,
                None => votes.push((lang, n)),
            }
        }
    }
    let (lang, won) = votes.into_iter().max_by_key(|&(l, v)| (v, l))?;
    let share = won as f64 / letters.max(1) as f64;
    Some(Detection {
        code: lang.iso_code_639_1().to_string(),
        share,
        letters,
        confident: letters >= MIN_LETTERS && share >= MIN_SHARE,
    })
}

/// The start of `text` that detection looks at (up to [`HEAD_BYTES`], cut
/// at a character boundary): plenty for a vote, and a bounded cost
/// whatever the document's size.
fn head(text: &str) -> &str {
    let mut end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// [`CHUNKS`] stretches of consecutive words in `script` (the parts of
/// words in other scripts left out), spread evenly over `text`, each
/// gathering words up to [`CHUNK_LETTERS`] letters.
fn sample_chunks(text: &str, script: Script) -> Vec<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| words_in_script(w, script))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let mut out = Vec::new();
    let mut next_free = 0;
    for k in 0..CHUNKS {
        let start = (k * words.len() / CHUNKS).max(next_free);
        let mut chunk = String::new();
        let mut letters = 0;
        for (i, word) in words.iter().enumerate().skip(start) {
            if !chunk.is_empty() {
                chunk.push(' ');
            }
            chunk.push_str(word);
            letters += count_letters(word);
            next_free = i + 1;
            if letters >= CHUNK_LETTERS {
                break;
            }
        }
        if !chunk.is_empty() {
            out.push(chunk);
        }
    }
    out
}

/// The script most letters of the sample are written in (Han, Hiragana
/// and Katakana count as one, Japanese mixing them).
fn main_script(text: &str) -> Option<Script> {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let s = script_class(c);
        if matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        match counts.iter_mut().find(|(t, _)| *t == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(s, _)| s)
}

/// The script of a letter, with the Japanese kana folded into Han.
fn script_class(c: char) -> Script {
    match c.script() {
        Script::Hiragana | Script::Katakana => Script::Han,
        s => s,
    }
}

/// The words of `line` (and the pieces of words) written in `script`,
/// joined by spaces: a word glued to one of another script
/// (`متحدOn`) keeps its part in `script`.
fn words_in_script(line: &str, script: Script) -> String {
    let mut out = String::with_capacity(line.len());
    // Whether the last letter seen was of `script`: the digits and
    // punctuation after it go with it.
    let mut keep = false;
    for c in line.chars() {
        let s = script_class(c);
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_alphabetic() && !matches!(s, Script::Common | Script::Inherited) {
            keep = s == script;
            if keep {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if keep {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

/// The letters of `s`, a character of a script that writes a syllable or
/// a word with it (Han, kana, Hangul, Yi) counting as three, about what
/// it carries in an alphabet.
fn count_letters(s: &str) -> usize {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| match c.script() {
            Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Yi => 3,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glued_caption_in_another_script_does_not_vote() {
        let text = "کمیساریای عالی پناهندگی سازمان ملل متحدOn October 9, 2017 an Albanian \
            lawyer and a representative of some defectors met with officials of the UNHCR \
            in Tirana, Albania. The meeting had been requested on 27 September by the \
            lawyer acting on behalf of two defectors.";
        let d = detect(text).unwrap();
        assert_eq!(d.code, "en");
        assert!(d.confident, "{d:?}");
    }

    #[test]
    fn words_of_other_scripts_are_left_out() {
        assert_eq!(
            words_in_script("ملل متحدOn October 9, 2017", Script::Latin),
            "On October 9, 2017"
        );
        assert_eq!(
            words_in_script("Встреча с UNHCR прошла в Тиране.", Script::Cyrillic),
            "Встреча с прошла в Тиране."
        );
    }

    #[test]
    fn short_or_empty_text_is_not_confident() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("12345 ... !!!"), None);
        let d = detect("Der Hund schläft.");
        assert!(d.is_none_or(|d| !d.confident));
    }

    #[test]
    fn languages_of_several_scripts() {
        let cases = [
            ("de", "Am 9. Oktober trafen sich eine albanische Anwältin und ein Vertreter einiger Aussteiger mit Beamten des UNHCR in Tirana. Das Treffen war am 27. September beantragt worden."),
            ("ru", "Девятого октября албанский адвокат и представитель нескольких перебежчиков встретились с сотрудниками УВКБ ООН в Тиране. Встреча была запрошена двадцать седьмого сентября."),
            ("zh", "二零一七年十月九日，一名阿尔巴尼亚律师和几名脱离者的代表在地拉那会见了联合国难民署的官员。这次会面是律师在九月二十七日代表两名脱离者提出的，他们想知道自己与难民署今后的关系。"),
            ("el", "Στις 9 Οκτωβρίου ένας Αλβανός δικηγόρος και ένας εκπρόσωπος ορισμένων αποστατών συναντήθηκαν με αξιωματούχους της Ύπατης Αρμοστείας στα Τίρανα. Η συνάντηση είχε ζητηθεί στις 27 Σεπτεμβρίου."),
        ];
        for (want, text) in cases {
            let d = detect(text).unwrap();
            assert_eq!(d.code, want, "{text}");
            assert!(d.confident, "{d:?}");
        }
    }
}
