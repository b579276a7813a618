//! What the integration tests share.
// each test binary uses a part of what is here
#![allow(dead_code)]

use dyad_core::Pipeline;

/// A pipeline with the language models, or `None` (with a note naming the test) where the
/// models are not fetched: such tests pass without checking.
pub fn pipeline_or_skip(test: &str) -> Option<Pipeline> {
    match Pipeline::load() {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("note: skipping {test}: {e}");
            None
        }
    }
}

/// The document `dir/file` under the repository root, or `None` (with a note) where the
/// folder is absent, as `../shared` is outside CI.
pub fn fixture_document(dir: &str, file: &str) -> Option<dyad_doc::Document> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir)
        .join(file);
    if !path.exists() {
        eprintln!("note: {} is absent; skipped", path.display());
        return None;
    }
    let doc = dyad_doc::read_paths(&[path])
        .next()
        .expect("one document")
        .expect("readable");
    Some(doc)
}
