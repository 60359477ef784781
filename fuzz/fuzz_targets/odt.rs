//! The ODT reader on arbitrary input, at two levels: the bytes as a
//! whole file (a zip, or flat ODT XML), or as the XML of a package's
//! `content.xml` and `styles.xml`. Never panics; what it reads keeps the
//! document invariants.
#![no_main]

mod office;

use libfuzzer_sys::fuzz_target;
use ura_doc::{DocReader, Format};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let [content, styles] = office::pieces(rest, 2)[..] else {
            return;
        };
        office::zip(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("styles.xml", styles),
            ("content.xml", content),
        ])
    };
    if let Ok(doc) = DocReader::new().format(Some(Format::Odt)).read(bytes) {
        office::check(&doc);
    }
});
