//! Every inflected form of the dictionary's names (states, capitals, seats of power,
//! organisations, places), generated with the morphology from the nominative forms in
//! `dyad-actors/data`, never typed by hand: "Великобритания" → "Великобританией",
//! "Европейский союз" → "Европейского союза", "Белый дом" → "Белом доме".

use dyad_actors::Dictionary;
use dyad_lang::fold;
use dyad_morph::{Grammeme as G, Morph, Parse};
use std::collections::{HashMap, HashSet};

/// What a name in the dictionary stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A state, by its code.
    State(String),
    /// The capital of a state (a place, or the state where it acts).
    Capital(String),
    /// A building or place that stands for a state's government (Кремль, Белый дом).
    Seat(String),
    /// An organisation, by its dictionary id.
    Org(String),
    /// Another known place, with its state.
    Place(String),
}

impl Target {
    /// Which reading wins when one form names several things.
    fn priority(&self) -> u8 {
        match self {
            Target::State(_) => 0,
            Target::Org(_) => 1,
            Target::Capital(_) => 2,
            Target::Seat(_) => 3,
            Target::Place(_) => 4,
        }
    }
}

/// Forms → targets, keyed by lower-cased words joined by single spaces (ё as е).
#[derive(Debug, Default)]
pub struct Gazetteer {
    forms: HashMap<String, Vec<Target>>,
    /// Abbreviations, matched exactly as written (ЕС, США, ООН).
    abbreviations: HashMap<String, Vec<Target>>,
    /// Lower-cased first words of the entries, to skip tokens that open none.
    first_words: HashSet<String>,
    max_words: usize,
}

const CASES: [G; 7] = [
    G::Nomn,
    G::Gent,
    G::Datv,
    G::Accs,
    G::Ablt,
    G::Loct,
    G::Loc2,
];

/// The nominal analysis of a word in the nominative that a name most likely uses.
fn nominative_parse<'m>(morph: &'m Morph, word: &str) -> Option<Parse<'m>> {
    let parses = morph.parse(word);
    let nominal = |p: &Parse<'_>| {
        p.tag.has(G::Nomn)
            && p.tag
                .has_any(dyad_morph::GramSet::of(&[G::Noun, G::Adjf, G::Prtf]))
    };
    let proper = |p: &Parse<'_>| {
        p.tag.has_any(dyad_morph::GramSet::of(&[
            G::Geox,
            G::Orgn,
            G::Name,
            G::Surn,
        ]))
    };
    parses
        .iter()
        .filter(|p| nominal(p))
        .max_by(|a, b| {
            (proper(a), a.score)
                .partial_cmp(&(proper(b), b.score))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .cloned()
}

/// Every case form of a nominative phrase: words up to and including the first noun agree
/// with it and are inflected; words after it (genitive complements) stay as written.
pub fn phrase_forms(morph: &Morph, phrase: &str) -> Vec<String> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let mut parses: Vec<Option<Parse<'_>>> =
        words.iter().map(|w| nominative_parse(morph, w)).collect();
    // a word that reads as an adjective and as a noun (Минская: adjective, surname) before
    // a noun modifies it: "Минская группа" declines as "Минской группы"
    for i in 0..words.len().saturating_sub(1) {
        let next_is_noun = parses[i + 1].as_ref().is_some_and(|p| p.tag.has(G::Noun));
        if next_is_noun && parses[i].as_ref().is_some_and(|p| !p.tag.has(G::Adjf)) {
            if let Some(adj) = morph
                .parse(words[i])
                .into_iter()
                .find(|p| p.tag.has(G::Adjf) && p.tag.has(G::Nomn))
            {
                parses[i] = Some(adj);
            }
        }
    }
    let head = parses
        .iter()
        .position(|p| p.as_ref().is_some_and(|p| p.tag.has(G::Noun)))
        .unwrap_or(words.len().saturating_sub(1));
    let mut out = vec![key_phrase(&words)];
    for case in CASES {
        let inflected: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(i, w)| match (&parses[i], i <= head) {
                (Some(p), true) => {
                    let number = p.tag.number().unwrap_or(G::Sing);
                    p.inflect(&[case, number])
                        .map(|f| f.word)
                        .unwrap_or_else(|| w.to_string())
                }
                _ => w.to_string(),
            })
            .collect();
        let refs: Vec<&str> = inflected.iter().map(String::as_str).collect();
        out.push(key_phrase(&refs));
    }
    out.sort();
    out.dedup();
    out
}

fn key_phrase(words: &[&str]) -> String {
    words.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" ")
}

fn is_abbreviation(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.iter().filter(|c| c.is_uppercase()).count() * 2 > letters.len()
        && !name.contains(' ')
}

impl Gazetteer {
    pub fn build(dict: &Dictionary, morph: &Morph) -> Gazetteer {
        let mut g = Gazetteer::default();
        for s in &dict.states {
            for n in &s.names {
                g.add(morph, n, Target::State(s.code.clone()));
            }
            for a in &s.abbreviations {
                g.add_abbreviation(a, Target::State(s.code.clone()));
            }
            if let Some(c) = &s.capital {
                g.add(morph, c, Target::Capital(s.code.clone()));
            }
            for seat in &s.seats {
                g.add(morph, seat, Target::Seat(s.code.clone()));
            }
        }
        for o in &dict.organizations {
            for n in &o.names {
                g.add(morph, n, Target::Org(o.id.clone()));
            }
            for a in &o.abbreviations {
                g.add_abbreviation(a, Target::Org(o.id.clone()));
            }
        }
        for p in &dict.places {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                g.add(morph, n, Target::Place(p.country.clone()));
            }
        }
        for targets in g.forms.values_mut().chain(g.abbreviations.values_mut()) {
            targets.sort_by_key(Target::priority);
            targets.dedup();
        }
        g
    }

    fn add(&mut self, morph: &Morph, name: &str, target: Target) {
        if is_abbreviation(name) {
            self.add_abbreviation(name, target);
            return;
        }
        for form in phrase_forms(morph, name) {
            let words = form.split(' ').count();
            self.max_words = self.max_words.max(words);
            if let Some(first) = form.split(' ').next() {
                self.first_words.insert(first.to_string());
            }
            self.forms.entry(form).or_default().push(target.clone());
        }
    }

    fn add_abbreviation(&mut self, abbr: &str, target: Target) {
        let words = abbr.split_whitespace().count();
        self.max_words = self.max_words.max(words);
        self.abbreviations
            .entry(abbr.split_whitespace().collect::<Vec<_>>().join(" "))
            .or_default()
            .push(target);
    }

    /// The longest entry starting at `words[0]`: its length in words and its targets.
    /// A name must start with a capital letter (or be an abbreviation written as listed).
    pub fn longest_match(&self, words: &[&str]) -> Option<(usize, &[Target])> {
        let first = words.first()?;
        if !first.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let mut best: Option<(usize, &[Target])> = None;
        let max = self.max_words.min(words.len());
        if self.first_words.contains(&fold(first)) {
            let mut key = String::new();
            for (n, w) in words[..max].iter().enumerate() {
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(&fold(w));
                if let Some(t) = self.forms.get(&key) {
                    best = Some((n + 1, t.as_slice()));
                }
            }
        }
        let mut exact = String::new();
        for (n, w) in words[..max].iter().enumerate() {
            if n > 0 {
                exact.push(' ');
            }
            exact.push_str(w);
            if let Some(t) = self.abbreviations.get(&exact) {
                if best.is_none_or(|(len, _)| n + 1 > len) {
                    best = Some((n + 1, t.as_slice()));
                }
            }
        }
        best
    }

    /// Targets of a single word (a part of a hyphenated pair, "Вашингтон" in "Вашингтон-Баку").
    pub fn word(&self, word: &str) -> Option<&[Target]> {
        self.longest_match(&[word])
            .filter(|(n, _)| *n == 1)
            .map(|(_, t)| t)
    }

    pub fn len(&self) -> usize {
        self.forms.len() + self.abbreviations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
