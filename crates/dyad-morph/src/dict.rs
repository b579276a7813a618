//! The compiled OpenCorpora dictionary as pymorphy stores it (format 2.4): loading, and the
//! lookups the analyzer is built on.
//!
//! * `words.dawg` — every word form → (paradigm id, form index);
//! * `paradigms.array` — each paradigm is three equal rows: suffix ids, tag ids, prefix ids;
//! * `suffixes.json`, `gramtab-opencorpora-int.json` — the suffix and tag strings;
//! * `meta.json` — paradigm prefixes ("", "по", "наи") and the prediction suffix length;
//! * `prediction-suffixes-N.dawg` — word endings → (count, paradigm id, form index), one DAWG
//!   per paradigm prefix, for guessing unknown words;
//! * `p_t_given_w.intdawg` — "word:tag" → P(tag | word) × 10⁶, from the OpenCorpora corpus.

use crate::dawg::{Dawg, PAYLOAD_SEPARATOR};
use crate::grammeme::{GramSet, Grammeme};
use crate::tag::Tag;
use std::path::{Path, PathBuf};

/// Why the dictionary could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Model(#[from] dyad_models::ModelError),
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}: not a pymorphy dictionary file: {reason}")]
    Format { path: String, reason: String },
}

/// One paradigm (an inflection pattern shared by many lexemes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paradigm<'a> {
    data: &'a [u16],
}

impl<'a> Paradigm<'a> {
    /// Number of forms.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.data.len() / 3
    }
    #[inline]
    pub(crate) fn suffix_id(&self, idx: usize) -> Option<u16> {
        if idx >= self.len() {
            return None;
        }
        self.data.get(idx).copied()
    }
    #[inline]
    pub(crate) fn tag_id(&self, idx: usize) -> Option<u16> {
        if idx >= self.len() {
            return None;
        }
        self.data.get(self.len() + idx).copied()
    }
    #[inline]
    pub(crate) fn prefix_id(&self, idx: usize) -> Option<u16> {
        if idx >= self.len() {
            return None;
        }
        self.data.get(2 * self.len() + idx).copied()
    }
}

/// A suffix or prefix string with its length in characters (pymorphy slices by characters).
#[derive(Debug, Clone)]
pub(crate) struct Affix {
    pub(crate) text: Box<str>,
    pub(crate) chars: usize,
}

impl Affix {
    fn new(s: &str) -> Affix {
        Affix {
            text: s.into(),
            chars: s.chars().count(),
        }
    }
}

/// The loaded dictionary.
pub(crate) struct Dictionary {
    pub(crate) words: Dawg,
    para_data: Vec<u16>,
    para_index: Vec<(u32, u32)>,
    pub(crate) suffixes: Vec<Affix>,
    pub(crate) tags: Vec<Tag>,
    pub(crate) prefixes: Vec<Affix>,
    pub(crate) prediction: Vec<Dawg>,
    pub(crate) max_suffix_length: usize,
    pub(crate) p_t_given_w: Option<Dawg>,
    /// For each grammeme, those that cannot stand beside it (pymorphy's
    /// `_GRAMMEME_INCOMPATIBLE`, from the grammeme tree in `grammemes.json`).
    pub(crate) incompatible: Vec<GramSet>,
    pub(crate) source_revision: String,
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> LoadError {
    LoadError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

fn format_err(path: &Path, e: impl std::fmt::Display) -> LoadError {
    LoadError::Format {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    std::fs::read(path).map_err(|e| io_err(path, e))
}

fn read_json(path: &Path) -> Result<serde_json::Value, LoadError> {
    let bytes = read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| format_err(path, e))
}

fn string_list(path: &Path, v: &serde_json::Value) -> Result<Vec<String>, LoadError> {
    let arr = v
        .as_array()
        .ok_or_else(|| format_err(path, "expected a list"))?;
    arr.iter()
        .map(|x| {
            x.as_str()
                .map(str::to_string)
                .ok_or_else(|| format_err(path, "expected a list of strings"))
        })
        .collect()
}

impl Dictionary {
    /// Loads the dictionary from a folder holding pymorphy's files.
    pub(crate) fn load(dir: &Path) -> Result<Dictionary, LoadError> {
        let f = |name: &str| -> PathBuf { dir.join(name) };

        // meta.json: a list of [key, value] pairs.
        let meta_path = f("meta.json");
        let meta = read_json(&meta_path)?;
        let mut prefixes = vec![String::new(), "по".into(), "наи".into()];
        let mut max_suffix_length = 5usize;
        let mut has_ptw = false;
        let mut source_revision = String::new();
        let mut format_version = String::new();
        for pair in meta.as_array().into_iter().flatten() {
            let (Some(k), Some(v)) = (pair.get(0).and_then(|k| k.as_str()), pair.get(1)) else {
                continue;
            };
            match k {
                "format_version" => format_version = v.as_str().unwrap_or("").to_string(),
                "source_revision" => {
                    source_revision = v
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string())
                }
                "P(t|w)" => has_ptw = v.as_bool().unwrap_or(false),
                "compile_options" | "prediction_options" => {
                    if let Some(p) = v.get("paradigm_prefixes") {
                        prefixes = string_list(&meta_path, p)?;
                    }
                    if let Some(m) = v.get("max_suffix_length").and_then(|m| m.as_u64()) {
                        max_suffix_length = (m as usize).min(16);
                    }
                }
                _ => {}
            }
        }
        if !format_version.starts_with("2.") {
            return Err(format_err(
                &meta_path,
                format!("format_version {format_version:?}, expected 2.x"),
            ));
        }

        // grammemes.json: [name, parent, alias, description] rows.
        let gpath = f("grammemes.json");
        let gjson = read_json(&gpath)?;
        let mut rows: Vec<(Grammeme, Option<Grammeme>)> = Vec::new();
        let mut names: Vec<(String, String)> = Vec::new();
        for row in gjson.as_array().into_iter().flatten() {
            let name = row.get(0).and_then(|x| x.as_str()).unwrap_or("");
            let parent = row.get(1).and_then(|x| x.as_str()).unwrap_or("");
            names.push((name.to_string(), parent.to_string()));
            let g = Grammeme::from_name(name).ok_or_else(|| {
                format_err(
                    &gpath,
                    format!("grammeme {name:?} is not one this reader knows"),
                )
            })?;
            let p = if parent.is_empty() {
                None
            } else {
                Some(
                    Grammeme::from_name(parent)
                        .ok_or_else(|| format_err(&gpath, format!("unknown parent {parent:?}")))?,
                )
            };
            rows.push((g, p));
        }
        let incompatible = incompatibility(&rows);

        // Tags.
        let tpath = f("gramtab-opencorpora-int.json");
        let tag_strings = string_list(&tpath, &read_json(&tpath)?)?;
        let tags = tag_strings
            .iter()
            .map(|s| Tag::parse(s).map_err(|e| format_err(&tpath, e)))
            .collect::<Result<Vec<_>, _>>()?;

        let spath = f("suffixes.json");
        let suffixes: Vec<Affix> = string_list(&spath, &read_json(&spath)?)?
            .iter()
            .map(|s| Affix::new(s))
            .collect();

        // paradigms.array: u16 count; per paradigm u16 length then that many u16 (little endian).
        let ppath = f("paradigms.array");
        let pbytes = read(&ppath)?;
        let u16_at = |at: usize| -> Option<u16> {
            let b = pbytes.get(at..at + 2)?;
            Some(u16::from_le_bytes([b[0], b[1]]))
        };
        let count = u16_at(0).ok_or_else(|| format_err(&ppath, "empty file"))? as usize;
        let mut para_data = Vec::with_capacity(pbytes.len() / 2);
        let mut para_index = Vec::with_capacity(count);
        let mut at = 2usize;
        for i in 0..count {
            let len = u16_at(at)
                .ok_or_else(|| format_err(&ppath, format!("paradigm {i} is cut off")))?
                as usize;
            at += 2;
            let start = para_data.len() as u32;
            for _ in 0..len {
                para_data.push(
                    u16_at(at)
                        .ok_or_else(|| format_err(&ppath, format!("paradigm {i} is cut off")))?,
                );
                at += 2;
            }
            para_index.push((start, len as u32));
        }

        let wpath = f("words.dawg");
        let words = Dawg::from_bytes(&read(&wpath)?, true).map_err(|e| format_err(&wpath, e))?;

        let mut prediction = Vec::new();
        for i in 0..prefixes.len() {
            let p = f(&format!("prediction-suffixes-{i}.dawg"));
            prediction.push(Dawg::from_bytes(&read(&p)?, true).map_err(|e| format_err(&p, e))?);
        }

        let p_t_given_w = if has_ptw {
            let p = f("p_t_given_w.intdawg");
            Some(Dawg::from_bytes(&read(&p)?, false).map_err(|e| format_err(&p, e))?)
        } else {
            None
        };

        Ok(Dictionary {
            words,
            para_data,
            para_index,
            suffixes,
            tags,
            prefixes: prefixes.iter().map(|s| Affix::new(s)).collect(),
            prediction,
            max_suffix_length,
            p_t_given_w,
            incompatible,
            source_revision,
        })
    }

    /// Bytes of memory held by the tables (approximate).
    pub(crate) fn heap_size(&self) -> usize {
        self.words.heap_size()
            + self.prediction.iter().map(Dawg::heap_size).sum::<usize>()
            + self.p_t_given_w.as_ref().map_or(0, Dawg::heap_size)
            + self.para_data.len() * 2
            + self.para_index.len() * 8
            + self
                .suffixes
                .iter()
                .map(|s| s.text.len() + 32)
                .sum::<usize>()
            + self.tags.len() * 32
    }

    #[inline]
    pub(crate) fn paradigm(&self, para_id: u16) -> Option<Paradigm<'_>> {
        let &(start, len) = self.para_index.get(para_id as usize)?;
        let data = self.para_data.get(start as usize..(start + len) as usize)?;
        Some(Paradigm { data })
    }

    #[inline]
    pub(crate) fn tag(&self, para: Paradigm<'_>, idx: usize) -> Option<Tag> {
        self.tags.get(para.tag_id(idx)? as usize).copied()
    }

    #[inline]
    pub(crate) fn suffix(&self, para: Paradigm<'_>, idx: usize) -> Option<&Affix> {
        self.suffixes.get(para.suffix_id(idx)? as usize)
    }

    #[inline]
    pub(crate) fn prefix(&self, para: Paradigm<'_>, idx: usize) -> Option<&Affix> {
        self.prefixes.get(para.prefix_id(idx)? as usize)
    }

    /// pymorphy's `build_stem`: the word without the form's paradigm prefix and suffix,
    /// sliced by characters with Python's clamping.
    pub(crate) fn stem<'w>(
        &self,
        para: Paradigm<'_>,
        idx: usize,
        word: &'w str,
    ) -> Option<&'w str> {
        let prefix = self.prefix(para, idx)?;
        let suffix = self.suffix(para, idx)?;
        Some(py_cut(word, prefix, suffix))
    }

    /// pymorphy's `build_normal_form`.
    pub(crate) fn normal_form(&self, para: Paradigm<'_>, idx: usize, word: &str) -> Option<String> {
        if idx == 0 {
            return Some(word.to_string());
        }
        let stem = self.stem(para, idx, word)?;
        let p0 = self.prefix(para, 0)?;
        let s0 = self.suffix(para, 0)?;
        let mut out = String::with_capacity(p0.text.len() + stem.len() + s0.text.len());
        out.push_str(&p0.text);
        out.push_str(stem);
        out.push_str(&s0.text);
        Some(out)
    }

    /// pymorphy's `similar_items` with the е → ё substitution: every (key, index after the
    /// payload separator) in `dawg` matching `key` where any "е" may stand for "ё". The exact
    /// key comes first, then the variants, in dawg-python's order.
    pub(crate) fn similar_items(dawg: &Dawg, key: &str, out: &mut Vec<(String, u32)>) {
        let mut prefix = String::new();
        similar_rec(dawg, key, 0, &mut prefix, 0, out);
    }

    /// The (count, paradigm id, form index) triples stored for a key in a prediction DAWG.
    pub(crate) fn prediction_values(dawg: &Dawg, index: u32, out: &mut Vec<(u32, u16, u16)>) {
        dawg.record_values::<8>(index, |v| {
            out.push((
                u32::from_be_bytes([v[0], v[1], v[2], v[3]]),
                u16::from_be_bytes([v[4], v[5]]),
                u16::from_be_bytes([v[6], v[7]]),
            ))
        });
    }
}

/// Python's `word[len(prefix):-len(suffix)]` (or `word[len(prefix):]` for an empty suffix),
/// counting characters.
pub(crate) fn py_cut<'w>(word: &'w str, prefix: &Affix, suffix: &Affix) -> &'w str {
    // Fast path: the word really starts with the prefix and ends with the suffix.
    if word.len() >= prefix.text.len() + suffix.text.len()
        && word.starts_with(&*prefix.text)
        && word.ends_with(&*suffix.text)
    {
        return &word[prefix.text.len()..word.len() - suffix.text.len()];
    }
    let n = word.chars().count();
    let start = prefix.chars.min(n);
    let end = if suffix.chars > 0 {
        n.saturating_sub(suffix.chars)
    } else {
        n
    };
    if end <= start {
        return "";
    }
    char_slice(word, start, end)
}

/// The characters `start..end` of `s` (clamped).
pub(crate) fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let mut b_start = s.len();
    let mut b_end = s.len();
    for (i, (pos, _)) in s.char_indices().enumerate() {
        if i == start {
            b_start = pos;
        }
        if i == end {
            b_end = pos;
            break;
        }
    }
    if b_start > b_end {
        return "";
    }
    &s[b_start..b_end]
}

const E: char = 'е';
const YO: &str = "ё";

fn similar_rec(
    dawg: &Dawg,
    key: &str,
    start: usize,
    current_prefix: &mut String,
    index: u32,
    out: &mut Vec<(String, u32)>,
) {
    let mut index = index;
    let mut res: Vec<(String, u32)> = Vec::new();
    let rest = &key[start..];
    let mut completed = true;
    for (off, ch) in rest.char_indices() {
        let pos = start + off;
        if ch == E {
            if let Some(next) = dawg.follow_bytes(YO.as_bytes(), index).filter(|&i| i != 0) {
                let saved = current_prefix.len();
                current_prefix.push_str(&key[start..pos]);
                current_prefix.push_str(YO);
                similar_rec(
                    dawg,
                    key,
                    pos + E.len_utf8(),
                    current_prefix,
                    next,
                    &mut res,
                );
                current_prefix.truncate(saved);
            }
        }
        let mut buf = [0u8; 4];
        match dawg.follow_bytes(ch.encode_utf8(&mut buf).as_bytes(), index) {
            Some(i) if i != 0 => index = i,
            _ => {
                completed = false;
                break;
            }
        }
    }
    if completed {
        if let Some(vi) = dawg
            .follow_char(PAYLOAD_SEPARATOR, index)
            .filter(|&i| i != 0)
        {
            let mut found = String::with_capacity(current_prefix.len() + rest.len());
            found.push_str(current_prefix);
            found.push_str(rest);
            res.insert(0, (found, vi));
        }
    }
    out.extend(res);
}

/// pymorphy's `_init_grammemes`: grammeme → grammemes incompatible with it.
fn incompatibility(rows: &[(Grammeme, Option<Grammeme>)]) -> Vec<GramSet> {
    let n = Grammeme::ALL.len();
    let parent_of = |g: Grammeme| rows.iter().find(|(x, _)| *x == g).and_then(|(_, p)| *p);
    // children[X]: direct children and grandchildren.
    let mut children = vec![GramSet::EMPTY; n];
    for &(name, parent) in rows {
        if let Some(p) = parent {
            children[p as usize] = children[p as usize].with(name);
            if let Some(pp) = parent_of(p) {
                children[pp as usize] = children[pp as usize].with(name);
            }
        }
    }
    // _EXTRA_INCOMPATIBLE: plur excludes GNdr and everything under it.
    let mut extra = vec![GramSet::EMPTY; n];
    let gndr = GramSet::from(Grammeme::GenderCat).union(children[Grammeme::GenderCat as usize]);
    extra[Grammeme::Plur as usize] = gndr;
    let mut out = vec![GramSet::EMPTY; n];
    for &(name, parent) in rows {
        let siblings = parent.map_or(GramSet::EMPTY, |p| children[p as usize]);
        out[name as usize] = extra[name as usize].union(siblings).without(name);
    }
    out
}
