//! A reviewer's sheet read back as ura's rows: the XLSX, CSV and TSV that
//! ura writes ([`crate::sheet`] reads their cells), and ura's JSONL, after
//! a reviewer deleted rows, edited cells and marked rows.
//!
//! The sheet's first row that holds anything is its header, as ura writes
//! it: `<src-lang>`, `<tgt-lang>`, `score`, `bead` and (XLSX) `ok`.
//! - The columns named `score`, `bead` and `ok` (any case, any order) are
//!   found by name; the source and target are the first two other
//!   columns, and their header cells are the languages (BCP 47 codes;
//!   `und` or anything that is not a code: not known). Other columns are
//!   left out, and said.
//! - A row deleted is gone. A row whose source and target are both empty
//!   is left out (counted in [`Reviewed::emptied`]). A row with one side
//!   empty is a null bead (a TMX leaves it out). Cells are taken as
//!   edited, with spaces at either end trimmed.
//! - `ok`: empty is not marked; `ok`, `yes`, `y`, `x`, `✓`, `1` or TRUE
//!   marks the row reviewed ([`Mark::Ok`]); `no`, `n`, `0` or FALSE marks it
//!   wrong ([`Mark::No`]: left out); anything else is an error.
//! - `score`: a number from 0 to 1; empty (a row the reviewer added) is
//!   1.0. `bead`: the shape `a-b`, which gives each side's count of
//!   sentences (a side emptied counts 0, a side filled in counts at least
//!   1); the sentence indices count from the first row of the file.
//! - Numbers and dates in text cells are read as text (dates in ISO 8601)
//!   and said; a formula is read by its saved value; merged cells,
//!   formulas saved without a value and error values (`#REF!`) in the
//!   columns read are errors naming the cell.

use crate::rows::Row;
use crate::sheet::{column_name, Pos, SheetError, SheetRow, Table, Value};
use crate::xlsx::OK_COLUMN;

/// How a reviewer marked a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    /// Not marked.
    #[default]
    Unmarked,
    /// Marked right (`ok`).
    Ok,
    /// Marked wrong (`no`): to be left out.
    No,
}

/// One row read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    /// The pair, as ura's writers take it.
    pub row: Row,
    /// The reviewer's mark.
    pub mark: Mark,
    /// The row's number in the file (1-based, as spreadsheets and editors
    /// show it).
    pub line: u32,
}

/// One side's language as the header gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderLang {
    /// The code, normalised to BCP 47; `None` when the header cell holds
    /// none (`und`, a word, nothing).
    pub code: Option<String>,
    /// The header cell as written, for messages.
    pub written: String,
    /// The column, for messages (`A`); empty for JSONL, which has no
    /// header.
    pub column: String,
}

/// A reviewed file read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed {
    /// The source language from the header.
    pub src_lang: HeaderLang,
    /// The target language from the header.
    pub tgt_lang: HeaderLang,
    /// The rows, in order.
    pub rows: Vec<Marked>,
    /// Rows whose source and target were both emptied (left out).
    pub emptied: usize,
    /// What the reader noticed, one line each (`warning: ` first when it
    /// may have changed what the reviewer meant).
    pub notes: Vec<String>,
}

/// Values of the `ok` column that mark a row right, lower-cased.
const YES: &[&str] = &["ok", "yes", "y", "x", "✓", "✔", "1", "true"];
/// Values of the `ok` column that mark a row wrong, lower-cased.
const NO: &[&str] = &["no", "n", "0", "false"];

/// The columns of ura's header.
#[derive(Debug, Default)]
struct Columns {
    src: u32,
    tgt: u32,
    score: Option<u32>,
    bead: Option<u32>,
    ok: Option<u32>,
}

/// The language a header cell names, if it is a code (`und` is not).
fn lang_of(cell: Option<&Value>) -> (Option<String>, String) {
    match cell {
        Some(Value::Text(t)) => {
            let code = crate::tmx::normalize_lang(t.trim())
                .ok()
                .filter(|c| c != "und");
            (code, t.trim().to_string())
        }
        Some(other) => (None, display(other)),
        None => (None, String::new()),
    }
}

/// A value as text, for messages and for text cells that hold numbers.
fn display(value: &Value) -> String {
    match value {
        Value::Text(t) | Value::Date(t) | Value::Error(t) => t.clone(),
        Value::Unsaved(f) => format!("={}", f.trim_start_matches('=')),
        Value::Number(n) => format!("{n}"),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
    }
}

/// Finds ura's header in `row`, or says why `row` is not one.
fn header(row: &SheetRow) -> Result<Columns, SheetError> {
    let mut cols = Columns::default();
    for (col, value) in &row.cells {
        let Value::Text(t) = value else { continue };
        let slot = match t.trim().to_lowercase().as_str() {
            "score" => &mut cols.score,
            "bead" => &mut cols.bead,
            name if name == OK_COLUMN => &mut cols.ok,
            _ => continue,
        };
        if let Some(first) = slot {
            return Err(SheetError::Shape(format!(
                "two columns are named '{}' ({} and {}); keep one",
                t.trim(),
                column_name(*first),
                column_name(*col)
            )));
        }
        *slot = Some(*col);
    }
    let named = [cols.score, cols.bead, cols.ok];
    let mut others = (0..).filter(|c| !named.contains(&Some(*c)));
    cols.src = others.next().unwrap_or(0);
    cols.tgt = others.next().unwrap_or(1);
    let (src, _) = lang_of(row.get(cols.src));
    let (tgt, _) = lang_of(row.get(cols.tgt));
    if named.iter().all(Option::is_none) && (src.is_none() || tgt.is_none()) {
        let shown: Vec<String> = row
            .cells
            .iter()
            .take(4)
            .map(|(_, v)| format!("'{}'", display(v)))
            .collect();
        return Err(SheetError::Shape(format!(
            "row {} is not ura's header (it holds {}); ura convert reads sheets whose first row is <source language>, <target language>, score, bead, as ura align writes them",
            u64::from(row.row) + 1,
            shown.join(", ")
        )));
    }
    Ok(cols)
}

/// What was noticed in text cells that do not hold text.
#[derive(Default)]
struct NotText {
    count: usize,
    first: Option<(Pos, String)>,
}

/// The text of a source or target cell: trimmed; a number, a boolean or a
/// date as text (counted in `not_text`); an error value or a formula
/// without a saved value is an error.
fn text_of(value: Option<&Value>, pos: Pos, not_text: &mut NotText) -> Result<String, SheetError> {
    let text = match value {
        None => return Ok(String::new()),
        Some(Value::Text(t)) => return Ok(t.trim().to_string()),
        Some(Value::Error(e)) => {
            return Err(SheetError::Cell {
                pos,
                message: format!("holds the error value {e}; type the text instead"),
            })
        }
        Some(v @ Value::Unsaved(_)) => {
            return Err(SheetError::Cell {
                pos,
                message: format!(
                    "holds a formula ({}) saved without its value; open the sheet in a spreadsheet application and save it, or type the text instead",
                    display(v)
                ),
            })
        }
        Some(other) => display(other),
    };
    not_text.count += 1;
    not_text.first.get_or_insert((pos, text.clone()));
    Ok(text)
}

/// The score in a `score` cell: 0 to 1; empty is 1.0 (a row the reviewer
/// added).
fn score_of(value: Option<&Value>, pos: Pos) -> Result<f64, SheetError> {
    let score = match value {
        None => return Ok(1.0),
        Some(Value::Number(n)) => Some(*n),
        Some(Value::Text(t)) if t.trim().is_empty() => return Ok(1.0),
        Some(Value::Text(t)) => t.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    match score {
        Some(s) if (0.0..=1.0).contains(&s) => Ok(s),
        _ => Err(SheetError::Cell {
            pos,
            message: format!(
                "the score '{}' is not a number from 0 to 1; correct it, or empty the cell",
                value.map(display).unwrap_or_default()
            ),
        }),
    }
}

/// The sentence counts of a `bead` cell (`1-2`), if it holds a shape.
fn bead_of(value: Option<&Value>) -> Option<(usize, usize)> {
    let Some(Value::Text(t)) = value else {
        return None;
    };
    let (a, b) = t.trim().split_once('-')?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// The mark in an `ok` cell.
fn mark_of(value: Option<&Value>, pos: Pos) -> Result<Mark, SheetError> {
    let word = match value {
        None => return Ok(Mark::Unmarked),
        Some(Value::Bool(b)) => return Ok(if *b { Mark::Ok } else { Mark::No }),
        Some(v) => display(v).trim().to_lowercase(),
    };
    if word.is_empty() {
        Ok(Mark::Unmarked)
    } else if YES.contains(&word.as_str()) {
        Ok(Mark::Ok)
    } else if NO.contains(&word.as_str()) {
        Ok(Mark::No)
    } else {
        Err(SheetError::Cell {
            pos,
            message: format!(
                "'{word}' in the {OK_COLUMN} column is neither {OK_COLUMN} nor no; write {OK_COLUMN} for a right pair, no to leave the row out, or nothing"
            ),
        })
    }
}

/// Reads ura's rows from a sheet (see the module's docs).
pub fn from_table(table: &Table) -> Result<Reviewed, SheetError> {
    let Some((head, body)) = table.rows.split_first() else {
        return Err(SheetError::Shape(
            "the sheet is empty: no header and no pairs".into(),
        ));
    };
    let cols = header(head)?;
    let read = [
        Some(cols.src),
        Some(cols.tgt),
        cols.score,
        cols.bead,
        cols.ok,
    ];
    let is_read = |col: u32| read.contains(&Some(col));
    if let Some((a, b)) = table
        .merged
        .iter()
        .find(|(a, b)| b.row >= head.row && (a.col..=b.col).any(is_read) && a != b)
    {
        return Err(SheetError::Shape(format!(
            "cells {a}:{b} are merged, and a merged cell keeps only its first value; unmerge them (one text per cell) and try again"
        )));
    }
    let mut notes = table.notes.clone();
    for (col, value) in &head.cells {
        if !is_read(*col) {
            notes.push(format!(
                "column {} ('{}') is not one ura reads; left out",
                column_name(*col),
                display(value)
            ));
        }
    }
    let formulas: Vec<&Pos> = table
        .formulas
        .iter()
        .filter(|p| p.row > head.row && is_read(p.col))
        .collect();
    if let Some(first) = formulas.first() {
        notes.push(format!(
            "{}; read by the values saved with them (first: {first})",
            plural(
                formulas.len(),
                "cell holds a formula",
                "cells hold formulas"
            )
        ));
    }
    let (mut next_src, mut next_tgt) = (0, 0);
    let mut not_text = NotText::default();
    let mut rows = Vec::new();
    let mut emptied = 0;
    for r in body {
        let at = |col: u32| Pos { row: r.row, col };
        let src = text_of(r.get(cols.src), at(cols.src), &mut not_text)?;
        let tgt = text_of(r.get(cols.tgt), at(cols.tgt), &mut not_text)?;
        if src.is_empty() && tgt.is_empty() {
            emptied += 1;
            continue;
        }
        let get = |col: Option<u32>| col.and_then(|c| r.get(c));
        let at_or = |col: Option<u32>| at(col.unwrap_or(0));
        let score = score_of(get(cols.score), at_or(cols.score))?;
        let mark = mark_of(get(cols.ok), at_or(cols.ok))?;
        let (a, b) = bead_of(get(cols.bead)).unwrap_or((1, 1));
        let count = |text: &str, n: usize| if text.is_empty() { 0 } else { n.max(1) };
        let (a, b) = (count(&src, a), count(&tgt, b));
        let row = Row {
            src,
            tgt,
            src_idx: (next_src..next_src + a).collect(),
            tgt_idx: (next_tgt..next_tgt + b).collect(),
            score,
            bead: format!("{a}-{b}"),
            ..Row::default()
        };
        (next_src, next_tgt) = (next_src + a, next_tgt + b);
        rows.push(Marked {
            row,
            mark,
            line: r.row.saturating_add(1),
        });
    }
    if let Some((pos, text)) = not_text.first {
        notes.push(format!(
            "warning: {} a number or a date, not text (first: {pos}, read as {text}); check them, as a spreadsheet application may have changed what was typed",
            plural(not_text.count, "source or target cell holds", "source or target cells hold")
        ));
    }
    let side = |col: u32| {
        let (code, written) = lang_of(head.get(col));
        HeaderLang {
            code,
            written,
            column: column_name(col),
        }
    };
    Ok(Reviewed {
        src_lang: side(cols.src),
        tgt_lang: side(cols.tgt),
        rows,
        emptied,
        notes,
    })
}

/// Reads ura's JSONL: each line a row as `ura align -f jsonl` writes it.
/// A side emptied loses its sentence indices; a side filled in that had
/// none gets the one after the previous row's; the bead shape follows the
/// indices. JSONL names no languages. A review file of `ura review` is an
/// error saying how to export it.
pub fn from_jsonl(text: &str) -> Result<Reviewed, SheetError> {
    let mut rows = Vec::new();
    let mut emptied = 0;
    let (mut last_src, mut last_tgt): (Option<usize>, Option<usize>) = (None, None);
    for (k, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        let n = k + 1;
        if n == 1 && line.contains("\"ura_review\"") {
            return Err(SheetError::Unsupported(
                "a review file of ura review; export it with ura review FILE --export OUT".into(),
            ));
        }
        let mut row: Row = serde_json::from_str(line).map_err(|e| {
            SheetError::Shape(format!(
                "line {n} is not a row of ura's JSONL ({e}); ura convert reads JSONL as ura align writes it"
            ))
        })?;
        if row.src.is_empty() && row.tgt.is_empty() {
            emptied += 1;
            continue;
        }
        fix_side(&row.src, &mut row.src_idx, &mut last_src);
        fix_side(&row.tgt, &mut row.tgt_idx, &mut last_tgt);
        row.bead = format!("{}-{}", row.src_idx.len(), row.tgt_idx.len());
        if !(0.0..=1.0).contains(&row.score) {
            return Err(SheetError::Shape(format!(
                "line {n}: the score {} is not from 0 to 1",
                row.score
            )));
        }
        rows.push(Marked {
            row,
            mark: Mark::Unmarked,
            line: u32::try_from(n).unwrap_or(u32::MAX),
        });
    }
    let none = || HeaderLang {
        code: None,
        written: String::new(),
        column: String::new(),
    };
    Ok(Reviewed {
        src_lang: none(),
        tgt_lang: none(),
        rows,
        emptied,
        notes: Vec::new(),
    })
}

/// Keeps a side's indices in step with its text (see [`from_jsonl`]).
fn fix_side(text: &str, idx: &mut Vec<usize>, last: &mut Option<usize>) {
    if text.is_empty() {
        idx.clear();
    } else if idx.is_empty() {
        idx.push(last.map_or(0, |l| l + 1));
    }
    if let Some(&l) = idx.last() {
        *last = Some(l);
    }
}

/// `n` and the noun in the singular or the plural.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests;
