//! `C = A · B` for row-major `f32` matrices where `B` is a weight matrix packed once, at
//! load, into panels of [`NR`] columns (`k × NR` values each, contiguous).
//!
//! The kernel keeps a block of [`MR`] × [`NR`] results in registers and, for each of the
//! `k` steps, broadcasts one value of each of the `MR` rows of `A` against one row of the
//! panel: 12 fused multiply-adds of 8 lanes per step with AVX2. Nothing is allocated and
//! `A` is read in place. On x86-64 processors with AVX2 and FMA (checked at run time) the
//! kernel is written with `std::arch` intrinsics, so that the 12 accumulators stay in
//! registers; elsewhere a portable kernel of plain Rust does the same product.

/// Columns of a panel (two AVX registers of 8 lanes).
pub const NR: usize = 16;
/// Rows of `A` in a block.
pub const MR: usize = 6;

/// A `k × n` matrix in panels of `NR` columns, the last one padded with zeros.
pub struct Packed {
    k: usize,
    n: usize,
    panels: Vec<f32>,
}

impl Packed {
    /// Packs the row-major `k × n` matrix `b`.
    pub fn new(b: &[f32], k: usize, n: usize) -> Packed {
        assert!(b.len() >= k * n, "Packed::new: matrix too short");
        let np = n.div_ceil(NR);
        let mut panels = vec![0.0; np * k * NR];
        for p in 0..np {
            for kk in 0..k {
                for j in 0..NR.min(n - p * NR) {
                    panels[(p * k + kk) * NR + j] = b[kk * n + p * NR + j];
                }
            }
        }
        Packed { k, n, panels }
    }

    /// An empty `0 × 0` matrix, to be filled by [`Packed::pack_columns`].
    pub fn empty() -> Packed {
        Packed {
            k: 0,
            n: 0,
            panels: Vec::new(),
        }
    }

    /// Packs the `k × n` matrix whose column `j` is `col(j)` (its first `k` values) into
    /// `self`, reusing its buffer: for a matrix given as rows of its transpose (the
    /// right-hand side of `A · Bᵀ`), built anew for each product.
    pub fn pack_columns<'a>(&mut self, k: usize, n: usize, col: impl Fn(usize) -> &'a [f32]) {
        let np = n.div_ceil(NR);
        self.k = k;
        self.n = n;
        self.panels.clear();
        self.panels.resize(np * k * NR, 0.0);
        for j in 0..n {
            let (p, jj) = (j / NR, j % NR);
            let c = &col(j)[..k];
            for (kk, &v) in c.iter().enumerate() {
                self.panels[(p * k + kk) * NR + jj] = v;
            }
        }
    }

    pub fn rows(&self) -> usize {
        self.k
    }

    /// The panels: for each `NR` columns, `k` rows of `NR` values (zeros past the last
    /// column).
    pub fn panels(&self) -> &[f32] {
        &self.panels
    }

    pub fn cols(&self) -> usize {
        self.n
    }
}

/// `c[..m × n] = a[..m × k] · b`.
pub fn matmul(a: &[f32], m: usize, b: &Packed, c: &mut [f32]) {
    assert!(
        a.len() >= m * b.k && c.len() >= m * b.n,
        "matmul: slices too short"
    );
    if m == 0 || b.n == 0 {
        return;
    }
    if b.k == 0 {
        c[..m * b.n].fill(0.0);
        return;
    }
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
            // SAFETY: the processor has AVX2 and FMA, checked just above; the sizes of `a`
            // and `c` are checked at the top of this function.
            unsafe { avx2::product(a, m, b, c) };
            return;
        }
    }
    product::<false>(a, m, b, c);
}

/// The portable kernel (any processor; also the reference the AVX2 kernel is tested against).
#[inline(always)]
fn product<const FMA: bool>(a: &[f32], m: usize, b: &Packed, c: &mut [f32]) {
    let (k, n) = (b.k, b.n);
    for (p, panel) in b.panels.chunks_exact(k * NR).enumerate() {
        let c0 = p * NR;
        let w = NR.min(n - c0);
        let mut r = 0;
        while r + MR <= m {
            block::<MR, FMA>(&a[r * k..(r + MR) * k], k, panel, &mut c[r * n..], n, c0, w);
            r += MR;
        }
        let rest = &a[r * k..m * k];
        let out = &mut c[r * n..];
        match m - r {
            1 => block::<1, FMA>(rest, k, panel, out, n, c0, w),
            2 => block::<2, FMA>(rest, k, panel, out, n, c0, w),
            3 => block::<3, FMA>(rest, k, panel, out, n, c0, w),
            4 => block::<4, FMA>(rest, k, panel, out, n, c0, w),
            5 => block::<5, FMA>(rest, k, panel, out, n, c0, w),
            _ => {}
        }
    }
}

/// `R` rows of `a` (`R × k`) times one panel, into columns `c0..c0 + w` of `c`'s first `R` rows.
#[inline(always)]
fn block<const R: usize, const FMA: bool>(
    a: &[f32],
    k: usize,
    panel: &[f32],
    c: &mut [f32],
    n: usize,
    c0: usize,
    w: usize,
) {
    let mut acc = [[0.0f32; NR]; R];
    let rows: [&[f32]; R] = std::array::from_fn(|i| &a[i * k..(i + 1) * k]);
    for (kk, bv) in panel.chunks_exact(NR).enumerate().take(k) {
        let bv: &[f32; NR] = bv.try_into().expect("a panel row has NR values");
        for i in 0..R {
            let x = rows[i][kk];
            for j in 0..NR {
                acc[i][j] = if FMA {
                    x.mul_add(bv[j], acc[i][j])
                } else {
                    acc[i][j] + x * bv[j]
                };
            }
        }
    }
    for (i, row) in acc.iter().enumerate() {
        c[i * n + c0..i * n + c0 + w].copy_from_slice(&row[..w]);
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{Packed, MR, NR};
    use std::arch::x86_64::*;

    /// [`super::product`] with AVX2 and FMA.
    ///
    /// # Safety
    /// The processor must have AVX2 and FMA, and `a.len() >= m * b.k`, `c.len() >= m * b.n`.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn product(a: &[f32], m: usize, b: &Packed, c: &mut [f32]) {
        let (k, n) = (b.k, b.n);
        assert!(a.len() >= m * k && c.len() >= m * n && b.panels.len() == n.div_ceil(NR) * k * NR);
        for (p, panel) in b.panels.chunks_exact(k * NR).enumerate() {
            let c0 = p * NR;
            let w = NR.min(n - c0);
            let mut r = 0;
            while r + MR <= m {
                block::<MR>(&a[r * k..(r + MR) * k], k, panel, &mut c[r * n..], n, c0, w);
                r += MR;
            }
            let rest = &a[r * k..m * k];
            let out = &mut c[r * n..];
            match m - r {
                1 => block::<1>(rest, k, panel, out, n, c0, w),
                2 => block::<2>(rest, k, panel, out, n, c0, w),
                3 => block::<3>(rest, k, panel, out, n, c0, w),
                4 => block::<4>(rest, k, panel, out, n, c0, w),
                5 => block::<5>(rest, k, panel, out, n, c0, w),
                _ => {}
            }
        }
    }

    /// `R` rows of `a` times one panel into columns `c0..c0 + w` of `c`'s first `R` rows.
    #[inline(always)]
    unsafe fn block<const R: usize>(
        a: &[f32],
        k: usize,
        panel: &[f32],
        c: &mut [f32],
        n: usize,
        c0: usize,
        w: usize,
    ) {
        // every pointer below stays inside these bounds
        assert!(a.len() >= R * k && panel.len() >= k * NR && w <= NR);
        let (ap, bp) = (a.as_ptr(), panel.as_ptr());
        let mut acc = [[_mm256_setzero_ps(); 2]; R];
        for kk in 0..k {
            let b0 = _mm256_loadu_ps(bp.add(kk * NR));
            let b1 = _mm256_loadu_ps(bp.add(kk * NR + 8));
            for (i, acc) in acc.iter_mut().enumerate() {
                let x = _mm256_broadcast_ss(&*ap.add(i * k + kk));
                acc[0] = _mm256_fmadd_ps(x, b0, acc[0]);
                acc[1] = _mm256_fmadd_ps(x, b1, acc[1]);
            }
        }
        for (i, acc) in acc.iter().enumerate() {
            let dst = &mut c[i * n + c0..i * n + c0 + w];
            if w == NR {
                _mm256_storeu_ps(dst.as_mut_ptr(), acc[0]);
                _mm256_storeu_ps(dst.as_mut_ptr().add(8), acc[1]);
            } else {
                let mut tmp = [0.0f32; NR];
                _mm256_storeu_ps(tmp.as_mut_ptr(), acc[0]);
                _mm256_storeu_ps(tmp.as_mut_ptr().add(8), acc[1]);
                dst.copy_from_slice(&tmp[..w]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[f32], m: usize, k: usize, b: &[f32], n: usize) -> Vec<f32> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k)
                    .map(|t| a[i * k + t] as f64 * b[t * n + j] as f64)
                    .sum::<f64>() as f32;
            }
        }
        c
    }

    #[test]
    fn matches_the_naive_product_for_all_edge_sizes() {
        for &(m, k, n) in &[
            (1, 1, 1),
            (7, 3, 17),
            (6, 16, 16),
            (13, 5, 33),
            (2, 0, 3),
            (0, 4, 4),
            (31, 40, 8),
        ] {
            let a: Vec<f32> = (0..m * k)
                .map(|i| ((i * 37 % 11) as f32 - 5.0) * 0.25)
                .collect();
            let b: Vec<f32> = (0..k * n)
                .map(|i| ((i * 53 % 13) as f32 - 6.0) * 0.5)
                .collect();
            let mut c = vec![f32::NAN; m * n];
            matmul(&a, m, &Packed::new(&b, k, n), &mut c);
            let want = naive(&a, m, k, &b, n);
            let mut by_columns = Packed::empty();
            let bt: Vec<f32> = (0..n * k).map(|i| b[(i % k) * n + i / k]).collect();
            by_columns.pack_columns(k, n, |j| &bt[j * k..(j + 1) * k]);
            let mut c3 = vec![f32::NAN; m * n];
            matmul(&a, m, &by_columns, &mut c3);
            assert!(c3 == c, "{m}×{k}×{n}: pack_columns differs from new");
            for (x, y) in c.iter().zip(&want) {
                assert!(
                    (x - y).abs() <= 1e-4 * (1.0 + y.abs()),
                    "{m}×{k}×{n}: {x} vs {y}"
                );
            }
            if k > 0 && m > 0 {
                let mut c2 = vec![f32::NAN; m * n];
                product::<false>(&a, m, &Packed::new(&b, k, n), &mut c2);
                for (x, y) in c2.iter().zip(&want) {
                    assert!((x - y).abs() <= 1e-4 * (1.0 + y.abs()));
                }
            }
        }
    }

    /// Throughput of the kernel on the model's shapes:
    /// `cargo test --release -p dyad-ner gemm_speed -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn gemm_speed() {
        for &(m, k, n) in &[
            (256, 256, 384),
            (256, 128, 192),
            (256, 64, 8),
            (64, 300, 768),
            (256, 300, 768),
        ] {
            let a: Vec<f32> = (0..m * k).map(|i| (i % 7) as f32 * 0.1).collect();
            let b = Packed::new(
                &(0..k * n).map(|i| (i % 5) as f32 * 0.1).collect::<Vec<_>>(),
                k,
                n,
            );
            let mut c = vec![0.0; m * n];
            let mut best = f64::MAX;
            for _ in 0..50 {
                let t = std::time::Instant::now();
                for _ in 0..20 {
                    matmul(&a, m, &b, &mut c);
                }
                best = best.min(t.elapsed().as_secs_f64() / 20.0);
            }
            println!(
                "{m}×{k}×{n}: {:.1} GFLOPS",
                2.0 * (m * k * n) as f64 / best / 1e9
            );
        }
    }
}
