//! The aligner on arbitrary sentence lists: it terminates, covers every
//! sentence of both sides exactly once in order, scores in [0, 1], and is
//! deterministic; joining its unaligned sentences to their neighbours
//! (`attach_unaligned`) still covers every sentence once in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ura_align::{AlignerBuilder, Sentence};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Sides are separated by a NUL, sentences by line breaks, paragraphs
    // by blank lines.
    let (a, b) = text.split_once('\0').unwrap_or((&text, ""));
    let side = |s: &str| -> Vec<(String, usize)> {
        let mut para = 0;
        let mut out = Vec::new();
        for line in s.split('\n') {
            if line.is_empty() {
                para += 1;
            } else {
                out.push((line.to_string(), para));
            }
        }
        out
    };
    let (sa, sb) = (side(a), side(b));
    let src: Vec<Sentence> = sa.iter().map(|(t, p)| Sentence::new(t, *p)).collect();
    let tgt: Vec<Sentence> = sb.iter().map(|(t, p)| Sentence::new(t, *p)).collect();
    let aligner = AlignerBuilder::new().band(3).build();
    let result = aligner.align(&src, &tgt);
    let covers = |a: &ura_align::Alignment| {
        let (mut i, mut j) = (0, 0);
        for bead in &a.beads {
            assert_eq!((bead.src.start, bead.tgt.start), (i, j));
            assert!(!(bead.src.is_empty() && bead.tgt.is_empty()));
            assert!((0.0..=1.0).contains(&bead.score));
            assert!(bead.attach.is_none_or(|x| (0.0..=1.0).contains(&x.score)));
            i = bead.src.end;
            j = bead.tgt.end;
        }
        assert_eq!((i, j), (src.len(), tgt.len()));
    };
    covers(&result);
    assert_eq!(result, aligner.align(&src, &tgt));
    // Joining every unaligned sentence that has a neighbour to join keeps
    // every sentence once, in order.
    let mut joined = result.clone();
    let count = joined.attach_unaligned(1.0);
    covers(&joined);
    assert_eq!(joined.beads.len() + count, result.beads.len());
});
