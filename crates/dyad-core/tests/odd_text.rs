//! Text that is no ordinary news: the whole pipeline, parser included, gives an answer for
//! it and does not panic. (How the time grows with a sentence's length is measured in
//! BENCHMARKS.md, not asserted here.)

mod common;

fn analyze(p: &dyad_core::Pipeline, text: &str) -> dyad_core::TextAnalysis {
    p.analyze_text(text, chrono::NaiveDate::from_ymd_opt(2025, 12, 5))
}

#[test]
fn odd_sentences_give_an_answer() {
    let Some(p) = common::pipeline_or_skip("odd_sentences_give_an_answer") else {
        return;
    };
    // no verb at all
    let t = analyze(
        &p,
        "Москва. Баку. Визит. Переговоры, переговоры и снова переговоры.",
    );
    assert_eq!(t.annotated.deps.len(), t.annotated.seg.tokens.len());

    // one sentence of 5,000 words, with triggers and names all along it
    let long = "Россия и Азербайджан провели переговоры, ".repeat(1000) + "и только.";
    let t = analyze(&p, &long);
    assert_eq!(t.annotated.deps.len(), t.annotated.seg.tokens.len());
    assert!(t.events.len() < 2_000);

    // a list of 200 names
    let names: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "министром {} Иваном Петровым{}",
                i,
                if i % 2 == 0 { "" } else { "ым" }
            )
        })
        .collect();
    let list = format!("Президент России встретился с {}.", names.join(", "));
    let t = analyze(&p, &list);
    assert_eq!(t.annotated.deps.len(), t.annotated.seg.tokens.len());

    // quotes inside quotes, unclosed, and an editor's note never closed
    let quotes = "«Лавров заявил: „Мы «не «признаем» “решение” Вашингтона»“, — сказал он. \
                  (подписанием - ред. « Министр ( сказал";
    let t = analyze(&p, quotes);
    assert_eq!(t.annotated.deps.len(), t.annotated.seg.tokens.len());

    // nothing but punctuation and digits
    let t = analyze(&p, "... !!! ??? 2025 — — — « » ( ) 1 2 3");
    assert!(t.events.is_empty());
}
