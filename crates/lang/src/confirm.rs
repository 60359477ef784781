//! A cheap test that a text is in the language it is said to be in, by
//! its commonest words: when it passes, the full detection (lingua's
//! models, which cost about 0.2 s and 170 MB the first time in a
//! process) cannot tell anything new about a given language, and is
//! skipped.
//!
//! Each table holds function words that are frequent in its language and
//! rare in its neighbours' (Danish `af`, `havde` against Norwegian `av`,
//! `hadde`); a few tables (Afrikaans, Galician, Macedonian) exist only to
//! compete, so that a text in one of them does not pass for its
//! neighbour's. The thresholds were checked on lingua's own test
//! sentences, 1,000 per language for its 75 languages, cut into
//! documents of 30 lines (`examples/confirm.rs`): no document passed for
//! a language that the detection would have contradicted.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Function words per language (lower case), the first entry the code.
const TABLES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "with", "was", "for", "this", "are", "have",
            "from", "which", "not", "by", "were", "has", "they", "but",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "nicht", "ist", "ein", "eine", "mit", "sich", "auf", "dem",
            "den", "auch", "von", "wird", "werden", "zu", "im", "für", "sind", "nach", "bei",
            "wie", "oder", "aus",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "et", "des", "est", "une", "dans", "que", "qui", "pour", "pas", "sur",
            "du", "au", "avec", "sont", "ce", "il", "par", "mais", "aux", "cette", "ont",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "del", "por", "con", "para", "su", "como", "más", "pero",
            "fue", "al", "lo", "sus", "este", "está", "muy", "también",
        ],
    ),
    (
        "it",
        &[
            "il", "che", "di", "della", "non", "sono", "è", "per", "gli", "nel", "anche", "alla",
            "questo", "delle", "più", "ma", "ha", "dei", "essere",
        ],
    ),
    (
        "pt",
        &[
            "os", "não", "uma", "com", "para", "dos", "em", "mais", "foi", "ao", "ele", "são",
            "está", "também", "seu", "pelo", "pela",
        ],
    ),
    (
        "gl",
        &[
            "unha", "non", "co", "coa", "polo", "pola", "moi", "tamén", "ao", "xa", "nun", "dunha",
        ],
    ),
    (
        "ca",
        &[
            "els", "amb", "és", "als", "més", "però", "aquest", "aquesta", "també", "seva", "seu",
            "pel", "molt", "hi",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "niet", "voor", "zijn", "met", "ook", "maar", "wordt", "bij",
            "door", "naar", "dan", "deze", "worden", "er",
        ],
    ),
    (
        "af",
        &[
            "die", "nie", "vir", "om", "sy", "hulle", "ek", "wat", "aan", "hy", "word", "ook",
            "kan",
        ],
    ),
    (
        "sq",
        &[
            "të", "në", "dhe", "për", "që", "një", "është", "nga", "ka", "janë", "më", "edhe",
            "por", "tij", "kjo", "duke",
        ],
    ),
    (
        "hu",
        &[
            "az", "és", "hogy", "nem", "egy", "van", "meg", "csak", "ez", "már", "azt", "mint",
            "volt", "még", "vagy", "pedig", "lesz",
        ],
    ),
    (
        "pl",
        &[
            "się", "że", "jest", "nie", "jak", "ale", "od", "przez", "dla", "są", "jego", "już",
            "może", "oraz", "tylko",
        ],
    ),
    (
        "cs",
        &[
            "jsou", "jsem", "také", "který", "která", "které", "není", "jako", "se", "být", "když",
            "ještě", "byl", "bylo",
        ],
    ),
    (
        "sk",
        &[
            "sú", "som", "aj", "ktorý", "ktorá", "ktoré", "nie", "ako", "sa", "byť", "keď", "ešte",
            "bol", "bolo",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "är", "inte", "för", "jag", "ett", "också", "eller", "hade", "hon",
            "vad", "mycket", "av",
        ],
    ),
    (
        "da",
        &[
            "af", "havde", "hvad", "meget", "efter", "nogle", "kun", "også", "ikke", "jeg", "og",
        ],
    ),
    (
        "nb",
        &[
            "av", "hadde", "hva", "mye", "etter", "noen", "bare", "å", "ikke", "jeg", "og",
        ],
    ),
    (
        "fi",
        &[
            "että", "ovat", "kun", "mutta", "myös", "tai", "hän", "joka", "sen", "jos", "niin",
            "kuin", "vain", "mitä", "ole",
        ],
    ),
    (
        "et",
        &[
            "see", "kui", "aga", "ka", "või", "ta", "mis", "mida", "selle", "nad", "ning", "siis",
            "veel", "kes",
        ],
    ),
    (
        "ro",
        &[
            "și", "în", "cu", "pe", "care", "este", "să", "nu", "din", "mai", "pentru", "sunt",
            "au", "fost", "sau",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "için", "ile", "çok", "daha", "olarak", "gibi", "kadar", "olan",
            "ama", "değil", "sonra", "her",
        ],
    ),
    (
        "hr",
        &[
            "i", "u", "su", "koji", "kao", "što", "koja", "nije", "ili", "biti", "sa", "će", "samo",
        ],
    ),
    (
        "sl",
        &[
            "in", "ki", "kot", "tudi", "še", "sem", "bil", "bila", "bilo", "lahko", "zelo", "če",
            "ker",
        ],
    ),
    (
        "lt",
        &[
            "kad", "yra", "į", "su", "iš", "bet", "kaip", "tai", "jo", "buvo", "nuo", "dėl", "jis",
            "taip", "apie", "tik",
        ],
    ),
    (
        "lv",
        &[
            "un", "ka", "ar", "no", "uz", "par", "kas", "arī", "tas", "viņš", "bija", "lai", "kā",
            "tā", "pie", "vai", "nav",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "ini", "itu", "dengan", "untuk", "dari", "tidak", "dalam", "akan",
            "pada", "adalah", "juga", "ada", "atau", "karena", "oleh",
        ],
    ),
    (
        "ru",
        &[
            "что",
            "это",
            "как",
            "его",
            "было",
            "она",
            "был",
            "мы",
            "только",
            "уже",
            "если",
            "или",
            "он",
            "но",
            "из",
        ],
    ),
    (
        "uk",
        &[
            "і",
            "що",
            "він",
            "як",
            "це",
            "але",
            "його",
            "вона",
            "від",
            "та",
            "є",
            "який",
            "яка",
            "також",
            "ще",
        ],
    ),
    (
        "bg",
        &[
            "че",
            "са",
            "това",
            "като",
            "ще",
            "който",
            "които",
            "към",
            "от",
            "вече",
            "беше",
        ],
    ),
    (
        "mk",
        &[
            "дека", "со", "во", "од", "тоа", "како", "ќе", "кој", "кои", "ги", "беше",
        ],
    ),
    (
        "be",
        &[
            "і",
            "што",
            "ён",
            "як",
            "гэта",
            "але",
            "яго",
            "яна",
            "ад",
            "ды",
            "ёсць",
            "які",
            "таксама",
            "яшчэ",
        ],
    ),
    (
        "la",
        &[
            "ad", "cum", "quod", "quae", "sed", "ut", "ex", "esse", "sunt", "enim", "atque",
            "autem", "etiam", "quam", "nec",
        ],
    ),
    (
        "az",
        &[
            "və", "bir", "bu", "üçün", "ilə", "çox", "daha", "olaraq", "kimi", "qədər", "olan",
            "amma", "deyil", "sonra", "hər",
        ],
    ),
    (
        "ga",
        &[
            "agus", "ar", "ag", "sé", "sí", "bhí", "ní", "atá", "leis", "seo", "sin", "mar",
        ],
    ),
    (
        "eo",
        &[
            "kaj", "estas", "kun", "ŝi", "ili", "tiu", "pri", "estis", "ankaŭ", "ĉi", "oni",
            "povas", "nur", "ĉu",
        ],
    ),
    (
        "el",
        &[
            "και",
            "το",
            "της",
            "του",
            "να",
            "την",
            "με",
            "σε",
            "για",
            "που",
            "τα",
            "στο",
            "από",
            "είναι",
            "οι",
            "των",
            "στην",
            "θα",
            "δεν",
        ],
    ),
    (
        "vi",
        &[
            "của", "và", "các", "là", "có", "không", "được", "trong", "cho", "những", "một",
            "người", "này", "với", "đã", "để", "khi", "cũng",
        ],
    ),
];

/// Tables that only compete: a text is never confirmed in them, since no
/// sentence rules of their own make a check worth skipping.
const COMPETITORS: &[&str] = &["gl", "af", "mk", "be", "la", "az", "ga", "eo"];

/// Fewest function words of the given language the text must hold.
const MIN_HITS: usize = 12;

/// Fewest different function words of the given language among them
/// (a text that repeats one short word of another language, Maori `i`,
/// is not Croatian).
const MIN_TYPES: usize = 6;

/// Smallest share of the text's words they must make up.
const MIN_SHARE: f64 = 0.04;

/// How many times the hits of any other language's table they must be.
const DOMINANCE: usize = 3;

/// How much of a text is looked at, from its start (as [`crate::detect`]
/// does).
const HEAD_BYTES: usize = 64 << 10;

/// Whether `text` is clearly written in `code` by its function words:
/// enough of them, and far more than those of any other language (codes
/// that [`crate::same_language`] joins count as one). `false` says only
/// that the cheap test cannot tell (a language without a table, a short
/// or mixed text), not that the text is in another language.
///
/// ```
/// let en = "The meeting had been requested on 27 September by the lawyer acting on \
///     behalf of two defectors, who wanted to know what their relation with the \
///     agency was to be and whether they were to be protected by it. They have \
///     said that this was the first time that the agency had met with them.";
/// assert!(ura_lang::confirms(en, "en"));
/// assert!(!ura_lang::confirms(en, "sq"));
/// assert!(!ura_lang::confirms("The end.", "en"));
/// ```
pub fn confirms(text: &str, code: &str) -> bool {
    let Some(own) = table_of(code) else {
        return false;
    };
    if COMPETITORS.contains(&TABLES.get(own).map_or("", |t| t.0)) {
        return false;
    }
    let mut end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or_default();
    let index = word_index();
    let own_bit = 1u64 << own;
    let mut hits = [0usize; TABLES.len()];
    // The own table's words seen, by their place in it.
    let mut types = 0u64;
    let mut words = 0usize;
    let mut lower = String::new();
    for word in head
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        let Some(&tables) = index.get(lower.as_str()) else {
            continue;
        };
        // A word of the language's own table is no evidence for another
        // that lists it too (Hungarian and Catalan `és`).
        if tables & own_bit != 0 {
            if let Some(h) = hits.get_mut(own) {
                *h += 1;
            }
            if let Some(k) = TABLES
                .get(own)
                .and_then(|(_, list)| list.iter().position(|w| *w == lower))
            {
                types |= 1 << k;
            }
            continue;
        }
        for (k, h) in hits.iter_mut().enumerate() {
            *h += usize::from(tables & (1 << k) != 0);
        }
    }
    let mine = hits.get(own).copied().unwrap_or(0);
    let lang = TABLES.get(own).map_or("", |t| t.0);
    // Dominance is asked first: most tables are far behind, and only
    // those that are not are looked up as the same language or not.
    mine >= MIN_HITS
        && types.count_ones() as usize >= MIN_TYPES
        && mine as f64 >= MIN_SHARE * words as f64
        && TABLES
            .iter()
            .zip(hits)
            .all(|((other, _), h)| mine >= DOMINANCE * h || crate::same_language(other, lang))
}

/// Each word of [`TABLES`] with the tables that list it, one bit per
/// table by its place: built once per process (a look-up per word of a
/// text, not a comparison with every word of every table).
fn word_index() -> &'static HashMap<&'static str, u64> {
    static INDEX: OnceLock<HashMap<&'static str, u64>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for (k, (_, list)) in TABLES.iter().enumerate() {
            for word in *list {
                *index.entry(*word).or_insert(0u64) |= 1 << k;
            }
        }
        index
    })
}

/// The index of the table of `code`'s language, if it has one.
fn table_of(code: &str) -> Option<usize> {
    TABLES
        .iter()
        .position(|(c, _)| crate::same_language(c, code))
}

// The masks of `word_index` and `confirms` hold a bit per table and per
// word of a table.
const _: () = assert!(TABLES.len() <= 64);
const _: () = {
    let mut k = 0;
    while k < TABLES.len() {
        assert!(TABLES[k].1.len() <= 64);
        k += 1;
    }
};

#[cfg(test)]
mod tests {
    use super::*;

    /// `confirms` as it was first written: every word compared with every
    /// word of every table. The look-up by [`word_index`] must agree.
    fn confirms_by_scan(text: &str, code: &str) -> bool {
        let Some(own) = table_of(code) else {
            return false;
        };
        if COMPETITORS.contains(&TABLES[own].0) {
            return false;
        }
        let mut end = text.len().min(HEAD_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut hits = [0usize; TABLES.len()];
        let mut types = vec![false; TABLES[own].1.len()];
        let mut words = 0usize;
        for word in text[..end]
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            words += 1;
            let lower: String = word.chars().flat_map(char::to_lowercase).collect();
            if let Some(k) = TABLES[own].1.iter().position(|w| *w == lower) {
                hits[own] += 1;
                types[k] = true;
                continue;
            }
            for (h, (_, list)) in hits.iter_mut().zip(TABLES) {
                if list.contains(&lower.as_str()) {
                    *h += 1;
                }
            }
        }
        let mine = hits[own];
        let lang = TABLES[own].0;
        mine >= MIN_HITS
            && types.iter().filter(|&&t| t).count() >= MIN_TYPES
            && mine as f64 >= MIN_SHARE * words as f64
            && TABLES
                .iter()
                .zip(hits)
                .filter(|((other, _), _)| !crate::same_language(other, lang))
                .all(|(_, h)| mine >= DOMINANCE * h)
    }

    #[test]
    fn the_word_index_agrees_with_a_scan_of_the_tables() {
        // Each table's own words as a text, and mixtures: every code
        // (with a region, in upper case, unknown) against every text.
        let mut texts: Vec<String> = TABLES
            .iter()
            .map(|(_, list)| list.join(" ").repeat(2))
            .collect();
        texts.push(format!("{} {}", texts[0], texts[2]));
        texts.push(format!("{} {}", texts[11], texts[7].repeat(3)));
        // Upper case, İ (lower-cased to two characters), Kelvin sign,
        // digits and punctuation as separators, a cut in a character.
        texts.push("THE AND OF TO IS THAT WITH WAS FOR THIS ARE HAVE İS KELVİN \u{212A}".repeat(3));
        texts.push("Der1die2und3das,nicht;ist.ein-eine mit sich auf dem".repeat(3));
        texts.push("é".repeat(HEAD_BYTES / 2 + 1));
        texts.push(String::new());
        let mut codes: Vec<String> = TABLES.iter().map(|(c, _)| c.to_string()).collect();
        codes.extend(["EN-us", "eng", "nn", "bs", "sr-Latn", "xx", ""].map(String::from));
        for text in &texts {
            for code in &codes {
                assert_eq!(
                    confirms(text, code),
                    confirms_by_scan(text, code),
                    "{code}: {text:.60}"
                );
            }
        }
        // Not every answer is no.
        assert!(texts.iter().any(|t| confirms(t, "en")));
    }

    #[test]
    fn a_word_two_tables_share_is_no_evidence_against_the_own_language() {
        // Hungarian `és` ("and") is Catalan `és` ("is"): counted for
        // Catalan too, a Hungarian text full of it failed the dominance.
        let hu = "A város és a falu között hosszú út vezet, és a nap már lement. \
            Az emberek hazafelé mentek, és nem beszéltek sokat. Ez volt az utolsó nap, \
            és mindenki fáradt volt. A gyerekek és a szülők együtt ültek az asztalnál, \
            és csak a hold világított. Egy régi ház állt a domb tetején, és már senki \
            sem lakott benne. Hosszú és hideg tél jött. Hogy miért, azt nem tudta \
            senki, de a történet még ma is él.";
        assert!(confirms(hu, "hu"));
        assert!(!confirms(hu, "ca"));
    }

    #[test]
    fn close_languages_are_told_apart_or_left_to_the_detection() {
        let da = "Han havde ikke meget at sige, men efter nogle dage kom han tilbage. \
            Hvad han havde set, ville han ikke fortælle. Det var kun efter mange år, \
            at vi fik at vide, hvad der var sket af den grund. Hun havde også meget \
            travlt efter ferien, og jeg havde kun lidt tid. Nogle af dem havde ikke \
            spist noget, og hvad de fik, var kun brød.";
        assert!(confirms(da, "da"));
        assert!(!confirms(da, "nb"));
        assert!(!confirms(da, "sv"));
        // Norwegian's written forms and Serbo-Croatian's standards are one.
        let hr = "On je rekao da će doći, ali nije došao. Što je bilo, bilo je, i \
            to je sve što znam. Oni su bili u gradu koji je bio pun ljudi, kao i uvijek. \
            Ona nije znala što će biti, ali je samo čekala. Ljudi koji su bili tu \
            nisu ništa rekli, i to je bilo sve.";
        assert!(confirms(hr, "hr"));
        assert!(confirms(hr, "bs"));
        assert!(!confirms(hr, "sl"));
    }

    #[test]
    fn french_is_not_taken_for_latin_by_its_et_est_and_qui() {
        // The Latin table once held `et`, `est`, `qui`, `non`, the
        // Esperanto one `la`, `de`, `en`, `ne`, the Irish one `le`: a
        // French text of a few pages then never passed, and lingua ran.
        let fr = "Il est vrai que le sommet est haut et que la voie est longue. \
            Celui qui part le matin arrive le soir, et il n'est pas seul: les guides \
            qui sont avec lui connaissent la montagne et ses dangers. Ce n'est pas \
            une course, et personne ne veut être le premier. La neige est dure, le \
            vent est froid et le ciel est clair. Les porteurs qui montent avec eux \
            sont des hommes du pays, et ils ont fait cette route des dizaines de fois. \
            Il est midi quand ils arrivent au col, et le camp est dressé sur la \
            crête qui domine la vallée. Ce soir, ils dorment à six mille mètres, et \
            demain ils partent pour le sommet, qui est encore loin. La fin de la \
            journée de marche en montagne ne laisse pas de repos: la tente de toile, \
            la soupe de neige fondue, la nuit en silence, et la peur de ne pas \
            repartir à temps, de la glace, de la chute, de la mort en montagne.";
        assert!(confirms(fr, "fr"));
    }

    #[test]
    fn a_competing_table_is_never_confirmed_and_unknown_codes_are_not() {
        let gl = "Non sei se xa o fixo, pero polo que dixo, foi unha boa idea. \
            Estaba moi canso coa viaxe e non quería falar co médico. Tamén dixo que \
            xa non había tempo para ir polo camiño vello nun día coma este, pola \
            chuvia. Foi unha mágoa, moi triste, pero non había outra opción.";
        assert!(!confirms(gl, "gl"));
        assert!(!confirms(gl, "pt"));
        assert!(!confirms(gl, "es"));
        assert!(!confirms("whatever the text", "xx"));
        assert!(!confirms("", "en"));
    }
}
