//! Confidence: which beads score below their neighbours, and that the
//! scores do not depend on the pass or the side taken as the source.

use super::*;

#[test]
fn confidence_without_the_lexicon_pass_reads_pass_1_table() {
    // Regression: with the lexicon off, pass 1 (which searches fewer
    // shapes) is the result, and its cost table was read as if it had
    // every shape, which scrambled the confidences.
    let src: Vec<String> = (0..60).map(numbered_en).collect();
    let tgt: Vec<String> = (0..60).map(numbered_sq).collect();
    let (s, t) = (sents(&src), sents(&tgt));
    let a = AlignerBuilder::new()
        .learn_lexicon(false)
        .build()
        .align(&s, &t);
    assert_covers(&a, 60, 60);
    let mean: f64 = a.beads.iter().map(|b| b.score).sum::<f64>() / 60.0;
    assert!(mean > 0.9, "{mean}");
}

#[test]
fn confidence_weighs_the_posterior_by_the_length_fit() {
    let one = (1, 1);
    assert!((confidence(1.0, 0.0, 0.0, one) - 1.0).abs() < 1e-12);
    assert!(confidence(1.0, 3.0, 0.0, one) < confidence(1.0, 1.0, 0.0, one));
    assert!(confidence(0.5, 0.0, 0.0, one) < confidence(0.9, 0.0, 0.0, one));
    assert!(confidence(0.9, -2.0, 0.0, one) == confidence(0.9, 2.0, 0.0, one));
    assert_eq!(confidence(f64::NAN, 0.0, 0.0, one), 0.0);
    assert!((0.0..=1.0).contains(&confidence(1.5, f64::INFINITY, 0.0, one)));
    // Each stray anchor costs the same share.
    let stray = confidence(1.0, 0.0, 1.0, one);
    assert!(stray < 0.95, "{stray}");
    assert!((confidence(1.0, 0.0, 2.0, one) - stray * stray).abs() < 1e-12);
    // Each further sentence of a merged bead costs a little; null beads
    // have no edge on the other side to be off.
    assert!((confidence(1.0, 0.0, 0.0, (2, 2)) - SIZE_FIT * SIZE_FIT).abs() < 1e-12);
    assert!(confidence(1.0, 0.0, 0.0, (1, 2)) < confidence(1.0, 0.0, 0.0, one));
    assert!((confidence(1.0, 0.0, 0.0, (1, 0)) - 1.0).abs() < 1e-12);
}

#[test]
fn stray_anchors_are_items_whose_partner_sits_next_to_the_bead() {
    // Concept 6 is in two sentences of the target side; the others in one.
    let concepts = features::Concepts {
        src: vec![vec![1], vec![2, 3], vec![4], vec![6]],
        tgt: vec![vec![1], vec![2], vec![3, 4, 6], vec![5, 6]],
        df_src: vec![0, 1, 1, 1, 1, 0, 1],
        df_tgt: vec![0, 1, 1, 1, 1, 1, 2],
    };
    let mut scratch = Default::default();
    let mut stray = |i0, i1, j0, j1| {
        let step = Step { i0, i1, j0, j1 };
        stray_anchors(&step, &[&concepts], &mut scratch)
    };
    // Source 1 holds 3, whose partner is in target 2, next to the bead.
    assert_eq!(stray(1, 2, 1, 2), 1.0);
    // With target 2 inside the bead, 3 is matched; 4 and 6 (in target 2)
    // have partners in source 2 and 3, but only source 2 is next to it.
    assert_eq!(stray(1, 2, 1, 3), 1.0);
    // Widened to source 2, 4 is matched too; 6's partner is source 3,
    // next to the bead, but 6 is in two target sentences: half a stray.
    assert_eq!(stray(1, 3, 1, 3), 0.5);
    assert_eq!(stray(0, 1, 0, 1), 0.0);
    // A null bead: source 1's 2 is in target 1, beside the gap at 1.
    assert_eq!(stray(1, 2, 1, 1), 1.0);
    // Target 3's 5 has no partner anywhere; its 6 is in source 3 itself.
    assert_eq!(stray(3, 4, 3, 4), 0.0);
    // Source 3 left unaligned at the end: its 6 sits in target 3, beside
    // the gap, but also in target 2 — half a stray.
    assert_eq!(stray(3, 4, 4, 4), 0.5);
}

#[test]
fn a_bead_cut_one_sentence_off_scores_below_its_neighbours() {
    // The translation moves the last words of source sentence 5, two
    // years, into target sentence 6: the beads 5-5 and 6-6 fit their
    // lengths, but each is cut a few words off, and the years that
    // belong to one sit in the other.
    let src: Vec<String> = (0..12)
        .map(|i| match i {
            5 => "Sentence five ends the long report on the river and on the towns along its banks, in 1874 and 1923.".to_string(),
            6 => "Sentence six talks about the old bridge across the wide valley below the towns.".to_string(),
            _ => numbered_en(i),
        })
        .collect();
    let tgt: Vec<String> = (0..12)
        .map(|i| match i {
            5 => "Fjalia pesë mbyll raportin e gjatë për lumin dhe për qytetet përgjatë brigjeve të tij.".to_string(),
            6 => "Në 1874 dhe 1923, fjalia gjashtë flet për urën e vjetër mbi luginën e gjerë poshtë qyteteve.".to_string(),
            _ => numbered_sq(i),
        })
        .collect();
    let (s, t) = (sents(&src), sents(&tgt));
    let a = AlignerBuilder::new().build().align(&s, &t);
    assert_covers(&a, 12, 12);
    let recut: Vec<&Bead> = a
        .beads
        .iter()
        .filter(|b| b.src.start <= 6 && b.src.end >= 6 && !b.tgt.is_empty())
        .collect();
    assert_eq!(recut.len(), 2, "{recut:?}");
    // Without the stray anchors' share they score about 0.8.
    for b in &recut {
        assert!(b.score < 0.7, "{b:?}");
    }
    for b in a
        .beads
        .iter()
        .filter(|b| b.src.end <= 5 || b.src.start >= 7)
    {
        assert!(b.score > 0.9, "{b:?}");
    }
}

#[test]
fn a_bead_whose_lengths_disagree_scores_below_its_neighbours() {
    // Sentence 5's translation is four times as long: the number still
    // pairs it 1-1, but the bead is less certain than the others.
    let src: Vec<String> = (0..12).map(numbered_en).collect();
    let tgt: Vec<String> = (0..12)
        .map(|i| {
            if i == 5 {
                format!(
                    "Fjalia numër {i} flet për sendin {} dhe shton shumë fjalë të tjera që \
                     nuk janë në origjinal, një shpjegim i gjatë i përkthyesit për lexuesin.",
                    i * 7
                )
            } else {
                numbered_sq(i)
            }
        })
        .collect();
    let (s, t) = (sents(&src), sents(&tgt));
    let a = AlignerBuilder::new().build().align(&s, &t);
    assert_covers(&a, 12, 12);
    let long = a
        .beads
        .iter()
        .find(|b| b.src == (5..6))
        .expect("sentence 5 is aligned");
    assert_eq!(long.tgt, 5..6);
    let others = a.beads.iter().filter(|b| b.src != (5..6));
    for b in others {
        assert!(b.score > long.score + 0.1, "{b:?} vs {long:?}");
    }
}

#[test]
fn the_model_is_the_same_whichever_side_is_the_source() {
    // English against a script written with a third as many characters:
    // aligning either way round gives mirrored beads with equal scores.
    let src: Vec<String> = (0..30)
        .map(|i| {
            let words = ["the river", "a long road", "many people", "went home"];
            format!(
                "Sentence {i} says that {} and {} again.",
                words[i % 4],
                words[(i * 7) % 4].repeat(1 + i % 3)
            )
        })
        .collect();
    let tgt: Vec<String> = (0..30)
        .map(|i| format!("第{i}句{}。", "河路人家".repeat(1 + (i * 5) % 4)))
        .collect();
    let (s, t) = (sents(&src), sents(&tgt));
    let aligner = AlignerBuilder::new().build();
    let forward = aligner.align(&s, &t);
    let backward = aligner.align(&t, &s);
    assert_covers(&forward, 30, 30);
    assert_eq!(forward.beads.len(), backward.beads.len());
    for (f, b) in forward.beads.iter().zip(&backward.beads) {
        assert_eq!((&f.src, &f.tgt), (&b.tgt, &b.src));
        assert!((f.score - b.score).abs() < 1e-9, "{f:?} vs {b:?}");
    }
}

#[test]
fn a_kept_first_pass_gives_the_same_alignment_without_running_pass_1() {
    let src: Vec<String> = (0..40)
        .map(|i| format!("The committee met {} times in room {i}.", i % 5 + 2))
        .collect();
    let tgt: Vec<String> = (0..40)
        .map(|i| format!("Komiteti u mblodh {} herë në sallën {i}.", i % 5 + 2))
        .collect();
    let (s, t) = (sents(&src), sents(&tgt));
    // Counts the runs of pass 1.
    let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = std::sync::Arc::clone(&runs);
    let aligner = AlignerBuilder::new()
        .on_stage(move |stage| {
            if stage == "pass 1" {
                counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        })
        .build();
    let pass_1_runs = || runs.load(std::sync::atomic::Ordering::Relaxed);
    let mut first = aligner.first_pass(&s, &t);
    let mut builder = LexiconBuilder::new();
    builder.add(first.take_material());
    let lexicon = builder.build();
    let direct = aligner.align_with_lexicon(&s, &t, &lexicon);
    let before = pass_1_runs();
    assert_eq!(
        aligner.align_after_first_pass(&s, &t, &lexicon, &first),
        direct
    );
    assert_eq!(pass_1_runs(), before, "pass 1 ran again");
    // A first pass of other sentences is not used: pass 1 runs.
    let other = aligner.first_pass(&s[..10], &t[..12]);
    let before = pass_1_runs();
    assert_eq!(
        aligner.align_after_first_pass(&s, &t, &lexicon, &other),
        direct
    );
    assert_eq!(pass_1_runs(), before + 1);
    assert_covers(&direct, 40, 40);
}
