//! [`Annotated`]: one document's text as every stage after cleaning reads it — its
//! sentences and tokens, each token's key, the publication date — built once per document.
//! The mention, actor and event stages and the search index all read this one value instead
//! of splitting and lower-casing the text again each.

use crate::words::{fold, search_lemmas, search_words, Lemmatize};
use crate::{segment, Segmentation};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A text with its segmentation and token keys.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// The text the stages run on (a document's cleaned text); every byte offset of the
    /// stages refers to it.
    pub text: String,
    /// Its tokens and sentences.
    pub seg: Segmentation,
    /// Each token as compared: [`fold`]ed ("Алиевым" → "алиевым").
    pub keys: Vec<String>,
    /// The publication date, which relative dates and offices held "now" are read against.
    pub published: Option<NaiveDate>,
    /// Each token's place in its sentence's dependency tree, when the text was parsed
    /// (`dyad-syntax`); empty when not.
    pub deps: Vec<Dep>,
}

/// A token's head in its sentence's dependency tree and the relation to it (Universal
/// Dependencies labels: "nsubj", "obj", "obl", "nmod", "case", "conj" …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dep {
    /// The head's token index in the text; `None` for the sentence's root.
    pub head: Option<usize>,
    pub rel: &'static str,
}

impl Annotated {
    /// Segments `text` and keys its tokens.
    pub fn new(text: impl Into<String>, published: Option<NaiveDate>) -> Annotated {
        let text = text.into();
        let seg = segment(&text);
        let keys = seg
            .tokens
            .iter()
            .map(|t| fold(&text[t.start..t.end]))
            .collect();
        Annotated {
            text,
            seg,
            keys,
            published,
            deps: Vec::new(),
        }
    }

    /// The text of token `k` as written.
    pub fn token(&self, k: usize) -> &str {
        let t = &self.seg.tokens[k];
        &self.text[t.start..t.end]
    }

    /// What the search index keeps of a title and this text: the lemmas of each search word
    /// ([`search_text`]), from the tokens' keys.
    pub fn search_text(&self, lemmatizer: &dyn Lemmatize, title: Option<&str>) -> String {
        let title = title.into_iter().flat_map(search_words);
        let words = self.keys.iter().flat_map(|k| search_words(k));
        search_text(lemmatizer, title.chain(words))
    }
}

/// The text the search index keeps of some words: each word's [`search_lemmas`], separated
/// by spaces. Words repeat in news; each is looked up once.
pub fn search_text<'a>(
    lemmatizer: &dyn Lemmatize,
    words: impl IntoIterator<Item = &'a str>,
) -> String {
    let mut cache: HashMap<&str, Vec<String>> = HashMap::new();
    let mut out = String::new();
    for w in words {
        let lemmas = cache
            .entry(w)
            .or_insert_with(|| search_lemmas(lemmatizer, w));
        for l in lemmas.iter() {
            out.push_str(l);
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Lower;
    impl Lemmatize for Lower {
        fn lemmas(&self, word: &str) -> Vec<String> {
            match word {
                "визитом" => vec!["визит".into()],
                _ => vec![],
            }
        }
    }

    #[test]
    fn keys_and_search_text_come_from_the_tokens() {
        let a = Annotated::new("Премьер-министр прибыл с ВИЗИТОМ в Баку.", None);
        assert_eq!(a.keys.len(), a.seg.tokens.len());
        assert!(a.keys.contains(&"визитом".to_string()));
        assert_eq!(a.token(0), "Премьер-министр");
        assert_eq!(
            a.search_text(&Lower, Some("Визит")),
            "визит премьер министр прибыл с визит в баку "
        );
    }
}
