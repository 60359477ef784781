//! `ura split`.

use std::io::{BufWriter, Write};

use anyhow::Result;

use crate::cli::{SplitArgs, SplitFormat};
use crate::input::{self, ReadOptions};
use crate::side;
use ura_corpus::lang;

/// Runs `ura split`.
pub fn run(args: &SplitArgs) -> Result<()> {
    let path = args.file.as_deref();
    let opts = ReadOptions::from_args(&args.input);
    let hint = args
        .lang
        .clone()
        .or_else(|| path.and_then(ura_lang::from_file_name));
    let doc = input::read(path, &opts, hint.as_deref())?;
    let clues = lang::Clues {
        flag: args.lang.as_deref(),
        flag_name: "--lang",
        role: "input",
        path: path.filter(|p| p.as_os_str() != "-"),
        what: match path.filter(|p| p.as_os_str() != "-") {
            Some(p) => format!("the input ({})", p.display()),
            None => "the input".to_string(),
        },
        text: &doc.text,
    };
    let policy = lang::Policy {
        required: false,
        check_given: true,
        unknown: "using generic rules",
    };
    let lang = if opts.mode == ura_segment::LineMode::Presegmented {
        // Nothing is split: the language would change nothing.
        String::new()
    } else {
        let mut notes = Vec::new();
        let found = lang::settle_one(&clues, policy, &mut notes);
        side::say(notes);
        let found = found?;
        side::rules_for(found.code, "the input", opts.mode)
    };
    let sentences = side::split_document(&doc, &lang, opts.mode);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut paragraph = None;
    for s in &sentences {
        let text = ura_segment::normalize(doc.text.get(s.start..s.end).unwrap_or_default());
        match args.format {
            SplitFormat::Text => {
                if paragraph.is_some_and(|p| p != s.paragraph) {
                    writeln!(out)?;
                }
                writeln!(out, "{text}")?;
            }
            SplitFormat::Jsonl => {
                let obj = serde_json::json!({
                    "text": text,
                    "start": s.start,
                    "end": s.end,
                    "paragraph": s.paragraph,
                });
                writeln!(out, "{obj}")?;
            }
        }
        paragraph = Some(s.paragraph);
    }
    out.flush()?;
    Ok(())
}
