//! CSV and parallel plain text from `ura align`.

use std::path::Path;
use std::process::Command;

use crate::util::{align_unhcr, data, have, path, stderr, temp_dir, ura};

/// A pair whose cells would run as spreadsheet formulas.
fn formula_pair(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (src, tgt) = (dir.join("en.txt"), dir.join("sq.txt"));
    std::fs::write(
        &src,
        "=1+2 is a formula.\n\n@SUM(A1) too, \"quoted\", with commas.\n\n-3 degrees today.\n",
    )
    .unwrap();
    std::fs::write(&tgt, "=1+2 është formulë.\n\n@SUM(A1) gjithashtu, \"në thonjëza\", me presje.\n\n-3 gradë sot.\n").unwrap();
    (src, tgt)
}

/// Rows of a CSV file as Python's csv module reads them.
fn python_csv_rows(file: &Path) -> Option<Vec<Vec<String>>> {
    let script = "import sys, csv, json\n\
        with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n    print(json.dumps(list(csv.reader(f))))";
    let out = Command::new("python3")
        .args(["-c", script, &path(file)])
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn csv_has_a_header_and_quotes_what_it_must() {
    let dir = temp_dir("csv-plain");
    let (src, tgt) = formula_pair(&dir);
    let out_file = dir.join("pairs.csv");
    let out = ura(
        &["align", &path(&src), &path(&tgt), "-o", &path(&out_file)],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&out_file).unwrap();
    assert!(
        !bytes.starts_with("\u{feff}".as_bytes()),
        "no BOM by default"
    );
    let Some(rows) = python_csv_rows(&out_file) else {
        return;
    };
    assert_eq!(rows[0], ["en", "sq", "score", "bead"]);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][0], "=1+2 is a formula.");
    assert_eq!(
        rows[2][1],
        "@SUM(A1) gjithashtu, \"në thonjëza\", me presje."
    );
}

#[test]
fn excel_csv_has_a_bom_and_neutralises_formulas() {
    let dir = temp_dir("csv-excel");
    let (src, tgt) = formula_pair(&dir);
    let out_file = dir.join("pairs.csv");
    let out = ura(
        &[
            "align",
            &path(&src),
            &path(&tgt),
            "-o",
            &path(&out_file),
            "--excel",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&out_file)
        .unwrap()
        .starts_with("\u{feff}".as_bytes()));
    let Some(rows) = python_csv_rows(&out_file) else {
        return;
    };
    let cells: Vec<&String> = rows.iter().skip(1).flat_map(|r| r.iter().take(2)).collect();
    assert_eq!(cells.len(), 6);
    assert!(cells.iter().all(|c| c.starts_with('\'')), "{cells:?}");
    assert_eq!(rows[1][0], "'=1+2 is a formula.");
}

#[test]
fn excel_flag_needs_csv_output() {
    let out = align_unhcr(&["--excel"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--excel applies to CSV output only"));
}

#[test]
fn the_output_format_is_settled_before_the_inputs_are_read() {
    // The inputs do not exist: the format errors come first, so a book is
    // not aligned only to fail at the end.
    for (args, want) in [
        (
            &["-o", "out.docx"][..],
            "cannot tell the output format of out.docx from its extension '.docx'",
        ),
        (
            &["-o", "out"],
            "cannot tell the output format of out (no extension)",
        ),
        (
            &["--excel", "-f", "tmx"],
            "--excel applies to CSV output only",
        ),
    ] {
        let out = ura(
            &[&["align", "no-such-en.txt", "no-such-sq.txt"], args].concat(),
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn moses_writes_two_line_aligned_files() {
    let dir = temp_dir("moses");
    let prefix = dir.join("corpus");
    let out = align_unhcr(&["-f", "moses", "-o", &path(&prefix)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let en = std::fs::read_to_string(dir.join("corpus.en")).unwrap();
    let sq = std::fs::read_to_string(dir.join("corpus.sq")).unwrap();
    assert_eq!(en.lines().count(), 58);
    assert_eq!(sq.lines().count(), 58);
    assert!(en
        .lines()
        .zip(sq.lines())
        .all(|(a, b)| !a.is_empty() && !b.is_empty()));
    let out = align_unhcr(&["-f", "moses"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-o PREFIX"));
}

#[test]
fn xlsx_opens_in_openpyxl_with_string_cells_a_frozen_header_and_highlights() {
    let dir = temp_dir("xlsx");
    let (src, tgt) = formula_pair(&dir);
    let out_file = dir.join("review.xlsx");
    let out = ura(
        &["align", &path(&src), &path(&tgt), "-o", &path(&out_file)],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let script = "import sys, json, openpyxl\n\
        ws = openpyxl.load_workbook(sys.argv[1]).active\n\
        rows = [[c.value for c in r] for r in ws.iter_rows()]\n\
        types = [ws.cell(row=2, column=1).data_type, ws.cell(row=2, column=3).data_type]\n\
        dv = [[str(d.sqref), d.formula1] for d in ws.data_validations.dataValidation]\n\
        print(json.dumps({'rows': rows, 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'types': types, 'dv': dv}))";
    if !have("python3", &["-c", "import openpyxl"]) {
        return;
    }
    let run = Command::new("python3")
        .args(["-c", script, &path(&out_file)])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        v["rows"][0],
        serde_json::json!(["en", "sq", "score", "bead", "ok"])
    );
    assert_eq!(
        v["rows"][1][0], "=1+2 is a formula.",
        "a string, not a formula"
    );
    assert_eq!(v["types"], serde_json::json!(["s", "n"]));
    assert_eq!(v["freeze"], "A2");
    assert_eq!(v["filter"], "A1:E4");
    assert_eq!(
        v["rows"][1][4],
        serde_json::Value::Null,
        "the ok column is empty"
    );
    assert_eq!(v["dv"], serde_json::json!([["E2:E4", "\"ok,no\""]]));
}

#[test]
fn legacy_encoding_aligns_like_utf8() {
    let dir = temp_dir("encoding");
    let (src, tgt) = (dir.join("fr.txt"), dir.join("de.txt"));
    std::fs::write(&src, b"Le caf\xE9 est ferm\xE9. Il ouvre \xE0 9 heures.\n").unwrap();
    std::fs::write(
        &tgt,
        b"Das Caf\xE9 ist geschlossen. Es \xF6ffnet um 9 Uhr.\n",
    )
    .unwrap();
    let out = ura(
        &[
            "align",
            "--encoding",
            "windows-1252",
            &path(&src),
            &path(&tgt),
            "-f",
            "jsonl",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Le café est fermé.") && text.contains("Es öffnet um 9 Uhr."),
        "{text}"
    );
    // Without --encoding, the encoding is detected, and said.
    let sniffed = ura(&["align", &path(&src), &path(&tgt), "-f", "jsonl"], None);
    assert!(sniffed.status.success(), "{}", stderr(&sniffed));
    assert_eq!(String::from_utf8(sniffed.stdout.clone()).unwrap(), text);
    let err = stderr(&sniffed);
    assert!(
        err.contains("fr.txt is not UTF-8; read as windows-1252 (detected")
            && err.contains("de.txt is not UTF-8; read as windows-1252 (detected"),
        "{err}"
    );
}

#[test]
fn utf16_and_crlf_inputs_align_like_utf8() {
    let dir = temp_dir("utf16-crlf");
    let en = std::fs::read_to_string(data("unhcr/en.txt")).unwrap();
    let sq = std::fs::read_to_string(data("unhcr/sq.txt")).unwrap();
    let utf16le = |s: &str| -> Vec<u8> {
        [0xFF, 0xFE]
            .into_iter()
            .chain(
                s.replace('\n', "\r\n")
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect()
    };
    let (en16, sq_crlf) = (dir.join("en.txt"), dir.join("sq.txt"));
    std::fs::write(&en16, utf16le(&en)).unwrap();
    std::fs::write(&sq_crlf, sq.replace('\n', "\r\n")).unwrap();
    let plain = align_unhcr(&["-f", "jsonl"]);
    let other = ura(
        &["align", &path(&en16), &path(&sq_crlf), "-f", "jsonl"],
        None,
    );
    assert!(other.status.success(), "{}", stderr(&other));
    assert_eq!(
        String::from_utf8(other.stdout).unwrap(),
        String::from_utf8(plain.stdout).unwrap()
    );
}

#[test]
fn failed_writes_leave_no_partial_file_and_keep_the_old_one() {
    let dir = temp_dir("safe-write");
    let (en, sq) = (path(&data("unhcr/en.txt")), path(&data("unhcr/sq.txt")));
    // A missing directory: one line, nothing written.
    let missing = dir.join("no/such/dir/out.tmx");
    let out = ura(&["align", &en, &sq, "-o", &path(&missing)], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.lines().last().unwrap().starts_with("ura: cannot write"),
        "{err}"
    );
    assert!(!missing.exists());
    // A failing run (--excel with TMX output) keeps an existing output as
    // it was.
    let existing = dir.join("out.tmx");
    std::fs::write(&existing, "previous complete file").unwrap();
    let out = ura(
        &["align", "--excel", &en, &sq, "-o", &path(&existing)],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&existing).unwrap(),
        "previous complete file"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn full_disk_is_a_one_line_error() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let out = align_unhcr(&["-f", "tsv", "-o", "/dev/full"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("ura: cannot write /dev/full"), "{err}");
}

#[test]
fn binary_input_is_a_one_line_error_naming_the_file() {
    let dir = temp_dir("binary");
    let (src, tgt) = (dir.join("en.txt"), dir.join("sq.txt"));
    std::fs::write(&src, b"\x7fELF\x02\x01\x01\x00\x00binary").unwrap();
    std::fs::write(&tgt, "Një fjali.").unwrap();
    let out = ura(&["align", &path(&src), &path(&tgt)], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("en.txt") && err.contains("looks like a binary file (NUL byte at 7)"),
        "{err}"
    );
}
