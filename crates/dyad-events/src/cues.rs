//! The cue words of the event stage, from `data/cues.toml` (what each list does is written
//! there), loaded once.

use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cues {
    /// Lemmas: intended or expected.
    pub future: Vec<String>,
    /// Lemma: the auxiliary of the compound future.
    pub future_auxiliary: String,
    /// Lemmas: hypothetical.
    pub hypothetical: Vec<String>,
    /// Forms right after the trigger: hypothetical.
    pub hypothetical_after: Vec<String>,
    /// Lemmas: verbs of speech.
    pub speech: Vec<String>,
    /// Forms after a speech verb that open what was said.
    pub reported_speech: Vec<String>,
    /// Lemma: an interview.
    pub interview: String,
    /// Phrases (forms): "по словам X".
    pub according_to: Vec<String>,
    /// Phrases (forms): "по его словам".
    pub according_to_last_speaker: Vec<String>,
    /// Lemmas: nouns of intent.
    pub intent_nouns: Vec<String>,
    /// Phrases (forms): "обе страны".
    pub both_states: Vec<String>,
    /// The words opening a head-of title in the dictionary ("глава").
    pub head_titles: Vec<String>,
    /// Forms of the head-of titles in the text.
    pub head_forms: Vec<String>,
    /// Sectors whose statements count.
    pub official_sectors: Vec<String>,
    /// The sector of outlets.
    pub outlet_sector: String,
    /// Lemmas: light verbs, whose object noun tells the event and whose subject is its
    /// actor.
    pub light_verbs: Vec<String>,
    /// Lemmas: verbs of asking, whose infinitive or "чтобы" clause is not done.
    pub requesting: Vec<String>,
    /// Phrases inside a lower-cased sentence: "в ходе визита".
    pub during_visit: Vec<String>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    toml::from_str(include_str!("../data/cues.toml")).expect("data/cues.toml parses")
});

/// The cue words, loaded on first use.
pub(crate) fn cues() -> &'static Cues {
    &CUES
}

/// Whether `word` is one of `list`.
pub(crate) fn has(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

/// Where `phrase` (words apart by spaces) ends when it begins at `keys[at]` and ends by
/// `end`.
pub(crate) fn phrase_at(keys: &[String], at: usize, end: usize, phrase: &str) -> Option<usize> {
    let mut k = at;
    if phrase.trim().is_empty() {
        return None;
    }
    for w in phrase.split_whitespace() {
        if k >= end || keys[k] != w {
            return None;
        }
        k += 1;
    }
    Some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cues_load() {
        let c = cues();
        assert!(has(&c.speech, "заявить"));
        assert!(has(&c.intent_nouns, "решение"));
        // the words the code compares with token keys are written as keys: lower case, no "ё"
        let forms = c
            .hypothetical_after
            .iter()
            .chain(&c.reported_speech)
            .chain(&c.according_to)
            .chain(&c.according_to_last_speaker)
            .chain(&c.both_states)
            .chain(&c.head_forms);
        for f in forms {
            assert_eq!(*f, dyad_lang::fold(f), "{f}");
        }
    }

    #[test]
    fn phrases_in_words() {
        let keys: Vec<String> = ["по", "его", "словам", ","]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(phrase_at(&keys, 1, 4, "его словам"), Some(3));
        assert_eq!(phrase_at(&keys, 1, 2, "его словам"), None);
        assert_eq!(phrase_at(&keys, 0, 4, "по словам"), None);
    }
}
