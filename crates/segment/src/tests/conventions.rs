//! Marks whose reading is a convention of a language, set in its rule
//! file's `[options]`: each is tested with the setting on and off.

use super::*;
use crate::rules::{Rules, GENERIC};

/// Splits `text` with the generic rules plus `extra` rule-file text.
fn split_with(extra: &'static str, text: &str) -> Vec<String> {
    let rules = Box::leak(Box::new(Rules::parse("test", &[GENERIC, extra])));
    let mut spans = Vec::new();
    scan::Scanner::new(text, rules, 0, text.len(), &mut spans).run();
    spans.iter().map(|&(a, b)| normalize(&text[a..b])).collect()
}

const ARABIC: &str = "قال الوزير: إن الوضع صعب، لكنه مستقر. وأضاف أنه متفائل.";

#[test]
fn arabic_colon_and_comma_end_no_segment_by_the_arabic_rules() {
    assert_eq!(
        split(ARABIC, "ar"),
        ["قال الوزير: إن الوضع صعب، لكنه مستقر.", "وأضاف أنه متفائل."]
    );
}

#[test]
fn arabic_colon_and_comma_end_a_segment_when_the_options_say_so() {
    assert_eq!(
        split_with("[options]\ncolon_full_stop\narabic_comma_full_stop", ARABIC),
        [
            "قال الوزير:",
            "إن الوضع صعب،",
            "لكنه مستقر.",
            "وأضاف أنه متفائل."
        ]
    );
}

const ALBANIAN: &str = "Ai tha: Do të vij nesër. Rruga ishte e gjatë; Ne ecëm gjithë natën.";

#[test]
fn albanian_colon_and_semicolon_before_a_capital_end_no_segment() {
    assert_eq!(
        split(ALBANIAN, "sq"),
        [
            "Ai tha: Do të vij nesër.",
            "Rruga ishte e gjatë; Ne ecëm gjithë natën."
        ]
    );
}

#[test]
fn a_semicolon_before_a_capital_ends_a_segment_with_its_option() {
    assert_eq!(
        split_with("[options]\nsemicolon_full_stop", ALBANIAN),
        [
            "Ai tha: Do të vij nesër.",
            "Rruga ishte e gjatë;",
            "Ne ecëm gjithë natën."
        ]
    );
    // A Latin letter before a colon keeps it a colon even with the option.
    assert_eq!(
        split_with("[options]\ncolon_full_stop", ALBANIAN)[0],
        "Ai tha: Do të vij nesër."
    );
}

#[test]
fn an_armenian_colon_is_a_full_stop_only_in_armenian_text() {
    let text = "Ես գնացի տուն: Նա մնաց այնտեղ:";
    assert_eq!(split(text, "hy"), ["Ես գնացի տուն:", "Նա մնաց այնտեղ:"]);
    assert_eq!(split(text, "en"), [text]);
    // A time, a lower-case word, or a Latin word before it: a colon.
    for text in ["Ժամը 10:30-ին եկավ:", "Նա ասաց: ոչ, չեմ գա:", "Note: Այս"]
    {
        assert_eq!(split(text, "hy"), [text], "{text}");
    }
}

#[test]
fn a_lower_case_start_ends_a_greek_sentence_but_not_after_an_abbreviation() {
    assert_eq!(
        split("Ο καιρός χάλασε. η βροχή κράτησε.", "el"),
        ["Ο καιρός χάλασε.", "η βροχή κράτησε."]
    );
    assert_eq!(
        split("Ο καιρός χάλασε. η βροχή κράτησε.", "en"),
        ["Ο καιρός χάλασε. η βροχή κράτησε."]
    );
    for text in [
        "Ήρθαν φίλοι, π.χ. η Μαρία.",
        "Είδα τον Γ. Παπαδόπουλο.",
        "Το έτος 2020. ήταν δύσκολο.",
        // Decided: an ellipsis before a lower-case word is a pause in
        // Greek too (mid-sentence ellipses far outnumber lower-case
        // sentence starts after one).
        "Σκέφτηκε λίγο… η απάντηση ήταν απλή.",
        "Σκέφτηκε λίγο... η απάντηση ήταν απλή.",
    ] {
        assert_eq!(split(text, "el"), [text], "{text}");
    }
}

/// Decided: a spaced ellipsis standing alone is a pause, before a capital
/// too ("the thing is . . . I didn't mean it", as style guides write an
/// omission inside a sentence); four dots, or a period glued before it,
/// end the sentence.
#[test]
fn a_spaced_ellipsis_alone_is_a_pause_and_four_dots_end_the_sentence() {
    let pause = "The thing is . . . I did not mean it.";
    assert_eq!(split(pause, "en"), [pause]);
    assert_eq!(
        split("He stopped at the door . . . . Then he left.", "en"),
        ["He stopped at the door . . . .", "Then he left."]
    );
    assert_eq!(
        split("He stopped at the door. . . . Then he left.", "en"),
        ["He stopped at the door.", ". . . Then he left."]
    );
}

#[test]
fn a_question_before_a_lower_case_word_ends_only_by_the_option_and_without_a_dash() {
    assert_eq!(split("Что это? ну ладно.", "ru"), ["Что это?", "ну ладно."]);
    assert_eq!(split("Что это? ну ладно.", "uk"), ["Что это? ну ладно."]);
    assert_eq!(
        split("— Что это? — спросил он.", "ru"),
        ["— Что это? — спросил он."]
    );
}

#[test]
fn one_letter_words_of_caseless_scripts_are_words_but_listed_titles_stay() {
    assert_eq!(
        split("هغه په کور کې و. بیا ولاړ شو.", "ps"),
        ["هغه په کور کې و.", "بیا ولاړ شو."]
    );
    assert_eq!(
        split("التقى د. أحمد بالطلاب. ثم غادر.", "ar"),
        ["التقى د. أحمد بالطلاب.", "ثم غادر."]
    );
    // Latin initials are still initials.
    assert_eq!(
        split("Mi vide H. Khan ieri.", "it"),
        ["Mi vide H. Khan ieri."]
    );
}

#[test]
fn initialisms_inside_a_phrase_stay_whole() {
    for text in [
        "I served in the U.S. Army for ten years.",
        "We caught the 5 p.m. train home.",
        "At 7 a.m. Mrs. Hall opened the shop.",
        "I work for the U.S. Government in Virginia.",
        "The emperor died in A.D. 79 in Rome.",
    ] {
        assert_eq!(split(text, "en"), [text], "{text}");
    }
}

#[test]
fn dialogue_attributions_continue_after_ellipses_and_quotes() {
    for (lang, text) in [
        ("ru", "— Не знаю… — ответила она тихо."),
        ("ru", "«Куда ты идёшь?» — спросил отец."),
        ("uk", "— Тихо! — сказала мати й зачинила двері."),
        (
            "es",
            "—¡Qué frío hace! —exclamó Juan mientras cerraba la puerta.",
        ),
    ] {
        assert_eq!(split(text, lang), [text], "{lang}: {text}");
    }
}

#[test]
fn a_quotation_is_kept_whole_in_its_reporting_sentence_only_by_the_option() {
    let text = "He said: «Go. Now.» and left. She said: «Stop. Wait.» Then she left.";
    assert_eq!(
        split_with("[options]\nquotation_whole", text),
        [
            "He said: «Go. Now.» and left.",
            "She said: «Stop. Wait.»",
            "Then she left."
        ]
    );
    assert_eq!(
        split_with("", text),
        [
            "He said: «Go.",
            "Now.» and left.",
            "She said: «Stop.",
            "Wait.»",
            "Then she left."
        ]
    );
    // A quotation that opens the sentence is kept whole only when the
    // sentence goes on after it.
    let opening = "«Go. Now», he said. «Stop. Wait.» Nobody moved.";
    assert_eq!(
        split_with("[options]\nquotation_whole", opening),
        ["«Go. Now», he said.", "«Stop.", "Wait.»", "Nobody moved."]
    );
}

#[test]
fn a_stray_quote_or_bracket_keeps_nothing_whole() {
    // Never closed: splits as without it.
    let stray = "He said: «Go. Now. Then he left. She stayed.";
    assert_eq!(
        split_with("[options]\nquotation_whole", stray),
        ["He said: «Go.", "Now.", "Then he left.", "She stayed."]
    );
    // Closed only beyond the look-ahead.
    let far = format!(
        "It began (with a note. {}) and ended.",
        "Then more words came. ".repeat(25)
    );
    assert!(split(&far, "en").len() > 20);
    // Opened after a letter: "word(s)" is no enclosure to follow, and a
    // French closing guillemet after a space opens nothing.
    assert_eq!(
        split(
            "Der Test « so » lief gut. Dann kam « Neues ». Fertig.",
            "de"
        ),
        [
            "Der Test « so » lief gut.",
            "Dann kam « Neues ».",
            "Fertig."
        ]
    );
}

#[test]
fn titles_and_quotations_before_particles_hold_their_sentences() {
    assert_eq!(
        split("他读了《你好！中国》这本书。他很喜欢。", "zh"),
        ["他读了《你好！中国》这本书。", "他很喜欢。"]
    );
    assert_eq!(
        split("「行こう。早く。」と彼は言った。「はい。」", "ja"),
        ["「行こう。早く。」と彼は言った。", "「はい。」"]
    );
    // Without a particle after it the quotation splits.
    assert_eq!(
        split("「行こう。早く。」彼は走った。", "ja"),
        ["「行こう。", "早く。」", "彼は走った。"]
    );
}
