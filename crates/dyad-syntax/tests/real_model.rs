//! Tests with natasha's real slovnet syntax model, when it is in dyad's model cache (`dyad
//! models fetch`); without it they print a note and pass. The expected parses are what
//! Python slovnet (natasha 1.6.0) gives for the same words (`scripts/slovnet_syntax.py
//! parse`).

use dyad_syntax::{Dep, Rel, SlovnetSyntax, SyntaxError};
use std::sync::OnceLock;
use std::time::Instant;

fn model() -> Option<&'static SlovnetSyntax> {
    static MODEL: OnceLock<Option<SlovnetSyntax>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let t = Instant::now();
            match SlovnetSyntax::load() {
                Ok(m) => {
                    eprintln!("model loaded in {:.3} s", t.elapsed().as_secs_f64());
                    Some(m)
                }
                Err(SyntaxError::Model(e)) => {
                    eprintln!("note: skipping the real-model tests: {e}");
                    None
                }
                Err(e) => panic!("the cached model does not load: {e}"),
            }
        })
        .as_ref()
}

/// slovnet's numbering (head 0 = root, j = word j from 1) to ours.
fn deps(parse: &[(usize, &str)]) -> Vec<Dep> {
    parse
        .iter()
        .map(|&(head, rel)| Dep {
            head: head.checked_sub(1),
            rel: Rel::parse(rel).expect("a label of the model"),
        })
        .collect()
}

#[test]
fn parses_sentences_as_slovnet() {
    let Some(parser) = model() else { return };
    let s1 = [
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
    let want1 = deps(&[
        (5, "nsubj"),
        (1, "nmod"),
        (1, "appos"),
        (3, "flat:name"),
        (0, "root"),
        (7, "case"),
        (5, "obl"),
        (9, "case"),
        (5, "obl"),
        (9, "nmod"),
        (9, "nmod"),
        (5, "punct"),
    ]);
    assert_eq!(parser.parse(&s1), want1);
    let s2 = [
        "Документ",
        "был",
        "подписан",
        "министрами",
        "иностранных",
        "дел",
        "России",
        "и",
        "Китая",
        ",",
        "сообщил",
        "представитель",
        "МИД",
        ".",
    ];
    let want2 = deps(&[
        (3, "nsubj:pass"),
        (3, "aux:pass"),
        (0, "root"),
        (3, "obl:agent"),
        (6, "amod"),
        (4, "nmod"),
        (6, "nmod"),
        (9, "cc"),
        (7, "conj"),
        (11, "punct"),
        (3, "parataxis"),
        (11, "nsubj"),
        (12, "nmod"),
        (3, "punct"),
    ]);
    assert_eq!(parser.parse(&s2), want2);
    assert_eq!(
        parser.parse(&["Путин"]),
        [Dep {
            head: None,
            rel: Rel::Root
        }]
    );
    // together, and with an empty sentence between
    assert_eq!(
        parser.parse_sentences(&[s1.to_vec(), vec![], s2.to_vec()]),
        [want1, vec![], want2]
    );
    assert!(parser.parse(&[]).is_empty());
}

#[test]
fn parses_a_segmented_text() {
    let Some(parser) = model() else { return };
    let text = "Президент Азербайджана Ильхам Алиев встретился в Баку с министром обороны Великобритании.\n\n\
                Переговоры прошли в здании МИД.";
    let seg = dyad_lang::segment(text);
    let parses = parser.parse_segmented(text, &seg);
    assert_eq!(parses.len(), seg.sentences.len());
    for (r, deps) in seg.sentences.iter().zip(&parses) {
        assert_eq!(deps.len(), r.len());
        assert_eq!(deps.iter().filter(|d| d.rel == Rel::Root).count(), 1);
    }
}

/// slovnet's syntax model has no length limit (no positions, 3-word convolutions, heads
/// scored over all pairs of words): a 5,000-word sentence is parsed whole, and the time a
/// word takes grows only by the head scores' share (32 multiply-adds per pair of words:
/// linear up to a few hundred words, quadratic beyond).
#[test]
fn a_5000_word_sentence_runs_in_near_linear_time() {
    let Some(parser) = model() else { return };
    if cfg!(debug_assertions) {
        eprintln!("note: the timing test runs in release builds only");
        return;
    }
    let base = [
        "Президент",
        "Азербайджана",
        "встретился",
        "в",
        "Баку",
        "с",
        "министром",
        "обороны",
        "и",
        "заявил",
        ",",
        "что",
    ];
    let words = |n: usize| -> Vec<&str> { base.iter().cycle().take(n).copied().collect() };
    let time = |n: usize| {
        let w = words(n);
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let deps = parser.parse(&w);
            best = best.min(t.elapsed().as_secs_f64());
            assert_eq!(deps.len(), n);
            assert!(deps.iter().all(|d| d.head.is_none() || d.head < Some(n)));
        }
        best / n as f64
    };
    let short = time(500);
    let long = time(5_000);
    eprintln!(
        "per word: {:.2} µs in a 500-word sentence, {:.2} µs in a 5,000-word one",
        short * 1e6,
        long * 1e6
    );
    // linear would be 1×; the quadratic head scores (800 million multiply-adds at 5,000
    // words) make it about 4× on an idle core; tests running beside this one add to it
    assert!(long < 12.0 * short, "{long} vs {short}");
}

#[test]
fn survives_hostile_input() {
    let Some(parser) = model() else { return };
    let big = "Ы".repeat(1 << 19); // a 1 MB word
    let odd = ["", "\u{0}", "😀", &big, "\u{301}", "ǅ", "İ", "-", "«", "»"];
    assert_eq!(parser.parse(&odd).len(), odd.len());
    if cfg!(debug_assertions) {
        return; // the long sentence below is 4 billion multiply-adds: release builds only
    }
    // a sentence longer than MAX_SENTENCE_WORDS is parsed in pieces, every word kept
    let n = dyad_syntax::MAX_SENTENCE_WORDS * 2 + 5;
    let long: Vec<&str> = (0..n)
        .map(|i| if i % 50 == 49 { "," } else { "и" })
        .collect();
    let deps = parser.parse(&long);
    assert_eq!(deps.len(), n);
    assert!(deps.iter().all(|d| d.head.is_none() || d.head < Some(n)));
}
