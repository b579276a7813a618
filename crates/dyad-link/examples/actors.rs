//! Prints the entities of text files as a table.
//!
//! `cargo run --release -p dyad-link --example actors -- [--date YYYY-MM-DD] FILE...`

use chrono::NaiveDate;
use dyad_mentions::Language;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut date = None;
    if let Some(i) = args.iter().position(|a| a == "--date") {
        if i + 1 < args.len() {
            date = NaiveDate::parse_from_str(&args[i + 1], "%Y-%m-%d").ok();
            args.drain(i..=i + 1);
        }
    }
    if args.is_empty() {
        eprintln!("usage: actors [--date YYYY-MM-DD] FILE...");
        std::process::exit(2);
    }
    let lang = match Language::load() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e} (run `dyad models fetch`)");
            std::process::exit(1);
        }
    };
    for path in &args {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let annotated = dyad_lang::Annotated::new(text.as_str(), date);
        let mentions = lang.mentions(&annotated);
        let entities = dyad_link::link(&lang, &annotated, &mentions);
        println!("== {path}");
        println!(
            "{:<4} {:<4} {:<36} {:<8} {:<6} {:<36} mentions",
            "id", "type", "name", "country", "sector", "office"
        );
        for e in entities {
            println!(
                "{:<4} {:<4} {:<36} {:<8} {:<6} {:<36} {}",
                e.id,
                e.kind.as_str(),
                e.name,
                e.country.as_deref().unwrap_or("-"),
                e.sector.as_deref().unwrap_or("-"),
                e.office.as_deref().unwrap_or("-"),
                e.mentions.len()
            );
        }
    }
}
