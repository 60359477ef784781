//! Structure as evidence: the class of each sentence (heading, body, list
//! item, …) and the time span of subtitle cues.

use crate::Sentence;

/// What part of a document a sentence comes from. The aligner knows no
/// file format: a reader maps its own kinds of block onto these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// A title or heading.
    Heading,
    /// Body text (a paragraph).
    Body,
    /// An item of a list.
    ListItem,
    /// A cell of a table.
    TableCell,
    /// A caption of a figure or table.
    Caption,
    /// A footnote or endnote.
    Footnote,
    /// A subtitle cue.
    Cue,
}

impl Class {
    /// The class as one bit of a set.
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// Nats a bead pays when its two sides hold sentences of different
/// classes (a heading paired with body text, a table cell with text
/// outside the table).
pub(crate) const CLASS_MISMATCH: f64 = 3.0;

/// Nats a bead gains per unit of the overlap of its two sides' time
/// spans (intersection over union), as the lexical anchors gain per unit
/// of Dice.
pub(crate) const TIME_WEIGHT: f64 = 6.0;

/// Nats a bead pays when both sides have time spans that do not
/// overlap at all.
pub(crate) const TIME_APART: f64 = 2.0;

/// The structure of one side: per sentence, its class (as a bit, 0 for
/// none) and its time span.
#[derive(Debug, Default)]
pub(crate) struct Structure {
    class: Vec<u8>,
    time: Vec<Option<(u64, u64)>>,
}

/// The largest clock offset between two subtitle files looked for, in ms.
const MAX_OFFSET: i64 = 60_000;

/// The total time covered by both `a` and `b` (each sorted by start, not
/// overlapping itself) when `b` is moved by `shift` ms.
fn shared_time(a: &[(i64, i64)], b: &[(i64, i64)], shift: i64) -> i64 {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while let (Some(&(s1, e1)), Some(&(s2, e2))) = (a.get(i), b.get(j)) {
        let (s2, e2) = (s2 + shift, e2 + shift);
        total += (e1.min(e2) - s1.max(s2)).max(0);
        if e1 < e2 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

/// The union of the time spans of `times`, sorted.
fn coverage(times: &[Option<(u64, u64)>]) -> Vec<(i64, i64)> {
    let mut spans: Vec<(i64, i64)> = times
        .iter()
        .flatten()
        .map(|&(s, e)| {
            let s = i64::try_from(s).unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
            let e = i64::try_from(e).unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
            (s, e.max(s))
        })
        .collect();
    spans.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

impl Structure {
    /// Moves this side's times by the offset (within ±[`MAX_OFFSET`])
    /// that makes them overlap `other`'s most: two releases of a film
    /// can be out of sync by a constant. The search takes steps of 500 ms,
    /// then of 20 ms around the best; no offset wins ties.
    pub fn sync_to(&mut self, other: &Structure) {
        let (a, b) = (coverage(&other.time), coverage(&self.time));
        if a.is_empty() || b.is_empty() {
            return;
        }
        let best = |candidates: &mut dyn Iterator<Item = i64>, start: i64| {
            let mut best = (shared_time(&a, &b, start), start);
            for d in candidates {
                let t = shared_time(&a, &b, d);
                if t > best.0 || (t == best.0 && d.abs() < best.1.abs()) {
                    best = (t, d);
                }
            }
            best.1
        };
        let coarse = best(&mut (-MAX_OFFSET..=MAX_OFFSET).step_by(500), 0);
        let fine = best(&mut (coarse - 500..=coarse + 500).step_by(20), coarse);
        if fine == 0 {
            return;
        }
        for (s, e) in self.time.iter_mut().flatten() {
            let moved = |t: u64| {
                u64::try_from(i64::try_from(t).unwrap_or(i64::MAX).saturating_add(fine))
                    .unwrap_or(0)
            };
            (*s, *e) = (moved(*s), moved(*e));
        }
    }
}

/// What the cost function needs of the structure of a span of
/// sentences.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct SpanStructure {
    /// The set of the classes of its sentences (0: none known).
    pub class: u8,
    /// From the earliest start to the latest end of its timed sentences.
    pub time: Option<(u64, u64)>,
}

impl Structure {
    /// The structure of `sents`; empty (and free to query) when no
    /// sentence has a class or a time.
    pub fn of(sents: &[Sentence]) -> Structure {
        let mut s = Structure::default();
        if sents.iter().any(|x| x.class.is_some()) {
            s.class = sents
                .iter()
                .map(|x| x.class.map_or(0, Class::bit))
                .collect();
        }
        if sents.iter().any(|x| x.time.is_some()) {
            s.time = sents.iter().map(|x| x.time).collect();
        }
        s
    }

    /// Whether no sentence has a class or a time: every span's structure
    /// is then the default one.
    pub fn is_empty(&self) -> bool {
        self.class.is_empty() && self.time.is_empty()
    }

    /// The structure of sentences `a..b` (a span is at most a few
    /// sentences long).
    pub fn span(&self, a: usize, b: usize) -> SpanStructure {
        let class = self
            .class
            .get(a..b)
            .map_or(0, |c| c.iter().fold(0, |acc, &x| acc | x));
        let time = self.time.get(a..b).and_then(|t| {
            t.iter()
                .flatten()
                .fold(None, |acc: Option<(u64, u64)>, &(s, e)| {
                    Some(acc.map_or((s, e), |(s0, e0)| (s0.min(s), e0.max(e))))
                })
        });
        SpanStructure { class, time }
    }
}

/// The structural cost of a bead whose sides have structures `a` and `b`:
/// [`CLASS_MISMATCH`] when both sides have classes and their sets
/// differ; with time spans on both sides, `−TIME_WEIGHT · overlap` (the
/// overlap as intersection over union) or [`TIME_APART`] when they do not
/// overlap.
pub(crate) fn cost(a: &SpanStructure, b: &SpanStructure) -> f64 {
    let mut cost = 0.0;
    if a.class != 0 && b.class != 0 && a.class != b.class {
        cost += CLASS_MISMATCH;
    }
    if let (Some(x), Some(y)) = (a.time, b.time) {
        let overlap = time_overlap(x, y);
        if overlap > 0.0 {
            cost -= TIME_WEIGHT * overlap;
        } else {
            cost += TIME_APART;
        }
    }
    cost
}

/// Intersection over union of two time spans (0 when they do not
/// overlap; two equal instants overlap fully).
fn time_overlap((s1, e1): (u64, u64), (s2, e2): (u64, u64)) -> f64 {
    let (e1, e2) = (e1.max(s1), e2.max(s2));
    let inter = e1.min(e2).saturating_sub(s1.max(s2));
    let union = e1.max(e2) - s1.min(s2);
    if union == 0 {
        return f64::from(u8::from(s1 == s2));
    }
    inter as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_sets_and_time_spans_of_spans() {
        let sents = [
            Sentence::new("A", 0).with_class(Class::Heading),
            Sentence::new("B", 1)
                .with_class(Class::Body)
                .with_time(1000, 2000),
            Sentence::new("C", 1).with_time(1500, 3000),
        ];
        let s = Structure::of(&sents);
        assert_eq!(s.span(0, 1).class, Class::Heading.bit());
        assert_eq!(s.span(0, 2).class, Class::Heading.bit() | Class::Body.bit());
        assert_eq!(s.span(2, 3).class, 0);
        assert_eq!(s.span(0, 1).time, None);
        assert_eq!(s.span(0, 3).time, Some((1000, 3000)));
        let plain = Structure::of(&[Sentence::new("x", 0)]);
        assert!(plain.class.is_empty() && plain.time.is_empty());
        assert_eq!(plain.span(0, 1).class, 0);
    }

    #[test]
    fn a_constant_clock_offset_is_found() {
        let times = |v: &[(u64, u64)], shift: u64| -> Vec<Sentence<'static>> {
            v.iter()
                .map(|&(a, b)| Sentence::new("x", 0).with_time(a + shift, b + shift))
                .collect()
        };
        let cues = [(1000, 2500), (3000, 3400), (5000, 9000), (9500, 12000)];
        let src = Structure::of(&times(&cues, 0));
        for shift in [0, 40, 1500, 30_000] {
            let mut tgt = Structure::of(&times(&cues, shift));
            tgt.sync_to(&src);
            assert_eq!(tgt.time, src.time, "{shift}");
        }
        // No times on one side: nothing moves.
        let mut tgt = Structure::of(&times(&cues, 700));
        tgt.sync_to(&Structure::of(&[Sentence::new("x", 0)]));
        assert_eq!(tgt.span(0, 1).time, Some((1700, 3200)));
    }

    #[test]
    fn costs() {
        let cls = |c: &[Class]| SpanStructure {
            class: c.iter().fold(0, |a, c| a | c.bit()),
            time: None,
        };
        let (h, b, hb) = (
            cls(&[Class::Heading]),
            cls(&[Class::Body]),
            cls(&[Class::Heading, Class::Body]),
        );
        assert_eq!(cost(&h, &h), 0.0);
        assert_eq!(cost(&h, &b), CLASS_MISMATCH);
        assert_eq!(cost(&hb, &b), CLASS_MISMATCH);
        // Unknown on one side: no evidence either way.
        assert_eq!(cost(&h, &cls(&[])), 0.0);
        let t = |s, e| SpanStructure {
            class: 0,
            time: Some((s, e)),
        };
        assert_eq!(cost(&t(0, 1000), &t(0, 1000)), -TIME_WEIGHT);
        assert_eq!(cost(&t(0, 1000), &t(500, 1500)), -TIME_WEIGHT / 3.0);
        assert_eq!(cost(&t(0, 1000), &t(1000, 2000)), TIME_APART);
        assert_eq!(cost(&t(5, 5), &t(5, 5)), -TIME_WEIGHT);
        assert_eq!(cost(&t(9, 2), &t(0, 1)), TIME_APART);
    }
}

/// The aligner with and without structure, on synthetic documents.
#[cfg(test)]
mod evidence {
    use crate::{AlignerBuilder, Class, Sentence};

    type Beads = Vec<(Vec<usize>, Vec<usize>)>;

    fn align(src: &[Sentence], tgt: &[Sentence]) -> Beads {
        AlignerBuilder::new()
            .build()
            .align(src, tgt)
            .beads
            .iter()
            .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
            .collect()
    }

    /// One paragraph per sentence, with classes or without.
    fn blocks<'a>(v: &[(&'a str, Class)], classes: bool) -> Vec<Sentence<'a>> {
        v.iter()
            .enumerate()
            .map(|(k, &(t, c))| {
                let s = Sentence::new(t, k);
                if classes {
                    s.with_class(c)
                } else {
                    s
                }
            })
            .collect()
    }

    /// An untranslated block on each side at the same place: the source's
    /// of `class`, the target's a translator's note. Without classes the
    /// two are paired; a bead of different classes pays, so each is left
    /// alone.
    fn untranslated_blocks_of_other_classes_stay_apart(class: Class) {
        use Class::{Body, Heading};
        let src = [
            ("The camp", Heading),
            (
                "Their status in the country remains unclear to everyone.",
                Body,
            ),
            ("Background and context", class),
            (
                "Many of them have no work and depend on help from relatives abroad.",
                Body,
            ),
            ("Their families want to contact them but cannot.", Body),
        ];
        let tgt = [
            ("Kampi", Heading),
            (
                "Statusi i tyre në vend mbetet i paqartë për të gjithë.",
                Body,
            ),
            ("Ky artikull u përkthye nga anglishtja.", Body),
            (
                "Shumë prej tyre nuk kanë punë dhe varen nga ndihma e të afërmve jashtë.",
                Body,
            ),
            (
                "Familjet e tyre duan t'i kontaktojnë, por nuk munden.",
                Body,
            ),
        ];
        let one = |a: usize, b: usize| (vec![a], vec![b]);
        let without = align(&blocks(&src, false), &blocks(&tgt, false));
        assert_eq!(
            without,
            [one(0, 0), one(1, 1), one(2, 2), one(3, 3), one(4, 4)]
        );
        let with = align(&blocks(&src, true), &blocks(&tgt, true));
        assert_eq!(
            with,
            [
                one(0, 0),
                one(1, 1),
                (vec![], vec![2]),
                (vec![2], vec![]),
                one(3, 3),
                one(4, 4)
            ]
        );
    }

    #[test]
    fn a_heading_is_not_paired_with_body_text() {
        untranslated_blocks_of_other_classes_stay_apart(Class::Heading);
    }

    #[test]
    fn a_table_cell_is_not_paired_with_text_outside_the_table() {
        untranslated_blocks_of_other_classes_stay_apart(Class::TableCell);
    }

    #[test]
    fn cue_times_anchor_subtitles() {
        // (cue, start, end, text): the target cuts one cue in two, has no
        // cue for a song, and makes one sentence of two.
        let src = [
            (0, 1000, 3000, "Where are you going so late?"),
            (1, 3500, 5000, "Home."),
            (
                2,
                5200,
                8000,
                "It is late, and the roads are dangerous at night.",
            ),
            (3, 9000, 11000, "Sing with me, my friend."),
            (4, 11500, 14000, "I know."),
            (4, 11500, 14000, "I will be careful."),
            (5, 14500, 16000, "Good night, then."),
        ];
        let tgt = [
            (0, 1000, 3000, "Ku po shkon kaq vonë?"),
            (1, 3500, 5000, "Në shtëpi."),
            (2, 5200, 6500, "Është vonë,"),
            (3, 6500, 8000, "dhe rrugët janë të rrezikshme natën."),
            (4, 11500, 14000, "E di, do të kem kujdes."),
            (5, 14500, 16000, "Natën e mirë, pra."),
        ];
        let cues = |v: &[(usize, u64, u64, &'static str)], timed: bool| -> Vec<Sentence<'static>> {
            v.iter()
                .map(|&(p, a, b, t)| {
                    let s = Sentence::new(t, p).with_class(Class::Cue);
                    if timed {
                        s.with_time(a, b)
                    } else {
                        s
                    }
                })
                .collect()
        };
        let b = |s: &[usize], t: &[usize]| (s.to_vec(), t.to_vec());
        let timed = align(&cues(&src, true), &cues(&tgt, true));
        assert_eq!(
            timed,
            [
                b(&[0], &[0]),
                b(&[1], &[1]),
                b(&[2], &[2, 3]),
                b(&[3], &[]),
                b(&[4, 5], &[4]),
                b(&[6], &[5])
            ]
        );
        // Another release, 2.4 s late: its clock is moved back first.
        let late: Vec<_> = tgt
            .iter()
            .map(|&(p, a, b, t)| (p, a + 2400, b + 2400, t))
            .collect();
        assert_eq!(align(&cues(&src, true), &cues(&late, true)), timed);
        // By length and paragraphs alone, the song takes the merged
        // sentence's place.
        let untimed = align(&cues(&src, false), &cues(&tgt, false));
        assert_ne!(untimed, timed);
    }
}
