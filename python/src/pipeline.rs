//! The work of a call, without the GIL: read, settle the languages, split
//! and align one pair as `ura align` does, through `ura-corpus`.

use std::path::{Path, PathBuf};

use ura_corpus::lang;
use ura_corpus::Side;

use crate::error::Failure;
use crate::input::{PairInput, SideInput};
use crate::options::Options;

/// What aligning one pair gave.
pub struct Done {
    /// The beads as rows (texts joined, indices, score, shape, blocks).
    pub rows: Vec<ura_bitext::rows::Row>,
    /// The settled source language (`und` when unknown).
    pub src_lang: String,
    /// The settled target language.
    pub tgt_lang: String,
    /// The source sentences, normalised.
    pub src_sentences: Vec<String>,
    /// The target sentences.
    pub tgt_sentences: Vec<String>,
    /// What was said on the way (one line each, without `ura: `).
    pub notes: Vec<String>,
}

/// Reads the document `name` (`the source`) from its bytes as the command
/// reads a file (format from the content, `ext` breaking ties; decoded
/// with the help of its language `lang`, if known), noting a detected
/// encoding and what the reader left out.
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    (ext, lang): (Option<&str>, Option<&str>),
    opts: &Options,
    notes: &mut Vec<String>,
) -> Result<ura_doc::Document, Failure> {
    const KEYWORD: ura_corpus::EncodingOption = ura_corpus::EncodingOption {
        option: "encoding=",
        example: "encoding='windows-1252'",
        placeholder: "encoding=",
    };
    let (doc, said) = ura_corpus::read_named(
        &opts.reader(ext),
        name,
        bytes,
        lang,
        opts.encoding.is_some(),
        &KEYWORD,
    )
    .map_err(Failure::Value)?;
    notes.extend(said);
    Ok(doc)
}

/// Reads a file into a document, its language hinted by its name.
pub fn read_file(path: &Path, opts: &Options) -> Result<ura_doc::Document, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::io(&e, format!("cannot read {}", path.display())))?;
    let ext = path.extension().and_then(|e| e.to_str());
    let hint = ura_lang::from_file_name(path);
    let mut notes = Vec::new();
    let mut doc = read_bytes(
        &path.display().to_string(),
        bytes,
        (ext, hint.as_deref()),
        opts,
        &mut notes,
    )?;
    // The reader's notes, said once, as the command says them.
    doc.notes = notes
        .into_iter()
        .map(|n| n.strip_prefix("note: ").unwrap_or(&n).to_string())
        .collect();
    Ok(doc)
}

/// One side, read but not yet split.
enum Read {
    Doc(ura_doc::Document, Option<PathBuf>),
    Sentences(Vec<String>, Option<Vec<usize>>, String),
}

impl Read {
    fn text(&self) -> &str {
        match self {
            Read::Doc(doc, _) => &doc.text,
            Read::Sentences(_, _, joined) => joined,
        }
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Read::Doc(_, path) => path.as_deref(),
            Read::Sentences(..) => None,
        }
    }
}

fn read_side(
    input: SideInput,
    role: &str,
    lang: Option<&str>,
    opts: &Options,
    notes: &mut Vec<String>,
) -> Result<Read, Failure> {
    Ok(match input {
        SideInput::Bytes(bytes) => Read::Doc(
            read_bytes(&format!("the {role}"), bytes, (None, lang), opts, notes)?,
            None,
        ),
        SideInput::Doc(doc, path) => Read::Doc(doc, path),
        SideInput::Sentences(sentences, ids) => {
            let joined = sentences.join("\n");
            Read::Sentences(sentences, ids, joined)
        }
    })
}

/// How `align` settles languages: as `ura align` to JSONL does (an
/// unknown language is `und`, with a warning; a given one is checked
/// against the text when `check_given`).
fn policy(check_given: bool) -> lang::Policy {
    lang::Policy {
        required: false,
        check_given,
        unknown: "using generic rules and writing und",
    }
}

/// The side in messages: `the source`, `the source (en.txt)`.
fn what(role: &str, path: Option<&Path>) -> String {
    match path {
        Some(p) => format!("the {role} ({})", p.display()),
        None => format!("the {role}"),
    }
}

/// Aligns one pair as `ura align` does.
pub fn align_pair(
    pair: PairInput,
    opts: &Options,
    aligner: &ura_align::Aligner,
    check_given: bool,
) -> Result<Done, Failure> {
    let mut notes = Vec::new();
    let src = read_side(
        pair.src,
        "source",
        pair.src_lang.as_deref(),
        opts,
        &mut notes,
    )?;
    let tgt = read_side(
        pair.tgt,
        "target",
        pair.tgt_lang.as_deref(),
        opts,
        &mut notes,
    )?;
    fn clues<'a>(
        read: &'a Read,
        flag: Option<&'a str>,
        flag_name: &'a str,
        role: &'a str,
    ) -> lang::Clues<'a> {
        lang::Clues {
            flag,
            flag_name,
            role,
            path: read.path(),
            what: what(role, read.path()),
            text: read.text(),
        }
    }
    let settled = lang::settle_pair(
        &clues(&src, pair.src_lang.as_deref(), "src_lang", "source"),
        &clues(&tgt, pair.tgt_lang.as_deref(), "tgt_lang", "target"),
        policy(check_given),
        &mut notes,
    )
    .map_err(|e| Failure::Value(e.to_string()))?;
    let (s, t) = settled;
    let mut to_side = |read: Read, code: String, role: &str| match read {
        Read::Doc(doc, _) => {
            notes.extend(ura_corpus::pair::rules_note(
                &code,
                &format!("the {role}"),
                opts.mode,
            ));
            Side::from_document(&doc, code, opts.mode)
        }
        Read::Sentences(sentences, ids, _) => Side::from_sentences(code, sentences, ids),
    };
    let src = to_side(src, s.code, "source");
    let tgt = to_side(tgt, t.code, "target");
    let (ss, ts) = (src.as_sentences(), tgt.as_sentences());
    let mut alignment = if pair.required.is_empty() {
        aligner.align(&ss, &ts)
    } else {
        aligner
            .align_required(&ss, &ts, &pair.required)
            .map_err(|e| Failure::Value(format!("required: {e}")))?
    };
    drop((ss, ts));
    if opts.merge_unaligned {
        alignment.attach_unaligned(ura_align::LOW_CONFIDENCE);
    }
    let min = opts.min_score.unwrap_or(0.0);
    let kept: Vec<&ura_align::Bead> = alignment.beads.iter().filter(|b| b.score >= min).collect();
    let rows = ura_corpus::rows::rows_of(&kept, &src, &tgt, None);
    Ok(Done {
        rows,
        src_lang: src.lang,
        tgt_lang: tgt.lang,
        src_sentences: src.sentences,
        tgt_sentences: tgt.sentences,
        notes,
    })
}

/// A sentence of `split`: its text (normalised), its span in characters
/// of the text it was split from, its paragraph.
pub struct Split {
    /// The sentence, normalised (whitespace runs as one space, NFC).
    pub text: String,
    /// The character offset of its first character.
    pub start: usize,
    /// The character offset one past its last character.
    pub end: usize,
    /// Its paragraph, from 0.
    pub paragraph: usize,
}

/// Splits a document as `ura split` does: its language `lang` if given,
/// else its file name's, else detected (`what` names it in messages).
pub fn split_document(
    doc: &ura_doc::Document,
    path: Option<&Path>,
    lang: Option<&str>,
    mode: ura_segment::LineMode,
    notes: &mut Vec<String>,
) -> Vec<Split> {
    let code = if mode == ura_segment::LineMode::Presegmented {
        // Nothing is split: the language would change nothing.
        String::new()
    } else {
        let clues = lang::Clues {
            flag: lang,
            flag_name: "lang",
            role: "input",
            path,
            what: what("input", path),
            text: &doc.text,
        };
        let policy = lang::Policy {
            required: false,
            check_given: true,
            unknown: "using generic rules",
        };
        let code = lang::settle_one(&clues, policy, notes)
            .map(|l| l.code)
            .unwrap_or_default();
        notes.extend(ura_corpus::pair::rules_note(&code, "the input", mode));
        code
    };
    let split = ura_corpus::split_document(doc, &code, mode);
    let chars = CharOffsets::new(&doc.text);
    split
        .iter()
        .map(|s| Split {
            text: ura_segment::normalize(doc.text.get(s.start..s.end).unwrap_or_default()),
            start: chars.of(s.start),
            end: chars.of(s.end),
            paragraph: s.paragraph,
        })
        .collect()
}

/// Byte offsets into a text to character offsets (Python's `str`
/// indices).
pub struct CharOffsets {
    /// The byte offset of every character boundary, and the text's length.
    bounds: Vec<usize>,
}

impl CharOffsets {
    /// The offsets of `text`.
    pub fn new(text: &str) -> CharOffsets {
        let mut bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bounds.push(text.len());
        CharOffsets { bounds }
    }

    /// The character offset of a byte offset (a character boundary).
    pub fn of(&self, byte: usize) -> usize {
        self.bounds.partition_point(|&b| b < byte)
    }
}
