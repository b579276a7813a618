//! `parse` (and what hangs off a parse: lexeme, normal form, inflection) never panics and
//! does bounded work on any string: short and odd tokens, emoji, control characters, mixed
//! scripts, hyphen runs, and very long words.

mod common;

use dyad_morph::Grammeme as G;
use proptest::prelude::*;
use std::time::{Duration, Instant};

fn exercise(m: &dyad_morph::Morph, word: &str) {
    let parses = m.parse(word);
    assert!(!parses.is_empty(), "{word:?}");
    for p in parses.iter().take(3) {
        let _ = p.lexeme();
        let _ = p.normalized();
        let _ = p.inflect(&[G::Gent, G::Plur]);
        let _ = p.make_agree_with_number(5);
    }
    let _ = m.inflect(word, G::Datv, G::Sing);
}

#[test]
fn odd_tokens() {
    let Some(m) = common::morph() else { return };
    let tokens = [
        "",
        " ",
        "\0",
        "\t",
        "\n",
        "\r\n",
        "\u{200b}",
        "\u{feff}",
        "\u{301}",
        "й",
        "Й",
        "ъ",
        "Ъ",
        "ЪЪЪ",
        "ь",
        "СК",
        "ИА",
        "ФЗ",
        "А",
        "Ё",
        "ё",
        "😀",
        "👨‍👩‍👧",
        "a😀",
        "м😀",
        "-",
        "--",
        "---",
        "-а",
        "а-",
        "-то",
        "по-",
        "по-а",
        "а-б-в",
        "кто-то-то",
        "1-й",
        "2015-м",
        "XXI",
        "ⅻ",
        "İ",
        "ΣΑΣ",
        "ﬁ",
        "ＡＢＣ",
        "１２",
        "٣",
        "1e5",
        "nan",
        "Москва\u{301}",
        "т.д.",
        "Ф.",
        "ab\ncd",
        "ооооооооооооооооооооо",
        "недонедонедонедонедонедонедонедокошка",
        "антиантиантиантиантиантиантиантиантиантиантиантиантианти",
        "-то-то-то-то-то-то-то-то-то-то-то-то-то-то-то-то-то-то-то-то",
        "а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а-а",
        "еееееееееееееееееееееееееееееееееееееееееее",
    ];
    for t in tokens {
        exercise(m, t);
    }
}

#[test]
fn very_long_words_are_quick() {
    let Some(m) = common::morph() else { return };
    for unit in ["а", "е", "недо", "анти-", "-то", "😀", "x", "1", "по-"] {
        let word = unit.repeat(1_000_000 / unit.len());
        let t = Instant::now();
        let parses = m.parse(&word);
        assert!(!parses.is_empty());
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "{unit:?}×: {:?}",
            t.elapsed()
        );
    }
    // Just under the length limit, where every unit runs.
    for unit in ["недо", "анти", "е", "а-", "по-то-"] {
        let word: String = unit
            .repeat(200)
            .chars()
            .take(dyad_morph::MAX_WORD_CHARS)
            .collect();
        let t = Instant::now();
        exercise(m, &word);
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "{word:?}: {:?}",
            t.elapsed()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn any_string(s in "\\PC{0,40}") {
        if let Some(m) = common::morph() {
            exercise(m, &s);
        }
    }

    #[test]
    fn russian_like_strings(s in "[а-яёА-ЯЁ\\-]{1,30}") {
        if let Some(m) = common::morph() {
            let t = Instant::now();
            exercise(m, &s);
            prop_assert!(t.elapsed() < Duration::from_millis(500), "{:?} took {:?}", s, t.elapsed());
        }
    }

    #[test]
    fn any_chars(s in proptest::collection::vec(any::<char>(), 0..24)) {
        if let Some(m) = common::morph() {
            let s: String = s.into_iter().collect();
            exercise(m, &s);
        }
    }
}
