use super::*;

mod conventions;
mod golden;
mod languages;
mod props;
mod scripts;

fn split(text: &str, lang: &str) -> Vec<String> {
    segment(text, lang).iter().map(|s| s.text(text)).collect()
}

fn split_mode(text: &str, lang: &str, mode: LineMode) -> Vec<String> {
    Segmenter::new(lang)
        .line_mode(mode)
        .segment(text)
        .iter()
        .map(|s| s.text(text))
        .collect()
}

/// The English "Golden Rules" of the Pragmatic Segmenter (as used by
/// pySBD), numbered as there. #18 (a.m./P.M. before a title) is told
/// apart by whether the time opens the sentence.
const GOLDEN_EN: &[(u32, &str, &[&str])] = &[
    (1, "Hello World. My name is Jonas.", &["Hello World.", "My name is Jonas."]),
    (2, "What is your name? My name is Jonas.", &["What is your name?", "My name is Jonas."]),
    (3, "There it is! I found it.", &["There it is!", "I found it."]),
    (4, "My name is Jonas E. Smith.", &["My name is Jonas E. Smith."]),
    (5, "Please turn to p. 55.", &["Please turn to p. 55."]),
    (6, "Were Jane and co. at the party?", &["Were Jane and co. at the party?"]),
    (7, "They closed the deal with Pitt, Briggs & Co. at noon.", &["They closed the deal with Pitt, Briggs & Co. at noon."]),
    (8, "Let's ask Jane and co. They should know.", &["Let's ask Jane and co.", "They should know."]),
    (9, "They closed the deal with Pitt, Briggs & Co. It closed yesterday.", &["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]),
    (10, "I can see Mt. Fuji from here.", &["I can see Mt. Fuji from here."]),
    (11, "St. Michael's Church is on 5th st. near the light.", &["St. Michael's Church is on 5th st. near the light."]),
    (12, "That is JFK Jr.'s book.", &["That is JFK Jr.'s book."]),
    (13, "I visited the U.S.A. last year.", &["I visited the U.S.A. last year."]),
    (14, "I live in the E.U. How about you?", &["I live in the E.U.", "How about you?"]),
    (15, "I live in the U.S. How about you?", &["I live in the U.S.", "How about you?"]),
    (16, "I work for the U.S. Government in Virginia.", &["I work for the U.S. Government in Virginia."]),
    (17, "I have lived in the U.S. for 20 years.", &["I have lived in the U.S. for 20 years."]),
    (18, "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.", &["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."]),
    (19, "She has $100.00 in her bag.", &["She has $100.00 in her bag."]),
    (20, "She has $100.00. It is in her bag.", &["She has $100.00.", "It is in her bag."]),
    (21, "He teaches science (He previously worked for 5 years as an engineer.) at the local University.", &["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]),
    (22, "Her email is Jane.Doe@example.com. I sent her an email.", &["Her email is Jane.Doe@example.com.", "I sent her an email."]),
    (23, "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.", &["The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."]),
    (24, "She turned to him, 'This is great.' she said.", &["She turned to him, 'This is great.' she said."]),
    (25, "She turned to him, \"This is great.\" she said.", &["She turned to him, \"This is great.\" she said."]),
    (26, "She turned to him, \"This is great.\" She held the book out to show him.", &["She turned to him, \"This is great.\"", "She held the book out to show him."]),
    (27, "Hello!! Long time no see.", &["Hello!!", "Long time no see."]),
    (28, "Hello?? Who is there?", &["Hello??", "Who is there?"]),
    (29, "Hello!? Is that you?", &["Hello!?", "Is that you?"]),
    (30, "Hello?! Is that you?", &["Hello?!", "Is that you?"]),
    (31, "1.) The first item 2.) The second item", &["1.) The first item", "2.) The second item"]),
    (32, "1.) The first item. 2.) The second item.", &["1.) The first item.", "2.) The second item."]),
    (33, "1) The first item 2) The second item", &["1) The first item", "2) The second item"]),
    (34, "1) The first item. 2) The second item.", &["1) The first item.", "2) The second item."]),
    (35, "1. The first item 2. The second item", &["1. The first item", "2. The second item"]),
    (36, "1. The first item. 2. The second item.", &["1. The first item.", "2. The second item."]),
    (37, "• 9. The first item • 10. The second item", &["• 9. The first item", "• 10. The second item"]),
    (38, "⁃9. The first item ⁃10. The second item", &["⁃9. The first item", "⁃10. The second item"]),
    (39, "a. The first item b. The second item c. The third list item", &["a. The first item", "b. The second item", "c. The third list item"]),
    (42, "features\ncontact manager\nevents, activities\n", &["features", "contact manager", "events, activities"]),
    (43, "You can find it at N°. 1026.253.553. That is where the treasure is.", &["You can find it at N°. 1026.253.553.", "That is where the treasure is."]),
    (44, "She works at Yahoo! in the accounting department.", &["She works at Yahoo! in the accounting department."]),
    (45, "We make a good team, you and I. Did you see Albert I. Jones yesterday?", &["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
    (46, "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”", &["Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"]),
    (47, "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).", &["\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55)."]),
    (48, "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.", &["If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .", "Next sentence."]),
    (49, "I never meant that.... She left the store.", &["I never meant that....", "She left the store."]),
    (50, "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.", &["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."]),
    (51, "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .", &["One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.", ". . . The practice was not abandoned. . . ."]),
    (52, "Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.", &["Hello world.", "Today is Tuesday.", "Mr. Smith went to the store and bought 1,000.", "That is a lot."]),
];

#[test]
fn english_golden_rules() {
    let failures: Vec<String> = GOLDEN_EN
        .iter()
        .filter_map(|(n, text, want)| {
            let got = split(text, "en");
            (got != *want).then(|| format!("#{n}: got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn english_golden_rules_with_errant_newlines_in_wrapped_mode() {
    let cases: &[(&str, &[&str])] = &[
        (
            "This is a sentence\ncut off in the middle because pdf.",
            &["This is a sentence cut off in the middle because pdf."],
        ),
        (
            "It was a cold \nnight in the city.",
            &["It was a cold night in the city."],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(split_mode(text, "en", LineMode::Wrapped), *want);
    }
}

#[test]
fn other_languages_golden_rules() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("de", "„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“ Wir haben 1.000.000 Euro.", &["„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“", "Wir haben 1.000.000 Euro."]),
        ("de", "Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist.", &["Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist."]),
        ("de", "Was sind die Konsequenzen der Abstimmung vom 12. Juni?", &["Was sind die Konsequenzen der Abstimmung vom 12. Juni?"]),
        ("de", "Die Information steht auf Seite 12. Dort kannst du nachlesen.", &["Die Information steht auf Seite 12.", "Dort kannst du nachlesen."]),
        ("ja", "これはペンです。それはマーカーです。", &["これはペンです。", "それはマーカーです。"]),
        ("ja", "それは何ですか？ペンですか？", &["それは何ですか？", "ペンですか？"]),
        ("ja", "良かったね！すごい！", &["良かったね！", "すごい！"]),
        ("ja", "自民党税制調査会の幹部は、「引き下げ幅は３．２９％以上を目指すことになる」と指摘していて、今後、公明党と合意したうえで、３０日に決定する与党税制改正大綱に盛り込むことにしています。", &["自民党税制調査会の幹部は、「引き下げ幅は３．２９％以上を目指すことになる」と指摘していて、今後、公明党と合意したうえで、３０日に決定する与党税制改正大綱に盛り込むことにしています。"]),
        ("it", "Salve Sig.ra Mengoni! Come sta oggi?", &["Salve Sig.ra Mengoni!", "Come sta oggi?"]),
        ("it", "Una lettera si può iniziare in questo modo «Il/la sottoscritto/a.».", &["Una lettera si può iniziare in questo modo «Il/la sottoscritto/a.»."]),
        ("it", "La casa costa 170.500.000,00€!", &["La casa costa 170.500.000,00€!"]),
        ("ru", "Объем составляет 5 куб.м.", &["Объем составляет 5 куб.м."]),
        ("ru", "Маленькая девочка бежала и кричала: «Не видали маму?».", &["Маленькая девочка бежала и кричала: «Не видали маму?»."]),
        ("ru", "Сегодня 27.10.14", &["Сегодня 27.10.14"]),
        ("es", "¿Cómo está hoy? Espero que muy bien.", &["¿Cómo está hoy?", "Espero que muy bien."]),
        ("es", "¡Hola señorita! Espero que muy bien.", &["¡Hola señorita!", "Espero que muy bien."]),
        ("es", "Hola Srta. Ledesma. Buenos días, soy el Lic. Naser Pastoriza, y él es mi padre, el Dr. Naser.", &["Hola Srta. Ledesma.", "Buenos días, soy el Lic. Naser Pastoriza, y él es mi padre, el Dr. Naser."]),
        ("es", "¡La casa cuesta $170.500.000,00! ¡Muy costosa! Se prevé una disminución del 12.5% para el próximo año.", &["¡La casa cuesta $170.500.000,00!", "¡Muy costosa!", "Se prevé una disminución del 12.5% para el próximo año."]),
        ("es", "«Ninguna mente extraordinaria está exenta de un toque de demencia.», dijo Aristóteles.", &["«Ninguna mente extraordinaria está exenta de un toque de demencia.», dijo Aristóteles."]),
        ("hi", "सच्चाई यह है कि इसे कोई नहीं जानता। हो सकता है यह फ़्रेन्को के खिलाफ़ कोई विद्रोह रहा हो, या फिर बेकाबू हो गया कोई आनंदोत्सव।", &["सच्चाई यह है कि इसे कोई नहीं जानता।", "हो सकता है यह फ़्रेन्को के खिलाफ़ कोई विद्रोह रहा हो, या फिर बेकाबू हो गया कोई आनंदोत्सव।"]),
        ("my", "ခင္ဗ်ားနာမည္ဘယ္လိုေခၚလဲ။၇ွင္ေနေကာင္းလား။", &["ခင္ဗ်ားနာမည္ဘယ္လိုေခၚလဲ။", "၇ွင္ေနေကာင္းလား။"]),
        ("am", "እንደምን አለህ፧መልካም ቀን ይሁንልህ።እባክሽ ያልሽዉን ድገሚልኝ።", &["እንደምን አለህ፧", "መልካም ቀን ይሁንልህ።", "እባክሽ ያልሽዉን ድገሚልኝ።"]),
        ("fa", "خوشبختم، آقای رضا. شما کجایی هستید؟ من از تهران هستم.", &["خوشبختم، آقای رضا.", "شما کجایی هستید؟", "من از تهران هستم."]),
        ("ur", "کیا حال ہے؟ ميرا نام ___ ەے۔ میں حالا تاوان دےدوں؟", &["کیا حال ہے؟", "ميرا نام ___ ەے۔", "میں حالا تاوان دےدوں؟"]),
        ("nl", "Hij schoot op de JP8-brandstof toen de Surface-to-Air (sam)-missiles op hem af kwamen. 81 procent van de schoten was raak.", &["Hij schoot op de JP8-brandstof toen de Surface-to-Air (sam)-missiles op hem af kwamen.", "81 procent van de schoten was raak."]),
        ("nl", "81 procent van de schoten was raak. ...en toen barste de hel los.", &["81 procent van de schoten was raak.", "...en toen barste de hel los."]),
    ];
    let failures = golden_failures(cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The cases (language, text, sentences) that split otherwise, each
/// with what it gave.
fn golden_failures(cases: &[(&str, &str, &[&str])]) -> Vec<String> {
    cases
        .iter()
        .filter_map(|(lang, text, want)| {
            let got = split(text, lang);
            (got != *want).then(|| format!("{lang}: {text}\n  got {got:?}"))
        })
        .collect()
}

#[test]
fn errant_newline_in_japanese_joins_without_space() {
    assert_eq!(
        split_mode("これは父の\n家です。", "ja", LineMode::Wrapped),
        ["これは父の家です。"]
    );
}

#[test]
fn initials_bylines_and_titles() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("en", "By Av. M.B., Lawyer", &["By Av. M.B., Lawyer"]),
        // An initial after a slash: a photo credit.
        (
            "en",
            "A family outside their house. © UNHCR/A. Ivanova",
            &["A family outside their house.", "© UNHCR/A. Ivanova"],
        ),
        (
            "en",
            "He met H. Khan in Tirana. He left.",
            &["He met H. Khan in Tirana.", "He left."],
        ),
        (
            "en",
            "They paid M. A. a defector who was poor.",
            &["They paid M. A. a defector who was poor."],
        ),
        (
            "en",
            "The help M. A. was receiving was minimal.",
            &["The help M. A. was receiving was minimal."],
        ),
        (
            "en",
            "I read J. R. R. Tolkien. It was long.",
            &["I read J. R. R. Tolkien.", "It was long."],
        ),
        (
            "en",
            "At 5 a.m. Mr. Smith left.",
            &["At 5 a.m. Mr. Smith left."],
        ),
        (
            "en",
            "He grew up in the U.S. He left in 1990.",
            &["He grew up in the U.S.", "He left in 1990."],
        ),
        (
            "en",
            "Dr. Jones and Prof. Brown met Gen. Lee.",
            &["Dr. Jones and Prof. Brown met Gen. Lee."],
        ),
        (
            "en",
            "They met on Jan. 5 and on Feb. 9.",
            &["They met on Jan. 5 and on Feb. 9."],
        ),
        (
            "sq",
            "Ata paguanin strehimin e M. A. një dezertori.",
            &["Ata paguanin strehimin e M. A. një dezertori."],
        ),
        (
            "sq",
            "Ndihma që kishte marrë M. A ishte minimale.",
            &["Ndihma që kishte marrë M. A ishte minimale."],
        ),
        (
            "sq",
            "E takoi z. Hoxha dhe znj. Berisha. Ata folën.",
            &["E takoi z. Hoxha dhe znj. Berisha.", "Ata folën."],
        ),
        (
            "sq",
            "Erdhën mollë, dardha etj. Pastaj ikën.",
            &["Erdhën mollë, dardha etj.", "Pastaj ikën."],
        ),
        (
            "sq",
            "Shih p.sh. Ligjin nr. 5 të vitit 2017.",
            &["Shih p.sh. Ligjin nr. 5 të vitit 2017."],
        ),
        (
            "sq",
            "E priti Prof. Dr. Kadare në Tiranë. Ai foli.",
            &["E priti Prof. Dr. Kadare në Tiranë.", "Ai foli."],
        ),
        (
            "fr",
            "M. Dupont est arrivé. Il est parti.",
            &["M. Dupont est arrivé.", "Il est parti."],
        ),
        (
            "fr",
            "Il a dit : « Bonjour ! » Puis il est parti. « Oui. » Non.",
            &[
                "Il a dit : « Bonjour ! »",
                "Puis il est parti.",
                "« Oui. »",
                "Non.",
            ],
        ),
        (
            "de",
            "Er sagte: »Hallo!« Dann ging er. »Ja.« Nein. Sie rief: «Halt!» Dann nichts.",
            &[
                "Er sagte: »Hallo!«",
                "Dann ging er.",
                "»Ja.«",
                "Nein.",
                "Sie rief: «Halt!»",
                "Dann nichts.",
            ],
        ),
        (
            "fr",
            "Il a dit « Bonjour ! » et il est parti.",
            &["Il a dit « Bonjour ! » et il est parti."],
        ),
        (
            "fr",
            "J.-P. Sartre écrivit. J.-C. Decaux aussi.",
            &["J.-P. Sartre écrivit.", "J.-C. Decaux aussi."],
        ),
        (
            "fr",
            "© AFP/J.-P. Martin. Voir p. 4 et suiv. du rapport (éd. 2020, vol. 2). Fin.",
            &[
                "© AFP/J.-P. Martin.",
                "Voir p. 4 et suiv. du rapport (éd. 2020, vol. 2).",
                "Fin.",
            ],
        ),
        (
            "es",
            "MADRID, 12 mar. (EUROPA PRESS) - Llegó. Véase el cap. 3. Fuimos al mar. María llegó.",
            &[
                "MADRID, 12 mar. (EUROPA PRESS) - Llegó.",
                "Véase el cap. 3.",
                "Fuimos al mar.",
                "María llegó.",
            ],
        ),
        (
            "it",
            "ROMA, 12 mag. (ANSA) - Arrivato. Il 12 mar. Il governo decise.",
            &[
                "ROMA, 12 mag. (ANSA) - Arrivato.",
                "Il 12 mar.",
                "Il governo decise.",
            ],
        ),
        (
            "hu",
            "Üdvözli a Delphin Kft.-től. Almási Adrienne is ott volt.",
            &[
                "Üdvözli a Delphin Kft.-től.",
                "Almási Adrienne is ott volt.",
            ],
        ),
        (
            "it",
            "Ci sono penne, carta ecc. Fine del discorso.",
            &["Ci sono penne, carta ecc.", "Fine del discorso."],
        ),
        (
            "nl",
            "Er waren pennen, papier enz. Daarna niets.",
            &["Er waren pennen, papier enz.", "Daarna niets."],
        ),
        (
            "es",
            "Viajó a EE. UU. en 2019. EE. UU. respondió. Vive en EE. UU. Luego volvió.",
            &[
                "Viajó a EE. UU. en 2019.",
                "EE. UU. respondió.",
                "Vive en EE. UU.",
                "Luego volvió.",
            ],
        ),
        (
            "de",
            "Dr. med. Müller kam. Dr. rer. nat. Schmidt ging.",
            &["Dr. med. Müller kam.", "Dr. rer. nat. Schmidt ging."],
        ),
    ];
    for (lang, text, want) in cases {
        assert_eq!(split(text, lang), *want, "{lang}: {text}");
    }
}

#[test]
fn numbers_dates_and_times() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "en",
            "It costs 2.5 million. It rose.",
            &["It costs 2.5 million.", "It rose."],
        ),
        (
            "en",
            "They counted 1.000.000 votes.",
            &["They counted 1.000.000 votes."],
        ),
        (
            "de",
            "Am 9. Oktober 2017 kam er. Er blieb.",
            &["Am 9. Oktober 2017 kam er.", "Er blieb."],
        ),
        (
            "de",
            "Er wurde am 3. März geboren.",
            &["Er wurde am 3. März geboren."],
        ),
        (
            "en",
            "Version 3.2.1 came out at 10.30 p.m. yesterday.",
            &["Version 3.2.1 came out at 10.30 p.m. yesterday."],
        ),
        (
            "en",
            "On October 9, 2017 they met.",
            &["On October 9, 2017 they met."],
        ),
        (
            "en",
            "See No. 5 and no. 6 today.",
            &["See No. 5 and no. 6 today."],
        ),
    ];
    for (lang, text, want) in cases {
        assert_eq!(split(text, lang), *want, "{lang}: {text}");
    }
}

#[test]
fn scripts_written_in_one_case_start_sentences_after_any_terminator() {
    // Georgian letters are lower case to Unicode, but Georgian has no
    // capitals in running text; Arabic and Hebrew have no case at all.
    let cases: &[(&str, &[&str])] = &[
        (
            "ეს წინადადებაა. ეს მეორეა.",
            &["ეს წინადადებაა.", "ეს მეორეა."],
        ),
        ("რა ხდება? არაფერი.", &["რა ხდება?", "არაფერი."]),
        (
            "قال إن الوضع صعب. هل هذا صحيح؟ نعم!",
            &["قال إن الوضع صعب.", "هل هذا صحيح؟", "نعم!"],
        ),
        (
            "זה משפט. האם זה השני? כן.",
            &["זה משפט.", "האם זה השני?", "כן."],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(split(text, "xx"), *want, "{text}");
    }
    // An abbreviation that may end a sentence ends one before them.
    assert_eq!(
        split("They brought pens, paper etc. ეს მეორეა.", "en"),
        ["They brought pens, paper etc.", "ეს მეორეა."]
    );
    assert_eq!(
        split("pens, paper etc. and ink.", "en"),
        ["pens, paper etc. and ink."]
    );
}

#[test]
fn a_line_of_invisible_characters_alone_is_no_sentence() {
    // A fuzz finding: a lone soft hyphen (or zero-width space) on a line
    // was a sentence whose text is empty, which became an empty unit.
    for mode in [LineMode::Lines, LineMode::Wrapped, LineMode::Presegmented] {
        for text in [
            "\u{ad}",
            "Hello.\n\u{ad}\nWorld.\n",
            "Hello.\n \u{200b} \nWorld.",
        ] {
            let segs = Segmenter::new("en").line_mode(mode).segment(text);
            let texts: Vec<_> = segs.iter().map(|s| s.text(text)).collect();
            let want: &[&str] = if text == "\u{ad}" {
                &[]
            } else {
                &["Hello.", "World."]
            };
            assert_eq!(texts, want, "{mode:?} {text:?}");
            assert_spans_rejoin(text, &segs);
        }
    }
}

#[test]
fn invisible_format_characters_neither_hide_a_boundary_nor_reach_the_text() {
    // Web text: a zero-width space after a period, or standing for the
    // space; a soft hyphen and a word joiner inside words.
    let text = "Zero\u{200b}width here.\u{200b} Next one.\u{200b}Third one. Flücht\u{ad}linge kamen\u{2060}.";
    assert_eq!(
        split(text, "en"),
        [
            "Zerowidth here.",
            "Next one.",
            "Third one.",
            "Flüchtlinge kamen."
        ]
    );
    // The spans still cover every byte but the spaces between sentences.
    let segs = segment(text, "en");
    assert_eq!(segs[0].as_str(text), "Zero\u{200b}width here.\u{200b}");
    // Joiners that Persian and emoji need stay.
    assert_eq!(normalize("می\u{200c}خواهم"), "می\u{200c}خواهم");
}

#[test]
fn source_tag_glued_after_final_stop_is_its_own_segment() {
    let text = "pas transferimit të tyre në Shqipëri./ Gazeta Impakt";
    assert_eq!(
        split(text, "sq"),
        ["pas transferimit të tyre në Shqipëri.", "/ Gazeta Impakt"]
    );
}

#[test]
fn urls_and_emails_are_not_split() {
    let text = "Write to info@unhcr.org or see www.unhcr.org/al. Then call.";
    assert_eq!(
        split(text, "en"),
        [
            "Write to info@unhcr.org or see www.unhcr.org/al.",
            "Then call."
        ]
    );
}

#[test]
fn headings_and_list_lines_are_segments_in_line_mode() {
    let text = "Introduction\nThe text starts here. It goes on.\n- first point\n- second point\n";
    assert_eq!(
        split(text, "en"),
        [
            "Introduction",
            "The text starts here.",
            "It goes on.",
            "- first point",
            "- second point"
        ]
    );
}

#[test]
fn paragraphs_are_counted_from_blank_lines() {
    let text = "\n\nTitle\n\n\n  \nOne. Two.\nThree.\n\nFour.\n\n";
    let segs = segment(text, "en");
    let paras: Vec<usize> = segs.iter().map(|s| s.paragraph).collect();
    assert_eq!(paras, [0, 1, 1, 1, 2]);
}

#[test]
fn wrapped_mode_joins_lines_but_not_bullets() {
    let text = "This sentence is\nwrapped. And this\none too.\n• a bullet\n• another\n\nNext para.";
    let got = split_mode(text, "en", LineMode::Wrapped);
    assert_eq!(
        got,
        [
            "This sentence is wrapped.",
            "And this one too.",
            "• a bullet",
            "• another",
            "Next para."
        ]
    );
}

#[test]
fn presegmented_mode_takes_lines_as_given() {
    let text = "One. Two.\r\nThree\r\n\r\nFour";
    let segs = Segmenter::new("en")
        .line_mode(LineMode::Presegmented)
        .segment(text);
    let got: Vec<&str> = segs.iter().map(|s| s.as_str(text)).collect();
    assert_eq!(got, ["One. Two.", "Three", "Four"]);
    assert_eq!(segs[2].paragraph, 1);
}

#[test]
fn empty_and_blank_input_give_no_segments() {
    assert!(segment("", "en").is_empty());
    assert!(segment(" \n\t\r\n ", "en").is_empty());
}

#[test]
fn normalisation_is_nfc_and_collapses_whitespace() {
    let text = "Cafe\u{301}  au\u{a0}lait\tis\n good.";
    let segs = Segmenter::new("fr")
        .line_mode(LineMode::Wrapped)
        .segment(text);
    assert_eq!(segs.len(), 1);
    assert_eq!(segs[0].text(text), "Café au lait is good.");
    assert_eq!(segs[0].as_str(text), text);
}

#[test]
fn crlf_and_lone_cr_are_line_breaks() {
    assert_eq!(split("One\r\nTwo\rThree", "en"), ["One", "Two", "Three"]);
}

#[test]
fn ellipsis_character_and_quotes() {
    let cases: &[(&str, &[&str])] = &[
        ("He waited… Then he left.", &["He waited…", "Then he left."]),
        ("He waited… and waited.", &["He waited… and waited."]),
        (
            "He said: “Go home.” Then he left.",
            &["He said: “Go home.”", "Then he left."],
        ),
        (
            "(This is an aside.) The text goes on.",
            &["(This is an aside.)", "The text goes on."],
        ),
        ("Really?! Yes.", &["Really?!", "Yes."]),
    ];
    for (text, want) in cases {
        assert_eq!(split(text, "en"), *want, "{text}");
    }
}

#[test]
fn long_line_without_spaces_is_not_quadratic_and_lossless() {
    let text = "a.".repeat(200_000) + &". ".repeat(100_000) + &"x".repeat(100_000);
    let segs = segment(&text, "en");
    assert!(!segs.is_empty());
    assert_spans_rejoin(&text, &segs);
}

/// Segments are ordered, disjoint, in bounds, on char boundaries, trimmed
/// and non-empty, and only whitespace lies between them.
pub(crate) fn assert_spans_rejoin(text: &str, segs: &[Segment]) {
    let mut pos = 0;
    let mut para = 0;
    for s in segs {
        assert!(
            s.start >= pos && s.start < s.end && s.end <= text.len(),
            "{s:?}"
        );
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(
            text[pos..s.start]
                .chars()
                .all(|c| c.is_whitespace() || is_invisible(c)),
            "lost text before {s:?}"
        );
        let piece = &text[s.start..s.end];
        assert_eq!(piece.trim(), piece);
        assert!(!s.text(text).is_empty(), "a sentence of nothing: {s:?}");
        assert!(s.paragraph == para || s.paragraph == para + 1 || (pos == 0 && s.paragraph == 0));
        para = s.paragraph;
        pos = s.end;
    }
    assert!(
        text[pos..]
            .chars()
            .all(|c| c.is_whitespace() || is_invisible(c)),
        "lost text at the end"
    );
}

#[test]
fn normalize_keeps_normal_text_and_mends_the_rest() {
    // Already normal (the quick path): returned as it is.
    for s in ["Grüße aus Köln.", "Shqipëri", "第一句。", " a b "] {
        assert_eq!(normalize(s), s);
    }
    // Decomposed accents are composed, other whitespace becomes one space.
    assert_eq!(normalize("Ko\u{308}ln"), "Köln");
    assert_eq!(normalize("aus\u{a0}Köln"), "aus Köln");
    assert_eq!(normalize("aus  Köln"), "aus Köln");
    assert_eq!(normalize("aus\tKöln"), "aus Köln");
    // A line break between two Chinese characters is dropped.
    assert_eq!(normalize("第一\n句"), "第一句");
}

/// The check of `normalize_cow` as first written, in passes: the ASCII
/// head, then every character, then the quick NFC test over the whole
/// text. The one-pass `is_normal` must agree.
fn is_normal_by_passes(s: &str) -> bool {
    let bytes = s.as_bytes();
    let ascii = bytes.iter().take_while(|b| b.is_ascii()).count();
    let head = &bytes[..ascii];
    if head
        .iter()
        .any(|&b| matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
        || head.windows(2).any(|w| w == b"  ")
    {
        return false;
    }
    let mut prev_space = false;
    for c in s.chars() {
        if c == ' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
            continue;
        }
        prev_space = false;
        if c.is_ascii_whitespace() || c == '\x0b' || c.is_whitespace() || chars::is_invisible(c) {
            return false;
        }
    }
    unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
}

#[test]
fn the_one_pass_normal_check_agrees_with_the_passes() {
    // Below U+0300 every character is a starter that NFC keeps: what
    // lets the one pass skip their look-ups.
    for c in ('\u{80}'..'\u{300}').filter(|c| !c.is_whitespace() && !chars::is_invisible(*c)) {
        let one = c.to_string();
        assert!(is_normal(&one), "{c:?}");
        assert!(is_normal_by_passes(&one), "{c:?}");
    }
    // Nor do the blocks whose look-ups are skipped above it.
    for c in ('\u{300}'..=char::MAX).filter(|&c| is_plain_starter(c)) {
        use unicode_normalization::{char::canonical_combining_class, is_nfc_quick};
        assert!(!c.is_whitespace() && !chars::is_invisible(c), "{c:?}");
        assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        assert_eq!(
            is_nfc_quick(std::iter::once(c)),
            unicode_normalization::IsNormalized::Yes,
            "{c:?}"
        );
        assert_eq!(
            c.to_string().nfc().collect::<String>(),
            c.to_string(),
            "{c:?}"
        );
    }
    let samples = [
        "",
        " ",
        "  ",
        "One two.",
        "One  two.",
        " a b ",
        "a\tb",
        "a\x0bb",
        "a\x0cb",
        "a\rb",
        "a\nb",
        "Grüße aus Köln.",
        "Grüße  aus Köln.",
        "Grüße \u{a0}aus",
        "é ",
        "é  x",
        " é",
        "Ko\u{308}ln",
        "Kö\u{323}\u{308}ln",
        "Ko\u{308}\u{323}ln",
        "a\u{301}\u{316}",
        "a\u{316}\u{301}",
        "\u{300}",
        "x\u{340}",
        "\u{212b}ngström",
        "\u{2126}",
        "\u{1100}\u{1161}",
        "\u{ac00}\u{11a8}",
        "第一句。",
        "第一\n句",
        "第一 句",
        "\u{3000}第一",
        "„Igen” – mondta…",
        "a\u{200b}b",
        "\u{feff}Start",
        "soft\u{ad}hyphen",
        "word\u{2060}joiner",
        "line\u{2028}sep",
        "nel\u{85}x",
        "می\u{200c}خواهم",
        "क्षत्रिय",
        "\u{0958}",
        "ﬁne",
        "\u{1d15e}",
        "emoji 👍🏽 ok",
        "\u{fffd}\u{fffd}",
    ];
    for s in samples {
        assert_eq!(is_normal(s), is_normal_by_passes(s), "{s:?}");
        let got = normalize_cow(s);
        assert_eq!(
            matches!(got, std::borrow::Cow::Borrowed(_)),
            is_normal_by_passes(s),
            "{s:?}"
        );
        assert_eq!(
            got,
            if is_normal_by_passes(s) {
                s.to_string()
            } else {
                normalize_fully(s)
            }
        );
    }
    // Eight bytes at a time: whatever breaks a text, at every offset
    // (across the eight-byte boundaries), among letters and spaces.
    for bad in [
        "  ",
        " \u{a0}",
        "\t",
        "\x0b",
        "\r\n",
        "\x01",
        "\x7f",
        "é",
        "a\u{301}",
        "\u{316}\u{301}",
        "第 ",
    ] {
        for base in [
            "abcdefghijklmnopqrstuvwxyz",
            "a b c d e f g h i j k l m ",
            " ab cd ef gh ij kl mn op",
        ] {
            for at in 0..=base.len() {
                let s = format!("{}{bad}{}", &base[..at], &base[at..]);
                assert_eq!(is_normal(&s), is_normal_by_passes(&s), "{s:?}");
            }
        }
    }
    // Every pair of a few characters of each kind, in both orders.
    let parts = [
        "a", " ", "é", "\u{301}", "\u{316}", "\u{323}", "\u{a0}", "\n", "第", "\u{200b}",
        "\u{340}", "\u{1161}", "–", "“", "，", "가", "\u{302a}", "\u{3099}", "か", "\u{f900}",
    ];
    for x in parts {
        for y in parts {
            for z in parts {
                let s = format!("{x}{y}{z}");
                assert_eq!(is_normal(&s), is_normal_by_passes(&s), "{s:?}");
            }
        }
    }
}

#[test]
fn a_semicolon_ends_a_question_only_in_greek() {
    let text = "Τι κάνεις; Είμαι καλά.";
    assert_eq!(split(text, "el").len(), 2);
    assert_eq!(split(text, "en").len(), 1);
    assert_eq!(split("Wait; Then go.", "en"), ["Wait; Then go."]);
}

#[test]
fn ordinals_before_capitalised_nouns_and_names_are_not_boundaries() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("de", "Im 19. Jahrhundert wurde die Stadt gegründet. Am 3. Tag kam er. Der 2. Weltkrieg endete 1945.", &["Im 19. Jahrhundert wurde die Stadt gegründet.", "Am 3. Tag kam er.", "Der 2. Weltkrieg endete 1945."]),
        // A number at the end of a sentence still ends it.
        ("de", "Die Information steht auf Seite 12. Dort kannst du nachlesen. Er wurde 85. Insgesamt lebte er lange.", &["Die Information steht auf Seite 12.", "Dort kannst du nachlesen.", "Er wurde 85.", "Insgesamt lebte er lange."]),
        ("de", "Er hörte eine CD. Später ging er.", &["Er hörte eine CD.", "Später ging er."]),
        // After an ordinal context, a sentence starter still begins a sentence.
        ("de", "Er kam am 3. Danach ging er.", &["Er kam am 3.", "Danach ging er."]),
        ("hu", "A 33. Magyar Filmszemlén díjat nyert. A gyengelkedő II. János Pál pápa írt. Friedrich II. Ez volt.", &["A 33. Magyar Filmszemlén díjat nyert.", "A gyengelkedő II. János Pál pápa írt.", "Friedrich II.", "Ez volt."]),
        ("cs", "Film získal cenu na 33. Mezinárodním filmovém festivalu. Bylo to v pondělí.", &["Film získal cenu na 33. Mezinárodním filmovém festivalu.", "Bylo to v pondělí."]),
        // English has no ordinal dots.
        ("en", "World War II. The war ended. Louis XIV. He ruled.", &["World War II.", "The war ended.", "Louis XIV.", "He ruled."]),
    ];
    let failures = golden_failures(cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_ellipsis_before_more_chinese_text_is_a_pause() {
    // As in the MAC development text: a space after "……", then the
    // sentence goes on.
    assert_eq!(
        split("那男孩略一迟疑，道：“我叫…… 叫小玄子。”他笑了。", "zh"),
        ["那男孩略一迟疑，道：“我叫…… 叫小玄子。”", "他笑了。"]
    );
    // Before a Latin capital it still ends the sentence.
    assert_eq!(split("我走了…… Then he left.", "zh").len(), 2);
}

#[test]
fn chinese_and_japanese_quotes_and_ascii_marks_are_read_as_those_languages_write_them() {
    let cases: &[(&str, &str, &[&str])] = &[
        // “ opens the next quotation; it closes one only after „.
        (
            "zh",
            "我想观测宇宙背景辐射的整体波动。”“您能说具体些吗？”",
            &["我想观测宇宙背景辐射的整体波动。”", "“您能说具体些吗？”"],
        ),
        (
            "de",
            "„Und auch keine Lust.“ Wir gehen.",
            &["„Und auch keine Lust.“", "Wir gehen."],
        ),
        // ASCII marks between Chinese characters, no space after them.
        (
            "zh",
            "谁叫你去打劫呢?也到底大家想个方法儿才好。",
            &["谁叫你去打劫呢?", "也到底大家想个方法儿才好。"],
        ),
        // An ellipsis closed by a quote ends the quotation; unclosed, it
        // is a pause.
        (
            "zh",
            "韦小宝道：“不过……”海老公道：“不过怎么？”",
            &["韦小宝道：“不过……”", "海老公道：“不过怎么？”"],
        ),
        (
            "zh",
            "他说：“我叫……叫小玄子。”",
            &["他说：“我叫……叫小玄子。”"],
        ),
        // Japanese quotes a sentence and goes on with a particle.
        (
            "ja",
            "「行こう。」と彼は言った。「待って！」って叫んだ。それから帰った。",
            &[
                "「行こう。」と彼は言った。",
                "「待って！」って叫んだ。",
                "それから帰った。",
            ],
        ),
        (
            "ja",
            "「行こう。」彼は言った。",
            &["「行こう。」", "彼は言った。"],
        ),
        // A quotation closed after an abbreviation's period ends there.
        (
            "en",
            "\"I think it might happen around one o'clock A.M.\" \"Wow, so precise!\"",
            &[
                "\"I think it might happen around one o'clock A.M.\"",
                "\"Wow, so precise!\"",
            ],
        ),
    ];
    let failures = golden_failures(cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn common_sentence_openers_mark_a_boundary_after_an_abbreviation() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "en",
            "They met Dr. Smith at 5 p.m. Later they ate.",
            &["They met Dr. Smith at 5 p.m.", "Later they ate."],
        ),
        (
            "es",
            "El Sr. García llegó a las 10 a. m. Luego habló con ella.",
            &[
                "El Sr. García llegó a las 10 a. m.",
                "Luego habló con ella.",
            ],
        ),
        (
            "it",
            "Ha visto l'avv. Bianchi, ecc. Poi è partito. Arrivò alle 10 ca. Dopo andò via.",
            &[
                "Ha visto l'avv. Bianchi, ecc.",
                "Poi è partito.",
                "Arrivò alle 10 ca.",
                "Dopo andò via.",
            ],
        ),
    ];
    let failures = golden_failures(cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_mark_in_brackets_of_its_own_ends_nothing() {
    // As in the hu-en development text: a title with a commenting "(?)".
    assert_eq!(
        split(
            "Megnyitotta a Boldog (?) Budapest című kiállítást. Ez jó volt.",
            "hu"
        ),
        [
            "Megnyitotta a Boldog (?) Budapest című kiállítást.",
            "Ez jó volt."
        ]
    );
    // A question in brackets still ends where it ends.
    assert_eq!(
        split("(Why not?) They left.", "en"),
        ["(Why not?)", "They left."]
    );
}
