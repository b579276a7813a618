//! dyad's pipeline: `Document → CleanDoc → Annotated → … → Record`.
//!
//! [`Pipeline`] holds what the stages need across documents (the reprint index) and turns
//! each [`Document`] into a [`Record`], the JSON object of `../shared/CONTRACT.md`.

pub mod bench;
pub mod record;

pub use record::Record;

use dyad_doc::{clean, doc_id, Deduplicator, Document};

/// Runs the stages over a stream of documents.
#[derive(Default)]
pub struct Pipeline {
    dedup: Deduplicator,
}

impl Pipeline {
    pub fn new() -> Self {
        Self::default()
    }

    /// Processes one document. Never fails on content.
    pub fn process(&mut self, doc: &Document) -> Record {
        let cleaned = clean(doc);
        let id = doc_id(cleaned.text.text());
        let duplicate_of = self.dedup.check(&id, cleaned.text.text());
        let segmentation = dyad_lang::segment(cleaned.text.text());
        let mut record = Record::new(doc, &cleaned, id, duplicate_of);
        record.sentences = segmentation.sentences.len();
        record.tokens = segmentation.tokens.len();
        record
    }
}
