//! dyad's pipeline: `Document → CleanDoc → Annotated → … → Record`.
//!
//! [`Pipeline`] holds what the stages need across documents (the reprint index, the loaded
//! language models) and turns each [`Document`] into a [`Record`], the JSON object of
//! `../shared/CONTRACT.md`. Without language models (`Pipeline::new`) the records carry the
//! document fields and empty entity lists; with them (`Pipeline::with_language`), entities
//! and events.

pub mod bench;
pub mod record;
pub mod stories;

pub use record::{EntityRecord, EventRecord, MentionRecord, Record};

use dyad_doc::{clean, doc_id, Deduplicator, Document};
use dyad_mentions::Language;

/// Runs the stages over a stream of documents.
#[derive(Default)]
pub struct Pipeline {
    dedup: Deduplicator,
    language: Option<Language>,
    events: Option<dyad_events::EventModel>,
    stories: stories::Stories,
}

impl Pipeline {
    /// The document stages only: entities stay empty.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every stage, with the loaded language models.
    pub fn with_language(language: Language) -> Self {
        Pipeline {
            events: Some(dyad_events::EventModel::new(language.morph())),
            language: Some(language),
            ..Self::default()
        }
    }

    /// The loaded language models, when there are.
    pub fn language(&self) -> Option<&Language> {
        self.language.as_ref()
    }

    /// The id a document will have: the hash of its cleaned text (cleaning is cheap, so a
    /// store can skip what it holds before the costly stages).
    pub fn document_id(doc: &Document) -> String {
        doc_id(clean(doc).text.text())
    }

    /// Makes a document processed in an earlier run known to the reprint finder, so a
    /// reprint of it in this run is seen as one.
    pub fn remember(&mut self, id: &str, cleaned_text: &str) {
        self.dedup.check(id, cleaned_text);
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
        if let Some(lang) = &self.language {
            let text = cleaned.text.text();
            let mentions = lang.mentions(text, &segmentation);
            let entities = dyad_link::link(lang, text, &segmentation, &mentions, cleaned.published);
            record.entities = record::entity_records(&entities, &cleaned.text, &doc.source);
            if let Some(model) = &self.events {
                let events = dyad_events::extract(
                    model,
                    lang,
                    text,
                    &segmentation,
                    &entities,
                    cleaned.published,
                );
                record.events =
                    record::event_records(&events, &entities, &cleaned.text, &doc.source);
                let ids: std::collections::HashMap<String, String> = entities
                    .iter()
                    .filter_map(|e| Some((e.id.clone(), e.actor.clone()?)))
                    .collect();
                // the outlet is the source; without one, the document itself
                let source = cleaned
                    .outlet
                    .clone()
                    .map(|o| o.to_lowercase())
                    .unwrap_or_else(|| record.id.clone());
                self.stories.link(
                    &record.id,
                    &source,
                    record.duplicate_of.is_some(),
                    &ids,
                    &mut record.events,
                );
            }
        }
        record
    }
}
