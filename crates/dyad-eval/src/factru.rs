//! factRuEval-2016 files.
use crate::score::Prf;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct SegmentationScores {
    pub tokens: Prf,
    pub sentences: Prf,
    pub documents: usize,
}

/// Scores [`dyad_lang::segment`] against the `.tokens` files of a factRuEval folder.
pub fn score_segmentation(_dir: &Path) -> anyhow::Result<SegmentationScores> {
    anyhow::bail!("not yet")
}
