//! Format and encoding detection end to end, offsets back to the source, and property tests
//! of the HTML reader's text and map.

use dyad_doc::ingest::{check, html};
use dyad_doc::mapped::byte_to_char_offsets;
use dyad_doc::{read_bytes, DateSource, Document, Format, MappedText};
use proptest::prelude::*;

fn docs(name: &str, bytes: &[u8]) -> Vec<Document> {
    read_bytes(name, bytes)
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect()
}

fn one(name: &str, bytes: &[u8]) -> Document {
    let mut d = docs(name, bytes);
    assert_eq!(d.len(), 1);
    d.remove(0)
}

/// The source text a body range stands for.
fn source_of<'a>(d: &'a Document, view: &str) -> &'a str {
    let at = d.body.text().find(view).expect("in the body");
    &d.source[d.body.range_to_source(at..at + view.len())]
}

fn assert_sound(source: &str, m: &MappedText) {
    check::mapping(source, m).unwrap();
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ru"><head>
<meta charset="utf-8">
<title>Алиев принял посла &mdash; Report.az</title>
<meta name="application-name" content="Report.az">
<meta itemprop="datePublished" content="2025-12-05T14:20:00+04:00">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-12-04",
 "publisher":{"@type":"Organization","name":"Report"}}</script>
</head><body>
<div id="top-menu"><a href="/">Главная</a> | <a href="/politics">Политика</a></div>
<div class="layout has-sidebar">
 <div class="news-text" itemprop="articleBody">
  <h1>Алиев принял посла Великобритании</h1>
  <p>Президент Азербайджана Ильхам&nbsp;Алиев 4&nbsp;декабря принял
     посла Великобритании Фергуса Олда.</p>
  <p>Стороны обсудили &laquo;зелёную&raquo; энергетику &amp; транзит.</p>
  <div class="social-share"><button>Поделиться</button></div>
 </div>
 <div class="sidebar"><h3>Популярное</h3><ul><li>Другая новость</li></ul></div>
</div>
<footer><p>&copy; 2025 Report</p></footer>
</body></html>"#;

#[test]
fn html_page_end_to_end() {
    let d = one("page.html", PAGE.as_bytes());
    assert_eq!(d.format, Format::Html);
    let text = d.body.text();
    assert_eq!(
        text,
        "Главная | Политика\n\
         Алиев принял посла Великобритании\n\
         Президент Азербайджана Ильхам Алиев 4 декабря принял посла Великобритании Фергуса Олда.\n\
         Стороны обсудили «зелёную» энергетику & транзит.\n\
         Поделиться\n\
         Популярное\n\
         Другая новость\n\
         © 2025 Report"
    );
    // hints: the itemprop date beats JSON-LD; application-name names the site and trims the title
    assert_eq!(d.hints.title.as_deref(), Some("Алиев принял посла"));
    assert_eq!(d.hints.site_name.as_deref(), Some("Report.az"));
    let (date, from) = d.hints.published.unwrap();
    assert_eq!(
        (date.to_string().as_str(), from),
        ("2025-12-05", DateSource::Meta)
    );
    // furniture: menu, share, sidebar, footer; the article is the articleBody div
    let furniture: Vec<&str> = d.furniture.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(
        furniture,
        [
            "Главная | Политика",
            "Поделиться\nПопулярное\nДругая новость\n© 2025 Report"
        ]
    );
    let article = &text[d.article.clone().unwrap()];
    assert!(article.starts_with("Алиев принял посла Великобритании\nПрезидент"));
    assert!(article.ends_with("Поделиться"));
    // offsets: words map back to themselves, entities and collapsed breaks to what they replace
    assert_eq!(source_of(&d, "Фергуса Олда"), "Фергуса Олда");
    assert_eq!(source_of(&d, "«зелёную»"), "&laquo;зелёную&raquo;");
    assert_eq!(
        source_of(&d, "принял посла Великобритании Фергуса"),
        "принял\n     посла Великобритании Фергуса"
    );
    // and the caller's conversion to character offsets lands on the same text
    let at = text.find("Ильхам").unwrap();
    let src = d.body.range_to_source(at..at + "Ильхам".len());
    let chars = byte_to_char_offsets(&d.source, &[src.start, src.end]);
    let by_chars: String = d
        .source
        .chars()
        .skip(chars[0])
        .take(chars[1] - chars[0])
        .collect();
    assert_eq!(by_chars, "Ильхам");
    assert_sound(&d.source, &d.body);
}

#[test]
fn legacy_encoded_html_without_meta() {
    let page = "<html><body><p>Премьер-министр Армении Никол Пашинян посетит Брюссель, \
                где проведет переговоры с руководством Евросоюза.</p></body></html>";
    for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R] {
        let (bytes, _, _) = enc.encode(page);
        let d = one("page.html", &bytes);
        assert_eq!((d.encoding, d.format), (enc.name(), Format::Html));
        assert!(d.body.text().starts_with("Премьер-министр Армении"));
    }
}

#[test]
fn jsonl_with_html_and_offsets_per_record() {
    let feed = concat!(
        r#"{"text": "<p>Первый &laquo;абзац&raquo;.</p><nav>Меню</nav>", "outlet": "APA", "date": "2026-03-12"}"#,
        "\n",
        r#"{"text": "Просто текст.", "source": "Trend", "url": "https://x.az/1"}"#,
        "\n"
    );
    let d = docs("feed.jsonl", feed.as_bytes());
    assert_eq!(d[0].input, "feed.jsonl:1");
    assert_eq!(d[0].body.text(), "Первый «абзац».\nМеню");
    assert_eq!(
        d[0].source,
        "<p>Первый &laquo;абзац&raquo;.</p><nav>Меню</nav>"
    );
    assert_eq!(source_of(&d[0], "абзац»"), "абзац&raquo;");
    assert_eq!(&d[0].body.text()[d[0].furniture[0].clone()], "Меню");
    assert_eq!(d[0].hints.site_name.as_deref(), Some("APA"));
    assert_eq!(d[0].hints.published.unwrap().1, DateSource::Header);
    assert_eq!(d[1].body.text(), "Просто текст.");
    assert_eq!(d[1].hints.site_name.as_deref(), Some("Trend"));
    assert_eq!(d[1].hints.url.as_deref(), Some("https://x.az/1"));
}

#[test]
fn extension_breaks_ties_only() {
    // one tag is not enough to call a .txt HTML, but is for a .html
    assert_eq!(one("a.txt", b"x <b>y</b> z").format, Format::Plain);
    assert_eq!(one("a.html", b"x <b>y</b> z").format, Format::Html);
    // content wins over a misleading name
    assert_eq!(
        one("a.html", " date 2025-12-05 x".as_bytes()).format,
        Format::Seed
    );
    assert_eq!(one("a.txt", b"<p>x</p>").format, Format::Html);
    assert_eq!(one("a.jsonl.gz", b"plain words").format, Format::Plain);
}

/// A word without markup characters or whitespace.
fn word() -> impl Strategy<Value = String> {
    "[a-zа-яё0-9.,«»—]{1,8}"
}

/// Whitespace as HTML writes it between words.
fn gap() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\n   ".to_string()),
        Just("\t".to_string()),
        Just(" <b></b> ".to_string()),
        Just("<!-- c --> ".to_string()),
        Just("&#32;".to_string()),
    ]
}

/// How a character may be written: itself or as a reference.
fn escape(c: char, how: u8) -> String {
    match (c, how % 3) {
        ('«', 1) => "&laquo;".into(),
        ('»', 1) => "&raquo;".into(),
        ('—', 1) => "&mdash;".into(),
        (c, 2) if !c.is_ascii_digit() => format!("&#{};", c as u32),
        (c, _) => c.to_string(),
    }
}

proptest! {
    /// Paragraphs of words, written with any whitespace, comments, empty inline tags and
    /// references, read back as one paragraph a line with single spaces, every byte mapped.
    #[test]
    fn paragraphs_round_trip(
        paras in prop::collection::vec(prop::collection::vec((word(), gap(), any::<u8>()), 1..8), 1..5),
        block in prop_oneof![Just("p"), Just("div"), Just("li"), Just("h2")],
    ) {
        let mut src = String::from("<body>\n");
        let mut expect = Vec::new();
        for para in &paras {
            src.push_str(&format!("<{block} class=x>"));
            let mut words = Vec::new();
            for (i, (w, g, how)) in para.iter().enumerate() {
                if i > 0 { src.push_str(g); }
                src.extend(w.chars().map(|c| escape(c, *how)));
                words.push(w.as_str());
            }
            src.push_str(&format!("</{block}>\n"));
            expect.push(words.join(" "));
        }
        let page = html::parse(&src);
        prop_assert_eq!(page.body.text(), expect.join("\n"));
        assert_sound(&src, &page.body);
        // each word maps to a stretch of the source that, decoded, is the word
        let mut at = 0;
        for para in &paras {
            for (w, _, _) in para {
                let i = at + page.body.text()[at..].find(w.as_str()).unwrap();
                let r = page.body.range_to_source(i..i + w.len());
                let decoded = html::parse(&src[r]).body.text().to_string();
                prop_assert_eq!(&decoded, w);
                at = i + w.len();
            }
        }
    }

    /// Any soup of tags, references and text: no panic, a sound map, ranges inside the body.
    #[test]
    fn tag_soup_is_sound(parts in prop::collection::vec(prop_oneof![
        word(),
        gap(),
        Just("<p>".to_string()), Just("</p>".to_string()), Just("<div class='menu'>".to_string()),
        Just("</div>".to_string()), Just("<article>".to_string()), Just("</article>".to_string()),
        Just("<script>".to_string()), Just("</script>".to_string()), Just("<br>".to_string()),
        Just("<!--".to_string()), Just("-->".to_string()), Just("&amp".to_string()),
        Just("&#x".to_string()), Just("<".to_string()), Just(">".to_string()),
        Just("'".to_string()), Just("\"".to_string()), Just("<a href=".to_string()),
        Just("<nav>".to_string()), Just("<title>".to_string()), Just("<svg/>".to_string()),
    ], 0..40)) {
        let src: String = parts.concat();
        let page = html::parse(&src);
        assert_sound(&src, &page.body);
        check::ranges(page.body.text(), &page.furniture, page.article.as_ref()).unwrap();
    }
}
