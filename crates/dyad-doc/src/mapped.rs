//! Text that remembers where each of its characters came from.
//!
//! Every stage after ingest works on a derived text (the visible text of an HTML page, the
//! article without its menus), yet the contract wants offsets into the original input. A
//! [`MappedText`] carries the derived text together with a piecewise-linear map back to the
//! source: a list of runs, each saying "these `len` bytes of the view start at that byte of
//! the source". Bytes inside a run map linearly; a run that stands for a source stretch that
//! is not its copy (an HTML entity, an inserted newline) is marked `exact = false`: its start
//! maps to the start of that stretch and its end to the stretch's end.

use std::ops::Range;

/// One piece of the map: `len` bytes of the view starting at `view` come from the source at `src`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub view: usize,
    pub src: usize,
    pub len: usize,
    /// Length of the source stretch this run stands for (equal to `len` when `exact`).
    pub src_len: usize,
    /// The source stretch has the same bytes as the view stretch (so offsets inside map 1:1).
    pub exact: bool,
}

/// A derived text with a map to byte offsets of the source text it was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    runs: Vec<Run>,
}

impl MappedText {
    /// The identity view of a whole source text.
    pub fn identity(source: &str) -> Self {
        Self::slice_of(source, 0..source.len())
    }

    /// The view of `source[range]`, mapped to its place in `source`.
    pub fn slice_of(source: &str, range: Range<usize>) -> Self {
        let mut m = MappedText::default();
        m.push_source(source, range);
        m
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// Appends `source[range]` verbatim.
    pub fn push_source(&mut self, source: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let view = self.text.len();
        self.text.push_str(&source[range.clone()]);
        if let Some(last) = self.runs.last_mut() {
            if last.exact && last.view + last.len == view && last.src + last.len == range.start {
                last.len += range.len();
                last.src_len += range.len();
                return;
            }
        }
        self.runs.push(Run {
            view,
            src: range.start,
            len: range.len(),
            src_len: range.len(),
            exact: true,
        });
    }

    /// Appends text that stands for the source stretch starting at `src` but is not a copy of
    /// it (a decoded entity, a collapsed space, a block break). `src` may be empty.
    pub fn push_synthetic(&mut self, text: &str, src: Range<usize>) {
        if text.is_empty() {
            return;
        }
        let view = self.text.len();
        self.text.push_str(text);
        self.runs.push(Run {
            view,
            src: src.start,
            len: text.len(),
            src_len: src.len(),
            exact: false,
        });
    }

    /// Appends a slice of another mapped text, keeping its mapping to the common source.
    pub fn push_mapped(&mut self, other: &MappedText, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let first = other.run_index(range.start);
        for run in &other.runs[first..] {
            if run.view >= range.end {
                break;
            }
            let lo = range.start.max(run.view);
            let hi = range.end.min(run.view + run.len);
            if lo >= hi {
                continue;
            }
            let piece = &other.text[lo..hi];
            if run.exact {
                let view = self.text.len();
                let src = run.src + (lo - run.view);
                self.text.push_str(piece);
                match self.runs.last_mut() {
                    Some(last)
                        if last.exact
                            && last.view + last.len == view
                            && last.src + last.len == src =>
                    {
                        last.len += piece.len();
                        last.src_len += piece.len();
                    }
                    _ => self.runs.push(Run {
                        view,
                        src,
                        len: piece.len(),
                        src_len: piece.len(),
                        exact: true,
                    }),
                }
            } else {
                self.push_synthetic(piece, run.src..run.src + run.src_len);
            }
        }
    }

    fn run_index(&self, view: usize) -> usize {
        match self.runs.binary_search_by(|r| r.view.cmp(&view)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// Source byte offset of a view byte offset. The end of the view maps to the end of the
    /// last run's source stretch.
    pub fn to_source(&self, view: usize) -> usize {
        if self.runs.is_empty() {
            return 0;
        }
        let run = &self.runs[self.run_index(view)];
        if view >= run.view + run.len {
            // past the end of this run: the end of its source stretch
            return run.src + run.src_len;
        }
        if run.exact {
            run.src + (view - run.view)
        } else {
            run.src
        }
    }

    /// Source byte offset just past the view byte at `view` (the end of a range ending there).
    fn end_to_source(&self, view: usize) -> usize {
        let run = &self.runs[self.run_index(view)];
        if run.exact && view < run.view + run.len {
            run.src + (view - run.view) + 1
        } else {
            run.src + run.src_len
        }
    }

    /// Source byte range of a view byte range.
    pub fn range_to_source(&self, range: Range<usize>) -> Range<usize> {
        let start = self.to_source(range.start);
        // map the last byte, then step past it, so a range never ends inside the next run
        let end = if range.end > range.start && !self.runs.is_empty() {
            self.end_to_source(range.end - 1)
        } else {
            start
        };
        start..end.max(start)
    }
}

/// Converts byte offsets of `text` to character offsets. `offsets` may come in any order;
/// the work is one pass over the text plus a sort.
pub fn byte_to_char_offsets(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let (mut byte, mut chars) = (0usize, 0usize);
    let bytes = text.as_bytes();
    for i in order {
        let target = offsets[i].min(text.len());
        while byte < target {
            // count a char at each byte that is not a UTF-8 continuation byte
            if bytes[byte] & 0xC0 != 0x80 {
                chars += 1;
            }
            byte += 1;
        }
        out[i] = chars;
    }
    out
}

/// Number of characters in `text`.
pub fn char_len(text: &str) -> usize {
    text.as_bytes()
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_one_to_one() {
        let m = MappedText::identity("абв где");
        assert_eq!(m.to_source(4), 4);
        assert_eq!(m.range_to_source(2..6), 2..6);
    }

    #[test]
    fn slices_compose_back_to_the_source() {
        let src = "menu\nСтатья о визите.\nfooter";
        let mut view = MappedText::default();
        let start = src.find('С').unwrap();
        let end = src.find("\nfooter").unwrap();
        view.push_source(src, start..end);
        let mut cleaned = MappedText::default();
        cleaned.push_mapped(&view, 0..view.len());
        let w = cleaned.text().find("визите").unwrap();
        let r = cleaned.range_to_source(w..w + "визите".len());
        assert_eq!(&src[r], "визите");
    }

    #[test]
    fn synthetic_pieces_map_to_their_origin() {
        let src = "a&amp;b";
        let mut m = MappedText::default();
        m.push_source(src, 0..1);
        m.push_synthetic("&", 1..6);
        m.push_source(src, 6..7);
        assert_eq!(m.text(), "a&b");
        assert_eq!(m.to_source(1), 1);
        assert_eq!(m.to_source(2), 6);
        assert_eq!(m.range_to_source(0..3), 0..7);
        assert_eq!(m.range_to_source(1..2), 1..6);
    }

    #[test]
    fn char_offsets() {
        let t = "аб c";
        assert_eq!(byte_to_char_offsets(t, &[5, 0, 2, 4]), vec![3, 0, 1, 2]);
        assert_eq!(char_len(t), 4);
    }
}
