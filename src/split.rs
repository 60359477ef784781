//! `ura split`.

use std::io::{BufWriter, Write};

use anyhow::Result;

use crate::cli::{SplitArgs, SplitFormat};
use crate::input::{self, ReadOptions};
use crate::side;

/// Runs `ura split`.
pub fn run(args: &SplitArgs) -> Result<()> {
    let path = args.file.as_deref();
    let lang = input::language(
        (args.lang.as_deref(), "--lang"),
        path,
        "the input",
        args.input.lines.mode(),
    );
    let opts = ReadOptions::from_args(&args.input);
    let doc = input::read(path, &opts)?;
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
