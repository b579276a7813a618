//! The seed format: an optional first line ` date YYYY-MM-DD`, then the text.
//!
//! In the files we receive the header and the first sentence often share a line
//! (` date 2025-12-05 Отношения между…`), so the date is taken from the line's start and
//! the body begins right after it.

use crate::{DateSource, Document, Format, Hints, MappedText};
use chrono::NaiveDate;

/// The seed document of `text`, whose [`header`] gave `date` and `body_start`.
pub fn document(
    input: &str,
    text: String,
    encoding: &'static str,
    date: NaiveDate,
    body_start: usize,
) -> Document {
    Document {
        input: input.to_string(),
        body: MappedText::slice_of(&text, body_start..text.len()),
        source: text,
        format: Format::Seed,
        encoding,
        furniture: Vec::new(),
        article: None,
        hints: Hints {
            published: Some((date, DateSource::Header)),
            ..Hints::default()
        },
    }
}

/// The date of the header and the byte offset where the body starts.
pub fn header(text: &str) -> Option<(NaiveDate, usize)> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skipped = text.len() - t.len();
    let lead = t.len() - t.trim_start_matches([' ', '\t']).len();
    let rest = &t[lead..];
    let rest = rest.strip_prefix("date")?;
    let after_kw = rest.trim_start_matches([' ', '\t', ':']);
    if after_kw.len() == rest.len() {
        return None; // "date" must be followed by a separator
    }
    let date_str = after_kw.get(..10)?;
    let date = NaiveDate::parse_from_str(date_str, "%Y-%m-%d").ok()?;
    let mut pos = skipped + lead + 4 + (rest.len() - after_kw.len()) + 10;
    // the body: skip the blanks (and one line break) after the date
    let tail = &text[pos..];
    let trimmed = tail.trim_start_matches([' ', '\t']);
    pos += tail.len() - trimmed.len();
    if let Some(t) = trimmed
        .strip_prefix("\r\n")
        .or_else(|| trimmed.strip_prefix('\n'))
    {
        pos += trimmed.len() - t.len();
    } else if !trimmed.is_empty() && !trimmed.starts_with([' ', '\t', '\r', '\n']) {
        // the body continues on the header line
    }
    Some((date, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_on_the_same_line_as_the_text() {
        let t = " date 2025-12-05 Отношения между странами.";
        let (d, pos) = header(t).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2025, 12, 5).unwrap());
        assert_eq!(&t[pos..], "Отношения между странами.");
    }

    #[test]
    fn header_on_its_own_line() {
        let t = "date: 2024-01-31\nТекст.";
        let (_, pos) = header(t).unwrap();
        assert_eq!(&t[pos..], "Текст.");
    }

    #[test]
    fn no_header() {
        assert!(header("dated text").is_none());
        assert!(header(" date 2025-13-40 x").is_none());
        assert!(header("Просто текст").is_none());
    }
}
