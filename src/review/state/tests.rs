use super::*;

fn side(n: usize, lang: &str) -> Side {
    Side {
        lang: lang.to_string(),
        sentences: (0..n).map(|i| format!("{lang} {i}.")).collect(),
        paragraphs: vec![0; n],
        kinds: vec!["text".to_string(); n],
    }
}

/// A review of 5 source and 5 target sentences: 1-1, 2-1, 0-1, 1-1, 1-2.
fn review() -> Review {
    let beads = vec![
        Bead::aligned(0..1, 0..1, 0.9),
        Bead::aligned(1..3, 1..2, 0.8),
        Bead::aligned(3..3, 2..3, 0.5),
        Bead::aligned(3..4, 3..3, 0.4),
        Bead::aligned(4..5, 3..5, 0.7),
    ];
    Review::new(side(5, "en"), side(5, "sq"), beads, 0).unwrap()
}

/// A bead's (source, target) sentences.
type Span = (Range<usize>, Range<usize>);

/// The (source, target) ranges of the beads.
fn spans(r: &Review) -> Vec<Span> {
    r.beads()
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

#[test]
fn each_edit_gives_the_beads_it_says() {
    use Which::{Src, Tgt};
    let cases: Vec<(Edit, Vec<Span>)> = vec![
        (
            Edit::MergeNext { bead: 0 },
            vec![(0..3, 0..2), (3..3, 2..3), (3..4, 3..3), (4..5, 3..5)],
        ),
        (
            Edit::MergePrev { bead: 4 },
            vec![(0..1, 0..1), (1..3, 1..2), (3..3, 2..3), (3..5, 3..5)],
        ),
        (
            Edit::Split {
                bead: 1,
                src_at: 1,
                tgt_at: 1,
            },
            vec![
                (0..1, 0..1),
                (1..2, 1..2),
                (2..3, 2..2),
                (3..3, 2..3),
                (3..4, 3..3),
                (4..5, 3..5),
            ],
        ),
        (
            Edit::MoveFirst { bead: 1, side: Src },
            vec![
                (0..2, 0..1),
                (2..3, 1..2),
                (3..3, 2..3),
                (3..4, 3..3),
                (4..5, 3..5),
            ],
        ),
        (
            Edit::MoveLast { bead: 4, side: Tgt },
            // There is no bead after the last: refused (see below); here
            // the last sentence of bead 1's source goes to the 0-1 bead.
            vec![],
        ),
        (
            Edit::MoveLast { bead: 1, side: Src },
            vec![
                (0..1, 0..1),
                (1..2, 1..2),
                (2..3, 2..3),
                (3..4, 3..3),
                (4..5, 3..5),
            ],
        ),
        (
            Edit::MoveFirst { bead: 1, side: Tgt },
            // Bead 1 keeps its source sentences without a partner.
            vec![
                (0..1, 0..2),
                (1..3, 2..2),
                (3..3, 2..3),
                (3..4, 3..3),
                (4..5, 3..5),
            ],
        ),
        (
            Edit::Unlink { bead: 4 },
            vec![
                (0..1, 0..1),
                (1..3, 1..2),
                (3..3, 2..3),
                (3..4, 3..3),
                (4..5, 3..3),
                (5..5, 3..4),
                (5..5, 4..5),
            ],
        ),
        (
            Edit::Link { bead: 2 },
            vec![(0..1, 0..1), (1..3, 1..2), (3..4, 2..3), (4..5, 3..5)],
        ),
    ];
    for (edit, want) in cases {
        let mut r = review();
        let before = spans(&r);
        match r.apply(&edit) {
            Ok(_) => {
                assert_eq!(spans(&r), want, "{edit:?}");
                assert_eq!(r.version(), 1);
                check(r.beads(), 5, 5).unwrap();
                // Undo gives back the beads, redo the edit.
                r.undo().unwrap();
                assert_eq!(spans(&r), before, "{edit:?} undone");
                r.redo().unwrap();
                assert_eq!(spans(&r), want, "{edit:?} redone");
                assert_eq!(r.version(), 3);
            }
            Err(e) => assert!(want.is_empty(), "{edit:?}: {e}"),
        }
    }
}

#[test]
fn edited_beads_are_marked_and_reviewing_is_undoable() {
    let mut r = review();
    r.apply(&Edit::MergeNext { bead: 0 }).unwrap();
    assert!(r.beads()[0].edited && !r.beads()[1].edited);
    assert_eq!(r.beads()[0].score, 0.8, "the lower score of the two");
    r.apply(&Edit::Review {
        bead: 1,
        reviewed: true,
    })
    .unwrap();
    assert!(r.beads()[1].reviewed);
    assert_eq!(r.fixed(), [(0..3, 0..2), (3..3, 2..3)]);
    r.undo().unwrap();
    assert!(!r.beads()[1].reviewed);
    assert_eq!(r.fixed(), [(0..3, 0..2)]);
}

#[test]
fn a_refused_edit_says_why_and_changes_nothing() {
    let cases = [
        (Edit::MergeNext { bead: 4 }, "no bead after it"),
        (Edit::MergePrev { bead: 0 }, "no bead before it"),
        (Edit::MergeNext { bead: 9 }, "there is no bead 10"),
        (
            Edit::Split {
                bead: 1,
                src_at: 3,
                tgt_at: 0,
            },
            "cannot be cut after 3 and 0",
        ),
        (
            Edit::Split {
                bead: 1,
                src_at: 0,
                tgt_at: 0,
            },
            "each part of a split must keep a sentence",
        ),
        (
            Edit::MoveFirst {
                bead: 0,
                side: Which::Src,
            },
            "no bead before it",
        ),
        (
            Edit::MoveFirst {
                bead: 2,
                side: Which::Src,
            },
            "no sentence on that side",
        ),
        (Edit::Unlink { bead: 2 }, "no pair to unlink"),
        (
            Edit::Link { bead: 0 },
            "are not a source sentence and a target",
        ),
        (
            Edit::Review {
                bead: 0,
                reviewed: false,
            },
            "not reviewed already",
        ),
    ];
    for (edit, says) in cases {
        let mut r = review();
        let before = r.beads().to_vec();
        let err = r.apply(&edit).unwrap_err();
        assert!(err.contains(says), "{edit:?}: {err}");
        assert_eq!(r.beads(), before);
        assert_eq!(r.version(), 0);
    }
    let mut r = review();
    assert!(r.undo().unwrap_err().contains("nothing to undo"));
    assert!(r.redo().unwrap_err().contains("nothing to redo"));
}

#[test]
fn the_invariant_check_finds_lost_doubled_and_empty_sentences() {
    let ok = [
        Bead::aligned(0..1, 0..1, 1.0),
        Bead::aligned(1..2, 1..2, 1.0),
    ];
    check(&ok, 2, 2).unwrap();
    let gap = [
        Bead::aligned(0..1, 0..1, 1.0),
        Bead::aligned(2..3, 1..2, 1.0),
    ];
    assert!(check(&gap, 3, 2)
        .unwrap_err()
        .contains("does not start where"));
    let doubled = [
        Bead::aligned(0..2, 0..1, 1.0),
        Bead::aligned(1..2, 1..2, 1.0),
    ];
    assert!(check(&doubled, 2, 2).is_err());
    let empty = [
        Bead::aligned(0..1, 0..1, 1.0),
        Bead::aligned(1..1, 1..1, 1.0),
    ];
    assert!(check(&empty, 1, 1).unwrap_err().contains("no sentence"));
    assert!(check(&ok, 3, 2).unwrap_err().contains("not all 3 and 2"));
    check(&[], 0, 0).unwrap();
    // A splice that would drop or move sentences is refused.
    let splice = Splice {
        at: 0,
        old: ok.to_vec(),
        new: vec![Bead::aligned(0..2, 0..1, 1.0)],
    };
    assert!(check_splice(&splice).is_err());
    let r = Review::new(side(2, "en"), side(2, "sq"), ok.to_vec(), 0).unwrap();
    assert!(r.realignment(&[(0..2, 0..1, 1.0)]).is_err());
    assert_eq!(r.beads(), ok);
    assert!(Review::new(side(3, "en"), side(2, "sq"), gap.to_vec(), 0).is_err());
}

#[test]
fn a_realignment_keeps_the_fixed_beads_and_replaces_only_what_differs() {
    let mut r = review();
    r.apply(&Edit::Link { bead: 2 }).unwrap();
    r.apply(&Edit::Review {
        bead: 0,
        reviewed: true,
    })
    .unwrap();
    // The aligner's answer around the fixed beads 0 and 2.
    let aligned = vec![
        (0..1, 0..1, 0.95),
        (1..2, 1..2, 0.6),
        (2..3, 2..2, 0.3),
        (3..4, 2..3, 1.0),
        (4..5, 3..5, 0.7),
    ];
    let (fixed_before, version) = (r.fixed(), r.version());
    let splice = r.realigned(&aligned).unwrap();
    assert_eq!(splice.at, 0, "bead 0's score changed");
    assert_eq!(splice.new.len(), 4, "the last bead is the same");
    assert_eq!(r.fixed(), fixed_before);
    assert!(r.beads()[0].reviewed && r.beads()[3].edited);
    assert!(!r.beads()[1].edited && r.beads()[1].score == 0.6);
    assert_eq!(r.version(), version + 1);
    r.undo().unwrap();
    assert_eq!(
        spans(&r),
        [(0..1, 0..1), (1..3, 1..2), (3..4, 2..3), (4..5, 3..5)]
    );
    // An alignment without the fixed beads is refused.
    let lost = vec![(0..5, 0..5, 0.1)];
    assert!(r.realigned(&lost).unwrap_err().contains("lost 2 of the 2"));
}

mod property {
    use super::*;
    use proptest::prelude::*;

    fn edit() -> impl Strategy<Value = Edit> {
        let which = prop_oneof![Just(Which::Src), Just(Which::Tgt)];
        prop_oneof![
            (0..12usize).prop_map(|bead| Edit::MergeNext { bead }),
            (0..12usize).prop_map(|bead| Edit::MergePrev { bead }),
            (0..12usize, 0..4usize, 0..4usize).prop_map(|(bead, src_at, tgt_at)| Edit::Split {
                bead,
                src_at,
                tgt_at
            }),
            (0..12usize, which.clone()).prop_map(|(bead, side)| Edit::MoveFirst { bead, side }),
            (0..12usize, which).prop_map(|(bead, side)| Edit::MoveLast { bead, side }),
            (0..12usize).prop_map(|bead| Edit::Unlink { bead }),
            (0..12usize).prop_map(|bead| Edit::Link { bead }),
            (0..12usize, any::<bool>())
                .prop_map(|(bead, reviewed)| Edit::Review { bead, reviewed }),
        ]
    }

    proptest! {
        #[test]
        fn every_edit_keeps_every_sentence_in_one_bead_in_order(
            edits in proptest::collection::vec((edit(), 0..4u8), 1..40)
        ) {
            let mut r = review();
            let start = r.beads().to_vec();
            let mut applied = 0u64;
            for (edit, action) in edits {
                let before = r.beads().to_vec();
                let ok = match action {
                    0 => r.undo().is_ok(),
                    1 => r.redo().is_ok(),
                    _ => r.apply(&edit).is_ok(),
                };
                applied += u64::from(ok);
                if !ok {
                    prop_assert_eq!(r.beads(), &before[..]);
                }
                prop_assert!(check(r.beads(), 5, 5).is_ok(), "{:?}", r.beads());
                prop_assert_eq!(r.version(), applied);
            }
            while r.undo().is_ok() {}
            prop_assert_eq!(r.beads(), &start[..]);
        }
    }
}
