//! `dyad check`: is the store whole? SQLite's own integrity check (every problem it lists),
//! the search index's (its files' checksums, its documents against the store's), then
//! dyad's: every
//! document has exactly the entities and event claims its stored record lists, each event
//! of a record says what the store's claims say of it (`sources` so far, `same_as` the first
//! telling), no claim points nowhere, no event is left without a claim, and the kept totals
//! agree with the rows they sum. After a `kill -9` this is what says nothing was
//! half-written.

use crate::Result;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub documents: i64,
    pub events: i64,
    pub claims: i64,
    /// Documents not yet in the search index (a writer catches them up when it opens).
    pub unindexed: i64,
    /// What is wrong, one line each; empty when the store is whole.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The most lines of SQLite's integrity check a report lists.
const MAX_SQLITE_PROBLEMS: usize = 100;

/// Checks a store opened for reading, and the search index at `search_dir` when given.
/// Whatever fails along the way is a problem of the report, not an error: a damaged store
/// is reported, however damaged.
pub fn check(conn: &Connection, search_dir: Option<&std::path::Path>) -> Result<CheckReport> {
    let mut r = CheckReport::default();
    // every line SQLite gives, read as bytes: a damaged page may put any bytes in one
    match sqlite_integrity(conn) {
        Ok(lines) => r.problems.extend(lines),
        Err(e) => r
            .problems
            .push(format!("SQLite integrity check could not run: {e}")),
    }
    if let Err(e) = dyad_checks(conn, &mut r) {
        r.problems
            .push(format!("the store could not be read to the end: {e}"));
    }
    if let Some(dir) = search_dir {
        let indexed: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM documents WHERE indexed = 1",
                [],
                |x| x.get(0),
            )
            .unwrap_or(-1);
        r.problems.extend(crate::search::verify(dir, indexed));
    }
    Ok(r)
}

fn sqlite_integrity(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare("PRAGMA integrity_check")?;
    let mut rows = st.query([])?;
    let mut lines = Vec::new();
    let mut more = 0usize;
    while let Some(row) = rows.next()? {
        let line = match row.get_ref(0)? {
            rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => {
                String::from_utf8_lossy(b).into_owned()
            }
            v => format!("{v:?}"),
        };
        if line == "ok" {
            continue;
        }
        if lines.len() < MAX_SQLITE_PROBLEMS {
            lines.push(format!("SQLite integrity check: {line}"));
        } else {
            more += 1;
        }
    }
    if more > 0 {
        lines.push(format!("SQLite integrity check: … {more} more"));
    }
    Ok(lines)
}

/// dyad's own checks: documents against their records, events against their claims.
fn dyad_checks(conn: &Connection, r: &mut CheckReport) -> Result<()> {
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |x| x.get(0))?) };
    r.documents = count("SELECT COUNT(*) FROM documents")?;
    r.events = count("SELECT COUNT(*) FROM events")?;
    r.claims = count("SELECT COUNT(*) FROM claims")?;
    r.unindexed = count("SELECT COUNT(*) FROM documents WHERE indexed = 0")?;
    // each document against its record
    let mut st = conn.prepare(
        "SELECT d.n, d.id, d.record,
                (SELECT COUNT(*) FROM entities e WHERE e.doc = d.n),
                (SELECT COUNT(*) FROM claims c WHERE c.doc = d.n)
         FROM documents d ORDER BY d.n",
    )?;
    let mut rows = st.query([])?;
    let mut partial = 0usize;
    let mut unlinked = 0usize;
    while let Some(row) = rows.next()? {
        let n: i64 = row.get(0)?;
        let id: String = row.get(1)?;
        let record: String = row.get(2)?;
        let (entities, claims): (i64, i64) = (row.get(3)?, row.get(4)?);
        let v: serde_json::Value = match serde_json::from_str(&record) {
            Ok(v) => v,
            Err(e) => {
                r.problems
                    .push(format!("document {id}: its record is not JSON: {e}"));
                continue;
            }
        };
        let len = |k: &str| v[k].as_array().map_or(0, |a| a.len()) as i64;
        if len("entities") != entities || len("events") != claims {
            partial += 1;
            if partial <= 10 {
                r.problems.push(format!(
                    "document {id}: {entities} entities and {claims} claims stored, its record has {} and {}",
                    len("entities"),
                    len("events")
                ));
            }
        }
        for problem in record_links(conn, n, &v)? {
            unlinked += 1;
            if unlinked <= 10 {
                r.problems.push(format!("document {id}: {problem}"));
            }
        }
    }
    if partial > 10 {
        r.problems
            .push(format!("… {} more documents stored in part", partial - 10));
    }
    if unlinked > 10 {
        r.problems.push(format!(
            "… {} more events whose record disagrees with the store",
            unlinked - 10
        ));
    }
    let orphans = [
        (
            "claims of no event",
            "SELECT COUNT(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.n = c.event)",
        ),
        (
            "events told by no claim",
            "SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.event = e.n)",
        ),
        (
            "events with no party",
            "SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM parties p WHERE p.event = e.n)",
        ),
        (
            "dyad totals that disagree with their events",
            "SELECT COUNT(*) FROM pair_totals t WHERE t.events <>
                 (SELECT COUNT(*) FROM pairs p WHERE p.x = t.x AND p.y = t.y)",
        ),
    ];
    for (what, sql) in orphans {
        let n = count(sql)?;
        if n > 0 {
            r.problems.push(format!("{n} {what}"));
        }
    }
    Ok(())
}

/// Where a stored record's events say otherwise than the store's claims of them: each
/// event's `sources` against the sources that told it up to this document, and its
/// `same_as` against its first telling.
fn record_links(conn: &Connection, doc: i64, record: &serde_json::Value) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let Some(events) = record["events"].as_array() else {
        return Ok(out);
    };
    let mut st =
        conn.prepare_cached("SELECT event FROM claims WHERE doc = ?1 AND local_id = ?2")?;
    for e in events {
        let local = e["id"].as_str().unwrap_or_default();
        let Some(event) = st
            .query_row(rusqlite::params![doc, local], |x| x.get::<_, i64>(0))
            .optional()?
        else {
            continue; // counted as a partial document above
        };
        let (sources, same_as) = crate::ingest::told_so_far(conn, event, doc)?;
        let said = (
            e["sources"].as_u64().map(|s| s as usize),
            e["same_as"].as_str().map(String::from),
        );
        if said != (Some(sources), same_as.clone()) {
            out.push(format!(
                "event {local} says sources {:?} and same_as {:?}, the store {sources} and {same_as:?}",
                said.0, said.1
            ));
        }
    }
    Ok(out)
}
