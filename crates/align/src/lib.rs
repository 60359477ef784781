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
//! the DP run again, pricing only the new cells, within a budget of cells
//! (64 per sentence beyond the whole matrix of about 2,000 by 2,000), so
//! that two texts that are not translations of each other cannot widen it
//! to all n·m cells. Pass 2 uses a band around pass 1's path. Time and
//! memory are O((n + m)·band).
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

mod anchors;
mod confidence;
mod dp;
mod features;
mod lexicon;
mod model;
mod nulls;
mod prepare;
mod priors;
mod required;
mod search;
mod structure;

use std::ops::Range;

use dp::Shape;
pub use lexicon::{
    parse_hunalign_dictionary, read_hunalign_dictionary, HunalignDictionary, Lexicon,
    LexiconBuilder, TokenPair,
};
pub use nulls::LOW_CONFIDENCE;
use prepare::prepare;
pub use required::RequiredError;
use search::{one_to_one, FirstSummary};
pub use structure::Class;

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

    fn stage(&self, name: &str) {
        if let Some(StageFn(f)) = &self.on_stage {
            f(name);
        }
    }
}

#[cfg(test)]
mod tests;
