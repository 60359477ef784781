//! Where outputs go: checked before any work, written atomically, and
//! reported in one line.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::UsageError;

/// A temporary file beside `path`, for writing before a rename.
pub(crate) fn temp_path(path: &Path) -> PathBuf {
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

/// Whether two paths name one file (after links), as far as can be told
/// without creating either.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Checks, before any input is read, that `output` can be written: it is
/// none of `inputs` (a usage error), its folder exists and takes a new
/// file, and it is not a folder itself. A device (`/dev/stdout`) passes.
pub(crate) fn check_output(output: &Path, inputs: &[&Path]) -> Result<()> {
    if let Some(input) = inputs.iter().find(|i| same_file(output, i)) {
        return Err(UsageError(format!(
            "the output {} is the input {}: it would be overwritten; choose another output",
            output.display(),
            input.display()
        ))
        .into());
    }
    match std::fs::metadata(output) {
        Ok(m) if m.is_dir() => anyhow::bail!(
            "cannot write {}: it is a folder; give a file name",
            output.display()
        ),
        Ok(m) if !m.is_file() => return Ok(()),
        _ => {}
    }
    let dir = output
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        anyhow::bail!(
            "cannot write {}: the folder {} does not exist",
            output.display(),
            dir.display()
        );
    }
    // The temporary file the output is written through, made and removed
    // at once: the only sure test that the folder takes new files.
    let probe = temp_path(output);
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)
        .map(|_| ())
        .with_context(|| format!("cannot write {}", output.display()))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// `n` and the noun in the singular or the plural: `1 pair`, `2 pairs`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "pair", "pairs"), "1 pair");
        assert_eq!(plural(0, "pair", "pairs"), "0 pairs");
        assert_eq!(plural(2, "sentence", "sentences"), "2 sentences");
    }
}
