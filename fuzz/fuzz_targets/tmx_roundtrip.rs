//! TMX written from arbitrary text is well-formed and reads back to the
//! same text, less the characters XML 1.0 cannot hold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ura_bitext::tmx::{is_xml_char, read_tmx, write_tmx, TmxHeader, TmxUnit};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}');
    let units: Vec<TmxUnit> = std::iter::from_fn(|| Some((parts.next()?, parts.next()?)))
        .map(|(s, t)| TmxUnit {
            src: s.to_string(),
            tgt: t.to_string(),
            props: vec![("x-ura-bead".into(), "1-1".into())],
        })
        .collect();
    let header = TmxHeader {
        src_lang: "en".into(),
        tgt_lang: "sq".into(),
        creation_date: "20260101T000000Z".into(),
        tool_version: "0".into(),
    };
    let mut buf = Vec::new();
    write_tmx(&mut buf, &header, &units).unwrap();
    let back = read_tmx(std::str::from_utf8(&buf).unwrap()).unwrap();
    assert_eq!(back.len(), units.len());
    let clean = |s: &str| s.chars().filter(|&c| is_xml_char(c)).collect::<String>();
    for (u, b) in units.iter().zip(&back) {
        assert_eq!(b.src.1, clean(&u.src));
        assert_eq!(b.tgt.1, clean(&u.tgt));
    }
});
