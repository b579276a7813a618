//! Questions to the store, shared by the CLI and the HTTP API: who an actor is, the timeline
//! of a dyad, events by filter, full-text search, a document, the relations graph. Every
//! value from outside goes to SQL as a parameter, and is checked first ([`check_date`],
//! [`Paging`], [`PLOVER_TYPES`]): a bad one is [`QueryError::Bad`], an unknown actor or
//! document [`QueryError::NotFound`].

use crate::names::{self, FormKind};
use crate::search::{query_words, Searcher};
use crate::StoreError;
use dyad_lang::Lemmatize;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The question is malformed (HTTP 400).
    #[error("{0}")]
    Bad(String),
    /// What it asks about is not in the store (HTTP 404).
    #[error("{0}")]
    NotFound(String),
    /// A name several actors go by (HTTP 300): which of them is meant.
    #[error("{message}")]
    Ambiguous {
        message: String,
        candidates: Vec<Candidate>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for QueryError {
    fn from(e: rusqlite::Error) -> Self {
        QueryError::Store(e.into())
    }
}

pub type QResult<T> = std::result::Result<T, QueryError>;

pub use dyad_record::PLOVER_TYPES;

/// The most rows one page may ask for.
pub const MAX_PER_PAGE: usize = 500;
/// Results a page when the question does not say: the same for every list, in the CLI and
/// the API.
pub const DEFAULT_PER_PAGE: usize = 50;

/// A page of a list: 1-based page number and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Paging {
    pub page: usize,
    pub per_page: usize,
}

impl Paging {
    /// Page `page` (from 1; the first by default) of `per_page` results
    /// ([`DEFAULT_PER_PAGE`] by default).
    pub fn new(page: Option<usize>, per_page: Option<usize>) -> QResult<Paging> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 || page > 1_000_000 {
            return Err(QueryError::Bad(format!(
                "page {page}: pages are numbered from 1 to 1000000"
            )));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(QueryError::Bad(format!(
                "per_page {per_page}: between 1 and {MAX_PER_PAGE}"
            )));
        }
        Ok(Paging { page, per_page })
    }

    fn offset(&self) -> usize {
        (self.page - 1) * self.per_page
    }
}

/// Checks a date bound: YYYY, YYYY-MM or YYYY-MM-DD, a real date.
pub fn check_date(s: &str) -> QResult<String> {
    let ok = match s.len() {
        4 => s.parse::<u32>().is_ok(),
        7 => chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok(),
        10 => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    if ok && s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        Ok(s.to_string())
    } else {
        Err(QueryError::Bad(format!(
            "bad date {s:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"
        )))
    }
}

/// A date range; an event's date (as precise as known) is in it when it could be.
#[derive(Debug, Clone, Default)]
pub struct DateRange {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl DateRange {
    pub fn new(from: Option<&str>, to: Option<&str>) -> QResult<DateRange> {
        let r = DateRange {
            from: from.filter(|s| !s.is_empty()).map(check_date).transpose()?,
            to: to.filter(|s| !s.is_empty()).map(check_date).transpose()?,
        };
        if let (Some(a), Some(b)) = (&r.from, &r.to) {
            if a > b {
                return Err(QueryError::Bad(format!("from {a} is after to {b}")));
            }
        }
        Ok(r)
    }

    /// SQL over `e.date` and its parameters. "2025-12" is within from "2025-12-04" (it may
    /// be that day); an event with no date is in no bounded range.
    /// SQL over `e.date` and its parameters, in a form an index on the date can serve: a
    /// date as precise as known is in the range when it could be ("2025-12" is within from
    /// "2025-12-04"; "2025" within from "2025-03").
    pub(crate) fn sql(&self, params: &mut Vec<Value>) -> String {
        let mut s = String::new();
        if self.from.is_some() || self.to.is_some() {
            // undated ('' in the read-path tables, NULL in events) is in no bounded range
            s += " AND e.date <> ''";
        }
        if let Some(f) = &self.from {
            params.push(Value::Text(f.clone()));
            let mut terms = vec![format!("e.date >= ?{}", params.len())];
            // the coarser dates that hold `from`: its year, its month
            for cut in [4, 7] {
                if f.len() > cut {
                    params.push(Value::Text(f[..cut].to_string()));
                    terms.push(format!("e.date = ?{}", params.len()));
                }
            }
            s += &format!(" AND ({})", terms.join(" OR "));
        }
        if let Some(t) = &self.to {
            // "~" sorts after "-" and the digits: every date under the prefix `to` is below
            params.push(Value::Text(format!("{t}~")));
            s += &format!(" AND e.date <= ?{}", params.len());
        }
        s
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub documents: i64,
    pub events: i64,
    pub entities: i64,
    pub claims: i64,
}

pub fn stats(conn: &Connection) -> QResult<Stats> {
    let count = |t: &str| -> QResult<i64> {
        Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?)
    };
    Ok(Stats {
        documents: count("documents")?,
        events: count("events")?,
        entities: count("entities")?,
        claims: count("claims")?,
    })
}

/// A party to an event.
#[derive(Debug, Clone, Serialize)]
pub struct Party {
    pub key: String,
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimedBy {
    pub name: String,
    pub country: Option<String>,
}

/// One telling of an event.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub doc: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub claimed_by: Option<ClaimedBy>,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub name: String,
    pub country: Option<String>,
}

/// An event with its parties and every claim of it.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub event: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    pub date: Option<String>,
    pub date_precision: String,
    pub actor: Vec<Party>,
    pub recipient: Vec<Party>,
    pub location: Option<Location>,
    pub aux: Option<String>,
    pub score: f64,
    pub sources: i64,
    /// Its tellings, earliest published first: in a list, the first [`CLAIMS_SHOWN`] stored.
    pub claims: Vec<Claim>,
    /// How many tellings it has in all.
    pub claims_total: i64,
}

/// The tellings of an event a list shows: a story told by hundreds of documents would
/// otherwise make a page of 20 events half a megabyte. Exports give them all.
pub const CLAIMS_SHOWN: usize = 10;

/// The events of these ids, in that order, with their first `max_claims` tellings (all
/// when `None`).
pub fn events_by_id(
    conn: &Connection,
    ids: &[i64],
    max_claims: Option<usize>,
) -> QResult<Vec<EventView>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; ids.len()].join(",");
    let mut by_id: HashMap<i64, EventView> = HashMap::new();
    {
        let mut st = conn.prepare(&format!(
            "SELECT n, type, mode, contexts, date, date_precision, location, location_country,
                    aux, score, sources FROM events WHERE n IN ({marks})"
        ))?;
        let rows = st.query_map(params_from_iter(ids), |r| {
            let contexts: String = r.get(3)?;
            let location: Option<String> = r.get(6)?;
            Ok(EventView {
                event: r.get(0)?,
                kind: r.get(1)?,
                mode: r.get(2)?,
                contexts: serde_json::from_str(&contexts).unwrap_or_default(),
                date: r.get(4)?,
                date_precision: r.get(5)?,
                location: location.map(|name| Location {
                    name,
                    country: r.get(7).ok().flatten(),
                }),
                aux: r.get(8)?,
                score: r.get(9)?,
                sources: r.get(10)?,
                actor: Vec::new(),
                recipient: Vec::new(),
                claims: Vec::new(),
                claims_total: 0,
            })
        })?;
        for e in rows {
            let e = e?;
            by_id.insert(e.event, e);
        }
    }
    {
        let mut st = conn.prepare(&format!(
            "SELECT event, role, key, name, country, sector FROM parties
             WHERE event IN ({marks}) ORDER BY rowid"
        ))?;
        let mut rows = st.query(params_from_iter(ids))?;
        while let Some(r) = rows.next()? {
            let event: i64 = r.get(0)?;
            let role: String = r.get(1)?;
            let p = Party {
                key: r.get(2)?,
                name: r.get(3)?,
                country: r.get(4)?,
                sector: r.get(5)?,
            };
            if let Some(e) = by_id.get_mut(&event) {
                if role == "actor" {
                    e.actor.push(p)
                } else {
                    e.recipient.push(p)
                }
            }
        }
    }
    if max_claims != Some(0) {
        let mut st = conn.prepare(&format!(
            // the first tellings stored are ranked from the index alone (event, doc, n);
            // only those shown are read, with their documents
            "WITH ranked AS (
                 SELECT n, event,
                        ROW_NUMBER() OVER (PARTITION BY event ORDER BY doc, n) AS k,
                        COUNT(*) OVER (PARTITION BY event) AS total
                 FROM claims WHERE event IN ({marks}))
             SELECT r.event, d.id, d.title, d.outlet, d.published, c.claimed_by,
                    c.claimed_by_country, c.evidence, r.total
             FROM ranked r JOIN claims c ON c.n = r.n JOIN documents d ON d.n = c.doc
             WHERE r.k <= ?{}
             ORDER BY r.event, d.published, c.n",
            ids.len() + 1
        ))?;
        let limit = max_claims.map_or(i64::MAX, |m| m as i64);
        let params = ids.iter().copied().chain(std::iter::once(limit));
        let mut rows = st.query(params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            let event: i64 = r.get(0)?;
            let total: i64 = r.get(8)?;
            let claimed: Option<String> = r.get(5)?;
            let c = Claim {
                doc: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                published: r.get(4)?,
                claimed_by: claimed.map(|name| ClaimedBy {
                    name,
                    country: r.get(6).ok().flatten(),
                }),
                evidence: r.get(7)?,
            };
            if let Some(e) = by_id.get_mut(&event) {
                e.claims.push(c);
                e.claims_total = total;
            }
        }
    }
    Ok(ids.iter().filter_map(|i| by_id.remove(i)).collect())
}

/// Who an actor is.
#[derive(Debug, Clone, Serialize)]
pub struct ActorInfo {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub wikidata: Option<String>,
    pub offices: Vec<OfficeView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfficeView {
    pub office: String,
    pub of: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The other side of an actor's events.
#[derive(Debug, Clone, Serialize)]
pub struct Counterpart {
    pub key: String,
    pub name: String,
    pub events: i64,
    pub balance: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorPage {
    pub actor: ActorInfo,
    pub mentions: i64,
    pub counterparts: Vec<Counterpart>,
    pub recent_events: Vec<EventView>,
}

fn is_state(key: &str) -> bool {
    dyad_actors::dictionary().state(key).is_some()
}

// The statements a look-up of an actor runs: each reads an index, never a whole table, so
// that an unknown name costs what a known one does at any store size (a test checks the
// plans).
const KEY_NAMED: &str = "SELECT 1 FROM actor_totals WHERE key = ?1";
const KEY_IN_EVENTS: &str = "SELECT 1 FROM actor_events WHERE key = ?1 LIMIT 1";
const ACTORS_BY_FORM: &str = "SELECT n.key, n.kind, t.mentions FROM actor_names n
     JOIN actor_totals t ON t.key = n.key
     WHERE n.form = ?1 AND t.mentions > 0";
// a one-letter prefix matches thousands of forms: the first few thousand decide
const ACTORS_BY_PREFIX: &str = "SELECT n.key, t.mentions FROM
         (SELECT DISTINCT key FROM actor_names WHERE form >= ?1 AND form < ?2 LIMIT 5000) n
     JOIN actor_totals t ON t.key = n.key WHERE t.mentions > 0";
const ENTITY_OF_KEY: &str =
    "SELECT name, kind, country, wikidata FROM entities WHERE key = ?1 LIMIT 1";

/// An actor a name may stand for, as a look-up lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub mentions: i64,
}

/// The actor key a query names: a key as stored ("AZE", "aliyev_ilham"), else any name the
/// store or the dictionary knows the actor by ([`crate::names`]) — full or surname alone, in
/// any case form when a lemmatizer is given ("Алиевым"), in Latin letters ("Aliyev"), or its
/// Wikidata item ("Q…"). A full name outranks a surname; a name shared by several actors
/// is [`QueryError::Ambiguous`] with the candidates, most mentioned first.
pub fn resolve_key(conn: &Connection, q: &str, lem: Option<&dyn Lemmatize>) -> QResult<String> {
    let q = q.trim();
    if q.is_empty() || q.len() > 200 {
        return Err(QueryError::Bad(
            "an actor is named by a code or a name of 1 to 200 bytes".into(),
        ));
    }
    let stored = |k: &str| -> QResult<bool> {
        Ok(conn
            .prepare_cached(KEY_NAMED)?
            .query_row([k], |_| Ok(()))
            .optional()?
            .is_some()
            || conn
                .prepare_cached(KEY_IN_EVENTS)?
                .query_row([k], |_| Ok(()))
                .optional()?
                .is_some())
    };
    // keys as stored: dictionary ids and state codes (any case)
    for k in [q.to_string(), q.to_uppercase()] {
        if stored(&k)? {
            return Ok(k);
        }
    }
    let mut found: Vec<(String, FormKind, i64)> = Vec::new();
    for (form, kinds) in names::query_forms(q, lem) {
        let mut st = conn.prepare_cached(ACTORS_BY_FORM).map_err(no_name_index)?;
        let rows = st.query_map([&form], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (key, kind, mentions) = row?;
            let Some(kind) = kinds.iter().copied().find(|k| k.as_str() == kind) else {
                continue;
            };
            match found.iter_mut().find(|(k, ..)| *k == key) {
                Some(f) => f.1 = f.1.min(kind),
                None => found.push((key, kind, mentions)),
            }
        }
    }
    if let Some(best) = found.iter().map(|f| f.1).min() {
        let top: Vec<&String> = found.iter().filter(|f| f.1 == best).map(|f| &f.0).collect();
        if let [one] = top[..] {
            return Ok(one.clone());
        }
        found.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
        let candidates = found
            .into_iter()
            .take(20)
            .map(|(key, _, mentions)| candidate(conn, key, mentions))
            .collect::<QResult<Vec<_>>>()?;
        return Err(QueryError::Ambiguous {
            message: format!(
                "{q:?} may be any of {} actors; name one by its key",
                candidates.len()
            ),
            candidates,
        });
    }
    // keys of actors no name of which was kept: a party named only in an event
    let folded = dyad_lang::fold(q);
    if stored(&folded)? {
        return Ok(folded);
    }
    Err(QueryError::NotFound(format!("no actor {q:?} in the store")))
}

/// A store written before names were indexed answers "no such table".
fn no_name_index(e: rusqlite::Error) -> QueryError {
    if e.to_string().contains("no such table") {
        QueryError::Bad(
            "this store predates the index of actor names: `dyad check --repair --db FILE` \
             (or any ingest) builds it"
                .into(),
        )
    } else {
        e.into()
    }
}

fn candidate(conn: &Connection, key: String, mentions: i64) -> QResult<Candidate> {
    let (name, kind, country, _) = identity(conn, &key)?;
    Ok(Candidate {
        key,
        name,
        kind,
        country,
        mentions,
    })
}

/// Actors whose names begin with `prefix` (any of the forms [`resolve_key`] reads), most
/// mentioned first: what a search box suggests as one types.
pub fn suggest(conn: &Connection, prefix: &str, limit: usize) -> QResult<Vec<Candidate>> {
    let prefix = prefix.trim();
    if prefix.is_empty() || prefix.len() > 200 {
        return Err(QueryError::Bad(
            "suggestions need the start of a name, 1 to 200 bytes".into(),
        ));
    }
    if limit == 0 || limit > 100 {
        return Err(QueryError::Bad(format!("limit {limit}: 1 to 100")));
    }
    let mut forms = vec![dyad_lang::fold(prefix)];
    if prefix.chars().any(|c| c.is_ascii_alphabetic()) {
        forms.push(names::latin_key(prefix));
    }
    let mut best: HashMap<String, i64> = HashMap::new();
    for form in forms.iter().filter(|f| !f.is_empty()) {
        // the forms from `form` up to the first string past every one that starts with it
        let mut end: Vec<char> = form.chars().collect();
        let last = end.pop().expect("not empty");
        end.push(char::from_u32(last as u32 + 1).unwrap_or(char::MAX));
        let end: String = end.into_iter().collect();
        let mut st = conn
            .prepare_cached(ACTORS_BY_PREFIX)
            .map_err(no_name_index)?;
        let rows = st.query_map([form.as_str(), end.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (key, mentions) = row?;
            best.insert(key, mentions);
        }
    }
    let mut ranked: Vec<(String, i64)> = best.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(limit)
        .map(|(key, mentions)| candidate(conn, key, mentions))
        .collect()
}

/// Who a key is: (name, kind, state, Wikidata item), from the dictionary where it knows the
/// key, else from a stored entity of it.
fn identity(
    conn: &Connection,
    key: &str,
) -> QResult<(String, String, Option<String>, Option<String>)> {
    let d = dyad_actors::dictionary();
    let known: Option<(String, &str, Option<String>, Option<String>)> = d
        .state(key)
        .map(|s| {
            (
                s.names[0].clone(),
                "GPE",
                Some(s.code.clone()),
                s.wikidata.clone(),
            )
        })
        .or_else(|| {
            d.organization(key).map(|o| {
                let name = o
                    .names
                    .first()
                    .filter(|n| !n.is_empty())
                    .or(o.abbreviations.first())
                    .cloned()
                    .unwrap_or_else(|| o.id.clone());
                (name, "ORG", o.country.clone(), o.wikidata.clone())
            })
        })
        .or_else(|| {
            d.person(key)
                .map(|p| (p.name.clone(), "PER", p.country.clone(), p.wikidata.clone()))
        });
    Ok(match known {
        Some((n, k, c, w)) => (n, k.to_string(), c, w),
        None => conn
            .prepare_cached(ENTITY_OF_KEY)?
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?
            .unwrap_or_else(|| (key.to_string(), String::new(), None, None)),
    })
}

pub fn actor(
    conn: &Connection,
    q: &str,
    lem: Option<&dyn Lemmatize>,
    recent: usize,
) -> QResult<ActorPage> {
    let key = resolve_key(conn, q, lem)?;
    let d = dyad_actors::dictionary();
    let (name, kind, country, wikidata) = identity(conn, &key)?;
    let offices = d
        .person(&key)
        .map(|p| {
            p.office
                .iter()
                .map(|o| OfficeView {
                    office: o.title.clone(),
                    of: o.country.clone().or_else(|| o.org.clone()),
                    from: Some(o.from.clone()).filter(|s| !s.is_empty()),
                    to: Some(o.to.clone()).filter(|s| !s.is_empty()),
                })
                .collect()
        })
        .unwrap_or_default();
    let mentions: i64 = conn
        .query_row(
            "SELECT mentions FROM actor_totals WHERE key = ?1",
            [&key],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let mut st = conn.prepare_cached(
        "SELECT other, events, balance FROM (
             SELECT y AS other, events, cooperation + conflict AS balance
             FROM pair_totals WHERE x = ?1
             UNION ALL
             SELECT x, events, cooperation + conflict FROM pair_totals WHERE y = ?1)
         ORDER BY events DESC, other LIMIT 50",
    )?;
    let rows: Vec<(String, i64, f64)> = st
        .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let counterparts = rows
        .into_iter()
        .map(|(k, events, balance)| {
            Ok(Counterpart {
                name: display_name(conn, &k)?,
                key: k,
                events,
                balance,
            })
        })
        .collect::<QResult<Vec<_>>>()?;
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT event FROM actor_events WHERE key = ?1 ORDER BY date DESC, event DESC LIMIT ?2",
        )?
        .query_map(rusqlite::params![key, recent as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ActorPage {
        actor: ActorInfo {
            key,
            name,
            kind,
            country,
            wikidata,
            offices,
        },
        mentions,
        counterparts,
        recent_events: events_by_id(conn, &ids, Some(CLAIMS_SHOWN))?,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub key: String,
    pub name: String,
}

/// A month of a dyad: its events and the sums of their positive and negative scores.
#[derive(Debug, Clone, Serialize)]
pub struct Month {
    pub month: String,
    pub events: i64,
    pub cooperation: f64,
    pub conflict: f64,
    pub balance: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DyadPage {
    pub a: Named,
    pub b: Named,
    pub total: i64,
    pub page: usize,
    pub per_page: usize,
    pub events: Vec<EventView>,
    pub months: Vec<Month>,
}

fn display_name(conn: &Connection, key: &str) -> QResult<String> {
    if let Some(s) = dyad_actors::dictionary().state(key) {
        return Ok(s.names[0].clone());
    }
    let n: Option<String> = conn
        .query_row(
            "SELECT name FROM parties WHERE key = ?1 LIMIT 1",
            [key],
            |r| r.get(0),
        )
        .optional()?;
    Ok(n.unwrap_or_else(|| key.to_string()))
}

/// The events between two actors, either way round, in date order (undated last), with the
/// monthly cooperation/conflict balance over all of them.
pub fn dyad(
    conn: &Connection,
    a: &str,
    b: &str,
    lem: Option<&dyn Lemmatize>,
    range: &DateRange,
    paging: Paging,
) -> QResult<DyadPage> {
    let ka = resolve_key(conn, a, lem)?;
    let kb = resolve_key(conn, b, lem)?;
    if ka == kb {
        return Err(QueryError::Bad(format!(
            "a dyad needs two actors; {a:?} and {b:?} are both {ka}"
        )));
    }
    let (x, y) = if ka < kb { (&ka, &kb) } else { (&kb, &ka) };
    let mut params: Vec<Value> = vec![Value::Text(x.clone()), Value::Text(y.clone())];
    let dates = range.sql(&mut params).replace("e.date", "p.date");
    // the months, and the counts of dated and undated events, from the dyad's own rows
    let mut st = conn.prepare_cached(&format!(
        "SELECT substr(p.date, 1, 7), COUNT(*), SUM(MAX(p.score, 0)), SUM(MIN(p.score, 0))
         FROM pairs p WHERE p.x = ?1 AND p.y = ?2 {dates} GROUP BY 1 ORDER BY 1"
    ))?;
    let groups: Vec<(String, i64, f64, f64)> = st
        .query_map(params_from_iter(&params), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let undated: i64 = groups.iter().filter(|g| g.0.is_empty()).map(|g| g.1).sum();
    let total: i64 = groups.iter().map(|g| g.1).sum();
    let dated = total - undated;
    // "2025" alone (a year) counts in the total, not in a month
    let months: Vec<Month> = groups
        .into_iter()
        .filter(|g| g.0.len() == 7)
        .map(|(month, events, cooperation, conflict)| Month {
            month,
            events,
            cooperation,
            conflict,
            balance: cooperation + conflict,
        })
        .collect();
    // the page: dated events in date order (the index's order), then the undated
    let (offset, limit) = (paging.offset() as i64, paging.per_page as i64);
    let mut ids: Vec<i64> = Vec::new();
    if offset < dated {
        let n = params.len();
        let mut p = params.clone();
        p.push(Value::Integer(limit));
        p.push(Value::Integer(offset));
        ids = conn
            .prepare_cached(&format!(
                "SELECT p.event FROM pairs p WHERE p.x = ?1 AND p.y = ?2 AND p.date <> '' {dates}
                 ORDER BY p.date, p.event LIMIT ?{} OFFSET ?{}",
                n + 1,
                n + 2
            ))?
            .query_map(params_from_iter(&p), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    if (ids.len() as i64) < limit && undated > 0 && range.from.is_none() && range.to.is_none() {
        let skip = (offset - dated).max(0);
        let more: Vec<i64> = conn
            .prepare_cached(
                "SELECT p.event FROM pairs p WHERE p.x = ?1 AND p.y = ?2 AND p.date = ''
                 ORDER BY p.event LIMIT ?3 OFFSET ?4",
            )?
            .query_map(
                rusqlite::params![x, y, limit - ids.len() as i64, skip],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        ids.extend(more);
    }
    Ok(DyadPage {
        a: Named {
            name: display_name(conn, &ka)?,
            key: ka,
        },
        b: Named {
            name: display_name(conn, &kb)?,
            key: kb,
        },
        total,
        page: paging.page,
        per_page: paging.per_page,
        events: events_by_id(conn, &ids, Some(CLAIMS_SHOWN))?,
        months,
    })
}

/// Filters of an events list.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub kind: Option<String>,
    pub country: Option<String>,
    pub context: Option<String>,
    pub range: DateRange,
}

impl EventFilter {
    pub fn new(
        kind: Option<&str>,
        country: Option<&str>,
        context: Option<&str>,
        range: DateRange,
    ) -> QResult<EventFilter> {
        let kind = kind.filter(|s| !s.is_empty()).map(|t| t.to_uppercase());
        if let Some(t) = &kind {
            if !PLOVER_TYPES.contains(&t.as_str()) {
                return Err(QueryError::Bad(format!(
                    "unknown event type {t:?}: one of {}",
                    PLOVER_TYPES.join(", ")
                )));
            }
        }
        let country = country.filter(|s| !s.is_empty()).map(|c| c.to_uppercase());
        if let Some(c) = &country {
            if !is_state(c) {
                return Err(QueryError::Bad(format!(
                    "unknown country code {c:?}: an ISO 3166-1 alpha-3 code such as AZE"
                )));
            }
        }
        let context = context.filter(|s| !s.is_empty()).map(|c| c.to_lowercase());
        if let Some(c) = &context {
            if c.len() > 40 || !c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_') {
                return Err(QueryError::Bad(format!(
                    "bad context {c:?}: a PLOVER context such as military or economic"
                )));
            }
        }
        Ok(EventFilter {
            kind,
            country,
            context,
            range,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EventsPage {
    /// Matching events, counted up to [`COUNT_CAP`].
    pub total: i64,
    /// Whether `total` is the whole count (false: there are more than [`COUNT_CAP`]).
    pub total_exact: bool,
    pub page: usize,
    pub per_page: usize,
    pub events: Vec<EventView>,
}

/// Beyond this many, an events list says "more than" rather than count them all: the count
/// would cost more than the page.
pub const COUNT_CAP: i64 = 1_000;

/// Events by filter, newest first. With a country, read from that state's own date-ordered
/// list (`actor_events`), so a page costs about its size.
pub fn events(conn: &Connection, f: &EventFilter, paging: Paging) -> QResult<EventsPage> {
    let mut params: Vec<Value> = Vec::new();
    let from = match &f.country {
        Some(c) => {
            params.push(Value::Text(c.clone()));
            "actor_events a JOIN events e ON e.n = a.event WHERE a.key = ?1".to_string()
        }
        None => "events e WHERE 1".to_string(),
    };
    // the order follows the index read: the state's list, or the events' date index
    let order = if f.country.is_some() {
        "a.date DESC, a.event DESC"
    } else {
        "e.date DESC, e.n DESC"
    };
    let mut wh = String::new();
    if let Some(t) = &f.kind {
        params.push(Value::Text(t.clone()));
        // with a country, the state's list carries the type (its own index)
        let column = if f.country.is_some() {
            "a.type"
        } else {
            "e.type"
        };
        wh += &format!(" AND {column} = ?{}", params.len());
    }
    if let Some(c) = &f.context {
        params.push(Value::Text(format!("%\"{c}\"%")));
        wh += &format!(" AND e.contexts LIKE ?{}", params.len());
    }
    let dates = f.range.sql(&mut params);
    wh += &if f.country.is_some() {
        dates.replace("e.date", "a.date")
    } else {
        dates
    };
    let total: i64 = conn.query_row(
        &format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM {from} {wh} LIMIT {})",
            COUNT_CAP + 1
        ),
        params_from_iter(&params),
        |r| r.get(0),
    )?;
    let total_exact = total <= COUNT_CAP;
    let total = total.min(COUNT_CAP);
    params.push(Value::Integer(paging.per_page as i64));
    params.push(Value::Integer(paging.offset() as i64));
    let n = params.len();
    let ids: Vec<i64> = conn
        .prepare_cached(&format!(
            "SELECT e.n FROM {from} {wh} ORDER BY {order} LIMIT ?{} OFFSET ?{n}",
            n - 1
        ))?
        .query_map(params_from_iter(&params), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(EventsPage {
        total,
        total_exact,
        page: paging.page,
        per_page: paging.per_page,
        events: events_by_id(conn, &ids, Some(CLAIMS_SHOWN))?,
    })
}

/// id, title, published, outlet, text
type HitRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);
/// event, local id, claimed by, their country, start, end, more evidence (JSON)
type ClaimRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    i64,
    i64,
    String,
);

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub doc: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub snippet: String,
    pub score: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    pub query: String,
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub results: Vec<SearchHit>,
}

/// Full-text search: documents holding every word of `q` in any of its forms.
pub fn search(
    conn: &Connection,
    searcher: &Searcher,
    lemmatizer: &dyn dyad_lang::Lemmatize,
    q: &str,
    paging: Paging,
) -> QResult<SearchPage> {
    if q.len() > 500 {
        return Err(QueryError::Bad("a query is at most 500 bytes".into()));
    }
    let words = query_words(lemmatizer, q);
    if words.is_empty() {
        return Err(QueryError::Bad(format!(
            "query {q:?} has no word to search for"
        )));
    }
    if words.len() > 20 {
        return Err(QueryError::Bad("a query has at most 20 words".into()));
    }
    let (total, hits) = searcher.search(&words, paging.offset(), paging.per_page)?;
    let mut results = Vec::with_capacity(hits.len());
    let mut st = conn
        .prepare_cached("SELECT id, title, published, outlet, text FROM documents WHERE n = ?1")?;
    for (n, score) in hits {
        let row: Option<HitRow> = st
            .query_row([n], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        if let Some((doc, title, published, outlet, text)) = row {
            results.push(SearchHit {
                doc,
                title,
                published,
                outlet,
                snippet: snippet(lemmatizer, &text, &words),
                score,
            });
        }
    }
    Ok(SearchPage {
        query: q.to_string(),
        total,
        page: paging.page,
        per_page: paging.per_page,
        results,
    })
}

/// The first sentence (or line) of `text` with a word of the query, cut to 300 characters.
fn snippet(lemmatizer: &dyn dyad_lang::Lemmatize, text: &str, words: &[Vec<String>]) -> String {
    let wanted: std::collections::HashSet<&str> =
        words.iter().flatten().map(String::as_str).collect();
    let prefixes: Vec<String> = wanted.iter().map(|l| l.chars().take(4).collect()).collect();
    let sentences = text.split_inclusive(['.', '!', '?', '\n']);
    let mut first = None;
    for s in sentences {
        let s = s.trim();
        if s.is_empty() {
            continue;
        }
        first.get_or_insert(s);
        // most forms share their lemma's first letters: a sentence with none of them is
        // not worth the morphology
        let lower = dyad_lang::fold(s);
        if !prefixes.iter().any(|p| lower.contains(p.as_str())) {
            continue;
        }
        let lemmas = crate::search::stored_text(lemmatizer, None, s);
        if lemmas.split(' ').any(|l| wanted.contains(l)) {
            return s.chars().take(300).collect();
        }
    }
    first.unwrap_or("").chars().take(300).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub key: String,
    pub country: Option<String>,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocEvent {
    pub event: i64,
    pub local_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub actor: Vec<Party>,
    pub recipient: Vec<Party>,
    pub date: Option<String>,
    pub score: f64,
    pub aux: Option<String>,
    pub claimed_by: Option<ClaimedBy>,
    pub evidence: Span,
    pub more_evidence: Vec<Span>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentPage {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub via: Vec<String>,
    pub input: String,
    pub duplicate_of: Option<String>,
    /// The part of the text asked for ([`TextPart`]): characters `text_from` up to
    /// `text_from` + its length, of `text_chars`. Offsets everywhere are into the whole text.
    pub text: String,
    pub text_from: usize,
    pub text_chars: usize,
    /// The entities named in that part, with those mentions; the events told there.
    pub entities: Vec<DocEntity>,
    pub events: Vec<DocEvent>,
}

/// Which characters of a document's text a page carries: a page stays small (a 50 MB
/// text is read a part at a time), offsets stay those of the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextPart {
    pub from: usize,
    pub chars: usize,
}

impl TextPart {
    /// Characters a part holds when the question does not say (a long article whole).
    pub const DEFAULT_CHARS: usize = 100_000;
    /// The most characters one part may hold.
    pub const MAX_CHARS: usize = 1_000_000;

    pub fn new(from: Option<usize>, chars: Option<usize>) -> QResult<TextPart> {
        let from = from.unwrap_or(0);
        let chars = chars.unwrap_or(Self::DEFAULT_CHARS);
        if chars == 0 || chars > Self::MAX_CHARS {
            return Err(QueryError::Bad(format!(
                "chars {chars}: a part of the text is 1 to {} characters",
                Self::MAX_CHARS
            )));
        }
        if from > i64::MAX as usize / 2 {
            return Err(QueryError::Bad(format!("from {from}: past any text")));
        }
        Ok(TextPart { from, chars })
    }
}

impl Default for TextPart {
    fn default() -> Self {
        TextPart {
            from: 0,
            chars: Self::DEFAULT_CHARS,
        }
    }
}

fn check_document_id(id: &str) -> QResult<()> {
    if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(QueryError::Bad(format!(
            "bad document id {id:?}: the hex id of `dyad search` or the contract"
        )));
    }
    Ok(())
}

/// A stored document's record of the output contract, as `dyad extract` prints records:
/// its events' `sources` and `same_as` as the store linked them when it was stored.
pub fn record(conn: &Connection, id: &str) -> QResult<serde_json::Value> {
    check_document_id(id)?;
    let record: Option<String> = conn
        .query_row("SELECT record FROM documents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let record = record.ok_or_else(|| QueryError::NotFound(format!("no document {id}")))?;
    serde_json::from_str(&record).map_err(|e| {
        QueryError::Store(crate::StoreError::Io(std::io::Error::other(format!(
            "document {id}: its stored record is not JSON: {e}"
        ))))
    })
}

/// A document with its entities and the events it tells, offsets in its text; of a long
/// text, the part asked for, with what is named and told in it.
pub fn document(conn: &Connection, id: &str, part: TextPart) -> QResult<DocumentPage> {
    check_document_id(id)?;
    type Row = (
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        String,
        Option<String>,
        String,
        i64,
    );
    // substr and length count characters, as the stored offsets do
    let row: Option<Row> = conn
        .query_row(
            "SELECT n, title, published, outlet, via, input, duplicate_of,
                    substr(text, ?2 + 1, ?3), length(text)
             FROM documents WHERE id = ?1",
            rusqlite::params![id, part.from as i64, part.chars as i64],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            },
        )
        .optional()?;
    let Some((n, title, published, outlet, via, input, duplicate_of, text, total)) = row else {
        return Err(QueryError::NotFound(format!("no document {id:?}")));
    };
    let (from, to) = (part.from as i64, part.from as i64 + part.chars as i64);
    let mut entities: Vec<DocEntity> = conn
        .prepare("SELECT id, kind, name, key, country FROM entities WHERE doc = ?1")?
        .query_map([n], |r| {
            Ok(DocEntity {
                id: r.get(0)?,
                kind: r.get(1)?,
                name: r.get(2)?,
                key: r.get(3)?,
                country: r.get(4)?,
                mentions: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // entities in their order in the text ("e2" after "e10" as strings)
    entities.sort_by_key(|e| e.id[1..].parse::<u64>().unwrap_or(u64::MAX));
    let at: HashMap<String, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    {
        let mut st = conn.prepare(
            "SELECT entity, start, end FROM mentions
             WHERE doc = ?1 AND end > ?2 AND start < ?3 ORDER BY start",
        )?;
        let mut rows = st.query(rusqlite::params![n, from, to])?;
        while let Some(r) = rows.next()? {
            let e: String = r.get(0)?;
            if let Some(&i) = at.get(&e) {
                entities[i].mentions.push(Span {
                    start: r.get(1)?,
                    end: r.get(2)?,
                });
            }
        }
    }
    // a short text is whole: every entity, if only named in its title
    if total as usize > part.chars || part.from > 0 {
        entities.retain(|e| !e.mentions.is_empty());
    }
    let claims: Vec<ClaimRow> = conn
        .prepare(
            "SELECT event, local_id, claimed_by, claimed_by_country, start, end, more_evidence
             FROM claims WHERE doc = ?1 AND end > ?2 AND start < ?3 ORDER BY n",
        )?
        .query_map(rusqlite::params![n, from, to], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let ids: Vec<i64> = claims.iter().map(|c| c.0).collect();
    let mut views: HashMap<i64, EventView> = events_by_id(conn, &ids, Some(0))?
        .into_iter()
        .map(|e| (e.event, e))
        .collect();
    let events = claims
        .into_iter()
        .filter_map(|(event, local_id, cb, cbc, start, end, more)| {
            let v = views.get(&event)?.clone();
            let more: Vec<[i64; 2]> = serde_json::from_str(&more).unwrap_or_default();
            Some(DocEvent {
                event,
                local_id,
                kind: v.kind,
                mode: v.mode,
                actor: v.actor,
                recipient: v.recipient,
                date: v.date,
                score: v.score,
                aux: v.aux,
                claimed_by: cb.map(|name| ClaimedBy { name, country: cbc }),
                evidence: Span { start, end },
                more_evidence: more
                    .into_iter()
                    .map(|[s, e]| Span { start: s, end: e })
                    .collect(),
            })
        })
        .collect();
    views.clear();
    Ok(DocumentPage {
        id: id.to_string(),
        title,
        published,
        outlet,
        via: serde_json::from_str(&via).unwrap_or_default(),
        input,
        duplicate_of,
        text,
        text_from: part.from,
        text_chars: total as usize,
        entities,
        events,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    pub key: String,
    pub name: String,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub events: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct GraphEdge {
    pub source: String,
    pub target: String,
    pub events: i64,
    pub cooperation: f64,
    pub conflict: f64,
    pub balance: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// The relations graph: an edge for each dyad (by party key, and by state), with the count
/// of its events and the sums of their positive and negative scores; the `limit` edges with
/// the most events. Without dates it reads the kept totals; with dates it sums the events
/// of the range.
pub fn graph(
    conn: &Connection,
    range: &DateRange,
    min_events: i64,
    limit: usize,
) -> QResult<Graph> {
    if limit == 0 || limit > 2000 {
        return Err(QueryError::Bad(format!(
            "limit {limit}: between 1 and 2000"
        )));
    }
    let mut params: Vec<Value> = Vec::new();
    let sql = if range.from.is_none() && range.to.is_none() {
        params.push(Value::Integer(min_events.max(1)));
        params.push(Value::Integer(limit as i64));
        "SELECT x, y, events, cooperation, conflict FROM pair_totals
         WHERE events >= ?1 ORDER BY events DESC, x, y LIMIT ?2"
            .to_string()
    } else {
        // whole months: the kept monthly totals of the months the range touches
        let month = |d: &str, year_end: &str| {
            if d.len() == 4 {
                format!("{d}-{year_end}")
            } else {
                d[..7].to_string()
            }
        };
        let from = range
            .from
            .as_deref()
            .map_or("0000-00".into(), |d| month(d, "01"));
        let to = range
            .to
            .as_deref()
            .map_or("9999-99".into(), |d| month(d, "12"));
        params.push(Value::Text(from));
        params.push(Value::Text(to));
        params.push(Value::Integer(min_events.max(1)));
        params.push(Value::Integer(limit as i64));
        "SELECT x, y, SUM(events), SUM(cooperation), SUM(conflict) FROM pair_months
         WHERE month <> '' AND month >= ?1 AND month <= ?2
         GROUP BY x, y HAVING SUM(events) >= ?3
         ORDER BY 3 DESC, 1, 2 LIMIT ?4"
            .to_string()
    };
    let mut st = conn.prepare_cached(&sql)?;
    let edges: Vec<GraphEdge> = st
        .query_map(params_from_iter(&params), |r| {
            let (c, k): (f64, f64) = (r.get(3)?, r.get(4)?);
            Ok(GraphEdge {
                source: r.get(0)?,
                target: r.get(1)?,
                events: r.get(2)?,
                cooperation: c,
                conflict: k,
                balance: c + k,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut nodes: Vec<GraphNode> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in &edges {
        for k in [&e.source, &e.target] {
            let i = match seen.get(k) {
                Some(&i) => i,
                None => {
                    let (kind, country) = if is_state(k) {
                        (Some("GPE".to_string()), Some(k.clone()))
                    } else {
                        conn.prepare_cached(
                            "SELECT kind, country FROM entities WHERE key = ?1 LIMIT 1",
                        )?
                        .query_row([k], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()?
                        .unwrap_or((None, None))
                    };
                    nodes.push(GraphNode {
                        key: k.clone(),
                        name: display_name(conn, k)?,
                        kind,
                        country,
                        events: 0,
                    });
                    seen.insert(k.clone(), nodes.len() - 1);
                    nodes.len() - 1
                }
            };
            nodes[i].events += e.events;
        }
    }
    Ok(Graph { nodes, edges })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue #14: an unknown name was sought with `lower(name)` over every stored entity
    /// (16 requests/s on 20,000 documents). Every statement of a look-up reads an index.
    #[test]
    fn actor_look_ups_read_indexes_not_tables() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(crate::SCHEMA).unwrap();
        crate::names::create_index(&conn).unwrap();
        for sql in [
            KEY_NAMED,
            KEY_IN_EVENTS,
            ACTORS_BY_FORM,
            ACTORS_BY_PREFIX,
            ENTITY_OF_KEY,
        ] {
            let mut st = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let params = vec!["x"; st.parameter_count()];
            let plan: Vec<String> = st
                .query_map(params_from_iter(params), |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            // "SCAN n" reads the bounded subquery's rows, not a table
            let scans: Vec<&String> = plan
                .iter()
                .filter(|d| d.starts_with("SCAN") && !d.starts_with("SCAN n"))
                .collect();
            assert!(scans.is_empty(), "{sql}\n{plan:#?}");
        }
        // what the look-up read before
        let mut st = conn
            .prepare("EXPLAIN QUERY PLAN SELECT key FROM entities WHERE lower(name) = ?1")
            .unwrap();
        let old: String = st.query_row(["x"], |r| r.get(3)).unwrap();
        assert!(old.starts_with("SCAN"), "{old}");
    }
}
