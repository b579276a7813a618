//! factRuEval-2016 files.
//!
//! A factRuEval folder holds, for each document `book_N`, its text `book_N.txt` and its
//! annotation files (`.tokens`, `.spans`, `.objects`, `.coref`, `.facts`). Offsets in
//! the annotation files count characters (not bytes) of the text. [`read_folder`] and
//! [`read_doc`] read the text and the tokens and sentences of `.tokens`; scorers for the
//! other files can build on [`FactRuDoc`] and [`CharOffsets`].
use crate::score::Prf;
use anyhow::{bail, Context, Result};
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct SegmentationScores {
    pub tokens: Prf,
    pub sentences: Prf,
    pub documents: usize,
}

/// One token of a `.tokens` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldToken {
    pub id: u64,
    /// Character offset into the text.
    pub start: usize,
    /// Length in characters.
    pub len: usize,
    pub text: String,
}

impl GoldToken {
    /// Character span.
    pub fn span(&self) -> Range<usize> {
        self.start..self.start + self.len
    }
}

/// One document of a factRuEval folder: its text and gold tokens and sentences.
#[derive(Debug, Clone)]
pub struct FactRuDoc {
    /// "book_100"
    pub name: String,
    pub text: String,
    pub tokens: Vec<GoldToken>,
    /// Ranges of indices into `tokens`, one a sentence.
    pub sentences: Vec<Range<usize>>,
}

impl FactRuDoc {
    /// Character span of sentence `i`: from its first token's start to its last token's end.
    pub fn sentence_span(&self, i: usize) -> Range<usize> {
        let r = &self.sentences[i];
        self.tokens[r.start].start..self.tokens[r.end - 1].span().end
    }
}

/// Converts byte offsets of a text to character offsets and back.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset of each character, then the text's length.
    bytes: Vec<usize>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharOffsets { bytes }
    }

    /// Character offset of byte offset `b` (a char boundary, or the text's length).
    pub fn char_of(&self, b: usize) -> usize {
        match self.bytes.binary_search(&b) {
            Ok(i) => i,
            Err(i) => i, // inside a character: the next one
        }
    }

    /// Character spans of byte spans (a mention's, an entity's mentions).
    pub fn char_spans(&self, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
        spans
            .iter()
            .map(|&(s, e)| (self.char_of(s), self.char_of(e)))
            .collect()
    }

    /// Byte offset of character offset `c` (clamped to the text's length).
    pub fn byte_of(&self, c: usize) -> usize {
        self.bytes[c.min(self.bytes.len() - 1)]
    }

    /// Number of characters.
    pub fn chars(&self) -> usize {
        self.bytes.len() - 1
    }
}

/// The names ("book_100", …) of the documents in a factRuEval folder that have a `.txt`,
/// in the order of their numbers.
pub fn list_docs(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            names.push(stem.to_string());
        }
    }
    names.sort_by_key(|n| {
        let num: u64 = n
            .rsplit('_')
            .next()
            .and_then(|d| d.parse().ok())
            .unwrap_or(u64::MAX);
        (num, n.clone())
    });
    Ok(names)
}

/// Reads `NAME.txt` and `NAME.tokens` of a factRuEval folder.
pub fn read_doc(dir: &Path, name: &str) -> Result<FactRuDoc> {
    let txt_path = dir.join(format!("{name}.txt"));
    let tok_path = dir.join(format!("{name}.tokens"));
    let text = std::fs::read_to_string(&txt_path)
        .with_context(|| format!("reading {}", txt_path.display()))?;
    let tokens_file = std::fs::read_to_string(&tok_path)
        .with_context(|| format!("reading {}", tok_path.display()))?;
    let (tokens, sentences) =
        parse_tokens(&tokens_file).with_context(|| format!("in {}", tok_path.display()))?;
    Ok(FactRuDoc {
        name: name.to_string(),
        text,
        tokens,
        sentences,
    })
}

/// Reads every document of a factRuEval folder that has both a `.txt` and a `.tokens`.
pub fn read_folder(dir: &Path) -> Result<Vec<FactRuDoc>> {
    let mut docs = Vec::new();
    for name in list_docs(dir)? {
        if !tokens_path(dir, &name).exists() {
            continue;
        }
        docs.push(read_doc(dir, &name)?);
    }
    Ok(docs)
}

/// The text of another annotation file of a document (`ext` is "spans", "objects",
/// "coref" or "facts"), or `None` when the folder has no such file.
pub fn read_annotation(dir: &Path, name: &str, ext: &str) -> Result<Option<String>> {
    let path = dir.join(format!("{name}.{ext}"));
    match std::fs::read_to_string(&path) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn tokens_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.tokens"))
}

/// Parses a `.tokens` file: `id start length text` a line, a blank line ends a sentence.
pub fn parse_tokens(s: &str) -> Result<(Vec<GoldToken>, Vec<Range<usize>>)> {
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    let mut start = 0;
    for (n, line) in s.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if tokens.len() > start {
                sentences.push(start..tokens.len());
                start = tokens.len();
            }
            continue;
        }
        let mut parts = line.splitn(4, ' ');
        let mut field = |what: &str| -> Result<u64> {
            let f = parts.next().unwrap_or("");
            f.parse()
                .with_context(|| format!("line {}: bad {what} {f:?}", n + 1))
        };
        let id = field("id")?;
        let begin = field("start")? as usize;
        let len = field("length")? as usize;
        let text = parts.next().unwrap_or("").to_string();
        tokens.push(GoldToken {
            id,
            start: begin,
            len,
            text,
        });
    }
    if tokens.len() > start {
        sentences.push(start..tokens.len());
    }
    Ok((tokens, sentences))
}

/// Predicted token and sentence character spans of one text.
pub struct PredictedSpans {
    pub tokens: Vec<Range<usize>>,
    pub sentences: Vec<Range<usize>>,
}

/// Runs [`dyad_lang::segment`] on `text` and returns character spans.
pub fn predict(text: &str, seg: &dyad_lang::Segmentation) -> PredictedSpans {
    let offs = CharOffsets::new(text);
    let tokens: Vec<Range<usize>> = seg
        .tokens
        .iter()
        .map(|t| offs.char_of(t.start)..offs.char_of(t.end))
        .collect();
    let sentences = seg
        .sentences
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| tokens[r.start].start..tokens[r.end - 1].end)
        .collect();
    PredictedSpans { tokens, sentences }
}

fn count(gold: &[Range<usize>], pred: &[Range<usize>], p: &mut Prf) {
    let g: HashSet<(usize, usize)> = gold.iter().map(|r| (r.start, r.end)).collect();
    let q: HashSet<(usize, usize)> = pred.iter().map(|r| (r.start, r.end)).collect();
    let tp = q.intersection(&g).count();
    p.tp += tp;
    p.fp += q.len() - tp;
    p.fn_ += g.len() - tp;
}

/// Gold token and sentence character spans of a document.
pub fn gold_spans(doc: &FactRuDoc) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let tokens = doc.tokens.iter().map(|t| t.span()).collect();
    let sentences = (0..doc.sentences.len())
        .map(|i| doc.sentence_span(i))
        .collect();
    (tokens, sentences)
}

/// Scores [`dyad_lang::segment`] against the `.tokens` files of a factRuEval folder.
///
/// A predicted token counts when its character span equals a gold token's; a predicted
/// sentence when the span from its first token's start to its last token's end equals a
/// gold sentence's.
pub fn score_segmentation(
    dir: &Path,
    mut segment: impl FnMut(&str) -> dyad_lang::Segmentation,
) -> Result<SegmentationScores> {
    let docs = read_folder(dir)?;
    if docs.is_empty() {
        bail!("no book_N.txt with book_N.tokens in {}", dir.display());
    }
    let mut s = SegmentationScores::default();
    for doc in &docs {
        let (gt, gs) = gold_spans(doc);
        let p = predict(&doc.text, &segment(&doc.text));
        count(&gt, &p.tokens, &mut s.tokens);
        count(&gs, &p.sentences, &mut s.sentences);
        s.documents += 1;
    }
    Ok(s)
}

/// The blank-line separated records of a factRuEval layer (`.coref`, `.facts`): each record's
/// first line and its further lines, trimmed.
pub(crate) fn records(s: &str) -> Vec<(&str, Vec<&str>)> {
    let mut out = Vec::new();
    let mut cur: Option<(&str, Vec<&str>)> = None;
    for line in s.lines().map(str::trim) {
        if line.is_empty() {
            out.extend(cur.take());
        } else if let Some((_, body)) = cur.as_mut() {
            body.push(line);
        } else {
            cur = Some((line, Vec::new()));
        }
    }
    out.extend(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tokens_and_sentences() {
        let f = "1 0 6 Привет\n2 6 1 ,\n3 8 3 мир\n4 11 1 .\n\n5 13 2 Да\n";
        let (t, s) = parse_tokens(f).unwrap();
        assert_eq!(t.len(), 5);
        assert_eq!(t[2].span(), 8..11);
        assert_eq!(s, vec![0..4, 4..5]);
    }

    #[test]
    fn char_offsets_round_trip() {
        let text = "Мир, peace!";
        let o = CharOffsets::new(text);
        assert_eq!(o.chars(), 11);
        assert_eq!(o.char_of(6), 3); // the comma after three two-byte letters
        assert_eq!(o.byte_of(3), 6);
        assert_eq!(o.char_of(text.len()), 11);
    }

    #[test]
    fn scores_a_folder() {
        let dir = std::env::temp_dir().join(format!("dyad-factru-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "Привет, мир. Как дела?";
        std::fs::write(dir.join("book_1.txt"), text).unwrap();
        let tokens =
            "1 0 6 Привет\n2 6 1 ,\n3 8 3 мир\n4 11 1 .\n\n5 13 3 Как\n6 17 4 дела\n7 21 1 ?\n";
        std::fs::write(dir.join("book_1.tokens"), tokens).unwrap();
        let s = score_segmentation(&dir, dyad_lang::segment).unwrap();
        assert_eq!(list_docs(&dir).unwrap(), vec!["book_1".to_string()]);
        assert!(read_annotation(&dir, "book_1", "spans").unwrap().is_none());
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(s.documents, 1);
        assert_eq!(
            s.tokens,
            Prf {
                tp: 7,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            s.sentences,
            Prf {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
    }
}
