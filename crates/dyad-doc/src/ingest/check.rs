//! What every document ingest produces must satisfy, whatever the input: for the tests and
//! the fuzz targets (`fuzz/`), and for anyone who builds a [`MappedText`] by hand.

use crate::{Document, MappedText};
use std::ops::Range;

/// The map of `m` is sound for `source`: the runs tile the view, each lies inside `source`
/// on char boundaries, an exact run copies its source stretch, and mapping any view range
/// gives a source range.
pub fn mapping(source: &str, m: &MappedText) -> Result<(), String> {
    let text = m.text();
    let mut view = 0;
    for r in m.runs() {
        let fail = |what: &str| Err(format!("{what}: {r:?}"));
        if r.view != view || r.len == 0 {
            return fail("runs do not tile the view");
        }
        view += r.len;
        let Some(end) = r.src.checked_add(r.src_len).filter(|&e| e <= source.len()) else {
            return fail("run past the end of the source");
        };
        if !source.is_char_boundary(r.src) || !source.is_char_boundary(end) {
            return fail("run inside a character of the source");
        }
        if !text.is_char_boundary(r.view) || !text.is_char_boundary(r.view + r.len) {
            return fail("run inside a character of the view");
        }
        if r.exact && (r.len != r.src_len || text[r.view..view] != source[r.src..end]) {
            return fail("exact run differs from the source");
        }
    }
    if view != m.len() {
        return Err(format!("runs cover {view} of {} view bytes", m.len()));
    }
    let step = (m.len() / 16).max(1);
    for a in (0..=m.len()).step_by(step) {
        let r = m.range_to_source(a..m.len());
        if r.start > r.end || r.end > source.len() {
            return Err(format!("view {a}.. maps to {r:?}"));
        }
    }
    Ok(())
}

/// Furniture ranges are non-empty, sorted, apart and inside `body` on char boundaries; so is
/// the article range.
pub fn ranges(
    body: &str,
    furniture: &[Range<usize>],
    article: Option<&Range<usize>>,
) -> Result<(), String> {
    for r in furniture.iter().chain(article) {
        if r.start >= r.end || r.end > body.len() {
            return Err(format!("range {r:?} outside a body of {}", body.len()));
        }
        if !body.is_char_boundary(r.start) || !body.is_char_boundary(r.end) {
            return Err(format!("range {r:?} inside a character"));
        }
    }
    if !furniture.windows(2).all(|w| w[0].end < w[1].start) {
        return Err("furniture ranges not sorted and apart".into());
    }
    Ok(())
}

/// Everything above for one document.
pub fn document(d: &Document) -> Result<(), String> {
    mapping(&d.source, &d.body)?;
    ranges(d.body.text(), &d.furniture, d.article.as_ref())
}
