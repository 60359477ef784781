//! Spreadsheets read back: the first worksheet of an XLSX workbook, or a
//! CSV or TSV file, as the cells that hold something, with their places.
//! [`crate::reviewed`] reads ura's rows from them.
//!
//! XLSX is read with calamine, cell by cell (never as one dense range, so
//! a cell at `XFD1048576` costs what any cell costs), after every XML part
//! of the archive has been inflated once to count its size: no part may
//! inflate to more than [`MAX_PART`] bytes, nor all of them to more than
//! [`MAX_TOTAL`], whatever the archive declares (a zip bomb lies). A
//! formula is read by the value the spreadsheet saved with it, never
//! evaluated.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, SheetType, Xlsx, XlsxError};

/// The most bytes one XML part of a workbook may inflate to: a sheet of
/// some 400,000 of ura's rows.
pub const MAX_PART: u64 = 128 << 20;
/// The most bytes all the XML parts of a workbook may inflate to.
pub const MAX_TOTAL: u64 = 256 << 20;
/// Columns past this one (`ALL`) are not read: ura's sheets have five.
pub const MAX_COLUMNS: u32 = 1000;

/// A cell's place, 0-based; shown as spreadsheets name it (`C7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The row, 0-based (`C7` is row 6).
    pub row: u32,
    /// The column, 0-based (`C7` is column 2).
    pub col: u32,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", column_name(self.col), u64::from(self.row) + 1)
    }
}

/// A column's letters: 0 is `A`, 25 `Z`, 26 `AA`.
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A cell's value as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (a string cell, or any cell of CSV and TSV).
    Text(String),
    /// A number.
    Number(f64),
    /// A boolean (`TRUE`, `FALSE`).
    Bool(bool),
    /// A date or a time, as ISO 8601 text (spreadsheets keep them as
    /// numbers with a date format).
    Date(String),
    /// An error value such as `#REF!` (a formula's saved result).
    Error(String),
    /// A formula saved without its value (openpyxl and other writers do
    /// that): what it would give is not known.
    Unsaved(String),
}

/// A row that holds something: its place and its cells, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// The row, 0-based.
    pub row: u32,
    /// The cells that hold something, by column, in column order.
    pub cells: Vec<(u32, Value)>,
}

impl SheetRow {
    /// The value in column `col`, if the cell holds one.
    pub fn get(&self, col: u32) -> Option<&Value> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .and_then(|i| self.cells.get(i))
            .map(|(_, v)| v)
    }
}

/// A sheet read: its rows that hold something, in order, and what the
/// reader noticed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The rows that hold something, top to bottom.
    pub rows: Vec<SheetRow>,
    /// Merged ranges (first and last cell): a merged cell keeps only the
    /// first cell's value.
    pub merged: Vec<(Pos, Pos)>,
    /// Cells that hold a formula with its saved value (read as that).
    pub formulas: Vec<Pos>,
    /// What the reader noticed, one line each (several sheets, columns
    /// past [`MAX_COLUMNS`]).
    pub notes: Vec<String>,
}

/// Why a spreadsheet could not be read. Every message says what is wrong
/// and, where there is one, what to do; the caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// A damaged file.
    #[error("{0}")]
    Damaged(String),
    /// A part over a safety limit (zip bombs).
    #[error("{0}")]
    TooLarge(String),
    /// A password-protected workbook.
    #[error("{0}")]
    Encrypted(String),
    /// A file that is not a spreadsheet ura reads.
    #[error("{0}")]
    Unsupported(String),
    /// A sheet that is not laid out as ura writes it.
    #[error("{0}")]
    Shape(String),
    /// A cell that cannot be read as what its column holds.
    #[error("cell {pos}: {message}")]
    Cell {
        /// The cell.
        pos: Pos,
        /// What is wrong with it, and what to do.
        message: String,
    },
}

impl SheetError {
    fn damaged(what: impl std::fmt::Display) -> SheetError {
        SheetError::Damaged(format!(
            "a damaged or truncated workbook ({what}); open it and save it again as .xlsx"
        ))
    }
}

/// The cells of rows as they come (not necessarily in order), gathered
/// into a [`Table`].
#[derive(Default)]
struct Gather {
    cells: Vec<(Pos, Value)>,
    beyond: Option<Pos>,
}

impl Gather {
    fn push(&mut self, pos: Pos, value: Value) {
        if pos.col >= MAX_COLUMNS {
            self.beyond.get_or_insert(pos);
        } else {
            self.cells.push((pos, value));
        }
    }

    fn into_table(mut self) -> Table {
        // A file may list cells out of order, or one cell twice: the last
        // one listed wins, as in spreadsheet applications.
        self.cells.sort_by_key(|(pos, _)| *pos);
        let mut rows: Vec<SheetRow> = Vec::new();
        for (pos, value) in self.cells.drain(..) {
            match rows.last_mut() {
                Some(last) if last.row == pos.row => {
                    if last.cells.last().is_some_and(|(c, _)| *c == pos.col) {
                        last.cells.pop();
                    }
                    last.cells.push((pos.col, value));
                }
                _ => rows.push(SheetRow {
                    row: pos.row,
                    cells: vec![(pos.col, value)],
                }),
            }
        }
        let mut notes = Vec::new();
        if let Some(pos) = self.beyond {
            notes.push(format!(
                "cells past column {} are not read (first: {pos})",
                column_name(MAX_COLUMNS - 1)
            ));
        }
        Table {
            rows,
            notes,
            ..Table::default()
        }
    }
}

/// Counts what each XML part of a zip inflates to (the parts calamine
/// parses; media are never read) and refuses an archive over the limits,
/// and one that is not an XLSX workbook.
fn check_parts(bytes: &[u8], part_limit: u64, total_limit: u64) -> Result<(), SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(SheetError::damaged)?;
    let names: Vec<String> = zip
        .file_names()
        .flatten()
        .map(|n| n.to_ascii_lowercase())
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    if !has("xl/workbook.xml") {
        return Err(SheetError::Unsupported(if has("word/document.xml") {
            "a Word document, not a spreadsheet".into()
        } else if has("content.xml") {
            "an OpenDocument file (.ods or .odt); save the sheet as .xlsx".into()
        } else {
            "a zip archive that is not an XLSX workbook".into()
        }));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = match zip.by_index(i) {
            Ok(part) => part,
            Err(zip::result::ZipError::UnsupportedArchive(m))
                if m == zip::result::ZipError::PASSWORD_REQUIRED =>
            {
                return Err(SheetError::Encrypted(
                    "a part of this workbook is encrypted; save a copy without a password".into(),
                ))
            }
            Err(e) => return Err(SheetError::damaged(e)),
        };
        let name = part.name().map_err(SheetError::damaged)?.into_owned();
        let lower = name.to_ascii_lowercase();
        if part.is_dir() || !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let n = std::io::copy(&mut part.take(part_limit + 1), &mut std::io::sink())
            .map_err(|e| SheetError::damaged(format!("{name}: {e}")))?;
        if n > part_limit {
            return Err(SheetError::TooLarge(format!(
                "the part {name} inflates to more than {} MiB; refused as a possible zip bomb",
                part_limit >> 20
            )));
        }
        total += n;
        if total > total_limit {
            return Err(SheetError::TooLarge(format!(
                "the parts of this workbook inflate to more than {} MiB; refused as a possible zip bomb",
                total_limit >> 20
            )));
        }
    }
    Ok(())
}

/// What calamine's error means for the user.
fn xlsx_error(e: XlsxError) -> SheetError {
    match e {
        XlsxError::Password => SheetError::Encrypted(
            "a password-protected workbook; save a copy without the password and try again".into(),
        ),
        other => SheetError::damaged(other),
    }
}

/// A date or time cell as ISO 8601 text: `2024-03-01`, or
/// `2024-03-01T12:30:00` when it has a time.
fn iso_date(d: &calamine::ExcelDateTime) -> String {
    if d.is_duration() {
        let secs = (d.as_f64() * 86_400.0).round() as i64;
        let sign = if secs < 0 { "-" } else { "" };
        let secs = secs.unsigned_abs();
        return format!(
            "{sign}{}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        );
    }
    let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{day:02}")
    } else {
        format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}")
    }
}

/// A cell's value, or `None` for an empty cell.
fn value_of(value: DataRef<'_>, formula: Option<String>) -> Option<Value> {
    Some(match value {
        DataRef::Empty => return formula.map(Value::Unsaved),
        DataRef::String(s) => Value::Text(s),
        DataRef::SharedString(s) => Value::Text(s.to_string()),
        DataRef::Int(i) => Value::Number(i as f64),
        DataRef::Float(f) => Value::Number(f),
        DataRef::Bool(b) => Value::Bool(b),
        DataRef::DateTime(d) => Value::Date(iso_date(&d)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Date(s),
        DataRef::Error(e) => Value::Error(e.to_string()),
    })
}

/// Reads the first worksheet of an XLSX workbook, within [`MAX_PART`] and
/// [`MAX_TOTAL`]; a note says when the workbook has other sheets.
pub fn read_xlsx(bytes: &[u8]) -> Result<Table, SheetError> {
    read_xlsx_within(bytes, MAX_PART, MAX_TOTAL)
}

fn read_xlsx_within(bytes: &[u8], part: u64, total: u64) -> Result<Table, SheetError> {
    check_parts(bytes, part, total)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let sheets = book.sheets_metadata().to_vec();
    let Some(first) = sheets.iter().find(|s| s.typ == SheetType::WorkSheet) else {
        return Err(SheetError::Shape("the workbook has no worksheet".into()));
    };
    let name = first.name.clone();
    let merged = book
        .merge_cells_by_sheet_name(&name)
        .map_err(xlsx_error)?
        .into_iter()
        .map(|d| {
            let pos = |(row, col)| Pos { row, col };
            (pos(d.start), pos(d.end))
        })
        .collect();
    let mut gather = Gather::default();
    let mut formulas = Vec::new();
    let mut cells = book.worksheet_cells_reader(&name).map_err(xlsx_error)?;
    while let Some(cell) = cells.next_cell_with_formula().map_err(xlsx_error)? {
        let (row, col) = cell.pos;
        let pos = Pos { row, col };
        let formula = cell.formula.filter(|f| !f.is_empty());
        let saved = !matches!(cell.value, DataRef::Empty);
        if formula.is_some() && saved && col < MAX_COLUMNS {
            formulas.push(pos);
        }
        if let Some(value) = value_of(cell.value, formula) {
            gather.push(pos, value);
        }
    }
    drop(cells);
    let mut table = gather.into_table();
    table.merged = merged;
    table.formulas = formulas;
    if sheets.len() > 1 {
        table.notes.insert(
            0,
            format!(
                "the workbook has {} sheets; reading the first, '{name}'",
                sheets.len()
            ),
        );
    }
    Ok(table)
}

/// Undoes ura's `--excel` neutralising: a leading `'` before `= + - @`,
/// TAB or CR is dropped.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Reads CSV (RFC 4180, as ura writes it; a byte-order mark is skipped),
/// every cell as text; a cell that `--excel` neutralised gets its text
/// back.
pub fn read_csv(text: &str) -> Result<Table, SheetError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut gather = Gather::default();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            SheetError::Damaged(format!(
                "not CSV as ura writes it, at record {}: {e}",
                row + 1
            ))
        })?;
        let row = u32::try_from(row).unwrap_or(u32::MAX);
        for (col, cell) in record.iter().enumerate() {
            if !cell.is_empty() {
                let col = u32::try_from(col).unwrap_or(u32::MAX);
                gather.push(
                    Pos { row, col },
                    Value::Text(unneutralise(cell).to_string()),
                );
            }
        }
    }
    Ok(gather.into_table())
}

/// Reads TSV as ura writes it: one row per line, cells split at tabs, no
/// quoting (ura's TSV cells hold no tab nor line break); a byte-order mark
/// is skipped.
pub fn read_tsv(text: &str) -> Table {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut gather = Gather::default();
    for (row, line) in body.lines().enumerate() {
        let row = u32::try_from(row).unwrap_or(u32::MAX);
        for (col, cell) in line.split('\t').enumerate() {
            if !cell.is_empty() {
                let col = u32::try_from(col).unwrap_or(u32::MAX);
                gather.push(Pos { row, col }, Value::Text(cell.to_string()));
            }
        }
    }
    gather.into_table()
}

#[cfg(test)]
pub(crate) mod tests;
