//! Dependency parsing of Russian sentences with natasha's slovnet syntax model
//! (`slovnet_syntax_news_v1`: navec word embeddings and word shapes, three convolution
//! layers, biaffine head and relation scorers) run in Rust.
//!
//! It gives Python slovnet's heads and relations for the same words (see the crate's
//! README for the agreement on factRuEval-2016, NEREL and RuSentRel) and is much faster:
//! the encoder is dyad-ner's (first layer by lookup with a word cache, the later layers
//! summing only the weight rows of non-zero relu outputs, [`Layers::Sparse`]), the heads
//! are batched products, and nothing is allocated per word.
//!
//! Heads are decoded as slovnet decodes them, each word's by argmax over all candidates
//! (no spanning-tree search): a parse may have no root or several, a word may be its own
//! head, and heads may form a cycle — about one sentence in five of news text is not a
//! tree. Code that walks heads must stop at a word it has seen.
//!
//! ```no_run
//! let parser = dyad_syntax::SlovnetSyntax::load()?;
//! let words = ["Путин", "встретился", "с", "Алиевым", "в", "Баку", "."];
//! for (word, dep) in words.iter().zip(parser.parse(&words)) {
//!     let head = dep.head.map_or("ROOT", |h| words[h]);
//!     println!("{word} <-{}- {head}", dep.rel.as_str());
//! }
//! # Ok::<(), dyad_syntax::SyntaxError>(())
//! ```
//!
//! Words are looked up lower-cased and shaped as slovnet does (see dyad-ner). Each sentence
//! is parsed on its own, which is what slovnet computes for any batch: it pads shorter
//! sentences with the `<pad>` word and shape, whose embeddings are zero, and masks them out
//! of the heads. A sentence longer than [`MAX_SENTENCE_WORDS`] is parsed in pieces (see
//! [`SlovnetSyntax::with_max_sentence_words`]).
//!
//! [`SlovnetSyntax`] is `Send + Sync`: share one between threads.

mod annotated;
mod heads;
#[cfg(test)]
mod testmodel;

use dyad_lang::Segmentation;
pub use dyad_ner::net::Layers;
use dyad_ner::net::{Encoder, FIRST, LAST, WINDOW};
use dyad_ner::{shape, vocab::Vocab, NerError};
use std::ops::Range;
use std::path::Path;
use std::sync::Mutex;

/// The slovnet model inside natasha's wheel.
pub const MODEL_FILE: &str = "natasha/data/model/slovnet_syntax_news_v1.tar";
/// The navec embeddings inside natasha's wheel.
pub const NAVEC_FILE: &str = dyad_ner::NAVEC_FILE;
/// Words whose first-layer rows are kept by default (3 KB each: 72 MB when full).
pub const DEFAULT_CACHE_WORDS: usize = dyad_ner::DEFAULT_CACHE_WORDS;
/// Sentences up to this many words are parsed whole, as slovnet parses them; longer ones
/// are parsed in pieces of at most this many words (the head scores are quadratic in a
/// sentence's length, so this bounds the time a word can take; no sentence of the
/// factRuEval or NEREL texts comes near it).
pub const MAX_SENTENCE_WORDS: usize = 8192;

#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error(transparent)]
    Model(#[from] dyad_models::ModelError),
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}: not the slovnet/navec file expected: {reason}")]
    Format { path: String, reason: String },
}

impl From<NerError> for SyntaxError {
    fn from(e: NerError) -> SyntaxError {
        match e {
            NerError::Model(m) => SyntaxError::Model(m),
            NerError::Io { path, reason } => SyntaxError::Io { path, reason },
            NerError::Format { path, reason } => SyntaxError::Format { path, reason },
        }
    }
}

macro_rules! rels {
    ($($(#[$doc:meta])* $v:ident => $s:literal,)*) => {
        /// A dependency relation: the labels of slovnet's syntax model (Universal
        /// Dependencies as in SynTagRus, with its subtypes).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rel {
            $($(#[$doc])* $v,)*
        }

        impl Rel {
            /// Every label, in the order of the model's relation vocabulary.
            pub const ALL: &'static [Rel] = &[$(Rel::$v,)*];

            /// The label as slovnet prints it: `nsubj`, `obl`, `nsubj:pass`, …
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Rel::$v => $s,)*
                }
            }
        }
    };
}

rels! {
    /// slovnet's padding label, `<pad>`: a label the model may in principle choose (slovnet
    /// does not exclude it); never seen on real text.
    Pad => "<pad>",
    Acl => "acl",
    AclRelcl => "acl:relcl",
    Advcl => "advcl",
    Advmod => "advmod",
    Amod => "amod",
    Appos => "appos",
    Aux => "aux",
    AuxPass => "aux:pass",
    Case => "case",
    Cc => "cc",
    Ccomp => "ccomp",
    Compound => "compound",
    Conj => "conj",
    Cop => "cop",
    Csubj => "csubj",
    CsubjPass => "csubj:pass",
    Dep => "dep",
    Det => "det",
    Discourse => "discourse",
    Dislocated => "dislocated",
    Expl => "expl",
    Fixed => "fixed",
    Flat => "flat",
    FlatForeign => "flat:foreign",
    FlatName => "flat:name",
    Goeswith => "goeswith",
    Iobj => "iobj",
    List => "list",
    Mark => "mark",
    Nmod => "nmod",
    Nsubj => "nsubj",
    NsubjPass => "nsubj:pass",
    Nummod => "nummod",
    NummodEntity => "nummod:entity",
    NummodGov => "nummod:gov",
    Obj => "obj",
    Obl => "obl",
    OblAgent => "obl:agent",
    Orphan => "orphan",
    Parataxis => "parataxis",
    Punct => "punct",
    Root => "root",
    Vocative => "vocative",
    Xcomp => "xcomp",
}

impl Rel {
    /// The relation named `label` (as [`Rel::as_str`] gives it).
    pub fn parse(label: &str) -> Option<Rel> {
        Rel::ALL.iter().copied().find(|r| r.as_str() == label)
    }
}

impl std::fmt::Display for Rel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Rel {
    type Err = String;
    fn from_str(s: &str) -> Result<Rel, String> {
        Rel::parse(s).ok_or_else(|| format!("unknown relation {s:?}"))
    }
}

/// A word's syntactic head and the relation that ties it to the head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dep {
    /// Index of the head word in the sentence (from 0); `None`: the word is a root. The
    /// model may, rarely, make a word its own head, as slovnet does (`Some(i)` for word `i`).
    pub head: Option<usize>,
    pub rel: Rel,
}

/// slovnet's syntax model, loaded.
pub struct SlovnetSyntax {
    vocab: Vocab,
    unk: u32,
    /// Shape-vocabulary id of each of [`shape::shape_names`].
    shape_ids: Vec<u32>,
    rels: Vec<Rel>,
    enc: Encoder,
    heads: heads::Heads,
    /// Words encoded together ([`WINDOW`]; changed only by tests).
    window: usize,
    max_words: usize,
    /// Buffers kept between calls, one set for each call running at the same time.
    pool: Mutex<Vec<Buffers>>,
}

/// What a call needs besides its input and output, kept for the next call (allocating
/// them anew each time costs as much as parsing a short text).
#[derive(Default)]
struct Buffers {
    enc: dyad_ner::net::Scratch,
    heads: heads::Scratch,
    /// Encodings of the words whose sentence is not complete yet.
    pending: Vec<f32>,
    /// The sentences of a batch, from its first word.
    local: Vec<Range<usize>>,
}

impl SlovnetSyntax {
    /// Loads the model from dyad's model cache (`dyad models fetch` puts it there).
    pub fn load() -> Result<SlovnetSyntax, SyntaxError> {
        let model = dyad_models::file(&dyad_models::NATASHA, MODEL_FILE)?;
        let navec = dyad_models::file(&dyad_models::NATASHA, NAVEC_FILE)?;
        SlovnetSyntax::load_from(&model, &navec)
    }

    /// Loads a slovnet syntax pack and the navec archive it was trained with.
    pub fn load_from(model_tar: &Path, navec_tar: &Path) -> Result<SlovnetSyntax, SyntaxError> {
        SlovnetSyntax::load_with(model_tar, navec_tar, Layers::Sparse)
    }

    /// [`SlovnetSyntax::load_from`] with the encoder's later layers computed as `layers`
    /// says: [`Layers::Sparse`] (what `load` does) or [`Layers::Dense`] (slower; the same
    /// parses up to float rounding, for comparison).
    pub fn load_with(
        model_tar: &Path,
        navec_tar: &Path,
        layers: Layers,
    ) -> Result<SlovnetSyntax, SyntaxError> {
        let dyad_ner::WordInputs {
            pack,
            navec,
            vocab,
            unk,
            shapes,
            shape_ids,
        } = dyad_ner::WordInputs::open(model_tar, navec_tar)?;
        let p = &pack.path;
        let err = |reason: String| SyntaxError::Format {
            path: p.clone(),
            reason,
        };

        let rels = pack
            .vocab_items("rel")?
            .iter()
            .map(|r| Rel::parse(r).ok_or_else(|| err(format!("unknown relation {r:?}"))))
            .collect::<Result<Vec<Rel>, SyntaxError>>()?;
        if rels.is_empty() {
            return Err(err("an empty relation vocabulary".to_string()));
        }

        let enc = Encoder::new(&pack, navec, shapes.len(), DEFAULT_CACHE_WORDS, layers)?;
        let heads = heads::Heads::new(&pack, enc.out_dim(), rels.len())?;
        Ok(SlovnetSyntax {
            vocab,
            unk,
            shape_ids,
            rels,
            enc,
            heads,
            window: WINDOW,
            max_words: MAX_SENTENCE_WORDS,
            pool: Mutex::new(Vec::new()),
        })
    }

    /// Sets how many words' first-layer rows are cached (3 KB each; 0 turns the cache off).
    /// The cache only saves time: the parses are the same whatever its size.
    pub fn with_cache_capacity(mut self, words: usize) -> SlovnetSyntax {
        self.enc.set_cache_capacity(words);
        self
    }

    /// Sets the longest sentence parsed whole ([`MAX_SENTENCE_WORDS`] by default, at least
    /// 1). A longer one is cut into pieces of at most `words` words, each cut after the last
    /// punctuation mark of the piece's second half if it has one, and each piece is parsed as
    /// a sentence of its own: its root's head is `None`, its words' heads are within it.
    pub fn with_max_sentence_words(mut self, words: usize) -> SlovnetSyntax {
        self.max_words = words.max(1);
        self
    }

    /// One sentence's words → each word's head and relation.
    pub fn parse(&self, words: &[&str]) -> Vec<Dep> {
        let whole = 0..words.len();
        self.parse_ranges(words, std::slice::from_ref(&whole))
            .pop()
            .unwrap_or_default()
    }

    /// Each token's head and relation in an annotated text's sentence trees, heads as token
    /// indices of the text (a word the model made its own head is a root). An editor's note
    /// inside a sentence ("с ожидаемым (подписанием - ред.) соглашением") is no part of its
    /// syntax: the parser reads the sentence without it, and the note hangs on the word
    /// before it as `parataxis`.
    pub fn parse_annotated(&self, annotated: &dyad_lang::Annotated) -> Vec<dyad_lang::Dep> {
        annotated::parse(self, annotated, &|_| true)
    }

    /// [`SlovnetSyntax::parse_annotated`] for the sentences (token ranges of the text)
    /// `wanted` says yes to; the words of the others are left as roots with no head.
    pub fn parse_annotated_where(
        &self,
        annotated: &dyad_lang::Annotated,
        wanted: &dyn Fn(std::ops::Range<usize>) -> bool,
    ) -> Vec<dyad_lang::Dep> {
        annotated::parse(self, annotated, wanted)
    }

    /// Many sentences at once (faster than one by one).
    pub fn parse_sentences(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Dep>> {
        let mut words = Vec::with_capacity(sentences.iter().map(Vec::len).sum());
        let mut ranges = Vec::with_capacity(sentences.len());
        for s in sentences {
            let start = words.len();
            words.extend_from_slice(s);
            ranges.push(start..words.len());
        }
        self.parse_ranges(&words, &ranges)
    }

    /// Parses every sentence of a segmented text ([`dyad_lang::segment()`]): one `Vec<Dep>`
    /// for each of `seg.sentences`, heads indexing that sentence's tokens. Sentence ranges
    /// outside the tokens give empty parses.
    pub fn parse_segmented(&self, text: &str, seg: &Segmentation) -> Vec<Vec<Dep>> {
        let words: Vec<&str> = seg
            .tokens
            .iter()
            .map(|t| text.get(t.start..t.end).unwrap_or(""))
            .collect();
        let n = words.len();
        let mut flat = Vec::with_capacity(n);
        let mut ranges = Vec::with_capacity(seg.sentences.len());
        for r in &seg.sentences {
            let start = flat.len();
            if r.start <= r.end && r.end <= n {
                flat.extend_from_slice(&words[r.clone()]);
            }
            ranges.push(start..flat.len());
        }
        self.parse_ranges(&flat, &ranges)
    }

    /// `sentences` are consecutive ranges covering `words`.
    fn parse_ranges(&self, words: &[&str], sentences: &[Range<usize>]) -> Vec<Vec<Dep>> {
        self.parse_ranges_max(words, sentences, self.max_words)
    }

    /// [`SlovnetSyntax::parse_ranges`] with sentences parsed whole up to `max` words.
    fn parse_ranges_max(
        &self,
        words: &[&str],
        sentences: &[Range<usize>],
        max: usize,
    ) -> Vec<Vec<Dep>> {
        // cut sentences too long into pieces; each piece is parsed as a sentence
        let mut pieces = Vec::with_capacity(sentences.len());
        let mut pieces_of = Vec::with_capacity(sentences.len());
        for r in sentences {
            let first = pieces.len();
            split(words, r.clone(), max, &mut pieces);
            pieces_of.push(first..pieces.len());
        }
        let codes = self.codes(words, &pieces);
        sentences
            .iter()
            .zip(pieces_of)
            .map(|(r, ps)| {
                let mut deps = Vec::with_capacity(r.len());
                for p in &pieces[ps] {
                    let base = p.start - r.start;
                    deps.extend(codes[p.clone()].iter().map(|c| Dep {
                        head: (c.head > 0).then(|| base + c.head as usize - 1),
                        rel: self.rels.get(c.rel as usize).copied().unwrap_or(Rel::Pad),
                    }));
                }
                deps
            })
            .collect()
    }

    /// Heads and relations of every word; `pieces` are consecutive non-empty ranges of
    /// `words`, each parsed as one sentence.
    fn codes(&self, words: &[&str], pieces: &[Range<usize>]) -> Vec<heads::Code> {
        let n = words.len();
        let mut ids = Vec::with_capacity(n);
        let mut shapes = Vec::with_capacity(n);
        let mut lower = String::new();
        for w in words {
            ids.push(self.word_id(w, &mut lower));
            shapes.push(self.shape_ids[shape::shape_index(w) as usize]);
        }
        let mut flags = vec![0u8; n];
        for p in pieces {
            flags[p.start] |= FIRST;
            flags[p.end - 1] |= LAST;
        }
        let mut codes = vec![heads::Code::default(); n];
        let d = self.enc.out_dim();
        let mut buffers = self
            .pool
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop()
            .unwrap_or_default();
        let Buffers {
            enc: enc_scratch,
            heads: scratch,
            pending,
            local,
        } = &mut buffers;
        // encodings of words `done..`, until their sentences are complete
        pending.clear();
        let (mut done, mut next) = (0, 0);
        self.enc.encode_with(
            enc_scratch,
            &ids,
            &shapes,
            &flags,
            self.window,
            |a, rows| {
                debug_assert_eq!(a, done + pending.len() / d);
                pending.extend_from_slice(rows);
                let end = a + rows.len() / d;
                let mut last = next;
                while last < pieces.len() && pieces[last].end <= end {
                    last += 1;
                }
                if last > next {
                    let upto = pieces[last - 1].end;
                    local.clear();
                    local.extend(
                        pieces[next..last]
                            .iter()
                            .map(|p| p.start - done..p.end - done),
                    );
                    self.heads.run(
                        &pending[..(upto - done) * d],
                        local,
                        scratch,
                        &mut codes[done..upto],
                    );
                    pending.drain(..(upto - done) * d);
                    (done, next) = (upto, last);
                }
            },
        );
        // keep the buffers for the next call, less any grown huge for a long sentence
        buffers.heads.trim();
        if buffers.pending.capacity() > 1 << 20 {
            buffers.pending = Vec::new();
        }
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < 64 {
            pool.push(buffers);
        }
        codes
    }

    /// The navec id of `word` lower-cased, or `<unk>`.
    fn word_id(&self, word: &str, buf: &mut String) -> u32 {
        if word.len() > 3 * self.vocab.longest() {
            // no vocabulary word is that long (lower-casing shrinks a word by 3× at most)
            return self.unk;
        }
        dyad_ner::lowercase(word, buf);
        self.vocab.get(buf).unwrap_or(self.unk)
    }
}

/// Appends to `out` the pieces of the sentence `r` of `words`: itself if it is not empty and
/// has at most `max` words; nothing if it is empty; else consecutive pieces of at most `max`
/// words, each cut after the last punctuation word of its second half if there is one.
fn split(words: &[&str], r: Range<usize>, max: usize, out: &mut Vec<Range<usize>>) {
    let max = max.max(1);
    let mut start = r.start;
    while r.end - start > max {
        let limit = start + max;
        let cut = (start + max / 2..limit)
            .rev()
            .find(|&i| is_punct(words[i]))
            .map_or(limit, |i| i + 1);
        out.push(start..cut);
        start = cut;
    }
    if start < r.end {
        out.push(start..r.end);
    }
}

/// One of slovnet's punctuation characters alone.
fn is_punct(word: &str) -> bool {
    let mut c = word.chars();
    matches!((c.next(), c.next()), (Some(ch), None) if shape::PUNCTS.contains(&ch))
}

#[cfg(test)]
mod tests;
