//! Exports of a review through ura's writers (TMX, XLSX, CSV, TSV,
//! JSONL) and as the HTML report.

use std::path::Path;

use anyhow::Result;

use super::file::{block_of, joined};
use super::state::{Bead, Review};
use crate::cli::AlignFormat;

/// Which beads an export holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    /// Only beads marked reviewed.
    pub reviewed_only: bool,
    /// Leave out beads below this confidence, unless marked reviewed (a
    /// reviewer's word outweighs the aligner's).
    pub min_score: f64,
}

impl Filter {
    fn keeps(&self, b: &Bead) -> bool {
        b.reviewed || (!self.reviewed_only && b.score >= self.min_score)
    }
}

/// The format a page names (`tmx`, `xlsx`, `csv`, `tsv`, `jsonl`, `html`).
pub(crate) fn format_named(name: &str) -> Option<AlignFormat> {
    Some(match name {
        "tmx" => AlignFormat::Tmx,
        "xlsx" => AlignFormat::Xlsx,
        "csv" => AlignFormat::Csv,
        "tsv" => AlignFormat::Tsv,
        "jsonl" => AlignFormat::Jsonl,
        "html" => AlignFormat::Html,
        _ => return None,
    })
}

/// A file extension for `format`.
pub(crate) fn extension(format: AlignFormat) -> &'static str {
    match format {
        AlignFormat::Tmx => "tmx",
        AlignFormat::Xlsx => "xlsx",
        AlignFormat::Csv => "csv",
        AlignFormat::Tsv | AlignFormat::Moses => "tsv",
        AlignFormat::Jsonl => "jsonl",
        AlignFormat::Html => "html",
    }
}

/// The media type of `format`.
pub(crate) fn content_type(format: AlignFormat) -> &'static str {
    match format {
        AlignFormat::Tmx => "application/x-tmx+xml",
        AlignFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        AlignFormat::Csv => "text/csv; charset=utf-8",
        AlignFormat::Tsv | AlignFormat::Moses => "text/tab-separated-values; charset=utf-8",
        AlignFormat::Jsonl => "application/jsonl; charset=utf-8",
        AlignFormat::Html => "text/html; charset=utf-8",
    }
}

/// The rows of the beads `filter` keeps.
pub(crate) fn rows(review: &Review, filter: &Filter) -> Vec<ura_bitext::rows::Row> {
    review
        .beads()
        .iter()
        .filter(|b| filter.keeps(b))
        .map(|b| ura_bitext::rows::Row {
            src: joined(&review.src, &b.src),
            tgt: joined(&review.tgt, &b.tgt),
            src_idx: b.src.clone().collect(),
            tgt_idx: b.tgt.clone().collect(),
            score: b.score,
            bead: format!("{}-{}", b.src.len(), b.tgt.len()),
            doc: None,
            src_block: block_of(&review.src, &b.src),
            tgt_block: block_of(&review.tgt, &b.tgt),
        })
        .collect()
}

/// The review in `format`. The HTML report shows every bead, whatever
/// the filter (it has its own).
pub(crate) fn to_bytes(
    review: &Review,
    format: AlignFormat,
    filter: &Filter,
    threshold: f64,
) -> Result<Vec<u8>> {
    if format == AlignFormat::Html {
        return Ok(super::page::report_of(review, threshold));
    }
    if format == AlignFormat::Moses {
        return Err(crate::cli::UsageError(
            "a review is exported as tmx, xlsx, csv, tsv, jsonl or html".into(),
        )
        .into());
    }
    let mut out = Vec::new();
    let rows = rows(review, filter);
    crate::align::write_rows(
        &mut out,
        format,
        &rows,
        &review.src.lang,
        &review.tgt.lang,
        false,
    )?;
    Ok(out)
}

/// Writes the review to `path` (format from `format` or the extension).
pub(crate) fn write_file(
    review: &Review,
    path: &Path,
    format: Option<AlignFormat>,
    filter: &Filter,
    threshold: f64,
) -> Result<()> {
    let format = match format {
        Some(f) => f,
        None => crate::align::format_from_extension(path)?,
    };
    let bytes = to_bytes(review, format, filter, threshold)?;
    crate::align::write_atomically(path, &bytes)?;
    let kept = match format {
        AlignFormat::Html => review.beads().len(),
        _ => review.beads().iter().filter(|b| filter.keeps(b)).count(),
    };
    eprintln!(
        "ura: wrote {kept} of {} beads to {}",
        review.beads().len(),
        path.display()
    );
    Ok(())
}
