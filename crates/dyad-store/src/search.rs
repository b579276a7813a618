//! Full-text search over lemmas. tantivy's Snowball stemmer maps "Азербайджан" and
//! "Азербайджаном" to different stems, so dyad indexes what the morphology says each word's
//! lemma is ("азербайджан"), every lemma of an ambiguous word, and reads queries the same
//! way: every inflected form of a word or a name finds the others. Which lemmas a word
//! gives is `dyad_lang::words::search_lemmas`, the one rule for texts and queries; the
//! lemmatiser comes from the caller, so the store does not depend on the morphology.

use crate::Result;
use dyad_lang::annotated::search_text;
use dyad_lang::words::{search_lemmas, search_words};
use dyad_lang::Lemmatize;
use std::path::Path;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, Value, FAST, INDEXED, STORED, TEXT};
use tantivy::{doc, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

/// What the index keeps of a stored document: the lemmas of its title and its text. New
/// documents come with theirs from the pipeline (`dyad_record::Analyzed::search_text`),
/// which reads the same words; this is for documents a crash left out of the index.
pub fn stored_text(lemmatizer: &dyn Lemmatize, title: Option<&str>, text: &str) -> String {
    let title = title.into_iter().flat_map(search_words);
    search_text(lemmatizer, title.chain(search_words(text)))
}

/// A query's words, each as the lemmas it may have. Only letters and digits count: the
/// query language is words, all of which must match.
pub fn query_words(lemmatizer: &dyn Lemmatize, query: &str) -> Vec<Vec<String>> {
    search_words(query)
        .map(|w| search_lemmas(lemmatizer, w))
        .collect()
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
