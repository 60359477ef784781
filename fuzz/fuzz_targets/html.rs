//! The HTML reader on arbitrary bytes: never panics; every block is
//! non-empty, trimmed and inside the text; with chrome kept, no fewer
//! blocks are read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ura_doc::{DocReader, Format};

fuzz_target!(|data: &[u8]| {
    let mut reader = DocReader::new();
    reader.format(Some(Format::Html));
    let Ok(doc) = reader.read(data.to_vec()) else {
        return;
    };
    for b in &doc.blocks {
        let text = doc.text.get(b.span.clone()).expect("block inside the text");
        assert!(!text.is_empty() && text.trim() == text);
    }
    let kept = reader.keep_chrome(true).read(data.to_vec()).expect("read once, read twice");
    assert!(kept.blocks.len() >= doc.blocks.len());
});
