use rustc_hash::FxHashMap as HashMap;

use super::concepts::*;
use super::fold::*;
use super::names::*;
use super::*;

/// Words as the types of a side, in this order.
fn types<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Types {
    words.into_iter().collect()
}

/// The items of one sentence, as the scan gives them.
struct Items {
    numbers: Vec<String>,
    /// Word items (4+ letters, acronyms).
    words: Vec<String>,
    initials: Vec<String>,
    /// Every lexicon token, each followed by a NUL.
    lex: String,
    punct: [u16; PUNCT_CLASSES],
    chars: u32,
}

fn raw_items(text: &str) -> Items {
    let scan = Scan::of([text]);
    let of_kind = |kind: u8| -> Vec<String> {
        scan.tokens(0)
            .filter(|t| t.kind & kind != 0)
            .map(|t| t.text.to_string())
            .collect()
    };
    let raw = scan.raw.first().cloned().unwrap_or_default();
    Items {
        numbers: scan.numbers(0).to_vec(),
        words: of_kind(WORD),
        initials: of_kind(INITIAL),
        lex: scan.tokens(0).map(|t| format!("{}\0", t.text)).collect(),
        punct: raw.punct,
        chars: raw.chars,
    }
}

#[test]
fn numbers_are_normalised() {
    let n = |s: &str| raw_items(s).numbers;
    assert_eq!(n("On 9 October 2017"), ["9", "2017"]);
    assert_eq!(n("1.000.000 and 1,000,000"), ["1000000", "1000000"]);
    assert_eq!(n("2.5 or 2,5 and 09"), ["2.5", "2.5", "9"]);
    assert_eq!(n("0.125 or 0,125"), ["0.125", "0.125"]);
    assert_eq!(n("٢٠١٧"), ["2017"]);
    assert_eq!(n("২০১৭ and ๒๐๑๗ and ၂၀၁၇ and ２０１７"), ["2017"; 4]);
}

#[test]
fn numbers_with_scale_words_also_give_their_value() {
    let n = |s: &str| raw_items(s).numbers;
    assert_eq!(n("1.5 million people"), ["1.5", "1500000"]);
    assert_eq!(n("150万人"), ["150", "1500000"]);
    assert_eq!(n("1,5 Millionen"), ["1.5", "1500000"]);
    assert_eq!(n("2,3 Mrd. Euro"), ["2.3", "2300000000"]);
    assert_eq!(n("12亿"), ["12", "1200000000"]);
    assert_eq!(n("3 миллиона"), ["3", "3000000"]);
    assert_eq!(n("$45 bn"), ["45", "45000000000"]);
    assert_eq!(n("0.125 million"), ["0.125", "125000"]);
    assert_eq!(n("1.2345万"), ["1.2345", "12345"]);
    assert_eq!(n("1.23456万"), ["1.23456", "12345.6"]);
    // Not scale words: other words, a short stem inside a longer word,
    // a word two spaces on.
    assert_eq!(n("5 millers"), ["5"]);
    assert_eq!(n("5 bnx"), ["5"]);
    assert_eq!(n("5  million"), ["5"]);
    assert_eq!(n("10.9.2017 million"), ["10", "9", "2017"]);
}

#[test]
fn spaced_thousands_and_dotted_dates_meet_their_english_forms() {
    let n = |s: &str| raw_items(s).numbers;
    assert_eq!(n("15 000 personnes"), ["15000"]);
    assert_eq!(n("1 250 000,5 руб."), ["1250000.5"]);
    assert_eq!(n("1\u{a0}250\u{202f}000 kr"), ["1250000"]);
    // Not thousands groups: a 4-digit group before the space, a
    // group of other than three digits after it.
    assert_eq!(n("in 2019 500 people"), ["2019", "500"]);
    assert_eq!(n("pages 12 3456"), ["12", "3456"]);
    assert_eq!(n("1.5 000"), ["1.5", "0"]);
    // Times of day are their hours and minutes, however written.
    assert_eq!(n("at 10.30 am"), n("à 10h30"));
    assert_eq!(n("um 10:30 Uhr"), ["10", "30"]);
    assert_eq!(n("10,30"), ["10", "30"]);
    assert_eq!(n("2.5 and 10.75 and 125.30"), ["2.5", "10.75", "125.30"]);
    // Dates and versions are their parts.
    assert_eq!(n("am 10.9.2017"), ["10", "9", "2017"]);
    assert_eq!(
        n("27.10.14 and 9/10/2017"),
        ["27", "10", "14", "9", "10", "2017"]
    );
    assert_eq!(n("v1.02.0"), ["1", "2", "0"]);
    // The spaces are not counted in the length.
    assert_eq!(raw_items("15 000").chars, raw_items("15000").chars);
}

#[test]
fn greek_question_marks_and_semicolons_meet_their_latin_counterparts() {
    let p = |s: &str| raw_items(s).punct;
    assert_eq!(p("Πού είσαι;"), p("Where are you?"));
    assert_eq!(p("Ήρθε\u{b7} έφυγε."), p("He came; he left."));
    // Outside Greek text ";" stays a semicolon, and a middle dot
    // inside a word (Catalan "col·lega") is no punctuation.
    assert_eq!(p("Il vient; il part."), p("He came; he left."));
    assert_eq!(p("El col·lega ve."), p("The colleague comes."));
}

/// The words of a sentence without its names.
fn plain_words(s: &str) -> Vec<String> {
    let mut words = raw_items(s).words;
    words.retain(|w| !w.starts_with(NAME));
    words
}

#[test]
fn names_are_chinese_character_pairs_in_pinyin_and_capitalised_words() {
    // Sentences alone carry no names: they depend on the pair.
    assert!(raw_items("陈清扬说 Chen Qingyang")
        .words
        .iter()
        .all(|w| !w.starts_with(NAME)));
    let latin = |s: &str| {
        let mut out = Vec::new();
        latin_names(s, &mut out);
        out
    };
    let known: HashMap<String, u32> = [("chenqing", 1), ("qingyang", 1), ("chen", 1)]
        .into_iter()
        .map(|(w, n)| (w.to_string(), n))
        .collect();
    // Pairs of characters, kept once when the other side has them.
    assert_eq!(
        pinyin_names("陈清扬说陈清", &known),
        ["chenqing", "qingyang"]
    );
    let name = |w: &str, first| (w.to_string(), first);
    assert_eq!(
        latin("Chen Qingyang said so."),
        [name("chen", true), name("qingyang", false)]
    );
    assert_eq!(
        latin("Zoë Kraków-Ń"),
        [name("zoe", true), name("krakow", false)]
    );
    // Not acronyms, not one letter; nothing of Japanese (its kanji are
    // read otherwise).
    assert!(latin("UNHCR and I came.").is_empty());
    assert!(pinyin_names("陈清扬さんが来た。", &known).is_empty());
    // A word capitalised only at the start of a sentence is no name; a
    // pair of characters in many more sentences than its name is a
    // word that sounds alike.
    let en = [
        "Women came.",
        "We saw Qingyang.",
        "Qingyang left.",
        "Women go.",
    ];
    let zh = [
        "我们来了。",
        "我们看见了清扬。",
        "清扬走了。",
        "我们走了。",
        "我们笑了。",
    ];
    let (en_names, zh_names) = name_items(&en, &zh);
    let names_of = |names: &[Vec<String>]| -> Vec<String> {
        names
            .iter()
            .map(|n| {
                let names: Vec<&str> = n.iter().filter_map(|w| w.strip_prefix(NAME)).collect();
                names.join(" ")
            })
            .collect()
    };
    assert_eq!(names_of(&en_names), ["", "qingyang", "qingyang", ""]);
    assert_eq!(names_of(&zh_names), ["", "qingyang", "qingyang", "", ""]);
    // Names match only identically, not by prefix or spelling.
    let name = |w: &str| format!("{NAME}{w}");
    assert!(cognate_pairs(&types([name("qingyang")]), &types([name("qingnian")])).is_empty());
    assert_eq!(
        cognate_pairs(&types([name("qingyang")]), &types([name("qingyang")])),
        [(0, 0)]
    );
}

#[test]
fn spanish_inverted_marks_do_not_count_twice() {
    let p = |s: &str| raw_items(s).punct;
    assert_eq!(p("¿Dónde estás?"), p("Where are you?"));
    assert_eq!(p("¡Qué bien!"), p("How nice!"));
}

#[test]
fn punctuation_of_other_scripts_meets_its_latin_counterpart() {
    for (a, b) in [
        ('【', '['),
        ('〔', '('),
        ('؛', ';'),
        ('‹', '"'),
        ('―', '—'),
        ('؟', '?'),
    ] {
        assert_eq!(punct_class(a), punct_class(b), "{a} {b}");
        assert!(punct_class(a).is_some(), "{a}");
    }
}

#[test]
fn single_quotes_count_but_apostrophes_do_not() {
    // Regression: English dialogue in 'single quotes' against Chinese
    // “double quotes” gave no punctuation evidence.
    let quotes = |s: &str| raw_items(s).punct[QUOTES];
    assert_eq!(quotes("'Why not try me?' he said."), 2);
    assert_eq!(quotes("‘Don’t,’ she said."), 2);
    assert_eq!(quotes("The boy's arms weren't free."), 0);
    assert_eq!(quotes("他说：“好。”"), 2);
}

#[test]
fn initials_are_single_capitals_before_a_full_stop() {
    assert_eq!(raw_items("By Av. M.B., Lawyer").initials, ["m", "b"]);
    assert_eq!(raw_items("H. Khan met Mr. Balla.").initials, ["h"]);
    assert!(raw_items("I said so. A dog.").initials.is_empty());
}

#[test]
fn combining_marks_stay_inside_words() {
    // Decomposed accents (NFD input), a Devanagari virama, a Thai tone
    // mark: one word each, not several.
    assert_eq!(plain_words("Krako\u{301}w"), ["krakow"]);
    assert_eq!(raw_items("Krako\u{301}w").chars, 7);
    assert_eq!(raw_items("हिन्दी").lex, "हिन्दी\0");
    assert_eq!(raw_items("ไม่").lex, "ไม่\0");
    // An uppercase word with a mark is still an acronym.
    assert_eq!(plain_words("ÉU\u{301}A"), ["eua"]);
}

#[test]
fn cognates_by_prefix_pair_the_most_alike_words_both_ways() {
    let a = types(["international", "internet", "interview"]);
    let b = types(["internationale", "interne"]);
    let mut ab = cognate_pairs(&a, &b);
    let mut ba: Vec<(u32, u32)> = cognate_pairs(&b, &a)
        .into_iter()
        .map(|(x, y)| (y, x))
        .collect();
    ab.sort_unstable();
    ab.dedup();
    ba.sort_unstable();
    ba.dedup();
    // The same pairs whichever side is the source (the first word
    // with the prefix took every partner before).
    assert_eq!(ab, ba);
    assert!(ab.contains(&(0, 0)), "{ab:?}");
    assert!(ab.contains(&(1, 1)), "{ab:?}");
}

#[test]
fn cyrillic_and_greek_words_fold_to_latin_letters() {
    assert_eq!(fold("Путин"), "putin");
    assert_eq!(fold("Україна"), "ukraina");
    assert_eq!(fold("Трамп"), "tramp");
    assert_eq!(fold("НАТО"), "nato");
    assert_eq!(fold("Ευρώπη"), "europi");
    assert_eq!(fold("Αθήνα"), "athina");
    assert_eq!(fold("Њујорк"), "njujork");
    // Other scripts and Latin words are only lower-cased and stripped.
    assert_eq!(fold("Tiranë"), "tirane");
    assert_eq!(fold("Kraków"), "krakow");
    assert_eq!(fold("東京"), "東京");
    // Vowel signs of Indic scripts are letters, not accents; Arabic
    // vowel points are optional and dropped.
    assert_eq!(fold("किताब"), "किताब");
    assert_ne!(fold("कि"), fold("का"));
    assert_eq!(fold("كِتَاب"), "كتاب");
    // A name written in both scripts matches as a cognate.
    assert!(!cognate_pairs(&types([fold("Трамп")]), &types([fold("Trump")])).is_empty());
    assert!(!cognate_pairs(&types([fold("Украина")]), &types([fold("Ukraine")])).is_empty());
    assert!(!cognate_pairs(&types([fold("Ευρώπη")]), &types([fold("Europe")])).is_empty());
}

#[test]
fn words_are_folded_and_acronyms_kept() {
    let text = "UNHCR në Tiranë, MEK-ut and Irak";
    assert_eq!(plain_words(text), ["unhcr", "tirane", "mek", "irak"]);
    assert_eq!(raw_items(text).chars, 27);
}

#[test]
fn cognates_match_by_prefix_and_similarity() {
    let src = types(["tirana", "iraq", "lawyer"]);
    let tgt = types(["tirane", "irak", "avokate"]);
    let mut pairs = cognate_pairs(&src, &tgt);
    pairs.sort_unstable();
    pairs.dedup();
    assert_eq!(pairs, [(0, 0), (1, 1)]);
}

#[test]
fn concepts_keep_only_items_with_a_partner() {
    let src = vec![
        vec!["a".to_string(), "b".to_string()],
        vec!["c".to_string()],
    ];
    let tgt = vec![vec!["b".to_string()], vec!["z".to_string()]];
    let c = concepts(src, tgt, identical_pairs);
    assert_eq!(c.src, [vec![0], vec![]]);
    assert_eq!(c.tgt, [vec![0], vec![]]);
    assert_eq!(intersect(&c.src[0], &c.tgt[0]), 1);
}

#[test]
fn the_similarity_bound_never_changes_a_verdict() {
    // Words that share letters in other orders, differ by a few, or by
    // many: `similar` must say what the normalised Levenshtein says.
    let words = [
        "tirana",
        "tiranë",
        "tirane",
        "irak",
        "iraq",
        "kari",
        "trump",
        "tramp",
        "putin",
        "europi",
        "europa",
        "european",
        "ministry",
        "ministria",
        "ministre",
        "president",
        "presidenti",
        "résident",
        "abcdefgh",
        "hgfedcba",
        "aaaabbbb",
        "abababab",
        "konferenca",
        "conference",
        "ab",
        "ba",
    ];
    for a in words {
        for b in words {
            let (la, lb) = (a.chars().count(), b.chars().count());
            assert_eq!(
                similar((a, la), (b, lb)),
                strsim::normalized_levenshtein(a, b) >= 0.7,
                "{a} {b}"
            );
        }
    }
    let long = "a".repeat(40);
    assert!(similar((&long, 40), (&long, 40)));
}

#[test]
fn bags_are_each_words_characters_sorted_however_often_asked() {
    let words = ["résident", "hgfedcba", "", "東京都", "aaaabbbb"];
    let mut bags = Bags::new(words.len());
    for _ in 0..2 {
        for (i, w) in words.iter().enumerate().rev() {
            let mut sorted: Vec<char> = w.chars().collect();
            sorted.sort_unstable();
            assert_eq!(bags.get(i, w, sorted.len()), sorted, "{w}");
        }
    }
}

#[test]
fn latin_words_fold_by_table_as_the_general_way_does() {
    // Every letter below U+0250, alone and next to every other one and
    // to ASCII letters (upper and lower case), as the table folds them
    // and as decomposing does.
    let letters: Vec<char> = (0x41..0x250u32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_alphabetic())
        .collect();
    let mut words: Vec<String> = letters.iter().map(|c| c.to_string()).collect();
    for &a in &letters {
        for &b in &letters {
            words.push(format!("{a}{b}a"));
        }
    }
    for w in words {
        let mut general = String::new();
        fold_general(&w, &mut general);
        assert_eq!(fold(&w), general, "{w}");
    }
}

#[test]
fn unified_ideographs_are_cjk_letters() {
    // What the scan's shortcut for them takes for granted.
    for c in (0x4E00..=0x9FFFu32).filter_map(char::from_u32) {
        assert!(super::scan::is_unified_ideograph(c));
        assert!(c.is_alphabetic() && is_cjk(c) && script_of(c) == CJK, "{c}");
        assert!(!c.is_whitespace() && punct_class(c).is_none(), "{c}");
        assert!(numbers::ascii_digit(c).is_none(), "{c}");
    }
    assert!(!super::scan::is_unified_ideograph('\u{3400}'));
}

#[test]
fn is_letter_is_is_alphabetic() {
    for c in (0..0x3000).filter_map(char::from_u32) {
        assert_eq!(super::scan::is_letter(c), c.is_alphabetic(), "{c:?}");
    }
}

#[test]
fn read_number_stops_where_the_number_does() {
    use super::numbers::read_number;
    let long = "7".repeat(70);
    let cases: &[(&str, &str, usize)] = &[
        ("1 250 000x", "1250000", 9),
        ("2019 500 people", "2019", 4),
        ("12. Mai", "12", 2),
        ("3,5", "3.5", 3),
        ("0.125%", "0.125", 5),
        ("10.30 Uhr", "10.30", 5),
        ("42", "42", 2),
        (&long, &long[..64], 64),
    ];
    for &(s, number, len) in cases {
        assert_eq!(read_number(s), (number.to_string(), len), "{s:?}");
    }
}

#[test]
fn types_give_back_each_word_by_id() {
    let words = ["", "tiranë", "東京", "", "a"];
    let t = types(words);
    assert_eq!(t.len(), words.len());
    assert_eq!(t.iter().collect::<Vec<_>>(), words);
    assert_eq!(t.get(2), "東京");
    assert_eq!(t.get(words.len()), "");
    let mut i = Interned::default();
    i.push(["b", "a", "b", ""]);
    i.push(["", "c"]);
    assert_eq!(i.types.iter().collect::<Vec<_>>(), ["b", "a", "", "c"]);
    assert_eq!(i.lists.get(1), [2, 3]);
    assert_eq!(i.id("c"), Some(3));
    assert_eq!(i.id("d"), None);
    assert_eq!(i.words(0), ["b", "a", "b", ""]);
}

/// Every token of `text` with its kind ("w" a word item, "i" an
/// initial), and the sentence's length and script, as the scan gives them.
fn scan_summary(text: &str) -> (Vec<String>, u32, u8) {
    let scan = Scan::of([text]);
    let tokens = scan
        .tokens(0)
        .map(|t| {
            let w = if t.kind & WORD != 0 { "w" } else { "" };
            let i = if t.kind & INITIAL != 0 { "i" } else { "" };
            assert_eq!(t.hash, super::intern::hash_word(t.text), "{text:?}");
            format!("{}{w}{i}", t.text)
        })
        .collect();
    let raw = scan.raw.first().cloned().unwrap_or_default();
    (tokens, raw.chars, raw.script)
}

#[test]
fn the_scan_tokenizes_mixed_scripts_cases_and_marks_exactly() {
    // Words starting or ending in ASCII next to non-ASCII letters,
    // combining marks, apostrophes, hyphens, digits, CJK, capitals.
    let cases: &[(&str, &[&str], u32, u8)] = &[
        ("naïve Naïve NAÏVE", &["naivew", "naivew", "naivew"], 15, 1),
        (
            "Krako\u{301}w ÉU\u{301}A e\u{301}",
            &["krakoww", "euaw", "e"],
            13,
            1,
        ),
        (
            "don't co-operate MEK-ut",
            &["don", "t", "co", "operatew", "mekw", "ut"],
            21,
            1,
        ),
        (
            "H. Khan, A.B. Smith-Jones",
            &["hi", "khanw", "ai", "bi", "smithw", "jonesw"],
            22,
            1,
        ),
        (
            "abc東京def x2y",
            &["abc", "東", "京", "def", "x", "y"],
            11,
            1,
        ),
        (
            "İstanbul ǅemal ﬁnal",
            &["istanbulw", "ǆemalw", "ﬁnalw"],
            17,
            1,
        ),
        (
            "ΑΘΗΝΑ Ευρώπη Путин",
            &["athinaw", "europiw", "putinw"],
            16,
            2,
        ),
        (
            "IBM UNHCR ok Ok OK",
            &["ibmw", "unhcrw", "ok", "ok", "okw"],
            14,
            1,
        ),
        ("हिन्दी ไม่ 한국", &["हिन्दीw", "ไม่", "한", "국"], 11, 7),
        (
            "ab\u{301}c ABC\u{301} A\u{300}",
            &["abcw", "abcw", "aw"],
            10,
            1,
        ),
        ("Ａｂｃ ａＢ", &["ａｂｃ", "ａｂ"], 5, 7),
    ];
    for &(text, tokens, chars, script) in cases {
        let (t, c, s) = scan_summary(text);
        assert_eq!(t, tokens, "{text:?}");
        assert_eq!((c, s), (chars, script), "{text:?}");
    }
}

#[test]
fn letter_runs_are_the_words_a_split_on_other_characters_gives() {
    for text in [
        "Chen Qingyang said so.",
        "Zoë Kraków-Ń, don't co-operate",
        "Krako\u{301}w ÉU\u{301}A \u{301}x",
        "陈清扬说 Chen Qingyang 2017年",
        "ΑΘΗΝΑ Ευρώπη Путин हिन्दी ไม่",
        "",
        "  ... 42 ",
        "a",
        "é",
    ] {
        let split: Vec<&str> = text
            .split(|c: char| !(c.is_alphabetic() || is_mark(c)))
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(letter_runs(text).collect::<Vec<_>>(), split, "{text:?}");
    }
}

#[test]
fn lists_keep_what_retain_keeps_each_in_its_list() {
    let mut l = Lists::default();
    for list in [&[1u32, 2, 3][..], &[], &[4, 2], &[2]] {
        for &id in list {
            l.push(id);
        }
        l.end_list();
    }
    l.retain(|id| id != 2);
    let kept: Vec<&[u32]> = (0..l.len()).map(|k| l.get(k)).collect();
    assert_eq!(kept, [&[1, 3][..], &[], &[4], &[]]);
}
