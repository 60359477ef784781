use super::*;
use crate::anchors::*;
use crate::confidence::*;
use crate::dp::{Band, Step};
use crate::features::{Concepts, PUNCT_CLASSES};
use crate::model::*;
use crate::prepare::*;
use crate::priors::*;
use crate::search::*;

/// Sentences of one paragraph.
fn sents<S: AsRef<str>>(texts: &[S]) -> Vec<Sentence<'_>> {
    texts.iter().map(|t| Sentence::new(t.as_ref(), 0)).collect()
}

/// The model of a first pass with `lexicon`, over `band`.
fn pass1_model(
    src: &[Sentence],
    tgt: &[Sentence],
    prep: &Prepared,
    lexicon: &Concepts,
    band: &Band,
) -> Model {
    let pass = Pass {
        lexicon,
        priors: default_priors(),
        punct_costs: None,
        shapes: &[(1, 1)],
        band: 4,
    };
    build_model(src, tgt, prep, &pass, band)
}

/// Beads are in order and cover every sentence of both sides once.
fn assert_covers(a: &Alignment, n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for b in &a.beads {
        assert_eq!(b.src.start, i, "{:?}", a.beads);
        assert_eq!(b.tgt.start, j, "{:?}", a.beads);
        assert!(!(b.src.is_empty() && b.tgt.is_empty()));
        assert!((0.0..=1.0).contains(&b.score), "{b:?}");
        i = b.src.end;
        j = b.tgt.end;
    }
    assert_eq!((i, j), (n, m));
}

/// The spans of the beads of `src` aligned with `tgt` by the default
/// aligner (every sentence covered once).
fn default_spans(src: &[&str], tgt: &[&str]) -> Vec<(Range<usize>, Range<usize>)> {
    let a = AlignerBuilder::new()
        .build()
        .align(&sents(src), &sents(tgt));
    assert_covers(&a, src.len(), tgt.len());
    spans(&a)
}

/// The source and target sentences of each bead.
fn spans(a: &Alignment) -> Vec<(Range<usize>, Range<usize>)> {
    a.beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

/// Source sentence `i` of the numbered test documents.
fn numbered_en(i: usize) -> String {
    format!("Sentence number {i} talks about item {}.", i * 7)
}

/// Its translation.
fn numbered_sq(i: usize) -> String {
    format!("Fjalia numër {i} flet për sendin {}.", i * 7)
}

#[test]
fn length_cost_table_matches_the_formula() {
    for k in 0..2000 {
        let d = f64::from(k) * 0.0047;
        let exact = (-ln_erfc(d / std::f64::consts::SQRT_2)).min(LENGTH_COST_CAP);
        // The interpolation rounds the corner where the cap starts.
        let tolerance = if exact > LENGTH_COST_CAP - 0.2 {
            0.1
        } else {
            1e-5
        };
        assert!((length_cost(d) - exact).abs() < tolerance, "{d}");
    }
    assert_eq!(length_cost(f64::NAN), LENGTH_COST_CAP);
    assert_eq!(length_cost(1e300), LENGTH_COST_CAP);
}

#[test]
fn length_cost_reads_the_costs_between_steps_bit_for_bit() {
    // The lookup of the plain costs, `a + (b − a)·(x − k)`, the cap
    // where the step after is missing.
    let costs = length_costs();
    let plain = |delta: f64| {
        let x = delta * LENGTH_STEPS;
        if !(0.0..(costs.len() as f64)).contains(&x) {
            return LENGTH_COST_CAP;
        }
        let k = x as usize;
        match (costs.get(k), costs.get(k + 1)) {
            (Some(&a), Some(&b)) => a + (b - a) * (x - k as f64),
            _ => LENGTH_COST_CAP,
        }
    };
    let end = costs.len() as f64 / LENGTH_STEPS;
    let steps = (0..200_000).map(|k| f64::from(k) * (end + 0.01) / 200_000.0);
    let grid = (0..=costs.len() + 1).map(|k| k as f64 / LENGTH_STEPS);
    for d in steps.chain(grid).chain([f64::NAN, 1e300, -0.0]) {
        assert_eq!(length_cost(d).to_bits(), plain(d).to_bits(), "{d}");
    }
}

#[test]
fn ln_erfc_matches_known_values() {
    assert!((ln_erfc(0.0) - 0.0).abs() < 1e-6);
    assert!((ln_erfc(1.0) - 0.157_299_207_f64.ln()).abs() < 1e-6);
    // Far tail: erfc(10) ≈ 2.088e-45.
    assert!((ln_erfc(10.0) - (-102.879_889)).abs() < 1e-3);
}

#[test]
fn one_sentence_translated_as_two_is_a_1_2_bead() {
    let src = sents(&[
        "The meeting was held on 9 October 2017 in Tirana.",
        "The lawyer asked about the status of her clients, and the officials explained that the government would decide on their residence permits in 2018.",
        "Nothing else was agreed.",
    ]);
    let tgt = sents(&[
        "Takimi u mbajt më 9 tetor 2017 në Tiranë.",
        "Avokatja pyeti për statusin e klientëve të saj.",
        "Zyrtarët shpjeguan se qeveria do të vendoste për lejet e qëndrimit në 2018.",
        "Asgjë tjetër nuk u ra dakord.",
    ]);
    let a = AlignerBuilder::new().build().align(&src, &tgt);
    assert_covers(&a, 3, 4);
    let shapes: Vec<String> = a.beads.iter().map(Bead::shape).collect();
    assert_eq!(shapes, ["1-1", "1-2", "1-1"]);
}

#[test]
fn caption_in_a_foreign_script_and_an_untranslatable_tag_become_null_beads() {
    let src = vec![
        Sentence::new("Legal representative meets with UNHCR in Tirana", 0),
        Sentence::new("کمیساریای عالی پناهندگی سازمان ملل متحد", 1),
        Sentence::new(
            "On October 9, 2017 a lawyer met officials of the UNHCR in Tirana, Albania.",
            1,
        ),
        Sentence::new(
            "The lawyer asked the UNHCR to pay 500 euros per month to each member.",
            1,
        ),
    ];
    let tgt = vec![
        Sentence::new("Përfaqësuesi ligjor takohet me UNHCR-në në Tiranë", 0),
        Sentence::new(
            "Në datën 9 tetor 2017 një avokate takoi zyrtarë të UNHCR-së në Tiranë, Shqipëri.",
            1,
        ),
        Sentence::new(
            "Avokatja i kërkoi UNHCR-së të paguajë 500 euro në muaj për çdo anëtar.",
            1,
        ),
        Sentence::new("/ Gazeta Impakt", 1),
    ];
    let a = AlignerBuilder::new().build().align(&src, &tgt);
    assert_covers(&a, 4, 4);
    let pairs = spans(&a);
    assert_eq!(
        pairs,
        [
            (0..1, 0..1),
            (1..2, 1..1),
            (2..3, 1..2),
            (3..4, 2..3),
            (4..4, 3..4)
        ]
    );
}

#[test]
fn short_sentences_without_anchors_still_pair_when_lengths_agree() {
    let src = sents(&["Meeting in Tirana on 9 October 2017.", "Nothing here."]);
    let tgt = sents(&["Takim në Tiranë më 9 tetor 2017.", "Asgjë."]);
    let aligner = AlignerBuilder::new().build();
    let a = aligner.align(&src, &tgt);
    assert_covers(&a, 2, 2);
    assert!(a
        .beads
        .iter()
        .all(|b| b.src.len() == 1 && b.tgt.len() == 1 && b.src.start == b.tgt.start));
}

#[test]
fn empty_sides_give_null_beads() {
    let a = AlignerBuilder::new()
        .build()
        .align(&sents(&["a", "b"]), &[]);
    assert_covers(&a, 2, 0);
    let a = AlignerBuilder::new().build().align(&[], &sents(&["x"]));
    assert_covers(&a, 0, 1);
    assert!(AlignerBuilder::new()
        .build()
        .align(&[], &[])
        .beads
        .is_empty());
}

#[test]
fn confident_beads_score_high_and_alignment_is_deterministic() {
    let src: Vec<String> = (0..60).map(numbered_en).collect();
    let tgt: Vec<String> = (0..60).map(numbered_sq).collect();
    let (s, t) = (sents(&src), sents(&tgt));
    let aligner = AlignerBuilder::new().build();
    let a = aligner.align(&s, &t);
    assert_covers(&a, 60, 60);
    assert!(a
        .beads
        .iter()
        .all(|b| b.src.len() == 1 && b.tgt.len() == 1 && b.src.start == b.tgt.start));
    let mean: f64 = a.beads.iter().map(|b| b.score).sum::<f64>() / 60.0;
    assert!(mean > 0.9, "{mean}");
    assert_eq!(a, aligner.align(&s, &t));
}

#[test]
fn long_documents_stay_on_the_diagonal_with_a_narrow_band() {
    // A deletion far from the start forces the path off the pass-1 centre.
    let src: Vec<String> = (0..400)
        .map(|i| format!("Line {i} of the source text with words."))
        .collect();
    let mut tgt: Vec<String> = (0..400)
        .map(|i| format!("Rreshti {i} i tekstit burim me fjalë."))
        .collect();
    tgt.drain(100..130);
    let (s, t) = (sents(&src), sents(&tgt));
    let a = AlignerBuilder::new().band(5).build().align(&s, &t);
    assert_covers(&a, 400, 370);
    let deleted = a.beads.iter().filter(|b| b.tgt.is_empty()).count();
    assert_eq!(deleted, 30);
}

#[test]
fn hunalign_dictionary_format() {
    let d = parse_hunalign_dictionary("avokat @ lawyer\nmulti word @ x\nbad line\n");
    assert_eq!(d, [("lawyer".to_string(), "avokat".to_string())]);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn beads_cover_both_sides_in_order(
            src in prop::collection::vec("[a-zA-Z0-9 .,?!ëç]{0,60}", 0..25),
            tgt in prop::collection::vec("[a-zA-Z0-9 .,?!ëç]{0,60}", 0..25),
            band in 2usize..8,
        ) {
            let s: Vec<Sentence> = src.iter().enumerate().map(|(i, t)| Sentence::new(t, i / 5)).collect();
            let t: Vec<Sentence> = tgt.iter().enumerate().map(|(i, t)| Sentence::new(t, i / 4)).collect();
            let aligner = AlignerBuilder::new().band(band).build();
            let a = aligner.align(&s, &t);
            assert_covers(&a, s.len(), t.len());
            prop_assert_eq!(a, aligner.align(&s, &t));
        }
    }
}

#[test]
fn block_sums_price_beads_like_direct_sums() {
    let src = sents(&[
        "On 9 October 2017 the UNHCR met in Tirana.",
        "The lawyer asked about Iraq.",
        "Khan said 500 euros were paid.",
        "Nothing else.",
        "The MEK has a budget of 2016.",
        "They met again in 2018 in Tirana.",
    ]);
    let tgt = sents(&[
        "Më 9 tetor 2017 UNHCR u takua në Tiranë.",
        "Avokatja pyeti për Irakun.",
        "Khan tha se u paguan 500 euro.",
        "Asgjë tjetër.",
        "MEK ka një buxhet të 2016.",
        "Ata u takuan sërish në 2018 në Tiranë.",
    ]);
    let aligner = AlignerBuilder::new().build();
    let prep = prepare(&src, &tgt);
    let no_lexicon = features::concepts(Vec::new(), Vec::new(), features::identical_pairs);
    let lexicon = Concepts {
        src: vec![Vec::new(); src.len()],
        tgt: vec![Vec::new(); tgt.len()],
        ..no_lexicon
    };
    let band = Band::around(&anchor_center(&prep, 6, 6).0, 3, 6);
    let model = pass1_model(&src, &tgt, &prep, &lexicon, &band);
    let mut out = vec![f32::INFINITY; aligner.shapes.len()];
    let mut scratch = RunScratch::default();
    for i in 0..=6 {
        for j in band.lo[i]..band.hi[i] {
            out.fill(f32::INFINITY);
            model.costs_in_run(&mut scratch, i, j, j + 1, &aligner.shapes, &mut out);
            for (&(k, l), &c) in aligner.shapes.iter().zip(&out) {
                // A bead starting outside the band is not priced.
                if k <= i && l <= j && band.index(i - k, j - l).is_some() {
                    let direct = model.cost(i - k, j - l, k, l) as f32;
                    assert!(
                        (direct - c).abs() < 1e-4,
                        "({i},{j}) {k}-{l}: {direct} vs {c}"
                    );
                }
            }
        }
    }
}

/// 40 numbered sentences and their translation with a merged pair and a
/// dropped sentence, so that the beads' costs differ.
fn uneven_texts() -> (Vec<String>, Vec<String>) {
    let src = (0..40).map(numbered_en).collect();
    let tgt = (0..40)
        .filter(|&i| i != 17)
        .map(|i| match i {
            9 => format!("{} {}", numbered_sq(9), numbered_sq(10)),
            10 => "Pa numër.".to_string(),
            _ => numbered_sq(i),
        })
        .collect();
    (src, tgt)
}

#[test]
fn a_run_prices_its_cells_as_single_cells_do_with_a_fresh_or_a_carried_scratch() {
    let (src, tgt) = uneven_texts();
    let (src, tgt) = (sents(&src), sents(&tgt));
    let (n, m) = (src.len(), tgt.len());
    let aligner = AlignerBuilder::new().build();
    let shapes = &aligner.shapes;
    let prep = prepare(&src, &tgt);
    let lexicon = features::concepts(Vec::new(), Vec::new(), features::identical_pairs);
    let band = Band::around(&anchor_center(&prep, n, m).0, 3, m);
    let model = pass1_model(&src, &tgt, &prep, &lexicon, &band);
    let s = shapes.len();
    let bits = |r: &[f32]| r.iter().map(|c| c.to_bits()).collect::<Vec<_>>();
    // One scratch carried over every row and cell in order (as a task
    // carries it, its window of target spans made anew as the runs move
    // past it: the tests' window is a few positions), one carried in
    // reverse order (every run misses the window), and a fresh one per
    // run.
    let mut carried = RunScratch::default();
    let mut reverse = RunScratch::default();
    let mut priced = 0;
    for i in 0..=n {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let mut row = vec![f32::INFINITY; (hi - lo) * s];
        model.costs_in_run(&mut carried, i, lo, hi, shapes, &mut row);
        let mut fresh = vec![f32::INFINITY; (hi - lo) * s];
        model.costs_in_run(&mut RunScratch::default(), i, lo, hi, shapes, &mut fresh);
        assert_eq!(bits(&row), bits(&fresh), "row {i}");
        for j in (lo..hi).rev() {
            let mut cell = vec![f32::INFINITY; s];
            model.costs_in_run(&mut reverse, i, j, j + 1, shapes, &mut cell);
            let off = (j - lo) * s;
            assert_eq!(bits(&cell), bits(&row[off..off + s]), "({i},{j})");
        }
        for j in lo..hi {
            let mut cell = vec![f32::INFINITY; s];
            model.costs_in_run(&mut carried, i, j, j + 1, shapes, &mut cell);
            let off = (j - lo) * s;
            assert_eq!(bits(&cell), bits(&row[off..off + s]), "({i},{j})");
        }
        priced += row.iter().filter(|c| c.is_finite()).count();
    }
    // Beads were priced, over more target positions than one window.
    assert!(priced > 0);
    assert!(m > 4 * SPAN_WINDOW);
}

#[test]
fn a_widened_table_and_pair_cache_of_real_prices_are_those_made_afresh() {
    // The model's prices depend on the band (the pair cache holds the
    // band's pairs): a widened table that copies cells must still hold
    // what pricing them again gives.
    let (src, tgt) = uneven_texts();
    let (src, tgt) = (sents(&src), sents(&tgt));
    let (n, m) = (src.len(), tgt.len());
    let aligner = AlignerBuilder::new().build();
    let shapes = &aligner.shapes;
    let prep = prepare(&src, &tgt);
    let lexicon = features::concepts(Vec::new(), Vec::new(), features::identical_pairs);
    let narrow = Band::around(&anchor_center(&prep, n, m).0, 2, m);
    let wide = narrow.widened(&[12, 30], 3, 5, m);
    assert!(wide.cells() > narrow.cells());
    let mut model = pass1_model(&src, &tgt, &prep, &lexicon, &narrow);
    let first = {
        let fill = |scratch: &mut RunScratch, i: usize, j0: usize, j1: usize, out: &mut [f32]| {
            model.costs_in_run(scratch, i, j0, j1, shapes, out)
        };
        dp::cost_table(&narrow, shapes, &fill)
    };
    // The widened band's pairs, copied where the narrow band had them.
    let earlier = Some((&narrow, model.pair_matches.as_slice()));
    let reused_pairs = pair_cache_reusing(prep.features(&lexicon), &wide, earlier);
    model.pair_matches = pair_cache(prep.features(&lexicon), &wide);
    assert_eq!(reused_pairs, model.pair_matches);
    assert!(model.pair_matches.iter().any(|p| p != &[0; 3]));
    model.pair_band = wide.clone();
    let fill = |scratch: &mut RunScratch, i: usize, j0: usize, j1: usize, out: &mut [f32]| {
        model.costs_in_run(scratch, i, j0, j1, shapes, out)
    };
    let reused = dp::cost_table_reusing(&wide, shapes, &fill, Some((narrow.clone(), first)));
    let fresh = dp::cost_table(&wide, shapes, &fill);
    let bits = |t: &dp::CostTable| t.to_slots().iter().map(|c| c.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&reused), bits(&fresh));
    assert!(fresh.to_slots().iter().any(|c| c.is_finite()));
}

#[test]
fn prior_costs_are_the_logs_of_the_priors() {
    for shape in SHAPES {
        assert!(
            (prior_cost(shape) + prior(shape).ln()).abs() < 1e-6,
            "{shape:?}"
        );
    }
}

#[test]
fn a_long_run_of_insertions_keeps_nonzero_confidence() {
    // Regression: posteriors were summed over a band centred on one
    // column per row, which left most of a long 0-1 run (all in one row)
    // outside it, with a confidence of 0.
    let src: Vec<String> = (0..80)
        .map(|i| format!("Line {i} of the source text with words."))
        .collect();
    let mut tgt: Vec<String> = (0..80)
        .map(|i| format!("Rreshti {i} i tekstit burim me fjalë."))
        .collect();
    let captions: Vec<String> = (0..30).map(|k| format!("Foto {k}")).collect();
    tgt.splice(40..40, captions);
    let (s, t) = (sents(&src), sents(&tgt));
    let a = AlignerBuilder::new().build().align(&s, &t);
    assert_covers(&a, 80, 110);
    let inserted: Vec<&Bead> = a.beads.iter().filter(|b| b.src.is_empty()).collect();
    assert_eq!(
        inserted.len(),
        30,
        "{:?}",
        a.beads
            .iter()
            .filter(|b| b.src.len() != 1 || b.tgt.len() != 1)
            .collect::<Vec<_>>()
    );
    assert!(
        a.beads.iter().all(|b| b.score > 0.05),
        "{:?}",
        a.beads.iter().map(|b| b.score).collect::<Vec<_>>()
    );
}

#[test]
fn priors_follow_the_first_pass_shapes() {
    let step = |i0, j0, i1, j1| Step { i0, j0, i1, j1 };
    // A translation that splits every sentence in two.
    let path: Vec<Step> = (0..200).map(|k| step(k, 2 * k, k + 1, 2 * k + 2)).collect();
    let searched = [(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)];
    let p = estimated_priors(&path, &searched);
    assert!(p[1][2] < p[1][1], "{p:?}");
    // One that does not: the 1-1 prior stays the cheapest.
    let path: Vec<Step> = (0..200).map(|k| step(k, k, k + 1, k + 1)).collect();
    let p = estimated_priors(&path, &searched);
    assert!(p[1][1] < default_priors()[1][1]);
    assert!(p[1][2] > default_priors()[1][2]);
    // Null beads keep Gale & Church's; a shape the path could not use
    // moves as the searched one a sentence smaller did.
    assert_eq!(p[0][1], default_priors()[0][1]);
    let moved = |p: &Priors, big: Shape, small: Shape| {
        let base = default_priors();
        let d = p[big.0][big.1] - base[big.0][big.1];
        assert!((d - (p[small.0][small.1] - base[small.0][small.1])).abs() < 1e-9);
        d
    };
    assert!(moved(&p, (1, 4), (1, 3)) > 0.0);
    assert!(moved(&p, (3, 2), (2, 2)) > 0.0);
    // A translation that splits sentences in three: 1-4 gets cheaper too.
    let path: Vec<Step> = (0..100).map(|k| step(k, 3 * k, k + 1, 3 * k + 3)).collect();
    let p = estimated_priors(&path, &searched);
    assert!(moved(&p, (1, 4), (1, 3)) < -1.0, "{p:?}");
    assert!(moved(&p, (4, 1), (3, 1)) > 0.0);
    // Unless pass 1 searched no 1-3 either.
    let p = estimated_priors(&path, &searched[..4]);
    assert_eq!(p[1][4], default_priors()[1][4]);
}

#[test]
fn punctuation_agreement_bins() {
    let profile = |q: u32, e: u32| {
        let mut p = [0u32; PUNCT_CLASSES];
        p[0] = q;
        p[1] = e;
        p
    };
    assert_eq!(agreement_bin(&profile(0, 0), &profile(0, 0)), 0);
    assert_eq!(agreement_bin(&profile(1, 0), &profile(0, 0)), 1);
    assert_eq!(agreement_bin(&profile(1, 0), &profile(0, 1)), 2);
    assert_eq!(agreement_bin(&profile(1, 3), &profile(1, 0)), 3);
    assert_eq!(agreement_bin(&profile(1, 1), &profile(1, 0)), 4);
    assert_eq!(agreement_bin(&profile(1, 1), &profile(1, 1)), 5);
}

#[test]
fn header_lines_open_and_extend_null_runs_cheaply() {
    // One-line paragraphs without final punctuation (bylines, datelines,
    // source lines) are often rewritten rather than translated: the
    // bundled pair's "By Av. M.B., Lawyer" and "gazeta impakt –".
    let src = [
        Sentence::new("A title of the article", 0),
        Sentence::new("By A. Writer, Lawyer", 1),
        Sentence::new("The body starts here and goes on.", 2),
        Sentence::new("It goes on in the same paragraph.", 2),
    ];
    let tgt = [Sentence::new("Një titull", 0)];
    let prep = prepare(&src, &tgt);
    let lexicon = Concepts::default();
    let band = Band::around(&[0; 5], 4, 1);
    let model = pass1_model(&src, &tgt, &prep, &lexicon, &band);
    let byline = (model.null(true, 1, false), model.null(true, 1, true));
    let body = (model.null(true, 2, false), model.null(true, 2, true));
    assert_eq!(byline, (PARAMS.null_header, PARAMS.null_header_extend));
    assert!(
        byline.0 < body.0 && byline.1 < body.1,
        "{byline:?} {body:?}"
    );
}

#[test]
fn repeated_items_still_anchor_the_band_centre() {
    // Every number occurs in three sentences on each side, so no item is
    // unique; pairing the k-th occurrences still finds the 40 inserted
    // target sentences (whose length alone would put the centre 20 rows
    // off).
    let src: Vec<String> = (0..300)
        .map(|i| format!("Entry {} of the list, a line of ordinary length.", i % 100))
        .collect();
    let mut tgt: Vec<String> = (0..300)
        .map(|i| {
            format!(
                "Hyrja {} e listës, një rresht me gjatësi të zakonshme.",
                i % 100
            )
        })
        .collect();
    let inserted: Vec<String> = (0..40)
        .map(|k| format!("Shënim shtesë pa numër {}", "x".repeat(k % 3)))
        .collect();
    tgt.splice(150..150, inserted);
    let (s, t) = (sents(&src), sents(&tgt));
    let prep = prepare(&s, &t);
    let (center, _) = anchor_center(&prep, s.len(), t.len());
    // Row 200 (after the insertion) is target row 240.
    assert!(center[200].abs_diff(240) <= 2, "{}", center[200]);
    assert!(center[100].abs_diff(100) <= 2, "{}", center[100]);
}

#[test]
fn differing_bylines_are_left_unaligned() {
    // The bundled pair's bylines, alone: "By Av. M.B., Lawyer" names
    // initials that the other text never mentions, so it is not a
    // translation of the Albanian source line beside it.
    let text = |lines: &[&'static str]| -> Vec<Sentence<'static>> {
        lines
            .iter()
            .enumerate()
            .map(|(k, t)| Sentence::new(t, k))
            .collect()
    };
    let src = text(&[
        "Court in Tirana hears the UNHCR case",
        "By Av. M.B., Lawyer",
        "On 9 October 2017 the lawyer met officials of the UNHCR in Tirana.",
        "She asked about the status of her clients in Albania.",
        "The officials said that the MEK pays its members.",
        "Nothing else was agreed in 2017.",
    ]);
    let tgt = text(&[
        "Gjykata në Tiranë dëgjon çështjen e UNHCR",
        "gazeta impakt –",
        "Më 9 tetor 2017 avokatja takoi zyrtarët e UNHCR në Tiranë.",
        "Ajo pyeti për statusin e klientëve të saj në Shqipëri.",
        "Zyrtarët thanë se MEK paguan anëtarët e saj.",
        "Asgjë tjetër nuk u ra dakord në 2017.",
    ]);
    let a = AlignerBuilder::new().build().align(&src, &tgt);
    assert_covers(&a, 6, 6);
    assert!(
        a.beads.iter().any(|b| b.src == (1..2) && b.tgt.is_empty()),
        "{:?}",
        a.beads
    );
    assert!(
        a.beads.iter().any(|b| b.tgt == (1..2) && b.src.is_empty()),
        "{:?}",
        a.beads
    );
}

mod anchors;
mod confidence;
