//! The record of the output contract (`../shared/CONTRACT.md`), schema 1.

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
    /// Not in the contract: the dictionary id (a state code, an organisation or person id).
    #[serde(skip)]
    pub actor: Option<String>,
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

/// The contract's entities from the linker's, with mention offsets mapped from the cleaned
/// text back to characters of the original input.
pub fn entity_records(
    entities: &[dyad_link::Entity],
    cleaned: &dyad_doc::MappedText,
    source: &str,
) -> Vec<EntityRecord> {
    let ranges: Vec<Vec<std::ops::Range<usize>>> = entities
        .iter()
        .map(|e| {
            e.mentions
                .iter()
                .map(|&(s, e)| cleaned.range_to_source(s..e))
                .collect()
        })
        .collect();
    let bytes: Vec<usize> = ranges
        .iter()
        .flatten()
        .flat_map(|r| [r.start, r.end])
        .collect();
    let chars = dyad_doc::mapped::byte_to_char_offsets(source, &bytes);
    let mut at = chars.chunks(2);
    let view_bytes: Vec<usize> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().flat_map(|&(s, e)| [s, e]))
        .collect();
    let view = dyad_doc::mapped::byte_to_char_offsets(cleaned.text(), &view_bytes);
    let mut view_at = view.chunks(2);
    entities
        .iter()
        .zip(&ranges)
        .map(|(e, rs)| EntityRecord {
            id: e.id.clone(),
            kind: e.kind.as_str(),
            name: e.name.clone(),
            wikidata: e.wikidata.clone(),
            country: e.country.clone(),
            sector: e.sector.clone(),
            office: e.office.clone(),
            mentions: rs
                .iter()
                .map(|r| {
                    let c = at.next().unwrap_or(&[0, 0]);
                    let v = view_at.next().unwrap_or(&[0, 0]);
                    MentionRecord {
                        start: c[0],
                        end: c[1],
                        text: source.get(r.clone()).unwrap_or_default().to_string(),
                        view: (v[0], v[1]),
                    }
                })
                .collect(),
            actor: e.actor.clone(),
        })
        .collect()
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

/// The contract's events from the event stage's, with offsets mapped from the cleaned text
/// back to characters of the original input.
pub fn event_records(
    events: &[dyad_events::Event],
    entities: &[dyad_link::Entity],
    cleaned: &dyad_doc::MappedText,
    source: &str,
) -> Vec<EventRecord> {
    let actor = |i: &usize| {
        let e = &entities[*i];
        ActorRef {
            entity: e.id.clone(),
            name: e.name.clone(),
            country: e.country.clone(),
            sector: e.sector.clone(),
        }
    };
    // every span to map: evidence and date texts
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for e in events {
        for &(s, t) in &e.evidence {
            ranges.push(cleaned.range_to_source(s..t));
        }
    }
    let bytes: Vec<usize> = ranges.iter().flat_map(|r| [r.start, r.end]).collect();
    let chars = dyad_doc::mapped::byte_to_char_offsets(source, &bytes);
    let mut at = chars.chunks(2).zip(ranges.iter());
    let text = cleaned.text();
    let view_bytes: Vec<usize> = events
        .iter()
        .flat_map(|e| e.evidence.iter().flat_map(|&(s, t)| [s, t]))
        .collect();
    let view = dyad_doc::mapped::byte_to_char_offsets(text, &view_bytes);
    let mut view_at = view.chunks(2);
    events
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let mut evidence: Vec<MentionRecord> = e
                .evidence
                .iter()
                .map(|_| {
                    let (c, r) = at.next().expect("one range per evidence");
                    let v = view_at.next().expect("one view range per evidence");
                    MentionRecord {
                        start: c[0],
                        end: c[1],
                        text: source.get(r.clone()).unwrap_or_default().to_string(),
                        view: (v[0], v[1]),
                    }
                })
                .collect();
            let first = evidence.remove(0);
            EventRecord {
                id: format!("v{}", n + 1),
                kind: e.kind.clone(),
                mode: e.mode.clone(),
                contexts: e.contexts.clone(),
                actor: e.actor.iter().map(actor).collect(),
                recipient: e.recipient.iter().map(actor).collect(),
                date: e.date.clone(),
                date_precision: e.date_precision.map_or("unknown", |p| p.as_str()),
                date_text: e.date_text.map(|(s, t)| text[s..t].to_string()),
                location: e.location.map(|i| LocationRef {
                    name: entities[i].name.clone(),
                    country: entities[i].country.clone(),
                }),
                aux: e.aux.map(|a| a.as_str()),
                claimed_by: e.claimed_by.as_ref().map(actor),
                score: e.score,
                evidence: first,
                more_evidence: evidence,
                sources: 1,
                same_as: None,
            }
        })
        .collect()
}
