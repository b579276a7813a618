//! Interstate events on real text: the hand-made gold of `../shared/bench/events-factru`
//! (events between states and international organisations in factRuEval-2016 texts), its
//! reader and scorer, and the table that names dyad's parties in the gold's codes.
//!
//! **Gold** ([`read_gold`]). One JSON object a line: `doc` ("book_100"), `a` and `b` (the
//! actor and the recipient: ISO 3166-1 alpha-3, or NATO, EU, UN, OSCE, IMF, CIS, EAEU, CSTO,
//! WTO, PACE, COE), `types` (the acceptable PLOVER types, one or two), `date` (`YYYY`,
//! `YYYY-MM`, `YYYY-MM-DD`, or "" for none), `sym` (direction does not matter), `aux`, and
//! `what`/`quote`, which are not scored.
//!
//! **Scoring** ([`score_events`]), as the guidelines' "Scoring" section says. An extracted
//! event *matches* a gold line when
//! 1. its type is among the line's `types`;
//! 2. a party of its actor side is `a` and one of its recipient side is `b` — or, when
//!    `sym`, also the other way round, or both `a` and `b` are among the parties of a joint
//!    act (several acting together with no recipient, "Россия и Турция подписали", which is
//!    how PLOVER codes a joint act: every party an actor);
//! 3. its date, when both have one, agrees with the line's at the coarser precision (`2011`
//!    agrees with `2011-05-02`, `2011-05` does not agree with `2011-06-01`).
//!
//! Recall counts gold lines matched by some extracted event of their document (several
//! events may match one line, and one event several lines: nothing is paired one to one).
//! Precision counts the extracted *interstate* events — those with a party on the actor
//! side and a different one on the recipient side, or a joint act of two different
//! parties — that match some gold line of their
//! document. Every document of the folder is scored: the gold covers the documents that
//! assert an interstate event and says that the others assert none, so an interstate
//! event extracted from a document with no gold line is a false positive. Events with a
//! side naming no state or organisation, or with one and the same party on both sides, are
//! not interstate and are neither credited nor held against precision. `aux` is not scored
//! (the guidelines' scoring does not mention it).
//!
//! Per type, recall is reported over the gold lines that list the type (a line listing two
//! types counts under both), a line matching when an event of any of its types matches it.
use crate::factru::{list_docs, read_doc, FactRuDoc};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

/// The PLOVER types in the guidelines' order (the order of the per-type lines).
pub use dyad_record::PLOVER_TYPES as TYPES;

/// The types of acts the guidelines call mutual (`sym`: "talks, a meeting, an agreement
/// between both"), and cooperation, which the gold also marks so.
pub const MUTUAL_TYPES: &[&str] = &["CONSULT", "AGREE", "COOPERATE"];

/// One line of the gold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEvent {
    /// "book_100"
    pub doc: String,
    /// The actor's code.
    pub a: String,
    /// The recipient's code.
    pub b: String,
    /// The acceptable PLOVER types.
    pub types: Vec<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for "".
    pub date: Option<String>,
    pub sym: bool,
    pub aux: Option<String>,
}

/// One event a system extracted, its parties in the gold's codes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PredictedEvent {
    /// PLOVER type.
    pub kind: String,
    /// The codes of the actor side's parties (those that are states or organisations).
    pub actor: Vec<String>,
    /// The codes of the recipient side's parties.
    pub recipient: Vec<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The sentence that tells it (for `--show`).
    pub evidence: String,
}

impl PredictedEvent {
    /// Whether a party of the actor side differs from a party of the recipient side.
    pub fn is_interstate(&self) -> bool {
        self.actor
            .iter()
            .any(|a| self.recipient.iter().any(|b| a != b))
            || self.is_joint()
    }

    /// Several different parties acting together with no recipient, in an act that is
    /// between them ("Россия и Турция подписали соглашение"). "Израиль и США отвергают …"
    /// says nothing between Israel and the US, so it is no joint act.
    pub fn is_joint(&self) -> bool {
        self.recipient.is_empty()
            && MUTUAL_TYPES.contains(&self.kind.as_str())
            && self.actor.iter().any(|a| *a != self.actor[0])
    }
}

/// Reads the gold, one JSON object a line (blank lines skipped).
pub fn read_gold(path: &Path) -> Result<Vec<GoldEvent>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    gold_from_str(&text).with_context(|| format!("reading {}", path.display()))
}

/// Parses gold lines.
pub fn gold_from_str(text: &str) -> Result<Vec<GoldEvent>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("line {}", n + 1);
        let v: serde_json::Value = serde_json::from_str(line).with_context(at)?;
        let field = |k: &str| -> Result<String> {
            Ok(v[k]
                .as_str()
                .with_context(|| format!("{}: no string `{k}`", at()))?
                .to_string())
        };
        let types: Vec<String> = v["types"]
            .as_array()
            .with_context(|| format!("{}: no `types` list", at()))?
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect();
        if types.is_empty() {
            bail!("{}: `types` is empty", at());
        }
        let date = v["date"]
            .as_str()
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        out.push(GoldEvent {
            doc: field("doc")?,
            a: field("a")?,
            b: field("b")?,
            types,
            date,
            sym: v["sym"].as_bool().unwrap_or(false),
            aux: v["aux"].as_str().map(str::to_string),
        });
    }
    Ok(out)
}

/// Whether two dates agree at the coarser of their precisions (`YYYY` ⊂ `YYYY-MM` ⊂
/// `YYYY-MM-DD`).
pub fn dates_agree(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    a.as_bytes()[..n] == b.as_bytes()[..n]
}

/// Whether extracted event `p` matches gold line `g` (rules 1–3 of the module docs).
pub fn event_matches(g: &GoldEvent, p: &PredictedEvent) -> bool {
    if !g.types.contains(&p.kind) {
        return false;
    }
    let has = |side: &[String], code: &str| side.iter().any(|c| c == code);
    let forward = has(&p.actor, &g.a) && has(&p.recipient, &g.b);
    let backward = g.sym && has(&p.actor, &g.b) && has(&p.recipient, &g.a);
    let joint = g.sym && p.is_joint() && has(&p.actor, &g.a) && has(&p.actor, &g.b);
    if !(forward || backward || joint) {
        return false;
    }
    match (&g.date, &p.date) {
        (Some(a), Some(b)) => dates_agree(a, b),
        _ => true,
    }
}

/// Found out of all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub hit: usize,
    pub all: usize,
}

impl Count {
    fn add(&mut self, hit: bool) {
        self.all += 1;
        self.hit += usize::from(hit);
    }

    pub fn ratio(&self) -> f64 {
        if self.all == 0 {
            0.0
        } else {
            self.hit as f64 / self.all as f64
        }
    }
}

/// Scores of [`score_events`].
#[derive(Debug, Clone, Default)]
pub struct EventScores {
    /// Gold lines matched, of all.
    pub gold: Count,
    /// Per type: the gold lines listing it, matched of all.
    pub gold_by_type: BTreeMap<String, Count>,
    /// Gold lines listing more than one type.
    pub gold_two_types: usize,
    /// Extracted interstate events matching a gold line, of all.
    pub interstate: Count,
    /// The same, per extracted type.
    pub interstate_by_type: BTreeMap<String, Count>,
    /// Interstate events extracted from documents with gold lines, matching of all.
    pub in_gold_documents: Count,
    /// Interstate events extracted from documents with no gold line (all false positives).
    pub in_other_documents: usize,
    /// Extracted events with a side that names no state or organisation.
    pub no_party: usize,
    /// Of them, those with two parties or more on the other side (a joint act, "Россия и
    /// Турция подписали"), which cannot match: a gold line needs a party on each side.
    pub joint: usize,
    /// Extracted events whose sides name one and the same state or organisation.
    pub same_party: usize,
    /// Documents scored, and of them those with gold lines.
    pub documents: usize,
    pub gold_documents: usize,
    /// Each gold line missed and each interstate event that matches none, a line each
    /// ("book_1: missed …", "book_1: wrong …"), in document order.
    pub errors: Vec<String>,
}

impl EventScores {
    pub fn precision(&self) -> f64 {
        self.interstate.ratio()
    }

    pub fn recall(&self) -> f64 {
        self.gold.ratio()
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Adds one document's counts: its gold lines (none for a document the gold does not
/// cover) and the events extracted from it.
pub fn score_document(gold: &[&GoldEvent], predicted: &[PredictedEvent], s: &mut EventScores) {
    s.documents += 1;
    if !gold.is_empty() {
        s.gold_documents += 1;
    }
    for g in gold {
        let hit = predicted.iter().any(|p| event_matches(g, p));
        s.gold.add(hit);
        if g.types.len() > 1 {
            s.gold_two_types += 1;
        }
        let types: BTreeSet<&String> = g.types.iter().collect();
        for t in types {
            s.gold_by_type.entry(t.clone()).or_default().add(hit);
        }
    }
    for p in predicted {
        if !p.is_interstate() {
            if p.actor.is_empty() || p.recipient.is_empty() {
                s.no_party += 1;
                if p.actor.len() + p.recipient.len() > 1 {
                    s.joint += 1;
                }
            } else {
                s.same_party += 1;
            }
            continue;
        }
        let hit = gold.iter().any(|g| event_matches(g, p));
        s.interstate.add(hit);
        s.interstate_by_type
            .entry(p.kind.clone())
            .or_default()
            .add(hit);
        if gold.is_empty() {
            s.in_other_documents += 1;
        } else {
            s.in_gold_documents.add(hit);
        }
    }
}

/// Scores `predict` (document → extracted events) over every document of the factRuEval
/// folder `dir` against `gold`, whose documents must all be in the folder.
pub fn score_events(
    dir: &Path,
    gold: &[GoldEvent],
    mut predict: impl FnMut(&FactRuDoc) -> Vec<PredictedEvent>,
) -> Result<EventScores> {
    let names = list_docs(dir)?;
    let mut by_doc: HashMap<&str, Vec<&GoldEvent>> = HashMap::new();
    for g in gold {
        by_doc.entry(g.doc.as_str()).or_default().push(g);
    }
    if let Some(missing) = by_doc.keys().find(|d| !names.iter().any(|n| n == *d)) {
        bail!(
            "the gold names document {missing}, which {} lacks",
            dir.display()
        );
    }
    let mut scores = EventScores::default();
    for name in &names {
        let doc = read_doc(dir, name)?;
        let predicted = predict(&doc);
        let g = by_doc.get(name.as_str()).map_or(&[][..], Vec::as_slice);
        score_document(g, &predicted, &mut scores);
        for gl in g
            .iter()
            .filter(|gl| !predicted.iter().any(|p| event_matches(gl, p)))
        {
            scores.errors.push(format!(
                "{name}: missed {} {} -> {} {}",
                gl.types.join("|"),
                gl.a,
                gl.b,
                gl.date.as_deref().unwrap_or("-")
            ));
        }
        for p in predicted
            .iter()
            .filter(|p| !p.is_interstate() || !g.iter().any(|gl| event_matches(gl, p)))
        {
            let what = if p.is_interstate() {
                "wrong "
            } else {
                "unscored"
            };
            scores.errors.push(format!(
                "{name}: {what} {} {} -> {} {} | {}",
                p.kind,
                p.actor.join("+"),
                p.recipient.join("+"),
                p.date.as_deref().unwrap_or("-"),
                p.evidence
            ));
        }
    }
    Ok(scores)
}

/// Types in the guidelines' order, then any other in alphabetical order.
fn ordered<V>(m: &BTreeMap<String, V>) -> Vec<(&str, &V)> {
    let rank = |t: &str| TYPES.iter().position(|x| *x == t).unwrap_or(TYPES.len());
    let mut v: Vec<(&str, &V)> = m.iter().map(|(k, v)| (k.as_str(), v)).collect();
    v.sort_by_key(|(k, _)| (rank(k), *k));
    v
}

/// One line per type in the gold (`CONSULT R=0.250 (5/20)`), the precision details, and
/// last `events P=… R=… F1=…`.
impl fmt::Display for EventScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (t, c) in ordered(&self.gold_by_type) {
            writeln!(f, "{t} R={:.3} ({}/{})", c.ratio(), c.hit, c.all)?;
        }
        writeln!(
            f,
            "recall per type: each gold line under every type it lists ({} of {} list two)",
            self.gold_two_types, self.gold.all
        )?;
        writeln!(
            f,
            "interstate extracted P={:.3} ({}/{}): {} in the {} documents with gold events \
             ({} match), {} in the {} documents the gold says assert none (false positives)",
            self.precision(),
            self.interstate.hit,
            self.interstate.all,
            self.in_gold_documents.all,
            self.gold_documents,
            self.in_gold_documents.hit,
            self.in_other_documents,
            self.documents - self.gold_documents,
        )?;
        let by_type: Vec<String> = ordered(&self.interstate_by_type)
            .into_iter()
            .map(|(t, c)| format!("{t} {}/{}", c.hit, c.all))
            .collect();
        writeln!(f, "precision per type: {}", by_type.join(", "))?;
        writeln!(
            f,
            "not interstate, not scored: {} with a side naming no state or organisation (of \
             them {} with two or more on the other side), {} with the same one on both sides",
            self.no_party, self.joint, self.same_party
        )?;
        write!(
            f,
            "events P={:.3} R={:.3} F1={:.3}",
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

/// The gold's codes for dyad's parties, from `data/event_parties.toml` (which says how a
/// party is read).
#[derive(Debug, Clone, Default)]
pub struct PartyCodes {
    /// Dictionary organisation id → the gold's code.
    orgs: HashMap<String, String>,
    /// dyad's state code → the gold's, where they differ.
    states: HashMap<String, String>,
    not_state_sectors: Vec<String>,
}

/// What the adapter knows of one of dyad's entities.
#[derive(Debug, Clone, Copy, Default)]
pub struct Party<'a> {
    /// Its dictionary id (a state code, an organisation id, a person id).
    pub actor: Option<&'a str>,
    /// Its state (ISO 3166-1 alpha-3).
    pub country: Option<&'a str>,
    pub sector: Option<&'a str>,
    /// Whether it is an organisation (not a person or a place).
    pub organisation: bool,
    /// The dictionary ids of the organisations the text makes its offices of.
    pub office_of: &'a [&'a str],
}

#[derive(Deserialize)]
struct PartyTable {
    not_state_sectors: Vec<String>,
    states: HashMap<String, String>,
    orgs: BTreeMap<String, Vec<String>>,
}

impl PartyCodes {
    /// The table of `data/event_parties.toml`.
    pub fn builtin() -> Self {
        Self::from_toml(include_str!("../data/event_parties.toml"))
            .expect("data/event_parties.toml parses")
    }

    pub fn from_toml(s: &str) -> Result<Self> {
        let t: PartyTable = toml::from_str(s)?;
        let mut orgs = HashMap::new();
        for (code, ids) in t.orgs {
            for id in ids {
                if let Some(other) = orgs.insert(id.clone(), code.clone()) {
                    bail!("{id} counts as both {other} and {code}");
                }
            }
        }
        Ok(PartyCodes {
            orgs,
            states: t.states,
            not_state_sectors: t.not_state_sectors,
        })
    }

    /// Every dictionary id the table names.
    pub fn org_ids(&self) -> impl Iterator<Item = &str> {
        self.orgs.keys().map(String::as_str)
    }

    /// The gold's code of a party, or `None` when it is no state or listed organisation.
    pub fn code(&self, p: &Party) -> Option<String> {
        if let Some(code) = p.actor.and_then(|a| self.orgs.get(a)) {
            return Some(code.clone());
        }
        if p.organisation
            && p.sector
                .is_some_and(|s| self.not_state_sectors.iter().any(|n| n == s))
        {
            return None;
        }
        if let Some(c) = p.country {
            return Some(self.states.get(c).cloned().unwrap_or_else(|| c.to_string()));
        }
        p.office_of
            .iter()
            .find_map(|id| self.orgs.get(*id))
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = r#"
{"doc": "book_1", "a": "RUS", "b": "CHN", "types": ["CONSULT"], "date": "", "sym": true, "aux": null, "what": "x", "quote": "y"}
{"doc": "book_1", "a": "USA", "b": "RUS", "types": ["ACCUSE", "PROTEST"], "date": "2011-05", "sym": false, "aux": "future", "what": "x", "quote": "y"}
{"doc": "book_2", "a": "NATO", "b": "GEO", "types": ["SUPPORT"], "date": "2008", "sym": false, "aux": null, "what": "x", "quote": "y"}
"#;

    fn gold() -> Vec<GoldEvent> {
        gold_from_str(GOLD).unwrap()
    }

    fn ev(kind: &str, actor: &[&str], recipient: &[&str], date: Option<&str>) -> PredictedEvent {
        PredictedEvent {
            kind: kind.into(),
            actor: actor.iter().map(|s| s.to_string()).collect(),
            recipient: recipient.iter().map(|s| s.to_string()).collect(),
            date: date.map(str::to_string),
            evidence: String::new(),
        }
    }

    /// Scores `docs` (each its gold and its predictions) as one folder.
    fn score(docs: &[(&[&GoldEvent], Vec<PredictedEvent>)]) -> EventScores {
        let mut s = EventScores::default();
        for (g, p) in docs {
            score_document(g, p, &mut s);
        }
        s
    }

    #[test]
    fn reads_gold() {
        let g = gold();
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].date, None, "\"\" is no date");
        assert!(g[0].sym);
        assert_eq!(g[1].types, ["ACCUSE", "PROTEST"]);
        assert_eq!(g[1].date.as_deref(), Some("2011-05"));
        assert_eq!(g[1].aux.as_deref(), Some("future"));
        assert_eq!(g[2].a, "NATO");
        assert!(gold_from_str(r#"{"doc": "b", "a": "X", "types": ["AGREE"]}"#).is_err());
        assert!(gold_from_str(r#"{"doc": "b", "a": "X", "b": "Y", "types": []}"#).is_err());
    }

    #[test]
    fn dates_agree_at_the_coarser_precision() {
        assert!(dates_agree("2011", "2011-05-02"));
        assert!(dates_agree("2011-05-02", "2011-05"));
        assert!(dates_agree("2011-05-02", "2011-05-02"));
        assert!(!dates_agree("2011-05", "2011-06-01"));
        assert!(!dates_agree("2010", "2011-05"));
    }

    #[test]
    fn matching_rules() {
        let g = gold();
        let (consult, accuse) = (&g[0], &g[1]);
        // type, parties, either way round when sym
        assert!(event_matches(
            consult,
            &ev("CONSULT", &["RUS"], &["CHN"], None)
        ));
        assert!(event_matches(
            consult,
            &ev("CONSULT", &["CHN"], &["RUS"], None)
        ));
        // a joint act of both, when direction does not matter
        assert!(event_matches(
            consult,
            &ev("CONSULT", &["CHN", "RUS"], &[], None)
        ));
        assert!(!event_matches(
            consult,
            &ev("CONSULT", &["CHN", "CHN"], &[], None)
        ));
        assert!(!event_matches(
            consult,
            &ev("AGREE", &["RUS"], &["CHN"], None)
        ));
        // a joint act matches only a line whose direction does not matter
        assert!(!accuse.sym);
        assert!(!event_matches(
            accuse,
            &ev("ACCUSE", &["USA", "RUS"], &[], Some("2011-05"))
        ));
        // one party of each side is enough
        assert!(event_matches(
            consult,
            &ev("CONSULT", &["BLR", "RUS"], &["KAZ", "CHN"], None)
        ));
        // no date in the gold: any date agrees
        assert!(event_matches(
            consult,
            &ev("CONSULT", &["RUS"], &["CHN"], Some("1999"))
        ));
        // direction counts when not sym; either listed type
        assert!(event_matches(
            accuse,
            &ev("PROTEST", &["USA"], &["RUS"], None)
        ));
        assert!(!event_matches(
            accuse,
            &ev("ACCUSE", &["RUS"], &["USA"], None)
        ));
        // dates
        assert!(event_matches(
            accuse,
            &ev("ACCUSE", &["USA"], &["RUS"], Some("2011-05-03"))
        ));
        assert!(event_matches(
            accuse,
            &ev("ACCUSE", &["USA"], &["RUS"], Some("2011"))
        ));
        assert!(!event_matches(
            accuse,
            &ev("ACCUSE", &["USA"], &["RUS"], Some("2011-04"))
        ));
    }

    #[test]
    fn interstate() {
        assert!(ev("AGREE", &["RUS"], &["CHN"], None).is_interstate());
        assert!(ev("AGREE", &["RUS", "CHN"], &["RUS"], None).is_interstate());
        assert!(!ev("AGREE", &["RUS"], &["RUS"], None).is_interstate());
        assert!(ev("AGREE", &["RUS", "CHN"], &[], None).is_interstate());
        assert!(!ev("AGREE", &["RUS", "RUS"], &[], None).is_interstate());
        assert!(!ev("AGREE", &[], &["CHN"], None).is_interstate());
        // two states rejecting something together: nothing between them
        assert!(!ev("REJECT", &["ISR", "USA"], &[], None).is_interstate());
    }

    #[test]
    fn recall_precision_and_documents_without_gold() {
        let g = gold();
        let doc1 = [&g[0], &g[1]];
        let doc2 = [&g[2]];
        let s = score(&[
            (
                &doc1,
                vec![
                    // matches the CONSULT line twice over: one line, two true positives
                    ev("CONSULT", &["RUS"], &["CHN"], None),
                    ev("CONSULT", &["CHN"], &["RUS"], None),
                    // interstate, matches nothing: a false positive
                    ev("SANCTION", &["USA"], &["IRN"], None),
                    // a joint act of two states that matches nothing: a false positive
                    ev("AGREE", &["USA", "RUS"], &[], None),
                    // not interstate: not scored
                    ev("ACCUSE", &["USA"], &[], None),
                    ev("AGREE", &["RUS", "RUS"], &[], None),
                    ev("ACCUSE", &["RUS"], &["RUS"], None),
                ],
            ),
            // the NATO line is missed
            (
                &doc2,
                vec![ev("SUPPORT", &["NATO"], &["GEO"], Some("2009"))],
            ),
            // a document without gold lines: every interstate event is a false positive
            (&[], vec![ev("CONSULT", &["RUS"], &["CHN"], None)]),
        ]);
        assert_eq!(s.gold, Count { hit: 1, all: 3 });
        assert_eq!(s.interstate, Count { hit: 2, all: 6 });
        assert_eq!(s.in_gold_documents, Count { hit: 2, all: 5 });
        assert_eq!(s.in_other_documents, 1);
        assert_eq!((s.no_party, s.joint, s.same_party), (2, 1, 1));
        assert_eq!((s.documents, s.gold_documents), (3, 2));
        assert_eq!(s.gold_by_type["CONSULT"], Count { hit: 1, all: 1 });
        assert_eq!(s.gold_by_type["ACCUSE"], Count { hit: 0, all: 1 });
        assert_eq!(s.gold_by_type["PROTEST"], Count { hit: 0, all: 1 });
        assert_eq!(s.gold_two_types, 1);
        assert_eq!(s.interstate_by_type["CONSULT"], Count { hit: 2, all: 3 });
        assert!((s.precision() - 2.0 / 6.0).abs() < 1e-9);
        assert!((s.recall() - 1.0 / 3.0).abs() < 1e-9);
        let text = s.to_string();
        let lines: Vec<&str> = text.lines().collect();
        // types in the guidelines' order, then details, then the total last
        assert_eq!(lines[0], "CONSULT R=1.000 (1/1)");
        assert_eq!(lines[1], "SUPPORT R=0.000 (0/1)");
        assert_eq!(lines[2], "ACCUSE R=0.000 (0/1)");
        assert_eq!(lines[3], "PROTEST R=0.000 (0/1)");
        assert!(
            text.contains("1 in the 1 documents the gold says assert none"),
            "{text}"
        );
        assert!(
            text.contains("precision per type: AGREE 0/1, CONSULT 2/3, SUPPORT 0/1, SANCTION 0/1"),
            "{text}"
        );
        assert_eq!(*lines.last().unwrap(), "events P=0.333 R=0.333 F1=0.333");
    }

    #[test]
    fn empty_scores() {
        let s = score(&[]);
        assert_eq!(
            s.to_string().lines().last(),
            Some("events P=0.000 R=0.000 F1=0.000")
        );
    }

    #[test]
    fn party_codes() {
        let t = PartyCodes::builtin();
        let code = |p: Party| t.code(&p);
        let org = |id| Party {
            actor: Some(id),
            organisation: true,
            sector: Some("IGO"),
            ..Party::default()
        };
        assert_eq!(code(org("NATO")).as_deref(), Some("NATO"));
        assert_eq!(code(org("UNSC")).as_deref(), Some("UN"));
        assert_eq!(code(org("OSCE_MG")).as_deref(), Some("OSCE"));
        assert_eq!(code(org("PACE")).as_deref(), Some("PACE"));
        assert_eq!(
            code(org("IAEA")),
            None,
            "not an organisation the gold annotates"
        );
        // a state, a person of a state, the USSR
        let state = |c| Party {
            country: Some(c),
            ..Party::default()
        };
        assert_eq!(code(state("USA")).as_deref(), Some("USA"));
        assert_eq!(code(state("SUN")).as_deref(), Some("RUS"));
        // a state company counts as its state, an NGO does not
        let company = Party {
            actor: Some("GAZPROM"),
            country: Some("RUS"),
            sector: Some("BUS"),
            organisation: true,
            ..Party::default()
        };
        assert_eq!(code(company).as_deref(), Some("RUS"));
        let ngo = Party {
            actor: Some("HRW"),
            country: Some("USA"),
            sector: Some("NGO"),
            organisation: true,
            ..Party::default()
        };
        assert_eq!(code(ngo), None);
        // a person with no state, whose office is of NATO
        let official = Party {
            office_of: &["NATO_NAC"],
            ..Party::default()
        };
        assert_eq!(code(official).as_deref(), Some("NATO"));
        assert_eq!(code(Party::default()), None);
        assert!(PartyCodes::from_toml(
            "not_state_sectors = []\n[states]\n[orgs]\nA = [\"X\"]\nB = [\"X\"]\n"
        )
        .is_err());
    }

    /// Every organisation id of the table is one of the actor dictionary's.
    #[test]
    fn party_table_names_dictionary_ids() {
        let dict = include_str!("../../dyad-actors/data/organizations.toml");
        let ids: BTreeSet<&str> = dict
            .lines()
            .filter_map(|l| l.trim().strip_prefix("id = \""))
            .filter_map(|l| l.split('"').next())
            .collect();
        assert!(ids.contains("NATO"));
        let t = PartyCodes::builtin();
        let unknown: Vec<&str> = t.org_ids().filter(|id| !ids.contains(id)).collect();
        assert!(unknown.is_empty(), "not in organizations.toml: {unknown:?}");
    }

    /// The gold's own lines match themselves: recall 1 against the real devset gold.
    #[test]
    fn devset_gold_against_itself() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench");
        let (dir, path) = (
            root.join("factru-2016/devset"),
            root.join("events-factru/dev-gold.jsonl"),
        );
        if !dir.exists() || !path.exists() {
            eprintln!("skipped: {} is absent", root.display());
            return;
        }
        let gold = read_gold(&path).unwrap();
        let s = score_events(&dir, &gold, |doc| {
            gold.iter()
                .filter(|g| g.doc == doc.name)
                .map(|g| ev(&g.types[0], &[&g.a], &[&g.b], g.date.as_deref()))
                .collect()
        })
        .unwrap();
        eprintln!("{s}");
        assert_eq!(s.gold.hit, s.gold.all);
        assert_eq!(s.interstate.hit, s.interstate.all);
        assert_eq!(s.in_other_documents, 0);
        assert!(s.gold_documents > 0 && s.documents > s.gold_documents);
    }
}
