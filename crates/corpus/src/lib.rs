//! The pipeline that the `ura` command and the Python package share: a
//! document and a language become a [`Side`] (sentences with their
//! paragraphs, places and block kinds); the languages of a pair are
//! settled from flags, file names and texts ([`lang`]) and a pair split
//! ([`pair`]); beads become rows
//! for the writers of `ura-bitext` ([`rows`]).
//!
//! ```
//! use ura_corpus::Side;
//! let doc = ura_doc::DocReader::new().read(b"Hello there. How are you?".to_vec()).unwrap();
//! let side = Side::from_document(&doc, "en".into(), ura_segment::LineMode::Lines);
//! assert_eq!(side.sentences, ["Hello there.", "How are you?"]);
//! let aligner = ura_align::AlignerBuilder::new().build();
//! let alignment = aligner.align(&side.as_sentences(), &side.as_sentences());
//! let beads: Vec<&ura_align::Bead> = alignment.beads.iter().collect();
//! let rows = ura_corpus::rows::rows_of(&beads, &side, &side, None);
//! assert_eq!(rows[0].src, rows[0].tgt);
//! ```
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]

pub mod lang;
pub mod pair;
mod read;
pub mod rows;
mod side;

pub use read::{read_document, read_named, EncodingOption};
pub use side::{block_label, split_document, split_document_each, DocSentence, Side};
