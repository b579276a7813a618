//! dyad's mention stage: the people, organisations, places and states named in a Russian
//! text, each with its span, its type and its name in the nominative.
//!
//! `Annotated → Mentions`. The slovnet NER model (`dyad-ner`) proposes spans; then what the
//! dictionary (`dyad-actors`) and the morphology (`dyad-morph`) know corrects them:
//! - names never straddle a bracket, a bullet or a comma ("Комитет защиты журналистов (КЗЖ)");
//! - honorifics and office words are not part of a person's name ("Лорд Вернон Коакер");
//! - a common word opening a sentence is not a person ("Парафированные", "Госминистр");
//! - legal forms and quotes are not part of an organisation's name (ОАО «Газпром»);
//! - the dictionary's names, in every generated case form, are found and typed (ЕС is an
//!   organisation, Великобритания a state, "Вашингтон-Баку" two capitals);
//! - a capital is a state (GPE) where it acts and a place (LOC) after a locative preposition.
//!
//! Every span is put into the nominative with the morphology ("Ильхамом Алиевым" →
//! "Ильхам Алиев"). Rules and word lists live in `data/name_rules.toml`.

pub mod gazetteer;
pub mod normalize;

use dyad_lang::Segmentation;
use dyad_lang::{fold, Annotated};
use dyad_morph::{Grammeme as G, Morph};
use dyad_ner::{Kind, SlovnetNer, Tag};
use gazetteer::{Gazetteer, Target};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The contract's entity types (serialised as the contract writes them: "PER" …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    Per,
    Org,
    Loc,
    /// A state, or a city or building standing for one.
    Gpe,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
            EntityKind::Gpe => "GPE",
        }
    }
}

/// One mention: byte offsets into the text, its type, its nominative form, and what the
/// dictionary says it names, when it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    /// The mention's own words in the nominative ("Ильхамом Алиевым" → "Ильхам Алиев").
    pub normal: String,
    pub target: Option<Target>,
    /// Index of its sentence in the segmentation.
    pub sentence: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Morph(#[from] dyad_morph::LoadError),
    #[error(transparent)]
    Ner(#[from] dyad_ner::NerError),
}

#[derive(Deserialize)]
struct RulesData {
    org_prefixes: Vec<String>,
    split_at: Vec<String>,
    quotes: Vec<String>,
    common_pos: Vec<String>,
    destination_words: Vec<String>,
    rubric_words: Vec<String>,
    web_domains: Vec<String>,
}

struct Rules {
    org_prefixes: HashSet<String>,
    split_at: HashSet<String>,
    quotes: HashSet<String>,
    common_pos: Vec<G>,
    /// Single-word titles and honorifics, lower-case nominative (лорд, госминистр, президент).
    title_words: HashSet<String>,
    destination_words: HashSet<String>,
    /// Rubric labels written in capitals in headlines (ИНТЕРВЬЮ, ФОТО), lower-case.
    rubric_words: HashSet<String>,
    /// Top-level web domains, lower-case: a name ending in one is an outlet's.
    web_domains: HashSet<String>,
    /// The dictionary's people as written (nominative), lower-case: a mention that reads
    /// exactly so is already in the nominative ("Мака Бочоришвили" is not "Мак").
    people: HashSet<String>,
    /// Demonyms of the dictionary's states, lower-case nominative singular (американец).
    demonyms: HashSet<String>,
}

impl Rules {
    fn load(dict: &dyad_actors::Dictionary) -> Rules {
        let data: RulesData = toml::from_str(include_str!("../data/name_rules.toml"))
            .expect("data/name_rules.toml is valid");
        let title_words = dict
            .titles
            .iter()
            .flat_map(|t| std::iter::once(&t.words).chain(&t.aliases))
            .filter(|w| !w.contains(' '))
            .map(|w| fold(w))
            .collect();
        Rules {
            org_prefixes: data.org_prefixes.iter().map(|p| fold(p)).collect(),
            split_at: data.split_at.into_iter().collect(),
            quotes: data.quotes.into_iter().collect(),
            common_pos: data
                .common_pos
                .iter()
                .filter_map(|p| G::from_name(p))
                .collect(),
            title_words,
            destination_words: data.destination_words.iter().map(|w| fold(w)).collect(),
            rubric_words: data.rubric_words.iter().map(|w| fold(w)).collect(),
            web_domains: data.web_domains.iter().map(|w| fold(w)).collect(),
            people: dict
                .people
                .iter()
                .filter(|p| !p.is_generated())
                .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
                .map(|n| n.split_whitespace().map(fold).collect::<Vec<_>>().join(" "))
                .collect(),
            demonyms: dict
                .states
                .iter()
                .flat_map(|s| &s.demonyms)
                .map(|w| fold(w))
                .collect(),
        }
    }
}

/// The loaded models and dictionary; load once, share between threads.
pub struct Language {
    morph: Morph,
    ner: SlovnetNer,
    gazetteer: Gazetteer,
    rules: Rules,
}

/// Prepositions after which a capital is the place where something happens ("в Баку").
const LOCATIVE_PREPOSITIONS: &[&str] = &[
    "в",
    "во",
    "из",
    "на",
    "под",
    "около",
    "возле",
    "до",
    "через",
    "по",
    "близ",
    "вблизи",
];

/// A candidate span over tokens of one sentence (token indices into the segmentation).
#[derive(Debug, Clone)]
struct Cand {
    first: usize,
    /// One past the last token.
    last: usize,
    kind: EntityKind,
    target: Option<Target>,
    /// Byte range when it is not the tokens' own (a part of a hyphenated token).
    bytes: Option<(usize, usize)>,
}

impl Language {
    /// Loads the morphology, the NER model (from dyad's model cache) and the dictionary.
    pub fn load() -> Result<Language, LoadError> {
        let morph = Morph::load()?;
        let ner = SlovnetNer::load()?;
        Ok(Language::new(morph, ner))
    }

    pub fn new(morph: Morph, ner: SlovnetNer) -> Language {
        let dict = dyad_actors::dictionary();
        let gazetteer = Gazetteer::build(dict, &morph);
        let rules = Rules::load(dict);
        Language {
            morph,
            ner,
            gazetteer,
            rules,
        }
    }

    pub fn morph(&self) -> &Morph {
        &self.morph
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The mentions of an annotated text, in order.
    pub fn mentions(&self, annotated: &Annotated) -> Vec<Mention> {
        let (text, seg) = (annotated.text.as_str(), &annotated.seg);
        let sentences: Vec<Vec<&str>> = (0..seg.sentences.len())
            .map(|i| {
                seg.sentence_tokens(i)
                    .iter()
                    .map(|t| &text[t.start..t.end])
                    .collect()
            })
            .collect();
        let tags = self.ner.tag_sentences(&sentences);
        let mut out = Vec::new();
        for (s, range) in seg.sentences.iter().enumerate() {
            let words = &sentences[s];
            let mut cands = spans_of(&tags[s], range.start);
            cands = cands
                .into_iter()
                .flat_map(|c| self.split(c, seg, text))
                .collect();
            cands = cands
                .into_iter()
                .filter_map(|c| self.trim(c, seg, text, range.start))
                .collect();
            self.add_dictionary_names(&mut cands, words, range.start, seg, text);
            cands.sort_by_key(|c| c.first);
            let mut previous: Option<(usize, EntityKind)> = None; // (last token, kind)
            for c in cands {
                let (start, end) = c
                    .bytes
                    .unwrap_or((seg.tokens[c.first].start, seg.tokens[c.last - 1].end));
                let kind = match (&c.target, c.kind) {
                    // "в Лондоне и Париже": the second of two coordinated places shares the
                    // first's preposition; "Лондон и Баку намерены": both act
                    (Some(Target::Capital(_)), _) => match previous {
                        Some((last, k))
                            if matches!(k, EntityKind::Loc | EntityKind::Gpe)
                                // two halves of one hyphenated token ("Вашингтон-Баку")
                                && (last > c.first
                                    || coordinated(
                                        &words[last - range.start..c.first - range.start],
                                    )) =>
                        {
                            k
                        }
                        _ => self.capital_kind(c.first, range.start, words),
                    },
                    // a person of the dictionary named as written, whatever the model
                    // typed ("Еврокомиссар … Марта Кос" read as a place)
                    (None, k)
                        if k != EntityKind::Per && self.is_known_person(&text[start..end]) =>
                    {
                        EntityKind::Per
                    }
                    (_, k) => k,
                };
                previous = (c.target.is_some()).then_some((c.last, kind));
                let context = if kind == EntityKind::Per {
                    self.title_cases(c.first, range.start, words)
                } else {
                    Vec::new()
                };
                let normal = self.normal_form(&text[start..end], kind, &context);
                out.push(Mention {
                    start,
                    end,
                    kind,
                    normal,
                    target: c.target,
                    sentence: s,
                });
            }
        }
        out.sort_by_key(|m| (m.start, m.end));
        out
    }

    /// Splits a candidate at brackets, bullets and commas.
    fn split(&self, c: Cand, seg: &Segmentation, text: &str) -> Vec<Cand> {
        let mut parts = Vec::new();
        let mut start = c.first;
        for i in c.first..c.last {
            let w = &text[seg.tokens[i].start..seg.tokens[i].end];
            if self.rules.split_at.contains(w) {
                if i > start {
                    parts.push(Cand {
                        first: start,
                        last: i,
                        ..c.clone()
                    });
                }
                start = i + 1;
            }
        }
        if c.last > start {
            parts.push(Cand {
                first: start,
                last: c.last,
                ..c
            });
        }
        parts
    }

    /// Trims quotes, legal forms and titles; drops what is left of no name.
    fn trim(
        &self,
        mut c: Cand,
        seg: &Segmentation,
        text: &str,
        sentence_start: usize,
    ) -> Option<Cand> {
        let word = |i: usize| &text[seg.tokens[i].start..seg.tokens[i].end];
        let is_quote = |i: usize| self.rules.quotes.contains(word(i));
        loop {
            let before = (c.first, c.last);
            while c.first < c.last && is_quote(c.first) {
                c.first += 1;
            }
            while c.last > c.first && is_quote(c.last - 1) {
                c.last -= 1;
            }
            if c.kind == EntityKind::Org
                && c.last - c.first > 1
                && self.rules.org_prefixes.contains(&fold(word(c.first)))
            {
                // ОАО «Газпром»: the name is what follows the legal form
                c.first += 1;
            }
            if c.kind == EntityKind::Per && c.first < c.last && self.is_title(word(c.first)) {
                c.first += 1;
            }
            if c.kind == EntityKind::Per
                && c.first < c.last
                && self.opens_sentence(c.first, sentence_start, seg, text)
                && self.is_common_word(word(c.first))
            {
                c.first += 1;
            }
            if (c.first, c.last) == before || c.first >= c.last {
                break;
            }
        }
        // a rubric label in capitals ("ИНТЕРВЬЮ", "ФОТО") is not a name
        if c.target.is_none()
            && c.last - c.first == 1
            && is_shouted(word(c.first))
            && self.rules.rubric_words.contains(&fold(word(c.first)))
        {
            return None;
        }
        // a name with a web domain ("Лента.ру", "Газета.Ru") is an outlet, never a person
        if c.kind == EntityKind::Per && c.first < c.last {
            let span = &text[seg.tokens[c.first].start..seg.tokens[c.last - 1].end];
            if self.has_web_domain(span) {
                c.kind = EntityKind::Org;
            }
        }
        // a people's name ("Американцы", "палестинцев") is not a place
        if c.kind == EntityKind::Loc
            && c.last - c.first == 1
            && self.is_lemma_in(word(c.first), &self.rules.demonyms)
        {
            return None;
        }
        (c.first < c.last).then_some(c)
    }

    /// Whether some analysis of `w` has its lemma in `set` (lower-case, ё as е).
    fn is_lemma_in(&self, w: &str, set: &HashSet<String>) -> bool {
        let k = fold(w);
        set.contains(&k)
            || self
                .morph
                .normal_forms(&k)
                .iter()
                .any(|n| set.contains(&fold(n)))
    }

    fn is_title(&self, w: &str) -> bool {
        let k = fold(w);
        self.rules.title_words.contains(&k)
            || self
                .morph
                .normal_forms(&k)
                .iter()
                .any(|n| self.rules.title_words.contains(&fold(n)))
    }

    /// Whether token `i` is the first word of its sentence (perhaps after a quote or dash).
    fn opens_sentence(
        &self,
        i: usize,
        sentence_start: usize,
        seg: &Segmentation,
        text: &str,
    ) -> bool {
        (sentence_start..i).all(|j| {
            let w = &text[seg.tokens[j].start..seg.tokens[j].end];
            w.chars().all(|c| !c.is_alphanumeric())
        })
    }

    /// A word the dictionary knows only as a common word (no first name, surname or
    /// patronymic reading).
    fn is_common_word(&self, w: &str) -> bool {
        let parses = self.morph.parse(w);
        !parses.is_empty()
            && parses.iter().all(|p| {
                p.is_known()
                    && !p.tag.is_person_name()
                    && !p.tag.has(G::Geox)
                    && !p.tag.has(G::Orgn)
            })
            && parses
                .iter()
                .any(|p| self.rules.common_pos.iter().any(|g| p.tag.has(*g)))
    }

    /// Adds, types and widens candidates with the dictionary's names.
    fn add_dictionary_names(
        &self,
        cands: &mut Vec<Cand>,
        words: &[&str],
        offset: usize,
        seg: &Segmentation,
        text: &str,
    ) {
        let mut i = 0;
        while i < words.len() {
            let Some((n, targets)) = self.gazetteer.longest_match(&words[i..]) else {
                if words[i].contains('-') {
                    self.split_hyphenated(cands, offset + i, seg, text);
                }
                i += 1;
                continue;
            };
            let (first, last) = (offset + i, offset + i + n);
            let target = targets[0].clone();
            let kind = kind_of(&target);
            let overlapping: Vec<usize> = (0..cands.len())
                .filter(|&k| cands[k].first < last && first < cands[k].last)
                .collect();
            let inside_bigger = overlapping.iter().any(|&k| {
                cands[k].first <= first
                    && last <= cands[k].last
                    && (cands[k].first, cands[k].last) != (first, last)
            });
            if !inside_bigger {
                // the dictionary's name replaces the model's spans it covers
                let covered = overlapping
                    .iter()
                    .all(|&k| first <= cands[k].first && cands[k].last <= last);
                if covered {
                    for &k in overlapping.iter().rev() {
                        cands.remove(k);
                    }
                    cands.push(Cand {
                        first,
                        last,
                        kind,
                        target: Some(target),
                        bytes: None,
                    });
                }
            }
            i += n;
        }
        cands.sort_by_key(|c| (c.first, c.bytes.map(|b| b.0)));
    }

    /// "Вашингтон-Баку", "Великобритания-Азербайджан": two names in one token.
    fn split_hyphenated(
        &self,
        cands: &mut Vec<Cand>,
        token: usize,
        seg: &Segmentation,
        text: &str,
    ) {
        let t = &seg.tokens[token];
        let word = &text[t.start..t.end];
        let parts: Vec<(usize, &str)> = word
            .split('-')
            .scan(t.start, |at, p| {
                let start = *at;
                *at += p.len() + 1;
                Some((start, p))
            })
            .collect();
        let targets: Option<Vec<Target>> = parts
            .iter()
            .map(|(_, p)| self.gazetteer.word(p).map(|t| t[0].clone()))
            .collect();
        let Some(targets) = targets.filter(|t| t.len() >= 2) else {
            return;
        };
        cands.retain(|c| !(c.first <= token && token < c.last));
        for ((start, p), target) in parts.into_iter().zip(targets) {
            cands.push(Cand {
                first: token,
                last: token + 1,
                kind: kind_of(&target),
                target: Some(target),
                bytes: Some((start, start + p.len())),
            });
        }
    }

    /// The cases of the title word right before a person's name ("лорда", "президентом"),
    /// which the name agrees with; empty when no title stands there.
    fn title_cases(&self, first: usize, sentence_start: usize, words: &[&str]) -> Vec<G> {
        let i = first - sentence_start;
        if i == 0 || !self.is_title(words[i - 1]) {
            return Vec::new();
        }
        let mut cases: Vec<G> = self
            .morph
            .parse(words[i - 1])
            .iter()
            .filter(|p| p.tag.has(G::Noun) && p.tag.has(G::Sing))
            .filter_map(|p| p.tag.case())
            .map(normalize::fold_case)
            .collect();
        cases.dedup();
        cases
    }

    /// A capital is a place after a locative preposition ("в Баку") or a word of arrival
    /// ("посетил Минск"), and a state elsewhere ("Лондон и Баку намерены", "между Лондоном и
    /// Баку").
    fn capital_kind(&self, first: usize, sentence_start: usize, words: &[&str]) -> EntityKind {
        let i = first - sentence_start;
        let prev = if i > 0 {
            fold(words[i - 1])
        } else {
            String::new()
        };
        if LOCATIVE_PREPOSITIONS.contains(&prev.as_str())
            || (i > 0 && self.is_lemma_in(words[i - 1], &self.rules.destination_words))
        {
            EntityKind::Loc
        } else {
            EntityKind::Gpe
        }
    }

    /// Whether a name ends in a web domain ("Лента.ру", "Report.az").
    fn has_web_domain(&self, name: &str) -> bool {
        name.rsplit_once('.').is_some_and(|(site, tld)| {
            !site.is_empty() && self.rules.web_domains.contains(&fold(tld))
        })
    }

    /// Whether `surface` (two words or more) is a dictionary person's name as written.
    fn is_known_person(&self, surface: &str) -> bool {
        let words: Vec<String> = surface.split_whitespace().map(fold).collect();
        words.len() >= 2 && self.rules.people.contains(&words.join(" "))
    }

    /// The mention's words in the nominative.
    fn normal_form(&self, surface: &str, kind: EntityKind, context: &[G]) -> String {
        let words: Vec<&str> = surface.split_whitespace().collect();
        if words.iter().all(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        }) {
            return words.join(" "); // abbreviations stay as written
        }
        if self.has_web_domain(surface) {
            return words.join(" "); // "Лента.ру" does not decline
        }
        match kind {
            EntityKind::Per
                if self
                    .rules
                    .people
                    .contains(&words.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" ")) =>
            {
                words.join(" ")
            }
            EntityKind::Per => normalize::person(&self.morph, &words, context).join(" "),
            _ => self.morph.nominative(&words).join(" "),
        }
    }
}

/// Whether the words between two names join them as one list ("и", "или", ",", "-").
fn coordinated(between: &[&str]) -> bool {
    !between.is_empty()
        && between
            .iter()
            .all(|w| matches!(*w, "и" | "или" | "," | "-" | "–" | "—"))
}

/// A word of four letters or more written all in capitals.
fn is_shouted(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn kind_of(t: &Target) -> EntityKind {
    match t {
        Target::State(_) | Target::Seat(_) => EntityKind::Gpe,
        Target::Org(_) => EntityKind::Org,
        Target::Capital(_) | Target::Place(_) => EntityKind::Loc,
    }
}

/// Spans of BIO tags; `offset` is the sentence's first token index.
fn spans_of(tags: &[Tag], offset: usize) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        let Some(kind) = tag.kind() else { continue };
        let kind = match kind {
            Kind::Per => EntityKind::Per,
            Kind::Loc => EntityKind::Loc,
            Kind::Org => EntityKind::Org,
        };
        match out.last_mut() {
            Some(c) if !tag.is_begin() && c.last == offset + i && c.kind == kind => c.last += 1,
            _ => out.push(Cand {
                first: offset + i,
                last: offset + i + 1,
                kind,
                target: None,
                bytes: None,
            }),
        }
    }
    out
}
