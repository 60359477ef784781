//! Input decoding and bitext formats for ura.
//!
//! This crate owns everything about bytes on disk: it decodes input text
//! (UTF-8 with or without a byte-order mark, and UTF-16 LE or BE with one;
//! anything else is rejected with the byte offset of the first problem),
//! or a named legacy encoding ([`decode_with`]), writes and reads TMX
//! 1.4b ([`tmx`]), writes and reads TSV, CSV and JSONL ([`rows`]), and
//! writes XLSX workbooks ([`xlsx`]).
//!
//! ```
//! let text = ura_bitext::decode(b"\xEF\xBB\xBFHello").unwrap();
//! assert_eq!(text, "Hello");
//! let err = ura_bitext::decode(b"ok \xFF").unwrap_err();
//! assert_eq!(err.to_string(), "invalid UTF-8 at byte 3");
//! ```
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]

pub mod rows;
pub mod tmx;
pub mod xlsx;

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
                    if let Some(offset) = text.bytes().position(|b| b == 0) {
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
    match decode(&bytes)? {
        Cow::Owned(text) => Ok(text),
        Cow::Borrowed(text) => {
            let bom = bytes.len() - text.len();
            let mut bytes = bytes;
            bytes.drain(..bom);
            String::from_utf8(bytes).map_err(|e| DecodeError::Utf8 {
                offset: e.utf8_error().valid_up_to() + bom,
            })
        }
    }
}

/// Decodes input in a named encoding (`windows-1252`, `iso-8859-2`,
/// `shift_jis`, `utf-16le`, … — the WHATWG labels). A byte-order mark, if
/// present, wins over the name, as browsers do; bytes that are not valid in
/// the encoding are an error with their offset.
///
/// ```
/// let text = ura_bitext::decode_with(b"caf\xE9", "windows-1252").unwrap();
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
}
