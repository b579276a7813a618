//! Tests with natasha's real slovnet model, when it is in dyad's model cache (`dyad models
//! fetch`); without it they print a note and pass. The expected tags are what Python
//! slovnet (natasha 1.6.0) gives for the same words (`scripts/slovnet_tags.py`).

use dyad_ner::{Kind, NerError, SlovnetNer, Tag};
use std::sync::OnceLock;
use std::time::Instant;

fn model() -> Option<&'static SlovnetNer> {
    static MODEL: OnceLock<Option<SlovnetNer>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let t = Instant::now();
            match SlovnetNer::load() {
                Ok(m) => {
                    eprintln!("model loaded in {:.3} s", t.elapsed().as_secs_f64());
                    Some(m)
                }
                Err(NerError::Model(e)) => {
                    eprintln!("note: skipping the real-model tests: {e}");
                    None
                }
                Err(e) => panic!("the cached model does not load: {e}"),
            }
        })
        .as_ref()
}

#[test]
fn tags_a_sentence_as_slovnet() {
    let Some(ner) = model() else { return };
    let words = [
        "Президент",
        "Азербайджана",
        "Ильхам",
        "Алиев",
        "встретился",
        "в",
        "Баку",
        "с",
        "министром",
        "обороны",
        "Великобритании",
        ".",
    ];
    use Tag::*;
    assert_eq!(
        ner.tag(&words),
        [O, BLoc, BPer, IPer, O, O, BLoc, O, O, O, BLoc, O]
    );
    // slovnet decodes a one-word sequence by its scores alone
    assert_eq!(ner.tag(&["Путин"]), [IPer]);
    assert!(ner.tag::<&str>(&[]).is_empty());
}

#[test]
fn finds_entities_in_a_text() {
    let Some(ner) = model() else { return };
    let text = "Президент Азербайджана Ильхам Алиев встретился в Баку с министром обороны Великобритании.\n\n\
                Переговоры прошли в здании МИД России.";
    let found: Vec<(&str, Kind)> = ner
        .entities(text)
        .iter()
        .map(|s| (&text[s.start..s.end], s.kind))
        .collect();
    assert!(found.contains(&("Ильхам Алиев", Kind::Per)), "{found:?}");
    assert!(found.contains(&("Баку", Kind::Loc)), "{found:?}");
    assert!(found.contains(&("Великобритании", Kind::Loc)), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(s, k)| s.contains("МИД") && *k == Kind::Org),
        "{found:?}"
    );
}

#[test]
fn survives_hostile_input() {
    let Some(ner) = model() else { return };
    let big = "Ы".repeat(1 << 19); // a 1 MB word
    let words = [
        "",
        "\u{0}",
        "\u{1b}[31m",
        "😀👍🏽",
        "\u{301}",
        &big,
        "İ",
        "\u{212a}",
        "Москва",
    ];
    assert_eq!(ner.tag(&words).len(), words.len());
    // one long sentence (50,000 tokens in release builds; fewer in unoptimized ones)
    let n = if cfg!(debug_assertions) {
        3_000
    } else {
        50_000
    };
    let long: Vec<&str> = (0..n)
        .map(|i| ["Путин", "и", "Москва", ",", "😀", "2024"][i % 6])
        .collect();
    let t = Instant::now();
    assert_eq!(ner.tag(&long).len(), n);
    eprintln!(
        "{n} tokens in one sentence: {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let text = format!(
        "{}\u{0}\u{7}{big} «Газпром»",
        "Путин приехал в Москву. ".repeat(200)
    );
    for s in ner.entities(&text) {
        assert!(
            s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        );
    }
}
