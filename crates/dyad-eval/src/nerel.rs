//! NEREL 1.1 (brat standoff) reader, and scorers for the person → office → organisation
//! relations and for Wikidata links.
//!
//! A NEREL folder holds, per document, `N.txt` and `N.ann`. In `.ann`, offsets count
//! characters of the text:
//! - `T12\tPERSON 100 113\tИльхам Алиев` — an entity; a discontinuous one has
//!   `start end;start end`;
//! - `R3\tWORKS_AS Arg1:T12 Arg2:T15` — a relation;
//! - `N1\tReference T12 Wikidata:Q…\tname` — a Wikidata link; `Wikidata:NULL` says the
//!   entity has no item. Every entity of the linked types (PERSON, PROFESSION,
//!   ORGANIZATION, COUNTRY, CITY, …) carries one.
//!
//! Other lines (notes, attributes, events) are skipped, and so are lines that do not parse.
//!
//! **Works.** Gold units are the `WORKS_AS` relations (PERSON → PROFESSION) and the
//! `WORKPLACE` relations, whose first argument is a PERSON ("Обама → США") or a PROFESSION
//! ("президента → США") and whose second an ORGANIZATION, COUNTRY, STATE_OR_PROVINCE,
//! CITY, FACILITY, … (`annotation.conf`; all count). A prediction
//! `(person, profession, organization)` yields predicted pairs:
//! - `(person, profession)` — a WORKS_AS pair, when there is a profession;
//! - `(person, organization)` — a person-side WORKPLACE pair, when there is an
//!   organisation;
//! - `(profession, organization)` — a profession-side WORKPLACE pair, when there are both.
//!
//! A prediction whose `person` equals its `profession` has no named holder ("президент
//! США заявил"): it yields only the profession-side pair. A predicted pair matches a gold
//! relation of its kind when each of its spans overlaps the corresponding gold argument
//! (any fragment of it); pairs and gold relations are paired one to one (maximum matching),
//! after dropping duplicate predicted pairs. tp = pairs, fn = gold relations left, fp =
//! predicted pairs left — except a WORKPLACE pair that the gold implies through the office
//! without stating it, which is neither: person-side `(P, O)` where the gold has
//! `WORKS_AS(P, Q)` and `WORKPLACE(Q, O)`, profession-side `(Q, O)` where it has
//! `WORKS_AS(P, Q)` and `WORKPLACE(P, O)`. Relations whose arguments are missing from the
//! file are skipped (counted in `skipped`); a relation stated twice with the same type and
//! arguments (six in dev) counts once (`duplicates`).
//!
//! **Links.** Gold units are the links to a `Q…` item (NULL links are left out: a
//! predicted id on such an entity is a false positive). A predicted `(span, id)` matches
//! a gold link when the span overlaps the linked entity and the ids are equal; one to one,
//! duplicates dropped; every unmatched prediction is a false positive (NEREL annotates
//! every entity of its types, so a link outside them links a non-entity).
use crate::matching::{max_matching, overlaps, Span};
use crate::score::Prf;
use anyhow::{bail, Context, Result};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerelEntity {
    /// "T12"
    pub id: String,
    /// "PERSON", "PROFESSION", …
    pub kind: String,
    /// Character spans; more than one for a discontinuous entity.
    pub spans: Vec<Span>,
    pub text: String,
}

impl NerelEntity {
    /// From the first character of its first fragment to the last of its last.
    pub fn hull(&self) -> Span {
        let s = self.spans.iter().map(|s| s.0).min().unwrap_or(0);
        let e = self.spans.iter().map(|s| s.1).max().unwrap_or(0);
        (s, e)
    }

    /// Whether some fragment overlaps `s`.
    pub fn overlaps(&self, s: Span) -> bool {
        self.spans.iter().any(|&f| overlaps(f, s))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerelRelation {
    /// "R3"
    pub id: String,
    /// "WORKS_AS", "WORKPLACE", …
    pub kind: String,
    /// Entity ids.
    pub arg1: String,
    pub arg2: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerelLink {
    /// "N1"
    pub id: String,
    /// Entity id.
    pub entity: String,
    /// "Q30"; `None` for `Wikidata:NULL`.
    pub wikidata: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct NerelDoc {
    /// File stem: "119336_text".
    pub name: String,
    pub text: String,
    pub entities: Vec<NerelEntity>,
    pub relations: Vec<NerelRelation>,
    pub links: Vec<NerelLink>,
}

impl NerelDoc {
    pub fn entity(&self, id: &str) -> Option<&NerelEntity> {
        self.entities.iter().find(|e| e.id == id)
    }
}

/// Parses a `.ann` file.
pub fn parse_ann(s: &str) -> (Vec<NerelEntity>, Vec<NerelRelation>, Vec<NerelLink>) {
    let (mut ents, mut rels, mut links) = (Vec::new(), Vec::new(), Vec::new());
    for line in s.lines() {
        let line = line.trim_end_matches('\r');
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().unwrap_or("");
        let text = cols.next().unwrap_or("").to_string();
        match id.chars().next() {
            Some('T') => {
                let Some((kind, offs)) = body.split_once(' ') else {
                    continue;
                };
                let spans: Option<Vec<Span>> = offs
                    .split(';')
                    .map(|p| {
                        let (a, b) = p.trim().split_once(' ')?;
                        Some((a.parse().ok()?, b.parse().ok()?))
                    })
                    .collect();
                if let Some(spans) = spans.filter(|s| !s.is_empty()) {
                    ents.push(NerelEntity {
                        id: id.to_string(),
                        kind: kind.to_string(),
                        spans,
                        text,
                    });
                }
            }
            Some('R') => {
                let f: Vec<&str> = body.split_whitespace().collect();
                if f.len() < 3 {
                    continue;
                }
                let (Some(a1), Some(a2)) = (f[1].strip_prefix("Arg1:"), f[2].strip_prefix("Arg2:"))
                else {
                    continue;
                };
                rels.push(NerelRelation {
                    id: id.to_string(),
                    kind: f[0].to_string(),
                    arg1: a1.to_string(),
                    arg2: a2.to_string(),
                });
            }
            Some('N') => {
                let f: Vec<&str> = body.split_whitespace().collect();
                if f.len() < 3 {
                    continue;
                }
                let Some(q) = f[2].strip_prefix("Wikidata:") else {
                    continue;
                };
                links.push(NerelLink {
                    id: id.to_string(),
                    entity: f[1].to_string(),
                    wikidata: crate::coref::is_qid(q).then(|| q.to_string()),
                    text,
                });
            }
            _ => {}
        }
    }
    (ents, rels, links)
}

/// Reads `NAME.txt` and `NAME.ann`.
pub fn read_doc(dir: &Path, name: &str) -> Result<NerelDoc> {
    let read = |ext: &str| -> Result<String> {
        let p = dir.join(format!("{name}.{ext}"));
        std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))
    };
    let text = read("txt")?;
    let (entities, relations, links) = parse_ann(&read("ann")?);
    Ok(NerelDoc {
        name: name.to_string(),
        text,
        entities,
        relations,
        links,
    })
}

/// Reads every document of a NEREL folder that has both a `.txt` and an `.ann`, sorted by
/// name.
pub fn read_folder(dir: &Path) -> Result<Vec<NerelDoc>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("ann") {
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            if dir.join(format!("{stem}.txt")).exists() {
                names.push(stem.to_string());
            }
        }
    }
    if names.is_empty() {
        bail!("no N.txt with N.ann in {}", dir.display());
    }
    names.sort();
    names.iter().map(|n| read_doc(dir, n)).collect()
}

/// One predicted person → office → organisation statement (character spans).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PredictedWork {
    /// The office holder; equal to `profession` when the holder is unnamed.
    pub person: (usize, usize),
    pub profession: Option<(usize, usize)>,
    /// Organisation, country, region, city … where the person or office works.
    pub organization: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Default)]
pub struct WorksScores {
    pub documents: usize,
    pub works_as: Prf,
    /// Both sides of WORKPLACE together.
    pub workplace: Prf,
    /// WORKPLACE with a PERSON first argument.
    pub workplace_person: Prf,
    /// WORKPLACE with a PROFESSION first argument.
    pub workplace_profession: Prf,
    /// Gold relations with an argument missing from the file.
    pub skipped: usize,
    /// Gold relations stated twice (same type and arguments), counted once.
    pub duplicates: usize,
    /// Predicted WORKPLACE pairs the gold implies without stating (neither tp nor fp).
    pub implied: usize,
}

impl fmt::Display for WorksScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {}  gold relations skipped {}, duplicates {}  implied predictions {}",
            self.documents, self.skipped, self.duplicates, self.implied
        )?;
        for (name, p) in [
            ("WORKS_AS", &self.works_as),
            ("WORKPLACE", &self.workplace),
            ("  person → org", &self.workplace_person),
            ("  profession → org", &self.workplace_profession),
        ] {
            writeln!(
                f,
                "{name:<20} P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
                p.precision(),
                p.recall(),
                p.f1(),
                p.tp,
                p.fp,
                p.fn_
            )?;
        }
        Ok(())
    }
}

/// Gold pairs of entities: (arg1, arg2).
type GoldPairs<'a> = Vec<(&'a NerelEntity, &'a NerelEntity)>;

/// Matches predicted pairs against gold pairs; returns (tp, unmatched predicted indices).
fn match_pairs(pred: &[(Span, Span)], gold: &GoldPairs) -> (usize, Vec<usize>) {
    let adj: Vec<Vec<usize>> = pred
        .iter()
        .map(|&(a, b)| {
            (0..gold.len())
                .filter(|&k| gold[k].0.overlaps(a) && gold[k].1.overlaps(b))
                .collect()
        })
        .collect();
    let m = max_matching(&adj, gold.len());
    let tp = m.iter().filter(|x| x.is_some()).count();
    let left = (0..pred.len()).filter(|&i| m[i].is_none()).collect();
    (tp, left)
}

fn dedup(v: Vec<(Span, Span)>) -> Vec<(Span, Span)> {
    let mut seen = HashSet::new();
    v.into_iter().filter(|p| seen.insert(*p)).collect()
}

/// The gold WORKS_AS and WORKPLACE relations of `doc` as predictions (for sanity checks).
pub fn gold_works(doc: &NerelDoc) -> Vec<PredictedWork> {
    let g = gold_relations(doc);
    let mut out = Vec::new();
    for (p, q) in &g.works_as {
        out.push(PredictedWork {
            person: p.hull(),
            profession: Some(q.hull()),
            organization: None,
        });
    }
    for (p, o) in &g.workplace_person {
        out.push(PredictedWork {
            person: p.hull(),
            profession: None,
            organization: Some(o.hull()),
        });
    }
    for (q, o) in &g.workplace_profession {
        out.push(PredictedWork {
            person: q.hull(),
            profession: Some(q.hull()),
            organization: Some(o.hull()),
        });
    }
    out
}

struct GoldRelations<'a> {
    works_as: GoldPairs<'a>,
    workplace_person: GoldPairs<'a>,
    workplace_profession: GoldPairs<'a>,
    skipped: usize,
    duplicates: usize,
}

fn gold_relations(doc: &NerelDoc) -> GoldRelations<'_> {
    let by_id: HashMap<&str, &NerelEntity> =
        doc.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut g = GoldRelations {
        works_as: Vec::new(),
        workplace_person: Vec::new(),
        workplace_profession: Vec::new(),
        skipped: 0,
        duplicates: 0,
    };
    let mut seen = HashSet::new();
    for r in &doc.relations {
        if r.kind != "WORKS_AS" && r.kind != "WORKPLACE" {
            continue;
        }
        if !seen.insert((r.kind.as_str(), r.arg1.as_str(), r.arg2.as_str())) {
            g.duplicates += 1;
            continue;
        }
        let (Some(&a), Some(&b)) = (by_id.get(r.arg1.as_str()), by_id.get(r.arg2.as_str())) else {
            g.skipped += 1;
            continue;
        };
        if r.kind == "WORKS_AS" {
            g.works_as.push((a, b));
        } else if a.kind == "PERSON" {
            g.workplace_person.push((a, b));
        } else {
            g.workplace_profession.push((a, b));
        }
    }
    g
}

fn add(p: &mut Prf, tp: usize, fp: usize, fn_: usize) {
    p.tp += tp;
    p.fp += fp;
    p.fn_ += fn_;
}

/// Adds one document's comparison to `scores`.
pub fn score_works_document(doc: &NerelDoc, predicted: &[PredictedWork], scores: &mut WorksScores) {
    let g = gold_relations(doc);
    let mut wa = Vec::new();
    let mut wpp = Vec::new();
    let mut wpq = Vec::new();
    for w in predicted {
        let named = w.profession != Some(w.person);
        if let (Some(q), true) = (w.profession, named) {
            wa.push((w.person, q));
        }
        if let (Some(o), true) = (w.organization, named) {
            wpp.push((w.person, o));
        }
        if let (Some(q), Some(o)) = (w.profession, w.organization) {
            wpq.push((q, o));
        }
    }
    let (wa, wpp, wpq) = (dedup(wa), dedup(wpp), dedup(wpq));

    let (tp, left) = match_pairs(&wa, &g.works_as);
    add(&mut scores.works_as, tp, left.len(), g.works_as.len() - tp);

    // Person-side: implied when WORKS_AS(P, Q) and WORKPLACE(Q, O).
    let (tp, left) = match_pairs(&wpp, &g.workplace_person);
    let implied = left
        .iter()
        .filter(|&&i| {
            let (p, o) = wpp[i];
            g.works_as.iter().any(|(gp, gq)| {
                gp.overlaps(p)
                    && g.workplace_profession
                        .iter()
                        .any(|(q2, go)| q2.id == gq.id && go.overlaps(o))
            })
        })
        .count();
    add(
        &mut scores.workplace_person,
        tp,
        left.len() - implied,
        g.workplace_person.len() - tp,
    );
    scores.implied += implied;

    // Profession-side: implied when WORKS_AS(P, Q) and WORKPLACE(P, O).
    let (tp, left) = match_pairs(&wpq, &g.workplace_profession);
    let implied = left
        .iter()
        .filter(|&&i| {
            let (q, o) = wpq[i];
            g.works_as.iter().any(|(gp, gq)| {
                gq.overlaps(q)
                    && g.workplace_person
                        .iter()
                        .any(|(p2, go)| p2.id == gp.id && go.overlaps(o))
            })
        })
        .count();
    add(
        &mut scores.workplace_profession,
        tp,
        left.len() - implied,
        g.workplace_profession.len() - tp,
    );
    scores.implied += implied;

    scores.workplace = Prf {
        tp: scores.workplace_person.tp + scores.workplace_profession.tp,
        fp: scores.workplace_person.fp + scores.workplace_profession.fp,
        fn_: scores.workplace_person.fn_ + scores.workplace_profession.fn_,
    };
    scores.skipped += g.skipped;
    scores.duplicates += g.duplicates;
    scores.documents += 1;
}

/// Scores `predict` (document → work statements) against the WORKS_AS and WORKPLACE
/// relations of every document of `dir`.
pub fn score_works(
    dir: &Path,
    mut predict: impl FnMut(&NerelDoc) -> Vec<PredictedWork>,
) -> Result<WorksScores> {
    let mut scores = WorksScores::default();
    for doc in read_folder(dir)? {
        let p = predict(&doc);
        score_works_document(&doc, &p, &mut scores);
    }
    Ok(scores)
}

/// Gold `(entity, Q…)` pairs of `doc` (NULL links left out).
fn gold_links(doc: &NerelDoc) -> Vec<(&NerelEntity, &str)> {
    doc.links
        .iter()
        .filter_map(|l| Some((doc.entity(&l.entity)?, l.wikidata.as_deref()?)))
        .collect()
}

/// The gold links of `doc` as predictions (entity hull, id), for sanity checks.
pub fn gold_link_predictions(doc: &NerelDoc) -> Vec<((usize, usize), String)> {
    gold_links(doc)
        .into_iter()
        .map(|(e, q)| (e.hull(), q.to_string()))
        .collect()
}

/// Adds one document's link comparison to `prf`.
pub fn score_linking_document(doc: &NerelDoc, predicted: &[(Span, String)], prf: &mut Prf) {
    let gold = gold_links(doc);
    let mut seen = HashSet::new();
    let pred: Vec<&(Span, String)> = predicted.iter().filter(|p| seen.insert(*p)).collect();
    let adj: Vec<Vec<usize>> = pred
        .iter()
        .map(|(s, q)| {
            (0..gold.len())
                .filter(|&k| gold[k].1 == q && gold[k].0.overlaps(*s))
                .collect()
        })
        .collect();
    let tp = max_matching(&adj, gold.len())
        .iter()
        .filter(|m| m.is_some())
        .count();
    add(prf, tp, pred.len() - tp, gold.len() - tp);
}

/// Links scored: P/R/F1, and for each kind of gold entity (PERSON, CITY …) how many of
/// its gold links some prediction hits (the same item on an overlapping span) of how many.
#[derive(Debug, Clone, Default)]
pub struct LinkScores {
    pub prf: Prf,
    pub by_kind: std::collections::BTreeMap<String, (usize, usize)>,
    /// "doc: «text» Q… (gold: Q… KIND | none)" for each predicted link no gold link has.
    pub wrong: Vec<String>,
}

/// Scores predicted `(span, Q…)` links against the gold Wikidata links of every document
/// of `dir`.
pub fn score_linking(
    dir: &Path,
    mut predict: impl FnMut(&NerelDoc) -> Vec<((usize, usize), String)>,
) -> Result<LinkScores> {
    let mut scores = LinkScores::default();
    for doc in read_folder(dir)? {
        let p = predict(&doc);
        score_linking_document(&doc, &p, &mut scores.prf);
        let gold = gold_links(&doc);
        for (span, q) in &p {
            if gold.iter().any(|(e, gq)| gq == q && e.overlaps(*span)) {
                continue;
            }
            let text: String = doc
                .text
                .chars()
                .skip(span.0)
                .take(span.1 - span.0)
                .collect();
            let there = gold
                .iter()
                .find(|(e, _)| e.overlaps(*span))
                .map_or("none".to_string(), |(e, gq)| format!("{gq} {}", e.kind));
            scores
                .wrong
                .push(format!("{}: «{text}» {q} (gold: {there})", doc.name));
        }
        for (e, q) in gold {
            let hit = p.iter().any(|(s, pq)| pq == q && e.overlaps(*s));
            let k = scores.by_kind.entry(e.kind.clone()).or_default();
            k.0 += usize::from(hit);
            k.1 += 1;
        }
    }
    Ok(scores)
}

/// Counts of gold units in a folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NerelCounts {
    pub documents: usize,
    pub entities: usize,
    pub relations: usize,
    pub works_as: usize,
    pub workplace_person: usize,
    pub workplace_profession: usize,
    pub links: usize,
    /// Links to an item (not NULL).
    pub links_to_items: usize,
}

/// Counts the gold units of parsed documents.
pub fn counts(docs: &[NerelDoc]) -> NerelCounts {
    let mut c = NerelCounts::default();
    for d in docs {
        let g = gold_relations(d);
        c.documents += 1;
        c.entities += d.entities.len();
        c.relations += d.relations.len();
        c.works_as += g.works_as.len();
        c.workplace_person += g.workplace_person.len();
        c.workplace_profession += g.workplace_profession.len();
        c.links += d.links.len();
        c.links_to_items += gold_links(d).len();
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    // "Барак Обама , президент США , и Мишель ."
    //  0     6     12 14        24  28 30 32    39
    const TEXT: &str = "Барак Обама , президент США , и Мишель .";
    const ANN: &str = "T1\tPERSON 0 11\tБарак Обама\n\
                       T2\tPROFESSION 14 23\tпрезидент\n\
                       T3\tCOUNTRY 24 27\tСША\n\
                       T4\tPERSON 32 38\tМишель\n\
                       T5\tORGANIZATION 14 17;24 27\tпре США\n\
                       R1\tWORKS_AS Arg1:T1 Arg2:T2\t\n\
                       R2\tWORKPLACE Arg1:T2 Arg2:T3\n\
                       R3\tSPOUSE Arg1:T1 Arg2:T4\n\
                       R4\tWORKS_AS Arg1:T4 Arg2:T99\n\
                       R5\tWORKPLACE Arg1:T2 Arg2:T3\n\
                       N1\tReference T1 Wikidata:Q76\tБарак Обама\n\
                       N2\tReference T3 Wikidata:Q30\tСША\n\
                       N3\tReference T4 Wikidata:NULL\tМишель\n\
                       #1\tAnnotatorNotes T1\tпримечание\n";

    fn doc() -> NerelDoc {
        let (entities, relations, links) = parse_ann(ANN);
        NerelDoc {
            name: "t".into(),
            text: TEXT.into(),
            entities,
            relations,
            links,
        }
    }

    #[test]
    fn parses_standoff() {
        let d = doc();
        assert_eq!(d.entities.len(), 5);
        assert_eq!(d.entity("T5").unwrap().spans, vec![(14, 17), (24, 27)]);
        assert_eq!(d.entity("T5").unwrap().hull(), (14, 27));
        assert_eq!(d.relations.len(), 5);
        assert_eq!(d.relations[1].kind, "WORKPLACE");
        assert_eq!(
            (d.relations[1].arg1.as_str(), d.relations[1].arg2.as_str()),
            ("T2", "T3")
        );
        assert_eq!(d.links.len(), 3);
        assert_eq!(d.links[1].wikidata.as_deref(), Some("Q30"));
        assert_eq!(d.links[2].wikidata, None);
        let c = counts(&[d]);
        assert_eq!(
            (
                c.works_as,
                c.workplace_person,
                c.workplace_profession,
                c.links_to_items
            ),
            (1, 0, 1, 2)
        );
    }

    #[test]
    fn discontinuous_overlap_uses_fragments() {
        let d = doc();
        let e = d.entity("T5").unwrap();
        assert!(e.overlaps((25, 26)));
        assert!(!e.overlaps((18, 23))); // inside the hull, between the fragments
    }

    #[test]
    fn works_gold_is_one_empty_is_zero() {
        let d = doc();
        let mut s = WorksScores::default();
        score_works_document(&d, &gold_works(&d), &mut s);
        assert_eq!(s.works_as.f1(), 1.0);
        assert_eq!(s.workplace.f1(), 1.0);
        assert_eq!((s.skipped, s.duplicates), (1, 1));
        let mut e = WorksScores::default();
        score_works_document(&d, &[], &mut e);
        assert_eq!((e.works_as.f1(), e.works_as.fn_), (0.0, 1));
        assert_eq!((e.workplace.f1(), e.workplace.fn_), (0.0, 1));
    }

    #[test]
    fn works_chain_prediction() {
        let d = doc();
        // Обама — президент — США: WORKS_AS found, profession-side WORKPLACE found, the
        // person-side (Обама, США) is implied through the office: not a false positive.
        let full = PredictedWork {
            person: (6, 11),
            profession: Some((14, 23)),
            organization: Some((24, 27)),
        };
        let mut s = WorksScores::default();
        score_works_document(&d, &[full], &mut s);
        assert_eq!((s.works_as.tp, s.works_as.fp, s.works_as.fn_), (1, 0, 0));
        assert_eq!((s.workplace.tp, s.workplace.fp, s.workplace.fn_), (1, 0, 0));
        assert_eq!(s.implied, 1);
        // Мишель — президент: wrong holder.
        let wrong = PredictedWork {
            person: (32, 38),
            profession: Some((14, 23)),
            organization: None,
        };
        let mut s = WorksScores::default();
        score_works_document(&d, &[wrong], &mut s);
        assert_eq!((s.works_as.tp, s.works_as.fp, s.works_as.fn_), (0, 1, 1));
        assert_eq!((s.workplace.tp, s.workplace.fp), (0, 0));
        // Мишель — США: a person-side pair the gold does not imply.
        let wrong = PredictedWork {
            person: (32, 38),
            profession: None,
            organization: Some((24, 27)),
        };
        let mut s = WorksScores::default();
        score_works_document(&d, &[wrong, wrong], &mut s);
        assert_eq!((s.workplace.tp, s.workplace.fp, s.workplace.fn_), (0, 1, 1));
    }

    #[test]
    fn linking() {
        let d = doc();
        let mut p = Prf::default();
        score_linking_document(&d, &gold_link_predictions(&d), &mut p);
        assert_eq!((p.tp, p.fp, p.fn_), (2, 0, 0));
        let mut p = Prf::default();
        let pred = vec![
            ((6, 11), "Q76".to_string()),  // overlaps Обама, right id
            ((6, 11), "Q76".to_string()),  // duplicate: dropped
            ((24, 27), "Q31".to_string()), // wrong id
            ((32, 38), "Q1".to_string()),  // NULL in gold
        ];
        score_linking_document(&d, &pred, &mut p);
        assert_eq!((p.tp, p.fp, p.fn_), (1, 2, 1));
        let mut e = Prf::default();
        score_linking_document(&d, &[], &mut e);
        assert_eq!((e.f1(), e.fn_), (0.0, 2));
    }
}
