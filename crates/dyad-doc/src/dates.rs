//! Dates written in Russian page text: "05 декабря, 2025", "08 Февраля 2025 15:05",
//! "17 февраля 2026, 09:42", "05.12.2025", "2025-12-05". Month words come from
//! `data/date_words.toml`.
//!
//! This module finds calendar dates for the document stage (when was the page published);
//! relative and partial dates inside the article belong to the event stage.

use chrono::NaiveDate;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Deserialize)]
struct DateWords {
    months: BTreeMap<String, Vec<String>>,
    publication_cues: Cues,
}

#[derive(Deserialize)]
struct Cues {
    phrases: Vec<String>,
}

struct Tables {
    /// lower-case month word → month number
    months: Vec<(String, u32)>,
    cues: Vec<String>,
    worded: Regex,
    numeric: Regex,
    iso: Regex,
    time: Regex,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let words: DateWords = toml::from_str(include_str!("../data/date_words.toml"))
        .expect("data/date_words.toml is valid");
    let mut months: Vec<(String, u32)> = words
        .months
        .iter()
        .flat_map(|(n, forms)| {
            let n: u32 = n.parse().expect("month numbers are 1..12");
            forms.iter().map(move |f| (f.to_lowercase(), n))
        })
        .collect();
    // longest first, so "февраля" wins over "фев"
    months.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    let alternation = months
        .iter()
        .map(|(w, _)| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|");
    Tables {
        worded: Regex::new(&format!(
            r"(?i)(?-u:\b)(?P<d>[0-3]?\d)\s+(?P<m>{alternation})\.?,?\s+(?P<y>(?:19|20)\d\d)(?-u:\b)"
        ))
        .expect("month regex"),
        numeric: Regex::new(r"(?-u:\b)(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?-u:\b)").expect("numeric date regex"),
        iso: Regex::new(r"(?-u:\b)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?-u:\b)").expect("iso date regex"),
        time: Regex::new(r"^[,\s|•·-]*(?:в\s+)?[0-2]?\d:[0-5]\d(?::[0-5]\d)?").expect("time regex"),
        months,
        cues: words.publication_cues.phrases.iter().map(|c| c.to_lowercase()).collect(),
    }
});

/// Month number of a month word in any listed form, case-insensitive.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    TABLES.months.iter().find(|(m, _)| m == w).map(|(_, n)| *n)
}

/// A calendar date found in text, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

/// Every full calendar date (day, month, year) written in `text`, in order.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let t = &*TABLES;
    let mut found = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return found;
    }
    // one pass of a date pattern: the month as a number or, for worded dates, a word
    let mut collect = |re: &Regex, worded: bool| {
        for caps in re.captures_iter(text) {
            let m = if worded {
                month_number(&caps["m"])
            } else {
                caps["m"].parse().ok()
            };
            let (d, y) = (caps["d"].parse().ok(), caps["y"].parse().ok());
            if let Some(date) = m
                .zip(d)
                .zip(y)
                .and_then(|((m, d), y)| NaiveDate::from_ymd_opt(y, m, d))
            {
                let all = caps.get(0).expect("group 0");
                found.push(FoundDate {
                    date,
                    start: all.start(),
                    end: all.end(),
                });
            }
        }
    };
    // a worded date needs a letter outside ASCII (the month), the others their separators
    if !text.is_ascii() {
        collect(&t.worded, true);
    }
    if text.contains('.') {
        collect(&t.numeric, false);
    }
    if text.contains('-') {
        collect(&t.iso, false);
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The date of a line that holds nothing but a date, perhaps with a time
/// ("05 декабря, 2025", "08 Февраля 2025 15:05", "17.02.2026 | 09:42").
pub fn date_line(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.len() > 60 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let first = find_dates(line).into_iter().next()?;
    let before =
        line[..first.start].trim_matches(|c: char| c.is_whitespace() || ",|•·-".contains(c));
    let mut after = &line[first.end..];
    let trimmed = after.trim_start();
    if let Some(rest) = trimmed
        .strip_prefix("года")
        .or_else(|| trimmed.strip_prefix("г."))
    {
        after = rest;
    }
    if let Some(m) = TABLES.time.find(after) {
        after = &after[m.end()..];
    }
    let after = after
        .trim_matches(|c: char| c.is_whitespace() || ",|•·-".contains(c) || c == 'г' || c == '.');
    let before_ok = before.is_empty() || TABLES.time.is_match(before);
    (before_ok && after.is_empty()).then_some(first.date)
}

/// The date that follows a publication cue in `line` ("Эта новость заархивирована с источника
/// 08 Февраля 2025 15:05", "Опубликовано: 05.12.2025").
pub fn cued_date(line: &str) -> Option<NaiveDate> {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let lower = line.to_lowercase();
    for cue in &TABLES.cues {
        if let Some(pos) = lower.find(cue.as_str()) {
            // lower-casing Cyrillic keeps byte lengths, so `pos` is valid in `line` too
            let tail = line.get(pos + cue.len()..)?;
            let head = tail.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
            if let Some(f) = find_dates(head).into_iter().next() {
                if head[..f.start].trim().is_empty() {
                    return Some(f.date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn worded_dates() {
        let f =
            find_dates("Визит состоялся 4 декабря 2025 года в Баку, а 05 Декабря, 2025 он улетел.");
        assert_eq!(
            f.iter().map(|f| f.date).collect::<Vec<_>>(),
            vec![d(2025, 12, 4), d(2025, 12, 5)]
        );
    }

    #[test]
    fn lines_that_are_only_dates() {
        assert_eq!(date_line("05 декабря, 2025"), Some(d(2025, 12, 5)));
        assert_eq!(date_line("08 Февраля 2025 15:05"), Some(d(2025, 2, 8)));
        assert_eq!(date_line("17 февраля 2026, 09:42"), Some(d(2026, 2, 17)));
        assert_eq!(date_line("12:40 | 03.11.2024"), Some(d(2024, 11, 3)));
        assert_eq!(date_line("2024-11-03"), Some(d(2024, 11, 3)));
        assert_eq!(
            date_line("5 декабря 2025 года, 14:30"),
            Some(d(2025, 12, 5))
        );
        assert_eq!(date_line("Визит 4 декабря 2025 года прошел успешно"), None);
        assert_eq!(date_line("31 февраля 2025"), None);
    }

    #[test]
    fn dates_after_a_cue() {
        assert_eq!(
            cued_date("Эта новость заархивирована с источника 08 Февраля 2025 15:05"),
            Some(d(2025, 2, 8))
        );
        assert_eq!(cued_date("Опубликовано: 05.12.2025"), Some(d(2025, 12, 5)));
        assert_eq!(cued_date("Опубликовано в рубрике Политика"), None);
    }

    #[test]
    fn month_words() {
        assert_eq!(month_number("Марте"), Some(3));
        assert_eq!(month_number("сент."), Some(9));
        assert_eq!(month_number("мартышка"), None);
    }
}
