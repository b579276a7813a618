//! Token shapes that pymorphy recognises without the dictionary — numbers, punctuation,
//! Roman numerals, Latin-script words — and [`restore_capitalization`], which gives a
//! generated form the capitalisation of the word it came from.
//!
//! The tests follow pymorphy's `shapes.py` and the Python built-ins it relies on (`int()`,
//! `float()`, `str.isalpha`, `unicodedata`), close enough for news text: the rare
//! differences are in exotic Unicode digits and letters.

use regex::Regex;
use std::sync::OnceLock;

/// Python's `str.isspace` for one character.
fn py_isspace(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

fn py_strip(s: &str) -> &str {
    s.trim_matches(py_isspace)
}

/// A decimal digit as Python's `int()` reads it (ASCII and the common Unicode digit blocks).
fn decimal_digit(c: char) -> bool {
    let u = c as u32;
    c.is_ascii_digit()
        || (0x0660..=0x0669).contains(&u)
        || (0x06F0..=0x06F9).contains(&u)
        || (0x0966..=0x096F).contains(&u)
        || (0xFF10..=0xFF19).contains(&u)
}

/// Digits with optional single underscores between them (Python 3 numeric literal rules).
fn digits_with_underscores(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    let mut prev_digit = false;
    for c in s.chars() {
        if decimal_digit(c) {
            prev_digit = true;
        } else if c == '_' && prev_digit {
            prev_digit = false;
        } else {
            return false;
        }
    }
    prev_digit
}

/// Python's `int(s)` succeeds.
pub(crate) fn is_py_int(s: &str) -> bool {
    let s = py_strip(s);
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    digits_with_underscores(s)
}

/// Python's `float(s)` succeeds.
pub(crate) fn is_py_float(s: &str) -> bool {
    let s = py_strip(s);
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let lower = s.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        return true;
    }
    // mantissa [e[+-]digits]
    let (mant, exp) = match lower.find('e') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if let Some(exp) = exp {
        let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if !digits_with_underscores(exp) {
            return false;
        }
    }
    match mant.find('.') {
        Some(i) => {
            let (a, b) = (&mant[..i], &mant[i + 1..]);
            (a.is_empty() || digits_with_underscores(a))
                && (b.is_empty() || digits_with_underscores(b))
                && !(a.is_empty() && b.is_empty())
        }
        None => digits_with_underscores(mant),
    }
}

/// pymorphy's NumberAnalyzer shape: `Some(true)` for an integer, `Some(false)` for a real
/// number (a comma may stand for the decimal point), `None` otherwise.
pub(crate) fn number_shape(word: &str) -> Option<bool> {
    if is_py_int(word) {
        return Some(true);
    }
    if word.contains(',') {
        if is_py_float(&word.replace(',', ".")) {
            return Some(false);
        }
    } else if is_py_float(word) {
        return Some(false);
    }
    None
}

fn latin_letter_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // A letter (Python's isalpha) that is not a Latin letter by name: any letter of another
    // script, or the two ordinal indicators that belong to Latin script but are not named
    // "LATIN …".
    R.get_or_init(|| Regex::new(r"[\p{L}--\p{Latin}]|[ªº]").expect("valid regex"))
}

fn letter_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"\p{L}").expect("valid regex"))
}

/// `str::to_lowercase` (Python's `str.lower`), with a fast path for ASCII and Russian
/// letters, which need no table lookups.
pub(crate) fn lowercase(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let lower = match c {
            'A'..='Z' => (c as u8 + 32) as char,
            'А'..='Я' => char::from_u32(c as u32 + 32).unwrap_or(c),
            'Ё' => 'ё',
            _ if c.is_ascii() || ('а'..='я').contains(&c) || c == 'ё' => c,
            // Anything else (final sigma needs context): the standard library's rules.
            _ => return word.to_lowercase(),
        };
        out.push(lower);
    }
    out
}

/// pymorphy's `is_latin`: at least one letter, and every letter is Latin.
pub fn is_latin(token: &str) -> bool {
    letter_re().is_match(token) && !latin_letter_re().is_match(token)
}

fn non_punct_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"[^\p{P}\s\x1c-\x1f]").expect("valid regex"))
}

/// pymorphy's `is_punctuation`: not empty, not only spaces, and every non-space character
/// is punctuation (Unicode category P*).
pub fn is_punctuation(token: &str) -> bool {
    !token.is_empty() && !token.chars().all(py_isspace) && !non_punct_re().is_match(token)
}

/// pymorphy's `is_roman_number` (the "Dive into Python" pattern, case-insensitive).
pub fn is_roman_number(token: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    if token.is_empty() {
        return false;
    }
    // Python's `$` also matches before a final newline.
    let t = token.strip_suffix('\n').unwrap_or(token);
    R.get_or_init(|| {
        Regex::new(r"(?i)^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
            .expect("valid regex")
    })
    .is_match(t)
}

fn py_islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() {
            return false;
        }
        if c.is_lowercase() {
            cased = true;
        }
    }
    cased
}

fn py_isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            cased = true;
        }
    }
    cased
}

fn py_istitle(s: &str) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

fn py_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
}

fn same_case(word: &str, example: &str) -> String {
    if py_islower(example) {
        word.to_lowercase()
    } else if py_isupper(example) {
        word.to_uppercase()
    } else if py_istitle(example) {
        py_title(word)
    } else {
        word.to_lowercase()
    }
}

/// Gives `word` the capitalisation of `example` (pymorphy's `restore_capitalization`):
/// lower, UPPER or Title, part by part around hyphens.
///
/// ```
/// use dyad_morph::restore_capitalization;
/// assert_eq!(restore_capitalization("алиеву", "Алиев"), "Алиеву");
/// assert_eq!(restore_capitalization("оон", "ООН"), "ООН");
/// assert_eq!(restore_capitalization("санкт-петербургу", "Санкт-Петербург"), "Санкт-Петербургу");
/// ```
pub fn restore_capitalization(word: &str, example: &str) -> String {
    if example.contains('-') {
        let example_parts: Vec<&str> = example.split('-').collect();
        let parts: Vec<String> = word
            .split('-')
            .enumerate()
            .map(|(i, part)| match example_parts.get(i) {
                Some(ex) => same_case(part, ex),
                None => part.to_lowercase(),
            })
            .collect();
        return parts.join("-");
    }
    same_case(word, example)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number_shape("12"), Some(true));
        assert_eq!(number_shape("-12"), Some(true));
        assert_eq!(number_shape("1_000"), Some(true));
        assert_eq!(number_shape("12.4"), Some(false));
        assert_eq!(number_shape("1,5"), Some(false));
        assert_eq!(number_shape("inf"), Some(false));
        assert_eq!(number_shape("1e5"), Some(false));
        assert_eq!(number_shape(".5"), Some(false));
        assert_eq!(number_shape("5."), Some(false));
        assert_eq!(number_shape("."), None);
        assert_eq!(number_shape("1.000.000"), None);
        assert_eq!(number_shape("1,000,000"), None);
        assert_eq!(number_shape("12а"), None);
        assert_eq!(number_shape(""), None);
        assert_eq!(number_shape("_1"), None);
        assert_eq!(number_shape("1__0"), None);
    }

    #[test]
    fn shapes() {
        assert!(is_latin("foo") && is_latin("123-FOO") && is_latin("Straße"));
        assert!(!is_latin("123") && !is_latin(":)") && !is_latin("") && !is_latin("fooбар"));
        assert!(is_punctuation(", ") && is_punctuation("..!") && is_punctuation("«»—"));
        assert!(
            !is_punctuation("x")
                && !is_punctuation(" ")
                && !is_punctuation("")
                && !is_punctuation("$")
        );
        assert!(
            is_roman_number("II")
                && is_roman_number("IX")
                && is_roman_number("mix")
                && is_roman_number("XXI")
        );
        assert!(!is_roman_number("XIIIII") && !is_roman_number("") && !is_roman_number("ИИ"));
    }

    #[test]
    fn lowercasing() {
        for w in [
            "МОСКВА",
            "Ёлка",
            "iPhone",
            "ΟΔΟΣ",
            "İstanbul",
            "Straße",
            "ǅ",
            "",
            "ТАСС-2",
        ] {
            assert_eq!(lowercase(w), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn capitalization() {
        assert_eq!(restore_capitalization("bye", "Hello"), "Bye");
        assert_eq!(
            restore_capitalization("half-an-hour", "Minute"),
            "Half-An-Hour"
        );
        assert_eq!(restore_capitalization("usa", "IEEE"), "USA");
        assert_eq!(
            restore_capitalization("pre-world", "anti-World"),
            "pre-World"
        );
        assert_eq!(restore_capitalization("123-do", "anti-IEEE"), "123-DO");
        assert_eq!(
            restore_capitalization("foo-BAR-BAZ", "Baz-Baz"),
            "Foo-Bar-baz"
        );
        assert_eq!(restore_capitalization("foo", "foo-bar"), "foo");
    }
}
