//! What the integration tests share.

use dyad_core::Pipeline;

/// A pipeline with the language models, or `None` (with a note naming the test) where the
/// models are not fetched: such tests pass without checking.
pub fn pipeline_or_skip(test: &str) -> Option<Pipeline> {
    match dyad_mentions::Language::load() {
        Ok(l) => Some(Pipeline::with_language(l)),
        Err(e) => {
            eprintln!("note: skipping {test}: {e}");
            None
        }
    }
}
