//! The DOCX reader on arbitrary input, at two levels: the bytes as a
//! whole file (zip level), or as the XML of a package's parts (the main
//! document, its styles and footnotes). Never panics; what it reads keeps
//! the document invariants.
#![no_main]

mod office;

use libfuzzer_sys::fuzz_target;
use ura_doc::{DocReader, Format};

const TYPES: &[u8] = br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &[u8] = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>"#;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let [document, styles, footnotes] = office::pieces(rest, 3)[..] else {
            return;
        };
        office::zip(&[
            ("[Content_Types].xml", TYPES),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", RELS),
            ("word/styles.xml", styles),
            ("word/footnotes.xml", footnotes),
        ])
    };
    if let Ok(doc) = DocReader::new().format(Some(Format::Docx)).read(bytes) {
        office::check(&doc);
    }
});
