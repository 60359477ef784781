//! Changes of script between words and inside them.

use super::*;

#[test]
fn script_change_without_space_splits() {
    let text = "عکس سازمان ملل متحدOn October 9, 2017 a lawyer met officials.";
    assert_eq!(
        split(text, "en"),
        [
            "عکس سازمان ملل متحد",
            "On October 9, 2017 a lawyer met officials."
        ]
    );
    // No split inside a single mixed word or in Chinese with Latin words.
    assert_eq!(split("我用iPhone手机。", "zh"), ["我用iPhone手机。"]);
    assert_eq!(split("Москва is big.", "en"), ["Москва is big."]);
}

#[test]
fn a_change_of_script_inside_a_mixed_word_is_no_boundary() {
    // A Latin acronym with a Devanagari case ending, a Latin name with a
    // Cyrillic one, a Latin acronym glued to a Greek word: one sentence.
    for (lang, text) in [
        ("hi", "UNHCRको निर्णय आज आया।"),
        ("hi", "हमने कल UNHCRके दफ़्तर में बात की।"),
        ("ru", "Мы видели John Smithа вчера в городе."),
        ("ru", "Googleом пользуются все."),
        ("uk", "Вони працюють у Microsoftі вже три роки."),
        ("el", "Η ομάδα της NASAστην Ελλάδα μίλησε."),
        ("el", "NASAστην Αθήνα σήμερα."),
    ] {
        assert_eq!(split(text, lang), [text], "{lang}: {text}");
    }
}

#[test]
fn a_caption_glued_after_a_text_is_cut_off_too() {
    assert_eq!(
        split(
            "The lawyer met officials in Tiranaکمیساریای عالی پناهندگی",
            "en"
        ),
        [
            "The lawyer met officials in Tirana",
            "کمیساریای عالی پناهندگی"
        ]
    );
}
