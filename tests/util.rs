//! Helpers to run the built binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `data/`.
pub fn data(rel: &str) -> PathBuf {
    root().join("data").join(rel)
}

/// A path as a command-line argument.
pub fn path(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_string()
}

/// Runs `ura align` on the bundled UNHCR pair with `extra` flags.
pub fn align_unhcr(extra: &[&str]) -> Output {
    let (en, sq) = (path(&data("unhcr/en.txt")), path(&data("unhcr/sq.txt")));
    let mut args = vec!["align", en.as_str(), sq.as_str()];
    args.extend_from_slice(extra);
    ura(&args, None)
}

/// Runs `ura` with `args` and optional standard input.
pub fn ura(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ura"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ura");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(input).expect("write stdin");
    }
    child.wait_with_output().expect("wait for ura")
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

/// A fresh temporary directory under the target directory.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Whether an external client runs (`program` with `probe`, which must
/// succeed): the tests that need it run where it is installed and say so
/// where it is not; under CI (the `CI` variable set, as `.ci/run` does) a
/// missing client is a failure.
pub fn have(program: &str, probe: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "{program} {probe:?} fails under CI: install it (see .ci/run)"
    );
    if !ok {
        eprintln!("skipped: {program} {probe:?} does not run here (not installed)");
    }
    ok
}
