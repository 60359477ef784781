//! `ura review`: a page on 127.0.0.1 where a reviewer fixes an alignment
//! pair by pair, re-aligns the rest around the fixes, and exports it; and
//! the same page as a read-only report (`ura align -f html`).

mod api;
mod export;
mod file;
mod page;
mod server;
mod state;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use crate::cli::{ReviewArgs, UsageError};
use file::Origin;
use state::{Bead, Review, Side};

pub(crate) use page::report;

/// Runs `ura review`.
pub fn run(args: &ReviewArgs) -> Result<()> {
    // Outputs are checked before any work: neither the review file nor an
    // export may be an input, nor an export the review file.
    let inputs: Vec<&Path> = args.inputs.iter().map(PathBuf::as_path).collect();
    if let [src, tgt] = inputs[..] {
        let review = review_path(args, src, tgt);
        crate::output::check_output(&review, &inputs)?;
        if let Some(out) = &args.export {
            crate::output::check_output(out, &[src, tgt, &review])?;
        }
    } else if let Some(out) = &args.export {
        crate::output::check_output(out, &inputs)?;
    }
    let (review, origin, path) = open(args)?;
    if let Some(out) = &args.export {
        let filter = export::Filter {
            reviewed_only: args.reviewed_only,
            min_score: args.min_score.unwrap_or(0.0),
        };
        return export::write_file(&review, out, args.format, &filter, args.threshold);
    }
    let saver = file::Saver::new(&path, &review, &origin)?;
    let (server, port) = server::bind(args.port)?;
    let guard = server::Guard {
        port,
        token: server::new_token()?,
    };
    let url = format!("http://127.0.0.1:{port}/?token={}", guard.token);
    // The URL alone on standard output, for a script to read.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{url}")?;
    stdout.flush()?;
    eprintln!(
        "ura: reviewing {} beads; every change is saved at once to {}. Stop with Ctrl-C or Quit on the page.",
        review.beads().len(),
        path.display()
    );
    if !args.no_open {
        if let Err(e) = server::open_browser(&url) {
            eprintln!("ura: warning: cannot open a browser ({e}); open the URL above");
        }
    }
    let mut session = api::Session {
        review,
        origin,
        saver,
        threshold: args.threshold,
    };
    server::run(&server, &guard, &mut session);
    eprintln!("ura: stopped; the review is in {}", path.display());
    Ok(())
}

/// The review the arguments name: a review file resumed, or a pair read
/// and aligned (and its review file resumed if it exists).
fn open(args: &ReviewArgs) -> Result<(Review, Origin, PathBuf)> {
    match args.inputs.as_slice() {
        [file] => {
            if args.output.is_some() || args.src_lang.is_some() || args.tgt_lang.is_some() {
                return Err(UsageError(format!(
                    "-o, --src-lang and --tgt-lang apply to SRC TGT; {} is a review file, which holds them",
                    file.display()
                ))
                .into());
            }
            let (review, origin) = file::load(file)?;
            Ok((review, origin, file.clone()))
        }
        [src, tgt] => open_pair(args, src, tgt),
        _ => Err(UsageError("give SRC and TGT, or one review file".into()).into()),
    }
}

/// The review file of a pair: -o, else `SRC-TGT.review.jsonl` (the file
/// stems) in the current folder.
fn review_path(args: &ReviewArgs, src: &Path, tgt: &Path) -> PathBuf {
    let stem = |p: &Path| {
        p.file_stem()
            .map_or_else(|| "input".to_string(), |s| s.to_string_lossy().into_owned())
    };
    args.output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}-{}.review.jsonl", stem(src), stem(tgt))))
}

fn open_pair(args: &ReviewArgs, src: &Path, tgt: &Path) -> Result<(Review, Origin, PathBuf)> {
    let opts = crate::input::ReadOptions::from_args(&args.input);
    let langs = crate::side::PairLangs {
        src: args.src_lang.as_deref(),
        tgt: args.tgt_lang.as_deref(),
        policy: ura_corpus::lang::Policy {
            required: false,
            check_given: true,
            unknown: "using generic rules and writing und",
        },
    };
    let (s, t) = crate::side::split_pair((src, tgt), &langs, &opts)?;
    let path = review_path(args, src, tgt);
    if path.exists() {
        let (review, origin) = file::load(&path)?;
        for (what, input, had, has) in [
            ("source", src, &review.src.sentences, &s.sentences),
            ("target", tgt, &review.tgt.sentences, &t.sentences),
        ] {
            if had != has {
                let first = had
                    .iter()
                    .zip(has)
                    .position(|(a, b)| a != b)
                    .unwrap_or(had.len().min(has.len()));
                bail!(
                    "{} is the review of another {what} text than {} ({} sentences there, {} here; the first to differ is sentence {}); give another review file with -o, or remove it",
                    path.display(),
                    input.display(),
                    had.len(),
                    has.len(),
                    first + 1
                );
            }
        }
        eprintln!("ura: resuming the review in {}", path.display());
        return Ok((review, origin, path));
    }
    let (n, m) = (s.sentences.len(), t.sentences.len());
    if let Some(warning) = crate::align::one_side_empty((&src.display(), n), (&tgt.display(), m)) {
        eprintln!("{warning}");
    }
    let aligner = crate::align::build_aligner(args.dict.as_deref())?;
    let alignment = crate::align::align_sides(&aligner, &s, &t);
    let beads = alignment
        .beads
        .into_iter()
        .map(|b| Bead::aligned(b.src, b.tgt, b.score))
        .collect();
    let review = Review::new(Side::of(&s), Side::of(&t), beads, 0).map_err(anyhow::Error::msg)?;
    let origin = Origin {
        src_file: Some(src.display().to_string()),
        tgt_file: Some(tgt.display().to_string()),
        dict: args.dict.clone(),
    };
    file::Saver::new(&path, &review, &origin)?.save(&review)?;
    Ok((review, origin, path))
}
