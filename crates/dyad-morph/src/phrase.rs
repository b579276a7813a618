//! Putting a short noun phrase — a name, a place, an organisation as found in running text —
//! into the nominative: "Вюгаром Мустафаевым" → "Вюгар Мустафаев", "британском посольстве"
//! → "британское посольство", "Милли Меджлиса" → "Милли Меджлис".
//!
//! The phrase's case and number are the ones its words agree on best (by analysis scores).
//! Words are then read left to right: adjectives and participles before the head agree with
//! it and are inflected (in the head's gender), the first noun in that case is the head, and
//! nouns after the head are inflected only while they stand in apposition to it (person
//! names, or any noun when the head itself is a name or a guessed word); the first word
//! that does not agree ends the inflected part, so dependents stay as they are
//! ("посольстве Великобритании" → "посольство Великобритании"). Words that cannot agree
//! (indeclinable or unknown ones, numbers, punctuation) are kept.

use crate::grammeme::{GramSet, Grammeme as G};
use crate::{restore_capitalization, Morph, Parse, Source};

/// Case and number of an analysis, the rare cases folded into the common ones.
fn case_number(p: &Parse<'_>) -> Option<(G, G)> {
    let case = match p.tag.case()? {
        G::Gen1 | G::Gen2 => G::Gent,
        G::Acc2 => G::Accs,
        G::Loc1 | G::Loc2 => G::Loct,
        G::Voct => G::Nomn,
        c => c,
    };
    Some((case, p.tag.number()?))
}

fn is_nominal(p: &Parse<'_>) -> bool {
    p.tag
        .has_any(GramSet::of(&[G::Noun, G::Adjf, G::Prtf, G::Npro]))
}

fn is_noun(p: &Parse<'_>) -> bool {
    p.tag.has_any(GramSet::of(&[G::Noun, G::Npro]))
}

fn is_modifier(p: &Parse<'_>) -> bool {
    p.tag.has_any(GramSet::of(&[G::Adjf, G::Prtf]))
}

impl Morph {
    /// The phrase `words` in the nominative, word by word (same length, capitalisation kept).
    pub fn nominative(&self, words: &[&str]) -> Vec<String> {
        let parses: Vec<Vec<Parse<'_>>> = words.iter().map(|w| self.parse(w)).collect();

        // The case and number the words agree on best.
        let mut candidates: Vec<((G, G), f64)> = Vec::new();
        for word_parses in &parses {
            let mut best_here: Vec<((G, G), f64)> = Vec::new();
            for p in word_parses.iter().filter(|p| is_nominal(p)) {
                let Some(cn) = case_number(p) else { continue };
                match best_here.iter_mut().find(|(c, _)| *c == cn) {
                    Some((_, s)) => *s = s.max(p.score),
                    None => best_here.push((cn, p.score)),
                }
            }
            for (cn, s) in best_here {
                match candidates.iter_mut().find(|(c, _)| *c == cn) {
                    Some((_, total)) => *total += s,
                    None => candidates.push((cn, s)),
                }
            }
        }
        let Some(&((case, number), _)) =
            candidates
                .iter()
                .fold(None, |best: Option<&((G, G), f64)>, c| match best {
                    Some(b) if b.1 >= c.1 => Some(b),
                    _ => Some(c),
                })
        else {
            return words.iter().map(|w| w.to_string()).collect();
        };

        // The head: the first noun that can stand in that case and number.
        let agreeing =
            |word_parses: &'_ [Parse<'_>], pred: &dyn Fn(&Parse<'_>) -> bool| -> Option<usize> {
                word_parses
                    .iter()
                    .position(|p| case_number(p) == Some((case, number)) && pred(p))
            };
        let head = parses
            .iter()
            .position(|ps| agreeing(ps, &is_noun).is_some());
        let head_gender = head.and_then(|h| {
            let i = agreeing(&parses[h], &is_noun)?;
            parses[h][i].tag.gender()
        });
        let head_is_name = head.is_some_and(|h| {
            agreeing(&parses[h], &is_noun).is_some_and(|i| {
                let p = &parses[h][i];
                p.tag.is_person_name() || p.source() != Source::Dictionary
            })
        });

        let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let target: &[G] = &[G::Nomn, number];
        for (i, word_parses) in parses.iter().enumerate() {
            let chosen = match head {
                Some(h) if i < h => {
                    // Before the head: modifiers agreeing in gender too.
                    let gender_ok = |p: &Parse<'_>| {
                        number == G::Plur
                            || head_gender.is_none()
                            || p.tag.gender().is_none()
                            || p.tag.gender() == head_gender
                    };
                    agreeing(word_parses, &|p| is_modifier(p) && gender_ok(p)).or_else(|| {
                        agreeing(word_parses, &|p| is_noun(p) && p.tag.is_person_name())
                    })
                }
                Some(h) if i == h => agreeing(word_parses, &is_noun),
                Some(_) => {
                    let apposition =
                        |p: &Parse<'_>| is_noun(p) && (head_is_name || p.tag.is_person_name());
                    match agreeing(word_parses, &apposition) {
                        Some(j) => Some(j),
                        None if word_parses.iter().any(is_nominal) => break,
                        None => None,
                    }
                }
                None => agreeing(word_parses, &is_modifier),
            };
            let Some(j) = chosen else { continue };
            if let Some(f) = word_parses[j].inflect(target) {
                out[i] = restore_capitalization(&f.word, words[i]);
            }
        }
        out
    }
}
