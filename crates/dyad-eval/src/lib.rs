//! Readers and scorers for the evaluation sets dyad is measured on.
pub mod factru;
pub mod ner;
pub mod score;
