//! Web pages and Markdown: the fixtures of `scripts/fixtures/web.sh`
//! align to exactly the pairs of the plain-text run, page chrome is left
//! out, and bad pages are read sanely or refused in one line.

use std::path::{Path, PathBuf};

use crate::util::{data, path, root, stderr, stdout, temp_dir, ura};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/unhcr").join(name)
}

/// The (source, target) texts of `ura align SRC TGT -f jsonl`, with the
/// run's stderr; the run must succeed without a panic.
fn pairs(src: &Path, tgt: &Path, extra: &[&str]) -> (Vec<(String, String)>, String) {
    let (s, t) = (path(src), path(tgt));
    let mut args = vec!["align", s.as_str(), t.as_str(), "-f", "jsonl"];
    args.extend_from_slice(extra);
    let out = ura(&args, None);
    let err = stderr(&out);
    assert!(out.status.success() && !err.contains("panicked"), "{err}");
    let pairs = stdout(&out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (text("src"), text("tgt"))
        })
        .collect();
    (pairs, err)
}

#[test]
fn every_web_and_markdown_fixture_aligns_to_the_pairs_of_the_text() {
    let (want, _) = pairs(&data("unhcr/en.txt"), &data("unhcr/sq.txt"), &[]);
    assert!(want.len() > 50);
    for variant in ["html", "chrome.html", "pandoc.md", "gfm.md", "hand.md"] {
        let (got, _) = pairs(
            &fixture(&format!("en.{variant}")),
            &fixture(&format!("sq.{variant}")),
            &[],
        );
        assert_eq!(got, want, "{variant}");
    }
}

#[test]
fn page_chrome_is_left_out_with_a_note_and_kept_on_request() {
    let (src, tgt) = (fixture("en.chrome.html"), fixture("sq.chrome.html"));
    let (plain, err) = pairs(&src, &tgt, &[]);
    assert!(err.contains("en.chrome.html: left out"), "{err}");
    assert!(err.contains("--keep-chrome"), "{err}");
    let all: String = plain.iter().map(|(s, t)| format!("{s}{t}")).collect();
    for chrome in [
        "cookies",
        "Related stories",
        "Lajme të ngjashme",
        "©",
        "Facebook",
    ] {
        assert!(!all.contains(chrome), "{chrome}");
    }
    let (kept, _) = pairs(&src, &tgt, &["--keep-chrome"]);
    let all: String = kept.iter().map(|(s, t)| format!("{s}{t}")).collect();
    for chrome in ["cookies", "Related stories", "Lajme të ngjashme", "©"] {
        assert!(all.contains(chrome), "{chrome}");
    }
    // Scripts, styles and the head are never text.
    for never in ["gtag", "font-family", "NewsArticle", "GTM-"] {
        assert!(!all.contains(never), "{never}");
    }
}

/// Splits `file` and returns stdout, stderr, after checking the exit
/// code and that nothing panicked.
fn split(file: &Path, code: i32) -> (String, String) {
    let p = path(file);
    let out = ura(&["split", p.as_str(), "--lang", "en"], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    (stdout(&out), err)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn bad_web_pages_read_sanely() {
    let dir = temp_dir("web-bad");
    // Nested 100,000 deep: no stack overflow, the text kept, a note.
    let deep = "<div>".repeat(100_000) + "Deep text." + &"</div>".repeat(100_000) + "<p>After.";
    let (out, err) = split(&write(&dir, "deep.html", deep.as_bytes()), 0);
    assert_eq!(out, "Deep text.\n\nAfter.\n");
    assert!(err.contains("nests more than"), "{err}");
    let spans = "<span>x ".repeat(100_000);
    let (out, _) = split(&write(&dir, "spans.html", spans.as_bytes()), 0);
    assert_eq!(out.matches('x').count(), 100_000);
    // Broken markup, repaired as a browser repairs it.
    let broken = "<html><body><p>One <b>two <i>three</b> four.</p></td></tr><li>Five.<p>Six.</div></span><!-- open";
    let (out, _) = split(&write(&dir, "broken.html", broken.as_bytes()), 0);
    assert_eq!(out, "One two three four.\n\nFive.\n\nSix.\n");
    // A page whose body is empty: no sentences, a note.
    let (out, err) = split(
        &write(
            &dir,
            "empty.html",
            b"<!DOCTYPE html><html><head><title>T</title></head><body></body></html>",
        ),
        0,
    );
    assert_eq!(out, "");
    assert!(err.contains("empty.html: the page holds no text"), "{err}");
    // A wrong meta charset: the bytes win, with a note.
    let wrong = "<!DOCTYPE html><meta charset=\"iso-8859-1\"><p>Përfaqësuesi ligjor.</p>";
    let (out, err) = split(&write(&dir, "wrong.html", wrong.as_bytes()), 0);
    assert_eq!(out, "Përfaqësuesi ligjor.\n");
    assert!(
        err.contains("declares iso-8859-1 but its bytes are UTF-8"),
        "{err}"
    );
    // A huge attribute.
    let huge = format!("<p data-x=\"{}\">Text.</p>", "a".repeat(20_000_000));
    let (out, _) = split(&write(&dir, "huge.html", huge.as_bytes()), 0);
    assert_eq!(out, "Text.\n");
    // A tag with very many attributes (each costs the tokenizer a look at
    // all the earlier ones): the first thousand are kept.
    let many: String = (0..20_000).map(|k| format!(" a{k}=\"{k}\"")).collect();
    let page = format!("<p{many}>Many.</p>");
    let (out, err) = split(&write(&dir, "many.html", page.as_bytes()), 0);
    assert_eq!(out, "Many.\n");
    assert!(err.contains("more than 1000 attributes"), "{err}");
}

#[test]
fn bad_markdown_reads_sanely_or_fails_in_one_line() {
    let dir = temp_dir("web-bad-md");
    let deep = ">".repeat(100_000) + " Deep.\n\n" + &"- ".repeat(50_000) + "item\n";
    let (out, _) = split(&write(&dir, "deep.md", deep.as_bytes()), 0);
    assert_eq!(out, "Deep.\n\nitem\n");
    let (out, err) = split(&write(&dir, "code.md", b"```\nonly code\n```\n"), 0);
    assert_eq!(out, "");
    assert!(err.contains("code.md: skipped 1 code block"), "{err}");
    // Damaged UTF-8: one line naming the file and the byte.
    let (_, err) = split(
        &write(
            &dir,
            "bad.md",
            "# Shqipëri\n\nok \u{e9} "
                .as_bytes()
                .iter()
                .copied()
                .chain([0xFF])
                .collect::<Vec<u8>>()
                .as_slice(),
        ),
        1,
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("ura: ") && err.contains("bad.md") && err.contains("invalid UTF-8 at byte"),
        "{err}"
    );
}
