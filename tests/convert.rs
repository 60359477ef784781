//! `ura convert`: sheets written by `ura align`, edited by real clients
//! (openpyxl for XLSX, Python's csv module for CSV, msoffcrypto-tool to
//! encrypt one), turned back into TMX and checked with xmllint and ura's
//! TMX reader. `.ci/run` installs the Python packages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::tmx::xmllint_valid;
use crate::util::{data, have, path, stderr, stdout, temp_dir, ura};

/// Runs `ura` with a fixed TMX creation date.
fn ura_dated(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ura"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .expect("run ura")
}

/// `ura align` on the bundled pair into `out`.
fn align_into(out: &Path, extra: &[&str]) {
    let (en, sq) = (path(&data("unhcr/en.txt")), path(&data("unhcr/sq.txt")));
    let mut args = vec!["align", en.as_str(), sq.as_str(), "-o"];
    let out = path(out);
    args.push(&out);
    args.extend_from_slice(extra);
    let run = ura_dated(&args);
    assert!(run.status.success(), "{}", stderr(&run));
}

/// The bundled pair's rows as `ura align -f jsonl` gives them: (src, tgt).
fn unhcr_rows() -> Vec<(String, String)> {
    let (en, sq) = (path(&data("unhcr/en.txt")), path(&data("unhcr/sq.txt")));
    let out = ura(&["align", &en, &sq, "-f", "jsonl"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    ura_bitext::rows::read_jsonl(&stdout(&out))
        .unwrap()
        .into_iter()
        .map(|r| (r.src, r.tgt))
        .collect()
}

/// The (src, tgt) pairs of a TMX file, after checking it with xmllint and
/// that every unit is en → sq.
fn tmx_pairs(file: &Path) -> Vec<(String, String)> {
    xmllint_valid(file);
    let units = ura_bitext::tmx::read_tmx(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert!(units.iter().all(|u| u.src.0 == "en" && u.tgt.0 == "sq"));
    units.into_iter().map(|u| (u.src.1, u.tgt.1)).collect()
}

/// Runs a Python script with `args`; `None` where Python or `module` is
/// not installed (outside CI).
fn python(module: &str, script: &str, args: &[&str]) -> Option<Output> {
    if !have("python3", &["-c", &format!("import {module}")]) {
        return None;
    }
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(out)
}

#[test]
fn unedited_sheets_and_jsonl_give_the_tmx_that_align_writes() {
    let dir = temp_dir("convert-identity");
    let direct = dir.join("direct.tmx");
    align_into(&direct, &[]);
    let want = std::fs::read(&direct).unwrap();
    for ext in ["xlsx", "csv", "tsv", "jsonl"] {
        let sheet = dir.join(format!("pairs.{ext}"));
        align_into(&sheet, &[]);
        let back = dir.join(format!("from-{ext}.tmx"));
        let mut args = vec![
            "convert",
            sheet.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ];
        if ext == "jsonl" {
            args.extend(["--src-lang", "en", "--tgt-lang", "sq"]);
        }
        let out = ura_dated(&args);
        assert!(out.status.success(), "{ext}: {}", stderr(&out));
        assert_eq!(
            stderr(&out),
            format!(
                "ura: wrote 58 pairs to {}; 5 rows without a counterpart left out\n",
                back.display()
            ),
            "{ext}"
        );
        assert!(
            std::fs::read(&back).unwrap() == want,
            "{ext}: not the TMX of ura align"
        );
    }
}

/// Edits a workbook with openpyxl: `edits` is Python run with `ws` the
/// first sheet and `wb` the workbook.
fn openpyxl_edit(from: &Path, to: &Path, edits: &str) -> bool {
    let script = format!(
        "import sys, datetime, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb.active\n{edits}\nwb.save(sys.argv[2])\n"
    );
    python("openpyxl", &script, &[&path(from), &path(to)]).is_some()
}

#[test]
fn an_xlsx_edited_in_openpyxl_becomes_a_valid_tmx_of_the_edited_pairs() {
    let dir = temp_dir("convert-openpyxl");
    let (sheet, edited, tmx) = (
        dir.join("pairs.xlsx"),
        dir.join("reviewed.xlsx"),
        dir.join("tm.tmx"),
    );
    align_into(&sheet, &[]);
    let rows = unhcr_rows();
    let pairs: Vec<usize> = (0..rows.len())
        .filter(|&k| !rows[k].0.is_empty() && !rows[k].1.is_empty())
        .take(6)
        .collect();
    // Sheet row of the k-th bead (a header first, rows from 1).
    let at = |k: usize| k + 2;
    let edits = format!(
        "ws['B{edit}'] = 'Edited target.'\n\
         ws['B{empty}'] = None\n\
         ws['E{no}'] = 'no'\n\
         ws['E{ok}'] = 'ok'\n\
         ws['B{number}'] = 2024\n\
         ws['F1'] = 'comment'\nws['F{ok}'] = 'checked'\n\
         ws.delete_rows({delete})",
        edit = at(pairs[0]),
        delete = at(pairs[1]),
        empty = at(pairs[2]),
        no = at(pairs[3]),
        ok = at(pairs[4]),
        number = at(pairs[5]),
    );
    if !openpyxl_edit(&sheet, &edited, &edits) {
        return;
    }
    let mut want = rows.clone();
    want[pairs[0]].1 = "Edited target.".into();
    want[pairs[2]].1 = String::new();
    want[pairs[5]].1 = "2024".into();
    let want: Vec<(String, String)> = want
        .into_iter()
        .enumerate()
        .filter(|(k, _)| *k != pairs[1] && *k != pairs[3])
        .map(|(_, p)| p)
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .collect();
    let out = ura(&["convert", &path(&edited), "-o", &path(&tmx)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let name = path(&edited);
    assert_eq!(
        stderr(&out),
        format!(
            "ura: note: {name}: column F ('comment') is not one ura reads; left out\n\
             ura: warning: {name}: 1 source or target cell holds a number or a date, not text (first: B{}, read as 2024); check them, as a spreadsheet application may have changed what was typed\n\
             ura: wrote {} pairs to {}; 6 rows without a counterpart left out; 1 row marked ok; 1 row marked no left out\n",
            at(pairs[5]) - 1,
            want.len(),
            path(&tmx)
        )
    );
    assert_eq!(tmx_pairs(&tmx), want);
    // --reviewed-only keeps the one row marked ok.
    let out = ura(
        &[
            "convert",
            &path(&edited),
            "-o",
            &path(&tmx),
            "--reviewed-only",
            "-q",
        ],
        None,
    );
    assert!(out.status.success() && stderr(&out).lines().count() == 2);
    assert_eq!(tmx_pairs(&tmx), [rows[pairs[4]].clone()]);
}

#[test]
fn xlsx_that_openpyxl_made_unlike_uras_are_read_or_refused_in_one_line() {
    let dir = temp_dir("convert-openpyxl-bad");
    let sheet = dir.join("pairs.xlsx");
    align_into(&sheet, &[]);
    let cases: &[(&str, &str, Result<&str, &str>)] = &[
        (
            "formula",
            "ws['B2'] = '=A2'",
            Err("cell B2: holds a formula (=A2) saved without its value; open the sheet in a spreadsheet application and save it, or type the text instead"),
        ),
        (
            "merged",
            "ws.merge_cells('A4:A5')",
            Err("cells A4:A5 are merged, and a merged cell keeps only its first value; unmerge them (one text per cell) and try again"),
        ),
        (
            "no-header",
            "ws.delete_rows(1)",
            Err("row 1 is not ura's header (it holds"),
        ),
        (
            "sheets",
            "wb.create_sheet('notes')",
            Ok("note: {name}: the workbook has 2 sheets; reading the first, 'pairs'"),
        ),
        (
            "date",
            "ws['A2'] = datetime.date(2024, 3, 1)",
            Ok("(first: A2, read as 2024-03-01)"),
        ),
        (
            "mark",
            "ws['E2'] = 'nein'",
            Err("cell E2: 'nein' in the ok column is neither ok nor no"),
        ),
        (
            "und",
            "ws['A1'] = 'und'",
            Err("cannot tell the source language of {name}: the header of column A says und (not known); set --src-lang"),
        ),
    ];
    for (case, edit, want) in cases {
        let edited = dir.join(format!("{case}.xlsx"));
        if !openpyxl_edit(&sheet, &edited, edit) {
            return;
        }
        let tmx = dir.join(format!("{case}.tmx"));
        let out = ura(&["convert", &path(&edited), "-o", &path(&tmx)], None);
        let err = stderr(&out);
        let name = path(&edited);
        match want {
            Ok(said) => {
                assert!(out.status.success(), "{case}: {err}");
                assert!(
                    err.contains(&said.replace("{name}", &name)),
                    "{case}: {err}"
                );
                assert!(!tmx_pairs(&tmx).is_empty());
            }
            Err(said) => {
                assert!(!out.status.success(), "{case}");
                assert_eq!(err.lines().count(), 1, "{case}: {err}");
                let said = said.replace("{name}", &name);
                assert!(
                    err.starts_with(&format!("ura: {name}: {said}"))
                        || err.starts_with(&format!("ura: {said}")),
                    "{case}: {err}"
                );
                assert!(!tmx.exists(), "{case}");
            }
        }
    }
    // A language flag stands in for the header's.
    let edited = dir.join("und.xlsx");
    let out = ura(
        &[
            "convert",
            &path(&edited),
            "-o",
            &path(&dir.join("und.tmx")),
            "--src-lang",
            "en",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_csv_for_excel_edited_in_python_comes_back_with_its_formulas_as_text() {
    let dir = temp_dir("convert-csv");
    let (src, tgt) = (dir.join("en.txt"), dir.join("sq.txt"));
    std::fs::write(
        &src,
        "=1+2 is a formula.\n\n@SUM(A1) too, \"quoted\".\n\n-3 degrees today.\n",
    )
    .unwrap();
    std::fs::write(
        &tgt,
        "=1+2 është formulë.\n\n@SUM(A1) gjithashtu, \"në thonjëza\".\n\n-3 gradë sot.\n",
    )
    .unwrap();
    let csv_file = dir.join("pairs.csv");
    let out = ura(
        &[
            "align",
            &path(&src),
            &path(&tgt),
            "-o",
            &path(&csv_file),
            "--excel",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // As a spreadsheet application saves it: a BOM, CRLF, every cell quoted.
    let script = "import sys, csv\n\
        rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n\
        rows[2][1] = \"'@SUM(A1) edited, \\\"yes\\\".\"\n\
        del rows[3]\n\
        csv.writer(open(sys.argv[2], 'w', encoding='utf-8-sig', newline=''), quoting=csv.QUOTE_ALL).writerows(rows)";
    let edited = dir.join("reviewed.csv");
    if python("csv", script, &[&path(&csv_file), &path(&edited)]).is_none() {
        return;
    }
    let tmx = dir.join("tm.tmx");
    let out = ura(&["convert", &path(&edited), "-o", &path(&tmx)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        tmx_pairs(&tmx),
        [
            (
                "=1+2 is a formula.".to_string(),
                "=1+2 është formulë.".to_string()
            ),
            (
                "@SUM(A1) too, \"quoted\".".into(),
                "@SUM(A1) edited, \"yes\".".into()
            ),
        ]
    );
}

#[test]
fn tsv_edited_by_hand_converts_to_every_format() {
    let dir = temp_dir("convert-tsv");
    let tsv = dir.join("pairs.tsv");
    align_into(&tsv, &[]);
    let text = std::fs::read_to_string(&tsv).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Delete the second data line; empty the target of the first.
    lines.remove(2);
    let mut first: Vec<&str> = lines[1].split('\t').collect();
    first[1] = "";
    lines[1] = first.join("\t");
    let edited = dir.join("edited.tsv");
    std::fs::write(&edited, lines.join("\n") + "\n").unwrap();
    let rows = unhcr_rows();
    let want: Vec<(String, String)> = rows
        .iter()
        .skip(2)
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .cloned()
        .collect();
    let tmx = dir.join("tm.tmx");
    let out = ura(&["convert", &path(&edited), "-o", &path(&tmx)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(tmx_pairs(&tmx), want);
    // Parallel text, JSONL and XLSX from the same sheet.
    let prefix = dir.join("corpus");
    let out = ura(
        &[
            "convert",
            &path(&edited),
            "-f",
            "moses",
            "-o",
            &path(&prefix),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let en = std::fs::read_to_string(dir.join("corpus.en")).unwrap();
    let sq = std::fs::read_to_string(dir.join("corpus.sq")).unwrap();
    let moses: Vec<(String, String)> = en
        .lines()
        .zip(sq.lines())
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(moses, want);
    let jsonl = dir.join("back.jsonl");
    let out = ura(&["convert", &path(&edited), "-o", &path(&jsonl)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let back = ura_bitext::rows::read_jsonl(&std::fs::read_to_string(&jsonl).unwrap()).unwrap();
    assert_eq!(back.len(), rows.len() - 1);
    assert_eq!(
        (back[0].src_idx.len(), back[0].tgt_idx.len()),
        (1, 0),
        "the emptied target"
    );
    let indices: Vec<usize> = back.iter().flat_map(|r| r.src_idx.clone()).collect();
    assert_eq!(
        indices,
        (0..indices.len()).collect::<Vec<_>>(),
        "indices count the file's sentences"
    );
    let xlsx = dir.join("back.xlsx");
    let out = ura(
        &[
            "convert",
            &path(&jsonl),
            "-o",
            &path(&xlsx),
            "--src-lang",
            "en",
            "--tgt-lang",
            "sq",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let again = dir.join("again.tmx");
    let out = ura(&["convert", &path(&xlsx), "-o", &path(&again)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(tmx_pairs(&again), want);
}

#[test]
fn files_that_are_not_uras_sheets_are_one_line_errors() {
    let dir = temp_dir("convert-bad");
    let zip_of = |name: &str| {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(b"<x/>").unwrap();
        w.finish().unwrap().into_inner()
    };
    let ole = |stream: &str| -> Vec<u8> {
        let mut b = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        b
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("encrypted.xlsx", ole("EncryptedPackage"), "a password-protected Office document; remove the password"),
        ("legacy.xls", ole("Workbook"), "an Excel 97–2003 workbook or another legacy Office file; save the sheet as .xlsx"),
        ("sheet.ods", zip_of("content.xml"), "an OpenDocument file (.ods or .odt); save the sheet as .xlsx"),
        ("letter.docx", zip_of("word/document.xml"), "a Word document, not a spreadsheet"),
        ("truncated.xlsx", b"PK\x03\x04\x14\x00".to_vec(), "a damaged or truncated workbook"),
        ("paper.pdf", b"%PDF-1.7\n%...".to_vec(), "a pdf document, not a spreadsheet; ura convert reads the XLSX, CSV, TSV and JSONL files ura writes"),
        ("tm.tmx", b"<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body/></tmx>".to_vec(), "not a spreadsheet (this is a TMX file, already aligned"),
        ("binary.csv", vec![0, 159, 146, 150, 0, 1, 2], "looks like a binary file"),
        ("prose.txt", b"Once upon a time there was a sheet.\nIt had no header.\n".to_vec(), "row 1 is not ura's header (it holds 'Once upon a time there was a sheet.')"),
        ("other.csv", b"id,text,lang\n1,Hello,en\n".to_vec(), "row 1 is not ura's header (it holds 'id', 'text', 'lang')"),
        ("empty.csv", Vec::new(), "the sheet is empty: no header and no pairs"),
        ("review.jsonl", b"{\"ura_review\":1,\"version\":0}\n".to_vec(), "a review file of ura review; export it with ura review FILE --export OUT"),
        ("broken.jsonl", b"{\"src\": \"a\", \"tgt\": \n".to_vec(), "line 1 is not a row of ura's JSONL"),
        ("score.tsv", b"en\tsq\tscore\tbead\na\tb\thigh\t1-1\n".to_vec(), "cell C2: the score 'high' is not a number from 0 to 1"),
    ];
    for (name, bytes, want) in cases {
        let file = dir.join(name);
        std::fs::write(&file, &bytes).unwrap();
        let tmx = dir.join(format!("{name}.tmx"));
        let out = ura(&["convert", &path(&file), "-o", &path(&tmx)], None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            err.starts_with(&format!("ura: {}: ", path(&file))),
            "{name}: {err}"
        );
        assert!(err.contains(want), "{name}: {err}");
        assert!(!tmx.exists(), "{name}");
    }
}

#[test]
fn csv_in_windows_1252_and_utf16_tsv_as_excel_saves_them_are_read() {
    let dir = temp_dir("convert-encodings");
    // Excel's "CSV" is in the ANSI code page; its "Unicode Text" is
    // UTF-16LE with a BOM, tab-separated.
    let csv_file = dir.join("ansi.csv");
    std::fs::write(
        &csv_file,
        b"fr,de,score,bead\r\nLe caf\xE9 est ferm\xE9 \xE0 cette heure.,Das Caf\xE9 ist um diese Zeit geschlossen.,0.9,1-1\r\n",
    )
    .unwrap();
    let tsv_file = dir.join("unicode.txt");
    let tsv: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "en\tsq\tscore\tbead\r\nGood morning.\tMirëmëngjes.\t0.8\t1-1\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(&tsv_file, tsv).unwrap();
    for (file, pair, note) in [
        (
            &csv_file,
            (
                "Le café est fermé à cette heure.",
                "Das Café ist um diese Zeit geschlossen.",
            ),
            true,
        ),
        (&tsv_file, ("Good morning.", "Mirëmëngjes."), false),
    ] {
        let out = ura(&["convert", &path(file), "-f", "jsonl"], None);
        assert!(out.status.success(), "{}", stderr(&out));
        let rows = ura_bitext::rows::read_jsonl(&stdout(&out)).unwrap();
        assert_eq!((rows[0].src.as_str(), rows[0].tgt.as_str()), pair);
        assert_eq!(
            stderr(&out).contains(
                "is not UTF-8; read as windows-1252 (detected; --encoding NAME overrides)"
            ),
            note,
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_workbook_encrypted_by_msoffcrypto_says_to_remove_the_password() {
    let dir = temp_dir("convert-encrypted");
    let (sheet, locked) = (dir.join("pairs.xlsx"), dir.join("locked.xlsx"));
    align_into(&sheet, &[]);
    let script = "import sys, runpy\n\
        sys.argv = ['msoffcrypto', '-e', '-p', 'secret', sys.argv[1], sys.argv[2]]\n\
        runpy.run_module('msoffcrypto', run_name='__main__')";
    if python("msoffcrypto", script, &[&path(&sheet), &path(&locked)]).is_none() {
        return;
    }
    let out = ura(
        &["convert", &path(&locked), "-o", &path(&dir.join("tm.tmx"))],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "ura: {}: a password-protected Office document; remove the password (save a copy without it) and try again\n",
            path(&locked)
        )
    );
}

#[test]
fn outputs_are_checked_before_the_input_is_read() {
    let dir = temp_dir("convert-output");
    let sheet: PathBuf = dir.join("pairs.tsv");
    align_into(&sheet, &[]);
    for (args, code, want) in [
        (vec!["-o", sheet.to_str().unwrap()], 2, "is the input"),
        (
            vec!["-o", "no-such-dir/tm.tmx"],
            1,
            "the folder no-such-dir does not exist",
        ),
        (
            vec!["-o", "tm.html"],
            2,
            "ura convert writes tmx, tsv, csv, jsonl, xlsx or moses",
        ),
        (vec!["-f", "moses"], 2, "-o PREFIX"),
        (
            vec!["-o", "tm.docx"],
            2,
            "cannot tell the output format of tm.docx",
        ),
    ] {
        let mut all = vec!["convert", sheet.to_str().unwrap()];
        all.extend(args.iter().copied());
        let out = ura(&all, None);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    }
    // The input is not read: a missing one is not what is said.
    let out = ura(&["convert", "no-such.xlsx", "-o", "tm.html"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(std::fs::read_to_string(&sheet)
        .unwrap()
        .starts_with("en\tsq\tscore\tbead\n"));
}
