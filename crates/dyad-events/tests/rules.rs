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

/// The events of one kind, as (actor names, recipient names).
fn dyads(es: &[Entity], evs: &[Event], kind: &str) -> Vec<(Vec<String>, Vec<String>)> {
    evs.iter()
        .filter(|e| e.kind == kind)
        .map(|e| (names(es, &e.actor), names(es, &e.recipient)))
        .collect()
}

#[test]
fn a_meeting_named_by_a_noun_with_its_genitive_agent_and_partner() {
    let Some((es, evs)) = events(
        "В ходе встречи премьер-министра Армении Никола Пашиняна с канцлером Германии \
         Фридрихом Мерцем в Берлине 3 марта 2025 года обсуждалась энергетика.",
        "2025-03-10",
    ) else {
        return;
    };
    let m = evs
        .iter()
        .find(|e| e.kind == "CONSULT")
        .expect("the meeting");
    // the partner, a German; his name's nominative is the actor stage's business
    let partner: Vec<Option<&str>> = m
        .recipient
        .iter()
        .map(|&i| es[i].country.as_deref())
        .collect();
    assert_eq!(partner, [Some("DEU")], "{evs:#?}");
    assert_eq!(m.date.as_deref(), Some("2025-03-03"));
}

#[test]
fn a_visit_told_as_the_time_of_something_else_is_a_visit() {
    let Some((es, evs)) = events(
        "Соглашения, подписанные во время визита Реджепа Эрдогана в Баку в апреле 2024 \
         года, вступили в силу.",
        "2025-01-10",
    ) else {
        return;
    };
    let v = evs
        .iter()
        .find(|e| e.mode.as_deref() == Some("visit"))
        .expect("the visit");
    assert_eq!(names(&es, &v.actor), ["Реджеп Тайип Эрдоган"]);
    assert_eq!(v.date.as_deref(), Some("2024-04"));
}

#[test]
fn the_subject_of_a_relative_clause_is_its_noun() {
    let Some((es, evs)) = events(
        "Россия, которая выделила Кишиневу льготный кредит, ждет возврата долга.",
        "2025-01-10",
    ) else {
        return;
    };
    assert_eq!(
        dyads(&es, &evs, "AID"),
        [(vec!["Россия".to_string()], vec!["Молдавия".to_string()])]
    );
}

#[test]
fn the_instrumental_is_the_supporter_and_the_genitive_the_supported() {
    let Some((es, evs)) = events(
        "Москва обеспокоена из-за поддержки Турцией Азербайджана.",
        "2025-01-10",
    ) else {
        return;
    };
    assert_eq!(
        dyads(&es, &evs, "SUPPORT"),
        [(vec!["Турция".to_string()], vec!["Азербайджан".to_string()])]
    );
}

#[test]
fn naming_a_course_a_reckless_adventure_is_criticism() {
    let Some((es, evs)) = events(
        "Министр иностранных дел Армении Арарат Мирзоян назвал курс Баку «безответственной \
         авантюрой».",
        "2025-01-10",
    ) else {
        return;
    };
    assert!(dyads(&es, &evs, "STATEMENT").is_empty(), "{evs:#?}");
    let accuse = dyads(&es, &evs, "ACCUSE");
    assert_eq!(accuse.len(), 1, "{evs:#?}");
    assert_eq!(accuse[0].1, ["Азербайджан"]);
}

#[test]
fn who_condemns_a_visit_did_not_make_it() {
    let Some((es, evs)) = events(
        "Премьер-министр Японии Наото Кан осудил визит на острова президента России \
         Дмитрия Медведева.",
        "2011-02-08",
    ) else {
        return;
    };
    assert_eq!(
        dyads(&es, &evs, "ACCUSE"),
        [(
            vec!["Наото Кан".to_string()],
            vec!["Дмитрий Медведев".to_string()]
        )]
    );
    assert!(
        evs.iter()
            .all(|e| e.kind != "CONSULT" || names(&es, &e.actor) != ["Наото Кан"]),
        "{evs:#?}"
    );
}

#[test]
fn an_act_asked_for_is_no_event_and_the_one_asked_is_its_subject() {
    let Some((es, evs)) = events(
        "Министр иностранных дел Франции призвал Грузию отменить чрезвычайное положение.",
        "2025-01-10",
    ) else {
        return;
    };
    let asked = dyads(&es, &evs, "REQUEST");
    assert_eq!(asked.len(), 1, "{evs:#?}");
    assert_eq!(asked[0].1, ["Грузия"]);
    assert!(dyads(&es, &evs, "RETREAT").is_empty(), "{evs:#?}");
}

#[test]
fn a_date_counted_from_the_last_dated_event_and_a_weekday() {
    let Some((_, evs)) = events(
        "3 марта 2025 года президент Франции Эммануэль Макрон посетил Армению. Через два дня \
         Макрон поздравил президента Азербайджана Ильхама Алиева. В понедельник Алиев \
         позвонил Макрону.",
        "2025-03-20",
    ) else {
        return;
    };
    let date = |kind: &str| {
        evs.iter()
            .find(|e| e.kind == kind && e.mode.as_deref() != Some("visit"))
            .and_then(|e| e.date.clone())
    };
    assert_eq!(date("SUPPORT").as_deref(), Some("2025-03-05"), "{evs:#?}");
    // the Monday before a Thursday's publication, not the publication day
    assert_eq!(date("CONSULT").as_deref(), Some("2025-03-17"), "{evs:#?}");
}

#[test]
fn an_editors_note_does_not_break_the_sentence() {
    let Some((es, evs)) = events(
        "Стороны видят прогресс в связи с ожидаемым (подписанием - ред.) мирным соглашением \
         между Арменией и Азербайджаном.",
        "2025-12-05",
    ) else {
        return;
    };
    let a = evs
        .iter()
        .find(|e| e.kind == "AGREE")
        .expect("the agreement");
    assert_eq!(names(&es, &a.actor), ["Армения", "Азербайджан"]);
    assert_eq!(a.aux, Some(Aux::Future));
}
