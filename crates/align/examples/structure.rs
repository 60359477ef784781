//! What cue times are worth: turns a gold-aligned pair of presegmented
//! documents into a synthetic pair of subtitle files and aligns it with
//! and without the times.
//!
//! Each gold bead becomes a stretch of the film's clock, as long as its
//! longer side takes to read (60 ms a character, 300 ms between
//! stretches); each side's sentences of the bead share it in proportion
//! to their lengths, one cue each, so the two languages cut the stretch
//! into cues differently; a sentence without a counterpart gets a
//! stretch of its own, on its side only. Cue edges are moved by up to
//! `JITTER` ms (a seeded generator), and the target clock by `OFFSET` ms
//! (two releases of a film out of sync). Every cue is a paragraph, as
//! the subtitle readers give them.
//!
//! ```sh
//! cargo run --release -p ura-align --example structure -- SRC TGT GOLD [JITTER] [OFFSET]
//! ```
//!
//! `SRC`, `TGT`: one sentence per line (blank lines are skipped);
//! `GOLD`: one bead per line, `[src ids]:[tgt ids]`. Prints strict
//! precision, recall and F1 (null beads counted as the eval script
//! does) for the cues by length alone and for the cues with times.

use std::collections::HashSet;
use std::error::Error;

use ura_align::{AlignerBuilder, Class, Sentence};

type Bead = (Vec<usize>, Vec<usize>);

fn ids(s: &str) -> Vec<usize> {
    s.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .filter_map(|x| x.trim().parse().ok())
        .collect()
}

/// Splits k-0 and 0-k beads into single null beads, as the gold does.
fn split_nulls(beads: Vec<Bead>) -> HashSet<Bead> {
    let mut out = HashSet::new();
    for (s, t) in beads {
        if s.is_empty() || t.is_empty() {
            out.extend(s.iter().map(|&i| (vec![i], vec![])));
            out.extend(t.iter().map(|&j| (vec![], vec![j])));
        } else {
            out.insert((s, t));
        }
    }
    out
}

/// Strict precision, recall and F1 of `pred` against `gold`.
fn score(pred: &HashSet<Bead>, gold: &HashSet<Bead>) -> (f64, f64, f64) {
    let nonnull = |b: &&Bead| !b.0.is_empty() && !b.1.is_empty();
    let hits = pred.intersection(gold).count() as f64;
    let p = hits / pred.len().max(1) as f64;
    let gold_nn: HashSet<&Bead> = gold.iter().filter(nonnull).collect();
    let pred_nn: HashSet<&Bead> = pred.iter().filter(nonnull).collect();
    let r = gold_nn.intersection(&pred_nn).count() as f64 / gold_nn.len().max(1) as f64;
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

/// Cues, one sentence each, timed or not.
fn cues<'a>(v: &'a [String], times: &[(u64, u64)], timed: bool) -> Vec<Sentence<'a>> {
    v.iter()
        .zip(times)
        .enumerate()
        .map(|(k, (text, &(a, b)))| {
            let s = Sentence::new(text, k).with_class(Class::Cue);
            if timed {
                s.with_time(a, b)
            } else {
                s
            }
        })
        .collect()
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, tgt, gold, rest @ ..] = args.as_slice() else {
        return Err("usage: structure SRC TGT GOLD [JITTER_MS] [OFFSET_MS]".into());
    };
    let jitter: u64 = rest.first().map_or(Ok(150), |s| s.parse())?;
    let offset: u64 = rest.get(1).map_or(Ok(0), |s| s.parse())?;
    let read = |p: &str| -> Result<Vec<String>, Box<dyn Error>> {
        Ok(std::fs::read_to_string(p)?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect())
    };
    let (src, tgt) = (read(src)?, read(tgt)?);
    let gold: Vec<Bead> = std::fs::read_to_string(gold)?
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(s, t)| (ids(s), ids(t)))
        .collect();
    // Times from the gold beads.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut jit = |t: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = (seed >> 33) % (2 * jitter + 1);
        (t + j).saturating_sub(jitter)
    };
    let (mut src_time, mut tgt_time) = (vec![(0, 0); src.len()], vec![(0, 0); tgt.len()]);
    let mut clock = 1000u64;
    let chars = |v: &[String], k: &[usize]| -> u64 {
        k.iter()
            .map(|&i| v.get(i).map_or(0, |s| s.chars().count() as u64))
            .sum()
    };
    for (s, t) in &gold {
        let span = 60 * chars(&src, s).max(chars(&tgt, t)).max(1);
        for (text, side, times, shift) in [
            (&src, s, &mut src_time, 0),
            (&tgt, t, &mut tgt_time, offset),
        ] {
            let total = chars(text, side).max(1);
            let mut at = clock;
            for &i in side {
                let len = span * chars(text, &[i]) / total;
                if let Some(slot) = times.get_mut(i) {
                    *slot = (jit(at) + shift, jit(at + len) + shift);
                }
                at += len;
            }
        }
        clock += span + 300;
    }
    let gold = split_nulls(gold);
    let aligner = AlignerBuilder::new().build();
    for timed in [false, true] {
        let a = aligner.align(&cues(&src, &src_time, timed), &cues(&tgt, &tgt_time, timed));
        let pred = split_nulls(
            a.beads
                .iter()
                .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
                .collect(),
        );
        let (p, r, f) = score(&pred, &gold);
        println!(
            "{:<12} P {p:.3}  R {r:.3}  F1 {f:.3}",
            if timed { "with times" } else { "by length" }
        );
    }
    Ok(())
}
