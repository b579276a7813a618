//! The seed header parser and the seed path of `read_bytes`.
#![no_main]

use dyad_doc::ingest::{check, seed};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some((_, body)) = seed::header(&text) {
        assert!(body <= text.len() && text.is_char_boundary(body));
    }
    // with a header in front, so most inputs take the seed path
    let mut bytes = b" date 2025-12-05 ".to_vec();
    bytes.extend_from_slice(data);
    if let Ok(docs) = dyad_doc::read_bytes("seed.txt", &bytes) {
        for d in docs.iter().flatten() {
            check::document(d).unwrap();
        }
    }
});
