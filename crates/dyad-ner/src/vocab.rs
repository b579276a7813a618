//! The word vocabulary: 250,002 words in one string, found by an open-addressing hash table
//! of ids (two allocations in all, built in a few milliseconds).

/// Words separated by `\n` (slovnet's `vocabs/word.gz`), looked up by exact string.
pub struct Vocab {
    text: String,
    /// Byte offset where word `i` starts; `starts[i + 1] - 1` is where it ends.
    starts: Vec<u32>,
    /// Per slot, the high 32 bits of the word's hash and, low, `id + 1` (0: empty slot).
    /// The number of slots is a power of two.
    slots: Vec<u64>,
    longest: usize,
}

impl Vocab {
    /// Builds the vocabulary of the lines of `text` (`\n`-separated, as Python's `splitlines`
    /// reads a file with no other line breaks). A word that appears twice keeps its last id,
    /// as slovnet's `{item: id for id, item in enumerate(items)}` does.
    pub fn new(text: String) -> Result<Vocab, String> {
        if text.len() >= u32::MAX as usize {
            return Err("vocabulary over 4 GB".to_string());
        }
        let mut starts = Vec::with_capacity(text.len() / 8 + 2);
        starts.push(0u32);
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        // a final line break ends the last word rather than starting an empty one
        let end = if text.ends_with('\n') {
            starts.pop();
            text.len()
        } else {
            text.len() + 1
        };
        let n = starts.len();
        starts.push(end as u32);
        let size = (n * 2).next_power_of_two().max(16);
        let mut v = Vocab {
            text,
            starts,
            slots: vec![0; size],
            longest: 0,
        };
        let mut longest = 0;
        for id in 0..n {
            let word = v.word(id as u32);
            longest = longest.max(word.len());
            let mask = v.slots.len() - 1;
            let h = hash(word.as_bytes());
            let tag = h & 0xffff_ffff_0000_0000;
            let mut slot = h as usize & mask;
            loop {
                let s = v.slots[slot];
                if s == 0
                    || (s & 0xffff_ffff_0000_0000 == tag
                        && v.word((s as u32).wrapping_sub(1)) == word)
                {
                    v.slots[slot] = tag | (id as u64 + 1);
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        v.longest = longest;
        Ok(v)
    }

    /// Bytes of the longest word.
    pub fn longest(&self) -> usize {
        self.longest
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Never: a vocabulary read from text has one word at least (maybe the empty one).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The word with id `id` (ids below [`Vocab::len`]).
    #[inline]
    pub fn word(&self, id: u32) -> &str {
        let a = self.starts[id as usize] as usize;
        let b = self.starts[id as usize + 1] as usize - 1;
        &self.text[a..b.min(self.text.len()).max(a)]
    }

    /// The id of `word`, if it is in the vocabulary.
    #[inline]
    pub fn get(&self, word: &str) -> Option<u32> {
        if word.len() > self.longest {
            return None;
        }
        let mask = self.slots.len() - 1;
        let h = hash(word.as_bytes());
        let tag = h & 0xffff_ffff_0000_0000;
        let mut slot = h as usize & mask;
        loop {
            let s = self.slots[slot];
            if s == 0 {
                return None;
            }
            let id = (s as u32).wrapping_sub(1);
            if s & 0xffff_ffff_0000_0000 == tag && self.word(id) == word {
                return Some(id);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// A fast 64-bit hash of short byte strings (8 bytes a step, multiply-and-fold mixing).
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h: u64 = bytes.len() as u64 ^ 0x2545_f491_4f6c_dd1d;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = fold(h ^ v, K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = fold(h ^ u64::from_le_bytes(buf), K);
    }
    fold(h, K ^ 0x5851_f42d_4c95_7f2d)
}

fn fold(a: u64, b: u64) -> u64 {
    let m = (a as u128) * (b as u128);
    (m as u64) ^ ((m >> 64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_word_and_nothing_else() {
        let words: Vec<String> = (0..5000).map(|i| format!("слово{i}")).collect();
        let v = Vocab::new(words.join("\n")).unwrap();
        assert_eq!(v.len(), 5000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.get(w), Some(i as u32));
            assert_eq!(v.word(i as u32), w);
        }
        assert_eq!(v.get("слово5000"), None);
        assert_eq!(v.get(""), None);
        assert_eq!(v.get(&"x".repeat(1 << 20)), None);
    }

    #[test]
    fn duplicates_keep_the_last_id_and_trailing_newline_is_ignored() {
        let v = Vocab::new("a\nb\na\n".to_string()).unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(v.get("a"), Some(2));
        assert_eq!(v.get("b"), Some(1));
        let empty = Vocab::new(String::new()).unwrap();
        assert_eq!(empty.len(), 1); // one empty word, as "".split("\n") has
        assert_eq!(empty.get("x"), None);
    }
}
