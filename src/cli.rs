//! Command-line flags.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A usage error found after parsing (an output that is an input, a
/// language that must be given, ...): exit code 2, as for bad flags.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Turn a document and its translation into a bilingual corpus.
#[derive(Debug, Parser)]
#[command(name = "ura", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split a text into sentences, one per line.
    #[command(
        after_long_help = "Example:\n  ura split --lang sq data/unhcr/sq.txt\n  \
        ura split --format jsonl data/unhcr/en.txt"
    )]
    Split(SplitArgs),
    /// Split a text and its translation and align their sentences.
    #[command(
        after_long_help = "Example:\n  ura align data/unhcr/en.txt data/unhcr/sq.txt\n  \
        ura align en.txt sq.txt -o pairs.jsonl --min-score 0.5"
    )]
    Align(AlignArgs),
    /// Align many document pairs in parallel.
    #[command(
        after_long_help = "Examples:\n  ura batch --manifest pairs.csv --out-dir aligned/ -o corpus.tmx\n  \
        ura batch --src-dir en/ --tgt-dir sq/ --out-dir aligned/ -f tmx --jobs 8\n\n\
        Exit codes: 0 every pair aligned, 1 some pairs failed (each reported), 2 usage error."
    )]
    Batch(BatchArgs),
    /// Summarise a TMX file: units, languages, bead shapes, confidence.
    Stats(StatsArgs),
    /// Review an alignment in the browser: fix pairs, re-align the rest,
    /// export.
    #[command(
        after_long_help = "Examples:\n  ura review data/unhcr/en.txt data/unhcr/sq.txt\n  \
        ura review en-sq.review.jsonl --port 8800 --no-open\n  \
        ura review en-sq.review.jsonl --export tm.tmx --reviewed-only\n\n\
        Serves a page on 127.0.0.1 (a free port, or --port) and prints its URL, which\n\
        holds a token for this run. Every change is saved at once to the review file;\n\
        Ctrl-C or Quit on the page stops."
    )]
    Review(ReviewArgs),
    /// Turn a reviewed sheet back into TMX (or TSV, CSV, JSONL, XLSX).
    #[command(
        after_long_help = "Examples:\n  ura convert reviewed.xlsx -o tm.tmx\n  \
        ura convert reviewed.csv -o tm.tmx --min-score 0.5\n  \
        ura convert pairs.jsonl -o tm.tmx --src-lang en-US --tgt-lang sq-AL\n\n\
        Rows deleted are gone; edited cells are taken as they are; a row with one side\n\
        emptied has no counterpart (left out of TMX); a row marked no in the ok column\n\
        is left out. Languages come from the header row; the flags override it."
    )]
    Convert(ConvertArgs),
}

/// Flags of `ura convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The reviewed file: XLSX, CSV or TSV with ura's header row, or ura's
    /// JSONL.
    pub input: PathBuf,
    /// Output file; `-` or nothing prints to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format. Default: from the extension of --output (.tmx, .tsv,
    /// .jsonl, .csv, .xlsx), else TSV.
    #[arg(short, long, value_enum)]
    pub format: Option<AlignFormat>,
    /// Source language code. Default: the header of the source column.
    #[arg(long, value_parser = parse_lang)]
    pub src_lang: Option<String>,
    /// Target language code. Default: the header of the target column.
    #[arg(long, value_parser = parse_lang)]
    pub tgt_lang: Option<String>,
    /// Only the rows marked ok.
    #[arg(long)]
    pub reviewed_only: bool,
    /// Leave out rows below this confidence (0–1) that are not marked ok.
    #[arg(long, value_parser = parse_score)]
    pub min_score: Option<f64>,
    /// CSV for a spreadsheet (see ura align --excel).
    #[arg(long)]
    pub excel: bool,
    /// The encoding of a CSV, TSV or JSONL input that is not UTF-8 (a
    /// WHATWG label such as windows-1252). Default: detected.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// No summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Flags of `ura review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// A text and its translation (any input ura align takes), or one
    /// review file to resume.
    #[arg(required = true, num_args = 1..=2, value_name = "SRC TGT | REVIEW.jsonl")]
    pub inputs: Vec<PathBuf>,
    /// Source language code. Default: the source file name when it is a
    /// language code.
    #[arg(long, value_parser = parse_lang)]
    pub src_lang: Option<String>,
    /// Target language code.
    #[arg(long, value_parser = parse_lang)]
    pub tgt_lang: Option<String>,
    /// The review file for SRC TGT: resumed if it exists (it must hold
    /// the same sentences), else made. Default: SRC-TGT.review.jsonl
    /// (the file stems) in the current folder.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Serve on this port of 127.0.0.1. Default: a free one.
    #[arg(long)]
    pub port: Option<u16>,
    /// Print the URL but do not open the browser.
    #[arg(long)]
    pub no_open: bool,
    /// Write the review to FILE (tmx, xlsx, csv, tsv, jsonl or html, from
    /// the extension or -f) and stop, without serving.
    #[arg(short, long, value_name = "FILE")]
    pub export: Option<PathBuf>,
    /// Format of --export.
    #[arg(short, long, value_enum, requires = "export")]
    pub format: Option<AlignFormat>,
    /// With --export: only the beads marked reviewed.
    #[arg(long, requires = "export")]
    pub reviewed_only: bool,
    /// With --export: leave out beads below this confidence (0–1) that
    /// are not marked reviewed.
    #[arg(long, value_parser = parse_score, requires = "export")]
    pub min_score: Option<f64>,
    /// Confidence below which the page marks a bead doubtful (0–1).
    #[arg(long, value_parser = parse_score, default_value_t = 0.7)]
    pub threshold: f64,
    /// A bilingual dictionary in hunalign's format, for aligning and
    /// re-aligning (kept in the review file).
    #[arg(long)]
    pub dict: Option<PathBuf>,
    /// How the inputs are read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Flags of `ura stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// A TMX file (as ura writes, or any with two variants per unit).
    pub file: PathBuf,
}

/// Flags of `ura batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// A CSV (or .tsv) file with a header naming the columns src, tgt and
    /// optionally out; paths relative to the manifest's folder.
    #[arg(long, conflicts_with_all = ["src_dir", "tgt_dir", "jsonl"])]
    pub manifest: Option<PathBuf>,
    /// Streaming mode for cluster engines: read one JSON document per line
    /// ({"id", "src", "tgt", "src_lang", "tgt_lang"}) from FILE or - (stdin)
    /// and write one bead per line (with "id") to stdout, flushed per
    /// document.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["src_dir", "tgt_dir", "out_dir", "output"])]
    pub jsonl: Option<PathBuf>,
    /// A folder of source files, paired by file name with --tgt-dir.
    #[arg(long, requires = "tgt_dir")]
    pub src_dir: Option<PathBuf>,
    /// A folder of target files.
    #[arg(long, requires = "src_dir")]
    pub tgt_dir: Option<PathBuf>,
    /// Write one output per pair into this folder (the manifest's out
    /// column, else the source file's name with the format's extension).
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// Write all pairs into one file (.tmx or .jsonl), each marked with its
    /// document (x-ura-doc prop; "doc" field), in manifest order.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Format of the per-pair outputs. Default: jsonl.
    #[arg(short, long, value_enum)]
    pub format: Option<BatchFormat>,
    /// Worker threads. Default: all cores. The output does not depend on
    /// it.
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Only the pairs whose 0-based index modulo N is K, so that N
    /// machines of a job array can split one manifest.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Leave out pairs whose output in --out-dir exists (resume a run).
    #[arg(long, requires = "out_dir")]
    pub skip_existing: bool,
    /// Learn the lexicon over all pairs of the batch (a first pass on
    /// every pair, then the second pass on every pair with it) instead of
    /// from each pair alone. Worth it for many short documents; memory
    /// then grows with the corpus.
    #[arg(long)]
    pub corpus_lexicon: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Source language code. Default: each source file's name when it is
    /// a language code.
    #[arg(long, value_parser = parse_lang)]
    pub src_lang: Option<String>,
    /// Target language code.
    #[arg(long, value_parser = parse_lang)]
    pub tgt_lang: Option<String>,
    /// A bilingual dictionary in hunalign's format.
    #[arg(long)]
    pub dict: Option<PathBuf>,
    /// `merge`: join each unaligned sentence scoring below 0.5 to the
    /// neighbouring pair it most likely belongs to. Default: left alone.
    #[arg(long, value_enum, value_name = "HOW")]
    pub keep_unaligned: Option<KeepUnaligned>,
    /// How the inputs are read.
    #[command(flatten)]
    pub input: InputArgs,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let err = || format!("'{s}' is not K/N with 0 <= K < N");
    let (k, n) = s.split_once('/').ok_or_else(err)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| err())?,
        n.trim().parse().map_err(|_| err())?,
    );
    if n == 0 || k >= n {
        return Err(err());
    }
    Ok((k, n))
}

/// Output formats of `ura align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// Tab-separated: a header row, then source, target, score, bead.
    Tsv,
    /// One JSON object per bead: src, tgt, src_idx, tgt_idx, score, bead.
    Jsonl,
    /// TMX 1.4b for CAT tools: one unit per bead with both sides.
    Tmx,
    /// Comma-separated (RFC 4180): a header row, then source, target,
    /// score, bead.
    Csv,
    /// A spreadsheet for review: string cells, frozen header, autofilter,
    /// rows below 0.7 confidence highlighted.
    Xlsx,
    /// Parallel plain text for MT toolkits: -o PREFIX writes PREFIX.SRC
    /// and PREFIX.TGT (SRC, TGT: the language codes), one sentence pair
    /// per line.
    Moses,
    /// A report to read in a browser: the pairs side by side with their
    /// confidence and a map of the alignment, one self-contained file
    /// that loads nothing.
    Html,
}

/// Formats of `ura batch`'s per-pair outputs (every format of `ura align`
/// but parallel text, which is two files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// Tab-separated: a header row, then source, target, score, bead.
    Tsv,
    /// One JSON object per bead: src, tgt, src_idx, tgt_idx, score, bead.
    Jsonl,
    /// TMX 1.4b for CAT tools: one unit per bead with both sides.
    Tmx,
    /// Comma-separated (RFC 4180).
    Csv,
    /// A spreadsheet for review (rows below 0.7 confidence highlighted).
    Xlsx,
}

impl From<BatchFormat> for AlignFormat {
    fn from(f: BatchFormat) -> AlignFormat {
        match f {
            BatchFormat::Tsv => AlignFormat::Tsv,
            BatchFormat::Jsonl => AlignFormat::Jsonl,
            BatchFormat::Tmx => AlignFormat::Tmx,
            BatchFormat::Csv => AlignFormat::Csv,
            BatchFormat::Xlsx => AlignFormat::Xlsx,
        }
    }
}

/// Flags of `ura align`.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The source text.
    pub src: PathBuf,
    /// The target text (its translation).
    pub tgt: PathBuf,
    /// Source language code. Default: the source file name when it is a
    /// language code (en.txt).
    #[arg(long, value_parser = parse_lang)]
    pub src_lang: Option<String>,
    /// Target language code. Default: the target file name when it is a
    /// language code (sq.txt).
    #[arg(long, value_parser = parse_lang)]
    pub tgt_lang: Option<String>,
    /// Output file; `-` or nothing prints to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format. Default: from the extension of --output (.tsv,
    /// .jsonl, .tmx, .csv, .xlsx), else TSV.
    #[arg(short, long, value_enum)]
    pub format: Option<AlignFormat>,
    /// Leave out pairs whose confidence is below this (0–1); says how many
    /// on stderr.
    #[arg(long, value_parser = parse_score)]
    pub min_score: Option<f64>,
    /// No progress display (shown on a terminal for documents of 5,000
    /// sentences or more).
    #[arg(short, long)]
    pub quiet: bool,
    /// CSV for a spreadsheet: add a byte-order mark and neutralise cells
    /// that start with = + - @ TAB or CR (a leading '), so nothing runs as
    /// a formula. Off by default: it alters the text a CAT tool imports.
    #[arg(long)]
    pub excel: bool,
    /// A bilingual dictionary in hunalign's format (`target @ source` per
    /// line), used as anchors.
    #[arg(long)]
    pub dict: Option<PathBuf>,
    /// `merge`: join each unaligned sentence scoring below 0.5 to the
    /// neighbouring pair it most likely belongs to, instead of leaving it
    /// alone (a TMX has no unit for it). Default: left alone.
    #[arg(long, value_enum, value_name = "HOW")]
    pub keep_unaligned: Option<KeepUnaligned>,
    /// How the inputs are read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// What `--keep-unaligned` does with doubtful unaligned sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeepUnaligned {
    /// Join each to the neighbouring pair it most likely belongs to (a
    /// unit one sentence too long rather than a sentence missing).
    Merge,
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("'{s}' is not a number between 0 and 1")),
    }
}

/// How the input is read.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The encoding of the input when it is not UTF-8 or UTF-16 with a
    /// byte-order mark: windows-1252, iso-8859-2, shift_jis, … (WHATWG
    /// labels). A byte-order mark still wins.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// The input format: text, docx, odt, html, markdown, pdf, srt or vtt.
    /// Default: found from the content, the extension breaking ties.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub from: Option<ura_doc::Format>,
    /// Keep the navigation, header, footer and sidebars of web pages
    /// (left out by default when the page has a main or article part).
    #[arg(long)]
    pub keep_chrome: bool,
    /// How line breaks are read.
    #[command(flatten)]
    pub lines: LineArgs,
}

/// How line breaks in the input are read.
#[derive(Debug, Clone, Args)]
#[group(multiple = false)]
pub struct LineArgs {
    /// Treat single line breaks inside a paragraph as spaces (hard-wrapped
    /// text). By default a line break ends a sentence.
    #[arg(long)]
    pub wrapped: bool,
    /// Take the input as one sentence per line (a blank line ends a
    /// paragraph); split nothing.
    #[arg(long)]
    pub presegmented: bool,
}

impl LineArgs {
    /// The splitter's line mode for these flags.
    pub fn mode(&self) -> ura_segment::LineMode {
        if self.wrapped {
            ura_segment::LineMode::Wrapped
        } else if self.presegmented {
            ura_segment::LineMode::Presegmented
        } else {
            ura_segment::LineMode::Lines
        }
    }
}

/// Output formats of `ura split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitFormat {
    /// One sentence per line, an empty line between paragraphs.
    Text,
    /// One JSON object per sentence: text, start, end (byte offsets into
    /// the decoded input), paragraph.
    Jsonl,
}

/// Flags of `ura split`.
#[derive(Debug, Args)]
pub struct SplitArgs {
    /// The text to split; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Language code (en, sq, de, fr, es, it, pt, nl, ru, uk, pl, cs, sk,
    /// sv, da, nb/nn/no, fi, hu, ro, el, tr, ca, hr/bs, bg, sr, mk, sl, et,
    /// lt, lv, id/ms, vi, hi, hy, ar and kk have rules of their own; other
    /// codes get generic rules). Default: the file name when it is a language code
    /// (en.txt), else generic rules.
    #[arg(short, long, value_parser = parse_lang)]
    pub lang: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SplitFormat::Text)]
    pub format: SplitFormat,
    /// How the input is read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// An input format by its name (`--from`).
fn parse_format(name: &str) -> Result<ura_doc::Format, String> {
    ura_doc::Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = ura_doc::Format::ALL.iter().map(|f| f.name()).collect();
        format!("'{name}' is not an input format ({})", names.join(", "))
    })
}

/// A language code in BCP 47 form (`pt_br` → `pt-BR`); anything else is
/// a usage error, before any input is read.
fn parse_lang(code: &str) -> Result<String, String> {
    ura_bitext::tmx::normalize_lang(code).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn split_flags_parse() {
        let cli =
            Cli::try_parse_from(["ura", "split", "--lang", "sq", "--wrapped", "x.txt"]).unwrap();
        let Command::Split(a) = cli.command else {
            panic!("not split")
        };
        assert_eq!(a.lang.as_deref(), Some("sq"));
        assert_eq!(a.input.lines.mode(), ura_segment::LineMode::Wrapped);
        assert_eq!(a.format, SplitFormat::Text);
        assert!(Cli::try_parse_from(["ura", "split", "--wrapped", "--presegmented"]).is_err());
    }

    #[test]
    fn review_flags_parse() {
        let cli = Cli::try_parse_from(["ura", "review", "en.txt", "sq.txt", "--no-open"]).unwrap();
        let Command::Review(a) = cli.command else {
            panic!("not review")
        };
        assert_eq!(a.inputs.len(), 2);
        assert!(a.no_open && a.port.is_none());
        assert_eq!(a.threshold, 0.7);
        let cli = Cli::try_parse_from([
            "ura",
            "review",
            "r.jsonl",
            "--export",
            "tm.tmx",
            "--reviewed-only",
            "--port",
            "8800",
        ])
        .unwrap();
        let Command::Review(a) = cli.command else {
            panic!("not review")
        };
        assert_eq!(a.export.as_deref(), Some(std::path::Path::new("tm.tmx")));
        assert_eq!(a.port, Some(8800));
        for bad in [
            &["ura", "review"][..],
            &["ura", "review", "a", "b", "c"],
            &["ura", "review", "r.jsonl", "--reviewed-only"],
            &["ura", "review", "r.jsonl", "--port", "99999"],
        ] {
            assert!(Cli::try_parse_from(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn convert_flags_parse() {
        let cli = Cli::try_parse_from([
            "ura",
            "convert",
            "r.xlsx",
            "-o",
            "tm.tmx",
            "--src-lang",
            "en_us",
            "--min-score",
            "0.5",
            "--reviewed-only",
        ])
        .unwrap();
        let Command::Convert(a) = cli.command else {
            panic!("not convert")
        };
        assert_eq!(a.input, std::path::Path::new("r.xlsx"));
        assert_eq!(a.src_lang.as_deref(), Some("en-US"));
        assert_eq!((a.min_score, a.reviewed_only), (Some(0.5), true));
        assert_eq!(a.format, None);
        for bad in [
            &["ura", "convert"][..],
            &["ura", "convert", "a.xlsx", "b.xlsx"],
            &["ura", "convert", "a.xlsx", "--min-score", "2"],
            &["ura", "convert", "a.xlsx", "--tgt-lang", "x y"],
        ] {
            assert!(Cli::try_parse_from(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn shards_parse() {
        assert_eq!(parse_shard("0/4"), Ok((0, 4)));
        assert_eq!(parse_shard("3/4"), Ok((3, 4)));
        for bad in ["4/4", "1/0", "x/2", "2"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn align_flags_parse() {
        let cli = Cli::try_parse_from([
            "ura",
            "align",
            "en.txt",
            "sq.txt",
            "-o",
            "x.jsonl",
            "--min-score",
            "0.5",
        ])
        .unwrap();
        let Command::Align(a) = cli.command else {
            panic!("not align")
        };
        assert_eq!(a.min_score, Some(0.5));
        assert_eq!(a.format, None);
        assert!(Cli::try_parse_from(["ura", "align", "a", "b", "--min-score", "2"]).is_err());
    }

    #[test]
    fn keep_unaligned_parses_on_align_and_batch() {
        let align = |extra: &[&str]| {
            let mut args = vec!["ura", "align", "a", "b"];
            args.extend_from_slice(extra);
            match Cli::try_parse_from(args).map(|c| c.command) {
                Ok(Command::Align(a)) => Ok(a.keep_unaligned),
                Ok(_) => panic!("not align"),
                Err(e) => Err(e),
            }
        };
        assert_eq!(align(&[]).ok(), Some(None));
        assert_eq!(
            align(&["--keep-unaligned", "merge"]).ok(),
            Some(Some(KeepUnaligned::Merge))
        );
        assert!(align(&["--keep-unaligned", "drop"]).is_err());
        let cli =
            Cli::try_parse_from(["ura", "batch", "--jsonl", "-", "--keep-unaligned", "merge"]);
        let Ok(Command::Batch(b)) = cli.map(|c| c.command) else {
            panic!("not batch")
        };
        assert_eq!(b.keep_unaligned, Some(KeepUnaligned::Merge));
    }

    #[test]
    fn the_split_help_lists_every_language_with_rules() {
        let help = Cli::command()
            .find_subcommand_mut("split")
            .and_then(|c| c.get_arguments().find(|a| a.get_id() == "lang").cloned())
            .and_then(|a| a.get_help().map(ToString::to_string))
            .unwrap_or_default();
        let listed: Vec<&str> = help
            .split(|c: char| !c.is_ascii_lowercase())
            .filter(|w| w.len() == 2)
            .collect();
        for code in ura_segment::languages() {
            assert!(listed.contains(&code), "{code} missing from: {help}");
        }
    }

    #[test]
    fn language_codes_are_checked_and_normalised_when_parsed() {
        let cli = Cli::try_parse_from(["ura", "align", "a", "b", "--src-lang", "pt_br"]).unwrap();
        let Command::Align(a) = cli.command else {
            panic!("not align")
        };
        assert_eq!(a.src_lang.as_deref(), Some("pt-BR"));
        for args in [
            &["ura", "align", "a", "b", "--tgt-lang", "x y"][..],
            &[
                "ura",
                "batch",
                "--src-dir",
                "a",
                "--tgt-dir",
                "b",
                "--src-lang",
                "e/n",
            ],
            &["ura", "split", "--lang", ""],
        ] {
            let err = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::ValueValidation,
                "{args:?}"
            );
        }
    }
}
