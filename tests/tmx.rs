//! `ura align` to TMX, checked with real clients: xmllint against the TMX
//! 1.4b DTD, translate-toolkit's TMX reader, and ura's own reader.
//! `.ci/run` installs xmllint (libxml2-utils) and translate-toolkit; a
//! missing client fails the test under CI and is skipped elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{data, have, path, stderr, stdout, temp_dir, ura};

fn dtd() -> PathBuf {
    data("tmx14.dtd")
}

fn align_to_tmx(src: &Path, tgt: &Path, out: &Path) -> std::process::Output {
    ura(&["align", &path(src), &path(tgt), "-o", &path(out)], None)
}

/// Checks `file` against the TMX 1.4b DTD with xmllint (skipped where it is
/// not installed, outside CI).
pub(crate) fn xmllint_valid(file: &Path) {
    if !have("xmllint", &["--version"]) {
        return;
    }
    let out = Command::new("xmllint")
        .args(["--noout", "--dtdvalid", &path(&dtd()), &path(file)])
        .output()
        .expect("run xmllint");
    let msg = String::from_utf8_lossy(&out.stderr);
    // xmllint warns that it cannot load the SYSTEM id beside the file;
    // --dtdvalid is what validates.
    let errors: Vec<&str> = msg
        .lines()
        .filter(|l| l.contains("error") || l.contains("validity"))
        .collect();
    assert!(out.status.success() && errors.is_empty(), "{msg}");
}

#[test]
fn unhcr_tmx_is_valid_and_holds_every_pair_of_the_alignment() {
    let dir = temp_dir("tmx-unhcr");
    let tmx_file = dir.join("unhcr.tmx");
    let (en, sq) = (data("unhcr/en.txt"), data("unhcr/sq.txt"));
    let out = align_to_tmx(&en, &sq, &tmx_file);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "ura: wrote 58 pairs to {}; 5 sentences without a counterpart left out (4 doubtful: source line 3; target lines 3, 5, 49); 1 pair below 0.7\n",
            path(&tmx_file)
        )
    );
    xmllint_valid(&tmx_file);

    let units = ura_bitext::tmx::read_tmx(&std::fs::read_to_string(&tmx_file).unwrap()).unwrap();
    let jsonl = ura(&["align", &path(&en), &path(&sq), "-f", "jsonl"], None);
    let pairs: Vec<(String, String)> = stdout(&jsonl)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|b| b["src"] != "" && b["tgt"] != "")
        .map(|b| {
            (
                b["src"].as_str().unwrap().to_string(),
                b["tgt"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let from_tmx: Vec<(String, String)> = units
        .iter()
        .map(|u| (u.src.1.clone(), u.tgt.1.clone()))
        .collect();
    assert_eq!(from_tmx, pairs);
    assert!(units.iter().all(|u| u.src.0 == "en" && u.tgt.0 == "sq"));
    assert!(units
        .iter()
        .all(|u| u.props.iter().any(|(k, _)| k == "x-ura-score")));

    if have("python3", &["-c", "import translate.storage.tmx"]) {
        let script = "import sys, json\nfrom translate.storage import tmx\n\
            f = tmx.tmxfile.parsefile(sys.argv[1])\n\
            print(json.dumps([[u.source, u.target] for u in f.units]))";
        let out = Command::new("python3")
            .args(["-c", script, &path(&tmx_file)])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tt: Vec<(String, String)> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(tt, pairs);
    }
}

#[test]
fn hostile_text_gives_a_valid_tmx_and_a_warning() {
    let dir = temp_dir("tmx-hostile");
    let (src, tgt, tmx_file) = (dir.join("en.txt"), dir.join("ar.txt"), dir.join("out.tmx"));
    let long = "word ".repeat(2000);
    std::fs::write(
        &src,
        format!(
            "Tom & Jerry <b>]]></b> rang the bell\u{7} twice.\n\nEmoji 👩‍👩‍👧 here.\n\n{long}end.\n"
        ),
    )
    .unwrap();
    std::fs::write(
        &tgt,
        format!("توم وجيري & <b>]]></b> قرعا الجرس\u{7} مرتين.\n\nرمز 👩‍👩‍👧 هنا.\n\n{long}نهاية.\n"),
    )
    .unwrap();
    let out = align_to_tmx(&src, &tgt, &tmx_file);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("removed 2 characters"),
        "{}",
        stderr(&out)
    );
    xmllint_valid(&tmx_file);
    let units = ura_bitext::tmx::read_tmx(&std::fs::read_to_string(&tmx_file).unwrap()).unwrap();
    assert_eq!(
        units[0].src.1,
        "Tom & Jerry <b>]]></b> rang the bell twice."
    );
    assert!(units.iter().any(|u| u.tgt.1.contains("👩‍👩‍👧")));
}

#[test]
fn invalid_language_code_is_a_usage_error_before_anything_is_read() {
    let dir = temp_dir("tmx-bad-lang");
    let tmx_file = dir.join("out.tmx");
    let out = ura(
        &[
            "align",
            "--src-lang",
            "english",
            &path(&data("unhcr/en.txt")),
            "no-such-file.txt",
            "-o",
            &path(&tmx_file),
        ],
        None,
    );
    // Usage (exit 2), not the missing file: the code is checked first.
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.lines()
            .next()
            .unwrap()
            .contains("'english' is not a language code"),
        "{err}"
    );
    assert!(!tmx_file.exists());
}

#[test]
fn region_codes_are_normalised_in_the_tmx() {
    let dir = temp_dir("tmx-region");
    let tmx_file = dir.join("out.tmx");
    let out = ura(
        &[
            "align",
            "--src-lang",
            "en_US",
            "--tgt-lang",
            "sq-al",
            &path(&data("unhcr/en.txt")),
            &path(&data("unhcr/sq.txt")),
            "-o",
            &path(&tmx_file),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = std::fs::read_to_string(&tmx_file).unwrap();
    assert!(xml.contains(r#"srclang="en-US""#));
    assert!(xml.contains(r#"<tuv xml:lang="sq-AL">"#));
}

#[test]
fn stats_summarises_a_written_tmx_and_rejects_a_broken_one() {
    let dir = temp_dir("tmx-stats");
    let tmx_file = dir.join("unhcr.tmx");
    let out = align_to_tmx(&data("unhcr/en.txt"), &data("unhcr/sq.txt"), &tmx_file);
    assert!(out.status.success());
    let out = ura(&["stats", &path(&tmx_file)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("units\t58\n"), "{text}");
    assert!(text.contains("languages\ten → sq\t58\n"), "{text}");
    assert!(text.contains("bead 1-1\t57\nbead 1-2\t1\n"), "{text}");
    let broken = dir.join("broken.tmx");
    std::fs::write(
        &broken,
        "<tmx><body><tu><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu></body></tmx>",
    )
    .unwrap();
    let out = ura(&["stats", &path(&broken)], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("ura: ") && err.contains("broken.tmx") && err.contains("expected 2"),
        "{err}"
    );
}
