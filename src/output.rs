//! Where outputs go: checked before any work, written atomically, and
//! reported in one line.

use std::io::Write;
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
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// An output file written as it is made, through a temporary file beside
/// it that [`AtomicFile::commit`] renames into place: a failed run never
/// leaves a truncated output, and the output is never held whole in
/// memory. A device or a pipe (`-o /dev/stdout`, `/dev/full`) cannot be
/// replaced by a rename and is written directly. Dropped uncommitted, the
/// temporary file is removed.
pub(crate) struct AtomicFile {
    out: std::io::BufWriter<std::fs::File>,
    path: PathBuf,
    /// The temporary file, `None` for a device.
    tmp: Option<PathBuf>,
}

impl AtomicFile {
    /// Opens the temporary file for `path` (or the device `path`).
    pub(crate) fn create(path: &Path) -> Result<AtomicFile> {
        let device = std::fs::metadata(path).is_ok_and(|m| !m.is_file());
        let tmp = (!device).then(|| temp_path(path));
        let file = std::fs::File::create(tmp.as_deref().unwrap_or(path))
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(AtomicFile {
            out: std::io::BufWriter::new(file),
            path: path.to_path_buf(),
            tmp,
        })
    }

    /// Flushes what is written and renames the file into place.
    pub(crate) fn commit(mut self) -> Result<()> {
        let path = self.path.clone();
        let tmp = self.tmp.take();
        let result = self
            .out
            .flush()
            .and_then(|()| match &tmp {
                Some(tmp) => std::fs::rename(tmp, &path),
                None => Ok(()),
            })
            .with_context(|| format!("cannot write {}", path.display()));
        if let (Err(_), Some(tmp)) = (&result, &tmp) {
            let _ = std::fs::remove_file(tmp);
        }
        result
    }

    /// `e`, saying which output it befell (the writers' errors pass
    /// through other crates' error types before they are shown).
    fn named(&self, e: std::io::Error) -> std::io::Error {
        std::io::Error::new(
            e.kind(),
            format!("cannot write {}: {e}", self.path.display()),
        )
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf).map_err(|e| self.named(e))
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.out.write_all(buf).map_err(|e| self.named(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush().map_err(|e| self.named(e))
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(tmp) = &self.tmp {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Whether two paths name one file (after links), as far as can be told
/// without creating either.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    matches!((file_id(a), file_id(b)), (Some(x), Some(y)) if x == y)
}

/// Which file a path names (after links): its device and inode where
/// the platform tells them, else its canonical path; `None` for a path
/// that names no file.
fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            return Some(FileId::Inode(m.dev(), m.ino()));
        }
    }
    path.canonicalize().ok().map(FileId::Path)
}

/// A file's identity, as [`file_id`] tells it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileId {
    /// Device and inode.
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    /// Canonical path, where the platform tells no inode.
    Path(PathBuf),
}

/// The inputs of a run, each looked up once, so that whether an output
/// is one of them is one look-up (a batch of thousands of pairs checked
/// every output against every input, two path resolutions per check:
/// 2.9 million `stat`s and 8 million `readlink`s, a minute, for 1,200
/// pairs).
pub(crate) struct Inputs<'a> {
    /// Identity of each input that names a file, with its first path.
    ids: std::collections::HashMap<FileId, &'a Path>,
}

impl<'a> Inputs<'a> {
    /// Looks up every path of `inputs` once.
    pub(crate) fn new(inputs: &[&'a Path]) -> Inputs<'a> {
        Self::with_ids(inputs, file_id)
    }

    /// [`Inputs::new`], with the identity of a path from `id`.
    fn with_ids(inputs: &[&'a Path], mut id: impl FnMut(&Path) -> Option<FileId>) -> Inputs<'a> {
        let mut ids = std::collections::HashMap::with_capacity(inputs.len());
        for &input in inputs {
            if let Some(k) = id(input) {
                ids.entry(k).or_insert(input);
            }
        }
        Inputs { ids }
    }

    /// The input that `output` is (after links), if any: as
    /// [`same_file`] tells it, with one look-up of `output`.
    pub(crate) fn find(&self, output: &Path) -> Option<&'a Path> {
        self.find_with(output, file_id)
    }

    /// [`Inputs::find`], with the identity of a path from `id`.
    fn find_with(
        &self,
        output: &Path,
        id: impl FnOnce(&Path) -> Option<FileId>,
    ) -> Option<&'a Path> {
        id(output).and_then(|k| self.ids.get(&k).copied())
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
    fn an_output_written_in_pieces_appears_only_when_committed() {
        let dir = std::env::temp_dir().join(format!("ura-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("out.tsv");
        std::fs::write(&out, "old").unwrap();
        let mut file = AtomicFile::create(&out).unwrap();
        file.write_all(b"new ").unwrap();
        file.write_all(b"text").unwrap();
        drop(file);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file"
        );
        let mut file = AtomicFile::create(&out).unwrap();
        file.write_all(b"new ").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        file.write_all(b"text").unwrap();
        file.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new text");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "pair", "pairs"), "1 pair");
        assert_eq!(plural(0, "pair", "pairs"), "0 pairs");
        assert_eq!(plural(2, "sentence", "sentences"), "2 sentences");
    }

    #[test]
    fn an_output_is_found_among_the_inputs_through_links_and_a_new_one_is_not() {
        let dir = std::env::temp_dir().join(format!("ura-inputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
        std::fs::write(&a, "a").unwrap();
        std::fs::write(&b, "b").unwrap();
        let inputs = Inputs::new(&[a.as_path(), b.as_path()]);
        assert_eq!(inputs.find(&dir.join("./b.txt")), Some(b.as_path()));
        assert_eq!(inputs.find(&dir.join("new.txt")), None);
        assert_eq!(inputs.find(&dir), None);
        #[cfg(unix)]
        {
            let link = dir.join("link.txt");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&a, &link).unwrap();
            assert_eq!(inputs.find(&link), Some(a.as_path()));
            let hard = dir.join("hard.txt");
            let _ = std::fs::remove_file(&hard);
            std::fs::hard_link(&b, &hard).unwrap();
            assert_eq!(inputs.find(&hard), Some(b.as_path()));
            assert!(same_file(&hard, &b));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn checking_many_outputs_looks_each_path_up_once() {
        // A batch checked every output against every input: n² look-ups.
        let paths: Vec<PathBuf> = (0..50).map(|k| PathBuf::from(format!("in{k}"))).collect();
        let inputs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let calls = std::cell::Cell::new(0);
        let id = |p: &Path| {
            calls.set(calls.get() + 1);
            Some(FileId::Path(p.to_path_buf()))
        };
        let set = Inputs::with_ids(&inputs, id);
        for k in 0..50 {
            let out = PathBuf::from(format!("out{k}"));
            assert_eq!(set.find_with(&out, id), None);
        }
        assert_eq!(set.find_with(Path::new("in7"), id), Some(Path::new("in7")));
        assert_eq!(calls.get(), 50 + 50 + 1);
    }
}
