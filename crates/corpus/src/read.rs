//! Reading a document with the help of its language.

use ura_doc::{DocError, DocReader, Document};

/// Reads a document with `reader`, giving the encoding detector the
/// document's language as a hint: `lang` when it is known (a flag, a file
/// name); else, when the text had to be decoded from a detected legacy
/// encoding, the language detected from that text, reading the bytes again
/// if the hint changes the encoding. (A short Hungarian text reads as
/// well in windows-1252 as in ISO-8859-2 but for `ő` and `ű`; once the
/// text is known to be Hungarian, the detector knows better.)
pub fn read_document(
    reader: &DocReader,
    bytes: Vec<u8>,
    lang: Option<&str>,
) -> Result<Document, DocError> {
    let mut hinted = reader.clone();
    if lang.is_some() || std::str::from_utf8(&bytes).is_ok() {
        return hinted.language(lang).read(bytes);
    }
    let first = reader.read(bytes.clone())?;
    if !first.encoding_detected {
        return Ok(first);
    }
    let Some(found) = ura_lang::detect(&first.text).filter(|d| d.confident) else {
        return Ok(first);
    };
    match hinted.language(Some(&found.code)).read(bytes) {
        Ok(again) if again.encoding != first.encoding => Ok(again),
        _ => Ok(first),
    }
}

/// How a caller names the encoding override in its messages: the command
/// by its flag, the Python package by its keyword.
pub struct EncodingOption<'a> {
    /// The option (`--encoding`).
    pub option: &'a str,
    /// The option with an example value (`--encoding windows-1252`).
    pub example: &'a str,
    /// The option with a placeholder value (`--encoding NAME`).
    pub placeholder: &'a str,
}

/// Reads the input called `name` (`en.txt`, `the source`) as
/// [`read_document`] does, with the messages the command and the Python
/// package share: an error names the input and, for damaged UTF-8 read
/// without a given encoding (`encoding_given` false), how to name one; the
/// notes returned (each starting `note: `) say when the encoding was
/// detected and what the reader left out.
pub fn read_named(
    reader: &DocReader,
    name: &str,
    bytes: Vec<u8>,
    lang: Option<&str>,
    encoding_given: bool,
    option: &EncodingOption,
) -> Result<(Document, Vec<String>), String> {
    let doc = read_document(reader, bytes, lang).map_err(|e| {
        let hint = match e {
            DocError::Decode(ura_doc::DecodeError::Utf8 { .. }) if !encoding_given => format!(
                "; if it is in a legacy encoding, name it with {} (e.g. {})",
                option.option, option.example
            ),
            _ => String::new(),
        };
        format!("{name}: {e}{hint}")
    })?;
    let mut notes = Vec::new();
    if doc.encoding_detected {
        notes.push(format!(
            "note: {name} is not UTF-8; read as {} (detected; {} overrides)",
            doc.encoding, option.placeholder
        ));
    }
    notes.extend(doc.notes.iter().map(|note| format!("note: {name}: {note}")));
    Ok((doc, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detected_language_corrects_a_legacy_encoding() {
        let hu = "Tegnap este Budapesten a lakók találkoztak a város képviselőivel. Szó \
            esett a költségvetésről, az iskolákról és arról, hogyan változott meg a városi \
            közlekedés az elmúlt években. A résztvevők egy része a zajra, a szennyezett \
            levegőre és a rosszul megvilágított utcákra panaszkodott. A polgármester \
            megígérte, hogy ősszel megkezdődnek a munkák a fő csomópontokon, tavasszal \
            pedig új kerékpárút épül a folyó mentén.";
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(hu);
        let reader = DocReader::new();
        // Without the language, the detector takes it for windows-1252.
        assert_ne!(reader.read(bytes.to_vec()).unwrap().text, hu);
        let doc = read_document(&reader, bytes.to_vec(), None).unwrap();
        assert_eq!(doc.text, hu, "{}", doc.encoding);
        assert!(doc.encoding_detected);
        let doc = read_document(&reader, bytes.into_owned(), Some("hu")).unwrap();
        assert_eq!(doc.text, hu);
    }
}
