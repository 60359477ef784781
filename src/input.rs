//! Reading input files into documents.

use std::path::Path;

use anyhow::{Context, Result};

/// How input files are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// A legacy encoding name, if any (`--encoding`).
    pub encoding: Option<String>,
    /// The format, if forced (`--from`).
    pub format: Option<ura_doc::Format>,
    /// Keep web pages' navigation, headers and footers (`--keep-chrome`).
    pub keep_chrome: bool,
    /// How line breaks of plain text are read.
    pub mode: ura_segment::LineMode,
}

impl ReadOptions {
    /// The options the input flags give.
    pub fn from_args(args: &crate::cli::InputArgs) -> ReadOptions {
        ReadOptions {
            encoding: args.encoding.clone(),
            format: args.from,
            keep_chrome: args.keep_chrome,
            mode: args.lines.mode(),
        }
    }

    /// The document reader for these options, for a file with extension
    /// `ext`.
    pub fn reader(&self, ext: Option<&str>) -> ura_doc::DocReader {
        let mut reader = ura_doc::DocReader::new();
        reader
            .format(self.format)
            .encoding(self.encoding.as_deref())
            .keep_chrome(self.keep_chrome)
            .extension(ext);
        reader
    }
}

/// Reads `path` (`None` or `-` is standard input) into a document, in
/// whatever format it is (see [`ura_doc::sniff_format`]), its language
/// `lang` (if known: a flag or the file name's) helping to tell a legacy
/// encoding. Says on stderr when the encoding was detected, and what the
/// reader left out.
pub fn read(
    path: Option<&Path>,
    opts: &ReadOptions,
    lang: Option<&str>,
) -> Result<ura_doc::Document> {
    let (name, bytes) = match path {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(p) => {
            let name = p.display().to_string();
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {name}"))?;
            (name, bytes)
        }
    };
    let ext = path.and_then(|p| p.extension()).and_then(|e| e.to_str());
    read_bytes(&name, bytes, (ext, lang), opts)
}

/// Reads the bytes of the input called `name` into a document (see
/// [`read`]).
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    (ext, lang): (Option<&str>, Option<&str>),
    opts: &ReadOptions,
) -> Result<ura_doc::Document> {
    const FLAG: ura_corpus::EncodingOption = ura_corpus::EncodingOption {
        option: "--encoding",
        example: "--encoding windows-1252",
        placeholder: "--encoding NAME",
    };
    let (doc, notes) = ura_corpus::read_named(
        &opts.reader(ext),
        name,
        bytes,
        lang,
        opts.encoding.is_some(),
        &FLAG,
    )
    .map_err(anyhow::Error::msg)?;
    for note in notes {
        warn_once(format!("ura: {note}"));
    }
    Ok(doc)
}

fn read_stdin() -> Result<(String, Vec<u8>)> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    Ok(("standard input".to_string(), bytes))
}

/// Prints `message` on stderr unless this run has printed it already.
pub fn warn_once(message: String) {
    static SEEN: std::sync::Mutex<std::collections::BTreeSet<String>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    // A poisoned set still holds what was printed.
    let mut seen = SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !seen.contains(&message) {
        eprintln!("{message}");
        seen.insert(message);
    }
}
