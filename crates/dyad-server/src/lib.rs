//! `dyad serve`: the store's queries as a JSON API (documented in `openapi.yaml`) and the web
//! UI (`ui/`, three static files compiled in), from one binary.
//!
//! - Read-only by default. `POST /api/ingest` works only when the server was started with a
//!   token, and only for requests that carry it (`Authorization: Bearer TOKEN`).
//! - Every request is answered with JSON; a bad one with 4xx and
//!   `{"error": {"status": 400, "message": "…"}}`. Values reach SQL only as parameters.
//! - SQLite is read through a pool of read-only connections on blocking threads; a writer
//!   (`dyad ingest`) may run at the same time (WAL), and new documents show at once.
//! - Ingestion goes through the store's `Ingestor`, as `dyad ingest` does; the stages come
//!   from whoever starts the server (an [`AnalyzerLoader`]), so this crate knows nothing of
//!   them.

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dyad_lang::Lemmatize;
use dyad_record::Analyzer;
use dyad_store::query::{self, DateRange, EventFilter, Paging, QueryError};
use dyad_store::{Ingestor, StoredDocs};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const INDEX_HTML: &str = include_str!("../ui/index.html");
const APP_JS: &str = include_str!("../ui/app.js");
const STYLE_CSS: &str = include_str!("../ui/style.css");
pub const OPENAPI: &str = include_str!("../openapi.yaml");

/// The most bytes `POST /api/ingest` takes in one request.
const MAX_INGEST_BYTES: usize = 16 << 20;

/// The stages, as `POST /api/ingest` runs them.
pub type SharedAnalyzer = Box<dyn Analyzer + Send + Sync>;

/// Loads the stages on the first ingest request (their models take a while and most
/// servers only read); says why when they cannot be loaded.
pub type AnalyzerLoader = Box<dyn Fn() -> Result<SharedAnalyzer, String> + Send + Sync>;

/// What a running server shares between requests.
pub struct AppState {
    db: PathBuf,
    pool: r2d2::Pool<r2d2_sqlite::SqliteConnectionManager>,
    searcher: dyad_store::search::Searcher,
    /// Reads search queries and snippets.
    lemmatizer: Box<dyn Lemmatize + Send + Sync>,
    token: Option<String>,
    load_analyzer: AnalyzerLoader,
    /// The stages, loaded on the first ingest request, and what ingestion knows of the
    /// store, kept between requests.
    ingest: Mutex<(Option<SharedAnalyzer>, StoredDocs)>,
}

impl AppState {
    /// Opens the store read-only (it must exist) and its search index. `lemmatizer` reads
    /// queries; `load_analyzer` gives the stages when the first document is posted.
    pub fn open(
        db: &Path,
        token: Option<String>,
        lemmatizer: Box<dyn Lemmatize + Send + Sync>,
        load_analyzer: AnalyzerLoader,
    ) -> anyhow::Result<AppState> {
        // fails early, with the store's own message, when it is missing or not a store
        drop(dyad_store::open_read(db)?);
        let manager = r2d2_sqlite::SqliteConnectionManager::file(db)
            .with_flags(
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .with_init(|c| {
                c.busy_timeout(std::time::Duration::from_secs(5))?;
                c.pragma_update(None, "cache_size", -65_536)
            });
        let pool = r2d2::Pool::builder().max_size(8).build(manager)?;
        Ok(AppState {
            db: db.to_path_buf(),
            pool,
            searcher: dyad_store::search::Searcher::open(&dyad_store::search_dir(db))?,
            lemmatizer,
            token,
            load_analyzer,
            ingest: Mutex::new((None, StoredDocs::default())),
        })
    }
}

/// An error answer: status and message, as JSON.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    /// The actors an ambiguous name may stand for (with 300).
    candidates: Option<Vec<query::Candidate>>,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            candidates: None,
        }
    }
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error =
            serde_json::json!({"status": self.status.as_u16(), "message": self.message});
        if let Some(c) = self.candidates {
            error["candidates"] = serde_json::json!(c);
        }
        let body = serde_json::json!({ "error": error });
        (self.status, Json(body)).into_response()
    }
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::Bad(m) => ApiError::bad(m),
            QueryError::NotFound(m) => ApiError::new(StatusCode::NOT_FOUND, m),
            QueryError::Ambiguous {
                message,
                candidates,
            } => ApiError {
                candidates: Some(candidates),
                ..ApiError::new(StatusCode::MULTIPLE_CHOICES, message)
            },
            QueryError::Store(e) => internal(e),
        }
    }
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    eprintln!("dyad serve: {e}");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("internal error: {e}"),
    )
}

type Shared = Arc<AppState>;
type Params = Query<HashMap<String, String>>;

/// Runs a query on a pooled connection on a blocking thread.
async fn with_conn<T, F>(state: &Shared, f: F) -> Result<Json<T>, ApiError>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&rusqlite::Connection, &AppState) -> Result<T, QueryError> + Send + 'static,
{
    let state = state.clone();
    let r = tokio::task::spawn_blocking(move || {
        let conn = state.pool.get().map_err(internal)?;
        f(&conn, &state).map_err(ApiError::from)
    })
    .await
    .map_err(internal)??;
    Ok(Json(r))
}

/// Only the parameters a route knows are accepted: a misspelt one is an error, not a
/// silently ignored filter.
fn only(p: &HashMap<String, String>, known: &[&str]) -> Result<(), ApiError> {
    for k in p.keys() {
        if !known.contains(&k.as_str()) {
            return Err(ApiError::bad(format!(
                "unknown parameter {k:?}: this route takes {}",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

fn number(p: &HashMap<String, String>, name: &str) -> Result<Option<usize>, ApiError> {
    p.get(name)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<usize>()
                .map_err(|_| ApiError::bad(format!("{name} {s:?}: expected a whole number")))
        })
        .transpose()
}

fn paging(p: &HashMap<String, String>) -> Result<Paging, ApiError> {
    Ok(Paging::new(number(p, "page")?, number(p, "per_page")?)?)
}

fn range(p: &HashMap<String, String>) -> Result<DateRange, ApiError> {
    Ok(DateRange::new(
        p.get("from").map(String::as_str),
        p.get("to").map(String::as_str),
    )?)
}

async fn stats(State(s): State<Shared>) -> Result<impl IntoResponse, ApiError> {
    with_conn(&s, |c, _| query::stats(c)).await
}

async fn search(State(s): State<Shared>, Query(p): Params) -> Result<impl IntoResponse, ApiError> {
    only(&p, &["q", "page", "per_page"])?;
    let q = p
        .get("q")
        .cloned()
        .ok_or_else(|| ApiError::bad("missing parameter q: the words to search for"))?;
    let paging = paging(&p)?;
    with_conn(&s, move |c, st| {
        query::search(c, &st.searcher, st.lemmatizer.as_ref(), &q, paging)
    })
    .await
}

async fn actor(
    State(s): State<Shared>,
    UrlPath(key): UrlPath<String>,
    Query(p): Params,
) -> Result<impl IntoResponse, ApiError> {
    only(&p, &[])?;
    with_conn(&s, move |c, st| {
        query::actor(c, &key, Some(st.lemmatizer.as_ref()), 20)
    })
    .await
}

#[derive(Serialize)]
struct Suggestions {
    q: String,
    actors: Vec<query::Candidate>,
}

/// `GET /api/actors?q=PREFIX`: actors whose names begin so, most mentioned first.
async fn suggest(State(s): State<Shared>, Query(p): Params) -> Result<impl IntoResponse, ApiError> {
    only(&p, &["q", "limit"])?;
    let q = p
        .get("q")
        .cloned()
        .ok_or_else(|| ApiError::bad("missing parameter q: the start of a name"))?;
    let limit = number(&p, "limit")?.unwrap_or(10);
    with_conn(&s, move |c, _| {
        let actors = query::suggest(c, &q, limit)?;
        Ok(Suggestions { q, actors })
    })
    .await
}

async fn dyad(State(s): State<Shared>, Query(p): Params) -> Result<impl IntoResponse, ApiError> {
    only(&p, &["a", "b", "from", "to", "page", "per_page"])?;
    let need = |k: &str| {
        p.get(k)
            .cloned()
            .ok_or_else(|| ApiError::bad(format!("missing parameter {k}: an actor code or name")))
    };
    let (a, b) = (need("a")?, need("b")?);
    let (range, paging) = (range(&p)?, paging(&p)?);
    with_conn(&s, move |c, st| {
        query::dyad(c, &a, &b, Some(st.lemmatizer.as_ref()), &range, paging)
    })
    .await
}

async fn events(State(s): State<Shared>, Query(p): Params) -> Result<impl IntoResponse, ApiError> {
    only(
        &p,
        &[
            "type", "country", "context", "from", "to", "page", "per_page",
        ],
    )?;
    let g = |k: &str| p.get(k).map(String::as_str);
    let filter = EventFilter::new(g("type"), g("country"), g("context"), range(&p)?)?;
    let paging = paging(&p)?;
    with_conn(&s, move |c, _| query::events(c, &filter, paging)).await
}

async fn graph(State(s): State<Shared>, Query(p): Params) -> Result<impl IntoResponse, ApiError> {
    only(&p, &["from", "to", "min_events", "limit"])?;
    let range = range(&p)?;
    // a count the store can compare: 1 up to i64::MAX (a larger one wrapped to a negative
    // number and let every edge through)
    let min = match number(&p, "min_events")? {
        None => 1,
        Some(n) => i64::try_from(n).ok().filter(|&n| n >= 1).ok_or_else(|| {
            ApiError::bad(format!(
                "min_events {n}: expected 1 or more, at most {}",
                i64::MAX
            ))
        })?,
    };
    let limit = number(&p, "limit")?.unwrap_or(150);
    with_conn(&s, move |c, _| query::graph(c, &range, min, limit)).await
}

async fn document(
    State(s): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Query(p): Params,
) -> Result<impl IntoResponse, ApiError> {
    only(&p, &[])?;
    with_conn(&s, move |c, _| query::document(c, &id)).await
}

async fn record(
    State(s): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Query(p): Params,
) -> Result<impl IntoResponse, ApiError> {
    only(&p, &[])?;
    with_conn(&s, move |c, _| query::record(c, &id)).await
}

/// `POST /api/ingest`: JSON Lines (`text`, optional `date`, `url`, `title`), one document a
/// line, stored as `dyad ingest` stores them.
async fn ingest(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let Some(token) = s.token.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with --token to allow ingestion",
        ));
    };
    // the scheme is case-insensitive (RFC 9110 §11.1): "bearer TOKEN" is "Bearer TOKEN"
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim_start());
    if given != Some(token.as_str()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "ingestion needs the server's token: Authorization: Bearer TOKEN",
        ));
    }
    let state = s.clone();
    let summary = tokio::task::spawn_blocking(move || ingest_body(&state, &body))
        .await
        .map_err(internal)??;
    Ok((StatusCode::CREATED, Json(summary)).into_response())
}

#[derive(Serialize)]
struct IngestAnswer {
    stored: usize,
    already: usize,
    events: usize,
    errors: Vec<String>,
}

fn ingest_body(state: &AppState, body: &[u8]) -> Result<IngestAnswer, ApiError> {
    if body.is_empty() {
        return Err(ApiError::bad(
            "empty body: send JSON Lines, one {\"text\": …} a line",
        ));
    }
    let mut guard = state.ingest.lock().unwrap_or_else(|e| e.into_inner());
    let (analyzer, stored) = &mut *guard;
    if analyzer.is_none() {
        *analyzer = Some(
            (state.load_analyzer)()
                .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e))?,
        );
    }
    let analyzer = analyzer.as_deref().expect("loaded above");
    let mut ingestor = match Ingestor::open(&state.db, analyzer, stored) {
        Ok(i) => i,
        Err(e @ dyad_store::StoreError::Busy(_)) => {
            return Err(ApiError::new(StatusCode::CONFLICT, e.to_string()))
        }
        Err(e) => return Err(internal(e)),
    };
    // the body is read as JSON Lines whatever it looks like: its name says so
    let errors = ingestor
        .add_input("request.jsonl", body)
        .map_err(internal)?
        .into_iter()
        .map(|e| e.to_string())
        .collect();
    let summary = ingestor.finish().map_err(internal)?;
    // what this request stored is searchable when it is answered
    state.searcher.reload().map_err(internal)?;
    Ok(IngestAnswer {
        stored: summary.stored,
        already: summary.already,
        events: summary.claims,
        errors,
    })
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such route: the API is under /api (see /api/openapi.yaml)",
    )
}

/// The routes, for `serve` and for tests.
pub fn router(state: Shared) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }),
        )
        .route(
            "/api/openapi.yaml",
            get(|| async { asset("application/yaml; charset=utf-8", OPENAPI) }),
        )
        .route("/api/stats", get(stats))
        .route("/api/search", get(search))
        .route("/api/actors", get(suggest))
        .route("/api/actors/{key}", get(actor))
        .route("/api/dyad", get(dyad))
        .route("/api/events", get(events))
        .route("/api/graph", get(graph))
        .route("/api/documents/{id}", get(document))
        .route("/api/documents/{id}/record", get(record))
        .route(
            "/api/ingest",
            post(ingest).layer(axum::extract::DefaultBodyLimit::max(MAX_INGEST_BYTES)),
        )
        .fallback(not_found)
        .with_state(state)
}

/// Serves until interrupted (Ctrl-C).
pub fn serve(state: AppState, addr: &str) -> anyhow::Result<()> {
    let state = Arc::new(state);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        eprintln!(
            "dyad: serving {} at http://{}/ (API under /api, OpenAPI at /api/openapi.yaml); Ctrl-C stops",
            state.db.display(),
            listener.local_addr()?
        );
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
