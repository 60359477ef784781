//! `ura align`.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::cli::{AlignArgs, AlignFormat};
use crate::input::ReadOptions;
use crate::side::{split_pair, SideText};

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
        builder.dictionary(ura_align::parse_hunalign_dictionary(&text));
    }
    Ok(builder)
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
    // The output's format is settled before any work is done.
    let format = match (args.format, args.output.as_deref()) {
        (Some(f), _) => f,
        (None, Some(o)) if o.as_os_str() != "-" => format_from_extension(o)?,
        _ => AlignFormat::Tsv,
    };
    if args.excel && format != AlignFormat::Csv {
        bail!("--excel applies to CSV output only");
    }
    let opts = ReadOptions::from_args(&args.input);
    let (src, tgt) = split_pair(
        (&args.src, &args.tgt),
        (args.src_lang.as_deref(), args.tgt_lang.as_deref()),
        &opts,
    )?;
    let mut builder = aligner_builder(args.dict.as_deref())?;
    let (n, m) = (src.sentences.len(), tgt.sentences.len());
    if let Some(warning) = one_side_empty((&args.src.display(), n), (&args.tgt.display(), m)) {
        eprintln!("{warning}");
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
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    let min = args.min_score.unwrap_or(0.0);
    let kept: Vec<&ura_align::Bead> = alignment.beads.iter().filter(|b| b.score >= min).collect();
    let dropped = alignment.beads.len() - kept.len();
    if dropped > 0 {
        eprintln!(
            "ura: dropped {dropped} of {} pairs below --min-score {min}",
            alignment.beads.len()
        );
    }
    if format == AlignFormat::Moses {
        return write_moses(args.output.as_deref(), &kept, &src, &tgt);
    }
    let mut buf = Vec::new();
    let rows = rows_of(&kept, &src, &tgt, None);
    write_rows(&mut buf, format, &rows, &src.lang, &tgt.lang, args.excel)?;
    match args.output.as_deref() {
        Some(o) if o.as_os_str() != "-" => {
            write_atomically(o, &buf)?;
        }
        _ => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            out.write_all(&buf)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// The output format named by a file's extension.
pub(crate) fn format_from_extension(path: &Path) -> Result<AlignFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    Ok(match ext.as_str() {
        "tsv" | "txt" => AlignFormat::Tsv,
        "jsonl" | "json" => AlignFormat::Jsonl,
        "tmx" => AlignFormat::Tmx,
        "csv" => AlignFormat::Csv,
        "xlsx" => AlignFormat::Xlsx,
        "" => bail!(
            "cannot tell the output format of {} (no extension); use -f tsv, jsonl, tmx, csv, xlsx or moses",
            path.display()
        ),
        other => bail!(
            "cannot tell the output format from the extension '.{other}' of {}; use -f tsv, jsonl, tmx, csv, xlsx or moses",
            path.display()
        ),
    })
}

/// Joins the sentences of one side of a bead.
fn join(side: &SideText, range: &std::ops::Range<usize>) -> String {
    side.sentences
        .get(range.clone())
        .unwrap_or_default()
        .join(" ")
}

/// The beads as rows, each tagged with `doc` when given.
pub(crate) fn rows_of(
    beads: &[&ura_align::Bead],
    src: &SideText,
    tgt: &SideText,
    doc: Option<&str>,
) -> Vec<ura_bitext::rows::Row> {
    beads
        .iter()
        .map(|b| ura_bitext::rows::Row {
            src: join(src, &b.src),
            tgt: join(tgt, &b.tgt),
            src_idx: b.src.clone().collect(),
            tgt_idx: b.tgt.clone().collect(),
            score: b.score,
            bead: b.shape(),
            doc: doc.map(str::to_string),
        })
        .collect()
}

/// Writes rows in `format` (every format but parallel text).
pub(crate) fn write_rows(
    out: &mut Vec<u8>,
    format: AlignFormat,
    rows: &[ura_bitext::rows::Row],
    src_lang: &str,
    tgt_lang: &str,
    excel: bool,
) -> Result<()> {
    use ura_bitext::rows;
    match format {
        AlignFormat::Moses => bail!("parallel text is written as two files"),
        AlignFormat::Tsv => rows::write_tsv(out, src_lang, tgt_lang, rows)?,
        AlignFormat::Csv => rows::write_csv(out, src_lang, tgt_lang, rows, excel)?,
        AlignFormat::Jsonl => rows::write_jsonl(out, rows)?,
        AlignFormat::Tmx => write_tmx(out, rows, src_lang, tgt_lang)?,
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
            out.extend_from_slice(&bytes);
        }
    }
    Ok(())
}

/// Writes parallel plain text: `PREFIX.<src-lang>` and `PREFIX.<tgt-lang>`,
/// one line per bead that has both sides (line breaks inside a segment
/// become spaces, so the files stay line-aligned).
fn write_moses(
    prefix: Option<&Path>,
    beads: &[&ura_align::Bead],
    src: &SideText,
    tgt: &SideText,
) -> Result<()> {
    let Some(prefix) = prefix.filter(|p| p.as_os_str() != "-") else {
        bail!("-f moses writes two files: give their prefix with -o PREFIX");
    };
    let one_line = |s: String| s.replace(['\n', '\r'], " ");
    let (mut a, mut b) = (String::new(), String::new());
    for bead in beads
        .iter()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
    {
        a.push_str(&one_line(join(src, &bead.src)));
        a.push('\n');
        b.push_str(&one_line(join(tgt, &bead.tgt)));
        b.push('\n');
    }
    let path_for = |lang: &str| {
        let mut p = prefix.as_os_str().to_owned();
        p.push(format!(".{lang}"));
        std::path::PathBuf::from(p)
    };
    let (pa, pb) = (path_for(&src.lang), path_for(&tgt.lang));
    if pa == pb {
        bail!(
            "source and target language are both '{}': the two files would be one",
            src.lang
        );
    }
    write_atomically(&pa, a.as_bytes())?;
    write_atomically(&pb, b.as_bytes())
}

/// The TMX header for a pair of languages (normalised; an invalid code is
/// an error). `SOURCE_DATE_EPOCH` fixes the creation date.
pub(crate) fn tmx_header(src_lang: &str, tgt_lang: &str) -> Result<ura_bitext::tmx::TmxHeader> {
    use ura_bitext::tmx;
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    Ok(tmx::TmxHeader {
        src_lang: tmx::normalize_lang(src_lang).context("source language")?,
        tgt_lang: tmx::normalize_lang(tgt_lang).context("target language")?,
        creation_date: tmx::tmx_date(now),
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
    })
}

/// The TMX unit of a row, or `None` for a bead with an empty side (a
/// translation unit needs both).
pub(crate) fn tmx_unit(r: &ura_bitext::rows::Row) -> Option<ura_bitext::tmx::TmxUnit> {
    (!r.src_idx.is_empty() && !r.tgt_idx.is_empty()).then(|| ura_bitext::tmx::TmxUnit {
        src: r.src.clone(),
        tgt: r.tgt.clone(),
        props: [
            ("x-ura-score".to_string(), format!("{:.4}", r.score)),
            ("x-ura-bead".to_string(), r.bead.clone()),
        ]
        .into_iter()
        .chain(r.doc.clone().map(|d| ("x-ura-doc".to_string(), d)))
        .collect(),
    })
}

/// Says on stderr how many sentences had no counterpart (and so are not
/// in the TMX) and how many characters XML could not hold.
pub(crate) fn report_tmx(lone: (usize, usize), removed_chars: usize) {
    let (lone_src, lone_tgt) = lone;
    if lone_src + lone_tgt > 0 {
        eprintln!(
            "ura: {lone_src} source and {lone_tgt} target sentences have no counterpart and are not in the TMX (see -f jsonl)"
        );
    }
    if removed_chars > 0 {
        eprintln!("ura: warning: removed {removed_chars} characters that XML cannot hold (control characters)");
    }
}

/// Sentences of the rows that have no counterpart, per side.
pub(crate) fn lone_sentences(rows: &[ura_bitext::rows::Row]) -> (usize, usize) {
    rows.iter()
        .filter(|r| r.src_idx.is_empty() || r.tgt_idx.is_empty())
        .fold((0, 0), |(s, t), r| {
            (s + r.src_idx.len(), t + r.tgt_idx.len())
        })
}

/// Writes the beads that have both sides as TMX units.
fn write_tmx(
    out: &mut Vec<u8>,
    rows: &[ura_bitext::rows::Row],
    src_lang: &str,
    tgt_lang: &str,
) -> Result<()> {
    let header = tmx_header(src_lang, tgt_lang)?;
    let units: Vec<ura_bitext::tmx::TmxUnit> = rows.iter().filter_map(tmx_unit).collect();
    let stats = ura_bitext::tmx::write_tmx(out, &header, &units)?;
    report_tmx(lone_sentences(rows), stats.removed_chars);
    Ok(())
}

/// A temporary file beside `path`, for writing before a rename.
pub(crate) fn temp_path(path: &Path) -> std::path::PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    dir.join(format!(".{name}.ura-tmp-{}", std::process::id()))
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into
/// place, so a failed run never leaves a truncated output.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    // A device or a pipe (`-o /dev/stdout`, `/dev/full`) cannot be
    // replaced by a rename: write to it directly.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return std::fs::write(path, bytes)
            .with_context(|| format!("cannot write {}", path.display()));
    }
    let tmp = temp_path(path);
    let result = std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .with_context(|| format!("cannot write {}", path.display()));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
