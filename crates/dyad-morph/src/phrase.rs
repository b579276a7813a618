//! Putting a short noun phrase — a name, a place, an organisation as found in running text —
//! into the nominative: "Вюгаром Мустафаевым" → "Вюгар Мустафаев", "британском посольстве"
//! → "британское посольство", "Милли Меджлиса" → "Милли Меджлис", "Министерства
//! иностранных дел" → "Министерство иностранных дел".
//!
//! Russian noun phrases put modifiers before the head noun and genitive dependents after
//! it, so the phrase's case and number are those on which the longest run of words from the
//! start agrees (ties go to the higher analysis scores), and the run must reach a noun, the
//! head. Adjectives and participles before the head are put in the nominative in the head's
//! gender; nouns after it only while they stand in apposition (person names, or any noun
//! when the head is itself a name or a guessed word); the first word that does not agree
//! ends the inflected part, so dependents stay as they are ("посольстве Великобритании" →
//! "посольство Великобритании").
//!
//! A capitalised word whose only analyses are plurals of common nouns (a foreign word the
//! dictionary happens to match, as "Милли" = plural of "милль") is first taken as an
//! indeclinable part of a name; if no head is found that way it is read normally again
//! ("Соединённых Штатов" → "Соединённые Штаты"). Tokens that are not words (numbers, Latin,
//! punctuation, unknown) are kept as they are.

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

const NOMINAL: GramSet = GramSet::of(&[G::Noun, G::Adjf, G::Prtf, G::Npro]);
const NOUN: GramSet = GramSet::of(&[G::Noun, G::Npro]);
const MODIFIER: GramSet = GramSet::of(&[G::Adjf, G::Prtf]);
const PROPER: GramSet = GramSet::of(&[
    G::Name,
    G::Surn,
    G::Patr,
    G::Geox,
    G::Orgn,
    G::Trad,
    G::Abbr,
]);

fn is_nominal(p: &Parse<'_>) -> bool {
    p.tag.has_any(NOMINAL)
}

/// How one word of the phrase can take part in agreement.
struct Word<'a, 'm> {
    parses: &'a [Parse<'m>],
    /// Has analyses as a noun, adjective, participle or pronoun.
    nominal: bool,
    /// Only analyses that are not words (numbers, Latin, punctuation, unknown).
    not_a_word: bool,
    /// Capitalised, and only read as plurals of common nouns.
    opaque: bool,
}

impl<'a, 'm> Word<'a, 'm> {
    fn new(text: &str, parses: &'a [Parse<'m>]) -> Self {
        let nominal = parses.iter().any(is_nominal);
        let not_a_word = parses.iter().all(|p| {
            matches!(
                p.source(),
                Source::Number
                    | Source::Punctuation
                    | Source::Roman
                    | Source::Latin
                    | Source::Unknown
            )
        });
        let capitalised = text.chars().next().is_some_and(char::is_uppercase);
        let opaque = capitalised
            && nominal
            && parses.iter().all(|p| !p.tag.has_any(PROPER))
            && parses
                .iter()
                .filter(|p| is_nominal(p))
                .all(|p| p.tag.has(G::Plur));
        Word {
            parses,
            nominal,
            not_a_word,
            opaque,
        }
    }

    /// The best analysis agreeing with `cn` that `pred` accepts.
    fn agreeing(&self, cn: (G, G), pred: impl Fn(&Parse<'_>) -> bool) -> Option<&'a Parse<'m>> {
        self.parses
            .iter()
            .find(|p| is_nominal(p) && case_number(p) == Some(cn) && pred(p))
    }
}

/// Score of reading the phrase in `cn`: (a head was reached, words agreeing in the leading
/// run, their summed scores), and the head's index. The run is modifiers and nouns up to
/// the first noun (the head), then nouns only (apposition).
fn score(
    words: &[Word<'_, '_>],
    cn: (G, G),
    use_opaque: bool,
) -> ((bool, usize, f64), Option<usize>) {
    let mut run = 0usize;
    let mut total = 0.0f64;
    let mut head = None;
    for (i, w) in words.iter().enumerate() {
        if w.not_a_word || (use_opaque && w.opaque) {
            continue;
        }
        if !w.nominal {
            break;
        }
        // a word that reads both as an adjective and as a noun ("Каспийском": каспийский,
        // and the region Каспийский) modifies the noun that follows and agrees with it
        let modifies_next = || {
            w.agreeing(cn, |p| p.tag.has_any(GramSet::of(&[G::Adjf, G::Prtf])))
                .filter(|_| {
                    words[i + 1..]
                        .iter()
                        .find(|x| !x.not_a_word)
                        .is_some_and(|x| x.agreeing(cn, |p| p.tag.has_any(NOUN)).is_some())
                })
        };
        let found = match head {
            None => match modifies_next() {
                Some(p) => Some(p),
                None => match w.agreeing(cn, |p| p.tag.has_any(NOUN)) {
                    Some(p) => {
                        head = Some(i);
                        Some(p)
                    }
                    None => w.agreeing(cn, |_| true),
                },
            },
            Some(_) => w.agreeing(cn, |p| p.tag.has_any(NOUN)),
        };
        match found {
            Some(p) => {
                run += 1;
                total += p.score;
            }
            None => break,
        }
    }
    ((head.is_some(), run, total), head)
}

impl Morph {
    /// The phrase `words` in the nominative, word by word (same length, capitalisation kept).
    pub fn nominative(&self, words: &[&str]) -> Vec<String> {
        let parses: Vec<Vec<Parse<'_>>> = words.iter().map(|w| self.parse(w)).collect();
        let ws: Vec<Word<'_, '_>> = words
            .iter()
            .zip(&parses)
            .map(|(t, p)| Word::new(t, p))
            .collect();
        let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();

        let mut candidates: Vec<(G, G)> = Vec::new();
        for p in parses.iter().flatten().filter(|p| is_nominal(p)) {
            if let Some(cn) = case_number(p) {
                if !candidates.contains(&cn) {
                    candidates.push(cn);
                }
            }
        }
        // (score, case and number, head, whether opaque words were skipped)
        type Reading = ((bool, usize, f64), (G, G), Option<usize>, bool);
        let mut best: Option<Reading> = None;
        for use_opaque in [true, false] {
            for &cn in &candidates {
                let (s, head) = score(&ws, cn, use_opaque);
                // A longer run wins; on a tie the singular (names, places and organisations
                // mostly are), then the higher scores.
                let key = (s.0, s.1, cn.1 == G::Sing);
                let better = match &best {
                    None => true,
                    Some((b, bcn, ..)) => {
                        let bkey = (b.0, b.1, bcn.1 == G::Sing);
                        key > bkey || (key == bkey && s.2 > b.2)
                    }
                };
                if better {
                    best = Some((s, cn, head, use_opaque));
                }
            }
            if best.as_ref().is_some_and(|(s, ..)| s.0) {
                break;
            }
        }
        let Some((_, (case, number), head, use_opaque)) = best else {
            return out;
        };

        let head_parse = head.and_then(|h| ws[h].agreeing((case, number), |p| p.tag.has_any(NOUN)));
        let head_gender = head_parse.and_then(|p| p.tag.gender());
        let head_is_name =
            head_parse.is_some_and(|p| p.tag.is_person_name() || p.source() != Source::Dictionary);
        let cn = (case, number);
        let target = [G::Nomn, number];

        for (i, w) in ws.iter().enumerate() {
            if w.not_a_word || (use_opaque && w.opaque) {
                continue;
            }
            let chosen = match head {
                Some(h) if i < h => {
                    let gender_ok = |p: &Parse<'_>| {
                        number == G::Plur
                            || head_gender.is_none()
                            || p.tag.gender().is_none()
                            || p.tag.gender() == head_gender
                    };
                    w.agreeing(cn, |p| p.tag.has_any(MODIFIER) && gender_ok(p))
                        .or_else(|| {
                            w.agreeing(cn, |p| p.tag.has_any(NOUN) && p.tag.is_person_name())
                        })
                }
                Some(h) if i == h => head_parse,
                Some(_) => match w.agreeing(cn, |p| {
                    p.tag.has_any(NOUN) && (head_is_name || p.tag.is_person_name())
                }) {
                    Some(p) => Some(p),
                    None => break,
                },
                None => match w.agreeing(cn, |p| p.tag.has_any(MODIFIER)) {
                    Some(p) => Some(p),
                    None => break,
                },
            };
            let Some(p) = chosen else { continue };
            if let Some(f) = p.inflect(&target) {
                out[i] = restore_capitalization(&f.word, words[i]);
            }
        }
        out
    }
}
