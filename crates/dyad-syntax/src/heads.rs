//! slovnet's two biaffine heads (`SyntaxHead`, `SyntaxRel` in `slovnet/exec/model.py`)
//! over the encodings of a batch of sentences, decoded as slovnet decodes them.
//!
//! For a sentence of `n` words with encodings `x₁ … xₙ` and the learnt root vector `x₀`:
//!
//! - **Head.** `s(i, j) = relu(W_h xᵢ + b_h)ᵀ · K · relu(W_t xⱼ + b_t)` for `j = 0 … n`; the
//!   head of word `i` is the first `j` of highest score (numpy's `argmax`): 0 is the root,
//!   `j ≥ 1` word `j`. Nothing is masked but the padding, so a word may be its own head.
//! - **Relation.** With `h` the chosen head, `r(i, ·) = relu(R_h x_h + c_h)ᵀ · Q ·
//!   relu(R_t xᵢ + c_t)`, `Q` being `hidden × (rels · hidden)`; the relation is the first
//!   label of highest score, slovnet's `<pad>` label included.
//!
//! How it is computed, with the same result up to float rounding:
//! - The four feed-forward layers are one product `X · [W_h | W_t | R_h | R_t]` for the
//!   whole batch; `A = relu(W_h X + b_h) · K` is a second one.
//! - The scores `A · Tᵀ` of a sentence (`T`: root and words through `W_t`) are computed
//!   [`TILE`] columns at a time, and never stored: with AVX2, blocks of 6 rows × 16 columns
//!   are summed in registers and each row keeps, per lane, its best score and the first
//!   column giving it ([`best_columns`]). Memory stays bounded whatever the sentence's length;
//!   time is quadratic in it, 32 multiply-adds per pair of words.
//! - `relu(R_h x_h + c_h) · Q` is computed once per distinct head of the batch (the root's
//!   row at load), skipping the zeros of the relu (about half), then each word's relation
//!   scores are 32-long dot products.

use dyad_ner::gemm::{matmul, Packed};
use dyad_ner::load::Pack;
use dyad_ner::sparse::{self, NonZeros, RowMajor};
use dyad_ner::NerError;
use std::ops::Range;

/// Columns of the head scores computed at once.
pub const TILE: usize = 512;
/// Rows of the head scores computed at once where they are stored (without AVX2).
pub const ROWS: usize = 128;

const NONE: u32 = u32::MAX;

/// The weights of both heads.
pub struct Heads {
    /// Width of a word's encoding.
    dim: usize,
    /// Width of the feed-forward layers.
    hid: usize,
    /// Number of relation labels (slovnet's `<pad>` included).
    rels: usize,
    /// `dim × 4·hid`: head-head, head-tail, rel-head, rel-tail projections side by side.
    ff: Packed,
    ff_b: Vec<f32>,
    /// `hid × hid`.
    head_kernel: Packed,
    /// The root through the head-tail layer.
    root_tail: Vec<f32>,
    /// `hid × rels·hid`, for products with the rel-head layer's relu outputs (half zeros).
    rel_kernel: RowMajor,
    /// The root through the rel-head layer, times the rel kernel (`rels · hid`).
    root_rel: Vec<f32>,
}

/// A word's decoded head and relation, in slovnet's numbering: `head` 0 is the root, `j`
/// the `j`-th word of the sentence (from 1); `rel` indexes the relation vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Code {
    pub head: u32,
    pub rel: u32,
}

/// Buffers reused across batches.
pub struct Scratch {
    f: Vec<f32>,
    hh: Vec<f32>,
    a: Vec<f32>,
    cols: Packed,
    scores: Vec<f32>,
    best: Vec<(f32, u32)>,
    g_row: Vec<u32>,
    distinct: Vec<u32>,
    hr: Vec<f32>,
    g: Vec<f32>,
    nz: NonZeros,
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch::new()
    }
}

impl Scratch {
    /// Lets go of the buffers that grew past a few MB (for a sentence of thousands of
    /// words), before the scratch is kept for later calls.
    pub fn trim(&mut self) {
        const MAX: usize = 1 << 20; // values
        for v in [
            &mut self.f,
            &mut self.hh,
            &mut self.a,
            &mut self.scores,
            &mut self.hr,
            &mut self.g,
        ] {
            if v.capacity() > MAX {
                *v = Vec::new();
            }
        }
        if self.best.capacity() > MAX {
            self.best = Vec::new();
        }
        if self.g_row.capacity() > MAX || self.distinct.capacity() > MAX {
            self.g_row = Vec::new();
            self.distinct = Vec::new();
        }
        if self.cols.cols() > TILE {
            self.cols = Packed::empty();
        }
    }

    pub fn new() -> Scratch {
        Scratch {
            f: Vec::new(),
            hh: Vec::new(),
            a: Vec::new(),
            cols: Packed::empty(),
            scores: Vec::new(),
            best: Vec::new(),
            g_row: Vec::new(),
            distinct: Vec::new(),
            hr: Vec::new(),
            g: Vec::new(),
            nz: NonZeros::default(),
        }
    }
}

fn fmt_err(pack: &Pack, reason: String) -> NerError {
    NerError::Format {
        path: pack.path.clone(),
        reason,
    }
}

/// `x · W + b`, relu: one row through a feed-forward layer, in plain order.
fn ff_row(x: &[f32], w: &[f32], b: &[f32]) -> Vec<f32> {
    let out = b.len();
    (0..out)
        .map(|o| {
            let mut v = 0.0f32;
            for (i, xi) in x.iter().enumerate() {
                v += xi * w[i * out + o];
            }
            (v + b[o]).max(0.0)
        })
        .collect()
}

/// `x · M` for a row `x` and a row-major `x.len() × n` matrix `M`.
fn row_times(x: &[f32], m: &[f32], n: usize) -> Vec<f32> {
    (0..n)
        .map(|o| {
            let mut v = 0.0f32;
            for (i, xi) in x.iter().enumerate() {
                v += xi * m[i * n + o];
            }
            v
        })
        .collect()
}

impl Heads {
    /// The heads of a slovnet syntax pack (`/head`, `/rel`) over encodings of width `dim`,
    /// with `rels` relation labels.
    pub fn new(pack: &Pack, dim: usize, rels: usize) -> Result<Heads, NerError> {
        let hid = pack
            .model
            .pointer("/head/head/proj/weight/shape/1")
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as usize;
        if hid == 0 || hid > 4096 {
            return Err(fmt_err(pack, "no /head/head/proj/weight".to_string()));
        }
        let proj = |base: &str| -> Result<(Vec<f32>, Vec<f32>), NerError> {
            Ok((
                pack.array(&format!("{base}/proj/weight"), &[dim, hid])?
                    .data,
                pack.array(&format!("{base}/proj/bias"), &[hid])?.data,
            ))
        };
        let (hh_w, hh_b) = proj("/head/head")?;
        let (ht_w, ht_b) = proj("/head/tail")?;
        let (rh_w, rh_b) = proj("/rel/head")?;
        let (rt_w, rt_b) = proj("/rel/tail")?;
        let head_root = pack.array("/head/root", &[dim])?.data;
        let head_kernel = pack.array("/head/kernel", &[hid, hid])?.data;
        let rel_root = pack.array("/rel/root", &[dim])?.data;
        let rel_kernel = pack.array("/rel/kernel", &[hid, rels * hid])?.data;

        let h4 = 4 * hid;
        let mut ff = vec![0.0; dim * h4];
        for i in 0..dim {
            for (p, w) in [&hh_w, &ht_w, &rh_w, &rt_w].into_iter().enumerate() {
                ff[i * h4 + p * hid..i * h4 + (p + 1) * hid]
                    .copy_from_slice(&w[i * hid..(i + 1) * hid]);
            }
        }
        let ff_b = [&hh_b[..], &ht_b, &rh_b, &rt_b].concat();
        let root_tail = ff_row(&head_root, &ht_w, &ht_b);
        let root_rel = row_times(&ff_row(&rel_root, &rh_w, &rh_b), &rel_kernel, rels * hid);
        Ok(Heads {
            dim,
            hid,
            rels,
            ff: Packed::new(&ff, dim, h4),
            ff_b,
            head_kernel: Packed::new(&head_kernel, hid, hid),
            root_tail,
            rel_kernel: RowMajor::new(&rel_kernel, hid, rels * hid),
            root_rel,
        })
    }

    /// Decodes the sentences of a batch: `x` holds the encodings of its words (`dim` values
    /// each), `sentences` are consecutive non-empty ranges covering them, and `out` gets each
    /// word's head and relation.
    pub fn run(&self, x: &[f32], sentences: &[Range<usize>], s: &mut Scratch, out: &mut [Code]) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
                // SAFETY: the processor has AVX2 and FMA, checked just above.
                unsafe { self.run_avx2(x, sentences, s, out) };
                return;
            }
        }
        self.run_body(x, sentences, s, out);
    }

    /// [`Heads::run_body`] compiled for AVX2 (the same operations on each value, 8 lanes
    /// wide, so the same result).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn run_avx2(
        &self,
        x: &[f32],
        sentences: &[Range<usize>],
        s: &mut Scratch,
        out: &mut [Code],
    ) {
        self.run_body(x, sentences, s, out);
    }

    #[inline(always)]
    fn run_body(&self, x: &[f32], sentences: &[Range<usize>], s: &mut Scratch, out: &mut [Code]) {
        let m = out.len();
        let (hid, h4) = (self.hid, 4 * self.hid);
        debug_assert_eq!(x.len(), m * self.dim);

        // the four feed-forward layers: one product, bias, relu
        s.f.resize(m * h4, 0.0);
        matmul(x, m, &self.ff, &mut s.f);
        for row in s.f.chunks_exact_mut(h4) {
            for (v, b) in row.iter_mut().zip(&self.ff_b) {
                *v = (*v + b).max(0.0);
            }
        }
        // A = head-head · K
        s.hh.clear();
        for row in s.f.chunks_exact(h4) {
            s.hh.extend_from_slice(&row[..hid]);
        }
        s.a.resize(m * hid, 0.0);
        matmul(&s.hh, m, &self.head_kernel, &mut s.a);

        // heads: the best column of each row of A · Tᵀ, tile by tile
        let f = &s.f;
        for r in sentences {
            let n = r.len();
            s.best.clear();
            s.best.resize(n, (f32::NEG_INFINITY, 0));
            let mut c0 = 0;
            while c0 <= n {
                let w = TILE.min(n + 1 - c0);
                let root_tail = &self.root_tail;
                s.cols.pack_columns(hid, w, |jj| {
                    let j = c0 + jj;
                    if j == 0 {
                        root_tail
                    } else {
                        let t = r.start + j - 1;
                        &f[t * h4 + hid..t * h4 + 2 * hid]
                    }
                });
                let a = &s.a[r.start * hid..r.end * hid];
                best_columns(a, n, &s.cols, c0, &mut s.best, &mut s.scores);
                c0 += w;
            }
            for (o, b) in out[r.clone()].iter_mut().zip(&s.best) {
                o.head = b.1;
            }
        }

        // relations: each distinct head through the rel-head layer and the rel kernel once
        s.g_row.clear();
        s.g_row.resize(m, NONE);
        s.distinct.clear();
        for r in sentences {
            for o in &out[r.clone()] {
                if o.head > 0 {
                    let q = r.start + o.head as usize - 1;
                    if s.g_row[q] == NONE {
                        s.g_row[q] = s.distinct.len() as u32;
                        s.distinct.push(q as u32);
                    }
                }
            }
        }
        let rh = self.rels * hid;
        s.hr.clear();
        for &q in &s.distinct {
            let q = q as usize;
            s.hr.extend_from_slice(&f[q * h4 + 2 * hid..q * h4 + 3 * hid]);
        }
        s.g.resize(s.distinct.len() * rh, 0.0);
        sparse::matmul(
            &s.hr,
            s.distinct.len(),
            &self.rel_kernel,
            &mut s.g,
            &mut s.nz,
        );
        for r in sentences {
            for (i, o) in out[r.clone()]
                .iter_mut()
                .enumerate()
                .map(|(k, o)| (r.start + k, o))
            {
                let g = if o.head == 0 {
                    &self.root_rel[..]
                } else {
                    let row = s.g_row[r.start + o.head as usize - 1] as usize;
                    &s.g[row * rh..(row + 1) * rh]
                };
                let tail = &f[i * h4 + 3 * hid..(i + 1) * h4];
                let mut best = (f32::NEG_INFINITY, 0u32);
                for (l, gl) in g.chunks_exact(hid).enumerate() {
                    let v = dot(gl, tail);
                    if v > best.0 {
                        best = (v, l as u32);
                    }
                }
                o.rel = best.1;
            }
        }
    }
}

/// For each of the `m` rows of `a` (`m × k`, `k = b.rows()`), its products with the columns
/// of `b`, numbered from `c0`: where the greatest beats `best[i]`'s score, `best[i]` becomes
/// it and the first column giving it. With AVX2 and FMA the products are never stored; each
/// is the same sum as [`matmul`]'s (so the choice is the same). `scores` is scratch space.
fn best_columns(
    a: &[f32],
    m: usize,
    b: &Packed,
    c0: usize,
    best: &mut [(f32, u32)],
    scores: &mut Vec<f32>,
) {
    assert!(a.len() >= m * b.rows() && best.len() >= m);
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
            // SAFETY: the processor has AVX2 and FMA, checked just above; sizes checked above.
            unsafe { avx2::best_columns(a, m, b, c0, best) };
            return;
        }
    }
    let w = b.cols();
    let mut r0 = 0;
    while r0 < m {
        let rows = ROWS.min(m - r0);
        scores.resize(rows * w, 0.0);
        matmul(&a[r0 * b.rows()..], rows, b, scores);
        for (row, best) in scores[..rows * w]
            .chunks_exact(w)
            .zip(&mut best[r0..r0 + rows])
        {
            let (v, jj) = first_max(row);
            if v > best.0 {
                *best = (v, (c0 + jj) as u32);
            }
        }
        r0 += rows;
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use dyad_ner::gemm::{Packed, NR};
    use std::arch::x86_64::*;

    /// Rows of `a` in a block.
    const MR: usize = 6;

    /// [`super::best_columns`] with AVX2 and FMA.
    ///
    /// # Safety
    /// The processor must have AVX2 and FMA; `a.len() >= m * b.rows()`, `best.len() >= m`.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn best_columns(
        a: &[f32],
        m: usize,
        b: &Packed,
        c0: usize,
        best: &mut [(f32, u32)],
    ) {
        let (k, n) = (b.rows(), b.cols());
        assert!(a.len() >= m * k && best.len() >= m);
        assert!(b.panels().len() == n.div_ceil(NR) * k * NR);
        let mut r = 0;
        while r < m {
            let rows = MR.min(m - r);
            let (a, best) = (&a[r * k..(r + rows) * k], &mut best[r..r + rows]);
            match rows {
                6 => block::<6>(a, b, c0, best),
                5 => block::<5>(a, b, c0, best),
                4 => block::<4>(a, b, c0, best),
                3 => block::<3>(a, b, c0, best),
                2 => block::<2>(a, b, c0, best),
                _ => block::<1>(a, b, c0, best),
            }
            r += rows;
        }
    }

    /// `R` rows of `a` against every column of `b`.
    #[inline(always)]
    unsafe fn block<const R: usize>(a: &[f32], b: &Packed, c0: usize, best: &mut [(f32, u32)]) {
        let (k, n) = (b.rows(), b.cols());
        let (ap, bp) = (a.as_ptr(), b.panels().as_ptr());
        let minus_inf = _mm256_set1_ps(f32::NEG_INFINITY);
        let lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
        // per row and lane: the best score so far and its column
        let mut bv = [[minus_inf; 2]; R];
        let mut bi = [[_mm256_setzero_si256(); 2]; R];
        for p in 0..n.div_ceil(NR) {
            let panel = bp.add(p * k * NR);
            let mut acc = [[_mm256_setzero_ps(); 2]; R];
            for kk in 0..k {
                let b0 = _mm256_loadu_ps(panel.add(kk * NR));
                let b1 = _mm256_loadu_ps(panel.add(kk * NR + 8));
                for (i, acc) in acc.iter_mut().enumerate() {
                    let x = _mm256_broadcast_ss(&*ap.add(i * k + kk));
                    acc[0] = _mm256_fmadd_ps(x, b0, acc[0]);
                    acc[1] = _mm256_fmadd_ps(x, b1, acc[1]);
                }
            }
            let col = p * NR;
            let idx = [
                _mm256_add_epi32(_mm256_set1_epi32(col as i32), lanes),
                _mm256_add_epi32(_mm256_set1_epi32(col as i32 + 8), lanes),
            ];
            // columns past the last (the panel's zero padding) take no part
            let valid = if n - col < NR {
                let end = _mm256_set1_epi32((n - col) as i32);
                [
                    _mm256_cmpgt_epi32(end, lanes),
                    _mm256_cmpgt_epi32(end, _mm256_add_epi32(lanes, _mm256_set1_epi32(8))),
                ]
            } else {
                [_mm256_set1_epi32(-1); 2]
            };
            for i in 0..R {
                for h in 0..2 {
                    let v = _mm256_blendv_ps(minus_inf, acc[i][h], _mm256_castsi256_ps(valid[h]));
                    let gt = _mm256_cmp_ps::<_CMP_GT_OQ>(v, bv[i][h]);
                    bv[i][h] = _mm256_blendv_ps(bv[i][h], v, gt);
                    bi[i][h] = _mm256_blendv_epi8(bi[i][h], idx[h], _mm256_castps_si256(gt));
                }
            }
        }
        for i in 0..R {
            let mut vals = [0.0f32; NR];
            let mut cols = [0u32; NR];
            for h in 0..2 {
                _mm256_storeu_ps(vals.as_mut_ptr().add(8 * h), bv[i][h]);
                _mm256_storeu_si256(cols.as_mut_ptr().add(8 * h) as *mut __m256i, bi[i][h]);
            }
            // the lanes' best, ties going to the first column
            let (mut v, mut c) = (f32::NEG_INFINITY, 0u32);
            for (&lv, &lc) in vals.iter().zip(&cols) {
                if lv > v || (lv == v && lv > f32::NEG_INFINITY && lc < c) {
                    (v, c) = (lv, lc);
                }
            }
            if v > best[i].0 {
                best[i] = (v, c0 as u32 + c);
            }
        }
    }
}

/// The greatest value of `row` and the index of its first occurrence (numpy's `argmax`
/// for values that are not NaN); `(-inf, 0)` when there is none greater. Eight lanes keep
/// their own first best (vectorisable), then the lanes are merged, ties going to the
/// smaller index.
#[inline(always)]
fn first_max(row: &[f32]) -> (f32, usize) {
    let mut vals = [f32::NEG_INFINITY; 8];
    let mut idx = [0u32; 8];
    let chunks = row.chunks_exact(8);
    let rest = chunks.remainder();
    for (c, ch) in chunks.enumerate() {
        for l in 0..8 {
            let v = ch[l];
            let gt = v > vals[l];
            vals[l] = if gt { v } else { vals[l] };
            idx[l] = if gt { (c * 8 + l) as u32 } else { idx[l] };
        }
    }
    let (mut bv, mut bi) = (f32::NEG_INFINITY, 0usize);
    for l in 0..8 {
        let i = idx[l] as usize;
        if vals[l] > bv || (vals[l] == bv && vals[l] > f32::NEG_INFINITY && i < bi) {
            (bv, bi) = (vals[l], i);
        }
    }
    let base = row.len() - rest.len();
    for (k, &v) in rest.iter().enumerate() {
        if v > bv {
            (bv, bi) = (v, base + k);
        }
    }
    (bv, bi)
}

/// A dot product summed in 8 lanes (vectorisable; the order is fixed, so the result does
/// not depend on the instruction set).
#[inline(always)]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in (&mut ca).zip(&mut cb) {
        for l in 0..8 {
            lanes[l] += x[l] * y[l];
        }
    }
    let mut v = 0.0;
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        v += x * y;
    }
    let l = &lanes;
    v + (((l[0] + l[4]) + (l[1] + l[5])) + ((l[2] + l[6]) + (l[3] + l[7])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_max_is_numpys_argmax() {
        let naive = |row: &[f32]| {
            let mut best = (f32::NEG_INFINITY, 0);
            for (i, &v) in row.iter().enumerate() {
                if v > best.0 {
                    best = (v, i);
                }
            }
            best
        };
        let mut x = 12345u32;
        for n in 0..70 {
            for _ in 0..20 {
                let row: Vec<f32> = (0..n)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        match x >> 28 {
                            0 => f32::NEG_INFINITY,
                            v => (v % 5) as f32, // many ties
                        }
                    })
                    .collect();
                assert_eq!(first_max(&row), naive(&row), "{row:?}");
            }
        }
        assert_eq!(first_max(&[]), (f32::NEG_INFINITY, 0));
        assert_eq!(first_max(&[f32::NEG_INFINITY; 9]), (f32::NEG_INFINITY, 0));
    }

    #[test]
    fn best_columns_is_the_argmax_of_the_product() {
        let mut x = 777u32;
        let mut rnd = |ties: bool| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let v = (x >> 16) as f32 / 65536.0 - 0.5;
            if ties {
                (v * 4.0).round() // few distinct values: many ties
            } else {
                v
            }
        };
        for &(m, k, n) in &[
            (1, 1, 1),
            (7, 32, 17),
            (6, 32, 16),
            (13, 5, 33),
            (20, 32, 100),
            (3, 0, 5),
        ] {
            for ties in [false, true] {
                let a: Vec<f32> = (0..m * k).map(|_| rnd(ties)).collect();
                let bt: Vec<f32> = (0..n * k).map(|_| rnd(ties)).collect();
                let mut b = Packed::empty();
                b.pack_columns(k, n, |j| &bt[j * k..(j + 1) * k]);
                let mut scores = vec![0.0; m * n];
                matmul(&a, m, &b, &mut scores);
                for c0 in [0, 1000] {
                    let mut prior = vec![(f32::NEG_INFINITY, 0u32); m];
                    prior[0] = (0.25, 7); // a better earlier tile keeps its column
                    let mut got = prior.clone();
                    best_columns(&a, m, &b, c0, &mut got, &mut Vec::new());
                    for i in 0..m {
                        let (v, j) = first_max(&scores[i * n..(i + 1) * n]);
                        let want = if v > prior[i].0 {
                            (v, (c0 + j) as u32)
                        } else {
                            prior[i]
                        };
                        assert_eq!(got[i], want, "{m}×{k}×{n} row {i} ties {ties}");
                    }
                }
            }
        }
    }

    #[test]
    fn dot_products() {
        let a: Vec<f32> = (0..37).map(|i| i as f32 * 0.5 - 3.0).collect();
        let b: Vec<f32> = (0..37).map(|i| (i % 5) as f32 - 2.0).collect();
        for n in [0, 1, 7, 8, 9, 16, 32, 37] {
            let want: f64 = (0..n).map(|i| a[i] as f64 * b[i] as f64).sum();
            assert!((dot(&a[..n], &b[..n]) as f64 - want).abs() < 1e-3, "{n}");
        }
    }
}
