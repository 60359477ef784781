//! Words interned into ids, and the sentences of a side as lists of ids,
//! all in a few flat buffers (no allocation per sentence or per word
//! occurrence).

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// The hash a word is interned by.
#[inline]
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

    /// Keeps the ids `keep` holds to, each list keeping its place.
    pub(crate) fn retain(&mut self, keep: impl Fn(u32) -> bool) {
        let (mut read, mut write) = (0, 0);
        for end in &mut self.ends {
            while read < *end as usize {
                if let Some(&id) = self.ids.get(read) {
                    if keep(id) {
                        if let Some(slot) = self.ids.get_mut(write) {
                            *slot = id;
                        }
                        write += 1;
                    }
                }
                read += 1;
            }
            *end = write as u32;
        }
        self.ids.truncate(write);
    }
}

/// Words by id, one after another in one buffer (not a `String` each:
/// a document has thousands of types, and their allocations cost more
/// than the rest of their interning).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Types {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
}

impl Types {
    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Word `id` (empty past the end).
    #[inline]
    pub(crate) fn get(&self, id: usize) -> &str {
        let lo = match id.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        } as usize;
        let hi = self.ends.get(id).map_or(lo, |&e| e as usize);
        self.text.get(lo..hi).unwrap_or_default()
    }

    /// Word `id` as bytes (empty past the end): no check of character
    /// boundaries, for comparing.
    #[inline]
    fn bytes(&self, id: usize) -> &[u8] {
        let lo = match id.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        } as usize;
        let hi = self.ends.get(id).map_or(lo, |&e| e as usize);
        self.text.as_bytes().get(lo..hi).unwrap_or_default()
    }

    /// The words in order of id.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        (0..self.len()).map(|id| self.get(id))
    }

    /// Adds `w` as the next word.
    pub(crate) fn push(&mut self, w: &str) {
        self.text.push_str(w);
        self.ends.push(self.text.len() as u32);
    }

    /// The bytes of all words.
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Room for `words` more words of `bytes` bytes in all.
    pub(crate) fn reserve(&mut self, words: usize, bytes: usize) {
        self.ends.reserve(words);
        self.text.reserve(bytes);
    }

    /// Frees spare capacity.
    fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl<S: AsRef<str>> FromIterator<S> for Types {
    fn from_iter<I: IntoIterator<Item = S>>(words: I) -> Types {
        let mut out = Types::default();
        for w in words {
            out.push(w.as_ref());
        }
        out
    }
}

/// The words of one side interned: `types.get(id)` is a word,
/// `lists.get(k)` the ids of sentence k. Ids follow first occurrence.
#[derive(Debug, Default, Clone)]
pub(crate) struct Interned {
    /// The words by id.
    pub types: Types,
    /// The ids of each sentence's words, in order.
    pub lists: Lists,
    /// The hash of each type.
    hashes: Vec<u64>,
    /// The type ids, found by a word's hash.
    slots: HashTable<u32>,
}

impl Interned {
    /// The number of sentences.
    pub(crate) fn len(&self) -> usize {
        self.lists.len()
    }

    /// The id of word `w`, if it is a type.
    pub(crate) fn id(&self, w: &str) -> Option<u32> {
        let types = &self.types;
        self.slots
            .find(hash_word(w), |&id| types.bytes(id as usize) == w.as_bytes())
            .copied()
    }

    /// The id of `w`, hashed to `hash` ([`hash_word`]), made a new type
    /// if it is not one yet (only then is it copied).
    pub(crate) fn intern_hashed(&mut self, w: &str, hash: u64) -> u32 {
        // A look-up, then an insertion for a new type, rather than the
        // entry API: the look-up stays inlined, and most words are found.
        let types = &self.types;
        if let Some(&id) = self
            .slots
            .find(hash, |&id| types.bytes(id as usize) == w.as_bytes())
        {
            return id;
        }
        self.push_new_type(w, hash)
    }

    /// Makes `w`, hashed to `hash` ([`hash_word`]), a new type without
    /// looking it up: the caller knows it is not one yet.
    pub(crate) fn push_new_type(&mut self, w: &str, hash: u64) -> u32 {
        let id = self.types.len() as u32;
        let hashes = &self.hashes;
        self.slots
            .insert_unique(hash, id, |&i| hashes.get(i as usize).copied().unwrap_or(0));
        self.types.push(w);
        self.hashes.push(hash);
        id
    }

    /// Room for `types` types of `bytes` bytes in all without growing.
    pub(crate) fn reserve_types(&mut self, types: usize, bytes: usize) {
        self.types.reserve(types, bytes);
        self.hashes.reserve(types);
        let hashes = &self.hashes;
        self.slots
            .reserve(types, |&i| hashes.get(i as usize).copied().unwrap_or(0));
    }

    /// [`Interned::intern_hashed`] of `w`.
    pub(crate) fn intern(&mut self, w: &str) -> u32 {
        self.intern_hashed(w, hash_word(w))
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
        self.types.shrink();
        self.hashes.shrink_to_fit();
    }

    /// The words of sentence `k`.
    pub(crate) fn words(&self, k: usize) -> Vec<String> {
        self.lists
            .get(k)
            .iter()
            .map(|&id| self.types.get(id as usize).to_string())
            .collect()
    }
}
