//! Reading slovnet's model pack and navec's embedding archive.
//!
//! A slovnet pack (`slovnet/exec/pack.py`) is a tar of `meta.json`, `model.json` (the
//! module tree; every weight is `{shape, dtype, array: id}`), `arrays/<id>.bin` (raw
//! little-endian arrays) and `vocabs/{word,shape,tag}.gz` (gzipped `\n`-joined items).
//! A navec archive (`navec/navec.py`) is a tar of `meta.json`, `vocab.bin` and `pq.bin`:
//! four little-endian `u32` (vectors, dim, qdim, centroids), then `vectors × qdim` bytes of
//! centroid indexes, then `qdim × centroids × dim/qdim` `f32` codes.

use crate::NerError;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// A weight array of the pack: its shape and its values.
pub struct Array {
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

/// The files of a slovnet pack, in memory (about 2 MB for the NER model).
pub struct Pack {
    pub path: String,
    pub model: Value,
    files: HashMap<String, Vec<u8>>,
}

fn format_err(path: &str, reason: impl Into<String>) -> NerError {
    NerError::Format {
        path: path.to_string(),
        reason: reason.into(),
    }
}

fn io_err(path: &str, e: std::io::Error) -> NerError {
    NerError::Io {
        path: path.to_string(),
        reason: e.to_string(),
    }
}

impl Pack {
    pub fn open(path: &Path) -> Result<Pack, NerError> {
        let p = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| io_err(&p, e))?;
        let mut archive = tar::Archive::new(std::io::BufReader::new(file));
        let mut files = HashMap::new();
        for entry in archive.entries().map_err(|e| io_err(&p, e))? {
            let mut entry = entry.map_err(|e| io_err(&p, e))?;
            let name = entry
                .path()
                .map_err(|e| io_err(&p, e))?
                .to_string_lossy()
                .into_owned();
            let mut bytes = Vec::with_capacity(entry.size().min(1 << 26) as usize);
            entry.read_to_end(&mut bytes).map_err(|e| io_err(&p, e))?;
            files.insert(name, bytes);
        }
        let meta: Value = json(&p, files.get("meta.json"), "meta.json")?;
        if meta.get("protocol").and_then(Value::as_u64) != Some(1) {
            return Err(format_err(
                &p,
                format!("unsupported pack protocol in meta.json: {meta}"),
            ));
        }
        let model = json(&p, files.get("model.json"), "model.json")?;
        Ok(Pack {
            path: p,
            model,
            files,
        })
    }

    /// The weight at `pointer` (a JSON pointer into model.json, e.g. `/head/proj/weight`),
    /// checked to be `float32` of the `expected` shape.
    pub fn array(&self, pointer: &str, expected: &[usize]) -> Result<Array, NerError> {
        let w = self
            .model
            .pointer(pointer)
            .ok_or_else(|| format_err(&self.path, format!("model.json has no {pointer}")))?;
        let shape: Vec<usize> = w
            .get("shape")
            .and_then(Value::as_array)
            .map(|s| {
                s.iter()
                    .filter_map(Value::as_u64)
                    .map(|x| x as usize)
                    .collect()
            })
            .unwrap_or_default();
        if shape != expected {
            return Err(format_err(
                &self.path,
                format!("{pointer} has shape {shape:?}, expected {expected:?}"),
            ));
        }
        if w.get("dtype").and_then(Value::as_str) != Some("float32") {
            return Err(format_err(&self.path, format!("{pointer} is not float32")));
        }
        let id = w
            .get("array")
            .and_then(Value::as_u64)
            .ok_or_else(|| format_err(&self.path, format!("{pointer} names no array")))?;
        let name = format!("arrays/{id}.bin");
        let bytes = self
            .files
            .get(&name)
            .ok_or_else(|| format_err(&self.path, format!("no {name}")))?;
        let n: usize = shape.iter().product();
        if bytes.len() != n * 4 {
            return Err(format_err(
                &self.path,
                format!("{name} has {} bytes, expected {}", bytes.len(), n * 4),
            ));
        }
        Ok(Array {
            shape,
            data: f32s(bytes),
        })
    }

    /// An integer at `pointer` in model.json.
    pub fn int(&self, pointer: &str) -> Result<u64, NerError> {
        self.model
            .pointer(pointer)
            .and_then(Value::as_u64)
            .ok_or_else(|| format_err(&self.path, format!("model.json has no integer {pointer}")))
    }

    /// The vocabulary `vocabs/<name>.gz`, as text.
    pub fn vocab_text(&self, name: &str) -> Result<String, NerError> {
        let file = format!("vocabs/{name}.gz");
        let gz = self
            .files
            .get(&file)
            .ok_or_else(|| format_err(&self.path, format!("no {file}")))?;
        let mut text = String::with_capacity(gz.len() * 4);
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut text)
            .map_err(|e| format_err(&self.path, format!("{file}: {e}")))?;
        Ok(text)
    }

    /// The items of `vocabs/<name>.gz` (a small vocabulary).
    pub fn vocab_items(&self, name: &str) -> Result<Vec<String>, NerError> {
        Ok(self.vocab_text(name)?.lines().map(str::to_string).collect())
    }
}

fn json(path: &str, bytes: Option<&Vec<u8>>, name: &str) -> Result<Value, NerError> {
    let bytes = bytes.ok_or_else(|| format_err(path, format!("no {name}")))?;
    serde_json::from_slice(bytes).map_err(|e| format_err(path, format!("{name}: {e}")))
}

/// Little-endian `f32`s.
pub fn f32s(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// navec's product-quantized embeddings.
pub struct Navec {
    pub id: String,
    pub vectors: usize,
    pub dim: usize,
    pub qdim: usize,
    /// `vectors × qdim` centroid numbers.
    pub indexes: Vec<u8>,
    /// `qdim × centroids × (dim / qdim)`.
    pub codes: Vec<f32>,
}

impl Navec {
    pub fn open(path: &Path) -> Result<Navec, NerError> {
        let p = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| io_err(&p, e))?;
        let mut archive = tar::Archive::new(file);
        let mut id = None;
        let mut pq = None;
        for entry in archive.entries_with_seek().map_err(|e| io_err(&p, e))? {
            let mut entry = entry.map_err(|e| io_err(&p, e))?;
            let name = entry
                .path()
                .map_err(|e| io_err(&p, e))?
                .to_string_lossy()
                .into_owned();
            match name.as_str() {
                "meta.json" => {
                    let mut bytes = Vec::new();
                    entry.read_to_end(&mut bytes).map_err(|e| io_err(&p, e))?;
                    let meta: Value = json(&p, Some(&bytes), "meta.json")?;
                    id = meta.get("id").and_then(Value::as_str).map(str::to_string);
                }
                "pq.bin" => pq = Some(read_pq(&p, &mut entry)?),
                _ => {}
            }
        }
        let id = id.ok_or_else(|| format_err(&p, "no meta.json with an id"))?;
        let (vectors, dim, qdim, indexes, codes) = pq.ok_or_else(|| format_err(&p, "no pq.bin"))?;
        Ok(Navec {
            id,
            vectors,
            dim,
            qdim,
            indexes,
            codes,
        })
    }
}

/// vectors, dim, qdim, indexes, codes (256 centroids)
type Pq = (usize, usize, usize, Vec<u8>, Vec<f32>);

fn read_pq(p: &str, r: &mut impl Read) -> Result<Pq, NerError> {
    let mut head = [0u8; 16];
    r.read_exact(&mut head).map_err(|e| io_err(p, e))?;
    let u =
        |i: usize| u32::from_le_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]) as usize;
    let (vectors, dim, qdim, centroids) = (u(0), u(4), u(8), u(12));
    if qdim == 0 || dim % qdim != 0 || centroids != 256 || vectors > 10_000_000 || dim > 4096 {
        return Err(format_err(
            p,
            format!("pq.bin: unexpected sizes {vectors} {dim} {qdim} {centroids}"),
        ));
    }
    let mut indexes = vec![0u8; vectors * qdim];
    r.read_exact(&mut indexes).map_err(|e| io_err(p, e))?;
    let mut codes = vec![0u8; qdim * centroids * (dim / qdim) * 4];
    r.read_exact(&mut codes).map_err(|e| io_err(p, e))?;
    Ok((vectors, dim, qdim, indexes, f32s(&codes)))
}
