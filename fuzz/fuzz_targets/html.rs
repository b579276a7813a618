//! The HTML reader on arbitrary text: no panic, the map of the body stays inside the source
//! and on char boundaries, furniture and article ranges inside the body.
#![no_main]

use dyad_doc::ingest::{check, html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let page = html::parse(&source);
    check::mapping(&source, &page.body).unwrap();
    check::ranges(page.body.text(), &page.furniture, page.article.as_ref()).unwrap();
    // the body never starts or ends with a separator
    let text = page.body.text();
    assert_eq!(text.trim_matches([' ', '\n']), text);
});
