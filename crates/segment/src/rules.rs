//! Per-language rule lists, parsed from the files under `rules/`.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// The rule lists of one language (merged with the generic list).
///
/// Entries are stored lower-cased, without the final period, except the
/// sentence starters, which are kept as written (they are capitalised).
#[derive(Debug, Default, Clone)]
pub struct Rules {
    /// The canonical language code these rules were built for (`"en"`,
    /// or `"generic"`).
    pub code: &'static str,
    prefix: HashSet<String>,
    abbrev: HashSet<String>,
    final_abbrev: HashSet<String>,
    /// Capitalised words that go on with the sentence after a `[final]`
    /// entry ("at 5 p.m. Tuesday", "8 P.M. Eastern Time").
    after_final: HashSet<String>,
    numeric: HashSet<String>,
    starters: HashSet<String>,
    months: HashSet<String>,
    /// Words after which a number and a period are an ordinal ("im 19.
    /// Jahrhundert", "a 33. Magyar Filmszemle").
    ordinal_before: HashSet<String>,
    /// Length in bytes of the longest abbreviation entry.
    max_len: usize,
    /// A period after a number can mark an ordinal (`9. Oktober`).
    pub ordinal_dot: bool,
    /// `;` is the question mark (Greek) and ends a sentence like `?`.
    pub question_semicolon: bool,
    /// An ASCII `:` after a letter of a script other than Latin ends a
    /// sentence before a word that is not lower case (Armenian web text
    /// writes it for the full stop `։`).
    pub colon_full_stop: bool,
    /// A `;` before a word that is not lower case ends a sentence.
    pub semicolon_full_stop: bool,
    /// The Arabic comma `،` ends a sentence before a word.
    pub arabic_comma_full_stop: bool,
    /// A period before a lower-case word ends a sentence unless the word
    /// before it is an abbreviation, an initial or a number (Greek web
    /// and news text starts sentences in lower case).
    pub lower_starts: bool,
    /// A `?` or `!` before a lower-case word ends a sentence, unless a
    /// dash leads that word (a dialogue attribution: "— спросил он").
    pub question_before_lower: bool,
    /// A quotation inside its reporting sentence ("He said: «Go. Now.»
    /// and left."), or followed by a comma or a lower-case word
    /// ("«Иди. Сейчас же», — сказал он"), ends no sentence inside.
    pub quotation_whole: bool,
}

/// How a word followed by a period is classified by the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// Not in any list.
    None,
    /// Never ends a sentence.
    Prefix,
    /// Ends a sentence only before a sentence starter.
    Abbrev,
    /// Ends a sentence before any capitalised word.
    Final,
    /// Never ends a sentence before a digit.
    Numeric,
}

pub(crate) const GENERIC: &str = include_str!("../rules/generic.txt");

/// The languages with a rule file of their own: code and file text.
const LANGUAGES: &[(&str, &str)] = &[
    ("en", include_str!("../rules/en.txt")),
    ("sq", include_str!("../rules/sq.txt")),
    ("de", include_str!("../rules/de.txt")),
    ("fr", include_str!("../rules/fr.txt")),
    ("es", include_str!("../rules/es.txt")),
    ("it", include_str!("../rules/it.txt")),
    ("pt", include_str!("../rules/pt.txt")),
    ("nl", include_str!("../rules/nl.txt")),
    ("ru", include_str!("../rules/ru.txt")),
    ("uk", include_str!("../rules/uk.txt")),
    ("pl", include_str!("../rules/pl.txt")),
    ("cs", include_str!("../rules/cs.txt")),
    ("sk", include_str!("../rules/sk.txt")),
    ("sv", include_str!("../rules/sv.txt")),
    ("da", include_str!("../rules/da.txt")),
    ("nb", include_str!("../rules/nb.txt")),
    ("no", include_str!("../rules/nb.txt")),
    ("nn", include_str!("../rules/nb.txt")),
    ("fi", include_str!("../rules/fi.txt")),
    ("hu", include_str!("../rules/hu.txt")),
    ("ro", include_str!("../rules/ro.txt")),
    ("el", include_str!("../rules/el.txt")),
    ("tr", include_str!("../rules/tr.txt")),
    ("ca", include_str!("../rules/ca.txt")),
    ("hr", include_str!("../rules/hr.txt")),
    ("bs", include_str!("../rules/hr.txt")),
    ("bg", include_str!("../rules/bg.txt")),
    ("sr", include_str!("../rules/sr.txt")),
    ("mk", include_str!("../rules/mk.txt")),
    ("sl", include_str!("../rules/sl.txt")),
    ("et", include_str!("../rules/et.txt")),
    ("lt", include_str!("../rules/lt.txt")),
    ("lv", include_str!("../rules/lv.txt")),
    ("id", include_str!("../rules/id.txt")),
    ("ms", include_str!("../rules/id.txt")),
    ("vi", include_str!("../rules/vi.txt")),
    ("hi", include_str!("../rules/hi.txt")),
    ("hy", include_str!("../rules/hy.txt")),
    ("ar", include_str!("../rules/ar.txt")),
    ("kk", include_str!("../rules/kk.txt")),
];

/// The codes of the languages that have rules of their own.
pub fn languages() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().map(|(code, _)| *code)
}

/// The primary subtag of a language code, lower-cased: `en-US`, `en_us`
/// and `EN` all give `en`.
pub fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

impl Rules {
    /// The rules for a language code (`en`, `sq`, `de-CH`, …) and whether
    /// the language has rules of its own; any other code gets the generic
    /// rules.
    ///
    /// Each language's rules are parsed the first time they are asked for
    /// in a process, not all languages' at once (a run needs two or three).
    pub fn for_language(lang: &str) -> (&'static Rules, bool) {
        static GENERIC_RULES: OnceLock<Rules> = OnceLock::new();
        static CACHE: [OnceLock<Rules>; LANGUAGES.len()] =
            [const { OnceLock::new() }; LANGUAGES.len()];
        let primary = primary_subtag(lang);
        let own = LANGUAGES
            .iter()
            .zip(&CACHE)
            .find(|((code, _), _)| *code == primary);
        match own {
            Some(((code, text), rules)) => (
                rules.get_or_init(|| Rules::parse(code, &[GENERIC, text])),
                true,
            ),
            // The generic rules' own code names them as rules of their own,
            // as it always has.
            None => (
                GENERIC_RULES.get_or_init(|| Rules::parse("generic", &[GENERIC])),
                primary == "generic",
            ),
        }
    }

    pub(crate) fn parse(code: &'static str, texts: &[&str]) -> Rules {
        let mut rules = Rules {
            code,
            ..Rules::default()
        };
        for text in texts {
            let mut section = "";
            for line in text.lines() {
                let line = line.split('#').next().unwrap_or_default().trim();
                if line.is_empty() {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    section = name;
                    continue;
                }
                let entry = line.to_lowercase();
                let set = match section {
                    "prefix" => &mut rules.prefix,
                    "abbrev" => &mut rules.abbrev,
                    "final" => &mut rules.final_abbrev,
                    "numeric" => &mut rules.numeric,
                    "months" => &mut rules.months,
                    "after_final" => {
                        rules.after_final.insert(entry);
                        continue;
                    }
                    "ordinal_before" => {
                        rules.ordinal_before.insert(entry);
                        continue;
                    }
                    "starters" => {
                        rules.starters.insert(line.to_string());
                        continue;
                    }
                    "options" => {
                        match line {
                            "ordinal_dot" => rules.ordinal_dot = true,
                            "question_semicolon" => rules.question_semicolon = true,
                            "colon_full_stop" => rules.colon_full_stop = true,
                            "semicolon_full_stop" => rules.semicolon_full_stop = true,
                            "arabic_comma_full_stop" => rules.arabic_comma_full_stop = true,
                            "lower_starts" => rules.lower_starts = true,
                            "question_before_lower" => rules.question_before_lower = true,
                            "quotation_whole" => rules.quotation_whole = true,
                            _ => {}
                        }
                        continue;
                    }
                    _ => continue,
                };
                rules.max_len = rules.max_len.max(entry.len());
                set.insert(entry);
            }
        }
        rules
    }

    /// How the lists classify `word` (the text before a period, without
    /// it). The most restrictive class wins.
    pub(crate) fn classify(&self, word: &str) -> AbbrevKind {
        if word.len() > self.max_len {
            return AbbrevKind::None;
        }
        let lower: std::borrow::Cow<'_, str> = if word.chars().any(char::is_uppercase) {
            word.to_lowercase().into()
        } else {
            word.into()
        };
        let lower = lower.as_ref();
        if self.prefix.contains(lower) {
            AbbrevKind::Prefix
        } else if self.numeric.contains(lower) {
            AbbrevKind::Numeric
        } else if self.abbrev.contains(lower) {
            AbbrevKind::Abbrev
        } else if self.final_abbrev.contains(lower) {
            AbbrevKind::Final
        } else {
            AbbrevKind::None
        }
    }

    /// Whether `word` (as written) commonly starts a sentence.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// Whether `word` (any case) goes on with the sentence after a
    /// `[final]` entry.
    pub(crate) fn continues_after_final(&self, word: &str) -> bool {
        !self.after_final.is_empty() && self.after_final.contains(&word.to_lowercase())
    }

    /// Whether `word` is a month name or abbreviation.
    pub(crate) fn is_month(&self, word: &str) -> bool {
        self.months.contains(&word.to_lowercase())
    }

    /// Whether a number and a period after `word` are an ordinal.
    pub(crate) fn is_ordinal_before(&self, word: &str) -> bool {
        self.ordinal_before.contains(&word.to_lowercase())
    }
}

/// The settings an `[options]` section may hold (the parser ignores
/// others; a test checks the files against this list).
#[cfg(test)]
pub(crate) const OPTIONS: &[&str] = &[
    "ordinal_dot",
    "question_semicolon",
    "colon_full_stop",
    "semicolon_full_stop",
    "arabic_comma_full_stop",
    "lower_starts",
    "question_before_lower",
    "quotation_whole",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parsed_on_demand_are_those_of_the_code() {
        for (code, text) in LANGUAGES {
            let (rules, known) = Rules::for_language(&code.to_uppercase());
            assert!(known, "{code}");
            assert_eq!(rules.code, *code);
            assert_eq!(
                rules.abbrev,
                Rules::parse(code, &[GENERIC, text]).abbrev,
                "{code}"
            );
            // Asked again: the same rules, not parsed again.
            assert!(std::ptr::eq(
                rules,
                Rules::for_language(&format!("{code}-XX")).0
            ));
        }
        for (lang, known) in [("xx", false), ("", false), ("generic", true)] {
            let (rules, k) = Rules::for_language(lang);
            assert_eq!((rules.code, k), ("generic", known), "{lang}");
        }
    }

    #[test]
    fn every_option_in_a_rule_file_is_known() {
        for (code, text) in LANGUAGES.iter().chain([&("generic", GENERIC)]) {
            let mut in_options = false;
            for line in text.lines() {
                let line = line.split('#').next().unwrap_or_default().trim();
                if line.starts_with('[') {
                    in_options = line == "[options]";
                } else if in_options && !line.is_empty() {
                    assert!(OPTIONS.contains(&line), "{code}: unknown option {line}");
                }
            }
        }
    }

    #[test]
    fn every_section_in_a_rule_file_is_known() {
        // The parser skips an unknown section's entries: a misspelt
        // header would lose a list silently.
        const SECTIONS: &[&str] = &[
            "prefix",
            "abbrev",
            "final",
            "after_final",
            "numeric",
            "starters",
            "months",
            "ordinal_before",
            "options",
        ];
        for (code, text) in LANGUAGES.iter().chain([&("generic", GENERIC)]) {
            for line in text.lines() {
                let line = line.split('#').next().unwrap_or_default().trim();
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    assert!(SECTIONS.contains(&name), "{code}: unknown section [{name}]");
                }
            }
        }
    }

    #[test]
    fn every_language_file_parses_with_entries() {
        for code in languages() {
            let (rules, known) = Rules::for_language(code);
            assert!(known, "{code}");
            assert_eq!(rules.code, code);
            assert!(!rules.prefix.is_empty(), "{code} has no prefixes");
            assert!(!rules.starters.is_empty(), "{code} has no starters");
            assert!(!rules.months.is_empty(), "{code} has no months");
        }
    }

    #[test]
    fn codes_are_normalised_and_unknown_codes_get_generic_rules() {
        assert_eq!(Rules::for_language("en-US").0.code, "en");
        assert_eq!(Rules::for_language("SQ_al").0.code, "sq");
        let (rules, known) = Rules::for_language("xx");
        assert!(!known);
        assert_eq!(rules.code, "generic");
        assert_eq!(rules.classify("Dr"), AbbrevKind::Prefix);
    }

    #[test]
    fn albanian_list_has_its_own_abbreviations() {
        let (sq, _) = Rules::for_language("sq");
        assert_eq!(sq.classify("znj"), AbbrevKind::Prefix);
        assert_eq!(sq.classify("Av"), AbbrevKind::Prefix);
        assert_eq!(sq.classify("p.sh"), AbbrevKind::Abbrev);
        assert_eq!(sq.classify("etj"), AbbrevKind::Final);
        assert_eq!(sq.classify("nr"), AbbrevKind::Numeric);
        assert_eq!(sq.classify("shtëpi"), AbbrevKind::None);
    }

    #[test]
    fn no_ordinary_abbreviation_is_also_listed_as_final() {
        // The ordinary class wins, so an entry in both never ends a
        // sentence before a capital ("ecc. Fine.").
        for code in languages() {
            let (rules, _) = Rules::for_language(code);
            let both: Vec<_> = rules.abbrev.intersection(&rules.final_abbrev).collect();
            assert!(both.is_empty(), "{code}: {both:?}");
        }
        assert_eq!(
            Rules::for_language("it").0.classify("ecc"),
            AbbrevKind::Final
        );
        assert_eq!(
            Rules::for_language("nl").0.classify("enz"),
            AbbrevKind::Final
        );
    }
}
