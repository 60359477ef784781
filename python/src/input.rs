//! Inputs taken from Python objects, under the GIL, into owned Rust data
//! that the work without the GIL reads.

use std::ops::Range;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::error::Failure;
use crate::options::type_name;
use crate::types::Document;

/// One side of a pair, as given.
pub enum SideInput {
    /// A text (`str`) or a document's bytes, read as `ura align` reads a
    /// file: its format found from the content, decoded, split.
    Bytes(Vec<u8>),
    /// A document read by `read_document`, and its file.
    Doc(ura_doc::Document, Option<PathBuf>),
    /// Sentences already split, with their paragraph ids if given.
    Sentences(Vec<String>, Option<Vec<usize>>),
}

/// A bead given as its (source, target) sentence ranges.
pub type Ranges = (Range<usize>, Range<usize>);

/// One pair to align.
pub struct PairInput {
    /// The source side.
    pub src: SideInput,
    /// The target side.
    pub tgt: SideInput,
    /// `src_lang`, normalised, if given.
    pub src_lang: Option<String>,
    /// `tgt_lang`, normalised, if given.
    pub tgt_lang: Option<String>,
    /// Beads the alignment must hold, as (source, target) sentence ranges.
    pub required: Vec<Ranges>,
}

const WANT: &str =
    "give a text (str), the bytes of a document, a Document, or a list of sentences (str)";

/// A text or the bytes of one: a `str`, `bytes` or `bytearray`.
pub fn text_bytes(name: &str, v: &Bound<'_, PyAny>) -> Result<Option<Vec<u8>>, Failure> {
    if let Ok(s) = v.cast::<PyString>() {
        let s = s.to_cow().map_err(|_| {
            Failure::Value(format!(
                "{name} is not valid Unicode (it holds a lone surrogate)"
            ))
        })?;
        return Ok(Some(s.as_bytes().to_vec()));
    }
    if let Ok(b) = v.cast::<PyBytes>() {
        return Ok(Some(b.as_bytes().to_vec()));
    }
    if let Ok(b) = v.cast::<PyByteArray>() {
        return Ok(Some(b.to_vec()));
    }
    Ok(None)
}

/// One side (`name` is `src` or `tgt`) with its paragraph ids, if given.
pub fn side(
    name: &str,
    v: &Bound<'_, PyAny>,
    paragraphs: Option<&Bound<'_, PyAny>>,
) -> Result<SideInput, Failure> {
    let paragraphs = paragraphs.filter(|p| !p.is_none());
    if v.is_none() {
        return Err(Failure::Type(format!("{name} is None; {WANT}")));
    }
    let side = if let Some(bytes) = text_bytes(name, v)? {
        SideInput::Bytes(bytes)
    } else if let Ok(doc) = v.cast::<Document>() {
        let doc = doc.get();
        SideInput::Doc(doc.doc.clone(), doc.path.clone())
    } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        let mut sentences = Vec::new();
        for (k, item) in v
            .try_iter()
            .map_err(|e| Failure::Type(e.to_string()))?
            .enumerate()
        {
            let item = item.map_err(|e| Failure::Type(e.to_string()))?;
            let Ok(s) = item.cast::<PyString>() else {
                return Err(Failure::Type(format!(
                    "{name}[{k}] is {}, not str: a list of sentences holds only str",
                    type_name(&item)
                )));
            };
            sentences.push(
                s.to_cow()
                    .map_err(|_| {
                        Failure::Value(format!(
                            "{name}[{k}] is not valid Unicode (it holds a lone surrogate)"
                        ))
                    })?
                    .to_string(),
            );
        }
        let ids = match paragraphs {
            Some(p) => Some(paragraph_ids(name, p, sentences.len())?),
            None => None,
        };
        return Ok(SideInput::Sentences(sentences, ids));
    } else {
        return Err(Failure::Type(format!("{name} is {}; {WANT}", type_name(v))));
    };
    if paragraphs.is_some() {
        return Err(Failure::Value(format!(
            "{name}_paragraphs applies to a list of sentences; {name} is a text, split into its own paragraphs"
        )));
    }
    Ok(side)
}

/// Paragraph ids for `n` sentences: ints from 0, never decreasing.
fn paragraph_ids(name: &str, v: &Bound<'_, PyAny>, n: usize) -> Result<Vec<usize>, Failure> {
    let ids: Vec<i64> = v.extract().map_err(|_| {
        Failure::Type(format!(
            "{name}_paragraphs must be a list of int, not {}",
            type_name(v)
        ))
    })?;
    if ids.len() != n {
        return Err(Failure::Value(format!(
            "{name}_paragraphs has {} ids for {n} sentences of {name}; give one per sentence",
            ids.len()
        )));
    }
    let mut out = Vec::with_capacity(n);
    for (k, &id) in ids.iter().enumerate() {
        if id < 0 {
            return Err(Failure::Value(format!(
                "{name}_paragraphs[{k}] is {id}; paragraph ids start at 0"
            )));
        }
        if let Some(&before) = out.last() {
            if (id as usize) < before {
                return Err(Failure::Value(format!(
                    "{name}_paragraphs[{k}] is {id}, after {before}: paragraph ids never decrease"
                )));
            }
        }
        out.push(id as usize);
    }
    Ok(out)
}

/// A language code (`name` is `src_lang`, `tgt_lang`, `lang`), normalised
/// to BCP 47 (`pt_br` → `pt-BR`), as the command's flags are.
pub fn lang(name: &str, v: Option<&Bound<'_, PyAny>>) -> Result<Option<String>, Failure> {
    let Some(v) = v.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let Ok(code) = v.extract::<String>() else {
        return Err(Failure::Type(format!(
            "{name} must be a language code (str) or None, not {}",
            type_name(v)
        )));
    };
    ura_bitext::tmx::normalize_lang(&code)
        .map(Some)
        .map_err(|e| Failure::Value(format!("invalid value '{code}' for {name}: {e}")))
}

/// Beads the alignment must hold: (source indices, target indices) pairs,
/// each a run of consecutive indices (one side may be empty).
pub fn required(v: Option<&Bound<'_, PyAny>>) -> Result<Vec<Ranges>, Failure> {
    let Some(v) = v.filter(|v| !v.is_none()) else {
        return Ok(Vec::new());
    };
    let beads: Vec<(Vec<i64>, Vec<i64>)> = v.extract().map_err(|_| {
        Failure::Type(format!(
            "required must be a list of (source indices, target indices) pairs, not {}",
            type_name(v)
        ))
    })?;
    let run = |k: usize, idx: &[i64]| -> Result<Range<usize>, Failure> {
        let start = idx.first().copied().unwrap_or(0);
        let consecutive = idx.iter().enumerate().all(|(j, &i)| i == start + j as i64);
        if start < 0 || !consecutive {
            return Err(Failure::Value(format!(
                "required[{k}]: {idx:?} is not a run of consecutive sentence indices"
            )));
        }
        let start = start as usize;
        Ok(start..start + idx.len())
    };
    beads
        .iter()
        .enumerate()
        .map(|(k, (s, t))| Ok((run(k, s)?, run(k, t)?)))
        .collect()
}

/// A pair of `align_many`: a `(src, tgt)` or `(src, tgt, src_lang,
/// tgt_lang)` tuple, or a dict with the keys `src`, `tgt` and optionally
/// `src_lang`, `tgt_lang`, `src_paragraphs`, `tgt_paragraphs`,
/// `required`; its languages default to the call's.
pub fn pair(
    v: &Bound<'_, PyAny>,
    (src_lang, tgt_lang): (&Option<String>, &Option<String>),
) -> Result<PairInput, Failure> {
    let or = |own: Option<String>, default: &Option<String>| own.or_else(|| default.clone());
    if let Ok(d) = v.cast::<PyDict>() {
        const KEYS: &[&str] = &[
            "src",
            "tgt",
            "src_lang",
            "tgt_lang",
            "src_paragraphs",
            "tgt_paragraphs",
            "required",
        ];
        for key in d.keys() {
            let key: String = key.extract().unwrap_or_default();
            if !KEYS.contains(&key.as_str()) {
                return Err(Failure::Type(format!(
                    "unknown key '{key}'; a pair's keys are {}",
                    KEYS.join(", ")
                )));
            }
        }
        let get = |k: &str| d.get_item(k).ok().flatten();
        let (Some(src), Some(tgt)) = (get("src"), get("tgt")) else {
            return Err(Failure::Type(
                "a pair given as a dict needs the keys src and tgt".to_string(),
            ));
        };
        return Ok(PairInput {
            src: side("src", &src, get("src_paragraphs").as_ref())?,
            tgt: side("tgt", &tgt, get("tgt_paragraphs").as_ref())?,
            src_lang: or(lang("src_lang", get("src_lang").as_ref())?, src_lang),
            tgt_lang: or(lang("tgt_lang", get("tgt_lang").as_ref())?, tgt_lang),
            required: required(get("required").as_ref())?,
        });
    }
    let Ok(t) = v.cast::<PyTuple>() else {
        return Err(Failure::Type(format!(
            "a pair is a (src, tgt) tuple or a dict, not {}",
            type_name(v)
        )));
    };
    let items: Vec<Bound<'_, PyAny>> = t.iter().collect();
    match items.as_slice() {
        [src, tgt] => Ok(PairInput {
            src: side("src", src, None)?,
            tgt: side("tgt", tgt, None)?,
            src_lang: src_lang.clone(),
            tgt_lang: tgt_lang.clone(),
            required: Vec::new(),
        }),
        [src, tgt, sl, tl] => Ok(PairInput {
            src: side("src", src, None)?,
            tgt: side("tgt", tgt, None)?,
            src_lang: or(lang("src_lang", Some(sl))?, src_lang),
            tgt_lang: or(lang("tgt_lang", Some(tl))?, tgt_lang),
            required: Vec::new(),
        }),
        _ => Err(Failure::Type(format!(
            "a pair tuple is (src, tgt) or (src, tgt, src_lang, tgt_lang), not {} items",
            items.len()
        ))),
    }
}
