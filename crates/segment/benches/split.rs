//! Split throughput on the bundled English article repeated to ≥ 10 MB,
//! beside the `sentencex` crate and `unicode-segmentation`'s UAX #29
//! sentence iterator, measured in the same run.
//!
//! `cargo bench -p ura-segment --bench split`; divan prints the time per
//! iteration; `scripts/bench-split.sh` turns it into MB/s.

use divan::counter::BytesCount;
use divan::Bencher;
use unicode_segmentation::UnicodeSegmentation;

fn main() {
    divan::main();
}

/// The bundled English text repeated to at least 10 MB.
fn corpus() -> String {
    let one = include_str!("../../../data/unhcr/en.txt");
    let copies = (10 * 1024 * 1024) / one.len() + 1;
    let mut s = String::with_capacity(copies * (one.len() + 2));
    for _ in 0..copies {
        s.push_str(one);
        s.push_str("\n\n");
    }
    s
}

#[divan::bench(sample_count = 10)]
fn ura(bencher: Bencher) {
    let text = corpus();
    let splitter = ura_segment::Segmenter::new("en");
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| splitter.segment(divan::black_box(&text)).len());
}

#[divan::bench(sample_count = 10)]
fn sentencex(bencher: Bencher) {
    let text = corpus();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| ::sentencex::segment("en", divan::black_box(&text)).len());
}

#[divan::bench(sample_count = 10)]
fn uax29(bencher: Bencher) {
    let text = corpus();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| divan::black_box(&text).split_sentence_bounds().count());
}
