//! The golden cases of `golden/<code>.txt`: one case a line, its sentences
//! separated by ` | `; the input is the sentences joined by one space.

use super::*;

/// The cases of every golden file: (language, file line, sentences).
fn golden_cases() -> Vec<(String, usize, Vec<String>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let lang = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let sentences = line.split(" | ").map(str::to_string).collect();
            cases.push((lang.clone(), n + 1, sentences));
        }
    }
    cases
}

#[test]
fn golden_files_split_as_written() {
    let cases = golden_cases();
    assert!(cases.len() > 50, "only {} golden cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(lang, line, want)| {
            let text = want.join(" ");
            let got = split(&text, lang);
            (got != *want).then(|| format!("golden/{lang}.txt:{line}: {text}\n  got {got:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_inputs_rejoin_losslessly() {
    for (lang, _, want) in golden_cases() {
        let text = want.join(" ");
        assert_spans_rejoin(&text, &segment(&text, &lang));
    }
}
