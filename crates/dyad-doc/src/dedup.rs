//! Document ids and reprint detection.
//!
//! The id is 16 hex chars of a 64-bit hash (XXH3) of the cleaned text with its whitespace
//! collapsed, so the same article re-wrapped or re-indented by another site keeps its id.
//! Near-duplicates — the same agency story republished with small edits ("Как передает APA"
//! for "Как сообщает Trend", a dropped sentence) — are found with MinHash over word
//! trigrams and an LSH index (gaoya); a document whose estimated Jaccard similarity to an
//! earlier one reaches [`NEAR_DUPLICATE_JACCARD`] points to it with `duplicate_of`.

use gaoya::minhash::{MinHashIndex, MinHasher, MinHasher32};
use std::collections::HashSet;
use xxhash_rust::xxh3::Xxh3;

/// Estimated Jaccard similarity of word trigram sets from which two texts count as one story.
pub const NEAR_DUPLICATE_JACCARD: f64 = 0.7;
/// Texts with fewer trigrams than this are compared exactly only: for a two-line note a
/// changed word moves the similarity too much to mean anything.
const MIN_SHINGLES: usize = 20;
const BANDS: usize = 32;
const BAND_WIDTH: usize = 4;

/// 16 hex chars of a hash of `clean_text`, whitespace runs counted as one space.
pub fn doc_id(clean_text: &str) -> String {
    let mut h = Xxh3::new();
    for (i, w) in clean_text.split_whitespace().enumerate() {
        if i > 0 {
            h.update(b" ");
        }
        h.update(w.as_bytes());
    }
    format!("{:016x}", h.digest())
}

/// Lower-cased word trigrams of a text: the features MinHash compares.
fn shingles(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    words.windows(3).map(|w| w.join(" ")).collect()
}

/// Remembers the documents seen so far and says which earlier one a new one repeats.
pub struct Deduplicator {
    exact: HashSet<String>,
    hasher: MinHasher32<fnv::FnvBuildHasher>,
    index: MinHashIndex<u32, String>,
}

impl Default for Deduplicator {
    fn default() -> Self {
        Deduplicator {
            exact: HashSet::new(),
            hasher: MinHasher32::new(BANDS * BAND_WIDTH),
            index: MinHashIndex::new(BANDS, BAND_WIDTH, NEAR_DUPLICATE_JACCARD),
        }
    }
}

impl Deduplicator {
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of an earlier document with the same or nearly the same text, if any.
    /// Remembers this document when it is new, so later reprints point to the first one.
    pub fn check(&mut self, id: &str, text: &str) -> Option<String> {
        if self.exact.contains(id) {
            return Some(id.to_string());
        }
        let shingles = shingles(text);
        let signature =
            (shingles.len() >= MIN_SHINGLES).then(|| self.hasher.create_signature(shingles.iter()));
        if let Some(sig) = &signature {
            let best = self
                .index
                .query_owned_return_similarity(sig)
                .into_iter()
                .filter(|(_, s)| *s >= NEAR_DUPLICATE_JACCARD)
                .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
            if let Some((original, _)) = best {
                return Some(original);
            }
        }
        self.exact.insert(id.to_string());
        if let Some(sig) = signature {
            self.index.insert(id.to_string(), sig);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Министр иностранных дел Грузии прибыла с официальным визитом в Баку. Как передает APA, \
        в ходе визита глава МИД Грузии встретилась с министром иностранных дел Азербайджана. Стороны обсудили \
        транзитные перевозки по Среднему коридору, энергетические проекты и подготовку заседания \
        межправительственной комиссии. Министры также подписали меморандум о взаимопонимании в области цифровых технологий.";

    #[test]
    fn ids_ignore_whitespace_but_not_words() {
        assert_eq!(doc_id("Визит  в\nБаку."), doc_id("Визит в Баку."));
        assert_ne!(doc_id("Визит в Баку."), doc_id("Визит в Ереван."));
        assert_eq!(doc_id("x").len(), 16);
    }

    #[test]
    fn exact_and_near_reprints_point_to_the_first() {
        let mut d = Deduplicator::new();
        let first = doc_id(STORY);
        assert_eq!(d.check(&first, STORY), None);
        assert_eq!(d.check(&first, STORY), Some(first.clone()));
        let edited = STORY.replace("Как передает APA", "Как сообщает Trend");
        assert_eq!(d.check(&doc_id(&edited), &edited), Some(first.clone()));
        let other = "Парламент Армении принял бюджет на следующий год. За документ проголосовали 70 депутатов, \
            против высказались 30. Бюджет предусматривает рост расходов на оборону и образование, а также \
            снижение дефицита до трех процентов валового внутреннего продукта страны.";
        assert_eq!(d.check(&doc_id(other), other), None);
    }

    #[test]
    fn short_notes_are_compared_exactly() {
        let mut d = Deduplicator::new();
        assert_eq!(d.check(&doc_id("Встреча в Баку."), "Встреча в Баку."), None);
        assert_eq!(
            d.check(&doc_id("Встреча в Ереване."), "Встреча в Ереване."),
            None
        );
    }
}
