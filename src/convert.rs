//! `ura convert`: a reviewer's sheet (the XLSX, CSV or TSV ura writes, or
//! ura's JSONL) back into TMX or another of ura's formats. What a sheet
//! may hold and how it is read is `ura_bitext::reviewed`'s.

use anyhow::{anyhow, Context, Result};
use ura_bitext::reviewed::{self, HeaderLang, Mark, Reviewed};
use ura_bitext::rows::Row;
use ura_bitext::sheet::{self, SheetError};

use crate::align;
use crate::cli::{AlignFormat, ConvertArgs, UsageError};
use crate::input::{self, ReadOptions};
use crate::output::{self, plural};

/// The signature of OLE compound files: legacy Office files (`.xls`) and
/// password-protected Office Open XML files.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// What `ura convert` reads, as it says in errors.
const READS: &str = "ura convert reads the XLSX, CSV, TSV and JSONL files ura writes";

/// Runs `ura convert`.
pub fn run(args: &ConvertArgs) -> Result<()> {
    // The output is settled before the input is read.
    let output = args.output.as_deref().filter(|o| o.as_os_str() != "-");
    if let Some(o) = output {
        output::check_output(o, &[&args.input])?;
    }
    let format = align::settle_format(args.format, output, args.excel)?;
    if format == AlignFormat::Html {
        return Err(UsageError(
            "ura convert writes tmx, tsv, csv, jsonl, xlsx or moses; the HTML report comes from ura align -f html".into(),
        )
        .into());
    }
    let name = args.input.display().to_string();
    let bytes = std::fs::read(&args.input).with_context(|| format!("cannot read {name}"))?;
    let read = read_reviewed(&name, bytes, args.encoding.as_deref())?;
    for note in &read.notes {
        match note.strip_prefix("warning: ") {
            Some(warning) => eprintln!("ura: warning: {name}: {warning}"),
            None => eprintln!("ura: note: {name}: {note}"),
        }
    }
    // TMX units are matched on their languages; parallel text files are
    // named by them.
    let required = matches!(format, AlignFormat::Tmx | AlignFormat::Moses);
    let (src_lang, tgt_lang) = languages(&name, &read, args, required)?;
    let filter = Filter {
        reviewed_only: args.reviewed_only,
        min_score: args.min_score,
    };
    let (rows, left_out) = filter.apply(&read);
    let written = align::write_rows_to(
        output,
        format,
        &rows,
        (&src_lang, &tgt_lang),
        args.excel,
        &[&args.input],
    )?;
    if !args.quiet {
        eprintln!(
            "{}",
            summary(&rows, &read, &left_out, &written, &filter, required)
        );
    }
    Ok(())
}

/// Reads the reviewed file `name` from its bytes: XLSX by its zip
/// signature, else text (decoded as ura's inputs are) that is JSONL when
/// its first line is an object, TSV when it holds a tab, else CSV.
fn read_reviewed(name: &str, bytes: Vec<u8>, encoding: Option<&str>) -> Result<Reviewed> {
    let shown = |e: SheetError| anyhow!("{name}: {e}");
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let table = sheet::read_xlsx(&bytes).map_err(shown)?;
        return reviewed::from_table(&table).map_err(shown);
    }
    match ura_doc::sniff_format(&bytes, None) {
        Ok(ura_doc::Format::Text | ura_doc::Format::Markdown) => {}
        Err(ura_doc::DocError::Encrypted(m)) => return Err(anyhow!("{name}: {m}")),
        _ if bytes.starts_with(OLE) => {
            return Err(anyhow!(
                "{name}: an Excel 97–2003 workbook or another legacy Office file; save the sheet as .xlsx"
            ))
        }
        Ok(other) => {
            return Err(anyhow!(
                "{name}: a {} document, not a spreadsheet; {READS}",
                other.name()
            ))
        }
        Err(e) => return Err(anyhow!("{name}: not a spreadsheet ({e}); {READS}")),
    }
    let opts = ReadOptions {
        encoding: encoding.map(str::to_string),
        format: Some(ura_doc::Format::Text),
        ..ReadOptions::default()
    };
    let text = input::read_bytes(name, bytes, (None, None), &opts)?.text;
    let first = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    if first.starts_with('{') {
        reviewed::from_jsonl(&text).map_err(shown)
    } else if first.contains('\t') {
        reviewed::from_table(&sheet::read_tsv(&text)).map_err(shown)
    } else {
        let table = sheet::read_csv(&text).map_err(shown)?;
        reviewed::from_table(&table).map_err(shown)
    }
}

/// The languages to write: the flags, else the header's codes. A language
/// that neither gives is a usage error when `required` (TMX, parallel
/// text), else `und` with a warning. A flag that overrides another code
/// in the header is said.
fn languages(
    name: &str,
    read: &Reviewed,
    args: &ConvertArgs,
    required: bool,
) -> Result<(String, String)> {
    let sides = [
        (
            "source",
            &read.src_lang,
            args.src_lang.as_deref(),
            "--src-lang",
        ),
        (
            "target",
            &read.tgt_lang,
            args.tgt_lang.as_deref(),
            "--tgt-lang",
        ),
    ];
    let unknown_sides: Vec<_> = sides
        .iter()
        .filter(|(_, header, flag, _)| flag.is_none() && header.code.is_none())
        .collect();
    if required && !unknown_sides.is_empty() {
        let flags: Vec<&str> = unknown_sides.iter().map(|s| s.3).collect();
        let whys: Vec<String> = if unknown_sides.len() == 2 && read.src_lang.column.is_empty() {
            vec![format!(
                "cannot tell the languages of {name}: JSONL names none"
            )]
        } else {
            unknown_sides
                .iter()
                .map(|(role, header, _, _)| unknown(name, role, header))
                .collect()
        };
        return Err(UsageError(format!("{}; set {}", whys.join("; "), flags.join(" and "))).into());
    }
    let mut codes = Vec::new();
    for (role, header, flag, flag_name) in sides {
        let code = match (flag, &header.code) {
            (Some(flag), Some(code)) => {
                if flag != code {
                    eprintln!(
                        "ura: note: {flag_name} {flag} overrides the {role} language {code} of {name}'s header"
                    );
                }
                flag.to_string()
            }
            (Some(flag), None) => flag.to_string(),
            (None, Some(code)) => code.clone(),
            (None, None) => {
                let why = unknown(name, role, header);
                eprintln!("ura: warning: {why}; writing und (set it with {flag_name})");
                "und".to_string()
            }
        };
        codes.push(code);
    }
    let mut codes = codes.into_iter();
    Ok((
        codes.next().unwrap_or_default(),
        codes.next().unwrap_or_default(),
    ))
}

/// Why a side's language is not known: `cannot tell the source language
/// of x.xlsx: the header of column A says 'source', not a language code`.
fn unknown(name: &str, role: &str, header: &HeaderLang) -> String {
    let why = if header.column.is_empty() {
        "JSONL names no languages".to_string()
    } else if header.written.is_empty() {
        format!("the header of column {} is empty", header.column)
    } else if header.written.eq_ignore_ascii_case("und") {
        format!(
            "the header of column {} says und (not known)",
            header.column
        )
    } else {
        format!(
            "the header of column {} says '{}', not a language code",
            header.column, header.written
        )
    };
    format!("cannot tell the {role} language of {name}: {why}")
}

/// Which rows are written.
struct Filter {
    /// Only rows marked ok.
    reviewed_only: bool,
    /// Leave out rows below this score that are not marked ok.
    min_score: Option<f64>,
}

/// How many rows were left out, and why.
#[derive(Default)]
struct LeftOut {
    /// Marked no.
    marked_no: usize,
    /// Not marked ok, with `--reviewed-only`.
    not_reviewed: usize,
    /// Below `--min-score`, not marked ok.
    below: usize,
}

impl Filter {
    /// The rows to write, and what was left out. A reviewer's mark
    /// outweighs the aligner's score.
    fn apply(&self, read: &Reviewed) -> (Vec<Row>, LeftOut) {
        let mut out = LeftOut::default();
        let mut rows = Vec::new();
        for m in &read.rows {
            match m.mark {
                Mark::No => out.marked_no += 1,
                Mark::Ok => rows.push(m.row.clone()),
                Mark::Unmarked if self.reviewed_only => out.not_reviewed += 1,
                Mark::Unmarked if self.min_score.is_some_and(|s| m.row.score < s) => out.below += 1,
                Mark::Unmarked => rows.push(m.row.clone()),
            }
        }
        (rows, out)
    }
}

/// The one-line summary: pairs written and where; rows without a
/// counterpart (left out of TMX and parallel text: `lone_left_out`); rows
/// marked ok; the rows left out, and why.
fn summary(
    rows: &[Row],
    read: &Reviewed,
    out: &LeftOut,
    written: &str,
    filter: &Filter,
    lone_left_out: bool,
) -> String {
    let lone = rows
        .iter()
        .filter(|r| r.src_idx.is_empty() || r.tgt_idx.is_empty())
        .count();
    let mut line = format!(
        "ura: wrote {} to {written}",
        plural(rows.len() - lone, "pair", "pairs")
    );
    let mut part = |n: usize, one: &str, many: &str| {
        if n > 0 {
            line.push_str(&format!("; {}", plural(n, one, many)));
        }
    };
    if lone_left_out {
        part(
            lone,
            "row without a counterpart left out",
            "rows without a counterpart left out",
        );
    } else {
        part(
            lone,
            "row without a counterpart",
            "rows without a counterpart",
        );
    }
    let ok = read.rows.iter().filter(|m| m.mark == Mark::Ok).count();
    part(ok, "row marked ok", "rows marked ok");
    part(
        out.marked_no,
        "row marked no left out",
        "rows marked no left out",
    );
    part(
        out.not_reviewed,
        "row not marked ok left out",
        "rows not marked ok left out",
    );
    let below = format!(
        "below --min-score {} left out",
        filter.min_score.unwrap_or_default()
    );
    part(out.below, &format!("row {below}"), &format!("rows {below}"));
    part(
        read.emptied,
        "emptied row left out",
        "emptied rows left out",
    );
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use ura_bitext::reviewed::Marked;

    fn marked(src: &str, tgt: &str, score: f64, mark: Mark) -> Marked {
        Marked {
            row: Row {
                src: src.into(),
                tgt: tgt.into(),
                src_idx: if src.is_empty() { vec![] } else { vec![0] },
                tgt_idx: if tgt.is_empty() { vec![] } else { vec![0] },
                score,
                bead: "1-1".into(),
                ..Row::default()
            },
            mark,
            line: 2,
        }
    }

    fn reviewed(rows: Vec<Marked>) -> Reviewed {
        let lang = |code: &str, column: &str| HeaderLang {
            code: Some(code.into()),
            written: code.into(),
            column: column.into(),
        };
        Reviewed {
            src_lang: lang("en", "A"),
            tgt_lang: lang("sq", "B"),
            rows,
            emptied: 1,
            notes: Vec::new(),
        }
    }

    #[test]
    fn marks_outweigh_scores_and_the_summary_says_what_was_left_out() {
        let read = reviewed(vec![
            marked("a", "b", 0.9, Mark::Unmarked),
            marked("c", "d", 0.2, Mark::Ok),
            marked("e", "f", 0.2, Mark::Unmarked),
            marked("g", "h", 0.9, Mark::No),
            marked("i", "", 0.9, Mark::Unmarked),
        ]);
        let filter = Filter {
            reviewed_only: false,
            min_score: Some(0.5),
        };
        let (rows, out) = filter.apply(&read);
        let srcs: Vec<&str> = rows.iter().map(|r| r.src.as_str()).collect();
        assert_eq!(srcs, ["a", "c", "i"]);
        assert_eq!(
            summary(&rows, &read, &out, "tm.tmx", &filter, true),
            "ura: wrote 2 pairs to tm.tmx; 1 row without a counterpart left out; 1 row marked ok; 1 row marked no left out; 1 row below --min-score 0.5 left out; 1 emptied row left out"
        );
        let only = Filter {
            reviewed_only: true,
            min_score: None,
        };
        let (rows, out) = only.apply(&read);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            summary(&rows, &read, &out, "x.tsv", &only, false),
            "ura: wrote 1 pair to x.tsv; 1 row marked ok; 1 row marked no left out; 3 rows not marked ok left out; 1 emptied row left out"
        );
    }

    #[test]
    fn unknown_languages_say_where_they_should_have_been() {
        let header = |written: &str, column: &str| HeaderLang {
            code: None,
            written: written.into(),
            column: column.into(),
        };
        assert_eq!(
            unknown("r.xlsx", "source", &header("source", "A")),
            "cannot tell the source language of r.xlsx: the header of column A says 'source', not a language code"
        );
        assert_eq!(
            unknown("r.tsv", "target", &header("und", "B")),
            "cannot tell the target language of r.tsv: the header of column B says und (not known)"
        );
        assert_eq!(
            unknown("r.jsonl", "source", &header("", "")),
            "cannot tell the source language of r.jsonl: JSONL names no languages"
        );
    }
}
