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
    pub entities: Vec<serde_json::Value>,
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
