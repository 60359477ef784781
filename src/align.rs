//! `ura align`.

use std::borrow::Borrow;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::cli::{AlignArgs, AlignFormat, UsageError};
use crate::input::ReadOptions;
pub(crate) use crate::output::write_atomically;
use crate::output::{self, plural};
use crate::side::{split_pair, PairLangs, SideText};
use ura_corpus::lang;

/// Confidence below which XLSX rows are highlighted for review.
const REVIEW_BELOW: f64 = 0.7;

/// An aligner with the user's dictionary, if any.
pub(crate) fn build_aligner(dict: Option<&Path>) -> Result<ura_align::Aligner> {
    Ok(aligner_builder(dict)?.build())
}

fn aligner_builder(dict: Option<&Path>) -> Result<ura_align::AlignerBuilder> {
    let mut builder = ura_align::AlignerBuilder::new();
    if let Some(dict) = dict {
        let text = std::fs::read_to_string(dict)
            .with_context(|| format!("cannot read {}", dict.display()))?;
        let (pairs, notes) = ura_corpus::pair::read_dictionary(&text, &dict.display().to_string());
        for note in notes {
            eprintln!("ura: {note}");
        }
        builder.dictionary(pairs);
    }
    Ok(builder)
}

/// The output format: `-f`, else the extension of the output file, else
/// TSV (to standard output); a usage error when `--excel` is given for
/// another format than CSV, parallel text has no `-o PREFIX`, or XLSX
/// would go to a terminal. `output` is `None` for standard output.
pub(crate) fn settle_format(
    format: Option<AlignFormat>,
    output: Option<&Path>,
    excel: bool,
) -> Result<AlignFormat> {
    let format = match (format, output) {
        (Some(f), _) => f,
        (None, Some(o)) => format_from_extension(o)?,
        _ => AlignFormat::Tsv,
    };
    if excel && format != AlignFormat::Csv {
        return Err(UsageError("--excel applies to CSV output only".into()).into());
    }
    match output {
        Some(_) => {}
        None if format == AlignFormat::Moses => {
            return Err(UsageError(
                "-f moses writes two files: give their prefix with -o PREFIX".into(),
            )
            .into())
        }
        None if format == AlignFormat::Xlsx && std::io::stdout().is_terminal() => {
            return Err(UsageError(
                "XLSX is a binary format, not for a terminal: write it to a file with -o FILE.xlsx"
                    .into(),
            )
            .into())
        }
        None => {}
    }
    Ok(format)
}

/// Sentences from which `ura align` shows its progress: below this a run
/// takes well under a second.
const PROGRESS_FROM: usize = 5_000;

/// Aligns two split sides.
pub(crate) fn align_sides(
    aligner: &ura_align::Aligner,
    src: &SideText,
    tgt: &SideText,
) -> ura_align::Alignment {
    aligner.align(&src.as_sentences(), &tgt.as_sentences())
}

/// Applies `--keep-unaligned` to an alignment.
pub(crate) fn keep_unaligned(
    mut alignment: ura_align::Alignment,
    how: Option<crate::cli::KeepUnaligned>,
) -> ura_align::Alignment {
    if how == Some(crate::cli::KeepUnaligned::Merge) {
        alignment.attach_unaligned(ura_align::LOW_CONFIDENCE);
    }
    alignment
}

/// The warning for a pair of which one side has no sentences (every
/// sentence of the other is then left unaligned), if that is so; each side
/// is given as its name and its number of sentences.
pub(crate) fn one_side_empty(
    src: (&dyn std::fmt::Display, usize),
    tgt: (&dyn std::fmt::Display, usize),
) -> Option<String> {
    let ((empty, _), (other, count)) = match (src.1, tgt.1) {
        (0, 0) => return None,
        (0, _) => (src, tgt),
        (_, 0) => (tgt, src),
        _ => return None,
    };
    Some(format!(
        "ura: warning: {empty} has no sentences; the {count} sentences of {other} are left without a counterpart"
    ))
}

/// Runs `ura align`.
pub fn run(args: &AlignArgs) -> Result<()> {
    // The output is settled before any input is read.
    let output = args.output.as_deref().filter(|o| o.as_os_str() != "-");
    if let Some(o) = output {
        output::check_output(o, &[&args.src, &args.tgt])?;
    }
    let format = settle_format(args.format, output, args.excel)?;
    if args.min_score.is_some() && format == AlignFormat::Html {
        return Err(UsageError(
            "--min-score does not apply to the HTML report: it shows every pair, with a filter for the doubtful ones".into(),
        )
        .into());
    }
    let opts = ReadOptions::from_args(&args.input);
    let langs = PairLangs {
        src: args.src_lang.as_deref(),
        tgt: args.tgt_lang.as_deref(),
        policy: lang::Policy {
            // TMX units are matched on their languages; parallel text
            // files are named by them.
            required: matches!(format, AlignFormat::Tmx | AlignFormat::Moses),
            check_given: true,
            unknown: "using generic rules and writing und",
        },
    };
    if output::same_file(&args.src, &args.tgt) {
        eprintln!(
            "ura: warning: the source and the target are one file ({}); every sentence will pair with itself",
            args.src.display()
        );
    }
    let (src, tgt) = split_pair((&args.src, &args.tgt), &langs, &opts)?;
    let mut builder = aligner_builder(args.dict.as_deref())?;
    let (n, m) = (src.sentences.len(), tgt.sentences.len());
    if let Some(warning) = one_side_empty((&args.src.display(), n), (&args.tgt.display(), m)) {
        eprintln!("{warning}");
    } else if n + m == 0 {
        eprintln!(
            "ura: warning: neither {} nor {} has any sentence; the output holds no pairs",
            args.src.display(),
            args.tgt.display()
        );
    }
    let spinner = if !args.quiet && n + m >= PROGRESS_FROM && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        let shown = bar.clone();
        builder.on_stage(move |stage| {
            shown.set_message(format!("aligning {n} × {m} sentences: {stage}"))
        });
        Some(bar)
    } else {
        None
    };
    let alignment = align_sides(&builder.build(), &src, &tgt);
    let alignment = keep_unaligned(alignment, args.keep_unaligned);
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    let min = args.min_score.unwrap_or(0.0);
    let kept: Vec<&ura_align::Bead> = alignment.beads.iter().filter(|b| b.score >= min).collect();
    let dropped = alignment.beads.len() - kept.len();
    let written = if format == AlignFormat::Html {
        let buf = crate::review::report(&src, &tgt, &alignment.beads, REVIEW_BELOW)?;
        write_output(output, &buf)?
    } else {
        // Made one at a time as they are written: the output is never
        // held whole (at 100,000 sentences the rows and the written bytes
        // took about 45 MB above the search's peak).
        let rows = ura_corpus::rows::rows(kept.iter().copied(), &src, &tgt, None);
        let langs = (src.lang.as_str(), tgt.lang.as_str());
        let inputs = [args.src.as_path(), args.tgt.as_path()];
        write_rows_to(output, format, rows, langs, args.excel, &inputs)?
    };
    if !args.quiet {
        let lone_left_out = matches!(format, AlignFormat::Tmx | AlignFormat::Moses);
        eprintln!(
            "{}",
            summary(&kept, (&src, &tgt), &written, lone_left_out, (dropped, min))
        );
    }
    Ok(())
}

/// Most places of doubtful unaligned sentences the summary names.
const PLACES_SHOWN: usize = 5;

/// Where the first sentences of null beads are, side by side:
/// `source lines 3, 5; target line 25`, at most [`PLACES_SHOWN`] in all.
fn places(beads: &[&&ura_align::Bead], src: &SideText, tgt: &SideText) -> String {
    let mut shown = 0;
    let mut parts = Vec::new();
    let firsts = |of: fn(&ura_align::Bead) -> &std::ops::Range<usize>| -> Vec<usize> {
        beads
            .iter()
            .map(|b| of(b))
            .filter(|r| !r.is_empty())
            .map(|r| r.start)
            .collect()
    };
    for (name, side, firsts) in [
        ("source", src, firsts(|b| &b.src)),
        ("target", tgt, firsts(|b| &b.tgt)),
    ] {
        let at: Vec<usize> = firsts
            .iter()
            .filter_map(|&k| side.locations.get(k).copied())
            .collect();
        if at.is_empty() || shown >= PLACES_SHOWN {
            continue;
        }
        let take = at.len().min(PLACES_SHOWN - shown);
        shown += take;
        let list: Vec<String> = at.iter().take(take).map(ToString::to_string).collect();
        parts.push(format!(
            "{name} {}{} {}{}",
            side.location_unit,
            if at.len() == 1 { "" } else { "s" },
            list.join(", "),
            if take < at.len() { ", …" } else { "" }
        ));
    }
    parts.join("; ")
}

/// The one-line summary of a written alignment: pairs (beads with both
/// sides) and where they went; the unaligned sentences (left out of TMX
/// and parallel text: `lone_left_out`), and where the doubtful ones are
/// (confidence below [`REVIEW_BELOW`]); pairs below it; beads left out by
/// `--min-score`.
fn summary(
    beads: &[&ura_align::Bead],
    (src, tgt): (&SideText, &SideText),
    written: &str,
    lone_left_out: bool,
    (dropped, min): (usize, f64),
) -> String {
    let pairs = beads
        .iter()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty());
    let n_pairs = pairs.clone().count();
    let low = pairs.filter(|b| b.score < REVIEW_BELOW).count();
    let lone: Vec<&&ura_align::Bead> = beads
        .iter()
        .filter(|b| b.src.is_empty() || b.tgt.is_empty())
        .collect();
    let n_lone: usize = lone.iter().map(|b| b.src.len() + b.tgt.len()).sum();
    let mut line = format!(
        "ura: wrote {} to {written}",
        plural(n_pairs, "pair", "pairs")
    );
    if n_lone > 0 {
        let doubtful: Vec<&&ura_align::Bead> = lone
            .iter()
            .copied()
            .filter(|b| b.score < REVIEW_BELOW)
            .collect();
        line.push_str(&format!(
            "; {} {}",
            plural(n_lone, "sentence", "sentences"),
            if lone_left_out {
                "without a counterpart left out"
            } else {
                "without a counterpart"
            }
        ));
        if !doubtful.is_empty() {
            line.push_str(&format!(
                " ({} doubtful: {})",
                doubtful.len(),
                places(&doubtful, src, tgt)
            ));
        }
    }
    line.push_str(&format!(
        "; {} below {REVIEW_BELOW}",
        plural(low, "pair", "pairs")
    ));
    if dropped > 0 {
        line.push_str(&format!(
            "; {} below --min-score {min} left out",
            plural(dropped, "bead", "beads")
        ));
    }
    line
}

/// The output format named by a file's extension; anything else (`.txt`
/// among them: tab-separated or parallel text?) is a usage error asking
/// for `-f`.
pub(crate) fn format_from_extension(path: &Path) -> Result<AlignFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let usage = |why: String| -> anyhow::Error {
        UsageError(format!(
            "cannot tell the output format of {} {why}; use -f tsv, jsonl, tmx, csv, xlsx, html or moses",
            path.display()
        ))
        .into()
    };
    Ok(match ext.as_str() {
        "tsv" => AlignFormat::Tsv,
        "jsonl" | "json" => AlignFormat::Jsonl,
        "tmx" => AlignFormat::Tmx,
        "csv" => AlignFormat::Csv,
        "xlsx" => AlignFormat::Xlsx,
        "html" | "htm" => AlignFormat::Html,
        "" => return Err(usage("(no extension)".into())),
        other => return Err(usage(format!("from its extension '.{other}'"))),
    })
}

use ura_bitext::rows::Row;
pub(crate) use ura_corpus::rows::{lone_sentences, rows_of, tmx_unit};

/// The TMX header for a pair of languages (normalised; an invalid code is
/// an error). `SOURCE_DATE_EPOCH` fixes the creation date.
pub(crate) fn tmx_header(src_lang: &str, tgt_lang: &str) -> Result<ura_bitext::tmx::TmxHeader> {
    Ok(ura_corpus::rows::tmx_header_now(
        src_lang,
        tgt_lang,
        env!("CARGO_PKG_VERSION"),
    )?)
}

/// Writes rows in `format` (every format but parallel text) to `out`, one
/// at a time as `rows` gives them (a slice, or rows made as they are
/// written); XLSX is built whole, then written.
pub(crate) fn write_rows<R: Borrow<Row>>(
    mut out: impl Write,
    format: AlignFormat,
    rows: impl IntoIterator<Item = R>,
    src_lang: &str,
    tgt_lang: &str,
    excel: bool,
) -> Result<()> {
    use ura_bitext::rows;
    match format {
        AlignFormat::Moses => bail!("parallel text is written as two files"),
        AlignFormat::Html => bail!("an HTML report is written from the beads, not from rows"),
        AlignFormat::Tsv => rows::write_tsv(&mut out, src_lang, tgt_lang, rows)?,
        AlignFormat::Csv => rows::write_csv(&mut out, src_lang, tgt_lang, rows, excel)?,
        AlignFormat::Jsonl => rows::write_jsonl(&mut out, rows)?,
        AlignFormat::Tmx => write_tmx(&mut out, rows, src_lang, tgt_lang)?,
        AlignFormat::Xlsx => {
            let (bytes, stats) =
                ura_bitext::xlsx::write_xlsx(src_lang, tgt_lang, rows, REVIEW_BELOW)
                    .context("cannot build the XLSX workbook")?;
            if stats.truncated > 0 {
                eprintln!(
                    "ura: warning: {} cells cut to {} characters, the most a spreadsheet cell holds",
                    stats.truncated,
                    ura_bitext::xlsx::MAX_CELL_CHARS
                );
            }
            out.write_all(&bytes)?;
        }
    }
    Ok(())
}

/// Writes `bytes` to `output`, or to standard output when it is `None`;
/// says where they went, for the summary.
fn write_output(output: Option<&Path>, bytes: &[u8]) -> Result<String> {
    match output {
        Some(o) => write_atomically(o, bytes)?,
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(output.map_or("standard output".to_string(), |o| o.display().to_string()))
}

/// Writes rows in `format` (every format but the HTML report) to
/// `output` (standard output when `None`; parallel text needs a prefix)
/// in the languages `(src, tgt)`, one at a time as `rows` gives them;
/// `inputs` are the files the outputs may not be. Says where the rows
/// went, for the summary.
pub(crate) fn write_rows_to<R: Borrow<Row>>(
    output: Option<&Path>,
    format: AlignFormat,
    rows: impl IntoIterator<Item = R>,
    (src_lang, tgt_lang): (&str, &str),
    excel: bool,
    inputs: &[&Path],
) -> Result<String> {
    if format == AlignFormat::Moses {
        let prefix = output.unwrap_or(Path::new("ura"));
        return write_moses(prefix, rows, (src_lang, tgt_lang), inputs);
    }
    match output {
        Some(o) => {
            let mut file = output::AtomicFile::create(o)?;
            write_rows(&mut file, format, rows, src_lang, tgt_lang, excel)?;
            file.commit()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write_rows(&mut out, format, rows, src_lang, tgt_lang, excel)?;
            out.flush()?;
        }
    }
    Ok(output.map_or("standard output".to_string(), |o| o.display().to_string()))
}

/// Writes parallel plain text: `PREFIX.<src-lang>` and `PREFIX.<tgt-lang>`,
/// one line per row that has both sides (line breaks inside a segment
/// become spaces, so the files stay line-aligned).
fn write_moses<R: Borrow<Row>>(
    prefix: &Path,
    rows: impl IntoIterator<Item = R>,
    (src_lang, tgt_lang): (&str, &str),
    inputs: &[&Path],
) -> Result<String> {
    let path_for = |lang: &str| {
        let mut p = prefix.as_os_str().to_owned();
        p.push(format!(".{lang}"));
        std::path::PathBuf::from(p)
    };
    let (pa, pb) = (path_for(src_lang), path_for(tgt_lang));
    if pa == pb {
        return Err(UsageError(format!(
            "source and target language are both '{src_lang}': the two files would be one; set --src-lang and --tgt-lang"
        ))
        .into());
    }
    output::check_output(&pa, inputs)?;
    output::check_output(&pb, inputs)?;
    let (mut a, mut b) = (
        output::AtomicFile::create(&pa)?,
        output::AtomicFile::create(&pb)?,
    );
    let line = |out: &mut output::AtomicFile, s: &str| -> std::io::Result<()> {
        for (k, part) in s.split(['\n', '\r']).enumerate() {
            if k > 0 {
                out.write_all(b" ")?;
            }
            out.write_all(part.as_bytes())?;
        }
        out.write_all(b"\n")
    };
    for row in rows.into_iter() {
        let row = row.borrow();
        if !row.src_idx.is_empty() && !row.tgt_idx.is_empty() {
            line(&mut a, &row.src)?;
            line(&mut b, &row.tgt)?;
        }
    }
    a.commit()?;
    b.commit()?;
    Ok(format!("{} and {}", pa.display(), pb.display()))
}

/// Says on stderr how many characters XML could not hold, if any.
pub(crate) fn report_tmx(removed_chars: usize) {
    if removed_chars > 0 {
        eprintln!("ura: warning: removed {removed_chars} characters that XML cannot hold (control characters)");
    }
}

/// Writes the beads that have both sides as TMX units, each made as it is
/// written.
fn write_tmx<R: Borrow<Row>>(
    out: impl Write,
    rows: impl IntoIterator<Item = R>,
    src_lang: &str,
    tgt_lang: &str,
) -> Result<()> {
    let header = tmx_header(src_lang, tgt_lang)?;
    let units = rows.into_iter().filter_map(|r| tmx_unit(r.borrow()));
    let stats = ura_bitext::tmx::write_tmx(out, &header, units)?;
    report_tmx(stats.removed_chars);
    Ok(())
}
