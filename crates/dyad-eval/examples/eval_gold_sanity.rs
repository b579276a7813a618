//! Sanity check of the coreference, works and linking scorers: the gold itself as the
//! prediction must score F1 = 1, an empty prediction 0. Prints the gold counts.
//!
//!     cargo run --release -p dyad-eval --example eval_gold_sanity -- [FACTRU_DIR] [NEREL_DIR]
//!
//! Defaults: `../shared/bench/factru-2016/devset` and `../shared/bench/nerel-1.1/NEREL-v1.1/dev`.
use dyad_eval::coref::{gold_entities, score_coref, GoldEntity};
use dyad_eval::nerel::{
    counts, gold_link_predictions, gold_works, read_folder, score_linking, score_works, NerelDoc,
    PredictedWork,
};
use std::path::PathBuf;

fn check(what: &str, f1: f64, want: f64, bad: &mut usize) {
    let ok = (f1 - want).abs() < 1e-12;
    println!(
        "  {what:<36} F1 = {f1:.6}  {}",
        if ok { "ok" } else { "WRONG" }
    );
    if !ok {
        *bad += 1;
    }
}

/// The gold as whole chains: each WORKS_AS(P, Q) joined with each WORKPLACE(Q, O) into one
/// (P, Q, O), which also states (P, O) — implied by the gold, so neither right nor wrong.
fn gold_chains(doc: &NerelDoc) -> Vec<PredictedWork> {
    let span = |id: &str| doc.entity(id).map(|e| e.hull());
    let mut out = gold_works(doc);
    for wa in doc.relations.iter().filter(|r| r.kind == "WORKS_AS") {
        for wp in doc
            .relations
            .iter()
            .filter(|r| r.kind == "WORKPLACE" && r.arg1 == wa.arg2)
        {
            if let (Some(p), Some(q), Some(o)) = (span(&wa.arg1), span(&wa.arg2), span(&wp.arg2)) {
                out.push(PredictedWork {
                    person: p,
                    profession: Some(q),
                    organization: Some(o),
                });
            }
        }
    }
    out
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let factru = PathBuf::from(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("../shared/bench/factru-2016/devset"),
    );
    let nerel = PathBuf::from(
        args.get(2)
            .map(String::as_str)
            .unwrap_or("../shared/bench/nerel-1.1/NEREL-v1.1/dev"),
    );
    let mut bad = 0;

    println!("factRuEval-2016 coreference: {}", factru.display());
    let gold = score_coref(&factru, |doc| {
        gold_entities(&factru, &doc.name)
            .unwrap_or_default()
            .iter()
            .map(GoldEntity::as_predicted)
            .collect()
    })?;
    let empty = score_coref(&factru, |_| Vec::new())?;
    println!(
        "  gold: {} documents, {} mentions, {} entities ({} with 2+ mentions), {} with a Wikidata id",
        gold.documents, gold.gold_mentions, gold.gold_entities, gold.gold_chains, gold.gold_identified
    );
    for (name, s, want) in [("gold", &gold, 1.0), ("empty", &empty, 0.0)] {
        println!(" {name} as prediction:");
        check("mentions", s.mentions.f1(), want, &mut bad);
        check("mentions (exact)", s.mentions_exact.f1(), want, &mut bad);
        check("MUC", s.muc.f1(), want, &mut bad);
        check("B3", s.b3.f1(), want, &mut bad);
        check("coref (MUC+B3)/2", s.coref_f1(), want, &mut bad);
        check("coref (matched only)", s.coref_f1_matched(), want, &mut bad);
        check("identification", s.identification.f1(), want, &mut bad);
        check(
            "identification (strict)",
            s.identification_strict.f1(),
            want,
            &mut bad,
        );
    }
    println!("\n{gold}");

    println!("NEREL 1.1: {}", nerel.display());
    let c = counts(&read_folder(&nerel)?);
    println!(
        "  gold: {} documents, {} entities, {} relations; WORKS_AS {}, WORKPLACE {} (person → {} , profession → {}); links {} ({} to an item, {} NULL)",
        c.documents,
        c.entities,
        c.relations,
        c.works_as,
        c.workplace_person + c.workplace_profession,
        c.workplace_person,
        c.workplace_profession,
        c.links,
        c.links_to_items,
        c.links - c.links_to_items
    );
    let wg = score_works(&nerel, gold_works)?;
    let wc = score_works(&nerel, gold_chains)?;
    let we = score_works(&nerel, |_| Vec::new())?;
    let lg = score_linking(&nerel, gold_link_predictions)?;
    let le = score_linking(&nerel, |_| Vec::new())?;
    println!(" gold as prediction:");
    check("WORKS_AS", wg.works_as.f1(), 1.0, &mut bad);
    check("WORKPLACE", wg.workplace.f1(), 1.0, &mut bad);
    check("linking", lg.prf.f1(), 1.0, &mut bad);
    println!(" gold joined into person–office–organisation chains:");
    check("WORKS_AS", wc.works_as.f1(), 1.0, &mut bad);
    check("WORKPLACE", wc.workplace.f1(), 1.0, &mut bad);
    println!("  person → org pairs implied by the chains: {}", wc.implied);
    println!(" empty prediction:");
    check("WORKS_AS", we.works_as.f1(), 0.0, &mut bad);
    check("WORKPLACE", we.workplace.f1(), 0.0, &mut bad);
    check("linking", le.prf.f1(), 0.0, &mut bad);
    println!("\n{wg}");

    if bad > 0 {
        anyhow::bail!("{bad} sanity checks failed");
    }
    println!("all sanity checks passed");
    Ok(())
}
