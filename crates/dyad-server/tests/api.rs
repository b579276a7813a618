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
    let morph = match dyad_morph::Morph::load() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("note: skipping the API test: {e}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("api.db");
    drop(dyad_store::Writer::open(&db, &morph).unwrap());
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
    let Ok(morph) = dyad_morph::Morph::load() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ro.db");
    drop(dyad_store::Writer::open(&db, &morph).unwrap());
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
