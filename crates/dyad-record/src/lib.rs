//! dyad's output contract (`../shared/CONTRACT.md`, schema 1): the [`Record`] of a document
//! with its entities and events, what every consumer of dyad's output reads — the `dyad`
//! command, the store, the server and the exports.
//!
//! - [`story`]: the one rule for "the same event" — when two tellings, in one document or in
//!   several, are one event, who an actor is across documents, and how many sources told it.
//! - [`Analyzer`]: what turns a document into its record, for those that store or serve
//!   records without knowing the stages (the store's ingestor, the server);
//!   `dyad_core::Pipeline` implements it.
//!
//! **API boundary**: the field names of [`Record`] and of what it holds are the contract:
//! fields are added freely, never renamed or dropped without bumping [`SCHEMA`].
//! **Architecture invariant**: this crate knows nothing of the language stages; the store
//! depends on it and not on them.

pub mod story;

/// The 16 PLOVER event types, in the codebook's order from cooperation to conflict, and
/// dyad's STATEMENT (a public statement about another actor that fits no other type).
pub const PLOVER_TYPES: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "STATEMENT",
];

use dyad_doc::{CleanDoc, DateSource, Document};
use serde::Serialize;

pub const SCHEMA: u32 = 1;

/// One document's output. Field names are the contract: never rename or drop one without a
/// schema bump.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub schema: u32,
    pub id: String,
    pub input: String,
    pub published: Option<String>,
    pub published_from: DateSource,
    pub outlet: Option<String>,
    pub via: Vec<String>,
    pub title: Option<String>,
    pub language: &'static str,
    pub chars: usize,
    pub boilerplate_chars: usize,
    pub duplicate_of: Option<String>,
    pub entities: Vec<EntityRecord>,
    pub events: Vec<EventRecord>,
    /// Our addition: the input format that was detected.
    pub format: dyad_doc::Format,
    /// Our addition: the character encoding the input was decoded from.
    pub encoding: &'static str,
    /// Our addition: sentences and tokens of the article text.
    pub sentences: usize,
    pub tokens: usize,
    /// Our addition: the article text as kept by the cleaner.
    pub text: String,
}

impl Record {
    /// The record of a document as cleaned, with the id and the earlier document it reprints
    /// that its reader decided; no entities or events yet.
    pub fn new(
        doc: &Document,
        cleaned: &CleanDoc,
        id: String,
        duplicate_of: Option<String>,
    ) -> Self {
        Record {
            schema: SCHEMA,
            id,
            input: doc.input.clone(),
            published: cleaned.published.map(|d| d.format("%Y-%m-%d").to_string()),
            published_from: cleaned.published_from,
            outlet: cleaned.outlet.clone(),
            via: cleaned.via.clone(),
            title: cleaned.title.clone(),
            language: "ru",
            chars: cleaned.chars,
            boilerplate_chars: cleaned.boilerplate_chars,
            duplicate_of,
            entities: vec![],
            events: vec![],
            format: doc.format,
            encoding: doc.encoding,
            sentences: 0,
            tokens: 0,
            text: cleaned.text.text().to_string(),
        }
    }
}

/// An entity of the contract.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: String,
    pub wikidata: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub office: Option<String>,
    pub mentions: Vec<MentionRecord>,
    /// Our addition: where the text names it by a description rather than a name
    /// ("российские власти", "американцы" for a state; "российский президент" for the one
    /// who holds that office). An entity named only so has no mentions.
    pub descriptions: Vec<MentionRecord>,
    /// Not in the contract: the dictionary id (a state code, an organisation or person id).
    #[serde(skip)]
    pub actor: Option<String>,
}

impl EntityRecord {
    /// Who this entity is across documents ([`story::actor_key`]).
    pub fn key(&self) -> String {
        story::actor_key(
            self.actor.as_deref(),
            self.kind,
            self.country.as_deref(),
            self.sector.as_deref(),
            &self.name,
        )
    }
}

/// A mention: character offsets into the original input text, and the text there.
#[derive(Debug, Clone, Serialize)]
pub struct MentionRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Not in the contract: character offsets into the cleaned text (`Record::text`), for
    /// showing the article with its mentions marked.
    #[serde(skip)]
    pub view: (usize, usize),
}

/// An actor, recipient or claimant of an event: the entity and what the contract repeats of
/// it.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRef {
    pub entity: String,
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocationRef {
    pub name: String,
    pub country: Option<String>,
}

/// An event of the contract.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    pub actor: Vec<ActorRef>,
    pub recipient: Vec<ActorRef>,
    pub date: Option<String>,
    /// day | month | year | unknown
    pub date_precision: &'static str,
    pub date_text: Option<String>,
    /// Our addition: where `date` comes from — "text" (written out), "relative" (read
    /// against the publication or the last dated event), "published" (the publication date
    /// of an undated event the text reports as current, as GDELT and ICEWS date them) — or
    /// null when there is no date.
    pub date_from: Option<&'static str>,
    pub location: Option<LocationRef>,
    pub aux: Option<&'static str>,
    pub claimed_by: Option<ActorRef>,
    pub score: f64,
    pub evidence: MentionRecord,
    /// Our addition: the other sentences that tell the same event.
    pub more_evidence: Vec<MentionRecord>,
    /// Our addition: how many independent sources have told this event so far in the
    /// stream (outlets; reprints do not count).
    pub sources: usize,
    /// Our addition: "document id#event id" of the first telling, when an earlier document
    /// told it.
    pub same_as: Option<String>,
}

impl EventRecord {
    /// The date a telling links by: none for a publication date, which says when the text
    /// appeared, not when the event happened ([`story::link_date`]).
    pub fn link_date(&self) -> Option<&str> {
        story::link_date(self.date.as_deref(), self.date_from)
    }
}

impl Record {
    /// The actor key of each of its entities, by entity id.
    pub fn entity_keys(&self) -> std::collections::HashMap<String, String> {
        self.entities
            .iter()
            .map(|e| (e.id.clone(), e.key()))
            .collect()
    }

    /// Where its tellings come from, for counting sources ([`story::source_key`]).
    pub fn source_key(&self) -> String {
        story::source_key(self.outlet.as_deref(), &self.id)
    }
}

/// A document turned into its record, with the text the search index keeps of it.
#[derive(Debug, Clone)]
pub struct Analyzed {
    pub record: Record,
    /// The lemmas of its title and text, as the search index keeps them
    /// (`dyad_lang::words::search_lemmas` of each word).
    pub search_text: String,
}

/// What turns one document into its record: the stages, for those that store or serve
/// records without depending on them. `dyad_core::Pipeline` implements it.
pub trait Analyzer {
    /// The record of `doc`, cleaned as `cleaned`, with the id and `duplicate_of` its reader
    /// decided. Its events are not linked to other documents yet: `sources` 1, no `same_as`.
    fn analyze(
        &self,
        doc: &Document,
        cleaned: CleanDoc,
        id: String,
        duplicate_of: Option<String>,
    ) -> Analyzed;

    /// The lemmatiser the search index reads stored texts and queries with.
    fn lemmatizer(&self) -> &dyn dyad_lang::Lemmatize;
}
