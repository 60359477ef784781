//! Lexicons: learned over many documents' first passes, or read from
//! a dictionary in hunalign's format.

use crate::features;

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
    pub(crate) pairs: Vec<(String, String)>,
}

impl Lexicon {
    /// Learns a lexicon from the sentence pairs of many documents' first
    /// passes ([`Aligner::first_pass`](crate::Aligner::first_pass)).
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

    /// Adds one document's material ([`Aligner::first_pass`](crate::Aligner::first_pass)).
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
        let pairs: Vec<(usize, usize)> = (0..self.src.len()).map(|k| (k, k)).collect();
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
