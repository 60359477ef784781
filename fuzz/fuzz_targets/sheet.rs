//! Reviewed sheets on arbitrary bytes: XLSX (for a zip), else CSV, TSV
//! and JSONL read back as ura's rows; errors, never a panic, and the
//! rows' indices always agree with their text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ura_bitext::reviewed::{from_jsonl, from_table, Reviewed};
use ura_bitext::sheet::{read_csv, read_tsv, read_xlsx};

fn check(read: Result<Reviewed, impl std::fmt::Display>) {
    if let Ok(r) = read {
        for m in &r.rows {
            assert_eq!(m.row.src.is_empty(), m.row.src_idx.is_empty());
            assert_eq!(m.row.tgt.is_empty(), m.row.tgt_idx.is_empty());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK") {
        check(read_xlsx(data).and_then(|t| from_table(&t)));
        return;
    }
    let text = String::from_utf8_lossy(data);
    check(read_csv(&text).and_then(|t| from_table(&t)));
    check(from_table(&read_tsv(&text)));
    check(from_jsonl(&text));
});
