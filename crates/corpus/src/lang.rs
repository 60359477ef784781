//! Which language each side is in: a flag, else a code in the file name,
//! else the language detected from the text; contradictions said.
//!
//! What is said goes into a list of notes (one line each, without a
//! prefix), for the caller to show: the CLI prints each once per run.

use std::path::Path;

/// Where a side's language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--src-lang`, `--tgt-lang`, `--lang`, or a streaming document's
    /// `src_lang`/`tgt_lang`.
    Flag,
    /// A code in the file name (`article_en.txt`).
    FileName,
    /// Detected from the text, confidently.
    Detected,
    /// Not known: written `und`.
    Unknown,
}

/// One side's language, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang {
    /// The BCP 47 code; empty when unknown.
    pub code: String,
    /// Where it came from.
    pub origin: Origin,
}

/// What is known of one side before its language is settled.
pub struct Clues<'a> {
    /// The language flag's value, if given.
    pub flag: Option<&'a str>,
    /// The flag that sets it, for messages (`--src-lang`).
    pub flag_name: &'a str,
    /// The side's role in messages: `source`, `target`, `input`.
    pub role: &'a str,
    /// The input file, if it is one.
    pub path: Option<&'a Path>,
    /// The side in messages: `the source (en.txt)`.
    pub what: String,
    /// The document's text.
    pub text: &'a str,
}

/// How languages are settled.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Whether a side whose language cannot be told is an error (TMX: CAT
    /// tools match units on it) rather than `und` with a warning.
    pub required: bool,
    /// Whether to detect the language of a side whose language is given,
    /// to warn when the text contradicts it.
    pub check_given: bool,
    /// What an unknown language means, for the warning: `using generic
    /// rules and writing und`.
    pub unknown: &'static str,
}

/// Why a language could not be settled.
#[derive(Debug)]
pub struct Undetermined(pub String);

impl std::fmt::Display for Undetermined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Undetermined {}

/// The given language of a side: its flag, else a code in its file name.
fn given(side: &Clues) -> Option<Lang> {
    if let Some(code) = side.flag {
        return Some(Lang {
            code: code.to_string(),
            origin: Origin::Flag,
        });
    }
    let code = side.path.and_then(ura_lang::from_file_name)?;
    Some(Lang {
        code,
        origin: Origin::FileName,
    })
}

/// Describes a detection for messages: `en (detected from the text)`, or
/// why it is not trusted.
fn why_unsure(d: Option<&ura_lang::Detection>, text: &str) -> String {
    match d {
        None if text.chars().any(char::is_alphabetic) => "too little text to tell".to_string(),
        None => "it holds no words to tell by".to_string(),
        Some(d) if d.letters < ura_lang::MIN_LETTERS => format!(
            "too little text to tell ({} letters; it may be {})",
            d.letters, d.code
        ),
        Some(d) => format!(
            "its text is mixed ({} for {:.0}% of it)",
            d.code,
            d.share * 100.0
        ),
    }
}

/// Settles the language of one side, and says what (see
/// [`settle_one`]). A given language is taken (checked against a
/// detection if `policy` asks: see [`resolve`]); else a confident detection is used and said; else the
/// side is unknown: an error when `policy.required`, else a warning.
fn settle(
    side: &Clues,
    policy: Policy,
    notes: &mut Vec<String>,
) -> Result<(Lang, Option<String>), Undetermined> {
    let given = given(side);
    // A given language that the text's commonest words confirm needs no
    // detection to be checked: the detection would agree (see
    // `ura_lang::confirms`), and it costs about 0.2 s and 170 MB the
    // first time in a process.
    let check = policy.check_given
        && given
            .as_ref()
            .is_none_or(|g| !ura_lang::confirms(side.text, &g.code));
    let detection = if given.is_none() || check {
        ura_lang::detect(side.text)
    } else {
        None
    };
    let detected = detection
        .as_ref()
        .filter(|d| d.confident)
        .map(|d| d.code.clone());
    let lang = match given {
        Some(lang) => lang,
        None => match &detected {
            Some(code) => {
                let share = detection.as_ref().map_or(1.0, |d| d.share);
                notes.push(format!(
                    "{} language: {code} (detected from the text, {:.0}% of it)",
                    side.role,
                    share * 100.0
                ));
                Lang {
                    code: code.clone(),
                    origin: Origin::Detected,
                }
            }
            None => {
                let why = why_unsure(detection.as_ref(), side.text);
                if policy.required {
                    return Err(Undetermined(format!(
                        "cannot tell the language of {}: {why}; set it with {}",
                        side.what, side.flag_name
                    )));
                }
                notes.push(format!(
                    "warning: cannot tell the language of {}: {why}; {} (set it with {})",
                    side.what, policy.unknown, side.flag_name
                ));
                Lang {
                    code: String::new(),
                    origin: Origin::Unknown,
                }
            }
        },
    };
    Ok((lang, detected))
}

/// Whether a confident detection contradicts a given language.
fn contradicts(lang: &Lang, detected: &Option<String>) -> bool {
    lang.origin != Origin::Detected
        && !lang.code.is_empty()
        && detected
            .as_deref()
            .is_some_and(|d| !ura_lang::same_language(d, &lang.code))
}

/// Warns when a confident detection contradicts the given language of
/// `side`.
fn warn_contradiction(
    side: &Clues,
    lang: &Lang,
    detected: &Option<String>,
    notes: &mut Vec<String>,
) {
    if !contradicts(lang, detected) {
        return;
    }
    let detected = detected.as_deref().unwrap_or_default();
    let message = match lang.origin {
        // A flag is the same for every file of a run: said once.
        Origin::Flag => format!(
            "warning: {} says {}, but the {} reads as {detected} (detected from the text); using {}",
            side.flag_name, lang.code, side.role, lang.code
        ),
        // A name is a guess; a confident detection is better evidence.
        _ => format!(
            "warning: {} reads as {detected} (detected from the text), but its file name says {}; using {detected} (set {} to choose)",
            side.what, lang.code, side.flag_name
        ),
    };
    notes.push(message);
}

/// The language to use: a code from a file name gives way to a confident
/// detection that contradicts it; a flag never does.
fn resolve(lang: Lang, detected: &Option<String>) -> Lang {
    match detected {
        Some(code) if lang.origin == Origin::FileName && contradicts(&lang, detected) => Lang {
            code: code.clone(),
            origin: Origin::Detected,
        },
        _ => lang,
    }
}

/// Settles the language of a lone side: its flag, else a code in its file
/// name, else a confident detection (said in `notes`), else unknown (an
/// error when `policy.required`, else a warning). A given language that a
/// confident detection contradicts is warned of; a file name's code then
/// gives way to the detection, a flag never does.
pub fn settle_one(
    side: &Clues,
    policy: Policy,
    notes: &mut Vec<String>,
) -> Result<Lang, Undetermined> {
    let (lang, detected) = settle(side, policy, notes)?;
    warn_contradiction(side, &lang, &detected, notes);
    Ok(resolve(lang, &detected))
}

/// Settles both sides of a pair as [`settle_one`] settles one, and warns
/// when the two sides look swapped and when both are in one language.
pub fn settle_pair(
    src: &Clues,
    tgt: &Clues,
    policy: Policy,
    notes: &mut Vec<String>,
) -> Result<(Lang, Lang), Undetermined> {
    let (s, s_detected) = settle(src, policy, notes)?;
    let (t, t_detected) = settle(tgt, policy, notes)?;
    let swapped = contradicts(&s, &s_detected)
        && contradicts(&t, &t_detected)
        && s_detected
            .as_deref()
            .is_some_and(|d| ura_lang::same_language(d, &t.code))
        && t_detected
            .as_deref()
            .is_some_and(|d| ura_lang::same_language(d, &s.code));
    if swapped {
        let using = if s.origin == Origin::Flag || t.origin == Origin::Flag {
            "the flags"
        } else {
            "the languages of the texts"
        };
        notes.push(format!(
            "warning: the sides look swapped: {} reads as {} and {} as {}, but they are given as {} and {}; using {using}",
            src.what,
            s_detected.as_deref().unwrap_or_default(),
            tgt.what,
            t_detected.as_deref().unwrap_or_default(),
            s.code,
            t.code
        ));
    } else {
        warn_contradiction(src, &s, &s_detected, notes);
        warn_contradiction(tgt, &t, &t_detected, notes);
    }
    let (s, t) = (resolve(s, &s_detected), resolve(t, &t_detected));
    if !s.code.is_empty() && !t.code.is_empty() && ura_lang::same_language(&s.code, &t.code) {
        notes.push(format!(
            "warning: both sides are in {} ({} and {}); is the target a translation of the source?",
            s.code, src.what, tgt.what
        ));
    }
    Ok((s, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "The meeting had been requested on 27 September by the lawyer acting on \
        behalf of two defectors, who wanted to know what their relation with the agency \
        was to be and whether they were to be protected by it. They have said that this \
        was the first time that the agency had met with them, and that it was not the last.";

    fn clues<'a>(flag: &'a str, text: &'a str) -> Clues<'a> {
        Clues {
            flag: Some(flag),
            flag_name: "--src-lang",
            role: "source",
            path: None,
            what: "the source".into(),
            text,
        }
    }

    #[test]
    fn a_flag_the_words_confirm_is_taken_and_one_they_do_not_is_still_checked() {
        let policy = Policy {
            required: true,
            check_given: true,
            unknown: "writing und",
        };
        let mut notes = Vec::new();
        let lang = settle_one(&clues("en", EN), policy, &mut notes).unwrap();
        assert_eq!((lang.code.as_str(), lang.origin), ("en", Origin::Flag));
        assert!(notes.is_empty(), "{notes:?}");
        let lang = settle_one(&clues("sq", EN), policy, &mut notes).unwrap();
        assert_eq!(lang.code, "sq");
        assert_eq!(
            notes,
            ["warning: --src-lang says sq, but the source reads as en (detected from the text); using sq"]
        );
    }
}
