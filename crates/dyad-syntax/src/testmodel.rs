//! A small slovnet syntax pack and navec archive with random weights, written in slovnet's
//! and navec's formats, and a plain reference of slovnet's forward pass
//! (`slovnet/exec/model.py`'s `Syntax` read literally, in f64: concatenated embeddings,
//! zero-padded convs over the whole sentence, relu, batch-norm, then the root prepended and
//! the biaffine head and relation scores), so the optimized path is tested without the
//! real model.

use std::io::Write;
use std::path::{Path, PathBuf};

pub const WORDS: &[&str] = &[
    "в",
    "и",
    "на",
    "с",
    "президент",
    "путин",
    "алиев",
    "баку",
    "москва",
    "россии",
    "встретился",
    "министром",
    "обороны",
    "великобритании",
    "nato",
    "google",
    "заявил",
    "что",
    "ё",
    "ёлка",
];
pub const WORD_DIM: usize = 6;
pub const QDIM: usize = 2;
pub const SHAPE_DIM: usize = 4;
pub const LAYERS: [usize; 3] = [10, 7, 5];
/// Width of the heads' feed-forward layers.
pub const HID: usize = 4;
pub const RELS: [&str; 8] = [
    "<pad>",
    "nsubj",
    "obj",
    "root",
    "punct",
    "case",
    "amod",
    "nsubj:pass",
];

/// A feed-forward layer: weight `[in][out]`, bias.
pub type Ff = (Vec<f32>, Vec<f32>);

/// The weights, as slovnet stores them.
pub struct Weights {
    pub vocab: Vec<String>,
    pub indexes: Vec<u8>,
    pub codes: Vec<f32>,
    pub shapes: Vec<String>,
    pub shape_emb: Vec<f32>,
    /// per layer: weight `[out][in][3]`, bias, mean, std, norm weight, norm bias
    pub layers: Vec<[Vec<f32>; 6]>,
    /// head: head FF, tail FF, root `[dim]`, kernel `[HID][HID]`
    pub head: (Ff, Ff, Vec<f32>, Vec<f32>),
    /// rel: head FF, tail FF, root `[dim]`, kernel `[HID][RELS·HID]`
    pub rel: (Ff, Ff, Vec<f32>, Vec<f32>),
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
    fn vec(&mut self, n: usize) -> Vec<f32> {
        (0..n).map(|_| self.next()).collect()
    }
}

/// Random weights; with `zero_kernels` the two biaffine kernels are zero, so every score
/// ties and slovnet's argmax picks the first candidate.
pub fn weights(seed: u64, zero_kernels: bool) -> Weights {
    let mut r = Rng(seed);
    let mut vocab: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    vocab.push("<unk>".into());
    vocab.push("<pad>".into());
    let n = vocab.len();
    let indexes = (0..n * QDIM)
        .map(|i| ((i * 89 + seed as usize) % 256) as u8)
        .collect();
    let mut codes = r.vec(QDIM * 256 * (WORD_DIM / QDIM));
    // navec's <pad> vector is zero, as in natasha's archive
    let sub = WORD_DIM / QDIM;
    for q in 0..QDIM {
        let c = ((n - 1) * QDIM + q) * 89 + seed as usize;
        let c = c % 256;
        codes[(q * 256 + c) * sub..(q * 256 + c + 1) * sub].fill(0.0);
    }
    let mut shapes = vec!["<pad>".to_string()];
    shapes.extend(dyad_ner::shape::shape_names());
    let mut shape_emb = r.vec(shapes.len() * SHAPE_DIM);
    shape_emb[..SHAPE_DIM].fill(0.0);
    let mut layers = Vec::new();
    let mut in_dim = WORD_DIM + SHAPE_DIM;
    for &out in &LAYERS {
        let std: Vec<f32> = r.vec(out).iter().map(|x| 1.0 + 0.5 * x).collect();
        layers.push([
            r.vec(out * in_dim * 3),
            r.vec(out),
            r.vec(out),
            std,
            r.vec(out),
            r.vec(out),
        ]);
        in_dim = out;
    }
    let dim = in_dim;
    let ff = |r: &mut Rng| (r.vec(dim * HID), r.vec(HID));
    let head = (ff(&mut r), ff(&mut r), r.vec(dim), r.vec(HID * HID));
    let mut rel = (
        ff(&mut r),
        ff(&mut r),
        r.vec(dim),
        r.vec(HID * RELS.len() * HID),
    );
    let mut head = head;
    if zero_kernels {
        head.3.fill(0.0);
        rel.3.fill(0.0);
    }
    Weights {
        vocab,
        indexes,
        codes,
        shapes,
        shape_emb,
        layers,
        head,
        rel,
    }
}

fn le(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn gz(text: &str) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(text.as_bytes()).unwrap();
    e.finish().unwrap()
}

fn add(b: &mut tar::Builder<std::fs::File>, name: &str, bytes: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.set_size(bytes.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    b.append_data(&mut h, name, bytes).unwrap();
}

fn weight(shape: &[usize], id: usize) -> serde_json::Value {
    serde_json::json!({"shape": shape, "dtype": "float32", "array": id})
}

/// Writes `model.tar` and `navec.tar` into `dir`.
pub fn write(dir: &Path, w: &Weights) -> (PathBuf, PathBuf) {
    let navec_path = dir.join("navec.tar");
    let mut b = tar::Builder::new(std::fs::File::create(&navec_path).unwrap());
    add(
        &mut b,
        "meta.json",
        br#"{"id": "synthetic_navec", "protocol": 1}"#,
    );
    add(&mut b, "vocab.bin", b"not read");
    let mut pq = Vec::new();
    for x in [w.vocab.len(), WORD_DIM, QDIM, 256] {
        pq.extend((x as u32).to_le_bytes());
    }
    pq.extend(&w.indexes);
    pq.extend(le(&w.codes));
    add(&mut b, "pq.bin", &pq);
    b.finish().unwrap();

    let model_path = dir.join("model.tar");
    let mut b = tar::Builder::new(std::fs::File::create(&model_path).unwrap());
    let mut arrays: Vec<Vec<f32>> = vec![w.shape_emb.clone()];
    let mut layers = Vec::new();
    let mut in_dim = WORD_DIM + SHAPE_DIM;
    for (l, &out) in w.layers.iter().zip(&LAYERS) {
        let id = arrays.len();
        arrays.extend(l.iter().cloned());
        layers.push(serde_json::json!({
            "conv": {"weight": weight(&[out, in_dim, 3], id), "bias": weight(&[out], id + 1), "padding": 1},
            "relu": {},
            "norm": {"weight": weight(&[out], id + 4), "bias": weight(&[out], id + 5),
                     "mean": weight(&[out], id + 2), "std": weight(&[out], id + 3)}
        }));
        in_dim = out;
    }
    let dim = in_dim;
    let mut biaffine = |part: &(Ff, Ff, Vec<f32>, Vec<f32>), kernel_cols: usize| {
        let id = arrays.len();
        arrays.extend([
            part.0 .0.clone(),
            part.0 .1.clone(),
            part.1 .0.clone(),
            part.1 .1.clone(),
            part.2.clone(),
            part.3.clone(),
        ]);
        serde_json::json!({
            "head": {"proj": {"weight": weight(&[dim, HID], id), "bias": weight(&[HID], id + 1)}, "relu": {}},
            "tail": {"proj": {"weight": weight(&[dim, HID], id + 2), "bias": weight(&[HID], id + 3)}, "relu": {}},
            "root": weight(&[dim], id + 4),
            "kernel": weight(&[HID, kernel_cols], id + 5),
        })
    };
    let head = biaffine(&w.head, HID);
    let rel = biaffine(&w.rel, RELS.len() * HID);
    let model = serde_json::json!({
        "emb": {
            "word": {"id": "synthetic_navec",
                     "indexes": {"shape": [w.vocab.len(), QDIM], "dtype": "uint8"},
                     "codes": {"shape": [QDIM, 256, WORD_DIM / QDIM], "dtype": "float32"}},
            "shape": {"weight": weight(&[w.shapes.len(), SHAPE_DIM], 0)}
        },
        "encoder": {"layers": layers},
        "head": head,
        "rel": rel,
    });
    add(
        &mut b,
        "meta.json",
        br#"{"id": "synthetic_syntax", "protocol": 1}"#,
    );
    add(
        &mut b,
        "model.json",
        serde_json::to_string_pretty(&model).unwrap().as_bytes(),
    );
    for (i, a) in arrays.iter().enumerate() {
        add(&mut b, &format!("arrays/{i}.bin"), &le(a));
    }
    add(&mut b, "vocabs/word.gz", &gz(&w.vocab.join("\n")));
    add(&mut b, "vocabs/shape.gz", &gz(&w.shapes.join("\n")));
    add(&mut b, "vocabs/rel.gz", &gz(&RELS.join("\n")));
    b.finish().unwrap();
    (model_path, navec_path)
}

/// The reference scores of one sentence.
pub struct Scores {
    /// `[i][j]`: word `i` (from 0) headed by `j` (0 the root, else word `j - 1`).
    pub head: Vec<Vec<f64>>,
    /// The rel-head layer's output for the root and each word.
    rh: Vec<Vec<f64>>,
    /// The rel-tail layer's output for the root and each word.
    rt: Vec<Vec<f64>>,
}

impl Scores {
    /// The relation scores of word `i` (from 0) if its head were `h` (numbered as in
    /// [`Scores::head`]).
    pub fn rel(&self, w: &Weights, i: usize, h: usize) -> Vec<f64> {
        let q = &w.rel.3;
        let cols = RELS.len() * HID;
        (0..RELS.len())
            .map(|r| {
                let mut s = 0.0;
                for a in 0..HID {
                    for b in 0..HID {
                        s += self.rh[h][a] * q[a * cols + r * HID + b] as f64 * self.rt[i + 1][b];
                    }
                }
                s
            })
            .collect()
    }
}

fn ff(x: &[f64], (w, b): &Ff) -> Vec<f64> {
    (0..HID)
        .map(|o| {
            let v: f64 = x
                .iter()
                .enumerate()
                .map(|(i, xi)| xi * w[i * HID + o] as f64)
                .sum();
            (v + b[o] as f64).max(0.0)
        })
        .collect()
}

/// slovnet's forward pass for one sentence, literally, in f64.
#[allow(clippy::needless_range_loop)] // index loops read as the formulas do
pub fn reference(w: &Weights, words: &[&str]) -> Scores {
    let sub = WORD_DIM / QDIM;
    let unk = w.vocab.iter().position(|v| v == "<unk>").unwrap();
    // embeddings: [navec(word.lower()) ; shape_emb(word_shape(word))]
    let mut x: Vec<Vec<f64>> = words
        .iter()
        .map(|word| {
            let id = w
                .vocab
                .iter()
                .position(|v| *v == word.to_lowercase())
                .unwrap_or(unk);
            let mut e = Vec::new();
            for q in 0..QDIM {
                let c = w.indexes[id * QDIM + q] as usize;
                e.extend(
                    w.codes[(q * 256 + c) * sub..(q * 256 + c + 1) * sub]
                        .iter()
                        .map(|&v| v as f64),
                );
            }
            let shape = dyad_ner::shape::word_shape(word);
            let s = w.shapes.iter().position(|v| *v == shape).unwrap();
            e.extend(
                w.shape_emb[s * SHAPE_DIM..(s + 1) * SHAPE_DIM]
                    .iter()
                    .map(|&v| v as f64),
            );
            e
        })
        .collect();
    let n = words.len();
    let mut in_dim = WORD_DIM + SHAPE_DIM;
    for (l, &out) in w.layers.iter().zip(&LAYERS) {
        let [cw, cb, mean, std, nw, nb] = l;
        let mut y = vec![vec![0.0f64; out]; n];
        for t in 0..n {
            for o in 0..out {
                let mut v = cb[o] as f64;
                for k in 0..3 {
                    let src = t as isize + k as isize - 1;
                    if src < 0 || src >= n as isize {
                        continue; // zero padding
                    }
                    for i in 0..in_dim {
                        v += cw[(o * in_dim + i) * 3 + k] as f64 * x[src as usize][i];
                    }
                }
                let v = v.max(0.0);
                y[t][o] = (v - mean[o] as f64) / std[o] as f64 * nw[o] as f64 + nb[o] as f64;
            }
        }
        x = y;
        in_dim = out;
    }
    // the heads: root prepended
    let with_root = |root: &[f32]| -> Vec<Vec<f64>> {
        let mut v = vec![root.iter().map(|&r| r as f64).collect::<Vec<f64>>()];
        v.extend(x.iter().cloned());
        v
    };
    let xs = with_root(&w.head.2);
    let hh: Vec<Vec<f64>> = xs.iter().map(|v| ff(v, &w.head.0)).collect();
    let ht: Vec<Vec<f64>> = xs.iter().map(|v| ff(v, &w.head.1)).collect();
    let k = &w.head.3;
    let head = (1..=n)
        .map(|i| {
            (0..=n)
                .map(|j| {
                    let mut s = 0.0;
                    for a in 0..HID {
                        for b in 0..HID {
                            s += hh[i][a] * k[a * HID + b] as f64 * ht[j][b];
                        }
                    }
                    s
                })
                .collect()
        })
        .collect();
    let xs = with_root(&w.rel.2);
    let rh: Vec<Vec<f64>> = xs.iter().map(|v| ff(v, &w.rel.0)).collect();
    let rt: Vec<Vec<f64>> = xs.iter().map(|v| ff(v, &w.rel.1)).collect();
    Scores { head, rh, rt }
}
