//! `dyad check`: is the store whole? SQLite's own integrity check, then dyad's: every
//! document has exactly the entities and event claims its stored record lists, no claim
//! points nowhere, no event is left without a claim, and the kept totals agree with the rows
//! they sum. After a `kill -9` this is what says nothing was half-written.

use crate::Result;
use rusqlite::Connection;
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

/// Checks a store opened for reading.
pub fn check(conn: &Connection) -> Result<CheckReport> {
    let mut r = CheckReport::default();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |x| x.get(0))?;
    if integrity != "ok" {
        r.problems
            .push(format!("SQLite integrity check: {integrity}"));
    }
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |x| x.get(0))?) };
    r.documents = count("SELECT COUNT(*) FROM documents")?;
    r.events = count("SELECT COUNT(*) FROM events")?;
    r.claims = count("SELECT COUNT(*) FROM claims")?;
    r.unindexed = count("SELECT COUNT(*) FROM documents WHERE indexed = 0")?;
    // each document against its record
    let mut st = conn.prepare(
        "SELECT d.id, d.record,
                (SELECT COUNT(*) FROM entities e WHERE e.doc = d.n),
                (SELECT COUNT(*) FROM claims c WHERE c.doc = d.n)
         FROM documents d ORDER BY d.n",
    )?;
    let mut rows = st.query([])?;
    let mut partial = 0usize;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let record: String = row.get(1)?;
        let (entities, claims): (i64, i64) = (row.get(2)?, row.get(3)?);
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
    }
    if partial > 10 {
        r.problems
            .push(format!("… {} more documents stored in part", partial - 10));
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
    Ok(r)
}
