//! The SRT and WebVTT readers on arbitrary bytes: never panic; every
//! block is a cue that does not end before it starts, its text inside
//! the document's.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ura_doc::{BlockKind, DocReader, Format};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Srt, Format::WebVtt] {
        if let Ok(doc) = DocReader::new().format(Some(format)).read(data.to_vec()) {
            for b in &doc.blocks {
                let BlockKind::Cue { start_ms, end_ms } = b.kind else {
                    panic!("not a cue: {:?}", b.kind);
                };
                assert!(start_ms <= end_ms);
                assert!(b.span.end <= doc.text.len());
                assert!(!doc.block_text(b).trim().is_empty());
            }
        }
    }
});
