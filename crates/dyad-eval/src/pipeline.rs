//! dyad's pipeline on the evaluation sets: each scorer fed with what
//! [`Pipeline::analyze_text`] finds in the set's texts, in the scorer's terms, and each
//! report printed as `dyad eval` and `dyad segment` print it (`.ci/run` reads those lines).

use crate::coref::{CorefScores, PredictedEntity};
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
            .map(|e| PredictedEntity {
                mentions: e
                    .mentions
                    .iter()
                    .map(|&(s, e)| (offsets.char_of(s), offsets.char_of(e)))
                    .collect(),
                wikidata: e.wikidata,
            })
            .collect()
    })?;
    Ok(CorefReport(scores))
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
pub struct LinkReport(pub Prf);

pub fn links(pipeline: &Pipeline, dir: &Path) -> Result<LinkReport> {
    let prf = crate::nerel::score_linking(dir, |doc| {
        let offsets = CharOffsets::new(&doc.text);
        pipeline
            .analyze_text(&doc.text, None)
            .entities
            .iter()
            .filter_map(|e| Some((e.wikidata.clone()?, &e.mentions)))
            .flat_map(|(q, spans)| {
                spans
                    .iter()
                    .map(|&(s, e)| ((offsets.char_of(s), offsets.char_of(e)), q.clone()))
                    .collect::<Vec<_>>()
            })
            .collect()
    })?;
    Ok(LinkReport(prf))
}

impl fmt::Display for LinkReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "links {}", self.0)
    }
}

/// Facts on factRuEval's `.facts` layer: Occupation from the offices dyad reads, Meeting
/// from CONSULT events, Deal from AGREE/COOPERATE/AID events.
pub fn facts(pipeline: &Pipeline, dir: &Path) -> Result<FactScores> {
    crate::facts::score_facts(dir, |doc| {
        let analysis = pipeline.analyze_text(&doc.text, None);
        let offsets = CharOffsets::new(&doc.text);
        let chars = |(s, e): (usize, usize)| (offsets.char_of(s), offsets.char_of(e));
        let mut out = Vec::new();
        for e in &analysis.entities {
            for r in &e.roles {
                let mut args = vec![
                    ("Who".to_string(), chars(r.person)),
                    ("Position".to_string(), chars(r.title)),
                ];
                if let Some(o) = r.of {
                    args.push(("Where".to_string(), chars(o)));
                }
                out.push(PredictedFact {
                    kind: "Occupation".into(),
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
            let args = ev
                .actor
                .iter()
                .chain(&ev.recipient)
                .flat_map(|&i| analysis.entities[i].mentions.iter())
                .map(|&m| ("Participant".to_string(), chars(m)))
                .collect();
            out.push(PredictedFact {
                kind: kind.into(),
                args,
            });
        }
        out
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
