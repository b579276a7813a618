//! Cleaning: keep the article, drop the page furniture, and find what the page says about
//! the article (date, title, outlet, cited sources).
//!
//! The cleaner works on lines of the document body (for HTML, one block a line) and asks
//! of each whether it reads like article prose, like a headline or menu item, like a date,
//! or like furniture named in `data/furniture.toml`. The article is the stretch of lines
//! with the most prose in it, where headline lists count against a stretch and a
//! "most read"-style heading ends it; its title is the headline right above it. Markup that
//! says "navigation" or "article" (HTML) narrows the search before the text is read.

mod sources;

use crate::mapped::char_len;
use crate::{dates, DateSource, Document, MappedText};
use chrono::NaiveDate;
use regex::RegexSet;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

pub use sources::{canonical_outlet, Sources};

/// A document reduced to its article, with what the page says about it.
#[derive(Debug, Clone)]
pub struct CleanDoc {
    /// The article text (title line first when there is one), mapped to the original.
    pub text: MappedText,
    pub published: Option<NaiveDate>,
    pub published_from: DateSource,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub via: Vec<String>,
    /// Characters of article text kept.
    pub chars: usize,
    /// Characters of readable text dropped as page furniture (markup is not counted).
    pub boilerplate_chars: usize,
}

#[derive(Deserialize)]
struct FurnitureData {
    section_starts: Vec<String>,
    line_patterns: Vec<String>,
}

struct Furniture {
    section_starts: Vec<String>,
    /// Byte lengths of the section headings, to skip lower-casing lines that cannot be one.
    section_lengths: std::collections::HashSet<usize>,
    lines: RegexSet,
}

static FURNITURE: LazyLock<Furniture> = LazyLock::new(|| {
    let data: FurnitureData = toml::from_str(include_str!("../../data/furniture.toml"))
        .expect("data/furniture.toml is valid");
    Furniture {
        section_lengths: data
            .section_starts
            .iter()
            .map(|s| s.to_lowercase().len())
            .collect(),
        section_starts: data
            .section_starts
            .iter()
            .map(|s| s.to_lowercase())
            .collect(),
        lines: RegexSet::new(data.line_patterns.iter().map(|p| format!("(?i){p}")))
            .expect("data/furniture.toml: line_patterns are valid regexes"),
    }
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Named furniture: view counts, comment prompts, copyright, "Источник: …".
    Furniture,
    /// A heading that opens a list of other stories ("Самые читаемые").
    SectionStart,
    /// A line holding only a date (and perhaps a time).
    Date,
    /// Reads like article text: a sentence with its final punctuation, or a long line.
    Prose,
    /// A headline, rubric, menu item or subheading.
    Short,
}

#[derive(Debug, Clone)]
struct Line {
    /// Byte range in the body, without surrounding whitespace.
    range: Range<usize>,
    kind: Kind,
    chars: usize,
}

/// Fewest words of a line that counts as prose when it ends like a sentence.
const PROSE_MIN_WORDS: usize = 5;
/// A line this long counts as prose even without final punctuation.
const PROSE_LONG_WORDS: usize = 18;

/// Longest line that may be named furniture or a section heading: such lines are short,
/// and skipping the check on paragraphs keeps the cleaner fast.
const FURNITURE_MAX_BYTES: usize = 250;
/// Longest line compared with the section headings of `data/furniture.toml`.
const SECTION_HEADING_MAX_BYTES: usize = 80;

fn classify(text: &str, furniture: &[Range<usize>], range: Range<usize>) -> Kind {
    let line = &text[range.clone()];
    if line.is_empty() {
        return Kind::Blank;
    }
    if furniture
        .iter()
        .any(|f| f.start <= range.start && range.end <= f.end)
    {
        return Kind::Furniture;
    }
    if line.len() <= FURNITURE_MAX_BYTES {
        let f = &*FURNITURE;
        let bare = line.trim_end_matches([':', '.', ' ']);
        if line.len() <= SECTION_HEADING_MAX_BYTES && f.section_lengths.contains(&bare.len()) {
            let lower = bare.to_lowercase();
            let heading = lower.trim_end_matches([':', '.', ' ']);
            if f.section_starts.iter().any(|s| heading == s) {
                return Kind::SectionStart;
            }
        }
        if f.lines.is_match(line) {
            return Kind::Furniture;
        }
        if dates::date_line(line).is_some() {
            return Kind::Date;
        }
    }
    // counting stops where the answer cannot change
    let words = line
        .split_whitespace()
        .filter(|w| is_wordlike(w))
        .take(PROSE_LONG_WORDS)
        .count();
    let last = line.chars().next_back().unwrap_or(' ');
    let ends_like_sentence = matches!(
        last,
        '.' | '!' | '?' | '…' | '»' | '"' | '”' | ')' | ';' | ':'
    );
    if (words >= PROSE_MIN_WORDS && ends_like_sentence) || words >= PROSE_LONG_WORDS {
        Kind::Prose
    } else {
        Kind::Short
    }
}

/// A whitespace-separated piece that holds a letter or digit (not a lone dash or bullet).
fn is_wordlike(w: &str) -> bool {
    // fast path: an ASCII alphanumeric or a Cyrillic lead byte (U+0400..U+04FF) first
    match w.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() || *b == 0xD0 || *b == 0xD1 => true,
        _ => w.chars().any(char::is_alphanumeric),
    }
}

fn lines_of(body: &str, furniture: &[Range<usize>]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in body.split_inclusive('\n') {
        let end = start + piece.len();
        let content = piece.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        let range = start + lead..start + lead + trimmed.len();
        let kind = classify(body, furniture, range.clone());
        lines.push(Line {
            chars: char_len(trimmed),
            range,
            kind,
        });
        start = end;
    }
    lines
}

/// Weight of a line in the search for the article: prose counts for, everything else against.
fn weight(line: &Line) -> f64 {
    match line.kind {
        Kind::Prose => line.chars as f64,
        Kind::Short => -(line.chars as f64 * 0.5 + 10.0),
        Kind::Date => -20.0,
        Kind::Furniture => -100.0,
        Kind::Blank => 0.0,
        Kind::SectionStart => f64::NEG_INFINITY,
    }
}

/// The stretch of lines (inclusive indices) with the greatest weight (Kadane's algorithm,
/// restarted at every section heading), or None when no line reads like prose.
fn article_block(lines: &[Line], candidates: &[bool]) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut run: Option<(f64, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let w = if candidates[i] {
            weight(line)
        } else {
            f64::NEG_INFINITY
        };
        if w == f64::NEG_INFINITY {
            run = None;
            continue;
        }
        let (sum, start) = match run {
            Some((s, st)) if s > 0.0 => (s + w, st),
            _ => (w, i),
        };
        run = Some((sum, start));
        if line.kind == Kind::Prose && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i));
        }
    }
    let (_, mut start, end) = best?;
    // the block starts at its first prose line: what stands above belongs to the title search
    while lines[start].kind != Kind::Prose {
        start += 1;
    }
    Some((start, end))
}

/// The headline above the article: the nearest short line of three words or more, looking
/// past dates and one- or two-word rubrics, within a few lines.
fn title_line(
    lines: &[Line],
    body: &str,
    block_start: usize,
    candidates: &[bool],
    hint: Option<&str>,
) -> Option<usize> {
    if let Some(hint) = hint {
        let hint = hint.trim();
        let near = block_start.saturating_sub(8)..block_start;
        if let Some(i) = near
            .rev()
            .find(|&i| candidates[i] && body[lines[i].range.clone()].trim() == hint)
        {
            return Some(i);
        }
    }
    let mut seen = 0;
    for i in (0..block_start).rev() {
        if !candidates[i] {
            return None;
        }
        let line = &lines[i];
        match line.kind {
            Kind::Blank | Kind::Date => continue,
            Kind::Furniture | Kind::SectionStart | Kind::Prose => return None,
            Kind::Short => {
                seen += 1;
                let words = body[line.range.clone()].split_whitespace().count();
                if words >= 3 {
                    return Some(i);
                }
                if seen >= 3 {
                    return None;
                }
            }
        }
    }
    None
}

/// Keeps the article of `doc` and finds its date, title, outlet and cited sources.
/// Never fails: a document with nothing that reads like an article keeps all its
/// non-furniture lines.
pub fn clean(doc: &Document) -> CleanDoc {
    let body = doc.body.text();
    let lines = lines_of(body, &doc.furniture);
    let candidates: Vec<bool> = lines
        .iter()
        .map(|l| {
            doc.article
                .as_ref()
                .is_none_or(|a| a.start <= l.range.start && l.range.end <= a.end)
        })
        .collect();

    let mut keep = vec![false; lines.len()];
    let block = article_block(&lines, &candidates);
    let mut title_idx = None;
    match block {
        Some((start, end)) => {
            for i in start..=end {
                keep[i] = matches!(lines[i].kind, Kind::Prose | Kind::Short);
            }
            title_idx = title_line(&lines, body, start, &candidates, doc.hints.title.as_deref());
            if let Some(t) = title_idx {
                keep[t] = true;
            }
        }
        None => {
            for (i, l) in lines.iter().enumerate() {
                keep[i] = candidates[i] && matches!(l.kind, Kind::Prose | Kind::Short);
            }
        }
    }

    // the kept text: kept lines in order, with the original gap between neighbours
    let mut text = MappedText::default();
    let mut prev: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        if let Some(p) = prev {
            let gap = lines[p].range.end..line.range.start;
            if i == p + 1 || body[gap.clone()].trim().is_empty() {
                text.push_mapped(&doc.body, gap);
            } else {
                text.push_synthetic(
                    "\n\n",
                    doc.body.to_source(line.range.start)..doc.body.to_source(line.range.start),
                );
            }
        }
        text.push_mapped(&doc.body, line.range.clone());
        prev = Some(i);
    }
    let chars = char_len(text.text());
    let boilerplate_chars = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !keep[*i])
        .map(|(_, l)| l.chars)
        .sum();

    // the region where page statements about this article may stand: from a few lines above
    // its title to the first list heading after it
    let (lo, hi) = match block {
        Some((s, e)) => {
            let top = title_idx.unwrap_or(s).saturating_sub(2);
            let bottom = (e + 1..lines.len())
                .find(|&i| lines[i].kind == Kind::SectionStart)
                .unwrap_or(lines.len());
            (top, bottom)
        }
        None => (0, lines.len()),
    };

    let (published, published_from) = match doc.hints.published {
        Some((d, from)) => (Some(d), from),
        None => match page_date(&lines, body, block, title_idx, lo, hi) {
            Some(d) => (Some(d), DateSource::Text),
            None => (None, DateSource::None),
        },
    };

    let title = doc
        .hints
        .title
        .clone()
        .or_else(|| title_idx.map(|t| body[lines[t].range.clone()].to_string()));

    let paragraphs: Vec<&str> = text
        .text()
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let furniture_lines: Vec<&str> = (lo..hi)
        .filter(|&i| lines[i].kind == Kind::Furniture)
        .map(|i| &body[lines[i].range.clone()])
        .collect();
    let Sources { outlet, via } = sources::find(
        &paragraphs,
        &furniture_lines,
        doc.hints.site_name.as_deref(),
    );

    CleanDoc {
        text,
        published,
        published_from,
        title,
        outlet,
        via,
        chars,
        boilerplate_chars,
    }
}

/// A publication date written on the page: a date line between the title and the article,
/// else a date after a publication cue near the article ("заархивирована с источника …").
fn page_date(
    lines: &[Line],
    body: &str,
    block: Option<(usize, usize)>,
    title: Option<usize>,
    lo: usize,
    hi: usize,
) -> Option<NaiveDate> {
    if let (Some((start, _)), Some(t)) = (block, title) {
        if let Some(d) = (t + 1..start).find_map(|i| {
            (lines[i].kind == Kind::Date)
                .then(|| dates::date_line(&body[lines[i].range.clone()]))
                .flatten()
        }) {
            return Some(d);
        }
    }
    (lo..hi).find_map(|i| match lines[i].kind {
        Kind::Furniture | Kind::Short | Kind::Date => {
            dates::cued_date(&body[lines[i].range.clone()])
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests;
