//! Input decoding on arbitrary bytes: never panics; what decodes as UTF-8
//! is the input without its BOM.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = ura_doc::decode(data) {
        if !data.starts_with(&[0xFF, 0xFE]) && !data.starts_with(&[0xFE, 0xFF]) {
            let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
            assert_eq!(text.as_bytes(), body);
        }
    }
    let _ = ura_doc::decode_owned(data.to_vec());
    for label in ["windows-1252", "iso-8859-2", "shift_jis", "utf-16le", "gb18030"] {
        let _ = ura_doc::decode_with(data, label);
    }
});
