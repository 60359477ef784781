//! The Python classes: `Sentence`, `Bead`, `Alignment`, `Document`.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::error::Failure;
use crate::pipeline::Done;

/// A sentence of a text, as `split` gives it.
#[pyclass(module = "ura", frozen, get_all)]
#[derive(Clone)]
pub struct Sentence {
    /// The sentence, normalised (whitespace runs as one space, NFC), as
    /// `ura split` prints it.
    pub text: String,
    /// The offset of its first character in the text it was split from,
    /// in characters (Python `str` indices): `text[start:end]` is the
    /// sentence as written.
    pub start: usize,
    /// The offset one past its last character.
    pub end: usize,
    /// Its paragraph, counted from 0 over the paragraphs that hold a
    /// sentence.
    pub paragraph: usize,
}

#[pymethods]
impl Sentence {
    fn __repr__(&self) -> String {
        format!(
            "Sentence(text={:?}, start={}, end={}, paragraph={})",
            self.text, self.start, self.end, self.paragraph
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Sentence>().is_ok_and(|o| {
            let o = o.get();
            (&o.text, o.start, o.end, o.paragraph)
                == (&self.text, self.start, self.end, self.paragraph)
        })
    }
}

/// A bead: consecutive source sentences aligned with consecutive target
/// sentences (either side may be empty), with the fields of a JSONL line
/// of `ura align -f jsonl`.
#[pyclass(module = "ura", frozen, get_all)]
#[derive(Clone)]
pub struct Bead {
    /// 0-based indices of its source sentences.
    pub src_idx: Vec<usize>,
    /// 0-based indices of its target sentences.
    pub tgt_idx: Vec<usize>,
    /// Its source sentences, joined by spaces.
    pub src: String,
    /// Its target sentences, joined by spaces.
    pub tgt: String,
    /// Confidence in [0, 1] (not rounded; JSONL writes four decimals).
    pub score: f64,
    /// Its shape, `1-1`, `2-1`, `1-0`, …
    pub bead: String,
    /// The kind of block its source side comes from in a structured
    /// document (`heading-1`, `paragraph`, …); None for plain text.
    pub src_block: Option<String>,
    /// The kind of block its target side comes from.
    pub tgt_block: Option<String>,
}

#[pymethods]
impl Bead {
    fn __repr__(&self) -> String {
        format!(
            "Bead(src_idx={:?}, tgt_idx={:?}, score={:.4}, bead={:?}, src={:?}, tgt={:?})",
            self.src_idx, self.tgt_idx, self.score, self.bead, self.src, self.tgt
        )
    }

    /// The bead as a dict with the keys of a JSONL line (`src`, `tgt`,
    /// `src_idx`, `tgt_idx`, `score` — not rounded — and `bead`; and
    /// `src_block`, `tgt_block` when known).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("src", &self.src)?;
        d.set_item("tgt", &self.tgt)?;
        d.set_item("src_idx", &self.src_idx)?;
        d.set_item("tgt_idx", &self.tgt_idx)?;
        d.set_item("score", self.score)?;
        d.set_item("bead", &self.bead)?;
        if let Some(b) = &self.src_block {
            d.set_item("src_block", b)?;
        }
        if let Some(b) = &self.tgt_block {
            d.set_item("tgt_block", b)?;
        }
        Ok(d)
    }
}

/// The alignment of a pair: its beads in order, covering every sentence
/// of both sides once (unless `min_score` left some out), the settled
/// languages, and the writers of the command's formats.
#[pyclass(module = "ura", frozen)]
pub struct Alignment {
    done: Done,
}

impl Alignment {
    /// The alignment of a finished pair.
    pub fn new(done: Done) -> Alignment {
        Alignment { done }
    }
}

/// Writes `bytes` to `path`, or gives them back as text when `path` is
/// None.
fn give(py: Python<'_>, bytes: Vec<u8>, path: Option<PathBuf>) -> PyResult<Option<String>> {
    match path {
        None => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Some(p) => {
            py.detach(|| std::fs::write(&p, &bytes))
                .map_err(|e| Failure::io(&e, format!("cannot write {}", p.display())))?;
            Ok(None)
        }
    }
}

fn io_failure(e: impl std::fmt::Display) -> PyErr {
    Failure::Value(format!("cannot write the output: {e}")).into()
}

#[pymethods]
impl Alignment {
    /// The beads, in document order.
    #[getter]
    fn beads(&self) -> Vec<Bead> {
        self.done
            .rows
            .iter()
            .map(|r| Bead {
                src_idx: r.src_idx.clone(),
                tgt_idx: r.tgt_idx.clone(),
                src: r.src.clone(),
                tgt: r.tgt.clone(),
                score: r.score,
                bead: r.bead.clone(),
                src_block: r.src_block.clone(),
                tgt_block: r.tgt_block.clone(),
            })
            .collect()
    }

    /// The source language, as settled (`und` when it could not be told).
    #[getter]
    fn src_lang(&self) -> &str {
        &self.done.src_lang
    }

    /// The target language, as settled.
    #[getter]
    fn tgt_lang(&self) -> &str {
        &self.done.tgt_lang
    }

    /// The source sentences (normalised), which `src_idx` index.
    #[getter]
    fn src_sentences(&self) -> Vec<String> {
        self.done.src_sentences.clone()
    }

    /// The target sentences, which `tgt_idx` index.
    #[getter]
    fn tgt_sentences(&self) -> Vec<String> {
        self.done.tgt_sentences.clone()
    }

    /// What the command would have said on stderr, one line each without
    /// `ura: ` (languages detected, warnings, notes on the input).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.done.notes.clone()
    }

    fn __len__(&self) -> usize {
        self.done.rows.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Alignment({} → {}, {} beads, {} source and {} target sentences)",
            self.done.src_lang,
            self.done.tgt_lang,
            self.done.rows.len(),
            self.done.src_sentences.len(),
            self.done.tgt_sentences.len()
        )
    }

    /// Writes the beads as JSONL, one object per bead, as `ura align -f
    /// jsonl` does; to `path`, or returned as a str when `path` is None.
    #[pyo3(signature = (path=None))]
    fn to_jsonl(&self, py: Python<'_>, path: Option<PathBuf>) -> PyResult<Option<String>> {
        let mut out = Vec::new();
        ura_bitext::rows::write_jsonl(&mut out, &self.done.rows).map_err(io_failure)?;
        give(py, out, path)
    }

    /// Writes the beads as TSV (a header row, then source, target, score,
    /// bead), as `ura align -f tsv` does.
    #[pyo3(signature = (path=None))]
    fn to_tsv(&self, py: Python<'_>, path: Option<PathBuf>) -> PyResult<Option<String>> {
        let mut out = Vec::new();
        let d = &self.done;
        ura_bitext::rows::write_tsv(&mut out, &d.src_lang, &d.tgt_lang, &d.rows)
            .map_err(io_failure)?;
        give(py, out, path)
    }

    /// Writes the beads as CSV (RFC 4180), as `ura align -f csv` does;
    /// `excel` adds a byte-order mark and neutralises cells a spreadsheet
    /// could run as formulas (`--excel`).
    #[pyo3(signature = (path=None, *, excel=false))]
    fn to_csv(
        &self,
        py: Python<'_>,
        path: Option<PathBuf>,
        excel: bool,
    ) -> PyResult<Option<String>> {
        let mut out = Vec::new();
        let d = &self.done;
        ura_bitext::rows::write_csv(&mut out, &d.src_lang, &d.tgt_lang, &d.rows, excel)
            .map_err(io_failure)?;
        give(py, out, path)
    }

    /// Writes the beads that have both sides as a TMX 1.4b translation
    /// memory, as `ura align -f tmx` does (`SOURCE_DATE_EPOCH` fixes its
    /// creation date). Both languages must be known: a `ValueError`
    /// otherwise, naming the option to set.
    #[pyo3(signature = (path=None))]
    fn to_tmx(&self, py: Python<'_>, path: Option<PathBuf>) -> PyResult<Option<String>> {
        let d = &self.done;
        for (lang, role, flag) in [
            (&d.src_lang, "source", "src_lang"),
            (&d.tgt_lang, "target", "tgt_lang"),
        ] {
            if lang == "und" {
                return Err(Failure::Value(format!(
                    "the {role} language is not known (und), and a TMX needs it: set it with {flag}= in align()"
                ))
                .into());
            }
        }
        let header =
            ura_corpus::rows::tmx_header_now(&d.src_lang, &d.tgt_lang, env!("CARGO_PKG_VERSION"))
                .map_err(|e| Failure::Value(e.to_string()))?;
        let units: Vec<ura_bitext::tmx::TmxUnit> = d
            .rows
            .iter()
            .filter_map(ura_corpus::rows::tmx_unit)
            .collect();
        let mut out = Vec::new();
        ura_bitext::tmx::write_tmx(&mut out, &header, &units).map_err(io_failure)?;
        give(py, out, path)
    }
}

/// A document read from a file by `read_document`: its text, the format
/// and encoding it was read as, and its blocks. Give it to `align` as a
/// side, or split it with `Document.split`.
#[pyclass(module = "ura", frozen)]
pub struct Document {
    /// The document.
    pub doc: ura_doc::Document,
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
}

#[pymethods]
impl Document {
    /// The text of every block, blocks separated by a blank line (for
    /// plain text, the decoded file itself).
    #[getter]
    fn text(&self) -> &str {
        &self.doc.text
    }

    /// The format it was read as: `text`, `html`, `markdown`, `docx`, `odt`, …
    #[getter]
    fn format(&self) -> &'static str {
        self.doc.format.name()
    }

    /// The encoding it was decoded from (`UTF-8`, `windows-1252`, …).
    #[getter]
    fn encoding(&self) -> &'static str {
        self.doc.encoding
    }

    /// Whether that encoding was detected rather than known.
    #[getter]
    fn encoding_detected(&self) -> bool {
        self.doc.encoding_detected
    }

    /// What the reader said (an encoding detected, parts left out).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.doc.notes.clone()
    }

    /// The file it was read from.
    #[getter]
    fn path(&self) -> Option<String> {
        self.path.as_ref().map(|p| p.display().to_string())
    }

    /// The blocks, in reading order, as (kind, start, end): the kind's
    /// name (`text`, `heading-1`, `paragraph`, `list-item`, …) and the
    /// block's span in characters of `text`.
    #[getter]
    fn blocks(&self) -> Vec<(String, usize, usize)> {
        let chars = crate::pipeline::CharOffsets::new(&self.doc.text);
        self.doc
            .blocks
            .iter()
            .map(|b| {
                let kind = ura_corpus::block_label(b.kind).unwrap_or_else(|| "text".to_string());
                (kind, chars.of(b.span.start), chars.of(b.span.end))
            })
            .collect()
    }

    /// Splits the document into sentences as `ura split` does: in
    /// `lang`, else its file name's language, else the language detected
    /// from its text; each block of a structured document is a paragraph.
    /// Offsets are characters of `Document.text`.
    #[pyo3(signature = (lang=None, *, wrapped=false, presegmented=false))]
    fn split(
        &self,
        py: Python<'_>,
        lang: Option<&Bound<'_, PyAny>>,
        wrapped: bool,
        presegmented: bool,
    ) -> PyResult<Vec<Sentence>> {
        crate::split_doc(
            py,
            &self.doc,
            self.path.as_deref(),
            lang,
            (wrapped, presegmented),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Document(path={:?}, format={:?}, {} blocks, {} characters)",
            self.path(),
            self.format(),
            self.doc.blocks.len(),
            self.doc.text.chars().count()
        )
    }
}
