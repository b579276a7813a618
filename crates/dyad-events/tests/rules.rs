//! The event stage's rules, on texts written for these tests. Needs the models (`dyad
//! models fetch`); without them the tests print a note and pass.

use chrono::NaiveDate;
use dyad_events::{extract, Aux, Event, EventModel};
use dyad_link::Entity;
use dyad_mentions::Language;
use dyad_syntax::SlovnetSyntax;
use std::sync::OnceLock;

fn setup() -> Option<&'static (Language, EventModel, SlovnetSyntax)> {
    static L: OnceLock<Option<(Language, EventModel, SlovnetSyntax)>> = OnceLock::new();
    L.get_or_init(|| match (Language::load(), SlovnetSyntax::load()) {
        (Ok(l), Ok(syntax)) => {
            let m = EventModel::new(l.morph());
            Some((l, m, syntax))
        }
        (Err(e), _) => {
            eprintln!("note: skipping the event rules: {e}");
            None
        }
        (_, Err(e)) => {
            eprintln!("note: skipping the event rules: {e}");
            None
        }
    })
    .as_ref()
}

/// The events of `text` published on `published`, with their entities.
fn events(text: &str, published: &str) -> Option<(Vec<Entity>, Vec<Event>)> {
    let (lang, model, syntax) = setup()?;
    let date = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    let mut annotated = dyad_lang::Annotated::new(text, date);
    annotated.deps = syntax.parse_annotated(&annotated);
    let mentions = lang.mentions(&annotated);
    let entities = dyad_link::link(lang, &annotated, &mentions);
    let events = extract(model, lang, &annotated, &entities);
    Some((entities, events))
}

fn names(es: &[Entity], v: &[usize]) -> Vec<String> {
    v.iter().map(|&i| es[i].name.clone()).collect()
}

#[test]
fn a_negated_and_a_future_visit() {
    let Some((es, evs)) = events(
        "Министр иностранных дел Турции Хакан Фидан не посетит Ереван. \
         Президент Франции Эммануэль Макрон посетит Армению в следующем году.",
        "2025-06-01",
    ) else {
        return;
    };
    let armenia: Vec<&Event> = evs
        .iter()
        .filter(|e| e.kind == "CONSULT" && e.mode.as_deref() == Some("visit"))
        .collect();
    assert!(
        armenia
            .iter()
            .any(|e| names(&es, &e.actor) == ["Эммануэль Макрон"]
                && e.aux == Some(Aux::Future)
                && e.date.as_deref() == Some("2026")),
        "{evs:#?}"
    );
    assert!(
        evs.iter()
            .all(|e| names(&es, &e.actor) != ["Хакан Фидан"] || e.aux == Some(Aux::Negated)),
        "{evs:#?}"
    );
}

#[test]
fn a_list_of_meetings_is_one_event_with_every_recipient() {
    let Some((es, evs)) = events(
        "Лорд Коакер провел встречи с президентом Азербайджана Ильхамом Алиевым, министром \
         обороны Закиром Гасановым и министром оборонной промышленности Вюгаром Мустафаевым.",
        "2025-12-04",
    ) else {
        return;
    };
    let meeting = evs.iter().find(|e| e.kind == "CONSULT").expect("a meeting");
    assert_eq!(
        names(&es, &meeting.recipient),
        ["Ильхам Алиев", "Закир Гасанов", "Вюгар Мустафаев"]
    );
    assert_eq!(names(&es, &meeting.actor), ["Вернон Коакер"]);
}

#[test]
fn the_agent_of_a_noun_and_a_date_relative_to_publication() {
    let Some((es, evs)) = events(
        "Важным шагом стало снятие Великобританией в этом году эмбарго на поставки оружия в \
         Азербайджан.",
        "2025-12-05",
    ) else {
        return;
    };
    let r = evs
        .iter()
        .find(|e| e.kind == "RETREAT")
        .expect("the embargo lifted");
    assert_eq!(names(&es, &r.actor), ["Великобритания"]);
    assert_eq!(names(&es, &r.recipient), ["Азербайджан"]);
    assert_eq!(r.date.as_deref(), Some("2025"));
    assert!(r.contexts.iter().any(|c| c == "military"));
}

#[test]
fn the_reporter_is_not_the_actor() {
    let Some((es, evs)) = events(
        "Политолог Азер Гараев отметил это в беседе с журналистами. По его словам, Лондон \
         поддерживает инициативы Азербайджана.",
        "2025-12-05",
    ) else {
        return;
    };
    let s = evs.iter().find(|e| e.kind == "SUPPORT").expect("support");
    assert_eq!(names(&es, &s.actor), ["Великобритания"]);
    assert_eq!(
        s.claimed_by.map(|c| es[c].name.clone()).as_deref(),
        Some("Азер Гараев")
    );
}

#[test]
fn the_head_of_a_ministry_is_its_minister() {
    let Some((es, evs)) = events(
        "Министр иностранных дел Грузии Мака Бочоришвили прибыла в Баку. Глава МИД Грузии \
         встретилась с министром иностранных дел Азербайджана Джейхуном Байрамовым.",
        "2026-03-12",
    ) else {
        return;
    };
    assert!(
        evs.iter().any(|e| e.kind == "CONSULT"
            && e.mode.is_none()
            && names(&es, &e.actor) == ["Мака Бочоришвили"]
            && names(&es, &e.recipient) == ["Джейхун Байрамов"]),
        "{evs:#?}"
    );
}

#[test]
fn a_circumstance_is_not_a_second_event_and_a_lone_actor_is_no_dyad() {
    let Some((_, evs)) = events(
        "В ходе визита министр провел пресс-конференцию. Россия провела учения.",
        "2025-06-01",
    ) else {
        return;
    };
    assert!(evs.is_empty(), "{evs:#?}");
}

/// The attitudes of `text`, as (source, target, score) by name.
fn attitudes(text: &str) -> Option<Vec<(String, String, f64)>> {
    let (lang, model, syntax) = setup()?;
    let mut annotated = dyad_lang::Annotated::new(text, None);
    annotated.deps = syntax.parse_annotated(&annotated);
    let mentions = lang.mentions(&annotated);
    let entities = dyad_link::link(lang, &annotated, &mentions);
    let events = extract(model, lang, &annotated, &entities);
    let found = dyad_events::attitudes(model, lang, &annotated, &entities, &events);
    Some(
        found
            .into_iter()
            .map(|a| {
                let n = |i: usize| entities[i].name.clone();
                (n(a.source), n(a.target), a.score)
            })
            .collect(),
    )
}

#[test]
fn attitudes_from_evaluative_words_with_their_subject_and_negation() {
    let Some(found) = attitudes(
        "Грузия осуждает агрессивную политику Ирана. \
         Армения не поддерживает позицию Франции по этому вопросу. \
         Казахстан и Узбекистан обсудили погоду.",
    ) else {
        return;
    };
    let score = |a: &str, b: &str| found.iter().find(|(s, t, _)| s == a && t == b).map(|x| x.2);
    // the subject is the source; two hostile words count once per sentence
    assert!(
        score("Грузия", "Иран").is_some_and(|s| s < 0.0),
        "{found:?}"
    );
    assert_eq!(score("Иран", "Грузия"), None, "{found:?}");
    // "не поддерживает": support turned over
    assert!(
        score("Армения", "Франция").is_some_and(|s| s < 0.0),
        "{found:?}"
    );
    // no evaluative word, no event with a score: no attitude
    assert_eq!(score("Казахстан", "Узбекистан"), None, "{found:?}");
}

#[test]
fn attitudes_take_events_and_ignore_a_persons_own_state() {
    let Some(found) = attitudes(
        "Президент Турции Реджеп Тайип Эрдоган поддержал Азербайджан. \
         Турция ввела санкции против Израиля.",
    ) else {
        return;
    };
    let score = |a: &str, b: &str| found.iter().find(|(s, t, _)| s == a && t == b).map(|x| x.2);
    assert!(
        score("Реджеп Тайип Эрдоган", "Азербайджан").is_some_and(|s| s > 0.0),
        "{found:?}"
    );
    assert!(
        score("Турция", "Израиль").is_some_and(|s| s < 0.0),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(s, t, _)| !(s == "Реджеп Тайип Эрдоган" && t == "Турция")),
        "{found:?}"
    );
}

#[test]
fn a_visit_to_a_city_whose_state_is_never_named_has_the_city_as_recipient() {
    let Some((es, evs)) = events(
        "Министр обороны Великобритании Вернон Коакер совершил визит в Баку.",
        "2025-12-05",
    ) else {
        return;
    };
    let visit = evs
        .iter()
        .find(|e| e.mode.as_deref() == Some("visit"))
        .unwrap_or_else(|| panic!("{evs:#?}"));
    assert_eq!(names(&es, &visit.actor), ["Вернон Коакер"]);
    let r = &es[visit.recipient[0]];
    assert_eq!(
        (r.name.as_str(), r.country.as_deref()),
        ("Баку", Some("AZE"))
    );
}

#[test]
fn a_meeting_told_during_a_dated_visit_takes_the_visits_date() {
    let Some((es, evs)) = events(
        "4 декабря министр иностранных дел Грузии Мака Бочоришвили посетила Баку. \
         В ходе визита она встретилась с президентом Азербайджана Ильхамом Алиевым.",
        "2025-12-05",
    ) else {
        return;
    };
    let meeting = evs
        .iter()
        .find(|e| e.kind == "CONSULT" && e.mode.is_none())
        .unwrap_or_else(|| panic!("{evs:#?}"));
    assert_eq!(names(&es, &meeting.recipient), ["Ильхам Алиев"]);
    assert_eq!(meeting.date.as_deref(), Some("2025-12-04"), "{evs:#?}");
}

#[test]
fn coordinated_subjects_are_each_a_source_not_each_others_target() {
    let Some(found) = attitudes("Турция и Азербайджан поддерживают Грузию в этом споре.")
    else {
        return;
    };
    let has = |a: &str, b: &str| found.iter().any(|(s, t, v)| s == a && t == b && *v != 0.0);
    assert!(
        has("Турция", "Грузия") && has("Азербайджан", "Грузия"),
        "{found:?}"
    );
    assert!(!has("Турция", "Азербайджан"), "{found:?}");
}
