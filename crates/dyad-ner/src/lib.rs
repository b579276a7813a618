//! Named entities — people (PER), places (LOC) and organisations (ORG) — in Russian text,
//! with natasha's slovnet NER model (`slovnet_ner_news_v1`: navec word embeddings and word
//! shapes, three convolution layers, a CRF) run in Rust.
//!
//! It reproduces Python slovnet's tags for the same words (see the crate's README for the
//! agreement on factRuEval-2016) and is much faster: the first layer's word part is
//! computed once per distinct word and cached, the later layers are matrix products over
//! many tokens at once (`matrixmultiply`), and nothing is allocated per token.
//!
//! ```no_run
//! let ner = dyad_ner::SlovnetNer::load()?;
//! let words = ["Президент", "Азербайджана", "Ильхам", "Алиев", "прибыл", "в", "Баку", "."];
//! let tags = ner.tag(&words); // [O, B-LOC, B-PER, I-PER, O, O, B-LOC, O]
//! let text = "Ильхам Алиев прибыл в Баку.";
//! for span in ner.entities(text) {
//!     println!("{:?} {}", span.kind, &text[span.start..span.end]);
//! }
//! # Ok::<(), dyad_ner::NerError>(())
//! ```
//!
//! Words are looked up lower-cased (Python's `str.lower`; navec has no digits or
//! punctuation, so those are `<unk>` and differ only by shape), as slovnet does. Each
//! sentence is tagged on its own, zero-padded at both ends, which is what slovnet computes
//! for any batch: it pads shorter sentences with the `<pad>` word and shape, and both of
//! their embeddings are zero vectors.
//!
//! [`SlovnetNer`] is `Send + Sync`: share one between threads (the word cache takes a
//! read lock to look up and a write lock only to add words).
//!
//! The modules [`load`], [`vocab`], [`gemm`], [`sparse`], [`net`] and [`shape`] are public for
//! dyad-syntax, which runs slovnet's syntax model on the same encoder; they are building
//! blocks, not a stable interface.

pub mod crf;
pub mod gemm;
pub mod load;
pub mod net;
pub mod shape;
pub mod sparse;
#[cfg(test)]
mod testmodel;
pub mod vocab;

use dyad_lang::Segmentation;
use std::ops::Range;
use std::path::Path;

/// The slovnet model inside natasha's wheel.
pub const MODEL_FILE: &str = "natasha/data/model/slovnet_ner_news_v1.tar";
/// The navec embeddings inside natasha's wheel.
pub const NAVEC_FILE: &str = "natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar";

/// Words whose first-layer rows are kept by default (3 KB each: 72 MB when full).
pub const DEFAULT_CACHE_WORDS: usize = 24_576;

#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error(transparent)]
    Model(#[from] dyad_models::ModelError),
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}: not the slovnet/navec file expected: {reason}")]
    Format { path: String, reason: String },
}

/// An entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Per,
    Loc,
    Org,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Per => "PER",
            Kind::Loc => "LOC",
            Kind::Org => "ORG",
        }
    }
}

/// A BIO tag: outside, beginning or inside of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    BPer,
    IPer,
    BLoc,
    ILoc,
    BOrg,
    IOrg,
}

impl Tag {
    /// slovnet's name: `O`, `B-PER`, `I-LOC`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::O => "O",
            Tag::BPer => "B-PER",
            Tag::IPer => "I-PER",
            Tag::BLoc => "B-LOC",
            Tag::ILoc => "I-LOC",
            Tag::BOrg => "B-ORG",
            Tag::IOrg => "I-ORG",
        }
    }

    pub fn kind(self) -> Option<Kind> {
        match self {
            Tag::O => None,
            Tag::BPer | Tag::IPer => Some(Kind::Per),
            Tag::BLoc | Tag::ILoc => Some(Kind::Loc),
            Tag::BOrg | Tag::IOrg => Some(Kind::Org),
        }
    }

    pub fn is_begin(self) -> bool {
        matches!(self, Tag::BPer | Tag::BLoc | Tag::BOrg)
    }

    fn parse(name: &str) -> Option<Tag> {
        [
            Tag::O,
            Tag::BPer,
            Tag::IPer,
            Tag::BLoc,
            Tag::ILoc,
            Tag::BOrg,
            Tag::IOrg,
        ]
        .into_iter()
        .find(|t| t.as_str() == name)
    }
}

/// An entity found in a text: byte offsets into it and a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// The model's tags: slovnet's tag vocabulary has `<pad>` besides the BIO tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    Pad,
    Tag(Tag),
}

/// slovnet's NER model, loaded.
pub struct SlovnetNer {
    vocab: vocab::Vocab,
    unk: u32,
    /// Shape-vocabulary id of each of [`shape::shape_names`].
    shape_ids: Vec<u32>,
    tags: Vec<Raw>,
    net: net::Net,
    /// Tokens computed together ([`net::WINDOW`]; changed only by tests).
    window: usize,
}

/// What slovnet's NER and syntax packs read the same way: the pack and its navec archive,
/// the word vocabulary (checked against navec's vectors) with its `<unk>`, and the shape
/// vocabulary mapped to slovnet's shapes.
pub struct WordInputs {
    pub pack: load::Pack,
    pub navec: load::Navec,
    pub vocab: vocab::Vocab,
    pub unk: u32,
    pub shapes: Vec<String>,
    pub shape_ids: Vec<u32>,
}

impl WordInputs {
    /// Opens a slovnet pack and the navec archive it was trained with.
    pub fn open(model: &Path, navec: &Path) -> Result<WordInputs, NerError> {
        let pack = load::Pack::open(model)?;
        let navec = load::Navec::open(navec)?;
        let err = |reason: String| NerError::Format {
            path: pack.path.clone(),
            reason,
        };
        let vocab = vocab::Vocab::new(pack.vocab_text("word")?).map_err(err)?;
        if vocab.len() != navec.vectors {
            return Err(err(format!(
                "{} words but {} navec vectors",
                vocab.len(),
                navec.vectors
            )));
        }
        let unk = vocab
            .get("<unk>")
            .ok_or_else(|| err("no <unk> word".to_string()))?;
        let shapes = pack.vocab_items("shape")?;
        let shape_ids = shape::shape_names()
            .iter()
            .map(|name| shapes.iter().position(|s| s == name).map(|i| i as u32))
            .collect::<Option<Vec<u32>>>()
            .ok_or_else(|| err("the shape vocabulary lacks a slovnet shape".to_string()))?;
        Ok(WordInputs {
            pack,
            navec,
            vocab,
            unk,
            shapes,
            shape_ids,
        })
    }
}

impl SlovnetNer {
    /// Loads the model from dyad's model cache (`dyad models fetch` puts it there).
    pub fn load() -> Result<SlovnetNer, NerError> {
        let model = dyad_models::file(&dyad_models::NATASHA, MODEL_FILE)?;
        let navec = dyad_models::file(&dyad_models::NATASHA, NAVEC_FILE)?;
        SlovnetNer::load_from(&model, &navec)
    }

    /// Loads a slovnet NER pack and the navec archive it was trained with.
    pub fn load_from(model: &Path, navec: &Path) -> Result<SlovnetNer, NerError> {
        let WordInputs {
            pack,
            navec,
            vocab,
            unk,
            shapes,
            shape_ids,
        } = WordInputs::open(model, navec)?;
        let p = &pack.path;
        let err = |reason: String| NerError::Format {
            path: p.clone(),
            reason,
        };

        let tags = pack
            .vocab_items("tag")?
            .iter()
            .map(|t| {
                if t == "<pad>" {
                    Some(Raw::Pad)
                } else {
                    Tag::parse(t).map(Raw::Tag)
                }
            })
            .collect::<Option<Vec<Raw>>>()
            .ok_or_else(|| err("unknown tag in the tag vocabulary".to_string()))?;

        let net = net::Net::new(&pack, navec, shapes.len(), tags.len(), DEFAULT_CACHE_WORDS)?;
        Ok(SlovnetNer {
            vocab,
            unk,
            shape_ids,
            tags,
            net,
            window: net::WINDOW,
        })
    }

    /// Sets how many words' first-layer rows are cached (3 KB each; 0 turns the cache off).
    /// The cache only saves time: tags are the same whatever its size.
    pub fn with_cache_capacity(mut self, words: usize) -> SlovnetNer {
        self.net.set_cache_capacity(words);
        self
    }

    /// Tags of one sentence's words.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<Tag> {
        self.tag_sentences(&[words]).pop().unwrap_or_default()
    }

    /// Tags of several sentences, computed together (faster than one by one).
    pub fn tag_sentences<S: AsRef<str>, W: AsRef<[S]>>(&self, sentences: &[W]) -> Vec<Vec<Tag>> {
        let mut words = Vec::new();
        let mut ranges = Vec::with_capacity(sentences.len());
        for s in sentences {
            let start = words.len();
            words.extend(s.as_ref().iter().map(|w| w.as_ref()));
            ranges.push(start..words.len());
        }
        let raw = self.raw_tags(&words, &ranges);
        ranges
            .iter()
            .map(|r| {
                raw[r.clone()]
                    .iter()
                    .map(|&t| public(self.tags[t as usize]))
                    .collect()
            })
            .collect()
    }

    /// Segments `text` ([`dyad_lang::segment()`]), tags each sentence and returns the
    /// entities, in order, as byte spans of `text`.
    pub fn entities(&self, text: &str) -> Vec<Span> {
        self.entities_in(text, &dyad_lang::segment(text))
    }

    /// [`SlovnetNer::entities`] of a text already segmented.
    pub fn entities_in(&self, text: &str, seg: &Segmentation) -> Vec<Span> {
        let words: Vec<&str> = seg
            .tokens
            .iter()
            .map(|t| text.get(t.start..t.end).unwrap_or(""))
            .collect();
        let raw = self.raw_tags(&words, &seg.sentences);
        let mut spans = Vec::new();
        // (ranges outside the tokens, from a hand-made segmentation, are skipped)
        for r in seg
            .sentences
            .iter()
            .filter(|r| r.start <= r.end && r.end <= words.len())
        {
            bio_spans(
                &seg.tokens[r.clone()],
                r.clone().map(|i| self.tags[raw[i] as usize]),
                &mut spans,
            );
        }
        spans
    }

    /// Tag-vocabulary ids of every word; `sentences` are ranges of `words`, in order.
    fn raw_tags(&self, words: &[&str], sentences: &[Range<usize>]) -> Vec<u8> {
        let n = words.len();
        let mut ids = Vec::with_capacity(n);
        let mut shapes = Vec::with_capacity(n);
        let mut lower = String::new();
        for w in words {
            ids.push(self.word_id(w, &mut lower));
            shapes.push(self.shape_ids[shape::shape_index(w) as usize]);
        }
        let mut flags = vec![0u8; n];
        for r in sentences {
            if r.start < r.end && r.end <= n {
                flags[r.start] |= net::FIRST;
                flags[r.end - 1] |= net::LAST;
            }
        }
        let mut emissions = Vec::new();
        self.net
            .emissions(&ids, &shapes, &flags, self.window, &mut emissions);
        let t = self.net.tags;
        let mut raw = vec![0u8; n];
        let (mut history, mut path) = (Vec::new(), Vec::new());
        for r in sentences {
            if r.start < r.end && r.end <= n {
                crf::viterbi(
                    &emissions[r.start * t..r.end * t],
                    t,
                    &self.net.transitions,
                    &mut history,
                    &mut path,
                );
                raw[r.clone()].copy_from_slice(&path);
            }
        }
        raw
    }

    /// The navec id of `word` lower-cased, or `<unk>`.
    fn word_id(&self, word: &str, buf: &mut String) -> u32 {
        if word.len() > 3 * self.vocab.longest() {
            // no vocabulary word is that long (lower-casing shrinks a word by 3× at most)
            return self.unk;
        }
        lowercase(word, buf);
        self.vocab.get(buf).unwrap_or(self.unk)
    }
}

/// Python's `str.lower` into `buf`: a per-character fast path for ASCII and Russian
/// letters, `str::to_lowercase` (full Unicode mapping with final sigma) for the rest.
pub fn lowercase(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        let l = match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            'Ё' => 'ё',
            _ if c.is_ascii() || ('а'..='я').contains(&c) || c == 'ё' => c,
            _ => {
                *buf = word.to_lowercase();
                return;
            }
        };
        buf.push(l);
    }
}

fn public(raw: Raw) -> Tag {
    match raw {
        Raw::Pad => Tag::O,
        Raw::Tag(t) => t,
    }
}

/// slovnet's `bio_spans`: `B` opens a span (closing the open one), `I` extends the open
/// span whatever its type, `O` closes it, `<pad>` does nothing.
fn bio_spans(tokens: &[dyad_lang::Token], tags: impl Iterator<Item = Raw>, out: &mut Vec<Span>) {
    let mut open: Option<Span> = None;
    for (token, tag) in tokens.iter().zip(tags) {
        match tag {
            Raw::Pad => {}
            Raw::Tag(Tag::O) => out.extend(open.take()),
            Raw::Tag(t) if t.is_begin() => {
                out.extend(open.take());
                open = t.kind().map(|kind| Span {
                    start: token.start,
                    end: token.end,
                    kind,
                });
            }
            Raw::Tag(_) => {
                if let Some(s) = open.as_mut() {
                    s.end = token.end;
                }
            }
        }
    }
    out.extend(open);
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_lang::{Token, TokenKind};

    fn synthetic(name: &str, seed: u64) -> (SlovnetNer, testmodel::Weights) {
        let dir = std::env::temp_dir().join(format!("dyad-ner-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let w = testmodel::weights(seed);
        let (model, navec) = testmodel::write(&dir, &w);
        let ner = SlovnetNer::load_from(&model, &navec).expect("the synthetic model loads");
        let _ = std::fs::remove_dir_all(&dir);
        (ner, w)
    }

    fn emissions(ner: &SlovnetNer, sentences: &[Vec<&str>]) -> Vec<f32> {
        let words: Vec<&str> = sentences.iter().flatten().copied().collect();
        let mut flags = vec![0u8; words.len()];
        let mut start = 0;
        for s in sentences {
            if !s.is_empty() {
                flags[start] |= net::FIRST;
                flags[start + s.len() - 1] |= net::LAST;
            }
            start += s.len();
        }
        let mut lower = String::new();
        let ids: Vec<u32> = words.iter().map(|w| ner.word_id(w, &mut lower)).collect();
        let shapes: Vec<u32> = words
            .iter()
            .map(|w| ner.shape_ids[shape::shape_index(w) as usize])
            .collect();
        let mut out = Vec::new();
        ner.net
            .emissions(&ids, &shapes, &flags, ner.window, &mut out);
        out
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

    #[test]
    fn matches_a_literal_port_of_slovnets_forward_pass() {
        let (ner, w) = synthetic("reference", 7);
        let sents = sentences();
        let ours = emissions(&ner, &sents);
        let mut at = 0;
        for s in &sents {
            let want = testmodel::reference_emissions(&w, s);
            for row in want {
                for (j, v) in row.iter().enumerate() {
                    let got = ours[at * testmodel::TAGS.len() + j] as f64;
                    assert!(
                        (got - v).abs() <= 1e-4 * (1.0 + v.abs()),
                        "token {at} tag {j}: {got} vs {v}"
                    );
                }
                at += 1;
            }
        }
        // and the tags are the CRF's best path over those scores
        let tags = ner.tag_sentences(&sents);
        for (s, t) in sents.iter().zip(&tags) {
            let em: Vec<f32> = testmodel::reference_emissions(&w, s)
                .concat()
                .iter()
                .map(|&v| v as f32)
                .collect();
            let (mut h, mut path) = (Vec::new(), Vec::new());
            crf::viterbi(&em, 8, &w.transitions, &mut h, &mut path);
            let want: Vec<Tag> = path.iter().map(|&i| public(ner.tags[i as usize])).collect();
            assert_eq!(t, &want);
        }
    }

    #[test]
    fn windows_and_the_word_cache_change_nothing() {
        let (ner, _) = synthetic("windows", 11);
        let mut sents = sentences();
        let long: Vec<&str> = (0..700)
            .map(|i| testmodel::WORDS[i * 7 % testmodel::WORDS.len()])
            .collect();
        sents.push(long);
        sents.extend(sentences());
        let base = emissions(&ner, &sents);
        let mut ner = ner.with_cache_capacity(0);
        for window in [1, 2, 3, 5, 64, 100_000] {
            ner.window = window;
            assert!(emissions(&ner, &sents) == base, "window {window}, no cache");
        }
        let mut ner = ner.with_cache_capacity(3); // constant eviction
        ner.window = 7;
        assert!(emissions(&ner, &sents) == base);
        assert!(emissions(&ner, &sents) == base);
    }

    #[test]
    fn the_sparse_encoder_computes_the_same_function() {
        let dir = std::env::temp_dir().join(format!("dyad-ner-{}-sparse", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let w = testmodel::weights(17);
        let (model, navec) = testmodel::write(&dir, &w);
        let (ner, _) = synthetic("sparse-ner", 17);
        let pack = load::Pack::open(&model).unwrap();
        let shapes = pack.vocab_items("shape").unwrap().len();
        let encoder = |layers, cache| {
            let navec = load::Navec::open(&navec).unwrap();
            net::Encoder::new(&pack, navec, shapes, cache, layers).unwrap()
        };
        let dense = encoder(net::Layers::Dense, 100);
        let sparse = encoder(net::Layers::Sparse, 100);
        let uncached = encoder(net::Layers::Sparse, 0);
        let _ = std::fs::remove_dir_all(&dir);

        let mut sents = sentences();
        sents.push(
            (0..600)
                .map(|i| testmodel::WORDS[i * 7 % testmodel::WORDS.len()])
                .collect(),
        );
        let words: Vec<&str> = sents.iter().flatten().copied().collect();
        let mut flags = vec![0u8; words.len()];
        let mut start = 0;
        for s in &sents {
            if !s.is_empty() {
                flags[start] |= net::FIRST;
                flags[start + s.len() - 1] |= net::LAST;
            }
            start += s.len();
        }
        let mut lower = String::new();
        let ids: Vec<u32> = words.iter().map(|w| ner.word_id(w, &mut lower)).collect();
        let shape_ids: Vec<u32> = words
            .iter()
            .map(|w| ner.shape_ids[shape::shape_index(w) as usize])
            .collect();
        let run = |enc: &net::Encoder, window| {
            let mut out = Vec::new();
            enc.encode(&ids, &shape_ids, &flags, window, |a, rows| {
                assert_eq!(a * enc.out_dim(), out.len());
                out.extend_from_slice(rows);
            });
            out
        };
        let want = run(&dense, net::WINDOW);
        let got = run(&sparse, net::WINDOW);
        assert_eq!(want.len(), words.len() * dense.out_dim());
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!((g - w).abs() <= 1e-4 * (1.0 + w.abs()), "{i}: {g} vs {w}");
        }
        // and, like the dense one, it does not depend on the windows or the cache
        for window in [1, 3, 64, 100_000] {
            assert!(run(&sparse, window) == got, "window {window}");
            assert!(run(&uncached, window) == got, "window {window}, no cache");
        }
    }

    #[test]
    fn odd_and_huge_inputs_do_not_panic() {
        let (ner, _) = synthetic("odd", 3);
        assert!(ner.tag::<&str>(&[]).is_empty());
        assert!(ner.tag_sentences::<&str, Vec<&str>>(&[]).is_empty());
        assert!(ner.entities("").is_empty());
        assert!(ner.entities(" \n\t ").is_empty());
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
        assert_eq!(ner.tag(&odd).len(), odd.len());
        let words: Vec<&str> = (0..50_000)
            .map(|i| odd[i % odd.len()].get(..16).unwrap_or("x"))
            .collect();
        let t = std::time::Instant::now();
        assert_eq!(ner.tag(&words).len(), 50_000);
        assert!(t.elapsed().as_secs() < 60);
        let text = format!("Путин\u{0} {big} 😀\n\n«Москва» {}", "и в ".repeat(20_000));
        for s in ner.entities(&text) {
            assert!(
                s.start < s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
            );
        }
    }

    #[test]
    fn a_segmentation_out_of_range_is_skipped() {
        let (ner, _) = synthetic("segmentation", 9);
        let text = "Путин в Москве";
        let mut seg = dyad_lang::segment(text);
        #[allow(clippy::reversed_empty_ranges)] // on purpose
        let odd = vec![0..2, 2..9, 3..1, 1..3];
        seg.sentences = odd;
        let _ = ner.entities_in(text, &seg);
        let _ = ner.entities_in("", &seg);
    }

    #[test]
    fn bad_files_are_errors_not_panics() {
        let dir = std::env::temp_dir().join(format!("dyad-ner-{}-bad", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let garbage = dir.join("garbage.tar");
        std::fs::write(&garbage, b"not a tar at all").unwrap();
        assert!(SlovnetNer::load_from(&dir.join("missing.tar"), &garbage).is_err());
        assert!(SlovnetNer::load_from(&garbage, &garbage).is_err());
        let w = testmodel::weights(5);
        let (model, navec) = testmodel::write(&dir, &w);
        assert!(SlovnetNer::load_from(&navec, &model).is_err()); // swapped
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn shareable_between_threads() {
        fn check<T: Send + Sync>() {}
        check::<SlovnetNer>();
    }

    #[test]
    fn lowercase_as_python() {
        let mut b = String::new();
        for (w, l) in [
            ("ПуТиН", "путин"),
            ("Ёлка", "ёлка"),
            ("NATO", "nato"),
            ("ΟΔΟΣ", "οδος"),
            ("İ", "i̇"),
            ("", ""),
        ] {
            lowercase(w, &mut b);
            assert_eq!(b, l, "{w}");
        }
    }

    #[test]
    fn spans_follow_slovnet_bio_rules() {
        let tokens: Vec<Token> = (0..7)
            .map(|i| Token {
                start: i * 2,
                end: i * 2 + 1,
                kind: TokenKind::Word,
            })
            .collect();
        use Raw::Tag as T;
        let tags = [
            T(Tag::IPer),
            T(Tag::BPer),
            T(Tag::ILoc),
            Raw::Pad,
            T(Tag::BOrg),
            T(Tag::O),
            T(Tag::BLoc),
        ];
        let mut spans = Vec::new();
        bio_spans(&tokens, tags.into_iter(), &mut spans);
        assert_eq!(
            spans,
            [
                Span {
                    start: 2,
                    end: 5,
                    kind: Kind::Per
                }, // I of another type extends
                Span {
                    start: 8,
                    end: 9,
                    kind: Kind::Org
                },
                Span {
                    start: 12,
                    end: 13,
                    kind: Kind::Loc
                },
            ]
        );
    }

    #[test]
    fn tag_names() {
        assert_eq!(Tag::parse("B-LOC"), Some(Tag::BLoc));
        assert_eq!(Tag::parse("<pad>"), None);
        assert_eq!(Tag::IOrg.kind(), Some(Kind::Org));
        assert!(!Tag::IPer.is_begin());
    }
}
