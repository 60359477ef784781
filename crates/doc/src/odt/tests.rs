//! ODT reader tests on small hand-built documents, one feature each.

use crate::docx::tests::zip;
use crate::{BlockKind, DocError, DocReader, Format};
use BlockKind::*;

const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/""#;

const STYLES: &str = r#"<office:styles>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"/>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading"/>
  <style:style style:name="Überschrift" style:family="paragraph" style:default-outline-level="2"/>
  <style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard"/>
  <style:style style:name="Illustration" style:family="paragraph" style:parent-style-name="Caption"/>
</office:styles>"#;

/// An ODT whose `office:text` holds `body`, with automatic styles `auto`.
fn odt(body: &str, auto: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3"><office:automatic-styles>{auto}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}>{STYLES}<office:master-styles><style:master-page style:name="Standard"/></office:master-styles></office:document-styles>"#
    );
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("styles.xml", &styles),
        ("content.xml", &content),
    ])
}

fn blocks(bytes: Vec<u8>) -> Vec<(BlockKind, String)> {
    let doc = DocReader::new().read(bytes).unwrap();
    assert_eq!(doc.format, Format::Odt);
    doc.blocks
        .iter()
        .map(|b| (b.kind, doc.block_text(b).to_string()))
        .collect()
}

fn texts(bytes: Vec<u8>) -> Vec<String> {
    blocks(bytes).into_iter().map(|(_, t)| t).collect()
}

#[test]
fn headings_paragraphs_lists_and_captions() {
    let auto = r#"<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_1"/>
        <style:style style:name="P2" style:family="paragraph" style:parent-style-name="Illustration"/>"#;
    let body = r#"<text:sequence-decls><text:sequence-decl text:name="Illustration"/></text:sequence-decls>
        <text:h text:outline-level="2"><text:number>1.1</text:number>Outline heading</text:h>
        <text:h>No level given</text:h>
        <text:p text:style-name="P1">Styled as Heading 1</text:p>
        <text:p text:style-name="Überschrift">Default outline level</text:p>
        <text:p text:style-name="Standard">A paragraph.</text:p>
        <text:list><text:list-item><text:p>First item</text:p>
          <text:list><text:list-item><text:p>Nested item</text:p></text:list-item></text:list></text:list-item>
          <text:list-header><text:p>Header item</text:p></text:list-header></text:list>
        <text:p text:style-name="P2">Illustration <text:sequence text:name="Illustration">1</text:sequence>: a map</text:p>
        <text:numbered-paragraph text:level="1"><text:p>Numbered paragraph</text:p></text:numbered-paragraph>
        <text:p>After the list.</text:p>"#;
    assert_eq!(
        blocks(odt(body, auto)),
        [
            (Heading { level: 2 }, "Outline heading".into()),
            (Heading { level: 1 }, "No level given".into()),
            (Heading { level: 1 }, "Styled as Heading 1".into()),
            (Heading { level: 2 }, "Default outline level".into()),
            (Paragraph, "A paragraph.".into()),
            (ListItem, "First item".into()),
            (ListItem, "Nested item".into()),
            (ListItem, "Header item".into()),
            (Caption, "Illustration 1: a map".into()),
            (ListItem, "Numbered paragraph".into()),
            (Paragraph, "After the list.".into()),
        ]
    );
}

#[test]
fn whitespace_collapses_except_spaces_tabs_and_breaks() {
    let body = "<text:p>\n   Two   words\n   wrapped <text:span>across</text:span> <text:span> spans</text:span>  </text:p>\
        <text:p>Wide<text:s text:c=\"3\"/>gap, <text:s/>one more</text:p>\
        <text:p>Name<text:tab/>value<text:line-break/>  next line</text:p>\
        <text:p>Page<text:soft-page-break/>break</text:p>\
        <text:p>Huge <text:s text:c=\"999999999\"/>run</text:p>";
    let got = texts(odt(body, ""));
    assert_eq!(
        &got[..4],
        [
            "Two words wrapped across spans",
            "Wide   gap,  one more",
            "Name\tvalue\nnext line",
            "Pagebreak",
        ]
    );
    // text:c is capped.
    assert_eq!(got[4].len(), "Huge ".len() + 1000 + "run".len());
}

#[test]
fn tables_cell_by_cell_with_nested_tables() {
    let body = r#"<table:table><table:table-column table:number-columns-repeated="2"/>
        <table:table-header-rows><table:table-row><table:table-cell><text:p>Head</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table-header-rows>
        <table:table-row><table:table-cell><text:p>One</text:p><text:p>two</text:p></table:table-cell>
          <table:table-cell><text:p>Outer</text:p><table:table><table:table-row><table:table-cell><text:p>Inner</text:p></table:table-cell></table:table-row></table:table><text:p>rest</text:p></table:table-cell>
          <table:table-cell/></table:table-row></table:table><text:p>After.</text:p>"#;
    assert_eq!(
        blocks(odt(body, "")),
        [
            (TableCell, "Head".into()),
            (TableCell, "One\ntwo".into()),
            (TableCell, "Outer".into()),
            (TableCell, "Inner".into()),
            (TableCell, "rest".into()),
            (Paragraph, "After.".into()),
        ]
    );
}

#[test]
fn notes_lose_their_citation_and_follow_their_paragraph() {
    let body = r#"<text:p>Cited<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>The note <text:span>text</text:span>.</text:p></text:note-body></text:note> here.</text:p>
        <text:p>An endnote<text:note text:note-class="endnote"><text:note-citation text:label="*">*</text:note-citation><text:note-body><text:p>End.</text:p></text:note-body></text:note>.</text:p>"#;
    assert_eq!(
        blocks(odt(body, "")),
        [
            (Paragraph, "Cited here.".into()),
            (Footnote, "The note text.".into()),
            (Paragraph, "An endnote.".into()),
            (Footnote, "End.".into()),
        ]
    );
}

#[test]
fn tracked_changes_read_as_accepted() {
    let body = r#"<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>A</dc:creator></office:change-info><text:p>DELETED</text:p></text:deletion></text:changed-region>
        <text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>A</dc:creator></office:change-info></text:insertion></text:changed-region></text:tracked-changes>
        <text:p>The <text:change text:change-id="ct1"/>text <text:change-start text:change-id="ct2"/>as inserted<text:change-end text:change-id="ct2"/>.</text:p>"#;
    let doc = DocReader::new().read(odt(body, "")).unwrap();
    assert_eq!(doc.text, "The text as inserted.");
    assert!(doc.notes.iter().any(|n| n.contains("tracked changes")));
}

#[test]
fn frames_and_text_boxes_follow_their_anchor() {
    let body = r#"<text:p>Anchor <draw:frame draw:name="F1"><draw:text-box><text:p>Boxed.</text:p><text:h text:outline-level="3">Box heading</text:h></draw:text-box></draw:frame>text.</text:p>
        <text:p><draw:frame><draw:image><svg:title>Alt text</svg:title><text:p>Image fallback</text:p></draw:image><svg:desc>Description</svg:desc></draw:frame>Image anchor.</text:p>
        <text:p><draw:custom-shape><text:p>Shape text.</text:p><draw:enhanced-geometry/></draw:custom-shape></text:p>"#;
    assert_eq!(
        blocks(odt(body, "")),
        [
            (Paragraph, "Anchor text.".into()),
            (Paragraph, "Boxed.".into()),
            (Heading { level: 3 }, "Box heading".into()),
            (Paragraph, "Image anchor.".into()),
            (Paragraph, "Shape text.".into()),
        ]
    );
}

#[test]
fn hidden_text_comments_and_indexes_are_left_out() {
    let auto = r#"<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>"#;
    let body = r#"<text:p>Shown<text:span text:style-name="T1"> HIDDEN</text:span>.</text:p>
        <text:section text:name="S" text:display="none"><text:p>HIDDEN SECTION</text:p></text:section>
        <text:p><office:annotation><dc:creator>A</dc:creator><text:p>A comment</text:p></office:annotation>Commented.<office:annotation-end/></text:p>
        <text:p>Field <text:hidden-text text:string-value="x" text:condition="true">HIDDEN</text:hidden-text>end.</text:p>
        <text:table-of-content><text:table-of-content-source><text:index-title-template>Contents</text:index-title-template></text:table-of-content-source><text:index-body><text:p>Entry one</text:p></text:index-body></text:table-of-content>
        <text:p><text:ruby><text:ruby-base>漢</text:ruby-base><text:ruby-text>かん</text:ruby-text></text:ruby>字</text:p>"#;
    let doc = DocReader::new().read(odt(body, auto)).unwrap();
    let got: Vec<&str> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert_eq!(
        got,
        ["Shown.", "Commented.", "Field end.", "Entry one", "漢字"]
    );
    assert!(doc.notes.iter().any(|n| n.contains("hidden text")));
    assert!(doc.notes.iter().any(|n| n.contains("1 comment")));
}

#[test]
fn headers_and_footers_are_left_out_with_a_note() {
    let content = format!(
        r#"<office:document-content {NS}><office:body><office:text><text:p>Body.</text:p></office:text></office:body></office:document-content>"#
    );
    let styles = format!(
        r#"<office:document-styles {NS}><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Running head</text:p></style:header></style:master-page></office:master-styles></office:document-styles>"#
    );
    let bytes = zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("styles.xml", &styles),
        ("content.xml", &content),
    ]);
    let doc = DocReader::new().read(bytes).unwrap();
    assert_eq!(doc.text, "Body.");
    assert_eq!(doc.notes, ["page headers and footers left out"]);
}

#[test]
fn flat_odt_is_one_xml_document() {
    let fodt = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} xmlns:xhtml="http://www.w3.org/1999/xhtml" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>Meta title</dc:title></office:meta>
 {STYLES}
 <office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_1"/></office:automatic-styles>
 <office:body><office:text><text:p text:style-name="P1">Flat title</text:p><text:p>Flat body.</text:p></office:text></office:body>
</office:document>"#
    );
    assert_eq!(
        crate::sniff_format(fodt.as_bytes(), None).unwrap(),
        Format::Odt
    );
    assert_eq!(
        blocks(fodt.into_bytes()),
        [
            (Heading { level: 1 }, "Flat title".into()),
            (Paragraph, "Flat body.".into())
        ]
    );
}

#[test]
fn bad_documents_are_errors_that_say_what_is_wrong() {
    // Empty, and every block empty.
    for body in ["", "<text:p/><text:p>  </text:p><text:h/><table:table><table:table-row><table:table-cell/></table:table-row></table:table>"] {
        let err = DocReader::new().read(odt(body, "")).unwrap_err();
        assert!(matches!(&err, DocError::NoText(m) if m.contains("no text")), "{err}");
    }
    // No content.xml.
    let bytes = zip(&[("mimetype", "application/vnd.oasis.opendocument.text")]);
    let err = DocReader::new().read(bytes).unwrap_err();
    assert!(matches!(err, DocError::Corrupt(_)), "{err}");
    // Password-protected.
    let manifest = r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>"#;
    let bytes = zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", "\u{1}garbage"),
    ]);
    let err = DocReader::new().read(bytes).unwrap_err();
    assert!(matches!(err, DocError::Encrypted(_)), "{err}");
    // A spreadsheet forced as text.
    let content = format!(
        r#"<office:document-content {NS}><office:body><office:spreadsheet/></office:body></office:document-content>"#
    );
    let bytes = zip(&[("content.xml", &content)]);
    let err = DocReader::new()
        .format(Some(Format::Odt))
        .read(bytes)
        .unwrap_err();
    assert!(err.to_string().contains("not a text document"), "{err}");
    // Entities and DOCTYPEs.
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE office:document [<!ENTITY a "lol">]><office:document {NS}><office:body><office:text><text:p>&a;</text:p></office:text></office:body></office:document>"#
    );
    let err = DocReader::new()
        .format(Some(Format::Odt))
        .read(laughs.into_bytes())
        .unwrap_err();
    assert!(err.to_string().contains("DOCTYPE"), "{err}");
    // Deep nesting.
    let deep = odt(
        &format!(
            "{}{}",
            "<text:section>".repeat(1200),
            "</text:section>".repeat(1200)
        ),
        "",
    );
    assert!(matches!(
        DocReader::new().read(deep),
        Err(DocError::TooLarge(_))
    ));
}
