//! The actor stage on texts written for these tests. Needs the models (`dyad models fetch`);
//! without them the tests print a note and pass.

use chrono::NaiveDate;
use dyad_link::{link, Entity, EntityKind};
use dyad_mentions::Language;
use std::sync::OnceLock;

fn lang() -> Option<&'static Language> {
    static L: OnceLock<Option<Language>> = OnceLock::new();
    L.get_or_init(|| match Language::load() {
        Ok(l) => Some(l),
        Err(e) => {
            eprintln!("note: skipping the actor tests: {e}");
            None
        }
    })
    .as_ref()
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn entities(text: &str, on: Option<NaiveDate>) -> Vec<Entity> {
    let l = lang().expect("checked by the caller");
    let annotated = dyad_lang::Annotated::new(text, on);
    let mentions = l.mentions(&annotated);
    link(l, &annotated, &mentions)
}

fn named<'e>(es: &'e [Entity], name: &str) -> &'e Entity {
    es.iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name} in {es:#?}"))
}

fn surfaces<'t>(text: &'t str, e: &Entity) -> Vec<&'t str> {
    e.mentions.iter().map(|&(s, t)| &text[s..t]).collect()
}

#[test]
fn states_organisations_and_capitals_are_linked_and_joined() {
    if lang().is_none() {
        return;
    }
    let text = "Великобритания и Азербайджан подписали меморандум. \
        Лондон и Баку намерены расширять торговлю. \
        Делегация прибыла в Баку во вторник. \
        Евросоюз приветствовал договоренность, ЕС готов помочь. \
        США и Соединенные Штаты Америки здесь одно государство.";
    let es = entities(text, None);
    let gbr = named(&es, "Великобритания");
    assert_eq!(gbr.kind, EntityKind::Gpe);
    assert_eq!(gbr.country.as_deref(), Some("GBR"));
    assert_eq!(gbr.actor.as_deref(), Some("GBR"));
    assert_eq!(gbr.wikidata.as_deref(), Some("Q145"));
    assert!(surfaces(text, gbr).contains(&"Лондон"), "{gbr:?}");
    let aze = named(&es, "Азербайджан");
    assert_eq!(aze.kind, EntityKind::Gpe);
    assert_eq!(surfaces(text, aze), vec!["Азербайджан", "Баку"]);
    // "в Баку" is the place, not the state
    let baku = named(&es, "Баку");
    assert_eq!(baku.kind, EntityKind::Loc);
    assert_eq!(baku.country.as_deref(), Some("AZE"));
    assert_eq!(surfaces(text, baku), vec!["Баку"]);
    assert!(baku.actor.is_none());
    let eu = named(&es, "Европейский союз");
    assert_eq!(eu.kind, EntityKind::Org);
    assert_eq!(eu.sector.as_deref(), Some("IGO"));
    assert_eq!(eu.country, None);
    assert_eq!(eu.mentions.len(), 2);
    let usa: Vec<&Entity> = es
        .iter()
        .filter(|e| e.actor.as_deref() == Some("USA"))
        .collect();
    assert_eq!(usa.len(), 1, "{es:#?}");
    // ids in order of first mention
    for (i, e) in es.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
    }
    assert_eq!(es[0].name, "Великобритания");
    assert_eq!(es[1].name, "Азербайджан");
}

#[test]
fn a_known_place_keeps_its_country() {
    if lang().is_none() {
        return;
    }
    let text = "Саммит прошел в Габале, затем делегации посетили Шушу.";
    let es = entities(text, None);
    for e in es.iter().filter(|e| e.kind == EntityKind::Loc) {
        assert_eq!(e.country.as_deref(), Some("AZE"), "{e:?}");
    }
}

#[test]
fn offices_from_the_text() {
    if lang().is_none() {
        return;
    }
    let text = "Министр обороны Азербайджана генерал-полковник Закир Гасанов принял гостей. \
        Британский государственный министр лорд Вернон Коакер прибыл с визитом. \
        Политолог Азер Гараев оценил итоги. \
        Вице-президент США Джей Ди Вэнс выступил с речью.";
    let es = entities(text, date("2025-06-01"));
    let h = named(&es, "Закир Гасанов");
    assert_eq!(h.kind, EntityKind::Per);
    assert_eq!(h.office.as_deref(), Some("министр обороны"));
    assert_eq!(h.country.as_deref(), Some("AZE"));
    assert_eq!(h.sector.as_deref(), Some("MIL"));
    let c = named(&es, "Вернон Коакер");
    assert_eq!(c.office.as_deref(), Some("государственный министр"));
    assert_eq!(c.country.as_deref(), Some("GBR"));
    assert_eq!(c.sector.as_deref(), Some("GOV"));
    let g = named(&es, "Азер Гараев");
    assert_eq!(g.office.as_deref(), Some("политолог"));
    assert_eq!(g.sector.as_deref(), Some("ELI"));
    assert_eq!(g.country, None);
    assert_eq!(g.actor, None);
    let v = named(&es, "Джей Ди Вэнс");
    assert_eq!(v.office.as_deref(), Some("вице-президент"));
    assert_eq!(v.country.as_deref(), Some("USA"));
}

#[test]
fn an_unknown_person_gets_the_state_of_the_title() {
    if lang().is_none() {
        return;
    }
    let text = "Посол Франции Жан Дюпонтель вручил верительные грамоты.";
    let es = entities(text, None);
    let p = es
        .iter()
        .find(|e| e.kind == EntityKind::Per)
        .expect("a person");
    assert_eq!(p.office.as_deref(), Some("посол"));
    assert_eq!(p.country.as_deref(), Some("FRA"));
    assert_eq!(p.sector.as_deref(), Some("GOV"));
}

#[test]
fn a_name_agrees_with_its_title_across_the_state() {
    if lang().is_none() {
        return;
    }
    let text = "Министр встретился с послом Великобритании Фергюсом Олдом. \
        Министр иностранных дел Грузии Мака Бочоришвили прибыла в Баку.";
    let es = entities(text, None);
    let p = named(&es, "Фергус Олд");
    assert_eq!(p.office.as_deref(), Some("посол"));
    assert_eq!(p.country.as_deref(), Some("GBR"));
    // a nominative title leaves a nominative name alone
    let m = named(&es, "Мака Бочоришвили");
    assert_eq!(m.country.as_deref(), Some("GEO"));
}

#[test]
fn an_alias_gives_the_title_words() {
    if lang().is_none() {
        return;
    }
    let text = "Глава МИД Турции Хакан Фидан прибыл в Баку.";
    let es = entities(text, None);
    let p = es
        .iter()
        .find(|e| e.kind == EntityKind::Per)
        .expect("a person");
    assert_eq!(
        p.office.as_deref(),
        Some("министр иностранных дел"),
        "{p:?}"
    );
    assert_eq!(p.country.as_deref(), Some("TUR"));
    assert_eq!(p.sector.as_deref(), Some("GOV"));
}

#[test]
fn surnames_and_initials_join_the_full_name() {
    if lang().is_none() {
        return;
    }
    let text = "Политолог Азер Гараев выступил на форуме. \
        По мнению А.Гараева, переговоры идут успешно. \
        Гараев добавил, что ждет новых встреч.";
    let es = entities(text, None);
    let people: Vec<&Entity> = es.iter().filter(|e| e.kind == EntityKind::Per).collect();
    assert_eq!(people.len(), 1, "{people:#?}");
    assert_eq!(people[0].name, "Азер Гараев");
    assert_eq!(people[0].mentions.len(), 3);
}

#[test]
fn two_people_with_one_surname_stay_apart() {
    if lang().is_none() {
        return;
    }
    let text = "Журналист Анар Мамедов и экономист Эльдар Мамедов выступили на конференции. \
        Э.Мамедов заявил, что рост продолжится. Мамедов также отметил риски.";
    let es = entities(text, None);
    let anar = named(&es, "Анар Мамедов");
    let eldar = named(&es, "Эльдар Мамедов");
    assert_ne!(anar.id, eldar.id);
    assert_eq!(anar.mentions.len(), 1, "{es:#?}");
    assert_eq!(eldar.mentions.len(), 2, "{es:#?}");
    assert_eq!(surfaces(text, eldar)[1], "Э.Мамедов");
    assert_eq!(anar.office.as_deref(), Some("журналист"));
    assert_eq!(eldar.office.as_deref(), Some("экономист"));
    // the bare surname is neither of them
    let bare: Vec<&Entity> = es
        .iter()
        .filter(|e| e.kind == EntityKind::Per && e.name == "Мамедов")
        .collect();
    assert_eq!(bare.len(), 1, "{es:#?}");
}

#[test]
fn the_dictionary_gives_the_office_held_on_the_date() {
    if lang().is_none() {
        return;
    }
    let text = "Дональд Трамп и Джо Байден выступили с заявлениями.";
    let on = |d: &str| {
        let es = entities(text, date(d));
        (
            named(&es, "Дональд Трамп").office.clone(),
            named(&es, "Джо Байден").office.clone(),
        )
    };
    assert_eq!(on("2020-06-01").0.as_deref(), Some("президент"));
    assert_ne!(on("2020-06-01").1.as_deref(), Some("президент"));
    assert_eq!(on("2022-06-01").0, None);
    assert_eq!(on("2022-06-01").1.as_deref(), Some("президент"));
    assert_eq!(on("2025-06-01").0.as_deref(), Some("президент"));
    assert_ne!(on("2025-06-01").1.as_deref(), Some("президент"));
    let es = entities(text, date("2025-06-01"));
    let t = named(&es, "Дональд Трамп");
    assert_eq!(t.country.as_deref(), Some("USA"));
    assert_eq!(t.sector.as_deref(), Some("GOV"));
    assert_eq!(t.actor.as_deref(), Some("trump_donald"));
    assert_eq!(t.wikidata.as_deref(), Some("Q22686"));
}

#[test]
fn a_surname_the_dictionary_holds_once_is_linked() {
    if lang().is_none() {
        return;
    }
    let text = "Трамп провел встречу с журналистами.";
    let es = entities(text, date("2025-06-01"));
    let t = named(&es, "Дональд Трамп");
    assert_eq!(t.office.as_deref(), Some("президент"));
    assert_eq!(surfaces(text, t), vec!["Трамп"]);
}

#[test]
fn the_text_beats_the_dictionary_on_the_office() {
    if lang().is_none() {
        return;
    }
    // the dictionary says president on this date; the text calls him a businessman
    let text = "Бизнесмен Дональд Трамп открыл новую гостиницу.";
    let es = entities(text, date("2018-06-01"));
    let t = named(&es, "Дональд Трамп");
    assert_eq!(t.office.as_deref(), Some("бизнесмен"), "{t:?}");
    assert_eq!(t.country.as_deref(), Some("USA"));
}

#[test]
fn entities_serialise_with_the_contract_type_names() {
    if lang().is_none() {
        return;
    }
    let text = "Азербайджан и ООН подписали соглашение.";
    let es = entities(text, None);
    let json = serde_json::to_string(&es).unwrap();
    assert!(json.contains("\"type\":\"GPE\""), "{json}");
    assert!(json.contains("\"type\":\"ORG\""), "{json}");
}

#[test]
fn a_title_standing_alone_joins_its_holder() {
    if lang().is_none() {
        return;
    }
    let text = "Британский государственный министр лорд Вернон Коакер прибыл в Баку. \
        Госминистр отметил важность сотрудничества. \
        Президент Франции заявил о поддержке.";
    let es = entities(text, None);
    let c = named(&es, "Вернон Коакер");
    assert_eq!(
        surfaces(text, c),
        vec!["Вернон Коакер", "Госминистр"],
        "{es:#?}"
    );
    // no one in the text is the French president: the title joins nobody
    assert!(es.iter().all(|e| !surfaces(text, e).contains(&"Президент")));
}

#[test]
fn a_shared_surname_goes_to_the_one_in_office_on_the_date() {
    if lang().is_none() {
        return;
    }
    // the dictionary holds two Aliyevs; on this date only one holds an office
    let text = "Алиев провел совещание.";
    let es = entities(text, date("2025-06-01"));
    let a = named(&es, "Ильхам Алиев");
    assert_eq!(a.office.as_deref(), Some("президент"));
    // without a date nothing decides between them
    let es = entities(text, None);
    assert!(es.iter().all(|e| e.actor.is_none()), "{es:#?}");
}

#[test]
fn the_state_of_an_office_not_the_host_country() {
    if lang().is_none() {
        return;
    }
    let text = "Новый посол Казахстана в Азербайджане Нурсултан Ержанов вручил грамоты. \
        Азербайджанский политолог Ильгар Велиев прокомментировал визит.";
    let es = entities(text, None);
    let people: Vec<&Entity> = es.iter().filter(|e| e.kind == EntityKind::Per).collect();
    assert_eq!(people.len(), 2, "{es:#?}");
    assert_eq!(people[0].office.as_deref(), Some("посол"));
    assert_eq!(people[0].country.as_deref(), Some("KAZ"));
    assert_eq!(people[1].office.as_deref(), Some("политолог"));
    assert_eq!(people[1].country.as_deref(), Some("AZE"));
    assert_eq!(people[1].sector.as_deref(), Some("ELI"));
}

#[test]
fn coordinated_capitals_share_one_reading() {
    if lang().is_none() {
        return;
    }
    // places: the preposition before the first covers the second
    let text = "Акции прошли в Лондоне и Париже. Лондон и Баку намерены расширять торговлю.";
    let es = entities(text, None);
    let paris = named(&es, "Париж");
    assert_eq!(paris.kind, EntityKind::Loc, "{es:#?}");
    let gbr = named(&es, "Великобритания");
    assert_eq!(surfaces(text, gbr), vec!["Лондон"]);
    assert_eq!(named(&es, "Лондон").kind, EntityKind::Loc);
    assert_eq!(named(&es, "Азербайджан").kind, EntityKind::Gpe);
    // "у" before a capital is possession, not a place; a hyphenated pair and a seat act
    let text = "У Лондона и Баку амбициозные планы. Переговоры Вашингтон-Баку продолжатся, \
        заявил Белый дом.";
    let es = entities(text, None);
    assert!(es.iter().all(|e| e.kind != EntityKind::Loc), "{es:#?}");
    assert_eq!(
        surfaces(text, named(&es, "Великобритания")),
        vec!["Лондона"]
    );
    assert_eq!(
        surfaces(text, named(&es, "Соединенные Штаты")),
        vec!["Вашингтон", "Белый дом"]
    );
}

#[test]
fn organs_get_their_state_and_sector() {
    if lang().is_none() {
        return;
    }
    let text = "Министерство обороны Азербайджана сообщило о начале учений. \
        Азербайджанский МИД выразил протест, МИД Армении ответил. Милли Меджлис принял закон. \
        Представители Турецкой военной миссии в Баку прибыли на церемонию. \
        Сотрудники Французского института международных отношений выступили.";
    let es = entities(text, None);
    let mod_aze = named(&es, "Министерство обороны");
    assert_eq!(mod_aze.country.as_deref(), Some("AZE"));
    assert_eq!(mod_aze.sector.as_deref(), Some("MIL"));
    // two ministries of two states are two actors
    let mids: Vec<&Entity> = es.iter().filter(|e| e.name == "МИД").collect();
    assert_eq!(mids.len(), 2, "{es:#?}");
    assert_eq!(mids[0].country.as_deref(), Some("AZE"));
    assert_eq!(mids[1].country.as_deref(), Some("ARM"));
    assert!(mids.iter().all(|m| m.sector.as_deref() == Some("GOV")));
    // an organ only one state has
    let mm = named(&es, "Милли Меджлис");
    assert_eq!(
        (mm.country.as_deref(), mm.sector.as_deref()),
        (Some("AZE"), Some("LEG"))
    );
    // neither dictionary knows these: state and sector from the name
    let mission = named(&es, "Турецкая военная миссия");
    assert_eq!(
        (mission.country.as_deref(), mission.sector.as_deref()),
        (Some("TUR"), Some("MIL"))
    );
    let institute = named(&es, "Французский институт международных отношений");
    assert_eq!(
        (institute.country.as_deref(), institute.sector.as_deref()),
        (Some("FRA"), Some("EDU"))
    );
}

#[test]
fn a_misspelt_name_or_initial_still_links() {
    if lang().is_none() {
        return;
    }
    // a typo in the first name of a surname the dictionary holds once; a Latin initial
    let text = "Министр иностранных дел России Сергй Лавров провел переговоры. \
        C.Лавров заявил журналистам о новых предложениях.";
    let es = entities(text, date("2025-06-01"));
    let l = named(&es, "Сергей Лавров");
    assert_eq!(l.actor.as_deref(), Some("lavrov_sergey"), "{es:#?}");
    assert_eq!(l.mentions.len(), 2, "{es:#?}");
    // a different first name is a different person
    let text = "Бизнесмен Олег Лавров открыл завод.";
    let es = entities(text, date("2025-06-01"));
    assert!(es
        .iter()
        .all(|e| e.actor.as_deref() != Some("lavrov_sergey")));
}

#[test]
fn an_expert_is_of_the_outlets_state_unless_the_text_says_otherwise() {
    if lang().is_none() {
        return;
    }
    let text = "Об этом сказал ТАСС политолог Иван Петров. \
        Как передает Trend, турецкий эксперт Мехмет Озкан не согласен.";
    let es = entities(text, None);
    assert_eq!(named(&es, "Иван Петров").country.as_deref(), Some("RUS"));
    assert_eq!(named(&es, "Мехмет Озкан").country.as_deref(), Some("TUR"));
}

#[test]
fn a_name_in_brackets_after_its_title() {
    if lang().is_none() {
        return;
    }
    let text = "В марте мы назначили первого военного атташе Франции в Армении \
        (Жан Дюпон - ред.).";
    let es = entities(text, None);
    let p = named(&es, "Жан Дюпон");
    assert_eq!(p.office.as_deref(), Some("военный атташе"), "{es:#?}");
    assert_eq!(p.country.as_deref(), Some("FRA"));
    assert_eq!(p.sector.as_deref(), Some("MIL"));
}

#[test]
fn a_rubric_label_is_not_an_actor() {
    if lang().is_none() {
        return;
    }
    let text = "Госминистр: У Лондона амбициозные планы - ИНТЕРВЬЮ";
    let es = entities(text, None);
    assert!(es.iter().all(|e| e.name != "ИНТЕРВЬЮ"), "{es:#?}");
}

/// Three articles written for this test about regions dyad's curated dictionary does not
/// cover (the Sahel, the South China Sea, the Balkans): every state official they name is
/// found, under the name as `tests/data/world/expected.tsv` gives it, with the state they
/// serve; officials of international organisations (IGO there) are found. Each name is
/// inflected, repeated by surname or given with a title in the texts.
#[test]
fn officials_of_other_regions_get_their_state() {
    if lang().is_none() {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/world");
    let expected = std::fs::read_to_string(dir.join("expected.tsv")).expect("expected.tsv");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let [file, name, state] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("expected.tsv: {line:?}");
        };
        let raw = std::fs::read_to_string(dir.join(file)).expect("article");
        // the seed format: " date YYYY-MM-DD" on the first line
        let (head, text) = raw.split_once('\n').expect("a date line");
        let on = date(head.trim().trim_start_matches("date").trim());
        let es = entities(text, on);
        checked += 1;
        let Some(e) = es
            .iter()
            .find(|e| e.kind == EntityKind::Per && e.name == name)
        else {
            wrong.push(format!("{file}: {name} not found"));
            continue;
        };
        let ok = if state == "IGO" {
            !e.mentions.is_empty()
        } else {
            e.country.as_deref() == Some(state)
        };
        if !ok {
            wrong.push(format!("{file}: {name} has {:?}, not {state}", e.country));
        }
    }
    assert!(checked >= 30, "{checked} officials");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
