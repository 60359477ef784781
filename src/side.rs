//! One side of a pair, from a file: read, its language settled, split
//! (the pipeline itself is `ura-corpus`'s).

use std::path::Path;

use anyhow::Result;
use ura_corpus::lang;
use ura_doc::Document;

pub(crate) use ura_corpus::Side as SideText;

use crate::input::{self, ReadOptions};

/// The language flags of a pair and how its languages are settled.
pub(crate) struct PairLangs<'a> {
    /// `--src-lang`, if given.
    pub src: Option<&'a str>,
    /// `--tgt-lang`, if given.
    pub tgt: Option<&'a str>,
    /// How languages are settled.
    pub policy: lang::Policy,
}

/// Prints what settling the languages said, each line once per run.
pub(crate) fn say(notes: Vec<String>) {
    for note in notes {
        input::warn_once(format!("ura: {note}"));
    }
}

/// Reads, decodes and splits both sides of a pair, their languages
/// settled from the flags, the file names or the texts.
pub(crate) fn split_pair(
    (src, tgt): (&Path, &Path),
    langs: &PairLangs,
    opts: &ReadOptions,
) -> Result<(SideText, SideText)> {
    let hint = |flag: Option<&str>, path: &Path| {
        flag.map(str::to_string)
            .or_else(|| ura_lang::from_file_name(path))
    };
    let src_doc = input::read(Some(src), opts, hint(langs.src, src).as_deref())?;
    let tgt_doc = input::read(Some(tgt), opts, hint(langs.tgt, tgt).as_deref())?;
    let mut notes = Vec::new();
    let split = ura_corpus::pair::split_pair(
        (
            &src_doc,
            &clues(langs.src, "--src-lang", "source", src, &src_doc),
        ),
        (
            &tgt_doc,
            &clues(langs.tgt, "--tgt-lang", "target", tgt, &tgt_doc),
        ),
        langs.policy,
        opts.mode,
        &mut notes,
    );
    say(notes);
    Ok(split?)
}

/// The clues to a file's language.
fn clues<'a>(
    flag: Option<&'a str>,
    flag_name: &'a str,
    role: &'a str,
    path: &'a Path,
    doc: &'a Document,
) -> lang::Clues<'a> {
    lang::Clues {
        flag,
        flag_name,
        role,
        path: Some(path),
        what: format!("the {role} ({})", path.display()),
        text: &doc.text,
    }
}

/// `lang`, after warning (once per run) when the splitter has no rules of
/// its own for it and the text is to be split.
pub(crate) fn rules_for(lang: String, what: &str, mode: ura_segment::LineMode) -> String {
    if let Some(note) = ura_corpus::pair::rules_note(&lang, what, mode) {
        input::warn_once(format!("ura: {note}"));
    }
    lang
}
