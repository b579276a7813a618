//! Analyses of words chosen for dyad's texts: dictionary words in several cases, "ё",
//! names, places, unknown surnames, initials, abbreviations, hyphenated words, Latin,
//! numbers; inflection and lexemes; phrases in the nominative. Skipped (with a note) when
//! the dictionary has not been fetched.

mod common;

use dyad_morph::{Grammeme as G, Morph, Parse, Source};

/// The best analysis of `word`.
fn top<'m>(morph: &'m Morph, word: &str) -> Parse<'m> {
    morph
        .parse(word)
        .into_iter()
        .next()
        .expect("parse is never empty")
}

/// Some analysis of `word` with lemma `lemma` and all of `grammemes`.
fn has_parse(morph: &Morph, word: &str, lemma: &str, grammemes: &[G]) -> bool {
    morph
        .parse(word)
        .iter()
        .any(|p| p.normal_form == lemma && p.tag.has_all(grammemes))
}

#[test]
fn dictionary_words_in_several_cases() {
    let Some(m) = common::morph() else { return };
    let p = top(m, "посольстве");
    assert_eq!(
        (p.normal_form.as_str(), p.tag.case(), p.tag.gender()),
        ("посольство", Some(G::Loct), Some(G::Neut))
    );
    assert!(p.is_known() && p.source() == Source::Dictionary);
    assert!(has_parse(
        m,
        "Азербайджана",
        "азербайджан",
        &[G::Noun, G::Geox, G::Gent, G::Sing]
    ));
    assert!(has_parse(m, "Азербайджану", "азербайджан", &[G::Datv]));
    assert!(has_parse(
        m,
        "Беларусью",
        "беларусь",
        &[G::Ablt, G::Femn, G::Geox]
    ));
    assert!(has_parse(m, "Гяндже", "гянджа", &[G::Loct]));
    assert!(has_parse(
        m,
        "переговорах",
        "переговоры",
        &[G::Plur, G::Loct]
    ));
    let v = top(m, "подписали");
    assert_eq!(
        (
            v.normal_form.as_str(),
            v.tag.pos(),
            v.tag.tense(),
            v.tag.number()
        ),
        ("подписать", Some(G::Verb), Some(G::Past), Some(G::Plur))
    );
    assert_eq!(v.tag.aspect(), Some(G::Perf));
    let a = top(m, "британском");
    assert_eq!(
        (a.normal_form.as_str(), a.tag.pos(), a.tag.case()),
        ("британский", Some(G::Adjf), Some(G::Loct))
    );
    let pres = top(m, "заявляет");
    assert_eq!(
        (pres.tag.person(), pres.tag.tense()),
        (Some(G::Per3), Some(G::Pres))
    );
    let prtf = m
        .parse("подписанного")
        .into_iter()
        .find(|p| p.tag.has(G::Prtf))
        .unwrap();
    assert_eq!(prtf.tag.voice(), Some(G::Pssv));
}

#[test]
fn yo_is_restored() {
    let Some(m) = common::morph() else { return };
    let p = top(m, "еще");
    assert_eq!((p.word.as_str(), p.normal_form.as_str()), ("ещё", "ещё"));
    assert_eq!(top(m, "елка").normal_form, "ёлка");
    assert_eq!(top(m, "ёлка").normal_form, "ёлка");
    assert!(
        has_parse(m, "Семенов", "семёнов", &[G::Surn])
            || has_parse(m, "Семенов", "семенов", &[G::Surn])
    );
    assert!(m.is_known("еще") && m.is_known("ЕЩЁ") && !m.is_known("ещеее"));
}

#[test]
fn person_names_and_places() {
    let Some(m) = common::morph() else { return };
    assert!(top(m, "Ильхам")
        .tag
        .has_all(&[G::Name, G::Masc, G::Nomn][..]));
    let surname = top(m, "Алиева");
    assert!(
        surname.tag.has(G::Surn) && surname.normal_form == "алиев",
        "{surname:?}"
    );
    assert!(top(m, "Гейдаровича").tag.has(G::Patr));
    assert!(top(m, "Эрдоганом").tag.has_all(&[G::Surn, G::Ablt][..]));
    assert!(top(m, "Москвы").tag.has_all(&[G::Geox, G::Gent][..]));
    let baku = top(m, "Баку");
    assert!(baku.tag.has_all(&[G::Geox, G::Fixd][..]));
    assert!(top(m, "Карабаха").tag.has(G::Geox));
    assert!(top(m, "Путин").tag.is_person_name());
}

#[test]
fn unknown_surnames_are_predicted() {
    let Some(m) = common::morph() else { return };
    // Guessed from their endings or from a dictionary word after an unknown beginning.
    let g = top(m, "Гасымлы");
    assert_eq!(g.source(), Source::Suffix);
    let k = top(m, "Коакером");
    assert_eq!(
        (k.source(), k.normal_form.as_str(), k.tag.case()),
        (Source::UnknownPrefix, "коакер", Some(G::Ablt))
    );
    let v = top(m, "Вюгаром");
    assert_eq!(
        (v.normal_form.as_str(), v.tag.case()),
        ("вюгар", Some(G::Ablt))
    );
    assert!(has_parse(
        m,
        "Мустафаевым",
        "мустафаев",
        &[G::Surn, G::Ablt, G::Sing]
    ));
    let p = top(m, "Пашиняна");
    assert_eq!(p.normal_form, "пашинян");
    // A surname the dictionary cannot know, predicted by its ending "-ова".
    assert!(m
        .parse("Джабраилова")
        .iter()
        .any(|p| p.normal_form == "джабраилов" && p.tag.has(G::Gent)));
}

#[test]
fn initials() {
    let Some(m) = common::morph() else { return };
    let ps = m.parse("Ю");
    assert!(ps
        .iter()
        .all(|p| p.source() == Source::Initial && p.tag.has(G::Init)));
    assert!(ps
        .iter()
        .any(|p| p.tag.has_all(&[G::Name, G::Masc, G::Nomn][..])));
    assert!(ps
        .iter()
        .any(|p| p.tag.has_all(&[G::Patr, G::Femn, G::Gent][..])));
    assert_eq!(ps.len(), 24);
    // A letter that is also a word: the word comes first, the initials are still there.
    let a = m.parse("А");
    assert_eq!(a[0].tag.pos(), Some(G::Conj));
    assert!(a.iter().any(|p| p.tag.has(G::Init)));
    // Lower-case letters and non-initial letters are not initials.
    assert!(m.parse("ю").iter().all(|p| p.source() != Source::Initial));
    assert_eq!(top(m, "Ъ").tag.as_str(), "UNKN");
    // Inflecting an initial keeps the letter and gender.
    let init = ps
        .iter()
        .find(|p| p.tag.has_all(&[G::Name, G::Femn][..]))
        .unwrap();
    assert_eq!(init.lexeme().len(), 6);
    assert!(init.normalized().tag.has_all(&[G::Femn, G::Nomn][..]));
}

#[test]
fn abbreviations_and_short_tokens() {
    let Some(m) = common::morph() else { return };
    for w in ["СК", "ФЗ", "ООН", "МИД", "РФ", "мчс"] {
        assert!(top(m, w).tag.has(G::Abbr), "{w}: {:?}", m.parse(w));
    }
    assert!(top(m, "ООН").tag.has(G::Orgn));
    for w in ["ИА", "Ъ", "й", "ЪЪ", "ьь"] {
        let ps = m.parse(w);
        assert!(!ps.is_empty(), "{w}");
    }
    assert_eq!(top(m, "ИА").tag.as_str(), "UNKN");
}

#[test]
fn hyphenated_words() {
    let Some(m) = common::morph() else { return };
    let p = top(m, "Великобритания-Азербайджан");
    assert_eq!(
        (p.source(), p.normal_form.as_str()),
        (Source::Hyphenated, "великобритания-азербайджан")
    );
    let p = top(m, "Великобритании-Азербайджана");
    assert_eq!(p.source(), Source::Hyphenated);
    assert!(p.tag.has(G::Gent), "{p:?}");
    assert_eq!(p.normal_form, "великобритания-азербайджан");
    // Particles.
    let p = top(m, "смотри-ка");
    assert_eq!(
        (p.source(), p.normal_form.as_str()),
        (Source::HyphenParticle, "смотреть-ка")
    );
    assert_eq!(top(m, "кто-то").tag.pos(), Some(G::Npro));
    assert_eq!(top(m, "каким-нибудь").normal_form, "какой-нибудь");
    // "по-" adverbs that the dictionary lacks (pymorphy's rule: the rest is a dative adjective).
    let p = top(m, "по-азербайджанскому");
    assert_eq!(
        (p.source(), p.tag.pos()),
        (Source::HyphenAdverb, Some(G::Advb))
    );
    assert!(m
        .parse("по-азербайджански")
        .iter()
        .any(|p| p.tag.pos() == Some(G::Advb)));
    // A left part that does not change.
    let p = top(m, "пресс-секретарем");
    assert_eq!(
        (p.normal_form.as_str(), p.tag.case()),
        ("пресс-секретарь", Some(G::Ablt))
    );
    let p = top(m, "интернет-магазина");
    assert_eq!(p.normal_form, "интернет-магазин");
    // A compound the dictionary lacks, where both parts inflect.
    let p = m
        .parse("ракеты-носителя")
        .into_iter()
        .find(|p| p.tag.has(G::Gent))
        .unwrap();
    assert_eq!(p.normal_form, "ракета-носитель");
    // Known prefixes.
    let p = top(m, "антикошка");
    assert_eq!(
        (p.source(), p.normal_form.as_str()),
        (Source::KnownPrefix, "антикошка")
    );
    let p = top(m, "экс-премьера");
    assert_eq!(p.normal_form, "экс-премьер");
}

#[test]
fn latin_numbers_punctuation() {
    let Some(m) = common::morph() else { return };
    assert_eq!(top(m, "NATO").tag.as_str(), "LATN");
    assert_eq!(top(m, "NATO").normal_form, "nato");
    assert_eq!(top(m, "2015").tag.as_str(), "NUMB,intg");
    assert_eq!(top(m, "1,5").tag.as_str(), "NUMB,real");
    assert_eq!(top(m, "XXI").tag.as_str(), "ROMN");
    assert_eq!(top(m, "«").tag.as_str(), "PNCT");
    assert_eq!(top(m, "...").tag.as_str(), "PNCT");
    assert_eq!(top(m, "😀").tag.as_str(), "UNKN");
    assert!(top(m, "NATO").tag.pos().is_none());
}

#[test]
fn inflection_of_names() {
    let Some(m) = common::morph() else { return };
    let aliev = top(m, "Алиев");
    let forms: Vec<String> = aliev.lexeme().into_iter().map(|p| p.word).collect();
    for f in [
        "алиев",
        "алиева",
        "алиеву",
        "алиевым",
        "алиеве",
        "алиевы",
        "алиевых",
    ] {
        assert!(forms.contains(&f.to_string()), "{f} not in {forms:?}");
    }
    assert_eq!(aliev.inflect(&[G::Datv]).unwrap().word, "алиеву");
    assert_eq!(aliev.inflect(&[G::Ablt]).unwrap().word, "алиевым");
    assert_eq!(aliev.inflect(&[G::Plur, G::Gent]).unwrap().word, "алиевых");
    assert_eq!(
        m.inflect("Алиев", G::Datv, G::Sing).as_deref(),
        Some("Алиеву")
    );
    assert_eq!(
        m.inflect("Алиев", G::Ablt, G::Sing).as_deref(),
        Some("Алиевым")
    );
    assert_eq!(m.inflect("ООН", G::Gent, G::Sing).as_deref(), Some("ООН"));
    assert_eq!(
        m.inflect("Мустафаевым", G::Nomn, G::Sing).as_deref(),
        Some("Мустафаев")
    );
    assert_eq!(
        m.inflect("Беларусью", G::Nomn, G::Sing).as_deref(),
        Some("Беларусь")
    );
    assert_eq!(
        m.inflect("Гяндже", G::Nomn, G::Sing).as_deref(),
        Some("Гянджа")
    );
    assert_eq!(
        m.inflect("Санкт-Петербург", G::Loct, G::Sing).as_deref(),
        Some("Санкт-Петербурге")
    );
    // A predicted surname inflects along its predicted paradigm.
    let k = top(m, "Коакером");
    assert_eq!(k.inflect(&[G::Nomn]).unwrap().word, "коакер");
    assert_eq!(k.inflect(&[G::Gent]).unwrap().word, "коакера");
    // Hyphenated compounds inflect part by part.
    let p = top(m, "Великобритания-Азербайджан");
    assert!(p.lexeme().len() > 1);
    // Numbers.
    let posol = top(m, "посол");
    assert_eq!(posol.make_agree_with_number(1).unwrap().word, "посол");
    assert_eq!(posol.make_agree_with_number(3).unwrap().word, "посла");
    assert_eq!(posol.make_agree_with_number(5).unwrap().word, "послов");
    assert_eq!(posol.make_agree_with_number(11).unwrap().word, "послов");
    assert_eq!(posol.make_agree_with_number(21).unwrap().word, "посол");
}

#[test]
fn normalized_and_lexeme() {
    let Some(m) = common::morph() else { return };
    let p = top(m, "посольствами");
    let n = p.normalized();
    assert_eq!(
        (n.word.as_str(), n.tag.case(), n.tag.number()),
        ("посольство", Some(G::Nomn), Some(G::Sing))
    );
    let lex = p.lexeme();
    assert_eq!(lex[0].word, "посольство");
    assert!(lex.iter().all(|f| f.normal_form == "посольство"));
    // Prefixed words keep the prefix in every form.
    let p = top(m, "антикошки");
    assert!(p.lexeme().iter().all(|f| f.word.starts_with("анти")));
    assert_eq!(p.normalized().word, "антикошка");
}

#[test]
fn inflection_round_trips() {
    let Some(m) = common::morph() else { return };
    let words = [
        "посольство",
        "Азербайджан",
        "Алиев",
        "Беларусь",
        "министр",
        "переговоры",
        "делегация",
        "британский",
        "Гянджа",
        "Мустафаев",
        "президент",
        "соглашение",
        "Россия",
        "Ильхам",
        "Пашинян",
        "Коакер",
    ];
    let cases = [G::Nomn, G::Gent, G::Datv, G::Accs, G::Ablt, G::Loct];
    for w in words {
        let p = top(m, w);
        for case in cases {
            for number in [G::Sing, G::Plur] {
                let Some(f) = p.inflect(&[case, number]) else {
                    continue;
                };
                assert!(
                    f.tag.has(case) || !f.tag.has_any(dyad_morph::CASES),
                    "{w} {case} {number}: {f:?}"
                );
                // A dictionary form parses back to the same lemma with that tag…
                assert!(
                    p.source() != Source::Dictionary
                        || m.parse(&f.word)
                            .iter()
                            .any(|q| q.normal_form == f.normal_form && q.tag == f.tag),
                    "{w} → {} ({}) does not parse back: {:?}",
                    f.word,
                    f.tag,
                    m.parse(&f.word)
                );
                // …and inflects back to the original.
                let back = f
                    .inflect(&[G::Nomn, G::Sing])
                    .or_else(|| f.inflect(&[G::Nomn]));
                assert_eq!(
                    back.map(|b| b.word),
                    Some(p.normalized().word),
                    "{w} via {}",
                    f.word
                );
            }
        }
    }
}

#[test]
fn phrases_in_the_nominative() {
    let Some(m) = common::morph() else { return };
    let cases: &[(&[&str], &[&str])] = &[
        (&["Вюгаром", "Мустафаевым"], &["Вюгар", "Мустафаев"]),
        (&["Милли", "Меджлиса"], &["Милли", "Меджлис"]),
        (&["Беларусью"], &["Беларусь"]),
        (&["Гяндже"], &["Гянджа"]),
        (&["британском", "посольстве"], &["британское", "посольство"]),
        (
            &["посольстве", "Великобритании"],
            &["посольство", "Великобритании"],
        ),
        (&["Ильхамом", "Алиевым"], &["Ильхам", "Алиев"]),
        (
            &["президенту", "Ильхаму", "Алиеву"],
            &["президент", "Ильхам", "Алиев"],
        ),
        (
            &["Министерства", "иностранных", "дел"],
            &["Министерство", "иностранных", "дел"],
        ),
        (&["Государственной", "думы"], &["Государственная", "дума"]),
        (&["Нагорного", "Карабаха"], &["Нагорный", "Карабах"]),
        (&["британских", "дипломатов"], &["британские", "дипломаты"]),
        (&["Соединенных", "Штатов"], &["Соединённые", "Штаты"]),
        (
            &["посольстве", "Великобритании", "в", "Азербайджане"],
            &["посольство", "Великобритании", "в", "Азербайджане"],
        ),
        (&["саммите", "НАТО"], &["саммит", "НАТО"]),
        (&["ООН"], &["ООН"]),
        (&["NATO"], &["NATO"]),
    ];
    for (words, want) in cases {
        assert_eq!(m.nominative(words), *want, "{words:?}");
    }
    assert!(m.nominative(&[]).is_empty());
}
