//! slovnet's word shape (`slovnet/shape.py`), ported character for character.
//!
//! A word's shape is its type — the first alternative of slovnet's regular expression
//! `[а-яё]+ | [a-z]+ | [+-]?\d+ | [PUNCTS]+` (case-insensitive) that matches at its start,
//! else `OTHER` — and, for Russian and English words, an outline of its letter case
//! (`X`, `x`, `XX`, `xx`, `Xx`, `Xx-Xx`, `OTHER`); a punctuation word is `PUNCT_<char>` when it
//! is one of slovnet's punctuation characters, else `PUNCT_OTHER`. Digits are Python's `\d`
//! (Unicode `Nd`), letter case is Python's `str.isupper`/`str.islower` (a string is upper case
//! when it has a cased character and no lower- or title-case one), and lengths count
//! characters, as Python does.

/// slovnet's punctuation characters, in the order of its shape vocabulary.
pub const PUNCTS: [char; 48] = [
    '!', '#', '$', '%', '&', '(', ')', '[', ']', '\\', '/', '*', '+', ',', '.', ':', ';', '<', '=',
    '>', '?', '@', '^', '_', '{', '|', '}', '~', '-', '‐', '−', '‒', '⁃', '–', '—', '―', '`', '"',
    '\'', '«', '»', '„', '“', 'ʼ', 'ʻ', '”', '№', '…',
];

const OUTLINES: [&str; 7] = ["X", "x", "XX", "xx", "Xx", "Xx-Xx", "OTHER"];

/// Number of distinct shapes (slovnet's `SHAPES`; its vocabulary adds `<pad>` in front).
pub const SHAPE_COUNT: usize = 7 + 7 + PUNCTS.len() + 3;

/// The shape names, in the order of slovnet's `SHAPES` list (`RU_X` … `EN_OTHER`,
/// `PUNCT_!` … `PUNCT_…`, `PUNCT_OTHER`, `NUM`, `OTHER`).
pub fn shape_names() -> Vec<String> {
    let mut names = Vec::with_capacity(SHAPE_COUNT);
    for t in ["RU", "EN"] {
        for o in OUTLINES {
            names.push(format!("{t}_{o}"));
        }
    }
    for p in PUNCTS {
        names.push(format!("PUNCT_{p}"));
    }
    names.push("PUNCT_OTHER".to_string());
    names.push("NUM".to_string());
    names.push("OTHER".to_string());
    names
}

const PUNCT_BASE: u8 = 14;
const PUNCT_OTHER: u8 = PUNCT_BASE + PUNCTS.len() as u8;
const NUM: u8 = PUNCT_OTHER + 1;
const OTHER: u8 = NUM + 1;

/// The shape of `word` as an index into [`shape_names`].
pub fn shape_index(word: &str) -> u8 {
    let mut chars = word.chars();
    let Some(c0) = chars.next() else { return OTHER };
    if is_ru(c0) {
        outline(word)
    } else if is_en(c0) {
        7 + outline(word)
    } else if is_digit(c0) || ((c0 == '+' || c0 == '-') && chars.next().is_some_and(is_digit)) {
        NUM
    } else if let Some(p) = PUNCTS.iter().position(|&p| p == c0) {
        if chars.next().is_none() {
            PUNCT_BASE + p as u8
        } else {
            PUNCT_OTHER
        }
    } else {
        OTHER
    }
}

/// The shape of `word` by name, as slovnet's `word_shape` returns it (`"RU_Xx"`, `"NUM"`, …).
pub fn word_shape(word: &str) -> String {
    shape_names().swap_remove(shape_index(word) as usize)
}

/// Index into [`OUTLINES`] (slovnet's `word_outline`).
fn outline(word: &str) -> u8 {
    let mut chars = word.chars();
    chars.next();
    if chars.next().is_none() {
        // one character
        return if is_upper(word) { 0 } else { 1 };
    }
    if is_upper(word) {
        2
    } else if is_lower(word) {
        3
    } else if is_title(word) {
        4
    } else if is_dash_title(word) {
        5
    } else {
        6
    }
}

/// `len(word) > 1 and word[0].isupper() and word[1:].islower()`
fn is_title(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(c0) = chars.next() else { return false };
    let rest = chars.as_str();
    !rest.is_empty() && is_upper(&word[..c0.len_utf8()]) && is_lower(rest)
}

fn is_dash_title(word: &str) -> bool {
    match word.split_once('-') {
        Some((left, right)) => is_title(left) && is_title(right),
        None => false,
    }
}

/// Python's `str.isupper`.
fn is_upper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// Python's `str.islower`.
fn is_lower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_lowercase();
    }
    cased
}

/// Unicode general category `Lt`.
fn is_titlecase(c: char) -> bool {
    matches!(c as u32, 0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

/// `[а-яё]` under Python's `re.IGNORECASE` (which adds the old Cyrillic letter variants
/// U+1C80–U+1C86 that fold to в, д, о, с, т, ъ).
fn is_ru(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | '\u{1c80}'..='\u{1c86}')
}

/// `[a-z]` under Python's `re.IGNORECASE` (which adds İ, ı, ſ and the Kelvin sign).
fn is_en(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '\u{130}' | '\u{131}' | '\u{17f}' | '\u{212a}')
}

/// Python's `\d`: Unicode decimal digits (category `Nd`, Unicode 14 as in Python 3.11).
fn is_digit(c: char) -> bool {
    let c = c as u32;
    if c < 0x80 {
        return c.wrapping_sub(0x30) < 10;
    }
    const ZEROS: [u32; 60] = [
        0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
        0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
        0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0,
        0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0,
        0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0,
        0x16b50, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
    ];
    // mathematical digits: five runs of ten from U+1D7CE to U+1D7FF
    if (0x1d7ce..=0x1d7ff).contains(&c) {
        return true;
    }
    ZEROS.iter().any(|&z| c.wrapping_sub(z) < 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_slovnet_order() {
        let names = shape_names();
        assert_eq!(names.len(), SHAPE_COUNT);
        assert_eq!(names.len(), 65);
        assert_eq!(names[0], "RU_X");
        assert_eq!(names[5], "RU_Xx-Xx");
        assert_eq!(names[13], "EN_OTHER");
        assert_eq!(names[14], "PUNCT_!");
        assert_eq!(names[61], "PUNCT_…");
        assert_eq!(&names[62..], ["PUNCT_OTHER", "NUM", "OTHER"]);
    }

    // Every expectation below is what Python slovnet 0.6 (`slovnet.shape.word_shape`) returns.
    #[test]
    fn shapes_as_slovnet() {
        let cases = [
            ("Путин", "RU_Xx"),
            ("путин", "RU_xx"),
            ("ПУТИН", "RU_XX"),
            ("В", "RU_X"),
            ("в", "RU_x"),
            ("ёж", "RU_xx"),
            ("Ёлки", "RU_Xx"),
            ("Ростов-на-Дону", "RU_OTHER"),
            ("Северо-Запад", "RU_Xx-Xx"),
            ("Нью-Йорк", "RU_Xx-Xx"),
            ("СИЗО-6", "RU_XX"),
            ("Су-35", "RU_Xx"),
            ("ПутинЖ", "RU_OTHER"),
            ("Лента.ру", "RU_Xx"),
            ("iPhone", "EN_OTHER"),
            ("NATO", "EN_XX"),
            ("Google", "EN_Xx"),
            ("x", "EN_x"),
            ("Q", "EN_X"),
            ("Москва2", "RU_Xx"),
            ("2011", "NUM"),
            ("2011-2020", "NUM"),
            ("-5", "NUM"),
            ("+7", "NUM"),
            ("5,56", "NUM"),
            ("90-х", "NUM"),
            ("٣", "NUM"),
            ("-", "PUNCT_-"),
            ("—", "PUNCT_—"),
            ("«", "PUNCT_«"),
            ("...", "PUNCT_OTHER"),
            ("?!", "PUNCT_OTHER"),
            ("-abc", "PUNCT_OTHER"),
            ("+", "PUNCT_+"),
            ("№", "PUNCT_№"),
            ("#WUF13", "PUNCT_OTHER"),
            ("@user", "PUNCT_OTHER"),
            ("", "OTHER"),
            ("😀", "OTHER"),
            ("\u{0}", "OTHER"),
            ("Ωmega", "OTHER"),
            ("ǅa", "OTHER"),
            ("ı", "EN_x"),
            ("K", "EN_X"),
        ];
        for (word, shape) in cases {
            assert_eq!(word_shape(word), shape, "{word:?}");
        }
    }

    #[test]
    fn long_and_odd_words_do_not_panic() {
        let long = "Я".repeat(500_000);
        assert_eq!(word_shape(&long), "RU_XX");
        let mixed: String = (0..10_000)
            .map(|i| char::from_u32(i * 97 % 0x10ffff).unwrap_or('x'))
            .collect();
        let _ = shape_index(&mixed);
    }
}
