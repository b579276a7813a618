//! [`Tag`]: the grammatical tag of one analysis ("NOUN,anim,masc,Sgtm,Surn sing,ablt"), with
//! cheap grammeme tests on a bitset and the exact OpenCorpora string it came from.
//!
//! Tag strings are interned once per process (there are about 5,600 of them in the
//! dictionary, plus the few that the analyzer units make), so a `Tag` is `Copy`, has no
//! lifetime, and prints exactly as pymorphy prints it.

use crate::grammeme::{self, GramSet, Grammeme};
use std::collections::HashSet;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// A grammatical tag: a set of grammemes plus its exact string.
///
/// Two tags are equal when their strings are (as in pymorphy, where the order of grammemes
/// is part of the tag).
#[derive(Clone, Copy)]
pub struct Tag {
    set: GramSet,
    name: &'static str,
}

impl PartialEq for Tag {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for Tag {}
impl std::hash::Hash for Tag {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state)
    }
}

/// Why a tag string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad tag {tag:?}: unknown grammeme {grammeme:?}")]
pub struct BadTag {
    pub tag: String,
    pub grammeme: String,
}

fn interner() -> &'static Mutex<HashSet<&'static str>> {
    static I: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    I.get_or_init(|| Mutex::new(HashSet::new()))
}

fn intern(s: &str) -> &'static str {
    // A poisoned lock only means another thread panicked while inserting; the set is
    // still a valid set of leaked strings.
    let mut set = interner().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = set.get(s) {
        return found;
    }
    let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
    set.insert(leaked);
    leaked
}

impl Tag {
    /// Reads an OpenCorpora tag string ("NOUN,anim,masc sing,nomn"): grammemes separated by
    /// commas, the lexeme's and the form's parts separated by a space. The string is
    /// interned for the life of the process (each distinct string once).
    pub fn parse(s: &str) -> Result<Tag, BadTag> {
        let mut set = GramSet::EMPTY;
        for g in s.split([',', ' ']).filter(|g| !g.is_empty()) {
            match Grammeme::from_name(g) {
                Some(g) => set = set.with(g),
                None => {
                    return Err(BadTag {
                        tag: s.to_string(),
                        grammeme: g.to_string(),
                    })
                }
            }
        }
        Ok(Tag {
            set,
            name: intern(s),
        })
    }

    /// The exact tag string.
    #[inline]
    pub fn as_str(&self) -> &'static str {
        self.name
    }

    /// All grammemes of the tag.
    #[inline]
    pub fn grammemes(&self) -> GramSet {
        self.set
    }

    /// Whether the tag has `g`.
    #[inline]
    pub fn has(&self, g: Grammeme) -> bool {
        self.set.contains(g)
    }

    /// Whether the tag has every grammeme of `gs`.
    #[inline]
    pub fn has_all(&self, gs: impl Into<GramSet>) -> bool {
        self.set.contains_all(gs.into())
    }

    /// Whether the tag has any grammeme of `gs`.
    #[inline]
    pub fn has_any(&self, gs: impl Into<GramSet>) -> bool {
        self.set.intersects(gs.into())
    }

    /// The part of speech as pymorphy reads it: the first grammeme of the string when it is
    /// a part of speech (NOUN, VERB …); `None` for LATN, NUMB, PNCT, ROMN, UNKN.
    #[inline]
    pub fn pos(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::PARTS_OF_SPEECH)
    }
    #[inline]
    pub fn case(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::CASES)
    }
    #[inline]
    pub fn number(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::NUMBERS)
    }
    /// masc, femn or neut (common-gender words have `ms-f`, which this does not return).
    #[inline]
    pub fn gender(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::GENDERS)
    }
    #[inline]
    pub fn animacy(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::ANIMACY)
    }
    #[inline]
    pub fn aspect(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::ASPECTS)
    }
    #[inline]
    pub fn person(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::PERSONS)
    }
    #[inline]
    pub fn tense(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::TENSES)
    }
    #[inline]
    pub fn mood(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::MOODS)
    }
    #[inline]
    pub fn voice(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::VOICES)
    }
    #[inline]
    pub fn transitivity(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::TRANSITIVITY)
    }
    #[inline]
    pub fn involvement(&self) -> Option<Grammeme> {
        self.set.first_of(grammeme::INVOLVEMENT)
    }

    /// pymorphy's `is_productive`: not a numeral, pronoun, preposition, conjunction, particle,
    /// interjection, predicative or pronominal adjective.
    #[inline]
    pub fn is_productive(&self) -> bool {
        !self.set.intersects(grammeme::NON_PRODUCTIVE)
    }

    /// pymorphy's `_is_unknown`: the tag's first grammeme is not a part of speech.
    pub(crate) fn is_unknown(&self) -> bool {
        let first = self.name.split([',', ' ']).next().unwrap_or("");
        !Grammeme::from_name(first).is_some_and(|g| grammeme::PARTS_OF_SPEECH.contains(g))
    }

    /// Whether the tag names a person: a first name, surname or patronymic.
    pub fn is_person_name(&self) -> bool {
        self.has_any(GramSet::of(&[
            Grammeme::Name,
            Grammeme::Surn,
            Grammeme::Patr,
        ]))
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag({:?})", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Grammeme as G;

    #[test]
    fn parse_and_test() {
        let t = Tag::parse("NOUN,anim,masc,Sgtm,Surn sing,ablt").unwrap();
        assert_eq!(t.pos(), Some(G::Noun));
        assert_eq!(t.case(), Some(G::Ablt));
        assert_eq!(t.number(), Some(G::Sing));
        assert_eq!(t.gender(), Some(G::Masc));
        assert_eq!(t.animacy(), Some(G::Anim));
        assert!(t.has(G::Surn) && t.is_person_name() && t.is_productive());
        assert!(t.has_all(GramSet::of(&[G::Noun, G::Ablt])));
        assert_eq!(t.to_string(), "NOUN,anim,masc,Sgtm,Surn sing,ablt");
        assert!(!t.is_unknown());
        let u = Tag::parse("UNKN").unwrap();
        assert!(u.is_unknown() && u.pos().is_none());
        assert!(Tag::parse("NOUN,bogus").is_err());
        // Interned: the same string gives the same pointer.
        let t2 = Tag::parse("NOUN,anim,masc,Sgtm,Surn sing,ablt").unwrap();
        assert!(std::ptr::eq(t.as_str(), t2.as_str()));
        assert_eq!(t, t2);
        let v = Tag::parse("VERB,perf,tran plur,impr,excl").unwrap();
        assert_eq!(v.aspect(), Some(G::Perf));
        assert_eq!(v.mood(), Some(G::Impr));
        assert_eq!(v.involvement(), Some(G::Excl));
        assert!(!Tag::parse("NPRO,masc sing,nomn").unwrap().is_productive());
    }
}
