//! DOCX reader tests on small hand-built packages, one feature each.

use std::io::Write;

use crate::{BlockKind, DocError, DocReader, Format};
use BlockKind::*;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#;

const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{MAIN}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A zip of `parts`, deflated.
pub(crate) fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A package whose main part `main` holds `body` (inside `w:body`),
/// with `styles`, `footnotes` (inner XML, empty for none) and other parts.
fn package(
    main: &str,
    body: &str,
    styles: &str,
    footnotes: &str,
    extra: &[(&str, &str)],
) -> Vec<u8> {
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    let file = main.rsplit_once('/').map_or(main, |(_, f)| f);
    let rels_name = format!("{dir}/_rels/{file}.rels");
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    );
    let styles = format!(r#"<w:styles {NS}>{styles}</w:styles>"#);
    let notes = format!(
        r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>{footnotes}</w:footnotes>"#
    );
    let root_rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{main}"/></Relationships>"#
    );
    let mut part_rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#,
    );
    for (k, (name, _)) in extra.iter().enumerate() {
        let kind = name
            .trim_start_matches(&format!("{dir}/"))
            .trim_end_matches(".xml")
            .trim_end_matches(char::is_numeric);
        part_rels.push_str(&format!(r#"<Relationship Id="rIdX{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{}"/>"#, name.trim_start_matches(&format!("{dir}/"))));
    }
    part_rels.push_str("</Relationships>");
    let types = TYPES.replace("{MAIN}", main);
    let styles_name = format!("{dir}/styles.xml");
    let notes_name = format!("{dir}/footnotes.xml");
    let mut parts: Vec<(&str, &str)> = vec![
        ("[Content_Types].xml", &types),
        ("_rels/.rels", &root_rels),
        (main, &document),
        (&rels_name, &part_rels),
        (&styles_name, &styles),
        (&notes_name, &notes),
    ];
    parts.extend_from_slice(extra);
    zip(&parts)
}

fn docx(body: &str) -> Vec<u8> {
    package("word/document.xml", body, "", "", &[])
}

fn blocks(bytes: Vec<u8>) -> Vec<(BlockKind, String)> {
    let doc = DocReader::new().read(bytes).unwrap();
    assert_eq!(doc.format, Format::Docx);
    doc.blocks
        .iter()
        .map(|b| (b.kind, doc.block_text(b).to_string()))
        .collect()
}

fn texts(bytes: Vec<u8>) -> Vec<String> {
    blocks(bytes).into_iter().map(|(_, t)| t).collect()
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

#[test]
fn runs_join_with_nothing_between_them_and_paragraphs_keep_order() {
    let body = [
        p(&format!("{}{}{}", r("Flücht"), r("linge kamen"), r(" an."))),
        p(&r("Second.")),
        p(""),
        p(&r("  ")),
    ]
    .concat();
    assert_eq!(texts(docx(&body)), ["Flüchtlinge kamen an.", "Second."]);
}

#[test]
fn the_main_part_is_found_through_the_relationships() {
    let body = p(&r("Elsewhere."));
    let bytes = package("doc/main.xml", &body, "", "", &[]);
    assert_eq!(texts(bytes), ["Elsewhere."]);
    // Without `_rels/.rels`, the content types name it.
    let document = format!(r#"<w:document {NS}><w:body>{body}</w:body></w:document>"#);
    let bytes = zip(&[
        (
            "[Content_Types].xml",
            &TYPES.replace("{MAIN}", "word/document2.xml"),
        ),
        ("word/document2.xml", &document),
    ]);
    assert_eq!(texts(bytes), ["Elsewhere."]);
    // With no Override for the main part, its generic type is let
    // through.
    let bytes = zip(&[
        (
            "[Content_Types].xml",
            r#"<Types><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        ),
        ("word/document.xml", &document),
    ]);
    assert_eq!(texts(bytes), ["Elsewhere."]);
    // Another application's main part is not.
    let visio = zip(&[
        (
            "[Content_Types].xml",
            r#"<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-visio.drawing.main+xml"/></Types>"#,
        ),
        ("word/document.xml", &document),
    ]);
    let err = DocReader::new().read(visio).unwrap_err();
    assert!(err.to_string().contains("not a Word document"), "{err}");
}

#[test]
fn headings_from_localised_styles_outline_levels_and_captions() {
    let styles = r#"
        <w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="Heading 2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Legende"><w:name w:val="caption"/></w:style>
        <w:style w:type="paragraph" w:styleId="Puce"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>"#;
    let para = |ppr: &str, text: &str| format!("<w:p><w:pPr>{ppr}</w:pPr>{}</w:p>", r(text));
    let body = [
        para(r#"<w:pStyle w:val="berschrift1"/>"#, "Einleitung"),
        para(r#"<w:pStyle w:val="Titre2"/>"#, "Contexte"),
        para(r#"<w:outlineLvl w:val="2"/>"#, "Direct level"),
        para(
            r#"<w:pStyle w:val="berschrift1"/><w:outlineLvl w:val="9"/>"#,
            "Body after all",
        ),
        para(r#"<w:pStyle w:val="Legende"/>"#, "Figure 1: a map"),
        para(
            r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>"#,
            "An item",
        ),
        para(r#"<w:pStyle w:val="Puce"/>"#, "A styled item"),
        para(
            r#"<w:pStyle w:val="Puce"/><w:numPr><w:numId w:val="0"/></w:numPr>"#,
            "Numbering removed",
        ),
        // Old properties of a tracked formatting change are not the
        // paragraph's.
        para(
            r#"<w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="Titre2"/></w:pPr></w:pPrChange>"#,
            "Plain",
        ),
    ]
    .concat();
    let bytes = package("word/document.xml", &body, styles, "", &[]);
    assert_eq!(
        blocks(bytes),
        [
            (Heading { level: 1 }, "Einleitung".into()),
            (Heading { level: 2 }, "Contexte".into()),
            (Heading { level: 3 }, "Direct level".into()),
            (Paragraph, "Body after all".into()),
            (Caption, "Figure 1: a map".into()),
            (ListItem, "An item".into()),
            (ListItem, "A styled item".into()),
            (Paragraph, "Numbering removed".into()),
            (Paragraph, "Plain".into()),
        ]
    );
}

#[test]
fn tables_cell_by_cell_with_nested_tables_in_order() {
    let cell = |inner: &str| format!("<w:tc><w:tcPr><w:tcW w:w=\"100\"/></w:tcPr>{inner}</w:tc>");
    let inner_table = format!(
        "<w:tbl><w:tblPr/><w:tr>{}{}</w:tr></w:tbl>",
        cell(&p(&r("In 1"))),
        cell(&p(&r("In 2")))
    );
    let body = format!(
        "{}<w:tbl><w:tblPr/><w:tblGrid/><w:tr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl>{}",
        p(&r("Before.")),
        cell(&format!("{}{}", p(&r("A1 first")), p(&r("A1 second")))),
        cell(&format!(
            "{}{}{}",
            p(&r("B1 top")),
            inner_table,
            p(&r("B1 bottom"))
        )),
        cell(&p("")),
        p(&r("After.")),
    );
    assert_eq!(
        blocks(docx(&body)),
        [
            (Paragraph, "Before.".into()),
            (TableCell, "A1 first\nA1 second".into()),
            (TableCell, "B1 top".into()),
            (TableCell, "In 1".into()),
            (TableCell, "In 2".into()),
            (TableCell, "B1 bottom".into()),
            (Paragraph, "After.".into()),
        ]
    );
}

#[test]
fn text_boxes_are_read_once_from_alternate_content_after_their_paragraph() {
    let txbx = |text: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(&r(text)));
    let alt = format!(
        "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>",
        txbx("Boxed text."),
        txbx("Boxed text."),
    );
    let body = format!(
        "{}{}",
        p(&format!(
            "{}<w:r>{alt}</w:r>{}",
            r("Anchor sentence"),
            r(" goes on.")
        )),
        // A VML-only text box (no AlternateContent).
        p(&format!(
            "<w:r><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></w:r>",
            txbx("Old box.")
        )),
    );
    assert_eq!(
        texts(docx(&body)),
        ["Anchor sentence goes on.", "Boxed text.", "Old box."]
    );
}

#[test]
fn footnotes_and_endnotes_follow_the_block_that_cites_them() {
    let notes = r#"<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> The first note.</w:t></w:r></w:p></w:footnote>
        <w:footnote w:id="2"><w:p><w:r><w:t>Never cited.</w:t></w:r></w:p></w:footnote>
        <w:footnote w:id="3"><w:p><w:r><w:t>In a cell.</w:t></w:r></w:p><w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p></w:footnote>"#;
    let endnotes = format!(
        r#"<w:endnotes {NS}><w:endnote w:id="1"><w:p><w:r><w:t>An endnote.</w:t></w:r></w:p></w:endnote></w:endnotes>"#
    );
    let body = format!(
        "{}{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
        p(&format!("{}<w:r><w:footnoteReference w:id=\"1\"/></w:r>{}<w:r><w:endnoteReference w:id=\"1\"/></w:r>", r("Text"), r(" cited."))),
        p(&r("Next paragraph.")),
        p(&format!("{}<w:r><w:footnoteReference w:id=\"3\"/></w:r>", r("Cell"))),
    );
    let bytes = package(
        "word/document.xml",
        &body,
        "",
        notes,
        &[("word/endnotes.xml", &endnotes)],
    );
    assert_eq!(
        blocks(bytes),
        [
            (Paragraph, "Text cited.".into()),
            (Footnote, "The first note.".into()),
            (Footnote, "An endnote.".into()),
            (Paragraph, "Next paragraph.".into()),
            (TableCell, "Cell".into()),
            (Footnote, "In a cell.".into()),
            (Footnote, "Second paragraph.".into()),
        ]
    );
}

#[test]
fn tracked_changes_read_as_accepted() {
    let ins = |t: &str| {
        format!(
            r#"<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:ins>"#
        )
    };
    let del = |t: &str| {
        format!(
            r#"<w:del w:id="2" w:author="A"><w:r><w:delText xml:space="preserve">{t}</w:delText></w:r></w:del>"#
        )
    };
    let mark_deleted = r#"<w:pPr><w:rPr><w:del w:id="9" w:author="A"/></w:rPr></w:pPr>"#;
    let body = [
        p(&format!("{}{}{}{}", r("The "), del("old "), ins("new "), r("text."))),
        p(&format!(r#"{}<w:moveFrom w:id="3">{}</w:moveFrom>{}"#, r("Moved"), r(" JUNK"), r(" away."))),
        p(&format!(r#"<w:moveTo w:id="4">{}</w:moveTo>"#, r("Arrived."))),
        // A paragraph whose mark is deleted joins the next one.
        format!("<w:p>{mark_deleted}{}</w:p>", r("Half a ")),
        p(&r("sentence.")),
        // A wholly deleted paragraph vanishes.
        format!("<w:p>{mark_deleted}{}</w:p>", del("Gone entirely.")),
        p(&r("Kept.")),
        // A deleted table row.
        format!(
            r#"<w:tbl><w:tr><w:trPr><w:del w:id="5" w:author="A"/></w:trPr><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>"#,
            p(&r("Deleted row.")),
            p(&r("Kept row.")),
        ),
        // Formatting changes only.
        p(r#"<w:r><w:rPr><w:b/><w:rPrChange w:id="6"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>Bold now.</w:t></w:r>"#),
    ]
    .concat();
    let doc = DocReader::new().read(docx(&body)).unwrap();
    let got: Vec<&str> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert_eq!(
        got,
        [
            "The new text.",
            "Moved away.",
            "Arrived.",
            "Half a sentence.",
            "Kept.",
            "Kept row.",
            "Bold now."
        ]
    );
    assert!(
        doc.notes.iter().any(|n| n.contains("tracked changes")),
        "{:?}",
        doc.notes
    );
}

#[test]
fn fields_give_their_results_not_their_codes() {
    let fld = |t: &str| format!(r#"<w:r><w:fldChar w:fldCharType="{t}"/></w:r>"#);
    let instr =
        |t: &str| format!(r#"<w:r><w:instrText xml:space="preserve">{t}</w:instrText></w:r>"#);
    let body = [
        p(&format!(
            "{}{}{}{}{}{}",
            r("See page "),
            fld("begin"),
            instr(" PAGEREF _Toc1 \\h "),
            fld("separate"),
            r("7"),
            fld("end"),
        )),
        // A field nested in another's code, and a field with no result.
        p(&format!(
            "{}{}{}{}{}{}{}{}{}{}{}{}",
            r("Value: "),
            fld("begin"),
            instr(" IF "),
            fld("begin"),
            instr(" DOCPROPERTY x "),
            fld("separate"),
            r("JUNK"),
            fld("end"),
            instr(" = 1 "),
            fld("separate"),
            r("one"),
            fld("end"),
        )),
        p(&format!(
            "{}{}{}{}",
            r("No result"),
            fld("begin"),
            instr(" XE \"index\" "),
            fld("end")
        )),
        p(&format!(
            r#"<w:fldSimple w:instr=" NUMPAGES ">{}</w:fldSimple>{}"#,
            r("12"),
            r(" pages.")
        )),
        p(&format!(
            r#"<w:hyperlink r:id="rId9" xmlns:r="urn:r">{}</w:hyperlink>{}"#,
            r("A link"),
            r(" here.")
        )),
        // A field that never leaves its code hides the rest of its
        // paragraph only.
        p(&format!(
            "{}{}{}{}",
            r("Broken "),
            fld("begin"),
            instr(" REF x "),
            r("JUNK")
        )),
        p(&r("Still read.")),
    ]
    .concat();
    assert_eq!(
        texts(docx(&body)),
        [
            "See page 7",
            "Value: one",
            "No result",
            "12 pages.",
            "A link here.",
            "Broken",
            "Still read.",
        ]
    );
}

#[test]
fn hidden_text_is_skipped_directly_or_by_style() {
    let styles = r#"<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="HiddenPara"><w:name w:val="Hidden para"/><w:rPr><w:vanish/></w:rPr></w:style>"#;
    let body = [
        p(&format!(r#"{}<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>shown</w:t></w:r>"#, r("Visible "))),
        p(&format!(r#"{}<w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>HIDDEN</w:t></w:r>"#, r("Styled "))),
        format!(r#"<w:p><w:pPr><w:pStyle w:val="HiddenPara"/></w:pPr>{}<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>Unhidden.</w:t></w:r></w:p>"#, r("HIDDEN")),
        // A hidden paragraph mark does not hide the paragraph's text.
        p(&format!(r#"<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>{}"#, r("Mark hidden."))),
    ]
    .concat();
    let doc = DocReader::new()
        .read(package("word/document.xml", &body, styles, "", &[]))
        .unwrap();
    let got: Vec<&str> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert_eq!(
        got,
        ["Visible shown", "Styled", "Unhidden.", "Mark hidden."]
    );
    assert!(doc.notes.iter().any(|n| n.contains("hidden text")));
}

#[test]
fn breaks_tabs_hyphens_and_symbols() {
    let body = [
        p(r#"<w:r><w:t>Line one</w:t><w:br/><w:t>line two</w:t><w:cr/><w:t>three</w:t></w:r>"#),
        p(r#"<w:r><w:t>Before the page</w:t><w:br w:type="page"/><w:t>after it.</w:t></w:r>"#),
        p(r#"<w:r><w:t>Name</w:t><w:tab/><w:t>value</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>1</w:t></w:r>"#),
        p(r#"<w:r><w:t>Flücht</w:t><w:softHyphen/><w:t>linge, e</w:t><w:noBreakHyphen/><w:t>mail</w:t></w:r>"#),
        p(r#"<w:r><w:t xml:space="preserve">Angle </w:t><w:sym w:font="Symbol" w:char="F061"/><w:t xml:space="preserve"> and </w:t><w:sym w:font="Wingdings" w:char="F0E0"/><w:t>arrow</w:t></w:r>"#),
        p(r#"<w:r><w:lastRenderedPageBreak/><w:t>Mid</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>word</w:t></w:r>"#),
        p(r#"<m:oMath><m:r><m:t>x=1</m:t></m:r></m:oMath>"#),
    ]
    .concat();
    assert_eq!(
        texts(docx(&body)),
        [
            "Line one\nline two\nthree",
            "Before the page after it.",
            "Name\tvalue\t1",
            "Flücht\u{ad}linge, e\u{2011}mail",
            "Angle α and arrow",
            "Midword",
            "x=1",
        ]
    );
}

#[test]
fn content_controls_smart_tags_and_custom_xml_are_read_through() {
    let body = [
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="Name"/><w:text/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
            p(&r("Block control."))
        ),
        p(&format!(
            r#"{}<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt><w:smartTag w:uri="u" w:element="place">{}</w:smartTag><w:customXml w:element="x">{}</w:customXml><w:bdo w:val="rtl">{}</w:bdo>"#,
            r("Inline "),
            r("control, "),
            r("Tirana, "),
            r("custom, "),
            r("bdo.")
        )),
        // A control showing its placeholder prompt: not the author's text.
        format!(
            r#"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
            p(&r("Click here to enter text."))
        ),
        p(&format!(r#"<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>かん</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>漢</w:t></w:r></w:rubyBase></w:ruby></w:r>{}"#, r("字"))),
    ]
    .concat();
    assert_eq!(
        texts(docx(&body)),
        [
            "Block control.",
            "Inline control, Tirana, custom, bdo.",
            "漢字"
        ]
    );
}

#[test]
fn headers_footers_and_comments_are_left_out_with_a_note() {
    let header = format!(r#"<w:hdr {NS}>{}</w:hdr>"#, p(&r("Running head")));
    let comments = format!(
        r#"<w:comments {NS}><w:comment w:id="0">{}</w:comment></w:comments>"#,
        p(&r("A remark"))
    );
    let body = p(&format!(
        r#"<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
        r("Body.")
    ));
    let bytes = package(
        "word/document.xml",
        &body,
        "",
        "",
        &[
            ("word/header1.xml", &header),
            ("word/comments.xml", &comments),
        ],
    );
    let doc = DocReader::new().read(bytes).unwrap();
    assert_eq!(doc.text, "Body.");
    assert!(
        doc.notes.iter().any(|n| n.contains("headers and footers")),
        "{:?}",
        doc.notes
    );
    assert!(
        doc.notes.iter().any(|n| n.contains("1 comment")),
        "{:?}",
        doc.notes
    );
}

#[test]
fn empty_documents_are_errors_that_say_so() {
    for body in [
        "",
        &p(""),
        &[p(&r("   ")), p("<w:r><w:tab/></w:r>")].concat(),
    ] {
        let err = DocReader::new().read(docx(body)).unwrap_err();
        assert!(
            matches!(&err, DocError::NoText(m) if m.contains("no text")),
            "{err}"
        );
    }
}

#[test]
fn hostile_packages_are_refused_with_a_reason() {
    let document = format!(
        r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><w:document {NS}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = zip(&[
        (
            "[Content_Types].xml",
            &TYPES.replace("{MAIN}", "word/document.xml"),
        ),
        ("word/document.xml", &document),
    ]);
    let err = DocReader::new().read(bytes).unwrap_err();
    assert!(err.to_string().contains("DOCTYPE"), "{err}");
    // Nested far too deep.
    let deep = format!(
        r#"<w:document {NS}><w:body>{}{}</w:body></w:document>"#,
        "<w:tbl><w:tr><w:tc>".repeat(400),
        "</w:tc></w:tr></w:tbl>".repeat(400)
    );
    let bytes = zip(&[
        (
            "[Content_Types].xml",
            &TYPES.replace("{MAIN}", "word/document.xml"),
        ),
        ("word/document.xml", &deep),
    ]);
    assert!(matches!(
        DocReader::new().read(bytes),
        Err(DocError::TooLarge(_))
    ));
    // Not well-formed.
    let bytes = zip(&[
        (
            "[Content_Types].xml",
            &TYPES.replace("{MAIN}", "word/document.xml"),
        ),
        ("word/document.xml", "<w:document><w:body><w:p></w:body>"),
    ]);
    assert!(matches!(
        DocReader::new().read(bytes),
        Err(DocError::Corrupt(_))
    ));
    // A workbook forced as a .docx.
    let xlsx_types = r#"<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
    let xlsx_rels = r#"<Relationships><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let bytes = zip(&[
        ("[Content_Types].xml", xlsx_types),
        ("_rels/.rels", xlsx_rels),
        ("xl/workbook.xml", "<workbook/>"),
    ]);
    let err = DocReader::new()
        .format(Some(Format::Docx))
        .read(bytes)
        .unwrap_err();
    assert!(err.to_string().contains("Excel workbook"), "{err}");
    // A zip with no Word part at all, forced.
    let err = DocReader::new()
        .format(Some(Format::Docx))
        .read(zip(&[("readme.txt", "hi")]))
        .unwrap_err();
    assert!(matches!(err, DocError::Corrupt(_)), "{err}");
}

#[test]
fn strict_ooxml_and_other_prefixes_read_the_same() {
    let document = r#"<doc:document xmlns:doc="http://purl.oclc.org/ooxml/wordprocessingml/main"><doc:body><doc:p><doc:r><doc:t>Strict.</doc:t></doc:r></doc:p></doc:body></doc:document>"#;
    let bytes = zip(&[
        (
            "[Content_Types].xml",
            &TYPES.replace("{MAIN}", "word/document.xml"),
        ),
        ("word/document.xml", document),
    ]);
    assert_eq!(texts(bytes), ["Strict."]);
    // DrawingML text (a:t) is not Word text.
    let body = p(
        r#"<w:r><w:t>Word.</w:t></w:r><a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:r><a:t>Drawing</a:t></a:r></a:p>"#,
    );
    assert_eq!(texts(docx(&body)), ["Word."]);
}
