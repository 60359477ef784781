//! Checks [`ura_lang::confirms`] against the detection on lingua's test
//! sentences: every document (30 lines of one language's
//! `testdata/sentences.txt`) that the cheap test confirms in a language
//! must not be detected, confidently, as another.
//!
//! ```sh
//! cargo run --release -p ura-lang --example confirm -- ~/.cargo/registry/src/*/
//! ```
//!
//! (the folder that holds the `lingua-*-language-model-*` crates), or
//! with a file and a code, whether the file is confirmed in it.

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: confirm REGISTRY_SRC_DIR | confirm FILE CODE")?;
    if let Some(code) = std::env::args().nth(2) {
        let text = std::fs::read_to_string(&dir)?;
        println!("confirmed: {}", ura_lang::confirms(&text, &code));
        return Ok(());
    }
    let codes = [
        "en", "de", "fr", "es", "it", "pt", "ca", "nl", "sq", "hu", "pl", "cs", "sk", "sv", "da",
        "nb", "fi", "et", "ro", "tr", "hr", "sl", "lt", "lv", "id", "ru", "uk", "bg", "el", "vi",
    ];
    let (mut docs, mut own, mut wrong) = (0, 0, 0);
    let mut names: Vec<_> = std::fs::read_dir(&dir)?.filter_map(Result::ok).collect();
    names.sort_by_key(|e| e.file_name());
    for entry in names {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("lingua-") || !name.contains("-language-model-") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path().join("testdata/sentences.txt")) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        for chunk in lines.chunks(30) {
            let doc = chunk.join("\n");
            docs += 1;
            let detected = ura_lang::detect(&doc).filter(|d| d.confident);
            for code in codes {
                if !ura_lang::confirms(&doc, code) {
                    continue;
                }
                match &detected {
                    Some(d) if !ura_lang::same_language(&d.code, code) => {
                        wrong += 1;
                        println!("{name}: confirmed {code}, detected {}", d.code);
                    }
                    Some(_) => own += 1,
                    None => println!("{name}: confirmed {code}, detection not confident"),
                }
            }
        }
    }
    println!("{docs} documents; {own} confirmed in the detected language, {wrong} in another");
    Ok(())
}
