//! The store's promises, on records made here: re-ingesting changes nothing, one writer at
//! a time, the same story from two outlets is one event with two sources (a reprint adds
//! none), dyads in date order with their months, a reprocessed document leaves no orphan,
//! the search index catches up after a crash, and bad questions are refused. Needs the
//! morphology (`dyad models fetch`); without it the tests print a note and pass.

use dyad_record::Record;
use dyad_record::{ActorRef, EntityRecord, EventRecord, MentionRecord};
use dyad_store::ingest::NewDocument;
use dyad_store::query::{self, DateRange, EventFilter, Paging, QueryError};
use std::path::PathBuf;

fn morph() -> Option<&'static dyad_morph::Morph> {
    static M: std::sync::OnceLock<Option<dyad_morph::Morph>> = std::sync::OnceLock::new();
    M.get_or_init(|| match dyad_morph::Morph::load() {
        Ok(m) => Some(m),
        Err(e) => {
            eprintln!("note: skipping the store tests: {e}");
            None
        }
    })
    .as_ref()
}

fn temp_db(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join(format!("{name}.db"));
    (dir, db)
}

fn mention(s: usize, e: usize, text: &str) -> MentionRecord {
    MentionRecord {
        start: s,
        end: e,
        text: text.to_string(),
        view: (s, e),
    }
}

/// A state entity and its reference.
fn state(id: &str, code: &str, name: &str) -> (EntityRecord, ActorRef) {
    (
        EntityRecord {
            id: id.into(),
            kind: "GPE",
            name: name.into(),
            wikidata: None,
            country: Some(code.into()),
            sector: None,
            office: None,
            mentions: vec![mention(0, name.chars().count(), name)],
            descriptions: Vec::new(),
            actor: Some(code.into()),
        },
        ActorRef {
            entity: id.into(),
            name: name.into(),
            country: Some(code.into()),
            sector: None,
        },
    )
}

/// One event of AZE towards GBR.
fn event(id: &str, kind: &str, date: Option<&str>, score: f64) -> EventRecord {
    let (_, aze) = state("e1", "AZE", "Азербайджан");
    let (_, gbr) = state("e2", "GBR", "Великобритания");
    EventRecord {
        id: id.into(),
        kind: kind.into(),
        mode: None,
        contexts: vec!["military".into()],
        actor: vec![gbr],
        recipient: vec![aze],
        date: date.map(String::from),
        date_precision: if date.is_some() { "day" } else { "unknown" },
        date_text: None,
        date_from: None,
        location: None,
        aux: None,
        claimed_by: None,
        score,
        evidence: mention(0, 20, "Великобритания сняла эмбарго с Азербайджана."),
        more_evidence: vec![],
        sources: 1,
        same_as: None,
    }
}

fn record(id: &str, outlet: &str, text: &str, events: Vec<EventRecord>) -> Record {
    let (aze, _) = state("e1", "AZE", "Азербайджан");
    let (gbr, _) = state("e2", "GBR", "Великобритания");
    Record {
        schema: dyad_record::SCHEMA,
        id: id.into(),
        input: format!("{id}.txt"),
        published: Some("2025-12-04".into()),
        published_from: dyad_doc::DateSource::Header,
        outlet: Some(outlet.into()),
        via: vec![],
        title: Some(format!("Статья {id}")),
        language: "ru",
        chars: text.chars().count(),
        boilerplate_chars: 0,
        duplicate_of: None,
        entities: vec![aze, gbr],
        events,
        format: dyad_doc::Format::Plain,
        encoding: "UTF-8",
        sentences: 1,
        tokens: 0,
        text: text.into(),
    }
}

fn add(
    w: &mut dyad_store::Writer,
    m: &dyad_morph::Morph,
    rs: &[Record],
) -> dyad_store::IngestSummary {
    let docs: Vec<NewDocument> = rs
        .iter()
        .map(|r| NewDocument {
            record: r.clone(),
            input: r.text.clone(),
            search_text: dyad_store::search::stored_text(m, r.title.as_deref(), &r.text),
        })
        .collect();
    w.add(docs).expect("stored")
}

/// The first page of a dyad's events over all dates.
fn whole_dyad(conn: &rusqlite::Connection, a: &str, b: &str) -> query::DyadPage {
    query::dyad(
        conn,
        a,
        b,
        None,
        &DateRange::default(),
        Paging::new(None, None).unwrap(),
    )
    .unwrap()
}

const TEXT: &str = "Великобритания сняла эмбарго с Азербайджана.";

#[test]
fn reingesting_changes_nothing_and_one_story_from_two_outlets_is_one_event() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("story");
    let mut w = dyad_store::Writer::open(&db, m).unwrap();
    let a = record(
        "a1",
        "Report",
        TEXT,
        vec![event("v1", "RETREAT", Some("2025-10"), 6.5)],
    );
    // the same event, told by another outlet with the day
    let b = record(
        "b2",
        "Trend",
        "Лондон снял эмбарго.",
        vec![event("v1", "RETREAT", Some("2025-10-15"), 6.5)],
    );
    // a reprint of the first, under another outlet's name: no new source
    let mut c = record(
        "c3",
        "Haqqin",
        "Перепечатка.",
        vec![event("v1", "RETREAT", None, 6.5)],
    );
    c.duplicate_of = Some("a1".into());
    let s = add(&mut w, m, &[a.clone(), b, c]);
    assert_eq!((s.stored, s.claims, s.new_events), (3, 3, 1));
    let again = add(&mut w, m, &[a]);
    assert_eq!((again.stored, again.already, again.claims), (0, 1, 0));
    let conn = w.connection();
    let st = query::stats(conn).unwrap();
    assert_eq!((st.documents, st.events, st.claims), (3, 1, 3));
    let page = whole_dyad(conn, "AZE", "gbr");
    assert_eq!(page.total, 1);
    let e = &page.events[0];
    assert_eq!(e.sources, 2, "Report and Trend; the reprint is no source");
    assert_eq!(e.claims.len(), 3);
    // the finer date of the second telling is kept, and the read paths follow it
    assert_eq!(e.date.as_deref(), Some("2025-10-15"));
    let october = query::dyad(
        conn,
        "Великобритания",
        "Азербайджан",
        None,
        &DateRange::new(Some("2025-10-15"), Some("2025-10-15")).unwrap(),
        Paging::new(None, None).unwrap(),
    )
    .unwrap();
    assert_eq!(october.total, 1);
    assert_eq!(october.months[0].month, "2025-10");
    assert_eq!(october.months[0].cooperation, 6.5);
}

#[test]
fn a_second_writer_is_told_the_store_is_busy() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("busy");
    let _first = dyad_store::Writer::open(&db, m).unwrap();
    match dyad_store::Writer::open(&db, m) {
        Err(e @ dyad_store::StoreError::Busy(_)) => {
            assert!(e.to_string().starts_with("store busy"), "{e}")
        }
        Err(e) => panic!("expected busy, got {e}"),
        Ok(_) => panic!("two writers at once"),
    }
    // readers are not held back
    let conn = dyad_store::open_read(&db).unwrap();
    assert_eq!(query::stats(&conn).unwrap().documents, 0);
}

#[test]
fn dyad_in_date_order_undated_last_with_monthly_balance() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("dyad");
    let mut w = dyad_store::Writer::open(&db, m).unwrap();
    let r = record(
        "d1",
        "Report",
        TEXT,
        vec![
            event("v1", "ACCUSE", Some("2025-11-02"), -2.0),
            event("v2", "CONSULT", None, 4.0),
            event("v3", "AGREE", Some("2025-03"), 2.5),
            event("v4", "SUPPORT", Some("2025-11-20"), 5.0),
        ],
    );
    add(&mut w, m, &[r]);
    let p = whole_dyad(w.connection(), "AZE", "GBR");
    let order: Vec<&str> = p.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(order, ["AGREE", "ACCUSE", "SUPPORT", "CONSULT"]);
    let nov = p.months.iter().find(|m| m.month == "2025-11").unwrap();
    assert_eq!(
        (nov.events, nov.cooperation, nov.conflict, nov.balance),
        (2, 5.0, -2.0, 3.0)
    );
    // paging cuts the same order
    let second = query::dyad(
        w.connection(),
        "AZE",
        "GBR",
        None,
        &DateRange::default(),
        Paging::new(Some(2), Some(3)).unwrap(),
    )
    .unwrap();
    assert_eq!(second.events.len(), 1);
    assert_eq!(second.events[0].kind, "CONSULT");
    // counterparts come from the kept totals
    let a = query::actor(w.connection(), "AZE", None, 10).unwrap();
    assert_eq!(a.counterparts[0].key, "GBR");
    assert_eq!(a.counterparts[0].events, 4);
    assert_eq!(a.counterparts[0].balance, 9.5);
}

#[test]
fn reprocessing_a_document_leaves_no_orphan_event_or_total() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("replace");
    let mut w = dyad_store::Writer::open(&db, m).unwrap();
    let r = record(
        "r1",
        "Report",
        TEXT,
        vec![
            event("v1", "ASSAULT", Some("2025-01-05"), -9.0),
            event("v2", "AGREE", Some("2025-02"), 2.5),
        ],
    );
    add(&mut w, m, &[r]);
    let fixed = record(
        "r1",
        "Report",
        TEXT,
        vec![event("v1", "AGREE", Some("2025-02"), 2.5)],
    );
    let analyzed = dyad_record::Analyzed {
        record: fixed,
        search_text: String::new(),
    };
    w.replace(1, analyzed).unwrap();
    let conn = w.connection();
    assert_eq!(query::stats(conn).unwrap().events, 1);
    let a = query::actor(conn, "GBR", None, 10).unwrap();
    assert_eq!(
        (a.counterparts[0].events, a.counterparts[0].balance),
        (1, 2.5)
    );
    let g = query::graph(conn, &DateRange::default(), 1, 10).unwrap();
    assert!(g.edges.iter().all(|e| e.conflict == 0.0), "{:?}", g.edges);
}

#[test]
fn the_search_index_catches_up_after_a_crash_and_finds_every_form() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("search");
    {
        let mut w = dyad_store::Writer::open(&db, m).unwrap();
        add(&mut w, m, &[record("s1", "Report", TEXT, vec![])]);
        // as if the process died after the SQLite commit and before the index commit
        w.connection()
            .execute("UPDATE documents SET indexed = 0", [])
            .unwrap();
        std::fs::remove_dir_all(dyad_store::search_dir(&db)).unwrap();
    }
    let w = dyad_store::Writer::open(&db, m).unwrap();
    let unindexed: i64 = w
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM documents WHERE indexed = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unindexed, 0);
    drop(w);
    let conn = dyad_store::open_read(&db).unwrap();
    let s = dyad_store::search::Searcher::open(&dyad_store::search_dir(&db)).unwrap();
    for q in ["Азербайджаном", "эмбарго", "Великобритании сняла"]
    {
        let p = query::search(&conn, &s, m, q, Paging::new(None, None).unwrap()).unwrap();
        assert_eq!(p.total, 1, "{q}");
        assert!(p.results[0].snippet.contains("эмбарго"), "{q}");
    }
    // quotes and SQL in a query are words or nothing, never SQL
    let p = query::search(
        &conn,
        &s,
        m,
        "'; DROP TABLE events;--",
        Paging::new(None, None).unwrap(),
    )
    .unwrap();
    assert_eq!(p.total, 0);
    assert_eq!(query::stats(&conn).unwrap().documents, 1);
}

#[test]
fn bad_questions_are_refused_with_a_reason() {
    let bad = |r: Result<(), QueryError>| match r {
        Err(QueryError::Bad(m)) => m,
        other => panic!("expected a bad request, got {other:?}"),
    };
    let m = bad(DateRange::new(Some("2025-13-01"), None).map(|_| ()));
    assert!(m.contains("2025-13-01"), "{m}");
    bad(DateRange::new(Some("2025-12"), Some("2025-01")).map(|_| ()));
    bad(DateRange::new(Some("1' OR '1'='1"), None).map(|_| ()));
    bad(Paging::new(Some(0), None).map(|_| ()));
    bad(Paging::new(None, Some(100_000)).map(|_| ()));
    bad(EventFilter::new(Some("PARTY"), None, None, DateRange::default()).map(|_| ()));
    bad(EventFilter::new(None, Some("XXX"), None, DateRange::default()).map(|_| ()));
    bad(EventFilter::new(None, None, Some("x%' --"), DateRange::default()).map(|_| ()));
    assert!(EventFilter::new(
        Some("consult"),
        Some("aze"),
        Some("military"),
        DateRange::default()
    )
    .is_ok());
}

#[test]
fn check_finds_a_document_stored_in_part() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("check");
    let mut w = dyad_store::Writer::open(&db, m).unwrap();
    add(
        &mut w,
        m,
        &[record(
            "k1",
            "Report",
            TEXT,
            vec![event("v1", "AGREE", Some("2025-02"), 2.5)],
        )],
    );
    let report = dyad_store::check::check(w.connection(), None).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!((report.documents, report.events, report.claims), (1, 1, 1));
    // what a torn write would leave: a document without its claim
    w.connection().execute("DELETE FROM claims", []).unwrap();
    let report = dyad_store::check::check(w.connection(), None).unwrap();
    assert!(
        report.problems.iter().any(|p| p.contains("document k1")),
        "{:?}",
        report.problems
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("told by no claim")),
        "{:?}",
        report.problems
    );
}

/// A person entity linked to the dictionary (`key`), named as a document names it.
fn person(id: &str, key: &str, name: &str, mentions: usize) -> EntityRecord {
    EntityRecord {
        id: id.into(),
        kind: "PER",
        name: name.into(),
        wikidata: None,
        country: Some("AZE".into()),
        sector: Some("GOV".into()),
        office: None,
        mentions: (0..mentions).map(|_| mention(0, 5, name)).collect(),
        descriptions: Vec::new(),
        actor: Some(key.into()),
    }
}

#[test]
fn actors_are_found_by_surname_case_form_latin_spelling_item_and_prefix() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("names");
    let mut w = dyad_store::Writer::open(&db, m).unwrap();
    let mut a = record("n1", "Report", TEXT, vec![]);
    a.entities
        .push(person("e3", "aliyev_ilham", "Ильхам Алиев", 5));
    a.entities.push(person(
        "e4",
        "lukashenko_alexander",
        "Александр Лукашенко",
        2,
    ));
    let mut b = record("n2", "Trend", "Другой текст о визите.", vec![]);
    b.entities
        .push(person("e3", "aliyev_heydar", "Гейдар Алиев", 1));
    add(&mut w, m, &[a, b]);
    let conn = w.connection();
    let key = |q: &str| query::resolve_key(conn, q, Some(m));
    for (q, want) in [
        ("Лукашенко", "lukashenko_alexander"),
        ("Лукашенко ", "lukashenko_alexander"),
        ("лукашенко", "lukashenko_alexander"),
        ("Лукашенко", "lukashenko_alexander"),
        ("Александром Лукашенко", "lukashenko_alexander"),
        ("Лукашенко", "lukashenko_alexander"),
        ("Lukashenko", "lukashenko_alexander"),
        ("Q2866", "lukashenko_alexander"),
        ("Ильхам Алиев", "aliyev_ilham"),
        ("Ильхамом Алиевым", "aliyev_ilham"),
        ("Ilham Aliyev", "aliyev_ilham"),
        ("q57371", "aliyev_ilham"),
        ("Гейдаром Алиевым", "aliyev_heydar"),
        ("Азербайджаном", "AZE"),
        ("Azerbaijan", "AZE"),
    ] {
        assert_eq!(key(q).unwrap_or_else(|e| panic!("{q}: {e}")), want, "{q}");
    }
    // a surname two stored actors share lists both, the more mentioned first
    for q in ["Алиев", "Алиевым", "Aliyev"] {
        match key(q) {
            Err(QueryError::Ambiguous { candidates, .. }) => {
                let keys: Vec<&str> = candidates.iter().map(|c| c.key.as_str()).collect();
                assert_eq!(keys, ["aliyev_ilham", "aliyev_heydar"], "{q}");
                assert_eq!(candidates[0].name, "Ильхам Алиев");
                assert_eq!(candidates[0].mentions, 5);
            }
            other => panic!("{q}: expected candidates, got {other:?}"),
        }
    }
    // an unknown name is not found, whatever its script
    for q in ["Пупкин", "Pupkin", "Q1"] {
        assert!(matches!(key(q), Err(QueryError::NotFound(_))), "{q}");
    }
    // the start of a name suggests the actors it begins, the most mentioned first
    let keys = |p: &str| -> Vec<String> {
        query::suggest(conn, p, 10)
            .unwrap()
            .into_iter()
            .map(|c| c.key)
            .collect()
    };
    assert_eq!(keys("али"), ["aliyev_ilham", "aliyev_heydar"]);
    assert_eq!(keys("Лука"), ["lukashenko_alexander"]);
    assert_eq!(keys("luka"), ["lukashenko_alexander"]);
    assert_eq!(keys("ильх"), ["aliyev_ilham"]);
    assert!(keys("щщщ").is_empty());
}

#[test]
fn a_store_written_before_names_were_indexed_gets_them_on_its_next_open() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("old");
    {
        let mut w = dyad_store::Writer::open(&db, m).unwrap();
        let mut a = record("o1", "Report", TEXT, vec![]);
        a.entities.push(person(
            "e3",
            "lukashenko_alexander",
            "Александр Лукашенко",
            1,
        ));
        add(&mut w, m, &[a]);
        w.connection()
            .execute_batch("DROP TABLE actor_names")
            .unwrap();
    }
    let conn = dyad_store::open_read(&db).unwrap();
    match query::resolve_key(&conn, "Лукашенко", Some(m)) {
        Err(QueryError::Bad(msg)) => assert!(msg.contains("--repair"), "{msg}"),
        other => panic!("expected a hint, got {other:?}"),
    }
    let w = dyad_store::Writer::open(&db, m).unwrap();
    assert_eq!(
        query::resolve_key(w.connection(), "Лукашенко", Some(m)).unwrap(),
        "lukashenko_alexander"
    );
}

/// A store of `n` documents, each with its own words, closed.
fn store_of(db: &std::path::Path, m: &dyad_morph::Morph, n: usize) {
    let mut w = dyad_store::Writer::open(db, m).unwrap();
    let rs: Vec<Record> = (0..n)
        .map(|i| {
            record(
                &format!("x{i}"),
                "Report",
                &format!("{TEXT} Документ номер {i} о переговорах и визите."),
                vec![event("v1", "AGREE", Some("2025-02"), 2.5)],
            )
        })
        .collect();
    add(&mut w, m, &rs);
}

fn search_total(
    db: &std::path::Path,
    m: &dyad_morph::Morph,
    q: &str,
) -> dyad_store::query::QResult<usize> {
    let conn = dyad_store::open_read(db).unwrap();
    let s = dyad_store::search::Searcher::open(&dyad_store::search_dir(db))?;
    query::search(&conn, &s, m, q, Paging::new(None, None).unwrap()).map(|p| p.total)
}

fn problems(db: &std::path::Path) -> Vec<String> {
    let conn = dyad_store::open_read(db).unwrap();
    dyad_store::check::check(&conn, Some(&dyad_store::search_dir(db)))
        .unwrap()
        .problems
}

/// Flips the bytes at the offsets `at(length)` gives, in place, as damage on disk does (the
/// file is never truncated: a reader's memory map stays valid).
fn flip(path: &std::path::Path, at: impl Fn(usize) -> Vec<usize>) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .unwrap();
    let len = f.metadata().unwrap().len() as usize;
    for i in at(len) {
        let mut b = [0u8];
        f.seek(SeekFrom::Start(i as u64)).unwrap();
        f.read_exact(&mut b).unwrap();
        f.seek(SeekFrom::Start(i as u64)).unwrap();
        f.write_all(&[b[0] ^ 0x5a]).unwrap();
    }
}

/// Issue #14, item 5: with the search index deleted, `check` said "whole" and the next
/// ingest left it empty; with its files damaged, search panicked.
#[test]
fn a_lost_or_damaged_search_index_is_reported_and_rebuilt() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("lost");
    store_of(&db, m, 30);
    assert!(problems(&db).is_empty(), "{:?}", problems(&db));
    assert_eq!(search_total(&db, m, "эмбарго").unwrap(), 30);
    // deleted: reported, and the next writer rebuilds it
    std::fs::remove_dir_all(dyad_store::search_dir(&db)).unwrap();
    let p = problems(&db);
    assert!(
        p.iter().any(|p| p.contains("search index missing")),
        "{p:?}"
    );
    drop(dyad_store::Writer::open(&db, m).unwrap());
    assert!(problems(&db).is_empty(), "{:?}", problems(&db));
    assert_eq!(search_total(&db, m, "эмбарго").unwrap(), 30);
    // damaged: bytes flipped in every segment file
    for entry in std::fs::read_dir(dyad_store::search_dir(&db)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with('.') || name == "meta.json" {
            continue;
        }
        flip(&path, |len| (len / 4..len / 4 + len / 2).collect());
    }
    let p = problems(&db);
    assert!(
        p.iter().any(|p| p.contains("search index damaged")),
        "{p:?}"
    );
    // a search is an error (or finds what it can), never a panic
    if let Err(e) = search_total(&db, m, "эмбарго") {
        assert!(e.to_string().contains("--repair"), "{e}");
    }
    // `dyad check --repair`
    drop(dyad_store::Writer::rebuild_index(&db, m).unwrap());
    assert!(problems(&db).is_empty(), "{:?}", problems(&db));
    assert_eq!(search_total(&db, m, "переговорах").unwrap(), 30);
}

/// Issue #14, item 6: with bytes flipped in the store, `check` stopped at "invalid utf-8
/// sequence" (exit 2) and dropped SQLite's list of damage; it lists it now.
#[test]
fn check_lists_the_damage_sqlite_finds() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("flipped");
    store_of(&db, m, 200);
    {
        // everything in the main file, nothing left in the WAL
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    // 200 bytes flipped in pages of the second half (page 1 and the schema stay readable)
    flip(&db, |len| {
        let (page, pages) = (4096, len / 4096);
        (0..200)
            .map(|i| (pages / 2 + i % (pages / 2 - 1)) * page + 100 + (i * 37) % 3000)
            .collect()
    });
    let conn =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let report = dyad_store::check::check(&conn, None).expect("a report, not an error");
    let sqlite: Vec<&String> = report
        .problems
        .iter()
        .filter(|p| p.starts_with("SQLite integrity check"))
        .collect();
    assert!(sqlite.len() > 1, "{:?}", report.problems);
}

/// A story told by many documents: a list shows its first tellings and how many there are
/// (a page of 20 such events was half a megabyte on the 20,000-document store).
#[test]
fn a_list_shows_an_events_first_tellings_and_their_count() {
    let Some(m) = morph() else { return };
    let (_dir, db) = temp_db("told");
    let mut w = dyad_store::Writer::open(&db, m).unwrap();
    let rs: Vec<Record> = (0..15)
        .map(|i| {
            record(
                &format!("t{i}"),
                &format!("Outlet {i}"),
                &format!("{TEXT} Сообщение {i}."),
                vec![event("v1", "AGREE", Some("2025-02"), 2.5)],
            )
        })
        .collect();
    add(&mut w, m, &rs);
    let conn = w.connection();
    let p = whole_dyad(conn, "AZE", "GBR");
    assert_eq!(p.events.len(), 1);
    let e = &p.events[0];
    assert_eq!((e.claims.len(), e.claims_total), (query::CLAIMS_SHOWN, 15));
    let all = query::events_by_id(conn, &[e.event], None).unwrap();
    assert_eq!((all[0].claims.len(), all[0].claims_total), (15, 15));
}
