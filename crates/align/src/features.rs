//! Anchor evidence: numbers, identical tokens and cognates, a learned or
//! given lexicon, and punctuation.
//!
//! Each lexical feature maps the items of every sentence to *concepts*:
//! an item of one side and an item of the other side share a concept when
//! they match (same number; identical, same 4-letter prefix or similar
//! spelling; a lexicon pair). Items whose concept has no member on the
//! other side anywhere in the document are dropped: they can never match.
//! Then a sentence is a sorted list of concept ids, and two sentences
//! match on the concepts they share.

use rustc_hash::FxHashMap as HashMap;

use unicode_normalization::UnicodeNormalization;

/// Punctuation classes that survive translation.
pub(crate) const PUNCT_CLASSES: usize = 7;

/// The class of quotation marks.
const QUOTES: usize = 4;

/// The classes of question marks and semicolons.
const QUESTION: usize = 0;
const SEMICOLON: usize = 3;

/// The script class of Greek letters ([`script_of`]).
const GREEK: u8 = 2;

/// The script class of Chinese, Japanese and Korean ([`script_of`]).
pub(crate) const CJK: u8 = 6;

/// The mark that starts a *name* item among the words: two Chinese
/// characters in pinyin ("清扬" → "qingyang"), or a capitalised Latin word
/// ("Qingyang"). Names match only names, and only identically; they are
/// kept only for a pair of which one side is Chinese ([`add_names`]).
pub(crate) const NAME: char = '\u{2}';

fn punct_class(c: char) -> Option<usize> {
    Some(match c {
        // Not the inverted marks of Spanish: they open a sentence whose
        // "?" or "!" is counted already, and a translation has no
        // counterpart for them.
        '?' | '？' | '؟' => 0,
        '!' | '！' => 1,
        ':' | '：' => 2,
        ';' | '；' | '؛' => 3,
        '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '「' | '」' | '『' | '』' => {
            QUOTES
        }
        '(' | ')' | '[' | ']' | '（' | '）' | '［' | '］' | '【' | '】' | '〔' | '〕' => 5,
        '–' | '—' | '―' => 6,
        _ => return None,
    })
}

/// The raw items of one sentence, before concepts are assigned.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawItems {
    /// Normalised numbers ("1000000", "2.5", "9").
    pub numbers: Vec<String>,
    /// Folded words (lower-cased, diacritics stripped) of 4+ letters, and
    /// acronyms of 2+ capitals, for identity and cognates.
    pub words: Vec<String>,
    /// All folded words (and single CJK characters), for the lexicon, each
    /// followed by [`LEX_END`] (one string per sentence, not one per word).
    pub lex: String,
    /// Punctuation counts per class.
    pub punct: [u16; PUNCT_CLASSES],
    /// Length in characters, without whitespace.
    pub chars: u32,
    /// The script that most of its letters are written in (a small class
    /// id; 0 when it has no letters).
    pub script: u8,
    /// Initials: single capital letters followed by a full stop ("M." in
    /// "M.B."), folded.
    pub initials: Vec<String>,
}

/// Whether combining marks on letters of `script` ([`script_of`]) are
/// diacritics a fold may drop: accents in Latin, Greek and Cyrillic (1–3),
/// optional vowel points in Hebrew and Arabic (4, 5); not in the other
/// scripts, where they are vowels.
fn marks_are_diacritics(script: u8) -> bool {
    matches!(script, 1..=5)
}

/// A coarse script class of a letter: Latin, Greek, Cyrillic, Hebrew,
/// Arabic, CJK, other.
fn script_of(c: char) -> u8 {
    match u32::from(c) {
        0x0000..=0x024F | 0x1E00..=0x1EFF => 1,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => 2,
        0x0400..=0x052F => 3,
        0x0590..=0x05FF => 4,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            5
        }
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF => {
            6
        }
        _ => 7,
    }
}

/// The script of most letters of a side.
pub(crate) fn dominant_script(raw: &[RawItems]) -> u8 {
    let mut counts = [0usize; 8];
    for r in raw {
        if let Some(c) = counts.get_mut(usize::from(r.script)) {
            *c += r.chars as usize;
        }
    }
    (1..8u8)
        .max_by_key(|&s| {
            (
                counts.get(usize::from(s)).copied().unwrap_or(0),
                std::cmp::Reverse(s),
            )
        })
        .unwrap_or(0)
}

/// Maps a digit of any common script to ASCII: Arabic-Indic, Persian,
/// Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
/// Malayalam, Thai, Lao, Tibetan, Myanmar, Khmer and full-width digits.
fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii() {
        return c.is_ascii_digit().then_some(c);
    }
    let u = u32::from(c);
    // The zero of the run of ten digits that `c` is in.
    let zero = match u {
        0x660..=0x669 => 0x660,
        0x6F0..=0x6F9 => 0x6F0,
        0x966..=0x96F => 0x966,
        0x9E6..=0x9EF => 0x9E6,
        0xA66..=0xA6F => 0xA66,
        0xAE6..=0xAEF => 0xAE6,
        0xB66..=0xB6F => 0xB66,
        0xBE6..=0xBEF => 0xBE6,
        0xC66..=0xC6F => 0xC66,
        0xCE6..=0xCEF => 0xCE6,
        0xD66..=0xD6F => 0xD66,
        0xE50..=0xE59 => 0xE50,
        0xED0..=0xED9 => 0xED0,
        0xF20..=0xF29 => 0xF20,
        0x1040..=0x1049 => 0x1040,
        0x17E0..=0x17E9 => 0x17E0,
        0xFF10..=0xFF19 => 0xFF10,
        _ => return None,
    };
    char::from_u32(u - zero + u32::from(b'0'))
}

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
fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
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
fn latin_letters(c: char) -> Option<&'static str> {
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

/// Ends each word of [`RawItems::lex`].
pub(crate) const LEX_END: char = '\0';

/// Whether `c` is a Chinese character (Han), not kana or hangul.
fn is_han(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Whether names are worth matching between sides written mostly in
/// `scripts` (the dominant script of each): when exactly one is Chinese.
/// Between two alphabets, names are matched as words already.
pub(crate) fn names_matter(scripts: (u8, u8)) -> bool {
    (scripts.0 == CJK) != (scripts.1 == CJK)
}

/// The names of a sentence in Chinese characters: each two characters in
/// a row in pinyin ("清扬" → "qingyang") that `known` (names of the other
/// side) holds, each once. None for a sentence with kana: Japanese reads
/// its characters otherwise.
pub(crate) fn pinyin_names(text: &str, known: &HashMap<String, u32>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if text
        .chars()
        .any(|c| matches!(u32::from(c), 0x3040..=0x30FF))
    {
        return out;
    }
    let mut last: Option<&'static str> = None;
    let mut window = String::new();
    for c in text.chars() {
        let syllable = is_han(c)
            .then(|| pinyin::ToPinyin::to_pinyin(&c).map(|p| p.plain()))
            .flatten();
        if let (Some(a), Some(b)) = (last, syllable) {
            window.clear();
            window.push_str(a);
            window.push_str(b);
            if known.contains_key(&window) && !out.contains(&window) {
                out.push(window.clone());
            }
        }
        last = syllable;
    }
    out
}

/// The capitalised words of two letters or more (not acronyms) of a
/// sentence in Latin letters, folded ("Qingyang"), each with whether it
/// is the sentence's first word (where any word is capitalised).
pub(crate) fn latin_names(text: &str, out: &mut Vec<(String, bool)>) {
    let words = text.split(|c: char| !(c.is_alphabetic() || is_mark(c)));
    for (k, word) in words.filter(|w| !w.is_empty()).enumerate() {
        let mut chars = word.chars().filter(|&c| !is_mark(c));
        let Some(first) = chars.next() else {
            continue;
        };
        let (mut rest, mut lower) = (0usize, false);
        for c in chars {
            rest += 1;
            lower |= c.is_lowercase();
        }
        if first.is_uppercase() && lower && rest >= 1 && script_of(first) == 1 {
            let mut name = String::new();
            fold_into(word, &mut name);
            out.push((name, k == 0));
        }
    }
}

/// Adds name items to the words of both sides of a pair of which one is
/// Chinese (`latin` the other, each as texts and their items): the
/// capitalised words of `latin` that are names — capitalised somewhere
/// other than at the start of a sentence ("Women" opening a sentence is
/// not, "Qingyang" is) — and the pinyin pairs of `chinese` that spell one
/// of them. A pinyin pair found in more than twice as many sentences as
/// its name, plus two, is a common word that sounds alike ("我们",
/// "women") and is left out.
pub(crate) fn add_names(latin: (&[&str], &mut [RawItems]), chinese: (&[&str], &mut [RawItems])) {
    let per_sentence: Vec<Vec<(String, bool)>> = latin
        .0
        .iter()
        .map(|t| {
            let mut v = Vec::new();
            latin_names(t, &mut v);
            v
        })
        .collect();
    let inside: rustc_hash::FxHashSet<&str> = per_sentence
        .iter()
        .flatten()
        .filter(|(_, first)| !first)
        .map(|(w, _)| w.as_str())
        .collect();
    // The names of each sentence, and the number of sentences each is in.
    let mut known: HashMap<String, u32> = HashMap::default();
    let mut names_of: Vec<Vec<String>> = Vec::with_capacity(per_sentence.len());
    for names in &per_sentence {
        let mut own: Vec<String> = names
            .iter()
            .filter(|(w, _)| inside.contains(w.as_str()))
            .map(|(w, _)| w.clone())
            .collect();
        own.sort_unstable();
        own.dedup();
        for w in &own {
            *known.entry(w.clone()).or_default() += 1;
        }
        names_of.push(own);
    }
    let found: Vec<Vec<String>> = chinese.0.iter().map(|t| pinyin_names(t, &known)).collect();
    let mut df: HashMap<&str, u32> = HashMap::default();
    for w in found.iter().flatten() {
        *df.entry(w.as_str()).or_default() += 1;
    }
    let alike = |w: &str| {
        let zh = df.get(w).copied().unwrap_or(0);
        let en = known.get(w).copied().unwrap_or(0);
        zh <= 2 * en + 2
    };
    for (names, raw) in found.iter().zip(chinese.1.iter_mut()) {
        let kept = names.iter().filter(|w| alike(w));
        raw.words.extend(kept.map(|w| format!("{NAME}{w}")));
    }
    for (names, raw) in names_of.iter().zip(latin.1.iter_mut()) {
        raw.words.extend(names.iter().map(|w| format!("{NAME}{w}")));
    }
}

fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Whether `c` is a combining mark (none lies below U+0300, which spares
/// the table lookup for most letters of Latin text).
fn is_mark(c: char) -> bool {
    c >= '\u{300}' && unicode_normalization::char::is_combining_mark(c)
}

/// Extracts the raw items of a sentence.
pub(crate) fn raw_items(text: &str) -> RawItems {
    let mut items = RawItems {
        lex: String::with_capacity(text.len() + text.len() / 4),
        ..RawItems::default()
    };
    let mut scripts = [0u32; 8];
    // Middle dots outside words: the Greek semicolon (ano teleia, U+0387,
    // which NFC writes as U+00B7).
    let mut middle_dots = 0u16;
    let mut iter = text.char_indices().peekable();
    let mut prev = ' ';
    while let Some((pos, c)) = iter.next() {
        let before = std::mem::replace(&mut prev, c);
        if c.is_whitespace() {
            continue;
        }
        items.chars += 1;
        if matches!(c, '\u{b7}' | '\u{387}')
            && !(before.is_alphabetic() && iter.peek().is_some_and(|&(_, d)| d.is_alphabetic()))
        {
            middle_dots = middle_dots.saturating_add(1);
        }
        let quote = matches!(c, '\'' | '‘' | '’')
            && !(before.is_alphanumeric()
                && iter.peek().is_some_and(|&(_, d)| d.is_alphanumeric()));
        if quote {
            // A single quote, not an apostrophe inside a word ("don't").
            if let Some(slot) = items.punct.get_mut(QUOTES) {
                *slot = slot.saturating_add(1);
            }
        } else if let Some(p) = punct_class(c) {
            if let Some(slot) = items.punct.get_mut(p) {
                *slot = slot.saturating_add(1);
            }
        }
        if ascii_digit(c).is_some() {
            let (number, len) = read_number(text.get(pos..).unwrap_or_default());
            // The number's other characters count towards the length too.
            let number_chars = text.get(pos..pos + len).map_or(0, |s| s.chars().count());
            // Spaces between thousands groups are not counted as length.
            let spaces = text
                .get(pos..pos + len)
                .map_or(0, |s| s.chars().filter(|c| c.is_whitespace()).count());
            items.chars += number_chars.saturating_sub(1 + spaces) as u32;
            for _ in 1..number_chars {
                iter.next();
            }
            if number.matches('.').count() >= 2 || is_clock_time(&number) {
                // A date or a version ("10.9.2017", "27.10.14"): its parts,
                // as "September 10, 2017" or "9/10/2017" give them; a time
                // ("10.30", "10,30"), as "10:30" and "10h30" do.
                items
                    .numbers
                    .extend(number.split('.').map(without_leading_zeros));
            } else {
                // "1.5 million", "150万": the value too, as the other side
                // may write it with another scale or none.
                let scaled = scale_after(text.get(pos + len..).unwrap_or_default())
                    .map(|exp| scaled(&number, exp));
                items.numbers.push(number);
                items.numbers.extend(scaled);
            }
            continue;
        }
        if !c.is_alphabetic() {
            continue;
        }
        if let Some(n) = scripts.get_mut(usize::from(script_of(c))) {
            *n += 1;
        }
        if is_cjk(c) {
            items.lex.push(c);
            items.lex.push(LEX_END);
            continue;
        }
        // A word: a run of alphabetic, non-CJK characters.
        let mut end = pos + c.len_utf8();
        let mut upper = c.is_uppercase();
        let mut count = 1usize;
        while let Some(&(p, d)) = iter.peek() {
            // Combining marks stay in the word: accents of text in NFD
            // ("Krako\u{301}w"), viramas and tone marks of Indic and Thai
            // words.
            let mark = is_mark(d);
            if !(d.is_alphabetic() || mark) || is_cjk(d) {
                break;
            }
            if !mark {
                if let Some(n) = scripts.get_mut(usize::from(script_of(d))) {
                    *n += 1;
                }
                upper &= d.is_uppercase();
            }
            count += 1;
            end = p + d.len_utf8();
            iter.next();
        }
        items.chars += (count - 1) as u32;
        let start = items.lex.len();
        fold_into(text.get(pos..end).unwrap_or_default(), &mut items.lex);
        let folded = items.lex.get(start..).unwrap_or_default();
        let acronym = count >= 2 && upper;
        if count == 1 && upper && text.get(end..).is_some_and(|r| r.starts_with('.')) {
            items.initials.push(folded.to_string());
        }
        if count >= 4 || acronym {
            items.words.push(folded.to_string());
        }
        items.lex.push(LEX_END);
    }
    items.script = (1..8u8)
        .filter(|&s| scripts.get(usize::from(s)).copied().unwrap_or(0) > 0)
        .max_by_key(|&s| {
            (
                scripts.get(usize::from(s)).copied().unwrap_or(0),
                std::cmp::Reverse(s),
            )
        })
        .unwrap_or(0);
    if items.script == GREEK {
        // Greek writes its question mark as ";" and its semicolon as a
        // raised dot: count them as what they are, so that they meet the
        // "?" and ";" of a translation.
        let semicolons = std::mem::replace(&mut items.punct[SEMICOLON], middle_dots);
        items.punct[QUESTION] = items.punct[QUESTION].saturating_add(semicolons);
    }
    items
}

/// Scale words after a number, by the power of ten they stand for: the
/// Chinese and Japanese myriads, and the European words and abbreviations
/// for a million and a thousand million, as their stems (so that
/// inflected forms match). A prefix shared by both is listed at the
/// larger scale first.
const SCALES: &[(&str, u32)] = &[
    ("万", 4),
    ("萬", 4),
    ("亿", 8),
    ("億", 8),
    ("billion", 9),
    ("milliard", 9),
    ("milliárd", 9),
    ("млрд", 9),
    ("miliard", 9),
    ("milyar", 9),
    ("bn", 9),
    ("mrd", 9),
    ("миллиард", 9),
    ("мільярд", 9),
    ("милијард", 9),
    ("милиард", 9),
    ("δισεκατομμύρι", 9),
    ("million", 6),
    ("millió", 6),
    ("millón", 6),
    ("millon", 6),
    ("milion", 6),
    ("milión", 6),
    ("milhão", 6),
    ("milhões", 6),
    ("miljoen", 6),
    ("miljon", 6),
    ("milijon", 6),
    ("milyon", 6),
    ("mln", 6),
    ("млн", 6),
    ("mio", 6),
    ("миллион", 6),
    ("мільйон", 6),
    ("милион", 6),
    ("милијон", 6),
    ("εκατομμύρι", 6),
    ("thousand", 3),
    ("tausend", 3),
];

/// The power of ten of a scale word that follows a number (after at most
/// one space): `None` when none does.
fn scale_after(rest: &str) -> Option<u32> {
    let rest = rest.strip_prefix(is_number_space).unwrap_or(rest);
    let first = rest.chars().next().filter(|c| c.is_alphabetic())?;
    if is_cjk(first) {
        return SCALES
            .iter()
            .find(|(stem, _)| rest.starts_with(stem))
            .map(|&(_, exp)| exp);
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    SCALES
        .iter()
        .find(|(stem, _)| {
            word.starts_with(stem) && (stem.chars().count() >= 5 || word.len() == stem.len())
        })
        .map(|&(_, exp)| exp)
}

/// `number` (digits with at most one decimal point, as [`read_number`]
/// writes them) times ten to the `exp`: "1.5" and 6 give "1500000".
fn scaled(number: &str, exp: u32) -> String {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let exp = exp as usize;
    let mut digits = String::from(int);
    if frac.len() > exp {
        digits.push_str(&frac[..exp]);
        digits.push('.');
        digits.push_str(&frac[exp..]);
    } else {
        digits.push_str(frac);
        digits.extend(std::iter::repeat_n('0', exp - frac.len()));
    }
    without_leading_zeros(&digits)
}

/// A space that may stand inside or after a number: a space, a no-break
/// space, a narrow no-break or thin space (`15 000`, `1,5 Millionen`).
fn is_number_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// A number that reads as a time of day, hours and minutes: 0–24, a
/// point, then two digits below 60 ("10.30", "9.05"). A decimal of that
/// shape is split alike on both sides of a pair, so nothing is lost.
fn is_clock_time(number: &str) -> bool {
    let Some((h, m)) = number.split_once('.') else {
        return false;
    };
    let hour = (1..=2).contains(&h.len()) && h.parse::<u8>().is_ok_and(|h| h <= 24);
    let minute = m.len() == 2 && m.parse::<u8>().is_ok_and(|m| m < 60);
    hour && minute
}

/// Reads a number at the start of `s`: digit groups joined by `.` or `,`.
/// A separator before exactly three digits is a thousands separator and is
/// dropped; another is a decimal point. A space (or a no-break or thin
/// space) is a thousands separator too, as French, Russian, Polish or
/// Swedish write them (`15 000`, `1 250 000`), when the digits before it
/// are 1–3 digits grouped so and exactly three digits follow it (`in 2019
/// 500 people` stays two numbers). Leading zeros are dropped. Returns the
/// number and its length in bytes.
fn read_number(s: &str) -> (String, usize) {
    let chars: Vec<(usize, char)> = s.char_indices().take(64).collect();
    let digit = |k: usize| chars.get(k).and_then(|&(_, c)| ascii_digit(c));
    let group_at = |k: usize| (k..).take_while(|&k| digit(k).is_some()).count();
    let mut out = String::new();
    let mut i = 0;
    // Whether every group so far was joined by spaces (the first group
    // included).
    let mut spaced = true;
    loop {
        let first = i;
        while let Some(d) = digit(i) {
            out.push(d);
            i += 1;
        }
        let sep = chars.get(i).map(|&(_, c)| c);
        let space = sep.is_some_and(is_number_space);
        if space && spaced && (1..=3).contains(&(i - first)) && group_at(i + 1) == 3 {
            // A thousands group after a space (the first group may be
            // shorter, the others are three digits).
            i += 1;
            continue;
        }
        if !(matches!(sep, Some('.' | ',')) && digit(i + 1).is_some()) {
            break;
        }
        spaced = false;
        // "0.125": no thousands group follows a lone zero.
        if group_at(i + 1) != 3 || out == "0" {
            out.push('.');
        }
        i += 1;
    }
    let len = chars.get(i).map_or(
        s.len()
            .min(chars.last().map_or(0, |&(p, c)| p + c.len_utf8())),
        |&(p, _)| p,
    );
    (without_leading_zeros(&out), len)
}

/// A number's digits without leading zeros ("09" → "9", "000" → "0",
/// ".5" → "0.5").
fn without_leading_zeros(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() || trimmed.starts_with('.') {
        format!("0{trimmed}")
    } else {
        trimmed.to_string()
    }
}

/// Sentences of both sides as sorted lists of concept ids for one
/// feature, keeping only concepts that occur on both sides.
#[derive(Debug, Default, Clone)]
pub(crate) struct Concepts {
    pub src: Vec<Vec<u32>>,
    pub tgt: Vec<Vec<u32>>,
    /// Number of sentences each concept occurs in, per side.
    pub df_src: Vec<u32>,
    pub df_tgt: Vec<u32>,
}

/// A union-find over item types, used to merge matching types into
/// concepts.
struct UnionFind(Vec<u32>);

impl UnionFind {
    fn find(&mut self, mut x: u32) -> u32 {
        while let Some(&p) = self.0.get(x as usize) {
            if p == x {
                break;
            }
            let gp = self.0.get(p as usize).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(x as usize) {
                *slot = gp;
            }
            x = gp;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            if let Some(slot) = self.0.get_mut(ra as usize) {
                *slot = rb;
            }
        }
    }
}

/// Interns the item strings of each side into type ids.
fn intern(sents: &[Vec<String>]) -> (Vec<String>, Vec<Vec<u32>>) {
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let mut types = Vec::new();
    let lists = sents
        .iter()
        .map(|items| {
            items
                .iter()
                .map(|w| {
                    *ids.entry(w.as_str()).or_insert_with(|| {
                        types.push(w.clone());
                        (types.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    (types, lists)
}

/// The word lists of one side with their words interned: `types[id]` is
/// a word, `lists[k]` the ids of sentence k. Ids follow first occurrence,
/// as [`intern`] gives them, so both build the same ids.
#[derive(Debug, Default, Clone)]
pub(crate) struct Interned {
    /// The words by id (filled by [`Interned::finish`]).
    pub types: Vec<String>,
    pub lists: Vec<Vec<u32>>,
    /// The words seen so far and their ids (emptied into `types` by
    /// [`Interned::finish`]: each word is stored once).
    index: HashMap<String, u32>,
}

impl Interned {
    /// Adds the next sentence's words; only a new type is copied.
    pub(crate) fn push<'w>(&mut self, words: impl IntoIterator<Item = &'w str>) {
        let ids = words
            .into_iter()
            .map(|w| match self.index.get(w) {
                Some(&id) => id,
                None => {
                    let id = (self.types.len() + self.index.len()) as u32;
                    self.index.insert(w.to_string(), id);
                    id
                }
            })
            .collect();
        self.lists.push(ids);
    }

    /// Moves the words into `types` once every sentence is in.
    pub(crate) fn finish(&mut self) {
        let index = std::mem::take(&mut self.index);
        let mut types = std::mem::take(&mut self.types);
        types.resize(types.len() + index.len(), String::new());
        for (w, id) in index {
            if let Some(slot) = types.get_mut(id as usize) {
                *slot = w;
            }
        }
        self.types = types;
    }

    /// The words of sentence `k`.
    pub(crate) fn words(&self, k: usize) -> Vec<String> {
        self.lists
            .get(k)
            .map(|l| {
                l.iter()
                    .filter_map(|&id| self.types.get(id as usize).cloned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Builds concepts for one feature. `matches(src_types, tgt_types)` lists
/// pairs of (src type, tgt type) indices that match.
pub(crate) fn concepts(
    src: &[Vec<String>],
    tgt: &[Vec<String>],
    matches: impl FnOnce(&[String], &[String]) -> Vec<(u32, u32)>,
) -> Concepts {
    let (src_types, src_lists) = intern(src);
    let (tgt_types, tgt_lists) = intern(tgt);
    concepts_of(&src_types, src_lists, &tgt_types, tgt_lists, matches)
}

/// [`concepts`] for words already interned.
pub(crate) fn concepts_interned(
    src: &Interned,
    tgt: &Interned,
    matches: impl FnOnce(&[String], &[String]) -> Vec<(u32, u32)>,
) -> Concepts {
    concepts_of(
        &src.types,
        src.lists.clone(),
        &tgt.types,
        tgt.lists.clone(),
        matches,
    )
}

fn concepts_of(
    src_types: &[String],
    src_lists: Vec<Vec<u32>>,
    tgt_types: &[String],
    tgt_lists: Vec<Vec<u32>>,
    matches: impl FnOnce(&[String], &[String]) -> Vec<(u32, u32)>,
) -> Concepts {
    let offset = src_types.len() as u32;
    let total = src_types.len() + tgt_types.len();
    let mut uf = UnionFind((0..total as u32).collect());
    for (s, t) in matches(src_types, tgt_types) {
        uf.union(s, offset + t);
    }
    // A concept is kept when it has a member on each side.
    let mut has_src = vec![false; total];
    let mut has_tgt = vec![false; total];
    for s in 0..offset {
        let r = uf.find(s) as usize;
        if let Some(v) = has_src.get_mut(r) {
            *v = true;
        }
    }
    for t in 0..tgt_types.len() as u32 {
        let r = uf.find(offset + t) as usize;
        if let Some(v) = has_tgt.get_mut(r) {
            *v = true;
        }
    }
    // Dense ids for kept concepts.
    let mut dense = vec![u32::MAX; total];
    let mut next = 0u32;
    let mut concept_of = |uf: &mut UnionFind, node: u32| -> Option<u32> {
        let r = uf.find(node) as usize;
        if !(has_src.get(r).copied().unwrap_or(false) && has_tgt.get(r).copied().unwrap_or(false)) {
            return None;
        }
        let slot = dense.get_mut(r)?;
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        Some(*slot)
    };
    let mut to_concepts = |lists: Vec<Vec<u32>>, base: u32, uf: &mut UnionFind| -> Vec<Vec<u32>> {
        lists
            .into_iter()
            .map(|l| {
                let mut c: Vec<u32> = l
                    .into_iter()
                    .filter_map(|t| concept_of(uf, base + t))
                    .collect();
                c.sort_unstable();
                c.dedup();
                c
            })
            .collect()
    };
    let src_c = to_concepts(src_lists, 0, &mut uf);
    let tgt_c = to_concepts(tgt_lists, offset, &mut uf);
    let n = next as usize;
    let df = |lists: &[Vec<u32>]| {
        let mut df = vec![0u32; n];
        for l in lists {
            for &c in l {
                if let Some(v) = df.get_mut(c as usize) {
                    *v += 1;
                }
            }
        }
        df
    };
    Concepts {
        df_src: df(&src_c),
        df_tgt: df(&tgt_c),
        src: src_c,
        tgt: tgt_c,
    }
}

/// Identical types match.
pub(crate) fn identical_pairs(src: &[String], tgt: &[String]) -> Vec<(u32, u32)> {
    let index: HashMap<&str, u32> = src
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i as u32))
        .collect();
    tgt.iter()
        .enumerate()
        .filter_map(|(j, t)| index.get(t.as_str()).map(|&i| (i, j as u32)))
        .collect()
}

/// Cognates: identical, or sharing a 4-letter prefix, or normalised
/// Levenshtein similarity ≥ 0.7 (compared only within buckets of the same
/// first two letters and lengths within two of each other).
pub(crate) fn cognate_pairs(src: &[String], tgt: &[String]) -> Vec<(u32, u32)> {
    /// The first `n` characters of `w`, if it has that many (none for a
    /// name, which matches only identically).
    fn prefix(w: &str, n: usize) -> Option<&str> {
        if w.starts_with(NAME) {
            return None;
        }
        let end = w.char_indices().nth(n).map_or(w.len(), |(p, _)| p);
        (w.chars().count() >= n).then(|| w.get(..end)).flatten()
    }
    let mut pairs = identical_pairs(src, tgt);
    // Words sharing their first four letters: each word is paired with the
    // most alike word of the other side that shares them (the longest
    // common prefix, then the closest length, then the first), both ways,
    // so that the pairs do not depend on which side is the source.
    fn by4(words: &[String]) -> HashMap<&str, Vec<u32>> {
        let mut groups: HashMap<&str, Vec<u32>> = HashMap::default();
        for (i, w) in words.iter().enumerate() {
            if let Some(p) = prefix(w, 4) {
                groups.entry(p).or_default().push(i as u32);
            }
        }
        groups
    }
    let (src4, tgt4) = (by4(src), by4(tgt));
    let closest = |w: &str, candidates: &[u32], words: &[String]| -> Option<u32> {
        let len = w.chars().count();
        candidates.iter().copied().min_by_key(|&c| {
            let o = words.get(c as usize).map_or("", String::as_str);
            let common = w.chars().zip(o.chars()).take_while(|(a, b)| a == b).count();
            (
                std::cmp::Reverse(common),
                len.abs_diff(o.chars().count()),
                c,
            )
        })
    };
    // For each word of `words`, its most alike partner in `other`
    // (grouped by prefix in `groups`).
    let partners = |words: &[String], other: &[String], groups: &HashMap<&str, Vec<u32>>| {
        words
            .iter()
            .enumerate()
            .filter_map(|(a, w)| {
                let b = prefix(w, 4)
                    .and_then(|p| groups.get(p))
                    .and_then(|c| closest(w, c, other))?;
                Some((a as u32, b))
            })
            .collect::<Vec<_>>()
    };
    pairs.extend(partners(tgt, src, &src4).into_iter().map(|(j, i)| (i, j)));
    pairs.extend(partners(src, tgt, &tgt4));
    let mut by2: HashMap<&str, Vec<u32>> = HashMap::default();
    for (i, s) in src.iter().enumerate() {
        if s.chars().count() >= 4 {
            if let Some(p) = prefix(s, 2) {
                by2.entry(p).or_default().push(i as u32);
            }
        }
    }
    let src_len: Vec<usize> = src.iter().map(|s| s.chars().count()).collect();
    for (j, t) in tgt.iter().enumerate() {
        let tl = t.chars().count();
        if tl < 4 {
            continue;
        }
        let Some(bucket) = prefix(t, 2).and_then(|p| by2.get(p)) else {
            continue;
        };
        for &i in bucket {
            let (Some(s), Some(&sl)) = (src.get(i as usize), src_len.get(i as usize)) else {
                continue;
            };
            if sl.abs_diff(tl) > 2 || s == t {
                continue;
            }
            if strsim::normalized_levenshtein(s, t) >= 0.7 {
                pairs.push((i, j as u32));
            }
        }
    }
    pairs
}

/// Size of the intersection of two sorted lists.
pub(crate) fn intersect(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut k) = (0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                k += 1;
                i += 1;
                j += 1;
            }
        }
    }
    k
}

/// Learns word associations from confident 1-1 pairs: Dice coefficient
/// over sentence co-occurrence, at least `min_cooc` co-occurrences and
/// Dice ≥ `min_dice`; each word keeps its best partner (both ways).
pub(crate) fn learn_lexicon_interned(
    src: &Interned,
    tgt: &Interned,
    pairs: &[(usize, usize)],
    min_cooc: u32,
    min_dice: f64,
) -> Vec<(String, String)> {
    let (src_types, src_ids) = (&src.types, &src.lists);
    let (tgt_types, tgt_ids) = (&tgt.types, &tgt.lists);
    let unique = |ids: &[Vec<u32>], k: usize| -> Vec<u32> {
        let mut v = ids.get(k).cloned().unwrap_or_default();
        v.sort_unstable();
        v.dedup();
        v
    };
    // The target words of each bead, and for each source word the beads
    // it occurs in (compressed rows): co-occurrences are then counted one
    // source word at a time, in memory linear in the text rather than in
    // the number of distinct word pairs.
    let mut src_df = vec![0u32; src_types.len()];
    let mut tgt_df = vec![0u32; tgt_types.len()];
    let mut bead_tgt: Vec<Vec<u32>> = Vec::with_capacity(pairs.len());
    let mut bead_src: Vec<Vec<u32>> = Vec::with_capacity(pairs.len());
    for &(a, b) in pairs {
        let (sw, tw) = (unique(src_ids, a), unique(tgt_ids, b));
        for &w in &sw {
            if let Some(d) = src_df.get_mut(w as usize) {
                *d += 1;
            }
        }
        for &t in &tw {
            if let Some(d) = tgt_df.get_mut(t as usize) {
                *d += 1;
            }
        }
        bead_src.push(sw);
        bead_tgt.push(tw);
    }
    // start[w]..start[w + 1]: where word w's beads go in `beads_of`.
    let start: Vec<usize> = std::iter::once(0)
        .chain(src_df.iter().scan(0usize, |acc, &d| {
            *acc += d as usize;
            Some(*acc)
        }))
        .collect();
    let mut fill = start.clone();
    let mut beads_of = vec![0u32; start.last().copied().unwrap_or(0)];
    for (k, sw) in bead_src.iter().enumerate() {
        for &w in sw {
            if let Some(pos) = fill.get_mut(w as usize) {
                if let Some(slot) = beads_of.get_mut(*pos) {
                    *slot = k as u32;
                }
                *pos += 1;
            }
        }
    }
    drop(bead_src);
    // Best partner of each word, both ways; ties go to the smaller id so
    // the result does not depend on the order of counting.
    let mut best_src: Vec<(f64, u32)> = vec![(0.0, u32::MAX); src_types.len()];
    let mut best_tgt: Vec<(f64, u32)> = vec![(0.0, u32::MAX); tgt_types.len()];
    let mut counts = vec![0u32; tgt_types.len()];
    let mut touched: Vec<u32> = Vec::new();
    for w in 0..src_types.len() {
        let ds = src_df.get(w).copied().unwrap_or(0);
        if ds < min_cooc {
            continue;
        }
        let (lo, hi) = (
            start.get(w).copied().unwrap_or(0),
            start.get(w + 1).copied().unwrap_or(0),
        );
        for &k in beads_of.get(lo..hi).unwrap_or_default() {
            for &t in bead_tgt.get(k as usize).map_or(&[][..], Vec::as_slice) {
                if let Some(c) = counts.get_mut(t as usize) {
                    if *c == 0 {
                        touched.push(t);
                    }
                    *c += 1;
                }
            }
        }
        for &t in &touched {
            let c = counts.get(t as usize).copied().unwrap_or(0);
            if let Some(v) = counts.get_mut(t as usize) {
                *v = 0;
            }
            if c < min_cooc {
                continue;
            }
            let dt = f64::from(tgt_df.get(t as usize).copied().unwrap_or(1));
            let dice = 2.0 * f64::from(c) / (f64::from(ds) + dt);
            if dice < min_dice {
                continue;
            }
            let s = w as u32;
            if let Some(b) = best_src.get_mut(w) {
                if dice > b.0 || (dice == b.0 && t < b.1) {
                    *b = (dice, t);
                }
            }
            if let Some(b) = best_tgt.get_mut(t as usize) {
                if dice > b.0 || (dice == b.0 && s < b.1) {
                    *b = (dice, s);
                }
            }
        }
        touched.clear();
    }
    // Each word keeps its best partner, in both directions.
    let from_src = best_src
        .iter()
        .enumerate()
        .filter(|(_, &(_, t))| t != u32::MAX)
        .map(|(s, &(_, t))| (s as u32, t));
    let from_tgt = best_tgt
        .iter()
        .enumerate()
        .filter(|(_, &(_, s))| s != u32::MAX)
        .map(|(t, &(_, s))| (s, t as u32));
    let mut ids: Vec<(u32, u32)> = from_src.chain(from_tgt).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out: Vec<(String, String)> = ids
        .into_iter()
        .filter_map(|(s, t)| {
            Some((
                src_types.get(s as usize)?.clone(),
                tgt_types.get(t as usize)?.clone(),
            ))
        })
        .collect();
    out.sort_unstable();
    out
}

/// Lexicon pairs (src word, tgt word), folded, as type-index pairs.
pub(crate) fn lexicon_pairs(
    lexicon: &[(String, String)],
) -> impl Fn(&[String], &[String]) -> Vec<(u32, u32)> + '_ {
    move |src, tgt| {
        let si: HashMap<&str, u32> = src
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        let ti: HashMap<&str, u32> = tgt
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        lexicon
            .iter()
            .filter_map(|(s, t)| Some((*si.get(s.as_str())?, *ti.get(t.as_str())?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_normalised() {
        let n = |s: &str| raw_items(s).numbers;
        assert_eq!(n("On 9 October 2017"), ["9", "2017"]);
        assert_eq!(n("1.000.000 and 1,000,000"), ["1000000", "1000000"]);
        assert_eq!(n("2.5 or 2,5 and 09"), ["2.5", "2.5", "9"]);
        assert_eq!(n("0.125 or 0,125"), ["0.125", "0.125"]);
        assert_eq!(n("٢٠١٧"), ["2017"]);
        assert_eq!(n("২০১৭ and ๒๐๑๗ and ၂၀၁၇ and ２０１７"), ["2017"; 4]);
    }

    #[test]
    fn numbers_with_scale_words_also_give_their_value() {
        let n = |s: &str| raw_items(s).numbers;
        assert_eq!(n("1.5 million people"), ["1.5", "1500000"]);
        assert_eq!(n("150万人"), ["150", "1500000"]);
        assert_eq!(n("1,5 Millionen"), ["1.5", "1500000"]);
        assert_eq!(n("2,3 Mrd. Euro"), ["2.3", "2300000000"]);
        assert_eq!(n("12亿"), ["12", "1200000000"]);
        assert_eq!(n("3 миллиона"), ["3", "3000000"]);
        assert_eq!(n("$45 bn"), ["45", "45000000000"]);
        assert_eq!(n("0.125 million"), ["0.125", "125000"]);
        assert_eq!(n("1.2345万"), ["1.2345", "12345"]);
        assert_eq!(n("1.23456万"), ["1.23456", "12345.6"]);
        // Not scale words: other words, a short stem inside a longer word,
        // a word two spaces on.
        assert_eq!(n("5 millers"), ["5"]);
        assert_eq!(n("5 bnx"), ["5"]);
        assert_eq!(n("5  million"), ["5"]);
        assert_eq!(n("10.9.2017 million"), ["10", "9", "2017"]);
    }

    #[test]
    fn spaced_thousands_and_dotted_dates_meet_their_english_forms() {
        let n = |s: &str| raw_items(s).numbers;
        assert_eq!(n("15 000 personnes"), ["15000"]);
        assert_eq!(n("1 250 000,5 руб."), ["1250000.5"]);
        assert_eq!(n("1\u{a0}250\u{202f}000 kr"), ["1250000"]);
        // Not thousands groups: a 4-digit group before the space, a
        // group of other than three digits after it.
        assert_eq!(n("in 2019 500 people"), ["2019", "500"]);
        assert_eq!(n("pages 12 3456"), ["12", "3456"]);
        assert_eq!(n("1.5 000"), ["1.5", "0"]);
        // Times of day are their hours and minutes, however written.
        assert_eq!(n("at 10.30 am"), n("à 10h30"));
        assert_eq!(n("um 10:30 Uhr"), ["10", "30"]);
        assert_eq!(n("10,30"), ["10", "30"]);
        assert_eq!(n("2.5 and 10.75 and 125.30"), ["2.5", "10.75", "125.30"]);
        // Dates and versions are their parts.
        assert_eq!(n("am 10.9.2017"), ["10", "9", "2017"]);
        assert_eq!(
            n("27.10.14 and 9/10/2017"),
            ["27", "10", "14", "9", "10", "2017"]
        );
        assert_eq!(n("v1.02.0"), ["1", "2", "0"]);
        // The spaces are not counted in the length.
        assert_eq!(raw_items("15 000").chars, raw_items("15000").chars);
    }

    #[test]
    fn greek_question_marks_and_semicolons_meet_their_latin_counterparts() {
        let p = |s: &str| raw_items(s).punct;
        assert_eq!(p("Πού είσαι;"), p("Where are you?"));
        assert_eq!(p("Ήρθε\u{b7} έφυγε."), p("He came; he left."));
        // Outside Greek text ";" stays a semicolon, and a middle dot
        // inside a word (Catalan "col·lega") is no punctuation.
        assert_eq!(p("Il vient; il part."), p("He came; he left."));
        assert_eq!(p("El col·lega ve."), p("The colleague comes."));
    }

    /// The words of a sentence without its names.
    fn plain_words(s: &str) -> Vec<String> {
        let mut words = raw_items(s).words;
        words.retain(|w| !w.starts_with(NAME));
        words
    }

    #[test]
    fn names_are_chinese_character_pairs_in_pinyin_and_capitalised_words() {
        // Sentences alone carry no names: they depend on the pair.
        assert!(raw_items("陈清扬说 Chen Qingyang")
            .words
            .iter()
            .all(|w| !w.starts_with(NAME)));
        let latin = |s: &str| {
            let mut out = Vec::new();
            latin_names(s, &mut out);
            out
        };
        let known: HashMap<String, u32> = [("chenqing", 1), ("qingyang", 1), ("chen", 1)]
            .into_iter()
            .map(|(w, n)| (w.to_string(), n))
            .collect();
        // Pairs of characters, kept once when the other side has them.
        assert_eq!(
            pinyin_names("陈清扬说陈清", &known),
            ["chenqing", "qingyang"]
        );
        let name = |w: &str, first| (w.to_string(), first);
        assert_eq!(
            latin("Chen Qingyang said so."),
            [name("chen", true), name("qingyang", false)]
        );
        assert_eq!(
            latin("Zoë Kraków-Ń"),
            [name("zoe", true), name("krakow", false)]
        );
        // Not acronyms, not one letter; nothing of Japanese (its kanji are
        // read otherwise).
        assert!(latin("UNHCR and I came.").is_empty());
        assert!(pinyin_names("陈清扬さんが来た。", &known).is_empty());
        // A word capitalised only at the start of a sentence is no name; a
        // pair of characters in many more sentences than its name is a
        // word that sounds alike.
        let en = [
            "Women came.",
            "We saw Qingyang.",
            "Qingyang left.",
            "Women go.",
        ];
        let zh = [
            "我们来了。",
            "我们看见了清扬。",
            "清扬走了。",
            "我们走了。",
            "我们笑了。",
        ];
        let mut en_raw: Vec<RawItems> = en.iter().map(|t| raw_items(t)).collect();
        let mut zh_raw: Vec<RawItems> = zh.iter().map(|t| raw_items(t)).collect();
        add_names((&en, &mut en_raw), (&zh, &mut zh_raw));
        let names_of = |raw: &[RawItems]| -> Vec<String> {
            raw.iter()
                .map(|r| {
                    let names: Vec<&str> = r
                        .words
                        .iter()
                        .filter_map(|w| w.strip_prefix(NAME))
                        .collect();
                    names.join(" ")
                })
                .collect()
        };
        assert_eq!(names_of(&en_raw), ["", "qingyang", "qingyang", ""]);
        assert_eq!(names_of(&zh_raw), ["", "qingyang", "qingyang", "", ""]);
        // Names match only identically, not by prefix or spelling.
        let name = |w: &str| format!("{NAME}{w}");
        assert!(cognate_pairs(&[name("qingyang")], &[name("qingnian")]).is_empty());
        assert_eq!(
            cognate_pairs(&[name("qingyang")], &[name("qingyang")]),
            [(0, 0)]
        );
    }

    #[test]
    fn spanish_inverted_marks_do_not_count_twice() {
        let p = |s: &str| raw_items(s).punct;
        assert_eq!(p("¿Dónde estás?"), p("Where are you?"));
        assert_eq!(p("¡Qué bien!"), p("How nice!"));
    }

    #[test]
    fn punctuation_of_other_scripts_meets_its_latin_counterpart() {
        for (a, b) in [
            ('【', '['),
            ('〔', '('),
            ('؛', ';'),
            ('‹', '"'),
            ('―', '—'),
            ('؟', '?'),
        ] {
            assert_eq!(punct_class(a), punct_class(b), "{a} {b}");
            assert!(punct_class(a).is_some(), "{a}");
        }
    }

    #[test]
    fn single_quotes_count_but_apostrophes_do_not() {
        // Regression: English dialogue in 'single quotes' against Chinese
        // “double quotes” gave no punctuation evidence.
        let quotes = |s: &str| raw_items(s).punct[QUOTES];
        assert_eq!(quotes("'Why not try me?' he said."), 2);
        assert_eq!(quotes("‘Don’t,’ she said."), 2);
        assert_eq!(quotes("The boy's arms weren't free."), 0);
        assert_eq!(quotes("他说：“好。”"), 2);
    }

    #[test]
    fn initials_are_single_capitals_before_a_full_stop() {
        assert_eq!(raw_items("By Av. M.B., Lawyer").initials, ["m", "b"]);
        assert_eq!(raw_items("H. Khan met Mr. Balla.").initials, ["h"]);
        assert!(raw_items("I said so. A dog.").initials.is_empty());
    }

    #[test]
    fn combining_marks_stay_inside_words() {
        // Decomposed accents (NFD input), a Devanagari virama, a Thai tone
        // mark: one word each, not several.
        assert_eq!(plain_words("Krako\u{301}w"), ["krakow"]);
        assert_eq!(raw_items("Krako\u{301}w").chars, 7);
        assert_eq!(raw_items("हिन्दी").lex, format!("हिन्दी{LEX_END}"));
        assert_eq!(raw_items("ไม่").lex, format!("ไม่{LEX_END}"));
        // An uppercase word with a mark is still an acronym.
        assert_eq!(plain_words("ÉU\u{301}A"), ["eua"]);
    }

    #[test]
    fn cognates_by_prefix_pair_the_most_alike_words_both_ways() {
        let words = |v: &[&str]| v.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let a = words(&["international", "internet", "interview"]);
        let b = words(&["internationale", "interne"]);
        let mut ab = cognate_pairs(&a, &b);
        let mut ba: Vec<(u32, u32)> = cognate_pairs(&b, &a)
            .into_iter()
            .map(|(x, y)| (y, x))
            .collect();
        ab.sort_unstable();
        ab.dedup();
        ba.sort_unstable();
        ba.dedup();
        // The same pairs whichever side is the source (the first word
        // with the prefix took every partner before).
        assert_eq!(ab, ba);
        assert!(ab.contains(&(0, 0)), "{ab:?}");
        assert!(ab.contains(&(1, 1)), "{ab:?}");
    }

    #[test]
    fn cyrillic_and_greek_words_fold_to_latin_letters() {
        assert_eq!(fold("Путин"), "putin");
        assert_eq!(fold("Україна"), "ukraina");
        assert_eq!(fold("Трамп"), "tramp");
        assert_eq!(fold("НАТО"), "nato");
        assert_eq!(fold("Ευρώπη"), "europi");
        assert_eq!(fold("Αθήνα"), "athina");
        assert_eq!(fold("Њујорк"), "njujork");
        // Other scripts and Latin words are only lower-cased and stripped.
        assert_eq!(fold("Tiranë"), "tirane");
        assert_eq!(fold("Kraków"), "krakow");
        assert_eq!(fold("東京"), "東京");
        // Vowel signs of Indic scripts are letters, not accents; Arabic
        // vowel points are optional and dropped.
        assert_eq!(fold("किताब"), "किताब");
        assert_ne!(fold("कि"), fold("का"));
        assert_eq!(fold("كِتَاب"), "كتاب");
        // A name written in both scripts matches as a cognate.
        assert!(!cognate_pairs(&[fold("Трамп")], &[fold("Trump")]).is_empty());
        assert!(!cognate_pairs(&[fold("Украина")], &[fold("Ukraine")]).is_empty());
        assert!(!cognate_pairs(&[fold("Ευρώπη")], &[fold("Europe")]).is_empty());
    }

    #[test]
    fn words_are_folded_and_acronyms_kept() {
        let text = "UNHCR në Tiranë, MEK-ut and Irak";
        assert_eq!(plain_words(text), ["unhcr", "tirane", "mek", "irak"]);
        assert_eq!(raw_items(text).chars, 27);
    }

    #[test]
    fn cognates_match_by_prefix_and_similarity() {
        let src = vec![
            "tirana".to_string(),
            "iraq".to_string(),
            "lawyer".to_string(),
        ];
        let tgt = vec![
            "tirane".to_string(),
            "irak".to_string(),
            "avokate".to_string(),
        ];
        let mut pairs = cognate_pairs(&src, &tgt);
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs, [(0, 0), (1, 1)]);
    }

    #[test]
    fn concepts_keep_only_items_with_a_partner() {
        let src = vec![
            vec!["a".to_string(), "b".to_string()],
            vec!["c".to_string()],
        ];
        let tgt = vec![vec!["b".to_string()], vec!["z".to_string()]];
        let c = concepts(&src, &tgt, identical_pairs);
        assert_eq!(c.src, [vec![0], vec![]]);
        assert_eq!(c.tgt, [vec![0], vec![]]);
        assert_eq!(intersect(&c.src[0], &c.tgt[0]), 1);
    }
}
