//! Russian morphology for dyad: every analysis of a word form (lemma, part of speech, case,
//! number, gender, animacy, person, tense, name markers …), ranked like pymorphy3, and the
//! inflection that turns names and phrases into any case.
//!
//! It reads the OpenCorpora dictionary compiled for pymorphy3 (`pymorphy3-dicts-ru`, fetched
//! by `dyad models fetch`) and reimplements pymorphy's analyzer in pure Rust, unit by unit
//! and in pymorphy's order ([`Source`] names them): dictionary words with "е" for "ё",
//! initials, numbers, punctuation, Roman numerals, Latin words, hyphenated words, known and
//! unknown prefixes, and prediction of unknown words from their endings; scores are
//! P(tag | word) from the OpenCorpora corpus where it knows the word. On word forms of news
//! text its analyses are pymorphy3's, in the same order with the same scores
//! (`tests/pymorphy_agreement.rs`). It never panics and does bounded work on any input.
//!
//! Modules: `dawg` reads the DAWG files, `dict` the rest of the dictionary, `analyzer`
//! holds the units, `lexeme` inflection, `phrase` the nominative of noun phrases, `tag` and
//! `grammeme` the tag types, `shapes` the non-word token shapes.
//!
//! ```no_run
//! use dyad_morph::{Grammeme as G, Morph};
//! let morph = Morph::load()?;
//! let best = &morph.parse("Мустафаевым")[0];
//! assert_eq!(best.normal_form, "мустафаев");
//! assert!(best.tag.has(G::Surn) && best.tag.case() == Some(G::Ablt));
//! let dat = best.inflect(&[G::Datv, G::Sing]).unwrap();
//! assert_eq!(dat.word, "мустафаеву");
//! assert_eq!(morph.nominative(&["британском", "посольстве"]), ["британское", "посольство"]);
//! # Ok::<(), dyad_morph::LoadError>(())
//! ```
#![forbid(unsafe_code)]

mod analyzer;
mod dawg;
mod dict;
mod grammeme;
mod lexeme;
mod phrase;
mod shapes;
mod tag;

pub use analyzer::{Source, MAX_WORD_CHARS};
pub use dict::LoadError;
pub use grammeme::{
    GramSet, Grammeme, UnknownGrammeme, ANIMACY, ASPECTS, CASES, GENDERS, INVOLVEMENT, MOODS,
    NON_PRODUCTIVE, NUMBERS, PARTS_OF_SPEECH, PERSONS, TENSES, TRANSITIVITY, VOICES,
};
pub use shapes::{is_latin, is_punctuation, is_roman_number, restore_capitalization};
pub use tag::{BadTag, Tag};

use analyzer::{Ctx, ExtraTags, Method};
use dict::Dictionary;
use std::fmt;
use std::path::Path;

/// The folder inside the `pymorphy3-dicts-ru` wheel that holds the dictionary.
pub const DICT_MEMBER: &str = "pymorphy3_dicts_ru/data";

/// The morphological analyzer: the loaded dictionary. Cheap to share between threads
/// (`Send + Sync`, no interior mutability); load it once.
pub struct Morph {
    dict: Dictionary,
    extra: ExtraTags,
}

impl fmt::Debug for Morph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Morph")
            .field("source_revision", &self.dict.source_revision)
            .field("tags", &self.dict.tags.len())
            .finish_non_exhaustive()
    }
}

/// One analysis of a word form (pymorphy's `Parse`).
#[derive(Clone)]
pub struct Parse<'m> {
    /// The word form, lower-cased, with "ё" restored where the dictionary has it.
    pub word: String,
    /// The grammatical tag.
    pub tag: Tag,
    /// The lemma (normal form), lower-cased.
    pub normal_form: String,
    /// How likely this analysis is: P(tag | word) when the corpus knows the word, else the
    /// analyzer's own estimate; the analyses of a word sum to about one.
    pub score: f64,
    pub(crate) method: Method,
    pub(crate) morph: &'m Morph,
}

impl fmt::Debug for Parse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parse")
            .field("word", &self.word)
            .field("tag", &self.tag.as_str())
            .field("normal_form", &self.normal_form)
            .field("score", &self.score)
            .field("source", &self.source())
            .finish()
    }
}

impl PartialEq for Parse<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.word == other.word
            && self.tag == other.tag
            && self.normal_form == other.normal_form
            && self.score == other.score
            && self.method == other.method
    }
}

impl<'m> Parse<'m> {
    /// Which analyzer unit produced this analysis.
    pub fn source(&self) -> Source {
        self.method.source()
    }

    /// Whether the word form is in the dictionary (not guessed).
    pub fn is_known(&self) -> bool {
        self.source() == Source::Dictionary
    }

    /// The form of this word's lexeme that has every grammeme in `required` and is otherwise
    /// closest to this one (pymorphy's `inflect`); `None` when the lexeme has no such form.
    pub fn inflect(&self, required: &[Grammeme]) -> Option<Parse<'m>> {
        self.morph.inflect_of(self, GramSet::of(required))
    }

    /// [`inflect`](Self::inflect) with a set.
    pub fn inflect_set(&self, required: GramSet) -> Option<Parse<'m>> {
        self.morph.inflect_of(self, required)
    }

    /// Every form of this word's lexeme, the normal form first for dictionary words.
    pub fn lexeme(&self) -> Vec<Parse<'m>> {
        self.morph.lexeme_of(self)
    }

    /// The analysis of the normal form (pymorphy's `normalized`).
    pub fn normalized(&self) -> Parse<'m> {
        self.morph.normalized_of(self)
    }

    /// The form that agrees with the number `n` ("1 посол", "2 посла", "5 послов").
    pub fn make_agree_with_number(&self, n: u64) -> Option<Parse<'m>> {
        let tag = self.tag;
        let index = if n % 10 == 1 && n % 100 != 11 {
            0
        } else if (2..=4).contains(&(n % 10)) && !(10..20).contains(&(n % 100)) {
            1
        } else {
            2
        };
        use Grammeme as G;
        let pos = tag.pos();
        if !matches!(pos, Some(G::Noun | G::Adjf | G::Prtf)) {
            return self.inflect(&[]);
        }
        let case = tag.case();
        let required: &[G] = if pos == Some(G::Noun) && !matches!(case, Some(G::Nomn | G::Accs)) {
            let c = case.unwrap_or(G::Nomn);
            return self.inflect(&[if index == 0 { G::Sing } else { G::Plur }, c]);
        } else if index == 0 {
            if case == Some(G::Nomn) {
                &[G::Sing, G::Nomn]
            } else {
                &[G::Sing, G::Accs]
            }
        } else if pos == Some(G::Noun) && index == 1 {
            &[G::Sing, G::Gent]
        } else if matches!(pos, Some(G::Adjf | G::Prtf))
            && tag.gender() == Some(G::Femn)
            && index == 1
        {
            &[G::Plur, G::Nomn]
        } else {
            &[G::Plur, G::Gent]
        };
        self.inflect(required)
    }
}

impl Morph {
    /// Loads the dictionary from the model cache (`dyad models fetch` puts it there).
    pub fn load() -> Result<Morph, LoadError> {
        let meta = dyad_models::file(
            &dyad_models::PYMORPHY3_DICTS_RU,
            &format!("{DICT_MEMBER}/meta.json"),
        )?;
        let dir = meta.parent().ok_or_else(|| LoadError::Io {
            path: meta.display().to_string(),
            reason: "no parent folder".into(),
        })?;
        Morph::load_from(dir)
    }

    /// Loads the dictionary from a folder with pymorphy's files (`words.dawg`, `meta.json` …).
    pub fn load_from(dir: &Path) -> Result<Morph, LoadError> {
        Ok(Morph {
            dict: Dictionary::load(dir)?,
            extra: ExtraTags::new(),
        })
    }

    /// The OpenCorpora revision the dictionary was built from.
    pub fn source_revision(&self) -> &str {
        &self.dict.source_revision
    }

    /// Approximate bytes of memory the dictionary holds.
    pub fn heap_size(&self) -> usize {
        self.dict.heap_size()
    }

    /// Every analysis of `word` (pymorphy's `MorphAnalyzer.parse`), in pymorphy's order:
    /// by P(tag | word) when the corpus knows the word (nearly every common word), else in
    /// the order the analyzer units found them, with scores normalised to sum to one.
    /// Never empty: a token nothing recognises gets one UNKN analysis.
    pub fn parse(&self, word: &str) -> Vec<Parse<'_>> {
        self.parse_inner(word, &mut Ctx::new())
    }

    /// The tags of `word`'s analyses, the likeliest first.
    pub fn tags(&self, word: &str) -> Vec<Tag> {
        let mut out: Vec<Tag> = Vec::new();
        for p in self.parse(word) {
            if !out.contains(&p.tag) {
                out.push(p.tag);
            }
        }
        out
    }

    /// The distinct lemmas of `word`, the likeliest first.
    pub fn normal_forms(&self, word: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in self.parse(word) {
            if !out.contains(&p.normal_form) {
                out.push(p.normal_form);
            }
        }
        out
    }

    /// P(tag | word) from the OpenCorpora corpus (0 when the corpus does not have the word
    /// with that tag): what [`parse`](Self::parse) ranks by.
    pub fn tag_probability(&self, word: &str, tag: Tag) -> f64 {
        let Some(ptw) = &self.dict.p_t_given_w else {
            return 0.0;
        };
        let key = format!("{}:{}", word.to_lowercase(), tag.as_str());
        ptw.find(key.as_bytes())
            .map_or(0.0, |v| v as f64 / 1_000_000.0)
    }

    /// Whether `word` (any case; "е" may stand for "ё") is a dictionary word form.
    pub fn is_known(&self, word: &str) -> bool {
        let mut items = Vec::new();
        Dictionary::similar_items(&self.dict.words, &word.to_lowercase(), &mut items);
        !items.is_empty()
    }

    /// The likeliest analysis of `word` that can be put in `case` and `number`, put there,
    /// with the capitalisation of `word` ("Алиев", Datv, Sing → "Алиеву").
    ///
    /// Analyses that are not nouns, adjectives, participles, numerals or pronouns are
    /// skipped; `None` when no analysis inflects.
    pub fn inflect(&self, word: &str, case: Grammeme, number: Grammeme) -> Option<String> {
        self.parse(word)
            .iter()
            .filter(|p| {
                p.tag.has_any(GramSet::of(&[
                    Grammeme::Noun,
                    Grammeme::Adjf,
                    Grammeme::Prtf,
                    Grammeme::Numr,
                    Grammeme::Npro,
                ]))
            })
            .find_map(|p| p.inflect(&[case, number]))
            .map(|f| restore_capitalization(&f.word, word))
    }
}

/// A per-word memo in front of [`Morph::parse`], for one thread: news texts repeat their
/// words a lot. Holds at most `capacity` words and starts afresh when full.
pub struct ParseCache<'m> {
    morph: &'m Morph,
    map: std::collections::HashMap<String, Vec<Parse<'m>>>,
    capacity: usize,
}

impl<'m> ParseCache<'m> {
    pub fn new(morph: &'m Morph, capacity: usize) -> ParseCache<'m> {
        ParseCache {
            morph,
            map: std::collections::HashMap::new(),
            capacity: capacity.max(1),
        }
    }

    /// [`Morph::parse`], remembered.
    pub fn parse(&mut self, word: &str) -> &[Parse<'m>] {
        if !self.map.contains_key(word) {
            if self.map.len() >= self.capacity {
                self.map.clear();
            }
            let parses = self.morph.parse(word);
            self.map.insert(word.to_string(), parses);
        }
        self.map.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The analyzer behind the cache.
    pub fn morph(&self) -> &'m Morph {
        self.morph
    }
}

/// The morphology as the language stage's lemmatiser: the search index and the stages ask
/// it through [`dyad_lang::Lemmatize`].
impl dyad_lang::Lemmatize for Morph {
    fn lemmas(&self, word: &str) -> Vec<String> {
        self.normal_forms(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn morph_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Morph>();
        check::<Parse<'static>>();
    }

    #[test]
    fn missing_folder_is_an_error() {
        let err = Morph::load_from(Path::new("/nonexistent/dyad-morph")).unwrap_err();
        assert!(err.to_string().contains("meta.json"), "{err}");
    }
}
