//! The contract records of a document from what the stages found: entities and events with
//! their offsets mapped from the cleaned text back to characters of the original input.

use dyad_record::{ActorRef, EntityRecord, EventRecord, LocationRef, MentionRecord};

/// Byte spans of the cleaned text, in groups, as the contract's mentions: character offsets
/// into the original input, the text there, and character offsets into the cleaned text.
fn span_records(
    groups: &[Vec<(usize, usize)>],
    cleaned: &dyad_doc::MappedText,
    source: &str,
) -> Vec<Vec<MentionRecord>> {
    let ranges: Vec<Vec<std::ops::Range<usize>>> = groups
        .iter()
        .map(|g| {
            g.iter()
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
    let view_bytes: Vec<usize> = groups.iter().flatten().flat_map(|&(s, e)| [s, e]).collect();
    let view = dyad_doc::mapped::byte_to_char_offsets(cleaned.text(), &view_bytes);
    let mut view_at = view.chunks(2);
    ranges
        .iter()
        .map(|rs| {
            rs.iter()
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
                .collect()
        })
        .collect()
}

/// The contract's entities from the linker's, with mention offsets mapped from the cleaned
/// text back to characters of the original input.
pub fn entity_records(
    entities: &[dyad_link::Entity],
    cleaned: &dyad_doc::MappedText,
    source: &str,
) -> Vec<EntityRecord> {
    let mentions: Vec<Vec<(usize, usize)>> = entities.iter().map(|e| e.mentions.clone()).collect();
    let descriptions: Vec<Vec<(usize, usize)>> =
        entities.iter().map(|e| e.descriptions.clone()).collect();
    let mentions = span_records(&mentions, cleaned, source);
    let descriptions = span_records(&descriptions, cleaned, source);
    entities
        .iter()
        .zip(mentions)
        .zip(descriptions)
        .map(|((e, mentions), descriptions)| EntityRecord {
            id: e.id.clone(),
            kind: e.kind.as_str(),
            name: e.name.clone(),
            wikidata: e.wikidata.clone(),
            country: e.country.clone(),
            sector: e.sector.clone(),
            office: e.office.clone(),
            mentions,
            descriptions,
            actor: e.actor.clone(),
        })
        .collect()
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
                date_from: e.date_from.map(|f| f.as_str()),
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
