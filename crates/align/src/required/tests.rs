use super::*;
use crate::AlignerBuilder;

/// A made-up sentence of about `chars` letters on one side: syllables of
/// letters the other side never uses, so that nothing anchors it and the
/// aligner has the lengths alone. `seed` varies the words.
fn babble(chars: usize, seed: usize, target: bool) -> String {
    let (cons, vowels) = if target {
        (["k", "l", "m", "n", "p", "r"], ["o", "u"])
    } else {
        (["b", "d", "f", "g", "h", "j"], ["a", "e"])
    };
    let mut out = String::new();
    let mut k = seed.wrapping_mul(2_654_435_761) % 9973;
    while out.len() < chars {
        if !out.is_empty() {
            out.push(' ');
        }
        for _ in 0..(2 + k % 3) {
            out.push_str(cons[k % 6]);
            out.push_str(vowels[(k / 6) % 2]);
            k = (k * 31 + 7) % 9973;
        }
    }
    out.push('.');
    out
}

/// Sentences of one paragraph.
fn sents(texts: &[String]) -> Vec<Sentence<'_>> {
    texts.iter().map(|t| Sentence::new(t, 0)).collect()
}

/// The (source, target) sentences of each bead.
fn spans(a: &crate::Alignment) -> Vec<(Range<usize>, Range<usize>)> {
    a.beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

/// Beads are in order and cover every sentence of both sides once.
fn assert_covers(a: &crate::Alignment, n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for b in &a.beads {
        assert_eq!((b.src.start, b.tgt.start), (i, j), "{:?}", a.beads);
        assert!(!(b.src.is_empty() && b.tgt.is_empty()));
        assert!((0.0..=1.0).contains(&b.score), "{b:?}");
        (i, j) = (b.src.end, b.tgt.end);
    }
    assert_eq!((i, j), (n, m));
}

#[test]
fn fixing_a_wrongly_split_2_1_bead_repairs_its_neighbours() {
    // A loose translation, lengths only: the translator compressed source
    // sentences 3 and 4 into target sentence 3 (as long as source 3 alone)
    // and expanded source 8. Pairing source 3 with target 3 fits the
    // lengths better, and the aligner then pairs each following sentence
    // one off until it drops a sentence to catch up.
    let s_len = [50, 70, 40, 100, 50, 55, 45, 60, 20, 80, 45];
    let t_len = [50, 70, 40, 100, 55, 45, 60, 70, 80, 45];
    let src: Vec<String> = (0..s_len.len())
        .map(|i| babble(s_len[i], i, false))
        .collect();
    let tgt: Vec<String> = (0..t_len.len())
        .map(|j| babble(t_len[j], 100 + j, true))
        .collect();
    let truth: Vec<(Range<usize>, Range<usize>)> = (0..3)
        .map(|k| (k..k + 1, k..k + 1))
        .chain([(3..5, 3..4)])
        .chain((5..11).map(|k| (k..k + 1, k - 1..k)))
        .collect();
    let aligner = AlignerBuilder::new().build();
    let (s, t) = (sents(&src), sents(&tgt));
    let before = spans(&aligner.align(&s, &t));
    let wrong = before.iter().filter(|b| !truth.contains(b)).count();
    assert!(
        wrong >= 4,
        "the premise: the aligner splits the 2-1 bead and shifts its neighbours: {before:?}"
    );
    // The reviewer fixes the 2-1 bead alone; re-aligning repairs the rest.
    let after = aligner.align_required(&s, &t, &[(3..5, 3..4)]).unwrap();
    assert_covers(&after, s.len(), t.len());
    assert_eq!(spans(&after), truth);
}

/// Numbered sentences (every one anchored by its numbers), with source
/// sentences `merged` and `merged + 1` translated as one.
fn numbered(n: usize, merged: &[usize]) -> (Vec<String>, Vec<String>) {
    let en = |i: usize| format!("Sentence number {i} talks about item {}.", i * 7);
    let sq = |i: usize| format!("Fjalia numër {i} flet për sendin {}.", i * 7);
    let src: Vec<String> = (0..n).map(en).collect();
    let mut tgt = Vec::new();
    let mut i = 0;
    while i < n {
        if merged.contains(&i) && i + 1 < n {
            tgt.push(format!("{} {}", sq(i), sq(i + 1)));
            i += 2;
        } else {
            tgt.push(sq(i));
            i += 1;
        }
    }
    (src, tgt)
}

#[test]
fn beads_far_from_a_required_bead_come_out_as_before() {
    let (src, tgt) = numbered(300, &[40, 97, 180, 250]);
    let (s, t) = (sents(&src), sents(&tgt));
    let aligner = AlignerBuilder::new().build();
    let free = aligner.align(&s, &t);
    // A required bead that the aligner would never choose: two 1-1 pairs
    // around the middle made one 2-2, and a source sentence left alone.
    let mid = free.beads.iter().position(|b| b.src.start >= 150).unwrap();
    let (a, b) = (&free.beads[mid], &free.beads[mid + 1]);
    let required = [
        (a.src.start..b.src.end, a.tgt.start..b.tgt.end),
        (b.src.end..b.src.end + 1, b.tgt.end..b.tgt.end),
    ];
    let fixed = aligner.align_required(&s, &t, &required).unwrap();
    assert_covers(&fixed, s.len(), t.len());
    for r in &required {
        assert!(spans(&fixed).contains(r), "{r:?} kept");
    }
    let near = |x: &crate::Bead| x.src.start.abs_diff(150) <= 20 || x.src.end.abs_diff(150) <= 20;
    let (far_free, far_fixed): (Vec<_>, Vec<_>) = (
        free.beads.iter().filter(|x| !near(x)).collect(),
        fixed.beads.iter().filter(|x| !near(x)).collect(),
    );
    assert!(far_free.len() > 200);
    assert_eq!(far_free.len(), far_fixed.len());
    for (x, y) in far_free.iter().zip(&far_fixed) {
        assert_eq!((&x.src, &x.tgt), (&y.src, &y.tgt));
        assert!((x.score - y.score).abs() < 1e-6, "{x:?} vs {y:?}");
    }
    // A required bead the aligner agrees with changes no bead at all.
    let agreed = [(a.src.clone(), a.tgt.clone())];
    let same = aligner.align_required(&s, &t, &agreed).unwrap();
    assert_eq!(spans(&same), spans(&free));
}

#[test]
fn required_beads_of_any_shape_are_kept_and_everything_is_covered() {
    let (src, tgt) = numbered(40, &[10]);
    let (s, t) = (sents(&src), sents(&tgt));
    let required = [
        (0..0, 0..2),
        (5..10, 3..5),
        (10..12, 5..5),
        (12..13, 5..6),
        (39..40, 38..39),
    ];
    for lexicon in [true, false] {
        let aligner = AlignerBuilder::new().learn_lexicon(lexicon).build();
        let a = aligner.align_required(&s, &t, &required).unwrap();
        assert_covers(&a, s.len(), t.len());
        let got = spans(&a);
        for r in &required {
            assert!(got.contains(r), "{r:?} missing from {got:?}");
        }
        // Between required beads the numbers still pair the sentences.
        assert!(got.contains(&(20..21, 19..20)), "{got:?}");
    }
    // No required beads: the plain alignment.
    let aligner = AlignerBuilder::new().build();
    assert_eq!(
        aligner.align_required(&s, &t, &[]).unwrap(),
        aligner.align(&s, &t)
    );
}

#[test]
fn required_beads_with_an_empty_side() {
    let src = vec!["One.".to_string(), "Two.".to_string(), "Three.".to_string()];
    let s = sents(&src);
    let aligner = AlignerBuilder::new().build();
    let a = aligner.align_required(&s, &[], &[(1..3, 0..0)]).unwrap();
    assert_eq!(spans(&a), [(0..1, 0..0), (1..3, 0..0)]);
    assert!(aligner.align_required(&s, &[], &[(0..1, 0..1)]).is_err());
}

#[test]
fn required_beads_that_cannot_be_met_are_errors() {
    let (src, tgt) = numbered(10, &[]);
    let (s, t) = (sents(&src), sents(&tgt));
    let aligner = AlignerBuilder::new().build();
    let err = |r: &[(Range<usize>, Range<usize>)]| aligner.align_required(&s, &t, r).unwrap_err();
    assert!(matches!(
        err(&[(2..2, 3..3)]),
        RequiredError::Empty { index: 0, .. }
    ));
    #[allow(clippy::reversed_empty_ranges)]
    let reversed = [(0..1, 0..1), (4..3, 2..3)];
    assert!(matches!(
        err(&reversed),
        RequiredError::Empty { index: 1, .. }
    ));
    assert!(matches!(
        err(&[(9..11, 9..10)]),
        RequiredError::OutOfRange {
            index: 0,
            n: 10,
            m: 10,
            ..
        }
    ));
    // Overlapping on one side, and out of order.
    assert!(matches!(
        err(&[(0..2, 0..1), (1..3, 1..2)]),
        RequiredError::OutOfOrder { index: 1 }
    ));
    assert!(matches!(
        err(&[(5..6, 5..6), (1..2, 1..2)]),
        RequiredError::OutOfOrder { index: 1 }
    ));
    assert_eq!(
        err(&[(0..1, 0..1), (5..6, 0..1)]).to_string(),
        "required bead 1 overlaps or comes before required bead 0"
    );
}

#[test]
fn a_required_bead_far_off_the_aligners_path_is_reached() {
    // Forty sentences off the diagonal: far outside the band around pass
    // 1's path, which must grow to reach it and come back.
    let (src, tgt) = numbered(200, &[]);
    let (s, t) = (sents(&src), sents(&tgt));
    let aligner = AlignerBuilder::new().build();
    let a = aligner
        .align_required(&s, &t, &[(100..101, 140..141)])
        .unwrap();
    assert_covers(&a, s.len(), t.len());
    let got = spans(&a);
    assert!(got.contains(&(100..101, 140..141)));
    // Far from it on both sides, the numbers pair the sentences again.
    assert!(got.contains(&(20..21, 20..21)) && got.contains(&(180..181, 180..181)));
}
