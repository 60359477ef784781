//! Hostile inputs: each with the expected exit code and message, no
//! panic, no partial output, no sentence lost. (Inputs of tens of
//! megabytes are measured in release mode by `scripts/hostile-scale.sh`.)

use std::path::{Path, PathBuf};

use crate::util::{path, stderr, stdout, temp_dir, ura};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Runs `ura align ... -f jsonl`, expects success, and returns the beads'
/// (src_idx, tgt_idx) after checking that they cover both sides in order.
fn align_ok(src: &Path, tgt: &Path, extra: &[&str]) -> (Vec<serde_json::Value>, String) {
    let mut args = vec![
        "align".to_string(),
        path(src),
        path(tgt),
        "-f".into(),
        "jsonl".into(),
        // The warnings are what these tests read, not the summary.
        "--quiet".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = ura(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let beads: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (mut i, mut j) = (0u64, 0u64);
    for b in &beads {
        for (key, next) in [("src_idx", &mut i), ("tgt_idx", &mut j)] {
            for x in b[key].as_array().unwrap() {
                assert_eq!(x.as_u64().unwrap(), *next, "sentences out of order or lost");
                *next += 1;
            }
        }
    }
    (beads, stderr(&out))
}

/// Expects a one-line `ura:` error naming `file`, exit 1.
fn fails_with(args: &[&str], file: &str, message: &str) {
    let out = ura(args, None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("ura: ") && last.contains(file) && last.contains(message),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn empty_and_whitespace_only_files_give_no_pairs() {
    let dir = temp_dir("hostile-empty");
    let (a, b) = (
        write(&dir, "en.txt", b""),
        write(&dir, "sq.txt", b" \n\t\r\n  \n"),
    );
    let (beads, err) = align_ok(&a, &b, &[]);
    assert!(beads.is_empty());
    assert_eq!(
        err,
        format!(
            "ura: warning: neither {} nor {} has any sentence; the output holds no pairs\n",
            path(&a),
            path(&b)
        )
    );
    let out = ura(&["split", &path(&b)], None);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
}

#[test]
fn one_empty_side_leaves_every_sentence_of_the_other_unaligned_with_a_warning() {
    let dir = temp_dir("hostile-one-empty");
    let (full, empty) = (
        write(
            &dir,
            "en.txt",
            b"One sentence here. Another one.\n\nA third.\n",
        ),
        write(&dir, "sq.txt", b" \n"),
    );
    for (src, tgt, key) in [(&full, &empty, "src_idx"), (&empty, &full, "tgt_idx")] {
        let (beads, err) = align_ok(src, tgt, &[]);
        assert_eq!(beads.len(), 3);
        assert!(beads.iter().all(|b| b[key].as_array().unwrap().len() == 1));
        assert_eq!(
            err.trim_end(),
            format!(
                "ura: warning: {} has no sentences; the 3 sentences of {} are left without a counterpart",
                path(&empty),
                path(&full)
            )
        );
    }
    // The same in a batch and in streaming mode.
    let input = "{\"id\": 7, \"src\": \"One. Two.\", \"tgt\": \"\"}\n";
    let out = ura(&["batch", "--jsonl", "-"], Some(input.as_bytes()));
    assert!(out.status.success());
    assert_eq!(stdout(&out).lines().count(), 2);
    assert!(
        stderr(&out).contains("ura: warning: the target of input line 1 has no sentences"),
        "{}",
        stderr(&out)
    );
    let manifest = write(&dir, "pairs.csv", b"src,tgt\nen.txt,sq.txt\n");
    let all = dir.join("all.jsonl");
    let out = ura(
        &["batch", "--manifest", &path(&manifest), "-o", &path(&all)],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("sq.txt has no sentences; the 3 sentences of"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_same_file_twice_aligns_every_sentence_with_itself() {
    let dir = temp_dir("hostile-twice");
    let a = write(
        &dir,
        "en.txt",
        b"One sentence here. Another one there.\n\nA third, in a new paragraph.\n",
    );
    let (beads, _) = align_ok(&a, &a, &["--tgt-lang", "en"]);
    assert_eq!(beads.len(), 3);
    assert!(beads
        .iter()
        .all(|b| b["src_idx"] == b["tgt_idx"] && b["bead"] == "1-1"));
}

#[test]
fn invalid_utf8_at_start_middle_and_end() {
    let dir = temp_dir("hostile-utf8");
    let ok = write(&dir, "sq.txt", "Një fjali.".as_bytes());
    for (name, bytes, offset) in [
        // Each holds a valid multi-byte sequence (ë), so it is damaged
        // UTF-8, which no legacy encoding explains.
        ("start.txt", &b"\xFFabc \xC3\xAB. def."[..], 0),
        ("middle.txt", &b"abc \xC3\xAB. \xC3( def."[..], 8),
        ("end.txt", &b"abc \xC3\xAB. def.\xE2\x82"[..], 12),
    ] {
        let bad = write(&dir, name, bytes);
        fails_with(
            &["align", "--src-lang", "en", &path(&bad), &path(&ok)],
            name,
            &format!("invalid UTF-8 at byte {offset}"),
        );
        fails_with(
            &["split", "--lang", "en", &path(&bad)],
            name,
            &format!("invalid UTF-8 at byte {offset}"),
        );
    }
}

#[test]
fn utf16_without_bom_and_lone_surrogates() {
    let dir = temp_dir("hostile-utf16");
    let no_bom: Vec<u8> = "Hello there."
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let f = write(&dir, "nobom.txt", &no_bom);
    let out = ura(&["split", "--lang", "en", &path(&f)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Hello there.\n");
    assert!(
        stderr(&out).contains("nobom.txt is not UTF-8; read as UTF-16LE (detected"),
        "{}",
        stderr(&out)
    );
    let mut lone = vec![0xFF, 0xFE];
    lone.extend("Hi ".encode_utf16().flat_map(u16::to_le_bytes));
    lone.extend(0xD800u16.to_le_bytes());
    lone.extend("x".encode_utf16().flat_map(u16::to_le_bytes));
    let f = write(&dir, "lone.txt", &lone);
    fails_with(
        &["split", "--lang", "en", &path(&f)],
        "lone.txt",
        "invalid UTF-16 at byte 8",
    );
}

#[test]
fn control_bidi_rtl_emoji_and_nfd_text_keep_every_sentence() {
    let dir = temp_dir("hostile-chars");
    let src = "Bell\u{7} and escape\u{1b} here. \u{202E}Reversed\u{202C} text. Emoji 👩‍👩‍👧 family. Cafe\u{301} au lait.\n";
    let tgt = "Zile\u{7} dhe arratisje. \u{202E}Tekst\u{202C} i kthyer. Emoji 👩‍👩‍👧 familje. Kafe\u{301} me qumësht.\n";
    let (a, b) = (
        write(&dir, "en.txt", src.as_bytes()),
        write(&dir, "sq.txt", tgt.as_bytes()),
    );
    let (beads, _) = align_ok(&a, &b, &[]);
    assert_eq!(beads.len(), 4);
    assert_eq!(beads[3]["src"], "Café au lait.", "NFC output");
    // The splitter's spans point at the original (NFD) bytes.
    let out = ura(&["split", "--format", "jsonl", &path(&a)], None);
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert!(src.is_char_boundary(s) && src.is_char_boundary(e));
    }
}

#[test]
fn rtl_pair_aligns() {
    let dir = temp_dir("hostile-rtl");
    let a = write(
        &dir,
        "ar.txt",
        "مرحبا بكم في تيرانا. الاجتماع في 9 أكتوبر 2017.\n".as_bytes(),
    );
    let b = write(
        &dir,
        "he.txt",
        "ברוכים הבאים לטירנה. הפגישה ב-9 באוקטובר 2017.\n".as_bytes(),
    );
    let (beads, err) = align_ok(&a, &b, &[]);
    assert_eq!(beads.len(), 2, "{beads:?}");
    // Arabic has rules of its own (crates/segment/rules/ar.txt); Hebrew
    // gets the generic ones.
    assert!(err.contains("no rules for language 'he'"), "{err}");
    assert!(!err.contains("no rules for language 'ar'"), "{err}");
}

#[test]
fn one_sentence_against_ten_thousand() {
    let dir = temp_dir("hostile-1-vs-10k");
    let a = write(&dir, "en.txt", b"Only one sentence on this side.\n");
    let many: String = (0..10_000)
        .map(|k| format!("Fjalia numër {k}.\n"))
        .collect();
    let b = write(&dir, "sq.txt", many.as_bytes());
    let (beads, _) = align_ok(&a, &b, &[]);
    let src_total: usize = beads
        .iter()
        .map(|b| b["src_idx"].as_array().unwrap().len())
        .sum();
    let tgt_total: usize = beads
        .iter()
        .map(|b| b["tgt_idx"].as_array().unwrap().len())
        .sum();
    assert_eq!((src_total, tgt_total), (1, 10_000));
}

#[test]
fn twenty_thousand_paragraphs_and_a_long_line_split_losslessly() {
    let dir = temp_dir("hostile-paragraphs");
    let paras: String = (0..20_000)
        .map(|k| format!("Paragraph {k} has one sentence.\n\n"))
        .collect();
    let f = write(&dir, "en.txt", paras.as_bytes());
    let out = ura(&["split", "--format", "jsonl", &path(&f)], None);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 20_000);
    assert_eq!(lines[19_999]["paragraph"], 19_999);
    // Two megabytes without a line break.
    let long = "word. Another, word; x.y ".repeat(80_000);
    let f = write(&dir, "long.txt", long.as_bytes());
    let out = ura(
        &["split", "--lang", "en", "--format", "jsonl", &path(&f)],
        None,
    );
    assert!(out.status.success());
    let covered: usize = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| {
            long[v["start"].as_u64().unwrap() as usize..v["end"].as_u64().unwrap() as usize].len()
        })
        .sum();
    let non_space = long.split_whitespace().map(str::len).sum::<usize>();
    assert!(covered >= non_space, "text lost: {covered} < {non_space}");
}

#[test]
fn unwritable_outputs_are_one_line_errors() {
    let dir = temp_dir("hostile-out");
    let a = write(&dir, "en.txt", b"One.\n");
    let b = write(&dir, "sq.txt", b"Nje.\n");
    // A directory as the output, and a path under /proc (read-only even
    // for root).
    fails_with(
        &[
            "align",
            &path(&a),
            &path(&b),
            "-f",
            "tsv",
            "-o",
            &path(&dir),
        ],
        &path(&dir),
        "cannot write",
    );
    fails_with(
        &["align", &path(&a), &path(&b), "-o", "/proc/ura-test.tsv"],
        "/proc/ura-test.tsv",
        "cannot write",
    );
}
