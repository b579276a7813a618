//! dyad's document stage: `bytes → Document → CleanDoc`, and reprint detection.
//!
//! * [`ingest`] reads files, folders and stdin in every format we accept (the seed format,
//!   plain text, HTML, JSON Lines, gzip of any of them, legacy Russian encodings) and yields
//!   [`Document`]s whose `body` is the readable text of the input, furniture included, mapped
//!   back to the original text.
//! * [`clean`] keeps the article, drops menus and "most read" lists, and finds the
//!   publication date, title, outlet and cited sources ([`CleanDoc`]).
//! * [`dedup`] gives each cleaned text its id and spots exact and near reprints.
//!
//! Invariant: content never makes a stage fail. Only I/O and undecodable input are errors,
//! and they name the input and the reason.

pub mod clean;
pub mod dates;
pub mod dedup;
pub mod ingest;
pub mod mapped;

pub use clean::{clean, CleanDoc};
pub use dedup::{doc_id, Deduplicator};
pub use ingest::{
    input_files, read_bytes, read_bytes_within, read_file_input, read_paths, read_stdin,
    read_stored, stored_input, InputError, InputFile,
};
pub use mapped::MappedText;

use chrono::NaiveDate;
use serde::Serialize;

/// The formats we recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// An optional first line ` date YYYY-MM-DD`, then the text.
    Seed,
    Plain,
    Html,
    /// One JSON object a line with `text` and optional `date`, `url`, `title`.
    Jsonl,
}

impl Format {
    /// Its name in records and stores: "seed", "plain", "html", "jsonl".
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Seed => "seed",
            Format::Plain => "plain",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
        }
    }

    /// The format of a name [`as_str`](Self::as_str) gives.
    pub fn from_name(name: &str) -> Option<Format> {
        [Format::Seed, Format::Plain, Format::Html, Format::Jsonl]
            .into_iter()
            .find(|f| f.as_str() == name)
    }
}

/// Where a publication date was found (the contract's `published_from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The seed header line, or a `date` field of a JSON Lines record.
    Header,
    /// An HTML `<meta>` or `<time>` element.
    Meta,
    /// A date written in the page text.
    Text,
    None,
}

/// What the container of the text says about it, before any cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    pub published: Option<(NaiveDate, DateSource)>,
    pub title: Option<String>,
    /// `og:site_name`, `application-name` or the like.
    pub site_name: Option<String>,
    pub url: Option<String>,
}

/// One input document as read.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it came from: a path, `-` for stdin, `path:LINE` for a JSON Lines record.
    pub input: String,
    /// The original text as read (decoded). All offsets in the output refer to it.
    pub source: String,
    pub format: Format,
    /// Name of the character encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// The readable text (for HTML: the visible text, one block a line), page furniture
    /// included, mapped to `source`.
    pub body: MappedText,
    /// Byte ranges of `body` that the container marks as page furniture (HTML `nav`,
    /// `header`, `footer`, `aside`, or elements whose class or id says menu, sidebar, most
    /// read …). Empty for plain text, where the cleaner has only the text to go by.
    pub furniture: Vec<std::ops::Range<usize>>,
    /// Byte range of `body` that the container marks as the article (`<article>`,
    /// `itemprop="articleBody"`), when it does.
    pub article: Option<std::ops::Range<usize>>,
    pub hints: Hints,
}
