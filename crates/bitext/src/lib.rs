//! Bitext formats for ura: aligned pairs as TMX 1.4b ([`tmx`], written and
//! read), TSV, CSV and JSONL ([`rows`], written and read) and XLSX
//! workbooks ([`xlsx`]); a reviewer's sheet (XLSX, CSV, TSV: [`sheet`];
//! and JSONL) read back as rows ([`reviewed`]). Decoding input is
//! `ura-doc`'s job.
//!
//! ```
//! let row = ura_bitext::rows::Row {
//!     src: "Hello.".into(),
//!     tgt: "Tungjatjeta.".into(),
//!     src_idx: vec![0],
//!     tgt_idx: vec![0],
//!     score: 0.98,
//!     bead: "1-1".into(),
//!     ..Default::default()
//! };
//! let mut out = Vec::new();
//! ura_bitext::rows::write_tsv(&mut out, "en", "sq", &[row]).unwrap();
//! assert_eq!(String::from_utf8(out).unwrap(), "en\tsq\tscore\tbead\nHello.\tTungjatjeta.\t0.9800\t1-1\n");
//! ```
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]

pub mod reviewed;
pub mod rows;
pub mod sheet;
pub mod tmx;
pub mod xlsx;
