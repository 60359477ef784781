//! Decompression bombs, refused before the PDF is opened: every stream
//! of the file (found by its `stream` keyword, so also those no
//! cross-reference table points at) is decoded with bounded output, and
//! a file whose streams inflate past the limits is an error. Images are
//! left out (text extraction never decodes them).
//!
//! Streams of an encrypted PDF that opens without a password cannot be
//! measured here (their bytes are ciphertext): for such files the limits
//! hold only for what is not encrypted (cross-reference streams).

use std::io::Read;

use crate::DocError;

/// At most this many bytes from one stream once decoded.
pub(crate) const MAX_STREAM: usize = 64 << 20;
/// At most this many bytes from all streams together once decoded.
pub(crate) const MAX_TOTAL: usize = 256 << 20;
/// How far back from a `stream` keyword its dictionary is looked for.
const DICT_LOOKBACK: usize = 64 << 10;
/// At most this many filters of a stream are applied (real files use
/// one or two).
const MAX_FILTERS: usize = 8;

/// Checks that no stream of `pdf` decodes to more than [`MAX_STREAM`]
/// bytes and all together to no more than [`MAX_TOTAL`].
pub(crate) fn check_streams(pdf: &[u8]) -> Result<(), DocError> {
    check_streams_with(pdf, MAX_STREAM, MAX_TOTAL)
}

/// [`check_streams`] with the limits given.
fn check_streams_with(pdf: &[u8], max_stream: usize, max_total: usize) -> Result<(), DocError> {
    let mut total = 0usize;
    let mut from = 0;
    // Where the last stream keyword ended: no dictionary reaches back
    // past it, which keeps the scan linear.
    let mut floor = 0;
    let mut endstream = EndStream::default();
    while let Some(hit) = memchr::memmem::find(pdf.get(from..).unwrap_or_default(), b"stream") {
        let at = from + hit;
        from = at + 6;
        if pdf.get(at.saturating_sub(3)..at) == Some(b"end") {
            continue;
        }
        let Some(dict) = dict_before(pdf, at, floor) else {
            continue;
        };
        floor = from;
        // A dictionary too long to find is measured as Flate: padding it
        // must not hide a bomb.
        let dict = dict.unwrap_or_default();
        if name_after(dict, b"/Subtype") == Some(b"/Image") {
            continue;
        }
        let Some((start, end)) = data_range(pdf, from, dict, &mut endstream) else {
            continue;
        };
        let filters = if dict.is_empty() {
            vec![Filter::Flate]
        } else {
            filters(dict)
        };
        let size = decoded_size(
            pdf.get(start..end).unwrap_or_default(),
            &filters,
            max_stream + 1,
        );
        if size > max_stream {
            return Err(DocError::TooLarge(format!(
                "a stream at byte {at} of this PDF inflates to more than {} MiB (a decompression bomb?); ura reads at most that per stream",
                max_stream >> 20
            )));
        }
        total += size;
        if total > max_total {
            return Err(DocError::TooLarge(format!(
                "this PDF's streams inflate to more than {} MiB in all; ura reads at most that much",
                max_total >> 20
            )));
        }
        from = from.max(end);
        floor = from;
    }
    Ok(())
}

/// The next `endstream` keyword, found once for all the streams before
/// it (searching again from each stream would be quadratic).
#[derive(Default)]
struct EndStream {
    /// The last position found, or `None` (searched from `from` on and
    /// none found) .
    found: Option<Option<usize>>,
    from: usize,
}

impl EndStream {
    fn after(&mut self, pdf: &[u8], start: usize) -> Option<usize> {
        match self.found {
            Some(Some(at)) if at >= start => return Some(at),
            Some(None) if start >= self.from => return None,
            _ => {}
        }
        let at = memchr::memmem::find(pdf.get(start..)?, b"endstream").map(|k| start + k);
        self.found = Some(at);
        self.from = start;
        at
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    is_space(b) || b"()<>[]{}/%".contains(&b)
}

/// The dictionary (`<<` to `>>`) that ends right before the `stream`
/// keyword at `at`, looked for no further back than `floor` and
/// [`DICT_LOOKBACK`]: `None` when no `>>` ends there (no stream),
/// `Some(None)` when its start is not found.
fn dict_before(pdf: &[u8], at: usize, floor: usize) -> Option<Option<&[u8]>> {
    let mut end = at;
    while end > 0 && is_space(pdf[end - 1]) {
        end -= 1;
    }
    if end < 2 || &pdf[end - 2..end] != b">>" {
        return None;
    }
    let floor = end.saturating_sub(DICT_LOOKBACK).max(floor);
    let mut depth = 0usize;
    let mut j = end;
    while j >= floor + 2 {
        match &pdf[j - 2..j] {
            b">>" => {
                depth += 1;
                j -= 2;
            }
            b"<<" => {
                depth -= 1;
                j -= 2;
                if depth == 0 {
                    return Some(pdf.get(j..end));
                }
            }
            _ => j -= 1,
        }
    }
    Some(None)
}

/// The name right after `key` in a dictionary (`/Subtype /Image`).
fn name_after<'a>(dict: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let at = find_key(dict, key)?;
    let rest = skip_space(&dict[at + key.len()..]);
    if !rest.starts_with(b"/") {
        return None;
    }
    let len = 1 + rest[1..]
        .iter()
        .position(|&b| is_delimiter(b))
        .unwrap_or(rest.len() - 1);
    Some(&rest[..len])
}

/// Where `key` occurs as a whole name in `dict`.
fn find_key(dict: &[u8], key: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(dict.get(from..)?, key) {
        let at = from + k;
        if dict.get(at + key.len()).is_none_or(|&b| is_delimiter(b)) {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

fn skip_space(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&c| is_space(c)).count();
    &b[n..]
}

/// The stream's data: from after the end of line that follows `stream`
/// (whose end is `after`) for `/Length` bytes when that is a number that
/// lands on `endstream`, else up to the next `endstream`.
fn data_range(
    pdf: &[u8],
    after: usize,
    dict: &[u8],
    endstream: &mut EndStream,
) -> Option<(usize, usize)> {
    let mut start = after;
    if pdf.get(start) == Some(&b'\r') {
        start += 1;
    }
    if pdf.get(start) == Some(&b'\n') {
        start += 1;
    }
    if let Some(len) = direct_length(dict) {
        let end = start.checked_add(len)?;
        if let Some(tail) = pdf.get(end..) {
            if skip_space(tail).starts_with(b"endstream") {
                return Some((start, end));
            }
        }
    }
    Some((start, endstream.after(pdf, start)?))
}

/// `/Length n` when `n` is a number, not a reference.
fn direct_length(dict: &[u8]) -> Option<usize> {
    let at = find_key(dict, b"/Length")?;
    let rest = skip_space(&dict[at + 7..]);
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let after = skip_space(&rest[digits..]);
    // "5 0 R" is a reference.
    if after.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

/// A stream filter that can make data larger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    Flate,
    Lzw,
    RunLength,
    AsciiHex,
    Ascii85,
    /// Any other (images, crypt): decoding stops there.
    Other,
}

/// The stream's filters, in order; a `/Filter` that is a reference (not
/// resolved here) is taken as Flate, the filter of nearly every stream.
fn filters(dict: &[u8]) -> Vec<Filter> {
    let Some(at) = find_key(dict, b"/Filter") else {
        return Vec::new();
    };
    let rest = skip_space(&dict[at + 7..]);
    let names: &[u8] = if rest.starts_with(b"[") {
        let end = rest.iter().position(|&b| b == b']').unwrap_or(rest.len());
        &rest[1..end]
    } else if rest.starts_with(b"/") {
        let len = 1 + rest[1..]
            .iter()
            .position(|&b| is_delimiter(b))
            .unwrap_or(rest.len() - 1);
        &rest[..len]
    } else {
        return vec![Filter::Flate];
    };
    names
        .split(|&b| b == b'/')
        .map(|n| n.split(|&b| is_delimiter(b)).next().unwrap_or_default())
        .filter(|n| !n.is_empty())
        .take(MAX_FILTERS)
        .map(|n| match n {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            _ => Filter::Other,
        })
        .collect()
}

/// The size of `data` decoded through `filters`, counted up to `limit`
/// (more is not decoded).
fn decoded_size(data: &[u8], filters: &[Filter], limit: usize) -> usize {
    let Some((&f, rest)) = filters.split_first() else {
        return data.len();
    };
    let last = rest.first().is_none_or(|&r| r == Filter::Other);
    let out = match f {
        Filter::Flate if last => return inflate_count(data, limit),
        Filter::Flate => inflate(data, limit),
        Filter::Lzw => lzw(data, limit),
        Filter::RunLength => run_length(data, limit),
        Filter::AsciiHex => ascii_hex(data),
        Filter::Ascii85 => ascii85(data),
        Filter::Other => return data.len(),
    };
    if last || out.len() >= limit {
        return out.len();
    }
    decoded_size(&out, rest, limit)
}

/// The Flate-decoded size of `data` (zlib, else raw deflate), up to
/// `limit`.
fn inflate_count(data: &[u8], limit: usize) -> usize {
    let count = |r: &mut dyn Read| -> usize {
        std::io::copy(&mut r.take(limit as u64), &mut std::io::sink()).map_or(0, |n| n as usize)
    };
    let zlib = count(&mut flate2::read::ZlibDecoder::new(data));
    if zlib > 0 {
        return zlib;
    }
    count(&mut flate2::read::DeflateDecoder::new(data))
}

/// `data` Flate-decoded, at most `limit` bytes (what decodes of damaged
/// data).
fn inflate(data: &[u8], limit: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = flate2::read::ZlibDecoder::new(data)
        .take(limit as u64)
        .read_to_end(&mut out);
    if out.is_empty() {
        let _ = flate2::read::DeflateDecoder::new(data)
            .take(limit as u64)
            .read_to_end(&mut out);
    }
    out
}

/// `data` LZW-decoded (PDF's variant: 9 to 12 bit codes, early change),
/// at most `limit` bytes.
fn lzw(data: &[u8], limit: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut table: Vec<(Option<u16>, u8)> = (0..=255u8).map(|b| (None, b)).collect();
    table.push((None, 0)); // 256: clear
    table.push((None, 0)); // 257: end
    let mut width = 9;
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut prev: Option<u16> = None;
    let mut entry = Vec::new();
    for &byte in data {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= width {
            bits -= width;
            let code = ((acc >> bits) & ((1 << width) - 1)) as u16;
            acc &= (1 << bits) - 1;
            match code {
                256 => {
                    table.truncate(258);
                    width = 9;
                    prev = None;
                    continue;
                }
                257 => return out,
                _ => {}
            }
            let known = usize::from(code) < table.len();
            // Only the code about to be defined may be unknown.
            if !known && usize::from(code) != table.len() {
                return out;
            }
            let head = if known {
                code
            } else if let Some(p) = prev {
                p
            } else {
                return out;
            };
            entry.clear();
            let mut c = Some(head);
            while let Some(k) = c {
                let (next, b) = table[usize::from(k)];
                entry.push(b);
                c = next;
            }
            entry.reverse();
            if !known {
                entry.push(entry[0]);
            }
            out.extend_from_slice(&entry);
            if out.len() >= limit {
                return out;
            }
            if let Some(p) = prev {
                if table.len() < 4096 {
                    table.push((Some(p), entry[0]));
                }
            }
            prev = Some(code);
            if table.len() + 1 >= (1 << width) && width < 12 {
                width += 1;
            }
        }
    }
    out
}

/// `data` run-length decoded, at most `limit` bytes.
fn run_length(data: &[u8], limit: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < data.len() && out.len() < limit {
        let n = usize::from(data[k]);
        k += 1;
        match n {
            0..=127 => {
                let end = (k + n + 1).min(data.len());
                out.extend_from_slice(&data[k..end]);
                k = end;
            }
            128 => break,
            _ => {
                let Some(&b) = data.get(k) else { break };
                out.extend(std::iter::repeat_n(b, 257 - n));
                k += 1;
            }
        }
    }
    out
}

/// `data` hex-decoded (up to `>`).
fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|&&b| b != b'>')
        .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

/// `data` ASCII85-decoded (up to `~>`).
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = [0u32; 5];
    let mut n = 0;
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = u32::from(b - b'!');
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |a, &d| a.wrapping_mul(85).wrapping_add(d));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group
            .iter()
            .fold(0u32, |a, &d| a.wrapping_mul(85).wrapping_add(d));
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// A file with one stream of `dict` holding `data`.
    fn file(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut f = format!("%PDF-1.7\n4 0 obj\n{dict}\nstream\n").into_bytes();
        f.extend_from_slice(data);
        f.extend_from_slice(b"\nendstream\nendobj\n");
        f
    }

    #[test]
    fn streams_that_inflate_past_the_limit_are_refused() {
        const MIB: usize = 1 << 20;
        let big = vec![b' '; MIB + 10];
        let bomb = zlib(&big);
        let cases: Vec<(String, Vec<u8>, bool)> = vec![
            (
                format!("<< /Length {} /Filter /FlateDecode >>", bomb.len()),
                bomb.clone(),
                false,
            ),
            // The length a reference, the filter abbreviated or behind one.
            (
                "<< /Length 9 0 R /Filter /Fl >>".into(),
                bomb.clone(),
                false,
            ),
            (
                "<< /Length 9 0 R /Filter 8 0 R >>".into(),
                bomb.clone(),
                false,
            ),
            // Compressed twice.
            (
                "<< /Filter [/FlateDecode /FlateDecode] >>".into(),
                zlib(&bomb),
                false,
            ),
            // Images are not decoded for text.
            (
                "<< /Type /XObject /Subtype /Image /Filter /FlateDecode >>".into(),
                bomb.clone(),
                true,
            ),
            // A form that merely names an image resource is no image.
            (
                "<< /Subtype /Form /Resources << /ProcSet [/ImageB] >> /Filter /FlateDecode >>"
                    .into(),
                bomb,
                false,
            ),
            (
                "<< /Filter /FlateDecode >>".into(),
                zlib(b"BT (small) Tj ET"),
                true,
            ),
        ];
        for (dict, data, ok) in cases {
            let got = check_streams_with(&file(&dict, &data), MIB, 4 * MIB);
            assert_eq!(got.is_ok(), ok, "{dict}: {got:?}");
            if !ok {
                assert!(matches!(got, Err(DocError::TooLarge(_))), "{dict}");
            }
        }
    }

    #[test]
    fn a_dictionary_too_long_to_find_hides_no_bomb() {
        const MIB: usize = 1 << 20;
        let bomb = zlib(&vec![b' '; MIB + 10]);
        let padded = format!(
            "<< /Pad ({}) /Filter /FlateDecode >>",
            "x".repeat(DICT_LOOKBACK)
        );
        let got = check_streams_with(&file(&padded, &bomb), MIB, 4 * MIB);
        assert!(matches!(got, Err(DocError::TooLarge(_))), "{got:?}");
    }

    #[test]
    fn many_stream_keywords_are_scanned_in_linear_time() {
        // Each would look back 64 KiB and search to the end for
        // `endstream`: some 10^11 steps if done from every one.
        let spam = b">>stream\n".repeat(200_000);
        assert!(check_streams(&spam).is_ok());
        let mut spam = b"<<".to_vec();
        spam.extend_from_slice(&b">> stream ".repeat(200_000));
        spam.extend_from_slice(b"endstream");
        assert!(check_streams(&spam).is_ok());
    }

    #[test]
    fn many_streams_together_past_the_total_are_refused() {
        const MIB: usize = 1 << 20;
        let part = zlib(&vec![b'x'; MIB / 2]);
        let one = file("<< /Filter /FlateDecode >>", &part);
        let mut many = Vec::new();
        for _ in 0..9 {
            many.extend_from_slice(&one);
        }
        assert!(check_streams_with(&one, MIB, 4 * MIB).is_ok());
        let err = check_streams_with(&many, MIB, 4 * MIB)
            .unwrap_err()
            .to_string();
        assert!(err.contains("in all"), "{err}");
    }

    /// LZW codes packed as 9-bit big-endian fields, as a PDF holds them.
    fn nine_bit_codes(codes: &[u16]) -> Vec<u8> {
        let bits: Vec<u16> = codes
            .iter()
            .flat_map(|&c| (0..9).rev().map(move |k| (c >> k) & 1))
            .collect();
        bits.chunks(8)
            .map(|c| {
                c.iter()
                    .enumerate()
                    .fold(0u8, |a, (k, &b)| a | ((b as u8) << (7 - k)))
            })
            .collect()
    }

    #[test]
    fn the_other_filters_decode() {
        assert_eq!(ascii_hex(b"48 65 6c6C6f>"), b"Hello");
        assert_eq!(ascii_hex(b"414>"), b"A@");
        assert_eq!(ascii85(b"87cURDZ~>"), b"Hello");
        assert_eq!(ascii85(b"z~>"), [0; 4]);
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 253, b'x', 128], 100),
            b"abcxxxx"
        );
        // "ABABABA" in PDF LZW, 9-bit codes: 65 66 258 260 257.
        assert_eq!(
            lzw(&nine_bit_codes(&[256, 65, 66, 258, 260, 257]), 100),
            b"ABABABA"
        );
        // A code past the next one to be defined ends the data (it made
        // the decoder index past its table).
        assert_eq!(lzw(&nine_bit_codes(&[65, 300, 301]), 100), b"A");
    }
}
