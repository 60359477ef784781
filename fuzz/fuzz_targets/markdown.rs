//! The Markdown reader on arbitrary bytes: never panics; every block is
//! non-empty, trimmed and inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ura_doc::{DocReader, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = DocReader::new().format(Some(Format::Markdown)).read(data.to_vec()) else {
        return;
    };
    for b in &doc.blocks {
        let text = doc.text.get(b.span.clone()).expect("block inside the text");
        assert!(!text.is_empty() && text.trim() == text);
    }
});
