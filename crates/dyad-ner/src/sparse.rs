//! `C = A · B` where the rows of `A` are mostly zeros (relu outputs) and `B` is a weight
//! matrix stored row-major at load: each row of `C` is the sum of the rows of `B` picked
//! by the non-zero entries of the row of `A`, each scaled by its entry.
//!
//! Every value of `C` is the sum over the non-zero entries in increasing order, one
//! multiply-add at a time (fused with AVX2 and FMA), so it equals a dense product summed in
//! that order: the zeros it skips would have added exactly nothing. On x86-64 processors
//! with AVX2 and FMA (checked at run time) the non-zero entries are found 8 at a time and
//! [`CHUNK`] columns are kept in registers; elsewhere a portable loop does the same sums.

/// Columns of `C` summed in registers at once (12 AVX registers).
pub const CHUNK: usize = 96;

/// A `k × n` matrix, row-major, each row padded with zeros to a multiple of 8 values.
pub struct RowMajor {
    k: usize,
    n: usize,
    stride: usize,
    data: Vec<f32>,
}

impl RowMajor {
    /// Stores the row-major `k × n` matrix `b`.
    pub fn new(b: &[f32], k: usize, n: usize) -> RowMajor {
        assert!(b.len() >= k * n, "RowMajor::new: matrix too short");
        let stride = n.div_ceil(8) * 8;
        let mut data = vec![0.0; k * stride];
        for i in 0..k {
            data[i * stride..i * stride + n].copy_from_slice(&b[i * n..(i + 1) * n]);
        }
        RowMajor { k, n, stride, data }
    }

    pub fn rows(&self) -> usize {
        self.k
    }

    pub fn cols(&self) -> usize {
        self.n
    }
}

/// The non-zero entries of a row: their indexes and values (8 spare slots at the end, for
/// the vector stores of the AVX2 path).
#[derive(Default)]
pub struct NonZeros {
    idx: Vec<u32>,
    val: Vec<f32>,
    len: usize,
}

impl NonZeros {
    fn reserve(&mut self, k: usize) {
        if self.idx.len() < k + 8 {
            self.idx.resize(k + 8, 0);
            self.val.resize(k + 8, 0.0);
        }
    }
}

/// `c[..m × n] = a[..m × k] · b`, skipping the zeros of `a`. `nz` is scratch space.
pub fn matmul(a: &[f32], m: usize, b: &RowMajor, c: &mut [f32], nz: &mut NonZeros) {
    let (k, n) = (b.k, b.n);
    assert!(
        a.len() >= m * k && c.len() >= m * n,
        "sparse::matmul: slices too short"
    );
    nz.reserve(k);
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
            for t in 0..m {
                // SAFETY: the processor has AVX2 and FMA, checked just above; the row
                // lengths are checked at the top of this function.
                unsafe {
                    avx2::nonzeros(&a[t * k..(t + 1) * k], nz);
                    avx2::row(nz, b, &mut c[t * n..(t + 1) * n]);
                }
            }
            return;
        }
    }
    for t in 0..m {
        nz.len = 0;
        for (i, &v) in a[t * k..(t + 1) * k].iter().enumerate() {
            if v != 0.0 {
                nz.idx[nz.len] = i as u32;
                nz.val[nz.len] = v;
                nz.len += 1;
            }
        }
        let out = &mut c[t * n..(t + 1) * n];
        out.fill(0.0);
        for (&i, &v) in nz.idx[..nz.len].iter().zip(&nz.val[..nz.len]) {
            let row = &b.data[i as usize * b.stride..i as usize * b.stride + n];
            for (o, w) in out.iter_mut().zip(row) {
                *o += v * w;
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{NonZeros, RowMajor, CHUNK};
    use std::arch::x86_64::*;

    /// For each 8-bit mask, the positions of its set bits, first to last.
    static PACK: [[u32; 8]; 256] = pack_table();

    const fn pack_table() -> [[u32; 8]; 256] {
        let mut t = [[0u32; 8]; 256];
        let mut m = 0;
        while m < 256 {
            let (mut c, mut j) = (0, 0);
            while j < 8 {
                if m & (1 << j) != 0 {
                    t[m][c] = j as u32;
                    c += 1;
                }
                j += 1;
            }
            m += 1;
        }
        t
    }

    /// The non-zero entries of `a`, in order, into `nz` (reserved for `a.len()`): 8 values
    /// at a time, packed to the left by a permutation and stored whole, without branches.
    ///
    /// # Safety
    /// The processor must have AVX2; `nz` must have room for `a.len() + 8` entries.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn nonzeros(a: &[f32], nz: &mut NonZeros) {
        assert!(nz.idx.len() >= a.len() + 8 && nz.val.len() >= a.len() + 8);
        let zero = _mm256_setzero_ps();
        let (ip, vp) = (nz.idx.as_mut_ptr(), nz.val.as_mut_ptr());
        let mut len = 0usize;
        let mut chunks = a.chunks_exact(8);
        let mut base = _mm256_setzero_si256();
        let eight = _mm256_set1_epi32(8);
        for ch in &mut chunks {
            let v = _mm256_loadu_ps(ch.as_ptr());
            // not equal, unordered: NaN counts as non-zero
            let mask = _mm256_movemask_ps(_mm256_cmp_ps::<_CMP_NEQ_UQ>(v, zero)) as usize;
            let perm = _mm256_loadu_si256(PACK[mask].as_ptr() as *const __m256i);
            _mm256_storeu_si256(ip.add(len) as *mut __m256i, _mm256_add_epi32(base, perm));
            _mm256_storeu_ps(vp.add(len), _mm256_permutevar8x32_ps(v, perm));
            len += mask.count_ones() as usize;
            base = _mm256_add_epi32(base, eight);
        }
        let start = a.len() - chunks.remainder().len();
        for (j, &v) in chunks.remainder().iter().enumerate() {
            if v != 0.0 {
                nz.idx[len] = (start + j) as u32;
                nz.val[len] = v;
                len += 1;
            }
        }
        nz.len = len;
    }

    /// `out = Σ v · b[i]` over the entries of `nz`, `out.len() == b.n`.
    ///
    /// # Safety
    /// The processor must have AVX2 and FMA; every index of `nz` must be a row of `b`.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn row(nz: &NonZeros, b: &RowMajor, out: &mut [f32]) {
        assert!(out.len() == b.n && b.data.len() == b.k * b.stride);
        let (idx, val) = (&nz.idx[..nz.len], &nz.val[..nz.len]);
        assert!(idx.iter().all(|&i| (i as usize) < b.k));
        let mut c0 = 0;
        while c0 < b.n {
            let vecs = (b.n - c0).div_ceil(8).min(CHUNK / 8);
            match vecs {
                12 => chunk::<12>(idx, val, b, c0, out),
                11 => chunk::<11>(idx, val, b, c0, out),
                10 => chunk::<10>(idx, val, b, c0, out),
                9 => chunk::<9>(idx, val, b, c0, out),
                8 => chunk::<8>(idx, val, b, c0, out),
                7 => chunk::<7>(idx, val, b, c0, out),
                6 => chunk::<6>(idx, val, b, c0, out),
                5 => chunk::<5>(idx, val, b, c0, out),
                4 => chunk::<4>(idx, val, b, c0, out),
                3 => chunk::<3>(idx, val, b, c0, out),
                2 => chunk::<2>(idx, val, b, c0, out),
                _ => chunk::<1>(idx, val, b, c0, out),
            }
            c0 += vecs * 8;
        }
    }

    /// Columns `c0..c0 + 8V` (those below `b.n`) of the row.
    #[inline(always)]
    unsafe fn chunk<const V: usize>(
        idx: &[u32],
        val: &[f32],
        b: &RowMajor,
        c0: usize,
        out: &mut [f32],
    ) {
        let mut acc = [_mm256_setzero_ps(); V];
        let base = b.data.as_ptr().add(c0);
        for (&i, &v) in idx.iter().zip(val) {
            let x = _mm256_set1_ps(v);
            let row = base.add(i as usize * b.stride);
            for (j, acc) in acc.iter_mut().enumerate() {
                *acc = _mm256_fmadd_ps(x, _mm256_loadu_ps(row.add(8 * j)), *acc);
            }
        }
        let w = (b.n - c0).min(8 * V);
        if w == 8 * V {
            for (j, acc) in acc.iter().enumerate() {
                _mm256_storeu_ps(out.as_mut_ptr().add(c0 + 8 * j), *acc);
            }
        } else {
            let mut tmp = [0.0f32; super::CHUNK];
            for (j, acc) in acc.iter().enumerate() {
                _mm256_storeu_ps(tmp.as_mut_ptr().add(8 * j), *acc);
            }
            out[c0..c0 + w].copy_from_slice(&tmp[..w]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Throughput on the syntax model's shapes and sparsity:
    /// `cargo test --release -p dyad-ner sparse_speed -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn sparse_speed() {
        for &(k, n, density) in &[(256, 384, 0.17), (128, 192, 0.25), (32, 1440, 0.52)] {
            let m = 256;
            let mut x = 1u32;
            let a: Vec<f32> = (0..m * k)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    if ((x >> 8) as f64 / (1u64 << 24) as f64) < density {
                        1.0
                    } else {
                        0.0
                    }
                })
                .collect();
            let nnz = a.iter().filter(|&&v| v != 0.0).count();
            let b = RowMajor::new(&vec![0.5; k * n], k, n);
            let mut c = vec![0.0; m * n];
            let mut nz = NonZeros::default();
            let mut best = f64::MAX;
            for _ in 0..50 {
                let t = std::time::Instant::now();
                for _ in 0..10 {
                    matmul(&a, m, &b, &mut c, &mut nz);
                }
                best = best.min(t.elapsed().as_secs_f64() / 10.0);
            }
            println!(
                "{k}×{n} at {density}: {:.0} ns a row, {:.1} G multiply-adds/s",
                best * 1e9 / m as f64,
                (nnz * n) as f64 / best / 1e9
            );
        }
    }

    #[test]
    fn matches_the_dense_product() {
        for &(m, k, n) in &[
            (1, 1, 1),
            (3, 7, 17),
            (5, 16, 96),
            (4, 33, 200),
            (2, 0, 5),
            (0, 4, 4),
            (6, 256, 384),
        ] {
            let a: Vec<f32> = (0..m * k)
                .map(|i| {
                    if i % 3 == 0 {
                        (i % 7) as f32 * 0.5
                    } else {
                        0.0
                    }
                })
                .collect();
            let b: Vec<f32> = (0..k * n)
                .map(|i| ((i * 53 % 13) as f32 - 6.0) * 0.25)
                .collect();
            let mut c = vec![f32::NAN; m * n];
            matmul(
                &a,
                m,
                &RowMajor::new(&b, k, n),
                &mut c,
                &mut NonZeros::default(),
            );
            for t in 0..m {
                for j in 0..n {
                    let want: f64 = (0..k)
                        .map(|i| a[t * k + i] as f64 * b[i * n + j] as f64)
                        .sum();
                    let got = c[t * n + j] as f64;
                    assert!(
                        (got - want).abs() <= 1e-4 * (1.0 + want.abs()),
                        "{m}×{k}×{n} [{t}][{j}]: {got} vs {want}"
                    );
                }
            }
        }
    }
}
