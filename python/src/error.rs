//! Failures built without the GIL, raised as Python exceptions with it.

use pyo3::exceptions::{
    PyFileExistsError, PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError,
    PyRuntimeError, PyTypeError, PyValueError,
};
use pyo3::PyErr;

/// Why a call failed. Each message is the line the `ura` command would
/// print, without its `ura: ` prefix.
#[derive(Debug)]
pub enum Failure {
    /// An argument of the wrong type: `TypeError`.
    Type(String),
    /// A bad value or input that cannot be read: `ValueError`.
    Value(String),
    /// A file that cannot be read or written: `OSError` (the subclass its
    /// kind names, `FileNotFoundError`, `PermissionError`, …).
    Os(std::io::ErrorKind, String),
    /// A bug (a Rust panic): `RuntimeError`.
    Internal(String),
}

impl Failure {
    /// An I/O error on `what` (`cannot read x.txt`).
    pub fn io(e: &std::io::Error, what: String) -> Failure {
        Failure::Os(e.kind(), format!("{what}: {e}"))
    }

    /// The same failure, its message starting with `prefix` (`pair 3: `).
    pub fn prefixed(self, prefix: &str) -> Failure {
        match self {
            Failure::Type(m) => Failure::Type(format!("{prefix}{m}")),
            Failure::Value(m) => Failure::Value(format!("{prefix}{m}")),
            Failure::Os(k, m) => Failure::Os(k, format!("{prefix}{m}")),
            Failure::Internal(m) => Failure::Internal(format!("{prefix}{m}")),
        }
    }
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        use std::io::ErrorKind;
        match f {
            Failure::Type(m) => PyTypeError::new_err(m),
            Failure::Value(m) => PyValueError::new_err(m),
            Failure::Os(ErrorKind::NotFound, m) => PyFileNotFoundError::new_err(m),
            Failure::Os(ErrorKind::PermissionDenied, m) => PyPermissionError::new_err(m),
            Failure::Os(ErrorKind::AlreadyExists, m) => PyFileExistsError::new_err(m),
            Failure::Os(ErrorKind::IsADirectory, m) => PyIsADirectoryError::new_err(m),
            Failure::Os(_, m) => PyOSError::new_err(m),
            Failure::Internal(m) => PyRuntimeError::new_err(m),
        }
    }
}

/// Runs `f`, turning a panic into [`Failure::Internal`]: a bug must raise
/// an exception, never take the interpreter down (PyO3's own
/// `PanicException` derives from `BaseException`, which `except
/// Exception` does not catch).
pub fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            Err(Failure::Internal(format!(
                "internal error: {} (please report this)",
                msg.replace('\n', " ")
            )))
        }
    }
}
