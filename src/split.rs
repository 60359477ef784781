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
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut paragraph = None;
    // Sentences are printed as they are found; the first write error
    // stops the printing and is returned.
    let mut written: std::io::Result<()> = Ok(());
    ura_corpus::split_document_each(&doc, &lang, opts.mode, |s| {
        if written.is_err() {
            return;
        }
        let raw = doc.text.get(s.start..s.end).unwrap_or_default();
        let text = ura_segment::normalize_cow(raw);
        written = match args.format {
            SplitFormat::Text => {
                let blank = if paragraph.is_some_and(|p| p != s.paragraph) {
                    "\n"
                } else {
                    ""
                };
                writeln!(out, "{blank}{text}")
            }
            SplitFormat::Jsonl => {
                let obj = serde_json::json!({
                    "text": text,
                    "start": s.start,
                    "end": s.end,
                    "paragraph": s.paragraph,
                });
                writeln!(out, "{obj}")
            }
        };
        paragraph = Some(s.paragraph);
    });
    written?;
    out.flush()?;
    Ok(())
}
