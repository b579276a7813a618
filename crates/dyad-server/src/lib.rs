//! `dyad serve`: the store's queries as a JSON API (documented in `openapi.yaml`) and the web
//! UI (`ui/`, three static files compiled in), from one binary.
//!
//! - Read-only by default. `POST /api/ingest` works only when the server was started with a
//!   token, and only for requests that carry it (`Authorization: Bearer TOKEN`).
//! - Every request is answered with JSON; a bad one with 4xx and
//!   `{"error": {"status": 400, "message": "…"}}` — also those the HTTP layers give (405,
//!   408, 413, 414) and a panic (500). What went wrong inside (paths, SQLite's words, a
//!   panic's text) goes to the log, never to the client. Values reach SQL only as
//!   parameters.
//! - Hardened with the HTTP stack's own settings ([`serve`], [`router`]): headers must
//!   arrive within [`HEADER_TIMEOUT`], a read is answered within [`READ_TIMEOUT`], at most
//!   [`MAX_CONCURRENT`] requests run at once (the rest wait), the ingest token is checked
//!   before its body is read, the body is capped before it is read, and gzip in it may
//!   expand to [`MAX_INGEST_EXPANDED`]. Answers carry `X-Content-Type-Options`,
//!   `X-Frame-Options` and a `Content-Security-Policy`; a `Host` that is no IP address,
//!   no `localhost` and none of the allowed names is refused (a DNS-rebinding page cannot
//!   read a local server).
//! - SQLite is read through a pool of read-only connections on blocking threads; a writer
//!   (`dyad ingest`) may run at the same time (WAL), and new documents show at once.
//! - Ingestion goes through the store's `Ingestor`, as `dyad ingest` does; the stages come
//!   from whoever starts the server (an [`AnalyzerLoader`]), so this crate knows nothing of
//!   them.

use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
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
use std::time::Duration;
use tower_http::set_header::SetResponseHeaderLayer;

const INDEX_HTML: &str = include_str!("../ui/index.html");
const APP_JS: &str = include_str!("../ui/app.js");
const STYLE_CSS: &str = include_str!("../ui/style.css");
pub const OPENAPI: &str = include_str!("../openapi.yaml");

/// The most bytes `POST /api/ingest` takes in one request.
pub const MAX_INGEST_BYTES: usize = 16 << 20;
/// The most bytes gzip in one ingest request may expand to (a 1 MB gzip bomb expanded to
/// 1 GiB, the command line's cap).
pub const MAX_INGEST_EXPANDED: u64 = 64 << 20;
/// A connection must send its request's headers within this.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// A read query is answered within this, else 408.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// An ingest request is answered within this (its documents are analysed first).
pub const INGEST_TIMEOUT: Duration = Duration::from_secs(600);
/// Requests handled at once; more wait their turn (each holds a pooled connection or a
/// blocking thread).
pub const MAX_CONCURRENT: usize = 64;
/// The longest request target answered (longer is 414, as JSON up to hyper's own limit of
/// 64 KiB, beyond which hyper answers 414 itself before any layer runs).
pub const MAX_URI_BYTES: usize = 8 << 10;

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
    /// Host names besides IP addresses and localhost that requests may name.
    allowed_hosts: Vec<String>,
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
            allowed_hosts: Vec::new(),
            load_analyzer,
            ingest: Mutex::new((None, StoredDocs::default())),
        })
    }

    /// Host names (as in the `Host` header, without the port) that requests may name
    /// besides IP addresses and `localhost`: the names a server behind a proxy or on a
    /// network is reached by.
    pub fn allow_hosts(mut self, hosts: &[String]) -> AppState {
        self.allowed_hosts = hosts.iter().map(|h| h.to_ascii_lowercase()).collect();
        self
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
            QueryError::Store(dyad_store::StoreError::SearchDamaged(why)) => {
                log_error(&format!("search index damaged: {why}"));
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "search is unavailable: the search index is damaged (`dyad check --repair` rebuilds it)",
                )
            }
            QueryError::Store(e) => internal(e),
        }
    }
}

/// A failure inside: its words (paths, SQLite's message) go to the log, the client gets a
/// number to quote.
fn internal(e: impl std::fmt::Display) -> ApiError {
    let n = log_error(&e.to_string());
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("internal error #{n}: the server's log says more"),
    )
}

/// Writes a failure to the log with a number the client is given.
fn log_error(what: &str) -> u64 {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    eprintln!("dyad serve: error #{n}: {what}");
    n
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
    only(&p, &["from", "chars"])?;
    let part = query::TextPart::new(number(&p, "from")?, number(&p, "chars")?)?;
    with_conn(&s, move |c, _| query::document(c, &id, part)).await
}

async fn record(
    State(s): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Query(p): Params,
) -> Result<impl IntoResponse, ApiError> {
    only(&p, &[])?;
    with_conn(&s, move |c, _| query::record(c, &id)).await
}

/// Refuses an ingest request without the server's token before its body is read.
async fn require_token(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let Some(token) = s.token.as_deref() else {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with --token to allow ingestion",
        )
        .into_response();
    };
    // the scheme is case-insensitive (RFC 9110 §11.1): "bearer TOKEN" is "Bearer TOKEN"
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim_start());
    if given != Some(token) {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            "ingestion needs the server's token: Authorization: Bearer TOKEN",
        )
        .into_response();
    }
    next.run(req).await
}

/// `POST /api/ingest`: JSON Lines (`text`, optional `date`, `url`, `title`), one document a
/// line, stored as `dyad ingest` stores them. The token was checked before the body was read.
async fn ingest(State(s): State<Shared>, body: axum::body::Bytes) -> Result<Response, ApiError> {
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
        *analyzer = Some((state.load_analyzer)().map_err(|e| {
            let n = log_error(&e);
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("ingestion is unavailable: the stages could not be loaded (error #{n} in the server's log)"),
            )
        })?);
    }
    let analyzer = analyzer.as_deref().expect("loaded above");
    let mut ingestor = match Ingestor::open(&state.db, analyzer, stored) {
        Ok(i) => i,
        Err(dyad_store::StoreError::Busy(_)) => return Err(ApiError::new(
            StatusCode::CONFLICT,
            "the store is busy: another dyad process is writing to it; try again when it is done",
        )),
        Err(e) => return Err(internal(e)),
    };
    // the body is read as JSON Lines whatever it looks like: its name says so
    let errors = ingestor
        .add_input_within("request.jsonl", body, MAX_INGEST_EXPANDED)
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

/// Whether a `Host` header may be answered: an IP address (a DNS-rebinding page names a
/// domain), `localhost`, or a name the server was told to allow. No header (HTTP/1.0) is
/// let through.
fn host_allowed(host: Option<&HeaderValue>, allowed: &[String]) -> bool {
    let Some(host) = host else { return true };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let host = host.trim().to_ascii_lowercase();
    // strip the port: "[::1]:8080", "127.0.0.1:8080", "name:8080"
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, _)) => return ip.parse::<std::net::Ipv6Addr>().is_ok(),
            None => return false,
        }
    } else {
        host.rsplit_once(':').map_or(host.as_str(), |(n, _)| n)
    };
    let name = name.trim_end_matches('.');
    name.parse::<std::net::Ipv4Addr>().is_ok()
        || name == "localhost"
        || name.ends_with(".localhost")
        || allowed.iter().any(|a| a == name)
}

/// Refuses a `Host` this server was not told it is reached by, and a request target past
/// [`MAX_URI_BYTES`].
async fn guard(State(s): State<Shared>, req: Request, next: Next) -> Response {
    if !host_allowed(req.headers().get(header::HOST), &s.allowed_hosts) {
        return ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            "this server does not answer to that Host name: start it with --allow-host NAME",
        )
        .into_response();
    }
    if req.uri().to_string().len() > MAX_URI_BYTES {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("request target longer than {MAX_URI_BYTES} bytes"),
        )
        .into_response();
    }
    next.run(req).await
}

/// Gives an error answer that a layer made without a body, or with plain text (405 from
/// routing, with its `Allow`; 408 from the timeout; 413 from the body limit), the JSON body
/// of every other.
async fn errors_as_json(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if status.as_u16() < 400 || is_json {
        return res;
    }
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            format!("request body larger than {MAX_INGEST_BYTES} bytes")
        }
        StatusCode::REQUEST_TIMEOUT => "the request took too long and was given up".to_string(),
        StatusCode::METHOD_NOT_ALLOWED => {
            "method not allowed: the API reads with GET; only /api/ingest takes POST".into()
        }
        s => s.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let mut out = ApiError::new(status, message).into_response();
    // keep what the layer said besides (Allow, Retry-After)
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(v) = res.headers().get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}

/// A panic in a handler: a JSON 500; its text goes to the log only.
fn panic_answer(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic");
    internal(format!("panic: {what}")).into_response()
}

/// The answer headers every response carries: no MIME sniffing, no framing, and a policy
/// that lets the UI load only its own files.
fn security_headers(router: Router<Shared>) -> Router<Shared> {
    let set = |name: header::HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    router
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
        .layer(set(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
             frame-ancestors 'none'",
        ))
}

/// The routes with their layers, for `serve` and for tests.
pub fn router(state: Shared) -> Router {
    let reads = Router::new()
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
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            READ_TIMEOUT,
        ));
    // the token is checked (outer layer) before the body limit reads a byte of the body;
    // route layers, so that another method on the route is a plain 405
    let ingest_route = Router::new().route(
        "/api/ingest",
        post(ingest)
            .route_layer(axum::extract::DefaultBodyLimit::disable())
            .route_layer(tower_http::limit::RequestBodyLimitLayer::new(
                MAX_INGEST_BYTES,
            ))
            .route_layer(middleware::from_fn_with_state(state.clone(), require_token))
            .route_layer(tower_http::timeout::TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                INGEST_TIMEOUT,
            )),
    );
    let app = reads
        .merge(ingest_route)
        .fallback(not_found)
        .layer(tower::limit::ConcurrencyLimitLayer::new(MAX_CONCURRENT))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(middleware::from_fn(errors_as_json))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic_answer,
        ));
    security_headers(app).with_state(state)
}

/// Serves until interrupted (Ctrl-C): HTTP/1.1 and HTTP/2 by hyper, each connection given
/// [`HEADER_TIMEOUT`] to send its request's headers (a slow client holds nothing longer).
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
        let service = hyper_util::service::TowerToHyperService::new(router(state));
        let mut http = hyper_util::server::conn::auto::Builder::new(
            hyper_util::rt::TokioExecutor::new(),
        );
        http.http1()
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT);
        http.http2()
            .timer(hyper_util::rt::TokioTimer::new())
            .keep_alive_interval(Some(Duration::from_secs(30)));
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let mut stop = std::pin::pin!(tokio::signal::ctrl_c());
        loop {
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    // out of file descriptors and the like: wait, then accept again
                    Err(e) => {
                        eprintln!("dyad serve: accept: {e}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                },
                _ = &mut stop => break,
            };
            let conn = http.serve_connection_with_upgrades(
                hyper_util::rt::TokioIo::new(stream),
                service.clone(),
            );
            let conn = graceful.watch(conn.into_owned());
            tokio::spawn(async move {
                // a client gone or too slow: nothing to answer
                let _ = conn.await;
            });
        }
        // requests under way get a few seconds to finish
        tokio::select! {
            _ = graceful.shutdown() => {}
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(res: Response) -> String {
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    /// Issue #14, item 11: a panic's text and an internal error's words (paths, SQLite's
    /// message) stay in the log; the client gets JSON and a number.
    #[tokio::test]
    async fn internal_failures_tell_the_client_nothing_of_the_inside() {
        let res = panic_answer(Box::new(
            "index out of bounds in /srv/secret/store.db".to_string(),
        ));
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = body_of(res).await;
        assert!(body.starts_with("{\"error\""), "{body}");
        assert!(
            !body.contains("secret") && !body.contains("bounds"),
            "{body}"
        );
        let res =
            internal("database disk image is malformed: /srv/secret/store.db").into_response();
        let body = body_of(res).await;
        assert!(
            !body.contains("secret") && !body.contains("malformed"),
            "{body}"
        );
        assert!(body.contains("internal error #"), "{body}");
    }

    #[test]
    fn hosts_that_may_be_answered() {
        let allowed = ["news.example.org".to_string()];
        let ok = |h: &str| host_allowed(Some(&HeaderValue::from_str(h).unwrap()), &allowed);
        for h in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "10.0.0.5:80",
            "[::1]:8080",
            "localhost",
            "LOCALHOST:1",
            "app.localhost",
            "news.example.org:443",
            "news.example.org.",
        ] {
            assert!(ok(h), "{h}");
        }
        for h in [
            "evil.example",
            "127.0.0.1.nip.io",
            "localhost.evil.example",
            "[::1",
            "example.org",
            "",
        ] {
            assert!(!ok(h), "{h}");
        }
        assert!(host_allowed(None, &allowed));
    }
}
