//! Names in the nominative. People get their own rule: the case of a person's name is the
//! one its words agree on as first names, patronymics and surnames ("Ильхамом Алиевым",
//! "Лорда Вернона Коакера", "Каей Каллас"), and a name that already reads as a nominative is
//! left alone (so "Кир Стармер" never becomes a plural). Other phrases use the morphology's
//! noun-phrase rule (`Morph::nominative`): "Милли Меджлиса" → "Милли Меджлис".

use dyad_morph::{restore_capitalization, GramSet, Grammeme as G, Morph, Parse};

const CASES: [G; 6] = [G::Nomn, G::Gent, G::Datv, G::Accs, G::Ablt, G::Loct];
const GENDERS: [G; 2] = [G::Masc, G::Femn];

pub fn fold_case(g: G) -> G {
    match g {
        G::Gen1 | G::Gen2 => G::Gent,
        G::Acc2 => G::Accs,
        G::Loc1 | G::Loc2 => G::Loct,
        G::Voct => G::Nomn,
        c => c,
    }
}

/// How much an analysis counts as part of a person's name.
fn weight(p: &Parse<'_>) -> f64 {
    let person = p.tag.has_any(GramSet::of(&[G::Name, G::Surn, G::Patr]));
    let guessed = !p.is_known();
    let base = p.score.max(0.01);
    if person {
        base * 3.0
    } else if guessed && p.tag.has(G::Noun) {
        base * 1.5 // an unknown foreign surname is guessed as a noun
    } else if p.tag.has(G::Noun) {
        base
    } else {
        0.0 // a name is not an adjective, verb or adverb reading of the word
    }
}

fn analyses<'m>(morph: &'m Morph, word: &str, surname: bool) -> Vec<Parse<'m>> {
    // a surname read as a plural ("Бориса Ротенбергов") still names one person here
    morph
        .parse(word)
        .into_iter()
        .filter(|p| {
            p.tag.case().is_some()
                && (p.tag.has(G::Sing) || (surname && p.tag.has(G::Surn)))
                && weight(p) > 0.0
        })
        .collect()
}

/// A foreign or unknown surname in `case` put in the nominative by the endings of the
/// surname paradigms, where the morphology has no reading of it in that case: the
/// -ов/-ев/-ин/-ын type ("Карасиным" → "Карасин"), the adjectival type ("Долгорукому" →
/// "Долгорукий") and the consonant and -й types of foreign names ("Райкконена" →
/// "Райкконен", "Карзая" → "Карзай", "Хитля" → "Хитль"). Feminine surnames in -а/-ая
/// decline too, but the morphology reads them well; a feminine foreign surname on a
/// consonant does not decline. `None` where no ending fits.
/// The nominatives `word` can be an oblique case of, by [`surname_by_rule`] (a man's
/// surname in the genitive, dative, instrumental or locative).
pub fn surname_nominatives(word: &str) -> impl Iterator<Item = String> + '_ {
    [G::Gent, G::Datv, G::Ablt, G::Loct]
        .into_iter()
        .filter_map(move |case| surname_by_rule(word, case, None))
}

pub fn surname_by_rule(word: &str, case: G, gender: Option<G>) -> Option<String> {
    if gender == Some(G::Femn) || case == G::Nomn {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 4 || !chars[0].is_uppercase() {
        return None;
    }
    let vowel = |c: char| "аеёиоуыэюяАЕЁИОУЫЭЮЯ".contains(c);
    let strip = |k: usize| chars[..n - k].iter().collect::<String>();
    let ends = |e: &str| word.ends_with(e);
    // the letter before an ending: a vowel means a -й stem ("Карза|я" → "Карзай")
    let soft_stem = |k: usize| {
        let stem = strip(k);
        let before = chars[n - k - 1];
        if vowel(before) {
            format!("{stem}й")
        } else {
            format!("{stem}ь")
        }
    };
    let adjectival = |k: usize, nom: &str| format!("{}{nom}", strip(k));
    let out = match case {
        G::Gent | G::Accs => {
            if ends("ого") || ends("его") {
                adjectival(
                    3,
                    if ends("кого") || ends("гого") || ends("хого") {
                        "ий"
                    } else {
                        "ый"
                    },
                )
            } else if ends("а") {
                strip(1)
            } else if ends("я") {
                soft_stem(1)
            } else {
                return None;
            }
        }
        G::Datv => {
            if ends("ому") || ends("ему") {
                adjectival(
                    3,
                    if ends("кому") || ends("гому") || ends("хому") {
                        "ий"
                    } else {
                        "ый"
                    },
                )
            } else if ends("у") {
                strip(1)
            } else if ends("ю") {
                soft_stem(1)
            } else {
                return None;
            }
        }
        G::Ablt => {
            if ends("овым") || ends("евым") || ends("иным") || ends("ыным") {
                strip(2)
            } else if ends("ским") || ends("цким") {
                adjectival(2, "ий")
            } else if ends("ом") {
                strip(2)
            } else if ends("ем") {
                soft_stem(2)
            } else {
                return None;
            }
        }
        G::Loct => {
            if ends("ом") || ends("ем") {
                return None; // the -ом/-ем locatives are adjectival, which the morphology reads
            } else if ends("е") {
                let stem = strip(1);
                if vowel(chars[n - 2]) {
                    format!("{stem}й")
                } else {
                    stem
                }
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some(out)
}

/// A person's name in the nominative, word by word. Initials ("А.", "Дж.") and words that
/// do not decline are kept as written. `context` holds the cases that the word before the
/// name allows when that word agrees with it (a title: "лорда Вернона Коакера").
/// Latin letters that look like Cyrillic ones, as typed into Cyrillic names ("A.Гараев").
const LOOKALIKES: &[(char, char)] = &[
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('x', 'х'),
    ('y', 'у'),
];

/// A word that mixes scripts, with its Latin lookalikes made Cyrillic ("A.Гараев" →
/// "А.Гараев"); a word without Cyrillic letters is left as written.
pub fn cyrillic_lookalikes(word: &str) -> String {
    let cyrillic = |c: char| ('\u{400}'..='\u{4FF}').contains(&c);
    if !word.chars().any(cyrillic) {
        return word.to_string();
    }
    word.chars()
        .map(|c| {
            LOOKALIKES
                .iter()
                .find(|(l, _)| *l == c)
                .map_or(c, |(_, k)| *k)
        })
        .collect()
}

pub fn person(morph: &Morph, words: &[&str], context: &[G]) -> Vec<String> {
    let owned: Vec<String> = words.iter().map(|w| cyrillic_lookalikes(w)).collect();
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let words = &words[..];
    // the part of each word to decline: "А.Гараев" declines as "Гараев" after its initial
    let split: Vec<(&str, &str)> = words
        .iter()
        .map(|w| match w.rfind('.') {
            Some(i) if i + 1 < w.len() => (&w[..i + 1], &w[i + 1..]),
            _ => ("", *w),
        })
        .collect();
    let parses: Vec<Vec<Parse<'_>>> = split
        .iter()
        .enumerate()
        .map(|(k, (_, w))| {
            if w.chars().count() > 1 && !w.ends_with('.') {
                analyses(morph, w, k > 0 && k + 1 == split.len())
            } else {
                Vec::new()
            }
        })
        .collect();
    let best = |ps: &[Parse<'_>], case: G, gender: Option<G>| -> Option<(f64, usize)> {
        ps.iter()
            .enumerate()
            .filter(|(_, p)| p.tag.case().map(fold_case) == Some(case))
            .filter(|(_, p)| {
                gender.is_none_or(|g| p.tag.gender().is_none_or(|pg| pg == g || pg == G::MsF))
            })
            .map(|(i, p)| (weight(p), i))
            .max_by(|a, b| a.0.total_cmp(&b.0))
    };
    // the case and gender the words agree on best; the nominative wins ties. A name in
    // apposition to a title takes the title's case ("министра … лорда Верона Коакера"), so
    // where the words can be read in a case of the title, only those cases compete.
    let readable = |case: G| parses.iter().any(|ps| best(ps, case, None).is_some());
    let in_context = context.iter().any(|c| readable(*c));
    let mut choice = (G::Nomn, None, f64::MIN);
    for case in CASES {
        if in_context && !context.contains(&case) {
            continue;
        }
        for gender in GENDERS.iter().map(|g| Some(*g)).chain([None]) {
            let total: f64 = parses
                .iter()
                .filter_map(|ps| best(ps, case, gender))
                .map(|(w, _)| w)
                .sum();
            let mut total = if case == G::Nomn {
                total * 1.2 + 1e-9
            } else {
                total
            };
            if context.contains(&case) {
                total *= 3.0;
            }
            if total > choice.2 {
                choice = (case, gender, total);
            }
        }
    }
    let (case, gender, _) = choice;
    // the gender the first name gives, for a surname the morphology cannot read
    let name_gender = gender.or_else(|| {
        parses.first().and_then(|ps| {
            ps.iter()
                .filter(|p| p.tag.has(G::Name) && p.tag.case().map(fold_case) == Some(case))
                .find_map(|p| p.tag.gender())
        })
    });
    let last = split.len() - 1;
    // the case is the name's own when a word before the surname reads in it and not as a
    // nominative ("Григорием", "Хамида"); a case from the context alone ("помощника
    // госсекретаря Мэтью Брайза") does not make a foreign surname decline
    let own_case = parses[..last]
        .iter()
        .any(|ps| best(ps, case, name_gender).is_some() && best(ps, G::Nomn, None).is_none());
    split
        .iter()
        .zip(&parses)
        .enumerate()
        .map(|(k, ((prefix, word), ps))| {
            if case == G::Nomn {
                return format!("{prefix}{word}");
            }
            // the surname after a first name that fixed the case, no reading in that case
            if k == last && own_case && best(ps, case, gender).is_none() {
                if let Some(nominative) = surname_by_rule(word, case, name_gender) {
                    return format!("{prefix}{nominative}");
                }
            }
            let inflected = best(ps, case, gender).and_then(|(_, i)| {
                let mut need = vec![G::Nomn, G::Sing];
                if let Some(g) = ps[i].tag.gender().filter(|g| *g != G::MsF) {
                    need.push(g);
                }
                ps[i]
                    .inflect(&need)
                    .or_else(|| ps[i].inflect(&[G::Nomn, G::Sing]))
            });
            match inflected {
                Some(p) => format!("{prefix}{}", restore_capitalization(&p.word, word)),
                None => format!("{prefix}{word}"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_by_the_endings_of_their_paradigms() {
        let m = Some(G::Masc);
        let rule = |w: &str, c: G| surname_by_rule(w, c, m);
        assert_eq!(rule("Карасиным", G::Ablt).as_deref(), Some("Карасин"));
        assert_eq!(rule("Ивановым", G::Ablt).as_deref(), Some("Иванов"));
        assert_eq!(rule("Карзая", G::Gent).as_deref(), Some("Карзай"));
        assert_eq!(rule("Карзаем", G::Ablt).as_deref(), Some("Карзай"));
        assert_eq!(rule("Райкконена", G::Accs).as_deref(), Some("Райкконен"));
        assert_eq!(rule("Райкконене", G::Loct).as_deref(), Some("Райкконен"));
        assert_eq!(rule("Хитля", G::Gent).as_deref(), Some("Хитль"));
        assert_eq!(rule("Долгорукому", G::Datv).as_deref(), Some("Долгорукий"));
        assert_eq!(rule("Вишневского", G::Gent).as_deref(), Some("Вишневский"));
        // a woman's foreign surname does not decline; the nominative stays
        assert_eq!(surname_by_rule("Меркель", G::Gent, Some(G::Femn)), None);
        assert_eq!(rule("Карзай", G::Nomn), None);
    }
}
