//! Every record dyad makes of the sample corpus (`samples/`) and of the seeds
//! (`../shared/corpus/seeds/`), kept whole in reviewed snapshot files (`snapshots/`), so any
//! change of output — an entity, an offset, an event, a link between documents — shows in
//! the diff. Each folder is read as `dyad extract` reads it: one stream, in name order.
//!
//! The seeds are real articles and are not ours to copy: their snapshots keep every field
//! but the article's own words (its text, title and evidence sentences), which are replaced
//! by their length and a hash, so a change of them still shows.
//!
//! A change meant: `INSTA_UPDATE=always cargo test -p dyad-core --test snapshots`, then
//! review the diff of `tests/snapshots/` (or `cargo insta review`). Needs the models; without
//! them the test prints a note and passes.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod common;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The records of every file under `dir`, as `dyad extract` prints them, as JSON.
fn records(pipeline: &dyad_core::Pipeline, dir: &Path) -> Vec<Value> {
    let mut stream = dyad_core::Stream::new(pipeline);
    dyad_doc::read_paths(&[dir.to_path_buf()])
        .map(|d| {
            let mut r = serde_json::to_value(stream.process(&d.expect("readable"))).unwrap();
            // where the folder is, not what dyad made of it
            let input = r["input"].as_str().unwrap().to_string();
            let root = dir.display().to_string();
            r["input"] = Value::String(input.replacen(&root, "DIR", 1));
            r
        })
        .collect()
}

/// A string of somebody else's article, as its length and a hash.
fn veiled(s: &str) -> Value {
    let hash = xxhash_rust::xxh3::xxh3_64(s.as_bytes());
    Value::String(format!("[{} chars, xxh3 {hash:016x}]", s.chars().count()))
}

/// The record without the article's own words.
fn without_article_text(mut r: Value) -> Value {
    for key in ["text", "title"] {
        if let Some(s) = r[key].as_str() {
            r[key] = veiled(s);
        }
    }
    let veil_span = |span: &mut Value| {
        if let Some(s) = span["text"].as_str() {
            span["text"] = veiled(s);
        }
    };
    if let Some(events) = r["events"].as_array_mut() {
        for e in events {
            veil_span(&mut e["evidence"]);
            if let Some(more) = e["more_evidence"].as_array_mut() {
                more.iter_mut().for_each(veil_span);
            }
        }
    }
    r
}

#[test]
fn the_sample_corpus_gives_the_reviewed_records() {
    let Some(pipeline) = common::pipeline_or_skip("the sample snapshots") else {
        return;
    };
    let records = records(&pipeline, &root().join("samples"));
    assert!(records.len() >= 6, "{} records", records.len());
    insta::assert_json_snapshot!("samples", records);
}

#[test]
fn the_seeds_give_the_reviewed_records() {
    let seeds = root().join("../shared/corpus/seeds");
    if !seeds.exists() {
        eprintln!(
            "note: {} is absent; the seed snapshots are skipped",
            seeds.display()
        );
        return;
    }
    let Some(pipeline) = common::pipeline_or_skip("the seed snapshots") else {
        return;
    };
    let records: Vec<Value> = records(&pipeline, &seeds)
        .into_iter()
        .map(without_article_text)
        .collect();
    assert_eq!(records.len(), 3);
    insta::assert_json_snapshot!("seeds", records);
}
