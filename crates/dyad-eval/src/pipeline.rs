//! dyad's pipeline on the evaluation sets: each scorer fed with what
//! [`Pipeline::analyze_text`] finds in the set's texts, in the scorer's terms, and each
//! report printed as `dyad eval` and `dyad segment` print it (`.ci/run` reads those lines).

use crate::coref::{CorefScores, PredictedEntity};
use crate::events::{EventScores, Party, PartyCodes, PredictedEvent};
use crate::factru::{CharOffsets, SegmentationScores};
use crate::facts::{FactScores, PredictedFact};
use crate::ner::{NerScores, NerSpan, NerType};
use crate::nerel::{PredictedWork, WorksScores};
use crate::rusentrel::{AttitudeScores, Polarity};
use crate::score::Prf;
use anyhow::{Context, Result};
use dyad_core::Pipeline;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// Sentences and tokens against factRuEval's `.tokens` files.
pub struct SegmentationReport(pub SegmentationScores);

/// The tokens and sentences of the pipeline's annotated text (no models needed).
pub fn segmentation(dir: &Path) -> Result<SegmentationReport> {
    let pipeline = Pipeline::new();
    let scores = crate::factru::score_segmentation(dir, |text| {
        pipeline.analyze_text(text, None).annotated.seg
    })?;
    Ok(SegmentationReport(scores))
}

impl fmt::Display for SegmentationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, p) in [("tokens", self.0.tokens), ("sentences", self.0.sentences)] {
            writeln!(
                f,
                "{name:<9} P={:.4} R={:.4} F1={:.4}",
                p.precision(),
                p.recall(),
                p.f1()
            )?;
        }
        write!(f, "documents {}", self.0.documents)
    }
}

/// Named entities against factRuEval, scored as naeval scores them.
pub struct NerReport(pub NerScores);

/// dyad's mentions on factRuEval: people are PER, organisations ORG, places and states LOC
/// — except a seat of government (Кремль, Белый дом), which factRuEval annotates as the
/// organisation it stands for.
pub fn ner(pipeline: &Pipeline, dir: &Path) -> Result<NerReport> {
    use dyad_mentions::{gazetteer::Target, EntityKind};
    let scores = crate::ner::score_ner(dir, |doc| {
        let offsets = CharOffsets::new(&doc.text);
        let analysis = pipeline.analyze_text(&doc.text, None);
        analysis
            .mentions
            .iter()
            .map(|m| NerSpan {
                start: offsets.char_of(m.start),
                end: offsets.char_of(m.end),
                kind: match (m.kind, &m.target) {
                    (_, Some(Target::Seat(_))) => NerType::Org,
                    (EntityKind::Per, _) => NerType::Per,
                    (EntityKind::Org, _) => NerType::Org,
                    (EntityKind::Loc | EntityKind::Gpe, _) => NerType::Loc,
                },
            })
            .collect()
    })?;
    Ok(NerReport(scores))
}

/// Another system's spans on factRuEval, from JSON lines
/// `{"name": "book_100", "spans": [[start, end, "PER"], ...]}` (character offsets).
pub fn ner_predictions(dir: &Path, predictions: &Path) -> Result<NerReport> {
    let preds = read_predictions(predictions)?;
    let scores =
        crate::ner::score_ner(dir, |doc| preds.get(&doc.name).cloned().unwrap_or_default())?;
    Ok(NerReport(scores))
}

fn read_predictions(path: &Path) -> Result<HashMap<String, Vec<NerSpan>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = HashMap::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        let name = v["name"]
            .as_str()
            .with_context(|| format!("{}:{}: no name", path.display(), n + 1))?;
        let spans = v["spans"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| {
                        let kind = match s[2].as_str()? {
                            "PER" => NerType::Per,
                            "LOC" | "GPE" => NerType::Loc,
                            "ORG" => NerType::Org,
                            _ => return None,
                        };
                        Some(NerSpan {
                            start: s[0].as_u64()? as usize,
                            end: s[1].as_u64()? as usize,
                            kind,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.insert(name.to_string(), spans);
    }
    Ok(out)
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |f: &mut fmt::Formatter<'_>, name: String, p: Prf| {
            writeln!(
                f,
                "{name} P={:.3} R={:.3} F1={:.3}",
                p.precision(),
                p.recall(),
                p.f1()
            )
        };
        for t in NerType::ALL {
            line(f, t.name().to_string(), self.0.token(t))?;
        }
        for t in NerType::ALL {
            line(f, format!("{}-exact", t.name()), self.0.exact(t))?;
        }
        write!(f, "documents {}", self.0.documents)
    }
}

/// In-document coreference and identification against factRuEval's `.coref` layer.
pub struct CorefReport(pub CorefScores);

pub fn coref(pipeline: &Pipeline, dir: &Path) -> Result<CorefReport> {
    let scores = crate::coref::score_coref(dir, |doc| {
        let offsets = CharOffsets::new(&doc.text);
        pipeline
            .analyze_text(&doc.text, None)
            .entities
            .into_iter()
            // states named only by description ("российские власти") have no mention
            .filter(|e| !e.mentions.is_empty())
            .map(|e| PredictedEntity {
                mentions: offsets.char_spans(&e.mentions),
                wikidata: e.wikidata,
            })
            .collect()
    })?;
    Ok(CorefReport(scores))
}

/// Persons' names on the factRuEval texts against the `lastname` of the `.coref` records
/// ([`crate::names`]): each person dyad finds, with its canonical name.
pub fn names(pipeline: &Pipeline, dir: &Path) -> Result<crate::names::NameScores> {
    crate::names::score_names(dir, |doc| {
        let offsets = CharOffsets::new(&doc.text);
        pipeline
            .analyze_text(&doc.text, None)
            .entities
            .into_iter()
            .filter(|e| e.kind == dyad_mentions::EntityKind::Per && !e.mentions.is_empty())
            .map(|e| crate::names::PredictedPerson {
                mentions: offsets.char_spans(&e.mentions),
                surname: dictionary_surname(e.actor.as_deref()),
                name: e.name,
            })
            .collect()
    })
}

/// Whether a title of `titles.toml` is an office (not a profession or a rank).
fn is_office(words: &str) -> bool {
    dyad_actors::dictionary()
        .titles
        .iter()
        .any(|t| t.words == words && t.kind == "office")
}

/// The Wikidata item of a title of `titles.toml`, by its words.
fn title_wikidata(office: &str) -> Option<String> {
    dyad_actors::dictionary()
        .titles
        .iter()
        .find(|t| t.words == office)
        .and_then(|t| t.wikidata.clone())
}

/// The surname the dictionary gives person `actor`, where it holds one.
fn dictionary_surname(actor: Option<&str>) -> Option<String> {
    dyad_actors::dictionary()
        .person(actor?)
        .map(|p| p.surname.clone())
        .filter(|s| !s.is_empty())
}

impl fmt::Display for CorefReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        let line = |f: &mut fmt::Formatter<'_>, name: &str, p: Prf| {
            writeln!(
                f,
                "{name} P={:.3} R={:.3} F1={:.3}",
                p.precision(),
                p.recall(),
                p.f1()
            )
        };
        line(f, "mentions", s.mentions)?;
        line(f, "mentions-exact", s.mentions_exact)?;
        for (name, c) in [("MUC", &s.muc), ("B3", &s.b3)] {
            writeln!(
                f,
                "{name} P={:.3} R={:.3} F1={:.3}",
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        writeln!(f, "coref F1={:.3} (mean of MUC and B3)", s.coref_f1())?;
        line(f, "identification", s.identification)?;
        write!(
            f,
            "documents {} gold-entities {} gold-identified {}",
            s.documents, s.gold_entities, s.gold_identified
        )
    }
}

/// Person → office → organisation on NEREL, from the offices dyad reads in the text.
pub fn works(pipeline: &Pipeline, dir: &Path) -> Result<WorksScores> {
    crate::nerel::score_works(dir, |doc| {
        let offsets = CharOffsets::new(&doc.text);
        let chars = |(s, e): (usize, usize)| (offsets.char_of(s), offsets.char_of(e));
        let analysis = pipeline.analyze_text(&doc.text, None);
        analysis
            .entities
            .iter()
            .flat_map(|e| e.roles.iter())
            .chain(&analysis.standing_roles)
            .map(|r| PredictedWork {
                person: chars(r.person),
                profession: Some(chars(r.title)),
                organization: r.of.map(chars),
            })
            .collect()
    })
}

/// Wikidata links on NEREL.
pub struct LinkReport(pub crate::nerel::LinkScores);

pub fn links(pipeline: &Pipeline, dir: &Path) -> Result<LinkReport> {
    let prf = crate::nerel::score_linking(dir, |doc| {
        let offsets = CharOffsets::new(&doc.text);
        let chars = |(s, e): (usize, usize)| (offsets.char_of(s), offsets.char_of(e));
        let t = pipeline.analyze_text(&doc.text, None);
        let dict = dyad_actors::dictionary();
        // what a mention's words name: a capital standing for its state names the city
        // ("Лондон заявил" links London, the actor being the United Kingdom)
        let capital_at = |span: (usize, usize)| {
            t.mentions
                .iter()
                .find(|m| (m.start, m.end) == span)
                .and_then(|m| match &m.target {
                    Some(dyad_mentions::gazetteer::Target::Capital(c)) => Some(c.clone()),
                    _ => None,
                })
        };
        // the entities' names (not a title standing for a person: "президент заявил")
        let title_spans: std::collections::HashSet<(usize, usize)> = t
            .entities
            .iter()
            .flat_map(|e| &e.roles)
            .chain(&t.standing_roles)
            .map(|r| r.title)
            .collect();
        let names = t.entities.iter().flat_map(|e| {
            e.mentions
                .iter()
                .filter(|span| !title_spans.contains(span))
                .filter_map(|&span| {
                    let q = match capital_at(span) {
                        Some(c) => dict.state(&c)?.capital_wikidata.clone()?,
                        None => e.wikidata.clone()?,
                    };
                    Some((chars(span), q))
                })
                .collect::<Vec<_>>()
        });
        // the titles the text gives people, and those standing alone (professions)
        let titles = t
            .entities
            .iter()
            .flat_map(|e| &e.roles)
            .chain(&t.standing_roles)
            // an alias names the office more loosely ("глава" for "председатель")
            .filter(|r| !r.alias)
            .filter_map(|r| {
                let q = title_wikidata(r.office.as_deref()?)?;
                Some((chars(r.title), q))
            });
        // states named by description ("российская сторона", "американские власти") and
        // by the adjective of a person's office ("британский министр")
        let described = t.entities.iter().flat_map(|e| {
            let state_q = |c: &Option<String>| -> Option<String> {
                dict.state(c.as_deref()?)?.wikidata.clone()
            };
            let mut v: Vec<((usize, usize), String)> = Vec::new();
            // a description of two words or more: one word is a demonym ("американцы"),
            // which names the people, not the state
            if e.kind == dyad_mentions::EntityKind::Gpe {
                if let Some(q) = state_q(&e.country) {
                    v.extend(
                        e.descriptions
                            .iter()
                            .filter(|&&(a, b)| t.annotated.text[a..b].contains(' '))
                            .map(|&d| (chars(d), q.clone())),
                    );
                }
            }
            // the adjective of an office, not of a profession ("британский министр", not
            // "аргентинский писатель", which tells a nationality)
            if let Some(q) = state_q(&e.country) {
                let adjective_of = e
                    .roles
                    .iter()
                    .filter(|r| r.office.as_deref().is_some_and(is_office))
                    .filter_map(|r| r.of)
                    .filter(|of| !t.mentions.iter().any(|m| m.start <= of.0 && of.0 < m.end));
                v.extend(adjective_of.map(|of| (chars(of), q.clone())));
            }
            v
        });
        names.chain(titles).chain(described).collect()
    })?;
    Ok(LinkReport(prf))
}

impl fmt::Display for LinkReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kinds: Vec<_> = self.0.by_kind.iter().collect();
        kinds.sort_by_key(|(_, (_, n))| std::cmp::Reverse(*n));
        for (kind, (hit, n)) in kinds {
            writeln!(
                f,
                "  {kind:<18} {hit:>4} of {n:>4} gold links ({:.3})",
                *hit as f64 / (*n).max(1) as f64
            )?;
        }
        write!(f, "links {}", self.0.prf)
    }
}

/// Facts on factRuEval's `.facts` layer: Occupation from the offices dyad reads, Meeting
/// from CONSULT events, Deal from AGREE/COOPERATE/AID events. With `task3_out`, also writes
/// them as factRuEval-2016 task-3 responses, `book_N.task3` for every document of `dir`
/// (empty for a document with no `.facts` file, which the official scorer skips), for
/// `scripts/t3_eval.py -s DIR -t TASK3_OUT`.
pub fn facts(pipeline: &Pipeline, dir: &Path, task3_out: Option<&Path>) -> Result<FactScores> {
    if let Some(out) = task3_out {
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    }
    let write = |name: &str, facts: &[DyadFact]| -> Result<()> {
        let Some(out) = task3_out else {
            return Ok(());
        };
        let path = out.join(format!("{name}.task3"));
        std::fs::write(&path, task3_response(facts))
            .with_context(|| format!("writing {}", path.display()))
    };
    let mut written = std::collections::HashSet::new();
    let mut failed = None;
    let scores = crate::facts::score_facts(dir, |doc| {
        let analysis = pipeline.analyze_text(&doc.text, None);
        let facts = dyad_facts(&analysis, &doc.text);
        if let Err(e) = write(&doc.name, &facts) {
            failed.get_or_insert(e);
        }
        written.insert(doc.name.clone());
        facts.iter().map(DyadFact::predicted).collect()
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    if task3_out.is_some() {
        for name in crate::factru::list_docs(dir)? {
            if !written.contains(&name) {
                write(&name, &[])?;
            }
        }
    }
    Ok(scores)
}

/// A fact dyad predicts: its kind ("Occupation") and its arguments.
struct DyadFact {
    kind: &'static str,
    args: Vec<DyadArg>,
}

/// One argument: its role ("Who"), the character spans that stand for it (for the span
/// scorer) and the text that names it (for a task-3 response).
struct DyadArg {
    role: &'static str,
    spans: Vec<(usize, usize)>,
    text: String,
}

impl DyadFact {
    /// As the span scorer of [`crate::facts`] reads it: every span under its role.
    fn predicted(&self) -> PredictedFact {
        PredictedFact {
            kind: self.kind.into(),
            args: self
                .args
                .iter()
                .flat_map(|a| a.spans.iter().map(|&s| (a.role.to_string(), s)))
                .collect(),
        }
    }
}

/// The facts of an analysed text. Offices give Occupation (Who, Position, Where: the
/// person, the title and what it is of, as the text writes them); CONSULT events give
/// Meeting, AGREE, COOPERATE and AID events Deal, with a Participant for each party of
/// either side (every mention of it; named by its first mention as written).
fn dyad_facts(analysis: &dyad_core::TextAnalysis, text: &str) -> Vec<DyadFact> {
    let offsets = CharOffsets::new(text);
    let chars = |(s, e): (usize, usize)| (offsets.char_of(s), offsets.char_of(e));
    let arg = |role, span: (usize, usize)| DyadArg {
        role,
        spans: vec![chars(span)],
        text: text[span.0..span.1].to_string(),
    };
    let mut out = Vec::new();
    for e in &analysis.entities {
        for r in &e.roles {
            let mut args = vec![arg("Who", r.person), arg("Position", r.title)];
            if let Some(o) = r.of {
                args.push(arg("Where", o));
            }
            out.push(DyadFact {
                kind: "Occupation",
                args,
            });
        }
    }
    for ev in &analysis.events {
        let kind = match ev.kind.as_str() {
            "CONSULT" => "Meeting",
            "AGREE" | "COOPERATE" | "AID" => "Deal",
            _ => continue,
        };
        // a fact's participants are named where it is told; an implied recipient is not
        let told: &[usize] = if ev.recipient_implied {
            &[]
        } else {
            &ev.recipient
        };
        let args = ev
            .actor
            .iter()
            .chain(told)
            .map(|&i| &analysis.entities[i].mentions)
            .filter(|m| !m.is_empty())
            .map(|m| DyadArg {
                role: "Participant",
                spans: m.iter().map(|&s| chars(s)).collect(),
                text: text[m[0].0..m[0].1].to_string(),
            })
            .collect::<Vec<DyadArg>>();
        // a meeting or a deal has two sides named in the text
        if args.len() >= 2 {
            out.push(DyadFact { kind, args });
        }
    }
    out
}

/// A task-3 response file: facts separated by blank lines, each its kind, then one
/// `role : value` line an argument (lower case, as the official scorer's own responses).
/// The scorer splits a line at its one colon, so a value's colons and line breaks become
/// spaces. Facts repeating another (the same lines in any order) are written once.
fn task3_response(facts: &[DyadFact]) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for f in facts {
        let lines: Vec<String> = f
            .args
            .iter()
            .filter_map(|a| {
                let value = a.text.replace(':', " ");
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                (!value.is_empty()).then(|| format!("{} : {value}", a.role.to_lowercase()))
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        let mut key = lines.clone();
        key.sort();
        if !seen.insert((f.kind, key)) {
            continue;
        }
        out.push_str(&f.kind.to_lowercase());
        out.push('\n');
        for l in &lines {
            out.push_str(l);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Interstate events on the factRuEval texts against the hand-made gold of `gold`
/// (`../shared/bench/events-factru`), every document of `dir` scored ([`crate::events`]).
/// The texts carry no publication date, so none is given. Each party is named in the
/// gold's codes by [`PartyCodes`] (`data/event_parties.toml`).
pub fn events(pipeline: &Pipeline, dir: &Path, gold: &Path) -> Result<EventScores> {
    let gold = crate::events::read_gold(gold)?;
    let codes = PartyCodes::builtin();
    crate::events::score_events(dir, &gold, |doc| {
        let t = pipeline.analyze_text(&doc.text, None);
        let parties: Vec<Option<String>> = (0..t.entities.len())
            .map(|i| party_code(&codes, &t, i))
            .collect();
        let side = |ids: &[usize]| {
            let mut v: Vec<String> = ids.iter().filter_map(|&i| parties[i].clone()).collect();
            v.sort();
            v.dedup();
            v
        };
        t.events
            .iter()
            .map(|ev| PredictedEvent {
                kind: ev.kind.clone(),
                actor: side(&ev.actor),
                recipient: side(&ev.recipient),
                date: ev.date.clone(),
                evidence: ev
                    .evidence
                    .first()
                    .and_then(|&(a, b)| t.annotated.text.get(a..b))
                    .unwrap_or("")
                    .chars()
                    .take(160)
                    .collect(),
            })
            .collect()
    })
}

/// The gold's code of entity `i`: its organisation, or its state (a state, its capital or
/// seat, a person, an organ or a company of a state); for a person with neither, the
/// organisation that the text makes its office of ("генсек НАТО").
fn party_code(codes: &PartyCodes, t: &dyad_core::TextAnalysis, i: usize) -> Option<String> {
    let e = &t.entities[i];
    let office_of: Vec<&str> = e
        .roles
        .iter()
        .filter_map(|r| r.of)
        .filter_map(|of| {
            t.entities
                .iter()
                .find(|o| o.mentions.iter().any(|&m| m.0 < of.1 && of.0 < m.1))?
                .actor
                .as_deref()
        })
        .collect();
    codes.code(&Party {
        actor: e.actor.as_deref(),
        country: e.country.as_deref(),
        sector: e.sector.as_deref(),
        organisation: e.kind == dyad_mentions::EntityKind::Org,
        office_of: &office_of,
    })
}

/// Attitudes between entities on RuSentRel: each actor's attitude to another from the tone
/// of the sentences naming both and the signs of their events.
pub fn attitudes(pipeline: &Pipeline, dir: &Path) -> Result<AttitudeScores> {
    crate::rusentrel::score_attitudes(dir, |doc| {
        let analysis = pipeline.analyze_text(&doc.text, None);
        // its name, then the names the text gives it
        let names = |i: usize| {
            let e = &analysis.entities[i];
            let mut v = vec![e.name.clone()];
            v.extend(e.mentions.iter().map(|&(s, t)| doc.text[s..t].to_string()));
            v
        };
        pipeline
            .attitudes(&analysis)
            .into_iter()
            .map(|a| {
                let polarity = if a.score > 0.0 {
                    Polarity::Pos
                } else {
                    Polarity::Neg
                };
                (names(a.source), names(a.target), polarity)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(kind: &'static str, args: &[(&'static str, &str)]) -> DyadFact {
        DyadFact {
            kind,
            args: args
                .iter()
                .map(|&(role, text)| DyadArg {
                    role,
                    spans: vec![(0, 1)],
                    text: text.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn task3_response_format() {
        let facts = [
            fact(
                "Occupation",
                &[("Who", "Виторио\nСандали"), ("Position", "посол: глава")],
            ),
            fact(
                "Meeting",
                &[("Participant", "Путин"), ("Participant", "Обама")],
            ),
            // the same meeting, its parties the other way round
            fact(
                "Meeting",
                &[("Participant", "Обама"), ("Participant", "Путин")],
            ),
            // nothing to write
            fact("Deal", &[("Participant", " ")]),
        ];
        assert_eq!(
            task3_response(&facts),
            "occupation\nwho : Виторио Сандали\nposition : посол глава\n\n\
             meeting\nparticipant : Путин\nparticipant : Обама\n\n"
        );
        assert_eq!(task3_response(&[]), "");
    }
}

/// The persons dyad finds in the documents an events gold names, and those of them it
/// gives no state (issue #13's measure: an actor without a state is no party to an
/// interstate event). Whether such a person held a state office is for a reader to judge
/// from the list.
#[derive(Debug, Default)]
pub struct PersonStates {
    pub documents: usize,
    pub persons: usize,
    /// `doc: name (office)` of each person without a state, in document order.
    pub stateless: Vec<String>,
}

pub fn person_states(pipeline: &Pipeline, dir: &Path, gold: &Path) -> Result<PersonStates> {
    let gold = crate::events::read_gold(gold)?;
    let mut docs: Vec<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
    docs.sort();
    docs.dedup();
    let mut report = PersonStates {
        documents: docs.len(),
        ..Default::default()
    };
    for name in docs {
        let doc = crate::factru::read_doc(dir, name)?;
        let t = pipeline.analyze_text(&doc.text, None);
        for e in t
            .entities
            .iter()
            .filter(|e| e.kind == dyad_mentions::EntityKind::Per && !e.mentions.is_empty())
        {
            report.persons += 1;
            if e.country.is_none() {
                let office = e.office.as_deref().unwrap_or("");
                report
                    .stateless
                    .push(format!("{name}: {} ({office})", e.name));
            }
        }
    }
    Ok(report)
}

impl fmt::Display for PersonStates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {}, persons found {}, without a state {}",
            self.documents,
            self.persons,
            self.stateless.len()
        )?;
        writeln!(
            f,
            "persons stateless={:.3} ({} of {})",
            self.stateless.len() as f64 / self.persons.max(1) as f64,
            self.stateless.len(),
            self.persons
        )
    }
}
