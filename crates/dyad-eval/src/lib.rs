//! Readers and scorers for the evaluation sets dyad is measured on.
pub mod coref;
pub mod factru;
pub mod facts;
pub mod matching;
pub mod ner;
pub mod nerel;
pub mod rusentrel;
pub mod score;
