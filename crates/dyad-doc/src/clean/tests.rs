use super::*;
use crate::read_bytes;

fn doc(input: &str, text: &str) -> Document {
    read_bytes(input, text.as_bytes())
        .unwrap()
        .remove(0)
        .unwrap()
}

#[test]
fn aggregator_page_keeps_only_the_article() {
    let page = include_str!("../../../../samples/02_aggregator_page.txt");
    let c = clean(&doc("page.txt", page));
    let text = c.text.text();
    assert!(
        text.starts_with("Посол Казахстана вручил копии верительных грамот"),
        "{text}"
    );
    assert!(
        text.trim_end().ends_with("логистики и энергетики."),
        "{text}"
    );
    for furniture in [
        "Просмотров",
        "Самые читаемые",
        "Трамп",
        "Сумгайыте",
        "Комментариев",
        "Главная",
        "Источник",
        "©",
    ] {
        assert!(!text.contains(furniture), "{furniture} survived: {text}");
    }
    assert_eq!(c.published, NaiveDate::from_ymd_opt(2025, 2, 8));
    assert_eq!(c.published_from, DateSource::Text);
    assert_eq!(c.outlet.as_deref(), Some("Icma.az"));
    assert_eq!(c.via, vec!["Caliber.az"]);
    assert!(c.boilerplate_chars > c.chars / 2);
}

#[test]
fn offsets_of_the_kept_text_point_into_the_original() {
    let page = include_str!("../../../../samples/02_aggregator_page.txt");
    let d = doc("page.txt", page);
    let c = clean(&d);
    let at = c.text.text().find("Нурлан Жалгасбаев").unwrap();
    let r = c.text.range_to_source(at..at + "Нурлан Жалгасбаев".len());
    assert_eq!(&d.source[r], "Нурлан Жалгасбаев");
}

#[test]
fn title_rubric_and_date_above_an_article() {
    let page = "Теги: Визит Саммит\n    Премьер-министр Грузии прибыл в Анкару с визитом\n\n    Внешняя политика\n    05 декабря, 2025\n    Премьер-министр Грузии прибыл в Анкару, где проведет переговоры с президентом Турции.\n\n    Стороны обсудят строительство железной дороги и поставки газа.\n";
    let c = clean(&doc("x.txt", page));
    assert_eq!(
        c.title.as_deref(),
        Some("Премьер-министр Грузии прибыл в Анкару с визитом")
    );
    assert_eq!(c.published, NaiveDate::from_ymd_opt(2025, 12, 5));
    assert!(!c.text.text().contains("Внешняя политика"));
    assert!(!c.text.text().contains("Теги"));
    assert!(c
        .text
        .text()
        .starts_with("Премьер-министр Грузии прибыл в Анкару с визитом"));
}

#[test]
fn a_plain_article_is_kept_whole() {
    let t = "Парламент Грузии принял закон о бюджете.\nЗа документ проголосовали 84 депутата, против - 12.\n";
    let c = clean(&doc("x.txt", t));
    assert_eq!(c.text.text().trim_end(), t.trim_end());
    assert_eq!(c.boilerplate_chars, 0);
    assert_eq!(c.published, None);
    assert_eq!(c.published_from, DateSource::None);
}

#[test]
fn text_without_prose_is_kept_not_lost() {
    let c = clean(&doc("x.txt", "Баку\nТбилиси\n"));
    assert_eq!(c.text.text(), "Баку\nТбилиси");
}

#[test]
fn headline_list_without_a_heading_is_not_the_article() {
    let mut page = String::new();
    for i in 0..10 {
        page.push_str(&format!(
            "Министр обороны провел встречу номер {i} с коллегами\n1{i} марта 2026 10:0{i}\n"
        ));
    }
    page.push_str("Армения и Франция обсудили связи\nПрезидент Армении принял верительные грамоты нового посла Франции в Ереване. Стороны обсудили двусторонние связи и региональную повестку.\n");
    page.push_str("Посол передал президенту приглашение посетить Париж в этом году.\n");
    let c = clean(&doc("x.txt", &page));
    assert!(!c.text.text().contains("номер"), "{}", c.text.text());
    assert!(c.text.text().contains("Посол передал"));
    assert_eq!(c.title.as_deref(), Some("Армения и Франция обсудили связи"));
}
