//! The analyzer units and the order pymorphy runs them in (`pymorphy3.lang.ru.DEFAULT_UNITS`):
//!
//! 1. the dictionary (with "е" standing for "ё"), together with single capital letters as
//!    initials (first name or patronymic);
//! 2. numbers (NUMB), 3. punctuation (PNCT), 4. Roman numerals (ROMN) and Latin words (LATN);
//! 5. words with a particle after a hyphen ("смотри-ка"), 6. "по-" adverbs ("по-западному"),
//! 7. hyphenated compounds analysed part by part ("Великобритания-Азербайджан"),
//! 8. known prefixes ("антиглобалист" = "анти" + "глобалист");
//! 9. unknown prefixes together with prediction by word ending (KnownSuffixAnalyzer);
//! 10. UNKN when nothing else answered.
//!
//! A unit group that answers stops the chain. Scores are then replaced by P(tag | word)
//! where the corpus knows the word (pymorphy's ProbabilityEstimator).
//!
//! Every unit is guarded: words longer than [`MAX_WORD_CHARS`] characters only get the
//! shape units and UNKN, and the units that analyse parts of a word recursively stop at
//! a depth and a call budget, so one `parse` does bounded work on any input.

use crate::dict::{char_slice, Dictionary};
use crate::grammeme::{self, GramSet, Grammeme as G};
use crate::shapes;
use crate::tag::Tag;
use crate::{Morph, Parse};

/// Words longer than this (in characters) are not looked up: no Russian word form is, and
/// the recursive units would do needless work on them.
pub const MAX_WORD_CHARS: usize = 100;
/// How deep the units that re-parse part of a word (particles, hyphens, prefixes) may nest.
const MAX_DEPTH: u32 = 4;
/// How many nested parses one top-level parse may make.
const MAX_CALLS: u32 = 256;

/// Letters a one-letter initial can be.
pub(crate) const INITIAL_LETTERS: &str = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ";

/// Particles written after a hyphen (pymorphy's list).
const PARTICLES_AFTER_HYPHEN: &[&str] =
    &["-то", "-ка", "-таки", "-де", "-тко", "-тка", "-с", "-ста"];

/// Prefixes that do not change how a word parses (pymorphy's KNOWN_PREFIXES).
pub(crate) const KNOWN_PREFIXES: &[&str] = &[
    "авиа",
    "авто",
    "аква",
    "анти",
    "анти-",
    "антропо",
    "архи",
    "арт",
    "арт-",
    "астро",
    "аудио",
    "аэро",
    "без",
    "бес",
    "био",
    "вело",
    "взаимо",
    "вне",
    "внутри",
    "видео",
    "вице-",
    "вперед",
    "впереди",
    "гекто",
    "гелио",
    "гео",
    "гетеро",
    "гига",
    "гигро",
    "гипер",
    "гипо",
    "гомо",
    "дву",
    "двух",
    "де",
    "дез",
    "дека",
    "деци",
    "дис",
    "до",
    "евро",
    "за",
    "зоо",
    "интер",
    "инфра",
    "квази",
    "квази-",
    "кило",
    "кино",
    "контр",
    "контр-",
    "космо",
    "космо-",
    "крипто",
    "лейб-",
    "лже",
    "лже-",
    "макро",
    "макси",
    "макси-",
    "мало",
    "меж",
    "медиа",
    "медиа-",
    "мега",
    "мета",
    "мета-",
    "метео",
    "метро",
    "микро",
    "милли",
    "мини",
    "мини-",
    "моно",
    "мото",
    "много",
    "мульти",
    "нано",
    "нарко",
    "не",
    "небез",
    "недо",
    "нейро",
    "нео",
    "низко",
    "обер-",
    "обще",
    "одно",
    "около",
    "орто",
    "палео",
    "пан",
    "пара",
    "пента",
    "пере",
    "пиро",
    "поли",
    "полу",
    "после",
    "пост",
    "пост-",
    "порно",
    "пра",
    "пра-",
    "пред",
    "пресс-",
    "противо",
    "противо-",
    "прото",
    "псевдо",
    "псевдо-",
    "радио",
    "разно",
    "ре",
    "ретро",
    "ретро-",
    "само",
    "санти",
    "сверх",
    "сверх-",
    "спец",
    "суб",
    "супер",
    "супер-",
    "супра",
    "теле",
    "тетра",
    "топ-",
    "транс",
    "транс-",
    "ультра",
    "унтер-",
    "штаб-",
    "экзо",
    "эко",
    "эндо",
    "эконом-",
    "экс",
    "экс-",
    "экстра",
    "экстра-",
    "электро",
    "энерго",
    "этно",
];

const KNOWN_PREFIX_SCORE: f64 = 0.75;
const KNOWN_PREFIX_MIN_REMAINDER: usize = 3;
const UNKNOWN_PREFIX_SCORE: f64 = 0.5;
const KNOWN_SUFFIX_SCORE: f64 = 0.5;
const KNOWN_SUFFIX_MIN_WORD: usize = 4;
const PARTICLE_SCORE: f64 = 0.9;
const HYPHEN_ADVERB_SCORE: f64 = 0.7;
const HYPHENATED_SCORE: f64 = 0.75;
const SHAPE_SCORE: f64 = 0.9;
const INITIAL_SCORE: f64 = 0.1;

/// How an analysis was obtained; enough to rebuild its lexeme (pymorphy's `methods_stack`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Method {
    /// A dictionary form: paradigm and form index.
    Dict {
        para: u16,
        idx: u16,
    },
    /// Predicted from the word ending with a dictionary paradigm (KnownSuffixAnalyzer).
    Suffix {
        para: u16,
        idx: u16,
    },
    InitialName,
    InitialPatr,
    Number,
    Punct,
    Roman,
    Latin,
    Unknown,
    HyphenAdverb,
    KnownPrefix {
        prefix: Box<str>,
        inner: Box<Method>,
    },
    UnknownPrefix {
        prefix: Box<str>,
        inner: Box<Method>,
    },
    Particle {
        particle: &'static str,
        inner: Box<Method>,
    },
    /// The left part is an unchanging prefix ("интернет-магазин").
    HyphenFixedLeft {
        left: Box<str>,
        right: Box<Method>,
    },
    /// Both parts inflect ("человек-гора").
    HyphenBoth {
        left: Box<Method>,
        right: Box<Method>,
    },
}

/// Which analyzer unit produced an analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// A dictionary word form.
    Dictionary,
    /// A single capital letter read as an initial.
    Initial,
    /// A number in digits (NUMB).
    Number,
    /// Punctuation (PNCT).
    Punctuation,
    /// A Roman numeral (ROMN).
    Roman,
    /// A Latin-script word (LATN).
    Latin,
    /// Nothing recognised it (UNKN).
    Unknown,
    /// A word with a particle after a hyphen ("смотри-ка").
    HyphenParticle,
    /// An adverb in "по-" ("по-западному").
    HyphenAdverb,
    /// A hyphenated compound analysed by parts.
    Hyphenated,
    /// A known prefix before a word the analyzer knows ("антикошка").
    KnownPrefix,
    /// An unknown beginning before a dictionary word ("байткод").
    UnknownPrefix,
    /// Predicted from the word's ending (unknown words: "Мустафаевым").
    Suffix,
}

impl Method {
    pub(crate) fn source(&self) -> Source {
        match self {
            Method::Dict { .. } => Source::Dictionary,
            Method::Suffix { .. } => Source::Suffix,
            Method::InitialName | Method::InitialPatr => Source::Initial,
            Method::Number => Source::Number,
            Method::Punct => Source::Punctuation,
            Method::Roman => Source::Roman,
            Method::Latin => Source::Latin,
            Method::Unknown => Source::Unknown,
            Method::HyphenAdverb => Source::HyphenAdverb,
            Method::KnownPrefix { .. } => Source::KnownPrefix,
            Method::UnknownPrefix { .. } => Source::UnknownPrefix,
            Method::Particle { .. } => Source::HyphenParticle,
            Method::HyphenFixedLeft { .. } | Method::HyphenBoth { .. } => Source::Hyphenated,
        }
    }

    /// What pymorphy's `add_parse_if_not_seen` reads as the paradigm: `methods_stack[0][2]`.
    fn seen_key(&self) -> SeenKey<'_> {
        match self {
            Method::Dict { para, .. } | Method::Suffix { para, .. } => SeenKey::Para(*para),
            Method::KnownPrefix { inner, .. }
            | Method::UnknownPrefix { inner, .. }
            | Method::Particle { inner, .. } => inner.seen_key(),
            Method::HyphenFixedLeft { right, .. } | Method::HyphenBoth { right, .. } => {
                SeenKey::Method(right)
            }
            _ => SeenKey::None,
        }
    }
}

#[derive(Debug, PartialEq)]
enum SeenKey<'a> {
    None,
    Para(u16),
    Method(&'a Method),
}

/// Parses already returned in this call, as (word, tag, paradigm) — pymorphy's `seen_parses`.
#[derive(Default)]
struct Seen {
    items: Vec<(String, Tag, SeenKeyOwned)>,
}

#[derive(Debug, PartialEq)]
enum SeenKeyOwned {
    None,
    Para(u16),
    Method(Method),
}

impl From<SeenKey<'_>> for SeenKeyOwned {
    fn from(k: SeenKey<'_>) -> Self {
        match k {
            SeenKey::None => SeenKeyOwned::None,
            SeenKey::Para(p) => SeenKeyOwned::Para(p),
            SeenKey::Method(m) => SeenKeyOwned::Method(m.clone()),
        }
    }
}

impl Seen {
    fn contains(&self, word: &str, tag: Tag, key: &SeenKey<'_>) -> bool {
        self.items.iter().any(|(w, t, k)| {
            *t == tag
                && w == word
                && match (k, key) {
                    (SeenKeyOwned::None, SeenKey::None) => true,
                    (SeenKeyOwned::Para(a), SeenKey::Para(b)) => a == b,
                    (SeenKeyOwned::Method(a), SeenKey::Method(b)) => a == *b,
                    _ => false,
                }
        })
    }

    /// Adds the parse unless seen; returns whether it was new.
    fn insert(&mut self, word: &str, tag: Tag, key: SeenKey<'_>) -> bool {
        if self.contains(word, tag, &key) {
            return false;
        }
        self.items.push((word.to_string(), tag, key.into()));
        true
    }

    fn add_parse<'m>(&mut self, p: Parse<'m>, out: &mut Vec<Parse<'m>>) {
        if self.insert(&p.word, p.tag, p.method.seen_key()) {
            out.push(p);
        }
    }
}

/// Work limits of one top-level parse.
pub(crate) struct Ctx {
    depth: u32,
    calls: u32,
}

impl Ctx {
    pub(crate) fn new() -> Ctx {
        Ctx { depth: 0, calls: 0 }
    }
}

/// Tags the analyzer units make that the dictionary does not have.
pub(crate) struct ExtraTags {
    /// Initials as first names: masculine in six cases, then feminine.
    pub(crate) name: Vec<Tag>,
    /// Initials as patronymics: masculine in six cases, then feminine.
    pub(crate) patr: Vec<Tag>,
    pub(crate) numb_int: Tag,
    pub(crate) numb_real: Tag,
    pub(crate) pnct: Tag,
    pub(crate) romn: Tag,
    pub(crate) latn: Tag,
    pub(crate) unkn: Tag,
    pub(crate) advb: Tag,
}

impl ExtraTags {
    pub(crate) fn new() -> ExtraTags {
        let t = |s: &str| Tag::parse(s).expect("built-in tag strings are valid");
        let initials = |kind: &str| -> Vec<Tag> {
            let mut v = Vec::with_capacity(12);
            for gender in ["masc", "femn"] {
                for case in ["nomn", "gent", "datv", "accs", "ablt", "loct"] {
                    v.push(t(&format!(
                        "NOUN,anim,{gender},Sgtm,{kind},Fixd,Abbr,Init sing,{case}"
                    )));
                }
            }
            v
        };
        ExtraTags {
            name: initials("Name"),
            patr: initials("Patr"),
            numb_int: t("NUMB,intg"),
            numb_real: t("NUMB,real"),
            pnct: t("PNCT"),
            romn: t("ROMN"),
            latn: t("LATN"),
            unkn: t("UNKN"),
            advb: t("ADVB"),
        }
    }
}

fn parse_of<'m>(
    morph: &'m Morph,
    word: String,
    tag: Tag,
    normal_form: String,
    score: f64,
    method: Method,
) -> Parse<'m> {
    Parse {
        word,
        tag,
        normal_form,
        score,
        method,
        morph,
    }
}

impl Morph {
    /// One `MorphAnalyzer.parse` call.
    pub(crate) fn parse_inner(&self, word: &str, ctx: &mut Ctx) -> Vec<Parse<'_>> {
        ctx.calls += 1;
        let word_lower = shapes::lowercase(word);
        let analyzable = word_lower.chars().nth(MAX_WORD_CHARS).is_none();
        let may_recurse = analyzable && ctx.depth < MAX_DEPTH && ctx.calls < MAX_CALLS;
        let mut res: Vec<Parse<'_>> = Vec::new();
        let mut seen = Seen::default();

        if analyzable {
            self.dictionary_unit(&word_lower, &mut res);
        }
        self.initials_unit(word, &word_lower, &mut res);
        if res.is_empty() {
            self.number_unit(word, &word_lower, &mut res);
        }
        if res.is_empty() && shapes::is_punctuation(word) {
            res.push(parse_of(
                self,
                word_lower.clone(),
                self.extra.pnct,
                word_lower.clone(),
                SHAPE_SCORE,
                Method::Punct,
            ));
        }
        if res.is_empty() {
            if shapes::is_roman_number(word) {
                res.push(parse_of(
                    self,
                    word_lower.clone(),
                    self.extra.romn,
                    word_lower.clone(),
                    SHAPE_SCORE,
                    Method::Roman,
                ));
            }
            if shapes::is_latin(word) {
                res.push(parse_of(
                    self,
                    word_lower.clone(),
                    self.extra.latn,
                    word_lower.clone(),
                    SHAPE_SCORE,
                    Method::Latin,
                ));
            }
        }
        if res.is_empty() && may_recurse {
            self.particle_unit(&word_lower, ctx, &mut seen, &mut res);
        }
        if res.is_empty() && may_recurse {
            self.hyphen_adverb_unit(&word_lower, ctx, &mut res);
        }
        if res.is_empty() && may_recurse {
            self.hyphenated_unit(&word_lower, ctx, &mut res);
        }
        if res.is_empty() && may_recurse {
            self.known_prefix_unit(&word_lower, ctx, &mut seen, &mut res);
        }
        if res.is_empty() && analyzable {
            self.unknown_prefix_unit(&word_lower, &mut seen, &mut res);
            self.known_suffix_unit(word, &word_lower, &mut seen, &mut res);
        }
        if res.is_empty() {
            res.push(parse_of(
                self,
                word_lower.clone(),
                self.extra.unkn,
                word_lower.clone(),
                1.0,
                Method::Unknown,
            ));
        }
        self.apply_probabilities(&word_lower, &mut res);
        res
    }

    fn nested_parse(&self, word: &str, ctx: &mut Ctx) -> Vec<Parse<'_>> {
        ctx.depth += 1;
        let r = self.parse_inner(word, ctx);
        ctx.depth -= 1;
        r
    }

    /// DictionaryAnalyzer.
    pub(crate) fn dictionary_unit<'m>(&'m self, word_lower: &str, res: &mut Vec<Parse<'m>>) {
        let d = &self.dict;
        let mut items = Vec::new();
        Dictionary::similar_items(&d.words, word_lower, &mut items);
        for (fixed_word, vi) in items {
            d.words.record_values::<4>(vi, |v| {
                let para_id = u16::from_be_bytes([v[0], v[1]]);
                let idx = u16::from_be_bytes([v[2], v[3]]);
                let Some(para) = d.paradigm(para_id) else {
                    return;
                };
                let Some(tag) = d.tag(para, idx as usize) else {
                    return;
                };
                let Some(nf) = d.normal_form(para, idx as usize, &fixed_word) else {
                    return;
                };
                res.push(parse_of(
                    self,
                    fixed_word.clone(),
                    tag,
                    nf,
                    1.0,
                    Method::Dict { para: para_id, idx },
                ));
            });
        }
    }

    /// AbbreviatedFirstNameAnalyzer and AbbreviatedPatronymicAnalyzer.
    fn initials_unit<'m>(&'m self, word: &str, word_lower: &str, res: &mut Vec<Parse<'m>>) {
        let mut chars = word.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return;
        };
        if !INITIAL_LETTERS.contains(c) {
            return;
        }
        for &tag in &self.extra.name {
            res.push(parse_of(
                self,
                word_lower.to_string(),
                tag,
                word_lower.to_string(),
                INITIAL_SCORE,
                Method::InitialName,
            ));
        }
        for &tag in &self.extra.patr {
            res.push(parse_of(
                self,
                word_lower.to_string(),
                tag,
                word_lower.to_string(),
                INITIAL_SCORE,
                Method::InitialPatr,
            ));
        }
    }

    fn number_unit<'m>(&'m self, word: &str, word_lower: &str, res: &mut Vec<Parse<'m>>) {
        if let Some(int) = shapes::number_shape(word) {
            let tag = if int {
                self.extra.numb_int
            } else {
                self.extra.numb_real
            };
            res.push(parse_of(
                self,
                word_lower.to_string(),
                tag,
                word_lower.to_string(),
                SHAPE_SCORE,
                Method::Number,
            ));
        }
    }

    /// HyphenSeparatedParticleAnalyzer.
    fn particle_unit<'m>(
        &'m self,
        word_lower: &str,
        ctx: &mut Ctx,
        seen: &mut Seen,
        res: &mut Vec<Parse<'m>>,
    ) {
        if !word_lower.contains('-') {
            return;
        }
        let Some((unsuffixed, particle)) = PARTICLES_AFTER_HYPHEN.iter().find_map(|&p| {
            let rest = word_lower.strip_suffix(p)?;
            (!rest.is_empty()).then_some((rest, p))
        }) else {
            return;
        };
        for p in self.nested_parse(unsuffixed, ctx) {
            let parse = parse_of(
                self,
                format!("{}{}", p.word, particle),
                p.tag,
                format!("{}{}", p.normal_form, particle),
                p.score * PARTICLE_SCORE,
                Method::Particle {
                    particle,
                    inner: Box::new(p.method),
                },
            );
            seen.add_parse(parse, res);
        }
    }

    /// HyphenAdverbAnalyzer.
    fn hyphen_adverb_unit<'m>(&'m self, word_lower: &str, ctx: &mut Ctx, res: &mut Vec<Parse<'m>>) {
        let Some(rest) = word_lower.strip_prefix("по-") else {
            return;
        };
        if word_lower.chars().count() < 5 {
            return;
        }
        let need = GramSet::of(&[G::Adjf, G::Sing, G::Datv]);
        if self
            .nested_parse(rest, ctx)
            .iter()
            .any(|p| p.tag.has_all(need))
        {
            res.push(parse_of(
                self,
                word_lower.to_string(),
                self.extra.advb,
                word_lower.to_string(),
                HYPHEN_ADVERB_SCORE,
                Method::HyphenAdverb,
            ));
        }
    }

    /// HyphenatedWordsAnalyzer.
    fn hyphenated_unit<'m>(&'m self, word_lower: &str, ctx: &mut Ctx, res: &mut Vec<Parse<'m>>) {
        if word_lower.starts_with('-') || word_lower.ends_with('-') {
            return;
        }
        if word_lower.matches('-').count() != 1 {
            return;
        }
        if KNOWN_PREFIXES.iter().any(|p| word_lower.starts_with(p)) {
            return;
        }
        let Some((left, right)) = word_lower.split_once('-') else {
            return;
        };
        let left_parses = self.nested_parse(left, ctx);
        let right_parses = self.nested_parse(right, ctx);

        // Both parts inflect: pair left and right analyses with the same features.
        let right_features: Vec<GramSet> = right_parses
            .iter()
            .map(|p| similarity_features(p.tag))
            .collect();
        for lp in &left_parses {
            if lp.tag.is_unknown() {
                continue;
            }
            let lf = similarity_features(lp.tag);
            for (rp, rf) in right_parses.iter().zip(&right_features) {
                if lf != *rf {
                    continue;
                }
                res.push(parse_of(
                    self,
                    format!("{}-{}", lp.word, rp.word),
                    lp.tag,
                    format!("{}-{}", lp.normal_form, rp.normal_form),
                    lp.score * HYPHENATED_SCORE,
                    Method::HyphenBoth {
                        left: Box::new(lp.method.clone()),
                        right: Box::new(rp.method.clone()),
                    },
                ));
            }
        }
        // The left part is an unchanging prefix.
        for rp in right_parses {
            if rp.tag.is_unknown() {
                continue;
            }
            res.push(parse_of(
                self,
                format!("{}-{}", left, rp.word),
                rp.tag,
                format!("{}-{}", left, rp.normal_form),
                rp.score * HYPHENATED_SCORE,
                Method::HyphenFixedLeft {
                    left: left.into(),
                    right: Box::new(rp.method),
                },
            ));
        }
    }

    /// KnownPrefixAnalyzer.
    fn known_prefix_unit<'m>(
        &'m self,
        word_lower: &str,
        ctx: &mut Ctx,
        seen: &mut Seen,
        res: &mut Vec<Parse<'m>>,
    ) {
        let mut prefixes: Vec<&str> = KNOWN_PREFIXES
            .iter()
            .copied()
            .filter(|p| word_lower.starts_with(p))
            .collect();
        if prefixes.is_empty() {
            return;
        }
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        for prefix in prefixes {
            let rest = &word_lower[prefix.len()..];
            if rest.chars().nth(KNOWN_PREFIX_MIN_REMAINDER - 1).is_none() {
                continue;
            }
            for p in self.nested_parse(rest, ctx) {
                if !p.tag.is_productive() {
                    continue;
                }
                let parse = parse_of(
                    self,
                    format!("{}{}", prefix, p.word),
                    p.tag,
                    format!("{}{}", prefix, p.normal_form),
                    p.score * KNOWN_PREFIX_SCORE,
                    Method::KnownPrefix {
                        prefix: prefix.into(),
                        inner: Box::new(p.method),
                    },
                );
                seen.add_parse(parse, res);
            }
        }
    }

    /// UnknownPrefixAnalyzer: up to five leading characters, then a dictionary word of at
    /// least three.
    fn unknown_prefix_unit<'m>(
        &'m self,
        word_lower: &str,
        seen: &mut Seen,
        res: &mut Vec<Parse<'m>>,
    ) {
        let n = word_lower.chars().count();
        let max_split = 5usize.min(n.saturating_sub(3));
        let mut boundaries = word_lower.char_indices().map(|(i, _)| i).skip(1);
        let mut found = Vec::new();
        for _ in 1..=max_split {
            let Some(at) = boundaries.next() else { break };
            let (prefix, rest) = word_lower.split_at(at);
            found.clear();
            self.dictionary_unit(rest, &mut found);
            for p in found.drain(..) {
                if !p.tag.is_productive() {
                    continue;
                }
                let parse = parse_of(
                    self,
                    format!("{}{}", prefix, p.word),
                    p.tag,
                    format!("{}{}", prefix, p.normal_form),
                    p.score * UNKNOWN_PREFIX_SCORE,
                    Method::UnknownPrefix {
                        prefix: prefix.into(),
                        inner: Box::new(p.method),
                    },
                );
                seen.add_parse(parse, res);
            }
        }
    }

    /// KnownSuffixAnalyzer: the word's ending (up to five characters, longest first) looked up
    /// in the prediction DAWG of each paradigm prefix the word starts with.
    fn known_suffix_unit<'m>(
        &'m self,
        word: &str,
        word_lower: &str,
        seen: &mut Seen,
        res: &mut Vec<Parse<'m>>,
    ) {
        if word.chars().nth(KNOWN_SUFFIX_MIN_WORD - 1).is_none() {
            return;
        }
        let d = &self.dict;
        let n = word_lower.chars().count();
        let mut total_counts = vec![1u64; d.prefixes.len()];
        let mut found: Vec<(u32, Parse<'m>, usize)> = Vec::new();
        let mut items = Vec::new();
        let mut values = Vec::new();
        for (prefix_id, prefix) in d.prefixes.iter().enumerate().rev() {
            if !word_lower.starts_with(&*prefix.text) {
                continue;
            }
            let Some(dawg) = d.prediction.get(prefix_id) else {
                continue;
            };
            for i in (1..=d.max_suffix_length).rev() {
                let split = n.saturating_sub(i);
                let word_start = char_slice(word_lower, 0, split);
                let word_end = &word_lower[word_start.len()..];
                items.clear();
                Dictionary::similar_items(dawg, word_end, &mut items);
                for (fixed_suffix, vi) in &items {
                    let fixed_word = format!("{word_start}{fixed_suffix}");
                    values.clear();
                    Dictionary::prediction_values(dawg, *vi, &mut values);
                    for &(cnt, para_id, idx) in &values {
                        let Some(para) = d.paradigm(para_id) else {
                            continue;
                        };
                        let Some(tag) = d.tag(para, idx as usize) else {
                            continue;
                        };
                        if !tag.is_productive() {
                            continue;
                        }
                        total_counts[prefix_id] += cnt as u64;
                        if !seen.insert(&fixed_word, tag, SeenKey::Para(para_id)) {
                            continue;
                        }
                        let Some(nf) = d.normal_form(para, idx as usize, &fixed_word) else {
                            continue;
                        };
                        let method = Method::Suffix { para: para_id, idx };
                        found.push((
                            cnt,
                            parse_of(self, fixed_word.clone(), tag, nf, 0.0, method),
                            prefix_id,
                        ));
                    }
                }
                if total_counts[prefix_id] > 1 {
                    break;
                }
            }
        }
        let start = res.len();
        for (cnt, mut p, prefix_id) in found {
            p.score = cnt as f64 / total_counts[prefix_id] as f64 * KNOWN_SUFFIX_SCORE;
            res.push(p);
        }
        res[start..].sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }

    /// ProbabilityEstimator: P(tag | word) from the corpus replaces the scores when it knows
    /// the word; otherwise the scores are normalised to sum to one.
    fn apply_probabilities(&self, word_lower: &str, res: &mut [Parse<'_>]) {
        if res.is_empty() {
            return;
        }
        // Small buffers on the stack: a word rarely has more than a few dozen analyses, and
        // no tag string is longer than 54 bytes.
        let mut small = [0.0f64; 32];
        let mut big = Vec::new();
        let probs: &mut [f64] = if res.len() <= small.len() {
            &mut small[..res.len()]
        } else {
            big.resize(res.len(), 0.0);
            &mut big
        };
        if let Some(ptw) = &self.dict.p_t_given_w {
            let start = ptw
                .follow_bytes(word_lower.as_bytes(), 0)
                .and_then(|i| ptw.follow_char(b':', i));
            if let Some(start) = start {
                // The tags of one word share long beginnings ("NOUN,inan,masc sing,…"):
                // keep the path walked for the previous tag and resume from the common prefix.
                const MAX_TAG: usize = 96;
                let mut path = [0u32; MAX_TAG + 1];
                path[0] = start;
                let mut walked = 0usize; // bytes of `prev` followed
                let mut prev: &[u8] = b"";
                for (p, prob) in res.iter().zip(probs.iter_mut()) {
                    let tag = p.tag.as_str().as_bytes();
                    if tag.len() > MAX_TAG {
                        continue;
                    }
                    let common = prev
                        .iter()
                        .zip(tag)
                        .take_while(|(a, b)| a == b)
                        .count()
                        .min(walked);
                    walked = common;
                    for &b in &tag[common..] {
                        match ptw.follow_char(b, path[walked]) {
                            Some(next) => {
                                walked += 1;
                                path[walked] = next;
                            }
                            None => break,
                        }
                    }
                    prev = tag;
                    if walked == tag.len() {
                        if let Some(v) = ptw.find_from(b"", path[walked]) {
                            *prob = v as f64 / 1_000_000.0;
                        }
                    }
                }
            }
        }
        let total: f64 = probs.iter().sum();
        if total == 0.0 {
            let sum: f64 = res.iter().map(|p| p.score).sum();
            if sum > 0.0 && sum.is_finite() {
                let k = 1.0 / sum;
                for p in res.iter_mut() {
                    p.score *= k;
                }
            }
        } else {
            for (p, prob) in res.iter_mut().zip(probs.iter()) {
                p.score = *prob;
            }
            res.sort_by(|a, b| {
                b.score
                    .partial_cmp(&a.score)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        }
    }
}

/// HyphenatedWordsAnalyzer's features for pairing the two parts.
fn similarity_features(tag: Tag) -> GramSet {
    let features = grammeme::PARTS_OF_SPEECH
        .union(grammeme::NUMBERS)
        .union(grammeme::CASES)
        .union(grammeme::PERSONS)
        .union(grammeme::TENSES);
    replace_grammemes(
        tag.grammemes().intersection(features),
        &[(G::Gen1, G::Gent), (G::Loc1, G::Loct)],
    )
}

pub(crate) fn replace_grammemes(mut set: GramSet, replaces: &[(G, G)]) -> GramSet {
    for &(from, to) in replaces {
        if set.contains(from) {
            set = set.without(from).with(to);
        }
    }
    set
}
