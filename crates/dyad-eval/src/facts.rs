//! factRuEval-2016 `.facts` layer: reader and scorer.
//!
//! **Format.** `book_N.facts` holds blank-line separated facts. The first line of a fact is
//! `id Type` (`100-0 Occupation`; types in the devset: Occupation, Meeting, Deal, Ownership,
//! isPartOf). Each further line is one argument, `Role reference text`:
//! - `Who obj48 Лужков Юрий` — `objN` names the `.coref` record `N` (an entity, not an
//!   object of `.objects`): its mentions are the objects the record lists, each running from
//!   the first to the last character of its spans in `.spans` (as in [`crate::coref`]);
//! - `Position span22777 мэра` — `spanN` names one span of `.spans`;
//! - `Type купля/продажа`, `Фаза конец`, `Модальность возможность`, `Сложность повышенная`
//!   — an attribute with a value and no reference: read with no spans, its value as `text`.
//!
//! The part after the role may list alternatives separated by `|`, each a reference with its
//! text or a bare name: `Position span1 главы | span2 Губернатору`, `Owner obj3 Украина |
//! obj4 Турция`, `Where obj5 Московская область | Подмосковье`; the argument's spans are
//! those of every reference. A role may occur more than once in a fact (a Meeting's two
//! `Participant`s). A reference that the other files do not resolve gives no spans.
//!
//! **Scoring** ([`score_facts`]). A predicted fact *may match* a gold fact when:
//! 1. their kinds are equal (exact string);
//! 2. every gold argument with spans whose role the prediction also has overlaps (shares a
//!    character with) at least one predicted span of that role — arguments the prediction
//!    leaves out are not held against it;
//! 3. at least one gold argument overlaps a predicted span of its role.
//!
//! Attribute arguments (no spans) are not scored, nor are predicted roles that the gold fact
//! lacks. Predicted facts that are exact duplicates (same kind, same set of role–span
//! pairs) count once, and so do gold facts with the same kind and the same roles and spans
//! (the devset states 7 facts twice or three times; counted in `gold_duplicates`). Gold and
//! predicted facts are
//! paired one to one (maximum matching) within a document: tp = pairs, fp = predicted facts
//! left, fn = gold facts left; counted overall and per kind (a predicted kind that the gold
//! never has is all fp).
use crate::factru::{list_docs, read_annotation, read_doc, FactRuDoc};
use crate::matching::{max_matching, overlaps, Span};
use crate::score::Prf;
use anyhow::Result;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// One argument of a gold fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactArg {
    /// "Who", "Position", "Participant", "Type", …
    pub role: String,
    /// Character spans of every mention of the referenced entity (one for a `spanN`
    /// reference, none for an attribute).
    pub spans: Vec<(usize, usize)>,
    /// The text the `.facts` line gives (the entity's normalised name, or the attribute's
    /// value).
    pub text: String,
}

/// One gold fact of a `.facts` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRuFact {
    /// "100-0"
    pub id: String,
    /// "Occupation", "Meeting", …
    pub kind: String,
    pub args: Vec<FactArg>,
}

impl FactRuFact {
    /// The gold fact as a prediction: every span of every argument under its role (for
    /// sanity checks).
    pub fn as_predicted(&self) -> PredictedFact {
        let args = self
            .args
            .iter()
            .flat_map(|a| a.spans.iter().map(|&s| (a.role.clone(), s)))
            .collect();
        PredictedFact {
            kind: self.kind.clone(),
            args,
        }
    }
}

/// One fact a system found: its kind and `(role, character span)` arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PredictedFact {
    pub kind: String,
    pub args: Vec<(String, (usize, usize))>,
}

/// Scores of [`score_facts`].
#[derive(Debug, Clone, Default)]
pub struct FactScores {
    pub all: Prf,
    pub by_kind: BTreeMap<String, Prf>,
    /// Documents with a `.facts` file.
    pub documents: usize,
    /// Gold facts dropped as repeats of another of the same document.
    pub gold_duplicates: usize,
}

impl fmt::Display for FactScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {}  gold facts {} (repeats dropped {})",
            self.documents,
            self.all.tp + self.all.fn_,
            self.gold_duplicates
        )?;
        for (kind, p) in &self.by_kind {
            prf_line(f, kind, p)?;
        }
        prf_line(f, "all", &self.all)
    }
}

fn prf_line(f: &mut fmt::Formatter<'_>, name: &str, p: &Prf) -> fmt::Result {
    writeln!(f, "{name:<12} {p}")
}

/// `.spans`: id → (start, end) in characters.
fn parse_spans(s: &str) -> HashMap<String, Span> {
    s.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('#').next()?.split_whitespace().collect();
            let start: usize = f.get(2)?.parse().ok()?;
            let len: usize = f.get(3)?.parse().ok()?;
            Some((f[0].to_string(), (start, start + len)))
        })
        .collect()
}

/// `.objects`: id → span from the first to the last character of its spans.
fn parse_objects(s: &str, spans: &HashMap<String, Span>) -> HashMap<String, Span> {
    s.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('#').next()?.split_whitespace().collect();
            let parts: Vec<Span> = f
                .get(2..)?
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

/// Resolves `objN` and `spanN` references to character spans.
struct Resolver {
    spans: HashMap<String, Span>,
    /// `.coref` record id → its mentions, sorted.
    entities: HashMap<String, Vec<Span>>,
}

impl Resolver {
    fn new(spans: &str, objects: &str, coref: &str) -> Self {
        let spans = parse_spans(spans);
        let objects = parse_objects(objects, &spans);
        let entities = crate::coref::parse_coref(coref)
            .into_iter()
            .map(|r| {
                let mut m: Vec<Span> = r
                    .objects
                    .iter()
                    .filter_map(|o| objects.get(o))
                    .copied()
                    .collect();
                m.sort();
                m.dedup();
                (r.id, m)
            })
            .collect();
        Resolver { spans, entities }
    }

    /// Spans of a reference, or `None` when `r` is not a reference.
    fn resolve(&self, r: &str) -> Option<Vec<Span>> {
        if let Some(id) = ref_id(r, "obj") {
            return Some(self.entities.get(id).cloned().unwrap_or_default());
        }
        let id = ref_id(r, "span")?;
        Some(self.spans.get(id).map(|&s| vec![s]).unwrap_or_default())
    }
}

/// The digits after `prefix` when `r` is `prefix` and digits.
fn ref_id<'a>(r: &'a str, prefix: &str) -> Option<&'a str> {
    let id = r.strip_prefix(prefix)?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then_some(id)
}

/// One argument line: `Role reference text` or `Role value`, where the part after the role
/// may list alternatives separated by `|`, each a reference with its text or a bare name
/// (`Position span1 главы | span2 губернатору`, `Where obj3 Московская область | Подмосковье`).
fn parse_arg(line: &str, res: &Resolver) -> FactArg {
    let (role, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let mut spans = Vec::new();
    let mut texts = Vec::new();
    for part in rest.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let (first, after) = part.split_once(char::is_whitespace).unwrap_or((part, ""));
        match res.resolve(first) {
            Some(s) => {
                spans.extend(s);
                texts.push(after.trim());
            }
            None => texts.push(part),
        }
    }
    spans.sort();
    spans.dedup();
    FactArg {
        role: role.to_string(),
        spans,
        text: texts
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

/// Parses a `.facts` file, resolving references through the texts of `.spans`, `.objects`
/// and `.coref`.
pub fn facts_from_strings(facts: &str, spans: &str, objects: &str, coref: &str) -> Vec<FactRuFact> {
    let res = Resolver::new(spans, objects, coref);
    crate::factru::records(facts)
        .into_iter()
        .map(|(head, body)| {
            let (id, kind) = head.split_once(char::is_whitespace).unwrap_or((head, ""));
            FactRuFact {
                id: id.to_string(),
                kind: kind.trim().to_string(),
                args: body.iter().map(|line| parse_arg(line, &res)).collect(),
            }
        })
        .collect()
}

/// The gold facts of document `name` (none when it has no `.facts` file).
pub fn read_facts(dir: &Path, name: &str) -> Result<Vec<FactRuFact>> {
    let Some(facts) = read_annotation(dir, name, "facts")? else {
        return Ok(Vec::new());
    };
    let other =
        |ext| -> Result<String> { Ok(read_annotation(dir, name, ext)?.unwrap_or_default()) };
    Ok(facts_from_strings(
        &facts,
        &other("spans")?,
        &other("objects")?,
        &other("coref")?,
    ))
}

/// Every document of a factRuEval folder that has a `.facts` file, with its gold facts.
pub fn read_folder_facts(dir: &Path) -> Result<Vec<(FactRuDoc, Vec<FactRuFact>)>> {
    let mut out = Vec::new();
    for name in list_docs(dir)? {
        if dir.join(format!("{name}.facts")).exists() {
            out.push((read_doc(dir, &name)?, read_facts(dir, &name)?));
        }
    }
    Ok(out)
}

/// Whether predicted fact `p` may match gold fact `g` (rules 1–3 of the module docs).
pub fn fact_matches(g: &FactRuFact, p: &PredictedFact) -> bool {
    if g.kind != p.kind {
        return false;
    }
    let mut any = false;
    for a in g.args.iter().filter(|a| !a.spans.is_empty()) {
        let mut of_role = p.args.iter().filter(|(r, _)| *r == a.role).peekable();
        if of_role.peek().is_none() {
            continue;
        }
        let hit = of_role.any(|(_, s)| a.spans.iter().any(|&g| overlaps(g, *s)));
        if !hit {
            return false;
        }
        any = true;
    }
    any
}

/// Adds one document's counts to `scores`.
pub fn score_document(gold: &[FactRuFact], predicted: &[PredictedFact], scores: &mut FactScores) {
    let all_gold = gold.len();
    let mut seen_gold = HashSet::new();
    let gold: Vec<&FactRuFact> = gold
        .iter()
        .filter(|g| {
            let mut key: Vec<(&str, &[Span])> = g
                .args
                .iter()
                .filter(|a| !a.spans.is_empty())
                .map(|a| (a.role.as_str(), a.spans.as_slice()))
                .collect();
            key.sort();
            seen_gold.insert((g.kind.as_str(), key))
        })
        .collect();
    scores.gold_duplicates += all_gold - gold.len();
    let mut seen = HashSet::new();
    let predicted: Vec<&PredictedFact> = predicted
        .iter()
        .filter(|p| {
            let mut key = (*p).clone();
            key.args.sort();
            seen.insert(key)
        })
        .collect();
    let adj: Vec<Vec<usize>> = predicted
        .iter()
        .map(|p| {
            (0..gold.len())
                .filter(|&j| fact_matches(gold[j], p))
                .collect()
        })
        .collect();
    let pair = max_matching(&adj, gold.len());
    let mut matched_gold = vec![false; gold.len()];
    for (p, m) in predicted.iter().zip(&pair) {
        let kind = scores.by_kind.entry(p.kind.clone()).or_default();
        match m {
            Some(j) => {
                matched_gold[*j] = true;
                kind.tp += 1;
                scores.all.tp += 1;
            }
            None => {
                kind.fp += 1;
                scores.all.fp += 1;
            }
        }
    }
    for (g, _) in gold.iter().zip(&matched_gold).filter(|(_, m)| !**m) {
        scores.by_kind.entry(g.kind.clone()).or_default().fn_ += 1;
        scores.all.fn_ += 1;
    }
    scores.documents += 1;
}

/// Scores `predict` (document → facts with character spans) over every document of `dir`
/// that has a `.facts` file.
pub fn score_facts(
    dir: &Path,
    mut predict: impl FnMut(&FactRuDoc) -> Vec<PredictedFact>,
) -> Result<FactScores> {
    let mut scores = FactScores::default();
    for (doc, gold) in read_folder_facts(dir)? {
        let predicted = predict(&doc);
        score_document(&gold, &predicted, &mut scores);
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    // "Мэр Тулы Иван Пеньков встретил Петра Сидорова. Пеньков доволен."
    //  0   4    9    14      22       31    37        47      55
    const SPANS: &str = "1 job 0 3 1 1 # 1 Мэр\n2 loc_name 4 4 2 1 # 2 Тулы\n\
                         3 name 9 4 3 1 # 3 Иван\n4 surname 14 7 4 1 # 4 Пеньков\n\
                         5 name 31 5 6 1 # 6 Петра\n6 surname 37 8 7 1 # 7 Сидорова\n\
                         7 surname 47 7 9 1 # 9 Пеньков\n";
    const OBJECTS: &str = "10 LocOrg 2 # Тулы\n11 Person 3 4 # Иван Пеньков\n\
                           12 Person 5 6 # Петра Сидорова\n13 Person 7 # Пеньков\n";
    const COREF: &str = "1 10\nname Тула\n\n2 11 13\nfirstname Иван\nlastname Пеньков\n\n\
                         3 12\nfirstname Пётр\nlastname Сидоров\n";
    const FACTS: &str = "1-0 Occupation\nWho obj2 Пеньков Иван\nPosition span1 Мэр\n\
                         Where obj1 Тула\n\n1-1 Meeting\nParticipant obj2 Пеньков Иван\n\
                         Participant obj3 Сидоров Пётр\nФаза начало\n";

    fn gold() -> Vec<FactRuFact> {
        facts_from_strings(FACTS, SPANS, OBJECTS, COREF)
    }

    fn pred(kind: &str, args: &[(&str, Span)]) -> PredictedFact {
        PredictedFact {
            kind: kind.into(),
            args: args.iter().map(|(r, s)| (r.to_string(), *s)).collect(),
        }
    }

    fn score(predicted: &[PredictedFact]) -> FactScores {
        let mut s = FactScores::default();
        score_document(&gold(), predicted, &mut s);
        s
    }

    #[test]
    fn reads_facts_and_resolves_references() {
        let g = gold();
        assert_eq!(g.len(), 2);
        assert_eq!(
            (g[0].id.as_str(), g[0].kind.as_str()),
            ("1-0", "Occupation")
        );
        let who = &g[0].args[0];
        assert_eq!(who.role, "Who");
        assert_eq!(
            who.spans,
            vec![(9, 21), (47, 54)],
            "every mention of the entity"
        );
        assert_eq!(who.text, "Пеньков Иван");
        assert_eq!(g[0].args[1].spans, vec![(0, 3)]);
        let phase = &g[1].args[2];
        assert_eq!(
            (phase.role.as_str(), phase.text.as_str()),
            ("Фаза", "начало")
        );
        assert!(phase.spans.is_empty());
    }

    #[test]
    fn alternatives_and_repeated_gold() {
        let facts = "1-0 Occupation\nWho obj2 Пеньков Иван\nPosition span1 Мэр | span2 Тулы\n\
                     Where obj1 Тула | Тульская область\n\n\
                     1-1 Occupation\nWho obj2 Пеньков\nPosition span2 Тулы | span1 Мэр\n\
                     Where obj1 Тула\nСложность повышенная\n";
        let g = facts_from_strings(facts, SPANS, OBJECTS, COREF);
        assert_eq!(g[0].args[1].spans, vec![(0, 3), (4, 8)]);
        assert_eq!(g[0].args[1].text, "Мэр | Тулы");
        assert_eq!(g[0].args[2].spans, vec![(4, 8)]);
        assert_eq!(g[0].args[2].text, "Тула | Тульская область");
        // The second fact repeats the first: one gold fact.
        let mut s = FactScores::default();
        score_document(&g, &[g[1].as_predicted()], &mut s);
        assert_eq!(
            s.all,
            Prf {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(s.gold_duplicates, 1);
    }

    #[test]
    fn unresolved_reference_has_no_spans() {
        let g = facts_from_strings("1-0 Occupation\nWho obj99 Никто\n", SPANS, OBJECTS, COREF);
        assert_eq!(g[0].args[0].spans, Vec::<Span>::new());
        assert_eq!(g[0].args[0].text, "Никто");
    }

    #[test]
    fn gold_scores_one() {
        let g = gold();
        let s = score(&g.iter().map(FactRuFact::as_predicted).collect::<Vec<_>>());
        assert_eq!(
            s.all,
            Prf {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            score(&[]).all,
            Prf {
                tp: 0,
                fp: 0,
                fn_: 2
            }
        );
    }

    #[test]
    fn partial_predictions_match_when_given_roles_agree() {
        // Who only, on the second mention: matches the Occupation.
        let s = score(&[pred("Occupation", &[("Who", (47, 54))])]);
        assert_eq!(
            s.by_kind["Occupation"],
            Prf {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        // Wrong Position: no match although Who agrees.
        let s = score(&[pred(
            "Occupation",
            &[("Who", (9, 21)), ("Position", (4, 8))],
        )]);
        assert_eq!(
            s.by_kind["Occupation"],
            Prf {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        // Only a role the gold lacks: no argument matches.
        let s = score(&[pred("Occupation", &[("Company", (9, 21))])]);
        assert_eq!(s.all.tp, 0);
        // Wrong kind.
        let s = score(&[pred(
            "Deal",
            &[("Participant", (9, 21)), ("Participant", (31, 45))],
        )]);
        assert_eq!(
            s.by_kind["Deal"],
            Prf {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.by_kind["Meeting"],
            Prf {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
    }

    #[test]
    fn repeated_roles_and_one_to_one() {
        // One participant only: the other gold Participant has no overlapping span.
        let s = score(&[pred("Meeting", &[("Participant", (9, 21))])]);
        assert_eq!(s.by_kind["Meeting"].tp, 0);
        let m = pred(
            "Meeting",
            &[("Participant", (31, 45)), ("Participant", (14, 21))],
        );
        let mut again = m.clone();
        again.args.reverse();
        // A duplicate (arguments in another order) counts once.
        let s = score(&[m.clone(), again]);
        assert_eq!(
            s.by_kind["Meeting"],
            Prf {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        // Two distinct predictions for one gold fact: one is a false positive.
        let other = pred(
            "Meeting",
            &[("Participant", (31, 36)), ("Participant", (9, 13))],
        );
        let s = score(&[m, other]);
        assert_eq!(
            s.by_kind["Meeting"],
            Prf {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        let text = s.to_string();
        assert!(
            text.contains("Meeting      P=0.500 R=1.000 F1=0.667 (tp 1 fp 1 fn 0)"),
            "{text}"
        );
        assert!(text.contains("all "), "{text}");
    }

    /// The gold of the real devset against itself, when `../shared/bench` is there.
    #[test]
    fn devset_gold_against_itself() {
        let dir =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/factru-2016/devset");
        if !dir.exists() {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        }
        let gold = score_facts(&dir, |doc| {
            read_facts(&dir, &doc.name)
                .unwrap()
                .iter()
                .map(FactRuFact::as_predicted)
                .collect()
        })
        .unwrap();
        eprintln!("{gold}");
        assert!(gold.all.tp > 0);
        assert_eq!(gold.all.fp + gold.all.fn_, 0, "{gold}");
        let empty = score_facts(&dir, |_| Vec::new()).unwrap();
        assert_eq!(empty.all.fn_, gold.all.tp);
    }
}
