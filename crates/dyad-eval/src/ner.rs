//! Named-entity scoring on factRuEval-2016, the way the naeval project scores Natasha,
//! DeepPavlov, spaCy and Stanza (see `factru-2016/FORMAT.md`).
//!
//! Gold spans come from `.objects` over `.spans`: a Person is one PER span from its first
//! to its last character; an Org gives an ORG span per `org_name` span; a Location or LocOrg
//! a LOC span per `loc_name` span; Project and Facility are dropped. Overlaps are resolved
//! earliest-then-longest, and spans off the token grid are dropped. Gold and predicted spans
//! become one tag per gold token (IO), and precision/recall/F1 are counted over tokens per
//! type; exact-span scores (same start, end and type) are reported beside them.

use crate::factru::{list_docs, read_doc, FactRuDoc};
use crate::score::Prf;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::Path;

/// The three types naeval scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerType {
    Per,
    Loc,
    Org,
}

impl NerType {
    pub const ALL: [NerType; 3] = [NerType::Per, NerType::Loc, NerType::Org];

    pub fn name(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Loc => "LOC",
            NerType::Org => "ORG",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// An entity span in character offsets of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    pub kind: NerType,
}

/// Scores per type, over tokens (IO tags) and over exact spans.
#[derive(Debug, Clone, Default)]
pub struct NerScores {
    pub tokens: [Prf; 3],
    pub exact: [Prf; 3],
    pub documents: usize,
}

impl NerScores {
    pub fn token(&self, t: NerType) -> Prf {
        self.tokens[t.index()]
    }
    pub fn exact(&self, t: NerType) -> Prf {
        self.exact[t.index()]
    }
}

struct RawSpan {
    kind: String,
    start: usize,
    len: usize,
}

/// `.spans`: `id type start length first_token n_tokens # …`
fn read_spans(text: &str) -> HashMap<String, RawSpan> {
    text.lines()
        .filter_map(|l| {
            let head = l.split('#').next()?;
            let f: Vec<&str> = head.split_whitespace().collect();
            if f.len() < 4 {
                return None;
            }
            Some((
                f[0].to_string(),
                RawSpan {
                    kind: f[1].to_string(),
                    start: f[2].parse().ok()?,
                    len: f[3].parse().ok()?,
                },
            ))
        })
        .collect()
}

/// Gold PER/LOC/ORG spans of one document, resolved and aligned as naeval does.
pub fn gold_spans(dir: &Path, doc: &FactRuDoc) -> Result<Vec<NerSpan>> {
    let spans_path = dir.join(format!("{}.spans", doc.name));
    let objects_path = dir.join(format!("{}.objects", doc.name));
    let spans = read_spans(
        &std::fs::read_to_string(&spans_path)
            .with_context(|| format!("reading {}", spans_path.display()))?,
    );
    let objects = std::fs::read_to_string(&objects_path)
        .with_context(|| format!("reading {}", objects_path.display()))?;
    let mut out = Vec::new();
    for line in objects.lines() {
        let head = line.split('#').next().unwrap_or("");
        let f: Vec<&str> = head.split_whitespace().collect();
        if f.len() < 3 {
            continue;
        }
        let parts: Vec<&RawSpan> = f[2..].iter().filter_map(|id| spans.get(*id)).collect();
        match f[1] {
            "Person" => {
                if let (Some(s), Some(e)) = (
                    parts.iter().map(|p| p.start).min(),
                    parts.iter().map(|p| p.start + p.len).max(),
                ) {
                    out.push(NerSpan {
                        start: s,
                        end: e,
                        kind: NerType::Per,
                    });
                }
            }
            "Org" => out.extend(
                parts
                    .iter()
                    .filter(|p| p.kind == "org_name")
                    .map(|p| NerSpan {
                        start: p.start,
                        end: p.start + p.len,
                        kind: NerType::Org,
                    }),
            ),
            "Location" | "LocOrg" => out.extend(parts.iter().filter(|p| p.kind == "loc_name").map(
                |p| NerSpan {
                    start: p.start,
                    end: p.start + p.len,
                    kind: NerType::Loc,
                },
            )),
            _ => {}
        }
    }
    Ok(align(resolve_overlaps(out), doc))
}

/// Keeps, of overlapping spans, the earliest and then the longest.
pub fn resolve_overlaps(mut spans: Vec<NerSpan>) -> Vec<NerSpan> {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.kind));
    spans.dedup_by_key(|s| (s.start, s.end));
    let mut kept: Vec<NerSpan> = Vec::new();
    for s in spans {
        if kept.last().is_none_or(|k| k.end <= s.start) {
            kept.push(s);
        }
    }
    kept
}

/// Drops spans that do not start and end on token boundaries.
fn align(spans: Vec<NerSpan>, doc: &FactRuDoc) -> Vec<NerSpan> {
    let starts: std::collections::HashSet<usize> = doc.tokens.iter().map(|t| t.start).collect();
    let ends: std::collections::HashSet<usize> =
        doc.tokens.iter().map(|t| t.start + t.len).collect();
    spans
        .into_iter()
        .filter(|s| starts.contains(&s.start) && ends.contains(&s.end))
        .collect()
}

/// The IO tag of each gold token: the type of the span that contains it.
fn token_tags(doc: &FactRuDoc, spans: &[NerSpan]) -> Vec<Option<NerType>> {
    doc.tokens
        .iter()
        .map(|t| {
            spans
                .iter()
                .find(|s| s.start <= t.start && t.start + t.len <= s.end)
                .map(|s| s.kind)
        })
        .collect()
}

/// Adds one document's comparison to `scores`.
pub fn score_document(
    doc: &FactRuDoc,
    gold: &[NerSpan],
    predicted: &[NerSpan],
    scores: &mut NerScores,
) {
    let predicted = resolve_overlaps(predicted.to_vec());
    let g = token_tags(doc, gold);
    let p = token_tags(doc, &predicted);
    for (gt, pt) in g.iter().zip(&p) {
        for t in NerType::ALL {
            let prf = &mut scores.tokens[t.index()];
            match (*gt == Some(t), *pt == Some(t)) {
                (true, true) => prf.tp += 1,
                (false, true) => prf.fp += 1,
                (true, false) => prf.fn_ += 1,
                _ => {}
            }
        }
    }
    for t in NerType::ALL {
        let gs: std::collections::HashSet<(usize, usize)> = gold
            .iter()
            .filter(|s| s.kind == t)
            .map(|s| (s.start, s.end))
            .collect();
        let ps: std::collections::HashSet<(usize, usize)> = predicted
            .iter()
            .filter(|s| s.kind == t)
            .map(|s| (s.start, s.end))
            .collect();
        let prf = &mut scores.exact[t.index()];
        let tp = gs.intersection(&ps).count();
        prf.tp += tp;
        prf.fp += ps.len() - tp;
        prf.fn_ += gs.len() - tp;
    }
    scores.documents += 1;
}

/// Scores `predict` (document → spans in character offsets of its text) over every
/// document of `dir`.
pub fn score_ner(
    dir: &Path,
    mut predict: impl FnMut(&FactRuDoc) -> Vec<NerSpan>,
) -> Result<NerScores> {
    let mut scores = NerScores::default();
    for name in list_docs(dir)? {
        if !dir.join(format!("{name}.objects")).exists() {
            continue;
        }
        let doc = read_doc(dir, &name)?;
        let gold = gold_spans(dir, &doc)?;
        let predicted = predict(&doc);
        score_document(&doc, &gold, &predicted, &mut scores);
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::factru::parse_tokens;

    fn doc(text: &str, tokens: &str) -> FactRuDoc {
        let (tokens, sentences) = parse_tokens(tokens).unwrap();
        FactRuDoc {
            name: "t".into(),
            text: text.into(),
            tokens,
            sentences,
        }
    }

    #[test]
    fn overlaps_keep_earliest_then_longest() {
        let s = |start, end, kind| NerSpan { start, end, kind };
        let r = resolve_overlaps(vec![
            s(5, 9, NerType::Loc),
            s(0, 9, NerType::Org),
            s(0, 4, NerType::Per),
            s(10, 12, NerType::Loc),
        ]);
        assert_eq!(r, vec![s(0, 9, NerType::Org), s(10, 12, NerType::Loc)]);
    }

    #[test]
    fn token_and_exact_scores() {
        // "Иван Петров посетил Баку"
        let d = doc(
            "Иван Петров посетил Баку",
            "1 0 4 Иван\n2 5 6 Петров\n3 12 7 посетил\n4 20 4 Баку\n",
        );
        let gold = vec![
            NerSpan {
                start: 0,
                end: 11,
                kind: NerType::Per,
            },
            NerSpan {
                start: 20,
                end: 24,
                kind: NerType::Loc,
            },
        ];
        let pred = vec![
            NerSpan {
                start: 5,
                end: 11,
                kind: NerType::Per,
            },
            NerSpan {
                start: 20,
                end: 24,
                kind: NerType::Org,
            },
        ];
        let mut s = NerScores::default();
        score_document(&d, &gold, &pred, &mut s);
        assert_eq!(
            (
                s.token(NerType::Per).tp,
                s.token(NerType::Per).fn_,
                s.token(NerType::Per).fp
            ),
            (1, 1, 0)
        );
        assert_eq!(
            (s.token(NerType::Loc).fn_, s.token(NerType::Org).fp),
            (1, 1)
        );
        assert_eq!(s.exact(NerType::Per).tp, 0);
        assert_eq!(s.exact(NerType::Per).fp, 1);
    }
}
