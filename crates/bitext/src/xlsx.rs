//! XLSX for translators who review pairs in a spreadsheet: string cells
//! (never formulas), a frozen header with an autofilter, the rows below a
//! confidence threshold highlighted, and an empty [`OK_COLUMN`] in which
//! the reviewer marks rows `ok` or `no` (`ura convert` reads the marks).

use rust_xlsxwriter::{Color, DataValidation, Format, Workbook, XlsxError};

use crate::rows::Row;

/// The header of the column in which a reviewer marks rows: `ok` (checked)
/// or `no` (leave the row out); empty when written.
pub const OK_COLUMN: &str = "ok";

/// The most characters a spreadsheet cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

/// What the writer did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XlsxStats {
    /// Rows written (without the header).
    pub rows: usize,
    /// Rows highlighted for review.
    pub highlighted: usize,
    /// Cells cut to [`MAX_CELL_CHARS`].
    pub truncated: usize,
}

/// Writes the rows as an XLSX workbook and returns its bytes: a sheet
/// `pairs` with the columns `<src-lang>`, `<tgt-lang>`, `score`, `bead`
/// and [`OK_COLUMN`] (empty, with a drop-down of `ok` and `no`). Rows
/// whose score is below `review_below` are highlighted.
pub fn write_xlsx(
    src_lang: &str,
    tgt_lang: &str,
    rows: impl IntoIterator<Item = impl std::borrow::Borrow<Row>>,
    review_below: f64,
) -> Result<(Vec<u8>, XlsxStats), XlsxError> {
    let mut stats = XlsxStats::default();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("pairs")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let review = Format::new()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xFF_EB_9C));
    let score_fmt = Format::new().set_num_format("0.00");
    let review_score = Format::new()
        .set_num_format("0.00")
        .set_background_color(Color::RGB(0xFF_EB_9C));
    for (col, title) in [src_lang, tgt_lang, "score", "bead", OK_COLUMN]
        .into_iter()
        .enumerate()
    {
        sheet.write_string_with_format(0, col as u16, title, &bold)?;
    }
    sheet.set_column_width(0, 60)?;
    sheet.set_column_width(1, 60)?;
    sheet.set_column_width(2, 8)?;
    sheet.set_column_width(3, 6)?;
    sheet.set_column_width(4, 5)?;
    let mut cut = |text: &str| -> String {
        if text.chars().count() > MAX_CELL_CHARS {
            stats.truncated += 1;
            text.chars().take(MAX_CELL_CHARS).collect()
        } else {
            text.to_string()
        }
    };
    let mut highlighted = 0;
    let mut written = 0u32;
    for (k, row) in rows.into_iter().enumerate() {
        let row = row.borrow();
        let r = (k + 1) as u32;
        written = r;
        let low = row.score < review_below;
        highlighted += usize::from(low);
        let (text_fmt, num_fmt) = if low {
            (&review, &review_score)
        } else {
            (&wrap, &score_fmt)
        };
        sheet.write_string_with_format(r, 0, cut(&row.src), text_fmt)?;
        sheet.write_string_with_format(r, 1, cut(&row.tgt), text_fmt)?;
        sheet.write_number_with_format(r, 2, row.score, num_fmt)?;
        sheet.write_string_with_format(r, 3, &row.bead, text_fmt)?;
        sheet.write_blank(r, 4, text_fmt)?;
    }
    if written > 0 {
        let marks = DataValidation::new()
            .allow_list_strings(&["ok", "no"])?
            .set_input_title("Reviewed?")?
            .set_input_message("ok: the pair is right. no: leave the row out.")?;
        sheet.add_data_validation(1, 4, written, 4, &marks)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, written, 4)?;
    stats.rows = written as usize;
    stats.highlighted = highlighted;
    let bytes = book.save_to_buffer()?;
    Ok((bytes, stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_zip_workbook_and_counts_highlights_and_cuts() {
        let row = |src: String, tgt: &str, score: f64| Row {
            src,
            tgt: tgt.into(),
            src_idx: vec![0],
            tgt_idx: vec![0],
            score,
            bead: "1-1".into(),
            ..Row::default()
        };
        let rows = vec![
            row("=1+2".into(), "=1+2", 0.95),
            row("x".repeat(MAX_CELL_CHARS + 5), "y", 0.2),
        ];
        let (bytes, stats) = write_xlsx("en", "sq", &rows, 0.7).unwrap();
        assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip archive");
        assert_eq!(
            stats,
            XlsxStats {
                rows: 2,
                highlighted: 1,
                truncated: 1
            }
        );
    }
}
