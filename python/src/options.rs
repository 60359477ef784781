//! The options of `align` and `align_many`: the aligner's
//! (`AlignerBuilder`'s) and the command's (`--dict`, `--keep-unaligned`,
//! `--min-score`, how inputs are read).

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyString};

use crate::error::Failure;

/// Every option name, in the order the error for an unknown one lists
/// them.
pub const NAMES: &[&str] = &[
    "max_bead",
    "band",
    "learn_lexicon",
    "temperature",
    "dictionary",
    "keep_unaligned",
    "min_score",
    "wrapped",
    "presegmented",
    "encoding",
    "input_format",
    "keep_chrome",
];

/// A bilingual dictionary: a file in hunalign's format, or word pairs.
#[derive(Debug, Clone)]
pub enum Dictionary {
    /// A file of `target @ source` lines (`--dict`).
    File(PathBuf),
    /// (source word, target word) pairs.
    Pairs(Vec<(String, String)>),
}

/// The options of one call, checked.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `AlignerBuilder::max_bead` (1–4).
    pub max_bead: Option<usize>,
    /// `AlignerBuilder::band` (2 or more).
    pub band: Option<usize>,
    /// `AlignerBuilder::learn_lexicon`.
    pub learn_lexicon: Option<bool>,
    /// `AlignerBuilder::temperature` (above 0).
    pub temperature: Option<f64>,
    /// `AlignerBuilder::dictionary`, or `--dict`.
    pub dictionary: Option<Dictionary>,
    /// `--keep-unaligned merge`.
    pub merge_unaligned: bool,
    /// `--min-score`.
    pub min_score: Option<f64>,
    /// `--wrapped`, `--presegmented`, or neither.
    pub mode: ura_segment::LineMode,
    /// `--encoding`, for bytes and files.
    pub encoding: Option<String>,
    /// `--from`.
    pub input_format: Option<ura_doc::Format>,
    /// `--keep-chrome`.
    pub keep_chrome: bool,
}

/// The type name of a Python object, for messages.
pub fn type_name(v: &Bound<'_, PyAny>) -> String {
    if v.is_none() {
        return "None".to_string();
    }
    v.get_type()
        .name()
        .map_or_else(|_| "an object".to_string(), |n| n.to_string())
}

fn wrong(func: &str, name: &str, want: &str, v: &Bound<'_, PyAny>) -> Failure {
    Failure::Type(format!(
        "{func}(): option {name} must be {want}, not {}",
        type_name(v)
    ))
}

fn int(func: &str, name: &str, v: &Bound<'_, PyAny>) -> Result<i64, Failure> {
    if v.is_instance_of::<PyBool>() || !v.is_instance_of::<PyInt>() {
        return Err(wrong(func, name, "an int", v));
    }
    v.extract::<i64>()
        .map_err(|_| Failure::Value(format!("{func}(): option {name} is out of range")))
}

fn float(func: &str, name: &str, v: &Bound<'_, PyAny>) -> Result<f64, Failure> {
    if v.is_instance_of::<PyBool>()
        || !(v.is_instance_of::<PyInt>() || v.is_instance_of::<PyFloat>())
    {
        return Err(wrong(func, name, "a number", v));
    }
    v.extract::<f64>()
        .map_err(|_| Failure::Value(format!("{func}(): option {name} is out of range")))
}

fn boolean(func: &str, name: &str, v: &Bound<'_, PyAny>) -> Result<bool, Failure> {
    if !v.is_instance_of::<PyBool>() {
        return Err(wrong(func, name, "True or False", v));
    }
    Ok(v.is_truthy().unwrap_or(false))
}

fn string(func: &str, name: &str, v: &Bound<'_, PyAny>) -> Result<String, Failure> {
    if !v.is_instance_of::<PyString>() {
        return Err(wrong(func, name, "a str", v));
    }
    v.extract::<String>()
        .map_err(|_| Failure::Value(format!("{func}(): option {name} is not valid Unicode")))
}

fn dictionary(func: &str, v: &Bound<'_, PyAny>) -> Result<Dictionary, Failure> {
    if let Ok(path) = v.extract::<PathBuf>() {
        return Ok(Dictionary::File(path));
    }
    let items = v.try_iter().map_err(|_| {
        wrong(
            func,
            "dictionary",
            "a path or a list of (source, target) word pairs",
            v,
        )
    })?;
    let mut pairs = Vec::new();
    for (k, item) in items.enumerate() {
        let item = item.map_err(|e| Failure::Value(e.to_string()))?;
        let pair: (String, String) = item.extract().map_err(|_| {
            Failure::Type(format!(
                "{func}(): dictionary[{k}] must be a (source, target) pair of str, not {}",
                type_name(&item)
            ))
        })?;
        pairs.push(pair);
    }
    Ok(Dictionary::Pairs(pairs))
}

/// Reads the options of a call to `func` from its keyword arguments;
/// an unknown name is a `TypeError` that lists the known ones.
pub fn parse(func: &str, kwargs: Option<&Bound<'_, PyDict>>) -> Result<Options, Failure> {
    let mut o = Options::default();
    let Some(kwargs) = kwargs else {
        return Ok(o);
    };
    let (mut wrapped, mut presegmented) = (false, false);
    for (key, v) in kwargs.iter() {
        let name: String = key.extract().unwrap_or_default();
        if v.is_none() && name != "dictionary" && name != "keep_unaligned" {
            // None is each option's default.
            continue;
        }
        match name.as_str() {
            "max_bead" => {
                let n = int(func, &name, &v)?;
                if !(1..=4).contains(&n) {
                    return Err(Failure::Value(format!(
                        "{func}(): max_bead is {n}; it is 1 to 4 (sentences on one side of a bead)"
                    )));
                }
                o.max_bead = Some(n as usize);
            }
            "band" => {
                let n = int(func, &name, &v)?;
                if n < 2 {
                    return Err(Failure::Value(format!(
                        "{func}(): band is {n}; it is 2 or more (sentences each side of the path)"
                    )));
                }
                o.band = Some(n as usize);
            }
            "learn_lexicon" => o.learn_lexicon = Some(boolean(func, &name, &v)?),
            "temperature" => {
                let t = float(func, &name, &v)?;
                if !(t.is_finite() && t > 0.0) {
                    return Err(Failure::Value(format!(
                        "{func}(): temperature is {t}; it is a number above 0"
                    )));
                }
                o.temperature = Some(t);
            }
            "dictionary" => {
                if !v.is_none() {
                    o.dictionary = Some(dictionary(func, &v)?);
                }
            }
            "keep_unaligned" => {
                if !v.is_none() {
                    let how = string(func, &name, &v)?;
                    if how != "merge" {
                        return Err(Failure::Value(format!(
                            "{func}(): keep_unaligned is '{how}'; it is 'merge' or None"
                        )));
                    }
                    o.merge_unaligned = true;
                }
            }
            "min_score" => {
                let s = float(func, &name, &v)?;
                if !(0.0..=1.0).contains(&s) {
                    return Err(Failure::Value(format!(
                        "{func}(): '{s}' is not a number between 0 and 1 (min_score)"
                    )));
                }
                o.min_score = Some(s);
            }
            "wrapped" => wrapped = boolean(func, &name, &v)?,
            "presegmented" => presegmented = boolean(func, &name, &v)?,
            "encoding" => o.encoding = Some(string(func, &name, &v)?),
            "input_format" => {
                let f = string(func, &name, &v)?;
                o.input_format = Some(ura_doc::Format::from_name(&f).ok_or_else(|| {
                    let names: Vec<&str> = ura_doc::Format::ALL.iter().map(|f| f.name()).collect();
                    Failure::Value(format!(
                        "{func}(): '{f}' is not an input format ({})",
                        names.join(", ")
                    ))
                })?);
            }
            "keep_chrome" => o.keep_chrome = boolean(func, &name, &v)?,
            _ => {
                return Err(Failure::Type(format!(
                    "{func}() got an unknown option '{name}'; the options are {}",
                    NAMES.join(", ")
                )))
            }
        }
    }
    o.mode = match (wrapped, presegmented) {
        (true, true) => {
            return Err(Failure::Value(format!(
                "{func}(): wrapped and presegmented cannot both be set"
            )))
        }
        (true, false) => ura_segment::LineMode::Wrapped,
        (false, true) => ura_segment::LineMode::Presegmented,
        (false, false) => ura_segment::LineMode::Lines,
    };
    Ok(o)
}

impl Options {
    /// The document reader for these options, for a file with extension
    /// `ext`.
    pub fn reader(&self, ext: Option<&str>) -> ura_doc::DocReader {
        let mut reader = ura_doc::DocReader::new();
        reader
            .format(self.input_format)
            .encoding(self.encoding.as_deref())
            .keep_chrome(self.keep_chrome)
            .extension(ext);
        reader
    }

    /// The aligner these options ask for, and what reading the
    /// dictionary said.
    pub fn aligner(&self) -> Result<(ura_align::Aligner, Vec<String>), Failure> {
        let mut b = ura_align::AlignerBuilder::new();
        if let Some(n) = self.max_bead {
            b.max_bead(n);
        }
        if let Some(n) = self.band {
            b.band(n);
        }
        if let Some(yes) = self.learn_lexicon {
            b.learn_lexicon(yes);
        }
        if let Some(t) = self.temperature {
            b.temperature(t);
        }
        let mut notes = Vec::new();
        match &self.dictionary {
            None => {}
            Some(Dictionary::Pairs(pairs)) => {
                b.dictionary(pairs.clone());
            }
            Some(Dictionary::File(path)) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| Failure::io(&e, format!("cannot read {}", path.display())))?;
                let (pairs, said) =
                    ura_corpus::pair::read_dictionary(&text, &path.display().to_string());
                notes = said;
                b.dictionary(pairs);
            }
        }
        Ok((b.build(), notes))
    }
}
