//! Readers and scorers for the evaluation sets dyad is measured on, and ([`pipeline`]) dyad's
//! pipeline run on each. Nothing in the pipeline depends on this crate.
pub mod coref;
pub mod events;
pub mod factru;
pub mod facts;
pub mod matching;
pub mod names;
pub mod ner;
pub mod nerel;
pub mod pipeline;
pub mod rusentrel;
pub mod score;
