//! The exports over a small store built from records made here: what each format holds for
//! known events, that the XML parses, and that the Parquet file reads back.
//!
//! The store's writer needs the morphology dictionary (`dyad models fetch`); where it is
//! absent the tests say so and pass without checking.

use dyad_record::Record;
use dyad_record::{ActorRef, EntityRecord, EventRecord, LocationRef, MentionRecord};
use dyad_store::export::{self, CSV_COLUMNS, PARQUET_COLUMNS};
use dyad_store::ingest::NewDocument;
use dyad_store::query::{self, DateRange, EventFilter, Paging};
use std::path::Path;

fn morph_or_skip(test: &str) -> Option<dyad_morph::Morph> {
    match dyad_morph::Morph::load() {
        Ok(m) => Some(m),
        Err(e) => {
            eprintln!("note: skipping {test}: {e}");
            None
        }
    }
}

fn mention(text: &str) -> MentionRecord {
    MentionRecord {
        start: 0,
        end: text.chars().count(),
        text: text.to_string(),
        view: (0, text.chars().count()),
    }
}

fn entity(id: &str, kind: &'static str, name: &str, actor: Option<&str>) -> EntityRecord {
    let state = actor.filter(|a| a.len() == 3 && a.chars().all(|c| c.is_ascii_uppercase()));
    EntityRecord {
        id: id.into(),
        kind,
        name: name.into(),
        wikidata: None,
        country: state
            .map(String::from)
            .or_else(|| (kind == "PER").then(|| "GBR".to_string())),
        sector: (kind != "GPE").then(|| "GOV".to_string()),
        office: None,
        mentions: vec![mention(name)],
        descriptions: Vec::new(),
        actor: actor.map(String::from),
    }
}

fn party(e: &EntityRecord) -> ActorRef {
    ActorRef {
        entity: e.id.clone(),
        name: e.name.clone(),
        country: e.country.clone(),
        sector: e.sector.clone(),
    }
}

#[allow(clippy::too_many_arguments)]
fn event(
    id: &str,
    kind: &str,
    mode: Option<&str>,
    actor: &[&EntityRecord],
    recipient: &[&EntityRecord],
    date: Option<&str>,
    score: f64,
    evidence: &str,
) -> EventRecord {
    EventRecord {
        id: id.into(),
        kind: kind.into(),
        mode: mode.map(String::from),
        contexts: vec![],
        actor: actor.iter().map(|e| party(e)).collect(),
        recipient: recipient.iter().map(|e| party(e)).collect(),
        date: date.map(String::from),
        date_precision: match date.map(str::len) {
            Some(10) => "day",
            Some(7) => "month",
            Some(4) => "year",
            _ => "unknown",
        },
        date_text: None,
        date_from: None,
        location: None,
        aux: None,
        claimed_by: None,
        score,
        evidence: mention(evidence),
        more_evidence: vec![],
        sources: 1,
        same_as: None,
    }
}

fn record(
    id: &str,
    outlet: &str,
    published: &str,
    title: &str,
    entities: Vec<EntityRecord>,
    events: Vec<EventRecord>,
) -> Record {
    let text: String = events
        .iter()
        .map(|e| e.evidence.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Record {
        schema: dyad_record::SCHEMA,
        id: id.into(),
        input: format!("{id}.txt"),
        published: Some(published.into()),
        published_from: dyad_doc::DateSource::Header,
        outlet: Some(outlet.into()),
        via: vec![],
        title: Some(title.into()),
        language: "ru",
        chars: text.chars().count(),
        boilerplate_chars: 0,
        duplicate_of: None,
        entities,
        events,
        format: dyad_doc::Format::Plain,
        encoding: "utf-8",
        sentences: 1,
        tokens: 1,
        text,
    }
}

/// An organisation whose name holds every character XML and CSV must escape.
const ODD_NAME: &str = "\"Рога & Копыта\" <ООО>, 'Баку'";

/// Two documents, four events: a visit told by both (one event, two claims), a sanction in
/// a month, an assault and an agreement between the states, and an undated statement with
/// two actors and no recipient.
fn small_store(dir: &Path, morph: &dyad_morph::Morph) -> std::path::PathBuf {
    let db = dir.join("small.db");
    let gbr = entity("e1", "GPE", "Великобритания", Some("GBR"));
    let aze = entity("e2", "GPE", "Азербайджан", Some("AZE"));
    let coaker = entity("e3", "PER", "Вернон Коакер", Some("coaker_vernon"));
    let odd = entity("e4", "ORG", ODD_NAME, None);
    let mut visit = event(
        "v1",
        "CONSULT",
        Some("visit"),
        &[&coaker],
        &[&aze],
        Some("2025-12-04"),
        4.0,
        "Вернон Коакер 4 декабря прибыл в Баку.",
    );
    visit.location = Some(LocationRef {
        name: "Баку".into(),
        country: Some("AZE".into()),
    });
    let mut sanction = event(
        "v2",
        "SANCTION",
        None,
        &[&aze],
        &[&odd],
        Some("2025-11"),
        -6.0,
        "В ноябре Азербайджан ввёл санкции против компании.",
    );
    sanction.contexts = vec!["economic".into(), "legal".into()];
    sanction.claimed_by = Some(party(&coaker));
    let statement = event(
        "v3",
        "STATEMENT",
        None,
        &[&gbr, &aze],
        &[],
        None,
        0.0,
        "Лондон и Баку выступили с заявлением.",
    );
    let a = record(
        "aaaaaaaaaaaaaaaa",
        "Report",
        "2025-12-05",
        "Визит Коакера",
        vec![gbr.clone(), aze.clone(), coaker.clone(), odd],
        vec![visit.clone(), sanction, statement],
    );
    let assault = event(
        "v2",
        "ASSAULT",
        None,
        &[&gbr],
        &[&aze],
        Some("2025-12-10"),
        -9.0,
        "Великобритания атаковала Азербайджан.",
    );
    let agree = event(
        "v3",
        "AGREE",
        None,
        &[&gbr],
        &[&aze],
        Some("2025-12-10"),
        2.5,
        "Великобритания и Азербайджан договорились.",
    );
    let b = record(
        "bbbbbbbbbbbbbbbb",
        "Trend",
        "2025-12-06",
        "Коакер в Баку",
        vec![gbr, aze, coaker],
        vec![
            EventRecord {
                id: "v1".into(),
                ..visit
            },
            assault,
            agree,
        ],
    );
    let mut w = dyad_store::Writer::open(&db, morph).expect("store opens");
    let docs: Vec<NewDocument> = [a, b]
        .into_iter()
        .map(|r| NewDocument {
            input: r.text.clone(),
            search_text: r.text.clone(),
            record: r,
        })
        .collect();
    w.add(docs).expect("documents stored");
    db
}

fn jsonl(conn: &rusqlite::Connection, range: &DateRange) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let n = export::write_jsonl(conn, range, &mut out)
        .expect("jsonl")
        .events;
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object a line"))
        .collect();
    assert_eq!(lines.len() as u64, n);
    lines
}

fn by_type<'a>(events: &'a [serde_json::Value], t: &str) -> &'a serde_json::Value {
    events
        .iter()
        .find(|e| e["event_type"] == t)
        .unwrap_or_else(|| panic!("no {t} event"))
}

#[test]
fn jsonl_holds_plover_records_with_their_claims() {
    let Some(morph) = morph_or_skip("jsonl_holds_plover_records_with_their_claims") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let conn = dyad_store::open_read(&small_store(dir.path(), &morph)).unwrap();
    let events = jsonl(&conn, &DateRange::default());
    assert_eq!(events.len(), 5, "the visit told twice is one event");
    let ids: Vec<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["1", "2", "3", "4", "5"],
        "in store order, ids as strings"
    );

    let visit = by_type(&events, "CONSULT");
    assert_eq!(visit["mode"], "visit");
    assert_eq!(visit["quad_code"], 1);
    assert_eq!(visit["event_date"], "2025-12-04");
    assert_eq!(visit["date_precision"], "day");
    assert_eq!(visit["actor"][0]["key"], "coaker_vernon");
    assert_eq!(visit["actor"][0]["name"], "Вернон Коакер");
    assert_eq!(visit["actor"][0]["country"], "GBR");
    assert_eq!(visit["actor"][0]["sector"], "GOV");
    assert_eq!(visit["recipient"][0]["key"], "AZE");
    assert_eq!(visit["location"]["name"], "Баку");
    assert_eq!(visit["location"]["country"], "AZE");
    assert_eq!(visit["score"], 4.0);
    assert_eq!(visit["num_sources"], 2, "Report and Trend");
    assert_eq!(visit["num_claims"], 2);
    let claims = visit["claims"].as_array().unwrap();
    let stories: Vec<&str> = claims
        .iter()
        .map(|c| c["story_id"].as_str().unwrap())
        .collect();
    assert_eq!(stories, ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"]);
    assert_eq!(claims[0]["source"], "Report");
    assert_eq!(claims[0]["publication_date"], "2025-12-05");
    assert_eq!(claims[0]["headline"], "Визит Коакера");
    assert_eq!(
        claims[1]["event_text"],
        "Вернон Коакер 4 декабря прибыл в Баку."
    );

    let sanction = by_type(&events, "SANCTION");
    assert_eq!(sanction["quad_code"], 4);
    assert_eq!(
        sanction["contexts"],
        serde_json::json!(["economic", "legal"])
    );
    assert_eq!(sanction["date_precision"], "month");
    assert_eq!(sanction["recipient"][0]["name"], ODD_NAME);
    assert_eq!(sanction["claims"][0]["claimed_by"]["name"], "Вернон Коакер");

    let statement = by_type(&events, "STATEMENT");
    assert_eq!(statement["quad_code"], serde_json::Value::Null);
    assert_eq!(statement["event_date"], serde_json::Value::Null);
    assert_eq!(statement["actor"].as_array().unwrap().len(), 2);
    assert_eq!(statement["recipient"], serde_json::json!([]));
}

#[test]
fn csv_has_gdelt_like_columns() {
    let Some(morph) = morph_or_skip("csv_has_gdelt_like_columns") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let conn = dyad_store::open_read(&small_store(dir.path(), &morph)).unwrap();
    let mut out = Vec::new();
    let n = export::write_csv(&conn, &DateRange::default(), &mut out)
        .unwrap()
        .events;
    assert_eq!(n, 5);
    let mut r = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CSV_COLUMNS);
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    let row = |t: &str| {
        rows.iter()
            .find(|r| &r[col("EventRootCode")] == t)
            .unwrap_or_else(|| panic!("no {t} row"))
    };

    let visit = row("CONSULT");
    assert_eq!(&visit[col("Day")], "20251204");
    assert_eq!(&visit[col("DatePrecision")], "day");
    assert_eq!(&visit[col("Actor1Name")], "Вернон Коакер");
    assert_eq!(&visit[col("Actor1CountryCode")], "GBR");
    assert_eq!(&visit[col("Actor1Type1Code")], "GOV");
    assert_eq!(&visit[col("Actor2Name")], "Азербайджан");
    assert_eq!(&visit[col("Actor2Type1Code")], "", "a state has no sector");
    assert_eq!(&visit[col("EventMode")], "visit");
    assert_eq!(&visit[col("QuadClass")], "1");
    assert_eq!(&visit[col("GoldsteinScale")], "4");
    assert_eq!(&visit[col("NumSources")], "2");
    assert_eq!(&visit[col("NumArticles")], "2");
    assert_eq!(&visit[col("ActionGeo_FullName")], "Баку");
    assert_eq!(&visit[col("ActionGeo_CountryCode")], "AZE");
    assert_eq!(&visit[col("SourceDocID")], "aaaaaaaaaaaaaaaa");
    assert_eq!(&visit[col("SourceOutlet")], "Report");

    let sanction = row("SANCTION");
    assert_eq!(&sanction[col("Day")], "", "only the month is known");
    assert_eq!(&sanction[col("MonthYear")], "202511");
    assert_eq!(&sanction[col("Year")], "2025");
    assert_eq!(
        &sanction[col("Actor2Name")],
        ODD_NAME,
        "quoted and read back"
    );
    assert_eq!(&sanction[col("Contexts")], "economic; legal");
    assert_eq!(&sanction[col("QuadClass")], "4");
    assert_eq!(&sanction[col("GoldsteinScale")], "-6");
    assert_eq!(&sanction[col("ClaimedBy")], "Вернон Коакер");

    let statement = row("STATEMENT");
    assert_eq!(&statement[col("Actor1Name")], "Великобритания; Азербайджан");
    assert_eq!(&statement[col("Actor1CountryCode")], "GBR; AZE");
    assert_eq!(&statement[col("Actor2Name")], "");
    assert_eq!(&statement[col("QuadClass")], "", "STATEMENT has no quad");
    assert_eq!(&statement[col("Year")], "");
}

#[test]
fn date_ranges_keep_what_the_queries_keep() {
    let Some(morph) = morph_or_skip("date_ranges_keep_what_the_queries_keep") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let conn = dyad_store::open_read(&small_store(dir.path(), &morph)).unwrap();
    for (from, to, want) in [
        (
            Some("2025-12"),
            Some("2025-12"),
            vec!["AGREE", "ASSAULT", "CONSULT"],
        ),
        // "2025-11" may be the 15th or later
        (
            Some("2025-11-15"),
            None,
            vec!["AGREE", "ASSAULT", "CONSULT", "SANCTION"],
        ),
        (None, Some("2025-12-04"), vec!["CONSULT", "SANCTION"]),
        (Some("2026"), None, vec![]),
    ] {
        let range = DateRange::new(from, to).unwrap();
        let mut types: Vec<String> = jsonl(&conn, &range)
            .iter()
            .map(|e| e["event_type"].as_str().unwrap().to_string())
            .collect();
        types.sort();
        assert_eq!(types, want, "from {from:?} to {to:?}");
        let filter = EventFilter::new(None, None, None, range).unwrap();
        let page = query::events(&conn, &filter, Paging::new(None, Some(500)).unwrap()).unwrap();
        let mut queried: Vec<String> = page.events.into_iter().map(|e| e.kind).collect();
        queried.sort();
        assert_eq!(
            types, queried,
            "`dyad events` agrees, from {from:?} to {to:?}"
        );
    }
}

fn attr<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    n.attribute(name)
        .unwrap_or_else(|| panic!("{} without {name}", n.tag_name().name()))
}

#[test]
fn graphs_are_well_formed_xml_with_directed_weighted_edges() {
    let Some(morph) = morph_or_skip("graphs_are_well_formed_xml_with_directed_weighted_edges")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let conn = dyad_store::open_read(&small_store(dir.path(), &morph)).unwrap();
    let all = DateRange::default();

    let g = export::relations(&conn, &all).unwrap();
    let edges: Vec<(&str, &str, i64)> = g
        .edges
        .iter()
        .map(|e| (e.source.as_str(), e.target.as_str(), e.events))
        .collect();
    let odd_key = ODD_NAME.to_lowercase();
    assert_eq!(
        edges,
        [
            ("GBR", "AZE", 2),
            ("AZE", odd_key.as_str(), 1),
            ("coaker_vernon", "AZE", 1)
        ],
        "most events first; the statement has no recipient, so no edge"
    );
    let gbr_aze = &g.edges[0];
    assert_eq!(
        (gbr_aze.cooperation, gbr_aze.conflict, gbr_aze.balance),
        (2.5, -9.0, -6.5)
    );
    let aze = g.nodes.iter().find(|n| n.key == "AZE").unwrap();
    assert_eq!(aze.events, 4, "visit, sanction, assault, agreement");
    assert_eq!(aze.kind.as_deref(), Some("GPE"));
    let (r, gr, _) = export::balance_colour(gbr_aze);
    assert!(r > gr, "a conflictual edge is reddish: {r} {gr}");

    let mut out = Vec::new();
    let w = export::write_gexf(&conn, &all, &mut out).unwrap();
    assert_eq!((w.nodes, w.edges), (4, 3));
    let text = String::from_utf8(out).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("GEXF is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some("http://gexf.net/1.3"));
    assert_eq!(attr(root, "version"), "1.3");
    let graph = root.children().find(|n| n.has_tag_name("graph")).unwrap();
    assert_eq!(attr(graph, "defaultedgetype"), "directed");
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .collect();
    assert_eq!(nodes.len(), 4);
    let id_of = |label: &str| {
        attr(
            *nodes.iter().find(|n| attr(**n, "label") == label).unwrap(),
            "id",
        )
    };
    assert!(
        nodes.iter().any(|n| attr(*n, "label") == ODD_NAME),
        "escaped and read back"
    );
    let edge = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("edge")
                && attr(*n, "source") == id_of("Великобритания")
                && attr(*n, "target") == id_of("Азербайджан")
        })
        .expect("an edge GBR → AZE");
    assert_eq!(attr(edge, "weight"), "2");
    let value = |n: roxmltree::Node, key: &str| {
        n.descendants()
            .find(|a| a.has_tag_name("attvalue") && attr(*a, "for") == key)
            .map(|a| attr(a, "value").to_string())
    };
    assert_eq!(value(edge, "balance").as_deref(), Some("-6.5"));
    assert_eq!(value(edge, "cooperation").as_deref(), Some("2.5"));
    assert!(edge
        .children()
        .any(|c| c.has_tag_name("color")
            && c.tag_name().namespace() == Some("http://gexf.net/1.3/viz")));

    let mut out = Vec::new();
    export::write_graphml(&conn, &all, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("GraphML is well-formed XML");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://graphml.graphdrawing.org/xmlns")
    );
    let data = |n: roxmltree::Node, key: &str| {
        n.children()
            .find(|d| d.has_tag_name("data") && attr(*d, "key") == key)
            .and_then(|d| d.text())
            .map(String::from)
    };
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .collect();
    assert_eq!(nodes.len(), 4);
    let node = |key: &str| {
        *nodes
            .iter()
            .find(|n| data(**n, "key").as_deref() == Some(key))
            .unwrap()
    };
    assert_eq!(data(node("AZE"), "label").as_deref(), Some("Азербайджан"));
    assert_eq!(data(node("AZE"), "node_events").as_deref(), Some("4"));
    assert_eq!(data(node(&odd_key), "label").as_deref(), Some(ODD_NAME));
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .collect();
    assert_eq!(edges.len(), 3);
    let e = edges
        .iter()
        .find(|e| {
            attr(**e, "source") == attr(node("GBR"), "id")
                && attr(**e, "target") == attr(node("AZE"), "id")
        })
        .expect("an edge GBR → AZE");
    assert_eq!(data(*e, "weight").as_deref(), Some("2"));
    assert_eq!(data(*e, "conflict").as_deref(), Some("-9"));
}

#[test]
fn parquet_reads_back() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let Some(morph) = morph_or_skip("parquet_reads_back") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let conn = dyad_store::open_read(&small_store(dir.path(), &morph)).unwrap();
    let path = dir.path().join("events.parquet");
    let file = std::fs::File::create(&path).unwrap();
    let n = export::write_parquet(&conn, &DateRange::default(), file)
        .unwrap()
        .events;
    assert_eq!(n, 5);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");

    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata().file_metadata();
    assert_eq!(meta.num_rows(), 5);
    let names: Vec<&str> = meta
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name())
        .collect();
    let want: Vec<&str> = PARQUET_COLUMNS.iter().map(|c| c.0).collect();
    assert_eq!(names, want);
    let col = |name: &str| want.iter().position(|c| *c == name).unwrap();
    let rows: Vec<parquet::record::Row> = reader
        .get_row_iter(None)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 5);
    let visit = rows
        .iter()
        .find(|r| r.get_string(col("event_type")).unwrap() == "CONSULT")
        .unwrap();
    assert_eq!(visit.get_long(col("event_id")).unwrap(), 1);
    assert_eq!(visit.get_string(col("event_date")).unwrap(), "2025-12-04");
    // 2025-12-04 is day 20426 since 1970-01-01
    let day = visit.get_column_iter().nth(col("event_day")).unwrap().1;
    assert_eq!(day, &parquet::record::Field::Date(20426));
    assert_eq!(visit.get_int(col("quad_code")).unwrap(), 1);
    assert_eq!(
        visit.get_string(col("actor_names")).unwrap(),
        "Вернон Коакер"
    );
    assert_eq!(visit.get_string(col("recipient_countries")).unwrap(), "AZE");
    assert_eq!(visit.get_double(col("score")).unwrap(), 4.0);
    assert_eq!(visit.get_long(col("num_sources")).unwrap(), 2);
    assert_eq!(visit.get_long(col("num_claims")).unwrap(), 2);
    assert_eq!(visit.get_string(col("location")).unwrap(), "Баку");
    let statement = rows
        .iter()
        .find(|r| r.get_string(col("event_type")).unwrap() == "STATEMENT")
        .unwrap();
    assert!(statement.get_string(col("event_date")).is_err(), "null");
    assert!(
        statement.get_string(col("recipient_names")).is_err(),
        "null"
    );
    assert_eq!(
        statement.get_string(col("actor_countries")).unwrap(),
        "GBR; AZE"
    );
}

/// More events than a page of the event stream: every one comes out once, in order.
#[test]
fn exports_stream_past_a_page() {
    let Some(morph) = morph_or_skip("exports_stream_past_a_page") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pages.db");
    let total = export::PAGE * 2 + 345;
    let gbr = entity("e1", "GPE", "Великобритания", Some("GBR"));
    let aze = entity("e2", "GPE", "Азербайджан", Some("AZE"));
    let start = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    let records: Vec<Record> = (0..total)
        .collect::<Vec<_>>()
        .chunks(5)
        .map(|chunk| {
            let events = chunk
                .iter()
                .map(|&i| {
                    // a day apart: each its own story
                    let day = (start + chrono::Days::new(i as u64)).to_string();
                    event(
                        &format!("v{i}"),
                        "CONSULT",
                        None,
                        &[&gbr],
                        &[&aze],
                        Some(&day),
                        2.5,
                        &format!("Встреча номер {i}."),
                    )
                })
                .collect();
            record(
                &format!("{:016x}", chunk[0]),
                "Report",
                "2025-01-01",
                "t",
                vec![gbr.clone(), aze.clone()],
                events,
            )
        })
        .collect();
    {
        let mut w = dyad_store::Writer::open(&db, &morph).unwrap();
        let docs: Vec<NewDocument> = records
            .into_iter()
            .map(|r| NewDocument {
                input: r.text.clone(),
                search_text: String::new(),
                record: r,
            })
            .collect();
        w.add(docs).unwrap();
    }
    let conn = dyad_store::open_read(&db).unwrap();
    let events = jsonl(&conn, &DateRange::default());
    assert_eq!(events.len(), total);
    let ids: Vec<usize> = events
        .iter()
        .map(|e| e["id"].as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(ids, (1..=total).collect::<Vec<_>>());

    let mut out = Vec::new();
    assert_eq!(
        export::write_csv(&conn, &DateRange::default(), &mut out)
            .unwrap()
            .events as usize,
        total
    );
    assert_eq!(
        csv::Reader::from_reader(out.as_slice()).records().count(),
        total
    );
    let g = export::relations(&conn, &DateRange::default()).unwrap();
    assert_eq!(g.edges.len(), 1);
    assert_eq!(g.edges[0].events as usize, total);
    assert_eq!(g.edges[0].cooperation, 2.5 * total as f64);
}
