//! Document ids and reprint detection.
use xxhash_rust::xxh3::xxh3_64;

/// 16 hex chars of a hash of the cleaned text.
pub fn doc_id(clean_text: &str) -> String {
    format!("{:016x}", xxh3_64(clean_text.as_bytes()))
}

/// Remembers the documents seen so far and says which earlier one a new one repeats.
#[derive(Default)]
pub struct Deduplicator {
    seen: std::collections::HashSet<String>,
}

impl Deduplicator {
    /// The id of an earlier document with (nearly) the same text, if any; remembers this one.
    pub fn check(&mut self, id: &str, _text: &str) -> Option<String> {
        if !self.seen.insert(id.to_string()) {
            return Some(id.to_string());
        }
        None
    }
}
