//! Length-and-anchor sentence alignment.
//!
//! `ura-align` aligns the sentences of a text and its translation. The
//! result is an ordered list of [`Bead`]s that covers every sentence of
//! both sides exactly once, each with a confidence in [0, 1].
//!
//! ```
//! use ura_align::{AlignerBuilder, Sentence};
//! let src = ["He was born in 1950.", "He died in 2010.", "The end."];
//! let tgt = ["Ai lindi në 1950.", "Vdiq në 2010.", "Fundi."];
//! let s: Vec<Sentence> = src.iter().map(|t| Sentence::new(t, 0)).collect();
//! let t: Vec<Sentence> = tgt.iter().map(|t| Sentence::new(t, 0)).collect();
//! let alignment = AlignerBuilder::new().build().align(&s, &t);
//! assert_eq!(alignment.beads.len(), 3);
//! assert_eq!(alignment.beads[1].src, 1..2);
//! assert_eq!(alignment.beads[1].tgt, 1..2);
//! ```
//!
//! # The model
//!
//! Dynamic programming over *beads*: groups of 0–4 consecutive source
//! sentences aligned with 0–4 consecutive target sentences (shapes 1-1,
//! 1-0, 0-1, 1-2, 2-1, 2-2, 1-3, 3-1, and, by default, 1-4, 4-1, 2-3,
//! 3-2). The cost of a bead, in nats, is the sum of:
//!
//! - **Length** (Gale & Church 1993): with source and target lengths `l1`,
//!   `l2` in characters (whitespace excluded), `δ = (l2 − c·l1) /
//!   sqrt(s²·(l1 + l2/c)/2)` and cost `−ln(2·(1 − Φ(|δ|)))`, capped at 30.
//!   The ratio `c` is estimated from the pair (total target characters over
//!   total source characters) and the variance scales with it,
//!   `s² = 6.8·c·min(c, 1)`: 6.8 per character of the side written with
//!   more characters, in that side's units, so that a Chinese–English
//!   pair is priced like a French–English one, and a pair is priced the
//!   same whichever side is the source (with `s² = 6.8·c` English→Chinese
//!   scored 0.677 strict F1 on the development set against 0.723 for
//!   Chinese→English).
//! - **Prior** of the shape, `−ln P(shape)`, after Gale & Church (1-1
//!   0.89, 2-1 and 1-2 0.0445 each, 2-2 0.011, 1-3 and 3-1 0.003, larger
//!   shapes 0.001).
//! - **Anchors**, for each feature, `−w·Dice` over the items of the two
//!   sides of the bead that match, plus a small penalty when both sides
//!   have items and none match. Only items that have a partner somewhere in
//!   the other document count. Features: numbers (normalised: `1.000.000`
//!   = `1,000,000` = `1 000 000`, `09` = `9`, Arabic-Indic digits; a
//!   dotted date `10.9.2017` is its parts, as in `9/10/2017`, and a time
//!   `10.30` its hours and minutes, as in `10:30`), words that are
//!   identical or cognate (lower-cased, diacritics stripped, Cyrillic and
//!   Greek written in Latin letters, 4+ letters or acronyms; the most
//!   alike word with the same 4-letter prefix, both ways, or normalised
//!   Levenshtein ≥ 0.7: `Tirana`/`Tiranë`,
//!   `Iraq`/`Irak`, `Трамп`/`Trump`; and, in a pair of which one side is
//!   Chinese, names: each two Chinese characters in pinyin against the
//!   capitalised words of the other side that are capitalised somewhere
//!   other than at a sentence start, identically only, `清扬`/`Qingyang`,
//!   leaving out a pinyin pair found in more than twice as many sentences
//!   as its name, plus two, a word that sounds alike), a lexicon (learned, see below, or
//!   given), and punctuation that survives translation (`? ! : ;`, double
//!   and single quotes but not apostrophes, brackets, dashes; Greek `;`
//!   counted as `?`, Spanish `¿ ¡` not counted; in pass 1,
//!   `−6·Dice`; in pass 2, a learned cost per agreement bin, see below).
//! - **Paragraphs**: a bead that crosses a paragraph boundary on one side
//!   only, or starts a paragraph on one side only, pays a penalty.
//! - **Structure**, when the caller knows it ([`Sentence::with_class`],
//!   [`Sentence::with_time`]; plain text has none and pays nothing):
//!   a bead whose two sides both hold sentences of known [`Class`] and
//!   whose sets of classes differ pays 3.0 (a heading paired with body
//!   text, a table cell with text outside the table, a heading merged
//!   into the paragraph after it). A bead whose two sides both have time
//!   spans (each side's from its earliest start to its latest end) gains
//!   `6·overlap`, the overlap being intersection over union, or pays 2.0
//!   when they do not overlap: the subtitles of one film share its clock,
//!   though the two languages cut its speech into cues differently (two
//!   releases can be out of sync by a constant: the target's clock is
//!   first moved by the offset, within ±60 s, that makes the two sides'
//!   speech overlap most, searched in steps of 500 ms, then 20 ms). Such
//!   a bead pays no paragraph terms (above): each cue is a paragraph, and
//!   time is the better evidence of where a unit ends. Sentences with
//!   neither cost nothing more to price. On synthetic subtitle pairs made
//!   from the development sets' gold (`examples/structure.rs`: one cue
//!   per sentence, each bead a stretch of the clock, edges moved by up to
//!   150 ms), times raise strict F1 from 0.716 to 0.895 (de-fr) and from
//!   0.934 to 0.990 (hu-en), the same with the target's clock 1 s or
//!   7.3 s late (without the offset search, 1 s late: 0.847 and 0.862).
//! - **Orphan initials**: when both texts are written in the same script,
//!   a bead holding a sentence with an initial ("M." of "M.B.") that
//!   occurs nowhere in the other text pays 3.0: names are copied in
//!   translation, so such a sentence (a byline that differs) most likely
//!   has no counterpart.
//!
//! A bead whose sides both have items of a feature but share none, or
//! where only one side has items of it, pays a small penalty.
//!
//! **Null beads** (1-0, 0-1) have no length or anchor term; a run of them
//! pays an opening cost (5.3, Gale & Church's 1% prior) once and a smaller
//! cost (2.5) per further sentence, so that a block of untranslated
//! captions is left unaligned rather than glued to a neighbour. Opening is
//! cheaper for sentences that look untranslated: one written mostly in a
//! script foreign to its side (a Persian caption in an English article,
//! 1.0), one with no anchorable item at all after the lexicon is learned
//! (a source tag, 2.5), and a one-line paragraph without final punctuation
//! (bylines, datelines, source lines: 1.5 to open, 0.7 to extend, since
//! news sites rewrite such metadata rather than translate it). A sentence
//! that starts a paragraph pays the paragraph-start penalty (1.5) to be
//! left unaligned where the other text is inside a paragraph, as a bead
//! that starts a paragraph on one side only does: a paragraph the
//! translation lacks is left out whole, at a paragraph boundary of the
//! other text, rather than its gap drawn a few sentences off where
//! nothing anchors them (positions between timed sentences count as
//! boundaries: in subtitles time tells where a unit ends).
//!
//! **Null beads reviewed.** After the search, each null bead's local
//! alternatives are priced with the same costs: joining its sentence to
//! the bead before it or after it (at the edge of its run), or pairing
//! it with a null sentence of the other side next to it. One that joining
//! makes cheaper — possible only for a shape the lattice does not search,
//! 1-5 or 3-3 — is joined (de-fr 0.887 → 0.895 strict F1, zh-en 0.749 →
//! 0.750). The cheapest join is kept as the bead's [`Bead::attach`]: the
//! neighbour it most likely belongs to, for
//! [`Alignment::attach_unaligned`].
//!
//! **Two passes.** Pass 1 aligns with the features above; the word pairs
//! that co-occur in its 1-1 beads are scored by Dice (co-occurrence ≥ 2,
//! Dice ≥ 0.3, each word keeping its best partner) and become a lexicon;
//! pass 2 aligns again with it. Pass 1's path also re-estimates, for
//! pass 2, the shape priors (its shape counts smoothed towards Gale &
//! Church's with the weight of 100 beads: a translation that splits most
//! sentences in two makes 1-2 cheap) and the worth of punctuation
//! agreement (per bin — no marks, marks on one side, none shared, Dice
//! below ½, below 1, and 1 — the log-ratio of its frequency in pass 1's
//! 1-1 beads to that in the pairs one sentence off them). A user
//! dictionary ([`AlignerBuilder::dictionary`]) is used in both passes.
//!
//! Pass 1 searches the shapes of up to 3 sentences a side (the larger ones
//! cost most to price and only pass 2 needs them); pass 2 searches a band
//! of ±6 around pass 1's path.
//!
//! **Linear scaling.** The DP only visits a band around an anchor path:
//! items that occur in as many sentences on each side (up to 1,000),
//! their k-th occurrences paired, give anchor points; their longest
//! increasing chain, interpolated by character position, is the centre of
//! a band of ±`band` sentences (default 10), one more a side per ten
//! rows of distance from the nearest anchor point, up to four times
//! `band` more (between anchor points far apart, a stretch whose ratio of
//! lengths differs from the rest takes the path far from the interpolated
//! centre: six novels aligned as one file went from 0.638 to 0.757 strict
//! F1 with it). Where the best path touches
//! the edge of the band, the band is widened there (more each round) and
//! the DP run again, pricing only the new cells. Pass 2 uses a band around
//! pass 1's path. Time and memory are O((n + m)·band).
//!
//! **Confidence.** Each bead's score starts from its posterior probability
//! under the same lattice (forward–backward, costs divided by a
//! temperature, default 1.6). The posterior alone is sure of a bead that
//! wins only because every alternative is worse — typically one part of a
//! larger unit that the translation cuts at other places — so it is
//! weighed by evidence of the bead itself: score = posterior^0.6 ·
//! e^(−0.05·|δ|) · e^(−0.3·a) · 0.95^(k+l−2) for a k-l bead, with δ the
//! length deviation of Gale & Church's model, and a the bead's *stray
//! anchors*: numbers and words (identical or cognate) of one side of the
//! bead that have no match in its other side but do match a sentence
//! next to it there (just before or after it; for a null bead, on either
//! side of the gap it fills), each weighed by 1/d for an item found in d
//! sentences. A stray anchor says that the unit's boundary is drawn in
//! the wrong place: its partner sits one sentence off; a rare item says
//! so with more weight than a common one, which lands next to a bead by
//! chance. Null beads have δ = 0 and no size factor. On the development
//! sets this separates right from wrong beads better than the posterior
//! alone (AUC 0.72 → 0.84 on Hungarian–English, 0.76 → 0.87 on
//! German–French, 0.82 → 0.82 on Chinese–English, where names and numbers
//! are rare), and the mean score stays within 0.05 of the strict
//! precision. The constants were chosen on those sets.
//!
//! A **null bead's confidence** is computed on its own terms: its
//! posterior tells less than that of a 1-1 bead (on the development
//! sets, a null bead that stands alone was right 15–20% of the time at
//! posteriors of 0.2–0.6, one in a run of five or more 60–100%). It is
//! `posterior^g · e^(−0.3·a)` with `g = 3·r^−1.2` for a run of `r` null
//! beads of one side (3 alone, 1.3 in a run of two, 0.4 in a run of five),
//! and `g = 0.6` for a sentence that looks untranslated (a foreign
//! script, a one-line paragraph without final punctuation), and at most
//! `σ(margin/T)`, the odds of the path against the bead's cheapest local
//! alternative (see above) at the posteriors' temperature: a null bead
//! that joining a neighbour nearly explains (within `T·ln 9` nats, 3.5)
//! never scores 0.9. On the development sets the null beads' mean score
//! went from 0.52 to 0.11 on zh-en (precision 0.08) and from 0.91 to 0.93
//! on de-fr (0.88 → 0.95 after the joins); `scripts/eval.py` reports the
//! measures per kind of bead, and `--perturb` checks them on damaged
//! copies of the documents, where null beads are many. A joined bead's
//! posterior is its posterior in the lattice, or, for a shape it does not
//! hold, the one it would have in a lattice that held it.
//!
//! **Required beads** ([`Aligner::align_required`]): beads a reviewer has
//! fixed, of any shape. Every path of the second pass goes through them,
//! so the lattice falls apart at their corners into pieces that are
//! searched one by one with the pair's model; the beads of a piece are
//! aligned again given the fixed beads around it, and far from them
//! nothing changes (pass 1 does not see them). The review of null beads
//! leaves required beads as they are: a required null bead is not
//! reviewed, nothing is joined to a required bead, and a run of null
//! beads ends at one (the joined beads of such a search are scored by the
//! lattice-free estimate, its cost tables being the pieces').
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]

mod dp;
mod features;
mod nulls;
mod required;
mod structure;

use std::cmp::Ordering;
use std::ops::Range;

use dp::{Band, Shape, Step};
use features::{Concepts, PUNCT_CLASSES};
pub use nulls::LOW_CONFIDENCE;
pub use required::RequiredError;
pub use structure::Class;
use structure::{SpanStructure, Structure};

/// One sentence to align: its text, the index of its paragraph, and
/// what is known of its place in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// Index of the paragraph it belongs to (non-decreasing along a side).
    pub paragraph: usize,
    /// The kind of block it comes from, if known (see the crate docs,
    /// *Structure*). By default, none.
    pub class: Option<Class>,
    /// When it is shown, start and end in milliseconds, for subtitle cues
    /// (see the crate docs, *Structure*). By default, none.
    pub time: Option<(u64, u64)>,
}

impl<'a> Sentence<'a> {
    /// A sentence with its paragraph index, of no known class or time.
    pub fn new(text: &'a str, paragraph: usize) -> Self {
        Sentence {
            text,
            paragraph,
            class: None,
            time: None,
        }
    }

    /// The sentence, of class `class`.
    pub fn with_class(mut self, class: Class) -> Self {
        self.class = Some(class);
        self
    }

    /// The sentence, shown from `start_ms` to `end_ms` (milliseconds on a
    /// clock both sides share, as the subtitles of one film do).
    pub fn with_time(mut self, start_ms: u64, end_ms: u64) -> Self {
        self.time = Some((start_ms, end_ms));
        self
    }
}

/// A group of consecutive source sentences aligned with a group of
/// consecutive target sentences; either side may be empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Indices of the source sentences.
    pub src: Range<usize>,
    /// Indices of the target sentences.
    pub tgt: Range<usize>,
    /// Confidence in [0, 1]: an estimate of the probability that the
    /// bead is exactly right (for an unaligned sentence, that it truly
    /// has no counterpart).
    pub score: f64,
    /// For an unaligned sentence (a 1-0 or 0-1 bead) next to an aligned
    /// bead, the neighbour it would most likely belong to if it is not
    /// left out ([`Alignment::attach_unaligned`]); `None` for aligned
    /// beads and inside a run of unaligned sentences.
    pub attach: Option<Attachment>,
}

impl Bead {
    /// The shape as text, e.g. `"1-2"`.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }

    /// Whether one side is empty: a sentence left without a counterpart
    /// (a TMX has no unit for it).
    pub fn is_unaligned(&self) -> bool {
        self.src.is_empty() || self.tgt.is_empty()
    }
}

/// The bead before or after another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Neighbour {
    /// The bead just before.
    Before,
    /// The bead just after.
    After,
}

/// Where an unaligned sentence most likely belongs if it is not to be
/// left out: the neighbouring bead whose joining it costs least under
/// the model, and the confidence of the bead the two would make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attachment {
    /// The neighbour it would join.
    pub to: Neighbour,
    /// The confidence of the joined bead, in [0, 1].
    pub score: f64,
}

/// The result of aligning two sentence lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// Beads in order; they cover every sentence of both sides exactly
    /// once.
    pub beads: Vec<Bead>,
}

/// A callback told the stage of a running alignment ("features",
/// "pass 1", "lexicon", "pass 2", "confidence"), for progress display.
#[derive(Clone)]
pub struct StageFn(pub std::sync::Arc<dyn Fn(&str) + Send + Sync>);

impl std::fmt::Debug for StageFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StageFn")
    }
}

/// Builds an [`Aligner`].
#[derive(Debug, Clone)]
pub struct AlignerBuilder {
    max_bead: usize,
    band: usize,
    lexicon: bool,
    temperature: f64,
    dictionary: Vec<(String, String)>,
    on_stage: Option<StageFn>,
}

impl Default for AlignerBuilder {
    fn default() -> Self {
        AlignerBuilder {
            max_bead: 4,
            band: 10,
            lexicon: true,
            temperature: 1.6,
            dictionary: Vec::new(),
            on_stage: None,
        }
    }
}

impl AlignerBuilder {
    /// A builder with the defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// The largest number of sentences on one side of a bead (1–4). By
    /// default, 4 (shapes up to 1-4, 4-1, 2-3 and 3-2; 2-2 needs 2, 1-3
    /// and 3-1 need 3).
    pub fn max_bead(&mut self, n: usize) -> &mut Self {
        self.max_bead = n.clamp(1, 4);
        self
    }

    /// Half-width of the search band in sentences. By default, 10; it is
    /// widened where the best path touches its edge (more each round).
    pub fn band(&mut self, w: usize) -> &mut Self {
        self.band = w.max(2);
        self
    }

    /// Whether to learn a lexicon from a first pass and align again. By
    /// default, on.
    pub fn learn_lexicon(&mut self, yes: bool) -> &mut Self {
        self.lexicon = yes;
        self
    }

    /// The temperature that divides costs before posteriors are computed.
    /// By default, 1.6 (with the confidence's power and length fit, it
    /// brings the mean confidence within 0.05 of the precision on the
    /// development sets).
    pub fn temperature(&mut self, t: f64) -> &mut Self {
        self.temperature = if t.is_finite() && t > 0.0 { t } else { 1.6 };
        self
    }

    /// A bilingual dictionary of (source word, target word) pairs, used as
    /// anchors in both passes. By default, none. See
    /// [`parse_hunalign_dictionary`].
    pub fn dictionary(&mut self, pairs: Vec<(String, String)>) -> &mut Self {
        self.dictionary = pairs
            .into_iter()
            .map(|(s, t)| (features::fold(&s), features::fold(&t)))
            .collect();
        self
    }

    /// A callback told each stage as an alignment reaches it. By default,
    /// none.
    pub fn on_stage(&mut self, f: impl Fn(&str) + Send + Sync + 'static) -> &mut Self {
        self.on_stage = Some(StageFn(std::sync::Arc::new(f)));
        self
    }

    /// The aligner.
    pub fn build(&self) -> Aligner {
        let shapes: Vec<Shape> = SHAPES
            .into_iter()
            .filter(|&(k, l)| k.max(l) <= self.max_bead)
            .collect();
        Aligner {
            shapes,
            band: self.band,
            lexicon: self.lexicon,
            temperature: self.temperature,
            dictionary: self.dictionary.clone(),
            on_stage: self.on_stage.clone(),
        }
    }
}

/// The folded words of a source sentence and of the target sentence it
/// was aligned with.
pub type TokenPair = (Vec<String>, Vec<String>);

/// Word associations learned from aligned sentence pairs (Dice over
/// co-occurrence, at least 2 co-occurrences, Dice ≥ 0.3, each word keeping
/// its best partner), for aligning many documents with one lexicon.
///
/// ```
/// use ura_align::{AlignerBuilder, Lexicon, Sentence};
/// let aligner = AlignerBuilder::new().build();
/// let docs = [
///     (vec!["The lawyer met them.", "The lawyer left."], vec!["Avokatja i takoi.", "Avokatja iku."]),
///     (vec!["The lawyer spoke."], vec!["Avokatja foli."]),
/// ];
/// let as_sentences = |v: &Vec<&'static str>| v.iter().map(|t| Sentence::new(t, 0)).collect::<Vec<_>>();
/// let material: Vec<_> = docs
///     .iter()
///     .flat_map(|(s, t)| aligner.first_pass(&as_sentences(s), &as_sentences(t)).take_material())
///     .collect();
/// let lexicon = Lexicon::learn(&material);
/// assert!(lexicon.pairs().iter().any(|(s, t)| s == "lawyer" && t == "avokatja"));
/// let a = aligner.align_with_lexicon(&as_sentences(&docs[0].0), &as_sentences(&docs[0].1), &lexicon);
/// assert_eq!(a.beads.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    pairs: Vec<(String, String)>,
}

impl Lexicon {
    /// Learns a lexicon from the sentence pairs of many documents' first
    /// passes ([`Aligner::first_pass`]).
    pub fn learn(material: &[TokenPair]) -> Lexicon {
        let mut builder = LexiconBuilder::new();
        builder.add(material.to_vec());
        builder.build()
    }

    /// The (source word, target word) pairs, folded.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

/// Gathers the material of a [`Lexicon`] document by document, keeping
/// each word once and the sentence pairs as lists of word ids, so that a
/// corpus's material takes a few bytes per word rather than a string.
///
/// ```
/// use ura_align::{LexiconBuilder, TokenPair};
/// let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
/// let mut builder = LexiconBuilder::new();
/// for _ in 0..2 {
///     let material: Vec<TokenPair> = vec![(words("the lawyer"), words("avokatja"))];
///     builder.add(material);
/// }
/// let lexicon = builder.build();
/// assert!(lexicon.pairs().contains(&("lawyer".to_string(), "avokatja".to_string())));
/// ```
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    src: features::Interned,
    tgt: features::Interned,
}

impl LexiconBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one document's material ([`Aligner::first_pass`]).
    pub fn add(&mut self, material: Vec<TokenPair>) {
        for (s, t) in material {
            self.src.push(s.iter().map(String::as_str));
            self.tgt.push(t.iter().map(String::as_str));
        }
    }

    /// Learns the lexicon from everything added.
    pub fn build(mut self) -> Lexicon {
        self.src.finish();
        self.tgt.finish();
        let pairs: Vec<(usize, usize)> = (0..self.src.lists.len()).map(|k| (k, k)).collect();
        Lexicon {
            pairs: features::learn_lexicon_interned(&self.src, &self.tgt, &pairs, 2, 0.3),
        }
    }
}

/// Parses a dictionary in hunalign's format: one `target @ source` entry
/// per line. Entries whose sides are not single words are skipped.
pub fn parse_hunalign_dictionary(text: &str) -> Vec<(String, String)> {
    read_hunalign_dictionary(text).pairs
}

/// A hunalign dictionary as read by [`read_hunalign_dictionary`], with
/// what could not be used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HunalignDictionary {
    /// The (source word, target word) pairs.
    pub pairs: Vec<(String, String)>,
    /// 1-based numbers of the lines that are not `target @ source`
    /// (blank lines do not count).
    pub malformed: Vec<usize>,
    /// How many entries have more than one word on a side (phrases, which
    /// the aligner does not use).
    pub phrases: usize,
}

/// Reads a dictionary in hunalign's format, `target @ source` per line
/// (see [`parse_hunalign_dictionary`]), and says which lines could not be
/// used and why.
///
/// ```
/// let d = ura_align::read_hunalign_dictionary("avokat @ lawyer\n\nno separator\nta gjithë @ all\n");
/// assert_eq!(d.pairs, [("lawyer".to_string(), "avokat".to_string())]);
/// assert_eq!(d.malformed, [3]);
/// assert_eq!(d.phrases, 1);
/// ```
pub fn read_hunalign_dictionary(text: &str) -> HunalignDictionary {
    let mut out = HunalignDictionary::default();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((tgt, src)) = line.split_once(" @ ") else {
            out.malformed.push(k + 1);
            continue;
        };
        let (tgt, src) = (tgt.trim(), src.trim());
        if tgt.is_empty() || src.is_empty() {
            out.malformed.push(k + 1);
        } else if tgt.contains(char::is_whitespace) || src.contains(char::is_whitespace) {
            out.phrases += 1;
        } else {
            out.pairs.push((src.to_string(), tgt.to_string()));
        }
    }
    out
}

/// A configured sentence aligner.
#[derive(Debug, Clone)]
pub struct Aligner {
    shapes: Vec<Shape>,
    band: usize,
    lexicon: bool,
    temperature: f64,
    dictionary: Vec<(String, String)>,
    on_stage: Option<StageFn>,
}

/// Model constants, in nats.
#[derive(Debug, Clone, Copy)]
struct Params {
    number_weight: f64,
    word_weight: f64,
    lexicon_weight: f64,
    punct_weight: f64,
    /// Both sides have items of a feature and none match.
    mismatch: f64,
    /// One side has items of a feature, the other none.
    one_sided: f64,
    paragraph_cross: f64,
    paragraph_start: f64,
    /// A null bead opening a run, and each further one.
    null_open: f64,
    null_extend: f64,
    /// A null bead for a sentence with no anchorable item at all.
    null_unanchored: f64,
    /// A null bead for a one-line paragraph without final punctuation
    /// (bylines, datelines, captions), and one extending a run.
    null_header: f64,
    null_header_extend: f64,
    /// A null bead for a sentence written in a script foreign to its side.
    null_foreign: f64,
    /// A non-null bead holding a sentence with an initial that occurs
    /// nowhere in the other text.
    orphan_initials: f64,
}

const PARAMS: Params = Params {
    number_weight: 6.0,
    word_weight: 6.0,
    lexicon_weight: 6.0,
    punct_weight: 6.0,
    mismatch: 1.0,
    one_sided: 1.0,
    paragraph_cross: 4.0,
    paragraph_start: 1.5,
    null_open: 5.3,
    null_extend: 2.5,
    null_unanchored: 2.5,
    null_header: 1.5,
    null_header_extend: 0.7,
    null_foreign: 1.0,
    orphan_initials: 3.0,
};

const LENGTH_COST_CAP: f64 = 30.0;

/// Rows of distance from the nearest anchor point per column added to
/// pass 1's band: where anchors are far apart, the centre interpolated
/// between them by length can be far off (a long stretch of text whose
/// ratio of lengths differs from its surroundings).
const SLACK_ROWS: usize = 10;

/// The most pass 1's band grows by, in multiples of its half-width.
const SLACK_MAX: usize = 4;

/// Half-width of pass 2's band around pass 1's path (widened like any
/// band where the path touches its edge).
const SECOND_PASS_BAND: usize = 6;

/// Half-width of the band around the best path that posteriors sum over.
const POSTERIOR_BAND: usize = 6;

/// The power that maps a bead's fit-weighted posterior to its confidence
/// (a monotone calibration: it moves the mean score, not the ranking).
const CONFIDENCE_POWER: f64 = 0.6;

/// Nats of confidence lost per standard deviation of a bead's length
/// deviation |δ| (after [`CONFIDENCE_POWER`]).
const LENGTH_FIT: f64 = 0.05;

/// Nats of confidence lost per stray anchor of a bead (weighed as in
/// [`stray_anchors`]).
const STRAY_FIT: f64 = 0.3;

/// The factor of a bead's confidence for each of its sentences beyond
/// the first on each side (a 2-2 bead: two).
const SIZE_FIT: f64 = 0.95;

/// A bead's confidence from its posterior probability, its length
/// deviation δ (0 for null beads), its weighed stray anchors and its
/// shape: `posterior^0.6 · e^(−0.05·|δ|) · e^(−0.3·stray) · 0.95^(k+l−2)` for a
/// k-l bead (null beads: no size factor). The posterior says how sure the
/// model is of this bead against the other paths; the length fit and the
/// stray anchors say how well the bead holds together on its own, so a
/// bead that wins only because every alternative is worse (a part of a
/// larger unit whose sentences are cut differently in the translation)
/// scores lower; each further sentence of a merged bead is one more edge
/// that can be off in ways the lattice cannot express (its largest
/// shapes are 4-1 and 3-2).
fn confidence(posterior: f64, delta: f64, stray: f64, shape: Shape) -> f64 {
    let (k, l) = shape;
    let size = if k > 0 && l > 0 {
        SIZE_FIT.powi(i32::try_from(k + l - 2).unwrap_or(i32::MAX))
    } else {
        1.0
    };
    let fit = -LENGTH_FIT * delta.abs() - STRAY_FIT * stray;
    let score = posterior.clamp(0.0, 1.0).powf(CONFIDENCE_POWER) * fit.exp() * size;
    if score.is_finite() {
        score
    } else {
        0.0
    }
}

/// The stray anchors of the bead `step`: items of one side of it (per
/// feature of `feats`, as concept ids) that no sentence of its other side
/// holds but a sentence next to that side does — the sentence just
/// before or just after it (for a null bead, those on either side of the
/// gap it fills). Each concept counts once per side of the bead, weighed
/// by 1/d for a concept found in d sentences (of the side where it is
/// more frequent): a name or number said once pins its partner down; a
/// word found in every other sentence lands next to a bead by chance.
fn stray_anchors(step: &Step, feats: &[&Concepts], scratch: &mut [Vec<u32>; 4]) -> f64 {
    fn gather(side: &[Vec<u32>], sentences: impl Iterator<Item = usize>, out: &mut Vec<u32>) {
        out.clear();
        for k in sentences {
            out.extend(side.get(k).into_iter().flatten());
        }
        out.sort_unstable();
        out.dedup();
    }
    let strays = |own: &[u32], other: &[u32], next: &[u32], f: &Concepts| -> f64 {
        own.iter()
            .filter(|c| other.binary_search(c).is_err() && next.binary_search(c).is_ok())
            .map(|&c| {
                let df = |d: &[u32]| d.get(c as usize).copied().unwrap_or(0);
                1.0 / f64::from(df(&f.df_src).max(df(&f.df_tgt)).max(1))
            })
            .sum()
    };
    let around = |a: usize, b: usize| [a.checked_sub(1), Some(b)].into_iter().flatten();
    let [src, tgt, src_next, tgt_next] = scratch;
    let mut weight = 0.0;
    for f in feats {
        gather(&f.src, step.i0..step.i1, src);
        gather(&f.tgt, step.j0..step.j1, tgt);
        gather(&f.src, around(step.i0, step.i1), src_next);
        gather(&f.tgt, around(step.j0, step.j1), tgt_next);
        weight += strays(src, tgt, tgt_next, f) + strays(tgt, src, src_next, f);
    }
    weight
}

/// The non-null bead shapes the aligner can search, most likely first
/// ([`AlignerBuilder::max_bead`] keeps those within its size).
const SHAPES: [Shape; 10] = [
    (1, 1),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
    (1, 4),
    (4, 1),
    (2, 3),
    (3, 2),
];

/// `−ln P(shape)` of a non-null bead shape.
fn prior_cost(shape: Shape) -> f64 {
    // ln is not const: the values of −ln p for the priors below.
    match shape {
        (1, 1) => 0.116_533_816,
        (1, 2) | (2, 1) => 3.112_266_09,
        (2, 2) => 4.509_860_006,
        (1, 3) | (3, 1) => 5.809_142_99,
        _ => 6.907_755_28,
    }
}

/// The priors that [`prior_cost`] takes the logarithm of.
#[cfg(test)]
fn prior(shape: Shape) -> f64 {
    let p: f64 = match shape {
        (1, 1) => 0.89,
        (1, 2) | (2, 1) => 0.0445,
        (2, 2) => 0.011,
        (1, 3) | (3, 1) => 0.003,
        _ => 0.001,
    };
    p
}

/// `ln(erfc(x))` for x ≥ 0, accurate in the far tail (Numerical Recipes'
/// Chebyshev fit, taken in log space so it never underflows).
fn ln_erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t.ln() + poly
}

/// Steps per unit of `|δ|` in the [`length_cost`] table.
const LENGTH_STEPS: f64 = 256.0;

/// The length cost `min(−ln erfc(|δ|/√2), cap)` of a normalised length
/// difference, read from a table (linear interpolation, error below 1e-5
/// but at the corner where the cap starts) instead of computing a
/// logarithm per bead: it is the hottest term of the cost function.
fn length_cost(delta: f64) -> f64 {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        // Up to the |δ| where the cost reaches the cap (≈ 7.5).
        let mut t = Vec::new();
        let mut k = 0.0;
        loop {
            let c = (-ln_erfc(k / LENGTH_STEPS / std::f64::consts::SQRT_2)).min(LENGTH_COST_CAP);
            t.push(c);
            if c >= LENGTH_COST_CAP {
                break;
            }
            k += 1.0;
        }
        t
    });
    let x = delta * LENGTH_STEPS;
    // Also NaN, and beyond the table (where `k + 1` could overflow).
    if !(0.0..(table.len() as f64)).contains(&x) {
        return LENGTH_COST_CAP;
    }
    let k = x as usize;
    match (table.get(k), table.get(k + 1)) {
        (Some(&a), Some(&b)) => a + (b - a) * (x - k as f64),
        _ => LENGTH_COST_CAP,
    }
}

/// One side of a document pair, prepared for the cost function.
struct Side {
    /// Prefix sums over the sentences before each index (one more entry
    /// than sentences), in one place so that a span reads two entries.
    prefix: Vec<Prefix>,
    paragraph: Vec<usize>,
    /// Per sentence, the cost of opening a null run with it, and of
    /// extending one.
    null_open: Vec<(f64, f64)>,
    /// Classes and time spans (empty for text that has none).
    structure: Structure,
    /// Per position (`0..=` sentences), whether it is inside a paragraph:
    /// the sentences before and after it share one (and have no time:
    /// in subtitles, time rather than cues tells where a unit ends).
    inside: Vec<bool>,
}

/// Sums over the sentences before an index of one side.
#[derive(Default, Clone, Copy)]
struct Prefix {
    /// Length in characters.
    chars: f64,
    /// Per feature, matchable items.
    items: [u32; 3],
    /// Punctuation counts.
    punct: [u32; PUNCT_CLASSES],
    /// Sentences with orphan initials.
    orphan: u32,
}

/// What the cost function needs of a span of sentences `a..b` of one
/// side.
#[derive(Default)]
struct Span {
    chars: f64,
    items: [u32; 3],
    punct: [u32; PUNCT_CLASSES],
    /// It crosses a paragraph boundary.
    crosses: bool,
    /// It starts a paragraph.
    starts: bool,
    /// It holds a sentence with orphan initials.
    orphan: bool,
    /// Its sentences' classes and time span.
    structure: SpanStructure,
}

impl Side {
    /// The span of sentences `a..b` (non-empty when `a < b`).
    fn span(&self, a: usize, b: usize) -> Span {
        let zero = Prefix::default();
        let x = self.prefix.get(a).unwrap_or(&zero);
        let y = self.prefix.get(b).unwrap_or(&zero);
        Span {
            chars: y.chars - x.chars,
            items: std::array::from_fn(|f| y.items[f].saturating_sub(x.items[f])),
            punct: self.punct(a, b),
            crosses: b > a && self.para(a) != self.para(b - 1),
            starts: self.starts_paragraph(a),
            orphan: y.orphan > x.orphan,
            structure: self.structure.span(a, b),
        }
    }

    fn punct(&self, a: usize, b: usize) -> [u32; PUNCT_CLASSES] {
        let (Some(x), Some(y)) = (self.prefix.get(a), self.prefix.get(b)) else {
            return [0; PUNCT_CLASSES];
        };
        std::array::from_fn(|c| y.punct[c].saturating_sub(x.punct[c]))
    }
    fn para(&self, i: usize) -> usize {
        self.paragraph.get(i).copied().unwrap_or(0)
    }
    fn starts_paragraph(&self, i: usize) -> bool {
        i == 0 || self.para(i) != self.para(i - 1)
    }
}

/// Everything the cost function needs about a document pair.
struct Model {
    p: Params,
    src: Side,
    tgt: Side,
    ratio: f64,
    variance: f64,
    /// Per sentence pair in the band, matched concepts per feature.
    pair_band: Band,
    pair_matches: Vec<[u8; 3]>,
    /// `−ln P(shape)` by (source count, target count).
    priors: Priors,
    /// The cost of each punctuation agreement bin ([`agreement_bin`]),
    /// learned from pass 1 ([`punct_costs`]); pass 1 itself uses a fixed
    /// weight.
    punct_costs: Option<PunctCosts>,
}

/// Number of agreement bins.
const BINS: usize = 6;

/// Learned costs of the punctuation agreement bins.
type PunctCosts = [f64; BINS];

/// Pseudo-count added to each agreement bin when learning its cost.
const BIN_SMOOTHING: f64 = 2.0;

/// Bound on the magnitude of a learned bin cost, in nats.
const BIN_COST_CAP: f64 = 6.0;

/// Weight, in beads, of Gale & Church's priors when the shape priors
/// are re-estimated from pass 1's path.
const PRIOR_SMOOTHING: f64 = 100.0;

/// The agreement bin of two punctuation profiles: no punctuation, marks
/// on one side only, none matched, and matched with Dice below ½, below
/// 1, and 1.
fn agreement_bin(pa: &[u32; PUNCT_CLASSES], pb: &[u32; PUNCT_CLASSES]) -> usize {
    let (m, ia, ib) = punct_overlap(pa, pb);
    if ia == 0 && ib == 0 {
        return 0;
    }
    if ia == 0 || ib == 0 {
        return 1;
    }
    if m == 0 {
        return 2;
    }
    let dice = 2.0 * f64::from(m) / f64::from(ia + ib);
    if dice < 0.5 {
        3
    } else if dice < 1.0 {
        4
    } else {
        5
    }
}

/// Marks two punctuation profiles share, and the marks of each.
fn punct_overlap(pa: &[u32; PUNCT_CLASSES], pb: &[u32; PUNCT_CLASSES]) -> (u32, u32, u32) {
    let m = pa.iter().zip(pb).map(|(x, y)| x.min(y)).sum();
    (m, pa.iter().sum(), pb.iter().sum())
}

/// How much punctuation agreement says in this document pair: per bin,
/// `−ln(P(bin | aligned) / P(bin | neighbours))`, counted over the 1-1
/// beads of pass 1's path (aligned) and the pairs one sentence off them
/// (neighbours), smoothed and capped. Punctuation is nearly the only
/// anchor between Chinese and English and noise in OCR'd text; this
/// weighs it by what it is worth in the pair at hand.
fn punct_costs(model: &Model, path: &[Step], n: usize, m: usize) -> PunctCosts {
    let bin =
        |a: usize, b: usize| agreement_bin(&model.src.punct(a, a + 1), &model.tgt.punct(b, b + 1));
    let mut pos = [0.0f64; BINS];
    let mut neg = [0.0f64; BINS];
    for (a, b) in one_to_one(path) {
        if let Some(c) = pos.get_mut(bin(a, b)) {
            *c += 1.0;
        }
        for (x, y) in [(a + 1, b), (a, b + 1)] {
            if x < n && y < m {
                if let Some(c) = neg.get_mut(bin(x, y)) {
                    *c += 1.0;
                }
            }
        }
    }
    let (tp, tn) = (pos.iter().sum::<f64>(), neg.iter().sum::<f64>());
    let norm = BIN_SMOOTHING * BINS as f64;
    std::array::from_fn(|k| {
        let p = (pos[k] + BIN_SMOOTHING) / (tp + norm);
        let q = (neg[k] + BIN_SMOOTHING) / (tn + norm);
        (-(p / q).ln()).clamp(-BIN_COST_CAP, BIN_COST_CAP)
    })
}

/// Bead shape costs, `−ln P`, indexed by source and target count.
type Priors = [[f64; 5]; 5];

/// Gale & Church's priors as a table.
fn default_priors() -> Priors {
    std::array::from_fn(|k| std::array::from_fn(|l| prior_cost((k, l))))
}

/// Priors re-estimated from a path searched over `searched` shapes: the
/// shape counts of its non-null beads, smoothed towards Gale & Church's
/// priors with the weight of `PRIOR_SMOOTHING` beads. A translation that
/// splits most sentences in two gets a cheap 1-2. Larger shapes the path
/// could not use move with the searched shape one sentence smaller; null
/// beads keep Gale & Church's priors.
fn estimated_priors(path: &[Step], searched: &[Shape]) -> Priors {
    let base = default_priors();
    let mut counts = [[0.0f64; 5]; 5];
    let mut total = 0.0;
    for s in path {
        let (k, l) = (s.i1 - s.i0, s.j1 - s.j0);
        if k == 0 || l == 0 {
            continue;
        }
        if let Some(c) = counts.get_mut(k).and_then(|r| r.get_mut(l)) {
            *c += 1.0;
            total += 1.0;
        }
    }
    let alpha = PRIOR_SMOOTHING;
    // Mass of the non-null shapes under the base priors.
    let base_mass: f64 = (1..5)
        .flat_map(|k| (1..5).map(move |l| (k, l)))
        .map(|(k, l)| (-base[k][l]).exp())
        .sum();
    let estimate = |k: usize, l: usize| {
        let p0 = (-base[k][l]).exp() / base_mass;
        let p = (counts[k][l] + alpha * p0) / (total + alpha);
        -(p * base_mass).ln()
    };
    std::array::from_fn(|k| {
        std::array::from_fn(|l| {
            if searched.contains(&(k, l)) {
                return estimate(k, l);
            }
            // A larger shape pass 1 could not use (1-4, 2-3) changes as the
            // searched one with a sentence less on its longer side (1-3,
            // 2-2) did: a translation that often splits a sentence in three
            // splits one in four more often than Gale & Church's prior says.
            let near = match k.cmp(&l) {
                Ordering::Less if k > 0 => (k, l - 1),
                Ordering::Greater if l > 0 => (k - 1, l),
                _ => return base[k][l],
            };
            if !searched.contains(&near) {
                return base[k][l];
            }
            base[k][l] + estimate(near.0, near.1) - base[near.0][near.1]
        })
    })
}

impl Model {
    /// The matches of sentence pair (a, b); none outside the band.
    fn pair(&self, a: usize, b: usize) -> [u8; 3] {
        self.pair_band
            .index(a, b)
            .and_then(|k| self.pair_matches.get(k))
            .copied()
            .unwrap_or([0; 3])
    }

    /// Costs of the beads of every shape that end at the cells `j0..j1` of
    /// row `i`, into `out` (one slot per shape and cell). The spans of the
    /// last source sentences are shared by the whole run; per cell, the
    /// sentence-pair matches of the up to 4×4 sentences before it are read
    /// once and summed per shape.
    fn costs_in_run(&self, i: usize, j0: usize, j1: usize, shapes: &[Shape], out: &mut [f32]) {
        const B: usize = 4;
        let kmax = shapes.iter().map(|s| s.0).max().unwrap_or(1).min(B);
        let lmax = shapes.iter().map(|s| s.1).max().unwrap_or(1).min(B);
        // The spans of the last k source sentences, shared by every cell
        // of the row and every shape that uses them.
        let spans_src: [Span; B + 1] = std::array::from_fn(|k| {
            if (1..=kmax.min(i)).contains(&k) {
                self.src.span(i - k, i)
            } else {
                Span::default()
            }
        });
        // The sentence-pair matches of the rows of the last x source
        // sentences (the first column each row holds, and its cells).
        let rows: [(usize, &[[u8; 3]]); B + 1] = std::array::from_fn(|x| {
            (1..=kmax.min(i))
                .contains(&x)
                .then(|| self.pair_band.row(i - x))
                .flatten()
                .and_then(|(lo, cells)| Some((lo, self.pair_matches.get(cells)?)))
                .unwrap_or((0, &[]))
        });
        for (j, out) in (j0..j1).zip(out.chunks_mut(shapes.len().max(1))) {
            // cum[x][y]: matches of the pairs among the last x source and
            // the last y target sentences.
            let mut cum = [[[0u32; 3]; B + 1]; B + 1];
            for x in 1..=kmax.min(i) {
                let (lo, cells) = rows[x];
                for y in 1..=lmax.min(j) {
                    let p = (j - y)
                        .checked_sub(lo)
                        .and_then(|b| cells.get(b))
                        .copied()
                        .unwrap_or([0; 3]);
                    for f in 0..3 {
                        cum[x][y][f] = cum[x - 1][y][f] + cum[x][y - 1][f] - cum[x - 1][y - 1][f]
                            + u32::from(p[f]);
                    }
                }
            }
            let spans_tgt: [Span; B + 1] = std::array::from_fn(|l| {
                if (1..=lmax.min(j)).contains(&l) {
                    self.tgt.span(j - l, j)
                } else {
                    Span::default()
                }
            });
            for (slot, &(k, l)) in out.iter_mut().zip(shapes) {
                if k <= i && l <= j && k <= B && l <= B {
                    *slot = self.cost_of(&spans_src[k], &spans_tgt[l], (k, l), cum[k][l]) as f32;
                }
            }
        }
    }

    /// Cost of a non-null bead of shape (k, l) starting at (i, j).
    #[cfg(test)]
    fn cost(&self, i: usize, j: usize, k: usize, l: usize) -> f64 {
        let mut matched = [0u32; 3];
        for a in i..i + k {
            for b in j..j + l {
                let p = self.pair(a, b);
                for f in 0..3 {
                    matched[f] += u32::from(p[f]);
                }
            }
        }
        let (a, b) = (self.src.span(i, i + k), self.tgt.span(j, j + l));
        self.cost_of(&a, &b, (k, l), matched)
    }

    /// Gale & Church's δ of the spans `a` and `b`: the target length's
    /// deviation from the expected one, in standard deviations.
    fn delta(&self, a: &Span, b: &Span) -> f64 {
        let (l1, l2) = (a.chars, b.chars);
        let mean = ((l1 + l2 / self.ratio) / 2.0).max(1.0);
        (l2 - self.ratio * l1) / (self.variance * mean).sqrt()
    }

    /// Cost of a non-null bead of `shape` made of the source span `a` and
    /// the target span `b`, given the matched items per feature of its
    /// sentence pairs.
    fn cost_of(&self, a: &Span, b: &Span, shape: Shape, matched: [u32; 3]) -> f64 {
        let mut cost = length_cost(self.delta(a, b).abs());
        cost += self
            .priors
            .get(shape.0)
            .and_then(|r| r.get(shape.1))
            .copied()
            .unwrap_or_else(|| prior_cost(shape));
        let p = &self.p;
        // Lexical anchors.
        for (f, weight) in [p.number_weight, p.word_weight, p.lexicon_weight]
            .into_iter()
            .enumerate()
        {
            let (ia, ib) = (a.items[f], b.items[f]);
            if ia == 0 && ib == 0 {
                continue;
            }
            if ia == 0 || ib == 0 {
                cost += p.one_sided;
                continue;
            }
            let m = matched[f].min(ia).min(ib);
            if m == 0 {
                cost += p.mismatch;
            } else {
                cost -= weight * 2.0 * f64::from(m) / f64::from(ia + ib);
            }
        }
        // Punctuation profile.
        let (pa, pb) = (&a.punct, &b.punct);
        match &self.punct_costs {
            Some(costs) => cost += costs.get(agreement_bin(pa, pb)).copied().unwrap_or(0.0),
            None => {
                let (m, ia, ib) = punct_overlap(pa, pb);
                if m > 0 {
                    cost -= p.punct_weight * 2.0 * f64::from(m) / f64::from(ia + ib);
                }
            }
        }
        // Document structure: classes, and time spans, which for
        // subtitles replace paragraphs (each cue is one, and the two
        // languages cut a film's speech into cues differently).
        cost += structure::cost(&a.structure, &b.structure);
        let timed = a.structure.time.is_some() && b.structure.time.is_some();
        if a.crosses != b.crosses && !timed {
            cost += p.paragraph_cross;
        }
        if a.starts != b.starts && !timed {
            cost += p.paragraph_start;
        }
        if a.orphan || b.orphan {
            cost += p.orphan_initials;
        }
        cost
    }

    /// Cost of a null bead for sentence `k` of one side where the other
    /// side is `inside` a paragraph or not: a sentence that starts a
    /// paragraph pays [`Params::paragraph_start`] to be left unaligned
    /// inside a paragraph of the other side, as a bead that starts a
    /// paragraph on one side only does (a paragraph the other side
    /// lacks is left out whole, at one of its paragraph boundaries).
    fn null_at(&self, src: bool, k: usize, extend: bool, inside: bool) -> f64 {
        let side = if src { &self.src } else { &self.tgt };
        let cost = self.null(src, k, extend);
        if inside && side.starts_paragraph(k) {
            cost + self.p.paragraph_start
        } else {
            cost
        }
    }

    /// The prices of null beads for the searches (calling `price`, which
    /// is [`Model::null_at`]).
    fn null_prices<'a>(
        &'a self,
        price: &'a dyn Fn(bool, usize, bool, bool) -> f64,
    ) -> dp::NullPrices<'a> {
        dp::NullPrices {
            price,
            src_inside: &self.src.inside,
            tgt_inside: &self.tgt.inside,
        }
    }

    /// Cost of a null bead for sentence `k` of one side, where the other
    /// side is at a paragraph boundary.
    fn null(&self, src: bool, k: usize, extend: bool) -> f64 {
        let side = if src { &self.src } else { &self.tgt };
        let (open, further) = side
            .null_open
            .get(k)
            .copied()
            .unwrap_or((self.p.null_open, self.p.null_extend));
        if extend {
            further
        } else {
            open
        }
    }
}

/// What a pass adds to the document's features.
#[derive(Clone, Copy)]
struct Pass<'a> {
    /// The lexicon's concepts.
    lexicon: &'a Concepts,
    priors: Priors,
    punct_costs: Option<PunctCosts>,
    /// The bead shapes searched.
    shapes: &'a [Shape],
    /// Half-width of the band.
    band: usize,
}

/// The outcome of one banded search.
struct Search {
    path: Vec<Step>,
    band: Band,
    model: Model,
    /// Costs of the non-null beads in the band (see [`dp::cost_table`]),
    /// one slot per shape searched.
    table: Vec<f32>,
    /// The shapes searched, in the table's order.
    shapes: Vec<Shape>,
    /// The posterior of each step of the path, when it was searched
    /// through required beads (its tables are then the pieces' own, and
    /// `table` is empty).
    posteriors: Option<Vec<f64>>,
}

/// What pass 2 needs of pass 1: its path and what was estimated from it.
#[derive(Debug, Clone)]
struct FirstSummary {
    /// The end cell of each bead of the path (a few bytes per bead: a
    /// batch keeps one per document).
    ends: Vec<(u32, u32)>,
    priors: Priors,
    punct: PunctCosts,
    /// The sentence counts of the pair.
    n: usize,
    m: usize,
}

impl FirstSummary {
    fn of(first: &Search, n: usize, m: usize) -> Self {
        FirstSummary {
            ends: first
                .path
                .iter()
                .map(|s| (s.i1 as u32, s.j1 as u32))
                .collect(),
            priors: estimated_priors(&first.path, &first.shapes),
            punct: punct_costs(&first.model, &first.path, n, m),
            n,
            m,
        }
    }

    /// The path.
    fn path(&self) -> Vec<Step> {
        let mut from = (0, 0);
        self.ends
            .iter()
            .map(|&(i, j)| {
                let (i1, j1) = (i as usize, j as usize);
                let step = Step {
                    i0: from.0,
                    j0: from.1,
                    i1,
                    j1,
                };
                from = (i1, j1);
                step
            })
            .collect()
    }
}

/// The outcome of pass 1 on a document pair ([`Aligner::first_pass`]):
/// material for a corpus lexicon, and what pass 2 needs so that
/// [`Aligner::align_after_first_pass`] does not run pass 1 again.
#[derive(Debug, Clone, Default)]
pub struct FirstPass {
    material: Vec<TokenPair>,
    summary: Option<FirstSummary>,
}

impl FirstPass {
    /// Takes the word lists of the sentence pairs of pass 1's 1-1 beads
    /// (for [`LexiconBuilder::add`]), leaving the rest (a few bytes per
    /// bead) for [`Aligner::align_after_first_pass`].
    pub fn take_material(&mut self) -> Vec<TokenPair> {
        std::mem::take(&mut self.material)
    }
}

/// The prepared features of a document pair (independent of the band).
struct Prepared {
    /// Per sentence: length, punctuation and script (the item lists are
    /// moved out into the fields below).
    src_raw: Vec<features::RawItems>,
    tgt_raw: Vec<features::RawItems>,
    /// Per sentence, the folded words for the lexicon (interned).
    src_lex: features::Interned,
    tgt_lex: features::Interned,
    numbers: Concepts,
    words: Concepts,
    /// Per sentence of each side: it has an initial that occurs nowhere in
    /// the other text (both written in the same script).
    src_orphan: Vec<bool>,
    tgt_orphan: Vec<bool>,
}

impl Prepared {
    /// The three lexical features a pass matches sentences on: numbers,
    /// words, and the pass's `lexicon`.
    fn features<'a>(&'a self, lexicon: &'a Concepts) -> [&'a Concepts; 3] {
        [&self.numbers, &self.words, lexicon]
    }
}

impl Aligner {
    /// Aligns `src` with `tgt`.
    pub fn align(&self, src: &[Sentence], tgt: &[Sentence]) -> Alignment {
        self.align_from(src, tgt, None, None, &[])
    }

    /// Aligns `src` with `tgt` so that the result holds every bead of
    /// `required`, each given as (source sentences, target sentences), in
    /// document order: beads a reviewer has fixed, of any shape (a 5-2,
    /// a 0-3). The lattice of the second pass is cut at their corners and
    /// every path goes through them, so the beads between two of them are
    /// aligned again given those two; far from any of them the result is
    /// the one [`Aligner::align`] gives (pass 1, which learns the lexicon
    /// and the priors, does not see them). A required bead's posterior is
    /// 1; its confidence still weighs its fit. No required beads: the same
    /// as [`Aligner::align`].
    ///
    /// ```
    /// use ura_align::{AlignerBuilder, Sentence};
    /// let src = ["He was born in 1950.", "He died in 2010.", "The end."];
    /// let tgt = ["Ai lindi në 1950.", "Vdiq në 2010.", "Fundi."];
    /// let s: Vec<Sentence> = src.iter().map(|t| Sentence::new(t, 0)).collect();
    /// let t: Vec<Sentence> = tgt.iter().map(|t| Sentence::new(t, 0)).collect();
    /// let aligner = AlignerBuilder::new().build();
    /// let a = aligner.align_required(&s, &t, &[(0..2, 0..1)]).unwrap();
    /// assert_eq!((a.beads[0].src.clone(), a.beads[0].tgt.clone()), (0..2, 0..1));
    /// assert!(aligner.align_required(&s, &t, &[(1..2, 0..1), (0..1, 1..2)]).is_err());
    /// ```
    pub fn align_required(
        &self,
        src: &[Sentence],
        tgt: &[Sentence],
        required: &[(Range<usize>, Range<usize>)],
    ) -> Result<Alignment, RequiredError> {
        let steps = required::steps(required, src.len(), tgt.len())?;
        Ok(self.align_from(src, tgt, None, None, &steps))
    }

    /// Aligns `src` with `tgt` using a lexicon learned over a whole corpus
    /// (see [`Lexicon::learn`]) in pass 2, instead of one learned from
    /// this pair alone.
    pub fn align_with_lexicon(
        &self,
        src: &[Sentence],
        tgt: &[Sentence],
        lexicon: &Lexicon,
    ) -> Alignment {
        self.align_from(src, tgt, Some(lexicon), None, &[])
    }

    /// Runs pass 1 only. Its [`FirstPass::take_material`] gives the word
    /// lists (folded) of the sentence pairs of its 1-1 beads: the material
    /// [`Lexicon::learn`] learns from, gathered over many document pairs;
    /// the rest lets [`Aligner::align_after_first_pass`] skip pass 1.
    pub fn first_pass(&self, src: &[Sentence], tgt: &[Sentence]) -> FirstPass {
        if src.is_empty() || tgt.is_empty() {
            return FirstPass::default();
        }
        let prep = prepare(src, tgt);
        let first = self.pass1(src, tgt, &prep, &[]);
        let material = one_to_one(&first.path)
            .map(|(a, b)| (prep.src_lex.words(a), prep.tgt_lex.words(b)))
            .collect();
        let summary = FirstSummary::of(&first, src.len(), tgt.len());
        FirstPass {
            material,
            summary: Some(summary),
        }
    }

    /// [`Aligner::align_with_lexicon`] for a pair whose pass 1 has already
    /// run ([`Aligner::first_pass`] on the same sentences): pass 1 is not
    /// run again. A `first` with other sentence counts is ignored (pass 1
    /// runs); one of other sentences with the same counts is not detected,
    /// and gives pass 2 the wrong corridor.
    pub fn align_after_first_pass(
        &self,
        src: &[Sentence],
        tgt: &[Sentence],
        lexicon: &Lexicon,
        first: &FirstPass,
    ) -> Alignment {
        let summary = first
            .summary
            .as_ref()
            .filter(|s| s.n == src.len() && s.m == tgt.len());
        self.align_from(src, tgt, Some(lexicon), summary, &[])
    }

    /// Pass 1: a corridor around the anchor chain, the dictionary as the
    /// only lexicon; through the `required` beads when no pass follows.
    fn pass1(
        &self,
        src: &[Sentence],
        tgt: &[Sentence],
        prep: &Prepared,
        required: &[Step],
    ) -> Search {
        let (center, from_anchor) = anchor_center(prep, src.len(), tgt.len());
        let lexicon = features::concepts_interned(
            &prep.src_lex,
            &prep.tgt_lex,
            features::lexicon_pairs(&self.dictionary),
        );
        let pass = Pass {
            lexicon: &lexicon,
            priors: default_priors(),
            punct_costs: None,
            shapes: self.first_pass_shapes(),
            band: self.band,
        };
        let band = first_band(&center, &from_anchor, pass.band, tgt.len());
        self.search(src, tgt, prep, &pass, band, required)
    }

    /// The shapes of pass 1: those with at most 3 sentences a side (1-1,
    /// 1-2, 2-1, 2-2, 1-3, 3-1). Pass 1 only has to find the corridor
    /// and the lexicon's 1-1 beads; the larger shapes cost most to price.
    fn first_pass_shapes(&self) -> &[Shape] {
        let k = self.shapes.iter().take_while(|s| s.0.max(s.1) <= 3).count();
        self.shapes.get(..k).unwrap_or(&self.shapes)
    }

    fn stage(&self, name: &str) {
        if let Some(StageFn(f)) = &self.on_stage {
            f(name);
        }
    }

    /// Aligns, with the corpus lexicon if any, and pass 1's outcome if it
    /// has run already, through the `required` beads (checked).
    fn align_from(
        &self,
        src: &[Sentence],
        tgt: &[Sentence],
        corpus: Option<&Lexicon>,
        given: Option<&FirstSummary>,
        required: &[Step],
    ) -> Alignment {
        let (n, m) = (src.len(), tgt.len());
        if n == 0 || m == 0 {
            // The only path: one null bead per sentence (and the required
            // beads, which can only be null beads of any size here).
            let beads = required::trivial_path(required, n, m)
                .into_iter()
                .map(|s| Bead {
                    src: s.i0..s.i1,
                    tgt: s.j0..s.j1,
                    score: 1.0,
                    attach: None,
                })
                .collect();
            return Alignment { beads };
        }
        self.stage("features");
        let prep = prepare(src, tgt);
        let (src_lex, tgt_lex) = (&prep.src_lex, &prep.tgt_lex);

        // Pass 1's search is kept only when its path is the result (no
        // lexicon pass).
        let own_summary;
        let (summary, first) = match given {
            Some(summary) => (summary, None),
            None => {
                self.stage("pass 1");
                // Pass 1 sees the required beads only when no pass follows.
                let last = corpus.is_none() && !self.lexicon;
                let first = self.pass1(src, tgt, &prep, if last { required } else { &[] });
                own_summary = FirstSummary::of(&first, n, m);
                (&own_summary, Some(first))
            }
        };
        self.stage("pass 2");
        // Pass 2 around pass 1's path, with a lexicon learned from the
        // corpus, or from pass 1's 1-1 beads.
        let path = summary.path();
        let learned = match corpus {
            Some(corpus) => Some(corpus.pairs.clone()),
            None if self.lexicon => {
                let pairs: Vec<(usize, usize)> = one_to_one(&path).collect();
                Some(features::learn_lexicon_interned(
                    src_lex, tgt_lex, &pairs, 2, 0.3,
                ))
            }
            None => None,
        };
        let result = match (learned, first) {
            (Some(mut lexicon), first) => {
                drop(first);
                lexicon.extend(self.dictionary.iter().cloned());
                let lex = features::concepts_interned(
                    src_lex,
                    tgt_lex,
                    features::lexicon_pairs(&lexicon),
                );
                let width = SECOND_PASS_BAND.min(self.band);
                // Every cell of pass 1's path, with a margin: a long run of
                // null beads inside one row stays in the band.
                let band = Band::around_path(&path, width, n, m);
                drop(path);
                let (priors, punct) = (summary.priors, summary.punct);
                let pass = Pass {
                    lexicon: &lex,
                    priors,
                    punct_costs: Some(punct),
                    shapes: &self.shapes,
                    band: width,
                };
                self.search(src, tgt, &prep, &pass, band, required)
            }
            (None, Some(first)) => first,
            // Only reachable with a given pass 1 and no lexicon, which the
            // public methods never combine.
            (None, None) => self.pass1(src, tgt, &prep, required),
        };
        let Search {
            path,
            band,
            model,
            table,
            shapes,
            posteriors,
        } = result;
        self.stage("confidence");
        let price = |src, k, extend, inside| model.null_at(src, k, extend, inside);
        let null = model.null_prices(&price);
        // Paths far from the best one carry no mass worth summing.
        // Null beads are reviewed against their local alternatives (not
        // the required ones, which no alternative replaces); the bead each
        // would make with the neighbour it would join is scored along with
        // the path (its cells are on the path).
        let fixed = required::marks(&path, required);
        let reviews: Vec<Option<nulls::Review>> = (0..path.len())
            .map(|p| nulls::review(&model, &path, p, &fixed))
            .collect();
        let merged: Vec<Step> = reviews
            .iter()
            .flatten()
            .filter_map(|r| r.attach.map(|(_, s, _)| s))
            .collect();
        let (scores, merged_scores) = match posteriors {
            // Searched in pieces between required beads: no table of the
            // whole lattice to score the merged beads in.
            Some(p) => (p, Vec::new()),
            None => {
                let sub = Band::around_path(&path, POSTERIOR_BAND, n, m);
                let steps: Vec<Step> = path.iter().chain(&merged).copied().collect();
                let mut all = dp::posteriors(
                    &band,
                    &sub,
                    n,
                    m,
                    &shapes,
                    &null,
                    &table,
                    self.temperature,
                    &steps,
                );
                let rest = all.split_off(path.len().min(all.len()));
                (all, rest)
            }
        };
        let scores = scores.as_slice();
        let mut merged_scores = merged_scores.into_iter();
        let mut scratch = Default::default();
        let mut bead_confidence = |s: &Step, posterior: f64| {
            let delta = if s.i0 == s.i1 || s.j0 == s.j1 {
                0.0
            } else {
                model.delta(&model.src.span(s.i0, s.i1), &model.tgt.span(s.j0, s.j1))
            };
            let stray = stray_anchors(s, &[&prep.numbers, &prep.words], &mut scratch);
            (
                confidence(posterior, delta, stray, (s.i1 - s.i0, s.j1 - s.j0)),
                stray,
            )
        };
        let beads = path
            .iter()
            .zip(scores)
            .zip(&reviews)
            .enumerate()
            .map(|(p, ((s, &posterior), review))| {
                let (score, stray) = bead_confidence(s, posterior);
                let (score, attach) = match review {
                    None => (score, None),
                    Some(r) => {
                        let attach = r.attach.map(|(to, merged, margin)| {
                            let lattice = merged_scores.next().unwrap_or(0.0);
                            let neighbour = match to {
                                Neighbour::Before => p.checked_sub(1),
                                Neighbour::After => Some(p + 1),
                            };
                            let neighbour = neighbour.and_then(|q| scores.get(q)).copied();
                            let posterior = nulls::merged_posterior(
                                lattice,
                                neighbour.unwrap_or(0.0).min(posterior),
                                margin,
                                self.temperature,
                            );
                            Attachment {
                                to,
                                score: bead_confidence(&merged, posterior).0,
                            }
                        });
                        let score = nulls::null_confidence(posterior, stray, r, self.temperature);
                        (score, attach)
                    }
                };
                Bead {
                    src: s.i0..s.i1,
                    tgt: s.j0..s.j1,
                    score,
                    attach,
                }
            })
            .collect();
        // A null bead that joining a neighbour would make cheaper (a
        // shape the lattice does not search, 1-5 or 3-3) is joined.
        let cheaper = |k: usize, _: &Bead, _: &Attachment| {
            reviews
                .get(k)
                .copied()
                .flatten()
                .and_then(|r| r.attach)
                .is_some_and(|(_, _, margin)| margin < 0.0)
        };
        let (beads, _) = nulls::join_marked(beads, cheaper);
        Alignment { beads }
    }

    /// Runs the banded DP in `band`, widening it while the best path
    /// touches its edge; through the `required` beads if any.
    fn search(
        &self,
        src: &[Sentence],
        tgt: &[Sentence],
        prep: &Prepared,
        pass: &Pass,
        mut band: Band,
        required: &[Step],
    ) -> Search {
        if !required.is_empty() {
            return required::search(self, (src, tgt), prep, pass, band, required);
        }
        let (n, m) = (src.len(), tgt.len());
        let mut extra = pass.band;
        let mut previous: Option<(Band, Vec<f32>)> = None;
        // The sides do not depend on the band: only the pair cache is
        // rebuilt when the band widens.
        let mut model = build_model(src, tgt, prep, pass, &band);
        loop {
            let fill = |i: usize, j0: usize, j1: usize, out: &mut [f32]| {
                model.costs_in_run(i, j0, j1, pass.shapes, out)
            };
            let reuse = previous.as_ref().map(|(b, t)| (b, t.as_slice()));
            let table = dp::cost_table_reusing(&band, pass.shapes, &fill, reuse);
            drop(previous.take());
            let price = |src, k, extend, inside| model.null_at(src, k, extend, inside);
            let path = dp::viterbi(&band, n, m, pass.shapes, &model.null_prices(&price), &table);
            // Where the best path runs along the edge of the band, a better
            // path may have been cut off: widen the band around there (more
            // each round) and search again.
            let touching: Vec<usize> = path
                .iter()
                .filter(|s| band.on_inner_edge(s.i1, s.j1, m))
                .map(|s| s.i1)
                .collect();
            if touching.is_empty() || band.is_full(m) {
                return Search {
                    path,
                    band,
                    model,
                    table,
                    shapes: pass.shapes.to_vec(),
                    posteriors: None,
                };
            }
            let wider = band.widened(&touching, extra, 2 * extra, m);
            model.pair_matches = pair_cache(prep.features(pass.lexicon), &wider);
            model.pair_band = wider.clone();
            previous = Some((std::mem::replace(&mut band, wider), table));
            extra *= 2;
        }
    }
}

/// Work items (sentences, rows of a band) below which a loop is not split
/// across threads: on a short document the hand-over costs more than the
/// work, and in a batch the other threads are busy with other documents.
const PARALLEL_MIN_ITEMS: usize = 256;

/// Extracts the features of both sides.
fn prepare(src: &[Sentence], tgt: &[Sentence]) -> Prepared {
    use rayon::prelude::*;
    // Items are extracted in parallel a chunk at a time and the lexicon
    // words interned as they come, so that one string per word of the
    // whole document never exists at once.
    let side = |sents: &[Sentence]| -> (Vec<features::RawItems>, features::Interned) {
        let mut raw = Vec::with_capacity(sents.len());
        let mut lex = features::Interned::default();
        for chunk in sents.chunks(4096) {
            let mut items: Vec<features::RawItems> = chunk
                .par_iter()
                .with_min_len(PARALLEL_MIN_ITEMS)
                .map(|s| features::raw_items(s.text))
                .collect();
            for r in &mut items {
                lex.push(r.lex.split_terminator(features::LEX_END));
                r.lex = String::new();
            }
            raw.extend(items);
        }
        lex.finish();
        (raw, lex)
    };
    let ((src_raw, src_lex), (tgt_raw, tgt_lex)) = if src.len() + tgt.len() < PARALLEL_MIN_ITEMS {
        (side(src), side(tgt))
    } else {
        rayon::join(|| side(src), || side(tgt))
    };
    let (mut src_raw, mut tgt_raw) = (src_raw, tgt_raw);
    let scripts = (
        features::dominant_script(&src_raw),
        features::dominant_script(&tgt_raw),
    );
    // Names (capitalised Latin words, and Chinese characters in pinyin)
    // for a pair of which one side is Chinese.
    if features::names_matter(scripts) {
        let src_text: Vec<&str> = src.iter().map(|s| s.text).collect();
        let tgt_text: Vec<&str> = tgt.iter().map(|s| s.text).collect();
        if scripts.0 == features::CJK {
            features::add_names((&tgt_text, &mut tgt_raw), (&src_text, &mut src_raw));
        } else {
            features::add_names((&src_text, &mut src_raw), (&tgt_text, &mut tgt_raw));
        }
    }
    // Move the item lists out rather than copy them: on long documents
    // they are most of the memory.
    let take = |raw: &mut [features::RawItems],
                f: fn(&mut features::RawItems) -> &mut Vec<String>|
     -> Vec<Vec<String>> { raw.iter_mut().map(|r| std::mem::take(f(r))).collect() };
    let src_numbers = take(&mut src_raw, |r| &mut r.numbers);
    let tgt_numbers = take(&mut tgt_raw, |r| &mut r.numbers);
    let words = features::concepts(
        &take(&mut src_raw, |r| &mut r.words),
        &take(&mut tgt_raw, |r| &mut r.words),
        features::cognate_pairs,
    );
    let numbers = features::concepts(&src_numbers, &tgt_numbers, features::identical_pairs);
    let same_script = scripts.0 == scripts.1;
    let orphans = |raw: &[features::RawItems], other: &features::Interned| -> Vec<bool> {
        if !same_script || raw.iter().all(|r| r.initials.is_empty()) {
            return vec![false; raw.len()];
        }
        let words: rustc_hash::FxHashSet<&str> = other.types.iter().map(String::as_str).collect();
        raw.iter()
            .map(|r| r.initials.iter().any(|w| !words.contains(w.as_str())))
            .collect()
    };
    let (src_orphan, tgt_orphan) = (orphans(&src_raw, &tgt_lex), orphans(&tgt_raw, &src_lex));
    Prepared {
        src_orphan,
        tgt_orphan,
        src_lex,
        tgt_lex,
        src_raw,
        tgt_raw,
        numbers,
        words,
    }
}

/// Items that occur in more sentences than this are not used for the
/// pass-1 anchor chain.
const MAX_ANCHOR_REPEAT: u32 = 1000;

/// The centre of the pass-1 band: the longest increasing chain of anchor
/// points (items that occur in as many sentences on each side, their k-th
/// occurrences paired), interpolated by character position between them.
/// Returns the centre's column per row, and per row the number of rows
/// to the nearest point of the chain (the ends of the matrix count).
fn anchor_center(prep: &Prepared, n: usize, m: usize) -> (Vec<usize>, Vec<usize>) {
    let mut points: Vec<(usize, usize)> = Vec::new();
    for concepts in [&prep.numbers, &prep.words] {
        // Items that occur in as many sentences on each side: the k-th
        // occurrence on one side is paired with the k-th on the other.
        let equal = |c: u32| {
            let d = concepts.df_src.get(c as usize).copied().unwrap_or(0);
            d > 0 && d <= MAX_ANCHOR_REPEAT && concepts.df_tgt.get(c as usize) == Some(&d)
        };
        let mut src_occ: Vec<Vec<u32>> = vec![Vec::new(); concepts.df_src.len()];
        for (a, list) in concepts.src.iter().enumerate() {
            for &c in list.iter().filter(|&&c| equal(c)) {
                if let Some(v) = src_occ.get_mut(c as usize) {
                    v.push(a as u32);
                }
            }
        }
        let mut seen = vec![0u32; concepts.df_tgt.len()];
        for (b, list) in concepts.tgt.iter().enumerate() {
            for &c in list.iter().filter(|&&c| equal(c)) {
                let Some(k) = seen.get_mut(c as usize) else {
                    continue;
                };
                if let Some(&a) = src_occ.get(c as usize).and_then(|v| v.get(*k as usize)) {
                    points.push((a as usize + 1, b + 1));
                }
                *k += 1;
            }
        }
    }
    let src_cum = cumulative(prep.src_raw.iter().map(|r| r.chars));
    let tgt_cum = cumulative(prep.tgt_raw.iter().map(|r| r.chars));
    let (st, tt) = (
        src_cum.last().copied().unwrap_or(1.0).max(1.0),
        tgt_cum.last().copied().unwrap_or(1.0).max(1.0),
    );
    // Drop points far from the diagonal (by relative character position).
    points.retain(|&(a, b)| {
        let x = src_cum.get(a).copied().unwrap_or(0.0) / st;
        let y = tgt_cum.get(b).copied().unwrap_or(0.0) / tt;
        (x - y).abs() <= 0.25
    });
    points.sort_unstable();
    points.dedup();
    let mut chain = longest_chain(&points);
    chain.insert(0, (0, 0));
    chain.push((n, m));
    let mut center = vec![0usize; n + 1];
    // Per row, the rows to the nearest point of the chain.
    let mut from_anchor = vec![0usize; n + 1];
    for win in chain.windows(2) {
        let (Some(&(a0, b0)), Some(&(a1, b1))) = (win.first(), win.get(1)) else {
            continue;
        };
        let (sa, sb) = (
            src_cum.get(a0).copied().unwrap_or(0.0),
            src_cum.get(a1).copied().unwrap_or(0.0),
        );
        let (ta, tb) = (
            tgt_cum.get(b0).copied().unwrap_or(0.0),
            tgt_cum.get(b1).copied().unwrap_or(0.0),
        );
        for i in a0..=a1 {
            let frac = if sb > sa {
                (src_cum.get(i).copied().unwrap_or(0.0) - sa) / (sb - sa)
            } else {
                0.0
            };
            let target = ta + frac * (tb - ta);
            // The column whose cumulative length is nearest the target.
            let j = tgt_cum.partition_point(|&c| c < target).clamp(b0, b1);
            if let Some(v) = center.get_mut(i) {
                *v = j;
            }
            if let Some(d) = from_anchor.get_mut(i) {
                *d = (i - a0).min(a1 - i);
            }
        }
    }
    (center, from_anchor)
}

/// Pass 1's band: half-width `w` around the anchor centre, more the
/// farther a row is from an anchor point (`from_anchor`, in rows): one
/// column per [`SLACK_ROWS`] rows, up to `SLACK_MAX·w` more. Between
/// anchor points far apart the centre is interpolated by length, and a
/// long stretch whose ratio of lengths differs from the rest (one novel
/// of several in a file) takes the true path far from it.
fn first_band(center: &[usize], from_anchor: &[usize], w: usize, m: usize) -> Band {
    let width = |i: usize| {
        let d = from_anchor.get(i).copied().unwrap_or(0);
        w + (d / SLACK_ROWS).min(w * SLACK_MAX)
    };
    Band::around_widths(center, width, m)
}

/// Longest chain of points strictly increasing in both coordinates
/// (points sorted by the first).
fn longest_chain(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting on the second coordinate; ties in the first
    // coordinate must not chain, so process groups with equal `a`
    // in decreasing `b`.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&x, &y| {
        let (px, py) = (
            points.get(x).copied().unwrap_or_default(),
            points.get(y).copied().unwrap_or_default(),
        );
        px.0.cmp(&py.0).then(py.1.cmp(&px.1))
    });
    let mut tails: Vec<usize> = Vec::new(); // indices into points
    let mut prev: Vec<Option<usize>> = vec![None; points.len()];
    for &p in &order {
        let b = points.get(p).map_or(0, |x| x.1);
        let pos = tails.partition_point(|&t| points.get(t).map_or(0, |x| x.1) < b);
        if pos > 0 {
            if let Some(slot) = prev.get_mut(p) {
                *slot = tails.get(pos - 1).copied();
            }
        }
        if pos == tails.len() {
            tails.push(p);
        } else if let Some(slot) = tails.get_mut(pos) {
            *slot = p;
        }
    }
    let mut chain = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(p) = cur {
        if let Some(&pt) = points.get(p) {
            chain.push(pt);
        }
        cur = prev.get(p).copied().flatten();
    }
    chain.reverse();
    chain
}

fn cumulative(lengths: impl Iterator<Item = u32>) -> Vec<f64> {
    let mut out = vec![0.0];
    let mut acc = 0.0;
    for l in lengths {
        acc += f64::from(l);
        out.push(acc);
    }
    out
}

/// The (source, target) sentence of each 1-1 bead of a path.
fn one_to_one(path: &[Step]) -> impl Iterator<Item = (usize, usize)> + '_ {
    path.iter()
        .filter(|s| s.i1 - s.i0 == 1 && s.j1 - s.j0 == 1)
        .map(|s| (s.i0, s.j0))
}

fn build_model(
    src: &[Sentence],
    tgt: &[Sentence],
    prep: &Prepared,
    pass: &Pass,
    band: &Band,
) -> Model {
    let Pass {
        lexicon,
        priors,
        punct_costs,
        ..
    } = *pass;
    let sum_src: f64 = prep.src_raw.iter().map(|r| f64::from(r.chars)).sum();
    let sum_tgt: f64 = prep.tgt_raw.iter().map(|r| f64::from(r.chars)).sum();
    let ratio = if sum_src > 0.0 && sum_tgt > 0.0 {
        sum_tgt / sum_src
    } else {
        1.0
    };
    let feats = prep.features(lexicon);
    let p = PARAMS;
    let side = |raw: &[features::RawItems],
                sents: &[Sentence],
                lists: [&Vec<Vec<u32>>; 3],
                orphan: &[bool]| {
        let dominant = features::dominant_script(raw);
        let null_open = (0..sents.len())
            .map(|k| {
                let r = raw.get(k);
                let mut c = p.null_open;
                if r.is_some_and(|r| r.script != 0 && r.script != dominant) {
                    c = c.min(p.null_foreign);
                }
                if lists.iter().all(|l| l.get(k).is_none_or(Vec::is_empty)) {
                    c = c.min(p.null_unanchored);
                }
                let para = sents.get(k).map(|s| s.paragraph);
                let alone = (k == 0 || sents.get(k - 1).map(|s| s.paragraph) != para)
                    && sents.get(k + 1).map(|s| s.paragraph) != para;
                let unterminated = sents.get(k).is_some_and(|s| {
                    !s.text.trim_end().ends_with(|c: char| {
                        matches!(
                            c,
                            '.' | '?' | '!' | '…' | '。' | '？' | '！' | '"' | '”' | '»' | ')'
                        )
                    })
                });
                let mut e = c.min(p.null_extend);
                if alone && unterminated {
                    c = c.min(p.null_header);
                    e = e.min(p.null_header_extend);
                }
                (c, e)
            })
            .collect();
        let mut prefix = Vec::with_capacity(raw.len() + 1);
        let mut acc = Prefix::default();
        prefix.push(acc);
        for (k, r) in raw.iter().enumerate() {
            acc.chars += f64::from(r.chars);
            for (f, list) in lists.iter().enumerate() {
                acc.items[f] += list.get(k).map_or(0, |c| c.len() as u32);
            }
            for (a, p) in acc.punct.iter_mut().zip(r.punct) {
                *a += u32::from(p);
            }
            acc.orphan += u32::from(orphan.get(k).copied().unwrap_or(false));
            prefix.push(acc);
        }
        let paragraph: Vec<usize> = sents.iter().map(|s| s.paragraph).collect();
        let untimed = |k: usize| sents.get(k).is_some_and(|s| s.time.is_none());
        let inside = (0..=paragraph.len())
            .map(|x| {
                x > 0
                    && paragraph
                        .get(x - 1)
                        .is_some_and(|p| paragraph.get(x) == Some(p))
                    && untimed(x - 1)
                    && untimed(x)
            })
            .collect();
        Side {
            prefix,
            paragraph,
            null_open,
            structure: Structure::of(sents),
            inside,
        }
    };
    let src_side = side(&prep.src_raw, src, feats.map(|c| &c.src), &prep.src_orphan);
    let mut tgt_side = side(&prep.tgt_raw, tgt, feats.map(|c| &c.tgt), &prep.tgt_orphan);
    tgt_side.structure.sync_to(&src_side.structure);
    Model {
        p,
        src: src_side,
        tgt: tgt_side,
        ratio,
        // 6.8 per character of the longer side (see the crate docs).
        variance: 6.8 * ratio * ratio.min(1.0),
        pair_matches: pair_cache(feats, band),
        pair_band: band.clone(),
        priors,
        punct_costs,
    }
}

/// Matched items per feature of every sentence pair (a, b) of `band`'s
/// cells (row a, column b).
fn pair_cache(feats: [&Concepts; 3], band: &Band) -> Vec<[u8; 3]> {
    use rayon::prelude::*;
    let mut pair_matches = vec![[0u8; 3]; band.cells()];
    band.rows_mut(&mut pair_matches, 1)
        .into_par_iter()
        .with_min_len(PARALLEL_MIN_ITEMS)
        .for_each(|(a, row)| {
            let lo = band.lo.get(a).copied().unwrap_or(0);
            for (off, slot) in row.iter_mut().enumerate() {
                let b = lo + off;
                for (f, c) in feats.iter().enumerate() {
                    if let (Some(x), Some(y)) = (c.src.get(a), c.tgt.get(b)) {
                        slot[f] = features::intersect(x, y).min(255) as u8;
                    }
                }
            }
        });
    pair_matches
}

#[cfg(test)]
mod tests;
