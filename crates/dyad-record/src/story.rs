//! The same event: when two tellings, in one document or in several, are one event. This is
//! the one place that decides it; the event stage merges a document's tellings with it, `dyad
//! extract` links a stream's documents with [`Stories`], and the store links what it stores
//! with it (`dyad_store::ingest`).
//!
//! Two tellings are one event when
//! - their **heads** agree: type, mode, aux and actors. aux is part of what an event is: a
//!   visit that will not happen ("не посетит") is not the visit that did ("посетил");
//! - their **recipients** are the same, or one telling names only some of the other's ("встреча
//!   с X" and "встреча с X и Y");
//! - their **dates** agree ([`dates_agree`]).
//!
//! The event keeps the fullest account: the recipients of the telling that names more, and
//! the finer date ([`finer_date`]).
//!
//! Parties are compared by **actor key** ([`actor_key`]), which says who a party is across
//! documents; an event's **sources** are counted by [`count_sources`].

use crate::{EventRecord, Record};
use std::collections::HashMap;

/// Who a party is across documents: its dictionary id (a state code, an organisation or a
/// person id); else, for a state named as such (a GPE with no sector), its country code;
/// else its name, folded. A person the dictionary does not know is thus never taken for
/// their state, and "Азербайджан" in one document is "AZE" in every other.
pub fn actor_key(
    actor: Option<&str>,
    kind: &str,
    country: Option<&str>,
    sector: Option<&str>,
    name: &str,
) -> String {
    if let Some(id) = actor {
        return id.to_string();
    }
    match country {
        Some(c) if kind == "GPE" && sector.is_none() => c.to_string(),
        _ => dyad_lang::fold(name),
    }
}

/// Where a telling comes from: its outlet, else (unknown outlet) its document.
pub fn source_key(outlet: Option<&str>, doc_id: &str) -> String {
    outlet.map_or_else(|| doc_id.to_string(), dyad_lang::fold)
}

/// How many independent sources told an event, from its tellings' (source, reprint): the
/// distinct sources among tellings that do not reprint an earlier document — two documents
/// of one outlet are one source, a reprint is none — and at least one, since a story told
/// only by reprints still had a first source.
pub fn count_sources<'a>(tellings: impl IntoIterator<Item = (&'a str, bool)>) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for (source, reprint) in tellings {
        if !reprint && !seen.contains(&source) {
            seen.push(source);
        }
    }
    seen.len().max(1)
}

/// Dates agree when either is unknown or one is a prefix of the other ("2025" and
/// "2025-10"). Dates are ISO strings as precise as known.
pub fn dates_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b) || b.starts_with(a),
        _ => true,
    }
}

/// The date two tellings are compared by: the date, unless it is only the publication date
/// (`date_from` "published"), which agrees with any.
pub fn link_date<'d>(date: Option<&'d str>, date_from: Option<&str>) -> Option<&'d str> {
    date.filter(|_| date_from != Some("published"))
}

/// Whether `new` tells an agreeing date more precisely than `old` ("2025-12-04" after
/// "2025-12", any date after none).
pub fn finer_date(old: Option<&str>, new: Option<&str>) -> bool {
    match (old, new) {
        (None, Some(_)) => true,
        (Some(o), Some(n)) => n.len() > o.len(),
        _ => false,
    }
}

/// What a telling says an event is, by actor keys: its head (type, mode, aux, actors) and
/// its recipients, each side sorted and without repeats.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StoryKey {
    pub kind: String,
    pub mode: Option<String>,
    pub aux: Option<String>,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
}

/// A key's parts are joined with these, so a name holding one is written with a space.
const FIELD: char = '|';
const LIST: char = ',';

fn side(keys: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = keys
        .into_iter()
        .map(|k| k.replace([FIELD, LIST], " "))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn within(a: &[String], b: &[String]) -> bool {
    a.iter().all(|x| b.contains(x))
}

impl StoryKey {
    pub fn new(
        kind: &str,
        mode: Option<&str>,
        aux: Option<&str>,
        actors: impl IntoIterator<Item = String>,
        recipients: impl IntoIterator<Item = String>,
    ) -> StoryKey {
        let clean = |s: &str| s.replace([FIELD, LIST], " ");
        StoryKey {
            kind: clean(kind),
            mode: mode.map(clean),
            aux: aux.map(clean),
            actors: side(actors),
            recipients: side(recipients),
        }
    }

    /// The key of a contract event, its parties keyed by `keys` (entity id → actor key;
    /// a party missing there by its folded name).
    pub fn of_event(e: &EventRecord, keys: &HashMap<String, String>) -> StoryKey {
        let key = |a: &crate::ActorRef| {
            keys.get(a.entity.as_str())
                .cloned()
                .unwrap_or_else(|| dyad_lang::fold(&a.name))
        };
        StoryKey::new(
            &e.kind,
            e.mode.as_deref(),
            e.aux,
            e.actor.iter().map(key),
            e.recipient.iter().map(key),
        )
    }

    /// The head as text: what must be equal for two tellings to be one event, and the prefix
    /// of [`encode`](Self::encode), so that a store finds the candidates by it.
    pub fn head(&self) -> String {
        format!(
            "{}{FIELD}{}{FIELD}{}{FIELD}{}{FIELD}",
            self.kind,
            self.mode.as_deref().unwrap_or(""),
            self.aux.as_deref().unwrap_or(""),
            self.actors.join(&LIST.to_string()),
        )
    }

    /// The whole key as text: "type|mode|aux|actors|recipients" (the store's `story` column).
    pub fn encode(&self) -> String {
        format!("{}{}", self.head(), self.recipients.join(&LIST.to_string()))
    }

    /// The key [`encode`](Self::encode) wrote.
    pub fn decode(s: &str) -> Option<StoryKey> {
        let f: Vec<&str> = s.split(FIELD).collect();
        let [kind, mode, aux, actors, recipients] = f[..] else {
            return None;
        };
        let opt = |x: &str| (!x.is_empty()).then(|| x.to_string());
        let list = |x: &str| -> Vec<String> {
            x.split(LIST)
                .filter(|k| !k.is_empty())
                .map(String::from)
                .collect()
        };
        Some(StoryKey {
            kind: kind.to_string(),
            mode: opt(mode),
            aux: opt(aux),
            actors: list(actors),
            recipients: list(recipients),
        })
    }

    /// Whether a telling with this key on `date` and one with `other` on `other_date` are one
    /// event: the rule of this module.
    pub fn same_event(
        &self,
        date: Option<&str>,
        other: &StoryKey,
        other_date: Option<&str>,
    ) -> bool {
        self.kind == other.kind
            && self.mode == other.mode
            && self.aux == other.aux
            && self.actors == other.actors
            && (within(&self.recipients, &other.recipients)
                || within(&other.recipients, &self.recipients))
            && dates_agree(date, other_date)
    }

    /// Whether `other`, the same event, names more recipients: the event then takes its
    /// recipients.
    pub fn names_more(&self, other: &StoryKey) -> bool {
        other.recipients.len() > self.recipients.len()
    }
}

/// One event as first told, and who has told it since.
#[derive(Debug, Clone)]
struct Story {
    key: StoryKey,
    date: Option<String>,
    /// "document id#event id" of the first telling.
    first: String,
    /// (source, reprint) of every telling.
    tellings: Vec<(String, bool)>,
}

/// The events told so far in a stream of documents (`dyad extract`), linked as the store
/// links what it stores.
#[derive(Debug, Default)]
pub struct Stories {
    /// Stories by [`StoryKey::head`], in the order they were first told.
    by_head: HashMap<String, Vec<Story>>,
}

impl Stories {
    /// Links each event of a record to the event told before that it is
    /// ([`StoryKey::same_event`]) or to a new one, and sets its `sources` (so far in the
    /// stream) and `same_as` (the first telling, when another document told it).
    pub fn link(&mut self, record: &mut Record) {
        let keys = record.entity_keys();
        let source = record.source_key();
        let reprint = record.duplicate_of.is_some();
        let own = format!("{}#", record.id);
        for e in record.events.iter_mut() {
            let key = StoryKey::of_event(e, &keys);
            let stories = self.by_head.entry(key.head()).or_default();
            let date = e.link_date();
            let found = stories
                .iter_mut()
                .find(|s| s.key.same_event(s.date.as_deref(), &key, date));
            let story = match found {
                Some(s) => {
                    s.tellings.push((source.clone(), reprint));
                    if s.key.names_more(&key) {
                        s.key.recipients = key.recipients;
                    }
                    if finer_date(s.date.as_deref(), date) {
                        s.date = date.map(String::from);
                    }
                    s
                }
                None => {
                    stories.push(Story {
                        key,
                        date: date.map(String::from),
                        first: format!("{own}{}", e.id),
                        tellings: vec![(source.clone(), reprint)],
                    });
                    stories.last_mut().expect("just pushed")
                }
            };
            e.sources = count_sources(story.tellings.iter().map(|(s, r)| (s.as_str(), *r)));
            e.same_as = Some(story.first.clone()).filter(|f| !f.starts_with(&own));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(aux: Option<&str>, actors: &[&str], recipients: &[&str]) -> StoryKey {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        StoryKey::new("CONSULT", Some("visit"), aux, s(actors), s(recipients))
    }

    #[test]
    fn actor_keys_are_ids_then_states_then_names() {
        assert_eq!(
            actor_key(
                Some("aliyev_ilham"),
                "PER",
                Some("AZE"),
                Some("GOV"),
                "Ильхам Алиев"
            ),
            "aliyev_ilham"
        );
        assert_eq!(
            actor_key(None, "GPE", Some("AZE"), None, "Азербайджан"),
            "AZE"
        );
        // a person or an organ is not its state
        assert_eq!(
            actor_key(None, "PER", Some("GBR"), None, "Вернон Коакер"),
            "вернон коакер"
        );
        assert_eq!(
            actor_key(None, "GPE", Some("GBR"), Some("GOV"), "Лондон"),
            "лондон"
        );
        assert_eq!(
            actor_key(None, "ORG", None, None, "Объединённые Штаты"),
            "объединенные штаты"
        );
    }

    #[test]
    fn aux_is_part_of_the_event() {
        let done = key(None, &["GBR"], &["AZE"]);
        let cancelled = key(Some("negated"), &["GBR"], &["AZE"]);
        assert!(!done.same_event(Some("2025-12-04"), &cancelled, Some("2025-12-04")));
        assert_ne!(done.head(), cancelled.head());
    }

    #[test]
    fn recipients_may_be_told_in_part_and_dates_must_agree() {
        let some = key(None, &["GBR"], &["AZE"]);
        let more = key(None, &["GBR"], &["AZE", "TUR"]);
        let other = key(None, &["GBR"], &["TUR", "GEO"]);
        assert!(some.same_event(Some("2025-12"), &more, Some("2025-12-04")));
        assert!(more.same_event(None, &some, Some("2025-12-04")));
        assert!(!some.same_event(None, &other, None));
        assert!(!some.same_event(Some("2025-11"), &more, Some("2025-12-04")));
        assert!(some.names_more(&more) && !more.names_more(&some));
    }

    #[test]
    fn keys_sort_and_encode_and_decode() {
        let k = key(None, &["GBR", "AZE", "GBR"], &["x|y,z"]);
        assert_eq!(k.actors, ["AZE", "GBR"]);
        assert_eq!(k.encode(), "CONSULT|visit||AZE,GBR|x y z");
        assert!(k.encode().starts_with(&k.head()));
        assert_eq!(StoryKey::decode(&k.encode()), Some(k));
        assert_eq!(StoryKey::decode("a|b"), None);
    }

    #[test]
    fn sources_count_distinct_non_reprints_at_least_one() {
        assert_eq!(
            count_sources([("trend", false), ("apa", false), ("trend", false)]),
            2
        );
        assert_eq!(count_sources([("trend", true)]), 1);
        assert_eq!(count_sources([("trend", true), ("apa", false)]), 1);
        assert_eq!(count_sources([]), 1);
    }

    #[test]
    fn a_publication_date_links_with_any() {
        assert_eq!(link_date(Some("2025-12-05"), Some("published")), None);
        assert_eq!(
            link_date(Some("2025-12-04"), Some("text")),
            Some("2025-12-04")
        );
        assert_eq!(link_date(None, None), None);
    }

    #[test]
    fn dates() {
        assert!(dates_agree(Some("2025"), Some("2025-10-01")));
        assert!(dates_agree(None, Some("2025-10-01")));
        assert!(!dates_agree(Some("2025-11"), Some("2025-10-01")));
        assert!(finer_date(Some("2025-12"), Some("2025-12-04")));
        assert!(finer_date(None, Some("2025")));
        assert!(!finer_date(Some("2025-12-04"), Some("2025-12")));
        assert!(!finer_date(Some("2025"), None));
    }
}
