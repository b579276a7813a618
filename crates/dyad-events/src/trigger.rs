//! One trigger word and the event it tells, read on its sentence's dependency tree, phase
//! by phase:
//!
//! 1. whether the trigger tells an event of its own: not a participle describing a noun
//!    ("укрепляющих связей"), not the object another trigger needs ("сняли [эмбарго]",
//!    [`Trigger::is_governed_object`]), with the object its frame needs
//!    ([`Trigger::has_needed_object`]) and the tone it needs ([`Trigger::has_tone`]);
//! 2. who acts ([`Trigger::find_actor`]): the frame's actor slots — a verb's subject (the
//!    antecedent of "который", the subject of the clause a gerund or an infinitive depends
//!    on, a pronoun's person), a noun's genitive or instrumental agent, "между X и Y";
//! 3. on whom and where ([`Trigger::find_recipients_and_place`]): the frame's recipient
//!    slots among the trigger's dependents (and a light verb's: "провел переговоры с X"),
//!    every conjunct of each; [`Trigger::statement_target`] for a statement;
//! 4. when ([`Trigger::event_date`]: the date nearest in the tree), in which mode
//!    ([`Trigger::aux_of`]: "не", a future, an intent, "мочь", "бы" on the trigger or the
//!    verb it depends on) and contexts ([`Trigger::contexts_of`]).
//!
//! A slot's dependent is a party when a name covers it, when it is a person's title (the
//! person; with no name, the state the title is of: "посол Италии"), or through its
//! conjuncts.

use crate::cues::{cues, has};
use crate::lexicon::{Case, Frame, Slot, Tone};
use crate::{base_score, dates, span, two_states, Aux, DateFrom, Doc, Event, Hit, Precision};
use chrono::{Duration, NaiveDate};
use dyad_link::EntityKind;
use dyad_morph::Grammeme as G;
use std::collections::HashSet;
use std::ops::Range;

/// An event's date: its value, precision, the byte span of its expression, and where it
/// came from.
pub(crate) type EventDate = (
    Option<String>,
    Option<Precision>,
    Option<(usize, usize)>,
    Option<DateFrom>,
);

/// What the text up to a trigger's sentence gives it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Setting<'t> {
    /// The last person named before the sentence: who "он" / "она" is.
    pub last_person: Option<usize>,
    /// Who speaks in the sentence: who "я" is, and whose state "мы" is.
    pub speaker: Option<usize>,
    /// The dates written in the sentence (or carried over from the one before it).
    pub dates: &'t [dates::DateExpr],
    /// The date of the last dated event, for "на следующий день".
    pub last_event_date: Option<NaiveDate>,
    /// The publication date, for "накануне" in a text that dated nothing yet.
    pub published: Option<NaiveDate>,
}

/// A trigger word in its sentence: the situation every phase reads.
pub(crate) struct Trigger<'t, 'a> {
    doc: &'t Doc<'a>,
    /// The trigger's token.
    k: usize,
    hit: Hit,
    frame: &'t Frame,
    /// The tokens of its sentence.
    sentence: Range<usize>,
    setting: Setting<'t>,
}

/// The actor of a trigger: its entities, and the args they were read from (which are then
/// no recipients).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Actor {
    pub entities: Vec<usize>,
    pub args: HashSet<usize>,
}

impl Actor {
    /// Entities read from no arg of the sentence ("он": the last person named).
    fn of(entities: impl IntoIterator<Item = usize>) -> Actor {
        Actor {
            entities: entities.into_iter().collect(),
            args: HashSet::new(),
        }
    }

    fn of_args(doc: &Doc<'_>, args: Vec<usize>) -> Actor {
        let mut entities: Vec<usize> = Vec::new();
        for &a in &args {
            let e = doc.args[a].entity;
            if !entities.contains(&e) {
                entities.push(e);
            }
        }
        Actor {
            entities,
            args: args.into_iter().collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

/// The relations of a verb's or a noun's nominal dependents.
const NOMINAL: &[&str] = &["obl", "nmod", "obj", "iobj", "nsubj"];

impl<'t, 'a> Trigger<'t, 'a> {
    /// The trigger of `hit` at token `k` of `sentence`.
    pub(crate) fn new(
        doc: &'t Doc<'a>,
        k: usize,
        hit: Hit,
        sentence: Range<usize>,
        setting: Setting<'t>,
    ) -> Self {
        Trigger {
            doc,
            k,
            hit,
            frame: &doc.model.patterns[hit.pattern],
            sentence,
            setting,
        }
    }

    /// The event the trigger tells, or why it tells none (`dyad explain` prints it).
    pub(crate) fn read(&self) -> Result<Event, &'static str> {
        let p = self.frame;
        if self.describes() {
            return Err("a participle describing a noun");
        }
        if self.is_governed_object() {
            return Err("the object another trigger needs");
        }
        if self.is_asked_for() {
            return Err("an act asked for, not done");
        }
        if !self.has_needed_object() {
            return Err("the word the frame needs is not among its dependents");
        }
        if !self.has_tone() {
            return Err("its object is not judged as the frame needs");
        }
        let actor = self.find_actor();
        if actor.is_empty() {
            return Err("no actor");
        }
        let (recipient, location) = self.find_recipients_and_place(&actor);
        let mut recipient = self
            .of_wanted_kinds(recipient)
            .ok_or("no recipient of the kind the frame wants")?;
        if p.kind == "STATEMENT" {
            recipient = self
                .statement_target(&actor.entities, recipient)
                .ok_or("a statement by no official, or about no other state")?;
        }
        // dyad events only: someone acts on someone, or several act together; with no one
        // acted on in the sentence, the other of the two states the document is about
        let mut implied = false;
        // (not for a participle, nor for a noun of purpose: "в поддержку этой цели", "в
        // ответ на")
        let t = &self.doc.tree;
        let purpose = t.base_rel(self.k) == "obl"
            && t.case_markers(self.k)
                .iter()
                .any(|m| m.len() == 1 && matches!(self.doc.keys[m[0]].as_str(), "в" | "во"))
            && self.in_case(self.k, Case::Accs);
        let predicate = !matches!(t.base_rel(self.k), "amod" | "acl") && !purpose;
        if recipient.is_empty() && actor.entities.len() < 2 && p.kind != "STATEMENT" && predicate {
            if let Some(other) = self.other_state_in_play(&actor.entities) {
                recipient.push(other);
                implied = true;
            }
        }
        if recipient.is_empty() && actor.entities.len() < 2 {
            return Err("one actor and no recipient");
        }
        let (date, date_precision, date_text, date_from) = self.event_date();
        Ok(Event {
            kind: p.kind.clone(),
            mode: (!p.mode.is_empty()).then(|| p.mode.clone()),
            contexts: self.contexts_of(),
            actor: actor.entities,
            recipient,
            date,
            date_precision,
            date_text,
            date_from,
            location,
            aux: self.aux_of(),
            claimed_by: None,
            recipient_implied: implied,
            // a recipient the sentence does not name is a guess
            score: p.score.unwrap_or_else(|| base_score(&p.kind)) * if implied { 0.6 } else { 1.0 },
            evidence: vec![span(self.doc, (self.sentence.start, self.sentence.end))],
        })
    }

    /// The frame this trigger reads.
    pub(crate) fn frame(&self) -> &Frame {
        self.frame
    }

    // ------------------------------------------------------------------ 1. an event?

    /// A participle that describes a noun ("укрепляющих связей", "подписанного ранее") tells
    /// no event of its own; one in a clause of its own ("соглашения, подписанные во время
    /// визита") does.
    pub(crate) fn describes(&self) -> bool {
        let t = &self.doc.tree;
        self.hit.active_participle && t.base_rel(self.k) == "amod"
    }

    /// The object of another trigger whose frame needs it ("сняли [эмбарго]", "ввели
    /// [санкции]") is part of that trigger's event.
    pub(crate) fn is_governed_object(&self) -> bool {
        if self.hit.verbal {
            return false;
        }
        let doc = self.doc;
        let Some(lemma) = doc.lemma(self.k) else {
            return false;
        };
        let Some(h) = doc.tree.head(self.k) else {
            return false;
        };
        // what a ban bears on is no event of its own: "эмбарго на [поставки] оружия"
        let on = doc
            .tree
            .case_markers(self.k)
            .iter()
            .any(|m| doc.keys[m[0]] == "на");
        doc.model.hits.get(&doc.keys[h]).is_some_and(|hs| {
            hs.iter().any(|hh| {
                let frame = &doc.model.patterns[hh.pattern];
                hh.pattern != self.hit.pattern
                    && (frame.needs.iter().any(|n| n == lemma) || (on && frame.kind == "SANCTION"))
            })
        })
    }

    /// Whether token `j` is an object the frame needs ("эмбарго" for "снять").
    fn is_needed(&self, j: usize) -> bool {
        self.doc
            .lemma(j)
            .is_some_and(|l| self.frame.needs.iter().any(|n| n == l))
    }

    /// The object the frame needs, where it needs one: a dependent of the trigger (or of one
    /// of them, "снять эмбарго на поставки"), or the word the trigger depends on
    /// ("соглашения, подписанные …", "решение о введении санкций").
    pub(crate) fn has_needed_object(&self) -> bool {
        self.frame.needs.is_empty() || !self.needed_words().is_empty()
    }

    /// The words the frame needs, where they stand: dependents of the trigger and theirs,
    /// the word it depends on, and — a light verb's object being the event — the objects
    /// and subjects of that word ("приняли решение ввести санкции", "стало снятие …
    /// эмбарго").
    fn needed_words(&self) -> Vec<usize> {
        let t = &self.doc.tree;
        let k = self.k;
        let near = t
            .children(k)
            .iter()
            .flat_map(|&c| std::iter::once(c).chain(t.children(c).iter().copied()))
            .chain(t.head(k));
        let mut found: Vec<usize> = near.filter(|&j| j != k && self.is_needed(j)).collect();
        if found.is_empty() {
            if let Some(h) = t.head(k) {
                found.extend(
                    t.children_in(h, &["obj", "nsubj"])
                        .filter(|&c| c != k && self.is_needed(c)),
                );
            }
        }
        found
    }

    /// Whether the frame's tone holds: the trigger's object or complement ("назвал курс …
    /// авантюрой") holds an evaluative word of that sign.
    pub(crate) fn has_tone(&self) -> bool {
        let Some(tone) = self.frame.tone else {
            return true;
        };
        let (doc, t) = (self.doc, &self.doc.tree);
        let words = t.descendants(t.children_in(self.k, &["obj", "xcomp", "obl", "ccomp"]), 40);
        let sum: f64 = words
            .iter()
            .filter_map(|&j| doc.model.evaluative.get(&doc.keys[j]))
            .sum();
        match tone {
            Tone::Negative => sum < 0.0,
            Tone::Positive => sum > 0.0,
        }
    }

    // ------------------------------------------------------------------ parties

    /// Whether `a` may be a party: not a state inside a person's title, not a place, not an
    /// outlet (an outlet reports, "как сообщает Report"; it is not a party to what it
    /// reports).
    fn usable(&self, a: usize) -> bool {
        let arg = &self.doc.args[a];
        !arg.in_title
            && arg.kind != EntityKind::Loc
            && self.doc.entities[arg.entity].sector.as_deref()
                != Some(cues().outlet_sector.as_str())
    }

    /// The args a node stands for, places included: the name covering it; a person's title
    /// (the person; with no name, the state or organisation it is of); and the same for every
    /// conjunct of the node.
    fn args_of(&self, node: usize) -> Vec<usize> {
        let t = &self.doc.tree;
        let mut out: Vec<usize> = Vec::new();
        let mut members = t.conjuncts(node);
        for n in self.stray_conjuncts(node) {
            if !members.contains(&n) {
                members.push(n);
            }
        }
        for n in members {
            for a in self.args_of_one(n) {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }

    /// Conjuncts the parser hung elsewhere: right after `node`'s phrase, past a comma or
    /// "и", words it parsed as conjuncts of something else ("с президентом Азербайджана
    /// Ильхамом Алиевым, [министром] обороны … и [министром] …").
    fn stray_conjuncts(&self, node: usize) -> Vec<usize> {
        let (doc, t) = (self.doc, &self.doc.tree);
        let mut out = Vec::new();
        let mut end = t.span(node).1;
        for _ in 0..16 {
            let mut j = end + 1;
            let mut joined = false;
            while j < self.sentence.end && matches!(doc.keys[j].as_str(), "," | "и") {
                joined = true;
                j += 1;
            }
            if !joined || j >= self.sentence.end || t.base_rel(j) != "conj" {
                break;
            }
            out.push(j);
            end = t.span(j).1.max(j);
        }
        out
    }

    fn args_of_one(&self, n: usize) -> Vec<usize> {
        let (doc, t) = (self.doc, &self.doc.tree);
        if let Some(a) = doc.arg_covering(n) {
            // a state or organisation inside a title stands for the title's holder, named
            // or not
            if doc.args[a].in_title {
                if let Some(&p) = doc.title_holder.get(&n) {
                    return doc.arg_of_entity_near(p, n).into_iter().collect();
                }
            }
            // one description may name several states: "итальянские и ливийские
            // пограничники"
            let (first, last) = (doc.args[a].first, doc.args[a].last);
            let same_words: Vec<usize> = (a.saturating_sub(8)..doc.args.len().min(a + 8))
                .filter(|&b| doc.args[b].first == first && doc.args[b].last == last)
                .collect();
            return same_words;
        }
        // a person's title: the person it belongs to
        if let Some(&p) = doc.title_holder.get(&n) {
            if let Some(a) = doc.arg_of_entity_near(p, n) {
                return vec![a];
            }
        }
        // a name in apposition or a flat part ("президент [Ильхам Алиев]")
        let named: Vec<usize> = t
            .children_in(n, &["appos", "flat", "nmod"])
            .filter(|&c| t.case_markers(c).is_empty())
            .filter_map(|c| doc.arg_covering(c))
            .collect();
        if let Some(&p) = named.iter().find(|&&a| doc.args[a].kind == EntityKind::Per) {
            return vec![p];
        }
        // a title with no name: the state or organisation it is of ("посол Италии"), all of
        // them where several are ("власти Мальты и Италии")
        if self.is_title_word(n) {
            let of: Vec<usize> = t
                .children_in(n, &["nmod"])
                .filter(|&c| t.case_markers(c).is_empty())
                .flat_map(|c| t.conjuncts(c))
                .filter_map(|c| doc.arg_covering(c))
                .filter(|&a| matches!(doc.args[a].kind, EntityKind::Gpe | EntityKind::Org))
                .collect();
            if !of.is_empty() {
                let mut of = of;
                of.dedup();
                return of;
            }
            if let Some(&s) = named
                .iter()
                .find(|&&a| matches!(doc.args[a].kind, EntityKind::Gpe | EntityKind::Org))
            {
                return vec![s];
            }
        }
        Vec::new()
    }

    /// Whether token `n` is the head word of an office title, or a noun that stands for a
    /// state's government or people ("власти", "делегация"): with a state named after it,
    /// it stands for that state.
    fn is_title_word(&self, n: usize) -> bool {
        let doc = self.doc;
        doc.title_holder.contains_key(&n)
            || doc.is_title_noun(n)
            || dyad_link::describes_a_state(doc.lang, &doc.keys[n])
    }

    /// The usable args of the nodes.
    fn parties(&self, nodes: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for n in nodes {
            for a in self.args_of(n) {
                if self.usable(a) && !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }

    /// The dependents of `head` that a slot names.
    fn slot_nodes(&self, head: usize, slot: &Slot) -> Vec<usize> {
        let (doc, t) = (self.doc, &self.doc.tree);
        let unmarked = |c: &usize| t.case_markers(*c).is_empty();
        match slot {
            Slot::Subj => t.children_in(head, &["nsubj"]).collect(),
            Slot::Obj => {
                let objects: Vec<usize> = t.children_in(head, &["obj"]).collect();
                // an object the parser hung elsewhere ("принимает в Белом доме … [коллегу]")
                if objects.is_empty() && doc.is_verb(head) {
                    self.stray(head, Case::Accs, false).into_iter().collect()
                } else {
                    objects
                }
            }
            Slot::Poss => t
                .children_in(head, &["det", "nmod"])
                .filter(|&c| matches!(doc.keys[c].as_str(), "его" | "ее" | "их"))
                .collect(),
            Slot::Bare(case) => {
                let mut v: Vec<usize> = t
                    .children_in(head, NOMINAL)
                    .filter(unmarked)
                    .filter(|&c| t.base_rel(c) != "nsubj")
                    .filter(|&c| {
                        (*case == Case::Datv && t.base_rel(c) == "iobj")
                            || (*case == Case::Accs && t.base_rel(c) == "obj")
                            || self.in_case(c, *case)
                    })
                    .collect();
                // a name hung on a name by the parser ("поддержки Турцией [Грузии]") is the
                // trigger's too: a name governs no genitive of another state
                let hung: Vec<usize> = v
                    .iter()
                    .filter(|&&c| {
                        doc.arg_covering(c).is_some_and(|a| {
                            matches!(doc.args[a].kind, EntityKind::Gpe | EntityKind::Org)
                        })
                    })
                    .flat_map(|&c| t.children_in(c, &["nmod"]).collect::<Vec<_>>())
                    .filter(unmarked)
                    .filter(|&g| self.in_case(g, *case) && doc.arg_covering(g).is_some())
                    .collect();
                v.extend(hung);
                v
            }
            Slot::Prep(prep, case) => {
                let words: Vec<&str> = prep.split(' ').collect();
                let mut out = Vec::new();
                for c in t.children_in(head, &["obl", "nmod", "advmod", "obj"]) {
                    for marker in t.case_markers(c) {
                        let m: Vec<&str> = marker.iter().map(|&j| doc.keys[j].as_str()).collect();
                        if m == words {
                            if case.is_none_or(|cs| self.in_case(c, cs)) {
                                out.push(c);
                            }
                        } else if words.len() > 1
                            && m == words[..1]
                            && doc.keys[c].starts_with(words[1])
                        {
                            // "в адрес [России]", "в отношении [Ирана]", "по отношению к …":
                            // the noun of the compound governs the party
                            out.extend(t.children_in(c, &["nmod"]).filter(|&g| {
                                words.len() == 2
                                    || t.case_markers(g).iter().any(|mk| {
                                        mk.last().is_some_and(|&j| {
                                            doc.keys[j] == *words.last().unwrap_or(&"")
                                        })
                                    })
                            }));
                        }
                    }
                }
                out
            }
        }
    }

    /// A nominal the parser hung in the wrong place: in `v`'s own clause (its subtree, not
    /// through a clause of its own), with no preposition, in `case`, on the given side of
    /// `v`, that stands for a party — the nearest such. Used when `v` has no dependent in
    /// that role at all ("посол … встретился" with "посол" parsed under the partner).
    fn stray(&self, v: usize, case: Case, before: bool) -> Option<usize> {
        let t = &self.doc.tree;
        let clausal = [
            "ccomp",
            "xcomp",
            "advcl",
            "acl",
            "parataxis",
            "csubj",
            "conj",
        ];
        let mut stack: Vec<usize> = t.children(v).to_vec();
        let mut seen = 0;
        let mut best: Option<usize> = None;
        while let Some(n) = stack.pop() {
            seen += 1;
            if seen > 200 || clausal.contains(&t.base_rel(n)) {
                continue;
            }
            stack.extend(t.children(n).iter().copied());
            let side = if before { n < v } else { n > v };
            if !side
                || !t.case_markers(n).is_empty()
                || !self.in_case(n, case)
                // an object may be a place ("посетит [Брюссель]"), a subject may not
                || (case == Case::Accs && self.args_of(n).is_empty())
                || (case != Case::Accs && self.parties([n]).is_empty())
            {
                continue;
            }
            let nearer = best.is_none_or(|b| n.abs_diff(v) < b.abs_diff(v));
            if nearer {
                best = Some(n);
            }
        }
        best
    }

    /// Whether token `c` (a name or a noun) can be in `case`.
    fn in_case(&self, c: usize, case: Case) -> bool {
        let g = match case {
            Case::Nomn => G::Nomn,
            Case::Gent => G::Gent,
            Case::Datv => G::Datv,
            Case::Accs => G::Accs,
            Case::Ablt => G::Ablt,
            Case::Loct => G::Loct,
        };
        let doc = self.doc;
        // a word whose case is unknown (a foreign name) may be in any
        let may_be = |cases: &[G]| cases.is_empty() || cases.contains(&g);
        match doc.arg_covering(c) {
            Some(a) => may_be(&doc.args[a].cases),
            None => may_be(&doc.model.facts(doc.morph, &doc.keys[c]).cases),
        }
    }

    // ------------------------------------------------------------------ 2. the actor

    /// Who acts, the first way that finds someone: "между X и Y"; the frame's actor slots
    /// (a verb's subject, a noun's agent); for a noun with none, the subject of the verb it
    /// is the object of ("провели переговоры") or of the clause it stands in; the pronoun
    /// or phrase that stands for someone.
    pub(crate) fn find_actor(&self) -> Actor {
        let doc = self.doc;
        let between = self.parties(self.slot_nodes(self.k, &Slot::Prep("между".into(), None)));
        if !between.is_empty() {
            return Actor::of_args(doc, between);
        }
        let slots = self.frame.actor_slots();
        let args = if !slots.is_empty() {
            // the frame says where its actor is ("принял [министра]": the guest)
            let found = self.parties(slots.iter().flat_map(|s| self.slot_nodes(self.k, s)));
            if self.hit.verbal {
                return Actor::of_args(doc, found);
            }
            found
        } else if self.hit.verbal {
            return self.subject_of(self.k, 0);
        } else {
            self.agent_of_noun()
        };
        if !args.is_empty() {
            return Actor::of_args(doc, args);
        }
        if self.hit.verbal {
            return self.subject_of(self.k, 0);
        }
        // a noun: "его визит" — the person named last before the pronoun, in this sentence
        // or before it; else the subject of its light verb, or of its clause
        if let Some(c) = self
            .doc
            .tree
            .children_in(self.k, &["det", "nmod"])
            .find(|&c| matches!(doc.keys[c].as_str(), "его" | "ее"))
        {
            let from = doc.args.partition_point(|a| a.first < self.sentence.start);
            let named_before = doc.args[from..]
                .iter()
                .take_while(|a| a.last <= c)
                .filter(|a| a.kind == EntityKind::Per)
                .last()
                .map(|a| a.entity);
            return Actor::of(named_before.or(self.setting.last_person));
        }
        match doc.tree.head(self.k) {
            Some(h) if doc.is_verb(h) && self.shares_actor_with(h) => self.subject_of(h, 0),
            _ => Actor::default(),
        }
    }

    /// The agent of a noun: its instrumental (then the genitive is what it acts on:
    /// "поддержка Турцией Грузии"), else its genitive ("визит министра").
    fn agent_of_noun(&self) -> Vec<usize> {
        let by_ablt = self.agent_in_instrumental();
        if !by_ablt.is_empty() {
            return by_ablt;
        }
        self.parties(self.slot_nodes(self.k, &Slot::Bare(Case::Gent)))
    }

    /// A noun's agent in the instrumental: its instrumental dependent, or a name in the
    /// instrumental right after it, wherever the parser hung it ("снятие [Великобританией] в
    /// этом году эмбарго").
    fn agent_in_instrumental(&self) -> Vec<usize> {
        let by_ablt = self.parties(self.slot_nodes(self.k, &Slot::Bare(Case::Ablt)));
        if !by_ablt.is_empty() {
            return by_ablt;
        }
        let doc = self.doc;
        let next = doc.args.partition_point(|x| x.first <= self.k);
        if let Some(a) =
            Some(next).filter(|&a| doc.args.get(a).is_some_and(|x| x.first == self.k + 1))
        {
            let arg = &doc.args[a];
            if arg.prep.is_none()
                && arg.cases.contains(&G::Ablt)
                && !arg.cases.contains(&G::Nomn)
                && self.usable(a)
            {
                return vec![a];
            }
        }
        Vec::new()
    }

    /// The subject of verb `v`: its `nsubj` (the antecedent of "который", a pronoun's
    /// person, "обе стороны" the document's two states); a passive verb's instrumental
    /// agent; with none, the subject of the verb `v` depends on as an infinitive, a gerund
    /// or a conjunct; an active participle's noun.
    fn subject_of(&self, v: usize, depth: usize) -> Actor {
        let (doc, t) = (self.doc, &self.doc.tree);
        if depth > 6 {
            return Actor::default();
        }
        let passive = t.children(v).iter().any(|&c| t.rel(c) == "nsubj:pass")
            || (depth == 0 && self.hit.passive);
        if passive {
            let agent = self.parties(self.slot_nodes(v, &Slot::Bare(Case::Ablt)));
            if !agent.is_empty() {
                return Actor::of_args(doc, agent);
            }
        }
        for s in t
            .children_in(v, &["nsubj"])
            .filter(|&c| t.rel(c) != "nsubj:pass")
        {
            let w = doc.keys[s].as_str();
            if w.starts_with("котор") {
                // "X, который выделил …": the noun the clause is about
                if let Some(h) = t.head(v) {
                    let a = self.parties([h]);
                    if !a.is_empty() {
                        return Actor::of_args(doc, a);
                    }
                }
                continue;
            }
            if let Some(p) = self.pronoun_actor(s) {
                return Actor::of(p);
            }
            let a = self.parties([s]);
            if !a.is_empty() {
                return Actor::of_args(doc, a);
            }
            let both = self.both_states(s);
            if !both.is_empty() {
                return Actor::of(both);
            }
        }
        if depth == 0 && self.hit.first_person {
            return Actor::of(self.speakers_state());
        }
        // a noun of intent: "решение Великобритании отменить эмбарго" — its genitive. The
        // parser may hang the noun below the infinitive ("в свете решения X отменить"):
        // then it is one of the infinitive's dependents just before it.
        let intent = match (t.base_rel(v), t.head(v)) {
            ("acl" | "xcomp" | "nmod", Some(h)) if self.is_intent_noun(h) => Some(h),
            _ if doc.is_verb(v) => (v.saturating_sub(6)..v)
                .rev()
                .find(|&n| self.is_intent_noun(n) && t.ancestors(n).any(|a| a == v)),
            _ => None,
        };
        if let Some(h) = intent {
            let own = self.parties(self.slot_nodes(h, &Slot::Bare(Case::Gent)));
            if !own.is_empty() {
                return Actor::of_args(doc, own);
            }
            // "приняли решение отменить": the one who decided
            if let Some(g) = t.head(h).filter(|&g| doc.is_verb(g)) {
                return self.subject_of(g, depth + 1);
            }
        }
        if t.children_in(v, &["nsubj"]).next().is_none() && self.doc.is_verb(v) {
            if let Some(n) = self.stray(v, Case::Nomn, true) {
                return Actor::of_args(doc, self.parties([n]));
            }
        }
        // "призвал Грузию отменить", "предложил Ирану отказаться": a verb with an object and
        // an infinitive gives the infinitive its object as the subject
        let controller = match (t.base_rel(v), t.head(v)) {
            ("xcomp", Some(h)) if doc.is_verb(h) => self.controller(h),
            _ => None,
        };
        if let Some(c) = controller {
            return Actor::of_args(doc, c);
        }
        match (t.base_rel(v), t.head(v)) {
            // "намерены посетить", "потребовав погасить", "осудила и пригрозила"
            ("xcomp" | "advcl" | "conj" | "ccomp", Some(h)) if doc.is_verb(h) => {
                self.subject_of(h, depth + 1)
            }
            // "посетит Брюссель, где проведет переговоры": a clause of place or time on a
            // noun goes on with the subject of the verb that noun depends on
            ("acl", Some(h))
                if t.children(v).iter().any(|&c| {
                    matches!(doc.keys[c].as_str(), "где" | "куда" | "откуда" | "когда")
                }) =>
            {
                match t.head(h).filter(|&g| doc.is_verb(g)) {
                    Some(g) => self.subject_of(g, depth + 1),
                    None => Actor::default(),
                }
            }
            // an active participle's noun: "страна, выделившая кредит"
            ("acl", Some(h)) if !passive => Actor::of_args(doc, self.parties([h])),
            _ => Actor::default(),
        }
    }

    /// Whether the trigger is what a verb of asking asks for: its infinitive ("призвал
    /// [отменить]") or its clause with "чтобы".
    fn is_asked_for(&self) -> bool {
        let (doc, t) = (self.doc, &self.doc.tree);
        let Some(h) = t.head(self.k) else {
            return false;
        };
        let asking = doc.lemma(h).is_some_and(|l| has(&cues().requesting, l));
        asking
            && match t.base_rel(self.k) {
                "xcomp" => true,
                "ccomp" => t
                    .children_in(self.k, &["mark"])
                    .any(|m| doc.keys[m] == "чтобы"),
                _ => false,
            }
    }

    /// The parties of verb `h`'s object, or of its dative: who is to do what an infinitive
    /// under `h` says ("призвал [Грузию] отменить", "предложил [Ирану] отказаться").
    fn controller(&self, h: usize) -> Option<Vec<usize>> {
        let by_object = self.parties(self.slot_nodes(h, &Slot::Obj));
        let found = if by_object.is_empty() {
            self.parties(self.slot_nodes(h, &Slot::Bare(Case::Datv)))
        } else {
            by_object
        };
        (!found.is_empty()).then_some(found)
    }

    /// The other of the two states the document is about, for an actor of one of them, in
    /// a sentence that names no third state: "Кан пообещал настаивать …" in a text about
    /// Japan and Russia is about Russia.
    fn other_state_in_play(&self, actor: &[usize]) -> Option<usize> {
        let doc = self.doc;
        let pair = doc.in_play.as_ref()?;
        let mine = actor
            .iter()
            .map(|&a| doc.entities[a].country.as_deref())
            .collect::<Option<Vec<&str>>>()?;
        let own = *mine.first()?;
        if !mine.iter().all(|&c| c == own) || !pair.iter().any(|c| c == own) {
            return None;
        }
        let other = pair.iter().find(|c| *c != own)?;
        let from = doc.args.partition_point(|a| a.first < self.sentence.start);
        let third = doc.args[from..]
            .iter()
            .take_while(|a| a.first < self.sentence.end)
            .filter_map(|a| doc.entities[a.entity].country.as_deref())
            .any(|c| !pair.iter().any(|p| p == c));
        if third {
            return None;
        }
        // the state itself, else whoever of it the document names most
        doc.entities
            .iter()
            .position(|e| e.kind == EntityKind::Gpe && e.country.as_ref() == Some(other))
            .or_else(|| {
                (0..doc.entities.len())
                    .filter(|&i| doc.entities[i].country.as_ref() == Some(other))
                    .max_by_key(|&i| doc.entities[i].mentions.len())
            })
    }

    /// How far token `j` stands from the trigger's own clause: 0 within it; 1 in a
    /// participle's phrase on another noun ("помощь, объявленную в прошлом году"), which
    /// the parser often hangs wrongly; 2 in a clause of its own — relative ("который в
    /// прошлом году выделил"), adverbial, complement. A participle's phrase on the trigger
    /// ("состоявшегося в пятницу визита") is its own clause. `holds_trigger`: the trigger and
    /// its ancestors.
    fn clause_distance(&self, j: usize, holds_trigger: &[usize]) -> u8 {
        let (doc, t) = (self.doc, &self.doc.tree);
        let mut far = 0;
        for n in std::iter::once(j).chain(t.ancestors(j)) {
            if holds_trigger.contains(&n) {
                break;
            }
            let relative = t.base_rel(n) == "acl"
                && t.children(n)
                    .iter()
                    .any(|&c| doc.keys[c].starts_with("котор"));
            if relative || matches!(t.base_rel(n), "advcl" | "ccomp" | "csubj" | "parataxis") {
                return 2;
            }
            if t.base_rel(n) == "acl" && t.head(n) != Some(self.k) {
                far = 1;
            }
        }
        far
    }

    /// Whether the noun trigger shares its actor with the verb `h` it depends on: not when
    /// it is the verb's subject, nor the object of a verb other than a light one ("осудил
    /// [визит]").
    fn shares_actor_with(&self, h: usize) -> bool {
        match self.doc.tree.base_rel(self.k) {
            // the noun is the verb's subject: "учения укрепляют …" has no other actor
            "nsubj" => return false,
            "obj" => {}
            _ => return true,
        }
        self.doc
            .lemma(h)
            .is_some_and(|l| has(&cues().light_verbs, l))
    }

    /// Whether token `n` is a noun of intent ("решение", "готовность").
    fn is_intent_noun(&self, n: usize) -> bool {
        self.doc
            .lemma(n)
            .is_some_and(|l| has(&cues().intent_nouns, l))
    }

    /// The person a pronoun subject stands for: "он"/"она" the last person named, "я" the
    /// speaker, "мы" the speaker's state.
    fn pronoun_actor(&self, s: usize) -> Option<Vec<usize>> {
        match self.doc.keys[s].as_str() {
            "он" | "она" => Some(self.setting.last_person.into_iter().collect()),
            "я" => Some(self.setting.speaker.into_iter().collect()),
            "мы" => Some(self.speakers_state()),
            _ => None,
        }
    }

    /// The speaker's state, or the speaker where the document names no state of theirs.
    fn speakers_state(&self) -> Vec<usize> {
        let doc = self.doc;
        match self.setting.speaker {
            Some(sp) => {
                let country = doc.entities[sp].country.clone();
                let state = doc.entities.iter().position(|e| {
                    e.kind == EntityKind::Gpe && e.country.is_some() && e.country == country
                });
                vec![state.unwrap_or(sp)]
            }
            None => Vec::new(),
        }
    }

    /// "обе страны", "стороны": the document's two states.
    fn both_states(&self, s: usize) -> Vec<usize> {
        let doc = self.doc;
        let words: Vec<&str> = std::iter::once(s)
            .chain(doc.tree.children(s).iter().copied())
            .map(|j| doc.keys[j].as_str())
            .collect();
        let c = cues();
        let named = c.both_states.iter().any(|p| {
            let ws: Vec<&str> = p.split(' ').collect();
            ws.iter().all(|w| words.contains(w))
        });
        if named || matches!(doc.keys[s].as_str(), "стороны") {
            two_states(doc)
        } else {
            Vec::new()
        }
    }

    // ------------------------------------------------------------------ 3. recipients

    /// The recipients by the frame's slots, among the trigger's dependents and, for a noun
    /// that is a light verb's object ("провел переговоры с X"), the verb's; every conjunct of
    /// each. The place: a place the trigger's "в"/"на" names, whose state a visit is to;
    /// else a place in "в"/"на" anywhere in the sentence.
    pub(crate) fn find_recipients_and_place(&self, actor: &Actor) -> (Vec<usize>, Option<usize>) {
        let (doc, t, p) = (self.doc, &self.doc.tree, self.frame);
        // where the recipient may hang: the trigger; the light verb a noun is the object of
        // ("провел переговоры [с X]"); the word the frame needs ("ввести санкции [против
        // X]", "нанести удар [по X]")
        let mut heads = vec![self.k];
        if !self.hit.verbal {
            if let Some(h) = t.head(self.k).filter(|&h| doc.is_verb(h)) {
                // (a noun that is its verb's subject shares nothing with it)
                if t.base_rel(self.k) == "obj" && self.shares_actor_with(h) {
                    heads.push(h);
                }
            }
        }
        let needed = self.needed_words();
        for &n in &needed {
            // the word, and what it bears on, two nouns down: "эмбарго на поставки оружия
            // [в Азербайджан]"
            let mut scope = vec![n];
            let mut frontier = vec![n];
            for _ in 0..2 {
                frontier = frontier
                    .iter()
                    .flat_map(|&m| t.children_in(m, &["nmod"]))
                    .collect();
                scope.extend(&frontier);
            }
            for m in scope {
                heads.push(m);
                // a clause describing it: "эмбарго, применявшееся [к Азербайджану]"
                heads.extend(t.children_in(m, &["acl"]));
            }
        }
        let mut recipient: Vec<usize> = Vec::new();
        let mut location: Option<usize> = None;
        // a place where the frame wants a recipient: a city standing for its state
        let mut slot_place: Option<usize> = None;
        let taken = |a: usize, recipient: &[usize]| {
            actor.args.contains(&a)
                || actor.entities.contains(&doc.args[a].entity)
                || recipient.contains(&doc.args[a].entity)
        };
        for slot in p.recipient_slots() {
            let mut nodes: Vec<usize> = heads
                .iter()
                .flat_map(|&h| self.slot_nodes(h, &slot))
                .collect();
            // a verb's recipient in its object's genitive: "отклонил предложение [Москвы]"
            if self.hit.verbal && slot == Slot::Bare(Case::Gent) {
                let objects: Vec<usize> = t.children_in(self.k, &["obj"]).collect();
                nodes.extend(objects.iter().flat_map(|&o| self.slot_nodes(o, &slot)));
            }
            // a deed in the slot stands for its doer: "осудил визит [президента России]",
            // "протест против действий [Москвы]", "поддержал инициативу [Баку]"
            let deeds: Vec<usize> = nodes
                .iter()
                .copied()
                .filter(|&n| self.args_of(n).is_empty() && !doc.is_verb(n))
                .collect();
            for d in deeds {
                // its genitive, or one the parser hung a noun lower ("визит на острова
                // [президента России]")
                let mut doers = self.slot_nodes(d, &Slot::Bare(Case::Gent));
                if doers.is_empty() {
                    doers = t
                        .children_in(d, &["nmod"])
                        .flat_map(|m| self.slot_nodes(m, &Slot::Bare(Case::Gent)))
                        .collect();
                }
                nodes.extend(doers);
                nodes.extend(t.children_in(d, &["amod"]));
            }
            for node in nodes {
                for a in self.args_of(node) {
                    let arg = &doc.args[a];
                    if arg.kind == EntityKind::Loc {
                        // "визит в Баку", "посетила Баку"; "отозвать посла из Кишинева"
                        if location.is_none() {
                            location = Some(arg.entity);
                        }
                        slot_place.get_or_insert(arg.entity);
                        continue;
                    }
                    if self.usable(a) && !taken(a, &recipient) {
                        recipient.push(arg.entity);
                    }
                }
            }
            if !recipient.is_empty() {
                break;
            }
        }
        // a noun with an agent in the instrumental acts on its genitive: "поддержка
        // Турцией [Азербайджана]", "признание Россией [Абхазии]"
        if recipient.is_empty() && !self.hit.verbal {
            let by_ablt = self.agent_in_instrumental();
            if !by_ablt.is_empty() && by_ablt.iter().all(|a| actor.args.contains(a)) {
                for a in self.parties(self.slot_nodes(self.k, &Slot::Bare(Case::Gent))) {
                    if !taken(a, &recipient) {
                        recipient.push(doc.args[a].entity);
                    }
                }
            }
        }
        if location.is_none() {
            location = self.place_in_sentence();
        }
        let stands_for_state = if p.place == "destination" {
            location
        } else {
            slot_place
        };
        if recipient.is_empty() {
            if let Some(l) = stands_for_state {
                let country = doc.entities[l].country.clone();
                match doc.entities.iter().position(|e| {
                    e.kind == EntityKind::Gpe && country.is_some() && e.country == country
                }) {
                    Some(st) if !actor.entities.contains(&st) => recipient.push(st),
                    Some(_) => {}
                    // the state is never named ("визит в Баку"): the place stands for it,
                    // and its country code gives the dyad
                    None if country.is_some() => recipient.push(l),
                    None => {}
                }
            }
        }
        (recipient, location)
    }

    /// A place in "в"/"на" nearest the trigger in the tree.
    fn place_in_sentence(&self) -> Option<usize> {
        let (doc, t) = (self.doc, &self.doc.tree);
        self.sentence
            .clone()
            .filter_map(|j| {
                let a = doc.arg_covering(j)?;
                let arg = &doc.args[a];
                let into = t
                    .case_markers(j)
                    .iter()
                    .any(|m| m.len() == 1 && matches!(doc.keys[m[0]].as_str(), "в" | "во" | "на"));
                (arg.kind == EntityKind::Loc && into)
                    .then(|| (t.distance(self.k, j).unwrap_or(usize::MAX), arg.entity))
            })
            .min()
            .map(|(_, e)| e)
    }

    /// The recipients of the kinds the frame wants, where it names kinds ("принял министра"
    /// is a meeting, "принял закон" is not); None when none is left.
    fn of_wanted_kinds(&self, mut recipient: Vec<usize>) -> Option<Vec<usize>> {
        let kinds = &self.frame.recipient_kinds;
        if kinds.is_empty() {
            return Some(recipient);
        }
        recipient.retain(|&r| {
            let kind = self.doc.entities[r].kind.as_str();
            kinds.iter().any(|k| k == kind)
        });
        (!recipient.is_empty()).then_some(recipient)
    }

    /// A statement is an event when an official speaks (states and their officials make
    /// statements that analysts code; experts comment), not in the first person, about
    /// someone other than the speaker's own state: the recipient found, or else the first
    /// party of another state in what was said. None when it is no event.
    pub(crate) fn statement_target(
        &self,
        actor: &[usize],
        mut recipient: Vec<usize>,
    ) -> Option<Vec<usize>> {
        let (doc, t) = (self.doc, &self.doc.tree);
        let c = cues();
        let own: Vec<Option<&String>> = actor
            .iter()
            .map(|&a| doc.entities[a].country.as_ref())
            .collect();
        let official = actor.iter().all(|&a| {
            let e = &doc.entities[a];
            e.kind == EntityKind::Gpe
                || e.sector
                    .as_deref()
                    .is_some_and(|s| has(&c.official_sectors, s))
        });
        if recipient.is_empty() {
            // what was said: the trigger's complement clause or object, or what it was about
            // ("рассказал [о] …"); not where it was said ("в интервью Report")
            let about = |n: usize| {
                t.case_markers(n)
                    .iter()
                    .any(|m| matches!(doc.keys[m[0]].as_str(), "о" | "об" | "про" | "относительно"))
            };
            let said = t
                .children_in(self.k, &["ccomp", "obj", "obl", "parataxis"])
                .filter(|&n| t.base_rel(n) != "obl" || about(n));
            let mut nodes = t.descendants(said, 200);
            nodes.sort_unstable();
            // STATEMENT is what fits no other type: what was said that names an event of
            // its own ("заявил, что визит «вызывает сожаление»", "сообщил, что будет вести
            // переговоры") is coded as that event, if it is read at all
            let tells_an_event = nodes.iter().any(|&n| {
                doc.model.hits.get(&doc.keys[n]).is_some_and(|hits| {
                    hits.iter()
                        .any(|h| doc.model.patterns[h.pattern].kind != "STATEMENT")
                })
            });
            if tells_an_event {
                return None;
            }
            recipient = nodes
                .into_iter()
                .filter_map(|j| doc.arg_covering(j))
                .filter(|&a| {
                    let arg = &doc.args[a];
                    !arg.in_title
                        && matches!(
                            arg.kind,
                            EntityKind::Gpe | EntityKind::Org | EntityKind::Per
                        )
                        && !own.contains(&doc.entities[arg.entity].country.as_ref())
                        && !actor.contains(&arg.entity)
                })
                .map(|a| doc.args[a].entity)
                .take(1)
                .collect();
        }
        if recipient.is_empty() || !official || self.hit.first_person {
            return None;
        }
        Some(recipient)
    }

    // ------------------------------------------------------------------ 4. when, how

    /// The date nearest the trigger in the tree (then in the text): its value, precision
    /// and byte span. "на следующий день" is the day after the last dated event, or nothing.
    pub(crate) fn event_date(&self) -> EventDate {
        let (k, t) = (self.k, &self.doc.tree);
        // the date's own head: its token whose head lies outside it
        let head_of = |d: &dates::DateExpr| {
            (d.tokens.0..d.tokens.1)
                .find(|&j| t.head(j).is_none_or(|h| h < d.tokens.0 || h >= d.tokens.1))
                .unwrap_or(d.tokens.0)
        };
        let holds_trigger: Vec<usize> = std::iter::once(k).chain(t.ancestors(k)).collect();
        let date = self
            .setting
            .dates
            .iter()
            .map(|d| {
                let head = head_of(d);
                (d, head, self.clause_distance(head, &holds_trigger))
            })
            .filter(|&(_, _, far)| far < 2)
            .min_by_key(|&(d, head, far)| {
                let in_tree = t.distance(k, head).unwrap_or(usize::MAX / 2);
                (
                    far,
                    in_tree,
                    (d.tokens.0 as isize - k as isize).unsigned_abs(),
                )
            })
            .map(|(d, _, _)| d);
        let Some(d) = date else {
            return (None, None, None, None);
        };
        let text = Some(span(self.doc, d.tokens));
        match d.after_event {
            Some(days) => {
                // "накануне" before anything is dated: the day before the publication
                let anchor = match (self.setting.last_event_date, days < 0) {
                    (Some(x), _) => Some(x),
                    (None, true) => self.setting.published,
                    (None, false) => None,
                };
                match anchor.and_then(|x| x.checked_add_signed(Duration::days(days))) {
                    Some(x) => (
                        Some(x.format("%Y-%m-%d").to_string()),
                        Some(Precision::Day),
                        text,
                        Some(DateFrom::Relative),
                    ),
                    None => (None, None, None, None),
                }
            }
            None => {
                let from = if d.relative {
                    DateFrom::Relative
                } else {
                    DateFrom::Text
                };
                (Some(d.value()), Some(d.precision()), text, Some(from))
            }
        }
    }

    /// The words that say in which mode the trigger's event is: the trigger's own
    /// dependents, and, for an infinitive or a light verb's noun, the verb it depends on
    /// and that verb's dependents.
    fn mode_words(&self) -> (Vec<usize>, Option<usize>) {
        let t = &self.doc.tree;
        let mut words: Vec<usize> = t.children(self.k).to_vec();
        let governor = t.head(self.k).filter(|_| {
            matches!(t.base_rel(self.k), "xcomp" | "obj" | "nsubj" | "csubj")
                || (!self.hit.verbal && t.base_rel(self.k) == "obl")
        });
        // the governor's own words count for a noun ("не провели переговоров") and for a verb
        // of intent or possibility ("не намерен посетить", "хотел бы посетить"), not for any
        // verb the parser hangs an infinitive on ("как бы вы охарактеризовали решение X
        // отменить")
        let c = cues();
        let modal = |h: usize| {
            self.doc
                .lemma(h)
                .is_some_and(|l| has(&c.future, l) || has(&c.hypothetical, l))
        };
        if let Some(h) = governor.filter(|&h| !self.hit.verbal || modal(h)) {
            words.extend(t.children(h).iter().copied().filter(|&c| c != self.k));
        }
        (words, governor)
    }

    /// The aux mode: negated ("не посетит", "не состоялись переговоры"), else future (a
    /// future verb, a future light verb, "будет", an intent: "намерен посетить",
    /// "предстоящий визит"), else hypothetical ("может посетить", "бы").
    pub(crate) fn aux_of(&self) -> Option<Aux> {
        let doc = self.doc;
        let c = cues();
        let (words, governor) = self.mode_words();
        let negated = words.iter().any(|&j| doc.keys[j] == "не");
        let future_form = |j: usize| doc.model.facts(doc.morph, &doc.keys[j]).future_verb;
        let future = self.hit.future
            || governor
                .is_some_and(|h| future_form(h) || doc.lemma(h).is_some_and(|l| has(&c.future, l)))
            || words.iter().any(|&j| {
                doc.lemma(j).is_some_and(|l| has(&c.future, l))
                    || (doc.lemma(j) == Some(c.future_auxiliary.as_str()) && future_form(j))
            });
        let hypothetical = governor
            .is_some_and(|h| doc.lemma(h).is_some_and(|l| has(&c.hypothetical, l)))
            || words.iter().any(|&j| {
                has(&c.hypothetical_after, &doc.keys[j])
                    || doc.lemma(j).is_some_and(|l| has(&c.hypothetical, l))
            });
        if negated {
            Some(Aux::Negated)
        } else if future {
            Some(Aux::Future)
        } else if hypothetical {
            Some(Aux::Hypothetical)
        } else {
            None
        }
    }

    /// The frame's contexts, and those its context words in the sentence add ("оружие" →
    /// military).
    pub(crate) fn contexts_of(&self) -> Vec<String> {
        let p = self.frame;
        let mut contexts = p.contexts.clone();
        for j in self.sentence.clone() {
            if let Some(c) = self.doc.lemma(j).and_then(|l| p.context_words.get(l)) {
                if !contexts.contains(c) {
                    contexts.push(c.clone());
                }
            }
        }
        contexts
    }
}
