//! Coreference and identification scoring on factRuEval-2016's `.coref` layer.
//!
//! **Gold.** A gold mention is one object of `.objects`, its character span running from
//! the first to the last character of its spans in `.spans` (as for a Person in
//! [`crate::ner`], here for every object type). A gold entity is one `.coref` record: its
//! mentions are the spans of the objects its first line lists; objects that no record
//! lists become one-mention entities. Two objects with the same span keep only the first
//! (a mention belongs to one entity). A gold entity is *identified* when its record has a
//! `wikidata Q…` line; blank values and values that are not `Q` and digits (a few records
//! hold a name there) count as unidentified.
//!
//! **Mention matching.** A predicted mention matches a gold mention when the spans are
//! equal, or when they overlap and share their first or their last token (the gold tokens
//! of `.tokens`; a span's first token is the first token it overlaps, its last the last).
//! Sharing an end token stands in for sharing the head: Russian names and adjective–noun
//! phrases end with their head ("южные Курильские острова", "Наото Кан"), genitive chains
//! start with it ("Правительство Японии"). The matching is one to one, greedy: exact
//! pairs first, then pairs by decreasing overlap. Mention detection P/R/F1 counts matched
//! pairs; `mentions_exact` counts predicted spans equal to gold spans.
//!
//! **Clusters.** MUC (Vilain et al. 1995) and B³ (Bagga & Baldwin 1998), summed over
//! documents (micro), in two flavours:
//! - `muc`, `b3` — end to end, as the CoNLL-2012 reference scorer treats "twinless"
//!   mentions: a predicted mention matched to a gold one is that mention; unmatched gold
//!   mentions are missing from the response and unmatched predicted ones are extra. Their
//!   average is the headline [`CorefScores::coref_f1`].
//! - `muc_matched`, `b3_matched` — over the matched mentions only (both partitions
//!   restricted to them): clustering quality with mention detection taken out. Easier to
//!   game (predict few mentions), so read it beside `mentions`.
//!
//! **Identification.** Gold units are the identified gold entities. A predicted entity
//! with a Wikidata id *hits* a gold entity when one of its mentions matches (the rule
//! above, not one to one) one of the gold entity's mentions. Gold and predicted entities
//! are paired one to one (maximum matching) over the hits whose ids are equal: tp = pairs,
//! fn = identified gold entities left unpaired. `identification` judges only predicted
//! entities that hit some *identified* gold entity (fp = those left unpaired): the
//! devset's annotators left the id blank for almost every entity (1113 of 1131 lines), and
//! blank means "not identified", not "no Wikidata item", so a link on such an entity can't
//! be judged. `identification_strict` judges every predicted entity with an id that hits
//! any gold mention, as the brief first put it.
//!
//! **Against the official track.** factRuEval-2016's track 2 ("identification", scripts in
//! `dialent/task2`) had no spans and no Wikidata: a system listed each entity as a type and
//! normalised attributes (`name`, `firstname`, `lastname`, …); gold and system entities of
//! the same type were paired by an optimal one-to-one search maximising attribute overlap,
//! a pair scoring |shared| / |union| of their attribute values; precision and recall were
//! the summed pair scores over the numbers of system and gold entities; gold entities with
//! no attributes, or whose mentions were all embedded or all `geo_adj`, were ignored. Here
//! entities are compared through their mention spans instead (a linker's output has spans,
//! not factRuEval's normalised names), clusters are scored with MUC and B³, and the
//! `wikidata` lines (not scored in 2016) are what identification means.
use crate::factru::{list_docs, read_doc, FactRuDoc};
use crate::matching::{max_matching, overlap_len, overlaps, Span};
use crate::score::Prf;
use anyhow::{Context, Result};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// One entity the system found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PredictedEntity {
    /// Character spans of its mentions in the document text.
    pub mentions: Vec<(usize, usize)>,
    /// `Q…` where the system identified it.
    pub wikidata: Option<String>,
}

/// One gold entity: a `.coref` record (or a lone object).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEntity {
    /// The record's id (the object's id for a lone object).
    pub id: String,
    pub mentions: Vec<Span>,
    pub wikidata: Option<String>,
    /// A person's surname as the record gives it (`lastname`), in the nominative.
    pub lastname: Option<String>,
}

impl GoldEntity {
    /// The gold entity as a prediction (for sanity checks).
    pub fn as_predicted(&self) -> PredictedEntity {
        PredictedEntity {
            mentions: self.mentions.clone(),
            wikidata: self.wikidata.clone(),
        }
    }
}

/// Precision and recall with fractional numerators, as MUC and B³ need.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClusterScore {
    pub p_num: f64,
    pub p_den: f64,
    pub r_num: f64,
    pub r_den: f64,
}

impl ClusterScore {
    pub fn precision(&self) -> f64 {
        if self.p_den == 0.0 {
            0.0
        } else {
            self.p_num / self.p_den
        }
    }
    pub fn recall(&self) -> f64 {
        if self.r_den == 0.0 {
            0.0
        } else {
            self.r_num / self.r_den
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: ClusterScore) {
        self.p_num += o.p_num;
        self.p_den += o.p_den;
        self.r_num += o.r_num;
        self.r_den += o.r_den;
    }
}

#[derive(Debug, Clone, Default)]
pub struct CorefScores {
    pub documents: usize,
    pub gold_mentions: usize,
    pub gold_entities: usize,
    /// Gold entities with more than one mention.
    pub gold_chains: usize,
    pub gold_identified: usize,
    pub mentions: Prf,
    pub mentions_exact: Prf,
    pub muc: ClusterScore,
    pub b3: ClusterScore,
    pub muc_matched: ClusterScore,
    pub b3_matched: ClusterScore,
    pub identification: Prf,
    pub identification_strict: Prf,
}

impl CorefScores {
    /// The headline: mean of end-to-end MUC F1 and B³ F1.
    pub fn coref_f1(&self) -> f64 {
        (self.muc.f1() + self.b3.f1()) / 2.0
    }
    /// Mean of MUC F1 and B³ F1 over matched mentions only.
    pub fn coref_f1_matched(&self) -> f64 {
        (self.muc_matched.f1() + self.b3_matched.f1()) / 2.0
    }
}

fn prf_line(f: &mut fmt::Formatter<'_>, name: &str, p: &Prf) -> fmt::Result {
    writeln!(
        f,
        "{name:<22} P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
        p.precision(),
        p.recall(),
        p.f1(),
        p.tp,
        p.fp,
        p.fn_
    )
}

fn cluster_line(f: &mut fmt::Formatter<'_>, name: &str, c: &ClusterScore) -> fmt::Result {
    writeln!(
        f,
        "{name:<22} P {:.3}  R {:.3}  F1 {:.3}",
        c.precision(),
        c.recall(),
        c.f1()
    )
}

impl fmt::Display for CorefScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {}  gold mentions {}  entities {} (chains of 2+ {})  identified {}",
            self.documents,
            self.gold_mentions,
            self.gold_entities,
            self.gold_chains,
            self.gold_identified
        )?;
        prf_line(f, "mentions", &self.mentions)?;
        prf_line(f, "mentions (exact)", &self.mentions_exact)?;
        cluster_line(f, "MUC", &self.muc)?;
        cluster_line(f, "B3", &self.b3)?;
        writeln!(f, "{:<22} F1 {:.3}", "coref (MUC+B3)/2", self.coref_f1())?;
        cluster_line(f, "MUC (matched only)", &self.muc_matched)?;
        cluster_line(f, "B3 (matched only)", &self.b3_matched)?;
        writeln!(
            f,
            "{:<22} F1 {:.3}",
            "coref (matched only)",
            self.coref_f1_matched()
        )?;
        prf_line(f, "identification", &self.identification)?;
        prf_line(f, "identification strict", &self.identification_strict)
    }
}

/// One `.coref` record: entity id, object ids, Wikidata id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorefRecord {
    pub id: String,
    pub objects: Vec<String>,
    pub wikidata: Option<String>,
    pub lastname: Option<String>,
}

/// A Wikidata id: `Q` and digits.
pub fn is_qid(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Parses a `.coref` file: blank-line separated records, first line `entity_id object_id …`,
/// then `key value` lines.
pub fn parse_coref(s: &str) -> Vec<CorefRecord> {
    crate::factru::records(s)
        .into_iter()
        .map(|(head, body)| {
            let mut f = head.split_whitespace();
            let id = f.next().unwrap_or_default().to_string();
            let wikidata = body.iter().rev().find_map(|line| {
                let mut kv = line.splitn(2, char::is_whitespace);
                (kv.next() == Some("wikidata"))
                    .then(|| kv.next().unwrap_or("").trim())
                    .filter(|v| is_qid(v))
                    .map(str::to_string)
            });
            let lastname = body.iter().find_map(|line| {
                let mut kv = line.splitn(2, char::is_whitespace);
                (kv.next() == Some("lastname"))
                    .then(|| kv.next().unwrap_or("").trim().to_string())
                    .filter(|v| !v.is_empty())
            });
            CorefRecord {
                id,
                objects: f.map(str::to_string).collect(),
                wikidata,
                lastname,
            }
        })
        .collect()
}

/// `.spans`: id → (start, end) in characters.
fn parse_spans(s: &str) -> HashMap<String, Span> {
    s.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('#').next()?.split_whitespace().collect();
            if f.len() < 4 {
                return None;
            }
            let start: usize = f[2].parse().ok()?;
            let len: usize = f[3].parse().ok()?;
            Some((f[0].to_string(), (start, start + len)))
        })
        .collect()
}

/// `.objects`: (id, span from its spans' first to last character), in file order.
fn parse_objects(s: &str, spans: &HashMap<String, Span>) -> Vec<(String, Span)> {
    s.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('#').next()?.split_whitespace().collect();
            if f.len() < 3 {
                return None;
            }
            let parts: Vec<Span> = f[2..]
                .iter()
                .filter_map(|id| spans.get(*id))
                .copied()
                .collect();
            let start = parts.iter().map(|p| p.0).min()?;
            let end = parts.iter().map(|p| p.1).max()?;
            Some((f[0].to_string(), (start, end)))
        })
        .collect()
}

/// Gold entities from the texts of `.spans`, `.objects` and `.coref`.
pub fn gold_from_strings(spans: &str, objects: &str, coref: &str) -> Vec<GoldEntity> {
    let spans = parse_spans(spans);
    let objects = parse_objects(objects, &spans);
    let span_of: HashMap<&str, Span> = objects.iter().map(|(id, s)| (id.as_str(), *s)).collect();
    let mut seen: HashSet<Span> = HashSet::new();
    let mut listed: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    let records = parse_coref(coref);
    for r in &records {
        let mut mentions = Vec::new();
        for o in &r.objects {
            listed.insert(o.as_str());
            if let Some(&s) = span_of.get(o.as_str()) {
                if seen.insert(s) {
                    mentions.push(s);
                }
            }
        }
        if !mentions.is_empty() {
            mentions.sort();
            out.push(GoldEntity {
                id: r.id.clone(),
                mentions,
                wikidata: r.wikidata.clone(),
                lastname: r.lastname.clone(),
            });
        }
    }
    for (id, s) in &objects {
        if !listed.contains(id.as_str()) && seen.insert(*s) {
            out.push(GoldEntity {
                id: id.clone(),
                mentions: vec![*s],
                wikidata: None,
                lastname: None,
            });
        }
    }
    out
}

/// Gold entities of document `name` of a factRuEval folder.
pub fn gold_entities(dir: &Path, name: &str) -> Result<Vec<GoldEntity>> {
    let read = |ext: &str| -> Result<String> {
        let p = dir.join(format!("{name}.{ext}"));
        std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))
    };
    Ok(gold_from_strings(
        &read("spans")?,
        &read("objects")?,
        &read("coref")?,
    ))
}

/// First and last gold token a span overlaps.
fn end_tokens(doc: &FactRuDoc, s: Span) -> Option<(usize, usize)> {
    let first = doc
        .tokens
        .iter()
        .position(|t| overlaps(s, (t.start, t.start + t.len)))?;
    let last = doc
        .tokens
        .iter()
        .rposition(|t| overlaps(s, (t.start, t.start + t.len)))?;
    Some((first, last))
}

/// Whether a predicted span may match a gold span: equal, or overlapping with the same
/// first or last token.
fn compatible(doc: &FactRuDoc, g: Span, p: Span) -> bool {
    if g == p {
        return true;
    }
    if !overlaps(g, p) {
        return false;
    }
    match (end_tokens(doc, g), end_tokens(doc, p)) {
        (Some(a), Some(b)) => a.0 == b.0 || a.1 == b.1,
        _ => false,
    }
}

/// Clusters as lists of mention ids.
type Clusters = Vec<Vec<usize>>;

fn cluster_of(clusters: &Clusters) -> HashMap<usize, usize> {
    let mut m = HashMap::new();
    for (c, ms) in clusters.iter().enumerate() {
        for &x in ms {
            m.insert(x, c);
        }
    }
    m
}

/// MUC recall side: Σ(|K| − |partition of K by `other`|) over Σ(|K| − 1); a mention absent
/// from `other` is a part of its own.
fn muc_side(key: &Clusters, other: &Clusters) -> (f64, f64) {
    let of = cluster_of(other);
    let (mut num, mut den) = (0.0, 0.0);
    for k in key {
        if k.is_empty() {
            continue;
        }
        let mut parts = HashSet::new();
        let mut lone = 0;
        for x in k {
            match of.get(x) {
                Some(c) => {
                    parts.insert(*c);
                }
                None => lone += 1,
            }
        }
        num += (k.len() - parts.len() - lone) as f64;
        den += (k.len() - 1) as f64;
    }
    (num, den)
}

/// B³ recall side: Σ_K Σ_R |K∩R|²/|K| over Σ|K|.
fn b3_side(key: &Clusters, other: &Clusters) -> (f64, f64) {
    let of = cluster_of(other);
    let (mut num, mut den) = (0.0, 0.0);
    for k in key {
        if k.is_empty() {
            continue;
        }
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for x in k {
            if let Some(c) = of.get(x) {
                *counts.entry(*c).or_default() += 1;
            }
        }
        num += counts.values().map(|&n| (n * n) as f64).sum::<f64>() / k.len() as f64;
        den += k.len() as f64;
    }
    (num, den)
}

/// MUC of `response` against `key`.
pub fn muc(key: &Clusters, response: &Clusters) -> ClusterScore {
    let (r_num, r_den) = muc_side(key, response);
    let (p_num, p_den) = muc_side(response, key);
    ClusterScore {
        p_num,
        p_den,
        r_num,
        r_den,
    }
}

/// B³ of `response` against `key`.
pub fn b3(key: &Clusters, response: &Clusters) -> ClusterScore {
    let (r_num, r_den) = b3_side(key, response);
    let (p_num, p_den) = b3_side(response, key);
    ClusterScore {
        p_num,
        p_den,
        r_num,
        r_den,
    }
}

/// Adds one document's comparison to `scores`.
pub fn score_document(
    doc: &FactRuDoc,
    gold: &[GoldEntity],
    predicted: &[PredictedEntity],
    scores: &mut CorefScores,
) {
    // Gold mentions (unique spans), their entity.
    let mut gm: Vec<(Span, usize)> = Vec::new();
    let mut gseen = HashSet::new();
    for (e, g) in gold.iter().enumerate() {
        for &m in &g.mentions {
            if gseen.insert(m) {
                gm.push((m, e));
            }
        }
    }
    // Predicted mentions (unique spans, first entity wins).
    let mut pm: Vec<(Span, usize)> = Vec::new();
    let mut pseen = HashSet::new();
    for (e, p) in predicted.iter().enumerate() {
        for &m in &p.mentions {
            if m.0 < m.1 && pseen.insert(m) {
                pm.push((m, e));
            }
        }
    }
    // Candidate pairs, best first: exact, then by overlap.
    let mut cands: Vec<(bool, usize, usize, usize)> = Vec::new();
    for (gi, &(g, _)) in gm.iter().enumerate() {
        for (pi, &(p, _)) in pm.iter().enumerate() {
            if compatible(doc, g, p) {
                cands.push((g == p, overlap_len(g, p), gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| {
        (b.0, b.1)
            .cmp(&(a.0, a.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    let mut g_to_p: Vec<Option<usize>> = vec![None; gm.len()];
    let mut p_to_g: Vec<Option<usize>> = vec![None; pm.len()];
    for &(_, _, gi, pi) in &cands {
        if g_to_p[gi].is_none() && p_to_g[pi].is_none() {
            g_to_p[gi] = Some(pi);
            p_to_g[pi] = Some(gi);
        }
    }
    let matched = g_to_p.iter().filter(|x| x.is_some()).count();
    scores.mentions.tp += matched;
    scores.mentions.fp += pm.len() - matched;
    scores.mentions.fn_ += gm.len() - matched;
    let exact = pm.iter().filter(|(p, _)| gseen.contains(p)).count();
    scores.mentions_exact.tp += exact;
    scores.mentions_exact.fp += pm.len() - exact;
    scores.mentions_exact.fn_ += gm.len() - exact;

    // Mention ids: gold mention i is i; an unmatched predicted mention j is |gold| + j.
    let pid = |pi: usize| p_to_g[pi].unwrap_or(gm.len() + pi);
    let mut key: Clusters = vec![Vec::new(); gold.len()];
    for (gi, &(_, e)) in gm.iter().enumerate() {
        key[e].push(gi);
    }
    let mut resp: Clusters = vec![Vec::new(); predicted.len()];
    for (pi, &(_, e)) in pm.iter().enumerate() {
        resp[e].push(pid(pi));
    }
    scores.muc.add(muc(&key, &resp));
    scores.b3.add(b3(&key, &resp));
    let key_m: Clusters = key
        .iter()
        .map(|k| {
            k.iter()
                .copied()
                .filter(|&gi| g_to_p[gi].is_some())
                .collect()
        })
        .collect();
    let resp_m: Clusters = resp
        .iter()
        .map(|r| r.iter().copied().filter(|&x| x < gm.len()).collect())
        .collect();
    scores.muc_matched.add(muc(&key_m, &resp_m));
    scores.b3_matched.add(b3(&key_m, &resp_m));

    // Identification.
    let hits = |p: &PredictedEntity, g: &GoldEntity| {
        p.mentions
            .iter()
            .any(|&pmn| g.mentions.iter().any(|&gmn| compatible(doc, gmn, pmn)))
    };
    let ids: Vec<usize> = (0..gold.len())
        .filter(|&i| gold[i].wikidata.is_some())
        .collect();
    for strict in [false, true] {
        let judged: Vec<usize> = (0..predicted.len())
            .filter(|&j| predicted[j].wikidata.is_some())
            .filter(|&j| {
                gold.iter()
                    .filter(|g| strict || g.wikidata.is_some())
                    .any(|g| hits(&predicted[j], g))
            })
            .collect();
        let adj: Vec<Vec<usize>> = judged
            .iter()
            .map(|&j| {
                (0..ids.len())
                    .filter(|&k| {
                        let g = &gold[ids[k]];
                        g.wikidata == predicted[j].wikidata && hits(&predicted[j], g)
                    })
                    .collect()
            })
            .collect();
        let tp = max_matching(&adj, ids.len())
            .iter()
            .filter(|m| m.is_some())
            .count();
        let prf = if strict {
            &mut scores.identification_strict
        } else {
            &mut scores.identification
        };
        prf.tp += tp;
        prf.fp += judged.len() - tp;
        prf.fn_ += ids.len() - tp;
    }

    scores.documents += 1;
    scores.gold_mentions += gm.len();
    scores.gold_entities += gold.iter().filter(|g| !g.mentions.is_empty()).count();
    scores.gold_chains += key.iter().filter(|k| k.len() > 1).count();
    scores.gold_identified += ids.len();
}

/// Scores `predict` (document → entities with character spans) over every document of
/// `dir` that has a `.coref` file.
pub fn score_coref(
    dir: &Path,
    mut predict: impl FnMut(&FactRuDoc) -> Vec<PredictedEntity>,
) -> Result<CorefScores> {
    let mut scores = CorefScores::default();
    for name in list_docs(dir)? {
        if !dir.join(format!("{name}.coref")).exists() {
            continue;
        }
        let doc = read_doc(dir, &name)?;
        let gold = gold_entities(dir, &name)?;
        let predicted = predict(&doc);
        score_document(&doc, &gold, &predicted, &mut scores);
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::factru::parse_tokens;

    // "Наото Кан встретил Путина . Кан и Путин"
    //  0     6   10       19     26 28  32 34
    const TEXT: &str = "Наото Кан встретил Путина . Кан и Путин";
    const TOKENS: &str = "1 0 5 Наото\n2 6 3 Кан\n3 10 8 встретил\n4 19 6 Путина\n5 26 1 .\n\n6 28 3 Кан\n7 32 1 и\n8 34 5 Путин\n";

    fn doc() -> FactRuDoc {
        let (tokens, sentences) = parse_tokens(TOKENS).unwrap();
        FactRuDoc {
            name: "t".into(),
            text: TEXT.into(),
            tokens,
            sentences,
        }
    }

    fn gold() -> Vec<GoldEntity> {
        let spans = "10 name 0 5 1 1 # 1 Наото\n11 surname 6 3 2 1 # 2 Кан\n\
                     12 surname 19 6 4 1 # 4 Путина\n13 surname 28 3 6 1 # 6 Кан\n\
                     14 surname 34 5 8 1 # 8 Путин\n";
        let objects = "1 Person 10 11 # Наото Кан\n2 Person 12 # Путина\n\
                       3 Person 13 # Кан\n4 Person 14 # Путин\n";
        let coref = "100 1 3\nfirstname Наото\nlastname Кан\nwikidata \n\n\
                     101 2\nlastname Путин\nwikidata Q7747\n";
        gold_from_strings(spans, objects, coref)
    }

    #[test]
    fn reads_gold_entities() {
        let g = gold();
        assert_eq!(g.len(), 3, "{g:?}");
        assert_eq!(g[0].mentions, vec![(0, 9), (28, 31)]);
        assert_eq!(g[0].wikidata, None);
        assert_eq!(g[1].wikidata.as_deref(), Some("Q7747"));
        // Object 4 is in no record: a one-mention entity.
        assert_eq!(g[2].mentions, vec![(34, 39)]);
    }

    #[test]
    fn parses_records_and_rejects_bad_ids() {
        let r = parse_coref("1 5 6\nname X\nwikidata Немирович\n\n2 7\nwikidata Q42\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].objects, vec!["5", "6"]);
        assert_eq!(r[0].wikidata, None);
        assert_eq!(r[1].wikidata.as_deref(), Some("Q42"));
    }

    #[test]
    fn gold_scores_one_and_empty_zero() {
        let d = doc();
        let g = gold();
        let mut s = CorefScores::default();
        let p: Vec<PredictedEntity> = g.iter().map(|e| e.as_predicted()).collect();
        score_document(&d, &g, &p, &mut s);
        assert_eq!(s.mentions.f1(), 1.0);
        assert_eq!(s.mentions_exact.f1(), 1.0);
        assert_eq!(s.coref_f1(), 1.0);
        assert_eq!(s.coref_f1_matched(), 1.0);
        assert_eq!(s.identification.f1(), 1.0);
        assert_eq!(s.identification_strict.f1(), 1.0);
        let mut e = CorefScores::default();
        score_document(&d, &g, &[], &mut e);
        assert_eq!(e.mentions.f1(), 0.0);
        assert_eq!(e.coref_f1(), 0.0);
        assert_eq!(e.identification.f1(), 0.0);
        assert_eq!(
            (e.gold_entities, e.gold_chains, e.gold_identified),
            (3, 1, 1)
        );
    }

    #[test]
    fn head_matching_and_clusters() {
        let d = doc();
        let g = gold();
        // "Кан" alone matches "Наото Кан" (same last token); the two Путин mentions are
        // put together (gold keeps them apart), the second Кан is missed.
        let p = vec![
            PredictedEntity {
                mentions: vec![(6, 9)],
                wikidata: None,
            },
            PredictedEntity {
                mentions: vec![(19, 25), (34, 39)],
                wikidata: Some("Q7747".into()),
            },
        ];
        let mut s = CorefScores::default();
        score_document(&d, &g, &p, &mut s);
        assert_eq!((s.mentions.tp, s.mentions.fp, s.mentions.fn_), (3, 0, 1));
        assert_eq!(s.mentions_exact.tp, 2);
        // MUC: key {0,28},{19},{34}: recall 0/1; response {6..9},{19,34}: precision 0/1.
        assert_eq!(
            (s.muc.r_num, s.muc.r_den, s.muc.p_num, s.muc.p_den),
            (0.0, 1.0, 0.0, 1.0)
        );
        // B³ recall: (1/2 + 0) + 1 + 1 = 2.5 over 4; precision: 1 + (1/2 + 1/2) = 2 over 3.
        assert!((s.b3.recall() - 2.5 / 4.0).abs() < 1e-9);
        assert!((s.b3.precision() - 2.0 / 3.0).abs() < 1e-9);
        // Identification: the Путин entity hits gold 101 (Q7747).
        assert_eq!(
            (
                s.identification.tp,
                s.identification.fp,
                s.identification.fn_
            ),
            (1, 0, 0)
        );
    }

    #[test]
    fn no_shared_end_token_no_match() {
        let d = doc();
        // "Кан встретил" shares neither first nor last token with "Наото Кан".
        assert!(!compatible(&d, (0, 9), (6, 18)));
        assert!(compatible(&d, (0, 9), (0, 5)));
        assert!(compatible(&d, (0, 9), (6, 9)));
        assert!(!compatible(&d, (0, 9), (10, 18)));
    }

    #[test]
    fn wrong_id_is_a_false_positive() {
        let d = doc();
        let g = gold();
        let p = vec![
            PredictedEntity {
                mentions: vec![(19, 25)],
                wikidata: Some("Q1".into()),
            },
            PredictedEntity {
                mentions: vec![(0, 9)],
                wikidata: Some("Q2".into()),
            },
        ];
        let mut s = CorefScores::default();
        score_document(&d, &g, &p, &mut s);
        // Only the first is judged by the lenient rule (gold 100 has no id).
        assert_eq!(
            (
                s.identification.tp,
                s.identification.fp,
                s.identification.fn_
            ),
            (0, 1, 1)
        );
        assert_eq!(
            (s.identification_strict.tp, s.identification_strict.fp),
            (0, 2)
        );
    }
}
