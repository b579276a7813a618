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

/// What is wrong with the index at `dir`, one line each (empty when it is whole): missing,
/// unreadable, files whose checksums fail, or another count of documents than the store's
/// `indexed` (none when that is negative: unknown). tantivy may panic on damaged files;
/// that is a problem found too.
pub fn verify(dir: &Path, indexed: i64) -> Vec<String> {
    let repair = "`dyad check --repair` rebuilds it from the store";
    if !dir.is_dir() {
        return vec![format!("search index missing: {repair}")];
    }
    let run = || -> Result<Vec<String>> {
        let d =
            tantivy::directory::MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
        let index = Index::open(d)?;
        let mut problems = Vec::new();
        let damaged = index.validate_checksum()?;
        if !damaged.is_empty() {
            let mut files: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
            files.sort();
            problems.push(format!(
                "search index damaged ({} files fail their checksum: {}): {repair}",
                files.len(),
                files.join(", ")
            ));
            return Ok(problems);
        }
        let docs = index.reader()?.searcher().num_docs() as i64;
        if indexed >= 0 && docs != indexed {
            problems.push(format!(
                "search index holds {docs} documents, the store {indexed} marked indexed: {repair}"
            ));
        }
        Ok(problems)
    };
    match std::panic::catch_unwind(run) {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => vec![format!(
            "search index damaged: it cannot be read ({e}); {repair}"
        )],
        Err(_) => vec![format!(
            "search index damaged (reading it failed): {repair}"
        )],
    }
}

/// Whether an index is there to open: a writer that finds none while documents are marked
/// indexed rebuilds it.
pub(crate) fn exists(dir: &Path) -> bool {
    Index::exists(&match tantivy::directory::MmapDirectory::open(dir) {
        Ok(d) => d,
        Err(_) => return false,
    })
    .unwrap_or(false)
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
    /// Opens the index at `dir` (an empty one where there is none); a damaged one is
    /// [`crate::StoreError::SearchDamaged`].
    pub fn open(dir: &Path) -> Result<Searcher> {
        let open = || -> Result<Searcher> {
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
        };
        let damaged = |why: String| {
            crate::StoreError::SearchDamaged(format!(
                "{why}; `dyad check --repair` rebuilds it from the store"
            ))
        };
        match std::panic::catch_unwind(open) {
            Ok(Err(crate::StoreError::Search(e))) => Err(damaged(e.to_string())),
            Ok(r) => r,
            Err(_) => Err(damaged("reading it failed".into())),
        }
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
        // tantivy asserts on damaged segment files: a damaged index is an error to report,
        // not a crash
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.run(&query, offset, limit)
        }))
        .unwrap_or_else(|_| {
            Err(crate::StoreError::SearchDamaged(
                "reading it failed; `dyad check --repair` rebuilds it from the store".into(),
            ))
        })
    }

    fn run(&self, query: &BooleanQuery, offset: usize, limit: usize) -> Result<Hits> {
        let searcher = self.reader.searcher();
        let (top, total) = searcher.search(
            query,
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
