//! Beads as rows for the writers of `ura-bitext`, and TMX units.

use std::ops::Range;

use ura_bitext::rows::Row;
use ura_bitext::tmx::{TmxHeader, TmxUnit};

use crate::side::{block_label, Side};

/// Joins the sentences of one side of a bead with spaces.
pub fn join(side: &Side, range: &Range<usize>) -> String {
    side.sentences
        .get(range.clone())
        .unwrap_or_default()
        .join(" ")
}

/// The kind of block a bead's side comes from (its first sentence's), for
/// outputs; none for plain text or an empty side.
fn block_of(side: &Side, range: &Range<usize>) -> Option<String> {
    side.kinds
        .get(range.start)
        .filter(|_| !range.is_empty())
        .and_then(|&k| block_label(k))
}

/// The beads as rows, each tagged with `doc` when given.
pub fn rows_of(beads: &[&ura_align::Bead], src: &Side, tgt: &Side, doc: Option<&str>) -> Vec<Row> {
    rows(beads.iter().copied(), src, tgt, doc).collect()
}

/// [`rows_of`], made one at a time as they are asked for: a writer that
/// takes them so holds one row, not a copy of the whole text.
pub fn rows<'a>(
    beads: impl IntoIterator<Item = &'a ura_align::Bead> + 'a,
    src: &'a Side,
    tgt: &'a Side,
    doc: Option<&'a str>,
) -> impl Iterator<Item = Row> + 'a {
    beads.into_iter().map(move |b| Row {
        src: join(src, &b.src),
        tgt: join(tgt, &b.tgt),
        src_idx: b.src.clone().collect(),
        tgt_idx: b.tgt.clone().collect(),
        score: b.score,
        bead: shape(b),
        doc: doc.map(str::to_string),
        src_block: block_of(src, &b.src),
        tgt_block: block_of(tgt, &b.tgt),
    })
}

/// A bead's shape as [`ura_align::Bead::shape`] writes it (`1-2`), without
/// its formatting machinery for the one-digit sides of nearly every bead.
fn shape(b: &ura_align::Bead) -> String {
    fn push(out: &mut String, n: usize) {
        match u32::try_from(n).ok().and_then(|d| char::from_digit(d, 10)) {
            Some(digit) => out.push(digit),
            None => out.push_str(&n.to_string()),
        }
    }
    let mut out = String::with_capacity(8);
    push(&mut out, b.src.len());
    out.push('-');
    push(&mut out, b.tgt.len());
    out
}

/// The TMX header for a pair of languages (normalised; an invalid code is
/// an error), created at `unix_seconds` by ura `version`.
pub fn tmx_header(
    src_lang: &str,
    tgt_lang: &str,
    unix_seconds: u64,
    version: &str,
) -> Result<TmxHeader, ura_lang::LangError> {
    use ura_bitext::tmx;
    Ok(TmxHeader {
        src_lang: tmx::normalize_lang(src_lang)?,
        tgt_lang: tmx::normalize_lang(tgt_lang)?,
        creation_date: tmx::tmx_date(unix_seconds),
        tool_version: version.to_string(),
    })
}

/// [`tmx_header`] created now, or at `SOURCE_DATE_EPOCH` when that is
/// set (for reproducible outputs).
pub fn tmx_header_now(
    src_lang: &str,
    tgt_lang: &str,
    version: &str,
) -> Result<TmxHeader, ura_lang::LangError> {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    tmx_header(src_lang, tgt_lang, now, version)
}

/// The TMX unit of a row, or `None` for a bead with an empty side (a
/// translation unit needs both): props `x-ura-score`, `x-ura-bead`, and
/// `x-ura-doc` and `x-ura-block` when known.
pub fn tmx_unit(r: &Row) -> Option<TmxUnit> {
    (!r.src_idx.is_empty() && !r.tgt_idx.is_empty()).then(|| TmxUnit {
        src: r.src.clone(),
        tgt: r.tgt.clone(),
        props: [
            ("x-ura-score".to_string(), format!("{:.4}", r.score)),
            ("x-ura-bead".to_string(), r.bead.clone()),
        ]
        .into_iter()
        .chain(r.doc.clone().map(|d| ("x-ura-doc".to_string(), d)))
        .chain(block_prop(r).map(|b| ("x-ura-block".to_string(), b)))
        .collect(),
    })
}

/// The `x-ura-block` prop of a unit: the block kind of its sides, one
/// name when they agree (`heading-1`), `source/target` when they do not.
fn block_prop(r: &Row) -> Option<String> {
    match (&r.src_block, &r.tgt_block) {
        (Some(a), Some(b)) if a == b => Some(a.clone()),
        (Some(a), Some(b)) => Some(format!("{a}/{b}")),
        (Some(a), None) | (None, Some(a)) => Some(a.clone()),
        (None, None) => None,
    }
}

/// Sentences of the rows that have no counterpart, per side.
pub fn lone_sentences(rows: &[Row]) -> (usize, usize) {
    rows.iter()
        .filter(|r| r.src_idx.is_empty() || r.tgt_idx.is_empty())
        .fold((0, 0), |(s, t), r| {
            (s + r.src_idx.len(), t + r.tgt_idx.len())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ura_doc::{BlockKind, DocumentBuilder, Format};

    #[test]
    fn shapes_are_written_as_the_aligner_writes_them() {
        for (n, m) in [
            (0, 0),
            (1, 1),
            (0, 1),
            (9, 0),
            (9, 10),
            (10, 9),
            (12, 345),
            (100, 1),
        ] {
            let b = ura_align::Bead {
                src: 3..3 + n,
                tgt: 7..7 + m,
                score: 0.5,
                attach: None,
            };
            assert_eq!(shape(&b), b.shape());
        }
    }

    #[test]
    fn rows_and_tmx_units_carry_the_block_kinds_of_documents() {
        let side = |heading: &str, body: &str| {
            let mut b = DocumentBuilder::new(Format::Html, "UTF-8");
            b.push(BlockKind::Heading { level: 1 }, heading);
            b.push(BlockKind::ListItem, body);
            Side::from_document(&b.build(), "en".into(), ura_segment::LineMode::Lines)
        };
        let (src, tgt) = (side("Title", "An item."), side("Titulli", "Një pikë."));
        let beads = [
            ura_align::Bead {
                src: 0..1,
                tgt: 0..1,
                score: 0.9,
                attach: None,
            },
            ura_align::Bead {
                src: 1..2,
                tgt: 1..1,
                score: 0.5,
                attach: None,
            },
        ];
        let refs: Vec<&ura_align::Bead> = beads.iter().collect();
        let rows = rows_of(&refs, &src, &tgt, None);
        assert_eq!(rows[0].src_block.as_deref(), Some("heading-1"));
        assert_eq!(rows[0].tgt_block.as_deref(), Some("heading-1"));
        assert_eq!(
            (rows[1].src_block.as_deref(), rows[1].tgt_block.as_deref()),
            (Some("list-item"), None)
        );
        let unit = tmx_unit(&rows[0]).unwrap();
        assert!(unit
            .props
            .contains(&("x-ura-block".to_string(), "heading-1".to_string())));
        assert!(tmx_unit(&rows[1]).is_none());
        assert_eq!(lone_sentences(&rows), (1, 0));
        // Plain text has no kinds to tell: nothing is added.
        let plain = ura_doc::DocReader::new()
            .read(b"One. Two.".to_vec())
            .unwrap();
        let text = Side::from_document(&plain, "en".into(), ura_segment::LineMode::Lines);
        let plain_rows = rows_of(&refs[..1], &text, &text, None);
        assert_eq!(
            (
                plain_rows[0].src_block.as_ref(),
                plain_rows[0].tgt_block.as_ref()
            ),
            (None, None)
        );
        let mixed = Row {
            src_block: Some("heading-1".into()),
            tgt_block: Some("paragraph".into()),
            ..Default::default()
        };
        assert_eq!(block_prop(&mixed).as_deref(), Some("heading-1/paragraph"));
    }
}
