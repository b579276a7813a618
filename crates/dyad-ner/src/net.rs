//! The CNN encoder of slovnet's tagging and parsing models ([`Encoder`], also used by
//! dyad-syntax) and the tag projection of its NER ([`Net`]), computed over a stream of
//! tokens (several sentences at once) in windows, with the first layer's word part cached.
//!
//! slovnet's encoder (`slovnet/exec/model.py`) is, for each layer, `conv1d(kernel 3,
//! padding 1) → relu → batch-norm` with the positions outside the sentence zeroed; the
//! head projects every token to the tag scores ("emissions") that the CRF decodes.
//!
//! What is computed differently, with the same result up to float rounding:
//! - The first conv is linear in its input `[navec(word) ; shape_emb(shape)]`, so its
//!   output is the sum, over the three kernel offsets, of a part that depends on the word
//!   only and a part that depends on the shape only. Both are precomputed as rows of
//!   3 × 256 values: the 65 shape rows at load, each word's row the first time the word is
//!   seen (one matrix product for all new words of a window), kept in a bounded cache.
//!   A token then costs a few vector additions instead of a 990 × 256 product.
//! - Each later conv is one matrix product `H · [W₀ | W₁ | W₂]` over the whole window,
//!   whose three column blocks are then added with shifts of −1, 0, +1 tokens, skipping
//!   shifts across a sentence boundary (which is slovnet's zero padding).
//! - A long stream is cut into windows of [`WINDOW`] tokens; each window is computed with
//!   a halo of as many tokens on each side as there are layers (the receptive field), so
//!   the cut never changes a result and memory stays bounded whatever the input.

use crate::gemm::{matmul, Packed};
use crate::load::{Array, Navec, Pack};
use crate::sparse::{self, RowMajor};
use crate::NerError;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::RwLock;

/// Tokens computed together (the rows of each matrix product).
pub const WINDOW: usize = 256;

pub const FIRST: u8 = 1;
pub const LAST: u8 = 2;

/// Batch-norm with its stored statistics (applied by [`sum_relu_norm`]).
struct Norm {
    mean: Vec<f32>,
    std: Vec<f32>,
    weight: Vec<f32>,
    bias: Vec<f32>,
}

/// A conv layer after the first: `in_dim → out_dim`, weights as `in_dim × 3·out_dim`.
struct Conv {
    in_dim: usize,
    out_dim: usize,
    w: ConvWeights,
    bias: Vec<f32>,
    norm: Norm,
}

enum ConvWeights {
    /// `[i][k * out_dim + o] = weight[o][i][k]`, packed: the input is the previous layer's
    /// output, batch-norm applied.
    Dense(Packed),
    /// The input is the previous layer's relu output (mostly zeros), its batch-norm
    /// `x · a + c` folded in: `w[i][k * out_dim + o] = weight[o][i][k] · a[i]`, and
    /// `folded[k * out_dim + o] = Σᵢ weight[o][i][k] · c[i]`, added for each neighbour
    /// inside the sentence.
    Sparse { w: RowMajor, folded: Vec<f32> },
}

/// How the layers after the first are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layers {
    /// Each layer's batch-normed output times the next layer's weights, one dense matrix
    /// product per window: slovnet's sums in another order.
    Dense,
    /// Each layer's batch-norm folded into the next layer's weights, whose input is then
    /// the relu output, 75–85% zeros in slovnet's news models: only the rows of the weights
    /// for its non-zero values are summed ([`crate::sparse`]). The same function up to float
    /// rounding (the batch-norm is applied as `x · a + c` rather than `(x − mean) / std ·
    /// weight + bias`), 4–6× fewer multiply-adds in those layers.
    Sparse,
}

/// slovnet's word-and-shape embedding and CNN encoder, with the cache of first-layer word
/// rows: what slovnet's NER, morphology and syntax models share.
pub struct Encoder {
    qdim: usize,
    sub: usize,
    navec_indexes: Vec<u8>,
    navec_codes: Vec<f32>,
    word_dim: usize,
    /// First layer width.
    f1: usize,
    /// `word_dim × 3·f1`: `[i][k * f1 + o] = weight[o][i][k]`, packed.
    w1_word: Packed,
    /// `shapes × 3·f1`: the shape embedding through the first conv's shape columns.
    shape_rows: Vec<f32>,
    b1: Vec<f32>,
    norm1: Norm,
    convs: Vec<Conv>,
    /// Width of the last layer (of each token's encoding).
    out_dim: usize,
    /// Whether the later layers read the relu outputs (batch-norm folded in).
    sparse: bool,
    cache: RwLock<Cache>,
    /// Zeros as wide as the widest layer (a neighbour across a sentence boundary).
    zeros: Vec<f32>,
}

/// The NER network: the encoder, the projection to tag scores and the CRF transitions.
pub struct Net {
    pub enc: Encoder,
    /// `last_dim × tags`, packed.
    proj_w: Packed,
    proj_b: Vec<f32>,
    pub tags: usize,
    /// `tags × tags`, from × to.
    pub transitions: Vec<f32>,
}

fn fmt_err(path: &str, reason: String) -> NerError {
    NerError::Format {
        path: path.to_string(),
        reason,
    }
}

impl Net {
    pub fn new(
        pack: &Pack,
        navec: Navec,
        shapes_in_vocab: usize,
        tags: usize,
        cache_words: usize,
    ) -> Result<Net, NerError> {
        let enc = Encoder::new(pack, navec, shapes_in_vocab, cache_words, Layers::Dense)?;
        let in_dim = enc.out_dim();
        let proj_w = Packed::new(
            &pack.array("/head/proj/weight", &[in_dim, tags])?.data,
            in_dim,
            tags,
        );
        let proj_b = pack.array("/head/proj/bias", &[tags])?.data;
        let transitions = pack.array("/head/crf/transitions", &[tags, tags])?.data;
        Ok(Net {
            enc,
            proj_w,
            proj_b,
            tags,
            transitions,
        })
    }

    pub fn set_cache_capacity(&mut self, words: usize) {
        self.enc.set_cache_capacity(words);
    }

    /// Tag scores of every token of the stream (`tags` values per token, in `out`), with
    /// the arguments of [`Encoder::encode`].
    pub fn emissions(
        &self,
        ids: &[u32],
        shapes: &[u32],
        flags: &[u8],
        window: usize,
        out: &mut Vec<f32>,
    ) {
        let t = self.tags;
        out.clear();
        out.resize(ids.len() * t, 0.0);
        let d = self.enc.out_dim();
        self.enc.encode(ids, shapes, flags, window, |a, h| {
            let m = h.len() / d;
            let rows = &mut out[a * t..(a + m) * t];
            matmul(h, m, &self.proj_w, rows);
            for row in rows.chunks_exact_mut(t) {
                add(row, &self.proj_b);
            }
        });
    }
}

impl Encoder {
    /// The embedding and encoder of a slovnet pack (`/emb`, `/encoder`) over `navec`.
    /// `shapes_in_vocab` is the size of the pack's shape vocabulary.
    pub fn new(
        pack: &Pack,
        navec: Navec,
        shapes_in_vocab: usize,
        cache_words: usize,
        layers: Layers,
    ) -> Result<Encoder, NerError> {
        let p = &pack.path;
        let model_navec = pack
            .model
            .pointer("/emb/word/id")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        if model_navec != navec.id {
            return Err(fmt_err(
                p,
                format!(
                    "the model wants navec {model_navec:?}, the archive is {:?}",
                    navec.id
                ),
            ));
        }
        let word_dim = navec.dim;
        let sub = navec.dim / navec.qdim;
        let shape_w = first_dim(pack, "/emb/shape/weight", 2)?;
        let shape_dim = shape_w[1];
        let shape_emb = pack.array("/emb/shape/weight", &[shapes_in_vocab, shape_dim])?;

        let n_layers = pack
            .model
            .pointer("/encoder/layers")
            .and_then(|v| v.as_array())
            .map_or(0, |a| a.len());
        if n_layers == 0 {
            return Err(fmt_err(p, "model.json has no encoder layers".to_string()));
        }
        let mut in_dim = word_dim + shape_dim;
        let mut first = None;
        let mut convs: Vec<Conv> = Vec::new();
        for l in 0..n_layers {
            let base = format!("/encoder/layers/{l}");
            let out_dim = first_dim(pack, &format!("{base}/conv/weight"), 3)?[0];
            let weight = pack.array(&format!("{base}/conv/weight"), &[out_dim, in_dim, 3])?;
            if pack.int(&format!("{base}/conv/padding"))? != 1 {
                return Err(fmt_err(p, format!("{base}: only padding 1 is supported")));
            }
            let bias = pack.array(&format!("{base}/conv/bias"), &[out_dim])?.data;
            let v = |name: &str| {
                pack.array(&format!("{base}/norm/{name}"), &[out_dim])
                    .map(|a| a.data)
            };
            let norm = Norm {
                mean: v("mean")?,
                std: v("std")?,
                weight: v("weight")?,
                bias: v("bias")?,
            };
            if l == 0 {
                first = Some((weight, bias, norm, out_dim));
            } else {
                let columns = kernel_columns(&weight, 0, in_dim);
                let w = match layers {
                    Layers::Dense => ConvWeights::Dense(Packed::new(&columns, in_dim, 3 * out_dim)),
                    Layers::Sparse => {
                        let prev = match (convs.last(), &first) {
                            (Some(c), _) => &c.norm,
                            (None, Some((_, _, n, _))) => n,
                            (None, None) => unreachable!("layer 0 comes first"),
                        };
                        fold(&columns, in_dim, 3 * out_dim, prev)
                    }
                };
                convs.push(Conv {
                    in_dim,
                    out_dim,
                    w,
                    bias,
                    norm,
                });
            }
            in_dim = out_dim;
        }
        let (w1, b1, norm1, f1) = first.expect("one layer at least");
        let w1_word = Packed::new(&kernel_columns(&w1, 0, word_dim), word_dim, 3 * f1);
        let w1_shape = Packed::new(&kernel_columns(&w1, word_dim, shape_dim), shape_dim, 3 * f1);
        let mut shape_rows = vec![0.0; shapes_in_vocab * 3 * f1];
        matmul(&shape_emb.data, shapes_in_vocab, &w1_shape, &mut shape_rows);

        let vectors = navec.vectors;
        let max_out = convs.iter().map(|c| c.out_dim).max().unwrap_or(0);
        Ok(Encoder {
            qdim: navec.qdim,
            sub,
            navec_indexes: navec.indexes,
            navec_codes: navec.codes,
            word_dim,
            f1,
            w1_word,
            shape_rows,
            b1,
            norm1,
            sparse: layers == Layers::Sparse && !convs.is_empty(),
            convs,
            out_dim: in_dim,
            cache: RwLock::new(Cache::new(vectors, cache_words, 3 * f1)),
            zeros: vec![0.0; f1.max(max_out)],
        })
    }

    pub fn vectors(&self) -> usize {
        self.navec_indexes.len() / self.qdim
    }

    pub fn set_cache_capacity(&mut self, words: usize) {
        let vectors = self.vectors();
        *self.cache.get_mut().unwrap_or_else(|e| e.into_inner()) =
            Cache::new(vectors, words, 3 * self.f1);
    }

    /// Tokens on each side of a window that its outputs depend on.
    pub fn halo(&self) -> usize {
        self.convs.len() + 1
    }

    /// Width of a token's encoding (the last layer's).
    pub fn out_dim(&self) -> usize {
        self.out_dim
    }

    /// Encodes a stream of tokens (several sentences): `ids` are navec word ids, `shapes`
    /// shape-vocabulary ids, `flags` mark each sentence's [`FIRST`] and [`LAST`] token.
    /// Calls `sink(a, rows)` with the encodings of tokens `a..a + rows.len() / out_dim`,
    /// row after row, for consecutive ranges covering the stream in order. `window` is the
    /// number of tokens computed together ([`WINDOW`]; the result does not depend on it).
    pub fn encode(
        &self,
        ids: &[u32],
        shapes: &[u32],
        flags: &[u8],
        window: usize,
        sink: impl FnMut(usize, &[f32]),
    ) {
        self.encode_with(&mut Scratch::default(), ids, shapes, flags, window, sink);
    }

    /// [`Encoder::encode`] with buffers kept from an earlier call (they grow to what a
    /// window needs, and no further: a few MB at most for [`WINDOW`]).
    pub fn encode_with(
        &self,
        scratch: &mut Scratch,
        ids: &[u32],
        shapes: &[u32],
        flags: &[u8],
        window: usize,
        mut sink: impl FnMut(usize, &[f32]),
    ) {
        let n = ids.len();
        assert!(
            shapes.len() == n && flags.len() == n,
            "encode: lengths differ"
        );
        let halo = self.halo();
        let mut a = 0;
        while a < n {
            let b = (a + window.max(1)).min(n);
            // extend by the halo, but not across a sentence boundary (nothing flows across it)
            let mut lo = a;
            while lo > 0 && a - lo < halo && flags[lo] & FIRST == 0 {
                lo -= 1;
            }
            let mut hi = b;
            while hi < n && hi - b < halo && flags[hi - 1] & LAST == 0 {
                hi += 1;
            }
            self.window(&ids[lo..hi], &shapes[lo..hi], &flags[lo..hi], scratch);
            let d = self.out_dim;
            sink(a, &scratch.h[(a - lo) * d..(b - lo) * d]);
            a = b;
        }
    }

    fn window(&self, ids: &[u32], shapes: &[u32], flags: &[u8], s: &mut Scratch) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
                // SAFETY: the processor has AVX2 and FMA, checked just above.
                unsafe { self.window_avx2(ids, shapes, flags, s) };
                return;
            }
        }
        self.window_body(ids, shapes, flags, s);
    }

    /// [`Encoder::window_body`] compiled for AVX2 (the vector additions and the batch-norm run
    /// 8 lanes wide; each value is computed by the same operations, so the result is the same).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn window_avx2(&self, ids: &[u32], shapes: &[u32], flags: &[u8], s: &mut Scratch) {
        self.window_body(ids, shapes, flags, s);
    }

    #[inline(always)]
    fn window_body(&self, ids: &[u32], shapes: &[u32], flags: &[u8], s: &mut Scratch) {
        let l = ids.len();
        // the window's edges are boundaries too (only halo tokens see them)
        s.flags.clear();
        s.flags.extend_from_slice(flags);
        s.flags[0] |= FIRST;
        s.flags[l - 1] |= LAST;
        let f1 = self.f1;

        // layer 1: for each token, the bias plus the word rows and shape rows of the token
        // and its neighbours (zeros across a boundary), then relu and batch-norm, in one pass
        // Each token's word row comes from the cache or, for words not in it, from one
        // product for all of them; rows are added in token order either way, so the sums
        // (and so the tags) do not depend on what the cache holds.
        s.misses.clear();
        s.distinct.clear();
        s.slots.clear();
        let cache = self.cache.read().unwrap_or_else(|e| e.into_inner());
        for (i, &id) in ids.iter().enumerate() {
            match cache.slot(id) {
                Some(slot) => s.slots.push(slot),
                None => {
                    s.slots.push(MISS);
                    s.misses.push((id, i as u32));
                }
            }
        }
        if !s.misses.is_empty() {
            self.compute_misses(s);
        }
        let f3 = 3 * f1;
        let zeros = &self.zeros[..f1];
        s.h.resize(l * f1, 0.0);
        {
            let (slots, rows, flags) = (&s.slots, &s.rows, &s.flags);
            let word = |j: usize| -> &[f32] {
                let slot = slots[j];
                if slot & MISS == 0 {
                    cache.row(slot)
                } else {
                    let r = (slot & !MISS) as usize;
                    &rows[r * f3..(r + 1) * f3]
                }
            };
            let shape = |j: usize| -> &[f32] {
                let sh = shapes[j] as usize;
                &self.shape_rows[sh * f3..(sh + 1) * f3]
            };
            for (i, out) in s.h.chunks_exact_mut(f1).enumerate() {
                let first = flags[i] & FIRST != 0;
                let last = flags[i] & LAST != 0;
                let (wp, sp) = if first {
                    (zeros, zeros)
                } else {
                    (&word(i - 1)[..f1], &shape(i - 1)[..f1])
                };
                let (wn, sn) = if last {
                    (zeros, zeros)
                } else {
                    (&word(i + 1)[2 * f1..], &shape(i + 1)[2 * f1..])
                };
                let parts = [wp, &word(i)[f1..2 * f1], wn, sp, &shape(i)[f1..2 * f1], sn];
                if self.sparse {
                    sum_relu(out, &self.b1, parts);
                } else {
                    sum_relu_norm(out, &self.b1, parts, &self.norm1);
                }
            }
        }
        drop(cache);
        if !s.distinct.is_empty() {
            let mut cache = self.cache.write().unwrap_or_else(|e| e.into_inner());
            for (row, &id) in s.rows.chunks_exact(f3).zip(&s.distinct) {
                cache.insert(id, row);
            }
        }

        // later layers: one product for the three kernel offsets, then per token the bias
        // plus the three shifted blocks (zeros across a boundary), relu and batch-norm
        for (c, conv) in self.convs.iter().enumerate() {
            let fo = conv.out_dim;
            s.z.resize(l * 3 * fo, 0.0);
            match &conv.w {
                ConvWeights::Dense(w) => {
                    debug_assert_eq!(w.rows(), conv.in_dim);
                    matmul(&s.h, l, w, &mut s.z);
                }
                ConvWeights::Sparse { w, .. } => {
                    debug_assert_eq!(w.rows(), conv.in_dim);
                    sparse::matmul(&s.h, l, w, &mut s.z, &mut s.nz);
                }
            }
            s.h.resize(l * fo, 0.0);
            let zeros = &self.zeros[..fo];
            let z = &s.z;
            for (i, out) in s.h.chunks_exact_mut(fo).enumerate() {
                let has_prev = s.flags[i] & FIRST == 0;
                let has_next = s.flags[i] & LAST == 0;
                let prev = if has_prev {
                    &z[(i - 1) * 3 * fo..((i - 1) * 3 + 1) * fo]
                } else {
                    zeros
                };
                let next = if has_next {
                    &z[((i + 1) * 3 + 2) * fo..((i + 1) * 3 + 3) * fo]
                } else {
                    zeros
                };
                let mid = &z[(i * 3 + 1) * fo..(i * 3 + 2) * fo];
                match &conv.w {
                    ConvWeights::Dense(_) => {
                        sum_relu_norm(out, &conv.bias, [mid, prev, next], &conv.norm)
                    }
                    ConvWeights::Sparse { folded, .. } => {
                        // the previous layer's batch-norm shift, for each position inside
                        let f = |k: usize, inside: bool| {
                            if inside {
                                &folded[k * fo..(k + 1) * fo]
                            } else {
                                zeros
                            }
                        };
                        let parts = [mid, prev, next, f(1, true), f(0, has_prev), f(2, has_next)];
                        if c + 1 == self.convs.len() {
                            sum_relu_norm(out, &conv.bias, parts, &conv.norm);
                        } else {
                            sum_relu(out, &conv.bias, parts);
                        }
                    }
                }
            }
        }
    }

    /// First-layer rows of the words of the window not in the cache (`s.misses`), one per
    /// distinct word, computed with one matrix product into `s.rows`; each missing token's
    /// `s.slots` entry becomes `MISS | row`.
    fn compute_misses(&self, s: &mut Scratch) {
        let f3 = 3 * self.f1;
        s.misses.sort_unstable();
        s.distinct.clear();
        for &(id, _) in &s.misses {
            if s.distinct.last() != Some(&id) {
                s.distinct.push(id);
            }
        }
        let m = s.distinct.len();
        s.embed.clear();
        s.embed.resize(m * self.word_dim, 0.0);
        let (qdim, sub) = (self.qdim, self.sub);
        for (row, &id) in s.embed.chunks_exact_mut(self.word_dim).zip(&s.distinct) {
            let idx = &self.navec_indexes[id as usize * qdim..(id as usize + 1) * qdim];
            for (q, &c) in idx.iter().enumerate() {
                let code = (q * 256 + c as usize) * sub;
                row[q * sub..(q + 1) * sub].copy_from_slice(&self.navec_codes[code..code + sub]);
            }
        }
        s.rows.resize(m * f3, 0.0);
        matmul(&s.embed, m, &self.w1_word, &mut s.rows);
        let mut r = 0;
        for &(id, i) in &s.misses {
            while s.distinct[r] != id {
                r += 1;
            }
            s.slots[i as usize] = MISS | r as u32;
        }
    }
}

/// `out = batch_norm(relu(bias + parts[0] + parts[1] + …))`, the sum taken in that order —
/// slovnet's `(x - mean) / std * weight + bias` after `clip(0)`.
#[inline(always)]
fn sum_relu_norm<const N: usize>(out: &mut [f32], bias: &[f32], parts: [&[f32]; N], norm: &Norm) {
    let f = out.len();
    let parts: [&[f32]; N] = parts.map(|p| &p[..f]);
    let (bias, mean, std, weight, shift) = (
        &bias[..f],
        &norm.mean[..f],
        &norm.std[..f],
        &norm.weight[..f],
        &norm.bias[..f],
    );
    for o in 0..f {
        let mut v = bias[o];
        for p in &parts {
            v += p[o];
        }
        out[o] = (v.max(0.0) - mean[o]) / std[o] * weight[o] + shift[o];
    }
}

/// `out = relu(bias + parts[0] + parts[1] + …)`, the sum taken in that order.
#[inline(always)]
fn sum_relu<const N: usize>(out: &mut [f32], bias: &[f32], parts: [&[f32]; N]) {
    let f = out.len();
    let parts: [&[f32]; N] = parts.map(|p| &p[..f]);
    let bias = &bias[..f];
    for o in 0..f {
        let mut v = bias[o];
        for p in &parts {
            v += p[o];
        }
        out[o] = v.max(0.0);
    }
}

/// A conv's weights (`in_dim × cols`, `[i][k * out + o]`) with the batch-norm of its input,
/// `x · a + c` for `a = weight / std`, `c = bias − mean · a`, folded in (in f64).
fn fold(columns: &[f32], in_dim: usize, cols: usize, norm: &Norm) -> ConvWeights {
    let mut w = vec![0.0f32; in_dim * cols];
    let mut folded = vec![0.0f64; cols];
    for i in 0..in_dim {
        let a = norm.weight[i] as f64 / norm.std[i] as f64;
        let c = norm.bias[i] as f64 - norm.mean[i] as f64 * a;
        for j in 0..cols {
            let x = columns[i * cols + j] as f64;
            w[i * cols + j] = (x * a) as f32;
            folded[j] += x * c;
        }
    }
    ConvWeights::Sparse {
        w: RowMajor::new(&w, in_dim, cols),
        folded: folded.into_iter().map(|v| v as f32).collect(),
    }
}

#[inline(always)]
fn add(a: &mut [f32], b: &[f32]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += *y;
    }
}

/// The shape of the weight at `pointer`, checked to have `dims` dimensions.
fn first_dim(pack: &Pack, pointer: &str, dims: usize) -> Result<Vec<usize>, NerError> {
    let shape: Vec<usize> = pack
        .model
        .pointer(&format!("{pointer}/shape"))
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_u64())
                .map(|x| x as usize)
                .collect()
        })
        .unwrap_or_default();
    if shape.len() != dims || shape.contains(&0) {
        return Err(fmt_err(
            &pack.path,
            format!("{pointer} has shape {shape:?}"),
        ));
    }
    Ok(shape)
}

/// Input channels `from..from + count` of a conv weight `[out][in][3]`, laid out as a
/// `count × 3·out` matrix: `[i][k * out + o] = weight[o][from + i][k]`.
fn kernel_columns(weight: &Array, from: usize, count: usize) -> Vec<f32> {
    let (out, inp, k) = (weight.shape[0], weight.shape[1], weight.shape[2]);
    let mut m = vec![0.0; count * k * out];
    for o in 0..out {
        for i in 0..count {
            for kk in 0..k {
                m[i * k * out + kk * out + o] = weight.data[(o * inp + from + i) * k + kk];
            }
        }
    }
    m
}

/// Buffers reused across the windows of one call (and across calls, with
/// [`Encoder::encode_with`]).
#[derive(Default)]
pub struct Scratch {
    flags: Vec<u8>,
    h: Vec<f32>,
    z: Vec<f32>,
    /// Per token: its cache slot, or `MISS | row of rows`.
    slots: Vec<u32>,
    misses: Vec<(u32, u32)>,
    distinct: Vec<u32>,
    embed: Vec<f32>,
    rows: Vec<f32>,
    /// Non-zero entries of a row, for [`sparse::matmul`].
    nz: sparse::NonZeros,
}

const NONE: u32 = u32::MAX;
/// Marks a token's word row as computed in this window rather than found in the cache.
const MISS: u32 = 1 << 31;

/// First-layer rows of recently seen words, at most `capacity` of them, evicted by the
/// CLOCK rule (a word used since the hand last passed gets a second chance). Readers
/// share the lock; only inserting takes it alone.
struct Cache {
    slot_of: Vec<u32>,
    word_of: Vec<u32>,
    used: Vec<AtomicBool>,
    data: Vec<f32>,
    width: usize,
    capacity: usize,
    hand: usize,
}

impl Cache {
    fn new(vectors: usize, capacity: usize, width: usize) -> Cache {
        // slots are below MISS
        let capacity = capacity.min(vectors).min(MISS as usize - 1);
        Cache {
            slot_of: vec![NONE; if capacity > 0 { vectors } else { 0 }],
            word_of: Vec::new(),
            used: Vec::new(),
            // address space only: pages are touched as rows are written
            data: Vec::with_capacity(capacity * width),
            width,
            capacity,
            hand: 0,
        }
    }

    /// The slot holding `id`'s row, marked as used.
    fn slot(&self, id: u32) -> Option<u32> {
        let slot = *self.slot_of.get(id as usize)?;
        if slot == NONE {
            return None;
        }
        self.used[slot as usize].store(true, Ordering::Relaxed);
        Some(slot)
    }

    fn row(&self, slot: u32) -> &[f32] {
        let s = slot as usize;
        &self.data[s * self.width..(s + 1) * self.width]
    }

    #[cfg(test)]
    fn get(&self, id: u32) -> Option<&[f32]> {
        self.slot(id).map(|s| self.row(s))
    }

    fn insert(&mut self, id: u32, row: &[f32]) {
        if self.capacity == 0 || self.slot_of.get(id as usize) != Some(&NONE) {
            return;
        }
        let slot = if self.word_of.len() < self.capacity {
            self.word_of.push(id);
            self.used.push(AtomicBool::new(false));
            self.data.extend_from_slice(row);
            self.word_of.len() - 1
        } else {
            loop {
                let s = self.hand;
                self.hand = (self.hand + 1) % self.capacity;
                if !self.used[s].swap(false, Ordering::Relaxed) {
                    self.slot_of[self.word_of[s] as usize] = NONE;
                    self.word_of[s] = id;
                    self.data[s * self.width..(s + 1) * self.width].copy_from_slice(row);
                    break s;
                }
            }
        };
        self.slot_of[id as usize] = slot as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_evicts_by_clock() {
        let mut c = Cache::new(10, 2, 1);
        c.insert(1, &[1.0]);
        c.insert(2, &[2.0]);
        assert_eq!(c.get(1), Some(&[1.0][..])); // 1 used
        c.insert(3, &[3.0]); // 1 gets a second chance, 2 goes
        assert_eq!(c.get(2), None);
        assert_eq!(c.get(1), Some(&[1.0][..]));
        assert_eq!(c.get(3), Some(&[3.0][..]));
        let mut none = Cache::new(10, 0, 1);
        none.insert(1, &[1.0]);
        assert_eq!(none.get(1), None);
    }
}
