//! `read_bytes` on arbitrary bytes: any outcome but a panic, and every document sound
//! (`dyad_doc::ingest::check::document`).
#![no_main]

use dyad_doc::ingest::check;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // the first byte picks a name, so the extension tie-breakers get exercised too
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) => (
            ["in.txt", "in.html", "in.jsonl", "-"][*b as usize % 4],
            rest,
        ),
        None => ("-", data),
    };
    if let Ok(docs) = dyad_doc::read_bytes(name, bytes) {
        for d in docs.iter().flatten() {
            check::document(d).unwrap();
        }
    }
});
