//! dyad's knowledge base: `Record → Store`. Embedded, no server to install.
//!
//! - **SQLite** (`FILE`, WAL): documents, entities, mentions, and events kept apart from
//!   their claims. An event (`events`) is what happened — type, parties, date, place — once,
//!   however many documents tell it; a claim (`claims`) is one telling: which document,
//!   which outlet, who reported it, the sentence that says it. The same event from several
//!   outlets is one event with several claims; `sources` counts the distinct outlets among
//!   claims of documents that are not reprints.
//! - **tantivy** (`FILE.search/`): full text over lemmas, so "Азербайджаном" finds
//!   "Азербайджан" ([`search`]).
//! - **Writers** (ingest, reprocess) hold `FILE.lock`; a second writer gets
//!   [`StoreError::Busy`] at once. Readers (queries, the server) never wait for writers.
//! - **Crash safety**: a batch of documents is one SQLite transaction, so a document is
//!   stored whole or not at all; the search index is derived and catches up on the next
//!   writer's open with the documents it lacks (`documents.indexed = 0`).
//! - **Exports** ([`export`]): events as PLOVER JSON Lines, GDELT-like CSV and Parquet; the
//!   relations graph as GEXF and GraphML; streamed, in one read transaction.

pub mod check;
pub mod export;
pub mod ingest;
pub mod names;
pub mod query;
pub mod search;

use rusqlite::{Connection, OpenFlags};
use std::fs::File;
use std::path::{Path, PathBuf};

pub use ingest::{Added, IngestSummary, Ingestor, StoredDocs, Writer};
pub use query::*;

/// Schema version, kept in `meta`; a store of another version is refused with a message.
pub const SCHEMA_VERSION: i64 = 1;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store busy: another dyad process is writing to {0} (its lock is {0}.lock); try again when it is done")]
    Busy(String),
    #[error("{path}: not a dyad store ({reason})")]
    NotAStore { path: String, reason: String },
    #[error("{0}: no such store (create it with `dyad ingest --db {0} PATH…`)")]
    Missing(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("search index: {0}")]
    Search(#[from] tantivy::TantivyError),
    #[error("the search index is damaged: {0}")]
    SearchDamaged(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub(crate) const SCHEMA: &str = include_str!("schema.sql");

/// Where the search index of a store lives.
pub fn search_dir(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".search");
    PathBuf::from(s)
}

fn lock_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

/// Opens a store read-only, for queries. Never blocks on a writer (WAL).
pub fn open_read(db: &Path) -> Result<Connection> {
    if !db.exists() {
        return Err(StoreError::Missing(db.display().to_string()));
    }
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "cache_size", -65_536)?;
    check_version(&conn, db)?;
    Ok(conn)
}

fn check_version(conn: &Connection, db: &Path) -> Result<()> {
    let version: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
            r.get(0)
        })
        .map_err(|e| StoreError::NotAStore {
            path: db.display().to_string(),
            reason: e.to_string(),
        })?;
    match version.as_deref().and_then(|v| v.parse::<i64>().ok()) {
        Some(SCHEMA_VERSION) => Ok(()),
        v => Err(StoreError::NotAStore {
            path: db.display().to_string(),
            reason: format!("schema {v:?}, this dyad reads {SCHEMA_VERSION}"),
        }),
    }
}

/// The exclusive right to write a store, held until dropped.
pub struct WriteLock {
    _file: File,
}

/// Takes the writer's lock, or fails at once with [`StoreError::Busy`].
pub fn lock_for_writing(db: &Path) -> Result<WriteLock> {
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(db))?;
    match file.try_lock() {
        Ok(()) => Ok(WriteLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Busy(db.display().to_string())),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

/// Opens (creating if needed) a store for writing; the caller holds the [`WriteLock`].
pub fn open_write(db: &Path, _lock: &WriteLock) -> Result<Connection> {
    let fresh = !db.exists();
    let conn = Connection::open(db)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // WAL: readers go on while a batch commits; NORMAL sync is safe against a killed
    // process (a commit is whole or absent), which is what `kill -9` tests
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // a large store's indexes take random inserts: a bigger page cache than SQLite's 2 MB
    // keeps ingest from slowing as it grows (kibibytes when negative)
    conn.pragma_update(None, "cache_size", -262_144)?;
    if fresh {
        conn.execute_batch(SCHEMA)?;
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('schema', ?1)",
            [SCHEMA_VERSION.to_string()],
        )?;
    } else {
        check_version(&conn, db)?;
        // added since schema 1 was first written, without a version of its own: an index,
        // and where an event's date comes from (unknown for events stored before)
        conn.execute_batch(
            "CREATE INDEX IF NOT EXISTS claims_event_source
                 ON claims(event, source, reprint, doc);",
        )?;
        let has_date_from = conn.prepare("SELECT date_from FROM events LIMIT 0").is_ok();
        if !has_date_from {
            conn.execute_batch("ALTER TABLE events ADD COLUMN date_from TEXT;")?;
        }
    }
    names::create_index(&conn)?;
    Ok(conn)
}
