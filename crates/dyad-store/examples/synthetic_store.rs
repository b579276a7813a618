//! Builds a large store of generated documents and events, for load tests of the queries
//! and the API (`scripts/load-test.sh`). The records are made directly, not extracted: the
//! point is the store's size and shape, not the text.
//!
//! ```sh
//! cargo run --release -p dyad-store --example synthetic_store -- /tmp/big.db 1000000
//! ```
//!
//! Actors are the dictionary's states and people; types, contexts and scores follow PLOVER;
//! dates are spread over 2015–2025; one event in five is a story told again by another
//! outlet (so `sources` and linking are exercised). Deterministic (a fixed seed).

use dyad_record::Record;
use dyad_record::{ActorRef, EntityRecord, EventRecord, LocationRef, MentionRecord};
use dyad_store::ingest::NewDocument;
use std::time::Instant;

const EVENTS_PER_DOC: usize = 5;
const BATCH: usize = 500;

const TYPES: &[(&str, f64)] = &[
    ("CONSULT", 4.0),
    ("AGREE", 2.5),
    ("COOPERATE", 6.0),
    ("SUPPORT", 5.0),
    ("AID", 7.0),
    ("STATEMENT", 0.0),
    ("ACCUSE", -2.0),
    ("REJECT", -4.0),
    ("THREATEN", -6.0),
    ("SANCTION", -6.5),
    ("COERCE", -7.0),
    ("ASSAULT", -9.0),
];
const CONTEXTS: &[&str] = &[
    "military",
    "economic",
    "diplomatic",
    "energy",
    "humanitarian",
];
const OUTLETS: &[&str] = &[
    "Report",
    "Trend",
    "Day.Az",
    "APA",
    "Azertac",
    "ТАСС",
    "РИА Новости",
    "Интерфакс",
    "Sputnik",
    "Эхо Кавказа",
    "JAMnews",
    "Caliber.az",
    "Haqqin.az",
    "Oxu.az",
    "Vesti.az",
    "1news.az",
    "Minval",
    "Armenpress",
    "Civil.ge",
    "BBC",
];

struct Party {
    key: String,
    name: String,
    country: Option<String>,
    sector: Option<String>,
    kind: &'static str,
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let db = std::path::PathBuf::from(args.get(1).map_or("/tmp/dyad-big.db", String::as_str));
    let events: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let morph = dyad_morph::Morph::load()?;
    let mut writer = dyad_store::Writer::open(&db, &morph)?;
    let dict = dyad_actors::dictionary();
    let mut parties: Vec<Party> = dict
        .states
        .iter()
        .map(|s| Party {
            key: s.code.clone(),
            name: s.names[0].clone(),
            country: Some(s.code.clone()),
            sector: None,
            kind: "GPE",
        })
        .collect();
    parties.extend(dict.people.iter().map(|p| Party {
        key: p.id.clone(),
        name: p.name.clone(),
        country: p.country.clone(),
        sector: Some("GOV".into()),
        kind: "PER",
    }));
    // the region's states come up far more often, as in the news dyad is for
    let focus: Vec<usize> = [
        "AZE", "ARM", "GEO", "RUS", "TUR", "IRN", "USA", "GBR", "FRA", "DEU",
    ]
    .iter()
    .filter_map(|c| parties.iter().position(|p| &p.key == c))
    .collect();
    let mut rng = fastrand::Rng::with_seed(20251204);
    let pick = |rng: &mut fastrand::Rng| -> usize {
        if rng.f64() < 0.6 {
            focus[rng.usize(..focus.len())]
        } else {
            rng.usize(..parties.len())
        }
    };
    let started = Instant::now();
    let docs = events.div_ceil(EVENTS_PER_DOC);
    let mut told: Vec<(usize, usize, usize, String)> = Vec::new();
    let mut summary = dyad_store::IngestSummary::default();
    let mut batch: Vec<NewDocument> = Vec::with_capacity(BATCH);
    for d in 0..docs {
        let outlet = OUTLETS[rng.usize(..OUTLETS.len())];
        let published = format!(
            "{}-{:02}-{:02}",
            rng.u32(2015..=2025),
            rng.u32(1..=12),
            rng.u32(1..=28)
        );
        let mut text = String::new();
        let mut entities: Vec<EntityRecord> = Vec::new();
        let mut evs: Vec<EventRecord> = Vec::new();
        let entity_of = |i: usize, text: &mut String, entities: &mut Vec<EntityRecord>| {
            let p = &parties[i];
            let id = match entities
                .iter()
                .position(|e| e.actor.as_deref() == Some(&p.key))
            {
                Some(k) => entities[k].id.clone(),
                None => {
                    let id = format!("e{}", entities.len() + 1);
                    entities.push(EntityRecord {
                        id: id.clone(),
                        kind: p.kind,
                        name: p.name.clone(),
                        wikidata: None,
                        country: p.country.clone(),
                        sector: p.sector.clone(),
                        office: None,
                        mentions: Vec::new(),
                        descriptions: Vec::new(),
                        actor: Some(p.key.clone()),
                    });
                    id
                }
            };
            let start = text.chars().count();
            text.push_str(&p.name);
            let end = text.chars().count();
            let e = entities
                .iter_mut()
                .find(|e| e.id == id)
                .expect("added above");
            e.mentions.push(MentionRecord {
                start,
                end,
                text: p.name.clone(),
                view: (start, end),
            });
            ActorRef {
                entity: id,
                name: p.name.clone(),
                country: p.country.clone(),
                sector: p.sector.clone(),
            }
        };
        for _ in 0..EVENTS_PER_DOC {
            // a story told before, by another outlet, or a new one
            let (a, b, t, date) = if !told.is_empty() && rng.f64() < 0.2 {
                told[rng.usize(..told.len())].clone()
            } else {
                let a = pick(&mut rng);
                let mut b = pick(&mut rng);
                if b == a {
                    b = (a + 1) % parties.len();
                }
                let date = format!(
                    "{}-{:02}-{:02}",
                    rng.u32(2015..=2025),
                    rng.u32(1..=12),
                    rng.u32(1..=28)
                );
                let x = (a, b, rng.usize(..TYPES.len()), date);
                if told.len() < 100_000 {
                    told.push(x.clone());
                }
                x
            };
            let sentence_start = text.chars().count();
            let actor = entity_of(a, &mut text, &mut entities);
            text.push_str(" и ");
            let recipient = entity_of(b, &mut text, &mut entities);
            let (kind, score) = TYPES[t];
            text.push_str(&format!(" — событие {kind} {date}. "));
            let sentence_end = text.chars().count();
            evs.push(EventRecord {
                id: format!("v{}", evs.len() + 1),
                kind: kind.to_string(),
                mode: None,
                contexts: vec![CONTEXTS[rng.usize(..CONTEXTS.len())].to_string()],
                actor: vec![actor],
                recipient: vec![recipient],
                date: Some(date.clone()),
                date_precision: "day",
                date_text: Some(date.clone()),
                date_from: Some("text"),
                location: None::<LocationRef>,
                aux: None,
                claimed_by: None,
                score,
                evidence: MentionRecord {
                    start: sentence_start,
                    end: sentence_end,
                    text: text.chars().skip(sentence_start).collect(),
                    view: (sentence_start, sentence_end),
                },
                more_evidence: Vec::new(),
                sources: 1,
                same_as: None,
            });
        }
        let record = Record {
            schema: dyad_record::SCHEMA,
            id: format!("{:016x}", 0x5eed_0000_0000_0000u64 + d as u64),
            input: format!("synthetic/{d}.txt"),
            published: Some(published),
            published_from: dyad_doc::DateSource::Header,
            outlet: Some(outlet.to_string()),
            via: Vec::new(),
            title: Some(format!("Сводка {d}")),
            language: "ru",
            chars: text.chars().count(),
            boilerplate_chars: 0,
            duplicate_of: None,
            entities,
            events: evs,
            format: dyad_doc::Format::Plain,
            encoding: "UTF-8",
            sentences: EVENTS_PER_DOC,
            tokens: 0,
            text: text.clone(),
        };
        let search_text =
            dyad_store::search::stored_text(&morph, record.title.as_deref(), &record.text);
        batch.push(NewDocument {
            record,
            input: text,
            search_text,
        });
        if batch.len() == BATCH || d + 1 == docs {
            summary += writer.add(std::mem::take(&mut batch))?;
            batch.clear();
            if (d + 1) % 20_000 < BATCH {
                eprintln!(
                    "{} documents, {} claims, {} events, {:.0} s",
                    summary.stored + summary.already,
                    summary.claims,
                    summary.new_events,
                    started.elapsed().as_secs_f64()
                );
            }
        }
    }
    eprintln!(
        "done: {} documents, {} claims, {} events in {:.0} s -> {}",
        summary.stored,
        summary.claims,
        summary.new_events,
        started.elapsed().as_secs_f64(),
        db.display()
    );
    Ok(())
}
