//! Character classes used by the scanner.

use unicode_script::{Script, UnicodeScript};

/// Terminators that end a sentence whatever follows (scripts written
/// without spaces between sentences, or marks that never occur inside a
/// sentence).
pub(crate) fn is_strong_terminator(ch: char) -> bool {
    matches!(
        ch,
        '。' | '！' | '？' | '｡' | '︒' // CJK full stop, fullwidth ! ?
            | '։' // Armenian full stop
            | '።' | '፧' | '፨' // Ethiopic
            | '।' | '॥' // Devanagari danda
            | '။' // Myanmar
            | '۔' // Urdu full stop
            | '؟' // Arabic question mark
            | '។' | '៕' // Khmer
    )
}

/// Whether a word starting with `c` starts in lower case. Georgian
/// Mkhedruli is lower case to Unicode (its capitals, Mtavruli, were added
/// in 2018) but is written in one case, so its letters never are.
pub(crate) fn is_lower(c: char) -> bool {
    c.is_lowercase() && !('\u{10d0}'..='\u{10ff}').contains(&c)
}

/// Whether a word starting with `c` can start a sentence after an
/// abbreviation that may end one ("etc."): a capital, or a letter of a
/// script written in one case (Arabic, Chinese, Georgian).
pub(crate) fn is_capital(c: char) -> bool {
    c.is_alphabetic() && !is_lower(c)
}

/// Invisible format characters that web text strews between words and
/// after punctuation: zero-width space, word joiner, a byte-order mark
/// inside the text, soft hyphen. They carry nothing a sentence needs (the
/// zero-width joiners, which Persian and emoji do need, are not among
/// them).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// Whether `s` holds nothing but whitespace and [`is_invisible`]
/// characters: nothing a sentence could be made of.
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Question and exclamation marks (ASCII and their compound forms, and
/// the Greek question mark U+037E, which is never a semicolon).
pub(crate) fn is_question_or_exclamation(ch: char) -> bool {
    matches!(ch, '?' | '!' | '‼' | '⁇' | '⁈' | '⁉' | '\u{37e}')
}

/// Quotes and closing brackets that stay with the sentence when they
/// follow its terminator.
pub(crate) fn is_closer(ch: char) -> bool {
    matches!(
        ch,
        '"' | '\''
            | '”'
            | '’'
            | '“'
            | '‘'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〉'
            | '》'
            | '〕'
            | '］'
    )
}

/// Quotes, opening brackets, inverted marks and dashes that may stand
/// before the first word of a sentence.
pub(crate) fn is_opener(ch: char) -> bool {
    matches!(
        ch,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
            | '【'
            | '《'
            | '〈'
            | '-'
            | '–'
            | '—'
            | '*'
    )
}

/// List bullets: a bullet after a space inside a line starts a new
/// segment.
pub(crate) fn is_bullet(ch: char) -> bool {
    matches!(
        ch,
        '•' | '◦'
            | '▪'
            | '▫'
            | '‣'
            | '⁃'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '➢'
            | '✓'
            | '✔'
    )
}

/// A small script class for the script-change rule. `0` means "no class"
/// (not a letter, or a letter of the Common/Inherited scripts).
pub(crate) type ScriptClass = u8;

/// Latin letters.
pub(crate) const LATIN: ScriptClass = 1;
/// Scripts written without spaces between words: a change to or from
/// them never splits (Chinese and Japanese mix in Latin words freely).
const NO_SPACE: ScriptClass = 255;

/// The script class of a letter.
pub(crate) fn script_class(ch: char) -> ScriptClass {
    if ch.is_ascii() {
        return if ch.is_ascii_alphabetic() { LATIN } else { 0 };
    }
    match ch.script() {
        Script::Latin => LATIN,
        Script::Greek => 2,
        Script::Cyrillic => 3,
        Script::Armenian => 4,
        Script::Georgian => 5,
        Script::Hebrew => 6,
        Script::Arabic | Script::Syriac | Script::Thaana | Script::Nko => 7,
        Script::Devanagari => 8,
        Script::Bengali => 9,
        Script::Tamil => 10,
        Script::Ethiopic => 11,
        Script::Common | Script::Inherited | Script::Unknown => 0,
        Script::Han
        | Script::Hiragana
        | Script::Katakana
        | Script::Hangul
        | Script::Bopomofo
        | Script::Thai
        | Script::Lao
        | Script::Khmer
        | Script::Myanmar
        | Script::Tibetan => NO_SPACE,
        _ => 12,
    }
}

/// Whether a change from class `a` to class `b` between two adjacent
/// letters marks a boundary (two different space-using scripts).
pub(crate) fn is_script_change(a: ScriptClass, b: ScriptClass) -> bool {
    a != 0 && b != 0 && a != b && a != NO_SPACE && b != NO_SPACE
}

/// Whether `ch` belongs to a script written without spaces (used when
/// joining wrapped lines).
pub(crate) fn is_no_space_script(ch: char) -> bool {
    !ch.is_ascii() && ch.is_alphabetic() && script_class(ch) == NO_SPACE
}
