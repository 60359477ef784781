//! Command-line flags.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// Language code (en, sq, de, fr, es, it, pt, nl have rules of their
    /// own; other codes get generic rules). Default: the file name when it
    /// is a language code (en.txt), else generic rules.
    #[arg(short, long)]
    pub lang: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SplitFormat::Text)]
    pub format: SplitFormat,
    /// How line breaks are read.
    #[command(flatten)]
    pub lines: LineArgs,
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
        let Command::Split(a) = cli.command;
        assert_eq!(a.lang.as_deref(), Some("sq"));
        assert_eq!(a.lines.mode(), ura_segment::LineMode::Wrapped);
        assert_eq!(a.format, SplitFormat::Text);
        assert!(Cli::try_parse_from(["ura", "split", "--wrapped", "--presegmented"]).is_err());
    }
}
