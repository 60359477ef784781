//! `w:sym`: a character of a symbol font, as Unicode.
//!
//! Word stores symbol-font characters as codes in the private use area
//! (U+F020–U+F0FF, the font's byte plus F000). For the Symbol font these
//! map to real characters (Greek letters, arrows, mathematical signs);
//! the other symbol fonts (Wingdings, Webdings) draw pictures that
//! Unicode mostly lacks, and give nothing. A code outside that range is
//! already a Unicode character.

/// The Symbol font's bytes 0x20–0x7E and 0xA0–0xFE (Adobe's Symbol
/// encoding); `\0` where a byte draws only a piece of a larger bracket.
const LOW: &str = " !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_\0αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼";
const HIGH: &str = "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑\0\0\0\0\0\0\0\0\0\0\0〉∫⌠⎮⌡\0\0\0\0\0\0\0\0\0";

/// The character `w:sym w:font=".." w:char=".."` stands for, if any.
pub(crate) fn symbol(font: Option<&str>, code: Option<&str>) -> Option<char> {
    let code = u32::from_str_radix(code?.trim(), 16).ok()?;
    let font = font.unwrap_or_default().trim().to_ascii_lowercase();
    if ["wingdings", "webdings", "marlett", "zapf dingbats"]
        .iter()
        .any(|f| font.starts_with(f))
    {
        return None;
    }
    // The byte of a symbol font, from its private-use code (some files
    // give the byte itself).
    let byte = match code {
        0xF000..=0xF0FF => code - 0xF000,
        0x00..=0xFF if font == "symbol" => code,
        _ => return char::from_u32(code).filter(|c| !is_private(*c) && !c.is_control()),
    };
    if font != "symbol" {
        // A text font's private-use code: its byte is the character.
        return char::from_u32(byte).filter(|c| !c.is_control());
    }
    let c = match byte {
        0x20..=0x7E => LOW.chars().nth((byte - 0x20) as usize),
        0xA0..=0xFE => HIGH.chars().nth((byte - 0xA0) as usize),
        _ => None,
    }?;
    (c != '\0').then_some(c)
}

fn is_private(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_cover_their_ranges() {
        assert_eq!(LOW.chars().count(), 0x7E - 0x20 + 1);
        assert_eq!(HIGH.chars().count(), 0xFE - 0xA0 + 1);
    }

    #[test]
    fn symbol_codes_to_unicode() {
        let cases = [
            (Some("Symbol"), Some("F061"), Some('α')),
            (Some("Symbol"), Some("F0B7"), Some('•')),
            (Some("Symbol"), Some("F0AE"), Some('→')),
            (Some("Symbol"), Some("F044"), Some('Δ')),
            (Some("Symbol"), Some("F0E6"), None),
            (Some("Wingdings"), Some("F0E0"), None),
            (Some("Wingdings"), Some("F04A"), None),
            (Some("Wingdings 2"), Some("0041"), None),
            (Some("Arial"), Some("F041"), Some('A')),
            (Some("Times New Roman"), Some("2014"), Some('—')),
            (Some("Arial"), Some("0041"), Some('A')),
            (None, Some("F8FF"), None),
            (Some("Symbol"), Some("zz"), None),
            (Some("symbol"), Some("70"), Some('π')),
            (Some("Symbol"), None, None),
        ];
        for (font, code, want) in cases {
            assert_eq!(symbol(font, code), want, "{font:?} {code:?}");
        }
    }
}
