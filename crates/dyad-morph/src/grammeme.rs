//! Grammemes — the atoms of a morphological tag ("NOUN", "gent", "Surn" …) — and
//! [`GramSet`], a 128-bit set of them, so that tag tests are a single AND.
//!
//! The list is the OpenCorpora one as shipped in the dictionary's `grammemes.json` (115
//! grammemes, in that file's order), followed by the seven that pymorphy's analyzer units add
//! for tokens that are not words (LATN, PNCT, NUMB, intg, real, ROMN, UNKN). The dictionary is
//! checked against this list when it is loaded.

use std::fmt;
use std::str::FromStr;

macro_rules! grammemes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// One grammeme. The discriminant is the bit index in a [`GramSet`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Grammeme {
            $($(#[$doc])* $variant,)*
        }

        impl Grammeme {
            /// Every grammeme, in bit order.
            pub const ALL: &'static [Grammeme] = &[$(Grammeme::$variant,)*];

            /// The OpenCorpora name ("NOUN", "gent", "1per", "V-ey" …).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Grammeme::$variant => $name,)*
                }
            }

            /// The grammeme with this OpenCorpora name.
            pub fn from_name(name: &str) -> Option<Grammeme> {
                match name {
                    $($name => Some(Grammeme::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

grammemes! {
    /// Part of speech (category).
    Post = "POST",
    /// Noun.
    Noun = "NOUN",
    /// Full adjective.
    Adjf = "ADJF",
    /// Short adjective.
    Adjs = "ADJS",
    /// Comparative.
    Comp = "COMP",
    /// Finite verb.
    Verb = "VERB",
    /// Infinitive.
    Infn = "INFN",
    /// Full participle.
    Prtf = "PRTF",
    /// Short participle.
    Prts = "PRTS",
    /// Gerund (deeprichastie).
    Grnd = "GRND",
    /// Numeral.
    Numr = "NUMR",
    /// Adverb.
    Advb = "ADVB",
    /// Pronoun used as a noun.
    Npro = "NPRO",
    /// Predicative.
    Pred = "PRED",
    /// Preposition.
    Prep = "PREP",
    /// Conjunction.
    Conj = "CONJ",
    /// Particle.
    Prcl = "PRCL",
    /// Interjection.
    Intj = "INTJ",
    /// Animacy (category).
    AnimacyCat = "ANim",
    /// Animate.
    Anim = "anim",
    /// Inanimate.
    Inan = "inan",
    /// Gender (category).
    GenderCat = "GNdr",
    /// Masculine.
    Masc = "masc",
    /// Feminine.
    Femn = "femn",
    /// Neuter.
    Neut = "neut",
    /// Common gender (m/f).
    MsF = "ms-f",
    /// Number (category).
    NumberCat = "NMbr",
    /// Singular.
    Sing = "sing",
    /// Plural.
    Plur = "plur",
    /// Singularia tantum.
    Sgtm = "Sgtm",
    /// Pluralia tantum.
    Pltm = "Pltm",
    /// Indeclinable.
    Fixd = "Fixd",
    /// Case (category).
    CaseCat = "CAse",
    /// Nominative.
    Nomn = "nomn",
    /// Genitive.
    Gent = "gent",
    /// Dative.
    Datv = "datv",
    /// Accusative.
    Accs = "accs",
    /// Instrumental.
    Ablt = "ablt",
    /// Prepositional.
    Loct = "loct",
    /// Vocative.
    Voct = "voct",
    /// First genitive.
    Gen1 = "gen1",
    /// Second genitive (partitive).
    Gen2 = "gen2",
    /// Second accusative.
    Acc2 = "acc2",
    /// First prepositional.
    Loc1 = "loc1",
    /// Second prepositional (locative).
    Loc2 = "loc2",
    /// Abbreviation.
    Abbr = "Abbr",
    /// First name.
    Name = "Name",
    /// Surname.
    Surn = "Surn",
    /// Patronymic.
    Patr = "Patr",
    /// Place name.
    Geox = "Geox",
    /// Organisation.
    Orgn = "Orgn",
    /// Trade mark.
    Trad = "Trad",
    /// Possibly substantivised.
    Subx = "Subx",
    /// Superlative.
    Supr = "Supr",
    /// Qualitative.
    Qual = "Qual",
    /// Pronominal adjective.
    Apro = "Apro",
    /// Ordinal.
    Anum = "Anum",
    /// Possessive.
    Poss = "Poss",
    /// Form in -ею.
    VEy = "V-ey",
    /// Form in -ою.
    VOy = "V-oy",
    /// Comparative with по-.
    Cmp2 = "Cmp2",
    /// Comparative in -ей.
    VEj = "V-ej",
    /// Aspect (category).
    AspectCat = "ASpc",
    /// Perfective.
    Perf = "perf",
    /// Imperfective.
    Impf = "impf",
    /// Transitivity (category).
    TransitivityCat = "TRns",
    /// Transitive.
    Tran = "tran",
    /// Intransitive.
    Intr = "intr",
    /// Impersonal.
    Impe = "Impe",
    /// Possibly impersonal.
    Impx = "Impx",
    /// Frequentative.
    Mult = "Mult",
    /// Reflexive.
    Refl = "Refl",
    /// Person (category).
    PersonCat = "PErs",
    /// First person.
    Per1 = "1per",
    /// Second person.
    Per2 = "2per",
    /// Third person.
    Per3 = "3per",
    /// Tense (category).
    TenseCat = "TEns",
    /// Present.
    Pres = "pres",
    /// Past.
    Past = "past",
    /// Future.
    Futr = "futr",
    /// Mood (category).
    MoodCat = "MOod",
    /// Indicative.
    Indc = "indc",
    /// Imperative.
    Impr = "impr",
    /// Involvement (category).
    InvolvementCat = "INvl",
    /// Speaker included.
    Incl = "incl",
    /// Speaker excluded.
    Excl = "excl",
    /// Voice (category).
    VoiceCat = "VOic",
    /// Active.
    Actv = "actv",
    /// Passive.
    Pssv = "pssv",
    /// Colloquial.
    Infr = "Infr",
    /// Slang.
    Slng = "Slng",
    /// Archaic.
    Arch = "Arch",
    /// Literary variant.
    Litr = "Litr",
    /// Misprint.
    Erro = "Erro",
    /// Distortion.
    Dist = "Dist",
    /// Interrogative.
    Ques = "Ques",
    /// Demonstrative.
    Dmns = "Dmns",
    /// Parenthetical.
    Prnt = "Prnt",
    /// Form in -ье.
    VBe = "V-be",
    /// Form in -енен.
    VEn = "V-en",
    /// Form in -и-.
    VIe = "V-ie",
    /// Form in -ьи.
    VBi = "V-bi",
    /// Gerund of an imperfective verb.
    Fimp = "Fimp",
    /// May be a predicative.
    Prdx = "Prdx",
    /// Counting form.
    Coun = "Coun",
    /// Collective numeral.
    Coll = "Coll",
    /// Gerund in -ши.
    VSh = "V-sh",
    /// Form after a preposition.
    AfP = "Af-p",
    /// Animate or inanimate.
    Inmx = "Inmx",
    /// Preposition variant (со, подо …).
    Vpre = "Vpre",
    /// Anaphoric pronoun.
    Anph = "Anph",
    /// Initial.
    Init = "Init",
    /// May act as an adjective.
    Adjx = "Adjx",
    /// Gender varies (m/f/n).
    MsFVar = "Ms-f",
    /// Hypothetical form.
    Hypo = "Hypo",
    /// Latin word (not in the dictionary; pymorphy's LatinAnalyzer).
    Latn = "LATN",
    /// Punctuation.
    Pnct = "PNCT",
    /// A number written in digits.
    Numb = "NUMB",
    /// Integer (with NUMB).
    Intg = "intg",
    /// Real number (with NUMB).
    Real = "real",
    /// Roman numeral.
    Romn = "ROMN",
    /// Unknown token.
    Unkn = "UNKN",
}

impl fmt::Display for Grammeme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name is not an OpenCorpora grammeme.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown grammeme {0:?}")]
pub struct UnknownGrammeme(pub String);

impl FromStr for Grammeme {
    type Err = UnknownGrammeme;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Grammeme::from_name(s).ok_or_else(|| UnknownGrammeme(s.to_string()))
    }
}

/// A set of grammemes as a 128-bit mask.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct GramSet(pub(crate) u128);

impl GramSet {
    /// The empty set.
    pub const EMPTY: GramSet = GramSet(0);

    /// A set built from a list (usable in constants).
    pub const fn of(list: &[Grammeme]) -> GramSet {
        let mut bits = 0u128;
        let mut i = 0;
        while i < list.len() {
            bits |= 1u128 << (list[i] as u8);
            i += 1;
        }
        GramSet(bits)
    }

    /// Whether `g` is in the set.
    #[inline]
    pub const fn contains(self, g: Grammeme) -> bool {
        self.0 & (1u128 << (g as u8)) != 0
    }

    /// Whether every grammeme of `other` is in the set.
    #[inline]
    pub const fn contains_all(self, other: GramSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether the sets share a grammeme.
    #[inline]
    pub const fn intersects(self, other: GramSet) -> bool {
        self.0 & other.0 != 0
    }

    #[inline]
    pub const fn union(self, other: GramSet) -> GramSet {
        GramSet(self.0 | other.0)
    }

    #[inline]
    pub const fn intersection(self, other: GramSet) -> GramSet {
        GramSet(self.0 & other.0)
    }

    #[inline]
    pub const fn difference(self, other: GramSet) -> GramSet {
        GramSet(self.0 & !other.0)
    }

    #[inline]
    pub const fn symmetric_difference(self, other: GramSet) -> GramSet {
        GramSet(self.0 ^ other.0)
    }

    /// The set with `g` added.
    #[inline]
    pub const fn with(self, g: Grammeme) -> GramSet {
        GramSet(self.0 | (1u128 << (g as u8)))
    }

    /// The set with `g` removed.
    #[inline]
    pub const fn without(self, g: Grammeme) -> GramSet {
        GramSet(self.0 & !(1u128 << (g as u8)))
    }

    #[inline]
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    #[inline]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The grammemes in bit order.
    pub fn iter(self) -> impl Iterator<Item = Grammeme> {
        Grammeme::ALL
            .iter()
            .copied()
            .filter(move |g| self.contains(*g))
    }

    /// The first grammeme (in bit order) of the set that is also in `category`.
    #[inline]
    pub fn first_of(self, category: GramSet) -> Option<Grammeme> {
        let bits = self.0 & category.0;
        if bits == 0 {
            return None;
        }
        Grammeme::ALL.get(bits.trailing_zeros() as usize).copied()
    }
}

impl FromIterator<Grammeme> for GramSet {
    fn from_iter<I: IntoIterator<Item = Grammeme>>(iter: I) -> Self {
        iter.into_iter().fold(GramSet::EMPTY, GramSet::with)
    }
}

impl From<Grammeme> for GramSet {
    fn from(g: Grammeme) -> Self {
        GramSet::EMPTY.with(g)
    }
}

impl From<&[Grammeme]> for GramSet {
    fn from(list: &[Grammeme]) -> Self {
        GramSet::of(list)
    }
}

impl fmt::Debug for GramSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(Grammeme::as_str))
            .finish()
    }
}

impl fmt::Display for GramSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, g) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(g.as_str())?;
        }
        Ok(())
    }
}

use Grammeme as G;

/// Parts of speech.
pub const PARTS_OF_SPEECH: GramSet = GramSet::of(&[
    G::Noun,
    G::Adjf,
    G::Adjs,
    G::Comp,
    G::Verb,
    G::Infn,
    G::Prtf,
    G::Prts,
    G::Grnd,
    G::Numr,
    G::Advb,
    G::Npro,
    G::Pred,
    G::Prep,
    G::Conj,
    G::Prcl,
    G::Intj,
]);
/// Animacy values.
pub const ANIMACY: GramSet = GramSet::of(&[G::Anim, G::Inan]);
/// Gender values (masc, femn, neut; ms-f is common gender and not listed, as in pymorphy).
pub const GENDERS: GramSet = GramSet::of(&[G::Masc, G::Femn, G::Neut]);
/// Number values.
pub const NUMBERS: GramSet = GramSet::of(&[G::Sing, G::Plur]);
/// Case values, the rare ones included.
pub const CASES: GramSet = GramSet::of(&[
    G::Nomn,
    G::Gent,
    G::Datv,
    G::Accs,
    G::Ablt,
    G::Loct,
    G::Voct,
    G::Gen1,
    G::Gen2,
    G::Acc2,
    G::Loc1,
    G::Loc2,
]);
/// Aspect values.
pub const ASPECTS: GramSet = GramSet::of(&[G::Perf, G::Impf]);
/// Transitivity values.
pub const TRANSITIVITY: GramSet = GramSet::of(&[G::Tran, G::Intr]);
/// Person values.
pub const PERSONS: GramSet = GramSet::of(&[G::Per1, G::Per2, G::Per3]);
/// Tense values.
pub const TENSES: GramSet = GramSet::of(&[G::Pres, G::Past, G::Futr]);
/// Mood values.
pub const MOODS: GramSet = GramSet::of(&[G::Indc, G::Impr]);
/// Voice values.
pub const VOICES: GramSet = GramSet::of(&[G::Actv, G::Pssv]);
/// Involvement values.
pub const INVOLVEMENT: GramSet = GramSet::of(&[G::Incl, G::Excl]);
/// Grammemes of parts of speech that pymorphy does not extend to unknown words by analogy.
pub const NON_PRODUCTIVE: GramSet = GramSet::of(&[
    G::Numr,
    G::Npro,
    G::Pred,
    G::Prep,
    G::Conj,
    G::Prcl,
    G::Intj,
    G::Apro,
]);

/// pymorphy's RARE_CASES: a rare case and the common one it falls back to in inflection.
pub(crate) const RARE_CASES: &[(Grammeme, Grammeme)] = &[
    (G::Gen1, G::Gent),
    (G::Gen2, G::Gent),
    (G::Acc2, G::Accs),
    (G::Loc1, G::Loct),
    (G::Loc2, G::Loct),
    (G::Voct, G::Nomn),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(Grammeme::ALL.len(), 122);
        for g in Grammeme::ALL {
            assert_eq!(Grammeme::from_name(g.as_str()), Some(*g));
            assert_eq!(g.as_str().parse::<Grammeme>().unwrap(), *g);
        }
        assert!("foo".parse::<Grammeme>().is_err());
    }

    #[test]
    fn set_operations() {
        let s = GramSet::of(&[G::Noun, G::Gent, G::Sing]);
        assert!(s.contains(G::Noun) && !s.contains(G::Plur));
        assert!(s.contains_all(GramSet::of(&[G::Noun, G::Sing])));
        assert_eq!(s.first_of(CASES), Some(G::Gent));
        assert_eq!(s.first_of(TENSES), None);
        assert_eq!(s.len(), 3);
        assert_eq!(s.to_string(), "NOUN,sing,gent");
        assert_eq!(
            GramSet::of(&[G::Unkn]).first_of(GramSet::of(&[G::Unkn])),
            Some(G::Unkn)
        );
    }
}
