//! Sentence aligner (placeholder).
