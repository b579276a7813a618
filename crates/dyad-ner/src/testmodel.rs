//! A small slovnet pack and navec archive with random weights, written in slovnet's and
//! navec's formats, and a plain reference of slovnet's forward pass (`slovnet/exec/model.py`
//! read literally: concatenated embeddings, zero-padded conv over the whole sentence, relu,
//! batch-norm, projection), so the optimized path is tested without the real model.

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
pub const TAGS: [&str; 8] = [
    "<pad>", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG",
];

/// The weights, as slovnet stores them.
pub struct Weights {
    pub vocab: Vec<String>,
    pub indexes: Vec<u8>,
    pub codes: Vec<f32>,
    pub shapes: Vec<String>,
    pub shape_emb: Vec<f32>,
    /// per layer: weight `[out][in][3]`, bias, mean, std, norm weight, norm bias
    pub layers: Vec<[Vec<f32>; 6]>,
    pub proj_w: Vec<f32>,
    pub proj_b: Vec<f32>,
    pub transitions: Vec<f32>,
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

pub fn weights(seed: u64) -> Weights {
    let mut r = Rng(seed);
    let mut vocab: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    vocab.push("<unk>".into());
    vocab.push("<pad>".into());
    let indexes = (0..vocab.len() * QDIM)
        .map(|i| ((i * 89 + seed as usize) % 256) as u8)
        .collect();
    let codes = r.vec(QDIM * 256 * (WORD_DIM / QDIM));
    let mut shapes = vec!["<pad>".to_string()];
    shapes.extend(crate::shape::shape_names());
    let shape_emb = r.vec(shapes.len() * SHAPE_DIM);
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
    Weights {
        vocab,
        indexes,
        codes,
        shapes,
        shape_emb,
        layers,
        proj_w: r.vec(in_dim * TAGS.len()),
        proj_b: r.vec(TAGS.len()),
        transitions: r.vec(TAGS.len() * TAGS.len()),
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
    let id = arrays.len();
    arrays.push(w.proj_w.clone());
    arrays.push(w.proj_b.clone());
    arrays.push(w.transitions.clone());
    let model = serde_json::json!({
        "emb": {
            "word": {"id": "synthetic_navec",
                     "indexes": {"shape": [w.vocab.len(), QDIM], "dtype": "uint8"},
                     "codes": {"shape": [QDIM, 256, WORD_DIM / QDIM], "dtype": "float32"}},
            "shape": {"weight": weight(&[w.shapes.len(), SHAPE_DIM], 0)}
        },
        "encoder": {"layers": layers},
        "head": {"proj": {"weight": weight(&[in_dim, TAGS.len()], id), "bias": weight(&[TAGS.len()], id + 1)},
                 "crf": {"transitions": weight(&[TAGS.len(), TAGS.len()], id + 2)}}
    });
    add(
        &mut b,
        "meta.json",
        br#"{"id": "synthetic_ner", "protocol": 1}"#,
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
    add(&mut b, "vocabs/tag.gz", &gz(&TAGS.join("\n")));
    b.finish().unwrap();
    (model_path, navec_path)
}

/// slovnet's forward pass for one sentence, literally, in f64: the tag scores of each word.
#[allow(clippy::needless_range_loop)] // index loops read as the formulas do
pub fn reference_emissions(w: &Weights, words: &[&str]) -> Vec<Vec<f64>> {
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
            let shape = crate::shape::word_shape(word);
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
    x.iter()
        .map(|h| {
            (0..TAGS.len())
                .map(|j| {
                    w.proj_b[j] as f64
                        + (0..in_dim)
                            .map(|i| h[i] * w.proj_w[i * TAGS.len() + j] as f64)
                            .sum::<f64>()
                })
                .collect()
        })
        .collect()
}
