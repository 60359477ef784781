//! The review: the sentences of both sides, the beads over them, and the
//! edits a reviewer makes, with undo and redo.
//!
//! Every change replaces a run of consecutive beads by others that cover
//! the same sentences (a [`Splice`]), so the invariant — every sentence
//! of both sides in exactly one bead, in order — holds after any change
//! that passes [`check_splice`], and undo is the same splice backwards.

use std::ops::Range;

use serde::Deserialize;

/// One side of the pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Side {
    /// Language code.
    pub lang: String,
    /// The sentences, in order.
    pub sentences: Vec<String>,
    /// The paragraph of each sentence (non-decreasing).
    pub paragraphs: Vec<usize>,
    /// The kind of block of each sentence as ura's outputs name it
    /// (`heading-1`, `paragraph`, …), or `text` for plain text.
    pub kinds: Vec<String>,
}

impl Side {
    /// The side of a split input.
    pub fn of(text: &crate::side::SideText) -> Side {
        Side {
            lang: text.lang.clone(),
            sentences: text.sentences.clone(),
            paragraphs: text.paragraphs.clone(),
            kinds: text
                .kinds
                .iter()
                .map(|&k| ura_corpus::block_label(k).unwrap_or_else(|| "text".to_string()))
                .collect(),
        }
    }
}

/// A bead of the review: consecutive sentences of each side (either may
/// be empty, not both), the aligner's confidence, and what the reviewer
/// did with it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bead {
    /// Source sentences.
    pub src: Range<usize>,
    /// Target sentences.
    pub tgt: Range<usize>,
    /// The aligner's confidence in [0, 1].
    pub score: f64,
    /// The reviewer marked it right.
    pub reviewed: bool,
    /// The reviewer made it (merge, split, move, link, unlink).
    pub edited: bool,
}

impl Bead {
    /// A bead from the aligner, untouched.
    pub fn aligned(src: Range<usize>, tgt: Range<usize>, score: f64) -> Bead {
        Bead {
            src,
            tgt,
            score,
            reviewed: false,
            edited: false,
        }
    }

    /// A bead the reviewer made: its score is the aligner's no longer, so
    /// it keeps the lower of those it came from.
    fn edited(src: Range<usize>, tgt: Range<usize>, score: f64) -> Bead {
        Bead {
            src,
            tgt,
            score,
            reviewed: false,
            edited: true,
        }
    }

    /// Has a sentence on one side only.
    pub fn is_null(&self) -> bool {
        self.src.is_empty() != self.tgt.is_empty()
    }

    /// Fixed by the reviewer: a constraint when the rest is re-aligned.
    pub fn is_fixed(&self) -> bool {
        self.reviewed || self.edited
    }
}

/// A side of a bead, in an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Which {
    /// The source side.
    Src,
    /// The target side.
    Tgt,
}

/// An edit on the bead at index `bead`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub(crate) enum Edit {
    /// Join the bead with the next one.
    MergeNext {
        /// The bead.
        bead: usize,
    },
    /// Join the bead with the previous one.
    MergePrev {
        /// The bead.
        bead: usize,
    },
    /// Cut the bead in two: the first `src_at` source and `tgt_at` target
    /// sentences stay in the first part.
    Split {
        /// The bead.
        bead: usize,
        /// Source sentences of the first part.
        src_at: usize,
        /// Target sentences of the first part.
        tgt_at: usize,
    },
    /// Give the first sentence of one side to the previous bead.
    MoveFirst {
        /// The bead.
        bead: usize,
        /// The side.
        side: Which,
    },
    /// Give the last sentence of one side to the next bead.
    MoveLast {
        /// The bead.
        bead: usize,
        /// The side.
        side: Which,
    },
    /// Leave every sentence of the bead without a partner (one null bead
    /// each).
    Unlink {
        /// The bead.
        bead: usize,
    },
    /// Pair a null bead with the next one, a null bead of the other side.
    Link {
        /// The bead.
        bead: usize,
    },
    /// Mark the bead reviewed, or not.
    Review {
        /// The bead.
        bead: usize,
        /// Reviewed or not.
        reviewed: bool,
    },
}

/// A change: the `old` beads from index `at` replaced by the `new` ones.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Splice {
    /// Index of the first bead replaced.
    pub at: usize,
    /// The beads replaced.
    pub old: Vec<Bead>,
    /// The beads put in their place.
    pub new: Vec<Bead>,
}

impl Splice {
    /// The splice that undoes this one.
    fn inverse(&self) -> Splice {
        Splice {
            at: self.at,
            old: self.new.clone(),
            new: self.old.clone(),
        }
    }
}

/// A bead of a new alignment: source sentences, target sentences, score.
pub(crate) type Aligned = (Range<usize>, Range<usize>, f64);

/// What a reviewer asks for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Action<'a> {
    /// An edit of a bead.
    Edit(&'a Edit),
    /// Undo the last change.
    Undo,
    /// Redo the last change undone.
    Redo,
    /// Put a new alignment of the whole pair in place, one that holds
    /// every fixed bead (a re-alignment around them).
    Realigned(&'a [Aligned]),
}

/// A change checked and ready to be made ([`Review::plan`]).
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    splice: Splice,
    kind: PlanKind,
}

impl Plan {
    /// The change.
    pub fn splice(&self) -> &Splice {
        &self.splice
    }
}

/// How a plan moves the undo history.
#[derive(Debug, Clone, Copy)]
enum PlanKind {
    Do,
    Undo,
    Redo,
}

/// The most changes kept for undo: a re-alignment can hold every bead.
const UNDO_DEPTH: usize = 500;

/// The review of one pair.
#[derive(Debug)]
pub(crate) struct Review {
    /// The source side.
    pub src: Side,
    /// The target side.
    pub tgt: Side,
    beads: Vec<Bead>,
    /// Counts changes (kept in the review file), so that a page that has
    /// not seen the last change cannot make another.
    version: u64,
    undo: Vec<Splice>,
    redo: Vec<Splice>,
}

impl Review {
    /// A review of `beads` over the two sides, checked.
    pub fn new(src: Side, tgt: Side, beads: Vec<Bead>, version: u64) -> Result<Review, String> {
        check(&beads, src.sentences.len(), tgt.sentences.len())?;
        Ok(Review {
            src,
            tgt,
            beads,
            version,
            undo: Vec::new(),
            redo: Vec::new(),
        })
    }

    /// The beads, in order.
    pub fn beads(&self) -> &[Bead] {
        &self.beads
    }

    /// The number of changes made since the review began.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Whether there is a change to undo, and one to redo.
    pub fn can_undo_redo(&self) -> (bool, bool) {
        (!self.undo.is_empty(), !self.redo.is_empty())
    }

    /// Applies `edit`; on error nothing changes. Returns the change.
    #[cfg(test)]
    pub fn apply(&mut self, edit: &Edit) -> Result<Splice, String> {
        let plan = self.plan(Action::Edit(edit))?;
        Ok(self.commit(plan))
    }

    /// Undoes the last change; returns the change that did it.
    #[cfg(test)]
    pub fn undo(&mut self) -> Result<Splice, String> {
        let plan = self.plan(Action::Undo)?;
        Ok(self.commit(plan))
    }

    /// Redoes the last change undone.
    #[cfg(test)]
    pub fn redo(&mut self) -> Result<Splice, String> {
        let plan = self.plan(Action::Redo)?;
        Ok(self.commit(plan))
    }

    /// Replaces the beads by a re-alignment (see [`Action::Realigned`]).
    #[cfg(test)]
    pub fn realigned(&mut self, aligned: &[Aligned]) -> Result<Splice, String> {
        let plan = self.plan(Action::Realigned(aligned))?;
        Ok(self.commit(plan))
    }

    /// The beads the reviewer fixed (reviewed or edited), as the aligner's
    /// required beads.
    pub fn fixed(&self) -> Vec<(Range<usize>, Range<usize>)> {
        self.beads
            .iter()
            .filter(|b| b.is_fixed())
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect()
    }

    /// The change `action` would make, checked, without making it: the
    /// caller saves the review as it would be first and commits only once
    /// that is on disk, so a failed save changes nothing.
    pub fn plan(&self, action: Action) -> Result<Plan, String> {
        let (splice, kind) = match action {
            Action::Edit(edit) => (self.splice_for(edit)?, PlanKind::Do),
            Action::Undo => (
                self.undo
                    .last()
                    .ok_or("there is nothing to undo")?
                    .inverse(),
                PlanKind::Undo,
            ),
            Action::Redo => (
                self.redo.last().ok_or("there is nothing to redo")?.clone(),
                PlanKind::Redo,
            ),
            Action::Realigned(aligned) => (self.realignment(aligned)?, PlanKind::Do),
        };
        check_splice(&splice)?;
        if self.beads.get(splice.at..splice.at + splice.old.len()) != Some(&splice.old[..]) {
            return Err("the change does not match the beads it replaces".to_string());
        }
        Ok(Plan { splice, kind })
    }

    /// Makes the change `plan` (from [`Review::plan`] on this state) and
    /// returns it.
    pub fn commit(&mut self, plan: Plan) -> Splice {
        let Plan { splice, kind } = plan;
        self.replace(&splice);
        match kind {
            PlanKind::Do => {
                self.undo.push(splice.clone());
                if self.undo.len() > UNDO_DEPTH {
                    self.undo.remove(0);
                }
                self.redo.clear();
            }
            PlanKind::Undo => {
                if let Some(done) = self.undo.pop() {
                    self.redo.push(done);
                }
            }
            PlanKind::Redo => {
                if let Some(undone) = self.redo.pop() {
                    self.undo.push(undone);
                }
            }
        }
        self.version += 1;
        splice
    }

    /// The splice that puts a new alignment of the whole pair in place:
    /// a fixed bead keeps its marks (and takes the new score), every other
    /// comes new from the aligner; only the run of beads that differ is
    /// replaced.
    fn realignment(&self, aligned: &[Aligned]) -> Result<Splice, String> {
        let fixed: std::collections::HashMap<(usize, usize, usize, usize), &Bead> = self
            .beads
            .iter()
            .filter(|b| b.is_fixed())
            .map(|b| ((b.src.start, b.src.end, b.tgt.start, b.tgt.end), b))
            .collect();
        let mut kept = 0;
        let new: Vec<Bead> = aligned
            .iter()
            .map(
                |(src, tgt, score)| match fixed.get(&(src.start, src.end, tgt.start, tgt.end)) {
                    Some(b) => {
                        kept += 1;
                        Bead {
                            score: *score,
                            ..(*b).clone()
                        }
                    }
                    None => Bead::aligned(src.clone(), tgt.clone(), *score),
                },
            )
            .collect();
        if kept != fixed.len() {
            return Err(format!(
                "the new alignment lost {} of the {} fixed beads",
                fixed.len() - kept,
                fixed.len()
            ));
        }
        check(&new, self.src.sentences.len(), self.tgt.sentences.len())?;
        let head = self
            .beads
            .iter()
            .zip(&new)
            .take_while(|(a, b)| a == b)
            .count();
        let tail = self.beads[head..]
            .iter()
            .rev()
            .zip(new[head..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        Ok(Splice {
            at: head,
            old: self.beads[head..self.beads.len() - tail].to_vec(),
            new: new[head..new.len() - tail].to_vec(),
        })
    }

    fn replace(&mut self, s: &Splice) {
        self.beads
            .splice(s.at..s.at + s.old.len(), s.new.iter().cloned());
    }

    /// The bead at `i`, or an error naming it.
    fn bead(&self, i: usize) -> Result<&Bead, String> {
        self.beads.get(i).ok_or_else(|| {
            format!(
                "there is no bead {} (the review has {})",
                i + 1,
                self.beads.len()
            )
        })
    }

    /// The change `edit` makes, not yet applied.
    fn splice_for(&self, edit: &Edit) -> Result<Splice, String> {
        let one = |at: usize, new: Vec<Bead>| -> Result<Splice, String> {
            Ok(Splice {
                at,
                old: vec![self.bead(at)?.clone()],
                new,
            })
        };
        let two = |at: usize, new: Vec<Bead>| -> Result<Splice, String> {
            Ok(Splice {
                at,
                old: vec![self.bead(at)?.clone(), self.bead(at + 1)?.clone()],
                new,
            })
        };
        match *edit {
            Edit::MergeNext { bead } | Edit::MergePrev { bead } => {
                let at = match edit {
                    Edit::MergePrev { .. } => bead
                        .checked_sub(1)
                        .ok_or("the first bead has no bead before it")?,
                    _ => bead,
                };
                let (a, b) = (
                    self.bead(at)?,
                    self.bead(at + 1)
                        .map_err(|_| "the last bead has no bead after it".to_string())?,
                );
                let merged = Bead::edited(
                    a.src.start..b.src.end,
                    a.tgt.start..b.tgt.end,
                    a.score.min(b.score),
                );
                two(at, vec![merged])
            }
            Edit::Split {
                bead,
                src_at,
                tgt_at,
            } => {
                let b = self.bead(bead)?;
                if src_at > b.src.len() || tgt_at > b.tgt.len() {
                    return Err(format!(
                        "bead {} has {} source and {} target sentences: it cannot be cut after {src_at} and {tgt_at}",
                        bead + 1,
                        b.src.len(),
                        b.tgt.len()
                    ));
                }
                let (s, t) = (b.src.start + src_at, b.tgt.start + tgt_at);
                let first = Bead::edited(b.src.start..s, b.tgt.start..t, b.score);
                let second = Bead::edited(s..b.src.end, t..b.tgt.end, b.score);
                if first.src.is_empty() && first.tgt.is_empty()
                    || second.src.is_empty() && second.tgt.is_empty()
                {
                    return Err("each part of a split must keep a sentence".to_string());
                }
                one(bead, vec![first, second])
            }
            Edit::MoveFirst { bead, side } => {
                let at = bead
                    .checked_sub(1)
                    .ok_or("the first bead has no bead before it to take the sentence")?;
                let (prev, b) = (self.bead(at)?, self.bead(bead)?);
                let (mut p, mut c) = (prev.clone(), b.clone());
                let (pr, cr) = match side {
                    Which::Src => (&mut p.src, &mut c.src),
                    Which::Tgt => (&mut p.tgt, &mut c.tgt),
                };
                if cr.start == cr.end {
                    return Err(format!("bead {} has no sentence on that side", bead + 1));
                }
                pr.end += 1;
                cr.start += 1;
                let new = [mark(p), mark(c)]
                    .into_iter()
                    .filter(|x| !(x.src.is_empty() && x.tgt.is_empty()))
                    .collect();
                two(at, new)
            }
            Edit::MoveLast { bead, side } => {
                let (b, next) = (
                    self.bead(bead)?,
                    self.bead(bead + 1).map_err(|_| {
                        "the last bead has no bead after it to take the sentence".to_string()
                    })?,
                );
                let (mut c, mut n) = (b.clone(), next.clone());
                let (cr, nr) = match side {
                    Which::Src => (&mut c.src, &mut n.src),
                    Which::Tgt => (&mut c.tgt, &mut n.tgt),
                };
                if cr.start == cr.end {
                    return Err(format!("bead {} has no sentence on that side", bead + 1));
                }
                cr.end -= 1;
                nr.start -= 1;
                let new = [mark(c), mark(n)]
                    .into_iter()
                    .filter(|x| !(x.src.is_empty() && x.tgt.is_empty()))
                    .collect();
                two(bead, new)
            }
            Edit::Unlink { bead } => {
                let b = self.bead(bead)?;
                if b.src.is_empty() || b.tgt.is_empty() {
                    return Err(format!("bead {} has no pair to unlink", bead + 1));
                }
                let new = b
                    .src
                    .clone()
                    .map(|i| Bead::edited(i..i + 1, b.tgt.start..b.tgt.start, b.score))
                    .chain(
                        b.tgt
                            .clone()
                            .map(|j| Bead::edited(b.src.end..b.src.end, j..j + 1, b.score)),
                    )
                    .collect();
                one(bead, new)
            }
            Edit::Link { bead } => {
                let (a, b) = (
                    self.bead(bead)?,
                    self.bead(bead + 1)
                        .map_err(|_| "the last bead has no bead after it to link".to_string())?,
                );
                let opposite = a.is_null() && b.is_null() && (a.src.is_empty() != b.src.is_empty());
                if !opposite {
                    return Err(format!(
                        "beads {} and {} are not a source sentence and a target sentence left without a partner",
                        bead + 1,
                        bead + 2
                    ));
                }
                let linked = Bead::edited(
                    a.src.start..b.src.end,
                    a.tgt.start..b.tgt.end,
                    a.score.min(b.score),
                );
                two(bead, vec![linked])
            }
            Edit::Review { bead, reviewed } => {
                let b = self.bead(bead)?;
                if b.reviewed == reviewed {
                    return Err(format!(
                        "bead {} is {} already",
                        bead + 1,
                        if reviewed { "reviewed" } else { "not reviewed" }
                    ));
                }
                one(
                    bead,
                    vec![Bead {
                        reviewed,
                        ..b.clone()
                    }],
                )
            }
        }
    }
}

/// A bead after an edit moved its sentences.
fn mark(b: Bead) -> Bead {
    Bead { edited: true, ..b }
}

/// Checks that `splice` keeps the invariant: its new beads cover exactly
/// the sentences of the old ones, in order, none of them empty.
pub(crate) fn check_splice(splice: &Splice) -> Result<(), String> {
    let start = |b: &[Bead]| b.first().map(|b| (b.src.start, b.tgt.start));
    let end = |b: &[Bead]| b.last().map(|b| (b.src.end, b.tgt.end));
    if splice.new.is_empty() && !splice.old.is_empty() {
        return Err("the change would drop sentences".to_string());
    }
    if !splice.new.is_empty()
        && (start(&splice.old) != start(&splice.new) || end(&splice.old) != end(&splice.new))
    {
        return Err("the change would move sentences out of their place".to_string());
    }
    contiguous(&splice.new)
}

/// Checks that each bead holds a sentence and starts where the previous
/// one ends.
fn contiguous(beads: &[Bead]) -> Result<(), String> {
    for (k, w) in beads.windows(2).enumerate() {
        if w[1].src.start != w[0].src.end || w[1].tgt.start != w[0].tgt.end {
            return Err(format!(
                "bead {} does not start where bead {} ends: a sentence would be lost or doubled",
                k + 2,
                k + 1
            ));
        }
    }
    for (k, b) in beads.iter().enumerate() {
        if b.src.is_empty() && b.tgt.is_empty() {
            return Err(format!("bead {} would hold no sentence", k + 1));
        }
        if b.src.start > b.src.end || b.tgt.start > b.tgt.end {
            return Err(format!(
                "bead {} has a range that ends before it starts",
                k + 1
            ));
        }
    }
    Ok(())
}

/// Checks the invariant over a whole review: the beads cover the `n`
/// source and `m` target sentences, each once, in order.
pub(crate) fn check(beads: &[Bead], n: usize, m: usize) -> Result<(), String> {
    contiguous(beads)?;
    let start = beads.first().map_or((0, 0), |b| (b.src.start, b.tgt.start));
    let end = beads.last().map_or((0, 0), |b| (b.src.end, b.tgt.end));
    if start != (0, 0) || end != (n, m) {
        return Err(format!(
            "the beads cover source sentences {}..{} and target sentences {}..{}, not all {n} and {m}",
            start.0, end.0, start.1, end.1
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
