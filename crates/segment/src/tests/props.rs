//! Property tests: spans re-join the input.

use super::*;
use proptest::prelude::*;

fn text_strategy() -> impl Strategy<Value = String> {
    // A mix of arbitrary Unicode and the characters the rules look at.
    let pieces = prop_oneof![
        any::<String>(),
        "[a-zA-Z .?!…\n\r\t\"'()“”«»0-9•⁃/|@:]{0,40}",
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just(". . . ".to_string()),
        Just("ملل متحدOn ".to_string()),
        Just("。".to_string()),
        Just("1. ".to_string()),
        Just("\u{ad}\n".to_string()),
        Just(" \u{200b} ".to_string()),
        Just("said: «Go. ".to_string()),
        Just("「行こう。」と".to_string()),
        Just("《你好！".to_string()),
        Just(" (first. Then) ".to_string()),
        Just("„Geh. ".to_string()),
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

/// Every code with a rule file, and one without.
fn all_codes() -> Vec<&'static str> {
    crate::languages().chain(["xx"]).collect()
}

proptest! {
    #[test]
    fn normalize_takes_the_short_way_only_when_it_changes_nothing(
        text in text_strategy(),
        extra in "[ \u{a0}\u{b}\u{ad}\u{200b}\u{200c}\u{2060}\u{feff}\u{300}-\u{36f}\u{1100}-\u{11ff}a-zé가-힣]{0,12}",
    ) {
        let s = format!("{text}{extra}");
        prop_assert_eq!(normalize(&s), normalize_fully(&s));
    }

    #[test]
    fn spans_rejoin_to_the_input(text in text_strategy(), lang in prop::sample::select(all_codes())) {
        for mode in [LineMode::Lines, LineMode::Wrapped, LineMode::Presegmented] {
            let segs = Segmenter::new(lang).line_mode(mode).segment(&text);
            assert_spans_rejoin(&text, &segs);
            for s in &segs {
                let t = s.text(&text);
                prop_assert!(!t.is_empty());
            }
        }
    }
}
