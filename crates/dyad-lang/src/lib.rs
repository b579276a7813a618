//! dyad's language stage for Russian text.
pub mod segment;
pub use segment::{segment, tokenize, Segmentation, Token, TokenKind};
