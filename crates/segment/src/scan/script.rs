//! A change of script with no space between two words: a caption glued
//! to a text, or a word that mixes scripts.

use super::Scanner;
use crate::chars::{is_script_change, script_class, ScriptClass};

/// How many letters of a unit tell its main script.
const MAIN_SCRIPT_SAMPLE: usize = 4096;

impl Scanner<'_> {
    /// Handles a letter of script `class` at `i`: a change of script
    /// between two runs of at least two letters, with no space between,
    /// starts a new segment when it glues a caption to a text (see
    /// [`Scanner::glued_caption`]).
    pub(super) fn letter(
        &mut self,
        i: usize,
        class: ScriptClass,
        prev: &mut ScriptClass,
        run: &mut usize,
    ) {
        if *prev == class {
            *run += 1;
            return;
        }
        if is_script_change(*prev, class)
            && *run >= 2
            && self.letters_ahead(i, class) >= 2
            && self.glued_caption(i, *prev, class)
        {
            self.cut(i);
        }
        *prev = class;
        *run = 1;
    }
    /// Whether the change from script `left` to script `right` at `i`
    /// separates two runs of text rather than falling inside one mixed
    /// word ("UNHCRको", "Googleом", "NASAστην"): one side must be a run of
    /// at least two words in a script other than the unit's main one that
    /// reaches the segment's edge (a caption before the text, back to the
    /// segment start; or after it, on to the end of the unit), and the
    /// other side at least two words too ("…ملل متحدOn October 9").
    fn glued_caption(&mut self, i: usize, left: ScriptClass, right: ScriptClass) -> bool {
        let main = self.main_script();
        let before = self.text.get(self.seg..i).unwrap_or_default();
        let after = self.text.get(i..self.end).unwrap_or_default();
        let caption_before = left != main
            && run_words(before.chars().rev(), left, true) >= 2
            && run_words(after.chars(), right, false) >= 2;
        caption_before
            || (right != main
                && run_words(after.chars(), right, true) >= 2
                && run_words(before.chars().rev(), left, false) >= 2)
    }
    /// The script with the most letters among the first
    /// [`MAIN_SCRIPT_SAMPLE`] letters of the unit (counted once): a glued
    /// caption is short beside the text it is glued to, and the sample
    /// keeps the count cheap on a long line.
    pub(super) fn main_script(&mut self) -> ScriptClass {
        if let Some(main) = self.main_script {
            return main;
        }
        let mut counts = [0usize; 256];
        let letters = self
            .text
            .get(self.unit_start..self.end)
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(MAIN_SCRIPT_SAMPLE);
        for c in letters {
            counts[usize::from(script_class(c))] += 1;
        }
        counts[0] = 0;
        let main = (0..=255u8)
            .max_by_key(|&c| counts[usize::from(c)])
            .unwrap_or(0);
        self.main_script = Some(main);
        main
    }
    /// How many letters of `class` follow from `i` (counting at most 2).
    fn letters_ahead(&self, i: usize, class: ScriptClass) -> usize {
        self.text
            .get(i..self.end)
            .unwrap_or_default()
            .chars()
            .take(2)
            .take_while(|&c| c.is_alphabetic() && script_class(c) == class)
            .count()
    }
}

/// The number of words of script `class` in the run that `chars` walks
/// (away from a change of script), counting at most 2 unless `to_edge`:
/// then the run must hold no letter of another script up to the end of
/// `chars`, or 0 is returned. Each call stops at the first letter of
/// another script, so the scans stay linear.
fn run_words(chars: impl Iterator<Item = char>, class: ScriptClass, to_edge: bool) -> usize {
    let mut words = 0usize;
    let mut in_word = false;
    for c in chars {
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if !c.is_alphabetic() {
            continue;
        }
        let cc = script_class(c);
        if cc != 0 && cc != class {
            return if to_edge { 0 } else { words };
        }
        if !in_word {
            words += 1;
            in_word = true;
            if words >= 2 && !to_edge {
                return words;
            }
        }
    }
    words
}
