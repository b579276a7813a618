//! Writing to the store. [`Ingestor`] is the one way documents get in — `dyad ingest`,
//! `dyad reprocess` and `POST /api/ingest` all go through it: it skips what is stored,
//! finds reprints of stored documents, runs the [`Analyzer`] on the rest, and stores them
//! in batches, each batch one transaction, with their events linked to the events already
//! stored by the rule of `dyad_record::story`. [`Writer`] is the transaction layer under
//! it.

use crate::{lock_for_writing, open_write, search, Result, WriteLock};
use dyad_doc::{clean, doc_id, Deduplicator, Document, InputError};
use dyad_record::story::{count_sources, dates_agree, finer_date, link_date, StoryKey};
use dyad_record::{ActorRef, Analyzer, EventRecord, Record};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What the extractor that wrote a document was: stored with it, so `reprocess` can tell.
pub const EXTRACTOR: &str = concat!("dyad ", env!("CARGO_PKG_VERSION"));

/// Documents stored per transaction: a crash loses at most this many, never half of one.
pub const BATCH: usize = 64;

/// A document ready to store: its record, its input as the store keeps it
/// (`dyad_doc::stored_input`), and the lemmas of its title and text for the search index.
pub struct NewDocument {
    pub record: Record,
    pub input: String,
    pub search_text: String,
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

/// What became of one document given to [`Ingestor::add`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Analysed and queued; stored with its batch.
    Queued,
    /// The store (or this run) holds a document with the same id.
    Already,
}

/// The documents a store holds, as ingestion needs them: their ids, to skip them, and their
/// texts, to see a reprint of one as a reprint. Read from the store when an [`Ingestor`]
/// opens, and only what was stored since when it is kept between ingestors (the server keeps
/// one across requests).
#[derive(Default)]
pub struct StoredDocs {
    /// Ids stored, and queued by the ingestor that holds it.
    known: HashSet<String>,
    reprints: Deduplicator,
    /// The last document read from the store.
    last: i64,
}

impl StoredDocs {
    /// Reads the documents stored after the last one read.
    fn catch_up(&mut self, conn: &Connection) -> Result<()> {
        let mut st = conn.prepare("SELECT n, id, text FROM documents WHERE n > ?1 ORDER BY n")?;
        let mut rows = st.query([self.last])?;
        while let Some(r) = rows.next()? {
            let (n, id, text): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            self.reprints.check(&id, &text);
            self.known.insert(id);
            self.last = n;
        }
        Ok(())
    }
}

/// The one way documents get into a store. Holds the writer's lock while it lives.
pub struct Ingestor<'a> {
    writer: Writer,
    analyzer: &'a dyn Analyzer,
    stored: &'a mut StoredDocs,
    batch: Vec<NewDocument>,
    summary: IngestSummary,
}

impl<'a> Ingestor<'a> {
    /// Takes the store's writer lock (or fails at once with "store busy"), opens or
    /// creates the store, brings its search index up to date, and brings `stored` up to
    /// date with the store (give a new `StoredDocs` where none is kept).
    pub fn open(
        db: &Path,
        analyzer: &'a dyn Analyzer,
        stored: &'a mut StoredDocs,
    ) -> Result<Ingestor<'a>> {
        let writer = Writer::open(db, analyzer.lemmatizer())?;
        if let Err(e) = stored.catch_up(writer.connection()) {
            *stored = StoredDocs::default();
            return Err(e);
        }
        Ok(Ingestor {
            writer,
            analyzer,
            stored,
            batch: Vec::new(),
            summary: IngestSummary::default(),
        })
    }

    /// Adds every document of one input (a file's bytes, a request's body, read as
    /// `dyad_doc::read_bytes` reads them); returns what could not be read, input by input
    /// (a bad JSON Lines record loses only itself).
    pub fn add_input(&mut self, name: &str, bytes: &[u8]) -> Result<Vec<InputError>> {
        self.add_input_within(name, bytes, dyad_doc::ingest::MAX_DECOMPRESSED)
    }

    /// [`Ingestor::add_input`] with gzip allowed to expand to `max_expanded` bytes (a
    /// client's request gets less than a file).
    pub fn add_input_within(
        &mut self,
        name: &str,
        bytes: &[u8],
        max_expanded: u64,
    ) -> Result<Vec<InputError>> {
        let docs = match dyad_doc::read_bytes_within(name, bytes, max_expanded) {
            Ok(docs) => docs,
            Err(e) => return Ok(vec![e]),
        };
        let mut errors = Vec::new();
        for d in docs {
            match d {
                Ok(doc) => {
                    self.add(&doc)?;
                }
                Err(e) => errors.push(e),
            }
        }
        Ok(errors)
    }

    /// Adds a document: skipped when its id is known, else analysed and queued; a full
    /// batch is stored at once.
    pub fn add(&mut self, doc: &Document) -> Result<Added> {
        let cleaned = clean(doc);
        let id = doc_id(cleaned.text.text());
        if !self.stored.known.insert(id.clone()) {
            self.summary.already += 1;
            return Ok(Added::Already);
        }
        let duplicate_of = self.stored.reprints.check(&id, cleaned.text.text());
        let analyzed = self.analyzer.analyze(doc, cleaned, id, duplicate_of);
        self.batch.push(NewDocument {
            record: analyzed.record,
            input: dyad_doc::stored_input(doc),
            search_text: analyzed.search_text,
        });
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(Added::Queued)
    }

    /// Stores the queued documents now. When that fails, what this ingestor knows of the
    /// store is forgotten, to be read again by the next.
    pub fn flush(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.batch);
        match self.writer.add(batch) {
            Ok(s) => {
                self.summary += s;
                Ok(())
            }
            Err(e) => {
                *self.stored = StoredDocs::default();
                Err(e)
            }
        }
    }

    /// What this ingestor did so far; `stored` counts stored and queued documents.
    pub fn summary(&self) -> IngestSummary {
        IngestSummary {
            stored: self.summary.stored + self.batch.len(),
            ..self.summary
        }
    }

    /// Stores what is queued and says what was done.
    pub fn finish(mut self) -> Result<IngestSummary> {
        self.flush()?;
        Ok(self.summary)
    }

    /// The store's connection (for counts after an ingest).
    pub fn connection(&self) -> &Connection {
        self.writer.connection()
    }

    /// Extracts every stored document again from its stored input, read as the format it
    /// was detected as (after a dictionary or model change), in the order they were stored:
    /// reprints are found again and events relinked. A stored input that cannot be read is
    /// reported to `failed` and left as it was. `progress` hears (done, total).
    pub fn reprocess(
        &mut self,
        mut progress: impl FnMut(usize, usize),
        mut failed: impl FnMut(InputError),
    ) -> Result<IngestSummary> {
        self.flush()?;
        let docs = self.writer.documents()?;
        let mut reprints = Deduplicator::new();
        let mut summary = IngestSummary::default();
        for (i, stored) in docs.iter().enumerate() {
            match dyad_doc::read_stored(
                &stored.input,
                stored.format,
                &stored.encoding,
                &stored.source,
            ) {
                Ok(doc) => {
                    let cleaned = clean(&doc);
                    let id = doc_id(cleaned.text.text());
                    let duplicate_of = reprints.check(&id, cleaned.text.text());
                    let analyzed = self.analyzer.analyze(&doc, cleaned, id, duplicate_of);
                    summary += self.writer.replace(stored.n, analyzed)?;
                }
                Err(e) => failed(e),
            }
            progress(i + 1, docs.len());
        }
        Ok(summary)
    }
}

/// A stored document, as `reprocess` reads it again.
#[derive(Debug, Clone)]
pub struct StoredInput {
    pub n: i64,
    pub input: String,
    pub format: dyad_doc::Format,
    pub encoding: String,
    pub source: String,
}

/// The one writer of a store: transactions over its tables and its search index.
pub struct Writer {
    conn: Connection,
    index: search::IndexWriter,
    _lock: WriteLock,
}

impl Writer {
    /// Takes the writer's lock (or fails with "store busy"), opens or creates the store, and
    /// indexes any document a crash left out of the search index.
    /// A search index found missing while documents are marked indexed (deleted by hand) is
    /// rebuilt.
    pub fn open(db: &Path, lemmatizer: &dyn dyad_lang::Lemmatize) -> Result<Writer> {
        Writer::open_with(db, lemmatizer, false)
    }

    /// Opens the store with its search index rebuilt from the stored texts (`dyad check
    /// --repair`), whatever state the index was in.
    pub fn rebuild_index(db: &Path, lemmatizer: &dyn dyad_lang::Lemmatize) -> Result<Writer> {
        Writer::open_with(db, lemmatizer, true)
    }

    fn open_with(
        db: &Path,
        lemmatizer: &dyn dyad_lang::Lemmatize,
        rebuild: bool,
    ) -> Result<Writer> {
        let lock = lock_for_writing(db)?;
        let conn = open_write(db, &lock)?;
        let dir = crate::search_dir(db);
        let lost = !search::exists(&dir)
            && conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM documents WHERE indexed = 1)",
                [],
                |r| r.get::<_, bool>(0),
            )?;
        if rebuild || lost {
            if dir.exists() {
                std::fs::remove_dir_all(&dir)?;
            }
            conn.execute("UPDATE documents SET indexed = 0 WHERE indexed <> 0", [])?;
        }
        let index = search::IndexWriter::open(&dir)?;
        let mut w = Writer {
            conn,
            index,
            _lock: lock,
        };
        w.catch_up_index(lemmatizer)?;
        Ok(w)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Stores a batch in one transaction, then indexes it. Documents already stored are
    /// left alone.
    pub fn add(&mut self, docs: Vec<NewDocument>) -> Result<IngestSummary> {
        let mut summary = IngestSummary::default();
        let mut added: Vec<(i64, String)> = Vec::new();
        let tx = self.conn.transaction()?;
        // a document's rows point to it before its own row is written (`insert_document`)
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        for d in docs {
            match insert_document(&tx, d.record, &d.input)? {
                Some((n, s)) => {
                    summary += s;
                    added.push((n, d.search_text));
                }
                None => summary.already += 1,
            }
        }
        tx.commit()?;
        self.index_documents(&added)?;
        Ok(summary)
    }

    /// Replaces a stored document's extraction with a new one of the same input
    /// (`dyad reprocess`): its entities, mentions and claims go, events left with no claim
    /// go, and the new ones are linked as at ingest. The document keeps its place.
    pub fn replace(&mut self, n: i64, analyzed: dyad_record::Analyzed) -> Result<IngestSummary> {
        let mut record = analyzed.record;
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
        let summary = insert_extraction(&tx, n, &mut record)?;
        tx.execute(
            "UPDATE documents SET text = ?2, record = ?3, extractor = ?4, title = ?5,
                 published = ?6, outlet = ?7, via = ?8, duplicate_of = ?9, indexed = 0
             WHERE n = ?1",
            params![
                n,
                record.text,
                serde_json::to_string(&record).expect("records serialise"),
                EXTRACTOR,
                record.title,
                record.published,
                record.outlet,
                serde_json::to_string(&record.via).expect("strings serialise"),
                record.duplicate_of,
            ],
        )?;
        tx.commit()?;
        self.index_documents(&[(n, analyzed.search_text)])?;
        Ok(summary)
    }

    fn index_documents(&mut self, docs: &[(i64, String)]) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        for (n, lemmas) in docs {
            self.index.put(*n as u64, lemmas)?;
        }
        self.index.commit()?;
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare("UPDATE documents SET indexed = 1 WHERE n = ?1")?;
            for (n, _) in docs {
                st.execute([n])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn catch_up_index(&mut self, lemmatizer: &dyn dyad_lang::Lemmatize) -> Result<()> {
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
            let texts: Vec<(i64, String)> = chunk
                .iter()
                .map(|(n, text, title)| {
                    (*n, search::stored_text(lemmatizer, title.as_deref(), text))
                })
                .collect();
            self.index_documents(&texts)?;
        }
        Ok(())
    }

    /// Every stored document's input, in order, for reprocessing.
    pub fn documents(&self) -> Result<Vec<StoredInput>> {
        let mut st = self.conn.prepare(
            "SELECT n, input, format, source, json_extract(record, '$.encoding')
             FROM documents ORDER BY n",
        )?;
        let v = st
            .query_map([], |r| {
                let format: String = r.get(2)?;
                Ok(StoredInput {
                    n: r.get(0)?,
                    input: r.get(1)?,
                    // stores written before formats were kept by name read as plain text
                    format: dyad_doc::Format::from_name(&format).unwrap_or(dyad_doc::Format::Plain),
                    source: r.get(3)?,
                    encoding: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                })
            })?
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

/// Inserts one document with its extraction; `None` when its id is already stored. The
/// stored record carries `sources` and `same_as` as the store linked its events.
fn insert_document(
    tx: &Transaction<'_>,
    mut r: Record,
    input: &str,
) -> Result<Option<(i64, IngestSummary)>> {
    let stored: Option<i64> = tx
        .prepare_cached("SELECT n FROM documents WHERE id = ?1")?
        .query_row([&r.id], |x| x.get(0))
        .optional()?;
    if stored.is_some() {
        return Ok(None);
    }
    // the document's row is written once, last, with its record as the store linked it: its
    // number is chosen first (one writer holds the lock), and the rows that point to it wait
    // for it (foreign keys checked at commit)
    let n: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(n), 0) + 1 FROM documents")?
        .query_row([], |x| x.get(0))?;
    let mut summary = insert_extraction(tx, n, &mut r)?;
    tx.prepare_cached(
        "INSERT INTO documents (n, id, input, format, published, outlet, via, title,
             duplicate_of, text, source, record, extractor, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        n,
        r.id,
        r.input,
        r.format.as_str(),
        r.published,
        r.outlet,
        serde_json::to_string(&r.via).expect("strings serialise"),
        r.title,
        r.duplicate_of,
        r.text,
        input,
        serde_json::to_string(&r).expect("records serialise"),
        EXTRACTOR,
        now_rfc3339(),
    ])?;
    summary.stored = 1;
    Ok(Some((n, summary)))
}

/// Stores a document's entities, mentions and event claims, each event linked to the stored
/// event it tells or a new one, and sets the record's `sources` and `same_as` from the store.
fn insert_extraction(tx: &Transaction<'_>, n: i64, r: &mut Record) -> Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let keys = r.entity_keys();
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
            ent.execute(params![
                n,
                e.id,
                e.kind,
                e.name,
                keys[&e.id],
                e.wikidata,
                e.country,
                e.sector,
                e.office,
                e.mentions.len() as i64
            ])?;
            for m in &e.mentions {
                men.execute(params![n, e.id, m.view.0 as i64, m.view.1 as i64])?;
            }
            crate::names::add_entity(tx, e.kind, &e.name, &keys[&e.id], e.wikidata.as_deref())?;
            summary.entities += 1;
        }
    }
    let source = r.source_key();
    let reprint = r.duplicate_of.is_some();
    for ev in r.events.iter_mut() {
        let key = StoryKey::of_event(ev, &keys);
        let (event, new) = link_event(tx, ev, &key, &keys)?;
        insert_claim(tx, event, n, ev, &source, reprint, &keys)?;
        let told = tellings(tx, event)?;
        set_sources(tx, event, &told)?;
        ev.sources = sources_up_to(&told, n);
        ev.same_as = first_telling(tx, event, n)?;
        summary.claims += 1;
        summary.new_events += new as usize;
    }
    Ok(summary)
}

fn party_key(p: &ActorRef, keys: &HashMap<String, String>) -> String {
    keys.get(p.entity.as_str())
        .cloned()
        .unwrap_or_else(|| dyad_lang::fold(&p.name))
}

/// The stored event that `ev` tells ([`StoryKey::same_event`]), or a new one; (its n, new).
/// A telling with a finer date or more recipients completes the stored event.
fn link_event(
    tx: &Transaction<'_>,
    ev: &EventRecord,
    key: &StoryKey,
    keys: &HashMap<String, String>,
) -> Result<(i64, bool)> {
    // every stored key with this head lies in [head, head with its last '|' raised by one);
    // a store can hold many events of one head, so dates are compared before keys are read
    let head = key.head();
    let above = format!("{}}}", &head[..head.len() - 1]);
    // (n, key, date, the date it links by)
    type Found = (i64, StoryKey, Option<String>, Option<String>);
    let mut found: Option<Found> = None;
    let new_date = ev.link_date();
    {
        let mut st = tx.prepare_cached(
            "SELECT n, story, date, date_from FROM events
             WHERE story >= ?1 AND story < ?2 ORDER BY n",
        )?;
        let mut rows = st.query([&head, &above])?;
        while let Some(row) = rows.next()? {
            let text = |i: usize| -> rusqlite::Result<Option<&str>> {
                row.get_ref(i)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)
            };
            let (date, from) = (text(2)?, text(3)?);
            let linked = link_date(date, from);
            if !dates_agree(linked, new_date) {
                continue;
            }
            let Some(stored) = StoryKey::decode(text(1)?.unwrap_or_default()) else {
                continue;
            };
            if stored.same_event(linked, key, new_date) {
                found = Some((
                    row.get(0)?,
                    stored,
                    date.map(String::from),
                    linked.map(String::from),
                ));
                break;
            }
        }
    }
    let Some((n, stored, date, linked)) = found else {
        return insert_event(tx, ev, key, keys).map(|n| (n, true));
    };
    // a later telling that dates it (better) gives its date; a publication date only
    // fills a date nobody gave
    let better = finer_date(linked.as_deref(), new_date) || (date.is_none() && ev.date.is_some());
    let date = if better {
        set_date(tx, n, ev)?;
        ev.date.clone()
    } else {
        date
    };
    if stored.names_more(key) {
        let more: Vec<&String> = key
            .recipients
            .iter()
            .filter(|k| !stored.recipients.contains(k))
            .collect();
        tx.execute(
            "UPDATE events SET story = ?2 WHERE n = ?1",
            params![n, key.encode()],
        )?;
        let added: Vec<&ActorRef> = ev
            .recipient
            .iter()
            .filter(|p| more.contains(&&party_key(p, keys)))
            .collect();
        let actors: Vec<&ActorRef> = ev.actor.iter().collect();
        let at = (n, date.as_deref());
        insert_parties(tx, at, ev, keys, "recipient", &added)?;
        insert_pairs(tx, at, ev, keys, &actors, &added)?;
    }
    Ok((n, false))
}

/// A later telling knows the date better ("2025-12" then "2025-12-04"): the event and its
/// read paths move to it, row by row so that the triggers move the monthly totals too.
fn set_date(tx: &Transaction<'_>, n: i64, ev: &EventRecord) -> Result<()> {
    tx.execute(
        "UPDATE events SET date = ?2, date_precision = ?3, date_from = ?4 WHERE n = ?1",
        params![n, ev.date, ev.date_precision, ev.date_from],
    )?;
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
    Ok(())
}

fn insert_event(
    tx: &Transaction<'_>,
    ev: &EventRecord,
    key: &StoryKey,
    keys: &HashMap<String, String>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO events (story, type, mode, contexts, date, date_precision, location,
             location_country, aux, score, date_from)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        key.encode(),
        ev.kind,
        ev.mode,
        serde_json::to_string(&ev.contexts).expect("strings serialise"),
        ev.date,
        ev.date_precision,
        ev.location.as_ref().map(|l| l.name.clone()),
        ev.location.as_ref().and_then(|l| l.country.clone()),
        ev.aux,
        ev.score,
        ev.date_from,
    ])?;
    let n = tx.last_insert_rowid();
    let actors: Vec<&ActorRef> = ev.actor.iter().collect();
    let recipients: Vec<&ActorRef> = ev.recipient.iter().collect();
    let at = (n, ev.date.as_deref());
    insert_parties(tx, at, ev, keys, "actor", &actors)?;
    insert_parties(tx, at, ev, keys, "recipient", &recipients)?;
    // several acting together with no recipient ("подписали") are a dyad among themselves
    let others = if recipients.is_empty() {
        &actors
    } else {
        &recipients
    };
    insert_pairs(tx, at, ev, keys, &actors, others)?;
    Ok(n)
}

/// Parties of event `n` in `role`, and the event on each party's (and its state's) list.
fn insert_parties(
    tx: &Transaction<'_>,
    (n, date): (i64, Option<&str>),
    ev: &EventRecord,
    keys: &HashMap<String, String>,
    role: &str,
    parties: &[&ActorRef],
) -> Result<()> {
    let mut party = tx.prepare_cached(
        "INSERT INTO parties (event, role, key, name, country, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut own = tx.prepare_cached(
        "INSERT OR IGNORE INTO actor_events (key, date, event, type)
         VALUES (?1, COALESCE(?2, ''), ?3, ?4)",
    )?;
    for p in parties {
        let key = party_key(p, keys);
        party.execute(params![n, role, key, p.name, p.country, p.sector])?;
        own.execute(params![key, date, n, ev.kind])?;
        if let Some(c) = p.country.as_deref().filter(|c| *c != key) {
            own.execute(params![c, date, n, ev.kind])?;
        }
    }
    Ok(())
}

/// The dyads of event `n`: each of `from` with each of `to`, either way round, by party key
/// and by state (a minister's visit is also one between the two states), never key × state.
fn insert_pairs(
    tx: &Transaction<'_>,
    (n, date): (i64, Option<&str>),
    ev: &EventRecord,
    keys: &HashMap<String, String>,
    from: &[&ActorRef],
    to: &[&ActorRef],
) -> Result<()> {
    let mut pair = tx.prepare_cached(
        "INSERT OR IGNORE INTO pairs (x, y, date, event, score)
         VALUES (?1, ?2, COALESCE(?3, ''), ?4, ?5)",
    )?;
    for a in from {
        for r in to {
            let mut dyads = vec![(party_key(a, keys), party_key(r, keys))];
            if let (Some(ca), Some(cr)) = (&a.country, &r.country) {
                dyads.push((ca.clone(), cr.clone()));
            }
            for (x, y) in dyads {
                if x != y {
                    let (x, y) = if x < y { (x, y) } else { (y, x) };
                    pair.execute(params![x, y, date, n, ev.score])?;
                }
            }
        }
    }
    Ok(())
}

fn insert_claim(
    tx: &Transaction<'_>,
    event: i64,
    doc: i64,
    ev: &EventRecord,
    source: &str,
    reprint: bool,
    keys: &HashMap<String, String>,
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

/// The sources that told an event, each with the first document that told it not as a
/// reprint (`None`: only reprints did): all [`count_sources`] needs, for all its tellings or
/// for those up to a document, in one row per source.
fn tellings(tx: &Connection, event: i64) -> Result<Vec<(String, Option<i64>)>> {
    let mut st = tx.prepare_cached(
        "SELECT source, MIN(CASE WHEN reprint = 0 THEN doc END) FROM claims
         WHERE event = ?1 GROUP BY source",
    )?;
    let v = st
        .query_map([event], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// [`count_sources`] over the tellings of documents up to `doc`.
fn sources_up_to(tellings: &[(String, Option<i64>)], doc: i64) -> usize {
    count_sources(
        tellings
            .iter()
            .map(|(s, first)| (s.as_str(), first.is_none_or(|d| d > doc))),
    )
}

/// `sources` of a stored event, by [`count_sources`] over all its claims.
fn update_sources(tx: &Transaction<'_>, event: i64) -> Result<()> {
    set_sources(tx, event, &tellings(tx, event)?)
}

fn set_sources(tx: &Transaction<'_>, event: i64, told: &[(String, Option<i64>)]) -> Result<()> {
    let sources = sources_up_to(told, i64::MAX);
    tx.prepare_cached("UPDATE events SET sources = ?2 WHERE n = ?1")?
        .execute(params![event, sources as i64])?;
    Ok(())
}

/// What a record says of an event it tells, as a stream read in the store's order would:
/// the sources that told it up to this document, and its first telling ("document id#event
/// id") when another document's.
pub(crate) fn told_so_far(
    tx: &Connection,
    event: i64,
    doc: i64,
) -> Result<(usize, Option<String>)> {
    let sources = sources_up_to(&tellings(tx, event)?, doc);
    Ok((sources, first_telling(tx, event, doc)?))
}

/// "document id#event id" of an event's first telling, in the order documents were stored,
/// unless it is document `doc`'s own.
fn first_telling(tx: &Connection, event: i64, doc: i64) -> Result<Option<String>> {
    let first: Option<(i64, String)> = tx
        .prepare_cached(
            "SELECT doc, local_id FROM claims
             WHERE event = ?1 AND doc = (SELECT MIN(doc) FROM claims WHERE event = ?1)
             ORDER BY n LIMIT 1",
        )?
        .query_row([event], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match first {
        Some((d, local)) if d != doc => {
            let id: String = tx
                .prepare_cached("SELECT id FROM documents WHERE n = ?1")?
                .query_row([d], |r| r.get(0))?;
            Some(format!("{id}#{local}"))
        }
        _ => None,
    })
}
