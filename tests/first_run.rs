//! A new user's first runs: languages from file names and texts, outputs
//! that never overwrite an input, legacy encodings, and the CLI's
//! contract (exit codes, one-line messages).

use std::path::{Path, PathBuf};

use crate::util::{data, path, stderr, stdout, temp_dir, ura};

/// The bundled pair copied under new names into a fresh folder.
fn pair_named(dir: &str, src_name: &str, tgt_name: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(dir);
    let (src, tgt) = (dir.join(src_name), dir.join(tgt_name));
    std::fs::copy(data("unhcr/en.txt"), &src).unwrap();
    std::fs::copy(data("unhcr/sq.txt"), &tgt).unwrap();
    (src, tgt)
}

/// The `xml:lang` codes of a TMX file's first unit.
fn tmx_langs(file: &Path) -> (String, String) {
    let units = ura_bitext::tmx::read_tmx(&std::fs::read_to_string(file).unwrap()).unwrap();
    (units[0].src.0.clone(), units[0].tgt.0.clone())
}

/// The (source, target) texts of a JSONL alignment's beads.
fn pairs(jsonl: &str) -> Vec<(String, String)> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|b| (b["src"].to_string(), b["tgt"].to_string()))
        .collect()
}

#[test]
fn languages_come_from_codes_anywhere_in_the_file_names() {
    for (src, tgt, want) in [
        ("article_en.txt", "article_sq.txt", ("en", "sq")),
        ("Report.EN.txt", "Report.SQ.txt", ("en", "sq")),
        ("en-US_press.txt", "sq-AL_press.txt", ("en-US", "sq-AL")),
        ("article.en.txt", "article.sq.txt", ("en", "sq")),
    ] {
        let (a, b) = pair_named("names", src, tgt);
        let out_file = a.with_file_name("tm.tmx");
        let out = ura(
            &["align", &path(&a), &path(&b), "-o", &path(&out_file)],
            None,
        );
        assert!(out.status.success(), "{src}: {}", stderr(&out));
        let langs = tmx_langs(&out_file);
        assert_eq!((langs.0.as_str(), langs.1.as_str()), want, "{src}");
        assert!(!stderr(&out).contains("detected"), "{}", stderr(&out));
    }
}

#[test]
fn languages_without_a_code_in_the_name_are_detected_and_said() {
    let (a, b) = pair_named("detected", "original.txt", "translation.txt");
    let out_file = a.with_file_name("tm.tmx");
    let out = ura(
        &["align", &path(&a), &path(&b), "-o", &path(&out_file)],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(tmx_langs(&out_file), ("en".into(), "sq".into()));
    let err = stderr(&out);
    assert!(
        err.contains("ura: source language: en (detected from the text")
            && err.contains("ura: target language: sq (detected from the text"),
        "{err}"
    );
    // The same pairs as with the codes in the names.
    let named = ura(
        &[
            "align",
            &path(&data("unhcr/en.txt")),
            &path(&data("unhcr/sq.txt")),
            "-f",
            "jsonl",
        ],
        None,
    );
    let detected = ura(&["align", &path(&a), &path(&b), "-f", "jsonl"], None);
    assert_eq!(pairs(&stdout(&named)), pairs(&stdout(&detected)));
}

#[test]
fn tmx_needs_a_language_it_can_tell_and_says_which_flag_sets_it() {
    let dir = temp_dir("short-text");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, "One. Two.").unwrap();
    std::fs::write(&b, "Një. Dy.").unwrap();
    let out_file = dir.join("tm.tmx");
    let out = ura(
        &["align", &path(&a), &path(&b), "-o", &path(&out_file)],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("cannot tell the language of the source") && err.contains("--src-lang"),
        "{err}"
    );
    assert!(!out_file.exists());
    // With the flags it goes through; TSV carries und with a warning.
    let ok = ura(
        &[
            "align",
            &path(&a),
            &path(&b),
            "--src-lang",
            "en",
            "--tgt-lang",
            "sq",
            "-o",
            &path(&out_file),
        ],
        None,
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let tsv = ura(&["align", &path(&a), &path(&b)], None);
    assert!(tsv.status.success());
    assert!(stdout(&tsv).starts_with("und\tund\t"), "{}", stdout(&tsv));
    assert!(stderr(&tsv).contains("writing und"), "{}", stderr(&tsv));
}

#[test]
fn a_flag_the_text_contradicts_swapped_sides_and_one_language_are_warnings() {
    let (en, sq) = (path(&data("unhcr/en.txt")), path(&data("unhcr/sq.txt")));
    let out = ura(
        &["align", &en, &sq, "--src-lang", "sq", "-f", "jsonl"],
        None,
    );
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("--src-lang says sq, but the source reads as en"),
        "{err}"
    );
    // Named en/sq but holding each other's language.
    let (a, b) = pair_named("swapped", "x_sq.txt", "x_en.txt");
    let out = ura(&["align", &path(&a), &path(&b), "-f", "jsonl"], None);
    let err = stderr(&out);
    assert!(err.contains("the sides look swapped"), "{err}");
    // Both sides in one language.
    let out = ura(
        &["align", &en, &path(&a), "--tgt-lang", "en", "-f", "jsonl"],
        None,
    );
    let err = stderr(&out);
    assert!(err.contains("both sides are in en"), "{err}");
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_left_as_it_was() {
    let (a, b) = pair_named("overwrite", "en.txt", "sq.txt");
    let before = std::fs::read(&a).unwrap();
    for args in [
        vec![
            "align".to_string(),
            path(&a),
            path(&b),
            "-o".into(),
            path(&a),
        ],
        vec![
            "align".to_string(),
            path(&a),
            path(&b),
            "-f".into(),
            "tsv".into(),
            "-o".into(),
            path(&b),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = ura(&args, None);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("would be overwritten"),
            "{}",
            stderr(&out)
        );
    }
    // Through a symbolic link too.
    #[cfg(unix)]
    {
        let link = a.with_file_name("link.tsv");
        std::os::unix::fs::symlink(&a, &link).unwrap();
        let out = ura(&["align", &path(&a), &path(&b), "-o", &path(&link)], None);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read(&a).unwrap(), before);
}

#[test]
fn a_txt_output_is_not_silently_tsv() {
    let dir = temp_dir("txt-out");
    let out_file = dir.join("pairs.txt");
    let out = ura(
        &[
            "align",
            &path(&data("unhcr/en.txt")),
            &path(&data("unhcr/sq.txt")),
            "-o",
            &path(&out_file),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("use -f tsv"), "{}", stderr(&out));
    assert!(!out_file.exists());
}

#[test]
fn an_output_folder_that_does_not_exist_fails_before_the_inputs_are_read() {
    // The inputs do not exist either: the output's error comes first.
    let out = ura(
        &[
            "align",
            "no-en.txt",
            "no-sq.txt",
            "-o",
            "/no/such/dir/tm.tmx",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("the folder /no/such/dir does not exist"),
        "{err}"
    );
}

#[test]
fn a_missing_input_is_the_only_line() {
    let out = ura(
        &["align", "no-such-file.txt", &path(&data("unhcr/sq.txt"))],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("ura: cannot read no-such-file.txt"),
        "{err}"
    );
}

#[test]
fn legacy_encodings_give_the_pairs_of_utf8() {
    let dir = temp_dir("legacy-pair");
    let sq = std::fs::read_to_string(data("unhcr/sq.txt")).unwrap();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&sq);
    assert!(!unmappable);
    let sq_1252 = dir.join("sq.txt");
    std::fs::write(&sq_1252, &bytes).unwrap();
    let en = path(&data("unhcr/en.txt"));
    let utf8 = ura(
        &["align", &en, &path(&data("unhcr/sq.txt")), "-f", "jsonl"],
        None,
    );
    let legacy = ura(&["align", &en, &path(&sq_1252), "-f", "jsonl"], None);
    assert!(legacy.status.success(), "{}", stderr(&legacy));
    assert_eq!(stdout(&utf8), stdout(&legacy));
    assert!(
        stderr(&legacy).contains("is not UTF-8; read as windows-1252 (detected"),
        "{}",
        stderr(&legacy)
    );
}

#[test]
fn what_each_side_says_comes_in_the_order_of_the_arguments() {
    // What each file says (its encoding) and a failure come source first,
    // whichever file is given first.
    let dir = temp_dir("legacy-both");
    let sq = std::fs::read_to_string(data("unhcr/sq.txt")).unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&sq);
    let (a, b) = (dir.join("a_sq.txt"), dir.join("b_sq.txt"));
    std::fs::write(&a, &bytes).unwrap();
    std::fs::write(&b, &bytes).unwrap();
    for (first, second) in [(&a, &b), (&b, &a)] {
        let out = ura(&["align", &path(first), &path(second), "-f", "jsonl"], None);
        let err = stderr(&out);
        let at = |p: &Path| err.find(&format!("{} is not UTF-8", p.display()));
        assert!(at(first).is_some() && at(first) < at(second), "{err}");
    }
    let out = ura(&["align", "no-such-source.txt", "no-such-target.txt"], None);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no-such-source.txt"), "{err}");
}

#[test]
fn one_file_on_both_sides_is_a_warning() {
    let en = path(&data("unhcr/en.txt"));
    let out = ura(
        &["align", &en, &en, "--tgt-lang", "en", "-f", "jsonl"],
        None,
    );
    assert!(out.status.success());
    assert!(stderr(&out).contains("are one file"), "{}", stderr(&out));
}

#[test]
fn a_malformed_dictionary_line_is_reported_with_its_number() {
    let dir = temp_dir("bad-dict");
    let dict = dir.join("dict.txt");
    std::fs::write(
        &dict,
        "avokat @ lawyer\n\nno separator here\nta gjithë @ all\n",
    )
    .unwrap();
    let out = ura(
        &[
            "align",
            &path(&data("unhcr/en.txt")),
            &path(&data("unhcr/sq.txt")),
            "--dict",
            &path(&dict),
            "-f",
            "jsonl",
        ],
        None,
    );
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("1 line is not 'target @ source' and left out (first: line 3)"),
        "{err}"
    );
    assert!(err.contains("1 entry of several words left out"), "{err}");
}

#[test]
fn stats_on_a_file_that_is_not_tmx_is_an_error() {
    let dir = temp_dir("stats-not-tmx");
    let csv = dir.join("pairs.csv");
    std::fs::write(&csv, "en,sq,score,bead\nHello,Tung,0.9,1-1\n").unwrap();
    for file in [csv.clone(), data("unhcr/en.txt")] {
        let out = ura(&["stats", &path(&file)], None);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains("not a TMX file"), "{err}");
        assert_eq!(stdout(&out), "");
    }
}

#[test]
fn batch_usage_errors_exit_2_and_its_help_lists_only_what_it_writes() {
    let dir = temp_dir("batch-usage");
    let manifest = dir.join("m.csv");
    std::fs::write(&manifest, "src,tgt\na.txt,b.txt\n").unwrap();
    for args in [
        vec!["batch", "--manifest", manifest.to_str().unwrap()],
        vec![
            "batch",
            "--manifest",
            manifest.to_str().unwrap(),
            "-o",
            "all.csv",
        ],
        vec!["batch"],
    ] {
        let out = ura(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let help = stdout(&ura(&["batch", "--help"], None));
    assert!(!help.contains("moses"), "{help}");
    let bad = ura(
        &[
            "batch",
            "--manifest",
            manifest.to_str().unwrap(),
            "--out-dir",
            "x",
            "-f",
            "moses",
        ],
        None,
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn batch_refuses_an_output_folder_that_would_overwrite_an_input() {
    let dir = temp_dir("batch-overwrite");
    std::fs::copy(data("unhcr/en.txt"), dir.join("en.tsv")).unwrap();
    std::fs::copy(data("unhcr/sq.txt"), dir.join("sq.txt")).unwrap();
    let manifest = dir.join("m.csv");
    std::fs::write(&manifest, "src,tgt\nen.tsv,sq.txt\n").unwrap();
    let before = std::fs::read(dir.join("en.tsv")).unwrap();
    // The source's own name with the format's extension is the source.
    let out = ura(
        &[
            "batch",
            "--manifest",
            &path(&manifest),
            "--out-dir",
            &path(&dir),
            "-f",
            "tsv",
            "--src-lang",
            "en",
            "--tgt-lang",
            "sq",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("would be overwritten"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(dir.join("en.tsv")).unwrap(), before);
}

#[test]
fn batch_counts_in_the_singular_and_writes_xlsx_per_pair() {
    let dir = temp_dir("batch-one");
    std::fs::copy(data("unhcr/en.txt"), dir.join("en.txt")).unwrap();
    std::fs::copy(data("unhcr/sq.txt"), dir.join("sq.txt")).unwrap();
    let manifest = dir.join("m.csv");
    std::fs::write(&manifest, "src,tgt,out\nen.txt,sq.txt,pair.xlsx\n").unwrap();
    let out_dir = dir.join("out");
    let out = ura(
        &[
            "batch",
            "--manifest",
            &path(&manifest),
            "--out-dir",
            &path(&out_dir),
            "-f",
            "xlsx",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ura: 1 pair aligned, 0 failed;"),
        "{}",
        stderr(&out)
    );
    let xlsx = std::fs::read(out_dir.join("pair.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "an XLSX (zip) file");
}

#[test]
fn streaming_documents_without_languages_are_detected() {
    let en = std::fs::read_to_string(data("unhcr/en.txt")).unwrap();
    let sq = std::fs::read_to_string(data("unhcr/sq.txt")).unwrap();
    let line = serde_json::json!({"id": 1, "src": en, "tgt": sq}).to_string();
    let out = ura(
        &["batch", "--jsonl", "-"],
        Some(format!("{line}\n").as_bytes()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 63);
    let err = stderr(&out);
    assert!(
        err.contains("source language: en (detected")
            && err.contains("target language: sq (detected"),
        "{err}"
    );
}

#[test]
fn xlsx_is_not_written_to_a_terminal() {
    // `script` runs the command on a pseudo-terminal (util-linux).
    if !crate::util::have("script", &["--version"]) {
        return;
    }
    let command = format!(
        "{} align {} {} -f xlsx",
        env!("CARGO_BIN_EXE_ura"),
        path(&data("unhcr/en.txt")),
        path(&data("unhcr/sq.txt"))
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("XLSX is a binary format"), "{shown}");
    assert!(!shown.contains("PK"), "no zip bytes on the terminal");
}

#[test]
fn a_short_central_european_text_is_read_in_its_own_encoding() {
    // Hungarian reads as well in windows-1252 as in ISO-8859-2 but for ő
    // and ű: the language, from the name or from the text, settles it.
    let hu = "Tegnap este Budapesten a lakók találkoztak a város képviselőivel. Szó \
        esett a költségvetésről, az iskolákról és arról, hogyan változott meg a városi \
        közlekedés az elmúlt években. A résztvevők egy része a zajra, a szennyezett \
        levegőre és a rosszul megvilágított utcákra panaszkodott. A polgármester \
        megígérte, hogy ősszel megkezdődnek a munkák a fő csomópontokon, tavasszal \
        pedig új kerékpárút épül a folyó mentén.\n";
    let dir = temp_dir("short-hu");
    let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(hu);
    for name in ["cikk_hu.txt", "cikk.txt"] {
        let file = dir.join(name);
        std::fs::write(&file, &bytes).unwrap();
        let out = ura(&["split", &path(&file)], None);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("képviselőivel") && stdout(&out).contains("kerékpárút"),
            "{name}: {}",
            stdout(&out)
        );
        assert!(
            stderr(&out).contains("read as ISO-8859-2"),
            "{}",
            stderr(&out)
        );
    }
}
