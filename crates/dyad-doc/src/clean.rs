//! Cleaning: keep the article, drop the page furniture, find date, title, outlet, sources.
use crate::{DateSource, Document, MappedText};
use chrono::NaiveDate;

/// A document reduced to its article.
#[derive(Debug, Clone)]
pub struct CleanDoc {
    pub text: MappedText,
    pub published: Option<NaiveDate>,
    pub published_from: DateSource,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub via: Vec<String>,
    pub chars: usize,
    pub boilerplate_chars: usize,
}

pub fn clean(doc: &Document) -> CleanDoc {
    let text = doc.body.clone();
    let chars = crate::mapped::char_len(text.text());
    CleanDoc {
        text,
        published: doc.hints.published.map(|p| p.0),
        published_from: doc.hints.published.map(|p| p.1).unwrap_or(DateSource::None),
        title: doc.hints.title.clone(),
        outlet: None,
        via: vec![],
        chars,
        boilerplate_chars: 0,
    }
}
