//! `ura` for Python: the sentence splitter and aligner of the `ura`
//! command as a library call (PyO3). Inputs are taken from Python objects
//! under the GIL ([`input`], [`options`]); the work runs without it
//! ([`pipeline`]), through the library crates the command uses, so that
//! `ura.align` gives the beads `ura align` writes.

mod error;
mod input;
mod options;
mod pipeline;
mod types;

use std::ffi::CString;
use std::path::{Path, PathBuf};

use pyo3::exceptions::PyUserWarning;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use error::{guarded, Failure};
use types::{Alignment, Bead, Document, Sentence};

/// The aligner makes many small, short-lived allocations: mimalloc, as
/// in the command (see `src/main.rs`), keeps the package as fast.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Pairs of `align_many` whose given languages are checked against their
/// texts, as `ura batch` checks its first pairs.
const CHECK_PAIRS: usize = 4;

/// Issues the warnings among `notes` as Python `UserWarning`s.
fn warn(py: Python<'_>, notes: &[String]) -> PyResult<()> {
    for note in notes {
        if let Some(text) = note.strip_prefix("warning: ") {
            let msg = CString::new(text.replace('\0', " ")).unwrap_or_default();
            PyErr::warn(py, &py.get_type::<PyUserWarning>(), &msg, 2)?;
        }
    }
    Ok(())
}

fn mode_of((wrapped, presegmented): (bool, bool)) -> Result<ura_segment::LineMode, Failure> {
    match (wrapped, presegmented) {
        (true, true) => Err(Failure::Value(
            "wrapped and presegmented cannot both be set".to_string(),
        )),
        (true, false) => Ok(ura_segment::LineMode::Wrapped),
        (false, true) => Ok(ura_segment::LineMode::Presegmented),
        (false, false) => Ok(ura_segment::LineMode::Lines),
    }
}

/// Splits a document without the GIL (see [`pipeline::split_document`]).
fn split_doc(
    py: Python<'_>,
    doc: &ura_doc::Document,
    path: Option<&Path>,
    lang: Option<&Bound<'_, PyAny>>,
    flags: (bool, bool),
) -> PyResult<Vec<Sentence>> {
    let lang = input::lang("lang", lang)?;
    let mode = mode_of(flags)?;
    let (split, notes) = py.detach(|| {
        guarded(|| {
            let mut notes = Vec::new();
            let split = pipeline::split_document(doc, path, lang.as_deref(), mode, &mut notes);
            Ok((split, notes))
        })
    })?;
    warn(py, &notes)?;
    Ok(split
        .into_iter()
        .map(|s| Sentence {
            text: s.text,
            start: s.start,
            end: s.end,
            paragraph: s.paragraph,
        })
        .collect())
}

/// Splits `text` into sentences as `ura split` splits a plain-text file.
///
/// `lang` is a language code (BCP 47: `en`, `sq`, `pt-BR`); by default
/// the language is detected from the text, and a text whose language
/// cannot be told is split with generic rules (with a warning). A line
/// break ends a sentence and a blank line a paragraph, unless `wrapped`
/// (line breaks inside a paragraph are spaces) or `presegmented` (one
/// sentence per line, nothing split). Offsets are in characters of
/// `text`: `text[s.start:s.end]` is the sentence as written, `s.text` the
/// sentence normalised.
#[pyfunction]
#[pyo3(signature = (text, lang=None, *, wrapped=false, presegmented=false))]
fn split(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    lang: Option<&Bound<'_, PyAny>>,
    wrapped: bool,
    presegmented: bool,
) -> PyResult<Vec<Sentence>> {
    let Ok(s) = text.cast::<pyo3::types::PyString>() else {
        return Err(Failure::Type(format!(
            "text is {}; give a str (for a file, use read_document(path).split())",
            options::type_name(text)
        ))
        .into());
    };
    let text = s.to_cow()?.into_owned();
    let doc = ura_doc::Document {
        format: ura_doc::Format::Text,
        blocks: if text.is_empty() {
            Vec::new()
        } else {
            vec![ura_doc::Block {
                kind: ura_doc::BlockKind::Text,
                span: 0..text.len(),
            }]
        },
        text,
        encoding: "UTF-8",
        encoding_detected: false,
        notes: Vec::new(),
    };
    split_doc(py, &doc, None, lang, (wrapped, presegmented))
}

/// Aligns a document with its translation as `ura align` does.
///
/// `src` and `tgt` are each a text (`str`, read as `ura align` reads a
/// file: its format found from the content, split into sentences), the
/// bytes of a document (decoded as a file is), a `Document`, or a list
/// of sentences (taken as split, as with `--presegmented`; their
/// paragraphs given by `src_paragraphs`/`tgt_paragraphs`, by default
/// all one). The languages are `src_lang`/`tgt_lang`, else a document's
/// file name's, else detected from the text.
///
/// Options: `max_bead`, `band`, `learn_lexicon`, `temperature`,
/// `dictionary` (a hunalign file or (source, target) word pairs),
/// `keep_unaligned="merge"`, `min_score`, `wrapped`, `presegmented`,
/// `encoding`, `input_format`, `keep_chrome`; and `required`, beads the
/// alignment must hold, as (source indices, target indices).
#[pyfunction]
#[pyo3(signature = (src, tgt, src_lang=None, tgt_lang=None, *, src_paragraphs=None, tgt_paragraphs=None, required=None, **options))]
#[allow(clippy::too_many_arguments)]
fn align(
    py: Python<'_>,
    src: &Bound<'_, PyAny>,
    tgt: &Bound<'_, PyAny>,
    src_lang: Option<&Bound<'_, PyAny>>,
    tgt_lang: Option<&Bound<'_, PyAny>>,
    src_paragraphs: Option<&Bound<'_, PyAny>>,
    tgt_paragraphs: Option<&Bound<'_, PyAny>>,
    required: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Alignment> {
    let opts = options::parse("align", options)?;
    let pair = input::PairInput {
        src: input::side("src", src, src_paragraphs)?,
        tgt: input::side("tgt", tgt, tgt_paragraphs)?,
        src_lang: input::lang("src_lang", src_lang)?,
        tgt_lang: input::lang("tgt_lang", tgt_lang)?,
        required: input::required(required)?,
    };
    let (aligner, dict_notes) = opts.aligner()?;
    warn(py, &dict_notes)?;
    let mut done = py.detach(|| guarded(|| pipeline::align_pair(pair, &opts, &aligner, true)))?;
    warn(py, &done.notes)?;
    done.notes.splice(0..0, dict_notes);
    Ok(Alignment::new(done))
}

/// Aligns many pairs in parallel, in Rust threads without the GIL; the
/// results are in the order of `pairs` and do not depend on `jobs`.
///
/// Each pair is a `(src, tgt)` or `(src, tgt, src_lang, tgt_lang)` tuple,
/// or a dict with the keys `src`, `tgt` and optionally `src_lang`,
/// `tgt_lang`, `src_paragraphs`, `tgt_paragraphs`, `required`; sides are
/// as in `align`. `src_lang`/`tgt_lang` are the languages of the pairs
/// that do not give their own. `jobs` is the number of threads (default:
/// one per core). The options are those of `align`. A pair that fails
/// raises its error, naming the pair (`pair 3: …`), once all are done.
#[pyfunction]
#[pyo3(signature = (pairs, jobs=None, *, src_lang=None, tgt_lang=None, **options))]
fn align_many(
    py: Python<'_>,
    pairs: &Bound<'_, PyAny>,
    jobs: Option<&Bound<'_, PyAny>>,
    src_lang: Option<&Bound<'_, PyAny>>,
    tgt_lang: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<Alignment>> {
    let opts = options::parse("align_many", options)?;
    let jobs = match jobs.filter(|j| !j.is_none()) {
        None => 0,
        Some(j) => {
            if j.is_instance_of::<pyo3::types::PyBool>()
                || !j.is_instance_of::<pyo3::types::PyInt>()
            {
                return Err(Failure::Type(format!(
                    "jobs must be an int or None, not {}",
                    options::type_name(j)
                ))
                .into());
            }
            match j.extract::<usize>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    return Err(Failure::Value(format!(
                        "jobs is {j}; it is 1 or more (or None: one per core)"
                    ))
                    .into())
                }
            }
        }
    };
    let langs = (
        input::lang("src_lang", src_lang)?,
        input::lang("tgt_lang", tgt_lang)?,
    );
    let iter = pairs.try_iter().map_err(|_| {
        Failure::Type(format!(
            "pairs must be an iterable of pairs, not {}",
            options::type_name(pairs)
        ))
    })?;
    let mut inputs = Vec::new();
    for (k, item) in iter.enumerate() {
        let item = item?;
        inputs.push(
            input::pair(&item, (&langs.0, &langs.1))
                .map_err(|e| e.prefixed(&format!("pair {k}: ")))?,
        );
    }
    let (aligner, dict_notes) = opts.aligner()?;
    warn(py, &dict_notes)?;
    let results: Vec<Result<pipeline::Done, Failure>> = py.detach(|| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| Failure::Internal(format!("cannot start worker threads: {e}")));
        match pool {
            Err(e) => vec![Err(e)],
            Ok(pool) => pool.install(|| {
                inputs
                    .into_par_iter()
                    .enumerate()
                    .map(|(k, pair)| {
                        guarded(|| pipeline::align_pair(pair, &opts, &aligner, k < CHECK_PAIRS))
                            .map_err(|e| e.prefixed(&format!("pair {k}: ")))
                    })
                    .collect()
            }),
        }
    });
    let mut out = Vec::with_capacity(results.len());
    for result in results {
        let mut done = result?;
        warn(py, &done.notes)?;
        done.notes.splice(0..0, dict_notes.iter().cloned());
        out.push(Alignment::new(done));
    }
    Ok(out)
}

/// Reads a document as `ura align` reads a file: plain text (UTF-8,
/// UTF-16 with a byte-order mark, or a legacy encoding, detected unless
/// `encoding` names it), HTML, Markdown, DOCX or ODT, its format found
/// from the content (the extension breaking ties) unless `input_format`
/// names it; `keep_chrome` keeps web pages' navigation. A language code
/// in the file name (`en.txt`, `article_sq.html`) is the document's
/// language when `align` or `Document.split` are not given one.
#[pyfunction]
#[pyo3(signature = (path, *, encoding=None, input_format=None, keep_chrome=false))]
fn read_document(
    py: Python<'_>,
    path: &Bound<'_, PyAny>,
    encoding: Option<&Bound<'_, PyAny>>,
    input_format: Option<&Bound<'_, PyAny>>,
    keep_chrome: bool,
) -> PyResult<Document> {
    let Ok(path) = path.extract::<PathBuf>() else {
        return Err(Failure::Type(format!(
            "path must be a str or os.PathLike, not {}",
            options::type_name(path)
        ))
        .into());
    };
    let kwargs = PyDict::new(py);
    if let Some(e) = encoding {
        kwargs.set_item("encoding", e)?;
    }
    if let Some(f) = input_format {
        kwargs.set_item("input_format", f)?;
    }
    let opts = options::parse("read_document", Some(&kwargs))?;
    let opts = options::Options {
        keep_chrome,
        ..opts
    };
    let doc = py.detach(|| guarded(|| pipeline::read_file(&path, &opts)))?;
    Ok(Document {
        doc,
        path: Some(path),
    })
}

/// Panics, for the test that a Rust panic becomes a `RuntimeError`.
#[pyfunction]
fn _panic(py: Python<'_>) -> PyResult<()> {
    py.detach(|| guarded(|| -> Result<(), Failure> { panic!("a test panic") }))?;
    Ok(())
}

/// The native part of the `ura` package (see `ura/__init__.py`).
#[pymodule]
fn _ura(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(align, m)?)?;
    m.add_function(wrap_pyfunction!(align_many, m)?)?;
    m.add_function(wrap_pyfunction!(read_document, m)?)?;
    m.add_function(wrap_pyfunction!(_panic, m)?)?;
    m.add_class::<Sentence>()?;
    m.add_class::<Bead>()?;
    m.add_class::<Alignment>()?;
    m.add_class::<Document>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
