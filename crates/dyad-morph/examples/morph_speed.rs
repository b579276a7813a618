//! Speed of the analyzer: reads every .txt under a folder, splits the text into words on
//! non-letters, and reports the dictionary's load time, words per second for `parse`
//! (single thread; all analyses with lemmas and probabilities), the same through a
//! per-word cache (`ParseCache`, fresh and warm), and peak memory (VmHWM). A second
//! argument sets the number of passes (best one reported).
//!
//! `cargo run --release -p dyad-morph --example morph_speed -- ../shared/bench/factru-2016/devset`
//!
//! The reference `scripts/pymorphy_speed.py` measures pymorphy on the same words.

use dyad_morph::{Morph, ParseCache};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/bench/factru-2016/devset".to_string());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let mut files = Vec::new();
    txt_files(Path::new(&dir), &mut files);
    let mut words: Vec<String> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f)?;
        words.extend(
            text.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
    }
    let distinct = words.iter().collect::<std::collections::HashSet<_>>().len();
    println!(
        "{} files, {} words ({} distinct) from {}",
        files.len(),
        words.len(),
        distinct,
        dir
    );

    let t = Instant::now();
    let morph = Morph::load()?;
    let load = t.elapsed().as_secs_f64();
    println!(
        "load: {:.3} s, dictionary tables {:.1} MB",
        load,
        morph.heap_size() as f64 / 1e6
    );

    // Uncached: every word parsed afresh.
    let mut best = f64::INFINITY;
    let mut check = 0usize;
    for _ in 0..rounds {
        let t = Instant::now();
        for w in &words {
            let parses = morph.parse(w);
            check += parses[0].normal_form.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "parse: {:.0} words/s ({:.3} s per pass, best of {rounds})",
        words.len() as f64 / best,
        best
    );

    // Cached: repeated words come from the cache.
    let mut best_cached = f64::INFINITY;
    for _ in 0..rounds {
        let mut cache = ParseCache::new(&morph, 1 << 16);
        let t = Instant::now();
        for w in &words {
            check += cache.parse(w)[0].normal_form.len();
        }
        best_cached = best_cached.min(t.elapsed().as_secs_f64());
    }
    println!(
        "parse with cache: {:.0} words/s ({:.3} s per pass, fresh cache each pass)",
        words.len() as f64 / best_cached,
        best_cached
    );
    // Warm cache: a second pass over the same text, as a long-running process sees news
    // vocabulary again.
    let mut cache = ParseCache::new(&morph, 1 << 16);
    for w in &words {
        check += cache.parse(w).len();
    }
    let mut best_warm = f64::INFINITY;
    for _ in 0..rounds {
        let t = Instant::now();
        for w in &words {
            check += cache.parse(w)[0].normal_form.len();
        }
        best_warm = best_warm.min(t.elapsed().as_secs_f64());
    }
    println!(
        "parse with warm cache: {:.0} words/s ({:.3} s per pass)",
        words.len() as f64 / best_warm,
        best_warm
    );
    if let Some(kb) = vm_hwm_kb() {
        println!("peak memory (VmHWM): {:.1} MB", kb as f64 / 1024.0);
    }
    std::hint::black_box(check);
    Ok(())
}
