//! Prints every analysis of each word read from standard input (one word a line) as
//! tab-separated `word, index, normal form, tag, score, source`; for comparing with pymorphy
//! (`scripts/compare_pymorphy.py`) and for looking at what the analyzer does.
//!
//! `cargo run --release -p dyad-morph --example morph_dump <<< 'Мустафаевым'`

use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let morph = dyad_morph::Morph::load()?;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let word = line.trim_end_matches(['\r', '\n']);
        for (i, p) in morph.parse(word).iter().enumerate() {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{:.6}\t{:?}",
                word,
                i,
                p.normal_form,
                p.tag,
                p.score,
                p.source()
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
