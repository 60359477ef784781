//! Folding words: lower case, no diacritics, Cyrillic and Greek in
//! Latin letters.

use unicode_normalization::UnicodeNormalization;

use super::{is_mark, marks_are_diacritics, script_of};

/// Lower-cases, strips diacritics ("Tiranë" → "tirane"; not the vowel
/// signs of scripts such as Devanagari, which are letters) and writes
/// Cyrillic and Greek letters in Latin ones ("Путин" → "putin", "Ευρώπη"
/// → "europi"), so that names and cognates match across those scripts.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`], appended to `out`.
pub(crate) fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        if let Some(appended) = out.get_mut(start..) {
            appended.make_ascii_lowercase();
        }
        return;
    }
    if word.chars().all(|c| u32::from(c) < LATIN_END) {
        // Below U+0250 every character decomposes to a base letter (a
        // starter) and its accents, and none folds to a Greek letter: the
        // fold of the word is the folds of its characters, one after
        // another (looked up, worked out once by the general way).
        let table = latin_folds();
        for c in word.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if let Some(f) = table.get(u32::from(c) as usize - 0x80) {
                out.push_str(f);
            }
        }
        return;
    }
    fold_general(word, out);
}

/// Where the Latin letters folded by table ([`latin_folds`]) end.
const LATIN_END: u32 = 0x250;

/// The fold of each character from U+0080 to U+024F.
fn latin_folds() -> &'static [Box<str>] {
    static TABLE: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80..LATIN_END)
            .map(|u| {
                let mut out = String::new();
                if let Some(c) = char::from_u32(u) {
                    fold_general(c.encode_utf8(&mut [0; 4]), &mut out);
                }
                out.into_boxed_str()
            })
            .collect()
    })
}

/// [`fold_into`] for any word: decomposed, its accents dropped.
pub(super) fn fold_general(word: &str, out: &mut String) {
    let mut prev = ' ';
    // Whether the marks after the last letter are accents (Latin, Greek,
    // Cyrillic) or optional vowel points (Hebrew, Arabic), which are
    // dropped, rather than vowels (Devanagari, Thai, …), which are kept.
    let mut marks_drop = false;
    for c in word.nfd() {
        if is_mark(c) {
            if marks_drop {
                continue;
            }
        } else {
            marks_drop = marks_are_diacritics(script_of(c));
        }
        for c in c.to_lowercase() {
            // Greek υ after a vowel is the u of a diphthong (ευ, αυ, ου).
            let diphthong = c == 'υ' && matches!(prev, 'α' | 'ε' | 'ο');
            match latin_letters(c) {
                Some(_) if diphthong => out.push('u'),
                Some(latin) => out.push_str(latin),
                None => out.push(c),
            }
            prev = c;
        }
    }
}

/// A lower-case Cyrillic or Greek letter (its diacritics already
/// stripped) in Latin letters, after the common English transcriptions;
/// `None` for any other character.
pub(crate) fn latin_letters(c: char) -> Option<&'static str> {
    Some(match c {
        // Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian.
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ђ' => "dj",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "c",
        'џ' | 'ѕ' => "dz",
        // Greek.
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' | 'ι' => "i",
        'θ' => "th",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ω' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        _ => return None,
    })
}
