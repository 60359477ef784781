//! `ura batch`: many document pairs, in parallel, with per-pair and
//! combined outputs, failure isolation and a summary.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use crate::align;
use crate::cli::{AlignFormat, BatchArgs, BatchFormat, UsageError};
use crate::input::ReadOptions;
use crate::output::{self, plural};
use crate::side::{self, SideText};
use ura_corpus::lang;

mod combined;
mod pairs;
mod stream;

use combined::Combined;
use pairs::out_path;
pub(crate) use pairs::{pair_dirs, read_manifest};
pub use stream::stream;

/// One document pair to align.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    /// Its name in messages and in combined output (`x-ura-doc`, `doc`).
    pub name: String,
    pub src: PathBuf,
    pub tgt: PathBuf,
    /// Output file name inside `--out-dir`, if asked for.
    pub out: Option<PathBuf>,
}

/// What aligning one pair gave.
struct Done {
    rows: Vec<ura_bitext::rows::Row>,
    src_lang: String,
    tgt_lang: String,
    sentences: (usize, usize),
}

fn extension(format: AlignFormat) -> &'static str {
    match format {
        AlignFormat::Tsv => "tsv",
        AlignFormat::Jsonl => "jsonl",
        AlignFormat::Tmx => "tmx",
        AlignFormat::Csv => "csv",
        AlignFormat::Xlsx => "xlsx",
        AlignFormat::Moses => "txt",
        AlignFormat::Html => "html",
    }
}

/// Runs `ura batch`; the exit code says whether every pair went through.
pub fn run(args: &BatchArgs) -> Result<ExitCode> {
    if let Some(input) = &args.jsonl {
        return stream(args, input);
    }
    let usage = |msg: &str| -> anyhow::Error { UsageError(msg.to_string()).into() };
    if args.out_dir.is_none() && args.output.is_none() {
        return Err(usage(
            "say where to write: --out-dir DIR (one file per pair) and/or -o FILE (all pairs)",
        ));
    }
    let format = AlignFormat::from(args.format.unwrap_or(BatchFormat::Jsonl));
    let combined_format =
        match &args.output {
            Some(o) => Some(match align::format_from_extension(o)? {
                f @ (AlignFormat::Tmx | AlignFormat::Jsonl) => f,
                _ => return Err(usage(
                    "a combined output (-o) is .tmx or .jsonl (each pair marked with its document)",
                )),
            }),
            None => None,
        };
    let mut pairs = match (&args.manifest, &args.src_dir, &args.tgt_dir) {
        (Some(m), None, None) => read_manifest(m)?,
        (None, Some(s), Some(t)) => pair_dirs(s, t)?,
        _ => {
            return Err(usage(
                "give either --manifest FILE or both --src-dir and --tgt-dir",
            ))
        }
    };
    if pairs.is_empty() {
        bail!("no document pairs to align");
    }
    if let Some((k, n)) = args.shard {
        pairs = pairs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k)
            .map(|(_, p)| p)
            .collect();
    }
    // Output names: checked before any work, so nothing is written
    // outside the folder and no pair overwrites another's output.
    let mut outs: Vec<Option<Result<PathBuf>>> = Vec::with_capacity(pairs.len());
    let mut seen = std::collections::HashSet::new();
    for pair in &pairs {
        outs.push(args.out_dir.as_deref().map(|dir| {
            let p = out_path(pair, dir, extension(format))?;
            if !seen.insert(p.clone()) {
                bail!(
                    "output name {} is already used by another pair",
                    p.display()
                );
            }
            Ok(p)
        }));
    }
    // No output may be an input: checked before any work.
    let inputs: Vec<&Path> = pairs
        .iter()
        .flat_map(|p| [p.src.as_path(), p.tgt.as_path()])
        .collect();
    let inputs = output::Inputs::new(&inputs);
    for out in outs.iter().flatten().flatten().chain(args.output.as_ref()) {
        if let Some(input) = inputs.find(out) {
            return Err(usage(&format!(
                "the output {} is the input {}: it would be overwritten; choose another --out-dir or -o",
                out.display(),
                input.display()
            )));
        }
    }
    if let Some(o) = &args.output {
        output::check_output(o, &[])?;
    }
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let aligner = align::build_aligner(args.dict.as_deref())?;
    let opts = ReadOptions::from_args(&args.input);
    // TMX units are matched on their languages.
    let needs_lang = format == AlignFormat::Tmx || combined_format == Some(AlignFormat::Tmx);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    // Chunks keep memory bounded by a few documents while the output stays
    // in manifest order whatever the number of threads.
    let ranges = chunks(&pairs, &pool);
    // With a corpus lexicon: the lexicon, and each pair's pass 1 (so that
    // the main pass does not run it again).
    let corpus = if args.corpus_lexicon {
        Some(corpus_lexicon(
            &pairs, &ranges, args, &aligner, &opts, &pool,
        ))
    } else {
        None
    };
    let progress = progress_bar(pairs.len() as u64, args.quiet);
    let started = std::time::Instant::now();
    let mut combined = match (&args.output, combined_format) {
        (Some(path), Some(f)) => Some(Combined::new(path, f)),
        _ => None,
    };
    let (mut ok, mut failed, mut skipped) = (0usize, 0usize, 0usize);
    let (mut n_src, mut n_tgt, mut n_beads, mut score_sum) = (0usize, 0usize, 0usize, 0.0f64);
    let mut n_lone = 0usize;
    for range in ranges {
        let (Some(chunk_pairs), Some(chunk_outs)) =
            (pairs.get(range.clone()), outs.get(range.clone()))
        else {
            continue;
        };
        let start = range.start;
        let results: Vec<Option<Result<Done>>> = pool.install(|| {
            chunk_pairs
                .par_iter()
                .zip(chunk_outs.par_iter())
                .enumerate()
                .map(|(k, (pair, out))| {
                    let corpus = corpus
                        .as_ref()
                        .map(|(lex, firsts)| (lex, firsts.get(start + k)));
                    let result = match out {
                        Some(Err(e)) => Some(Err(anyhow::anyhow!("{e}"))),
                        Some(Ok(path)) if args.skip_existing && path.exists() => None,
                        _ => Some(isolate(|| {
                            let out = out.as_ref().and_then(|o| o.as_ref().ok());
                            process(
                                (pair, start + k),
                                out,
                                format,
                                args,
                                (&aligner, corpus),
                                (&opts, needs_lang),
                            )
                        })),
                    };
                    progress.inc(1);
                    result
                })
                .collect()
        });
        for (pair, result) in chunk_pairs.iter().zip(results) {
            match result {
                None => skipped += 1,
                Some(Err(e)) => {
                    failed += 1;
                    let msg: Vec<String> = e.chain().map(ToString::to_string).collect();
                    progress
                        .suspend(|| eprintln!("ura: skipped {}: {}", pair.name, msg.join(": ")));
                }
                Some(Ok(done)) => {
                    if let Some(why) = combined
                        .as_ref()
                        .and_then(|c| c.mismatch(&done.src_lang, &done.tgt_lang))
                    {
                        failed += 1;
                        progress.suspend(|| eprintln!("ura: skipped {}: {why}", pair.name));
                        continue;
                    }
                    ok += 1;
                    let (n, m) = done.sentences;
                    let (src, tgt) = (pair.src.display(), pair.tgt.display());
                    if let Some(warning) = align::one_side_empty((&src, n), (&tgt, m)) {
                        progress.suspend(|| eprintln!("{warning}"));
                    }
                    n_src += n;
                    n_tgt += m;
                    n_beads += done.rows.len();
                    let (s, t) = align::lone_sentences(&done.rows);
                    n_lone += s + t;
                    score_sum += done.rows.iter().map(|r| r.score).sum::<f64>();
                    let rate = (n_src + n_tgt) as f64 / started.elapsed().as_secs_f64().max(1e-3);
                    progress.set_message(format!(
                        "{} sentences, {rate:.0} sentences/s",
                        n_src + n_tgt
                    ));
                    if let Some(c) = combined.as_mut() {
                        // On an error the temporary file is removed as
                        // `combined` is dropped.
                        c.add(&done.rows, &done.src_lang, &done.tgt_lang)?;
                    }
                }
            }
        }
    }
    progress.finish_and_clear();
    if let Some(c) = combined {
        let lang = |flag: &Option<String>| flag.clone().unwrap_or_else(|| "und".to_string());
        c.finish(&lang(&args.src_lang), &lang(&args.tgt_lang))?;
    }
    let mean = if n_beads > 0 {
        score_sum / n_beads as f64
    } else {
        0.0
    };
    let mut summary = format!(
        "ura: {} aligned, {failed} failed; {n_src} source and {n_tgt} target sentences, {}, {} without a counterpart{}, mean confidence {mean:.3}",
        plural(ok, "pair", "pairs"),
        plural(n_beads, "bead", "beads"),
        plural(n_lone, "sentence", "sentences"),
        if n_lone > 0 && (format == AlignFormat::Tmx || combined_format == Some(AlignFormat::Tmx)) {
            " (not in the TMX)"
        } else {
            ""
        },
    );
    if skipped > 0 {
        summary.push_str(&format!("; {skipped} skipped (output exists)"));
    }
    if !args.quiet {
        eprintln!("{summary}");
    }
    let _ = std::io::stderr().flush();
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Most pairs handed to the threads at a time, per thread: each chunk ends
/// with the threads waiting for its slowest pair, so a chunk should hold
/// many pairs per thread.
const PAIRS_PER_THREAD: usize = 32;

/// Most input bytes in one chunk (a chunk's results are held until it is
/// written): memory follows a few large documents, not the corpus.
const CHUNK_BYTES: u64 = 32 << 20;

/// Splits `pairs` into the ranges handled at a time: up to
/// [`PAIRS_PER_THREAD`] pairs per thread and [`CHUNK_BYTES`] of input
/// (at least one pair each).
fn chunks(pairs: &[Pair], pool: &rayon::ThreadPool) -> Vec<std::ops::Range<usize>> {
    chunks_by(pairs, pool.current_num_threads(), |p| {
        std::fs::metadata(p).map_or(0, |m| m.len())
    })
}

/// [`chunks`] for `threads` threads, with the input files' sizes from
/// `size`.
fn chunks_by(
    pairs: &[Pair],
    threads: usize,
    size: impl Fn(&Path) -> u64,
) -> Vec<std::ops::Range<usize>> {
    let most = PAIRS_PER_THREAD * threads.max(1);
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (k, pair) in pairs.iter().enumerate() {
        let b = size(&pair.src) + size(&pair.tgt);
        if k > start && (k - start >= most || bytes + b > CHUNK_BYTES) {
            out.push(start..k);
            (start, bytes) = (k, 0);
        }
        bytes += b;
    }
    if start < pairs.len() {
        out.push(start..pairs.len());
    }
    out
}

/// Learns one lexicon from the first passes of all pairs (pairs that fail
/// here are reported by the main pass), and keeps each pair's pass 1 for
/// the main pass (a few bytes per bead; in pair order).
fn corpus_lexicon(
    pairs: &[Pair],
    ranges: &[std::ops::Range<usize>],
    args: &BatchArgs,
    aligner: &ura_align::Aligner,
    opts: &ReadOptions,
    pool: &rayon::ThreadPool,
) -> (ura_align::Lexicon, Vec<ura_align::FirstPass>) {
    // A chunk of pairs at a time, in order, their words interned as they
    // come: the material is a few bytes per word, not a string each.
    let mut builder = ura_align::LexiconBuilder::new();
    let mut firsts = Vec::with_capacity(pairs.len());
    for range in ranges {
        let Some(chunk_pairs) = pairs.get(range.clone()) else {
            continue;
        };
        let passes: Vec<ura_align::FirstPass> = pool.install(|| {
            chunk_pairs
                .par_iter()
                .map(|pair| {
                    isolate(|| {
                        let policy = lang::Policy {
                            required: false,
                            check_given: false,
                            unknown: "using generic rules and writing und",
                        };
                        let (src, tgt) = read_pair(pair, args, opts, policy)?;
                        Ok(aligner.first_pass(&src.as_sentences(), &tgt.as_sentences()))
                    })
                    .unwrap_or_default()
                })
                .collect()
        });
        for mut first in passes {
            builder.add(first.take_material());
            firsts.push(first);
        }
    }
    (builder.build(), firsts)
}

/// Pairs whose given languages (flags, file names) are checked against
/// their texts: a wrong flag or a naming pattern shows in the first
/// pairs, and detection costs more than aligning a short pair.
const CHECK_PAIRS: usize = 4;

/// Reads, decodes and splits both sides of a pair. `policy` says whether
/// the languages must be known and whether given ones are checked.
fn read_pair(
    pair: &Pair,
    args: &BatchArgs,
    opts: &ReadOptions,
    policy: lang::Policy,
) -> Result<(SideText, SideText)> {
    let langs = side::PairLangs {
        src: args.src_lang.as_deref(),
        tgt: args.tgt_lang.as_deref(),
        policy,
    };
    side::split_pair((&pair.src, &pair.tgt), &langs, opts)
}

/// Runs `f`, turning a panic into an error so that one pair cannot stop
/// the others (the panic hook has already printed it).
fn isolate<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(anyhow::anyhow!("internal error")))
}

/// Aligns one pair and writes its own output, if any.
fn process(
    (pair, index): (&Pair, usize),
    out: Option<&PathBuf>,
    format: AlignFormat,
    args: &BatchArgs,
    (aligner, corpus): (
        &ura_align::Aligner,
        Option<(&ura_align::Lexicon, Option<&ura_align::FirstPass>)>,
    ),
    (opts, needs_lang): (&ReadOptions, bool),
) -> Result<Done> {
    let policy = lang::Policy {
        required: needs_lang,
        check_given: index < CHECK_PAIRS,
        unknown: "using generic rules and writing und",
    };
    let (src, tgt) = read_pair(pair, args, opts, policy)?;
    let (s, t) = (src.as_sentences(), tgt.as_sentences());
    let alignment = match corpus {
        Some((lex, Some(first))) => aligner.align_after_first_pass(&s, &t, lex, first),
        Some((lex, None)) => aligner.align_with_lexicon(&s, &t, lex),
        None => align::align_sides(aligner, &src, &tgt),
    };
    let alignment = align::keep_unaligned(alignment, args.keep_unaligned);
    let beads: Vec<&ura_align::Bead> = alignment.beads.iter().collect();
    // The pair's own output has no `doc`: the rows get theirs, for the
    // combined output (-o), only once it is written, not from a copy.
    let mut rows = align::rows_of(&beads, &src, &tgt, None);
    if let Some(path) = out {
        let mut buf = Vec::new();
        align::write_rows(&mut buf, format, &rows, &src.lang, &tgt.lang, false)?;
        align::write_atomically(path, &buf)?;
    }
    if args.output.is_some() {
        for r in &mut rows {
            r.doc = Some(pair.name.clone());
        }
    }
    Ok(Done {
        rows,
        sentences: (src.sentences.len(), tgt.sentences.len()),
        src_lang: src.lang,
        tgt_lang: tgt.lang,
    })
}

/// A progress bar on stderr, drawn only on a terminal and without --quiet.
fn progress_bar(total: u64, quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    let style =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} pairs, {msg}, ETA {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(src: &str, out: Option<&str>) -> Pair {
        Pair {
            name: src.into(),
            src: PathBuf::from(src),
            tgt: PathBuf::from("t.txt"),
            out: out.map(PathBuf::from),
        }
    }

    #[test]
    fn chunks_cover_the_pairs_in_order_within_their_bounds() {
        let pairs: Vec<Pair> = (0..200).map(|k| pair(&format!("{k}"), None)).collect();
        // Pair 70 is one large document; the others are small.
        let size = |p: &Path| {
            if p == Path::new("70") {
                CHUNK_BYTES * 2
            } else if p == Path::new("t.txt") {
                1
            } else {
                1000
            }
        };
        let ranges = chunks_by(&pairs, 2, size);
        let mut next = 0;
        for r in &ranges {
            assert_eq!(r.start, next);
            assert!(!r.is_empty() && r.len() <= 2 * PAIRS_PER_THREAD, "{r:?}");
            next = r.end;
        }
        assert_eq!(next, pairs.len());
        // The large document is a chunk of its own.
        assert!(ranges.contains(&(70..71)), "{ranges:?}");
        assert!(chunks_by(&[], 2, size).is_empty());
    }

    #[test]
    fn output_names_never_leave_the_folder() {
        let dir = Path::new("/out");
        assert_eq!(
            out_path(&pair("a/doc1.txt", None), dir, "tmx").unwrap(),
            Path::new("/out/doc1.tmx")
        );
        assert_eq!(
            out_path(&pair("x", Some("sub/y.jsonl")), dir, "tmx").unwrap(),
            Path::new("/out/sub/y.jsonl")
        );
        for bad in ["../../etc/x", "/etc/passwd", "a/../../b", "./x"] {
            assert!(
                out_path(&pair("x", Some(bad)), dir, "tmx").is_err(),
                "{bad}"
            );
        }
    }
}
