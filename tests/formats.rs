//! CSV and parallel plain text from `ura align`.

use std::path::Path;
use std::process::Command;

use crate::util::{data, stderr, temp_dir, ura};

fn path(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_string()
}

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
    let out = ura(
        &[
            "align",
            &path(&data("unhcr/en.txt")),
            &path(&data("unhcr/sq.txt")),
            "--excel",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--excel applies to CSV output only"));
}

#[test]
fn moses_writes_two_line_aligned_files() {
    let dir = temp_dir("moses");
    let prefix = dir.join("corpus");
    let out = ura(
        &[
            "align",
            &path(&data("unhcr/en.txt")),
            &path(&data("unhcr/sq.txt")),
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
    assert_eq!(en.lines().count(), 59);
    assert_eq!(sq.lines().count(), 59);
    assert!(en
        .lines()
        .zip(sq.lines())
        .all(|(a, b)| !a.is_empty() && !b.is_empty()));
    let out = ura(
        &[
            "align",
            &path(&data("unhcr/en.txt")),
            &path(&data("unhcr/sq.txt")),
            "-f",
            "moses",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("-o PREFIX"));
}
