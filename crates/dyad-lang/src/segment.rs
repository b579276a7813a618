//! Sentences and tokens.
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Default)]
pub struct Segmentation {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Range<usize>>,
}

/// Splits `text` into sentences (as token index ranges) and tokens (byte offsets).
pub fn segment(text: &str) -> Segmentation {
    let mut tokens = Vec::new();
    for (i, w) in text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
    {
        tokens.push(Token {
            start: i,
            end: i + w.len(),
            kind: TokenKind::Other,
        });
    }
    let n = tokens.len();
    Segmentation {
        tokens,
        sentences: if n > 0 { vec![0..n] } else { vec![] },
    }
}
