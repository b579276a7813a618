//! Checks shared by the fuzz targets: what must hold for every document, whatever the input.

use dyad_doc::{Document, MappedText};
use std::ops::Range;

/// Every run of the map lies inside `source` on char boundaries, the runs tile the view, and
/// an exact run is a copy of its source stretch.
pub fn check_mapped(source: &str, m: &MappedText) {
    let mut view = 0;
    for r in m.runs() {
        assert_eq!(r.view, view, "runs tile the view: {r:?}");
        assert!(r.len > 0, "empty run {r:?}");
        view += r.len;
        let end = r.src.checked_add(r.src_len).expect("overflow");
        assert!(end <= source.len(), "run past the source: {r:?}");
        assert!(
            source.is_char_boundary(r.src),
            "run starts inside a char: {r:?}"
        );
        assert!(
            source.is_char_boundary(end),
            "run ends inside a char: {r:?}"
        );
        assert!(m.text().is_char_boundary(r.view) && m.text().is_char_boundary(r.view + r.len));
        if r.exact {
            assert_eq!(r.len, r.src_len);
            assert_eq!(&m.text()[r.view..r.view + r.len], &source[r.src..end]);
        }
    }
    assert_eq!(view, m.len(), "runs cover the view");
    // mapping any range of the view gives a range of the source
    let step = (m.len() / 16).max(1);
    for a in (0..=m.len()).step_by(step) {
        let r = m.range_to_source(a..m.len());
        assert!(r.start <= r.end && r.end <= source.len(), "{r:?}");
    }
}

/// A range of `text` on char boundaries.
pub fn check_range(text: &str, r: &Range<usize>) {
    assert!(
        r.start < r.end && r.end <= text.len(),
        "{r:?} in {}",
        text.len()
    );
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
}

/// Everything that must hold for a document.
pub fn check_doc(d: &Document) {
    check_mapped(&d.source, &d.body);
    for r in &d.furniture {
        check_range(d.body.text(), r);
    }
    assert!(
        d.furniture.windows(2).all(|w| w[0].end < w[1].start),
        "furniture ranges sorted and apart"
    );
    if let Some(r) = &d.article {
        check_range(d.body.text(), r);
    }
    assert!(!d.input.is_empty());
}
