//! Attitudes: how one actor of a document stands towards another, from its events and from
//! the evaluative words of the sentences that name both (`data/evaluative.toml`).
//!
//! Analytical writing says more of relations than it tells events: "враждебная политика
//! Вашингтона в отношении Москвы" is no event, yet it says Washington is hostile to Moscow.
//! So, per sentence naming two actors or more:
//! - its tone is the sum of the weights of its evaluative words, a "не" or "без" right
//!   before a word turning it over; words inside a name ("Европейский союз") do not count;
//! - the source is the sentence's subject — its first name in the nominative with no
//!   preposition — or else its first name; every other actor named is a target;
//! - a state inside a person's title, and a person's own state, are no counterpart.
//!
//! Events add their score's sign, twice the weight of a sentence's tone: they say who did
//! what to whom. Per ordered pair the document's attitude is the sum; [`Attitude::score`]
//! keeps it, with the sentences behind it.

use super::{arguments, Aux, EntityKind, Event, EventModel, G};
use dyad_lang::Annotated;
use dyad_link::Entity;
use dyad_mentions::Language;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// How `source` stands towards `target` in one document (indices into its entities).
#[derive(Debug, Clone, PartialEq)]
pub struct Attitude {
    pub source: usize,
    pub target: usize,
    /// Positive: friendly; negative: hostile. Sums sentence tones and event signs.
    pub score: f64,
    /// Byte spans of the sentences and events behind it.
    pub evidence: Vec<(usize, usize)>,
}

#[derive(Deserialize)]
struct EvaluativeFile {
    word: Vec<EvaluativeGroup>,
}

#[derive(Deserialize)]
struct EvaluativeGroup {
    weight: f64,
    lemmas: Vec<String>,
}

/// Word form → weight, every form of `data/evaluative.toml`'s lemmas.
pub(crate) fn evaluative_forms(morph: &dyad_morph::Morph) -> HashMap<String, f64> {
    let file: EvaluativeFile = toml::from_str(include_str!("../data/evaluative.toml"))
        .expect("data/evaluative.toml parses");
    let mut out = HashMap::new();
    for g in &file.word {
        for l in &g.lemmas {
            for (form, _) in super::forms(morph, l) {
                out.entry(form).or_insert(g.weight);
            }
        }
    }
    out
}

/// Weight of an event's sign against one sentence's tone.
const EVENT_WEIGHT: f64 = 2.0;

/// The attitudes of a document, strongest first; pairs whose evidence cancels out are left
/// out.
pub fn attitudes(
    model: &EventModel,
    lang: &Language,
    annotated: &Annotated,
    entities: &[Entity],
    events: &[Event],
) -> Vec<Attitude> {
    let (seg, keys) = (&annotated.seg, &annotated.keys);
    // (source, target) → (sum, evidence spans)
    type Sums = BTreeMap<(usize, usize), (f64, Vec<(usize, usize)>)>;
    let mut sums: Sums = BTreeMap::new();
    let mut add = |a: usize, b: usize, v: f64, span: (usize, usize)| {
        let e = sums.entry((a, b)).or_default();
        e.0 += v;
        if !e.1.contains(&span) {
            e.1.push(span);
        }
    };
    if keys.iter().any(|k| model.evaluative.contains_key(k)) {
        let args = arguments(model, lang.morph(), seg, entities, keys);
        let mut in_name = vec![false; keys.len()];
        for a in &args {
            in_name[a.first..a.last].iter_mut().for_each(|x| *x = true);
        }
        let tones: Vec<f64> = seg
            .sentences
            .iter()
            .map(|range| {
                range
                    .clone()
                    .filter(|&k| !in_name[k])
                    .filter_map(|k| {
                        let w = *model.evaluative.get(&keys[k])?;
                        let turned =
                            k > range.start && matches!(keys[k - 1].as_str(), "не" | "без");
                        Some(if turned { -w } else { w })
                    })
                    .sum()
            })
            .collect();
        let mut from = 0;
        for (s, range) in seg.sentences.iter().enumerate() {
            let to = from + args[from..].partition_point(|a| a.sentence <= s);
            let here: Vec<&super::Arg> = args[from..to]
                .iter()
                .filter(|a| !a.in_title && a.kind != EntityKind::Loc)
                .collect();
            from = to;
            let distinct = |v: &[&super::Arg]| {
                let mut ids: Vec<usize> = v.iter().map(|a| a.entity).collect();
                ids.sort_unstable();
                ids.dedup();
                ids.len()
            };
            if distinct(&here) < 2 {
                continue;
            }
            let tone = tones[s];
            if tone == 0.0 {
                continue;
            }
            let first = here
                .iter()
                .position(|a| a.prep.is_none() && a.cases.contains(&G::Nomn))
                .unwrap_or(0);
            // "Россия и Иран поддерживают …": names coordinated with the subject are
            // subjects too, not its targets
            let mut subjects = vec![here[first].entity];
            for w in here[first..].windows(2) {
                // nested or overlapping names have no gap: not a list
                let gap = keys.get(w[0].last..w[1].first).unwrap_or_default();
                if w[1].prep.is_none()
                    && !gap.is_empty()
                    && gap.iter().all(|k| k == "и" || k == ",")
                {
                    subjects.push(w[1].entity);
                } else {
                    break;
                }
            }
            let span = (seg.tokens[range.start].start, seg.tokens[range.end - 1].end);
            for &src in &subjects {
                let mut seen = Vec::new();
                for a in &here {
                    let tgt = a.entity;
                    if subjects.contains(&tgt)
                        || seen.contains(&tgt)
                        || own_state(entities, src, tgt)
                    {
                        continue;
                    }
                    seen.push(tgt);
                    add(src, tgt, tone.signum(), span);
                }
            }
        }
    }
    for ev in events {
        // a negated or hypothetical event says nothing of the relation
        if ev.aux.is_some_and(|a| a != Aux::Future) || ev.score == 0.0 {
            continue;
        }
        let Some(&span) = ev.evidence.first() else {
            continue;
        };
        for &a in &ev.actor {
            for &t in &ev.recipient {
                if a != t && !own_state(entities, a, t) {
                    add(a, t, EVENT_WEIGHT * ev.score.signum(), span);
                }
            }
        }
    }
    let mut out: Vec<Attitude> = sums
        .into_iter()
        .filter(|(_, (v, _))| *v != 0.0)
        .map(|((source, target), (score, evidence))| Attitude {
            source,
            target,
            score,
            evidence,
        })
        .collect();
    out.sort_by(|a, b| b.score.abs().total_cmp(&a.score.abs()));
    out
}

/// A person and the state whose citizen or official they are, either way round.
fn own_state(entities: &[Entity], a: usize, b: usize) -> bool {
    let of = |p: &Entity, s: &Entity| {
        p.kind == EntityKind::Per
            && s.kind == EntityKind::Gpe
            && p.country.is_some()
            && p.country == s.country
    };
    of(&entities[a], &entities[b]) || of(&entities[b], &entities[a])
}
