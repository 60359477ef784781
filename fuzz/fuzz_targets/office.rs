//! Shared by the docx and odt targets: packages built around fuzzed
//! parts, and the invariants every document read must keep.

use std::io::Write;

use ura_doc::Document;

/// A stored zip of `parts`.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(content).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// `data` cut at its first 0xFF bytes into at most `n` pieces.
pub fn pieces(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = data.splitn(n, |&b| b == 0xFF).collect();
    out.resize(n, b"");
    out
}

/// Blocks are non-empty, trimmed, inside the text, in order, separated
/// by a blank line, and hold no blank line themselves.
pub fn check(doc: &Document) {
    let mut pos = 0;
    for (k, b) in doc.blocks.iter().enumerate() {
        assert!(b.span.start >= pos && b.span.start < b.span.end && b.span.end <= doc.text.len());
        if k > 0 {
            assert_eq!(&doc.text[pos..b.span.start], "\n\n");
        }
        let text = doc.block_text(b);
        assert!(!text.is_empty() && text.trim() == text);
        assert!(!text.contains("\n\n"), "{text:?}");
        pos = b.span.end;
    }
    assert_eq!(pos, doc.text.len());
}
