use super::*;
use proptest::prelude::*;

fn synthetic(name: &str, seed: u64, zero_kernels: bool) -> (SlovnetSyntax, testmodel::Weights) {
    synthetic_with(name, seed, zero_kernels, Layers::Sparse)
}

fn synthetic_with(
    name: &str,
    seed: u64,
    zero_kernels: bool,
    layers: Layers,
) -> (SlovnetSyntax, testmodel::Weights) {
    let dir = std::env::temp_dir().join(format!("dyad-syntax-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let w = testmodel::weights(seed, zero_kernels);
    let (model, navec) = testmodel::write(&dir, &w);
    let parser =
        SlovnetSyntax::load_with(&model, &navec, layers).expect("the synthetic model loads");
    let _ = std::fs::remove_dir_all(&dir);
    (parser, w)
}

fn sentences() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "Президент",
            "Азербайджана",
            "Алиев",
            "встретился",
            "в",
            "Баку",
            "с",
            "министром",
            "обороны",
            ".",
        ],
        vec!["Путин"],
        vec![],
        vec![
            "NATO",
            "и",
            "Google",
            ",",
            "ЁЛКА",
            "2011",
            "—",
            "«",
            "Москва",
            "»",
            "😀",
            "\u{0}",
            "ёлка",
        ],
        vec!["в", "РОССИИ"],
    ]
}

fn rel_index(rel: Rel) -> usize {
    testmodel::RELS
        .iter()
        .position(|r| *r == rel.as_str())
        .unwrap()
}

/// Each word's head and relation is slovnet's best by the f64 reference scores, up to
/// float rounding; returns how many choices are not the reference's first best (a choice
/// within rounding of it).
fn check_against_reference(
    parser: &SlovnetSyntax,
    w: &testmodel::Weights,
    sents: &[Vec<&str>],
) -> usize {
    let parsed = parser.parse_sentences(sents);
    assert_eq!(parsed.len(), sents.len());
    let mut near = 0;
    for (s, deps) in sents.iter().zip(&parsed) {
        assert_eq!(deps.len(), s.len());
        let want = testmodel::reference(w, s);
        for (i, dep) in deps.iter().enumerate() {
            let row = &want.head[i];
            let j = dep.head.map_or(0, |h| h + 1);
            let best = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let tol = 1e-4 * (1.0 + best.abs());
            assert!(
                row[j] >= best - tol,
                "word {i}: head {j} scores {} < {best}",
                row[j]
            );
            if row.iter().position(|&v| v == best) != Some(j) {
                near += 1;
            }
            let rels = &want.rel(w, i, j);
            let r = rel_index(dep.rel);
            let best = rels.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let tol = 1e-4 * (1.0 + best.abs());
            assert!(
                rels[r] >= best - tol,
                "word {i}: rel {r} scores {} < {best}",
                rels[r]
            );
            if rels.iter().position(|&v| v == best) != Some(r) {
                near += 1;
            }
        }
    }
    near
}

#[test]
fn matches_a_literal_port_of_slovnets_forward_pass() {
    for (seed, layers) in [
        (7, Layers::Sparse),
        (8, Layers::Sparse),
        (9, Layers::Sparse),
        (7, Layers::Dense),
        (8, Layers::Dense),
    ] {
        let (parser, w) = synthetic_with(&format!("reference{seed}"), seed, false, layers);
        let mut sents = sentences();
        let long: Vec<&str> = (0..1500)
            .map(|i| testmodel::WORDS[i * 7 % testmodel::WORDS.len()])
            .collect();
        sents.push(long);
        let near = check_against_reference(&parser, &w, &sents);
        eprintln!("seed {seed}, {layers:?}: {near} choices within rounding of the reference's");
        assert!(
            near < 10,
            "seed {seed}: {near} choices within rounding of the reference's"
        );
        // one by one, the same as together
        let together = parser.parse_sentences(&sents);
        for (s, t) in sents.iter().zip(&together) {
            assert_eq!(&parser.parse(s), t);
        }
    }
}

#[test]
fn ties_go_to_the_first_candidate_as_numpy_argmax() {
    // zero kernels: every head score and every relation score is 0
    let (parser, _) = synthetic("ties", 5, true);
    for s in sentences() {
        for dep in parser.parse(&s) {
            assert_eq!(
                dep,
                Dep {
                    head: None,
                    rel: Rel::Pad
                }
            );
        }
    }
}

#[test]
fn windows_batches_and_the_word_cache_change_nothing() {
    let (parser, _) = synthetic("windows", 11, false);
    let mut sents = sentences();
    let long: Vec<&str> = (0..2500)
        .map(|i| testmodel::WORDS[i * 7 % testmodel::WORDS.len()])
        .collect();
    sents.push(long);
    sents.extend(sentences());
    let base = parser.parse_sentences(&sents);
    let mut parser = parser.with_cache_capacity(0);
    for window in [1, 2, 3, 5, 64, 100_000] {
        parser.window = window;
        assert!(
            parser.parse_sentences(&sents) == base,
            "window {window}, no cache"
        );
    }
    let mut parser = parser.with_cache_capacity(3); // constant eviction
    parser.window = 7;
    assert!(parser.parse_sentences(&sents) == base);
    assert!(parser.parse_sentences(&sents) == base);
    for (s, b) in sents.iter().zip(&base) {
        assert_eq!(&parser.parse(s), b);
    }
}

#[test]
fn long_sentences_are_parsed_in_pieces() {
    let (parser, _) = synthetic("pieces", 13, false);
    let words: Vec<&str> = (0..1000)
        .map(|i| {
            if i % 37 == 36 {
                ","
            } else {
                testmodel::WORDS[i * 7 % testmodel::WORDS.len()]
            }
        })
        .collect();
    let whole = parser.parse(&words);
    assert_eq!(whole.len(), 1000);
    let parser = parser.with_max_sentence_words(100);
    let deps = parser.parse(&words);
    assert_eq!(deps.len(), 1000);
    // the pieces: cut after the last comma of each piece's second half
    let mut pieces = Vec::new();
    split(&words, 0..1000, 100, &mut pieces);
    assert_eq!(pieces[0], 0..74); // commas at 36, 73
    assert!(pieces.iter().all(|p| !p.is_empty() && p.len() <= 100));
    assert_eq!(pieces.last().unwrap().end, 1000);
    for p in &pieces {
        let alone = parser.parse(&words[p.clone()]);
        for (i, d) in alone.iter().enumerate() {
            let got = deps[p.start + i];
            assert_eq!(got.rel, d.rel);
            assert_eq!(got.head, d.head.map(|h| h + p.start));
        }
    }
    // no punctuation: cut at the limit
    let mut pieces = Vec::new();
    split(&["a"; 25], 0..25, 10, &mut pieces);
    assert_eq!(pieces, [0..10, 10..20, 20..25]);
    let mut pieces = Vec::new();
    split(&["a"; 3], 0..3, 1, &mut pieces);
    assert_eq!(pieces, [0..1, 1..2, 2..3]);
    let mut pieces = Vec::new();
    split(&["a"; 3], 1..1, 1, &mut pieces);
    assert!(pieces.is_empty());
}

#[test]
fn odd_and_huge_inputs_do_not_panic() {
    let (parser, _) = synthetic("odd", 3, false);
    assert!(parser.parse(&[]).is_empty());
    assert!(parser.parse_sentences(&[]).is_empty());
    assert_eq!(
        parser.parse_sentences(&[vec![], vec![]]),
        vec![vec![], vec![]]
    );
    let big = "Ж".repeat(1 << 19); // 1 MB
    let kelvin = "\u{212a}".repeat(1000);
    let odd = [
        "",
        "\u{0}",
        "\u{7}\u{1b}",
        "😀👍🏽",
        "\u{301}",
        "\u{feff}",
        &big,
        &kelvin,
        "İ",
        "ǅ",
        "-",
        "+",
    ];
    let deps = parser.parse(&odd);
    assert_eq!(deps.len(), odd.len());
    for d in &deps {
        assert!(!matches!(d.head, Some(h) if h >= odd.len()));
    }
    let words: Vec<&str> = (0..5_000)
        .map(|i| odd[i % odd.len()].get(..16).unwrap_or("x"))
        .collect();
    assert_eq!(parser.parse(&words).len(), 5_000);
    let parser = parser.with_max_sentence_words(0);
    assert_eq!(parser.parse(&odd).len(), odd.len());
}

#[test]
fn segmented_text() {
    let (parser, _) = synthetic("segmented", 9, false);
    let text = "Путин встретился с Алиевым. Переговоры прошли в Баку.";
    let seg = dyad_lang::segment(text);
    let deps = parser.parse_segmented(text, &seg);
    assert_eq!(deps.len(), seg.sentences.len());
    for (r, d) in seg.sentences.iter().zip(&deps) {
        let words: Vec<&str> = seg.tokens[r.clone()].iter().map(|t| t.text(text)).collect();
        assert_eq!(&parser.parse(&words), d);
    }
    let mut seg = seg;
    #[allow(clippy::reversed_empty_ranges)] // on purpose
    let odd = vec![0..2, 2..90, 3..1, 1..3];
    seg.sentences = odd;
    let deps = parser.parse_segmented(text, &seg);
    assert_eq!(deps.iter().map(Vec::len).collect::<Vec<_>>(), [2, 0, 0, 2]);
    let _ = parser.parse_segmented("", &seg);
}

#[test]
fn bad_files_are_errors_not_panics() {
    let dir = std::env::temp_dir().join(format!("dyad-syntax-{}-bad", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let garbage = dir.join("garbage.tar");
    std::fs::write(&garbage, b"not a tar at all").unwrap();
    assert!(SlovnetSyntax::load_from(&dir.join("missing.tar"), &garbage).is_err());
    assert!(SlovnetSyntax::load_from(&garbage, &garbage).is_err());
    let w = testmodel::weights(5, false);
    let (model, navec) = testmodel::write(&dir, &w);
    assert!(SlovnetSyntax::load_from(&navec, &model).is_err()); // swapped
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shareable_between_threads() {
    fn check<T: Send + Sync>() {}
    check::<SlovnetSyntax>();
    // threads sharing one parser (its word cache and its buffers) parse as one alone
    let (parser, _) = synthetic("threads", 19, false);
    let parser = parser.with_cache_capacity(5);
    let mut sents = sentences();
    sents.push(
        (0..900)
            .map(|i| testmodel::WORDS[i * 3 % testmodel::WORDS.len()])
            .collect(),
    );
    let want = parser.parse_sentences(&sents);
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..20 {
                    assert!(parser.parse_sentences(&sents) == want);
                }
            });
        }
    });
}

#[test]
fn relation_names() {
    assert_eq!(Rel::ALL.len(), 45);
    for &r in Rel::ALL {
        assert_eq!(Rel::parse(r.as_str()), Some(r));
        assert_eq!(r.to_string().parse::<Rel>(), Ok(r));
    }
    assert_eq!(Rel::NsubjPass.as_str(), "nsubj:pass");
    assert_eq!(Rel::parse("nsubj:pas"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_word_lists_parse(sents in prop::collection::vec(
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(testmodel::WORDS.to_vec()).prop_map(str::to_string),
                ".{0,12}",
                Just(",".to_string()),
            ],
            0..40,
        ),
        0..6,
    ), max in 1usize..50) {
        let (parser, _) = model();
        let sents: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
        let all = parser.parse_sentences(&sents);
        prop_assert_eq!(all.len(), sents.len());
        for (s, deps) in sents.iter().zip(&all) {
            prop_assert_eq!(deps.len(), s.len());
            prop_assert!(deps.iter().all(|d| !matches!(d.head, Some(h) if h >= s.len())));
            prop_assert_eq!(&parser.parse(s), deps);
        }
        // in pieces: still one dep per word, heads in range
        let mut words = Vec::new();
        let mut ranges = Vec::new();
        for s in &sents {
            let start = words.len();
            words.extend_from_slice(s);
            ranges.push(start..words.len());
        }
        for (s, deps) in sents.iter().zip(parser.parse_ranges_max(&words, &ranges, max)) {
            prop_assert_eq!(deps.len(), s.len());
            prop_assert!(deps.iter().all(|d| !matches!(d.head, Some(h) if h >= s.len())));
        }
    }
}

fn model() -> &'static (SlovnetSyntax, testmodel::Weights) {
    static M: std::sync::OnceLock<(SlovnetSyntax, testmodel::Weights)> = std::sync::OnceLock::new();
    M.get_or_init(|| synthetic("prop", 21, false))
}
