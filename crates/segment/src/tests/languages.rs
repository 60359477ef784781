//! The abbreviations and titles of each language's rule file.

use super::*;

/// One case per language with rules of its own beyond the first eight:
/// an abbreviation or title before a capitalised word (which the generic
/// rules would take as a boundary), next to real boundaries.
const MORE_LANGUAGES: &[(&str, &str, &[&str])] = &[
    ("ru", "Он живёт на ул. Ленина в г. Москва. Это большой город. В 1990 г. Он уехал.", &["Он живёт на ул. Ленина в г. Москва.", "Это большой город.", "В 1990 г.", "Он уехал."]),
    ("ru", "Писали все газеты, журналы и т. д. Конец. А. С. Пушкин, т. е. Поэт, жил здесь.", &["Писали все газеты, журналы и т. д.", "Конец.", "А. С. Пушкин, т. е. Поэт, жил здесь."]),
    ("uk", "Він живе на вул. Шевченка, див. Додаток 2. Це відомо.", &["Він живе на вул. Шевченка, див. Додаток 2.", "Це відомо."]),
    ("pl", "Mieszka przy ul. Marszałkowskiej, np. Jan tam był. To duże miasto.", &["Mieszka przy ul. Marszałkowskiej, np. Jan tam był.", "To duże miasto."]),
    ("cs", "Setkal se s doc. Novákem na nám. Míru. Bylo to v pondělí, tj. Dne 3. října.", &["Setkal se s doc. Novákem na nám. Míru.", "Bylo to v pondělí, tj. Dne 3. října."]),
    ("sk", "Stretol sa s doc. Novákom na nám. Slobody. Prišli viacerí, napr. Peter a Jana. Bolo to v pondelok.", &["Stretol sa s doc. Novákom na nám. Slobody.", "Prišli viacerí, napr. Peter a Jana.", "Bolo to v pondelok."]),
    ("sv", "Enligt Svensson, jfr. Lindqvist, är det så. Det kostade 100 kr. Sedan gick han hem.", &["Enligt Svensson, jfr. Lindqvist, är det så.", "Det kostade 100 kr.", "Sedan gick han hem."]),
    ("da", "Mødet blev holdt hos hr. Jensen kl. 10. Det var godt.", &["Mødet blev holdt hos hr. Jensen kl. 10.", "Det var godt."]),
    ("nb", "Møtet ble holdt hos hr. Hansen, jf. Vedlegg 2. Det var bra.", &["Møtet ble holdt hos hr. Hansen, jf. Vedlegg 2.", "Det var bra."]),
    ("nn", "Møtet vart halde hos hr. Hansen. Det var bra.", &["Møtet vart halde hos hr. Hansen.", "Det var bra."]),
    ("fi", "Tapasin esim. Matin ja Liisan. Se oli hauskaa klo 10. Hän lähti.", &["Tapasin esim. Matin ja Liisan.", "Se oli hauskaa klo 10.", "Hän lähti."]),
    ("hu", "Találkoztam ifj. Szabó Péterrel, pl. Budapesten. Ez 1990. október 23-án volt.", &["Találkoztam ifj. Szabó Péterrel, pl. Budapesten.", "Ez 1990. október 23-án volt."]),
    ("ro", "L-am întâlnit pe dl. Popescu pe str. Lipscani. Apoi am plecat.", &["L-am întâlnit pe dl. Popescu pe str. Lipscani.", "Apoi am plecat."]),
    ("el", "Ο κ. Παπαδόπουλος είπε ότι θα έρθει. Τι κάνεις; Είμαι καλά. Πού είσαι\u{37e} Εδώ.", &["Ο κ. Παπαδόπουλος είπε ότι θα έρθει.", "Τι κάνεις;", "Είμαι καλά.", "Πού είσαι;", "Εδώ."]),
    ("tr", "Toplantıya Doç. Dr. Ahmet Yılmaz katıldı. Bu önemliydi.", &["Toplantıya Doç. Dr. Ahmet Yılmaz katıldı.", "Bu önemliydi."]),
    ("ca", "Viu a l'av. Diagonal amb la Sra. Puig. Després va marxar.", &["Viu a l'av. Diagonal amb la Sra. Puig.", "Després va marxar."]),
    ("hr", "Sastali su se u ul. Ilica, npr. Marko i Ana. To je bilo 5. svibnja 2020. godine.", &["Sastali su se u ul. Ilica, npr. Marko i Ana.", "To je bilo 5. svibnja 2020. godine."]),
    ("bg", "Той живее на ул. Раковски в гр. София. Това е столицата. През 2020 г. Той замина.", &["Той живее на ул. Раковски в гр. София.", "Това е столицата.", "През 2020 г.", "Той замина."]),
    ("sr", "Živi u ul. Kralja Petra br. 5, npr. Marko i Ana. To je bilo 9. oktobra 2017. godine.", &["Živi u ul. Kralja Petra br. 5, npr. Marko i Ana.", "To je bilo 9. oktobra 2017. godine."]),
    ("sr", "Живи у ул. Краља Петра бр. 5, нпр. Марко и Ана. Затим су отишли.", &["Живи у ул. Краља Петра бр. 5, нпр. Марко и Ана.", "Затим су отишли."]),
    ("mk", "Живее на ул. Партизанска, напр. Марко и Ана. Потоа заминаа.", &["Живее на ул. Партизанска, напр. Марко и Ана.", "Потоа заминаа."]),
    ("sl", "Srečala sta se z ga. Novak, npr. Marko in Ana. Nato sta odšla.", &["Srečala sta se z ga. Novak, npr. Marko in Ana.", "Nato sta odšla."]),
    ("et", "Kohtusin hr. Tammega, nt. Mart ja Anu. Siis nad lahkusid.", &["Kohtusin hr. Tammega, nt. Mart ja Anu.", "Siis nad lahkusid."]),
    ("lt", "Tai įvyko 2017 m. Vilniuje, pvz. Jonas ir Ona. Vėliau jie išvyko.", &["Tai įvyko 2017 m. Vilniuje, pvz. Jonas ir Ona.", "Vėliau jie išvyko."]),
    ("lv", "Tas notika 2017. g. Rīgā, piem. Jānis un Anna. Pēc tam viņi aizbrauca.", &["Tas notika 2017. g. Rīgā, piem. Jānis un Anna.", "Pēc tam viņi aizbrauca."]),
    ("id", "Kantor itu di Jl. Sudirman No. 5, Jakarta. Bpk. Joko membawa buku, pena, dll. Kemudian pulang.", &["Kantor itu di Jl. Sudirman No. 5, Jakarta.", "Bpk. Joko membawa buku, pena, dll.", "Kemudian pulang."]),
    ("ms", "Pejabat itu di Jln. Ampang, Kuala Lumpur. Sdr. Ali juga hadir.", &["Pejabat itu di Jln. Ampang, Kuala Lumpur.", "Sdr. Ali juga hadir."]),
    ("vi", "Tại TP. Hồ Chí Minh, GS. TS. Trần Văn Bình cho biết. Đó là sự thật.", &["Tại TP. Hồ Chí Minh, GS. TS. Trần Văn Bình cho biết.", "Đó là sự thật."]),
    ("hi", "डॉ. मनमोहन सिंह ने कहा कि प्रो. शर्मा आएंगे। यह सच है।", &["डॉ. मनमोहन सिंह ने कहा कि प्रो. शर्मा आएंगे।", "यह सच है।"]),
];

#[test]
fn more_european_languages_have_their_abbreviations_and_titles() {
    for (lang, _, _) in MORE_LANGUAGES {
        assert!(Segmenter::new(lang).is_known_language(), "{lang}");
    }
    let failures = golden_failures(MORE_LANGUAGES);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_generic_rules_split_those_cases_differently() {
    // Each case above needs its language's rules: with the generic ones
    // it comes out otherwise (so the test above tests the rule files).
    for (lang, text, want) in MORE_LANGUAGES {
        assert_ne!(split(text, "xx"), *want, "{lang}: {text}");
    }
}
