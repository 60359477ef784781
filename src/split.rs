//! `ura split`.

use std::io::{BufWriter, Write};

use anyhow::Result;

use crate::cli::{SplitArgs, SplitFormat};
use crate::input;

/// Runs `ura split`.
pub fn run(args: &SplitArgs) -> Result<()> {
    let path = args.file.as_deref();
    let lang = input::language(
        (args.lang.as_deref(), "--lang"),
        path,
        "the input",
        args.input.lines.mode(),
    );
    let input = input::read(path, args.input.encoding.as_deref())?;
    let segmenter = ura_segment::Segmenter::new(&lang).line_mode(args.input.lines.mode());
    let segments = segmenter.segment(&input.text);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut paragraph = None;
    for seg in &segments {
        let text = seg.text(&input.text);
        match args.format {
            SplitFormat::Text => {
                if paragraph.is_some_and(|p| p != seg.paragraph) {
                    writeln!(out)?;
                }
                writeln!(out, "{text}")?;
            }
            SplitFormat::Jsonl => {
                let obj = serde_json::json!({
                    "text": text,
                    "start": seg.start,
                    "end": seg.end,
                    "paragraph": seg.paragraph,
                });
                writeln!(out, "{obj}")?;
            }
        }
        paragraph = Some(seg.paragraph);
    }
    out.flush()?;
    Ok(())
}
