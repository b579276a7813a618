//! Exports of the store for other tools: events as JSON Lines (the PLOVER record layout), as
//! CSV with GDELT-like columns and as Parquet; the relations graph as GEXF 1.3 (Gephi) and
//! GraphML (networkx, igraph, yEd, Cytoscape).
//!
//! Every export streams: events are read `PAGE` at a time in store order (`events.n`), so a
//! store of millions of events exports in bounded memory (the graph holds its edges, one per
//! actor–recipient pair, not its events). An export reads in one transaction, so it sees one
//! state of the store even while `dyad ingest` writes. `--from`/`--to` keep the events whose
//! date could fall in the range, as [`DateRange`] does for the queries; an undated event is
//! in no bounded range.
//!
//! # JSON Lines: the PLOVER record
//!
//! One event a line. Names follow PLOVER and POLECAT (the PLOVER-coded data set) where they
//! have one:
//!
//! | field | content | PLOVER / POLECAT |
//! |---|---|---|
//! | `id` | the store's event number, as a string | PLOVER `id`, POLECAT Event ID |
//! | `event_type` | PLOVER type, or dyad's STATEMENT | POLECAT Event Type (PLOVER draft `event`) |
//! | `mode` | PLOVER mode or null | PLOVER `mode`, POLECAT Event Mode |
//! | `contexts` | PLOVER contexts, a list | PLOVER `context`, POLECAT Contexts |
//! | `quad_code` | 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict; null for STATEMENT | PLOVER `quadCode`, POLECAT Quad Code |
//! | `event_date` | `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or null | POLECAT Event Date (PLOVER `date`) |
//! | `date_precision` | day, month, year or unknown | dyad |
//! | `actor`, `recipient` | lists of `{key, name, country, sector}` | PLOVER `actor`/`recipient` (draft `source`/`target`) |
//! | `location` | `{name, country}` or null | PLOVER `eventLoc` |
//! | `aux` | future, historical, hypothetical, negated, or null | PLOVER's future/negation contexts, kept apart |
//! | `score` | intensity, −10 (conflict) … +10 (cooperation) | POLECAT Event Intensity (PLOVER `eventScale`) |
//! | `num_sources` | distinct outlets among the claims, reprints aside | GDELT NumSources |
//! | `num_claims` | tellings of the event | GDELT NumArticles |
//! | `claims` | every telling, see below | |
//!
//! A claim is `{story_id, source, publication_date, headline, claimed_by, event_text}`: the
//! document id (POLECAT Story ID), its outlet (POLECAT Source), its date (POLECAT Publication
//! Date), its title (POLECAT Headline), who the text says reported the event (`{name,
//! country}` or null) and the sentence that tells it (NGEC's `event_text`).
//!
//! # CSV: GDELT-like columns
//!
//! One event a row, with a header; see [`CSV_COLUMNS`]. Where an event has several actors
//! (or recipients), `Actor1Name`, `Actor1CountryCode` and `Actor1Type1Code` hold all of them
//! joined with `"; "`, in the same order, an unknown country or sector an empty slot
//! (`"GBR; "`), so splitting on `"; "` lines them up. `Day` is `YYYYMMDD` when the day is
//! known, else empty; `MonthYear` and `Year` hold what is known. `QuadClass` is GDELT's (1–4,
//! as `quad_code` above; 1–2 cooperation, 3–4 conflict; empty for STATEMENT), and
//! `GoldsteinScale` holds dyad's score on the same −10…+10 scale. `NumArticles` counts the
//! claims; `SourceDocID`/`SourceOutlet` are the first claim's document and outlet.
//!
//! # Parquet
//!
//! The same flat columns as the CSV under snake_case names ([`PARQUET_COLUMNS`]), snappy
//! compressed, a row group per [`ROW_GROUP`] events; `event_day` is a DATE when the day is
//! known. Empty lists and unknown values are null.
//!
//! # GEXF and GraphML
//!
//! Nodes are actors (by actor key) with `label`, `key`, `kind` (PER, ORG, GPE, LOC), `country`
//! and `events` (the events it takes part in, as actor or recipient of an edge). A directed
//! edge goes from each actor of an event to each of its recipients, with `weight` = the
//! number of such events, `cooperation` and `conflict` the sums of their positive and
//! negative scores and `balance` their total. GEXF edges are coloured by mean score (balance
//! per event): red for conflict, grey for neutral, green for cooperation.

use crate::query::{events_by_id, DateRange, EventView, Graph, GraphEdge, GraphNode, Party};
use crate::query::{Location, QueryError};
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::Arc;

/// Events read per query while streaming.
pub const PAGE: usize = 1000;

/// Events per Parquet row group.
pub const ROW_GROUP: usize = 65_536;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Query(#[from] QueryError),
    /// Writing the output failed (a closed pipe, a full disk).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("csv: {0}")]
    Csv(csv::Error),
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

impl From<rusqlite::Error> for ExportError {
    fn from(e: rusqlite::Error) -> Self {
        ExportError::Query(e.into())
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        // an I/O error stays one, so the CLI can tell a closed pipe
        if !e.is_io_error() {
            return ExportError::Csv(e);
        }
        match e.into_kind() {
            csv::ErrorKind::Io(io) => ExportError::Io(io),
            _ => unreachable!("is_io_error"),
        }
    }
}

pub type ExportResult<T> = std::result::Result<T, ExportError>;

/// What an export wrote: events, or the graph's nodes and edges.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Exported {
    pub events: u64,
    pub nodes: u64,
    pub edges: u64,
}

/// Reads in one transaction when none is open, so that the pages of an export see one state
/// of the store; dropping it ends the read.
fn snapshot(conn: &Connection) -> ExportResult<Option<rusqlite::Transaction<'_>>> {
    Ok(if conn.is_autocommit() {
        Some(conn.unchecked_transaction()?)
    } else {
        None
    })
}

/// Calls `f` with every event in the range, whole ([`events_by_id`]), in store order, reading
/// [`PAGE`] events at a time. Returns how many there were.
pub fn for_each_event(
    conn: &Connection,
    range: &DateRange,
    mut f: impl FnMut(EventView) -> ExportResult<()>,
) -> ExportResult<u64> {
    // the range as `dyad events --from --to` reads it: the same SQL
    let mut params: Vec<Value> = vec![Value::Integer(i64::MIN), Value::Integer(PAGE as i64)];
    let dates = range.sql(&mut params);
    let mut next = conn.prepare(&format!(
        "SELECT e.n FROM events e WHERE e.n > ?1 {dates} ORDER BY e.n LIMIT ?2"
    ))?;
    let mut count = 0;
    loop {
        let ids: Vec<i64> = next
            .query_map(params_from_iter(&params), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&last) = ids.last() else {
            break;
        };
        params[0] = Value::Integer(last);
        for e in events_by_id(conn, &ids, None)? {
            f(e)?;
            count += 1;
        }
    }
    Ok(count)
}

/// The PLOVER quad of a type (the contract's table); none for STATEMENT.
pub fn quad_code(kind: &str) -> Option<u8> {
    Some(match kind {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" => 2,
        "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" => 3,
        "PROTEST" | "SANCTION" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => return None,
    })
}

#[derive(Serialize)]
struct PloverRecord<'a> {
    id: String,
    event_type: &'a str,
    mode: Option<&'a str>,
    contexts: &'a [String],
    quad_code: Option<u8>,
    event_date: Option<&'a str>,
    date_precision: &'a str,
    actor: &'a [Party],
    recipient: &'a [Party],
    location: Option<&'a Location>,
    aux: Option<&'a str>,
    score: f64,
    num_sources: i64,
    num_claims: usize,
    claims: Vec<PloverClaim<'a>>,
}

#[derive(Serialize)]
struct PloverClaim<'a> {
    story_id: &'a str,
    source: Option<&'a str>,
    publication_date: Option<&'a str>,
    headline: Option<&'a str>,
    claimed_by: Option<&'a crate::query::ClaimedBy>,
    event_text: &'a str,
}

fn plover_record(e: &EventView) -> PloverRecord<'_> {
    PloverRecord {
        id: e.event.to_string(),
        event_type: &e.kind,
        mode: e.mode.as_deref(),
        contexts: &e.contexts,
        quad_code: quad_code(&e.kind),
        event_date: e.date.as_deref(),
        date_precision: &e.date_precision,
        actor: &e.actor,
        recipient: &e.recipient,
        location: e.location.as_ref(),
        aux: e.aux.as_deref(),
        score: e.score,
        num_sources: e.sources,
        num_claims: e.claims_total as usize,
        claims: e
            .claims
            .iter()
            .map(|c| PloverClaim {
                story_id: &c.doc,
                source: c.outlet.as_deref(),
                publication_date: c.published.as_deref(),
                headline: c.title.as_deref(),
                claimed_by: c.claimed_by.as_ref(),
                event_text: &c.evidence,
            })
            .collect(),
    }
}

/// Events as JSON Lines, one PLOVER record a line.
pub fn write_jsonl<W: Write>(
    conn: &Connection,
    range: &DateRange,
    out: W,
) -> ExportResult<Exported> {
    let _read = snapshot(conn)?;
    let mut out = std::io::BufWriter::new(out);
    let mut line = Vec::with_capacity(4096);
    let events = for_each_event(conn, range, |e| {
        line.clear();
        serde_json::to_writer(&mut line, &plover_record(&e)).expect("records serialise");
        line.push(b'\n');
        out.write_all(&line)?;
        Ok(())
    })?;
    out.flush()?;
    Ok(Exported {
        events,
        ..Default::default()
    })
}

/// The columns of the CSV export, GDELT's names where GDELT has the field.
pub const CSV_COLUMNS: &[&str] = &[
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "DatePrecision",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "EventRootCode",
    "EventMode",
    "Contexts",
    "QuadClass",
    "GoldsteinScale",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "Aux",
    "ClaimedBy",
    "SourceDocID",
    "SourceOutlet",
];

/// An event as flat values, shared by the CSV and the Parquet: lists joined with `"; "`, a
/// missing value within a list an empty slot, a list of nothing (or of no known value) `None`.
struct Flat {
    day: Option<String>,
    month_year: Option<String>,
    year: Option<String>,
    actor_names: Option<String>,
    actor_countries: Option<String>,
    actor_sectors: Option<String>,
    recipient_names: Option<String>,
    recipient_countries: Option<String>,
    recipient_sectors: Option<String>,
    contexts: Option<String>,
    claimed_by: Option<String>,
}

fn joined<'a>(values: impl Iterator<Item = Option<&'a str>>) -> Option<String> {
    let v: Vec<&str> = values.map(|s| s.unwrap_or("")).collect();
    v.iter().any(|s| !s.is_empty()).then(|| v.join("; "))
}

fn flat(e: &EventView) -> Flat {
    let date = e.date.as_deref().unwrap_or("");
    let digits = |n: usize| date.get(..n).map(|s| s.replace('-', ""));
    let side = |p: &[Party]| {
        (
            joined(p.iter().map(|p| Some(p.name.as_str()))),
            joined(p.iter().map(|p| p.country.as_deref())),
            joined(p.iter().map(|p| p.sector.as_deref())),
        )
    };
    let (actor_names, actor_countries, actor_sectors) = side(&e.actor);
    let (recipient_names, recipient_countries, recipient_sectors) = side(&e.recipient);
    let mut claimants: Vec<&str> = Vec::new();
    for c in e.claims.iter().filter_map(|c| c.claimed_by.as_ref()) {
        if !claimants.contains(&c.name.as_str()) {
            claimants.push(&c.name);
        }
    }
    Flat {
        day: digits(10),
        month_year: digits(7),
        year: digits(4),
        actor_names,
        actor_countries,
        actor_sectors,
        recipient_names,
        recipient_countries,
        recipient_sectors,
        contexts: joined(e.contexts.iter().map(|c| Some(c.as_str()))),
        claimed_by: joined(claimants.into_iter().map(Some)),
    }
}

/// Events as CSV, one a row under [`CSV_COLUMNS`].
pub fn write_csv<W: Write>(conn: &Connection, range: &DateRange, out: W) -> ExportResult<Exported> {
    let _read = snapshot(conn)?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    let events = for_each_event(conn, range, |e| {
        let f = flat(&e);
        let first = e.claims.first();
        let s = |v: Option<&str>| v.unwrap_or("").to_string();
        w.write_record([
            e.event.to_string(),
            s(f.day.as_deref()),
            s(f.month_year.as_deref()),
            s(f.year.as_deref()),
            e.date_precision.clone(),
            s(f.actor_names.as_deref()),
            s(f.actor_countries.as_deref()),
            s(f.actor_sectors.as_deref()),
            s(f.recipient_names.as_deref()),
            s(f.recipient_countries.as_deref()),
            s(f.recipient_sectors.as_deref()),
            e.kind.clone(),
            s(e.mode.as_deref()),
            s(f.contexts.as_deref()),
            quad_code(&e.kind)
                .map(|q| q.to_string())
                .unwrap_or_default(),
            e.score.to_string(),
            e.sources.to_string(),
            e.claims.len().to_string(),
            s(e.location.as_ref().map(|l| l.name.as_str())),
            s(e.location.as_ref().and_then(|l| l.country.as_deref())),
            s(e.aux.as_deref()),
            s(f.claimed_by.as_deref()),
            s(first.map(|c| c.doc.as_str())),
            s(first.and_then(|c| c.outlet.as_deref())),
        ])?;
        Ok(())
    })?;
    w.flush()?;
    Ok(Exported {
        events,
        ..Default::default()
    })
}

/// The physical and logical type of a Parquet column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Int64,
    Int32,
    /// Days since 1970-01-01.
    Date,
    Double,
    Text,
}

/// The Parquet columns: name, type, and whether a value may be null.
pub const PARQUET_COLUMNS: &[(&str, ColumnType, bool)] = &[
    ("event_id", ColumnType::Int64, false),
    ("event_type", ColumnType::Text, false),
    ("mode", ColumnType::Text, true),
    ("contexts", ColumnType::Text, true),
    ("quad_code", ColumnType::Int32, true),
    ("event_date", ColumnType::Text, true),
    ("event_day", ColumnType::Date, true),
    ("date_precision", ColumnType::Text, false),
    ("actor_names", ColumnType::Text, true),
    ("actor_countries", ColumnType::Text, true),
    ("actor_sectors", ColumnType::Text, true),
    ("recipient_names", ColumnType::Text, true),
    ("recipient_countries", ColumnType::Text, true),
    ("recipient_sectors", ColumnType::Text, true),
    ("score", ColumnType::Double, false),
    ("num_sources", ColumnType::Int64, false),
    ("num_claims", ColumnType::Int64, false),
    ("location", ColumnType::Text, true),
    ("location_country", ColumnType::Text, true),
    ("aux", ColumnType::Text, true),
    ("claimed_by", ColumnType::Text, true),
    ("source_doc_id", ColumnType::Text, true),
    ("source_outlet", ColumnType::Text, true),
];

/// The Parquet message type of [`PARQUET_COLUMNS`].
pub fn parquet_schema() -> String {
    let mut s = String::from("message dyad_event {\n");
    for &(name, t, nullable) in PARQUET_COLUMNS {
        let rep = if nullable { "OPTIONAL" } else { "REQUIRED" };
        let t = match t {
            ColumnType::Int64 => format!("INT64 {name}"),
            ColumnType::Int32 => format!("INT32 {name}"),
            ColumnType::Date => format!("INT32 {name} (DATE)"),
            ColumnType::Double => format!("DOUBLE {name}"),
            ColumnType::Text => format!("BYTE_ARRAY {name} (STRING)"),
        };
        s += &format!("  {rep} {t};\n");
    }
    s + "}\n"
}

/// One value of a row, in the order of [`PARQUET_COLUMNS`].
enum Cell {
    Int(i64),
    Double(f64),
    Text(String),
    Null,
}

fn text(v: Option<&str>) -> Cell {
    v.map_or(Cell::Null, |s| Cell::Text(s.to_string()))
}

fn parquet_row(e: &EventView) -> Vec<Cell> {
    let f = flat(e);
    let first = e.claims.first();
    let day = e
        .date
        .as_deref()
        .filter(|_| e.date_precision == "day")
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date")).num_days());
    let opt = |v: Option<String>| v.map_or(Cell::Null, Cell::Text);
    vec![
        Cell::Int(e.event),
        Cell::Text(e.kind.clone()),
        text(e.mode.as_deref()),
        opt(f.contexts),
        quad_code(&e.kind).map_or(Cell::Null, |q| Cell::Int(q.into())),
        text(e.date.as_deref()),
        day.map_or(Cell::Null, Cell::Int),
        Cell::Text(e.date_precision.clone()),
        opt(f.actor_names),
        opt(f.actor_countries),
        opt(f.actor_sectors),
        opt(f.recipient_names),
        opt(f.recipient_countries),
        opt(f.recipient_sectors),
        Cell::Double(e.score),
        Cell::Int(e.sources),
        Cell::Int(e.claims.len() as i64),
        text(e.location.as_ref().map(|l| l.name.as_str())),
        text(e.location.as_ref().and_then(|l| l.country.as_deref())),
        text(e.aux.as_deref()),
        opt(f.claimed_by),
        text(first.map(|c| c.doc.as_str())),
        text(first.and_then(|c| c.outlet.as_deref())),
    ]
}

/// A column of a row group being filled: its non-null values, and a definition level per
/// row when it may be null.
enum Values {
    Int64(Vec<i64>),
    Int32(Vec<i32>),
    Double(Vec<f64>),
    Bytes(Vec<ByteArray>),
}

struct Column {
    name: &'static str,
    values: Values,
    defs: Option<Vec<i16>>,
}

struct RowGroup {
    columns: Vec<Column>,
    rows: usize,
}

impl RowGroup {
    fn new() -> RowGroup {
        let columns = PARQUET_COLUMNS
            .iter()
            .map(|&(name, t, nullable)| Column {
                name,
                values: match t {
                    ColumnType::Int64 => Values::Int64(Vec::new()),
                    ColumnType::Int32 | ColumnType::Date => Values::Int32(Vec::new()),
                    ColumnType::Double => Values::Double(Vec::new()),
                    ColumnType::Text => Values::Bytes(Vec::new()),
                },
                defs: nullable.then(Vec::new),
            })
            .collect();
        RowGroup { columns, rows: 0 }
    }

    fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        for (col, cell) in self.columns.iter_mut().zip(row) {
            let present = !matches!(cell, Cell::Null);
            match col.defs.as_mut() {
                Some(d) => d.push(present as i16),
                None => assert!(present, "parquet column {} is required", col.name),
            }
            match (&mut col.values, cell) {
                (_, Cell::Null) => {}
                (Values::Int64(v), Cell::Int(x)) => v.push(x),
                (Values::Int32(v), Cell::Int(x)) => v.push(x as i32),
                (Values::Double(v), Cell::Double(x)) => v.push(x),
                (Values::Bytes(v), Cell::Text(s)) => v.push(ByteArray::from(s.into_bytes())),
                _ => panic!("parquet column {}: a value of another type", col.name),
            }
        }
        self.rows += 1;
    }

    fn write<W: Write + Send>(&mut self, w: &mut SerializedFileWriter<W>) -> ExportResult<()> {
        let mut rg = w.next_row_group()?;
        for col in &mut self.columns {
            let mut cw = rg
                .next_column()?
                .expect("the schema has a column per PARQUET_COLUMNS entry");
            let defs = col.defs.as_deref();
            match &col.values {
                Values::Int64(v) => cw.typed::<Int64Type>().write_batch(v, defs, None)?,
                Values::Int32(v) => cw.typed::<Int32Type>().write_batch(v, defs, None)?,
                Values::Double(v) => cw.typed::<DoubleType>().write_batch(v, defs, None)?,
                Values::Bytes(v) => cw.typed::<ByteArrayType>().write_batch(v, defs, None)?,
            };
            cw.close()?;
        }
        rg.close()?;
        *self = RowGroup::new();
        Ok(())
    }
}

/// Events as a Parquet file of [`PARQUET_COLUMNS`], a row group per [`ROW_GROUP`] events.
pub fn write_parquet<W: Write + Send>(
    conn: &Connection,
    range: &DateRange,
    out: W,
) -> ExportResult<Exported> {
    let _read = snapshot(conn)?;
    let schema = Arc::new(parquet::schema::parser::parse_message_type(
        &parquet_schema(),
    )?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(concat!("dyad ", env!("CARGO_PKG_VERSION")).to_string())
            .build(),
    );
    let mut w = SerializedFileWriter::new(out, schema, props)?;
    let mut group = RowGroup::new();
    let events = for_each_event(conn, range, |e| {
        group.push(parquet_row(&e));
        if group.rows >= ROW_GROUP {
            group.write(&mut w)?;
        }
        Ok(())
    })?;
    if group.rows > 0 {
        group.write(&mut w)?;
    }
    w.close()?;
    Ok(Exported {
        events,
        ..Default::default()
    })
}

/// The whole relations graph of the events in the range: a directed edge from each actor
/// of an event to each of its recipients (by actor key), none left out, unlike the
/// [`crate::query::graph`] of the UI, which keeps the heaviest edges. Edges by events, most
/// first; nodes likewise. A node's `events` counts the events it is a party to in the graph.
pub fn relations(conn: &Connection, range: &DateRange) -> ExportResult<Graph> {
    let _read = snapshot(conn)?;
    let mut params: Vec<Value> = Vec::new();
    let dates = range.sql(&mut params);
    let mut st = conn.prepare(&format!(
        "SELECT a.event, a.key, b.key, e.score
         FROM parties a JOIN parties b ON b.event = a.event AND b.role = 'recipient'
              JOIN events e ON e.n = a.event
         WHERE a.role = 'actor' AND a.key <> b.key {dates}
         ORDER BY a.event"
    ))?;
    let mut edges: HashMap<(String, String), GraphEdge> = HashMap::new();
    let mut node_events: HashMap<String, i64> = HashMap::new();
    // an event counts once per edge and per node, however many of its parties share a key
    let mut current = None;
    let mut pairs_seen: HashSet<(String, String)> = HashSet::new();
    let mut keys_seen: HashSet<String> = HashSet::new();
    let mut rows = st.query(params_from_iter(&params))?;
    while let Some(r) = rows.next()? {
        let event: i64 = r.get(0)?;
        if current != Some(event) {
            current = Some(event);
            pairs_seen.clear();
            keys_seen.clear();
        }
        let (a, b): (String, String) = (r.get(1)?, r.get(2)?);
        if !pairs_seen.insert((a.clone(), b.clone())) {
            continue;
        }
        let score: f64 = r.get(3)?;
        let edge = edges
            .entry((a.clone(), b.clone()))
            .or_insert_with(|| GraphEdge {
                source: a.clone(),
                target: b.clone(),
                events: 0,
                cooperation: 0.0,
                conflict: 0.0,
                balance: 0.0,
            });
        edge.events += 1;
        if score > 0.0 {
            edge.cooperation += score;
        } else {
            edge.conflict += score;
        }
        edge.balance += score;
        for k in [a, b] {
            if keys_seen.insert(k.clone()) {
                *node_events.entry(k).or_default() += 1;
            }
        }
    }
    let mut edges: Vec<GraphEdge> = edges.into_values().collect();
    edges.sort_by(|x, y| {
        y.events
            .cmp(&x.events)
            .then_with(|| (&x.source, &x.target).cmp(&(&y.source, &y.target)))
    });
    // who a key is: as the UI's graph tells it
    let mut info = conn.prepare_cached(
        "SELECT name, country, (SELECT kind FROM entities WHERE key = ?1 LIMIT 1)
         FROM parties WHERE key = ?1 LIMIT 1",
    )?;
    let mut nodes = Vec::with_capacity(node_events.len());
    for (key, events) in node_events {
        let (name, country, kind) = info
            .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .unwrap_or_else(|| (key.clone(), None, None));
        nodes.push(GraphNode {
            key,
            name,
            kind,
            country,
            events,
        });
    }
    nodes.sort_by(|x, y| y.events.cmp(&x.events).then_with(|| x.key.cmp(&y.key)));
    Ok(Graph { nodes, edges })
}

/// Text for XML content or an attribute value: escaped, and without the control characters
/// XML 1.0 forbids even escaped (a stray one would make the file unreadable).
fn xml(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'')
            || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if !s.contains(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // tab, newline and return as references, so attribute values keep them
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if bad(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Node ids: `n0`, `n1`… (actor keys may hold spaces, which GraphML ids may not).
fn node_ids(g: &Graph) -> HashMap<&str, String> {
    g.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.key.as_str(), format!("n{i}")))
        .collect()
}

/// An edge's colour by mean score: grey at 0, towards green for cooperation (+10) and red
/// for conflict (−10).
pub fn balance_colour(e: &GraphEdge) -> (u8, u8, u8) {
    let mean = if e.events > 0 {
        e.balance / e.events as f64
    } else {
        0.0
    };
    let t = (mean / 10.0).clamp(-1.0, 1.0);
    let grey = [150.0, 150.0, 150.0];
    let to = if t >= 0.0 {
        [30.0, 150.0, 60.0]
    } else {
        [200.0, 30.0, 30.0]
    };
    let mix = |i: usize| (grey[i] + (to[i] - grey[i]) * t.abs()).round() as u8;
    (mix(0), mix(1), mix(2))
}

fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "1970-01-01".into())
}

fn range_words(range: &DateRange) -> String {
    match (&range.from, &range.to) {
        (None, None) => "all events".into(),
        (f, t) => format!(
            "events from {} to {}",
            f.as_deref().unwrap_or("the first"),
            t.as_deref().unwrap_or("the last")
        ),
    }
}

/// The relations graph as GEXF 1.3.
pub fn write_gexf<W: Write>(
    conn: &Connection,
    range: &DateRange,
    out: W,
) -> ExportResult<Exported> {
    let g = relations(conn, range)?;
    let ids = node_ids(&g);
    let mut w = std::io::BufWriter::new(out);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(w, r#"  <meta lastmodifieddate="{}">"#, today())?;
    writeln!(
        w,
        "    <creator>dyad {}</creator>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        w,
        "    <description>Relations graph of {}: actor to recipient, weight = events</description>",
        range_words(range)
    )?;
    writeln!(w, "  </meta>")?;
    writeln!(w, r#"  <graph mode="static" defaultedgetype="directed">"#)?;
    writeln!(w, r#"    <attributes class="node">"#)?;
    for (id, t) in [
        ("key", "string"),
        ("kind", "string"),
        ("country", "string"),
        ("events", "long"),
    ] {
        writeln!(w, r#"      <attribute id="{id}" title="{id}" type="{t}"/>"#)?;
    }
    writeln!(w, "    </attributes>")?;
    writeln!(w, r#"    <attributes class="edge">"#)?;
    for (id, t) in [
        ("events", "long"),
        ("cooperation", "double"),
        ("conflict", "double"),
        ("balance", "double"),
    ] {
        writeln!(w, r#"      <attribute id="{id}" title="{id}" type="{t}"/>"#)?;
    }
    writeln!(w, "    </attributes>")?;
    writeln!(w, r#"    <nodes count="{}">"#, g.nodes.len())?;
    for n in &g.nodes {
        writeln!(
            w,
            r#"      <node id="{}" label="{}">"#,
            ids[n.key.as_str()],
            xml(&n.name)
        )?;
        writeln!(w, "        <attvalues>")?;
        let values = [
            ("key", Some(n.key.clone())),
            ("kind", n.kind.clone()),
            ("country", n.country.clone()),
            ("events", Some(n.events.to_string())),
        ];
        for (k, v) in values {
            if let Some(v) = v {
                writeln!(w, r#"          <attvalue for="{k}" value="{}"/>"#, xml(&v))?;
            }
        }
        writeln!(w, "        </attvalues>")?;
        writeln!(w, "      </node>")?;
    }
    writeln!(w, "    </nodes>")?;
    writeln!(w, r#"    <edges count="{}">"#, g.edges.len())?;
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(
            w,
            r#"      <edge id="e{i}" source="{}" target="{}" weight="{}">"#,
            ids[e.source.as_str()],
            ids[e.target.as_str()],
            e.events
        )?;
        writeln!(w, "        <attvalues>")?;
        writeln!(
            w,
            r#"          <attvalue for="events" value="{}"/>"#,
            e.events
        )?;
        for (k, v) in [
            ("cooperation", e.cooperation),
            ("conflict", e.conflict),
            ("balance", e.balance),
        ] {
            writeln!(w, r#"          <attvalue for="{k}" value="{v}"/>"#)?;
        }
        writeln!(w, "        </attvalues>")?;
        let (r, gr, b) = balance_colour(e);
        writeln!(w, r#"        <viz:color r="{r}" g="{gr}" b="{b}"/>"#)?;
        writeln!(w, "      </edge>")?;
    }
    writeln!(w, "    </edges>")?;
    writeln!(w, "  </graph>")?;
    writeln!(w, "</gexf>")?;
    w.flush()?;
    Ok(Exported {
        events: 0,
        nodes: g.nodes.len() as u64,
        edges: g.edges.len() as u64,
    })
}

/// The relations graph as GraphML.
pub fn write_graphml<W: Write>(
    conn: &Connection,
    range: &DateRange,
    out: W,
) -> ExportResult<Exported> {
    let g = relations(conn, range)?;
    let ids = node_ids(&g);
    let mut w = std::io::BufWriter::new(out);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        w,
        "  <desc>dyad {}: relations graph of {}, actor to recipient, weight = events</desc>",
        env!("CARGO_PKG_VERSION"),
        range_words(range)
    )?;
    // key ids are unique across nodes and edges; attr.name is what tools show
    for (id, domain, name, t) in [
        ("label", "node", "label", "string"),
        ("key", "node", "key", "string"),
        ("kind", "node", "kind", "string"),
        ("country", "node", "country", "string"),
        ("node_events", "node", "events", "long"),
        ("weight", "edge", "weight", "long"),
        ("cooperation", "edge", "cooperation", "double"),
        ("conflict", "edge", "conflict", "double"),
        ("balance", "edge", "balance", "double"),
    ] {
        writeln!(
            w,
            r#"  <key id="{id}" for="{domain}" attr.name="{name}" attr.type="{t}"/>"#
        )?;
    }
    writeln!(w, r#"  <graph id="relations" edgedefault="directed">"#)?;
    for n in &g.nodes {
        writeln!(w, r#"    <node id="{}">"#, ids[n.key.as_str()])?;
        let values = [
            ("label", Some(n.name.clone())),
            ("key", Some(n.key.clone())),
            ("kind", n.kind.clone()),
            ("country", n.country.clone()),
            ("node_events", Some(n.events.to_string())),
        ];
        for (k, v) in values {
            if let Some(v) = v {
                writeln!(w, r#"      <data key="{k}">{}</data>"#, xml(&v))?;
            }
        }
        writeln!(w, "    </node>")?;
    }
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            ids[e.source.as_str()],
            ids[e.target.as_str()]
        )?;
        writeln!(w, r#"      <data key="weight">{}</data>"#, e.events)?;
        for (k, v) in [
            ("cooperation", e.cooperation),
            ("conflict", e.conflict),
            ("balance", e.balance),
        ] {
            writeln!(w, r#"      <data key="{k}">{v}</data>"#)?;
        }
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    w.flush()?;
    Ok(Exported {
        events: 0,
        nodes: g.nodes.len() as u64,
        edges: g.edges.len() as u64,
    })
}
