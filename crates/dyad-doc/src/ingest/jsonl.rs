//! JSON Lines: one JSON object a line, each a document.
//!
//! Fields: `text` (required, a string: the article, plain text or HTML), and optionally
//! `date` (or `published`: `YYYY-MM-DD` or an ISO date-time, read as the date written there
//! → [`DateSource::Header`]), `url`, `title`, and the outlet as `outlet`, `source` or `site`
//! (→ `hints.site_name`). Other fields are ignored.
//!
//! Each record becomes its own [`Document`]: `input` is `PATH:LINE` (1-based line number)
//! and `source` is the decoded `text` field, so **offsets of a record are relative to its
//! `text`**, not to the file. When `text` holds HTML it is read with the HTML reader, and the
//! page's own hints fill what the record's fields leave open.
//!
//! A bad line (not JSON, not an object, no string `text`, blank `text`) gives an
//! [`InputError`] for `PATH:LINE` with the reason; the other lines go on. Blank lines are
//! skipped.

use super::detect::{looks_like_html, ExtHint};
use super::{html, parse_date, InputError};
use crate::{DateSource, Document, Format, Hints, MappedText};
use serde_json::{Map, Value};

/// Reads every record of a JSON Lines text.
pub fn read(input: &str, text: &str, encoding: &'static str) -> Vec<Result<Document, InputError>> {
    text.split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let name = format!("{input}:{}", i + 1);
            record(&name, line, encoding).map_err(|reason| InputError::new(name, reason))
        })
        .collect()
}

pub(super) fn record(name: &str, line: &str, encoding: &'static str) -> Result<Document, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(mut fields) = value else {
        return Err("not a JSON object".into());
    };
    let text = match fields.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err("\"text\" is not a string".into()),
        None => return Err("no \"text\" field".into()),
    };
    if text.trim().is_empty() {
        return Err("\"text\" is empty".into());
    }
    let hints = Hints {
        published: string(&fields, &["date", "published"])
            .and_then(parse_date)
            .map(|d| (d, DateSource::Header)),
        title: string(&fields, &["title"]).map(str::to_string),
        site_name: string(&fields, &["outlet", "source", "site"]).map(str::to_string),
        url: string(&fields, &["url"]).map(str::to_string),
    };
    let (body, furniture, article, hints) = if looks_like_html(&text, ExtHint::None) {
        let page = html::parse(&text);
        let hints = Hints {
            published: hints.published.or(page.hints.published),
            title: hints.title.or(page.hints.title),
            site_name: hints.site_name.or(page.hints.site_name),
            url: hints.url.or(page.hints.url),
        };
        (page.body, page.furniture, page.article, hints)
    } else {
        (MappedText::identity(&text), Vec::new(), None, hints)
    };
    Ok(Document {
        input: name.to_string(),
        source: text,
        format: Format::Jsonl,
        encoding,
        body,
        furniture,
        article,
        hints,
    })
}

/// A record that [`record`] reads back as `doc`: its text and the fields read from it (for a
/// store that must read the document again as it was).
pub(super) fn line_of(doc: &Document) -> String {
    let mut fields = Map::new();
    fields.insert("text".into(), Value::String(doc.source.clone()));
    let h = &doc.hints;
    if let Some((date, _)) = h.published {
        fields.insert(
            "date".into(),
            Value::String(date.format("%Y-%m-%d").to_string()),
        );
    }
    for (key, value) in [
        ("title", &h.title),
        ("outlet", &h.site_name),
        ("url", &h.url),
    ] {
        if let Some(v) = value {
            fields.insert(key.into(), Value::String(v.clone()));
        }
    }
    Value::Object(fields).to_string()
}

/// The first of `keys` that holds a non-blank string, trimmed.
fn string<'v>(fields: &'v Map<String, Value>, keys: &[&str]) -> Option<&'v str> {
    keys.iter()
        .filter_map(|k| fields.get(*k)?.as_str())
        .map(str::trim)
        .find(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn records_and_bad_lines() {
        let text = concat!(
            "{\"date\": \"2026-03-12\", \"url\": \"https://e.org/1\", \"title\": \"Т\", \"outlet\": \"Trend\", \"text\": \"Первая.\"}\n",
            "\n",
            "{\"text\": 5}\n",
            "not json\r\n",
            "[1, 2]\n",
            "{\"date\": \"2026-03-13T10:00:00+04:00\", \"text\": \"<p>Вторая &mdash; HTML</p>\"}\r\n",
            "{\"title\": \"no text\"}\n",
            "{\"text\": \"  \"}",
        );
        let out = read("feed.jsonl", text, "UTF-8");
        assert_eq!(out.len(), 7);
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.input, "feed.jsonl:1");
        assert_eq!(first.source, "Первая.");
        assert_eq!(first.body.text(), "Первая.");
        assert_eq!(first.hints.site_name.as_deref(), Some("Trend"));
        assert_eq!(
            first.hints.published,
            Some((
                NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
                DateSource::Header
            ))
        );
        let errs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errs[0], "feed.jsonl:3: \"text\" is not a string");
        assert!(
            errs[1].starts_with("feed.jsonl:4: not valid JSON"),
            "{}",
            errs[1]
        );
        assert_eq!(errs[2], "feed.jsonl:5: not a JSON object");
        assert_eq!(errs[3], "feed.jsonl:7: no \"text\" field");
        assert_eq!(errs[4], "feed.jsonl:8: \"text\" is empty");
        let html = out[4].as_ref().unwrap();
        assert_eq!(html.input, "feed.jsonl:6");
        assert_eq!(html.body.text(), "Вторая — HTML");
        assert_eq!(html.source, "<p>Вторая &mdash; HTML</p>");
        assert_eq!(
            html.hints.published.unwrap().0,
            NaiveDate::from_ymd_opt(2026, 3, 13).unwrap()
        );
    }

    #[test]
    fn a_record_written_back_reads_as_the_same_document() {
        let text = "{\"date\": \"2026-03-12T10:00:00+04:00\", \"url\": \"https://e.org/1\", \"title\": \"Т\", \"site\": \"Trend\", \"text\": \"Первая.\", \"x\": 1}";
        let doc = record("f:3", text, "UTF-8").unwrap();
        let again = record("f:3", &line_of(&doc), "UTF-8").unwrap();
        assert_eq!(again.source, doc.source);
        assert_eq!(again.hints, doc.hints);
        assert_eq!(again.body.text(), doc.body.text());
    }
}
