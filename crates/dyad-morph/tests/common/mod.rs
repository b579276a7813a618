//! Shared by the integration tests: the analyzer, loaded once, or `None` (with a note) when
//! the dictionary has not been fetched (`dyad models fetch`), so that the workspace's tests
//! pass with only a Rust toolchain.

use dyad_morph::Morph;
use std::sync::OnceLock;

pub fn morph() -> Option<&'static Morph> {
    static M: OnceLock<Option<Morph>> = OnceLock::new();
    let m = M.get_or_init(|| match Morph::load() {
        Ok(m) => Some(m),
        Err(e) => {
            eprintln!("dyad-morph tests that need the dictionary are skipped: {e}");
            None
        }
    });
    m.as_ref()
}
