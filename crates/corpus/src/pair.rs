//! Both sides of a pair, from their documents: languages settled, each
//! split with its language's rules; and the user's dictionary.

use ura_doc::Document;

use crate::lang::{self, Clues, Policy, Undetermined};
use crate::side::Side;

/// Settles the languages of a pair of documents ([`lang::settle_pair`])
/// and splits each in `mode` with its language's rules. What is said
/// (languages detected, contradictions, a language without rules of its
/// own) goes into `notes`, in that order, also when the languages cannot
/// be settled.
pub fn split_pair(
    (src_doc, src): (&Document, &Clues),
    (tgt_doc, tgt): (&Document, &Clues),
    policy: Policy,
    mode: ura_segment::LineMode,
    notes: &mut Vec<String>,
) -> Result<(Side, Side), Undetermined> {
    let (s, t) = lang::settle_pair(src, tgt, policy, notes)?;
    let mut side = |doc: &Document, code: String, what: &str| {
        notes.extend(rules_note(&code, what, mode));
        Side::from_document(doc, code, mode)
    };
    Ok((
        side(src_doc, s.code, "the source"),
        side(tgt_doc, t.code, "the target"),
    ))
}

/// The warning for a language the splitter has no rules of its own for
/// (`what` is the side, `the source`), when its text is to be split.
pub fn rules_note(lang: &str, what: &str, mode: ura_segment::LineMode) -> Option<String> {
    (mode != ura_segment::LineMode::Presegmented
        && !lang.is_empty()
        && !ura_segment::Segmenter::new(lang).is_known_language())
    .then(|| format!("warning: no rules for language '{lang}' ({what}); using generic rules"))
}

/// Reads a dictionary in hunalign's format (`target @ source` per line)
/// from `text`, the file `name`: its (source, target) pairs, and notes on
/// what was left out (malformed lines, entries of several words, no
/// usable entry).
pub fn read_dictionary(text: &str, name: &str) -> (Vec<(String, String)>, Vec<String>) {
    let read = ura_align::read_hunalign_dictionary(text);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut notes = Vec::new();
    if let Some(first) = read.malformed.first() {
        notes.push(format!(
            "warning: {name}: {} not 'target @ source' and left out (first: line {first})",
            plural(read.malformed.len(), "line is", "lines are")
        ));
    }
    if read.phrases > 0 {
        notes.push(format!(
            "note: {name}: {} of several words left out (ura matches single words)",
            plural(read.phrases, "entry", "entries")
        ));
    }
    if read.pairs.is_empty() {
        notes.push(format!(
            "warning: {name} holds no usable entry; aligning without a dictionary"
        ));
    }
    (read.pairs, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_without_rules_is_noted_unless_nothing_is_split() {
        use ura_segment::LineMode;
        assert!(rules_note("en", "the source", LineMode::Lines).is_none());
        assert!(rules_note("", "the source", LineMode::Lines).is_none());
        let note = rules_note("xx", "the target", LineMode::Wrapped).unwrap();
        assert_eq!(
            note,
            "warning: no rules for language 'xx' (the target); using generic rules"
        );
        assert!(rules_note("xx", "the target", LineMode::Presegmented).is_none());
    }

    #[test]
    fn a_pair_is_settled_and_split_with_its_notes() {
        let read = |t: &str| {
            ura_doc::DocReader::new()
                .read(t.as_bytes().to_vec())
                .unwrap()
        };
        let (a, b) = (read("One. Two."), read("Një. Dy."));
        let clues = |flag, role, text| Clues {
            flag,
            flag_name: "--lang",
            role,
            path: None,
            what: format!("the {role}"),
            text,
        };
        let policy = Policy {
            required: false,
            check_given: false,
            unknown: "writing und",
        };
        let mut notes = Vec::new();
        let (s, t) = split_pair(
            (&a, &clues(Some("en"), "source", &a.text)),
            (&b, &clues(Some("xx"), "target", &b.text)),
            policy,
            ura_segment::LineMode::Lines,
            &mut notes,
        )
        .unwrap();
        assert_eq!((s.lang.as_str(), t.lang.as_str()), ("en", "xx"));
        assert_eq!(s.sentences, ["One.", "Two."]);
        assert_eq!(t.sentences, ["Një.", "Dy."]);
        assert_eq!(
            notes,
            ["warning: no rules for language 'xx' (the target); using generic rules"]
        );
    }

    #[test]
    fn dictionary_notes_say_what_was_left_out() {
        let (pairs, notes) =
            read_dictionary("avokat @ lawyer\nbad line\nnjë fjalë @ a word\n", "d.txt");
        assert_eq!(pairs, [("lawyer".to_string(), "avokat".to_string())]);
        assert_eq!(
            notes,
            [
                "warning: d.txt: 1 line is not 'target @ source' and left out (first: line 2)",
                "note: d.txt: 1 entry of several words left out (ura matches single words)",
            ]
        );
        let (pairs, notes) = read_dictionary("", "e.txt");
        assert!(pairs.is_empty());
        assert_eq!(
            notes,
            ["warning: e.txt holds no usable entry; aligning without a dictionary"]
        );
    }
}
