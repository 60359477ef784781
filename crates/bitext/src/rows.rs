//! Aligned pairs as rows: TSV, CSV and JSONL writers, and readers for the
//! same, so that written files can be checked.

use std::borrow::Borrow;
use std::io::Write;

use serde::{Deserialize, Serialize};

/// One aligned pair (a bead): the joined sentences of each side, their
/// indices, the confidence and the shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Source text (the bead's source sentences joined by spaces).
    pub src: String,
    /// Target text.
    pub tgt: String,
    /// 0-based indices of the source sentences.
    pub src_idx: Vec<usize>,
    /// 0-based indices of the target sentences.
    pub tgt_idx: Vec<usize>,
    /// Confidence in [0, 1].
    pub score: f64,
    /// Shape, e.g. `1-2`.
    pub bead: String,
    /// The document the pair comes from, in combined batch output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The kind of block the source side comes from in a structured
    /// document (`heading-1`, `paragraph`, `list-item`, `table-cell`,
    /// `caption`, `footnote`, `cue`); none for plain text or an empty side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src_block: Option<String>,
    /// The kind of block the target side comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tgt_block: Option<String>,
}

/// A TSV cell: tabs and line breaks become spaces, so they can never
/// break a row. This is the documented normalisation of TSV output.
pub fn tsv_cell(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// Writes TSV: a header `<src-lang>\t<tgt-lang>\tscore\tbead`, then one row
/// per pair (score with four decimals). The rows may be a slice or made
/// one at a time as they are written.
pub fn write_tsv<W: Write, R: Borrow<Row>>(
    mut out: W,
    src_lang: &str,
    tgt_lang: &str,
    rows: impl IntoIterator<Item = R>,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}\t{}\tscore\tbead",
        tsv_cell(src_lang),
        tsv_cell(tgt_lang)
    )?;
    for r in rows {
        let r = r.borrow();
        writeln!(
            out,
            "{}\t{}\t{:.4}\t{}",
            tsv_cell(&r.src),
            tsv_cell(&r.tgt),
            r.score,
            r.bead
        )?;
    }
    Ok(())
}

/// OWASP's rule against formula injection: a cell that a spreadsheet could
/// run as a formula (starting with `= + - @`, TAB or CR) gets a leading
/// apostrophe.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Writes CSV (RFC 4180): a header `<src-lang>,<tgt-lang>,score,bead`, then
/// one row per pair. With `excel`, a byte-order mark first and every text
/// cell [`neutralise`]d. The rows may be a slice or made one at a time.
pub fn write_csv<W: Write, R: Borrow<Row>>(
    mut out: W,
    src_lang: &str,
    tgt_lang: &str,
    rows: impl IntoIterator<Item = R>,
    excel: bool,
) -> csv::Result<()> {
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    let cell = |s: &str| if excel { neutralise(s) } else { s.to_string() };
    w.write_record([src_lang, tgt_lang, "score", "bead"])?;
    for r in rows {
        let r = r.borrow();
        w.write_record([
            cell(&r.src),
            cell(&r.tgt),
            format!("{:.4}", r.score),
            r.bead.clone(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes JSONL: one object per pair with `src`, `tgt`, `src_idx`,
/// `tgt_idx`, `score` (four decimals) and `bead`, and `doc`, `src_block`
/// and `tgt_block` when they are known. The rows may be a slice or made
/// one at a time.
pub fn write_jsonl<W: Write, R: Borrow<Row>>(
    mut out: W,
    rows: impl IntoIterator<Item = R>,
) -> std::io::Result<()> {
    for r in rows {
        let r = r.borrow();
        let rounded = JsonRow {
            src: &r.src,
            tgt: &r.tgt,
            src_idx: &r.src_idx,
            tgt_idx: &r.tgt_idx,
            score: (r.score * 10_000.0).round() / 10_000.0,
            bead: &r.bead,
            doc: r.doc.as_deref(),
            src_block: r.src_block.as_deref(),
            tgt_block: r.tgt_block.as_deref(),
        };
        serde_json::to_writer(&mut out, &rounded)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A [`Row`] as [`write_jsonl`] writes it, borrowed rather than cloned
/// for its rounded score: the same fields, in the same order, left out
/// when [`Row`] leaves them out.
#[derive(Serialize)]
struct JsonRow<'a> {
    src: &'a str,
    tgt: &'a str,
    src_idx: &'a [usize],
    tgt_idx: &'a [usize],
    score: f64,
    bead: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    src_block: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tgt_block: Option<&'a str>,
}

/// Reads TSV written by [`write_tsv`]: (src, tgt, score, bead) per row,
/// without the header.
pub fn read_tsv(text: &str) -> Vec<(String, String, String, String)> {
    text.lines()
        .skip(1)
        .map(|line| {
            let mut f = line.split('\t').map(str::to_string);
            let mut next = || f.next().unwrap_or_default();
            (next(), next(), next(), next())
        })
        .collect()
}

/// Reads CSV written by [`write_csv`] (a BOM is skipped): the records
/// without the header.
pub fn read_csv(bytes: &[u8]) -> csv::Result<Vec<Vec<String>>> {
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    r.records()
        .map(|rec| rec.map(|rec| rec.iter().map(str::to_string).collect()))
        .collect()
}

/// Reads JSONL written by [`write_jsonl`].
pub fn read_jsonl(text: &str) -> serde_json::Result<Vec<Row>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rows_strategy() -> impl Strategy<Value = Vec<Row>> {
        let text = prop_oneof![
            any::<String>(),
            "[=+@\t\r\n,\"a-z -]{0,30}",
            Just("Tom & Jerry ]]> \"x\", y".to_string()),
        ];
        prop::collection::vec((text.clone(), text, 0.0f64..=1.0), 0..8).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(k, (src, tgt, score))| Row {
                    src,
                    tgt,
                    src_idx: vec![k],
                    tgt_idx: vec![k],
                    score,
                    bead: "1-1".to_string(),
                    ..Row::default()
                })
                .collect()
        })
    }

    #[test]
    fn jsonl_writes_the_rows_as_serializing_them_rounded_did() {
        // `write_jsonl` once serialized a rounded clone of each row; the
        // borrowed `JsonRow` must write the same bytes.
        let mut rows = vec![
            Row {
                src: "Tom & \"Jerry\"\t\u{1}\u{7f} 第一".into(),
                tgt: String::new(),
                src_idx: vec![0, 1],
                tgt_idx: vec![],
                score: 0.123_456_78,
                bead: "2-0".into(),
                doc: Some("a/b.txt".into()),
                src_block: Some("heading-1".into()),
                tgt_block: None,
            },
            Row::default(),
        ];
        for score in [0.0, 1.0, 0.999_95, 0.000_05, 0.5, f64::MIN_POSITIVE] {
            rows.push(Row {
                score,
                tgt_block: Some("cue".into()),
                ..rows[0].clone()
            });
        }
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &rows).unwrap();
        let mut want = Vec::new();
        for r in &rows {
            let rounded = Row {
                score: (r.score * 10_000.0).round() / 10_000.0,
                ..r.clone()
            };
            serde_json::to_writer(&mut want, &rounded).unwrap();
            want.push(b'\n');
        }
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            String::from_utf8(want).unwrap()
        );
    }

    proptest! {
        #[test]
        fn tsv_round_trips_with_tabs_and_breaks_as_spaces(rows in rows_strategy()) {
            let mut buf = Vec::new();
            write_tsv(&mut buf, "en", "sq", &rows).unwrap();
            let text = String::from_utf8(buf).unwrap();
            let back = read_tsv(&text);
            prop_assert_eq!(back.len(), rows.len());
            for (r, b) in rows.iter().zip(&back) {
                prop_assert_eq!(&b.0, &tsv_cell(&r.src));
                prop_assert_eq!(&b.1, &tsv_cell(&r.tgt));
                prop_assert_eq!(&b.2, &format!("{:.4}", r.score));
            }
        }

        #[test]
        fn csv_round_trips_exactly(rows in rows_strategy(), excel in any::<bool>()) {
            let mut buf = Vec::new();
            write_csv(&mut buf, "en", "sq", &rows, excel).unwrap();
            let back = read_csv(&buf).unwrap();
            prop_assert_eq!(back.len(), rows.len());
            for (r, b) in rows.iter().zip(&back) {
                let want = |s: &str| if excel { neutralise(s) } else { s.to_string() };
                prop_assert_eq!(&b[0], &want(&r.src));
                prop_assert_eq!(&b[1], &want(&r.tgt));
                if excel {
                    prop_assert!(!b[0].starts_with(['=', '+', '-', '@', '\t', '\r']));
                }
            }
        }

        #[test]
        fn jsonl_round_trips_exactly(rows in rows_strategy()) {
            let mut buf = Vec::new();
            write_jsonl(&mut buf, &rows).unwrap();
            let back = read_jsonl(std::str::from_utf8(&buf).unwrap()).unwrap();
            prop_assert_eq!(back.len(), rows.len());
            for (r, b) in rows.iter().zip(&back) {
                prop_assert_eq!(&b.src, &r.src);
                prop_assert_eq!(&b.tgt, &r.tgt);
                prop_assert!((b.score - r.score).abs() <= 0.00005 + 1e-12);
            }
        }

        #[test]
        fn tmx_is_well_formed_and_round_trips_less_illegal_characters(rows in rows_strategy()) {
            use crate::tmx::{is_xml_char, read_tmx, write_tmx, TmxHeader, TmxUnit};
            let units: Vec<TmxUnit> = rows
                .iter()
                .map(|r| TmxUnit { src: r.src.clone(), tgt: r.tgt.clone(), props: vec![("x-ura-bead".into(), r.bead.clone())] })
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
            prop_assert_eq!(back.len(), units.len());
            let clean = |s: &str| s.chars().filter(|&c| is_xml_char(c)).collect::<String>();
            for (u, b) in units.iter().zip(&back) {
                prop_assert_eq!(&b.src.1, &clean(&u.src));
                prop_assert_eq!(&b.tgt.1, &clean(&u.tgt));
            }
        }
    }
}
