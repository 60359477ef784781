//! OpenDocument text (`.odt`, and flat `.fodt`) to blocks.
//!
//! A zipped document is read from `styles.xml` (styles, and whether the
//! master pages have headers or footers) and then `content.xml`; a flat
//! one is a single XML document holding both. What is read and how is
//! in [`body`]'s docs. A password-protected document (its manifest
//! declares encryption) is an error saying so.

mod body;

use crate::blocks::document;
use crate::xml;
use crate::zipread::Package;
use crate::{DocError, Document, Format};
use body::Odt;

/// Reads an ODT (a zip) or a flat ODT (XML) file.
pub(crate) fn read(bytes: &[u8]) -> Result<Document, DocError> {
    let mut h = Odt::default();
    if bytes.starts_with(b"PK") {
        let mut pkg = Package::open(bytes)?;
        if let Some(manifest) = pkg.read("META-INF/manifest.xml")? {
            if memchr_find(&manifest, b"encryption-data") {
                return Err(DocError::Encrypted(
                    "a password-protected OpenDocument file; save a copy without the password and try again"
                        .into(),
                ));
            }
        }
        pkg.with_part("styles.xml", |r, part| xml::parse(r, part, &mut h))?;
        if pkg
            .with_part("content.xml", |r, part| xml::parse(r, part, &mut h))?
            .is_none()
        {
            return Err(DocError::Corrupt(
                "this OpenDocument file has no content.xml; open it in LibreOffice and save it again"
                    .into(),
            ));
        }
    } else {
        xml::parse(&mut &bytes[..], "the flat OpenDocument file", &mut h)?;
    }
    let seen = h.seen;
    document(Format::Odt, &h.sink.finish(), seen)
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests;
