//! Dates written in a sentence, absolute ("4 декабря 2025 года", "в октябре 2025 года",
//! "в 2023 году"), relative to the publication date ("минувшим днем", "в марте этого
//! года", "в этом году", "весной прошлого года", "в понедельник" — the last Monday up to
//! the publication), and relative to the last dated event of the text ("на следующий
//! день", "через два дня", "накануне" — the day before it, or before the publication when
//! the text dated nothing yet). A date is never invented: an expression that cannot be
//! resolved (a relative one without its anchor) is left out.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A date expression: the tokens it covers and what it resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// Token range (indices into the segmentation), end exclusive.
    pub tokens: (usize, usize),
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// Relative to the last dated event of the text ("на следующий день": +1), resolved by
    /// the caller; `year`, `month`, `day` are then unset.
    pub after_event: Option<i64>,
    /// Resolved against the publication date rather than written out.
    pub relative: bool,
}

impl DateExpr {
    /// A day resolved against the publication date.
    fn day_of(d: NaiveDate, tokens: (usize, usize)) -> DateExpr {
        DateExpr {
            tokens,
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
            after_event: None,
            relative: true,
        }
    }

    /// `days` after the last dated event.
    fn after(tokens: (usize, usize), days: i64) -> DateExpr {
        DateExpr {
            tokens,
            year: 0,
            month: None,
            day: None,
            after_event: Some(days),
            relative: true,
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn value(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

#[derive(Deserialize)]
struct Words {
    days: HashMap<String, i64>,
    years: HashMap<String, i32>,
    seasons: Vec<String>,
    after_event: HashMap<String, i64>,
    weekdays: HashMap<String, u32>,
    numbers: HashMap<String, i64>,
    later: Vec<String>,
    day_units: HashMap<String, i64>,
}

/// The word lists, split into words once.
struct Tables {
    words: Words,
    /// Relative-day phrases as words, with their offsets.
    days: Vec<(Vec<String>, i64)>,
    /// Phrases after (or before) the last dated event, with their offsets.
    after_event: Vec<(Vec<String>, i64)>,
    /// Weekday phrases, with the day of the week (Monday 1).
    weekdays: Vec<(Vec<String>, u32)>,
    /// Every word that can begin a date expression other than a number or a month.
    starters: std::collections::HashSet<String>,
}

static WORDS: LazyLock<Tables> = LazyLock::new(|| {
    let words: Words = toml::from_str(include_str!("../data/date_words.toml"))
        .expect("data/date_words.toml parses");
    let split = |p: &str| p.split(' ').map(str::to_string).collect::<Vec<_>>();
    let days: Vec<(Vec<String>, i64)> = words.days.iter().map(|(p, d)| (split(p), *d)).collect();
    let after_event: Vec<(Vec<String>, i64)> = words
        .after_event
        .iter()
        .map(|(p, d)| (split(p), *d))
        .collect();
    let weekdays: Vec<(Vec<String>, u32)> =
        words.weekdays.iter().map(|(p, d)| (split(p), *d)).collect();
    let starters = days
        .iter()
        .map(|(p, _)| p[0].clone())
        .chain(after_event.iter().map(|(p, _)| p[0].clone()))
        .chain(weekdays.iter().map(|(p, _)| p[0].clone()))
        .chain(words.later.iter().cloned())
        .chain(words.seasons.iter().cloned())
        .chain(words.years.keys().cloned())
        .collect();
    Tables {
        words,
        days,
        after_event,
        weekdays,
        starters,
    }
});

/// Whether `w` could be a month word (a cheap test before the month table).
fn may_be_month(w: &str) -> bool {
    w.chars().count() >= 3
        && w.starts_with(['я', 'ф', 'м', 'а', 'и', 'с', 'о', 'н', 'д'])
        && dyad_doc::dates::month_number(w).is_some()
}

fn year_of(w: &str) -> Option<i32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn day_of(w: &str) -> Option<u32> {
    (w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// The date expressions among `words` (lower-case tokens of one sentence, the first at
/// token index `offset`), resolved against `published`.
pub fn find(words: &[String], offset: usize, published: Option<NaiveDate>) -> Vec<DateExpr> {
    let t = &*WORDS;
    let w = &t.words;
    let mut out = Vec::new();
    let mut i = 0;
    let at = |k: usize| words.get(k).map(String::as_str).unwrap_or("");
    let phrase_at = |k: usize, p: &[String]| {
        p.iter()
            .enumerate()
            .all(|(j, x)| at(k + j) == x)
            .then_some(p.len())
    };
    while i < words.len() {
        let first = at(i);
        if !first.starts_with(|c: char| c.is_ascii_digit())
            && !t.starters.contains(first)
            && !may_be_month(first)
        {
            i += 1;
            continue;
        }
        // relative days: "минувшим днем", "вчера"
        if let Some((n, days)) = t
            .days
            .iter()
            .filter_map(|(p, d)| phrase_at(i, p).map(|n| (n, *d)))
            .max_by_key(|(n, _)| *n)
        {
            if let Some(d) = published.and_then(|p| p.checked_add_signed(Duration::days(days))) {
                out.push(DateExpr::day_of(d, (offset + i, offset + i + n)));
            }
            i += n;
            continue;
        }
        // after the last dated event: "на следующий день", "накануне"
        if let Some((n, days)) = t
            .after_event
            .iter()
            .filter_map(|(p, d)| phrase_at(i, p).map(|n| (n, *d)))
            .max_by_key(|(n, _)| *n)
        {
            out.push(DateExpr::after((offset + i, offset + i + n), days));
            i += n;
            continue;
        }
        // "через два дня", "спустя неделю": a number (a word or digits, or none for one)
        // and a unit of days
        if w.later.iter().any(|l| l == first) {
            let number = w.numbers.get(at(i + 1)).copied().or_else(|| {
                at(i + 1)
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (1..=60).contains(n))
            });
            let (n, unit_at) = match number {
                Some(n) => (n, i + 2),
                None => (1, i + 1),
            };
            if let Some(unit) = w.day_units.get(at(unit_at)) {
                out.push(DateExpr::after(
                    (offset + i, offset + unit_at + 1),
                    n * unit,
                ));
                i = unit_at + 1;
                continue;
            }
        }
        // "в понедельник": the last such weekday up to the publication
        if let Some((n, wd)) = t
            .weekdays
            .iter()
            .filter_map(|(p, d)| phrase_at(i, p).map(|n| (n, *d)))
            .max_by_key(|(n, _)| *n)
        {
            if let Some(p) = published {
                let back = (p.weekday().number_from_monday() + 7 - wd) % 7;
                if let Some(d) = p.checked_sub_signed(Duration::days(back as i64)) {
                    out.push(DateExpr::day_of(d, (offset + i, offset + i + n)));
                }
            }
            i += n;
            continue;
        }
        // "с 2022 года", "до 2030 года": a bound of a period, not the event's date
        if i > 0
            && matches!(
                at(i - 1),
                "с" | "со" | "до" | "после" | "к" | "начиная" | "по"
            )
        {
            i += 1;
            continue;
        }
        let start = i;
        let day = day_of(at(i)).filter(|_| dyad_doc::dates::month_number(at(i + 1)).is_some());
        let mut k = if day.is_some() { i + 1 } else { i };
        // a month word in full ("мая" is one; "мар" is an abbreviation, not read in prose)
        let month = dyad_doc::dates::month_number(at(k))
            .filter(|_| at(k).chars().count() > 3 || matches!(at(k), "май" | "мая" | "мае"));
        let season = w.seasons.iter().any(|s| s == at(k));
        if month.is_some() || season {
            k += 1;
        }
        // the year: a number, or "этого/прошлого года"
        let mut year: Option<i32> = None;
        if let Some(y) = year_of(at(k)) {
            year = Some(y);
            k += 1;
            if matches!(at(k), "года" | "году" | "г" | "г.") {
                k += 1;
            }
        } else if let (Some(off), true) = (w.years.get(at(k)), matches!(at(k + 1), "года" | "году"))
        {
            year = published.map(|p| p.year() + off);
            k += 2;
        }
        let found = match (month, season, year) {
            // "в октябре 2025 года", "4 декабря 2025 года", "в марте этого года"
            (Some(m), _, Some(y)) => Some((y, Some(m), day)),
            // "в марте": the last such month up to the publication
            (Some(m), _, None) => published.map(|p| {
                let y = if m > p.month() {
                    p.year() - 1
                } else {
                    p.year()
                };
                (y, Some(m), day)
            }),
            (None, true, Some(y)) => Some((y, None, None)),
            (None, false, Some(y)) => Some((y, None, None)),
            _ => None,
        };
        // "в этом году": a year word before "году" with no month
        let found = found.or_else(|| {
            (month.is_none() && !season)
                .then(|| {
                    let off = w.years.get(at(i))?;
                    matches!(at(i + 1), "году" | "года").then_some(())?;
                    k = i + 2;
                    published.map(|p| (p.year() + off, None, None))
                })
                .flatten()
        });
        match found {
            Some((year, month, day)) if k > start => {
                let valid = match (month, day) {
                    (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d).is_some(),
                    _ => true,
                };
                if valid {
                    // written out when it names its year; else read against the publication
                    let written = year_of(at(k.saturating_sub(1)))
                        .or_else(|| year_of(at(k.saturating_sub(2))))
                        .is_some();
                    out.push(DateExpr {
                        tokens: (offset + start, offset + k),
                        year,
                        month,
                        day,
                        after_event: None,
                        relative: !written,
                    });
                }
                i = k;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str, published: &str) -> Vec<String> {
        let words: Vec<String> = s.split_whitespace().map(|w| w.to_lowercase()).collect();
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        find(&words, 0, p).iter().map(DateExpr::value).collect()
    }

    #[test]
    fn absolute_dates_at_their_precision() {
        assert_eq!(
            dates("совершил 4 декабря 2025 года визит", ""),
            vec!["2025-12-04"]
        );
        assert_eq!(dates("в октябре 2025 года в Лондоне", ""), vec!["2025-10"]);
        assert_eq!(dates("в 2023 году", ""), vec!["2023"]);
        assert_eq!(dates("в конце января 2025 года", ""), vec!["2025-01"]);
        assert_eq!(dates("8 августа 2025 года", ""), vec!["2025-08-08"]);
        assert_eq!(dates("12 мая 2025 года", ""), vec!["2025-05-12"]);
        assert!(dates("31 февраля 2025 года", "").is_empty());
        // bounds of a period are not the date of an event
        assert!(dates("впервые с 2022 года", "").is_empty());
        assert!(dates("до 2030 года", "").is_empty());
    }

    #[test]
    fn relative_dates_against_the_publication() {
        assert_eq!(
            dates("Минувшим днем посол", "2025-12-05"),
            vec!["2025-12-04"]
        );
        assert_eq!(
            dates("в марте этого года мы", "2025-12-05"),
            vec!["2025-03"]
        );
        assert_eq!(dates("в этом году эмбарго", "2025-12-05"), vec!["2025"]);
        assert_eq!(dates("весной прошлого года", "2025-12-05"), vec!["2024"]);
        // a month later than the publication's is last year's
        assert_eq!(dates("В марте", "2025-12-04"), vec!["2025-03"]);
        assert_eq!(dates("В декабре", "2026-02-10"), vec!["2025-12"]);
        // without a publication date nothing relative is resolved
        assert!(dates("в этом году", "").is_empty());
        assert!(dates("в марте", "").is_empty());
    }

    #[test]
    fn weekdays_are_the_last_up_to_the_publication() {
        // 2025-12-05 was a Friday
        assert_eq!(
            dates("В понедельник министр", "2025-12-05"),
            vec!["2025-12-01"]
        );
        assert_eq!(dates("в пятницу министр", "2025-12-05"), vec!["2025-12-05"]);
        assert_eq!(dates("в субботу министр", "2025-12-05"), vec!["2025-11-29"]);
        assert!(dates("в понедельник", "").is_empty());
    }

    #[test]
    fn days_after_the_last_event_are_left_to_the_caller() {
        let after = |s: &str| {
            let words: Vec<String> = s.split_whitespace().map(|w| w.to_lowercase()).collect();
            find(&words, 0, None)
                .iter()
                .map(|d| d.after_event)
                .collect::<Vec<_>>()
        };
        assert_eq!(after("На следующий день министр"), vec![Some(1)]);
        assert_eq!(after("Через два дня министр"), vec![Some(2)]);
        assert_eq!(after("спустя неделю министр"), vec![Some(7)]);
        assert_eq!(after("через 3 дня"), vec![Some(3)]);
        assert_eq!(after("Накануне министр"), vec![Some(-1)]);
        assert_eq!(after("через границу"), Vec::<Option<i64>>::new());
    }
}
