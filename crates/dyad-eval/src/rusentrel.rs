//! RuSentRel 1.1: reader and scorer of sentiment attitudes between named entities.
//!
//! **Format.** The collection's folder holds `synonyms.txt` and `train/` with, per document:
//! - `artN.txt` — the text (CRLF kept: offsets count characters of the file as it is;
//!   the "{Author, Unknown}" marks that open its sentences are blanked);
//! - `artN.ann` — one entity a line, `T1\tPER 22 28\tРоссии` (kinds PER, LOC, ORG,
//!   GEOPOLIT; start and end in characters, end exclusive; the value as written);
//! - `artN.opin.txt` — the attitudes, `Subject, Object, pos|neg, current` a line (the
//!   fourth field, current/past/present, is kept but not scored); names are those of
//!   `synonyms.txt`, where any name of a group stands for the whole group;
//! - `artN.author.txt` — the author's own attitudes: not read (not part of the task).
//!
//! `synonyms.txt` has one group a line, names separated by commas, the first the group's
//! name. Names are compared after [`name_key`]: lower case, ё → е, every run of characters
//! that are not letters or digits → one space (the file splits names inside brackets and
//! quotes: `али лариджани (ali larijani`). Groups sharing a name are merged (the file lists
//! "асад" in two groups); [`Synonyms::canonical`] gives the merged group's first name, or
//! the key itself for a name in no group.
//!
//! **Scoring** ([`score_attitudes`]). Per document, the gold and the predicted sets of
//! (canonical subject, canonical object, polarity) triples are compared. Predicted triples
//! are canonicalised and deduplicated; a pair predicted both pos and neg is contradictory and
//! dropped altogether (counted in `contradictory`). For each polarity, tp = triples in both,
//! fp = predicted only, fn = gold only. Two summaries:
//! - micro: counts summed over documents; `macro_f1` = (F1 pos + F1 neg) / 2;
//! - `doc_averaged`, as AREkit (RuSentRel's reference scorer) reports: per document and
//!   polarity P = tp / predicted and R = tp / gold, where an empty denominator gives 1 when
//!   the document has no gold of that polarity and 0 when it has; P and R averaged over
//!   documents, F1 from the averages, and the headline (F1 pos + F1 neg) / 2.
//!
//! Documents with no `.txt` (`art22` has only an `.opin.txt`) are skipped.
use crate::score::Prf;
use anyhow::{Context, Result};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// Sentiment of an attitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Polarity {
    Pos,
    Neg,
}

impl Polarity {
    /// "pos" or "neg" (case and spaces ignored).
    pub fn parse(s: &str) -> Option<Polarity> {
        match s.trim().to_lowercase().as_str() {
            "pos" => Some(Polarity::Pos),
            "neg" => Some(Polarity::Neg),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Polarity::Pos => "pos",
            Polarity::Neg => "neg",
        }
    }
}

/// One entity of an `.ann` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuSentRelEntity {
    /// "T12"
    pub id: String,
    /// "PER", "LOC", "ORG", "GEOPOLIT"
    pub kind: String,
    /// Character span in the text, end exclusive.
    pub span: (usize, usize),
    /// The text as written ("России").
    pub value: String,
}

/// One gold attitude of an `.opin.txt` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldOpinion {
    /// As the file writes it, after [`normalize`] ("сша").
    pub source: String,
    pub target: String,
    pub polarity: Polarity,
    /// "current", "past", "present" (not scored).
    pub tag: String,
}

/// One document: text, entities, gold attitudes.
#[derive(Debug, Clone)]
pub struct RuSentRelDoc {
    /// "art1"
    pub name: String,
    pub text: String,
    pub entities: Vec<RuSentRelEntity>,
    pub opinions: Vec<GoldOpinion>,
}

/// Lower case, ё → е, trimmed, inner whitespace collapsed.
pub fn normalize(s: &str) -> String {
    dyad_lang::fold(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key names are compared by: [`normalize`], with every run of characters that are not
/// letters or digits turned into one space.
pub fn name_key(s: &str) -> String {
    let n: String = normalize(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    n.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The synonym groups of `synonyms.txt`.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    /// Name key → its (merged) group's name.
    group_name: HashMap<String, String>,
}

impl Synonyms {
    /// Parses `synonyms.txt`: a group a line, names separated by commas.
    pub fn parse(s: &str) -> Synonyms {
        let groups: Vec<Vec<String>> = s
            .lines()
            .map(|l| {
                l.split(',')
                    .map(name_key)
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .filter(|g: &Vec<String>| !g.is_empty())
            .collect();
        // Union-find over groups: groups that share a name are one.
        let mut parent: Vec<usize> = (0..groups.len()).collect();
        fn root(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        let mut first_group: HashMap<&str, usize> = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            for n in g {
                match first_group.get(n.as_str()) {
                    Some(&j) => {
                        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                        // The earlier group stays the root, so its first name names the union.
                        parent[a.max(b)] = a.min(b);
                    }
                    None => {
                        first_group.insert(n, i);
                    }
                }
            }
        }
        let mut group_name = HashMap::new();
        for (n, &i) in &first_group {
            let r = root(&mut parent, i);
            group_name.insert(n.to_string(), groups[r][0].clone());
        }
        Synonyms { group_name }
    }

    /// Reads a `synonyms.txt`.
    pub fn read(path: &Path) -> Result<Synonyms> {
        let s =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Ok(Synonyms::parse(&s))
    }

    /// The name of the group `name` belongs to, or its [`name_key`] when it is in none.
    pub fn canonical(&self, name: &str) -> String {
        let k = name_key(name);
        self.group_name.get(&k).cloned().unwrap_or(k)
    }

    /// The group of the first of `names` in a group, or the key of the first name.
    pub fn canonical_any(&self, names: &[String]) -> String {
        names
            .iter()
            .find_map(|n| self.group_name.get(&name_key(n)).cloned())
            .unwrap_or_else(|| names.first().map(|n| name_key(n)).unwrap_or_default())
    }

    /// Number of distinct names.
    pub fn len(&self) -> usize {
        self.group_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.group_name.is_empty()
    }
}

/// Parses an `.ann` file; lines that do not parse are skipped.
pub fn parse_ann(s: &str) -> Vec<RuSentRelEntity> {
    s.lines()
        .filter_map(|l| {
            let mut f = l.trim_end_matches('\r').splitn(3, '\t');
            let id = f.next()?;
            let mut head = f.next()?.split_whitespace();
            let value = f.next().unwrap_or("");
            let kind = head.next()?;
            let start: usize = head.next()?.parse().ok()?;
            let end: usize = head.next()?.parse().ok()?;
            Some(RuSentRelEntity {
                id: id.to_string(),
                kind: kind.to_string(),
                span: (start, end),
                value: value.to_string(),
            })
        })
        .collect()
}

/// Parses an `.opin.txt` file; lines without a pos/neg third field are skipped.
pub fn parse_opinions(s: &str) -> Vec<GoldOpinion> {
    s.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').map(str::trim).collect();
            let polarity = Polarity::parse(f.get(2)?)?;
            Some(GoldOpinion {
                source: normalize(f[0]),
                target: normalize(f[1]),
                polarity,
                tag: f.get(3).map(|t| t.to_string()).unwrap_or_default(),
            })
        })
        .collect()
}

/// The folder with the `artN` files: `dir` itself, or `dir/train` when `dir` has none.
pub fn docs_dir(dir: &Path) -> PathBuf {
    if dir.join("art1.txt").exists() || !dir.join("train").is_dir() {
        dir.to_path_buf()
    } else {
        dir.join("train")
    }
}

/// The synonyms of the collection: `synonyms.txt` in `dir` or the folder above the
/// documents; none when there is no such file.
pub fn read_synonyms(dir: &Path) -> Result<Synonyms> {
    let docs = docs_dir(dir);
    for p in [dir.join("synonyms.txt"), docs.join("../synonyms.txt")] {
        if p.exists() {
            return Synonyms::read(&p);
        }
    }
    Ok(Synonyms::default())
}

/// Names ("art1", …) of the documents of a folder with a `.txt`, in the order of their
/// numbers.
pub fn list_docs(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let file = entry?.file_name();
        let Some(f) = file.to_str() else { continue };
        let Some(stem) = f.strip_suffix(".txt") else {
            continue;
        };
        if !stem.contains('.') {
            names.push(stem.to_string());
        }
    }
    names.sort_by_key(|n| {
        let digits: String = n.chars().filter(char::is_ascii_digit).collect();
        (digits.parse::<u64>().unwrap_or(u64::MAX), n.clone())
    });
    Ok(names)
}

fn read_opt(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(s),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Reads `NAME.txt`, `NAME.ann` and `NAME.opin.txt` (the last two may be absent).
pub fn read_doc(dir: &Path, name: &str) -> Result<RuSentRelDoc> {
    let txt = dir.join(format!("{name}.txt"));
    let text =
        std::fs::read_to_string(&txt).with_context(|| format!("reading {}", txt.display()))?;
    Ok(RuSentRelDoc {
        name: name.to_string(),
        text: blank_author_marks(&text),
        entities: parse_ann(&read_opt(&dir.join(format!("{name}.ann")))?),
        opinions: parse_opinions(&read_opt(&dir.join(format!("{name}.opin.txt")))?),
    })
}

/// The collection opens each sentence with "{Author, Unknown}", the anchor of the author's
/// own attitudes (`.author.txt`, not scored). It is markup, not text: blanked with spaces
/// of the same length, so every offset of `.ann` still holds.
pub fn blank_author_marks(text: &str) -> String {
    const MARK: &str = "{Author, Unknown}";
    text.replace(MARK, &" ".repeat(MARK.len()))
}

/// Every document of a RuSentRel folder (the collection's root or its `train/`).
pub fn read_folder(dir: &Path) -> Result<Vec<RuSentRelDoc>> {
    let dir = docs_dir(dir);
    list_docs(&dir)?.iter().map(|n| read_doc(&dir, n)).collect()
}

/// Per-polarity sums of AREkit's per-document precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DocAveraged {
    pub precision: f64,
    pub recall: f64,
}

impl DocAveraged {
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision, self.recall);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores of [`score_attitudes`].
#[derive(Debug, Clone, Default)]
pub struct AttitudeScores {
    /// Micro counts over documents.
    pub pos: Prf,
    pub neg: Prf,
    /// AREkit's document-averaged precision and recall (see the module docs).
    pub pos_doc_averaged: DocAveraged,
    pub neg_doc_averaged: DocAveraged,
    pub documents: usize,
    /// Predicted pairs dropped for being predicted both pos and neg.
    pub contradictory: usize,
}

impl AttitudeScores {
    /// (F1 pos + F1 neg) / 2 over micro counts.
    pub fn macro_f1(&self) -> f64 {
        (self.pos.f1() + self.neg.f1()) / 2.0
    }

    /// (F1 pos + F1 neg) / 2 from document-averaged P and R, as RuSentRel papers report.
    pub fn doc_averaged_f1(&self) -> f64 {
        (self.pos_doc_averaged.f1() + self.neg_doc_averaged.f1()) / 2.0
    }
}

impl fmt::Display for AttitudeScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {}  gold pos {} neg {}  contradictory predicted pairs dropped {}",
            self.documents,
            self.pos.tp + self.pos.fn_,
            self.neg.tp + self.neg.fn_,
            self.contradictory
        )?;
        for (name, p) in [("pos", &self.pos), ("neg", &self.neg)] {
            writeln!(f, "{name} {p}")?;
        }
        writeln!(f, "macro F1={:.3}", self.macro_f1())?;
        for (name, d) in [
            ("pos", &self.pos_doc_averaged),
            ("neg", &self.neg_doc_averaged),
        ] {
            writeln!(
                f,
                "doc-averaged {name} P={:.3} R={:.3} F1={:.3}",
                d.precision,
                d.recall,
                d.f1()
            )?;
        }
        writeln!(f, "doc-averaged macro F1={:.3}", self.doc_averaged_f1())
    }
}

type Triple = (String, String, Polarity);

/// A predicted attitude. Each side is given by the names it goes by, the preferred first
/// ("Организация Североатлантического договора", "НАТО"): the collection names it by the
/// first of them in a synonym group.
pub type Predicted = (Vec<String>, Vec<String>, Polarity);

/// Canonical predicted triples: deduplicated, contradictory pairs dropped. Returns the set
/// and the number of pairs dropped.
pub fn canonical_predictions(syn: &Synonyms, predicted: &[Predicted]) -> (HashSet<Triple>, usize) {
    let mut by_pair: BTreeMap<(String, String), HashSet<Polarity>> = BTreeMap::new();
    for (s, t, p) in predicted {
        by_pair
            .entry((syn.canonical_any(s), syn.canonical_any(t)))
            .or_default()
            .insert(*p);
    }
    let mut dropped = 0;
    let mut out = HashSet::new();
    for ((s, t), ps) in by_pair {
        if ps.len() > 1 {
            dropped += 1;
        } else if let Some(&p) = ps.iter().next() {
            out.insert((s, t, p));
        }
    }
    (out, dropped)
}

/// Canonical gold triples of a document.
pub fn gold_triples(syn: &Synonyms, doc: &RuSentRelDoc) -> HashSet<Triple> {
    doc.opinions
        .iter()
        .map(|o| {
            (
                syn.canonical(&o.source),
                syn.canonical(&o.target),
                o.polarity,
            )
        })
        .collect()
}

/// AREkit's per-document ratio: `num / den`, or when `den` is 0, 1 where the document has
/// no gold of the polarity and 0 where it has.
fn ratio(num: usize, den: usize, gold_has: bool) -> f64 {
    if den > 0 {
        num as f64 / den as f64
    } else if gold_has {
        0.0
    } else {
        1.0
    }
}

/// Adds one document's counts to `scores` (divide the doc-averaged sums at the end: see
/// [`score_attitudes`]).
fn score_document(gold: &HashSet<Triple>, pred: &HashSet<Triple>, scores: &mut AttitudeScores) {
    for pol in [Polarity::Pos, Polarity::Neg] {
        let g: HashSet<&Triple> = gold.iter().filter(|t| t.2 == pol).collect();
        let p: HashSet<&Triple> = pred.iter().filter(|t| t.2 == pol).collect();
        let tp = g.intersection(&p).count();
        let (prf, avg) = match pol {
            Polarity::Pos => (&mut scores.pos, &mut scores.pos_doc_averaged),
            Polarity::Neg => (&mut scores.neg, &mut scores.neg_doc_averaged),
        };
        prf.tp += tp;
        prf.fp += p.len() - tp;
        prf.fn_ += g.len() - tp;
        avg.precision += ratio(tp, p.len(), !g.is_empty());
        avg.recall += ratio(tp, g.len(), !g.is_empty());
    }
    scores.documents += 1;
}

/// Scores `predict` (document → (subject, object, polarity) by name) over every document
/// of a RuSentRel folder (the collection's root, whose `synonyms.txt` is used, or `train/`).
pub fn score_attitudes(
    dir: &Path,
    mut predict: impl FnMut(&RuSentRelDoc) -> Vec<Predicted>,
) -> Result<AttitudeScores> {
    let syn = read_synonyms(dir)?;
    let mut scores = AttitudeScores::default();
    for doc in read_folder(dir)? {
        let gold = gold_triples(&syn, &doc);
        let (pred, dropped) = canonical_predictions(&syn, &predict(&doc));
        scores.contradictory += dropped;
        score_document(&gold, &pred, &mut scores);
    }
    let n = scores.documents.max(1) as f64;
    for d in [&mut scores.pos_doc_averaged, &mut scores.neg_doc_averaged] {
        d.precision /= n;
        d.recall /= n;
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYN: &str = "сша, соединенные штаты, америка\nроссия, рф\nасад, башар асад\n\
                       башар аль-асад, башар асад\nлариджани, али лариджани (ali larijani\n";

    fn t(s: &str, o: &str, p: Polarity) -> Predicted {
        (vec![s.to_string()], vec![o.to_string()], p)
    }

    #[test]
    fn synonyms_canonical_names() {
        let syn = Synonyms::parse(SYN);
        assert_eq!(syn.canonical("США"), "сша");
        assert_eq!(syn.canonical(" Америка "), "сша");
        assert_eq!(syn.canonical("РФ"), "россия");
        // Groups sharing "башар асад" are one; the earlier group names it.
        assert_eq!(syn.canonical("Башар аль-Асад"), "асад");
        assert_eq!(syn.canonical("Али Лариджани (Ali Larijani)"), "лариджани");
        // Not in any group: the key itself, ё → е.
        assert_eq!(syn.canonical("Лёвен"), "левен");
    }

    #[test]
    fn parses_ann_and_opinions() {
        let text = "{Author}\r\nРоссия и США.";
        let ann = "T1\tPER 1 7\tAuthor\r\nT2\tGEOPOLIT 10 16\tРоссия\r\n";
        let e = parse_ann(ann);
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].kind, "GEOPOLIT");
        let chars: Vec<char> = text.chars().collect();
        let v: String = chars[e[1].span.0..e[1].span.1].iter().collect();
        assert_eq!(v, e[1].value);
        let o = parse_opinions(
            "США, Россия, neg, current\r\nЁлки,Россия, pos, past\n\nбез, полярности\n",
        );
        assert_eq!(o.len(), 2);
        assert_eq!(
            (o[0].source.as_str(), o[0].polarity),
            ("сша", Polarity::Neg)
        );
        assert_eq!((o[1].source.as_str(), o[1].tag.as_str()), ("елки", "past"));
    }

    #[test]
    fn contradictory_pairs_are_dropped() {
        let syn = Synonyms::parse(SYN);
        let pred = [
            t("США", "Россия", Polarity::Neg),
            t("Америка", "РФ", Polarity::Pos),
            t("Россия", "Асад", Polarity::Pos),
            t("россия", "башар асад", Polarity::Pos),
        ];
        let (set, dropped) = canonical_predictions(&syn, &pred);
        assert_eq!(dropped, 1);
        assert_eq!(set.len(), 1);
        let want = ("россия".to_string(), "асад".to_string(), Polarity::Pos);
        assert!(set.contains(&want));
        // the first name the collection knows names the side
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            syn.canonical_any(&names(&["Российская Федерация", "РФ"])),
            "россия"
        );
        assert_eq!(syn.canonical_any(&names(&["Нигде", "Никак"])), "нигде");
    }

    #[test]
    fn scores_micro_and_doc_averaged() {
        let dir = std::env::temp_dir().join(format!("dyad-rusentrel-test-{}", std::process::id()));
        let train = dir.join("train");
        std::fs::create_dir_all(&train).unwrap();
        std::fs::write(dir.join("synonyms.txt"), SYN).unwrap();
        std::fs::write(train.join("art1.txt"), "США против России.").unwrap();
        std::fs::write(
            train.join("art1.opin.txt"),
            "США, Россия, neg, current\nРоссия, Асад, pos, current",
        )
        .unwrap();
        std::fs::write(train.join("art2.txt"), "Ничего.").unwrap();
        std::fs::write(train.join("art3.opin.txt"), "США, Россия, pos, current\n").unwrap();
        let predict = |d: &RuSentRelDoc| match d.name.as_str() {
            "art1" => vec![
                t("Америка", "РФ", Polarity::Neg),
                t("РФ", "США", Polarity::Neg),
            ],
            _ => vec![],
        };
        let s = score_attitudes(&dir, predict).unwrap();
        let gold = score_attitudes(&dir, |d| {
            d.opinions
                .iter()
                .map(|o| (vec![o.source.clone()], vec![o.target.clone()], o.polarity))
                .collect()
        })
        .unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(s.documents, 2, "art3 has no text");
        assert_eq!(
            s.neg,
            Prf {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.pos,
            Prf {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert!((s.macro_f1() - (2.0 / 3.0) / 2.0).abs() < 1e-12);
        // art1: neg P 1/2 R 1, pos P 0 R 0; art2 (no gold, no prediction): all 1.
        assert!((s.neg_doc_averaged.precision - 0.75).abs() < 1e-12);
        assert!((s.neg_doc_averaged.recall - 1.0).abs() < 1e-12);
        assert!((s.pos_doc_averaged.precision - 0.5).abs() < 1e-12);
        let text = s.to_string();
        assert!(
            text.contains("neg P=0.500 R=1.000 F1=0.667 (tp 1 fp 1 fn 0)"),
            "{text}"
        );
        assert!(text.contains("macro F1=0.333"), "{text}");
        assert_eq!((gold.macro_f1(), gold.doc_averaged_f1()), (1.0, 1.0));
    }

    /// The gold of the real collection against itself, when `../shared/bench` is there.
    #[test]
    fn collection_gold_against_itself() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/rusentrel-1.1");
        if !dir.exists() {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        }
        let syn = read_synonyms(&dir).unwrap();
        assert!(!syn.is_empty());
        assert_eq!(syn.canonical("США"), syn.canonical("америка"));
        let gold = score_attitudes(&dir, |d| {
            d.opinions
                .iter()
                .map(|o| (vec![o.source.clone()], vec![o.target.clone()], o.polarity))
                .collect()
        })
        .unwrap();
        eprintln!("{gold}");
        assert!(gold.documents > 0 && gold.pos.tp > 0 && gold.neg.tp > 0);
        assert_eq!(
            (gold.macro_f1(), gold.doc_averaged_f1()),
            (1.0, 1.0),
            "{gold}"
        );
        assert_eq!(gold.contradictory, 0);
        let empty = score_attitudes(&dir, |_| Vec::new()).unwrap();
        assert_eq!(empty.macro_f1(), 0.0);
    }
}
