//! The two passes: pass 1 around the anchor chain, pass 2 around pass 1's
//! path with a lexicon, the banded search that widens where the path
//! touches the band's edge, and the confidence of the result's beads.

use std::borrow::Cow;

use crate::anchors::{anchor_center, first_band};
use crate::confidence::{confidence, stray_anchors};
use crate::dp::{self, Band, Shape, Step};
use crate::features::{self, Concepts};
use crate::model::{build_model, pair_cache_reusing, Model, RunScratch};
use crate::prepare::{prepare, Prepared};
use crate::priors::{default_priors, estimated_priors, punct_costs, Priors, PunctCosts};
use crate::{nulls, required};
use crate::{Aligner, Alignment, Attachment, Bead, Lexicon, Neighbour, Sentence};

/// Half-width of pass 2's band around pass 1's path (widened like any
/// band where the path touches its edge).
pub(crate) const SECOND_PASS_BAND: usize = 6;

/// Half-width of the band around the best path that posteriors sum over.
pub(crate) const POSTERIOR_BAND: usize = 6;

/// What a pass adds to the document's features.
#[derive(Clone, Copy)]
pub(crate) struct Pass<'a> {
    /// The lexicon's concepts.
    pub(crate) lexicon: &'a Concepts,
    pub(crate) priors: Priors,
    pub(crate) punct_costs: Option<PunctCosts>,
    /// The bead shapes searched.
    pub(crate) shapes: &'a [Shape],
    /// Half-width of the band.
    pub(crate) band: usize,
}

/// The outcome of one banded search.
pub(crate) struct Search {
    pub(crate) path: Vec<Step>,
    pub(crate) band: Band,
    pub(crate) model: Model,
    /// Costs of the non-null beads in the band (see [`dp::cost_table`]),
    /// one slot per shape searched.
    pub(crate) table: dp::CostTable,
    /// The shapes searched, in the table's order.
    pub(crate) shapes: Vec<Shape>,
    /// The posterior of each step of the path, when it was searched
    /// through required beads (its tables are then the pieces' own, and
    /// `table` is empty).
    pub(crate) posteriors: Option<Vec<f64>>,
}

/// What pass 2 needs of pass 1: its path and what was estimated from it.
#[derive(Debug, Clone)]
pub(crate) struct FirstSummary {
    /// The end cell of each bead of the path (a few bytes per bead: a
    /// batch keeps one per document).
    pub(crate) ends: Vec<(u32, u32)>,
    pub(crate) priors: Priors,
    pub(crate) punct: PunctCosts,
    /// The sentence counts of the pair.
    pub(crate) n: usize,
    pub(crate) m: usize,
}

impl FirstSummary {
    pub(crate) fn of(first: &Search, n: usize, m: usize) -> Self {
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
    pub(crate) fn path(&self) -> Vec<Step> {
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

impl Aligner {
    /// Pass 1: a corridor around the anchor chain, the dictionary as the
    /// only lexicon; through the `required` beads when no pass follows.
    pub(crate) fn pass1(
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
    pub(crate) fn first_pass_shapes(&self) -> &[Shape] {
        let k = self.shapes.iter().take_while(|s| s.0.max(s.1) <= 3).count();
        self.shapes.get(..k).unwrap_or(&self.shapes)
    }

    /// Aligns, with the corpus lexicon if any, and pass 1's outcome if it
    /// has run already, through the `required` beads (checked).
    pub(crate) fn align_from(
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
        // lexicon pass follows): otherwise it is freed at once, before the
        // lexicon is learned.
        let last = corpus.is_none() && !self.lexicon;
        let own_summary;
        let (summary, first) = match given {
            Some(summary) => (summary, None),
            None => {
                self.stage("pass 1");
                // Pass 1 sees the required beads only when no pass follows.
                let first = self.pass1(src, tgt, &prep, if last { required } else { &[] });
                own_summary = FirstSummary::of(&first, n, m);
                (&own_summary, Some(first).filter(|_| last))
            }
        };
        self.stage("pass 2");
        // Pass 2 around pass 1's path, with a lexicon learned from the
        // corpus, or from pass 1's 1-1 beads.
        let path = summary.path();
        let learned = match corpus {
            Some(corpus) => Some(Cow::Borrowed(corpus.pairs.as_slice())),
            None if self.lexicon => {
                let pairs: Vec<(usize, usize)> = one_to_one(&path).collect();
                Some(Cow::Owned(features::learn_lexicon_interned(
                    src_lex, tgt_lex, &pairs, 2, 0.3,
                )))
            }
            None => None,
        };
        let result = match (learned, first) {
            (Some(lexicon), _) => {
                // The lexicon, then the dictionary (a corpus's lexicon is
                // not copied per document).
                let lex = features::concepts_interned(
                    src_lex,
                    tgt_lex,
                    features::lexicons_pairs([&lexicon[..], &self.dictionary[..]]),
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
        // Only the null beads have one (kept with their step's index: a
        // long document's path is mostly 1-1 beads).
        let reviews: Vec<(usize, nulls::Review)> = (0..path.len())
            .filter_map(|p| Some((p, nulls::review(&model, &path, p, &fixed)?)))
            .collect();
        let review_of = |p: usize| {
            reviews
                .binary_search_by_key(&p, |&(q, _)| q)
                .ok()
                .and_then(|k| reviews.get(k))
                .map(|(_, r)| r)
        };
        let merged: Vec<Step> = reviews
            .iter()
            .filter_map(|(_, r)| r.attach.map(|(_, s, _)| s))
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
            .enumerate()
            .map(|(p, (s, &posterior))| {
                let (score, stray) = bead_confidence(s, posterior);
                let (score, attach) = match review_of(p) {
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
            review_of(k)
                .and_then(|r| r.attach)
                .is_some_and(|(_, _, margin)| margin < 0.0)
        };
        let (beads, _) = nulls::join_marked(beads, cheaper);
        Alignment { beads }
    }

    /// Runs the banded DP in `band`, widening it while the best path
    /// touches its edge; through the `required` beads if any.
    pub(crate) fn search(
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
        let mut previous: Option<(Band, dp::CostTable)> = None;
        // The sides do not depend on the band: only the pair cache is
        // rebuilt when the band widens.
        let mut model = build_model(src, tgt, prep, pass, &band);
        loop {
            let fill =
                |scratch: &mut RunScratch, i: usize, j0: usize, j1: usize, out: &mut [f32]| {
                    model.costs_in_run(scratch, i, j0, j1, pass.shapes, out)
                };
            let table = dp::cost_table_reusing(&band, pass.shapes, &fill, previous.take());
            let price = |src, k, extend, inside| model.null_at(src, k, extend, inside);
            let path = dp::viterbi(&band, n, m, pass.shapes, &model.null_prices(&price), &table);
            // Where the best path runs along the edge of the band, a better
            // path may have been cut off: widen the band around there (more
            // each round) and search again, within a budget of cells: texts
            // that are not translations of each other would widen it to the
            // whole matrix.
            let touching: Vec<usize> = path
                .iter()
                .filter(|s| band.on_inner_edge(s.i1, s.j1, m))
                .map(|s| s.i1)
                .collect();
            let Some(wider) = band.widened_for(&touching, extra, (n, m)) else {
                return Search {
                    path,
                    band,
                    model,
                    table,
                    shapes: pass.shapes.to_vec(),
                    posteriors: None,
                };
            };
            let earlier = Some((&model.pair_band, model.pair_matches.as_slice()));
            model.pair_matches = pair_cache_reusing(prep.features(pass.lexicon), &wider, earlier);
            model.pair_band = wider.clone();
            previous = Some((std::mem::replace(&mut band, wider), table));
            extra *= 2;
        }
    }
}

/// The (source, target) sentence of each 1-1 bead of a path.
pub(crate) fn one_to_one(path: &[Step]) -> impl Iterator<Item = (usize, usize)> + '_ {
    path.iter()
        .filter(|s| s.i1 - s.i0 == 1 && s.j1 - s.j0 == 1)
        .map(|s| (s.i0, s.j0))
}
