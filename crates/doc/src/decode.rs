//! Bytes to text: UTF-8 (with or without a byte-order mark), UTF-16 with
//! a byte-order mark, a named legacy encoding, or (see [`decode_auto`]) a
//! legacy encoding detected from the bytes.

use std::borrow::Cow;

/// Why input bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Invalid UTF-8 at this byte offset.
    #[error("invalid UTF-8 at byte {offset}")]
    Utf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// Invalid UTF-16 (a lone surrogate or an odd length) at this byte
    /// offset.
    #[error("invalid UTF-16 at byte {offset}")]
    Utf16 {
        /// Offset of the first invalid code unit.
        offset: usize,
    },
    /// An encoding name that is not known (see the WHATWG Encoding
    /// Standard's labels).
    #[error("unknown encoding '{0}' (try utf-8, utf-16le, windows-1252, iso-8859-2, …)")]
    UnknownEncoding(String),
    /// Bytes that are not valid in the named encoding.
    #[error("invalid {encoding} data at byte {offset}")]
    Malformed {
        /// The encoding's name.
        encoding: &'static str,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A NUL byte in input without a UTF-16 byte-order mark: the file
    /// looks binary.
    #[error(
        "looks like a binary file (NUL byte at {offset}); UTF-16 text needs a byte-order mark"
    )]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
}

/// Decodes input bytes to text: UTF-8 (a leading BOM is dropped) or
/// UTF-16 LE/BE with a BOM. Line ends are left as they are (the splitter
/// reads `\n`, `\r\n` and `\r`).
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    match bytes {
        [0xFF, 0xFE, rest @ ..] => decode_utf16(rest, u16::from_le_bytes).map(Cow::Owned),
        [0xFE, 0xFF, rest @ ..] => decode_utf16(rest, u16::from_be_bytes).map(Cow::Owned),
        _ => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let bom = bytes.len() - body.len();
            match std::str::from_utf8(body) {
                Ok(text) => {
                    if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
                        return Err(DecodeError::Binary {
                            offset: offset + bom,
                        });
                    }
                    Ok(Cow::Borrowed(text))
                }
                Err(e) => {
                    let offset = e.valid_up_to() + bom;
                    // NUL bytes before the bad byte say "binary" more
                    // helpfully than "invalid UTF-8".
                    match body.iter().position(|&b| b == 0) {
                        Some(nul) if nul < e.valid_up_to() + 1 => {
                            Err(DecodeError::Binary { offset: nul + bom })
                        }
                        _ => Err(DecodeError::Utf8 { offset }),
                    }
                }
            }
        }
    }
}

/// Like [`decode`], but takes the bytes by value so that UTF-8 input
/// becomes a `String` without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, DecodeError> {
    decode_in_place(bytes).map_err(|(e, _)| e)
}

/// [`decode_owned`], giving the bytes back with the error (for a caller
/// that tries a legacy encoding next). UTF-8 is validated once, as it
/// stands: a byte-order mark is valid UTF-8 without a NUL byte, so the
/// offsets and errors are those [`decode`] finds after it.
fn decode_in_place(bytes: Vec<u8>) -> Result<String, (DecodeError, Vec<u8>)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return match decode(&bytes) {
            Ok(text) => Ok(text.into_owned()),
            Err(e) => Err((e, bytes)),
        };
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
                return Err((DecodeError::Binary { offset }, text.into_bytes()));
            }
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // NUL bytes before the bad byte say "binary" more helpfully
            // than "invalid UTF-8".
            let err = match memchr::memchr(0, &bytes) {
                Some(nul) if nul < valid + 1 => DecodeError::Binary { offset: nul },
                _ => DecodeError::Utf8 { offset: valid },
            };
            Err((err, bytes))
        }
    }
}

/// Decodes input in a named encoding (`windows-1252`, `iso-8859-2`,
/// `shift_jis`, `utf-16le`, … — the WHATWG labels). A byte-order mark, if
/// present, wins over the name, as browsers do; bytes that are not valid in
/// the encoding are an error with their offset.
///
/// ```
/// let text = ura_doc::decode_with(b"caf\xE9", "windows-1252").unwrap();
/// assert_eq!(text, "café");
/// ```
pub fn decode_with(bytes: &[u8], label: &str) -> Result<String, DecodeError> {
    let named = encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| DecodeError::UnknownEncoding(label.to_string()))?;
    let (encoding, bom) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((named, 0));
    let body = bytes.get(bom..).unwrap_or_default();
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length(body.len())
            .unwrap_or(body.len()),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, extra) => Err(DecodeError::Malformed {
            encoding: encoding.name(),
            offset: bom + read - usize::from(extra) - usize::from(bad),
        }),
        encoding_rs::DecoderResult::OutputFull => Err(DecodeError::Malformed {
            encoding: encoding.name(),
            offset: bom + read,
        }),
    }
}

/// A decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (without a byte-order mark).
    pub text: String,
    /// The encoding it was read in (WHATWG name: `UTF-8`, `UTF-16LE`,
    /// `windows-1252`, …).
    pub encoding: &'static str,
    /// Whether the encoding was detected from the bytes (a legacy
    /// encoding, or UTF-16 without a byte-order mark) rather than given
    /// by a byte-order mark, by the caller, or by the bytes being UTF-8.
    pub detected: bool,
}

/// Most bytes the legacy-encoding detector looks at: enough for any
/// text's statistics, and it keeps detection linear in a bounded prefix.
const SNIFF_BYTES: usize = 1 << 20;

/// Decodes input whose encoding may not be known, in this order:
/// a byte-order mark (UTF-8, UTF-16LE/BE); the encoding named by `label`
/// (see [`decode_with`]); UTF-8; UTF-16 without a byte-order mark when the
/// bytes show its pattern of NUL bytes; a legacy encoding detected by
/// `chardetng` (the detector Firefox uses), when the bytes hold no valid
/// multi-byte UTF-8 sequence (text that is UTF-8 except for a few bad
/// bytes is damaged UTF-8, not a legacy encoding) and the result holds
/// no control characters. Anything else is the UTF-8 error (or
/// [`DecodeError::Binary`] for NUL bytes).
///
/// ```
/// let latin = b"Caf\xE9 cr\xE8me, na\xEFve fa\xE7ade: d\xE9j\xE0 vu.".to_vec();
/// let d = ura_doc::decode_auto(latin, None).unwrap();
/// assert_eq!(d.text, "Café crème, naïve façade: déjà vu.");
/// assert!(d.detected);
/// let err = ura_doc::decode_auto(b"ok \xC3\xA9 \xFF".to_vec(), None).unwrap_err();
/// assert_eq!(err.to_string(), "invalid UTF-8 at byte 6");
/// ```
pub fn decode_auto(bytes: Vec<u8>, label: Option<&str>) -> Result<Decoded, DecodeError> {
    decode_auto_hinted(bytes, label, None)
}

/// The country code top-level domain whose legacy encodings a language's
/// texts were written in, as chardetng takes a hint (`hu` → `hu`, `cs` →
/// `cz`, `uk` → `ua`, `zh-Hant` → `tw`): a short Hungarian text reads as
/// well in windows-1252 as in ISO-8859-2 but for two letters.
pub fn tld_for_language(lang: &str) -> Option<&'static str> {
    const TLDS: &[(&str, &str)] = &[
        ("ar", "sa"),
        ("az", "az"),
        ("be", "by"),
        ("bg", "bg"),
        ("bs", "ba"),
        ("cs", "cz"),
        ("de", "de"),
        ("el", "gr"),
        ("en", "uk"),
        ("es", "es"),
        ("et", "ee"),
        ("fa", "ir"),
        ("fr", "fr"),
        ("he", "il"),
        ("hr", "hr"),
        ("hu", "hu"),
        ("is", "is"),
        ("it", "it"),
        ("ja", "jp"),
        ("kk", "kz"),
        ("ko", "kr"),
        ("lt", "lt"),
        ("lv", "lv"),
        ("mk", "mk"),
        ("nl", "nl"),
        ("pl", "pl"),
        ("pt", "pt"),
        ("ro", "ro"),
        ("ru", "ru"),
        ("sk", "sk"),
        ("sl", "si"),
        ("sq", "al"),
        ("sr", "rs"),
        ("th", "th"),
        ("tr", "tr"),
        ("uk", "ua"),
        ("ur", "pk"),
        ("vi", "vn"),
        ("zh", "cn"),
    ];
    let lower = lang.to_ascii_lowercase();
    let mut subtags = lower.split(['-', '_']);
    let primary = subtags.next()?;
    if primary == "zh" && subtags.any(|t| matches!(t, "hant" | "tw" | "hk" | "mo")) {
        return Some("tw");
    }
    TLDS.iter().find(|(l, _)| *l == primary).map(|(_, t)| *t)
}

/// [`decode_auto`], with the text's language, if known, as a hint to the
/// legacy-encoding detector (see [`tld_for_language`]).
pub fn decode_auto_hinted(
    bytes: Vec<u8>,
    label: Option<&str>,
    lang: Option<&str>,
) -> Result<Decoded, DecodeError> {
    let bom = encoding_rs::Encoding::for_bom(&bytes).map(|(e, _)| e.name());
    if let Some(label) = label {
        let text = decode_with(&bytes, label)?;
        let encoding = bom.unwrap_or_else(|| {
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).map_or("UTF-8", |e| e.name())
        });
        return Ok(Decoded {
            text,
            encoding,
            detected: false,
        });
    }
    let (err, bytes) = match decode_in_place(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                encoding: bom.unwrap_or("UTF-8"),
                detected: false,
            })
        }
        Err(failed) => failed,
    };
    let guess = match err {
        DecodeError::Binary { .. } => utf16_without_bom(&bytes),
        DecodeError::Utf8 { .. } if !has_utf8_sequence(&bytes) => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            let sample = bytes.get(..SNIFF_BYTES).unwrap_or(&bytes);
            detector.feed(sample, sample.len() == bytes.len());
            let tld = lang.and_then(tld_for_language).map(str::as_bytes);
            Some(detector.guess(tld, chardetng::Utf8Detection::Deny))
        }
        _ => None,
    };
    let decoded = guess.and_then(|encoding| {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
        let plain = !had_errors
            && !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'));
        plain.then(|| Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            detected: true,
        })
    });
    decoded.ok_or(err)
}

/// Whether `bytes` hold at least one well-formed multi-byte UTF-8
/// sequence (then invalid bytes elsewhere mean damaged UTF-8).
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => return !text.is_ascii(),
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // `good` is valid UTF-8 by construction.
                if !good.is_ascii() {
                    return true;
                }
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = bad.get(skip..).unwrap_or_default();
            }
        }
    }
}

/// UTF-16 LE or BE when `bytes` (without a BOM) look like it: an even
/// length, and NUL bytes in most odd (LE) or even (BE) positions but
/// almost none in the others, as text in a Latin, Greek or Cyrillic
/// script shows.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 == 1 {
        return None;
    }
    let pairs = bytes.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let most = |n: usize| n * 10 >= pairs * 4;
    let few = |n: usize| n * 20 <= pairs;
    if most(odd) && few(even) {
        Some(encoding_rs::UTF_16LE)
    } else if most(even) && few(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn decode_utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let units = body.chunks(2).map(|c| match c {
        [a, b] => Ok(unit([*a, *b])),
        _ => Err(()),
    });
    let mut out = String::with_capacity(body.len());
    let mut offset = 2; // after the BOM
    for decoded in char::decode_utf16(units.map_while(Result::ok)) {
        match decoded {
            Ok(c) => {
                out.push(c);
                offset += c.len_utf16() * 2;
            }
            Err(_) => return Err(DecodeError::Utf16 { offset }),
        }
    }
    if body.len() % 2 == 1 {
        return Err(DecodeError::Utf16 {
            offset: body.len() + 1,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_in_place_agrees_with_decoding_a_borrowed_copy() {
        let inputs: &[&[u8]] = &[
            b"",
            b"abc",
            "Shqipëri 第一".as_bytes(),
            b"\xEF\xBB\xBF",
            b"\xEF\xBB\xBFabc",
            b"\xEF\xBB\xBF\xEF\xBB\xBFabc",
            b"\xEF\xBBabc",
            b"\xEF\xBB\xBFa\0b",
            b"a\0b",
            b"\0",
            b"ab\xC3(",
            b"\xEF\xBB\xBFab\xC3(",
            b"a\0b\xFF",
            b"ab\xFF\0",
            b"\xFF\0",
            b"\xEF\xBB\xBF\xFF\0",
            b"caf\xE9",
            b"\xFF\xFEH\0i\0",
            b"\xFE\xFF\0H\0i",
            b"\xFF\xFEH\0i",
            b"\xFF\xFE\x00\xD8",
            b"\xFF\xFE",
            b"\xFF",
        ];
        for &bytes in inputs {
            let borrowed = decode(bytes).map(Cow::into_owned);
            assert_eq!(decode_owned(bytes.to_vec()), borrowed, "{bytes:?}");
            match decode_in_place(bytes.to_vec()) {
                Ok(text) => assert_eq!(Ok(text), borrowed, "{bytes:?}"),
                Err((e, back)) => {
                    assert_eq!(Err(e), borrowed, "{bytes:?}");
                    assert_eq!(back, bytes, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"abc").unwrap(), "abc");
        assert_eq!(decode("\u{feff}Shqipëri".as_bytes()).unwrap(), "Shqipëri");
        assert_eq!(decode(b"").unwrap(), "");
    }

    #[test]
    fn invalid_utf8_reports_offset_counting_the_bom() {
        assert_eq!(
            decode(b"ab\xC3(").unwrap_err(),
            DecodeError::Utf8 { offset: 2 }
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFab\xFF").unwrap_err(),
            DecodeError::Utf8 { offset: 5 }
        );
        assert_eq!(
            decode(b"\xFF").unwrap_err(),
            DecodeError::Utf8 { offset: 0 }
        );
    }

    #[test]
    fn owned_decoding_drops_the_bom() {
        assert_eq!(decode_owned(b"\xEF\xBB\xBFab".to_vec()).unwrap(), "ab");
        assert_eq!(decode_owned(b"ab".to_vec()).unwrap(), "ab");
        assert_eq!(
            decode_owned(b"a\xFF".to_vec()).unwrap_err(),
            DecodeError::Utf8 { offset: 1 }
        );
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hë\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "Hë\r\n");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hë".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "Hë");
    }

    #[test]
    fn lone_surrogate_and_odd_length_are_errors() {
        let bad = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        assert_eq!(decode(&bad).unwrap_err(), DecodeError::Utf16 { offset: 4 });
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0, b'b']).unwrap_err(),
            DecodeError::Utf16 { offset: 4 }
        );
    }

    #[test]
    fn legacy_encodings_by_name() {
        assert_eq!(decode_with(b"\xC7\xE9", "windows-1252").unwrap(), "Çé");
        assert_eq!(decode_with(b"\xB9\xE6", "ISO-8859-2").unwrap(), "šć");
        assert_eq!(
            decode_with(b"\xEF\xBB\xBFok", "windows-1252").unwrap(),
            "ok",
            "a BOM wins"
        );
        assert_eq!(
            decode_with(b"ab", "klingon").unwrap_err(),
            DecodeError::UnknownEncoding("klingon".into())
        );
        assert_eq!(
            decode_with(b"ok \xFF", "utf-8").unwrap_err(),
            DecodeError::Malformed {
                encoding: "UTF-8",
                offset: 3
            }
        );
        assert_eq!(
            decode_with(b"ab\x81\x20", "shift_jis").unwrap_err(),
            DecodeError::Malformed {
                encoding: "Shift_JIS",
                offset: 2
            }
        );
    }

    #[test]
    fn nul_bytes_without_bom_are_binary() {
        assert_eq!(
            decode(b"a\0b").unwrap_err(),
            DecodeError::Binary { offset: 1 }
        );
        // UTF-16 without a BOM looks binary too.
        assert_eq!(
            decode(b"a\0b\0").unwrap_err(),
            DecodeError::Binary { offset: 1 }
        );
        assert_eq!(
            decode(b"\0\xFF").unwrap_err(),
            DecodeError::Binary { offset: 0 }
        );
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let text = "Përfaqësuesi ligjor takohet me UNHCR-në në Tiranë. Çdo javë.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode_auto(bytes.into_owned(), None).unwrap();
        assert_eq!((d.text.as_str(), d.detected), (text, true));
        // Central European text in ISO-8859-2, where windows-1250 puts
        // ą, ś, ź, š, ť and ž at other bytes.
        let pl = "Wczoraj wieczorem w Krakowie odbyło się spotkanie mieszkańców z władzami \
            miasta. Rozmawiano o budżecie, o szkołach i o tym, jak zmieniła się komunikacja \
            miejska w ciągu ostatnich lat. Część uczestników skarżyła się na hałas, \
            zanieczyszczenie powietrza i źle oświetlone ulice. Prezydent obiecał, że jesienią \
            rozpoczną się prace na głównych skrzyżowaniach, a wiosną ruszy budowa nowej \
            ścieżki rowerowej wzdłuż Wisły.";
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(pl);
        let d = decode_auto(bytes.into_owned(), None).unwrap();
        assert_eq!(d.text, pl, "{}", d.encoding);
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(pl);
        assert_eq!(decode_auto(bytes.into_owned(), None).unwrap().text, pl);
    }

    #[test]
    fn the_language_helps_the_detector_on_short_text() {
        let hu = "Tegnap este Budapesten a lakók találkoztak a város képviselőivel. Szó \
            esett a költségvetésről, az iskolákról és arról, hogyan változott meg a városi \
            közlekedés az elmúlt években. A résztvevők egy része a zajra, a szennyezett \
            levegőre és a rosszul megvilágított utcákra panaszkodott. A polgármester \
            megígérte, hogy ősszel megkezdődnek a munkák a fő csomópontokon, tavasszal \
            pedig új kerékpárút épül a folyó mentén.";
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(hu);
        let blind = decode_auto(bytes.to_vec(), None).unwrap();
        assert_ne!(blind.text, hu, "too short to tell without a hint");
        let hinted = decode_auto_hinted(bytes.into_owned(), None, Some("hu")).unwrap();
        assert_eq!(hinted.text, hu, "{}", hinted.encoding);
        assert_eq!(tld_for_language("cs-CZ"), Some("cz"));
        assert_eq!(tld_for_language("zh-Hant"), Some("tw"));
        assert_eq!(tld_for_language("xx"), None);
    }

    #[test]
    fn utf8_and_named_encodings_are_not_detected() {
        let d = decode_auto("Shqipëri".as_bytes().to_vec(), None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.detected),
            ("Shqipëri", "UTF-8", false)
        );
        let d = decode_auto(b"caf\xE9".to_vec(), Some("iso-8859-15")).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.detected),
            ("café", "ISO-8859-15", false)
        );
    }

    #[test]
    fn damaged_utf8_stays_an_error() {
        // Valid UTF-8 sequences around one bad byte: not a legacy text.
        let bytes = "një është ".bytes().chain([0xFF]).collect::<Vec<u8>>();
        assert_eq!(
            decode_auto(bytes, None).unwrap_err(),
            DecodeError::Utf8 { offset: 13 }
        );
        // Bytes that decode only to control characters are not text.
        assert!(decode_auto(vec![0x81, 0x01, 0x02, 0x9D], None).is_err());
    }

    #[test]
    fn utf16_without_a_bom_is_detected() {
        let text = "Hello, Tiranë!\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode_auto(le, None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.detected),
            (text, "UTF-16LE", true)
        );
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_auto(be, None).unwrap().text, text);
        // NUL bytes without that pattern are a binary file.
        assert_eq!(
            decode_auto(b"PK\x03\x04\0\0\x08\0abc".to_vec(), None).unwrap_err(),
            DecodeError::Binary { offset: 4 }
        );
    }
}
