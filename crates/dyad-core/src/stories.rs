//! The same event told by several documents: linked across the stream, with a count of the
//! independent sources that told it (GDELT's NumSources, but right: a reprint or a
//! near-duplicate of an earlier document is not a new source, and two documents of one
//! outlet are one source).
//!
//! Events are the same when their type and mode agree, their actors and recipients are the
//! same actors (by dictionary id, else state, else name), and their dates do not conflict
//! (equal, one a prefix of the other, or one unknown).

use crate::record::{ActorRef, EventRecord};
use dyad_events::dates_agree;
use std::collections::HashMap;

type StoryKey = (String, Option<String>, Vec<String>, Vec<String>);

/// One event as first told, and who has told it since.
#[derive(Debug, Clone)]
struct Story {
    /// "document id#event id" of the first telling.
    first: String,
    date: Option<String>,
    /// Distinct sources: outlets, or document ids where the outlet is unknown.
    sources: Vec<String>,
}

/// The stories seen so far in a stream of documents.
#[derive(Debug, Default)]
pub struct Stories {
    by_key: HashMap<StoryKey, Vec<Story>>,
}

fn actor_key(a: &ActorRef, ids: &HashMap<String, String>) -> String {
    ids.get(&a.entity)
        .cloned()
        .or_else(|| a.country.clone().filter(|_| a.sector.is_none()))
        .unwrap_or_else(|| a.name.to_lowercase())
}

impl Stories {
    /// Links the events of one document to the stories told before, and counts its source.
    /// `ids` maps the document's entity ids to dictionary actor ids. A document that
    /// repeats an earlier one (`duplicate_of`) links but adds no source.
    pub fn link(
        &mut self,
        doc_id: &str,
        source: &str,
        duplicate: bool,
        ids: &HashMap<String, String>,
        events: &mut [EventRecord],
    ) {
        for e in events.iter_mut() {
            let mut actors: Vec<String> = e.actor.iter().map(|a| actor_key(a, ids)).collect();
            let mut recipients: Vec<String> =
                e.recipient.iter().map(|a| actor_key(a, ids)).collect();
            actors.sort();
            recipients.sort();
            let key = (e.kind.clone(), e.mode.clone(), actors, recipients);
            let stories = self.by_key.entry(key).or_default();
            match stories
                .iter_mut()
                .find(|s| dates_agree(s.date.as_deref(), e.date.as_deref()))
            {
                Some(s) => {
                    if !duplicate && !s.sources.iter().any(|x| x == source) {
                        s.sources.push(source.to_string());
                    }
                    if s.date.is_none() {
                        s.date = e.date.clone();
                    }
                    e.same_as =
                        Some(s.first.clone()).filter(|f| !f.starts_with(&format!("{doc_id}#")));
                    e.sources = s.sources.len();
                }
                None => {
                    stories.push(Story {
                        first: format!("{doc_id}#{}", e.id),
                        date: e.date.clone(),
                        sources: vec![source.to_string()],
                    });
                    e.sources = 1;
                }
            }
        }
    }
}
