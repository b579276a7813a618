//! Writing to the store: documents in batches, each batch one transaction; events linked to
//! the stories already stored; the search index brought up to date after each batch.

use crate::{lock_for_writing, open_write, search, Result, WriteLock};
use dyad_core::{EntityRecord, EventRecord, Record};
use rusqlite::{params, Connection, Transaction};
use std::collections::HashMap;
use std::path::Path;

/// What the extractor that wrote a document was: stored with it, so `reprocess` can tell.
pub const EXTRACTOR: &str = concat!("dyad ", env!("CARGO_PKG_VERSION"));

/// A document ready to store: its record, the input as read, and the lemmas of its title and
/// text for the search index.
pub struct NewDocument {
    pub record: Record,
    pub source: String,
    pub lemmas: String,
}

impl NewDocument {
    pub fn new(record: Record, source: String, morph: &dyad_morph::Morph) -> NewDocument {
        let lemmas = search::record_lemmas(morph, record.title.as_deref(), &record.text);
        NewDocument {
            record,
            source,
            lemmas,
        }
    }
}

/// Counts of one or more batches.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct IngestSummary {
    /// Documents stored now.
    pub stored: usize,
    /// Documents already in the store (same id): left as they were.
    pub already: usize,
    pub entities: usize,
    /// Tellings of events stored now.
    pub claims: usize,
    /// New events (claims of events already stored link to them).
    pub new_events: usize,
}

impl std::ops::AddAssign for IngestSummary {
    fn add_assign(&mut self, o: Self) {
        self.stored += o.stored;
        self.already += o.already;
        self.entities += o.entities;
        self.claims += o.claims;
        self.new_events += o.new_events;
    }
}

/// The one writer of a store.
pub struct Writer {
    conn: Connection,
    index: search::IndexWriter,
    _lock: WriteLock,
}

/// The actor key of an entity: its dictionary id, else (a state) its code, else its name.
pub fn entity_key(e: &EntityRecord) -> String {
    e.actor
        .clone()
        .or_else(|| {
            (e.kind == "GPE" && e.sector.is_none())
                .then(|| e.country.clone())
                .flatten()
        })
        .unwrap_or_else(|| e.name.to_lowercase())
}

impl Writer {
    /// Takes the writer's lock (or fails with "store busy"), opens or creates the store, and
    /// indexes any document a crash left out of the search index.
    pub fn open(db: &Path, morph: &dyad_morph::Morph) -> Result<Writer> {
        let lock = lock_for_writing(db)?;
        let conn = open_write(db, &lock)?;
        let index = search::IndexWriter::open(&crate::search_dir(db))?;
        let mut w = Writer {
            conn,
            index,
            _lock: lock,
        };
        w.catch_up_index(morph)?;
        Ok(w)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Stores a batch in one transaction, then indexes it. Documents already stored are
    /// left alone.
    pub fn add(&mut self, docs: &[NewDocument]) -> Result<IngestSummary> {
        let mut summary = IngestSummary::default();
        let mut added: Vec<(i64, &str)> = Vec::new();
        let tx = self.conn.transaction()?;
        for d in docs {
            match insert_document(&tx, &d.record, &d.source)? {
                Some((n, s)) => {
                    summary += s;
                    added.push((n, d.lemmas.as_str()));
                }
                None => summary.already += 1,
            }
        }
        tx.commit()?;
        self.index_documents(&added)?;
        Ok(summary)
    }

    /// Replaces a stored document's extraction with a new record of the same input
    /// (`dyad reprocess`): its entities, mentions and claims go, events left with no claim
    /// go, and the new ones are linked as at ingest. The document keeps its place.
    pub fn replace(&mut self, n: i64, record: &Record, lemmas: &str) -> Result<IngestSummary> {
        let tx = self.conn.transaction()?;
        let touched: Vec<i64> = {
            let mut st = tx.prepare("SELECT DISTINCT event FROM claims WHERE doc = ?1")?;
            let v = st
                .query_map([n], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            v
        };
        tx.execute("DELETE FROM claims WHERE doc = ?1", [n])?;
        tx.execute("DELETE FROM mentions WHERE doc = ?1", [n])?;
        tx.execute("DELETE FROM entities WHERE doc = ?1", [n])?;
        for e in &touched {
            let left: i64 =
                tx.query_row("SELECT COUNT(*) FROM claims WHERE event = ?1", [e], |r| {
                    r.get(0)
                })?;
            if left == 0 {
                // the read paths first: their triggers read the event's score
                tx.execute("DELETE FROM pairs WHERE event = ?1", [e])?;
                tx.execute("DELETE FROM actor_events WHERE event = ?1", [e])?;
                tx.execute("DELETE FROM parties WHERE event = ?1", [e])?;
                tx.execute("DELETE FROM events WHERE n = ?1", [e])?;
            } else {
                update_sources(&tx, *e)?;
            }
        }
        tx.execute(
            "UPDATE documents SET text = ?2, record = ?3, extractor = ?4, title = ?5,
                 published = ?6, outlet = ?7, via = ?8, indexed = 0 WHERE n = ?1",
            params![
                n,
                record.text,
                serde_json::to_string(record).expect("records serialise"),
                EXTRACTOR,
                record.title,
                record.published,
                record.outlet,
                serde_json::to_string(&record.via).expect("strings serialise"),
            ],
        )?;
        let summary = insert_extraction(&tx, n, record)?;
        tx.commit()?;
        self.index_documents(&[(n, lemmas)])?;
        Ok(summary)
    }

    fn index_documents(&mut self, docs: &[(i64, &str)]) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        for &(n, lemmas) in docs {
            self.index.put(n as u64, lemmas)?;
        }
        self.index.commit()?;
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare("UPDATE documents SET indexed = 1 WHERE n = ?1")?;
            for &(n, _) in docs {
                st.execute([n])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn catch_up_index(&mut self, morph: &dyad_morph::Morph) -> Result<()> {
        let missing: Vec<(i64, String, Option<String>)> = {
            let mut st = self
                .conn
                .prepare("SELECT n, text, title FROM documents WHERE indexed = 0 ORDER BY n")?;
            let v = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            v
        };
        for chunk in missing.chunks(512) {
            let lemmas: Vec<(i64, String)> = chunk
                .iter()
                .map(|(n, text, title)| (*n, search::record_lemmas(morph, title.as_deref(), text)))
                .collect();
            let refs: Vec<(i64, &str)> = lemmas.iter().map(|(n, l)| (*n, l.as_str())).collect();
            self.index_documents(&refs)?;
        }
        Ok(())
    }

    /// Every stored document: (n, input, format, source), in order, for reprocessing.
    pub fn documents(&self) -> Result<Vec<(i64, String, String, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT n, input, format, source FROM documents ORDER BY n")?;
        let v = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }
}

fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

/// Inserts one document with its extraction; `None` when its id is already stored.
fn insert_document(
    tx: &Transaction<'_>,
    r: &Record,
    source: &str,
) -> Result<Option<(i64, IngestSummary)>> {
    let format = serde_json::to_value(r.format)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    let inserted = tx.execute(
        "INSERT INTO documents (id, input, format, published, outlet, via, title, duplicate_of,
             text, source, record, extractor, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT(id) DO NOTHING",
        params![
            r.id,
            r.input,
            format,
            r.published,
            r.outlet,
            serde_json::to_string(&r.via).expect("strings serialise"),
            r.title,
            r.duplicate_of,
            r.text,
            source,
            serde_json::to_string(r).expect("records serialise"),
            EXTRACTOR,
            now_rfc3339(),
        ],
    )?;
    if inserted == 0 {
        return Ok(None);
    }
    let n = tx.last_insert_rowid();
    let mut summary = insert_extraction(tx, n, r)?;
    summary.stored = 1;
    Ok(Some((n, summary)))
}

fn insert_extraction(tx: &Transaction<'_>, n: i64, r: &Record) -> Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let mut keys: HashMap<&str, String> = HashMap::new();
    {
        let mut ent = tx.prepare_cached(
            "INSERT INTO entities (doc, id, kind, name, key, wikidata, country, sector, office,
                 mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut men = tx.prepare_cached(
            "INSERT INTO mentions (doc, entity, start, end) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for e in &r.entities {
            let key = entity_key(e);
            ent.execute(params![
                n,
                e.id,
                e.kind,
                e.name,
                key,
                e.wikidata,
                e.country,
                e.sector,
                e.office,
                e.mentions.len() as i64
            ])?;
            for m in &e.mentions {
                men.execute(params![n, e.id, m.view.0 as i64, m.view.1 as i64])?;
            }
            keys.insert(e.id.as_str(), key);
            summary.entities += 1;
        }
    }
    let source = r
        .outlet
        .as_deref()
        .map(str::to_lowercase)
        .unwrap_or_else(|| r.id.clone());
    for ev in &r.events {
        let (event, new) = link_event(tx, ev, &keys)?;
        insert_claim(tx, event, n, ev, &source, r.duplicate_of.is_some(), &keys)?;
        update_sources(tx, event)?;
        summary.claims += 1;
        summary.new_events += new as usize;
    }
    Ok(summary)
}

fn party_key(p: &dyad_core::record::ActorRef, keys: &HashMap<&str, String>) -> String {
    keys.get(p.entity.as_str())
        .cloned()
        .unwrap_or_else(|| p.name.to_lowercase())
}

/// The stored event this one tells (same story key, dates in agreement), or a new one.
fn link_event(
    tx: &Transaction<'_>,
    ev: &EventRecord,
    keys: &HashMap<&str, String>,
) -> Result<(i64, bool)> {
    let side = |v: &[dyad_core::record::ActorRef]| {
        let mut k: Vec<String> = v.iter().map(|p| party_key(p, keys)).collect();
        k.sort();
        k.dedup();
        k.join(",")
    };
    let story = format!(
        "{}|{}|{}|{}|{}",
        ev.kind,
        ev.mode.as_deref().unwrap_or(""),
        ev.aux.unwrap_or(""),
        side(&ev.actor),
        side(&ev.recipient)
    );
    let candidates: Vec<(i64, Option<String>)> = {
        let mut st = tx.prepare_cached("SELECT n, date FROM events WHERE story = ?1 ORDER BY n")?;
        let v = st
            .query_map([&story], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        v
    };
    if let Some((n, date)) = candidates
        .into_iter()
        .find(|(_, d)| dyad_events::dates_agree(d.as_deref(), ev.date.as_deref()))
    {
        // a later telling may know the date better ("2025-12" then "2025-12-04")
        let finer = match (&date, &ev.date) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b.len() > a.len(),
            _ => false,
        };
        if finer {
            tx.execute(
                "UPDATE events SET date = ?2, date_precision = ?3 WHERE n = ?1",
                params![n, ev.date, ev.date_precision],
            )?;
            // moved row by row, so the triggers move the monthly totals too
            tx.execute(
                "INSERT INTO pairs (x, y, date, event, score)
                 SELECT x, y, COALESCE(?2, ''), event, score FROM pairs
                 WHERE event = ?1 AND date <> COALESCE(?2, '')",
                params![n, ev.date],
            )?;
            tx.execute(
                "DELETE FROM pairs WHERE event = ?1 AND date <> COALESCE(?2, '')",
                params![n, ev.date],
            )?;
            tx.execute(
                "UPDATE actor_events SET date = COALESCE(?2, '') WHERE event = ?1",
                params![n, ev.date],
            )?;
        }
        return Ok((n, false));
    }
    tx.prepare_cached(
        "INSERT INTO events (story, type, mode, contexts, date, date_precision, location,
             location_country, aux, score)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        story,
        ev.kind,
        ev.mode,
        serde_json::to_string(&ev.contexts).expect("strings serialise"),
        ev.date,
        ev.date_precision,
        ev.location.as_ref().map(|l| l.name.clone()),
        ev.location.as_ref().and_then(|l| l.country.clone()),
        ev.aux,
        ev.score,
    ])?;
    let n = tx.last_insert_rowid();
    let mut party = tx.prepare_cached(
        "INSERT INTO parties (event, role, key, name, country, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut own = tx.prepare_cached(
        "INSERT OR IGNORE INTO actor_events (key, date, event, type)
         VALUES (?1, COALESCE(?2, ''), ?3, ?4)",
    )?;
    for (role, side) in [("actor", &ev.actor), ("recipient", &ev.recipient)] {
        for p in side.iter() {
            let key = party_key(p, keys);
            party.execute(params![n, role, key, p.name, p.country, p.sector])?;
            own.execute(params![key, ev.date, n, ev.kind])?;
            if let Some(c) = p.country.as_deref().filter(|c| *c != key) {
                own.execute(params![c, ev.date, n, ev.kind])?;
            }
        }
    }
    // actor × recipient; several acting together with no recipient ("подписали") are a
    // dyad among themselves
    let others: &[dyad_core::record::ActorRef] = if ev.recipient.is_empty() {
        &ev.actor
    } else {
        &ev.recipient
    };
    let mut pair = tx.prepare_cached(
        "INSERT OR IGNORE INTO pairs (x, y, date, event, score)
         VALUES (?1, ?2, COALESCE(?3, ''), ?4, ?5)",
    )?;
    for a in &ev.actor {
        for r in others {
            let (ka, kr) = (party_key(a, keys), party_key(r, keys));
            let mut dyads = vec![(ka, kr)];
            if let (Some(ca), Some(cr)) = (&a.country, &r.country) {
                dyads.push((ca.clone(), cr.clone()));
            }
            for (x, y) in dyads {
                if x != y {
                    let (x, y) = if x < y { (x, y) } else { (y, x) };
                    pair.execute(params![x, y, ev.date, n, ev.score])?;
                }
            }
        }
    }
    Ok((n, true))
}

fn insert_claim(
    tx: &Transaction<'_>,
    event: i64,
    doc: i64,
    ev: &EventRecord,
    source: &str,
    reprint: bool,
    keys: &HashMap<&str, String>,
) -> Result<()> {
    let more: Vec<[usize; 2]> = ev
        .more_evidence
        .iter()
        .map(|m| [m.view.0, m.view.1])
        .collect();
    tx.prepare_cached(
        "INSERT INTO claims (event, doc, local_id, source, reprint, claimed_by, claimed_by_key,
             claimed_by_country, date_text, evidence, start, end, more_evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        event,
        doc,
        ev.id,
        source,
        reprint,
        ev.claimed_by.as_ref().map(|c| c.name.clone()),
        ev.claimed_by.as_ref().map(|c| party_key(c, keys)),
        ev.claimed_by.as_ref().and_then(|c| c.country.clone()),
        ev.date_text,
        ev.evidence.text,
        ev.evidence.view.0 as i64,
        ev.evidence.view.1 as i64,
        serde_json::to_string(&more).expect("numbers serialise"),
    ])?;
    Ok(())
}

/// `sources`: distinct outlets among the claims of documents that are not reprints (at least
/// one: a story told only by reprints still has its first source).
fn update_sources(tx: &Transaction<'_>, event: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE events SET sources = MAX(1, (SELECT COUNT(DISTINCT source) FROM claims
             WHERE event = ?1 AND reprint = 0)) WHERE n = ?1",
    )?
    .execute([event])?;
    Ok(())
}
