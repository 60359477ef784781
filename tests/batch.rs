//! `ura batch`.

use std::path::{Path, PathBuf};

use crate::util::{align_unhcr, data, path, stderr, temp_dir, ura};

/// A folder with `n` document pairs (en/dN.txt, sq/dN.txt) made from the
/// bundled article's paragraphs, and a manifest listing them.
fn corpus(name: &str, n: usize) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let en = std::fs::read_to_string(data("unhcr/en.txt")).unwrap();
    let sq = std::fs::read_to_string(data("unhcr/sq.txt")).unwrap();
    let (en_p, sq_p): (Vec<&str>, Vec<&str>) =
        (en.split("\n\n").collect(), sq.split("\n\n").collect());
    std::fs::create_dir_all(dir.join("en")).unwrap();
    std::fs::create_dir_all(dir.join("sq")).unwrap();
    let mut manifest = String::from("src,tgt\n");
    for k in 0..n {
        // Body paragraphs 3.. of each side correspond one to one.
        let (a, b) = (en_p[3 + k % 15], sq_p[4 + k % 15]);
        std::fs::write(
            dir.join(format!("en/d{k}.txt")),
            format!("{a}\n\n{}\n", en_p[3 + (k + 1) % 15]),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("sq/d{k}.txt")),
            format!("{b}\n\n{}\n", sq_p[4 + (k + 1) % 15]),
        )
        .unwrap();
        manifest.push_str(&format!("en/d{k}.txt,sq/d{k}.txt\n"));
    }
    std::fs::write(dir.join("pairs.csv"), manifest).unwrap();
    (dir.clone(), dir.join("pairs.csv"))
}

fn batch(args: &[&str]) -> std::process::Output {
    let mut all = vec!["batch", "--src-lang", "en", "--tgt-lang", "sq"];
    all.extend_from_slice(args);
    ura(&all, None)
}

#[test]
fn broken_pairs_are_reported_and_the_rest_complete() {
    let (dir, manifest) = corpus("batch-broken", 40);
    std::fs::write(dir.join("en/bad.txt"), b"Bad \xC3\xAB \xFF bytes.").unwrap();
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("en/missing.txt,sq/d0.txt\nen/bad.txt,sq/d1.txt\n");
    std::fs::write(&manifest, text).unwrap();
    let out_dir = dir.join("out");
    let out = batch(&[
        "--manifest",
        &path(&manifest),
        "--out-dir",
        &path(&out_dir),
        "-o",
        &path(&dir.join("all.jsonl")),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("ura: skipped en/missing.txt: cannot read"),
        "{err}"
    );
    assert!(
        err.contains("ura: skipped en/bad.txt:") && err.contains("invalid UTF-8 at byte 7"),
        "{err}"
    );
    assert!(err.contains("ura: 40 pairs aligned, 2 failed;"), "{err}");
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 40);
    let combined = std::fs::read_to_string(dir.join("all.jsonl")).unwrap();
    let docs: std::collections::BTreeSet<String> = combined
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(docs.len(), 40);
    // A pair's own output names no document.
    let own = std::fs::read_dir(&out_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let own = std::fs::read_to_string(own.path()).unwrap();
    assert!(!own.is_empty() && !own.contains("\"doc\""), "{own}");
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let (dir, manifest) = corpus("batch-jobs", 24);
    let run = |jobs: &str, name: &str| {
        let tmx = dir.join(format!("{name}.tmx"));
        let out = ura(
            &[
                "batch",
                "--src-lang",
                "en",
                "--tgt-lang",
                "sq",
                "--manifest",
                &path(&manifest),
                "--jobs",
                jobs,
                "-o",
                &path(&tmx),
                "-q",
            ],
            None,
        );
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read(tmx).unwrap()
    };
    std::env::set_var("SOURCE_DATE_EPOCH", "0");
    let one = run("1", "one");
    let four = run("4", "four");
    assert_eq!(one, four);
    let text = String::from_utf8(one).unwrap();
    assert!(text.contains(r#"<prop type="x-ura-doc">en/d0.txt</prop>"#));
    assert_eq!(
        text.matches("<tu>").count(),
        text.matches("x-ura-doc").count()
    );
}

#[test]
fn folders_pair_by_name_and_shards_split_the_work() {
    let (dir, _) = corpus("batch-dirs", 10);
    std::fs::write(dir.join("en/only-en.txt"), "Alone.").unwrap();
    let (en, sq) = (path(&dir.join("en")), path(&dir.join("sq")));
    let mut seen = Vec::new();
    for k in 0..3 {
        let out_dir = dir.join(format!("shard{k}"));
        let shard = format!("{k}/3");
        let out = batch(&[
            "--src-dir",
            &en,
            "--tgt-dir",
            &sq,
            "--out-dir",
            &path(&out_dir),
            "--shard",
            &shard,
            "-f",
            "tsv",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("skipped only-en.txt: no file of that name"));
        for e in std::fs::read_dir(&out_dir).unwrap() {
            seen.push(e.unwrap().file_name().to_str().unwrap().to_string());
        }
    }
    seen.sort();
    let mut want: Vec<String> = (0..10).map(|k| format!("d{k}.tsv")).collect();
    want.sort();
    assert_eq!(seen, want, "each pair in exactly one shard");
}

#[test]
fn skip_existing_resumes_a_run() {
    let (dir, manifest) = corpus("batch-resume", 6);
    let out_dir = dir.join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    std::fs::write(out_dir.join("d0.jsonl"), "kept").unwrap();
    let out = batch(&[
        "--manifest",
        &path(&manifest),
        "--out-dir",
        &path(&out_dir),
        "--skip-existing",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("5 pairs aligned, 0 failed") && stderr(&out).contains("1 skipped"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("d0.jsonl")).unwrap(),
        "kept"
    );
}

#[test]
fn escaping_and_duplicate_output_names_are_refused_per_pair() {
    let (dir, _) = corpus("batch-escape", 3);
    let manifest = dir.join("m.csv");
    std::fs::write(&manifest, "src,tgt,out\nen/d0.txt,sq/d0.txt,../../etc/x\nen/d1.txt,sq/d1.txt,a.jsonl\nen/d2.txt,sq/d2.txt,a.jsonl\n").unwrap();
    let out_dir = dir.join("out");
    let out = batch(&["--manifest", &path(&manifest), "--out-dir", &path(&out_dir)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("skipped en/d0.txt: output name ../../etc/x would leave the output folder"),
        "{err}"
    );
    assert!(
        err.contains("skipped en/d2.txt:") && err.contains("already used by another pair"),
        "{err}"
    );
    assert!(!dir.join("etc").exists() && !Path::new("/etc/x").exists());
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 1);
}

#[test]
fn bad_manifests_are_one_line_errors() {
    let dir = temp_dir("batch-bad-manifest");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "src,tgt\n").unwrap();
    let out = batch(&[
        "--manifest",
        &path(&empty),
        "-o",
        &path(&dir.join("x.jsonl")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "ura: no document pairs to align\n");
    let no_header = dir.join("noheader.csv");
    std::fs::write(&no_header, "a.txt,b.txt\n").unwrap();
    let out = batch(&[
        "--manifest",
        &path(&no_header),
        "-o",
        &path(&dir.join("x.jsonl")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the header must name the columns src and tgt"));
    let out = batch(&[
        "--manifest",
        &path(&dir.join("nope.csv")),
        "-o",
        &path(&dir.join("x.jsonl")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("ura: cannot read"));
}

#[test]
fn streaming_mode_answers_one_bead_per_line_with_the_document_id() {
    let en = std::fs::read_to_string(data("unhcr/en.txt")).unwrap();
    let sq = std::fs::read_to_string(data("unhcr/sq.txt")).unwrap();
    let docs = [
        serde_json::json!({"id": "unhcr", "src": en, "tgt": sq, "src_lang": "en", "tgt_lang": "sq"}).to_string(),
        "{broken".to_string(),
        serde_json::json!({"id": 2, "src": "One. Two.", "tgt": "Një. Dy.", "src_lang": "en", "tgt_lang": "sq"}).to_string(),
    ];
    let input = docs.join("\n") + "\n";
    let out = ura(&["batch", "--jsonl", "-"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(1), "one line was broken");
    assert!(
        stderr(&out).contains("ura: skipped input line 2: not a JSON document"),
        "{}",
        stderr(&out)
    );
    let beads: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let unhcr: Vec<&serde_json::Value> = beads.iter().filter(|b| b["id"] == "unhcr").collect();
    let two: Vec<&serde_json::Value> = beads.iter().filter(|b| b["id"] == 2).collect();
    assert_eq!(unhcr.len() + two.len(), beads.len());
    assert_eq!(two.len(), 2);
    // The same beads as `ura align` gives for the pair.
    let align = align_unhcr(&["-f", "jsonl"]);
    assert_eq!(
        unhcr.len(),
        String::from_utf8(align.stdout).unwrap().lines().count()
    );
}

#[test]
fn batch_and_streaming_keep_unaligned_sentences_as_align_does() {
    let count = |out: std::process::Output| {
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap().lines().count()
    };
    let plain = count(align_unhcr(&["-f", "jsonl"]));
    let merged = count(align_unhcr(&["-f", "jsonl", "--keep-unaligned", "merge"]));
    assert!(merged < plain, "the pair has a doubtful unaligned sentence");
    let en = std::fs::read_to_string(data("unhcr/en.txt")).unwrap();
    let sq = std::fs::read_to_string(data("unhcr/sq.txt")).unwrap();
    let doc =
        serde_json::json!({"id": 1, "src": en, "tgt": sq, "src_lang": "en", "tgt_lang": "sq"});
    let input = format!("{doc}\n");
    let stream = |extra: &[&str]| {
        let mut args = vec!["batch", "--jsonl", "-"];
        args.extend_from_slice(extra);
        count(ura(&args, Some(input.as_bytes())))
    };
    assert_eq!(stream(&[]), plain);
    assert_eq!(stream(&["--keep-unaligned", "merge"]), merged);
    let dir = temp_dir("batch-keep-unaligned");
    std::fs::write(
        dir.join("pairs.csv"),
        format!(
            "src,tgt\n{},{}\n",
            path(&data("unhcr/en.txt")),
            path(&data("unhcr/sq.txt"))
        ),
    )
    .unwrap();
    let all = dir.join("all.jsonl");
    let manifest = path(&dir.join("pairs.csv"));
    let out = batch(&[
        "--manifest",
        &manifest,
        "-o",
        &path(&all),
        "-q",
        "--keep-unaligned",
        "merge",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&all).unwrap().lines().count(),
        merged
    );
}

#[test]
fn corpus_lexicon_aligns_every_pair_without_losing_sentences() {
    let (dir, manifest) = corpus("batch-corpus-lexicon", 12);
    let run = |flag: Option<&str>, name: &str| {
        let out_file = dir.join(name);
        let mut args = vec![
            "--manifest".to_string(),
            path(&manifest),
            "-o".into(),
            path(&out_file),
            "-q".into(),
        ];
        args.extend(flag.map(str::to_string));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = batch(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read_to_string(out_file).unwrap()
    };
    let plain = run(None, "plain.jsonl");
    let corpus = run(Some("--corpus-lexicon"), "corpus.jsonl");
    let count = |text: &str, key: &str| -> usize {
        text.lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()[key]
                    .as_array()
                    .unwrap()
                    .len()
            })
            .sum()
    };
    assert_eq!(
        count(&plain, "src_idx"),
        count(&corpus, "src_idx"),
        "no sentence lost"
    );
    assert_eq!(count(&plain, "tgt_idx"), count(&corpus, "tgt_idx"));
}

#[test]
fn a_warning_about_the_language_is_given_once_per_run_and_not_for_presegmented_text() {
    let (dir, manifest) = corpus("batch-warn-once", 5);
    let (manifest, all) = (path(&manifest), path(&dir.join("all.jsonl")));
    let run = |extra: &[&str]| {
        let mut args = vec![
            "batch",
            "--src-lang",
            "xx",
            "--tgt-lang",
            "sq",
            "--manifest",
            &manifest,
            "-o",
            &all,
        ];
        args.extend_from_slice(extra);
        ura(&args, None)
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(
        err.matches("no rules for language 'xx'").count(),
        1,
        "{err}"
    );
    // One sentence per line is not split: no rules are needed.
    let out = run(&["--presegmented"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("no rules"), "{}", stderr(&out));
}
