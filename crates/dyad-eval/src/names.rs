//! Persons' names in the nominative on factRuEval-2016: does the canonical name a system
//! gives a person end with the surname the gold's `.coref` record gives it (`lastname`)?
//!
//! **Gold.** Every `.coref` record with a `lastname` line is a person with that surname, its
//! mentions the spans of the objects it lists ([`crate::coref::gold_entities`]).
//!
//! **Pairing.** A gold person is paired with the predicted person whose mentions overlap
//! its mentions the most (characters in common); a gold person no predicted person
//! overlaps is *not found* and is left out of the share.
//!
//! **Score.** Of the found gold persons, the share whose predicted canonical name ends with
//! the gold surname's words ("Марин Ле Пен" for "Ле Пен"), compared lower-cased with "ё" as
//! "е" (`dyad_lang::fold`). A name of one word is its own surname ("Кан"). Where the system
//! says which word is the surname (a person of its dictionary), that word is compared: "Ху"
//! of "Ху Цзиньтао", written first as East Asian names are.
use crate::coref::gold_entities;
use crate::factru::{list_docs, read_doc, FactRuDoc};
use crate::matching::{overlap_len, Span};
use anyhow::Result;
use std::fmt;
use std::path::Path;

/// A person a system found: its mentions (character spans) and canonical name.
#[derive(Debug, Clone)]
pub struct PredictedPerson {
    pub mentions: Vec<Span>,
    pub name: String,
    /// The surname where the system knows which word it is (a dictionary person: "Ху" of
    /// "Ху Цзиньтао"); else the name's end is compared.
    pub surname: Option<String>,
}

/// Scores of [`score_names`].
#[derive(Debug, Clone, Default)]
pub struct NameScores {
    /// Gold persons with a surname.
    pub gold: usize,
    /// Of them, those some predicted person overlaps.
    pub found: usize,
    /// Of those, the ones whose predicted surname equals the gold one.
    pub equal: usize,
    /// "book_N: gold surname ≠ predicted name", one line a mismatch, in document order.
    pub mismatches: Vec<String>,
}

impl NameScores {
    /// Equal surnames among the found persons.
    pub fn share(&self) -> f64 {
        if self.found == 0 {
            0.0
        } else {
            self.equal as f64 / self.found as f64
        }
    }
}

/// Whether `name` ends with the words of `surname`, folded.
fn ends_with_surname(name: &str, surname: &str) -> bool {
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(dyad_lang::fold).collect() };
    let (n, s) = (words(name), words(surname));
    !s.is_empty() && n.ends_with(&s)
}

/// Adds one document's gold persons (surname, mentions) against its predicted persons.
pub fn score_document(
    name: &str,
    gold: &[(String, Vec<Span>)],
    predicted: &[PredictedPerson],
    s: &mut NameScores,
) {
    for (surname, mentions) in gold {
        s.gold += 1;
        let common = |p: &PredictedPerson| -> usize {
            mentions
                .iter()
                .flat_map(|&g| p.mentions.iter().map(move |&m| overlap_len(g, m)))
                .sum()
        };
        let best = predicted
            .iter()
            .map(|p| (common(p), p))
            .filter(|(c, _)| *c > 0)
            .max_by_key(|(c, _)| *c);
        let Some((_, p)) = best else {
            continue;
        };
        s.found += 1;
        let equal = match &p.surname {
            Some(known) => dyad_lang::fold(known) == dyad_lang::fold(surname),
            None => ends_with_surname(&p.name, surname),
        };
        if equal {
            s.equal += 1;
        } else {
            s.mismatches.push(format!("{name}: {surname} ≠ {}", p.name));
        }
    }
}

/// Scores `predict` (document → its persons) over every document of the factRuEval folder
/// `dir`.
pub fn score_names(
    dir: &Path,
    mut predict: impl FnMut(&FactRuDoc) -> Vec<PredictedPerson>,
) -> Result<NameScores> {
    let mut scores = NameScores::default();
    for name in list_docs(dir)? {
        let doc = read_doc(dir, &name)?;
        let gold: Vec<(String, Vec<Span>)> = gold_entities(dir, &name)?
            .into_iter()
            .filter_map(|g| Some((g.lastname?, g.mentions)))
            .collect();
        let predicted = predict(&doc);
        score_document(&name, &gold, &predicted, &mut scores);
    }
    Ok(scores)
}

impl fmt::Display for NameScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "persons with a gold surname {}, found {} ({} not found)",
            self.gold,
            self.found,
            self.gold - self.found
        )?;
        write!(
            f,
            "names surname={:.3} ({} of {})",
            self.share(),
            self.equal,
            self.found
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(mentions: &[Span], name: &str) -> PredictedPerson {
        PredictedPerson {
            mentions: mentions.to_vec(),
            name: name.to_string(),
            surname: None,
        }
    }

    #[test]
    fn surnames_compared_on_the_best_overlapping_person() {
        let gold = vec![
            ("Карзай".to_string(), vec![(0, 12), (40, 46)]),
            ("Карасин".to_string(), vec![(60, 76)]),
            ("Ёлкин".to_string(), vec![(90, 95)]),
            ("Нигде".to_string(), vec![(200, 205)]),
            ("Ле Пен".to_string(), vec![(300, 312)]),
        ];
        let predicted = vec![
            // overlaps Карзай's first mention a little, the right person more
            person(&[(10, 14)], "Кто-то Другой"),
            person(&[(0, 12), (40, 46)], "Хамид Карзая"),
            person(&[(60, 76)], "Григорий Карасин"),
            person(&[(90, 95)], "Елкин"),
            person(&[(300, 312)], "Марин Ле Пен"),
        ];
        let mut s = NameScores::default();
        score_document("book_1", &gold, &predicted, &mut s);
        assert_eq!((s.gold, s.found, s.equal), (5, 4, 3));
        assert_eq!(s.mismatches, ["book_1: Карзай ≠ Хамид Карзая"]);
        assert!((s.share() - 3.0 / 4.0).abs() < 1e-9);
    }

    #[test]
    fn the_coref_layer_gives_surnames() {
        let coref = "5 16969\nfirstname Виторио\nlastname Сандали\n\n2 16967\nname Италия\n";
        let records = crate::coref::parse_coref(coref);
        assert_eq!(records[0].lastname.as_deref(), Some("Сандали"));
        assert_eq!(records[1].lastname, None);
    }
}
