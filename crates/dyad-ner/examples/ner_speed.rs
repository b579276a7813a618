//! Throughput of segment + NER over a folder of .txt files, one thread.
//!
//! usage: cargo run --release -p dyad-ner --example ner_speed -- DIR [SECONDS] [--cache WORDS] [--passes N] [--threads N] [--warm DIR2]
//!
//! Prints the model's load time, then: the first pass over the texts with an empty word
//! cache (what a new process sees on new text; with --warm DIR2, after tagging the texts of
//! DIR2 untimed: new text once the cache has seen other news), the passes after it until
//! SECONDS have gone (the cache then holds every word of the folder, so this is an upper
//! bound for a long stream of news), with --threads N the same on N threads sharing one
//! model (a lower bound: passes are counted whole on each thread), and segmentation alone;
//! the fastest warm pass is printed too (on a busy machine it is the steadiest figure); then the peak resident memory
//! (VmHWM). Each line also says how much of the wall time the thread was on a CPU: below
//! 100% the machine was busy with other work and the rates are lower than they would be.
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: ner_speed DIR [SECONDS] [--cache WORDS] [--passes N] [--threads N] [--warm DIR2]");
        std::process::exit(2);
    };
    let seconds: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|s| s.parse().ok())
    };
    let cache: Option<usize> = opt("--cache");
    // a fixed number of warm passes instead of SECONDS
    let fixed_passes: Option<usize> = opt("--passes");
    // also run the warm passes on this many threads sharing the model (texts dealt out)
    let threads: usize = opt("--threads").unwrap_or(1);
    let texts = read_texts(dir);
    let bytes: usize = texts.iter().map(String::len).sum();
    let tokens: usize = texts
        .iter()
        .map(|t| dyad_lang::segment(t).tokens.len())
        .sum();

    let t0 = Instant::now();
    let mut ner = dyad_ner::SlovnetNer::load().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let load_s = t0.elapsed().as_secs_f64();
    if let Some(words) = cache {
        ner = ner.with_cache_capacity(words);
    }
    println!(
        "load {:.3} s; {} texts, {} bytes, {} tokens a pass",
        load_s,
        texts.len(),
        bytes,
        tokens
    );

    let report = |label: &str, passes: usize, secs: f64, cpu: f64| {
        let n = passes as f64;
        println!(
            "{label:24} {:7.1} articles/s {:6.3} MB/s {:7.0} tokens/s  ({passes} passes, {secs:.2} s; on CPU {:.0}% of it: {:.0} articles, {:.0} tokens per CPU-second)",
            n * texts.len() as f64 / secs,
            n * bytes as f64 / 1e6 / secs,
            n * tokens as f64 / secs,
            100.0 * cpu / secs,
            n * texts.len() as f64 / cpu,
            n * tokens as f64 / cpu,
        );
    };

    let mut cold = "segment+NER, cold cache";
    if let Some(other) = args
        .iter()
        .position(|a| a == "--warm")
        .and_then(|i| args.get(i + 1))
    {
        // new text after the cache has seen other news: a stream's steady state
        for t in read_texts(other) {
            ner.entities(&t);
        }
        cold = "first pass, cache warm";
    }
    let mut entities = 0usize;
    let (start, cpu) = (Instant::now(), cpu_seconds());
    for t in &texts {
        entities += ner.entities(t).len();
    }
    report(cold, 1, start.elapsed().as_secs_f64(), cpu_seconds() - cpu);

    let (start, cpu, mut passes, mut best) = (Instant::now(), cpu_seconds(), 0, f64::MAX);
    while passes == 0
        || fixed_passes.map_or(start.elapsed().as_secs_f64() < seconds, |p| passes < p)
    {
        let pass = Instant::now();
        for t in &texts {
            std::hint::black_box(ner.entities(t));
        }
        best = best.min(pass.elapsed().as_secs_f64());
        passes += 1;
    }
    report(
        "segment+NER, warm cache",
        passes,
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu,
    );
    println!(
        "{:24} {:7.1} articles/s {:6.3} MB/s {:7.0} tokens/s",
        "  its fastest pass",
        texts.len() as f64 / best,
        bytes as f64 / 1e6 / best,
        tokens as f64 / best
    );

    if threads > 1 {
        let start = Instant::now();
        let passes = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|k| {
                    let (ner, texts) = (&ner, &texts);
                    scope.spawn(move || {
                        let mut passes = 0;
                        while passes == 0 || start.elapsed().as_secs_f64() < seconds {
                            for t in texts.iter().skip(k).step_by(threads) {
                                std::hint::black_box(ner.entities(t));
                            }
                            passes += 1;
                        }
                        passes
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap())
                .min()
                .unwrap_or(1)
        });
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{:24} {:7.1} articles/s {:6.3} MB/s {:7.0} tokens/s  (at least {passes} passes on each of {threads} threads, {secs:.2} s)",
            format!("warm, {threads} threads"),
            (passes * texts.len()) as f64 / secs,
            (passes * bytes) as f64 / 1e6 / secs,
            (passes * tokens) as f64 / secs,
        );
    }

    let (start, cpu, mut passes) = (Instant::now(), cpu_seconds(), 0);
    while passes == 0 || start.elapsed().as_secs_f64() < seconds.min(1.0) {
        for t in &texts {
            std::hint::black_box(dyad_lang::segment(t));
        }
        passes += 1;
    }
    report(
        "segment only",
        passes,
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu,
    );
    println!("entities a pass {entities}");
    println!(
        "peak memory {}",
        vm_hwm().unwrap_or_else(|| "unknown".to_string())
    );
}

fn read_texts(dir: &str) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read text"))
        .collect()
}

/// Time this thread has spent on a CPU (the machine may be shared: wall time can be more).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn vm_hwm() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.1} MB (VmHWM)", kb / 1024.0))
}
