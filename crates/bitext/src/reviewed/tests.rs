use super::*;
use crate::sheet::SheetRow;

/// A table of text cells, row by row from row 1; empty strings are empty
/// cells.
fn table(rows: &[&[&str]]) -> Table {
    Table {
        rows: rows
            .iter()
            .enumerate()
            .map(|(r, cells)| SheetRow {
                row: r as u32,
                cells: cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.is_empty())
                    .map(|(c, t)| (c as u32, Value::Text(t.to_string())))
                    .collect(),
            })
            .filter(|r| !r.cells.is_empty())
            .collect(),
        ..Table::default()
    }
}

/// (src, tgt, src_idx, tgt_idx, bead, mark) of a row.
type Pair<'a> = (&'a str, &'a str, Vec<usize>, Vec<usize>, &'a str, Mark);

fn pairs(r: &Reviewed) -> Vec<Pair<'_>> {
    r.rows
        .iter()
        .map(|m| {
            (
                m.row.src.as_str(),
                m.row.tgt.as_str(),
                m.row.src_idx.clone(),
                m.row.tgt_idx.clone(),
                m.row.bead.as_str(),
                m.mark,
            )
        })
        .collect()
}

const HEADER: &[&str] = &["en", "sq", "score", "bead", "ok"];

#[test]
fn an_edited_sheet_gives_its_rows_with_indices_beads_and_marks() {
    let t = table(&[
        HEADER,
        &["One. Two.", "Një. Dy.", "0.9000", "2-2", "ok"],
        // Row 3 deleted; row 4's target emptied: a null bead.
        &["Three.", "", "0.4000", "1-1", ""],
        // Both sides emptied: left out.
        &["", "", "0.2000", "1-1", ""],
        // A target typed into a null bead, and a mark of no.
        &["Four.", "Katër.", "0.1000", "1-0", "no"],
        // A row the reviewer added: no score, no bead.
        &["  Five.  ", "Pesë.", "", "", "X"],
    ]);
    let r = from_table(&t).unwrap();
    assert_eq!(
        pairs(&r),
        [
            (
                "One. Two.",
                "Një. Dy.",
                vec![0, 1],
                vec![0, 1],
                "2-2",
                Mark::Ok
            ),
            ("Three.", "", vec![2], vec![], "1-0", Mark::Unmarked),
            ("Four.", "Katër.", vec![3], vec![2], "1-1", Mark::No),
            ("Five.", "Pesë.", vec![4], vec![3], "1-1", Mark::Ok),
        ]
    );
    assert_eq!(r.emptied, 1);
    assert_eq!(
        r.rows.iter().map(|m| m.line).collect::<Vec<_>>(),
        [2, 3, 5, 6]
    );
    assert_eq!(
        r.rows.iter().map(|m| m.row.score).collect::<Vec<_>>(),
        [0.9, 0.4, 0.1, 1.0]
    );
    assert_eq!(r.src_lang.code.as_deref(), Some("en"));
    assert_eq!(r.tgt_lang.code.as_deref(), Some("sq"));
    assert!(r.notes.is_empty(), "{:?}", r.notes);
}

#[test]
fn columns_are_found_by_name_and_others_left_out_and_said() {
    let t = table(&[
        &["bead", "pt_br", "OK", "de", "Score", "comment"],
        &["1-1", "Olá.", "", "Hallo.", "0.5", "looks fine"],
    ]);
    let r = from_table(&t).unwrap();
    assert_eq!(r.src_lang.code.as_deref(), Some("pt-BR"));
    assert_eq!(
        (r.src_lang.column.as_str(), r.tgt_lang.column.as_str()),
        ("B", "D")
    );
    assert_eq!(pairs(&r)[0].0, "Olá.");
    assert_eq!(pairs(&r)[0].1, "Hallo.");
    assert_eq!(r.rows[0].row.score, 0.5);
    assert_eq!(
        r.notes,
        ["column F ('comment') is not one ura reads; left out"]
    );
}

#[test]
fn headers_that_name_no_language_give_none_and_rows_without_a_header_are_refused() {
    for (src, tgt) in [("und", "sq"), ("source", "target"), ("", "sq")] {
        let t = table(&[&[src, tgt, "score", "bead"], &["a", "b", "0.5", "1-1"]]);
        let r = from_table(&t).unwrap();
        assert_eq!(r.src_lang.code, None, "{src}");
        assert_eq!(r.src_lang.written, src);
    }
    // Two language codes and nothing else is a header.
    let r = from_table(&table(&[&["en", "sq"], &["a", "b"]])).unwrap();
    assert_eq!(r.rows.len(), 1);
    let err = from_table(&table(&[&["Hello.", "Tungjatjeta.", "0.98", "1-1"]])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "row 1 is not ura's header (it holds 'Hello.', 'Tungjatjeta.', '0.98', '1-1'); ura convert reads sheets whose first row is <source language>, <target language>, score, bead, as ura align writes them"
    );
    let err = from_table(&table(&[&["en", "sq", "score", "Score"]])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "two columns are named 'Score' (C and D); keep one"
    );
    assert!(matches!(
        from_table(&Table::default()),
        Err(SheetError::Shape(_))
    ));
}

#[test]
fn marks_are_ok_no_or_nothing() {
    for (mark, want) in [
        ("ok", Some(Mark::Ok)),
        ("Yes", Some(Mark::Ok)),
        ("✓", Some(Mark::Ok)),
        ("1", Some(Mark::Ok)),
        ("NO", Some(Mark::No)),
        ("n", Some(Mark::No)),
        ("  ", Some(Mark::Unmarked)),
        ("nein", None),
        ("maybe", None),
    ] {
        let t = table(&[HEADER, &["a", "b", "0.5", "1-1", mark]]);
        match (from_table(&t), want) {
            (Ok(r), Some(want)) => assert_eq!(r.rows[0].mark, want, "{mark}"),
            (Err(e), None) => assert_eq!(
                e.to_string(),
                format!("cell E2: '{mark}' in the ok column is neither ok nor no; write ok for a right pair, no to leave the row out, or nothing")
            ),
            (other, _) => panic!("{mark}: {other:?}"),
        }
    }
    let mut t = table(&[HEADER, &["a", "b"], &["c", "d"]]);
    t.rows[1].cells.push((4, Value::Bool(true)));
    t.rows[2].cells.push((4, Value::Number(0.0)));
    let r = from_table(&t).unwrap();
    assert_eq!((r.rows[0].mark, r.rows[1].mark), (Mark::Ok, Mark::No));
}

#[test]
fn scores_are_numbers_from_0_to_1() {
    for bad in ["abc", "1.5", "-0.1"] {
        let err = from_table(&table(&[HEADER, &["a", "b", "0.5"], &["c", "d", bad]])).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("cell C3: the score '{bad}' is not a number from 0 to 1; correct it, or empty the cell")
        );
    }
}

#[test]
fn merged_cells_in_the_columns_read_are_refused_elsewhere_not() {
    let mut t = table(&[HEADER, &["a", "b"], &["", "d"]]);
    let at = |row, col| Pos { row, col };
    t.merged = vec![(at(1, 0), at(2, 0))];
    assert_eq!(
        from_table(&t).unwrap_err().to_string(),
        "cells A2:A3 are merged, and a merged cell keeps only its first value; unmerge them (one text per cell) and try again"
    );
    t.merged = vec![(at(1, 6), at(2, 7))];
    assert_eq!(from_table(&t).unwrap().rows.len(), 2);
}

#[test]
fn text_cells_that_hold_other_values_are_read_as_text_or_refused() {
    let mut t = table(&[HEADER, &["", "b"], &["", "d"], &["e", "f"]]);
    t.rows[1].cells.insert(0, (0, Value::Number(2024.0)));
    t.rows[2]
        .cells
        .insert(0, (0, Value::Date("2024-03-01".into())));
    t.formulas = vec![Pos { row: 3, col: 1 }, Pos { row: 3, col: 9 }];
    let r = from_table(&t).unwrap();
    assert_eq!(pairs(&r)[0].0, "2024");
    assert_eq!(pairs(&r)[1].0, "2024-03-01");
    assert_eq!(
        r.notes,
        [
            "1 cell holds a formula; read by the values saved with them (first: B4)",
            "warning: 2 source or target cells hold a number or a date, not text (first: A2, read as 2024); check them, as a spreadsheet application may have changed what was typed",
        ]
    );
    for (value, want) in [
        (
            Value::Error("#REF!".into()),
            "cell B2: holds the error value #REF!; type the text instead",
        ),
        (
            Value::Unsaved("A1&\"!\"".into()),
            "cell B2: holds a formula (=A1&\"!\") saved without its value; open the sheet in a spreadsheet application and save it, or type the text instead",
        ),
    ] {
        let mut t = table(&[HEADER, &["a"]]);
        t.rows[1].cells.push((1, value));
        assert_eq!(from_table(&t).unwrap_err().to_string(), want);
    }
}

#[test]
fn jsonl_rows_keep_their_indices_and_follow_edits() {
    let text = concat!(
        "{\"src\":\"One.\",\"tgt\":\"Një.\",\"src_idx\":[0],\"tgt_idx\":[0],\"score\":0.9,\"bead\":\"1-1\",\"doc\":\"a.txt\"}\n",
        "\n",
        "{\"src\":\"Two.\",\"tgt\":\"\",\"src_idx\":[2],\"tgt_idx\":[1],\"score\":0.5,\"bead\":\"1-1\"}\n",
        "{\"src\":\"\",\"tgt\":\"\",\"src_idx\":[3],\"tgt_idx\":[],\"score\":0.5,\"bead\":\"1-0\"}\n",
        "{\"src\":\"Four.\",\"tgt\":\"Katër.\",\"src_idx\":[4],\"tgt_idx\":[],\"score\":0.2,\"bead\":\"1-0\"}\n",
    );
    let r = from_jsonl(text).unwrap();
    assert_eq!(
        pairs(&r),
        [
            ("One.", "Një.", vec![0], vec![0], "1-1", Mark::Unmarked),
            ("Two.", "", vec![2], vec![], "1-0", Mark::Unmarked),
            ("Four.", "Katër.", vec![4], vec![1], "1-1", Mark::Unmarked),
        ]
    );
    assert_eq!(r.rows[0].row.doc.as_deref(), Some("a.txt"));
    assert_eq!((r.emptied, r.rows[2].line), (1, 5));
    assert_eq!(r.src_lang.code, None);
    let err = from_jsonl("{\"src\":\"a\"}\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 1 is not a row of ura's JSONL (missing field"),
        "{err}"
    );
    let err = from_jsonl("{\"ura_review\":1,\"version\":3}\n").unwrap_err();
    assert!(
        err.to_string().contains("ura review FILE --export OUT"),
        "{err}"
    );
}

#[test]
fn uras_workbook_edited_reads_back_through_both_readers() {
    let row = |src: &str, tgt: &str, bead: &str| crate::rows::Row {
        src: src.into(),
        tgt: tgt.into(),
        src_idx: vec![0],
        tgt_idx: vec![0],
        score: 0.8,
        bead: bead.into(),
        ..Default::default()
    };
    let rows = [row("A.", "B.", "1-1"), row("C. D.", "E.", "2-1")];
    let (bytes, _) = crate::xlsx::write_xlsx("en-US", "sq", &rows, 0.7).unwrap();
    let r = from_table(&crate::sheet::read_xlsx(&bytes).unwrap()).unwrap();
    assert_eq!(
        pairs(&r),
        [
            ("A.", "B.", vec![0], vec![0], "1-1", Mark::Unmarked),
            ("C. D.", "E.", vec![1, 2], vec![1], "2-1", Mark::Unmarked),
        ]
    );
    assert_eq!(r.src_lang.code.as_deref(), Some("en-US"));
    assert_eq!(r.rows[1].row.score, 0.8);
}
