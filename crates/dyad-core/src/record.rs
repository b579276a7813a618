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
    pub events: Vec<serde_json::Value>,
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
}

/// A mention: character offsets into the original input text, and the text there.
#[derive(Debug, Clone, Serialize)]
pub struct MentionRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
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
                    MentionRecord {
                        start: c[0],
                        end: c[1],
                        text: source.get(r.clone()).unwrap_or_default().to_string(),
                    }
                })
                .collect(),
        })
        .collect()
}
