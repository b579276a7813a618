//! The arguments several commands share, each defined once with its help: the store, a
//! date range, paging, the output format, the evaluation folders.

use std::path::PathBuf;

/// The store a command works on.
#[derive(clap::Args)]
pub struct DbArg {
    /// The store: a SQLite file, with its search index in FILE.search/.
    #[arg(long, value_name = "FILE", env = "DYAD_DB", default_value = "dyad.db")]
    pub db: PathBuf,
}

/// Which events: a date range, either end open.
#[derive(clap::Args)]
pub struct DateRange {
    /// Only events dated from this day, month or year on (YYYY, YYYY-MM or YYYY-MM-DD);
    /// undated events are left out of a bounded range.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only events dated up to this day, month or year (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

/// Which page of a list.
#[derive(clap::Args)]
pub struct PageArgs {
    /// The page to show, from 1.
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    /// Results a page (at most 500).
    #[arg(long, default_value_t = dyad_store::query::DEFAULT_PER_PAGE)]
    pub per_page: usize,
}

/// A list of events: which dates, which page, printed how.
#[derive(clap::Args)]
pub struct EventList {
    #[command(flatten)]
    pub range: DateRange,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub format: OutputFormat,
}

/// How query results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// The API's JSON, one object.
    Json,
    /// Comma-separated, one event (or document) a row.
    Csv,
}

/// The output format of a query command.
#[derive(clap::Args)]
pub struct OutputFormat {
    /// How to print the results.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Print JSON: the same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

impl OutputFormat {
    pub fn get(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.format
        }
    }
}

/// The output of a command whose one machine-readable output is JSON.
#[derive(clap::Args)]
pub struct JsonOutput {
    /// Print JSON (`dyad extract` prints nothing else: one record a line).
    #[arg(long, value_enum)]
    format: Option<JsonFormat>,
    /// Print JSON: the same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

/// The one format of [`JsonOutput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum JsonFormat {
    /// JSON: one object, or one a line for a stream of records.
    Json,
}

impl JsonOutput {
    /// Whether JSON was asked for.
    pub fn json(&self) -> bool {
        self.json || self.format.is_some()
    }
}

/// A factRuEval-2016 folder.
#[derive(clap::Args)]
pub struct FactruArg {
    /// A factRuEval folder (`book_N.txt` with its `.tokens`, `.spans`, `.objects`, `.coref`
    /// and `.facts` layers), e.g. ../shared/bench/factru-2016/devset.
    #[arg(long, value_name = "DIR")]
    pub factru: PathBuf,
}

/// A NEREL folder.
#[derive(clap::Args)]
pub struct NerelArg {
    /// A NEREL folder (`N.txt` and `N.ann` per document), e.g.
    /// ../shared/bench/nerel-1.1/NEREL-v1.1/dev.
    #[arg(long, value_name = "DIR")]
    pub nerel: PathBuf,
}
