//! Which pairs a batch aligns: a manifest, or two folders matched by
//! name; and where each pair's own output goes.

use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::Pair;

/// Reads a manifest: CSV (or TSV for a `.tsv` file) with a header naming
/// the columns `src`, `tgt` and optionally `out`; paths are relative to
/// the manifest's folder.
pub(crate) fn read_manifest(path: &Path) -> Result<Vec<Pair>> {
    let tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader
        .headers()
        .with_context(|| format!("cannot read {}", path.display()))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(src_col), Some(tgt_col)) = (col("src"), col("tgt")) else {
        bail!(
            "{}: the header must name the columns src and tgt (and optionally out)",
            path.display()
        );
    };
    let out_col = col("out");
    let base = path.parent().unwrap_or(Path::new("."));
    let mut pairs = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("{}: row {}", path.display(), k + 2))?;
        let field = |c: usize| record.get(c).map(str::trim).unwrap_or_default();
        let (src, tgt) = (field(src_col), field(tgt_col));
        if src.is_empty() || tgt.is_empty() {
            bail!("{}: row {} has no src or no tgt", path.display(), k + 2);
        }
        pairs.push(Pair {
            name: src.to_string(),
            src: base.join(src),
            tgt: base.join(tgt),
            out: out_col
                .map(field)
                .filter(|o| !o.is_empty())
                .map(PathBuf::from),
        });
    }
    Ok(pairs)
}

/// Pairs the files of two folders by name.
pub(crate) fn pair_dirs(src_dir: &Path, tgt_dir: &Path) -> Result<Vec<Pair>> {
    let list = |dir: &Path| -> Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        names.sort();
        Ok(names)
    };
    let tgt_names = list(tgt_dir)?;
    let mut pairs = Vec::new();
    for name in list(src_dir)? {
        if tgt_names.binary_search(&name).is_ok() {
            pairs.push(Pair {
                name: name.clone(),
                src: src_dir.join(&name),
                tgt: tgt_dir.join(&name),
                out: None,
            });
        } else {
            eprintln!(
                "ura: skipped {}: no file of that name in {}",
                name,
                tgt_dir.display()
            );
        }
    }
    Ok(pairs)
}

/// The output file of a pair inside `out_dir`: the manifest's `out`, else
/// the source file's stem with the format's extension. A name that would
/// leave `out_dir` is an error.
pub(super) fn out_path(pair: &Pair, out_dir: &Path, ext: &str) -> Result<PathBuf> {
    let rel = match &pair.out {
        Some(o) => o.clone(),
        None => {
            let stem = pair.src.file_stem().unwrap_or_default();
            let mut name = stem.to_os_string();
            name.push(format!(".{ext}"));
            PathBuf::from(name)
        }
    };
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) || rel.as_os_str().is_empty() {
        bail!(
            "output name {} would leave the output folder",
            rel.display()
        );
    }
    Ok(out_dir.join(rel))
}
