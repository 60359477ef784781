//! Anchors across scripts and scales, and the first band around them.

use super::*;

#[test]
fn names_anchor_across_cyrillic_and_latin() {
    // Four sentences of one length; the Russian text leaves out the one
    // about Merkel, and only the names (in Cyrillic there) show which.
    let en = [
        "Putin spoke first at the summit.",
        "Merkel spoke second at the summit.",
        "Macron spoke third at the summit.",
        "Johnson spoke last at the summit.",
    ];
    let ru = [
        "Путин выступил на саммите первым.",
        "Макрон выступил на саммите третьим.",
        "Джонсон выступил на саммите последним.",
    ];
    assert_eq!(
        default_spans(&en, &ru),
        [(0..1, 0..1), (1..2, 1..1), (2..3, 1..2), (3..4, 2..3)],
    );
}

#[test]
fn chinese_names_anchor_through_their_pinyin() {
    // Sentences of one shape; the Chinese text leaves out the one about
    // Wu Peizhen, and only the names (in pinyin there) show which.
    let en = [
        "Wang Qiyao came to the old house in the morning.",
        "Wu Peizhen came to the old house in the morning.",
        "Cheng Xiansheng came to the old house in the morning.",
        "Zhang Yonghong came to the old house in the morning.",
        "Kang Mingxun came to the old house in the morning.",
        "Li Zhuren came to the old house in the morning.",
    ];
    let zh = [
        "王琦瑶早上来到那所老房子。",
        "程先生早上来到那所老房子。",
        "张永红早上来到那所老房子。",
        "康明逊早上来到那所老房子。",
        "李主任早上来到那所老房子。",
    ];
    assert_eq!(
        default_spans(&en, &zh),
        [
            (0..1, 0..1),
            (1..2, 1..1),
            (2..3, 1..2),
            (3..4, 2..3),
            (4..5, 3..4),
            (5..6, 4..5)
        ],
    );
}

#[test]
fn numbers_with_scale_words_anchor_across_scales() {
    // Sentences of one shape; the Chinese text leaves out the fourth, and
    // only the values (in millions there, in myriads here) show which.
    let en = [
        "The city had 1.5 million people at the time.",
        "The city had 2.4 million people at the time.",
        "The city had 3.1 million people at the time.",
        "The city had 4.7 million people at the time.",
        "The city had 5.2 million people at the time.",
    ];
    let zh = [
        "当时这座城市有150万人。",
        "当时这座城市有240万人。",
        "当时这座城市有310万人。",
        "当时这座城市有520万人。",
    ];
    assert_eq!(
        default_spans(&en, &zh),
        [
            (0..1, 0..1),
            (1..2, 1..2),
            (2..3, 2..3),
            (3..4, 3..3),
            (4..5, 3..4)
        ],
    );
}

#[test]
fn the_first_band_widens_far_from_anchor_points() {
    // Numbers at the first and last sentences only: the centre between
    // them is interpolated, and the band grows towards the middle.
    let src: Vec<String> = (0..401)
        .map(|i| match i {
            0 => "It began in 1901.".to_string(),
            400 => "It ended in 2001.".to_string(),
            _ => "Nothing much happened on that day.".to_string(),
        })
        .collect();
    let tgt: Vec<String> = (0..401)
        .map(|i| match i {
            0 => "Filloi në 1901.".to_string(),
            400 => "Mbaroi në 2001.".to_string(),
            _ => "Asgjë e madhe nuk ndodhi atë ditë.".to_string(),
        })
        .collect();
    let (s, t) = (sents(&src), sents(&tgt));
    let prep = prepare(&s, &t);
    let (center, from_anchor) = anchor_center(&prep, s.len(), t.len());
    assert!(from_anchor[1] <= 1, "{}", from_anchor[1]);
    assert!(
        (195..=200).contains(&from_anchor[200]),
        "{}",
        from_anchor[200]
    );
    let band = first_band(&center, &from_anchor, 10, t.len());
    let width = |i: usize| band.hi[i] - band.lo[i];
    // One more column a side per ten rows from the nearest anchor.
    for i in [30, 100, 200, 300] {
        assert_eq!(width(i), 2 * (10 + from_anchor[i] / 10) + 1, "row {i}");
    }
    assert!(width(200) > width(30));
    // At most SLACK_MAX half-widths more.
    let far = vec![10_000; center.len()];
    let capped = first_band(&center, &far, 10, t.len());
    assert_eq!(
        capped.hi[200] - capped.lo[200],
        2 * (10 + 10 * SLACK_MAX) + 1
    );
}
