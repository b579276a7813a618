//! dyad's pipeline: `Document → CleanDoc → Annotated → mentions → entities → events →
//! Record`.
//!
//! [`Pipeline::analyze`] is the one place that runs the stages in order on one document;
//! every command, the store's ingestor, the server, the benchmarks and the evaluations go
//! through it (the evaluations, whose inputs are bare texts, through
//! [`Pipeline::analyze_text`]). It builds the document's [`Annotated`] text once — tokens,
//! their keys, sentences, the publication date — and every later stage and the search index
//! read that.
//!
//! A [`Stream`] runs the pipeline over a stream of documents the way `dyad extract` prints
//! them: reprints found across the stream (`duplicate_of`) and events linked to the same
//! event told earlier ([`dyad_record::story`]). The store does the same for what it stores
//! (`dyad_store::Ingestor`), through the [`Analyzer`] this crate implements.
//!
//! Without language models ([`Pipeline::new`]) the records carry the document fields and
//! empty entity and event lists; with them ([`Pipeline::with_language`]), everything.

pub mod bench;
pub mod records;

pub use dyad_lang::Annotated;
pub use dyad_record::{
    self as record, story, Analyzed, Analyzer, EntityRecord, EventRecord, MentionRecord, Record,
};

use chrono::NaiveDate;
use dyad_doc::{clean, doc_id, CleanDoc, Deduplicator, Document};
use dyad_events::{Event, EventModel};
use dyad_link::{Entity, Role};
use dyad_mentions::{Language, Mention};
use std::time::{Duration, Instant};

/// The stages with their models, loaded once; analysing a document changes nothing in it,
/// so one pipeline serves any number of streams.
#[derive(Default)]
pub struct Pipeline {
    language: Option<Language>,
    syntax: Option<dyad_syntax::SlovnetSyntax>,
    events: Option<EventModel>,
}

/// Why the models could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Language(#[from] dyad_mentions::LoadError),
    #[error(transparent)]
    Syntax(#[from] dyad_syntax::SyntaxError),
}

/// What the stages found in a text.
#[derive(Debug, Clone)]
pub struct TextAnalysis {
    /// The text with its tokens, keys, sentences and publication date.
    pub annotated: Annotated,
    /// Names found in it (empty without language models).
    pub mentions: Vec<Mention>,
    /// Its actors, with their mentions and offices.
    pub entities: Vec<Entity>,
    /// Offices read from titles standing alone ("президент США заявил"), for the NEREL
    /// scorer; offices of named people are in `entities`.
    pub standing_roles: Vec<Role>,
    /// Its events; entities are indices into `entities`.
    pub events: Vec<Event>,
    /// Time spent in each stage (`dyad bench` reads them).
    pub times: StageTimes,
}

/// Time spent in each stage on one document.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    pub clean: Duration,
    /// Segmentation and token keys.
    pub segment: Duration,
    /// Dependency parsing.
    pub syntax: Duration,
    pub mentions: Duration,
    /// The actor stage: linking, offices, coreference.
    pub actors: Duration,
    pub events: Duration,
}

impl std::ops::AddAssign for StageTimes {
    fn add_assign(&mut self, o: Self) {
        self.clean += o.clean;
        self.segment += o.segment;
        self.syntax += o.syntax;
        self.mentions += o.mentions;
        self.actors += o.actors;
        self.events += o.events;
    }
}

impl StageTimes {
    pub fn total(&self) -> Duration {
        self.clean + self.segment + self.syntax + self.mentions + self.actors + self.events
    }
}

/// One document through every stage.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub cleaned: CleanDoc,
    /// The document's id: the hash of its cleaned text.
    pub id: String,
    pub text: TextAnalysis,
}

impl Pipeline {
    /// The document stages only: entities and events stay empty.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every stage, with the loaded models: the language models (morphology, names) and the
    /// parser.
    pub fn with_models(language: Language, syntax: dyad_syntax::SlovnetSyntax) -> Self {
        Pipeline {
            events: Some(EventModel::new(language.morph())),
            language: Some(language),
            syntax: Some(syntax),
        }
    }

    /// Every stage, loading the models (`dyad models fetch` puts them in place).
    pub fn load() -> Result<Self, LoadError> {
        let language = Language::load()?;
        // the actor stage's tables (the world table of people among them) are built while
        // the parser loads, not on the first document
        let syntax = std::thread::scope(|s| {
            let syntax = s.spawn(dyad_syntax::SlovnetSyntax::load);
            dyad_link::prepare(&language);
            syntax.join().expect("the parser's loading thread")
        })?;
        Ok(Self::with_models(language, syntax))
    }

    /// The loaded language models, when there are.
    pub fn language(&self) -> Option<&Language> {
        self.language.as_ref()
    }

    /// The event patterns, when the language models are loaded.
    pub fn event_model(&self) -> Option<&EventModel> {
        self.events.as_ref()
    }

    /// Runs every stage on a document. Never fails on content.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let started = Instant::now();
        let cleaned = clean(doc);
        let id = doc_id(cleaned.text.text());
        let clean_time = started.elapsed();
        let mut analysis = self.analyze_cleaned(cleaned, id);
        analysis.text.times.clean = clean_time;
        analysis
    }

    /// [`analyze`](Self::analyze) for a document its caller has cleaned already (to skip a
    /// stored one by its id before the costly stages).
    pub fn analyze_cleaned(&self, cleaned: CleanDoc, id: String) -> Analysis {
        let text = self.analyze_text(cleaned.text.text(), cleaned.published);
        Analysis { cleaned, id, text }
    }

    /// The stages after cleaning, on a bare text (the evaluation sets' texts).
    pub fn analyze_text(&self, text: &str, published: Option<NaiveDate>) -> TextAnalysis {
        let mut times = StageTimes::default();
        let mut clock = Instant::now();
        let mut lap = |stage: &mut Duration| {
            let now = Instant::now();
            *stage += now - clock;
            clock = now;
        };
        let mut annotated = Annotated::new(text, published);
        lap(&mut times.segment);
        let (Some(lang), Some(model), Some(syntax)) = (&self.language, &self.events, &self.syntax)
        else {
            return TextAnalysis {
                annotated,
                mentions: Vec::new(),
                entities: Vec::new(),
                standing_roles: Vec::new(),
                events: Vec::new(),
                times,
            };
        };
        // the trees are read by the event stage only, in sentences with a trigger word:
        // the others are not parsed
        annotated.deps = syntax.parse_annotated_where(&annotated, &|r| {
            model.is_trigger_sentence(&annotated.keys[r])
        });
        lap(&mut times.syntax);
        let mentions = lang.mentions(&annotated);
        lap(&mut times.mentions);
        let (entities, standing_roles) = dyad_link::link_with_roles(lang, &annotated, &mentions);
        lap(&mut times.actors);
        let events = dyad_events::extract(model, lang, &annotated, &entities);
        lap(&mut times.events);
        TextAnalysis {
            annotated,
            mentions,
            entities,
            standing_roles,
            events,
            times,
        }
    }
}

impl Pipeline {
    /// Each actor's attitude to another in an analysed text (`dyad_events::attitudes`):
    /// the tone of the sentences that name both, and the signs of their events. Empty
    /// without language models.
    pub fn attitudes(&self, t: &TextAnalysis) -> Vec<dyad_events::Attitude> {
        let (Some(lang), Some(model)) = (&self.language, &self.events) else {
            return Vec::new();
        };
        dyad_events::attitudes(model, lang, &t.annotated, &t.entities, &t.events)
    }
}

impl Analysis {
    /// The contract's record of the document, with the earlier document it reprints. Its
    /// events are linked to no other document yet (`sources` 1, no `same_as`).
    pub fn record(&self, doc: &Document, duplicate_of: Option<String>) -> Record {
        let cleaned = &self.cleaned.text;
        let t = &self.text;
        let mut record = Record::new(doc, &self.cleaned, self.id.clone(), duplicate_of);
        record.sentences = t.annotated.seg.sentences.len();
        record.tokens = t.annotated.seg.tokens.len();
        record.entities = records::entity_records(&t.entities, cleaned, &doc.source);
        record.events = records::event_records(&t.events, &t.entities, cleaned, &doc.source);
        record
    }

    /// What the search index keeps of the document: the lemmas of its title and text.
    pub fn search_text(&self, lemmatizer: &dyn dyad_lang::Lemmatize) -> String {
        self.text
            .annotated
            .search_text(lemmatizer, self.cleaned.title.as_deref())
    }
}

impl Analyzer for Pipeline {
    fn analyze(
        &self,
        doc: &Document,
        cleaned: CleanDoc,
        id: String,
        duplicate_of: Option<String>,
    ) -> Analyzed {
        let analysis = self.analyze_cleaned(cleaned, id);
        Analyzed {
            record: analysis.record(doc, duplicate_of),
            search_text: analysis.search_text(self.lemmatizer()),
        }
    }

    fn lemmatizer(&self) -> &dyn dyad_lang::Lemmatize {
        match &self.language {
            Some(lang) => lang.morph(),
            None => &NoLemmas,
        }
    }
}

/// Without the morphology, every word is its own lemma.
struct NoLemmas;

impl dyad_lang::Lemmatize for NoLemmas {
    fn lemmas(&self, _: &str) -> Vec<String> {
        Vec::new()
    }
}

/// A stream of documents as `dyad extract` prints them: each document's record, with the
/// reprints of earlier documents marked and the events linked to the same events told
/// earlier in the stream.
pub struct Stream<'p> {
    pipeline: &'p Pipeline,
    reprints: Deduplicator,
    stories: story::Stories,
}

impl<'p> Stream<'p> {
    pub fn new(pipeline: &'p Pipeline) -> Self {
        Stream {
            pipeline,
            reprints: Deduplicator::new(),
            stories: story::Stories::default(),
        }
    }

    /// The record of the next document. Never fails on content.
    pub fn process(&mut self, doc: &Document) -> Record {
        let analysis = self.pipeline.analyze(doc);
        let duplicate_of = self
            .reprints
            .check(&analysis.id, analysis.cleaned.text.text());
        let mut record = analysis.record(doc, duplicate_of);
        self.stories.link(&mut record);
        record
    }
}

/// What the event stage made of a text, word by word: the tree, the entities, and each
/// trigger's frame with its event or the reason it gives none (`dyad explain`).
pub struct Explanation {
    pub text: TextAnalysis,
    pub readings: Vec<dyad_events::Reading>,
}

impl Pipeline {
    /// Runs every stage on a text and keeps how the event stage read each trigger.
    pub fn explain(&self, text: &str, published: Option<NaiveDate>) -> Explanation {
        let mut analysis = self.analyze_text(text, published);
        // every sentence's tree is shown, also where no word may tell an event (the events
        // read the same trees: those sentences have no trigger)
        if let Some(syntax) = &self.syntax {
            analysis.annotated.deps = syntax.parse_annotated(&analysis.annotated);
        }
        let readings = match (&self.language, &self.events) {
            (Some(lang), Some(model)) => {
                dyad_events::explain(model, lang, &analysis.annotated, &analysis.entities)
            }
            _ => Vec::new(),
        };
        Explanation {
            text: analysis,
            readings,
        }
    }
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = &self.text.annotated;
        let word = |k: usize| a.token(k).to_string();
        writeln!(f, "tree")?;
        for (k, d) in a.deps.iter().enumerate() {
            let head = d
                .head
                .map_or("root".to_string(), |h| format!("{} {}", h + 1, word(h)));
            writeln!(f, "  {:>3} {:<24} {:<12} ← {}", k + 1, word(k), d.rel, head)?;
        }
        writeln!(f, "entities")?;
        let entities = &self.text.entities;
        for e in entities {
            writeln!(
                f,
                "  {:<4} {:<4} {:<32} {:<5} {}",
                e.id,
                e.kind.as_str(),
                e.name,
                e.country.as_deref().unwrap_or("-"),
                e.office.as_deref().unwrap_or("")
            )?;
        }
        writeln!(f, "triggers")?;
        let names = |v: &[usize]| {
            v.iter()
                .map(|&i| entities[i].name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        for r in &self.readings {
            let frame = format!(
                "{}{} ({}…)",
                r.kind,
                r.mode
                    .as_deref()
                    .map(|m| format!("/{m}"))
                    .unwrap_or_default(),
                r.lemmas
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            match &r.outcome {
                Ok(e) => writeln!(
                    f,
                    "  {:>3} {:<20} {:<44} → [{}] → [{}]{}{}",
                    r.token + 1,
                    word(r.token),
                    frame,
                    names(&e.actor),
                    names(&e.recipient),
                    e.date
                        .as_deref()
                        .map(|d| format!(" on {d}"))
                        .unwrap_or_default(),
                    e.aux
                        .map(|x| format!(" ({})", x.as_str()))
                        .unwrap_or_default()
                )?,
                Err(why) => writeln!(
                    f,
                    "  {:>3} {:<20} {:<44} ✗ {why}",
                    r.token + 1,
                    word(r.token),
                    frame
                )?,
            }
        }
        Ok(())
    }
}
