//! Full-text search over lemmas. tantivy's Snowball stemmer maps "Азербайджан" and
//! "Азербайджаном" to different stems, so dyad indexes what the morphology says each word's
//! lemma is ("азербайджан"), every lemma of an ambiguous word, and reads queries the same
//! way: every inflected form of a word or a name finds the others.

use crate::Result;
use dyad_morph::Morph;
use std::path::Path;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, Value, FAST, INDEXED, STORED, TEXT};
use tantivy::{doc, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

/// Lemmas a word may have (at most two, the likeliest first), lower case, ё → е.
fn word_lemmas(morph: &Morph, word: &str) -> Vec<String> {
    let w = word.to_lowercase().replace('ё', "е");
    if !w.chars().any(|c| matches!(c, 'а'..='я')) {
        return vec![w];
    }
    let mut out: Vec<String> = Vec::new();
    for f in morph.normal_forms(&w).into_iter().take(2) {
        let f = f.replace('ё', "е");
        if !out.contains(&f) {
            out.push(f);
        }
    }
    if out.is_empty() {
        out.push(w);
    }
    out
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The text as the index keeps it: each word's lemmas, separated by spaces.
pub fn lemma_text(morph: &Morph, text: &str) -> String {
    let mut cache: std::collections::HashMap<&str, Vec<String>> = Default::default();
    let mut out = String::with_capacity(text.len());
    for w in words(text) {
        let lemmas = cache.entry(w).or_insert_with(|| word_lemmas(morph, w));
        for l in lemmas.iter() {
            out.push_str(l);
            out.push(' ');
        }
    }
    out
}

/// What the index keeps of a document: the lemmas of its title and its text.
pub fn record_lemmas(morph: &Morph, title: Option<&str>, text: &str) -> String {
    lemma_text(morph, &format!("{}\n{text}", title.unwrap_or("")))
}

/// A query's words, each as the lemmas it may have. Only letters and digits count: the
/// query language is words, all of which must match.
pub fn query_words(morph: &Morph, query: &str) -> Vec<Vec<String>> {
    words(query).map(|w| word_lemmas(morph, w)).collect()
}

fn schema() -> (Schema, Field, Field) {
    let mut b = Schema::builder();
    let doc = b.add_u64_field("doc", INDEXED | STORED | FAST);
    let lemmas = b.add_text_field("lemmas", TEXT);
    (b.build(), doc, lemmas)
}

fn open_index(dir: &Path) -> Result<Index> {
    std::fs::create_dir_all(dir)?;
    let d = tantivy::directory::MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
    Ok(Index::open_or_create(d, schema().0)?)
}

/// The writer of the index (one per store, under the store's writer lock).
pub struct IndexWriter {
    writer: tantivy::IndexWriter<TantivyDocument>,
    doc: Field,
    lemmas: Field,
}

impl IndexWriter {
    pub fn open(dir: &Path) -> Result<IndexWriter> {
        let index = open_index(dir)?;
        let (_, doc, lemmas) = schema();
        Ok(IndexWriter {
            writer: index.writer_with_num_threads(1, 50_000_000)?,
            doc,
            lemmas,
        })
    }

    /// Adds (or replaces) document `n`'s lemmas.
    pub fn put(&mut self, n: u64, lemmas: &str) -> Result<()> {
        self.writer.delete_term(Term::from_field_u64(self.doc, n));
        self.writer
            .add_document(doc!(self.doc => n, self.lemmas => lemmas))?;
        Ok(())
    }

    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        Ok(())
    }
}

/// A reader of the index; reloads itself when the writer commits.
pub struct Searcher {
    reader: IndexReader,
    doc: Field,
    lemmas: Field,
}

/// One page of hits: the total and (document n, score) in order of score.
pub type Hits = (usize, Vec<(i64, f32)>);

impl Searcher {
    pub fn open(dir: &Path) -> Result<Searcher> {
        let index = open_index(dir)?;
        let (_, doc, lemmas) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Searcher {
            reader,
            doc,
            lemmas,
        })
    }

    /// Sees the latest commit now (the reader otherwise follows commits shortly after).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    /// Documents holding every word (any of its lemmas), best first.
    pub fn search(&self, words: &[Vec<String>], offset: usize, limit: usize) -> Result<Hits> {
        if words.is_empty() {
            return Ok((0, Vec::new()));
        }
        let must: Vec<(Occur, Box<dyn Query>)> = words
            .iter()
            .map(|lemmas| {
                let any: Vec<(Occur, Box<dyn Query>)> = lemmas
                    .iter()
                    .map(|l| {
                        let q: Box<dyn Query> = Box::new(TermQuery::new(
                            Term::from_field_text(self.lemmas, l),
                            IndexRecordOption::WithFreqs,
                        ));
                        (Occur::Should, q)
                    })
                    .collect();
                let q: Box<dyn Query> = Box::new(BooleanQuery::new(any));
                (Occur::Must, q)
            })
            .collect();
        let query = BooleanQuery::new(must);
        let searcher = self.reader.searcher();
        let (top, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(limit.max(1))
                    .and_offset(offset)
                    .order_by_score(),
                Count,
            ),
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            if let Some(n) = d.get_first(self.doc).and_then(|v| v.as_u64()) {
                hits.push((n as i64, score));
            }
        }
        Ok((total, hits))
    }
}
