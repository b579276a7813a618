//! The PLOVER lexicon: `data/lexicon/*.toml`, one file per type, each a list of frames —
//! the words that say an event and which of their dependents are its actor, recipient and
//! place. The format is in `data/lexicon/README.md`; [`load`] reads and checks every file.

use serde::Deserialize;
use std::collections::HashMap;

/// The lexicon's files, one per type, in the order their frames are tried.
const FILES: &[(&str, &str)] = &[
    ("agree", include_str!("../data/lexicon/agree.toml")),
    ("consult", include_str!("../data/lexicon/consult.toml")),
    ("support", include_str!("../data/lexicon/support.toml")),
    ("concede", include_str!("../data/lexicon/concede.toml")),
    ("cooperate", include_str!("../data/lexicon/cooperate.toml")),
    ("aid", include_str!("../data/lexicon/aid.toml")),
    ("retreat", include_str!("../data/lexicon/retreat.toml")),
    ("request", include_str!("../data/lexicon/request.toml")),
    ("accuse", include_str!("../data/lexicon/accuse.toml")),
    ("reject", include_str!("../data/lexicon/reject.toml")),
    ("threaten", include_str!("../data/lexicon/threaten.toml")),
    ("protest", include_str!("../data/lexicon/protest.toml")),
    ("sanction", include_str!("../data/lexicon/sanction.toml")),
    ("mobilize", include_str!("../data/lexicon/mobilize.toml")),
    ("coerce", include_str!("../data/lexicon/coerce.toml")),
    ("assault", include_str!("../data/lexicon/assault.toml")),
    ("statement", include_str!("../data/lexicon/statement.toml")),
];

/// The PLOVER types and STATEMENT.
pub use dyad_record::PLOVER_TYPES as TYPES;

/// A case as a slot names it (the morphology's grammeme names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    Nomn,
    Gent,
    Datv,
    Accs,
    Ablt,
    Loct,
}

impl Case {
    fn parse(s: &str) -> Option<Case> {
        Some(match s {
            "nomn" => Case::Nomn,
            "gent" => Case::Gent,
            "datv" => Case::Datv,
            "accs" => Case::Accs,
            "ablt" => Case::Ablt,
            "loct" => Case::Loct,
            _ => return None,
        })
    }
}

/// A dependent of the trigger that fills a role.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The subject.
    Subj,
    /// The direct object.
    Obj,
    /// A possessive or a state adjective on a noun.
    Poss,
    /// A noun in this case with no preposition.
    Bare(Case),
    /// A noun governed through a preposition (one or more words), in a case if given.
    Prep(String, Option<Case>),
}

/// Prepositions a slot may name: simple ones, and compound ones as written.
const PREPOSITIONS: &[&str] = &[
    "с",
    "со",
    "в",
    "во",
    "на",
    "к",
    "ко",
    "против",
    "у",
    "от",
    "для",
    "по",
    "за",
    "из",
    "о",
    "об",
    "при",
    "между",
    "перед",
    "через",
    "под",
    "над",
    "вокруг",
    "в адрес",
    "в отношении",
    "по отношению к",
    "в связи с",
    "со стороны",
];

impl Slot {
    /// A slot as the lexicon writes it ("subj", "datv", "с", "в+accs", "в адрес").
    pub fn parse(s: &str) -> Result<Slot, String> {
        match s {
            "subj" => return Ok(Slot::Subj),
            "obj" => return Ok(Slot::Obj),
            "poss" => return Ok(Slot::Poss),
            _ => {}
        }
        if let Some(c) = Case::parse(s) {
            return Ok(Slot::Bare(c));
        }
        let (prep, case) = match s.split_once('+') {
            Some((p, c)) => (
                p,
                Some(Case::parse(c).ok_or_else(|| format!("unknown case {c:?} in slot {s:?}"))?),
            ),
            None => (s, None),
        };
        if PREPOSITIONS.contains(&prep) {
            Ok(Slot::Prep(prep.to_string(), case))
        } else {
            Err(format!("unknown slot {s:?}"))
        }
    }
}

/// Whether a frame holds only when its object is judged negatively or positively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    Negative,
    Positive,
}

/// One frame as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frame {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub contexts: Vec<String>,
    pub lemmas: Vec<String>,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default)]
    pub actor: Vec<String>,
    #[serde(default)]
    pub recipient: Vec<String>,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub recipient_kinds: Vec<String>,
    #[serde(default)]
    pub symmetric: bool,
    #[serde(default)]
    pub tone: Option<Tone>,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub context_words: HashMap<String, String>,
}

impl Frame {
    /// The actor slots, parsed (checked at load).
    pub fn actor_slots(&self) -> Vec<Slot> {
        parse_all(&self.actor)
    }

    /// The recipient slots, parsed (checked at load).
    pub fn recipient_slots(&self) -> Vec<Slot> {
        parse_all(&self.recipient)
    }
}

fn parse_all(v: &[String]) -> Vec<Slot> {
    v.iter().filter_map(|s| Slot::parse(s).ok()).collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    frame: Vec<Frame>,
}

/// Every frame of the lexicon, in file order; an error names the file and what is wrong.
pub fn load() -> Result<Vec<Frame>, String> {
    let mut out = Vec::new();
    for (name, text) in FILES {
        let file: File =
            toml::from_str(text).map_err(|e| format!("data/lexicon/{name}.toml: {e}"))?;
        for (i, f) in file.frame.into_iter().enumerate() {
            check(&f).map_err(|e| format!("data/lexicon/{name}.toml, frame {}: {e}", i + 1))?;
            if f.kind.to_lowercase() != *name {
                return Err(format!(
                    "data/lexicon/{name}.toml, frame {}: type {} belongs in its own file",
                    i + 1,
                    f.kind
                ));
            }
            out.push(f);
        }
    }
    Ok(out)
}

fn check(f: &Frame) -> Result<(), String> {
    if !TYPES.contains(&f.kind.as_str()) {
        return Err(format!("unknown type {:?}", f.kind));
    }
    if f.lemmas.is_empty() {
        return Err("no lemmas".into());
    }
    for l in f
        .lemmas
        .iter()
        .chain(&f.needs)
        .chain(f.context_words.keys())
    {
        if l.contains(' ') || l.contains('ё') || *l != l.to_lowercase() {
            return Err(format!(
                "lemma {l:?}: one word, lower case, е for ё (put a second word in needs)"
            ));
        }
    }
    for s in f.actor.iter().chain(&f.recipient) {
        Slot::parse(s)?;
    }
    if !matches!(f.place.as_str(), "" | "destination") {
        return Err(format!("place {:?}: only \"destination\"", f.place));
    }
    for k in &f.recipient_kinds {
        if !matches!(k.as_str(), "PER" | "ORG" | "GPE") {
            return Err(format!("recipient kind {k:?}: PER, ORG or GPE"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_and_every_frame_checks() {
        let frames = load().unwrap_or_else(|e| panic!("{e}"));
        assert!(!frames.is_empty());
    }

    /// A lemma the dictionary does not know is most likely misspelt (abbreviations of up to
    /// four letters, "рсзо", "пво", excepted).
    #[test]
    fn every_lemma_is_a_word_the_morphology_knows() {
        let morph = match dyad_morph::Morph::load() {
            Ok(m) => m,
            Err(e) => {
                eprintln!("note: lemmas not checked: {e}");
                return;
            }
        };
        let mut unknown = Vec::new();
        for f in load().unwrap() {
            for l in f.lemmas.iter().chain(&f.needs) {
                let abbreviation = l.chars().count() <= 4;
                if !abbreviation && !morph.parse(l).iter().any(|p| p.is_known()) {
                    unknown.push(format!("{} {l}", f.kind));
                }
            }
        }
        assert!(unknown.is_empty(), "unknown lemmas: {unknown:?}");
    }

    /// Lemmas are written in dictionary form (a participle standing for a noun, "задержанный",
    /// as itself): a `needs` word is matched by its lemma, and one lexeme written two ways
    /// ("войска" here, "войско" there) would match under one spelling only.
    #[test]
    fn every_lemma_is_in_dictionary_form() {
        let morph = match dyad_morph::Morph::load() {
            Ok(m) => m,
            Err(e) => {
                eprintln!("note: lemmas not checked: {e}");
                return;
            }
        };
        let mut wrong = Vec::new();
        for f in load().unwrap() {
            for l in f
                .lemmas
                .iter()
                .chain(&f.needs)
                .chain(f.context_words.keys())
            {
                let parses: Vec<_> = morph
                    .parse(l)
                    .into_iter()
                    .filter(|p| p.is_known())
                    .collect();
                let dictionary_form = parses.iter().any(|p| {
                    p.normal_form.replace('ё', "е") == *l || p.tag.has(dyad_morph::Grammeme::Prtf)
                });
                let abbreviation = l.chars().count() <= 4;
                if !parses.is_empty() && !dictionary_form && !abbreviation {
                    wrong.push(format!("{} {l}", f.kind));
                }
            }
        }
        assert!(wrong.is_empty(), "not in dictionary form: {wrong:?}");
    }

    /// The modes of the manual's mode tables (REQUEST and REJECT share theirs); the types
    /// with no table take none.
    fn modes_of(kind: &str) -> &'static [&'static str] {
        match kind {
            "CONSULT" => &["visit", "third-party", "multilateral", "phone"],
            "RETREAT" => &[
                "withdraw",
                "release",
                "disarm",
                "ceasefire",
                "access",
                "resign",
            ],
            "REQUEST" | "REJECT" => &["assist", "change", "yield", "meet"],
            "ACCUSE" => &["disapprove", "investigate", "allege"],
            "THREATEN" => &[
                "restrict",
                "arrest",
                "relations",
                "expel",
                "territory",
                "violence",
            ],
            "PROTEST" => &[
                "demo",
                "riot",
                "strike",
                "hunger",
                "boycott",
                "obstruct",
                "vandalize",
            ],
            "SANCTION" => &["convict", "expel", "withdraw", "discontinue"],
            "MOBILIZE" => &["troops", "weapons", "police", "militia"],
            "COERCE" => &[
                "seize",
                "restrict",
                "censor",
                "curfew",
                "martial-law",
                "arrest",
                "deport",
                "withhold",
                "misinformation",
                "cyber",
            ],
            "ASSAULT" => &[
                "abduct",
                "beat",
                "torture",
                "sexual",
                "targeted",
                "destroy",
                "primitive",
                "firearms",
                "explosives",
                "suicide-attack",
                "aerial",
                "drone",
                "heavy-weapons",
                "crowd-control",
                "unconventional",
            ],
            _ => &[],
        }
    }

    /// The manual's general contexts, and "humanitarian", which its CAMEO table uses.
    const CONTEXTS: &[&str] = &[
        "military",
        "intelligence",
        "executive",
        "legislative",
        "election",
        "political_institutions",
        "pro_democracy",
        "pro_autocracy",
        "economic",
        "legal",
        "reparations",
        "human_rights",
        "rights_freedoms",
        "repression",
        "human_security",
        "gender",
        "lgbt",
        "religion_ethnicity",
        "inequality",
        "diplomatic",
        "territory",
        "peacekeeping",
        "health",
        "asylum",
        "migration",
        "disasters",
        "natural_resource",
        "environment",
        "technology",
        "terrorism",
        "cbrn",
        "cyber",
        "misinformation",
        "crime",
        "corruption",
        "illegal_drugs",
        "trafficking",
        "humanitarian",
    ];

    #[test]
    fn every_mode_and_context_is_plovers() {
        let mut wrong = Vec::new();
        for f in load().unwrap() {
            if !f.mode.is_empty() && !modes_of(&f.kind).contains(&f.mode.as_str()) {
                wrong.push(format!("{} mode {}", f.kind, f.mode));
            }
            for c in f.contexts.iter().chain(f.context_words.values()) {
                if !CONTEXTS.contains(&c.as_str()) {
                    wrong.push(format!("{} context {c}", f.kind));
                }
            }
        }
        assert!(wrong.is_empty(), "not in the manual: {wrong:?}");
    }

    /// A lemma in two frames must be told apart by them: by disjoint `needs`, by `tone` or by
    /// `recipient_kinds` — or the frame with `needs` comes first (frames are tried in order:
    /// the specific one before the general one).
    #[test]
    fn a_lemma_in_two_frames_is_told_apart() {
        let frames = load().unwrap();
        let mut clashes = Vec::new();
        for (i, a) in frames.iter().enumerate() {
            for b in &frames[i + 1..] {
                if a.tone != b.tone || a.recipient_kinds != b.recipient_kinds {
                    continue;
                }
                let shared: Vec<&String> =
                    a.lemmas.iter().filter(|l| b.lemmas.contains(l)).collect();
                if shared.is_empty() {
                    continue;
                }
                let apart = match (a.needs.is_empty(), b.needs.is_empty()) {
                    (false, false) => !a.needs.iter().any(|n| b.needs.contains(n)),
                    (false, true) => true,
                    _ => false,
                };
                if !apart {
                    clashes.push(format!(
                        "{:?}: {} {} / {} {}",
                        shared, a.kind, a.mode, b.kind, b.mode
                    ));
                }
            }
        }
        assert!(
            clashes.is_empty(),
            "lemmas in frames not told apart: {clashes:?}"
        );
    }

    #[test]
    fn slots_parse() {
        assert_eq!(Slot::parse("subj"), Ok(Slot::Subj));
        assert_eq!(Slot::parse("datv"), Ok(Slot::Bare(Case::Datv)));
        assert_eq!(
            Slot::parse("в+accs"),
            Ok(Slot::Prep("в".into(), Some(Case::Accs)))
        );
        assert_eq!(
            Slot::parse("в адрес"),
            Ok(Slot::Prep("в адрес".into(), None))
        );
        assert!(Slot::parse("в+dative").is_err());
        assert!(Slot::parse("сквозь").is_err());
    }
}
