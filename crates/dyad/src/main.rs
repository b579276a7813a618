//! The `dyad` command: a thin layer over the library crates.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  dyad extract --json corpus/                 every document under corpus/, one JSON line each
  dyad extract --json page.html.gz news.jsonl  formats and encodings are detected
  cat article.txt | dyad extract --json -      read standard input
  dyad segment --factru ../shared/bench/factru-2016/devset
                                               score sentences and tokens against factRuEval";

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract { json: _, paths } => extract(&paths),
        Command::Segment { factru } => segment(&factru),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dyad: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn extract(paths: &[PathBuf]) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut pipeline = dyad_core::Pipeline::new();
    let mut failed = 0usize;
    let (stdin, files): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| p.as_os_str() == "-");
    let from_stdin = if stdin.is_empty() {
        Vec::new()
    } else {
        dyad_doc::read_stdin()
    };
    for item in dyad_doc::read_paths(&files).chain(from_stdin) {
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
        println!(
            "{name:<9} P={:.4} R={:.4} F1={:.4}",
            p.precision(),
            p.recall(),
            p.f1()
        );
    }
    println!("documents {}", s.documents);
    Ok(ExitCode::SUCCESS)
}
