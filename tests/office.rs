//! DOCX and ODT through the binary: the fixtures made by real producers
//! (`scripts/fixtures/office.sh`) align exactly as the plain text does,
//! and bad office files are one-line errors.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::util::{data, path, root, stderr, stdout, temp_dir, ura};

/// The fixture suffixes: producer and format.
const FIXTURES: [&str; 8] = [
    "lo.docx",
    "lo.odt",
    "lo.fodt",
    "pandoc.docx",
    "pandoc.odt",
    "pydocx.docx",
    "pydocx-tracked.docx",
    "pydocx-fields.docx",
];

type Pair = (String, String, Vec<u64>, Vec<u64>);

/// The block kinds of a run's beads, source and target (`-` for none).
fn kinds(jsonl: &str) -> Vec<(String, String)> {
    jsonl
        .lines()
        .map(|l| {
            let b: serde_json::Value = serde_json::from_str(l).unwrap();
            let kind = |k: &str| b[k].as_str().unwrap_or("-").to_string();
            (kind("src_block"), kind("tgt_block"))
        })
        .collect()
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/unhcr").join(name)
}

/// The beads of `ura align SRC TGT -f jsonl`: texts and indices.
fn pairs(src: &Path, tgt: &Path) -> (Vec<Pair>, String) {
    let out = ura(&["align", &path(src), &path(tgt), "-f", "jsonl"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    if src.extension().is_some_and(|e| e != "txt") {
        // The title is a heading in every producer's file, the rest
        // paragraphs.
        for (k, (s, t)) in kinds(&stdout(&out)).iter().enumerate() {
            let want = if k == 0 { "heading-1" } else { "paragraph" };
            assert!(s == want || s == "-", "{src:?} bead {k}: {s}");
            assert!(t == want || t == "-", "{tgt:?} bead {k}: {t}");
        }
    }
    let idx = |v: &serde_json::Value| -> Vec<u64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect()
    };
    let pairs = stdout(&out)
        .lines()
        .map(|l| {
            let b: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                b["src"].as_str().unwrap().to_string(),
                b["tgt"].as_str().unwrap().to_string(),
                idx(&b["src_idx"]),
                idx(&b["tgt_idx"]),
            )
        })
        .collect();
    (pairs, stderr(&out))
}

/// The gold alignment of the bundled pair, as index pairs.
fn gold() -> BTreeSet<(Vec<u64>, Vec<u64>)> {
    let text = std::fs::read_to_string(data("unhcr/gold.txt")).unwrap();
    let parse = |x: &str| -> Vec<u64> {
        x.trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.trim().parse().unwrap())
            .collect()
    };
    text.lines()
        .map(|l| {
            let (s, t) = l.split_once(':').unwrap();
            (parse(s), parse(t))
        })
        .collect()
}

#[test]
fn every_office_fixture_pair_aligns_exactly_as_the_plain_text() {
    let (plain, _) = pairs(&data("unhcr/en.txt"), &data("unhcr/sq.txt"));
    let plain_beads: BTreeSet<_> = plain.iter().map(|p| (p.2.clone(), p.3.clone())).collect();
    assert_eq!(plain_beads, gold());
    for suffix in FIXTURES {
        let (got, err) = pairs(
            &fixture(&format!("en.{suffix}")),
            &fixture(&format!("sq.{suffix}")),
        );
        assert_eq!(got, plain, "{suffix}: {err}");
        assert!(!err.contains("warning"), "{suffix}: {err}");
        let notes = match suffix {
            "pydocx-tracked.docx" => vec!["tracked changes read as accepted"],
            "pydocx-fields.docx" => vec!["hidden text left out"],
            _ => vec![],
        };
        assert_eq!(
            err.lines().filter(|l| l.starts_with("ura: note:")).count(),
            2 * notes.len(),
            "{suffix}: one note per side: {err}"
        );
        for note in notes {
            assert!(err.contains(note), "{suffix}: {err}");
        }
    }
}

#[test]
fn office_fixtures_split_as_the_plain_text() {
    let plain = ura(&["split", &path(&data("unhcr/sq.txt"))], None);
    assert!(plain.status.success());
    for suffix in ["lo.docx", "lo.odt", "pydocx-tracked.docx"] {
        let out = ura(&["split", &path(&fixture(&format!("sq.{suffix}")))], None);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out), stdout(&plain), "{suffix}");
    }
}

/// A zip of `parts` (deflated) at `dir/name`.
fn write_zip(dir: &Path, name: &str, parts: &[(&str, &[u8])]) -> PathBuf {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (part, content) in parts {
        w.start_file(*part, opts).unwrap();
        w.write_all(content).unwrap();
    }
    let file = dir.join(name);
    std::fs::write(&file, w.finish().unwrap().into_inner()).unwrap();
    file
}

const TYPES: &[u8] = br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A .docx whose main part is `document`.
fn write_docx(dir: &Path, name: &str, document: &[u8]) -> PathBuf {
    write_zip(
        dir,
        name,
        &[
            ("[Content_Types].xml", TYPES),
            ("word/document.xml", document),
        ],
    )
}

/// `ura align FILE GOOD` fails with exit 1 and one `ura:` line naming
/// `file` and saying `message`.
fn refused(file: &Path, message: &str) {
    let good = fixture("sq.lo.docx");
    let out = ura(&["align", &path(file), &path(&good)], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "no partial output");
    assert_eq!(err.lines().count(), 1, "{err}");
    let name = file.file_name().unwrap().to_str().unwrap();
    assert!(
        err.starts_with("ura: ") && err.contains(name) && err.contains(message),
        "{err}"
    );
}

#[test]
fn damaged_office_files_are_one_line_errors() {
    let dir = temp_dir("office-damaged");
    let whole = std::fs::read(fixture("en.lo.docx")).unwrap();
    let truncated = dir.join("truncated.docx");
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    refused(&truncated, "damaged or truncated zip");
    // Bytes flipped inside the compressed document part.
    let mut flipped = whole.clone();
    let at = flipped
        .windows(17)
        .position(|w| w == b"word/document.xml")
        .unwrap();
    for b in &mut flipped[at + 60..at + 400] {
        *b = !*b;
    }
    let flipped_file = dir.join("flipped.docx");
    std::fs::write(&flipped_file, flipped).unwrap();
    refused(&flipped_file, "damaged");
    let odt = std::fs::read(fixture("en.lo.odt")).unwrap();
    let truncated = dir.join("truncated.odt");
    std::fs::write(&truncated, &odt[..odt.len() - 30]).unwrap();
    refused(&truncated, "damaged or truncated zip");
    let bad_xml = write_docx(&dir, "badxml.docx", b"<w:document><w:body><w:p></w:body>");
    refused(&bad_xml, "not well-formed XML");
}

#[test]
fn zip_bombs_entities_and_deep_nesting_are_refused() {
    let dir = temp_dir("office-hostile");
    // 12 MiB of one letter inflate from some 12 KB: past the ratio
    // limit, whatever the sizes the archive declares.
    let document = format!(
        "<w:document {W}><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
        "a".repeat(12 << 20)
    );
    let bomb = write_docx(&dir, "bomb.docx", document.as_bytes());
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);
    refused(&bomb, "refused as a possible zip bomb");
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{}]><w:document {W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"#,
        (1..10)
            .map(|k| format!(r#"<!ENTITY l{k} "{}">"#, format!("&l{};", k - 1).repeat(10)))
            .collect::<String>()
    );
    let laughs = write_docx(&dir, "laughs.docx", laughs.as_bytes());
    refused(&laughs, "DOCTYPE");
    let external = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let external = write_docx(&dir, "external.docx", external.as_bytes());
    refused(&external, "DOCTYPE");
    let deep = format!(
        "<w:document {W}><w:body>{}{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(50_000),
        "</w:sdtContent></w:sdt>".repeat(50_000)
    );
    let deep = write_docx(&dir, "deep.docx", deep.as_bytes());
    refused(&deep, "nests elements more than 1000 deep");
    let content = format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{}{}</office:text></office:body></office:document-content>"#,
        "<text:span>".repeat(100_000),
        "</text:span>".repeat(100_000)
    );
    let deep_odt = write_zip(
        &dir,
        "deep.odt",
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
        ],
    );
    refused(&deep_odt, "nests elements more than 1000 deep");
}

#[test]
fn other_formats_in_office_clothing_say_what_to_do() {
    let dir = temp_dir("office-other");
    let xlsx = write_zip(
        &dir,
        "sheet.docx",
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>"),
        ],
    );
    refused(
        &xlsx,
        "this is an Excel workbook (.xlsx), not a Word document",
    );
    let pptx = write_zip(
        &dir,
        "slides.docx",
        &[("ppt/presentation.xml", b"<presentation/>")],
    );
    refused(&pptx, "PowerPoint presentation");
    let ole = |stream: &str| -> Vec<u8> {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.resize(512, 0);
        bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        bytes.resize(2048, 0);
        bytes
    };
    let doc = dir.join("legacy.doc");
    std::fs::write(&doc, ole("WordDocument")).unwrap();
    refused(&doc, "Word 97–2003 .doc is not supported; save it as .docx");
    let locked = dir.join("locked.docx");
    std::fs::write(&locked, ole("EncryptedPackage")).unwrap();
    refused(&locked, "password-protected");
    let ods = write_zip(
        &dir,
        "table.odt",
        &[(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        )],
    );
    refused(&ods, "not a text document");
}

#[test]
fn empty_office_documents_say_there_is_no_text() {
    let dir = temp_dir("office-empty");
    let empty = write_docx(
        &dir,
        "empty.docx",
        format!("<w:document {W}><w:body/></w:document>").as_bytes(),
    );
    refused(&empty, "no text in this document");
    let blank = write_docx(
        &dir,
        "blank.docx",
        format!(
            "<w:document {W}><w:body><w:p/><w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"
        )
        .as_bytes(),
    );
    refused(&blank, "no text in this document");
    let content = br#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p/><text:h>  </text:h></office:text></office:body></office:document-content>"#;
    let blank_odt = write_zip(
        &dir,
        "blank.odt",
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content),
        ],
    );
    refused(&blank_odt, "no text in this document");
}
