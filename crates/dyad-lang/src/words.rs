//! Words as dyad compares them: [`fold`] is the one way a word is lower-cased for comparison
//! (ё read as е, as most Russian text is written), and [`Lemmatize`] is what the morphology
//! says a word's lemmas are, for the stages and the search index that need lemmas without
//! depending on the morphology itself.

/// A word or phrase as dyad compares it: lower case, "ё" as "е". "Алиевым", "АЛИЕВЫМ" and
/// "алиевым" fold alike; so do "объём" and "объем".
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        // every token of every document is folded: Latin and Cyrillic letters without the
        // general Unicode mapping
        match c {
            'a'..='z' | 'а'..='е' | 'ж'..='я' | '0'..='9' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'ё' | 'Ё' => out.push('е'),
            _ => out.extend(c.to_lowercase().map(|l| if l == 'ё' { 'е' } else { l })),
        }
    }
    out
}

/// The lemmas a word may have, likeliest first (`dyad_morph::Morph` implements it).
pub trait Lemmatize {
    /// Every lemma the dictionary gives `word` (any case), likeliest first; empty when it
    /// knows none.
    fn lemmas(&self, word: &str) -> Vec<String>;
}

/// What the search index keeps of a word: its two likeliest lemmas, folded; a word with no
/// Cyrillic letter (a number, a Latin name) or with no known lemma as itself, folded. Every
/// form of a word or a name thus finds the others ("Азербайджаном" → "азербайджан").
pub fn search_lemmas(lemmatizer: &dyn Lemmatize, word: &str) -> Vec<String> {
    let w = fold(word);
    if !w.chars().any(|c| matches!(c, 'а'..='я')) {
        return vec![w];
    }
    let mut out: Vec<String> = Vec::new();
    for l in lemmatizer.lemmas(&w).into_iter().take(2) {
        let l = fold(&l);
        if !out.contains(&l) {
            out.push(l);
        }
    }
    if out.is_empty() {
        out.push(w);
    }
    out
}

/// The words of a text as search sees them: runs of letters and digits. A token such as
/// "премьер-министр" is two search words, so "министр" finds it.
pub fn search_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Table;
    impl Lemmatize for Table {
        fn lemmas(&self, word: &str) -> Vec<String> {
            match word {
                "азербайджаном" => vec!["азербайджан".into()],
                "стали" => vec!["стать".into(), "сталь".into(), "стать".into()],
                "елкой" => vec!["ёлка".into()],
                _ => vec![],
            }
        }
    }

    #[test]
    fn folding_lowers_and_reads_yo_as_ye() {
        assert_eq!(fold("ЁЛКА Объём"), "елка объем");
        assert_eq!(fold("Day.Az"), "day.az");
    }

    /// Unicode's lower case, ё read as е: what [`fold`] must give.
    fn unicode_fold(s: &str) -> String {
        s.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect()
    }

    proptest::proptest! {
        /// The fast paths agree with Unicode's lower case, on any text and on Russian and
        /// Latin words.
        #[test]
        fn folding_is_unicode_lower_case_with_yo_as_ye(
            any in "\\PC{0,40}",
            words in "[а-яА-ЯёЁa-zA-Z0-9 .,-]{0,40}",
        ) {
            proptest::prop_assert_eq!(fold(&any), unicode_fold(&any));
            proptest::prop_assert_eq!(fold(&words), unicode_fold(&words));
        }
    }

    #[test]
    fn search_lemmas_take_two_folded_or_the_word() {
        assert_eq!(search_lemmas(&Table, "Азербайджаном"), ["азербайджан"]);
        assert_eq!(search_lemmas(&Table, "стали"), ["стать", "сталь"]);
        assert_eq!(search_lemmas(&Table, "Ёлкой"), ["елка"]);
        assert_eq!(search_lemmas(&Table, "Trend"), ["trend"]);
        assert_eq!(search_lemmas(&Table, "2025"), ["2025"]);
        assert_eq!(search_lemmas(&Table, "Коакер"), ["коакер"]);
    }

    #[test]
    fn search_words_are_letter_and_digit_runs() {
        let w: Vec<&str> = search_words("Премьер-министр, 4 декабря (Day.Az)").collect();
        assert_eq!(w, ["Премьер", "министр", "4", "декабря", "Day", "Az"]);
    }
}
