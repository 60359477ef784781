//! `ura split`.

use crate::util::{data, stderr, stdout, temp_dir, ura};

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn unhcr_english_matches_gold_sentences() {
    let out = ura(
        &["split", "--lang", "en", path(&data("unhcr/en.txt"))],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let gold = std::fs::read_to_string(data("unhcr/en.sentences.txt")).unwrap();
    assert_eq!(stdout(&out), gold);
    assert_eq!(stderr(&out), "");
}

#[test]
fn unhcr_albanian_matches_gold_sentences() {
    let out = ura(
        &["split", "--lang", "sq", path(&data("unhcr/sq.txt"))],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let gold = std::fs::read_to_string(data("unhcr/sq.sentences.txt")).unwrap();
    assert_eq!(stdout(&out), gold);
}

#[test]
fn language_defaults_from_file_stem() {
    let out = ura(&["split", path(&data("unhcr/sq.txt"))], None);
    assert!(out.status.success());
    let gold = std::fs::read_to_string(data("unhcr/sq.sentences.txt")).unwrap();
    assert_eq!(stdout(&out), gold);
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_missing_language_is_a_warning_that_names_the_flag_to_set() {
    let out = ura(&["split", "-"], Some(b"One. Two."));
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("(set it with --lang)"),
        "{}",
        stderr(&out)
    );
    // ura align has no --lang: it names the flag of each side.
    let dir = temp_dir("no-lang");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, "One. Two.").unwrap();
    std::fs::write(&b, "Un. Deux.").unwrap();
    let out = ura(&["align", path(&a), path(&b)], None);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("cannot tell the language of the source (")
            && err.contains("too little text to tell; using generic rules and writing und (set it with --src-lang)"),
        "{err}"
    );
    assert!(
        err.contains("cannot tell the language of the target (")
            && err.contains("(set it with --tgt-lang)"),
        "{err}"
    );
}

#[test]
fn jsonl_spans_point_into_the_input() {
    let input = "Hello there. How are you?\n\nSecond paragraph.";
    let out = ura(
        &["split", "--lang", "en", "--format", "jsonl", "-"],
        Some(input.as_bytes()),
    );
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for v in &lines {
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&input[s..e], v["text"].as_str().unwrap());
    }
    assert_eq!(lines[2]["paragraph"], 1);
    assert_eq!(lines[1]["text"], "How are you?");
}

#[test]
fn text_format_separates_paragraphs_with_an_empty_line() {
    let out = ura(&["split", "--lang", "en"], Some(b"One. Two.\n\nThree."));
    assert_eq!(stdout(&out), "One.\nTwo.\n\nThree.\n");
}

#[test]
fn wrapped_and_presegmented_modes() {
    let input = b"A sentence\nwrapped. Two.\n";
    let out = ura(&["split", "--lang", "en", "--wrapped"], Some(input));
    assert_eq!(stdout(&out), "A sentence wrapped.\nTwo.\n");
    let out = ura(&["split", "--lang", "en", "--presegmented"], Some(input));
    assert_eq!(stdout(&out), "A sentence\nwrapped. Two.\n");
}

#[test]
fn empty_input_gives_nothing_and_succeeds() {
    let out = ura(&["split", "--lang", "en"], Some(b""));
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
}

#[test]
fn invalid_utf8_is_a_one_line_error_with_file_and_offset() {
    let dir = temp_dir("split-invalid-utf8");
    let file = dir.join("bad.txt");
    std::fs::write(&file, b"Good t\xC3\xABxt. \xC3\x28 more").unwrap();
    let out = ura(&["split", "--lang", "en", path(&file)], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("ura: "), "{err}");
    assert!(
        err.contains("bad.txt")
            && err.contains("invalid UTF-8 at byte 12")
            && err.contains("name it with --encoding"),
        "{err}"
    );
}

#[test]
fn missing_file_is_a_one_line_error() {
    let out = ura(&["split", "--lang", "en", "/nonexistent/x.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1);
    assert!(
        err.starts_with("ura: cannot read /nonexistent/x.txt"),
        "{err}"
    );
}

#[test]
fn unknown_language_warns_once_and_uses_generic_rules() {
    let out = ura(&["split", "--lang", "xx"], Some(b"Dr. Who came. He left."));
    assert!(out.status.success());
    assert_eq!(stdout(&out), "Dr. Who came.\nHe left.\n");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("no rules for language 'xx'"), "{err}");
}

#[test]
fn utf16_and_crlf_input_split_like_utf8() {
    let text = "Hello there.\r\nHow are you?\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let out = ura(&["split", "--lang", "en"], Some(&bytes));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Hello there.\nHow are you?\n");
}

#[test]
fn usage_error_exits_2() {
    let out = ura(&["split", "--format", "nope"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_language_named_in_the_help_has_rules_of_its_own() {
    // The --lang help lists the codes with rules; none of them may draw
    // the "no rules" warning.
    let help = stdout(&ura(&["split", "--help"], None));
    let list = help
        .split("Language code (")
        .nth(1)
        // Up to "have rules", which the help may wrap between the words.
        .and_then(|rest| rest.split("have").next())
        .expect("the --lang help lists languages");
    let codes: Vec<&str> = list
        .split(|c: char| !c.is_ascii_lowercase())
        .filter(|c| c.len() == 2)
        .collect();
    assert!(codes.len() >= 25, "{codes:?}");
    for code in codes {
        let out = ura(&["split", "--lang", code, "-"], Some(b"One sentence."));
        assert!(
            !stderr(&out).contains("no rules"),
            "{code}: {}",
            stderr(&out)
        );
    }
}
