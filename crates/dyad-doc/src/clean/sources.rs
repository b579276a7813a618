//! Who published an article and whom it cites: "Как передает Day.Az, об этом сказал Trend …",
//! "Icma.az, ссылаясь на сайт Caliber.az, сообщает …", "об этом сообщили в британском
//! посольстве", "Источник: https://caliber.az". Names and cue words live in
//! `data/sources.toml`.

use regex::{Captures, Regex};
use serde::Deserialize;
use std::sync::LazyLock;

/// The outlet that published the text and the sources it cites, canonical names, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    pub outlet: Option<String>,
    pub via: Vec<String>,
}

#[derive(Deserialize)]
struct Data {
    outlets: Vec<OutletData>,
    institutions: Vec<Institution>,
    report_verbs: Vec<String>,
    outlet_kinds: Vec<String>,
    as_reports_verbs: Vec<String>,
    told_verbs: Vec<String>,
    citing_phrases: Vec<String>,
    outlet_citing_phrase: String,
    institution_report_verbs: Vec<String>,
    interview: String,
    interview_adjectives: Vec<String>,
    source_label: String,
    cue_stems: Vec<String>,
}

#[derive(Deserialize)]
struct OutletData {
    forms: Vec<String>,
    domains: Vec<String>,
}

#[derive(Deserialize)]
struct Institution {
    prep: String,
    nom: String,
    gender: String,
}

struct Patterns {
    outlets: Vec<OutletData>,
    /// Any cue word of the patterns below: paragraphs without one are not searched at all.
    cue_gate: aho_corasick::packed::Searcher,
    /// Any reporting verb: paragraphs without one are not searched for institutions.
    verb_gate: aho_corasick::packed::Searcher,
    institutions: Vec<Institution>,
    /// "Icma.az, ссылаясь на сайт Caliber.az"
    outlet_citing: Regex,
    /// "Как передает Day.Az"
    as_reports: Regex,
    /// ", об этом сказал Trend"
    told_to: Regex,
    /// "со ссылкой на …", "по данным …"
    citing: Regex,
    /// "сообщили в британском посольстве в Азербайджане"
    institution_after: Regex,
    /// "В дипмиссии отметили"
    institution_before: Regex,
    /// ", сообщает Министерство обороны Азербайджана"
    institution_reports: Regex,
    /// "в эксклюзивном интервью Report"
    interview: Regex,
    /// "Источник: https://caliber.az"
    source_line: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let data: Data = toml::from_str(include_str!("../../data/sources.toml"))
        .expect("data/sources.toml is valid");
    let mut forms: Vec<&str> = data
        .outlets
        .iter()
        .flat_map(|o| o.forms.iter().map(String::as_str))
        .collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let known = forms
        .iter()
        .map(|f| regex::escape(f))
        .collect::<Vec<_>>()
        .join("|");
    // a known name, a Latin-script name ("Trend", "Day.Az", "APA"), or a «quoted» one
    let name = format!(
        r"(?:{known}|[A-Z][A-Za-z0-9&-]*(?:\.[A-Za-z]{{2,4}})?(?:\s[A-Z][A-Za-z0-9]+)?|«[^»]{{2,40}}»)"
    );
    let kinds = data
        .outlet_kinds
        .iter()
        .map(|k| regex::escape(k))
        .collect::<Vec<_>>()
        .join("|");
    let kind = format!(r"(?:(?:{kinds})\s+)?");
    let verbs = data
        .report_verbs
        .iter()
        .map(|v| regex::escape(v))
        .collect::<Vec<_>>()
        .join("|");
    let mut preps: Vec<&str> = data.institutions.iter().map(|i| i.prep.as_str()).collect();
    preps.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let preps = preps
        .iter()
        .map(|p| regex::escape(p))
        .collect::<Vec<_>>()
        .join("|");
    // an institution in the prepositional case, with an agreeing adjective and a complement:
    // "британском посольстве в Азербайджане", "пресс-службе правительства Армении"
    let inst = format!(
        r"(?P<adj>[а-яё-]+(?:ом|ем|ой|ей)\s+)?(?P<noun>{preps})(?P<compl>(?:\s+(?:[а-яё-]+(?:а|я|ы|и|ов|ей|ых|их)|[А-ЯЁ][а-яё-]+)){{0,3}}(?:\s+(?:в|при)\s+[А-ЯЁ][а-яё]+)?)"
    );
    // the same institutions in the nominative, capitalised as they open a name
    let noms = data
        .institutions
        .iter()
        .map(|i| {
            let mut c = i.nom.chars();
            let first: String = c
                .next()
                .map(|f| f.to_uppercase().collect())
                .unwrap_or_default();
            regex::escape(&format!("{first}{}", c.as_str()))
        })
        .collect::<Vec<_>>()
        .join("|");
    // the cue words and phrases of `data/sources.toml`, a phrase's words apart by any spaces
    let as_reports_verbs = alternation(&data.as_reports_verbs);
    let told_verbs = alternation(&data.told_verbs);
    let citing_phrases = alternation(&data.citing_phrases);
    let outlet_citing = phrase(&data.outlet_citing_phrase);
    let institution_report_verbs = alternation(&data.institution_report_verbs);
    let interview = phrase(&data.interview);
    let interview_adjectives = alternation(&data.interview_adjectives);
    let source_label = phrase(&data.source_label);
    let re = |p: String| Regex::new(&p).expect("source pattern");
    Patterns {
        outlet_citing: re(format!(
            r"^(?P<outlet>{name}),?\s+{outlet_citing}\s+{kind}(?P<via>{name})"
        )),
        as_reports: re(format!(
            r"(?:^|[.!?]\s+)[Кк]ак\s+(?:{as_reports_verbs})\s+{kind}(?P<name>{name})"
        )),
        told_to: re(format!(
            r"^,?\s*об\s+этом\s+(?:{told_verbs})\s+{kind}(?P<name>{name})"
        )),
        citing: re(format!(r"(?i:{citing_phrases})\s+{kind}(?P<name>{name})")),
        institution_after: re(format!(r"(?:{verbs})\s+в\s+{inst}")),
        institution_before: re(format!(r"(?:^|[.!?,]\s+)[Вв]\s+{inst}\s+(?:{verbs})")),
        institution_reports: re(format!(
            r"(?:{institution_report_verbs})\s+(?P<name>(?:{noms})(?:\s+[а-яё-]+(?:а|я|ы|и|ов|ей|ых|их)){{0,3}}(?:\s+[А-ЯЁ][а-яё-]+)?)"
        )),
        interview: re(format!(
            r"[Вв]\s+(?:(?:{interview_adjectives})\s+)?{interview}\s+{kind}(?P<name>{name})"
        )),
        source_line: re(format!(r"^(?i:{source_label})\s*:\s*(?P<src>\S.*)$")),
        cue_gate: gate(
            data.cue_stems
                .iter()
                .map(String::as_str)
                .chain(data.report_verbs.iter().map(String::as_str)),
        ),
        verb_gate: gate(data.report_verbs.iter().map(String::as_str)),
        outlets: data.outlets,
        institutions: data.institutions,
    }
});

/// A cue phrase as a regex: its words escaped, apart by any spaces ("со ссылкой на").
fn phrase(p: &str) -> String {
    p.split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// Cue phrases as the alternatives of a regex group.
fn alternation(phrases: &[String]) -> String {
    phrases
        .iter()
        .map(|p| phrase(p))
        .collect::<Vec<_>>()
        .join("|")
}

/// A multi-word matcher for gating: the SIMD "packed" searcher, made for a few dozen short
/// patterns (the general automaton's rare-byte prefilter finds Cyrillic lead bytes
/// everywhere in Russian text and crawls).
fn gate<'a>(words: impl Iterator<Item = &'a str>) -> aho_corasick::packed::Searcher {
    let mut b = aho_corasick::packed::Config::new().builder();
    b.extend(words);
    b.build()
        .expect("a few dozen short gate words fit the packed searcher")
}

/// The canonical name of an outlet written as `name` (a form or a web address), if listed.
pub fn canonical_outlet(name: &str) -> Option<&'static str> {
    let p = &*PATTERNS;
    let name = name.trim().trim_matches(['«', '»', '"']);
    if let Some(o) = p.outlets.iter().find(|o| o.forms.iter().any(|f| f == name)) {
        return Some(o.forms[0].as_str());
    }
    let host = host_of(name)?;
    p.outlets
        .iter()
        .find(|o| {
            o.domains
                .iter()
                .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        })
        .map(|o| o.forms[0].as_str())
}

/// The host of a web address, lower-case, without `www.` ("https://www.caliber.az/x" → "caliber.az").
fn host_of(s: &str) -> Option<String> {
    let s = s.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let host = rest.split(['/', '?', '#', ' ']).next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.contains(char::is_whitespace)).then_some(host)
}

fn outlet_name(raw: &str) -> String {
    canonical_outlet(raw)
        .map(str::to_string)
        .unwrap_or_else(|| raw.trim().trim_matches(['«', '»']).to_string())
}

/// The nominative of an institution phrase matched by the patterns.
fn institution_name(c: &Captures) -> String {
    let p = &*PATTERNS;
    let noun = &c["noun"];
    let inst = p
        .institutions
        .iter()
        .find(|i| i.prep == noun)
        .expect("the pattern lists only known nouns");
    let mut out = String::new();
    if let Some(adj) = c.name("adj") {
        out.push_str(&adjective_nominative(adj.as_str().trim(), &inst.gender));
        out.push(' ');
    }
    out.push_str(&inst.nom);
    out.push_str(c.name("compl").map_or("", |m| m.as_str()));
    out
}

/// "британском" + neuter → "британское". Covers the regular adjective endings.
fn adjective_nominative(adj: &str, gender: &str) -> String {
    let swaps: &[(&str, &str)] = match gender {
        "m" => &[
            ("ском", "ский"),
            ("цком", "цкий"),
            ("ком", "кий"),
            ("ом", "ый"),
            ("ем", "ий"),
        ],
        "f" => &[("ой", "ая"), ("ей", "яя")],
        "pl" => &[("ых", "ые"), ("их", "ие")],
        _ => &[("ом", "ое"), ("ем", "ее")],
    };
    for (from, to) in swaps {
        if let Some(stem) = adj.strip_suffix(from) {
            return format!("{stem}{to}");
        }
    }
    adj.to_string()
}

fn push_unique(list: &mut Vec<String>, name: String) {
    if !name.is_empty() && !list.contains(&name) {
        list.push(name);
    }
}

/// How many leading paragraphs may carry the outlet's own "Как передает X".
const LEAD_PARAGRAPHS: usize = 3;

/// Finds the outlet and the cited sources in the article's paragraphs and in the furniture
/// lines around it. `site_name` is what the container says (HTML `og:site_name`).
pub fn find(paragraphs: &[&str], furniture: &[&str], site_name: Option<&str>) -> Sources {
    let p = &*PATTERNS;
    let mut outlet = site_name.map(outlet_name);
    let mut via: Vec<String> = Vec::new();
    let mut institutions: Vec<(String, bool)> = Vec::new();
    let mut interview: Option<String> = None;

    for (n, para) in paragraphs.iter().enumerate() {
        if p.cue_gate.find(para).is_none() {
            continue;
        }
        if let Some(c) = p.outlet_citing.captures(para) {
            let o = outlet_name(&c["outlet"]);
            match &outlet {
                None => outlet = Some(o),
                Some(existing) if *existing != o => push_unique(&mut via, o),
                _ => {}
            }
            push_unique(&mut via, outlet_name(&c["via"]));
        }
        // citations in the order they are written
        let mut cited: Vec<(usize, String)> = Vec::new();
        for c in p.as_reports.captures_iter(para) {
            let name = outlet_name(&c["name"]);
            let end = c.get(0).expect("group 0").end();
            if outlet.is_none() && n < LEAD_PARAGRAPHS {
                outlet = Some(name);
            } else {
                cited.push((end, name));
            }
            if let Some(t) = p.told_to.captures(&para[end..]) {
                cited.push((end + 1, outlet_name(&t["name"])));
            }
        }
        for c in p.citing.captures_iter(para) {
            cited.push((c.get(0).expect("group 0").end(), outlet_name(&c["name"])));
        }
        for c in p.institution_reports.captures_iter(para) {
            cited.push((c.get(0).expect("group 0").end(), c["name"].to_string()));
        }
        cited.sort_by_key(|(at, _)| *at);
        for (_, name) in cited {
            push_unique(&mut via, name);
        }
        let has_verb = p.verb_gate.find(para).is_some();
        let after = has_verb
            .then(|| p.institution_after.captures_iter(para))
            .into_iter()
            .flatten();
        let before = has_verb
            .then(|| p.institution_before.captures_iter(para))
            .into_iter()
            .flatten();
        for c in after.chain(before) {
            let bare = c.name("adj").is_none()
                && c.name("compl").is_none_or(|m| m.as_str().trim().is_empty());
            institutions.push((institution_name(&c), bare));
        }
        if interview.is_none() {
            interview = p.interview.captures(para).map(|c| outlet_name(&c["name"]));
        }
    }
    for line in furniture {
        if let Some(c) = p.source_line.captures(line.trim()) {
            let src = c["src"].trim();
            let name = canonical_outlet(src)
                .map(str::to_string)
                .or_else(|| host_of(src))
                .unwrap_or_else(|| src.to_string());
            push_unique(&mut via, name);
        }
    }
    // a bare "в посольстве" refers back to an institution already named in full
    let named_fully = institutions.iter().any(|(_, bare)| !bare);
    for (name, bare) in institutions {
        if !(bare && named_fully) {
            push_unique(&mut via, name);
        }
    }
    if outlet.is_none() {
        outlet = interview;
    } else if let Some(i) = interview {
        push_unique(&mut via, i);
    }
    if let Some(o) = &outlet {
        via.retain(|v| v != o);
    }
    Sources { outlet, via }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(paras: &[&str]) -> Sources {
        find(paras, &[], None)
    }

    #[test]
    fn outlet_reports_what_an_agency_was_told() {
        let r = s(&[
            "Отношения вышли на новый уровень.",
            "Как передает Day.Az, об этом сказал Trend эксперт Иван Петров.",
        ]);
        assert_eq!(r.outlet.as_deref(), Some("Day.Az"));
        assert_eq!(r.via, vec!["Trend"]);
    }

    #[test]
    fn aggregator_citing_a_site() {
        let r = find(
            &["Icma.az, ссылаясь на сайт Caliber.az, сообщает, что посол вручил грамоты."],
            &["Источник: https://caliber.az"],
            None,
        );
        assert_eq!(r.outlet.as_deref(), Some("Icma.az"));
        assert_eq!(r.via, vec!["Caliber.az"]);
    }

    #[test]
    fn institutions_in_the_nominative() {
        let r = s(&[
            "Как передает Report, об этом сообщили в британском посольстве в Азербайджане.",
            "В дипмиссии отметили, что визит прошел успешно, как указали в посольстве.",
        ]);
        assert_eq!(r.outlet.as_deref(), Some("Report"));
        assert_eq!(r.via, vec!["британское посольство в Азербайджане"]);
        let r = s(&["Об этом сообщили в пресс-службе правительства Армении."]);
        assert_eq!(r.via, vec!["пресс-служба правительства Армении"]);
    }

    #[test]
    fn interview_names_the_outlet_when_nothing_else_does() {
        let r = s(&["В эксклюзивном интервью Report министр рассказал о планах."]);
        assert_eq!(r.outlet.as_deref(), Some("Report"));
        let r = find(
            &["В интервью Report министр рассказал о планах."],
            &[],
            Some("Trend"),
        );
        assert_eq!(r.outlet.as_deref(), Some("Trend"));
        assert_eq!(r.via, vec!["Report"]);
    }

    #[test]
    fn known_cyrillic_names_and_citations() {
        let r = find(&["По данным ТАСС, переговоры продолжатся. Как сообщает РИА Новости, встреча прошла в Москве."], &[], Some("Коммерсантъ"));
        assert_eq!(r.outlet.as_deref(), Some("Коммерсант"));
        assert_eq!(r.via, vec!["ТАСС", "РИА Новости"]);
    }

    #[test]
    fn an_institution_named_in_the_nominative() {
        let r =
            s(&["Армии двух стран провели учения, сообщает Министерство обороны Азербайджана."]);
        assert_eq!(r.via, vec!["Министерство обороны Азербайджана"]);
    }

    #[test]
    fn every_cue_passes_the_gate() {
        // a paragraph is searched only when the gate finds a stem or a report verb in it
        let data: Data = toml::from_str(include_str!("../../data/sources.toml")).unwrap();
        let gate: Vec<&String> = data.cue_stems.iter().chain(&data.report_verbs).collect();
        let cues = data
            .as_reports_verbs
            .iter()
            .chain(&data.citing_phrases)
            .chain(&data.institution_report_verbs)
            .chain([
                &data.outlet_citing_phrase,
                &data.interview,
                &data.source_label,
            ]);
        for cue in cues {
            assert!(gate.iter().any(|g| cue.contains(g.as_str())), "{cue}");
        }
    }

    #[test]
    fn nothing_cited() {
        assert_eq!(
            s(&["Министр прибыл в Баку. Стороны обсудили сотрудничество."]),
            Sources::default()
        );
    }
}
