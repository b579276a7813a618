//! Document metadata on the sample corpus and the seeds, against `fixtures/documents.toml`.

use dyad_core::{Pipeline, Record};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Fixture {
    doc: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    dir: String,
    file: String,
    record: Option<usize>,
    published: Option<String>,
    published_from: String,
    outlet: Option<String>,
    via: Option<Vec<String>>,
    title: Option<String>,
    format: Option<String>,
    encoding: Option<String>,
    duplicate_of: Option<String>,
    #[serde(default)]
    absent: Vec<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Records of every file of `dir`, in name order, through one pipeline (so reprints are seen).
fn records(dir: &Path) -> Vec<Record> {
    let pipeline = Pipeline::new();
    let mut stream = dyad_core::Stream::new(&pipeline);
    dyad_doc::read_paths(&[dir.to_path_buf()])
        .map(|d| stream.process(&d.expect("sample documents are readable")))
        .collect()
}

#[test]
fn document_metadata_is_what_a_reader_sees() {
    let fixture: Fixture = toml::from_str(include_str!("fixtures/documents.toml")).unwrap();
    let mut by_dir: HashMap<String, Vec<Record>> = HashMap::new();
    let mut checked = 0;
    for e in &fixture.doc {
        let dir = root().join(&e.dir);
        if !dir.exists() {
            eprintln!("skipping {}: {} is absent", e.file, dir.display());
            continue;
        }
        let recs = by_dir.entry(e.dir.clone()).or_insert_with(|| records(&dir));
        let input = match e.record {
            Some(n) => format!("{}:{n}", dir.join(&e.file).display()),
            None => dir.join(&e.file).display().to_string(),
        };
        let r = recs
            .iter()
            .find(|r| r.input == input)
            .unwrap_or_else(|| panic!("no record for {input}"));
        let json = serde_json::to_value(r).unwrap();
        let what = &e.file;
        assert_eq!(r.published, e.published, "{what}: published");
        assert_eq!(
            json["published_from"], e.published_from,
            "{what}: published_from"
        );
        if e.outlet.is_some() || e.via.is_some() {
            assert_eq!(r.outlet, e.outlet, "{what}: outlet");
        }
        if let Some(via) = &e.via {
            assert_eq!(&r.via, via, "{what}: via");
        }
        if let Some(t) = &e.title {
            assert_eq!(r.title.as_ref(), Some(t), "{what}: title");
        }
        if let Some(f) = &e.format {
            assert_eq!(json["format"], *f, "{what}: format");
        }
        if let Some(enc) = &e.encoding {
            assert_eq!(r.encoding, enc, "{what}: encoding");
        }
        let original = e.duplicate_of.as_ref().map(|f| {
            let path = dir.join(f).display().to_string();
            recs.iter()
                .find(|o| o.input == path)
                .unwrap_or_else(|| panic!("no record for {path}"))
                .id
                .clone()
        });
        assert_eq!(r.duplicate_of, original, "{what}: duplicate_of");
        for a in &e.absent {
            assert!(
                !r.text.contains(a.as_str()),
                "{what}: furniture {a:?} survived cleaning:\n{}",
                r.text
            );
        }
        assert!(r.chars > 0, "{what}: nothing kept");
        checked += 1;
    }
    assert!(checked >= 7, "the sample corpus is always there");
}
