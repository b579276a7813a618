//! The knowledge-base commands: `ingest`, `reprocess`, `actor`, `dyad`, `events`, `search`,
//! `export`. Thin: the store (`dyad-store`) does the work; this prints it.

use crate::args::{DateRange as RangeArgs, EventList, Format, PageArgs};
use anyhow::{Context, Result};
use dyad_store::query::{self, DateRange, EventFilter, EventView, Paging, QueryError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

fn progress(len: u64, what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} {what} [{{bar:30}}] {{pos}}/{{len}} files, {{msg}} ({{elapsed}}, eta {{eta}})"
        ))
        .expect("template is valid")
        .progress_chars("=> "),
    );
    if std::env::var_os("DYAD_NO_PROGRESS").is_some() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar
}

fn pipeline(what: &str) -> Result<dyad_core::Pipeline> {
    crate::load_pipeline()
        .with_context(|| format!("{what} needs the language models (`dyad models fetch`)"))
}

/// `dyad ingest --db FILE PATH…`
pub fn ingest(db: &Path, paths: &[PathBuf]) -> Result<ExitCode> {
    let started = Instant::now();
    let pipeline = pipeline("ingest")?;
    let mut stored = dyad_store::StoredDocs::default();
    let mut ingestor = dyad_store::Ingestor::open(db, &pipeline, &mut stored)?;
    // every file under the paths as `extract` reads them (links followed, what cannot be
    // read reported), and `-`: one step of the progress bar each
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let files: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let files = dyad_doc::input_files(&files);
    let bar = progress(files.len() as u64 + stdin as u64, "ingest");
    let mut failed = 0usize;
    let read = files
        .iter()
        .map(|f| match f {
            Ok(f) => dyad_doc::read_file_input(f),
            Err(e) => vec![Err(e.clone())],
        })
        .chain(stdin.then(dyad_doc::read_stdin));
    for items in read {
        for item in items {
            match item {
                Ok(doc) => {
                    ingestor.add(&doc)?;
                }
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("dyad: {e}"));
                }
            }
        }
        bar.inc(1);
        let s = ingestor.summary();
        bar.set_message(format!("{} stored, {} already there", s.stored, s.already));
    }
    ingestor.flush()?;
    bar.finish_and_clear();
    let stats = query_result(query::stats(ingestor.connection()))?;
    let summary = ingestor.finish()?;
    eprintln!(
        "dyad: stored {} new documents ({} already in the store, {} failed): {} entities, \
         {} event claims, {} new events, in {:.1} s",
        summary.stored,
        summary.already,
        failed,
        summary.entities,
        summary.claims,
        summary.new_events,
        started.elapsed().as_secs_f64()
    );
    eprintln!(
        "dyad: {} now holds {} documents, {} events, {} claims; see them with \
         `dyad serve --db {}`",
        db.display(),
        stats.documents,
        stats.events,
        stats.claims,
        db.display()
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `dyad reprocess --db FILE`: every stored document extracted again from its stored input.
pub fn reprocess(db: &Path) -> Result<ExitCode> {
    let started = Instant::now();
    let pipeline = pipeline("reprocess")?;
    let mut stored = dyad_store::StoredDocs::default();
    let mut ingestor = dyad_store::Ingestor::open(db, &pipeline, &mut stored)?;
    let bar = progress(0, "reprocess");
    let mut failed = 0;
    let summary = ingestor.reprocess(
        |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
        |e| {
            failed += 1;
            bar.suspend(|| eprintln!("dyad: {e}"));
        },
    )?;
    bar.finish_and_clear();
    eprintln!(
        "dyad: reprocessed documents: {} entities, {} event claims ({} new events), {} failed, in {:.1} s",
        summary.entities,
        summary.claims,
        summary.new_events,
        failed,
        started.elapsed().as_secs_f64()
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `dyad serve --db FILE [--addr] [--token] [--allow-host]`: the stages load on the first
/// ingest request.
pub fn serve(
    db: &Path,
    addr: &str,
    token: Option<String>,
    allow_hosts: &[String],
) -> Result<ExitCode> {
    let lemmatizer = Box::new(dyad_morph::Morph::load()?);
    let loader: dyad_server::AnalyzerLoader = Box::new(|| {
        dyad_core::Pipeline::load()
            .map(|p| Box::new(p) as dyad_server::SharedAnalyzer)
            .map_err(|e| e.to_string())
    });
    let state =
        dyad_server::AppState::open(db, token, lemmatizer, loader)?.allow_hosts(allow_hosts);
    dyad_server::serve(state, addr)?;
    Ok(ExitCode::SUCCESS)
}

fn open(db: &Path) -> Result<rusqlite::Connection> {
    Ok(dyad_store::open_read(db)?)
}

fn json_out<T: serde::Serialize>(v: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, v)?;
    writeln!(out)?;
    Ok(())
}

fn parties(v: &[query::Party]) -> String {
    v.iter()
        .map(|p| match &p.country {
            Some(c) if c != &p.key => format!("{} ({c})", p.name),
            _ => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The columns of an event list, shared by table and CSV.
const EVENT_COLUMNS: &[&str] = &[
    "date",
    "type",
    "mode",
    "actor",
    "recipient",
    "score",
    "aux",
    "contexts",
    "sources",
    "outlets",
    "evidence",
];

fn event_row(e: &EventView) -> Vec<String> {
    let outlets: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for c in &e.claims {
            let o = c
                .outlet
                .clone()
                .unwrap_or_else(|| c.doc[..8.min(c.doc.len())].to_string());
            if !v.contains(&o) {
                v.push(o);
            }
        }
        v
    };
    vec![
        e.date.clone().unwrap_or_default(),
        e.kind.clone(),
        e.mode.clone().unwrap_or_default(),
        parties(&e.actor),
        parties(&e.recipient),
        format!("{:+.1}", e.score),
        e.aux.clone().unwrap_or_default(),
        e.contexts.join(" "),
        e.sources.to_string(),
        outlets.join(", "),
        e.claims
            .first()
            .map(|c| c.evidence.clone())
            .unwrap_or_default(),
    ]
}

fn print_events(events: &[EventView], format: Format, table_evidence: bool) -> Result<()> {
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(EVENT_COLUMNS)?;
            for e in events {
                w.write_record(event_row(e))?;
            }
            w.flush()?;
        }
        _ => {
            let mut t = comfy_table::Table::new();
            t.load_preset(comfy_table::presets::UTF8_BORDERS_ONLY);
            t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
            let cols: Vec<&str> = EVENT_COLUMNS
                .iter()
                .copied()
                .filter(|c| table_evidence || *c != "evidence")
                .collect();
            t.set_header(cols.clone());
            for e in events {
                let row = event_row(e);
                t.add_row(
                    EVENT_COLUMNS
                        .iter()
                        .zip(row)
                        .filter(|(c, _)| cols.contains(c))
                        .map(|(_, v)| v)
                        .collect::<Vec<_>>(),
                );
            }
            let mut out = std::io::stdout().lock();
            writeln!(out, "{t}")?;
        }
    }
    Ok(())
}

/// Turns a query error into the command's exit: a bad question or an unknown name is the
/// user's (exit 2 with the message), a store failure an error.
fn query_result<T>(r: Result<T, QueryError>) -> Result<T> {
    r.map_err(|e| match e {
        QueryError::Ambiguous {
            message,
            candidates,
        } => {
            let list: Vec<String> = candidates
                .iter()
                .map(|c| {
                    format!(
                        "  {:<28} {} {}{} — {} mentions",
                        c.key,
                        c.name,
                        c.kind,
                        c.country
                            .as_deref()
                            .map(|s| format!(", {s}"))
                            .unwrap_or_default(),
                        c.mentions
                    )
                })
                .collect();
            anyhow::anyhow!("{message}:\n{}", list.join("\n"))
        }
        e => anyhow::anyhow!("{e}"),
    })
}

pub fn actor(db: &Path, name: &str, format: Format) -> Result<ExitCode> {
    let conn = open(db)?;
    // a name in any case form ("Алиевым") is read by its lemma
    let morph = dyad_morph::Morph::load()?;
    let page = query_result(query::actor(&conn, name, Some(&morph), 20))?;
    if format == Format::Json {
        json_out(&page)?;
        return Ok(ExitCode::SUCCESS);
    }
    if format == Format::Csv {
        print_events(&page.recent_events, Format::Csv, true)?;
        return Ok(ExitCode::SUCCESS);
    }
    let a = &page.actor;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} [{}] {}{}{}  — {} mentions",
        a.name,
        a.key,
        a.kind,
        a.country
            .as_deref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default(),
        a.wikidata
            .as_deref()
            .map(|w| format!(", wikidata {w}"))
            .unwrap_or_default(),
        page.mentions
    )?;
    for o in &a.offices {
        writeln!(
            out,
            "  {} {} — from {} to {}",
            o.office,
            o.of.as_deref().unwrap_or(""),
            o.from.as_deref().unwrap_or("?"),
            o.to.as_deref().unwrap_or("now")
        )?;
    }
    if !page.counterparts.is_empty() {
        let mut t = comfy_table::Table::new();
        t.load_preset(comfy_table::presets::UTF8_BORDERS_ONLY);
        t.set_header(["counterpart", "key", "events", "balance"]);
        for c in &page.counterparts {
            t.add_row([
                c.name.clone(),
                c.key.clone(),
                c.events.to_string(),
                format!("{:+.1}", c.balance),
            ]);
        }
        writeln!(out, "\ncounterparts\n{t}")?;
    }
    writeln!(out, "\nrecent events")?;
    drop(out);
    print_events(&page.recent_events, Format::Table, false)?;
    Ok(ExitCode::SUCCESS)
}

fn range(r: &RangeArgs) -> Result<DateRange> {
    query_result(DateRange::new(r.from.as_deref(), r.to.as_deref()))
}

fn paging(p: &PageArgs) -> Result<Paging> {
    query_result(Paging::new(Some(p.page), Some(p.per_page)))
}

pub fn dyad(db: &Path, a: &str, b: &str, list: &EventList) -> Result<ExitCode> {
    let (page_args, format) = (&list.page, list.format.get());
    let conn = open(db)?;
    let range = range(&list.range)?;
    let morph = dyad_morph::Morph::load()?;
    let page = query_result(query::dyad(
        &conn,
        a,
        b,
        Some(&morph),
        &range,
        paging(page_args)?,
    ))?;
    match format {
        Format::Json => json_out(&page)?,
        Format::Csv => print_events(&page.events, Format::Csv, true)?,
        Format::Table => {
            {
                let mut out = std::io::stdout().lock();
                writeln!(
                    out,
                    "{} [{}] — {} [{}]: {} events (page {} of {} a page)",
                    page.a.name,
                    page.a.key,
                    page.b.name,
                    page.b.key,
                    page.total,
                    page_args.page,
                    page_args.per_page
                )?;
            }
            print_events(&page.events, Format::Table, true)?;
            let mut t = comfy_table::Table::new();
            t.load_preset(comfy_table::presets::UTF8_BORDERS_ONLY);
            t.set_header(["month", "events", "cooperation", "conflict", "balance"]);
            for m in &page.months {
                t.add_row([
                    m.month.clone(),
                    m.events.to_string(),
                    format!("{:+.1}", m.cooperation),
                    format!("{:+.1}", m.conflict),
                    format!("{:+.1}", m.balance),
                ]);
            }
            let mut out = std::io::stdout().lock();
            writeln!(out, "\nby month\n{t}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `dyad events` filters on, beside the date range.
pub struct EventQuery<'a> {
    pub kind: Option<&'a str>,
    pub country: Option<&'a str>,
    pub context: Option<&'a str>,
}

pub fn events(db: &Path, q: EventQuery<'_>, list: &EventList) -> Result<ExitCode> {
    let format = list.format.get();
    let conn = open(db)?;
    let filter = query_result(EventFilter::new(
        q.kind,
        q.country,
        q.context,
        range(&list.range)?,
    ))?;
    let p = query_result(query::events(&conn, &filter, paging(&list.page)?))?;
    match format {
        Format::Json => json_out(&p)?,
        f => {
            if f == Format::Table {
                let mut out = std::io::stdout().lock();
                writeln!(
                    out,
                    "{}{} events (page {} of {} a page)",
                    if p.total_exact { "" } else { "more than " },
                    p.total,
                    p.page,
                    p.per_page
                )?;
            }
            print_events(&p.events, f, f == Format::Csv)?
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn search(db: &Path, q: &str, page_args: &PageArgs, format: Format) -> Result<ExitCode> {
    let conn = open(db)?;
    let searcher = dyad_store::search::Searcher::open(&dyad_store::search_dir(db))?;
    let morph = dyad_morph::Morph::load()?;
    let p = query_result(query::search(
        &conn,
        &searcher,
        &morph,
        q,
        paging(page_args)?,
    ))?;
    match format {
        Format::Json => json_out(&p)?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(["doc", "published", "outlet", "title", "score", "snippet"])?;
            for h in &p.results {
                w.write_record([
                    h.doc.as_str(),
                    h.published.as_deref().unwrap_or(""),
                    h.outlet.as_deref().unwrap_or(""),
                    h.title.as_deref().unwrap_or(""),
                    &format!("{:.3}", h.score),
                    &h.snippet,
                ])?;
            }
            w.flush()?;
        }
        Format::Table => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{} documents match {:?}", p.total, p.query)?;
            for h in &p.results {
                writeln!(
                    out,
                    "\n{}  {}  {}\n  {}\n  {}",
                    h.published.as_deref().unwrap_or("????-??-??"),
                    h.outlet.as_deref().unwrap_or("-"),
                    h.doc,
                    h.title.as_deref().unwrap_or("(no title)"),
                    h.snippet
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `dyad export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Events, one PLOVER record a line, with every claim.
    Jsonl,
    /// Events, one a row, GDELT-like columns.
    Csv,
    /// The relations graph for Gephi (GEXF 1.3).
    Gexf,
    /// The relations graph for networkx, igraph, yEd, Cytoscape.
    Graphml,
    /// Events as flat columns for DuckDB, Spark, BigQuery (needs --out).
    Parquet,
}

fn write_export<W: Write + Send>(
    conn: &rusqlite::Connection,
    format: ExportFormat,
    range: &DateRange,
    out: W,
) -> Result<dyad_store::export::Exported, dyad_store::export::ExportError> {
    use dyad_store::export as x;
    match format {
        ExportFormat::Jsonl => x::write_jsonl(conn, range, out),
        ExportFormat::Csv => x::write_csv(conn, range, out),
        ExportFormat::Gexf => x::write_gexf(conn, range, out),
        ExportFormat::Graphml => x::write_graphml(conn, range, out),
        ExportFormat::Parquet => x::write_parquet(conn, range, out),
    }
}

/// `dyad export --db FILE --format F [--out PATH] [--from] [--to]`
pub fn export(
    db: &Path,
    format: ExportFormat,
    out: Option<&Path>,
    range_args: &RangeArgs,
) -> Result<ExitCode> {
    use dyad_store::export::ExportError;
    let started = Instant::now();
    if format == ExportFormat::Parquet && out.is_none() {
        anyhow::bail!(
            "parquet is a binary file: name it with --out, e.g. `dyad export --format parquet \
             --out events.parquet`"
        );
    }
    let conn = open(db)?;
    let range = range(range_args)?;
    let Some(path) = out else {
        let stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
        // an I/O error stays one, so a closed pipe (`dyad export … | head`) ends quietly
        return match write_export(&conn, format, &range, stdout) {
            Ok(_) => Ok(ExitCode::SUCCESS),
            Err(ExportError::Io(e)) => Err(e.into()),
            Err(e) => Err(anyhow::anyhow!("{e}")),
        };
    };
    // written beside the target and renamed when whole: a failed export leaves no half file
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    let written = std::fs::File::create(&tmp)
        .map_err(anyhow::Error::from)
        .and_then(|f| {
            let w = write_export(&conn, format, &range, std::io::BufWriter::new(f))?;
            std::fs::rename(&tmp, path)?;
            Ok(w)
        });
    let w = match written {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(anyhow::anyhow!("{}: {e}", path.display()));
        }
    };
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let what = match format {
        ExportFormat::Gexf | ExportFormat::Graphml => {
            format!("{} nodes and {} edges", w.nodes, w.edges)
        }
        _ => format!("{} events", w.events),
    };
    let size = if size >= 1_000_000 {
        format!("{:.1} MB", size as f64 / 1e6)
    } else {
        format!("{:.1} kB", size as f64 / 1e3)
    };
    eprintln!(
        "dyad: wrote {what} to {} ({size}) in {:.2} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// `dyad check --db FILE`
pub fn check(db: &Path, repair: bool, json: bool) -> Result<ExitCode> {
    if repair {
        let started = Instant::now();
        let morph = dyad_morph::Morph::load()?;
        let w = dyad_store::Writer::rebuild_index(db, &morph)?;
        let n: i64 = w
            .connection()
            .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))?;
        eprintln!(
            "dyad: search index rebuilt from {n} stored documents in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    // a store too damaged to open as a store is a problem found (exit 1), checked as far
    // as SQLite reads it; only a missing file is the caller's mistake (exit 2)
    let (conn, unreadable) = match open(db) {
        Ok(c) => (c, None),
        Err(e) if db.is_file() => {
            let raw = rusqlite::Connection::open_with_flags(
                db,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            (raw, Some(format!("the store cannot be opened as one: {e}")))
        }
        Err(e) => return Err(e),
    };
    let mut r = dyad_store::check::check(&conn, Some(&dyad_store::search_dir(db)))?;
    r.problems.splice(0..0, unreadable);
    if json {
        json_out(&r)?;
        return Ok(if r.ok() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "documents {}", r.documents)?;
    writeln!(out, "events {}", r.events)?;
    writeln!(out, "claims {}", r.claims)?;
    writeln!(out, "unindexed {}", r.unindexed)?;
    for p in &r.problems {
        writeln!(out, "problem: {p}")?;
    }
    if r.ok() {
        writeln!(out, "{}: whole", db.display())?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{}: {} problems", db.display(), r.problems.len())?;
        Ok(ExitCode::from(1))
    }
}
