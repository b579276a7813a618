//! The HTTP API end to end, in process: ingestion only with the token, then the queries,
//! their error answers, and the UI's files. Needs the models (`dyad models fetch`); without
//! them the test prints a note and passes.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use std::sync::Arc;
use tower::ServiceExt;

const ARTICLE: &str = r#"{"text": "Государственный министр обороны Великобритании Вернон Коакер 4 декабря совершил визит в Азербайджан. В октябре Великобритания сняла эмбарго на поставки оружия Азербайджану.", "date": "2025-12-05", "title": "Визит в Баку"}"#;

async fn call(app: &axum::Router, req: Request<Body>) -> (StatusCode, String, serde_json::Value) {
    let res = app.clone().oneshot(req).await.expect("answered");
    let status = res.status();
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 24)
        .await
        .unwrap();
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, kind, json)
}

/// A server over `db` whose stages are dyad's pipeline, as `dyad serve` starts it.
fn state(db: &std::path::Path, token: Option<&str>) -> dyad_server::AppState {
    let lemmatizer = Box::new(dyad_morph::Morph::load().unwrap());
    let loader: dyad_server::AnalyzerLoader = Box::new(|| {
        dyad_core::Pipeline::load()
            .map(|p| Box::new(p) as dyad_server::SharedAnalyzer)
            .map_err(|e| e.to_string())
    });
    dyad_server::AppState::open(db, token.map(String::from), lemmatizer, loader).unwrap()
}

/// A fresh, empty store in a temporary folder, named for the test; `None` (with a note)
/// where the morphology is not fetched.
fn empty_store(name: &str) -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let morph = match dyad_morph::Morph::load() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("note: skipping the {name} test: {e}");
            return None;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(format!("{name}.db"));
    drop(dyad_store::Writer::open(&db, &morph).unwrap());
    Some((dir, db))
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn ingest(token: Option<&str>) -> Request<Body> {
    ingest_as("Bearer", token)
}

fn ingest_as(scheme: &str, token: Option<&str>) -> Request<Body> {
    let mut r = Request::post("/api/ingest");
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("{scheme} {t}"));
    }
    r.body(Body::from(ARTICLE)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingestion_needs_the_token_and_queries_answer_or_explain() {
    let Some((_dir, db)) = empty_store("api") else {
        return;
    };
    let app = dyad_server::router(Arc::new(state(&db, Some("s3cret"))));

    let (status, _, body) = call(&app, ingest(None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _, body) = call(&app, ingest(Some("wrong"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _, body) = call(&app, ingest(Some("s3cret"))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["stored"], 1, "{body}");
    // the same document again changes nothing; the scheme's case does not matter (issue
    // #14: "bearer" was refused)
    let (status, _, body) = call(&app, ingest_as("bearer", Some("s3cret"))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        (body["stored"].as_i64(), body["already"].as_i64()),
        (Some(0), Some(1))
    );
    let (status, _, body) = call(&app, ingest_as("Basic", Some("s3cret"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    let (status, _, body) = call(&app, get("/api/dyad?a=AZE&b=GBR")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let types: Vec<&str> = body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert!(
        types.contains(&"CONSULT") && types.contains(&"RETREAT"),
        "{body}"
    );
    let (status, _, body) = call(
        &app,
        get("/api/search?q=%D1%8D%D0%BC%D0%B1%D0%B0%D1%80%D0%B3%D0%BE"),
    )
    .await;
    assert_eq!(
        (status, body["total"].as_i64()),
        (StatusCode::OK, Some(1)),
        "{body}"
    );

    for (uri, want) in [
        ("/api/events?from=2025-13-01", StatusCode::BAD_REQUEST),
        ("/api/events?type=PARTY", StatusCode::BAD_REQUEST),
        ("/api/events?per_page=100000", StatusCode::BAD_REQUEST),
        ("/api/events?typ=CONSULT", StatusCode::BAD_REQUEST),
        ("/api/events?page=x", StatusCode::BAD_REQUEST),
        ("/api/dyad?a=AZE", StatusCode::BAD_REQUEST),
        ("/api/actors/NOWHERE", StatusCode::NOT_FOUND),
        ("/api/documents/..%2F..%2Fetc", StatusCode::BAD_REQUEST),
        ("/api/nothing", StatusCode::NOT_FOUND),
        // issue #14: this number wrapped to a negative one and every edge came back
        (
            "/api/graph?min_events=9223372036854775808",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/graph?min_events=0", StatusCode::BAD_REQUEST),
    ] {
        let (status, kind, body) = call(&app, get(uri)).await;
        assert_eq!(status, want, "{uri}: {body}");
        assert!(kind.starts_with("application/json"), "{uri}: {kind}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{uri}: {body}"
        );
    }
    // an actor by surname, case form, Latin spelling; suggestions by the start of a name
    // ("Коакер", "Коакером", "Coaker", "Коа")
    for uri in [
        "/api/actors/%D0%9A%D0%BE%D0%B0%D0%BA%D0%B5%D1%80",
        "/api/actors/%D0%9A%D0%BE%D0%B0%D0%BA%D0%B5%D1%80%D0%BE%D0%BC",
        "/api/actors/Coaker",
    ] {
        let (status, _, body) = call(&app, get(uri)).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert_eq!(body["actor"]["name"], "Вернон Коакер", "{uri}: {body}");
    }
    let (status, _, body) = call(&app, get("/api/actors?q=%D0%BA%D0%BE%D0%B0")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["actors"][0]["name"], "Вернон Коакер", "{body}");
    let (status, _, body) = call(&app, get("/api/actors?q=")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    let (status, kind, _) = call(&app, get("/")).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "text/html; charset=utf-8")
    );
}

#[tokio::test]
async fn a_server_without_a_token_is_read_only() {
    let Some((_dir, db)) = empty_store("ro") else {
        return;
    };
    let app = dyad_server::router(Arc::new(state(&db, None)));
    let (status, _, body) = call(&app, ingest(Some("anything"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
}

/// Two outlets' wording of one agency story, long enough to compare by MinHash.
const STORY: &str = "Министр иностранных дел Грузии прибыла с официальным визитом в Баку. Как передает APA, в ходе визита глава МИД Грузии встретилась с министром иностранных дел Азербайджана. Стороны обсудили транзитные перевозки по Среднему коридору, энергетические проекты и подготовку заседания межправительственной комиссии. Министры также подписали меморандум о взаимопонимании в области цифровых технологий.";

fn post(body: String) -> Request<Body> {
    Request::post("/api/ingest")
        .header(header::AUTHORIZATION, "Bearer t")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reprint_posted_over_http_is_marked_as_one() {
    let pipeline = match dyad_core::Pipeline::load() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("note: skipping the reprint test: {e}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("reprint.db");
    let line = |text: &str, outlet: &str| {
        serde_json::json!({"text": text, "date": "2025-12-05", "outlet": outlet}).to_string()
    };
    // the story is in the store before the server starts, as `dyad ingest` leaves it
    {
        let mut stored = dyad_store::StoredDocs::default();
        let mut ingestor = dyad_store::Ingestor::open(&db, &pipeline, &mut stored).unwrap();
        let errors = ingestor.add_input("earlier.jsonl", line(STORY, "APA").as_bytes());
        assert!(errors.unwrap().is_empty());
        assert_eq!(ingestor.finish().unwrap().stored, 1);
    }
    let app = dyad_server::router(Arc::new(state(&db, Some("t"))));
    // another outlet's wording, a few words changed, posted to the server
    let reprint = STORY.replace("Как передает APA", "Как сообщает Trend");
    let (status, _, body) = call(&app, post(line(&reprint, "Trend"))).await;
    assert_eq!(
        (status, body["stored"].as_i64()),
        (StatusCode::CREATED, Some(1)),
        "{body}"
    );
    // and, in a later request, another outlet's
    let again = STORY.replace("Стороны обсудили", "Министры обсудили");
    let (status, _, body) = call(&app, post(line(&again, "Sputnik"))).await;
    assert_eq!(
        (status, body["stored"].as_i64()),
        (StatusCode::CREATED, Some(1)),
        "{body}"
    );
    let ids: Vec<String> = [STORY.to_string(), reprint, again]
        .iter()
        .map(|t| {
            let doc = dyad_doc::read_bytes("x.jsonl", line(t, "-").as_bytes()).unwrap();
            let doc = doc.into_iter().next().unwrap().unwrap();
            dyad_doc::doc_id(dyad_doc::clean(&doc).text.text())
        })
        .collect();
    for id in &ids[1..] {
        let (status, _, body) = call(&app, get(&format!("/api/documents/{id}"))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            body["duplicate_of"].as_str(),
            Some(ids[0].as_str()),
            "{body}"
        );
    }
    let (_, _, body) = call(&app, get(&format!("/api/documents/{}", ids[0]))).await;
    assert!(body["duplicate_of"].is_null(), "{body}");
    // the stored record says it too
    let (_, _, body) = call(&app, get(&format!("/api/documents/{}/record", ids[1]))).await;
    assert_eq!(
        body["duplicate_of"].as_str(),
        Some(ids[0].as_str()),
        "{body}"
    );
}

/// A request body that fails the test if anything reads it.
fn unread_body() -> Body {
    Body::from_stream(futures_util::stream::poll_fn(
        |_| -> std::task::Poll<Option<Result<Vec<u8>, std::io::Error>>> {
            panic!("the body of an unauthorised request was read")
        },
    ))
}

async fn json_error(app: &axum::Router, req: Request<Body>, want: StatusCode) -> String {
    let uri = req.uri().to_string();
    let (status, kind, body) = call(app, req).await;
    assert_eq!(status, want, "{uri}: {body}");
    assert!(kind.starts_with("application/json"), "{uri}: {kind}");
    let message = body["error"]["message"].as_str().unwrap_or("").to_string();
    assert!(!message.is_empty(), "{uri}: {body}");
    assert_eq!(body["error"]["status"], want.as_u16(), "{uri}: {body}");
    message
}

/// Issue #14, items 3, 8 and 11: what the HTTP layers answer is JSON; the token is checked
/// before the body is read; a body or a target too large is refused; a gzip bomb expands
/// only so far; a foreign Host is refused; every answer carries the security headers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_requests_get_json_answers_and_cost_little() {
    let Some((_dir, db)) = empty_store("hard") else {
        return;
    };
    let app = dyad_server::router(Arc::new(
        state(&db, Some("t")).allow_hosts(&["news.example.org".to_string()]),
    ));

    // before: the body (up to 16 MiB) was read, then the token checked
    let req = Request::post("/api/ingest")
        .header(header::CONTENT_LENGTH, "16000000")
        .body(unread_body())
        .unwrap();
    json_error(&app, req, StatusCode::UNAUTHORIZED).await;
    // before: 413 with a plain-text body
    let req = Request::post("/api/ingest")
        .header(header::AUTHORIZATION, "Bearer t")
        .header(header::CONTENT_LENGTH, (17u64 << 20).to_string())
        .body(unread_body())
        .unwrap();
    json_error(&app, req, StatusCode::PAYLOAD_TOO_LARGE).await;
    // before: 405 with an empty body
    let req = Request::delete("/api/stats").body(Body::empty()).unwrap();
    json_error(&app, req, StatusCode::METHOD_NOT_ALLOWED).await;
    let req = Request::get("/api/ingest").body(Body::empty()).unwrap();
    json_error(&app, req, StatusCode::METHOD_NOT_ALLOWED).await;
    // before: text/plain
    json_error(&app, get("/api/actors/%FF"), StatusCode::BAD_REQUEST).await;
    // before: answered
    let long = format!("/api/search?q={}", "a".repeat(20_000));
    json_error(&app, get(&long), StatusCode::URI_TOO_LONG).await;
    // before: any Host was answered
    for (host, want) in [
        ("evil.example", StatusCode::MISDIRECTED_REQUEST),
        ("127.0.0.1.nip.io:8080", StatusCode::MISDIRECTED_REQUEST),
        ("127.0.0.1:8080", StatusCode::OK),
        ("[::1]:8080", StatusCode::OK),
        ("localhost:8080", StatusCode::OK),
        ("News.Example.org", StatusCode::OK),
    ] {
        let req = Request::get("/api/stats")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        let (status, kind, body) = call(&app, req).await;
        assert_eq!(status, want, "{host}: {body}");
        assert!(kind.starts_with("application/json"), "{host}: {kind}");
    }
    // before: a 1 MB body expanded to 1 GiB; now to 64 MiB at most
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, &vec![b' '; 100 << 20]).unwrap();
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1 << 20);
    let req = Request::post("/api/ingest")
        .header(header::AUTHORIZATION, "Bearer t")
        .body(Body::from(bomb))
        .unwrap();
    let (status, _, body) = call(&app, req).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let error = body["errors"][0].as_str().unwrap_or("");
    assert!(error.contains("64 MiB"), "{body}");
    // the security headers, on the UI and on the API
    for uri in ["/", "/api/stats", "/api/nothing"] {
        let res = app.clone().oneshot(get(uri)).await.unwrap();
        let h = res.headers();
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{uri}");
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{uri}: {csp}"
        );
    }
}

/// Issue #14, item 9: a long document is answered a part at a time, offsets those of the
/// whole text, with what is named in that part.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_document_is_answered_in_parts() {
    let pipeline = match dyad_core::Pipeline::load() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("note: skipping the long document test: {e}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("long.db");
    // some 2 MB of text (a million characters), a name in every few hundred sentences
    let filler = "Погода в регионе остается теплой и сухой. ";
    let named = "Министр обороны Великобритании Вернон Коакер совершил визит в Азербайджан. ";
    let text: String = (0..24_000)
        .map(|i| if i % 400 == 0 { named } else { filler })
        .collect();
    let line = serde_json::json!({"text": text, "date": "2025-12-05"}).to_string();
    let id = {
        let mut stored = dyad_store::StoredDocs::default();
        let mut ingestor = dyad_store::Ingestor::open(&db, &pipeline, &mut stored).unwrap();
        assert!(ingestor
            .add_input("long.jsonl", line.as_bytes())
            .unwrap()
            .is_empty());
        ingestor.finish().unwrap();
        let conn = dyad_store::open_read(&db).unwrap();
        conn.query_row("SELECT id FROM documents", [], |r| r.get::<_, String>(0))
            .unwrap()
    };
    let app = dyad_server::router(Arc::new(state(&db, None)));
    let res = app
        .clone()
        .oneshot(get(&format!("/api/documents/{id}")))
        .await
        .unwrap();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    // before: the whole text and every mention, 2 MB of text in more of JSON
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let total = body["text_chars"].as_u64().unwrap();
    assert_eq!(total as usize, text.trim().chars().count());
    assert_eq!(body["text"].as_str().unwrap().chars().count(), 100_000);
    let from = 800_000;
    let (status, _, part) = call(
        &app,
        get(&format!("/api/documents/{id}?from={from}&chars=20000")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{part}");
    assert_eq!(part["text_from"], from);
    let part_text: String = part["text"].as_str().unwrap().to_string();
    assert_eq!(
        part_text,
        text.trim()
            .chars()
            .skip(from)
            .take(20_000)
            .collect::<String>()
    );
    // mentions are of the part, at offsets of the whole text
    let mentions = part["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap().clone())
        .collect::<Vec<_>>();
    assert!(!mentions.is_empty(), "{part}");
    for m in &mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert!(e > from && s < from + 20_000, "{m}");
    }
    json_error(
        &app,
        get(&format!("/api/documents/{id}?chars=0")),
        StatusCode::BAD_REQUEST,
    )
    .await;
}

/// Issue #14, item 3: a connection that never finishes its headers is closed after
/// `HEADER_TIMEOUT` (before, it was held 45 s and more, and 20,000 of them starved the
/// server); a normal request is answered meanwhile.
#[test]
fn a_client_that_never_finishes_its_headers_is_let_go() {
    use std::io::{Read, Write};
    let Some((_dir, db)) = empty_store("slow") else {
        return;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let server_state = state(&db, None);
    let at = addr.clone();
    // the server lives until the test process ends
    std::thread::spawn(move || dyad_server::serve(server_state, &at));
    let connect = || {
        for _ in 0..100 {
            if let Ok(c) = std::net::TcpStream::connect(&addr) {
                return c;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the server did not start");
    };
    let mut slow = connect();
    slow.write_all(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1")
        .unwrap();
    let started = std::time::Instant::now();
    // meanwhile a normal request is answered
    let mut fast = connect();
    fast.write_all(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    fast.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let limit = dyad_server::HEADER_TIMEOUT + std::time::Duration::from_secs(5);
    slow.set_read_timeout(Some(limit)).unwrap();
    let mut rest = Vec::new();
    // the server closes it (EOF, perhaps after a 408); a read still waiting at the limit
    // is the failure
    match slow.read_to_end(&mut rest) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(e) => panic!("the slow connection was held {:?}: {e}", started.elapsed()),
    }
    assert!(started.elapsed() < limit, "{:?}", started.elapsed());
}
