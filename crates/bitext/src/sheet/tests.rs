use std::io::Write;

use super::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// A minimal workbook made by hand: one sheet named `pairs` whose
/// `<sheetData>` holds `rows` and whose worksheet ends with `tail`
/// (merged cells, say); parts deflated unless `stored`.
pub(crate) fn book(rows: &str, tail: &str, stored: bool) -> Vec<u8> {
    zipped(&book_parts(rows, tail), stored)
}

/// The parts of [`book`]: (name, content).
fn book_parts(rows: &str, tail: &str) -> Vec<(String, Vec<u8>)> {
    let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let parts = [
        ("[Content_Types].xml".to_string(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()
        ),
        ("_rels/.rels".to_string(), format!(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rels}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        )),
        ("xl/workbook.xml".to_string(), format!(
            "<workbook xmlns=\"{main}\" xmlns:r=\"{rels}\"><sheets><sheet name=\"pairs\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
        )),
        ("xl/_rels/workbook.xml.rels".to_string(), format!(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rels}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{rels}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        )),
        ("xl/sharedStrings.xml".to_string(), format!(
            "<sst xmlns=\"{main}\" count=\"2\" uniqueCount=\"2\"><si><t>score</t></si><si><r><t>be</t></r><r><t>ad</t></r></si></sst>"
        )),
        ("xl/worksheets/sheet1.xml".to_string(), format!(
            "<worksheet xmlns=\"{main}\"><sheetData>{rows}</sheetData>{tail}</worksheet>"
        )),
    ];
    parts
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect()
}

/// A zip of `parts`, deflated unless `stored`.
fn zipped(parts: &[(String, Vec<u8>)], stored: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if stored {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, content) in parts {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(content).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// An inline-string cell.
pub(crate) fn text_cell(at: &str, text: &str) -> String {
    format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

fn texts(table: &Table) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|(c, v)| format!("{}:{v:?}", column_name(*c)))
                .collect()
        })
        .collect()
}

#[test]
fn cells_are_named_as_spreadsheets_name_them() {
    for (col, name) in [
        (0, "A"),
        (25, "Z"),
        (26, "AA"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
        (16_383, "XFD"),
    ] {
        assert_eq!(column_name(col), name);
    }
    assert_eq!(Pos { row: 6, col: 2 }.to_string(), "C7");
}

#[test]
fn uras_own_workbook_reads_back_cell_for_cell() {
    let row = |src: &str, tgt: &str, score: f64| crate::rows::Row {
        src: src.into(),
        tgt: tgt.into(),
        src_idx: vec![0],
        tgt_idx: vec![0],
        score,
        bead: "1-1".into(),
        ..Default::default()
    };
    let rows = [
        row("=1+2 is text.", "Tom & Jerry <b>", 0.95),
        row("Two.", "", 0.3),
    ];
    let (bytes, _) = crate::xlsx::write_xlsx("en", "sq", &rows, 0.7).unwrap();
    let table = read_xlsx(&bytes).unwrap();
    let text = |s: &str| Value::Text(s.into());
    assert_eq!(
        table.rows[0].cells,
        [
            (0, text("en")),
            (1, text("sq")),
            (2, text("score")),
            (3, text("bead")),
            (4, text("ok"))
        ]
    );
    assert_eq!(table.rows[1].get(0), Some(&text("=1+2 is text.")));
    assert_eq!(table.rows[1].get(1), Some(&text("Tom & Jerry <b>")));
    assert_eq!(table.rows[1].get(2), Some(&Value::Number(0.95)));
    assert_eq!(table.rows[1].get(4), None, "the ok column is empty");
    assert_eq!(table.rows[2].get(1), None, "an empty target");
    assert!(table.formulas.is_empty() && table.merged.is_empty() && table.notes.is_empty());
}

#[test]
fn formulas_are_read_by_their_saved_values_and_other_types_as_they_are() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("pairs").unwrap();
    sheet.write_string(0, 0, "en").unwrap();
    sheet
        .write_formula(1, 0, Formula::new("=\"Hel\"&\"lo.\"").set_result("Hello."))
        .unwrap();
    sheet.write_number(1, 1, 2024.0).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let day = ExcelDateTime::from_ymd(2024, 3, 1).unwrap();
    sheet.write_datetime_with_format(2, 0, &day, &date).unwrap();
    sheet.write_boolean(2, 1, true).unwrap();
    sheet
        .merge_range(3, 0, 4, 0, "merged", &Format::new())
        .unwrap();
    book.add_worksheet().set_name("notes").unwrap();
    let table = read_xlsx(&book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(table.rows[1].get(0), Some(&Value::Text("Hello.".into())));
    assert_eq!(table.formulas, [Pos { row: 1, col: 0 }]);
    assert_eq!(table.rows[1].get(1), Some(&Value::Number(2024.0)));
    assert_eq!(
        table.rows[2].get(0),
        Some(&Value::Date("2024-03-01".into()))
    );
    assert_eq!(table.rows[2].get(1), Some(&Value::Bool(true)));
    assert_eq!(
        table.merged,
        [(Pos { row: 3, col: 0 }, Pos { row: 4, col: 0 })]
    );
    assert_eq!(
        table.notes,
        ["the workbook has 2 sheets; reading the first, 'pairs'"]
    );
}

#[test]
fn unsaved_formulas_errors_and_far_cells_are_kept_apart() {
    let rows = format!(
        "<row r=\"1\">{}{}</row><row r=\"2\"><c r=\"A2\"><f>B1&amp;\"!\"</f></c><c r=\"B2\" t=\"e\"><v>#REF!</v></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>",
        text_cell("A1", "en"),
        text_cell("B1", "sq")
    );
    let table = read_xlsx(&book(&rows, "", false)).unwrap();
    assert_eq!(
        table.rows[1].cells,
        [
            (0, Value::Unsaved("B1&\"!\"".into())),
            (1, Value::Error("#REF!".into()))
        ]
    );
    assert_eq!(table.rows.len(), 2, "the far cell is not read");
    assert_eq!(
        table.notes,
        ["cells past column ALL are not read (first: XFD1048576)"]
    );
}

#[test]
fn cells_out_of_order_are_sorted_and_the_last_of_a_place_wins() {
    let rows = format!(
        "<row r=\"3\">{}{}</row><row r=\"1\">{}{}</row>",
        text_cell("B3", "b"),
        text_cell("A3", "a"),
        text_cell("A1", "first"),
        text_cell("A1", "second")
    );
    let table = read_xlsx(&book(&rows, "", false)).unwrap();
    assert_eq!(
        texts(&table),
        [
            vec!["A:Text(\"second\")".to_string()],
            vec!["A:Text(\"a\")".to_string(), "B:Text(\"b\")".to_string()]
        ]
    );
    assert_eq!(table.rows[1].row, 2);
}

#[test]
fn parts_over_the_limits_are_refused_whatever_the_archive_declares() {
    let big = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>".repeat(400);
    let bytes = book(&big, "", false);
    assert!(read_xlsx_within(&bytes, 1 << 20, 1 << 20).is_ok());
    let err = read_xlsx_within(&bytes, 20_000, 1 << 20).unwrap_err();
    assert_eq!(
        err,
        SheetError::TooLarge(
            "the part xl/worksheets/sheet1.xml inflates to more than 0 MiB; refused as a possible zip bomb"
                .into()
        )
    );
    let err = read_xlsx_within(&bytes, 1 << 20, 20_000).unwrap_err();
    assert!(
        matches!(&err, SheetError::TooLarge(m) if m.contains("parts of this workbook")),
        "{err}"
    );
}

#[test]
fn a_bomb_is_stopped_at_the_part_limit_not_after_inflating_it() {
    // 40 MiB of one repeated row deflates to some 40 KB.
    let row = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    w.start_file("xl/workbook.xml", opts).unwrap();
    w.write_all(b"<workbook/>").unwrap();
    w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let chunk = row.repeat(1 << 14);
    let mut written = 0;
    while written < 40 << 20 {
        w.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    let bytes = w.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    let err = read_xlsx_within(&bytes, 4 << 20, 8 << 20).unwrap_err();
    assert!(
        matches!(&err, SheetError::TooLarge(m) if m.contains("more than 4 MiB")),
        "{err}"
    );
}

#[test]
fn files_that_are_not_workbooks_say_what_they_are() {
    let zip_of = |name: &str| {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(b"<x/>").unwrap();
        w.finish().unwrap().into_inner()
    };
    for (name, want) in [
        ("word/document.xml", "a Word document, not a spreadsheet"),
        (
            "content.xml",
            "an OpenDocument file (.ods or .odt); save the sheet as .xlsx",
        ),
        ("a.txt", "a zip archive that is not an XLSX workbook"),
    ] {
        assert_eq!(
            read_xlsx(&zip_of(name)).unwrap_err(),
            SheetError::Unsupported(want.into())
        );
    }
    assert!(matches!(
        read_xlsx(b"PK\x03\x04\x14\x00\x00\x00"),
        Err(SheetError::Damaged(_))
    ));
    // A workbook whose worksheet part is missing.
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(
        b"<workbook><sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId9\"/></sheets></workbook>",
    )
    .unwrap();
    assert!(read_xlsx(&w.finish().unwrap().into_inner()).is_err());
}

#[test]
fn damaged_workbooks_are_errors_not_panics() {
    let rows = format!(
        "<row r=\"1\">{}{}<c r=\"C1\" t=\"s\"><v>0</v></c></row><row r=\"2\">{}<c r=\"B2\"><f>A2</f><v>1</v></c><c r=\"C2\" t=\"s\"><v>1</v></c></row>",
        text_cell("A1", "en"),
        text_cell("B1", "sq"),
        text_cell("A2", "Hi &amp; bye")
    );
    let tail = "<mergeCells count=\"1\"><mergeCell ref=\"A3:B4\"/></mergeCells>";
    let parts = book_parts(&rows, tail);
    let good = zipped(&parts, false);
    let table = read_xlsx(&good).unwrap();
    assert_eq!(table.rows[0].get(2), Some(&Value::Text("score".into())));
    assert_eq!(table.rows[1].get(2), Some(&Value::Text("bead".into())));
    // Bytes of the XML parts changed before they are zipped, so that
    // the parser, not the zip checksum, meets them.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut ok, mut err) = (0, 0);
    for _ in 0..3000 {
        let mut mutated = parts.clone();
        let part = &mut mutated[(next() % parts.len() as u64) as usize].1;
        for _ in 0..1 + next() % 4 {
            let at = (next() % part.len() as u64) as usize;
            part[at] = b"<>/=\"&;x0 9\xff"[(next() % 12) as usize];
        }
        match read_xlsx(&zipped(&mutated, true)) {
            Ok(_) => ok += 1,
            Err(_) => err += 1,
        }
    }
    eprintln!("{ok} read, {err} refused");
    assert!(ok > 0 && err > 0, "{ok} read, {err} refused");
    // Truncations.
    for len in (0..good.len()).step_by(37) {
        let _ = read_xlsx(&good[..len]);
    }
}

#[test]
fn csv_reads_as_ura_writes_it_and_undoes_excel_neutralising() {
    let text =
        "\u{feff}en,sq,score,bead\n\"'=1+2, yes\",\"two\nlines\",0.5000,1-1\n\n'plain,,,\nshort\n";
    let table = read_csv(text).unwrap();
    assert_eq!(
        texts(&table),
        [
            vec![
                "A:Text(\"en\")",
                "B:Text(\"sq\")",
                "C:Text(\"score\")",
                "D:Text(\"bead\")"
            ],
            vec![
                "A:Text(\"=1+2, yes\")",
                "B:Text(\"two\\nlines\")",
                "C:Text(\"0.5000\")",
                "D:Text(\"1-1\")"
            ],
            vec!["A:Text(\"'plain\")"],
            vec!["A:Text(\"short\")"],
        ]
    );
}

#[test]
fn tsv_splits_at_tabs_only() {
    let table = read_tsv("\u{feff}en\tsq\tscore\tbead\r\n\"Quoted,\" she said.\t\t0.1\t1-0\n");
    assert_eq!(
        texts(&table),
        [
            vec![
                "A:Text(\"en\")",
                "B:Text(\"sq\")",
                "C:Text(\"score\")",
                "D:Text(\"bead\")"
            ],
            vec![
                "A:Text(\"\\\"Quoted,\\\" she said.\")",
                "C:Text(\"0.1\")",
                "D:Text(\"1-0\")"
            ],
        ]
    );
}
