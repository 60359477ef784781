//! Numbers: digits of any script, thousands separators, dates and times,
//! scale words.

use super::is_cjk;

/// Maps a digit of any common script to ASCII: Arabic-Indic, Persian,
/// Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
/// Malayalam, Thai, Lao, Tibetan, Myanmar, Khmer and full-width digits.
#[inline]
pub(crate) fn ascii_digit(c: char) -> Option<char> {
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

/// Scale words after a number, by the power of ten they stand for: the
/// Chinese and Japanese myriads, and the European words and abbreviations
/// for a million and a thousand million, as their stems (so that
/// inflected forms match). A prefix shared by both is listed at the
/// larger scale first.
pub(crate) const SCALES: &[(&str, u32)] = &[
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
pub(crate) fn scale_after(rest: &str) -> Option<u32> {
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
pub(crate) fn scaled(number: &str, exp: u32) -> String {
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
pub(crate) fn is_number_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// A number that reads as a time of day, hours and minutes: 0–24, a
/// point, then two digits below 60 ("10.30", "9.05"). A decimal of that
/// shape is split alike on both sides of a pair, so nothing is lost.
pub(crate) fn is_clock_time(number: &str) -> bool {
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
pub(crate) fn read_number(s: &str) -> (String, usize) {
    // The characters the number may take, and the first after them (no
    // further one is looked at): digits, separators and spaces, at most 64.
    let mut chars: Vec<(usize, char)> = Vec::new();
    for (p, c) in s.char_indices().take(64) {
        chars.push((p, c));
        if !(ascii_digit(c).is_some() || matches!(c, '.' | ',') || is_number_space(c)) {
            break;
        }
    }
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
pub(crate) fn without_leading_zeros(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() || trimmed.starts_with('.') {
        format!("0{trimmed}")
    } else {
        trimmed.to_string()
    }
}
