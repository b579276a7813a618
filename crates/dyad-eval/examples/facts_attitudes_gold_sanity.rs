//! Sanity check of the facts and attitudes scorers: the gold itself as the prediction must
//! score F1 = 1, an empty prediction 0. Prints the scores.
//!
//!     cargo run --release -p dyad-eval --example facts_attitudes_gold_sanity -- [FACTRU_DIR] [RUSENTREL_DIR]
//!
//! Defaults: `../shared/bench/factru-2016/devset` and `../shared/bench/rusentrel-1.1`.
use dyad_eval::facts::{read_facts, score_facts, FactRuFact};
use dyad_eval::rusentrel::score_attitudes;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg =
        |i: usize, default: &str| PathBuf::from(args.get(i).map(String::as_str).unwrap_or(default));
    let factru = arg(1, "../shared/bench/factru-2016/devset");
    let rusentrel = arg(2, "../shared/bench/rusentrel-1.1");
    let mut bad = 0;

    println!("factRuEval-2016 facts: {}", factru.display());
    let gold = score_facts(&factru, |doc| {
        read_facts(&factru, &doc.name)
            .unwrap_or_default()
            .iter()
            .map(FactRuFact::as_predicted)
            .collect()
    })?;
    let empty = score_facts(&factru, |_| Vec::new())?;
    print!("gold as prediction:\n{gold}");
    println!("empty prediction: all F1={:.3}", empty.all.f1());
    bad += usize::from(gold.all.f1() != 1.0) + usize::from(empty.all.f1() != 0.0);

    println!("\nRuSentRel attitudes: {}", rusentrel.display());
    let gold = score_attitudes(&rusentrel, |d| {
        d.opinions
            .iter()
            .map(|o| (vec![o.source.clone()], vec![o.target.clone()], o.polarity))
            .collect()
    })?;
    let empty = score_attitudes(&rusentrel, |_| Vec::new())?;
    print!("gold as prediction:\n{gold}");
    println!("empty prediction: macro F1={:.3}", empty.macro_f1());
    bad += usize::from(gold.macro_f1() != 1.0 || gold.doc_averaged_f1() != 1.0)
        + usize::from(empty.macro_f1() != 0.0);

    if bad > 0 {
        anyhow::bail!("{bad} sanity check(s) failed");
    }
    println!("\nall sanity checks ok");
    Ok(())
}
