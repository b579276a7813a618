//! dyad's event stage: `Entities → Events`. Who did what to whom, when, where, and by
//! whose account, in the PLOVER ontology (`../shared/CONTRACT.md`).
//!
//! - **Detection**: the frames of `data/lexicon/*.toml` (every PLOVER type and its modes,
//!   and STATEMENT, as Russian verbs and nominalisations), matched over lemmas (every form
//!   generated with the morphology), some only with a word they need among their dependents
//!   ("снять" + "эмбарго"). A word's frames are tried in order; the first that holds is what
//!   the word says there.
//! - **Arguments from the dependency tree** (`Annotated::deps`, dyad-syntax) — never from
//!   another sentence's names, with two exceptions said below (`trigger.rs`):
//!   - a verb's actor is its subject ("который" → its noun; a pronoun → its person; a
//!     passive verb's instrumental agent); with none, the subject of the verb it hangs on
//!     (infinitive, gerund, conjunct) or, under a verb with an object, that object
//!     ("призвал Грузию отменить"); a noun of intent's genitive ("решение X отменить");
//!   - a noun's actor is its instrumental, else its genitive ("визит министра", "снятие
//!     Великобританией"), or "между X и Y", or a possessive; a light verb's subject
//!     ("провел переговоры");
//!   - recipients are the frame's slots (case, preposition) on the trigger, its light verb,
//!     the word it needs and what that bears on; a deed in the slot stands for its doer
//!     ("осудил визит президента России"); a noun with an instrumental agent acts on its
//!     genitive; every conjunct of each;
//!   - a state inside a person's title is not an argument; "я"/"мы" in an interview or quote
//!     are the speaker and the speaker's state;
//!   - with no one acted on in the sentence, the other of the two states the document is
//!     about (`recipient_implied`, a lower score).
//! - **What is no event**: a participle describing a noun, the object another trigger
//!   needs, what a ban bears on, an act asked for ("призвал [отменить]"), a statement whose
//!   content tells an event of its own (STATEMENT is what fits no other type).
//! - **Dates**: `dates` resolves absolute and relative expressions (the nearest in the
//!   tree) against the last dated event or the publication date; an undated current event
//!   takes the publication date (`date_from`).
//! - **Aux**: negated ("не посетит"), future (a future verb, "намерены", "ожидаемое"),
//!   hypothetical ("может", "бы").
//! - **Claims**: "по словам X", "X заявил, что …", a quote closed by "- сказал X": the events
//!   inside are claimed by X, who is not their actor unless the text says so.
//! - **One event, many mentions**: the tellings of one event in a document (by the rule of
//!   `dyad_record::story`, which links documents too) are one event with all its evidence.

pub mod attitudes;
mod cues;
pub mod dates;
pub mod lexicon;
mod tree;
mod trigger;

use chrono::NaiveDate;
use cues::{cues, has, phrase_at};
use dyad_lang::Segmentation;
use dyad_lang::{fold, Annotated};
use dyad_link::{Entity, EntityKind, Role};
use dyad_mentions::Language;
use dyad_morph::{Grammeme as G, Morph};
use dyad_record::story::{finer_date, StoryKey};
use std::collections::{HashMap, HashSet};
use trigger::{Setting, Trigger};

pub use attitudes::{attitudes, Attitude};
pub use dates::Precision;

/// An event of a document. Entities are indices into the document's entities; spans are
/// byte offsets into the text the stages ran on.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    pub actor: Vec<usize>,
    pub recipient: Vec<usize>,
    pub date: Option<String>,
    pub date_precision: Option<Precision>,
    /// Byte span of the date expression.
    pub date_text: Option<(usize, usize)>,
    /// Where the date comes from: written out, relative (to the publication or to the
    /// last dated event), or the publication date of an undated event the text reports as
    /// current.
    pub date_from: Option<DateFrom>,
    /// A place entity, or a state where the place is only known by its state.
    pub location: Option<usize>,
    pub aux: Option<Aux>,
    pub claimed_by: Option<usize>,
    /// The recipient is not named in the sentence: it is the other of the two states the
    /// document is about (the score is lowered).
    pub recipient_implied: bool,
    pub score: f64,
    /// Byte spans of the sentences that tell it, the first the fullest.
    pub evidence: Vec<(usize, usize)>,
}

/// Where an event's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFrom {
    /// Written out in the text ("4 декабря 2025 года").
    Text,
    /// Read against the publication date or the last dated event ("вчера", "в марте",
    /// "на следующий день").
    Relative,
    /// The publication date of an event the text reports as current but does not date.
    Published,
}

impl DateFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            DateFrom::Text => "text",
            DateFrom::Relative => "relative",
            DateFrom::Published => "published",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Aux {
    Future,
    Historical,
    Hypothetical,
    Negated,
}

impl Aux {
    pub fn as_str(self) -> &'static str {
        match self {
            Aux::Future => "future",
            Aux::Historical => "historical",
            Aux::Hypothetical => "hypothetical",
            Aux::Negated => "negated",
        }
    }
}

/// PLOVER base intensity of a type (the contract's table).
pub fn base_score(kind: &str) -> f64 {
    match kind {
        "AGREE" | "CONSULT" => 2.5,
        "SUPPORT" => 5.0,
        "CONCEDE" => 4.5,
        "COOPERATE" => 9.5,
        "AID" => 10.0,
        "RETREAT" => 6.5,
        "REQUEST" => 0.0,
        "ACCUSE" | "REJECT" => -2.0,
        "THREATEN" => -3.5,
        "PROTEST" => -5.0,
        "SANCTION" => -6.0,
        "MOBILIZE" => -5.5,
        "COERCE" => -7.0,
        "ASSAULT" => -9.0,
        _ => 0.0,
    }
}

use lexicon::Frame;

/// A form of a trigger lemma.
#[derive(Debug, Clone, Copy)]
struct Hit {
    pattern: usize,
    verbal: bool,
    future: bool,
    first_person: bool,
    /// An active participle ("укрепляющих"): describes, does not tell an event.
    active_participle: bool,
    /// A passive participle or verb ("подписанные", "введены"): its agent is in the
    /// instrumental.
    passive: bool,
}

const PREPOSITIONS: &[&str] = &[
    "в",
    "во",
    "на",
    "с",
    "со",
    "к",
    "ко",
    "у",
    "от",
    "из",
    "для",
    "против",
    "между",
    "о",
    "об",
    "по",
    "при",
    "за",
    "под",
    "над",
    "через",
    "без",
    "до",
    "после",
];
/// The lexicon's frames with the forms of their words, built once.
pub struct EventModel {
    patterns: Vec<Frame>,
    /// Forms of the head words of office titles ("министр", "послом"), for a title with no
    /// name: it stands for the state it is of ("посол Италии").
    title_heads: HashSet<String>,
    /// Word form (key) → the patterns it triggers.
    hits: HashMap<String, Vec<Hit>>,
    /// Word form → lemma, for the words patterns need, their context words and the cues.
    lemmas: HashMap<String, String>,
    /// "мид" → "министр иностранных дел": the organ a head-of title names ("глава МИД"),
    /// and the office its head holds (from the dictionary's title aliases).
    heads: HashMap<String, String>,
    /// Word form → weight of the evaluative words ([`attitudes`]).
    evaluative: HashMap<String, f64>,
    /// What the stage asks of a word's analyses, kept across documents: the morphology is
    /// the stage's main cost, and news repeats its words.
    facts: std::sync::Mutex<HashMap<String, std::sync::Arc<WordFacts>>>,
}

/// What the event stage reads of a word's analyses.
#[derive(Debug, Default)]
struct WordFacts {
    /// Cases of its noun and adjective readings, and whether the dictionary knows it.
    cases: Vec<G>,
    known: bool,
    /// The same over its readings as a person's name only.
    name_cases: Vec<G>,
    name_known: bool,
    /// One of its two likeliest readings is a verb form.
    verb: bool,
    /// Its likeliest reading is an adjective.
    adjective: bool,
    /// Its likeliest reading is a verb in the future.
    future_verb: bool,
}

const FACTS_CAPACITY: usize = 200_000;

impl EventModel {
    fn facts(&self, morph: &Morph, w: &str) -> std::sync::Arc<WordFacts> {
        let mut cache = self.facts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = cache.get(w) {
            return f.clone();
        }
        let parses = morph.parse(w);
        let cases = |name_only: bool| {
            let mut cs: Vec<G> = parses
                .iter()
                .filter(|p| !name_only || p.tag.is_person_name())
                .filter(|p| p.tag.has(G::Noun) || p.tag.has(G::Adjf))
                .filter_map(|p| p.tag.case())
                .map(dyad_mentions::normalize::fold_case)
                .collect();
            cs.sort_by_key(|g| g.as_str());
            cs.dedup();
            cs
        };
        let f = std::sync::Arc::new(WordFacts {
            cases: cases(false),
            known: parses.iter().any(|p| p.is_known()),
            name_cases: cases(true),
            name_known: parses
                .iter()
                .any(|p| p.tag.is_person_name() && p.is_known()),
            verb: parses.iter().take(2).any(|p| {
                p.tag.has(G::Verb) || p.tag.has(G::Infn) || p.tag.has(G::Grnd) || p.tag.has(G::Prts)
            }),
            adjective: parses.first().is_some_and(|p| p.tag.has(G::Adjf)),
            future_verb: parses
                .first()
                .is_some_and(|p| p.tag.has(G::Verb) && p.tag.tense() == Some(G::Futr)),
        });
        if cache.len() >= FACTS_CAPACITY {
            cache.clear();
        }
        cache.insert(w.to_string(), f.clone());
        f
    }
}

impl EventModel {
    /// Whether a sentence (its token keys) has a word that may tell an event: the event
    /// stage reads the trees of these sentences only.
    pub fn is_trigger_sentence(&self, keys: &[String]) -> bool {
        keys.iter().any(|k| self.hits.contains_key(k))
    }

    pub fn new(morph: &Morph) -> EventModel {
        let frames = lexicon::load().unwrap_or_else(|e| panic!("{e}"));
        let mut hits: HashMap<String, Vec<Hit>> = HashMap::new();
        let mut lemmas: HashMap<String, String> = HashMap::new();
        let add_lemma = |lemma: &str, lemmas: &mut HashMap<String, String>| {
            for form in forms(morph, lemma) {
                lemmas.entry(form.0).or_insert_with(|| lemma.to_string());
            }
        };
        for (i, p) in frames.iter().enumerate() {
            for l in &p.lemmas {
                for (form, tag) in forms(morph, l) {
                    let v = hits.entry(form).or_default();
                    if !v.iter().any(|h| h.pattern == i) {
                        v.push(Hit {
                            pattern: i,
                            verbal: tag.as_ref().is_some_and(|t| {
                                t.has(G::Verb) || t.has(G::Infn) || t.has(G::Grnd) || t.has(G::Prts)
                            }),
                            future: tag.as_ref().is_some_and(|t| t.tense() == Some(G::Futr)),
                            first_person: tag.as_ref().is_some_and(|t| t.person() == Some(G::Per1)),
                            active_participle: tag
                                .as_ref()
                                .is_some_and(|t| t.has(G::Prtf) && t.has(G::Actv)),
                            passive: tag.as_ref().is_some_and(|t| t.has(G::Pssv)),
                        });
                    }
                }
            }
            for l in p.needs.iter().chain(p.context_words.keys()) {
                add_lemma(l, &mut lemmas);
            }
        }
        let c = cues();
        // in this order: a form of two lemmas keeps the first
        for l in c
            .future
            .iter()
            .chain(&c.hypothetical)
            .chain(&c.speech)
            .chain(&c.intent_nouns)
            .chain(&c.light_verbs)
            .chain(&c.requesting)
            .chain([&c.future_auxiliary, &c.interview])
        {
            add_lemma(l, &mut lemmas);
        }
        let mut heads = HashMap::new();
        for t in &dyad_actors::dictionary().titles {
            for a in &t.aliases {
                if let Some(organ) = c
                    .head_titles
                    .iter()
                    .find_map(|h| a.strip_prefix(h.as_str())?.strip_prefix(' '))
                {
                    heads.entry(fold(organ)).or_insert_with(|| t.words.clone());
                }
            }
        }
        let mut title_heads = HashSet::new();
        for t in &dyad_actors::dictionary().titles {
            if t.kind != "office" && t.kind != "rank" {
                continue;
            }
            if let Some(head) = t.words.split(' ').next() {
                title_heads.extend(forms(morph, head).into_iter().map(|(f, _)| f));
            }
        }
        EventModel {
            patterns: frames,
            title_heads,
            hits,
            lemmas,
            heads,
            evaluative: attitudes::evaluative_forms(morph),
            facts: Default::default(),
        }
    }
}

/// Every form of `lemma` (lower case) with its tag; the word itself when the dictionary
/// does not know it.
fn forms(morph: &Morph, lemma: &str) -> Vec<(String, Option<dyad_morph::Tag>)> {
    let mut out: Vec<(String, Option<dyad_morph::Tag>)> = vec![(fold(lemma), None)];
    let parses = morph.parse(lemma);
    let own = parses.iter().any(|p| fold(&p.normal_form) == fold(lemma));
    for p in parses {
        if own && fold(&p.normal_form) != fold(lemma) {
            continue;
        }
        // a participle given as a lemma ("ожидаемый") normalises to its verb: keep the
        // participle's own forms only
        let pos = p.tag.pos();
        for f in p.lexeme() {
            if own || f.tag.pos() == pos {
                out.push((fold(&f.word), Some(f.tag)));
            }
        }
    }
    // the verb form's tag wins over the bare word
    out.reverse();
    let mut seen = HashSet::new();
    out.retain(|(w, _)| seen.insert(w.clone()));
    out
}

/// A mention of an entity, placed on tokens.
#[derive(Debug, Clone)]
struct Arg {
    entity: usize,
    first: usize,
    last: usize,
    sentence: usize,
    kind: EntityKind,
    prep: Option<String>,
    cases: Vec<G>,
    /// Part of a person's title ("министр обороны [Великобритании]").
    in_title: bool,
}

/// Everything one document's extraction reads.
struct Doc<'a> {
    model: &'a EventModel,
    lang: &'a Language,
    morph: &'a Morph,
    seg: &'a Segmentation,
    entities: &'a [Entity],
    /// Each token's key, from the annotated text.
    keys: &'a [String],
    args: Vec<Arg>,
    /// The sentences' dependency trees.
    tree: tree::Tree<'a>,
    /// The tokens of each person's office titles read from the text, and whose they are.
    title_holder: HashMap<usize, usize>,
    /// The two states the document is about, when two stand out: each named at least
    /// twice (by itself, its people, its organs), a third less often than either.
    in_play: Option<[String; 2]>,
}

impl<'a> Doc<'a> {
    fn new(
        model: &'a EventModel,
        lang: &'a Language,
        annotated: &'a Annotated,
        entities: &'a [Entity],
    ) -> Doc<'a> {
        let morph = lang.morph();
        let seg = &annotated.seg;
        let keys = &annotated.keys[..];
        let args = arguments(model, morph, seg, entities, keys);
        let token_at = |byte: usize| seg.tokens.partition_point(|t| t.end <= byte);
        let mut title_holder = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            for r in &e.roles {
                let (a, b) = (token_at(r.title.0), token_at(r.title.1.saturating_sub(1)));
                for k in a..=b.min(seg.tokens.len().saturating_sub(1)) {
                    title_holder.insert(k, i);
                }
            }
        }
        Doc {
            model,
            lang,
            morph,
            seg,
            entities,
            keys,
            args,
            tree: tree::Tree::new(&annotated.deps),
            title_holder,
            in_play: states_in_play(entities),
        }
    }
}

/// The two states a document is about, when two stand out: the countries of its actors by
/// how often they are named (mentions and descriptions), the first two named at least twice
/// each and the third less often than the second.
fn states_in_play(entities: &[Entity]) -> Option<[String; 2]> {
    let mut named: HashMap<&str, usize> = HashMap::new();
    for e in entities {
        if let Some(c) = e.country.as_deref() {
            *named.entry(c).or_default() += e.mentions.len() + e.descriptions.len();
        }
    }
    let mut by_count: Vec<(usize, &str)> = named.into_iter().map(|(c, n)| (n, c)).collect();
    by_count.sort_by(|a, b| b.cmp(a));
    match by_count.as_slice() {
        [(_, a), (n2, b), rest @ ..] if *n2 >= 2 && rest.first().is_none_or(|(n3, _)| n3 < n2) => {
            Some([a.to_string(), b.to_string()])
        }
        _ => None,
    }
}

impl Doc<'_> {
    /// The arg whose tokens cover token `k`.
    fn arg_covering(&self, k: usize) -> Option<usize> {
        let i = self.args.partition_point(|x| x.first <= k);
        // args do not nest, but a long one may start several args back
        (i.saturating_sub(4)..i)
            .rev()
            .find(|&a| k < self.args[a].last)
    }

    /// The arg of entity `e` nearest token `k` (a person's name beside their title).
    fn arg_of_entity_near(&self, e: usize, k: usize) -> Option<usize> {
        self.args
            .iter()
            .enumerate()
            .filter(|(_, a)| a.entity == e)
            .min_by_key(|(_, a)| (a.first as isize - k as isize).unsigned_abs())
            .map(|(i, _)| i)
    }

    /// Whether token `k` is the head word of an office title ("посол", "министра").
    fn is_title_noun(&self, k: usize) -> bool {
        self.model.title_heads.contains(&self.keys[k])
    }

    fn lemma(&self, k: usize) -> Option<&str> {
        self.model.lemmas.get(&self.keys[k]).map(String::as_str)
    }

    fn is_verb(&self, k: usize) -> bool {
        self.model.facts(self.morph, &self.keys[k]).verb
    }

    /// The args of sentence `s`.
    fn sentence_args(&self, s: usize) -> &[Arg] {
        let a = self.args.partition_point(|x| x.sentence < s);
        let b = self.args.partition_point(|x| x.sentence <= s);
        &self.args[a..b]
    }

    /// The arg starting at token `k`.
    fn arg_at(&self, k: usize) -> Option<&Arg> {
        let i = self.args.partition_point(|x| x.first < k);
        self.args.get(i).filter(|a| a.first == k)
    }
}

/// The preposition that governs a name starting at token `first`: the word right before
/// it, or before an adjective before it ("в соседнем Азербайджане"). For a person, `first`
/// is where the title before the name begins ("с [президентом] Ильхамом Алиевым").
fn governing_preposition(
    keys: &[String],
    facts: &dyn Fn(&str) -> std::sync::Arc<WordFacts>,
    first: usize,
    from: usize,
) -> Option<String> {
    let prep = |k: usize| {
        PREPOSITIONS
            .contains(&keys[k].as_str())
            .then(|| keys[k].clone())
    };
    if first <= from {
        return None;
    }
    prep(first - 1).or_else(|| {
        let adjective = facts(&keys[first - 1]).adjective;
        (adjective && first - 1 > from)
            .then(|| prep(first - 2))
            .flatten()
    })
}

/// The cases a name can be in: those its words the dictionary knows agree on ("Ильхама
/// Алиева": genitive or accusative, though "Алиева" alone could be a nominative). Words only
/// guessed at (foreign names) narrow nothing; with no known word, any case they allow.
fn cases_of(
    facts: &dyn Fn(&str) -> std::sync::Arc<WordFacts>,
    words: &[&str],
    person: bool,
    titles: &[&str],
) -> Vec<G> {
    let mut common: Option<Vec<G>> = None;
    let mut guessed: Vec<G> = Vec::new();
    for w in words
        .iter()
        .filter(|w| w.chars().count() > 1 && w.chars().all(|c| c.is_alphabetic() || c == '-'))
    {
        let f = facts(w);
        // in a person's name, a word's reading as a name wins ("Мака" is not the poppy's
        // genitive); a word with no such reading is a foreign name and says nothing
        let (cs, known) = if person && !titles.contains(w) {
            (&f.name_cases, f.name_known)
        } else {
            (&f.cases, f.known)
        };
        if cs.is_empty() {
            continue;
        }
        if !known {
            guessed.extend(cs);
            continue;
        }
        common = Some(match common {
            None => cs.clone(),
            Some(c) => {
                let both: Vec<G> = c.iter().copied().filter(|g| cs.contains(g)).collect();
                if both.is_empty() {
                    c
                } else {
                    both
                }
            }
        });
    }
    common.unwrap_or_else(|| {
        guessed.sort_by_key(|g| g.as_str());
        guessed.dedup();
        guessed
    })
}

/// The events of an annotated text. `entities` (with their offices) come from `dyad_link`;
/// the publication date resolves relative dates.
pub fn extract(
    model: &EventModel,
    lang: &Language,
    annotated: &Annotated,
    entities: &[Entity],
) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    read_triggers(model, lang, annotated, entities, |_, _, read| {
        if let Ok(e) = read {
            events.push(e.clone());
        }
    });
    let mut events = merge(events, entities);
    events.retain(|e| !e.actor.is_empty());
    drop_implied_told_elsewhere(&mut events, entities);
    date_within_visit(&mut events, &annotated.text);
    date_by_publication(&mut events, annotated.published);
    events
}

/// Drops an event whose recipient was implied when another event of the document tells the
/// same act by the same side to that state by name ("провел ряд встреч" beside "встретился с
/// Президентом Алиевым").
fn drop_implied_told_elsewhere(events: &mut Vec<Event>, entities: &[Entity]) {
    // each event's actor and recipient states
    let sides: Vec<(Vec<&str>, Vec<&str>)> = events
        .iter()
        .map(|e| {
            let of = |v: &[usize]| -> Vec<&str> {
                v.iter()
                    .filter_map(|&i| entities[i].country.as_deref())
                    .collect()
            };
            (of(&e.actor), of(&e.recipient))
        })
        .collect();
    let shares = |a: &[&str], b: &[&str]| a.iter().any(|c| b.contains(c));
    let told: Vec<bool> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            e.recipient_implied
                && events.iter().enumerate().any(|(j, f)| {
                    !f.recipient_implied
                        && f.kind == e.kind
                        && f.mode == e.mode
                        && shares(&sides[j].0, &sides[i].0)
                        && shares(&sides[j].1, &sides[i].1)
                })
        })
        .collect();
    let mut told = told.into_iter();
    events.retain(|_| !told.next().unwrap_or(false));
}

/// One trigger word as the event stage read it: the frame, and the event or why none.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The trigger's token.
    pub token: usize,
    pub kind: String,
    pub mode: Option<String>,
    /// The frame's lemmas, to tell which frame it was.
    pub lemmas: Vec<String>,
    pub outcome: Result<Event, &'static str>,
}

/// Every trigger word of a text with what the event stage made of it, in text order
/// (`dyad explain`): the frames a word triggers until one holds, each with its event or the
/// reason it gives none. Events are as each trigger read them, before a document's tellings
/// of one event are merged.
pub fn explain(
    model: &EventModel,
    lang: &Language,
    annotated: &Annotated,
    entities: &[Entity],
) -> Vec<Reading> {
    let mut out = Vec::new();
    read_triggers(model, lang, annotated, entities, |k, frame, read| {
        out.push(Reading {
            token: k,
            kind: frame.kind.clone(),
            mode: (!frame.mode.is_empty()).then(|| frame.mode.clone()),
            lemmas: frame.lemmas.clone(),
            outcome: read.clone(),
        })
    });
    out
}

/// Reads every trigger word of a text in order, with what the sentences before it give
/// (the last person named, who speaks, the dates), and tells `each` the word, the frame
/// and the outcome; a word's frames are tried until one holds.
fn read_triggers(
    model: &EventModel,
    lang: &Language,
    annotated: &Annotated,
    entities: &[Entity],
    mut each: impl FnMut(usize, &Frame, &Result<Event, &'static str>),
) {
    let (text, seg, published) = (annotated.text.as_str(), &annotated.seg, annotated.published);
    if !model.is_trigger_sentence(&annotated.keys) {
        return;
    }
    let doc = Doc::new(model, lang, annotated, entities);
    let (claims, speakers) = claims(&doc, text);
    let interviewee = interviewee(&doc);
    let mut last_person: Option<usize> = None;
    let mut previous_date: Option<dates::DateExpr> = None;
    let mut last_event_date: Option<NaiveDate> = None;
    for (s, range) in seg.sentences.iter().enumerate() {
        let words = &doc.keys[range.clone()];
        let mut found_dates = dates::find(words, range.start, published);
        // a sentence opening with "Он"/"Она" goes on with the last one's time
        let continues = matches!(words.first().map(String::as_str), Some("он" | "она"))
            || (words.len() > 1 && matches!(words[1].as_str(), "он" | "она") && words[0] == "и");
        if found_dates.is_empty() && continues {
            if let Some(d) = &previous_date {
                found_dates.push(d.clone());
            }
        }
        let speaker = claims.get(&s).copied().or(interviewee);
        for k in range.clone() {
            let Some(hits) = doc.model.hits.get(&doc.keys[k]) else {
                continue;
            };
            for hit in hits {
                let setting = Setting {
                    last_person,
                    speaker,
                    dates: &found_dates,
                    last_event_date,
                    published,
                };
                let trigger = Trigger::new(&doc, k, *hit, range.clone(), setting);
                let mut read = trigger.read();
                if let Ok(e) = &mut read {
                    e.claimed_by = claims.get(&s).copied().or(e.claimed_by);
                    if let Some(d) = e
                        .date
                        .as_deref()
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    {
                        last_event_date = Some(d);
                    }
                }
                each(k, trigger.frame(), &read);
                // the first frame that holds is what the word says here (the lexicon
                // orders a word's frames, the narrower first)
                if read.is_ok() {
                    break;
                }
            }
        }
        if let Some(d) = found_dates.into_iter().find(|d| d.after_event.is_none()) {
            previous_date = Some(d);
        } else if !continues {
            previous_date = None;
        }
        if let Some(p) = doc
            .sentence_args(s)
            .iter()
            .rfind(|a| a.kind == EntityKind::Per)
        {
            last_person = Some(p.entity);
        }
        // "…", - сказал политолог: the one who spoke is who "он" means next
        if let Some(&sp) = speakers.get(&s) {
            last_person = Some(sp);
        }
    }
}

/// "В ходе визита … провел встречи": an undated event told as part of the document's one
/// dated visit happened on the visit's date.
fn date_within_visit(events: &mut [Event], text: &str) {
    type Dated = (Option<String>, Option<Precision>, Option<DateFrom>);
    let visits: Vec<Dated> = events
        .iter()
        .filter(|e| e.mode.as_deref() == Some("visit") && e.date.is_some())
        .map(|e| (e.date.clone(), e.date_precision, e.date_from))
        .collect();
    let [(date, precision, from)] = &visits[..] else {
        return;
    };
    for e in events.iter_mut().filter(|e| e.date.is_none()) {
        let told_during = e.evidence.iter().any(|&(s, t)| {
            let sentence = text.get(s..t).unwrap_or("").to_lowercase();
            cues()
                .during_visit
                .iter()
                .any(|d| sentence.contains(d.as_str()))
        });
        if told_during {
            e.date = date.clone();
            e.date_precision = *precision;
            e.date_from = *from;
        }
    }
}

/// An event the text reports as current (not negated, future, hypothetical or
/// historical) with no date of its own happened by the publication date, as GDELT and
/// ICEWS date such events; marked `DateFrom::Published` so that nobody takes it for a date
/// the text gives.
fn date_by_publication(events: &mut [Event], published: Option<NaiveDate>) {
    let Some(p) = published else {
        return;
    };
    for e in events
        .iter_mut()
        .filter(|e| e.date.is_none() && e.aux.is_none())
    {
        e.date = Some(p.format("%Y-%m-%d").to_string());
        e.date_precision = Some(Precision::Day);
        e.date_text = None;
        e.date_from = Some(DateFrom::Published);
    }
}

/// The names of a document as arguments: token range, sentence, governing preposition,
/// cases; heads of organs resolved to their holders; states inside titles marked.
fn arguments(
    model: &EventModel,
    morph: &Morph,
    seg: &Segmentation,
    entities: &[Entity],
    keys: &[String],
) -> Vec<Arg> {
    let token_at = |byte: usize| seg.tokens.partition_point(|t| t.end <= byte);
    let facts = |w: &str| model.facts(morph, w);
    let sentence_of = |tok: usize| seg.sentences.partition_point(|r| r.end <= tok);
    let title_spans: HashSet<(usize, usize)> = entities
        .iter()
        .flat_map(|e| e.roles.iter().filter_map(|r: &Role| r.of))
        .collect();
    // where each person's title begins, for the preposition before it
    let title_start: HashMap<(usize, usize), usize> = entities
        .iter()
        .flat_map(|e| {
            e.roles
                .iter()
                .map(|r| (r.person, r.title.0.min(r.of.map_or(usize::MAX, |o| o.0))))
        })
        .collect();
    let mut raw: Vec<(usize, usize, usize, EntityKind, bool)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        // its names, and the descriptions that stand for it ("российские власти")
        for &(s, t) in e.mentions.iter().chain(&e.descriptions) {
            let first = token_at(s);
            let last = token_at(t.saturating_sub(1)) + 1;
            if first < last && last <= seg.tokens.len() {
                raw.push((i, first, last, e.kind, title_spans.contains(&(s, t))));
            }
        }
    }
    raw.sort_by_key(|r| (r.1, r.2));
    let args: Vec<Arg> = raw
        .into_iter()
        .map(|(entity, first, last, kind, in_title)| {
            let sentence = sentence_of(first);
            let from = seg.sentences.get(sentence).map_or(0, |r| r.start);
            let span = (seg.tokens[first].start, seg.tokens[last - 1].end);
            let prep_at = match title_start.get(&span) {
                Some(&b) if kind == EntityKind::Per => token_at(b).min(first),
                _ => first,
            };
            // a title before a name agrees with it ("Президента Ильхама Алиева")
            let title: Vec<&str> = title_start
                .get(&span)
                .map(|&b| token_at(b))
                .filter(|&t| t < first && kind == EntityKind::Per)
                .map(|t| keys[t].as_str())
                .into_iter()
                .collect();
            let words: Vec<&str> = if kind == EntityKind::Per {
                title
                    .iter()
                    .copied()
                    .chain((first..last).map(|k| keys[k].as_str()))
                    .collect()
            } else {
                vec![keys[first].as_str()]
            };
            Arg {
                entity,
                first,
                last,
                sentence,
                kind,
                prep: governing_preposition(keys, &facts, prep_at, from),
                cases: cases_of(&facts, &words, kind == EntityKind::Per, &title),
                in_title,
            }
        })
        .collect();
    let mut args = args;
    // "глава МИД Грузии": the head of the organ, a person of the document holding that office
    // in that state, not the ministry
    for a in args.iter_mut() {
        let head_word = a.first > 0 && has(&cues().head_forms, &keys[a.first - 1]);
        if a.kind != EntityKind::Org || !head_word {
            continue;
        }
        let organ = (a.first..a.last)
            .map(|k| keys[k].as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let Some(office) = model.heads.get(&organ) else {
            continue;
        };
        let country = entities[a.entity].country.clone();
        let holders: Vec<usize> = (0..entities.len())
            .filter(|&i| {
                let e = &entities[i];
                e.kind == EntityKind::Per
                    && e.office.as_ref() == Some(office)
                    && (country.is_none() || e.country == country)
            })
            .collect();
        if let [h] = holders[..] {
            a.entity = h;
            a.kind = EntityKind::Per;
            a.cases = cases_of(&facts, &[keys[a.first - 1].as_str()], false, &[]);
        }
    }
    // a state or organisation right before a person's name is part of the title
    // ("председателем [Европейского совета] Антониу Коштой")
    for i in 0..args.len().saturating_sub(1) {
        if args[i].kind != EntityKind::Per
            && args[i + 1].kind == EntityKind::Per
            && args[i + 1].first == args[i].last
        {
            args[i].in_title = true;
        }
    }
    args
}

/// The speaker of an interview: the person named in a sentence about the interview ("В
/// эксклюзивном интервью Report Лорд Коакер рассказал …").
fn interviewee(doc: &Doc<'_>) -> Option<usize> {
    for (s, range) in doc.seg.sentences.iter().enumerate() {
        if range
            .clone()
            .any(|k| doc.lemma(k) == Some(cues().interview.as_str()))
        {
            if let Some(a) = doc
                .sentence_args(s)
                .iter()
                .find(|a| a.kind == EntityKind::Per)
            {
                return Some(a.entity);
            }
        }
    }
    None
}

/// The person whose words each sentence reports, by sentence: quotes closed by "- сказал X",
/// "по словам X" / "по его словам", "X заявил, что …" (the clause after "что").
/// Also returns, by sentence, the speaker a speech verb in it names.
fn claims(doc: &Doc<'_>, text: &str) -> (HashMap<usize, usize>, HashMap<usize, usize>) {
    let mut out = HashMap::new();
    let mut speakers = HashMap::new();
    let seg = doc.seg;
    let mut last_speaker: Option<usize> = None;
    let mut last_person: Option<usize> = None;
    // the person a speech verb at token k names: the next PER name, a pronoun, or a title
    // that is some person's office ("сказал политолог")
    // last_person: (the last speaker, the last person named)
    let speaker_after =
        |k: usize, end: usize, last_person: (Option<usize>, Option<usize>)| -> Option<usize> {
            for j in k + 1..end.min(k + 8) {
                if let Some(a) = doc.arg_at(j).filter(|a| a.kind == EntityKind::Per) {
                    return Some(a.entity);
                }
                if let Some(a) = doc.arg_at(j) {
                    if a.kind != EntityKind::Per
                        && doc.entities[a.entity].sector.as_deref()
                            == Some(cues().outlet_sector.as_str())
                    {
                        continue;
                    }
                }
                match doc.keys[j].as_str() {
                    "он" | "она" => return last_person.0.or(last_person.1),
                    w => {
                        let lemmas = doc.morph.normal_forms(w);
                        if let Some(i) = doc.entities.iter().position(|e| {
                            e.kind == EntityKind::Per
                                && e.office
                                    .as_ref()
                                    .is_some_and(|o| lemmas.iter().any(|l| l == o))
                        }) {
                            return Some(i);
                        }
                    }
                }
            }
            // "- сказал эксперт", "- сказал собеседник": the one quoted before
            last_person.0
        };
    let c = cues();
    for (s, range) in seg.sentences.iter().enumerate() {
        // "по словам X" / "по его словам"
        for k in range.clone() {
            for p in &c.according_to {
                if let Some(end) = phrase_at(doc.keys, k, range.end, p) {
                    let named = doc
                        .arg_at(end)
                        .filter(|a| a.kind == EntityKind::Per)
                        .map(|a| a.entity);
                    let who = named.or(last_speaker);
                    if let Some(w) = who {
                        out.insert(s, w);
                    }
                }
            }
            for p in &c.according_to_last_speaker {
                if phrase_at(doc.keys, k, range.end, p).is_some() {
                    if let Some(w) = last_speaker {
                        out.insert(s, w);
                    }
                }
            }
        }
        // speech verbs: their subject speaks; the quote before a closing "- сказал X" too
        for k in range.clone() {
            if doc.lemma(k).is_none_or(|l| !has(&c.speech, l)) {
                continue;
            }
            let before: Option<usize> = doc
                .sentence_args(s)
                .iter()
                .rfind(|a| a.last <= k && a.kind == EntityKind::Per)
                .map(|a| a.entity)
                .or_else(|| {
                    (range.start..k)
                        .any(|j| matches!(doc.keys[j].as_str(), "он" | "она"))
                        .then_some(last_person)
                        .flatten()
                });
            let dash_before =
                k > range.start && matches!(doc.keys[k - 1].as_str(), "-" | "–" | "—");
            let who = if dash_before {
                speaker_after(k, range.end, (last_speaker, last_person))
            } else {
                before.or_else(|| speaker_after(k, range.end, (None, last_person)))
            };
            let Some(w) = who else { continue };
            last_speaker = Some(w);
            speakers.insert(s, w);
            // "X заявил, что …": what follows is X's account; "…, заявил X": what precedes
            let that_follows =
                (k + 1..range.end.min(k + 3)).any(|j| has(&c.reported_speech, &doc.keys[j]));
            let reported_before = k > range.start && doc.keys[k - 1] == "," && before.is_none();
            if !dash_before && (that_follows || reported_before) {
                out.entry(s).or_insert(w);
            }
            if dash_before {
                // the quote closed right before: back to its opening mark
                let close = seg.tokens[k - 1].start;
                let opening = text[..close]
                    .rfind(['"', '«', '“'])
                    .and_then(|q| text[..q].rfind(['"', '«', '“']))
                    .unwrap_or(close);
                for (t, r) in seg.sentences.iter().enumerate().take(s + 1) {
                    let (a, b) = (seg.tokens[r.start].start, seg.tokens[r.end - 1].end);
                    if b > opening && a < close {
                        out.entry(t).or_insert(w);
                    }
                }
            }
        }
        if let Some(p) = doc
            .sentence_args(s)
            .iter()
            .rfind(|a| a.kind == EntityKind::Per)
        {
            last_person = Some(p.entity);
        }
    }
    (out, speakers)
}

fn span(doc: &Doc<'_>, (a, b): (usize, usize)) -> (usize, usize) {
    (doc.seg.tokens[a].start, doc.seg.tokens[b - 1].end)
}

/// The two states most mentioned in the document ("обе страны").
fn two_states(doc: &Doc<'_>) -> Vec<usize> {
    let mut states: Vec<(usize, usize)> = doc
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Gpe)
        .map(|(i, e)| (e.mentions.len(), i))
        .collect();
    states.sort_by(|a, b| b.cmp(a));
    states.into_iter().take(2).map(|(_, i)| i).collect()
}

/// Joins the tellings of one event in a document by the rule of `dyad_record::story` (the
/// rule that links documents too): same type, mode, aux and actors by actor key, recipients
/// one within the other's, dates in agreement. The first telling stays first and takes the
/// fullest account: the recipients of the telling that names more, the finer date, every
/// context and sentence.
fn merge(events: Vec<Event>, entities: &[Entity]) -> Vec<Event> {
    let keys: Vec<String> = entities.iter().map(actor_key).collect();
    let story = |e: &Event| {
        StoryKey::new(
            &e.kind,
            e.mode.as_deref(),
            e.aux.map(Aux::as_str),
            e.actor.iter().map(|&i| keys[i].clone()),
            e.recipient.iter().map(|&i| keys[i].clone()),
        )
    };
    let mut out: Vec<(StoryKey, Event)> = Vec::new();
    // candidates by what must be equal, so that a long document stays linear
    let mut by_head: HashMap<String, Vec<usize>> = HashMap::new();
    for e in events {
        let key = story(&e);
        let candidates = by_head.entry(key.head()).or_default();
        let same = candidates.iter().copied().find(|&i| {
            let (k, o) = &out[i];
            k.same_event(o.date.as_deref(), &key, e.date.as_deref())
        });
        let Some(i) = same else {
            candidates.push(out.len());
            out.push((key, e));
            continue;
        };
        let (k, o) = &mut out[i];
        if k.names_more(&key) {
            o.recipient = e.recipient.clone();
            k.recipients = key.recipients;
        }
        if finer_date(o.date.as_deref(), e.date.as_deref()) {
            o.date = e.date.clone();
            o.date_precision = e.date_precision;
            o.date_text = e.date_text;
            o.date_from = e.date_from;
        }
        o.location = o.location.or(e.location);
        o.claimed_by = o.claimed_by.or(e.claimed_by);
        for c in e.contexts {
            if !o.contexts.contains(&c) {
                o.contexts.push(c);
            }
        }
        for ev in e.evidence {
            if !o.evidence.contains(&ev) {
                o.evidence.push(ev);
            }
        }
    }
    out.into_iter().map(|(_, e)| e).collect()
}

/// Who an entity is across documents (`dyad_record::story::actor_key`).
pub fn actor_key(e: &Entity) -> String {
    dyad_record::story::actor_key(
        e.actor.as_deref(),
        e.kind.as_str(),
        e.country.as_deref(),
        e.sector.as_deref(),
        &e.name,
    )
}
