//! `ura batch --stream`: one JSON document per input line, the beads of
//! each as JSONL lines, for cluster engines.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use ura_corpus::lang;

use super::isolate;
use crate::align;
use crate::cli::BatchArgs;
use crate::input::{self, ReadOptions};
use crate::side::{self, SideText};

/// One document of the streaming mode.
#[derive(serde::Deserialize)]
struct StreamDoc {
    id: serde_json::Value,
    src: String,
    tgt: String,
    #[serde(default)]
    src_lang: Option<String>,
    #[serde(default)]
    tgt_lang: Option<String>,
}

/// The streaming mode for cluster engines (Spark's `RDD.pipe`, Hadoop
/// Streaming, GNU parallel): one JSON document per input line
/// (`{"id", "src", "tgt", "src_lang", "tgt_lang"}`), one bead per output
/// line (the JSONL bead with `"id"`), flushed after each document. A line
/// that cannot be read is reported on stderr and the stream goes on.
pub fn stream(args: &BatchArgs, input: &Path) -> Result<ExitCode> {
    use std::io::BufRead;
    let reader: Box<dyn BufRead> = if input.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(input)
                .with_context(|| format!("cannot read {}", input.display()))?,
        ))
    };
    let aligner = align::build_aligner(args.dict.as_deref())?;
    let opts = ReadOptions::from_args(&args.input);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0usize;
    for (k, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("line {}", k + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let result = isolate(|| {
            let doc: StreamDoc = serde_json::from_str(&line).context("not a JSON document")?;
            let name = |what: &str| format!("the {what} of input line {}", k + 1);

            let policy = lang::Policy {
                required: false,
                check_given: false,
                unknown: "using generic rules and writing und",
            };
            let own_or_flag =
                |own: &Option<String>, flag: &Option<String>| -> Result<Option<String>> {
                    match own {
                        Some(code) => Ok(Some(ura_lang::normalize(code)?)),
                        None => Ok(flag.clone()),
                    }
                };
            let (src_flag, tgt_flag) = (
                own_or_flag(&doc.src_lang, &args.src_lang)?,
                own_or_flag(&doc.tgt_lang, &args.tgt_lang)?,
            );
            let src_doc = input::read_bytes(
                &name("source"),
                doc.src.into_bytes(),
                (None, src_flag.as_deref()),
                &opts,
            )?;
            let tgt_doc = input::read_bytes(
                &name("target"),
                doc.tgt.into_bytes(),
                (None, tgt_flag.as_deref()),
                &opts,
            )?;
            let src_clues = lang::Clues {
                flag: src_flag.as_deref(),
                flag_name: "src_lang",
                role: "source",
                path: None,
                what: name("source"),
                text: &src_doc.text,
            };
            let tgt_clues = lang::Clues {
                flag: tgt_flag.as_deref(),
                flag_name: "tgt_lang",
                role: "target",
                path: None,
                what: name("target"),
                text: &tgt_doc.text,
            };
            let mut notes = Vec::new();
            let settled = lang::settle_pair(&src_clues, &tgt_clues, policy, &mut notes);
            side::say(notes);
            let (s, t) = settled?;
            let (src, tgt) = (
                SideText::from_document(&src_doc, s.code, opts.mode),
                SideText::from_document(&tgt_doc, t.code, opts.mode),
            );
            if let Some(warning) = align::one_side_empty(
                (&name("source"), src.sentences.len()),
                (&name("target"), tgt.sentences.len()),
            ) {
                eprintln!("{warning}");
            }
            let alignment = align::align_sides(&aligner, &src, &tgt);
            let alignment = align::keep_unaligned(alignment, args.keep_unaligned);
            let beads: Vec<&ura_align::Bead> = alignment.beads.iter().collect();
            let mut buf = Vec::new();
            for row in align::rows_of(&beads, &src, &tgt, None) {
                let mut v = serde_json::to_value(ura_bitext::rows::Row {
                    score: (row.score * 10_000.0).round() / 10_000.0,
                    ..row
                })?;
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("id".to_string(), doc.id.clone());
                }
                serde_json::to_writer(&mut buf, &v)?;
                buf.push(b'\n');
            }
            Ok(buf)
        });
        match result {
            Ok(buf) => {
                out.write_all(&buf)?;
                out.flush()?;
            }
            Err(e) => {
                failed += 1;
                let msg: Vec<String> = e.chain().map(ToString::to_string).collect();
                eprintln!("ura: skipped input line {}: {}", k + 1, msg.join(": "));
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
