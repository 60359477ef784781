//! Words interned into ids, and the sentences of a side as lists of ids,
//! all in a few flat buffers (no allocation per sentence or per word
//! occurrence).

use std::hash::BuildHasher;

/// The hash a word is interned by.
pub(crate) fn hash_word(w: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(w)
}

/// Lists of ids, one per sentence, in one buffer.
#[derive(Debug, Default, Clone)]
pub(crate) struct Lists {
    ids: Vec<u32>,
    /// Where each list ends in `ids`.
    ends: Vec<u32>,
}

impl Lists {
    /// The number of lists.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no id is in any list.
    pub(crate) fn no_ids(&self) -> bool {
        self.ids.is_empty()
    }

    /// List `k` (empty past the end).
    pub(crate) fn get(&self, k: usize) -> &[u32] {
        let lo = match k.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        } as usize;
        let hi = self.ends.get(k).map_or(lo, |&e| e as usize);
        self.ids.get(lo..hi).unwrap_or_default()
    }

    /// Adds `id` to the list being built.
    pub(crate) fn push(&mut self, id: u32) {
        self.ids.push(id);
    }

    /// Ends the list being built (the next id starts a new one).
    pub(crate) fn end_list(&mut self) {
        self.ends.push(self.ids.len() as u32);
    }

    /// Frees the buffers' spare capacity.
    pub(crate) fn shrink(&mut self) {
        self.ids.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// The words of one side interned: `types[id]` is a word, `lists.get(k)`
/// the ids of sentence k. Ids follow first occurrence.
#[derive(Debug, Default, Clone)]
pub(crate) struct Interned {
    /// The words by id.
    pub types: Vec<String>,
    /// The ids of each sentence's words, in order.
    pub lists: Lists,
    /// The hash of each type.
    hashes: Vec<u64>,
    /// An open-addressing table of type ids plus one (0: empty slot); its
    /// length is a power of two, at most half full.
    slots: Vec<u32>,
}

impl Interned {
    /// The number of sentences.
    pub(crate) fn len(&self) -> usize {
        self.lists.len()
    }

    /// The id of word `w`, if it is a type.
    pub(crate) fn id(&self, w: &str) -> Option<u32> {
        self.find(w, hash_word(w)).ok()
    }

    /// The id of `w` (hashed to `hash`), or the slot a new type goes in.
    fn find(&self, w: &str, hash: u64) -> Result<u32, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        if self.slots.is_empty() {
            return Err(0);
        }
        let mut i = (hash as usize) & mask;
        loop {
            match self.slots.get(i).copied().unwrap_or(0) {
                0 => return Err(i),
                s => {
                    let id = s - 1;
                    if self.hashes.get(id as usize) == Some(&hash)
                        && self.types.get(id as usize).is_some_and(|t| t == w)
                    {
                        return Ok(id);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `w`, hashed to `hash` ([`hash_word`]), made a new type
    /// if it is not one yet (only then is it copied).
    pub(crate) fn intern_hashed(&mut self, w: &str, hash: u64) -> u32 {
        match self.find(w, hash) {
            Ok(id) => id,
            Err(mut slot) => {
                if 2 * (self.types.len() + 1) > self.slots.len() {
                    self.grow();
                    slot = self.find(w, hash).err().unwrap_or(0);
                }
                let id = self.types.len() as u32;
                self.types.push(w.to_string());
                self.hashes.push(hash);
                if let Some(s) = self.slots.get_mut(slot) {
                    *s = id + 1;
                }
                id
            }
        }
    }

    /// [`Interned::intern_hashed`] of `w`.
    pub(crate) fn intern(&mut self, w: &str) -> u32 {
        self.intern_hashed(w, hash_word(w))
    }

    /// Doubles the table (at least 64 slots) and re-inserts every type.
    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(64);
        let mask = len - 1;
        let mut slots = vec![0u32; len];
        for (id, &h) in self.hashes.iter().enumerate() {
            let mut i = (h as usize) & mask;
            while slots.get(i).is_some_and(|&s| s != 0) {
                i = (i + 1) & mask;
            }
            if let Some(s) = slots.get_mut(i) {
                *s = id as u32 + 1;
            }
        }
        self.slots = slots;
    }

    /// Adds the next sentence's words.
    pub(crate) fn push<'w>(&mut self, words: impl IntoIterator<Item = &'w str>) {
        for w in words {
            let id = self.intern(w);
            self.lists.push(id);
        }
        self.lists.end_list();
    }

    /// Frees spare capacity once every sentence is in.
    pub(crate) fn finish(&mut self) {
        self.lists.shrink();
        self.types.shrink_to_fit();
        self.hashes.shrink_to_fit();
    }

    /// The words of sentence `k`.
    pub(crate) fn words(&self, k: usize) -> Vec<String> {
        self.lists
            .get(k)
            .iter()
            .filter_map(|&id| self.types.get(id as usize).cloned())
            .collect()
    }
}
