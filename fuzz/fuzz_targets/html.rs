//! The HTML reader on arbitrary text: no panic, the map of the body stays inside the source
//! and on char boundaries, furniture and article ranges inside the body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let page = dyad_doc::ingest::html::parse(&source);
    dyad_fuzz::check_mapped(&source, &page.body);
    for r in &page.furniture {
        dyad_fuzz::check_range(page.body.text(), r);
    }
    if let Some(r) = &page.article {
        dyad_fuzz::check_range(page.body.text(), r);
    }
    // the body never holds markup-only whitespace at its ends
    let text = page.body.text();
    assert_eq!(text.trim_matches([' ', '\n']), text);
});
