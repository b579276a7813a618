//! dyad's language stage for Russian text: sentences and tokens ([`segment`]), words as dyad
//! compares them ([`words`]), and the [`Annotated`] text every later stage reads.
pub mod annotated;
pub mod segment;
pub mod words;
pub use annotated::{Annotated, Dep};
pub use segment::{segment, tokenize, Segmentation, Token, TokenKind};
pub use words::{fold, Lemmatize};
