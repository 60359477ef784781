//! The PDF reader on arbitrary bytes: never panics, and what it reads is
//! a well-formed document (blocks in order, inside the text, none blank).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ura_doc::{DocReader, Format};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = DocReader::new().format(Some(Format::Pdf)).read(data.to_vec()) {
        let mut end = 0;
        for b in &doc.blocks {
            assert!(b.span.start >= end && b.span.end <= doc.text.len());
            assert!(!doc.block_text(b).trim().is_empty());
            end = b.span.end;
        }
    }
});
